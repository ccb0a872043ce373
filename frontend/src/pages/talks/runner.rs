//! For the hosts and the office of the session's place: the applications
//! with their questions, drawing once applications close, who came, a
//! question given to a unit to answer, and cancelling before the start.

use super::mine::follow_up;
use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::{now, today};
use crate::forms::{confirm, FormState};
use crate::i18n::talks::{application_state, texts};
use crate::labels;
use chrono::Duration;
use leptos::prelude::*;
use onestop_domain::community::talks::wire::{
    ApplicationView, AttendanceRequest, CancelTalkRequest, DrawView, RaiseFollowUpRequest, TalkView,
};
use onestop_domain::community::talks::{ApplicationState, TalkState};
use onestop_domain::unit::UnitView;
use onestop_domain::{ApplicationId, TalkId};

#[component]
fn RaiseForm(
    talk: TalkId,
    a: ApplicationView,
    units: Vec<UnitView>,
    changed: RwSignal<u64>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let text = RwSignal::new(a.question.clone());
    let unit = RwSignal::new(String::new());
    let due = RwSignal::new((today() + Duration::days(7)).to_string());
    let state = FormState::new();
    let id = a.id;
    let dom = format!("raise-{id}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if unit.get_untracked().is_empty() {
            state.refuse("unit", ctx.t().err_required);
            return;
        }
        let Ok(due_on) = due.get_untracked().parse::<chrono::NaiveDate>() else {
            state.refuse("due_on", ctx.t().err_date);
            return;
        };
        let Ok(due_on) = onestop_domain::dates::Day::try_from(due_on) else {
            state.refuse("due_on", ctx.t().err_date);
            return;
        };
        let req = RaiseFollowUpRequest {
            text: text.get_untracked(),
            unit: unit.get_untracked(),
            due_on,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.raise_talk_follow_up(talk, id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    let lang = ctx.lang.get_untracked();
    view! {
        <details class="raise">
            <summary>{move || v().to_unit}</summary>
            <form class="inline-form" on:submit=submit novalidate>
                <label for=format!("{dom}-text")>{move || v().question}</label>
                <textarea id=format!("{dom}-text") rows="2" maxlength="1000" bind:value=text></textarea>
                <p class="field-error">{state.errors.message("text")}</p>
                <label for=format!("{dom}-unit")>{move || v().unit}</label>
                <select id=format!("{dom}-unit") on:change=move |ev| unit.set(event_target_value(&ev))>
                    <option value="">{move || v().choose}</option>
                    {units.into_iter().map(|u| view! { <option value=u.code.clone()>{labels::unit(lang, &u)}</option> }).collect_view()}
                </select>
                <p class="field-error">{state.errors.message("unit")}</p>
                <label for=format!("{dom}-due")>{move || v().due_on}</label>
                <input id=format!("{dom}-due") type="date" bind:value=due/>
                <p class="field-error">{state.errors.message("due_on")}</p>
                <p class="form-error" role="alert">{move || state.error.get()}</p>
                <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().give_to_unit}</button>
            </form>
        </details>
    }
}

/// Who came: a box per placed application, saved together.
#[component]
fn Attendance(talk: TalkId, list: Vec<ApplicationView>, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let placed: Vec<_> = list
        .into_iter()
        .filter(|a| a.state == ApplicationState::Placed)
        .collect();
    let present = RwSignal::new(
        placed
            .iter()
            .filter(|a| a.attended == Some(true))
            .map(|a| a.id)
            .collect::<Vec<ApplicationId>>(),
    );
    let saved = RwSignal::new(false);
    let state = FormState::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let req = AttendanceRequest {
            present: present.get_untracked(),
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.record_attendance(talk, &req).await }
            },
            move |_| {
                saved.set(true);
                changed.update(|n| *n += 1);
            },
        );
    };
    view! {
        <form class="attendance" on:submit=submit novalidate>
            <fieldset>
                <legend>{move || v().attendance}</legend>
                {placed.into_iter().map(|a| {
                    let id = a.id;
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || present.with(|p| p.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    present.update(|p| { p.retain(|x| *x != id); if on { p.push(id); } });
                                }/>
                            {a.student.display_name.clone()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <p class="ok" role="status">{move || saved.get().then(|| v().attendance_saved)}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().save_attendance}</button>
        </form>
    }
}

fn application_item(
    ctx: Ctx,
    t: &TalkView,
    a: ApplicationView,
    units: Vec<UnitView>,
    changed: RwSignal<u64>,
) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let begun = now() >= t.starts_at;
    let may_raise = begun && a.state == ApplicationState::Placed && a.follow_up.is_none();
    let talk = t.id;
    view! {
        <li class="application">
            <p><strong>{a.student.display_name.clone()}</strong>" · "<span class="state">{application_state(lang, a.state)}</span>
                {a.rank.map(|r| format!(" · {} {r}", v.rank))}
                {a.weight.map(|w| format!(" · {} {w}", v.weight))}
                {a.attended.map(|came| format!(" · {}", if came { v.attended } else { v.absent }))}
                {a.rating.map(|r| format!(" · {}", "★".repeat(r.clamp(0, 5) as usize)))}</p>
            <p class="question">{a.question.clone()}</p>
            {a.feedback.clone().filter(|f| !f.is_empty()).map(|f| view! { <blockquote>{f}</blockquote> })}
            {a.follow_up.as_ref().map(|f| follow_up(ctx, f))}
            {may_raise.then(|| view! { <RaiseForm talk=talk a=a.clone() units=units changed=changed/> })}
        </li>
    }
}

fn draw_button(ctx: Ctx, id: TalkId, changed: RwSignal<u64>) -> impl IntoView {
    let state = FormState::new();
    let v = move || texts(ctx.lang.get());
    let go = move |_| {
        state.send(
            ctx,
            move |c| async move { c.draw_talk(id).await },
            move |_: DrawView| changed.update(|n| *n += 1),
        );
    };
    view! {
        <p class="muted">{move || v().draw_hint}</p>
        <p class="actions"><button type="button" class="primary" on:click=go disabled=move || state.pending.get()>{move || v().draw_now}</button></p>
        <p class="form-error" role="alert">{move || state.error.get()}</p>
    }
}

#[component]
fn CancelForm(talk: TalkView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let reason = RwSignal::new(String::new());
    let state = FormState::new();
    let (id, version) = (talk.id, talk.version);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if reason.get_untracked().trim().is_empty() {
            state.refuse("reason", ctx.t().err_required);
            return;
        }
        if !confirm(texts(ctx.lang.get_untracked()).cancel_confirm) {
            return;
        }
        let req = CancelTalkRequest {
            reason: reason.get_untracked(),
            version,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.cancel_talk(id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    view! {
        <details class="card">
            <summary>{move || v().cancel_title}</summary>
            <form class="inline-form" on:submit=submit novalidate>
                <label for="cancel-reason">{move || v().cancel_reason}</label>
                <input id="cancel-reason" type="text" maxlength="200" bind:value=reason
                    aria-invalid=state.errors.invalid("reason") aria-describedby="cancel-reason-error"/>
                <p id="cancel-reason-error" class="field-error">{state.errors.message("reason")}</p>
                <p class="form-error" role="alert">{move || state.error.get()}</p>
                <button type="submit" class="danger" disabled=move || state.pending.get()>{move || v().cancel}</button>
            </form>
        </details>
    }
}

#[component]
pub fn Runner(talk: TalkView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = talk.id;
    let list = api_resource(
        move || (id, changed.get()),
        |c, (id, _)| async move { c.talk_applications(id).await },
    );
    let units = api_resource(|| (), |c, _| async move { c.units().await });
    let t = StoredValue::new(talk.clone());
    let begun = now() >= talk.starts_at;
    let may_draw = talk.state == TalkState::Open && now() >= talk.apply_by;
    let may_cancel = talk.state != TalkState::Cancelled && !begun;
    let held = talk.state == TalkState::Drawn && begun;
    view! {
        <section class="card wide" aria-labelledby="applications-title">
            <h2 id="applications-title">{move || texts(ctx.lang.get()).applications}</h2>
            {may_draw.then(|| draw_button(ctx, id, changed))}
            <Loaded resource=list show={move |list: Vec<ApplicationView>| {
                let v = texts(ctx.lang.get_untracked());
                let t = t.get_value();
                if list.is_empty() {
                    return view! { <p class="muted">{v.no_applications}</p> }.into_any();
                }
                let units = units.with(|u| match u { Some(Ok(u)) => u.clone(), _ => Vec::new() });
                view! {
                    {held.then(|| view! { <Attendance talk=id list=list.clone() changed=changed/> })}
                    <ul class="plain applications">
                        {list.into_iter().map(|a| application_item(ctx, &t, a, units.clone(), changed)).collect_view()}
                    </ul>
                }.into_any()
            }}/>
        </section>
        {may_cancel.then(|| view! { <CancelForm talk=talk.clone() changed=changed/> })}
    }
}

//! For the activity's organiser and their unit: the rotating check-in code
//! while it runs, who signed up, who is present and how, adding or removing
//! a student with a reason, and cancelling before the start.

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::{now, when};
use crate::forms::{confirm, FormState};
use crate::i18n::activities::{presence, signup_state, texts};
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_domain::growth::wire::{
    ActivityView, AttendanceView, CancelActivityRequest, CorrectAttendanceRequest, SignupView,
};
use onestop_domain::growth::{ActivityState, Presence, SignupState};
use onestop_domain::UserId;

#[component]
fn Correct(
    activity: ActivityView,
    signups: Vec<SignupView>,
    changed: RwSignal<u64>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let student = RwSignal::new(String::new());
    let present = RwSignal::new(true);
    let reason = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let state = FormState::new();
    let id = activity.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Ok(student_id) = student.get_untracked().parse::<UserId>() else {
            state.refuse("student_id", ctx.t().err_required);
            return;
        };
        if reason.get_untracked().trim().is_empty() {
            state.refuse("reason", ctx.t().err_required);
            return;
        }
        let req = CorrectAttendanceRequest {
            student_id,
            present: present.get_untracked(),
            reason: reason.get_untracked(),
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.correct_attendance(id, &req).await }
            },
            move |_| {
                saved.set(true);
                reason.set(String::new());
                changed.update(|n| *n += 1);
            },
        );
    };
    let people: Vec<_> = signups
        .into_iter()
        .filter(|s| s.state != SignupState::Withdrawn)
        .map(|s| (s.student.id, s.student.display_name))
        .collect();
    view! {
        <form class="inline-form" on:submit=submit novalidate>
            <h3>{move || v().correct_title}</h3>
            <label for="correct-student">{move || v().student}</label>
            <select id="correct-student" on:change=move |ev| student.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {people.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
            </select>
            <p class="field-error">{state.errors.message("student_id")}</p>
            <fieldset class="choice">
                <legend class="sr-only">{move || v().correct_title}</legend>
                <label><input type="radio" name="present" prop:checked=move || present.get() on:change=move |_| present.set(true)/>{move || v().present}</label>
                <label><input type="radio" name="present" prop:checked=move || !present.get() on:change=move |_| present.set(false)/>{move || v().absent}</label>
            </fieldset>
            <label for="correct-reason">{move || v().reason}</label>
            <input id="correct-reason" type="text" maxlength="500" bind:value=reason/>
            <p class="field-error">{state.errors.message("reason")}</p>
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <p class="ok" role="status">{move || saved.get().then(|| v().saved)}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().save}</button>
        </form>
    }
}

#[component]
fn Cancel(activity: ActivityView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let reason = RwSignal::new(String::new());
    let state = FormState::new();
    let (id, version) = (activity.id, activity.version);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if reason.get_untracked().trim().is_empty() {
            state.refuse("reason", ctx.t().err_required);
            return;
        }
        if !confirm(texts(ctx.lang.get_untracked()).cancel_confirm) {
            return;
        }
        let req = CancelActivityRequest {
            reason: reason.get_untracked(),
            version,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.cancel_activity(id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    view! {
        <details class="cancel">
            <summary>{move || v().cancel_title}</summary>
            <form class="inline-form" on:submit=submit novalidate>
                <label for="cancel-reason">{move || v().cancel_reason}</label>
                <input id="cancel-reason" type="text" maxlength="200" bind:value=reason/>
                <p class="field-error">{state.errors.message("reason")}</p>
                <p class="form-error" role="alert">{move || state.error.get()}</p>
                <button type="submit" disabled=move || state.pending.get()>{move || v().cancel}</button>
            </form>
        </details>
    }
}

fn attendance_item(ctx: Ctx, a: AttendanceView) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let why =
        a.by.as_ref()
            .map(|by| format!(" · {} · {}", by.display_name, a.reason));
    view! {
        <li class:gone=a.presence == Presence::Removed>
            {a.student.display_name.clone()}
            <span class="meta">" · "{presence(lang, a.presence)}" · "{when(a.at)}{why}</span>
        </li>
    }
}

#[component]
pub fn Organiser(activity: ActivityView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let id = activity.id;
    let lists = api_resource(
        move || changed.get(),
        move |c, _| async move {
            let signups = c.activity_signups(id).await?;
            let attendance = c.activity_attendance(id).await?;
            Ok((signups, attendance))
        },
    );
    let approved = activity.state == ActivityState::Approved;
    let running = approved && activity.starts_at <= now() && now() < activity.ends_at;
    let before = approved && now() < activity.starts_at;
    // Corrections are taken from the start until a week after the end.
    let started = approved
        && activity.starts_at <= now()
        && now() < activity.ends_at + chrono::Duration::days(7);
    let a = StoredValue::new(activity.clone());
    view! {
        <section class="card wide" aria-labelledby="organiser-title">
            <h2 id="organiser-title">{move || v().signups}</h2>
            {running.then(|| view! {
                <p class="actions"><A href=format!("/activities/{id}/code") attr:class="button primary">{move || v().show_code}</A></p>
            })}
            <Loaded resource=lists show={move |(signups, attendance): (Vec<SignupView>, Vec<AttendanceView>)| {
                let lang = ctx.lang.get();
                let v = texts(lang);
                let people = StoredValue::new(signups.clone());
                view! {
                    {if signups.is_empty() {
                        view! { <p class="muted">{v.no_signups}</p> }.into_any()
                    } else {
                        view! { <ol class="signups">{signups.into_iter().map(|s| view! {
                            <li class:gone=s.state == SignupState::Withdrawn>{s.student.display_name.clone()}
                                <span class="meta">" · "{signup_state(lang, s.state)}</span></li>
                        }).collect_view()}</ol> }.into_any()
                    }}
                    <h3>{v.attendance}</h3>
                    {if attendance.is_empty() {
                        view! { <p class="muted">{v.no_attendance}</p> }.into_any()
                    } else {
                        view! { <ul class="plain attendance" data-testid="attendance">{attendance.into_iter().map(|r| attendance_item(ctx, r)).collect_view()}</ul> }.into_any()
                    }}
                    {started.then(|| view! { <Correct activity=a.get_value() signups=people.get_value() changed=changed/> })}
                }
            }}/>
            {before.then(|| view! { <Cancel activity=activity.clone() changed=changed/> })}
        </section>
    }
}

//! One request: what it is, where it stands, its timeline and files, and the
//! actions open to the person looking at it (triage, assign, resolve, confirm…).

use crate::components::file_link::FileLink;
use crate::components::status_line;
use crate::ctx::Ctx;
use crate::format::when;
use crate::forms::{confirm, field_error_as, FormState};
use crate::labels;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use onestop_client::ClientError;
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::service::wire::{
    AttachmentView, EventView, RateRequest, RequestView, TransitionRequest,
};
use onestop_domain::service::{Action, Priority};
use onestop_domain::unit::UnitView;
use uuid::Uuid;

#[derive(Clone)]
struct Loaded {
    request: RequestView,
    timeline: Vec<EventView>,
    files: Vec<AttachmentView>,
}

async fn load(ctx: Ctx, id: Uuid) -> Result<Loaded, ClientError> {
    let request = ctx.call(|c| async move { c.get_request(id).await }).await?;
    let timeline = ctx.call(|c| async move { c.timeline(id).await }).await?;
    let files = ctx.call(|c| async move { c.attachments(id).await }).await?;
    Ok(Loaded {
        request,
        timeline,
        files,
    })
}

#[component]
pub fn RequestPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<Uuid>().ok())
    });
    let data = RwSignal::new(None::<Result<Loaded, String>>);
    // Drafts live here, not in the forms: a reload (someone else acted)
    // rebuilds the forms and must not lose what is being typed.
    let note = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let reload = move || {
        if let Some(id) = id.get_untracked() {
            spawn_local(async move {
                let r = load(ctx, id).await;
                data.set(Some(r.map_err(|e| ctx.say(&e))));
            });
        } else {
            data.set(Some(Err(ctx.t().not_found.into())));
        }
    };
    Effect::new(move |_| {
        id.track();
        reload();
    });
    // Someone else acted on it: show it as it is now.
    let live = expect_context::<crate::live::Live>();
    Effect::new(move |_| {
        let changed = live.change.get();
        if changed.is_some_and(|c| Some(c.request_id) == id.get_untracked()) {
            reload();
        }
    });
    let t = move || ctx.t();
    view! {
        {move || match data.get() {
            None => status_line(ctx, true, None).into_any(),
            Some(Err(e)) => view! { <section class="card">{status_line(ctx, false, Some(e))}</section> }.into_any(),
            Some(Ok(d)) => {
                let r = d.request.clone();
                let lang = ctx.lang.get();
                view! {
                    <section class="card" aria-labelledby="req-title">
                        <h1 id="req-title">{labels::kind(lang, r.kind)}" · "{r.summary.clone()}</h1>
                        <p><span class=format!("state state-{}", r.state.as_str())>{labels::state(lang, r.state)}</span>
                            {r.overdue.then(|| view! { " " <strong class="late">{t().overdue}</strong> })}</p>
                        <dl class="facts">
                            <dt>{t().student}</dt><dd>{r.student.display_name.clone()}</dd>
                            <dt>{t().place}</dt><dd>{r.place_name.clone()}</dd>
                            <dt>{t().submitted_at}</dt><dd>{when(r.created_at)}</dd>
                            <dt>{t().due}</dt><dd>{when(r.resolution_due)}</dd>
                            <dt>{t().priority}</dt><dd>{r.priority.map(|p| labels::priority(lang, p)).unwrap_or("—")}</dd>
                            <dt>{t().unit_to}</dt><dd>{r.unit.as_ref().map(|u| labels::unit(lang, u)).unwrap_or_else(|| "—".into())}</dd>
                            <dt>{t().assignee}</dt><dd>{r.assignee.as_ref().map(|a| a.display_name.clone()).unwrap_or_else(|| "—".into())}</dd>
                            {r.pickup_code.clone().map(|c| view! { <dt>{t().pickup_code}</dt><dd class="code">{c}</dd> })}
                        </dl>
                        <Actions request=r.clone() note=note on_done=Callback::new(move |_| reload())/>
                    </section>
                    <section class="card" aria-labelledby="files-title">
                        <h2 id="files-title">{t().attachments}</h2>
                        {if d.files.is_empty() { view! { <p class="muted">{t().none_yet}</p> }.into_any() } else {
                            view! { <ul class="plain">{d.files.iter().map(|f| view! {
                                <li><FileLink path=format!("/api/v1/requests/{}/attachments/{}", r.id, f.id) filename=f.filename.clone() size=f.size/></li>
                            }).collect_view()}</ul> }.into_any()
                        }}
                    </section>
                    <section class="card" aria-labelledby="tl-title">
                        <h2 id="tl-title">{t().timeline}</h2>
                        <ol class="timeline">
                            {d.timeline.iter().map(|e| {
                                let what = match (e.action, e.to_state) {
                                    (Some(a), _) => labels::action(lang, a).to_owned(),
                                    (None, Some(s)) => labels::state(lang, s).to_owned(),
                                    _ => labels::event(lang, e.kind).to_owned(),
                                };
                                view! {
                                    <li>
                                        <span class="meta">{when(e.at)}" · "{e.actor.as_ref().map(|a| a.display_name.clone()).unwrap_or_default()}</span>
                                        <span>{what}</span>
                                        {e.note.clone().map(|n| view! { <p class="note">{n}</p> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        <Comment id=r.id text=comment on_done=Callback::new(move |_| reload())/>
                    </section>
                }.into_any()
            }
        }}
    }
}

#[component]
fn Actions(request: RequestView, note: RwSignal<String>, on_done: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // The saved priority, so that re-triaging starts from what was chosen.
    let priority = RwSignal::new(
        request
            .priority
            .map_or_else(|| "normal".to_owned(), |p| crate::forms::code_of(&p)),
    );
    let unit = RwSignal::new(
        request
            .unit
            .as_ref()
            .map(|u| u.code.clone())
            .unwrap_or_else(|| request.kind.default_unit().to_owned()),
    );
    let assignee = RwSignal::new(String::new());
    let units = RwSignal::new(Vec::<UnitView>::new());
    let people = RwSignal::new(Vec::<PersonRef>::new());
    let form = FormState::new();
    let (error, pending) = (form.error, form.pending);
    let stars = RwSignal::new(5);
    let actions = request.actions.clone();
    let needs_triage = actions.contains(&Action::Triage);
    let needs_assign = actions.contains(&Action::Assign);
    if needs_triage {
        spawn_local(async move {
            match ctx.call(|c| async move { c.units().await }).await {
                Ok(u) => units.set(u),
                Err(e) => error.set(Some(ctx.say(&e))),
            }
        });
    }
    if needs_assign {
        if let Some(u) = request.unit.clone() {
            spawn_local(async move {
                let code = u.code.clone();
                match ctx
                    .call(|c| {
                        let code = code.clone();
                        async move { c.unit_handlers(&code).await }
                    })
                    .await
                {
                    Ok(p) => {
                        if let Some(first) = p.first() {
                            assignee.set(first.id.to_string());
                        }
                        people.set(p);
                    }
                    Err(e) => error.set(Some(ctx.say(&e))),
                }
            });
        }
    }
    let (id, version) = (request.id, request.version);
    let act = move |action: Action| {
        if pending.get_untracked() {
            return;
        }
        // Cancelling and rejecting end the request for good.
        if matches!(action, Action::Reject | Action::Cancel) && !confirm(ctx.t().confirm_final) {
            return;
        }
        let body = TransitionRequest {
            action,
            version,
            note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
            priority: (action == Action::Triage)
                .then(|| {
                    serde_json::from_value::<Priority>(serde_json::Value::String(
                        priority.get_untracked(),
                    ))
                    .ok()
                })
                .flatten(),
            unit: (action == Action::Triage).then(|| unit.get_untracked()),
            assignee: (action == Action::Assign)
                .then(|| assignee.get_untracked().parse().ok())
                .flatten(),
            reason: matches!(
                action,
                Action::Reject | Action::Cancel | Action::Reopen | Action::Ask
            )
            .then(|| note.get_untracked())
            .filter(|n| !n.trim().is_empty()),
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.transition(id, &body).await }
            },
            move |_| {
                note.set(String::new());
                on_done.run(());
            },
        );
    };
    // Through the form's state, like every other send: a second click while
    // the first is on its way sends nothing.
    let rate = move |_| {
        let body = RateRequest {
            rating: stars.get_untracked(),
            comment: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.rate(id, &body).await }
            },
            move |_| {
                note.set(String::new());
                on_done.run(());
            },
        );
    };
    let can_rate = request.rating.is_none()
        && request.state == onestop_domain::service::State::Closed
        && ctx.has(onestop_domain::Role::Student);
    let rated = request.rating;
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let nothing = actions.is_empty() && !can_rate;
    view! {
        <div class="actions-box" hidden=nothing>
            {needs_triage.then(|| view! {
                <label for="priority">{move || t().priority}</label>
                <select id="priority" on:change=move |ev| priority.set(event_target_value(&ev))>
                    {Priority::ALL.into_iter().map(|p| {
                        let code = crate::forms::code_of(&p);
                        let mine = code.clone();
                        view! { <option value=code prop:selected=move || priority.get() == mine>{move || labels::priority(lang(), p)}</option> }
                    }).collect_view()}
                </select>
                <label for="unit">{move || t().unit_to}</label>
                <select id="unit" on:change=move |ev| unit.set(event_target_value(&ev)) prop:value=move || unit.get()>
                    {move || units.get().into_iter().map(|u| { let code = u.code.clone(); view! { <option value=u.code.clone() prop:selected=move || unit.get() == code>{labels::unit(lang(), &u)}</option> } }).collect_view()}
                </select>
            })}
            {needs_assign.then(|| view! {
                <label for="assignee">{move || t().assignee}</label>
                <select id="assignee" on:change=move |ev| assignee.set(event_target_value(&ev)) prop:value=move || assignee.get()>
                    {move || people.get().into_iter().map(|p| { let id = p.id.to_string(); view! { <option value=p.id.to_string() prop:selected=move || assignee.get() == id>{p.display_name.clone()}</option> } }).collect_view()}
                </select>
            })}
            {can_rate.then(|| view! {
                <fieldset class="stars">
                    <legend>{move || t().rating}</legend>
                    {(1..=5).map(|n| view! {
                        <label><input type="radio" name="stars" value=n.to_string() prop:checked=move || stars.get() == n on:change=move |_| stars.set(n)/>{n}</label>
                    }).collect_view()}
                </fieldset>
            })}
            <label for="note">{move || t().note}</label>
            <textarea id="note" rows="2" bind:value=note></textarea>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <div class="buttons">
                {actions.iter().map(|a| {
                    let a = *a;
                    let danger = matches!(a, Action::Reject | Action::Cancel);
                    view! { <button type="button" class:primary=!danger class:danger=danger data-action=a.as_str() disabled=move || pending.get() on:click=move |_| act(a)>{move || labels::action(lang(), a)}</button> }
                }).collect_view()}
                {can_rate.then(|| view! { <button type="button" class="primary" data-action="rate" on:click=rate disabled=move || pending.get()>{move || t().rate}</button> })}
            </div>
        </div>
        {rated.map(|n| view! { <p class="muted">{move || t().rating}": "{"★".repeat(n.clamp(0, 5) as usize)}</p> })}
    }
}

#[component]
fn Comment(id: Uuid, text: RwSignal<String>, on_done: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let form = FormState::new();
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = text.get_untracked();
        if body.trim().is_empty() {
            return form.refuse("text", ctx.t().err_required);
        }
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.comment(id, &body).await }
            },
            move |_| {
                text.set(String::new());
                on_done.run(());
            },
        );
    };
    view! {
        <form class="comment" on:submit=send novalidate>
            <label for="comment">{move || ctx.t().comment}</label>
            <textarea id="comment" rows="2" bind:value=text aria-describedby="comment-error" aria-invalid=form.errors.invalid("text")></textarea>
            {field_error_as("comment", "text", form.errors)}
            <p class="form-error" role="alert">{move || form.error.get()}</p>
            <button type="submit" disabled=move || form.pending.get()>{move || ctx.t().add_comment}</button>
        </form>
    }
}

//! The unit's roadmap for an assignment: dated steps, marked done or flagged
//! overdue; the unit's staff add, tick off and remove them.

use crate::ctx::Ctx;
use crate::format::today;
use crate::forms::{confirm, field_error_as, FormState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_client::ClientError;
use onestop_domain::dates::Day;
use onestop_domain::reform::wire::{
    AssignmentDetail, MilestoneInput, MilestoneUpdate, MilestoneView,
};
use uuid::Uuid;

#[component]
pub fn Milestones(detail: AssignmentDetail, on_change: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let error = RwSignal::new(None::<String>);
    let can_edit = detail.can_edit;
    let run = move |job: Job| {
        error.set(None);
        spawn_local(async move {
            match job.send(ctx).await {
                Ok(()) => on_change.run(()),
                Err(e) => error.set(Some(ctx.say(&e))),
            }
        });
    };
    let empty = detail.milestones.is_empty();
    view! {
        <section class="card" aria-labelledby="ms-title">
            <h2 id="ms-title">{move || t().milestones}</h2>
            {empty.then(|| view! { <p class="muted">{move || t().no_milestones}</p> })}
            <ul class="milestones">
                {detail.milestones.into_iter().map(|m| {
                    let done = m.done_on.is_some();
                    let overdue = m.overdue;
                    let m2 = m.clone();
                    let m3 = m.clone();
                    view! {
                        <li class:done=done class:late=overdue>
                            <span class="title">{m.title.clone()}</span>
                            <span class="meta">{move || t().due_on}" "{m.due_on.to_string()}
                                {m.done_on.map(|d| view! { " · " {move || t().done_on} " " {d.to_string()} })}
                                {overdue.then(|| view! { " · " <strong class="late">{move || t().overdue}</strong> })}
                            </span>
                            {can_edit.then(|| view! {
                                <span class="buttons">
                                    <button type="button" on:click=move |_| run(Job::Toggle(m2.clone()))>
                                        {move || if done { t().undo_done } else { t().mark_done }}
                                    </button>
                                    <button type="button" class="danger" on:click=move |_| {
                                        if confirm(t().confirm_remove) { run(Job::Remove(m3.id)) }
                                    }>{move || t().remove}</button>
                                </span>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {can_edit.then(|| view! { <AddMilestone assignment=detail.assignment.id on_change=on_change/> })}
        </section>
    }
}

enum Job {
    Toggle(MilestoneView),
    Remove(Uuid),
}

impl Job {
    async fn send(self, ctx: Ctx) -> Result<(), ClientError> {
        match self {
            Job::Toggle(m) => {
                let body = MilestoneUpdate {
                    title: m.title.clone(),
                    due_on: Day::try_from(m.due_on).map_err(|e| ClientError::Unexpected {
                        status: 0,
                        body: e.to_string(),
                    })?,
                    done_on: if m.done_on.is_some() {
                        None
                    } else {
                        Day::try_from(today()).ok()
                    },
                    version: m.version,
                };
                ctx.call(|c| {
                    let body = body.clone();
                    async move { c.update_milestone(m.id, &body).await }
                })
                .await
                .map(|_| ())
            }
            Job::Remove(id) => {
                ctx.call(|c| async move { c.delete_milestone(id).await })
                    .await
            }
        }
    }
}

#[component]
fn AddMilestone(assignment: Uuid, on_change: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let form = FormState::new();
    let errors = form.errors;
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(due_on) = due.get_untracked().parse() else {
            return form.refuse("due_on", t().err_date);
        };
        let body = MilestoneInput {
            title: title.get_untracked(),
            due_on,
            done_on: None,
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.add_milestone(assignment, &body).await }
            },
            move |_| {
                title.set(String::new());
                due.set(String::new());
                on_change.run(());
            },
        );
    };
    view! {
        <form class="inline-form" on:submit=add>
            <h3>{move || t().add_milestone}</h3>
            <label for="ms-title-input">{move || t().milestone_title}</label>
            <input id="ms-title-input" bind:value=title aria-invalid=errors.invalid("title") aria-describedby="ms-title-input-error"/>
            {field_error_as("ms-title-input", "title", errors)}
            <label for="ms-due">{move || t().due_on}</label>
            <input id="ms-due" type="date" bind:value=due aria-invalid=errors.invalid("due_on") aria-describedby="ms-due-error"/>
            {field_error_as("ms-due", "due_on", errors)}
            <p class="form-error" role="alert">{move || form.error.get()}</p>
            <button type="submit" disabled=move || form.pending.get()>{move || t().add_milestone}</button>
        </form>
    }
}

//! A student's side of a session: the form to apply with a question, then
//! where the application stands (waiting for the draw, a place, a place on
//! the waiting list), withdrawing it, feedback once they came, and the
//! answer to a question the hosts gave to a unit.

use super::standing;
use crate::ctx::Ctx;
use crate::format::{now, when};
use crate::forms::{confirm, field_error_as, FormState};
use crate::i18n::talks::texts;
use crate::i18n::visits::follow_up_state;
use crate::labels;
use leptos::prelude::*;
use onestop_domain::community::talks::wire::{
    ApplicationView, ApplyRequest, FeedbackRequest, TalkView, WithdrawRequest,
};
use onestop_domain::community::talks::{ApplicationState, TalkState};
use onestop_domain::community::wire::FollowUpView;

#[component]
fn ApplyForm(talk: TalkView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let question = RwSignal::new(String::new());
    let state = FormState::new();
    let errors = state.errors;
    let id = talk.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if question.get_untracked().trim().is_empty() {
            state.refuse("question", ctx.t().err_required);
            return;
        }
        let req = ApplyRequest {
            question: question.get_untracked(),
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.apply_for_talk(id, &req).await }
            },
            move |_: ApplicationView| changed.update(|n| *n += 1),
        );
    };
    view! {
        <form class="apply-form" on:submit=submit novalidate>
            <label for="question">{move || v().question}</label>
            <textarea id="question" rows="3" maxlength="500" bind:value=question
                aria-invalid=errors.invalid("question") aria-describedby="question-hint question-error"></textarea>
            <p id="question-hint" class="muted">{move || v().question_hint}</p>
            {field_error_as("question", "question", errors)}
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>
                {move || if state.pending.get() { v().applying } else { v().apply }}
            </button>
        </form>
    }
}

#[component]
fn FeedbackForm(talk: TalkView, mine: ApplicationView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let rating = RwSignal::new("5".to_owned());
    let comment = RwSignal::new(String::new());
    let state = FormState::new();
    let (talk, id) = (talk.id, mine.id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = FeedbackRequest {
            rating: rating.get_untracked().parse().unwrap_or(5),
            comment: comment.get_untracked(),
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.talk_feedback(talk, id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    view! {
        <form class="feedback-form" on:submit=submit novalidate>
            <h3>{move || v().feedback_title}</h3>
            <fieldset class="rating">
                <legend>{move || v().rating}</legend>
                {(1..=5).map(|n| {
                    let value = n.to_string();
                    let this = value.clone();
                    view! {
                        <label><input type="radio" name="rating" value=value.clone()
                            prop:checked=move || rating.get() == this
                            on:change=move |_| rating.set(value.clone())/>{"★".repeat(n)}</label>
                    }
                }).collect_view()}
            </fieldset>
            <label for="comment">{move || v().comment}</label>
            <textarea id="comment" rows="2" maxlength="500" bind:value=comment></textarea>
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().send_feedback}</button>
        </form>
    }
}

/// The question a unit was given to answer, and its answer when it comes.
pub fn follow_up(ctx: Ctx, f: &FollowUpView) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    view! {
        <div class="follow-up">
            <p class="meta">{v.handed_to}" "{labels::unit(lang, &f.unit)}" · "
                <span class="state">{follow_up_state(lang, f.state)}</span>" · "{f.due_on.to_string()}</p>
            {match &f.answer {
                Some(a) => view! { <blockquote class="answer">{a.clone()}</blockquote> }.into_any(),
                None => view! { <p class="muted">{v.no_answer_yet}</p> }.into_any(),
            }}
        </div>
    }
}

fn withdraw(
    ctx: Ctx,
    talk: &TalkView,
    mine: &ApplicationView,
    changed: RwSignal<u64>,
) -> impl IntoView {
    let state = FormState::new();
    let (talk, id, version) = (talk.id, mine.id, mine.version);
    let go = move |_| {
        let v = texts(ctx.lang.get_untracked());
        if !confirm(v.withdraw_confirm) {
            return;
        }
        state.send(
            ctx,
            move |c| async move {
                c.withdraw_application(talk, id, &WithdrawRequest { version })
                    .await
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    view! {
        <p class="actions">
            <button type="button" on:click=go disabled=move || state.pending.get()>{move || texts(ctx.lang.get()).withdraw}</button>
        </p>
        <p class="form-error" role="alert">{move || state.error.get()}</p>
    }
}

fn application(ctx: Ctx, t: &TalkView, a: &ApplicationView, changed: RwSignal<u64>) -> AnyView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let begun = now() >= t.starts_at;
    let line = match a.state {
        ApplicationState::Applied => format!("{} ({})", v.applied_wait, when(t.apply_by)),
        _ => standing(ctx, t).unwrap_or_default(),
    };
    let withdrawable =
        !begun && t.state != TalkState::Cancelled && a.state != ApplicationState::Withdrawn;
    let feedback_due = begun && a.attended == Some(true) && a.rating.is_none();
    view! {
        <p class="standing" class:ok=a.state == ApplicationState::Placed role="status">{line}</p>
        {a.attended.map(|came| view! { <p class="meta">{if came { v.attended } else { v.absent }}</p> })}
        <h3>{v.your_question}</h3>
        <p class="question">{a.question.clone()}</p>
        {a.follow_up.as_ref().map(|f| follow_up(ctx, f))}
        {a.rating.map(|r| view! {
            <h3>{v.your_feedback}</h3>
            <p><span aria-label=format!("{r}/5")>{"★".repeat(r.clamp(0, 5) as usize)}</span>" "{a.feedback.clone()}</p>
        })}
        {feedback_due.then(|| view! { <FeedbackForm talk=t.clone() mine=a.clone() changed=changed/> })}
        {withdrawable.then(|| withdraw(ctx, t, a, changed))}
    }
    .into_any()
}

#[component]
pub fn MyApplication(talk: TalkView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = texts(ctx.lang.get_untracked());
    let body = match (&talk.mine, talk.may_apply) {
        (Some(a), _) => application(ctx, &talk, a, changed),
        (None, true) => view! { <ApplyForm talk=talk.clone() changed=changed/> }.into_any(),
        (None, false) if talk.state == TalkState::Open && now() < talk.apply_by => {
            view! { <p class="muted">{v.not_open_to_you}</p> }.into_any()
        }
        (None, false) => view! { <p class="muted">{v.closed_for_you}</p> }.into_any(),
    };
    let title = if talk.mine.is_some() {
        v.my_application
    } else {
        v.apply_title
    };
    view! {
        <section class="card" aria-labelledby="mine-title">
            <h2 id="mine-title">{title}</h2>
            {body}
        </section>
    }
}

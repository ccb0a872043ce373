//! The review against the quality standard (任务7): a box per point, a note,
//! approve (all five met) or send back (with the note); and the review as
//! kept with the activity.

use crate::ctx::Ctx;
use crate::format::when;
use crate::forms::FormState;
use crate::i18n::activities::{standard, texts};
use leptos::prelude::*;
use onestop_domain::growth::wire::{ActivityReviewView, ActivityView, ReviewActivityRequest};
use onestop_domain::growth::Standard;

#[component]
pub fn ReviewForm(activity: ActivityView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let met = RwSignal::new(Vec::<Standard>::new());
    let note = RwSignal::new(String::new());
    let state = FormState::new();
    let (id, version) = (activity.id, activity.version);
    let send = move |approve: bool| {
        let req = ReviewActivityRequest {
            approve,
            met: met.get_untracked(),
            note: note.get_untracked(),
            version,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.review_activity(id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    view! {
        <section class="card" aria-labelledby="review-title">
            <h2 id="review-title">{move || v().review_title}</h2>
            <p class="muted">{move || v().review_hint}</p>
            <form class="review-form" on:submit=move |ev| { ev.prevent_default(); send(true) } novalidate>
                <fieldset>
                    <legend>{move || v().review}</legend>
                    {Standard::ALL.into_iter().map(|p| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || met.with(|m| m.contains(&p))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    met.update(|m| { m.retain(|x| *x != p); if on { m.push(p); } });
                                }/>
                            {move || standard(ctx.lang.get(), p)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <p class="field-error">{state.errors.message("met")}</p>
                <label for="review-note">{move || v().note}</label>
                <textarea id="review-note" rows="2" maxlength="500" bind:value=note></textarea>
                <p class="field-error">{state.errors.message("note")}</p>
                <p class="form-error" role="alert">{move || state.error.get()}</p>
                <p class="actions">
                    <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().approve}</button>
                    <button type="button" on:click=move |_| send(false) disabled=move || state.pending.get()>{move || v().reject}</button>
                </p>
            </form>
        </section>
    }
}

#[component]
pub fn ReviewRecord(review: ActivityReviewView) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    view! {
        <div class="review">
            <h2>{v.review}</h2>
            <p class="meta">{review.by.display_name.clone()}" · "{when(review.at)}</p>
            <ul class="plain standard">
                {review.standard.into_iter().map(|p| view! {
                    <li class:ok=p.met>{if p.met { "✓ " } else { "✗ " }}{standard(lang, p.point)}
                        <span class="sr-only">{if p.met { v.met } else { v.unmet }}</span></li>
                }).collect_view()}
            </ul>
            {(!review.note.is_empty()).then(|| view! { <blockquote>{review.note.clone()}</blockquote> })}
        </div>
    }
}

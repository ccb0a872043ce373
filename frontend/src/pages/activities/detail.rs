//! One activity: what, when, where, for how many and how many 学时; the
//! student's sign-up with check-in while it runs; the review against the
//! quality standard; and, for its organiser, the code, lists and corrections.

use super::organiser::Organiser;
use super::review::{ReviewForm, ReviewRecord};
use super::{span, standing};
use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::now;
use crate::forms::{confirm, FormState};
use crate::i18n::activities::{category, level, presence, state, texts};
use crate::labels;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use onestop_domain::growth::wire::{ActivityView, SignupView, WithdrawSignupRequest};
use onestop_domain::growth::{ActivityState, Presence, SignupState};
use onestop_domain::{ActivityId, Role};

fn facts(ctx: Ctx, a: &ActivityView) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let by = if a.organisation.is_empty() {
        labels::unit(lang, &a.unit)
    } else {
        format!("{} · {}", a.organisation, labels::unit(lang, &a.unit))
    };
    view! {
        <p class="meta">
            <span class="state">{state(lang, a.state)}</span>" · "{category(lang, a.category)}" · "{level(lang, a.level)}
        </p>
        <dl class="facts">
            <dt>{v.organiser}</dt><dd>{by}" · "{a.organiser.display_name.clone()}</dd>
            <dt>{v.when}</dt><dd>{span(a)}</dd>
            <dt>{v.where_}</dt><dd>{a.place.name.clone()}{(!a.location.is_empty()).then(|| format!(" · {}", a.location))}</dd>
            <dt>{v.capacity}</dt><dd>{v.placed_n}" "{a.placed}"/"{a.capacity}
                {(a.waiting > 0).then(|| format!(" · {} {}", v.waiting_n, a.waiting))}
                {(a.present > 0).then(|| format!(" · {} {}", v.present_n, a.present))}</dd>
            <dt>{v.hours}</dt><dd>{a.hours}</dd>
        </dl>
        {(!a.description.is_empty()).then(|| view! { <p class="description">{a.description.clone()}</p> })}
    }
}

/// A student's side: sign up, where they stand, withdraw before the start,
/// and check in while it runs.
#[component]
fn MySignup(activity: ActivityView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let state = FormState::new();
    let id = activity.id;
    let running = activity.state == ActivityState::Approved
        && activity.starts_at <= now()
        && now() < activity.ends_at;
    let sign_up = move |_| {
        state.send(
            ctx,
            move |c| async move { c.sign_up(id).await },
            move |_: SignupView| changed.update(|n| *n += 1),
        );
    };
    let mine = activity
        .mine
        .clone()
        .filter(|s| s.state != SignupState::Withdrawn);
    let body = match mine {
        None if activity.may_sign_up => {
            let full = activity.placed >= activity.capacity;
            view! {
                {full.then(|| view! { <p class="muted">{move || v().full_hint}</p> })}
                <button type="button" class="primary" on:click=sign_up disabled=move || state.pending.get()>
                    {move || if state.pending.get() { v().signing_up } else { v().sign_up }}
                </button>
            }
            .into_any()
        }
        None => view! { <p class="muted">{move || v().not_open}</p> }.into_any(),
        Some(s) => {
            let said = standing(ctx, &activity).unwrap_or_default();
            let (signup, version) = (s.id, s.version);
            let withdraw = move |_| {
                if !confirm(texts(ctx.lang.get_untracked()).withdraw_confirm) {
                    return;
                }
                state.send(
                    ctx,
                    move |c| async move {
                        c.withdraw_signup(id, signup, &WithdrawSignupRequest { version })
                            .await
                    },
                    move |_| changed.update(|n| *n += 1),
                );
            };
            let before = now() < activity.starts_at;
            let placed = s.state == SignupState::Placed;
            let lang = ctx.lang.get_untracked();
            let attended = s.presence.map(|p| match p {
                Presence::Removed => texts(lang).removed.to_owned(),
                p => format!("{} · {}", texts(lang).checked_in, presence(lang, p)),
            });
            let check_in = (running && placed && s.presence.is_none()).then(|| {
                view! { <A href=format!("/activities/{id}/check-in") attr:class="button primary">{move || v().check_in}</A> }
            });
            view! {
                <p class="standing" class:ok=placed data-testid="my-signup">{said}</p>
                {attended.map(|a| view! { <p class="ok" data-testid="my-presence">{a}</p> })}
                {check_in}
                {before.then(|| view! {
                    <button type="button" on:click=withdraw disabled=move || state.pending.get()>{move || v().withdraw}</button>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="signup-title">
            <h2 id="signup-title">{move || v().sign_up}</h2>
            {body}
            <p class="form-error" role="alert">{move || state.error.get()}</p>
        </section>
    }
}

#[component]
pub fn ActivityPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let live = expect_context::<crate::live::Live>();
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<ActivityId>().ok())));
    // A change here (or a notification: a place freed, a review) shows it anew.
    let changed = RwSignal::new(0u64);
    let activity = api_resource(
        move || (id.get(), changed.get(), live.notified.get()),
        |c, (id, _, _)| async move { c.get_activity(id.unwrap_or_default()).await },
    );
    view! {
        <Loaded resource=activity show={move |a: ActivityView| {
            // Said once: the page is drawn anew in the other language.
            ctx.lang.track();
            let student = ctx.has(Role::Student);
            let review = (a.reviews && a.state == ActivityState::Proposed)
                .then(|| view! { <ReviewForm activity=a.clone() changed=changed/> });
            view! {
                <section class="card wide" aria-labelledby="activity-title">
                    <h1 id="activity-title">{a.title.clone()}</h1>
                    {facts(ctx, &a)}
                    {a.review.clone().map(|r| view! { <ReviewRecord review=r/> })}
                </section>
                {student.then(|| view! { <MySignup activity=a.clone() changed=changed/> })}
                {review}
                {a.runs.then(|| view! { <Organiser activity=a.clone() changed=changed/> })}
            }
        }}/>
    }
}

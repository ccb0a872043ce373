//! What a student's camera opens (`/activities/{id}/check-in?code=…`), or
//! where they type the digits from the organiser's phone.

use crate::ctx::Ctx;
use crate::forms::{field_error_as, FormState};
use crate::i18n::activities::texts;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use onestop_domain::growth::wire::{ActivityCheckInRequest, AttendanceView};
use onestop_domain::ActivityId;

#[component]
pub fn CheckInPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let params = use_params_map();
    let query = use_query_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| s.parse::<ActivityId>().ok()));
    let code = RwSignal::new(
        query
            .with_untracked(|q| q.get("code"))
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_digit)
            .take(6)
            .collect::<String>(),
    );
    let done = RwSignal::new(None::<AttendanceView>);
    let state = FormState::new();
    let errors = state.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = id else { return };
        let digits: String = code
            .get_untracked()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
            state.refuse("code", texts(ctx.lang.get_untracked()).code_label);
            return;
        }
        let req = ActivityCheckInRequest { code: digits };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.activity_check_in(id, &req).await }
            },
            move |a| done.set(Some(a)),
        );
    };
    let back = id
        .map(|id| format!("/activities/{id}"))
        .unwrap_or_else(|| "/activities".into());
    view! {
        <section class="card" aria-labelledby="check-in-title">
            <h1 id="check-in-title">{move || v().check_in_title}</h1>
            {move || match done.get() {
                Some(_) => view! {
                    <p class="ok" role="status" data-testid="checked-in">{v().welcome}</p>
                    <p>{v().credited}</p>
                    <p><A href=back.clone()>{v().back}</A>" · "<A href="/transcript">{v().transcript}</A></p>
                }.into_any(),
                None => view! {
                    <form class="check-in-form" on:submit=submit novalidate>
                        <label for="code">{v().code_label}</label>
                        <input id="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                            pattern="[0-9]{6}" maxlength="7" bind:value=code
                            aria-invalid=errors.invalid("code") aria-describedby="code-hint code-error"/>
                        <p id="code-hint" class="muted">{v().code_hint_student}</p>
                        {field_error_as("code", "code", errors)}
                        <p class="form-error" role="alert">{move || state.error.get()}</p>
                        <button type="submit" class="primary" disabled=move || state.pending.get()>
                            {move || if state.pending.get() { v().checking_in } else { v().check_in }}
                        </button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

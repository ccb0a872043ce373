//! The organiser's phone, held up at the activity: six digits and a QR code
//! that change every 30 seconds, with how long the current one lasts. A new
//! code is fetched when the old one's window closes.

use crate::ctx::Ctx;
use crate::format::now;
use crate::i18n::activities::texts;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use onestop_domain::growth::wire::CheckInCode;
use onestop_domain::ActivityId;
use std::time::Duration;

/// `123456` → `123 456`, read aloud in two halves.
fn spaced(code: &str) -> String {
    if code.len() == 6 {
        format!("{} {}", &code[..3], &code[3..])
    } else {
        code.to_owned()
    }
}

#[component]
pub fn CodePage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| s.parse::<ActivityId>().ok()));
    let shown = RwSignal::new(None::<Result<CheckInCode, String>>);
    let clock = RwSignal::new(now());
    let asked_at = StoredValue::new(None::<DateTime<Utc>>);
    let fetch = move || {
        let Some(id) = id else { return };
        asked_at.set_value(Some(now()));
        spawn_local(async move {
            let answer = ctx
                .call(move |c| async move { c.check_in_code(id).await })
                .await;
            shown.set(Some(answer.map_err(|e| ctx.say(&e))));
        });
    };
    fetch();
    // Each second: the countdown, and a new code once this one's window closes
    // (not more than every 2 seconds, should this phone's clock run ahead; every
    // 5 seconds while the activity is not running, in case it starts).
    let tick = move || {
        let t = now();
        clock.set(t);
        let due = shown.with_untracked(|s| match s {
            Some(Ok(c)) => t >= c.changes_at,
            Some(Err(_)) => true,
            None => false,
        });
        let wait = if shown.with_untracked(|s| matches!(s, Some(Err(_)))) {
            5
        } else {
            2
        };
        let rested = asked_at
            .get_value()
            .is_none_or(|at| (t - at).num_seconds() >= wait);
        if due && rested {
            fetch();
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let back = id
        .map(|id| format!("/activities/{id}"))
        .unwrap_or_else(|| "/activities".into());
    view! {
        <section class="card code-card" aria-labelledby="code-title">
            <h1 id="code-title">{move || v().code_title}</h1>
            {move || match shown.get() {
                None => view! { <p class="muted">{ctx.t().loading}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                Some(Ok(c)) => {
                    let left = (c.changes_at - clock.get()).num_seconds().max(0);
                    view! {
                        <p class="code-digits" data-testid="code" aria-live="polite" aria-label=c.code.clone()>{spaced(&c.code)}</p>
                        <div class="code-qr" role="img" aria-label=c.url.clone() inner_html=c.qr_svg.clone()></div>
                        <p class="code-left" data-testid="code-left">{left}" "{v().changes_in}</p>
                    }.into_any()
                }
            }}
            <p class="muted">{move || v().code_hint}</p>
            <p><A href=back>{move || v().back}</A></p>
        </section>
    }
}

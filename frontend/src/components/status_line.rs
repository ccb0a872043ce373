//! The line above a list while it loads, or when it could not.

use crate::ctx::Ctx;
use leptos::prelude::*;

/// Loading, an error sentence with a retry, or the content.
pub fn status_line(ctx: Ctx, loading: bool, error: Option<String>) -> impl IntoView {
    let t = ctx.t();
    match (loading, error) {
        (_, Some(e)) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
        (true, None) => view! { <p class="muted" aria-live="polite">{t.loading}</p> }.into_any(),
        (false, None) => ().into_any(),
    }
}

pub mod assignment;
pub mod board;
pub mod file_link;
pub mod grid;
pub mod home;
pub mod login;
pub mod new_request;
pub mod queue;
pub mod request;
pub mod room_picker;
pub mod staff_home;
pub mod users;

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

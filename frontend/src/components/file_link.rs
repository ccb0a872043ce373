//! A stored file (a request's photo, a report's evidence) as a download
//! button: the browser fetches it with the session's token.

use crate::ctx::Ctx;
use crate::forms::save_download;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn FileLink(
    path: String,
    filename: String,
    /// Bytes, when known beforehand.
    #[prop(optional)]
    size: Option<i64>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let name = filename.clone();
    let fetch = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let (path, name) = (path.clone(), name.clone());
        spawn_local(async move {
            error.set(save_download(ctx, path, name).await.err());
            pending.set(false);
        });
    };
    view! {
        <button type="button" class="link file" on:click=fetch disabled=move || pending.get()
            aria-label=format!("{} {filename}", ctx.t().download)>
            {filename.clone()}
        </button>
        {size.map(|size| format!(" · {} KB", (size / 1024).max(1)))}
        <span class="form-error" role="alert">{move || error.get()}</span>
    }
}

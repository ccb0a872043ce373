use crate::ctx::{api, Ctx};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Login() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(ctx.notice.get_untracked());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let (u, p) = (username.get_untracked(), password.get_untracked());
        if pending.get_untracked() || u.trim().is_empty() || p.is_empty() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api().login(&u, &p).await;
            pending.set(false);
            match result {
                Ok(tokens) => {
                    ctx.notice.set(None);
                    ctx.session.set(Some(Session::from(tokens)));
                }
                Err(e) => error.set(Some(ctx.lang.get_untracked().texts().describe(&e))),
            }
        });
    };
    let missing = move |value: RwSignal<String>| tried.get() && value.with(|v| v.trim().is_empty());

    view! {
        <section class="card" aria-labelledby="login-title">
            <h1 id="login-title">{move || ctx.t().login_title}</h1>
            <p class="intro">{move || ctx.t().login_intro}</p>
            <form on:submit=submit novalidate>
                <label for="username">{move || ctx.t().username}</label>
                <input
                    id="username"
                    name="username"
                    autocomplete="username"
                    autocapitalize="none"
                    required
                    aria-invalid=move || missing(username).to_string()
                    aria-describedby="username-error"
                    bind:value=username
                />
                <p id="username-error" class="field-error">
                    {move || missing(username).then(|| ctx.t().err_required)}
                </p>
                <label for="password">{move || ctx.t().password}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-invalid=move || missing(password).to_string()
                    aria-describedby="password-error"
                    bind:value=password
                />
                <p id="password-error" class="field-error">
                    {move || missing(password).then(|| ctx.t().err_required)}
                </p>
                <p class="form-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || if pending.get() { ctx.t().signing_in } else { ctx.t().sign_in }}
                </button>
            </form>
        </section>
    }
}

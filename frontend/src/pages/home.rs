use crate::app::{api, Ctx};
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_domain::user::UserView;

#[component]
pub fn Home() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let me = RwSignal::new(None::<Result<UserView, String>>);
    spawn_local(async move {
        let result = ctx.call(|c| async move { c.me().await }).await;
        me.set(Some(
            result.map_err(|e| ctx.lang.get_untracked().texts().describe(&e)),
        ));
    });

    let sign_out = move |_| {
        if let Some(s) = ctx.session.get_untracked() {
            spawn_local(async move {
                // Signing out locally must not wait on, or fail with, the network.
                let _ = api().logout(&s.refresh_token).await;
            });
        }
        ctx.sign_out_with(None);
    };

    view! {
        <section class="card" aria-live="polite">
            {move || {
                let t = ctx.t();
                match me.get() {
                    None => view! { <p class="muted">{t.loading}</p> }.into_any(),
                    Some(Err(msg)) => view! { <p class="form-error" role="alert">{msg}</p> }.into_any(),
                    Some(Ok(user)) => {
                        let roles = user.roles.iter().map(|r| t.role(r)).collect::<Vec<_>>().join(" · ");
                        let unit = user.unit.as_ref().map(|u| {
                            if ctx.lang.get() == Lang::Zh { u.name_zh.clone() } else { u.name_en.clone() }
                        });
                        view! {
                            <h1>{t.welcome}{user.display_name.clone()}</h1>
                            <dl class="facts">
                                <dt>{t.roles}</dt>
                                <dd>{roles}</dd>
                                <dt>{t.unit}</dt>
                                <dd>{unit.unwrap_or_else(|| "—".into())}</dd>
                            </dl>
                        }
                        .into_any()
                    }
                }
            }}
            <p class="actions">
                <button type="button" on:click=sign_out>{move || ctx.t().sign_out}</button>
                <a href="/api/docs/">{move || ctx.t().api_docs}</a>
            </p>
        </section>
    }
}

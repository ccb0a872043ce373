//! Your notifications, newest first: each says what happened and leads to
//! it (opening one marks it read); all can be marked read at once.

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::when;
use crate::live::Live;
use crate::notices;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use onestop_client::NotificationQuery;
use onestop_domain::notify::{NotificationPage, NotificationView};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let live = expect_context::<Live>();
    let reloads = RwSignal::new(0u64);
    let page = api_resource(
        move || (live.notified.get(), reloads.get()),
        |c, _| async move {
            c.list_notifications(&NotificationQuery {
                limit: Some(100),
                ..Default::default()
            })
            .await
        },
    );
    let error = RwSignal::new(None::<String>);
    let mark_all = move |p: &NotificationPage| {
        let up_to = p.items.first().map(|n| n.id);
        spawn_local(async move {
            match ctx
                .call(|c| async move { c.mark_all_read(up_to).await })
                .await
            {
                Ok(n) => {
                    live.set_unread(n.unread);
                    reloads.update(|r| *r += 1);
                }
                Err(e) => error.set(Some(ctx.say(&e))),
            }
        });
    };
    let navigate = StoredValue::new_local(use_navigate());
    let open = move |n: NotificationView| {
        let to = notices::link(&n);
        let unread = n.read_at.is_none();
        spawn_local(async move {
            if unread {
                let id = n.id;
                if ctx
                    .call(|c| async move { c.mark_read(id).await })
                    .await
                    .is_ok()
                {
                    live.unread.update(|u| *u = (*u - 1).max(0));
                }
            }
            if let Some(to) = to {
                navigate.with_value(|go| go(&to, Default::default()));
            }
        });
    };
    let t = move || ctx.t();
    view! {
        <section class="card wide" aria-labelledby="notices-title">
            <h1 id="notices-title">{move || t().notifications}</h1>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <Loaded resource=page show=move |p: NotificationPage| {
                let lang = ctx.lang.get();
                let any_unread = p.unread > 0;
                let all = p.clone();
                view! {
                    <Show when=move || any_unread>
                        <button type="button" on:click={ let all = all.clone(); move |_| mark_all(&all) }>{t().mark_all_read}</button>
                    </Show>
                    {if p.items.is_empty() {
                        view! { <p class="muted">{t().no_notifications}</p> }.into_any()
                    } else {
                        view! { <ul class="notices">{p.items.into_iter().map(|n| {
                            let unread = n.read_at.is_none();
                            let text = notices::text(lang, &n);
                            let at = when(n.at);
                            view! { <li class:unread=unread>
                                <button type="button" class="link notice-item" on:click=move |_| open(n.clone())>
                                    {unread.then(|| view! { <span class="dot" aria-label=t().unread></span> })}
                                    <span class="text">{text}</span>
                                    <span class="muted small">{at}</span>
                                </button>
                            </li> }
                        }).collect_view()}</ul> }.into_any()
                    }}
                }
            }/>
        </section>
    }
}

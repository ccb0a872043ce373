//! Home: a student's room, roommates, contacts and requests; staff get their own home.

use crate::components::request_list::RequestList;
use crate::components::status_line;
use crate::ctx::Ctx;
use crate::labels;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use onestop_client::RequestQuery;
use onestop_domain::grid::wire::MyResidence;
use onestop_domain::service::wire::RequestView;
use onestop_domain::service::Kind;
use onestop_domain::Role;

#[component]
pub fn Home() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        {move || if ctx.has(Role::Student) { view! { <StudentHome/> }.into_any() } else { view! { <crate::pages::staff_home::StaffHome/> }.into_any() }}
    }
}

#[component]
fn StudentHome() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let residence = RwSignal::new(None::<Result<MyResidence, String>>);
    let requests = RwSignal::new(None::<Result<Vec<RequestView>, String>>);
    spawn_local(async move {
        let r = ctx.call(|c| async move { c.my_residence().await }).await;
        residence.set(Some(r.map_err(|e| match e.status() {
            Some(404) => ctx.t().no_room.to_owned(),
            _ => ctx.say(&e),
        })));
    });
    // The student's requests, again whenever one of them changes (live stream).
    let live = expect_context::<crate::live::Live>();
    Effect::new(move |_| {
        live.ticks.track();
        spawn_local(async move {
            let q = RequestQuery {
                limit: Some(50),
                ..Default::default()
            };
            let r = ctx
                .call(move |c| {
                    let q = q.clone();
                    async move { c.list_requests(&q).await }
                })
                .await;
            requests.set(Some(r.map(|p| p.items).map_err(|e| ctx.say(&e))));
        });
    });
    let t = move || ctx.t();
    view! {
        <section class="card" aria-labelledby="room-title">
            <h1 id="room-title">{move || t().my_room}</h1>
            {move || match residence.get() {
                None => status_line(ctx, true, None).into_any(),
                Some(Err(e)) => view! { <p class="muted">{e}</p> }.into_any(),
                Some(Ok(r)) => {
                    let path = r.ancestors.iter().map(|a| a.name.clone()).chain([r.room.name.clone()]).collect::<Vec<_>>().join(" · ");
                    view! {
                        <p class="room">{path}" · "{t().bed}" "{r.bed}</p>
                        <h2>{t().roommates}</h2>
                        <ul class="plain">
                            {r.roommates.iter().map(|m| view! { <li>{m.display_name.clone()}" · "{t().bed}" "{m.bed}</li> }).collect_view()}
                        </ul>
                        <h2>{t().contacts}</h2>
                        <ul class="plain contacts">
                            {r.contacts.iter().flat_map(|level| level.holders.iter().map(move |h| (level.node.name.clone(), h.holder.display_name.clone(), h.post_type))).map(|(place, name, post)| {
                                view! { <li><span class="muted">{place}" · "{labels::post(ctx.lang.get(), post)}</span>" "{name}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
        <crate::pages::talks::MyTalks/>
        <crate::pages::activities::MyActivities/>
        <section class="card" aria-labelledby="new-title">
            <h2 id="new-title">{move || t().new_request}</h2>
            <div class="kinds">
                {Kind::ALL.into_iter().map(|k| view! {
                    <A href=format!("/requests/new/{}", k.as_str())>{move || labels::kind(ctx.lang.get(), k)}</A>
                }).collect_view()}
            </div>
        </section>
        <section class="card" aria-labelledby="mine-title">
            <h2 id="mine-title">{move || t().my_requests}</h2>
            {move || match requests.get() {
                None => status_line(ctx, true, None).into_any(),
                Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
                Some(Ok(items)) if items.is_empty() => view! { <p class="muted">{t().none_yet}</p> }.into_any(),
                Some(Ok(items)) => view! { <RequestList items=items/> }.into_any(),
            }}
        </section>
    }
}

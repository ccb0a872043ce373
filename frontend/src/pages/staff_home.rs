//! Staff home: who they are, their open work by state with what is overdue
//! (each a link into the queue), and their unit's reform to-do.

use crate::components::inbox::Inbox;
use crate::ctx::Ctx;
use crate::labels;
use crate::pages::visits::{MyStanding, ToAnswer};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use onestop_client::RequestQuery;
use onestop_domain::service::State;
use onestop_domain::Role;

/// Open requests per state, and how many of them are overdue.
#[derive(Clone)]
struct Work {
    open: Vec<(State, i64)>,
    overdue: i64,
}

async fn load(ctx: Ctx) -> Result<Work, String> {
    let counts = |overdue: Option<bool>| {
        let q = RequestQuery {
            overdue,
            ..Default::default()
        };
        ctx.call(move |c| {
            let q = q.clone();
            async move { c.count_requests(&q).await }
        })
    };
    let all = counts(None).await.map_err(|e| ctx.say(&e))?;
    let late = counts(Some(true)).await.map_err(|e| ctx.say(&e))?;
    Ok(Work {
        open: all
            .into_iter()
            .filter(|c| c.state.is_open() && c.count > 0)
            .map(|c| (c.state, c.count))
            .collect(),
        overdue: late
            .iter()
            .filter(|c| c.state.is_open())
            .map(|c| c.count)
            .sum(),
    })
}

#[component]
pub fn StaffHome() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let works_queue = [Role::Counsellor, Role::Handler, Role::Office, Role::Admin]
        .into_iter()
        .any(|r| ctx.has(r));
    let work = RwSignal::new(None::<Result<Work, String>>);
    if works_queue {
        spawn_local(async move { work.set(Some(load(ctx).await)) });
    }
    view! {
        <section class="card">
            {move || ctx.me.get().map(|user| {
                let roles = user.roles.iter().map(|r| t().role(r)).collect::<Vec<_>>().join(" · ");
                let unit = user.unit.as_ref().map(|u| labels::unit(lang(), u));
                view! {
                    <h1>{t().welcome}{user.display_name.clone()}</h1>
                    <dl class="facts">
                        <dt>{t().roles}</dt><dd>{roles}</dd>
                        <dt>{t().unit}</dt><dd>{unit.unwrap_or_else(|| "—".into())}</dd>
                    </dl>
                }
            })}
        </section>
        {works_queue.then(|| view! {
            <section class="card" aria-labelledby="work-title">
                <h2 id="work-title">{move || t().my_work}</h2>
                {move || match work.get() {
                    None => view! { <p class="muted" aria-live="polite">{t().loading}</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                    Some(Ok(w)) if w.open.is_empty() => view! { <p class="muted">{t().nothing_open}</p> }.into_any(),
                    Some(Ok(w)) => view! {
                        <ul class="tiles">
                            {(w.overdue > 0).then(|| view! {
                                <li class="late"><A href="/queue?overdue=1"><span class="count">{w.overdue}</span>{t().overdue}</A></li>
                            })}
                            {w.open.into_iter().map(|(s, n)| view! {
                                <li><A href=format!("/queue?state={}", s.as_str())><span class="count">{n}</span>{labels::state(lang(), s)}</A></li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </section>
        })}
        {ctx.has(Role::Leader).then(|| view! { <MyStanding/> })}
        <ToAnswer/>
        <Inbox/>
        <p class="actions"><a href="/api/docs/">{move || t().api_docs}</a></p>
    }
}

//! Requests as a list: the student's home and the staff queue show them alike.

use crate::ctx::Ctx;
use crate::format::when;
use crate::labels;
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_domain::service::wire::RequestView;

/// Requests as rows that open the request page; overdue ones stand out.
#[component]
pub fn RequestList(items: Vec<RequestView>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <ul class="requests">
            {items.into_iter().map(|r| {
                let lang = ctx.lang.get();
                let href = format!("/requests/{}", r.id);
                view! {
                    <li class:overdue=r.overdue>
                        <A href=href>
                            <span class="kind">{labels::kind(lang, r.kind)}</span>
                            <span class="summary">{r.summary.clone()}</span>
                            <span class=format!("state state-{}", r.state.as_str())>{labels::state(lang, r.state)}</span>
                            <span class="meta">{r.place_name.clone()}" · "{when(r.created_at)}
                                {r.overdue.then(|| view! { " · " <strong class="late">{ctx.t().overdue}</strong> })}
                            </span>
                        </A>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

//! What the signed-in person's unit must act on: returned reports, missed
//! milestones, silent months, review comments.

use crate::components::api_resource;
use crate::ctx::Ctx;
use crate::format::when;
use crate::labels;
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_domain::reform::wire::ReformEventView;

#[component]
pub fn Inbox() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let items = api_resource(|| (), |c, ()| async move { c.reform_inbox().await });
    // Someone without a unit has no inbox (403): the section then stays
    // away. Any other failure is said where the inbox would be.
    let shown = move || {
        items.with(|r| match r {
            None => None,
            Some(Err(e)) if e.status() == Some(403) => None,
            Some(Err(e)) => Some(Err(ctx.say(e))),
            Some(Ok(list)) => Some(Ok(list.clone())),
        })
    };
    move || {
        shown().map(|answer| {
            let list: Vec<ReformEventView> = answer.clone().unwrap_or_default();
            let empty = answer.is_ok() && list.is_empty();
            view! {
                <section class="card wide" aria-labelledby="inbox-title">
                    <h2 id="inbox-title">{t().inbox}</h2>
                    {answer.err().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    {empty.then(|| view! { <p class="muted">{t().inbox_empty}</p> })}
                    <ul class="plain inbox">
                        {list.into_iter().take(20).map(|e| view! {
                            <li>
                                <span class="meta">{when(e.at)}</span>" "
                                <A href=format!("/assignments/{}", e.assignment_id)>"#"{e.task_no}" · "{labels::reform_event(ctx.lang.get(), e.kind)}</A>
                                {e.period.clone().map(|p| format!(" · {p}"))}
                                {e.note.clone().map(|n| view! { <span class="note">" — "{labels::reform_note(ctx.lang.get(), e.kind, &n)}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

//! What the signed-in person's unit must act on: returned reports, missed
//! milestones, silent months, review comments.

use crate::ctx::Ctx;
use crate::format::when;
use crate::labels;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use onestop_domain::reform::wire::ReformEventView;

#[component]
pub fn Inbox() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let items = RwSignal::new(None::<Vec<ReformEventView>>);
    spawn_local(async move {
        // Someone without a unit has no inbox; the section then stays away.
        if let Ok(list) = ctx.call(|c| async move { c.reform_inbox().await }).await {
            items.set(Some(list));
        }
    });
    move || {
        items.get().map(|list| {
            let empty = list.is_empty();
            view! {
                <section class="card wide" aria-labelledby="inbox-title">
                    <h2 id="inbox-title">{t().inbox}</h2>
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

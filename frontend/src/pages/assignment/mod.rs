//! One reform assignment: who answers for it and by when, its milestones, its
//! progress reports with their reviews and evidence, and everything that happened.

mod milestones;
mod reports;
mod summary;

use crate::components::status_line;
use crate::ctx::Ctx;
use crate::format::when;
use crate::labels;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use onestop_domain::reform::wire::{AssignmentDetail, ReformEventView};
use uuid::Uuid;

#[component]
pub fn AssignmentPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<Uuid>().ok())
    });
    let data = RwSignal::new(None::<Result<AssignmentDetail, String>>);
    let reload = Callback::new(move |_: ()| match id.get_untracked() {
        Some(id) => spawn_local(async move {
            let r = ctx.call(|c| async move { c.assignment(id).await }).await;
            data.set(Some(r.map_err(|e| ctx.say(&e))));
        }),
        None => data.set(Some(Err(ctx.t().not_found.into()))),
    });
    Effect::new(move |_| {
        id.track();
        reload.run(());
    });
    let replace = Callback::new(move |d: AssignmentDetail| data.set(Some(Ok(d))));
    // Outlives a reload of the page's data: e.g. which evidence files did not upload.
    let notice = RwSignal::new(None::<String>);
    view! {
        {move || match data.get() {
            None => status_line(ctx, true, None).into_any(),
            Some(Err(e)) => view! { <section class="card">{status_line(ctx, false, Some(e))}</section> }.into_any(),
            Some(Ok(d)) => view! {
                <summary::Summary detail=d.clone() on_saved=replace/>
                <milestones::Milestones detail=d.clone() on_change=reload/>
                <reports::Reports detail=d.clone() notice=notice on_change=reload/>
                <History events=d.history/>
            }.into_any(),
        }}
    }
}

#[component]
fn History(events: Vec<ReformEventView>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let empty = events.is_empty();
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{move || t().history}</h2>
            {empty.then(|| view! { <p class="muted">{move || t().none_yet}</p> })}
            <ol class="timeline">
                {events.into_iter().map(|e| {
                    let who = e.actor.as_ref().map(|a| a.display_name.clone());
                    view! {
                        <li>
                            <span class="meta">{when(e.at)}{who.map(|w| format!(" · {w}"))}{e.period.clone().map(|p| format!(" · {p}"))}</span>
                            <span>{move || labels::reform_event(ctx.lang.get(), e.kind)}</span>
                            {e.note.clone().map(|n| view! { <p class="note">{move || labels::reform_note(ctx.lang.get(), e.kind, &n)}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

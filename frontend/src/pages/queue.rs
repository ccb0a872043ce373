//! The staff queue: tabs by state with counts, filters, order, paging that
//! keeps its place (filters live in the address), refreshed as changes
//! arrive on the live stream (every 20 seconds while it is down).

use crate::components::request_list::RequestList;
use crate::components::{status_line, AddressView};
use crate::ctx::Ctx;
use crate::format::{now, Age, QueueView};
use crate::forms::{code_of, enum_of, tab_keys};
use crate::labels;
use crate::live::Live;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_client::RequestQuery;
use onestop_domain::grid::wire::BuildingRef;
use onestop_domain::service::wire::{RequestView, StateCount};
use onestop_domain::service::{Kind, Priority, State};
use std::time::Duration;

const TABS: [State; 7] = [
    State::Submitted,
    State::Triaged,
    State::Assigned,
    State::InProgress,
    State::WaitingOnStudent,
    State::Reopened,
    State::Resolved,
];

fn query_for(v: &QueueView, cursor: Option<String>) -> RequestQuery {
    let (created_from, created_to) = v.age.map(|a| a.window(now())).unwrap_or_default();
    RequestQuery {
        created_from,
        created_to,
        state: v.state,
        open: v.state.is_none(),
        kind: v.kind,
        priority: v.priority,
        building: v.building,
        overdue: v.overdue.then_some(true),
        sort: v.oldest.then(|| "oldest".to_owned()),
        limit: Some(30),
        cursor,
        ..Default::default()
    }
}

#[component]
pub fn Queue() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let address = AddressView::<QueueView>::new("/queue");
    let view_of = address.memo();
    let items = RwSignal::new(Vec::<RequestView>::new());
    let next = RwSignal::new(None::<String>);
    let counts = RwSignal::new(Vec::<StateCount>::new());
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let buildings = RwSignal::new(Vec::<BuildingRef>::new());
    spawn_local(async move {
        match ctx.call(|c| async move { c.buildings().await }).await {
            Ok(b) => buildings.set(b),
            Err(e) => error.set(Some(ctx.say(&e))),
        }
    });

    // Each fetch is numbered; an answer to one that a newer fetch (another
    // filter, the next page) has overtaken is dropped, not shown.
    let generation = StoredValue::new(0u64);
    let fetch = move |append: bool| {
        let v = view_of.get_untracked();
        let cursor = if append { next.get_untracked() } else { None };
        let mine = generation.get_value() + 1;
        generation.set_value(mine);
        spawn_local(async move {
            let q = query_for(&v, cursor);
            let page = ctx
                .call(|c| {
                    let q = q.clone();
                    async move { c.list_requests(&q).await }
                })
                .await;
            let mut cq = q.clone();
            cq.state = None;
            cq.open = false;
            cq.cursor = None;
            let n = ctx
                .call(|c| {
                    let cq = cq.clone();
                    async move { c.count_requests(&cq).await }
                })
                .await;
            if generation.get_value() != mine {
                return;
            }
            loading.set(false);
            match page {
                Ok(p) => {
                    error.set(None);
                    if append {
                        items.update(|i| i.extend(p.items));
                        next.set(p.next_cursor);
                    } else if items.with_untracked(|i| i.len() > 30) {
                        // Refreshed while paged in: renew the first page, keep the place.
                        items.update(|i| {
                            let rest = i.split_off(30);
                            let mut fresh = p.items;
                            let kept: Vec<_> = rest
                                .into_iter()
                                .filter(|r| !fresh.iter().any(|x| x.id == r.id))
                                .collect();
                            fresh.extend(kept);
                            *i = fresh;
                        });
                    } else {
                        items.set(p.items);
                        next.set(p.next_cursor);
                    }
                }
                Err(e) => error.set(Some(ctx.say(&e))),
            }
            match n {
                Ok(n) => counts.set(n),
                Err(e) => error.set(Some(ctx.say(&e))),
            }
        });
    };
    Effect::new(move |_| {
        view_of.track();
        next.set(None);
        items.set(Vec::new());
        loading.set(true);
        fetch(false);
    });
    // Changes arrive on the live stream: refresh once a burst of them is over.
    let live = expect_context::<Live>();
    let pending = StoredValue::new(false);
    Effect::new(move |seen: Option<u64>| {
        let ticks = live.ticks.get();
        if seen.is_some() && !pending.get_value() {
            pending.set_value(true);
            set_timeout(
                move || {
                    pending.set_value(false);
                    fetch(false);
                },
                Duration::from_millis(300),
            );
        }
        ticks
    });
    // Without the stream, poll: new requests still appear without a reload.
    let poll = move || {
        if !live.connected.get_untracked() {
            fetch(false);
        }
    };
    if let Ok(handle) = set_interval_with_handle(poll, Duration::from_secs(20)) {
        on_cleanup(move || handle.clear());
    }

    let go = move |v: QueueView| address.set(v);
    let count =
        move |s: State| counts.with(|c| c.iter().find(|x| x.state == s).map_or(0, |x| x.count));
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    view! {
        <section class="card wide" aria-labelledby="queue-title">
            <h1 id="queue-title">{move || t().nav_queue}</h1>
            <div class="tabs" role="tablist" on:keydown=tab_keys>
                <button role="tab" type="button" aria-selected=move || view_of.get().state.is_none().to_string()
                    tabindex=move || if view_of.get().state.is_none() { "0" } else { "-1" }
                    on:click=move |_| go(QueueView { state: None, ..view_of.get_untracked() })>{move || t().open_only}</button>
                {TABS.into_iter().map(|s| {
                    view! {
                        <button role="tab" type="button" data-state=s.as_str() aria-selected=move || (view_of.get().state == Some(s)).to_string()
                            tabindex=move || if view_of.get().state == Some(s) { "0" } else { "-1" }
                            on:click=move |_| go(QueueView { state: Some(s), ..view_of.get_untracked() })>
                            {move || labels::state(lang(), s)}" "<span class="count">{move || count(s)}</span>
                        </button>
                    }
                }).collect_view()}
            </div>
            <fieldset class="filters">
                <legend>{move || t().filters}</legend>
                <label>{move || t().kind}" "
                    <select on:change=move |ev| { let k = Kind::parse(&event_target_value(&ev)); go(QueueView { kind: k, ..view_of.get_untracked() }) }
                        prop:value=move || view_of.get().kind.map(|k| k.as_str()).unwrap_or("")>
                        <option value="">{move || t().all}</option>
                        {Kind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{move || labels::kind(lang(), k)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{move || t().priority}" "
                    <select on:change=move |ev| { let p = enum_of::<Priority>(&event_target_value(&ev)); go(QueueView { priority: p, ..view_of.get_untracked() }) }
                        >
                        <option value="">{move || t().all}</option>
                        // Selected per option: the choice must hold whenever the options appear.
                        {Priority::ALL.into_iter().map(|p| view! { <option value=code_of(&p) prop:selected=move || view_of.get().priority == Some(p)>{move || labels::priority(lang(), p)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{move || t().building}" "
                    <select on:change=move |ev| { let b = event_target_value(&ev).parse().ok(); go(QueueView { building: b, ..view_of.get_untracked() }) }
                        >
                        <option value="">{move || t().all}</option>
                        {move || buildings.get().into_iter().map(|b| view! { <option value=b.id.to_string() prop:selected=move || view_of.get().building == Some(b.id)>{b.name}</option> }).collect_view()}
                    </select>
                </label>
                <label>{move || t().submitted_at}" "
                    <select on:change=move |ev| { let a = Age::parse(&event_target_value(&ev)); go(QueueView { age: a, ..view_of.get_untracked() }) }>
                        <option value="">{move || t().all}</option>
                        {Age::ALL.into_iter().map(|a| view! { <option value=a.code() prop:selected=move || view_of.get().age == Some(a)>{move || labels::age(lang(), a)}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check"><input type="checkbox" prop:checked=move || view_of.get().overdue
                    on:change=move |ev| go(QueueView { overdue: event_target_checked(&ev), ..view_of.get_untracked() })/>{move || t().only_overdue}</label>
                <label>{move || t().sort}" "
                    <select on:change=move |ev| go(QueueView { oldest: event_target_value(&ev) == "oldest", ..view_of.get_untracked() })
                        prop:value=move || if view_of.get().oldest { "oldest" } else { "newest" }>
                        <option value="newest">{move || t().newest}</option>
                        <option value="oldest">{move || t().oldest}</option>
                    </select>
                </label>
            </fieldset>
            <p class="muted small" aria-live="polite">{move || if live.connected.get() { t().live_on } else { t().auto_refresh }}</p>
            {move || status_line(ctx, loading.get(), error.get())}
            {move || {
                let list = items.get();
                if list.is_empty() && !loading.get() {
                    view! { <p class="muted">{t().none_yet}</p> }.into_any()
                } else {
                    view! { <RequestList items=list/> }.into_any()
                }
            }}
            <Show when=move || next.with(Option::is_some)>
                <button type="button" on:click=move |_| fetch(true)>{move || t().load_more}</button>
            </Show>
        </section>
    }
}

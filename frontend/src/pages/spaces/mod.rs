//! Community spaces (任务3、8) in the browser: the spaces by community, a
//! community's week of bookings, your own bookings, and (for the community
//! office) what waits for approval; one space's calendar and booking form.

mod bookings;
mod form;
mod space;

pub use space::{quarters, time_select, SpacePage};

use crate::components::{api_resource, query_of, AddressView, InAddress, Loaded};
use crate::ctx::Ctx;
use crate::format::today;
use crate::forms::{tab, tab_keys};
use crate::i18n::spaces::{space_kind, texts, SpaceTexts};
use bookings::{agenda, booking_item};
use form::SpaceForm;
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_client::{BookingQuery, SpaceQuery};
use onestop_domain::community::spaces::wire::{BookingView, SpaceView};
use onestop_domain::community::spaces::BookingState;
use onestop_domain::{NodeId, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Spaces,
    Calendar,
    Mine,
    ToDecide,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Place {
    tab: Tab,
    /// The community shown (its id), or all.
    community: String,
}

impl InAddress for Place {
    fn to_query(&self) -> String {
        let tab = match self.tab {
            Tab::Spaces => None,
            Tab::Calendar => Some("view=calendar"),
            Tab::Mine => Some("view=mine"),
            Tab::ToDecide => Some("view=decide"),
        };
        let c = (!self.community.is_empty()).then(|| format!("community={}", self.community));
        let parts: Vec<String> = tab.map(str::to_owned).into_iter().chain(c).collect();
        query_of(&parts)
    }

    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Place {
            tab: match get("view").as_deref() {
                Some("calendar") => Tab::Calendar,
                Some("mine") => Tab::Mine,
                Some("decide") => Tab::ToDecide,
                _ => Tab::Spaces,
            },
            community: get("community")
                .filter(|i| i.parse::<uuid::Uuid>().is_ok())
                .unwrap_or_default(),
        }
    }
}

fn space_item(ctx: Ctx, s: SpaceView) -> impl IntoView {
    let lang = ctx.lang.get();
    let v = texts(lang);
    view! {
        <li class="space" class:gone=!s.active>
            <A href=format!("/spaces/{}", s.id)>{s.name.clone()}</A>
            <span class="meta">" "{space_kind(lang, s.kind)}" · "{v.capacity}" "{s.capacity}" "{v.people}" · "
                {s.opens.clone()}"–"{s.closes.clone()}
                {s.needs_approval.then(|| format!(" · {}", v.needs_approval))}
                {(!s.active).then(|| format!(" · {}", v.closed))}</span>
        </li>
    }
}

/// Bookings from today on, for the lists that are not a calendar.
fn upcoming(
    list: Vec<BookingView>,
    ctx: Ctx,
    empty: &'static str,
    changed: RwSignal<u64>,
) -> AnyView {
    if list.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! { <ul class="plain bookings">{list.into_iter().map(|b| booking_item(ctx, b, true, true, changed)).collect_view()}</ul> }.into_any()
}

#[component]
pub fn SpacesPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let place = AddressView::<Place>::new("/spaces");
    let current = place.part(|p| p.tab);
    let community = place.part(|p| p.community.parse::<NodeId>().ok());
    let keeps = ctx.has(Role::Admin) || ctx.has(Role::Office);
    let changed = RwSignal::new(0u64);
    let spaces = api_resource(
        move || changed.get(),
        move |c, _| async move {
            c.list_spaces(&SpaceQuery {
                closed: keeps,
                ..Default::default()
            })
            .await
        },
    );
    let bookings = api_resource(
        move || (current.get(), community.get(), changed.get()),
        |c, (tab, community, _)| async move {
            let q = match tab {
                Tab::Spaces => return Ok(Vec::new()),
                Tab::Calendar => BookingQuery {
                    community,
                    days: Some(7),
                    ..Default::default()
                },
                Tab::Mine => BookingQuery {
                    mine: true,
                    days: Some(62),
                    ..Default::default()
                },
                Tab::ToDecide => BookingQuery {
                    kept: true,
                    state: Some(BookingState::Pending),
                    days: Some(62),
                    ..Default::default()
                },
            };
            c.list_bookings(&q).await
        },
    );
    let tab_button = move |which: Tab, label: fn(&'static SpaceTexts) -> &'static str| {
        tab(
            move || current.get() == which,
            move || place.update(|p| p.tab = which),
            move || label(v()),
        )
    };
    let communities = move || {
        let mut seen: Vec<(NodeId, String)> = Vec::new();
        spaces.with(|r| {
            if let Some(Ok(list)) = r {
                for s in list {
                    if !seen.iter().any(|(id, _)| *id == s.community.id) {
                        seen.push((s.community.id, s.community.name.clone()));
                    }
                }
            }
        });
        seen
    };
    view! {
        <section class="card wide" aria-labelledby="spaces-title">
            <h1 id="spaces-title">{move || v().title}</h1>
            <div class="tabs" role="tablist" on:keydown=tab_keys>
                {tab_button(Tab::Spaces, |v| v.spaces)}
                {tab_button(Tab::Calendar, |v| v.calendar)}
                {tab_button(Tab::Mine, |v| v.mine)}
                {keeps.then(|| tab_button(Tab::ToDecide, |v| v.to_decide))}
            </div>
            <Show when=move || matches!(current.get(), Tab::Spaces | Tab::Calendar)>
                <label for="space-community">{move || v().community}</label>
                <select id="space-community" on:change=move |ev| { let c = event_target_value(&ev); place.update(|p| p.community = c); }>
                    <option value="">{move || v().all_communities}</option>
                    {move || communities().into_iter().map(|(id, name)| {
                        let this = id.to_string();
                        view! { <option value=id.to_string() prop:selected=move || place.get().community == this>{name}</option> }
                    }).collect_view()}
                </select>
            </Show>
            {move || match current.get() {
                Tab::Spaces => view! {
                    <Loaded resource=spaces show={move |list: Vec<SpaceView>| {
                        let only = community.get();
                        let list: Vec<_> = list.into_iter().filter(|s| only.is_none_or(|c| s.community.id == c)).collect();
                        if list.is_empty() {
                            view! { <p class="muted">{texts(ctx.lang.get()).none}</p> }.into_any()
                        } else {
                            view! { <ul class="plain spaces">{list.into_iter().map(|s| space_item(ctx, s)).collect_view()}</ul> }.into_any()
                        }
                    }}/>
                }.into_any(),
                Tab::Calendar => view! {
                    <Loaded resource=bookings show={move |list: Vec<BookingView>| agenda(ctx, today(), 7, list, true, changed)}/>
                }.into_any(),
                Tab::Mine => view! {
                    <Loaded resource=bookings show={move |list: Vec<BookingView>| upcoming(list, ctx, texts(ctx.lang.get()).no_bookings, changed)}/>
                }.into_any(),
                Tab::ToDecide => view! {
                    <Loaded resource=bookings show={move |list: Vec<BookingView>| upcoming(list, ctx, texts(ctx.lang.get()).nothing_to_decide, changed)}/>
                }.into_any(),
            }}
        </section>
        {keeps.then(|| view! {
            <details class="card"><summary>{move || v().new_space}</summary>
                <SpaceForm editing=None saved=changed/>
            </details>
        })}
    }
}

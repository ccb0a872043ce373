//! 思政课堂 sessions (任务6) in the browser: the sessions open for
//! applications, your own applications, those you host, and all; one
//! session with the application form, the draw's public record and (for its
//! hosts) the list, attendance and follow-ups; the form that announces one.

mod announce;
mod detail;
mod draw_record;
mod mine;
mod runner;

pub use announce::AnnounceTalk;
pub use detail::TalkPage;

use crate::components::{api_resource, query_of, AddressView, InAddress, Loaded};
use crate::ctx::Ctx;
use crate::format::when;
use crate::forms::{tab, tab_keys};
use crate::i18n::talks::{application_state, talk_kind, talk_state, texts, TalkTexts};
use chrono::Duration;
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_client::TalkQuery;
use onestop_domain::community::talks::wire::TalkView;
use onestop_domain::community::talks::{ApplicationState, TalkState};
use onestop_domain::page::Page;
use onestop_domain::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Open,
    Mine,
    Hosting,
    All,
}

impl InAddress for Tab {
    fn to_query(&self) -> String {
        let view = match self {
            Tab::Open => return String::new(),
            Tab::Mine => "view=mine",
            Tab::Hosting => "view=hosting",
            Tab::All => "view=all",
        };
        query_of(&[view.to_owned()])
    }

    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        match get("view").as_deref() {
            Some("mine") => Tab::Mine,
            Some("hosting") => Tab::Hosting,
            Some("all") => Tab::All,
            _ => Tab::Open,
        }
    }
}

/// `12-10 19:00–21:00`, campus time.
pub fn span(t: &TalkView) -> String {
    let ends = (t.ends_at + Duration::hours(8)).format("%H:%M");
    format!("{}–{ends}", when(t.starts_at))
}

/// Where a student stands, in a few words: the state of their application
/// (with how many wait before them on the waiting list).
pub fn standing(ctx: Ctx, t: &TalkView) -> Option<String> {
    let lang = ctx.lang.get_untracked();
    let a = t.mine.as_ref()?;
    Some(match (a.state, a.ahead) {
        (ApplicationState::Waiting, Some(n)) => {
            format!("{} {n}", texts(lang).waiting_ahead)
        }
        (s, _) => application_state(lang, s).to_owned(),
    })
}

pub fn talk_item(ctx: Ctx, t: TalkView) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let mine = standing(ctx, &t);
    let placed = t
        .mine
        .as_ref()
        .is_some_and(|a| a.state == ApplicationState::Placed);
    let (href, at) = (format!("/talks/{}", t.id), span(&t));
    view! {
        <li class="talk" class:gone=t.state == TalkState::Cancelled>
            <A href=href>{t.topic}</A>
            <span class="meta">" "{talk_kind(lang, t.kind)}" · "{at}" · "{t.space.name}</span>
            <span class="meta">" · "{v.places}" "{t.places}" · "{v.applicants}" "{t.applicants}" · "
                <span class="state">{talk_state(lang, t.state)}</span></span>
            {mine.map(|m| view! { <span class="badge-text" class:ok=placed>" "{m}</span> })}
        </li>
    }
}

fn list(ctx: Ctx, page: Page<TalkView>, v: &'static TalkTexts) -> AnyView {
    if page.items.is_empty() {
        return view! { <p class="muted">{v.none}</p> }.into_any();
    }
    view! { <ul class="plain talks">{page.items.into_iter().map(|t| talk_item(ctx, t)).collect_view()}</ul> }
        .into_any()
}

#[component]
pub fn TalksPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let place = AddressView::<Tab>::new("/talks");
    let current = place.part(|t| *t);
    let student = ctx.has(Role::Student);
    let staff = ctx.is_staff();
    let talks = api_resource(
        move || current.get(),
        |c, tab| async move {
            let q = match tab {
                Tab::Open => TalkQuery {
                    state: Some(TalkState::Open),
                    upcoming: true,
                    ..Default::default()
                },
                Tab::Mine => TalkQuery {
                    applied_by_me: true,
                    ..Default::default()
                },
                Tab::Hosting => TalkQuery {
                    hosted_by_me: true,
                    ..Default::default()
                },
                Tab::All => TalkQuery::default(),
            };
            c.list_talks(&TalkQuery {
                limit: Some(50),
                ..q
            })
            .await
        },
    );
    let tab_button = move |which: Tab, label: fn(&'static TalkTexts) -> &'static str| {
        tab(
            move || current.get() == which,
            move || place.set(which),
            move || label(v()),
        )
    };
    view! {
        <section class="card wide" aria-labelledby="talks-title">
            <h1 id="talks-title">{move || v().title}</h1>
            {staff.then(|| view! { <p class="actions"><A href="/talks/new" attr:class="button primary">{move || v().announce}</A></p> })}
            <div class="tabs" role="tablist" on:keydown=tab_keys>
                {tab_button(Tab::Open, |v| v.open_now)}
                {student.then(|| tab_button(Tab::Mine, |v| v.mine))}
                {staff.then(|| tab_button(Tab::Hosting, |v| v.hosting))}
                {tab_button(Tab::All, |v| v.all)}
            </div>
            <Loaded resource=talks show={move |p: Page<TalkView>| list(ctx, p, texts(ctx.lang.get()))}/>
        </section>
    }
}

/// On a student's home: the sessions they applied for that have not ended.
#[component]
pub fn MyTalks() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let talks = api_resource(
        || (),
        |c, _| async move {
            c.list_talks(&TalkQuery {
                applied_by_me: true,
                upcoming: true,
                limit: Some(10),
                ..Default::default()
            })
            .await
        },
    );
    view! {
        <section class="card" aria-labelledby="my-talks-title">
            <h2 id="my-talks-title">{move || v().upcoming_title}</h2>
            <Loaded resource=talks show={move |p: Page<TalkView>| {
                let v = texts(ctx.lang.get());
                let live: Vec<_> = p.items.into_iter().filter(|t| {
                    t.state != TalkState::Cancelled
                        && t.mine.as_ref().is_some_and(|a| a.state != ApplicationState::Withdrawn)
                }).collect();
                view! {
                    {if live.is_empty() {
                        view! { <p class="muted">{v.none}</p> }.into_any()
                    } else {
                        view! { <ul class="plain talks">{live.into_iter().map(|t| talk_item(ctx, t)).collect_view()}</ul> }.into_any()
                    }}
                    <p><A href="/talks">{v.see_all}</A></p>
                }
            }}/>
        </section>
    }
}

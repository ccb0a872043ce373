//! 第二课堂 activities (任务2、7、9) in the browser: those open for sign-up,
//! your own sign-ups, those you organise, those waiting for your review, and
//! all; one activity with sign-up, review and (for its organiser) the
//! rotating check-in code, the lists and corrections; the check-in page a
//! student's camera opens; the transcript and its public verification.

mod check_in;
mod code;
mod detail;
mod organiser;
mod propose;
mod review;
mod summary;
mod transcript;

pub use check_in::CheckInPage;
pub use code::CodePage;
pub use detail::ActivityPage;
pub use propose::ProposeActivity;
pub use summary::SummaryPage;
pub use transcript::{TranscriptPage, VerifyPage};

use crate::components::{api_resource, query_of, AddressView, InAddress, Loaded};
use crate::ctx::Ctx;
use crate::format::when;
use crate::forms::{tab, tab_keys};
use crate::i18n::activities::{category, signup_state, state, texts, ActivityTexts};
use chrono::Duration;
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_client::ActivityQuery;
use onestop_domain::growth::wire::ActivityView;
use onestop_domain::growth::{ActivityState, SignupState};
use onestop_domain::page::Page;
use onestop_domain::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Open,
    Mine,
    Organising,
    Review,
    All,
}

impl InAddress for Tab {
    fn to_query(&self) -> String {
        let view = match self {
            Tab::Open => return String::new(),
            Tab::Mine => "view=mine",
            Tab::Organising => "view=organising",
            Tab::Review => "view=review",
            Tab::All => "view=all",
        };
        query_of(&[view.to_owned()])
    }

    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        match get("view").as_deref() {
            Some("mine") => Tab::Mine,
            Some("organising") => Tab::Organising,
            Some("review") => Tab::Review,
            Some("all") => Tab::All,
            _ => Tab::Open,
        }
    }
}

/// `12-10 19:00–21:00`, campus time.
pub fn span(a: &ActivityView) -> String {
    let ends = (a.ends_at + Duration::hours(8)).format("%H:%M");
    format!("{}–{ends}", when(a.starts_at))
}

/// Where a student stands, in a few words.
pub fn standing(ctx: Ctx, a: &ActivityView) -> Option<String> {
    let lang = ctx.lang.get_untracked();
    let s = a.mine.as_ref()?;
    Some(match (s.state, s.ahead) {
        (SignupState::Waiting, Some(n)) => format!("{} {n}", texts(lang).waiting_ahead),
        (st, _) => signup_state(lang, st).to_owned(),
    })
}

pub fn activity_item(ctx: Ctx, a: ActivityView) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let mine = standing(ctx, &a);
    let placed = a
        .mine
        .as_ref()
        .is_some_and(|s| s.state == SignupState::Placed);
    let (href, at) = (format!("/activities/{}", a.id), span(&a));
    view! {
        <li class="activity" class:gone=matches!(a.state, ActivityState::Cancelled | ActivityState::Rejected)>
            <A href=href>{a.title}</A>
            <span class="meta">" "{category(lang, a.category)}" · "{at}" · "{a.location}</span>
            <span class="meta">" · "{v.capacity}" "{a.placed}"/"{a.capacity}
                {(a.waiting > 0).then(|| format!(" · {} {}", v.waiting_n, a.waiting))}
                " · "{a.hours}" "{v.hours_unit}" · "
                <span class="state">{state(lang, a.state)}</span></span>
            {mine.map(|m| view! { <span class="badge-text" class:ok=placed>" "{m}</span> })}
        </li>
    }
}

fn list(ctx: Ctx, page: Page<ActivityView>, v: &'static ActivityTexts) -> AnyView {
    if page.items.is_empty() {
        return view! { <p class="muted">{v.none}</p> }.into_any();
    }
    view! { <ul class="plain activities">{page.items.into_iter().map(|a| activity_item(ctx, a)).collect_view()}</ul> }
        .into_any()
}

fn query(tab: Tab, unit: Option<onestop_domain::UnitId>) -> ActivityQuery {
    let q = match tab {
        Tab::Open => ActivityQuery {
            state: Some(ActivityState::Approved),
            upcoming: true,
            ..Default::default()
        },
        Tab::Mine => ActivityQuery {
            signed_up_by_me: true,
            ..Default::default()
        },
        Tab::Organising => ActivityQuery {
            unit,
            ..Default::default()
        },
        Tab::Review => ActivityQuery {
            state: Some(ActivityState::Proposed),
            ..Default::default()
        },
        Tab::All => ActivityQuery::default(),
    };
    ActivityQuery {
        limit: Some(50),
        ..q
    }
}

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let place = AddressView::<Tab>::new("/activities");
    let current = place.part(|t| *t);
    let student = ctx.has(Role::Student);
    let staff = ctx.is_staff();
    let unit = ctx
        .me
        .with_untracked(|m| m.as_ref().and_then(|u| u.unit.as_ref().map(|u| u.id)));
    let activities = api_resource(
        move || current.get(),
        move |c, tab| async move { c.list_activities(&query(tab, unit)).await },
    );
    let tab_button = move |which: Tab, label: fn(&'static ActivityTexts) -> &'static str| {
        tab(
            move || current.get() == which,
            move || place.set(which),
            move || label(v()),
        )
    };
    view! {
        <section class="card wide" aria-labelledby="activities-title">
            <h1 id="activities-title">{move || v().title}</h1>
            <p class="actions">
                {staff.then(|| view! { <A href="/activities/new" attr:class="button primary">{move || v().propose}</A> })}
                {student.then(|| view! { <A href="/transcript" attr:class="button">{move || v().transcript}</A> })}
                {staff.then(|| view! { <A href="/activities/summary" attr:class="button">{move || v().summary}</A> })}
            </p>
            <div class="tabs" role="tablist" on:keydown=tab_keys>
                {tab_button(Tab::Open, |v| v.open_now)}
                {student.then(|| tab_button(Tab::Mine, |v| v.mine))}
                {(staff && unit.is_some()).then(|| tab_button(Tab::Organising, |v| v.organising))}
                {staff.then(|| tab_button(Tab::Review, |v| v.to_review))}
                {tab_button(Tab::All, |v| v.all)}
            </div>
            <Loaded resource=activities show={move |p: Page<ActivityView>| list(ctx, p, texts(ctx.lang.get()))}/>
        </section>
    }
}

/// On a student's home: the activities they signed up for that have not ended.
#[component]
pub fn MyActivities() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let activities = api_resource(
        || (),
        |c, _| async move {
            c.list_activities(&ActivityQuery {
                signed_up_by_me: true,
                upcoming: true,
                limit: Some(10),
                ..Default::default()
            })
            .await
        },
    );
    view! {
        <section class="card" aria-labelledby="my-activities-title">
            <h2 id="my-activities-title">{move || v().upcoming_title}</h2>
            <Loaded resource=activities show={move |p: Page<ActivityView>| {
                let v = texts(ctx.lang.get());
                let live: Vec<_> = p.items.into_iter().filter(|a| {
                    a.state == ActivityState::Approved
                        && a.mine.as_ref().is_some_and(|s| s.state != SignupState::Withdrawn)
                }).collect();
                view! {
                    {if live.is_empty() {
                        view! { <p class="muted">{v.none}</p> }.into_any()
                    } else {
                        view! { <ul class="plain activities">{live.into_iter().map(|a| activity_item(ctx, a)).collect_view()}</ul> }.into_any()
                    }}
                    <p><A href="/activities">{v.see_all}</A>" · "<A href="/transcript">{v.transcript}</A></p>
                }
            }}/>
        </section>
    }
}

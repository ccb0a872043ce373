use crate::ctx::Ctx;
use crate::i18n::Lang;
use crate::live::Live;
use crate::pages::{
    activities::{
        ActivitiesPage, ActivityPage, CheckInPage, CodePage, ProposeActivity, SummaryPage,
        TranscriptPage, VerifyPage,
    },
    assignment::AssignmentPage,
    board::BoardPage,
    grid::GridPage,
    home::Home,
    login::Login,
    new_request::NewRequest,
    notifications::NotificationsPage,
    party::{BranchPage, MemberLedgerPage, PartyPage, RulesPage},
    queue::Queue,
    request::RequestPage,
    spaces::{SpacePage, SpacesPage},
    talks::{AnnounceTalk, TalkPage, TalksPage},
    users::UsersPage,
    visits::{FollowUpsPage, RecordVisit, VisitPage, VisitRulesPage, VisitsPage},
};
use crate::session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;
use onestop_domain::Role;

fn set_document_lang(code: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", code);
    }
}

#[component]
pub fn App() -> impl IntoView {
    let ctx = Ctx::new(
        session::load_lang()
            .map(|c| Lang::from_code(&c))
            .unwrap_or(Lang::Zh),
    );
    let lang = ctx.lang;
    provide_context(ctx);
    Effect::new(move |_| {
        let code = lang.get().code();
        session::save_lang(code);
        set_document_lang(code);
    });
    Effect::new(move |_| session::save(ctx.session.get().as_ref()));
    let signed_in = Memo::new(move |_| ctx.session.with(Option::is_some));
    let live = Live::new();
    provide_context(live);
    // The live stream, for whoever is signed in; closed when they sign out.
    let known = Memo::new(move |_| ctx.me.with(|m| m.as_ref().map(|u| u.id)));
    Effect::new(move |_| match known.get() {
        Some(_) => live.connect(ctx),
        None => live.close(),
    });
    // Who is signed in: fetched again after every sign-in.
    Effect::new(move |_| {
        if signed_in.get() {
            spawn_local(async move {
                if let Ok(me) = ctx.call(|c| async move { c.me().await }).await {
                    ctx.me.set(Some(me));
                }
            });
        }
    });

    view! {
        <Router>
            <a class="skip" href="#main">{move || if lang.get() == Lang::Zh { "跳到正文" } else { "Skip to content" }}</a>
            <header class="topbar">
                <span class="brand">{move || ctx.t().app_name}</span>
                <button
                    type="button"
                    class="lang"
                    lang=move || lang.get().other().code()
                    aria-label=move || ctx.t().switch_hint
                    on:click=move |_| lang.update(|l| *l = l.other())
                >
                    {move || ctx.t().switch_to}
                </button>
            </header>
            <Show when=move || signed_in.get() && ctx.me.with(Option::is_some)>
                <Nav/>
            </Show>
            <main id="main" tabindex="-1">
                <Body signed_in=signed_in/>
            </main>
        </Router>
    }
}

/// The page: a public one (a transcript's verification) for anyone, the
/// sign-in form for everything else until signed in, then the routes.
#[component]
fn Body(signed_in: Memo<bool>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let location = use_location();
    let public = Memo::new(move |_| location.pathname.with(|p| p.starts_with("/verify/")));
    view! {
                {move || if public.get() {
                    view! {
                        <Routes fallback=|| ()>
                            <Route path=path!("/verify/:code") view=VerifyPage/>
                        </Routes>
                    }.into_any()
                } else if !signed_in.get() {
                    view! { <Login/> }.into_any()
                } else if ctx.me.with(Option::is_none) {
                    view! { <p class="muted" aria-live="polite">{ctx.t().loading}</p> }.into_any()
                } else {
                    view! {
                        <Routes fallback=move || view! { <p class="card">{ctx.t().not_found}</p> }>
                            <Route path=path!("/") view=Home/>
                            <Route path=path!("/requests/new/:kind") view=NewRequest/>
                            <Route path=path!("/requests/:id") view=RequestPage/>
                            <Route path=path!("/queue") view=Queue/>
                            <Route path=path!("/plan") view=BoardPage/>
                            <Route path=path!("/assignments/:id") view=AssignmentPage/>
                            <Route path=path!("/grid") view=GridPage/>
                            <Route path=path!("/users") view=UsersPage/>
                            <Route path=path!("/notifications") view=NotificationsPage/>
                            <Route path=path!("/visits") view=VisitsPage/>
                            <Route path=path!("/visits/new") view=RecordVisit/>
                            <Route path=path!("/visits/rules") view=VisitRulesPage/>
                            <Route path=path!("/visits/:id") view=VisitPage/>
                            <Route path=path!("/follow-ups") view=FollowUpsPage/>
                            <Route path=path!("/spaces") view=SpacesPage/>
                            <Route path=path!("/spaces/:id") view=SpacePage/>
                            <Route path=path!("/talks") view=TalksPage/>
                            <Route path=path!("/talks/new") view=AnnounceTalk/>
                            <Route path=path!("/talks/:id") view=TalkPage/>
                            <Route path=path!("/party") view=PartyPage/>
                            <Route path=path!("/party/rules") view=RulesPage/>
                            <Route path=path!("/party/branches/:id") view=BranchPage/>
                            <Route path=path!("/party/members/:id") view=MemberLedgerPage/>
                            <Route path=path!("/activities") view=ActivitiesPage/>
                            <Route path=path!("/activities/new") view=ProposeActivity/>
                            <Route path=path!("/activities/summary") view=SummaryPage/>
                            <Route path=path!("/activities/:id") view=ActivityPage/>
                            <Route path=path!("/activities/:id/code") view=CodePage/>
                            <Route path=path!("/activities/:id/check-in") view=CheckInPage/>
                            <Route path=path!("/transcript") view=TranscriptPage/>
                        </Routes>
                    }.into_any()
                }}
    }
}

/// The sections this person works in.
#[component]
fn Nav() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    view! {
        <nav class="nav" aria-label="main">
            <A href="/">{move || t().nav_home}</A>
            <Show when=move || ctx.has(Role::Counsellor) || ctx.has(Role::Handler) || ctx.has(Role::Admin) || ctx.has(Role::Office)>
                <A href="/queue">{move || t().nav_queue}</A>
            </Show>
            <Show when=move || ctx.is_staff()>
                <A href="/plan">{move || t().nav_plan}</A>
            </Show>
            <Show when=move || ctx.is_staff()>
                <A href="/visits">{move || crate::i18n::visits::texts(ctx.lang.get()).nav}</A>
            </Show>
            <A href="/talks">{move || crate::i18n::talks::texts(ctx.lang.get()).nav}</A>
            <A href="/activities">{move || crate::i18n::activities::texts(ctx.lang.get()).nav}</A>
            <A href="/spaces">{move || crate::i18n::spaces::texts(ctx.lang.get()).nav}</A>
            <A href="/party">{move || crate::i18n::party::texts(ctx.lang.get()).nav}</A>
            <Show when=move || ctx.has(Role::Office) || ctx.has(Role::Admin) || ctx.has(Role::Counsellor)>
                <A href="/grid">{move || t().nav_grid}</A>
            </Show>
            <Show when=move || ctx.has(Role::Admin)>
                <A href="/users">{move || t().nav_users}</A>
            </Show>
            <Bell/>
            <button type="button" class="link" on:click=move |_| ctx.sign_out()>{move || t().sign_out}</button>
        </nav>
    }
}

/// The bell: how many notifications are unread, lit while there are any.
#[component]
fn Bell() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let live = expect_context::<Live>();
    let unread = move || live.unread.get();
    let label = move || format!("{} {}", ctx.t().notifications, unread());
    view! {
        <A href="/notifications" attr:class={move || if unread() > 0 { "bell lit" } else { "bell" }} attr:aria-label=label>
            <svg class="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" fill="currentColor"/>
            </svg>
            <span class="badge" aria-hidden="true" data-testid="unread">{move || (unread() > 0).then(|| unread().to_string())}</span>
        </A>
    }
}

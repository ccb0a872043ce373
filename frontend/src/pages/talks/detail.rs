//! One session: what, when, where and for whom; the student's own
//! application; the draw's public record; and, for those who run it, the
//! list of applications with what follows.

use super::draw_record::DrawRecord;
use super::mine::MyApplication;
use super::runner::Runner;
use super::span;
use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::when;
use crate::i18n::talks::{host_role, talk_kind, talk_state, texts};
use crate::labels;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use onestop_domain::community::spaces::BookingState;
use onestop_domain::community::talks::wire::TalkView;
use onestop_domain::community::talks::TalkState;
use onestop_domain::{Role, TalkId};

fn facts(ctx: Ctx, t: TalkView) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let hosts: Vec<_> = t.hosts.iter().map(|h| h.display_name.clone()).collect();
    let audience = match (&t.audience.unit, &t.audience.building) {
        (Some(u), _) => labels::unit(lang, u),
        (None, Some(b)) => b.name.clone(),
        (None, None) => v.everyone.to_owned(),
    };
    let day = onestop_domain::grid::local_date(t.starts_at);
    let space = format!("/spaces/{}?day={day}", t.space.id);
    let at = span(&t);
    let drawn = (t.state == TalkState::Drawn).then(|| {
        format!(
            " · {} {} · {} {}",
            v.placed_n, t.placed, v.waiting_n, t.waiting
        )
    });
    view! {
        <p class="meta">
            <span class="state">{talk_state(lang, t.state)}</span>" · "{talk_kind(lang, t.kind)}
            {t.host_role.map(|r| format!(" · {}", host_role(lang, r)))}
        </p>
        <dl class="facts">
            <dt>{v.hosts}</dt><dd>{hosts.join("、")}</dd>
            <dt>{v.when}</dt><dd>{at}</dd>
            <dt>{v.space}</dt><dd>
                <A href=space>{t.space.name}</A>" · "{t.community.name}
                {(t.booking_state == BookingState::Pending).then(|| view! { <span class="muted">" · "{v.space_pending}</span> })}
            </dd>
            <dt>{v.audience}</dt><dd>{audience}</dd>
            <dt>{v.apply_by}</dt><dd>{when(t.apply_by)}</dd>
            <dt>{v.places}</dt><dd>{t.places}" · "{v.applicants}" "{t.applicants}
                {drawn}</dd>
        </dl>
        {(!t.description.is_empty()).then(|| view! { <p class="description">{t.description}</p> })}
    }
}

#[component]
pub fn TalkPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let live = expect_context::<crate::live::Live>();
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<TalkId>().ok())));
    // A change here (or a notification: the draw, a freed place) shows the session anew.
    let changed = RwSignal::new(0u64);
    let talk = api_resource(
        move || (id.get(), changed.get(), live.notified.get()),
        |c, (id, _, _)| async move { c.get_talk(id.unwrap_or_default()).await },
    );
    view! {
        <Loaded resource=talk show={move |t: TalkView| {
            // Everything below says its words once: the page is drawn anew in the other language.
            ctx.lang.track();
            let student = ctx.has(Role::Student);
            view! {
                <section class="card wide" aria-labelledby="talk-title">
                    <h1 id="talk-title">{t.topic.clone()}</h1>
                    {facts(ctx, t.clone())}
                </section>
                {student.then(|| view! { <MyApplication talk=t.clone() changed=changed/> })}
                <DrawRecord talk=t.clone()/>
                {t.runs.then(|| view! { <Runner talk=t.clone() changed=changed/> })}
            }
        }}/>
    }
}

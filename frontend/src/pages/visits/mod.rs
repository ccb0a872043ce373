//! Contact visits (任务5) in the browser: the visits a person may see with
//! a way to record one, a leader's own standing, follow-ups to answer, and
//! (for administrators and the community office) the rules and duties.

mod detail;
mod follow_ups;
mod photos;
pub mod place_picker;
mod problems;
mod record;
mod rules;
mod standing;

pub use detail::VisitPage;
pub use follow_ups::FollowUpsPage;
pub use record::RecordVisit;
pub use rules::VisitRulesPage;
pub use standing::VisitStanding;

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::when;
use crate::i18n::visits::{period, texts, visit_kind};
use detail::where_;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use onestop_client::{ComplianceQuery, FollowUpQuery, VisitQuery};
use onestop_domain::community::follow_ups::FollowUpState;
use onestop_domain::community::wire::{Compliance, VisitView};
use onestop_domain::Role;

/// Who may record a visit here: leaders, their offices, administrators.
pub fn records_visits(ctx: Ctx) -> bool {
    [Role::Leader, Role::Office, Role::Admin]
        .into_iter()
        .any(|r| ctx.has(r))
}

/// The signed-in leader's standing in the periods under way, with the way
/// to record the next visit: the first thing a leader looks at.
#[component]
pub fn MyStanding() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let me = ctx.me.get_untracked().map(|u| u.id);
    let report = api_resource(
        || (),
        |c, _| async move { c.visit_compliance(&ComplianceQuery::default()).await },
    );
    view! {
        <section class="card" aria-labelledby="my-standing-title">
            <h2 id="my-standing-title">{move || v().my_standing}</h2>
            <Loaded resource=report show=move |r: Compliance| {
                let lang = ctx.lang.get();
                let v = texts(lang);
                let mine: Vec<_> = r.rows.into_iter().filter(|x| Some(x.person.id) == me).collect();
                if mine.is_empty() {
                    return view! { <p class="muted">{v.not_bound}</p> }.into_any();
                }
                view! { <ul class="tiles">{mine.into_iter().map(|x| view! {
                    <li class:late=!x.met class="standing-tile">
                        <span class="count">{x.visits}" / "{x.minimum}</span>
                        {period(lang, &x.period)}" · "{if x.met { v.met.to_owned() } else { format!("{} {}", v.short_by, x.shortfall) }}
                    </li>
                }).collect_view()}</ul> }.into_any()
            }/>
            <p class="actions">
                <A href="/visits/new" attr:class="button primary">{move || v().record}</A>
                " "<A href="/follow-ups?view=raised">{move || v().follow_ups}</A>
            </p>
        </section>
    }
}

/// The follow-ups waiting for the caller's unit, when there are any.
#[component]
pub fn ToAnswer() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = api_resource(
        || (),
        |c, _| async move {
            c.list_follow_ups(&FollowUpQuery {
                mine_to_answer: true,
                state: Some(FollowUpState::Open),
                limit: Some(100),
                ..Default::default()
            })
            .await
        },
    );
    move || {
        let (n, late) = open.with(|r| match r {
            Some(Ok(p)) => (p.items.len(), p.items.iter().filter(|f| f.overdue).count()),
            _ => (0, 0),
        });
        (n > 0).then(|| {
            let v = texts(ctx.lang.get());
            view! {
                <section class="card" aria-labelledby="to-answer-title">
                    <h2 id="to-answer-title">{v.follow_ups}</h2>
                    <ul class="tiles">
                        <li class:late={late > 0}><A href="/follow-ups"><span class="count">{n}</span>{v.to_answer}</A></li>
                    </ul>
                </section>
            }
        })
    }
}

#[component]
pub fn VisitsPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let items = RwSignal::new(Vec::<VisitView>::new());
    let cursor = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let load = move |after: Option<String>| {
        loading.set(true);
        spawn_local(async move {
            let q = VisitQuery {
                cursor: after.clone(),
                limit: Some(30),
                ..Default::default()
            };
            match ctx
                .call(|c| {
                    let q = q.clone();
                    async move { c.list_visits(&q).await }
                })
                .await
            {
                Ok(page) => {
                    if after.is_none() {
                        items.set(page.items);
                    } else {
                        items.update(|i| i.extend(page.items));
                    }
                    cursor.set(page.next_cursor);
                }
                Err(e) => error.set(Some(ctx.say(&e))),
            }
            loading.set(false);
        });
    };
    load(None);
    let manages = ctx.has(Role::Admin) || ctx.has(Role::Office);
    view! {
        {ctx.has(Role::Leader).then(|| view! { <MyStanding/> })}
        <section class="card wide" aria-labelledby="visits-title">
            <h1 id="visits-title">{move || v().title}</h1>
            <p class="actions">
                {records_visits(ctx).then(|| view! { <A href="/visits/new" attr:class="button primary">{move || v().record}</A>" " })}
                <A href="/follow-ups">{move || v().follow_ups}</A>
                {manages.then(|| view! { " "<A href="/visits/rules">{move || v().rules_title}</A> })}
            </p>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {move || {
                let lang = ctx.lang.get();
                let v = texts(lang);
                let list = items.get();
                if list.is_empty() && !loading.get() {
                    return view! { <p class="muted">{v.none}</p> }.into_any();
                }
                view! { <ul class="plain visits">{list.into_iter().map(|x| view! {
                    <li>
                        <A href=format!("/visits/{}", x.id)>{visit_kind(lang, x.kind)}" · "{where_(&x.community, &x.place)}</A>
                        <span class="meta">" "{when(x.at)}" · "{x.visitor.display_name.clone()}
                            {(!x.problems.is_empty()).then(|| format!(" · {} {}", v.problems, x.problems.len()))}</span>
                    </li>
                }).collect_view()}</ul> }.into_any()
            }}
            {move || loading.get().then(|| view! { <p class="muted" aria-live="polite">{ctx.t().loading}</p> })}
            <Show when=move || cursor.with(Option::is_some) && !loading.get()>
                <button type="button" on:click=move |_| load(cursor.get_untracked())>{move || ctx.t().load_more}</button>
            </Show>
        </section>
    }
}

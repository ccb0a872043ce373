//! Follow-ups: the problems a unit was given to answer by a date, and those
//! you raised with the answers they got. The staff of the unit (and
//! administrators) answer here; the person who raised it is told.

use crate::components::{api_resource, query_of, AddressView, InAddress, Loaded};
use crate::ctx::Ctx;
use crate::format::when;
use crate::forms::{tab, tab_keys, FormState};
use crate::i18n::visits::{follow_up_state, texts, VisitTexts};
use crate::labels;
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_client::FollowUpQuery;
use onestop_domain::community::follow_ups::{may_answer, FollowUpState};
use onestop_domain::community::wire::{AnswerFollowUpRequest, FollowUpView};
use onestop_domain::page::Page;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    ToAnswer,
    Raised,
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Place {
    tab: Tab,
    /// One follow-up to bring forward (a notification's link).
    id: String,
}

impl InAddress for Place {
    fn to_query(&self) -> String {
        let tab = match self.tab {
            Tab::ToAnswer => None,
            Tab::Raised => Some("view=raised"),
            Tab::All => Some("view=all"),
        };
        let id = (!self.id.is_empty()).then(|| format!("id={}", self.id));
        let parts: Vec<String> = tab.map(str::to_owned).into_iter().chain(id).collect();
        query_of(&parts)
    }

    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Place {
            tab: match get("view").as_deref() {
                Some("raised") => Tab::Raised,
                Some("all") => Tab::All,
                _ => Tab::ToAnswer,
            },
            id: get("id")
                .filter(|i| i.parse::<uuid::Uuid>().is_ok())
                .unwrap_or_default(),
        }
    }
}

#[component]
fn AnswerForm(f: FollowUpView, answered: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let text = RwSignal::new(String::new());
    let state = FormState::new();
    let dom = format!("answer-{}", f.id);
    let described = format!("{dom}-error");
    let (id, version) = (f.id, f.version);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if text.get_untracked().trim().is_empty() {
            state.refuse("answer", ctx.t().err_required);
            return;
        }
        let req = AnswerFollowUpRequest {
            answer: text.get_untracked(),
            version,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.answer_follow_up(id, &req).await }
            },
            move |_| answered.update(|n| *n += 1),
        );
    };
    view! {
        <form class="inline-form answer-form" on:submit=submit novalidate>
            <label for=dom.clone()>{move || v().answer}</label>
            <textarea id=dom rows="3" bind:value=text aria-invalid=state.errors.invalid("answer") aria-describedby=described.clone()></textarea>
            <p id=described class="field-error">{state.errors.message("answer")}</p>
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().send_answer}</button>
        </form>
    }
}

fn item(
    ctx: Ctx,
    v: &'static VisitTexts,
    f: FollowUpView,
    focus: bool,
    answered: RwSignal<u64>,
) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let me = ctx.me.get_untracked();
    let can_answer = f.state == FollowUpState::Open
        && me.is_some_and(|u| may_answer(&u.roles, u.unit.as_ref().map(|x| x.id), f.unit.id));
    view! {
        <li class="follow-up" class:focus=focus class:overdue=f.overdue>
            <p class="text">{f.text.clone()}</p>
            <p class="meta">
                <span class="state">{follow_up_state(lang, f.state)}</span>" · "
                {labels::unit(lang, &f.unit)}" · "{v.answer_by}" "{f.due_on.to_string()}" · "
                {f.place.name.clone()}" · "{v.raised_by}" "{f.raised_by.display_name.clone()}
                {f.visit_id.map(|id| view! { " · "<A href=format!("/visits/{id}")>{v.from_visit}</A> })}
                {f.talk_id.map(|id| view! { " · "<A href=format!("/talks/{id}")>{v.from_talk}</A> })}
            </p>
            {f.answer.clone().map(|a| view! {
                <blockquote class="answer">{a}</blockquote>
                <p class="meta">{v.answered_by}" "{f.answered_by.as_ref().map(|p| p.display_name.clone())}" · "{f.answered_at.map(when)}</p>
            })}
            {can_answer.then(|| view! { <AnswerForm f=f.clone() answered=answered/> })}
        </li>
    }
}

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let place = AddressView::<Place>::new("/follow-ups");
    let current = place.part(|p| p.tab);
    let focus = place.part(|p| p.id.clone());
    let answered = RwSignal::new(0u64);
    let list = api_resource(
        move || (current.get(), answered.get()),
        |c, (tab, _)| async move {
            c.list_follow_ups(&FollowUpQuery {
                mine_to_answer: tab == Tab::ToAnswer,
                state: (tab == Tab::ToAnswer).then_some(FollowUpState::Open),
                raised_by_me: tab == Tab::Raised,
                limit: Some(100),
                ..Default::default()
            })
            .await
        },
    );
    let tab_button = move |which: Tab, label: fn(&'static VisitTexts) -> &'static str| {
        tab(
            move || current.get() == which,
            move || {
                place.update(|p| {
                    p.tab = which;
                    p.id.clear();
                })
            },
            move || label(v()),
        )
    };
    view! {
        <section class="card wide" aria-labelledby="fu-title">
            <h1 id="fu-title">{move || v().follow_ups}</h1>
            <div class="tabs" role="tablist" on:keydown=tab_keys>
                {tab_button(Tab::ToAnswer, |v| v.to_answer)}
                {tab_button(Tab::Raised, |v| v.raised_by_me)}
                {tab_button(Tab::All, |v| v.all_seen)}
            </div>
            <Loaded resource=list show={move |p: Page<FollowUpView>| {
                let v = v();
                let focus = focus.get();
                if p.items.is_empty() {
                    view! { <p class="muted">{v.no_follow_ups}</p> }.into_any()
                } else {
                    view! { <ul class="plain follow-ups">{p.items.into_iter().map(|f| {
                        let here = f.id.to_string() == focus;
                        item(ctx, v, f, here, answered)
                    }).collect_view()}</ul> }.into_any()
                }
            }}/>
        </section>
    }
}

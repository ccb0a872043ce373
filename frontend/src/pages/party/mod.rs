//! Party-member points (党员积分): the person's own ledger and claim form,
//! the entries waiting for their decision as a secretary, and the branches
//! they lead.

mod branch;
mod ledger;
mod rules;

pub use branch::{BranchPage, MemberLedgerPage};
pub use rules::RulesPage;

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::today;
use crate::forms::{field_error, FormState};
use crate::i18n::party::texts;
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_client::PointQuery;
use onestop_domain::party::wire::{
    LedgerView, PointEntryView, PointRuleView, ProposePointsRequest, ReviewPointsRequest,
};
use onestop_domain::party::EntryState;
use onestop_domain::UserId;

#[component]
pub fn PartyPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let changed = RwSignal::new(0_u64);
    let ledger = api_resource(
        move || changed.get(),
        |c, _| async move { c.party_ledger(None, None).await },
    );
    let queue = api_resource(
        move || changed.get(),
        |c, _| async move {
            c.list_points(&PointQuery {
                state: Some(EntryState::Pending),
                limit: Some(200),
                ..Default::default()
            })
            .await
        },
    );
    let branches = api_resource(|| (), |c, _| async move { c.party_branches(None).await });
    // Read once: the claim form stays as it is while the ledger above reloads.
    let membership = api_resource(
        || (),
        |c, _| async move { c.party_ledger(None, None).await },
    );
    view! {
        <section class="card wide" aria-labelledby="party-title">
            <h1 id="party-title">{move || v().title}</h1>
            <p class="muted">{move || v().hint}" "<A href="/party/rules">{move || v().rules_link}</A></p>
            <Loaded resource=ledger show={move |l: LedgerView| {
                ctx.lang.track();
                ledger::sheet(ctx, l, false, changed)
            }}/>
            <Loaded resource=membership show={move |l: LedgerView| {
                l.membership.is_some().then(|| view! { <ClaimForm me=l.person.id changed=changed/> })
            }}/>
        </section>
        <Loaded resource=queue show={move |page: onestop_domain::page::Page<PointEntryView>| {
            let mine: Vec<_> = page.items.into_iter().filter(|e| e.may_review).collect();
            (!mine.is_empty()).then(|| view! {
                <section class="card wide" aria-labelledby="queue-title">
                    <h2 id="queue-title">{move || v().queue_title}</h2>
                    <ul class="plain queue-list">
                        {mine.into_iter().map(|e| view! { <li><Decide entry=e changed=changed/></li> }).collect_view()}
                    </ul>
                </section>
            })
        }}/>
        <Loaded resource=branches show={move |all: Vec<onestop_domain::party::wire::BranchView>| {
            let led: Vec<_> = all.into_iter().filter(|b| b.oversees).collect();
            (!led.is_empty()).then(|| view! {
                <section class="card wide" aria-labelledby="branches-title">
                    <h2 id="branches-title">{move || v().my_branches}</h2>
                    <ul class="plain">
                        {led.into_iter().map(|b| view! {
                            <li><A href=format!("/party/branches/{}", b.id)>{b.name.clone()}</A>
                                " · "{b.members}" "{move || v().members_n}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}/>
    }
}

/// A claim under an active rule (not a second-classroom one: those come from check-in).
#[component]
fn ClaimForm(me: UserId, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let rules = api_resource(|| (), |c, _| async move { c.point_rules().await });
    let rule = RwSignal::new(String::new());
    let day = RwSignal::new(today().to_string());
    let note = RwSignal::new(String::new());
    let state = FormState::new();
    let errors = state.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(rule_id) = rule.get_untracked().parse() else {
            state.refuse("rule_id", ctx.t().err_required);
            return;
        };
        let Ok(occurred_on) = day.get_untracked().parse() else {
            state.refuse("occurred_on", ctx.t().err_date);
            return;
        };
        let req = ProposePointsRequest {
            user_id: me,
            rule_id,
            occurred_on,
            note: note.get_untracked(),
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.propose_points(&req).await }
            },
            move |_| {
                note.set(String::new());
                changed.update(|n| *n += 1);
            },
        );
    };
    view! {
        <h2>{move || v().propose_title}</h2>
        <p class="muted">{move || v().propose_hint}</p>
        <form class="claim-form" on:submit=submit novalidate>
            <label for="rule_id">{move || v().rule}</label>
            <Loaded resource=rules show={move |all: Vec<PointRuleView>| {
                let lang = ctx.lang.get();
                let open: Vec<_> = all.into_iter().filter(|r| r.active && !r.per_hour).collect();
                if rule.get_untracked().is_empty() {
                    if let Some(first) = open.first() {
                        rule.set(first.id.to_string());
                    }
                }
                view! {
                    <select id="rule_id" on:change=move |ev| rule.set(event_target_value(&ev)) prop:value=move || rule.get()>
                        {open.into_iter().map(|r| {
                            let name = match lang {
                                crate::i18n::Lang::En if !r.name_en.is_empty() => r.name_en.clone(),
                                _ => r.name_zh.clone(),
                            };
                            view! { <option value=r.id.to_string()>{format!("{name}（{:+}）", r.points)}</option> }
                        }).collect_view()}
                    </select>
                }
            }}/>
            {field_error("rule_id", errors)}
            <label for="occurred_on">{move || v().occurred_on}</label>
            <input id="occurred_on" type="date" bind:value=day aria-invalid=errors.invalid("occurred_on") aria-describedby="occurred_on-error"/>
            {field_error("occurred_on", errors)}
            <label for="note">{move || v().what_done}</label>
            <textarea id="note" rows="2" maxlength="500" bind:value=note aria-invalid=errors.invalid("note") aria-describedby="note-error"></textarea>
            {field_error("note", errors)}
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>
                {move || if state.pending.get() { v().proposing } else { v().propose }}
            </button>
        </form>
    }
}

/// One waiting entry with the secretary's two answers.
#[component]
fn Decide(entry: PointEntryView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let note = RwSignal::new(String::new());
    let state = FormState::new();
    let id = entry.id;
    let send = move |approve: bool| {
        let req = ReviewPointsRequest {
            approve,
            note: note.get_untracked(),
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.review_points(id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    let note_id = format!("decide-{id}");
    view! {
        <article class="decide" data-testid="pending-entry">
            <p><strong>{entry.person.display_name.clone()}</strong>" · "{ledger::rule_name(lang, &entry)}
                " · "{format!("{:+}", entry.points)}" · "{entry.occurred_on.to_string()}</p>
            <p>{entry.note.clone()}</p>
            {entry.proposer.clone().map(|p| view! { <p class="meta">{v.proposer}": "{p.display_name}</p> })}
            <label for=note_id.clone()>{v.reason}</label>
            <input id=note_id type="text" maxlength="500" bind:value=note/>
            <p class="field-error">{state.errors.message("note")}</p>
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <p class="actions">
                <button type="button" class="primary" on:click=move |_| send(true) disabled=move || state.pending.get()>{v.approve}</button>
                <button type="button" on:click=move |_| send(false) disabled=move || state.pending.get()>{v.reject}</button>
            </p>
        </article>
    }
}

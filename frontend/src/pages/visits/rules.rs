//! The visit rules (versions, each from a date) and who must visit, kept by
//! administrators and the community office. A new version judges periods
//! that start on or after its date; a duty ends on a date, never vanishes.

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::today;
use crate::forms::{code_of, enum_of, enum_select, field_error, FormState};
use crate::i18n::visits::{duty_kind, per as per_name, texts, visit_kind};
use crate::labels;
use leptos::prelude::*;
use onestop_client::UserListQuery;
use onestop_domain::community::period::Per;
use onestop_domain::community::visits::{DutyKind, VisitKind};
use onestop_domain::community::wire::{
    CreateVisitDutyRequest, CreateVisitRuleRequest, EndVisitDutyRequest, VisitDutyView,
    VisitRuleView,
};
use onestop_domain::dates::Day;
use onestop_domain::{NodeId, Role, UserId};

#[component]
fn NewRule(saved: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let lang = move || ctx.lang.get();
    let duty = RwSignal::new(code_of(&DutyKind::UnitHead));
    let per = RwSignal::new(code_of(&Per::Month));
    let minimum = RwSignal::new("1".to_owned());
    let counts = RwSignal::new(VisitKind::ALL.to_vec());
    let from = RwSignal::new(today().succ_opt().unwrap_or_default().to_string());
    let state = FormState::new();
    let errors = state.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(effective_from) = from.get_untracked().parse::<Day>() else {
            state.refuse("effective_from", ctx.t().err_date);
            return;
        };
        let req = CreateVisitRuleRequest {
            duty: enum_of(&duty.get_untracked()).unwrap_or(DutyKind::UnitHead),
            per: enum_of(&per.get_untracked()).unwrap_or(Per::Month),
            minimum: minimum.get_untracked().trim().parse().unwrap_or(0),
            counts: counts.get_untracked(),
            effective_from,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.create_visit_rule(&req).await }
            },
            move |_| saved.update(|n| *n += 1),
        );
    };
    view! {
        <details class="new-rule"><summary>{move || v().new_rule}</summary>
        <form on:submit=submit novalidate>
            <label for="rule-duty">{move || v().duty}</label>
            {enum_select("rule-duty", &DutyKind::ALL, duty_kind, duty)}
            <label for="rule-per">{move || v().per_month}" / "{move || v().per_semester}</label>
            {enum_select("rule-per", &Per::ALL, per_name, per)}
            <label for="minimum">{move || v().minimum}</label>
            <input id="minimum" type="number" min="1" max="31" inputmode="numeric" bind:value=minimum aria-invalid=errors.invalid("minimum") aria-describedby="minimum-error"/>
            {field_error("minimum", errors)}
            <fieldset class="choice"><legend>{move || v().counts}</legend>
                {VisitKind::ALL.into_iter().map(|k| view! { <label><input type="checkbox" prop:checked=move || counts.with(|c| c.contains(&k))
                    on:change=move |ev| { let on = event_target_checked(&ev); counts.update(|c| { c.retain(|x| *x != k); if on { c.push(k); } }); }/>
                    {move || visit_kind(lang(), k)}</label> }).collect_view()}
                {field_error("counts", errors)}
            </fieldset>
            <label for="effective_from">{move || v().effective_from}</label>
            <input id="effective_from" type="date" bind:value=from aria-invalid=errors.invalid("effective_from") aria-describedby="effective_from-error"/>
            {field_error("effective_from", errors)}
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().add_rule}</button>
        </form></details>
    }
}

/// Giving a leader a duty: administrators, who can list the leader accounts.
#[component]
fn NewDuty(saved: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let leaders = api_resource(
        || (),
        |c, _| async move {
            c.list_users(&UserListQuery {
                role: Some(Role::Leader),
                limit: Some(200),
                ..Default::default()
            })
            .await
        },
    );
    let communities = api_resource(|| (), |c, _| async move { c.visit_places(None).await });
    let user = RwSignal::new(String::new());
    let duty = RwSignal::new(code_of(&DutyKind::SchoolLeader));
    let community = RwSignal::new(String::new());
    let starts = RwSignal::new(today().to_string());
    let state = FormState::new();
    let errors = state.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(user_id) = user.get_untracked().parse::<UserId>() else {
            state.refuse("user_id", ctx.t().err_required);
            return;
        };
        let Ok(starts_on) = starts.get_untracked().parse::<Day>() else {
            state.refuse("starts_on", ctx.t().err_date);
            return;
        };
        let duty = enum_of(&duty.get_untracked()).unwrap_or(DutyKind::UnitHead);
        let req = CreateVisitDutyRequest {
            user_id,
            duty,
            community_id: (duty == DutyKind::SchoolLeader)
                .then(|| community.get_untracked().parse::<NodeId>().ok())
                .flatten(),
            starts_on,
            ends_on: None,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.create_visit_duty(&req).await }
            },
            move |_| saved.update(|n| *n += 1),
        );
    };
    view! {
        <details class="new-duty"><summary>{move || v().new_duty}</summary>
        <form on:submit=submit novalidate>
            <label for="duty-user">{move || v().leader_account}</label>
            <select id="duty-user" on:change=move |ev| user.set(event_target_value(&ev)) aria-invalid=errors.invalid("user_id") aria-describedby="user_id-error">
                <option value="">{move || v().choose}</option>
                {move || leaders.with(|r| match r { Some(Ok(p)) => p.items.iter().map(|u| view! {
                    <option value=u.id.to_string()>{format!("{} ({})", u.display_name, u.username)}</option>
                }).collect_view().into_any(), _ => ().into_any() })}
            </select>
            {field_error("user_id", errors)}
            <label for="duty-kind">{move || v().duty}</label>
            {enum_select("duty-kind", &DutyKind::ALL, duty_kind, duty)}
            <Show when=move || duty.get() == code_of(&DutyKind::SchoolLeader)>
                <label for="duty-community">{move || v().community}</label>
                <select id="duty-community" on:change=move |ev| community.set(event_target_value(&ev)) aria-invalid=errors.invalid("community_id") aria-describedby="community_id-error">
                    <option value="">{move || v().choose}</option>
                    {move || communities.with(|r| match r { Some(Ok(p)) => p.iter().map(|c| view! {
                        <option value=c.id.to_string()>{c.name.clone()}</option>
                    }).collect_view().into_any(), _ => ().into_any() })}
                </select>
                {field_error("community_id", errors)}
            </Show>
            <label for="starts_on">{move || v().starts_on}</label>
            <input id="starts_on" type="date" bind:value=starts aria-invalid=errors.invalid("starts_on") aria-describedby="starts_on-error"/>
            {field_error("starts_on", errors)}
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().add_duty}</button>
        </form></details>
    }
}

#[component]
fn EndDuty(d: VisitDutyView, saved: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let state = FormState::new();
    let (id, version) = (d.id, d.version);
    let end = move |_| {
        let req = EndVisitDutyRequest {
            ends_on: Day::try_from(today()).ok(),
            version,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.end_visit_duty(id, &req).await }
            },
            move |_| saved.update(|n| *n += 1),
        );
    };
    view! {
        <button type="button" class="link" on:click=end disabled=move || state.pending.get()>{move || v().end_duty}</button>
        <span class="form-error" role="alert">{move || state.error.get()}</span>
    }
}

#[component]
pub fn VisitRulesPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let saved = RwSignal::new(0u64);
    let rules = api_resource(
        move || saved.get(),
        |c, _| async move { c.visit_rules().await },
    );
    let duties = api_resource(
        move || saved.get(),
        |c, _| async move { c.visit_duties().await },
    );
    let admin = ctx.has(Role::Admin);
    view! {
        <section class="card wide" aria-labelledby="rules-title">
            <h1 id="rules-title">{move || v().rules_title}</h1>
            <h2>{move || v().rules}</h2>
            <Loaded resource=rules show={move |rules: Vec<VisitRuleView>| {
                let lang = ctx.lang.get();
                let v = texts(lang);
                view! { <div class="table-wrap"><table class="board">
                    <thead><tr><th>{v.duty}</th><th>{v.minimum}</th><th>{v.counts}</th><th>{v.effective_from}</th><th></th></tr></thead>
                    <tbody>{rules.into_iter().map(|r| view! { <tr>
                        <td>{duty_kind(lang, r.duty)}</td>
                        <td>{per_name(lang, r.per)}" ≥ "{r.minimum}</td>
                        <td>{r.counts.iter().map(|k| visit_kind(lang, *k)).collect::<Vec<_>>().join("、")}</td>
                        <td>{r.effective_from.to_string()}</td>
                        <td>{r.in_force.then_some(v.in_force)}</td>
                    </tr> }).collect_view()}</tbody>
                </table></div> }
            }}/>
            <NewRule saved=saved/>
            <h2>{move || v().duties}</h2>
            <Loaded resource=duties show={move |duties: Vec<VisitDutyView>| {
                let lang = ctx.lang.get();
                let v = texts(lang);
                let day = today();
                view! { <div class="table-wrap"><table class="board">
                    <thead><tr><th>{v.person}</th><th>{v.duty}</th><th>{v.community}"/"{ctx.t().unit}</th><th>{v.starts_on}</th><th>{v.ends_on}</th><th></th></tr></thead>
                    <tbody>{duties.into_iter().map(|d| { let open = d.ends_on.is_none_or(|e| e >= day); view! { <tr>
                        <td>{d.person.display_name.clone()}</td>
                        <td>{duty_kind(lang, d.duty)}</td>
                        <td>{d.community.as_ref().map(|c| c.name.clone()).or_else(|| d.unit.as_ref().map(|u| labels::unit(lang, u))).unwrap_or_default()}</td>
                        <td>{d.starts_on.to_string()}</td>
                        <td>{d.ends_on.map(|e| e.to_string()).unwrap_or_else(|| v.current.to_owned())}</td>
                        <td>{(open && d.ends_on.is_none()).then(|| view! { <EndDuty d=d.clone() saved=saved/> })}</td>
                    </tr> }}).collect_view()}</tbody>
                </table></div> }
            }}/>
            {admin.then(|| view! { <NewDuty saved=saved/> })}
        </section>
    }
}

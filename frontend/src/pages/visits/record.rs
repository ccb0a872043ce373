//! Recording a visit: who went (yourself; an office or an administrator may
//! record for a leader) and who came along, when and where, what kind, how
//! many students, a note, and the problems raised, each sent on its way.

use super::place_picker::{PlaceChoice, PlacePicker};
use super::problems::{Problems, ProblemsEditor};
use crate::components::api_resource;
use crate::ctx::Ctx;
use crate::format::{campus_input, from_campus_input, now, today};
use crate::forms::{code_of, enum_of, enum_select, field_error, FormState};
use crate::i18n::visits::{duty_kind, texts, visit_kind};
use chrono::Duration;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use onestop_domain::community::visits::VisitKind;
use onestop_domain::community::wire::{RecordVisitRequest, VisitDutyView};
use onestop_domain::dates::Moment;
use onestop_domain::{Role, UserId};
use std::collections::HashMap;

/// The people who hold a duty today, once each, by name.
fn people(duties: &[VisitDutyView]) -> Vec<VisitDutyView> {
    let day = today();
    let mut out: Vec<VisitDutyView> = Vec::new();
    for d in duties
        .iter()
        .filter(|d| d.starts_on <= day && d.ends_on.is_none_or(|e| day <= e))
    {
        if !out.iter().any(|o| o.person.id == d.person.id) {
            out.push(d.clone());
        }
    }
    out.sort_by(|a, b| a.person.display_name.cmp(&b.person.display_name));
    out
}

#[component]
pub fn RecordVisit() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let lang = move || ctx.lang.get();
    let me = ctx.me.get_untracked().map(|u| u.id);
    let for_others = ctx.has(Role::Admin) || ctx.has(Role::Office);
    let duties = api_resource(|| (), |c, _| async move { c.visit_duties().await });
    let units = api_resource(|| (), |c, _| async move { c.units().await });
    let holders = Signal::derive(move || {
        duties.with(|d| match d {
            Some(Ok(d)) => people(d),
            _ => Vec::new(),
        })
    });
    let unit_list = Signal::derive(move || {
        units.with(|u| match u {
            Some(Ok(u)) => u.clone(),
            _ => Vec::new(),
        })
    });
    let visitor = RwSignal::new(String::new());
    let companions = RwSignal::new(Vec::<UserId>::new());
    let at = RwSignal::new(campus_input(now()));
    let place = PlaceChoice::new();
    let kind = RwSignal::new(code_of(&VisitKind::DormVisit));
    let students = RwSignal::new("0".to_owned());
    let note = RwSignal::new(String::new());
    let problems = Problems::new();
    let state = FormState::new();
    let errors = state.errors;
    let key = uuid::Uuid::now_v7().to_string();
    let navigate = StoredValue::new_local(use_navigate());
    let visitor_id = move || visitor.get_untracked().parse::<UserId>().ok().or(me);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = ctx.t();
        let mut errs = HashMap::new();
        let when = from_campus_input(&at.get_untracked()).and_then(|t| Moment::try_from(t).ok());
        if when.is_none() {
            errs.insert("at".to_owned(), t.err_date.to_owned());
        }
        let place_id = place.place_id();
        if place_id.is_none() {
            errs.insert("place_id".to_owned(), t.err_required.to_owned());
        }
        let mut inputs = Vec::new();
        for (i, d) in problems.list.get_untracked().iter().enumerate() {
            match d.input() {
                Ok(p) => inputs.push(p),
                Err(parts) => {
                    for part in parts {
                        let says = if part == "due_on" {
                            t.err_date
                        } else {
                            t.err_required
                        };
                        errs.insert(format!("problems[{i}].{part}"), says.to_owned());
                    }
                }
            }
        }
        let (Some(at), Some(place_id), true) = (when, place_id, errs.is_empty()) else {
            state.errors.set(errs);
            state.error.set(Some(t.err_check_fields.to_owned()));
            return;
        };
        let visitor = visitor_id();
        let req = RecordVisitRequest {
            visitor_id: (visitor != me).then_some(visitor).flatten(),
            companions: companions
                .get_untracked()
                .into_iter()
                .filter(|c| Some(*c) != visitor)
                .collect(),
            at,
            place_id,
            kind: enum_of(&kind.get_untracked()).unwrap_or(VisitKind::DormVisit),
            students_met: students.get_untracked().trim().parse().unwrap_or(-1),
            note: note.get_untracked(),
            problems: inputs,
        };
        let key = key.clone();
        state.send(
            ctx,
            move |c| {
                let (req, key) = (req.clone(), key.clone());
                async move { c.with_idempotency_key(key).record_visit(&req).await }
            },
            move |saved| {
                navigate.with_value(|go| go(&format!("/visits/{}", saved.id), Default::default()))
            },
        );
    };
    let default_due = (today() + Duration::days(14)).to_string();
    view! {
        <section class="card" aria-labelledby="record-title">
            <h1 id="record-title">{move || v().record}</h1>
            <form on:submit=submit novalidate>
                {for_others.then(|| view! {
                    <label for="visitor">{move || v().visitor}</label>
                    <select id="visitor" on:change=move |ev| visitor.set(event_target_value(&ev))
                        aria-invalid=errors.invalid("visitor_id") aria-describedby="visitor_id-error">
                        <option value="" prop:selected=move || visitor.get().is_empty()>{move || v().myself}</option>
                        {move || holders.get().into_iter().filter(|d| Some(d.person.id) != me).map(|d| view! {
                            <option value=d.person.id.to_string()>{format!("{} · {}", d.person.display_name, duty_kind(lang(), d.duty))}</option>
                        }).collect_view()}
                    </select>
                    {field_error("visitor_id", errors)}
                })}
                <label for="at">{move || v().at}</label>
                <input id="at" type="datetime-local" bind:value=at aria-invalid=errors.invalid("at") aria-describedby="at-error"/>
                {field_error("at", errors)}
                <PlacePicker choice=place errors=errors/>
                <label for="kind">{move || v().kind}</label>
                {enum_select("kind", &VisitKind::ALL, visit_kind, kind)}
                <label for="students_met">{move || v().students_met}</label>
                <input id="students_met" type="number" min="0" max="10000" inputmode="numeric" bind:value=students
                    aria-invalid=errors.invalid("students_met") aria-describedby="students_met-error"/>
                {field_error("students_met", errors)}
                <label for="note">{move || v().note}</label>
                <textarea id="note" rows="4" bind:value=note aria-invalid=errors.invalid("note") aria-describedby="note-error"></textarea>
                {field_error("note", errors)}
                <fieldset class="choice" aria-describedby="companions-hint">
                    <legend>{move || v().companions}</legend>
                    <p id="companions-hint" class="muted small">{move || v().companions_hint}</p>
                    {move || holders.get().into_iter().filter(|d| Some(d.person.id) != visitor_id()).map(|d| {
                        let id = d.person.id;
                        view! { <label><input type="checkbox" prop:checked=move || companions.with(|c| c.contains(&id))
                            on:change=move |ev| { let on = event_target_checked(&ev); companions.update(|c| { c.retain(|x| *x != id); if on { c.push(id); } }); }/>
                            {d.person.display_name.clone()}</label> }
                    }).collect_view()}
                    {field_error("companions", errors)}
                </fieldset>
                <ProblemsEditor problems=problems units=unit_list errors=errors default_due=default_due/>
                <p class="form-error" role="alert">{move || state.error.get()}</p>
                <button type="submit" class="primary" disabled=move || state.pending.get()>
                    {move || if state.pending.get() { v().recording } else { v().record }}
                </button>
            </form>
        </section>
    }
}

//! The problems raised on a visit, as many as there were: each becomes a
//! repair request in the service hall or a follow-up for a unit to answer by
//! a date, and is written so, beside the problem, before it is sent.

use crate::ctx::Ctx;
use crate::forms::{code_of, enum_of, enum_select, FieldErrors};
use crate::i18n::visits::texts;
use crate::labels;
use leptos::prelude::*;
use onestop_domain::community::wire::{FollowUpProblem, ProblemInput, RepairProblem};
use onestop_domain::dates::Day;
use onestop_domain::service::forms::RepairCategory;
use onestop_domain::unit::UnitView;

#[derive(Clone, Copy)]
pub struct ProblemDraft {
    key: u32,
    text: RwSignal<String>,
    repair: RwSignal<bool>,
    category: RwSignal<String>,
    unit: RwSignal<String>,
    due: RwSignal<String>,
}

impl ProblemDraft {
    fn new(key: u32, due: String) -> Self {
        Self {
            key,
            text: RwSignal::new(String::new()),
            repair: RwSignal::new(true),
            category: RwSignal::new(code_of(&RepairCategory::Other)),
            unit: RwSignal::new(String::new()),
            due: RwSignal::new(due),
        }
    }

    /// The problem as the API takes it, or the parts (`text`, `unit`,
    /// `due_on`) left empty or not a date.
    pub fn input(&self) -> Result<ProblemInput, Vec<&'static str>> {
        let text = self.text.get_untracked();
        let mut missing = Vec::new();
        if text.trim().is_empty() {
            missing.push("text");
        }
        if !self.repair.get_untracked() {
            if self.unit.get_untracked().is_empty() {
                missing.push("unit");
            }
            if self.due.get_untracked().parse::<Day>().is_err() {
                missing.push("due_on");
            }
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        if self.repair.get_untracked() {
            return Ok(ProblemInput::Repair(RepairProblem {
                text,
                category: enum_of(&self.category.get_untracked()).unwrap_or(RepairCategory::Other),
                place_id: None,
            }));
        }
        let due_on = self
            .due
            .get_untracked()
            .parse::<Day>()
            .map_err(|_| vec!["due_on"])?;
        Ok(ProblemInput::FollowUp(FollowUpProblem {
            text,
            unit: self.unit.get_untracked(),
            due_on,
        }))
    }
}

/// The list being written, and the next key for a new one.
#[derive(Clone, Copy)]
pub struct Problems {
    pub list: RwSignal<Vec<ProblemDraft>>,
    next: StoredValue<u32>,
}

impl Problems {
    pub fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    fn add(&self, due: String) {
        let key = self.next.get_value();
        self.next.set_value(key + 1);
        self.list.update(|l| l.push(ProblemDraft::new(key, due)));
    }
}

impl Default for Problems {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn ProblemsEditor(
    problems: Problems,
    units: Signal<Vec<UnitView>>,
    errors: FieldErrors,
    /// What a new follow-up's date starts at (`YYYY-MM-DD`).
    default_due: String,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let lang = move || ctx.lang.get();
    let row = move |d: ProblemDraft| {
        // The position decides the field names the server answers with.
        let index = move || {
            problems
                .list
                .with(|l| l.iter().position(|x| x.key == d.key).unwrap_or(0))
        };
        let id = |part: &str| format!("problem-{}-{part}", d.key);
        let field = move |part: &str| format!("problems[{}].{part}", index());
        let message = move |part: &'static str| move || errors.message_of(field(part))();
        let (text_id, route_name, cat_id, unit_id, due_id) = (
            id("text"),
            id("route"),
            id("category"),
            id("unit"),
            id("due"),
        );
        view! {
            <li class="problem">
                <label for=text_id.clone()>{move || v().problem_text}</label>
                <textarea id=text_id.clone() rows="2" bind:value=d.text
                    aria-invalid=move || message("text")().is_some().to_string()
                    aria-describedby=format!("{text_id}-error")></textarea>
                <p id=format!("{text_id}-error") class="field-error">{message("text")}</p>
                <fieldset class="choice">
                    <legend>{move || v().route}</legend>
                    <label><input type="radio" name=route_name.clone() value="repair"
                        prop:checked=move || d.repair.get() on:change=move |_| d.repair.set(true)/>
                        {move || v().route_repair}</label>
                    <label><input type="radio" name=route_name value="follow_up"
                        prop:checked=move || !d.repair.get() on:change=move |_| d.repair.set(false)/>
                        {move || v().route_follow_up}</label>
                </fieldset>
                <Show when=move || d.repair.get() fallback=move || { let (unit_id, due_id) = (unit_id.clone(), due_id.clone()); view! {
                    <label for=unit_id.clone()>{move || v().owner_unit}</label>
                    <select id=unit_id.clone() on:change=move |ev| d.unit.set(event_target_value(&ev))
                        aria-invalid=move || message("unit")().is_some().to_string() aria-describedby=format!("{unit_id}-error")>
                        <option value="" prop:selected=move || d.unit.get().is_empty()>{move || v().choose}</option>
                        {move || units.get().into_iter().map(|u| { let code = u.code.clone(); let this = code.clone(); view! {
                            <option value=code prop:selected=move || d.unit.get() == this>{labels::unit(lang(), &u)}</option>
                        }}).collect_view()}
                    </select>
                    <p id=format!("{unit_id}-error") class="field-error">{message("unit")}</p>
                    <label for=due_id.clone()>{move || v().answer_by}</label>
                    <input id=due_id.clone() type="date" bind:value=d.due
                        aria-invalid=move || message("due_on")().is_some().to_string() aria-describedby=format!("{due_id}-error")/>
                    <p id=format!("{due_id}-error") class="field-error">{message("due_on")}</p>
                }}>
                    <label for=cat_id.clone()>{move || ctx.t().category}</label>
                    {enum_select(cat_id.clone(), &RepairCategory::ALL, labels::repair_category, d.category)}
                </Show>
                <button type="button" class="link" on:click=move |_| problems.list.update(|l| l.retain(|x| x.key != d.key))>
                    {move || v().remove_problem}
                </button>
            </li>
        }
    };
    view! {
        <fieldset class="problems">
            <legend>{move || v().problems}</legend>
            <ol class="plain">
                <For each=move || problems.list.get() key=|d| d.key children=row/>
            </ol>
            <button type="button" on:click=move |_| problems.add(default_due.clone())>{move || v().add_problem}</button>
        </fieldset>
    }
}

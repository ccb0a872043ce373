//! Proposing an activity in the caller's unit's name: what, which of the
//! 五育, where on the grid and when, how many places and 学时. 团委 or the
//! college reviews it before students see it.

use crate::ctx::Ctx;
use crate::format::{from_campus_input, today};
use crate::forms::{enum_of, enum_select, field_error, FormState};
use crate::i18n::activities::{category, level, texts};
use crate::pages::visits::place_picker::{PlaceChoice, PlacePicker};
use chrono::Duration;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use onestop_domain::dates::Moment;
use onestop_domain::growth::wire::{ActivityView, ProposeActivityRequest};
use onestop_domain::growth::{ActivityLevel, Category};

fn moment(s: &str) -> Option<Moment> {
    from_campus_input(s).and_then(|t| Moment::try_from(t).ok())
}

#[component]
pub fn ProposeActivity() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let navigate = StoredValue::new(use_navigate());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let cat = RwSignal::new("moral".to_owned());
    let lvl = RwSignal::new("community".to_owned());
    let organisation = RwSignal::new(String::new());
    let place = PlaceChoice::new();
    let location = RwSignal::new(String::new());
    let date = RwSignal::new((today() + Duration::days(7)).to_string());
    let starts = RwSignal::new("14:00".to_owned());
    let ends = RwSignal::new("16:00".to_owned());
    let capacity = RwSignal::new("30".to_owned());
    let hours = RwSignal::new("2".to_owned());
    let state = FormState::new();
    let errors = state.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if title.get_untracked().trim().is_empty() {
            state.refuse("title", ctx.t().err_required);
            return;
        }
        let Some(place_id) = place.place_id() else {
            state.refuse("place_id", ctx.t().err_required);
            return;
        };
        let at = |t: String| moment(&format!("{}T{t}", date.get_untracked()));
        let (Some(starts_at), Some(ends_at)) =
            (at(starts.get_untracked()), at(ends.get_untracked()))
        else {
            state.refuse("starts_at", ctx.t().err_date);
            return;
        };
        let (Some(category), Some(level)) = (
            enum_of::<Category>(&cat.get_untracked()),
            enum_of::<ActivityLevel>(&lvl.get_untracked()),
        ) else {
            return;
        };
        let req = ProposeActivityRequest {
            title: title.get_untracked(),
            description: description.get_untracked(),
            category,
            level,
            organisation: organisation.get_untracked(),
            place_id,
            location: location.get_untracked(),
            starts_at,
            ends_at,
            capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
            hours: hours.get_untracked().trim().parse().unwrap_or(0),
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.propose_activity(&req).await }
            },
            move |a: ActivityView| {
                navigate.with_value(|n| n(&format!("/activities/{}", a.id), Default::default()))
            },
        );
    };
    view! {
        <section class="card wide" aria-labelledby="propose-title">
            <h1 id="propose-title">{move || v().propose_title}</h1>
            <p class="muted">{move || v().propose_hint}</p>
            <form class="activity-form" on:submit=submit novalidate>
                <label for="title">{move || v().activity_title}</label>
                <input id="title" type="text" maxlength="100" bind:value=title aria-invalid=errors.invalid("title") aria-describedby="title-error"/>
                {field_error("title", errors)}
                <label for="description">{move || v().description}</label>
                <textarea id="description" rows="3" maxlength="2000" bind:value=description></textarea>
                {field_error("description", errors)}
                <div class="row">
                    <span><label for="category">{move || v().category}</label>{enum_select("category", &Category::ALL, category, cat)}</span>
                    <span><label for="level">{move || v().level}</label>{enum_select("level", &ActivityLevel::ALL, level, lvl)}</span>
                </div>
                <label for="organisation">{move || v().organisation}</label>
                <input id="organisation" type="text" maxlength="60" bind:value=organisation/>
                {field_error("organisation", errors)}
                <PlacePicker choice=place errors=errors no_rooms=true/>
                <label for="location">{move || v().location}</label>
                <input id="location" type="text" maxlength="100" bind:value=location/>
                {field_error("location", errors)}
                <label for="date">{move || v().date}</label>
                <input id="date" type="date" bind:value=date/>
                <div class="row">
                    <span><label for="starts_at">{move || v().starts}</label><input id="starts_at" type="time" step="900" bind:value=starts/></span>
                    <span><label for="ends_at">{move || v().ends}</label><input id="ends_at" type="time" step="900" bind:value=ends/></span>
                </div>
                {field_error("starts_at", errors)}
                {field_error("ends_at", errors)}
                <div class="row">
                    <span><label for="capacity">{move || v().capacity}</label>
                        <input id="capacity" type="number" min="1" max="2000" inputmode="numeric" bind:value=capacity aria-invalid=errors.invalid("capacity") aria-describedby="capacity-error"/></span>
                    <span><label for="hours">{move || v().hours}</label>
                        <input id="hours" type="number" min="1" max="40" inputmode="numeric" bind:value=hours aria-invalid=errors.invalid("hours") aria-describedby="hours-error"/></span>
                </div>
                {field_error("capacity", errors)}
                {field_error("hours", errors)}
                <p class="form-error" role="alert">{move || state.error.get()}</p>
                <button type="submit" class="primary" disabled=move || state.pending.get()>
                    {move || if state.pending.get() { v().proposing } else { v().propose }}
                </button>
            </form>
        </section>
    }
}

//! One space: what it is and when it opens, its calendar for a day or a
//! week (`?day=` and `?view=week` keep the place on a reload or a shared
//! link), and the form to book a slot of it.

use super::bookings::agenda;
use super::form::SpaceForm;
use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::{from_campus_input, today};
use crate::forms::{field_error, tab, tab_keys, FormState};
use crate::i18n::spaces::{booker, space_kind, texts};
use chrono::{Duration, NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use onestop_client::BookingQuery;
use onestop_domain::community::spaces::wire::{BookingView, CreateBookingRequest, SpaceView};
use onestop_domain::community::spaces::BookingState;
use onestop_domain::dates::Moment;
use onestop_domain::SpaceId;

/// The quarter hours from `opens` to `closes`, `HH:MM`.
pub fn quarters(opens: &str, closes: &str) -> Vec<String> {
    let (Ok(mut t), Ok(end)) = (
        NaiveTime::parse_from_str(opens, "%H:%M"),
        NaiveTime::parse_from_str(closes, "%H:%M"),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while t <= end {
        out.push(t.format("%H:%M").to_string());
        let (next, wrapped) = t.overflowing_add_signed(Duration::minutes(15));
        if wrapped != 0 {
            break;
        }
        t = next;
    }
    out
}

pub fn time_select(id: &'static str, times: Vec<String>, sig: RwSignal<String>) -> impl IntoView {
    view! {
        <select id=id on:change=move |ev| sig.set(event_target_value(&ev))>
            {times.into_iter().map(|t| {
                let (this, label) = (t.clone(), t.clone());
                view! { <option value=t prop:selected=move || sig.get() == this>{label}</option> }
            }).collect_view()}
        </select>
    }
}

#[component]
fn BookForm(space: SpaceView, day: Memo<NaiveDate>, booked: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let times = quarters(&space.opens, &space.closes);
    let first = times.first().cloned().unwrap_or_default();
    let date = RwSignal::new(day.get_untracked().to_string());
    Effect::new(move |_| date.set(day.get().to_string()));
    let starts = RwSignal::new(first.clone());
    let ends = RwSignal::new(times.get(4).cloned().unwrap_or(first));
    let purpose = RwSignal::new(String::new());
    let attendees = RwSignal::new("10".to_owned());
    let done = RwSignal::new(None::<&'static str>);
    let state = FormState::new();
    let errors = state.errors;
    let id = space.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let at = |t: String| {
            from_campus_input(&format!("{}T{t}", date.get_untracked()))
                .and_then(|t| Moment::try_from(t).ok())
        };
        let (Some(starts_at), Some(ends_at)) =
            (at(starts.get_untracked()), at(ends.get_untracked()))
        else {
            state.refuse("starts_at", ctx.t().err_date);
            return;
        };
        if purpose.get_untracked().trim().is_empty() {
            state.refuse("purpose", ctx.t().err_required);
            return;
        }
        let req = CreateBookingRequest {
            space_id: id,
            starts_at,
            ends_at,
            purpose: purpose.get_untracked(),
            attendees: attendees.get_untracked().trim().parse().unwrap_or(0),
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.book(&req).await }
            },
            move |b: BookingView| {
                let v = texts(ctx.lang.get_untracked());
                done.set(Some(if b.state == BookingState::Approved {
                    v.booked
                } else {
                    v.booked_pending
                }));
                purpose.set(String::new());
                booked.update(|n| *n += 1);
            },
        );
    };
    view! {
        <section class="card" aria-labelledby="book-title">
            <h2 id="book-title">{move || v().book_title}</h2>
            <p class="muted">{move || v().slot_rules}</p>
            <form on:submit=submit novalidate class="book-form">
                <label for="book-date">{move || v().date}</label>
                <input id="book-date" type="date" bind:value=date/>
                <div class="row">
                    <span><label for="starts_at">{move || v().starts}</label>{time_select("starts_at", times.clone(), starts)}</span>
                    <span><label for="ends_at">{move || v().ends}</label>{time_select("ends_at", times.clone(), ends)}</span>
                </div>
                {field_error("starts_at", errors)}
                {field_error("ends_at", errors)}
                <label for="purpose">{move || v().purpose}</label>
                <input id="purpose" type="text" maxlength="200" bind:value=purpose aria-invalid=errors.invalid("purpose") aria-describedby="purpose-error"/>
                {field_error("purpose", errors)}
                <label for="attendees">{move || v().attendees}</label>
                <input id="attendees" type="number" min="1" max=space.capacity inputmode="numeric" bind:value=attendees aria-invalid=errors.invalid("attendees") aria-describedby="attendees-error"/>
                {field_error("attendees", errors)}
                <p class="form-error" role="alert">{move || state.error.get()}</p>
                <p class="ok" role="status">{move || done.get()}</p>
                <button type="submit" class="primary" disabled=move || state.pending.get()>{move || if state.pending.get() { v().booking } else { v().book }}</button>
            </form>
        </section>
    }
}

fn details(ctx: Ctx, s: &SpaceView) -> impl IntoView {
    let lang = ctx.lang.get();
    let v = texts(lang);
    let who: Vec<_> = s.open_to.iter().map(|b| booker(lang, *b)).collect();
    view! {
        <p class="meta">{space_kind(lang, s.kind)}" · "{s.place.name.clone()}" · "{v.capacity}" "{s.capacity}" "{v.people}</p>
        <p class="meta">{v.hours}" "{s.opens.clone()}"–"{s.closes.clone()}" · "{v.open_to}" "{who.join("、")}" · "
            {if s.needs_approval { v.needs_approval } else { v.no_approval }}
            {(!s.active).then(|| format!(" · {}", v.closed))}</p>
        {(!s.equipment.is_empty()).then(|| view! { <p class="meta">{v.equipment}" "{s.equipment.clone()}</p> })}
    }
}

#[component]
pub fn SpacePage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<SpaceId>().ok())));
    let day = Memo::new(move |_| {
        query
            .with(|q| q.get("day").and_then(|d| d.parse::<NaiveDate>().ok()))
            .unwrap_or_else(today)
    });
    let week = Memo::new(move |_| query.with(|q| q.get("view").as_deref() == Some("week")));
    let go = move |d: NaiveDate, w: bool| {
        let Some(id) = id.get_untracked() else { return };
        let view = if w { "&view=week" } else { "" };
        navigate(
            &format!("/spaces/{id}?day={d}{view}"),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let go = StoredValue::new_local(go);
    // A booking reloads the calendar only (the form keeps what it said); an edit, the space.
    let changed = RwSignal::new(0u64);
    let edited = RwSignal::new(0u64);
    let space = api_resource(
        move || (id.get(), edited.get()),
        |c, (id, _)| async move { c.get_space(id.unwrap_or_default()).await },
    );
    let bookings = api_resource(
        move || (id.get(), day.get(), week.get(), changed.get()),
        |c, (id, day, week, _)| async move {
            c.list_bookings(&BookingQuery {
                space: id,
                from: Some(day.to_string()),
                days: Some(if week { 7 } else { 1 }),
                ..Default::default()
            })
            .await
        },
    );
    let step = move |forward: bool| {
        let n = if week.get_untracked() { 7 } else { 1 };
        let d = day.get_untracked() + Duration::days(if forward { n } else { -n });
        go.with_value(|g| g(d, week.get_untracked()));
    };
    view! {
        <Loaded resource=space show={move |s: SpaceView| view! {
            <section class="card wide" aria-labelledby="space-title">
                <h1 id="space-title">{s.name.clone()}</h1>
                {details(ctx, &s)}
                <div class="tabs" role="tablist" on:keydown=tab_keys>
                    {tab(move || !week.get(), move || go.with_value(|g| g(day.get_untracked(), false)), move || v().day)}
                    {tab(move || week.get(), move || go.with_value(|g| g(day.get_untracked(), true)), move || v().week)}
                </div>
                <p class="actions calendar-nav">
                    <button type="button" on:click=move |_| step(false)>{move || v().previous}</button>
                    <input type="date" aria-label=move || v().date prop:value=move || day.get().to_string()
                        on:change=move |ev| { if let Ok(d) = event_target_value(&ev).parse::<NaiveDate>() { go.with_value(|g| g(d, week.get_untracked())) } }/>
                    <button type="button" on:click=move |_| go.with_value(|g| g(today(), week.get_untracked()))>{move || v().today}</button>
                    <button type="button" on:click=move |_| step(true)>{move || v().next}</button>
                </p>
                <Loaded resource=bookings show={move |list: Vec<BookingView>| {
                    agenda(ctx, day.get_untracked(), if week.get_untracked() { 7 } else { 1 }, list, false, changed)
                }}/>
            </section>
            {if s.may_book {
                view! { <BookForm space=s.clone() day=day booked=changed/> }.into_any()
            } else if s.active {
                view! { <p class="card muted">{v().may_not_book}</p> }.into_any()
            } else {
                ().into_any()
            }}
            {s.manages.then(|| view! {
                <details class="card"><summary>{move || v().edit_space}</summary>
                    <SpaceForm editing=Some(s.clone()) saved=edited/>
                </details>
            })}
        }}/>
    }
}

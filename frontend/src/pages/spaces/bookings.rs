//! A booking as a line of a calendar, with what the reader may do to it
//! (cancel it; approve or refuse it), and the calendar itself: the days
//! from a date, each with its bookings in time order — an agenda, which
//! reads on a phone where a grid of hours would not.

use crate::ctx::Ctx;
use crate::forms::FormState;
use crate::i18n::spaces::{booking_state, texts, weekday};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_domain::community::spaces::wire::{
    BookingView, CancelBookingRequest, DecideBookingRequest,
};
use onestop_domain::community::spaces::BookingState;

/// Campus time (UTC+8) of an instant.
fn campus(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    (t + Duration::hours(8)).naive_utc()
}

pub fn campus_day(t: DateTime<Utc>) -> NaiveDate {
    onestop_domain::grid::local_date(t)
}

/// `14:00–16:00`, campus time.
pub fn span(b: &BookingView) -> String {
    format!(
        "{}–{}",
        campus(b.starts_at).format("%H:%M"),
        campus(b.ends_at).format("%H:%M")
    )
}

#[component]
fn Decide(b: BookingView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let reason = RwSignal::new(String::new());
    let state = FormState::new();
    let (id, version) = (b.id, b.version);
    let dom = format!("refuse-{id}");
    let described = format!("{dom}-error");
    let send = move |approve: bool| {
        if !approve && reason.get_untracked().trim().is_empty() {
            state.refuse("note", ctx.t().err_required);
            return;
        }
        let req = DecideBookingRequest {
            approve,
            note: reason.get_untracked(),
            version,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.decide_booking(id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    view! {
        <div class="inline-form decide">
            <button type="button" class="primary" disabled=move || state.pending.get() on:click=move |_| send(true)>{move || v().approve}</button>
            <label for=dom.clone()>{move || v().refuse_reason}</label>
            <input id=dom type="text" maxlength="200" bind:value=reason aria-invalid=state.errors.invalid("note") aria-describedby=described.clone()/>
            <p id=described class="field-error">{state.errors.message("note")}</p>
            <button type="button" disabled=move || state.pending.get() on:click=move |_| send(false)>{move || v().refuse}</button>
            <p class="form-error" role="alert">{move || state.error.get()}</p>
        </div>
    }
}

#[component]
fn Cancel(b: BookingView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let mine = ctx
        .me
        .get_untracked()
        .is_some_and(|u| u.id == b.booked_by.id);
    let reason = RwSignal::new(String::new());
    let state = FormState::new();
    let (id, version) = (b.id, b.version);
    let dom = format!("cancel-{id}");
    let cancel = move |_| {
        let req = CancelBookingRequest {
            note: reason.get_untracked(),
            version,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.cancel_booking(id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    view! {
        <div class="inline-form cancel">
            {(!mine).then(|| view! {
                <label for=dom.clone()>{move || v().cancel_reason}</label>
                <input id=dom.clone() type="text" maxlength="200" bind:value=reason/>
            })}
            <button type="button" disabled=move || state.pending.get() on:click=cancel>{move || v().cancel}</button>
            <p class="form-error" role="alert">{move || state.error.get()}</p>
        </div>
    }
}

/// One booking: when, what, who, its state, and the reader's actions.
pub fn booking_item(
    ctx: Ctx,
    b: BookingView,
    show_space: bool,
    show_day: bool,
    changed: RwSignal<u64>,
) -> impl IntoView {
    let lang = ctx.lang.get();
    let v = texts(lang);
    let day = campus_day(b.starts_at);
    let when = if show_day {
        format!(
            "{} {} {}",
            day.format("%m-%d"),
            weekday(lang, day),
            span(&b)
        )
    } else {
        span(&b)
    };
    let holds = b.state.holds();
    let (space_id, space_name) = (b.space.id, b.space.name.clone());
    view! {
        <li class="booking" class:pending={b.state == BookingState::Pending} class:gone=!holds>
            <p><strong class="slot">{when}</strong>" "{b.purpose.clone()}</p>
            <p class="meta">
                {show_space.then(|| view! { <A href=format!("/spaces/{space_id}?day={day}")>{space_name.clone()}</A>" · " })}
                {v.by}" "{b.booked_by.display_name.clone()}" · "{b.attendees}" "{v.people}" · "
                <span class="state">{booking_state(lang, b.state)}</span>
                {b.note.clone().map(|n| format!(" · {n}"))}
            </p>
            {b.may_decide.then(|| view! { <Decide b=b.clone() changed=changed/> })}
            // The office refuses what waits for it, saying why; it cancels what it approved.
            {(b.may_cancel && !b.may_decide).then(|| view! { <Cancel b=b.clone() changed=changed/> })}
        </li>
    }
}

/// The days from `from`, each with its bookings; `free` days say so.
pub fn agenda(
    ctx: Ctx,
    from: NaiveDate,
    days: i64,
    list: Vec<BookingView>,
    show_space: bool,
    changed: RwSignal<u64>,
) -> impl IntoView {
    let lang = ctx.lang.get();
    let v = texts(lang);
    let today = crate::format::today();
    (0..days)
        .filter_map(|i| from.checked_add_signed(Duration::days(i)))
        .map(|d| {
            let on: Vec<_> = list
                .iter()
                .filter(|b| campus_day(b.starts_at) == d)
                .cloned()
                .collect();
            view! {
                <section class="agenda-day" class:today={d == today} aria-label=d.to_string()>
                    <h3>{d.format("%m-%d").to_string()}" "{weekday(lang, d)}</h3>
                    {if on.is_empty() {
                        view! { <p class="muted">{v.free_all_day}</p> }.into_any()
                    } else {
                        view! { <ul class="plain bookings">{on.into_iter().map(|b| booking_item(ctx, b, show_space, false, changed)).collect_view()}</ul> }.into_any()
                    }}
                </section>
            }
        })
        .collect_view()
}

//! What a booking's change tells others: one event (webhooks, other
//! systems' feed) and a notification for whoever should act or know —
//! the keepers of the space when a booking waits for them, the booker when
//! someone else decided or cancelled it. Written in the change's transaction.

use crate::app::events;
use crate::db::repo::spaces::keepers;
use crate::db::rows::SpaceRow;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::QueryResult;
use onestop_domain::community::spaces::wire::BookingView;
use onestop_domain::community::spaces::BookingState;
use onestop_domain::integration::events::{BookingChange, EventData, EventType};
use onestop_domain::notify::{quote, BookingRef, NotificationData, NotificationKind};
use onestop_domain::UserId;

pub(super) fn change(b: &BookingView) -> EventData {
    EventData::Booking(BookingChange {
        booking_id: b.id,
        space_id: b.space.id,
        community_id: b.community_id,
        state: b.state,
        starts_at: b.starts_at,
        ends_at: b.ends_at,
        booked_by: b.booked_by.id,
        version: b.version,
    })
}

fn data(b: &BookingView, quoted: Option<&str>) -> NotificationData {
    NotificationData {
        booking: Some(BookingRef {
            id: b.id,
            space_id: b.space.id,
            space: b.space.name.clone(),
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            state: b.state,
        }),
        actor: b.decided_by.clone(),
        quote: quoted.filter(|q| !q.trim().is_empty()).map(quote),
        ..Default::default()
    }
}

pub fn created(
    c: &mut DbConn,
    b: &BookingView,
    space: &SpaceRow,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let event = events::publish(c, EventType::BookingCreated, &change(b), now)?;
    if b.state != BookingState::Pending {
        return Ok(());
    }
    let to = keepers::of_space(c, space, onestop_domain::grid::local_date(now))?;
    let mut d = data(b, Some(&b.purpose));
    d.actor = Some(b.booked_by.clone());
    events::notify(
        c,
        event,
        NotificationKind::BookingRequested,
        to,
        Some(b.booked_by.id),
        &d,
        now,
    )
}

pub fn decided(c: &mut DbConn, b: &BookingView, by: UserId, now: DateTime<Utc>) -> QueryResult<()> {
    let event = events::publish(c, EventType::BookingDecided, &change(b), now)?;
    events::notify(
        c,
        event,
        NotificationKind::BookingDecided,
        [b.booked_by.id],
        Some(by),
        &data(b, b.note.as_deref()),
        now,
    )
}

pub fn cancelled(
    c: &mut DbConn,
    b: &BookingView,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let event = events::publish(c, EventType::BookingCancelled, &change(b), now)?;
    events::notify(
        c,
        event,
        NotificationKind::BookingCancelled,
        [b.booked_by.id],
        Some(by),
        &data(b, b.note.as_deref()),
        now,
    )
}

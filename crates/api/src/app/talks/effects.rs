//! What a session's change tells others: one event (webhooks, other
//! systems' feed; no names or questions in it) and a notification for each
//! student it concerns — a place, a place on the waiting list, a
//! cancellation. Written in the change's transaction.

use crate::app::events;
use crate::db::rows::{from_db, ApplicationRow, SpaceRow, TalkRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::QueryResult;
use onestop_domain::community::talks::TalkState;
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::integration::events::{EventData, EventType, TalkChange};
use onestop_domain::notify::{quote, NotificationData, NotificationKind, TalkRef};
use onestop_domain::{EventId, UserId};

fn change(t: &TalkRow, space: &SpaceRow, applicants: usize) -> EventData {
    EventData::Talk(TalkChange {
        talk_id: t.id,
        space_id: t.space_id,
        community_id: space.community_id,
        state: t.state,
        starts_at: from_db(t.starts_at),
        ends_at: from_db(t.ends_at),
        places: t.places,
        applicants: i32::try_from(applicants).unwrap_or(i32::MAX),
        version: t.version,
    })
}

fn about(t: &TalkRow, ahead: Option<i32>) -> NotificationData {
    NotificationData {
        talk: Some(TalkRef {
            id: t.id,
            topic: t.topic.clone(),
            starts_at: from_db(t.starts_at),
            ahead,
        }),
        ..Default::default()
    }
}

pub fn created(
    c: &mut DbConn,
    t: &TalkRow,
    space: &SpaceRow,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    events::publish(c, EventType::TalkCreated, &change(t, space, 0), now).map(|_| ())
}

/// The draw is done: each entrant hears where they stand.
pub fn drawn(
    c: &mut DbConn,
    t: &TalkRow,
    space: &SpaceRow,
    ranked: &[ApplicationRow],
    now: DateTime<Utc>,
) -> QueryResult<()> {
    debug_assert_eq!(t.state, TalkState::Drawn);
    let event = events::publish(
        c,
        EventType::TalkDrawn,
        &change(t, space, ranked.len()),
        now,
    )?;
    let places = usize::try_from(t.places).unwrap_or(0);
    for (i, a) in ranked.iter().enumerate() {
        let (kind, ahead) = if i < places {
            (NotificationKind::TalkPlaced, None)
        } else {
            let n = i32::try_from(i - places).unwrap_or(i32::MAX);
            (NotificationKind::TalkWaiting, Some(n))
        };
        events::notify(c, event, kind, [a.student_id], None, &about(t, ahead), now)?;
    }
    Ok(())
}

/// A place freed and the waiting list moved up.
pub fn promoted(
    c: &mut DbConn,
    t: &TalkRow,
    space: &SpaceRow,
    applicants: usize,
    student: UserId,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let data = change(t, space, applicants);
    let event: EventId = events::publish(c, EventType::TalkDrawn, &data, now)?;
    events::notify(
        c,
        event,
        NotificationKind::TalkPlaced,
        [student],
        Some(by),
        &about(t, None),
        now,
    )
}

pub fn cancelled(
    c: &mut DbConn,
    t: &TalkRow,
    space: &SpaceRow,
    applicants: &[UserId],
    by: &PersonRef,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let event = events::publish(
        c,
        EventType::TalkCancelled,
        &change(t, space, applicants.len()),
        now,
    )?;
    let mut d = about(t, None);
    d.quote = t.cancel_reason.as_deref().map(quote);
    d.actor = Some(by.clone());
    events::notify(
        c,
        event,
        NotificationKind::TalkCancelled,
        applicants.iter().copied(),
        Some(by.id),
        &d,
        now,
    )
}

//! What an activity's change tells others: one event (webhooks; no names in
//! it) and a notification for each person it concerns — the reviewers of a
//! proposal, the organiser of a reviewed one, the student a freed place
//! went to, everyone signed up for a cancelled one. Written in the change's
//! transaction.

use super::YOUTH_LEAGUE;
use crate::app::events;
use crate::db::repo::growth::signups;
use crate::db::repo::{units, users};
use crate::db::rows::{from_db, ActivityRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::QueryResult;
use onestop_domain::growth::SignupState;
use onestop_domain::integration::events::{ActivityChange, EventData, EventType};
use onestop_domain::notify::{quote, ActivityRef, NotificationData, NotificationKind};
use onestop_domain::unit::UnitKind;
use onestop_domain::{EventId, Role, UserId};

fn publish(
    c: &mut DbConn,
    kind: EventType,
    a: &ActivityRow,
    now: DateTime<Utc>,
) -> QueryResult<EventId> {
    let unit = units::by_ids(c, &[a.unit_id])?
        .pop()
        .map(|u| u.code)
        .unwrap_or_default();
    let data = EventData::Activity(ActivityChange {
        activity_id: a.id,
        unit,
        category: a.category,
        state: a.state,
        place_id: a.place_id,
        starts_at: from_db(a.starts_at),
        ends_at: from_db(a.ends_at),
        capacity: a.capacity,
        hours: a.hours,
        version: a.version,
    });
    events::publish(c, kind, &data, now)
}

/// What the notification says: the activity, who acted (none for the
/// system) and the start of what they wrote.
fn about(
    c: &mut DbConn,
    a: &ActivityRow,
    by: Option<UserId>,
    said: Option<&str>,
) -> QueryResult<NotificationData> {
    let actor = match by {
        Some(id) => Some(users::names(c, [id])?.person(id)),
        None => None,
    };
    Ok(NotificationData {
        actor,
        activity: Some(ActivityRef {
            id: a.id,
            title: a.title.clone(),
            starts_at: from_db(a.starts_at),
            state: a.state,
        }),
        quote: said.filter(|q| !q.trim().is_empty()).map(quote),
        ..Default::default()
    })
}

/// Who of a unit reviews: its staff, as `growth::may_review` has it.
const STAFF: [Role; 5] = [
    Role::Office,
    Role::Counsellor,
    Role::Handler,
    Role::Admin,
    Role::Leader,
];

/// Proposed: 团委's staff and, for a college's own activity, the college's.
pub fn proposed(c: &mut DbConn, a: &ActivityRow, now: DateTime<Utc>) -> QueryResult<()> {
    let event = publish(c, EventType::ActivityProposed, a, now)?;
    let mut to: Vec<UserId> = Vec::new();
    if let Some(league) = units::find_by_ref(c, YOUTH_LEAGUE)? {
        to.extend(
            units::people_with(c, league.id, &STAFF)?
                .into_iter()
                .map(|p| p.id),
        );
    }
    let own = units::by_ids(c, &[a.unit_id])?.pop();
    if own.is_some_and(|u| u.kind == UnitKind::College) {
        to.extend(
            units::people_with(c, a.unit_id, &STAFF)?
                .into_iter()
                .map(|p| p.id),
        );
    }
    let by = Some(a.organiser_id);
    let d = about(c, a, by, None)?;
    events::notify(
        c,
        event,
        NotificationKind::ActivityToReview,
        to,
        by,
        &d,
        now,
    )
}

/// Approved or sent back: its organiser hears, with the reviewer's note.
pub fn reviewed(
    c: &mut DbConn,
    a: &ActivityRow,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let event = publish(c, EventType::ActivityReviewed, a, now)?;
    let d = about(c, a, Some(by), Some(&a.review_note))?;
    let to = [a.organiser_id];
    events::notify(
        c,
        event,
        NotificationKind::ActivityReviewed,
        to,
        Some(by),
        &d,
        now,
    )
}

/// A place freed went to the first on the waiting list (who withdrew is
/// not said).
pub fn placed(
    c: &mut DbConn,
    a: &ActivityRow,
    student: UserId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let event = publish(c, EventType::ActivityPlacesChanged, a, now)?;
    let d = about(c, a, None, None)?;
    events::notify(
        c,
        event,
        NotificationKind::ActivityPlaced,
        [student],
        None,
        &d,
        now,
    )
}

/// Cancelled: everyone with a place or waiting hears why.
pub fn cancelled(
    c: &mut DbConn,
    a: &ActivityRow,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let event = publish(c, EventType::ActivityCancelled, a, now)?;
    let to: Vec<UserId> = signups::of_activity(c, a.id)?
        .into_iter()
        .filter(|s| s.state != SignupState::Withdrawn)
        .map(|s| s.student_id)
        .collect();
    let d = about(c, a, Some(by), a.cancel_reason.as_deref())?;
    events::notify(
        c,
        event,
        NotificationKind::ActivityCancelled,
        to,
        Some(by),
        &d,
        now,
    )
}

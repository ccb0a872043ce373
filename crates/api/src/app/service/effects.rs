//! What a change to a request tells others: one event (webhooks, the
//! changes feed, the live stream) and a notification for each person who
//! should know — the student of their own request's steps and comments,
//! the assignee of what is assigned to them and of what the student does,
//! the leaders a request is escalated to. Written in the change's transaction.

use crate::app::events;
use crate::db::repo::{units, users};
use crate::db::rows::RequestRow;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::QueryResult;
use onestop_domain::integration::events::{EventData, EventType, RequestChange};
use onestop_domain::notify::{quote, NotificationData, NotificationKind, RequestRef};
use onestop_domain::service::{Action, State};
use onestop_domain::UserId;

/// What happened to the request.
pub enum Change<'a> {
    Created,
    Stepped {
        action: Action,
        from: State,
        note: Option<&'a str>,
    },
    Commented {
        text: &'a str,
    },
    Escalated {
        leaders: &'a [UserId],
    },
    Rated,
}

/// Record `change` of `row` (as it is now) by `actor` (none: the system).
pub fn record(
    c: &mut DbConn,
    row: &RequestRow,
    actor: Option<UserId>,
    change: Change<'_>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let unit = match row.unit_id {
        Some(u) => units::by_ids(c, &[u])?.pop().map(|u| u.code),
        None => None,
    };
    let (event_type, from_state, action) = match &change {
        Change::Created => (EventType::RequestCreated, None, None),
        Change::Stepped { action, from, .. } => {
            (EventType::RequestStateChanged, Some(*from), Some(*action))
        }
        Change::Commented { .. } => (EventType::RequestCommented, None, None),
        Change::Escalated { .. } => (EventType::RequestEscalated, None, None),
        Change::Rated => (EventType::RequestRated, None, None),
    };
    let data = RequestChange {
        request_id: row.id.0,
        kind: row.kind,
        state: row.state,
        from_state,
        action,
        version: row.version,
        priority: row.priority,
        summary: row.summary.clone(),
        student_id: row.student_id,
        place_id: row.place_id,
        building_id: row.building_id,
        zone_id: row.zone_id,
        community_id: row.community_id,
        unit,
        assignee_id: row.assignee_id,
        actor_id: actor,
        escalations: matches!(change, Change::Escalated { .. }).then_some(row.escalations),
    };
    let event = events::publish(c, event_type, &EventData::Request(data), now)?;

    let names = users::names(c, actor)?;
    let about = |text: Option<&str>| NotificationData {
        request: Some(RequestRef {
            id: row.id.0,
            kind: row.kind,
            summary: row.summary.clone(),
            state: row.state,
        }),
        assignment: None,
        follow_up: None,
        visits: None,
        booking: None,
        talk: None,
        activity: None,
        actor: actor.map(|a| names.person(a)),
        quote: text.map(quote).filter(|q| !q.is_empty()),
    };
    let by_student = actor == Some(row.student_id);
    let mut tell = |kind, who: Vec<UserId>, data: &NotificationData| {
        events::notify(c, event, kind, who, actor, data, now)
    };
    match change {
        Change::Created | Change::Rated => Ok(()),
        Change::Stepped {
            action: Action::Assign,
            note,
            ..
        } => {
            let data = about(note);
            tell(
                NotificationKind::RequestAssigned,
                row.assignee_id.into_iter().collect(),
                &data,
            )?;
            tell(
                NotificationKind::RequestStateChanged,
                vec![row.student_id],
                &data,
            )
        }
        Change::Stepped { note, .. } => {
            // The student hears of every step; the assignee of what the student does.
            let mut who = vec![row.student_id];
            if by_student {
                who.extend(row.assignee_id);
            }
            tell(NotificationKind::RequestStateChanged, who, &about(note))
        }
        Change::Commented { text } => {
            let mut who = vec![row.student_id];
            who.extend(row.assignee_id);
            tell(NotificationKind::RequestCommented, who, &about(Some(text)))
        }
        Change::Escalated { leaders } => tell(
            NotificationKind::RequestEscalated,
            leaders.to_vec(),
            &about(None),
        ),
    }
}

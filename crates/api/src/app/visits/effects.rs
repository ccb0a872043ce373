//! What a follow-up's change tells others: one event (webhooks, the feed of
//! other systems) and, once answered, a notification for whoever raised it.
//! Written in the change's transaction.

use crate::app::events;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::QueryResult;
use onestop_domain::community::wire::FollowUpView;
use onestop_domain::integration::events::{EventData, EventType, FollowUpChange};
use onestop_domain::notify::{quote, FollowUpRef, NotificationData, NotificationKind};
use onestop_domain::UserId;

fn change(f: &FollowUpView) -> EventData {
    EventData::FollowUp(FollowUpChange {
        follow_up_id: f.id,
        unit: f.unit.code.clone(),
        state: f.state,
        due_on: f.due_on,
        visit_id: f.visit_id,
        talk_id: f.talk_id,
        version: f.version,
    })
}

/// Raised on a visit or from a session's question.
pub fn raised(c: &mut DbConn, f: &FollowUpView, now: DateTime<Utc>) -> QueryResult<()> {
    events::publish(c, EventType::FollowUpRaised, &change(f), now).map(|_| ())
}

pub fn answered(
    c: &mut DbConn,
    f: &FollowUpView,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let event = events::publish(c, EventType::FollowUpAnswered, &change(f), now)?;
    let data = NotificationData {
        follow_up: Some(FollowUpRef {
            id: f.id,
            text: quote(&f.text),
            unit: f.unit.code.clone(),
        }),
        actor: f.answered_by.clone(),
        quote: f.answer.as_deref().map(quote),
        ..Default::default()
    };
    events::notify(
        c,
        event,
        NotificationKind::FollowUpAnswered,
        [f.raised_by.id],
        Some(by),
        &data,
        now,
    )
}

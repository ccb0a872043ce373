//! What one person's live stream carries: their notifications, and the
//! changes of requests they may see (so an open queue or request page
//! refreshes), filtered in memory from this server's hub.

use crate::app::service::Actor;
use crate::app::AppResult;
use crate::db::repo::events::notifications;
use crate::db::repo::grid::posts;
use crate::db::repo::units;
use crate::db::DbConn;
use crate::live::Live;
use chrono::NaiveDate;
use onestop_domain::grid::Scope;
use onestop_domain::notify::{LiveChange, UnreadCount};
use onestop_domain::{Roles, UnitId, UserId};

/// A person with an open stream, as it needs them: who they are and may see.
#[derive(Debug, Clone)]
pub struct Viewer {
    actor: Actor,
    unit_code: Option<String>,
}

/// One message of the stream: its SSE event name and JSON data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub event: &'static str,
    pub data: String,
}

/// The viewer of a stream opened now, and their unread count to start with.
pub fn open(
    c: &mut DbConn,
    id: UserId,
    roles: Roles,
    unit_id: Option<UnitId>,
    today: NaiveDate,
) -> AppResult<(Viewer, Frame)> {
    let held = posts::active_for_user(c, id, today)?;
    let scope = Scope::of(&roles, &held);
    let unit_code = match unit_id {
        Some(u) => units::by_ids(c, &[u])?.pop().map(|u| u.code),
        None => None,
    };
    let unread = UnreadCount {
        unread: notifications::unread(c, id)?,
    };
    let viewer = Viewer {
        actor: Actor {
            id,
            roles,
            unit_id,
            scope,
        },
        unit_code,
    };
    Ok((viewer, frame("ready", &unread)))
}

fn frame<T: serde::Serialize>(event: &'static str, data: &T) -> Frame {
    Frame {
        event,
        data: serde_json::to_string(data).unwrap_or_else(|_| "{}".into()),
    }
}

impl Viewer {
    /// What of `message` this viewer gets, if anything.
    pub fn frame(&self, message: &Live) -> Option<Frame> {
        match message {
            Live::Notification(to, n) if *to == self.actor.id => Some(frame("notification", &**n)),
            Live::Notification(..) => None,
            Live::Event(e) => {
                let r = e.data.request()?;
                self.actor.sees(r, self.unit_code.as_deref()).then(|| {
                    frame(
                        "change",
                        &LiveChange {
                            request_id: r.request_id,
                            state: r.state,
                            version: r.version,
                        },
                    )
                })
            }
        }
    }

    /// Told when the stream fell behind: reload what is shown.
    pub fn resync() -> Frame {
        frame("resync", &serde_json::json!({}))
    }
}

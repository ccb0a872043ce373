//! The live stream's source on this server: one reader follows the outbox
//! in commit order and hands each event — and the notifications written
//! with it — to every open stream here, which keeps what its person may see.
//!
//! It wakes when a transaction of this server commits an event, when
//! another server's commit is announced by PostgreSQL's NOTIFY (a thread
//! holds a connection that LISTENs), and every few seconds in any case, so
//! a lost announcement only delays an event, never drops it.

use crate::db::repo::events::notifications;
use crate::db::repo::events::outbox::{self, Position, CHANNEL};
use crate::db::rows::{from_db, from_json, NotificationRow};
use crate::db::{Backend, Db, DbError};
use crate::metrics::Metrics;
use onestop_domain::integration::events::WebhookEvent;
use onestop_domain::notify::NotificationView;
use onestop_domain::{EventId, UserId};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// How many messages a slow stream may fall behind before it is told to reload.
const BACKLOG: usize = 1024;
/// How many events one read takes.
const BATCH: i64 = 500;
/// How often the reader looks even when nothing woke it.
const FALLBACK: Duration = Duration::from_secs(3);

#[derive(Debug, Clone)]
pub enum Live {
    /// Something happened (a request's change, a report, …).
    Event(Arc<WebhookEvent>),
    /// A notification for one person.
    Notification(UserId, Arc<NotificationView>),
}

/// This server's open streams subscribe here.
#[derive(Clone)]
pub struct Hub {
    tx: broadcast::Sender<Live>,
}

impl Default for Hub {
    fn default() -> Self {
        Self {
            tx: broadcast::Sender::new(BACKLOG),
        }
    }
}

impl Hub {
    pub fn subscribe(&self) -> broadcast::Receiver<Live> {
        self.tx.subscribe()
    }

    fn listening(&self) -> bool {
        self.tx.receiver_count() > 0
    }

    /// How many streams are open on this server.
    pub fn streams(&self) -> usize {
        self.tx.receiver_count()
    }
}

fn notification(row: NotificationRow) -> Result<(UserId, NotificationView), DbError> {
    Ok((
        row.user_id,
        NotificationView {
            id: row.id,
            kind: row.kind,
            at: from_db(row.created_at),
            read_at: row.read_at.map(from_db),
            data: from_json(&row.data)?,
        },
    ))
}

/// Start following the outbox for `hub`, on `database_url`'s database.
pub fn spawn(db: Db, database_url: String, hub: Hub, metrics: Arc<Metrics>) {
    let remote = match db.backend {
        Backend::Postgres => listen(database_url),
        Backend::Sqlite => watch::Sender::new(0).subscribe(),
    };
    actix_web::rt::spawn(follow(db, hub, remote, metrics));
}

async fn follow(db: Db, hub: Hub, mut remote: watch::Receiver<u64>, metrics: Arc<Metrics>) {
    let mut local = db.events_committed();
    let mut at = loop {
        match db.read(|c| Ok::<_, DbError>(outbox::end(c)?)).await {
            Ok(p) => break p,
            Err(e) => {
                tracing::warn!(error = %e, "live stream cannot read the outbox; retrying");
                tokio::time::sleep(FALLBACK).await;
            }
        }
    };
    loop {
        let source = tokio::select! {
            _ = changed(&mut local) => "local",
            _ = changed(&mut remote) => "notify",
            _ = tokio::time::sleep(FALLBACK) => "timer",
        };
        metrics.woke(source);
        loop {
            match read_after(&db, at, hub.listening()).await {
                Ok((next, messages, full)) => {
                    at = next;
                    for m in messages {
                        // No stream open is not an error.
                        let _ = hub.tx.send(m);
                    }
                    if !full {
                        break;
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "live stream read failed; retrying");
                    break;
                }
            }
        }
    }
}

/// A change of `w`; a channel whose sender is gone (SQLite has no LISTEN
/// thread) never changes again, rather than answering at once forever.
async fn changed(w: &mut watch::Receiver<u64>) {
    if w.changed().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// The events after `at` and their notifications; with nobody listening,
/// only the new position. The flag says a full batch was read (read again).
async fn read_after(
    db: &Db,
    at: Position,
    listening: bool,
) -> Result<(Position, Vec<Live>, bool), DbError> {
    db.read(move |c| {
        if !listening {
            return Ok((outbox::end(c)?, Vec::new(), false));
        }
        let rows = outbox::after(c, at, false, BATCH)?;
        let full = rows.len() as i64 == BATCH;
        let next = rows.last().map_or(at, Position::of);
        let ids: Vec<EventId> = rows.iter().map(|r| r.id).collect();
        let mut by_event: std::collections::HashMap<EventId, Vec<NotificationRow>> =
            Default::default();
        for n in notifications::of_events(c, &ids)? {
            by_event.entry(n.event_id).or_default().push(n);
        }
        let mut out = Vec::new();
        for r in &rows {
            out.push(Live::Event(Arc::new(crate::app::events::feed::envelope(
                r,
            )?)));
            for n in by_event.remove(&r.id).unwrap_or_default() {
                let (user, view) = notification(n)?;
                out.push(Live::Notification(user, Arc::new(view)));
            }
        }
        Ok((next, out, full))
    })
    .await
}

/// A thread that LISTENs for other servers' events and counts them.
fn listen(url: String) -> watch::Receiver<u64> {
    let tx = watch::Sender::new(0u64);
    let rx = tx.subscribe();
    let spawned = std::thread::Builder::new()
        .name("onestop-listen".into())
        .spawn(move || loop {
            if let Err(e) = listen_once(&url, &tx) {
                tracing::warn!(error = %e, "LISTEN connection lost; reconnecting");
            }
            if tx.is_closed() {
                return;
            }
            std::thread::sleep(Duration::from_secs(2));
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the LISTEN thread; events from other servers arrive by polling");
    }
    rx
}

fn listen_once(url: &str, tx: &watch::Sender<u64>) -> Result<(), Box<dyn std::error::Error>> {
    use diesel::{Connection, RunQueryDsl};
    let mut conn = diesel::PgConnection::establish(url)?;
    diesel::sql_query(format!("LISTEN {CHANNEL}")).execute(&mut conn)?;
    // Count once at the start: events during the reconnect are read now.
    tx.send_modify(|n| *n = n.wrapping_add(1));
    loop {
        let mut heard = false;
        for n in conn.notifications_iter() {
            n?;
            heard = true;
        }
        if heard {
            tx.send_modify(|n| *n = n.wrapping_add(1));
        }
        if tx.is_closed() {
            return Ok(());
        }
        // libpq reads what has arrived without waiting; look again shortly.
        std::thread::sleep(Duration::from_millis(50));
    }
}

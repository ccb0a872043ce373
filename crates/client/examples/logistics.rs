//! A starting point for the logistics office's repair system: it signs in
//! as a service account, follows the requests changes feed (keeping its
//! place in a file, so a restart neither misses nor repeats a change), opens
//! a work order for each repair routed to logistics, and reports a finished
//! work order back (start, then resolve with what was done).
//!
//! ```sh
//! export ONESTOP_URL=http://127.0.0.1:8080 ONESTOP_CLIENT_ID=… ONESTOP_CLIENT_SECRET=oss_…
//! cargo run -p onestop-client --example logistics -- follow            # pull new repair orders
//! cargo run -p onestop-client --example logistics -- done <request-id> "已更换阀芯"
//! ```
//! The account needs the scopes `requests:read requests:write`.

use onestop_client::{Client, ClientError};
use onestop_domain::integration::events::{EventType, RequestChange};
use onestop_domain::service::wire::TransitionRequest;
use onestop_domain::service::{Action, Kind, State};
use std::time::Duration;

/// Where the feed's cursor is kept between runs.
const CURSOR_FILE: &str = "logistics.cursor";
const UNIT: &str = "logistics";

struct Service {
    anonymous: Client,
    id: String,
    secret: String,
    client: Client,
}

impl Service {
    async fn sign_in() -> Result<Self, Box<dyn std::error::Error>> {
        let env = |k: &str| std::env::var(k).map_err(|_| format!("set {k}"));
        let anonymous = Client::new(env("ONESTOP_URL")?);
        let (id, secret) = (env("ONESTOP_CLIENT_ID")?, env("ONESTOP_CLIENT_SECRET")?);
        let token = anonymous
            .token(&id, &secret, Some("requests:read requests:write"))
            .await?;
        let client = anonymous.with_token(token.access_token);
        Ok(Self {
            anonymous,
            id,
            secret,
            client,
        })
    }

    /// Service tokens last 15 minutes and have no refresh token: ask again.
    async fn renew(&mut self) -> Result<(), ClientError> {
        let token = self.anonymous.token(&self.id, &self.secret, None).await?;
        self.client = self.anonymous.with_token(token.access_token);
        Ok(())
    }
}

/// What the logistics system does with a repair routed to it.
fn open_work_order(r: &RequestChange) {
    println!(
        "work order for request {}: {} (state {}, priority {:?})",
        r.request_id,
        r.summary,
        r.state.as_str(),
        r.priority.map(|p| p.as_str())
    );
}

async fn follow(s: &mut Service) -> Result<(), Box<dyn std::error::Error>> {
    let mut cursor = std::fs::read_to_string(CURSOR_FILE).ok();
    loop {
        let page = match s.client.request_changes(cursor.as_deref(), Some(100)).await {
            Err(e) if onestop_client::is_unauthorized(&e) => {
                s.renew().await?;
                continue;
            }
            other => other?,
        };
        for event in &page.items {
            let Some(r) = event.data.request() else {
                continue;
            };
            // A repair the counsellor has just routed to logistics.
            let routed = event.event_type == EventType::RequestStateChanged
                && r.action == Some(Action::Triage)
                && r.kind == Kind::Repair
                && r.unit.as_deref() == Some(UNIT);
            if routed {
                open_work_order(r);
            }
        }
        // Kept after the page is handled: a crash before this line reads it again.
        std::fs::write(CURSOR_FILE, &page.next_cursor)?;
        cursor = Some(page.next_cursor);
        if !page.has_more {
            tokio::time::sleep(Duration::from_secs(10)).await;
        }
    }
}

/// Report a finished work order: start the request if nobody has, then resolve it.
async fn done(s: &Service, id: uuid::Uuid, note: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut r = s.client.get_request(id).await?;
    if matches!(r.state, State::Triaged | State::Assigned) {
        r = s
            .client
            .transition(id, &step(Action::Start, r.version, None))
            .await?;
    }
    // Run twice (a retry after a lost answer), it finds the request resolved already.
    if r.state == State::InProgress {
        r = s
            .client
            .transition(id, &step(Action::Resolve, r.version, Some(note)))
            .await?;
    }
    // A comment with the work order's number, safe to send twice (same key, same body).
    s.client
        .with_idempotency_key(format!("work-order-{id}"))
        .comment(id, &format!("后勤工单已完成：{note}"))
        .await?;
    println!("request {id} is now {}", r.state.as_str());
    Ok(())
}

fn step(action: Action, version: i32, note: Option<&str>) -> TransitionRequest {
    TransitionRequest {
        action,
        version,
        note: note.map(str::to_owned),
        priority: None,
        unit: None,
        assignee: None,
        reason: None,
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut s = Service::sign_in().await?;
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["follow"] => follow(&mut s).await,
        ["done", id, note] => done(&s, id.parse()?, note).await,
        _ => Err("usage: logistics follow | logistics done <request-id> <note>".into()),
    }
}

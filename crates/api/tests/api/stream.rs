//! The live stream: a person's notifications and the changes of requests
//! they see arrive as Server-Sent Events, from this server or another one.

use crate::helpers::{problem, Backend, TestApp};
use crate::service_flow::{leak, triage};
use onestop_client::Client;
use onestop_domain::notify::{LiveChange, NotificationKind, NotificationView, UnreadCount};
use onestop_domain::service::{Priority, State};
use std::time::Duration;

both_backends!(
    a_stream_brings_notifications_and_the_changes_one_may_see,
    tickets_open_the_stream_and_nothing_else,
);

/// An open stream, read a message at a time.
pub struct Sse {
    res: reqwest::Response,
    buf: String,
}

impl Sse {
    pub async fn open(app: &TestApp, client: &Client) -> Sse {
        let ticket = client.stream_ticket().await.unwrap();
        let res = app
            .http
            .get(client.stream_url(&ticket.ticket))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
        assert_eq!(ct, "text/event-stream");
        assert!(res
            .headers()
            .get("content-encoding")
            .is_none_or(|v| v == "identity"));
        Sse {
            res,
            buf: String::new(),
        }
    }

    /// The next message (event name and data), skipping comment lines.
    pub async fn next(&mut self) -> (String, String) {
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut event = String::from("message");
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(e) = line.strip_prefix("event: ") {
                        event = e.to_owned();
                    } else if let Some(d) = line.strip_prefix("data: ") {
                        data.push_str(d);
                    }
                }
                if !data.is_empty() {
                    return (event, data);
                }
                continue;
            }
            let chunk = actix_web::rt::time::timeout(Duration::from_secs(15), self.res.chunk())
                .await
                .expect("a message within 15 s")
                .unwrap()
                .expect("the stream is still open");
            self.buf.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }

    /// Messages until one named `event`; returns its data.
    pub async fn until(&mut self, event: &str) -> String {
        loop {
            let (e, data) = self.next().await;
            if e == event {
                return data;
            }
        }
    }
}

async fn a_stream_brings_notifications_and_the_changes_one_may_see(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let c1 = app.login("counsellor1").await;
    let c2 = app.login("counsellor2").await;
    let req = leak(&s1).await;

    let mut student = Sse::open(&app, &s1).await;
    let mut counsellor = Sse::open(&app, &c1).await;
    let mut other = Sse::open(&app, &c2).await;
    for s in [&mut student, &mut counsellor, &mut other] {
        let (event, data) = s.next().await;
        assert_eq!(event, "ready");
        let _: UnreadCount = serde_json::from_str(&data).unwrap();
    }

    c1.transition(req.id, &triage(req.version, Priority::High, "logistics"))
        .await
        .unwrap();
    let told: NotificationView =
        serde_json::from_str(&student.until("notification").await).unwrap();
    assert_eq!(told.kind, NotificationKind::RequestStateChanged);
    assert_eq!(told.data.request.unwrap().state, State::Triaged);
    // The request's creation may still be on its way when the stream opened
    // (the reader reads only what every transaction before it has settled).
    let change = loop {
        let change: LiveChange = serde_json::from_str(&counsellor.until("change").await).unwrap();
        if change.state != State::Submitted {
            break change;
        }
    };
    assert_eq!((change.request_id, change.state), (req.id, State::Triaged));

    // counsellor2 sees only Z1: student2's request is news to them, student1's was not.
    let s2 = app.login("student2").await;
    let theirs = leak(&s2).await;
    let change: LiveChange = serde_json::from_str(&other.until("change").await).unwrap();
    assert_eq!(change.request_id, theirs.id, "the first change it hears of");
}

async fn tickets_open_the_stream_and_nothing_else(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let ticket = s1.stream_ticket().await.unwrap();
    assert_eq!(ticket.expires_in, 60);
    // A ticket is no access token.
    let res = app
        .http
        .get(app.url("/api/v1/me"))
        .bearer_auth(&ticket.ticket)
        .send()
        .await
        .unwrap();
    problem(res, 401, "invalid_token").await;
    // An access token opens the stream too (for systems that can send headers).
    let res = app
        .http
        .get(app.url("/api/v1/me/stream"))
        .bearer_auth(app.token("student1").await)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    drop(res);
    // A minute later the ticket opens nothing.
    app.clock.advance(chrono::Duration::seconds(61));
    let res = app
        .http
        .get(s1.stream_url(&ticket.ticket))
        .send()
        .await
        .unwrap();
    problem(res, 401, "token_expired").await;
    let res = app
        .http
        .get(app.url("/api/v1/me/stream?ticket=forged"))
        .send()
        .await
        .unwrap();
    problem(res, 401, "invalid_token").await;
}

/// Several servers on one PostgreSQL: a change made through one reaches a
/// stream open on another (LISTEN/NOTIFY), and each webhook is sent once.
#[actix_web::test]
async fn postgres_events_cross_servers() {
    let a = TestApp::spawn(Backend::Postgres).await;
    let b = TestApp::on(Backend::Postgres).beside(&a).spawn().await;
    let s1_on_b = b.login("student1").await;
    let mut stream = Sse::open(&b, &s1_on_b).await;
    assert_eq!(stream.next().await.0, "ready");
    let heard = |app: &TestApp| {
        app.state
            .metrics
            .live_wakeups
            .get_or_create(&onestop_api::metrics::SourceLabels { source: "notify" })
            .get()
    };
    let before = heard(&b);
    let s1 = a.login("student1").await;
    let c1 = a.login("counsellor1").await;
    let req = leak(&s1).await;
    c1.transition(req.id, &triage(req.version, Priority::High, "logistics"))
        .await
        .unwrap();
    let told: NotificationView = serde_json::from_str(&stream.until("notification").await).unwrap();
    assert_eq!(told.data.request.unwrap().id, req.id);
    assert!(heard(&b) > before, "B heard of A's events by NOTIFY");
}

//! The requests changes feed: a poller reads every change once, in commit
//! order, sees only what it may, and is told when it fell too far behind.

use crate::helpers::{call, problem, Backend, TestApp};
use crate::service_flow::{leak, triage};
use onestop_api::clock::Clock;
use onestop_client::Client;
use onestop_domain::integration::events::{EventType, WebhookEvent};
use onestop_domain::service::Priority;
use reqwest::Method;

both_backends!(
    each_change_is_read_once_in_order,
    the_feed_shows_only_what_the_reader_may_see,
    cursors_that_name_nothing_or_fell_behind_are_refused,
);

/// Read the feed to its end from `cursor`: what came, and where to go on.
async fn drain(c: &Client, mut cursor: Option<String>) -> (Vec<WebhookEvent>, String) {
    let mut all = Vec::new();
    loop {
        let page = c
            .request_changes(cursor.as_deref(), Some(200))
            .await
            .unwrap();
        all.extend(page.items);
        cursor = Some(page.next_cursor);
        if !page.has_more {
            return (all, cursor.unwrap_or_default());
        }
    }
}

/// Poll the feed from `cursor` until `n` changes have come, as a poller
/// would: on PostgreSQL a change shows once every older transaction of the
/// cluster has ended, and the other tests' transactions count too.
async fn poll(c: &Client, cursor: String, n: usize) -> (Vec<WebhookEvent>, String) {
    let (mut all, mut at) = (Vec::new(), cursor);
    for _ in 0..100 {
        let (more, next) = drain(c, Some(at)).await;
        all.extend(more);
        at = next;
        if all.len() >= n {
            return (all, at);
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{} changes came, not {n}: {all:?}", all.len());
}

async fn each_change_is_read_once_in_order(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let (before, cursor) = drain(&admin, None).await;
    let mut seen: Vec<_> = before.iter().map(|e| e.id).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), before.len(), "no change twice");
    assert!(before.iter().all(|e| e.event_type.is_request()));

    let s1 = app.login("student1").await;
    let c1 = app.login("counsellor1").await;
    let req = leak(&s1).await;
    c1.transition(req.id, &triage(req.version, Priority::High, "logistics"))
        .await
        .unwrap();
    c1.comment(req.id, "已联系后勤").await.unwrap();
    let (new, next) = poll(&admin, cursor.clone(), 3).await;
    let kinds: Vec<_> = new.iter().map(|e| e.event_type).collect();
    assert_eq!(
        kinds,
        [
            EventType::RequestCreated,
            EventType::RequestStateChanged,
            EventType::RequestCommented
        ]
    );
    assert!(new
        .iter()
        .all(|e| e.data.request().is_some_and(|r| r.request_id == req.id)));
    let versions: Vec<_> = new
        .iter()
        .map(|e| e.data.request().unwrap().version)
        .collect();
    assert_eq!(versions, [1, 2, 2]);
    // Nothing more, and the cursor stays where it was.
    let page = admin.request_changes(Some(&next), None).await.unwrap();
    assert!(page.items.is_empty() && !page.has_more);
    assert_eq!(page.next_cursor, next);
    // Small pages give the same changes.
    let mut cursor = Some(cursor);
    let mut paged = Vec::new();
    loop {
        let page = admin
            .request_changes(cursor.as_deref(), Some(1))
            .await
            .unwrap();
        paged.extend(page.items.into_iter().map(|e| e.id));
        cursor = Some(page.next_cursor);
        if !page.has_more {
            break;
        }
    }
    assert_eq!(paged, new.iter().map(|e| e.id).collect::<Vec<_>>());
}

async fn the_feed_shows_only_what_the_reader_may_see(b: Backend) {
    let app = TestApp::spawn(b).await;
    let c2 = app.login("counsellor2").await;
    let s2 = app.login("student2").await;
    let (_, from) = drain(&c2, None).await;
    let s1 = app.login("student1").await;
    let mine = leak(&s1).await;
    let theirs = leak(&s2).await;
    let (seen, _) = poll(&c2, from.clone(), 1).await;
    let ids: Vec<_> = seen
        .iter()
        .map(|e| e.data.request().unwrap().request_id)
        .collect();
    assert_eq!(ids, [theirs.id], "counsellor2 sees Z1 only");
    let (own, _) = poll(&s1, from, 1).await;
    let ids: Vec<_> = own
        .iter()
        .map(|e| e.data.request().unwrap().request_id)
        .collect();
    assert_eq!(ids, [mine.id], "a student sees their own");
}

async fn cursors_that_name_nothing_or_fell_behind_are_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let token = app.token("admin").await;
    let admin = app.login("admin").await;
    // Base64url of "nonsense": fits the document, names no position.
    let (status, body) = call(
        &app,
        &token,
        Method::GET,
        "/api/v1/requests/changes?cursor=bm9uc2Vuc2U",
        None,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (_, old) = drain(&admin, None).await;
    leak(&app.login("student1").await).await;
    // Thirty days on, the old changes are purged: a cursor before them is gone.
    app.clock.advance(chrono::Duration::days(31));
    let now = app.clock.now();
    let purged = app
        .state
        .db
        .write::<_, onestop_api::db::DbError, _>(move |c| {
            Ok(onestop_api::db::repo::events::outbox::purge_before(
                c,
                now - chrono::Duration::days(30),
            )?)
        })
        .await
        .unwrap();
    assert!(purged > 0);
    let admin = app.login("admin").await;
    let res = app
        .http
        .get(app.url(&format!("/api/v1/requests/changes?cursor={old}")))
        .bearer_auth(app.token("admin").await)
        .send()
        .await
        .unwrap();
    problem(res, 410, "cursor_expired").await;
    // Without a cursor the feed starts again from what is kept.
    assert!(admin.request_changes(None, None).await.is_ok());
}

/// On PostgreSQL two transactions can commit in the other order than they
/// wrote: one that began first and writes its event last must still be
/// read, after the one that committed before it.
#[actix_web::test]
async fn postgres_a_change_committed_late_is_not_skipped() {
    use diesel::{Connection, PgConnection, RunQueryDsl};
    let app = TestApp::spawn(Backend::Postgres).await;
    let admin = app.login("admin").await;
    let s1 = app.login("student1").await;
    let (_, start) = drain(&admin, None).await;
    let first = leak(&s1).await;
    let (seen, cursor) = poll(&admin, start, 1).await;
    let template = seen.last().unwrap().clone();
    assert_eq!(template.data.request().unwrap().request_id, first.id);

    // A slow transaction takes its transaction id now and writes later.
    let mut slow = PgConnection::establish(&app.database_url).unwrap();
    diesel::sql_query("BEGIN").execute(&mut slow).unwrap();
    diesel::sql_query("SELECT pg_current_xact_id()")
        .execute(&mut slow)
        .unwrap();
    // Meanwhile a request is made and committed.
    let second = leak(&app.login("student2").await).await;
    // Not yet: an older transaction is still running and may write before it.
    let page = admin.request_changes(Some(&cursor), None).await.unwrap();
    assert!(page.items.is_empty(), "{:?}", page.items);
    assert_eq!(page.next_cursor, cursor);
    // The slow one writes its event and commits.
    let slow_id = onestop_domain::EventId::new();
    let payload = serde_json::to_string(&template.data).unwrap();
    diesel::sql_query(format!(
        "INSERT INTO outbox_events (id, event_type, request_id, payload, at) \
         VALUES ('{slow_id}', 'request.commented', '{}', '{}', now())",
        first.id,
        payload.replace('\'', "''")
    ))
    .execute(&mut slow)
    .unwrap();
    diesel::sql_query("COMMIT").execute(&mut slow).unwrap();

    let (after, _) = poll(&admin, cursor, 2).await;
    let ids: Vec<_> = after.iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), 2, "{after:?}");
    assert_eq!(ids[0], slow_id, "the slow transaction's event comes first");
    assert_eq!(after[1].data.request().unwrap().request_id, second.id);
}

//! Limits that keep one person from flooding the hall: open requests per
//! student (configurable), one length for every note and comment, and a cap
//! on comments per request.

use crate::helpers::{refused, Backend, TestApp};
use crate::service_flow::{leak, leak_as, step, triage};
use futures_util::future::join_all;
use onestop_domain::service::notes::{COMMENTS_PER_REQUEST, NOTE_MAX_CHARS};
use onestop_domain::service::wire::TransitionRequest;
use onestop_domain::service::{Action, Priority};

both_backends!(
    a_student_has_at_most_the_configured_open_requests,
    notes_and_comments_share_one_length_and_comments_a_cap,
);

async fn a_student_has_at_most_the_configured_open_requests(b: Backend) {
    let app = TestApp::on(b)
        .env("ONESTOP_MAX_OPEN_REQUESTS", "3")
        .spawn()
        .await;
    let s1 = app.login("student1").await;
    // Five at once: three are taken, two are told why.
    let results = join_all((0..5).map(|_| leak_as(&s1))).await;
    let (created, rest): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    assert_eq!((created.len(), rest.len()), (3, 2));
    for r in rest {
        refused(r, 409, "too_many_open_requests");
    }
    // Someone else is not affected; cancelling one makes room.
    leak(&app.login("student2").await).await;
    let first = created.into_iter().next().unwrap().unwrap();
    s1.transition(first.id, &step(Action::Cancel, 1))
        .await
        .unwrap();
    leak_as(&s1).await.unwrap();
}

async fn notes_and_comments_share_one_length_and_comments_a_cap(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let c1 = app.login("counsellor1").await;
    let id = leak(&s1).await.id;
    let too_long = "字".repeat(NOTE_MAX_CHARS + 1);
    let longest = "字".repeat(NOTE_MAX_CHARS);
    let field = |p: onestop_domain::problem::Problem| p.errors[0].field.clone();
    let p = refused(s1.comment(id, &too_long).await, 400, "validation");
    assert_eq!(field(p), "text");
    // A transition's optional note has the same limit (it had none).
    let noted = TransitionRequest {
        note: Some(too_long.clone()),
        ..triage(1, Priority::Normal, "logistics")
    };
    let p = refused(c1.transition(id, &noted).await, 400, "validation");
    assert_eq!(field(p), "note");
    let rejected = TransitionRequest {
        reason: Some(too_long.clone()),
        ..step(Action::Reject, 1)
    };
    let p = refused(c1.transition(id, &rejected).await, 400, "validation");
    assert_eq!(field(p), "reason");

    // Comments up to the cap, then a clear 409.
    s1.comment(id, &longest).await.unwrap();
    for i in 1..COMMENTS_PER_REQUEST {
        s1.comment(id, &format!("补充说明 {i}"))
            .await
            .unwrap_or_else(|e| panic!("comment {i}: {e}"));
    }
    refused(c1.comment(id, "one more").await, 409, "too_many_comments");
}

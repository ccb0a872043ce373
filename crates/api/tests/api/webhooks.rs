//! Webhooks: events written with the change reach a receiver signed, are
//! retried with backoff until accepted, survive a server that dies before
//! sending, are claimed once by several servers, and never go inside.

use crate::helpers::{refused, Backend, TestApp};
use crate::receiver::Receiver;
use crate::service_flow::{leak, step, triage};
use chrono::Duration;
use onestop_api::app::events::webhooks::deliver;
use onestop_api::clock::Clock;
use onestop_api::db::DbError;
use onestop_client::{Client, DeliveryQuery};
use onestop_domain::integration::events::{EventData, EventType};
use onestop_domain::integration::subscriptions::{
    CreateSubscriptionRequest, IssuedSubscription, UpdateSubscriptionRequest,
};
use onestop_domain::integration::webhooks::DeliveryState;
use onestop_domain::service::{Action, Priority, State};
use std::collections::HashMap;

both_backends!(
    a_receiver_that_fails_twice_gets_the_event_on_the_third_try,
    nothing_is_lost_when_a_server_stops_between_commit_and_delivery,
    a_delivery_held_by_a_server_that_died_is_sent_once_its_lease_runs_out,
    internal_addresses_are_refused,
    paused_subscriptions_get_nothing_and_finished_deliveries_can_be_sent_again,
    retries_stop_after_a_day,
);

/// Loopback is internal: the tests' receivers need it allowed.
const LOOPBACK: &str = "127.0.0.1/32";

async fn subscribe(admin: &Client, url: &str, types: &[EventType]) -> IssuedSubscription {
    admin
        .create_webhook(&CreateSubscriptionRequest {
            name: "后勤报修系统".into(),
            url: url.into(),
            event_types: types.to_vec(),
        })
        .await
        .unwrap()
}

async fn receiving(app: &TestApp, types: &[EventType]) -> (Receiver, IssuedSubscription) {
    let receiver = Receiver::start().await;
    let sub = subscribe(&app.login("admin").await, &receiver.url, types).await;
    receiver.expect_secret(&sub.secret);
    (receiver, sub)
}

async fn a_receiver_that_fails_twice_gets_the_event_on_the_third_try(b: Backend) {
    let app = TestApp::on(b)
        .env("ONESTOP_WEBHOOK_ALLOW_NETWORKS", LOOPBACK)
        .spawn()
        .await;
    let (receiver, sub) = receiving(&app, &[EventType::RequestCreated]).await;
    assert!(sub.secret.starts_with("whsec_"));
    receiver.answer(&[500, 503]);
    let s1 = app.login("student1").await;
    let req = leak(&s1).await;

    assert_eq!(app.deliver_webhooks().await, 1, "sent at once");
    assert_eq!(
        app.deliver_webhooks().await,
        0,
        "not again before its wait is over"
    );
    app.clock.advance(Duration::seconds(10));
    assert_eq!(
        app.deliver_webhooks().await,
        1,
        "second try after about 5 s"
    );
    app.clock.advance(Duration::seconds(7));
    assert_eq!(
        app.deliver_webhooks().await,
        0,
        "the third waits about 10 s"
    );
    app.clock.advance(Duration::seconds(6));
    assert_eq!(app.deliver_webhooks().await, 1);
    assert_eq!(
        app.deliver_webhooks().await,
        0,
        "delivered: nothing more to send"
    );

    let got = receiver.received();
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|r| r.signature_ok), "{got:?}");
    assert!(
        got.iter().all(|r| r.id == got[0].id),
        "one webhook-id for every try"
    );
    assert!(
        got[1].timestamp - got[0].timestamp >= 10,
        "each try is stamped when sent"
    );
    let event = &got[0].event;
    assert_eq!(event.id.to_string(), got[0].id);
    // The verifier other systems use agrees, and refuses a replay later on.
    let verifier = onestop_client::WebhookVerifier::new(&sub.secret).unwrap();
    let last = &got[2];
    let ts = last.timestamp.to_string();
    let checked = verifier
        .verify_at(&last.id, &ts, &last.signature, &last.body, app.clock.now())
        .unwrap();
    assert_eq!(checked.id, event.id);
    let replay = app.clock.now() + Duration::minutes(10);
    assert!(verifier
        .verify_at(&last.id, &ts, &last.signature, &last.body, replay)
        .is_err());
    assert_eq!(event.event_type, EventType::RequestCreated);
    match &event.data {
        EventData::Request(r) => {
            assert_eq!(r.request_id, req.id);
            assert_eq!(r.state, State::Submitted);
            assert_eq!(r.summary, req.summary);
        }
        other => panic!("{other:?}"),
    }

    let admin = app.login("admin").await;
    let log = admin
        .list_deliveries(sub.subscription.id, &DeliveryQuery::default())
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);
    let d = admin
        .get_delivery(sub.subscription.id, log.items[0].id)
        .await
        .unwrap();
    assert_eq!(d.state, DeliveryState::Delivered);
    assert_eq!(d.attempts, 3);
    assert_eq!(d.last_status, Some(204));
    let statuses: Vec<_> = d.log.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(503), Some(204)]);
    assert!(d.log[0].error.as_deref().is_some_and(|e| e.contains("500")));
    let view = admin.get_webhook(sub.subscription.id).await.unwrap();
    assert_eq!((view.pending, view.failed), (0, 0));
    assert!(view.last_delivered_at.is_some());
    assert_eq!(view.secret_hint, sub.secret[sub.secret.len() - 4..]);
}

async fn nothing_is_lost_when_a_server_stops_between_commit_and_delivery(b: Backend) {
    // This server commits the events and never sends them, as one that died
    // at that moment.
    let app = TestApp::on(b)
        .env("ONESTOP_WEBHOOK_ALLOW_NETWORKS", LOOPBACK)
        .spawn()
        .await;
    let types = [EventType::RequestCreated, EventType::RequestStateChanged];
    let (receiver, _) = receiving(&app, &types).await;
    assert!(types.is_sorted());
    let s1 = app.login("student1").await;
    let c1 = app.login("counsellor1").await;
    let req = leak(&s1).await;
    c1.transition(req.id, &triage(req.version, Priority::High, "logistics"))
        .await
        .unwrap();
    assert!(receiver.received().is_empty());

    // Another server on the same database, with its worker running, sends them.
    let next = TestApp::on(b)
        .beside(&app)
        .env("ONESTOP_WEBHOOK_ALLOW_NETWORKS", LOOPBACK)
        .env("ONESTOP_WEBHOOK_DELIVERY", "on")
        .spawn()
        .await;
    let got = wait_for(&receiver, 2).await;
    // Sent side by side, so they may arrive in either order; `version` tells.
    let mut kinds: Vec<_> = got.iter().map(|r| r.event.event_type).collect();
    kinds.sort();
    assert_eq!(kinds, types);
    assert!(got.iter().all(|r| r.signature_ok));
    drop(next);
}

async fn a_delivery_held_by_a_server_that_died_is_sent_once_its_lease_runs_out(b: Backend) {
    let app = TestApp::on(b)
        .env("ONESTOP_WEBHOOK_ALLOW_NETWORKS", LOOPBACK)
        .spawn()
        .await;
    let (receiver, _) = receiving(&app, &[EventType::RequestCreated]).await;
    leak(&app.login("student1").await).await;
    // A server claims the delivery and dies before it can send or record it.
    let now = app.clock.now();
    let claimed = app
        .state
        .db
        .write::<_, DbError, _>(move |c| Ok(deliver::claim(c, now)?))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(app.deliver_webhooks().await, 0, "held by the claim");
    app.clock.advance(Duration::minutes(2));
    assert_eq!(app.deliver_webhooks().await, 1, "the lease ran out");
    assert_eq!(receiver.received().len(), 1);
    // The dead server's late record would not count: the newer claim holds it.
    let answer = Ok(204);
    let now = app.clock.now();
    let late = app
        .state
        .db
        .write::<_, DbError, _>(move |c| Ok(deliver::record(c, &claimed[0], &answer, 5, now)?))
        .await
        .unwrap();
    assert!(late.is_none());
}

async fn wait_for(receiver: &Receiver, n: usize) -> Vec<crate::receiver::Received> {
    for _ in 0..200 {
        let got = receiver.received();
        if got.len() >= n {
            return got;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the receiver got {:?}", receiver.received());
}

async fn internal_addresses_are_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    for url in [
        "http://127.0.0.1:9/x",
        "http://localhost:8080/",
        "http://10.1.2.3/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "http://[fd00::1]/",
    ] {
        let r = admin
            .create_webhook(&CreateSubscriptionRequest {
                name: "内网".into(),
                url: url.into(),
                event_types: vec![EventType::RequestCreated],
            })
            .await;
        let p = refused(r, 422, "validation");
        assert_eq!(p.errors[0].code, "internal_address", "{url}");
    }
    for url in ["ftp://example.edu/", "https://user:pw@example.edu/"] {
        let r = admin
            .create_webhook(&CreateSubscriptionRequest {
                name: "坏地址".into(),
                url: url.into(),
                event_types: vec![EventType::RequestCreated],
            })
            .await;
        let p = refused(r, 422, "validation");
        assert_eq!(p.errors[0].code, "bad_url", "{url}");
    }
    assert!(admin.list_webhooks().await.unwrap().is_empty());
    // Only administrators (and systems holding the scope) manage them.
    let c1 = app.login("counsellor1").await;
    refused(c1.list_webhooks().await, 403, "forbidden");
}

async fn paused_subscriptions_get_nothing_and_finished_deliveries_can_be_sent_again(b: Backend) {
    let app = TestApp::on(b)
        .env("ONESTOP_WEBHOOK_ALLOW_NETWORKS", LOOPBACK)
        .spawn()
        .await;
    let types = [EventType::RequestStateChanged];
    let (receiver, sub) = receiving(&app, &types).await;
    let admin = app.login("admin").await;
    let s1 = app.login("student1").await;
    let id = sub.subscription.id;

    // request.created is not among its types: nothing for it.
    let req = leak(&s1).await;
    let cancelled = s1
        .transition(req.id, &step(Action::Cancel, req.version))
        .await
        .unwrap();
    assert_eq!(app.deliver_webhooks().await, 1);
    let first = &receiver.received()[0];
    assert_eq!(first.event.event_type, EventType::RequestStateChanged);
    match &first.event.data {
        EventData::Request(r) => {
            assert_eq!(r.action, Some(Action::Cancel));
            assert_eq!(r.from_state, Some(State::Submitted));
            assert_eq!(r.version, cancelled.version);
        }
        other => panic!("{other:?}"),
    }

    // A delivered one is sent again on request, under the same webhook-id.
    let log = admin
        .list_deliveries(id, &DeliveryQuery::default())
        .await
        .unwrap();
    let d = log.items[0].id;
    let again = admin.redeliver(id, d).await.unwrap();
    assert_eq!(again.state, DeliveryState::Pending);
    refused(admin.redeliver(id, d).await, 409, "delivery_underway");
    assert_eq!(app.deliver_webhooks().await, 1);
    let got = receiver.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].id, got[1].id);

    // Paused: new events make no deliveries.
    let paused = admin
        .update_webhook(
            id,
            &UpdateSubscriptionRequest {
                active: Some(false),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(!paused.active);
    let req = leak(&s1).await;
    s1.transition(req.id, &step(Action::Cancel, req.version))
        .await
        .unwrap();
    assert_eq!(app.deliver_webhooks().await, 0);
    let log = admin
        .list_deliveries(id, &DeliveryQuery::default())
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);

    // A new secret signs from now on; the receiver that has the old one refuses.
    let rotated = admin.rotate_webhook_secret(id).await.unwrap();
    assert_ne!(rotated.secret, sub.secret);
    admin
        .update_webhook(
            id,
            &UpdateSubscriptionRequest {
                active: Some(true),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let req = leak(&s1).await;
    s1.transition(req.id, &step(Action::Cancel, req.version))
        .await
        .unwrap();
    assert_eq!(app.deliver_webhooks().await, 1);
    let last = receiver.received().pop().unwrap();
    assert!(!last.signature_ok, "signed with the new secret");
    receiver.expect_secret(&rotated.secret);
    let log = admin
        .list_deliveries(id, &DeliveryQuery::default())
        .await
        .unwrap();
    admin.redeliver(id, log.items[0].id).await.unwrap();
    app.deliver_webhooks().await;
    assert!(receiver.received().pop().unwrap().signature_ok);
}

async fn retries_stop_after_a_day(b: Backend) {
    let app = TestApp::on(b)
        .env("ONESTOP_WEBHOOK_ALLOW_NETWORKS", LOOPBACK)
        .spawn()
        .await;
    let (receiver, sub) = receiving(&app, &[EventType::RequestCreated]).await;
    receiver.answer(&[500; 100]);
    leak(&app.login("student1").await).await;
    let mut tries = 0;
    for _ in 0..100 {
        tries += app.deliver_webhooks().await;
        app.clock
            .advance(Duration::hours(2) + Duration::minutes(30));
    }
    let admin = app.login("admin").await;
    let log = admin
        .list_deliveries(sub.subscription.id, &DeliveryQuery::default())
        .await
        .unwrap();
    let d = &log.items[0];
    assert_eq!(d.state, DeliveryState::Failed);
    assert_eq!(d.next_attempt_at, None);
    assert_eq!(d.attempts as usize, tries);
    assert!((8..=25).contains(&tries), "{tries} tries");
    let view = admin.get_webhook(sub.subscription.id).await.unwrap();
    assert_eq!((view.pending, view.failed), (0, 1));
    let by_id: HashMap<_, _> = receiver
        .received()
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    assert_eq!(by_id.len(), 1);
}

/// Two servers on one PostgreSQL, both sending: each delivery is claimed by
/// one of them (`FOR UPDATE SKIP LOCKED`), so the receiver gets each event once.
#[actix_web::test]
async fn postgres_two_servers_send_each_delivery_once() {
    let a = TestApp::on(Backend::Postgres)
        .env("ONESTOP_WEBHOOK_ALLOW_NETWORKS", LOOPBACK)
        .env("ONESTOP_WEBHOOK_DELIVERY", "on")
        .spawn()
        .await;
    let b = TestApp::on(Backend::Postgres)
        .beside(&a)
        .env("ONESTOP_WEBHOOK_ALLOW_NETWORKS", LOOPBACK)
        .env("ONESTOP_WEBHOOK_DELIVERY", "on")
        .spawn()
        .await;
    let (receiver, _) = receiving(&a, &[EventType::RequestCreated]).await;
    let (on_a, on_b) = (a.login("student1").await, b.login("student2").await);
    for _ in 0..8 {
        leak(&on_a).await;
        leak(&on_b).await;
    }
    let got = wait_for(&receiver, 16).await;
    // Give a second sender the time to send anything twice.
    actix_web::rt::time::sleep(std::time::Duration::from_millis(1500)).await;
    let got_now = receiver.received();
    assert_eq!(got_now.len(), 16, "{} deliveries", got_now.len());
    let mut ids: Vec<_> = got.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 16);
}

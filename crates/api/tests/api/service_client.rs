//! The service hall through the typed client: the contract the web app and
//! other campus systems compile against.

use crate::helpers::{Backend, TestApp};

both_backends!(the_typed_client_speaks_the_contract);

async fn the_typed_client_speaks_the_contract(b: Backend) {
    use onestop_client::RequestQuery;
    use onestop_domain::service::forms::{RepairCategory, RepairForm};
    use onestop_domain::service::wire::TransitionRequest;
    use onestop_domain::service::{Action, Form, Kind, Priority, State};
    let app = TestApp::spawn(b).await;
    let student = app.login("student1").await;
    let counsellor = app.login("counsellor1").await;
    let home = student.my_residence().await.unwrap();
    assert_eq!(home.room.name, "101");
    let form = Form::Repair(RepairForm {
        category: RepairCategory::Network,
        description: "网口没信号".into(),
        place_id: None,
        preferred_time: None,
    });
    let created = student
        .submit_request(&form, Some("client-1"))
        .await
        .unwrap();
    let again = student
        .submit_request(&form, Some("client-1"))
        .await
        .unwrap();
    assert_eq!(created.id, again.id);
    let queue = counsellor
        .list_requests(&RequestQuery {
            kind: Some(Kind::Repair),
            state: Some(State::Submitted),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        queue.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [created.id]
    );
    // Submitted within the last day, yes; before it, no (the queue's age filter).
    let now = onestop_api::clock::Clock::now(&app.clock);
    let window = |from, to| RequestQuery {
        kind: Some(Kind::Repair),
        state: Some(State::Submitted),
        created_from: from,
        created_to: to,
        ..Default::default()
    };
    let recent = counsellor
        .list_requests(&window(Some(now - chrono::Duration::days(1)), None))
        .await
        .unwrap();
    assert_eq!(recent.items.len(), 1);
    let older = counsellor
        .list_requests(&window(None, Some(now - chrono::Duration::days(1))))
        .await
        .unwrap();
    assert!(older.items.is_empty());
    let t = TransitionRequest {
        action: Action::Triage,
        version: created.version,
        note: None,
        priority: Some(Priority::High),
        unit: Some("logistics".into()),
        assignee: None,
        reason: None,
    };
    let triaged = counsellor.transition(created.id, &t).await.unwrap();
    assert_eq!(
        (triaged.state, triaged.unit.unwrap().code.as_str()),
        (State::Triaged, "logistics")
    );
    let e = counsellor.transition(created.id, &t).await.unwrap_err();
    assert_eq!(e.problem().unwrap().code, "stale_version");
    let counts = counsellor
        .count_requests(&RequestQuery::default())
        .await
        .unwrap();
    assert!(counts
        .iter()
        .any(|c| c.state == State::Triaged && c.count == 1));
    counsellor
        .comment(created.id, "已联系网络中心")
        .await
        .unwrap();
    let timeline = student.timeline(created.id).await.unwrap();
    assert_eq!(timeline.len(), 3);
    let chain = counsellor.responsible(home.room.id).await.unwrap();
    assert_eq!(chain.len(), 4);
}

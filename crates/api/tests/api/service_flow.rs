//! The lifecycle through the API: every role's steps, deadlines and
//! escalation on a controllable clock, and what completing a request does.

use crate::helpers::{refused, Backend, TestApp};
use onestop_client::{Client, NodeQuery, ResidencyQuery};
use onestop_domain::grid::wire::CheckOutRequest;
use onestop_domain::grid::{Gender, Level};
use onestop_domain::service::forms::{
    CheckInForm, DocumentKind, RepairCategory, RepairForm, Seal, StampForm,
};
use onestop_domain::service::wire::{EventKind, RateRequest, RequestView, TransitionRequest};
use onestop_domain::service::{Action, Form, Priority, State};
use onestop_domain::user::CreateUserRequest;
use onestop_domain::{Role, UserId};

both_backends!(
    a_repair_goes_from_student_to_handler_and_back,
    each_step_is_allowed_only_to_its_roles_and_states,
    resolving_a_check_in_changes_residency,
    stamps_get_a_pickup_code_and_low_ratings_reopen,
);

/// One step of the lifecycle at `version`, with nothing else said.
pub fn step(action: Action, version: i32) -> TransitionRequest {
    TransitionRequest {
        action,
        version,
        note: None,
        priority: None,
        unit: None,
        assignee: None,
        reason: None,
    }
}

pub fn triage(version: i32, priority: Priority, unit: &str) -> TransitionRequest {
    TransitionRequest {
        priority: Some(priority),
        unit: Some(unit.into()),
        ..step(Action::Triage, version)
    }
}

pub fn assign(version: i32, to: UserId) -> TransitionRequest {
    TransitionRequest {
        assignee: Some(to),
        ..step(Action::Assign, version)
    }
}

pub fn noted(action: Action, version: i32, note: &str) -> TransitionRequest {
    TransitionRequest {
        note: Some(note.into()),
        ..step(action, version)
    }
}

/// A water leak in the student's own room.
pub async fn leak(student: &Client) -> RequestView {
    leak_as(student).await.unwrap()
}

/// The same leak, submitted by whoever `client` is (staff are refused).
pub async fn leak_as(client: &Client) -> onestop_client::Result<RequestView> {
    let form = Form::Repair(RepairForm {
        category: RepairCategory::Water,
        description: "卫生间水龙头漏水".into(),
        place_id: None,
        preferred_time: None,
    });
    client.submit_request(&form, None).await
}

/// A handler account of `unit`, signed in.
async fn handler_of(app: &TestApp, unit: &str, username: &str, name: &str) -> (Client, UserId) {
    let created = app
        .login("admin")
        .await
        .create_user(&CreateUserRequest {
            username: username.into(),
            display_name: name.into(),
            password: format!("{username}-pass"),
            roles: vec![Role::Handler],
            unit: Some(unit.into()),
            student_no: None,
            gender: None,
        })
        .await
        .unwrap();
    let tokens = app
        .client()
        .login(username, &format!("{username}-pass"))
        .await
        .unwrap();
    (app.client().with_token(tokens.access_token), created.id)
}

async fn a_repair_goes_from_student_to_handler_and_back(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let c1 = app.login("counsellor1").await;
    let h1 = app.login("handler1").await;
    let req = leak(&s1).await;
    let handler = h1.me().await.unwrap().id;
    // Who acts, the step at the version they read (and the handler's id), and the state after.
    type Step<'a> = (&'a Client, fn(i32, UserId) -> TransitionRequest, State);
    let steps: [Step; 7] = [
        (
            &c1,
            |v, _| TransitionRequest {
                note: Some("尽快处理".into()),
                ..triage(v, Priority::High, "logistics")
            },
            State::Triaged,
        ),
        (&c1, assign, State::Assigned),
        (
            &h1,
            |v, _| noted(Action::Ask, v, "几点方便上门？"),
            State::WaitingOnStudent,
        ),
        (
            &s1,
            |v, _| noted(Action::Answer, v, "下午都在"),
            State::Assigned,
        ),
        (&h1, |v, _| step(Action::Start, v), State::InProgress),
        (
            &h1,
            |v, _| noted(Action::Resolve, v, "已更换阀芯"),
            State::Resolved,
        ),
        (&s1, |v, _| step(Action::Confirm, v), State::Closed),
    ];
    let mut version = 1;
    for (who, body, want) in steps {
        let body = body(version, handler);
        let v = who.transition(req.id, &body).await.unwrap();
        assert_eq!(v.state, want, "{body:?}");
        version = v.version;
    }
    let rated = s1
        .rate(
            req.id,
            &RateRequest {
                rating: 5,
                comment: Some("师傅很专业".into()),
            },
        )
        .await
        .unwrap();
    assert_eq!((rated.rating, rated.state), (Some(5), State::Closed));
    let timeline = s1.timeline(req.id).await.unwrap();
    let kinds: Vec<&str> = timeline
        .iter()
        .map(|e| e.action.map_or(e.kind.as_str(), Action::as_str))
        .collect();
    assert_eq!(
        kinds,
        ["created", "triage", "assign", "ask", "answer", "start", "resolve", "confirm", "rated"]
    );
    assert_eq!(timeline[1].data["unit"], "logistics");
    assert_eq!(timeline[3].note.as_deref(), Some("几点方便上门？"));
    assert_eq!(
        timeline[3].actor.as_ref().map(|a| a.display_name.as_str()),
        Some("后勤维修 王师傅")
    );
    assert!(timeline.windows(2).all(|w| w[0].at <= w[1].at));
}

async fn each_step_is_allowed_only_to_its_roles_and_states(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let c1 = app.login("counsellor1").await;
    let h1 = app.login("handler1").await;
    let admin = app.login("admin").await;
    let handler = h1.me().await.unwrap().id;
    let req = leak(&s1).await;
    // From `submitted`: who may do what.
    let attempts: Vec<(&str, &Client, TransitionRequest, u16)> = vec![
        ("student", &s1, triage(1, Priority::Low, "logistics"), 403),
        ("student", &s1, step(Action::Start, 1), 409),
        ("student", &s1, step(Action::Confirm, 1), 409),
        ("student", &s1, step(Action::Reopen, 1), 409),
        ("student", &s1, noted(Action::Answer, 1, "x"), 409),
        ("counsellor", &c1, step(Action::Cancel, 1), 403),
        ("counsellor", &c1, assign(1, handler), 409),
        ("counsellor", &c1, step(Action::Reject, 1), 400),
        (
            "counsellor",
            &c1,
            triage(1, Priority::Urgent, "no-such-unit"),
            422,
        ),
        (
            "counsellor",
            &c1,
            TransitionRequest {
                priority: Some(Priority::Urgent),
                ..step(Action::Triage, 1)
            },
            400,
        ),
        ("handler before routing", &h1, step(Action::Start, 1), 404),
    ];
    for (who, client, body, want) in attempts {
        let err = client.transition(req.id, &body).await.unwrap_err();
        assert_eq!(err.status(), Some(want), "{who} {body:?}: {err}");
        if want == 409 {
            let p = err.problem().unwrap();
            assert_eq!(p.code, "illegal_transition");
            assert!(p.detail.contains("submitted"), "names the state: {p:?}");
        }
    }
    // None of that changed anything.
    let same = s1.get_request(req.id).await.unwrap();
    assert_eq!((same.state, same.version), (State::Submitted, 1));
    assert_eq!(s1.timeline(req.id).await.unwrap().len(), 1);

    // A stale version is refused even for a legal step.
    refused(
        c1.transition(req.id, &triage(7, Priority::Low, "logistics"))
            .await,
        409,
        "stale_version",
    );

    // Once work starts the student can no longer cancel; the handler cannot confirm.
    let t = c1
        .transition(req.id, &triage(1, Priority::Low, "logistics"))
        .await
        .unwrap();
    let student2 = app.login("student2").await.me().await.unwrap().id;
    let err = c1
        .transition(req.id, &assign(t.version, student2))
        .await
        .unwrap_err();
    assert_eq!(
        err.status(),
        Some(422),
        "only handlers of the unit can be assigned"
    );
    let a = h1
        .transition(req.id, &assign(t.version, handler))
        .await
        .unwrap();
    let st = h1
        .transition(req.id, &step(Action::Start, a.version))
        .await
        .unwrap();
    assert_eq!(st.state, State::InProgress);
    let err = s1
        .transition(req.id, &step(Action::Cancel, st.version))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409));
    h1.transition(req.id, &step(Action::Resolve, st.version))
        .await
        .unwrap();
    let err = h1
        .transition(req.id, &step(Action::Confirm, st.version + 1))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    // Admins may reject what is not yet being worked on; the student may cancel before work starts.
    let other = leak(&s1).await;
    let rejected = admin
        .transition(
            other.id,
            &TransitionRequest {
                reason: Some("重复提交".into()),
                ..step(Action::Reject, 1)
            },
        )
        .await
        .unwrap();
    assert_eq!(rejected.state, State::Rejected);
    let third = leak(&s1).await;
    let cancelled = s1
        .transition(third.id, &step(Action::Cancel, 1))
        .await
        .unwrap();
    assert_eq!(cancelled.state, State::Cancelled);
}

async fn resolving_a_check_in_changes_residency(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let c1 = app.login("counsellor1").await;
    let s1 = app.login("student1").await;
    let student = s1.me().await.unwrap().id;
    c1.check_out(&CheckOutRequest {
        student_id: student,
    })
    .await
    .unwrap();
    // A handler in student affairs does check-ins.
    let (housing, housing_id) =
        handler_of(&app, "student-affairs", "housing1", "宿管 赵老师").await;
    let room = c1
        .grid_nodes(&NodeQuery {
            level: Some(Level::Room),
            q: Some("102".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|r| {
            r.building_id.is_some()
                && r.gender == Some(Gender::Male)
                && r.occupied.is_some_and(|n| (1..4).contains(&n))
        })
        .unwrap();
    let taken: Vec<i32> = admin
        .residencies(&ResidencyQuery {
            node: Some(room.id),
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .iter()
        .map(|r| r.bed)
        .collect();
    let free = (1..=4).find(|b| !taken.contains(b)).unwrap();

    let flow = |bed: i32| {
        let (s1, admin, housing) = (&s1, &admin, &housing);
        async move {
            let form = Form::CheckIn(CheckInForm {
                term: "2026-2027-2".into(),
                room_id: room.id,
                bed,
            });
            let req = s1.submit_request(&form, None).await.unwrap();
            let t = admin
                .transition(req.id, &triage(1, Priority::Normal, "student-affairs"))
                .await
                .unwrap();
            let a = housing
                .transition(req.id, &assign(t.version, housing_id))
                .await
                .unwrap();
            let resolved = housing
                .transition(req.id, &step(Action::Resolve, a.version))
                .await;
            (req, resolved)
        }
    };
    // A taken bed: the resolution is refused and the request stays as it was.
    let busy = *taken.first().expect("the room has a taken bed");
    {
        let (req, resolved) = flow(busy).await;
        refused(resolved, 409, "bed_taken");
        let same = s1.get_request(req.id).await.unwrap();
        assert_eq!(same.state, State::Assigned);
        let cancel = s1
            .transition(req.id, &step(Action::Cancel, same.version))
            .await
            .unwrap();
        assert_eq!(cancel.state, State::Cancelled);
    }
    let (_, resolved) = flow(free).await;
    assert_eq!(resolved.unwrap().state, State::Resolved);
    let mine = s1.my_residence().await.unwrap();
    assert_eq!((mine.room.id, mine.bed), (room.id, free));
}

async fn stamps_get_a_pickup_code_and_low_ratings_reopen(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let (seals, seals_id) = handler_of(&app, "general-office", "seals1", "党政办 孙老师").await;
    let form = Form::Stamp(StampForm {
        document_title: "在读证明".into(),
        document_kind: DocumentKind::Certificate,
        seal: Seal::School,
        copies: 2,
        purpose: "办理签证".into(),
    });
    let req = s1.submit_request(&form, None).await.unwrap();
    let t = app
        .login("counsellor1")
        .await
        .transition(req.id, &triage(1, Priority::Normal, "general-office"))
        .await
        .unwrap();
    let a = seals
        .transition(req.id, &assign(t.version, seals_id))
        .await
        .unwrap();
    let r = seals
        .transition(req.id, &step(Action::Resolve, a.version))
        .await
        .unwrap();
    let code = r.pickup_code.clone().unwrap();
    assert!(
        code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
        "{r:?}"
    );
    let rate = |rating: i32, comment: Option<&str>| RateRequest {
        rating,
        comment: comment.map(str::to_owned),
    };
    let early = s1.rate(req.id, &rate(1, None)).await;
    let p = refused(early, 409, "illegal_transition");
    assert!(
        p.detail.contains("closed"),
        "rate only after closing: {p:?}"
    );
    let c = s1
        .transition(req.id, &step(Action::Confirm, r.version))
        .await
        .unwrap();
    assert_eq!(c.state, State::Closed);
    let p = refused(s1.rate(req.id, &rate(9, None)).await, 400, "validation");
    assert_eq!(p.errors[0].field, "rating");
    let rated = s1.rate(req.id, &rate(2, Some("等了太久"))).await.unwrap();
    assert_eq!(rated.state, State::Reopened);
    let events = s1.timeline(req.id).await.unwrap();
    assert_eq!(events.last().map(|e| e.kind), Some(EventKind::Rated));
    let err = s1.rate(req.id, &rate(5, None)).await.unwrap_err();
    assert_eq!(err.status(), Some(409));
}

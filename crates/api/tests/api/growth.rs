//! Second-classroom activities: review against the quality standard, places
//! and the waiting list, and the rotating check-in code — its window, once
//! only, another activity's code, before and after the activity.

use crate::helpers::{building, refused, Backend, TestApp};
use crate::talks::{day_at, kinds, moment, students};
use crate::visits::december_first;
use chrono::Duration;
use onestop_api::clock::Clock;
use onestop_client::{ActivityQuery, Client, NotificationQuery};
use onestop_domain::growth::wire::{
    ActivityCheckInRequest, ActivityView, CancelActivityRequest, CorrectAttendanceRequest,
    ProposeActivityRequest, ReviewActivityRequest, WithdrawSignupRequest,
};
use onestop_domain::growth::{
    ActivityLevel, ActivityState, Category, Presence, SignupState, Standard,
};
use onestop_domain::notify::NotificationKind;

both_backends!(
    a_proposal_is_reviewed_against_the_standard,
    places_then_the_waiting_list,
    the_check_in_code_is_taken_in_its_window_once,
);

/// A two-hour activity in X1 on day `days` at 19:00 campus time.
async fn propose(by: &Client, days: i64, capacity: i32) -> ActivityView {
    let x1 = building(by, "X1").await;
    by.propose_activity(&ProposeActivityRequest {
        title: "宿舍楼志愿清扫".into(),
        description: "楼道与公共区域清扫".into(),
        category: Category::Labour,
        level: ActivityLevel::Building,
        organisation: "经济学院青年志愿者协会".into(),
        place_id: x1.id,
        location: "庠园1栋一楼大厅".into(),
        starts_at: moment(day_at(days, 19)),
        ends_at: moment(day_at(days, 21)),
        capacity,
        hours: 2,
    })
    .await
    .unwrap()
}

fn approve(a: &ActivityView) -> ReviewActivityRequest {
    ReviewActivityRequest {
        approve: true,
        met: Standard::ALL.to_vec(),
        note: String::new(),
        version: a.version,
    }
}

/// An approved activity, proposed by counsellor1 (经济学院) and approved by 团委.
pub async fn approved(app: &TestApp, days: i64, capacity: i32) -> ActivityView {
    let organiser = app.login("counsellor1").await;
    let a = propose(&organiser, days, capacity).await;
    let league = app.login("league1").await;
    league.review_activity(a.id, &approve(&a)).await.unwrap()
}

async fn a_proposal_is_reviewed_against_the_standard(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let organiser = app.login("counsellor1").await;
    let a = propose(&organiser, 3, 30).await;
    assert_eq!(
        (a.state, a.runs, a.reviews),
        (ActivityState::Proposed, true, true)
    );
    let student = app.login("student1").await;
    let x1 = building(&organiser, "X1").await;
    let mut by_student = ProposeActivityRequest {
        title: "x".into(),
        description: String::new(),
        category: Category::Moral,
        level: ActivityLevel::School,
        organisation: String::new(),
        place_id: x1.id,
        location: String::new(),
        starts_at: moment(day_at(3, 19)),
        ends_at: moment(day_at(3, 20)),
        capacity: 5,
        hours: 1,
    };
    refused(
        student.propose_activity(&by_student).await,
        403,
        "forbidden",
    );
    by_student.ends_at = moment(day_at(4, 19));
    refused(
        organiser.propose_activity(&by_student).await,
        422,
        "validation",
    );
    // Students do not see a proposal; logistics may not review it.
    refused(student.get_activity(a.id).await, 404, "not_found");
    let logistics = app.login("handler1").await;
    refused(
        logistics.review_activity(a.id, &approve(&a)).await,
        403,
        "forbidden",
    );
    // Every point of the standard, or a note to send it back.
    let league = app.login("league1").await;
    let mut partly = approve(&a);
    partly.met.retain(|p| *p != Standard::Safety);
    refused(
        league.review_activity(a.id, &partly).await,
        422,
        "validation",
    );
    let mut bare_no = approve(&a);
    bare_no.approve = false;
    refused(
        league.review_activity(a.id, &bare_no).await,
        422,
        "validation",
    );
    let mut stale = approve(&a);
    stale.version += 1;
    refused(
        league.review_activity(a.id, &stale).await,
        409,
        "stale_version",
    );
    // 团委 was told of the proposal, and the organiser of its approval.
    assert!(kinds(&league)
        .await
        .contains(&NotificationKind::ActivityToReview));
    let ok = league.review_activity(a.id, &approve(&a)).await.unwrap();
    assert_eq!(ok.state, ActivityState::Approved);
    assert!(kinds(&organiser)
        .await
        .contains(&NotificationKind::ActivityReviewed));
    let review = ok.review.clone().unwrap();
    assert!(review.approved && review.standard.iter().all(|p| p.met));
    assert!(review.by.display_name.contains("吴老师"));
    refused(
        league.review_activity(a.id, &approve(&ok)).await,
        409,
        "illegal_transition",
    );
    // Now students see it and may sign up.
    assert!(student.get_activity(a.id).await.unwrap().may_sign_up);
    // The college reviews its own: counsellor1 (经济学院) approves another of its proposals.
    let own = propose(&organiser, 4, 10).await;
    let mine = organiser
        .review_activity(own.id, &approve(&own))
        .await
        .unwrap();
    assert_eq!(mine.state, ActivityState::Approved);
    student.sign_up(own.id).await.unwrap();
    // Cancelled before the start (who signed up is told why); then nothing more.
    let gone = organiser
        .cancel_activity(
            own.id,
            &CancelActivityRequest {
                reason: "场地检修".into(),
                version: mine.version,
            },
        )
        .await
        .unwrap();
    assert_eq!(gone.state, ActivityState::Cancelled);
    assert!(kinds(&student)
        .await
        .contains(&NotificationKind::ActivityCancelled));
    refused(student.sign_up(own.id).await, 409, "signup_closed");
}

async fn places_then_the_waiting_list(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let a = approved(&app, 3, 2).await;
    let names = students(&app, 3).await;
    let mut s = Vec::new();
    for n in &names {
        s.push(app.login(n).await);
    }
    let first = s[0].sign_up(a.id).await.unwrap();
    let second = s[1].sign_up(a.id).await.unwrap();
    let third = s[2].sign_up(a.id).await.unwrap();
    assert_eq!(
        [first.state, second.state, third.state],
        [
            SignupState::Placed,
            SignupState::Placed,
            SignupState::Waiting
        ]
    );
    assert_eq!(third.ahead, Some(0));
    refused(s[0].sign_up(a.id).await, 409, "already_signed_up");
    let staff = app.login("counsellor1").await;
    refused(staff.sign_up(a.id).await, 403, "forbidden");
    // A place given up goes to the first who waits.
    s[0].withdraw_signup(
        a.id,
        first.id,
        &WithdrawSignupRequest {
            version: first.version,
        },
    )
    .await
    .unwrap();
    let now = s[2].get_activity(a.id).await.unwrap();
    assert_eq!(now.mine.unwrap().state, SignupState::Placed);
    assert_eq!((now.placed, now.waiting), (2, 0));
    // Told, without being told who withdrew.
    let told = s[2]
        .list_notifications(&NotificationQuery::default())
        .await
        .unwrap();
    let placed = told
        .items
        .iter()
        .find(|n| n.kind == NotificationKind::ActivityPlaced)
        .expect("the student who moved up is told");
    assert!(placed.data.actor.is_none());
    assert_eq!(placed.data.activity.as_ref().map(|x| x.id), Some(a.id));
    assert!(!kinds(&s[1])
        .await
        .contains(&NotificationKind::ActivityPlaced));
    refused(
        s[1].withdraw_signup(a.id, first.id, &WithdrawSignupRequest { version: 2 })
            .await,
        404,
        "not_found",
    );
    // The organiser sees every sign-up; a student their own.
    assert_eq!(staff.activity_signups(a.id).await.unwrap().len(), 3);
    assert_eq!(s[1].activity_signups(a.id).await.unwrap().len(), 1);
    let mine = s[1]
        .list_activities(&ActivityQuery {
            signed_up_by_me: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(mine.items.iter().any(|x| x.id == a.id));
    // Once it has begun, sign-up is closed.
    app.clock
        .advance(day_at(3, 19) - app.clock.now() + Duration::minutes(1));
    let late = app.login(&names[0]).await;
    refused(late.sign_up(a.id).await, 409, "signup_closed");
}

async fn the_check_in_code_is_taken_in_its_window_once(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let a = approved(&app, 2, 10).await;
    let other = approved(&app, 2, 10).await;
    let names = students(&app, 4).await;
    for n in &names[..3] {
        app.login(n).await.sign_up(a.id).await.unwrap();
    }
    app.login(&names[0]).await.sign_up(other.id).await.unwrap();
    let code = |c: &str| ActivityCheckInRequest { code: c.into() };
    // Before the start there is no code, and none is taken.
    let organiser = app.login("counsellor1").await;
    refused(
        organiser.check_in_code(a.id).await,
        409,
        "activity_not_running",
    );
    let s0 = app.login(&names[0]).await;
    refused(
        s0.activity_check_in(a.id, &code("123456")).await,
        409,
        "activity_not_running",
    );

    app.clock
        .advance(day_at(2, 19) - app.clock.now() + Duration::minutes(10));
    let organiser = app.login("counsellor1").await;
    let shown = organiser.check_in_code(a.id).await.unwrap();
    assert_eq!(shown.code.len(), 6);
    assert!(shown.changes_at > app.clock.now());
    assert!(shown.link.ends_with(&format!("code={}", shown.code)));
    // The camera's address is this server's, and the picture is a QR code of it.
    assert!(shown.url.starts_with("http://") && shown.url.ends_with(&shown.link));
    assert!(shown.qr_svg.contains("<svg") && shown.qr_svg.contains("<path"));
    let s = [
        app.login(&names[0]).await,
        app.login(&names[1]).await,
        app.login(&names[2]).await,
        app.login(&names[3]).await,
    ];
    let rec = s[0]
        .activity_check_in(a.id, &code(&shown.code))
        .await
        .unwrap();
    assert_eq!(rec.presence, Presence::Code);
    // Once only: the same code again, or a later one.
    refused(
        s[0].activity_check_in(a.id, &code(&shown.code)).await,
        409,
        "already_checked_in",
    );
    // Another activity's code does not open this one (and the other way round).
    let elsewhere = organiser.check_in_code(other.id).await.unwrap();
    if elsewhere.code != shown.code {
        refused(
            s[1].activity_check_in(a.id, &code(&elsewhere.code)).await,
            422,
            "code_wrong",
        );
    }
    // Not signed up: the organiser adds them.
    refused(
        s[3].activity_check_in(a.id, &code(&shown.code)).await,
        409,
        "not_signed_up",
    );
    // A code read, then entered after it changed (past the grace) has expired.
    app.clock.advance(Duration::seconds(45));
    let s1 = app.login(&names[1]).await;
    refused(
        s1.activity_check_in(a.id, &code(&shown.code)).await,
        422,
        "code_expired",
    );
    let organiser = app.login("counsellor1").await;
    let fresh = organiser.check_in_code(a.id).await.unwrap();
    assert_ne!(fresh.code, shown.code);
    s1.activity_check_in(a.id, &code(&fresh.code))
        .await
        .unwrap();

    // The organiser corrects, with a reason; the student sees their own record only.
    let walk_in = app.login("admin").await;
    let users = walk_in
        .list_users(&onestop_client::UserListQuery {
            q: Some(names[3].clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    let fourth = users
        .items
        .iter()
        .find(|u| u.username == names[3])
        .unwrap()
        .id;
    let added = organiser
        .correct_attendance(
            a.id,
            &CorrectAttendanceRequest {
                student_id: fourth,
                present: true,
                reason: "现场手机没电，组织者核实后补登".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(added.presence, Presence::Organiser);
    assert_eq!(organiser.activity_attendance(a.id).await.unwrap().len(), 3);
    assert_eq!(s1.activity_attendance(a.id).await.unwrap().len(), 1);
    let student = app.login(&names[2]).await;
    refused(
        student
            .correct_attendance(
                a.id,
                &CorrectAttendanceRequest {
                    student_id: fourth,
                    present: false,
                    reason: "x".into(),
                },
            )
            .await,
        403,
        "forbidden",
    );
    assert_eq!(organiser.get_activity(a.id).await.unwrap().present, 3);

    // After the end nothing is taken.
    app.clock
        .advance(day_at(2, 21) - app.clock.now() + Duration::minutes(1));
    let organiser = app.login("counsellor1").await;
    refused(
        organiser.check_in_code(a.id).await,
        409,
        "activity_not_running",
    );
    let s2 = app.login(&names[2]).await;
    refused(
        s2.activity_check_in(a.id, &code("000000")).await,
        409,
        "activity_not_running",
    );
}

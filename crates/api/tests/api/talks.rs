//! 思政课堂 sessions: announced in a community space (its time booked
//! there), applied for once per student until the deadline, places drawn from
//! a seed committed in advance — re-runnable from the published record, with
//! weight for those who lost before — and the waiting list moving up.

use crate::helpers::{building, refused, Backend, TestApp};
use crate::spaces::space;
use crate::visits::december_first;
use chrono::{DateTime, Duration, Utc};
use onestop_client::{Client, NotificationQuery, UserListQuery};
use onestop_domain::community::spaces::wire::SpaceView;
use onestop_domain::community::spaces::{Booker, BookingState};
use onestop_domain::community::talks::wire::{
    ApplyRequest, AttendanceRequest, CancelTalkRequest, CreateTalkRequest, TalkView,
    WithdrawRequest,
};
use onestop_domain::community::talks::{
    commitment, draw, ApplicationState, Entrant, TalkKind, TalkState,
};
use onestop_domain::dates::Moment;
use onestop_domain::notify::NotificationKind;
use onestop_domain::{Role, SpaceId};

both_backends!(
    a_session_books_its_space_and_takes_applications_until_the_deadline,
    the_draw_is_reproducible_and_weighs_earlier_losses,
    a_freed_place_goes_to_the_next_on_the_waiting_list,
    cancelling_frees_the_space_and_tells_who_applied,
);

/// `hh:00` campus time, `days` after `december_first`'s day.
pub fn day_at(days: i64, hh: i64) -> DateTime<Utc> {
    "2026-11-30T16:00:00Z".parse::<DateTime<Utc>>().unwrap()
        + Duration::days(days)
        + Duration::hours(hh)
}

pub fn moment(t: DateTime<Utc>) -> Moment {
    Moment::try_from(t).unwrap()
}

/// 我与校长有约 in `space` on day `days` at 14:00–16:00, applications until
/// the day before at 18:00.
pub fn talk(space_id: SpaceId, days: i64, places: i32) -> CreateTalkRequest {
    CreateTalkRequest {
        kind: TalkKind::PrincipalMeeting,
        topic: "我与校长有约：社区生活".into(),
        description: "与校长面对面交流社区建设".into(),
        host_role: None,
        hosts: Vec::new(),
        space_id,
        starts_at: moment(day_at(days, 14)),
        ends_at: moment(day_at(days, 16)),
        apply_by: moment(day_at(days - 1, 18)),
        places,
        audience_unit_id: None,
        audience_building_id: None,
    }
}

/// A staff-bookable space in X1 that needs no approval, made by 庠园's office.
pub async fn hall(app: &TestApp) -> SpaceView {
    let office = app.login("office1").await;
    let x1 = building(&office, "X1").await.id;
    office
        .create_space(&space(x1, &[Booker::Staff, Booker::Students], false))
        .await
        .unwrap()
}

/// The usernames of `n` students of the demo (sign in again after the clock
/// moves: tokens expire).
pub async fn students(app: &TestApp, n: usize) -> Vec<String> {
    let admin = app.login("admin").await;
    let page = admin
        .list_users(&UserListQuery {
            role: Some(Role::Student),
            limit: Some(u32::try_from(n).unwrap()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.items.len(), n);
    page.items.into_iter().map(|u| u.username).collect()
}

async fn all(app: &TestApp, names: &[String]) -> Vec<Client> {
    let mut out = Vec::new();
    for n in names {
        out.push(app.login(n).await);
    }
    out
}

pub fn ask(q: &str) -> ApplyRequest {
    ApplyRequest { question: q.into() }
}

pub async fn kinds(who: &Client) -> Vec<NotificationKind> {
    who.list_notifications(&NotificationQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|n| n.kind)
        .collect()
}

async fn a_session_books_its_space_and_takes_applications_until_the_deadline(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let hall = hall(&app).await;
    let host = app.login("counsellor1").await;

    let t = host.create_talk(&talk(hall.id, 3, 2)).await.unwrap();
    assert_eq!(
        (t.state, t.booking_state),
        (TalkState::Open, BookingState::Approved)
    );
    assert_eq!(t.hosts.len(), 1, "the caller hosts when none is named");
    assert!(t.runs && !t.may_apply && t.seed.is_none());
    assert_eq!(
        t.seed_sha256.len(),
        64,
        "the seed's SHA-256 is published at once"
    );
    // The time is a booking of the space: a second session there is refused.
    refused(
        host.create_talk(&talk(hall.id, 3, 2)).await,
        409,
        "booking_overlaps",
    );
    // The deadline lies ahead and before the start; one audience at most.
    let mut late = talk(hall.id, 4, 2);
    late.apply_by = moment(day_at(4, 15));
    let p = refused(host.create_talk(&late).await, 422, "validation");
    assert_eq!(p.errors[0].code, "after_start");
    let mut past = talk(hall.id, 4, 2);
    past.apply_by = moment(december_first() - Duration::hours(1));
    refused(host.create_talk(&past).await, 422, "validation");
    let mut both = talk(hall.id, 4, 2);
    both.audience_unit_id = host.me().await.unwrap().unit.map(|u| u.id);
    both.audience_building_id = Some(hall.place.id);
    let p = refused(host.create_talk(&both).await, 422, "validation");
    assert_eq!(p.errors[0].code, "one_audience");
    let mut crowd = talk(hall.id, 4, 2);
    crowd.places = hall.capacity + 1;
    let p = refused(host.create_talk(&crowd).await, 422, "validation");
    assert_eq!(p.errors[0].field, "places");
    // Students do not host.
    let s1 = app.login("student1").await;
    refused(s1.create_talk(&talk(hall.id, 5, 2)).await, 403, "forbidden");

    let seen = s1.get_talk(t.id).await.unwrap();
    assert!(seen.may_apply && !seen.runs);
    let mine = s1
        .apply_for_talk(t.id, &ask("宿舍楼能否增设自习室？"))
        .await
        .unwrap();
    assert_eq!(mine.state, ApplicationState::Applied);
    refused(
        s1.apply_for_talk(t.id, &ask("再问一次")).await,
        409,
        "already_applied",
    );
    refused(
        host.apply_for_talk(t.id, &ask("我也想去")).await,
        403,
        "forbidden",
    );
    let seen = s1.get_talk(t.id).await.unwrap();
    assert_eq!(seen.mine.map(|m| m.id), Some(mine.id));
    assert_eq!(seen.applicants, 1);
    assert!(!seen.may_apply, "one application each");

    // After the deadline nobody applies.
    app.clock.advance(Duration::days(3));
    let s2 = app.login("student2").await;
    refused(
        s2.apply_for_talk(t.id, &ask("来晚了")).await,
        409,
        "applications_closed",
    );
}

async fn the_draw_is_reproducible_and_weighs_earlier_losses(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let hall = hall(&app).await;
    let host = app.login("counsellor1").await;
    let names = students(&app, 6).await;
    let people = all(&app, &names).await;

    let first = host.create_talk(&talk(hall.id, 2, 2)).await.unwrap();
    let second = host.create_talk(&talk(hall.id, 3, 2)).await.unwrap();
    for (i, s) in people.iter().enumerate() {
        s.apply_for_talk(first.id, &ask(&format!("问题{i}")))
            .await
            .unwrap();
        s.apply_for_talk(second.id, &ask(&format!("问题{i}")))
            .await
            .unwrap();
    }
    refused(host.draw_talk(first.id).await, 409, "applications_open");
    refused(host.talk_draw(first.id).await, 404, "not_found");

    app.clock.advance(Duration::hours(33)); // past the first deadline only
    let (host, people) = (app.login("counsellor1").await, all(&app, &names).await);
    refused(people[0].draw_talk(first.id).await, 403, "forbidden");
    let record = host.draw_talk(first.id).await.unwrap();
    refused(host.draw_talk(first.id).await, 409, "already_drawn");
    assert_eq!(record.entrants.len(), 6);
    assert!(
        record.entrants.iter().all(|e| e.weight == 1),
        "nobody lost before"
    );
    assert_eq!(
        record.entrants.iter().filter(|e| e.placed_by_draw).count(),
        2
    );
    // The seed matches what was published, and anyone can re-run the draw.
    assert_eq!(commitment(&record.seed), first.seed_sha256);
    let rerun = draw(
        &record.seed,
        &record
            .entrants
            .iter()
            .map(|e| Entrant {
                id: e.application_id.to_string(),
                weight: u32::try_from(e.weight).unwrap(),
            })
            .collect::<Vec<_>>(),
    );
    for e in &record.entrants {
        let at = rerun
            .iter()
            .position(|id| *id == e.application_id.to_string())
            .unwrap();
        assert_eq!(i32::try_from(at + 1).unwrap(), e.rank);
    }
    // The record is the same for a student, and names nobody.
    assert_eq!(people[0].talk_draw(first.id).await.unwrap(), record);

    let mut lost = Vec::new();
    for s in &people {
        let t = s.get_talk(first.id).await.unwrap();
        let mine = t.mine.unwrap();
        let told = kinds(s).await;
        if mine.state == ApplicationState::Placed {
            assert!(told.contains(&NotificationKind::TalkPlaced));
        } else {
            assert_eq!(mine.state, ApplicationState::Waiting);
            assert!(told.contains(&NotificationKind::TalkWaiting));
            assert_eq!(mine.ahead, Some(mine.rank.unwrap() - 3));
            lost.push(mine.student.id);
        }
    }
    assert_eq!(lost.len(), 4);
    let t = host.get_talk(first.id).await.unwrap();
    assert_eq!((t.state, t.placed, t.waiting), (TalkState::Drawn, 2, 4));
    assert_eq!(t.seed.as_deref(), Some(record.seed.as_str()));

    // The second is drawn by the jobs at its deadline: who lost the first weighs 2.
    app.clock.advance(Duration::hours(24));
    let host = app.login("counsellor1").await;
    assert_eq!(app.run_talk_draws().await, 1);
    assert_eq!(app.run_talk_draws().await, 0, "drawn once");
    let record = host.talk_draw(second.id).await.unwrap();
    let applications = host.talk_applications(second.id).await.unwrap();
    for e in &record.entrants {
        let a = applications
            .iter()
            .find(|a| a.id == e.application_id)
            .unwrap();
        let expected = if lost.contains(&a.student.id) { 2 } else { 1 };
        assert_eq!(e.weight, expected, "{a:?}");
    }
}

async fn a_freed_place_goes_to_the_next_on_the_waiting_list(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let hall = hall(&app).await;
    let host = app.login("counsellor1").await;
    let names = students(&app, 3).await;
    let t = host.create_talk(&talk(hall.id, 2, 1)).await.unwrap();
    for s in all(&app, &names).await {
        s.apply_for_talk(t.id, &ask("想参加")).await.unwrap();
    }
    app.clock.advance(Duration::hours(33));
    app.login("counsellor1")
        .await
        .draw_talk(t.id)
        .await
        .unwrap();

    let mut by_state: Vec<(String, TalkView)> = Vec::new();
    for n in &names {
        let v = app.login(n).await.get_talk(t.id).await.unwrap();
        by_state.push((n.clone(), v));
    }
    by_state.sort_by_key(|(_, v)| v.mine.as_ref().unwrap().rank);
    let (winner, next, third) = (
        app.login(&by_state[0].0).await,
        app.login(&by_state[1].0).await,
        app.login(&by_state[2].0).await,
    );
    assert_eq!(by_state[1].1.mine.as_ref().unwrap().ahead, Some(0));

    let mine = by_state[0].1.mine.clone().unwrap();
    let gone = winner
        .withdraw_application(
            t.id,
            mine.id,
            &WithdrawRequest {
                version: mine.version,
            },
        )
        .await
        .unwrap();
    assert_eq!(gone.state, ApplicationState::Withdrawn);
    refused(
        winner
            .withdraw_application(
                t.id,
                mine.id,
                &WithdrawRequest {
                    version: gone.version,
                },
            )
            .await,
        409,
        "not_withdrawable",
    );
    let now = next.get_talk(t.id).await.unwrap();
    assert_eq!(now.mine.unwrap().state, ApplicationState::Placed);
    assert_eq!(
        kinds(&next)
            .await
            .iter()
            .filter(|k| **k == NotificationKind::TalkPlaced)
            .count(),
        1,
        "told of the place once"
    );
    assert_eq!(
        third.get_talk(t.id).await.unwrap().mine.unwrap().ahead,
        Some(0)
    );
    // Someone else's application is not yours to withdraw.
    let theirs = by_state[2].1.mine.clone().unwrap();
    refused(
        next.withdraw_application(
            t.id,
            theirs.id,
            &WithdrawRequest {
                version: theirs.version,
            },
        )
        .await,
        404,
        "not_found",
    );
    // Once it has begun, nobody withdraws.
    app.clock.advance(Duration::hours(20));
    let third = app.login(&by_state[2].0).await;
    refused(
        third
            .withdraw_application(
                t.id,
                theirs.id,
                &WithdrawRequest {
                    version: theirs.version,
                },
            )
            .await,
        409,
        "not_withdrawable",
    );
}

async fn cancelling_frees_the_space_and_tells_who_applied(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let hall = hall(&app).await;
    let host = app.login("counsellor1").await;
    let s1 = app.login("student1").await;
    let t = host.create_talk(&talk(hall.id, 2, 5)).await.unwrap();
    s1.apply_for_talk(t.id, &ask("想参加")).await.unwrap();
    refused(
        s1.cancel_talk(
            t.id,
            &CancelTalkRequest {
                reason: "不想办了".into(),
                version: t.version,
            },
        )
        .await,
        403,
        "forbidden",
    );
    let gone = host
        .cancel_talk(
            t.id,
            &CancelTalkRequest {
                reason: "校长临时出差".into(),
                version: t.version,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (gone.state, gone.booking_state),
        (TalkState::Cancelled, BookingState::Cancelled)
    );
    assert!(kinds(&s1).await.contains(&NotificationKind::TalkCancelled));
    // Nothing follows a cancelled session, and each refusal says why.
    refused(host.draw_talk(t.id).await, 409, "talk_cancelled");
    refused(
        host.record_attendance(t.id, &AttendanceRequest { present: vec![] })
            .await,
        409,
        "talk_cancelled",
    );
    // The space is free again at that time.
    host.create_talk(&talk(hall.id, 2, 5)).await.unwrap();
    refused(
        host.cancel_talk(
            t.id,
            &CancelTalkRequest {
                reason: "再取消".into(),
                version: gone.version,
            },
        )
        .await,
        409,
        "talk_cancelled",
    );
}

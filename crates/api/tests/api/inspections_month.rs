//! The month's ranking at its edges in campus time: a safety problem open
//! across midnight bars both months, closing waits for the month's end and
//! happens once, and the closed ranking no longer moves.

use crate::helpers::{refused, room, Backend, TestApp};
use crate::inspections::scored;
use chrono::{DateTime, Duration, Utc};
use onestop_domain::inspection::wire::{ProblemFound, RecheckRequest};
use onestop_domain::inspection::{InspectionKind, Title};

/// Campus 23:50 on 30 November.
fn november_last_minutes() -> DateTime<Utc> {
    "2026-11-30T15:50:00Z".parse().unwrap()
}

both_backends!(
    months_turn_and_close_in_campus_time,
    the_job_closes_the_month_just_ended_once
);

async fn months_turn_and_close_in_campus_time(b: Backend) {
    let app = TestApp::on(b).at(november_last_minutes()).spawn().await;
    let counsellor = app.login("counsellor1").await;
    let admin = app.login("admin").await;
    let r101 = room(&counsellor, "X1", "101").await;
    let r102 = room(&counsellor, "X1", "102").await;

    // November: both rooms clean; 101 also has a safety problem found at 23:50.
    for r in [r101.id, r102.id] {
        let h = scored(&counsellor, r, InspectionKind::Hygiene, 25).await;
        assert_eq!(
            counsellor.create_inspection(&h).await.unwrap().month,
            "2026-11"
        );
    }
    let mut s = scored(&counsellor, r101.id, InspectionKind::Safety, 0).await;
    s.problems.push(ProblemFound {
        description: "私拉电线".into(),
        due_on: app.today(),
    });
    let fix = counsellor
        .create_inspection(&s)
        .await
        .unwrap()
        .rectifications[0]
        .clone();

    // Before midnight the month is still running: it cannot be closed.
    refused(admin.close_month("2026-11").await, 409, "month_not_over");
    refused(admin.close_month("2026-12").await, 422, "validation");
    let live = counsellor.month_evaluation("2026-11", None).await.unwrap();
    assert!(!live.closed);

    // 00:10 on 1 December, campus time: fixed, and re-checked by someone else.
    app.clock.advance(Duration::minutes(20));
    let (counsellor, office, admin) = (
        app.login("counsellor1").await,
        app.login("office1").await,
        app.login("admin").await,
    );
    office
        .recheck(
            fix.id,
            &RecheckRequest {
                passed: true,
                note: String::new(),
                due_on: None,
                version: fix.version,
            },
        )
        .await
        .unwrap();
    let h = scored(&counsellor, r102.id, InspectionKind::Hygiene, 25).await;
    assert_eq!(
        counsellor.create_inspection(&h).await.unwrap().month,
        "2026-12"
    );

    // Only 学生处 and the administrators close a month, once.
    refused(counsellor.close_month("2026-11").await, 403, "forbidden");
    refused(
        app.login("league1").await.close_month("2026-11").await,
        403,
        "forbidden",
    );
    let nov = office.close_month("2026-11").await.unwrap();
    assert!(nov.closed);
    refused(admin.close_month("2026-11").await, 409, "month_closed");
    assert!(!app.run_month_close().await, "the job finds it closed");
    let by_room = |v: &onestop_domain::inspection::wire::MonthEvaluationView, id| {
        v.rooms.iter().find(|r| r.room.id == id).cloned().unwrap()
    };
    let a = by_room(&nov, r101.id);
    let b2 = by_room(&nov, r102.id);
    assert_eq!((a.hygiene, b2.hygiene), (Some(100.0), Some(100.0)));
    assert_eq!((a.building_rank, b2.building_rank), (Some(1), Some(1)));
    assert!(a.safety_blocked && a.titles.is_empty(), "{a:?}");
    assert_eq!(b2.titles, vec![Title::Civilized]);

    // December saw the problem open for its first ten minutes: barred too.
    let dec = counsellor.month_evaluation("2026-12", None).await.unwrap();
    assert!(!dec.closed);
    assert!(by_room(&dec, r101.id).safety_blocked);
    assert_eq!(by_room(&dec, r102.id).titles, vec![Title::Civilized]);
    refused(
        counsellor.month_evaluation("2027-01", None).await,
        422,
        "validation",
    );

    // A closed month no longer moves: a late re-check or inspection changes nothing.
    let again = counsellor.month_evaluation("2026-11", None).await.unwrap();
    assert_eq!(
        again.rooms,
        nov.rooms
            .iter()
            .filter(|r| r.building.id == a.building.id)
            .cloned()
            .collect::<Vec<_>>()
    );

    // Scope: another building's counsellor sees none of X1; the resident sees their room.
    let other = app.login("counsellor2").await;
    let theirs = other.month_evaluation("2026-11", None).await.unwrap();
    assert!(theirs.rooms.iter().all(|r| r.building.id != a.building.id));
    let student = app.login("student1").await;
    refused(
        student.month_evaluation("2026-11", None).await,
        403,
        "forbidden",
    );
    let mine = student.my_evaluation().await.unwrap();
    let months: Vec<_> = mine.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months, ["2026-12", "2026-11"]);
    assert!(mine.months[1].safety_blocked);

    // The list for publicity, in Chinese for Excel.
    let csv = counsellor
        .month_evaluation_csv("2026-11", None)
        .await
        .unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv).unwrap();
    assert!(
        text.contains("文明寝室") && text.contains("已评定"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1 + again.rooms.len());
}

async fn the_job_closes_the_month_just_ended_once(b: Backend) {
    let app = TestApp::on(b).at(november_last_minutes()).spawn().await;
    let counsellor = app.login("counsellor1").await;
    let r = room(&counsellor, "X1", "102").await;
    let h = scored(&counsellor, r.id, InspectionKind::Reading, 30).await;
    counsellor.create_inspection(&h).await.unwrap();
    // Still November on campus: the job (which also ran as the server
    // started) has closed October at most, never November.
    app.run_month_close().await;
    assert!(!app.run_month_close().await);
    assert!(
        !counsellor
            .month_evaluation("2026-11", None)
            .await
            .unwrap()
            .closed
    );
    app.clock.advance(Duration::minutes(10));
    assert!(app.run_month_close().await);
    assert!(!app.run_month_close().await);
    let counsellor = app.login("counsellor1").await;
    let nov = counsellor.month_evaluation("2026-11", None).await.unwrap();
    assert!(nov.closed);
    let mine = nov.rooms.iter().find(|x| x.room.id == r.id).unwrap();
    assert_eq!(mine.reading, Some(100.0));
    assert_eq!(mine.titles, vec![Title::Reading]);
    assert_eq!(
        mine.building_rank, None,
        "no hygiene inspection: not ranked for 文明寝室"
    );
}

//! Second-classroom points come from attendance: a member checked in gets
//! the activity's 学时 under the second-classroom rule once; removed, a
//! correction takes it back; added again, it comes back; a non-member gets none.

use crate::growth::approved;
use crate::helpers::{Backend, TestApp};
use crate::party::{organisation, user_id};
use crate::talks::{day_at, students};
use crate::visits::december_first;
use chrono::Duration;
use onestop_api::clock::Clock;
use onestop_domain::growth::wire::{ActivityCheckInRequest, CorrectAttendanceRequest};
use onestop_domain::party::{EntryState, PointCategory};

both_backends!(attendance_credits_members_once_and_corrections_follow_it);

async fn attendance_credits_members_once_and_corrections_follow_it(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    organisation(&app).await;
    // Two hours, worth 1 point an hour under the starting table.
    let a = approved(&app, 2, 10).await;
    let names = students(&app, 4).await;
    let other = names
        .iter()
        .find(|n| !["student1", "student2"].contains(&n.as_str()))
        .unwrap()
        .clone();
    let (member, outsider) = (app.login("student1").await, app.login(&other).await);
    member.sign_up(a.id).await.unwrap();
    outsider.sign_up(a.id).await.unwrap();
    app.clock
        .advance(day_at(2, 19) - app.clock.now() + Duration::minutes(10));
    let organiser = app.login("counsellor1").await;
    let shown = organiser.check_in_code(a.id).await.unwrap();
    let code = ActivityCheckInRequest { code: shown.code };
    let member = app.login("student1").await;
    member.activity_check_in(a.id, &code).await.unwrap();
    app.login(&other)
        .await
        .activity_check_in(a.id, &code)
        .await
        .unwrap();

    let ledger = member.party_ledger(None, None).await.unwrap();
    assert_eq!(ledger.entries.len(), 1);
    let credit = &ledger.entries[0];
    assert_eq!(
        (
            credit.points,
            credit.state,
            credit.activity_id,
            credit.proposer.is_none()
        ),
        (2, EntryState::Approved, Some(a.id), true)
    );
    assert_eq!(credit.rule.category, PointCategory::SecondClassroom);
    let outsider = app.login(&other).await;
    assert!(outsider
        .party_ledger(None, None)
        .await
        .unwrap()
        .entries
        .is_empty());

    // The organiser removes the member, then adds them again: each a new entry.
    let s1 = user_id(&app, "student1").await;
    let organiser = app.login("counsellor1").await;
    for present in [false, true, true] {
        organiser
            .correct_attendance(
                a.id,
                &CorrectAttendanceRequest {
                    student_id: s1,
                    present,
                    reason: "核对签到表".into(),
                },
            )
            .await
            .unwrap();
    }
    let ledger = member.party_ledger(None, None).await.unwrap();
    let points: Vec<_> = ledger.entries.iter().map(|e| e.points).collect();
    assert_eq!(
        points,
        [2, -2, 2],
        "newest first; adding twice credits once"
    );
    assert!(ledger.entries[..2]
        .iter()
        .all(|e| e.corrects == Some(credit.id)));
    assert_eq!(ledger.totals.approved, 2);
}

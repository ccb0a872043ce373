//! The 第二课堂成绩单: hours credited once from attendance, the issued copy
//! and its PDF, the public verification (nothing more than it should show),
//! and a college's summary with its scope.

use crate::growth::approved;
use crate::helpers::{refused, Backend, TestApp};
use crate::talks::{day_at, students};
use crate::visits::december_first;
use chrono::Duration;
use onestop_api::clock::Clock;
use onestop_domain::growth::wire::{ActivityCheckInRequest, CorrectAttendanceRequest};
use onestop_domain::growth::Category;

both_backends!(the_transcript_credits_hours_once_and_verifies_without_sign_in);

async fn the_transcript_credits_hours_once_and_verifies_without_sign_in(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let a = approved(&app, 2, 10).await;
    let names = students(&app, 2).await;
    let student = app.login(&names[0]).await;
    student.sign_up(a.id).await.unwrap();
    let before = student.my_transcript().await.unwrap();
    assert_eq!((before.hours, before.totals.len()), (0, 5));

    app.clock
        .advance(day_at(2, 19) - app.clock.now() + Duration::minutes(5));
    let organiser = app.login("counsellor1").await;
    let shown = organiser.check_in_code(a.id).await.unwrap();
    let student = app.login(&names[0]).await;
    let code = ActivityCheckInRequest { code: shown.code };
    student.activity_check_in(a.id, &code).await.unwrap();
    refused(
        student.activity_check_in(a.id, &code).await,
        409,
        "already_checked_in",
    );
    // Credited once: two hours of 劳育 in the autumn semester.
    let t = student.my_transcript().await.unwrap();
    assert_eq!(t.hours, 2);
    assert_eq!(t.lines.len(), 1);
    assert_eq!(t.semesters.len(), 1);
    assert_eq!(t.semesters[0].semester, "2026-autumn");
    let labour = t
        .totals
        .iter()
        .find(|c| c.category == Category::Labour)
        .unwrap();
    assert_eq!(labour.hours, 2);
    // The college's counsellor sees it; another college's and another student do not.
    let me = t.student.id;
    assert_eq!(organiser.student_transcript(me).await.unwrap().hours, 2);
    let other_college = app.login("counsellor2").await;
    let other_student = app.login(&names[1]).await;
    // The premise: this student studies where counsellor1 works, not counsellor2.
    assert_eq!(
        t.unit.as_ref().map(|u| u.code.as_str()),
        Some("college-economics")
    );
    refused(other_college.student_transcript(me).await, 404, "not_found");
    refused(other_student.student_transcript(me).await, 404, "not_found");

    // Issued, then confirmed by anyone: the name, number and totals, nothing more.
    let issued = student.issue_transcript().await.unwrap();
    assert_eq!(issued.code.len(), 12);
    assert_eq!(issued.verify_path, format!("/verify/{}", issued.code));
    let anyone = app.client();
    let seen = anyone.verify_transcript(&issued.code).await.unwrap();
    assert_eq!(
        (seen.hours, seen.name.clone()),
        (2, t.student.display_name.clone())
    );
    assert_eq!(seen.student_no, t.student_no);
    let raw = app
        .http
        .get(app.url(&format!(
            "/api/v1/transcripts/{}",
            issued.code.to_lowercase()
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 200);
    let body: serde_json::Value = raw.json().await.unwrap();
    let mut keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["code", "hours", "issued_at", "name", "student_no", "totals"]
    );
    refused(
        anyone.verify_transcript("AAAAAAAAAAAA").await,
        404,
        "not_found",
    );
    // Staff do not issue transcripts.
    refused(organiser.issue_transcript().await, 403, "forbidden");

    // The PDF of the copy: its student's only, with the public page linked on it.
    let pdf = student.transcript_pdf(&issued.code).await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let link = format!("/verify/{}", issued.code);
    assert!(
        pdf.windows(link.len()).any(|w| w == link.as_bytes()),
        "the PDF links to {link}"
    );
    refused(
        other_student.transcript_pdf(&issued.code).await,
        404,
        "not_found",
    );
    refused(
        organiser.transcript_pdf(&issued.code).await,
        404,
        "not_found",
    );

    // The college's summary: the student's hours, and who has none in a category.
    let college = t.unit.clone().expect("a student of a college");
    let sum = organiser.transcript_summary(None, None).await.unwrap();
    assert_eq!((sum.unit.id, sum.year), (college.id, 2026));
    assert_eq!(sum.from.to_string(), "2026-08-01");
    let me_row = sum
        .students
        .iter()
        .find(|s| s.student.id == me)
        .expect("the student is in the summary");
    assert_eq!(me_row.hours, 2);
    assert!(!me_row.missing.contains(&Category::Labour));
    assert_eq!(me_row.missing.len(), 4);
    let labour = sum
        .gaps
        .iter()
        .find(|g| g.category == Category::Labour)
        .unwrap();
    assert_eq!(labour.students as usize, sum.students.len() - 1);
    // Last year's has none of it; students and other units' staff may not ask.
    let last = organiser
        .transcript_summary(None, Some(2025))
        .await
        .unwrap();
    assert!(last.students.iter().all(|s| s.hours == 0));
    refused(
        student.transcript_summary(None, None).await,
        403,
        "forbidden",
    );
    let logistics = app.login("handler1").await;
    refused(
        logistics.transcript_summary(Some(college.id), None).await,
        403,
        "forbidden",
    );
    refused(
        organiser.transcript_summary(None, Some(1999)).await,
        400,
        "validation",
    );
    let admin = app.login("admin").await;
    let seen = admin
        .transcript_summary(Some(college.id), None)
        .await
        .unwrap();
    assert_eq!(seen.students.len(), sum.students.len());

    // The copy stays as issued: a later removal changes the transcript, not
    // what the code confirms.
    organiser
        .correct_attendance(
            a.id,
            &CorrectAttendanceRequest {
                student_id: me,
                present: false,
                reason: "签到后离场".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(student.my_transcript().await.unwrap().hours, 0);
    let still = anyone.verify_transcript(&issued.code).await.unwrap();
    assert_eq!(still.hours, 2);
}

//! After a session begins: who came, what they thought of it, and a
//! student's question given to a unit, whose answer the student sees.

use crate::helpers::{refused, Backend, TestApp};
use crate::talks::{hall, students, talk};
use crate::visits::december_first;
use chrono::Duration;
use onestop_client::NotificationQuery;
use onestop_domain::community::follow_ups::FollowUpState;
use onestop_domain::community::talks::wire::{
    ApplyRequest, AttendanceRequest, FeedbackRequest, RaiseFollowUpRequest,
};
use onestop_domain::community::talks::ApplicationState;
use onestop_domain::community::wire::AnswerFollowUpRequest;
use onestop_domain::dates::Day;
use onestop_domain::notify::NotificationKind;

both_backends!(attendance_feedback_and_a_question_answered_by_a_unit);

async fn attendance_feedback_and_a_question_answered_by_a_unit(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let hall = hall(&app).await;
    let host = app.login("counsellor1").await;
    let names = students(&app, 3).await;
    let t = host.create_talk(&talk(hall.id, 2, 2)).await.unwrap();
    for (i, n) in names.iter().enumerate() {
        app.login(n)
            .await
            .apply_for_talk(
                t.id,
                &ApplyRequest {
                    question: format!("社区问题{i}：晚上热水不够用"),
                },
            )
            .await
            .unwrap();
    }
    app.clock.advance(Duration::hours(33));
    let host = app.login("counsellor1").await;
    host.draw_talk(t.id).await.unwrap();
    let all = host.talk_applications(t.id).await.unwrap();
    let placed: Vec<_> = all
        .iter()
        .filter(|a| a.state == ApplicationState::Placed)
        .collect();
    let waiting = all
        .iter()
        .find(|a| a.state == ApplicationState::Waiting)
        .unwrap();
    assert_eq!(placed.len(), 2);
    let (came, absent) = (placed[0], placed[1]);
    let present = AttendanceRequest {
        present: vec![came.id],
    };
    refused(
        host.record_attendance(t.id, &present).await,
        409,
        "talk_not_started",
    );

    // 15:00 on the day: it has begun.
    app.clock.advance(Duration::hours(20));
    let host = app.login("counsellor1").await;
    let p = refused(
        host.record_attendance(
            t.id,
            &AttendanceRequest {
                present: vec![waiting.id],
            },
        )
        .await,
        422,
        "validation",
    );
    assert_eq!(
        (p.errors[0].field.as_str(), p.errors[0].code.as_str()),
        ("present[0]", "not_placed")
    );
    let other = app.login("counsellor2").await;
    refused(
        other.record_attendance(t.id, &present).await,
        403,
        "forbidden",
    );
    let after = host.record_attendance(t.id, &present).await.unwrap();
    let of = |id| after.iter().find(|a| a.id == id).unwrap().attended;
    assert_eq!((of(came.id), of(absent.id)), (Some(true), Some(false)));
    assert_eq!(of(waiting.id), None, "no place, no record");

    let login_of = |student: onestop_domain::UserId| {
        let names = names.clone();
        let app = &app;
        async move {
            for n in &names {
                let c = app.login(n).await;
                if c.me().await.unwrap().id == student {
                    return c;
                }
            }
            panic!("no such student");
        }
    };
    let student = login_of(came.student.id).await;
    let missed = login_of(absent.student.id).await;
    let rated = FeedbackRequest {
        rating: 5,
        comment: "收获很大".into(),
    };
    refused(
        missed.talk_feedback(t.id, absent.id, &rated).await,
        409,
        "not_attended",
    );
    refused(
        missed.talk_feedback(t.id, came.id, &rated).await,
        404,
        "not_found",
    );
    let mine = student.talk_feedback(t.id, came.id, &rated).await.unwrap();
    assert_eq!(
        (mine.rating, mine.feedback.as_deref()),
        (Some(5), Some("收获很大"))
    );
    refused(
        student.talk_feedback(t.id, came.id, &rated).await,
        409,
        "feedback_given",
    );

    // The host gives the question to logistics; the student sees the answer.
    let raise = RaiseFollowUpRequest {
        text: came.question.clone(),
        unit: "logistics".into(),
        due_on: Day::try_from(app.today() + Duration::days(7)).unwrap(),
    };
    refused(
        student.raise_talk_follow_up(t.id, came.id, &raise).await,
        403,
        "forbidden",
    );
    let mut bad = raise.clone();
    bad.unit = "nowhere".into();
    refused(
        host.raise_talk_follow_up(t.id, came.id, &bad).await,
        422,
        "validation",
    );
    let raised = host
        .raise_talk_follow_up(t.id, came.id, &raise)
        .await
        .unwrap();
    let f = raised.follow_up.clone().unwrap();
    assert_eq!((f.state, f.talk_id), (FollowUpState::Open, Some(t.id)));
    assert_eq!(
        f.raised_by.id, came.student.id,
        "raised in the student's name"
    );
    refused(
        host.raise_talk_follow_up(t.id, came.id, &raise).await,
        409,
        "follow_up_exists",
    );
    let handler = app.login("handler1").await; // 后勤处
    handler
        .answer_follow_up(
            f.id,
            &AnswerFollowUpRequest {
                answer: "下周起延长热水供应至23:30".into(),
                version: f.version,
            },
        )
        .await
        .unwrap();
    let mine = student.get_talk(t.id).await.unwrap().mine.unwrap();
    assert_eq!(
        mine.follow_up.unwrap().answer.as_deref(),
        Some("下周起延长热水供应至23:30")
    );
    let told = student
        .list_notifications(&NotificationQuery::default())
        .await
        .unwrap();
    assert!(told
        .items
        .iter()
        .any(|n| n.kind == NotificationKind::FollowUpAnswered));
}

//! Who sees a 思政课堂 session (students: open to all, to their college or
//! their building, or applied for; staff: all) and who runs it (its hosts,
//! the office of its place, administrators).

use crate::helpers::{refused, Backend, TestApp};
use crate::talks::{ask, hall, talk};
use crate::visits::december_first;
use chrono::Duration;
use onestop_client::TalkQuery;
use onestop_domain::community::talks::wire::TalkView;

both_backends!(who_sees_and_runs_a_session);

async fn who_sees_and_runs_a_session(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let hall = hall(&app).await;
    let host = app.login("counsellor1").await;
    let (s1, s2) = (app.login("student1").await, app.login("student2").await);

    // For X1's residents only: student1 lives there, student2 in Z1.
    let mut x1_only = talk(hall.id, 2, 5);
    x1_only.audience_building_id = Some(hall.place.id);
    let t = host.create_talk(&x1_only).await.unwrap();
    // For 经济学院 only: student1's college.
    let mut college = talk(hall.id, 3, 5);
    college.audience_unit_id = s1.me().await.unwrap().unit.map(|u| u.id);
    let c = host.create_talk(&college).await.unwrap();

    let listed = |p: onestop_domain::page::Page<TalkView>| {
        p.items.into_iter().map(|t| t.id).collect::<Vec<_>>()
    };
    let mine = listed(s1.list_talks(&TalkQuery::default()).await.unwrap());
    assert!(mine.contains(&t.id) && mine.contains(&c.id));
    let theirs = listed(s2.list_talks(&TalkQuery::default()).await.unwrap());
    assert!(!theirs.contains(&t.id) && !theirs.contains(&c.id));
    refused(s2.get_talk(t.id).await, 404, "not_found");
    refused(
        s2.apply_for_talk(c.id, &ask("可以吗")).await,
        404,
        "not_found",
    );
    let a = s1.apply_for_talk(t.id, &ask("自习室")).await.unwrap();

    // Staff read every session; only its hosts and the office of its place run it.
    let other = app.login("counsellor2").await;
    assert!(!other.get_talk(t.id).await.unwrap().runs);
    assert_eq!(other.talk_applications(t.id).await.unwrap(), Vec::new());
    let office = app.login("office1").await; // heads 庠园, where X1 is
    assert!(office.get_talk(t.id).await.unwrap().runs);
    assert_eq!(office.talk_applications(t.id).await.unwrap().len(), 1);
    let hosted = listed(
        host.list_talks(&TalkQuery {
            hosted_by_me: true,
            ..Default::default()
        })
        .await
        .unwrap(),
    );
    assert_eq!(hosted.len(), 2);
    assert!(listed(
        other
            .list_talks(&TalkQuery {
                hosted_by_me: true,
                ..Default::default()
            })
            .await
            .unwrap()
    )
    .is_empty());
    // A student sees their own application only.
    assert_eq!(s1.talk_applications(t.id).await.unwrap(), vec![a.clone()]);
    let applied = listed(
        s1.list_talks(&TalkQuery {
            applied_by_me: true,
            ..Default::default()
        })
        .await
        .unwrap(),
    );
    assert_eq!(applied, vec![t.id]);

    app.clock.advance(Duration::hours(33));
    let other = app.login("counsellor2").await;
    refused(other.draw_talk(t.id).await, 403, "forbidden");
    app.login("office1").await.draw_talk(t.id).await.unwrap();
}

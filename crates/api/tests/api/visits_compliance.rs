//! Who is behind the visit rules, by person, unit and community, as JSON
//! and CSV; and the reminder a week before a period ends.

use crate::helpers::{Backend, TestApp};
use crate::visits::{december_first, row, standing};
use chrono::{DateTime, Duration, Utc};
use onestop_client::{ComplianceQuery, NotificationQuery};
use onestop_domain::community::period::Per;
use onestop_domain::notify::NotificationKind;

both_backends!(
    compliance_names_who_is_behind,
    leaders_behind_are_reminded_once_in_the_last_week,
);

async fn compliance_names_who_is_behind(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let admin = app.login("admin").await;
    let now = standing(&admin, "2026-12-01", None).await;
    assert_eq!(now.rows.len(), 5, "{now:?}");
    let met = |name: &str| (row(&now, name).met, row(&now, name).shortfall);
    assert_eq!(
        met("黄书记"),
        (true, 0),
        "a dorm visit in the linked community"
    );
    assert_eq!(met("马校长"), (false, 1), "no visit");
    assert_eq!(
        met("林副校长"),
        (false, 1),
        "a forum does not count for a school leader"
    );
    assert_eq!(met("钱处长"), (true, 0), "work in the community this month");
    assert_eq!(met("何院长"), (false, 1), "only last month");
    assert!(
        now.rows[0].shortfall >= now.rows[4].shortfall,
        "behind first"
    );
    assert_eq!(now.by_community.len(), 3);
    assert!(now.by_community.iter().all(|t| t.bound == 1));
    let office = now
        .by_unit
        .iter()
        .find(|t| t.key == "general-office")
        .unwrap();
    assert_eq!((office.bound, office.met, office.behind), (3, 1, 2));
    let monthly = standing(&admin, "2026-12-01", Some(Per::Month)).await;
    assert_eq!(monthly.rows.len(), 2, "the unit heads");
    let csv = admin
        .visit_compliance_csv(&ComplianceQuery {
            on: Some("2026-12-01".into()),
            per: None,
        })
        .await
        .unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with("\u{feff}姓名,职责"), "{text}");
    assert!(text.contains("2026年秋季学期"), "{text}");
    assert_eq!(text.lines().count(), 6);
}

async fn leaders_behind_are_reminded_once_in_the_last_week(b: Backend) {
    // 10:00 on 24 December in campus time: eight days of December left.
    let start: DateTime<Utc> = "2026-12-24T02:00:00Z".parse().unwrap();
    let app = TestApp::on(b).at(start).spawn().await;
    assert_eq!(app.run_visit_reminders().await, 0, "not yet the last week");
    app.clock.advance(Duration::days(1));
    assert_eq!(
        app.run_visit_reminders().await,
        1,
        "head2, behind in December"
    );
    assert_eq!(app.run_visit_reminders().await, 0, "told once");
    let head2 = app.login("head2").await;
    let told = head2
        .list_notifications(&NotificationQuery::default())
        .await
        .unwrap()
        .items;
    let n = told
        .iter()
        .find(|n| n.kind == NotificationKind::VisitsBehind)
        .expect("a reminder");
    let v = n.data.visits.as_ref().unwrap();
    assert_eq!((v.period.as_str(), v.visits, v.minimum), ("2026-12", 0, 1));
    assert_eq!(v.last_day.to_string(), "2026-12-31");
    let head1 = app.login("head1").await;
    let none = head1
        .list_notifications(&NotificationQuery::default())
        .await
        .unwrap()
        .items;
    assert!(
        !none
            .iter()
            .any(|n| n.kind == NotificationKind::VisitsBehind),
        "head1 met it"
    );
    // The semester's last week: the school leaders behind, and both heads in January.
    app.clock.advance(Duration::days(31));
    assert_eq!(app.run_visit_reminders().await, 4);
}

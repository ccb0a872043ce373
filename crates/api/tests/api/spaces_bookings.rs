//! Booking a space's slots: the slot rules in campus time, the office's
//! approval, cancelling — and two bookings of one space never overlap, even
//! when many callers ask at once (on PostgreSQL, even when the application's
//! own check cannot see the other transaction).

use crate::helpers::{building, refused, Backend, TestApp};
use crate::spaces::{communities, space};
use crate::visits::december_first;
use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use onestop_client::{BookingQuery, Client, NotificationQuery};
use onestop_domain::community::spaces::wire::{
    BookingView, CancelBookingRequest, CreateBookingRequest, DecideBookingRequest, SpaceView,
};
use onestop_domain::community::spaces::{Booker, BookingState};
use onestop_domain::dates::Moment;
use onestop_domain::notify::NotificationKind;
use onestop_domain::SpaceId;

both_backends!(
    a_slot_follows_the_rules_in_campus_time,
    a_booking_waits_for_the_office_where_the_space_asks,
    many_bookings_at_once_one_wins,
    the_database_refuses_an_overlap_the_application_missed,
);

mod postgres_only {
    #[actix_web::test]
    async fn a_booking_waits_for_another_in_flight_then_is_refused() {
        super::a_booking_waits_for_another_in_flight_then_is_refused().await
    }
}

/// `hh:mm` on 2 December 2026, campus time (the day after `december_first`).
fn dec2(hh: u32, mm: u32) -> DateTime<Utc> {
    "2026-12-01T16:00:00Z".parse::<DateTime<Utc>>().unwrap()
        + Duration::hours(hh.into())
        + Duration::minutes(mm.into())
}

pub fn slot(space_id: SpaceId, starts: DateTime<Utc>, ends: DateTime<Utc>) -> CreateBookingRequest {
    CreateBookingRequest {
        space_id,
        starts_at: Moment::try_from(starts).unwrap(),
        ends_at: Moment::try_from(ends).unwrap(),
        purpose: "支部主题党日".into(),
        attendees: 20,
    }
}

async fn open_space(app: &TestApp, open_to: &[Booker], needs_approval: bool) -> SpaceView {
    let office = app.login("office1").await;
    let x1 = building(&office, "X1").await.id;
    office
        .create_space(&space(x1, open_to, needs_approval))
        .await
        .unwrap()
}

fn field_code(p: &onestop_domain::problem::Problem) -> (&str, &str) {
    (p.errors[0].field.as_str(), p.errors[0].code.as_str())
}

async fn a_slot_follows_the_rules_in_campus_time(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let home = open_space(&app, &[Booker::Staff], false).await;
    let teacher = app.login("counsellor1").await;

    let first = teacher
        .book(&slot(home.id, dec2(14, 0), dec2(16, 0)))
        .await
        .unwrap();
    assert_eq!(first.state, BookingState::Approved, "no approval asked");
    assert!(first.may_cancel && !first.may_decide);
    // Touching ends are no overlap; a shared quarter hour is.
    teacher
        .book(&slot(home.id, dec2(16, 0), dec2(17, 0)))
        .await
        .unwrap();
    let p = refused(
        teacher
            .book(&slot(home.id, dec2(15, 45), dec2(18, 0)))
            .await,
        409,
        "booking_overlaps",
    );
    assert!(
        p.detail.contains("12-02 14:00"),
        "names the slot in campus time: {}",
        p.detail
    );

    let cases = [
        ((dec2(9, 10), dec2(10, 0)), ("starts_at", "granularity")),
        ((dec2(7, 0), dec2(9, 0)), ("ends_at", "outside_hours")),
        ((dec2(21, 0), dec2(22, 15)), ("ends_at", "outside_hours")),
        ((dec2(8, 0), dec2(16, 15)), ("ends_at", "too_long")),
        ((dec2(10, 0), dec2(10, 0)), ("ends_at", "before_start")),
        (
            (december_first() - Duration::hours(1), december_first()),
            ("starts_at", "past"),
        ),
        (
            (
                dec2(9, 0) + Duration::days(61),
                dec2(10, 0) + Duration::days(61),
            ),
            ("starts_at", "too_far"),
        ),
    ];
    for ((s, e), expected) in cases {
        let p = refused(teacher.book(&slot(home.id, s, e)).await, 422, "validation");
        assert_eq!(field_code(&p), expected, "{s}–{e}");
    }
    let mut crowd = slot(home.id, dec2(9, 0), dec2(10, 0));
    crowd.attendees = 41;
    let p = refused(teacher.book(&crowd).await, 422, "validation");
    assert_eq!(field_code(&p), ("attendees", "over_capacity"));

    // A student may not book a space open to staff only.
    let student = app.login("student1").await;
    refused(
        student.book(&slot(home.id, dec2(9, 0), dec2(10, 0))).await,
        403,
        "forbidden",
    );

    // The calendar shows the day's bookings to everyone, in time order.
    let day = BookingQuery {
        space: Some(home.id),
        from: Some("2026-12-02".into()),
        days: Some(1),
        ..Default::default()
    };
    let seen = student.list_bookings(&day).await.unwrap();
    let times: Vec<_> = seen.iter().map(|b| b.starts_at).collect();
    assert_eq!(times, [dec2(14, 0), dec2(16, 0)]);
    assert!(seen.iter().all(|b| !b.may_cancel && !b.may_decide));
    let next_day = BookingQuery {
        from: Some("2026-12-03".into()),
        ..day.clone()
    };
    assert!(student.list_bookings(&next_day).await.unwrap().is_empty());
    let mut too_many = day.clone();
    too_many.days = Some(63);
    refused(student.list_bookings(&too_many).await, 400, "validation");
}

async fn decide(
    c: &Client,
    b: &BookingView,
    approve: bool,
    note: &str,
) -> onestop_client::Result<BookingView> {
    c.decide_booking(
        b.id,
        &DecideBookingRequest {
            approve,
            note: note.into(),
            version: b.version,
        },
    )
    .await
}

async fn kinds(c: &Client) -> Vec<NotificationKind> {
    c.list_notifications(&NotificationQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|n| n.kind)
        .collect()
}

async fn a_booking_waits_for_the_office_where_the_space_asks(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let home = open_space(&app, &[Booker::Students], true).await;
    let student = app.login("student1").await;
    let office = app.login("office1").await;
    let admin = app.login("admin").await;

    let asked = student
        .book(&slot(home.id, dec2(19, 0), dec2(21, 0)))
        .await
        .unwrap();
    assert_eq!(asked.state, BookingState::Pending);
    // Pending holds the slot.
    let student2 = app.login("student2").await;
    refused(
        student2
            .book(&slot(home.id, dec2(20, 0), dec2(21, 0)))
            .await,
        409,
        "booking_overlaps",
    );
    assert!(kinds(&office)
        .await
        .contains(&NotificationKind::BookingRequested));
    let waiting = office
        .list_bookings(&BookingQuery {
            kept: true,
            state: Some(BookingState::Pending),
            from: Some("2026-12-01".into()),
            days: Some(60),
            ..Default::default()
        })
        .await
        .unwrap();
    // With the demo's own waiting bookings, each in a space office1 keeps.
    assert!(waiting.iter().any(|w| w.id == asked.id));
    assert!(waiting
        .iter()
        .all(|w| w.may_decide && w.state == BookingState::Pending));
    refused(
        student
            .list_bookings(&BookingQuery {
                kept: true,
                ..Default::default()
            })
            .await,
        403,
        "forbidden",
    );

    // Only who keeps the space decides; a refusal says why.
    refused(decide(&student, &asked, true, "").await, 403, "forbidden");
    let counsellor = app.login("counsellor1").await;
    refused(
        decide(&counsellor, &asked, true, "").await,
        403,
        "forbidden",
    );
    refused(
        decide(&office, &asked, false, "  ").await,
        400,
        "validation",
    );
    let approved = decide(&office, &asked, true, "").await.unwrap();
    assert_eq!(approved.state, BookingState::Approved);
    assert_eq!(
        approved.decided_by.as_ref().map(|p| p.id),
        office.me().await.ok().map(|m| m.id)
    );
    refused(
        decide(&office, &approved, false, "改期").await,
        409,
        "not_pending",
    );
    refused(decide(&office, &asked, true, "").await, 409, "not_pending");
    assert!(kinds(&student)
        .await
        .contains(&NotificationKind::BookingDecided));

    // The booker cancels; the slot is free at once; a second cancel has nothing to do.
    let cancel = |v: &BookingView| CancelBookingRequest {
        note: String::new(),
        version: v.version,
    };
    refused(
        student2
            .cancel_booking(approved.id, &cancel(&approved))
            .await,
        403,
        "forbidden",
    );
    let gone = student
        .cancel_booking(approved.id, &cancel(&approved))
        .await
        .unwrap();
    assert_eq!(gone.state, BookingState::Cancelled);
    refused(
        student.cancel_booking(gone.id, &cancel(&gone)).await,
        409,
        "not_cancellable",
    );
    let again = student2
        .book(&slot(home.id, dec2(20, 0), dec2(21, 0)))
        .await
        .unwrap();

    // The office cancels someone's booking with a reason, and they are told.
    let why = CancelBookingRequest {
        note: "场地检修".into(),
        version: again.version,
    };
    let pending = office.cancel_booking(again.id, &why).await.unwrap();
    assert_eq!(
        (pending.state, pending.note.as_deref()),
        (BookingState::Cancelled, Some("场地检修"))
    );
    assert!(kinds(&student2)
        .await
        .contains(&NotificationKind::BookingCancelled));

    // 庠园's office keeps nothing in 智园.
    let (_, zhi) = communities(&admin).await;
    let cinema = admin
        .create_space(&space(zhi, &[Booker::Staff], true))
        .await
        .unwrap();
    let theirs = app
        .login("counsellor2")
        .await
        .book(&slot(cinema.id, dec2(19, 0), dec2(21, 0)))
        .await
        .unwrap();
    refused(decide(&office, &theirs, true, "").await, 403, "forbidden");
    assert!(!office
        .list_bookings(&BookingQuery {
            kept: true,
            from: Some("2026-12-02".into()),
            days: Some(1),
            ..Default::default()
        })
        .await
        .unwrap()
        .iter()
        .any(|b| b.id == theirs.id));
    decide(&admin, &theirs, false, "当天已有放映安排")
        .await
        .unwrap();
}

/// Every holding booking of the space, pairwise: none shares a moment.
async fn no_two_overlap(c: &Client, space: SpaceId) -> usize {
    let all = c
        .list_bookings(&BookingQuery {
            space: Some(space),
            from: Some("2026-12-01".into()),
            days: Some(7),
            ..Default::default()
        })
        .await
        .unwrap();
    let held: Vec<_> = all.iter().filter(|b| b.state.holds()).collect();
    for (i, a) in held.iter().enumerate() {
        for b in &held[i + 1..] {
            assert!(
                a.ends_at <= b.starts_at || b.ends_at <= a.starts_at,
                "{a:?} overlaps {b:?}"
            );
        }
    }
    held.len()
}

async fn many_bookings_at_once_one_wins(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let home = open_space(&app, &[Booker::Staff], false).await;
    let staff: Vec<Client> = join_all(
        [
            "counsellor1",
            "counsellor2",
            "office1",
            "handler1",
            "handler2",
            "admin",
        ]
        .map(|u| app.login(u)),
    )
    .await;
    // Each asks for an hour starting a quarter later than the last: every two overlap.
    let calls = staff.iter().enumerate().map(|(i, c)| {
        let start = dec2(10, 0) + Duration::minutes(15 * i as i64);
        let body = slot(home.id, start, start + Duration::hours(2));
        async move { c.book(&body).await }
    });
    let results = join_all(calls).await;
    let won = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, 1, "{results:?}");
    for r in results.into_iter().filter(|r| r.is_err()) {
        refused(r, 409, "booking_overlaps");
    }
    assert_eq!(no_two_overlap(&staff[0], home.id).await, 1);
}

async fn the_database_refuses_an_overlap_the_application_missed(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let home = open_space(&app, &[Booker::Staff], false).await;
    let teacher = app.login("counsellor1").await;
    let held = teacher
        .book(&slot(home.id, dec2(14, 0), dec2(16, 0)))
        .await
        .unwrap();
    let mut raw = crate::raw::Raw::open(&app);
    let insert = |id: &str, state: &str, from: &str, to: &str| {
        format!(
            "INSERT INTO bookings (id, space_id, booked_by, starts_at, ends_at, purpose, \
             attendees, state, version, created_at, updated_at) \
             SELECT '{id}', space_id, booked_by, '2026-12-02 {from}:00', '2026-12-02 {to}:00', \
             'x', 1, '{state}', 1, created_at, created_at FROM bookings WHERE id = '{}'",
            held.id
        )
    };
    // 14:00–16:00 campus is 06:00–08:00 as stored (UTC).
    let overlap = raw.try_execute(&insert(
        "00000000-0000-7000-8000-000000000001",
        "pending",
        "07:00",
        "09:00",
    ));
    assert!(overlap.unwrap_err().contains("bookings_no_overlap"));
    // A refused or cancelled booking holds nothing, and may overlap.
    let refused_row = raw.try_execute(&insert(
        "00000000-0000-7000-8000-000000000002",
        "rejected",
        "07:00",
        "09:00",
    ));
    assert_eq!(refused_row, Ok(1));
    // …until someone tries to bring it back to life.
    let revive = raw.try_execute(
        "UPDATE bookings SET state = 'approved' WHERE id = '00000000-0000-7000-8000-000000000002'",
    );
    assert!(revive.unwrap_err().contains("bookings_no_overlap"));
    assert_eq!(no_two_overlap(&teacher, home.id).await, 1);
}

/// On PostgreSQL the application's read cannot see a booking another
/// transaction has written and not committed; the exclusion constraint
/// makes the second insert wait for the first, then refuses it.
async fn a_booking_waits_for_another_in_flight_then_is_refused() {
    use diesel::RunQueryDsl;
    let app = TestApp::on(Backend::Postgres)
        .at(december_first())
        .spawn()
        .await;
    let home = open_space(&app, &[Booker::Staff], false).await;
    let teacher = app.login("counsellor1").await;
    let first = teacher
        .book(&slot(home.id, dec2(8, 0), dec2(9, 0)))
        .await
        .unwrap();
    let mut other = crate::races::hold(&app);
    diesel::sql_query(format!(
        "INSERT INTO bookings (id, space_id, booked_by, starts_at, ends_at, purpose, \
         attendees, state, version, created_at, updated_at) \
         SELECT '00000000-0000-7000-8000-000000000003', space_id, booked_by, \
         '2026-12-02 06:00:00', '2026-12-02 08:00:00', 'x', 1, 'approved', 1, created_at, created_at \
         FROM bookings WHERE id = '{}'",
        first.id
    ))
    .execute(&mut other)
    .unwrap();
    let body = slot(home.id, dec2(15, 0), dec2(17, 0));
    let c = teacher.clone();
    let pending = crate::races::waits(async move { c.book(&body).await }).await;
    diesel::sql_query("COMMIT").execute(&mut other).unwrap();
    refused(pending.await.unwrap(), 409, "booking_overlaps");
    assert_eq!(no_two_overlap(&teacher, home.id).await, 2);
}

//! The demo data never lies in the future of the clock it is seeded with,
//! whatever the day of the month: early on the first, "last month" has only
//! just closed and two days after its end is still to come.

use crate::helpers::{Backend, TestApp};
use crate::raw::Raw;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use onestop_api::seed::grid::DemoScale;

both_backends!(demo_data_is_never_in_the_future);

/// Campus time (UTC+8) on the first, second and last day of a month.
pub fn awkward_days() -> [DateTime<Utc>; 3] {
    [
        "2027-03-01T00:20:00+08:00",
        "2027-03-02T12:00:00+08:00",
        "2027-03-31T23:40:00+08:00",
    ]
    .map(|t| {
        DateTime::<FixedOffset>::parse_from_rfc3339(t)
            .unwrap()
            .to_utc()
    })
}

async fn demo_data_is_never_in_the_future(b: Backend) {
    let scale = DemoScale {
        requests: 60,
        reform_progress: true,
        sessions: true,
        ..DemoScale::TINY
    };
    for now in awkward_days() {
        let app = TestApp::on(b).at(now).scale(scale).spawn().await;
        let today = app.today();
        let mut conn = Raw::open(&app);
        let columns = conn.timestamp_columns();
        assert!(columns.len() > 30, "{columns:?}");
        // Deadlines and expiries lie ahead by nature; everything that happened may not.
        // So do the slots booked in a space and the sessions and activities announced: a calendar is about the days to come.
        let ahead = |t: &str, c: &str| {
            c.ends_with("_due")
                || c == "expires_at"
                || c == "locked_until"
                || (t == "bookings" && (c == "starts_at" || c == "ends_at"))
                || (t == "talks" && (c == "starts_at" || c == "ends_at" || c == "apply_by"))
                || (t == "activities" && (c == "starts_at" || c == "ends_at"))
        };
        for (table, column) in columns.iter().filter(|(t, c)| !ahead(t, c)) {
            if let Some(latest) = conn.latest(table, column) {
                assert!(
                    latest <= now.naive_utc(),
                    "{table}.{column} = {latest} is after {now}"
                );
            }
        }
        for (table, column) in [
            ("assignment_milestones", "done_on"),
            ("grid_posts", "starts_on"),
        ] {
            let latest: Option<NaiveDate> = conn.latest_date(table, column);
            assert!(
                latest.is_some_and(|d| d <= today),
                "{table}.{column}: {latest:?} on {today}"
            );
        }
        // The demo really reviewed reports and moved requests along at this time.
        assert!(conn.count("report_reviews") > 0);
        assert!(conn.count("request_events") > 60);
        // Two months of the dorm evaluation, the last one closed with its titles.
        assert!(conn.count("inspections") > 0);
        assert!(conn.count("evaluation_results") > 0);
    }
}

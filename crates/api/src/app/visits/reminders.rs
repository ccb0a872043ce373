//! A week before a period ends, each leader still behind the visit rule is
//! told, once per duty and period however many servers run the job.

use super::compliance::standings;
use crate::app::events;
use crate::app::AppResult;
use crate::db::repo::visits::duties;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::Connection;
use onestop_domain::community::visits::remind;
use onestop_domain::grid::local_date;
use onestop_domain::integration::events::{EventData, EventType, VisitsStanding};
use onestop_domain::notify::{NotificationData, NotificationKind, VisitsRef};
use std::collections::HashSet;

/// One pass; how many were reminded.
pub fn run_once(c: &mut DbConn, now: DateTime<Utc>) -> AppResult<usize> {
    let today = local_date(now);
    let due: Vec<_> = standings(c, today)?
        .into_iter()
        .filter(|(_, s)| remind(s, today))
        .collect();
    let ids: Vec<_> = due.iter().map(|(d, _)| d.id).collect();
    let periods: Vec<String> = due.iter().map(|(_, s)| s.period.to_string()).collect();
    let done: HashSet<_> = duties::reminded(c, &ids, &periods)?.into_iter().collect();
    let mut n = 0;
    for (d, s) in due {
        let period = s.period.to_string();
        if done.contains(&(d.id, period.clone())) {
            continue;
        }
        // Each in a savepoint: another server's reminder of the same one
        // fails on the key and leaves nothing of this one behind.
        let told = c.transaction::<_, diesel::result::Error, _>(|c| {
            duties::note_reminder(c, d.id, &period, now)?;
            let data = EventData::Visits(VisitsStanding {
                duty_id: d.id,
                person: d.user_id,
                period: period.clone(),
                last_day: s.period.last_day(),
                visits: s.visits,
                minimum: s.minimum,
            });
            let event = events::publish(c, EventType::VisitsBehind, &data, now)?;
            let about = NotificationData {
                visits: Some(VisitsRef {
                    period: period.clone(),
                    last_day: s.period.last_day(),
                    visits: s.visits,
                    minimum: s.minimum,
                }),
                ..Default::default()
            };
            events::notify(
                c,
                event,
                NotificationKind::VisitsBehind,
                [d.user_id],
                None,
                &about,
                now,
            )
        });
        match told {
            Ok(()) => n += 1,
            Err(e) => tracing::debug!(duty = %d.id, error = %e, "visit reminder skipped"),
        }
    }
    Ok(n)
}

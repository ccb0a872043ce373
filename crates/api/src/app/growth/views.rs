//! Activities and sign-ups as the wire shows them, for the caller: names,
//! counts and the caller's own records come from one query each per page.

use super::{reviewer, reviews, runs, Caller};
use crate::app::AppResult;
use crate::db::repo::grid::nodes;
use crate::db::repo::growth::{attendance, signups};
use crate::db::repo::{units, users};
use crate::db::rows::{from_db, ActivityRow, SignupRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::community::wire::PlaceRef;
use onestop_domain::grid::Level;
use onestop_domain::growth::wire::{ActivityReviewView, ActivityView, SignupView, StandardPoint};
use onestop_domain::growth::{open_for_signup, SignupState, Standard};
use onestop_domain::{ActivityId, Role};
use std::collections::HashMap;

/// The points of the standard a review found met, from their stored codes.
pub fn met_of(stored: &str) -> Vec<Standard> {
    stored.split(',').filter_map(Standard::parse).collect()
}

pub fn signup_views(c: &mut DbConn, rows: Vec<SignupRow>) -> AppResult<Vec<SignupView>> {
    let names = users::names(c, rows.iter().map(|r| r.student_id))?;
    let mut ids: Vec<ActivityId> = rows.iter().map(|r| r.activity_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let students: Vec<_> = rows.iter().map(|r| r.student_id).collect();
    // Who waits before whom, and who was recorded: one query each for the page.
    let mut waiting: HashMap<ActivityId, Vec<_>> = HashMap::new();
    for s in signups::waiting(c, &ids)? {
        waiting.entry(s.activity_id).or_default().push(s.id);
    }
    let presence: HashMap<_, _> = attendance::of_students(c, &ids, &students)?
        .into_iter()
        .map(|a| ((a.activity_id, a.student_id), a.presence))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| SignupView {
            id: r.id,
            activity_id: r.activity_id,
            student: names.person(r.student_id),
            state: r.state,
            ahead: (r.state == SignupState::Waiting).then(|| {
                let before = waiting
                    .get(&r.activity_id)
                    .map(|w| w.iter().take_while(|id| **id != r.id).count())
                    .unwrap_or(0);
                i32::try_from(before).unwrap_or(i32::MAX)
            }),
            presence: presence.get(&(r.activity_id, r.student_id)).copied(),
            version: r.version,
            created_at: from_db(r.created_at),
        })
        .collect())
}

pub fn activity_views(
    c: &mut DbConn,
    caller: &Caller,
    rows: Vec<ActivityRow>,
    now: DateTime<Utc>,
) -> AppResult<Vec<ActivityView>> {
    let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    let mut counts: HashMap<(ActivityId, SignupState), i32> = HashMap::new();
    for (id, state, n) in signups::counts(c, &ids)? {
        counts.insert((id, state), i32::try_from(n).unwrap_or(i32::MAX));
    }
    let present: HashMap<_, _> = attendance::present_counts(c, &ids)?.into_iter().collect();
    let mine_rows = if caller.roles.contains(Role::Student) {
        signups::mine(c, caller.id, &ids)?
    } else {
        Vec::new()
    };
    let mine: HashMap<_, _> = signup_views(c, mine_rows)?
        .into_iter()
        .map(|s| (s.activity_id, s))
        .collect();
    let names = users::names(
        c,
        rows.iter()
            .flat_map(|r| std::iter::once(r.organiser_id).chain(r.reviewed_by)),
    )?;
    let unit_ids: Vec<_> = rows.iter().map(|r| r.unit_id).collect();
    let unit_views: HashMap<_, _> = units::by_ids(c, &unit_ids)?
        .into_iter()
        .map(|u| (u.id, units::view(&u)))
        .collect();
    let refs = nodes::refs(c, rows.iter().map(|r| r.place_id))?;
    let who = reviewer(c, caller)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(unit) = unit_views.get(&r.unit_id).cloned() else {
            continue;
        };
        let (level, name) = refs
            .get(&r.place_id)
            .cloned()
            .unwrap_or((Level::Community, String::new()));
        let mine = mine.get(&r.id).cloned();
        let review = r.reviewed_by.zip(r.reviewed_at).map(|(by, at)| {
            let met = met_of(&r.review_met);
            ActivityReviewView {
                by: names.person(by),
                at: from_db(at),
                approved: r.state != onestop_domain::growth::ActivityState::Rejected,
                standard: Standard::ALL
                    .into_iter()
                    .map(|p| StandardPoint {
                        point: p,
                        text: p.text_zh().to_owned(),
                        met: met.contains(&p),
                    })
                    .collect(),
                note: r.review_note.clone(),
            }
        });
        let starts = from_db(r.starts_at);
        let may_sign_up = caller.roles.contains(Role::Student)
            && open_for_signup(r.state, starts, now)
            && mine.is_none();
        out.push(ActivityView {
            id: r.id,
            placed: counts
                .get(&(r.id, SignupState::Placed))
                .copied()
                .unwrap_or(0),
            waiting: counts
                .get(&(r.id, SignupState::Waiting))
                .copied()
                .unwrap_or(0),
            present: present
                .get(&r.id)
                .map(|n| i32::try_from(*n).unwrap_or(i32::MAX))
                .unwrap_or(0),
            runs: runs(caller, &r),
            reviews: reviews(caller, who, &r),
            organiser: names.person(r.organiser_id),
            place: PlaceRef {
                id: r.place_id,
                level,
                name,
            },
            unit,
            mine,
            may_sign_up,
            review,
            starts_at: starts,
            ends_at: from_db(r.ends_at),
            created_at: from_db(r.created_at),
            title: r.title,
            description: r.description,
            category: r.category,
            level: r.level,
            organisation: r.organisation,
            location: r.location,
            capacity: r.capacity,
            hours: r.hours,
            state: r.state,
            version: r.version,
        });
    }
    Ok(out)
}

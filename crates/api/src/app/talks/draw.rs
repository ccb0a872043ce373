//! The draw: when applications close, the entrants are ranked from the
//! seed committed when the session was announced, each weighing one more for
//! every draw lost since their last place; the first `places` are placed,
//! the rest wait in order. Run by the jobs at the deadline, or by the hosts
//! then; whichever comes first draws, once.

use super::{effects, found, require_runs};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::spaces::venues;
use crate::db::repo::talks::applications;
use crate::db::repo::talks::sessions::{self, Seen};
use crate::db::rows::{from_db, ApplicationRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::Connection;
use onestop_domain::community::talks::wire::{DrawView, EntrantView};
use onestop_domain::community::talks::{
    draw as ranked, weight, ApplicationState, Entrant, TalkState, METHOD,
};
use onestop_domain::problem::ProblemCode;
use onestop_domain::{TalkId, UserId};
use std::collections::HashMap;

/// Draw one open session whose applications have closed. `false`: someone
/// drew or cancelled it first.
fn draw_now(c: &mut DbConn, id: TalkId, now: DateTime<Utc>) -> AppResult<bool> {
    sessions::lock(c, id)?;
    let Some(row) = sessions::find_seen(c, id, &Seen::All)? else {
        return Ok(false);
    };
    if row.state != TalkState::Open || now < from_db(row.apply_by) {
        return Ok(false);
    }
    let entrants: Vec<ApplicationRow> = applications::of_talk(c, id)?
        .into_iter()
        .filter(|a| a.state == ApplicationState::Applied)
        .collect();
    let students: Vec<UserId> = entrants.iter().map(|a| a.student_id).collect();
    let mut history: HashMap<UserId, Vec<bool>> = HashMap::new();
    for (s, _, won) in applications::draw_history(c, &students)? {
        history.entry(s).or_default().push(won);
    }
    let weights: HashMap<String, u32> = entrants
        .iter()
        .map(|a| {
            let h = history.get(&a.student_id).map_or(&[][..], Vec::as_slice);
            (a.id.to_string(), weight(h))
        })
        .collect();
    let list: Vec<Entrant> = weights
        .iter()
        .map(|(id, &weight)| Entrant {
            id: id.clone(),
            weight,
        })
        .collect();
    if sessions::mark_drawn(c, id, now)? == 0 {
        return Ok(false);
    }
    let order = ranked(&row.seed, &list);
    let by_id: HashMap<String, &ApplicationRow> =
        entrants.iter().map(|a| (a.id.to_string(), a)).collect();
    let places = usize::try_from(row.places).unwrap_or(0);
    let mut in_order = Vec::with_capacity(order.len());
    for (i, app_id) in order.iter().enumerate() {
        let a = by_id
            .get(app_id)
            .ok_or_else(|| AppError::internal("the draw ranked an unknown entrant"))?;
        let rank = i32::try_from(i + 1).unwrap_or(i32::MAX);
        let w = i32::try_from(weights[app_id]).unwrap_or(1);
        applications::rank(c, a.id, rank, w, i < places, now)?;
        in_order.push((*a).clone());
    }
    let row = sessions::find_seen(c, id, &Seen::All)?
        .ok_or_else(|| AppError::not_found("this session"))?;
    let space = venues::find(c, row.space_id)?
        .ok_or_else(|| AppError::internal(format!("session {id} without its space")))?;
    effects::drawn(c, &row, &space, &in_order, now)?;
    Ok(true)
}

/// The hosts (or the office) draw as soon as applications have closed,
/// without waiting for the jobs.
pub fn draw(
    c: &mut DbConn,
    caller: &Caller,
    id: TalkId,
    now: DateTime<Utc>,
) -> AppResult<DrawView> {
    let (row, space) = found(c, caller, id)?;
    require_runs(c, caller, &row, &space)?;
    match row.state {
        TalkState::Drawn => {
            return Err(AppError::Conflict {
                code: ProblemCode::AlreadyDrawn,
                detail: "this session's places are drawn already".into(),
            })
        }
        TalkState::Cancelled => {
            return Err(AppError::Conflict {
                code: ProblemCode::TalkCancelled,
                detail: "this session is cancelled".into(),
            })
        }
        TalkState::Open => {}
    }
    if now < from_db(row.apply_by) {
        return Err(AppError::Conflict {
            code: ProblemCode::ApplicationsOpen,
            detail: "applications are still open; the draw follows their deadline".into(),
        });
    }
    if !draw_now(c, id, now)? {
        return Err(AppError::Conflict {
            code: ProblemCode::AlreadyDrawn,
            detail: "someone drew this session a moment ago".into(),
        });
    }
    record(c, caller, id)
}

/// The draw's record, for anyone who sees the session: the seed, the
/// entrants by application id with their weights and ranks.
pub fn record(c: &mut DbConn, caller: &Caller, id: TalkId) -> AppResult<DrawView> {
    let (row, _) = found(c, caller, id)?;
    let drawn_at = row
        .drawn_at
        .ok_or_else(|| AppError::not_found("the draw of this session (not drawn yet)"))?;
    let entrants = applications::of_talk(c, id)?
        .into_iter()
        .filter_map(|a| {
            Some(EntrantView {
                application_id: a.id,
                weight: a.weight?,
                rank: a.rank?,
                placed_by_draw: a.placed_by_draw?,
            })
        })
        .collect();
    Ok(DrawView {
        talk_id: id,
        seed: row.seed,
        seed_sha256: row.seed_sha256,
        places: row.places,
        drawn_at: from_db(drawn_at),
        method: METHOD.to_owned(),
        entrants,
    })
}

/// One pass of the jobs: draw every session whose applications have closed,
/// each in its own savepoint; how many were drawn.
pub fn run_once(c: &mut DbConn, now: DateTime<Utc>) -> AppResult<usize> {
    let mut n = 0;
    for id in sessions::due(c, now, 100)? {
        let done = c.transaction::<_, AppError, _>(|c| draw_now(c, id, now));
        match done {
            Ok(true) => n += 1,
            Ok(false) => {}
            Err(e) => tracing::warn!(talk = %id, error = %e, "draw failed; retried next run"),
        }
    }
    Ok(n)
}

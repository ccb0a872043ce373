//! Announcing a session (its time booked in its space in the same
//! transaction), reading sessions, and cancelling one that has not started.

use super::{audience, effects, found, require_runs, seen, talk_views, Audience};
use crate::app::spaces::bookings;
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::nodes;
use crate::db::repo::spaces::venues;
use crate::db::repo::talks::{applications, sessions};
use crate::db::repo::{units, users};
use crate::db::rows::{from_db, to_db, TalkHostRow, TalkRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::community::spaces::keeps;
use onestop_domain::community::spaces::wire::CreateBookingRequest;
use onestop_domain::community::talks::wire::{CancelTalkRequest, CreateTalkRequest, TalkView};
use onestop_domain::community::talks::{check_deadline, commitment, ApplicationState, TalkState};
use onestop_domain::grid::Level;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{FieldError, TalkId, UserId, ValidationErrors};

pub use crate::db::repo::talks::sessions::TalkFilter;

/// A field error of the booking, named as the session's request names it.
fn as_talk(e: AppError) -> AppError {
    match e {
        AppError::Validation(v) => AppError::Validation(ValidationErrors(
            v.0.into_iter()
                .map(|f| {
                    let field = match f.field.as_str() {
                        "attendees" => "places".to_owned(),
                        "purpose" => "topic".to_owned(),
                        other => other.to_owned(),
                    };
                    FieldError { field, ..f }
                })
                .collect(),
        )),
        other => other,
    }
}

fn hosts_checked(
    c: &mut DbConn,
    caller: &Caller,
    req: &CreateTalkRequest,
) -> AppResult<Vec<UserId>> {
    let hosts = if req.hosts.is_empty() {
        vec![caller.id]
    } else {
        req.hosts.clone()
    };
    let mut errs = ValidationErrors::new();
    for (i, h) in hosts.iter().enumerate() {
        match users::find(c, *h)? {
            Some(a) if a.row.active && a.roles.is_staff() => {}
            Some(a) if a.row.active => errs.push(FieldError::new(
                format!("hosts[{i}]"),
                "not_staff",
                "hosts are staff: teachers, counsellors, leaders",
            )),
            _ => errs.push(FieldError::new(
                format!("hosts[{i}]"),
                "unknown",
                "no such active account",
            )),
        }
    }
    Ok(errs.finish(|| Some(hosts))?)
}

fn audience_checked(c: &mut DbConn, req: &CreateTalkRequest) -> AppResult<()> {
    if let Some(u) = req.audience_unit_id {
        if units::by_ids(c, &[u])?.is_empty() {
            return Err(AppError::field(
                "audience_unit_id",
                "unknown",
                "no such unit",
            ));
        }
    }
    if let Some(b) = req.audience_building_id {
        match nodes::find(c, b)? {
            Some(n) if n.archived_at.is_none() && n.level == Level::Building => {}
            Some(n) if n.archived_at.is_none() => {
                return Err(AppError::field(
                    "audience_building_id",
                    "wrong_level",
                    "name a building",
                ))
            }
            _ => {
                return Err(AppError::field(
                    "audience_building_id",
                    "unknown",
                    "no such building",
                ))
            }
        }
    }
    Ok(())
}

pub fn create(
    c: &mut DbConn,
    caller: &Caller,
    req: &CreateTalkRequest,
    now: DateTime<Utc>,
) -> AppResult<TalkView> {
    caller.require_staff()?;
    req.check()?;
    let (starts, ends, apply_by) = (req.starts_at.get(), req.ends_at.get(), req.apply_by.get());
    check_deadline(apply_by, starts, now)?;
    let hosts = hosts_checked(c, caller, req)?;
    let space = venues::find(c, req.space_id)?
        .ok_or_else(|| AppError::field("space_id", "unknown", "no such space"))?;
    if !hosts.contains(&caller.id)
        && !keeps(
            &caller.roles,
            &caller.scope,
            space.community_id,
            space.building_id,
        )
    {
        return Err(AppError::field(
            "hosts",
            "not_host",
            "include yourself among the hosts; the community office announces sessions for others",
        ));
    }
    audience_checked(c, req)?;
    let purpose: String = format!("思政课堂：{}", req.topic.trim())
        .chars()
        .take(onestop_domain::community::spaces::MAX_PURPOSE_CHARS)
        .collect();
    let booking = bookings::create(
        c,
        caller,
        &CreateBookingRequest {
            space_id: req.space_id,
            starts_at: req.starts_at,
            ends_at: req.ends_at,
            purpose,
            attendees: req.places,
        },
        now,
    )
    .map_err(as_talk)?;
    let seed = crate::auth::refresh::generate();
    let row = TalkRow {
        id: TalkId::new(),
        kind: req.kind,
        topic: req.topic.trim().to_owned(),
        description: req.description.trim().to_owned(),
        host_role: req.host_role,
        space_id: space.id,
        booking_id: booking.id,
        starts_at: to_db(starts),
        ends_at: to_db(ends),
        apply_by: to_db(apply_by),
        places: req.places,
        audience_unit_id: req.audience_unit_id,
        audience_building_id: req.audience_building_id,
        state: TalkState::Open,
        seed_sha256: commitment(&seed),
        seed,
        drawn_at: None,
        cancel_reason: None,
        created_by: caller.id,
        version: 1,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    let host_rows: Vec<TalkHostRow> = hosts
        .iter()
        .enumerate()
        .map(|(i, &user_id)| TalkHostRow {
            talk_id: row.id,
            user_id,
            position: i32::try_from(i).unwrap_or(i32::MAX),
        })
        .collect();
    sessions::insert(c, &row, &host_rows)?;
    effects::created(c, &row, &space, now)?;
    Ok(talk_views(c, caller, None, vec![row], now)?.remove(0))
}

/// A page of the sessions the caller sees, newest first, and whether another follows.
pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    filter: &TalkFilter,
    limit: u32,
    now: DateTime<Utc>,
) -> AppResult<(Vec<TalkView>, bool)> {
    let a = audience(c, caller)?;
    let (rows, more) = sessions::list(c, &seen(caller, a), filter, limit)?;
    Ok((talk_views(c, caller, a, rows, now)?, more))
}

pub fn get(c: &mut DbConn, caller: &Caller, id: TalkId, now: DateTime<Utc>) -> AppResult<TalkView> {
    let (row, _) = found(c, caller, id)?;
    let a: Option<Audience> = audience(c, caller)?;
    Ok(talk_views(c, caller, a, vec![row], now)?.remove(0))
}

/// Its hosts or the office cancel a session before it starts; its booking
/// frees the space and everyone who applied is told why.
pub fn cancel(
    c: &mut DbConn,
    caller: &Caller,
    id: TalkId,
    req: &CancelTalkRequest,
    now: DateTime<Utc>,
) -> AppResult<TalkView> {
    req.check()?;
    let (row, space) = found(c, caller, id)?;
    require_runs(c, caller, &row, &space)?;
    if row.state == TalkState::Cancelled {
        return Err(AppError::Conflict {
            code: ProblemCode::TalkCancelled,
            detail: "this session is cancelled already".into(),
        });
    }
    if now >= from_db(row.starts_at) {
        return Err(AppError::Conflict {
            code: ProblemCode::TalkStarted,
            detail: "this session has begun and can no longer be cancelled".into(),
        });
    }
    sessions::lock(c, id)?;
    if sessions::cancel(c, id, req.version, req.reason.trim(), now)? == 0 {
        return Err(AppError::Conflict {
            code: ProblemCode::StaleVersion,
            detail: format!(
                "someone changed this session since you read it (now version {}); reload and try again",
                row.version
            ),
        });
    }
    bookings::release(c, caller, row.booking_id, req.reason.trim(), now)?;
    let applicants: Vec<UserId> = applications::of_talk(c, id)?
        .into_iter()
        .filter(|a| a.state != ApplicationState::Withdrawn)
        .map(|a| a.student_id)
        .collect();
    let (row, _) = found(c, caller, id)?;
    let by = users::names(c, [caller.id])?.person(caller.id);
    effects::cancelled(c, &row, &space, &applicants, &by, now)?;
    get(c, caller, id, now)
}

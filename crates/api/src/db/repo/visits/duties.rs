use crate::db::rows::{to_db, VisitDutyRow};
use crate::db::schema::visit_duties as vd;
use crate::db::DbConn;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use onestop_domain::community::visits::DutyKind;
use onestop_domain::{UserId, VisitDutyId};

pub fn insert(c: &mut DbConn, row: &VisitDutyRow) -> QueryResult<()> {
    diesel::insert_into(vd::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut DbConn, id: VisitDutyId) -> QueryResult<Option<VisitDutyRow>> {
    vd::table
        .find(id)
        .select(VisitDutyRow::as_select())
        .first(c)
        .optional()
}

/// The person's duties of a kind, other than `except`: to refuse overlaps.
pub fn of_person(
    c: &mut DbConn,
    user: UserId,
    duty: DutyKind,
    except: Option<VisitDutyId>,
) -> QueryResult<Vec<VisitDutyRow>> {
    let mut q = vd::table
        .filter(vd::user_id.eq(user).and(vd::duty.eq(duty)))
        .select(VisitDutyRow::as_select())
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(vd::id.ne(id));
    }
    q.load(c)
}

/// Duties held on some day from `first` to `last`, optionally one person's.
pub fn during(
    c: &mut DbConn,
    first: NaiveDate,
    last: NaiveDate,
    person: Option<UserId>,
) -> QueryResult<Vec<VisitDutyRow>> {
    let mut q = vd::table
        .filter(vd::starts_on.le(last))
        .filter(vd::ends_on.is_null().or(vd::ends_on.ge(first)))
        .order((vd::duty, vd::user_id))
        .select(VisitDutyRow::as_select())
        .into_boxed();
    if let Some(p) = person {
        q = q.filter(vd::user_id.eq(p));
    }
    q.load(c)
}

/// Every duty, the current ones first.
pub fn all(c: &mut DbConn) -> QueryResult<Vec<VisitDutyRow>> {
    vd::table
        .order((vd::ends_on.is_not_null(), vd::duty, vd::starts_on.desc()))
        .select(VisitDutyRow::as_select())
        .load(c)
}

/// Set the last day, at the version read; 0 rows: someone else changed it.
pub fn set_end(
    c: &mut DbConn,
    id: VisitDutyId,
    version: i32,
    ends_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(vd::table.filter(vd::id.eq(id).and(vd::version.eq(version))))
        .set((
            vd::ends_on.eq(ends_on),
            vd::version.eq(vd::version + 1),
            vd::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}

/// The periods each duty was already reminded of, among `periods`.
pub fn reminded(
    c: &mut DbConn,
    ids: &[VisitDutyId],
    periods: &[String],
) -> QueryResult<Vec<(VisitDutyId, String)>> {
    use crate::db::schema::visit_reminders as vr;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    vr::table
        .filter(vr::duty_id.eq_any(ids).and(vr::period.eq_any(periods)))
        .select((vr::duty_id, vr::period))
        .load(c)
}

/// Note the reminder; a second server's insert of the same one fails on the key.
pub fn note_reminder(
    c: &mut DbConn,
    id: VisitDutyId,
    period: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    use crate::db::schema::visit_reminders as vr;
    diesel::insert_into(vr::table)
        .values((
            vr::duty_id.eq(id),
            vr::period.eq(period),
            vr::sent_at.eq(to_db(now)),
        ))
        .execute(c)
        .map(|_| ())
}

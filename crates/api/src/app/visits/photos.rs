//! Photos on a visit, added by those who were there or recorded it. Checked
//! before the bytes are read (a refused upload costs nothing) and again
//! under the visit's lock when the row is written.

use super::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::users::{self, Names};
use crate::db::repo::visits::{photos, records};
use crate::db::rows::{from_db, to_db, PhotoRow, VisitRow};
use crate::db::DbConn;
use crate::files::Received;
use chrono::{DateTime, Utc};
use onestop_domain::community::visits::{may_add_photos, MAX_PHOTOS};
use onestop_domain::community::wire::PhotoView;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{PhotoId, VisitId};

fn visible(c: &mut DbConn, caller: &Caller, id: VisitId) -> AppResult<VisitRow> {
    records::find_seen(c, id, &caller.visits_seen())?
        .ok_or_else(|| AppError::not_found("this visit"))
}

/// The visit, if the caller may add a photo to it now.
pub fn may_add(c: &mut DbConn, caller: &Caller, id: VisitId) -> AppResult<VisitRow> {
    let row = visible(c, caller, id)?;
    let came_along = records::companions(c, &[id])?
        .get(&id)
        .is_some_and(|who| who.contains(&caller.id));
    if !may_add_photos(
        caller.id,
        row.visitor_id,
        row.recorded_by,
        came_along,
        &caller.roles,
    ) {
        return Err(AppError::Forbidden {
            detail: "photos are added by those who made the visit or recorded it".into(),
        });
    }
    if photos::count_for(c, id)? >= MAX_PHOTOS {
        return Err(AppError::Conflict {
            code: ProblemCode::TooManyPhotos,
            detail: format!("a visit holds at most {MAX_PHOTOS} photos"),
        });
    }
    Ok(row)
}

/// Record a received photo on the visit and keep it, inside the caller's
/// transaction: the file is stored only once its row is written.
pub fn add(
    c: &mut DbConn,
    caller: &Caller,
    id: VisitId,
    file: Received,
    now: DateTime<Utc>,
) -> AppResult<PhotoView> {
    // Uploads in parallel count one after another: the visit's row is held.
    photos::lock_visit(c, id)?;
    let visit = may_add(c, caller, id)?;
    let row = PhotoRow {
        id: PhotoId::new(),
        visit_id: visit.id,
        sha256: file.sha256.clone(),
        size: file.size,
        content_type: file.content_type.to_owned(),
        filename: file.filename.clone(),
        uploaded_by: caller.id,
        created_at: to_db(now),
    };
    photos::insert(c, &row)?;
    file.persist().map_err(AppError::internal)?;
    let names = users::names(c, [row.uploaded_by])?;
    Ok(view(row, &names))
}

/// One photo of a visit the caller sees.
pub fn find(c: &mut DbConn, caller: &Caller, visit: VisitId, id: PhotoId) -> AppResult<PhotoRow> {
    let v = visible(c, caller, visit)?;
    photos::find(c, v.id, id)?.ok_or_else(|| AppError::not_found("this photo"))
}

pub fn view(r: PhotoRow, names: &Names) -> PhotoView {
    PhotoView {
        id: r.id,
        visit_id: r.visit_id,
        uploaded_by: names.person(r.uploaded_by),
        uploaded_at: from_db(r.created_at),
        filename: r.filename,
        content_type: r.content_type,
        size: r.size,
    }
}

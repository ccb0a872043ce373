//! Photos and documents on a request. Checked before the bytes are read (so
//! a refused upload costs nothing) and again under the request's lock when
//! the row is written.

use super::views::visible;
use super::Actor;
use crate::app::{AppError, AppResult};
use crate::db::repo::service::{attachments as repo, events, requests};
use crate::db::repo::users;
use crate::db::rows::{to_db, AttachmentRow, RequestRow};
use crate::db::DbConn;
use crate::files::Received;
use chrono::{DateTime, Utc};
use onestop_domain::problem::ProblemCode;
use onestop_domain::service::wire::{AttachmentView, EventKind};
use onestop_domain::AttachmentId;
use uuid::Uuid;

pub const MAX_PER_REQUEST: i64 = 10;

/// The request, if the actor may see it and it still takes attachments.
pub fn may_attach(c: &mut DbConn, actor: &Actor, id: &Uuid) -> AppResult<RequestRow> {
    let r = visible(c, actor, id)?;
    takes_more(c, r)
}

fn takes_more(c: &mut DbConn, r: RequestRow) -> AppResult<RequestRow> {
    if repo::count_for(c, r.id)? >= MAX_PER_REQUEST {
        return Err(AppError::Conflict {
            code: ProblemCode::TooManyAttachments,
            detail: format!("a request holds at most {MAX_PER_REQUEST} attachments"),
        });
    }
    if !r.state.is_open() {
        return Err(AppError::Conflict {
            code: ProblemCode::RequestFinished,
            detail: format!(
                "this request is {}; attachments can no longer be added",
                r.state.as_str()
            ),
        });
    }
    Ok(r)
}

/// Record a received file on the request (row and timeline) and keep it,
/// inside the caller's transaction: the file is stored only once its row is.
pub fn attach(
    c: &mut DbConn,
    actor: &Actor,
    id: &Uuid,
    file: Received,
    now: DateTime<Utc>,
) -> AppResult<AttachmentView> {
    let seen = visible(c, actor, id)?;
    // Uploads in parallel count one after another: the request's row is held,
    // then read again, so its state and count are the ones this upload decides on.
    requests::lock(c, seen.id)?;
    let now_row = requests::find(c, seen.id)?.ok_or_else(|| AppError::not_found("this request"))?;
    let r = takes_more(c, now_row)?;
    let row = AttachmentRow {
        id: AttachmentId::new(),
        request_id: r.id,
        sha256: file.sha256.clone(),
        size: file.size,
        content_type: file.content_type.to_owned(),
        filename: file.filename.clone(),
        uploaded_by: actor.id,
        created_at: to_db(now),
    };
    repo::insert(c, &row)?;
    events::add(
        c,
        events::NewEvent {
            request_id: row.request_id,
            kind: EventKind::Attachment,
            actor: Some(actor.id),
            action: None,
            from: None,
            to: None,
            note: None,
            data: serde_json::json!({"attachment_id": row.id, "filename": row.filename, "content_type": row.content_type, "size": row.size}),
        },
        now,
    )?;
    file.persist().map_err(AppError::internal)?;
    let names = users::names(c, [row.uploaded_by])?;
    Ok(repo::view(&row, &names))
}

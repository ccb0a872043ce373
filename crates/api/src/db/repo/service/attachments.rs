use crate::db::repo::users::{names, Names};
use crate::db::rows::{from_db, AttachmentRow};
use crate::db::schema::request_attachments as a;
use crate::db::DbConn;
use diesel::prelude::*;
use onestop_domain::service::wire::AttachmentView;
use onestop_domain::{AttachmentId, RequestId};

pub fn insert(conn: &mut DbConn, row: &AttachmentRow) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(
    conn: &mut DbConn,
    request_id: RequestId,
    id: AttachmentId,
) -> QueryResult<Option<AttachmentRow>> {
    a::table
        .filter(a::request_id.eq(request_id))
        .filter(a::id.eq(id))
        .select(AttachmentRow::as_select())
        .first(conn)
        .optional()
}

pub fn count_for(conn: &mut DbConn, request_id: RequestId) -> QueryResult<i64> {
    a::table
        .filter(a::request_id.eq(request_id))
        .count()
        .get_result(conn)
}

pub fn list(conn: &mut DbConn, request_id: RequestId) -> QueryResult<Vec<AttachmentView>> {
    let rows: Vec<AttachmentRow> = a::table
        .filter(a::request_id.eq(request_id))
        .order(a::id)
        .select(AttachmentRow::as_select())
        .load(conn)?;
    let names = names(conn, rows.iter().map(|r| r.uploaded_by))?;
    Ok(rows.iter().map(|r| view(r, &names)).collect())
}

pub fn view(r: &AttachmentRow, names: &Names) -> AttachmentView {
    AttachmentView {
        id: r.id.0,
        filename: r.filename.clone(),
        content_type: r.content_type.clone(),
        size: r.size,
        sha256: r.sha256.clone(),
        uploaded_by: names.person(r.uploaded_by),
        created_at: from_db(r.created_at),
    }
}

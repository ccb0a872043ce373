use crate::db::rows::{from_db, AttachmentRow};
use crate::db::schema::{request_attachments as a, users};
use crate::db::DbConn;
use diesel::prelude::*;
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::service::wire::AttachmentView;
use onestop_domain::UserId;
use std::collections::HashMap;

pub fn insert(conn: &mut DbConn, row: &AttachmentRow) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConn, request_id: &str, id: &str) -> QueryResult<Option<AttachmentRow>> {
    a::table
        .filter(a::request_id.eq(request_id))
        .filter(a::id.eq(id))
        .select(AttachmentRow::as_select())
        .first(conn)
        .optional()
}

pub fn count_for(conn: &mut DbConn, request_id: &str) -> QueryResult<i64> {
    a::table
        .filter(a::request_id.eq(request_id))
        .count()
        .get_result(conn)
}

pub fn list(conn: &mut DbConn, request_id: &str) -> QueryResult<Vec<AttachmentView>> {
    let rows: Vec<AttachmentRow> = a::table
        .filter(a::request_id.eq(request_id))
        .order(a::id)
        .select(AttachmentRow::as_select())
        .load(conn)?;
    let names: HashMap<String, String> = users::table
        .filter(
            users::id.eq_any(
                rows.iter()
                    .map(|r| r.uploaded_by.as_str())
                    .collect::<Vec<_>>(),
            ),
        )
        .select((users::id, users::display_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows.iter().filter_map(|r| view(r, &names)).collect())
}

pub fn view(r: &AttachmentRow, names: &HashMap<String, String>) -> Option<AttachmentView> {
    Some(AttachmentView {
        id: r.id.parse().ok()?,
        filename: r.filename.clone(),
        content_type: r.content_type.clone(),
        size: r.size,
        sha256: r.sha256.clone(),
        uploaded_by: PersonRef {
            id: r.uploaded_by.parse::<UserId>().ok()?,
            display_name: names.get(&r.uploaded_by).cloned().unwrap_or_default(),
        },
        created_at: from_db(r.created_at),
    })
}

use crate::db::rows::{to_db, DutyRow};
use crate::db::schema::grid_duties as d;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::wire::{DutyInput, DutyView};
use onestop_domain::grid::Level;
use onestop_domain::DutyId;

pub fn list(conn: &mut DbConn, level: Option<Level>) -> QueryResult<Vec<DutyView>> {
    let mut q = d::table.select(DutyRow::as_select()).into_boxed();
    if let Some(l) = level {
        q = q.filter(d::level.eq(l));
    }
    let rows: Vec<DutyRow> = q.order((d::level, d::position)).load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| DutyView {
            id: r.id,
            level: r.level,
            post_type: r.post_type,
            title: r.title,
            description: r.description,
            position: r.position,
        })
        .collect())
}

/// Replace a level's list in one transaction (the caller's).
pub fn replace(
    conn: &mut DbConn,
    level: Level,
    items: &[DutyInput],
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::delete(d::table.filter(d::level.eq(level))).execute(conn)?;
    for (i, item) in items.iter().enumerate() {
        let row = DutyRow {
            id: DutyId::new(),
            level,
            post_type: item.post_type,
            title: item.title.trim().to_owned(),
            description: item.description.trim().to_owned(),
            position: i32::try_from(i + 1).unwrap_or(i32::MAX),
            updated_at: to_db(now),
        };
        diesel::insert_into(d::table).values(&row).execute(conn)?;
    }
    Ok(())
}

//! Importing the grid: one row per room (community, zone, college, building,
//! building_name, room, floor, capacity, gender); missing communities, zones
//! and buildings are created, existing rooms updated. All rows or none.

use super::csv_in::{rejected, row_error, Table};
use crate::app::AppResult;
use crate::db::repo::grid::{nodes, transfer};
use crate::db::rows::NodeRow;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::node::{validate_fields, RawNodeFields};
use onestop_domain::grid::wire::ImportReport;
use onestop_domain::grid::{Gender, Level};
use onestop_domain::UnitId;

pub const COLUMNS: [&str; 9] = [
    "community",
    "zone",
    "college",
    "building",
    "building_name",
    "room",
    "floor",
    "capacity",
    "gender",
];

/// Apply a grid file read with [`COLUMNS`], inside the caller's transaction.
pub fn import_grid(c: &mut DbConn, table: &Table, now: DateTime<Utc>) -> AppResult<ImportReport> {
    let mut errors = Vec::new();
    let (mut created, mut updated) = (0, 0);
    for (line, row) in &table.rows {
        let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("").to_owned();
        let mut node = |c: &mut DbConn,
                        level: Level,
                        parent: Option<&NodeRow>,
                        raw: RawNodeFields<'_>,
                        key: &str,
                        college_id: Option<UnitId>|
         -> AppResult<Option<NodeRow>> {
            if let Some(existing) = nodes::child_by(c, parent.map(|p| p.id), level, key)? {
                return Ok(Some(existing));
            }
            match validate_fields(level, &raw) {
                Ok(fields) => {
                    created += 1;
                    Ok(Some(nodes::insert(
                        c, level, parent, &fields, college_id, now,
                    )?))
                }
                Err(e) => {
                    for f in e.0 {
                        errors.push(row_error(*line, &f.field, f.message));
                    }
                    Ok(None)
                }
            }
        };
        let community_name = get("community");
        let Some(community) = node(
            c,
            Level::Community,
            None,
            RawNodeFields {
                name: Some(&community_name),
                ..Default::default()
            },
            &community_name,
            None,
        )?
        else {
            continue;
        };
        let zone_name = get("zone");
        let college_id = transfer::college_by_ref_or_name(c, &get("college"))?;
        if college_id.is_none() {
            errors.push(row_error(
                *line,
                "college",
                format!("no college is called `{}`", get("college")),
            ));
            continue;
        }
        let Some(zone) = node(
            c,
            Level::CollegeZone,
            Some(&community),
            RawNodeFields {
                name: Some(&zone_name),
                ..Default::default()
            },
            &zone_name,
            college_id,
        )?
        else {
            continue;
        };
        let (code, bname) = (get("building"), get("building_name"));
        let building = match nodes::building_by_code(c, &code)? {
            Some(b) if b.parent_id != Some(zone.id) => {
                errors.push(row_error(
                    *line,
                    "building",
                    format!("building {code} belongs to another zone"),
                ));
                continue;
            }
            Some(b) => b,
            None => match node(
                c,
                Level::Building,
                Some(&zone),
                RawNodeFields {
                    name: Some(&bname),
                    code: Some(&code),
                    ..Default::default()
                },
                &code,
                None,
            )? {
                Some(b) => b,
                None => continue,
            },
        };
        let (number, floor, capacity, gender) = (
            get("room"),
            get("floor").parse().ok(),
            get("capacity").parse().ok(),
            Gender::parse(&get("gender")),
        );
        let raw = RawNodeFields {
            name: None,
            code: Some(&number),
            floor,
            capacity,
            gender,
        };
        match nodes::child_by(c, Some(building.id), Level::Room, &number)? {
            Some(room) => match validate_fields(
                Level::Room,
                &RawNodeFields {
                    name: Some(&room.name),
                    ..raw
                },
            ) {
                Ok(fields) => {
                    let taken = nodes::highest_taken_bed(c, room.id)?
                        .filter(|b| *b > fields.capacity.unwrap_or(0));
                    if let Some(bed) = taken {
                        errors.push(row_error(
                            *line,
                            "capacity",
                            format!("bed {bed} of room {number} is taken"),
                        ));
                    } else {
                        nodes::update_fields(c, room.id, &fields, now)?;
                        updated += 1;
                    }
                }
                Err(e) => errors.extend(
                    e.0.into_iter()
                        .map(|f| row_error(*line, &f.field, f.message)),
                ),
            },
            None => {
                node(c, Level::Room, Some(&building), raw, &number, None)?;
            }
        }
    }
    if !errors.is_empty() {
        return Err(rejected(errors));
    }
    Ok(ImportReport {
        rows: table.rows.len(),
        applied: true,
        created,
        updated,
        errors: vec![],
    })
}

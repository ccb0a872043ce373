//! CSV in and out: roster and grid imports (all rows or none, with every bad
//! row named) and a subtree's residents as CSV. Files may be UTF-8 or GBK,
//! which is how Excel saves CSV on Chinese Windows.

use super::nodes::not_found;
use super::residency::place_student;
use super::GridActor;
use crate::db::repo::grid::{nodes, residency};
use crate::db::repo::{units, users};
use crate::db::rows::NodeRow;
use crate::db::schema::{grid_nodes, units as units_t, users as users_t};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use diesel::prelude::*;
use futures_util::StreamExt;
use onestop_domain::grid::node::{validate_fields, RawNodeFields};
use onestop_domain::grid::wire::ImportReport;
use onestop_domain::grid::{Gender, GridAction, Level};
use onestop_domain::problem::Problem;
use onestop_domain::unit::UnitKind;
use onestop_domain::user::{parse_student_no, DisplayName, Username};
use onestop_domain::{FieldError, NodeId, Role, Roles, ValidationErrors};
use std::collections::HashMap;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(import_roster)
        .service(import_grid)
        .service(export_residents);
}

/// Imports are larger than JSON bodies: a school's roster is tens of thousands of rows.
pub const CSV_LIMIT: usize = 16 * 1024 * 1024;

async fn read_body(mut payload: web::Payload) -> ApiResult<Vec<u8>> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::BadRequest {
            code: "unreadable_body",
            detail: "the upload could not be read".into(),
        })?;
        if body.len() + chunk.len() > CSV_LIMIT {
            return Err(ApiError::PayloadTooLarge { limit: CSV_LIMIT });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// UTF-8 (with or without a BOM) as it is; anything else is read as GBK/GB18030.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Column names in English or as Chinese spreadsheets title them.
fn canonical(header: &str) -> String {
    let h = header.trim();
    let name = match h {
        "学号" => "student_no",
        "姓名" => "name",
        "学院" => "college",
        "性别" => "gender",
        "楼栋" | "楼栋编号" => "building",
        "楼栋名称" => "building_name",
        "寝室" | "寝室号" => "room",
        "床位" | "床号" => "bed",
        "社区" => "community",
        "包干区" => "zone",
        "楼层" => "floor",
        "床位数" => "capacity",
        other => other,
    };
    name.to_ascii_lowercase()
}

struct Table {
    rows: Vec<(usize, HashMap<String, String>)>,
}

fn parse_csv(text: &str, required: &[&str]) -> ApiResult<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ApiError::BadRequest {
            code: "bad_csv",
            detail: format!("the header row cannot be read: {e}"),
        })?
        .iter()
        .map(canonical)
        .collect();
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| !headers.iter().any(|h| h == r))
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::BadRequest {
            code: "bad_csv",
            detail: format!(
                "the file lacks the column(s) {}; expected {}",
                missing.join(", "),
                required.join(", ")
            ),
        });
    }
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| ApiError::BadRequest {
            code: "bad_csv",
            detail: format!("line {line} cannot be read: {e}"),
        })?;
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let map = headers
            .iter()
            .cloned()
            .zip(rec.iter().map(str::to_owned))
            .collect();
        rows.push((line, map));
    }
    Ok(Table { rows })
}

fn row_error(line: usize, column: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(format!("line {line}: {column}"), "invalid_row", message)
}

fn rejected(errors: Vec<FieldError>) -> ApiError {
    ApiError::Validation(ValidationErrors(errors))
}

fn college(c: &mut DbConn, reference: &str) -> QueryResult<Option<String>> {
    if let Some(u) = units::find_by_ref(c, reference)? {
        return Ok((u.kind == UnitKind::College.as_str()).then_some(u.id));
    }
    units_t::table
        .filter(units_t::name_zh.eq(reference))
        .filter(units_t::kind.eq(UnitKind::College.as_str()))
        .select(units_t::id)
        .first(c)
        .optional()
}

/// Import a roster: one row per student (student_no, name, college, gender,
/// building, room, bed). Students are created or updated and put in their
/// beds. On any bad row nothing is written and every bad row is named.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", description = "student_no,name,college,gender,building,room,bed (or 学号,姓名,学院,性别,楼栋,寝室,床位); UTF-8 or GBK"),
    responses(
        (status = 200, body = ImportReport),
        (status = 400, description = "Bad rows, each named in `errors` (line and column); nothing was written", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/grid/import/roster")]
async fn import_roster(
    state: web::Data<AppState>,
    actor: GridActor,
    payload: web::Payload,
) -> ApiResult<web::Json<ImportReport>> {
    actor.require(GridAction::Import)?;
    let table = parse_csv(
        &decode(&read_body(payload).await?),
        &[
            "student_no",
            "name",
            "college",
            "gender",
            "building",
            "room",
            "bed",
        ],
    )?;
    let now = state.clock.now();
    let by = actor.user.id.to_string();
    let report = state
        .db
        .write(move |c| -> ApiResult<ImportReport> {
            let mut errors = Vec::new();
            let (mut created, mut updated) = (0, 0);
            let n = table.rows.len();
            for (line, row) in &table.rows {
                let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("");
                let mut bad = |col: &str, msg: String| errors.push(row_error(*line, col, msg));
                let student_no = parse_student_no("student_no", get("student_no"))
                    .map_err(|e| bad("student_no", e.message))
                    .ok();
                let name = DisplayName::parse("name", get("name"))
                    .map_err(|e| bad("name", e.message))
                    .ok();
                let gender = Gender::parse(get("gender"));
                if gender.is_none() {
                    bad("gender", "write 男/女 or male/female".into());
                }
                let college_id = college(c, get("college"))?;
                if college_id.is_none() {
                    bad(
                        "college",
                        format!("no college is called `{}`", get("college")),
                    );
                }
                let building = nodes::building_by_code(c, get("building"))?;
                let room = match &building {
                    Some(b) => nodes::child_by(c, Some(&b.id), Level::Room, get("room"))?,
                    None => None,
                };
                if building.is_none() {
                    bad(
                        "building",
                        format!("no building has the code `{}`", get("building")),
                    );
                } else if room.is_none() {
                    bad(
                        "room",
                        format!("building {} has no room `{}`", get("building"), get("room")),
                    );
                }
                let bed = get("bed").parse::<i32>().ok();
                if bed.is_none() {
                    bad("bed", "write the bed as a number".into());
                }
                let (
                    Some(student_no),
                    Some(name),
                    Some(gender),
                    Some(college_id),
                    Some(room),
                    Some(bed),
                ) = (student_no, name, gender, college_id, room, bed)
                else {
                    continue;
                };
                let student_id = match users_t::table
                    .filter(users_t::student_no.eq(&student_no))
                    .select(users_t::id)
                    .first::<String>(c)
                    .optional()?
                {
                    Some(id) => {
                        diesel::update(users_t::table.find(&id))
                            .set((
                                users_t::display_name.eq(name.as_str()),
                                users_t::unit_id.eq(Some(&college_id)),
                                users_t::gender.eq(Some(gender.as_str())),
                            ))
                            .execute(c)?;
                        updated += 1;
                        id
                    }
                    None => {
                        let Ok(username) = Username::parse("username", &student_no) else {
                            bad(
                                "student_no",
                                "this student number cannot be a username".into(),
                            );
                            continue;
                        };
                        created += 1;
                        // "!" is no argon2 hash, so nobody can sign in as an imported
                        // student until an administrator sets a password.
                        users::insert(
                            c,
                            users::NewAccount {
                                username: username.as_str(),
                                display_name: name.as_str(),
                                password_hash: "!",
                                unit_id: Some(&college_id),
                                roles: &Roles::one(Role::Student),
                                student_no: Some(&student_no),
                                gender: Some(gender),
                            },
                            now,
                        )?
                        .to_string()
                    }
                };
                let current = residency::current_of_student(c, &student_id)?;
                if current
                    .as_ref()
                    .is_some_and(|s| s.room_id == room.id && s.bed == bed)
                {
                    continue;
                }
                if let Some(stay) = current {
                    residency::check_out(c, &stay.id, Some(&by), now)?;
                }
                if let Err(e) = place_student(c, &student_id, &room, bed, Some(&by), now) {
                    bad("bed", e.problem().detail);
                }
            }
            if !errors.is_empty() {
                return Err(rejected(errors));
            }
            Ok(ImportReport {
                rows: n,
                applied: true,
                created,
                updated,
                errors: vec![],
            })
        })
        .await?;
    Ok(web::Json(report))
}

/// Import the grid: one row per room (community, zone, college, building,
/// building_name, room, floor, capacity, gender); missing communities,
/// zones and buildings are created, existing rooms updated. All or nothing.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", description = "community,zone,college,building,building_name,room,floor,capacity,gender; UTF-8 or GBK"),
    responses(
        (status = 200, body = ImportReport),
        (status = 400, description = "Bad rows, each named in `errors`; nothing was written", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/grid/import/grid")]
async fn import_grid(
    state: web::Data<AppState>,
    actor: GridActor,
    payload: web::Payload,
) -> ApiResult<web::Json<ImportReport>> {
    actor.require(GridAction::Import)?;
    let cols = [
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
    let table = parse_csv(&decode(&read_body(payload).await?), &cols)?;
    let now = state.clock.now();
    let report = state
        .db
        .write(move |c| -> ApiResult<ImportReport> {
            let mut errors = Vec::new();
            let (mut created, mut updated) = (0, 0);
            for (line, row) in &table.rows {
                let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("").to_owned();
                let mut node = |c: &mut DbConn,
                                level: Level,
                                parent: Option<&NodeRow>,
                                raw: RawNodeFields<'_>,
                                key: &str,
                                college_id: Option<String>|
                 -> ApiResult<Option<NodeRow>> {
                    if let Some(existing) =
                        nodes::child_by(c, parent.map(|p| p.id.as_str()), level, key)?
                    {
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
                let college_id = college(c, &get("college"))?;
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
                    Some(b) if b.parent_id.as_deref() != Some(zone.id.as_str()) => {
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
                match nodes::child_by(c, Some(&building.id), Level::Room, &number)? {
                    Some(room) => match validate_fields(
                        Level::Room,
                        &RawNodeFields {
                            name: Some(&room.name),
                            ..raw
                        },
                    ) {
                        Ok(fields) => {
                            let living = nodes::current_residents(c, &room)?;
                            if i64::from(fields.capacity.unwrap_or(0)) < living {
                                errors.push(row_error(
                                    *line,
                                    "capacity",
                                    format!("{living} students live in room {number}"),
                                ));
                            } else {
                                nodes::update_fields(c, &room.id, &fields, now)?;
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
        })
        .await?;
    Ok(web::Json(report))
}

/// The current residents under a node, as CSV (UTF-8 with a BOM, so Excel reads it).
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses(
        (status = 200, description = "student_no,name,college,gender,building,room,bed,checked_in_at", content_type = "text/csv"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/grid/nodes/{id}/residents.csv")]
async fn export_residents(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
) -> ApiResult<HttpResponse> {
    actor.require(GridAction::Read)?;
    let id = id.into_inner().to_string();
    let (name, csv) = state
        .db
        .read(move |c| -> ApiResult<_> {
            let root = nodes::find_in_scope(c, &id, &actor.scope)?.ok_or_else(not_found)?;
            let filter = residency::ResidencyFilter {
                under: Some((nodes::level_of(&root), root.id.clone())),
                current_only: true,
                ..Default::default()
            };
            let (stays, _) = residency::list(c, &actor.scope, &filter, None)?;
            Ok((root.name.clone(), residents_csv(c, &stays)?))
        })
        .await?;
    let filename = format!("residents-{}.csv", name);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(actix_web::http::header::ContentDisposition {
            disposition: actix_web::http::header::DispositionType::Attachment,
            parameters: vec![
                actix_web::http::header::DispositionParam::Filename("residents.csv".into()),
                actix_web::http::header::DispositionParam::FilenameExt(
                    actix_web::http::header::ExtendedValue {
                        charset: actix_web::http::header::Charset::Ext("UTF-8".into()),
                        language_tag: None,
                        value: filename.into_bytes(),
                    },
                ),
            ],
        })
        .body(csv))
}

fn residents_csv(c: &mut DbConn, stays: &[crate::db::rows::ResidencyRow]) -> ApiResult<Vec<u8>> {
    let student_ids: Vec<&str> = stays.iter().map(|s| s.student_id.as_str()).collect();
    type Student = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let students: HashMap<String, Student> = users_t::table
        .filter(users_t::id.eq_any(student_ids))
        .select((
            users_t::id,
            users_t::display_name,
            users_t::student_no,
            users_t::gender,
            users_t::unit_id,
        ))
        .load::<Student>(c)?
        .into_iter()
        .map(|s| (s.0.clone(), s))
        .collect();
    let colleges: HashMap<String, String> = units_t::table
        .select((units_t::id, units_t::name_zh))
        .load::<(String, String)>(c)?
        .into_iter()
        .collect();
    let node_ids: Vec<&str> = stays
        .iter()
        .flat_map(|s| [s.room_id.as_str(), s.building_id.as_str()])
        .collect();
    let node_names: HashMap<String, (String, Option<String>)> = grid_nodes::table
        .filter(grid_nodes::id.eq_any(node_ids))
        .select((grid_nodes::id, grid_nodes::name, grid_nodes::code))
        .load::<(String, String, Option<String>)>(c)?
        .into_iter()
        .map(|(id, name, code)| (id, (name, code)))
        .collect();
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let write_err = |e: csv::Error| ApiError::internal(e);
    w.write_record([
        "student_no",
        "name",
        "college",
        "gender",
        "building",
        "room",
        "bed",
        "checked_in_at",
    ])
    .map_err(write_err)?;
    for s in stays {
        let student = students.get(&s.student_id);
        let college = student
            .and_then(|st| st.4.as_ref())
            .and_then(|u| colleges.get(u))
            .cloned()
            .unwrap_or_default();
        let building = node_names
            .get(&s.building_id)
            .and_then(|b| b.1.clone())
            .unwrap_or_default();
        let room = node_names
            .get(&s.room_id)
            .and_then(|r| r.1.clone())
            .unwrap_or_default();
        w.write_record([
            student.and_then(|st| st.2.clone()).unwrap_or_default(),
            student.map(|st| st.1.clone()).unwrap_or_default(),
            college,
            student.and_then(|st| st.3.clone()).unwrap_or_default(),
            building,
            room,
            s.bed.to_string(),
            s.checked_in_at.and_utc().to_rfc3339(),
        ])
        .map_err(write_err)?;
    }
    w.into_inner()
        .map_err(|e| ApiError::internal(e.to_string()))
}

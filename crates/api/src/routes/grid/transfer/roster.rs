use super::{college, decode, parse_csv, read_body, rejected, row_error};
use crate::app::service::residency::place_student;
use crate::auth::GridActor;
use crate::db::repo::grid::{nodes, residency};
use crate::db::repo::users;
use crate::db::schema::users as users_t;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use diesel::prelude::*;
use onestop_domain::grid::wire::ImportReport;
use onestop_domain::grid::{Gender, GridAction, Level, Scope};
use onestop_domain::problem::Problem;
use onestop_domain::user::{parse_student_no, DisplayName, Username};
use onestop_domain::{Role, Roles};

/// Import a roster: one row per student (student_no, name, college, gender,
/// building, room, bed). Students are created or updated and put in their
/// beds. On any bad row nothing is written and every bad row is named.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", description = "A header row naming the columns student_no, name, college, gender, building, room, bed in any order (or 学号, 姓名, 学院, 性别, 楼栋, 寝室, 床位), then one row per student; UTF-8 or GBK"),
    responses(
        (status = 200, body = ImportReport),
        (status = 422, description = "A column is missing (`header`), or rows are bad, each named in `errors` by line and column; nothing was written", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/grid/import/roster")]
pub(super) async fn import_roster(
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
                        // A student's username is their number: taken by another account, it is a bad row.
                        if users::find_by_username(c, username.as_str())?.is_some() {
                            bad(
                                "student_no",
                                format!("the username {} is already another account's; check the number", username.as_str()),
                            );
                            continue;
                        }
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
                if let Err(e) = place_student(
                    c,
                    &student_id,
                    &room,
                    bed,
                    Some(&by),
                    &Scope::everything(),
                    now,
                ) {
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

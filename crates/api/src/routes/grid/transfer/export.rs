use super::super::nodes::not_found;
use super::safe_cell;
use crate::auth::GridActor;
use crate::db::repo::grid::{nodes, residency};
use crate::db::schema::{grid_nodes, units as units_t, users as users_t};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use onestop_domain::grid::GridAction;
use onestop_domain::problem::Problem;
use onestop_domain::NodeId;
use std::collections::HashMap;

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
pub(super) async fn export_residents(
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
        w.write_record(
            [
                student.and_then(|st| st.2.clone()).unwrap_or_default(),
                student.map(|st| st.1.clone()).unwrap_or_default(),
                college,
                student.and_then(|st| st.3.clone()).unwrap_or_default(),
                building,
                room,
                s.bed.to_string(),
                s.checked_in_at.and_utc().to_rfc3339(),
            ]
            .map(safe_cell),
        )
        .map_err(write_err)?;
    }
    w.into_inner()
        .map_err(|e| ApiError::internal(e.to_string()))
}

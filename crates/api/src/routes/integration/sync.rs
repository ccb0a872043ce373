//! Sync for the student information system: students and rooms upserted
//! by the SIS's keys, with a result per record.

use crate::app::integration::sync as app;
use crate::auth::AdminUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{post, web};
use onestop_domain::integration::sync::{
    SyncReport, SyncRoomsRequest, SyncStudentsRequest, MAX_RECORDS,
};
use onestop_domain::FieldError;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(sync_students).service(sync_rooms);
}

fn at_most(n: usize, list: &str) -> ApiResult<()> {
    if n == 0 || n > MAX_RECORDS {
        return Err(ApiError::Validation(
            onestop_domain::ValidationErrors::single(FieldError::new(
                list,
                "length",
                format!("send 1 to {MAX_RECORDS} records at a time"),
            )),
        ));
    }
    Ok(())
}

/// Create or update students by student number, and put them in their beds
/// when `building`, `room` and `bed` are given. Sending the same records
/// again changes nothing (`unchanged`). `all_or_nothing` (the default)
/// refuses the whole batch when one record is bad, naming each
/// (`students[3].room`); `each_record` applies the good ones and reports the rest.
/// A record that breaks this document (a pattern, a length) is a mapping
/// error: 400 in either mode, and nothing is written.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["roster:write"])),
    request_body = SyncStudentsRequest,
    responses(
        (status = 200, body = SyncReport),
        (status = 403),
        (status = 422, description = "All or nothing: a record names a college, building, room or bed that does not exist or is taken"),
    )
)]
#[post("/sync/students")]
async fn sync_students(
    state: web::Data<AppState>,
    admin: AdminUser,
    body: Json<SyncStudentsRequest>,
) -> ApiResult<web::Json<SyncReport>> {
    let req = body.0;
    at_most(req.students.len(), "students")?;
    let (by, now) = (admin.0.id, state.clock.now());
    let report = state
        .db
        .write(move |c| {
            app::sync_students(c, req.mode, &req.students, by, now).map_err(ApiError::from)
        })
        .await?;
    Ok(web::Json(report))
}

/// Create or update rooms by building code and room number (floor, beds,
/// gender), in buildings that exist. A room cannot shrink below a bed that
/// is taken. Modes as for students.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["grid:write"])),
    request_body = SyncRoomsRequest,
    responses(
        (status = 200, body = SyncReport),
        (status = 403),
        (status = 422, description = "All or nothing: a record names a building that does not exist, or would drop a taken bed"),
    )
)]
#[post("/sync/rooms")]
async fn sync_rooms(
    state: web::Data<AppState>,
    _admin: AdminUser,
    body: Json<SyncRoomsRequest>,
) -> ApiResult<web::Json<SyncReport>> {
    let req = body.0;
    at_most(req.rooms.len(), "rooms")?;
    let now = state.clock.now();
    let report = state
        .db
        .write(move |c| app::sync_rooms(c, req.mode, &req.rooms, now).map_err(ApiError::from))
        .await?;
    Ok(web::Json(report))
}

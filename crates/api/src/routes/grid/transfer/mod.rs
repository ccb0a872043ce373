//! CSV in and out over HTTP: the upload is read here (with its size limit)
//! and handed to `app::grid` (imports: all rows or none, every bad row
//! named; the residents' export).

mod export;
mod grid_import;
mod roster;

use crate::error::{ApiError, ApiResult};
use actix_web::web;
use futures_util::StreamExt;
use onestop_domain::problem::ProblemCode;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(roster::import_roster)
        .service(grid_import::import_grid)
        .service(export::export_residents);
}

/// Imports are larger than JSON bodies: a school's roster is tens of thousands of rows.
pub const CSV_LIMIT: usize = 16 * 1024 * 1024;

pub(super) async fn read_body(mut payload: web::Payload) -> ApiResult<Vec<u8>> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::BadRequest {
            code: ProblemCode::UnreadableBody,
            detail: "the upload could not be read".into(),
        })?;
        if body.len() + chunk.len() > CSV_LIMIT {
            return Err(ApiError::PayloadTooLarge { limit: CSV_LIMIT });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

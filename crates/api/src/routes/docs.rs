use crate::openapi::Spec;
use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(openapi_json);
}

/// This document: the OpenAPI 3.1 description of every endpoint.
#[utoipa::path(tag = "operations", responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
#[get("/openapi.json")]
async fn openapi_json(spec: web::Data<Spec>) -> HttpResponse {
    HttpResponse::Ok().json(&spec.0)
}

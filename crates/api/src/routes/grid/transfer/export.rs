use super::super::nodes::not_found;
use crate::app::grid::export;
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use onestop_domain::grid::GridAction;
use onestop_domain::NodeId;

/// The current residents under a node, as CSV (UTF-8 with a BOM, so Excel reads it).
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses(
        (status = 200, description = "student_no,name,college,gender,building,room,bed,checked_in_at", content_type = "text/csv"),
        (status = 404),
        (status = 403),
    )
)]
#[get("/grid/nodes/{id}/residents.csv")]
pub(super) async fn export_residents(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
) -> ApiResult<HttpResponse> {
    actor.require(GridAction::Read)?;
    let id = id.into_inner();
    let (name, csv) = state
        .db
        .read(move |c| export::residents(c, &actor.scope, id))
        .await?
        .ok_or_else(not_found)?;
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

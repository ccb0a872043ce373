use super::read_body;
use crate::app::grid::csv_in::{decode, parse_csv};
use crate::app::grid::import_roster::{import_roster as apply, COLUMNS};
use crate::app::idempotency::{once, Once};
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey};
use crate::state::AppState;
use actix_web::{post, web};
use onestop_domain::grid::wire::ImportReport;
use onestop_domain::grid::GridAction;

/// Import a roster: one row per student (student_no, name, college, gender,
/// building, room, bed). Students are created or updated and put in their
/// beds. On any bad row nothing is written and every bad row is named.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["roster:write"])),
    params(IdempotencyHeader),
    request_body(content = String, content_type = "text/csv", description = "A header row naming the columns student_no, name, college, gender, building, room, bed in any order (or 学号, 姓名, 学院, 性别, 楼栋, 寝室, 床位), then one row per student; UTF-8 or GBK"),
    responses(
        (status = 200, body = ImportReport),
        (status = 422, description = "A column is missing (`header`), or rows are bad, each named in `errors` by line and column; nothing was written"),
        (status = 403),
    )
)]
#[post("/grid/import/roster")]
pub(super) async fn import_roster(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    payload: web::Payload,
) -> ApiResult<web::Json<ImportReport>> {
    actor.require(GridAction::Import)?;
    let text = decode(&read_body(payload).await?);
    let key = Once::new(actor.user.id, key.0, "POST /grid/import/roster", &text)?;
    let table = parse_csv(&text, &COLUMNS)?;
    let now = state.clock.now();
    let by = actor.user.id;
    let report = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| apply(c, &table, by, now)))
        .await?;
    Ok(web::Json(report))
}

use super::read_body;
use crate::app::grid::csv_in::{decode, parse_csv};
use crate::app::grid::import_grid::{import_grid as apply, COLUMNS};
use crate::app::idempotency::{once, Once};
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey};
use crate::state::AppState;
use actix_web::{post, web};
use onestop_domain::grid::wire::ImportReport;
use onestop_domain::grid::GridAction;

/// Import the grid: one row per room (community, zone, college, building,
/// building_name, room, floor, capacity, gender); missing communities,
/// zones and buildings are created, existing rooms updated. All or nothing.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:write"])),
    params(IdempotencyHeader),
    request_body(content = String, content_type = "text/csv", description = "A header row naming the columns community, zone, college, building, building_name, room, floor, capacity, gender in any order (or 社区, 包干区, 学院, 楼栋, 楼栋名称, 寝室, 楼层, 床位数, 性别), then one row per room; UTF-8 or GBK"),
    responses(
        (status = 200, body = ImportReport),
        (status = 422, description = "A column is missing (`header`), or rows are bad, each named in `errors` by line and column; nothing was written"),
        (status = 403),
    )
)]
#[post("/grid/import/grid")]
pub(super) async fn import_grid(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    payload: web::Payload,
) -> ApiResult<web::Json<ImportReport>> {
    actor.require(GridAction::Import)?;
    let text = decode(&read_body(payload).await?);
    let key = Once::new(actor.user.id, key.0, "POST /grid/import/grid", &text)?;
    let table = parse_csv(&text, &COLUMNS)?;
    let now = state.clock.now();
    let report = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| apply(c, &table, now)))
        .await?;
    Ok(web::Json(report))
}

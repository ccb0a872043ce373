use crate::app::inspection::evaluate as app;
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::inspection::wire::{MonthEvaluationView, MyRoomEvaluation};
use onestop_domain::NodeId;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(my_room)
        .service(month_evaluation)
        .service(month_csv)
        .service(close_month);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthQuery {
    /// One building's rooms.
    building: Option<NodeId>,
}

/// A month's evaluation in your reach: scores, ranks per building and zone,
/// the titles won. Final once closed; while the month runs, as it stands so far.
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(("month" = String, Path, description = "`YYYY-MM`, campus time", pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$"), MonthQuery),
    responses(
        (status = 200, body = MonthEvaluationView),
        (status = 403, description = "You reach no room"),
        (status = 422, description = "A month that has not begun"),
    )
)]
#[get("/evaluations/{month}")]
async fn month_evaluation(
    state: web::Data<AppState>,
    actor: GridActor,
    month: web::Path<String>,
    query: Query<MonthQuery>,
) -> ApiResult<web::Json<MonthEvaluationView>> {
    let (m, caller, now) = (month.into_inner(), Caller::from(&actor), state.clock.now());
    let building = query.into_inner().building;
    Ok(web::Json(
        state
            .db
            .read(move |c| app::month_view(c, &caller, &m, building, now))
            .await?,
    ))
}

/// The same list as CSV for publicity (UTF-8 with a BOM, so Excel opens it in Chinese).
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(("month" = String, Path, description = "`YYYY-MM`, campus time", pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$"), MonthQuery),
    responses(
        (status = 200, description = "月份,楼栋,寝室,卫生得分,书香得分,安全隐患未整改,楼栋排名,包干区排名,书香排名,称号,状态", content_type = "text/csv"),
        (status = 403, description = "You reach no room"),
        (status = 422, description = "A month that has not begun"),
    )
)]
#[get("/evaluations/{month}/export")]
async fn month_csv(
    state: web::Data<AppState>,
    actor: GridActor,
    month: web::Path<String>,
    query: Query<MonthQuery>,
) -> ApiResult<HttpResponse> {
    let (m, caller, now) = (month.into_inner(), Caller::from(&actor), state.clock.now());
    let building = query.into_inner().building;
    let name = m.clone();
    let csv = state
        .db
        .read(move |c| app::month_view(c, &caller, &m, building, now).and_then(|v| app::csv(&v)))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"dorm-evaluation-{name}.csv\""),
        ))
        .body(csv))
}

/// Close an ended month for the whole school (学生处 and administrators; the
/// server also does it on the 1st): its ranking is stored and no longer moves.
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(("month" = String, Path, description = "`YYYY-MM`, campus time", pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")),
    responses(
        (status = 200, body = MonthEvaluationView),
        (status = 403, description = "Not of 学生处 nor an administrator"),
        (status = 409, description = "Not ended yet on campus (`month_not_over`), or closed already (`month_closed`)"),
        (status = 422, description = "A month that has not begun"),
    )
)]
#[post("/evaluations/{month}/close")]
async fn close_month(
    state: web::Data<AppState>,
    actor: GridActor,
    month: web::Path<String>,
) -> ApiResult<web::Json<MonthEvaluationView>> {
    let (m, caller, now) = (month.into_inner(), Caller::from(&actor), state.clock.now());
    Ok(web::Json(
        state
            .db
            .write(move |c| app::close(c, &caller, &m, now))
            .await?,
    ))
}

/// Your room's evaluation: this month so far, the last six closed months,
/// and the problems still to put right.
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    responses((status = 200, body = MyRoomEvaluation))
)]
#[get("/me/evaluation")]
async fn my_room(
    state: web::Data<AppState>,
    actor: GridActor,
) -> ApiResult<web::Json<MyRoomEvaluation>> {
    let (caller, now) = (Caller::from(&actor), state.clock.now());
    Ok(web::Json(
        state.db.read(move |c| app::mine(c, &caller, now)).await?,
    ))
}

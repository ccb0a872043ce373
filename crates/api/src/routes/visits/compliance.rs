use crate::app::visits::{compliance as app, Caller};
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use onestop_domain::community::period::Per;
use onestop_domain::community::wire::Compliance;
use onestop_domain::dates::Day;
use onestop_domain::grid::local_date;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(compliance).service(compliance_csv);
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplianceQuery {
    /// A campus date; each duty is judged over its rule's period containing
    /// it (default: today).
    on: Option<Day>,
    /// Only the duties whose rule counts per month, or per semester.
    per: Option<Per>,
}

fn ask(
    state: &AppState,
    actor: &GridActor,
    q: ComplianceQuery,
) -> (Caller, chrono::NaiveDate, Option<Per>) {
    let on =
        q.on.map_or_else(|| local_date(state.clock.now()), |d| d.get());
    (Caller::from(actor), on, q.per)
}

/// Who has met the visit rules in the current period (or the one containing
/// `on`), who is behind and by how much, with tallies by unit and by the
/// school leaders' communities. Semesters run from 1 August and 1 February
/// in campus time (UTC+8).
#[utoipa::path(
    tag = "visits",
    security(("bearer" = []), ("client" = ["visits:read"])),
    params(ComplianceQuery),
    responses((status = 200, body = Compliance), (status = 403))
)]
#[get("/visits/compliance")]
async fn compliance(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<ComplianceQuery>,
) -> ApiResult<web::Json<Compliance>> {
    let (caller, on, per) = ask(&state, &actor, query.into_inner());
    Ok(web::Json(
        state
            .db
            .read(move |c| app::compute(c, &caller, on, per))
            .await?,
    ))
}

/// The same standing as CSV (UTF-8 with a BOM, so Excel opens it in Chinese).
#[utoipa::path(
    tag = "visits",
    security(("bearer" = []), ("client" = ["visits:read"])),
    params(ComplianceQuery),
    responses(
        (status = 200, description = "姓名,职责,单位,联系社区,周期,起,止,走访次数,最低要求,差额,达标", content_type = "text/csv"),
        (status = 403),
    )
)]
#[get("/visits/compliance.csv")]
async fn compliance_csv(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<ComplianceQuery>,
) -> ApiResult<HttpResponse> {
    let (caller, on, per) = ask(&state, &actor, query.into_inner());
    let csv = state
        .db
        .read(move |c| app::compute(c, &caller, on, per).and_then(|r| app::csv(&r)))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"visits-{on}.csv\""),
        ))
        .body(csv))
}

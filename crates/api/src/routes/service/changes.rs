//! The requests changes feed, for systems that poll rather than receive webhooks.

use crate::app::events::feed;
use crate::app::service::Actor;
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::events::outbox::Position;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web};
use onestop_domain::integration::events::ChangesPage;
use onestop_domain::page::Limit;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(request_changes);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// `next_cursor` of the previous read; without it, from the oldest change kept (30 days).
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
    /// How many changes at most (1 to 200; default 50).
    limit: Option<Limit>,
}

/// Changes to requests you may see, oldest first: each is the same event a
/// webhook carries. Keep `next_cursor` and pass it next time: no change is
/// skipped or given twice, even while others are being written (a change
/// appears once every transaction older than it has finished). When
/// `has_more` is true, read again at once; otherwise poll again later.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:read"])),
    params(ChangesQuery),
    responses(
        (status = 200, body = ChangesPage),
        (status = 410, description = "The cursor is older than the changes kept: read the requests afresh and start again without a cursor"),
        (status = 422, description = "The cursor is not one the feed gave out"),
    )
)]
#[get("/requests/changes")]
async fn request_changes(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<ChangesQuery>,
) -> ApiResult<web::Json<ChangesPage>> {
    let q = query.into_inner();
    let limit = Limit::or_default(q.limit);
    let after = match q.cursor.as_deref().map(cursor::decode).transpose()? {
        None => None,
        Some(text) => Some(Position::parse(&text).ok_or_else(|| {
            ApiError::field(
                "cursor",
                "unknown",
                "this cursor is not one the changes feed gave out; start again without it",
            )
        })?),
    };
    let visibility = Actor::from(&actor).visibility();
    let read = state
        .db
        .read(move |c| feed::request_changes(c, &visibility, after, limit).map_err(ApiError::from))
        .await?;
    Ok(web::Json(ChangesPage {
        items: read.items,
        next_cursor: cursor::encode(&read.next.text()),
        has_more: read.has_more,
    }))
}

//! Your notifications, and the live stream that brings them (with changes
//! to the requests you see) to the web app without polling.

use crate::app::events::live::{self, Frame, Viewer};
use crate::app::events::notifications as app;
use crate::auth::{AuthUser, StreamUser};
use crate::cursor;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::web::Bytes;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::grid::local_date;
use onestop_domain::notify::{
    MarkReadRequest, NotificationPage, NotificationView, StreamTicket, UnreadCount,
};
use onestop_domain::page::Limit;
use onestop_domain::NotificationId;
use serde::Deserialize;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

/// A stream ends after this long; the client opens the next one (with a
/// fresh ticket), so a deactivated account's stream ends within it too.
const STREAM_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// A comment line this often keeps proxies from closing an idle stream.
const HEARTBEAT: Duration = Duration::from_secs(20);

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_notifications)
        .service(unread_count)
        .service(mark_all_read)
        .service(mark_read)
        .service(stream_ticket)
        .service(stream);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Only those not read yet.
    #[serde(default)]
    unread: bool,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Your notifications, newest first, with how many are unread.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(NotificationQuery),
    responses((status = 200, body = NotificationPage), (status = 401))
)]
#[get("/me/notifications")]
async fn list_notifications(
    state: web::Data<AppState>,
    user: AuthUser,
    query: Query<NotificationQuery>,
) -> ApiResult<web::Json<NotificationPage>> {
    let q = query.into_inner();
    let limit = Limit::or_default(q.limit);
    let after = q.cursor.as_deref().map(cursor::decode).transpose()?;
    let me = user.id;
    let mut page = state
        .db
        .read(move |c| app::page(c, me, q.unread, after.as_deref(), limit).map_err(ApiError::from))
        .await?;
    page.next_cursor = page.next_cursor.map(|last| cursor::encode(&last));
    Ok(web::Json(page))
}

/// How many of your notifications are unread (the bell).
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses((status = 200, body = UnreadCount), (status = 401))
)]
#[get("/me/notifications/unread")]
async fn unread_count(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<UnreadCount>> {
    let me = user.id;
    let n = state
        .db
        .read(move |c| app::unread(c, me).map_err(ApiError::from))
        .await?;
    Ok(web::Json(n))
}

/// Mark your notifications read: all of them, or (`up_to`) those up to the
/// newest one you have seen, so one that arrived meanwhile stays unread.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = MarkReadRequest,
    responses((status = 200, body = UnreadCount), (status = 401))
)]
#[post("/me/notifications/read")]
async fn mark_all_read(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<MarkReadRequest>,
) -> ApiResult<web::Json<UnreadCount>> {
    let (me, up_to) = (user.id, body.0.up_to);
    let now = state.clock.now();
    let n = state
        .db
        .write(move |c| app::mark_all(c, me, up_to, now).map_err(ApiError::from))
        .await?;
    Ok(web::Json(n))
}

/// Mark one of your notifications read.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(("id" = NotificationId, Path, description = "Notification id")),
    responses((status = 200, body = NotificationView), (status = 401), (status = 404))
)]
#[post("/me/notifications/{id}/read")]
async fn mark_read(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<NotificationId>,
) -> ApiResult<web::Json<NotificationView>> {
    let (me, id) = (user.id, id.into_inner());
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| app::mark_one(c, me, id, now).map_err(ApiError::from))
        .await?;
    Ok(web::Json(view))
}

/// A ticket that opens your live stream for the next minute:
/// `GET /me/stream?ticket=…`. For browsers, whose `EventSource` cannot send
/// an Authorization header; the ticket opens the stream and nothing else.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses((status = 200, body = StreamTicket), (status = 401))
)]
#[post("/me/stream-tickets")]
async fn stream_ticket(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<StreamTicket>> {
    let ticket = state
        .keys
        .issue_stream_ticket(&user.claims, state.clock.now())
        .map_err(ApiError::internal)?;
    Ok(web::Json(StreamTicket {
        ticket,
        expires_in: crate::auth::jwt::STREAM_TICKET_SECONDS,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // read by the `StreamUser` extractor; declared here for the document
pub struct StreamQuery {
    /// A ticket from `POST /me/stream-tickets`, instead of an Authorization header.
    #[param(max_length = 2048)]
    ticket: Option<String>,
}

/// Your live stream (Server-Sent Events). It opens with `ready` (your unread
/// count), then sends `notification` (a `NotificationView`) for each new
/// notification, `change` (`LiveChange`: request id, state, version) when a
/// request you can see changes, and `resync` if it fell behind (reload what
/// you show); a comment line every 20 s keeps it open. It ends after ten
/// minutes: open it again (EventSource does so itself; a browser asks for a
/// new ticket first). Events raised on any server reach every stream.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(StreamQuery),
    responses(
        (status = 200, content_type = "text/event-stream", body = String, description = "The stream"),
        (status = 401),
    )
)]
#[get("/me/stream")]
async fn stream(state: web::Data<AppState>, user: StreamUser) -> ApiResult<HttpResponse> {
    let u = user.0;
    let today = local_date(state.clock.now());
    let rx = state.hub.subscribe();
    let (viewer, ready) = state
        .db
        .read(move |c| live::open(c, u.id, u.roles, u.unit_id, today).map_err(ApiError::from))
        .await?;
    let first = format!("retry: 3000\n{}", sse(&ready));
    let body = events(viewer, rx, first);
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-cache"))
        // Compression would hold messages back until a buffer fills.
        .insert_header(("Content-Encoding", "identity"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body))
}

fn sse(f: &Frame) -> String {
    format!("event: {}\ndata: {}\n\n", f.event, f.data)
}

struct Open {
    viewer: Viewer,
    rx: tokio::sync::broadcast::Receiver<crate::live::Live>,
    first: Option<String>,
    until: tokio::time::Instant,
}

fn events(
    viewer: Viewer,
    rx: tokio::sync::broadcast::Receiver<crate::live::Live>,
    first: String,
) -> impl futures_util::Stream<Item = Result<Bytes, actix_web::Error>> {
    let open = Open {
        viewer,
        rx,
        first: Some(first),
        until: tokio::time::Instant::now() + STREAM_LIFETIME,
    };
    futures_util::stream::unfold(open, |mut s| async move {
        if let Some(first) = s.first.take() {
            return Some((Ok(Bytes::from(first)), s));
        }
        loop {
            let text = tokio::select! {
                m = s.rx.recv() => match m {
                    Ok(m) => match s.viewer.frame(&m) {
                        Some(f) => sse(&f),
                        None => continue,
                    },
                    Err(RecvError::Lagged(_)) => sse(&Viewer::resync()),
                    Err(RecvError::Closed) => return None,
                },
                _ = tokio::time::sleep(HEARTBEAT) => ": keep-alive\n\n".to_owned(),
                _ = tokio::time::sleep_until(s.until) => return None,
            };
            return Some((Ok(Bytes::from(text)), s));
        }
    })
}

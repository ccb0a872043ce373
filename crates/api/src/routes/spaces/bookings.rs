use crate::app::idempotency::{once, Once};
use crate::app::spaces::bookings::{self as app, Window};
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::community::spaces::wire::{
    BookingView, CancelBookingRequest, CreateBookingRequest, Days, DecideBookingRequest,
};
use onestop_domain::community::spaces::BookingState;
use onestop_domain::dates::Day;
use onestop_domain::{BookingId, NodeId, SpaceId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_bookings)
        .service(create_booking)
        .service(decide_booking)
        .service(cancel_booking);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BookingQuery {
    space: Option<SpaceId>,
    /// Bookings of this community's spaces.
    community: Option<NodeId>,
    state: Option<BookingState>,
    /// Only your own bookings.
    mine: Option<bool>,
    /// Only bookings of the spaces you keep (with `state=pending`: what waits for you).
    kept: Option<bool>,
    /// The first campus date shown; today when absent.
    from: Option<Day>,
    days: Option<Days>,
}

/// A calendar: the bookings meeting the days from `from` (campus time), in
/// time order, at most 500. Everyone signed in reads calendars; refused and
/// cancelled bookings are there too, with their state.
#[utoipa::path(
    tag = "spaces",
    security(("bearer" = []), ("client" = ["spaces:read"])),
    params(BookingQuery),
    responses(
        (status = 200, body = Vec<BookingView>),
        (status = 403, description = "`kept` asked by someone who keeps no spaces"),
    )
)]
#[get("/bookings")]
async fn list_bookings(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<BookingQuery>,
) -> ApiResult<web::Json<Vec<BookingView>>> {
    let q = query.into_inner();
    let window = Window {
        space: q.space,
        community: q.community,
        state: q.state,
        mine: q.mine.unwrap_or(false),
        kept: q.kept.unwrap_or(false),
        from: q.from.map_or(actor.today, |d| d.get()),
        days: Days::or_default(q.days),
    };
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .read(move |c| app::list(c, &caller, &window, now))
            .await?,
    ))
}

/// Book a slot of a space: on quarter hours, inside one day's opening
/// hours, at most eight hours, from now to 60 days ahead. It holds the slot
/// at once — approved, or pending where the space asks for the community
/// office's approval (the office is told).
#[utoipa::path(
    tag = "spaces",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreateBookingRequest,
    responses(
        (status = 201, body = BookingView),
        (status = 403, description = "The space is not open to bookings by your role"),
        (status = 409, description = "Another booking holds some of that time (`booking_overlaps`)"),
        (status = 422, description = "No such space or it is closed, the slot is off the quarter hour, past, too far ahead, too long or outside the opening hours, or more people than the space holds"),
    )
)]
#[post("/bookings")]
async fn create_booking(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreateBookingRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /bookings", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::create(c, &caller, &req, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Approve or refuse (saying why) a booking that waits for the office.
#[utoipa::path(
    tag = "spaces",
    security(("bearer" = [])),
    params(("id" = BookingId, Path, description = "Booking id")),
    request_body = DecideBookingRequest,
    responses(
        (status = 200, body = BookingView),
        (status = 403, description = "You do not keep this space"),
        (status = 404),
        (status = 409, description = "Not pending (`not_pending`), or changed since it was read (`stale_version`)"),
    )
)]
#[post("/bookings/{id}/decision")]
async fn decide_booking(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<BookingId>,
    body: Json<DecideBookingRequest>,
) -> ApiResult<web::Json<BookingView>> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::decide(c, &caller, id, &req, now))
            .await?,
    ))
}

/// Cancel a booking that holds its slot and has not ended: your own, or
/// (the office that keeps the space) anyone's, with a reason they are told.
#[utoipa::path(
    tag = "spaces",
    security(("bearer" = [])),
    params(("id" = BookingId, Path, description = "Booking id")),
    request_body = CancelBookingRequest,
    responses(
        (status = 200, body = BookingView),
        (status = 403, description = "Neither your booking nor a space you keep"),
        (status = 404),
        (status = 409, description = "Refused, cancelled or over (`not_cancellable`), or changed since it was read (`stale_version`)"),
    )
)]
#[post("/bookings/{id}/cancel")]
async fn cancel_booking(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<BookingId>,
    body: Json<CancelBookingRequest>,
) -> ApiResult<web::Json<BookingView>> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::cancel(c, &caller, id, &req, now))
            .await?,
    ))
}

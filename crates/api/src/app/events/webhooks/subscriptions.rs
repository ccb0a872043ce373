//! Webhook subscriptions (administrators, and systems holding
//! `webhooks:manage`): created with a signing secret shown once, changed,
//! paused, their secret replaced, their delivery log read and a delivery sent again.

use super::send::Reach;
use crate::app::{AppError, AppResult};
use crate::db::repo::events::webhooks as repo;
use crate::db::repo::users;
use crate::db::rows::{from_db, to_db, AttemptRow, DeliveryRow, SubscriptionRow};
use crate::db::DbConn;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::Engine;
use chrono::{DateTime, Utc};
use onestop_domain::integration::events::EventType;
use onestop_domain::integration::subscriptions::{
    AttemptView, CreateSubscriptionRequest, DeliveryView, IssuedSubscription, SubscriptionView,
    UpdateSubscriptionRequest,
};
use onestop_domain::integration::webhooks::{check_settings, DeliveryState, SECRET_PREFIX};
use onestop_domain::page::Page;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{DeliveryId, FieldError, SubscriptionId, UserId, ValidationErrors};

fn not_found() -> AppError {
    AppError::not_found("this webhook subscription")
}

fn new_secret() -> String {
    let mut key = [0u8; 32];
    OsRng.fill_bytes(&mut key);
    format!(
        "{SECRET_PREFIX}{}",
        base64::engine::general_purpose::STANDARD.encode(key)
    )
}

/// The URL, if the server may call it: internal literal addresses and
/// `localhost` are refused here already (names are checked again on every send).
fn reachable(url: &url::Url, reach: &Reach) -> AppResult<()> {
    let local_name = url
        .host_str()
        .is_some_and(|h| h == "localhost" || h.ends_with(".localhost"));
    let literal = reach.refuses_literal(url);
    let loopback_allowed = reach.permits(std::net::Ipv4Addr::LOCALHOST.into());
    if literal.is_some() || (local_name && !loopback_allowed) {
        return Err(AppError::Validation(ValidationErrors::single(
            FieldError::new(
                "url",
                "internal_address",
                "this address is inside the server's own network, which webhooks may not call; \
             an administrator can allow such ranges with ONESTOP_WEBHOOK_ALLOW_NETWORKS",
            ),
        )));
    }
    Ok(())
}

fn types_of(row: &SubscriptionRow) -> Vec<EventType> {
    row.event_types
        .split(' ')
        .filter_map(EventType::parse)
        .collect()
}

fn join(types: &[EventType]) -> String {
    types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn views(c: &mut DbConn, rows: &[SubscriptionRow]) -> AppResult<Vec<SubscriptionView>> {
    let ids: Vec<SubscriptionId> = rows.iter().map(|r| r.id).collect();
    let stats = repo::stats(c, &ids)?;
    let names = users::names(c, rows.iter().map(|r| r.created_by))?;
    Ok(rows
        .iter()
        .map(|r| {
            let s = stats.get(&r.id).copied().unwrap_or_default();
            SubscriptionView {
                id: r.id,
                name: r.name.clone(),
                url: r.url.clone(),
                event_types: types_of(r),
                active: r.active,
                created_at: from_db(r.created_at),
                created_by: names.person(r.created_by),
                secret_hint: r
                    .secret
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect(),
                pending: s.pending,
                failed: s.failed,
                last_delivered_at: s.last_delivered_at.map(from_db),
            }
        })
        .collect())
}

fn view(c: &mut DbConn, row: &SubscriptionRow) -> AppResult<SubscriptionView> {
    views(c, std::slice::from_ref(row))?
        .pop()
        .ok_or_else(not_found)
}

fn row(c: &mut DbConn, id: SubscriptionId) -> AppResult<SubscriptionRow> {
    repo::subscription(c, id)?.ok_or_else(not_found)
}

pub fn create(
    c: &mut DbConn,
    by: UserId,
    req: &CreateSubscriptionRequest,
    reach: &Reach,
    now: DateTime<Utc>,
) -> AppResult<IssuedSubscription> {
    let s = check_settings(&req.name, &req.url, &req.event_types)?;
    reachable(&s.url, reach)?;
    let secret = new_secret();
    let row = SubscriptionRow {
        id: SubscriptionId::new(),
        name: s.name,
        url: s.url.to_string(),
        event_types: join(&s.event_types),
        secret: secret.clone(),
        active: true,
        created_by: by,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    repo::insert_subscription(c, &row)?;
    Ok(IssuedSubscription {
        subscription: view(c, &row)?,
        secret,
    })
}

pub fn list(c: &mut DbConn) -> AppResult<Vec<SubscriptionView>> {
    let rows = repo::subscriptions(c)?;
    views(c, &rows)
}

pub fn get(c: &mut DbConn, id: SubscriptionId) -> AppResult<SubscriptionView> {
    let r = row(c, id)?;
    view(c, &r)
}

pub fn update(
    c: &mut DbConn,
    id: SubscriptionId,
    req: &UpdateSubscriptionRequest,
    reach: &Reach,
    now: DateTime<Utc>,
) -> AppResult<SubscriptionView> {
    let mut r = row(c, id)?;
    let name = req.name.clone().unwrap_or_else(|| r.name.clone());
    let url = req.url.clone().unwrap_or_else(|| r.url.clone());
    let types = req.event_types.clone().unwrap_or_else(|| types_of(&r));
    let s = check_settings(&name, &url, &types)?;
    reachable(&s.url, reach)?;
    r.name = s.name;
    r.url = s.url.to_string();
    r.event_types = join(&s.event_types);
    if let Some(a) = req.active {
        r.active = a;
    }
    r.updated_at = to_db(now);
    repo::update_subscription(c, &r)?;
    view(c, &r)
}

/// A new signing secret, shown once; the old one stops signing at once.
pub fn rotate_secret(
    c: &mut DbConn,
    id: SubscriptionId,
    now: DateTime<Utc>,
) -> AppResult<IssuedSubscription> {
    let mut r = row(c, id)?;
    r.secret = new_secret();
    r.updated_at = to_db(now);
    repo::update_subscription(c, &r)?;
    Ok(IssuedSubscription {
        subscription: view(c, &r)?,
        secret: r.secret,
    })
}

fn delivery_view(d: DeliveryRow, log: Vec<AttemptRow>) -> DeliveryView {
    DeliveryView {
        id: d.id,
        event_id: d.event_id,
        event_type: d.event_type,
        state: d.state,
        attempts: d.attempts,
        created_at: from_db(d.created_at),
        next_attempt_at: d.next_attempt_at.map(from_db),
        last_status: d.last_status,
        last_error: d.last_error,
        last_latency_ms: d.last_latency_ms,
        delivered_at: d.delivered_at.map(from_db),
        log: log
            .into_iter()
            .map(|a| AttemptView {
                at: from_db(a.at),
                status: a.status,
                error: a.error,
                latency_ms: a.latency_ms,
            })
            .collect(),
    }
}

/// The delivery log, newest first; `after` is the last id of the page before.
pub fn deliveries(
    c: &mut DbConn,
    id: SubscriptionId,
    state: Option<DeliveryState>,
    after: Option<&str>,
    limit: u32,
) -> AppResult<Page<DeliveryView>> {
    row(c, id)?;
    // A position that names no delivery lies before every one of them.
    let before = after.map(|a| a.parse().unwrap_or(DeliveryId(uuid::Uuid::nil())));
    let rows = repo::deliveries(c, id, state, before, i64::from(limit) + 1)?;
    let more = rows.len() > limit as usize;
    let items: Vec<DeliveryView> = rows
        .into_iter()
        .take(limit as usize)
        .map(|d| delivery_view(d, Vec::new()))
        .collect();
    let next_cursor = more
        .then(|| items.last().map(|d| d.id.to_string()))
        .flatten();
    Ok(Page { items, next_cursor })
}

fn delivery_row(c: &mut DbConn, id: SubscriptionId, d: DeliveryId) -> AppResult<DeliveryRow> {
    repo::delivery(c, d)?
        .filter(|r| r.subscription_id == id)
        .ok_or_else(|| AppError::not_found("this delivery"))
}

/// One delivery with every attempt.
pub fn delivery(c: &mut DbConn, id: SubscriptionId, d: DeliveryId) -> AppResult<DeliveryView> {
    let r = delivery_row(c, id, d)?;
    let log = repo::attempts(c, r.id)?;
    Ok(delivery_view(r, log))
}

/// Deliveries waiting to be sent, and failed for good (the metrics' backlog).
pub fn backlog(c: &mut DbConn) -> AppResult<(i64, i64)> {
    Ok(repo::backlog(c)?)
}

/// Send a delivered or failed delivery again, with a fresh day of retries.
pub fn redeliver(
    c: &mut DbConn,
    id: SubscriptionId,
    d: DeliveryId,
    now: DateTime<Utc>,
) -> AppResult<DeliveryView> {
    let r = delivery_row(c, id, d)?;
    if !repo::redeliver(c, r.id, now)? {
        return Err(AppError::Conflict {
            code: ProblemCode::DeliveryUnderway,
            detail:
                "this delivery is still on its way (waiting for its next attempt or being sent); \
                     wait for it to finish before sending it again"
                    .into(),
        });
    }
    delivery(c, id, d)
}

//! Service accounts and their secrets; views with their unit and secrets in
//! two more queries whatever the number of accounts.

use crate::db::repo::units;
use crate::db::rows::{from_db, to_db, ClientSecretRow, ServiceAccountRow};
use crate::db::schema::{service_account_secrets as sec, service_accounts as sa};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::integration::wire::{ClientSecretView, ServiceAccountView};
use onestop_domain::integration::ClientScope;
use onestop_domain::{ClientSecretId, ServiceAccountId, UnitId, UserId};
use std::collections::HashMap;

pub fn insert(c: &mut DbConn, row: &ServiceAccountRow) -> QueryResult<()> {
    diesel::insert_into(sa::table)
        .values(row)
        .execute(c)
        .map(drop)
}

pub fn insert_secret(c: &mut DbConn, row: &ClientSecretRow) -> QueryResult<()> {
    diesel::insert_into(sec::table)
        .values(row)
        .execute(c)
        .map(drop)
}

pub fn find(c: &mut DbConn, id: ServiceAccountId) -> QueryResult<Option<ServiceAccountRow>> {
    sa::table
        .find(id)
        .select(ServiceAccountRow::as_select())
        .first(c)
        .optional()
}

/// The service account a users row belongs to, if it is one's own.
pub fn of_user(c: &mut DbConn, user: UserId) -> QueryResult<Option<ServiceAccountId>> {
    sa::table
        .filter(sa::user_id.eq(user))
        .select(sa::id)
        .first(c)
        .optional()
}

pub fn list(c: &mut DbConn) -> QueryResult<Vec<ServiceAccountRow>> {
    sa::table
        .order((sa::name, sa::id))
        .select(ServiceAccountRow::as_select())
        .load(c)
}

/// The account a presented secret belongs to, if the secret is not revoked.
pub fn by_secret(
    c: &mut DbConn,
    secret_hash: &str,
) -> QueryResult<Option<(ClientSecretRow, ServiceAccountRow)>> {
    sec::table
        .inner_join(sa::table)
        .filter(sec::secret_hash.eq(secret_hash))
        .filter(sec::revoked_at.is_null())
        .select((ClientSecretRow::as_select(), ServiceAccountRow::as_select()))
        .first(c)
        .optional()
}

/// Revoke one secret of the account; false when it is not one of its live secrets.
pub fn revoke_secret(
    c: &mut DbConn,
    account: ServiceAccountId,
    secret: ClientSecretId,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(
        sec::table
            .filter(sec::id.eq(secret))
            .filter(sec::account_id.eq(account))
            .filter(sec::revoked_at.is_null()),
    )
    .set(sec::revoked_at.eq(Some(to_db(now))))
    .execute(c)?;
    Ok(n == 1)
}

pub fn set_active(c: &mut DbConn, id: ServiceAccountId, active: bool) -> QueryResult<bool> {
    let n = diesel::update(sa::table.find(id))
        .set(sa::active.eq(active))
        .execute(c)?;
    Ok(n == 1)
}

/// Note a token asked for: when, and from which address.
pub fn record_use(
    c: &mut DbConn,
    id: ServiceAccountId,
    now: DateTime<Utc>,
    addr: Option<String>,
) -> QueryResult<()> {
    diesel::update(sa::table.find(id))
        .set((
            sa::last_used_at.eq(Some(to_db(now))),
            sa::last_used_addr.eq(addr),
        ))
        .execute(c)
        .map(drop)
}

/// The stored scopes, read back; a word no scope has fails the read.
pub fn scopes_of(row: &ServiceAccountRow) -> QueryResult<Vec<ClientScope>> {
    ClientScope::split(&row.scopes).map_err(|word| {
        diesel::result::Error::DeserializationError(
            format!("the database holds {word:?} where a scope belongs").into(),
        )
    })
}

pub fn views(c: &mut DbConn, rows: &[ServiceAccountRow]) -> QueryResult<Vec<ServiceAccountView>> {
    let unit_ids: Vec<UnitId> = rows.iter().map(|r| r.unit_id).collect();
    let units: HashMap<UnitId, _> = units::by_ids(c, &unit_ids)?
        .iter()
        .map(|u| (u.id, units::view(u)))
        .collect();
    let mut secrets: HashMap<ServiceAccountId, Vec<ClientSecretView>> = HashMap::new();
    let ids: Vec<ServiceAccountId> = rows.iter().map(|r| r.id).collect();
    for s in sec::table
        .filter(sec::account_id.eq_any(ids))
        .order((sec::created_at.desc(), sec::id.desc()))
        .select(ClientSecretRow::as_select())
        .load(c)?
    {
        secrets
            .entry(s.account_id)
            .or_default()
            .push(ClientSecretView {
                id: s.id,
                hint: s.hint,
                created_at: from_db(s.created_at),
                revoked_at: s.revoked_at.map(from_db),
            });
    }
    rows.iter()
        .map(|r| {
            let unit = units.get(&r.unit_id).cloned().ok_or_else(|| {
                diesel::result::Error::DeserializationError(
                    "a service account's unit is gone".into(),
                )
            })?;
            Ok(ServiceAccountView {
                id: r.id,
                name: r.name.clone(),
                unit,
                scopes: scopes_of(r)?,
                allowed_addresses: r
                    .allowed_addresses
                    .split_ascii_whitespace()
                    .map(str::to_owned)
                    .collect(),
                expires_on: r.expires_on,
                active: r.active,
                created_at: from_db(r.created_at),
                last_used_at: r.last_used_at.map(from_db),
                last_used_addr: r.last_used_addr.clone(),
                secrets: secrets.remove(&r.id).unwrap_or_default(),
            })
        })
        .collect()
}

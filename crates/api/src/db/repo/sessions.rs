//! Refresh tokens. Each login starts a family; every refresh uses up one token
//! and issues the next in the same family. Presenting a used token again means
//! it was stolen or replayed, so the whole family is revoked.

use crate::db::rows::{from_db, to_db, RefreshTokenRow};
use crate::db::schema::refresh_tokens as rt;
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use onestop_domain::auth::REFRESH_REUSE_GRACE_SECONDS;
use onestop_domain::{TokenId, UserId};

pub fn issue(
    conn: &mut DbConn,
    user_id: UserId,
    family_id: TokenId,
    token_hash: &str,
    now: DateTime<Utc>,
    ttl: Duration,
) -> QueryResult<()> {
    let row = RefreshTokenRow {
        id: TokenId::new(),
        family_id,
        user_id,
        token_hash: token_hash.to_owned(),
        created_at: to_db(now),
        expires_at: to_db(now + ttl),
        used_at: None,
        revoked_at: None,
    };
    diesel::insert_into(rt::table).values(&row).execute(conn)?;
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
pub enum Rotation {
    /// The token was good and is now used up; issue the next one in this family.
    Rotated {
        user_id: UserId,
        family_id: TokenId,
    },
    Unknown,
    Expired,
    Revoked,
    /// A used token came back: the family is now revoked.
    Reused,
}

/// Use up a refresh token. A used one presented again within
/// [`REFRESH_REUSE_GRACE_SECONDS`] rotates again (the client lost the answer);
/// later it revokes the family.
pub fn rotate(conn: &mut DbConn, token_hash: &str, now: DateTime<Utc>) -> QueryResult<Rotation> {
    let Some(row) = rt::table
        .filter(rt::token_hash.eq(token_hash))
        .select(RefreshTokenRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(Rotation::Unknown);
    };
    if row.revoked_at.is_some() {
        return Ok(Rotation::Revoked);
    }
    if from_db(row.expires_at) <= now {
        return Ok(Rotation::Expired);
    }
    if let Some(used) = row.used_at {
        if now - from_db(used) <= Duration::seconds(REFRESH_REUSE_GRACE_SECONDS) {
            return Ok(Rotation::Rotated {
                user_id: row.user_id,
                family_id: row.family_id,
            });
        }
        revoke_family(conn, row.family_id, now)?;
        return Ok(Rotation::Reused);
    }
    diesel::update(rt::table.find(row.id).filter(rt::used_at.is_null()))
        .set(rt::used_at.eq(to_db(now)))
        .execute(conn)?;
    Ok(Rotation::Rotated {
        user_id: row.user_id,
        family_id: row.family_id,
    })
}

pub fn revoke_family(
    conn: &mut DbConn,
    family_id: TokenId,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(
        rt::table
            .filter(rt::family_id.eq(family_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(to_db(now)))
    .execute(conn)
}

/// Logout: end the family the presented token belongs to. Returns false for an unknown token.
pub fn revoke_by_token(
    conn: &mut DbConn,
    token_hash: &str,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let family: Option<TokenId> = rt::table
        .filter(rt::token_hash.eq(token_hash))
        .select(rt::family_id)
        .first(conn)
        .optional()?;
    match family {
        Some(f) => revoke_family(conn, f, now).map(|_| true),
        None => Ok(false),
    }
}

pub fn revoke_all_for_user(
    conn: &mut DbConn,
    user_id: UserId,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(
        rt::table
            .filter(rt::user_id.eq(user_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(to_db(now)))
    .execute(conn)
}

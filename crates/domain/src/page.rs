//! The list envelope shared by every collection endpoint.

use serde::{Deserialize, Serialize};

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A page size as asked for: 1 to 200 (another number is a 400 naming `limit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Limit(u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("ask for 1 to {MAX_LIMIT} items at a time")]
pub struct BadLimit;

impl TryFrom<u32> for Limit {
    type Error = BadLimit;
    fn try_from(n: u32) -> Result<Self, BadLimit> {
        if (1..=MAX_LIMIT).contains(&n) {
            Ok(Limit(n))
        } else {
            Err(BadLimit)
        }
    }
}

impl From<Limit> for u32 {
    fn from(l: Limit) -> u32 {
        l.0
    }
}

impl Limit {
    /// The page size to serve: the one asked for, or [`DEFAULT_LIMIT`].
    pub fn or_default(requested: Option<Limit>) -> u32 {
        requested.map_or(DEFAULT_LIMIT, |l| l.0)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Limit {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
            .minimum(Some(1))
            .maximum(Some(MAX_LIMIT))
            .default(Some(DEFAULT_LIMIT.into()))
            .description(Some("How many items at most (1 to 200; default 50)"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Limit {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_one_to_two_hundred() {
        let limit = |s: &str| serde_json::from_str::<Limit>(s);
        assert_eq!(Limit::or_default(None), 50);
        assert_eq!(Limit::or_default(limit("20").ok()), 20);
        assert!(limit("0").is_err() && limit("201").is_err() && limit("200").is_ok());
    }
}

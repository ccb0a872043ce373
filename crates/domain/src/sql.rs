//! How ids and enums are stored: as TEXT on both databases, written by the
//! same `as_str`/`Display` the wire uses and read back through the same parse.
//! A stored text that does not parse is a load error, never a default: a
//! corrupt id must not quietly become a fresh random one.
//!
//! Built only with the `sql` feature (the server); the browser app leaves it
//! off. The server adds the `MultiBackend` half (`db/stored.rs` there), which
//! only the crate that owns the connection type may write.

use std::borrow::Cow;

/// A value stored in one TEXT column.
pub trait StoredAsText: Sized {
    /// What the value is, for the error when a stored text is not one.
    const WHAT: &'static str;
    fn to_text(&self) -> Cow<'static, str>;
    fn from_text(text: &str) -> Option<Self>;
}

/// The load error for a stored text that is not a `what`.
pub fn not_a(what: &str, text: &str) -> Box<dyn std::error::Error + Send + Sync> {
    format!("the database holds {text:?} where a {what} belongs").into()
}

/// `FromSql` for every backend and `ToSql` for PostgreSQL and SQLite of a
/// `StoredAsText` type; `AsExpression`/`FromSqlRow` come from its derives.
#[doc(hidden)]
#[macro_export]
macro_rules! __stored_as_text {
    ($ty:ty) => {
        impl<DB> ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB> for $ty
        where
            DB: ::diesel::backend::Backend,
            String: ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> ::diesel::deserialize::Result<Self> {
                let text = <String as ::diesel::deserialize::FromSql<
                    ::diesel::sql_types::Text,
                    DB,
                >>::from_sql(bytes)?;
                <$ty as $crate::sql::StoredAsText>::from_text(&text).ok_or_else(|| {
                    $crate::sql::not_a(<$ty as $crate::sql::StoredAsText>::WHAT, &text)
                })
            }
        }

        impl ::diesel::serialize::ToSql<::diesel::sql_types::Text, ::diesel::pg::Pg> for $ty {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, ::diesel::pg::Pg>,
            ) -> ::diesel::serialize::Result {
                use std::io::Write as _;
                let text = $crate::sql::StoredAsText::to_text(self);
                out.write_all(text.as_bytes())?;
                Ok(::diesel::serialize::IsNull::No)
            }
        }

        impl ::diesel::serialize::ToSql<::diesel::sql_types::Text, ::diesel::sqlite::Sqlite>
            for $ty
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, ::diesel::sqlite::Sqlite>,
            ) -> ::diesel::serialize::Result {
                match $crate::sql::StoredAsText::to_text(self) {
                    ::std::borrow::Cow::Borrowed(text) => out.set_value(text),
                    ::std::borrow::Cow::Owned(text) => out.set_value(text),
                }
                Ok(::diesel::serialize::IsNull::No)
            }
        }
    };
}

/// A grid level is stored as its number (1 community … 4 room).
mod level {
    use crate::grid::Level;
    use diesel::backend::Backend;
    use diesel::deserialize::{self, FromSql};
    use diesel::pg::Pg;
    use diesel::serialize::{self, IsNull, Output, ToSql};
    use diesel::sql_types::Integer;
    use diesel::sqlite::Sqlite;
    use std::io::Write as _;

    impl<DB> FromSql<Integer, DB> for Level
    where
        DB: Backend,
        i32: FromSql<Integer, DB>,
    {
        fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
            let n = i32::from_sql(bytes)?;
            Level::from_number(n).ok_or_else(|| super::not_a("grid level", &n.to_string()))
        }
    }

    impl ToSql<Integer, Pg> for Level {
        fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
            out.write_all(&self.number().to_be_bytes())?;
            Ok(IsNull::No)
        }
    }

    impl ToSql<Integer, Sqlite> for Level {
        fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
            out.set_value(self.number());
            Ok(IsNull::No)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::State;
    use crate::NodeId;

    #[test]
    fn ids_and_enums_store_as_their_wire_text() {
        let id = NodeId::new();
        assert_eq!(id.to_text(), id.to_string());
        assert_eq!(NodeId::from_text(&id.to_string()), Some(id));
        assert_eq!(
            State::from_text(State::Submitted.as_str()),
            Some(State::Submitted)
        );
    }

    #[test]
    fn a_corrupt_stored_value_is_refused_not_defaulted() {
        assert_eq!(NodeId::from_text("not-a-uuid"), None);
        assert_eq!(State::from_text("Submitted "), None);
        assert!(not_a(NodeId::WHAT, "x").to_string().contains("NodeId"));
    }
}

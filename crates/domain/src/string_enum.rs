//! Enums that travel as snake_case strings: one macro writes their `as_str`,
//! `parse` and `ALL`, so the string of a variant is written once. With the
//! `sql` feature the same string is what the database stores (see `sql.rs`).

/// `string_enum! { pub enum Name { Variant = "variant", … } }` declares the
/// enum (with the attributes given) and `as_str`, `parse` and `ALL` for it.
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
    }) => {
        #[cfg_attr(feature = "sql", derive(::diesel::expression::AsExpression, ::diesel::deserialize::FromSqlRow))]
        $(#[$meta])*
        #[cfg_attr(feature = "sql", diesel(sql_type = ::diesel::sql_types::Text))]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        #[cfg(feature = "sql")]
        impl $crate::sql::StoredAsText for $name {
            const WHAT: &'static str = stringify!($name);
            fn to_text(&self) -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
            fn from_text(text: &str) -> Option<Self> {
                Self::parse(text)
            }
        }

        #[cfg(feature = "sql")]
        $crate::__stored_as_text!($name);
    };
}

//! Opaque keyset cursors: the sort key of the last row served, base64url-encoded
//! so that clients pass it back unchanged rather than build one. Any string of
//! base64url (the document's `pattern`) is a position in a list, so a cursor is
//! refused only when it is not base64url at all.

use crate::error::ApiError;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

/// The shape of every cursor, for OpenAPI: unpadded base64url.
pub const PATTERN: &str = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$";

const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

pub fn encode(key: &str) -> String {
    ENGINE.encode(key.as_bytes())
}

pub fn decode(cursor: &str) -> Result<String, ApiError> {
    ENGINE
        .decode(cursor.as_bytes())
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .ok_or_else(|| {
            ApiError::field(
                "cursor",
                "invalid",
                "this cursor is not one the API gave out; start again without it",
            )
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn cursors_round_trip_and_garbage_is_a_field_error() {
        assert_eq!(super::decode(&super::encode("abc-123")).unwrap(), "abc-123");
        assert!(super::decode("%%%").is_err());
        assert!(super::decode("abcde").is_err(), "no base64 has this length");
        // Any other base64url is a place in a list, even one the API never gave.
        for any in ["", "AB", "ABC", "ABCD", "_-_-9z", "ZZZ"] {
            assert!(super::decode(any).is_ok(), "{any}");
        }
    }
}

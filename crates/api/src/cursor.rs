//! Opaque keyset cursors: the sort key of the last row served, base64url-encoded
//! so that clients pass it back unchanged rather than build one.

use crate::error::ApiError;
use base64::Engine;

const ENGINE: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

pub fn encode(key: &str) -> String {
    ENGINE.encode(key.as_bytes())
}

pub fn decode(cursor: &str) -> Result<String, ApiError> {
    ENGINE
        .decode(cursor.as_bytes())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
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
    }
}

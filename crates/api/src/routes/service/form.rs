//! Reading the body of `POST /requests` as a form.

use crate::error::{ApiError, ApiResult};
use crate::extract::from_value;
use onestop_domain::service::{Form, Kind};

/// Read a request body as a form: `kind` first, then that kind's own fields,
/// so a type error names its field (serde cannot when the tag is inside).
pub fn parse_form(value: serde_json::Value) -> ApiResult<Form> {
    let serde_json::Value::Object(mut map) = value else {
        return Err(ApiError::field(
            "",
            "invalid_type",
            "send the request as a JSON object",
        ));
    };
    let kinds = "repair, insurance_claim, stamp, check_in, check_out or room_change";
    let kind = match map.remove("kind") {
        Some(serde_json::Value::String(k)) => Kind::parse(&k).ok_or_else(|| {
            ApiError::field(
                "kind",
                "invalid",
                format!("unknown kind `{k}`; use {kinds}"),
            )
        })?,
        Some(_) => {
            return Err(ApiError::field(
                "kind",
                "invalid_type",
                format!("kind is a string: {kinds}"),
            ))
        }
        None => {
            return Err(ApiError::field(
                "kind",
                "required",
                format!("say which kind of request: {kinds}"),
            ))
        }
    };
    let fields = serde_json::Value::Object(map);
    Ok(match kind {
        Kind::Repair => Form::Repair(from_value(fields)?),
        Kind::InsuranceClaim => Form::InsuranceClaim(from_value(fields)?),
        Kind::Stamp => Form::Stamp(from_value(fields)?),
        Kind::CheckIn => Form::CheckIn(from_value(fields)?),
        Kind::CheckOut => Form::CheckOut(from_value(fields)?),
        Kind::RoomChange => Form::RoomChange(from_value(fields)?),
    })
}

//! The schema of a [`Form`]: one object per kind, each the kind's own fields
//! plus `kind`, closed to other fields (`deny_unknown_fields`), told apart by
//! `kind` ([`crate::tagged_schema`]).

use super::forms::*;
use utoipa::openapi::schema::{Discriminator, OneOfBuilder};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

fn with_kind<T: PartialSchema>(kind: &str) -> RefOr<Schema> {
    crate::tagged_schema::with_tag::<T>("kind", kind)
}

impl PartialSchema for Form {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(with_kind::<RepairForm>("repair"))
            .item(with_kind::<InsuranceClaimForm>("insurance_claim"))
            .item(with_kind::<StampForm>("stamp"))
            .item(with_kind::<CheckInForm>("check_in"))
            .item(with_kind::<CheckOutForm>("check_out"))
            .item(with_kind::<RoomChangeForm>("room_change"))
            .discriminator(Some(Discriminator::new("kind")))
            .description(Some(
                "What a student submits: `kind` and that kind's fields, side by side.",
            ))
            .into()
    }
}

impl ToSchema for Form {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        <RepairForm as ToSchema>::schemas(schemas);
        <InsuranceClaimForm as ToSchema>::schemas(schemas);
        <StampForm as ToSchema>::schemas(schemas);
        <CheckInForm as ToSchema>::schemas(schemas);
        <CheckOutForm as ToSchema>::schemas(schemas);
        <RoomChangeForm as ToSchema>::schemas(schemas);
    }
}

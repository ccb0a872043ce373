//! The schema of a [`Form`]: one object per kind, each the kind's own fields
//! plus `kind`, closed to other fields (`deny_unknown_fields`), told apart by
//! `kind`. utoipa's derive would wrap each kind in an `allOf` whose closed
//! half forbids `kind`, which no form can satisfy.

use super::forms::*;
use utoipa::openapi::schema::{Discriminator, ObjectBuilder, OneOfBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

fn with_kind<T: PartialSchema>(kind: &str) -> RefOr<Schema> {
    let tag = ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([kind]))
        .build();
    match T::schema() {
        RefOr::T(Schema::Object(mut object)) => {
            object.properties.insert("kind".into(), tag.into());
            object.required.insert(0, "kind".into());
            RefOr::T(Schema::Object(object))
        }
        other => other,
    }
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

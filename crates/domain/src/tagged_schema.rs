//! The schema of an internally tagged enum (`#[serde(tag = "…")]`) whose
//! variants are closed structs: one object per variant, its own fields plus
//! the tag, told apart by the tag. utoipa's derive would wrap each variant
//! in an `allOf` whose closed half forbids the tag, which no value satisfies.

use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::PartialSchema;

/// `T`'s object with `field` required and equal to `value`.
pub fn with_tag<T: PartialSchema>(field: &str, value: &str) -> RefOr<Schema> {
    let tag = ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([value]))
        .build();
    match T::schema() {
        RefOr::T(Schema::Object(mut object)) => {
            object.properties.insert(field.into(), tag.into());
            object.required.insert(0, field.into());
            RefOr::T(Schema::Object(object))
        }
        other => other,
    }
}

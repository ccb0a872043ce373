//! Rules for putting a student in a bed.

use super::node::Gender;
use crate::validation::FieldError;

/// Beds are numbered 1..=capacity within a room.
pub fn check_bed(capacity: i32, bed: i32) -> Result<(), FieldError> {
    if (1..=capacity).contains(&bed) {
        Ok(())
    } else {
        Err(FieldError::new(
            "bed",
            "range",
            format!("this room has beds 1 to {capacity}"),
        ))
    }
}

/// Rooms are single-gender; a student whose gender is on record must match.
pub fn check_gender(room: Option<Gender>, student: Option<Gender>) -> Result<(), FieldError> {
    match (room, student) {
        (Some(r), Some(s)) if r != s => Err(FieldError::new(
            "room_id",
            "gender_mismatch",
            format!("this room is for {} students", r.as_str()),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beds_are_within_the_room() {
        assert!(check_bed(4, 1).is_ok() && check_bed(4, 4).is_ok());
        assert!(check_bed(4, 0).is_err() && check_bed(4, 5).is_err());
    }

    #[test]
    fn genders_must_match_when_known() {
        assert!(check_gender(Some(Gender::Male), Some(Gender::Female)).is_err());
        assert!(check_gender(Some(Gender::Male), None).is_ok());
        assert!(check_gender(Some(Gender::Female), Some(Gender::Female)).is_ok());
    }
}

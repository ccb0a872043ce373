//! Rules for putting a student in a bed.

use super::node::Gender;
use crate::validation::FieldError;
use crate::NodeId;

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

/// A room's gender may change only to one every resident whose gender is known has:
/// how many residents would not fit it.
pub fn misfits(room: Option<Gender>, residents: &[Option<Gender>]) -> usize {
    residents
        .iter()
        .filter(|s| check_gender(room, **s).is_err())
        .count()
}

/// The beds of a room nobody sleeps in now, in order.
pub fn free_beds(capacity: i32, taken: &[i32]) -> Vec<i32> {
    (1..=capacity).filter(|b| !taken.contains(b)).collect()
}

/// Which rooms a student may ask to move into: those of their college's zones
/// (any zone when the college has none in the grid) and of their gender, but
/// not the room they already live in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomChoice {
    /// Zone ids; empty means every zone.
    pub zones: Vec<NodeId>,
    pub gender: Option<Gender>,
    pub current_room: Option<NodeId>,
}

impl RoomChoice {
    pub fn admits(&self, room: NodeId, zone: Option<NodeId>, room_gender: Option<Gender>) -> bool {
        self.check(room, zone, room_gender).is_ok()
    }

    /// Why a student may not ask for this room, naming the `room_id` field.
    pub fn check(
        &self,
        room: NodeId,
        zone: Option<NodeId>,
        room_gender: Option<Gender>,
    ) -> Result<(), FieldError> {
        let zone_ok = self.zones.is_empty() || zone.is_some_and(|z| self.zones.contains(&z));
        if !zone_ok {
            return Err(FieldError::new(
                "room_id",
                "other_college",
                "this room is not in your college's zone; choose a room there",
            ));
        }
        if self.current_room == Some(room) {
            return Err(FieldError::new(
                "room_id",
                "current_room",
                "you already live in this room",
            ));
        }
        check_gender(room_gender, self.gender)
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

    #[test]
    fn free_beds_are_those_not_taken() {
        assert_eq!(free_beds(4, &[2, 4]), vec![1, 3]);
        assert_eq!(free_beds(2, &[1, 2]), Vec::<i32>::new());
        assert_eq!(free_beds(0, &[]), Vec::<i32>::new());
    }

    #[test]
    fn a_student_chooses_within_their_college_and_gender() {
        let [z1, z2, r1, home] = [(); 4].map(|()| NodeId::new());
        let c = RoomChoice {
            zones: vec![z1],
            gender: Some(Gender::Female),
            current_room: Some(home),
        };
        assert!(c.admits(r1, Some(z1), Some(Gender::Female)));
        assert!(c.admits(r1, Some(z1), None));
        assert!(!c.admits(r1, Some(z1), Some(Gender::Male)));
        assert!(!c.admits(r1, Some(z2), Some(Gender::Female)));
        assert_eq!(
            c.check(r1, Some(z2), Some(Gender::Female))
                .unwrap_err()
                .code,
            "other_college"
        );
        assert_eq!(
            c.check(r1, Some(z1), Some(Gender::Male)).unwrap_err().code,
            "gender_mismatch"
        );
        assert!(
            !c.admits(home, Some(z1), Some(Gender::Female)),
            "already there"
        );
        let anywhere = RoomChoice {
            zones: vec![],
            gender: None,
            current_room: None,
        };
        assert!(anywhere.admits(r1, Some(z2), Some(Gender::Male)));
    }

    #[test]
    fn a_room_takes_a_gender_its_residents_have() {
        let (m, f) = (Some(Gender::Male), Some(Gender::Female));
        assert_eq!(misfits(f, &[m, None, m]), 2);
        assert_eq!(misfits(m, &[m, None]), 0);
        assert_eq!(misfits(None, &[m, f]), 0);
        assert_eq!(misfits(f, &[]), 0);
    }
}

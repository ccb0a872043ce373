//! Levels, the parent rule, and the validated fields of each kind of node.

use crate::validation::{FieldError, ValidationErrors};
use serde::{Deserialize, Serialize};

crate::string_enum! {
/// The four levels: 社区 → 二级学院包干区 → 学生公寓 → 学生寝室.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
// Stored as its number (see `sql.rs`), so levels compare and sort in SQL.
#[cfg_attr(feature = "sql", diesel(sql_type = ::diesel::sql_types::Integer))]
pub enum Level {
    Community = "community",
    CollegeZone = "college_zone",
    Building = "building",
    Room = "room",
}
}

impl Level {
    /// 1 for a community … 4 for a room, as the plan numbers them.
    pub fn number(self) -> i32 {
        match self {
            Level::Community => 1,
            Level::CollegeZone => 2,
            Level::Building => 3,
            Level::Room => 4,
        }
    }

    pub fn from_number(n: i32) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.number() == n)
    }

    /// The level a node of this level must hang under; `None` for the top.
    pub fn parent(self) -> Option<Level> {
        Level::from_number(self.number() - 1)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Level::Community => "社区",
            Level::CollegeZone => "二级学院包干区",
            Level::Building => "学生公寓",
            Level::Room => "学生寝室",
        }
    }
}

/// Check a node's parent against the tree's shape: a room under a building,
/// a building under a college zone, a zone under a community, and a
/// community at the top.
pub fn check_parent(level: Level, parent: Option<Level>) -> Result<(), FieldError> {
    match (level.parent(), parent) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(FieldError::new(
            "parent_id",
            "not_allowed",
            "a community is the top of the grid and has no parent",
        )),
        (Some(want), None) => Err(FieldError::new(
            "parent_id",
            "required",
            format!("a {} needs a parent {}", level.as_str(), want.as_str()),
        )),
        (Some(want), Some(got)) if want == got => Ok(()),
        (Some(want), Some(got)) => Err(FieldError::new(
            "parent_id",
            "wrong_level",
            format!(
                "a {}'s parent must be a {}, not a {}",
                level.as_str(),
                want.as_str(),
                got.as_str()
            ),
        )),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sql",
    derive(::diesel::expression::AsExpression, ::diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "sql", diesel(sql_type = ::diesel::sql_types::Text))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_lowercase().as_str() {
            "male" | "m" | "男" => Some(Gender::Male),
            "female" | "f" | "女" => Some(Gender::Female),
            _ => None,
        }
    }
}

#[cfg(feature = "sql")]
impl crate::sql::StoredAsText for Gender {
    const WHAT: &'static str = "gender";
    fn to_text(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(self.as_str())
    }
    // Strict: the database holds only what `as_str` wrote.
    fn from_text(text: &str) -> Option<Self> {
        [Gender::Male, Gender::Female]
            .into_iter()
            .find(|g| g.as_str() == text)
    }
}

#[cfg(feature = "sql")]
crate::__stored_as_text!(Gender);

pub const MAX_BEDS: i32 = 12;

/// The fields of a node that passed validation for its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeFields {
    pub name: String,
    /// Building code (e.g. `X1`) or room number (e.g. `301`).
    pub code: Option<String>,
    pub floor: Option<i32>,
    pub capacity: Option<i32>,
    pub gender: Option<Gender>,
}

/// Raw node fields as a form or import row gives them.
#[derive(Debug, Clone, Default)]
pub struct RawNodeFields<'a> {
    pub name: Option<&'a str>,
    pub code: Option<&'a str>,
    pub floor: Option<i32>,
    pub capacity: Option<i32>,
    pub gender: Option<Gender>,
}

fn code_ok(code: &str) -> bool {
    (1..=16).contains(&code.chars().count())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Validate the fields a node of `level` needs. Rooms are named by their
/// number when no name is given.
pub fn validate_fields(
    level: Level,
    raw: &RawNodeFields<'_>,
) -> Result<NodeFields, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    // Codes are taken as sent (the document's pattern has no room for spaces);
    // names are trimmed, and measured as sent.
    let code = raw.code.filter(|c| !c.is_empty()).map(str::to_owned);
    let too_long = raw.name.is_some_and(|n| n.chars().count() > 64);
    let name = raw
        .name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .or_else(|| (level == Level::Room).then(|| code.clone()).flatten());
    match &name {
        None => errs.push(FieldError::new("name", "required", "give the node a name")),
        Some(n) if too_long || n.chars().any(char::is_control) => errs.push(FieldError::new(
            "name",
            "format",
            "a name is at most 64 characters, without control characters",
        )),
        _ => {}
    }
    let needs_code = matches!(level, Level::Building | Level::Room);
    match (&code, needs_code) {
        (None, true) => errs.push(FieldError::new(
            "code",
            "required",
            if level == Level::Room {
                "give the room number, e.g. 301"
            } else {
                "give the building code, e.g. X1"
            },
        )),
        (Some(c), _) if !code_ok(c) => errs.push(FieldError::new(
            "code",
            "format",
            "a code is 1 to 16 letters, digits or hyphens",
        )),
        _ => {}
    }
    let (floor, capacity, gender) = if level == Level::Room {
        if raw.floor.is_none_or(|f| !(-5..=100).contains(&f)) {
            errs.push(FieldError::new(
                "floor",
                "range",
                "a room's floor is a number from -5 to 100",
            ));
        }
        if raw.capacity.is_none_or(|c| !(1..=MAX_BEDS).contains(&c)) {
            errs.push(FieldError::new(
                "capacity",
                "range",
                format!("a room has 1 to {MAX_BEDS} beds"),
            ));
        }
        if raw.gender.is_none() {
            errs.push(FieldError::new(
                "gender",
                "required",
                "say whether the room is for male or female students",
            ));
        }
        (raw.floor, raw.capacity, raw.gender)
    } else {
        for (field, present) in [
            ("floor", raw.floor.is_some()),
            ("capacity", raw.capacity.is_some()),
        ] {
            if present {
                errs.push(FieldError::new(
                    field,
                    "not_allowed",
                    format!("only rooms have a {field}"),
                ));
            }
        }
        (None, None, raw.gender)
    };
    errs.finish(|| {
        Some(NodeFields {
            name: name?,
            code,
            floor,
            capacity,
            gender,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_hangs_under_the_one_above() {
        assert!(check_parent(Level::Community, None).is_ok());
        assert!(check_parent(Level::CollegeZone, Some(Level::Community)).is_ok());
        assert!(check_parent(Level::Building, Some(Level::CollegeZone)).is_ok());
        assert!(check_parent(Level::Room, Some(Level::Building)).is_ok());
        assert_eq!(
            check_parent(Level::Room, Some(Level::CollegeZone))
                .unwrap_err()
                .code,
            "wrong_level"
        );
        assert_eq!(
            check_parent(Level::Room, None).unwrap_err().code,
            "required"
        );
        assert_eq!(
            check_parent(Level::Community, Some(Level::Room))
                .unwrap_err()
                .code,
            "not_allowed"
        );
    }

    #[test]
    fn rooms_need_number_floor_beds_and_gender() {
        let ok = validate_fields(
            Level::Room,
            &RawNodeFields {
                code: Some("301"),
                floor: Some(3),
                capacity: Some(4),
                gender: Some(Gender::Female),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(ok.name, "301");
        let errs = validate_fields(
            Level::Room,
            &RawNodeFields {
                capacity: Some(40),
                ..Default::default()
            },
        )
        .unwrap_err();
        let fields: Vec<_> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "code", "floor", "capacity", "gender"]);
    }

    #[test]
    fn only_rooms_have_floors_and_beds() {
        let errs = validate_fields(
            Level::Building,
            &RawNodeFields {
                name: Some("庠园1栋"),
                code: Some("X1"),
                capacity: Some(4),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(errs.0[0].field, "capacity");
        assert_eq!(
            validate_fields(
                Level::Building,
                &RawNodeFields {
                    name: Some("庠园1栋"),
                    ..Default::default()
                }
            )
            .unwrap_err()
            .0[0]
                .field,
            "code"
        );
    }

    #[test]
    fn genders_parse_from_roster_spellings() {
        assert_eq!(Gender::parse("女"), Some(Gender::Female));
        assert_eq!(Gender::parse(" M "), Some(Gender::Male));
        assert_eq!(Gender::parse("x"), None);
    }
}

//! People and their accounts: validated values and the wire types for them.

use crate::grid::Gender;
use crate::ids::UserId;
use crate::role::{Role, Roles};
use crate::unit::UnitView;
use crate::validation::{FieldError, ValidationErrors};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A login name: 3–32 characters of `a-z 0-9 _ . -`, starting with a letter or
/// digit (student numbers are valid usernames). Stored lower-case, so logins
/// are case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let len = raw.chars().count();
        if !(3..=32).contains(&len) {
            return Err(FieldError::new(
                field,
                "length",
                "username must be 3 to 32 characters long",
            ));
        }
        let ok_char = |c: char| c.is_ascii_alphanumeric() || "_.-".contains(c);
        if !raw.chars().all(ok_char) || !raw.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(FieldError::new(
                field,
                "format",
                "username may use only letters a-z, digits and _ . - and must start with a letter or digit",
            ));
        }
        Ok(Self(raw.to_ascii_lowercase()))
    }

    /// Normalise what someone typed at login the same way names are stored,
    /// without rejecting it (a wrong name must look like a wrong password).
    pub fn normalize_login(raw: &str) -> String {
        raw.trim().to_lowercase()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name shown to other people, e.g. 张三: at most 64 characters, not
/// blank, no control characters; stored trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        if s.is_empty() || raw.chars().count() > 64 {
            return Err(FieldError::new(
                field,
                "length",
                "display name must be 1 to 64 characters long",
            ));
        }
        if s.chars().any(char::is_control) {
            return Err(FieldError::new(
                field,
                "format",
                "display name must not contain control characters",
            ));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// A new password that meets the policy. Never logged or serialised.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    pub fn parse(field: &str, raw: &str, username: Option<&str>) -> Result<Self, FieldError> {
        let len = raw.chars().count();
        if !(PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&len) {
            return Err(FieldError::new(
                field,
                "length",
                format!(
                    "password must be {PASSWORD_MIN_CHARS} to {PASSWORD_MAX_CHARS} characters long"
                ),
            ));
        }
        if raw.trim().is_empty() {
            return Err(FieldError::new(
                field,
                "format",
                "password must not be only spaces",
            ));
        }
        if username.is_some_and(|u| raw.trim().eq_ignore_ascii_case(u)) {
            return Err(FieldError::new(
                field,
                "same_as_username",
                "password must differ from the username",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A user as the API shows it. The password hash never leaves the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub roles: Roles,
    /// The college (students) or unit (staff) the person belongs to.
    pub unit: Option<UnitView>,
    /// Students only: the school's student number (学号).
    pub student_no: Option<String>,
    pub gender: Option<Gender>,
    /// Inactive accounts cannot log in.
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/users` (admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    /// Stored lower-case: sign-in ignores case.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "student3", pattern = r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$")
    )]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(example = "王五"))]
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 64,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub display_name: String,
    /// 8 to 128 characters, not only spaces, not the username; the person
    /// should change it after first login.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 8, max_length = 128, pattern = r"\S")
    )]
    pub password: String,
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub roles: Vec<Role>,
    /// Unit code (e.g. `logistics`) or unit id.
    #[serde(default)]
    pub unit: Option<String>,
    /// Students: 4 to 20 letters or digits; empty is none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^([A-Za-z0-9]{4,20})?$"))]
    pub student_no: Option<String>,
    #[serde(default)]
    pub gender: Option<Gender>,
}

/// A create request that passed validation; the unit reference is resolved by the store.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: Username,
    pub display_name: DisplayName,
    pub password: NewPassword,
    pub roles: Roles,
    pub unit: Option<String>,
    pub student_no: Option<String>,
    pub gender: Option<Gender>,
}

/// A student number: 4–20 digits or letters.
pub fn parse_student_no(field: &str, raw: &str) -> Result<String, FieldError> {
    if (4..=20).contains(&raw.len()) && raw.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(raw.to_owned())
    } else {
        Err(FieldError::new(
            field,
            "format",
            "a student number is 4 to 20 letters or digits",
        ))
    }
}

impl CreateUserRequest {
    pub fn validate(&self) -> Result<NewUser, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let username = errs.check(Username::parse("username", &self.username));
        let display_name = errs.check(DisplayName::parse("display_name", &self.display_name));
        let password = errs.check(NewPassword::parse(
            "password",
            &self.password,
            username.as_ref().map(Username::as_str),
        ));
        let roles = errs.check(
            Roles::new(self.roles.iter().copied())
                .map_err(|e| FieldError::new("roles", "required", e.to_string())),
        );
        let unit = self
            .unit
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        let student_no = match self.student_no.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => errs.check(parse_student_no("student_no", s)).map(Some),
            None => Some(None),
        };
        errs.finish(|| {
            Some(NewUser {
                username: username?,
                display_name: display_name?,
                password: password?,
                roles: roles?,
                unit: unit.map(str::to_owned),
                student_no: student_no?,
                gender: self.gender,
            })
        })
    }
}

/// `PATCH /api/v1/users/{id}` (admin): only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 64,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub display_name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub roles: Option<Vec<Role>>,
    /// Deactivating an account also ends all of its sessions.
    #[serde(default)]
    pub active: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub display_name: Option<DisplayName>,
    pub roles: Option<Roles>,
    pub active: Option<bool>,
}

impl UpdateUserRequest {
    pub fn validate(&self) -> Result<UserChanges, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let display_name = self
            .display_name
            .as_deref()
            .and_then(|d| errs.check(DisplayName::parse("display_name", d)));
        let roles = self.roles.as_ref().and_then(|r| {
            errs.check(
                Roles::new(r.iter().copied())
                    .map_err(|e| FieldError::new("roles", "required", e.to_string())),
            )
        });
        errs.finish(|| {
            Some(UserChanges {
                display_name,
                roles,
                active: self.active,
            })
        })
    }
}

/// `POST /api/v1/users/{id}/password` (admin) sets a new password and ends the user's sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 8, max_length = 128, pattern = r"\S")
    )]
    pub password: String,
}

/// `POST /api/v1/me/password`: a person changes their own password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub current_password: String,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 8, max_length = 128, pattern = r"\S")
    )]
    pub new_password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_normalised_and_checked() {
        assert_eq!(
            Username::parse("u", "Student1").unwrap().as_str(),
            "student1"
        );
        assert_eq!(
            Username::parse("u", "2022010101").unwrap().as_str(),
            "2022010101"
        );
        assert_eq!(Username::parse("u", "ab").unwrap_err().code, "length");
        assert_eq!(Username::parse("u", "_admin").unwrap_err().code, "format");
        assert_eq!(Username::parse("u", "张三丰").unwrap_err().code, "format");
        // As sent: the document's pattern has no room for spaces, nor for
        // letters that only lower-case to ASCII (the Kelvin sign).
        assert_eq!(Username::parse("u", " abc").unwrap_err().code, "format");
        assert_eq!(
            Username::parse("u", "\u{212A}im").unwrap_err().code,
            "format"
        );
    }

    #[test]
    fn passwords_follow_the_policy() {
        assert!(NewPassword::parse("p", "demo1234", Some("admin")).is_ok());
        assert_eq!(
            NewPassword::parse("p", "short", None).unwrap_err().code,
            "length"
        );
        assert_eq!(
            NewPassword::parse("p", "         ", None).unwrap_err().code,
            "format"
        );
        assert_eq!(
            NewPassword::parse("p", "Student1", Some("student1"))
                .unwrap_err()
                .code,
            "same_as_username"
        );
        assert!(
            !format!("{:?}", NewPassword::parse("p", "secret123", None).unwrap())
                .contains("secret")
        );
    }

    #[test]
    fn create_request_names_every_bad_field() {
        let req = CreateUserRequest {
            username: "x".into(),
            display_name: "  ".into(),
            password: "123".into(),
            roles: vec![],
            unit: None,
            student_no: None,
            gender: None,
        };
        let errs = req.validate().unwrap_err();
        let fields: Vec<_> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["username", "display_name", "password", "roles"]);
    }

    #[test]
    fn a_good_create_request_validates() {
        let req = CreateUserRequest {
            username: "Handler2".into(),
            display_name: "李四".into(),
            password: "demo1234".into(),
            roles: vec![Role::Handler],
            unit: Some(" logistics ".into()),
            student_no: None,
            gender: None,
        };
        let user = req.validate().unwrap();
        assert_eq!(user.username.as_str(), "handler2");
        assert_eq!(user.unit.as_deref(), Some("logistics"));
    }
}

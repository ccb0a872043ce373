//! Free text on a request's timeline — transition notes, reasons, comments,
//! the rating's remark — has one length limit, and comments a cap per request.

use crate::validation::FieldError;

/// The longest note, reason or comment, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;
/// The most comments one request holds (a conversation, not a chat room).
pub const COMMENTS_PER_REQUEST: i64 = 200;

/// A note as given: trimmed, empty as none; `required` refuses none.
pub fn note(field: &str, raw: Option<&str>, required: bool) -> Result<Option<String>, FieldError> {
    let text = raw.map(str::trim).filter(|t| !t.is_empty());
    match text {
        None if required => Err(FieldError::new(field, "required", "write a few words here")),
        Some(t) if t.chars().count() > NOTE_MAX_CHARS => Err(FieldError::new(
            field,
            "length",
            format!("at most {NOTE_MAX_CHARS} characters"),
        )),
        t => Ok(t.map(str::to_owned)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_trimmed_and_bounded() {
        assert_eq!(
            note("note", Some("  好的 "), false),
            Ok(Some("好的".into()))
        );
        assert_eq!(note("note", Some("   "), false), Ok(None));
        assert_eq!(note("reason", None, true).unwrap_err().code, "required");
        let long = "字".repeat(NOTE_MAX_CHARS + 1);
        assert_eq!(note("text", Some(&long), false).unwrap_err().code, "length");
        assert!(note("text", Some(&"字".repeat(NOTE_MAX_CHARS)), true).is_ok());
    }
}

//! argon2id password hashes. Hashing is deliberately slow, so callers run it
//! on the blocking pool.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::OnceLock;

pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Check a password against a stored hash. A hash that is not one (`!` for
/// imported accounts without a password yet) never matches, and costs the
/// same time as one that does not match, so timing tells nothing.
pub fn verify(password: &str, stored: &str) -> bool {
    check(password, stored).matched
}

struct Checked {
    matched: bool,
    /// An argon2 verification ran (the time an attacker can measure); asserted by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    hashed: bool,
}

fn check(password: &str, stored: &str) -> Checked {
    match PasswordHash::new(stored) {
        Ok(h) => Checked {
            matched: Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok(),
            hashed: true,
        },
        Err(_) => Checked {
            matched: false,
            hashed: verify_dummy(password),
        },
    }
}

/// Spend the time of one verification when the username does not exist, so
/// response times do not reveal which usernames are real. True when it did.
pub fn verify_dummy(password: &str) -> bool {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    let dummy = DUMMY
        .get_or_init(|| hash("onestop-dummy-password").ok())
        .as_deref()
        .and_then(|h| PasswordHash::new(h).ok());
    match dummy {
        Some(h) => {
            let _ = Argon2::default().verify_password(password.as_bytes(), &h);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password() {
        let h = hash("demo1234").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("demo1234", &h));
        assert!(!verify("demo12345", &h));
        assert!(!verify("demo1234", "not a hash"));
    }

    #[test]
    fn an_account_without_a_password_costs_one_argon2_run_like_any_other() {
        let h = hash("demo1234").unwrap();
        for stored in [h.as_str(), "!", ""] {
            let c = check("wrong-password", stored);
            assert!(!c.matched && c.hashed, "{stored}");
        }
    }
}

//! Passwords: the strength rules, and argon2id hashing with the OWASP parameters (19 MiB, 2 passes, 1 lane).
//! Callers run [`hash`] and [`verify`] off the async runtime: each takes tens of milliseconds on purpose.

use super::UsersError;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// The shortest password, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest password, in characters.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// OWASP's argon2id parameters: memory in KiB, passes, lanes.
const MEMORY_KIB: u32 = 19_456;
const PASSES: u32 = 2;
const LANES: u32 = 1;

/// A hash made with the same parameters, of a password nobody knows: unknown names are checked against it so
/// a wrong name costs as long as a wrong password.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$yNrDJENe7Qpxs8P+HioHhw$jV9f5bJTLWKpKf7nIxAqQ0kyiGQOyQ94viNhxNI1oGQ";

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Refuses a password that is too short, too long, or the user's own name.
pub fn check_strength(name: &str, password: &str) -> Result<(), UsersError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(UsersError::WeakPassword(format!(
            "a password needs at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(UsersError::WeakPassword(format!(
            "a password has at most {MAX_PASSWORD_CHARS} characters"
        )));
    }
    if password.eq_ignore_ascii_case(name) {
        return Err(UsersError::WeakPassword(
            "the password cannot be the user name".into(),
        ));
    }
    Ok(())
}

/// An argon2id hash of `password` with a fresh random salt, as a PHC string (`$argon2id$v=19$…`).
pub fn hash(password: &str) -> Result<String, UsersError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| UsersError::Hash(e.to_string()))
}

/// True when `password` matches the PHC string `phc`; false for a wrong password or a malformed hash.
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_rules() {
        assert!(check_strength("alice", "correct horse").is_ok());
        assert!(check_strength("alice", &"x".repeat(12)).is_ok());
        assert!(
            check_strength("alice", &"é".repeat(12)).is_ok(),
            "characters, not bytes"
        );
        assert!(check_strength("alice", &"x".repeat(1024)).is_ok());
        for (name, pw, needle) in [
            ("alice", "short", "at least 12"),
            ("alice", &"x".repeat(11) as &str, "at least 12"),
            ("alice", &"x".repeat(1025), "at most 1024"),
            ("alice.example.com", "alice.example.com", "user name"),
            ("alice.example.com", "Alice.Example.COM", "user name"),
        ] {
            let err = check_strength(name, pw).unwrap_err();
            assert!(matches!(err, UsersError::WeakPassword(_)), "{err}");
            assert!(err.to_string().contains(needle), "{err}");
        }
    }

    #[test]
    fn hash_and_verify_round_trip() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse battery!", &h));
        assert!(!verify("correct horse battery", "not a hash"));
        let again = hash("correct horse battery").unwrap();
        assert_ne!(h, again, "every hash has its own salt");
    }

    #[test]
    fn the_dummy_hash_is_real_and_costs_the_same() {
        let parsed = PasswordHash::new(DUMMY_HASH).expect("the dummy hash parses");
        let params = Params::try_from(&parsed).unwrap();
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (MEMORY_KIB, PASSES, LANES)
        );
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        assert!(!verify("", DUMMY_HASH));
    }
}

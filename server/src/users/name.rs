//! User names: 1–64 characters of `A-Z a-z 0-9 . _ @ -`, compared case-insensitively (stored lower-cased).

use super::UsersError;

/// The longest user name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// Checks `name` against the rules and returns its canonical (lower-case) form.
pub fn canonical(name: &str) -> Result<String, UsersError> {
    if name.is_empty() {
        return Err(UsersError::BadName("a user name cannot be empty".into()));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(UsersError::BadName(format!(
            "a user name has at most {MAX_NAME_CHARS} characters"
        )));
    }
    if let Some(c) = name.chars().find(|c| !allowed(*c)) {
        return Err(UsersError::BadName(format!(
            "{c:?} is not allowed in a user name (use letters A-Z, digits and . _ @ -)"
        )));
    }
    Ok(name.to_ascii_lowercase())
}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_names_are_lower_cased() {
        assert_eq!(canonical("Alice").unwrap(), "alice");
        assert_eq!(
            canonical("Bob.Smith_2@acme-it.example").unwrap(),
            "bob.smith_2@acme-it.example"
        );
        assert_eq!(canonical("x").unwrap(), "x");
        assert_eq!(canonical(&"a".repeat(64)).unwrap(), "a".repeat(64));
    }

    #[test]
    fn bad_names_are_refused_in_plain_words() {
        for bad in [
            "", " alice", "al ice", "alice/", "ålice", "a\u{0}b", "alice\n",
        ] {
            let err = canonical(bad).unwrap_err();
            assert!(matches!(err, UsersError::BadName(_)), "{bad:?}: {err}");
        }
        let err = canonical(&"a".repeat(65)).unwrap_err().to_string();
        assert!(err.contains("at most 64 characters"), "{err}");
        let err = canonical("al ice").unwrap_err().to_string();
        assert!(err.contains("' ' is not allowed"), "{err}");
    }
}

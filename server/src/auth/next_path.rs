//! Where to go after signing in: only a local path is followed, so `/login?next=` is no open redirect.

/// `raw` when it is a local path (starts with one `/`, no scheme, no backslash or control character, at
/// most 2,000 characters); `/` otherwise.
pub fn safe_next(raw: Option<&str>) -> String {
    match raw {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && p.len() <= 2000
                && !p.chars().any(|c| c.is_control())
                && !p.starts_with("/login")
                && !p.starts_with("/auth/") =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// `/login?next=<path>` for the current request's path and query.
pub fn login_redirect(path_and_query: &str) -> String {
    let next = safe_next(Some(path_and_query));
    if next == "/" {
        return "/login".to_owned();
    }
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    s.append_pair("next", &next);
    format!("/login?{}", s.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        for ok in ["/", "/clients?q=a&page=2", "/sites/5/edit", "/clients#x"] {
            assert_eq!(safe_next(Some(ok)), ok);
        }
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "",
            "clients",
            "/login?next=/x",
            "/auth/callback?code=x",
            "/a\nb",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(2500)))), "/");
    }

    #[test]
    fn the_login_redirect_carries_the_path_encoded() {
        assert_eq!(login_redirect("/"), "/login");
        assert_eq!(
            login_redirect("/clients?q=a b&page=2"),
            "/login?next=%2Fclients%3Fq%3Da+b%26page%3D2"
        );
        assert_eq!(login_redirect("//evil"), "/login");
    }
}

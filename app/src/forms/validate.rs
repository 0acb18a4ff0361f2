//! Field checks: required, length, and the formats of e-mail, web address, phone, colour, time zone and
//! picked ids. Values are trimmed; a checkbox becomes `true`/`false`.

use super::spec::{Field, FieldErrors, FormSpec, Kind, Values};
use super::time_zones;

/// Values that passed every check, cleaned (trimmed; flags as `true`/`false`), for the shown fields only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Valid(pub Values);

/// Checks the shown fields of `spec` in `values`. `loaded` holds the values as the record was loaded (empty
/// when creating): a value the person left exactly as it was is not format-checked again, so a record that
/// HaloPSA already holds in an odd shape can still be saved. Required fields and lengths are always checked.
pub fn validate(
    spec: &FormSpec,
    values: &Values,
    creating: bool,
    loaded: &Values,
) -> Result<Valid, FieldErrors> {
    let mut clean = Values::new();
    let mut errors = FieldErrors::new();
    for field in spec.shown(creating) {
        let raw = values.get(field.key).map(String::as_str).unwrap_or("");
        let value = clean_value(field, raw);
        if let Some(msg) = field_error(field, &value, loaded.get(field.key)) {
            errors.insert(field.key.to_owned(), msg);
        }
        clean.insert(field.key.to_owned(), value);
    }
    if errors.is_empty() {
        Ok(Valid(clean))
    } else {
        Err(errors)
    }
}

/// A field's value cleaned: trimmed (a long text keeps its inner lines), a checkbox as `true`/`false`.
pub fn clean_value(field: &Field, raw: &str) -> String {
    match field.kind {
        Kind::Flag => flag(raw).to_string(),
        Kind::LongText => raw.trim_end().trim_start_matches(['\r', '\n']).to_owned(),
        _ => raw.trim().to_owned(),
    }
}

/// The error of one cleaned value, if any: required, length, then format (skipped when the value is
/// exactly as loaded). The browser runs this too, as the person leaves a field.
pub fn field_error(field: &Field, value: &str, loaded: Option<&String>) -> Option<String> {
    if field.kind == Kind::Flag {
        return None;
    }
    if value.is_empty() {
        return field
            .required
            .then(|| format!("{} is required.", field.label));
    }
    let len = value.chars().count();
    if len > field.max {
        return Some(format!(
            "{} must be at most {} characters (it has {len}).",
            field.label, field.max
        ));
    }
    if loaded.map(String::as_str) == Some(value) {
        return None;
    }
    check(field.kind, value).err()
}

/// A checkbox's posted value: present (`on`, `true`, `1`) or absent.
pub fn flag(raw: &str) -> bool {
    matches!(
        raw.trim().to_ascii_lowercase().as_str(),
        "on" | "true" | "1" | "yes"
    )
}

/// The format check of one non-empty, trimmed value.
pub fn check(kind: Kind, value: &str) -> Result<(), String> {
    match kind {
        Kind::Text | Kind::LongText | Kind::Flag => {
            if value
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            {
                Err("Remove the control characters from this field.".into())
            } else {
                Ok(())
            }
        }
        Kind::Email => is_email(value)
            .then_some(())
            .ok_or_else(|| "Enter an e-mail address such as name@example.com.".into()),
        Kind::Url => is_url(value)
            .then_some(())
            .ok_or_else(|| "Enter a web address such as https://example.com.".into()),
        Kind::Phone => is_phone(value).then_some(()).ok_or_else(|| {
            "Enter a phone number: digits, spaces, + - ( ) . and an optional extension.".into()
        }),
        Kind::Colour => is_colour(value)
            .then_some(())
            .ok_or_else(|| "Enter a colour as #rgb or #rrggbb, e.g. #1a7f37.".into()),
        Kind::TimeZone => time_zones::is_known(value)
            .then_some(())
            .ok_or_else(|| "Pick a time zone from the list.".into()),
        Kind::TopLevel | Kind::ServiceCategory | Kind::ServiceStatus => parse_id(value)
            .map(|_| ())
            .ok_or_else(|| "Pick a value from the list.".into()),
        Kind::Client => {
            if value.chars().any(char::is_control) {
                Err("Pick a client from the list.".into())
            } else {
                Ok(())
            }
        }
    }
}

/// A picked id: a whole number ≥ 0 (0 = none).
pub fn parse_id(value: &str) -> Option<i32> {
    value.trim().parse::<i32>().ok().filter(|n| *n >= 0)
}

/// The id at the end of a client picker value (`Acme Ltd (#12)`), or the whole value when it is a number.
pub fn client_ref(value: &str) -> Option<i32> {
    let v = value.trim();
    if let Ok(n) = v.parse::<i32>() {
        return (n > 0).then_some(n);
    }
    let inner = v.strip_suffix(')')?;
    let (_, id) = inner.rsplit_once("(#")?;
    id.parse::<i32>().ok().filter(|n| *n > 0)
}

/// How a client picker shows a client.
pub fn client_label(id: i32, name: &str) -> String {
    format!("{name} (#{id})")
}

/// `local@domain.tld`, no spaces, at most 254 characters.
pub fn is_email(s: &str) -> bool {
    if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !local.contains('@')
        && is_host(domain)
        && domain.contains('.')
}

fn is_host(h: &str) -> bool {
    !h.is_empty()
        && h.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// `http(s)://host[:port][/…]` or a bare `host.tld[/…]`.
pub fn is_url(s: &str) -> bool {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else if lower.contains("://") {
        return false;
    } else {
        &lower
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => h,
        Some(_) => return false,
        None => authority,
    };
    is_host(host) && (host.contains('.') || host == "localhost")
}

/// Digits with spaces, `+ - ( ) . /`, an optional extension (`x12`, `ext 12`); 3–30 digits.
pub fn is_phone(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let (main, ext) = match lower.split_once("ext") {
        Some((m, e)) => (m, Some(e.trim_start_matches(['.', ' ']))),
        None => match lower.split_once('x') {
            Some((m, e)) => (m, Some(e)),
            None => (lower.as_str(), None),
        },
    };
    let main_ok = main
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c));
    let plus_ok = main.trim_start().chars().skip(1).all(|c| c != '+');
    let digits = main.chars().filter(char::is_ascii_digit).count();
    let ext_ok = ext.is_none_or(|e| {
        let e = e.trim();
        !e.is_empty() && e.len() <= 6 && e.chars().all(|c| c.is_ascii_digit())
    });
    main_ok && plus_ok && (3..=30).contains(&digits) && ext_ok
}

/// `#rgb` or `#rrggbb`.
pub fn is_colour(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{
        clients::FORM as CLIENT, services::FORM as SERVICE, sites::FORM as SITE,
    };

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn required_fields_and_formats_are_reported_beside_their_fields() {
        let v = values(&[
            ("name", "   "),
            ("website", "not a url"),
            ("colour", "red"),
            ("newclient_contactemail", "bob@"),
            ("newclient_phonenumber", "call me"),
            ("newclient_timezone", "Mars/Olympus"),
        ]);
        let errs = validate(&CLIENT, &v, true, &Values::new()).unwrap_err();
        assert_eq!(errs["name"], "Name is required.");
        assert!(errs["website"].contains("web address"));
        assert!(errs["colour"].contains("#rrggbb"));
        assert!(errs["newclient_contactemail"].contains("e-mail"));
        assert!(errs["newclient_phonenumber"].contains("phone"));
        assert!(errs["newclient_timezone"].contains("time zone"));
        assert_eq!(errs.len(), 6);
    }

    #[test]
    fn good_values_are_trimmed_and_flags_normalised() {
        let v = values(&[
            ("name", "  Acme Ltd "),
            ("website", "www.acme.example"),
            ("colour", "#1A7f37"),
            ("inactive", "on"),
            ("toplevel_id", "3"),
        ]);
        let Valid(clean) = validate(&CLIENT, &v, false, &Values::new()).unwrap();
        assert_eq!(clean["name"], "Acme Ltd");
        assert_eq!(clean["inactive"], "true");
        assert_eq!(clean["notes"], "");
        // create-only helpers are not part of an edit
        assert!(!clean.contains_key("newclient_sitename"));
        let Valid(clean) =
            validate(&CLIENT, &values(&[("name", "x")]), false, &Values::new()).unwrap();
        assert_eq!(clean["inactive"], "false");
    }

    #[test]
    fn lengths_count_characters() {
        let long = "é".repeat(101);
        let errs =
            validate(&CLIENT, &values(&[("name", &long)]), false, &Values::new()).unwrap_err();
        assert!(errs["name"].contains("at most 100"));
        let ok = "é".repeat(100);
        assert!(validate(&CLIENT, &values(&[("name", &ok)]), false, &Values::new()).is_ok());
    }

    #[test]
    fn untouched_odd_values_are_not_rechecked() {
        let loaded = values(&[
            ("name", "Main"),
            ("client_id", "Acme (#1)"),
            ("timezone", "GMT Standard Time"),
        ]);
        assert!(validate(&SITE, &loaded, false, &loaded).is_ok());
        let mut changed = loaded.clone();
        changed.insert("timezone".into(), "Somewhere".into());
        assert!(validate(&SITE, &changed, false, &loaded)
            .unwrap_err()
            .contains_key("timezone"));
    }

    #[test]
    fn pickers_need_ids() {
        let errs = validate(
            &SERVICE,
            &values(&[("name", "Mail"), ("service_category_id", "abc")]),
            false,
            &Values::new(),
        )
        .unwrap_err();
        assert!(errs.contains_key("service_category_id"));
        let errs = validate(&SITE, &values(&[("name", "Main")]), true, &Values::new()).unwrap_err();
        assert_eq!(errs["client_id"], "Client is required.");
    }

    #[test]
    fn format_checks() {
        for ok in ["a@b.co", "first.last+tag@mail.example.com"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in ["", "a@", "@b.co", "a b@c.co", "a@b", "a@@b.co", "a@-b.co"] {
            assert!(!is_email(bad), "{bad}");
        }
        for ok in [
            "https://example.com",
            "http://x.example:8080/p?q=1",
            "www.example.co.uk",
            "example.com/a",
        ] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in [
            "example",
            "ftp://x.com",
            "https://",
            "javascript:alert(1)",
            "https://a b.com",
            "http://x.com:po",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
        for ok in [
            "+44 20 7946 0958",
            "(555) 010-1234",
            "01632 960123 ext 12",
            "555.0101 x9",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "12",
            "phone",
            "+44 +20 1234",
            "0123 ext",
            "1234567890123456789012345678901",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert!(is_colour("#abc") && is_colour("#A1B2C3"));
        assert!(!is_colour("abc") && !is_colour("#abcd") && !is_colour("#ggg"));
    }

    #[test]
    fn client_refs() {
        assert_eq!(client_ref("Acme (North) (#12)"), Some(12));
        assert_eq!(client_ref(" 7 "), Some(7));
        assert_eq!(client_ref("Acme"), None);
        assert_eq!(client_ref("(#0)"), None);
        assert_eq!(client_ref(&client_label(5, "X")), Some(5));
    }
}

//! Splitting a raw URL query (`a=1&b=x+y`) into decoded pairs.

/// Decoded `(key, value)` pairs of a query string (with or without the leading `?`). Invalid
/// percent-escapes are kept as they are; invalid UTF-8 becomes U+FFFD.
pub fn query_pairs(raw: &str) -> Vec<(String, String)> {
    raw.trim_start_matches('?')
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::query_pairs;

    #[test]
    fn decodes_plus_percent_and_odd_input() {
        assert_eq!(
            query_pairs("?q=Z%C3%BCrich+AG&page=2&flag&bad=%zz%4"),
            vec![
                ("q".into(), "Zürich AG".into()),
                ("page".into(), "2".into()),
                ("flag".into(), "".into()),
                ("bad".into(), "%zz%4".into()),
            ]
        );
        assert_eq!(query_pairs(""), vec![]);
        assert_eq!(query_pairs("x=%FF"), vec![("x".into(), "\u{FFFD}".into())]);
    }
}

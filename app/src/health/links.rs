//! Where a finding can be fixed: the entity's own list, filtered by the URL parameters it already takes
//! (`q`, `client_id`, `status`), so the list's tools (edit, delete, export) work on just those records.

use crate::entities::EntityKind;
use crate::params::{ListParams, StatusFilter};

/// The list of `kind` searched for `q` and narrowed to `client` (sites), active and inactive records alike
/// when `all` (a duplicate may be the inactive one).
pub fn list_href(kind: EntityKind, q: Option<String>, client: Option<i32>, all: bool) -> String {
    let list = &kind.entity().list;
    let params = ListParams {
        q,
        client_id: client.filter(|_| list.spec.has(crate::params::FilterKind::Client)),
        status: if all {
            StatusFilter::All
        } else {
            StatusFilter::Active
        },
        ..ListParams::defaults(list.spec)
    };
    match params.to_query(list.spec) {
        q if q.is_empty() => list.href.to_string(),
        q => format!("{}?{q}", list.href),
    }
}

/// A search that finds every one of `names` in HaloPSA's substring search: the longest run of the first
/// name's words (as written) that every name contains, ignoring case ("Zephyr Widgets" for "Zephyr
/// Widgets Ltd" and "ZEPHYR WIDGETS LIMITED"; "Office" for "Head Office" and "Head-Office"). `None` when
/// no word is shared (the names matched only after folding accents or abbreviations).
pub fn shared_search(names: &[&str]) -> Option<String> {
    let first = names.first()?;
    let words: Vec<&str> = first
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let mut best: Option<String> = None;
    for start in 0..words.len() {
        for end in start + 1..=words.len() {
            let phrase = words[start..end].join(" ");
            let needle = phrase.to_lowercase();
            if !lower.iter().all(|n| n.contains(&needle)) {
                break;
            }
            if best.as_ref().is_none_or(|b| phrase.len() > b.len()) {
                best = Some(phrase);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_is_the_longest_phrase_every_name_contains() {
        let s = |n: &[&str]| shared_search(n);
        assert_eq!(
            s(&["Zephyr Widgets Ltd", "ZEPHYR WIDGETS LIMITED"]).as_deref(),
            Some("Zephyr Widgets")
        );
        assert_eq!(
            s(&["Head Office", "Head-Office"]).as_deref(),
            Some("Office")
        );
        assert_eq!(s(&["Müller GmbH", "Mueller GmbH"]).as_deref(), Some("GmbH"));
        assert_eq!(
            s(&["Smith & Jones", "Smith and Jones"]).as_deref(),
            Some("Smith"),
            "of equally long words, the first"
        );
        assert_eq!(
            s(&["Intl Foods", "International Foods"]).as_deref(),
            Some("Foods")
        );
        assert_eq!(s(&["ABC", "A.B.C."]), None);
    }

    #[test]
    fn links_use_the_lists_own_parameters() {
        assert_eq!(
            list_href(
                EntityKind::Clients,
                Some("Zephyr Widgets".into()),
                None,
                true
            ),
            "/clients?q=Zephyr+Widgets&status=all"
        );
        assert_eq!(
            list_href(EntityKind::Sites, None, Some(4), true),
            "/sites?status=all&client_id=4"
        );
        assert_eq!(
            list_href(EntityKind::Sites, None, Some(4), false),
            "/sites?client_id=4"
        );
        assert_eq!(
            list_href(EntityKind::Clients, None, Some(4), false),
            "/clients",
            "a list without the client filter is not narrowed by it"
        );
    }
}

//! The `/activity` page's URL: `who`, `entity`, `id`, `action`, `outcome` and `page`. Parsed before the
//! file is read; a value that cannot mean anything is refused with a message naming the parameter (a 400),
//! unknown parameters are ignored as the lists ignore them.

use super::{entity_choices, Change, CHANGE_ACTIONS};
use crate::params::{encode, query_pairs, Rejection};
use serde::{Deserialize, Serialize};

/// Changes shown per page.
pub const PER_PAGE: usize = 50;
/// Highest page number (the log is read from its end, so a far page reads far).
pub const MAX_PAGE: u32 = 10_000;
/// Longest `who` kept.
const MAX_WHO: usize = 100;

/// Which changes to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFilter {
    /// Part of the person's name or id, any case.
    pub who: Option<String>,
    /// The record's kind: an entity's URL segment (`clients`) or one of the other records (`crm-notes`).
    pub entity: Option<String>,
    /// The record's id.
    pub id: Option<i64>,
    /// One audit action (`update`).
    pub action: Option<String>,
    /// `Some(true)`: only what HaloPSA accepted; `Some(false)`: only failures.
    pub ok: Option<bool>,
    /// 1-based.
    pub page: u32,
}

impl Default for ActivityFilter {
    fn default() -> Self {
        ActivityFilter {
            who: None,
            entity: None,
            id: None,
            action: None,
            ok: None,
            page: 1,
        }
    }
}

impl ActivityFilter {
    /// The filter of the URL query `raw` (without `?`); the message says which parameter is wrong.
    pub fn from_query(raw: &str) -> Result<ActivityFilter, Rejection> {
        let mut f = ActivityFilter::default();
        for (key, value) in query_pairs(raw) {
            let value = value.trim();
            match key.as_str() {
                "who" => {
                    let who: String = value
                        .chars()
                        .filter(|c| !c.is_control())
                        .take(MAX_WHO)
                        .collect();
                    f.who = (!who.is_empty()).then_some(who);
                }
                "entity" if value.is_empty() => f.entity = None,
                "entity" => match entity_choices().iter().find(|(v, _)| *v == value) {
                    Some((v, _)) => f.entity = Some(v.to_string()),
                    None => return Err(refused("entity", "Record", value, &choices_of_entity())),
                },
                "id" if value.is_empty() => f.id = None,
                "id" => match value.parse::<i64>() {
                    Ok(n) if n > 0 => f.id = Some(n),
                    _ => return Err(refused("id", "Record id", value, "a positive whole number")),
                },
                "action" if value.is_empty() => f.action = None,
                "action" => match CHANGE_ACTIONS.iter().find(|(a, _)| *a == value) {
                    Some((a, _)) => f.action = Some(a.to_string()),
                    None => {
                        let all: Vec<&str> = CHANGE_ACTIONS.iter().map(|(a, _)| *a).collect();
                        return Err(refused("action", "Change", value, &all.join(", ")));
                    }
                },
                "outcome" => {
                    f.ok = match value {
                        "" | "any" => None,
                        "ok" => Some(true),
                        "error" => Some(false),
                        _ => return Err(refused("outcome", "Outcome", value, "ok, error or any")),
                    }
                }
                "page" if value.is_empty() => f.page = 1,
                "page" => match value.parse::<u32>() {
                    Ok(n) if (1..=MAX_PAGE).contains(&n) => f.page = n,
                    _ => {
                        let what = format!("a whole number from 1 to {MAX_PAGE}");
                        return Err(refused("page", "Page", value, &what));
                    }
                },
                _ => {}
            }
        }
        Ok(f)
    }

    /// The URL query (without `?`) of this filter, leaving out what is not set.
    pub fn to_query(&self) -> String {
        let mut out: Vec<(&str, String)> = Vec::new();
        if let Some(v) = &self.who {
            out.push(("who", v.clone()));
        }
        if let Some(v) = &self.entity {
            out.push(("entity", v.clone()));
        }
        if let Some(v) = self.id {
            out.push(("id", v.to_string()));
        }
        if let Some(v) = &self.action {
            out.push(("action", v.clone()));
        }
        if let Some(ok) = self.ok {
            out.push(("outcome", if ok { "ok" } else { "error" }.to_string()));
        }
        if self.page != 1 {
            out.push(("page", self.page.to_string()));
        }
        let pairs: Vec<String> = out
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        pairs.join("&")
    }

    /// `/activity` with this filter on page `page`.
    pub fn href(&self, page: u32) -> String {
        let q = ActivityFilter {
            page,
            ..self.clone()
        }
        .to_query();
        if q.is_empty() {
            "/activity".to_string()
        } else {
            format!("/activity?{q}")
        }
    }

    /// Whether `c` is one of the changes asked for.
    pub fn matches(&self, c: &Change) -> bool {
        let who = self
            .who
            .as_ref()
            .is_none_or(|w| c.who.to_lowercase().contains(&w.to_lowercase()));
        who && self.entity.as_ref().is_none_or(|e| *e == c.entity)
            && self.id.is_none_or(|id| c.id == Some(id))
            && self.action.as_ref().is_none_or(|a| *a == c.action)
            && self.ok.is_none_or(|ok| ok == c.ok)
    }
}

fn choices_of_entity() -> String {
    let all: Vec<&str> = entity_choices().iter().map(|(v, _)| *v).collect();
    all.join(", ")
}

/// Why `value` of `param` was refused, in the lists' words: the value quoted (shortened), never interpreted.
fn refused(param: &str, label: &str, value: &str, expected: &str) -> Rejection {
    let shown: String = value.chars().take(40).collect();
    Rejection {
        param: param.to_string(),
        message: format!("{label} ({param}) {shown:?} is not {expected}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_round_trips_through_its_url() {
        let f = ActivityFilter::from_query(
            "who=Ann+B&entity=sites&id=7&action=update&outcome=error&page=3&utm=x",
        )
        .unwrap();
        assert_eq!(f.who.as_deref(), Some("Ann B"));
        assert_eq!(
            (f.entity.as_deref(), f.id, f.ok, f.page),
            (Some("sites"), Some(7), Some(false), 3)
        );
        assert_eq!(ActivityFilter::from_query(&f.to_query()).unwrap(), f);
        assert_eq!(
            ActivityFilter::from_query("entity=&outcome=any&page=").unwrap(),
            ActivityFilter::default()
        );
        assert_eq!(ActivityFilter::default().href(2), "/activity?page=2");
    }

    #[test]
    fn meaningless_values_are_refused_naming_the_parameter() {
        for (query, param) in [
            ("entity=users", "(entity)"),
            ("id=-1", "(id)"),
            ("id=abc", "(id)"),
            ("action=sign_in", "(action)"),
            ("outcome=maybe", "(outcome)"),
            ("page=0", "(page)"),
            ("page=99999999999", "(page)"),
        ] {
            let refused = ActivityFilter::from_query(query).unwrap_err();
            assert_eq!(format!("({})", refused.param), param, "{query}");
            assert!(
                refused.message.contains(param),
                "{query}: {}",
                refused.message
            );
        }
    }

    #[test]
    fn the_filter_matches_on_every_field_it_names() {
        let change = Change {
            ts: "2026-01-01T00:00:00.000Z".into(),
            who: "Ann Baker".into(),
            action: "update".into(),
            kind: Some(crate::entities::EntityKind::Clients),
            entity: "clients".into(),
            entity_words: "Client".into(),
            id: Some(7),
            fields: vec!["name".into()],
            ok: true,
            detail: None,
        };
        let f = |q: &str| ActivityFilter::from_query(q).unwrap().matches(&change);
        assert!(f(""));
        assert!(f("who=ann&entity=clients&id=7&action=update&outcome=ok"));
        assert!(!f("who=bob"));
        assert!(!f("entity=sites"));
        assert!(!f("id=8"));
        assert!(!f("action=delete"));
        assert!(!f("outcome=error"));
    }
}

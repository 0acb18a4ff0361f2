//! OAuth scopes as Halo knows them (§2.1): parsing, validation and what a set of scopes allows.

use crate::entity::ScopeArea;

/// Scope families that come as a `read:X` / `edit:X` pair.
const PAIRED: &[&str] = &[
    "tickets",
    "calendar",
    "customers",
    "crm",
    "timesheets",
    "contracts",
    "suppliers",
    "items",
    "projects",
    "sales",
    "quotes",
    "sos",
    "pos",
    "invoices",
    "reporting",
    "software",
    "softwarelicensing",
    "kb",
    "assets",
];

/// Scopes that stand alone. `offline_access` (refresh tokens) and `openid` are OAuth's own.
const SINGLE: &[&str] = &[
    "all",
    "all:standard",
    "admin",
    "access:chat",
    "access:adpasswordreset",
    "editMine:timesheets",
    "offline_access",
    "openid",
];

/// Whether Halo knows this scope name.
pub(crate) fn is_known(scope: &str) -> bool {
    if SINGLE.contains(&scope) {
        return true;
    }
    match scope.split_once(':') {
        Some(("read" | "edit", area)) => PAIRED.contains(&area),
        _ => false,
    }
}

/// Splits a space-separated scope string; `Err` names the first unknown scope.
/// An empty request means `all`.
pub(crate) fn parse(requested: Option<&str>) -> Result<Vec<String>, String> {
    let scopes: Vec<String> = requested
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if scopes.is_empty() {
        return Ok(vec!["all".to_owned()]);
    }
    match scopes.iter().find(|s| !is_known(s)) {
        Some(bad) => Err(bad.clone()),
        None => Ok(scopes),
    }
}

/// Cuts requested scopes down to those granted to the app (`offline_access` always passes).
/// `None` when nothing granted remains.
pub(crate) fn limit(requested: Vec<String>, granted: Option<&[String]>) -> Option<Vec<String>> {
    let Some(granted) = granted else {
        return Some(requested);
    };
    let kept: Vec<String> = requested
        .into_iter()
        .filter(|s| s == "offline_access" || granted.contains(s))
        .collect();
    kept.iter().any(|s| s != "offline_access").then_some(kept)
}

/// Whether `scopes` allow reading (or, with `write`, changing) records of `area`.
/// `all`, `all:standard` and `admin` allow everything here; `edit:X` implies `read:X`.
pub(crate) fn allows(scopes: &[String], area: ScopeArea, write: bool) -> bool {
    if scopes
        .iter()
        .any(|s| matches!(s.as_str(), "all" | "all:standard" | "admin"))
    {
        return true;
    }
    let Some(area) = area else {
        return false;
    };
    scopes.iter().any(|s| match s.split_once(':') {
        Some(("edit", a)) => a == area,
        Some(("read", a)) => a == area && !write,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_scopes_are_named() {
        assert_eq!(parse(Some("all read:actions")), Err("read:actions".into()));
        assert_eq!(parse(Some("read:nothing")), Err("read:nothing".into()));
        assert!(parse(Some("read:customers edit:crm offline_access")).is_ok());
        assert_eq!(parse(None), Ok(vec!["all".to_owned()]));
    }

    #[test]
    fn requested_scopes_are_limited_to_the_granted_ones() {
        let granted = vec!["read:customers".to_owned()];
        let req = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            limit(
                req("read:customers edit:customers offline_access"),
                Some(&granted)
            ),
            Some(req("read:customers offline_access"))
        );
        assert_eq!(limit(req("all"), Some(&granted)), None);
        assert_eq!(limit(req("all"), None), Some(req("all")));
    }

    #[test]
    fn read_scopes_cannot_write_and_edit_implies_read() {
        let read = vec!["read:customers".to_owned()];
        let edit = vec!["edit:customers".to_owned()];
        assert!(allows(&read, Some("customers"), false));
        assert!(!allows(&read, Some("customers"), true));
        assert!(allows(&edit, Some("customers"), false));
        assert!(allows(&edit, Some("customers"), true));
        assert!(!allows(&edit, Some("suppliers"), false));
        assert!(!allows(&edit, None, false));
        assert!(allows(&["all".to_owned()], None, true));
    }
}

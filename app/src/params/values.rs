//! One URL list parameter at a time: what each accepts, what it clamps (with a notice saying so) and what it
//! refuses (with a message naming the parameter).

use super::list_params::{Rejection, StatusFilter, StockFilter, PER_PAGE_CHOICES};
use super::spec::ListSpec;

/// Longest search kept.
const MAX_SEARCH_CHARS: usize = 200;
/// Highest page number.
pub const MAX_PAGE: u32 = 100_000;

/// The search text without control characters, trimmed and bounded; `None` when nothing is left.
pub fn search(value: &str, notices: &mut Vec<String>) -> Option<String> {
    let text: String = value.chars().filter(|c| !c.is_control()).collect();
    let text = text.trim();
    if text.chars().count() > MAX_SEARCH_CHARS {
        notices.push(format!(
            "The search was shortened to its first {MAX_SEARCH_CHARS} characters."
        ));
    }
    let text: String = text.chars().take(MAX_SEARCH_CHARS).collect();
    (!text.is_empty()).then_some(text)
}

/// A page number, clamped to 1..=[`MAX_PAGE`].
pub fn page(value: &str, notices: &mut Vec<String>) -> Result<u32, Rejection> {
    match value.parse::<i64>() {
        Ok(n) if n < 1 => {
            notices.push(format!("Page {n} does not exist; showing page 1."));
            Ok(1)
        }
        Ok(n) if n > MAX_PAGE as i64 => {
            notices.push(format!("Page numbers stop at {MAX_PAGE}."));
            Ok(MAX_PAGE)
        }
        Ok(n) => Ok(n as u32),
        Err(_) if is_huge_number(value) => {
            notices.push(format!("Page numbers stop at {MAX_PAGE}."));
            Ok(if value.starts_with('-') { 1 } else { MAX_PAGE })
        }
        Err(_) => Err(reject("page", "Page", value, "a whole number")),
    }
}

/// A page size: one of [`PER_PAGE_CHOICES`], anything else the nearest of them.
pub fn per_page(value: &str, notices: &mut Vec<String>) -> Result<u32, Rejection> {
    match value.parse::<i64>() {
        Ok(n) if PER_PAGE_CHOICES.iter().any(|c| *c as i64 == n) => Ok(n as u32),
        Ok(n) => {
            let clamped = match n {
                n if n > 100 => 100,
                n if n <= 25 => 25,
                _ => 50,
            };
            notices.push(format!(
                "Showing {clamped} rows per page ({n} is not one of 25, 50 or 100; HaloPSA returns at most 100)."
            ));
            Ok(clamped)
        }
        Err(_) if is_huge_number(value) => {
            notices.push("Showing 100 rows per page (HaloPSA returns at most 100).".to_string());
            Ok(if value.starts_with('-') { 25 } else { 100 })
        }
        Err(_) => Err(reject("per_page", "Rows per page", value, "25, 50 or 100")),
    }
}

/// A sort key the list has.
pub fn sort(spec: &ListSpec, value: &str) -> Result<String, Rejection> {
    if spec.sort_field(value).is_some() {
        return Ok(value.to_string());
    }
    let choices: Vec<&str> = spec.sorts.iter().map(|(k, _)| *k).collect();
    let expected = format!("one of: {}", choices.join(", "));
    Err(reject("sort", "Sort", value, &expected))
}

/// A yes/no parameter (`1`/`true`/`yes`/`on`; empty is no).
pub fn flag(value: &str, param: &str, label: &str) -> Result<bool, Rejection> {
    match value {
        "" | "0" | "false" | "no" | "off" => Ok(false),
        "1" | "true" | "yes" | "on" => Ok(true),
        _ => Err(reject(param, label, value, "true or false")),
    }
}

/// `active`, `inactive` or `all`.
pub fn status(value: &str) -> Result<StatusFilter, Rejection> {
    match value {
        "active" => Ok(StatusFilter::Active),
        "inactive" => Ok(StatusFilter::Inactive),
        "all" => Ok(StatusFilter::All),
        _ => Err(reject("status", "Status", value, "active, inactive or all")),
    }
}

/// The stock-location filter: `only`, `exclude`, or none (`any` or empty).
pub fn stock(value: &str) -> Result<Option<StockFilter>, Rejection> {
    match value {
        "" | "any" => Ok(None),
        "only" => Ok(Some(StockFilter::Only)),
        "exclude" => Ok(Some(StockFilter::Exclude)),
        _ => Err(reject("stock", "Stock location", value, "only or exclude")),
    }
}

/// A record id (a positive whole number), or none when empty.
pub fn id(value: &str, param: &str, label: &str) -> Result<Option<i32>, Rejection> {
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i32>() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(reject(
            param,
            label,
            value,
            "a record id (a positive whole number)",
        )),
    }
}

/// Record ids separated by commas (a bulk selection, an export's `only`, a compare link), each once, in
/// order; empty when there are none. `param` names the parameter in the rejection.
pub fn ids(value: &str, param: &str) -> Result<Vec<i32>, Rejection> {
    let mut out = Vec::new();
    for part in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match part.parse::<i32>() {
            Ok(id) if id > 0 => {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            _ => {
                let shown: String = part.chars().take(20).collect();
                return Err(Rejection {
                    param: param.to_string(),
                    message: format!("{shown:?} is not a record id."),
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
#[test]
fn ids_are_positive_once_each_in_order() {
    assert_eq!(ids("3, 1,3,,", "ids").unwrap(), vec![3, 1]);
    assert_eq!(ids("", "ids").unwrap(), Vec::<i32>::new());
    let bad = ids("1,x", "only").unwrap_err();
    assert_eq!(bad.param, "only");
    assert_eq!(bad.message, "\"x\" is not a record id.");
    assert!(ids("-2", "ids").is_err());
}

/// A whole number too long for `i64` (clamped like any other out-of-range number).
fn is_huge_number(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn reject(param: &str, label: &str, value: &str, expected: &str) -> Rejection {
    let shown: String = value.chars().take(40).collect();
    Rejection {
        param: param.to_string(),
        message: format!("{label} must be {expected}; {shown:?} is not."),
    }
}

/// Most columns `cols` may name.
const MAX_COLS: usize = 40;

/// Column keys (`name website top-level`, separated by spaces, `+` or commas); whether the list has them
/// is checked against its columns later. Empty: the list's own columns.
pub fn cols(value: &str) -> Result<Option<Vec<String>>, Rejection> {
    let keys: Vec<String> = value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect();
    let well_formed = |k: &String| {
        k.len() <= 40
            && k.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    if keys.len() > MAX_COLS || !keys.iter().all(well_formed) {
        return Err(reject(
            "cols",
            "Columns",
            value,
            "column names such as name+website",
        ));
    }
    Ok((!keys.is_empty()).then_some(keys))
}

//! Which of a list's columns the table shows, and in which order: `cols` in the URL names them by key
//! (`cols=name+website+top-level`), so a saved view and a shared link carry them and the CSV export
//! follows them. The first column (the record's name, its link and the keyboard's target) always leads.
//! The chooser changes them with plain links, so it works without JavaScript and the back button undoes
//! a change.

use crate::entities::ListView;
use crate::params::{with_cols, with_query, ListParams};
use maud::{html, Markup};

/// A column's key in the URL: its label in lower case, words joined by `-` ("Top level" → `top-level`).
pub fn key(label: &str) -> String {
    label
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The indexes (into `view.columns`) of the columns the table shows, in order: the list's own table
/// columns without `cols`, else the first column and then the named ones. A key the list does not have
/// is refused with a message naming it.
pub fn shown(view: &ListView, cols: Option<&[String]>) -> Result<Vec<usize>, String> {
    let Some(cols) = cols else {
        return Ok((0..view.columns.len())
            .filter(|&i| !view.columns[i].csv_only)
            .collect());
    };
    let mut out = vec![0];
    for wanted in cols {
        let i = view
            .columns
            .iter()
            .position(|c| key(c.label) == *wanted)
            .ok_or_else(|| {
                let shown: String = wanted.chars().take(40).collect();
                format!(
                    "This list has no column \u{201c}{shown}\u{201d}; choose its columns under \u{201c}Columns\u{201d}."
                )
            })?;
        if !out.contains(&i) {
            out.push(i);
        }
    }
    Ok(out)
}

/// The columns the CSV export writes: the chosen ones when `cols` is set, else every column the list
/// has (its CSV-only ones too).
pub fn exported(view: &ListView, cols: Option<&[String]>) -> Result<Vec<usize>, String> {
    match cols {
        Some(_) => shown(view, cols),
        None => Ok((0..view.columns.len()).collect()),
    }
}

/// The address of `view` at `base` (its query without `cols`) showing the columns `order` (indexes into
/// `keys`, the columns' keys), or the list's own columns for `None`.
fn href_with(view: &ListView, base: &str, keys: &[String], order: Option<&[usize]>) -> String {
    let query = match order {
        Some(o) => {
            let cols: Vec<String> = o.iter().map(|&i| keys[i].clone()).collect();
            with_cols(base.to_owned(), &cols)
        }
        None => base.to_owned(),
    };
    with_query(view.href, &query)
}

/// "Columns": every column of the list, the shown ones first in their order with links to move them left
/// or right or hide them, then the hidden ones with a link to show them (at the end), and a link back to
/// the list's own columns. The links share one query and the columns' keys, worked out once; the chooser
/// is one compiled template (`maud`).
pub fn column_chooser(view: &'static ListView, params: &ListParams) -> Markup {
    let order = shown(view, params.cols.as_deref()).unwrap_or_else(|_| vec![0]);
    let total = view.columns.len();
    let base = params.query_before_cols(view.spec);
    let keys: Vec<String> = view.columns.iter().map(|c| key(c.label)).collect();
    let link = |to: Vec<usize>, label: &'static str, column: &str| {
        let href = href_with(view, &base, &keys, Some(&to));
        html! { " " a href=(href) aria-label={ (column) ": " (label.to_lowercase()) } { (label) } }
    };
    let moved = |from: usize, to: usize| {
        let mut o = order.clone();
        o.swap(from, to);
        o
    };
    html! {
        details data-testid="columns" class="column-chooser" {
            summary { "Columns (" (order.len()) " of " (total) ")" }
            ol class="plain-list" {
                @for (pos, &i) in order.iter().enumerate() {
                    @let label = view.columns[i].label;
                    li data-testid="column-choice" {
                        span { (label) }
                        @if pos > 1 { (link(moved(pos, pos - 1), "Move left", label)) }
                        @if pos > 0 && pos + 1 < order.len() { (link(moved(pos, pos + 1), "Move right", label)) }
                        @if pos > 0 { (link(order.iter().copied().filter(|&j| j != i).collect(), "Hide", label)) }
                    }
                }
                @for i in (0..total).filter(|i| !order.contains(i)) {
                    @let label = view.columns[i].label;
                    li data-testid="column-choice" {
                        span class="muted" { (label) }
                        (link(order.iter().copied().chain([i]).collect(), "Show", label))
                    }
                }
            }
            @if params.cols.is_some() {
                p { a href=(href_with(view, &base, &keys, None)) { "The list's own columns" } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keys_are_labels_in_lower_case_joined_by_dashes() {
        assert_eq!(key("Top level"), "top-level");
        assert_eq!(key("E-mail"), "e-mail");
        assert_eq!(key("Portal URL"), "portal-url");
    }

    #[test]
    fn the_name_leads_the_chosen_columns_and_unknown_ones_are_refused() {
        let view = &crate::entities::clients::ENTITY.list;
        assert_eq!(shown(view, None).unwrap(), vec![0, 1, 2, 3, 4]);
        let chosen = shown(
            view,
            Some(&keys(&["website", "name", "top-level", "website"])),
        );
        assert_eq!(chosen.unwrap(), vec![0, 3, 1]);
        let err = shown(view, Some(&keys(&["shoe-size"]))).unwrap_err();
        assert!(err.contains("\u{201c}shoe-size\u{201d}"), "{err}");
        // the export writes every column (CSV-only ones too) unless columns were chosen
        let orgs = &crate::entities::organisations::ENTITY.list;
        assert_eq!(exported(orgs, None).unwrap().len(), orgs.columns.len());
        assert_eq!(
            shown(orgs, None).unwrap().len() + 1,
            orgs.columns.len(),
            "the portal colour is CSV-only"
        );
        assert_eq!(exported(orgs, Some(&keys(&["phone"]))).unwrap(), vec![0, 1]);
    }
}

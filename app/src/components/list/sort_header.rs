//! A column header that sorts the list by its column.

use crate::params::{with_query, ListParams, ListSpec};
use maud::{html, Markup};

/// A column of a list table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header text.
    pub label: &'static str,
    /// URL sort key when the column sorts.
    pub sort: Option<&'static str>,
    /// Right-aligned numbers.
    pub numeric: bool,
    /// In the CSV export only, not in the table.
    pub csv_only: bool,
    /// Its cells name other records: the CSV export gets their ids in a column before it.
    pub refers: bool,
    /// The HaloPSA field its cells show, when it neither sorts by it nor is the status (so a field
    /// HaloPSA sent unreadably is marked in this column).
    pub reads: Option<&'static str>,
}

impl Column {
    /// A plain column.
    pub const fn plain(label: &'static str) -> Self {
        Column {
            label,
            sort: None,
            numeric: false,
            csv_only: false,
            refers: false,
            reads: None,
        }
    }
    /// This column, showing HaloPSA field `field`.
    pub const fn reads(self, field: &'static str) -> Self {
        Column {
            reads: Some(field),
            ..self
        }
    }
    /// A column the CSV export has and the table leaves out (a detail nobody scans a table for).
    pub const fn csv_only(label: &'static str) -> Self {
        Column {
            csv_only: true,
            ..Column::plain(label)
        }
    }
    /// This column, naming other records ([`Cell::Ref`](super::cells::Cell::Ref) cells).
    pub const fn refers(self) -> Self {
        Column {
            refers: true,
            ..self
        }
    }
    /// A sortable text column.
    pub const fn sorts(label: &'static str, key: &'static str) -> Self {
        Column {
            label,
            sort: Some(key),
            numeric: false,
            csv_only: false,
            refers: false,
            reads: None,
        }
    }
    /// A sortable numeric column.
    pub const fn numeric(label: &'static str, key: &'static str) -> Self {
        Column {
            label,
            sort: Some(key),
            numeric: true,
            csv_only: false,
            refers: false,
            reads: None,
        }
    }
}

/// `<th scope="col">` with a sort link and `aria-sort` when it is the sorted column (a compiled template,
/// like the rows it heads).
pub fn header_html(column: &Column, params: &ListParams, spec: ListSpec, base: &str) -> Markup {
    let class = if column.numeric { "num" } else { "" };
    let Some(key) = column.sort else {
        return html! { th scope="col" class=(class) { (column.label) } };
    };
    let active = params.sort == key;
    let aria = match (active, params.desc) {
        (true, false) => Some("ascending"),
        (true, true) => Some("descending"),
        _ => None,
    };
    // a space, not nothing, beside an unsorted column's name (as the page has always been drawn)
    let arrow = match aria {
        Some("ascending") => " ▲",
        Some(_) => " ▼",
        None => " ",
    };
    let href = with_query(base, &params.with_sort(key).to_query(&spec));
    html! {
        th scope="col" aria-sort=[aria] class=(class) {
            a href=(href) class="sort" { (column.label) span aria-hidden="true" { (arrow) } }
        }
    }
}

//! A list row as the generic list page and the CSV export see it: the record's id and name, its status
//! when the entity has one, and one [`Cell`] per column of the list's descriptor. Each entity's server side
//! maps its `halo` summary to a [`Row`]; everything after that is the same for every entity.

use crate::entities::EntityKind;
use maud::{html, Markup, Render};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// One record of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub id: i32,
    /// The record's name as shown (a stand-in like "Site 7" when HaloPSA has none).
    pub name: String,
    /// Active or inactive, for entities that have a status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// A `#rgb`/`#rrggbb` colour painted beside the name (organisations' portal colour).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swatch: Option<String>,
    /// One cell per column of the list's descriptor, in its order.
    pub cells: Vec<Cell>,
}

/// One table cell. What it shows is decided by the server; the page only chooses the markup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// The row's name, linked to the record's page (with its swatch).
    Name,
    /// The row's status as a pill.
    Status,
    /// Nothing known.
    Empty,
    Text(String),
    /// A right-aligned number.
    Num(i64),
    /// Another record, linked to its page; the CSV also gets its id.
    Ref {
        kind: EntityKind,
        id: i32,
        text: String,
    },
    /// A link inside Haloscope (a filtered list).
    Link {
        href: String,
        text: String,
    },
    /// A web address from HaloPSA: a link only when it is http(s).
    Web(String),
    /// HaloPSA sent this field in a form Haloscope cannot read (an empty cell in the CSV).
    Unreadable,
}

impl Cell {
    /// The text as sent when it has any (spaces kept: the CSV export is the record's own text), else
    /// [`Cell::Empty`].
    pub fn text(value: Option<&str>) -> Cell {
        match value {
            Some(t) if !t.trim().is_empty() => Cell::Text(t.to_string()),
            _ => Cell::Empty,
        }
    }

    /// A number when there is one.
    pub fn num(value: Option<i32>) -> Cell {
        value.map_or(Cell::Empty, |n| Cell::Num(n.into()))
    }

    /// A web address when there is one.
    pub fn web(value: Option<&str>) -> Cell {
        match value {
            Some(t) if !t.trim().is_empty() => Cell::Web(t.to_string()),
            _ => Cell::Empty,
        }
    }

    /// What the cell says as plain text (CSV, sorting a whole list, the empty-state words).
    pub fn plain(&self, row: &Row) -> String {
        match self {
            Cell::Name => row.name.clone(),
            Cell::Status => status_word(row.inactive.unwrap_or(false)).to_string(),
            Cell::Empty | Cell::Unreadable => String::new(),
            Cell::Text(t) | Cell::Web(t) => t.clone(),
            Cell::Num(n) => n.to_string(),
            Cell::Ref { text, .. } | Cell::Link { text, .. } => text.clone(),
        }
    }

    /// The id of the record a [`Cell::Ref`] points at.
    pub fn ref_id(&self) -> Option<i32> {
        match self {
            Cell::Ref { id, .. } => Some(*id),
            _ => None,
        }
    }
}

/// "Active" / "Inactive".
pub fn status_word(inactive: bool) -> &'static str {
    if inactive {
        "Inactive"
    } else {
        "Active"
    }
}

/// The markup inside one `<td>` (or a detail page's fact), written by `maud`: a list page has hundreds of
/// cells, and one compiled template per cell costs a fraction of a Leptos view each (#18's profile). maud
/// escapes every value it is given; only this module's literal markup is written raw.
pub fn cell_html(cell: &Cell, row: &Row, record_href: &str) -> Markup {
    html! {
        @match cell {
            Cell::Name => {
                @if let Some(c) = row.swatch.as_deref().filter(|c| is_css_colour(c)) {
                    svg class="swatch" viewBox="0 0 1 1" aria-hidden="true" { rect width="1" height="1" fill=(c) {} }
                }
                a href=(record_href) { (row.name) }
            }
            Cell::Status => {
                @let word = status_word(row.inactive.unwrap_or(false));
                span class={ "pill " (word.to_ascii_lowercase()) } { (word) }
            }
            Cell::Empty => {}
            Cell::Unreadable => {
                // "unreadable" to the eye, the reason to a screen reader too
                span class="unreadable" data-testid="unreadable" {
                    "unreadable"
                    span class="visually-hidden" { ": HaloPSA sent a value Haloscope cannot read" }
                }
            }
            Cell::Text(t) => (t),
            Cell::Num(n) => (n),
            Cell::Ref { kind, id, text } => a href=(kind.entity().record_href(*id)) { (text) },
            Cell::Link { href, text } => a href=(href) { (text) },
            // a link only for http(s) addresses, opening in the same tab (`Referrer-Policy: same-origin`
            // keeps Haloscope's addresses from the site it leads to); anything else is text
            Cell::Web(url) => {
                @if crate::components::facts::is_web_address(url) { a href=(url) { (url) } }
                @else { span { (url) } }
            }
        }
    }
}

/// A cell drawn straight into its row's buffer, exactly as [`cell_html`] draws it (tested): the rows are
/// one string, and a string of its own per cell was a measurable share of a list page's CPU. The rare
/// cells (a colour swatch, an unreadable value, a web address that is not one) go through `cell_html`.
pub struct CellHtml<'a>(pub &'a Cell, pub &'a Row, pub &'a str);

impl Render for CellHtml<'_> {
    fn render_to(&self, out: &mut String) {
        let CellHtml(cell, row, record_href) = *self;
        match cell {
            Cell::Name if row.swatch.is_none() => link(out, record_href, &row.name),
            Cell::Empty => {}
            Cell::Text(t) => escaped(out, t),
            Cell::Num(n) => {
                let _ = write!(out, "{n}");
            }
            Cell::Status => out.push_str(if row.inactive.unwrap_or(false) {
                "<span class=\"pill inactive\">Inactive</span>"
            } else {
                "<span class=\"pill active\">Active</span>"
            }),
            Cell::Link { href, text } => link(out, href, text),
            Cell::Ref { kind, id, text } => link(out, &kind.entity().record_href(*id), text),
            Cell::Web(url) if crate::components::facts::is_web_address(url) => link(out, url, url),
            _ => out.push_str(&cell_html(cell, row, record_href).into_string()),
        }
    }
}

/// `<a href="href">text</a>`, both escaped.
fn link(out: &mut String, href: &str, text: &str) {
    out.push_str("<a href=\"");
    escaped(out, href);
    out.push_str("\">");
    escaped(out, text);
    out.push_str("</a>");
}

/// `text`, escaped as maud escapes it (in text and in attribute values alike).
fn escaped(out: &mut String, text: &str) {
    let _ = maud::Escaper::new(out).write_str(text);
}

/// Only `#rgb`/`#rrggbb` colours go into a style attribute.
pub fn is_css_colour(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Row {
        Row {
            id: 7,
            name: "Acme".into(),
            inactive: Some(true),
            swatch: None,
            cells: vec![],
        }
    }

    #[test]
    fn plain_text_of_each_cell() {
        let r = row();
        assert_eq!(Cell::Name.plain(&r), "Acme");
        assert_eq!(Cell::Status.plain(&r), "Inactive");
        assert_eq!(Cell::num(Some(-3)).plain(&r), "-3");
        assert_eq!(Cell::text(Some("  ")), Cell::Empty);
        assert_eq!(Cell::web(None), Cell::Empty);
        let client = Cell::Ref {
            kind: EntityKind::Clients,
            id: 4,
            text: "Client 4".into(),
        };
        assert_eq!(
            (client.plain(&r), client.ref_id()),
            ("Client 4".into(), Some(4))
        );
    }

    #[test]
    fn cells_are_escaped_and_web_links_only_for_http() {
        let mut r = row();
        r.name = "<b>A&B</b>".into();
        r.swatch = Some("#abc".into());
        assert_eq!(
            cell_html(&Cell::Name, &r, "/clients/7").into_string(),
            "<svg class=\"swatch\" viewBox=\"0 0 1 1\" aria-hidden=\"true\"><rect width=\"1\" height=\"1\" fill=\"#abc\"></rect></svg>\
             <a href=\"/clients/7\">&lt;b&gt;A&amp;B&lt;/b&gt;</a>"
        );
        r.swatch = Some("red;x".into());
        assert!(!cell_html(&Cell::Name, &r, "/c")
            .into_string()
            .contains("svg"));
        let web = |u: &str| cell_html(&Cell::Web(u.into()), &r, "").into_string();
        assert_eq!(
            web("https://a.example/?q=\"x\""),
            "<a href=\"https://a.example/?q=&quot;x&quot;\">https://a.example/?q=&quot;x&quot;</a>"
        );
        assert_eq!(
            web("javascript:alert(1)"),
            "<span>javascript:alert(1)</span>"
        );
        assert_eq!(
            cell_html(&Cell::Status, &r, "").into_string(),
            "<span class=\"pill inactive\">Inactive</span>"
        );
        assert_eq!(cell_html(&Cell::Empty, &r, "").into_string(), "");
        assert!(cell_html(&Cell::Unreadable, &r, "")
            .into_string()
            .contains("cannot read"));
    }

    #[test]
    fn only_hex_colours_are_painted() {
        assert!(is_css_colour("#abc") && is_css_colour("#A0B1C2"));
        for bad in ["red", "#abcd", "#ggg", "url(x)", "#12345", ""] {
            assert!(!is_css_colour(bad), "{bad}");
        }
    }

    #[test]
    fn a_cell_drawn_into_its_row_is_drawn_as_cell_html_draws_it() {
        let mut r = row();
        r.name = "<b>A&B</b> \"q\"".into();
        let cells = [
            Cell::Name,
            Cell::Status,
            Cell::Empty,
            Cell::Unreadable,
            Cell::text(Some("x < y & \"z\"")),
            Cell::Num(-42),
            Cell::Ref {
                kind: EntityKind::Sites,
                id: 9,
                text: "Site <9>".into(),
            },
            Cell::Link {
                href: "/a?b=1&c=\"2\"".into(),
                text: "a & b".into(),
            },
            Cell::web(Some("https://x.example/?a=1&b=<2>")),
            Cell::web(Some("javascript:alert(1)")),
        ];
        for swatch in [None, Some("#abc".to_string()), Some("red;x".to_string())] {
            r.swatch = swatch;
            for inactive in [Some(true), Some(false), None] {
                r.inactive = inactive;
                for cell in &cells {
                    let mut drawn = String::new();
                    CellHtml(cell, &r, "/clients/7?a=1&b=2").render_to(&mut drawn);
                    let expected = cell_html(cell, &r, "/clients/7?a=1&b=2").into_string();
                    assert_eq!(drawn, expected, "{cell:?}");
                }
            }
        }
    }
}

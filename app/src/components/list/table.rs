//! The list table: caption, sortable headers, rows, and the empty state naming the filters.

use super::cells::{Cell, CellHtml, Row};
use super::sort_header::header_html;
use super::ListPage;
use crate::entities::{Entity, ListView};
use crate::params::{ListSpec, StatusFilter};
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use maud::{html, Render};
use std::fmt::Write;

/// Renders `page` of `view` (one of `entity`'s lists) as a table, or the empty state when it has no rows.
pub fn list_table(
    page: &ListPage<Row>,
    entity: &'static Entity,
    view: &'static ListView,
) -> AnyView {
    let (spec, base, noun) = (*view.spec, view.href, view.words.many);
    let order =
        super::columns::shown(view, page.params.cols.as_deref()).unwrap_or_else(|_| vec![0]);
    let columns = || order.iter().map(|&i| &view.columns[i]);
    if page.rows.is_empty() {
        return view! {
            <div class="empty-state" data-testid="empty-state">
                <p><strong>{format!("No {noun} found")}</strong>{describe_filters(page, spec)}</p>
                <p><a href=base>"Clear the search and filters"</a></p>
            </div>
        }
        .into_any();
    }
    let first = (page.params.page.saturating_sub(1) as u64) * page.params.per_page as u64 + 1;
    let last = first + page.rows.len() as u64 - 1;
    let caption = format!("{noun} {first}–{last} of {}", page.record_count);
    // an entity's own list offers bulk actions: a checkbox in each name cell (labelled by the name beside
    // it) belonging to the selection form above the table
    let bulk = view.path.is_empty();
    // On narrower screens the wrapper is the table's scroll box (style/main.css): a named region that takes
    // focus, so the keyboard can scroll it; it is also where focus lands when paging or sorting replaces
    // the link that had it.
    let table = html! {
        @if bulk { (super::selection::form(entity, page, spec)) }
        div role="region" aria-label=(caption) tabindex="0" class="table-wrap" {
            table data-testid="list-table" class="data" {
                caption { (caption) }
                thead { tr { @for c in columns() { (header_html(c, &page.params, spec, base)) } } }
                tbody { (RowsHtml { page, entity, view, order: &order, bulk }) }
            }
        }
    };
    InertElement::new(table.into_string()).into_any()
}

/// The table's rows, written straight into the table's buffer: 50 rows of cells as Leptos views were
/// most of the page's own rendering time, and a string of its own per row (or per record address) was
/// still a measurable share of it. The name cell of a bulk-capable list carries the row's checkbox, in
/// one label with the name beside it. Every value goes through [`CellHtml`], which escapes it.
struct RowsHtml<'a> {
    page: &'a ListPage<Row>,
    entity: &'static Entity,
    view: &'static ListView,
    order: &'a [usize],
    bulk: bool,
}

impl Render for RowsHtml<'_> {
    fn render_to(&self, out: &mut String) {
        let mut href = String::with_capacity(32);
        for row in &self.page.rows {
            href.clear();
            self.entity.push_record_href(&mut href, row.id);
            out.push_str("<tr>");
            for &i in self.order {
                let numeric = self.view.columns[i].numeric;
                let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
                out.push_str(if numeric {
                    "<td class=\"num\">"
                } else {
                    "<td>"
                });
                if self.bulk && *cell == Cell::Name {
                    // one label around the box and the name: the box is named by the name beside it,
                    // not by a copy of it (a click on the link still opens the record)
                    let _ = write!(
                        out,
                        "<label><input type=\"checkbox\" class=\"row-select\" name=\"ids\" value=\"{}\" form=\"{}\"> ",
                        row.id,
                        super::selection::FORM_ID
                    );
                    CellHtml(cell, row, &href).render_to(out);
                    out.push_str("</label>");
                } else {
                    CellHtml(cell, row, &href).render_to(out);
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
    }
}

/// " matching “x” with status Inactive and top level 3" — which filters found nothing.
fn describe_filters<R>(page: &ListPage<R>, spec: ListSpec) -> String {
    let p = &page.params;
    let mut parts = Vec::new();
    if let Some(q) = &p.q {
        parts.push(format!("matching “{q}”"));
    }
    if spec.has_status && p.status != StatusFilter::Active {
        parts.push(format!("with status “{}”", p.status.as_str()));
    } else if spec.has_status {
        parts.push("among active records".to_string());
    }
    if let Some(id) = p.toplevel_id {
        parts.push(format!("in top level #{id}"));
    }
    if let Some(id) = p.client_id {
        parts.push(format!("of client #{id}"));
    }
    if let Some(s) = p.stock {
        parts.push(format!("with stock location filter “{}”", s.as_str()));
    }
    if let Some(id) = p.category_id {
        parts.push(format!("in category #{id}"));
    }
    if parts.is_empty() {
        ".".to_string()
    } else {
        format!(" {}.", parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::clients::{ENTITY, SPEC};
    use crate::params::ListParams;

    fn row(id: i32, name: &str, inactive: bool, cells: Vec<Cell>) -> Row {
        Row {
            id,
            name: name.into(),
            inactive: Some(inactive),
            swatch: None,
            cells,
        }
    }

    fn rows_of(page: &ListPage<Row>, order: &[usize], bulk: bool) -> String {
        let mut out = String::new();
        RowsHtml {
            page,
            entity: &ENTITY,
            view: &ENTITY.list,
            order,
            bulk,
        }
        .render_to(&mut out);
        out
    }

    #[test]
    fn rows_carry_each_record_s_address_checkbox_and_escaped_cells() {
        let page = ListPage {
            params: ListParams::defaults(&SPEC),
            notices: vec![],
            rows: vec![
                row(
                    7,
                    "<b>A&B</b>",
                    false,
                    vec![
                        Cell::Name,
                        Cell::text(Some("Managed \"x\"")),
                        Cell::Status,
                        Cell::Empty,
                        Cell::Num(23),
                    ],
                ),
                row(
                    -12,
                    "Z",
                    true,
                    vec![Cell::Name, Cell::Empty, Cell::Status, Cell::Empty],
                ),
            ],
            record_count: 2,
            scope: None,
            unreadable: 0,
            stale: None,
            facets: None,
        };
        let first = "<tr><td><label><input type=\"checkbox\" class=\"row-select\" name=\"ids\" value=\"7\" \
                     form=\"bulk-select\"> <a href=\"/clients/7\">&lt;b&gt;A&amp;B&lt;/b&gt;</a></label></td>\
                     <td>Managed &quot;x&quot;</td><td><span class=\"pill active\">Active</span></td><td></td>\
                     <td class=\"num\">23</td></tr>";
        // a row with fewer cells than columns draws the missing ones empty
        let second = "<tr><td><label><input type=\"checkbox\" class=\"row-select\" name=\"ids\" value=\"-12\" \
                      form=\"bulk-select\"> <a href=\"/clients/-12\">Z</a></label></td><td></td>\
                      <td><span class=\"pill inactive\">Inactive</span></td><td></td><td class=\"num\"></td></tr>";
        assert_eq!(
            rows_of(&page, &[0, 1, 2, 3, 4], true),
            [first, second].concat()
        );
        // chosen columns in their chosen order; no checkbox where the list has no bulk actions
        assert_eq!(
            rows_of(&page, &[4, 0], false),
            "<tr><td class=\"num\">23</td><td><a href=\"/clients/7\">&lt;b&gt;A&amp;B&lt;/b&gt;</a></td></tr>\
             <tr><td class=\"num\"></td><td><a href=\"/clients/-12\">Z</a></td></tr>"
        );
    }
}

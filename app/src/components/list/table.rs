//! The list table: caption, sortable headers, rows, and the empty state naming the filters.

use super::cells::{Cell, CellHtml, Row};
use super::sort_header::header_html;
use super::ListPage;
use crate::entities::{Entity, ListView};
use crate::params::{ListSpec, StatusFilter};
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use maud::{html, Markup};

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
                tbody { (rows_html(page, entity, view, &order, bulk)) }
            }
        }
    };
    InertElement::new(table.into_string()).into_any()
}

/// The table's rows as one compiled template (`maud`): 50 rows of cells as Leptos views were most of the
/// page's own rendering time. The table around them is drawn with them, as one string the page inserts
/// as it is. The name cell of a bulk-capable list carries the row's checkbox, in one label
/// with the name beside it.
fn rows_html(
    page: &ListPage<Row>,
    entity: &'static Entity,
    view: &'static ListView,
    order: &[usize],
    bulk: bool,
) -> Markup {
    html! {
        @for row in &page.rows {
            @let href = entity.record_href(row.id);
            tr {
                @for &i in order {
                    @let column = &view.columns[i];
                    @let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
                    td class=[column.numeric.then_some("num")] {
                        @if bulk && *cell == Cell::Name {
                            // one label around the box and the name: the box is named by the name
                            // beside it, not by a copy of it (a click on the link still opens the record)
                            label {
                                input type="checkbox" class="row-select" name="ids" value=(row.id)
                                    form=(super::selection::FORM_ID);
                                " "
                                (CellHtml(cell, row, &href))
                            }
                        } @else {
                            (CellHtml(cell, row, &href))
                        }
                    }
                }
            }
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

//! The list table: caption, sortable headers, rows, and the empty state naming the filters.

use super::cells::{cell_view, Cell, Row};
use super::sort_header::SortHeader;
use super::ListPage;
use crate::entities::{Entity, ListView};
use crate::params::{ListSpec, StatusFilter};
use leptos::prelude::*;

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
    let region = caption.clone();
    let headers = columns()
        .map(|c| view! { <SortHeader column=*c params=page.params.clone() spec base/> })
        .collect_view();
    // an entity's own list offers bulk actions: a checkbox in each name cell (labelled by the name beside
    // it) belonging to the selection form above the table
    let bulk = view.path.is_empty();
    let rows = page
        .rows
        .iter()
        .map(|row| {
            let href = entity.record_href(row.id);
            let cells = order
                .iter()
                .map(|&i| {
                    let c = &view.columns[i];
                    let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
                    let shown = cell_view(cell, row, &href);
                    let content = if bulk && *cell == Cell::Name {
                        super::selection::checkbox(row.id, shown)
                    } else {
                        shown
                    };
                    view! { <td class=c.numeric.then_some("num")>{content}</td> }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let select = bulk.then(|| super::selection::form(entity, page, spec));
    // On narrower screens the wrapper is the table's scroll box (style/main.css): a named region that takes
    // focus, so the keyboard can scroll it; it is also where focus lands when paging or sorting replaces
    // the link that had it.
    view! {
        {select}
        <div class="table-wrap" role="region" aria-label=region tabindex="0">
            <table class="data" data-testid="list-table">
                <caption>{caption}</caption>
                <thead><tr>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
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

/// Status as a small pill with a word.
pub fn status_pill(inactive: bool) -> AnyView {
    if inactive {
        view! { <span class="pill inactive">"Inactive"</span> }.into_any()
    } else {
        view! { <span class="pill active">"Active"</span> }.into_any()
    }
}

//! Row selection for bulk actions: a checkbox in each row's name cell, in one label with the name
//! beside it, and the form above the table they belong to (a plain GET to the bulk page, so it works
//! without JavaScript), with "select all N matching" for every record the filter finds across pages and,
//! with JavaScript, a box ticking every row of the page.

use super::cells::Row;
use super::ListPage;
use crate::entities::Entity;
use crate::params::{encode, ListSpec};
use maud::{html, Markup};

/// The id of the selection form the checkboxes belong to.
pub const FORM_ID: &str = "bulk-select";

/// The selection form of `page`: the list and its query (hidden), "Change the selected …" and a link
/// selecting every record matching the filter (a compiled template, drawn with the table).
pub fn form(entity: &'static Entity, page: &ListPage<Row>, spec: ListSpec) -> Markup {
    let query = page.params.to_query(&spec);
    let many = entity.words.many;
    let all_href = format!(
        "/bulk?list={}&query={}&all=true",
        entity.path,
        encode(&query)
    );
    html! {
        form id=(FORM_ID) method="get" action="/bulk" data-testid="bulk-form" class="bulk-select inline-fields" {
            input type="hidden" name="list" value=(entity.path);
            input type="hidden" name="query" value=(query);
            // ticks or clears every row of this page (with JavaScript: the `Shortcuts` island does it)
            label class="js-only select-page" {
                input type="checkbox" data-select-page="" data-testid="select-page";
                " All " (many) " on this page"
            }
            " "
            button type="submit" data-testid="bulk-selected" class="button" { "Change the selected " (many) "…" }
            " "
            a href=(all_href) data-testid="bulk-all" { "Select all " (page.record_count) " matching " (many) }
            // what the `x` shortcut changed, for screen readers
            span id="selection-status" class="visually-hidden" role="status" data-testid="selection-status" {}
        }
    }
}

//! Search box, filters and page size: a plain GET form (works without JavaScript); with JavaScript its
//! submission is a client-side navigation, and the `SubmitAsYouGo` island in it applies selects on change
//! and the search as you type (debounced ~250 ms). Submitting leaves `page` out, so any change starts at
//! page 1.

use crate::components::list::list_page::Facets;
use crate::entities::EntityKind;
use crate::params::{
    with_query, FilterKind, ListParams, ListSpec, StatusFilter, StockFilter, PER_PAGE_CHOICES,
};
use leptos::prelude::*;
use maud::{html, Markup, PreEscaped};

/// Options for the choice filters, from HaloPSA's lookups.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FilterOptions {
    /// Top levels `(id, name)`.
    pub toplevels: Vec<(i32, String)>,
    /// Service categories `(id, name)`.
    pub categories: Vec<(i32, String)>,
    /// Why a filter has no choices (its lookup failed), one short note each.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The list toolbar for the list state `params` (drawn on the server only: a new search is a new page);
/// `export` is the CSV link, given the current filter here. A compiled template (`maud`) around the one
/// island in it, whose markup Leptos writes.
#[allow(clippy::too_many_arguments)]
pub fn toolbar(
    spec: ListSpec,
    params: &ListParams,
    base: &'static str,
    search_label: String,
    options: &FilterOptions,
    // the name of the client the list is narrowed to, when it is
    client_name: Option<String>,
    // the status filter's counts, when the list has them (unfiltered lists)
    facets: Option<Facets>,
    // the CSV export's address, without the filter
    export: &str,
) -> Markup {
    let island = view! { <crate::islands::SubmitAsYouGo/> }.to_html();
    html! {
        (PreEscaped("<div class=\"toolbar\"><form method=\"get\" action=\"")) (base) (PreEscaped("\">"))
        (PreEscaped(island))
        (toolbar_tail(spec, params, base, search_label, options, client_name, facets, export))
    }
}

/// The toolbar after its island: the filters, the end of the form, the export link and the notes on
/// filters whose choices could not be read.
#[allow(clippy::too_many_arguments)]
fn toolbar_tail(
    spec: ListSpec,
    params: &ListParams,
    base: &'static str,
    search_label: String,
    options: &FilterOptions,
    client_name: Option<String>,
    facets: Option<Facets>,
    export: &str,
) -> Markup {
    let export_href = with_query(
        export,
        &ListParams {
            page: 1,
            ..params.clone()
        }
        .to_query(&spec),
    );
    let kept_sort = (params.sort != spec.default_sort()).then_some(params.sort.as_str());
    html! {
        div class="filters" {
            label class="field search" {
                span { (search_label) }
                input type="search" name="q" value=(params.q.as_deref().unwrap_or_default())
                    placeholder="Search by name" autocomplete="off" data-search="list";
            }
            @if spec.has_status { (status_select(params, facets)) }
            @if spec.has(FilterKind::TopLevel) {
                (id_select(params, ("toplevel_id", "Top level", "All top levels"), &options.toplevels, |p| p.toplevel_id))
            }
            @if spec.has(FilterKind::Category) {
                (id_select(params, ("category_id", "Category", "All categories"), &options.categories, |p| p.category_id))
            }
            @if spec.has(FilterKind::Stock) { (stock_select(params)) }
            @if let Some(chip) = client_chip(spec, base, params, client_name) { (chip) }
            (per_page_select(params))
            @if let Some(sort) = kept_sort { input type="hidden" name="sort" value=(sort); }
            @if params.desc { input type="hidden" name="desc" value="true"; }
            @if let Some(c) = &params.cols { input type="hidden" name="cols" value=(c.join(" ")); }
            button type="submit" class="primary" { "Search" }
        }
        (PreEscaped("</form>"))
        a href=(export_href) download="" class="button export" { "Export CSV" }
        @if !options.notes.is_empty() {
            div role="status" data-testid="filter-notes" {
                ul class="notices filter-notes" { @for n in &options.notes { li { (n) } } }
            }
        }
        (PreEscaped("</div>"))
    }
}

/// The status filter; its choices name their counts when the list has them ("Active (1843)").
fn status_select(params: &ListParams, facets: Option<Facets>) -> Markup {
    let current = params.status;
    let option = |s: StatusFilter, label: &'static str| {
        let count = facets.and_then(|f| match s {
            StatusFilter::Active => Some(f.active),
            StatusFilter::Inactive => Some(f.inactive),
            StatusFilter::All => f.active.checked_add(f.inactive),
        });
        html! {
            option value=(s.as_str()) selected[current == s] {
                (label) @if let Some(n) = count { " (" (n) ")" }
            }
        }
    };
    html! {
        label class="field" {
            span { "Status" }
            select name="status" data-submit-on-change="" data-testid="status-filter" {
                (option(StatusFilter::Active, "Active"))
                (option(StatusFilter::Inactive, "Inactive"))
                (option(StatusFilter::All, "All"))
            }
        }
    }
}

/// A filter choosing one record among `choices`; `(name, label, any)` are the URL parameter, the label
/// and the "no filter" choice's words.
fn id_select(
    params: &ListParams,
    (name, label, any): (&'static str, &'static str, &'static str),
    choices: &[(i32, String)],
    current: fn(&ListParams) -> Option<i32>,
) -> Markup {
    let chosen = current(params);
    html! {
        label class="field" {
            span { (label) }
            select name=(name) data-submit-on-change="" data-testid={ (name) "-filter" } {
                option value="" selected[chosen.is_none()] { (any) }
                @for (id, n) in choices { option value=(id) selected[chosen == Some(*id)] { (n) } }
            }
        }
    }
}

fn stock_select(params: &ListParams) -> Markup {
    let is = |v: Option<StockFilter>| params.stock == v;
    html! {
        label class="field" {
            span { "Stock location" }
            select name="stock" data-submit-on-change="" data-testid="stock-filter" {
                option value="" selected[is(None)] { "Any site" }
                option value="only" selected[is(Some(StockFilter::Only))] { "Stock locations only" }
                option value="exclude" selected[is(Some(StockFilter::Exclude))] { "No stock locations" }
            }
        }
    }
}

fn per_page_select(params: &ListParams) -> Markup {
    html! {
        label class="field" {
            span { "Rows" }
            select name="per_page" data-submit-on-change="" data-testid="per-page" {
                @for n in PER_PAGE_CHOICES { option value=(n) selected[params.per_page == n] { (n) } }
            }
        }
    }
}

/// The client a list is narrowed to, as a chip: its name linked to its page, and a link without the filter.
fn client_chip(
    spec: ListSpec,
    base: &'static str,
    p: &ListParams,
    client_name: Option<String>,
) -> Option<Markup> {
    let id = p.client_id.filter(|_| spec.has(FilterKind::Client))?;
    let without = ListParams {
        client_id: None,
        page: 1,
        ..p.clone()
    };
    let clear = with_query(base, &without.to_query(&spec));
    let name = client_name.unwrap_or_else(|| format!("#{id}"));
    Some(html! {
        input type="hidden" name="client_id" value=(id);
        span data-testid="client-filter" class="chip" {
            "Client: " a href=(EntityKind::Clients.entity().record_href(id)) { (name) }
            " " a href=(clear) aria-label="Remove the client filter" { "×" }
        }
    })
}

//! Search box, filters and page size: a plain GET form (works without JavaScript); with JavaScript its
//! submission is a client-side navigation, and the `SubmitAsYouGo` island in it applies selects on change
//! and the search as you type (debounced ~250 ms). Submitting leaves `page` out, so any change starts at
//! page 1.

use crate::components::list::list_page::Facets;
use crate::entities::EntityKind;
use crate::params::{
    FilterKind, ListParams, ListSpec, StatusFilter, StockFilter, PER_PAGE_CHOICES,
};
use leptos::prelude::*;

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
/// `export` is the CSV link, given the current filter here.
#[component]
pub fn Toolbar(
    spec: ListSpec,
    params: ListParams,
    base: &'static str,
    search_label: String,
    #[prop(optional)] options: FilterOptions,
    /// The name of the client the list is narrowed to, when it is.
    client_name: Option<String>,
    /// The status filter's counts, when the list has them (unfiltered lists).
    facets: Option<Facets>,
    /// The CSV export's address, without the filter.
    export: String,
) -> impl IntoView {
    let status = spec.has_status.then(|| status_select(&params, facets));
    let toplevel = spec.has(FilterKind::TopLevel).then(|| {
        let choices = options.toplevels.clone();
        id_select(
            &params,
            ("toplevel_id", "Top level", "All top levels"),
            choices,
            |p| p.toplevel_id,
        )
    });
    let category = spec.has(FilterKind::Category).then(|| {
        let choices = options.categories.clone();
        id_select(
            &params,
            ("category_id", "Category", "All categories"),
            choices,
            |p| p.category_id,
        )
    });
    let stock = spec.has(FilterKind::Stock).then(|| stock_select(&params));
    let client = client_chip(spec, base, params.clone(), client_name);
    let export_href = with_query(
        &export,
        &ListParams {
            page: 1,
            ..params.clone()
        }
        .to_query(&spec),
    );
    let kept_sort = (params.sort != spec.default_sort()).then(|| params.sort.clone());
    view! {
        <div class="toolbar">
            <form method="get" action=base>
                <crate::islands::SubmitAsYouGo/>
                <div class="filters">
                    <label class="field search">
                        <span>{search_label}</span>
                        <input
                            type="search"
                            name="q"
                            value=params.q.clone().unwrap_or_default()
                            placeholder="Search by name"
                            autocomplete="off"
                            data-search="list"
                        />
                    </label>
                    {status}
                    {toplevel}
                    {category}
                    {stock}
                    {client}
                    {per_page_select(&params)}
                    {kept_sort.map(|sort| view! { <input type="hidden" name="sort" value=sort/> })}
                    {params.desc.then(|| view! { <input type="hidden" name="desc" value="true"/> })}
                    {params.cols.as_ref().map(|c| view! { <input type="hidden" name="cols" value=c.join(" ")/> })}
                    <button type="submit" class="primary">"Search"</button>
                </div>
            </form>
            <a class="button export" href=export_href download="">"Export CSV"</a>
            {(!options.notes.is_empty()).then(|| view! {
                <div role="status" data-testid="filter-notes">
                    <ul class="notices filter-notes">
                        {options.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                    </ul>
                </div>
            })}
        </div>
    }
}

/// `base`, with `?query` when there is one.
fn with_query(base: &str, query: &str) -> String {
    if query.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{query}")
    }
}

/// The status filter; its choices name their counts when the list has them ("Active (1843)").
fn status_select(params: &ListParams, facets: Option<Facets>) -> impl IntoView {
    let current = params.status;
    let option = move |s: StatusFilter, label: &'static str| {
        let count = facets.and_then(|f| match s {
            StatusFilter::Active => Some(f.active),
            StatusFilter::Inactive => Some(f.inactive),
            StatusFilter::All => f.active.checked_add(f.inactive),
        });
        let text = count.map_or_else(|| label.to_owned(), |n| format!("{label} ({n})"));
        view! { <option value=s.as_str() selected=current == s>{text}</option> }
    };
    view! {
        <label class="field">
            <span>"Status"</span>
            <select name="status" data-submit-on-change="" data-testid="status-filter">
                {option(StatusFilter::Active, "Active")}
                {option(StatusFilter::Inactive, "Inactive")}
                {option(StatusFilter::All, "All")}
            </select>
        </label>
    }
}

/// A filter choosing one record among `choices`; `(name, label, any)` are the URL parameter, the label
/// and the "no filter" choice's words.
fn id_select(
    params: &ListParams,
    (name, label, any): (&'static str, &'static str, &'static str),
    choices: Vec<(i32, String)>,
    current: fn(&ListParams) -> Option<i32>,
) -> impl IntoView {
    let chosen = current(params);
    view! {
        <label class="field">
            <span>{label}</span>
            <select name=name data-submit-on-change="" data-testid=format!("{name}-filter")>
                <option value="" selected=chosen.is_none()>{any}</option>
                {choices
                    .into_iter()
                    .map(|(id, n)| view! {
                        <option value=id.to_string() selected=chosen == Some(id)>{n}</option>
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

fn stock_select(params: &ListParams) -> impl IntoView {
    let current = params.stock;
    let is = move |v: Option<StockFilter>| current == v;
    view! {
        <label class="field">
            <span>"Stock location"</span>
            <select name="stock" data-submit-on-change="" data-testid="stock-filter">
                <option value="" selected=is(None)>"Any site"</option>
                <option value="only" selected=is(Some(StockFilter::Only))>"Stock locations only"</option>
                <option value="exclude" selected=is(Some(StockFilter::Exclude))>"No stock locations"</option>
            </select>
        </label>
    }
}

fn per_page_select(params: &ListParams) -> impl IntoView {
    let current = params.per_page;
    view! {
        <label class="field">
            <span>"Rows"</span>
            <select name="per_page" data-submit-on-change="" data-testid="per-page">
                {PER_PAGE_CHOICES
                    .iter()
                    .map(|&n| view! { <option value=n.to_string() selected=current == n>{n}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The client a list is narrowed to, as a chip: its name linked to its page, and a link without the filter.
fn client_chip(
    spec: ListSpec,
    base: &'static str,
    p: ListParams,
    client_name: Option<String>,
) -> Option<impl IntoView> {
    let id = p.client_id.filter(|_| spec.has(FilterKind::Client))?;
    let without = ListParams {
        client_id: None,
        page: 1,
        ..p
    };
    let clear = with_query(base, &without.to_query(&spec));
    let name = client_name.unwrap_or_else(|| format!("#{id}"));
    Some(view! {
        <input type="hidden" name="client_id" value=id.to_string()/>
        <span class="chip" data-testid="client-filter">
            "Client: " <a href=EntityKind::Clients.entity().record_href(id)>{name}</a>
            " " <a href=clear aria-label="Remove the client filter">"×"</a>
        </span>
    })
}

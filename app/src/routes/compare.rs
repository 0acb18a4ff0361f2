//! `/data-health/compare?kind=clients&ids=4,17` — one group of possible duplicates side by side: each
//! record's contact details in a column, the values two or more of them share marked (in words too, not
//! by colour alone).

use crate::components::error_panel::ErrorPanel;
use crate::functions::compare::compare_records;
use crate::health::compare::{CompareRow, Comparison};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The comparison page.
#[component]
pub fn ComparePage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        let q = query.get();
        (
            q.get("kind").unwrap_or_default(),
            q.get("ids").unwrap_or_default(),
        )
    };
    let data = Resource::new(args, |(kind, ids)| compare_records(kind, ids));
    view! {
        <Title text="Compare details"/>
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/data-health">"Data health"</a></nav>
        <h1>"Compare details"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Reading the records…"</p> }>
            {Suspend::new(async move {
                match data.await {
                    Ok(c) => comparison_view(c).into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn comparison_view(c: Comparison) -> AnyView {
    let e = c.kind.entity();
    if c.rows.is_empty() {
        return view! {
            <p role="status" data-testid="compare-summary">
                {format!("None of these {} has an e-mail domain, phone or website to compare.", e.words.many)}
            </p>
        }
        .into_any();
    }
    let shared = c.rows.iter().filter(|r| r.any_shared()).count();
    let summary = match shared {
        0 => "No contact detail is shared: these may well be different records.".to_string(),
        n => format!(
            "{n} contact detail(s) shared: likely the same {}.",
            e.words.one
        ),
    };
    let heads = c
        .records
        .iter()
        .map(|(id, name)| view! { <th scope="col"><a href=e.record_href(*id)>{name.clone()}</a></th> })
        .collect_view();
    view! {
        <p role="status" data-testid="compare-summary">{summary}</p>
        <div class="table-wrap">
            <table class="compare" data-testid="compare-table">
                <caption class="visually-hidden">{format!("Contact details of {} possible duplicate {}", c.records.len(), e.words.many)}</caption>
                <thead><tr><th scope="col">"Detail"</th>{heads}</tr></thead>
                <tbody>{c.rows.into_iter().map(row_view).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn row_view(r: CompareRow) -> impl IntoView {
    let cells = r
        .values
        .into_iter()
        .zip(r.shared)
        .map(|(values, shared)| {
            let text = if values.is_empty() {
                "—".to_string()
            } else {
                values.join(", ")
            };
            let mark = shared
                .then(|| view! { " " <span class="pill" data-testid="shared">"shared"</span> });
            view! { <td class:shared=shared>{text}{mark}</td> }
        })
        .collect_view();
    view! { <tr><th scope="row">{r.label}</th>{cells}</tr> }
}

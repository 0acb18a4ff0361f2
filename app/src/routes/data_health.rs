//! `/data-health` — possible duplicates and incomplete records, from a paced walk of the client, site and
//! company lists. While the first walk runs the page shows its progress and reloads itself every two seconds
//! (a `<meta>` refresh: the same with JavaScript and without).

use crate::components::error_panel::ErrorPanel;
use crate::functions::health::{get_data_health, RefreshDataHealth};
use crate::health::report::{Finding, Group, HealthView, Report};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// The data health page.
#[component]
pub fn DataHealthPage() -> impl IntoView {
    let refresh = ServerAction::<RefreshDataHealth>::new();
    let data = OnceResource::new(get_data_health());
    // `?show=all` lists every group (the page is drawn on the server only, so it is read once)
    let all = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("show").is_some_and(|v| v == "all"));
    view! {
        <Title text="Data health"/>
        <h1>"Data health"</h1>
        <p class="muted">"Possible duplicates and incomplete records, from every client, site and company HaloPSA lists to you."</p>
        <Suspense fallback=|| view! { <p class="loading">"Loading the report…"</p> }>
            {Suspend::new(async move {
                match data.await {
                    Ok(HealthView::Walking { read, .. }) => view! {
                        <crate::islands::SelfRefresh seconds=2/>
                        <p role="status" data-testid="health-walking">
                            <progress aria-label="Reading the lists"></progress>
                            " " {format!("Reading the lists… {read} records so far.")}
                        </p>
                    }.into_any(),
                    Ok(HealthView::Ready(r)) => report_view(r, all).into_any(),
                    Ok(HealthView::Failed(e)) => view! {
                        <div class="error-panel" role="alert"><p>{format!("The last walk failed: {e}")}</p></div>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <ActionForm action=refresh attr:class="inline-form">
            <button type="submit" class="button" data-testid="walk-again">"Walk the lists again"</button>
        </ActionForm>
    }
}

/// How many duplicate groups the page lists before "show all" (the CSV always has every one).
const GROUPS_SHOWN: usize = 60;

fn report_view(r: Report, all: bool) -> impl IntoView {
    let (clients, sites, companies) = r.counts;
    let total = r.duplicates.len();
    let shown = if all { total } else { total.min(GROUPS_SHOWN) };
    let more = (shown < total).then(|| {
        view! {
            <p data-testid="more-groups">
                {format!("{} more groups are not listed here. ", total - shown)}
                <a href="/data-health?show=all">"Show all groups"</a>
                " or download the CSV."
            </p>
        }
    });
    view! {
        <p data-testid="health-walked">
            {format!("Last walk: {} — {clients} clients, {sites} sites, {companies} companies.", r.walked_at)}
            " " <a href="/data-health.csv" download="data-health.csv" data-testid="health-csv">"Download every finding (CSV)"</a>
        </p>
        <section aria-labelledby="dups-h">
            <h2 id="dups-h">"Possible duplicates " <span class="muted">{format!("({})", r.duplicates.len())}</span></h2>
            {if r.duplicates.is_empty() {
                view! { <p class="muted">"No two records share a name."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list" data-testid="duplicate-groups">{r.duplicates.into_iter().take(shown).map(group_view).collect_view()}</ul>
                    {more}
                }.into_any()
            }}
        </section>
        <section aria-labelledby="incomplete-h">
            <h2 id="incomplete-h">"Incomplete records " <span class="muted">{format!("({})", r.incomplete.len())}</span></h2>
            {if r.incomplete.is_empty() {
                view! { <p class="muted">"Nothing is missing."</p> }.into_any()
            } else {
                view! { <ul class="plain-list" data-testid="incomplete-records">{r.incomplete.into_iter().map(finding_view).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

fn group_view(g: Group) -> impl IntoView {
    let e = g.kind.entity();
    let ids: Vec<String> = g
        .members
        .iter()
        .take(10)
        .map(|m| m.id.to_string())
        .collect();
    let kind = serde_json::to_string(&g.kind).unwrap_or_default();
    let compare = format!(
        "/data-health/compare?kind={}&ids={}",
        kind.trim_matches('"'),
        ids.join(",")
    );
    let members = g
        .members
        .into_iter()
        .map(|m| {
            let facts = (!m.facts.is_empty())
                .then(|| view! { " " <span class="muted">{format!("({})", m.facts)}</span> });
            view! { <li><a href=e.record_href(m.id)>{m.name}</a>{facts}</li> }
        })
        .collect_view();
    let fix = format!("Open these {} in the list", e.words.many);
    view! {
        <li class="duplicate-group">
            <strong>{g.scope}</strong>
            <ul>{members}</ul>
            <a href=g.href data-testid="fix-link">{fix}</a>
            " · " <a href=compare data-testid="compare-link">"Compare details"</a>
        </li>
    }
}

fn finding_view(f: Finding) -> impl IntoView {
    let e = f.kind.entity();
    view! {
        <li>
            {e.words.one_title} " " <a href=e.record_href(f.id)>{f.name}</a> " " {f.problem}
            " · " <a href=f.href data-testid="fix-link">"the client's sites"</a>
        </li>
    }
}

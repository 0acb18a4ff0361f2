//! `/` — the overview: counts per entity straight from HaloPSA, and one search box over every entity HaloPSA
//! searches (results grouped by entity). `?q=` keeps the search in the URL.
//!
//! Drawn like the lists and the record pages (`crate::pages::list`): compiled templates inside the frame
//! of [`crate::shell::document`], routed by the server (`server/src/routes/drawn.rs`), with Leptos writing
//! only the islands (the counts' refresh button, the search box's submit-as-you-type) and an error panel.
//! As a Leptos page with suspense boundaries, its frame, route table and asynchronous rendering were most
//! of the work left after its last HaloPSA reply (docs/PERFORMANCE.md).

use crate::components::error_panel;
use crate::errors::AppError;
use crate::functions::health::glance_data_health;
use crate::functions::overview::{get_overview_counts, search_everything, Count, HitGroup};
use crate::health::report::HealthGlance;
use crate::islands::{OverviewCounts, SubmitAsYouGo};
use leptos::prelude::*;
use maud::{html, Markup, PreEscaped};

/// The whole overview at `path` with the URL query `query` (without `?`): its counts, the person's data
/// health line and, with a search (`q`, the last one), the search's hits, all read at once. Runs in the
/// request's reactive owner; a failed read sets the response's status through its error panel.
pub async fn document(assets: &crate::shell::AssetManifest, path: &str, query: &str) -> String {
    let q = crate::params::query_pairs(query)
        .into_iter()
        .rev()
        .find(|(k, _)| k == "q")
        .map(|(_, q)| q)
        .unwrap_or_default();
    let (counts, results, health) = futures::join!(
        get_overview_counts(),
        search_everything(q.clone()),
        glance_data_health()
    );
    let main = main_html(&q, counts, results, health.ok());
    crate::shell::document(assets, "Overview", path, &main.into_string())
}

/// The page inside `<main>`.
fn main_html(
    q: &str,
    counts: Result<Vec<Count>, AppError>,
    results: Result<Vec<HitGroup>, AppError>,
    health: Option<HealthGlance>,
) -> Markup {
    html! {
        h1 { "Overview" }
        @match counts {
            Ok(counts) => {
                dl class="stat-grid" { @for c in counts { (stat(c)) } }
                (PreEscaped(view! { <OverviewCounts/> }.to_html()))
            }
            Err(error) => (error_panel::markup(error)),
        }
        p {
            a href="/data-health" data-testid="data-health-link" { (health_words(health)) }
            " · " a href="/activity" data-testid="activity-link" { "Recent changes →" }
        }
        section class="global-search" aria-labelledby="search-h" {
            h2 id="search-h" { "Find anything" }
            form method="get" action="/" {
                (PreEscaped(view! { <SubmitAsYouGo/> }.to_html()))
                div class="filters" {
                    label class="field search" {
                        span { (searched_words()) }
                        input type="search" name="q" value=(q) autocomplete="off" data-search="global"
                            placeholder="Type a few letters of a name";
                    }
                    button type="submit" class="primary" { "Search" }
                }
            }
            @match results {
                Ok(groups) if groups.is_empty() => {}
                Ok(groups) => div class="hit-groups" data-testid="search-results" {
                    @for g in groups { (hit_group(g)) }
                },
                Err(error) => (error_panel::markup(error)),
            }
        }
    }
}

/// The overview's link text for the person's data health report ("Data health: 4 possible duplicate
/// groups, 7 incomplete records"); asking never starts a walk.
fn health_words(glance: Option<HealthGlance>) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match glance {
        Some(HealthGlance::Ready {
            duplicates,
            incomplete,
            walked_at,
        }) => format!(
            "Data health: {}, {} (checked {walked_at}) →",
            plural(
                duplicates,
                "possible duplicate group",
                "possible duplicate groups"
            ),
            plural(incomplete, "incomplete record", "incomplete records"),
        ),
        Some(HealthGlance::Walking) => "Data health: being checked now →".into(),
        Some(HealthGlance::Failed) => "Data health: the last check failed →".into(),
        Some(HealthGlance::NotChecked) | None => "Data health: not checked yet →".into(),
    }
}

/// "Search clients, sites, companies and services": the entities whose lists HaloPSA searches.
fn searched_words() -> String {
    let words: Vec<&str> = crate::entities::ALL
        .iter()
        .filter(|e| !e.list.whole)
        .map(|e| e.words.many)
        .collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("Search {} and {last}", rest.join(", ")),
        _ => format!("Search {}", words.join("")),
    }
}

/// One entity's count, linked to its list (`data-testid` `client-count`, `company-count`, …).
fn stat(c: Count) -> Markup {
    let e = c.kind.entity();
    html! {
        div class="stat" {
            dt { a href=(e.list.href) { (e.words.many_title) } }
            dd data-testid=(crate::islands::overview_counts::count_testid(c.kind)) { (c.count) }
        }
    }
}

fn hit_group(g: HitGroup) -> Markup {
    let shown = g.hits.len() as u64;
    html! {
        section class="hit-group" data-entity=(g.label) {
            h3 { (g.label) " " span class="muted" { "(" (g.total) ")" } }
            @if let Some(e) = &g.error { p class="error-text" { (e) } }
            @if g.error.is_none() && g.hits.is_empty() { p class="muted" { "No matches." } }
            ul class="plain-list" {
                @for h in &g.hits {
                    li {
                        a href=(h.href) { (h.name) }
                        @if let Some(d) = &h.detail { " " span class="muted" { (d) } }
                    }
                }
            }
            @if g.total > shown { p { a href=(g.more_href) { "All " (g.total) " matches →" } } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityKind;
    use crate::functions::overview::Hit;

    #[test]
    fn counts_searches_and_failures_are_drawn_with_what_the_tests_look_for() {
        let counts = Ok(vec![Count {
            kind: EntityKind::Clients,
            count: 42,
        }]);
        let groups = Ok(vec![HitGroup {
            label: "Clients".into(),
            hits: vec![Hit {
                href: "/clients/3".into(),
                name: "<Acme>".into(),
                detail: Some("Northwind".into()),
            }],
            total: 12,
            more_href: "/clients?search=ac".into(),
            error: None,
        }]);
        let html = Owner::new()
            .with(|| main_html("a\"c", counts, groups, None))
            .into_string();
        for expected in [
            "<dd data-testid=\"client-count\">42</dd>",
            "data-testid=\"search-results\"",
            "<a href=\"/clients/3\">&lt;Acme&gt;</a>",
            "All 12 matches →",
            "value=\"a&quot;c\"",
            "Data health: not checked yet →",
            "<leptos-island",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
        let failed = Owner::new()
            .with(|| main_html("", Err(AppError::Internal("no".into())), Ok(vec![]), None))
            .into_string();
        assert!(failed.contains("class=\"error-panel\""), "{failed}");
        assert!(!failed.contains("stat-grid"), "{failed}");
        assert!(!failed.contains("search-results"), "{failed}");
    }
}

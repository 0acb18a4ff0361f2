//! `/` — the overview: counts per entity straight from HaloPSA, and one search box over every entity HaloPSA
//! searches (results grouped by entity). `?q=` keeps the search in the URL.

use crate::components::error_panel::ErrorPanel;
use crate::functions::health::glance_data_health;
use crate::functions::overview::{get_overview_counts, search_everything, Count, HitGroup};
use crate::health::report::HealthGlance;
use crate::islands::{OverviewCounts, SubmitAsYouGo};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The overview page.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let counts = OnceResource::new(get_overview_counts());
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(|m| m.get("q").unwrap_or_default()));
    let results = Resource::new(move || q.get(), search_everything);
    let health = OnceResource::new(glance_data_health());
    view! {
        <Title text="Overview"/>
        <h1>"Overview"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading counts…"</p> }>
            {Suspend::new(async move {
                match counts.await {
                    Ok(counts) => view! {
                        <dl class="stat-grid">{counts.into_iter().map(stat).collect_view()}</dl>
                        <OverviewCounts/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <p>
            <Suspense fallback=|| view! { <a href="/data-health">"Data health →"</a> }>
                {Suspend::new(async move {
                    let words = health_words(health.await.ok());
                    view! { <a href="/data-health" data-testid="data-health-link">{words}</a> }
                })}
            </Suspense>
            " · " <a href="/activity" data-testid="activity-link">"Recent changes →"</a>
        </p>
        <section class="global-search" aria-labelledby="search-h">
            <h2 id="search-h">"Find anything"</h2>
            <form method="get" action="/">
                <SubmitAsYouGo/>
                <div class="filters">
                    <label class="field search">
                        <span>{searched_words()}</span>
                        <input type="search" name="q" value=move || q.get() autocomplete="off" data-search="global"
                            placeholder="Type a few letters of a name"/>
                    </label>
                    <button type="submit" class="primary">"Search"</button>
                </div>
            </form>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match results.await {
                        Ok(groups) if groups.is_empty() => ().into_any(),
                        Ok(groups) => view! { <div class="hit-groups" data-testid="search-results">{groups.into_iter().map(hit_group).collect_view()}</div> }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
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
fn stat(c: Count) -> impl IntoView {
    let e = c.kind.entity();
    let testid = crate::islands::overview_counts::count_testid(c.kind);
    view! {
        <div class="stat">
            <dt><a href=e.list.href>{e.words.many_title}</a></dt>
            <dd data-testid=testid>{c.count}</dd>
        </div>
    }
}

fn hit_group(g: HitGroup) -> impl IntoView {
    let shown = g.hits.len() as u64;
    view! {
        <section class="hit-group" data-entity=g.label.clone()>
            <h3>{g.label.clone()} " " <span class="muted">{format!("({})", g.total)}</span></h3>
            {g.error.clone().map(|e| view! { <p class="error-text">{e}</p> })}
            {(g.error.is_none() && g.hits.is_empty()).then(|| view! { <p class="muted">"No matches."</p> })}
            <ul class="plain-list">
                {g.hits.into_iter().map(|h| view! {
                    <li>
                        <a href=h.href>{h.name}</a>
                        {h.detail.map(|d| view! { " " <span class="muted">{d}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            {(g.total > shown).then(|| view! { <p><a href=g.more_href>{format!("All {} matches →", g.total)}</a></p> })}
        </section>
    }
}

//! The overview's figures and its search across entities.

use crate::entities::EntityKind;
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One entity's count on the overview, straight from HaloPSA's `record_count` (active records).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub kind: EntityKind,
    pub count: u64,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub href: String,
    pub name: String,
    /// A second line, e.g. the site's client.
    pub detail: Option<String>,
}

/// Hits of one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HitGroup {
    pub label: String,
    pub hits: Vec<Hit>,
    /// All matches (HaloPSA's `record_count`).
    pub total: u64,
    /// The full list filtered by the same search.
    pub more_href: String,
    /// Why this group could not be searched, if it failed.
    pub error: Option<String>,
}

/// How many hits each group shows.
pub const HITS_PER_GROUP: u32 = 10;

/// Counts for the overview, one per entity in the registry's order: one upstream list call each (the
/// default filter, one row), all concurrent.
#[server(endpoint = "get_overview_counts", input = server_fn::codec::GetUrl)]
pub async fn get_overview_counts() -> Result<Vec<Count>, AppError> {
    use super::ssr::{halo, with_status};
    let halo = halo().map_err(with_status)?;
    // the overview's counts may have been asked for before the page was drawn (`early`)
    super::early::taken_or(&super::early::pages::CountsKey, ssr::counts(&halo))
        .await
        .map_err(with_status)
}

/// Searches every entity whose list HaloPSA searches (all but organisations) at once for `q`: the first
/// hits of each, by name, with the list's second column as a hint (a site's client, a client's top level).
#[server(endpoint = "search_everything", input = server_fn::codec::GetUrl)]
pub async fn search_everything(q: String) -> Result<Vec<HitGroup>, AppError> {
    use super::ssr::{halo, with_status};
    let q = ssr::cleaned(&q);
    if q.is_empty() {
        return Ok(vec![]);
    }
    let halo = halo().map_err(with_status)?;
    // the overview's search may have been sent before the page was drawn (`early`)
    let key = super::early::pages::SearchKey(q.clone());
    super::early::taken_or(&key, async { Ok(ssr::search(&halo, q).await) }).await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::{Count, Hit, HitGroup};
    use crate::components::list::{cells::Row, ListPage};
    use crate::entities::{Entity, ListView};
    use crate::errors::AppError;
    use crate::params::{ListParams, Parsed, StatusFilter};

    /// Every entity's count of active records through `halo`, in the registry's order: one list call
    /// each (the default filter, one row), all at once.
    pub async fn counts(halo: &halo::client::HaloClient) -> Result<Vec<Count>, AppError> {
        let counts = crate::entities::ALL.iter().map(|e| {
            let halo = halo.clone();
            async move {
                let parsed = first(&e.list, None, 1);
                let page = crate::entities::with_store!(e.kind, S => {
                    Box::pin(crate::functions::lists::ssr::page::<S>(&halo, &e.list, parsed)).await
                })?;
                Ok::<_, AppError>(Count {
                    kind: e.kind,
                    count: page.record_count,
                })
            }
        });
        futures::future::join_all(counts)
            .await
            .into_iter()
            .collect()
    }

    /// The search as the overview runs it: control characters dropped, at most 200 characters, trimmed.
    pub fn cleaned(q: &str) -> String {
        q.chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect::<String>()
            .trim()
            .to_string()
    }

    /// Every searched entity's first hits for `q` (cleaned, not empty) through `halo`, all at once; a
    /// group that failed says why.
    pub async fn search(halo: &halo::client::HaloClient, q: String) -> Vec<HitGroup> {
        let searched = crate::entities::ALL.iter().filter(|e| !e.list.whole);
        let groups = searched.map(|e| {
            let (halo, q) = (halo.clone(), q.clone());
            async move {
                let parsed = first(&e.list, Some(q), super::HITS_PER_GROUP);
                // the full list searched the same way, at its own page size (the hits' size is not one)
                let all = ListParams {
                    q: parsed.params.q.clone(),
                    ..ListParams::defaults(e.list.spec)
                };
                let more_href = format!("{}?{}", e.list.href, all.to_query(e.list.spec));
                let page = crate::entities::with_store!(e.kind, S => {
                    Box::pin(crate::functions::lists::ssr::page::<S>(&halo, &e.list, parsed)).await
                });
                group(e, more_href, page)
            }
        });
        futures::future::join_all(groups).await
    }

    /// The first `n` rows of `list` (active records, by name), searched for `q` when given.
    pub fn first(list: &ListView, q: Option<String>, n: u32) -> Parsed {
        let defaults = ListParams::defaults(list.spec);
        Parsed {
            params: ListParams {
                q,
                per_page: n,
                status: StatusFilter::Active,
                ..defaults
            },
            notices: vec![],
        }
    }

    /// One entity's search results, or why they could not be had.
    pub fn group(e: &Entity, more_href: String, page: Result<ListPage<Row>, AppError>) -> HitGroup {
        let label = e.words.many_title.to_string();
        match page {
            Ok(page) => HitGroup {
                label,
                total: page.record_count,
                hits: page
                    .rows
                    .iter()
                    .map(|r| Hit {
                        href: e.record_href(r.id),
                        name: r.name.clone(),
                        detail: r.cells.get(1).map(|c| c.plain(r)).filter(|d| !d.is_empty()),
                    })
                    .collect(),
                more_href,
                error: None,
            },
            Err(e) => HitGroup {
                label,
                total: 0,
                hits: vec![],
                more_href,
                error: Some(e.to_string()),
            },
        }
    }
}

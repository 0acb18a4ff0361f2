//! The overview's figures and its search across entities.

use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Record counts shown on the overview, straight from HaloPSA's `record_count` (active records).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewCounts {
    pub clients: u64,
    pub sites: u64,
    pub suppliers: u64,
    pub organisations: u64,
    pub services: u64,
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

/// Counts for the overview: one upstream list call per entity, all concurrent, each asking for one row.
#[server(endpoint = "get_overview_counts", input = server_fn::codec::GetUrl)]
pub async fn get_overview_counts() -> Result<OverviewCounts, AppError> {
    use super::ssr::{halo, with_status};
    use halo::query::{ClientQuery, ServiceQuery, SiteQuery, SupplierQuery};
    let halo = halo().map_err(with_status)?;
    let (clients, sites, suppliers, organisations, services) = (
        halo.clients(),
        halo.sites(),
        halo.suppliers(),
        halo.organisations(),
        halo.services(),
    );
    let (cq, sq, uq, vq) = (
        ClientQuery::new().pageinate(true).page_size(1).page_no(1),
        SiteQuery::new().pageinate(true).page_size(1).page_no(1),
        SupplierQuery::new().pageinate(true).page_size(1).page_no(1),
        ServiceQuery::new().pageinate(true).page_size(1).page_no(1),
    );
    let oq = Default::default();
    let (c, s, u, o, v) = futures::join!(
        clients.list(&cq),
        sites.list(&sq),
        suppliers.list(&uq),
        organisations.list(&oq),
        services.list(&vq),
    );
    let err = |e: halo::Error| with_status(e.into());
    Ok(OverviewCounts {
        clients: c.map_err(err)?.record_count,
        sites: s.map_err(err)?.record_count,
        suppliers: u.map_err(err)?.record_count,
        organisations: o.map_err(err)?.record_count,
        services: v.map_err(err)?.record_count,
    })
}

/// Searches clients, sites, companies and services at once (concurrently) for `q`.
#[server(endpoint = "search_everything", input = server_fn::codec::GetUrl)]
pub async fn search_everything(q: String) -> Result<Vec<HitGroup>, AppError> {
    use super::ssr::{halo, with_status};
    use halo::query::{ClientQuery, ServiceQuery, SiteQuery, SupplierQuery};
    let q: String = q
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_string();
    if q.is_empty() {
        return Ok(vec![]);
    }
    let halo = halo().map_err(with_status)?;
    let n = HITS_PER_GROUP as i32;
    let (clients, sites, suppliers, services) = (
        halo.clients(),
        halo.sites(),
        halo.suppliers(),
        halo.services(),
    );
    let (cq, sq, uq, vq) = (
        ClientQuery::new()
            .pageinate(true)
            .page_size(n)
            .page_no(1)
            .search(q.clone())
            .order("name"),
        SiteQuery::new()
            .pageinate(true)
            .page_size(n)
            .page_no(1)
            .search(q.clone())
            .order("name"),
        SupplierQuery::new()
            .pageinate(true)
            .page_size(n)
            .page_no(1)
            .search(q.clone())
            .order("name"),
        ServiceQuery::new()
            .pageinate(true)
            .page_size(n)
            .page_no(1)
            .search(q.clone())
            .order("name"),
    );
    let (c, s, u, v) = futures::join!(
        clients.list(&cq),
        sites.list(&sq),
        suppliers.list(&uq),
        services.list(&vq)
    );
    let enc = crate::params::ListParams {
        q: Some(q.clone()),
        ..crate::params::ListParams::defaults(&crate::entities::clients::SPEC)
    }
    .to_query(&crate::entities::clients::SPEC);
    fn group<T>(
        label: &str,
        base: &str,
        query: &str,
        result: Result<halo::Page<T>, halo::Error>,
        hit: impl Fn(T) -> Hit,
    ) -> HitGroup {
        match result {
            Ok(page) => HitGroup {
                label: label.into(),
                total: page.record_count,
                hits: page.items.into_iter().map(hit).collect(),
                more_href: format!("{base}?{query}"),
                error: None,
            },
            Err(e) => HitGroup {
                label: label.into(),
                total: 0,
                hits: vec![],
                more_href: format!("{base}?{query}"),
                error: Some(e.to_string()),
            },
        }
    }
    Ok(vec![
        group("Clients", "/clients", &enc, c, |c| Hit {
            href: format!("/clients/{}", c.id),
            name: c.name.unwrap_or_else(|| format!("Client {}", c.id)),
            detail: c.toplevel_name,
        }),
        group("Sites", "/sites", &enc, s, |s| Hit {
            href: format!("/sites/{}", s.id),
            name: s.name.unwrap_or_else(|| format!("Site {}", s.id)),
            detail: s.client_name,
        }),
        group("Companies", "/suppliers", &enc, u, |u| Hit {
            href: format!("/suppliers/{}", u.id),
            name: u.name.unwrap_or_else(|| format!("Company {}", u.id)),
            detail: u.contact_name,
        }),
        group("Services", "/services", &enc, v, |v| Hit {
            href: format!("/services/{}", v.id),
            name: v.name.unwrap_or_else(|| format!("Service {}", v.id)),
            detail: v.service_category_name,
        }),
    ])
}

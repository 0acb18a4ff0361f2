//! Demo data: deterministic from a seed, shaped like an MSP's HaloPSA (top levels, ~2,000 clients,
//! ~6,000 sites, suppliers, organisations, services, CRM and popup notes), including awkward cases.
//! One function per section (`directory`: organisations to sites; `activity`: suppliers to popup
//! notes), called in a fixed order from one seeded random source, so the same seed gives the same
//! records.

mod activity;
mod defaults;
mod directory;
mod gen;
mod words;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;
use std::collections::HashSet;

use crate::config::DemoAgent;
use crate::store::{Record, Store};
pub(crate) use defaults::new_record_defaults;
use gen::Gen;

/// Halo's timestamp format: no zone, whole seconds.
pub(crate) const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Now, as Halo writes timestamps.
pub(crate) fn halo_now() -> String {
    Utc::now().naive_utc().format(TIME_FORMAT).to_string()
}

/// The fixed "today" of the demo data, so the same seed gives the same records.
fn anchor() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 10, 30)
        .and_then(|d| d.and_hms_opt(17, 0, 0))
        .unwrap_or_default()
}

fn rec(v: Value) -> Record {
    match v {
        Value::Object(m) => m,
        _ => Record::new(),
    }
}

fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if s.is_empty() {
        "client".to_owned()
    } else {
        s
    }
}

fn scaled(base: f64, scale: f64) -> usize {
    ((base * scale).round() as usize).max(1)
}

/// Builds the demo store. The same `(scale, seed, agents)` gives the same records.
pub(crate) fn generate(scale: f64, seed: u64, agents: &[DemoAgent]) -> Store {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let mut g = Gen::new(seed, agents);
    let org_guids = directory::organisations(&mut g);
    directory::top_levels(&mut g, &org_guids);
    directory::service_categories(&mut g);
    // clients and suppliers share one set of names, so no supplier is called like a client
    let mut names = HashSet::new();
    let client_cities = directory::clients(&mut g, scaled(2000.0, scale), &mut names);
    directory::sites(&mut g, scaled(6000.0, scale), &client_cities);
    let (n_clients, n_suppliers) = (client_cities.len(), scaled(150.0, scale));
    activity::suppliers(&mut g, n_suppliers, &mut names);
    activity::services(&mut g, scaled(40.0, scale), n_clients, agents.first());
    activity::crm_notes(&mut g, n_clients, n_suppliers);
    activity::popup_notes(&mut g, n_clients);
    g.store
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::default_agents;
    use crate::entity::Entity;
    use serde_json::json;

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = generate(0.05, 1, &default_agents());
        let b = generate(0.05, 1, &default_agents());
        let c = generate(0.05, 2, &default_agents());
        let name = |s: &Store, id| s.str_field(Entity::Client, id, "name");
        for id in 1..=100 {
            assert_eq!(name(&a, id), name(&b, id));
        }
        assert!((2..=100).any(|id| name(&a, id) != name(&c, id)));
    }

    #[test]
    fn full_scale_has_the_promised_sizes() {
        let s = generate(1.0, 7, &default_agents());
        assert_eq!(s.table(Entity::Client).len(), 2000);
        assert_eq!(s.table(Entity::Site).len(), 6000);
        assert_eq!(s.table(Entity::Supplier).len(), 150);
        assert_eq!(s.table(Entity::Organisation).len(), 3);
        assert_eq!(s.table(Entity::Service).len(), 40);
        assert!(s.table(Entity::CrmNote).len() > 2000);
        assert!(s.table(Entity::PopupNote).len() > 100);
        let inactive = s
            .table(Entity::Client)
            .records()
            .filter(|r| r.get("inactive") == Some(&json!(true)))
            .count();
        assert!((100..240).contains(&inactive), "{inactive}");
        // every client has a main site that belongs to it
        for r in s.table(Entity::Client).records() {
            let site = r.get("main_site_id").and_then(Value::as_i64).unwrap();
            let owner = s.get(Entity::Site, site).unwrap().get("client_id").unwrap();
            assert_eq!(owner.as_f64(), r.get("id").and_then(Value::as_f64));
        }
    }
}

//! Demo data: deterministic from a seed, shaped like an MSP's HaloPSA (top levels, ~2,000 clients,
//! ~6,000 sites, suppliers, organisations, services, CRM and popup notes), including awkward cases.
//! One function per section (`directory`: organisations to sites; `activity`: suppliers to popup
//! notes), called in a fixed order from one seeded random source, so the same seed gives the same
//! records.
//!
//! # What Haloscope's data health report finds in it
//!
//! With the default seed and scale (what demo mode and the tests run), the names match after Haloscope's
//! normalisation (`app/src/health/names.rs`) in these groups, and nothing is incomplete. They are not
//! planted: they follow from how names are made. `Gen::client_name` picks a base ("Harbour Marketing") and
//! a legal form of the city's country that may be none, so one base can come out with and without a form or
//! with two spellings of one form ("Ltd" / "Limited"); exact repeats are made unique (" (City)", " 2") and
//! do not match each other. Sites other than a client's main one are named "<City> <kind>" from a short
//! list, so a large client gets the same name twice.
//!
//! - **53 client groups** (ids): Austin Charity 1660 / Corp. 1456; Bay Garden Centre 23 / Ltd 1085; Bay
//!   Solicitors 1953 / Limited 296; Belfast Motors 927 / LLP 142; Belfast Print & Design 1910 / Ltd 1191;
//!   Belfast Property Management 227 / Limited 433; Belfast Veterinary Practice 666 / Limited 1930; Bristol
//!   Estate Agents Limited 734 / Ltd 1951; Bristol Opticians 933 / Ltd 1303; Bristol Print & Design Limited
//!   1600 / Ltd 1853; Brown Haulage 1604 / LLC 1706 and 1604 / Corp. 1453 (two groups: LLC and Corp. are two
//!   registrations); Cardiff Hotel Limited 1722 / Ltd 1118; Castle Veterinary Practice 604 / Limited 1896;
//!   Copper Engineering 232 / B.V. 1356; Dubois & Wood Plumbing & Heating 1981 / Corp. 1264; Edinburgh
//!   Recruitment 952 / LLP 865; Glasgow Security Services 1684 / Ltd 644; Glasgow Wealth Management 1045 /
//!   Ltd 415; Green Pharmacy 1714 / LLP 1774; Harbour Marketing 336 / Limited 951; Hargreaves Security
//!   Services 1987 / Corp. 796; Highland Engineering 1467 / Corp. 921; Honolulu Dairy 445 / Inc. 238; Iron
//!   Opticians 1786 / Limited 498; Leeds Brewery 736 / LLP 1733; Leeds Recruitment 1332 / Limited 1099;
//!   London Plumbing & Heating 346 / LLP 1400; Maple Opticians 75 / LLC 748; North Dairy 1031 / Ltd 1621;
//!   North Physiotherapy 1796 / Ltd 1686; Norwich Engineering 1902 / Ltd 168; Norwich Primary School 727 /
//!   Ltd 1705; Oakwood Print & Design 1943 / Corp. 39; Okafor Travel 1681 / SARL 965; Orchid Travel 1615 /
//!   Ltd 1857; Ó Súilleabháin Software Limited 484 / Ltd 568; Phoenix Brewery 477 / LLC 1649 and 477 /
//!   Limited 146; Portland Physiotherapy 655 / Corp. 650; Portland Security Services 1883 / Corp. 1623;
//!   Roberts Recruitment Limited 186 / Ltd 391; Rossi Medical Centre Limited 371 / Ltd 857; Silver Security
//!   Services 1340 / Ltd 867; Singh Primary School 452 / LLP 1215; South Print & Design 27 / LLP 1189;
//!   Sterling Estate Agents 424 / Limited 837; Taylor Recruitment 1695 / Corp. 941; Valley Catering 1519 /
//!   Inc. 1544; Williams Garden Centre 1117 / Ltd 783; Willow Catering 222 / GmbH 394; Willow Housing
//!   Association 410 / B.V. 13 and 410 / Corp. 62.
//! - **2 company (supplier) groups**: Ironbury Cabling 138 / Ltd 126; Riverview Cabling 119 / Limited 36.
//! - **238 groups of sites within one client**, all "<City> <kind>" names given twice or three times to
//!   one client's sites (e.g. "Leeds Warehouse" three times at Hughes Academy Trust Ltd; "Denver Campus",
//!   "Denver Depot" and "Denver Showroom" twice each at Ashridge Architects).
//! - **No incomplete records**: every site has a name and a delivery address, every client has its main
//!   site, and no inactive client has an active site. (A client created through the API gets a first site
//!   "Main" with no address, which the report then lists: `write/mod.rs`.)
//!
//! `server/tests/data_health/report.rs` checks these counts and one group by id; the end-to-end test checks
//! groups it sees on the page.

mod activity;
mod custom_fields;
mod defaults;
mod directory;
mod gen;
mod words;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;
use std::collections::HashSet;

use crate::config::DemoAgent;
use crate::store::{Record, Store};
pub(crate) use custom_fields::display_of;
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

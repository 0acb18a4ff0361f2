//! Demo data: deterministic, sized by scale, realistic and awkward.

use halo_sim::{Entity, SimConfig, Simulator};
use serde_json::Value;

fn sim(scale: f64, seed: u64) -> Simulator {
    Simulator::new(SimConfig {
        scale,
        seed,
        ..SimConfig::default()
    })
}

#[test]
fn same_seed_gives_the_same_records() {
    let (a, b) = (sim(0.2, 42), sim(0.2, 42));
    for e in [
        Entity::Client,
        Entity::Site,
        Entity::Supplier,
        Entity::Service,
        Entity::CrmNote,
    ] {
        assert_eq!(a.ids(e), b.ids(e));
        for id in a.ids(e).into_iter().take(50) {
            assert_eq!(a.record(e, id), b.record(e, id), "{e} {id}");
        }
    }
    let c = sim(0.2, 43);
    assert_ne!(a.record(Entity::Client, 10), c.record(Entity::Client, 10));
}

#[test]
fn scale_sets_the_size() {
    let s = sim(0.25, 1);
    assert_eq!(s.count(Entity::Client), 500);
    assert_eq!(s.count(Entity::Site), 1500);
    assert_eq!(s.count(Entity::Organisation), 3);
    let full = sim(1.0, 1);
    assert_eq!(full.count(Entity::Client), 2000);
    assert_eq!(full.count(Entity::Site), 6000);
    assert_eq!(full.count(Entity::Supplier), 150);
    assert_eq!(full.count(Entity::Service), 40);
}

#[test]
fn data_holds_the_awkward_cases() {
    let s = sim(1.0, 5);
    let names: Vec<String> = s
        .ids(Entity::Client)
        .into_iter()
        .filter_map(|id| s.record(Entity::Client, id))
        .map(|r| r["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    for expected in [
        "Zürich Müller AG",
        "株式会社サンプル",
        "<script>alert(1)</script> Ltd",
        "<b>not bold</b> Consulting",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected}");
    }
    assert!(
        names.iter().any(|n| n.chars().count() > 150),
        "a very long name"
    );
    let sites: Vec<Value> = s
        .ids(Entity::Site)
        .into_iter()
        .filter_map(|id| s.record(Entity::Site, id))
        .collect();
    let zones: std::collections::HashSet<&str> = sites
        .iter()
        .filter_map(|r| r["timezone"].as_str())
        .collect();
    assert!(
        zones.contains("Europe/London") && zones.contains("America/New_York") && zones.len() > 8
    );
    let with_coords = sites.iter().filter(|r| r["geocoord1"].is_f64()).count();
    assert!(with_coords > 1000 && with_coords < 5000, "{with_coords}");
    assert!(sites
        .iter()
        .all(|r| r["phonenumber"].is_string() && r["delivery_address_line1"].is_string()));
    let notes: Vec<Value> = s
        .ids(Entity::CrmNote)
        .into_iter()
        .filter_map(|id| s.record(Entity::CrmNote, id))
        .collect();
    assert!(notes
        .iter()
        .any(|n| n["detail"].as_str().is_some_and(|d| d.contains("<script>"))));
}

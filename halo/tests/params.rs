//! Table-driven: every documented query parameter of every endpoint reaches the wire under
//! Halo's exact name, and nothing is sent that was not set.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use halo::client::HaloClient;
use halo::query::*;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

/// `tests/resources/documented-params.json`: endpoint -> parameter -> type, taken from
/// `halopsa-openapi-subset.json` plus the parameters §3.2/§6 of `halopsa-api.md` and the seed add
/// (`include_custom_fields` on Client and Site, `includehtmlnote`/`includeattachments` on CRMNote).
fn documented() -> BTreeMap<String, BTreeMap<String, String>> {
    serde_json::from_str(include_str!("resources/documented-params.json")).unwrap()
}

fn sample(ty: &str, i: usize) -> (Value, Vec<String>) {
    match ty {
        "bool" => (
            json!(i.is_multiple_of(2)),
            vec![(i.is_multiple_of(2)).to_string()],
        ),
        "int" => (json!(100 + i), vec![(100 + i).to_string()]),
        "string" => (json!(format!("v{i} x")), vec![format!("v{i} x")]),
        "List<int>" => (json!([i, i + 1]), vec![i.to_string(), (i + 1).to_string()]),
        other => panic!("unknown type {other}"),
    }
}

/// Builds the query from every documented parameter; fails if the builder lacks one
/// (the builders reject unknown names).
fn full<Q: DeserializeOwned>(
    endpoint: &str,
    params: &BTreeMap<String, String>,
) -> (Q, BTreeMap<String, Vec<String>>) {
    let mut obj = Map::new();
    let mut expect = BTreeMap::new();
    for (i, (name, ty)) in params.iter().enumerate() {
        let (v, wire) = sample(ty, i);
        obj.insert(name.clone(), v);
        expect.insert(name.clone(), wire);
    }
    let q = serde_json::from_value(Value::Object(obj)).unwrap_or_else(|e| {
        panic!("{endpoint}: the query builder lacks a documented parameter: {e}")
    });
    (q, expect)
}

async fn call(
    client: &HaloClient,
    endpoint: &str,
    params: &BTreeMap<String, String>,
    empty: bool,
) -> BTreeMap<String, Vec<String>> {
    macro_rules! run {
        ($q:ty, |$x:ident| $e:expr) => {{
            let (q, expect): ($q, _) = if empty {
                (<$q>::default(), BTreeMap::new())
            } else {
                full(endpoint, params)
            };
            let $x = q;
            $e.await.unwrap_or_else(|e| panic!("{endpoint}: {e}"));
            expect
        }};
    }
    macro_rules! list {
        ($q:ty, $resource:ident) => {
            run!($q, |q| async {
                client.$resource().list(&q).await.map(|_| ())
            })
        };
    }
    macro_rules! get {
        ($q:ty, $resource:ident) => {
            run!($q, |q| async {
                client.$resource().get(5, &q).await.map(|_| ())
            })
        };
    }
    match endpoint {
        "GET /Client" => list!(ClientQuery, clients),
        "GET /Client/{id}" => get!(ClientDetailQuery, clients),
        "GET /Site" => list!(SiteQuery, sites),
        "GET /Site/{id}" => get!(SiteDetailQuery, sites),
        "GET /Site/StockBins" => run!(OrganisationQuery, |_q| async {
            client.sites().stock_bins().await.map(|_| ())
        }),
        "GET /Supplier" => list!(SupplierQuery, suppliers),
        "GET /Supplier/{id}" => get!(DetailQuery, suppliers),
        "GET /Organisation" => list!(OrganisationQuery, organisations),
        "GET /Organisation/{id}" => get!(DetailQuery, organisations),
        "GET /Service" => list!(ServiceQuery, services),
        "GET /Service/{id}" => get!(ServiceDetailQuery, services),
        "GET /CRMNote" => list!(CrmNoteQuery, crm_notes),
        "GET /CRMNote/{id}" => get!(DetailQuery, crm_notes),
        "GET /PopupNote" => list!(PopupNoteQuery, popup_notes),
        "GET /TopLevel" => run!(TopLevelQuery, |q| async {
            client.lookups().top_levels(&q).await.map(|_| ())
        }),
        "GET /ServiceCategory" => run!(ServiceCategoryQuery, |q| async {
            client.lookups().service_categories(&q).await.map(|_| ())
        }),
        "GET /TopLevel/{id}" => get!(TopLevelDetailQuery, top_levels),
        "GET /ServiceCategory/{id}" => get!(DetailQuery, service_categories),
        "GET /ServiceStatus/{id}" => get!(DetailQuery, service_statuses),
        "GET /Client/me" => run!(OrganisationQuery, |_q| async {
            client.clients().me().await.map(|_| ())
        }),
        "GET /ServiceStatus" => run!(ServiceStatusQuery, |q| async {
            client.lookups().service_statuses(&q).await.map(|_| ())
        }),
        other => panic!("no call mapped for documented endpoint {other}"),
    }
}

fn wire_path(endpoint: &str) -> String {
    format!(
        "/api/{}",
        endpoint.trim_start_matches("GET /").replace("{id}", "5")
    )
}

#[tokio::test]
async fn every_documented_parameter_reaches_the_wire_under_its_exact_name() {
    let mock = common::spawn_api(common::echo_api).await;
    let client = mock.app();
    let table = documented();
    assert!(table.len() >= 21, "the table lost endpoints");
    let mut failures = Vec::new();
    for (endpoint, params) in &table {
        let expect = call(&client, endpoint, params, false).await;
        let rec = mock.api_requests().pop().unwrap();
        assert_eq!(rec.path, wire_path(endpoint), "{endpoint}");
        let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in rec.query_pairs() {
            seen.entry(k).or_default().push(v);
        }
        let want: BTreeSet<_> = expect.keys().cloned().collect();
        let got: BTreeSet<_> = seen.keys().cloned().collect();
        for missing in want.difference(&got) {
            failures.push(format!("{endpoint}: `{missing}` not sent"));
        }
        for extra in got.difference(&want) {
            failures.push(format!(
                "{endpoint}: `{extra}` sent but not documented (misspelt?)"
            ));
        }
        for (k, v) in &expect {
            if seen.get(k).is_some_and(|s| s != v) {
                failures.push(format!(
                    "{endpoint}: `{k}` sent as {:?}, expected {v:?}",
                    seen[k]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn an_empty_query_sends_no_parameters_anywhere() {
    let mock = common::spawn_api(common::echo_api).await;
    let client = mock.app();
    for (endpoint, params) in &documented() {
        call(&client, endpoint, params, true).await;
        let rec = mock.api_requests().pop().unwrap();
        assert_eq!(rec.query, "", "{endpoint} sent parameters nobody set");
    }
}

#[test]
fn the_common_list_parameters_use_halos_spelling() {
    let table = documented();
    for ep in ["GET /Client", "GET /Site", "GET /Supplier"] {
        for p in [
            "pageinate",
            "page_no",
            "page_size",
            "count",
            "order",
            "order2",
            "order3",
            "order4",
            "order5",
            "orderdesc",
            "orderdesc2",
            "orderdesc3",
            "orderdesc4",
            "orderdesc5",
            "search",
            "includeactive",
            "includeinactive",
            "activeinactive",
            "toplevel_id",
            "idonly",
        ] {
            assert!(table[ep].contains_key(p), "{ep} lacks {p}");
        }
    }
    assert!(table["GET /Site"].contains_key("client_id"));
    assert!(table["GET /Client"].contains_key("include_custom_fields"));
    assert!(table["GET /Site"].contains_key("include_custom_fields"));
}

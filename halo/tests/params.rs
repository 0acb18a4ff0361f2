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
    match endpoint {
        "GET /Client" => run!(ClientQuery, |q| async {
            client.clients().list(&q).await.map(|_| ())
        }),
        "GET /Client/{id}" => run!(ClientDetailQuery, |q| async {
            client.clients().get(5, &q).await.map(|_| ())
        }),
        "GET /Site" => run!(SiteQuery, |q| async {
            client.sites().list(&q).await.map(|_| ())
        }),
        "GET /Site/{id}" => run!(SiteDetailQuery, |q| async {
            client.sites().get(5, &q).await.map(|_| ())
        }),
        "GET /Site/StockBins" => run!(OrganisationQuery, |_q| async {
            client.sites().stock_bins().await.map(|_| ())
        }),
        "GET /Supplier" => run!(SupplierQuery, |q| async {
            client.suppliers().list(&q).await.map(|_| ())
        }),
        "GET /Supplier/{id}" => run!(DetailQuery, |q| async {
            client.suppliers().get(5, &q).await.map(|_| ())
        }),
        "GET /Organisation" => run!(OrganisationQuery, |q| async {
            client.organisations().list(&q).await.map(|_| ())
        }),
        "GET /Organisation/{id}" => run!(DetailQuery, |q| async {
            client.organisations().get(5, &q).await.map(|_| ())
        }),
        "GET /Service" => run!(ServiceQuery, |q| async {
            client.services().list(&q).await.map(|_| ())
        }),
        "GET /Service/{id}" => run!(ServiceDetailQuery, |q| async {
            client.services().get(5, &q).await.map(|_| ())
        }),
        "GET /CRMNote" => run!(CrmNoteQuery, |q| async {
            client.crm_notes().list(&q).await.map(|_| ())
        }),
        "GET /CRMNote/{id}" => run!(DetailQuery, |q| async {
            client.crm_notes().get(5, &q).await.map(|_| ())
        }),
        "GET /PopupNote" => run!(PopupNoteQuery, |q| async {
            client.popup_notes().list(&q).await.map(|_| ())
        }),
        "GET /TopLevel" => run!(TopLevelQuery, |q| async {
            client.lookups().top_levels(&q).await.map(|_| ())
        }),
        "GET /ServiceCategory" => run!(ServiceCategoryQuery, |q| async {
            client.lookups().service_categories(&q).await.map(|_| ())
        }),
        "GET /TopLevel/{id}" => run!(TopLevelDetailQuery, |q| async {
            client.top_levels().get(5, &q).await.map(|_| ())
        }),
        "GET /ServiceCategory/{id}" => run!(DetailQuery, |q| async {
            client.service_categories().get(5, &q).await.map(|_| ())
        }),
        "GET /ServiceStatus/{id}" => run!(DetailQuery, |q| async {
            client.service_statuses().get(5, &q).await.map(|_| ())
        }),
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
    let mock = common::spawn(
        common::echo_api,
        common::counting_tokens(3600, Default::default()),
    )
    .await;
    let client = mock.gateway().app_client();
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
    let mock = common::spawn(
        common::echo_api,
        common::counting_tokens(3600, Default::default()),
    )
    .await;
    let client = mock.gateway().app_client();
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

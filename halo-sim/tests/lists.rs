//! List endpoints and query semantics (§3): wrappers, paging and the 100-row cap, count, search,
//! ordering, active/inactive, filters, idonly, detail vs list shapes.

mod common;

use std::collections::HashSet;

use common::*;
use halo_sim::{Entity, SimConfig};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn list_wrappers_have_halos_keys() {
    let (sim, t) = start_with_token(small()).await;
    for (path, key, columns) in [
        ("/Client", "clients", true),
        ("/Site", "sites", true),
        ("/Supplier", "suppliers", true),
        ("/Service", "services", false),
    ] {
        let body = get_ok(&sim, &t, path).await;
        assert!(body["record_count"].is_u64(), "{path}");
        assert!(
            body["page_no"].is_null() && body["page_size"].is_null(),
            "{path}: not paginating"
        );
        assert!(body[key].is_array(), "{path}");
        for k in ["columns_id", "columns_tilehtml", "columns"] {
            assert_eq!(body.get(k).is_some(), columns, "{path} {k}");
        }
    }
}

#[tokio::test]
async fn organisation_stockbins_and_lookups_are_bare_arrays() {
    let (sim, t) = start_with_token(small()).await;
    let orgs = get_ok(&sim, &t, "/Organisation").await;
    assert_eq!(orgs.as_array().unwrap().len(), 3);
    let bins = get_ok(&sim, &t, "/Site/StockBins").await;
    let bins = bins.as_array().expect("bare array");
    assert!(!bins.is_empty());
    assert!(bins.iter().all(|s| s["isstocklocation"] == true));
    for path in [
        "/TopLevel",
        "/ServiceCategory",
        "/ServiceStatus",
        "/CRMNote?client_id=2",
        "/PopupNote",
    ] {
        assert!(get_ok(&sim, &t, path).await.is_array(), "{path}");
    }
    let tl = get_ok(&sim, &t, "/TopLevel").await;
    let names = strings(&tl, "name");
    assert!(
        names.contains(&"Managed") && names.contains(&"Internal"),
        "{names:?}"
    );
}

#[tokio::test]
async fn page_is_capped_at_100_and_record_count_is_the_total() {
    let (sim, t) = start_with_token(SimConfig::default()).await;
    let body = get_ok(&sim, &t, "/Client?pageinate=true&page_size=1000&page_no=1").await;
    assert_eq!(rows(&body, "clients").len(), 100);
    let total = body["record_count"].as_u64().unwrap();
    assert!(total > 1500, "{total}");
    assert_eq!(body["page_size"], 1000, "page_size echoes the request");
    assert_eq!(body["page_no"], 1);
    // walking pages by the rows actually returned reaches record_count, without repeats
    let mut seen = HashSet::new();
    for page in 1.. {
        let body = get_ok(
            &sim,
            &t,
            &format!("/Client?pageinate=true&page_size=1000&page_no={page}"),
        )
        .await;
        let r = rows(&body, "clients");
        if r.is_empty() {
            break;
        }
        for id in ids(r) {
            assert!(seen.insert(id));
        }
    }
    assert_eq!(seen.len() as u64, total);
}

#[tokio::test]
async fn page_no_is_one_based_and_defaults() {
    let (sim, t) = start_with_token(small()).await;
    let all = get_ok(&sim, &t, "/Client").await;
    let all_ids = ids(rows(&all, "clients"));
    let p1 = get_ok(&sim, &t, "/Client?pageinate=true&page_size=10&page_no=1").await;
    let p2 = get_ok(&sim, &t, "/Client?pageinate=true&page_size=10&page_no=2").await;
    assert_eq!(ids(rows(&p1, "clients")), all_ids[0..10]);
    assert_eq!(ids(rows(&p2, "clients")), all_ids[10..20]);
    let default = get_ok(&sim, &t, "/Client?pageinate=true").await;
    assert_eq!(rows(&default, "clients").len(), 50, "default page size");
    assert_eq!(default["page_no"], 1);
    let beyond = get_ok(&sim, &t, "/Client?pageinate=true&page_size=10&page_no=999").await;
    assert!(rows(&beyond, "clients").is_empty());
    assert_eq!(beyond["record_count"], all["record_count"]);
}

#[tokio::test]
async fn without_pageinate_page_size_is_ignored_and_count_limits() {
    let (sim, t) = start_with_token(small()).await;
    let all = get_ok(&sim, &t, "/Client").await;
    let n = all["record_count"].as_u64().unwrap() as usize;
    assert_eq!(rows(&all, "clients").len(), n, "all rows without paging");
    let ignored = get_ok(&sim, &t, "/Client?page_size=5&page_no=2").await;
    assert_eq!(rows(&ignored, "clients").len(), n);
    let counted = get_ok(&sim, &t, "/Client?count=7").await;
    assert_eq!(rows(&counted, "clients").len(), 7);
    assert_eq!(counted["record_count"].as_u64().unwrap() as usize, n);
}

#[tokio::test]
async fn search_is_a_case_insensitive_substring_of_the_name() {
    let (sim, t) = start_with_token(SimConfig::default()).await;
    let body = get_ok(&sim, &t, "/Client?search=MÜLLER&includeinactive=true").await;
    let names: Vec<&str> = rows(&body, "clients")
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Zürich Müller AG"), "{names:?}");
    assert!(names.iter().all(|n| n.to_lowercase().contains("müller")));
    let body = get_ok(&sim, &t, "/Client?search=dental").await;
    let r = rows(&body, "clients");
    assert!(!r.is_empty());
    assert!(r.iter().all(|c| c["name"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("dental")));
    assert_eq!(body["record_count"].as_u64().unwrap() as usize, r.len());
    let none = get_ok(&sim, &t, "/Client?search=zzzz-no-such").await;
    assert_eq!(none["record_count"], 0);
}

#[tokio::test]
async fn order_fields_and_orderdesc_sort_the_rows() {
    let (sim, t) = start_with_token(small()).await;
    let lower = |v: &Value| v["name"].as_str().unwrap().to_lowercase();
    let body = get_ok(&sim, &t, "/Client").await;
    let names: Vec<String> = rows(&body, "clients").iter().map(lower).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "default order is by name");

    let body = get_ok(&sim, &t, "/Client?order=name&orderdesc=true").await;
    let names: Vec<String> = rows(&body, "clients").iter().map(lower).collect();
    let mut desc = names.clone();
    desc.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, desc);

    let body = get_ok(
        &sim,
        &t,
        "/Client?order=toplevel_id&order2=id&orderdesc2=true",
    )
    .await;
    let keys: Vec<(i64, i64)> = rows(&body, "clients")
        .iter()
        .map(|r| {
            (
                r["toplevel_id"].as_i64().unwrap(),
                r["id"].as_i64().unwrap(),
            )
        })
        .collect();
    for w in keys.windows(2) {
        assert!(
            w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 > w[1].1),
            "{w:?}"
        );
    }
}

#[tokio::test]
async fn active_only_by_default_and_inactive_filters() {
    let (sim, t) = start_with_token(small()).await;
    let count = |b: &Value| b["record_count"].as_u64().unwrap();
    let default = get_ok(&sim, &t, "/Client").await;
    let r = rows(&default, "clients");
    assert!(!r.is_empty());
    assert!(r.iter().all(|c| c["inactive"] == false));
    let all = get_ok(&sim, &t, "/Client?includeactive=true&includeinactive=true").await;
    let inactive_only = get_ok(&sim, &t, "/Client?includeactive=false&includeinactive=true").await;
    let r = rows(&inactive_only, "clients");
    assert!(!r.is_empty());
    assert!(r.iter().all(|c| c["inactive"] == true));
    assert!(count(&inactive_only) > 0);
    assert_eq!(count(&all), count(&default) + count(&inactive_only));
    assert_eq!(count(&all) as usize, sim.sim.count(Entity::Client));
    let short = get_ok(&sim, &t, "/Client?activeinactive=false,true").await;
    assert_eq!(count(&short), count(&inactive_only));
    let alone = get_ok(&sim, &t, "/Client?includeinactive=true").await;
    assert_eq!(
        count(&alone),
        count(&all),
        "includeinactive alone keeps active rows"
    );
    let sites = get_ok(&sim, &t, "/Site").await;
    let r = rows(&sites, "sites");
    assert!(!r.is_empty());
    assert!(r.iter().all(|s| s["inactive"] == false));
    let suppliers = get_ok(&sim, &t, "/Supplier?activeinactive=true,true").await;
    assert_eq!(count(&suppliers) as usize, sim.sim.count(Entity::Supplier));
}

#[tokio::test]
async fn client_id_toplevel_id_and_stock_filters() {
    let (sim, t) = start_with_token(small()).await;
    let body = get_ok(&sim, &t, "/Site?client_id=2&includeinactive=true").await;
    let r = rows(&body, "sites");
    assert!(!r.is_empty());
    assert!(r.iter().all(|s| s["client_id"].as_f64() == Some(2.0)));
    let body = get_ok(&sim, &t, "/Client?toplevel_id=2").await;
    let r = rows(&body, "clients");
    assert!(!r.is_empty());
    assert!(r.iter().all(|c| c["toplevel_id"] == 2));
    let body = get_ok(&sim, &t, "/Site?toplevel_id=4&includeinactive=true").await;
    let r = rows(&body, "sites");
    assert!(
        !r.is_empty() && r.iter().all(|s| s["client_id"].as_f64() == Some(1.0)),
        "internal"
    );
    let body = get_ok(&sim, &t, "/Site?includestocklocations=false").await;
    let r = rows(&body, "sites");
    assert!(!r.is_empty());
    assert!(r.iter().all(|s| s["isstocklocation"] == false));
    let body = get_ok(&sim, &t, "/Site?includenonstocklocations=false").await;
    let r = rows(&body, "sites");
    assert!(!r.is_empty() && r.iter().all(|s| s["isstocklocation"] == true));
    let one = r[0]["id"].as_i64().unwrap();
    let body = get_ok(&sim, &t, &format!("/Site?stocklocation={one}")).await;
    assert_eq!(ids(rows(&body, "sites")), vec![one]);
    let body = get_ok(&sim, &t, "/CRMNote?client_id=2").await;
    let r = body.as_array().unwrap();
    assert!(!r.is_empty());
    assert!(r.iter().all(|n| n["client_id"] == 2));
    let body = get_ok(
        &sim,
        &t,
        "/Client?exclude_internal=true&includeinactive=true",
    )
    .await;
    let r = rows(&body, "clients");
    assert!(!r.is_empty());
    assert!(r.iter().all(|c| c["toplevel_name"] != "Internal"));
}

#[tokio::test]
async fn idonly_returns_only_ids_and_ignores_paging() {
    let (sim, t) = start_with_token(small()).await;
    let body = get_ok(&sim, &t, "/Client?idonly=true&pageinate=true&page_size=5").await;
    let r = rows(&body, "clients");
    assert_eq!(r.len() as u64, body["record_count"].as_u64().unwrap());
    assert!(r.len() > 5);
    assert!(r
        .iter()
        .all(|c| c.as_object().unwrap().keys().eq(["id"].iter())));
}

#[tokio::test]
async fn unknown_parameters_are_ignored_but_bad_values_are_400() {
    let (sim, t) = start_with_token(small()).await;
    let plain = get_ok(&sim, &t, "/Client").await;
    let odd = get_ok(&sim, &t, "/Client?frobnicate=yes&view_id=3&columns_id=9").await;
    assert_eq!(plain, odd);
    let (status, body) = get(&sim, &t, "/Client?pageinate=true&page_size=lots").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.get("page_size").is_some(), "{body}");
}

#[tokio::test]
async fn list_rows_are_abbreviated_and_detail_is_the_whole_record() {
    let (sim, t) = start_with_token(small()).await;
    let list = get_ok(&sim, &t, "/Client?count=1").await;
    let row = &rows(&list, "clients")[0];
    let id = row["id"].as_i64().unwrap();
    assert!(
        row.get("datecreated").is_none(),
        "datecreated is a detail field"
    );
    let detail = get_ok(&sim, &t, &format!("/Client/{id}")).await;
    assert_eq!(Some(detail.clone()), sim.sim.record(Entity::Client, id));
    assert!(detail["datecreated"].is_string());
    for (k, v) in row.as_object().unwrap() {
        if k == "customfields" {
            // a list row names custom fields only when asked for them (`include_custom_fields`)
            assert_eq!(v, &serde_json::json!([]));
            assert!(
                !detail[k].as_array().unwrap().is_empty(),
                "the record has them"
            );
        } else {
            assert_eq!(&detail[k], v, "{k}");
        }
    }
    let (status, _) = get(&sim, &t, "/Client/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(&sim, &t, "/Client/abc").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn includedetails_adds_nested_objects() {
    let (sim, t) = start_with_token(small()).await;
    let site = get_ok(&sim, &t, "/Site/3?includedetails=true").await;
    assert_eq!(
        site["delivery_address"]["line1"],
        site["delivery_address_line1"]
    );
    assert_eq!(
        site["delivery_address"]["postcode"],
        site["delivery_address_line5"]
    );
    assert!(site["invoice_address"].is_object());
    assert!(site["popup_notes"].is_array());
    let plain = get_ok(&sim, &t, "/Site/3").await;
    assert!(plain.get("delivery_address").is_none());
    let client = get_ok(&sim, &t, "/Client/2?includedetails=true").await;
    assert!(client["main_delivery_address"].is_object());
    assert!(client["popup_notes"].is_array());
}

#[tokio::test]
async fn halo_quirks_site_client_id_double_and_zoneless_timestamps() {
    let (sim, t) = start_with_token(small()).await;
    let text = get_raw(&sim, &t, "/Site/1").await.text().await.unwrap();
    assert!(text.contains("\"client_id\":1.0"), "{text}");
    let client = get_ok(&sim, &t, "/Client/2").await;
    let created = client["datecreated"].as_str().unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(created, "%Y-%m-%dT%H:%M:%S").is_ok(),
        "{created}"
    );
    assert!(!created.ends_with('Z'));
}

#[tokio::test]
async fn paths_are_case_insensitive() {
    let (sim, t) = start_with_token(small()).await;
    let a = get_ok(&sim, &t, "/Client?count=3").await;
    let b = get_ok(&sim, &t, "/client?count=3").await;
    let c = get_ok(&sim, &t, "/CLIENT/?COUNT=3").await;
    assert_eq!(a, b);
    assert_eq!(a, c);
    let (status, _) = get(&sim, &t, "/NoSuchThing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn service_filters_and_status_history() {
    let (sim, t) = start_with_token(SimConfig::default()).await;
    let body = get_ok(&sim, &t, "/Service?service_category_id=3").await;
    let r = rows(&body, "services");
    assert!(!r.is_empty() && r.iter().all(|s| s["service_category_id"] == 3));
    let body = get_ok(&sim, &t, "/Service?service_status_ids=1").await;
    let r = rows(&body, "services");
    assert!(!r.is_empty());
    assert!(r.iter().all(|s| s["current_status"] == 1));
    let history = get_ok(&sim, &t, "/ServiceStatus?service_id=1").await;
    let h = history.as_array().unwrap();
    assert!(!h.is_empty() && h.iter().all(|s| s["service_id"] == 1));
}

//! Halo-shaped fixtures over HTTP: quirky payloads decode, records round-trip without loss,
//! updates send only what changed, and the other operations hit the documented paths.

mod common;

use common::{Recorded, Reply};
use halo::models::{fingerprint, Client, PopupNote, Site};
use halo::query::*;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/resources/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Serves `tests/resources/<METHOD>-<path with / as ->.json` and echoes posts.
fn fixtures(r: &Recorded, _: usize) -> Reply {
    let name = format!(
        "{}-{}.json",
        r.method,
        r.path.trim_start_matches("/api/").replace('/', "-")
    );
    match std::fs::read_to_string(format!(
        "{}/tests/resources/{name}",
        env!("CARGO_MANIFEST_DIR")
    )) {
        Ok(body) => Reply::ok(body),
        Err(_) if r.method == "POST" && r.path == "/api/Client" => {
            let mut sent = r.json()[0].clone();
            if sent["id"].as_i64().unwrap_or(0) == 0 {
                sent["id"] = json!(99);
            }
            Reply::json(201, sent)
        }
        Err(_) if r.method == "POST" || r.method == "DELETE" => Reply::ok(""),
        Err(_) => Reply::json(404, ""),
    }
}

/// A mock serving the fixtures, and the app's client of it.
async fn mock() -> (common::Mock, halo::client::HaloClient) {
    let mock = common::spawn_api(fixtures).await;
    let client = mock.app();
    (mock, client)
}

#[tokio::test]
async fn quirky_site_decodes() {
    let (m, c) = mock().await;
    let s = c
        .sites()
        .get(5, &SiteDetailQuery::new().includedetails(true))
        .await
        .unwrap();
    assert_eq!(m.api_requests()[0].query, "includedetails=true");
    assert_eq!(s.client_id, Some(12), "client_id arrives as a double");
    assert_eq!(s.sla_id, Some(3), "numbers as strings");
    assert_eq!(
        s.phonenumber.as_deref(),
        Some("441234567890"),
        "text as a number"
    );
    assert_eq!(s.inactive, None);
    assert_eq!(s.isstocklocation, Some(false));
    assert_eq!(s.isinvoicesite, Some(true));
    assert_eq!(
        s.datecreated.unwrap().to_string(),
        "2021-03-04T10:15:30.123Z",
        "zone-less timestamp read as UTC"
    );
    assert_eq!(s.geocoord1, Some(51.5072));
    assert_eq!(
        s.delivery_address.as_ref().unwrap().line1.as_deref(),
        Some("1 High St")
    );
    assert!(s.invoice_address.is_none());
    let bins = s.stockbins.as_ref().unwrap();
    assert_eq!((bins.len(), bins[0].site_id), (1, Some(5)));
    assert_eq!(
        s.popup_notes.as_ref().unwrap()[0].startdate,
        None,
        "empty-string date"
    );
    assert_eq!(
        s.customfields.as_ref().unwrap()[0].value,
        Some(json!({"id": 2, "name": "Blue"}))
    );
    assert!(s.extra.contains_key("maintenance_windows"));
    assert_eq!(
        s.extra["a_field_from_a_newer_halo"],
        json!({"nested": [1, 2, 3]})
    );
}

#[tokio::test]
async fn a_record_read_and_written_back_loses_nothing() {
    let original: Value = serde_json::from_str(&fixture("GET-Site-5.json")).unwrap();
    let site: Site = serde_json::from_value(original.clone()).unwrap();
    let written = serde_json::to_value(&site).unwrap();
    for (k, v) in original.as_object().unwrap() {
        if !v.is_null() {
            assert!(written.get(k).is_some(), "`{k}` lost on the way back");
        }
    }
    assert_eq!(
        written["maintenance_windows"],
        original["maintenance_windows"]
    );
    assert_eq!(
        written["a_field_from_a_newer_halo"],
        original["a_field_from_a_newer_halo"]
    );
    let again: Site = serde_json::from_value(written).unwrap();
    assert_eq!(again, site, "stable under a second round trip");
    assert_eq!(fingerprint(&again), fingerprint(&site));
}

#[tokio::test]
async fn bare_array_lists_decode() {
    let (_m, c) = mock().await;
    let orgs = c
        .organisations()
        .list(&OrganisationQuery::new())
        .await
        .unwrap();
    assert_eq!(orgs.record_count, 2);
    assert_eq!(orgs.items[0].portal_title.as_deref(), Some("Acme Support"));
    assert_eq!(orgs.items[1].linked_client_id, Some(12));
    let bins = c.sites().stock_bins().await.unwrap();
    assert_eq!(bins.iter().map(|b| b.id).collect::<Vec<_>>(), vec![40, 41]);
    assert_eq!(bins[0].item_quantity_in_stock, Some(12.5));
    let services = c.services().list(&ServiceQuery::new()).await.unwrap();
    assert_eq!(services.items[0].service_category_id, Some(2));
    assert_eq!(
        services.items[0].status_date.unwrap().to_string(),
        "2024-05-01T12:00:00Z"
    );
}

#[tokio::test]
async fn client_secrets_in_records_stay_out_of_debug_output() {
    let (_m, c) = mock().await;
    let client = c
        .clients()
        .get(12, &ClientDetailQuery::new())
        .await
        .unwrap();
    assert_eq!(client.is_vip, Some(true));
    assert_eq!(
        client.extra["api_access_clientsecret"], "do-not-show-me",
        "kept for the round trip"
    );
    assert!(!format!("{client:?}").contains("do-not-show-me"));
}

#[tokio::test]
async fn an_update_sends_its_own_id_and_only_the_given_fields() {
    let (m, c) = mock().await;
    let before: Client = c
        .clients()
        .get(12, &ClientDetailQuery::new())
        .await
        .unwrap();
    let mut after = before.clone();
    after.name = Some("Acme Group".into());
    assert_ne!(fingerprint(&before), fingerprint(&after));
    let diff = json!({"id": 99, "name": "Acme Group", "website": null, "new_custom_flag": true});
    let saved = c
        .clients()
        .update(12, diff.as_object().unwrap().clone())
        .await
        .unwrap();
    assert_eq!(saved.name.as_deref(), Some("Acme Group"));
    let post = m
        .api_requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    assert_eq!(post.path, "/api/Client");
    assert_eq!(post.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        post.json(),
        json!([{"id": 12, "name": "Acme Group", "website": null, "new_custom_flag": true}])
    );
}

#[tokio::test]
async fn an_update_without_a_record_in_the_reply_reads_it_back() {
    let api = |r: &Recorded, _| {
        if r.method == "POST" {
            Reply::ok("")
        } else {
            Reply::ok(r#"{"id":3,"name":"Read back"}"#)
        }
    };
    let m = common::spawn_api(api).await;
    let c = m.app();
    let saved = c
        .suppliers()
        .update(3, json!({"name": "b"}).as_object().unwrap().clone())
        .await
        .unwrap();
    assert_eq!(saved.name.as_deref(), Some("Read back"));
    let reqs = m.api_requests();
    assert_eq!(reqs[0].json(), json!([{"id": 3, "name": "b"}]));
    assert_eq!(
        (reqs[1].method.as_str(), reqs[1].path.as_str()),
        ("GET", "/api/Supplier/3")
    );
}

#[tokio::test]
async fn create_posts_an_array_and_returns_the_new_id() {
    let (m, c) = mock().await;
    let new = Client {
        name: Some("New Co".into()),
        newclient_sitename: Some("Main".into()),
        ..Default::default()
    };
    let saved = c.clients().create(&new).await.unwrap();
    assert_eq!(saved.id, 99);
    assert_eq!(
        m.api_requests()[0].json(),
        json!([{"id": 0, "name": "New Co", "newclient_sitename": "Main"}])
    );
}

#[tokio::test]
async fn deletes_unsubscribes_notes_and_popups_hit_the_documented_paths() {
    let (m, c) = mock().await;
    c.clients().delete(12).await.unwrap();
    c.services().unsubscribe(8).await.unwrap();
    let notes = c.crm_notes().for_site(12, 5).await.unwrap();
    assert_eq!(notes.iter().map(|n| n.id).collect::<Vec<_>>(), vec![1]);
    assert_eq!(notes[0].timetaken, Some(0.5));
    let all = c.crm_notes().for_client(12).await.unwrap();
    assert_eq!(all.len(), 3);
    c.popup_notes()
        .mark_read(&[PopupNote {
            id: 9,
            client_id: Some(12),
            ..Default::default()
        }])
        .await
        .unwrap();
    let reqs = m.api_requests();
    let seen: Vec<_> = reqs
        .iter()
        .map(|r| format!("{} {}?{}", r.method, r.path, r.query))
        .collect();
    assert_eq!(
        seen,
        vec![
            "DELETE /api/Client/12?",
            "POST /api/Service/unsubscribe?",
            "GET /api/CRMNote?client_id=12",
            "GET /api/CRMNote?client_id=12",
            "POST /api/PopupNote/read?",
        ]
    );
    assert_eq!(reqs[1].json(), json!([{"serviceid": 8}]));
    assert_eq!(reqs[4].json(), json!([{"id": 9, "client_id": 12}]));
}

#[tokio::test]
async fn a_bad_field_is_kept_aside_and_a_bad_id_is_reported_with_its_path() {
    let api = |r: &Recorded, _| {
        if r.query.contains("client_id=1") {
            Reply::ok(r#"{"record_count":2,"sites":[{"id":1},{"id":"one"}]}"#)
        } else {
            Reply::ok(r#"{"record_count":2,"sites":[{"id":1},{"id":2,"client_id":"twelve"}]}"#)
        }
    };
    let m = common::spawn_api(api).await;
    let sites = m.app().sites();
    let page = sites.list(&SiteQuery::new()).await.unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[1].client_id, None);
    assert_eq!(
        page.items[1].unreadable.0.get("client_id"),
        Some(&json!("twelve")),
        "the raw value is kept"
    );
    let err = sites
        .list(&SiteQuery::new().client_id(1))
        .await
        .unwrap_err();
    match &err {
        halo::Error::Decode { path, .. } => assert_eq!(path, "sites[1].id"),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.status_code(), 502);
}

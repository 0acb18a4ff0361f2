//! Halo's empty values and loose types, one fixture per quirk named after the endpoint that sends it
//! (`tests/resources/quirks/<METHOD>-<path>.<quirk>.json`), served over loopback and read through the
//! real client: `1900-01-01T00:00:00` and `""` are "no date", numbers arrive as strings, ids as
//! doubles, booleans as `0`/`1`/`"true"`.

mod common;

use std::time::Duration;

use common::{counting_tokens, Recorded, Reply};
use halo::models::Readable;
use halo::query::*;

/// A mock whose every API request is answered with fixture `name`, and the app's client of it.
async fn serving(name: &'static str) -> (common::Mock, halo::client::HaloClient) {
    let mock = mock_serving(name).await;
    let client = mock.app();
    (mock, client)
}

async fn mock_serving(name: &'static str) -> common::Mock {
    let body = std::fs::read_to_string(format!(
        "{}/tests/resources/quirks/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    common::spawn(
        move |_: &Recorded, _| Reply::ok(body.clone()),
        counting_tokens(3600, Duration::ZERO),
    )
    .await
}

#[tokio::test]
async fn client_list_reads_1900_and_empty_text_as_no_date() {
    let (_mock, halo) = serving("GET-Client.no-date.json").await;
    let page = halo.clients().list(&ClientQuery::new()).await.unwrap();
    let dates: Vec<_> = page
        .items
        .iter()
        .map(|c| c.calldate.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        dates,
        [None, None, Some("2024-05-01T09:30:00Z".to_string())]
    );
    assert!(
        page.items.iter().all(|c| c.unreadable().is_empty()),
        "nothing unreadable"
    );
}

#[tokio::test]
async fn client_detail_reads_1900_as_no_date() {
    let (_mock, halo) = serving("GET-Client-12.no-date.json").await;
    let c = halo
        .clients()
        .get(12, &ClientDetailQuery::new())
        .await
        .unwrap();
    assert_eq!((c.datecreated, c.calldate), (None, None));
    assert_eq!(c.main_site_id, Some(7), "an id sent as a string");
}

#[tokio::test]
async fn site_list_reads_numbers_sent_as_strings() {
    let (_mock, halo) = serving("GET-Site.numbers-as-strings.json").await;
    let page = halo.sites().list(&SiteQuery::new()).await.unwrap();
    let s = &page.items[0];
    assert_eq!((s.id, s.client_id, s.sla_id), (5, Some(12), Some(4)));
    assert_eq!(page.record_count, 2, "the count sent as a string");
    let blank = &page.items[1];
    assert_eq!((blank.client_id, blank.sla_id), (None, None));
    assert!(page.items.iter().all(|s| s.unreadable().is_empty()));
}

#[tokio::test]
async fn site_list_reads_ids_sent_as_doubles() {
    let (_mock, halo) = serving("GET-Site.ids-as-doubles.json").await;
    let page = halo.sites().list(&SiteQuery::new()).await.unwrap();
    let ids: Vec<_> = page.items.iter().map(|s| (s.id, s.client_id)).collect();
    assert_eq!(ids, [(5, Some(12)), (6, Some(13))]);
}

#[tokio::test]
async fn supplier_list_reads_booleans_sent_as_numbers_and_words() {
    let (_mock, halo) = serving("GET-Supplier.booleans.json").await;
    let page = halo.suppliers().list(&SupplierQuery::new()).await.unwrap();
    let flags: Vec<_> = page.items.iter().map(|s| s.inactive).collect();
    assert_eq!(
        flags,
        [Some(false), Some(true), Some(true), Some(false), Some(true)]
    );
}

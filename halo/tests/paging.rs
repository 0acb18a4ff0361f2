//! Walking all pages across Halo's silent 100-row cap.

mod common;

use common::{Recorded, Reply};
use futures::TryStreamExt;
use halo::query::{ClientQuery, SiteQuery};

/// A list endpoint over `total` rows that caps pages at `cap` rows and claims `claimed` rows.
fn capped(
    total: usize,
    cap: usize,
    claimed: usize,
) -> impl Fn(&Recorded, usize) -> Reply + Send + Sync {
    move |r, _| {
        let q: std::collections::HashMap<String, String> = r.query_pairs().into_iter().collect();
        let paging = q.get("pageinate").map(String::as_str) == Some("true");
        let size: usize = q
            .get("page_size")
            .and_then(|s| s.parse().ok())
            .unwrap_or(50);
        let no: usize = q.get("page_no").and_then(|s| s.parse().ok()).unwrap_or(1);
        let eff = if paging { size.min(cap) } else { 50.min(cap) };
        let start = if paging { (no - 1) * eff } else { 0 };
        let key = if r.path.ends_with("Site") {
            "sites"
        } else {
            "clients"
        };
        let rows: Vec<_> = (start..(start + eff).min(total))
            .map(|i| serde_json::json!({"id": i + 1, "name": format!("row {}", i + 1), "client_id": 1.0}))
            .collect();
        Reply::ok(serde_json::json!({
            "page_no": if paging { Some(no) } else { None },
            "page_size": if paging { Some(size) } else { None },
            "record_count": claimed,
            key: rows,
            "columns": [],
        }))
    }
}

#[tokio::test]
async fn page_walk_survives_the_100_row_cap() {
    let mock = common::spawn_api(capped(250, 100, 250)).await;
    let c = mock.app();
    // asking for 1000 a page: Halo answers 100 and the echo says 1000
    let first = common::first_client_page(&c, 1000).await;
    assert_eq!(
        (first.items.len(), first.record_count, first.page_size),
        (100, 250, Some(1000))
    );
    let all: Vec<_> = c
        .clients()
        .stream(ClientQuery::new().search("row"))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<i32> = all.iter().map(|r| r.id).collect();
    assert_eq!(ids, (1..=250).collect::<Vec<_>>());
    let walk: Vec<_> = mock.api_requests().into_iter().skip(1).collect();
    assert_eq!(walk.len(), 3);
    for (i, r) in walk.iter().enumerate() {
        let q: std::collections::HashMap<_, _> = r.query_pairs().into_iter().collect();
        assert_eq!(q["pageinate"], "true");
        assert_eq!(q["page_no"], (i + 1).to_string());
        assert!(q["page_size"].parse::<u32>().unwrap() <= 100);
        assert_eq!(
            q["search"], "row",
            "the caller's filters are kept on every page"
        );
    }
}

#[tokio::test]
async fn page_walk_follows_record_count_when_halo_caps_lower_still() {
    let mock = common::spawn_api(capped(250, 40, 250)).await;
    let c = mock.app();
    let all = c.sites().all(SiteQuery::new()).await.unwrap();
    assert_eq!(all.len(), 250);
    assert_eq!(all.last().unwrap().id, 250);
    assert_eq!(all[0].client_id, Some(1));
    assert_eq!(mock.api_requests().len(), 7);
}

#[tokio::test]
async fn page_walk_stops_at_an_empty_page_when_record_count_overstates() {
    let mock = common::spawn_api(capped(150, 100, 1000)).await;
    let all = mock.app().clients().all(ClientQuery::new()).await.unwrap();
    assert_eq!(all.len(), 150);
    assert_eq!(
        mock.api_requests().len(),
        3,
        "two pages and the empty third"
    );
}

#[tokio::test]
async fn an_error_mid_walk_ends_the_stream_with_that_error() {
    let inner = capped(250, 100, 250);
    let api = move |r: &Recorded, n| {
        if n == 2 {
            Reply::json(403, "")
        } else {
            inner(r, n)
        }
    };
    let mock = common::spawn_api(api).await;
    let got: Vec<_> =
        futures::StreamExt::collect::<Vec<_>>(mock.app().clients().stream(ClientQuery::new()))
            .await;
    assert_eq!(got.len(), 101);
    assert_eq!(got[100].as_ref().unwrap_err(), &halo::Error::Forbidden);
}

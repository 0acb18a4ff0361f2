//! `/metrics` speaks Prometheus text and carries the gateway's upstream figures and per-route requests.

mod common;

#[tokio::test]
async fn metrics_report_routes_and_upstream_calls_from_loopback() {
    let (_sim, app) = common::start().await;
    let _ = common::list(&app, "clients", "").await;
    let res = reqwest::get(format!("{}/metrics", app.base)).await.unwrap();
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    assert!(
        text.contains("haloscope_requests_total{route=\"/api/list_records\""),
        "{text}"
    );
    assert!(text.contains("halo_upstream_requests_total"), "{text}");
    assert!(text.contains("haloscope_request_seconds_bucket"), "{text}");
}

/// A page's HaloPSA calls go out over the request thread's own connections (`serve.rs` pins each request
/// thread, `halo/src/client/pinned.rs`): a server whose threads did not pin builds no such client. The
/// shared client, made at start before the server answers, is counted too.
#[tokio::test]
async fn a_page_s_upstream_calls_use_a_client_of_the_request_thread_s_own() {
    let (sim, app) = common::start().await;
    let (status, _) = common::list(&app, "clients", "").await;
    assert_eq!(status, 200);
    assert!(
        sim.sim.requests_to("GET", "/api/Client") >= 1,
        "the page asked HaloPSA"
    );
    let text = common::get(&app, "/metrics").await.text().await.unwrap();
    let built = common::series_value(
        &text,
        "halo_http_clients_built_total{kind=\"request_thread\"}",
    );
    assert!(built.is_some_and(|n| n >= 1.0), "{text}");
    // the shared client is made at start, before any page: counted all the same
    let shared = common::series_value(&text, "halo_http_clients_built_total{kind=\"shared\"}");
    assert!(shared.is_some_and(|n| n >= 1.0), "{text}");
}

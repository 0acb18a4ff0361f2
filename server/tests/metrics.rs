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

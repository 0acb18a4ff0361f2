//! The gateway reports upstream calls, latency, cache hits/misses, 429s and the limiter budget
//! through the `metrics` facade.

mod common;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use common::{Recorded, Reply};
use halo::client::Gateway;
use halo::query::ClientQuery;
use metrics::{
    Counter, CounterFn, Gauge, GaugeFn, Histogram, HistogramFn, Key, KeyName, Metadata, Recorder,
    SharedString, Unit,
};

type Events = Arc<Mutex<Vec<(String, Vec<(String, String)>, f64)>>>;

struct Handle(Key, Events);

impl Handle {
    fn push(&self, v: f64) {
        let labels = self
            .0
            .labels()
            .map(|l| (l.key().to_owned(), l.value().to_owned()))
            .collect();
        self.1
            .lock()
            .unwrap()
            .push((self.0.name().to_owned(), labels, v));
    }
}
impl CounterFn for Handle {
    fn increment(&self, v: u64) {
        self.push(v as f64)
    }
    fn absolute(&self, v: u64) {
        self.push(v as f64)
    }
}
impl GaugeFn for Handle {
    fn increment(&self, v: f64) {
        self.push(v)
    }
    fn decrement(&self, v: f64) {
        self.push(-v)
    }
    fn set(&self, v: f64) {
        self.push(v)
    }
}
impl HistogramFn for Handle {
    fn record(&self, v: f64) {
        self.push(v)
    }
}

struct Capture(Events);

impl Recorder for Capture {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
        Counter::from_arc(Arc::new(Handle(key.clone(), self.0.clone())))
    }
    fn register_gauge(&self, key: &Key, _: &Metadata<'_>) -> Gauge {
        Gauge::from_arc(Arc::new(Handle(key.clone(), self.0.clone())))
    }
    fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
        Histogram::from_arc(Arc::new(Handle(key.clone(), self.0.clone())))
    }
}

fn events() -> Events {
    static E: OnceLock<Events> = OnceLock::new();
    E.get_or_init(|| {
        let e: Events = Default::default();
        metrics::set_global_recorder(Capture(e.clone())).unwrap();
        e
    })
    .clone()
}

fn has(ev: &Events, name: &str, label: (&str, &str)) -> bool {
    ev.lock()
        .unwrap()
        .iter()
        .any(|(n, l, _)| n == name && l.iter().any(|(k, v)| k == label.0 && v == label.1))
}

/// Asserts that each metric was reported with its label.
fn assert_measured(ev: &Events, expected: &[(&str, (&str, &str))]) {
    for (name, label) in expected {
        assert!(has(ev, name, *label), "{name} with {label:?}");
    }
}

#[tokio::test]
async fn upstream_calls_cache_429s_and_budget_are_measured() {
    let ev = events();
    let api = |_: &Recorded, n| {
        if n == 1 {
            Reply::json(429, "{}")
        } else {
            Reply::ok("[]")
        }
    };
    let mock = common::spawn_api(api).await;
    let mut cfg = mock.config("metrics-app");
    cfg.cache_ttl = Duration::from_secs(30);
    cfg.rate_limit = 100;
    let c = Gateway::new(cfg).unwrap().app_client();
    c.clients().list(&ClientQuery::new()).await.unwrap();
    c.clients().list(&ClientQuery::new()).await.unwrap();
    assert_measured(
        &ev,
        &[
            ("halo_upstream_requests_total", ("status", "429")),
            ("halo_upstream_requests_total", ("status", "200")),
            ("halo_upstream_requests_total", ("endpoint", "Client")),
            ("halo_upstream_request_seconds", ("endpoint", "Client")),
            ("halo_upstream_429_total", ("endpoint", "Client")),
            ("halo_cache_misses_total", ("entity", "Client")),
            ("halo_cache_hits_total", ("entity", "Client")),
            ("halo_token_requests_total", ("grant", "client_credentials")),
        ],
    );
    let budget: Vec<f64> = ev
        .lock()
        .unwrap()
        .iter()
        .filter(|(n, _, _)| n == "halo_rate_limit_budget_remaining")
        .map(|(_, _, v)| *v)
        .collect();
    // burst of 10 at 100 per 5 minutes: two upstream sends leave 9 then 8
    assert_eq!(budget, vec![9.0, 8.0]);
    assert_eq!(
        mock.api_requests().len(),
        2,
        "the second list came from the cache"
    );
    // the two classes of calls are counted apart
    c.background()
        .clients()
        .list(&ClientQuery::new().search("export"))
        .await
        .unwrap();
    assert_measured(
        &ev,
        &[
            ("halo_upstream_requests_total", ("class", "interactive")),
            ("halo_upstream_requests_total", ("class", "background")),
            ("halo_rate_limit_wait_seconds", ("class", "background")),
        ],
    );
}

//! What a page costs in Redis round trips, counted by Redis itself (`INFO commandstats`): with replicas
//! each is a network hop, so a page must not ask the same thing twice.

use super::cluster::{browser, page_status, signed_in_client, Cluster};
use crate::common::{get_fn, server_fn_post, Remote};

/// How many times Redis has run `command` (lower-case, as `INFO commandstats` names it) since it started.
async fn calls_of(redis_url: &str, command: &str) -> u64 {
    let client = redis::Client::open(redis_url).expect("a Redis address");
    let mut conn = client
        .get_multiplexed_async_connection()
        .await
        .expect("Redis answers");
    let stats: String = redis::cmd("INFO")
        .arg("commandstats")
        .query_async(&mut conn)
        .await
        .expect("INFO commandstats");
    let prefix = format!("cmdstat_{command}:calls=");
    stats
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .map_or(0, |rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().expect("a call count")
        })
}

/// `SMEMBERS` is the saved-views store's list read (the only command that uses it): how many a page view
/// of `path` makes, and the status it answered.
async fn view_reads_of(cluster: &Cluster, to: &Remote, path: &str) -> (u16, u64) {
    let url = cluster.redis.url();
    let before = calls_of(&url, "smembers").await;
    let status = page_status(to, path).await;
    (status, calls_of(&url, "smembers").await - before)
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn a_list_page_reads_its_saved_views_from_redis_once() {
    let cluster = Cluster::start(halo_sim::SimConfig::default(), &[]).await;
    let base = cluster.base(0);
    let client = signed_in_client(&base).await;
    let a = browser(&base, &client);
    // the early start (is there a default view to go to?) and the page (the saved-views panel, the same
    // question) share one read per request
    for path in ["/clients", "/clients?q=a&sort=name", "/clients"] {
        assert_eq!(
            view_reads_of(&cluster, &a, path).await,
            (200, 1),
            "GET {path}, no view saved"
        );
    }

    let list = [("kind", "clients"), ("view", "")];
    let saved = [&list[..], &[("name", "Amber"), ("query", "q=amber")]].concat();
    let (status, outcome, _) = server_fn_post(&a, "save_view", &saved).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(
        view_reads_of(&cluster, &a, "/clients").await,
        (200, 1),
        "a bare list with a view that is not the default"
    );
    let (status, views) = get_fn(&a, "saved_views", &list).await;
    assert_eq!(status, 200, "{views}");
    let id = views[0]["id"].as_i64().expect("the view's id").to_string();
    let default = [
        &list[..],
        &[("action", "default"), ("back", ""), ("id", &id)],
    ]
    .concat();
    let (status, outcome, _) = server_fn_post(&a, "change_view", &default).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(
        view_reads_of(&cluster, &a, "/clients").await,
        (302, 1),
        "a bare list whose default view it opens"
    );
}

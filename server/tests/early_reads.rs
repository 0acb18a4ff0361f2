//! A record page's, a list page's and the overview's HaloPSA reads are started before the page is drawn
//! (`early_reads`); the page is made from exactly those reads: each call once, their errors its errors,
//! shared with a page read beside it; an address the page will not read as it is reads nothing ahead.

mod common;

use halo_sim::{Entity, SimConfig};

/// How many requests reached each of a client page's four reads, as the simulator counted them.
fn client_reads(sim: &halo_sim::RunningSim, id: i64) -> [u64; 4] {
    let record = format!("/api/Client/{id}");
    reads_of(
        sim,
        [&record, "/api/Site", "/api/CRMNote", "/api/PopupNote"],
    )
}

/// How many requests reached each of `paths` (`GET`), as the simulator counted them.
fn reads_of<const N: usize>(sim: &halo_sim::RunningSim, paths: [&str; N]) -> [u64; N] {
    paths.map(|p| sim.sim.requests_to("GET", p))
}

fn sent_since<const N: usize>(before: [u64; N], after: [u64; N]) -> [u64; N] {
    std::array::from_fn(|i| after[i] - before[i])
}

#[tokio::test]
async fn a_record_page_sends_each_of_its_reads_once_and_shows_their_errors() {
    let (sim, app) = common::start().await;
    assert_eq!(
        common::get(&app, "/").await.status(),
        200,
        "the app token fetched"
    );
    // a client whose name needs no escaping, to find it in the page as it is
    let (id, name) = sim
        .sim
        .ids(Entity::Client)
        .into_iter()
        .find_map(|id| {
            let name = sim.sim.record(Entity::Client, id)?["name"]
                .as_str()?
                .to_owned();
            let plain =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
            plain.then_some((id, name))
        })
        .expect("a client with a plain name");

    let before = client_reads(&sim, id);
    let all_before = sim.sim.request_count();
    let (status, body) = common::page(&app, &format!("/clients/{id}")).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(&format!("{name}</h1>")),
        "the record's own page"
    );
    assert_eq!(sent_since(before, client_reads(&sim, id)), [1, 1, 1, 1]);
    assert_eq!(sim.sim.request_count() - all_before, 4, "no other call");

    // a record HaloPSA does not have: its one read's 404 is the page's
    let missing = "/api/Client/99999999";
    let (status, body) = common::page(&app, "/clients/99999999").await;
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("Client 99999999 was not found"), "{body}");
    assert_eq!(sim.sim.requests_to("GET", missing), 1, "asked once");

    // an address that is not a record (no id, another page): nothing is read ahead
    let before = sim.sim.request_count();
    let (status, _) = common::page(&app, "/clients/abc").await;
    assert_eq!(status, 404);
    assert_eq!(sim.sim.request_count(), before);
}

#[tokio::test]
async fn two_views_of_one_cold_record_share_its_reads() {
    let (sim, app) =
        common::start_with(SimConfig::default(), &[("HALOSCOPE_CACHE_TTL", "60")]).await;
    assert_eq!(common::get(&app, "/").await.status(), 200);
    sim.sim.faults().set(halo_sim::FaultConfig {
        latency_ms: 200,
        ..Default::default()
    });
    let id = sim.sim.ids(Entity::Client)[1];
    let path = format!("/clients/{id}");
    let before = client_reads(&sim, id);
    let (a, b) = tokio::join!(common::page(&app, &path), common::page(&app, &path));
    assert_eq!((a.0, b.0), (200, 200));
    assert_eq!(a.1, b.1, "the same page");
    assert_eq!(
        sent_since(before, client_reads(&sim, id)),
        [1, 1, 1, 1],
        "the second view waited for the first's reads"
    );
}

#[tokio::test]
async fn a_view_given_up_while_its_reads_are_out_leaves_no_other_view_waiting() {
    // a record page's read stays with its request: when the person leaves, it ends, and another view
    // that joined it in the read cache must make the call itself rather than wait for nothing
    let (sim, app) =
        common::start_with(SimConfig::default(), &[("HALOSCOPE_CACHE_TTL", "60")]).await;
    assert_eq!(common::get(&app, "/").await.status(), 200);
    sim.sim.faults().set(halo_sim::FaultConfig {
        latency_ms: 400,
        ..Default::default()
    });
    let id = sim.sim.ids(Entity::Client)[2];
    let path = format!("/clients/{id}");
    let url = format!("{}{path}", app.base);
    let before = client_reads(&sim, id);
    let left = app
        .client
        .get(&url)
        .timeout(std::time::Duration::from_millis(150))
        .send();
    let stayed = async {
        // joins the first view's reads while they are out
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        common::page(&app, &path).await
    };
    let (left, (status, body)) = tokio::join!(left, stayed);
    assert!(
        left.as_ref().err().is_some_and(reqwest::Error::is_timeout),
        "the first view was given up: {left:?}"
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("</h1>"), "the record's page");
    let sent = sent_since(before, client_reads(&sim, id));
    assert!(
        sent.iter().all(|n| (1..=2).contains(n)),
        "each read made once or, after the first view ended, once more: {sent:?}"
    );
}

/// Views `path` and returns its status, its page and how many calls reached each of `paths` meanwhile;
/// checks that no call went anywhere else.
async fn view_counting<const N: usize>(
    sim: &halo_sim::RunningSim,
    app: &common::Haloscope,
    path: &str,
    paths: [&str; N],
) -> (u16, String, [u64; N]) {
    let (before, all_before) = (reads_of(sim, paths), sim.sim.request_count());
    let (status, body) = common::page(app, path).await;
    let sent = sent_since(before, reads_of(sim, paths));
    let all = sim.sim.request_count() - all_before;
    assert_eq!(
        all,
        sent.iter().sum::<u64>(),
        "{path}: no other call ({sent:?})"
    );
    (status, body, sent)
}

#[tokio::test]
async fn a_list_page_and_the_overview_send_each_of_their_reads_once() {
    let (sim, app) = common::start().await;
    assert_eq!(
        common::get(&app, "/").await.status(),
        200,
        "the app token fetched"
    );
    let list = ["/api/Client", "/api/TopLevel", "/api/ServiceCategory"];
    // a bare list (no default view: its rows and, in the background, its two status counts) and one
    // with a search that needs decoding, a sort and a page size (no counts)
    let cases = [
        ("/clients", [3, 1, 1]),
        (
            "/clients?q=a%20b+c&sort=name&dir=desc&per_page=25",
            [1, 1, 1],
        ),
    ];
    for (path, expected) in cases {
        let (status, body, sent) = view_counting(&sim, &app, path, list).await;
        assert_eq!(status, 200, "{path}: {body}");
        let shown = ["list-table", "empty-state"].map(|t| format!("data-testid=\"{t}\""));
        assert!(
            shown.iter().any(|t| body.contains(t.as_str())),
            "{path}: rows or none"
        );
        assert_eq!(sent, expected, "{path}");
    }
    // another entity's list; a whole list (HaloPSA sends every record at once), which has no pickers
    let (status, _, sent) = view_counting(
        &sim,
        &app,
        "/suppliers",
        ["/api/Supplier", list[1], list[2]],
    )
    .await;
    assert_eq!((status, sent), (200, [3, 1, 1]));
    let (status, _, sent) =
        view_counting(&sim, &app, "/organisations", ["/api/Organisation"]).await;
    assert_eq!((status, sent), (200, [1]));
    // the overview
    let counted = [
        "/api/Client",
        "/api/Site",
        "/api/Supplier",
        "/api/Organisation",
        "/api/Service",
    ];
    let (status, body, sent) = view_counting(&sim, &app, "/", counted).await;
    assert_eq!(status, 200, "{body}");
    // one count per entity; a list HaloPSA pages also reads its status counts, in the background
    assert_eq!(sent, [3, 3, 3, 1, 1]);
    // with a search (the last `q`, decoded): the counts and one search of each list HaloPSA searches
    let (status, body, sent) = view_counting(&sim, &app, "/?q=zz&q=a+b", counted).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("data-testid=\"search-results\""), "{body}");
    assert_eq!(sent, [4, 4, 4, 1, 2]);
}

#[tokio::test]
async fn a_list_address_the_page_does_not_read_as_it_is_reads_nothing_ahead() {
    let (sim, app) = common::start().await;
    assert_eq!(common::get(&app, "/").await.status(), 200);
    let (status, _, _) = common::server_fn_post(
        &app,
        "save_view",
        &[
            ("kind", "clients"),
            ("view", ""),
            ("name", "Amber"),
            ("query", "q=amber"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let (_, views) =
        common::get_fn(&app, "saved_views", &[("kind", "clients"), ("view", "")]).await;
    let id = views[0]["id"].as_i64().expect("the view's id").to_string();
    // a saved view's link redirects to the view's state, and a refused query is a 400: the page reads
    // what it reads now (the view's rows, not the address's), and nothing is read ahead
    let list = ["/api/Client", "/api/TopLevel", "/api/ServiceCategory"];
    let view_link = format!("/clients?view={id}");
    for (path, expected, rows) in [
        (view_link.as_str(), 302, 1),
        ("/clients?status=bogus", 400, 0),
    ] {
        let (status, _, sent) = view_counting(&sim, &app, path, list).await;
        assert_eq!(status, expected, "{path}");
        assert_eq!(sent[0], rows, "{path}: {sent:?}");
    }
    // once the view is the default, the bare list redirects to it without reading the bare list
    let (status, _, _) = common::server_fn_post(
        &app,
        "change_view",
        &[
            ("kind", "clients"),
            ("view", ""),
            ("id", id.as_str()),
            ("action", "default"),
            ("back", ""),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let (status, _, sent) = view_counting(&sim, &app, "/clients", list).await;
    assert_eq!(status, 302);
    assert_eq!(sent[0], 1, "the view's rows only: {sent:?}");
}

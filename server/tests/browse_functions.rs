//! The Browse server functions over real HTTP: the real binary against the simulator on loopback.

mod common;

use common::{list, record, server_fn, start};
use serde_json::{json, Value};

#[tokio::test]
async fn list_clients_matches_the_simulator_and_pages() {
    let (sim, app) = start().await;
    let (status, body) = list(&app, "clients", "per_page=25&page=2&status=all").await;
    assert_eq!(status, 200, "{body}");
    let total = sim.sim.count(halo_sim::Entity::Client) as u64;
    assert_eq!(body["record_count"].as_u64(), Some(total));
    assert_eq!(body["rows"].as_array().unwrap().len(), 25);
    assert_eq!(body["params"]["page"], 2);
    let (_, active) = list(&app, "clients", "").await;
    let (_, inactive) = list(&app, "clients", "status=inactive").await;
    assert_eq!(
        active["record_count"].as_u64().unwrap() + inactive["record_count"].as_u64().unwrap(),
        total,
        "active + inactive = all"
    );
    let rows = inactive["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["inactive"] == true));
}

#[tokio::test]
async fn search_and_sort_are_done_by_halo() {
    let (_sim, app) = start().await;
    let (_, body) = list(&app, "clients", "q=amber&sort=name&desc=true&per_page=100").await;
    let names: Vec<String> = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    assert!(!names.is_empty());
    assert!(
        names.iter().all(|n| n.to_lowercase().contains("amber")),
        "{names:?}"
    );
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| std::cmp::Reverse(n.to_lowercase()));
    assert_eq!(
        names.iter().map(|n| n.to_lowercase()).collect::<Vec<_>>(),
        sorted.iter().map(|n| n.to_lowercase()).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn out_of_range_numbers_are_clamped_with_a_notice() {
    let (_sim, app) = start().await;
    let (status, body) = list(&app, "clients", "page=-3&per_page=10000").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["params"]["page"], 1);
    assert_eq!(body["params"]["per_page"], 100);
    assert_eq!(body["notices"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn rejected_values_answer_400_without_an_upstream_call() {
    let (sim, app) = start().await;
    // warm the token so only list calls would count
    let _ = list(&app, "clients", "").await;
    for (endpoint, query) in [
        ("clients", "sort=<script>"),
        ("clients", "status=bogus"),
        ("sites", "stock=sometimes"),
        ("sites", "client_id=abc"),
        ("sites/stock-bins", "page=two"),
    ] {
        let before = sim.sim.request_count();
        let (status, body) = list(&app, endpoint, query).await;
        assert_eq!(status, 400, "{endpoint}?{query}: {body}");
        let text = body.to_string();
        assert!(text.contains("BadInput"), "{text}");
        assert_eq!(
            sim.sim.request_count(),
            before,
            "{endpoint}?{query} reached HaloPSA"
        );
    }
}

#[tokio::test]
async fn sites_filter_by_client_and_stock_location() {
    let (sim, app) = start().await;
    let client_id = sim
        .sim
        .ids(halo_sim::Entity::Site)
        .into_iter()
        .find_map(|id| {
            let site = sim.sim.record(halo_sim::Entity::Site, id)?;
            site["client_id"].as_f64().map(|c| c as i64)
        });
    let client_id = client_id.expect("a site with a client");
    let (status, body) = list(&app, "sites", &format!("client_id={client_id}&status=all")).await;
    assert_eq!(status, 200, "{body}");
    let rows = body["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    // the client column is a reference to the client: its id travels with the name
    assert!(
        rows.iter().all(|r| r["cells"][1]["Ref"]["id"] == client_id
            && r["cells"][1]["Ref"]["kind"] == "clients"),
        "{rows:?}"
    );
    assert!(
        body["scope"].is_string(),
        "the page names the client: {body}"
    );
    let (_, only) = list(&app, "sites", "stock=only&status=all").await;
    let stock = common::column(&only, 5);
    assert!(!stock.is_empty());
    assert!(stock.iter().all(|s| s == "Stock location"), "{stock:?}");
}

#[tokio::test]
async fn stock_bins_are_paged_on_the_server() {
    let (_sim, app) = start().await;
    let (status, body) = list(&app, "sites/stock-bins", "per_page=25").await;
    assert_eq!(status, 200, "{body}");
    let total = body["record_count"].as_u64().unwrap();
    assert!(total > 0);
    assert!(body["rows"].as_array().unwrap().len() as u64 <= 25.min(total));
}

#[tokio::test]
async fn details_load_with_related_records_and_unknown_ids_are_404() {
    let (sim, app) = start().await;
    let id = sim.sim.ids(halo_sim::Entity::Client)[0];
    let (status, body) = record(&app, "clients", &id.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["id"], id);
    let sites = &common::section(&body, "sites")[0]["Records"];
    assert_eq!(sites["kind"], "sites");
    assert!(sites["page"]["rows"].is_array(), "{sites}");
    let crm = &common::section(&body, "crm")[0]["CrmNotes"];
    assert!(crm["Ok"].is_array(), "{crm}");
    let (status, missing) = record(&app, "clients", "99999999").await;
    assert_eq!(status, 404);
    assert!(missing.to_string().contains("Client 99999999"), "{missing}");
    assert_eq!(status, 404);
    let before = sim.sim.request_count();
    let (status, _) = record(&app, "clients", "abc").await;
    assert_eq!(status, 404);
    assert_eq!(sim.sim.request_count(), before);
    let site = sim.sim.ids(halo_sim::Entity::Site)[0];
    let (status, body) = record(&app, "sites", &site.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["id"], site);
}

#[tokio::test]
async fn csv_export_walks_every_page_of_the_filter() {
    let (_sim, app) = start().await;
    let (_, page) = list(&app, "clients", "q=a&status=all").await;
    let expected = page["record_count"].as_u64().unwrap();
    assert!(
        expected > 100,
        "the filter spans several Halo pages ({expected})"
    );
    let res = common::get(&app, "/export/clients.csv?q=a&status=all").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let body = res.text().await.unwrap();
    let lines = body.matches("\r\n").count() as u64;
    assert_eq!(lines, expected + 1, "header plus one line per client");
    // the columns are the list's own (from the clients descriptor), in its words
    assert!(
        body.starts_with("id,name,top level,status,website,open tickets\r\n"),
        "{}",
        &body[..80.min(body.len())]
    );
    let second = body.split("\r\n").nth(1).unwrap();
    let status = second.split(',').nth(3).unwrap();
    assert!(status == "Active" || status == "Inactive", "{second}");
    let bad = common::get(&app, "/export/clients.csv?status=bogus").await;
    assert_eq!(bad.status(), 400);
    let unknown = common::get(&app, "/export/secrets.csv").await;
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn chosen_columns_shape_the_list_and_the_export_and_unknown_ones_are_refused() {
    let (_sim, app) = start().await;
    let (status, page) = list(&app, "clients", "cols=website+name,open-tickets").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        page["params"]["cols"],
        json!(["website", "name", "open-tickets"])
    );
    let res = common::get(&app, "/export/clients.csv?cols=website+open-tickets").await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    assert!(
        body.starts_with("id,name,website,open tickets\r\n"),
        "{}",
        &body[..60]
    );
    assert_eq!(list(&app, "clients", "cols=name+shoe-size").await.0, 400);
    assert_eq!(list(&app, "clients", "cols=%3Cscript%3E").await.0, 400);
    let bad = common::get(&app, "/export/clients.csv?cols=shoe-size").await;
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn overview_counts_and_search_cover_every_entity() {
    let (sim, app) = start().await;
    let (status, body) = server_fn(&app, "get_overview_counts", "", "").await;
    assert_eq!(status, 200, "{body}");
    let count = |kind: &str| {
        let counts = body.as_array().expect("one count per entity");
        let found = counts.iter().find(|c| c["kind"] == kind);
        found.unwrap_or_else(|| panic!("a {kind} count in {body}"))["count"]
            .as_u64()
            .unwrap()
    };
    assert!(count("clients") > 0);
    assert_eq!(
        count("organisations"),
        sim.sim.count(halo_sim::Entity::Organisation) as u64
    );
    assert_eq!(body.as_array().unwrap().len(), 5, "{body}");
    let (status, groups) = server_fn(&app, "search_everything", "q", "an").await;
    assert_eq!(status, 200, "{groups}");
    let labels: Vec<&str> = groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Clients", "Sites", "Companies", "Services"]);
    // "All N matches" opens the full list searched the same way, at the list's own page size
    assert_eq!(groups[0]["more_href"], "/clients?q=an", "{groups}");
}

#[tokio::test]
async fn companies_organisations_and_services_list_and_load() {
    let (sim, app) = start().await;
    for (endpoint, entity, query) in [
        (
            "suppliers",
            halo_sim::Entity::Supplier,
            "status=all&per_page=25",
        ),
        ("organisations", halo_sim::Entity::Organisation, ""),
        ("services", halo_sim::Entity::Service, "per_page=25"),
    ] {
        let (status, body) = list(&app, endpoint, query).await;
        assert_eq!(status, 200, "{endpoint}: {body}");
        let total = sim.sim.count(entity) as u64;
        assert_eq!(body["record_count"].as_u64(), Some(total), "{endpoint}");
        let rows = body["rows"].as_array().unwrap();
        assert_eq!(rows.len() as u64, total.min(25), "{endpoint}");
        let id = rows[0]["id"].as_i64().unwrap();
        let (status, one) = record(&app, endpoint, &id.to_string()).await;
        assert_eq!(status, 200, "{endpoint}: {one}");
        assert_eq!(one["id"].as_i64(), Some(id));
        assert_eq!(one["name"], rows[0]["name"], "{endpoint}");
        let (status, _) = record(&app, endpoint, "424242").await;
        assert_eq!(status, 404, "{endpoint} of an unknown id");
        let before = sim.sim.request_count();
        let (status, _) = list(&app, endpoint, "sort=nonsense").await;
        assert_eq!(status, 400, "{endpoint} with a bad sort");
        assert_eq!(sim.sim.request_count(), before);
    }
    // services filter by category through Halo; organisations search on the server
    let cat = sim
        .sim
        .ids(halo_sim::Entity::Service)
        .into_iter()
        .find_map(|id| {
            sim.sim.record(halo_sim::Entity::Service, id)?["service_category_id"]
                .as_i64()
                .filter(|c| *c > 0)
        });
    let cat = cat.expect("a service with a category");
    let (_, body) = list(&app, "services", &format!("category_id={cat}&per_page=100")).await;
    let rows = body["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    let filter = format!("/services?category_id={cat}");
    assert!(
        rows.iter().all(|r| r["cells"][1]["Link"]["href"] == filter),
        "{body}"
    );
    let org = sim
        .sim
        .record(
            halo_sim::Entity::Organisation,
            sim.sim.ids(halo_sim::Entity::Organisation)[0],
        )
        .unwrap();
    let name = org["name"].as_str().unwrap();
    let piece: String = name.chars().take(4).collect();
    let encoded: String = url::form_urlencoded::byte_serialize(piece.as_bytes()).collect();
    let (_, body) = list(&app, "organisations", &format!("q={encoded}")).await;
    assert!(
        body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == name),
        "{body}"
    );
}

/// Counts of the status filter's choices from HaloPSA's own `record_count`s, in the background class, on
/// an unfiltered list only.
#[tokio::test]
async fn an_unfiltered_list_counts_its_active_and_inactive_records_in_the_background() {
    let (sim, app) = start().await;
    let (_, active) = list(&app, "clients", "").await;
    let (_, inactive) = list(&app, "clients", "status=inactive").await;
    let facets = &active["facets"];
    assert_eq!(facets["active"], active["record_count"], "{facets}");
    assert_eq!(facets["inactive"], inactive["record_count"], "{facets}");
    assert!(facets["inactive"].as_u64().unwrap() > 0);
    assert_eq!(
        inactive["facets"], active["facets"],
        "the counts do not depend on the status"
    );
    // one read for the page and one one-row read per status: the simulator saw exactly three
    let before = sim.sim.requests_to("GET", "/api/Client");
    let (_, _) = list(&app, "clients", "sort=name&page=2").await;
    assert_eq!(sim.sim.requests_to("GET", "/api/Client") - before, 3);
    // searched or narrowed by another filter: no counts and no extra reads
    for query in ["q=amber", "toplevel_id=1"] {
        let before = sim.sim.requests_to("GET", "/api/Client");
        let (status, body) = list(&app, "clients", query).await;
        assert_eq!(status, 200, "{query}: {body}");
        assert!(body.get("facets").is_none(), "{query}: {body}");
        assert_eq!(
            sim.sim.requests_to("GET", "/api/Client") - before,
            1,
            "{query}"
        );
    }
    // a list without a status filter has none either
    let (_, orgs) = list(&app, "organisations", "").await;
    assert!(orgs.get("facets").is_none(), "{orgs}");
    let metrics = common::get(&app, "/metrics").await.text().await.unwrap();
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("halo_upstream_requests_total{")
                && l.contains("class=\"background\"")),
        "the counts are background calls: {metrics}"
    );
}

/// The `Location` of a page asked for as a browser asks, and its status.
async fn page_location(app: &common::Haloscope, path: &str) -> (u16, Option<String>) {
    let res = app
        .client
        .get(format!("{}{path}", app.base))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    (res.status().as_u16(), location)
}

/// A saved view keeps a list's state (not its page), opens by its link for anyone, and once made the
/// default is where the bare list goes; renamed and deleted, it is gone.
#[tokio::test]
async fn saved_views_are_saved_shared_made_default_renamed_and_deleted() {
    use common::{get_fn, server_fn_post};
    let (_sim, app) = start().await;
    let list = [("kind", "clients"), ("view", "")];
    fn form<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        [&[("kind", "clients"), ("view", "")][..], extra].concat()
    }
    let (status, _, location) = server_fn_post(
        &app,
        "save_view",
        &form(&[
            ("name", " Amber, all "),
            ("query", "page=3&q=amber&status=all"),
        ]),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(location.as_deref(), Some("/clients?q=amber&status=all"));
    let (status, views) = get_fn(&app, "saved_views", &list).await;
    assert_eq!(status, 200, "{views}");
    assert_eq!(views.as_array().map(Vec::len), Some(1), "{views}");
    let view = &views[0];
    assert_eq!(
        (&view["name"], &view["query"], &view["default"]),
        (
            &json!("Amber, all"),
            &json!("q=amber&status=all"),
            &json!(false)
        )
    );
    let id = view["id"].as_i64().unwrap().to_string();
    // the shared link opens the view's state
    let (status, to) = page_location(&app, &format!("/clients?view={id}")).await;
    assert_eq!(
        (status, to.as_deref()),
        (302, Some("/clients?q=amber&status=all"))
    );
    // the bare list stays bare until the view is the default
    assert_eq!(page_location(&app, "/clients").await, (200, None));
    let change =
        |action: &'static str| form(&[("id", id.as_str()), ("action", action), ("back", "")]);
    let (_, _, back) = server_fn_post(&app, "change_view", &change("default")).await;
    assert_eq!(back.as_deref(), Some("/clients"));
    let (status, to) = page_location(&app, "/clients").await;
    assert_eq!(
        (status, to.as_deref()),
        (302, Some("/clients?q=amber&status=all"))
    );
    // with JavaScript the list's server function redirects the same way
    let (_, body) = list_fn(&app, "").await;
    assert_eq!(body["params"]["q"], json!("amber"), "{body}");
    // renamed, then deleted: gone, and the bare list is bare again
    let mut rename = change("rename");
    rename.push(("name", "Amber everywhere"));
    let (_, _, _) = server_fn_post(&app, "change_view", &rename).await;
    let (_, views) = get_fn(&app, "saved_views", &list).await;
    assert_eq!(views[0]["name"], json!("Amber everywhere"));
    let (_, _, _) = server_fn_post(&app, "change_view", &change("delete")).await;
    let (_, views) = get_fn(&app, "saved_views", &list).await;
    assert_eq!(views, json!([]));
    assert_eq!(page_location(&app, "/clients").await, (200, None));
    // a name is required; a view that is not there is a 404
    let (status, _, _) =
        server_fn_post(&app, "save_view", &form(&[("name", "  "), ("query", "")])).await;
    assert_eq!(status, 400);
    let (status, _, _) = server_fn_post(&app, "change_view", &change("delete")).await;
    assert_eq!(status, 404);
    // and so is its shared link, or another list's view, rather than a silently unfiltered list
    let (status, _) = page_location(&app, &format!("/clients?view={id}")).await;
    assert_eq!(status, 404);
    let (_, _, _) = server_fn_post(
        &app,
        "save_view",
        &form(&[("name", "Amber again"), ("query", "q=amber")]),
    )
    .await;
    let (_, views) = get_fn(&app, "saved_views", &list).await;
    let again = views[0]["id"].as_i64().unwrap();
    assert_eq!(
        page_location(&app, &format!("/sites?view={again}")).await.0,
        404
    );
}

async fn list_fn(app: &common::Haloscope, query: &str) -> (u16, Value) {
    list(app, "clients", query).await
}

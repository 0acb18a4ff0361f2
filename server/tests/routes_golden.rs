//! The route table is generated from the entity registry; this golden list proves that the pages and the
//! server's own routes are exactly the ones Haloscope has always served (a sixth entity adds its five rows
//! here on purpose). Server functions are listed separately below: the generic write path replaced the
//! per-entity ones by design, and any further change to that list should be just as deliberate.

mod common;

use serde_json::Value;

/// `method path kind` lines of `haloscope routes`, for the kinds asked for, sorted.
fn routes(kinds: &[&str]) -> Vec<String> {
    let out = common::run_to_end(&[], &["routes"], "");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let mut lines: Vec<String> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| kinds.contains(&r["kind"].as_str().unwrap_or("")))
        .map(|r| {
            format!(
                "{} {} {}",
                r["method"].as_str().unwrap(),
                r["path"].as_str().unwrap(),
                r["kind"].as_str().unwrap()
            )
        })
        .collect();
    sorted(&mut lines);
    lines
}

/// By path, then method.
fn sorted(lines: &mut [String]) {
    lines.sort_by_key(|l| {
        let mut p = l.split(' ');
        let method = p.next().unwrap_or("").to_owned();
        (p.next().unwrap_or("").to_owned(), method)
    });
}

#[test]
fn pages_and_server_routes_are_unchanged() {
    let mut golden: Vec<String> = include_str!("golden/routes.txt")
        .lines()
        .map(str::to_owned)
        .collect();
    sorted(&mut golden);
    assert!(!golden.is_empty());
    assert_eq!(routes(&["page", "server"]), golden);
}

#[test]
fn the_write_and_list_paths_are_one_set_of_server_functions() {
    let fns = routes(&["server_fn"]);
    assert!(!fns.is_empty());
    for expected in [
        "GET /api/record_form server_fn",
        "POST /api/create_record server_fn",
        "POST /api/update_record server_fn",
        "GET /api/record_delete_info server_fn",
        "POST /api/delete_record server_fn",
        "GET /api/list_records server_fn",
        "GET /api/get_record server_fn",
    ] {
        assert!(fns.iter().any(|f| f == expected), "{expected} in {fns:#?}");
    }
    // the one-time messages after a form are drawn into the page they are for, never fetched
    let takes: Vec<&String> = fns.iter().filter(|f| f.contains("/api/take_")).collect();
    assert!(
        takes.is_empty(),
        "no endpoint hands out messages: {takes:?}"
    );
    let per_entity_writes: Vec<&String> = fns
        .iter()
        .filter(|f| {
            ["create_", "update_", "delete_", "_form ", "_delete_info"]
                .iter()
                .any(|w| f.contains(w))
                && !f.contains("_record")
                && !f.contains("/record_")
        })
        .collect();
    assert!(
        per_entity_writes.is_empty(),
        "no per-entity write functions are left: {per_entity_writes:?}"
    );
    let per_entity_lists: Vec<&String> = fns
        .iter()
        .filter(|f| {
            let entities = [
                "client",
                "site",
                "supplier",
                "organisation",
                "service",
                "stock_bin",
            ];
            ["/api/list_", "/api/get_"]
                .iter()
                .any(|p| entities.iter().any(|e| f.contains(&format!("{p}{e}"))))
        })
        .collect();
    assert!(
        per_entity_lists.is_empty(),
        "one list function and one record function serve every entity: {per_entity_lists:?}"
    );
}

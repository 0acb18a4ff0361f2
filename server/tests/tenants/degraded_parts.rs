//! Secondary data degrades its own part (issue #16, item 2): a lookup HaloPSA refuses (403 for an agent
//! without that permission) or fails leaves its filter empty with a note; the list page keeps its own
//! status and its rows. The real binary against the simulator, whose fault control forbids the lookup.

use crate::common::{page, start, Haloscope};
use halo_sim::{FaultConfig, RunningSim};

fn forbidding(paths: &[&str]) -> FaultConfig {
    FaultConfig {
        forbidden: paths.iter().map(|p| p.to_string()).collect(),
        ..Default::default()
    }
}

/// Haloscope on a HaloPSA that refuses the `lookup`, and its page `path`, which keeps its own status 200.
async fn page_without(lookup: &str, path: &str) -> (RunningSim, Haloscope, String) {
    let (sim, app) = start().await;
    sim.sim.faults().set(forbidding(&[lookup]));
    let (status, html) = page(&app, path).await;
    assert_eq!(status, 200, "the list keeps its own status");
    (sim, app, html)
}

#[tokio::test]
async fn a_forbidden_top_level_lookup_leaves_the_clients_list_whole_with_a_note() {
    let (_sim, app, html) = page_without("TopLevel", "/clients").await;
    assert!(html.contains(r#"data-testid="filter-notes""#), "a note");
    assert!(
        html.contains("Top levels could not be loaded (HaloPSA refused access)"),
        "the note says which and why"
    );
    // the rows are there: the first client by name is on the page
    let (status, list) = crate::common::list(&app, "clients", "").await;
    assert_eq!(status, 200, "{list}");
    let names = crate::common::column(&list, 0);
    assert!(!names.is_empty());
    let rows = list["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    let first = rows[0]["id"].as_i64().expect("an id");
    assert!(
        html.contains(&format!(r#"href="/clients/{first}""#)),
        "client {first} is listed"
    );
}

#[tokio::test]
async fn a_forbidden_category_lookup_leaves_the_services_list_whole_with_a_note() {
    let (_sim, _app, html) = page_without("ServiceCategory", "/services").await;
    assert!(
        html.contains("Service categories could not be loaded"),
        "a note"
    );
    assert!(html.contains("<tbody"), "the table is there");
}

#[tokio::test]
async fn filter_options_say_which_lookup_failed() {
    let (sim, app) = start().await;
    sim.sim.faults().set(forbidding(&["TopLevel"]));
    let (status, options) = crate::common::get_fn(&app, "get_filter_options", &[]).await;
    assert_eq!(status, 200, "{options}");
    assert_eq!(options["toplevels"], serde_json::json!([]));
    assert!(
        !options["categories"]
            .as_array()
            .expect("categories")
            .is_empty(),
        "the other lookup still has its choices: {options}"
    );
    let notes = options["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 1, "{options}");
    assert!(notes[0]
        .as_str()
        .unwrap()
        .starts_with("Top levels could not be loaded"));
}

#[tokio::test]
async fn a_lookup_refused_to_one_agent_leaves_only_that_agents_filter_empty() {
    use crate::common::agent::{agent_sign_in, start_agent};
    let sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    sim.sim.faults().set(FaultConfig {
        forbidden_agent: Some(3),
        ..forbidding(&["TopLevel"])
    });
    let app = start_agent(&sim, crate::common::temp_data_dir("one-agent"), None).await;
    let priya = app.client.clone();
    agent_sign_in(&app, &sim.base_url, &priya, 3).await;
    let alex = crate::common::cookie_client();
    agent_sign_in(&app, &sim.base_url, &alex, 2).await;
    let note = "Top levels could not be loaded (HaloPSA refused access)";
    let (status, html) = page(&app.with_client(&priya), "/clients").await;
    assert_eq!(status, 200);
    assert!(html.contains(note), "agent 3 lacks the permission");
    let (status, html) = page(&app.with_client(&alex), "/clients").await;
    assert_eq!(status, 200);
    assert!(!html.contains(note), "agent 2 has it");
    assert!(
        html.contains(">Managed</option>"),
        "agent 2's top-level filter has its options"
    );
}

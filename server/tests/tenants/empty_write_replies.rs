//! Writes whose reply is empty (issue #16, item 6): HaloPSA documents `POST /Organisation` and
//! `POST /CRMNote` only as an untyped 200. A create that went through but came back empty is reported
//! as created (to the list, never back to the form), the POST reaches HaloPSA exactly once, and the
//! audit line records a success. The real binary against the simulator answering writes with an empty
//! 200.

use crate::common::{audit_lines, server_fn_post, start};
use halo_sim::{Entity, FaultConfig};
use serde_json::json;

#[tokio::test]
async fn a_create_answered_with_an_empty_200_is_reported_as_created_once() {
    let (sim, app) = start().await;
    sim.sim.faults().set(FaultConfig {
        empty_write_replies: true,
        ..Default::default()
    });
    let before = sim.sim.count(Entity::Organisation);
    let writes_before = sim.sim.writes().len();
    let name = "Zz Empty reply organisation";
    let form = [("entity", "organisations"), ("fields[name]", name)];
    let (status, outcome, location) = server_fn_post(&app, "create_record", &form).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["created"], json!(true), "{outcome}");
    assert_eq!(outcome["saved"], json!(null), "{outcome}");
    assert!(
        outcome["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Created.")),
        "{outcome}"
    );
    assert_eq!(location.as_deref(), Some("/organisations"), "to the list");
    assert_eq!(
        sim.sim.count(Entity::Organisation),
        before + 1,
        "created once"
    );
    let writes: Vec<_> = sim.sim.writes().into_iter().skip(writes_before).collect();
    assert_eq!(writes.len(), 1, "one POST, never repeated: {writes:?}");
    assert_eq!(writes[0].path, "/api/Organisation");
    assert_eq!(writes[0].json()[0]["name"], json!(name));
    let lines: Vec<_> = audit_lines(&app)
        .into_iter()
        .filter(|l| l["action"] == "create" && l["entity"] == "Organisation")
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["result"], json!("ok"), "{}", lines[0]);
}

#[tokio::test]
async fn a_crm_note_answered_with_an_empty_200_is_added() {
    let (sim, app) = start().await;
    let client_id = *sim.sim.ids(Entity::Client).first().expect("clients");
    sim.sim.faults().set(FaultConfig {
        empty_write_replies: true,
        ..Default::default()
    });
    let writes_before = sim.sim.writes().len();
    let client = client_id.to_string();
    let form = [
        ("client_id", client.as_str()),
        ("fields[note]", "Called about the renewal"),
        ("fields[app_subject]", "Renewal"),
    ];
    let (status, outcome, _) = server_fn_post(&app, "add_crm_note", &form).await;
    assert_eq!(status, 200, "{outcome}");
    assert!(outcome["saved"].is_number(), "reported as added: {outcome}");
    let writes: Vec<_> = sim.sim.writes().into_iter().skip(writes_before).collect();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].path, "/api/CRMNote");
    let lines = crate::common::audit_of(&app, "note");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["result"], json!("ok"), "{}", lines[0]);
}

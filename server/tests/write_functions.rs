//! The Write server functions over real HTTP: the real binary against the simulator on loopback. Forms
//! are posted as `ActionForm` posts them (form-encoded), with JavaScript (JSON reply) and without
//! (`Accept: text/html`, followed by the redirect the browser would follow).

mod common;

mod write_functions {
    mod answers;
    mod custom_fields;
    mod hostile_names;
    mod related;
}

use common::{page, post_plain_form, server_fn, server_fn_post, start, start_with};
use halo_sim::Entity;
use serde_json::{json, Value};

/// An edit form of entity `path` as posted: the entity, the id, the fingerprint, and the `fields[…]` /
/// `orig[…]` pairs for the values `values` (as loaded) with `changes` applied.
fn edit_form(path: &str, id: i64, data: &Value, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out = vec![
        ("entity".to_string(), path.to_string()),
        ("id".to_string(), id.to_string()),
        (
            "fingerprint".to_string(),
            data["fingerprint"].as_str().unwrap().to_string(),
        ),
    ];
    let values = data["values"].as_object().unwrap();
    for (k, v) in values {
        let v = v.as_str().unwrap().to_string();
        out.push((format!("orig[{k}]"), v.clone()));
        let entered = changes
            .iter()
            .find(|(ck, _)| ck == k)
            .map(|(_, cv)| cv.to_string())
            .unwrap_or(v);
        // a checkbox that is not ticked is not posted at all
        if entered == "false" {
            continue;
        }
        out.push((format!("fields[{k}]"), entered));
    }
    for (k, v) in changes {
        if !values.contains_key(*k) {
            out.push((format!("fields[{k}]"), v.to_string()));
        }
    }
    out
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

fn first_id(sim: &halo_sim::RunningSim, e: Entity) -> i64 {
    *sim.sim.ids(e).first().expect("seeded records")
}

/// A GET server function of the write path about record `id` of entity `path`.
async fn about_record(
    app: &common::Haloscope,
    endpoint: &str,
    path: &str,
    id: i64,
) -> (u16, Value) {
    let url = format!("{}/api/{endpoint}", app.base);
    let id = id.to_string();
    let res = app
        .client
        .get(url)
        .query(&[("entity", path), ("id", id.as_str())])
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json::<Value>().await.unwrap())
}

/// The edit form's data of record `id` of entity `path` (`record_form`).
async fn form_data(app: &common::Haloscope, path: &str, id: i64) -> (u16, Value) {
    about_record(app, "record_form", path, id).await
}

/// What deleting record `id` of entity `path` would remove (`record_delete_info`).
async fn delete_info(app: &common::Haloscope, path: &str, id: i64) -> (u16, Value) {
    about_record(app, "record_delete_info", path, id).await
}

/// `(entity, id)` pairs of a record, as the delete form posts them.
fn record(path: &str, id: i64) -> Vec<(String, String)> {
    vec![
        ("entity".to_string(), path.to_string()),
        ("id".to_string(), id.to_string()),
    ]
}

#[tokio::test]
async fn editing_one_field_changes_only_that_field_of_the_stored_record() {
    let (sim, app) = start().await;
    for (entity, path, field, value) in [
        (
            Entity::Client,
            "clients",
            "website",
            "https://changed.example",
        ),
        (Entity::Site, "sites", "phonenumber", "+44 20 7946 0000"),
        (Entity::Supplier, "suppliers", "contact_name", "Pat Changed"),
        (
            Entity::Organisation,
            "organisations",
            "portal_title",
            "Changed portal",
        ),
        (Entity::Service, "services", "summary", "A changed summary"),
    ] {
        let id = first_id(&sim, entity);
        let before = sim.sim.record(entity, id).unwrap();
        let (status, data) = form_data(&app, path, id).await;
        assert_eq!(status, 200, "{entity:?}: {data}");
        let form = edit_form(path, id, &data, &[(field, value)]);
        let writes = sim.sim.writes().len();
        let (status, outcome, location) =
            server_fn_post(&app, "update_record", &pairs(&form)).await;
        assert_eq!(status, 200, "{entity:?}: {outcome}");
        assert_eq!(outcome["saved"], json!(id), "{entity:?}: {outcome}");
        assert_eq!(
            outcome["sent"],
            json!([field]),
            "{entity:?}: only the changed field is sent"
        );
        // what reached HaloPSA: one write, the record's id and the changed field, nothing else
        let sent = sim.sim.writes();
        assert_eq!(sent.len(), writes + 1, "{entity:?}: one write");
        assert_eq!(
            sent.last().unwrap().json(),
            json!([{"id": id, field: value}]),
            "{entity:?}: the write carries only the changed field"
        );
        assert_eq!(
            location.as_deref(),
            Some(format!("/{path}/{id}").as_str()),
            "{entity:?}: back to the record, nothing in the URL"
        );
        let after = sim.sim.record(entity, id).unwrap();
        let (b, a) = (before.as_object().unwrap(), after.as_object().unwrap());
        let differing: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(
            differing,
            vec![field],
            "{entity:?}: whole stored record differs only in {field}"
        );
        assert_eq!(a[field], json!(value));
        // the detail page shows the new value and the one-time notice, once
        let (status, html) = page(&app, &format!("/{path}/{id}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Saved."), "{entity:?}: flash notice");
        let (_, again) = page(&app, &format!("/{path}/{id}")).await;
        assert!(
            !again.contains("Saved."),
            "{entity:?}: the notice is read once"
        );
        // saving the unchanged form sends nothing
        let (_, data) = form_data(&app, path, id).await;
        let form = edit_form(path, id, &data, &[]);
        let writes = sim.sim.writes().len();
        let (status, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
        assert_eq!(status, 200, "{entity:?}: {outcome}");
        assert_eq!(outcome["sent"], json!([]), "{entity:?}: {outcome}");
        assert_eq!(
            sim.sim.writes().len(),
            writes,
            "{entity:?}: no write reached HaloPSA"
        );
        assert_eq!(sim.sim.record(entity, id).unwrap(), after);
    }
}

#[tokio::test]
async fn every_entity_can_be_created_listed_edited_and_deleted() {
    let (sim, app) = start().await;
    let client_id = first_id(&sim, Entity::Client);
    let client_ref = format!("{client_id}");
    for (entity, path, sing, extra) in [
        (Entity::Client, "clients", "client", vec![]),
        (
            Entity::Site,
            "sites",
            "site",
            vec![("fields[client_id]", client_ref.as_str())],
        ),
        (Entity::Supplier, "suppliers", "supplier", vec![]),
        (
            Entity::Organisation,
            "organisations",
            "organisation",
            vec![],
        ),
        (Entity::Service, "services", "service", vec![]),
    ] {
        let name = format!("Zz Write test {sing}");
        let mut form = vec![("entity", path), ("fields[name]", name.as_str())];
        form.extend(extra.iter().copied());
        let (status, outcome, location) = server_fn_post(&app, "create_record", &form).await;
        assert_eq!(status, 200, "{entity:?}: {outcome}");
        let id = outcome["saved"]
            .as_i64()
            .unwrap_or_else(|| panic!("{entity:?} created: {outcome}"));
        assert_eq!(location.unwrap(), format!("/{path}/{id}"));
        assert_eq!(sim.sim.record(entity, id).unwrap()["name"], json!(name));
        // appears in the list
        let q = format!("q={}", "Zz%20Write");
        let (_, list) = common::list(&app, path, &q).await;
        let listed = list["rows"]
            .as_array()
            .map(|r| r.iter().any(|row| row["id"] == json!(id)));
        let listed = listed.unwrap_or_else(|| {
            list["page"]["rows"]
                .as_array()
                .unwrap()
                .iter()
                .any(|row| row["id"] == json!(id))
        });
        assert!(listed, "{entity:?} listed: {list}");
        // edit: the change shows on the detail page
        let (_, data) = form_data(&app, path, id).await;
        let renamed = format!("{name} renamed");
        let form = edit_form(path, id, &data, &[("name", &renamed)]);
        let (_, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
        assert_eq!(outcome["saved"], json!(id), "{entity:?}: {outcome}");
        let (status, html) = page(&app, &format!("/{path}/{id}")).await;
        assert_eq!(status, 200);
        assert!(
            html.contains(&renamed),
            "{entity:?} detail shows the new name"
        );
        // delete: confirmation names it, then it is gone
        let (status, html) = page(&app, &format!("/{path}/{id}/delete")).await;
        assert_eq!(status, 200);
        assert!(
            html.contains(&renamed),
            "{entity:?} confirmation names the record"
        );
        let (status, _, location) =
            server_fn_post(&app, "delete_record", &pairs(&record(path, id))).await;
        assert_eq!(status, 200, "{entity:?}");
        assert_eq!(location.unwrap(), format!("/{path}"));
        let (_, list) = page(&app, &format!("/{path}")).await;
        assert!(
            list.contains(&format!("Deleted \u{201c}{renamed}\u{201d}.")),
            "{entity:?}: the list says what was deleted"
        );
        assert!(sim.sim.record(entity, id).is_none(), "{entity:?} deleted");
        let (status, _) = page(&app, &format!("/{path}/{id}")).await;
        assert_eq!(status, 404, "{entity:?} detail is gone");
        // each change is in the audit log: who, what, which fields, how it ended
        let halo_name = entity_name(entity);
        let created = common::audit_line(&app, "create", halo_name, id);
        assert_eq!(created["result"], "ok");
        assert!(
            created["fields"]
                .as_array()
                .unwrap()
                .contains(&json!("name")),
            "{created}"
        );
        let updated = common::audit_line(&app, "update", halo_name, id);
        assert_eq!(updated["fields"], json!(["name"]), "{updated}");
        assert_eq!(
            common::audit_line(&app, "delete", halo_name, id)["result"],
            "ok"
        );
    }
    let lines = common::audit_lines(&app);
    assert!(
        lines
            .iter()
            .any(|l| l["action"] == "sign_in" && l["who"] == common::TEST_USER),
        "the sign-in is audited"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.to_string().contains("Zz Write test")),
        "values written are not in the audit log"
    );
}

/// HaloPSA's name of an entity, as audit lines give it.
fn entity_name(entity: Entity) -> &'static str {
    match entity {
        Entity::Client => "Client",
        Entity::Site => "Site",
        Entity::Supplier => "Supplier",
        Entity::Organisation => "Organisation",
        Entity::Service => "Service",
        other => panic!("no form for {other:?}"),
    }
}

#[tokio::test]
async fn mutating_functions_refuse_get_and_missing_records_are_404() {
    let (_sim, app) = start().await;
    for f in [
        "create_record",
        "update_record",
        "delete_record",
        "unsubscribe_service",
        "add_crm_note",
        "mark_popup_read",
    ] {
        let res = common::get(&app, &format!("/api/{f}?id=1")).await;
        assert_eq!(res.status().as_u16(), 405, "{f} must not run on GET");
    }
    let (status, _, _) =
        server_fn_post(&app, "delete_record", &pairs(&record("clients", 99999999))).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn reads_after_a_write_are_fresh_with_the_cache_on() {
    let (sim, app) = start_with(
        halo_sim::SimConfig::default(),
        &[("HALOSCOPE_CACHE_TTL", "300")],
    )
    .await;
    let id = first_id(&sim, Entity::Client);
    let (_, before) = common::record(&app, "clients", &id.to_string()).await;
    let (_, list_before) = common::list(&app, "clients", "q=Fresh%20Name").await;
    assert_eq!(list_before["record_count"], json!(0));
    let (_, data) = form_data(&app, "clients", id).await;
    let form = edit_form("clients", id, &data, &[("name", "Fresh Name Ltd")]);
    let (_, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(outcome["saved"], json!(id));
    let (_, after) = common::record(&app, "clients", &id.to_string()).await;
    assert_ne!(before["name"], after["name"]);
    assert_eq!(after["name"], json!("Fresh Name Ltd"));
    let (_, list_after) = common::list(&app, "clients", "q=Fresh%20Name").await;
    assert_eq!(list_after["record_count"], json!(1));
}

#[tokio::test]
async fn a_field_halo_refuses_is_shown_beside_that_field() {
    let (sim, app) = start().await;
    let id = first_id(&sim, Entity::Client);
    let refuse_website = || {
        sim.sim.faults().set(halo_sim::FaultConfig {
            reject_next_write: Some(json!({"[0].website": ["The website is not valid."]})),
            ..Default::default()
        })
    };
    // with JavaScript: the outcome names the field
    refuse_website();
    let (_, data) = form_data(&app, "clients", id).await;
    let form = edit_form(
        "clients",
        id,
        &data,
        &[("website", "https://refused.example")],
    );
    let (status, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(
        outcome["errors"]["website"], "The website is not valid.",
        "{outcome}"
    );
    // without: the form page shows it beside the website field, the entered value kept
    refuse_website();
    let (status, location) = post_plain_form(
        &app,
        "update_record",
        &format!("/clients/{id}/edit"),
        &pairs(&form),
    )
    .await;
    assert_eq!(status, 302);
    let (_, html) = page(&app, &location.unwrap()).await;
    let error_at = html
        .find("id=\"f-website-error\"")
        .expect("an error beside the website field");
    let beside = &html[error_at..(error_at + 200).min(html.len())];
    assert!(beside.contains("The website is not valid."), "{beside}");
    assert!(html.contains("value=\"https://refused.example\""));
    assert_ne!(
        sim.sim.record(Entity::Client, id).unwrap()["website"],
        json!("https://refused.example")
    );
}

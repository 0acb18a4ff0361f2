//! The Write server functions over real HTTP: the real binary against the simulator on loopback. Forms
//! are posted as `ActionForm` posts them (form-encoded), with JavaScript (JSON reply) and without
//! (`Accept: text/html`, followed by the redirect the browser would follow).

mod common;

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
        let (status, outcome, location) =
            server_fn_post(&app, "update_record", &pairs(&form)).await;
        assert_eq!(status, 200, "{entity:?}: {outcome}");
        assert_eq!(outcome["saved"], json!(id), "{entity:?}: {outcome}");
        assert_eq!(
            outcome["sent"],
            json!([field]),
            "{entity:?}: only the changed field is sent"
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
        let (_, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
        assert_eq!(outcome["sent"], json!([]), "{entity:?}: {outcome}");
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
async fn forms_work_without_javascript() {
    let (sim, app) = start().await;
    // the pages render on the server
    let (status, html) = page(&app, "/clients/new").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("name=\"fields[name]\"")
            && html.contains("action=\"/api/create_record\"")
            && html.contains("name=\"entity\" value=\"clients\""),
        "{html}"
    );
    // a plain create redirects to the new record
    let (status, location) = post_plain_form(
        &app,
        "create_record",
        "/clients/new",
        &[
            ("entity", "clients"),
            ("fields[name]", "Plain Form Ltd"),
            ("fields[website]", "www.plain.example"),
        ],
    )
    .await;
    assert_eq!(status, 302);
    let location = location.unwrap();
    assert!(location.starts_with("/clients/"), "{location}");
    let id: i64 = location["/clients/".len()..].parse().unwrap();
    let (_, html) = page(&app, &location).await;
    assert!(html.contains("Plain Form Ltd") && html.contains("Saved."));
    // validation errors come back beside their fields, with the input kept
    let before = sim.sim.count(Entity::Client);
    let (status, location) = post_plain_form(
        &app,
        "create_record",
        "/clients/new",
        &[
            ("entity", "clients"),
            ("fields[name]", ""),
            ("fields[website]", "not a url"),
            ("fields[colour]", "#12345g"),
        ],
    )
    .await;
    assert_eq!(status, 302);
    let location = location.unwrap();
    assert_eq!(
        location, "/clients/new",
        "nothing entered travels in the URL"
    );
    assert_eq!(sim.sim.count(Entity::Client), before, "nothing was created");
    let (status, html) = page(&app, &location).await;
    assert_eq!(status, 200);
    assert!(html.contains("Name is required."), "{html}");
    assert!(html.contains("Enter a web address"));
    assert!(html.contains("value=\"not a url\""), "entered value kept");
    assert!(html.contains("value=\"#12345g\""));
    // read once: opening the form again starts blank
    let (_, again) = page(&app, "/clients/new").await;
    assert!(!again.contains("not a url") && !again.contains("Name is required."));
    // delete without JavaScript lands on the list with a flash
    let (_, list) = page(&app, "/clients?q=Plain%20Form").await;
    assert!(list.contains(&format!("href=\"/clients/{id}\"")), "listed");
    let (status, location) = post_plain_form(
        &app,
        "delete_record",
        &format!("/clients/{id}/delete"),
        &[("entity", "clients"), ("id", &id.to_string())],
    )
    .await;
    assert_eq!(status, 302);
    let location = location.unwrap();
    assert_eq!(location, "/clients");
    let (_, html) = page(&app, &location).await;
    assert!(
        html.contains("Deleted \u{201c}Plain Form Ltd\u{201d}."),
        "flash on the list"
    );
}

#[tokio::test]
async fn validation_errors_are_returned_with_the_input() {
    let (sim, app) = start().await;
    let before = sim.sim.count(Entity::Supplier);
    let (status, outcome, location) = server_fn_post(
        &app,
        "create_record",
        &[
            ("entity", "suppliers"),
            ("fields[name]", "Bad Supplier"),
            ("fields[email_address]", "nobody@"),
            ("fields[phone_number]", "ring me"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(outcome["saved"], Value::Null);
    assert!(outcome["errors"]["email_address"]
        .as_str()
        .unwrap()
        .contains("e-mail"));
    assert!(outcome["errors"]["phone_number"]
        .as_str()
        .unwrap()
        .contains("phone"));
    assert_eq!(outcome["values"]["email_address"], "nobody@");
    assert_eq!(location.as_deref(), Some("/suppliers/new"));
    assert_eq!(sim.sim.count(Entity::Supplier), before);
}

#[tokio::test]
async fn halo_refusals_are_shown_in_plain_words_next_to_the_form() {
    let (sim, app) = start().await;
    let id = first_id(&sim, Entity::Client);
    let before = sim.sim.record(Entity::Client, id).unwrap();
    let (_, data) = form_data(&app, "clients", id).await;
    // a top level that does not exist: Haloscope cannot know, HaloPSA answers 400
    let form = edit_form("clients", id, &data, &[("toplevel_id", "987654")]);
    let (status, outcome, location) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["saved"], Value::Null);
    let message = outcome["message"].as_str().unwrap();
    assert!(
        message.contains("HaloPSA rejected the change") && message.contains("does not exist"),
        "{message}"
    );
    assert_eq!(
        sim.sim.record(Entity::Client, id).unwrap(),
        before,
        "nothing changed"
    );
    // the form page shows it with the entered value kept
    let location = location.unwrap();
    assert_eq!(location, format!("/clients/{id}/edit"));
    let (status, html) = page(&app, &location).await;
    assert_eq!(status, 200);
    assert!(html.contains("does not exist"), "message shown");
    assert!(html.contains("987654"), "entered value kept");
}

#[tokio::test]
async fn a_concurrent_change_is_shown_for_review_instead_of_overwritten() {
    let (sim, app) = start().await;
    let id = first_id(&sim, Entity::Client);
    let (_, mine) = form_data(&app, "clients", id).await;
    // someone else renames the client
    let (_, theirs) = form_data(&app, "clients", id).await;
    let form = edit_form("clients", id, &theirs, &[("name", "Renamed Elsewhere")]);
    let (_, o, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(o["saved"], json!(id));
    // my stale form: the change is not written; what changed is listed
    let form = edit_form("clients", id, &mine, &[("website", "https://mine.example")]);
    let (status, outcome, location) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(status, 200);
    assert_eq!(outcome["conflict"], json!(true), "{outcome}");
    assert_eq!(outcome["saved"], Value::Null);
    let changed = outcome["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["key"], "name");
    assert_eq!(changed[0]["now"], "Renamed Elsewhere");
    assert_ne!(
        sim.sim.record(Entity::Client, id).unwrap()["website"],
        json!("https://mine.example")
    );
    let (_, html) = page(&app, &location.unwrap()).await;
    assert!(
        html.contains("Save anyway") && html.contains("Renamed Elsewhere"),
        "review shown"
    );
    // "Save anyway" writes my field and keeps their rename
    let mut form = form;
    form.push(("force".into(), "1".into()));
    let (_, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(outcome["saved"], json!(id), "{outcome}");
    assert_eq!(outcome["sent"], json!(["website"]));
    let rec = sim.sim.record(Entity::Client, id).unwrap();
    assert_eq!(rec["website"], json!("https://mine.example"));
    assert_eq!(rec["name"], json!("Renamed Elsewhere"));
}

#[tokio::test]
async fn a_site_is_created_for_a_client_picked_by_name() {
    let (sim, app) = start().await;
    let cid = first_id(&sim, Entity::Client);
    let cname = sim.sim.record(Entity::Client, cid).unwrap()["name"]
        .as_str()
        .unwrap()
        .to_string();
    // the picker's search
    let (status, found) = server_fn(&app, "search_clients", "q", &cname).await;
    assert_eq!(status, 200);
    let label = format!("{cname} (#{cid})");
    assert!(found.as_array().unwrap().contains(&json!(label)), "{found}");
    // an exact name resolves; an unknown one is a field error
    let (_, outcome, _) = server_fn_post(
        &app,
        "create_record",
        &[
            ("entity", "sites"),
            ("fields[name]", "Picked Site"),
            ("fields[client_id]", &cname),
            ("fields[timezone]", "Europe/London"),
        ],
    )
    .await;
    let sid = outcome["saved"]
        .as_i64()
        .unwrap_or_else(|| panic!("{outcome}"));
    let rec = sim.sim.record(Entity::Site, sid).unwrap();
    assert_eq!(rec["client_id"].as_f64(), Some(cid as f64));
    assert_eq!(rec["timezone"], json!("Europe/London"));
    let (_, outcome, _) = server_fn_post(
        &app,
        "create_record",
        &[
            ("entity", "sites"),
            ("fields[name]", "Lost Site"),
            ("fields[client_id]", "No Such Client Anywhere"),
        ],
    )
    .await;
    assert!(
        outcome["errors"]["client_id"]
            .as_str()
            .unwrap()
            .contains("No client"),
        "{outcome}"
    );
    // the client's delete confirmation counts its sites
    let (_, info) = delete_info(&app, "clients", cid).await;
    assert!(
        info["dependents"].as_str().unwrap().ends_with("sites"),
        "{info}"
    );
    // a new client with the helper fields gets its first site
    let (_, outcome, _) = server_fn_post(
        &app,
        "create_record",
        &[
            ("entity", "clients"),
            ("fields[name]", "Helper Fields Ltd"),
            ("fields[newclient_sitename]", "Helper HQ"),
            ("fields[newclient_timezone]", "Europe/Paris"),
            ("fields[newclient_contactemail]", "boss@helper.example"),
        ],
    )
    .await;
    let new_id = outcome["saved"]
        .as_i64()
        .unwrap_or_else(|| panic!("{outcome}"));
    let (_, info) = delete_info(&app, "clients", new_id).await;
    assert_eq!(info["dependents"], json!("1 site"), "{info}");
    let (_, html) = page(&app, &format!("/clients/{new_id}/delete")).await;
    assert!(
        html.contains("It has 1 site."),
        "the confirmation names what hangs off the client"
    );
}

#[tokio::test]
async fn crm_notes_popups_and_unsubscribe() {
    let (sim, app) = start().await;
    let cid = first_id(&sim, Entity::Client);
    let notes_before = sim.sim.count(Entity::CrmNote);
    let (status, outcome, location) = server_fn_post(
        &app,
        "add_crm_note",
        &[
            ("client_id", &cid.to_string()),
            ("fields[app_subject]", "Call"),
            ("fields[note]", "Spoke to the office manager."),
        ],
    )
    .await;
    assert_eq!(status, 200, "{outcome}");
    let nid = outcome["saved"].as_i64().unwrap();
    assert_eq!(location.unwrap(), format!("/clients/{cid}#crm-h"));
    assert_eq!(sim.sim.count(Entity::CrmNote), notes_before + 1);
    let rec = sim.sim.record(Entity::CrmNote, nid).unwrap();
    assert_eq!(rec["client_id"].as_f64(), Some(cid as f64));
    assert_eq!(rec["note"], json!("Spoke to the office manager."));
    let (_, html) = page(&app, &format!("/clients/{cid}")).await;
    assert!(html.contains("Spoke to the office manager.") && html.contains("CRM note added."));
    // an empty note is refused beside the field
    let (_, outcome, _) = server_fn_post(
        &app,
        "add_crm_note",
        &[("client_id", &cid.to_string()), ("fields[note]", "  ")],
    )
    .await;
    assert_eq!(outcome["errors"]["note"], "Note is required.");
    // a long refused note comes back whole on the page, not through the URL
    let long = "x".repeat(3990);
    let (_, outcome, location) = server_fn_post(
        &app,
        "add_crm_note",
        &[
            ("client_id", &cid.to_string()),
            ("fields[app_subject]", &"s".repeat(101)),
            ("fields[note]", &long),
        ],
    )
    .await;
    assert!(outcome["errors"]["app_subject"].is_string(), "{outcome}");
    let location = location.unwrap();
    assert!(!location.contains("xxx"), "{location}");
    let (_, html) = page(&app, &location).await;
    assert!(html.contains(&long), "the entered note is kept");

    // popup notes: mark an unread one read
    let unread = sim
        .sim
        .ids(Entity::PopupNote)
        .into_iter()
        .map(|id| sim.sim.record(Entity::PopupNote, id).unwrap())
        .find(|p| {
            p["read_status"].as_i64().unwrap_or(0) == 0 && p["client_id"].as_i64().unwrap_or(0) > 0
        })
        .expect("an unread client popup in the seed");
    let (pid, pcid) = (
        unread["id"].as_i64().unwrap(),
        unread["client_id"].as_i64().unwrap(),
    );
    let (status, body, _) = server_fn_post(
        &app,
        "mark_popup_read",
        &[("id", &pid.to_string()), ("client_id", &pcid.to_string())],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        sim.sim.record(Entity::PopupNote, pid).unwrap()["read_status"],
        json!(1)
    );

    // a service's delete confirmation counts its subscribers, from the record itself
    let sid = first_id(&sim, Entity::Service);
    let subscribers = sim.sim.record(Entity::Service, sid).unwrap()["subscriber_count"]
        .as_i64()
        .expect("the seed counts subscribers");
    let (status, info) = delete_info(&app, "services", sid).await;
    assert_eq!(status, 200, "{info}");
    let expected = match subscribers {
        1 => "1 subscriber".to_owned(),
        n => format!("{n} subscribers"),
    };
    assert_eq!(info["dependents"], json!(expected), "{info}");

    // unsubscribe
    let (status, body, location) =
        server_fn_post(&app, "unsubscribe_service", &[("id", &sid.to_string())]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(location.unwrap(), format!("/services/{sid}"));
    let (_, html) = page(&app, &format!("/services/{sid}")).await;
    assert!(html.contains("You are unsubscribed"));
    let note = common::audit_line(&app, "note", "CRMNote", nid);
    assert_eq!(note["result"], "ok");
    assert_eq!(
        common::audit_line(&app, "popup_read", "PopupNote", pid)["result"],
        "ok"
    );
    assert_eq!(
        common::audit_line(&app, "unsubscribe", "Service", sid)["result"],
        "ok"
    );
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

/// The first record of `entity` whose custom fields all have a value (the demo data leaves one record
/// in five without), with its stored array.
fn with_custom_values(sim: &halo_sim::RunningSim, entity: Entity) -> (i64, Vec<Value>) {
    sim.sim
        .ids(entity)
        .into_iter()
        .find_map(|id| {
            let rec = sim.sim.record(entity, id)?;
            let fields = rec["customfields"].as_array()?.clone();
            (!fields.is_empty() && fields.iter().all(|f| !f["value"].is_null()))
                .then_some((id, fields))
        })
        .expect("a record with custom values")
}

/// The strict simulator empties every custom field a post leaves out, as HaloPSA does: an edit of one
/// custom value must reach the wire as the whole array with that one value changed, and nothing else.
#[tokio::test]
async fn a_custom_field_edit_posts_the_whole_array_with_one_value_changed() {
    let strict = halo_sim::SimConfig {
        strict: true,
        ..Default::default()
    };
    let (sim, app) = start_with(strict, &[]).await;
    for (entity, path, field_id, entered, stored) in [
        (
            Entity::Client,
            "clients",
            104,
            "AC-77777",
            json!("AC-77777"),
        ),
        (Entity::Site, "sites", 201, "9999", json!("9999")),
        (
            Entity::Supplier,
            "suppliers",
            303,
            "2027-02-28",
            json!("2027-02-28T00:00:00"),
        ),
        (
            Entity::Service,
            "services",
            402,
            "2027-03-01",
            json!("2027-03-01T00:00:00"),
        ),
    ] {
        let (id, before) = with_custom_values(&sim, entity);
        let (status, data) = form_data(&app, path, id).await;
        assert_eq!(status, 200, "{entity:?}: {data}");
        let inputs = data["custom"].as_array().expect("custom inputs");
        assert_eq!(
            inputs.len(),
            before.len(),
            "{entity:?}: one input per field"
        );
        let key = format!("custom-{field_id}");
        let form = edit_form(path, id, &data, &[(key.as_str(), entered)]);
        let writes = sim.sim.writes().len();
        let (status, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
        assert_eq!(status, 200, "{entity:?}: {outcome}");
        assert_eq!(outcome["saved"], json!(id), "{entity:?}: {outcome}");
        assert_eq!(outcome["sent"], json!(["customfields"]), "{entity:?}");
        let sent = sim.sim.writes();
        assert_eq!(sent.len(), writes + 1, "{entity:?}: one write");
        let at = before
            .iter()
            .position(|f| f["id"] == json!(field_id))
            .unwrap();
        let mut expected = before.clone();
        expected[at]["value"] = stored.clone();
        assert_eq!(
            sent.last().unwrap().json(),
            json!([{"id": id, "customfields": expected}]),
            "{entity:?}: exactly the whole array, one value changed"
        );
        let after = sim.sim.record(entity, id).unwrap()["customfields"].clone();
        for (i, f) in before.iter().enumerate() {
            let want = if i == at { &stored } else { &f["value"] };
            assert_eq!(
                &after[i]["value"], want,
                "{entity:?}: field {i} after the edit"
            );
        }
        let (status, html) = page(&app, &format!("/{path}/{id}")).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("Custom fields") && html.contains(entered),
            "{entity:?}: shown"
        );
    }
}

/// A colleague's change to a custom field after the form was opened is named in the review, and "Save
/// anyway" writes only my custom value, keeping theirs.
#[tokio::test]
async fn a_concurrent_custom_field_change_is_reviewed_and_kept() {
    let (sim, app) = start().await;
    let (id, _) = with_custom_values(&sim, Entity::Client);
    let (_, mine) = form_data(&app, "clients", id).await;
    let (_, theirs) = form_data(&app, "clients", id).await;
    let form = edit_form("clients", id, &theirs, &[("custom-103", "4242")]);
    let (_, o, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(o["saved"], json!(id), "{o}");
    let form = edit_form("clients", id, &mine, &[("custom-104", "AC-MINE")]);
    let (_, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(outcome["conflict"], json!(true), "{outcome}");
    let changed = outcome["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        (&changed[0]["label"], &changed[0]["now"]),
        (&json!("Licensed seats"), &json!("4242"))
    );
    let mut form = form;
    form.push(("force".into(), "1".into()));
    let (_, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(outcome["saved"], json!(id), "{outcome}");
    let fields = sim.sim.record(Entity::Client, id).unwrap()["customfields"].clone();
    let value = |fid: i64| {
        fields
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == json!(fid))
            .map(|f| f["value"].clone())
    };
    assert_eq!(value(103), Some(json!(4242)), "their change stays");
    assert_eq!(value(104), Some(json!("AC-MINE")));
}

/// A bad custom value comes back beside its field, and nothing is written.
#[tokio::test]
async fn a_bad_custom_value_is_refused_beside_its_field() {
    let (sim, app) = start().await;
    let (id, before) = with_custom_values(&sim, Entity::Client);
    let (_, data) = form_data(&app, "clients", id).await;
    let form = edit_form("clients", id, &data, &[("custom-103", "a dozen")]);
    let writes = sim.sim.writes().len();
    let (status, outcome, _) = server_fn_post(&app, "update_record", &pairs(&form)).await;
    assert_eq!(status, 200);
    assert_eq!(outcome["saved"], Value::Null);
    let message = outcome["errors"]["custom-103"].as_str().unwrap_or_default();
    assert!(message.contains("must be a number"), "{outcome}");
    assert_eq!(sim.sim.writes().len(), writes, "nothing sent");
    let after = sim.sim.record(Entity::Client, id).unwrap()["customfields"].clone();
    assert_eq!(after, Value::Array(before));
}

/// HaloPSA ignores the fields it does not know (the strict simulator drops them): every field a form
/// sends must be one the entity's schema, or the product spec, names.
#[test]
fn every_form_field_is_one_halopsa_knows() {
    let mut checked = 0;
    for e in app::entities::ALL {
        let entity = match e.path {
            "clients" => Entity::Client,
            "sites" => Entity::Site,
            "suppliers" => Entity::Supplier,
            "organisations" => Entity::Organisation,
            "services" => Entity::Service,
            other => panic!("an entity the test does not know: {other}"),
        };
        for f in e.form.fields {
            assert!(
                halo_sim::knows_field(entity, f.key),
                "{}: HaloPSA does not know {:?}",
                e.path,
                f.key
            );
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked}");
}

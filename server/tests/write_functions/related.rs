//! Writes that involve another record: a site created for a client picked by name, and CRM notes, popup
//! notes and a service's unsubscribe.

use crate::*;

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
    let writes = sim.sim.writes().len();
    let (status, body, location) =
        server_fn_post(&app, "unsubscribe_service", &[("id", &sid.to_string())]).await;
    assert_eq!(status, 200, "{body}");
    let sent = sim.sim.writes();
    assert_eq!(sent.len(), writes + 1, "one write: {sent:?}");
    let last = sent.last().unwrap();
    assert_eq!(
        (last.method.as_str(), last.path.to_ascii_lowercase()),
        ("POST", "/api/service/unsubscribe".to_owned())
    );
    assert_eq!(
        last.json(),
        json!([{"serviceid": sid}]),
        "what reached HaloPSA"
    );
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

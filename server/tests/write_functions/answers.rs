//! How a write's outcome comes back: without JavaScript (a redirect and the message in the session),
//! a validation error with the input kept, HaloPSA's refusal in plain words, and a concurrent change shown
//! for review instead of overwritten.

use crate::*;

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

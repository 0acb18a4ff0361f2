//! Create, update, delete (§4) and the notes endpoints (§6).

mod common;

use common::*;
use halo_sim::Entity;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn post_array_without_id_creates_and_answers_201_with_the_saved_object() {
    let (sim, t) = start_with_token(small()).await;
    let before = sim.sim.count(Entity::Client);
    let (status, saved) = post(
        &sim,
        &t,
        "/Client",
        &json!([{"name": "Brand New Dental Ltd", "toplevel_id": 1, "newclient_sitename": "Surgery",
                 "newclient_timezone": "Europe/London", "_dont_fire_automations": true}]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = saved["id"].as_i64().expect("new id");
    assert_eq!(saved["name"], "Brand New Dental Ltd");
    assert_eq!(saved["toplevel_name"], "Managed");
    assert_eq!(sim.sim.count(Entity::Client), before + 1);
    assert_eq!(Some(saved.clone()), sim.sim.record(Entity::Client, id));
    assert!(
        saved.get("_dont_fire_automations").is_none(),
        "write-only flags are not stored"
    );
    // the main site asked for at creation exists
    let site_id = saved["main_site_id"].as_i64().expect("main site");
    let site = get_ok(&sim, &t, &format!("/Site/{site_id}")).await;
    assert_eq!(site["name"], "Surgery");
    assert_eq!(site["client_id"].as_f64(), Some(id as f64));
    assert_eq!(site["timezone"], "Europe/London");
    let fetched = get_ok(&sim, &t, &format!("/Client/{id}")).await;
    assert_eq!(fetched["main_site_name"], "Surgery");
}

#[tokio::test]
async fn post_with_id_updates_only_the_sent_fields() {
    let (sim, t) = start_with_token(small()).await;
    let before = sim.sim.record(Entity::Client, 5).unwrap();
    let (status, saved) = post(
        &sim,
        &t,
        "/Client",
        &json!([{"id": 5, "notes": "changed", "is_vip": "true"}]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let after = sim.sim.record(Entity::Client, 5).unwrap();
    assert_eq!(saved, after);
    let mut expected = before.clone();
    expected["notes"] = json!("changed");
    expected["is_vip"] = json!(true); // normalised to the spec's boolean
    assert_eq!(after, expected);
}

#[tokio::test]
async fn renaming_a_client_renames_it_on_its_sites() {
    let (sim, t) = start_with_token(small()).await;
    post(
        &sim,
        &t,
        "/Client",
        &json!([{"id": 3, "name": "Renamed & Co"}]),
    )
    .await;
    let sites = get_ok(&sim, &t, "/Site?client_id=3&includeinactive=true").await;
    for s in rows(&sites, "sites") {
        assert_eq!(s["client_name"], "Renamed & Co");
        assert!(s["clientsite_name"]
            .as_str()
            .unwrap()
            .starts_with("Renamed & Co/"));
    }
}

#[tokio::test]
async fn invalid_posts_are_400_model_state_and_write_nothing() {
    let (sim, t) = start_with_token(small()).await;
    let before = sim.sim.count(Entity::Client);
    let record_before = sim.sim.record(Entity::Client, 2).unwrap();
    let cases: Vec<(&str, &str)> = vec![
        (r#"{"name": "not an array"}"#, ""),
        ("[]", ""),
        ("not json", ""),
        (
            r#"[{"id": 2, "notes": "ok"}, {"name": "x", "toplevel_id": "abc"}]"#,
            "[1].toplevel_id",
        ),
        (r#"[{"notes": "no name"}]"#, "[0].name"),
        (r#"[{"name": ""}]"#, "[0].name"),
        (r#"[{"id": 999999, "name": "ghost"}]"#, "[0].id"),
        (r#"[{"name": "x", "inactive": "maybe"}]"#, "[0].inactive"),
        (r#"[{"name": "x", "toplevel_id": 77}]"#, "[0].toplevel_id"),
        (r#"[5]"#, "[0]"),
    ];
    for (body, key) in cases {
        let (status, reply) = post_raw(&sim, &t, "/Client", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let messages = reply
            .get(key)
            .unwrap_or_else(|| panic!("{body}: key {key:?} in {reply}"));
        assert!(messages[0].is_string(), "{reply}");
    }
    assert_eq!(sim.sim.count(Entity::Client), before);
    assert_eq!(
        sim.sim.record(Entity::Client, 2).unwrap(),
        record_before,
        "all or nothing"
    );
    // a site needs an existing client
    let (status, reply) = post(&sim, &t, "/Site", &json!([{"name": "Orphan"}])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(reply.get("[0].client_id").is_some());
    let (status, reply) = post(
        &sim,
        &t,
        "/Site",
        &json!([{"name": "Orphan", "client_id": 999999}]),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{reply}");
}

#[tokio::test]
async fn site_create_stores_client_id_as_a_double() {
    let (sim, t) = start_with_token(small()).await;
    let (status, saved) = post(
        &sim,
        &t,
        "/Site",
        &json!([{"name": "Annex", "client_id": 4, "timezone": "America/Chicago"}]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(saved["client_id"].is_f64());
    assert_eq!(saved["client_id"].as_f64(), Some(4.0));
    let client_name = sim.sim.record(Entity::Client, 4).unwrap()["name"].clone();
    assert_eq!(saved["client_name"], client_name);
}

#[tokio::test]
async fn delete_answers_200_then_the_record_is_gone() {
    let (sim, t) = start_with_token(small()).await;
    let sites_of_7: Vec<i64> = ids(rows(
        &get_ok(&sim, &t, "/Site?client_id=7&includeinactive=true").await,
        "sites",
    ));
    let (status, body) = delete(&sim, &t, "/Client/7").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["id"], 7);
    let (status, _) = get(&sim, &t, "/Client/7").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = delete(&sim, &t, "/Client/7").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for s in sites_of_7 {
        assert!(
            sim.sim.record(Entity::Site, s).is_none(),
            "sites go with their client"
        );
    }
    let (status, _) = delete(&sim, &t, "/Supplier/3").await;
    assert_eq!(status, StatusCode::OK);
    assert!(sim.sim.record(Entity::Supplier, 3).is_none());
}

#[tokio::test]
async fn typed_posts_answer_201_untyped_ones_200() {
    let (sim, t) = start_with_token(small()).await;
    let (s, _) = post(
        &sim,
        &t,
        "/Supplier",
        &json!([{"name": "New Supplier Ltd"}]),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, saved) = post(
        &sim,
        &t,
        "/Service",
        &json!([{"name": "Quantum Backup", "service_category_id": 2}]),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(saved["service_category_name"], "Infrastructure");
    let (s, org) = post(&sim, &t, "/Organisation", &json!([{"name": "Fourth Org"}])).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        get_ok(&sim, &t, "/Organisation")
            .await
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        get_ok(&sim, &t, &format!("/Organisation/{}", org["id"])).await["name"],
        "Fourth Org"
    );
}

#[tokio::test]
async fn crm_notes_create_list_get_delete() {
    let (sim, t) = start_with_token(small()).await;
    // an earlier note first, so the order below compares at least two
    let (status, _) = post(
        &sim,
        &t,
        "/CRMNote",
        &json!([{"client_id": 9, "note": "Earlier"}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, note) = post(
        &sim,
        &t,
        "/CRMNote",
        &json!([{"client_id": 9, "note": "Called", "detail": "<b>hi</b>"}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let id = note["id"].as_i64().unwrap();
    assert!(note["datetime"].is_string());
    assert_eq!(note["who_agentid"], 1, "the acting technician");
    let list = get_ok(&sim, &t, "/CRMNote?client_id=9").await;
    assert!(ids(list.as_array().unwrap()).contains(&id));
    let newest_first = strings(&list, "datetime");
    assert!(newest_first.len() >= 2, "{list}");
    assert!(newest_first.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(
        get_ok(&sim, &t, &format!("/CRMNote/{id}")).await["detail"],
        "<b>hi</b>"
    );
    let (status, _) = delete(&sim, &t, &format!("/CRMNote/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = get(&sim, &t, &format!("/CRMNote/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn popup_notes_are_written_through_clients_and_marked_read() {
    let (sim, t) = start_with_token(small()).await;
    let (status, _) = post(
        &sim,
        &t,
        "/Client",
        &json!([{"id": 11, "popup_notes": [{"note": "Ring first", "dismissable": true}]}]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let shown = get_ok(&sim, &t, "/PopupNote?client_id=11").await;
    let mine: Vec<&Value> = shown
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["note"] == "Ring first")
        .collect();
    assert_eq!(mine.len(), 1);
    let popup_id = mine[0]["id"].as_i64().unwrap();
    assert!(sim
        .sim
        .record(Entity::Client, 11)
        .unwrap()
        .get("popup_notes")
        .is_none());
    let detail = get_ok(&sim, &t, "/Client/11?includedetails=true").await;
    assert!(ids(detail["popup_notes"].as_array().unwrap()).contains(&popup_id));

    let (status, read) = post(&sim, &t, "/PopupNote/read", &json!([{"id": popup_id}])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read[0]["read_status"], 1);
    let after = get_ok(&sim, &t, "/PopupNote?client_id=11").await;
    assert!(
        !ids(after.as_array().unwrap()).contains(&popup_id),
        "read dismissable notes stop showing"
    );
    let all = get_ok(&sim, &t, "/PopupNote?client_id=11&showall=true").await;
    assert!(ids(all.as_array().unwrap()).contains(&popup_id));

    // site-level popups
    post(
        &sim,
        &t,
        "/Site",
        &json!([{"id": 2, "popup_notes": [{"note": "Site popup"}]}]),
    )
    .await;
    let site_popups = get_ok(&sim, &t, "/PopupNote?site_id=2").await;
    assert!(site_popups
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["note"] == "Site popup"));
}

#[tokio::test]
async fn service_unsubscribe_removes_the_callers_subscription() {
    let (sim, t) = start_with_token(small()).await;
    // service 1 is followed by the API account (agent 1)
    let before = get_ok(&sim, &t, "/Service/1").await;
    assert_eq!(before["user_subscribed"], true);
    let count = before["subscriber_count"].as_u64().unwrap();
    let (status, _) = post(&sim, &t, "/Service/unsubscribe", &json!([{"serviceid": 1}])).await;
    assert_eq!(status, StatusCode::OK);
    let after = get_ok(&sim, &t, "/Service/1").await;
    assert_eq!(after["user_subscribed"], false);
    assert_eq!(after["subscriber_count"].as_u64().unwrap(), count - 1);
    assert!(!after["subscribers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["type"] == "agent" && s["data_id"] == 1));
    let (status, _) = post(
        &sim,
        &t,
        "/Service/unsubscribe",
        &json!([{"serviceid": 99999}]),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn multi_element_post_saves_all_and_answers_with_the_first() {
    let (sim, t) = start_with_token(small()).await;
    let before = sim.sim.count(Entity::Supplier);
    let both = r#"[{"name": "First Supplier"}, {"id": 2, "phone_number": "+44 20 7946 0000"}]"#;
    let r = post_typed(&sim, &t, "/Supplier", "text/json", both).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let first: Value = r.json().await.unwrap();
    assert_eq!(
        first["name"], "First Supplier",
        "the reply is the first saved object"
    );
    assert_eq!(sim.sim.count(Entity::Supplier), before + 1);
    assert_eq!(
        sim.sim.record(Entity::Supplier, 2).unwrap()["phone_number"],
        "+44 20 7946 0000"
    );
}

//! One odd value never fails a page (issue #16, item 1): a client holding values HaloPSA really sends
//! now and then (an object where text belongs, a fractional number, a date in another form, a boolean
//! of `2`) lists, opens, exports and edits through the real binary against the simulator; the odd
//! fields say "unreadable", and an edit of another field sends only that field.

use crate::common::{list, record, server_fn_post, start};
use halo_sim::Entity;
use serde_json::{json, Value};

/// A client of the seed with every odd value planted; its id and name.
fn odd_client(sim: &halo_sim::RunningSim) -> (i64, String) {
    let id = *sim.sim.ids(Entity::Client).first().expect("seeded clients");
    let name = sim.sim.record(Entity::Client, id).unwrap()["name"]
        .as_str()
        .expect("a named client")
        .to_string();
    for (field, value) in [
        ("toplevel_name", json!({"x": 1})),
        ("toplevel_id", json!(1.5)),
        ("open_ticket_count", json!(2.5)),
        ("calldate", json!("01/05/2024")),
        ("inactive", json!(2)),
        ("colour", json!(["#fff"])),
    ] {
        assert!(sim.sim.plant(Entity::Client, id, field, value), "{field}");
    }
    (id, name)
}

#[tokio::test]
async fn a_record_with_odd_values_lists_opens_and_exports_with_those_cells_unreadable() {
    let (sim, app) = start().await;
    let (id, name) = odd_client(&sim);
    let query = format!("q={}&status=all", urlencode(&name));
    let (status, page) = list(&app, "clients", &query).await;
    assert_eq!(status, 200, "{page}");
    let rows = page["rows"].as_array().expect("rows");
    let row = rows
        .iter()
        .find(|r| r["id"] == json!(id))
        .unwrap_or_else(|| panic!("client {id} listed: {page}"));
    // Name, Top level, Status, Website, Open tickets
    assert_eq!(row["cells"][1], json!("Unreadable"), "{row}");
    assert_eq!(row["cells"][2], json!("Unreadable"), "{row}");
    assert_eq!(row["cells"][4], json!("Unreadable"), "{row}");
    assert_eq!(page["unreadable"], json!(1), "{page}");
    let notices: Vec<&str> = page["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("1 record here has a field")),
        "{notices:?}"
    );

    let (status, detail) = record(&app, "clients", &id.to_string()).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["name"], json!(name), "{detail}");

    // the page as HTML says "unreadable" in the cell
    let (status, html) = crate::common::page(&app, &format!("/clients?{query}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-testid="unreadable""#), "{html}");

    // the export writes the row with those cells empty and goes on to the end
    let res = crate::common::get(&app, "/export/clients.csv?status=all").await;
    assert_eq!(res.status().as_u16(), 200);
    let body = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), sim.sim.count(Entity::Client), "every client");
    let at = |h: &str| headers.iter().position(|x| x == h).expect(h);
    let ours = records
        .iter()
        .find(|r| r[at("id")] == id.to_string())
        .expect("the odd client is exported");
    assert_eq!(&ours[at("top level")], "");
    assert_eq!(&ours[at("open tickets")], "");
}

#[tokio::test]
async fn an_edit_of_a_record_with_odd_values_sends_only_the_changed_field() {
    let (sim, app) = start().await;
    let (id, _) = odd_client(&sim);
    let (status, data) = crate::common::get_fn(
        &app,
        "record_form",
        &[("entity", "clients"), ("id", &id.to_string())],
    )
    .await;
    assert_eq!(status, 200, "{data}");
    let mut form = vec![
        ("entity".to_string(), "clients".to_string()),
        ("id".to_string(), id.to_string()),
        (
            "fingerprint".to_string(),
            data["fingerprint"]
                .as_str()
                .expect("fingerprint")
                .to_string(),
        ),
    ];
    let values = data["values"].as_object().expect("values");
    assert!(!values.is_empty());
    for (k, v) in values {
        let v = v.as_str().unwrap().to_string();
        form.push((format!("orig[{k}]"), v.clone()));
        let entered = if k == "website" {
            "https://changed.example".to_string()
        } else {
            v
        };
        if entered != "false" {
            form.push((format!("fields[{k}]"), entered));
        }
    }
    let before = sim.sim.writes().len();
    let pairs: Vec<(&str, &str)> = form.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let (status, outcome, _) = server_fn_post(&app, "update_record", &pairs).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["saved"], json!(id), "{outcome}");
    let writes = sim.sim.writes();
    assert_eq!(writes.len(), before + 1, "one write: {writes:?}");
    let sent = &writes[before];
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", "/api/Client")
    );
    assert_eq!(
        sent.json(),
        json!([{"id": id, "website": "https://changed.example"}]),
        "the raw odd values are not sent back"
    );
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

//! Custom fields on the wire: an edit posts the whole array with one value changed, a colleague's change
//! is reviewed and kept, a bad value is refused beside its field, and every form field is one HaloPSA
//! knows.

use crate::*;

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

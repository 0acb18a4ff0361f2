//! End to end against the HaloPSA simulator (`halo-sim`) on loopback: sign in with the demo
//! app, list, walk pages across the 100-row cap, read every entity, round-trip an update. The
//! simulator runs strict (`SimConfig::strict`): Halo's "no date", counts as strings, empty 200s for
//! the untyped creates.

mod common;

use std::collections::HashSet;

use halo::client::{Gateway, GatewayConfig, SecretString};
use halo::query::*;

async fn sim_client() -> (halo_sim::RunningSim, halo::client::HaloClient) {
    let sim = halo_sim::spawn(halo_sim::SimConfig {
        strict: true,
        ..Default::default()
    })
    .await
    .unwrap();
    let mut cfg = GatewayConfig::new(
        sim.api_url().parse().unwrap(),
        sim.auth_url().parse().unwrap(),
        halo_sim::DEMO_CLIENT_ID,
    );
    cfg.tenant = Some(halo_sim::DEMO_TENANT.to_owned());
    cfg.client_secret = Some(SecretString::from(halo_sim::DEMO_CLIENT_SECRET));
    cfg.rate_limit = 0;
    let client = Gateway::new(cfg).unwrap().app_client();
    (sim, client)
}

#[tokio::test]
async fn lists_and_walks_pages_across_the_cap() {
    let (_sim, c) = sim_client().await;
    c.check_token().await.unwrap();
    let first = common::first_client_page(&c, 1000).await;
    assert!(
        first.items.len() <= 100,
        "the simulator caps pages like Halo"
    );
    assert!(
        first.record_count > 100,
        "enough clients to need several pages"
    );
    let all = c.clients().all(ClientQuery::new()).await.unwrap();
    assert_eq!(all.len() as u64, first.record_count);
    let ids: HashSet<i32> = all.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), all.len(), "no row twice");
}

#[tokio::test]
async fn every_entity_decodes() {
    let (_sim, c) = sim_client().await;
    let clients = common::first_client_page(&c, 5).await;
    let client_id = clients.items[0].id;
    c.clients()
        .get(client_id, &ClientDetailQuery::new().includedetails(true))
        .await
        .unwrap();
    let sites = c
        .sites()
        .list(&SiteQuery::new().client_id(client_id))
        .await
        .unwrap();
    let s = sites.items.first().expect("every demo client has sites");
    assert_eq!(s.client_id, Some(client_id));
    c.sites()
        .get(s.id, &SiteDetailQuery::new().includedetails(true))
        .await
        .unwrap();
    c.sites().stock_bins().await.unwrap();
    let suppliers = c.suppliers().list(&SupplierQuery::new()).await.unwrap();
    let s = suppliers
        .items
        .first()
        .expect("the demo data has companies");
    c.suppliers().get(s.id, &DetailQuery::new()).await.unwrap();
    c.organisations()
        .list(&OrganisationQuery::new())
        .await
        .unwrap();
    let services = c.services().list(&ServiceQuery::new()).await.unwrap();
    let s = services.items.first().expect("the demo data has services");
    c.services()
        .get(s.id, &ServiceDetailQuery::new())
        .await
        .unwrap();
    c.crm_notes().for_client(client_id).await.unwrap();
    c.popup_notes().for_client(client_id, true).await.unwrap();
    c.lookups().top_levels(&TopLevelQuery::new()).await.unwrap();
    c.lookups()
        .service_categories(&ServiceCategoryQuery::new())
        .await
        .unwrap();
    c.lookups()
        .service_statuses(&ServiceStatusQuery::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn an_update_round_trips() {
    let (_sim, c) = sim_client().await;
    let id = common::first_client_page(&c, 1).await.items[0].id;
    let before = c
        .clients()
        .get(id, &ClientDetailQuery::new())
        .await
        .unwrap();
    let notes = "Changed by the halo end-to-end test";
    let mut changes = serde_json::Map::new();
    changes.insert("notes".into(), notes.into());
    let saved = c.clients().update(id, changes).await.unwrap();
    assert_eq!(saved.id, id);
    let again = c
        .clients()
        .get(id, &ClientDetailQuery::new())
        .await
        .unwrap();
    assert_eq!(again.notes.as_deref(), Some(notes));
    assert_eq!(again.name, before.name, "fields not sent are unchanged");
}

#[tokio::test]
async fn a_strict_simulator_reads_cleanly_and_untyped_creates_succeed() {
    use halo::models::{Organisation, Readable};
    let (sim, c) = sim_client().await;
    let page = common::first_client_page(&c, 50).await;
    assert!(!page.items.is_empty());
    assert!(page.record_count > 50, "a count sent as a string is read");
    assert!(page.items.iter().all(|r| r.unreadable().is_empty()));
    assert!(
        page.items.iter().all(|r| r.calldate.is_none()),
        "Halo's 1900-01-01 is no date"
    );
    let before = sim.sim.count(halo_sim::Entity::Organisation);
    let created = c
        .organisations()
        .create(&Organisation {
            name: Some("Strict org".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(created.id, 0, "created, id unknown");
    assert_eq!(sim.sim.count(halo_sim::Entity::Organisation), before + 1);
    assert_eq!(sim.sim.writes().len(), 1, "one POST");
}

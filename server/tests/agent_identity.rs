//! Agent identity (issue #16, item 5, in part): a sign-in whose token reply names no agent is refused
//! with a clear message, never given a shared stand-in identity. The real binary in agent mode against
//! the simulator, whose token replies leave the id token out.

mod common;

use common::agent::{session_cookie, start_agent};
use halo_sim::FaultConfig;

#[tokio::test]
async fn a_sign_in_that_names_no_agent_is_refused_with_a_clear_message() {
    let sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    sim.sim.faults().set(FaultConfig {
        omit_id_token: true,
        ..Default::default()
    });
    let app = start_agent(&sim, common::temp_data_dir("no-agent"), None).await;
    let client = &app.client;
    let res = client
        .post(format!("{}/login", app.base))
        .form(&[("next", "/clients")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(session_cookie(&res).is_some());
    let authorize = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    let page = client
        .get(authorize.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let href = page
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().replace("&amp;", "&"))
        .find(|h| h.contains("agent_id=3"))
        .expect("the sign-in page lists the demo agent");
    let back = client
        .get(authorize.join(&href).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), 302);
    let callback = back.headers()["location"].to_str().unwrap().to_owned();
    let done = client.get(&callback).send().await.unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/login?error=no-agent");
    // not signed in: the list is refused
    let (status, _) = common::list(&app, "clients", "").await;
    assert_eq!(status, 401, "no session for an unnamed agent");
    let (status, login) = common::page(&app.base, "/login?error=no-agent").await;
    assert_eq!(status, 200);
    assert!(
        login.contains("did not say which agent you are"),
        "the page says why"
    );
    let lines = common::audit_lines(&app);
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l["action"] != "sign_in"), "{lines:?}");
    let failed: Vec<_> = lines
        .iter()
        .filter(|l| l["action"] == "sign_in_failed")
        .collect();
    assert_eq!(failed.len(), 1, "{lines:?}");
}

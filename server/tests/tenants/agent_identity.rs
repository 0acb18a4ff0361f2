//! Agent identity (issue #16, item 5, in part): a sign-in whose token reply names no agent is refused
//! with a clear message, never given a shared stand-in identity. The real binary in agent mode against
//! the simulator, whose token replies leave the id token out.

use crate::common::agent::{begin_agent_sign_in, session_cookie, start_agent};
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
    let app = start_agent(&sim, crate::common::temp_data_dir("no-agent"), None).await;
    let client = &app.client;
    let res = begin_agent_sign_in(&app, client).await;
    assert!(session_cookie(&res).is_some());
    let authorize = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    let back = crate::common::agent::approve_as(client, &authorize, 3).await;
    assert_eq!(back.status(), 302);
    let callback = back.headers()["location"].to_str().unwrap().to_owned();
    let done = client.get(&callback).send().await.unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/login?error=no-agent");
    // not signed in: the list is refused
    let (status, _) = crate::common::list(&app, "clients", "").await;
    assert_eq!(status, 401, "no session for an unnamed agent");
    let (status, login) = crate::common::page(&app.base, "/login?error=no-agent").await;
    assert_eq!(status, 200);
    assert!(
        login.contains("did not say which agent you are"),
        "the page says why"
    );
    let lines = crate::common::audit_lines(&app);
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l["action"] != "sign_in"), "{lines:?}");
    let failed: Vec<_> = lines
        .iter()
        .filter(|l| l["action"] == "sign_in_failed")
        .collect();
    assert_eq!(failed.len(), 1, "{lines:?}");
}

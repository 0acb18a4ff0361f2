//! Signing in with HaloPSA (the simulator's sign-in page) and haloscope in agent mode, for tests of agent
//! and demo sessions.

use super::{free_port, spawn_app, Haloscope};

/// The session cookie a response sets, if any.
pub fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.contains("haloscope_session="))
}

/// Picks demo agent `agent_id` on the simulator's sign-in page at `authorize`: the answer (a redirect
/// back to Haloscope's callback).
pub async fn approve_as(
    client: &reqwest::Client,
    authorize: &url::Url,
    agent_id: u32,
) -> reqwest::Response {
    let page = client.get(authorize.clone()).send().await.unwrap();
    let page = page.text().await.unwrap();
    let href = page
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().replace("&amp;", "&"))
        .find(|h| h.contains(&format!("agent_id={agent_id}")))
        .expect("the sign-in page lists the demo agent");
    let approve = authorize.join(&href).unwrap();
    client.get(approve).send().await.unwrap()
}

/// Starts signing `client` in with HaloPSA (the sign-in page's button, going on to `/clients`): the
/// answer, a 303 to HaloPSA's sign-in page.
pub async fn begin_agent_sign_in(app: &Haloscope, client: &reqwest::Client) -> reqwest::Response {
    let res = super::post_login(&app.base, client, &[("next", "/clients")]).await;
    assert_eq!(res.status(), 303);
    res
}

/// Signs `client` in with HaloPSA (the simulator's sign-in page) as demo agent `agent_id`; returns the
/// session cookie set before (the sign-in in progress) and after the callback.
pub async fn agent_sign_in(
    app: &Haloscope,
    sim_base: &str,
    client: &reqwest::Client,
    agent_id: u32,
) -> (String, String) {
    let res = begin_agent_sign_in(app, client).await;
    let before = session_cookie(&res).expect("a session for the sign-in in progress");
    let authorize = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    assert!(authorize.as_str().starts_with(sim_base), "{authorize}");
    let q: std::collections::HashMap<String, String> =
        authorize.query_pairs().into_owned().collect();
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["redirect_uri"], format!("{}/auth/callback", app.base));
    assert!(q["scope"].contains("offline_access"));
    let back = approve_as(client, &authorize, agent_id).await;
    assert_eq!(back.status(), 302);
    let callback = back.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        callback.starts_with(&format!("{}/auth/callback?", app.base)),
        "{callback}"
    );
    let done = client.get(&callback).send().await.unwrap();
    assert_eq!(done.status(), 303, "{:?}", done.text().await);
    assert_eq!(done.headers()["location"], "/clients");
    let after = session_cookie(&done).expect("a new session id at sign-in");
    // the callback cannot be replayed
    let replay = client.get(&callback).send().await.unwrap();
    assert_eq!(replay.status().as_u16(), 303, "a replayed callback");
    assert_eq!(replay.headers()["location"], "/login?error=expired");
    (before, after)
}

/// haloscope in agent mode against a standalone simulator.
pub async fn start_agent(
    sim: &halo_sim::RunningSim,
    data_dir: std::path::PathBuf,
    log: Option<&std::path::Path>,
) -> Haloscope {
    let port = free_port().to_string();
    start_agent_on(sim, data_dir, &port, log).await
}

/// haloscope in agent mode against a standalone simulator, on `port` (its public URL follows it).
pub async fn start_agent_on(
    sim: &halo_sim::RunningSim,
    data_dir: std::path::PathBuf,
    port: &str,
    log: Option<&std::path::Path>,
) -> Haloscope {
    let listen = format!("127.0.0.1:{port}");
    let public = format!("http://127.0.0.1:{port}");
    spawn_app(
        data_dir,
        &[
            ("HALOSCOPE_LISTEN", &listen),
            ("HALOSCOPE_PUBLIC_URL", &public),
            ("HALO_URL", &sim.base_url),
            ("HALO_TENANT", halo_sim::DEMO_TENANT),
            ("HALO_CLIENT_ID", halo_sim::DEMO_CLIENT_ID),
            ("HALO_AUTH_MODE", "agent"),
            ("HALO_RATE_LIMIT", "0"),
            ("HALOSCOPE_CACHE_TTL", "0"),
        ],
        log,
    )
    .await
}

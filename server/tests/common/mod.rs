//! Starts the real `haloscope` binary against a `halo-sim` on loopback, for HTTP-level tests; or runs it to
//! the end, for its one-shot commands and start-up errors.
#![allow(dead_code)]

pub mod agent;
mod http;

// each test binary compiles this module and uses only some of it, as `dead_code` above allows
#[allow(unused_imports)]
pub use http::*;

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running haloscope process; killed on drop (its data directory is removed then).
pub struct Haloscope {
    pub base: String,
    /// A client signed in as [`TEST_USER`] (cookies kept), not following redirects.
    pub client: reqwest::Client,
    /// The data directory (sessions, users file, audit log).
    pub data_dir: std::path::PathBuf,
    child: Child,
}

/// The local account the tests sign in with (service mode).
pub const TEST_USER: &str = "tester";
/// Its password.
pub const TEST_PASSWORD: &str = "correct horse battery staple";

/// Where requests of a test go: a signed-in [`Haloscope`], or a bare base URL (no session).
pub trait Target {
    fn base(&self) -> &str;
    fn client(&self) -> reqwest::Client;
}

impl Target for Haloscope {
    fn base(&self) -> &str {
        &self.base
    }
    fn client(&self) -> reqwest::Client {
        self.client.clone()
    }
}

/// A signed-in handle that outlives a borrow of the [`Haloscope`] (for spawned tasks).
#[derive(Clone)]
pub struct Remote {
    pub base: String,
    pub client: reqwest::Client,
}

impl Haloscope {
    /// A handle for spawned tasks.
    pub fn remote(&self) -> Remote {
        self.with_client(&self.client)
    }
    /// A handle on this haloscope for another browser, `client` (its own cookies).
    pub fn with_client(&self, client: &reqwest::Client) -> Remote {
        Remote {
            base: self.base.clone(),
            client: client.clone(),
        }
    }
}

impl Target for Remote {
    fn base(&self) -> &str {
        &self.base
    }
    fn client(&self) -> reqwest::Client {
        self.client.clone()
    }
}

impl Target for str {
    fn base(&self) -> &str {
        self
    }
    fn client(&self) -> reqwest::Client {
        plain_client()
    }
}

impl Target for String {
    fn base(&self) -> &str {
        self
    }
    fn client(&self) -> reqwest::Client {
        plain_client()
    }
}

/// A client without cookies that does not follow redirects.
pub fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A client that keeps cookies and does not follow redirects.
pub fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A fresh, empty data directory for one haloscope process.
pub fn temp_data_dir(tag: &str) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "haloscope-test-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Adds the local account `name` with `password` in `data_dir`.
pub fn add_user(data_dir: &std::path::Path, name: &str, password: &str) {
    let dir = data_dir.to_string_lossy().into_owned();
    let out = run_to_end(
        &[],
        &["--data-dir", &dir, "user", "add", name],
        &format!("{password}\n"),
    );
    assert_eq!(out.code, Some(0), "user add failed: {}", out.stderr);
}

/// Posts the sign-in form `form` to `{base}/login` with `client`: the answer, redirects not followed.
pub async fn post_login(
    base: &str,
    client: &reqwest::Client,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{base}/login"))
        .form(form)
        .send()
        .await
        .expect("sign-in answers")
}

/// Signs `client` in with a local account; panics unless the sign-in page sends it on.
pub async fn sign_in(base: &str, client: &reqwest::Client, name: &str, password: &str) {
    let form = [("username", name), ("password", password), ("next", "/")];
    let res = post_login(base, client, &form).await;
    assert_eq!(res.status().as_u16(), 303, "sign-in as {name} failed");
}

/// A second browser, signed in as [`TEST_USER`] with cookies of its own (and connections of its own).
pub async fn new_browser(app: &Haloscope) -> reqwest::Client {
    let browser = cookie_client();
    sign_in(&app.base, &browser, TEST_USER, TEST_PASSWORD).await;
    browser
}

/// The value of the series named exactly `series` (name and labels, as `/metrics` writes them) in
/// Prometheus text, if it is there.
pub fn series_value(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|l| {
        l.strip_prefix(series)?
            .strip_prefix(' ')?
            .trim()
            .parse()
            .ok()
    })
}

impl Haloscope {
    /// The process id (to send it signals).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `limit` for the process to exit; its exit code, if it did.
    pub fn wait_exit(&mut self, limit: std::time::Duration) -> Option<i32> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Haloscope {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// A free loopback port.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What a finished run of the binary left behind.
pub struct Finished {
    /// `None` when a signal ended it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `haloscope args…` to the end with only `env` in its environment and `stdin` piped to it (so standard
/// input is not a terminal).
pub fn run_to_end(env: &[(&str, &str)], args: &[&str], stdin: &str) -> Finished {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_haloscope"));
    cmd.env_clear()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("haloscope runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    // the process may exit without reading: a broken pipe here is its business
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    let out = child.wait_with_output().expect("haloscope finishes");
    Finished {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Starts a simulator (demo credentials, no rate limit) and haloscope pointed at it with the cache off.
pub async fn start() -> (halo_sim::RunningSim, Haloscope) {
    start_with(halo_sim::SimConfig::default(), &[]).await
}

/// As [`start`], with a simulator config and extra environment for haloscope.
pub async fn start_with(
    cfg: halo_sim::SimConfig,
    env: &[(&str, &str)],
) -> (halo_sim::RunningSim, Haloscope) {
    let sim = halo_sim::spawn(cfg).await.expect("simulator starts");
    let data_dir = temp_data_dir("app");
    add_user(&data_dir, TEST_USER, TEST_PASSWORD);
    let app = launch(&sim, data_dir, env, None).await;
    sign_in(&app.base, &app.client, TEST_USER, TEST_PASSWORD).await;
    (sim, app)
}

/// Starts haloscope in service mode against `sim` with `data_dir`; with `log`, its standard output and
/// error are appended to that file. Its client is not signed in yet.
pub async fn launch(
    sim: &halo_sim::RunningSim,
    data_dir: std::path::PathBuf,
    env: &[(&str, &str)],
    log: Option<&std::path::Path>,
) -> Haloscope {
    let mut all: Vec<(&str, &str)> = vec![
        ("HALO_URL", &sim.base_url),
        ("HALO_TENANT", halo_sim::DEMO_TENANT),
        ("HALO_CLIENT_ID", halo_sim::DEMO_CLIENT_ID),
        ("HALO_CLIENT_SECRET", halo_sim::DEMO_CLIENT_SECRET),
        ("HALO_RATE_LIMIT", "0"),
        ("HALOSCOPE_CACHE_TTL", "0"),
    ];
    all.extend_from_slice(env);
    spawn_app(data_dir, &all, log).await
}

/// Starts haloscope with `data_dir` and `env` (nothing else from this process's environment) on a free
/// loopback port, or on the one `HALOSCOPE_LISTEN` in `env` names; with `log`, its standard output and error
/// are appended to that file. Waits for `/healthz`.
pub async fn spawn_app(
    data_dir: std::path::PathBuf,
    env: &[(&str, &str)],
    log: Option<&std::path::Path>,
) -> Haloscope {
    let port = env
        .iter()
        .find(|(k, _)| *k == "HALOSCOPE_LISTEN")
        .and_then(|(_, v)| v.rsplit(':').next()?.parse().ok())
        .unwrap_or_else(free_port);
    let (stdout, stderr) = match log {
        Some(path) => {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .expect("log file opens");
            (Stdio::from(file.try_clone().unwrap()), Stdio::from(file))
        }
        None => (Stdio::null(), Stdio::null()),
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_haloscope"));
    cmd.env_clear()
        .env("HALOSCOPE_DATA_DIR", &data_dir)
        .env("HALOSCOPE_LISTEN", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(stdout)
        .stderr(stderr);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("haloscope starts");
    let app = Haloscope {
        base: format!("http://127.0.0.1:{port}"),
        client: cookie_client(),
        data_dir,
        child,
    };
    wait_healthy(&app.base).await;
    app
}

/// Waits up to 20 s for `/healthz`.
pub async fn wait_healthy(base: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let client = reqwest::Client::new();
    while Instant::now() < deadline {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("haloscope did not become healthy at {base}");
}

/// The audit lines haloscope wrote to its data directory so far.
pub fn audit_lines(app: &Haloscope) -> Vec<serde_json::Value> {
    std::fs::read_to_string(app.data_dir.join("audit.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every audit line is JSON"))
        .collect()
}

/// The audit lines with `action`, in the order written.
pub fn audit_of(app: &Haloscope, action: &str) -> Vec<serde_json::Value> {
    audit_lines(app)
        .into_iter()
        .filter(|l| l["action"] == action)
        .collect()
}

/// One line of `haloscope routes` a route, read as JSON.
pub fn routes() -> Vec<serde_json::Value> {
    let out = run_to_end(&[], &["routes"], "");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The one audit line with `action` on `entity` record `id`; panics unless there is exactly one.
pub fn audit_line(app: &Haloscope, action: &str, entity: &str, id: i64) -> serde_json::Value {
    let found: Vec<serde_json::Value> = audit_lines(app)
        .into_iter()
        .filter(|l| l["action"] == action && l["entity"] == entity && l["id"] == id)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {action} line for {entity} {id}: {found:?}"
    );
    let line = found.into_iter().next().unwrap();
    assert_eq!(line["who"], TEST_USER, "{line}");
    assert_eq!(line["who_kind"], "local", "{line}");
    assert!(
        line["ts"].as_str().is_some_and(|t| t.ends_with('Z')),
        "{line}"
    );
    line
}

/// Copies the files of `from` (a data directory) into `to`.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

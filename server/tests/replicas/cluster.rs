//! A small replica set on loopback for the replicas test: a `redis-server` (append-only file on, so a
//! restart keeps the sessions), the simulator, two `haloscope` processes with the same
//! `HALOSCOPE_REDIS_URL`, and Debian's haproxy in front (round-robin, no stickiness). Everything is
//! stopped when the cluster is dropped.

use crate::common::{self, free_port, page, Haloscope, Remote, TEST_PASSWORD, TEST_USER};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process killed on drop.
pub struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits up to 10 s until `what` accepts connections on loopback `port`.
fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A `redis-server` on a free loopback port, its files in a folder of its own.
pub struct RedisServer {
    pub port: u16,
    dir: PathBuf,
    process: Option<Process>,
}

impl RedisServer {
    /// Starts it and waits until it answers.
    pub fn start() -> RedisServer {
        let dir = common::temp_data_dir("redis");
        std::fs::create_dir_all(&dir).unwrap();
        let mut redis = RedisServer {
            port: free_port(),
            dir,
            process: None,
        };
        redis.resume();
        redis
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    /// Stops it (its data stays in the append-only file).
    pub fn stop(&mut self) {
        self.process = None;
    }

    /// Starts it again on the same port and folder, and waits until it answers.
    pub fn resume(&mut self) {
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args([
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
            ])
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "redis-server runs (Debian's redis-server package; scripts/setup.sh installs it)",
            );
        self.process = Some(Process(child));
        wait_for_port(self.port, "redis-server");
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.process = None;
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// haproxy on a free loopback port, round-robin over `backends` with health checks on `/healthz` and a
/// retry on another backend when a connection is refused; `/pkg/` files are also retried on another
/// backend after a 404 (a rolling update: the page came from a release the first backend is not).
pub fn haproxy(backends: &[&str]) -> (String, Process) {
    let port = free_port();
    let servers: String = backends
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let addr = b.trim_start_matches("http://");
            format!("  server r{i} {addr} check inter 300ms fall 1 rise 1\n")
        })
        .collect();
    let config = format!(
        "global\n  maxconn 2000\ndefaults\n  mode http\n  timeout connect 1s\n  timeout client 30s\n  \
         timeout server 30s\n  retries 3\n  option redispatch 1\n  retry-on conn-failure empty-response\n\
         frontend web\n  bind 127.0.0.1:{port}\n  use_backend assets if {{ path_beg /pkg/ }}\n  \
         default_backend replicas\n\
         backend replicas\n  balance roundrobin\n  option httpchk GET /healthz\n{servers}\
         backend assets\n  balance roundrobin\n  retry-on conn-failure empty-response 404\n  \
         option httpchk GET /healthz\n{servers}"
    );
    let path = std::env::temp_dir().join(format!(
        "haloscope-haproxy-{}-{port}.cfg",
        std::process::id()
    ));
    std::fs::write(&path, config).unwrap();
    let child = Command::new("haproxy")
        .arg("-db")
        .arg("-f")
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("haproxy runs (Debian's haproxy package; scripts/setup.sh installs it)");
    wait_for_port(port, "haproxy");
    (format!("http://127.0.0.1:{port}"), Process(child))
}

/// Two replicas behind haproxy, sharing one Redis, in service mode against one simulator.
pub struct Cluster {
    pub sim: halo_sim::RunningSim,
    pub redis: RedisServer,
    /// The replicas (`None` once killed).
    pub replicas: [Option<Haloscope>; 2],
    /// haproxy's address.
    pub lb: String,
    _haproxy: Process,
}

/// The same session key on every replica (base64 of 32 bytes).
const SESSION_KEY: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

impl Cluster {
    /// Starts it: the local account is made once and its users file copied to the second replica, as
    /// one file mounted into every replica would be.
    pub async fn start(sim: halo_sim::SimConfig, env: &[(&str, &str)]) -> Cluster {
        Cluster::start_each(sim, env, [&[], &[]]).await
    }

    /// As [`Cluster::start`], with `each[i]` added to replica `i`'s environment (two releases).
    pub async fn start_each(
        sim: halo_sim::SimConfig,
        env: &[(&str, &str)],
        each: [&[(&str, &str)]; 2],
    ) -> Cluster {
        let sim = halo_sim::spawn(sim).await.expect("simulator starts");
        let redis = RedisServer::start();
        let url = redis.url();
        let mut all: Vec<(&str, &str)> = vec![
            ("HALOSCOPE_REDIS_URL", &url),
            ("HALOSCOPE_REDIS_PREFIX", "test:"),
            ("HALOSCOPE_SESSION_KEY", SESSION_KEY),
        ];
        all.extend_from_slice(env);
        let dirs = [
            common::temp_data_dir("replica-a"),
            common::temp_data_dir("replica-b"),
        ];
        common::add_user(&dirs[0], TEST_USER, TEST_PASSWORD);
        std::fs::create_dir_all(&dirs[1]).unwrap();
        std::fs::copy(dirs[0].join("users.json"), dirs[1].join("users.json")).unwrap();
        let [a, b] = dirs;
        let a = common::launch(&sim, a, &[all.as_slice(), each[0]].concat(), None).await;
        let b = common::launch(&sim, b, &[all.as_slice(), each[1]].concat(), None).await;
        let (lb, haproxy) = haproxy(&[&a.base, &b.base]);
        Cluster {
            sim,
            redis,
            replicas: [Some(a), Some(b)],
            lb,
            _haproxy: haproxy,
        }
    }

    /// Replica `i`'s address.
    pub fn base(&self, i: usize) -> String {
        self.replicas[i]
            .as_ref()
            .expect("replica running")
            .base
            .clone()
    }

    /// One browser (`client`'s cookies) talking to replica A and to replica B directly.
    pub fn browsers(&self, client: &reqwest::Client) -> (Remote, Remote) {
        (
            browser(&self.base(0), client),
            browser(&self.base(1), client),
        )
    }
}

/// Signs in through `base`; a client that sends that session's cookie whatever it is told afterwards
/// (a sign-out's cookie removal included), so that a refusal is the server's.
pub async fn signed_in_client(base: &str) -> reqwest::Client {
    let form = [
        ("username", TEST_USER),
        ("password", TEST_PASSWORD),
        ("next", "/"),
    ];
    let res = common::post_login(base, &common::plain_client(), &form).await;
    assert_eq!(res.status().as_u16(), 303, "signed in");
    let set_cookie = common::agent::session_cookie(&res).expect("a session cookie");
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The same browser (one cookie jar) talking to `base`.
pub fn browser(base: &str, client: &reqwest::Client) -> Remote {
    Remote {
        base: base.to_owned(),
        client: client.clone(),
    }
}

/// Where a page request was sent: 200 signed in, 303 to the sign-in page otherwise.
pub async fn page_status(to: &Remote, path: &str) -> u16 {
    page(to, path).await.0
}

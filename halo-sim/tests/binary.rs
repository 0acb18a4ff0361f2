//! The standalone binary: prints the demo tenant and credentials, then serves.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use halo_sim::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT};

struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn binary_prints_credentials_and_serves_the_api() {
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_halo-sim"))
            .args([
                "--listen",
                "127.0.0.1:0",
                "--scale",
                "0.05",
                "--latency-ms",
                "1",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .take(7)
        .collect();
    let text = lines.join("\n");
    assert!(
        text.contains(DEMO_TENANT)
            && text.contains(DEMO_CLIENT_ID)
            && text.contains(DEMO_CLIENT_SECRET),
        "{text}"
    );
    let base = lines[0]
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("base url")
        .to_owned();

    let http = reqwest::Client::new();
    let (status, token) = common::answer(
        http.post(format!("{base}/auth/token?tenant={DEMO_TENANT}"))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", DEMO_CLIENT_ID),
                ("client_secret", DEMO_CLIENT_SECRET),
            ]),
    )
    .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{token}");
    let r = http
        .get(format!("{base}/api/Client?pageinate=true&page_size=5"))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["clients"].as_array().unwrap().len(), 5);
    // no control endpoint unless --control
    let r = common::get_url(format!("{base}/_control/faults")).await;
    assert_eq!(r.status(), reqwest::StatusCode::NOT_FOUND);
}

//! Pages under concurrent load: every view answers in full, nothing panics, and the server still answers
//! after.
//!
//! Found with `wrk` on a release build: with a list page whose one resource was read by two boundaries
//! (the toolbar's `<Transition>` through a derived signal, the table's by awaiting it), a few responses
//! never ended (leptos-rs/leptos#4578 and #4851 describe the pattern), and the `<Transition>`s' server-side
//! effects panicked on a disposed signal ("Tried to access a reactive value that has already been
//! disposed"). Pages now await their data in one `<Suspense>` each. The race is timing-dependent: this
//! test caught the hang once in its first run against the old list page and is a guard rather than a
//! certain reproduction; `bench/run.sh`'s wrk runs (failed requests, and the log's panics) are the other.

mod common;

use std::time::Duration;

/// Views per connection: enough for the race to have shown within a few seconds every time.
const VIEWS: usize = 250;
/// Connections at once.
const CONNECTIONS: usize = 16;

/// One page view with a deadline: its status, or why it gave none.
async fn view(remote: &common::Remote, path: &str) -> Result<u16, String> {
    let send = remote.client.get(format!("{}{path}", remote.base)).send();
    match tokio::time::timeout(Duration::from_secs(15), send).await {
        Err(_) => Err(format!("{path}: no answer in 15 s")),
        Ok(Err(e)) => Err(format!("{path}: {e}")),
        Ok(Ok(res)) => {
            let status = res.status().as_u16();
            // the whole body: a page that stops half-way is a failure too
            match tokio::time::timeout(Duration::from_secs(15), res.text()).await {
                Ok(Ok(_)) => Ok(status),
                _ => Err(format!("{path}: the body did not arrive")),
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_at_a_time_every_page_answers_and_nothing_panics() {
    let log = std::env::temp_dir().join(format!("haloscope-load-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .expect("simulator starts");
    let data_dir = common::temp_data_dir("load");
    common::add_user(&data_dir, common::TEST_USER, common::TEST_PASSWORD);
    // the read cache on, as in service: warm views are the fast ones that raced
    let app = common::launch(
        &sim,
        data_dir,
        &[("HALOSCOPE_CACHE_TTL", "120")],
        Some(&log),
    )
    .await;
    common::sign_in(
        &app.base,
        &app.client,
        common::TEST_USER,
        common::TEST_PASSWORD,
    )
    .await;

    let (status, first) = common::list(&app, "clients", "").await;
    assert_eq!(status, 200);
    let id = first["rows"][0]["id"]
        .as_i64()
        .expect("the list has a client");
    let pages: Vec<(String, u16)> = vec![
        ("/clients".into(), 200),
        ("/".into(), 200),
        ("/clients/new".into(), 200),
        (format!("/clients/{id}"), 200),
        ("/sites?status=all&sort=name".into(), 200),
        ("/suppliers".into(), 200),
        ("/no-such-page".into(), 404),
    ];

    let mut workers = Vec::new();
    for w in 0..CONNECTIONS {
        let (remote, pages) = (app.remote(), pages.clone());
        workers.push(tokio::spawn(async move {
            let mut seen = Vec::new();
            for i in 0..VIEWS {
                let (path, want) = &pages[(w + i) % pages.len()];
                seen.push(
                    view(&remote, path)
                        .await
                        .map(|got| (path.clone(), got, *want)),
                );
            }
            seen
        }));
    }
    let mut answers = Vec::new();
    for w in workers {
        answers.extend(w.await.expect("worker runs"));
    }
    assert_eq!(answers.len(), CONNECTIONS * VIEWS);
    let failures: Vec<String> = answers
        .iter()
        .filter_map(|a| match a {
            Ok((path, got, want)) if got != want => Some(format!("{path}: {got}, wanted {want}")),
            Ok(_) => None,
            Err(e) => Some(e.clone()),
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} views failed: {:?}",
        failures.len(),
        CONNECTIONS * VIEWS,
        &failures[..failures.len().min(5)]
    );

    // still alive afterwards
    assert_eq!(view(&app.remote(), "/healthz").await, Ok(200));
    // (the server's stdout and stderr, where a panic's message goes; empty when nothing was logged at the
    // tests' level)
    let written = std::fs::read_to_string(&log).expect("the server's log");
    assert!(
        !written.contains("panicked"),
        "the server panicked:\n{}",
        &written[..written.len().min(3000)]
    );
    let _ = std::fs::remove_file(&log);
}

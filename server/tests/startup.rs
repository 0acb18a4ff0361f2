//! The binary's start-up: a partial or bad configuration ends it with one line naming the setting and exit
//! code 2 (no panic, no backtrace, no demo fall-back).

mod common;

fn run(env: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String) {
    let mut env = env.to_vec();
    env.push(("RUST_BACKTRACE", "1"));
    let out = common::run_to_end(&env, args, "");
    (out.code, out.stderr)
}

#[test]
fn partial_halo_settings_exit_2_naming_the_missing_setting() {
    let (code, err) = run(&[("HALO_CLIENT_ID", "abc")], &["--listen", "127.0.0.1:0"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("haloscope: HALO_URL is required"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}

#[test]
fn bad_values_and_unknown_halo_variables_exit_2() {
    for (env, needle) in [
        (
            vec![("HALOSCOPE_LISTEN", "not-an-address")],
            "HALOSCOPE_LISTEN",
        ),
        (
            vec![("HALO_URLL", "https://x.halopsa.com")],
            "HALO_URLL is not a Haloscope setting",
        ),
        (
            vec![
                ("HALO_URL", "https://x.halopsa.com"),
                ("HALO_CLIENT_ID", "i"),
                ("HALO_CLIENT_SECRET", "s"),
                ("HALO_RATE_LIMIT", "many"),
            ],
            "HALO_RATE_LIMIT",
        ),
        (
            vec![("HALOSCOPE_CONFIG", "/nonexistent/haloscope.toml")],
            "HALOSCOPE_CONFIG",
        ),
        // the request threads' count (tokio's own variable, read by `serve`)
        (vec![("TOKIO_WORKER_THREADS", "0")], "TOKIO_WORKER_THREADS"),
        (
            vec![("TOKIO_WORKER_THREADS", "many")],
            "TOKIO_WORKER_THREADS",
        ),
    ] {
        let (code, err) = run(&env, &[]);
        assert_eq!(code, Some(2), "{env:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{env:?}: {err}");
        assert!(err.contains(needle), "{env:?}: {err}");
    }
}

#[test]
fn the_secret_is_never_echoed_in_errors() {
    let (code, err) = run(
        &[
            ("HALO_URL", "ftp://x"),
            ("HALO_CLIENT_ID", "i"),
            ("HALO_CLIENT_SECRET", "topsecret-1234"),
        ],
        &[],
    );
    assert_eq!(code, Some(2));
    assert!(!err.contains("topsecret-1234"), "{err}");
}

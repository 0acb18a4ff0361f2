//! `haloscope routes`: every route the server answers, read from the same sources the router is built from
//! (Leptos's route list, the lists and record pages the server draws, the registered server functions, the server's own
//! routes), one JSON object a line with whether it needs a session. Tests walk this list against the running binary.

use crate::auth::gate::{is_public, SERVER_FN_PREFIX};
use crate::router::{SERVER_ROUTES, SIM_PREFIX};
use std::io::Write;
use std::process::ExitCode;

/// One route.
#[derive(serde::Serialize)]
struct Route {
    method: String,
    path: String,
    /// `page`, `server_fn`, `server`, or `sim` (the simulator: demo mode only, answering without a
    /// session there; not mounted at all otherwise).
    kind: &'static str,
    /// Answers without a signed-in session.
    public: bool,
}

/// Prints the list.
pub fn print() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("haloscope: {e}");
            return ExitCode::from(1);
        }
    };
    let routes = runtime.block_on(async { collect() });
    let mut out = std::io::stdout().lock();
    for r in routes {
        let line = serde_json::to_string(&r).unwrap_or_default();
        // a closed pipe (e.g. `| head`) just ends the listing
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

fn collect() -> Vec<Route> {
    let mut out = Vec::new();
    for listing in leptos_axum::generate_route_list(app::App) {
        for method in listing.methods() {
            out.push(Route {
                method: format!("{method:?}").to_uppercase(),
                path: listing.path().to_owned(),
                kind: "page",
                public: is_public(listing.path()),
            });
        }
    }
    // the lists, the record pages and the overview, which the server draws itself (`routes::drawn`)
    let records = app::entities::ALL
        .iter()
        .map(|e| format!("/{}/{{id}}", e.path));
    for path in app::pages::list::all()
        .map(|(_, view)| view.href.to_owned())
        .chain(records)
        .chain(["/".to_owned()])
    {
        out.push(Route {
            method: "GET".to_owned(),
            public: is_public(&path),
            path,
            kind: "page",
        });
    }
    for (path, method) in server_fn::axum::server_fn_paths() {
        debug_assert!(path.starts_with(SERVER_FN_PREFIX));
        out.push(Route {
            method: method.to_string(),
            path: path.to_owned(),
            kind: "server_fn",
            public: false,
        });
    }
    for (method, path) in SERVER_ROUTES {
        out.push(Route {
            method: (*method).to_owned(),
            path: (*path).to_owned(),
            kind: "server",
            // /metrics has its own check (loopback or bearer token), not a session
            public: is_public(path) || *path == "/metrics",
        });
    }
    // demo mode only: the simulator, mounted under /_sim before the session gate
    for (method, path) in halo_sim::ROUTES {
        let methods: &[&str] = if *method == "ANY" {
            &["GET", "POST"]
        } else {
            std::slice::from_ref(method)
        };
        for m in methods {
            out.push(Route {
                method: (*m).to_owned(),
                path: format!("{SIM_PREFIX}{path}"),
                kind: "sim",
                public: true,
            });
        }
    }
    out.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
    out
}

//! `haloscope`: the server binary. Reads its settings, binds the listener, mounts the simulator in demo
//! mode, and serves the app. A bad setting ends start-up with one line and exit code 2. `haloscope user …`
//! manages the local staff accounts instead (see `users`).

mod assets;
mod auth;
mod cli;
mod client_ip;
mod connections;
mod data_dir;
mod early_reads;
mod jobs;
mod metrics;
mod page_brotli;
mod page_tail;
mod route_list;
mod router;
mod routes;
mod security;
mod serve;
mod server_timing;
mod settings;
mod shared;
mod startup_error;
mod state;
mod telemetry;
mod upstream;
mod users;
mod views;

use clap::Parser;

/// mimalloc instead of glibc's malloc: a page render makes thousands of small, short-lived allocations,
/// and glibc spent about a third of a warm list page's CPU on them (`perf`, PERFORMANCE "Profile").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if matches!(cli.command, Some(cli::Command::Routes)) {
        return route_list::print();
    }
    // User management needs only the data directory: it works whatever the HaloPSA settings say.
    if let Some(cli::Command::User { action }) = &cli.command {
        let resolved = settings::data_dir_only(&cli).and_then(|dir| {
            let audit = settings::audit_target_only(&cli, &dir)?;
            Ok((dir, audit))
        });
        return match resolved {
            Ok((data_dir, audit)) => {
                let log = match &audit {
                    settings::AuditTarget::Stdout => Some(app::audit::AuditLog::stdout()),
                    settings::AuditTarget::File(path) => {
                        let _ = data_dir::ensure(&data_dir);
                        app::audit::AuditLog::append_to(path).ok()
                    }
                };
                users::command::run(&data_dir, action, log.as_ref())
            }
            Err(e) => {
                eprintln!("haloscope: {e}");
                ExitCode::from(2)
            }
        };
    }
    let env_names: Vec<String> = std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .collect();
    let settings = match settings::Settings::resolve(cli, &env_names) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("haloscope: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.log_format);
    let threads = match serve::request_threads() {
        Ok(n) => n,
        Err(e) => {
            eprintln!("haloscope: {e}");
            return ExitCode::from(2);
        }
    };
    // This thread starts up, accepts connections and runs the background work; requests run on the
    // request threads `serve` starts, each with a runtime of its own (see `serve`).
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("haloscope: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(settings, threads)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("haloscope: {e}");
            ExitCode::from(2)
        }
    }
}

async fn run(
    mut settings: settings::Settings,
    threads: usize,
) -> Result<(), startup_error::StartupError> {
    use startup_error::StartupError;
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .map_err(|e| StartupError::Bind {
            addr: settings.listen.to_string(),
            reason: e.to_string(),
        })?;
    let bound = listener.local_addr().map_err(|e| StartupError::Bind {
        addr: settings.listen.to_string(),
        reason: e.to_string(),
    })?;

    // before anything upstream is made or asked: the gateway counts its shared client when it is built,
    // and discovery makes calls, and a count made before the recorder exists is lost
    let metrics_handle = metrics::install();
    upstream::discover(&mut settings).await?;
    data_dir::ensure(&settings.data_dir).map_err(|e| {
        StartupError::bad(
            "HALOSCOPE_DATA_DIR",
            format!("cannot create {}: {e}", settings.data_dir.display()),
        )
    })?;
    let sealer = auth::sealing::Sealer::load(&settings.data_dir, settings.sessions.key.as_ref())?;
    let redis = settings
        .redis
        .as_ref()
        .map(|r| shared::Redis::connect(r, sealer.clone()))
        .transpose()?;
    let upstream = upstream::Upstream::build(&settings, bound, redis.clone())?;
    let store = match &redis {
        Some(r) => {
            shared::invalidation::follow(r.clone(), upstream.gateway.clone());
            auth::session_store::Store::Shared(shared::sessions::RedisSessions(r.clone()))
        }
        None => {
            auth::session_store::Store::local(auth::session_store::open(&settings.data_dir).await?)
        }
    };
    let views: std::sync::Arc<dyn app::state::server::ViewStore> = match &redis {
        Some(r) => std::sync::Arc::new(shared::views::RedisViews(r.clone())),
        None => std::sync::Arc::new(views::SqliteViews::open(&settings.data_dir).await?),
    };
    let jobs: std::sync::Arc<dyn app::state::server::JobStore> = match &redis {
        Some(r) => std::sync::Arc::new(shared::jobs::RedisJobs(r.clone())),
        None => std::sync::Arc::new(jobs::SqliteJobs::open(&settings.data_dir).await?),
    };
    let audit = open_audit(&settings.audit_log)?;
    let users = staff_accounts(&settings);
    let sim = settings
        .is_demo()
        .then(|| demo_simulator(settings.demo_fault_control));

    let assets = assets::SiteAssets::discover();
    let manifest = asset_manifest(&assets);
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("haloscope")
        .site_root("target/site")
        .site_pkg_dir("pkg")
        .site_addr(bound)
        .env(leptos::config::Env::PROD)
        .build();
    let policy = header_policy(&settings, &upstream, &manifest);
    let auth = sign_in(
        &settings,
        &upstream,
        sealer,
        users,
        audit,
        manifest.css.clone(),
        redis.as_ref(),
    );
    let sessions = auth::session_store::layer(store, settings.https(), settings.sessions.idle);
    let state = state::AppState::new(state::AppStateFields {
        leptos_options,
        upstream,
        assets,
        manifest,
        shell: app::state::ShellInfo {
            demo: settings.is_demo(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            halo_web_url: settings.halo_web_url(),
            user: None,
        },
        auth,
        exports: routes::export::RunningExports::new(redis.clone()),
        health_interval: app::state::server::HealthInterval(settings.health_interval),
        ready: Default::default(),
        views: app::state::server::Views(views),
        jobs: app::state::server::Jobs(jobs),
        reports: app::state::server::Reports(redis.clone().map(|r| {
            std::sync::Arc::new(shared::reports::RedisReports(r))
                as std::sync::Arc<dyn app::state::server::SharedReports>
        })),
        shared: redis,
    });
    let metrics = metrics::MetricsAccess {
        handle: metrics_handle,
        token: settings.metrics_token.clone(),
        proxies: settings.trusted_proxies.clone(),
    };
    let router = router::build(state, sim, metrics, sessions, policy);

    announce(&settings, bound);
    serve::serve(listener, router, threads)
        .await
        .map_err(StartupError::Serving)
}

/// The local staff accounts (service mode only); a warning when there are none yet.
fn staff_accounts(settings: &settings::Settings) -> Option<users::Users> {
    let users = (settings.auth_mode() == settings::AuthMode::Service)
        .then(|| users::Users::open(&settings.data_dir));
    if users.as_ref().is_some_and(|u| u.is_empty()) {
        tracing::warn!(
            "no Haloscope users yet: add one with `haloscope user add <name>` (data directory {})",
            settings.data_dir.display()
        );
    }
    users
}

/// The start-up log line (demo or tenant), and demo mode's warning when others can reach it.
fn announce(settings: &settings::Settings, bound: std::net::SocketAddr) {
    if let Some(warning) = settings.is_demo().then(|| demo_exposure(bound)).flatten() {
        tracing::warn!("{warning}");
    }
    if settings.is_demo() {
        tracing::info!(
            "Haloscope listening on http://{bound} — demo mode: demo data from the built-in HaloPSA simulator at /_sim"
        );
    } else {
        tracing::info!("Haloscope listening on http://{bound} — HaloPSA tenant mode");
    }
}

/// The sign-in machinery: mode, sealed tokens, agents' clients, accounts, limits, sessions' binding.
fn sign_in(
    settings: &settings::Settings,
    upstream: &upstream::Upstream,
    sealer: auth::sealing::Sealer,
    users: Option<users::Users>,
    audit: app::audit::AuditLog,
    css: String,
    redis: Option<&shared::Redis>,
) -> auth::Auth {
    let public_origin = settings
        .public_url
        .as_ref()
        .map(|u| u.origin().ascii_serialization());
    auth::Auth::new(auth::AuthInner {
        mode: settings.auth_mode(),
        gateway: upstream.gateway.clone(),
        app_client: upstream.app_client.clone(),
        sealer,
        max_age: settings.sessions.max,
        agents: moka::sync::Cache::builder()
            .max_capacity(10_000)
            .time_to_idle(settings.sessions.idle)
            .build(),
        users,
        audit: std::sync::Arc::new(audit),
        limits: match redis {
            Some(r) => auth::limits::Limits::Shared(shared::limits::SharedLimits(r.clone())),
            None => auth::limits::Limits::Local(Box::default()),
        },
        proxies: settings.trusted_proxies.clone(),
        ended: moka::sync::Cache::builder()
            .max_capacity(100_000)
            .time_to_live(settings.sessions.idle)
            .build(),
        public_origin,
        agent_scope: auth::agent_scope(&settings.halo_scope()),
        css,
        demo: settings.is_demo(),
        binding: auth::binding(settings.auth_mode(), settings.is_demo(), &upstream.gateway),
        redis: redis.cloned(),
    })
}

/// The in-process simulator of demo mode, under `/_sim`.
fn demo_simulator(control: bool) -> halo_sim::Simulator {
    halo_sim::Simulator::new(halo_sim::SimConfig {
        base_path: "/_sim".to_string(),
        control,
        // a code goes only to this server's own callback, on whatever address the browser uses
        redirects: halo_sim::RedirectRule::SameHost("/auth/callback".to_string()),
        ..halo_sim::SimConfig::default()
    })
}

/// The hashed names of the embedded site's files (fixed names when the site was not built).
fn asset_manifest(assets: &assets::SiteAssets) -> app::shell::AssetManifest {
    assets.manifest().unwrap_or_else(|| {
        tracing::warn!(
            "site assets not found (run `cargo leptos build`): pages will render but not hydrate"
        );
        app::shell::AssetManifest {
            js: "/pkg/haloscope.js".into(),
            wasm: "/pkg/haloscope.wasm".into(),
            css: "/pkg/haloscope.css".into(),
        }
    })
}

/// The security headers' settings: HSTS over HTTPS, the HaloPSA sign-in page as a form target, and the
/// hash of the shell's boot script (fixed for this build's assets).
fn header_policy(
    settings: &settings::Settings,
    upstream: &upstream::Upstream,
    manifest: &app::shell::AssetManifest,
) -> security::headers::HeaderPolicy {
    let auth_origin = upstream
        .gateway
        .config()
        .auth_url
        .origin()
        .ascii_serialization();
    security::headers::HeaderPolicy {
        https: settings.https(),
        form_targets: if settings.is_demo() {
            Vec::new()
        } else {
            vec![auth_origin]
        },
        boot_script: security::headers::script_hash(&manifest.boot_script()),
    }
}

fn open_audit(
    target: &settings::AuditTarget,
) -> Result<app::audit::AuditLog, startup_error::StartupError> {
    Ok(match target {
        settings::AuditTarget::Stdout => app::audit::AuditLog::stdout(),
        settings::AuditTarget::File(path) => {
            app::audit::AuditLog::append_to(path).map_err(|e| {
                startup_error::StartupError::bad(
                    "HALOSCOPE_AUDIT_LOG",
                    format!("cannot open {}: {e}", path.display()),
                )
            })?
        }
    })
}

/// Demo mode on an address other people can reach: what anyone who reaches it can do.
fn demo_exposure(bound: std::net::SocketAddr) -> Option<String> {
    if bound.ip().to_canonical().is_loopback() {
        return None;
    }
    Some(format!(
        "demo mode is listening on {bound}, which is not a loopback address: anyone who can reach it can \
         sign in as any demo agent without a password, read and change the demo data, and call the HaloPSA \
         simulator under /_sim. Demo mode is for looking on this machine: listen on 127.0.0.1 \
         (HALOSCOPE_LISTEN) or configure a HaloPSA tenant (HALO_URL …)"
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_mode_warns_off_loopback_only() {
        for local in ["127.0.0.1:3000", "[::1]:3000", "[::ffff:127.0.0.1]:3000"] {
            assert_eq!(
                super::demo_exposure(local.parse().unwrap()),
                None,
                "{local}"
            );
        }
        for open in ["0.0.0.0:3000", "[::]:3000", "192.0.2.10:80"] {
            let warning = super::demo_exposure(open.parse().unwrap()).unwrap();
            assert!(warning.contains("anyone who can reach it"), "{warning}");
        }
    }
}

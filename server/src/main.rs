//! `haloscope`: the server binary. Reads its settings, binds the listener, mounts the simulator in demo
//! mode, and serves the app. A bad setting ends start-up with one line and exit code 2. `haloscope user …`
//! manages the local staff accounts instead (see `users`).

mod assets;
mod cli;
mod metrics;
mod router;
mod routes;
mod serve;
mod settings;
mod startup_error;
mod state;
mod telemetry;
mod upstream;
mod users;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // User management needs only the data directory: it works whatever the HaloPSA settings say.
    if let Some(cli::Command::User { action }) = &cli.command {
        return match settings::data_dir_only(&cli) {
            Ok(data_dir) => users::command::run(&data_dir, action),
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
    // Deep Leptos view trees render recursively: 8 MiB worker stacks keep every page well clear of the edge.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(8 * 1024 * 1024)
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("haloscope: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("haloscope: {e}");
            ExitCode::from(2)
        }
    }
}

async fn run(settings: settings::Settings) -> Result<(), startup_error::StartupError> {
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

    let upstream = upstream::Upstream::build(&settings, bound)?;
    let sim = settings.is_demo().then(|| {
        halo_sim::Simulator::new(halo_sim::SimConfig {
            base_path: "/_sim".to_string(),
            control: settings.demo_fault_control,
            ..halo_sim::SimConfig::default()
        })
    });

    let assets = assets::SiteAssets::discover();
    let manifest = assets.manifest().unwrap_or_else(|| {
        tracing::warn!(
            "site assets not found (run `cargo leptos build`): pages will render but not hydrate"
        );
        app::shell::AssetManifest {
            js: "/pkg/haloscope.js".into(),
            wasm: "/pkg/haloscope.wasm".into(),
            css: "/pkg/haloscope.css".into(),
        }
    });
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("haloscope")
        .site_root("target/site")
        .site_pkg_dir("pkg")
        .site_addr(bound)
        .env(leptos::config::Env::PROD)
        .build();
    let state = state::AppState {
        leptos_options,
        upstream,
        assets,
        manifest,
        shell: app::state::ShellInfo {
            demo: settings.is_demo(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            halo_web_url: settings.halo_web_url(),
        },
    };
    let metrics = metrics::MetricsAccess {
        handle: metrics::install(),
        token: settings.metrics_token.clone(),
    };
    let router = router::build(state, sim, metrics);

    if settings.is_demo() {
        tracing::info!(
            "Haloscope listening on http://{bound} — demo mode: demo data from the built-in HaloPSA simulator at /_sim"
        );
    } else {
        tracing::info!("Haloscope listening on http://{bound} — HaloPSA tenant mode");
    }
    serve::serve(listener, router)
        .await
        .map_err(|e| StartupError::Bind {
            addr: bound.to_string(),
            reason: e.to_string(),
        })
}

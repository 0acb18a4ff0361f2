//! `halo-sim --listen 127.0.0.1:4010`: the simulator as a standalone server.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use halo_sim::{
    FaultConfig, SimConfig, Simulator, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT,
};

/// A HaloPSA simulator (Clients & Sites endpoints) with seeded demo data.
#[derive(Parser, Debug)]
#[command(name = "halo-sim", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:4010", env = "HALO_SIM_LISTEN")]
    listen: SocketAddr,
    /// Tenant name accepted in `?tenant=`.
    #[arg(long, default_value = DEMO_TENANT)]
    tenant: String,
    /// An on-premise install: no tenants (a ?tenant= is refused) and /api/authinfo names none.
    #[arg(long)]
    on_premise: bool,
    /// Answer /api/authinfo with 404, as an install that does not offer it.
    #[arg(long)]
    no_authinfo: bool,
    /// Client id accepted by /auth/token.
    #[arg(long, default_value = DEMO_CLIENT_ID)]
    client_id: String,
    /// Client secret accepted by /auth/token (demo credentials only).
    #[arg(long, default_value = DEMO_CLIENT_SECRET, hide_default_value = true)]
    client_secret: String,
    /// Data size: 1.0 = 2,000 clients, 6,000 sites.
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Seed of the demo data.
    #[arg(long)]
    seed: Option<u64>,
    /// Hosted rate limit: requests per rolling 5 minutes per client id (off when not given).
    #[arg(long)]
    rate_limit: Option<u32>,
    /// Access-token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    token_ttl: u64,
    /// Added latency per API request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Random extra latency up to this many milliseconds.
    #[arg(long, default_value_t = 0)]
    jitter_ms: u64,
    /// Share of API requests answered 500 (0.0–1.0).
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Share of API requests answered with a truncated JSON body.
    #[arg(long, default_value_t = 0.0)]
    malformed_rate: f64,
    /// Share of API requests answered with an HTML page.
    #[arg(long, default_value_t = 0.0)]
    html_rate: f64,
    /// Share of API requests whose body stalls half-way.
    #[arg(long, default_value_t = 0.0)]
    stall_rate: f64,
    /// How long a stalled body hangs, in milliseconds.
    #[arg(long, default_value_t = 30_000)]
    stall_ms: u64,
    /// Mount the fault control endpoint under /_control.
    #[arg(long)]
    control: bool,
    /// Answer as hosted HaloPSA does where its documentation leaves room: empty 200s for the untyped
    /// creates, 1900-01-01 for empty dates, counts as strings, refresh tokens rotated.
    #[arg(long)]
    strict: bool,
    /// Print the credentials it accepts as shell assignments (SIM_TENANT=…) and exit; for test scripts.
    #[arg(long)]
    print_credentials: bool,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    if args.print_credentials {
        println!("SIM_TENANT='{}'", args.tenant);
        println!("SIM_CLIENT_ID='{}'", args.client_id);
        println!("SIM_CLIENT_SECRET='{}'", args.client_secret);
        return Ok(());
    }
    let mut cfg = SimConfig {
        tenant: args.tenant,
        on_premise: args.on_premise,
        authinfo: !args.no_authinfo,
        client_id: args.client_id,
        client_secret: args.client_secret,
        token_ttl: Duration::from_secs(args.token_ttl),
        rate_limit: args.rate_limit,
        scale: args.scale,
        faults: FaultConfig {
            latency_ms: args.latency_ms,
            jitter_ms: args.jitter_ms,
            error_rate: args.error_rate,
            malformed_rate: args.malformed_rate,
            html_rate: args.html_rate,
            stall_rate: args.stall_rate,
            stall_ms: args.stall_ms,
            ..FaultConfig::default()
        },
        control: args.control,
        strict: args.strict,
        ..SimConfig::default()
    };
    if let Some(seed) = args.seed {
        cfg.seed = seed;
    }
    let started = std::time::Instant::now();
    let sim = Simulator::new(cfg.clone());
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    println!("halo-sim listening on http://{addr}");
    println!("  resource server : http://{addr}/api");
    if cfg.on_premise {
        println!("  auth server     : http://{addr}/auth   (token: POST /auth/token, on premise: no tenant)");
    } else {
        println!(
            "  auth server     : http://{addr}/auth   (token: POST /auth/token?tenant={})",
            cfg.tenant
        );
        println!("  tenant          : {}", cfg.tenant);
    }
    println!("  client id       : {}", cfg.client_id);
    if cfg.client_secret == DEMO_CLIENT_SECRET {
        println!(
            "  client secret   : {}   (demo credentials)",
            cfg.client_secret
        );
    } else {
        println!("  client secret   : (as given with --client-secret)");
    }
    println!(
        "  data            : {} clients, {} sites (seed {}, generated in {:?})",
        sim.count(halo_sim::Entity::Client),
        sim.count(halo_sim::Entity::Site),
        cfg.seed,
        started.elapsed()
    );
    if cfg.control {
        println!("  control         : http://{addr}/_control/faults");
    }
    halo_sim::serve(listener, sim.router(), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

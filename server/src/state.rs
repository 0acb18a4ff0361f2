//! The axum state shared by every handler.

use crate::assets::SiteAssets;
use crate::auth::Auth;
use crate::upstream::Upstream;
use app::shell::AssetManifest;
use app::state::ShellInfo;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// The state every handler shares: one allocation behind an `Arc`, so the clone axum makes per request
/// (each `State` extractor, each `from_fn_with_state` layer) is one reference count, not a copy of every
/// field (the 404 page's profile had a copy and drop of all of them among its hottest functions). Fields
/// are read through `Deref`.
#[derive(Clone)]
pub struct AppState(std::sync::Arc<AppStateFields>);

impl AppState {
    /// The state, built once at start-up.
    pub fn new(fields: AppStateFields) -> Self {
        Self(std::sync::Arc::new(fields))
    }
}

impl std::ops::Deref for AppState {
    type Target = AppStateFields;
    fn deref(&self) -> &AppStateFields {
        &self.0
    }
}

/// What [`AppState`] holds; built once at start-up.
pub struct AppStateFields {
    pub leptos_options: LeptosOptions,
    pub upstream: Upstream,
    pub assets: SiteAssets,
    pub manifest: AssetManifest,
    pub shell: ShellInfo,
    pub auth: Auth,
    /// Who has a CSV export running (one per person).
    pub exports: crate::routes::export::RunningExports,
    /// How old a person's data health report may get before their next visit walks again (the app reads it
    /// from the Leptos context the router provides).
    pub health_interval: app::state::server::HealthInterval,
    /// The last upstream check `/readyz` made.
    pub ready: crate::routes::health::ReadyCache,
    /// People's saved views of the lists (the app reads them from the Leptos context).
    pub views: app::state::server::Views,
    /// People's bulk-action jobs (the app reads them from the Leptos context).
    pub jobs: app::state::server::Jobs,
    /// Replicas: the Redis they share (`None`: one process keeps everything).
    pub shared: Option<crate::shared::Redis>,
    /// Replicas: the data-health reports they share (the app reads them from the Leptos context).
    pub reports: app::state::server::Reports,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for Auth {
    fn from_ref(state: &AppState) -> Self {
        state.auth.clone()
    }
}

impl FromRef<AppState> for crate::routes::export::RunningExports {
    fn from_ref(state: &AppState) -> Self {
        state.exports.clone()
    }
}

impl FromRef<AppState> for app::state::server::Reports {
    fn from_ref(state: &AppState) -> Self {
        state.reports.clone()
    }
}

//! The axum state shared by every handler.

use crate::assets::SiteAssets;
use crate::auth::Auth;
use crate::upstream::Upstream;
use app::shell::AssetManifest;
use app::state::ShellInfo;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// Cheap to clone; built once at start-up.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub upstream: Upstream,
    pub assets: SiteAssets,
    pub manifest: AssetManifest,
    pub shell: ShellInfo,
    pub auth: Auth,
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

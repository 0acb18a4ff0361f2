//! The frame's facts (demo mode, version, who is signed in), loaded once per page and shared by the banner
//! and the header.

use crate::errors::AppError;
use crate::functions::shell::get_shell_info;
use crate::state::ShellInfo;
use leptos::prelude::*;

/// The page's one shell-info resource.
pub type ShellInfoResource = OnceResource<Result<ShellInfo, AppError>>;

/// Creates the resource and shares it with the frame's components; call once, in `App`.
pub fn provide_shell_info() {
    provide_context::<ShellInfoResource>(OnceResource::new(get_shell_info()));
}

/// The shared resource (a fresh one when `provide_shell_info` was not called, e.g. in a component test).
pub fn use_shell_info() -> ShellInfoResource {
    use_context::<ShellInfoResource>().unwrap_or_else(|| OnceResource::new(get_shell_info()))
}

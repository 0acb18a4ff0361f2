//! The frame's facts (demo mode, version, who is signed in), read once per page view on the server.
//!
//! The frame is never hydrated (islands mode), so these are plain values rather than a resource: reading
//! them costs no `<Suspense>`, no async part and no reactive owner per page (the 404 page, which is the
//! frame alone, measured in docs/PERFORMANCE.md).

use crate::state::ShellInfo;

/// This request's facts. Empty outside a server render (a component test, the browser).
pub fn shell_info() -> ShellInfo {
    #[cfg(feature = "ssr")]
    {
        crate::functions::shell::ssr::current()
    }
    #[cfg(not(feature = "ssr"))]
    {
        ShellInfo::default()
    }
}

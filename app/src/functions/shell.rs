//! Facts the page frame needs (demo banner, version).

use crate::errors::AppError;
use crate::state::ShellInfo;
use leptos::prelude::*;

/// What the frame of every page shows about this Haloscope, for a caller over HTTP (the frame itself reads
/// [`ssr::current`] directly while it renders).
#[server(endpoint = "get_shell_info", input = server_fn::codec::GetUrl)]
pub async fn get_shell_info() -> Result<ShellInfo, AppError> {
    Ok(ssr::current())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::state::server::{RequestUser, ServerInfo};
    use crate::state::ShellInfo;
    use leptos::prelude::{use_context, with_context};

    /// The server's facts and the person the session gate let in, for the current request.
    pub fn current() -> ShellInfo {
        let mut info = use_context::<ServerInfo>().map(|s| s.0).unwrap_or_default();
        info.user = with_context::<http::request::Parts, _>(|p| {
            p.extensions.get::<RequestUser>().map(|u| u.name.clone())
        })
        .flatten();
        info
    }
}

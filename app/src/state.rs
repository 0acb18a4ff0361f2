//! Context shared between the server and the pages.

use serde::{Deserialize, Serialize};

/// What every page's frame needs to know about this Haloscope: shown in the header and banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ShellInfo {
    /// Running on the built-in simulator's demo data (no `HALO_*` setting given).
    pub demo: bool,
    /// Haloscope's version, shown in the footer.
    pub version: String,
    /// HaloPSA's own web address (tenant mode), for "open in HaloPSA" links.
    pub halo_web_url: Option<String>,
}

/// Server-only context, provided once per request by the `haloscope` server.
#[cfg(feature = "ssr")]
pub mod server {
    use super::ShellInfo;

    /// The HaloPSA handle of the current request: the shared app client in `service` mode (and demo mode),
    /// the signed-in agent's client in `agent` mode. Server functions get it only through
    /// [`crate::functions::halo`].
    #[derive(Clone)]
    pub struct RequestHalo(pub Option<halo::client::HaloClient>);

    /// Facts about this server that pages show; cheap to clone.
    #[derive(Clone)]
    pub struct ServerInfo(pub ShellInfo);
}

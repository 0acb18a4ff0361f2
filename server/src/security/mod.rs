//! Protections on every response and request: security headers with a per-response CSP nonce, and the
//! cross-site request check on everything that can change state.

pub mod csrf;
pub mod headers;

//! Security headers on every response: a Content-Security-Policy that allows the shell's one inline script
//! by its hash, with a fresh nonce per response for any script Leptos adds (the app is given it through
//! the request; the pages this app draws need none, see `page_tail`), `nosniff`,
//! `Referrer-Policy: same-origin`, no framing, HSTS over HTTPS, and `Cache-Control: private, no-store` on
//! anything that did not set its own caching (pages and server functions carry HaloPSA data).

use app::state::server::CspNonce;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::header::{self, HeaderValue};
use rand::RngCore;

/// What the header middleware needs to know.
#[derive(Clone, Debug)]
pub struct HeaderPolicy {
    /// Served over HTTPS: send HSTS.
    pub https: bool,
    /// Origins besides `'self'` that forms may lead to: the HaloPSA sign-in page (the sign-in form's
    /// redirect goes there in agent mode).
    pub form_targets: Vec<String>,
    /// The CSP source that allows the shell's boot script (`'sha256-…'`, from [`script_hash`]).
    pub boot_script: String,
}

/// The CSP hash source for an inline script with this exact text (CSP3: SHA-256 of its UTF-8, base64).
pub fn script_hash(text: &str) -> String {
    use sha2::Digest as _;
    format!(
        "'sha256-{}'",
        STANDARD.encode(sha2::Sha256::digest(text.as_bytes()))
    )
}

/// The policy for a response with `nonce`. Styles come only from the site's stylesheet (colour swatches are
/// SVG `fill` attributes, which CSP does not govern), scripts only from this origin, the boot script by its
/// hash, or with the nonce, and `'wasm-unsafe-eval'` lets the browser compile the app's WebAssembly.
pub fn content_security_policy(nonce: &str, policy: &HeaderPolicy) -> String {
    let mut form_action = String::from("'self'");
    for t in &policy.form_targets {
        form_action.push(' ');
        form_action.push_str(t);
    }
    format!(
        "default-src 'self'; script-src 'self' {boot} 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action {form_action}; frame-ancestors 'none'",
        boot = policy.boot_script
    )
}

/// A fresh random nonce (128 bits, base64).
pub fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    STANDARD.encode(bytes)
}

/// The middleware.
pub async fn security_headers(
    State(policy): State<HeaderPolicy>,
    mut req: Request,
    next: Next,
) -> Response {
    let nonce = new_nonce();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_security_policy(&nonce, &policy)) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if policy.https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_has_the_boot_scripts_hash_the_nonce_and_no_unsafe_inline() {
        let policy = HeaderPolicy {
            https: false,
            form_targets: vec!["https://acme.halopsa.com".into()],
            boot_script: script_hash("boot()"),
        };
        let csp = content_security_policy("abc", &policy);
        assert!(
            csp.contains("script-src 'self' 'sha256-",)
                && csp.contains("' 'nonce-abc' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("form-action 'self' https://acme.halopsa.com"));
        assert!(!csp.contains("unsafe-inline"));
        assert_ne!(new_nonce(), new_nonce());
        assert_eq!(STANDARD.decode(new_nonce()).unwrap().len(), 16);
    }

    #[test]
    fn a_script_hash_is_the_base64_sha256_of_its_text() {
        // `printf 'alert(1)' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            script_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }
}

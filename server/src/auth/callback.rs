//! `GET /auth/callback`: HaloPSA sends the browser back here with `code` and `state`; the code is exchanged
//! (with the PKCE verifier) for the agent's tokens, which are sealed into a fresh session.

use super::gate::see_other;
use super::login::{audit_failure, begin_session, fields, pending_scope, start_agent_sign_in};
use super::signed_in::{PendingSignIn, SignedIn, PENDING};
use super::{now, Auth};
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use halo::client::TokenSet;
use secrecy::{ExposeSecret, SecretString};
use std::net::SocketAddr;
use tower_sessions::Session;

/// A sign-in must come back within this many seconds.
const SIGN_IN_WINDOW: i64 = 600;

/// The handler.
pub async fn callback(
    State(auth): State<Auth>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: http::HeaderMap,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Response {
    let q = fields(raw.unwrap_or_default().as_bytes());
    let ip = auth.proxies.client_ip(peer, &headers);
    let checked = match auth.limits.check_ip(ip).await {
        Ok(checked) => checked,
        Err(_) => return crate::shared::unavailable_page(),
    };
    if let Err(wait) = checked {
        audit_failure(&auth, "", ip, "too many sign-in attempts from this address");
        return see_other(&format!("/login?error=busy&wait={wait}"));
    }
    let pending: Option<PendingSignIn> = session.remove(PENDING).await.ok().flatten();
    let Some(pending) = pending.filter(|p| now() - p.started <= SIGN_IN_WINDOW) else {
        audit_failure(
            &auth,
            "",
            ip,
            "sign-in callback without a sign-in in progress (expired or replayed)",
        );
        return see_other("/login?error=expired");
    };
    if !same(
        q.get("state").map(String::as_str).unwrap_or(""),
        &pending.state,
    ) {
        audit_failure(&auth, "", ip, "sign-in callback with the wrong state");
        return see_other("/login?error=expired");
    }
    if let Some(err) = q.get("error") {
        let code: String = err
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        if code == "invalid_scope" && !pending.without_openid {
            tracing::info!("HaloPSA refused the scope with openid; asking again without it");
            return start_agent_sign_in(&auth, &headers, &session, pending.next, true).await;
        }
        audit_failure(
            &auth,
            "",
            ip,
            &format!("HaloPSA refused the sign-in ({code})"),
        );
        return see_other("/login?error=denied");
    }
    let (Some(code), Some(verifier)) = (q.get("code"), auth.sealer.open(&pending.verifier)) else {
        audit_failure(&auth, "", ip, "sign-in callback without a code");
        return see_other("/login?error=failed");
    };
    let verifier = SecretString::from(String::from_utf8_lossy(&verifier).into_owned());
    let scope = pending_scope(&auth, pending.without_openid);
    let exchange = |scope: String| {
        let (gateway, verifier, redirect) = (&auth.gateway, &verifier, &pending.redirect_uri);
        async move {
            gateway
                .exchange_code(code, verifier, redirect, &scope)
                .await
        }
    };
    let mut exchanged = exchange(scope.clone()).await;
    if matches!(exchanged, Err(halo::Error::ScopeRefused { .. }))
        && scope.split_whitespace().any(|s| s == "openid")
    {
        // the code was not spent: HaloPSA turned the request away before looking at it
        exchanged = exchange(super::without_openid(&scope)).await;
    }
    let tokens = match exchanged {
        Ok(t) => t,
        Err(e) => {
            audit_failure(&auth, "", ip, &format!("the code exchange failed: {e}"));
            return see_other("/login?error=failed");
        }
    };
    let Some((id, name)) = identity(&tokens) else {
        audit_failure(
            &auth,
            "",
            ip,
            "HaloPSA named no agent (no id token with a `sub`)",
        );
        return see_other("/login?error=no-agent");
    };
    let mut signed = SignedIn::new("agent", id, name);
    signed.set_tokens(&auth.sealer, &tokens);
    begin_session(&auth, &session, signed, ip, &pending.next).await
}

/// The agent's id and name from the id token HaloPSA sent with the tokens (straight from its token endpoint
/// over TLS, so its claims are taken as they are). `None` when it names no agent: such a sign-in is refused,
/// never given a shared stand-in identity (the read cache and the audit log are keyed by it).
pub fn identity(tokens: &TokenSet) -> Option<(String, String)> {
    let claims = tokens
        .id_token
        .as_ref()
        .and_then(|t| t.expose_secret().split('.').nth(1).map(str::to_owned))
        .and_then(|p| URL_SAFE_NO_PAD.decode(p.trim_end_matches('=')).ok())
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
    let text = |k: &str| {
        claims
            .as_ref()
            .and_then(|c| c.get(k))
            .and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.trim().is_empty())
    };
    let id = text("sub")?;
    let name = text("name")
        .or_else(|| text("email"))
        .unwrap_or_else(|| format!("HaloPSA agent {id}"));
    Some((id, name.chars().take(120).collect()))
}

/// Constant-time comparison of two strings.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agent_is_named_from_the_id_token() {
        let payload = URL_SAFE_NO_PAD.encode(r#"{"sub":"42","name":"Priya Shah","email":"p@x"}"#);
        let mut t = TokenSet::new("a", None, None);
        t.id_token = Some(SecretString::from(format!("h.{payload}.s")));
        assert_eq!(identity(&t), Some(("42".into(), "Priya Shah".into())));
        t.id_token = Some(SecretString::from("garbage".to_owned()));
        assert_eq!(identity(&t), None, "no stand-in identity");
        t.id_token = None;
        assert_eq!(identity(&t), None);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}

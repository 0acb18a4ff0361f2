//! `GET /login` (the page), `POST /login` (service: check a local account; agent: start "Sign in with
//! HaloPSA") and `POST /logout`.

use super::gate::{close_session, flush, see_other};
use super::login_page::{render, LoginView};
use super::next_path::safe_next;
use super::signed_in::{PendingSignIn, SignedIn, PENDING, SIGNED_IN};
use super::{now, Auth};
use crate::settings::AuthMode;
use app::audit::AuditEvent;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use halo::client::{authorize_url, random_state, Pkce};
use http::{header, HeaderMap, StatusCode};
use secrecy::ExposeSecret;
use std::collections::HashMap;
use std::net::SocketAddr;
use tower_sessions::Session;

/// The fields of a query string or urlencoded form; the first value of a repeated name wins.
pub fn fields(raw: &[u8]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (k, v) in url::form_urlencoded::parse(raw) {
        out.entry(k.into_owned()).or_insert_with(|| v.into_owned());
    }
    out
}

/// `GET /login`: the page, or straight on when already signed in.
pub async fn show(State(auth): State<Auth>, session: Session, RawQuery(raw): RawQuery) -> Response {
    let q = fields(raw.unwrap_or_default().as_bytes());
    let next = safe_next(q.get("next").map(String::as_str));
    if let Ok(Some(_)) = session.get::<SignedIn>(SIGNED_IN).await {
        return see_other(&next);
    }
    let error = q.get("error").map(|code| {
        match code.as_str() {
            "denied" => "HaloPSA did not sign you in (the sign-in was cancelled or refused).",
            "expired" => "That sign-in took too long or was already used. Please try again.",
            "busy" => "Too many sign-in attempts. Wait a minute and try again.",
            "no-agent" => "HaloPSA signed you in but did not say which agent you are (its reply named nobody), so Haloscope cannot let you in. Ask your HaloPSA administrator to check the API application's scopes.",
            _ => "HaloPSA could not complete the sign-in. Please try again.",
        }
        .to_owned()
    });
    let notice = if q.contains_key("expired") {
        Some("Your session has ended. Please sign in again.".to_owned())
    } else if q.contains_key("signed_out") {
        Some("You have signed out.".to_owned())
    } else {
        None
    };
    page(
        &auth,
        StatusCode::OK,
        LoginView {
            error,
            notice,
            name: String::new(),
            next,
        },
    )
}

/// `POST /login`.
pub async fn submit(
    State(auth): State<Auth>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    session: Session,
    body: Bytes,
) -> Response {
    let form = fields(&body);
    let next = safe_next(form.get("next").map(String::as_str));
    let name: String = form
        .get("username")
        .map(|s| s.trim().chars().take(64).collect())
        .unwrap_or_default();
    let ip = auth.proxies.client_ip(peer, &headers);
    match auth.mode {
        AuthMode::Agent => {
            let checked = match auth.limits.check_ip(ip).await {
                Ok(checked) => checked,
                Err(_) => return crate::shared::unavailable_page(),
            };
            if let Err(wait) = checked {
                audit_failure(
                    &auth,
                    &name,
                    ip,
                    "too many sign-in attempts from this address",
                );
                return too_many(&auth, wait, name, next);
            }
            start_agent_sign_in(&auth, &headers, &session, next, false).await
        }
        AuthMode::Service => {
            let password = form.get("password").cloned().unwrap_or_default();
            local_sign_in(&auth, ip, &session, name, password, next).await
        }
    }
}

/// Agent mode: remember a PKCE verifier and `state` in the session and send the browser to HaloPSA;
/// `without_openid` when HaloPSA refused that scope on the first try.
pub(super) async fn start_agent_sign_in(
    auth: &Auth,
    headers: &HeaderMap,
    session: &Session,
    next: String,
    without_openid: bool,
) -> Response {
    let Some(origin) = auth.origin(headers) else {
        return (
            StatusCode::BAD_REQUEST,
            "The request has no usable Host header.",
        )
            .into_response();
    };
    let redirect_uri = format!("{origin}/auth/callback");
    let pkce = Pkce::generate();
    let state = random_state();
    let pending = PendingSignIn {
        state: state.clone(),
        verifier: auth.sealer.seal(pkce.verifier.expose_secret().as_bytes()),
        redirect_uri: redirect_uri.clone(),
        next,
        started: now(),
        without_openid,
    };
    if let Err(e) = session.insert(PENDING, &pending).await {
        tracing::error!(error = %e, "could not store the sign-in in the session");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "Sign-in is unavailable right now; try again.",
        )
            .into_response();
    }
    let mut url = authorize_url(
        auth.gateway.config(),
        &redirect_uri,
        &pending_scope(auth, without_openid),
        &state,
        &pkce.challenge,
    );
    if auth.demo {
        // the simulator shares this listener: send the browser to it on the address the browser uses, the
        // one its redirect rule (`/auth/callback` on the same host) compares the callback with
        if let Ok(o) = url::Url::parse(&origin) {
            let _ = url.set_scheme(o.scheme());
            let _ = url.set_host(o.host_str());
            let _ = url.set_port(o.port());
        }
    }
    see_other(url.as_str())
}

/// Service mode: check the local account, then start a fresh session.
async fn local_sign_in(
    auth: &Auth,
    ip: std::net::IpAddr,
    session: &Session,
    name: String,
    password: String,
    next: String,
) -> Response {
    if name.is_empty() || password.is_empty() {
        let error = "Enter your user name and password.".to_owned();
        return refused(auth, StatusCode::BAD_REQUEST, error, name, next);
    }
    let checked = match auth.limits.check_password(&name, ip).await {
        Ok(checked) => checked,
        Err(_) => return crate::shared::unavailable_page(),
    };
    if let Err((refusal, wait)) = checked {
        audit_failure(auth, &name, ip, refusal.why());
        return too_many(auth, wait, name, next);
    }
    let verified = match &auth.users {
        Some(users) => users.verify(&name, &password).await,
        None => None,
    };
    let Some(canonical) = verified else {
        if let Ok(Some(addresses)) = auth.limits.record_failure(&name, ip).await {
            audit_ceiling(auth, &name, ip, addresses);
        }
        audit_failure(auth, &name, ip, "wrong user name or password");
        let error = "That user name and password do not match.".to_owned();
        return refused(auth, StatusCode::UNAUTHORIZED, error, name, next);
    };
    if let Err(e) = auth.limits.record_success(&name, ip).await {
        tracing::warn!(error = %e, "could not clear the failed sign-ins of a successful one");
    }
    let signed = SignedIn::new("local", canonical.clone(), canonical);
    begin_session(auth, session, signed, ip, &next).await
}

/// Rotates the session id, stores the person and goes on to `next`.
pub async fn begin_session(
    auth: &Auth,
    session: &Session,
    mut signed: SignedIn,
    ip: std::net::IpAddr,
    next: &str,
) -> Response {
    signed.binding = Some(auth.binding.clone());
    let stored = async {
        session.cycle_id().await?;
        session.insert(SIGNED_IN, &signed).await
    };
    if let Err(e) = stored.await {
        tracing::error!(error = %e, "could not store the session");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "Sign-in is unavailable right now; try again.",
        )
            .into_response();
    }
    auth.audit.write(
        &AuditEvent {
            action: "sign_in",
            result: "ok",
            ip: Some(ip.to_string()),
            ..Default::default()
        }
        .by(&signed.user()),
    );
    see_other(next)
}

/// `POST /logout`: ends the session on the server.
pub async fn logout(
    State(auth): State<Auth>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    if let Ok(Some(signed)) = session.get::<SignedIn>(SIGNED_IN).await {
        let peer = auth.proxies.client_ip(peer, &headers);
        let event = AuditEvent {
            action: "sign_out",
            result: "ok",
            ip: Some(peer.to_string()),
            ..Default::default()
        };
        close_session(&auth, &session, &signed, event).await;
    } else {
        flush(&session).await;
    }
    see_other("/login?signed_out=1")
}

/// A failed sign-in in the audit log.
pub fn audit_failure(auth: &Auth, tried: &str, ip: std::net::IpAddr, why: &str) {
    let tried: String = tried.chars().take(64).collect();
    auth.audit.write(&AuditEvent {
        action: "sign_in_failed",
        who: (!tried.is_empty()).then_some(tried),
        result: "error",
        detail: Some(why.to_owned()),
        ip: Some(ip.to_string()),
        ..Default::default()
    });
}

/// The per-account ceiling engaged for `tried` (failures from `addresses` addresses) in the audit log.
fn audit_ceiling(auth: &Auth, tried: &str, ip: std::net::IpAddr, addresses: usize) {
    use super::limits::{CEILING_FAILURES, CEILING_WINDOW};
    let detail = format!(
        "{CEILING_FAILURES} or more failed sign-ins within {} minutes from {addresses} addresses: \
         every sign-in to this account waits until they age out",
        CEILING_WINDOW.as_secs() / 60
    );
    auth.audit.write(&AuditEvent {
        action: "sign_in_ceiling",
        who: Some(tried.chars().take(64).collect()),
        result: "error",
        detail: Some(detail),
        ip: Some(ip.to_string()),
        ..Default::default()
    });
}

fn too_many(auth: &Auth, wait: u64, name: String, next: String) -> Response {
    let error = format!("Too many sign-in attempts. Try again in {wait} s.");
    let mut res = refused(auth, StatusCode::TOO_MANY_REQUESTS, error, name, next);
    if let Ok(v) = wait.to_string().parse() {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// The sign-in page again with `status` and `error`, the name and destination kept.
fn refused(auth: &Auth, status: StatusCode, error: String, name: String, next: String) -> Response {
    let view = LoginView {
        error: Some(error),
        name,
        next,
        ..Default::default()
    };
    page(auth, status, view)
}

/// The sign-in page with `status`.
pub fn page(auth: &Auth, status: StatusCode, view: LoginView) -> Response {
    (status, Html(render(auth.mode, auth.demo, &auth.css, &view))).into_response()
}

/// The scope a sign-in asks for: the agent scope, without `openid` on the second try.
pub(super) fn pending_scope(auth: &Auth, without_openid: bool) -> String {
    if without_openid {
        super::without_openid(&auth.agent_scope)
    } else {
        auth.agent_scope.clone()
    }
}

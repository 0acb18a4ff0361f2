//! The session gate in front of every page, server function and export: without a signed-in session a page
//! redirects to `/login?next=…` and a server function answers 401. It hands the request its HaloPSA client
//! (the agent's or the app's), the signed-in person and the audit log, and keeps the session current.

use super::next_path::login_redirect;
use super::signed_in::{SignedIn, SIGNED_IN};
use super::{now, Auth};
use crate::settings::AuthMode;
use app::audit::AuditEvent;
use app::errors::AppError;
use app::state::server::RequestHalo;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, Method, StatusCode};
use tower_sessions::Session;

/// Paths anyone may request: probes, the sign-in page and the OAuth callback. (Site assets and the
/// simulator under `/_sim` are served before this gate; `/metrics` has its own check.)
pub const PUBLIC_PATHS: &[&str] = &["/healthz", "/readyz", "/login", "/auth/callback"];

/// Server functions live under this prefix.
pub const SERVER_FN_PREFIX: &str = "/api/";

/// Whether `path` is open without a session.
pub fn is_public(path: &str) -> bool {
    PUBLIC_PATHS.contains(&path)
}

/// The middleware.
pub async fn gate(
    State(auth): State<Auth>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    if is_public(req.uri().path()) {
        return next.run(req).await;
    }
    let signed: Option<SignedIn> = match session.get(SIGNED_IN).await {
        Ok(signed) => signed,
        Err(e) => {
            // the store (Redis, with replicas) did not answer: who this is cannot be told
            tracing::error!(error = %e, "could not read the session");
            return crate::shared::unavailable(&req);
        }
    };
    let Some(signed) = signed else {
        return refuse(&req);
    };
    let now = now();
    let session_id = session.id().map(|id| id.to_string());
    if session_id
        .as_ref()
        .is_some_and(|id| auth.ended.contains_key(id))
    {
        // ended here (signed out, revoked) but written back by a request that was still running
        if let Err(e) = session.flush().await {
            tracing::error!(error = %e, "could not end the session");
        }
        return refuse(&req);
    }
    if let Some(why) = stale_reason(&auth, &signed, now) {
        end_session(&auth, &session, &signed, why).await;
        return refuse(&req);
    }
    let client = request_client(&auth, &signed, session_id.as_ref());
    let Some(client) = client else {
        // the tokens cannot be opened (the key changed): sign in again
        end_session(
            &auth,
            &session,
            &signed,
            "the stored HaloPSA tokens could not be read",
        )
        .await;
        return refuse(&req);
    };
    let user = signed.user();
    let page_get = is_page_get(&req);
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let request_halo = client.for_request();
    let path = req.uri().path().to_owned();
    req.extensions_mut()
        .insert(RequestHalo(Some(request_halo.clone())));
    req.extensions_mut().insert(user);
    req.extensions_mut().insert(auth.audit.clone());
    let flash = match (&auth.redis, &session_id) {
        (Some(redis), Some(id)) => match redis.load_flash(id).await {
            Ok(flash) => Some((redis, id, flash)),
            Err(_) => return crate::shared::unavailable(&req),
        },
        _ => None,
    };
    if let Some((_, _, flash)) = &flash {
        req.extensions_mut().insert(flash.clone());
    }

    let mut response = next.run(req).await;
    crate::server_timing::add(&mut response, &path, request_halo.call_times());
    if let Some((redis, id, flash)) = flash {
        if let Err(e) = redis.save_flash(id, &flash).await {
            tracing::error!(error = %e, "could not keep a one-time message");
        }
    }
    if session.id().is_none() {
        // the request ended the session (sign-out): nothing to keep up to date
        return response;
    }

    if response.status() == StatusCode::UNAUTHORIZED && auth.mode == AuthMode::Agent {
        // HaloPSA refused the agent's refresh token: the sign-in is over
        end_session(
            &auth,
            &session,
            &signed,
            "HaloPSA ended the agent's sign-in",
        )
        .await;
        if page_get {
            let to = login_redirect(&path_and_query);
            let sep = if to.contains('?') { '&' } else { '?' };
            return see_other(&format!("{to}{sep}expired=1"));
        }
        return response;
    }
    keep_up_to_date(&auth, &session, signed, &client, now, session_id.as_ref()).await;
    response
}

/// The request's HaloPSA client: the app's in service mode; in agent mode the agent's own (kept per
/// session, so a refreshed token is used at once), or `None` when the stored tokens cannot be opened.
fn request_client(
    auth: &Auth,
    signed: &SignedIn,
    session_id: Option<&String>,
) -> Option<halo::client::HaloClient> {
    match auth.mode {
        AuthMode::Service => auth.app_client.clone(),
        AuthMode::Agent => {
            let kept = session_id.filter(|_| auth.redis.is_none());
            let cached = kept.and_then(|id| auth.agents.get(id));
            cached.or_else(|| {
                let tokens = signed.tokens(&auth.sealer)?;
                let client = auth.gateway.agent_client(signed.id.clone(), tokens);
                if let Some(id) = kept {
                    auth.agents.insert(id.clone(), client.clone());
                }
                Some(client)
            })
        }
    }
}

/// After the response: the last-seen minute and refreshed agent tokens (sealed) go back into the
/// session, unless the session was ended meanwhile.
async fn keep_up_to_date(
    auth: &Auth,
    session: &Session,
    mut signed: SignedIn,
    client: &halo::client::HaloClient,
    now: i64,
    session_id: Option<&String>,
) {
    let dirty = signed.touch(now);
    let mut refreshed = false;
    if let Some(tokens) = client.tokens().await {
        if signed.tokens_changed(&tokens) {
            signed.set_tokens(&auth.sealer, &tokens);
            refreshed = true;
        }
    }
    if dirty || refreshed {
        let ended = session_id.is_some_and(|id| auth.ended.contains_key(id));
        let stored = async {
            if ended {
                return Ok(());
            }
            session.insert(SIGNED_IN, &signed).await?;
            // new tokens are saved now, even when this response is an error (which the session
            // layer would not save): HaloPSA may have spent the old refresh token
            if refreshed {
                session.save().await?;
            }
            Ok::<_, tower_sessions::session::Error>(())
        };
        if let Err(e) = stored.await {
            tracing::error!(error = %e, "could not update the session");
        }
    }
}

/// Why a session no longer stands: it was made for another mode or HaloPSA connection (demo vs service,
/// another tenant or API application), its absolute age, or (local accounts) the account was removed or its
/// password changed after the sign-in.
fn stale_reason(auth: &Auth, signed: &SignedIn, now: i64) -> Option<&'static str> {
    if signed.binding.as_ref() != Some(&auth.binding) {
        return Some("the session was made for another sign-in mode or HaloPSA connection");
    }
    if signed.outlived(auth.max_age, now) {
        return Some("the session reached its longest allowed age");
    }
    if signed.kind == "local" {
        let valid = auth
            .users
            .as_ref()
            .is_some_and(|u| u.session_valid(&signed.id, signed.created));
        if !valid {
            return Some("the account was removed or its password changed");
        }
    }
    None
}

/// Ends the session on the server and writes why to the audit log.
pub async fn end_session(auth: &Auth, session: &Session, signed: &SignedIn, why: &str) {
    let event = AuditEvent {
        action: "session_ended",
        result: "ok",
        detail: Some(why.to_owned()),
        ..Default::default()
    };
    close_session(auth, session, signed, event).await;
}

/// Ends `signed`'s session on the server (its id refused from now on, its HaloPSA client dropped)
/// and writes `event`, by that person, to the audit log.
pub async fn close_session(auth: &Auth, session: &Session, signed: &SignedIn, event: AuditEvent) {
    if let Some(id) = session.id() {
        auth.ended.insert(id.to_string(), ());
        auth.agents.invalidate(&id.to_string());
    }
    auth.audit.write(&event.by(&signed.user()));
    flush(session).await;
}

/// Deletes the session from the store (the browser's cookie then names nothing).
pub async fn flush(session: &Session) {
    if let Err(e) = session.flush().await {
        tracing::error!(error = %e, "could not end the session");
    }
}

fn is_page_get(req: &Request) -> bool {
    matches!(*req.method(), Method::GET | Method::HEAD)
        && !req.uri().path().starts_with(SERVER_FN_PREFIX)
}

/// Whether the request asks for a page (`Accept: text/html`): a form posted without JavaScript, not a server
/// function called by the browser's code.
pub fn wants_html(req: &Request) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

/// No session: pages go to the sign-in page, server functions (and anything else) answer 401.
fn refuse(req: &Request) -> Response {
    if is_page_get(req) {
        let pq = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        return see_other(&login_redirect(pq));
    }
    if wants_html(req) {
        // a form posted without JavaScript after the session ended
        let body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in needed · Haloscope</title></head>\
            <body><main><h1>Sign-in needed</h1><p>Your session has ended, so nothing was changed. \
            <a href=\"/login\">Sign in</a> and try again.</p></main></body></html>";
        return (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response();
    }
    let body = serde_json::to_string(&AppError::SignInRequired).unwrap_or_default();
    (
        StatusCode::UNAUTHORIZED,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// `303 See Other` to a local path.
pub fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_owned())],
    )
        .into_response()
}

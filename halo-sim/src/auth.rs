//! The authorisation server: `POST /auth/token` (client credentials, authorisation code + PKCE,
//! refresh token), the sign-in page `GET /auth/authorize`, and the token store the resource server checks.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::auth_state::{random_token, Bounds, Code};
pub(crate) use crate::auth_state::{AuthState, Grant, CODE_TTL};
use crate::config::DemoAgent;
use crate::redirect::{found, redirect_allowed, reject, with_query, AuthReject};
use crate::scope;
use crate::sim::Inner;

/// What an on-premise install says to a request that names a tenant (it has none).
const ON_PREMISE: &str =
    "this HaloPSA is installed on premise and has no tenants: send no tenant parameter";

/// A refused token request, rendered as an OAuth error reply.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TokenError {
    /// 400 `invalid_request`.
    #[error("invalid request: {0}")]
    InvalidRequest(&'static str),
    /// 401 `invalid_client`: wrong client id or secret.
    #[error("invalid client")]
    InvalidClient,
    /// 400 `invalid_grant`: unknown or spent code, bad verifier, unknown refresh token.
    #[error("invalid grant: {0}")]
    InvalidGrant(&'static str),
    /// 400 `invalid_scope`.
    #[error("invalid scope: {0}")]
    InvalidScope(String),
    /// 400 `unsupported_grant_type`.
    #[error("unsupported grant type")]
    UnsupportedGrantType,
}

impl IntoResponse for TokenError {
    fn into_response(self) -> Response {
        let (status, error, description) = match &self {
            TokenError::InvalidRequest(d) => {
                (StatusCode::BAD_REQUEST, "invalid_request", d.to_string())
            }
            TokenError::InvalidClient => {
                (StatusCode::UNAUTHORIZED, "invalid_client", String::new())
            }
            TokenError::InvalidGrant(d) => {
                (StatusCode::BAD_REQUEST, "invalid_grant", d.to_string())
            }
            TokenError::InvalidScope(d) => (StatusCode::BAD_REQUEST, "invalid_scope", d.clone()),
            TokenError::UnsupportedGrantType => (
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                String::new(),
            ),
        };
        (
            status,
            Json(json!({ "error": error, "error_description": description })),
        )
            .into_response()
    }
}

fn form_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .unwrap_or_default()
}

fn lookup<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Client id and secret from HTTP Basic, if sent that way.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// The requested scopes, or the first this install does not know: one Halo has no such name for, or one
/// of [`SimConfig::unknown_scopes`](crate::SimConfig::unknown_scopes).
fn known_scopes(sim: &Inner, requested: Option<&str>) -> Result<Vec<String>, String> {
    let scopes = scope::parse(requested)?;
    known_here(sim, scopes)
}

/// `scopes`, or the first of them in [`SimConfig::unknown_scopes`](crate::SimConfig::unknown_scopes).
fn known_here(sim: &Inner, scopes: Vec<String>) -> Result<Vec<String>, String> {
    match scopes.iter().find(|s| sim.cfg.unknown_scopes.contains(s)) {
        Some(unknown) => Err(unknown.clone()),
        None => Ok(scopes),
    }
}

/// Parses the requested scopes and limits them to the app's grant.
fn requested_scopes(sim: &Inner, requested: Option<&str>) -> Result<Vec<String>, TokenError> {
    let scopes = known_scopes(sim, requested)
        .map_err(|bad| TokenError::InvalidScope(format!("unknown scope {bad}")))?;
    scope::limit(scopes, sim.cfg.granted_scopes.as_deref()).ok_or_else(|| {
        TokenError::InvalidScope(
            "none of the requested scopes is granted to this application".into(),
        )
    })
}

/// `POST /auth/token?tenant=…`.
pub(crate) async fn token(
    State(sim): State<Arc<Inner>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match grant_token(&sim, query.as_deref(), &headers, &body) {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

fn grant_token(
    sim: &Inner,
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, TokenError> {
    let query = form_pairs(query);
    let form = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default();
    let field = |name: &str| lookup(&form, name);

    let tenant = lookup(&query, "tenant").or_else(|| field("tenant"));
    match (sim.cfg.on_premise, tenant) {
        (false, Some(t)) if t.eq_ignore_ascii_case(&sim.cfg.tenant) => {}
        (false, Some(_)) => return Err(TokenError::InvalidRequest("unknown tenant")),
        (false, None) => {
            return Err(TokenError::InvalidRequest(
                "the tenant query parameter is required",
            ))
        }
        (true, Some(_)) => return Err(TokenError::InvalidRequest(ON_PREMISE)),
        (true, None) => {}
    }

    if let Some(unknown) = field("scope")
        .into_iter()
        .flat_map(str::split_whitespace)
        .find(|s| sim.cfg.unknown_scopes.iter().any(|u| u == s))
    {
        return Err(TokenError::InvalidScope(format!("unknown scope {unknown}")));
    }

    let basic = basic_credentials(headers);
    let client_id = field("client_id")
        .map(str::to_owned)
        .or_else(|| basic.as_ref().map(|b| b.0.clone()));
    let client_secret = field("client_secret")
        .map(str::to_owned)
        .or_else(|| basic.as_ref().map(|b| b.1.clone()));
    if client_id.as_deref() != Some(sim.cfg.client_id.as_str()) {
        return Err(TokenError::InvalidClient);
    }
    let secret_ok = client_secret.as_deref() == Some(sim.cfg.client_secret.as_str());
    // a public client may leave the secret out, but a wrong one is refused
    if client_secret.is_some() && !secret_ok {
        return Err(TokenError::InvalidClient);
    }

    let grant = match field("grant_type") {
        Some("client_credentials") => {
            if !secret_ok {
                return Err(TokenError::InvalidClient);
            }
            Grant {
                client_id: sim.cfg.client_id.clone(),
                scopes: requested_scopes(sim, field("scope"))?,
                agent_id: sim.cfg.agents.first().map_or(1, |a| a.id),
            }
        }
        Some("authorization_code") => code_grant(sim, &field, secret_ok)?,
        Some("refresh_token") => {
            let refresh = field("refresh_token")
                .ok_or(TokenError::InvalidRequest("refresh_token missing"))?;
            let grant = sim
                .auth_state()
                .refresh_grant(refresh)
                .ok_or(TokenError::InvalidGrant("unknown refresh token"))?;
            if sim.cfg.strict {
                // rotated: a new refresh token comes back and the one just used stops working
                let (access, fresh) = {
                    let mut state = sim.auth_state();
                    state.forget_refresh(refresh);
                    state.issue(grant.clone(), sim.cfg.token_ttl, true, bounds(sim))
                };
                return Ok(token_reply(sim, &grant, access, fresh));
            }
            // lenient: the refresh token is not rotated, the same one comes back
            let (access, _) =
                sim.auth_state()
                    .issue(grant.clone(), sim.cfg.token_ttl, false, bounds(sim));
            return Ok(token_reply(sim, &grant, access, Some(refresh.to_owned())));
        }
        Some(_) => return Err(TokenError::UnsupportedGrantType),
        None => return Err(TokenError::InvalidRequest("grant_type missing")),
    };
    let (access, refresh) =
        sim.auth_state()
            .issue(grant.clone(), sim.cfg.token_ttl, true, bounds(sim));
    Ok(token_reply(sim, &grant, access, refresh))
}

/// The grant behind an authorization code: the code is spent, and the redirect URI and the PKCE verifier
/// (or, without PKCE, the client's secret) must match.
fn code_grant<'a>(
    sim: &Inner,
    field: &impl Fn(&str) -> Option<&'a str>,
    secret_ok: bool,
) -> Result<Grant, TokenError> {
    let code = field("code").ok_or(TokenError::InvalidRequest("code missing"))?;
    let pending = sim
        .auth_state()
        .take_code(code)
        .ok_or(TokenError::InvalidGrant("unknown code"))?;
    if field("redirect_uri") != Some(pending.redirect_uri.as_str()) {
        return Err(TokenError::InvalidGrant("redirect_uri does not match"));
    }
    match &pending.challenge {
        Some((challenge, method)) => {
            let verifier =
                field("code_verifier").ok_or(TokenError::InvalidGrant("code_verifier missing"))?;
            let computed = if method == "S256" {
                URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
            } else {
                verifier.to_owned()
            };
            if &computed != challenge {
                return Err(TokenError::InvalidGrant("code_verifier does not match"));
            }
        }
        // without PKCE the client must authenticate
        None if !secret_ok => return Err(TokenError::InvalidClient),
        None => {}
    }
    Ok(pending.grant)
}

/// The store bounds of this simulator's configuration.
fn bounds(sim: &Inner) -> Bounds {
    Bounds {
        max_codes: sim.cfg.max_codes,
        max_refresh: sim.cfg.max_refresh_tokens,
        refresh_ttl: sim.cfg.refresh_ttl,
    }
}

fn token_reply(sim: &Inner, grant: &Grant, access: String, refresh: Option<String>) -> Response {
    let mut body = json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": sim.cfg.token_ttl.as_secs(),
        "scope": grant.scopes.join(" "),
        "id_token": id_token(sim, grant),
    });
    if let Some(r) = refresh {
        body["refresh_token"] = json!(r);
    }
    crate::faults::omit_id_token_if_asked(sim, &mut body);
    let mut resp = Json(body).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
    resp
}

/// A JWT naming the technician the token acts as. Signed with a hash of the client secret
/// (a stand-in: nobody should verify it).
fn id_token(sim: &Inner, grant: &Grant) -> String {
    let agent = sim.cfg.agents.iter().find(|a| a.id == grant.agent_id);
    let now = chrono::Utc::now().timestamp();
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = json!({
        "iss": format!("{}/auth", sim.cfg.base_path),
        "aud": grant.client_id,
        "sub": grant.agent_id.to_string(),
        "name": agent.map(|a| a.name.clone()),
        "email": agent.map(|a| a.email.clone()),
        "tenant": sim.cfg.tenant,
        "iat": now,
        "exp": now + sim.cfg.token_ttl.as_secs() as i64,
    });
    let payload = URL_SAFE_NO_PAD.encode(payload.to_string());
    let mut h = Sha256::new();
    h.update(sim.cfg.client_secret.as_bytes());
    h.update(header.as_bytes());
    h.update(b".");
    h.update(payload.as_bytes());
    format!(
        "{header}.{payload}.{}",
        URL_SAFE_NO_PAD.encode(h.finalize())
    )
}

/// The parameters of an authorisation request, checked: as an extractor, `/authorize` and `/approve`
/// answer its refusal instead of running.
pub(crate) struct AuthRequest {
    pub(crate) pairs: Vec<(String, String)>,
    redirect_uri: String,
    state: Option<String>,
    scopes: Vec<String>,
    challenge: Option<(String, String)>,
}

fn check_authorize(
    sim: &Inner,
    raw: Option<&str>,
    headers: &HeaderMap,
) -> Result<AuthRequest, (AuthReject, String)> {
    let pairs = form_pairs(raw);
    let get = |n: &str| lookup(&pairs, n).map(str::to_owned);
    let page = |msg: &str| (AuthReject::Page(msg.to_owned()), String::new());
    if get("client_id").as_deref() != Some(sim.cfg.client_id.as_str()) {
        return Err(page("Unknown application (client_id)."));
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let redirect_uri = match get("redirect_uri") {
        Some(r) if redirect_allowed(&sim.cfg.redirects, &r, host) => r,
        Some(_) => {
            return Err(page(
                "That redirect_uri is not registered for this application.",
            ))
        }
        None => return Err(page("A valid redirect_uri is required.")),
    };
    if let Some(t) = get("tenant") {
        if sim.cfg.on_premise {
            return Err(page(ON_PREMISE));
        }
        if !t.eq_ignore_ascii_case(&sim.cfg.tenant) {
            return Err(page("Unknown tenant."));
        }
    }
    let to_redirect = |e: &str| (AuthReject::Redirect(e.to_owned()), redirect_uri.clone());
    if get("response_type").as_deref() != Some("code") {
        return Err(to_redirect("unsupported_response_type"));
    }
    let scopes = scope::parse(get("scope").as_deref())
        .and_then(|s| match sim.cfg.unknown_scopes_at_authorize {
            true => known_here(sim, s),
            false => Ok(s),
        })
        .ok()
        .and_then(|s| scope::limit(s, sim.cfg.granted_scopes.as_deref()))
        .ok_or_else(|| to_redirect("invalid_scope"))?;
    let challenge = match get("code_challenge") {
        Some(c) => {
            let method = get("code_challenge_method").unwrap_or_else(|| "plain".to_owned());
            if method != "S256" && method != "plain" {
                return Err(to_redirect("invalid_request"));
            }
            Some((c, method))
        }
        None => None,
    };
    Ok(AuthRequest {
        state: get("state"),
        pairs,
        redirect_uri,
        scopes,
        challenge,
    })
}

/// HTML-escapes text for element content and quoted attributes (`& < > " '`).
pub(crate) fn escape_html(s: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_quoted_attribute(s)
}

/// The checked authorisation request of `/authorize` and `/approve`, or the refusal to answer with
/// (sent back to the client with its `state` where the redirect URI can be trusted).
impl FromRequestParts<Arc<Inner>> for AuthRequest {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, sim: &Arc<Inner>) -> Result<Self, Response> {
        let raw = parts.uri.query();
        check_authorize(sim, raw, &parts.headers).map_err(|(e, uri)| {
            let state = form_pairs(raw);
            reject(e, &uri, lookup(&state, "state"))
        })
    }
}

/// `GET /auth/approve`: the chosen technician; redirects back with `code` and `state`.
pub(crate) async fn approve(State(sim): State<Arc<Inner>>, req: AuthRequest) -> Response {
    let agent: Option<&DemoAgent> = lookup(&req.pairs, "agent_id")
        .and_then(|id| id.parse::<i64>().ok())
        .and_then(|id| sim.cfg.agents.iter().find(|a| a.id == id));
    let Some(agent) = agent else {
        return reject(
            AuthReject::Redirect("access_denied".into()),
            &req.redirect_uri,
            req.state.as_deref(),
        );
    };
    let code = random_token();
    let pending = Code {
        grant: Grant {
            client_id: sim.cfg.client_id.clone(),
            scopes: req.scopes.clone(),
            agent_id: agent.id,
        },
        redirect_uri: req.redirect_uri.clone(),
        challenge: req.challenge,
        expires_at: Instant::now() + CODE_TTL,
    };
    sim.auth_state()
        .add_code(code.clone(), pending, bounds(&sim));
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = req.state.as_deref() {
        params.push(("state", s));
    }
    found(&with_query(&req.redirect_uri, &params))
}

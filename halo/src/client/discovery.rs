//! Where a tenant signs in, asked of HaloPSA itself. `GET {HALO_URL}/api/authinfo` is anonymous and names
//! the authorisation server (`auth_url`) and the tenant (`tenant_id`), the way the HaloAPI PowerShell
//! module reads them. An install that does not offer it (an older or on-premise one) signs in at
//! `{HALO_URL}/auth` with no tenant, which is how on-premise HaloPSA names its token endpoint.

use serde::Deserialize;
use std::time::Duration;
use url::Url;

/// Where the authorisation server is and which tenant to name to it (`None`: on-premise, no `?tenant=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthTarget {
    /// The authorisation server; its token endpoint is `{auth_url}/token`.
    pub auth_url: Url,
    /// The tenant to send as `?tenant=`; `None` on premise.
    pub tenant: Option<String>,
}

/// What asking HaloPSA gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discovery {
    /// `/api/authinfo` answered with an authorisation server.
    Found(AuthTarget),
    /// It did not (`why` says how): sign in at `{HALO_URL}/auth`, with no tenant unless one is configured.
    Fallback {
        /// `{HALO_URL}/auth`, no tenant.
        target: AuthTarget,
        /// Why the answer could not be used, for the log.
        why: String,
    },
}

/// `/api/authinfo`'s answer; the tenant may come as text or as a number, and on-premise as empty.
#[derive(Deserialize)]
struct AuthInfo {
    auth_url: Option<String>,
    tenant_id: Option<serde_json::Value>,
}

/// Attempts at an unreachable or failing (5xx) HaloPSA before falling back, and the wait before each retry.
const BACKOFF: [Duration; 2] = [Duration::from_millis(500), Duration::from_secs(2)];

/// Asks `{base}/api/authinfo`; retries twice on a broken connection or a 5xx, never on an answer that
/// says the endpoint is not there (404, not JSON, no `auth_url`).
pub async fn discover(base: &Url, timeout: Duration) -> Discovery {
    let fallback = |why: String| Discovery::Fallback {
        target: AuthTarget {
            auth_url: join(base, "auth"),
            tenant: None,
        },
        why,
    };
    let http = match reqwest::Client::builder()
        .timeout(timeout)
        .user_agent(concat!("Haloscope/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(h) => h,
        Err(e) => return fallback(format!("no HTTP client: {e}")),
    };
    let url = join(base, "api/authinfo");
    let mut attempt = 0;
    loop {
        let why = match ask(&http, &url).await {
            Asked::Info(info) => match read(info) {
                Ok(target) => return Discovery::Found(target),
                Err(why) => return fallback(why),
            },
            Asked::Absent(why) => return fallback(why),
            Asked::Failed(why) => why,
        };
        match BACKOFF.get(attempt) {
            Some(wait) => tokio::time::sleep(*wait).await,
            None => return fallback(why),
        }
        attempt += 1;
    }
}

enum Asked {
    Info(AuthInfo),
    /// The endpoint is not offered: falling back at once is right.
    Absent(String),
    /// HaloPSA could not answer now: worth another try.
    Failed(String),
}

async fn ask(http: &reqwest::Client, url: &Url) -> Asked {
    let res = match http.get(url.clone()).send().await {
        Ok(r) => r,
        Err(e) => return Asked::Failed(format!("{url} could not be reached ({e})")),
    };
    let status = res.status();
    if status.is_server_error() {
        return Asked::Failed(format!("{url} answered HTTP {}", status.as_u16()));
    }
    if !status.is_success() {
        return Asked::Absent(format!("{url} answered HTTP {}", status.as_u16()));
    }
    match res.json::<AuthInfo>().await {
        Ok(info) => Asked::Info(info),
        Err(_) => Asked::Absent(format!("{url} did not answer with its JSON")),
    }
}

/// The target an answer names; an answer without a usable `auth_url` counts as no answer.
fn read(info: AuthInfo) -> Result<AuthTarget, String> {
    let auth_url = info
        .auth_url
        .filter(|u| !u.trim().is_empty())
        .ok_or("its answer named no auth_url")?;
    let auth_url = Url::parse(auth_url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| format!("its auth_url {auth_url:?} is not an http(s) URL"))?;
    let tenant = match info.tenant_id {
        Some(serde_json::Value::String(s)) => Some(s.trim().to_owned()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
    .filter(|t| !t.is_empty());
    Ok(AuthTarget { auth_url, tenant })
}

/// `base` + `/path`, keeping any path the base already has (`https://h/halo` → `https://h/halo/auth`).
pub fn join(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    url.set_path(&format!("{}/{path}", base.path().trim_end_matches('/')));
    url.set_query(None);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(json: serde_json::Value) -> AuthInfo {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn an_answer_names_the_server_and_a_text_or_numeric_tenant() {
        let t = read(info(
            serde_json::json!({"auth_url": "https://auth.example/auth", "tenant_id": "acme"}),
        ));
        assert_eq!(t.unwrap().tenant.as_deref(), Some("acme"));
        let t = read(info(
            serde_json::json!({"auth_url": "https://h/auth", "tenant_id": 42}),
        ))
        .unwrap();
        assert_eq!(
            (t.auth_url.as_str(), t.tenant.as_deref()),
            ("https://h/auth", Some("42"))
        );
        let on_prem = read(info(
            serde_json::json!({"auth_url": "https://h/auth", "tenant_id": ""}),
        ));
        assert_eq!(on_prem.unwrap().tenant, None);
    }

    #[test]
    fn an_answer_without_a_usable_server_is_no_answer() {
        assert!(read(info(serde_json::json!({"tenant_id": "acme"}))).is_err());
        assert!(read(info(serde_json::json!({"auth_url": "javascript:alert(1)"}))).is_err());
        assert!(read(info(serde_json::json!({"auth_url": " "}))).is_err());
    }

    #[test]
    fn paths_join_under_the_base_path() {
        let base = Url::parse("https://h.example/halo/?x=1").unwrap();
        assert_eq!(join(&base, "auth").as_str(), "https://h.example/halo/auth");
        let bare = Url::parse("https://h.example").unwrap();
        assert_eq!(
            join(&bare, "api/authinfo").as_str(),
            "https://h.example/api/authinfo"
        );
    }
}

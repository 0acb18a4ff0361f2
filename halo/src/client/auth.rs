//! Agent sign-in: authorization code + PKCE (S256), the code exchange and the refresh grant.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use url::Url;

use super::config::GatewayConfig;
use super::gateway::Gateway;
use super::token::{agent_form, request_token, Grant, TokenSet};
use crate::Error;

/// A PKCE pair: keep `verifier` in the sign-in session, send `challenge` in the authorize URL.
#[derive(Clone, Debug)]
pub struct Pkce {
    /// The secret verifier (43 URL-safe characters).
    pub verifier: SecretString,
    /// `BASE64URL(SHA256(verifier))`, sent with `code_challenge_method=S256`.
    pub challenge: String,
}

impl Pkce {
    /// A fresh random verifier and its challenge.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        let verifier = URL_SAFE_NO_PAD.encode(bytes);
        let challenge = challenge_for(&verifier);
        Self {
            verifier: SecretString::from(verifier),
            challenge,
        }
    }
}

/// The S256 challenge of a verifier.
pub fn challenge_for(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// A random `state` value for the authorize request.
pub fn random_state() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `GET {auth}/authorize?tenant=…&response_type=code&client_id=…&redirect_uri=…&scope=…&state=…
/// &code_challenge=…&code_challenge_method=S256`: where to send the agent's browser.
pub fn authorize_url(
    cfg: &GatewayConfig,
    redirect_uri: &str,
    scope: &str,
    state: &str,
    challenge: &str,
) -> Url {
    let mut url = GatewayConfig::join(&cfg.auth_url, "authorize");
    {
        let mut q = url.query_pairs_mut();
        if let Some(t) = cfg.tenant.as_deref().filter(|t| !t.is_empty()) {
            q.append_pair("tenant", t);
        }
        q.append_pair("response_type", "code")
            .append_pair("client_id", &cfg.client_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("scope", scope)
            .append_pair("state", state)
            .append_pair("code_challenge", challenge)
            .append_pair("code_challenge_method", "S256");
    }
    url
}

impl Gateway {
    /// Exchanges an authorization code (with its PKCE verifier) for the agent's token set.
    /// A refused code gives [`Error::SignInRequired`].
    pub async fn exchange_code(
        &self,
        code: &str,
        verifier: &SecretString,
        redirect_uri: &str,
        scope: &str,
    ) -> Result<TokenSet, Error> {
        let fields = [
            ("grant_type", "authorization_code"),
            ("redirect_uri", redirect_uri),
            ("code", code),
            ("code_verifier", verifier.expose_secret()),
            ("scope", scope),
        ];
        let form = agent_form(self.config(), &fields);
        request_token(self, Grant::AuthorizationCode, &form).await
    }

    /// Whether HaloPSA's authorisation server answers at all (agent mode's readiness check, where the
    /// server has no token of its own): any answer below 500 counts.
    pub async fn probe(&self) -> Result<(), Error> {
        let resp = self
            .http()
            .get(self.config().auth_url.clone())
            .send()
            .await
            .map_err(super::gateway::transport_error)?;
        let status = resp.status().as_u16();
        if status >= 500 {
            return Err(Error::Upstream {
                status,
                excerpt: String::new(),
            });
        }
        Ok(())
    }

    /// Uses a refresh token for a new token set (keeping the old refresh token when Halo does
    /// not send a new one). A refused refresh gives [`Error::SignInRequired`].
    pub async fn refresh(&self, refresh_token: &SecretString) -> Result<TokenSet, Error> {
        let mut set = super::token::refresh_with(self, refresh_token).await?;
        if set.refresh_token.is_none() {
            set.refresh_token = Some(refresh_token.clone());
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_example_challenge() {
        assert_eq!(
            challenge_for("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let p = Pkce::generate();
        assert_eq!(p.verifier.expose_secret().len(), 43);
        assert_eq!(p.challenge, challenge_for(p.verifier.expose_secret()));
        assert!(!format!("{p:?}").contains(p.verifier.expose_secret()));
    }

    #[test]
    fn authorize_url_has_every_parameter() {
        let mut cfg = GatewayConfig::new(
            "https://x.halopsa.com/api".parse().unwrap(),
            "https://x.halopsa.com/auth".parse().unwrap(),
            "cid",
        );
        cfg.tenant = Some("x".into());
        let u = authorize_url(&cfg, "https://app/cb", "all offline_access", "st", "ch");
        assert_eq!(u.path(), "/auth/authorize");
        let q: Vec<(String, String)> = u.query_pairs().into_owned().collect();
        let get = |k: &str| q.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        assert_eq!(get("tenant"), Some("x"));
        assert_eq!(get("response_type"), Some("code"));
        assert_eq!(get("scope"), Some("all offline_access"));
        assert_eq!(get("code_challenge_method"), Some("S256"));
        assert_eq!(get("redirect_uri"), Some("https://app/cb"));
    }
}

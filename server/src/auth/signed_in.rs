//! What a session holds: the signed-in person (and in agent mode their sealed HaloPSA tokens), or a sign-in
//! in progress (the PKCE verifier and `state` of an authorization request).

use super::sealing::Sealer;
use app::state::server::RequestUser;
use chrono::{DateTime, Utc};
use halo::client::TokenSet;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

/// Session key of [`SignedIn`].
pub const SIGNED_IN: &str = "signed_in";
/// Session key of [`PendingSignIn`].
pub const PENDING: &str = "pending_sign_in";

/// A signed-in person.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SignedIn {
    /// `agent` or `local`.
    pub kind: String,
    /// HaloPSA's agent id, or the local user name.
    pub id: String,
    /// The name shown.
    pub name: String,
    /// Unix seconds of sign-in (the absolute timeout counts from here).
    pub created: i64,
    /// Unix seconds of the last request that touched the session (kept to the minute).
    pub seen: i64,
    /// Agent mode: the sealed token set.
    pub tokens: Option<String>,
    /// Agent mode: a fingerprint of the sealed token set (to notice a refresh without opening the seal).
    pub tokens_fp: Option<String>,
    /// How and against which HaloPSA the session was made; the gate ends it when the running server's
    /// differs (sessions from before this field have none, and end too).
    #[serde(default)]
    pub binding: Option<SessionBinding>,
}

/// What a session is bound to: the sign-in mode and the HaloPSA connection it was made for. A session made
/// in demo mode, or for another tenant or API application, is worthless to a server running otherwise.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SessionBinding {
    /// `service`, `agent` or `demo`.
    pub mode: String,
    /// The HaloPSA API base URL.
    pub api_url: String,
    /// The hosted tenant; `None` on-premise.
    pub tenant: Option<String>,
    /// The API application's client id.
    pub client_id: String,
}

#[derive(Serialize, Deserialize)]
struct StoredTokens {
    access: String,
    refresh: Option<String>,
    expires_at: Option<DateTime<Utc>>,
}

impl SignedIn {
    /// A person signed in now.
    pub fn new(kind: &'static str, id: String, name: String) -> SignedIn {
        let now = Utc::now().timestamp();
        SignedIn {
            kind: kind.to_owned(),
            id,
            name,
            created: now,
            seen: now,
            tokens: None,
            tokens_fp: None,
            binding: None,
        }
    }

    /// Seals `tokens` into the session.
    pub fn set_tokens(&mut self, sealer: &Sealer, tokens: &TokenSet) {
        let stored = StoredTokens {
            access: tokens.access_token.expose_secret().to_owned(),
            refresh: tokens
                .refresh_token
                .as_ref()
                .map(|r| r.expose_secret().to_owned()),
            expires_at: tokens.expires_at,
        };
        let json = serde_json::to_vec(&stored).expect("tokens serialise");
        self.tokens = Some(sealer.seal(&json));
        self.tokens_fp = Some(fingerprint(tokens));
    }

    /// The sealed tokens, or `None` when there are none or the key changed.
    pub fn tokens(&self, sealer: &Sealer) -> Option<TokenSet> {
        let plain = sealer.open(self.tokens.as_deref()?)?;
        let s: StoredTokens = serde_json::from_slice(&plain).ok()?;
        Some(TokenSet::new(s.access, s.refresh, s.expires_at))
    }

    /// Whether `current` differs from the sealed tokens (HaloPSA issued new ones).
    pub fn tokens_changed(&self, current: &TokenSet) -> bool {
        self.tokens_fp.as_deref() != Some(fingerprint(current).as_str())
    }

    /// Whether the session has reached its longest allowed age `max` at unix time `now`.
    pub fn outlived(&self, max: std::time::Duration, now: i64) -> bool {
        now.saturating_sub(self.created) >= max.as_secs() as i64
    }

    /// Whether the last-seen minute should move on (the store's idle expiry is refreshed by that write).
    pub fn touch(&mut self, now: i64) -> bool {
        if now - self.seen >= 60 {
            self.seen = now;
            return true;
        }
        false
    }

    /// The person as the app sees them.
    pub fn user(&self) -> RequestUser {
        RequestUser {
            kind: if self.kind == "agent" {
                "agent"
            } else {
                "local"
            },
            id: self.id.clone(),
            name: self.name.clone(),
        }
    }
}

/// A short SHA-256 fingerprint of a token set (access and refresh token): tells a change, reveals nothing.
fn fingerprint(tokens: &TokenSet) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(tokens.access_token.expose_secret().as_bytes());
    h.update([0]);
    if let Some(r) = &tokens.refresh_token {
        h.update(r.expose_secret().as_bytes());
    }
    h.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A sign-in with HaloPSA in progress.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSignIn {
    /// The `state` sent to the authorize endpoint.
    pub state: String,
    /// The sealed PKCE verifier.
    pub verifier: String,
    /// The redirect URI sent (the code exchange must repeat it).
    pub redirect_uri: String,
    /// Where to go after signing in (a local path).
    pub next: String,
    /// Unix seconds when it started (older than 10 minutes is refused).
    pub started: i64,
    /// Asked without `openid`: HaloPSA refused it once (`invalid_scope`), so this try leaves it out.
    #[serde(default)]
    pub without_openid: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_absolute_age_and_the_seen_minute() {
        let mut s = SignedIn::new("local", "a".into(), "a".into());
        let week = std::time::Duration::from_secs(7 * 86_400);
        assert!(!s.outlived(week, s.created));
        assert!(!s.outlived(week, s.created + 7 * 86_400 - 1));
        assert!(s.outlived(week, s.created + 7 * 86_400));
        let t = s.seen;
        assert!(!s.touch(t + 59), "at most one write a minute");
        assert!(s.touch(t + 60));
        assert_eq!(s.seen, t + 60);
    }

    #[test]
    fn a_session_stored_before_bindings_reads_back_unbound() {
        let old = r#"{"kind":"local","id":"a","name":"a","created":1,"seen":1,"tokens":null,"tokens_fp":null}"#;
        let s: SignedIn = serde_json::from_str(old).unwrap();
        assert_eq!(s.binding, None);
    }

    #[test]
    fn tokens_round_trip_sealed_and_a_refresh_is_noticed() {
        let sealer = Sealer::random();
        let mut s = SignedIn::new("agent", "7".into(), "Alex".into());
        let expiry = Utc::now() + chrono::Duration::hours(1);
        let set = TokenSet::new("acc-1", Some("ref-1".into()), Some(expiry));
        s.set_tokens(&sealer, &set);
        let stored = serde_json::to_string(&s).unwrap();
        assert!(
            !stored.contains("acc-1") && !stored.contains("ref-1"),
            "{stored}"
        );
        let back = s.tokens(&sealer).unwrap();
        assert_eq!(back.access_token.expose_secret(), "acc-1");
        assert_eq!(back.refresh_token.unwrap().expose_secret(), "ref-1");
        assert!(!s.tokens_changed(&set));
        let later = TokenSet::new("acc-2", Some("ref-1".into()), Some(expiry));
        assert!(
            s.tokens_changed(&later),
            "a new access token with the same expiry is noticed"
        );
        assert!(s.tokens(&Sealer::random()).is_none());
    }
}

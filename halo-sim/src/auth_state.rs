//! The authorisation server's stores: access tokens, refresh tokens and pending authorisation codes.
//! Every store is bounded and every entry expires, so a simulator left running (demo mode) cannot be
//! made to hold memory without end by asking for codes or tokens.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

/// An authorisation code must be exchanged within this time.
pub const CODE_TTL: Duration = Duration::from_secs(300);
/// Most live access tokens kept (expired ones are dropped first, then the oldest).
const MAX_ACCESS: usize = 10_000;

/// What an access token stands for.
#[derive(Clone, Debug)]
pub(crate) struct Grant {
    pub client_id: String,
    pub scopes: Vec<String>,
    pub agent_id: i64,
}

pub(crate) struct Access {
    pub grant: Grant,
    pub expires_at: Instant,
}

pub(crate) struct Refresh {
    pub grant: Grant,
    pub expires_at: Instant,
}

pub(crate) struct Code {
    pub grant: Grant,
    pub redirect_uri: String,
    pub challenge: Option<(String, String)>,
    pub expires_at: Instant,
}

/// How big the stores may grow and how long refresh tokens live.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bounds {
    pub max_codes: usize,
    pub max_refresh: usize,
    pub refresh_ttl: Duration,
}

/// Issued tokens and pending authorisation codes.
#[derive(Default)]
pub(crate) struct AuthState {
    pub access: HashMap<String, Access>,
    pub refresh: HashMap<String, Refresh>,
    pub codes: HashMap<String, Code>,
    /// Every access and refresh token issued (the latest 10,000), for leak tests.
    issued: VecDeque<String>,
}

/// Makes room for one more entry in `map`: drops expired entries when it is full, then the ones that
/// expire first until it is below `max`.
fn make_room<V>(map: &mut HashMap<String, V>, max: usize, expires: impl Fn(&V) -> Instant) {
    if map.len() < max {
        return;
    }
    let now = Instant::now();
    map.retain(|_, v| expires(v) > now);
    while map.len() >= max.max(1) {
        let Some(oldest) = map
            .iter()
            .min_by_key(|(_, v)| expires(v))
            .map(|(k, _)| k.clone())
        else {
            return;
        };
        map.remove(&oldest);
    }
}

impl AuthState {
    /// The grant behind a live access token.
    pub fn check(&self, token: &str) -> Option<Grant> {
        self.access
            .get(token)
            .filter(|a| a.expires_at > Instant::now())
            .map(|a| a.grant.clone())
    }

    /// The grant behind a live refresh token.
    pub fn refresh_grant(&self, token: &str) -> Option<Grant> {
        self.refresh
            .get(token)
            .filter(|r| r.expires_at > Instant::now())
            .map(|r| r.grant.clone())
    }

    /// Revokes one refresh token (it was rotated: a new one replaces it).
    pub fn forget_refresh(&mut self, token: &str) {
        self.refresh.remove(token);
    }

    /// Takes a pending code out (a code works once); `None` when unknown or expired.
    pub fn take_code(&mut self, code: &str) -> Option<Code> {
        self.codes
            .remove(code)
            .filter(|c| c.expires_at > Instant::now())
    }

    /// Stores a new code for `grant`, within `bounds`.
    pub fn add_code(&mut self, code: String, pending: Code, bounds: Bounds) {
        make_room(&mut self.codes, bounds.max_codes, |c| c.expires_at);
        self.codes.insert(code, pending);
    }

    pub fn expire_all(&mut self) {
        let now = Instant::now();
        for a in self.access.values_mut() {
            a.expires_at = now;
        }
    }

    /// Every token issued so far (access and refresh), newest last.
    pub fn issued(&self) -> Vec<String> {
        self.issued.iter().cloned().collect()
    }

    fn remember(&mut self, token: &str) {
        if self.issued.len() >= 10_000 {
            self.issued.pop_front();
        }
        self.issued.push_back(token.to_owned());
    }

    pub fn revoke_all(&mut self) {
        self.access.clear();
        self.refresh.clear();
        self.codes.clear();
    }

    /// Issues an access token, plus a refresh token when `new_refresh` and the scopes ask for one.
    pub fn issue(
        &mut self,
        grant: Grant,
        ttl: Duration,
        new_refresh: bool,
        bounds: Bounds,
    ) -> (String, Option<String>) {
        let now = Instant::now();
        make_room(&mut self.access, MAX_ACCESS, |a| a.expires_at);
        let token = random_token();
        let refresh =
            (new_refresh && grant.scopes.iter().any(|s| s == "offline_access")).then(|| {
                let r = random_token();
                make_room(&mut self.refresh, bounds.max_refresh, |r| r.expires_at);
                self.refresh.insert(
                    r.clone(),
                    Refresh {
                        grant: grant.clone(),
                        expires_at: now + bounds.refresh_ttl,
                    },
                );
                r
            });
        self.remember(&token);
        if let Some(r) = &refresh {
            self.remember(r);
        }
        self.access.insert(
            token.clone(),
            Access {
                grant,
                expires_at: now + ttl,
            },
        );
        (token, refresh)
    }
}

pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant() -> Grant {
        Grant {
            client_id: "c".into(),
            scopes: vec!["all".into(), "offline_access".into()],
            agent_id: 1,
        }
    }

    const BOUNDS: Bounds = Bounds {
        max_codes: 3,
        max_refresh: 2,
        refresh_ttl: Duration::from_secs(60),
    };

    #[test]
    fn expired_and_revoked_tokens_fail_the_check() {
        let mut s = AuthState::default();
        let (t, r) = s.issue(grant(), Duration::from_secs(60), true, BOUNDS);
        assert!(r.is_some());
        assert!(s.check(&t).is_some());
        s.expire_all();
        assert!(s.check(&t).is_none());
        s.revoke_all();
        assert!(s.refresh.is_empty());
    }

    #[test]
    fn refresh_tokens_are_bounded_and_expire() {
        let mut s = AuthState::default();
        let refresh: Vec<String> = (0..5)
            .map(|_| {
                s.issue(grant(), Duration::from_secs(60), true, BOUNDS)
                    .1
                    .unwrap()
            })
            .collect();
        assert_eq!(s.refresh.len(), 2);
        assert!(s.refresh_grant(&refresh[0]).is_none(), "the oldest went");
        assert!(s.refresh_grant(&refresh[4]).is_some());
        let short = Bounds {
            refresh_ttl: Duration::ZERO,
            ..BOUNDS
        };
        let (_, r) = s.issue(grant(), Duration::from_secs(60), true, short);
        assert!(s.refresh_grant(&r.unwrap()).is_none(), "expired");
    }

    #[test]
    fn codes_are_bounded() {
        let mut s = AuthState::default();
        for i in 0..10 {
            let code = Code {
                grant: grant(),
                redirect_uri: "http://127.0.0.1/auth/callback".into(),
                challenge: None,
                expires_at: Instant::now() + CODE_TTL + Duration::from_millis(i),
            };
            s.add_code(format!("code-{i}"), code, BOUNDS);
        }
        assert_eq!(s.codes.len(), 3);
        assert!(s.take_code("code-0").is_none());
        assert!(s.take_code("code-9").is_some());
        assert!(s.take_code("code-9").is_none(), "a code works once");
    }
}

//! Tokens with replicas: one HaloPSA token request where N replicas would each make one. The app's
//! client-credentials token is asked for by one replica and kept (sealed) in the shared store for the
//! others; an agent's refresh token, which HaloPSA may rotate (the old one then stops working), is spent by
//! one replica only, and the tokens it brought are kept under the old refresh token's hash for a while, so
//! a replica that still holds the old one takes the new ones instead of spending it again (which would sign
//! the person out).

use std::future::Future;
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use super::shared::SharedState;
use super::token::{TokenSet, RENEW_BEFORE_EXPIRY};
use crate::Error;

/// The longest one replica holds a token renewal before the others may try.
const HOLD: Duration = Duration::from_secs(15);
/// How long the tokens a refresh brought are kept for the replicas that still hold the old refresh token.
const REFRESHED_FOR: Duration = Duration::from_secs(600);
/// How often a replica waiting for another's renewal looks again.
const POLL: Duration = Duration::from_millis(100);

/// Whether `set` may be used: not near expiry and not the token HaloPSA just refused.
fn usable(set: &TokenSet, refused: Option<&SecretString>) -> bool {
    let same = refused.is_some_and(|r| r.expose_secret() == set.access_token.expose_secret());
    !same && !set.expires_within(RENEW_BEFORE_EXPIRY)
}

/// How long to keep the app token: until it expires (an hour when HaloPSA did not say).
fn lifetime(set: &TokenSet) -> Duration {
    set.expires_at
        .and_then(|at| (at - chrono::Utc::now()).to_std().ok())
        .unwrap_or(Duration::from_secs(3600))
}

/// The token kept under `name` if `accept` takes it; else one replica runs `fetch` under the lock and
/// keeps its tokens for `keep_for`, while the others wait for them. A holder that dies lets the lock lapse.
async fn once<F, Fut>(
    shared: &dyn SharedState,
    name: &str,
    accept: impl Fn(&TokenSet) -> bool,
    keep_for: impl Fn(&TokenSet) -> Duration,
    fetch: F,
) -> Result<TokenSet, Error>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<TokenSet, Error>>,
{
    let lock = format!("{name}:lock");
    let give_up = Instant::now() + HOLD + HOLD;
    loop {
        if let Some(set) = shared.token(name).await?.filter(|s| accept(s)) {
            return Ok(set);
        }
        if shared.lock(&lock, HOLD).await? || Instant::now() >= give_up {
            break;
        }
        tokio::time::sleep(POLL).await;
    }
    // under the lock: another replica may have kept one just before it let go
    if let Some(set) = shared.token(name).await?.filter(|s| accept(s)) {
        shared.unlock(&lock).await?;
        return Ok(set);
    }
    let fetched = fetch().await;
    if let Ok(set) = &fetched {
        shared.keep_token(name, set, keep_for(set)).await?;
    }
    shared.unlock(&lock).await?;
    fetched
}

/// The app's token for the API application `key`, asked for by one replica.
pub(crate) async fn app_token<F, Fut>(
    shared: &dyn SharedState,
    key: &str,
    refused: Option<&SecretString>,
    fetch: F,
) -> Result<TokenSet, Error>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<TokenSet, Error>>,
{
    let name = format!("token:app:{key}");
    once(shared, &name, |s| usable(s, refused), lifetime, fetch).await
}

/// The tokens `refresh` brings, spent by one replica only.
pub(crate) async fn refreshed<F, Fut>(
    shared: &dyn SharedState,
    refresh: &SecretString,
    fetch: F,
) -> Result<TokenSet, Error>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<TokenSet, Error>>,
{
    let digest = Sha256::digest(refresh.expose_secret().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("token:refreshed:{hex}");
    once(shared, &name, |_| true, |_| REFRESHED_FOR, fetch).await
}

//! [`HaloClient`]: a gateway plus a token source; the 401 handling and status mapping.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use secrecy::SecretString;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::gateway::{Call, Gateway, Reply};
use super::limiter::CallClass;
use super::retry::Method;
use super::token::{TokenSet, TokenSource};
use crate::error::{excerpt, field_errors, validation_message};
use crate::Error;

/// Talks to Halo as one principal (the app, or one signed-in agent) through a shared
/// [`Gateway`]. Cheap to clone. Entity accessors ([`HaloClient::clients`], …) give the typed
/// operations.
#[derive(Clone)]
pub struct HaloClient {
    gateway: Gateway,
    tokens: TokenSource,
    principal: Arc<str>,
    class: CallClass,
    /// The oldest older copy a read of this handle was answered with (see [`HaloClient::for_request`]).
    stale: Arc<Mutex<Option<StaleRead>>>,
    /// Reads fail rather than be answered with an older copy (see [`HaloClient::fresh_only`]).
    fresh_only: bool,
    /// Calls give way to a rate limit instead of waiting it out (see [`HaloClient::optional`]).
    optional: bool,
    /// What this handle's calls took (see [`HaloClient::call_times`]).
    times: Arc<Mutex<CallTimes>>,
}

/// How many HaloPSA calls one request's handle and its clones sent (background ones included: a list waits
/// a moment for its status counts) and the slowest of them, from asking the gateway
/// (its budget wait, zero unless the budget is spent, and any retries included) to the reply's last
/// byte: the page's `Server-Timing`, so its own share (the page less the slowest call, which its other
/// calls ran beside) can be told apart from HaloPSA's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallTimes {
    /// Calls sent (answers from the read cache are not calls).
    pub calls: u32,
    /// The longest of them.
    pub slowest: Duration,
}

/// A read answered with an older copy because HaloPSA could not be asked (stale-if-error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleRead {
    /// When HaloPSA sent that copy.
    pub read_at: SystemTime,
    /// Why HaloPSA could not be asked now (unreachable, timeout, 5xx, rate limit).
    pub because: Error,
}

impl fmt::Debug for HaloClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HaloClient")
            .field("principal", &self.principal)
            .field("class", &self.class)
            .finish_non_exhaustive()
    }
}

/// Maps a final reply to its body or the matching [`Error`].
pub(crate) fn map_reply(reply: Reply) -> Result<Vec<u8>, Error> {
    let text = || String::from_utf8_lossy(&reply.body).into_owned();
    match reply.status {
        200..=299 => Ok(reply.body),
        400 | 422 => Err(Error::Validation {
            message: validation_message(&text()),
            fields: field_errors(&text()),
        }),
        401 => Err(Error::Unauthorized),
        403 => Err(Error::Forbidden),
        404 => Err(Error::NotFound),
        429 => Err(Error::rate_limited(reply.retry_after)),
        status => Err(Error::Upstream {
            status,
            excerpt: excerpt(&text(), 200),
        }),
    }
}

impl HaloClient {
    pub(crate) fn new(
        gateway: Gateway,
        tokens: TokenSource,
        principal: Arc<str>,
        class: CallClass,
    ) -> Self {
        Self {
            gateway,
            tokens,
            principal,
            class,
            stale: Arc::default(),
            fresh_only: false,
            optional: false,
            times: Arc::default(),
        }
    }

    /// The same client whose reads fail when HaloPSA cannot be asked instead of being answered with an
    /// older copy: for work that reads many pages (an export, a report), where a mix of older and newer
    /// pages would be worse than an error.
    pub fn fresh_only(&self) -> HaloClient {
        HaloClient {
            fresh_only: true,
            ..self.clone()
        }
    }

    /// The same client for reads a page can go without (a filter's counts): while HaloPSA asks
    /// Haloscope to back off they are not made at all, and a 429 ends them at once instead of
    /// being waited out and retried, so they never add to the calls a rate limit sees.
    pub fn optional(&self) -> HaloClient {
        HaloClient {
            optional: true,
            ..self.clone()
        }
    }

    /// The same client with its own record of stale answers, for one request: clones share that
    /// record, so the server gives each request a handle of its own and a page can say "showing data
    /// from 10:42" when any of its reads was answered with an older copy.
    pub fn for_request(&self) -> HaloClient {
        HaloClient {
            stale: Arc::default(),
            times: Arc::default(),
            ..self.clone()
        }
    }

    /// The calls this request's handle (and its clones) sent so far; `calls` is 0 when every read was
    /// answered from the cache.
    pub fn call_times(&self) -> CallTimes {
        *self.times.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends `call` through the gateway and counts it in [`HaloClient::call_times`].
    async fn send(&self, call: &Call<'_>, token: &SecretString) -> Result<Reply, Error> {
        let started = Instant::now();
        let reply = self
            .gateway
            .send(call, token, self.class, self.optional)
            .await;
        let took = started.elapsed();
        let mut times = self.times.lock().unwrap_or_else(|e| e.into_inner());
        times.calls += 1;
        times.slowest = times.slowest.max(took);
        reply
    }

    /// The oldest older copy this request's reads were answered with because HaloPSA could not be
    /// asked; `None` when every read was fresh.
    pub fn served_stale(&self) -> Option<StaleRead> {
        self.stale.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn note_stale(&self, read_at: SystemTime, because: Error) {
        let mut stale = self.stale.lock().unwrap_or_else(|e| e.into_inner());
        if stale.as_ref().is_none_or(|s| read_at < s.read_at) {
            *stale = Some(StaleRead { read_at, because });
        }
    }

    /// The same principal with the same credentials (the agent's own token in agent mode, the
    /// app's in service mode), for background work: its calls use only the background share of
    /// the budget, leave page views their reserve, and may wait up to the background budget.
    pub fn background(&self) -> HaloClient {
        HaloClient {
            class: CallClass::Background,
            ..self.clone()
        }
    }

    /// Which class of calls this client makes.
    pub fn class(&self) -> CallClass {
        self.class
    }

    /// The gateway this client uses.
    pub fn gateway(&self) -> &Gateway {
        &self.gateway
    }

    /// Who this client acts as: `app` or `agent:<id>`.
    pub fn principal(&self) -> &str {
        &self.principal
    }

    /// Makes sure a usable token can be had (fetching or refreshing one if needed); for
    /// readiness checks.
    pub async fn check_token(&self) -> Result<(), Error> {
        self.tokens.get(&self.gateway, None).await.map(|_| ())
    }

    /// The agent's current token set (possibly refreshed since sign-in), for the server to
    /// persist in the session; `None` for the app client.
    pub async fn tokens(&self) -> Option<TokenSet> {
        match &self.tokens {
            TokenSource::App(_) => None,
            TokenSource::Agent(a) => Some(a.current().await),
        }
    }

    /// Sends a call with a valid token; on a 401 gets a new token once and retries once.
    pub(crate) async fn call(&self, call: &Call<'_>) -> Result<Vec<u8>, Error> {
        let token = self.tokens.get(&self.gateway, None).await?;
        let reply = self.send(call, &token).await?;
        if reply.status != 401 {
            return map_reply(reply);
        }
        tracing::info!(endpoint = call.endpoint, principal = %self.principal, "HaloPSA refused the token; renewing once");
        let token = self.tokens.get(&self.gateway, Some(&token)).await?;
        let reply = self.send(call, &token).await?;
        if reply.status == 401 {
            return Err(self.tokens.unauthorized());
        }
        map_reply(reply)
    }

    /// A GET through the read cache, decoded by `decode` (the cache keeps the decoded value).
    pub(crate) async fn get_decoded<T, D>(
        &self,
        entity: &'static str,
        path: &str,
        query: &[(String, String)],
        endpoint: &str,
        decode: D,
    ) -> Result<Arc<T>, Error>
    where
        T: Send + Sync + 'static,
        D: FnOnce(&[u8]) -> Result<T, Error>,
    {
        let target = if query.is_empty() {
            path.to_owned()
        } else {
            let mut s = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in query {
                s.append_pair(k, v);
            }
            format!("{path}?{}", s.finish())
        };
        let call = Call {
            method: Method::Get,
            path,
            query,
            body: None,
            endpoint,
        };
        let fetch = || async {
            let bytes = self.call(&call).await?;
            decode(&bytes).map(|value| (value, bytes.len()))
        };
        let served = self
            .gateway
            .cache()
            .get_or_fetch(&self.principal, entity, &target, fetch)
            .await?;
        if let Some((read_at, because)) = served.stale {
            if self.fresh_only {
                return Err(because);
            }
            self.note_stale(read_at, because);
        }
        Ok(served.value)
    }

    /// A GET decoded into `T` (paths of decode errors are reported).
    pub(crate) async fn get_json<T>(
        &self,
        entity: &'static str,
        path: &str,
        query: &[(String, String)],
        endpoint: &str,
    ) -> Result<T, Error>
    where
        T: DeserializeOwned + Clone + Send + Sync + 'static,
    {
        let value = self
            .get_decoded(entity, path, query, endpoint, |b| {
                crate::error::decode(b, "")
            })
            .await?;
        Ok(T::clone(&value))
    }

    /// A POST or DELETE; afterwards the cached replies of `invalidates` are dropped for every
    /// principal (also when the write failed: Halo may have applied part of it).
    pub(crate) async fn write(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        endpoint: &str,
        invalidates: &[&'static str],
    ) -> Result<Vec<u8>, Error> {
        let call = Call {
            method,
            path,
            query: &[],
            body,
            endpoint,
        };
        let result = self.call(&call).await;
        for e in invalidates {
            self.gateway.invalidate(e).await;
        }
        result
    }
}

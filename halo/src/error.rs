//! The one error type of the crate: what went wrong talking to HaloPSA, in words a person can
//! act on, with the HTTP status Haloscope should answer with. It never holds a secret or token.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Everything that can go wrong talking to HaloPSA. `Display` is a plain-words message fit to
/// show a person; no variant ever carries a secret, a token or a whole upstream body.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Error {
    /// The record does not exist (HTTP 404 from Halo).
    #[error("HaloPSA has no such record; it may have been deleted.")]
    NotFound,
    /// Halo refused Haloscope's own credentials (bad client id/secret, or 401 after a fresh token).
    #[error("HaloPSA refused Haloscope's credentials. Check the API application's client ID and secret.")]
    Unauthorized,
    /// The token is valid but lacks permission for this (HTTP 403).
    #[error("HaloPSA says you are not allowed to do this. Ask an administrator to check your permissions.")]
    Forbidden,
    /// Halo's rate limit was reached and retries did not get through.
    #[error("{}", rate_limited_message(*retry_after_secs))]
    RateLimited {
        /// Seconds to wait before trying again, when known.
        retry_after_secs: Option<u64>,
    },
    /// Halo rejected the data (HTTP 400/422); `message` is Halo's reason, shortened.
    #[error("HaloPSA rejected the change: {message}")]
    Validation {
        /// Halo's reason, at most a few hundred characters.
        message: String,
        /// The reasons Halo gave per field (its ASP.NET model-state keys, `[0].website`), so a form can
        /// put each beside its field; empty when Halo named no field.
        fields: Vec<FieldError>,
    },
    /// Halo answered with an unexpected status; `excerpt` is the start of its reply (for logs).
    #[error("HaloPSA answered with an error (HTTP {status}). Try again later.")]
    Upstream {
        /// The HTTP status Halo sent.
        status: u16,
        /// The first characters of Halo's reply, for the log; not shown to people.
        excerpt: String,
    },
    /// Halo did not answer in time.
    #[error("HaloPSA did not answer in time. Try again in a moment.")]
    Timeout,
    /// Halo could not be reached (DNS, connection, TLS).
    #[error("Haloscope could not reach HaloPSA ({message}).")]
    Transport {
        /// What failed, without URL or credentials.
        message: String,
    },
    /// Halo's reply could not be read; `path` names the JSON field that did not fit.
    #[error("HaloPSA sent data Haloscope could not read (at `{path}`: {message}).")]
    Decode {
        /// JSON path of the offending value, e.g. `sites[3].client_id`.
        path: String,
        /// What was wrong with it.
        message: String,
    },
    /// The agent's HaloPSA sign-in expired and could not be renewed.
    #[error("Your HaloPSA sign-in has expired. Please sign in again.")]
    SignInRequired,
    /// HaloPSA's authorisation server does not know a scope that was asked for (`invalid_scope`).
    #[error("HaloPSA refused the requested scope `{scope}`. Check HALO_SCOPE and the API application's permissions.")]
    ScopeRefused {
        /// The scope string that was sent.
        scope: String,
    },
    /// The store Haloscope's replicas share (Redis) could not be asked for the HaloPSA budget, so no call
    /// was made.
    #[error("Haloscope's shared store (Redis) cannot be reached, so nothing was asked of HaloPSA. Try again in a moment.")]
    SharedStore {
        /// What failed, for the log.
        message: String,
    },
    /// Haloscope's HaloPSA settings are invalid.
    #[error("Haloscope's HaloPSA settings are invalid: {message}")]
    Config {
        /// Which setting is wrong.
        message: String,
    },
}

/// One field HaloPSA refused, from a 400 body keyed by path (`{"[0].website": ["…"]}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The record's field name as sent (`website`), without the `[0].` of the array Halo was posted.
    pub field: String,
    /// Halo's first reason for it, shortened.
    pub message: String,
}

/// What a [`Error::Transport`] says when the connection could not be made (nothing was sent).
pub(crate) const CONNECT_FAILED: &str = "the connection failed";

fn rate_limited_message(secs: Option<u64>) -> String {
    match secs {
        Some(s) => format!("HaloPSA is busy (rate limit reached). Try again in {s} seconds."),
        None => "HaloPSA is busy (rate limit reached). Try again in a minute.".to_owned(),
    }
}

impl Error {
    /// The HTTP status Haloscope should answer with for this error.
    pub fn status_code(&self) -> u16 {
        match self {
            Error::NotFound => 404,
            Error::Unauthorized | Error::SignInRequired => 401,
            Error::Forbidden => 403,
            Error::RateLimited { .. } => 429,
            Error::Validation { .. } => 422,
            Error::Upstream { .. } | Error::Decode { .. } => 502,
            Error::Timeout => 504,
            Error::Transport { .. } | Error::SharedStore { .. } => 503,
            Error::Config { .. } | Error::ScopeRefused { .. } => 500,
        }
    }

    /// A rate-limit error with the wait as a `Duration`.
    pub fn rate_limited(retry_after: Option<Duration>) -> Self {
        Error::RateLimited {
            retry_after_secs: retry_after.map(|d| d.as_secs().max(1)),
        }
    }

    /// Whether this failure means HaloPSA could not be asked (unreachable, too slow, failing with a 5xx,
    /// or rate-limiting), so a read may be answered with an older copy. A refusal (401, 403), a missing
    /// record or a reply that could not be read never is.
    pub fn serves_stale(&self) -> bool {
        match self {
            Error::Transport { .. } | Error::Timeout | Error::RateLimited { .. } => true,
            Error::Upstream { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// Whether a write that failed this way certainly changed nothing: HaloPSA was never reached,
    /// turned it away for its rate limit, or failed with a server error. A timeout or a reply cut off
    /// leaves it unknown (HaloPSA may have made the change before the answer was lost).
    pub fn write_not_applied(&self) -> bool {
        match self {
            Error::Transport { message } => message == CONNECT_FAILED,
            Error::RateLimited { .. } | Error::SharedStore { .. } => true,
            Error::Upstream { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The suggested wait of a [`Error::RateLimited`].
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after_secs } => retry_after_secs.map(Duration::from_secs),
            _ => None,
        }
    }
}

#[cfg_attr(not(feature = "client"), allow(dead_code))]
/// Shortens text to at most `max` characters (on a char boundary), adding `…` when cut.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let t = text.trim();
    match t.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_owned(),
    }
}

#[cfg_attr(not(feature = "client"), allow(dead_code))]
/// Pulls a person-readable reason out of Halo's many 400 body shapes
/// (`{"error":…}`, `{"Message":…}`, `{"errorMessage":…}`, `{"[0].id":["…"]}`, plain text).
pub(crate) fn validation_message(body: &str) -> String {
    fn first_text(v: &Value) -> Option<String> {
        match v {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Array(a) => a.iter().find_map(first_text),
            Value::Object(m) => {
                for k in [
                    "errorMessage",
                    "error_description",
                    "message",
                    "Message",
                    "error",
                    "title",
                ] {
                    if let Some(t) = m.get(k).and_then(first_text) {
                        return Some(t);
                    }
                }
                if let Some(errs) = m.get("errors") {
                    return first_text(errs);
                }
                m.iter()
                    .find_map(|(k, v)| first_text(v).map(|t| format!("{k}: {t}")))
            }
            _ => None,
        }
    }
    let msg = match serde_json::from_str::<Value>(body) {
        Ok(v) => first_text(&v).unwrap_or_else(|| "no reason given".to_owned()),
        Err(_) if body.trim().is_empty() => "no reason given".to_owned(),
        Err(_) => body.to_owned(),
    };
    excerpt(&msg, 300)
}

#[cfg_attr(not(feature = "client"), allow(dead_code))]
/// The per-field reasons of a 400 body keyed by path: `{"[0].website": ["…"]}`, or the same map under
/// `errors` (ASP.NET's problem details). Keys that are not a plain field of the first record are skipped.
pub(crate) fn field_errors(body: &str) -> Vec<FieldError> {
    let Ok(Value::Object(mut top)) = serde_json::from_str::<Value>(body) else {
        return Vec::new();
    };
    let map = match top.remove("errors") {
        Some(Value::Object(m)) => m,
        _ => top,
    };
    map.into_iter()
        .filter_map(|(key, v)| {
            let field = key.strip_prefix("[0].").unwrap_or(&key);
            let plain =
                !field.is_empty() && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            let message = match v {
                Value::String(s) => s,
                Value::Array(a) => a.into_iter().find_map(|m| match m {
                    Value::String(s) if !s.trim().is_empty() => Some(s),
                    _ => None,
                })?,
                _ => return None,
            };
            (plain && key.starts_with("[0].") && !message.trim().is_empty()).then(|| FieldError {
                field: field.to_owned(),
                message: excerpt(message.trim(), 300),
            })
        })
        .collect()
}

/// Decodes JSON into `T`, reporting the path of the offending field on failure.
#[cfg_attr(not(feature = "client"), allow(dead_code))] // the models' tests use it without the client
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8], prefix: &str) -> Result<T, Error> {
    decode_value(parse(bytes, prefix)?, prefix)
}

/// Parses a reply into a JSON value (what a reply decoded row by row starts from: decoding the value
/// into `Value` again through [`decode_value`] would copy it whole for nothing).
pub(crate) fn parse(bytes: &[u8], prefix: &str) -> Result<Value, Error> {
    serde_json::from_slice(bytes).map_err(|e| Error::Decode {
        path: prefix.to_owned(),
        message: format!("not valid JSON ({e})"),
    })
}

/// Decodes a parsed value into `T`, reporting the path of the offending field on failure.
pub(crate) fn decode_value<T: DeserializeOwned>(value: Value, prefix: &str) -> Result<T, Error> {
    decode_ref(&value, prefix)
}

/// As [`decode_value`], from a borrowed value (the value is read, not copied, before `T` is built).
/// Fields inside flattened records are located by a second, per-field pass (serde buffers
/// flattened structs, which hides the field from `serde_path_to_error`).
pub(crate) fn decode_ref<T: DeserializeOwned>(value: &Value, prefix: &str) -> Result<T, Error> {
    // the plain decoder first: tracking the path of every field costs, and is needed only to name a
    // failure (the tracked pass fails at the same field, since both read the same value)
    if let Ok(t) = T::deserialize(value) {
        return Ok(t);
    }
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(t) => Ok(t),
        Err(e) => {
            let mut path = e.path().to_string();
            if path == "." {
                path.clear();
            }
            let message = e.into_inner().to_string();
            // serde reports flattened records' failures at the record itself: find the field
            let at_record = path.is_empty() || path.ends_with(']');
            let located = if at_record {
                locate(value, &path)
            } else {
                None
            };
            let mut full = format!("{prefix}{path}");
            if let Some(field) = located.and_then(|v| guilty_field::<T>(value, &path, v)) {
                full = format!("{full}.{field}");
            }
            Err(Error::Decode {
                path: full.trim_start_matches('.').to_owned(),
                message,
            })
        }
    }
}

fn locate<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = root;
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let idx: usize = r[..end].parse().ok()?;
            cur = cur.get(idx)?;
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            cur = cur.get(&r[..end])?;
            rest = &r[end..];
        } else {
            return None;
        }
    }
    Some(cur)
}

/// Finds which single field of the failing object makes decoding fail, by decoding the whole
/// document with every other field of that object removed.
fn guilty_field<T: DeserializeOwned>(root: &Value, path: &str, at: &Value) -> Option<String> {
    let obj = at.as_object()?;
    for key in obj.keys() {
        let mut probe = root.clone();
        let target = locate_mut(&mut probe, path)?;
        let single: serde_json::Map<String, Value> = obj
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        *target = Value::Object(single);
        if serde_json::from_value::<T>(probe).is_err() {
            return Some(key.clone());
        }
    }
    None
}

fn locate_mut<'a>(root: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    let mut cur = root;
    let mut rest = path.to_owned();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let idx: usize = r[..end].parse().ok()?;
            let next = r[end + 1..].to_owned();
            cur = cur.get_mut(idx)?;
            rest = next;
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let key = r[..end].to_owned();
            let next = r[end..].to_owned();
            cur = cur.get_mut(&key)?;
            rest = next;
        } else {
            return None;
        }
    }
    Some(cur)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::Site;

    #[test]
    fn status_codes() {
        assert_eq!(Error::NotFound.status_code(), 404);
        assert_eq!(Error::SignInRequired.status_code(), 401);
        assert_eq!(Error::rate_limited(None).status_code(), 429);
        assert_eq!(
            Error::Decode {
                path: "x".into(),
                message: "y".into()
            }
            .status_code(),
            502
        );
        assert_eq!(Error::Timeout.status_code(), 504);
    }

    #[test]
    fn field_errors_name_their_fields() {
        let body = r#"{"[0].website": ["The website is not valid.", "second"], "[0].name": "Too long",
            "[0].popup_notes[0].note": ["nested"], "error": "x"}"#;
        let mut got = field_errors(body);
        got.sort_by(|a, b| a.field.cmp(&b.field));
        assert_eq!(
            got,
            vec![
                FieldError {
                    field: "name".into(),
                    message: "Too long".into()
                },
                FieldError {
                    field: "website".into(),
                    message: "The website is not valid.".into()
                },
            ]
        );
        let wrapped = r#"{"title": "One or more validation errors occurred.", "errors": {"[0].colour": ["Bad colour"]}}"#;
        assert_eq!(field_errors(wrapped)[0].field, "colour");
        assert!(field_errors("plain words").is_empty());
        assert!(field_errors(r#"{"Message": "Bad id"}"#).is_empty());
    }

    #[test]
    fn validation_message_shapes() {
        assert_eq!(
            validation_message(r#"{"[0].name":["Name is required"]}"#),
            "[0].name: Name is required"
        );
        assert_eq!(
            validation_message(r#"{"ClassName":"X","Message":"Bad id"}"#),
            "Bad id"
        );
        assert_eq!(
            validation_message(r#"{"resultCode":1,"errorMessage":"Nope"}"#),
            "Nope"
        );
        assert_eq!(validation_message("plain words"), "plain words");
        assert!(validation_message(&"x".repeat(1000)).chars().count() <= 301);
    }

    #[test]
    fn decode_names_flattened_field() {
        let e = decode::<Site>(br#"{"id":3,"name":"A","client_id":"abc"}"#, "").unwrap_err();
        assert_eq!(
            e,
            Error::Decode {
                path: "client_id".into(),
                message: match &e {
                    Error::Decode { message, .. } => message.clone(),
                    _ => unreachable!(),
                }
            }
        );
        let e = decode::<Vec<Site>>(
            br#"[{"id":1},{"id":2,"timezone":"UTC","inactive":"maybe"}]"#,
            "sites",
        )
        .unwrap_err();
        match e {
            Error::Decode { path, .. } => assert_eq!(path, "sites[1].inactive"),
            other => panic!("{other:?}"),
        }
    }
}

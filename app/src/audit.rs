//! The audit log: one JSON line for every change made through Haloscope (create, update, delete, note,
//! popup read, unsubscribe), every CSV export (who, which list, which filter, how many rows) and every
//! sign-in, failed sign-in and sign-out. In `service` mode it is the only
//! record of which person made a change, because HaloPSA sees the app's credentials.
//!
//! Lines never hold a value that was written, a password or a token: only who, when, what, which fields,
//! and how HaloPSA answered.

use crate::state::server::RequestUser;
use serde::Serialize;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Where audit lines go (stdout or an append-only file); shared by every request.
pub struct AuditLog {
    out: Mutex<Box<dyn Write + Send>>,
    target: AuditTarget,
}

/// Where an [`AuditLog`]'s lines end up, so the activity page can read them back (or say it cannot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditTarget {
    /// Appended to this file.
    File(std::path::PathBuf),
    /// Standard output: gone to whatever collects the process's output.
    Stdout,
    /// Some other writer (tests).
    Elsewhere,
}

impl std::fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditLog")
    }
}

impl AuditLog {
    /// Lines to standard output.
    pub fn stdout() -> Self {
        Self {
            target: AuditTarget::Stdout,
            ..Self::to_writer(Box::new(std::io::stdout()))
        }
    }

    /// Lines appended to `path` (created with mode 0600 when missing).
    pub fn append_to(path: &std::path::Path) -> std::io::Result<Self> {
        let mut opts = std::fs::OpenOptions::new();
        opts.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        Ok(Self {
            target: AuditTarget::File(path.to_path_buf()),
            ..Self::to_writer(Box::new(opts.open(path)?))
        })
    }

    /// Where the lines go.
    pub fn target(&self) -> &AuditTarget {
        &self.target
    }

    /// Lines to any writer (tests).
    pub fn to_writer(out: Box<dyn Write + Send>) -> Self {
        Self {
            out: Mutex::new(out),
            target: AuditTarget::Elsewhere,
        }
    }

    /// Writes one event as one line, stamped with the current time. A failed write is reported in the log,
    /// never to the person (the change itself already happened).
    pub fn write(&self, event: &AuditEvent) {
        let line = AuditLine {
            ts: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            audit: true,
            event,
        };
        let Ok(mut text) = serde_json::to_string(&line) else {
            return;
        };
        text.push('\n');
        let mut out = match self.out.lock() {
            Ok(o) => o,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            tracing::error!(error = %e, "could not write the audit log");
        }
    }
}

#[derive(Serialize)]
struct AuditLine<'a> {
    ts: String,
    audit: bool,
    #[serde(flatten)]
    event: &'a AuditEvent,
}

/// One audited event.
#[derive(Debug, Clone, Serialize, Default)]
pub struct AuditEvent {
    /// `create`, `update`, `delete`, `note`, `popup_read`, `unsubscribe`, `export`, `sign_in`,
    /// `sign_in_failed`, `sign_in_ceiling`, `sign_out`, `session_ended`.
    pub action: &'static str,
    /// `agent` or `local`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who_kind: Option<&'static str>,
    /// The agent id or local user name (for a failed sign-in: the name that was tried).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// The name shown for that person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who_name: Option<String>,
    /// HaloPSA's entity (`Client`, `Site`, …) for a change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<&'static str>,
    /// The record's id (for a create: the new id, when HaloPSA said it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The HaloPSA field names that were sent (never their values).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// `ok`, or `error` with `status` and `detail`.
    pub result: &'static str,
    /// The HTTP status Haloscope answered with for a failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// A plain-words reason for a failure (never a secret).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The client's address, for sign-in events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// For an export: the list exported (its file name, e.g. `clients.csv`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<&'static str>,
    /// For an export: the list's filter as it was asked for (the URL query, at most 500 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// For an export: the rows written (also when it stopped early).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
}

impl AuditEvent {
    /// A change to `entity` record `id` with the fields sent, and how it ended.
    pub fn change<T>(
        action: &'static str,
        entity: &'static str,
        id: Option<i64>,
        fields: Vec<String>,
        result: &Result<T, halo::Error>,
    ) -> Self {
        let mut event = AuditEvent {
            action,
            entity: Some(entity),
            id,
            fields,
            result: "ok",
            ..Default::default()
        };
        if let Err(e) = result {
            let mapped = crate::errors::AppError::from(e.clone());
            event.result = "error";
            event.status = Some(mapped.status_code());
            event.detail = Some(mapped.to_string());
        }
        event
    }

    /// The same event, naming `user`.
    pub fn by(mut self, user: &RequestUser) -> Self {
        self.who_kind = Some(user.kind);
        self.who = Some(user.id.clone());
        self.who_name = Some(user.name.clone());
        self
    }
}

/// Records `event` for the current request's person into the log the server put in the request.
pub fn record(event: AuditEvent) {
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else {
        tracing::error!(
            action = event.action,
            "audit event outside a request: not recorded"
        );
        return;
    };
    let Some(log) = parts.extensions.get::<Arc<AuditLog>>() else {
        tracing::error!(
            action = event.action,
            "no audit log on the request: not recorded"
        );
        return;
    };
    let event = match parts.extensions.get::<RequestUser>() {
        Some(user) => event.by(user),
        None => event,
    };
    log.write(&event);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_update_is_one_json_line_with_fields_and_status() {
        let buf = Shared::default();
        let log = AuditLog::to_writer(Box::new(buf.clone()));
        let user = RequestUser {
            kind: "local",
            id: "alice".into(),
            name: "alice".into(),
        };
        let result: Result<(), halo::Error> = Err(halo::Error::NotFound);
        log.write(
            &AuditEvent::change("update", "Client", Some(7), vec!["name".into()], &result)
                .by(&user),
        );
        log.write(&AuditEvent::change(
            "delete",
            "Site",
            Some(3),
            vec![],
            &Ok::<(), halo::Error>(()),
        ));
        let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["action"], "update");
        assert_eq!(lines[0]["who"], "alice");
        assert_eq!(lines[0]["entity"], "Client");
        assert_eq!(lines[0]["id"], 7);
        assert_eq!(lines[0]["fields"], serde_json::json!(["name"]));
        assert_eq!(lines[0]["result"], "error");
        assert_eq!(lines[0]["status"], 404);
        assert!(lines[0]["ts"].as_str().unwrap().ends_with('Z'));
        assert_eq!(lines[1]["result"], "ok");
        assert!(lines[1].get("who").is_none());
    }
}

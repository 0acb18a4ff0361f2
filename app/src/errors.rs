//! The one error type that crosses from server functions to pages.
//!
//! `halo` errors are mapped here exactly once (`From<halo::Error>`), to an HTTP status and a message in plain
//! words. Messages never carry a secret, a token or an upstream body verbatim.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What went wrong, as a person should read it; `status_code()` is the HTTP status a page or server function answers with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The record or page does not exist.
    #[error("{what} was not found.")]
    NotFound { what: String },
    /// The request itself is wrong (a query parameter or form field); nothing was sent upstream.
    #[error("{message}")]
    BadInput { message: String },
    /// The person must sign in (again).
    #[error("Please sign in to continue.")]
    SignInRequired,
    /// HaloPSA refused or failed; `status` is what Haloscope answers (502, 503, 504, 403, …).
    #[error("{message}")]
    Upstream {
        status: u16,
        message: String,
        /// Seconds after which a retry makes sense, when known.
        retry_after: Option<u64>,
    },
    /// The request clashes with something under way (a person's bulk job already running); 409.
    #[error("{message}")]
    Conflict { message: String },
    /// Haloscope's own plumbing failed (a server function could not be reached or decoded).
    #[error("Haloscope could not complete the request ({0}).")]
    Internal(String),
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound { .. } => 404,
            AppError::BadInput { .. } => 400,
            AppError::SignInRequired => 401,
            AppError::Upstream { status, .. } => *status,
            AppError::Conflict { .. } => 409,
            AppError::Internal(_) => 500,
        }
    }

    /// Whether trying again later can help.
    pub fn retryable(&self) -> bool {
        matches!(self.status_code(), 502..=504 | 429) || matches!(self, AppError::Internal(_))
    }

    /// A short heading for the error panel.
    pub fn title(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "Not found",
            AppError::BadInput { .. } => "That request could not be understood",
            AppError::SignInRequired => "Sign-in needed",
            AppError::Upstream { status: 503, .. } => "HaloPSA is busy or unreachable",
            AppError::Upstream { status: 502, .. } => {
                "HaloPSA sent an answer Haloscope could not use"
            }
            AppError::Upstream { status: 504, .. } => "HaloPSA took too long to answer",
            AppError::Upstream { status: 403, .. } => "HaloPSA refused access",
            AppError::Upstream { .. } => "HaloPSA answered with an error",
            AppError::Conflict { .. } => "Not now",
            AppError::Internal(_) => "Something went wrong in Haloscope",
        }
    }

    /// A not-found error naming the record.
    pub fn not_found(what: impl Into<String>) -> Self {
        AppError::NotFound { what: what.into() }
    }

    /// A conflict with something under way, in words for the person.
    pub fn conflict(message: impl Into<String>) -> Self {
        AppError::Conflict {
            message: message.into(),
        }
    }

    /// A bad-input error with a message for the person.
    pub fn bad_input(message: impl Into<String>) -> Self {
        AppError::BadInput {
            message: message.into(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => AppError::BadInput {
                message: format!("The request was incomplete or malformed: {m}"),
            },
            ServerFnErrorErr::Request(_) => {
                AppError::Internal("the server could not be reached; check your connection".into())
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<halo::Error> for AppError {
    /// The one mapping from upstream failures to what a person sees: 502 when HaloPSA answered wrongly,
    /// 503 when it is unreachable, busy or refusing Haloscope's credentials, 504 when it is too slow.
    fn from(err: halo::Error) -> Self {
        let upstream =
            |status: u16, message: String, retry_after: Option<u64>| AppError::Upstream {
                status,
                message,
                retry_after,
            };
        match err {
            halo::Error::NotFound => AppError::NotFound {
                what: "That record".into(),
            },
            halo::Error::SignInRequired => AppError::SignInRequired,
            halo::Error::RateLimited { retry_after_secs } => {
                let secs = retry_after_secs.unwrap_or(60);
                upstream(
                    503,
                    format!("HaloPSA is rate-limiting Haloscope; retrying in {secs} s."),
                    Some(secs),
                )
            }
            halo::Error::Unauthorized => upstream(503, err.to_string(), None),
            halo::Error::Transport { .. } => upstream(503, err.to_string(), Some(10)),
            halo::Error::Timeout => upstream(504, err.to_string(), Some(10)),
            halo::Error::Upstream { .. } | halo::Error::Decode { .. } => {
                upstream(502, err.to_string(), Some(10))
            }
            other => upstream(other.status_code(), other.to_string(), None),
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// A failed write in plain words: the mapping above plus, when HaloPSA could not be asked, whether
    /// the change was made. Haloscope never queues a change to send later, and says so.
    pub fn of_write(err: halo::Error) -> AppError {
        let (down, not_applied) = (err.serves_stale(), err.write_not_applied());
        let mut app = AppError::from(err);
        if let AppError::Upstream { message, .. } = &mut app {
            if not_applied {
                message.push_str(" Nothing was changed, and Haloscope does not keep changes to send later: try again when HaloPSA answers.");
            } else if down {
                message.push_str(" Haloscope cannot tell whether the change was made, and it does not keep changes to send later: open the record to check before trying again.");
            }
        }
        app
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_kind_of_error() {
        assert_eq!(AppError::not_found("Client 7").status_code(), 404);
        assert_eq!(
            AppError::bad_input("page must be a number").status_code(),
            400
        );
        let busy = AppError::Upstream {
            status: 503,
            message: "HaloPSA is rate-limiting Haloscope".into(),
            retry_after: Some(30),
        };
        assert_eq!(busy.status_code(), 503);
        assert!(busy.retryable());
        assert!(!AppError::not_found("x").retryable());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_write_that_could_not_reach_halopsa_says_whether_anything_changed() {
        let unreachable = AppError::of_write(halo::Error::Transport {
            message: "the connection failed".into(),
        });
        assert_eq!(unreachable.status_code(), 503);
        assert!(unreachable.to_string().contains("Nothing was changed"));
        let slow = AppError::of_write(halo::Error::Timeout).to_string();
        assert!(
            slow.contains("cannot tell whether the change was made"),
            "{slow}"
        );
        let refused = AppError::of_write(halo::Error::Forbidden).to_string();
        assert!(!refused.contains("Nothing was changed") && !refused.contains("cannot tell"));
    }

    #[test]
    fn errors_round_trip_through_the_server_fn_encoding() {
        let err = AppError::not_found("Client 42");
        let back = AppError::de(err.ser());
        assert_eq!(back, err);
        assert_eq!(back.to_string(), "Client 42 was not found.");
    }

    #[test]
    fn malformed_arguments_become_bad_input() {
        let err =
            AppError::from_server_fn_error(ServerFnErrorErr::Args("page: invalid digit".into()));
        assert_eq!(err.status_code(), 400);
    }
}

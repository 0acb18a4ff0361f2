//! The notice a page shows when HaloPSA could not be asked and some of its data is an older copy
//! (stale-if-error): why, from when, and a way to try again.

use maud::{html, Markup};
use serde::{Deserialize, Serialize};

/// What the notice says, worked out on the server when the page's data was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaleNote {
    /// Why HaloPSA could not be asked, e.g. "HaloPSA is unreachable".
    pub reason: String,
    /// When the copy shown was read, e.g. "10:42 UTC" (with the date when not today).
    pub at: String,
    /// How long ago that was, e.g. "7 minutes ago".
    pub ago: String,
}

/// The address that loads the page at `path` with `query` (no `?`) again.
pub fn again_href(path: &str, query: &str) -> String {
    match query.is_empty() {
        true => path.to_owned(),
        false => format!("{path}?{query}"),
    }
}

/// The notice's markup; `again` is the address of the page it is on ([`again_href`]).
pub fn markup(note: &StaleNote, again: &str) -> Markup {
    html! {
        p class="stale-notice" role="status" data-testid="stale-notice" {
            strong { (note.reason) }
            (format!(" — showing data from {}, {}. Changes cannot be made until HaloPSA answers. ", note.at, note.ago))
            a href=(again) rel="external" data-testid="stale-retry" { "Try again" }
        }
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::StaleNote;
    use chrono::{DateTime, Utc};
    use halo::client::StaleRead;

    impl StaleNote {
        /// The notice for a read answered with an older copy, as of `now`.
        pub fn of(read: &StaleRead, now: DateTime<Utc>) -> StaleNote {
            let at: DateTime<Utc> = read.read_at.into();
            let shown = if at.date_naive() == now.date_naive() {
                at.format("%H:%M UTC").to_string()
            } else {
                at.format("%-d %b %H:%M UTC").to_string()
            };
            StaleNote {
                reason: reason(&read.because).to_string(),
                at: shown,
                ago: ago((now - at).num_seconds()),
            }
        }
    }

    fn reason(e: &halo::Error) -> &'static str {
        match e {
            halo::Error::Timeout => "HaloPSA is not answering in time",
            halo::Error::RateLimited { .. } => "HaloPSA is busy (rate limit reached)",
            halo::Error::Upstream { .. } => "HaloPSA is answering with errors",
            _ => "HaloPSA is unreachable",
        }
    }

    /// "just now", "1 minute ago", "7 minutes ago", "3 hours ago", "2 days ago".
    pub(super) fn ago(secs: i64) -> String {
        let plural = |n: i64, unit: &str| match n {
            1 => format!("1 {unit} ago"),
            n => format!("{n} {unit}s ago"),
        };
        match secs.max(0) {
            0..60 => "just now".to_string(),
            s @ 60..3600 => plural(s / 60, "minute"),
            s @ 3600..86_400 => plural(s / 3600, "hour"),
            s => plural(s / 86_400, "day"),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use std::time::{Duration, SystemTime};

        #[test]
        fn the_notice_says_why_from_when_and_how_long_ago() {
            let now: DateTime<Utc> = "2026-12-03T10:49:30Z".parse().unwrap();
            let read_at = SystemTime::from(now) - Duration::from_secs(7 * 60 + 10);
            let read = StaleRead {
                read_at,
                because: halo::Error::Transport {
                    message: "the connection failed".into(),
                },
            };
            let note = StaleNote::of(&read, now);
            assert_eq!(note.reason, "HaloPSA is unreachable");
            assert_eq!(note.at, "10:42 UTC");
            assert_eq!(note.ago, "7 minutes ago");
            let yesterday = StaleRead {
                read_at: SystemTime::from(now) - Duration::from_secs(86_400 + 60),
                because: halo::Error::Timeout,
            };
            let note = StaleNote::of(&yesterday, now);
            assert_eq!(note.at, "2 Dec 10:48 UTC");
            assert_eq!(note.ago, "1 day ago");
            assert_eq!(note.reason, "HaloPSA is not answering in time");
        }

        #[test]
        fn ages_read_as_words() {
            assert_eq!(ago(-5), "just now");
            assert_eq!(ago(59), "just now");
            assert_eq!(ago(60), "1 minute ago");
            assert_eq!(ago(7200), "2 hours ago");
        }
    }
}

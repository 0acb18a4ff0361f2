//! A small light in the header that says when HaloPSA is unreachable or rate-limiting Haloscope.
//!
//! The server draws it from the last upstream check `/readyz` made, when that is at most [`KNOWN_FOR`]
//! old, so a page shows what is known at once, with or without JavaScript. In the browser an island polls
//! `/readyz` (gloo-net) every 20 s, and at once when the page came without a recent check, and redraws the
//! light in place only when what it says changes (it is a live region: an unchanged redraw would be
//! announced again). The island has no reactive view: starting it sets a timer. Before, it hydrated three
//! reactive attributes and sent a request on every page's start; measured on the optimised wasm, dropping
//! them saves 15–30 lazy function compiles per page but no start time beyond the spread (PERFORMANCE,
//! "The status light drawn by the server").

use leptos::prelude::*;

/// What the last poll said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upstream {
    /// Not checked yet.
    Unknown,
    /// `/readyz` said ok.
    Ok,
    /// HaloPSA is rate-limiting Haloscope.
    RateLimited(String),
    /// HaloPSA does not answer (or Haloscope itself could not be reached).
    Down(String),
}

impl Upstream {
    /// Reads a `/readyz` answer.
    pub fn from_readyz(status: u16, body: &str) -> Self {
        match status {
            200 => Upstream::Ok,
            _ if body.to_lowercase().contains("rate") => {
                Upstream::RateLimited(body.trim().to_string())
            }
            _ => Upstream::Down(body.trim().to_string()),
        }
    }

    /// The light's classes: its colour.
    pub fn class(&self) -> &'static str {
        match self {
            Upstream::Unknown => "status-light unknown",
            Upstream::Ok => "status-light ok",
            Upstream::RateLimited(_) => "status-light warn",
            Upstream::Down(_) => "status-light down",
        }
    }

    /// The words beside the light.
    pub fn label(&self) -> &'static str {
        match self {
            Upstream::Unknown => "HaloPSA",
            Upstream::Ok => "HaloPSA connected",
            Upstream::RateLimited(_) => "HaloPSA is rate-limiting Haloscope",
            Upstream::Down(_) => "HaloPSA unreachable",
        }
    }

    /// The tooltip: what pages do meanwhile, when something is wrong.
    pub fn title(&self) -> String {
        match self {
            Upstream::RateLimited(m) | Upstream::Down(m) => format!("{m} {KEPT_DATA}"),
            _ => String::new(),
        }
    }
}

/// What pages do meanwhile (stale-if-error), said in the light's tooltip.
const KEPT_DATA: &str = "Pages show the data Haloscope read last, marked with its time; changes cannot be made until HaloPSA answers.";

/// How old the last upstream check may be for a page to show what it said: about one poll of an open
/// page (20 s) and the check's own reuse (5 s).
#[cfg(feature = "ssr")]
pub const KNOWN_FOR: std::time::Duration = std::time::Duration::from_secs(30);

/// What the server knows now, from the last check `/readyz` made (none: not known).
#[cfg(feature = "ssr")]
fn known() -> Upstream {
    use_context::<crate::state::server::LastUpstreamCheck>()
        .and_then(|c| c.recent(KNOWN_FOR))
        .map(|word| Upstream::from_readyz(if word == "ok" { 200 } else { 503 }, word))
        .unwrap_or(Upstream::Unknown)
}

/// The light as the server draws it; the browser redraws the same element's class, title and label.
#[cfg(feature = "ssr")]
pub fn markup(state: &Upstream) -> String {
    maud::html! {
        span class=(state.class()) title=(state.title()) role="status" data-testid="status-light" {
            span class="dot" aria-hidden="true" {}
            span class="label" { (state.label()) }
        }
    }
    .into_string()
}

/// The light: an island, kept running across client-side navigations (one poll timer per tab). Its
/// markup is the server's; hydration takes it as it is.
#[island]
pub fn StatusLight() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::keep_polling();
    #[cfg(feature = "ssr")]
    let drawn = markup(&known());
    #[cfg(not(feature = "ssr"))]
    let drawn = String::new();
    leptos::tachys::html::InertElement::new(drawn)
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Upstream;
    use leptos::prelude::*;
    use leptos::web_sys::Element;
    use std::time::Duration;

    const EVERY: Duration = Duration::from_secs(20);

    /// Polls every [`EVERY`], and at once when the server did not know what to show.
    pub fn keep_polling() {
        if light().is_some_and(|l| l.class_list().contains("unknown")) {
            poll();
        }
        let _ = set_interval_with_handle(poll, EVERY);
    }

    /// The light shown (the page's own, also after a client-side navigation kept this island).
    fn light() -> Option<Element> {
        document()
            .query_selector(".site-header [data-testid=status-light]")
            .ok()
            .flatten()
    }

    fn poll() {
        leptos::task::spawn_local(async {
            let next = match gloo_net::http::Request::get("/readyz").send().await {
                Ok(res) => {
                    let status = res.status();
                    let body = res.text().await.unwrap_or_default();
                    Upstream::from_readyz(status, &body)
                }
                Err(_) => Upstream::Down("Haloscope could not be reached.".into()),
            };
            show(&next);
        });
    }

    /// Redraws the light when `state` says something else than it does.
    fn show(state: &Upstream) {
        let Some(light) = light() else { return };
        let label = light.query_selector(".label").ok().flatten();
        let title = state.title();
        let same = light.class_name() == state.class()
            && light.get_attribute("title").unwrap_or_default() == title
            && label.as_ref().and_then(|l| l.text_content()).as_deref() == Some(state.label());
        if same {
            return;
        }
        light.set_class_name(state.class());
        let _ = light.set_attribute("title", &title);
        if let Some(label) = label {
            label.set_text_content(Some(state.label()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Upstream;

    #[test]
    fn readyz_answers_map_to_states() {
        assert_eq!(Upstream::from_readyz(200, "ok"), Upstream::Ok);
        // the words the server answers with
        assert!(matches!(
            Upstream::from_readyz(503, "rate-limited"),
            Upstream::RateLimited(_)
        ));
        assert!(matches!(
            Upstream::from_readyz(503, "unreachable"),
            Upstream::Down(_)
        ));
        assert!(matches!(
            Upstream::from_readyz(503, "HaloPSA is not ready: rate limit reached"),
            Upstream::RateLimited(_)
        ));
        assert!(matches!(
            Upstream::from_readyz(503, "HaloPSA is not ready: connection refused"),
            Upstream::Down(_)
        ));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_server_draws_each_state() {
        use super::markup;
        let ok = markup(&Upstream::Ok);
        assert!(ok.contains(r#"class="status-light ok""#), "{ok}");
        assert!(
            ok.contains(r#"title="""#) && ok.contains(">HaloPSA connected<"),
            "{ok}"
        );
        assert!(ok.contains(r#"role="status""#) && ok.contains(r#"data-testid="status-light""#));
        let unknown = markup(&Upstream::Unknown);
        assert!(
            unknown.contains(r#"class="status-light unknown""#),
            "{unknown}"
        );
        assert!(unknown.contains(">HaloPSA<"), "{unknown}");
        let limited = markup(&Upstream::from_readyz(503, "rate-limited"));
        assert!(
            limited.contains(r#"class="status-light warn""#),
            "{limited}"
        );
        assert!(
            limited.contains("rate-limited Pages show the data"),
            "{limited}"
        );
        let down = markup(&Upstream::from_readyz(503, "unreachable"));
        assert!(
            down.contains(r#"class="status-light down""#) && down.contains(">HaloPSA unreachable<")
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_check_is_known_for_a_while_only() {
        use crate::state::server::LastUpstreamCheck;
        use std::time::Duration;
        let last = LastUpstreamCheck::default();
        assert_eq!(last.recent(Duration::from_secs(30)), None, "no check yet");
        last.record("ok");
        assert_eq!(last.recent(Duration::from_secs(30)), Some("ok"));
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(last.recent(Duration::from_millis(10)), None, "too old");
    }
}

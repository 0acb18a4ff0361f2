//! A small light in the header that says when HaloPSA is unreachable or rate-limiting Haloscope.
//! In the browser it polls `/readyz` (gloo-net) every 20 s; on the server it renders a neutral light.

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
}

/// What pages do meanwhile (stale-if-error), said in the light's tooltip.
const KEPT_DATA: &str = "Pages show the data Haloscope read last, marked with its time; changes cannot be made until HaloPSA answers.";

/// The light: an island, kept running across client-side navigations (one poll timer per tab).
#[island]
pub fn StatusLight() -> impl IntoView {
    let state = RwSignal::new(Upstream::Unknown);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let poll = move || {
            leptos::task::spawn_local(async move {
                let next = match gloo_net::http::Request::get("/readyz").send().await {
                    Ok(res) => {
                        let status = res.status();
                        let body = res.text().await.unwrap_or_default();
                        Upstream::from_readyz(status, &body)
                    }
                    Err(_) => Upstream::Down("Haloscope could not be reached.".into()),
                };
                state.set(next);
            });
        };
        poll();
        let _ = set_interval_with_handle(poll, std::time::Duration::from_secs(20));
    });
    let class = move || match state.get() {
        Upstream::Unknown => "status-light unknown",
        Upstream::Ok => "status-light ok",
        Upstream::RateLimited(_) => "status-light warn",
        Upstream::Down(_) => "status-light down",
    };
    let text = move || match state.get() {
        Upstream::Unknown => "HaloPSA".to_string(),
        Upstream::Ok => "HaloPSA connected".to_string(),
        Upstream::RateLimited(_) => "HaloPSA is rate-limiting Haloscope".to_string(),
        Upstream::Down(_) => "HaloPSA unreachable".to_string(),
    };
    let title = move || match state.get() {
        Upstream::RateLimited(m) | Upstream::Down(m) => format!("{m} {KEPT_DATA}"),
        _ => String::new(),
    };
    view! {
        <span class=class title=title role="status" data-testid="status-light">
            <span class="dot" aria-hidden="true"></span>
            <span class="label">{text}</span>
        </span>
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
}

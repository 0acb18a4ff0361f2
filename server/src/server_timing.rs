//! The `Server-Timing` header of a page or server function that called HaloPSA: the slowest call and how
//! many were sent, so a browser's developer tools (and `bench/run.sh`) can tell Haloscope's own share of a
//! response (the rest, since the other calls ran beside the slowest) from HaloPSA's. Upstream latency is
//! no secret from the person who waited for it; nothing else is in the header.

use axum::response::Response;
use halo::client::CallTimes;
use http::header::{self, HeaderValue};

/// The header's name (the `http` crate has no constant for it).
pub const SERVER_TIMING: &str = "server-timing";

/// Adds the header to `response` when calls were sent and the response was complete when its head was
/// made: a page (sent whole, see `page_tail`) or a server function's reply. A streamed export's head
/// leaves before its calls, so it gets none.
pub fn add(response: &mut Response, path: &str, times: CallTimes) {
    if times.calls == 0
        || !(is_page(response) || path.starts_with(crate::auth::gate::SERVER_FN_PREFIX))
    {
        return;
    }
    if let Ok(value) = HeaderValue::from_str(&value(times)) {
        response.headers_mut().append(SERVER_TIMING, value);
    }
}

fn is_page(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// `halo;dur=<ms>;desc="slowest of <n> HaloPSA calls"`, in milliseconds with microsecond precision.
fn value(times: CallTimes) -> String {
    let calls = if times.calls == 1 { "call" } else { "calls" };
    format!(
        "halo;dur={:.3};desc=\"slowest of {} HaloPSA {calls}\"",
        times.slowest.as_secs_f64() * 1000.0,
        times.calls
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_slowest_call_in_milliseconds() {
        let times = CallTimes {
            calls: 4,
            slowest: Duration::from_micros(52_103),
        };
        assert_eq!(
            value(times),
            "halo;dur=52.103;desc=\"slowest of 4 HaloPSA calls\""
        );
        let one = CallTimes {
            calls: 1,
            slowest: Duration::from_micros(7),
        };
        assert_eq!(
            value(one),
            "halo;dur=0.007;desc=\"slowest of 1 HaloPSA call\""
        );
    }

    #[test]
    fn only_on_pages_and_server_functions_that_called() {
        let times = CallTimes {
            calls: 2,
            slowest: Duration::from_millis(3),
        };
        let page = || {
            let mut r = Response::new(axum::body::Body::empty());
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            r
        };
        let mut r = page();
        add(&mut r, "/clients", times);
        assert_eq!(r.headers().get_all(SERVER_TIMING).iter().count(), 1);
        let mut r = page();
        add(&mut r, "/clients", CallTimes::default());
        assert!(
            r.headers().get(SERVER_TIMING).is_none(),
            "no calls, no header"
        );
        let mut r = Response::new(axum::body::Body::empty());
        add(&mut r, "/api/list_records", times);
        assert_eq!(r.headers().get_all(SERVER_TIMING).iter().count(), 1);
        let mut r = Response::new(axum::body::Body::empty());
        add(&mut r, "/export/clients.csv", times);
        assert!(
            r.headers().get(SERVER_TIMING).is_none(),
            "a streamed export"
        );
    }
}

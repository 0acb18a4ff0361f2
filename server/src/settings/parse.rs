//! The typed value parsers of the settings: text in, a typed value or the reason it is refused out.
//! The caller names the setting.

use crate::cli::LogFormat;
use crate::settings::AuthMode;
use clap::ValueEnum;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;
use url::Url;

pub fn text(raw: &str) -> Result<String, String> {
    Ok(raw.to_owned())
}

pub fn path(raw: &str) -> Result<PathBuf, String> {
    Ok(PathBuf::from(raw))
}

pub fn address(raw: &str) -> Result<SocketAddr, String> {
    raw.trim()
        .parse()
        .map_err(|_| format!("{raw:?} is not an address like 127.0.0.1:3000"))
}

/// Comma-separated IP addresses (blank entries are skipped).
pub fn addresses(raw: &str) -> Result<Vec<IpAddr>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|a| a.parse().map_err(|_| format!("{a:?} is not an IP address")))
        .collect()
}

/// An http(s) URL with a host.
pub fn http_url(raw: &str) -> Result<Url, String> {
    let url = Url::parse(raw.trim()).map_err(|e| format!("{raw:?} is not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!("{raw:?} must be an http(s) URL with a host"));
    }
    Ok(url)
}

fn number(raw: &str, max: u64) -> Result<u64, String> {
    match raw.trim().parse::<u64>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!("{raw:?} is not a whole number from 0 to {max}")),
    }
}

/// A `redis://` or `rediss://` (TLS) URL with a host.
pub fn redis_url(raw: &str) -> Result<Url, String> {
    let url = Url::parse(raw.trim()).map_err(|_| "it is not a URL".to_owned())?;
    if !matches!(url.scheme(), "redis" | "rediss") || url.host().is_none() {
        // the value may hold a password: it is not repeated
        return Err("it must be a redis:// or rediss:// URL with a host".to_owned());
    }
    Ok(url)
}

/// A Redis key prefix: 1–64 printable ASCII characters without spaces.
pub fn key_prefix(raw: &str) -> Result<String, String> {
    let p = raw.trim();
    if p.is_empty() || p.len() > 64 || !p.chars().all(|c| c.is_ascii_graphic()) {
        return Err(format!(
            "{raw:?} must be 1–64 printable ASCII characters without spaces"
        ));
    }
    Ok(p.to_owned())
}

/// A window like `5m` or `60s`, from one second to one day.
pub fn rate_window(raw: &str) -> Result<Duration, String> {
    let t = raw.trim();
    let (digits, scale) = match t.strip_suffix('m') {
        Some(d) => (d, 60),
        None => (t.strip_suffix('s').unwrap_or(t), 1),
    };
    let secs = digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale));
    match secs {
        Some(secs) if (1..=86_400).contains(&secs) => Ok(Duration::from_secs(secs)),
        _ => Err(format!(
            "{raw:?} is not a window from 1s to 1440m (e.g. 5m, 60s)"
        )),
    }
}

/// Seconds, at most a day.
pub fn cache_ttl(raw: &str) -> Result<Duration, String> {
    number(raw, 86_400).map(Duration::from_secs)
}

/// Requests per 5 minutes, at most 100,000.
pub fn rate_limit(raw: &str) -> Result<u32, String> {
    number(raw, 100_000).map(|n| n as u32)
}

/// A duration like `8h`, `30m`, `45s`, `7d` or a number of seconds; from one minute to 365 days.
pub fn duration(raw: &str) -> Result<Duration, String> {
    let t = raw.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, "s"),
    };
    let scale = match unit.trim() {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => 0,
    };
    let secs = digits.parse::<u64>().ok().map(|n| n.saturating_mul(scale));
    match secs {
        Some(s) if (60..=365 * 86_400).contains(&s) => Ok(Duration::from_secs(s)),
        _ => Err(format!(
            "{raw:?} is not a duration from 1m to 365d (like 8h, 30m, 7d or seconds)"
        )),
    }
}

/// `0` (off) or a duration as [`duration`] reads it.
pub fn stale_for(raw: &str) -> Result<Duration, String> {
    if raw.trim() == "0" {
        return Ok(Duration::ZERO);
    }
    duration(raw).map_err(|e| format!("{e}, or 0 for off"))
}

/// Megabytes, from 1 to 65,536.
pub fn megabytes(raw: &str) -> Result<u64, String> {
    match number(raw, 65_536) {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "{raw:?} is not a number of megabytes from 1 to 65536"
        )),
    }
}

/// A yes or no: true/false, yes/no, on/off, 1/0.
pub fn switch(raw: &str) -> Result<bool, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err(format!("{raw:?} is not one of: true, false")),
    }
}

pub fn log_format(raw: &str) -> Result<LogFormat, String> {
    LogFormat::from_str(raw.trim(), true).map_err(|_| format!("{raw:?} is not one of: human, json"))
}

pub fn auth_mode(raw: &str) -> Result<AuthMode, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "service" => Ok(AuthMode::Service),
        "agent" => Ok(AuthMode::Agent),
        _ => Err(format!("{raw:?} is not one of: service, agent")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units_and_stay_in_range() {
        let d = |v: &str| duration(v).map(|d| d.as_secs());
        assert_eq!(d("8h").unwrap(), 8 * 3600);
        assert_eq!(d("30m").unwrap(), 1800);
        assert_eq!(d("7d").unwrap(), 7 * 86_400);
        assert_eq!(d("3600").unwrap(), 3600);
        for bad in ["", "h", "10", "8x", "-1h", "366d", "99999999999999999999d"] {
            assert!(d(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn numbers_urls_and_addresses_are_checked() {
        assert_eq!(cache_ttl("0").unwrap(), Duration::ZERO);
        assert_eq!(stale_for("0").unwrap(), Duration::ZERO);
        assert_eq!(stale_for("24h").unwrap(), Duration::from_secs(86_400));
        assert!(stale_for("5x").is_err());
        assert_eq!(megabytes("64").unwrap(), 64);
        assert!(megabytes("0").is_err());
        assert!(megabytes("65537").is_err());
        assert!(cache_ttl("86401").is_err());
        assert!(cache_ttl("-1").is_err());
        assert_eq!(rate_limit(" 300 ").unwrap(), 300);
        assert!(rate_limit("lots").is_err());
        assert!(http_url("ftp://x").is_err());
        assert!(http_url("https://").is_err());
        assert_eq!(
            http_url("https://acme.halopsa.com").unwrap().as_str(),
            "https://acme.halopsa.com/"
        );
        assert_eq!(
            addresses("10.0.0.1, ,::1").unwrap(),
            vec![
                "10.0.0.1".parse::<IpAddr>().unwrap(),
                "::1".parse::<IpAddr>().unwrap()
            ]
        );
        assert!(addresses("10.0.0.1,proxy").is_err());
        assert!(address("nowhere").is_err());
        assert_eq!(log_format("JSON").unwrap(), LogFormat::Json);
        assert_eq!(auth_mode("Agent").unwrap(), AuthMode::Agent);
        assert!(auth_mode("robot").is_err());
    }
}

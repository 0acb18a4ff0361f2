//! Halo timestamps: sometimes with a zone, usually without (then they are UTC).

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A Halo timestamp in UTC. Reads RFC 3339 (`2024-05-01T09:30:00Z`, offsets converted) and
/// Halo's zone-less forms (`2024-05-01T09:30:00.123`, `2024-05-01 09:30:00`, `2024-05-01`) as
/// UTC; writes RFC 3339 with `Z`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HaloDateTime(pub DateTime<Utc>);

impl HaloDateTime {
    /// Parses any of the accepted forms; `None` when the text is not a timestamp.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Some(Self(dt.with_timezone(&Utc)));
        }
        for fmt in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
        ] {
            if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
                return Some(Self(n.and_utc()));
            }
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|n| Self(n.and_utc()))
    }
}

impl HaloDateTime {
    /// Whether this is one of the placeholders Halo writes for "no date": `1900-01-01T00:00:00`
    /// (its own) or anything earlier, such as .NET's `0001-01-01`.
    pub fn is_no_date(&self) -> bool {
        self.0.date_naive() <= NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()
    }
}

impl fmt::Display for HaloDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

impl From<DateTime<Utc>> for HaloDateTime {
    fn from(dt: DateTime<Utc>) -> Self {
        Self(dt)
    }
}

impl Serialize for HaloDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for HaloDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("expected a date and time, got {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_zoneless_as_utc_and_writes_z() {
        let t = HaloDateTime::parse("2024-05-01T09:30:00.5").unwrap();
        assert_eq!(t.to_string(), "2024-05-01T09:30:00.500Z");
        let t = HaloDateTime::parse("2024-05-01T11:30:00+02:00").unwrap();
        assert_eq!(t.to_string(), "2024-05-01T09:30:00Z");
        assert_eq!(
            HaloDateTime::parse("2024-05-01").unwrap().to_string(),
            "2024-05-01T00:00:00Z"
        );
        assert!(HaloDateTime::parse("yesterday").is_none());
    }
}

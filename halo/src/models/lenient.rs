//! Lenient deserializers for Halo's loose JSON: `null` anywhere, numbers sent as doubles or
//! strings, booleans sent as `0`/`1`, empty strings for "no date".

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::HaloDateTime;

fn to_i64<E: serde::de::Error>(v: &Value) -> Result<Option<i64>, E> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(Some(i))
            } else {
                match n.as_f64() {
                    Some(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
                        Ok(Some(f as i64))
                    }
                    _ => Err(E::custom(format!("expected a whole number, got {n}"))),
                }
            }
        }
        Value::String(s) => {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            if let Ok(i) = s.parse::<i64>() {
                return Ok(Some(i));
            }
            match s.parse::<f64>() {
                Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
                    Ok(Some(f as i64))
                }
                _ => Err(E::custom(format!("expected a whole number, got {s:?}"))),
            }
        }
        Value::Bool(b) => Ok(Some(i64::from(*b))),
        other => Err(E::custom(format!(
            "expected a whole number, got {}",
            kind(other)
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An optional `i32` from an integer, a whole double (`12.0`), a numeric string or `null`.
pub fn opt_i32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    let v = Value::deserialize(d)?;
    match to_i64::<D::Error>(&v)? {
        None => Ok(None),
        Some(i) => i32::try_from(i)
            .map(Some)
            .map_err(|_| D::Error::custom(format!("{i} does not fit a 32-bit id"))),
    }
}

/// An optional `i64`, as lenient as [`opt_i32`].
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v = Value::deserialize(d)?;
    to_i64::<D::Error>(&v)
}

/// A record id: like [`opt_i32`] but `null`/absent becomes 0 (Halo's "new record").
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    opt_i32(d).map(Option::unwrap_or_default)
}

/// An optional `f64` from a number, a numeric string or `null`.
pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(n.as_f64()),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .map(Some)
            .map_err(|_| D::Error::custom(format!("expected a number, got {s:?}"))),
        other => Err(D::Error::custom(format!(
            "expected a number, got {}",
            kind(&other)
        ))),
    }
}

/// An optional `bool` from `true`/`false`, `0`/`1`, `"true"`/`"false"`/`"1"`/`"0"` or `null`.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b)),
        Value::Number(n) => match n.as_f64() {
            Some(0.0) => Ok(Some(false)),
            Some(1.0) => Ok(Some(true)),
            _ => Err(D::Error::custom(format!("expected a boolean, got {n}"))),
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "true" | "1" | "yes" => Ok(Some(true)),
            "false" | "0" | "no" => Ok(Some(false)),
            _ => Err(D::Error::custom(format!("expected a boolean, got {s:?}"))),
        },
        other => Err(D::Error::custom(format!(
            "expected a boolean, got {}",
            kind(&other)
        ))),
    }
}

/// An optional string; numbers and booleans are accepted and written as text.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        other => Err(D::Error::custom(format!(
            "expected text, got {}",
            kind(&other)
        ))),
    }
}

/// An optional timestamp: RFC 3339 with a zone, or Halo's zone-less form (read as UTC);
/// `null` and `""` are `None`.
pub fn opt_datetime<'de, D: Deserializer<'de>>(d: D) -> Result<Option<HaloDateTime>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => HaloDateTime::parse(&s)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("expected a date and time, got {s:?}"))),
        other => Err(D::Error::custom(format!(
            "expected a date and time, got {}",
            kind(&other)
        ))),
    }
}

/// An optional nested object; `null` is `None`.
pub fn opt_nested<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Option<T>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        v => serde_json::from_value(v)
            .map(Some)
            .map_err(D::Error::custom),
    }
}

/// An optional list; `null` is `None` and `null` elements are dropped.
pub fn opt_vec<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Option<Vec<T>>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Array(items) => items
            .into_iter()
            .filter(|v| !v.is_null())
            .enumerate()
            .map(|(i, v)| {
                serde_json::from_value(v).map_err(|e| D::Error::custom(format!("[{i}]: {e}")))
            })
            .collect::<Result<Vec<T>, _>>()
            .map(Some),
        other => Err(D::Error::custom(format!(
            "expected a list, got {}",
            kind(&other)
        ))),
    }
}

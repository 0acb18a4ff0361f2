//! Lenient reading of Halo's loose JSON: `null` anywhere, numbers sent as doubles or strings,
//! booleans sent as `0`/`1`, empty strings for "no date". Every typed field of a record is an
//! `Option<T>` with `T: Lenient`, read through [`opt`]; ids go through [`id`].

use serde::de::{DeserializeOwned, Error};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{AddressStore, CustomField, HaloDateTime, PopupNote, StockBin};

fn to_i64<E: Error>(v: &Value) -> Result<Option<i64>, E> {
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
        other => Err(refused("a whole number", other)),
    }
}

/// "expected `what`, got …" for a value of the wrong JSON type.
fn refused<E: Error>(what: &str, v: &Value) -> E {
    E::custom(format!("expected {what}, got {}", kind(v)))
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

/// A value a record field can hold, read as leniently as Halo writes it (`None` for `null`).
pub trait Lenient: Sized {
    /// The field's value, or `None` for `null` and for the "empty" forms Halo uses.
    fn lenient<E: Error>(v: Value) -> Result<Option<Self>, E>;
}

/// Any optional record field (the `deserialize_with` of every typed field).
pub fn opt<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Option<T>, D::Error> {
    T::lenient(Value::deserialize(d)?)
}

/// A record id: `null`/absent becomes 0 (Halo's "new record").
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    opt::<D, i32>(d).map(Option::unwrap_or_default)
}

/// An integer, a whole double (`12.0`) or a numeric string.
impl Lenient for i32 {
    fn lenient<E: Error>(v: Value) -> Result<Option<Self>, E> {
        match to_i64::<E>(&v)? {
            None => Ok(None),
            Some(i) => i32::try_from(i)
                .map(Some)
                .map_err(|_| E::custom(format!("{i} does not fit a 32-bit id"))),
        }
    }
}

/// A number or a numeric string.
impl Lenient for f64 {
    fn lenient<E: Error>(v: Value) -> Result<Option<Self>, E> {
        match v {
            Value::Null => Ok(None),
            Value::Number(n) => Ok(n.as_f64()),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => s
                .trim()
                .parse::<f64>()
                .map(Some)
                .map_err(|_| E::custom(format!("expected a number, got {s:?}"))),
            other => Err(refused("a number", &other)),
        }
    }
}

/// `true`/`false`, `0`/`1`, or those words (and `yes`/`no`) as strings.
impl Lenient for bool {
    fn lenient<E: Error>(v: Value) -> Result<Option<Self>, E> {
        match v {
            Value::Null => Ok(None),
            Value::Bool(b) => Ok(Some(b)),
            Value::Number(n) => match n.as_f64() {
                Some(0.0) => Ok(Some(false)),
                Some(1.0) => Ok(Some(true)),
                _ => Err(E::custom(format!("expected a boolean, got {n}"))),
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "" => Ok(None),
                "true" | "1" | "yes" => Ok(Some(true)),
                "false" | "0" | "no" => Ok(Some(false)),
                _ => Err(E::custom(format!("expected a boolean, got {s:?}"))),
            },
            other => Err(refused("a boolean", &other)),
        }
    }
}

/// Text; numbers and booleans are accepted and written as text.
impl Lenient for String {
    fn lenient<E: Error>(v: Value) -> Result<Option<Self>, E> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Bool(b) => Ok(Some(b.to_string())),
            other => Err(refused("text", &other)),
        }
    }
}

/// RFC 3339 with a zone, or Halo's zone-less form (read as UTC); `""` and Halo's "no date"
/// (`1900-01-01T00:00:00`, see [`HaloDateTime::is_no_date`]) are `None`.
impl Lenient for HaloDateTime {
    fn lenient<E: Error>(v: Value) -> Result<Option<Self>, E> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => HaloDateTime::parse(&s)
                .map(|d| (!d.is_no_date()).then_some(d))
                .ok_or_else(|| E::custom(format!("expected a date and time, got {s:?}"))),
            other => Err(refused("a date and time", &other)),
        }
    }
}

/// Any JSON value, kept as it came.
impl Lenient for Value {
    fn lenient<E: Error>(v: Value) -> Result<Option<Self>, E> {
        Ok((!v.is_null()).then_some(v))
    }
}

/// A nested object.
impl Lenient for AddressStore {
    fn lenient<E: Error>(v: Value) -> Result<Option<Self>, E> {
        match v {
            Value::Null => Ok(None),
            v => serde_json::from_value(v).map(Some).map_err(E::custom),
        }
    }
}

/// Records that may come in a list.
pub trait Listed: DeserializeOwned {}
impl Listed for CustomField {}
impl Listed for PopupNote {}
impl Listed for StockBin {}

/// A list; `null` elements are dropped.
impl<T: Listed> Lenient for Vec<T> {
    fn lenient<E: Error>(v: Value) -> Result<Option<Self>, E> {
        match v {
            Value::Null => Ok(None),
            Value::Array(items) => items
                .into_iter()
                .filter(|v| !v.is_null())
                .enumerate()
                .map(|(i, v)| {
                    serde_json::from_value(v).map_err(|e| E::custom(format!("[{i}]: {e}")))
                })
                .collect::<Result<Vec<T>, _>>()
                .map(Some),
            other => Err(refused("a list", &other)),
        }
    }
}

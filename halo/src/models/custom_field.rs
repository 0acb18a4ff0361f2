//! Custom field values carried on most Halo records, and what they mean.
//!
//! HaloPSA describes each field inside the record (`type`, `inputtype`, `label`), so a record's
//! custom fields can be shown and edited without asking for the tenant's field set-up. The numeric
//! codes follow Halo's field set-up screen [I: not in the OpenAPI subset]: `type` 0 text (whose
//! `inputtype` 1, 2 and 4 are integer, money and decimal), 1 memo, 2 and 3 single and multiple
//! selection, 4 date, 5 time, 6 checkbox. Anything else is shown as Halo's `display` text and left
//! alone.

use chrono::NaiveDate;
use serde_json::Value;

use super::HaloDateTime;

record! {
    /// A custom field on a Halo record (`CustomField`): id, name, label, how it is entered, and its
    /// raw value (`display` is Halo's text of it, the only readable form of a selection).
    pub struct CustomField {
        name: String,
        label: String,
        value: serde_json::Value,
        display: String,
        #[serde(rename = "type")]
        kind: i32,
        inputtype: i32,
        characterlimit: i32,
        usage: i32,
    }
}

/// How a custom field is entered, from its `type` and `inputtype`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Memo,
    /// A text field Halo restricts to numbers (integer, money, decimal).
    Number,
    /// A date (a time of day, if Halo sent one, is not shown).
    Date,
    /// Ticked or not.
    Checkbox,
    /// A single or multiple selection from options the API does not list.
    Choice,
    /// A kind Haloscope does not edit (time, tables, lookups, …).
    Other,
}

impl CustomKind {
    /// Whether Haloscope edits fields of this kind.
    pub fn editable(self) -> bool {
        !matches!(self, CustomKind::Choice | CustomKind::Other)
    }
}

/// A custom field's value as its kind reads it.
#[derive(Clone, Debug, PartialEq)]
pub enum CustomValue {
    /// No value (null, `""`, Halo's 1900-01-01 "no date").
    Empty,
    /// Text (a selection's `display` too).
    Text(String),
    /// A number, kept as Halo's JSON number (integer or decimal).
    Number(serde_json::Number),
    /// A calendar day.
    Date(NaiveDate),
    /// A checkbox, ticked or not.
    Flag(bool),
    /// A value that does not fit the field's kind, as Halo sent it.
    Unreadable(Value),
}

impl CustomField {
    /// How the field is entered.
    pub fn custom_kind(&self) -> CustomKind {
        match (self.kind, self.inputtype) {
            (Some(0), Some(1 | 2 | 4)) => CustomKind::Number,
            (Some(0), _) => CustomKind::Text,
            (Some(1), _) => CustomKind::Memo,
            (Some(2 | 3), _) => CustomKind::Choice,
            (Some(4), _) => CustomKind::Date,
            (Some(6), _) => CustomKind::Checkbox,
            _ => CustomKind::Other,
        }
    }

    /// What a person reads as the field's name: its label, else its name, else `Field <id>`.
    pub fn title(&self) -> String {
        [&self.label, &self.name]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .map_or_else(|| format!("Field {}", self.id), str::to_owned)
    }

    /// The value read as the field's kind says; a selection or other kind reads as Halo's `display`
    /// text (else the value's text).
    pub fn typed(&self) -> CustomValue {
        let raw = self.value.clone().unwrap_or(Value::Null);
        match self.custom_kind() {
            CustomKind::Text | CustomKind::Memo => text_value(&raw),
            CustomKind::Number => number_value(raw),
            CustomKind::Date => date_value(raw),
            CustomKind::Checkbox => flag_value(raw),
            CustomKind::Choice | CustomKind::Other => {
                match self.display.as_deref().map(str::trim) {
                    Some(d) if !d.is_empty() => CustomValue::Text(d.to_owned()),
                    _ => text_value(&raw),
                }
            }
        }
    }
}

/// Text, or a number or boolean Halo sent in a text field, as text.
fn text_value(raw: &Value) -> CustomValue {
    match raw {
        Value::Null => CustomValue::Empty,
        Value::String(s) if s.trim().is_empty() => CustomValue::Empty,
        Value::String(s) => CustomValue::Text(s.clone()),
        Value::Number(n) => CustomValue::Text(n.to_string()),
        Value::Bool(b) => CustomValue::Text(b.to_string()),
        other => CustomValue::Unreadable(other.clone()),
    }
}

/// A number, also when Halo sends it as text.
fn number_value(raw: Value) -> CustomValue {
    match raw {
        Value::Null => CustomValue::Empty,
        Value::Number(n) => CustomValue::Number(n),
        Value::String(s) if s.trim().is_empty() => CustomValue::Empty,
        Value::String(s) => parse_number(&s).map_or(
            CustomValue::Unreadable(Value::String(s)),
            CustomValue::Number,
        ),
        other => CustomValue::Unreadable(other),
    }
}

/// A number written as text (`12`, `-3.5`); integers stay integers.
pub fn parse_number(s: &str) -> Option<serde_json::Number> {
    let s = s.trim();
    if let Ok(i) = s.parse::<i64>() {
        return Some(i.into());
    }
    s.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .and_then(serde_json::Number::from_f64)
}

/// A date from any timestamp form Halo uses; its "no date" reads as empty.
fn date_value(raw: Value) -> CustomValue {
    match raw {
        Value::Null => CustomValue::Empty,
        Value::String(s) if s.trim().is_empty() => CustomValue::Empty,
        Value::String(s) => match HaloDateTime::parse(&s) {
            Some(t) if t.is_no_date() => CustomValue::Empty,
            Some(t) => CustomValue::Date(t.0.date_naive()),
            None => CustomValue::Unreadable(Value::String(s)),
        },
        other => CustomValue::Unreadable(other),
    }
}

/// A checkbox: a boolean, 0/1, or their text; null is not ticked.
fn flag_value(raw: Value) -> CustomValue {
    match &raw {
        Value::Null => CustomValue::Flag(false),
        Value::Bool(b) => CustomValue::Flag(*b),
        Value::Number(n) if n.as_f64() == Some(0.0) => CustomValue::Flag(false),
        Value::Number(n) if n.as_f64() == Some(1.0) => CustomValue::Flag(true),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "" | "0" | "false" | "no" => CustomValue::Flag(false),
            "1" | "true" | "yes" => CustomValue::Flag(true),
            _ => CustomValue::Unreadable(raw),
        },
        _ => CustomValue::Unreadable(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(v: Value) -> CustomField {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn kinds_follow_type_and_inputtype() {
        let k = |t: i32, i: i32| field(json!({"type": t, "inputtype": i})).custom_kind();
        assert_eq!(k(0, 0), CustomKind::Text);
        assert_eq!(k(0, 1), CustomKind::Number);
        assert_eq!(k(0, 4), CustomKind::Number);
        assert_eq!(k(1, 0), CustomKind::Memo);
        assert_eq!(k(2, 0), CustomKind::Choice);
        assert_eq!(k(4, 0), CustomKind::Date);
        assert_eq!(k(6, 0), CustomKind::Checkbox);
        assert_eq!(k(5, 0), CustomKind::Other);
        assert_eq!(
            field(json!({"value": "x"})).custom_kind(),
            CustomKind::Other
        );
        assert!(!CustomKind::Choice.editable());
        assert!(CustomKind::Date.editable());
    }

    #[test]
    fn values_read_as_their_kind_with_halos_quirks() {
        let v = |t: i32, i: i32, value: Value| {
            field(json!({"type": t, "inputtype": i, "value": value})).typed()
        };
        assert_eq!(v(0, 1, json!("42")), CustomValue::Number(42.into()));
        assert_eq!(
            v(0, 1, json!(2.5)),
            CustomValue::Number(serde_json::Number::from_f64(2.5).unwrap())
        );
        assert_eq!(
            v(0, 1, json!("many")),
            CustomValue::Unreadable(json!("many"))
        );
        assert_eq!(v(4, 0, json!("1900-01-01T00:00:00")), CustomValue::Empty);
        assert_eq!(
            v(4, 0, json!("2024-05-01T00:00:00")),
            CustomValue::Date(NaiveDate::from_ymd_opt(2024, 5, 1).unwrap())
        );
        assert_eq!(
            v(4, 0, json!("01/05/2024")),
            CustomValue::Unreadable(json!("01/05/2024"))
        );
        assert_eq!(v(6, 0, json!(1)), CustomValue::Flag(true));
        assert_eq!(v(6, 0, json!("False")), CustomValue::Flag(false));
        assert_eq!(v(6, 0, Value::Null), CustomValue::Flag(false));
        assert_eq!(v(0, 0, json!(1234)), CustomValue::Text("1234".into()));
        assert_eq!(v(0, 0, json!("  ")), CustomValue::Empty);
        let choice = field(json!({"type": 2, "value": 3, "display": "Gold"}));
        assert_eq!(choice.typed(), CustomValue::Text("Gold".into()));
    }

    #[test]
    fn the_title_is_the_label_else_the_name_else_the_id() {
        assert_eq!(
            field(json!({"id": 4, "label": "Seats", "name": "CFseats"})).title(),
            "Seats"
        );
        assert_eq!(
            field(json!({"id": 4, "label": " ", "name": "CFseats"})).title(),
            "CFseats"
        );
        assert_eq!(field(json!({"id": 4})).title(), "Field 4");
    }
}

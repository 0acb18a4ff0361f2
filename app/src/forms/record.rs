//! A HaloPSA record and a form, both ways: the text each field shows for a stored value, the JSON a
//! cleaned value is sent as, the change set of an edit (only what the person changed and HaloPSA does not
//! already hold), a new record's body, and which fields someone else changed meanwhile. Pure; server only.

use super::validate::{client_label, client_ref, parse_id};
use super::{FormSpec, Kind, Valid, Values};
use crate::functions::forms::ChangedField;
use serde_json::{Map, Value};

/// The text a form shows for a stored value.
pub fn text_of(kind: Kind, v: Option<&Value>) -> String {
    match (kind, v) {
        (Kind::Flag, Some(Value::Bool(b))) => b.to_string(),
        (Kind::Flag, _) => "false".into(),
        (_, None | Some(Value::Null)) => String::new(),
        (k, Some(Value::Number(n))) if k.is_id() && n.as_i64() == Some(0) => String::new(),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(other)) => other.to_string(),
    }
}

/// The form values of the shown (edit) fields of a stored record. A client picker shows `Name (#id)`
/// using the record's `client_name`.
pub fn values_of(spec: &FormSpec, json: &Map<String, Value>) -> Values {
    spec.shown(false)
        .map(|f| {
            let mut text = text_of(f.kind, json.get(f.key));
            if f.kind == Kind::Client {
                if let Ok(id) = text.parse::<i32>() {
                    let name = json
                        .get("client_name")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .unwrap_or_else(|| format!("Client {id}"));
                    text = client_label(id, &name);
                }
            }
            (f.key.to_owned(), text)
        })
        .collect()
}

/// The JSON value HaloPSA expects for a cleaned form value.
fn json_of(kind: Kind, text: &str) -> Value {
    match kind {
        Kind::Flag => Value::Bool(text == "true"),
        Kind::Client => Value::from(client_ref(text).unwrap_or(0)),
        k if k.is_id() => Value::from(parse_id(text).unwrap_or(0)),
        _ => Value::String(text.to_owned()),
    }
}

/// Whether the stored value and the cleaned form value mean the same (absent = empty = 0 for pickers).
fn same(kind: Kind, stored: Option<&Value>, text: &str) -> bool {
    match kind {
        Kind::Client => client_ref(&text_of(kind, stored)) == client_ref(text),
        _ => text_of(kind, stored) == text,
    }
}

/// Whether the person left a field as it was loaded.
fn untouched(kind: Kind, loaded: Option<&String>, text: &str) -> bool {
    match (kind, loaded) {
        (_, None) => false,
        (Kind::Client, Some(l)) => client_ref(l) == client_ref(text),
        (_, Some(l)) => l.trim() == text,
    }
}

/// The update body: the shown fields the person changed (entered value ≠ value as loaded) whose value
/// also differs from the record as it is now. A field the person did not touch is never sent, so a change
/// someone else made meanwhile is not undone, even after "Save anyway".
pub fn change_set(
    spec: &FormSpec,
    now: &Map<String, Value>,
    valid: &Valid,
    loaded: &Values,
) -> Map<String, Value> {
    let mut out = Map::new();
    for f in spec.shown(false) {
        let Some(text) = valid.0.get(f.key) else {
            continue;
        };
        if untouched(f.kind, loaded.get(f.key), text) {
            continue;
        }
        if !same(f.kind, now.get(f.key), text) {
            out.insert(f.key.to_owned(), json_of(f.kind, text));
        }
    }
    out
}

/// The body of a new record: the non-empty shown fields (flags only when ticked).
pub fn new_record(spec: &FormSpec, valid: &Valid) -> Map<String, Value> {
    let mut out = Map::new();
    for f in spec.shown(true) {
        let Some(text) = valid.0.get(f.key) else {
            continue;
        };
        let keep = match f.kind {
            Kind::Flag => text == "true",
            _ => !text.is_empty(),
        };
        if keep {
            out.insert(f.key.to_owned(), json_of(f.kind, text));
        }
    }
    out
}

/// The shown fields whose value as loaded differs from the value now.
pub fn changed_fields(spec: &FormSpec, loaded: &Values, now: &Values) -> Vec<ChangedField> {
    spec.shown(false)
        .filter_map(|f| {
            let was = loaded.get(f.key).cloned().unwrap_or_default();
            let is = now.get(f.key).cloned().unwrap_or_default();
            (was != is).then(|| ChangedField {
                key: f.key.to_owned(),
                label: f.label.to_owned(),
                loaded: was,
                now: is,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{clients::FORM as CLIENT, sites::FORM as SITE};
    use crate::forms::validate;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn the_change_set_holds_only_shown_fields_that_differ() {
        let now = obj(
            json!({"id": 4, "name": "Acme", "website": null, "inactive": false,
            "toplevel_id": 0, "colour": "#fff", "notes": "n", "xeroid": "keep"}),
        );
        let mut v = values_of(&CLIENT, &now);
        assert_eq!(v["toplevel_id"], "");
        assert_eq!(v["website"], "");
        // nothing touched → nothing sent
        let loaded = v.clone();
        let valid = validate(&CLIENT, &v, false, &loaded).unwrap();
        assert!(change_set(&CLIENT, &now, &valid, &loaded).is_empty());
        v.insert("website".into(), "https://acme.example".into());
        v.insert("inactive".into(), "on".into());
        let valid = validate(&CLIENT, &v, false, &loaded).unwrap();
        let c = change_set(&CLIENT, &now, &valid, &loaded);
        assert_eq!(
            Value::Object(c),
            json!({"website": "https://acme.example", "inactive": true})
        );
        // someone renamed the client meanwhile: the untouched name is not sent back
        let mut now2 = now.clone();
        now2.insert("name".into(), json!("Acme Renamed"));
        let c = change_set(&CLIENT, &now2, &valid, &loaded);
        assert!(!c.contains_key("name"));
        // without originals every differing field counts as touched
        let c = change_set(&CLIENT, &now2, &valid, &Values::new());
        assert_eq!(c["name"], json!("Acme"));
    }

    #[test]
    fn the_site_client_shows_as_a_label_and_compares_by_id() {
        let now = obj(json!({"id": 9, "name": "HQ", "client_id": 12, "client_name": "Acme"}));
        let v = values_of(&SITE, &now);
        assert_eq!(v["client_id"], "Acme (#12)");
        let mut entered = v.clone();
        entered.insert("client_id".into(), "12".into());
        let valid = validate(&SITE, &entered, false, &v).unwrap();
        assert!(change_set(&SITE, &now, &valid, &v).is_empty());
        entered.insert("client_id".into(), "13".into());
        let valid = validate(&SITE, &entered, false, &v).unwrap();
        assert_eq!(
            Value::Object(change_set(&SITE, &now, &valid, &v)),
            json!({"client_id": 13})
        );
    }

    #[test]
    fn new_records_carry_only_what_was_entered() {
        let entered: Values = [
            ("name", "New"),
            ("newclient_sitename", "Main"),
            ("inactive", ""),
            ("toplevel_id", "2"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let valid = validate(&CLIENT, &entered, true, &Values::new()).unwrap();
        assert_eq!(
            Value::Object(new_record(&CLIENT, &valid)),
            json!({"name": "New", "newclient_sitename": "Main", "toplevel_id": 2})
        );
    }

    #[test]
    fn changed_fields_name_what_moved() {
        let a: Values = [("name".to_string(), "A".to_string())].into();
        let b: Values = [("name".to_string(), "B".to_string())].into();
        let c = changed_fields(&CLIENT, &a, &b);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].loaded.as_str(), c[0].now.as_str()), ("A", "B"));
    }
}

//! The demo tenant's custom fields. As in HaloPSA, every record of an entity carries the whole set
//! the tenant defined for it (each described by `type`, `inputtype` and `label`), most with a value,
//! some empty. The set per entity:
//!
//! - clients: Contract tier (single selection, 101), Onboarded (date, 102), Licensed seats (integer,
//!   103), Accounts code (text of at most 20 characters, 104), Managed backup (checkbox, 105);
//! - sites: Alarm code (text, 201), Out-of-hours access (checkbox, 202), Access notes (memo, 203);
//! - suppliers: Our account number (text, 301), Preferred vendor (checkbox, 302), Contract review
//!   (date, 303);
//! - services: Runbook (text, 401), Next review (date, 402), Support tier (single selection, 403).
//!
//! Values come from a hash of the record's name, so they need no draw from the generator's random
//! numbers (the rest of the demo data stays as it was) and one record in five has none.

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};

use crate::entity::Entity;

/// Halo's field types used here: text, memo, single selection, date, checkbox.
const TEXT: i64 = 0;
const MEMO: i64 = 1;
const CHOICE: i64 = 2;
const DATE: i64 = 4;
const CHECKBOX: i64 = 6;
/// Text fields' `inputtype` for whole numbers.
const INTEGER: i64 = 1;

/// `(id, name, label, type, inputtype, characterlimit)` of an entity's fields.
type Definition = (i64, &'static str, &'static str, i64, i64, i64);

fn definitions(entity: Entity) -> &'static [Definition] {
    match entity {
        Entity::Client => &[
            (101, "CFcontractTier", "Contract tier", CHOICE, 0, 0),
            (102, "CFonboarded", "Onboarded", DATE, 0, 0),
            (103, "CFseats", "Licensed seats", TEXT, INTEGER, 0),
            (104, "CFaccountsCode", "Accounts code", TEXT, 0, 20),
            (105, "CFmanagedBackup", "Managed backup", CHECKBOX, 0, 0),
        ],
        Entity::Site => &[
            (201, "CFalarmCode", "Alarm code", TEXT, 0, 0),
            (202, "CFoutOfHours", "Out-of-hours access", CHECKBOX, 0, 0),
            (203, "CFaccessNotes", "Access notes", MEMO, 0, 0),
        ],
        Entity::Supplier => &[
            (301, "CFaccountNumber", "Our account number", TEXT, 0, 0),
            (302, "CFpreferred", "Preferred vendor", CHECKBOX, 0, 0),
            (303, "CFcontractReview", "Contract review", DATE, 0, 0),
        ],
        Entity::Service => &[
            (401, "CFrunbook", "Runbook", TEXT, 0, 0),
            (402, "CFnextReview", "Next review", DATE, 0, 0),
            (403, "CFsupportTier", "Support tier", CHOICE, 0, 0),
        ],
        _ => &[],
    }
}

/// The options of the selections (HaloPSA's API has no endpoint for them; only `display` names one).
const TIERS: &[&str] = &["Bronze", "Silver", "Gold"];

/// An entity's custom fields as a new record carries them: every field, no value.
pub(crate) fn empty(entity: Entity) -> Value {
    Value::Array(
        definitions(entity)
            .iter()
            .map(|&(id, name, label, kind, inputtype, limit)| {
                json!({
                    "id": id, "name": name, "label": label, "type": kind,
                    "inputtype": inputtype, "characterlimit": limit, "usage": 1,
                    "value": null, "display": "", "searchable": false, "copytochild": false,
                })
            })
            .collect(),
    )
}

/// FNV-1a of the name: a stable number per record that costs the generator no random draw.
fn hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The demo value of field `id` for a record whose name hashes to `h`: `(value, display)`.
fn demo_value(id: i64, h: u64) -> (Value, String) {
    let pick = |n: u64| (h / n) % 97;
    let day = |n: u64| {
        let base = NaiveDate::from_ymd_opt(2019, 1, 7).unwrap_or_default();
        (base + Duration::days((h / n % 2400) as i64))
            .format("%Y-%m-%dT00:00:00")
            .to_string()
    };
    let tier = |n: u64| TIERS[(pick(n) % 3) as usize];
    match id {
        101 | 403 => {
            let t = tier(3);
            (
                json!(TIERS.iter().position(|x| *x == t).unwrap_or(0) + 1),
                t.to_owned(),
            )
        }
        102 | 303 | 402 => (json!(day(7)), String::new()),
        103 => (json!(5 + pick(11) * 3), String::new()),
        104 => (json!(format!("AC-{:05}", h % 100_000)), String::new()),
        105 | 202 | 302 => (json!(pick(13).is_multiple_of(2)), String::new()),
        201 => (json!(format!("{:04}", h % 10_000)), String::new()),
        203 => (
            json!("Keys at reception.\nSign in at the front desk."),
            String::new(),
        ),
        301 => (json!(format!("CUST-{}", 1000 + h % 9000)), String::new()),
        401 => (
            json!(format!("https://wiki.example.com/runbooks/{}", h % 1000)),
            String::new(),
        ),
        _ => (Value::Null, String::new()),
    }
}

/// Fills the custom fields of a generated record named `name` (one record in five keeps them empty).
pub(crate) fn fill_demo(fields: &mut Value, name: &str) {
    let h = hash(name);
    if h.is_multiple_of(5) {
        return;
    }
    let Some(items) = fields.as_array_mut() else {
        return;
    };
    for f in items {
        let id = f.get("id").and_then(Value::as_i64).unwrap_or(0);
        let (value, display) = demo_value(id, h);
        let display = if display.is_empty() {
            display_of(&value)
        } else {
            display
        };
        f["value"] = value;
        f["display"] = Value::String(display);
    }
}

/// Halo's `display` of a value that is not a selection: its text.
pub(crate) fn display_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_carries_the_whole_set_and_most_have_values() {
        let mut filled = 0;
        for name in [
            "Acme Ltd",
            "Bravo GmbH",
            "Charlie Inc",
            "Delta BV",
            "Echo SA",
            "Fox plc",
        ] {
            let mut f = empty(Entity::Client);
            fill_demo(&mut f, name);
            let items = f.as_array().unwrap();
            assert_eq!(items.len(), 5);
            if !items[1]["value"].is_null() {
                filled += 1;
                assert!(TIERS.contains(&items[0]["display"].as_str().unwrap()));
            }
        }
        assert!(filled >= 3, "{filled}");
        assert_eq!(empty(Entity::Organisation), json!([]));
    }
}

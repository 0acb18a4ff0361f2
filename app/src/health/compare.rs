//! "Compare details" for one group of possible duplicates: the group's records read in full (one detail
//! call each, asked for per group, never for every record) and their contact details set side by side,
//! with the values two or more of them share after normalising (e-mail domain, phone digits, web host)
//! marked. Names alone miss "Acme Ltd" and "Acme Holdings" on one domain; this is where that shows.

use crate::entities::EntityKind;
use serde::{Deserialize, Serialize};

/// How a contact detail is normalised before records are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    /// An e-mail address or a bare domain: compared by the domain, lower case.
    Email,
    /// A phone number: compared by its last nine digits (so `+44 20 7946 0958` and `020 7946 0958` agree).
    Phone,
    /// A web address: compared by its host without `www.`.
    Web,
}

impl ContactKind {
    /// The row's label on the comparison page.
    pub fn label(self) -> &'static str {
        match self {
            ContactKind::Email => "E-mail domain",
            ContactKind::Phone => "Phone",
            ContactKind::Web => "Website",
        }
    }
}

/// One row of the comparison: how it compares and the record fields (as HaloPSA names them) it reads.
#[derive(Debug, Clone, Copy)]
pub struct Contact {
    pub kind: ContactKind,
    pub fields: &'static [&'static str],
}

impl Contact {
    /// E-mail addresses or domains in `fields`, compared by domain.
    pub const fn email(fields: &'static [&'static str]) -> Contact {
        Contact {
            kind: ContactKind::Email,
            fields,
        }
    }

    /// Phone numbers in `fields`, compared by their last digits.
    pub const fn phone(fields: &'static [&'static str]) -> Contact {
        Contact {
            kind: ContactKind::Phone,
            fields,
        }
    }

    /// Web addresses in `fields`, compared by host.
    pub const fn web(fields: &'static [&'static str]) -> Contact {
        Contact {
            kind: ContactKind::Web,
            fields,
        }
    }
}

/// The records of one group side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub kind: EntityKind,
    /// `(id, name)` of each record, in the order of the columns.
    pub records: Vec<(i32, String)>,
    pub rows: Vec<CompareRow>,
}

/// One contact detail of every record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareRow {
    pub label: String,
    /// Per record, its values as HaloPSA holds them (several fields may feed one row).
    pub values: Vec<Vec<String>>,
    /// Per record, whether one of its values is shared with another record of the group.
    pub shared: Vec<bool>,
}

impl CompareRow {
    /// Whether any two records share a value in this row.
    pub fn any_shared(&self) -> bool {
        self.shared.iter().any(|s| *s)
    }
}

/// The value compared, or `None` when there is nothing to compare (empty, no digits, no domain).
pub fn normalised(kind: ContactKind, raw: &str) -> Option<String> {
    let raw = raw.trim();
    let out = match kind {
        ContactKind::Email => {
            let domain = raw.rsplit('@').next().unwrap_or(raw);
            domain.trim_start_matches("www.").to_lowercase()
        }
        ContactKind::Phone => {
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            let keep = digits.len().saturating_sub(9);
            digits[keep..].to_string()
        }
        ContactKind::Web => {
            let rest = raw.split_once("://").map_or(raw, |(_, r)| r);
            let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
            host.trim_start_matches("www.").to_lowercase()
        }
    };
    let enough = match kind {
        ContactKind::Phone => out.len() >= 6,
        _ => out.contains('.'),
    };
    enough.then_some(out)
}

/// Sets `records` (`(id, name, the record as JSON)`) side by side on `contacts`; a row nobody has a value
/// for is left out.
pub fn compare(
    kind: EntityKind,
    contacts: &[Contact],
    records: &[(i32, String, serde_json::Value)],
) -> Comparison {
    let rows = contacts
        .iter()
        .map(|c| row(c, records))
        .filter(|r| r.values.iter().any(|v| !v.is_empty()))
        .collect();
    Comparison {
        kind,
        records: records.iter().map(|(id, n, _)| (*id, n.clone())).collect(),
        rows,
    }
}

fn row(contact: &Contact, records: &[(i32, String, serde_json::Value)]) -> CompareRow {
    let values: Vec<Vec<String>> = records
        .iter()
        .map(|(_, _, json)| {
            let mut found: Vec<String> = contact
                .fields
                .iter()
                .filter_map(|f| json.get(f).and_then(|v| v.as_str()))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            found.dedup();
            found
        })
        .collect();
    let keys: Vec<Vec<String>> = values
        .iter()
        .map(|vs| {
            vs.iter()
                .filter_map(|v| normalised(contact.kind, v))
                .collect()
        })
        .collect();
    let shared = keys
        .iter()
        .enumerate()
        .map(|(i, mine)| {
            keys.iter()
                .enumerate()
                .any(|(j, theirs)| i != j && mine.iter().any(|k| theirs.contains(k)))
        })
        .collect();
    CompareRow {
        label: contact.kind.label().to_string(),
        values,
        shared,
    }
}

/// The ids of a compare link (`ids=4,17`): two to ten positive whole numbers, each once.
pub fn parse_ids(raw: &str) -> Result<Vec<i32>, String> {
    let ids = crate::params::id_list(raw, "ids").map_err(|r| r.message)?;
    match ids.len() {
        2..=10 => Ok(ids),
        n => Err(format!("Compare needs 2 to 10 records; {n} given.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn contact_details_are_compared_by_domain_last_digits_and_host() {
        use ContactKind::*;
        let n = |k, s| normalised(k, s);
        assert_eq!(n(Email, "Ops@Acme.co.uk"), Some("acme.co.uk".into()));
        assert_eq!(n(Email, "acme.co.uk"), n(Email, "billing@ACME.CO.UK"));
        assert_eq!(n(Phone, "+44 20 7946 0958"), n(Phone, "020 7946 0958"));
        assert_ne!(n(Phone, "020 7946 0958"), n(Phone, "020 7946 0959"));
        assert_eq!(
            n(Web, "https://www.acme.com/contact"),
            Some("acme.com".into())
        );
        assert_eq!(n(Web, "acme.com"), n(Web, "http://acme.com:8080"));
        for empty in ["", "n/a", "-"] {
            assert_eq!(n(Email, empty), None);
            assert_eq!(n(Phone, empty), None);
            assert_eq!(n(Web, empty), None);
        }
    }

    #[test]
    fn values_two_records_share_are_marked_and_empty_rows_left_out() {
        const CONTACTS: &[Contact] = &[
            Contact::phone(&["phone"]),
            Contact::email(&["email", "domain"]),
            Contact::web(&["website"]),
        ];
        let records = vec![
            (
                1,
                "Acme Ltd".into(),
                json!({"phone": "020 7946 0958", "email": "a@acme.com"}),
            ),
            (
                2,
                "ACME Limited".into(),
                json!({"phone": "+44 20 7946 0958", "domain": "other.org"}),
            ),
            (
                3,
                "Acme".into(),
                json!({"phone": "", "email": "x@other.org"}),
            ),
        ];
        let c = compare(EntityKind::Clients, CONTACTS, &records);
        assert_eq!(c.records.len(), 3);
        assert_eq!(c.rows.len(), 2, "nobody has a website: no row");
        assert_eq!(c.rows[0].label, "Phone");
        assert_eq!(c.rows[0].shared, vec![true, true, false]);
        assert_eq!(c.rows[1].values[1], vec!["other.org".to_string()]);
        assert_eq!(c.rows[1].shared, vec![false, true, true]);
    }

    #[test]
    fn compare_links_take_two_to_ten_ids() {
        assert_eq!(parse_ids("4, 17,4"), Ok(vec![4, 17]));
        assert!(parse_ids("4").unwrap_err().contains("2 to 10"));
        assert!(parse_ids("4,x").unwrap_err().contains("\"x\""));
        assert!(parse_ids("4,-1").is_err());
        let eleven: Vec<String> = (1..=11).map(|i| i.to_string()).collect();
        assert!(parse_ids(&eleven.join(",")).is_err());
    }
}

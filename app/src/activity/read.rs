//! Reading the audit log for the page: its lines from the end ([`Backwards`]), the record changes among
//! them as [`Change`]s, filtered and paged. Memory holds one block of the file and one page of changes,
//! however long the log is.

use super::filter::{ActivityFilter, PER_PAGE};
use super::tail::Backwards;
use super::{Change, Changes, CHANGE_ACTIONS, OTHER_RECORDS};
use crate::entities::EntityKind;
use serde::Deserialize;
use std::path::Path;

/// One audit line, as far as the page reads it.
#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    ts: String,
    #[serde(default)]
    action: String,
    who: Option<String>,
    who_name: Option<String>,
    entity: Option<String>,
    id: Option<i64>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    result: String,
    status: Option<u16>,
    detail: Option<String>,
}

/// The registry's entity whose HaloPSA name (`Client`, `Supplier`) the audit log writes.
pub fn kind_of(halo_name: &str) -> Option<EntityKind> {
    use crate::entities::server::Store;
    use crate::functions::form_ssr::entity_name;
    crate::entities::ALL.iter().map(|e| e.kind).find(|k| {
        crate::entities::with_store!(*k, S => entity_name::<<S as Store>::Halo>()) == halo_name
    })
}

/// Whether `line` surely holds no change `filter` asks for, told without parsing it: its action is not a
/// change (the log writes `"action":"…"` as serde_json does), or it does not hold the `who` asked for. Most
/// lines of a long log are skipped here, which keeps a full read of it quick.
fn surely_not(line: &str, filter: &ActivityFilter) -> bool {
    let action = line
        .split_once(r#""action":""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(a, _)| a);
    if action.is_some_and(|a| !CHANGE_ACTIONS.iter().any(|(c, _)| *c == a)) {
        return true;
    }
    let who = filter.who.as_ref().map(|w| w.to_lowercase());
    who.is_some_and(|w| !line.to_lowercase().contains(&w))
}

/// The change an audit line records, if it records one (sign-ins, exports and broken lines do not).
fn change(text: &str) -> Option<Change> {
    let line: Line = serde_json::from_str(text).ok()?;
    if !CHANGE_ACTIONS.iter().any(|(a, _)| *a == line.action) {
        return None;
    }
    let halo_name = line.entity.unwrap_or_default();
    let kind = kind_of(&halo_name);
    let (entity, entity_words) =
        match (kind, OTHER_RECORDS.iter().find(|(_, n, _)| *n == halo_name)) {
            (Some(k), _) => (
                k.entity().path.to_string(),
                k.entity().words.one_title.to_string(),
            ),
            (None, Some((v, _, w))) => (v.to_string(), w.to_string()),
            (None, None) => (halo_name.to_lowercase(), halo_name),
        };
    let ok = line.result == "ok";
    let detail = (!ok).then(|| match (line.status, line.detail) {
        (Some(s), Some(d)) => format!("{s}: {d}"),
        (Some(s), None) => s.to_string(),
        (None, d) => d.unwrap_or_default(),
    });
    Some(Change {
        ts: line.ts,
        who: line
            .who_name
            .or(line.who)
            .unwrap_or_else(|| "someone".into()),
        action: line.action,
        kind,
        entity,
        entity_words,
        id: line.id,
        fields: line.fields,
        ok,
        detail,
    })
}

/// The page of changes `filter` asks for from the audit log at `path`, newest first, reading at most
/// `budget` bytes back from the end when one is given. A log not written yet has no changes.
pub fn changes(
    path: &Path,
    filter: &ActivityFilter,
    budget: Option<u64>,
) -> std::io::Result<Changes> {
    let listed = |changes, more, cut_short| Changes::Listed {
        changes,
        page: filter.page,
        more,
        cut_short,
    };
    let mut lines = match Backwards::open(path) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(listed(vec![], false, false))
        }
        Err(e) => return Err(e),
    };
    let end = lines.unread();
    let skip = (filter.page as usize - 1) * PER_PAGE;
    let mut seen = 0usize;
    let mut page = Vec::with_capacity(PER_PAGE);
    while let Some(line) = lines.next_line()? {
        if budget.is_some_and(|b| end - lines.unread() > b) {
            return Ok(listed(page, false, true));
        }
        if surely_not(&line, filter) {
            continue;
        }
        let Some(c) = change(&line).filter(|c| filter.matches(c)) else {
            continue;
        };
        seen += 1;
        if seen <= skip {
            continue;
        }
        if page.len() == PER_PAGE {
            return Ok(listed(page, true, false));
        }
        page.push(c);
    }
    Ok(listed(page, false, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_record_changes_are_read_with_their_record_and_outcome() {
        let dir = std::env::temp_dir().join(format!("haloscope-activity-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("audit.jsonl");
        let mut text = String::new();
        text.push_str(r#"{"ts":"t1","audit":true,"action":"sign_in","who":"ann","result":"ok"}"#);
        text.push('\n');
        for i in 1..=60 {
            text.push_str(&format!(
                r#"{{"ts":"t{i}","audit":true,"action":"update","who":"ann","who_name":"Ann","entity":"Client","id":{i},"fields":["name"],"result":"ok"}}"#
            ));
            text.push('\n');
        }
        text.push_str(r#"{"ts":"t99","audit":true,"action":"delete","who":"bob","entity":"Site","id":5,"result":"error","status":404,"detail":"Site was not found."}"#);
        text.push_str("\nnot json\n");
        text.push_str(r#"{"ts":"t100","audit":true,"action":"export","who":"bob","list":"clients.csv","result":"ok"}"#);
        std::fs::write(&path, text).unwrap();

        let Changes::Listed { changes, more, .. } =
            super::changes(&path, &ActivityFilter::default(), None).unwrap()
        else {
            panic!("a file is listed");
        };
        assert_eq!(changes.len(), PER_PAGE);
        assert!(more, "61 changes: a second page");
        assert_eq!(changes[0].action, "delete");
        assert_eq!(changes[0].who, "bob");
        assert_eq!(changes[0].kind, Some(EntityKind::Sites));
        assert_eq!(
            changes[0].detail.as_deref(),
            Some("404: Site was not found.")
        );
        assert_eq!(changes[1].record_href().as_deref(), Some("/clients/60"));
        assert_eq!(changes[1].fields, ["name"]);

        let second = ActivityFilter {
            page: 2,
            ..Default::default()
        };
        let Changes::Listed {
            changes: rest,
            more,
            ..
        } = super::changes(&path, &second, None).unwrap()
        else {
            panic!("a file is listed");
        };
        assert_eq!(
            rest.len(),
            11,
            "sign-ins, exports and broken lines are not changes"
        );
        assert!(!more);
        assert_eq!(rest.last().map(|c| c.id), Some(Some(1)));

        let missing =
            super::changes(&dir.join("none.jsonl"), &ActivityFilter::default(), None).unwrap();
        assert_eq!(
            missing,
            Changes::Listed {
                changes: vec![],
                page: 1,
                more: false,
                cut_short: false
            }
        );
        let Changes::Listed {
            changes: near,
            cut_short,
            ..
        } = super::changes(&path, &ActivityFilter::default(), Some(400)).unwrap()
        else {
            panic!("a file is listed");
        };
        assert!(cut_short, "a budget of 400 bytes stops early");
        assert!(!near.is_empty() && near.len() < 5, "{near:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

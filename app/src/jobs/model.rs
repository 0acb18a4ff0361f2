//! A job and its pure rules: what each record is sent, how the counts add up, and which records an undo
//! restores. No I/O here; [`super::run`] does the calls.

use crate::entities::EntityKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a job does to each record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action {
    /// Sets `field` (a form field's key, HaloPSA's JSON name) to `value` (`shown` in words); activate and
    /// deactivate set `inactive`.
    Set {
        field: String,
        label: String,
        value: Value,
        shown: String,
    },
    /// Deletes each record.
    Delete,
    /// Puts back each record's `field` as job `of` found it, unless it changed since.
    Restore {
        of: i64,
        field: String,
        label: String,
    },
}

impl Action {
    /// The field the action writes (none for a delete).
    pub fn field(&self) -> Option<&str> {
        match self {
            Action::Set { field, .. } | Action::Restore { field, .. } => Some(field),
            Action::Delete => None,
        }
    }

    /// "Deactivate 150 clients", "Set Top level to “Europe” on 3 clients", "Undo job 4: restore Top level
    /// on 3 clients".
    pub fn title(&self, count: usize, kind: EntityKind) -> String {
        let w = kind.entity().words;
        let n = if count == 1 {
            format!("1 {}", w.one)
        } else {
            format!("{count} {}", w.many)
        };
        match self {
            Action::Set { field, value, .. } if field == "inactive" => {
                let verb = if value == &Value::Bool(true) {
                    "Deactivate"
                } else {
                    "Activate"
                };
                format!("{verb} {n}")
            }
            Action::Set { label, shown, .. } => {
                format!("Set {label} to \u{201c}{shown}\u{201d} on {n}")
            }
            Action::Delete => format!("Delete {n}"),
            Action::Restore { of, label, .. } => {
                format!("Undo job {of}: restore {label} on {n}")
            }
        }
    }
}

/// Where one record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Not reached yet.
    Pending,
    /// Changed (or deleted).
    Done,
    /// Already had the value: nothing was sent.
    Unchanged,
    /// HaloPSA refused or failed; the reason is kept.
    Failed,
    /// Left alone on purpose (an undo finding the record changed since).
    Skipped,
}

/// One record of a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: i32,
    pub name: String,
    pub state: ItemState,
    /// The field's value before the job changed it (what an undo puts back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// The value the job wrote (an undo restores only records that still hold it); for an undo job, the
    /// value the record must still hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Value>,
    /// Why it failed or was skipped, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Item {
    /// A record not reached yet.
    pub fn pending(id: i32, name: String) -> Item {
        Item {
            id,
            name,
            state: ItemState::Pending,
            before: None,
            expect: None,
            reason: None,
        }
    }
}

/// Where a whole job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    /// The person stopped it; the records left can be resumed.
    Cancelled,
    /// Haloscope stopped (a restart) while it ran; the records left can be resumed.
    Interrupted,
    /// Every record was reached.
    Finished,
}

impl JobState {
    /// In words, for the page.
    pub fn words(self) -> &'static str {
        match self {
            JobState::Running => "running",
            JobState::Cancelled => "cancelled",
            JobState::Interrupted => "interrupted",
            JobState::Finished => "finished",
        }
    }
}

/// A bulk change of records of one list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: i64,
    /// The person's key (`agent:7`, `local:ann`): only they see and steer it.
    pub owner: String,
    pub kind: EntityKind,
    pub action: Action,
    /// The list it was started from, with its query (the page links back to it).
    pub back: String,
    pub state: JobState,
    pub started_at: String,
    pub items: Vec<Item>,
}

/// A job's records by outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    /// Changed, or already as asked.
    pub done: usize,
    pub failed: usize,
    pub skipped: usize,
    pub left: usize,
}

impl Job {
    /// "Deactivate 150 clients".
    pub fn title(&self) -> String {
        self.action.title(self.items.len(), self.kind)
    }

    /// The records by outcome.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for i in &self.items {
            match i.state {
                ItemState::Done | ItemState::Unchanged => c.done += 1,
                ItemState::Failed => c.failed += 1,
                ItemState::Skipped => c.skipped += 1,
                ItemState::Pending => c.left += 1,
            }
        }
        c
    }

    /// The next record to reach, by index.
    pub fn next_pending(&self) -> Option<usize> {
        self.items
            .iter()
            .position(|i| i.state == ItemState::Pending)
    }

    /// Its state as the person reads it, given whether a process `running` runs it: a job stored as
    /// running that no process runs was interrupted (by a restart).
    pub fn shown_state(&self, running: bool) -> JobState {
        match self.state {
            JobState::Running if !running => JobState::Interrupted,
            s => s,
        }
    }

    /// Whether the person may resume it: stopped with records left.
    pub fn resumable(&self, running: bool) -> bool {
        let stopped = match self.state {
            JobState::Cancelled | JobState::Interrupted => true,
            JobState::Running => !running,
            JobState::Finished => false,
        };
        stopped && self.counts().left > 0
    }

    /// Whether it has a change to undo: a field change, not running, that changed at least one record.
    pub fn undoable(&self) -> bool {
        matches!(self.action, Action::Set { .. })
            && self.state != JobState::Running
            && self.items.iter().any(|i| i.state == ItemState::Done)
    }

    /// The undo of this job: a job restoring the field on every record it changed, each only while it
    /// still holds the value this job wrote. `None` when there is nothing to undo (a delete, an undo, a
    /// job that changed nothing, or one still running).
    pub fn undo(&self, owner: &str, started_at: String) -> Option<Job> {
        if !self.undoable() {
            return None;
        }
        let Action::Set { field, label, .. } = &self.action else {
            return None;
        };
        // activate and deactivate set `inactive`: their undo restores the status
        let label = if field == "inactive" {
            "Status".to_owned()
        } else {
            label.clone()
        };
        let items = self
            .items
            .iter()
            .filter(|i| i.state == ItemState::Done)
            .map(|i| Item {
                before: i.before.clone(),
                expect: i.expect.clone(),
                ..Item::pending(i.id, i.name.clone())
            })
            .collect();
        Some(Job {
            id: 0,
            owner: owner.to_owned(),
            kind: self.kind,
            action: Action::Restore {
                of: self.id,
                field: field.clone(),
                label,
            },
            back: self.back.clone(),
            state: JobState::Running,
            started_at,
            items,
        })
    }
}

/// What record `item` is sent by `action`, given its field's value `now`: `Ok(None)` when it already
/// holds the target, `Err` (the reason) when an undo finds it changed since.
pub fn target(action: &Action, item: &Item, now: &Value) -> Result<Option<Value>, String> {
    match action {
        Action::Delete => Ok(None),
        Action::Set { value, .. } => Ok((!same(now, value)).then(|| value.clone())),
        Action::Restore { .. } => {
            let wrote = item.expect.clone().unwrap_or(Value::Null);
            if !same(now, &wrote) {
                return Err("Changed in HaloPSA since the job: left as it is now.".into());
            }
            let back = match (item.before.clone().unwrap_or(Value::Null), &wrote) {
                // a flag HaloPSA did not send was off
                (Value::Null, Value::Bool(_)) => Value::Bool(false),
                (back, _) => back,
            };
            Ok((!same(now, &back)).then_some(back))
        }
    }
}

/// Whether two field values are the same value (numbers by value: HaloPSA may send `3` or `3.0`; a
/// missing value and `null` alike).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Null, Value::Bool(false)) | (Value::Bool(false), Value::Null) => true,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests;

//! Bulk actions as jobs: a change to many records of one list (activate, deactivate, set one field, delete,
//! or undo an earlier field change), run in the background class as the person who started it, one record
//! after another. A job is kept (`HALOSCOPE_DATA_DIR/jobs.sqlite3`) after every record, so it survives a
//! restart as "interrupted" and can be resumed; its page shows the progress and, at the end, each record's
//! outcome.
//!
//! This module holds what crosses the wire and the pure rules (what a job sends, what undo restores, the
//! counts); [`run`] carries a job out on the server.

pub mod model;
#[cfg(feature = "ssr")]
pub mod plan;
#[cfg(feature = "ssr")]
pub mod run;

pub use model::{Action, Item, ItemState, Job, JobState};
use serde::{Deserialize, Serialize};

/// A job as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobView {
    pub job: Job,
    /// Whether it is running in this process now (a job the store says runs but no process runs was
    /// interrupted by a restart).
    pub running: bool,
    /// Seconds left at the pace so far, while it runs.
    pub eta_secs: Option<u64>,
    /// Whether the person may start another job now (none of theirs is running).
    pub may_start: bool,
}

impl JobView {
    /// The job's state as the person reads it: a job stored as running that no process runs is
    /// [`JobState::Interrupted`].
    pub fn state(&self) -> JobState {
        self.job.shown_state(self.running)
    }
}

/// One line of a person's jobs list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobLine {
    pub id: i64,
    pub title: String,
    pub state: JobState,
    pub done: usize,
    pub failed: usize,
    pub left: usize,
    pub started_at: String,
}

/// What the bulk page offers for a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkOffer {
    /// The list's address with the person's query (where "back" goes).
    pub back: String,
    /// The entity's words, several, in a sentence (`clients`).
    pub many: String,
    /// How many records the selection holds (all matching the filter: HaloPSA's count).
    pub count: u64,
    /// The selected records' names, `(id, name)`, as far as the page knows them (a selection of rows).
    pub named: Vec<(i32, String)>,
    /// Whether the entity has a status to activate and deactivate.
    pub has_status: bool,
    /// Fields that may be set to one value.
    pub fields: Vec<SettableField>,
    /// Above this many records a delete asks for the count typed in.
    pub typed_delete_above: usize,
    /// The CSV of the selection.
    pub export: String,
    /// A job of the person's that runs now, which must end before another starts.
    pub running_job: Option<i64>,
}

/// A field a job may set on every record: its key (HaloPSA's JSON name), label and choices as
/// `(value, label)`.
pub type SettableField = (String, String, Vec<(String, String)>);

/// A delete of more records than this asks the person to type the count.
pub const TYPED_DELETE_ABOVE: usize = 10;

/// The most records one job may change.
pub const MAX_RECORDS: usize = 5000;

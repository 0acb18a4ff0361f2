//! What the data health page shows: the walk's progress, or its findings.

use crate::entities::EntityKind;
use serde::{Deserialize, Serialize};

/// The state of the person's data health report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum HealthView {
    /// The first walk is under way: how many records have been read, of about how many.
    Walking { read: u64, of: u64 },
    /// The last walk's findings.
    Ready(Report),
    /// The walk failed; why, in plain words.
    Failed(String),
}

/// What the overview says about the person's report, without ever starting a walk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum HealthGlance {
    /// No walk has run for this person since the server started.
    NotChecked,
    /// A walk is under way.
    Walking,
    /// The last walk's counts: duplicate groups, incomplete records, and when it ended.
    Ready {
        duplicates: usize,
        incomplete: usize,
        walked_at: String,
    },
    /// The last walk failed.
    Failed,
}

/// The findings of one walk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// When the walk ended, as `YYYY-MM-DD HH:MM UTC`.
    pub walked_at: String,
    /// Records read: clients, sites, companies.
    pub counts: (u64, u64, u64),
    /// Records whose names match after normalisation.
    pub duplicates: Vec<Group>,
    /// Records that lack something.
    pub incomplete: Vec<Finding>,
}

/// Records that may be one and the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub kind: EntityKind,
    /// Where they are: "Clients", or the client whose sites they are.
    pub scope: String,
    pub members: Vec<Member>,
    /// The list where the group can be fixed: the entity's list searched for the name the members share
    /// (and a client's sites narrowed to that client), active and inactive alike.
    pub href: String,
}

/// One record of a group, with the facts that tell it apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: i32,
    pub name: String,
    pub facts: String,
}

/// One record that lacks something.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: EntityKind,
    pub id: i32,
    pub name: String,
    pub problem: String,
    /// The list where it can be fixed (a client's sites for every finding about sites or a lack of them).
    pub href: String,
}

//! One page of a list as a server function returns it.

use crate::components::stale_notice::StaleNote;
use crate::params::ListParams;
use serde::{Deserialize, Serialize};

/// Rows of one page plus what the page needs to draw its furniture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPage<R> {
    /// The parameters as the server understood them (after clamping).
    pub params: ListParams,
    /// Notices about clamped values.
    pub notices: Vec<String>,
    /// The rows.
    pub rows: Vec<R>,
    /// All matching records (HaloPSA's `record_count`).
    pub record_count: u64,
    /// The name of the record the list is narrowed to (the client of `/sites?client_id=4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// How many of the records read for this page had fields HaloPSA sent in a form Haloscope cannot
    /// read (their cells say "unreadable"; a notice says how many).
    #[serde(default)]
    pub unreadable: u64,
    /// Set when HaloPSA could not be asked and the rows are an older copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale: Option<StaleNote>,
    /// How many records are active and inactive, shown beside the status filter of an unfiltered list
    /// (no search, no other filter); `None` elsewhere, or when HaloPSA did not say in time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

/// The status filter's counts: HaloPSA's `record_count` of the active and of the inactive records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub active: u64,
    pub inactive: u64,
}

impl<R> ListPage<R> {
    /// Number of pages at the current page size (at least 1).
    pub fn page_count(&self) -> u32 {
        let per = self.params.per_page.max(1) as u64;
        self.record_count.div_ceil(per).max(1).min(u32::MAX as u64) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::clients::SPEC as CLIENTS;

    #[test]
    fn page_count_rounds_up_and_is_never_zero() {
        let mut page: ListPage<()> = ListPage {
            params: ListParams::defaults(&CLIENTS),
            notices: vec![],
            rows: vec![],
            record_count: 0,
            scope: None,
            unreadable: 0,
            stale: None,
            facets: None,
        };
        assert_eq!(page.page_count(), 1);
        page.record_count = 101;
        assert_eq!(page.page_count(), 3);
        page.params.per_page = 100;
        assert_eq!(page.page_count(), 2);
    }
}

//! What a list accepts: its sort columns and filters.

/// A filter a list accepts besides search, status and paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    /// `toplevel_id` (clients, companies)
    TopLevel,
    /// `client_id` (sites)
    Client,
    /// `stock` = `only` | `exclude` (sites)
    Stock,
    /// `category_id` (services)
    Category,
}

/// The parameters one list understands.
#[derive(Debug, Clone, Copy)]
pub struct ListSpec {
    /// URL sort keys and the upstream field each sorts by; the first is the default.
    pub sorts: &'static [(&'static str, &'static str)],
    /// Whether the active/inactive/all filter applies.
    pub has_status: bool,
    /// Further filters.
    pub filters: &'static [FilterKind],
}

impl ListSpec {
    /// The upstream field for a URL sort key.
    pub fn sort_field(&self, key: &str) -> Option<&'static str> {
        self.sorts.iter().find(|(k, _)| *k == key).map(|(_, f)| *f)
    }

    /// The default sort key.
    pub fn default_sort(&self) -> &'static str {
        self.sorts.first().map(|(k, _)| *k).unwrap_or("name")
    }

    /// Whether `kind` applies to this list.
    pub fn has(&self, kind: FilterKind) -> bool {
        self.filters.contains(&kind)
    }
}

//! The list pages' specs: which sort columns (and the upstream field behind each) and filters they take.

use super::spec::{FilterKind, ListSpec};

/// `/clients`: Halo searches, filters and sorts.
pub const CLIENTS: ListSpec = ListSpec {
    sorts: &[
        ("name", "name"),
        ("toplevel", "toplevel_name"),
        ("open_tickets", "open_ticket_count"),
        ("id", "id"),
    ],
    has_status: true,
    filters: &[FilterKind::TopLevel],
};

/// `/sites`.
pub const SITES: ListSpec = ListSpec {
    sorts: &[
        ("name", "name"),
        ("client", "client_name"),
        ("timezone", "timezone"),
        ("id", "id"),
    ],
    has_status: true,
    filters: &[FilterKind::Client, FilterKind::Stock],
};

/// `/suppliers` (Companies).
pub const SUPPLIERS: ListSpec = ListSpec {
    sorts: &[
        ("name", "name"),
        ("toplevel", "toplevel_name"),
        ("contracts", "contract_count"),
        ("id", "id"),
    ],
    has_status: true,
    filters: &[FilterKind::TopLevel],
};

/// `/services`: Halo has no status filter for services.
pub const SERVICES: ListSpec = ListSpec {
    sorts: &[
        ("name", "name"),
        ("category", "service_category_name"),
        ("subscribers", "subscriber_count"),
        ("id", "id"),
    ],
    has_status: false,
    filters: &[FilterKind::Category],
};

/// `/organisations`: Halo's endpoint takes no parameters, so the server searches, sorts and pages.
pub const ORGANISATIONS: ListSpec = ListSpec {
    sorts: &[("name", "name"), ("id", "id")],
    has_status: false,
    filters: &[],
};

/// `/sites/stock-bins`: a bare array upstream; the server searches, sorts and pages.
pub const STOCK_BINS: ListSpec = ListSpec {
    sorts: &[("name", "name"), ("client", "client_name"), ("id", "id")],
    has_status: false,
    filters: &[],
};

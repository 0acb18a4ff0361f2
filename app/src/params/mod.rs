//! List-page query parameters: parsing, clamping and rejecting what a URL may carry, and writing them back.
//!
//! Pure code (std and serde only), so a fuzz target and property tests can build it without the rest of
//! the app. Numbers out of range are clamped with a notice; values that cannot mean anything (an unknown
//! sort column, a status that is not one of the three) are rejected with a message before any upstream call.

mod list_params;
mod query_string;
mod spec;
mod values;

pub use list_params::{
    encode, with_cols, with_query, ListParams, Parsed, Rejection, StatusFilter, StockFilter,
    PER_PAGE_CHOICES,
};
pub use query_string::query_pairs;
pub use spec::{FilterKind, ListSpec};
pub use values::ids as id_list;

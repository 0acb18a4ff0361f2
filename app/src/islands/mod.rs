//! The interactive parts of the pages, and nothing else: everything outside these islands is HTML the
//! server rendered and the browser never hydrates (see `docs/ARCHITECTURE.md`, "Islands"). Most of them
//! enhance markup the server already sent (a form, a checkbox, a search box) rather than wrap it, so the
//! page's data is not shipped a second time for them.

pub mod field_checks;
pub mod overview_counts;
pub mod self_refresh;
pub mod submit_as_you_go;

pub use field_checks::field_checks;
pub use overview_counts::OverviewCounts;
pub use self_refresh::SelfRefresh;
pub use submit_as_you_go::SubmitAsYouGo;

//! The furniture every list page shares, in the same places: search and filters left, count and pager
//! right, export last; a table with sortable headers; notices, empty and error states.

pub mod cells;
pub mod columns;
pub mod list_page;
pub mod notices;
pub mod pager;
pub mod selection;
pub mod sort_header;
pub mod table;
pub mod toolbar;
pub mod views_panel;

pub use list_page::ListPage;

//! Widgets shared by pages.

pub mod debounce;
pub mod demo_banner;
pub mod error_panel;
pub mod facts;
pub mod header;
pub mod list;
pub mod notes;
pub mod progress_bar;
pub mod status_light;

//! Widgets shared by pages.

pub mod changes;
pub mod custom_fields;
pub mod demo_banner;
pub mod detail;
pub mod error_panel;
pub mod facts;
pub mod flash;
pub mod header;
pub mod list;
pub mod note_forms;
pub mod notes;
pub mod record_form;
pub mod shell_info;
pub mod shortcuts;
pub mod stale_notice;
pub mod status_light;

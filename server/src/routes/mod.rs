//! Plain axum routes beside the Leptos pages.

pub mod data_health;
pub mod export;
pub mod health;
pub mod lists;

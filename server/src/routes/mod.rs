//! Plain axum routes beside the Leptos pages.

pub mod data_health;
pub mod drawn;
pub mod export;
pub mod health;

//! Plain axum routes beside the Leptos pages.

pub mod export;
pub mod health;

//! Data health: the records that exist twice or are incomplete, found in a paced walk of the client, site
//! and company lists. The report's types cross to the page; the walk and the name normaliser are server
//! only.

pub mod compare;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod findings;
#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod names;
pub mod report;

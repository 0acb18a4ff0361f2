//! Typed HaloPSA records. Each model types the fields staff see and edit and keeps every other
//! field in [`Extra`], so a record read and written back loses nothing. All of it compiles to
//! wasm.

mod address;
mod client;
mod custom_field;
mod datetime;
mod diff;
mod extra;
pub mod lenient;
mod lookups;
mod notes;
mod organisation;
mod service;
mod site;
mod supplier;

pub use address::AddressStore;
pub use client::{Client, ClientSummary};
pub use custom_field::CustomField;
pub use datetime::HaloDateTime;
pub use diff::{changes, fingerprint, Record};
pub use extra::{is_sensitive_key, Extra};
pub use lookups::{ServiceCategory, ServiceStatus, TopLevel};
pub use notes::{CrmNote, PopupNote};
pub use organisation::Organisation;
pub use service::{Service, ServiceSummary, UnsubscribeService};
pub use site::{Site, SiteSummary, StockBin};
pub use supplier::{Supplier, SupplierSummary};

impl Record for Client {}
impl Record for ClientSummary {}
impl Record for Site {}
impl Record for SiteSummary {}
impl Record for Supplier {}
impl Record for SupplierSummary {}
impl Record for Organisation {}
impl Record for Service {}
impl Record for ServiceSummary {}
impl Record for CrmNote {}
impl Record for PopupNote {}
impl Record for AddressStore {}
impl Record for TopLevel {}
impl Record for ServiceCategory {}
impl Record for ServiceStatus {}

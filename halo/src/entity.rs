//! Where each entity lives on the wire: its path, list key and types, for the client. The
//! simulator (`halo-sim`) does not use this: it is written from HaloPSA's documentation alone, so
//! that the client is tested against an independent reading of the wire format.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::models::*;
use crate::query::*;

/// A Halo entity: its API path, the key of its list wrapper and its Rust types.
pub trait Entity: 'static {
    /// Path under `/api`, e.g. `Client`.
    const PATH: &'static str;
    /// Keys that may hold the rows in a list reply (tried in order; bare arrays also work).
    const LIST_KEYS: &'static [&'static str];
    /// A list row.
    type Summary: DeserializeOwned + Readable + Serialize + Clone + Send + Sync + 'static;
    /// A full record (detail GET, create/update body and reply).
    type Detail: DeserializeOwned + Readable + Serialize + Clone + Send + Sync + 'static;
    /// The list query builder.
    type ListQuery: Serialize + Clone + Default + Send + Sync + 'static;
    /// The detail query builder.
    type DetailQuery: Serialize + Clone + Default + Send + Sync + 'static;
}

macro_rules! entity {
    ($(#[$doc:meta])* $name:ident, $path:literal, [$($key:literal),*], $s:ty, $d:ty, $lq:ty, $dq:ty) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;
        impl Entity for $name {
            const PATH: &'static str = $path;
            const LIST_KEYS: &'static [&'static str] = &[$($key),*];
            type Summary = $s;
            type Detail = $d;
            type ListQuery = $lq;
            type DetailQuery = $dq;
        }
    };
}

entity!(/// Clients: `/Client`, rows under `clients`.
    ClientEntity, "Client", ["clients"], ClientSummary, Client, ClientQuery, ClientDetailQuery);
entity!(/// Sites: `/Site`, rows under `sites`.
    SiteEntity, "Site", ["sites"], SiteSummary, Site, SiteQuery, SiteDetailQuery);
entity!(/// Suppliers (Halo "Company"): `/Supplier`, rows under `suppliers`.
    SupplierEntity, "Supplier", ["suppliers", "companies"], SupplierSummary, Supplier, SupplierQuery, DetailQuery);
entity!(/// Organisations: `/Organisation`, a bare array.
    OrganisationEntity, "Organisation", ["organisations"], Organisation, Organisation, OrganisationQuery, DetailQuery);
entity!(/// Services (Halo "ServSite"): `/Service`, rows under `services`.
    ServiceEntity, "Service", ["services"], ServiceSummary, Service, ServiceQuery, ServiceDetailQuery);
entity!(/// CRM notes (Halo "AreaNote"): `/CRMNote`, a bare array or rows under `crmnotes`/`notes`/`actions`.
    CrmNoteEntity, "CRMNote", ["crmnotes", "notes", "actions"], CrmNote, CrmNote, CrmNoteQuery, DetailQuery);
entity!(/// Popup notes (Halo "AreaPopup"): `/PopupNote`, a bare array or rows under `popupnotes`/`notes`.
    PopupNoteEntity, "PopupNote", ["popupnotes", "popup_notes", "notes"], PopupNote, PopupNote, PopupNoteQuery, DetailQuery);
entity!(/// Top levels (Halo "Tree"): `/TopLevel`, a bare array or rows under `tree`/`toplevels`.
    TopLevelEntity, "TopLevel", ["tree", "toplevels", "toplevel"], TopLevel, TopLevel, TopLevelQuery, TopLevelDetailQuery);
entity!(/// Service categories: `/ServiceCategory`, a bare array or rows under `categories`.
    ServiceCategoryEntity, "ServiceCategory", ["categories", "servicecategories"], ServiceCategory, ServiceCategory, ServiceCategoryQuery, DetailQuery);
entity!(/// Service statuses (Halo "ServStatus"): `/ServiceStatus`, rows under `statuses` or a bare array.
    ServiceStatusEntity, "ServiceStatus", ["statuses", "servicestatuses", "servicestatus"], ServiceStatus, ServiceStatus, ServiceStatusQuery, DetailQuery);

/// Entities with a detail endpoint `GET /X/{id}`.
pub trait Detailed: Entity {}

/// Entities that can be created/updated (`POST /X` with an array) and deleted (`DELETE /X/{id}`).
pub trait Writable: Entity {
    /// Entities whose cached reads a write to this one makes stale.
    const INVALIDATES: &'static [&'static str];
}

macro_rules! marks {
    ($($e:ty: detailed $(, writable [$($inv:literal),*])?;)*) => {$(
        impl Detailed for $e {}
        $(impl Writable for $e { const INVALIDATES: &'static [&'static str] = &[$($inv),*]; })?
    )*};
}

marks! {
    ClientEntity: detailed, writable ["Client", "Site"];
    SiteEntity: detailed, writable ["Site", "Client"];
    SupplierEntity: detailed, writable ["Supplier"];
    OrganisationEntity: detailed, writable ["Organisation", "Client"];
    ServiceEntity: detailed, writable ["Service"];
    CrmNoteEntity: detailed, writable ["CRMNote"];
    TopLevelEntity: detailed;
    ServiceCategoryEntity: detailed;
    ServiceStatusEntity: detailed;
}

//! Typed HaloPSA records. Each model types the fields staff see and edit and keeps every other
//! field in [`Extra`], so a record read and written back loses nothing. All of it compiles to
//! wasm.

/// Declares a Halo record: `id` (absent or `null` is 0, a new record), then each listed field as an
/// optional value read leniently ([`lenient::opt`]; absent fields are not sent back), then [`Extra`]
/// with every field the model does not type, so a read/write round trip loses nothing.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            /// The record's id (0 for a record not created yet).
            #[serde(default, deserialize_with = "crate::models::lenient::id")]
            pub id: i32,
            $(
                $(#[$fmeta])*
                #[allow(missing_docs)] // Halo's own field names; the listed ones say more where needed
                #[serde(
                    default,
                    skip_serializing_if = "Option::is_none",
                    deserialize_with = "crate::models::lenient::opt"
                )]
                pub $field: Option<$ty>,
            )*
            /// Every field not typed above, as Halo sent it.
            #[serde(flatten)]
            pub extra: crate::models::Extra,
            /// Typed fields Halo sent in a shape that could not be read, with their raw values
            /// (never serialised: see [`crate::models::Unreadable`]).
            #[serde(skip)]
            pub unreadable: crate::models::Unreadable,
        }

        impl crate::models::Readable for $name {
            fn unreadable(&self) -> &crate::models::Unreadable {
                &self.unreadable
            }
            fn unreadable_mut(&mut self) -> &mut crate::models::Unreadable {
                &mut self.unreadable
            }
        }
    };
}

/// A list row and its full record from one field list: the summary has the `shared` fields, the
/// detail has them too, followed by its own.
macro_rules! summary_and_detail {
    (
        $(#[$smeta:meta])* pub struct $summary:ident;
        $(#[$dmeta:meta])* pub struct $detail:ident;
        shared { $( $(#[$fm:meta])* $f:ident : $t:ty ),* $(,)? }
        detail { $( $(#[$dm:meta])* $d:ident : $dt:ty ),* $(,)? }
    ) => {
        record! {
            $(#[$smeta])*
            pub struct $summary { $( $(#[$fm])* $f : $t ),* }
        }
        record! {
            $(#[$dmeta])*
            pub struct $detail { $( $(#[$fm])* $f : $t, )* $( $(#[$dm])* $d : $dt ),* }
        }
    };
}

mod address;
mod client;
mod custom_field;
mod datetime;
mod extra;
mod fingerprint;
pub mod lenient;
mod lookups;
mod notes;
mod organisation;
mod service;
mod site;
mod supplier;
mod unreadable;

pub use address::AddressStore;
pub use client::{Client, ClientSummary};
pub use custom_field::{parse_number, CustomField, CustomKind, CustomValue};
pub use datetime::HaloDateTime;
pub use extra::{is_sensitive_key, Extra};
pub use fingerprint::fingerprint;
pub use lookups::{ServiceCategory, ServiceStatus, TopLevel};
pub use notes::{CrmNote, PopupNote};
pub use organisation::Organisation;
pub use service::{Service, ServiceSummary, UnsubscribeService};
pub use site::{Site, SiteSummary, StockBin};
pub use supplier::{Supplier, SupplierSummary};
pub use unreadable::{decode_record, decode_record_json, kind_of, Readable, Unreadable};

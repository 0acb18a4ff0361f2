//! The entity registry: every entity Haloscope shows is declared once, in one file of this folder (its
//! path, its words, its form, its list and detail, how it maps to and from the `halo` types), and listed
//! once below. The pages, the route table and the write path are generic over these descriptors; nothing
//! outside this folder names an entity.
//!
//! Adding a sixth entity: write `entities/<name>.rs` with a [`Entity`] constant (and, server side, a
//! [`server::Store`] implementation), then add one line to [`registry!`]'s invocation at the end of this
//! file. `docs/ARCHITECTURE.md` walks through it.

use crate::forms::FormSpec;
use serde::{Deserialize, Serialize};

pub mod clients;
pub mod companies;
pub mod organisations;
#[cfg(feature = "ssr")]
pub mod server;
pub mod services;
pub mod sites;

/// The words a person reads for one entity. Every page, title, button, CSV header and message takes them
/// from here, so an entity is never "Company" on one page and "Supplier" on the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// One record, in a sentence: `company`.
    pub one: &'static str,
    /// Several records, in a sentence: `companies`.
    pub many: &'static str,
    /// One record, as a title: `Company`.
    pub one_title: &'static str,
    /// Several records, as a title: `Companies`.
    pub many_title: &'static str,
}

/// One entity as the pages see it.
#[derive(Debug)]
pub struct Entity {
    pub kind: EntityKind,
    /// The URL segment of its pages (`/suppliers`, `/suppliers/7/edit`); may differ from its words.
    pub path: &'static str,
    pub words: Words,
    /// The create and edit form.
    pub form: &'static FormSpec,
    /// The list page (`/<path>`).
    pub list_page: fn() -> leptos::prelude::AnyView,
    /// The record's page (`/<path>/:id`).
    pub detail_page: fn() -> leptos::prelude::AnyView,
    /// Further list-only views under the entity's path (stock bins under `/sites`).
    pub views: &'static [ListView],
}

/// A list-only view of an entity's records at `/<entity path>/<path>`.
#[derive(Debug)]
pub struct ListView {
    pub path: &'static str,
    pub page: fn() -> leptos::prelude::AnyView,
}

impl Entity {
    /// `/clients`.
    pub fn list_href(&self) -> String {
        format!("/{}", self.path)
    }

    /// `/clients/7`.
    pub fn record_href(&self, id: i32) -> String {
        format!("/{}/{id}", self.path)
    }
}

/// Declares [`EntityKind`], the registry [`ALL`] and the server-side dispatch [`with_store!`] from one list.
macro_rules! registry {
    ($d:tt; $($variant:ident => $module:ident),+ $(,)?) => {
        /// Which entity a generic page or server function works on. Crosses the wire (forms carry it as a
        /// hidden field, server functions take it) as the entity's URL segment.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum EntityKind {
            $($variant,)+
        }

        /// Every entity, in the order the navigation shows them.
        pub static ALL: &[&Entity] = &[$(&$module::ENTITY,)+];

        impl EntityKind {
            /// This kind's descriptor.
            pub fn entity(self) -> &'static Entity {
                match self {
                    $(EntityKind::$variant => &$module::ENTITY,)+
                }
            }
        }

        /// Runs `$body` with `$store` naming the server-side [`server::Store`] of `$kind` (server functions
        /// cannot be generic, so each one dispatches here once).
        #[cfg(feature = "ssr")]
        macro_rules! with_store {
            ($d kind:expr, $d store:ident => $d body:expr) => {
                match $d kind {
                    $($crate::entities::EntityKind::$variant => {
                        type $d store = $crate::entities::$module::Store;
                        $d body
                    })+
                }
            };
        }
        #[cfg(feature = "ssr")]
        pub(crate) use with_store;
    };
}

registry! {
    $;
    Clients => clients,
    Sites => sites,
    Suppliers => companies,
    Organisations => organisations,
    Services => services,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_names_its_own_descriptor_and_paths_are_unique() {
        assert!(!ALL.is_empty());
        for e in ALL {
            assert_eq!(e.kind.entity().path, e.path);
            assert_eq!(e.form.path, e.path, "{e:?}");
            let wire = serde_json::to_value(e.kind).unwrap();
            assert_eq!(
                wire,
                serde_json::json!(e.path),
                "the kind travels as the URL segment"
            );
        }
        let mut paths: Vec<_> = ALL.iter().map(|e| e.path).collect();
        paths.dedup();
        assert_eq!(paths.len(), ALL.len());
    }
}

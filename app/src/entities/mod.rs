//! The entity registry: every entity Haloscope shows is declared once, in one file of this folder (its
//! path, its words, its form, its list and detail, how it maps to and from the `halo` types), and listed
//! once below. The pages, the route table and the write path are generic over these descriptors; nothing
//! outside this folder names an entity.
//!
//! Adding a sixth entity: write `entities/<name>.rs` with a [`Entity`] constant (and, server side, a
//! [`server::Store`] implementation), then add one line to [`registry!`]'s invocation at the end of this
//! file. `docs/ARCHITECTURE.md` walks through it.

use crate::components::list::sort_header::Column;
use crate::forms::FormSpec;
use crate::params::ListSpec;
use serde::{Deserialize, Serialize};

#[cfg(all(test, feature = "ssr"))]
pub mod brands;
pub mod clients;
pub mod companies;
pub mod organisations;
#[cfg(feature = "ssr")]
pub mod read;
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

impl Words {
    /// The words of one record and of several, in a sentence and as titles.
    pub const fn new(
        one: &'static str,
        many: &'static str,
        one_title: &'static str,
        many_title: &'static str,
    ) -> Words {
        Words {
            one,
            many,
            one_title,
            many_title,
        }
    }
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
    /// The list at `/<path>`.
    pub list: ListView,
    /// Further list-only views under the entity's path (stock bins under `/sites`).
    pub views: &'static [ListView],
}

/// One list of an entity's records: the entity's own list, or a list-only view of them.
#[derive(Debug)]
pub struct ListView {
    /// `""` for the entity's own list, else the segment under the entity's path (`stock-bins`).
    pub path: &'static str,
    /// The page's address (`/sites/stock-bins`); a test checks it against the two paths.
    pub href: &'static str,
    /// The CSV export's file name under `/export/` (`stock-bins.csv`): the address's last segment.
    pub export: &'static str,
    /// The list's words: the entity's own, or the view's (`stock bins`).
    pub words: Words,
    /// Sorts and filters the URL may ask for.
    pub spec: &'static ListSpec,
    /// The table's and the CSV's columns; every row has one cell per column.
    pub columns: &'static [Column],
    /// HaloPSA answers with every record at once, without parameters, so Haloscope searches, sorts and
    /// pages (organisations, stock bins).
    pub whole: bool,
    /// Whether the page offers "New …" (views of another entity's records do not).
    pub creates: bool,
    /// Further lists linked under the title, `(href, text)`.
    pub links: &'static [(&'static str, &'static str)],
}

impl ListView {
    /// An entity's own list at `href`, which HaloPSA pages and which offers "New …"; a view or a whole
    /// list changes the rest with struct update syntax.
    pub const fn of(
        href: &'static str,
        export: &'static str,
        words: Words,
        spec: &'static ListSpec,
        columns: &'static [Column],
    ) -> ListView {
        ListView {
            path: "",
            href,
            export,
            words,
            spec,
            columns,
            whole: false,
            creates: true,
            links: &[],
        }
    }

    /// The CSV export's address.
    pub fn export_href(&self) -> String {
        format!("/export/{}", self.export)
    }
}

impl Entity {
    /// `/clients`.
    pub fn list_href(&self) -> String {
        format!("/{}", self.path)
    }

    /// `/clients/7`.
    pub fn record_href(&self, id: i32) -> String {
        let mut href = String::with_capacity(self.path.len() + 12);
        self.push_record_href(&mut href, id);
        href
    }

    /// [`Entity::record_href`] appended to `out`, for a list drawing one per row into one buffer.
    pub fn push_record_href(&self, out: &mut String, id: i32) {
        use std::fmt::Write;
        out.push('/');
        out.push_str(self.path);
        out.push('/');
        let _ = write!(out, "{id}");
    }
}

/// Where a list is: its entity and the view's path (`""` for the entity's own list).
pub fn list_view(kind: EntityKind, path: &str) -> Option<&'static ListView> {
    let e = kind.entity();
    if path.is_empty() {
        Some(&e.list)
    } else {
        e.views.iter().find(|v| v.path == path)
    }
}

/// The list whose CSV export is `file` (`stock-bins.csv`), with its entity.
pub fn export_of(file: &str) -> Option<(EntityKind, &'static ListView)> {
    ALL.iter()
        .flat_map(|e| std::iter::once(&e.list).chain(e.views).map(|v| (e.kind, v)))
        .find(|(_, v)| v.export == file)
}

/// Declares [`EntityKind`], the registry [`ALL`] and the server-side dispatch [`with_store!`] from one list.
macro_rules! registry {
    ($d:tt; $($(#[$attr:meta])* $variant:ident => $module:ident),+ $(,)?) => {
        /// Which entity a generic page or server function works on. Crosses the wire (forms carry it as a
        /// hidden field, server functions take it) as the entity's URL segment.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum EntityKind {
            $($(#[$attr])* $variant,)+
        }

        /// Every entity, in the order the navigation shows them.
        pub static ALL: &[&Entity] = &[$($(#[$attr])* &$module::ENTITY,)+];

        impl EntityKind {
            /// This kind's descriptor.
            pub fn entity(self) -> &'static Entity {
                match self {
                    $($(#[$attr])* EntityKind::$variant => &$module::ENTITY,)+
                }
            }
        }

        /// Runs `$body` with `$store` naming the server-side [`server::Store`] of `$kind` (server functions
        /// cannot be generic, so each one dispatches here once).
        #[cfg(feature = "ssr")]
        macro_rules! with_store {
            ($d kind:expr, $d store:ident => $d body:expr) => {
                match $d kind {
                    $($(#[$attr])* $crate::entities::EntityKind::$variant => {
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
    // A sixth entity that exists only in tests, to prove that one descriptor file and this one line are
    // all a new entity needs (`entities/brands.rs`).
    #[cfg(all(test, feature = "ssr"))]
    Brands => brands,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_names_its_own_descriptor_and_paths_are_unique() {
        assert!(!ALL.is_empty());
        for e in ALL {
            assert_eq!(e.list.href, e.list_href(), "{e:?}");
            assert_eq!(e.list.path, "");
            for v in e.views {
                assert_eq!(v.href, format!("/{}/{}", e.path, v.path));
                assert!(!v.path.is_empty());
            }
            for v in std::iter::once(&e.list).chain(e.views) {
                let last = v.href.rsplit('/').next().unwrap();
                assert_eq!(v.export, format!("{last}.csv"));
            }
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

    #[test]
    fn every_list_has_one_export_and_finds_it_back() {
        let files = [
            "clients.csv",
            "sites.csv",
            "stock-bins.csv",
            "suppliers.csv",
            "organisations.csv",
            "services.csv",
        ];
        for file in files {
            let (kind, view) = export_of(file).expect(file);
            assert_eq!(list_view(kind, view.path).map(|v| v.href), Some(view.href));
        }
        assert!(export_of("../etc/passwd").is_none());
        assert!(export_of("new.csv").is_none());
    }
}

//! Organisations (`/Organisation`): the descriptor, its form, and how its records are read and written.

use super::{Entity, EntityKind, ListView, Words};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME};
use crate::params::lists::ORGANISATIONS;
use leptos::prelude::*;

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Organisations,
    path: "organisations",
    words: WORDS,
    form: &FORM,
    list: ListView {
        path: "",
        href: "/organisations",
        export: "organisations.csv",
        words: WORDS,
        spec: &ORGANISATIONS,
        columns: &[
            Column::sorts("Name", "name"),
            Column::plain("Phone"),
            Column::plain("E-mail"),
            Column::plain("Website"),
            Column::plain("Portal URL"),
            Column::csv_only("Portal colour"),
        ],
        whole: true,
        creates: true,
        links: &[],
    },
    detail_page: || {
        view! { <crate::routes::organisations::detail::OrganisationDetailPage/> }.into_any()
    },
    views: &[],
};

const WORDS: Words = Words {
    one: "organisation",
    many: "organisations",
    one_title: "Organisation",
    many_title: "Organisations",
};

/// Organisations.
pub const FORM: FormSpec = FormSpec {
    singular: "organisation",
    path: "organisations",
    fields: &[
        Field::new("name", "Name", Kind::Text, true, NAME),
        Field::new("phone", "Phone", Kind::Phone, false, 30),
        Field::new("email", "E-mail", Kind::Email, false, LINE),
        Field::new("reply_address", "Reply address", Kind::Email, false, LINE),
        Field::new("website", "Website", Kind::Url, false, LINE),
        Field::new("portalcolour", "Portal colour", Kind::Colour, false, 7),
        Field::new("portal_title", "Portal title", Kind::Text, false, NAME),
    ],
};

/// Reads and writes `halo`'s `Organisation` records.
#[cfg(feature = "ssr")]
pub struct Store;

#[cfg(feature = "ssr")]
impl super::server::Store for Store {
    type Halo = halo::entity::OrganisationEntity;

    fn entity() -> &'static Entity {
        &ENTITY
    }

    fn resource(halo: &halo::client::HaloClient) -> halo::client::Resource<Self::Halo> {
        halo.organisations()
    }

    /// The portal colour paints a swatch beside the name (only `#rgb`/`#rrggbb`) and is exported as text.
    fn row(o: &halo::models::Organisation) -> crate::components::list::cells::Row {
        use crate::components::list::cells::{Cell, Row};
        let colour = Cell::text(o.portalcolour.as_deref());
        Row {
            id: o.id,
            name: super::server::name_or(o.name.as_deref(), "Organisation", o.id),
            inactive: None,
            swatch: o.portalcolour.clone(),
            cells: vec![
                Cell::Name,
                Cell::text(o.phone.as_deref()),
                Cell::text(o.email.as_deref()),
                Cell::web(o.website.as_deref()),
                Cell::web(o.portalurl.as_deref()),
                colour,
            ],
        }
    }
}

//! Organisations (`/Organisation`): the descriptor, its form, and how its records are read and written.

use super::{Entity, EntityKind, Words};
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME};
use leptos::prelude::*;

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Organisations,
    path: "organisations",
    words: Words {
        one: "organisation",
        many: "organisations",
        one_title: "Organisation",
        many_title: "Organisations",
    },
    form: &FORM,
    list_page: || view! { <crate::routes::organisations::list::OrganisationListPage/> }.into_any(),
    detail_page: || {
        view! { <crate::routes::organisations::detail::OrganisationDetailPage/> }.into_any()
    },
    views: &[],
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
}

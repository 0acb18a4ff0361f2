//! Clients (HaloPSA's "Areas", `/Client`): the descriptor, its form, and how its records are read and
//! written.

use super::{Entity, EntityKind, Words};
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME, NOTES};
use leptos::prelude::*;

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Clients,
    path: "clients",
    words: Words {
        one: "client",
        many: "clients",
        one_title: "Client",
        many_title: "Clients",
    },
    form: &FORM,
    list_page: || view! { <crate::routes::clients::list::ClientListPage/> }.into_any(),
    detail_page: || view! { <crate::routes::clients::detail::ClientDetailPage/> }.into_any(),
    views: &[],
};

/// Clients; on create also the new-client helpers that create its first site and contact.
pub const FORM: FormSpec = FormSpec {
    singular: "client",
    path: "clients",
    fields: &[
        Field::new("name", "Name", Kind::Text, true, NAME),
        Field::new("toplevel_id", "Top level", Kind::TopLevel, false, 12),
        Field::new("website", "Website", Kind::Url, false, LINE),
        Field::new("colour", "Colour", Kind::Colour, false, 7),
        Field::new("inactive", "Inactive", Kind::Flag, false, 5),
        Field::new("notes", "Notes", Kind::LongText, false, NOTES),
        Field::on_create("newclient_sitename", "First site name", Kind::Text, NAME),
        Field::on_create("newclient_phonenumber", "First site phone", Kind::Phone, 30),
        Field::on_create(
            "newclient_timezone",
            "First site time zone",
            Kind::TimeZone,
            64,
        ),
        Field::on_create(
            "newclient_contactname",
            "First contact name",
            Kind::Text,
            NAME,
        ),
        Field::on_create(
            "newclient_contactemail",
            "First contact e-mail",
            Kind::Email,
            LINE,
        ),
    ],
};

/// Reads and writes `halo`'s `Client` records.
#[cfg(feature = "ssr")]
pub struct Store;

#[cfg(feature = "ssr")]
impl super::server::Store for Store {
    type Halo = halo::entity::ClientEntity;

    fn entity() -> &'static Entity {
        &ENTITY
    }

    fn resource(halo: &halo::client::HaloClient) -> halo::client::Resource<Self::Halo> {
        halo.clients()
    }

    /// A client takes its sites with it.
    async fn dependents(halo: &halo::client::HaloClient, id: i32) -> Option<String> {
        let q = halo::query::SiteQuery::new()
            .client_id(id)
            .pageinate(true)
            .page_size(1)
            .includeactive(true)
            .includeinactive(true);
        let sites = halo.sites();
        let page = Box::pin(sites.list(&q)).await.ok()?;
        Some(super::server::counted(
            page.record_count as i64,
            "site",
            "sites",
        ))
    }
}

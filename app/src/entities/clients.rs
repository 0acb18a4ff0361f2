//! Clients (HaloPSA's "Areas", `/Client`): the descriptor, its form, and how its records are read and
//! written.

use super::{Entity, EntityKind, ListView, Words};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME, NOTES};
use crate::params::lists::CLIENTS;
use leptos::prelude::*;

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Clients,
    path: "clients",
    words: WORDS,
    form: &FORM,
    list: ListView {
        path: "",
        href: "/clients",
        export: "clients.csv",
        words: WORDS,
        spec: &CLIENTS,
        columns: &[
            Column::sorts("Name", "name"),
            Column::sorts("Top level", "toplevel"),
            Column::plain("Status"),
            Column::plain("Website"),
            Column::numeric("Open tickets", "open_tickets"),
        ],
        whole: false,
        creates: true,
        links: &[],
    },
    detail_page: || view! { <crate::routes::clients::detail::ClientDetailPage/> }.into_any(),
    views: &[],
};

const WORDS: Words = Words {
    one: "client",
    many: "clients",
    one_title: "Client",
    many_title: "Clients",
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

    fn row(c: &halo::models::ClientSummary) -> crate::components::list::cells::Row {
        use crate::components::list::cells::{Cell, Row};
        Row {
            id: c.id,
            name: super::server::name_or(c.name.as_deref(), "Client", c.id),
            inactive: Some(c.inactive.unwrap_or(false)),
            swatch: None,
            cells: vec![
                Cell::Name,
                Cell::text(c.toplevel_name.as_deref()),
                Cell::Status,
                Cell::web(c.website.as_deref()),
                Cell::num(c.open_ticket_count),
            ],
        }
    }

    fn walk(
        halo: &halo::client::HaloClient,
        params: &crate::params::ListParams,
    ) -> Option<super::server::Records<Self>> {
        super::server::walk::<Self>(halo, params)
    }

    fn list_query(p: &crate::params::ListParams) -> halo::query::ClientQuery {
        let (active, inactive) = crate::functions::ssr::status_flags(p.status);
        let mut q = halo::query::ClientQuery::new()
            .pageinate(true)
            .page_no(p.page as i32)
            .page_size(p.per_page as i32)
            .order(CLIENTS.sort_field(&p.sort).unwrap_or("name"))
            .orderdesc(p.desc)
            .includeactive(active)
            .includeinactive(inactive);
        if let Some(s) = &p.q {
            q = q.search(s.clone());
        }
        if let Some(t) = p.toplevel_id {
            q = q.toplevel_id(t);
        }
        q
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

//! Sites (`/Site`; stock bins are a list-only view of them): the descriptor, its form, and how its
//! records are read and written.

use super::{Entity, EntityKind, Words};
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME};
use leptos::prelude::*;

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Sites,
    path: "sites",
    words: Words {
        one: "site",
        many: "sites",
        one_title: "Site",
        many_title: "Sites",
    },
    form: &FORM,
    list_page: || view! { <crate::routes::sites::list::SiteListPage/> }.into_any(),
    detail_page: || view! { <crate::routes::sites::detail::SiteDetailPage/> }.into_any(),
    views: &[super::ListView {
        path: "stock-bins",
        page: || view! { <crate::routes::sites::stock_bins::StockBinsPage/> }.into_any(),
    }],
};

/// Sites.
pub const FORM: FormSpec = FormSpec {
    singular: "site",
    path: "sites",
    fields: &[
        Field::new("name", "Name", Kind::Text, true, NAME),
        Field::new("client_id", "Client", Kind::Client, true, 200),
        Field::new("phonenumber", "Phone", Kind::Phone, false, 30),
        Field::new("timezone", "Time zone", Kind::TimeZone, false, 64),
        Field::new(
            "delivery_address_line1",
            "Delivery address line 1",
            Kind::Text,
            false,
            LINE,
        ),
        Field::new(
            "delivery_address_line2",
            "Delivery address line 2",
            Kind::Text,
            false,
            LINE,
        ),
        Field::new(
            "delivery_address_line3",
            "Delivery town / city",
            Kind::Text,
            false,
            LINE,
        ),
        Field::new(
            "delivery_address_line4",
            "Delivery county / state",
            Kind::Text,
            false,
            LINE,
        ),
        Field::new(
            "delivery_address_line5",
            "Delivery postcode",
            Kind::Text,
            false,
            20,
        ),
        Field::new(
            "invoice_address_line1",
            "Invoice address line 1",
            Kind::Text,
            false,
            LINE,
        ),
        Field::new(
            "invoice_address_line2",
            "Invoice address line 2",
            Kind::Text,
            false,
            LINE,
        ),
        Field::new(
            "invoice_address_line3",
            "Invoice town / city",
            Kind::Text,
            false,
            LINE,
        ),
        Field::new(
            "invoice_address_line4",
            "Invoice county / state",
            Kind::Text,
            false,
            LINE,
        ),
        Field::new(
            "invoice_address_line5",
            "Invoice postcode",
            Kind::Text,
            false,
            20,
        ),
        Field::new("inactive", "Inactive", Kind::Flag, false, 5),
        Field::new("isstocklocation", "Stock location", Kind::Flag, false, 5),
    ],
};

/// Reads and writes `halo`'s `Site` records.
#[cfg(feature = "ssr")]
pub struct Store;

#[cfg(feature = "ssr")]
impl super::server::Store for Store {
    type Halo = halo::entity::SiteEntity;

    fn entity() -> &'static Entity {
        &ENTITY
    }

    fn resource(halo: &halo::client::HaloClient) -> halo::client::Resource<Self::Halo> {
        halo.sites()
    }

    /// The client picker's `Name (#id)`, id or exact name becomes the client's id.
    async fn resolve(
        halo: &halo::client::HaloClient,
        valid: crate::forms::Valid,
    ) -> Result<crate::forms::Valid, crate::forms::FieldErrors> {
        crate::functions::form_ssr::resolve_client(halo, "client_id", valid).await
    }

    /// An edit starts with the picker's choices around the current client; a new site for a given client
    /// (`hint`, from "Add a site" on its page) starts with that client picked.
    async fn prepare_form(
        halo: &halo::client::HaloClient,
        data: &mut crate::functions::forms::FormData,
        hint: &str,
    ) {
        use crate::forms::validate::{client_label, client_ref};
        use crate::functions::form_ssr::client_choices;
        if data.id.is_some() && hint.trim().is_empty() {
            let current = data.values.get("client_id").cloned().unwrap_or_default();
            if let Ok(found) = Box::pin(client_choices(halo, &current)).await {
                data.options.insert(
                    "client_id".into(),
                    found.into_iter().map(|l| (l.clone(), l)).collect(),
                );
            }
        }
        if data.id.is_none() {
            if let Some(cid) = client_ref(hint) {
                let (clients, q) = (halo.clients(), halo::query::ClientDetailQuery::new());
                if let Ok(c) = Box::pin(clients.get(cid, &q)).await {
                    let name = c.name.unwrap_or_else(|| format!("Client {cid}"));
                    data.values
                        .insert("client_id".into(), client_label(cid, &name));
                }
            }
        }
    }
}

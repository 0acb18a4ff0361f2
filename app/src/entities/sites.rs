//! Sites (`/Site`; stock bins are a list-only view of them): the descriptor, its form, and how its
//! records are read and written.

use super::{Entity, EntityKind, ListView, Words};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME};
use crate::params::lists::{SITES, STOCK_BINS};
use leptos::prelude::*;

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Sites,
    path: "sites",
    words: WORDS,
    form: &FORM,
    list: ListView {
        path: "",
        href: "/sites",
        export: "sites.csv",
        words: WORDS,
        spec: &SITES,
        columns: &[
            Column::sorts("Name", "name"),
            Column::sorts("Client", "client").refers(),
            Column::plain("Status"),
            Column::plain("Phone"),
            Column::sorts("Time zone", "timezone"),
            Column::plain("Stock"),
        ],
        whole: false,
        creates: true,
        links: &[("/sites/stock-bins", "Stock bins →")],
    },
    detail_page: || view! { <crate::routes::sites::detail::SiteDetailPage/> }.into_any(),
    views: &[ListView {
        path: "stock-bins",
        href: "/sites/stock-bins",
        export: "stock-bins.csv",
        words: Words {
            one: "stock bin",
            many: "stock bins",
            one_title: "Stock bin",
            many_title: "Stock bins",
        },
        spec: &STOCK_BINS,
        columns: &[
            Column::sorts("Name", "name"),
            Column::sorts("Client", "client").refers(),
            Column::plain("Status"),
            Column::plain("Phone"),
            Column::plain("Time zone"),
            Column::plain("Stock"),
        ],
        whole: true,
        creates: false,
        links: &[],
    }],
};

const WORDS: Words = Words {
    one: "site",
    many: "sites",
    one_title: "Site",
    many_title: "Sites",
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

    fn row(s: &halo::models::SiteSummary) -> crate::components::list::cells::Row {
        use crate::components::list::cells::{Cell, Row};
        let client = s.client_id.filter(|c| *c > 0).map(|c| Cell::Ref {
            kind: EntityKind::Clients,
            id: c,
            text: super::server::name_or(s.client_name.as_deref(), "Client", c),
        });
        let stock = s.isstocklocation.unwrap_or(false);
        Row {
            id: s.id,
            name: super::server::name_or(s.name.as_deref(), "Site", s.id),
            inactive: Some(s.inactive.unwrap_or(false)),
            swatch: None,
            cells: vec![
                Cell::Name,
                client.unwrap_or(Cell::Empty),
                Cell::Status,
                Cell::text(s.phonenumber.as_deref()),
                Cell::text(s.timezone.as_deref()),
                Cell::text(stock.then_some("Stock location")),
            ],
        }
    }

    fn walk(
        halo: &halo::client::HaloClient,
        params: &crate::params::ListParams,
    ) -> Option<super::server::Records<Self>> {
        super::server::walk::<Self>(halo, params)
    }

    fn list_query(p: &crate::params::ListParams) -> halo::query::SiteQuery {
        use crate::params::StockFilter;
        let (active, inactive) = crate::functions::ssr::status_flags(p.status);
        let mut q = halo::query::SiteQuery::new()
            .pageinate(true)
            .page_no(p.page as i32)
            .page_size(p.per_page as i32)
            .order(SITES.sort_field(&p.sort).unwrap_or("name"))
            .orderdesc(p.desc)
            .includeactive(active)
            .includeinactive(inactive);
        if let Some(s) = &p.q {
            q = q.search(s.clone());
        }
        if let Some(c) = p.client_id {
            q = q.client_id(c);
        }
        let stock = match p.stock {
            Some(StockFilter::Only) => Some((true, false)),
            Some(StockFilter::Exclude) => Some((false, true)),
            None => None,
        };
        if let Some((stock, other)) = stock {
            q = q
                .includestocklocations(stock)
                .includenonstocklocations(other);
        }
        q
    }

    /// Stock bins come from their own endpoint, all at once.
    async fn fetch_whole(
        halo: &halo::client::HaloClient,
        view: &ListView,
    ) -> Result<Vec<halo::models::SiteSummary>, halo::Error> {
        let _ = view;
        let sites = halo.sites();
        Box::pin(sites.stock_bins()).await
    }

    /// A list narrowed to one client names it: from its rows, or (no rows) from the client's record.
    async fn scope(
        halo: &halo::client::HaloClient,
        page: &crate::components::list::ListPage<crate::components::list::cells::Row>,
    ) -> Option<String> {
        let id = page.params.client_id?;
        let named = page.rows.iter().find_map(|r| match r.cells.get(1) {
            Some(crate::components::list::cells::Cell::Ref { id: c, text, .. }) if *c == id => {
                Some(text.clone())
            }
            _ => None,
        });
        if named.is_some() {
            return named;
        }
        let (clients, q) = (halo.clients(), halo::query::ClientDetailQuery::new());
        Box::pin(clients.get(id, &q))
            .await
            .ok()
            .and_then(|c| c.name)
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

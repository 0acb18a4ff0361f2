//! Sites (`/Site`; stock bins are a list-only view of them): the descriptor, its form, and how its
//! records are read and written.

use super::{Entity, EntityKind, ListView, Words};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME};
use crate::params::{FilterKind, ListSpec};

/// `/sites`.
pub const SPEC: ListSpec = ListSpec {
    sorts: &[
        ("name", "name"),
        ("client", "client_name"),
        ("timezone", "timezone"),
        ("id", "id"),
    ],
    has_status: true,
    filters: &[FilterKind::Client, FilterKind::Stock],
};

/// `/sites/stock-bins`: a bare array upstream; the server searches, sorts and pages.
pub const STOCK_BINS_SPEC: ListSpec = ListSpec {
    sorts: &[("name", "name"), ("client", "client_name"), ("id", "id")],
    has_status: false,
    filters: &[],
};

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Sites,
    path: "sites",
    words: WORDS,
    form: &FORM,
    list: ListView {
        links: &[("/sites/stock-bins", "Stock bins →")],
        ..ListView::of(
            "/sites",
            "sites.csv",
            WORDS,
            &SPEC,
            &[
                Column::sorts("Name", "name"),
                Column::sorts("Client", "client").refers(),
                Column::plain("Status"),
                Column::plain("Phone"),
                Column::sorts("Time zone", "timezone"),
                Column::plain("Stock"),
            ],
        )
    },
    views: &[ListView {
        path: "stock-bins",
        whole: true,
        creates: false,
        ..ListView::of(
            "/sites/stock-bins",
            "stock-bins.csv",
            Words::new("stock bin", "stock bins", "Stock bin", "Stock bins"),
            &STOCK_BINS_SPEC,
            &[
                Column::sorts("Name", "name"),
                Column::sorts("Client", "client").refers(),
                Column::plain("Status"),
                Column::plain("Phone"),
                Column::plain("Time zone"),
                Column::plain("Stock"),
            ],
        )
    }],
};

const WORDS: Words = Words::new("site", "sites", "Site", "Sites");

/// Sites.
pub const FORM: FormSpec = FormSpec {
    singular: "site",
    path: "sites",
    fields: &[
        Field::new("name", "Name", Kind::Text, true, NAME),
        Field::new("client_id", "Client", Kind::Client, true, 200),
        Field::new("phonenumber", "Phone", Kind::Phone, false, 30),
        Field::new("timezone", "Time zone", Kind::TimeZone, false, 64),
        Field::text("delivery_address_line1", "Delivery address line 1", LINE),
        Field::text("delivery_address_line2", "Delivery address line 2", LINE),
        Field::text("delivery_address_line3", "Delivery town / city", LINE),
        Field::text("delivery_address_line4", "Delivery county / state", LINE),
        Field::text("delivery_address_line5", "Delivery postcode", 20),
        Field::text("invoice_address_line1", "Invoice address line 1", LINE),
        Field::text("invoice_address_line2", "Invoice address line 2", LINE),
        Field::text("invoice_address_line3", "Invoice town / city", LINE),
        Field::text("invoice_address_line4", "Invoice county / state", LINE),
        Field::text("invoice_address_line5", "Invoice postcode", 20),
        Field::new("inactive", "Inactive", Kind::Flag, false, 5),
        Field::new("isstocklocation", "Stock location", Kind::Flag, false, 5),
    ],
};

/// Reads and writes `halo`'s `Site` records.
#[cfg(feature = "ssr")]
pub struct Store;

#[cfg(feature = "ssr")]
impl super::server::Store for Store {
    super::server::kept_in!(halo::entity::SiteEntity, sites);

    const CONTACTS: &'static [crate::health::compare::Contact] = {
        use crate::health::compare::Contact;
        &[
            Contact::email(&["emaildomain"]),
            Contact::phone(&["phonenumber"]),
        ]
    };

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
        let mut q = super::server::page_query!(halo::query::SiteQuery, SPEC, p, status);
        if let Some(c) = p.client_id {
            q = q.client_id(c);
        }
        let stock = match p.stock {
            Some(crate::params::StockFilter::Only) => Some((true, false)),
            Some(crate::params::StockFilter::Exclude) => Some((false, true)),
            None => None,
        };
        if let Some((stock, other)) = stock {
            q = q
                .includestocklocations(stock)
                .includenonstocklocations(other);
        }
        q
    }

    /// The site with its popup notes, read at once.
    async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<crate::components::detail::Detail, crate::errors::AppError> {
        let q = halo::query::SiteDetailQuery::new().includedetails(true);
        let (sites, popups) = (halo.sites(), halo.popup_notes());
        let (site, popups) =
            Box::pin(async { futures::join!(sites.get(id, &q), popups.for_site(id, true)) }).await;
        let site = site.map_err(|e| super::server::record_error::<Self>(e, id))?;
        Ok(detail::page(&site, id, popups.map_err(Into::into)))
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

/// The site's page, from its record.
#[cfg(feature = "ssr")]
mod detail {
    use crate::components::detail::{
        status_badge, text_block, Badge, Block, Detail, Fact, Section,
    };
    use crate::components::list::cells::Cell;
    use crate::entities::read::{address_or_lines, describe_array, with_custom_fields};
    use crate::entities::EntityKind;
    use crate::errors::AppError;
    use crate::functions::notes::ssr::popup_view;
    use halo::models::{PopupNote, Site};

    fn facts(s: &Site) -> Vec<Fact> {
        let (d, i) = (&s.delivery_address, &s.invoice_address);
        let delivery = address_or_lines(
            d,
            [
                &s.delivery_address_line1,
                &s.delivery_address_line2,
                &s.delivery_address_line3,
                &s.delivery_address_line4,
                &s.delivery_address_line5,
            ],
        );
        let invoice = address_or_lines(
            i,
            [
                &s.invoice_address_line1,
                &s.invoice_address_line2,
                &s.invoice_address_line3,
                &s.invoice_address_line4,
                &s.invoice_address_line5,
            ],
        );
        let coordinates = s
            .geocoord1
            .zip(s.geocoord2)
            .filter(|(a, b)| *a != 0.0 || *b != 0.0)
            .map(|(a, b)| format!("{a:.5}, {b:.5}"));
        vec![
            Fact::new("Client", client(s).unwrap_or(Cell::Empty)).testid("site-client"),
            Fact::text("Delivery address", delivery.as_deref()),
            Fact::text("Invoice address", invoice.as_deref()),
            Fact::text("Phone", s.phonenumber.as_deref()),
            Fact::text("Time zone", s.timezone.as_deref()),
            Fact::text("E-mail domain", s.emaildomain.as_deref()),
            Fact::text("Main contact", s.maincontact_name.as_deref()),
            Fact::text("Coordinates", coordinates.as_deref()),
            Fact::new("Open tickets", Cell::num(s.open_ticket_count)),
            Fact::new("On hold", Cell::num(s.onhold_ticket_count)),
            Fact::new("Opened this month", Cell::num(s.opened_thismonth_count)),
            Fact::new("Total tickets", Cell::num(s.total_ticket_count)),
        ]
    }

    fn client(s: &Site) -> Option<Cell> {
        s.client_id.filter(|c| *c > 0).map(|c| Cell::Ref {
            kind: EntityKind::Clients,
            id: c,
            text: crate::entities::server::name_or(s.client_name.as_deref(), "Client", c),
        })
    }

    /// The lists HaloPSA keeps on a site: contacts, stock bins, maintenance windows and change freezes.
    fn list_sections(s: &Site) -> Vec<Section> {
        let bins = s.stockbins.clone().unwrap_or_default();
        let bins = bins
            .into_iter()
            .map(|b| b.name.unwrap_or_else(|| format!("Bin {}", b.id)))
            .collect();
        let windows = ["name", "start_date", "end_date", "description"];
        let described = |key: &str, keys: &[&str]| describe_array(s.extra.get(key), keys);
        let contacts = described("sitecontacts", &["name", "emailaddress", "phonenumber"]);
        vec![
            Section::new(
                "contacts",
                "Contacts",
                vec![Block::lines(
                    contacts,
                    "No contacts listed.",
                    "site-contacts",
                )],
            ),
            Section::new(
                "bins",
                "Stock bins",
                vec![Block::lines(bins, "No stock bins.", "site-stock-bins")],
            ),
            Section::new(
                "maintenance",
                "Maintenance windows",
                vec![Block::lines(
                    described("maintenance_windows", &windows),
                    "No maintenance windows.",
                    "maintenance-windows",
                )],
            ),
            Section::new(
                "freezes",
                "Change freezes",
                vec![Block::lines(
                    described("change_freeze_periods", &windows),
                    "No change-freeze periods.",
                    "change-freezes",
                )],
            ),
        ]
    }

    /// Popup notes of the site, and (when it has a client) the form adding a CRM note to that client.
    fn note_sections(s: &Site, id: i32, popups: Result<Vec<PopupNote>, AppError>) -> Vec<Section> {
        let mut sections = vec![Section::new(
            "popup",
            "Popup notes",
            vec![Block::PopupNotes {
                notes: popups.map(|v| v.into_iter().map(popup_view).collect()),
                client: None,
                site: Some(id),
            }],
        )];
        if let Some(client) = s.client_id.filter(|c| *c > 0) {
            sections.push(Section::new(
                "crm",
                "CRM notes",
                vec![
                    Block::Remark("CRM notes of this site are listed on its client's page.".into()),
                    Block::CrmNoteForm {
                        client,
                        site: Some(id),
                    },
                ],
            ));
        }
        sections
    }

    pub fn page(s: &Site, id: i32, popups: Result<Vec<PopupNote>, AppError>) -> Detail {
        let mut key = vec![Block::Facts(facts(s))];
        key.extend(text_block("Notes", s.notes.as_deref()));
        let mut badges = vec![status_badge(s.inactive.unwrap_or(false))];
        if s.isstocklocation.unwrap_or(false) {
            badges.push(Badge {
                text: "Stock location".into(),
                tone: None,
                title: None,
            });
        }
        let mut sections = vec![Section::key_facts(key)];
        sections.extend(list_sections(s));
        sections.extend(note_sections(s, id, popups));
        let detail = Detail {
            id,
            name: crate::entities::server::name_or(s.name.as_deref(), "Site", id),
            swatch: None,
            badges,
            crumbs: client(s)
                .and_then(|c| match c {
                    Cell::Ref { id, text, .. } => Some((format!("/clients/{id}"), text)),
                    _ => None,
                })
                .into_iter()
                .collect(),
            actions: vec![],
            sections,
            halo_link: crate::functions::ssr::halo_web_link(&format!("customers?siteid={id}")),
            stale: None,
        };
        with_custom_fields(detail, s.customfields.as_deref())
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::components::detail::Value;
        use serde_json::json;

        #[test]
        fn flat_address_lines_stand_in_and_untyped_arrays_are_listed() {
            let s: Site = serde_json::from_value(json!({
                "id": 3, "name": "Depot", "client_id": 4, "client_name": "Acme",
                "delivery_address_line1": "1 Dock Rd", "delivery_address_line5": "AB1 2CD",
                "isstocklocation": true,
                "maintenance_windows": [{"name": "Nightly", "start_date": "22:00"}],
                "customfields": [{"label": "Alarm code", "value": 1234}, {"label": "Empty", "value": null}]
            }))
            .unwrap();
            let d = page(&s, 3, Ok(vec![]));
            assert!(matches!(
                d.fact("Delivery address"),
                Some(Value::Cell(Cell::Text(t))) if t == "1 Dock Rd, AB1 2CD"
            ));
            assert!(
                matches!(d.fact("Alarm code"), Some(Value::Cell(Cell::Text(t))) if t == "1234")
            );
            assert!(d.fact("Empty").is_none());
            assert_eq!(
                d.crumbs,
                vec![("/clients/4".to_string(), "Acme".to_string())]
            );
            assert_eq!(d.badges.len(), 2, "status and stock location");
            let Some(Block::Items { items, .. }) = d.section("maintenance").map(|s| &s.blocks[0])
            else {
                panic!("a maintenance list");
            };
            assert_eq!(items[0].cell, Cell::Text("Nightly · 22:00".into()));
            assert!(
                d.section("crm").is_some(),
                "a site with a client can add CRM notes"
            );
        }
    }
}

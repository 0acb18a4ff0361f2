//! Clients (HaloPSA's "Areas", `/Client`): the descriptor, its form, and how its records are read and
//! written.

use super::{Entity, EntityKind, ListView, Words};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME, NOTES};
use crate::params::{FilterKind, ListSpec};

/// `/clients`: Halo searches, filters and sorts.
pub const SPEC: ListSpec = ListSpec {
    sorts: &[
        ("name", "name"),
        ("toplevel", "toplevel_name"),
        ("open_tickets", "open_ticket_count"),
        ("id", "id"),
    ],
    has_status: true,
    filters: &[FilterKind::TopLevel],
};

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Clients,
    path: "clients",
    words: WORDS,
    form: &FORM,
    list: ListView::of(
        "/clients",
        "clients.csv",
        WORDS,
        &SPEC,
        &[
            Column::sorts("Name", "name"),
            Column::sorts("Top level", "toplevel"),
            Column::plain("Status"),
            Column::plain("Website").reads("website"),
            Column::numeric("Open tickets", "open_tickets"),
        ],
    ),
    views: &[],
};

const WORDS: Words = Words::new("client", "clients", "Client", "Clients");

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
    super::server::kept_in!(halo::entity::ClientEntity, clients);

    const CONTACTS: &'static [crate::health::compare::Contact] = {
        use crate::health::compare::Contact;
        &[
            Contact::email(&["domain", "accountsemailaddress"]),
            Contact::phone(&["main_phonenumber"]),
            Contact::web(&["website"]),
        ]
    };

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
        let mut q = super::server::page_query!(halo::query::ClientQuery, SPEC, p, status);
        if let Some(t) = p.toplevel_id {
            q = q.toplevel_id(t);
        }
        q
    }

    /// The client with its first page of sites, CRM notes and popup notes, all read at once.
    async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<crate::components::detail::Detail, crate::errors::AppError> {
        let mut sites_params = crate::params::ListParams::defaults(&super::sites::SPEC);
        sites_params.client_id = Some(id);
        sites_params.status = crate::params::StatusFilter::All;
        let sites_q = super::sites::Store::list_query(&sites_params);
        let client_q = halo::query::ClientDetailQuery::new().includedetails(true);
        let (clients, sites, crm, popups) = (
            halo.clients(),
            halo.sites(),
            halo.crm_notes(),
            halo.popup_notes(),
        );
        let (client, site_page, crm, popups) = Box::pin(async {
            futures::join!(
                clients.get(id, &client_q),
                sites.list(&sites_q),
                crm.for_client(id),
                popups.for_client(id, true),
            )
        })
        .await;
        let client = client.map_err(|e| super::server::record_error::<Self>(e, id))?;
        let sites = crate::components::list::ListPage {
            notices: vec![],
            rows: site_page.as_ref().map_or(vec![], |p| {
                p.items.iter().map(super::sites::Store::row).collect()
            }),
            record_count: site_page.as_ref().map_or(0, |p| p.record_count),
            params: sites_params,
            scope: None,
            unreadable: 0,
            stale: None,
            facets: None,
        };
        let related = detail::Related {
            sites: site_page.map(|_| sites).map_err(Into::into),
            crm: crm.map_err(Into::into),
            popups: popups.map_err(Into::into),
        };
        Ok(detail::page(&client, id, related))
    }

    /// A client takes its sites with it.
    async fn dependents(halo: &halo::client::HaloClient, id: i32) -> Option<String> {
        let q = halo::query::SiteQuery::new()
            .client_id(id)
            .pageinate(true)
            .page_size(1)
            .status(halo::query::Status::All);
        let sites = halo.sites();
        let page = Box::pin(sites.list(&q)).await.ok()?;
        Some(super::server::counted(
            page.record_count as i64,
            "site",
            "sites",
        ))
    }
}

/// The client's page, from its record and its related reads.
#[cfg(feature = "ssr")]
mod detail {
    use crate::components::detail::{
        status_badge, text_block, Action, Block, Detail, Fact, Section,
    };
    use crate::components::list::{
        cells::{is_css_colour, Cell, Row},
        ListPage,
    };
    use crate::entities::read::{address_text, text};
    use crate::entities::EntityKind;
    use crate::errors::AppError;
    use crate::functions::notes::ssr::{crm_view, popup_view};
    use halo::models::{Client, CrmNote, PopupNote};

    /// What the client's page shows besides the record: each part may have failed on its own.
    pub struct Related {
        pub sites: Result<ListPage<Row>, AppError>,
        pub crm: Result<Vec<CrmNote>, AppError>,
        pub popups: Result<Vec<PopupNote>, AppError>,
    }

    pub fn page(c: &Client, id: i32, related: Related) -> Detail {
        let main_address = c
            .main_delivery_address
            .as_ref()
            .or(c.main_invoice_address.as_ref())
            .map(address_text);
        let main_site = c.main_site_id.filter(|i| *i > 0).map(|i| Cell::Ref {
            kind: EntityKind::Sites,
            id: i,
            text: crate::entities::server::name_or(c.main_site_name.as_deref(), "Site", i),
        });
        let colour = text(&c.colour);
        let facts = vec![
            Fact::text("Top level", c.toplevel_name.as_deref()),
            Fact::text("Account manager", c.accountmanagertech_name.as_deref()),
            Fact::text("Main contact", c.main_contact_name.as_deref()),
            Fact::text("Phone", c.main_phonenumber.as_deref()),
            Fact::text("Main address", main_address.as_deref()),
            Fact::text("Colour", colour.as_deref()),
            Fact::new("Open tickets", Cell::num(c.open_ticket_count)),
            Fact::new("On hold", Cell::num(c.onhold_ticket_count)),
            Fact::new("Opened this month", Cell::num(c.opened_thismonth_count)),
            Fact::new("Total tickets", Cell::num(c.total_ticket_count)),
            Fact::new("Website", Cell::web(c.website.as_deref())),
            Fact::new("Main site", main_site.unwrap_or(Cell::Empty)),
        ];
        let mut key = vec![Block::Facts(facts)];
        key.extend(text_block("Notes", c.notes.as_deref()));
        let detail = Detail {
            id,
            name: crate::entities::server::name_or(c.name.as_deref(), "Client", id),
            swatch: colour.filter(|col| is_css_colour(col)),
            badges: vec![status_badge(c.inactive.unwrap_or(false))],
            crumbs: vec![],
            actions: vec![Action::Link {
                href: format!("/sites/new?client={id}"),
                text: "Add a site".into(),
                testid: "add-site".into(),
            }],
            sections: vec![
                Section::key_facts(key),
                sites_section(id, related.sites),
                Section::new(
                    "crm",
                    "CRM notes",
                    vec![
                        Block::CrmNotes(related.crm.map(|v| v.into_iter().map(crm_view).collect())),
                        Block::CrmNoteForm {
                            client: id,
                            site: None,
                        },
                    ],
                ),
                Section::new(
                    "popup",
                    "Popup notes",
                    vec![Block::PopupNotes {
                        notes: related
                            .popups
                            .map(|v| v.into_iter().map(popup_view).collect()),
                        client: Some(id),
                        site: None,
                    }],
                ),
            ],
            halo_link: crate::functions::ssr::halo_web_link(&format!("customers?clientid={id}")),
            stale: None,
        };
        crate::entities::read::with_custom_fields(detail, c.customfields.as_deref())
    }

    /// The first page of the client's sites, with a link to all of them when there are more.
    fn sites_section(id: i32, sites: Result<ListPage<Row>, AppError>) -> Section {
        let Ok(page) = sites else {
            let e = sites.err().unwrap_or(AppError::Internal("no sites".into()));
            return Section::new("sites", "Sites", vec![Block::Failed(e)]);
        };
        let count = page.record_count;
        let more = (count > page.rows.len() as u64).then(|| {
            (
                format!("/sites?client_id={id}&status=all"),
                format!("All {count} sites →"),
            )
        });
        Section {
            count: Some(count),
            ..Section::new(
                "sites",
                "Sites",
                vec![Block::Records {
                    kind: EntityKind::Sites,
                    page: Box::new(page),
                    more,
                }],
            )
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::components::detail::Value;

        #[test]
        fn a_failed_site_list_degrades_its_own_section() {
            let client = Client {
                id: 4,
                name: Some("Acme".into()),
                colour: Some("red".into()),
                main_site_id: Some(9),
                ..Default::default()
            };
            let related = Related {
                sites: Err(AppError::Internal("boom".into())),
                crm: Ok(vec![]),
                popups: Ok(vec![]),
            };
            let d = page(&client, 4, related);
            assert_eq!(d.name, "Acme");
            assert_eq!(d.swatch, None, "only #rgb colours are painted");
            assert!(matches!(
                d.section("sites").map(|s| &s.blocks[0]),
                Some(Block::Failed(_))
            ));
            assert!(matches!(
                d.fact("Main site"),
                Some(Value::Cell(Cell::Ref { id: 9, .. }))
            ));
            assert_eq!(d.sections.len(), 4);
        }
    }
}

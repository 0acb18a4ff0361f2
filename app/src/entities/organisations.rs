//! Organisations (`/Organisation`): the descriptor, its form, and how its records are read and written.

use super::{Entity, EntityKind, ListView, Words};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME};
use crate::params::ListSpec;

/// `/organisations`: Halo's endpoint takes no parameters, so the server searches, sorts and pages.
pub const SPEC: ListSpec = ListSpec {
    sorts: &[("name", "name"), ("id", "id")],
    has_status: false,
    filters: &[],
};

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Organisations,
    path: "organisations",
    words: WORDS,
    form: &FORM,
    list: ListView {
        whole: true,
        ..ListView::of(
            "/organisations",
            "organisations.csv",
            WORDS,
            &SPEC,
            &[
                Column::sorts("Name", "name"),
                Column::plain("Phone"),
                Column::plain("E-mail"),
                Column::plain("Website"),
                Column::plain("Portal URL"),
                Column::csv_only("Portal colour"),
            ],
        )
    },
    views: &[],
};

const WORDS: Words = Words::new(
    "organisation",
    "organisations",
    "Organisation",
    "Organisations",
);

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
        Field::text("portal_title", "Portal title", NAME),
    ],
};

/// Reads and writes `halo`'s `Organisation` records.
#[cfg(feature = "ssr")]
pub struct Store;

#[cfg(feature = "ssr")]
impl super::server::Store for Store {
    super::server::kept_in!(halo::entity::OrganisationEntity, organisations);

    /// The organisation, then the name of its linked client: sequential on purpose, the client's id is
    /// only known once the organisation has arrived. A failed client lookup leaves the link with a
    /// numbered name rather than failing the page.
    async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<crate::components::detail::Detail, crate::errors::AppError> {
        let q = halo::query::DetailQuery::new().includedetails(true);
        let org = super::server::read::<Self>(halo, id, &q).await?;
        let linked = match org.linked_client_id.filter(|c| *c > 0) {
            None => None,
            Some(cid) => {
                let (clients, q) = (halo.clients(), halo::query::ClientDetailQuery::new());
                let name = Box::pin(clients.get(cid, &q))
                    .await
                    .ok()
                    .and_then(|c| c.name);
                Some((cid, super::server::name_or(name.as_deref(), "Client", cid)))
            }
        };
        Ok(detail::page(&org, id, linked))
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

/// The organisation's page, from its record.
#[cfg(feature = "ssr")]
mod detail {
    use crate::components::detail::{Block, Detail, Fact, Section, Value};
    use crate::components::list::cells::{is_css_colour, Cell};
    use crate::entities::read::{address_text, text};
    use crate::entities::EntityKind;
    use halo::models::Organisation;

    /// Longest logo text shown (data URIs can be megabytes).
    const MAX_LOGO_TEXT: usize = 80;

    /// A logo setting: an http(s) address becomes a picture, anything else shortened text.
    pub fn logo(v: &Option<String>, alt: String) -> Option<Value> {
        let v = text(v)?;
        let lower = v.to_ascii_lowercase();
        if (lower.starts_with("https://") || lower.starts_with("http://"))
            && !v.chars().any(char::is_whitespace)
        {
            Some(Value::Image { src: v, alt })
        } else if v.chars().count() > MAX_LOGO_TEXT {
            let short: String = v.chars().take(MAX_LOGO_TEXT).collect();
            Some(Value::Cell(Cell::Text(format!("{short}…"))))
        } else {
            Some(Value::Cell(Cell::Text(v)))
        }
    }

    fn shown(label: &str, value: Option<Value>) -> Fact {
        Fact {
            label: label.into(),
            value: value.unwrap_or(Value::Cell(Cell::Empty)),
            testid: None,
        }
    }

    pub fn page(o: &Organisation, id: i32, linked: Option<(i32, String)>) -> Detail {
        let name = crate::entities::server::name_or(o.name.as_deref(), "Organisation", id);
        let address = o.address.as_ref().map(address_text);
        let linked = linked.map(|(id, text)| Cell::Ref {
            kind: EntityKind::Clients,
            id,
            text,
        });
        let contact = vec![
            Fact::text("Phone", o.phone.as_deref()),
            Fact::text("Fax", o.fax.as_deref()),
            Fact::text("E-mail", o.email.as_deref()),
            Fact::text("Reply address", o.reply_address.as_deref()),
            Fact::text("Address", address.as_deref()),
            Fact::text("Tax number", o.tax_number.as_deref()),
            Fact::new("Website", Cell::web(o.website.as_deref())),
            Fact::new("Linked client", linked.unwrap_or(Cell::Empty)).testid("org-client"),
        ];
        let colour = text(&o.portalcolour);
        let portal = vec![
            Fact::text("Portal title", o.portal_title.as_deref()),
            Fact::new("Portal URL", Cell::web(o.portalurl.as_deref())),
            shown("Portal colour", colour.clone().map(Value::Colour)),
            shown("Logo", logo(&o.logo, format!("{name} logo"))),
            shown(
                "Portal logo",
                logo(&o.portal_logo, format!("{name} portal logo")),
            ),
        ];
        let bank: Vec<String> = [
            &o.bank_details_line_1,
            &o.bank_details_line_2,
            &o.bank_details_line_3,
            &o.bank_details_line_4,
            &o.bank_details_line_5,
        ]
        .into_iter()
        .filter_map(text)
        .collect();
        Detail {
            id,
            name,
            swatch: colour.filter(|c| is_css_colour(c)),
            badges: vec![],
            crumbs: vec![],
            actions: vec![],
            sections: vec![
                Section::new("contact", "Contact details", vec![Block::Facts(contact)]),
                Section::new("portal", "Portal branding", vec![Block::Facts(portal)]),
                Section::new(
                    "bank",
                    "Bank details",
                    vec![Block::lines(bank, "No bank details.", "bank-details")],
                ),
            ],
            halo_link: None,
            stale: None,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use halo::models::AddressStore;

        #[test]
        fn only_http_logos_become_pictures() {
            let alt = || "Acme logo".to_string();
            let picture = |src: &str| {
                Some(Value::Image {
                    src: src.into(),
                    alt: alt(),
                })
            };
            let text = |t: &str| Some(Value::Cell(Cell::Text(t.into())));
            let url = "https://cdn.example/logo.png";
            assert_eq!(logo(&Some(url.into()), alt()), picture(url));
            let upper = "HTTP://cdn.example/l.png";
            assert_eq!(logo(&Some(upper.into()), alt()), picture(upper));
            let js = "javascript:alert(1)";
            assert_eq!(logo(&Some(js.into()), alt()), text(js));
            let spaced = "https://x.example/a b.png";
            assert_eq!(logo(&Some(spaced.into()), alt()), text(spaced));
            assert_eq!(logo(&Some("  ".into()), alt()), None);
            let data_uri = format!("data:image/png;base64,{}", "A".repeat(500));
            let Some(Value::Cell(Cell::Text(t))) = logo(&Some(data_uri), alt()) else {
                panic!("a long data URI is shortened text");
            };
            assert_eq!(t.chars().count(), MAX_LOGO_TEXT + 1);
            assert!(t.starts_with("data:image/png") && t.ends_with('…'));
        }

        #[test]
        fn detail_collects_bank_lines_address_and_link() {
            let o = Organisation {
                id: 2,
                name: Some("Northbeam IT Inc.".into()),
                bank_details_line_1: Some("Northbeam Bank plc".into()),
                bank_details_line_3: Some("Sort code 00-00-00".into()),
                bank_details_line_4: Some("  ".into()),
                address: Some(AddressStore {
                    line1: Some("1 Main St".into()),
                    postcode: Some("10001".into()),
                    ..Default::default()
                }),
                portalcolour: Some("#0e7a55".into()),
                ..Default::default()
            };
            let d = page(&o, 2, Some((5, "Acme".into())));
            let Some(Block::Items { items, .. }) = d.section("bank").map(|s| &s.blocks[0]) else {
                panic!("a bank details list");
            };
            let lines: Vec<_> = items.iter().map(|i| i.cell.clone()).collect();
            assert_eq!(
                lines,
                vec![
                    Cell::Text("Northbeam Bank plc".into()),
                    Cell::Text("Sort code 00-00-00".into())
                ]
            );
            assert_eq!(
                d.fact("Address"),
                Some(&Value::Cell(Cell::Text("1 Main St, 10001".into())))
            );
            assert_eq!(
                d.fact("Portal colour"),
                Some(&Value::Colour("#0e7a55".into()))
            );
            assert_eq!(d.swatch.as_deref(), Some("#0e7a55"));
            assert!(matches!(
                d.fact("Linked client"),
                Some(Value::Cell(Cell::Ref { id: 5, .. }))
            ));
            assert_eq!(d.fact("Logo"), None);
        }
    }
}

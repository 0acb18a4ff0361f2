//! Companies (HaloPSA's suppliers, `/Supplier`; "supplier" stays in URLs, file names and API names,
//! people read "company"): the descriptor, its form, and how its records are read and written.

use super::{Entity, EntityKind, ListView, Words};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME, NOTES};
use crate::params::{FilterKind, ListSpec};

/// `/suppliers` (Companies).
pub const SPEC: ListSpec = ListSpec {
    sorts: &[
        ("name", "name"),
        ("toplevel", "toplevel_name"),
        ("contracts", "contract_count"),
        ("id", "id"),
    ],
    has_status: true,
    filters: &[FilterKind::TopLevel],
};

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Suppliers,
    path: "suppliers",
    words: WORDS,
    form: &FORM,
    list: ListView::of(
        "/suppliers",
        "suppliers.csv",
        WORDS,
        &SPEC,
        &[
            Column::sorts("Name", "name"),
            Column::sorts("Top level", "toplevel"),
            Column::plain("Status"),
            Column::plain("Contact"),
            Column::plain("Phone"),
            Column::plain("E-mail"),
            Column::numeric("Contracts", "contracts"),
        ],
    ),
    views: &[],
};

const WORDS: Words = Words::new("company", "companies", "Company", "Companies");

/// Suppliers (HaloPSA "companies").
pub const FORM: FormSpec = FormSpec {
    singular: "company",
    path: "suppliers",
    fields: &[
        Field::new("name", "Name", Kind::Text, true, NAME),
        Field::text("contact_name", "Contact", NAME),
        Field::new("email_address", "E-mail", Kind::Email, false, LINE),
        Field::new(
            "support_email_address",
            "Support e-mail",
            Kind::Email,
            false,
            LINE,
        ),
        Field::new(
            "ordering_email_address",
            "Ordering e-mail",
            Kind::Email,
            false,
            LINE,
        ),
        Field::new("phone_number", "Phone", Kind::Phone, false, 30),
        Field::new("mobile", "Mobile", Kind::Phone, false, 30),
        Field::new("website", "Website", Kind::Url, false, LINE),
        Field::new("notes", "Notes", Kind::LongText, false, NOTES),
        Field::new("inactive", "Inactive", Kind::Flag, false, 5),
    ],
};

/// Reads and writes `halo`'s `Supplier` records.
#[cfg(feature = "ssr")]
pub struct Store;

#[cfg(feature = "ssr")]
impl super::server::Store for Store {
    super::server::kept_in!(halo::entity::SupplierEntity, suppliers);

    const CONTACTS: &'static [crate::health::compare::Contact] = {
        use crate::health::compare::Contact;
        &[
            Contact::email(&[
                "emaildomain",
                "email_address",
                "support_email_address",
                "ordering_email_address",
            ]),
            Contact::phone(&["phone_number", "phone_number_2", "phone_number_3"]),
            Contact::web(&["website"]),
        ]
    };

    /// The company with its CRM notes, read at once.
    async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<crate::components::detail::Detail, crate::errors::AppError> {
        let (suppliers, notes) = (halo.suppliers(), halo.crm_notes());
        let supplier_q = halo::query::DetailQuery::new().includedetails(true);
        let notes_q = halo::query::CrmNoteQuery::new().supplier_id(id);
        let (supplier, notes) = Box::pin(async {
            futures::join!(suppliers.get(id, &supplier_q), notes.list(&notes_q))
        })
        .await;
        let supplier = supplier.map_err(|e| super::server::record_error::<Self>(e, id))?;
        let notes = notes.map(|p| p.items).map_err(Into::into);
        Ok(detail::page(&supplier, id, notes))
    }

    fn row(s: &halo::models::SupplierSummary) -> crate::components::list::cells::Row {
        use crate::components::list::cells::{Cell, Row};
        let phone = s.phone_number.as_deref().filter(|p| !p.trim().is_empty());
        Row {
            id: s.id,
            name: super::server::name_or(s.name.as_deref(), "Company", s.id),
            inactive: Some(s.inactive.unwrap_or(false)),
            swatch: None,
            cells: vec![
                Cell::Name,
                Cell::text(s.toplevel_name.as_deref()),
                Cell::Status,
                Cell::text(s.contact_name.as_deref()),
                Cell::text(phone.or(s.mobile.as_deref())),
                Cell::text(s.email_address.as_deref()),
                Cell::num(s.contract_count),
            ],
        }
    }

    fn walk(
        halo: &halo::client::HaloClient,
        params: &crate::params::ListParams,
    ) -> Option<super::server::Records<Self>> {
        super::server::walk::<Self>(halo, params)
    }

    fn list_query(p: &crate::params::ListParams) -> halo::query::SupplierQuery {
        let mut q = super::server::page_query!(halo::query::SupplierQuery, SPEC, p, status);
        if let Some(t) = p.toplevel_id {
            q = q.toplevel_id(t);
        }
        q
    }
}

/// The company's page, from its record.
#[cfg(feature = "ssr")]
mod detail {
    use crate::components::detail::{status_badge, text_block, Block, Detail, Fact, Section};
    use crate::components::list::cells::Cell;
    use crate::errors::AppError;
    use crate::functions::notes::ssr::crm_view;
    use halo::models::{CrmNote, Supplier};

    pub fn page(s: &Supplier, id: i32, notes: Result<Vec<CrmNote>, AppError>) -> Detail {
        let facts = vec![
            Fact::text("Top level", s.toplevel_name.as_deref()),
            Fact::text("Contact", s.contact_name.as_deref()),
            Fact::text("Contact title", s.contact_title.as_deref()),
            Fact::text("E-mail", s.email_address.as_deref()),
            Fact::text("Support e-mail", s.support_email_address.as_deref()),
            Fact::text("Ordering e-mail", s.ordering_email_address.as_deref()),
            Fact::text("Phone", s.phone_number.as_deref()),
            Fact::text("Phone 2", s.phone_number_2.as_deref()),
            Fact::text("Phone 3", s.phone_number_3.as_deref()),
            Fact::text("Mobile", s.mobile.as_deref()),
            Fact::text("Fax", s.fax.as_deref()),
            Fact::text("Address", s.address.as_deref()),
            Fact::text("E-mail domain", s.emaildomain.as_deref()),
            Fact::new("Contracts", Cell::num(s.contract_count)),
            Fact::new("Website", Cell::web(s.website.as_deref())),
        ];
        let mut key = vec![Block::Facts(facts)];
        key.extend(text_block("Notes", s.notes.as_deref()));
        let detail = Detail {
            id,
            name: crate::entities::server::name_or(s.name.as_deref(), "Company", id),
            swatch: None,
            badges: vec![status_badge(s.inactive.unwrap_or(false))],
            crumbs: vec![],
            actions: vec![],
            sections: vec![
                Section::key_facts(key),
                Section::new(
                    "crm",
                    "CRM notes",
                    vec![Block::CrmNotes(
                        notes.map(|v| v.into_iter().map(crm_view).collect()),
                    )],
                ),
            ],
            halo_link: crate::functions::ssr::halo_web_link(&format!("suppliers?supplierid={id}")),
            stale: None,
        };
        crate::entities::read::with_custom_fields(detail, s.customfields.as_deref())
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::components::detail::Value;

        #[test]
        fn detail_keeps_only_the_contact_details_that_are_there() {
            let s = Supplier {
                id: 7,
                name: Some("  ".into()),
                email_address: Some("sales@acme.example".into()),
                support_email_address: Some(" ".into()),
                ordering_email_address: Some("orders@acme.example".into()),
                phone_number: None,
                phone_number_2: Some("0207 946 0000".into()),
                fax: Some("0207 946 0001".into()),
                notes: Some("\n".into()),
                inactive: Some(true),
                ..Default::default()
            };
            let d = page(&s, 7, Ok(vec![]));
            assert_eq!(d.name, "Company 7");
            assert_eq!(d.badges[0].text, "Inactive");
            let shown = |label| matches!(d.fact(label), Some(Value::Cell(Cell::Text(_))));
            assert!(
                shown("E-mail") && shown("Ordering e-mail") && shown("Phone 2") && shown("Fax")
            );
            assert!(!shown("Support e-mail") && !shown("Phone"));
            let notes = d.sections[0].blocks.len();
            assert_eq!(notes, 1, "a blank note is no notes paragraph");
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::components::list::cells::Cell;
    use crate::entities::server::Store as _;
    use crate::params::{ListParams, StatusFilter};

    #[test]
    fn list_query_carries_search_status_top_level_sort_and_paging() {
        let parsed = ListParams::from_query(
            &SPEC,
            "q=acme&status=inactive&toplevel_id=4&sort=contracts&desc=true&page=3&per_page=25",
        )
        .unwrap();
        let q = Store::list_query(&parsed.params);
        assert_eq!(q.search.as_deref(), Some("acme"));
        assert_eq!(
            (q.includeactive, q.includeinactive),
            (Some(false), Some(true))
        );
        assert_eq!(q.toplevel_id, Some(4));
        assert_eq!(q.order.as_deref(), Some("contract_count"));
        assert_eq!(q.orderdesc, Some(true));
        assert_eq!(
            (q.pageinate, q.page_no, q.page_size),
            (Some(true), Some(3), Some(25))
        );
        let mut p = parsed.params;
        p.status = StatusFilter::All;
        let q = Store::list_query(&p);
        assert_eq!(
            (q.includeactive, q.includeinactive),
            (Some(true), Some(true))
        );
    }

    #[test]
    fn row_falls_back_to_mobile_and_a_numbered_name() {
        let r = Store::row(&halo::models::SupplierSummary {
            id: 3,
            mobile: Some("07700 900000".into()),
            phone_number: Some("  ".into()),
            ..Default::default()
        });
        assert_eq!(r.name, "Company 3");
        assert_eq!(r.cells[4], Cell::Text("07700 900000".into()));
        assert_eq!(r.inactive, Some(false));
    }
}

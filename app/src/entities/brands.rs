//! A sixth entity that exists only in tests: "brands", kept in HaloPSA's organisations. It is what
//! `docs/ARCHITECTURE.md` tells a person adding an entity to write — this file and one registry line — and
//! its tests render its list, record and form pages on the server without any other change.

use super::organisations::SPEC as ORGANISATIONS;
use super::{Entity, EntityKind, ListView, Words};
use crate::components::detail::{Block, Detail, Fact, Section};
use crate::components::list::cells::{Cell, Row};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, NAME};

const WORDS: Words = Words::new("brand", "brands", "Brand", "Brands");

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Brands,
    path: "brands",
    words: WORDS,
    form: &FORM,
    list: ListView {
        whole: true,
        ..ListView::of(
            "/brands",
            "brands.csv",
            WORDS,
            &ORGANISATIONS,
            &[
                Column::sorts("Name", "name"),
                Column::plain("Phone"),
                Column::plain("Website"),
            ],
        )
    },
    views: &[],
};

/// Brands.
pub const FORM: FormSpec = FormSpec {
    singular: "brand",
    path: "brands",
    fields: &[
        Field::new("name", "Name", Kind::Text, true, NAME),
        Field::new("phone", "Phone", Kind::Phone, false, 30),
    ],
};

/// Brands are organisations underneath.
pub struct Store;

impl super::server::Store for Store {
    super::server::kept_in!(halo::entity::OrganisationEntity, organisations);

    fn row(o: &halo::models::Organisation) -> Row {
        Row {
            id: o.id,
            name: super::server::name_or(o.name.as_deref(), "Brand", o.id),
            inactive: None,
            swatch: None,
            cells: vec![
                Cell::Name,
                Cell::text(o.phone.as_deref()),
                Cell::web(o.website.as_deref()),
            ],
        }
    }

    async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<Detail, crate::errors::AppError> {
        let q = halo::query::DetailQuery::new();
        let o = super::server::read::<Self>(halo, id, &q).await?;
        Ok(page(&o))
    }
}

/// The brand's page.
fn page(o: &halo::models::Organisation) -> Detail {
    Detail {
        id: o.id,
        name: super::server::name_or(o.name.as_deref(), "Brand", o.id),
        swatch: None,
        badges: vec![],
        crumbs: vec![],
        actions: vec![],
        sections: vec![Section::key_facts(vec![Block::Facts(vec![Fact::text(
            "Phone",
            o.phone.as_deref(),
        )])])],
        halo_link: None,
        stale: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::list::ListPage;
    use crate::entities::server::Store as _;
    use crate::functions::forms::FormData;
    use crate::params::{ListParams, Parsed};
    use leptos::prelude::*;

    fn brand() -> halo::models::Organisation {
        halo::models::Organisation {
            id: 3,
            name: Some("Northwind".into()),
            phone: Some("0100 000 000".into()),
            website: Some("https://northwind.example".into()),
            ..Default::default()
        }
    }

    /// Server-side HTML of `view`, rendered the way a page is; it must hold each of `expected`.
    fn renders(view: impl FnOnce() -> AnyView, expected: &[&str]) {
        let out = Owner::new().with(|| view().to_html());
        for e in expected {
            assert!(out.contains(e), "{e} in {out}");
        }
    }

    #[test]
    fn the_sixth_entity_is_registered_and_routed_like_the_others() {
        assert_eq!(EntityKind::Brands.entity().path, "brands");
        assert!(crate::entities::ALL
            .iter()
            .any(|e| e.kind == EntityKind::Brands));
        assert_eq!(
            crate::entities::export_of("brands.csv").map(|(k, _)| k),
            Some(EntityKind::Brands)
        );
        let wire = serde_json::to_value(EntityKind::Brands).unwrap();
        assert_eq!(wire, "brands");
    }

    #[test]
    fn its_list_page_renders_from_the_descriptor() {
        let parsed = Parsed {
            params: ListParams::defaults(&ORGANISATIONS),
            notices: vec![],
        };
        let rows = vec![Store::row(&brand())];
        let page: ListPage<Row> = crate::functions::local_list::page_of(
            rows,
            parsed,
            |r, _| r.name.clone(),
            |r| r.name.clone(),
        );
        renders(
            || crate::components::list::table::list_table(&page, &ENTITY, &ENTITY.list),
            &[
                "brands 1–1 of 1",
                ">Phone<",
                "href=\"/brands/3\"",
                ">Northwind<",
                "https://northwind.example",
            ],
        );
    }

    #[test]
    #[cfg(feature = "ssr")] // the record page is drawn on the server only
    fn its_record_page_renders_from_the_descriptor() {
        renders(
            || {
                leptos::tachys::html::InertElement::new(
                    crate::pages::detail::detail_html(&ENTITY, page(&brand()), "/brands/3")
                        .into_string(),
                )
                .into_any()
            },
            &[
                "href=\"/brands\">Brands<",
                ">Northwind</h1>",
                "href=\"/brands/3/edit\"",
                "0100 000 000",
            ],
        );
    }

    #[test]
    fn its_form_page_renders_from_the_descriptor() {
        let data = FormData {
            id: None,
            name: String::new(),
            values: Default::default(),
            custom: Vec::new(),
            fingerprint: String::new(),
            options: Default::default(),
            outcome: None,
        };
        renders(
            || crate::components::record_form::form_page(&ENTITY, data, None, |body| body),
            &[
                "New brand",
                "href=\"/brands\">Brands<",
                "name=\"fields[name]\"",
                ">Phone<",
            ],
        );
    }
}

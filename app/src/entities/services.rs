//! Service subscriptions (ServSite, `/Service`): the descriptor, its form, and how its records are read
//! and written.

use super::{Entity, EntityKind, ListView, Words};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, NAME, NOTES};
use crate::params::lists::SERVICES;
use leptos::prelude::*;

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Services,
    path: "services",
    words: WORDS,
    form: &FORM,
    list: ListView {
        path: "",
        href: "/services",
        export: "services.csv",
        words: WORDS,
        spec: &SERVICES,
        columns: &[
            Column::sorts("Name", "name"),
            Column::sorts("Category", "category"),
            Column::plain("Status code"),
            Column::plain("Business owner"),
            Column::numeric("Subscribers", "subscribers"),
        ],
        whole: false,
        creates: true,
        links: &[],
    },
    detail_page: || view! { <crate::routes::services::detail::ServiceDetailPage/> }.into_any(),
    views: &[],
};

const WORDS: Words = Words {
    one: "service",
    many: "services",
    one_title: "Service",
    many_title: "Services",
};

/// Services.
pub const FORM: FormSpec = FormSpec {
    singular: "service",
    path: "services",
    fields: &[
        Field::new("name", "Name", Kind::Text, true, NAME),
        Field::new(
            "service_category_id",
            "Category",
            Kind::ServiceCategory,
            false,
            12,
        ),
        Field::new("summary", "Summary", Kind::LongText, false, NOTES),
        Field::new("current_status", "Status", Kind::ServiceStatus, false, 12),
    ],
};

/// Reads and writes `halo`'s `Service` records.
#[cfg(feature = "ssr")]
pub struct Store;

#[cfg(feature = "ssr")]
impl super::server::Store for Store {
    type Halo = halo::entity::ServiceEntity;

    fn entity() -> &'static Entity {
        &ENTITY
    }

    fn resource(halo: &halo::client::HaloClient) -> halo::client::Resource<Self::Halo> {
        halo.services()
    }

    /// Services have no status in HaloPSA; the category links to the list filtered by it.
    fn row(s: &halo::models::ServiceSummary) -> crate::components::list::cells::Row {
        use crate::components::list::cells::{Cell, Row};
        let category = s
            .service_category_id
            .filter(|c| *c > 0)
            .map(|c| Cell::Link {
                href: format!("/services?category_id={c}"),
                text: super::server::name_or(s.service_category_name.as_deref(), "Category", c),
            });
        Row {
            id: s.id,
            name: super::server::name_or(s.name.as_deref(), "Service", s.id),
            inactive: None,
            swatch: None,
            cells: vec![
                Cell::Name,
                category.unwrap_or(Cell::Empty),
                Cell::num(s.current_status),
                Cell::text(s.business_owner_name.as_deref()),
                Cell::num(s.subscriber_count),
            ],
        }
    }

    fn walk(
        halo: &halo::client::HaloClient,
        params: &crate::params::ListParams,
    ) -> Option<super::server::Records<Self>> {
        super::server::walk::<Self>(halo, params)
    }

    fn list_query(p: &crate::params::ListParams) -> halo::query::ServiceQuery {
        let mut q = halo::query::ServiceQuery::new()
            .pageinate(true)
            .page_no(p.page as i32)
            .page_size(p.per_page as i32)
            .order(SERVICES.sort_field(&p.sort).unwrap_or("name"))
            .orderdesc(p.desc);
        if let Some(s) = &p.q {
            q = q.search(s.clone());
        }
        if let Some(c) = p.category_id {
            q = q.service_category_id(c);
        }
        q
    }

    /// A service takes its subscriptions with it.
    fn dependents_in(loaded: &crate::functions::form_ssr::Loaded) -> Option<String> {
        let n = loaded.json.get("subscriber_count")?.as_i64()?;
        Some(super::server::counted(n, "subscriber", "subscribers"))
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::components::list::cells::Cell;
    use crate::entities::server::Store as _;
    use crate::params::ListParams;

    #[test]
    fn list_query_carries_search_category_sort_and_paging_but_no_status() {
        let parsed = ListParams::from_query(
            &SERVICES,
            "q=mail&category_id=3&sort=subscribers&desc=1&page=2&status=inactive",
        )
        .unwrap();
        let q = Store::list_query(&parsed.params);
        assert_eq!(q.search.as_deref(), Some("mail"));
        assert_eq!(q.service_category_id, Some(3));
        assert_eq!(q.order.as_deref(), Some("subscriber_count"));
        assert_eq!(q.orderdesc, Some(true));
        assert_eq!(
            (q.pageinate, q.page_no, q.page_size),
            (Some(true), Some(2), Some(50))
        );
        // the query type has no active/inactive fields; the serialised query must not carry a status
        let sent = serde_json::to_value(&q).unwrap();
        assert!(sent.get("includeinactive").is_none() && sent.get("status").is_none());
    }

    #[test]
    fn the_category_cell_links_to_the_list_filtered_by_it() {
        let r = Store::row(&halo::models::ServiceSummary {
            id: 5,
            service_category_id: Some(2),
            ..Default::default()
        });
        assert_eq!(
            r.cells[1],
            Cell::Link {
                href: "/services?category_id=2".into(),
                text: "Category 2".into()
            }
        );
        assert_eq!(r.inactive, None, "services have no status");
    }
}

//! Service subscriptions (ServSite, `/Service`): the descriptor, its form, and how its records are read
//! and written.

use super::{Entity, EntityKind, ListView, Words};
use crate::components::list::sort_header::Column;
use crate::forms::spec::{Field, FormSpec, Kind, NAME, NOTES};
use crate::params::{FilterKind, ListSpec};

/// `/services`: Halo has no status filter for services.
pub const SPEC: ListSpec = ListSpec {
    sorts: &[
        ("name", "name"),
        ("category", "service_category_name"),
        ("subscribers", "subscriber_count"),
        ("id", "id"),
    ],
    has_status: false,
    filters: &[FilterKind::Category],
};

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Services,
    path: "services",
    words: WORDS,
    form: &FORM,
    list: ListView::of(
        "/services",
        "services.csv",
        WORDS,
        &SPEC,
        &[
            Column::sorts("Name", "name"),
            Column::sorts("Category", "category"),
            Column::plain("Status code"),
            Column::plain("Business owner"),
            Column::numeric("Subscribers", "subscribers"),
        ],
    ),
    views: &[],
};

const WORDS: Words = Words::new("service", "services", "Service", "Services");

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
    super::server::kept_in!(halo::entity::ServiceEntity, services);

    /// The service with its subscribers (they come with the record).
    async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<crate::components::detail::Detail, crate::errors::AppError> {
        let q = halo::query::ServiceDetailQuery::new().includedetails(true);
        let service = super::server::read::<Self>(halo, id, &q).await?;
        Ok(detail::page(&service, id))
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
        let mut q = super::server::page_query!(halo::query::ServiceQuery, SPEC, p);
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

/// The service's page, from its record.
#[cfg(feature = "ssr")]
mod detail {
    use crate::components::detail::{
        text_block, Action, Badge, Block, Detail, Fact, Item, Section,
    };
    use crate::components::list::cells::Cell;
    use crate::entities::read::text;
    use crate::entities::EntityKind;
    use crate::functions::notes::ssr::when;
    use halo::models::Service;
    use serde_json::Value;

    /// The subscribers HaloPSA lists in the record's untyped `subscribers` array: clients and sites link
    /// to their pages; the note says what kind of subscriber it is and whether it gets e-mail updates.
    pub fn subscribers(v: Option<&Value>) -> Vec<Item> {
        let Some(Value::Array(items)) = v else {
            return vec![];
        };
        items.iter().filter_map(subscriber).collect()
    }

    fn subscriber(item: &Value) -> Option<Item> {
        let field = |k: &str| {
            item.get(k)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let id = item
            .get("data_id")
            .and_then(Value::as_i64)
            .and_then(|i| i32::try_from(i).ok())
            .filter(|i| *i > 0);
        let kind = field("type");
        let name = field("data_name").or_else(|| id.map(|i| format!("#{i}")))?;
        let linked = match (kind.as_deref().map(str::to_ascii_lowercase).as_deref(), id) {
            (Some("client"), Some(i)) => Some((EntityKind::Clients, i)),
            (Some("site"), Some(i)) => Some((EntityKind::Sites, i)),
            _ => None,
        };
        let cell = match linked {
            Some((kind, id)) => Cell::Ref {
                kind,
                id,
                text: name,
            },
            None => Cell::Text(name),
        };
        let mut note: Vec<String> = kind.into_iter().map(|k| format!("({k})")).collect();
        if item.get("emailupdates").and_then(Value::as_bool) == Some(true) {
            note.push("· e-mail updates".into());
        }
        Some(Item {
            cell,
            note: (!note.is_empty()).then(|| note.join(" ")),
        })
    }

    /// A cost with two decimals; nothing for a value that is not a number.
    pub fn cost(c: Option<f64>) -> Option<String> {
        c.filter(|c| c.is_finite()).map(|c| format!("{c:.2}"))
    }

    fn facts(s: &Service, name: &str) -> Vec<Fact> {
        let category = s
            .service_category_id
            .filter(|c| *c > 0)
            .map(|c| Cell::Link {
                href: format!("/services?category_id={c}"),
                text: crate::entities::server::name_or(
                    s.service_category_name.as_deref(),
                    "Category",
                    c,
                ),
            });
        let display = text(&s.display_name).filter(|d| d != name);
        let yes_no = s.subscribable.map(|b| if b { "Yes" } else { "No" });
        vec![
            Fact::new("Category", category.unwrap_or(Cell::Empty)),
            Fact::text("Display name", display.as_deref()),
            Fact::new("Status code", Cell::num(s.current_status)),
            Fact::text("Status message", s.status_message_update_public.as_deref()),
            Fact::text("Status since", when(&s.status_date).as_deref()),
            Fact::text("Business owner", s.business_owner_name.as_deref()),
            Fact::text("Technical owner", s.technical_owner_name.as_deref()),
            Fact::text("Cost", cost(s.cost).as_deref()),
            Fact::text("Subscribable", yes_no),
            Fact::new("Subscribers", Cell::num(s.subscriber_count)),
            Fact::new("Service URL", Cell::web(s.service_url.as_deref())),
            Fact::new("Incident URL", Cell::web(s.incident_url.as_deref())),
            Fact::new("Link", Cell::web(s.link.as_deref())),
        ]
    }

    pub fn page(s: &Service, id: i32) -> Detail {
        let name = crate::entities::server::name_or(s.name.as_deref(), "Service", id);
        let mut key = vec![Block::Facts(facts(s, &name))];
        key.extend(text_block("Summary", s.summary.as_deref()));
        key.extend(text_block("Description", s.note.as_deref()));
        let subs = subscribers(s.extra.get("subscribers"));
        let listed = subs.len();
        let count = s.subscriber_count.map_or(listed, |c| c.max(0) as usize);
        let mut blocks = vec![Block::Items {
            items: subs,
            empty: "No subscribers listed.".into(),
            testid: "service-subscribers".into(),
        }];
        if count > listed && listed > 0 {
            blocks.push(Block::Remark(format!(
                "HaloPSA listed {listed} of {count}."
            )));
        }
        let crumbs = s.service_category_id.filter(|c| *c > 0).map(|c| {
            let text =
                crate::entities::server::name_or(s.service_category_name.as_deref(), "Category", c);
            (format!("/services?category_id={c}"), text)
        });
        let badge = s.current_status.map(|c| Badge {
            text: format!("Status code {c}"),
            tone: None,
            title: Some("HaloPSA gives this status only as a number".into()),
        });
        let detail = Detail {
            id,
            name,
            swatch: None,
            badges: badge.into_iter().collect(),
            crumbs: crumbs.into_iter().collect(),
            actions: vec![Action::Unsubscribe],
            sections: vec![
                Section::key_facts(key),
                Section {
                    count: Some(count as u64),
                    ..Section::new("subs", "Subscribers", blocks)
                },
            ],
            halo_link: None,
            stale: None,
        };
        crate::entities::read::with_custom_fields(detail, s.customfields.as_deref())
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::components::detail::Value as Shown;
        use serde_json::json;

        #[test]
        fn subscribers_are_read_from_the_untyped_array() {
            let v = json!([
                {"data_id": 4, "data_name": "Acme Ltd", "type": "client", "emailupdates": true},
                {"data_id": 9, "data_name": "Sam Agent", "type": "agent"},
                {"data_id": 12, "type": "Site"},
                {"data_name": "  "},
                "not an object",
            ]);
            let subs = subscribers(Some(&v));
            assert_eq!(subs.len(), 3);
            assert_eq!(
                subs[0],
                Item {
                    cell: Cell::Ref {
                        kind: EntityKind::Clients,
                        id: 4,
                        text: "Acme Ltd".into()
                    },
                    note: Some("(client) · e-mail updates".into()),
                }
            );
            assert_eq!(subs[1].cell, Cell::Text("Sam Agent".into()));
            assert_eq!(
                subs[2].cell,
                Cell::Ref {
                    kind: EntityKind::Sites,
                    id: 12,
                    text: "#12".into()
                }
            );
            assert!(subscribers(Some(&json!({"a": 1}))).is_empty());
            assert!(subscribers(None).is_empty());
        }

        #[test]
        fn cost_has_two_decimals_and_ignores_nonsense() {
            assert_eq!(cost(Some(12.5)), Some("12.50".to_string()));
            assert_eq!(cost(Some(f64::NAN)), None);
            assert_eq!(cost(None), None);
        }

        #[test]
        fn detail_reads_subscribers_links_and_status_from_the_record() {
            let s: Service = serde_json::from_value(json!({
                "id": 6, "name": "Email", "display_name": "Email", "current_status": 3,
                "status_message_update_public": "A partial outage is affecting some sites.",
                "service_category_id": 2, "service_category_name": "Communication",
                "cost": 4.0, "service_url": "https://status.example/email", "incident_url": "  ",
                "subscribers": [{"data_id": 1, "data_name": "Acme", "type": "client"}]
            }))
            .unwrap();
            let d = page(&s, 6);
            assert_eq!(d.fact("Display name"), None, "the same as the name");
            assert_eq!(d.fact("Status code"), Some(&Shown::Cell(Cell::Num(3))));
            assert_eq!(d.crumbs[0].1, "Communication");
            assert_eq!(
                d.fact("Cost"),
                Some(&Shown::Cell(Cell::Text("4.00".into())))
            );
            assert!(d.fact("Service URL").is_some() && d.fact("Incident URL").is_none());
            assert_eq!(d.section("subs").and_then(|s| s.count), Some(1));
        }
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
            &SPEC,
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

//! Service subscriptions (ServSite, `/Service`): the descriptor, its form, and how its records are read
//! and written.

use super::{Entity, EntityKind, Words};
use crate::forms::spec::{Field, FormSpec, Kind, NAME, NOTES};
use leptos::prelude::*;

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Services,
    path: "services",
    words: Words {
        one: "service",
        many: "services",
        one_title: "Service",
        many_title: "Services",
    },
    form: &FORM,
    list_page: || view! { <crate::routes::services::list::ServiceListPage/> }.into_any(),
    detail_page: || view! { <crate::routes::services::detail::ServiceDetailPage/> }.into_any(),
    views: &[],
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

    /// A service takes its subscriptions with it.
    fn dependents_in(loaded: &crate::functions::form_ssr::Loaded) -> Option<String> {
        let n = loaded.json.get("subscriber_count")?.as_i64()?;
        Some(super::server::counted(n, "subscriber", "subscribers"))
    }
}

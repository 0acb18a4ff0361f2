//! Companies (HaloPSA's suppliers, `/Supplier`; "supplier" stays in URLs, file names and API names,
//! people read "company"): the descriptor, its form, and how its records are read and written.

use super::{Entity, EntityKind, Words};
use crate::forms::spec::{Field, FormSpec, Kind, LINE, NAME, NOTES};
use leptos::prelude::*;

/// The descriptor.
pub static ENTITY: Entity = Entity {
    kind: EntityKind::Suppliers,
    path: "suppliers",
    words: Words {
        one: "company",
        many: "companies",
        one_title: "Company",
        many_title: "Companies",
    },
    form: &FORM,
    list_page: || view! { <crate::routes::suppliers::list::SupplierListPage/> }.into_any(),
    detail_page: || view! { <crate::routes::suppliers::detail::SupplierDetailPage/> }.into_any(),
    views: &[],
};

/// Suppliers (HaloPSA "companies").
pub const FORM: FormSpec = FormSpec {
    singular: "company",
    path: "suppliers",
    fields: &[
        Field::new("name", "Name", Kind::Text, true, NAME),
        Field::new("contact_name", "Contact", Kind::Text, false, NAME),
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
    type Halo = halo::entity::SupplierEntity;

    fn entity() -> &'static Entity {
        &ENTITY
    }

    fn resource(halo: &halo::client::HaloClient) -> halo::client::Resource<Self::Halo> {
        halo.suppliers()
    }
}

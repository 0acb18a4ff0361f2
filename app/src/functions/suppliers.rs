//! Server functions for Suppliers, called Companies in HaloPSA (`/Supplier`).

use crate::errors::AppError;
use crate::functions::notes::CrmNoteView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the supplier detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplierDetail {
    pub id: i32,
    pub name: String,
    pub toplevel: Option<String>,
    pub inactive: bool,
    pub contact_name: Option<String>,
    pub contact_title: Option<String>,
    /// `(label, address)` of the e-mail addresses Halo has (main, support, ordering).
    pub emails: Vec<(String, String)>,
    /// `(label, number)` of the phone numbers Halo has (phone 1–3, mobile, fax).
    pub phones: Vec<(String, String)>,
    pub website: Option<String>,
    pub email_domain: Option<String>,
    pub contract_count: Option<i32>,
    pub address: Option<String>,
    pub notes: Option<String>,
    /// CRM notes filed against the supplier, or why they could not be loaded.
    pub crm_notes: Result<Vec<CrmNoteView>, AppError>,
    /// Opens the record in HaloPSA's own UI (tenant mode only).
    pub halo_link: Option<String>,
}

/// A supplier with its CRM notes (fetched concurrently).
#[server(endpoint = "get_supplier", input = server_fn::codec::GetUrl)]
pub async fn get_supplier(id: String) -> Result<SupplierDetail, AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, "Company")?;
    let halo = halo().map_err(with_status)?;
    ssr::detail(&halo, id).await.map_err(with_status)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::functions::notes::ssr::crm_view;
    use halo::models::Supplier;
    use halo::query::{CrmNoteQuery, DetailQuery};

    /// A text value, or nothing when it is missing or blank.
    fn text(v: &Option<String>) -> Option<String> {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    /// The labelled values that are present, in the given order.
    pub fn labelled(items: &[(&str, &Option<String>)]) -> Vec<(String, String)> {
        items
            .iter()
            .filter_map(|(label, v)| text(v).map(|v| (label.to_string(), v)))
            .collect()
    }

    /// The detail page's view of a supplier record (without the notes and the link).
    pub fn detail_view(s: &Supplier, id: i32) -> SupplierDetail {
        SupplierDetail {
            id,
            name: text(&s.name).unwrap_or_else(|| format!("Company {id}")),
            toplevel: text(&s.toplevel_name),
            inactive: s.inactive.unwrap_or(false),
            contact_name: text(&s.contact_name),
            contact_title: text(&s.contact_title),
            emails: labelled(&[
                ("E-mail", &s.email_address),
                ("Support e-mail", &s.support_email_address),
                ("Ordering e-mail", &s.ordering_email_address),
            ]),
            phones: labelled(&[
                ("Phone", &s.phone_number),
                ("Phone 2", &s.phone_number_2),
                ("Phone 3", &s.phone_number_3),
                ("Mobile", &s.mobile),
                ("Fax", &s.fax),
            ]),
            website: text(&s.website),
            email_domain: text(&s.emaildomain),
            contract_count: s.contract_count,
            address: text(&s.address),
            notes: text(&s.notes),
            crm_notes: Ok(vec![]),
            halo_link: None,
        }
    }

    pub async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<SupplierDetail, AppError> {
        let (suppliers, crm_notes) = (halo.suppliers(), halo.crm_notes());
        let supplier_q = DetailQuery::new().includedetails(true);
        let notes_q = CrmNoteQuery::new().supplier_id(id);
        let (supplier, notes) =
            futures::join!(suppliers.get(id, &supplier_q), crm_notes.list(&notes_q));
        let supplier: Supplier = supplier.map_err(|e| match e {
            halo::Error::NotFound => AppError::not_found(format!("Company {id}")),
            other => other.into(),
        })?;
        Ok(SupplierDetail {
            crm_notes: notes
                .map(|p| p.items.into_iter().map(crm_view).collect())
                .map_err(AppError::from),
            halo_link: super::super::ssr::halo_web_link(&format!("suppliers?supplierid={id}")),
            ..detail_view(&supplier, id)
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

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
            let d = detail_view(&s, 7);
            assert_eq!(d.name, "Company 7");
            assert!(d.inactive);
            assert_eq!(
                d.emails,
                vec![
                    ("E-mail".to_string(), "sales@acme.example".to_string()),
                    (
                        "Ordering e-mail".to_string(),
                        "orders@acme.example".to_string()
                    ),
                ]
            );
            assert_eq!(
                d.phones,
                vec![
                    ("Phone 2".to_string(), "0207 946 0000".to_string()),
                    ("Fax".to_string(), "0207 946 0001".to_string())
                ]
            );
            assert_eq!(d.notes, None);
        }
    }
}

//! Server functions for Sites (`/Site`) and stock bins (`/Site/StockBins`).

use crate::errors::AppError;
use crate::functions::notes::PopupNoteView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the site detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteDetail {
    pub id: i32,
    pub name: String,
    pub client: Option<(i32, String)>,
    pub inactive: bool,
    pub phone: Option<String>,
    pub timezone: Option<String>,
    pub email_domain: Option<String>,
    pub delivery_address: Option<String>,
    pub invoice_address: Option<String>,
    pub main_contact: Option<String>,
    pub open_tickets: Option<i32>,
    pub onhold_tickets: Option<i32>,
    pub total_tickets: Option<i32>,
    pub opened_this_month: Option<i32>,
    pub stock_location: bool,
    pub stock_bins: Vec<(i32, String)>,
    pub coordinates: Option<(f64, f64)>,
    pub notes: Option<String>,
    /// `(label, value)` of the contacts HaloPSA lists for the site.
    pub contacts: Vec<String>,
    pub maintenance_windows: Vec<String>,
    pub change_freezes: Vec<String>,
    pub custom_fields: Vec<(String, String)>,
    pub popup_notes: Result<Vec<PopupNoteView>, AppError>,
    pub halo_link: Option<String>,
}

/// A site with its popup notes (fetched concurrently).
#[server(endpoint = "get_site", input = server_fn::codec::GetUrl)]
pub async fn get_site(id: String) -> Result<SiteDetail, AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, "Site")?;
    let halo = halo().map_err(with_status)?;
    ssr::detail(&halo, id).await.map_err(with_status)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::functions::notes::ssr::popup_view;
    use halo::models::{AddressStore, Site};
    use halo::query::SiteDetailQuery;
    use serde_json::Value;

    /// An address on one line: its lines and postcode, comma-separated.
    pub fn address_text(a: &AddressStore) -> String {
        [&a.line1, &a.line2, &a.line3, &a.line4, &a.postcode]
            .iter()
            .filter_map(|l| l.as_deref())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn lines_text(lines: [&Option<String>; 5]) -> Option<String> {
        let text = lines
            .iter()
            .filter_map(|l| l.as_deref())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        (!text.is_empty()).then_some(text)
    }

    /// Short descriptions of the objects in an array field Halo sends (maintenance windows and the like).
    fn describe_array(v: Option<&Value>, keys: &[&str]) -> Vec<String> {
        let Some(Value::Array(items)) = v else {
            return vec![];
        };
        items
            .iter()
            .map(|item| {
                keys.iter()
                    .filter_map(|k| item.get(*k))
                    .filter_map(|v| match v {
                        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
                        Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .filter(|s| !s.is_empty())
            .collect()
    }

    pub async fn detail(halo: &halo::client::HaloClient, id: i32) -> Result<SiteDetail, AppError> {
        let q = SiteDetailQuery::new().includedetails(true);
        let (sites, popup_notes) = (halo.sites(), halo.popup_notes());
        let (site, popups) = futures::join!(sites.get(id, &q), popup_notes.for_site(id, true));
        let site: Site = site.map_err(|e| match e {
            halo::Error::NotFound => AppError::not_found(format!("Site {id}")),
            other => other.into(),
        })?;
        let delivery = site
            .delivery_address
            .as_ref()
            .map(address_text)
            .filter(|s| !s.is_empty())
            .or_else(|| {
                lines_text([
                    &site.delivery_address_line1,
                    &site.delivery_address_line2,
                    &site.delivery_address_line3,
                    &site.delivery_address_line4,
                    &site.delivery_address_line5,
                ])
            });
        let invoice = site
            .invoice_address
            .as_ref()
            .map(address_text)
            .filter(|s| !s.is_empty())
            .or_else(|| {
                lines_text([
                    &site.invoice_address_line1,
                    &site.invoice_address_line2,
                    &site.invoice_address_line3,
                    &site.invoice_address_line4,
                    &site.invoice_address_line5,
                ])
            });
        let custom_fields = site
            .customfields
            .clone()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| {
                let label = f.label.clone().or(f.name.clone())?;
                let value = f.display.clone().or_else(|| {
                    f.value.as_ref().map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                })?;
                (!value.trim().is_empty() && value != "null").then_some((label, value))
            })
            .collect();
        Ok(SiteDetail {
            id,
            name: site.name.clone().unwrap_or_else(|| format!("Site {id}")),
            client: site.client_id.filter(|c| *c > 0).map(|c| {
                (
                    c,
                    site.client_name
                        .clone()
                        .unwrap_or_else(|| format!("Client {c}")),
                )
            }),
            inactive: site.inactive.unwrap_or(false),
            phone: site.phonenumber.clone().filter(|p| !p.trim().is_empty()),
            timezone: site.timezone.clone().filter(|t| !t.trim().is_empty()),
            email_domain: site.emaildomain.clone().filter(|t| !t.trim().is_empty()),
            delivery_address: delivery,
            invoice_address: invoice,
            main_contact: site
                .maincontact_name
                .clone()
                .filter(|t| !t.trim().is_empty()),
            open_tickets: site.open_ticket_count,
            onhold_tickets: site.onhold_ticket_count,
            total_tickets: site.total_ticket_count,
            opened_this_month: site.opened_thismonth_count,
            stock_location: site.isstocklocation.unwrap_or(false),
            stock_bins: site
                .stockbins
                .clone()
                .unwrap_or_default()
                .into_iter()
                .map(|b| (b.id, b.name.unwrap_or_else(|| format!("Bin {}", b.id))))
                .collect(),
            coordinates: site
                .geocoord1
                .zip(site.geocoord2)
                .filter(|(a, b)| *a != 0.0 || *b != 0.0),
            notes: site.notes.clone().filter(|n| !n.trim().is_empty()),
            contacts: describe_array(
                site.extra.get("sitecontacts"),
                &["name", "emailaddress", "phonenumber"],
            ),
            maintenance_windows: describe_array(
                site.extra.get("maintenance_windows"),
                &["name", "start_date", "end_date", "description"],
            ),
            change_freezes: describe_array(
                site.extra.get("change_freeze_periods"),
                &["name", "start_date", "end_date", "description"],
            ),
            custom_fields,
            popup_notes: popups
                .map(|v| v.into_iter().map(popup_view).collect())
                .map_err(AppError::from),
            halo_link: super::super::ssr::halo_web_link(&format!("customers?siteid={id}")),
        })
    }
}

//! Server functions for Clients (HaloPSA "Areas", `/Client`).

use crate::components::list::cells::Row;
use crate::components::list::ListPage;
use crate::errors::AppError;
use crate::functions::notes::{CrmNoteView, PopupNoteView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the client detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientDetail {
    pub id: i32,
    pub name: String,
    pub toplevel: Option<String>,
    pub inactive: bool,
    pub website: Option<String>,
    pub colour: Option<String>,
    pub account_manager: Option<String>,
    pub main_site: Option<(i32, String)>,
    pub main_address: Option<String>,
    pub main_contact: Option<String>,
    pub main_phone: Option<String>,
    pub open_tickets: Option<i32>,
    pub onhold_tickets: Option<i32>,
    pub total_tickets: Option<i32>,
    pub opened_this_month: Option<i32>,
    pub notes: Option<String>,
    /// The client's sites, first page.
    pub sites: ListPage<Row>,
    /// CRM notes, or why they could not be loaded.
    pub crm_notes: Result<Vec<CrmNoteView>, AppError>,
    /// Popup notes, or why they could not be loaded.
    pub popup_notes: Result<Vec<PopupNoteView>, AppError>,
    /// Opens the record in HaloPSA's own UI (tenant mode only).
    pub halo_link: Option<String>,
}

/// A client with its sites, CRM notes and popup notes (fetched concurrently).
#[server(endpoint = "get_client", input = server_fn::codec::GetUrl)]
pub async fn get_client(id: String) -> Result<ClientDetail, AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, "Client")?;
    let halo = halo().map_err(with_status)?;
    ssr::detail(&halo, id).await.map_err(with_status)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::entities::{server::Store, sites::Store as Sites};
    use crate::functions::notes::ssr::{crm_view, popup_view};
    use crate::params::ListParams;
    use halo::models::Client;
    use halo::query::ClientDetailQuery;

    pub async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<ClientDetail, AppError> {
        let mut sites_params = ListParams::defaults(&crate::params::lists::SITES);
        sites_params.client_id = Some(id);
        sites_params.status = crate::params::StatusFilter::All;
        let client_q = ClientDetailQuery::new().includedetails(true);
        let sites_q = Sites::list_query(&sites_params);
        let (clients, sites, crm_notes, popup_notes) = (
            halo.clients(),
            halo.sites(),
            halo.crm_notes(),
            halo.popup_notes(),
        );
        let (client, site_page, crm, popups) = futures::join!(
            clients.get(id, &client_q),
            sites.list(&sites_q),
            crm_notes.for_client(id),
            popup_notes.for_client(id, true),
        );
        let client: Client = client.map_err(|e| match e {
            halo::Error::NotFound => AppError::not_found(format!("Client {id}")),
            other => other.into(),
        })?;
        let site_page = site_page?;
        let halo_link = super::super::ssr::halo_web_link(&format!("customers?clientid={id}"));
        let main_address = client
            .main_delivery_address
            .as_ref()
            .or(client.main_invoice_address.as_ref())
            .map(crate::functions::sites::ssr::address_text)
            .filter(|s| !s.is_empty());
        Ok(ClientDetail {
            id,
            name: client
                .name
                .clone()
                .unwrap_or_else(|| format!("Client {id}")),
            toplevel: client.toplevel_name.clone(),
            inactive: client.inactive.unwrap_or(false),
            website: client.website.clone(),
            colour: client.colour.clone(),
            account_manager: client.accountmanagertech_name.clone(),
            main_site: client.main_site_id.filter(|i| *i > 0).map(|i| {
                (
                    i,
                    client
                        .main_site_name
                        .clone()
                        .unwrap_or_else(|| format!("Site {i}")),
                )
            }),
            main_address,
            main_contact: client.main_contact_name.clone(),
            main_phone: client.main_phonenumber.clone(),
            open_tickets: client.open_ticket_count,
            onhold_tickets: client.onhold_ticket_count,
            total_tickets: client.total_ticket_count,
            opened_this_month: client.opened_thismonth_count,
            notes: client.notes.clone().filter(|n| !n.trim().is_empty()),
            sites: ListPage {
                params: sites_params,
                notices: vec![],
                rows: site_page.items.iter().map(Sites::row).collect(),
                record_count: site_page.record_count,
                scope: None,
            },
            crm_notes: crm
                .map(|v| v.into_iter().map(crm_view).collect())
                .map_err(AppError::from),
            popup_notes: popups
                .map(|v| v.into_iter().map(popup_view).collect())
                .map_err(AppError::from),
            halo_link,
        })
    }
}

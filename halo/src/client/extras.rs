//! Operations beyond list/get/write: stock bins, unsubscribing, notes, lookups.

use serde_json::{json, Value};

use super::resource::Resource;
use super::retry::Method;
use super::HaloClient;
use crate::entity::*;
use crate::models::{
    Client, CrmNote, PopupNote, ServiceCategory, ServiceStatus, SiteSummary, TopLevel,
};
use crate::query::{
    CrmNoteQuery, PopupNoteQuery, ServiceCategoryQuery, ServiceStatusQuery, TopLevelQuery,
};
use crate::{Error, Page};

/// One accessor per resource: `name: Entity` makes `HaloClient::name()`, a [`Resource`] of it.
macro_rules! resources {
    ($($(#[$doc:meta])* $name:ident: $entity:ty,)*) => {
        impl HaloClient {
            $(
                $(#[$doc])*
                pub fn $name(&self) -> Resource<$entity> {
                    Resource::new(self.clone())
                }
            )*
        }
    };
}

resources! {
    /// Clients (`/Client`).
    clients: ClientEntity,
    /// Sites (`/Site`), including stock bins.
    sites: SiteEntity,
    /// Suppliers (`/Supplier`, Halo's "Company").
    suppliers: SupplierEntity,
    /// Organisations (`/Organisation`).
    organisations: OrganisationEntity,
    /// Services (`/Service`, Halo's "ServSite"), including unsubscribing.
    services: ServiceEntity,
    /// CRM notes (`/CRMNote`).
    crm_notes: CrmNoteEntity,
    /// Popup notes (`/PopupNote`): list and mark read.
    popup_notes: PopupNoteEntity,
    /// Top levels (`/TopLevel`).
    top_levels: TopLevelEntity,
    /// Service categories (`/ServiceCategory`).
    service_categories: ServiceCategoryEntity,
    /// Service statuses (`/ServiceStatus`).
    service_statuses: ServiceStatusEntity,
}

impl HaloClient {
    /// The three lookups forms need, as plain lists.
    pub fn lookups(&self) -> Lookups {
        Lookups {
            client: self.clone(),
        }
    }
}

impl Resource<ClientEntity> {
    /// The client the signed-in user belongs to (`GET /Client/me`).
    pub async fn me(&self) -> Result<Client, Error> {
        self.client
            .get_json("Client", "Client/me", &[], "Client/me")
            .await
    }
}

impl Resource<SiteEntity> {
    /// Sites configured as stock bin locations (`GET /Site/StockBins`, a bare array).
    pub async fn stock_bins(&self) -> Result<Vec<SiteSummary>, Error> {
        let page = self
            .client
            .get_decoded("Site", "Site/StockBins", &[], "Site/StockBins", |b| {
                Page::<SiteSummary>::from_json(b, &[])
            })
            .await?;
        Ok(page.items.clone())
    }
}

impl Resource<ServiceEntity> {
    /// Unsubscribes from a service (`POST /Service/unsubscribe` with `[{"serviceid": id}]`).
    pub async fn unsubscribe(&self, service_id: i32) -> Result<(), Error> {
        let body = json!([{ "serviceid": service_id }]);
        self.client
            .write(
                Method::Post,
                "Service/unsubscribe",
                Some(&body),
                "Service/unsubscribe",
                &["Service"],
            )
            .await
            .map(|_| ())
    }
}

impl Resource<CrmNoteEntity> {
    /// The CRM notes of a client.
    pub async fn for_client(&self, client_id: i32) -> Result<Vec<CrmNote>, Error> {
        Ok(self
            .list(&CrmNoteQuery::new().client_id(client_id))
            .await?
            .items)
    }

    /// The CRM notes of one site of a client. Halo documents no site filter, so this asks for
    /// the client's notes and keeps those whose `site_id` matches.
    pub async fn for_site(&self, client_id: i32, site_id: i32) -> Result<Vec<CrmNote>, Error> {
        let mut notes = self.for_client(client_id).await?;
        notes.retain(|n| n.site_id == Some(site_id));
        Ok(notes)
    }

    /// Adds a CRM note (`POST /CRMNote` with `[note]`); returns it as saved.
    pub async fn add(&self, note: &CrmNote) -> Result<CrmNote, Error> {
        self.create(note).await
    }
}

impl Resource<PopupNoteEntity> {
    /// The popup notes of a client (`showall` includes ones already read).
    pub async fn for_client(
        &self,
        client_id: i32,
        show_all: bool,
    ) -> Result<Vec<PopupNote>, Error> {
        Ok(self
            .list(&PopupNoteQuery::new().client_id(client_id).showall(show_all))
            .await?
            .items)
    }

    /// The popup notes of a site.
    pub async fn for_site(&self, site_id: i32, show_all: bool) -> Result<Vec<PopupNote>, Error> {
        Ok(self
            .list(&PopupNoteQuery::new().site_id(site_id).showall(show_all))
            .await?
            .items)
    }

    /// Marks popup notes read (`POST /PopupNote/read` with the notes).
    pub async fn mark_read(&self, notes: &[PopupNote]) -> Result<(), Error> {
        let body = serde_json::to_value(notes).unwrap_or_else(|_| Value::Array(vec![]));
        self.client
            .write(
                Method::Post,
                "PopupNote/read",
                Some(&body),
                "PopupNote/read",
                &["PopupNote", "Client", "Site"],
            )
            .await
            .map(|_| ())
    }
}

/// The lookups forms need (pickers for top level, service category and service status).
#[derive(Clone, Debug)]
pub struct Lookups {
    client: HaloClient,
}

impl Lookups {
    /// Top levels (`GET /TopLevel`).
    pub async fn top_levels(&self, query: &TopLevelQuery) -> Result<Vec<TopLevel>, Error> {
        Ok(self.client.top_levels().list(query).await?.items)
    }
    /// Service categories (`GET /ServiceCategory`).
    pub async fn service_categories(
        &self,
        query: &ServiceCategoryQuery,
    ) -> Result<Vec<ServiceCategory>, Error> {
        Ok(self.client.service_categories().list(query).await?.items)
    }
    /// Service statuses (`GET /ServiceStatus`).
    pub async fn service_statuses(
        &self,
        query: &ServiceStatusQuery,
    ) -> Result<Vec<ServiceStatus>, Error> {
        Ok(self.client.service_statuses().list(query).await?.items)
    }
}

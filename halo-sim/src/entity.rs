//! The record kinds the simulator stores, with Halo's path, list wrapper, list fields and scope area for each.

use std::fmt;
use std::str::FromStr;

/// A kind of stored record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    /// `/Client` (Halo's "Area").
    Client,
    /// `/Site`.
    Site,
    /// `/Supplier` (Halo's "Company").
    Supplier,
    /// `/Organisation`.
    Organisation,
    /// `/Service` (Halo's "ServSite").
    Service,
    /// `/CRMNote` (Halo's "AreaNote").
    CrmNote,
    /// `/PopupNote` (Halo's "AreaPopup").
    PopupNote,
    /// `/TopLevel` (Halo's "Tree").
    TopLevel,
    /// `/ServiceCategory`.
    ServiceCategory,
    /// `/ServiceStatus` (Halo's "ServStatus").
    ServiceStatus,
}

/// How a list endpoint wraps its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wrapper {
    /// `{"page_no","page_size","record_count","<key>":[…]}`, with the `columns*` keys when `columns` is set.
    Object { key: &'static str, columns: bool },
    /// A bare JSON array.
    Bare,
}

/// Which scope family guards an entity (§2.1). `None` = only `all`, `all:standard` or `admin`.
pub(crate) type ScopeArea = Option<&'static str>;

impl Entity {
    pub const ALL: [Entity; 10] = [
        Entity::Client,
        Entity::Site,
        Entity::Supplier,
        Entity::Organisation,
        Entity::Service,
        Entity::CrmNote,
        Entity::PopupNote,
        Entity::TopLevel,
        Entity::ServiceCategory,
        Entity::ServiceStatus,
    ];

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The path segment under `/api` (matched case-insensitively).
    pub fn path(self) -> &'static str {
        match self {
            Entity::Client => "Client",
            Entity::Site => "Site",
            Entity::Supplier => "Supplier",
            Entity::Organisation => "Organisation",
            Entity::Service => "Service",
            Entity::CrmNote => "CRMNote",
            Entity::PopupNote => "PopupNote",
            Entity::TopLevel => "TopLevel",
            Entity::ServiceCategory => "ServiceCategory",
            Entity::ServiceStatus => "ServiceStatus",
        }
    }

    pub(crate) fn from_path(segment: &str) -> Option<Entity> {
        Entity::ALL
            .into_iter()
            .find(|e| e.path().eq_ignore_ascii_case(segment))
    }

    pub(crate) fn wrapper(self) -> Wrapper {
        match self {
            Entity::Client => Wrapper::Object {
                key: "clients",
                columns: true,
            },
            Entity::Site => Wrapper::Object {
                key: "sites",
                columns: true,
            },
            Entity::Supplier => Wrapper::Object {
                key: "suppliers",
                columns: true,
            },
            Entity::Service => Wrapper::Object {
                key: "services",
                columns: false,
            },
            _ => Wrapper::Bare,
        }
    }

    /// The field searched by `search` and sorted by default.
    pub(crate) fn name_field(self) -> &'static str {
        match self {
            Entity::CrmNote | Entity::PopupNote => "note",
            Entity::ServiceStatus => "message_public",
            _ => "name",
        }
    }

    /// Halo's "Client"-style name in messages.
    pub(crate) fn label(self) -> &'static str {
        self.path()
    }

    /// Sort order when no `order` is given (ties always break on `id`).
    pub(crate) fn default_order(self) -> &'static [(&'static str, bool)] {
        match self {
            Entity::Service => &[("sequence", false), ("name", false)],
            Entity::CrmNote => &[("datetime", true)],
            Entity::ServiceStatus => &[("timestamp", true)],
            Entity::PopupNote => &[("id", false)],
            Entity::ServiceCategory => &[("seq", false), ("name", false)],
            _ => &[("name", false)],
        }
    }

    /// Whether the active/inactive filters apply (Client, Site, Supplier).
    pub(crate) fn has_active_filter(self) -> bool {
        matches!(self, Entity::Client | Entity::Site | Entity::Supplier)
    }

    /// Whether `POST` answers 201 with the saved object (typed endpoints) rather than 200.
    pub(crate) fn post_is_created(self) -> bool {
        matches!(
            self,
            Entity::Client | Entity::Site | Entity::Supplier | Entity::Service
        )
    }

    /// Entities that `POST` creates (with `name` required) and updates.
    pub(crate) fn requires_name(self) -> bool {
        matches!(
            self,
            Entity::Client
                | Entity::Site
                | Entity::Supplier
                | Entity::Organisation
                | Entity::Service
                | Entity::TopLevel
                | Entity::ServiceCategory
        )
    }

    pub(crate) fn scope_area(self) -> ScopeArea {
        match self {
            Entity::Client | Entity::Site | Entity::PopupNote | Entity::TopLevel => {
                Some("customers")
            }
            Entity::Supplier => Some("suppliers"),
            Entity::CrmNote => Some("crm"),
            Entity::Organisation
            | Entity::Service
            | Entity::ServiceCategory
            | Entity::ServiceStatus => None,
        }
    }

    /// Fields of the abbreviated `_List` shape; `None` = list rows are whole records.
    pub(crate) fn list_fields(self) -> Option<&'static [&'static str]> {
        match self {
            Entity::Client => Some(CLIENT_LIST_FIELDS),
            Entity::Site => Some(SITE_LIST_FIELDS),
            Entity::Supplier => Some(SUPPLIER_LIST_FIELDS),
            Entity::Service => Some(SERVICE_LIST_FIELDS),
            Entity::TopLevel => Some(TOPLEVEL_LIST_FIELDS),
            _ => None,
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}

/// An entity name that is not one of the simulator's.
#[derive(Debug, thiserror::Error)]
#[error("unknown entity {0:?}")]
pub struct UnknownEntity(pub String);

impl FromStr for Entity {
    type Err = UnknownEntity;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Entity::from_path(s).ok_or_else(|| UnknownEntity(s.to_owned()))
    }
}

/// `Area_List` (§7).
const CLIENT_LIST_FIELDS: &[&str] = &[
    "id",
    "name",
    "toplevel_id",
    "toplevel_name",
    "inactive",
    "colour",
    "confirmemail",
    "actionemail",
    "clearemail",
    "messagegroup_id",
    "from_address_override",
    "override_org_logo",
    "override_org_name",
    "override_org_address",
    "override_org_phone",
    "override_org_email",
    "override_org_website",
    "override_org_portalurl",
    "mailbox_override",
    "default_mailbox_id",
    "calldate",
    "item_tax_code",
    "service_tax_code",
    "prepay_tax_code",
    "contract_tax_code",
    "customfields",
    "custombuttons",
    "attachments",
    "site_fields",
    "pritech",
    "sectech",
    "accountmanagertech",
    "notes",
    "xeroid",
    "open_ticket_count",
    "opps_ticket_count",
    "main_site_id",
    "accountsemailaddress",
    "accountsfirstname",
    "accountslastname",
    "accountsid",
    "use",
    "key",
    "table",
    "logo",
    "customertype",
    "ref",
    "is_vip",
    "taxable",
    "stopped",
    "itglue_id",
    "default_currency_code",
    "azure_tenants",
    "website",
    "mainsite_address",
];

/// `Site_List` (SPEC schema plus the newer `geocoord1/2`, `mainsite_address`).
const SITE_LIST_FIELDS: &[&str] = &[
    "id",
    "name",
    "client_id",
    "client_name",
    "clientsite_name",
    "inactive",
    "sla_id",
    "phonenumber",
    "colour",
    "timezone",
    "invoice_address_isdelivery",
    "notes",
    "isstocklocation",
    "messagegroup_id",
    "item_quantity_in_stock",
    "item_quantity_reserved",
    "item_quantity_reserved_on_order",
    "item_quantity_available",
    "item_serialised_assets_in_stock",
    "use",
    "customfields",
    "site_fields",
    "gfisiteid",
    "delivery_address_line1",
    "delivery_address_line2",
    "delivery_address_line3",
    "delivery_address_line4",
    "delivery_address_line5",
    "itglue_id",
    "client_itglue_id",
    "custombuttons",
    "stockbin_id",
    "stockbin_name",
    "country_code_name",
    "region_code_name",
    "ref",
    "maincontact_id",
    "site_item_tax_code",
    "geocoord1",
    "geocoord2",
];

/// `Company_List` (§7).
const SUPPLIER_LIST_FIELDS: &[&str] = &[
    "id",
    "name",
    "toplevel_id",
    "toplevel_name",
    "contact_name",
    "email_address",
    "support_email_address",
    "ordering_email_address",
    "phone_number",
    "inactive",
    "emailtemplate_id",
    "default_contract_id",
    "default_contract_sla_id",
    "customfields",
    "custombuttons",
    "contract_count",
    "logo",
    "default_currency_code",
    "supplier_currency_symbol",
    "supplier_currency_rate",
    "website",
    "mobile",
    "messagegroup_id",
];

/// `ServSite_List` (SPEC schema, the fields the simulator fills).
const SERVICE_LIST_FIELDS: &[&str] = &[
    "id",
    "guid",
    "name",
    "summary",
    "sequence",
    "showinusercatalog",
    "showintechcatalog",
    "trackstatus",
    "service_category_id",
    "service_category_name",
    "business_owner_id",
    "business_owner_name",
    "technical_owner_id",
    "technical_owner_name",
    "compliance_owner_id",
    "compliance_owner_name",
    "cost",
    "estimated_delivery",
    "estimated_delivery_days",
    "subscribable",
    "subscriber_count",
    "asset_count",
    "current_status",
    "status_message_update_internal",
    "status_message_update_public",
    "status_date",
    "status_end_date",
    "service_tickettype_id",
    "service_template_id",
    "incident_tickettype_id",
    "incident_template_id",
    "criticality",
    "use",
    "icon",
    "service_url",
    "incident_url",
    "access_control_level",
    "link",
];

/// `Tree_List`.
const TOPLEVEL_LIST_FIELDS: &[&str] = &[
    "id",
    "guid",
    "name",
    "long_name",
    "type",
    "organisation_id",
    "organisation_name",
    "organisation_guid",
    "user_count",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_case_insensitively() {
        assert_eq!(Entity::from_path("client"), Some(Entity::Client));
        assert_eq!(Entity::from_path("CRMNOTE"), Some(Entity::CrmNote));
        assert_eq!(Entity::from_path("Clients"), None);
    }

    #[test]
    fn indexes_are_dense() {
        for (i, e) in Entity::ALL.iter().enumerate() {
            assert_eq!(e.index(), i);
        }
    }
}

//! The fields a newly created record starts with, per entity, as Halo fills them in.

use serde_json::{json, Value};

use super::{custom_fields, rec};
use crate::entity::Entity;
use crate::store::Record;

/// The fields a newly created record starts with before the sent ones are applied.
pub(crate) fn new_record_defaults(entity: Entity, now: &str, agent_id: i64) -> Record {
    rec(match entity {
        Entity::Client => client(now),
        Entity::Site => site(now),
        Entity::Supplier => supplier(now),
        Entity::Organisation => organisation(),
        Entity::Service => service(now),
        Entity::CrmNote => crm_note(now, agent_id),
        Entity::PopupNote => popup_note(now),
        Entity::TopLevel => top_level(),
        Entity::ServiceCategory => service_category(),
        Entity::ServiceStatus => service_status(now),
    })
}

fn client(now: &str) -> Value {
    json!({
        "name": null, "toplevel_id": null, "toplevel_name": null, "inactive": false,
        "colour": null, "confirmemail": 0, "actionemail": 0, "clearemail": 0,
        "messagegroup_id": null, "from_address_override": null, "override_org_logo": false,
        "override_org_name": null, "override_org_phone": null, "override_org_email": null,
        "override_org_website": null, "override_org_portalurl": null, "mailbox_override": null,
        "default_mailbox_id": null, "calldate": null, "item_tax_code": null,
        "service_tax_code": null, "prepay_tax_code": null, "contract_tax_code": null,
        "customfields": custom_fields::empty(Entity::Client), "custombuttons": null, "attachments": null, "site_fields": null,
        "pritech": null, "pritech_name": null, "sectech": null, "sectech_name": null,
        "accountmanagertech": null, "accountmanagertech_name": null, "notes": null,
        "xeroid": null, "open_ticket_count": 0, "opps_ticket_count": 0, "onhold_ticket_count": 0,
        "total_ticket_count": 0, "opened_thismonth_count": 0, "main_site_id": null,
        "main_site_name": null, "accountsemailaddress": null, "accountsfirstname": null,
        "accountslastname": null, "accountsid": null, "use": "area", "key": null, "table": null,
        "logo": null, "customertype": 0, "ref": null, "is_vip": false, "taxable": true,
        "stopped": 0, "itglue_id": null, "default_currency_code": null, "azure_tenants": null,
        "website": null, "mainsite_address": null, "datecreated": now, "trading_name": null,
        "domain": null, "announce": null, "faqlists": null, "allowed_organisations": null,
        "linked_organisation_id": null, "main_contact_name": null, "main_phonenumber": null,
        "prepaybalance": 0.0, "hourlyrate": null, "alastupdate": now,
    })
}

fn site(now: &str) -> Value {
    json!({
        "name": null, "client_id": null, "client_name": null, "clientsite_name": null,
        "inactive": false, "sla_id": null, "phonenumber": null, "colour": null,
        "timezone": null, "invoice_address_isdelivery": true, "notes": null,
        "isstocklocation": false, "messagegroup_id": null, "item_quantity_in_stock": null,
        "item_quantity_reserved": null, "item_quantity_reserved_on_order": null,
        "item_quantity_available": null, "item_serialised_assets_in_stock": null,
        "use": "site", "customfields": custom_fields::empty(Entity::Site), "site_fields": null, "gfisiteid": null,
        "delivery_address_line1": null, "delivery_address_line2": null,
        "delivery_address_line3": null, "delivery_address_line4": null,
        "delivery_address_line5": null, "invoice_address_line1": null,
        "invoice_address_line2": null, "invoice_address_line3": null,
        "invoice_address_line4": null, "invoice_address_line5": null, "itglue_id": null,
        "client_itglue_id": null, "custombuttons": null, "stockbin_id": null,
        "stockbin_name": null, "country_code": null, "country_code_name": null,
        "region_code": null, "region_code_name": null, "ref": null, "maincontact_id": null,
        "maincontact_name": null, "site_item_tax_code": null, "geocoord1": null,
        "geocoord2": null, "emaildomain": null, "isinvoicesite": false, "datecreated": now,
        "open_ticket_count": 0, "onhold_ticket_count": 0, "total_ticket_count": 0,
        "opened_thismonth_count": 0, "language_id": null, "azuretenantid": null,
        "datto_id": null, "auvik_id": null, "connectwiseid": null, "autotaskid": null,
        "ncentral_details_id": null, "faqlists": null, "maintenance_windows": null,
        "change_freeze_periods": null,
    })
}

fn supplier(now: &str) -> Value {
    json!({
        "name": null, "toplevel_id": null, "toplevel_name": null, "contact_name": null,
        "email_address": null, "support_email_address": null, "ordering_email_address": null,
        "phone_number": null, "phone_number_2": null, "phone_number_3": null,
        "inactive": false, "emailtemplate_id": null, "default_contract_id": null,
        "default_contract_sla_id": null, "customfields": custom_fields::empty(Entity::Supplier), "custombuttons": null,
        "contract_count": 0, "logo": null, "default_currency_code": null,
        "supplier_currency_symbol": null, "supplier_currency_rate": null, "website": null,
        "mobile": null, "messagegroup_id": null, "datecreated": now, "notes": null,
        "address": null, "accounts_id": null, "portal_url": null, "contact_title": null,
        "fax": null, "parentid": null, "emaildomain": null, "is_supplier": true,
        "is_manufacturer": false, "last_modified": now, "access_control_level": 0,
    })
}

fn organisation() -> Value {
    json!({
        "name": null, "guid": null, "reply_address": null, "messagegroup_id": null,
        "address": null, "phone": null, "fax": null, "email": null, "website": null,
        "logo": null, "portal_logo": null, "portalurl": null, "portalcolour": null,
        "portalbackgroundimageurl": null, "deliverysite": null, "departments": [],
        "linked_client_id": null, "allowall_tickettypes": true, "allowed_tickettypes": [],
        "faqlists": [], "customfields": [], "bank_details_line_1": null,
        "bank_details_line_2": null, "bank_details_line_3": null, "bank_details_line_4": null,
        "bank_details_line_5": null, "tax_number": null, "portal_title": null,
        "portal_allow_pwa": false,
    })
}

fn service(now: &str) -> Value {
    json!({
        "guid": null, "name": null, "summary": null, "sequence": 0, "showinusercatalog": true,
        "showintechcatalog": true, "trackstatus": true, "service_category_id": null,
        "service_category_name": null, "business_owner_id": null, "business_owner_name": null,
        "technical_owner_id": null, "technical_owner_name": null, "compliance_owner_id": null,
        "compliance_owner_name": null, "cost": 0.0, "estimated_delivery": 0,
        "estimated_delivery_days": 0, "subscribable": true, "subscriber_count": 0,
        "asset_count": 0, "current_status": 1, "status_message_update_internal": null,
        "status_message_update_public": null, "status_date": now, "status_end_date": null,
        "service_tickettype_id": null, "service_template_id": null,
        "incident_tickettype_id": null, "incident_template_id": null, "criticality": 3,
        "use": "servsite", "icon": null, "service_url": null, "incident_url": null,
        "access_control_level": 0, "link": null, "subscribers": [], "user_subscribed": false,
        "allowunsubscribe": true, "linked_services": [], "customfields": custom_fields::empty(Entity::Service),
    })
}

fn crm_note(now: &str, agent_id: i64) -> Value {
    json!({
        "client_id": null, "supplier_id": null, "site_id": null, "user_id": null,
        "sales_order_id": null, "purchase_order_id": null, "quote_id": null,
        "invoice_id": null, "ticketid": null, "datetime": now, "who_agentid": agent_id,
        "note": null, "detail": null, "timetaken": 0.0, "hide_time_taken": false,
        "nextcalldate": null, "nextcallduration": null, "add_to_calendar": false,
        "satisfaction": null, "mailentryid": null, "third_party_id": null,
        "customfields": [], "app_subject": null,
    })
}

fn popup_note(now: &str) -> Value {
    json!({
        "client_id": null, "site_id": null, "user_id": null, "date_created": now,
        "note": null, "dismissable": true, "read_status": 0, "displaymodal": false,
        "displayhtml": false, "limitdaterange": false, "startdate": null, "enddate": null,
    })
}

fn top_level() -> Value {
    json!({
        "guid": null, "name": null, "long_name": null, "type": 0, "organisation_id": null,
        "organisation_name": null, "organisation_guid": null, "user_count": 0,
        "notes": null, "announcement": null, "parentid": null,
    })
}

fn service_category() -> Value {
    json!({
        "guid": null, "name": null, "long_name": null, "seq": 0, "parent_id": null,
        "parent_name": null, "summary": null, "icon": null, "important": false,
        "service_count": 0, "access_control_level": 0,
    })
}

fn service_status(now: &str) -> Value {
    json!({
        "service_id": null, "status": 1, "message_public": null, "message_internal": null,
        "timestamp": now, "who": null, "okcount": 0, "failedcount": 0,
        "totaldownmins": 0, "totaldowninstances": 0, "ticket_id": null,
    })
}

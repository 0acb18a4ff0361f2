//! The forms of the five entities, with the fields staff edit day to day.

use super::spec::{Field, FormSpec, Kind, When};

const fn f(
    key: &'static str,
    label: &'static str,
    kind: Kind,
    required: bool,
    max: usize,
) -> Field {
    Field {
        key,
        label,
        kind,
        required,
        max,
        when: When::Always,
    }
}

const fn on_create(key: &'static str, label: &'static str, kind: Kind, max: usize) -> Field {
    Field {
        key,
        label,
        kind,
        required: false,
        max,
        when: When::CreateOnly,
    }
}

const NAME: usize = 100;
const LINE: usize = 255;
const NOTES: usize = 4000;

/// Clients; on create also the new-client helpers that create its first site and contact.
pub const CLIENT: FormSpec = FormSpec {
    singular: "client",
    path: "clients",
    fields: &[
        f("name", "Name", Kind::Text, true, NAME),
        f("toplevel_id", "Top level", Kind::TopLevel, false, 12),
        f("website", "Website", Kind::Url, false, LINE),
        f("colour", "Colour", Kind::Colour, false, 7),
        f("inactive", "Inactive", Kind::Flag, false, 5),
        f("notes", "Notes", Kind::LongText, false, NOTES),
        on_create("newclient_sitename", "First site name", Kind::Text, NAME),
        on_create("newclient_phonenumber", "First site phone", Kind::Phone, 30),
        on_create(
            "newclient_timezone",
            "First site time zone",
            Kind::TimeZone,
            64,
        ),
        on_create(
            "newclient_contactname",
            "First contact name",
            Kind::Text,
            NAME,
        ),
        on_create(
            "newclient_contactemail",
            "First contact e-mail",
            Kind::Email,
            LINE,
        ),
    ],
};

/// Sites.
pub const SITE: FormSpec = FormSpec {
    singular: "site",
    path: "sites",
    fields: &[
        f("name", "Name", Kind::Text, true, NAME),
        f("client_id", "Client", Kind::Client, true, 200),
        f("phonenumber", "Phone", Kind::Phone, false, 30),
        f("timezone", "Time zone", Kind::TimeZone, false, 64),
        f(
            "delivery_address_line1",
            "Delivery address line 1",
            Kind::Text,
            false,
            LINE,
        ),
        f(
            "delivery_address_line2",
            "Delivery address line 2",
            Kind::Text,
            false,
            LINE,
        ),
        f(
            "delivery_address_line3",
            "Delivery town / city",
            Kind::Text,
            false,
            LINE,
        ),
        f(
            "delivery_address_line4",
            "Delivery county / state",
            Kind::Text,
            false,
            LINE,
        ),
        f(
            "delivery_address_line5",
            "Delivery postcode",
            Kind::Text,
            false,
            20,
        ),
        f(
            "invoice_address_line1",
            "Invoice address line 1",
            Kind::Text,
            false,
            LINE,
        ),
        f(
            "invoice_address_line2",
            "Invoice address line 2",
            Kind::Text,
            false,
            LINE,
        ),
        f(
            "invoice_address_line3",
            "Invoice town / city",
            Kind::Text,
            false,
            LINE,
        ),
        f(
            "invoice_address_line4",
            "Invoice county / state",
            Kind::Text,
            false,
            LINE,
        ),
        f(
            "invoice_address_line5",
            "Invoice postcode",
            Kind::Text,
            false,
            20,
        ),
        f("inactive", "Inactive", Kind::Flag, false, 5),
        f("isstocklocation", "Stock location", Kind::Flag, false, 5),
    ],
};

/// Suppliers (HaloPSA "companies").
pub const SUPPLIER: FormSpec = FormSpec {
    singular: "supplier",
    path: "suppliers",
    fields: &[
        f("name", "Name", Kind::Text, true, NAME),
        f("contact_name", "Contact", Kind::Text, false, NAME),
        f("email_address", "E-mail", Kind::Email, false, LINE),
        f(
            "support_email_address",
            "Support e-mail",
            Kind::Email,
            false,
            LINE,
        ),
        f(
            "ordering_email_address",
            "Ordering e-mail",
            Kind::Email,
            false,
            LINE,
        ),
        f("phone_number", "Phone", Kind::Phone, false, 30),
        f("mobile", "Mobile", Kind::Phone, false, 30),
        f("website", "Website", Kind::Url, false, LINE),
        f("notes", "Notes", Kind::LongText, false, NOTES),
        f("inactive", "Inactive", Kind::Flag, false, 5),
    ],
};

/// Organisations.
pub const ORGANISATION: FormSpec = FormSpec {
    singular: "organisation",
    path: "organisations",
    fields: &[
        f("name", "Name", Kind::Text, true, NAME),
        f("phone", "Phone", Kind::Phone, false, 30),
        f("email", "E-mail", Kind::Email, false, LINE),
        f("reply_address", "Reply address", Kind::Email, false, LINE),
        f("website", "Website", Kind::Url, false, LINE),
        f("portalcolour", "Portal colour", Kind::Colour, false, 7),
        f("portal_title", "Portal title", Kind::Text, false, NAME),
    ],
};

/// Services.
pub const SERVICE: FormSpec = FormSpec {
    singular: "service",
    path: "services",
    fields: &[
        f("name", "Name", Kind::Text, true, NAME),
        f(
            "service_category_id",
            "Category",
            Kind::ServiceCategory,
            false,
            12,
        ),
        f("summary", "Summary", Kind::LongText, false, NOTES),
        f("current_status", "Status", Kind::ServiceStatus, false, 12),
    ],
};

/// A CRM note added from a client or site page.
pub const CRM_NOTE: FormSpec = FormSpec {
    singular: "note",
    path: "notes",
    fields: &[
        f("app_subject", "Subject", Kind::Text, false, NAME),
        f("note", "Note", Kind::LongText, true, NOTES),
    ],
};

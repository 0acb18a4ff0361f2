//! What a form is made of: fields with a kind (which decides the widget, the format check and the JSON
//! type sent to HaloPSA), a label, whether they are required and how long they may be.

use std::collections::BTreeMap;

/// Entered values by field key (HaloPSA's field name), as the form posted them.
pub type Values = BTreeMap<String, String>;

/// Error messages by field key; the empty key holds a message about the whole form.
pub type FieldErrors = BTreeMap<String, String>;

/// The kind of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// An e-mail address.
    Email,
    /// A web address (`https://…` or a bare domain such as `www.example.com`).
    Url,
    /// A telephone number.
    Phone,
    /// A colour as `#rgb` or `#rrggbb`.
    Colour,
    /// A checkbox.
    Flag,
    /// A HaloPSA top level (picker fed by `/TopLevel`).
    TopLevel,
    /// A service category (picker fed by `/ServiceCategory`).
    ServiceCategory,
    /// A service status (picker fed by `/ServiceStatus`).
    ServiceStatus,
    /// A client, entered as `Name (#id)`, an id, or an exact name (searchable picker).
    Client,
    /// An IANA time zone from [`crate::forms::time_zones::TIME_ZONES`].
    TimeZone,
}

impl Kind {
    /// Whether the value is a HaloPSA id picked from a list.
    pub fn is_id(self) -> bool {
        matches!(
            self,
            Kind::TopLevel | Kind::ServiceCategory | Kind::ServiceStatus | Kind::Client
        )
    }
}

/// When a field is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// On create and edit.
    Always,
    /// Only when creating (HaloPSA's write-only "new record" helpers).
    CreateOnly,
}

/// One field of a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// HaloPSA's field name (the JSON key sent upstream).
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Longest accepted value, in characters.
    pub max: usize,
    pub when: When,
}

/// Longest name HaloPSA takes.
pub const NAME: usize = 100;
/// Longest one-line text (addresses, e-mail, web addresses).
pub const LINE: usize = 255;
/// Longest notes field.
pub const NOTES: usize = 4000;

impl Field {
    /// A field shown on create and edit.
    pub const fn new(
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

    /// An optional line of text of at most `max` characters.
    pub const fn text(key: &'static str, label: &'static str, max: usize) -> Field {
        Field::new(key, label, Kind::Text, false, max)
    }

    /// An optional field shown only when creating (HaloPSA's write-only "new record" helpers).
    pub const fn on_create(
        key: &'static str,
        label: &'static str,
        kind: Kind,
        max: usize,
    ) -> Field {
        Field {
            when: When::CreateOnly,
            ..Field::new(key, label, kind, false, max)
        }
    }

    /// Whether the field is on the form when creating (`true`) or editing (`false`).
    pub fn shown(&self, creating: bool) -> bool {
        creating || self.when == When::Always
    }
}

/// A whole form: the fields of one entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormSpec {
    /// What one record is called (`client`).
    pub singular: &'static str,
    /// The URL segment of the entity's pages (`clients`).
    pub path: &'static str,
    pub fields: &'static [Field],
}

impl FormSpec {
    /// The fields shown when creating or editing.
    pub fn shown(&self, creating: bool) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(move |f| f.shown(creating))
    }

    /// The field with this key.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

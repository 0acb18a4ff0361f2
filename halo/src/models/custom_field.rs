//! Custom field values carried on most Halo records.

record! {
    /// A custom field on a Halo record (`CustomField`): id, name, label and its raw value.
    pub struct CustomField {
        name: String,
        label: String,
        value: serde_json::Value,
        display: String,
        #[serde(rename = "type")]
        kind: i32,
        usage: i32,
    }
}

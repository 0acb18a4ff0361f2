//! The fields HaloPSA knows per writable entity (`known-fields.txt`, generated from the OpenAPI subset by
//! `scripts/gen-known-fields.py`). Strict mode drops any other field of a POST, as HaloPSA ignores what it
//! does not know: a client that sends a misspelt field sees its change vanish, as it would on a tenant.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::entity::Entity;

const LIST: &str = include_str!("known-fields.txt");

fn section(entity: Entity) -> &'static str {
    match entity {
        Entity::Client => "Client",
        Entity::Site => "Site",
        Entity::Supplier => "Supplier",
        Entity::Organisation => "Organisation",
        Entity::Service => "Service",
        Entity::CrmNote => "CrmNote",
        Entity::PopupNote => "PopupNote",
        Entity::TopLevel => "TopLevel",
        Entity::ServiceCategory => "ServiceCategory",
        Entity::ServiceStatus => "ServiceStatus",
    }
}

fn table() -> &'static HashMap<&'static str, HashSet<&'static str>> {
    static TABLE: OnceLock<HashMap<&'static str, HashSet<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<&str, HashSet<&str>> = HashMap::new();
        let mut current = "";
        for line in LIST.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                Some(name) => current = name,
                None => {
                    table.entry(current).or_default().insert(line);
                }
            }
        }
        table
    })
}

/// Whether HaloPSA knows `field` on `entity`.
pub(crate) fn known(entity: Entity, field: &str) -> bool {
    table()
        .get(section(entity))
        .is_some_and(|fields| fields.contains(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entity_has_its_fields_and_no_other() {
        for e in [
            Entity::Client,
            Entity::Site,
            Entity::Supplier,
            Entity::Organisation,
            Entity::Service,
            Entity::CrmNote,
            Entity::PopupNote,
        ] {
            assert!(known(e, "id"), "{e:?}");
            assert!(!known(e, "made_up_field"), "{e:?}");
        }
        assert!(known(Entity::Client, "newclient_sitename"));
        assert!(
            known(Entity::Site, "invoice_address_line5"),
            "from the product spec"
        );
        assert!(
            !known(Entity::Site, "newclient_sitename"),
            "a client's helper"
        );
    }
}

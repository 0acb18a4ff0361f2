//! The findings of a walk, from the list rows alone (no detail calls): duplicate names among clients, among
//! companies and among the sites of one client; sites with no name or no delivery address; clients with no
//! sites; inactive clients whose sites are active.

use super::links::{list_href, shared_search};
use super::names::NameKey;
use super::report::{Finding, Group, Member, Report};
use crate::entities::EntityKind;
use halo::models::{ClientSummary, SiteSummary, SupplierSummary};
use std::collections::{BTreeMap, HashSet};

/// Everything one walk read.
#[derive(Debug, Default)]
pub struct Walked {
    pub clients: Vec<ClientSummary>,
    pub sites: Vec<SiteSummary>,
    pub companies: Vec<SupplierSummary>,
}

/// The findings of `w`, stamped `walked_at`.
pub fn report(w: &Walked, walked_at: String) -> Report {
    let mut duplicates = groups(EntityKind::Clients, "Clients", None, clients_named(w));
    duplicates.extend(groups(
        EntityKind::Suppliers,
        "Companies",
        None,
        companies_named(w),
    ));
    let mut by_client: BTreeMap<i32, Vec<Member>> = BTreeMap::new();
    for s in &w.sites {
        let client = s.client_id.unwrap_or(0);
        by_client
            .entry(client)
            .or_default()
            .push(member(s.id, s.name.as_deref(), ""));
    }
    for (client, sites) in by_client {
        let scope = client_name(w, client);
        duplicates.extend(groups(
            EntityKind::Sites,
            &format!("Sites of {scope}"),
            Some(client),
            sites,
        ));
    }
    Report {
        walked_at,
        counts: (
            w.clients.len() as u64,
            w.sites.len() as u64,
            w.companies.len() as u64,
        ),
        duplicates,
        incomplete: incomplete(w),
    }
}

fn member(id: i32, name: Option<&str>, facts: &str) -> Member {
    Member {
        id,
        name: name.unwrap_or_default().to_string(),
        facts: facts.to_string(),
    }
}

fn clients_named(w: &Walked) -> Vec<Member> {
    let facts = |c: &ClientSummary| {
        let status = if c.inactive.unwrap_or(false) {
            "inactive"
        } else {
            "active"
        };
        match c.toplevel_name.as_deref() {
            Some(t) => format!("{status} · {t}"),
            None => status.to_string(),
        }
    };
    w.clients
        .iter()
        .map(|c| member(c.id, c.name.as_deref(), &facts(c)))
        .collect()
}

fn companies_named(w: &Walked) -> Vec<Member> {
    let facts = |s: &SupplierSummary| s.email_address.clone().unwrap_or_default();
    w.companies
        .iter()
        .map(|s| member(s.id, s.name.as_deref(), &facts(s)))
        .collect()
}

fn client_name(w: &Walked, id: i32) -> String {
    w.clients
        .iter()
        .find(|c| c.id == id)
        .and_then(|c| c.name.clone())
        .unwrap_or_else(|| format!("client {id}"))
}

/// The groups of two or more `members` whose names match. Matching is not transitive (a name without a
/// legal form matches two that differ in theirs), so a bucket of equal words splits by legal form, each
/// part keeping the members that have none.
fn groups(kind: EntityKind, scope: &str, client: Option<i32>, members: Vec<Member>) -> Vec<Group> {
    let mut buckets: BTreeMap<String, Vec<(Option<String>, Member)>> = BTreeMap::new();
    for m in members.into_iter().filter(|m| !m.name.trim().is_empty()) {
        let key = NameKey::of(&m.name);
        let words = key.words.last().cloned().unwrap_or_default();
        if words.is_empty() {
            // nothing but punctuation or legal words: nothing to compare
            continue;
        }
        buckets.entry(words).or_default().push((key.form, m));
    }
    let mut out = Vec::new();
    for (_, bucket) in buckets {
        let forms: HashSet<Option<String>> = bucket
            .iter()
            .filter(|(f, _)| f.is_some())
            .map(|(f, _)| f.clone())
            .collect();
        let parts: Vec<Option<String>> = if forms.len() > 1 {
            forms.into_iter().collect()
        } else {
            vec![None]
        };
        for form in parts {
            let members: Vec<Member> = bucket
                .iter()
                .filter(|(f, _)| form.is_none() || f.is_none() || *f == form)
                .map(|(_, m)| m.clone())
                .collect();
            if members.len() > 1 {
                let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
                let href = list_href(kind, shared_search(&names), client, true);
                out.push(Group {
                    kind,
                    scope: scope.to_string(),
                    members,
                    href,
                });
            }
        }
    }
    out
}

fn incomplete(w: &Walked) -> Vec<Finding> {
    let mut out = Vec::new();
    // every finding is fixed among a client's sites: adding one, naming one, giving it an address
    let finding = |kind, id, name: Option<&str>, problem: &str, client: i32, all: bool| Finding {
        kind,
        id,
        name: name
            .filter(|n| !n.trim().is_empty())
            .map_or_else(|| format!("#{id}"), str::to_string),
        problem: problem.to_string(),
        href: list_href(EntityKind::Sites, None, Some(client), all),
    };
    for s in &w.sites {
        let client = s.client_id.unwrap_or(0);
        if s.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            out.push(finding(
                EntityKind::Sites,
                s.id,
                None,
                "has no name",
                client,
                true,
            ));
        }
        let lines = [
            &s.delivery_address_line1,
            &s.delivery_address_line2,
            &s.delivery_address_line3,
        ];
        if lines
            .iter()
            .all(|l| l.as_deref().is_none_or(|l| l.trim().is_empty()))
        {
            out.push(finding(
                EntityKind::Sites,
                s.id,
                s.name.as_deref(),
                "has no delivery address",
                client,
                true,
            ));
        }
    }
    let with_sites: HashSet<i32> = w.sites.iter().filter_map(|s| s.client_id).collect();
    let active_sites: HashSet<i32> = w
        .sites
        .iter()
        .filter(|s| !s.inactive.unwrap_or(false))
        .filter_map(|s| s.client_id)
        .collect();
    for c in &w.clients {
        if !with_sites.contains(&c.id) {
            out.push(finding(
                EntityKind::Clients,
                c.id,
                c.name.as_deref(),
                "has no sites",
                c.id,
                true,
            ));
        } else if c.inactive.unwrap_or(false) && active_sites.contains(&c.id) {
            out.push(finding(
                EntityKind::Clients,
                c.id,
                c.name.as_deref(),
                "is inactive but has active sites",
                c.id,
                false,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(id: i32, name: &str) -> ClientSummary {
        ClientSummary {
            id,
            name: Some(name.into()),
            ..Default::default()
        }
    }

    fn site(id: i32, client: i32, name: &str, line1: Option<&str>) -> SiteSummary {
        SiteSummary {
            id,
            client_id: Some(client),
            name: Some(name.into()),
            delivery_address_line1: line1.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn duplicates_group_by_normalised_name_and_split_by_legal_form() {
        let w = Walked {
            clients: vec![
                client(1, "Acme Ltd"),
                client(2, "ACME Limited"),
                client(3, "Acme"),
                client(4, "Acme Inc"),
                client(5, "Globex"),
            ],
            sites: vec![
                site(10, 1, "Head Office", Some("1 Road")),
                site(11, 1, "Head-Office", Some("1 Road")),
                site(12, 2, "Head Office", Some("2 Road")),
            ],
            companies: vec![],
        };
        let r = report(&w, "now".into());
        let clients: Vec<Vec<i32>> = r
            .duplicates
            .iter()
            .filter(|g| g.kind == EntityKind::Clients)
            .map(|g| g.members.iter().map(|m| m.id).collect())
            .collect();
        assert_eq!(clients.len(), 2, "{clients:?}");
        assert!(clients.contains(&vec![1, 2, 3]), "{clients:?}");
        assert!(clients.contains(&vec![3, 4]), "{clients:?}");
        let sites: Vec<&Group> = r
            .duplicates
            .iter()
            .filter(|g| g.kind == EntityKind::Sites)
            .collect();
        assert_eq!(
            sites.len(),
            1,
            "sites of different clients are not duplicates"
        );
        assert_eq!(sites[0].scope, "Sites of Acme Ltd");
        assert_eq!(
            sites[0].href, "/sites?q=Office&status=all&client_id=1",
            "a client's sites, searched for the shared word"
        );
        let acme = r.duplicates.iter().find(|g| g.members.len() == 3).unwrap();
        assert_eq!(acme.href, "/clients?q=Acme&status=all");
    }

    #[test]
    fn incomplete_records_are_named_with_what_they_lack() {
        let mut inactive = client(2, "Old Co");
        inactive.inactive = Some(true);
        let w = Walked {
            clients: vec![client(1, "Lonely Ltd"), inactive],
            sites: vec![site(10, 2, " ", None)],
            companies: vec![],
        };
        let problems: Vec<(i32, String)> = report(&w, String::new())
            .incomplete
            .into_iter()
            .map(|f| (f.id, f.problem))
            .collect();
        assert_eq!(
            problems,
            vec![
                (10, "has no name".to_string()),
                (10, "has no delivery address".to_string()),
                (1, "has no sites".to_string()),
                (2, "is inactive but has active sites".to_string()),
            ]
        );
        let hrefs: Vec<String> = report(&w, String::new())
            .incomplete
            .into_iter()
            .map(|f| f.href)
            .collect();
        assert_eq!(
            hrefs,
            [
                "/sites?status=all&client_id=2",
                "/sites?status=all&client_id=2",
                "/sites?status=all&client_id=1",
                "/sites?client_id=2",
            ],
            "every finding opens the client's sites; the active ones for an inactive client"
        );
    }
}

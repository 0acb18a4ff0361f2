//! The data health report as CSV (`/data-health.csv`): one line per record of every finding, written by the
//! export's own rules (the `csv` crate's quoting, formulas defused).

use super::report::Report;
use crate::exports::csv_line;

/// The header line's fields.
pub const HEADER: [&str; 7] = [
    "finding", "group", "entity", "id", "name", "facts", "fix at",
];

/// Every line of `report`'s CSV, the header first: each member of each duplicate group (`group` numbers the
/// group and names its scope, `facts` are the member's key facts), then each incomplete record (`group` is
/// what it lacks).
pub fn lines(report: &Report) -> Vec<String> {
    let mut out = vec![csv_line(HEADER.map(String::from))];
    for (n, g) in report.duplicates.iter().enumerate() {
        let entity = g.kind.entity().words.one;
        for m in &g.members {
            out.push(csv_line([
                "possible duplicate".to_string(),
                format!("{}: {}", n + 1, g.scope),
                entity.to_string(),
                m.id.to_string(),
                m.name.clone(),
                m.facts.clone(),
                g.href.clone(),
            ]));
        }
    }
    for f in &report.incomplete {
        out.push(csv_line([
            "incomplete".to_string(),
            f.problem.clone(),
            f.kind.entity().words.one.to_string(),
            f.id.to_string(),
            f.name.clone(),
            String::new(),
            f.href.clone(),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityKind;
    use crate::health::report::{Finding, Group, Member};

    #[test]
    fn one_line_per_record_of_every_finding_with_formulas_defused() {
        let member = |id, name: &str| Member {
            id,
            name: name.into(),
            facts: "active".into(),
        };
        let report = Report {
            walked_at: String::new(),
            counts: (2, 1, 0),
            duplicates: vec![Group {
                kind: EntityKind::Clients,
                scope: "Clients".into(),
                members: vec![member(1, "Acme Ltd"), member(2, "=ACME, Limited")],
                href: "/clients?q=Acme&status=all".into(),
            }],
            incomplete: vec![Finding {
                kind: EntityKind::Sites,
                id: 9,
                name: "Depot".into(),
                problem: "has no delivery address".into(),
                href: "/sites?status=all&client_id=1".into(),
            }],
        };
        assert_eq!(
            lines(&report),
            [
                "finding,group,entity,id,name,facts,fix at\r\n",
                "possible duplicate,1: Clients,client,1,Acme Ltd,active,/clients?q=Acme&status=all\r\n",
                "possible duplicate,1: Clients,client,2,\"'=ACME, Limited\",active,/clients?q=Acme&status=all\r\n",
                "incomplete,has no delivery address,site,9,Depot,,/sites?status=all&client_id=1\r\n",
            ]
        );
    }
}

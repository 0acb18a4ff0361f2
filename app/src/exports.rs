//! CSV export of a list's current filter: every page, streamed, walking HaloPSA's pages through the
//! gateway (so within the rate budget). Its columns are the list's, from the entity's descriptor. Server
//! only; the server mounts it at `/export/<list>.csv`.

use crate::components::list::cells::{Cell, Row};
use crate::entities::{EntityKind, ListView};
use crate::errors::AppError;
use crate::params::ListParams;
use futures::stream::{self, BoxStream, StreamExt};

/// A list that can be exported: one of an entity's lists.
#[derive(Debug, Clone, Copy)]
pub struct Export {
    pub kind: EntityKind,
    pub view: &'static ListView,
}

impl Export {
    /// The list named by the URL file name, e.g. `clients.csv`.
    pub fn from_file_name(name: &str) -> Option<Self> {
        crate::entities::export_of(name).map(|(kind, view)| Export { kind, view })
    }

    /// The URL file name, e.g. `clients.csv` (also the list's name in the audit log).
    pub fn file_name(self) -> &'static str {
        self.view.export
    }
}

/// Whether a spreadsheet could read `value` as a formula: its first character that is not a space
/// (spreadsheets skip leading spaces) is `=`, `+`, `-`, `@`, a tab or a carriage return.
pub fn looks_like_formula(value: &str) -> bool {
    let first = value
        .chars()
        .find(|c| !c.is_whitespace() || matches!(c, '\t' | '\r'));
    matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// A cell that [looks like a formula](looks_like_formula) gets a leading `'`, so spreadsheets show it as
/// text instead of running it.
pub fn defuse(value: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(value) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// A CSV line (CRLF-terminated, quoted by the `csv` crate's rules) from fields, each [defused](defuse).
pub fn csv_line<I: IntoIterator<Item = String>>(fields: I) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let record: Vec<String> = fields
        .into_iter()
        .map(|f| defuse(&f).into_owned())
        .collect();
    // writing to a Vec cannot fail, and fields are Rust strings, so the bytes are UTF-8
    let _ = writer.write_record(&record);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The header fields of `view`: `id`, then each column's label in lower case; a column of references to
/// other records gets their ids too (`client id`, `client`).
fn header(view: &ListView, order: &[usize]) -> Vec<String> {
    let mut fields = vec!["id".to_string()];
    for c in order.iter().map(|&i| &view.columns[i]) {
        let label = c.label.to_lowercase();
        if c.refers {
            fields.push(format!("{label} id"));
        }
        fields.push(label);
    }
    fields
}

/// One record's fields, in [`header`]'s order.
fn fields(view: &ListView, order: &[usize], row: &Row) -> Vec<String> {
    let mut out = vec![row.id.to_string()];
    for &i in order {
        let (c, cell) = (&view.columns[i], row.cells.get(i).unwrap_or(&Cell::Empty));
        if c.refers {
            out.push(cell.ref_id().map(|i| i.to_string()).unwrap_or_default());
        }
        out.push(cell.plain(row));
    }
    out
}

type Lines = BoxStream<'static, Result<String, AppError>>;

/// The records an export is narrowed to by `only=<id>,<id>,…` (a bulk selection's export); `None` without
/// it. A value that is not a record id is refused.
pub fn only_ids(raw_query: &str) -> Result<Option<Vec<i32>>, AppError> {
    let Some((_, raw)) = crate::params::query_pairs(raw_query)
        .into_iter()
        .rfind(|(k, _)| k == "only")
    else {
        return Ok(None);
    };
    crate::params::id_list(&raw, "only")
        .map(Some)
        .map_err(|r| AppError::bad_input(format!("only: {}", r.message)))
}

/// The CSV body for `export` filtered by the URL query `raw_query`: header line, then one line per record
/// (with `only`, the records named there, the walk ending once it has found them all). A bad query is
/// refused before anything is asked of HaloPSA.
pub fn csv_stream(
    halo: halo::client::HaloClient,
    export: Export,
    raw_query: &str,
) -> Result<Lines, AppError> {
    let view = export.view;
    let params: ListParams = ListParams::from_query(view.spec, raw_query)
        .map_err(|r| AppError::bad_input(r.message))?
        .params;
    let order = crate::components::list::columns::exported(view, params.cols.as_deref())
        .map_err(AppError::bad_input)?;
    let only = only_ids(raw_query)?;
    let rows = crate::entities::with_store!(export.kind, S => {
        crate::functions::lists::ssr::rows::<S>(halo, view, params)
    });
    let rows = match only {
        Some(ids) => {
            let n = ids.len();
            rows.filter(move |r| {
                std::future::ready(r.as_ref().map_or(true, |row| ids.contains(&row.id)))
            })
            .take(n)
            .boxed()
        }
        None => rows,
    };
    let head = csv_line(header(view, &order));
    let body = rows.map(move |r| r.map(|row| csv_line(fields(view, &order, &row))));
    Ok(stream::once(async move { Ok(head) }).chain(body).boxed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        let one = |v: &str| {
            csv_line([v.to_string()])
                .trim_end_matches("\r\n")
                .to_string()
        };
        assert_eq!(one("plain"), "plain");
        assert_eq!(one("a,b"), "\"a,b\"");
        assert_eq!(one("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(one("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(one("-3"), "'-3");
        assert_eq!(one("  =1+1"), "'  =1+1");
        assert_eq!(one(" \u{a0}@SUM(A1)"), "' \u{a0}@SUM(A1)");
        assert_eq!(one(" \tx"), "' \tx");
        assert_eq!(one("a = b"), "a = b");
        assert_eq!(one("   "), "   ");
        assert_eq!(
            csv_line(["a".to_string(), "b\nc".to_string()]),
            "a,\"b\nc\"\r\n"
        );
    }

    #[test]
    fn only_names_record_ids() {
        assert_eq!(only_ids("q=a").unwrap(), None);
        assert_eq!(
            only_ids("q=a&only=3%2C1,3").unwrap(),
            Some(vec![3, 1]),
            "in order, once each"
        );
        assert!(only_ids("only=1,x").is_err());
        assert!(only_ids("only=-2").is_err());
    }

    #[test]
    fn only_known_lists_export() {
        let clients = Export::from_file_name("clients.csv").expect("clients export");
        assert_eq!(clients.kind, EntityKind::Clients);
        assert_eq!(clients.file_name(), "clients.csv");
        assert_eq!(
            Export::from_file_name("stock-bins.csv").map(|e| e.file_name()),
            Some("stock-bins.csv")
        );
        assert!(Export::from_file_name("../etc/passwd").is_none());
    }

    #[test]
    fn a_reference_column_exports_the_id_and_the_name() {
        let sites = Export::from_file_name("sites.csv").unwrap().view;
        let all: Vec<usize> = (0..sites.columns.len()).collect();
        let head = header(sites, &all);
        assert_eq!(&head[..4], ["id", "name", "client id", "client"]);
        let row = Row {
            id: 9,
            name: "Depot".into(),
            inactive: Some(false),
            swatch: None,
            cells: vec![
                Cell::Name,
                Cell::Ref {
                    kind: EntityKind::Clients,
                    id: 4,
                    text: "=Acme".into(),
                },
            ],
        };
        let line = csv_line(fields(sites, &all, &row));
        assert!(line.starts_with("9,Depot,4,'=Acme,"), "{line}");
        assert_eq!(
            fields(sites, &all, &row).len(),
            head.len(),
            "missing cells are empty fields"
        );
        // chosen columns: the export writes those, in their order
        let chosen = [0, 2, 1];
        assert_eq!(
            header(sites, &chosen),
            ["id", "name", "status", "client id", "client"]
        );
        assert_eq!(
            csv_line(fields(sites, &chosen, &row)),
            "9,Depot,,4,'=Acme\r\n"
        );
    }
}

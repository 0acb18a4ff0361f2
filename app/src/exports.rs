//! CSV export of a list's current filter: every page, streamed, walking HaloPSA's pages through the
//! gateway (so within the rate budget). Server only; the server mounts it at `/export/<list>.csv`.

use crate::errors::AppError;
use crate::params::{lists, ListParams, ListSpec};
use futures::stream::{self, BoxStream, StreamExt};

/// A list that can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Clients,
    Sites,
    StockBins,
    Suppliers,
    Organisations,
    Services,
}

impl Export {
    /// The list named by the URL file name, e.g. `clients.csv`.
    pub fn from_file_name(name: &str) -> Option<Self> {
        match name {
            "clients.csv" => Some(Export::Clients),
            "sites.csv" => Some(Export::Sites),
            "stock-bins.csv" => Some(Export::StockBins),
            "suppliers.csv" => Some(Export::Suppliers),
            "organisations.csv" => Some(Export::Organisations),
            "services.csv" => Some(Export::Services),
            _ => None,
        }
    }

    /// The URL file name, e.g. `clients.csv` (also the list's name in the audit log).
    pub fn file_name(self) -> &'static str {
        match self {
            Export::Clients => "clients.csv",
            Export::Sites => "sites.csv",
            Export::StockBins => "stock-bins.csv",
            Export::Suppliers => "suppliers.csv",
            Export::Organisations => "organisations.csv",
            Export::Services => "services.csv",
        }
    }

    fn spec(self) -> &'static ListSpec {
        match self {
            Export::Clients => &lists::CLIENTS,
            Export::Sites => &lists::SITES,
            Export::StockBins => &lists::STOCK_BINS,
            Export::Suppliers => &lists::SUPPLIERS,
            Export::Organisations => &lists::ORGANISATIONS,
            Export::Services => &lists::SERVICES,
        }
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

/// One CSV field: quoted when needed; a cell that [looks like a formula](looks_like_formula) is
/// defused with a leading `'` so spreadsheets show it as text instead of running it.
pub fn csv_field(value: &str) -> String {
    let value = if looks_like_formula(value) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A CSV line (CRLF-terminated) from fields.
pub fn csv_line<I: IntoIterator<Item = String>>(fields: I) -> String {
    let mut line = fields
        .into_iter()
        .map(|f| csv_field(&f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

type Lines = BoxStream<'static, Result<String, AppError>>;

/// Header line, then the body lines.
fn with_header(header: &[&str], body: Lines) -> Lines {
    let header = csv_line(header.iter().map(|h| h.to_string()));
    stream::once(async move { Ok(header) }).chain(body).boxed()
}

/// Lines from a list HaloPSA pages itself (walked through every page by the client).
fn paged<T: 'static, R: 'static>(
    records: impl futures::Stream<Item = Result<T, halo::Error>> + Send + 'static,
    row: fn(&T) -> R,
    line: impl Fn(R) -> String + Send + 'static,
) -> Lines {
    records
        .map(move |r| r.map(|x| row(&x)).map(&line).map_err(AppError::from))
        .boxed()
}

/// Lines from a list HaloPSA returns whole (searched and sorted here, like the page does, but not paged).
fn whole<R: Send + 'static>(
    fetch: impl std::future::Future<Output = Result<Vec<R>, halo::Error>> + Send + 'static,
    spec: &'static ListSpec,
    raw_query: String,
    sort_key: fn(&R, &str) -> String,
    name: fn(&R) -> String,
    line: impl Fn(R) -> String + Send + 'static,
) -> Lines {
    stream::once(async move {
        let rows = fetch.await?;
        let mut parsed =
            ListParams::from_query(spec, &raw_query).map_err(|r| AppError::bad_input(r.message))?;
        parsed.params.page = 1;
        parsed.params.per_page = u32::MAX;
        let page = crate::functions::local_list::page_of(rows, parsed, sort_key, name);
        Ok::<_, AppError>(stream::iter(page.rows.into_iter().map(line).map(Ok)))
    })
    .map(|r| match r {
        Ok(s) => s.boxed(),
        Err(e) => stream::once(async move { Err(e) }).boxed(),
    })
    .flatten()
    .boxed()
}

/// The CSV body for `export` filtered by the URL query `raw_query`: header line, then one line per record.
/// A bad query is refused before anything is asked of HaloPSA.
pub fn csv_stream(
    halo: halo::client::HaloClient,
    export: Export,
    raw_query: &str,
) -> Result<Lines, AppError> {
    use crate::functions::{
        clients::ssr as clients, organisations::ssr as orgs, services::ssr as services,
    };
    use crate::functions::{sites::ssr as sites, suppliers::ssr as suppliers};
    let params = ListParams::from_query(export.spec(), raw_query)
        .map_err(|r| AppError::bad_input(r.message))?
        .params;
    fn opt(v: Option<String>) -> String {
        v.unwrap_or_default()
    }
    fn num(v: Option<i32>) -> String {
        v.map(|n| n.to_string()).unwrap_or_default()
    }
    fn yes(b: bool) -> String {
        if b { "yes" } else { "no" }.to_string()
    }
    let site_line = |s: crate::functions::sites::SiteRow| {
        let (cid, cname) = s
            .client
            .map(|(i, n)| (i.to_string(), n))
            .unwrap_or_default();
        csv_line([
            s.id.to_string(),
            s.name,
            cid,
            cname,
            yes(s.inactive),
            opt(s.phone),
            opt(s.timezone),
            yes(s.stock_location),
        ])
    };
    const SITE_HEADER: &[&str] = &[
        "id",
        "name",
        "client id",
        "client",
        "inactive",
        "phone",
        "time zone",
        "stock location",
    ];
    let raw = raw_query.to_string();
    Ok(match export {
        Export::Clients => with_header(
            &[
                "id",
                "name",
                "top level",
                "inactive",
                "website",
                "open tickets",
            ],
            paged(
                halo.clients().stream(clients::client_query(&params)),
                clients::row,
                |c| {
                    csv_line([
                        c.id.to_string(),
                        c.name,
                        opt(c.toplevel),
                        yes(c.inactive),
                        opt(c.website),
                        num(c.open_tickets),
                    ])
                },
            ),
        ),
        Export::Sites => with_header(
            SITE_HEADER,
            paged(
                halo.sites().stream(sites::site_query(&params)),
                sites::row,
                site_line,
            ),
        ),
        Export::StockBins => {
            let fetch = async move {
                Ok(halo
                    .sites()
                    .stock_bins()
                    .await?
                    .iter()
                    .map(sites::row)
                    .collect())
            };
            let key = |r: &crate::functions::sites::SiteRow, k: &str| match k {
                "client" => r
                    .client
                    .as_ref()
                    .map(|c| c.1.to_lowercase())
                    .unwrap_or_default(),
                "id" => format!("{:012}", r.id),
                _ => r.name.to_lowercase(),
            };
            with_header(
                SITE_HEADER,
                whole(
                    fetch,
                    &lists::STOCK_BINS,
                    raw,
                    key,
                    |r| r.name.clone(),
                    site_line,
                ),
            )
        }
        Export::Suppliers => with_header(
            &[
                "id",
                "name",
                "top level",
                "inactive",
                "contact",
                "phone",
                "e-mail",
                "contracts",
            ],
            paged(
                halo.suppliers().stream(suppliers::supplier_query(&params)),
                suppliers::row,
                |s| {
                    csv_line([
                        s.id.to_string(),
                        s.name,
                        opt(s.toplevel),
                        yes(s.inactive),
                        opt(s.contact),
                        opt(s.phone),
                        opt(s.email),
                        num(s.contracts),
                    ])
                },
            ),
        ),
        Export::Organisations => {
            let fetch = async move {
                let list = halo.organisations().list(&Default::default()).await?;
                Ok(list.items.into_iter().map(orgs::row).collect())
            };
            with_header(
                &[
                    "id",
                    "name",
                    "phone",
                    "e-mail",
                    "website",
                    "portal URL",
                    "portal colour",
                ],
                whole(
                    fetch,
                    &lists::ORGANISATIONS,
                    raw,
                    orgs::sort_key,
                    |r| r.name.clone(),
                    |o| {
                        csv_line([
                            o.id.to_string(),
                            o.name,
                            opt(o.phone),
                            opt(o.email),
                            opt(o.website),
                            opt(o.portal_url),
                            opt(o.colour),
                        ])
                    },
                ),
            )
        }
        Export::Services => with_header(
            &[
                "id",
                "name",
                "category",
                "status code",
                "business owner",
                "subscribers",
            ],
            paged(
                halo.services().stream(services::service_query(&params)),
                services::row,
                |v| {
                    csv_line([
                        v.id.to_string(),
                        v.name,
                        opt(v.category.map(|c| c.1)),
                        num(v.status_code),
                        opt(v.business_owner),
                        num(v.subscribers),
                    ])
                },
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-3"), "'-3");
        assert_eq!(csv_field("  =1+1"), "'  =1+1");
        assert_eq!(csv_field(" \u{a0}@SUM(A1)"), "' \u{a0}@SUM(A1)");
        assert_eq!(csv_field(" \tx"), "' \tx");
        assert_eq!(csv_field("a = b"), "a = b");
        assert_eq!(csv_field("   "), "   ");
        assert_eq!(
            csv_line(["a".to_string(), "b\nc".to_string()]),
            "a,\"b\nc\"\r\n"
        );
    }

    #[test]
    fn only_known_lists_export() {
        assert_eq!(Export::from_file_name("clients.csv"), Some(Export::Clients));
        assert_eq!(Export::from_file_name("../etc/passwd"), None);
    }
}

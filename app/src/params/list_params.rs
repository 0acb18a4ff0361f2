//! `ListParams`: the state of a list page, as it lives in the URL.

use super::spec::{FilterKind, ListSpec};
use super::values;
use serde::{Deserialize, Serialize};

/// Page sizes offered; anything else is clamped to the nearest allowed bound.
pub const PER_PAGE_CHOICES: [u32; 3] = [25, 50, 100];

/// Which records by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum StatusFilter {
    /// Active only (the default, as in HaloPSA).
    #[default]
    Active,
    /// Inactive only.
    Inactive,
    /// Both.
    All,
}

impl StatusFilter {
    /// The URL value.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Active => "active",
            StatusFilter::Inactive => "inactive",
            StatusFilter::All => "all",
        }
    }
}

/// Stock-location filter for sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StockFilter {
    /// Only stock locations.
    Only,
    /// No stock locations.
    Exclude,
}

impl StockFilter {
    /// The URL value.
    pub fn as_str(self) -> &'static str {
        match self {
            StockFilter::Only => "only",
            StockFilter::Exclude => "exclude",
        }
    }
}

/// The validated state of a list page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListParams {
    /// Search text (trimmed, at most 200 characters).
    pub q: Option<String>,
    /// 1-based page.
    pub page: u32,
    /// Rows per page: 25, 50 or 100.
    pub per_page: u32,
    /// URL sort key (one of the list's).
    pub sort: String,
    /// Descending.
    pub desc: bool,
    /// Status filter (lists that have one).
    pub status: StatusFilter,
    /// `toplevel_id` filter.
    pub toplevel_id: Option<i32>,
    /// `client_id` filter.
    pub client_id: Option<i32>,
    /// `stock` filter.
    pub stock: Option<StockFilter>,
    /// `category_id` filter.
    pub category_id: Option<i32>,
    /// The columns shown, by key, in order (`cols=name+website`); `None`: the list's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cols: Option<Vec<String>>,
}

/// Parsed parameters plus notices about values that were clamped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed {
    pub params: ListParams,
    /// Plain-words notes, e.g. "Showing 100 rows per page (the most HaloPSA returns)."
    pub notices: Vec<String>,
}

/// A parameter that cannot be used; nothing is asked of HaloPSA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// The URL parameter.
    pub param: String,
    /// What is wrong, in plain words (the offending value is quoted, never interpreted).
    pub message: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ListParams {
    /// The first page of `spec`'s list with its defaults.
    pub fn defaults(spec: &ListSpec) -> Self {
        ListParams {
            q: None,
            page: 1,
            per_page: 50,
            sort: spec.default_sort().to_string(),
            desc: false,
            status: StatusFilter::Active,
            toplevel_id: None,
            client_id: None,
            stock: None,
            category_id: None,
            cols: None,
        }
    }

    /// Parses URL query pairs for `spec`'s list. Unknown parameters are ignored; the last value of a repeated
    /// parameter wins.
    pub fn parse<'a, I>(spec: &ListSpec, pairs: I) -> Result<Parsed, Rejection>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut p = ListParams::defaults(spec);
        let mut notices = Vec::new();
        for (key, raw) in pairs {
            let value = raw.trim();
            match key {
                "q" => p.q = values::search(value, &mut notices),
                "page" if !value.is_empty() => p.page = values::page(value, &mut notices)?,
                "per_page" if !value.is_empty() => {
                    p.per_page = values::per_page(value, &mut notices)?
                }
                "sort" if !value.is_empty() => p.sort = values::sort(spec, value)?,
                "desc" => p.desc = values::flag(value, "desc", "Descending")?,
                "status" if spec.has_status && !value.is_empty() => {
                    p.status = values::status(value)?
                }
                "toplevel_id" if spec.has(FilterKind::TopLevel) => {
                    p.toplevel_id = values::id(value, "toplevel_id", "Top level")?
                }
                "client_id" if spec.has(FilterKind::Client) => {
                    p.client_id = values::id(value, "client_id", "Client")?
                }
                "category_id" if spec.has(FilterKind::Category) => {
                    p.category_id = values::id(value, "category_id", "Category")?
                }
                "stock" if spec.has(FilterKind::Stock) => p.stock = values::stock(value)?,
                "cols" => p.cols = values::cols(value)?,
                _ => {}
            }
        }
        Ok(Parsed { params: p, notices })
    }

    /// The URL query (without `?`) for these parameters, leaving out defaults so links stay short.
    pub fn to_query(&self, spec: &ListSpec) -> String {
        let base = self.query_before_cols(spec);
        match &self.cols {
            Some(cols) => with_cols(base, cols),
            None => base,
        }
    }

    /// [`Self::to_query`] without `cols`, which comes last: the column chooser's links share this and
    /// each adds its own order with [`with_cols`].
    pub fn query_before_cols(&self, spec: &ListSpec) -> String {
        let mut out: Vec<(&str, String)> = Vec::new();
        if let Some(q) = &self.q {
            out.push(("q", encode(q)));
        }
        if self.status != StatusFilter::Active && spec.has_status {
            out.push(("status", self.status.as_str().into()));
        }
        if let Some(v) = self.toplevel_id {
            out.push(("toplevel_id", v.to_string()));
        }
        if let Some(v) = self.client_id {
            out.push(("client_id", v.to_string()));
        }
        if let Some(v) = self.stock {
            out.push(("stock", v.as_str().into()));
        }
        if let Some(v) = self.category_id {
            out.push(("category_id", v.to_string()));
        }
        if self.sort != spec.default_sort() {
            out.push(("sort", encode(&self.sort)));
        }
        if self.desc {
            out.push(("desc", "true".into()));
        }
        if self.per_page != 50 {
            out.push(("per_page", self.per_page.to_string()));
        }
        if self.page != 1 {
            out.push(("page", self.page.to_string()));
        }
        let mut query = String::new();
        for (k, v) in out {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(k);
            query.push('=');
            query.push_str(&v);
        }
        query
    }

    /// A copy on another page.
    pub fn with_page(&self, page: u32) -> Self {
        ListParams {
            page,
            ..self.clone()
        }
    }

    /// A copy sorted by `key`: the same key again flips the direction; a new key starts ascending. Page 1.
    pub fn with_sort(&self, key: &str) -> Self {
        let desc = if self.sort == key { !self.desc } else { false };
        ListParams {
            sort: key.to_string(),
            desc,
            page: 1,
            ..self.clone()
        }
    }
}

/// `base` (a path), with `?query` when there is a query.
pub fn with_query(base: &str, query: &str) -> String {
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

/// `query` (from [`ListParams::query_before_cols`]) with the columns `cols` shown, in that order.
pub fn with_cols(mut query: String, cols: &[String]) -> String {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str("cols=");
    query.push_str(&encode(&cols.join(" ")));
    query
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl ListParams {
    /// Parses a raw URL query string (see [`ListParams::parse`]).
    pub fn from_query(spec: &ListSpec, raw: &str) -> Result<Parsed, Rejection> {
        let pairs = super::query_pairs(raw);
        ListParams::parse(spec, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: ListSpec = ListSpec {
        sorts: &[("name", "name"), ("toplevel", "toplevel_name")],
        has_status: true,
        filters: &[FilterKind::TopLevel],
    };

    fn parse(q: &[(&str, &str)]) -> Result<Parsed, Rejection> {
        ListParams::parse(&SPEC, q.iter().copied())
    }

    #[test]
    fn defaults_when_the_url_says_nothing() {
        let p = parse(&[]).unwrap();
        assert_eq!(p.params, ListParams::defaults(&SPEC));
        assert!(p.notices.is_empty());
        assert_eq!(p.params.to_query(&SPEC), "");
    }

    #[test]
    fn out_of_range_numbers_are_clamped_with_a_notice() {
        let p = parse(&[("page", "-3"), ("per_page", "10000")]).unwrap();
        assert_eq!(p.params.page, 1);
        assert_eq!(p.params.per_page, 100);
        assert_eq!(p.notices.len(), 2);
        let p = parse(&[("per_page", "30")]).unwrap();
        assert_eq!(p.params.per_page, 50);
    }

    #[test]
    fn meaningless_values_are_rejected_naming_the_parameter() {
        for (k, v) in [
            ("sort", "<script>"),
            ("status", "bogus"),
            ("page", "two"),
            ("toplevel_id", "-1"),
            ("desc", "maybe"),
        ] {
            let err = parse(&[(k, v)]).unwrap_err();
            assert_eq!(err.param, k);
            assert!(err.message.contains(&format!("{:?}", v)), "{}", err.message);
        }
    }

    #[test]
    fn filters_a_list_does_not_have_are_ignored() {
        let p = parse(&[("client_id", "abc"), ("category_id", "x"), ("utm", "1")]).unwrap();
        assert_eq!(p.params.client_id, None);
    }

    #[test]
    fn search_is_trimmed_cleaned_and_bounded() {
        let long = "x".repeat(500);
        let p = parse(&[("q", &long)]).unwrap();
        assert_eq!(p.params.q.as_ref().unwrap().len(), 200);
        let p = parse(&[("q", "  Zürich\u{0} AG ")]).unwrap();
        assert_eq!(p.params.q.as_deref(), Some("Zürich AG"));
        let p = parse(&[("q", "   ")]).unwrap();
        assert_eq!(p.params.q, None);
    }

    #[test]
    fn a_path_takes_a_query_only_when_there_is_one() {
        assert_eq!(with_query("/clients", ""), "/clients");
        assert_eq!(with_query("/clients", "page=2"), "/clients?page=2");
    }

    #[test]
    fn chosen_columns_come_last_so_the_chooser_can_add_them_to_one_query() {
        let mut p = parse(&[("q", "a b"), ("page", "2")]).unwrap().params;
        let cols = vec!["name".to_string(), "top-level".to_string()];
        p.cols = Some(cols.clone());
        assert_eq!(p.to_query(&SPEC), "q=a+b&page=2&cols=name+top-level");
        assert_eq!(p.query_before_cols(&SPEC), "q=a+b&page=2");
        assert_eq!(
            with_cols(p.query_before_cols(&SPEC), &cols),
            p.to_query(&SPEC)
        );
        // a list at its defaults: the columns alone
        let mut d = ListParams::defaults(&SPEC);
        d.cols = Some(cols.clone());
        assert_eq!(with_cols(String::new(), &cols), "cols=name+top-level");
        assert_eq!(d.to_query(&SPEC), "cols=name+top-level");
    }

    #[test]
    fn query_round_trips() {
        let p = parse(&[
            ("q", "a&b c"),
            ("status", "all"),
            ("sort", "toplevel"),
            ("desc", "true"),
            ("page", "3"),
            ("per_page", "100"),
            ("toplevel_id", "4"),
        ])
        .unwrap()
        .params;
        let query = p.to_query(&SPEC);
        assert_eq!(
            query,
            "q=a%26b+c&status=all&toplevel_id=4&sort=toplevel&desc=true&per_page=100&page=3"
        );
        let pairs: Vec<(String, String)> = query
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), v.replace('+', " ").replace("%26", "&"))
            })
            .collect();
        let again =
            ListParams::parse(&SPEC, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        assert_eq!(again.params, p);
    }

    #[test]
    fn sorting_the_same_column_flips_direction_and_resets_the_page() {
        let p = parse(&[("page", "4")]).unwrap().params;
        let s = p.with_sort("name");
        assert!(s.desc);
        assert_eq!(s.page, 1);
        let s2 = s.with_sort("toplevel");
        assert!(!s2.desc);
    }
}

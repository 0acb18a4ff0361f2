//! Search, sort and paging done by Haloscope for the endpoints where HaloPSA takes no parameters
//! (`/Organisation`, `/Site/StockBins`): the same URL parameters, applied to the full list.

use crate::components::list::ListPage;
use crate::params::Parsed;

/// One page of `rows` after a case-insensitive name search and a sort on `sort_key(row, key)`.
pub fn page_of<R>(
    rows: Vec<R>,
    parsed: Parsed,
    sort_key: impl Fn(&R, &str) -> String,
    name: impl Fn(&R) -> String,
) -> ListPage<R> {
    let p = &parsed.params;
    let needle = p.q.as_ref().map(|q| q.to_lowercase());
    let mut rows: Vec<R> = rows
        .into_iter()
        .filter(|r| {
            needle
                .as_ref()
                .is_none_or(|n| name(r).to_lowercase().contains(n.as_str()))
        })
        .collect();
    rows.sort_by_cached_key(|r| sort_key(r, &p.sort));
    if p.desc {
        rows.reverse();
    }
    let record_count = rows.len() as u64;
    let start = (p.page.saturating_sub(1) as usize).saturating_mul(p.per_page as usize);
    let rows: Vec<R> = rows
        .into_iter()
        .skip(start)
        .take(p.per_page as usize)
        .collect();
    ListPage {
        params: parsed.params,
        notices: parsed.notices,
        rows,
        record_count,
        scope: None,
        unreadable: 0,
        stale: None,
        facets: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::organisations::SPEC as ORGANISATIONS;
    use crate::params::ListParams;

    fn run(query: &str, names: &[&str]) -> ListPage<String> {
        let parsed = ListParams::from_query(&ORGANISATIONS, query).unwrap();
        let rows = names.iter().map(|s| s.to_string()).collect();
        page_of(rows, parsed, |r, _| r.to_lowercase(), |r| r.clone())
    }

    #[test]
    fn searches_sorts_and_pages_the_full_list() {
        let names = ["beta", "Alpha", "gamma", "alphabet"];
        let page = run("q=ALPH", &names);
        assert_eq!(page.rows, vec!["Alpha", "alphabet"]);
        assert_eq!(page.record_count, 2);
        let page = run("desc=true", &names);
        assert_eq!(page.rows, vec!["gamma", "beta", "alphabet", "Alpha"]);
        let many: Vec<String> = (0..60).map(|i| format!("org {i:02}")).collect();
        let refs: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
        let page = run("page=2&per_page=25", &refs);
        assert_eq!(page.rows.first().map(String::as_str), Some("org 25"));
        assert_eq!(page.record_count, 60);
        let past_end = run("page=9", &refs);
        assert!(past_end.rows.is_empty());
    }
}

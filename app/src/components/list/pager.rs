//! "page X of Y · N results" with previous/next and nearby page links.

use crate::params::{ListParams, ListSpec};
use leptos::prelude::*;

/// Page links around the current page: first, last, and two either side.
pub fn page_window(current: u32, last: u32) -> Vec<Option<u32>> {
    let mut pages: Vec<u32> = vec![1, last];
    for p in current.saturating_sub(2)..=current.saturating_add(2) {
        if p >= 1 && p <= last {
            pages.push(p);
        }
    }
    pages.sort_unstable();
    pages.dedup();
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if i > 0 && *p > pages[i - 1] + 1 {
            out.push(None);
        }
        out.push(Some(*p));
    }
    out
}

/// The pager. `base` is the list's path, e.g. `/clients`.
#[component]
pub fn Pager(
    params: ListParams,
    spec: ListSpec,
    base: &'static str,
    record_count: u64,
    page_count: u32,
) -> impl IntoView {
    let current = params.page;
    let href = {
        let params = params.clone();
        move |p: u32| {
            let q = params.with_page(p).to_query(&spec);
            if q.is_empty() {
                base.to_string()
            } else {
                format!("{base}?{q}")
            }
        }
    };
    let results = match record_count {
        1 => "1 result".to_string(),
        n => format!("{n} results"),
    };
    let prev = (current > 1).then(|| href(current - 1));
    let next = (current < page_count).then(|| href(current + 1));
    let links = page_window(current, page_count)
        .into_iter()
        .map(|p| match p {
            None => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
            Some(p) if p == current => view! {
                <li><a href=href(p) aria-current="page" class="current">{p}</a></li>
            }
            .into_any(),
            Some(p) => view! { <li><a href=href(p)>{p}</a></li> }.into_any(),
        })
        .collect_view();
    view! {
        <nav class="pager" aria-label="Pages">
            <span class="count" data-testid="page-summary">
                {format!("page {current} of {page_count} · {results}")}
            </span>
            <ul>
                <li>
                    {match prev {
                        Some(h) => view! { <a href=h rel="prev">"‹ Previous"</a> }.into_any(),
                        None => view! { <span class="disabled">"‹ Previous"</span> }.into_any(),
                    }}
                </li>
                {links}
                <li>
                    {match next {
                        Some(h) => view! { <a href=h rel="next">"Next ›"</a> }.into_any(),
                        None => view! { <span class="disabled">"Next ›"</span> }.into_any(),
                    }}
                </li>
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn window_keeps_ends_and_neighbours_with_gaps() {
        assert_eq!(page_window(1, 1), vec![Some(1)]);
        assert_eq!(
            page_window(5, 40),
            vec![
                Some(1),
                None,
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None,
                Some(40)
            ]
        );
        assert_eq!(page_window(2, 4), vec![Some(1), Some(2), Some(3), Some(4)]);
    }
}

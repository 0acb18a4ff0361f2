//! "page X of Y · N results" with previous/next and nearby page links.

use crate::params::{with_query, ListParams, ListSpec};
use maud::{html, Markup};

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

/// The pager. `base` is the list's path, e.g. `/clients`. One compiled template (`maud`): drawn as
/// Leptos views, its links were a measurable part of a list page's CPU.
pub fn pager_html(
    params: &ListParams,
    spec: ListSpec,
    base: &str,
    record_count: u64,
    page_count: u32,
) -> Markup {
    let current = params.page;
    let href = |p: u32| with_query(base, &params.with_page(p).to_query(&spec));
    let results = match record_count {
        1 => "1 result".to_string(),
        n => format!("{n} results"),
    };
    html! {
        nav aria-label="Pages" class="pager" {
            span data-testid="page-summary" class="count" { "page " (current) " of " (page_count) " · " (results) }
            ul {
                li {
                    @if current > 1 { a href=(href(current - 1)) rel="prev" { "‹ Previous" } }
                    @else { span class="disabled" { "‹ Previous" } }
                }
                @for p in page_window(current, page_count) {
                    @match p {
                        None => li aria-hidden="true" class="gap" { "…" },
                        Some(p) if p == current => li { a href=(href(p)) aria-current="page" class="current" { (p) } },
                        Some(p) => li { a href=(href(p)) { (p) } },
                    }
                }
                li {
                    @if current < page_count { a href=(href(current + 1)) rel="next" { "Next ›" } }
                    @else { span class="disabled" { "Next ›" } }
                }
            }
        }
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

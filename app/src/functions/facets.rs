//! The status filter's counts on an unfiltered list ("Active (1,843)", "Inactive (157)"): HaloPSA's
//! `record_count` of one-row pages of the active and of the inactive records, read in the background class
//! (page views keep their reserve of the budget), through the read cache like any read, and never from an
//! older copy, and never while HaloPSA is rate-limiting (they give way rather than add to the calls). They run beside the page's own read and may take a moment longer, but no more: a list
//! never waits on its counts (when the background share of the budget is spent, the list shows without
//! them, and the counts, read to the end, are in the cache for the next view).

use crate::components::list::list_page::Facets;
use crate::entities::server::Store;
use crate::entities::ListView;
use crate::params::{ListParams, StatusFilter};
use futures::future::{select, Either};
use halo::client::HaloClient;
use std::future::Future;
use std::time::Duration;

/// How much longer than the page's own read the counts may take before the page goes without them.
const GRACE: Duration = Duration::from_millis(250);

/// Whether `params` show a list with no search and no filter but the status.
pub fn unfiltered(params: &ListParams) -> bool {
    let ListParams {
        q,
        toplevel_id,
        client_id,
        stock,
        category_id,
        ..
    } = params;
    q.is_none()
        && toplevel_id.is_none()
        && client_id.is_none()
        && stock.is_none()
        && category_id.is_none()
}

/// The counts of `view` for `params`, when the list has a status filter and nothing else narrows it.
pub fn counts<S: Store>(
    halo: &HaloClient,
    view: &'static ListView,
    params: &ListParams,
) -> impl Future<Output = Option<Facets>> + Send + 'static {
    let wanted = view.spec.has_status && !view.whole && unfiltered(params);
    let one_row = |status| ListParams {
        status,
        page: 1,
        per_page: 1,
        sort: view.spec.default_sort().to_owned(),
        desc: false,
        ..ListParams::defaults(view.spec)
    };
    let queries =
        [StatusFilter::Active, StatusFilter::Inactive].map(|s| S::list_query(&one_row(s)));
    let resource = S::resource(&halo.background().fresh_only().optional());
    async move {
        if !wanted {
            return None;
        }
        let [active, inactive] = &queries;
        let (a, i) = futures::join!(resource.list_shared(active), resource.list_shared(inactive));
        Some(Facets {
            active: a.ok()?.record_count,
            inactive: i.ok()?.record_count,
        })
    }
}

/// The page's own read and its counts side by side: the read's answer, and the counts if they came
/// within [`GRACE`] of it. Counts that come later (the background share of the budget was spent) are
/// still read to the end, so the read cache holds them for the next view.
pub async fn beside<R, C>(read: R, counts: C) -> (R::Output, Option<Facets>)
where
    R: Future,
    C: Future<Output = Option<Facets>> + Send + 'static,
{
    match select(Box::pin(read), Box::pin(counts)).await {
        Either::Left((answer, mut counts)) => {
            match tokio::time::timeout(GRACE, &mut counts).await {
                Ok(counts) => (answer, counts),
                Err(_) => {
                    tokio::spawn(counts);
                    (answer, None)
                }
            }
        }
        Either::Right((counts, read)) => (read.await, counts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::clients::SPEC;

    #[test]
    fn only_a_list_narrowed_by_nothing_but_its_status_is_unfiltered() {
        let mut p = ListParams::defaults(&SPEC);
        p.status = StatusFilter::Inactive;
        p.page = 3;
        assert!(unfiltered(&p));
        p.q = Some("acme".into());
        assert!(!unfiltered(&p));
        p.q = None;
        p.toplevel_id = Some(2);
        assert!(!unfiltered(&p));
    }

    #[tokio::test]
    async fn a_page_does_not_wait_for_slow_counts() {
        let slow = async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            Some(Facets {
                active: 1,
                inactive: 1,
            })
        };
        let started = std::time::Instant::now();
        let (answer, counts) = beside(async { 7 }, slow).await;
        assert_eq!((answer, counts), (7, None));
        assert!(started.elapsed() < Duration::from_secs(2));
        let quick = async {
            Some(Facets {
                active: 3,
                inactive: 4,
            })
        };
        let (_, counts) = beside(async { 7 }, quick).await;
        assert_eq!(
            counts,
            Some(Facets {
                active: 3,
                inactive: 4
            })
        );
    }
}

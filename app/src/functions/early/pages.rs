//! Which pages read early, and their reads: a record page, a list page, the overview (`super` says why).

use super::{start as start_read, start_kept, Early};
use crate::components::detail::Detail;
use crate::entities::{Entity, EntityKind, ListView, ALL};
use crate::errors::AppError;
use crate::functions::views::ViewsThisRequest;
use crate::params::FilterKind;
use crate::state::server::{RequestHalo, RequestUser, ViewStore};
use halo::client::HaloClient;
use std::sync::Arc;

/// A record page's read: record `.1` of kind `.0`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RecordKey(pub EntityKind, pub i32);

/// A list page's read: the list at `href`, for the URL query `query` (without `?`), as the page reads it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ListKey {
    pub href: &'static str,
    pub query: String,
}

/// The filters' choices (top levels, service categories) a list page's toolbar shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct OptionsKey;

/// The overview's counts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CountsKey;

/// The overview's search for `.0` (as `search_everything` cleans it).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SearchKey(pub String);

/// A page whose reads the address alone decides.
#[derive(Debug)]
pub enum Page {
    Record(EntityKind, i32),
    List(&'static Entity, &'static ListView),
    Overview,
}

/// The page `path` shows, if its reads can start early: `/<entity path>/<id>` with a positive
/// whole-number id (what `get_record` would accept), a list's address, or `/`. Anything else is left to
/// the page.
pub fn page_at(path: &str) -> Option<Page> {
    if path == "/" {
        return Some(Page::Overview);
    }
    if let Some(list) = list_at(path) {
        return Some(list);
    }
    let (segment, id) = path.strip_prefix('/')?.split_once('/')?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id = id.parse::<i32>().ok().filter(|id| *id > 0)?;
    let entity = ALL.iter().find(|e| e.path == segment)?;
    Some(Page::Record(entity.kind, id))
}

fn list_at(path: &str) -> Option<Page> {
    ALL.iter().find_map(|e| {
        std::iter::once(&e.list)
            .chain(e.views)
            .find(|v| v.href == path)
            .map(|v| Page::List(e, v))
    })
}

/// Starts the reads of the page at `uri`, if it is a [`page_at`] and the request has a HaloPSA handle,
/// and puts them in `extensions` for the page's server functions to take. `views` is the saved-view store:
/// a bare list goes to the person's default view instead, whose reads it does not start. Returns whether
/// any read still waits on HaloPSA (the caller then yields once, so their calls are written).
pub async fn start(
    uri: &http::Uri,
    extensions: &mut http::Extensions,
    views: &Arc<dyn ViewStore>,
) -> bool {
    let Some(page) = page_at(uri.path()) else {
        return false;
    };
    let Some(halo) = extensions.get::<RequestHalo>().and_then(|h| h.0.clone()) else {
        return false;
    };
    let query = uri.query().unwrap_or_default();
    match page {
        Page::Record(kind, id) => {
            let read = start_kept(
                RecordKey(kind, id),
                async move { record(kind, &halo, id).await },
            );
            put(extensions, read.await)
        }
        Page::Overview => start_overview(query, halo, extensions).await,
        Page::List(entity, list) => start_list(entity, list, query, halo, extensions, views).await,
    }
}

/// The overview's reads: its counts and, with a search (`q`, the last one, as the page reads it), the
/// search's.
async fn start_overview(query: &str, halo: HaloClient, extensions: &mut http::Extensions) -> bool {
    use crate::functions::overview::ssr::{cleaned, counts, search};
    let q = crate::params::query_pairs(query)
        .into_iter()
        .rev()
        .find(|(k, _)| k == "q")
        .map(|(_, q)| cleaned(&q))
        .filter(|q| !q.is_empty());
    let searched = q.map(|q| {
        let halo = halo.clone();
        start_read(
            SearchKey(q.clone()),
            async move { Ok(search(&halo, q).await) },
        )
    });
    let counts = start_read(CountsKey, async move { counts(&halo).await });
    let mut waiting = put(extensions, counts.await);
    if let Some(searched) = searched {
        waiting |= put(extensions, searched.await);
    }
    waiting
}

/// A list page's reads: its page of rows and, when its toolbar has pickers, their choices. Nothing is
/// started for an address the page will not read as it is: a saved view's link, a bare list with a
/// default view (both redirect), a query the page refuses (a 400).
async fn start_list(
    entity: &'static Entity,
    list: &'static ListView,
    query: &str,
    halo: HaloClient,
    extensions: &mut http::Extensions,
    views: &Arc<dyn ViewStore>,
) -> bool {
    use crate::functions::views::ssr::{default_href, view_param};
    if view_param(query).is_some() {
        return false;
    }
    if query.is_empty() {
        // the page asks the same of the store; the memo, handed to it, makes it one read
        let memo = ViewsThisRequest::default();
        let owner = extensions
            .get::<RequestUser>()
            .map(crate::functions::health::ssr::person_key);
        let redirects = match owner {
            Some(owner) => default_href(Some(&memo), views, owner, list)
                .await
                .is_some(),
            None => false,
        };
        extensions.insert(memo);
        if redirects {
            return false;
        }
    }
    let Ok(parsed) = crate::functions::ssr::parse_list(list, query) else {
        return false;
    };
    let spec = list.spec;
    let options = (spec.has(FilterKind::TopLevel) || spec.has(FilterKind::Category)).then(|| {
        let halo = halo.clone();
        start_read(OptionsKey, async move {
            crate::functions::lookups::ssr::options(&halo).await
        })
    });
    let key = list_key(list, query);
    let kind = entity.kind;
    let rows = start_read(key, async move {
        crate::functions::lists::ssr::page_of_kind(kind, &halo, list, parsed).await
    });
    let mut waiting = put(extensions, rows.await);
    if let Some(options) = options {
        waiting |= put(extensions, options.await);
    }
    waiting
}

/// Puts a started read in the request's extensions; whether it still waits.
fn put<K, T>(extensions: &mut http::Extensions, read: Early<K, T>) -> bool
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Send + 'static,
{
    let waiting = read.waiting();
    extensions.insert(read);
    waiting
}

/// Record `id` of `kind` with its related records, as its page shows it: the one read of a record page,
/// whether started early or by `get_record`.
pub(crate) async fn record(
    kind: EntityKind,
    halo: &HaloClient,
    id: i32,
) -> Result<Detail, AppError> {
    use crate::entities::server::Store as _;
    crate::entities::with_store!(kind, S => S::detail(halo, id).await)
}

/// The key a list page's rows are read under, for the query it reads (with or without its `?`).
pub fn list_key(list: &ListView, query: &str) -> ListKey {
    ListKey {
        href: list.href,
        query: query.trim_start_matches('?').to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{page_at, Page};
    use crate::entities::EntityKind;

    #[test]
    fn records_lists_and_the_overview_are_known_from_their_address() {
        assert!(matches!(
            page_at("/clients/42"),
            Some(Page::Record(EntityKind::Clients, 42))
        ));
        assert!(matches!(
            page_at("/suppliers/7"),
            Some(Page::Record(EntityKind::Suppliers, 7))
        ));
        assert!(matches!(page_at("/"), Some(Page::Overview)));
        let list = |path| match page_at(path) {
            Some(Page::List(e, v)) => Some((e.kind, v.href)),
            _ => None,
        };
        assert_eq!(list("/clients"), Some((EntityKind::Clients, "/clients")));
        assert_eq!(
            list("/sites/stock-bins"),
            Some((EntityKind::Sites, "/sites/stock-bins"))
        );
        assert_eq!(
            list("/suppliers"),
            Some((EntityKind::Suppliers, "/suppliers"))
        );
        for path in [
            "/clients/",
            "/clients/new",
            "/clients/42/edit",
            "/clients/0",
            "/clients/-1",
            "/clients/+4",
            "/clients/4x",
            "/clients/99999999999",
            "/nothing/4",
            "/nothing",
            "/activity",
            "/data-health",
            "",
        ] {
            assert!(page_at(path).is_none(), "{path}");
        }
    }
}

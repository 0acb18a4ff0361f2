//! Saved views: a person's named list states (search, filters, sort, page size, columns) per list, kept on the
//! server (`HALOSCOPE_DATA_DIR/views.sqlite3`, by the person: the agent in agent and demo mode, the local
//! account in service mode). A view's state is a list URL's query, so opening one is following a link, and
//! its stable link `/<list>?view=<id>` works for a colleague too (the list answers with a redirect to the
//! view's URL; saving it there copies it into their own views). A list's default view is where its bare
//! address goes.
//!
//! Every change is a POST that ends in a redirect back to the list with a one-time notice, so the forms
//! work without JavaScript.

use crate::entities::EntityKind;
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub id: i64,
    pub name: String,
    /// The list URL's query (without `?`), as `ListParams::to_query` writes it.
    pub query: String,
    /// Where the list's bare address goes.
    pub default: bool,
}

/// Longest view name, in characters.
pub const NAME_MAX: usize = 80;

/// The signed-in person's saved views of `kind`'s list `view`, by name.
#[server(endpoint = "saved_views", input = server_fn::codec::GetUrl)]
pub async fn saved_views(kind: EntityKind, view: String) -> Result<Vec<SavedView>, AppError> {
    let (list, owner, store) = ssr::context(kind, &view)?;
    ssr::list_once(&store, owner, list.href)
        .await
        .map_err(ssr::unavailable)
}

/// Saves `query` (the list's current URL query) as a view named `name`, then back to the list.
#[server(endpoint = "save_view")]
pub async fn save_view(
    kind: EntityKind,
    view: String,
    name: String,
    query: String,
) -> Result<(), AppError> {
    let (list, owner, store) = ssr::context(kind, &view)?;
    let query = ssr::canonical(list, &query);
    let back = ssr::href(list, &query);
    let name = match ssr::clean_name(&name) {
        Ok(n) => n,
        Err(e) => return Err(super::form_ssr::fail_to(&back, e)),
    };
    let saved = store
        .save(owner, list.href.to_owned(), name.clone(), query)
        .await;
    match saved {
        Ok(_) => {
            super::flash::ssr::note(&back, format!("Saved the view \u{201c}{name}\u{201d}."));
            leptos_axum::redirect(&back);
            Ok(())
        }
        Err(e) => Err(super::form_ssr::fail_to(&back, ssr::unavailable(e))),
    }
}

/// Renames (`action` = `rename`, with `name`), deletes (`delete`), makes default (`default`) or stops
/// being default (`undefault`) the person's view `id`; then back to `back` (the list's query).
#[server(endpoint = "change_view")]
pub async fn change_view(
    kind: EntityKind,
    view: String,
    id: String,
    action: String,
    name: Option<String>,
    back: String,
) -> Result<(), AppError> {
    let (list, owner, store) = ssr::context(kind, &view)?;
    let back = ssr::href(list, &ssr::canonical(list, &back));
    let change = ssr::change(&action, name.as_deref(), &id);
    let result = match change {
        Ok(change) => store
            .change(owner, list.href.to_owned(), change.clone())
            .await
            .map_err(ssr::unavailable)
            .and_then(|found| {
                found
                    .then(|| change.done())
                    .ok_or_else(|| AppError::not_found("That saved view"))
            }),
        Err(e) => Err(e),
    };
    match result {
        Ok(done) => {
            super::flash::ssr::note(&back, done);
            leptos_axum::redirect(&back);
            Ok(())
        }
        Err(e) => Err(super::form_ssr::fail_to(&back, e)),
    }
}

#[cfg(feature = "ssr")]
/// The read of each list's views in this request, shared. A bare list page asks twice (is there a default
/// to go to? which views does the panel show?), and the two asks run at the same time (two resources of
/// the page); the second waits for the first's read rather than asking the store again (a Redis round trip
/// with replicas). The router provides one per request (the one the server's early reads used, when they
/// looked for a bare list's default view: `early`); a page view never changes views, so it is never
/// stale (a change is a POST, a request of its own).
#[derive(Clone, Default)]
pub struct ViewsThisRequest(
    std::sync::Arc<std::sync::Mutex<std::collections::HashMap<&'static str, ViewsRead>>>,
);

/// One list's views as read from the store, awaited by every part of a page that asks.
#[cfg(feature = "ssr")]
type ViewsRead =
    futures::future::Shared<futures::future::BoxFuture<'static, Result<Vec<SavedView>, String>>>;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::NAME_MAX;
    use crate::entities::{EntityKind, ListView};
    use crate::errors::AppError;
    use crate::params::ListParams;
    pub use crate::state::server::{ViewChange, ViewStore};
    use std::sync::Arc;

    /// The list, the signed-in person's key and the store.
    pub fn context(
        kind: EntityKind,
        view: &str,
    ) -> Result<(&'static ListView, String, Arc<dyn ViewStore>), AppError> {
        let list = crate::entities::list_view(kind, view).ok_or_else(|| {
            AppError::not_found(format!(
                "List {:?}",
                view.chars().take(40).collect::<String>()
            ))
        })?;
        let owner = crate::functions::health::ssr::person()?;
        let store = leptos::prelude::use_context::<crate::state::server::Views>()
            .ok_or_else(|| AppError::Internal("no saved-view store".into()))?;
        Ok((list, owner, store.0))
    }

    /// A store failure, in plain words.
    pub fn unavailable(e: String) -> AppError {
        tracing::error!(error = %e, "saved views");
        AppError::Internal("Saved views could not be read or written just now.".into())
    }

    /// The list state of `query` as a list URL writes it (unknown parameters and the page dropped); an
    /// unusable query keeps the list's defaults.
    pub fn canonical(list: &ListView, query: &str) -> String {
        ListParams::from_query(list.spec, query)
            .map(|p| ListParams {
                page: 1,
                ..p.params
            })
            .unwrap_or_else(|_| ListParams::defaults(list.spec))
            .to_query(list.spec)
    }

    /// `/clients` or `/clients?q=…`.
    pub fn href(list: &ListView, query: &str) -> String {
        crate::params::with_query(list.href, query)
    }

    /// A view's name: trimmed, not empty, at most [`NAME_MAX`] characters, no control characters.
    pub fn clean_name(raw: &str) -> Result<String, AppError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(AppError::bad_input("Give the view a name.".to_string()));
        }
        if name.chars().count() > NAME_MAX {
            return Err(AppError::bad_input(format!(
                "A view's name may have at most {NAME_MAX} characters."
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(AppError::bad_input(
                "Remove the control characters from the view's name.".to_string(),
            ));
        }
        Ok(name.to_owned())
    }

    /// The change a form asks for.
    pub fn change(action: &str, name: Option<&str>, id: &str) -> Result<ViewChange, AppError> {
        let id: i64 = id
            .trim()
            .parse()
            .map_err(|_| AppError::bad_input("That is not a saved view.".to_string()))?;
        Ok(match action {
            "rename" => ViewChange::Rename(id, clean_name(name.unwrap_or_default())?),
            "delete" => ViewChange::Delete(id),
            "default" => ViewChange::Default(id, true),
            "undefault" => ViewChange::Default(id, false),
            _ => {
                return Err(AppError::bad_input(
                    "Unknown change to a saved view.".to_string(),
                ))
            }
        })
    }

    /// `owner`'s views of the list at `href`, read once per request (when the router provided the memo).
    pub async fn list_once(
        store: &std::sync::Arc<dyn crate::state::server::ViewStore>,
        owner: String,
        href: &'static str,
    ) -> Result<Vec<super::SavedView>, String> {
        let memo = leptos::prelude::use_context::<super::ViewsThisRequest>();
        read_through(memo.as_ref(), store, owner, href).await
    }

    /// `owner`'s views of the list at `href`: from `memo` when this request read them already, else from
    /// the store (and kept in `memo`, when there is one).
    pub async fn read_through(
        memo: Option<&super::ViewsThisRequest>,
        store: &std::sync::Arc<dyn crate::state::server::ViewStore>,
        owner: String,
        href: &'static str,
    ) -> Result<Vec<super::SavedView>, String> {
        use futures::FutureExt;
        let Some(memo) = memo else {
            return store.list(owner, href.to_owned()).await;
        };
        let read = {
            let mut seen = memo.0.lock().unwrap_or_else(|p| p.into_inner());
            seen.entry(href)
                .or_insert_with(|| store.list(owner, href.to_owned()).shared())
                .clone()
        };
        read.await
    }

    /// The address of `owner`'s default view of `list`, where its bare address goes; `None` when there is
    /// none, or the store cannot be read (that only costs the default).
    pub async fn default_href(
        memo: Option<&super::ViewsThisRequest>,
        store: &std::sync::Arc<dyn crate::state::server::ViewStore>,
        owner: String,
        list: &ListView,
    ) -> Option<String> {
        let views = read_through(memo, store, owner, list.href)
            .await
            .unwrap_or_default();
        views
            .into_iter()
            .find(|v| v.default && !v.query.is_empty())
            .map(|v| href(list, &v.query))
    }

    /// The `view=<id>` of a list URL's query, if it names one.
    pub fn view_param(query: &str) -> Option<i64> {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .filter(|(k, _)| *k == "view")
            .filter_map(|(_, v)| v.trim().parse().ok())
            .next_back()
    }

    /// Where a list URL should go instead, if anywhere: a view's link to the view's state, a bare list to
    /// the person's default view of it. A view's link whose view is gone (or is another list's) is a
    /// 404 rather than a silently unfiltered list; a store that cannot be read only costs the default.
    pub async fn redirect_for(list: &ListView, query: &str) -> Result<Option<String>, AppError> {
        let Some(store) = leptos::prelude::use_context::<crate::state::server::Views>() else {
            return Ok(None);
        };
        let store = store.0;
        if let Some(id) = view_param(query) {
            let found = store.get(id).await.map_err(unavailable)?;
            return match found {
                Some((href_of, v)) if href_of == list.href => Ok(Some(href(list, &v.query))),
                _ => Err(AppError::not_found("That saved view")),
            };
        }
        if !query.trim().is_empty() {
            return Ok(None);
        }
        let Ok(owner) = crate::functions::health::ssr::person() else {
            return Ok(None);
        };
        let memo = leptos::prelude::use_context::<super::ViewsThisRequest>();
        Ok(default_href(memo.as_ref(), &store, owner, list).await)
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::state::server::{ViewChange, ViewStore};
        use futures::future::BoxFuture;
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;

        /// A store that counts the reads of a list and holds one view.
        #[derive(Default)]
        struct Counting(AtomicUsize);

        impl ViewStore for Counting {
            fn list(
                &self,
                _: String,
                _: String,
            ) -> BoxFuture<'static, Result<Vec<super::super::SavedView>, String>> {
                self.0.fetch_add(1, Ordering::SeqCst);
                let one = super::super::SavedView {
                    id: 1,
                    name: "Mine".into(),
                    query: "q=a".into(),
                    default: true,
                };
                // a read takes a moment, as the store's do: whoever asks meanwhile must wait for it
                Box::pin(async move {
                    let mut waited = false;
                    futures::future::poll_fn(|cx| {
                        if std::mem::replace(&mut waited, true) {
                            std::task::Poll::Ready(())
                        } else {
                            cx.waker().wake_by_ref();
                            std::task::Poll::Pending
                        }
                    })
                    .await;
                    Ok(vec![one])
                })
            }
            fn save(
                &self,
                _: String,
                _: String,
                _: String,
                _: String,
            ) -> BoxFuture<'static, Result<i64, String>> {
                Box::pin(async { Err("not in this test".into()) })
            }
            fn change(
                &self,
                _: String,
                _: String,
                _: ViewChange,
            ) -> BoxFuture<'static, Result<bool, String>> {
                Box::pin(async { Err("not in this test".into()) })
            }
            fn get(
                &self,
                _: i64,
            ) -> BoxFuture<'static, Result<Option<(String, super::super::SavedView)>, String>>
            {
                Box::pin(async { Ok(None) })
            }
        }

        #[test]
        fn two_parts_asking_at_once_share_one_read() {
            let counting = Arc::new(Counting::default());
            let store: Arc<dyn ViewStore> = counting.clone();
            let owner = leptos::prelude::Owner::new();
            owner.with(|| {
                leptos::prelude::provide_context(super::super::ViewsThisRequest::default());
                futures::executor::block_on(async {
                    let (a, b) = futures::join!(
                        list_once(&store, "a".into(), "/clients"),
                        list_once(&store, "a".into(), "/clients"),
                    );
                    assert_eq!(a.unwrap().len(), 1);
                    assert_eq!(b.unwrap().len(), 1);
                });
            });
            assert_eq!(counting.0.load(Ordering::SeqCst), 1, "one read for both");
        }

        #[test]
        fn a_request_reads_a_lists_views_once() {
            let counting = Arc::new(Counting::default());
            let store: Arc<dyn ViewStore> = counting.clone();
            let owner = leptos::prelude::Owner::new();
            owner.with(|| {
                leptos::prelude::provide_context(super::super::ViewsThisRequest::default());
                futures::executor::block_on(async {
                    let first = list_once(&store, "a".into(), "/clients").await.unwrap();
                    let again = list_once(&store, "a".into(), "/clients").await.unwrap();
                    assert_eq!(first, again);
                    assert_eq!(first.len(), 1);
                    // another list is read on its own
                    list_once(&store, "a".into(), "/sites").await.unwrap();
                });
            });
            assert_eq!(
                counting.0.load(Ordering::SeqCst),
                2,
                "one read per list per request"
            );
            // without the memo (no router context), every ask reads
            futures::executor::block_on(list_once(&store, "a".into(), "/clients")).unwrap();
            assert_eq!(counting.0.load(Ordering::SeqCst), 3);
        }

        #[test]
        fn names_and_changes_are_checked() {
            assert!(clean_name("  ").is_err());
            assert_eq!(clean_name(" Mine ").unwrap(), "Mine");
            assert!(clean_name(&"x".repeat(NAME_MAX + 1)).is_err());
            assert!(clean_name("a\u{7}b").is_err());
            assert!(change("explode", None, "1").is_err());
            assert!(change("delete", None, "one").is_err());
            assert_eq!(
                change("default", None, "4").unwrap(),
                ViewChange::Default(4, true)
            );
        }

        #[test]
        fn a_saved_state_is_the_lists_own_query_without_the_page() {
            let list = &crate::entities::clients::ENTITY.list;
            assert_eq!(
                canonical(list, "page=3&q=amber&status=all&bogus=1"),
                "q=amber&status=all"
            );
            assert_eq!(canonical(list, "status=nonsense"), "");
            assert_eq!(view_param("q=a&view=12"), Some(12));
            assert_eq!(view_param("q=view"), None);
        }
    }
}

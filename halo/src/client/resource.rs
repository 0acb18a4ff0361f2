//! Typed operations on one entity: list, stream all pages, get, create, update, delete.

use std::marker::PhantomData;
use std::sync::Arc;

use futures::stream::{self, Stream, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::retry::Method;
use super::HaloClient;
use crate::entity::{Detailed, Entity, Writable};
use crate::models::Readable;
use crate::query::{query_pairs, Paged, HALO_MAX_PAGE_SIZE};
use crate::{Error, Page};

/// The typed operations on entity `E` for one [`HaloClient`], e.g. `client.clients()`.
pub struct Resource<E: Entity> {
    pub(crate) client: HaloClient,
    _entity: PhantomData<fn() -> E>,
}

impl<E: Entity> Clone for Resource<E> {
    fn clone(&self) -> Self {
        Self::new(self.client.clone())
    }
}

impl<E: Entity> std::fmt::Debug for Resource<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resource")
            .field("path", &E::PATH)
            .field("client", &self.client)
            .finish()
    }
}

/// Reads the reply of a write that succeeded: the saved object, or the first element of an array
/// reply; `None` when Halo sent nothing usable (an empty body, `true`, text that is not JSON, a
/// record without a readable id). Never an error: the write itself went through.
fn saved<T: DeserializeOwned + Readable>(bytes: &[u8]) -> Option<T> {
    let value: Value = serde_json::from_slice(bytes).ok()?;
    let one = match value {
        Value::Array(mut a) if !a.is_empty() => a.swap_remove(0),
        v @ Value::Object(_) => v,
        _ => return None,
    };
    crate::models::decode_record(one).ok()
}

impl<E: Entity> Resource<E> {
    pub(crate) fn new(client: HaloClient) -> Self {
        Self {
            client,
            _entity: PhantomData,
        }
    }

    /// One page (or, without paging, Halo's default list) of rows matching `query`.
    pub async fn list(&self, query: &E::ListQuery) -> Result<Page<E::Summary>, Error> {
        self.list_shared(query).await.map(|p| Page::clone(&p))
    }

    /// As [`Resource::list`], the cached page itself: no copy of the rows (a list row carries every field
    /// Halo sent, so copying 50 of them costs more than rendering them).
    pub async fn list_shared(&self, query: &E::ListQuery) -> Result<Arc<Page<E::Summary>>, Error> {
        let pairs = query_pairs(query);
        self.client
            .get_decoded(E::PATH, E::PATH, &pairs, E::PATH, |b| {
                let page = Page::from_json(b, E::LIST_KEYS)?;
                let key = E::LIST_KEYS.first().copied().unwrap_or("");
                super::unreadable_log::note(E::PATH, Some(key), &page.items);
                Ok(page)
            })
            .await
    }
}

impl<E: Entity> Resource<E>
where
    E::ListQuery: Paged,
{
    /// Every row matching `query`, page by page (100 rows a page, Halo's cap). Stops at an
    /// empty page or once `record_count` rows were read; never derives the page count from
    /// the requested size.
    pub fn stream(
        &self,
        query: E::ListQuery,
    ) -> impl Stream<Item = Result<E::Summary, Error>> + Send + 'static {
        struct State<Q> {
            query: Q,
            page_no: u32,
            fetched: u64,
            done: bool,
        }
        let this = self.clone();
        let state = State {
            query,
            page_no: 1,
            fetched: 0,
            done: false,
        };
        stream::try_unfold((this, state), |(this, mut st)| async move {
            if st.done {
                return Ok::<_, Error>(None);
            }
            let page = this
                .list(&st.query.paged(st.page_no, HALO_MAX_PAGE_SIZE))
                .await?;
            st.fetched += page.items.len() as u64;
            // a runaway server (rows forever) cannot loop past record_count + 1 pages
            let runaway = u64::from(st.page_no) > page.record_count + 1;
            st.done = page.items.is_empty() || st.fetched >= page.record_count || runaway;
            st.page_no += 1;
            Ok(Some((
                stream::iter(page.items.into_iter().map(Ok::<_, Error>)),
                (this, st),
            )))
        })
        .try_flatten()
        .boxed()
    }

    /// Every row matching `query` collected into a `Vec` (see [`Resource::stream`]).
    pub async fn all(&self, query: E::ListQuery) -> Result<Vec<E::Summary>, Error> {
        self.stream(query).try_collect().await
    }
}

impl<E: Detailed> Resource<E> {
    /// The full record `id` (`GET /X/{id}` with the detail parameters of `query`).
    pub async fn get(&self, id: i32, query: &E::DetailQuery) -> Result<E::Detail, Error> {
        let path = format!("{}/{id}", E::PATH);
        let endpoint = format!("{}/{{id}}", E::PATH);
        let record = self
            .client
            .get_decoded(E::PATH, &path, &query_pairs(query), &endpoint, |b| {
                let record: E::Detail = crate::models::decode_record_json(b)?;
                super::unreadable_log::note(&endpoint, None, [&record]);
                Ok(record)
            })
            .await?;
        Ok(E::Detail::clone(&record))
    }
}

impl<E: Writable + Detailed> Resource<E> {
    /// Creates a record (`POST /X` with `[record]`) and returns it as saved, with its new id. Halo
    /// documents some creates only as an untyped 200 (`POST /Organisation`, `POST /CRMNote`): when
    /// the reply holds no record the create still succeeded, and `record` itself comes back with id
    /// 0 ("created, id unknown"). The POST is never repeated (only a 429, which Halo did not
    /// process, is).
    pub async fn create(&self, record: &E::Detail) -> Result<E::Detail, Error> {
        let body = Value::Array(vec![serde_json::to_value(record).map_err(|e| {
            Error::Decode {
                path: String::new(),
                message: e.to_string(),
            }
        })?]);
        let bytes = self
            .client
            .write(Method::Post, E::PATH, Some(&body), E::PATH, E::INVALIDATES)
            .await?;
        Ok(saved(&bytes).unwrap_or_else(|| record.clone()))
    }

    /// Updates record `id` with only the given fields (`POST /X` with `[{id, …changes}]`);
    /// compute `changes` with [`crate::models::changes`]. Returns the record as saved (read
    /// back when Halo's reply does not include it).
    pub async fn update(&self, id: i32, changes: Map<String, Value>) -> Result<E::Detail, Error> {
        let mut obj = Map::with_capacity(changes.len() + 1);
        obj.insert("id".to_owned(), Value::from(id));
        obj.extend(changes.into_iter().filter(|(k, _)| k != "id"));
        let body = Value::Array(vec![Value::Object(obj)]);
        let bytes = self
            .client
            .write(Method::Post, E::PATH, Some(&body), E::PATH, E::INVALIDATES)
            .await?;
        match saved(&bytes) {
            Some(record) => Ok(record),
            None => self.get(id, &E::DetailQuery::default()).await,
        }
    }

    /// Deletes record `id` (`DELETE /X/{id}`).
    pub async fn delete(&self, id: i32) -> Result<(), Error> {
        let path = format!("{}/{id}", E::PATH);
        let endpoint = format!("{}/{{id}}", E::PATH);
        self.client
            .write(Method::Delete, &path, None, &endpoint, E::INVALIDATES)
            .await
            .map(|_| ())
    }
}

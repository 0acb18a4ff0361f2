//! The pickers of the create and edit forms: their choices from HaloPSA's lookups, and a client picker's
//! `Name (#id)`, id or exact name resolved to the client it names. Server only.

use crate::errors::AppError;
use crate::forms::validate::{client_label, client_ref};
use crate::forms::{FieldErrors, FormSpec, Kind, Valid};
use halo::client::HaloClient;
use std::collections::BTreeMap;

/// Resolves a client picker value (`Name (#id)`, an id, or an exact name) to the client's id, checking
/// that the client exists. Unknown or ambiguous names become a field error.
pub async fn resolve_client(
    halo: &HaloClient,
    key: &str,
    mut valid: Valid,
) -> Result<Valid, FieldErrors> {
    let Some(text) = valid.0.get(key).cloned().filter(|t| !t.is_empty()) else {
        return Ok(valid);
    };
    let err = |m: String| Err(FieldErrors::from([(key.to_owned(), m)]));
    let id = match client_ref(&text) {
        Some(id) => id,
        None => {
            let q = halo::query::ClientQuery::new()
                .search(text.clone())
                .status(halo::query::Status::All)
                .pageinate(true)
                .page_size(50);
            let clients = halo.clients();
            let rows = match Box::pin(clients.list(&q)).await {
                Ok(p) => p.items,
                Err(e) => return err(AppError::from(e).to_string()),
            };
            let exact: Vec<_> = rows
                .iter()
                .filter(|c| {
                    c.name
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(&text))
                })
                .collect();
            match exact.as_slice() {
                [one] => one.id,
                [] if rows.is_empty() => return err(format!("No client is called \"{text}\".")),
                [] => {
                    return err(format!(
                        "{} clients match \"{text}\": pick one from the list.",
                        rows.len()
                    ))
                }
                many => {
                    return err(format!(
                        "{} clients are called \"{text}\": pick one from the list.",
                        many.len()
                    ))
                }
            }
        }
    };
    let clients = halo.clients();
    let detail_q = halo::query::ClientDetailQuery::new();
    match Box::pin(clients.get(id, &detail_q)).await {
        Ok(_) => {
            valid.0.insert(key.to_owned(), id.to_string());
            Ok(valid)
        }
        Err(halo::Error::NotFound) => err(format!("Client #{id} does not exist.")),
        Err(e) => err(AppError::from(e).to_string()),
    }
}

/// Client picker choices: up to 20 `Name (#id)` labels whose name contains `q` (all clients when empty).
pub async fn client_choices(halo: &HaloClient, q: &str) -> Result<Vec<String>, AppError> {
    let mut query = halo::query::ClientQuery::new()
        .pageinate(true)
        .page_size(20)
        .order("name")
        .status(halo::query::Status::All);
    let q = q.trim();
    if !q.is_empty() {
        let term = client_ref(q)
            .and_then(|_| q.rsplit_once(" (#").map(|(n, _)| n.to_owned()))
            .unwrap_or_else(|| q.to_owned());
        query = query.search(term.chars().take(100).collect::<String>());
    }
    let clients = halo.clients();
    let page = Box::pin(clients.list(&query)).await?;
    Ok(page
        .items
        .into_iter()
        .map(|c| {
            let name = c.name.unwrap_or_else(|| format!("Client {}", c.id));
            client_label(c.id, &name)
        })
        .collect())
}

/// The choices of the picker fields in `spec` (fetched concurrently, only those the form needs), plus the
/// client picker's first choices for `client_q` (none asked for without it: a bulk change sets no client).
pub async fn options(
    halo: &HaloClient,
    spec: &FormSpec,
    client_q: Option<&str>,
) -> Result<BTreeMap<String, Vec<(String, String)>>, AppError> {
    let has = |k: Kind| spec.fields.iter().find(|f| f.kind == k).map(|f| f.key);
    let lookups = halo.lookups();
    let (tq, cq, sq) = (
        Default::default(),
        Default::default(),
        halo::query::ServiceStatusQuery::default(),
    );
    let named =
        |id: i32, name: Option<String>| (id.to_string(), name.unwrap_or_else(|| format!("#{id}")));
    let (tops, cats, statuses, clients) = futures::join!(
        async {
            match has(Kind::TopLevel) {
                Some(_) => Box::pin(lookups.top_levels(&tq)).await.map(Some),
                None => Ok(None),
            }
        },
        async {
            match has(Kind::ServiceCategory) {
                Some(_) => Box::pin(lookups.service_categories(&cq)).await.map(Some),
                None => Ok(None),
            }
        },
        async {
            match has(Kind::ServiceStatus) {
                Some(_) => Box::pin(lookups.service_statuses(&sq)).await.map(Some),
                None => Ok(None),
            }
        },
        async {
            match (has(Kind::Client), client_q) {
                (Some(_), Some(q)) => Box::pin(client_choices(halo, q)).await.map(Some),
                _ => Ok(None),
            }
        },
    );
    let mut out = BTreeMap::new();
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort_by_cached_key(|(_, l)| l.to_lowercase());
        v
    };
    if let (Some(k), Some(t)) = (has(Kind::TopLevel), tops?) {
        out.insert(
            k.to_owned(),
            sorted(t.into_iter().map(|t| named(t.id, t.name)).collect()),
        );
    }
    if let (Some(k), Some(c)) = (has(Kind::ServiceCategory), cats?) {
        out.insert(
            k.to_owned(),
            sorted(c.into_iter().map(|c| named(c.id, c.name)).collect()),
        );
    }
    if let (Some(k), Some(s)) = (has(Kind::ServiceStatus), statuses?) {
        out.insert(k.to_owned(), status_choices(s));
    }
    if let (Some(k), Some(c)) = (has(Kind::Client), clients?) {
        out.insert(
            k.to_owned(),
            c.into_iter().map(|l| (l.clone(), l)).collect(),
        );
    }
    Ok(out)
}

/// HaloPSA names no service statuses: each status number it has used, labelled by its latest message.
fn status_choices(statuses: Vec<halo::models::ServiceStatus>) -> Vec<(String, String)> {
    let mut by_code: BTreeMap<i32, String> = BTreeMap::new();
    for st in statuses {
        let Some(code) = st.status else { continue };
        let message = st
            .message_public
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty());
        let label = match message {
            Some(m) => format!("Status {code} — {}", m.chars().take(60).collect::<String>()),
            None => format!("Status {code}"),
        };
        by_code.insert(code, label);
    }
    by_code
        .into_iter()
        .map(|(c, l)| (c.to_string(), l))
        .collect()
}

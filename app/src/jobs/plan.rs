//! From a person's selection to a job: which records (the rows they ticked, or every record matching the
//! list's filter, fixed when they confirm), which actions the entity allows, and a posted action checked
//! against them. Server side; the bulk page and `start_job` share it.

use super::model::{Action, Item};
use super::{BulkOffer, SettableField, MAX_RECORDS, TYPED_DELETE_ABOVE};
use crate::entities::{Entity, ALL};
use crate::errors::AppError;
use crate::forms::spec::{Kind, When};
use crate::functions::ssr::parse_list;
use futures::StreamExt;
use halo::client::HaloClient;
use serde_json::Value;

/// What the person picked: an entity's own list, its query, and the ticked ids or "all matching".
pub struct Selection {
    pub entity: &'static Entity,
    pub query: String,
    pub ids: Vec<i32>,
    pub all: bool,
}

impl Selection {
    /// Reads the bulk page's parameters: `list` (an entity's path), `query` (its list's URL query), `ids`
    /// (comma-separated) unless `all`.
    pub fn read(list: &str, query: &str, ids: &str, all: bool) -> Result<Selection, AppError> {
        let entity = ALL
            .iter()
            .copied()
            .find(|e| e.path == list)
            .ok_or_else(|| AppError::not_found(format!("List {:?}", short(list))))?;
        parse_list(&entity.list, query)?;
        let picked =
            crate::params::id_list(ids, "ids").map_err(|r| AppError::bad_input(r.message))?;
        if !all && picked.is_empty() {
            return Err(AppError::bad_input(format!(
                "No {} were selected: tick the rows to change first.",
                entity.words.many
            )));
        }
        if picked.len() > MAX_RECORDS {
            return Err(too_many(entity));
        }
        Ok(Selection {
            entity,
            query: query.to_owned(),
            ids: picked,
            all,
        })
    }

    /// The list with the person's query.
    pub fn back(&self) -> String {
        match self.query.as_str() {
            "" => self.entity.list_href(),
            q => format!("{}?{q}", self.entity.list_href()),
        }
    }

    /// The ticked ids, comma-separated.
    fn joined(&self) -> String {
        let ids: Vec<String> = self.ids.iter().map(i32::to_string).collect();
        ids.join(",")
    }

    /// The bulk page of this selection.
    pub fn page(&self) -> String {
        let pick = if self.all {
            "all=true".to_string()
        } else {
            format!("ids={}", self.joined())
        };
        format!(
            "/bulk?list={}&query={}&{pick}",
            self.entity.path,
            crate::params::encode(&self.query)
        )
    }
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

fn too_many(entity: &Entity) -> AppError {
    AppError::bad_input(format!(
        "One job changes at most {MAX_RECORDS} {}: narrow the filter first.",
        entity.words.many
    ))
}

/// The selection's records as `(id, name)`: the ticked rows named from the list page they were ticked
/// on, or every record matching the filter (HaloPSA's pages walked in the background class).
pub async fn records(halo: &HaloClient, sel: &Selection) -> Result<Vec<(i32, String)>, AppError> {
    let view = &sel.entity.list;
    let parsed = parse_list(view, &sel.query)?;
    if sel.all {
        let mut params = parsed.params;
        params.cols = None;
        let rows = crate::entities::with_store!(sel.entity.kind, S => {
            crate::functions::lists::ssr::rows::<S>(halo.background(), view, params)
        });
        let mut rows = std::pin::pin!(rows);
        let mut out = Vec::new();
        while let Some(row) = rows.next().await {
            let row = row?;
            out.push((row.id, row.name));
            if out.len() > MAX_RECORDS {
                return Err(too_many(sel.entity));
            }
        }
        return Ok(out);
    }
    let page = crate::entities::with_store!(sel.entity.kind, S => {
        crate::functions::lists::ssr::page::<S>(halo, view, parsed).await
    })?;
    Ok(sel
        .ids
        .iter()
        .map(|id| {
            let name = page
                .rows
                .iter()
                .find(|r| r.id == *id)
                .map(|r| r.name.clone());
            (
                *id,
                name.unwrap_or_else(|| format!("{} {id}", sel.entity.words.one_title)),
            )
        })
        .collect())
}

/// The fields a job may set to one value: those of the entity's edit form with a fixed set of choices
/// (pickers fed by HaloPSA's lookups, and checkboxes other than the status), with their choices.
pub async fn fields(halo: &HaloClient, entity: &Entity) -> Result<Vec<SettableField>, AppError> {
    let options = crate::functions::pickers::options(halo, entity.form, None).await?;
    let yes_no = || vec![("true".into(), "Yes".into()), ("false".into(), "No".into())];
    Ok(entity
        .form
        .fields
        .iter()
        .filter(|f| f.when != When::CreateOnly)
        .filter_map(|f| {
            let choices = match f.kind {
                Kind::Flag if f.key != "inactive" => yes_no(),
                Kind::TopLevel | Kind::ServiceCategory | Kind::ServiceStatus => {
                    options.get(f.key)?.clone()
                }
                _ => return None,
            };
            Some((f.key.to_owned(), f.label.to_owned(), choices))
        })
        .collect())
}

/// The bulk page's offer for `sel`.
pub async fn plan(halo: &HaloClient, sel: &Selection) -> Result<BulkOffer, AppError> {
    let view = &sel.entity.list;
    let selected = async {
        if sel.all {
            let parsed = parse_list(view, &sel.query)?;
            let page = crate::entities::with_store!(sel.entity.kind, S => {
                crate::functions::lists::ssr::page::<S>(halo, view, parsed).await
            })?;
            Ok((page.record_count, Vec::new()))
        } else {
            let named = records(halo, sel).await?;
            Ok::<_, AppError>((named.len() as u64, named))
        }
    };
    // the list's page and the pickers' choices are independent reads
    let ((count, named), fields) = futures::try_join!(selected, fields(halo, sel.entity))?;
    let only = if sel.all {
        String::new()
    } else {
        format!("only={}", sel.joined())
    };
    let query: Vec<&str> = [sel.query.as_str(), only.as_str()]
        .into_iter()
        .filter(|q| !q.is_empty())
        .collect();
    let export = match query.join("&").as_str() {
        "" => view.export_href(),
        q => format!("{}?{q}", view.export_href()),
    };
    Ok(BulkOffer {
        back: sel.back(),
        many: sel.entity.words.many.to_owned(),
        count,
        named,
        has_status: view.spec.has_status,
        fields,
        typed_delete_above: TYPED_DELETE_ABOVE,
        export,
        running_job: None,
    })
}

/// The posted `action` (`activate`, `deactivate`, `set` with `field` and `value`, `delete` with
/// `confirm` above [`TYPED_DELETE_ABOVE`] records) checked against what the entity allows.
pub async fn action(
    halo: &HaloClient,
    entity: &Entity,
    (action, field, value, confirm): (&str, &str, &str, &str),
    count: usize,
) -> Result<Action, AppError> {
    let status = |inactive: bool| {
        if !entity.list.spec.has_status {
            return Err(AppError::bad_input(format!(
                "{} have no status to change.",
                entity.words.many_title
            )));
        }
        Ok(Action::Set {
            field: "inactive".into(),
            label: "Inactive".into(),
            value: Value::Bool(inactive),
            shown: if inactive { "Inactive" } else { "Active" }.into(),
        })
    };
    match action {
        "activate" => status(false),
        "deactivate" => status(true),
        "delete" => {
            if count > TYPED_DELETE_ABOVE && confirm.trim() != count.to_string() {
                return Err(AppError::bad_input(format!(
                    "To delete {count} {}, type {count} in the confirmation box.",
                    entity.words.many
                )));
            }
            Ok(Action::Delete)
        }
        "set" => set(halo, entity, field, value).await,
        other => Err(AppError::bad_input(format!(
            "{:?} is not a bulk action.",
            short(other)
        ))),
    }
}

async fn set(
    halo: &HaloClient,
    entity: &Entity,
    field: &str,
    value: &str,
) -> Result<Action, AppError> {
    let fields = fields(halo, entity).await?;
    let (key, label, choices) =
        fields
            .into_iter()
            .find(|(k, _, _)| k == field)
            .ok_or_else(|| {
                AppError::bad_input(format!(
                    "{:?} cannot be set on many {} at once.",
                    short(field),
                    entity.words.many
                ))
            })?;
    let (_, shown) = choices
        .iter()
        .find(|(v, _)| v == value)
        .ok_or_else(|| AppError::bad_input(format!("Choose a value for {label}.")))?;
    let kind = entity
        .form
        .fields
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.kind);
    let value = match (kind, value.parse::<i64>()) {
        (Some(Kind::Flag), _) => Value::Bool(value == "true"),
        (Some(k), Ok(n)) if k.is_id() => Value::from(n),
        _ => Value::String(value.to_owned()),
    };
    Ok(Action::Set {
        field: key,
        label,
        value,
        shown: shown.clone(),
    })
}

/// The job's records, each waiting.
pub fn items(records: Vec<(i32, String)>) -> Vec<Item> {
    records
        .into_iter()
        .map(|(id, name)| Item::pending(id, name))
        .collect()
}

//! The generic steps behind [`super::records`]: each takes an entity's [`Store`] and does the same for
//! every entity. The redirects and one-time messages that make forms work without JavaScript are here.

use super::flash::ssr as flash;
use super::form_ssr::{self as f, UpdateForm};
use crate::entities::server::Store;
use crate::errors::AppError;
use crate::functions::forms::{DeleteInfo, FormData, FormOutcome};
use halo::client::HaloClient;

/// `/clients/new` or `/clients/7/edit`.
fn form_path<S: Store>(id: Option<i32>) -> String {
    let e = S::entity();
    match id {
        Some(id) => format!("{}/edit", e.record_href(id)),
        None => format!("{}/new", e.list_href()),
    }
}

/// The form's data: the record as loaded (when editing), the pickers, and a refused attempt's outcome.
pub async fn form_data<S: Store>(
    halo: &HaloClient,
    raw_id: &str,
    hint: &str,
) -> Result<FormData, AppError> {
    let e = S::entity();
    let id = f::form_id(raw_id, e.words.one_title)?;
    let res = S::resource(halo);
    let (loaded, options) = futures::join!(
        Box::pin(f::load_opt(&res, e.form, id)),
        Box::pin(f::options(halo, e.form, Some(hint)))
    );
    let mut data = f::form_data(id, loaded, options)?;
    if let Some(stale) = halo.served_stale() {
        // an older copy is no ground for an edit: HaloPSA cannot take the change now anyway
        return Err(AppError::of_write(stale.because));
    }
    Box::pin(S::prepare_form(halo, &mut data, hint)).await;
    data.outcome = flash::take_form(&form_path::<S>(id));
    Ok(data)
}

/// Creates a record; on success to the record with "Saved.", otherwise back to the form.
pub async fn create<S: Store>(
    halo: &HaloClient,
    fields: f::Values,
) -> Result<FormOutcome, AppError> {
    let e = S::entity();
    let outcome = f::create(&S::resource(halo), e.form, fields, |v| S::resolve(halo, v)).await?;
    Ok(finish::<S>(outcome, None))
}

/// Updates a record; on success to the record with "Saved.", otherwise back to the form.
pub async fn update<S: Store>(
    halo: &HaloClient,
    id: i32,
    form: UpdateForm,
) -> Result<FormOutcome, AppError> {
    let e = S::entity();
    let outcome = f::update(&S::resource(halo), e.form, id, form, |v| {
        S::resolve(halo, v)
    })
    .await?;
    Ok(finish::<S>(outcome, Some(id)))
}

/// Ends a create or update: to the record with a notice, or back to the form with the outcome kept in
/// the session.
fn finish<S: Store>(outcome: FormOutcome, editing: Option<i32>) -> FormOutcome {
    let e = S::entity();
    match outcome.saved {
        Some(id) => {
            let to = e.record_href(id);
            flash::note(&to, "Saved.");
            leptos_axum::redirect(&to);
        }
        None if outcome.created => {
            let to = e.list_href();
            flash::note(&to, f::CREATED_UNSEEN);
            leptos_axum::redirect(&to);
        }
        None => {
            let to = form_path::<S>(editing);
            flash::keep_form(&to, &outcome);
            leptos_axum::redirect(&to);
        }
    }
    outcome
}

/// The delete confirmation's data.
pub async fn delete_info<S: Store>(halo: &HaloClient, id: i32) -> Result<DeleteInfo, AppError> {
    let res = S::resource(halo);
    let (loaded, counted) = futures::join!(
        Box::pin(f::load(&res, S::entity().form, id)),
        Box::pin(S::dependents(halo, id))
    );
    let loaded = loaded?;
    let dependents = counted.or_else(|| S::dependents_in(&loaded));
    Ok(DeleteInfo {
        id,
        name: loaded.name,
        dependents,
    })
}

/// Deletes a record, then to the list with "Deleted “name”."; a failure goes back to the confirmation
/// with the reason.
pub async fn delete<S: Store>(halo: &HaloClient, id: i32) -> Result<(), AppError> {
    let e = S::entity();
    let back = format!("{}/delete", e.record_href(id));
    let res = S::resource(halo);
    let loaded = match Box::pin(f::load(&res, e.form, id)).await {
        Ok(l) => l,
        Err(err) => return Err(f::fail_to(&back, err)),
    };
    let result = Box::pin(res.delete(id)).await;
    crate::audit::record(crate::audit::AuditEvent::change(
        "delete",
        f::entity_name::<S::Halo>(),
        Some(id.into()),
        Vec::new(),
        &result,
    ));
    if let Err(err) = result {
        return Err(f::fail_to(&back, AppError::of_write(err)));
    }
    let list = e.list_href();
    let name: String = loaded.name.chars().take(200).collect();
    flash::note(&list, format!("Deleted \u{201c}{name}\u{201d}."));
    leptos_axum::redirect(&list);
    Ok(())
}

//! Bulk actions: the bulk page's offer for a selection, starting a job, a job's progress, and steering it
//! (cancel, resume, undo). Every change is a POST that ends in a redirect with a one-time notice, so the
//! forms work without JavaScript; see [`crate::jobs`] for how a job runs.

use crate::errors::AppError;
use crate::jobs::{BulkOffer, JobLine, JobView};
use leptos::prelude::*;

/// What the bulk page offers for the selection: `list` (an entity's path), `query` (its list's query),
/// `ids` (comma-separated) or `all` (every record matching the query).
#[server(endpoint = "bulk_plan", input = server_fn::codec::GetUrl)]
pub async fn bulk_plan(
    list: String,
    query: String,
    ids: String,
    all: bool,
) -> Result<BulkOffer, AppError> {
    use super::ssr::{halo, with_status};
    use crate::jobs::plan;
    let sel = plan::Selection::read(&list, &query, &ids, all).map_err(with_status)?;
    let halo = halo().map_err(with_status)?;
    let owner = super::health::ssr::person().map_err(with_status)?;
    let mut offer = plan::plan(&halo, &sel).await.map_err(with_status)?;
    let store = ssr::store().map_err(with_status)?;
    offer.running_job = crate::jobs::run::running_of_anywhere(&*store, &owner).await;
    Ok(offer)
}

/// Starts `action` (see [`crate::jobs::plan::action`]) on the selection as a job, then to its page; `ids`
/// is `all` for every record matching `query`.
#[server(endpoint = "start_job")]
pub async fn start_job(
    list: String,
    query: String,
    ids: String,
    action: String,
    field: Option<String>,
    value: Option<String>,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::jobs::plan::Selection;
    let all = ids.trim() == "all";
    let ids = if all { String::new() } else { ids };
    let sel = match Selection::read(&list, &query, &ids, all) {
        Ok(s) => s,
        Err(e) => return Err(super::ssr::with_status(e)),
    };
    let posted = (
        action.as_str(),
        field.as_deref().unwrap_or(""),
        value.as_deref().unwrap_or(""),
        confirm.as_deref().unwrap_or(""),
    );
    match ssr::start(&sel, posted).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/jobs/{id}"));
            Ok(())
        }
        Err(e) => Err(super::form_ssr::fail_to(&sel.page(), e)),
    }
}

/// Job `id` of the signed-in person, with its progress.
#[server(endpoint = "get_job", input = server_fn::codec::GetUrl)]
pub async fn get_job(id: String) -> Result<JobView, AppError> {
    use super::ssr::with_status;
    use crate::jobs::run;
    let (job, owner) = ssr::mine(&id).await.map_err(with_status)?;
    let store = ssr::store().map_err(with_status)?;
    let running = run::is_running_anywhere(&*store, job.id).await;
    // the budget the job's calls draw on (a job not running here is estimated by the budget alone)
    let calls_per_sec = super::ssr::halo()
        .ok()
        .and_then(|h| h.gateway().config().background_calls_per_sec());
    let eta_secs = run::eta_secs(job.id, job.counts().left, calls_per_sec);
    Ok(JobView {
        job,
        running,
        eta_secs,
        may_start: run::running_of_anywhere(&*store, &owner).await.is_none(),
    })
}

/// The signed-in person's latest jobs, newest first.
#[server(endpoint = "my_jobs", input = server_fn::codec::GetUrl)]
pub async fn my_jobs() -> Result<Vec<JobLine>, AppError> {
    use super::ssr::with_status;
    let owner = super::health::ssr::person().map_err(with_status)?;
    let store = ssr::store().map_err(with_status)?;
    let jobs = store.list(owner, 50).await.map_err(ssr::unavailable)?;
    let mut lines = Vec::with_capacity(jobs.len());
    for j in jobs {
        let c = j.counts();
        // only a job stored as running can have been interrupted
        let running = j.state == crate::jobs::JobState::Running
            && crate::jobs::run::is_running_anywhere(&*store, j.id).await;
        lines.push(JobLine {
            id: j.id,
            title: j.title(),
            state: j.shown_state(running),
            done: c.done,
            failed: c.failed,
            left: c.left,
            started_at: j.started_at,
        });
    }
    Ok(lines)
}

/// `what` = `cancel`, `resume` or `undo` job `id`; then to the job's page (an undo: the new job's).
#[server(endpoint = "steer_job")]
pub async fn steer_job(id: String, what: String) -> Result<(), AppError> {
    let back = format!("/jobs/{}", id.trim());
    match ssr::steer(&id, &what).await {
        Ok((to, note)) => {
            super::flash::ssr::note(&to, note);
            leptos_axum::redirect(&to);
            Ok(())
        }
        Err(e) => Err(super::form_ssr::fail_to(&back, e)),
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::errors::AppError;
    use crate::jobs::plan::{self, Selection};
    use crate::jobs::run::{self, Runner};
    use crate::jobs::{Job, JobState};
    use crate::state::server::{JobStore, Jobs};
    use std::sync::Arc;

    /// The job store from the server's context.
    pub fn store() -> Result<Arc<dyn JobStore>, AppError> {
        leptos::prelude::use_context::<Jobs>()
            .map(|j| j.0)
            .ok_or_else(|| AppError::Internal("no job store".into()))
    }

    /// A store failure, in plain words.
    pub fn unavailable(e: String) -> AppError {
        tracing::error!(error = %e, "bulk jobs");
        AppError::Internal("Bulk jobs could not be read or written just now.".into())
    }

    fn now() -> String {
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string()
    }

    /// Job `raw_id` and the person's key, when the job is theirs (anyone else's is "not found").
    pub async fn mine(raw_id: &str) -> Result<(Job, String), AppError> {
        let id: i64 = raw_id.trim().parse().map_err(|_| {
            AppError::not_found(format!(
                "Job {:?}",
                raw_id.chars().take(20).collect::<String>()
            ))
        })?;
        let owner = crate::functions::health::ssr::person()?;
        let job = store()?.get(id).await.map_err(unavailable)?;
        match job {
            Some(job) if job.owner == owner => Ok((job, owner)),
            _ => Err(AppError::not_found(format!("Job {id}"))),
        }
    }

    /// Checks the posted action, fixes the records and starts the job; its id.
    pub async fn start(sel: &Selection, posted: (&str, &str, &str, &str)) -> Result<i64, AppError> {
        let halo = crate::functions::ssr::halo()?;
        let owner = crate::functions::health::ssr::person()?;
        // before fixing the records (a walk of the filter's pages for "all matching")
        if let Some(id) = run::running_of_anywhere(&*store()?, &owner).await {
            return Err(run::busy(id));
        }
        let records = plan::records(&halo, sel).await?;
        if records.is_empty() {
            return Err(AppError::bad_input(format!(
                "No {} match this filter.",
                sel.entity.words.many
            )));
        }
        let action = plan::action(&halo, sel.entity, posted, records.len()).await?;
        let store = store()?;
        let mut job = Job {
            id: 0,
            owner,
            kind: sel.entity.kind,
            action,
            back: sel.back(),
            state: JobState::Running,
            started_at: now(),
            items: plan::items(records),
        };
        job.id = store.create(job.clone()).await.map_err(unavailable)?;
        let id = job.id;
        run::start(job, Runner::of_request(halo, store)).await?;
        Ok(id)
    }

    /// Cancels, resumes or undoes job `raw_id`: where to go next, and what to say there.
    pub async fn steer(raw_id: &str, what: &str) -> Result<(String, String), AppError> {
        let (mut job, owner) = mine(raw_id).await?;
        let to = |id: i64| format!("/jobs/{id}");
        match what {
            "cancel" => {
                if !run::cancel_anywhere(&*store()?, job.id).await {
                    return Err(AppError::conflict("That job is not running."));
                }
                Ok((
                    to(job.id),
                    "Cancelling: the record under way is finished first.".into(),
                ))
            }
            "resume" => {
                if !job.resumable(run::is_running_anywhere(&*store()?, job.id).await) {
                    return Err(AppError::conflict("That job has nothing left to resume."));
                }
                let halo = crate::functions::ssr::halo()?;
                job.state = JobState::Running;
                let store = store()?;
                store.save(job.clone()).await.map_err(unavailable)?;
                let id = job.id;
                run::start(job, Runner::of_request(halo, store)).await?;
                Ok((to(id), "Resumed.".into()))
            }
            "undo" => {
                let Some(mut undo) = job.undo(&owner, now()) else {
                    return Err(AppError::conflict("That job has no change to undo."));
                };
                let halo = crate::functions::ssr::halo()?;
                let store = store()?;
                undo.id = store.create(undo.clone()).await.map_err(unavailable)?;
                let id = undo.id;
                run::start(undo, Runner::of_request(halo, store)).await?;
                Ok((to(id), format!("Undoing job {}.", job.id)))
            }
            other => Err(AppError::bad_input(format!(
                "{:?} is not something a job can do.",
                other.chars().take(20).collect::<String>()
            ))),
        }
    }
}

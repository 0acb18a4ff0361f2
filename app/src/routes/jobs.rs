//! `/jobs/{id}` — a bulk job's progress (done, failed, left, time remaining by its pace and the HaloPSA
//! budget) with cancel, resume and undo, and each record's outcome once it stops; `/jobs` — the person's
//! jobs. While a job runs its page shows itself again every two seconds (`islands::SelfRefresh`: in place
//! with JavaScript, a `<noscript>` meta refresh without).

use crate::components::error_panel::ErrorPanel;
use crate::functions::jobs::{get_job, my_jobs, SteerJob};
use crate::jobs::{ItemState, JobState, JobView};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One job's page.
#[component]
pub fn JobPage() -> impl IntoView {
    let params = use_params_map();
    let steer = ServerAction::<SteerJob>::new();
    let job = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        get_job,
    );
    view! {
        <Title text="Bulk job"/>
        <Suspense fallback=|| view! { <p class="loading">"Reading the job…"</p> }>
            {Suspend::new(async move {
                match job.await {
                    Ok(v) => job_view(v, steer).into_any(),
                    Err(e) => view! { <h1>"Bulk job"</h1><ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "about 2 min left", "about 40 s left".
fn eta_words(secs: u64) -> String {
    if secs >= 90 {
        format!("about {} min left", secs.div_ceil(60))
    } else {
        format!("about {secs} s left")
    }
}

fn job_view(v: JobView, steer: ServerAction<SteerJob>) -> impl IntoView {
    let state = v.state();
    let (running_here, eta_secs, may_start) = (v.running, v.eta_secs, v.may_start);
    let job = v.job;
    let c = job.counts();
    let total = job.items.len();
    let reached = total - c.left;
    let mut line = format!(
        "{}: {} done, {} failed, {} left",
        crate::forms::capitalised(state.words()),
        c.done,
        c.failed,
        c.left
    );
    if c.skipped > 0 {
        line.push_str(&format!(", {} skipped", c.skipped));
    }
    if let (JobState::Running, Some(eta)) = (state, eta_secs) {
        line.push_str(&format!("; {}", eta_words(eta)));
    }
    line.push('.');
    let id = job.id;
    let button = move |what: &'static str, text: String| {
        view! {
            <ActionForm action=steer attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="what" value=what/>
                <button type="submit" class="button" data-testid=format!("job-{what}")>{text}</button>
            </ActionForm>
        }
    };
    let running = state == JobState::Running;
    let resumable = job.resumable(running_here);
    let undoable = may_start && job.undoable();
    let kind = job.kind;
    let results = (!running && reached > 0).then(|| results_table(&job, kind));
    view! {
        {running.then(|| view! { <crate::islands::SelfRefresh seconds=2/> })}
        <h1>{format!("Job {id}: {}", job.title())}</h1>
        <p><a href=job.back.clone()>"Back to the list"</a> " · " <a href="/jobs">"Your jobs"</a></p>
        <p class="muted">{format!("Started {}.", job.started_at)}</p>
        <p role="status" data-testid="job-state">{line}</p>
        <progress max=total.to_string() value=reached.to_string() aria-label=format!("Job {id}: {reached} of {total} records reached")></progress>
        <p class="record-actions">
            {running.then(|| button("cancel", "Cancel".into()))}
            {resumable.then(|| button("resume", format!("Resume the {} left", c.left)))}
            {undoable.then(|| button("undo", "Undo this change".into()))}
        </p>
        {results}
    }
}

fn results_table(job: &crate::jobs::Job, kind: crate::entities::EntityKind) -> impl IntoView {
    let e = kind.entity();
    let rows = job
        .items
        .iter()
        .filter(|i| i.state != ItemState::Pending)
        .map(|i| {
            let outcome = match i.state {
                ItemState::Done => "Done",
                ItemState::Unchanged => "Already so",
                ItemState::Failed => "Failed",
                ItemState::Skipped => "Skipped",
                ItemState::Pending => "Waiting",
            };
            let href = e.record_href(i.id);
            view! {
                <tr data-outcome=outcome>
                    <td><a href=href>{i.name.clone()}</a></td>
                    <td>{outcome}</td>
                    <td>{i.reason.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" role="region" aria-label="Each record's outcome" tabindex="0">
            <table class="data" data-testid="job-results">
                <caption>"Each record's outcome"</caption>
                <thead><tr><th scope="col">{e.words.one_title}</th><th scope="col">"Outcome"</th><th scope="col">"HaloPSA's reason"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The person's jobs.
#[component]
pub fn JobsPage() -> impl IntoView {
    let jobs = OnceResource::new(my_jobs());
    view! {
        <Title text="Your jobs"/>
        <h1>"Your jobs"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Reading your jobs…"</p> }>
            {Suspend::new(async move {
                match jobs.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="muted">"No bulk changes yet. Tick rows on a list and choose “Change the selected…” to start one."</p>
                    }.into_any(),
                    Ok(list) => {
                        let rows = list.into_iter().map(|j| view! {
                            <tr>
                                <td><a href=format!("/jobs/{}", j.id)>{j.title}</a></td>
                                <td>{j.state.words()}</td>
                                <td class="num">{j.done}</td>
                                <td class="num">{j.failed}</td>
                                <td class="num">{j.left}</td>
                                <td>{j.started_at}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <div class="table-wrap" role="region" aria-label="Your jobs" tabindex="0">
                                <table class="data" data-testid="jobs-table">
                                    <caption>"Your bulk jobs, newest first"</caption>
                                    <thead><tr><th scope="col">"Job"</th><th scope="col">"State"</th><th scope="col">"Done"</th><th scope="col">"Failed"</th><th scope="col">"Left"</th><th scope="col">"Started"</th></tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

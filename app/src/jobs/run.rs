//! Carrying a job out: one record after another in the background class, as the person who started it
//! (their HaloPSA handle), the job saved after every record, one audit line per record changed. A field
//! change reads the record first (fresh, never from the cache), sends only that field when it differs,
//! and keeps the value it replaced for an undo. At most one job runs per person.

use super::model::{target, Action, Item, ItemState, Job, JobState};
use crate::audit::{AuditEvent, AuditLog};
use crate::entities::server::Store;
use crate::errors::AppError;
use crate::state::server::{JobStore, RequestUser};
use halo::client::HaloClient;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Instant;

/// A running job's handle: whose it is, the person's stop request, and its pace.
struct Control {
    owner: String,
    cancel: AtomicBool,
    started: Instant,
    reached: AtomicUsize,
}

/// The jobs this process runs now, by id.
static RUNNING: LazyLock<Mutex<HashMap<i64, Arc<Control>>>> = LazyLock::new(Default::default);

fn running() -> std::sync::MutexGuard<'static, HashMap<i64, Arc<Control>>> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner())
}

/// The job `owner` runs now, if any.
pub fn running_of(owner: &str) -> Option<i64> {
    running()
        .iter()
        .find(|(_, c)| c.owner == owner)
        .map(|(id, _)| *id)
}

/// Why another job cannot start: the person's job `id` still runs.
pub fn busy(id: i64) -> AppError {
    AppError::conflict(format!(
        "Job {id} of yours is still running: wait for it to end or cancel it first."
    ))
}

/// Whether job `id` runs in this process now.
pub fn is_running(id: i64) -> bool {
    running().contains_key(&id)
}

/// Asks job `id` to stop before its next record; false when it is not running.
pub fn cancel(id: i64) -> bool {
    match running().get(&id) {
        Some(c) => {
            c.cancel.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    }
}

/// Whether job `id` runs here or, with replicas, in another process.
pub async fn is_running_anywhere(store: &dyn JobStore, id: i64) -> bool {
    is_running(id) || store.alive(id).await.unwrap_or(false)
}

/// The job `owner` runs here or, with replicas, in another process.
pub async fn running_of_anywhere(store: &dyn JobStore, owner: &str) -> Option<i64> {
    match running_of(owner) {
        Some(id) => Some(id),
        None => store.running_of(owner.to_owned()).await.unwrap_or(None),
    }
}

/// Cancels job `id` here, or asks the process that runs it; false when it runs nowhere.
pub async fn cancel_anywhere(store: &dyn JobStore, id: i64) -> bool {
    if cancel(id) {
        return true;
    }
    if !store.alive(id).await.unwrap_or(false) {
        return false;
    }
    store.ask_cancel(id).await.is_ok()
}

/// How often a running job renews its mark (replicas; the mark lasts three times as long).
const BEAT_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Marks job `id` as running in this process for the other replicas (for the next few seconds).
async fn mark(store: &dyn JobStore, id: i64, owner: &str) {
    if let Err(e) = store.beat(id, owner.to_owned()).await {
        tracing::warn!(job = id, error = %e, "could not mark a bulk job as running");
    }
}

/// Renews job `id`'s mark while this process runs it, also while it waits for HaloPSA's budget. The
/// first mark is [`start`]'s.
async fn keep_marked(store: Arc<dyn JobStore>, id: i64, owner: String) {
    loop {
        tokio::time::sleep(BEAT_EVERY).await;
        if !is_running(id) {
            break;
        }
        mark(&*store, id, &owner).await;
    }
}

/// Upstream calls one record of a job makes at most: its fresh read, then the write.
const CALLS_PER_RECORD: f64 = 2.0;

/// Seconds until job `id` reaches its `left` records: the slower of its pace since it (re)started in
/// this process and what the HaloPSA budget lets background work do (`calls_per_sec`, the background
/// share spread over the window). So the time shows from the start, before any record gives a pace, and
/// never promises more than the budget allows; `None` with neither.
pub fn eta_secs(id: i64, left: usize, calls_per_sec: Option<f64>) -> Option<u64> {
    let by_budget = calls_per_sec
        .filter(|r| *r > 0.0)
        .map(|r| left as f64 * CALLS_PER_RECORD / r);
    let by_pace = running().get(&id).and_then(|c| {
        let reached = c.reached.load(Ordering::Relaxed);
        (reached > 0).then(|| c.started.elapsed().as_secs_f64() / reached as f64 * left as f64)
    });
    let secs = match (by_pace, by_budget) {
        (Some(pace), Some(budget)) => Some(pace.max(budget)),
        (pace, budget) => pace.or(budget),
    };
    secs.map(|s| s.ceil() as u64)
}

/// What a job needs beside itself: the person's HaloPSA handle, the store, and where audit lines go.
#[derive(Clone)]
pub struct Runner {
    pub halo: HaloClient,
    pub store: Arc<dyn JobStore>,
    pub audit: Option<Arc<AuditLog>>,
    pub user: Option<RequestUser>,
}

impl Runner {
    /// The current request's: its person's HaloPSA handle in the background class (reads always fresh),
    /// the job store and the audit log.
    pub fn of_request(halo: HaloClient, store: Arc<dyn JobStore>) -> Runner {
        let parts = leptos::prelude::use_context::<http::request::Parts>();
        let ext = parts.as_ref().map(|p| &p.extensions);
        Runner {
            halo: halo.background().fresh_only(),
            store,
            audit: ext.and_then(|e| e.get::<Arc<AuditLog>>().cloned()),
            user: ext.and_then(|e| e.get::<RequestUser>().cloned()),
        }
    }

    fn audit(&self, event: AuditEvent) {
        let event = match &self.user {
            Some(u) => event.by(u),
            None => event,
        };
        match &self.audit {
            Some(log) => log.write(&event),
            None => tracing::error!(action = event.action, "bulk job without an audit log"),
        }
    }
}

/// Runs `job` (saved, with its id) in the background unless its owner already runs one. It is marked as
/// running before this returns, so a replica asked right after the answer already sees it run (a mark
/// left to the background task lost that race now and then).
pub async fn start(job: Job, runner: Runner) -> Result<(), AppError> {
    let control = {
        let mut all = running();
        if let Some((id, _)) = all.iter().find(|(_, c)| c.owner == job.owner) {
            return Err(busy(*id));
        }
        let control = Arc::new(Control {
            owner: job.owner.clone(),
            cancel: AtomicBool::new(false),
            started: Instant::now(),
            reached: AtomicUsize::new(0),
        });
        all.insert(job.id, control.clone());
        control
    };
    mark(&*runner.store, job.id, &job.owner).await;
    tokio::spawn(keep_marked(runner.store.clone(), job.id, job.owner.clone()));
    tokio::spawn(drive(job, runner, control));
    Ok(())
}

async fn drive(mut job: Job, runner: Runner, control: Arc<Control>) {
    let id = job.id;
    loop {
        if runner.store.take_cancel(id).await.unwrap_or(false) {
            // asked through another replica
            control.cancel.store(true, Ordering::Relaxed);
        }
        if control.cancel.load(Ordering::Relaxed) {
            job.state = JobState::Cancelled;
        } else if let Some(i) = job.next_pending() {
            let item = &job.items[i];
            let done = crate::entities::with_store!(job.kind, S => {
                Box::pin(step::<S>(&runner, &job.action, item)).await
            });
            job.items[i] = done;
            control.reached.fetch_add(1, Ordering::Relaxed);
        } else {
            job.state = JobState::Finished;
        }
        if let Err(e) = runner.store.save(job.clone()).await {
            tracing::error!(job = id, error = %e, "a bulk job could not be saved");
        }
        if job.state != JobState::Running {
            break;
        }
    }
    running().remove(&id);
    let _ = runner.store.ended(id, job.owner.clone()).await;
}

/// One record of a job, reached: its new state.
async fn step<S: Store>(runner: &Runner, action: &Action, item: &Item) -> Item {
    let res = S::resource(&runner.halo);
    let entity = crate::functions::form_ssr::entity_name::<S::Halo>();
    let id = item.id;
    let Some(field) = action.field() else {
        let result = Box::pin(res.delete(id)).await;
        runner.audit(AuditEvent::change(
            "delete",
            entity,
            Some(id.into()),
            vec![],
            &result,
        ));
        return settled(item, result.map_err(AppError::of_write));
    };
    let now = match Box::pin(res.get(id, &Default::default())).await {
        Ok(record) => serde_json::to_value(&record)
            .ok()
            .and_then(|v| v.get(field).cloned())
            .unwrap_or(Value::Null),
        Err(halo::Error::NotFound) => {
            return failed(item, "Not found in HaloPSA: deleted since?".into())
        }
        Err(e) => return failed(item, AppError::from(e).to_string()),
    };
    let restoring = matches!(action, Action::Restore { .. });
    let keep = |state, before: Option<Value>, expect: Option<Value>| Item {
        state,
        before: if restoring {
            item.before.clone()
        } else {
            before
        },
        expect: if restoring {
            item.expect.clone()
        } else {
            expect
        },
        reason: None,
        ..item.clone()
    };
    match target(action, item, &now) {
        Err(reason) => Item {
            state: ItemState::Skipped,
            reason: Some(reason),
            ..item.clone()
        },
        Ok(None) => keep(ItemState::Unchanged, Some(now.clone()), Some(now)),
        Ok(Some(value)) => {
            let mut changes = Map::new();
            changes.insert(field.to_owned(), value.clone());
            let result = Box::pin(res.update(id, changes)).await;
            runner.audit(AuditEvent::change(
                "update",
                entity,
                Some(id.into()),
                vec![field.to_owned()],
                &result,
            ));
            match result {
                Ok(_) => keep(ItemState::Done, Some(now), Some(value)),
                Err(e) => failed(item, AppError::of_write(e).to_string()),
            }
        }
    }
}

fn settled<T>(item: &Item, result: Result<T, AppError>) -> Item {
    match result {
        Ok(_) => Item {
            state: ItemState::Done,
            reason: None,
            ..item.clone()
        },
        Err(e) => failed(item, e.to_string()),
    }
}

fn failed(item: &Item, reason: String) -> Item {
    Item {
        state: ItemState::Failed,
        reason: Some(reason),
        ..item.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::{eta_secs, start, Runner};
    use crate::entities::EntityKind;
    use crate::jobs::{Action, Job, JobState};
    use crate::state::server::JobStore;
    use futures::future::BoxFuture;
    use std::sync::{Arc, Mutex};

    /// A job store that only remembers which jobs were marked as running.
    #[derive(Default)]
    struct Marks(Mutex<Vec<i64>>);

    impl JobStore for Marks {
        fn create(&self, _: Job) -> BoxFuture<'static, Result<i64, String>> {
            Box::pin(async { Ok(0) })
        }
        fn save(&self, _: Job) -> BoxFuture<'static, Result<(), String>> {
            Box::pin(async { Ok(()) })
        }
        fn get(&self, _: i64) -> BoxFuture<'static, Result<Option<Job>, String>> {
            Box::pin(async { Ok(None) })
        }
        fn list(&self, _: String, _: usize) -> BoxFuture<'static, Result<Vec<Job>, String>> {
            Box::pin(async { Ok(Vec::new()) })
        }
        fn beat(&self, id: i64, _: String) -> BoxFuture<'static, Result<(), String>> {
            self.0.lock().unwrap().push(id);
            Box::pin(async { Ok(()) })
        }
    }

    #[tokio::test]
    async fn a_started_job_is_marked_before_start_answers() {
        // the replicas test once read "not running" on replica B right after A answered the start
        let url = "http://127.0.0.1:9/api";
        let config =
            halo::client::GatewayConfig::new(url.parse().unwrap(), url.parse().unwrap(), "test");
        let gateway = halo::client::Gateway::new(config).unwrap();
        let store = Arc::new(Marks::default());
        let runner = Runner {
            halo: gateway.app_client(),
            store: store.clone(),
            audit: None,
            user: None,
        };
        let job = Job {
            id: -77,
            owner: "test:marked-before-answer".into(),
            kind: EntityKind::Clients,
            action: Action::Delete,
            back: "/clients".into(),
            state: JobState::Running,
            started_at: String::new(),
            items: Vec::new(),
        };
        start(job, runner).await.unwrap();
        // nothing else ran yet on this one-thread runtime: the mark is start's own
        assert_eq!(*store.0.lock().unwrap(), vec![-77]);
    }

    #[test]
    fn a_job_with_no_pace_yet_is_timed_by_the_budget_alone() {
        // 150 records, 2 calls each, at the default budget's background share (150 calls / 300 s)
        assert_eq!(eta_secs(-1, 150, Some(0.5)), Some(600));
        assert_eq!(eta_secs(-1, 0, Some(0.5)), Some(0));
        // no budget (rate limit off) and no pace: no promise
        assert_eq!(eta_secs(-1, 150, None), None);
        assert_eq!(eta_secs(-1, 150, Some(0.0)), None);
    }
}

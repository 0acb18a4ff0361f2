//! The data health report: started when a person first asks for it (never at boot), walked in the
//! background class as that person (their HaloPSA permissions), kept per person and walked again once it
//! is older than `HALOSCOPE_HEALTH_INTERVAL` (1 h by default) or when they ask.

use crate::errors::AppError;
use crate::health::report::{HealthGlance, HealthView};
use leptos::prelude::*;

/// The person's report, or the walk's progress; starts the walk when there is no report yet or it is old.
#[server(endpoint = "get_data_health", input = server_fn::codec::GetUrl)]
pub async fn get_data_health() -> Result<HealthView, AppError> {
    use super::ssr::{halo, with_status};
    let halo = halo().map_err(with_status)?;
    let person = ssr::person().map_err(with_status)?;
    Ok(ssr::view_for(person, halo, false, ssr::shared()).await)
}

/// The overview's line about the person's report: its counts, or that there is none yet. Never walks.
#[server(endpoint = "glance_data_health", input = server_fn::codec::GetUrl)]
pub async fn glance_data_health() -> Result<HealthGlance, AppError> {
    let person = ssr::person().map_err(super::ssr::with_status)?;
    Ok(ssr::glance(&person, ssr::shared().as_ref()).await)
}

/// Walks again now (unless a walk is under way), then back to the report.
#[server(endpoint = "refresh_data_health")]
pub async fn refresh_data_health() -> Result<(), AppError> {
    use super::ssr::{halo, with_status};
    let halo = halo().map_err(with_status)?;
    let person = ssr::person().map_err(with_status)?;
    ssr::view_for(person, halo, true, ssr::shared()).await;
    leptos_axum::redirect("/data-health");
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::entities::server::Store;
    use crate::entities::{clients, companies, sites};
    use crate::errors::AppError;
    use crate::health::findings::{report, Walked};
    use crate::health::report::{HealthGlance, HealthView, Report};
    use crate::params::{ListParams, StatusFilter};
    use crate::state::server::{Reports, SharedReports};
    use futures::{Stream, StreamExt};
    use halo::client::HaloClient;
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, LazyLock, Mutex};
    use std::time::{Duration, Instant};

    /// How old a report may get before the next visit walks again: the server's `HealthInterval`.
    fn refresh_after() -> Duration {
        use crate::state::server::HealthInterval;
        leptos::prelude::use_context::<HealthInterval>()
            .unwrap_or_default()
            .0
    }

    enum State {
        Walking(Arc<AtomicU64>),
        Ready(Report, Instant),
        Failed(String),
    }

    /// Each person's report (by `kind:id`): one walk at a time per person.
    static REPORTS: LazyLock<Mutex<HashMap<String, State>>> = LazyLock::new(Default::default);

    /// With replicas, the longest one replica holds a person's walk before another may walk for them.
    const WALK_HOLD: Duration = Duration::from_secs(600);

    fn reports() -> std::sync::MutexGuard<'static, HashMap<String, State>> {
        REPORTS.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The replicas' shared reports, from the server's context (`None`: one process).
    pub fn shared() -> Option<Arc<dyn SharedReports>> {
        leptos::prelude::use_context::<Reports>().and_then(|r| r.0)
    }

    fn unix_now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    /// Takes the report another replica walked for the person when it is newer than this process's.
    async fn adopt(person: &str, shared: Option<&Arc<dyn SharedReports>>) {
        let Some(shared) = shared else {
            return;
        };
        // the time first (a few bytes): the report itself only when it is newer than the one here
        let Ok(Some(at)) = shared.walked_at(person.to_owned()).await else {
            return;
        };
        let walked_at = |at: i64| {
            let age = Duration::from_secs(u64::try_from(unix_now() - at).unwrap_or(0));
            Instant::now().checked_sub(age).unwrap_or_else(Instant::now)
        };
        let newer = |reports: &HashMap<String, State>, walked: Instant| match reports.get(person) {
            Some(State::Walking(_)) => false,
            Some(State::Ready(_, here)) => walked > *here,
            _ => true,
        };
        if !newer(&reports(), walked_at(at)) {
            return;
        }
        let Ok(Some((report, at))) = shared.get(person.to_owned()).await else {
            return;
        };
        let walked = walked_at(at);
        let mut reports = reports();
        if newer(&reports, walked) {
            reports.insert(person.to_owned(), State::Ready(report, walked));
        }
    }

    /// Who is asking, as the key of their report.
    pub fn person() -> Result<String, AppError> {
        use crate::state::server::RequestUser;
        leptos::prelude::with_context::<http::request::Parts, _>(|p| {
            p.extensions.get::<RequestUser>().map(person_key)
        })
        .flatten()
        .ok_or(AppError::SignInRequired)
    }

    /// The key of `user`'s report: `kind:id`.
    pub fn person_key(user: &crate::state::server::RequestUser) -> String {
        format!("{}:{}", user.kind, user.id)
    }

    /// The person's report as it stands; starts a walk when there is none, it is old, or `again` (with
    /// replicas: a report another replica walked counts, and only one replica walks for a person).
    pub async fn view_for(
        person: String,
        halo: HaloClient,
        again: bool,
        shared: Option<Arc<dyn SharedReports>>,
    ) -> HealthView {
        let refresh_after = refresh_after();
        adopt(&person, shared.as_ref()).await;
        let due = walk_now(reports().get(&person), again, refresh_after, Instant::now());
        if due {
            let mine = match &shared {
                Some(s) => s
                    .walk(person.clone(), true, WALK_HOLD)
                    .await
                    .unwrap_or(false),
                None => true,
            };
            if !mine {
                // another replica walks for this person now
                return HealthView::Walking { read: 0, of: 0 };
            }
            start_walk(&person, halo, again, refresh_after, shared);
        }
        match reports().get(&person) {
            Some(State::Ready(r, _)) => HealthView::Ready(r.clone()),
            Some(State::Failed(e)) => HealthView::Failed(e.clone()),
            Some(State::Walking(read)) => HealthView::Walking {
                read: read.load(Ordering::Relaxed),
                of: 0,
            },
            None => HealthView::Walking { read: 0, of: 0 },
        }
    }

    /// Starts the person's walk unless one started meanwhile (then gives a replica's claim back).
    fn start_walk(
        person: &str,
        halo: HaloClient,
        again: bool,
        refresh_after: Duration,
        shared: Option<Arc<dyn SharedReports>>,
    ) {
        let mut reports = reports();
        if !walk_now(reports.get(person), again, refresh_after, Instant::now()) {
            if let Some(s) = shared {
                tokio::spawn(s.walk(person.to_owned(), false, WALK_HOLD));
            }
            return;
        }
        let read = Arc::new(AtomicU64::new(0));
        reports.insert(person.to_owned(), State::Walking(read.clone()));
        let halo = halo.background().fresh_only();
        tokio::spawn(walk_for(person.to_owned(), halo, read, shared));
    }

    /// Whether to walk now, given the person's report `state`: when there is none; when it is older than
    /// `refresh_after` at `now` or the person asks `again`; after a failure only when asked; never while a
    /// walk runs.
    fn walk_now(state: Option<&State>, again: bool, refresh_after: Duration, now: Instant) -> bool {
        match state {
            None => true,
            Some(State::Walking(_)) => false,
            Some(State::Ready(_, at)) => {
                again || now.saturating_duration_since(*at) > refresh_after
            }
            Some(State::Failed(_)) => again,
        }
    }

    /// The person's report as it stands, without starting anything.
    pub async fn glance(person: &str, shared: Option<&Arc<dyn SharedReports>>) -> HealthGlance {
        adopt(person, shared).await;
        match reports().get(person) {
            None => HealthGlance::NotChecked,
            Some(State::Walking(_)) => HealthGlance::Walking,
            Some(State::Failed(_)) => HealthGlance::Failed,
            Some(State::Ready(r, _)) => HealthGlance::Ready {
                duplicates: r.duplicates.len(),
                incomplete: r.incomplete.len(),
                walked_at: r.walked_at.clone(),
            },
        }
    }

    /// The person's last report (for the CSV export), if a walk has ended for them.
    pub async fn report_of(
        person: &str,
        shared: Option<&Arc<dyn SharedReports>>,
    ) -> Option<Report> {
        adopt(person, shared).await;
        match reports().get(person) {
            Some(State::Ready(r, _)) => Some(r.clone()),
            _ => None,
        }
    }

    async fn walk_for(
        person: String,
        halo: HaloClient,
        read: Arc<AtomicU64>,
        shared: Option<Arc<dyn SharedReports>>,
    ) {
        let outcome = walk(&halo, &read).await;
        let state = match outcome {
            Ok(w) => {
                let at = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string();
                State::Ready(report(&w, at), Instant::now())
            }
            Err(e) => State::Failed(e.to_string()),
        };
        if let Some(shared) = shared {
            if let State::Ready(r, _) = &state {
                let kept = shared.put(person.clone(), r.clone(), unix_now()).await;
                if let Err(e) = kept {
                    tracing::warn!(error = %e, "could not share a data health report");
                }
            }
            let _ = shared.walk(person.clone(), false, WALK_HOLD).await;
        }
        reports().insert(person, state);
    }

    /// Every client, site and company (active and inactive), HaloPSA's pages of 100 one after another.
    async fn walk(halo: &HaloClient, read: &AtomicU64) -> Result<Walked, AppError> {
        let all = |spec| ListParams {
            status: StatusFilter::All,
            per_page: 100,
            ..ListParams::defaults(spec)
        };
        let missing = || AppError::Internal("this list cannot be walked".into());
        let clients = clients::Store::walk(halo, &all(&clients::SPEC)).ok_or_else(missing)?;
        let sites = sites::Store::walk(halo, &all(&sites::SPEC)).ok_or_else(missing)?;
        let companies = companies::Store::walk(halo, &all(&companies::SPEC)).ok_or_else(missing)?;
        Ok(Walked {
            clients: collect(clients, read).await?,
            sites: collect(sites, read).await?,
            companies: collect(companies, read).await?,
        })
    }

    async fn collect<T>(
        records: impl Stream<Item = Result<T, halo::Error>>,
        read: &AtomicU64,
    ) -> Result<Vec<T>, AppError> {
        let mut out = Vec::new();
        let mut records = std::pin::pin!(records);
        while let Some(r) = records.next().await {
            out.push(r?);
            read.fetch_add(1, Ordering::Relaxed);
        }
        Ok(out)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_report_is_walked_again_once_older_than_the_interval_or_when_asked() {
            let walked = Instant::now();
            let ready = State::Ready(
                Report {
                    walked_at: String::new(),
                    counts: (0, 0, 0),
                    duplicates: vec![],
                    incomplete: vec![],
                },
                walked,
            );
            let (hour, half_hour) = (Duration::from_secs(3600), Duration::from_secs(1800));
            let at = |secs| walked + Duration::from_secs(secs);
            let now = Instant::now();
            assert!(walk_now(None, false, hour, now), "the first visit walks");
            let ready = Some(&ready);
            assert!(
                !walk_now(ready, false, hour, at(60)),
                "a fresh report is kept"
            );
            assert!(
                walk_now(ready, false, hour, at(3601)),
                "an hour-old one is walked again"
            );
            assert!(
                walk_now(ready, false, half_hour, at(1801)),
                "the interval is the setting's"
            );
            assert!(!walk_now(ready, false, half_hour, at(1799)));
            assert!(walk_now(ready, true, hour, at(60)), "asked again");
            let walking = State::Walking(Arc::new(AtomicU64::new(0)));
            assert!(
                !walk_now(Some(&walking), true, hour, now),
                "one walk at a time"
            );
            let failed = State::Failed("unreachable".into());
            assert!(!walk_now(Some(&failed), false, hour, now));
            assert!(
                walk_now(Some(&failed), true, hour, now),
                "a failed walk runs again when asked"
            );
        }
    }
}

//! Context shared between the server and the pages.

use serde::{Deserialize, Serialize};

/// What every page's frame needs to know about this Haloscope: shown in the header and banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ShellInfo {
    /// Running on the built-in simulator's demo data (no `HALO_*` setting given).
    pub demo: bool,
    /// Haloscope's version, shown in the footer.
    pub version: String,
    /// HaloPSA's own web address (tenant mode), for "open in HaloPSA" links.
    pub halo_web_url: Option<String>,
    /// Who is signed in (filled in per request), shown in the header beside "Sign out".
    pub user: Option<String>,
}

/// Server-only context, provided once per request by the `haloscope` server.
#[cfg(feature = "ssr")]
pub mod server {
    use super::ShellInfo;

    /// The HaloPSA handle of the current request: the shared app client in `service` mode (and demo mode),
    /// the signed-in agent's client in `agent` mode. Server functions get it only through
    /// [`crate::functions::halo`].
    #[derive(Clone)]
    pub struct RequestHalo(pub Option<halo::client::HaloClient>);

    /// Facts about this server that pages show; cheap to clone.
    #[derive(Clone)]
    pub struct ServerInfo(pub ShellInfo);

    /// The signed-in person of the current request, put in the request's extensions by the server's session
    /// gate: named in the header and in every audit line.
    #[derive(Clone, Debug)]
    pub struct RequestUser {
        /// `agent` (signed in with HaloPSA) or `local` (a Haloscope account).
        pub kind: &'static str,
        /// HaloPSA's agent id, or the local user name.
        pub id: String,
        /// The name shown to people.
        pub name: String,
    }

    /// How old a person's data health report may get before their next visit walks the lists again
    /// (`HALOSCOPE_HEALTH_INTERVAL`, 1 h by default); provided as Leptos context by the server.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct HealthInterval(pub std::time::Duration);

    impl Default for HealthInterval {
        fn default() -> Self {
            Self(std::time::Duration::from_secs(3600))
        }
    }

    /// A change to one of a person's saved views.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum ViewChange {
        Rename(i64, String),
        Delete(i64),
        /// Make the view its list's default (`true`; any other default of that list stops being one), or
        /// stop it being the default.
        Default(i64, bool),
    }

    impl ViewChange {
        /// What the notice after the change says.
        pub fn done(&self) -> String {
            match self {
                ViewChange::Rename(_, name) => {
                    format!("Renamed the view to \u{201c}{name}\u{201d}.")
                }
                ViewChange::Delete(_) => "Deleted the view.".into(),
                ViewChange::Default(_, true) => "This list now opens with that view.".into(),
                ViewChange::Default(_, false) => {
                    "This list no longer opens with a saved view.".into()
                }
            }
        }
    }

    /// Where saved views are kept (the server's SQLite file). Every method is one person's (`owner`, the
    /// key of [`RequestUser`]), except [`ViewStore::get`], which serves a view's shared link. Errors are
    /// the store's own words, for the log.
    pub trait ViewStore: Send + Sync {
        /// The owner's views of the list at `list` (its address), by name.
        fn list(
            &self,
            owner: String,
            list: String,
        ) -> futures::future::BoxFuture<
            'static,
            Result<Vec<crate::functions::views::SavedView>, String>,
        >;
        /// Saves a new view; its id.
        fn save(
            &self,
            owner: String,
            list: String,
            name: String,
            query: String,
        ) -> futures::future::BoxFuture<'static, Result<i64, String>>;
        /// Applies `change` to the owner's view of `list`; false when the owner has no such view.
        fn change(
            &self,
            owner: String,
            list: String,
            change: ViewChange,
        ) -> futures::future::BoxFuture<'static, Result<bool, String>>;
        /// Any person's view `id`, with the address of its list.
        fn get(
            &self,
            id: i64,
        ) -> futures::future::BoxFuture<
            'static,
            Result<Option<(String, crate::functions::views::SavedView)>, String>,
        >;
    }

    /// The saved-view store, provided as Leptos context by the server.
    #[derive(Clone)]
    pub struct Views(pub std::sync::Arc<dyn ViewStore>);

    /// Where bulk-action jobs are kept (the server's SQLite file), each saved again after every record so a
    /// restart loses none. Errors are the store's own words, for the log.
    pub trait JobStore: Send + Sync {
        /// Keeps a new job; its id (the job's own `id` is ignored).
        fn create(
            &self,
            job: crate::jobs::Job,
        ) -> futures::future::BoxFuture<'static, Result<i64, String>>;
        /// Replaces job `job.id` as it stands now.
        fn save(
            &self,
            job: crate::jobs::Job,
        ) -> futures::future::BoxFuture<'static, Result<(), String>>;
        /// Job `id`, whoever's it is.
        fn get(
            &self,
            id: i64,
        ) -> futures::future::BoxFuture<'static, Result<Option<crate::jobs::Job>, String>>;
        /// The owner's latest jobs, newest first.
        fn list(
            &self,
            owner: String,
            limit: usize,
        ) -> futures::future::BoxFuture<'static, Result<Vec<crate::jobs::Job>, String>>;

        /// Replicas: `owner`'s job `id` runs in a live process for the next few seconds (the process
        /// renews the mark while the job runs). One process needs none of the methods below: it knows its
        /// own jobs.
        fn beat(
            &self,
            _id: i64,
            _owner: String,
        ) -> futures::future::BoxFuture<'static, Result<(), String>> {
            Box::pin(async { Ok(()) })
        }
        /// Replicas: whether some process runs job `id` now (its mark is fresh).
        fn alive(&self, _id: i64) -> futures::future::BoxFuture<'static, Result<bool, String>> {
            Box::pin(async { Ok(false) })
        }
        /// Replicas: the job `owner` runs in some process now, if any.
        fn running_of(
            &self,
            _owner: String,
        ) -> futures::future::BoxFuture<'static, Result<Option<i64>, String>> {
            Box::pin(async { Ok(None) })
        }
        /// Replicas: asks the process that runs job `id` to cancel it before its next record.
        fn ask_cancel(&self, _id: i64) -> futures::future::BoxFuture<'static, Result<(), String>> {
            Box::pin(async { Ok(()) })
        }
        /// Replicas: whether someone asked for job `id` to be cancelled (the request is used up).
        fn take_cancel(
            &self,
            _id: i64,
        ) -> futures::future::BoxFuture<'static, Result<bool, String>> {
            Box::pin(async { Ok(false) })
        }
        /// Replicas: `owner`'s job `id` stopped here: its marks go at once.
        fn ended(
            &self,
            _id: i64,
            _owner: String,
        ) -> futures::future::BoxFuture<'static, Result<(), String>> {
            Box::pin(async { Ok(()) })
        }
    }

    /// The job store, provided as Leptos context by the server.
    #[derive(Clone)]
    pub struct Jobs(pub std::sync::Arc<dyn JobStore>);

    /// Replicas: data-health reports kept where every replica sees them, and one walk per person across
    /// them. One process has none (the reports live in it).
    pub trait SharedReports: Send + Sync {
        /// When the person's last report was walked (Unix seconds), without the report.
        fn walked_at(
            &self,
            person: String,
        ) -> futures::future::BoxFuture<'static, Result<Option<i64>, String>>;
        /// The person's last report and when it was walked (Unix seconds).
        fn get(
            &self,
            person: String,
        ) -> futures::future::BoxFuture<
            'static,
            Result<Option<(crate::health::report::Report, i64)>, String>,
        >;
        /// Keeps the person's report, walked at `at` (Unix seconds).
        fn put(
            &self,
            person: String,
            report: crate::health::report::Report,
            at: i64,
        ) -> futures::future::BoxFuture<'static, Result<(), String>>;
        /// Takes (`true`) or gives back (`false`) the person's walk; while one replica holds it (at most
        /// `hold`), the others do not walk for that person.
        fn walk(
            &self,
            person: String,
            take: bool,
            hold: std::time::Duration,
        ) -> futures::future::BoxFuture<'static, Result<bool, String>>;
    }

    /// The shared reports of replicas (`None`: one process), provided as Leptos context by the server.
    #[derive(Clone, Default)]
    pub struct Reports(pub Option<std::sync::Arc<dyn SharedReports>>);

    /// This response's CSP nonce (from the server's header middleware); the shell's inline script carries it.
    #[derive(Clone, Debug)]
    pub struct CspNonce(pub String);

    /// What the last upstream check said (the word `/readyz` answered: `ok`, `rate-limited`, …) and when,
    /// recorded by the server's `/readyz`. The header's status light starts from it, so a page shows what
    /// is known without the browser asking first; rendering reads it and never checks HaloPSA itself.
    #[derive(Clone, Default)]
    pub struct LastUpstreamCheck(
        std::sync::Arc<std::sync::Mutex<Option<(std::time::Instant, &'static str)>>>,
    );

    impl LastUpstreamCheck {
        /// Notes what a check just said.
        pub fn record(&self, word: &'static str) {
            *self.0.lock().unwrap_or_else(|e| e.into_inner()) =
                Some((std::time::Instant::now(), word));
        }

        /// What the last check said, if it was made within `within`.
        pub fn recent(&self, within: std::time::Duration) -> Option<&'static str> {
            let last = *self.0.lock().unwrap_or_else(|e| e.into_inner());
            last.filter(|(at, _)| at.elapsed() <= within)
                .map(|(_, word)| word)
        }
    }
}

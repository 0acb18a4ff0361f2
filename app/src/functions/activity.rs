//! Recent changes: the audit log's record changes for `/activity` and for a record's own page.

use crate::activity::Changes;
use crate::errors::AppError;
use leptos::prelude::*;

/// The page of changes the URL query asks for (`who`, `entity`, `id`, `action`, `outcome`, `page`); a
/// meaningless value is a 400 with a message before the log is read.
#[server(endpoint = "list_activity", input = server_fn::codec::GetUrl)]
pub async fn list_activity(query: String) -> Result<Changes, AppError> {
    use super::ssr::with_status;
    let filter = crate::activity::filter::ActivityFilter::from_query(&query)
        .map_err(|r| with_status(AppError::bad_input(r.message)))?;
    ssr::read(filter, None).await.map_err(with_status)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::activity::filter::ActivityFilter;
    use crate::activity::Changes;
    use crate::audit::{AuditLog, AuditTarget};
    use crate::components::detail::{Block, Section};
    use crate::entities::EntityKind;
    use crate::errors::AppError;
    use std::sync::Arc;

    /// How far back a record's page looks in the audit log: its newest 16 MiB (some 60,000 changes), so a
    /// record's page never reads a long log whole.
    pub const RECORD_BUDGET: u64 = 16 * 1024 * 1024;
    /// Changes a record's page shows.
    pub const ON_RECORD_PAGE: usize = 10;

    /// The changes `filter` asks for from the request's audit log, read on the blocking pool, at most
    /// `budget` bytes back.
    pub async fn read(filter: ActivityFilter, budget: Option<u64>) -> Result<Changes, AppError> {
        let log = leptos::prelude::with_context::<http::request::Parts, _>(|p| {
            p.extensions.get::<Arc<AuditLog>>().cloned()
        })
        .flatten();
        let path = match log.as_ref().map(|l| l.target()) {
            Some(AuditTarget::File(path)) => path.clone(),
            Some(AuditTarget::Stdout | AuditTarget::Elsewhere) => return Ok(Changes::ToStdout),
            None => return Err(AppError::Internal("no audit log on the request".into())),
        };
        let read = tokio::task::spawn_blocking(move || {
            crate::activity::read::changes(&path, &filter, budget)
        });
        match read.await {
            Ok(Ok(changes)) => Ok(changes),
            Ok(Err(e)) => {
                tracing::error!(error = %e, "could not read the audit log");
                Err(AppError::Internal(format!(
                    "the audit log could not be read: {e}"
                )))
            }
            Err(e) => Err(AppError::Internal(format!(
                "reading the audit log stopped: {e}"
            ))),
        }
    }

    /// The "Recent changes in Haloscope" section of any entity's record page: its newest changes, and a
    /// link to all of them on `/activity`.
    pub async fn record_section(kind: EntityKind, id: i32) -> Section {
        let filter = ActivityFilter {
            entity: Some(kind.entity().path.to_string()),
            id: Some(id.into()),
            ..Default::default()
        };
        let all = filter.href(1);
        let changes = read(filter, Some(RECORD_BUDGET)).await.map(|c| match c {
            Changes::Listed {
                mut changes,
                page,
                more,
                cut_short,
            } => {
                let more = more || changes.len() > ON_RECORD_PAGE;
                changes.truncate(ON_RECORD_PAGE);
                Changes::Listed {
                    changes,
                    page,
                    more,
                    cut_short,
                }
            }
            other => other,
        });
        let block = Block::Changes { changes, all };
        Section::new("changes", "Recent changes in Haloscope", vec![block])
    }
}

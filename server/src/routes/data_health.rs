//! `GET /data-health.csv`: every finding of the person's last data health report as CSV (one line per
//! record of each finding). It reads the report kept for that person and asks HaloPSA nothing; before the
//! first walk has ended there is nothing to export (404 with a page saying where to start it). Audited as an
//! export like the lists' CSV files.

use app::audit::{AuditEvent, AuditLog};
use app::functions::health::ssr::{person_key, report_of};
use app::health::csv::lines;
use app::state::server::RequestUser;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use std::sync::Arc;

/// The file name, also the list named in the audit line.
pub const FILE: &str = "data-health.csv";

/// The CSV of the person's last report.
pub async fn data_health_csv(
    State(reports): State<app::state::server::Reports>,
    Extension(user): Extension<RequestUser>,
    Extension(audit): Extension<Arc<AuditLog>>,
) -> Response {
    let Some(report) = report_of(&person_key(&user), reports.0.as_ref()).await else {
        return not_walked_yet();
    };
    let lines = lines(&report);
    let event = AuditEvent {
        action: "export",
        result: "ok",
        list: Some(FILE),
        rows: Some(lines.len().saturating_sub(1) as u64),
        ..Default::default()
    };
    audit.write(&event.by(&user));
    let disposition = format!("attachment; filename=\"{FILE}\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        lines.concat(),
    )
        .into_response()
}

/// 404: no walk has ended for this person yet.
fn not_walked_yet() -> Response {
    let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
        <title>No data health report yet · Haloscope</title></head><body><main>\
        <h1>No data health report yet</h1>\
        <p>The findings are exported from your last data health report, and none has been made for you yet. \
        Open <a href=\"/data-health\">Data health</a>: it reads the lists, and once the report is shown \
        its CSV can be downloaded.</p></main></body></html>";
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        Html(page),
    )
        .into_response()
}

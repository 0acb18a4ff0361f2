//! `GET /export/<list>.csv?<list query>`: the list's current filter as CSV, every page, streamed.

use app::errors::AppError;
use app::exports::{csv_stream, Export};
use app::state::server::RequestHalo;
use axum::body::Body;
use axum::extract::{Path, RawQuery};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::StreamExt;

/// Streams the CSV; a bad query is a 400 and an unknown list a 404, before any upstream call.
pub async fn export_csv(
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    Extension(halo): Extension<RequestHalo>,
) -> Response {
    let Some(export) = Export::from_file_name(&file) else {
        return (StatusCode::NOT_FOUND, "There is no such export.").into_response();
    };
    let Some(client) = halo.0 else {
        return (
            StatusCode::UNAUTHORIZED,
            AppError::SignInRequired.to_string(),
        )
            .into_response();
    };
    let stream = match csv_stream(client, export, query.as_deref().unwrap_or("")) {
        Ok(s) => s,
        Err(e) => {
            let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
            return (status, e.to_string()).into_response();
        }
    };
    // A failure after the first bytes cannot change the status any more: end the file with a line saying so.
    let body = stream.scan(false, |stopped, item| {
        let out = match (*stopped, item) {
            (true, _) => None,
            (false, Ok(line)) => Some(Ok::<_, std::io::Error>(line)),
            (false, Err(e)) => {
                *stopped = true;
                tracing::warn!(error = %e, "CSV export stopped early");
                Some(Ok(format!("# export incomplete: {e}\r\n")))
            }
        };
        std::future::ready(out)
    });
    let disposition = format!("attachment; filename=\"{file}\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        Body::from_stream(body),
    )
        .into_response()
}

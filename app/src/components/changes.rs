//! The table of changes made through Haloscope (from the audit log): on `/activity` with a column naming
//! the record, on a record's own page without it. Field names only — the log never holds values.

use crate::activity::{Change, Changes};
use crate::errors::AppError;
use leptos::prelude::*;

/// `2026-12-03T17:24:22.123Z` as `2026-12-03 17:24:22 UTC` (the log's own clock, UTC).
pub fn when(ts: &str) -> String {
    let shown = ts.split('.').next().unwrap_or(ts).replace('T', " ");
    format!("{} UTC", shown.trim_end_matches('Z'))
}

/// The changes as a table; `with_record` adds the column naming (and linking) each record.
pub fn changes_table(changes: Vec<Change>, caption: &str, with_record: bool) -> AnyView {
    let rows = changes
        .into_iter()
        .map(|c| {
            let record = with_record.then(|| {
                let words = match c.id {
                    Some(id) => format!("{} #{id}", c.entity_words),
                    None => c.entity_words.clone(),
                };
                let cell = match c.record_href() {
                    Some(href) => view! { <a href=href>{words}</a> }.into_any(),
                    None => words.into_any(),
                };
                view! { <td>{cell}</td> }
            });
            let outcome = match &c.detail {
                None => view! { <span class="pill active">"Saved"</span> }.into_any(),
                Some(why) => {
                    view! { <span class="pill inactive">"Failed"</span> " " {why.clone()} }
                        .into_any()
                }
            };
            view! {
                <tr>
                    <td><time datetime=c.ts.clone()>{when(&c.ts)}</time></td>
                    <td>{c.who.clone()}</td>
                    <td>{c.action_words().to_string()}</td>
                    {record}
                    <td>{c.fields.join(", ")}</td>
                    <td>{outcome}</td>
                </tr>
            }
        })
        .collect_view();
    let record_head = with_record.then(|| view! { <th scope="col">"Record"</th> });
    view! {
        <div class="table-wrap" role="region" aria-label=caption.to_string() tabindex="0">
            <table class="data" data-testid="changes">
                <caption class="visually-hidden">{caption.to_string()}</caption>
                <thead><tr>
                    <th scope="col">"When"</th>
                    <th scope="col">"Who"</th>
                    <th scope="col">"Change"</th>
                    {record_head}
                    <th scope="col">"Fields sent"</th>
                    <th scope="col">"Outcome"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What the audit log goes to instead of a file, in words.
pub fn to_stdout_words() -> &'static str {
    "The audit log goes to standard output (HALOSCOPE_AUDIT_LOG=-), so Haloscope cannot read changes back: \
     they are in the log collector that receives the server's output. Set HALOSCOPE_AUDIT_LOG to a file to \
     list them here."
}

/// A record page's "Recent changes in Haloscope": its newest changes and a link to all of them (the
/// record page's compiled markup; the table is the one `/activity` draws).
pub fn record_changes(changes: Result<Changes, AppError>, all: String) -> maud::Markup {
    use maud::{html, PreEscaped};
    match changes {
        Err(error) => crate::components::error_panel::markup(error),
        Ok(Changes::ToStdout) => {
            html! { p class="muted" data-testid="changes-stdout" { (to_stdout_words()) } }
        }
        Ok(Changes::Listed { changes, .. }) if changes.is_empty() => html! {
            p class="muted" data-testid="no-changes" {
                "No changes to this record have been made through Haloscope lately."
            }
        },
        Ok(Changes::Listed { changes, more, .. }) => html! {
            (PreEscaped(changes_table(changes, "Recent changes to this record", false).to_html()))
            @if more { p { a href=(all) { "All changes to this record →" } } }
        },
    }
}

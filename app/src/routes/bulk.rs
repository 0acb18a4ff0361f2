//! `/bulk` — what can be done to the records a person selected on a list (the rows they ticked, or every
//! record matching its filter): activate, deactivate, set one field to one value, delete (typed
//! confirmation above ten records), export. Each action is a POST form that starts a job and goes to its
//! progress page; it works the same without JavaScript.

use crate::components::error_panel::ErrorPanel;
use crate::functions::jobs::{bulk_plan, StartJob};
use crate::jobs::BulkOffer;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the bulk page was asked about: the list, its query, the ticked ids (repeated `ids` or
/// comma-separated) and "all matching".
#[derive(Clone, Debug, PartialEq)]
struct Asked {
    list: String,
    query: String,
    ids: String,
    all: bool,
}

/// The bulk page.
#[component]
pub fn BulkPage() -> impl IntoView {
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query.with(|q| Asked {
            list: q.get("list").unwrap_or_default(),
            query: q.get("query").unwrap_or_default(),
            ids: q.get_all("ids").unwrap_or_default().join(","),
            all: q.get("all").is_some_and(|v| v == "true"),
        })
    });
    let offer = Resource::new(
        move || asked.get(),
        |a| bulk_plan(a.list, a.query, a.ids, a.all),
    );
    let start = ServerAction::<StartJob>::new();
    view! {
        <Title text="Change many records"/>
        <h1>"Change many records"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Reading the selection…"</p> }>
            {Suspend::new(async move {
                match offer.await {
                    Ok(o) => offer_view(o, asked.get_untracked(), start).into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// How many names the page lists before "and N more".
const NAMES_SHOWN: usize = 30;

fn offer_view(o: BulkOffer, asked: Asked, start: ServerAction<StartJob>) -> impl IntoView {
    let count = o.count;
    let what = if asked.all {
        format!(
            "All {count} {} matching the list's search and filters.",
            o.many
        )
    } else {
        format!("{count} {} selected.", o.many)
    };
    let more = o.named.len().saturating_sub(NAMES_SHOWN);
    let names = o
        .named
        .iter()
        .take(NAMES_SHOWN)
        .map(|(_, n)| view! { <li>{n.clone()}</li> })
        .collect_view();
    let running = o.running_job.map(|id| {
        view! {
            <p class="notice" role="status" data-testid="job-running">
                {format!("Job {id} of yours is still running; a new one can start when it ends. ")}
                <a href=format!("/jobs/{id}")>"See its progress"</a>
            </p>
        }
    });
    let asked = StoredValue::new(asked);
    let hidden = move || {
        let a = asked.get_value();
        view! {
            <input type="hidden" name="list" value=a.list/>
            <input type="hidden" name="query" value=a.query/>
            // `all`: every record matching the query, fixed when the job starts
            <input type="hidden" name="ids" value=if a.all { "all".to_owned() } else { a.ids }/>
        }
        .into_any()
    };
    let (deactivate, activate) = (
        format!("Deactivate {count} {}", o.many),
        format!("Activate {count} {}", o.many),
    );
    let status = o.has_status.then(|| {
        view! {
            <section aria-labelledby="bulk-status-h" class="bulk-action">
                <h2 id="bulk-status-h">"Status"</h2>
                <ActionForm action=start attr:class="inline-form">
                    {hidden()}
                    <input type="hidden" name="action" value="deactivate"/>
                    <button type="submit" class="button" data-testid="bulk-deactivate">{deactivate}</button>
                </ActionForm>
                " "
                <ActionForm action=start attr:class="inline-form">
                    {hidden()}
                    <input type="hidden" name="action" value="activate"/>
                    <button type="submit" class="button" data-testid="bulk-activate">{activate}</button>
                </ActionForm>
            </section>
        }
    });
    let fields = o
        .fields
        .into_iter()
        .map(|(key, label, choices)| set_form(start, hidden, key, label, choices))
        .collect_view();
    let typed = count as usize > o.typed_delete_above;
    let export = {
        view! {
            <section aria-labelledby="bulk-export-h" class="bulk-action">
                <h2 id="bulk-export-h">"Export"</h2>
                <a class="button" href=o.export.clone() download="" data-testid="bulk-export">"Download them as CSV"</a>
            </section>
        }
    };
    view! {
        <p><a href=o.back.clone()>"Back to the list"</a> " · " <a href="/jobs">"Your jobs"</a></p>
        <p data-testid="bulk-count"><strong>{what}</strong></p>
        {(!o.named.is_empty()).then(|| view! {
            <ul class="plain-list bulk-names">{names}</ul>
            {(more > 0).then(|| view! { <p class="muted">{format!("and {more} more")}</p> })}
        })}
        {running}
        <p class="muted">"Each change runs as a job in the background, one record after another within HaloPSA's request budget, as you (your HaloPSA permissions). Its page shows the progress; it can be cancelled, and a field change can be undone."</p>
        {status}
        {fields}
        <section aria-labelledby="bulk-delete-h" class="bulk-action">
            <h2 id="bulk-delete-h">"Delete"</h2>
            <ActionForm action=start attr:class="inline-fields">
                {hidden()}
                <input type="hidden" name="action" value="delete"/>
                {typed.then(|| view! {
                    <label class="field">
                        <span>{format!("Type {count} to confirm deleting {count} {}", o.many)}</span>
                        <input type="text" name="confirm" required=true autocomplete="off" inputmode="numeric" data-testid="bulk-confirm"/>
                    </label>
                })}
                <button type="submit" class="button danger" data-testid="bulk-delete">{format!("Delete {count} {}", o.many)}</button>
            </ActionForm>
        </section>
        {export}
    }
}

fn set_form(
    start: ServerAction<StartJob>,
    hidden: impl Fn() -> AnyView + Copy + Send + Sync + 'static,
    key: String,
    label: String,
    choices: Vec<(String, String)>,
) -> impl IntoView {
    let id = format!("bulk-set-{key}");
    let (heading, go, set_to) = (
        format!("{id}-h"),
        format!("{id}-go"),
        format!("Set {label} to"),
    );
    let labelled_by = heading.clone();
    let options = choices
        .into_iter()
        .map(|(v, l)| view! { <option value=v>{l}</option> })
        .collect_view();
    view! {
        <section aria-labelledby=labelled_by class="bulk-action">
            <h2 id=heading>{label}</h2>
            <ActionForm action=start attr:class="inline-fields">
                {hidden()}
                <input type="hidden" name="action" value="set"/>
                <input type="hidden" name="field" value=key.clone()/>
                <label class="field">
                    <span>{set_to}</span>
                    <select name="value" required=true data-testid=id>
                        <option value="">"Choose…"</option>
                        {options}
                    </select>
                </label>
                <button type="submit" class="button" data-testid=go>"Set"</button>
            </ActionForm>
        </section>
    }
}

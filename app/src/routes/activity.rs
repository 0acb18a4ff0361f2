//! `/activity` — recent changes made through Haloscope, from the audit log: who, when, which record
//! (linked), which fields were sent (names only: the log never holds values) and how HaloPSA answered.
//! Sign-ins and exports stay in the file and are not shown. The filters are a GET form (the same with
//! JavaScript and without) and live in the URL with the page number.

use crate::activity::filter::ActivityFilter;
use crate::activity::{entity_choices, Changes, CHANGE_ACTIONS};
use crate::components::changes::{changes_table, to_stdout_words};
use crate::components::error_panel::ErrorPanel;
use crate::functions::activity::list_activity;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_location;

/// The recent changes page.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let location = use_location();
    let filter = Memo::new(move |_| {
        location
            .search
            .with(|q| ActivityFilter::from_query(q).unwrap_or_default())
    });
    let data = Resource::new(move || location.search.get(), list_activity);
    view! {
        <Title text="Recent changes"/>
        <h1>"Recent changes"</h1>
        <p class="muted">"Changes made through Haloscope, newest first: who made them, to which record, which fields were sent (never their values) and how HaloPSA answered."</p>
        {move || filter_form(filter.get())}
        <Suspense fallback=|| view! { <p class="loading">"Reading the audit log…"</p> }>
            {Suspend::new(async move {
                match data.await {
                    Ok(Changes::ToStdout) => view! {
                        <p class="notice" role="status" data-testid="changes-stdout">{to_stdout_words()}</p>
                    }.into_any(),
                    Ok(Changes::Listed { changes, page, more, .. }) => {
                        let f = filter.get_untracked();
                        let body = if changes.is_empty() {
                            view! { <p class="empty-state" data-testid="no-changes">{empty_words(page)}</p> }.into_any()
                        } else {
                            changes_table(changes, "Recent changes", true)
                        };
                        view! { {pager(&f, page, more)} {body} }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn empty_words(page: u32) -> &'static str {
    if page > 1 {
        "There are no older changes that match."
    } else {
        "No changes match. Changes appear here once someone creates, edits or deletes a record through Haloscope."
    }
}

/// The filters: who, record kind, record id, change, outcome. A GET form to `/activity`.
fn filter_form(f: ActivityFilter) -> impl IntoView {
    let select = |name: &'static str,
                  label: &'static str,
                  current: Option<String>,
                  choices: Vec<(String, String)>| {
        let options = choices
            .into_iter()
            .map(|(v, words)| {
                let selected = current.as_deref() == Some(v.as_str());
                view! { <option value=v selected=selected>{words}</option> }
            })
            .collect_view();
        view! {
            <label class="field">
                <span>{label}</span>
                <select name=name data-testid=format!("{name}-filter")>
                    <option value="">"Any"</option>
                    {options}
                </select>
            </label>
        }
    };
    let own = |s: &str| s.to_string();
    let entities = entity_choices()
        .into_iter()
        .map(|(v, w)| (own(v), own(w)))
        .collect();
    let actions = CHANGE_ACTIONS
        .iter()
        .map(|(v, w)| (own(v), own(w)))
        .collect();
    let outcomes = vec![(own("ok"), own("Saved")), (own("error"), own("Failed"))];
    let outcome = f.ok.map(|ok| own(if ok { "ok" } else { "error" }));
    view! {
        <Form method="GET" action="/activity">
            <div class="filters" data-testid="activity-filters">
                <label class="field search">
                    <span>"Who"</span>
                    <input type="search" name="who" value=f.who.clone().unwrap_or_default() autocomplete="off"/>
                </label>
                {select("entity", "Record", f.entity.clone(), entities)}
                <label class="field">
                    <span>"Record id"</span>
                    <input type="text" inputmode="numeric" name="id" size="8" value=f.id.map(|i| i.to_string()).unwrap_or_default()/>
                </label>
                {select("action", "Change", f.action.clone(), actions)}
                {select("outcome", "Outcome", outcome, outcomes)}
                <button type="submit" class="primary">"Show"</button>
            </div>
        </Form>
    }
}

/// "page N" with links to newer and older changes (the log is read from its end, so there is no total).
fn pager(f: &ActivityFilter, page: u32, more: bool) -> impl IntoView {
    let newer = (page > 1).then(|| f.href(page - 1));
    let older = more.then(|| f.href(page + 1));
    view! {
        <nav class="pager" aria-label="Pages">
            <span class="count" data-testid="page-summary">{format!("page {page}")}</span>
            <ul>
                <li>{match newer {
                    Some(h) => view! { <a href=h rel="prev">"‹ Newer"</a> }.into_any(),
                    None => view! { <span class="disabled">"‹ Newer"</span> }.into_any(),
                }}</li>
                <li>{match older {
                    Some(h) => view! { <a href=h rel="next">"Older ›"</a> }.into_any(),
                    None => view! { <span class="disabled">"Older ›"</span> }.into_any(),
                }}</li>
            </ul>
        </nav>
    }
}

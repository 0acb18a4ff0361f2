//! "Saved views" under a list's toolbar: the person's views of this list (each a link to its state, its
//! shareable link, and forms to make it the default, rename or delete it) and a form saving the current
//! state under a name. Plain POST forms that work without JavaScript (see `functions::views`).

use crate::entities::{EntityKind, ListView};
use crate::errors::AppError;
use crate::functions::views::{ChangeView, SaveView, SavedView, NAME_MAX};
use leptos::prelude::*;
use server_fn::ServerFn;

/// The panel of `kind`'s list `view`, showing `views` (read by the list page beside its data, in the one
/// boundary that awaits all the page's reads) for the list at address query `query` (without `?`). Its forms are plain
/// form posts to the server functions, drawn on the server only.
#[component]
pub fn SavedViews(
    kind: EntityKind,
    view: &'static ListView,
    views: Result<Vec<SavedView>, AppError>,
    query: String,
) -> impl IntoView {
    let hidden = move || {
        view! {
            <input type="hidden" name="kind" value=serde_kind(kind)/>
            <input type="hidden" name="view" value=view.path/>
        }
    };
    let list = match views {
        Ok(views) => {
            let count = views.len();
            let items = views
                .into_iter()
                .map(|v| view_item(v, view, hidden, &query))
                .collect_view();
            view! {
                <summary>{format!("Saved views ({count})")}</summary>
                {(count > 0).then(|| view! { <ul class="plain-list">{items}</ul> })}
            }
            .into_any()
        }
        Err(e) => {
            view! { <summary>"Saved views"</summary><p class="error-text">{e.to_string()}</p> }
                .into_any()
        }
    };
    view! {
        <details class="saved-views" data-testid="saved-views">
            {list}
            <form action=SaveView::url() method="post" class="inline-fields">
                {hidden()}
                <input type="hidden" name="query" value=query/>
                <label class="field">
                    <span>"Name of this view"</span>
                    <input type="text" name="name" required=true maxlength=NAME_MAX.to_string() data-testid="view-name"/>
                </label>
                <button type="submit" class="button">"Save this view"</button>
            </form>
        </details>
    }
}

/// The URL segment a kind travels as (a hidden field's value).
fn serde_kind(kind: EntityKind) -> &'static str {
    kind.entity().path
}

/// One saved view: its link, its shareable link, and its forms.
fn view_item<V: IntoView + 'static>(
    v: SavedView,
    list: &'static ListView,
    hidden: impl Fn() -> V + Copy + Send + Sync + 'static,
    query: &str,
) -> impl IntoView {
    let href = if v.query.is_empty() {
        list.href.to_owned()
    } else {
        format!("{}?{}", list.href, v.query)
    };
    let share = format!("{}?view={}", list.href, v.id);
    let id = v.id.to_string();
    let name = v.name.clone();
    let query = query.to_owned();
    let form = move |action: &'static str, label: &'static str, rename: bool| {
        let id = id.clone();
        let query = query.clone();
        let named = format!("{label} \u{201c}{name}\u{201d}");
        view! {
            <form action=ChangeView::url() method="post" class="inline-form">
                {hidden()}
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value=action/>
                <input type="hidden" name="back" value=query/>
                {rename.then(|| view! {
                    <label class="field">
                        <span>"New name"</span>
                        <input type="text" name="name" required=true maxlength=NAME_MAX.to_string()/>
                    </label>
                })}
                <button type="submit" class="button" aria-label=named>{label}</button>
            </form>
        }
    };
    let (flip, flip_label) = if v.default {
        ("undefault", "Stop opening with it")
    } else {
        ("default", "Open this list with it")
    };
    view! {
        <li data-testid="saved-view">
            <a href=href>{v.name.clone()}</a>
            {v.default.then(|| view! { " " <span class="pill">"default"</span> })}
            " · link to share: " <a href=share.clone() data-testid="share-link">{share.clone()}</a>
            {form(flip, flip_label, false)}
            {form("rename", "Rename", true)}
            {form("delete", "Delete", false)}
        </li>
    }
}

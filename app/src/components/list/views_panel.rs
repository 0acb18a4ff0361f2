//! "Saved views" under a list's toolbar: the person's views of this list (each a link to its state, its
//! shareable link, and forms to make it the default, rename or delete it) and a form saving the current
//! state under a name. Plain POST forms that work without JavaScript (see `functions::views`).

use crate::entities::{EntityKind, ListView};
use crate::functions::views::{saved_views, ChangeView, SaveView, SavedView, NAME_MAX};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The panel of `kind`'s list `view`.
#[component]
pub fn SavedViews(kind: EntityKind, view: &'static ListView) -> impl IntoView {
    let save = ServerAction::<SaveView>::new();
    let change = ServerAction::<ChangeView>::new();
    let location = use_location();
    let views = Resource::new(
        move || location.search.get(),
        move |_| saved_views(kind, view.path.to_string()),
    );
    let query = move || location.search.get().trim_start_matches('?').to_owned();
    let hidden = move || {
        view! {
            <input type="hidden" name="kind" value=serde_kind(kind)/>
            <input type="hidden" name="view" value=view.path/>
        }
        .into_any()
    };
    let list = move |views: Vec<SavedView>| {
        let count = views.len();
        let items = views
            .into_iter()
            .map(|v| view_item(v, view, change, hidden, query))
            .collect_view();
        view! {
            <summary>{format!("Saved views ({count})")}</summary>
            {(count > 0).then(|| view! { <ul class="plain-list">{items}</ul> })}
        }
    };
    view! {
        <details class="saved-views" data-testid="saved-views">
            <Suspense fallback=|| view! { <summary>"Saved views"</summary> }>
                {move || Suspend::new(async move {
                    match views.await {
                        Ok(v) => list(v).into_any(),
                        Err(e) => view! { <summary>"Saved views"</summary><p class="error-text">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <ActionForm action=save attr:class="inline-fields">
                {hidden()}
                <input type="hidden" name="query" value=query/>
                <label class="field">
                    <span>"Name of this view"</span>
                    <input type="text" name="name" required=true maxlength=NAME_MAX.to_string() data-testid="view-name"/>
                </label>
                <button type="submit" class="button">"Save this view"</button>
            </ActionForm>
        </details>
    }
}

/// The URL segment a kind travels as (a hidden field's value).
fn serde_kind(kind: EntityKind) -> &'static str {
    kind.entity().path
}

/// One saved view: its link, its shareable link, and its forms.
fn view_item(
    v: SavedView,
    list: &'static ListView,
    change: ServerAction<ChangeView>,
    hidden: impl Fn() -> AnyView + Copy + Send + Sync + 'static,
    query: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let href = if v.query.is_empty() {
        list.href.to_owned()
    } else {
        format!("{}?{}", list.href, v.query)
    };
    let share = format!("{}?view={}", list.href, v.id);
    let id = v.id.to_string();
    let name = v.name.clone();
    let form = move |action: &'static str, label: &'static str, rename: bool| {
        let id = id.clone();
        let named = format!("{label} \u{201c}{name}\u{201d}");
        view! {
            <ActionForm action=change attr:class="inline-form">
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
            </ActionForm>
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

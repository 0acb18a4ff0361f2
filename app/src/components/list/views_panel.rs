//! "Saved views" under a list's toolbar: the person's views of this list (each a link to its state, its
//! shareable link, and forms to make it the default, rename or delete it) and a form saving the current
//! state under a name. Plain POST forms that work without JavaScript (see `functions::views`).

use crate::entities::{EntityKind, ListView};
use crate::errors::AppError;
use crate::functions::views::{ChangeView, SaveView, SavedView, NAME_MAX};
use crate::params::with_query;
use maud::{html, Markup};
use server_fn::ServerFn;

/// The panel of `kind`'s list `view`, showing `views` (read by the list page beside its data, in the one
/// boundary that awaits all the page's reads) for the list at address query `query` (without `?`). Its
/// forms are plain form posts to the server functions, drawn on the server only, as one compiled template.
pub fn saved_views_html(
    kind: EntityKind,
    view: &'static ListView,
    views: &Result<Vec<SavedView>, AppError>,
    query: &str,
) -> Markup {
    let hidden = html! {
        input type="hidden" name="kind" value=(serde_kind(kind));
        input type="hidden" name="view" value=(view.path);
    };
    html! {
        details data-testid="saved-views" class="saved-views" {
            @match views {
                Ok(views) => {
                    summary { "Saved views (" (views.len()) ")" }
                    @if !views.is_empty() {
                        ul class="plain-list" { @for v in views { (view_item(v, view, &hidden, query)) } }
                    }
                }
                Err(e) => { summary { "Saved views" } p class="error-text" { (e.to_string()) } }
            }
            form action=(SaveView::url()) method="post" class="inline-fields" {
                (hidden)
                input type="hidden" name="query" value=(query);
                label class="field" {
                    span { "Name of this view" }
                    input type="text" name="name" required maxlength=(NAME_MAX) data-testid="view-name";
                }
                button type="submit" class="button" { "Save this view" }
            }
        }
    }
}

/// The URL segment a kind travels as (a hidden field's value).
fn serde_kind(kind: EntityKind) -> &'static str {
    kind.entity().path
}

/// One saved view: its link, its shareable link, and its forms.
fn view_item(v: &SavedView, list: &'static ListView, hidden: &Markup, query: &str) -> Markup {
    let href = with_query(list.href, &v.query);
    let share = format!("{}?view={}", list.href, v.id);
    let form = |action: &'static str, label: &'static str, rename: bool| {
        html! {
            form action=(ChangeView::url()) method="post" class="inline-form" {
                (hidden)
                input type="hidden" name="id" value=(v.id);
                input type="hidden" name="action" value=(action);
                input type="hidden" name="back" value=(query);
                @if rename {
                    label class="field" {
                        span { "New name" }
                        input type="text" name="name" required maxlength=(NAME_MAX);
                    }
                }
                button type="submit" aria-label={ (label) " \u{201c}" (v.name) "\u{201d}" } class="button" { (label) }
            }
        }
    };
    let (flip, flip_label) = if v.default {
        ("undefault", "Stop opening with it")
    } else {
        ("default", "Open this list with it")
    };
    html! {
        li data-testid="saved-view" {
            a href=(href) { (v.name) }
            @if v.default { " " span class="pill" { "default" } }
            " · link to share: " a href=(share) data-testid="share-link" { (share) }
            (form(flip, flip_label, false))
            (form("rename", "Rename", true))
            (form("delete", "Delete", false))
        }
    }
}

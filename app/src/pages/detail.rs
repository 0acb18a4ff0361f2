//! The one record page: any entity's [`Detail`], read by `get_record` and drawn the same way for all.
//!
//! Like the lists (`crate::pages::list`), drawn without Leptos's router and asynchronous renderer: the
//! server routes each entity's `/<path>/{id}` here (`server/src/routes/drawn.rs`), the record is read once
//! and its page written by Leptos's views straight to HTML inside the frame of
//! [`crate::shell::document`]. The page has nothing reactive on the server, and its forms are plain POST
//! forms outside islands, so the browser gets the same page (docs/PERFORMANCE.md, "Record pages drawn
//! directly, and small pages at brotli q2").

use crate::components::detail::{swatch_view, value_view, Action, Block, Detail, Section};
use crate::components::error_panel::ErrorPanel;
use crate::components::list::table::list_table;
use crate::components::note_forms::CrmNoteForm;
use crate::components::notes::{crm_notes, popup_notes};
use crate::components::record_actions::{record_actions, UnsubscribeButton};
use crate::components::stale_notice;
use crate::entities::Entity;
use leptos::prelude::*;
use leptos::tachys::html::InertElement;

/// The whole document of `entity`'s record `id` (as the address wrote it), at `path` with the URL query
/// `query` (without `?`). Runs in the request's reactive owner: a record that cannot be shown sets the
/// response's status (`ResponseOptions`) through its error panel, as on any page.
pub async fn document(
    entity: &'static Entity,
    assets: &crate::shell::AssetManifest,
    id: String,
    path: &str,
    query: &str,
) -> String {
    // a plain read awaited in the request's own task: nothing on the server needs a resource's tracking
    let (title, main) = match crate::functions::details::get_record(entity.kind, id).await {
        Ok(d) => {
            let again = stale_notice::again_href(path, query);
            (d.name.clone(), detail_view(entity, d, &again).to_html())
        }
        Err(e) => (
            e.title().to_owned(),
            view! { <ErrorPanel error=e whole_page=true/> }.to_html(),
        ),
    };
    crate::shell::document(assets, &title, path, &main)
}

/// The page of record `d` inside `<main>`; `again` is the page's own address (the stale notice's "try
/// again" link).
pub(crate) fn detail_view(entity: &'static Entity, d: Detail, again: &str) -> impl IntoView {
    let crumbs = d
        .crumbs
        .into_iter()
        .map(|(href, text)| view! { " / " <a href=href>{text}</a> })
        .collect_view();
    let badges = d
        .badges
        .into_iter()
        .map(|b| {
            let class = format!("pill {}", b.tone.unwrap_or_default());
            view! { <span class=class.trim_end().to_string() title=b.title>{b.text}</span> }
        })
        .collect_view();
    let id = d.id;
    let actions = d.actions.into_iter().map(move |a| match a {
        Action::Link { href, text, testid } => {
            view! { <p><a class="button" href=href data-testid=testid>{text}</a></p> }.into_any()
        }
        Action::Unsubscribe => view! { <UnsubscribeButton id/> }.into_any(),
    });
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <a href=entity.list_href()>{entity.words.many_title}</a>
            {crumbs}
        </nav>
        <header class="detail-head">
            <h1>{d.swatch.map(swatch_view)}{d.name}</h1>
            {badges}
            {d.halo_link.map(|href| view! { <a class="button" href=href rel="external noopener" target="_blank">"Open in HaloPSA"</a> })}
        </header>
        {d.stale.map(|note| InertElement::new(stale_notice::markup(&note, again).into_string()))}
        {record_actions(entity.path, d.id)}
        {actions.collect_view()}
        {d.sections.into_iter().map(section_view).collect_view()}
    }
}

fn section_view(s: Section) -> impl IntoView {
    let heading_id = format!("{}-h", s.id);
    let labelled_by = heading_id.clone();
    let count = s
        .count
        .map(|n| view! { " " <span class="muted">{format!("({n})")}</span> });
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id class:visually-hidden=s.hidden>{s.heading}{count}</h2>
            {s.blocks.into_iter().map(block_view).collect_view()}
        </section>
    }
}

fn block_view(b: Block) -> AnyView {
    match b {
        Block::Facts(facts) => {
            let shown: Vec<_> = facts.into_iter().filter(|f| !f.is_empty()).collect();
            if shown.is_empty() {
                return ().into_any();
            }
            view! {
                <dl class="facts">
                    {shown.into_iter().map(|f| view! { <div><dt>{f.label}</dt><dd>{value_view(&f.value, f.testid)}</dd></div> }).collect_view()}
                </dl>
            }
            .into_any()
        }
        Block::Text { title, body } => {
            view! { <h3>{title}</h3><p class="note-body">{body}</p> }.into_any()
        }
        Block::Items { items, empty, .. } if items.is_empty() => {
            view! { <p class="muted">{empty}</p> }.into_any()
        }
        Block::Items { items, testid, .. } => view! {
            <ul class="plain-list" data-testid=testid>
                {items.into_iter().map(|i| view! {
                    <li>{value_view(&crate::components::detail::Value::Cell(i.cell), None)}{i.note.map(|n| view! { " " <span class="muted">{n}</span> })}</li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        Block::Records { kind, page, more } => {
            let e = kind.entity();
            view! {
                {list_table(&page, e, &e.list)}
                {more.map(|(href, text)| view! { <p><a href=href>{text}</a></p> })}
            }
            .into_any()
        }
        Block::Remark(text) => view! { <p class="muted">{text}</p> }.into_any(),
        Block::Failed(error) => view! { <ErrorPanel error/> }.into_any(),
        Block::CrmNotes(notes) => crm_notes(notes),
        Block::PopupNotes { notes, client, site } => popup_notes(notes, client, site),
        Block::CrmNoteForm { client, site } => {
            view! { <CrmNoteForm client_id=client on_site=site.map(|s| (s,))/> }.into_any()
        }
        Block::Changes { changes, all } => crate::components::changes::record_changes(changes, all),
    }
}

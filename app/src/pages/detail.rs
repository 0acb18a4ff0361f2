//! The one record page: any entity's [`Detail`], read by `get_record` and rendered the same way for all.

use crate::components::detail::{swatch_view, value_view, Action, Block, Detail, Section};
use crate::components::error_panel::ErrorPanel;
use crate::components::list::table::list_table;
use crate::components::note_forms::CrmNoteForm;
use crate::components::notes::{crm_notes, popup_notes};
use crate::components::record_actions::{record_actions, UnsubscribeButton};
use crate::components::stale_notice::StaleNotice;
use crate::entities::Entity;
use crate::functions::details::get_record;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page of one of `entity`'s records (`/<path>/:id`).
#[component]
pub fn RecordDetailPage(entity: &'static Entity) -> impl IntoView {
    // a plain read, not a resource: the page is drawn on the server only, once, so nothing needs the
    // resource's tracking, and awaiting the read in the render's own task spares the hand-over from the
    // resource's task after the last HaloPSA reply (as the list page did)
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let data = get_record(entity.kind, id);
    let loading = format!("Loading {}…", entity.words.one);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{loading.clone()}</p> }>
            {Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Title text=d.name.clone()/> {detail_view(entity, d)} }.into_any(),
                    Err(e) => view! { <Title text=e.title()/> <ErrorPanel error=e whole_page=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

pub(crate) fn detail_view(entity: &'static Entity, d: Detail) -> impl IntoView {
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
        {d.stale.map(|note| view! { <StaleNotice note/> })}
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

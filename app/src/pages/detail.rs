//! The one record page: any entity's [`Detail`], read by `get_record` and drawn the same way for all.
//!
//! Like the lists (`crate::pages::list`), drawn without Leptos's router and asynchronous renderer: the
//! server routes each entity's `/<path>/{id}` here (`server/src/routes/drawn.rs`), the record is read once
//! and its page written as compiled templates (`maud`) inside the frame of [`crate::shell::document`].
//! Leptos writes only what is Leptos's own: the islands inside the note form's fields, the table of recent
//! changes shared with `/activity`, and an error panel (which sets the response's status). The page has
//! nothing reactive on the server, and its forms are plain POST forms outside islands, so the browser gets
//! the same page. Drawn by Leptos's views, a cold client page spent ~185 µs drawing after its last
//! HaloPSA reply (docs/PERFORMANCE.md, "A cold record page timed inside the server").

use crate::components::detail::{value_html, Action, Block, Detail, Section};
use crate::components::error_panel::{self, ErrorPanel};
use crate::components::list::table::list_table;
use crate::components::note_forms::{crm_note_form, unsubscribe_button};
use crate::components::notes::{crm_notes, popup_notes};
use crate::components::stale_notice;
use crate::entities::Entity;
use leptos::prelude::*;
use maud::{html, Markup, PreEscaped};

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
            (d.name.clone(), detail_html(entity, d, &again).into_string())
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
pub(crate) fn detail_html(entity: &'static Entity, d: Detail, again: &str) -> Markup {
    let id = d.id;
    html! {
        nav class="breadcrumbs" aria-label="Breadcrumb" {
            a href=(entity.list_href()) { (entity.words.many_title) }
            @for (href, text) in &d.crumbs { " / " a href=(href) { (text) } }
        }
        header class="detail-head" {
            h1 {
                @if let Some(c) = &d.swatch { (crate::components::detail::swatch_html(c)) }
                (d.name)
            }
            @for b in &d.badges {
                @let class = match &b.tone { Some(t) if !t.is_empty() => format!("pill {t}"), _ => "pill".to_owned() };
                span class=(class) title=[b.title.as_deref()] { (b.text) }
            }
            @if let Some(href) = &d.halo_link {
                a class="button" href=(href) rel="external noopener" target="_blank" { "Open in HaloPSA" }
            }
        }
        @if let Some(note) = &d.stale { (stale_notice::markup(note, again)) }
        p class="record-actions" {
            a class="button" href=(format!("/{}/{id}/edit", entity.path)) data-testid="edit-link" { "Edit" }
            " "
            a class="button" href=(format!("/{}/{id}/delete", entity.path)) data-testid="delete-link" { "Delete…" }
        }
        @for a in &d.actions {
            @match a {
                Action::Link { href, text, testid } => p { a class="button" href=(href) data-testid=(testid) { (text) } },
                Action::Unsubscribe => (unsubscribe_button(id)),
            }
        }
        @for s in d.sections { (section_html(s)) }
    }
}

fn section_html(s: Section) -> Markup {
    let heading_id = format!("{}-h", s.id);
    html! {
        section aria-labelledby=(heading_id) {
            h2 id=(heading_id) class=[s.hidden.then_some("visually-hidden")] {
                (s.heading)
                @if let Some(n) = s.count { " " span class="muted" { "(" (n) ")" } }
            }
            @for b in s.blocks { (block_html(b)) }
        }
    }
}

fn block_html(b: Block) -> Markup {
    match b {
        Block::Facts(facts) => html! {
            @if facts.iter().any(|f| !f.is_empty()) {
                dl class="facts" {
                    @for f in facts.iter().filter(|f| !f.is_empty()) {
                        div { dt { (f.label) } dd { (value_html(&f.value, f.testid.as_deref())) } }
                    }
                }
            }
        },
        Block::Text { title, body } => html! { h3 { (title) } p class="note-body" { (body) } },
        Block::Items { items, empty, .. } if items.is_empty() => {
            html! { p class="muted" { (empty) } }
        }
        Block::Items { items, testid, .. } => html! {
            ul class="plain-list" data-testid=(testid) {
                @for i in items {
                    li {
                        (value_html(&crate::components::detail::Value::Cell(i.cell), None))
                        @if let Some(n) = i.note { " " span class="muted" { (n) } }
                    }
                }
            }
        },
        Block::Records { kind, page, more } => {
            let e = kind.entity();
            html! {
                (PreEscaped(list_table(&page, e, &e.list).to_html()))
                @if let Some((href, text)) = more { p { a href=(href) { (text) } } }
            }
        }
        Block::Remark(text) => html! { p class="muted" { (text) } },
        Block::Failed(error) => error_panel::markup(error),
        Block::CrmNotes(notes) => crm_notes(notes),
        Block::PopupNotes {
            notes,
            client,
            site,
        } => popup_notes(notes, client, site),
        Block::CrmNoteForm { client, site } => crm_note_form(client, site),
        Block::Changes { changes, all } => crate::components::changes::record_changes(changes, all),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::detail::{Badge, Fact, Item, Value};
    use crate::components::list::cells::Cell;
    use crate::entities::EntityKind;
    use crate::functions::notes::{CrmNoteView, PopupNoteView};

    /// A record whose every part HaloPSA's users could have written, with markup in it.
    fn hostile() -> Detail {
        let evil = "<b>x</b>\"&";
        let facts = vec![
            Fact::text("Phone", Some(evil)).testid("phone"),
            Fact::text("Empty", None),
            Fact::new(
                "Main site",
                Cell::Ref {
                    kind: EntityKind::Sites,
                    id: 9,
                    text: evil.into(),
                },
            ),
            Fact {
                label: "Colour".into(),
                value: Value::Colour("#a30".into()),
                testid: None,
            },
            Fact {
                label: "Logo".into(),
                value: Value::Image {
                    src: "https://x.example/a.png?a=1&b=\"2\"".into(),
                    alt: evil.into(),
                },
                testid: None,
            },
        ];
        let items = vec![Item {
            cell: Cell::Text(evil.into()),
            note: Some(evil.into()),
        }];
        let crm = vec![CrmNoteView {
            id: 1,
            when: Some("2026-12-08 10:00".into()),
            subject: Some(evil.into()),
            note: evil.into(),
            site_id: None,
        }];
        let popups = vec![PopupNoteView {
            id: 5,
            when: None,
            note: evil.into(),
            read: false,
        }];
        Detail {
            id: 4,
            name: evil.into(),
            swatch: Some("#a30".into()),
            badges: vec![Badge {
                text: evil.into(),
                tone: Some("inactive".into()),
                title: Some(evil.into()),
            }],
            crumbs: vec![("/clients/3".into(), evil.into())],
            actions: vec![Action::Unsubscribe],
            sections: vec![
                Section::key_facts(vec![Block::Facts(facts)]),
                Section::new(
                    "more",
                    "More",
                    vec![
                        Block::Items {
                            items,
                            empty: "None.".into(),
                            testid: "things".into(),
                        },
                        Block::Remark(evil.into()),
                        Block::CrmNotes(Ok(crm)),
                        Block::PopupNotes {
                            notes: Ok(popups),
                            client: Some(4),
                            site: Some(7),
                        },
                        Block::CrmNoteForm {
                            client: 4,
                            site: Some(7),
                        },
                    ],
                ),
            ],
            halo_link: None,
            stale: None,
        }
    }

    #[test]
    fn every_written_value_is_text_and_every_form_posts_to_its_server_function() {
        let e = EntityKind::Services.entity();
        let html = Owner::new()
            .with(|| detail_html(e, hostile(), "/services/4"))
            .into_string();
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;&quot;&amp;"), "{html}");
        for expected in [
            "<h1><svg class=\"swatch\"",
            "<span class=\"pill inactive\" title=\"&lt;b&gt;x&lt;/b&gt;&quot;&amp;\">",
            "<a class=\"button\" href=\"/services/4/edit\" data-testid=\"edit-link\">Edit</a>",
            "<dd><span data-testid=\"phone\">",
            "<a href=\"/sites/9\">",
            "src=\"https://x.example/a.png?a=1&amp;b=&quot;2&quot;\"",
            "<ul class=\"plain-list\" data-testid=\"things\">",
            "<h2 id=\"facts-h\" class=\"visually-hidden\">Key facts</h2>",
            "<li class=\"unread\">",
            "<form action=\"/api/mark_popup_read\" method=\"post\" class=\"inline-form\">",
            "<input type=\"hidden\" name=\"site_id\" value=\"7\">",
            "<form action=\"/api/add_crm_note\" method=\"post\" class=\"record-form\">",
            "data-testid=\"unsubscribe\"",
            "<leptos-island data-component=\"FieldChecks_",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
        assert!(
            !html.contains(">Empty<"),
            "an empty fact is left out: {html}"
        );
        // Leptos writes only the note form's fields, with its empty markers
        let form = html
            .find("<details class=\"note-form\">")
            .expect("the note form");
        assert!(!html[..form].contains("<!>"), "no Leptos markers: {html}");
    }
}

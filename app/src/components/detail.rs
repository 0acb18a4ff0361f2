//! A record's page as data: its name, badges, breadcrumbs, actions and sections of facts, text, items,
//! related records and notes. Each entity's server side builds a [`Detail`] from its HaloPSA record; the
//! one detail page renders any of them.

use super::list::cells::{cell_html, is_css_colour, Cell, Row};
use super::list::ListPage;
use crate::entities::EntityKind;
use crate::errors::AppError;
use crate::functions::notes::{CrmNoteView, PopupNoteView};
use serde::{Deserialize, Serialize};

/// Everything one record's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    pub id: i32,
    pub name: String,
    /// A `#rgb`/`#rrggbb` colour painted before the name.
    pub swatch: Option<String>,
    /// Pills beside the name.
    pub badges: Vec<Badge>,
    /// Breadcrumb links after the entity's list, `(href, text)` (a site's client).
    pub crumbs: Vec<(String, String)>,
    /// Buttons below Edit and Delete.
    pub actions: Vec<Action>,
    pub sections: Vec<Section>,
    /// Opens the record in HaloPSA's own UI (tenant mode only).
    pub halo_link: Option<String>,
    /// Set when HaloPSA could not be asked and some of the page is an older copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale: Option<crate::components::stale_notice::StaleNote>,
}

/// A pill beside the record's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Badge {
    pub text: String,
    /// `active` / `inactive` colour the pill; none is neutral.
    pub tone: Option<String>,
    /// A tooltip saying more.
    pub title: Option<String>,
}

/// A button of the record's page besides Edit and Delete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// A link styled as a button (`Add a site`).
    Link {
        href: String,
        text: String,
        testid: String,
    },
    /// Unsubscribe the signed-in person from this service.
    Unsubscribe,
}

/// One titled part of the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Unique on the page; names the heading for `aria-labelledby`.
    pub id: String,
    pub heading: String,
    /// The heading is for screen readers only (the key facts at the top).
    pub hidden: bool,
    /// A count shown after the heading, `Sites (12)`.
    pub count: Option<u64>,
    pub blocks: Vec<Block>,
}

/// What a section holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// Labelled values; empty ones are left out.
    Facts(Vec<Fact>),
    /// A titled paragraph of plain text (notes, descriptions).
    Text {
        title: String,
        body: String,
    },
    /// A plain list, or the `empty` words when it has no items.
    Items {
        items: Vec<Item>,
        empty: String,
        testid: String,
    },
    /// A page of another entity's records as its list table, with a link to the rest.
    Records {
        kind: EntityKind,
        /// Boxed: a page is far larger than the other blocks.
        page: Box<ListPage<Row>>,
        more: Option<(String, String)>,
    },
    /// A muted sentence.
    Remark(String),
    /// Why this part could not be shown (the rest of the page is).
    Failed(AppError),
    CrmNotes(Result<Vec<CrmNoteView>, AppError>),
    /// Popup notes, with "Mark read" for the client or site they belong to.
    PopupNotes {
        notes: Result<Vec<PopupNoteView>, AppError>,
        client: Option<i32>,
        site: Option<i32>,
    },
    /// The form adding a CRM note to a client (from one of its sites when `site` is set).
    CrmNoteForm {
        client: i32,
        site: Option<i32>,
    },
    /// The record's own recent changes made through Haloscope (from the audit log), with `all`, the
    /// `/activity` page filtered to this record.
    Changes {
        changes: Result<crate::activity::Changes, AppError>,
        all: String,
    },
}

/// One labelled value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: Value,
    /// A test id on the value's element.
    pub testid: Option<String>,
}

/// A fact's value: a list cell, or what only a record's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Cell(Cell),
    /// A colour as its swatch and its text.
    Colour(String),
    /// A picture from an http(s) address (decided on the server), with its alternative text.
    Image {
        src: String,
        alt: String,
    },
}

/// One entry of an [`Block::Items`] list: a cell and muted words after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub cell: Cell,
    pub note: Option<String>,
}

impl Fact {
    /// A fact whose value is a list cell.
    pub fn new(label: &str, value: Cell) -> Fact {
        Fact {
            label: label.to_string(),
            value: Value::Cell(value),
            testid: None,
        }
    }

    /// Text, when there is any.
    pub fn text(label: &str, value: Option<&str>) -> Fact {
        Fact::new(label, Cell::text(value))
    }

    /// This fact with a test id on its value.
    pub fn testid(self, id: &str) -> Fact {
        Fact {
            testid: Some(id.to_string()),
            ..self
        }
    }

    /// Whether the fact has nothing to show (such facts are left out).
    pub fn is_empty(&self) -> bool {
        matches!(self.value, Value::Cell(Cell::Empty))
    }
}

impl Section {
    /// A section of `blocks` under `heading`.
    pub fn new(id: &str, heading: &str, blocks: Vec<Block>) -> Section {
        Section {
            id: id.to_string(),
            heading: heading.to_string(),
            hidden: false,
            count: None,
            blocks,
        }
    }

    /// The key facts at the top of the page, under a heading only screen readers announce.
    pub fn key_facts(blocks: Vec<Block>) -> Section {
        Section {
            hidden: true,
            ..Section::new("facts", "Key facts", blocks)
        }
    }
}

impl Detail {
    /// The value of the first fact labelled `label` anywhere on the page (tests and checks).
    pub fn fact(&self, label: &str) -> Option<&Value> {
        self.sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Facts(facts) => Some(facts),
                _ => None,
            })
            .flatten()
            .find(|f| f.label == label && !f.is_empty())
            .map(|f| &f.value)
    }

    /// The section with id `id`.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

impl Block {
    /// Lines of text as a plain list (`empty` when there are none), marked `testid`.
    pub fn lines(lines: Vec<String>, empty: &str, testid: &str) -> Block {
        let items = lines
            .into_iter()
            .map(|l| Item {
                cell: Cell::Text(l),
                note: None,
            })
            .collect();
        Block::Items {
            items,
            empty: empty.into(),
            testid: testid.into(),
        }
    }
}

/// A titled paragraph when `body` has text.
pub fn text_block(title: &str, body: Option<&str>) -> Option<Block> {
    body.filter(|b| !b.trim().is_empty()).map(|b| Block::Text {
        title: title.to_string(),
        body: b.to_string(),
    })
}

/// The status pill of a record that has one.
pub fn status_badge(inactive: bool) -> Badge {
    let word = super::list::cells::status_word(inactive);
    Badge {
        text: word.to_string(),
        tone: Some(word.to_lowercase()),
        title: None,
    }
}

/// The markup of one fact's value, marked `testid` when given.
pub fn value_html(value: &Value, testid: Option<&str>) -> maud::Markup {
    use maud::html;
    match value {
        Value::Cell(Cell::Ref { kind, id, text }) => {
            html! { a href=(kind.entity().record_href(*id)) data-testid=[testid] { (text) } }
        }
        // the same compiled cell markup as a list's, inside a span of its own
        Value::Cell(cell) => {
            let empty_row = Row {
                id: 0,
                name: String::new(),
                inactive: None,
                swatch: None,
                cells: vec![],
            };
            html! { span data-testid=[testid] { (cell_html(cell, &empty_row, "")) } }
        }
        Value::Colour(c) => html! {
            @if is_css_colour(c) { (swatch_html(c)) }
            (c)
        },
        Value::Image { src, alt } => html! {
            img class="logo" src=(src) alt=(alt) loading="lazy" referrerpolicy="no-referrer";
        },
    }
}

/// A small square of colour `c` (already checked to be `#rgb`/`#rrggbb`).
pub fn swatch_html(c: &str) -> maud::Markup {
    maud::html! {
        svg class="swatch" viewBox="0 0 1 1" aria-hidden="true" { rect width="1" height="1" fill=(c) {} }
    }
}

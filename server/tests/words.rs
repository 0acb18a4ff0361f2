//! Each entity has one set of words (`entities/<name>.rs`): a crawl of every page of every entity and every
//! CSV header finds HaloPSA's other name for none of them — "supplier" for a company, "area" for a client —
//! in what a person reads (URLs, file names and API names may keep them).

mod common;

use common::{page, start};

/// What a person reads on an HTML page: the text between tags, without scripts, styles and attributes.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let tail = &rest[open..];
        let skip_to = ["script", "style"]
            .iter()
            .find(|t| tail.starts_with(&format!("<{t}")))
            .and_then(|t| tail.find(&format!("</{t}>")).map(|end| end + t.len() + 3));
        let end = skip_to
            .or_else(|| tail.find('>').map(|e| e + 1))
            .unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// HaloPSA's other names, which Haloscope never shows.
const OTHER_WORDS: &[&str] = &["supplier", "areas", " area "];

fn assert_no_other_word(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for word in OTHER_WORDS {
        assert!(
            !lower.contains(word),
            "{what} says {word:?}: {}",
            &lower[lower.find(word).unwrap().saturating_sub(80)..]
                .chars()
                .take(160)
                .collect::<String>()
        );
    }
}

#[test]
fn the_text_filter_keeps_words_and_drops_markup() {
    let html = "<p class=\"supplier\">A <a href=\"/suppliers/1\">Company</a></p><script>var supplier;</script>x";
    let text = visible_text(html);
    assert!(text.contains("Company") && text.contains('x'), "{text}");
    assert!(!text.contains("supplier"), "{text}");
    assert_no_other_word(
        "a company link",
        html.split("<script")
            .next()
            .map(visible_text)
            .as_deref()
            .unwrap(),
    );
}

#[tokio::test]
async fn no_page_or_csv_header_uses_another_name_for_an_entity() {
    let (sim, app) = start().await;
    let mut paths: Vec<String> = ["/", "/sites/stock-bins", "/activity", "/data-health"]
        .map(String::from)
        .to_vec();
    for (path, entity) in [
        ("clients", halo_sim::Entity::Client),
        ("sites", halo_sim::Entity::Site),
        ("suppliers", halo_sim::Entity::Supplier),
        ("organisations", halo_sim::Entity::Organisation),
        ("services", halo_sim::Entity::Service),
    ] {
        let id = sim.sim.ids(entity)[0];
        for page in [
            format!("/{path}"),
            format!("/{path}?status=all&q=zzzz-nothing"),
            format!("/{path}/new"),
            format!("/{path}/{id}"),
            format!("/{path}/{id}/edit"),
            format!("/{path}/{id}/delete"),
            format!("/{path}/987654321"),
        ] {
            paths.push(page);
        }
    }
    assert!(paths.len() > 30);
    for path in &paths {
        let (status, html) = page(&app, path).await;
        let text = visible_text(&html);
        assert!(
            status == 200 || status == 404,
            "{path}: {status}: {}",
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert!(html.contains("<h1"), "{path} has a heading: {html}");
        assert_no_other_word(path, &text);
    }
    for file in [
        "clients",
        "sites",
        "stock-bins",
        "suppliers",
        "organisations",
        "services",
    ] {
        let (status, body) = page(&app, &format!("/export/{file}.csv?per_page=10")).await;
        assert_eq!(status, 200, "{file}.csv: {body}");
        let header = body.lines().next().unwrap_or_default();
        assert!(header.starts_with("id,name"), "{file}.csv: {header}");
        assert_no_other_word(&format!("the {file}.csv header"), header);
    }
}

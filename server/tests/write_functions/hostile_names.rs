//! A record's name is written by whoever can edit it in HaloPSA, so every page that shows it must show it
//! as text: in the body and in the document's `<title>`.

use crate::*;

/// The document head of `page`: everything before `<body>`.
fn head(page: &str) -> &str {
    &page[..page.find("<body>").expect("a body")]
}

#[tokio::test]
async fn a_name_that_closes_the_title_stays_text_on_every_page_of_the_record() {
    let (sim, app) = start().await;
    let name =
        "Evil</title><meta http-equiv=\"refresh\" content=\"0;url=https://example.invalid/\"> Ltd";
    let (_, outcome, _) = server_fn_post(
        &app,
        "create_record",
        &[("entity", "clients"), ("fields[name]", name)],
    )
    .await;
    let id = outcome["saved"]
        .as_i64()
        .unwrap_or_else(|| panic!("{outcome}"));
    assert_eq!(
        sim.sim.record(Entity::Client, id).unwrap()["name"],
        json!(name),
        "the name reached HaloPSA as entered"
    );
    for path in [
        format!("/clients/{id}"),
        format!("/clients/{id}/edit"),
        format!("/clients/{id}/delete"),
    ] {
        let (status, html) = page(&app, &path).await;
        assert_eq!(status, 200, "{path}");
        let head = head(&html);
        assert!(!head.contains("<meta http-equiv"), "{path}: {head}");
        assert_eq!(head.matches("</title>").count(), 1, "{path}: {head}");
        assert!(
            head.contains("Evil&lt;/title&gt;&lt;meta http-equiv="),
            "{path}: {head}"
        );
        assert!(!html.contains("<meta http-equiv"), "{path}: the body");
    }
}

//! The header's status light is drawn by the server from the last upstream check `/readyz` made: a page
//! shows what is known without a script and without the browser asking `/readyz` first, and a page drawn
//! before any check says nothing is known yet.

mod common;

/// The light's element in a page (from its opening tag to the end of its label).
fn light(page: &str) -> &str {
    let at = page
        .find(r#"data-testid="status-light""#)
        .unwrap_or_else(|| panic!("no status light in the page: {page}"));
    let start = page[..at].rfind("<span").expect("the light's tag");
    let end = at + page[at..].find("</span></span>").expect("the light's end");
    &page[start..end]
}

#[tokio::test]
async fn a_page_shows_what_the_last_upstream_check_said() {
    let (_sim, app) = common::start().await;
    let page = common::get(&app, "/clients").await;
    assert_eq!(page.status(), 200);
    let first = page.text().await.unwrap();
    let before = light(&first);
    assert!(
        before.contains(r#"class="status-light unknown""#),
        "no check made yet: {before}"
    );
    assert!(before.ends_with(">HaloPSA"), "{before}");

    let ready = common::get(&app, "/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ok");

    let page = common::get(&app, "/clients").await;
    assert_eq!(page.status(), 200);
    let second = page.text().await.unwrap();
    let after = light(&second);
    assert!(
        after.contains(r#"class="status-light ok""#),
        "the check said ok: {after}"
    );
    assert!(after.ends_with(">HaloPSA connected"), "{after}");
    assert!(after.contains(r#"role="status""#), "{after}");
}

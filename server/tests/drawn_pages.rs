//! The lists, the record pages and the overview are drawn by the server without Leptos's router and
//! renderer (`app::pages::list`, `app::pages::detail`, `app::pages::overview`); every other page is a
//! Leptos page. A person must not be able
//! to tell: the same document head, banner, header, islands and shortcuts around `<main>`, the same
//! statuses for a refused address or a missing record, and a saved view's redirect.

mod common;

/// `page` with Leptos's empty markers taken out (`<!>` for a part with nothing to show, `<!--HEAD-->` where
/// its meta tags go), which a page drawn without Leptos does not write.
fn unmarked(page: &str) -> String {
    page.replace("<!>", "").replace("<!--HEAD-->", "")
}

/// The document around `<main>`: what is before it (less the `<title>` and the current section's mark) and
/// what is after it. The status light's state is left out: it follows the upstream check, which may change
/// between two requests.
fn frame(page: &str) -> (String, String) {
    let page = unmarked(page);
    let open = page.find("<main").expect("a <main>");
    let close = page.rfind("</main>").expect("a </main>");
    let mut before = page[..open].replace(" aria-current=\"page\"", "");
    let title = before.find("<title>").expect("a title");
    let title_end = before.find("</title>").expect("a title's end") + "</title>".len();
    before.replace_range(title..title_end, "");
    let light = before
        .find("<span class=\"status-light")
        .expect("the status light");
    let light_end = light
        + before[light..]
            .find("</leptos-island>")
            .expect("its island's end");
    before.replace_range(light..light_end, "");
    (before, page[close..].to_owned())
}

#[tokio::test]
async fn a_list_and_the_overview_have_the_frame_of_every_other_page() {
    let (_sim, app) = common::start().await;
    let (status, activity) = common::page(&app, "/activity").await;
    assert_eq!(status, 200);
    let (status, form) = common::page(&app, "/clients/new").await;
    assert_eq!(status, 200);
    let drawn = [
        "/clients",
        "/sites/stock-bins",
        "/services?q=zz",
        "/clients/",
        "/",
        "/?q=ac",
    ];
    for path in drawn {
        let (status, list) = common::page(&app, path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            frame(&list),
            frame(&activity),
            "{path} against the activity page"
        );
        assert_eq!(frame(&list), frame(&form), "{path} against a form");
        assert!(
            list.contains("<leptos-island data-component=\"SubmitAsYouGo_"),
            "{path}: the search form's island"
        );
    }
    let (_, clients) = common::page(&app, "/clients").await;
    assert!(clients.contains("<title>Clients · Haloscope</title>"));
    assert!(clients.contains("<a href=\"/clients\" aria-current=\"page\">Clients</a>"));
    // the frame compared is a whole one: head, header, signed-in name, shortcuts
    let (before, after) = frame(&clients);
    assert!(
        before.starts_with("<!DOCTYPE html><html lang=\"en\"><head>"),
        "{before}"
    );
    assert!(
        before.contains("<script type=\"module\" async>import init"),
        "{before}"
    );
    assert!(before.contains("class=\"signed-in\""), "{before}");
    assert!(after.contains("data-component=\"Shortcuts_"), "{after}");
    assert!(after.ends_with("</body></html>"), "{after}");
}

#[tokio::test]
async fn a_refused_list_address_is_a_400_page_in_the_frame() {
    let (_sim, app) = common::start().await;
    for path in [
        "/clients?sort=shoe-size",
        "/clients?cols=bogus",
        "/sites?per_page=x",
    ] {
        let (status, page) = common::page(&app, path).await;
        assert_eq!(status, 400, "{path}");
        assert!(page.contains("class=\"error-panel\""), "{path}: {page}");
        assert!(
            page.contains("data-component=\"Shortcuts_"),
            "{path}: the frame"
        );
    }
}

#[tokio::test]
async fn a_record_page_has_the_frame_of_every_other_page() {
    let (sim, app) = common::start().await;
    let (_, activity) = common::page(&app, "/activity").await;
    let client = sim.sim.ids(halo_sim::Entity::Client)[0];
    let service = sim.sim.ids(halo_sim::Entity::Service)[0];
    for path in [format!("/clients/{client}"), format!("/services/{service}")] {
        let (status, record) = common::page(&app, &path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(frame(&record), frame(&activity), "{path}");
        // its forms are plain POST forms; the CRM note form's field checks are an island
        assert!(record.contains("method=\"post\""), "{path}: {record}");
    }
    let (_, page) = common::page(&app, &format!("/clients/{client}")).await;
    let name = sim.sim.record(halo_sim::Entity::Client, client).unwrap()["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let escaped = name
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let title = format!("<title>{escaped} · Haloscope</title>");
    assert!(page.contains(&title), "{title} in {page}");
    assert!(
        page.contains("action=\"/api/add_crm_note\" method=\"post\""),
        "the CRM note form: {page}"
    );
    assert!(page.contains("data-component=\"FieldChecks_"), "{page}");
}

#[tokio::test]
async fn a_missing_record_is_a_404_page_in_the_frame_and_a_trailing_slash_redirects() {
    let (sim, app) = common::start().await;
    for path in ["/clients/abc", "/clients/99999999", "/sites/-1"] {
        let (status, page) = common::page(&app, path).await;
        assert_eq!(status, 404, "{path}");
        assert!(
            page.contains("<title>Not found · Haloscope</title>"),
            "{path}: {page}"
        );
        assert!(page.contains("class=\"error-panel\""), "{path}: {page}");
        assert!(
            page.contains("data-component=\"Shortcuts_"),
            "{path}: the frame"
        );
    }
    let client = sim.sim.ids(halo_sim::Entity::Client)[0];
    for (from, to) in [
        (format!("/clients/{client}/"), format!("/clients/{client}")),
        (
            format!("/clients/{client}/?tab=x"),
            format!("/clients/{client}?tab=x"),
        ),
        ("/clients/new/".to_owned(), "/clients/new".to_owned()),
    ] {
        let res = app
            .client
            .get(format!("{}{from}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 308, "{from}");
        assert_eq!(res.headers()["location"], to.as_str(), "{from}");
    }
}

/// Every page holds its first paint until its `<main>` is parsed: the head names, as render-blocking, an
/// element that closes `<main>`, on the pages drawn directly and on Leptos's alike (a name that matched
/// nothing would hold the paint to the end of the document; one that matched `<main>`'s own start, as
/// `#main` does, would hold nothing).
#[tokio::test]
async fn every_page_names_the_end_of_its_main_as_its_first_paint() {
    let (sim, app) = common::start().await;
    let client = sim.sim.ids(halo_sim::Entity::Client)[0];
    let record = format!("/clients/{client}");
    for path in [
        "/",
        "/clients",
        "/clients/new",
        record.as_str(),
        "/no/such/page",
    ] {
        let (_, page) = common::page(&app, path).await;
        let page = unmarked(&page);
        let head_end = page.find("</head>").expect("a head");
        assert!(
            page[..head_end]
                .contains("<link rel=\"expect\" href=\"#main-end\" blocking=\"render\">"),
            "{path}: {page}"
        );
        assert_eq!(page.matches("id=\"main-end\"").count(), 1, "{path}");
        assert!(
            page.contains("<span id=\"main-end\"></span></main>"),
            "{path}: {page}"
        );
    }
}

//! Pages as brotli: the same page twice is compressed once (the memo) and decodes to exactly what an
//! uncompressed request gets; a browser that prefers gzip still gets gzip.

mod common;

use common::Target as _;

/// A page asked for with `accept` as its `Accept-Encoding`.
async fn fetch(app: &common::Haloscope, path: &str, accept: &str) -> reqwest::Response {
    app.client()
        .get(format!("{}{path}", app.base))
        .header("accept-encoding", accept)
        .send()
        .await
        .expect("haloscope answers")
}

/// The brotli body of `res`, checked to be labelled so, decoded.
async fn brotli_page(res: reqwest::Response) -> (Vec<u8>, String) {
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "br");
    let vary = res.headers().get_all("vary").iter();
    assert!(
        vary.filter_map(|v| v.to_str().ok())
            .any(|v| v.to_ascii_lowercase().contains("accept-encoding")),
        "caches are told the encoding depends on Accept-Encoding"
    );
    let raw = res.bytes().await.unwrap().to_vec();
    let mut page = Vec::new();
    brotli::BrotliDecompress(&mut &raw[..], &mut page).expect("valid brotli");
    (raw, String::from_utf8(page).unwrap())
}

/// The counter `haloscope_page_brotli_total{memo="…"}` from `/metrics` (0 when not yet counted).
async fn memo_count(app: &common::Haloscope, memo: &str) -> u64 {
    let text = common::get(app, "/metrics").await.text().await.unwrap();
    let name = format!("haloscope_page_brotli_total{{memo=\"{memo}\"}} ");
    text.lines()
        .find_map(|l| l.strip_prefix(&name))
        .map_or(0, |n| n.trim().parse().unwrap())
}

#[tokio::test]
async fn a_page_sent_again_is_not_compressed_again_and_decodes_to_the_page() {
    let (_sim, app) = common::start().await;
    let chromium = "gzip, deflate, br, zstd";
    let (first_raw, first) = brotli_page(fetch(&app, "/clients", chromium).await).await;
    let (again_raw, again) = brotli_page(fetch(&app, "/clients", chromium).await).await;
    assert!(first.contains("</html>") && first.contains("data-testid=\"page-summary\""));
    assert_eq!(first, again, "the same data draws the same page");
    assert_eq!(first_raw, again_raw);
    assert_eq!(memo_count(&app, "miss").await, 1);
    assert_eq!(memo_count(&app, "hit").await, 1);

    let plain = common::get(&app, "/clients").await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(
        plain.text().await.unwrap(),
        first,
        "the brotli page is the page"
    );

    // another page is another entry
    let (_, second_page) = brotli_page(fetch(&app, "/clients?page=2", chromium).await).await;
    assert!(second_page.contains("page 2 of"), "{second_page}");
    assert_eq!(memo_count(&app, "miss").await, 2);
    assert_eq!(memo_count(&app, "hit").await, 1);
}

#[tokio::test]
async fn a_browser_that_prefers_gzip_gets_gzip() {
    let (_sim, app) = common::start().await;
    let res = fetch(&app, "/clients", "br;q=0.5, gzip").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let raw = res.bytes().await.unwrap();
    let mut page = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&raw[..]), &mut page)
        .expect("valid gzip");
    assert!(page.contains("data-testid=\"page-summary\""), "{page}");
    assert_eq!(
        memo_count(&app, "miss").await,
        0,
        "the memo holds brotli only"
    );
}

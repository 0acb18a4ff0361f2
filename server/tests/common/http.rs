//! Requests as the tests make them: pages, server functions (GET, form posts as `ActionForm` sends them, and
//! plain browser posts), and reading what came back (a list's rows, a record's sections, a redirect).

use super::Target;

/// `GET path` with the target's client (its session cookie, when it has one): the whole response.
pub async fn get<T: Target + ?Sized>(to: &T, path: &str) -> reqwest::Response {
    let url = format!("{}{path}", to.base());
    to.client()
        .get(url)
        .send()
        .await
        .expect("haloscope answers")
}

/// Calls the GET server function `endpoint` with its arguments `args`; the status and the JSON answer (or
/// the text, when it is not JSON).
pub async fn get_fn<T: Target + ?Sized>(
    to: &T,
    endpoint: &str,
    args: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let res = to
        .client()
        .get(format!("{}/api/{endpoint}", to.base()))
        .query(args)
        .header("Accept", "application/json")
        .send()
        .await
        .expect("server function answers");
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
    (status, json)
}

/// Calls a GET server function with its single `String` argument `name=value`.
pub async fn server_fn<T: Target + ?Sized>(
    to: &T,
    endpoint: &str,
    arg: &str,
    value: &str,
) -> (u16, serde_json::Value) {
    get_fn(to, endpoint, &[(arg, value)]).await
}

/// One page of a list through the one list server function, `list_records`: `list` names the entity's
/// list by its path (`clients`, `suppliers`) or a view under it (`sites/stock-bins`); `query` is the page
/// URL's query.
pub async fn list<T: Target + ?Sized>(to: &T, list: &str, query: &str) -> (u16, serde_json::Value) {
    let (kind, view) = list.split_once('/').unwrap_or((list, ""));
    get_fn(
        to,
        "list_records",
        &[("kind", kind), ("view", view), ("query", query)],
    )
    .await
}

/// One record as its page shows it, through the one record server function, `get_record`: `kind` is the
/// entity's path (`clients`, `suppliers`).
pub async fn record<T: Target + ?Sized>(to: &T, kind: &str, id: &str) -> (u16, serde_json::Value) {
    get_fn(to, "get_record", &[("kind", kind), ("id", id)]).await
}

/// The blocks of the section with id `id` of a record's page.
pub fn section<'a>(detail: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    let sections = detail["sections"]
        .as_array()
        .expect("a record page has sections");
    let found = sections.iter().find(|s| s["id"] == id);
    &found.unwrap_or_else(|| panic!("a section {id} in {detail}"))["blocks"]
}

/// The text of cell `column` of every row of a list page (links by their text, numbers as digits).
pub fn column(page: &serde_json::Value, column: usize) -> Vec<String> {
    let rows = page["rows"].as_array().expect("a list page has rows");
    rows.iter()
        .map(|r| {
            let cell = &r["cells"][column];
            match cell {
                serde_json::Value::Object(o) => {
                    let (_, v) = o.iter().next().expect("a cell with a value");
                    match v {
                        serde_json::Value::Object(inner) => {
                            inner["text"].as_str().unwrap_or_default().to_string()
                        }
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    }
                }
                _ => String::new(),
            }
        })
        .collect()
}

/// The `Location` a response sends the browser to, if any.
pub fn location_of(res: &reqwest::Response) -> Option<String> {
    let value = res.headers().get("location")?;
    value.to_str().ok().map(str::to_owned)
}

/// Posts `form` to server function `endpoint`, asking for `accept`, from page `referer` when given (as
/// the browser says where a plain form was sent from); redirects are not followed.
async fn post_fn<T: Target + ?Sized>(
    to: &T,
    endpoint: &str,
    accept: &str,
    referer: Option<&str>,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = to
        .client()
        .post(format!("{}/api/{endpoint}", to.base()))
        .header("Accept", accept)
        .form(form);
    if let Some(r) = referer {
        req = req.header("Referer", format!("{}{r}", to.base()));
    }
    req.send().await.expect("server function answers")
}

/// Calls a POST server function with a form-encoded body (what `ActionForm` sends), asking for JSON as
/// the browser's enhanced form does. Returns the status, the JSON body and the `Location` the function
/// asked the client to go to (if any).
pub async fn server_fn_post<T: Target + ?Sized>(
    to: &T,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (u16, serde_json::Value, Option<String>) {
    let res = post_fn(to, endpoint, "application/json", None, form).await;
    let (status, location) = (res.status().as_u16(), location_of(&res));
    let text = res.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
    (status, json, location)
}

/// Posts a form as a browser without JavaScript does (`Accept: text/html`, a `Referer`), without following
/// the redirect. Returns the status and the `Location`.
pub async fn post_plain_form<T: Target + ?Sized>(
    to: &T,
    endpoint: &str,
    referer: &str,
    form: &[(&str, &str)],
) -> (u16, Option<String>) {
    let res = post_fn(
        to,
        endpoint,
        "text/html,application/xhtml+xml",
        Some(referer),
        form,
    )
    .await;
    let (status, location) = (res.status().as_u16(), location_of(&res));
    (status, location)
}

/// Fetches a page as HTML (server-rendered); returns the status and the body.
pub async fn page<T: Target + ?Sized>(to: &T, path: &str) -> (u16, String) {
    let url = if path.starts_with("http") {
        path.to_owned()
    } else {
        format!("{}{path}", to.base())
    };
    let res = to
        .client()
        .get(url)
        .header("Accept", "text/html")
        .send()
        .await
        .expect("page answers");
    (res.status().as_u16(), res.text().await.unwrap())
}

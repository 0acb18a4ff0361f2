//! The sign-in page: plain server-rendered HTML (no script), styled by the site's stylesheet. In agent mode
//! one button, "Sign in with HaloPSA"; in service mode a user name and password form.

use crate::settings::AuthMode;

/// What the page says besides the form.
#[derive(Debug, Default, Clone)]
pub struct LoginView {
    /// A problem to show (wrong password, refused sign-in, too many attempts, …).
    pub error: Option<String>,
    /// A neutral notice (signed out, session ended).
    pub notice: Option<String>,
    /// The user name to keep in the field after a failed attempt.
    pub name: String,
    /// Where to go after signing in (a checked local path).
    pub next: String,
}

/// The whole document.
pub fn render(mode: AuthMode, demo: bool, css: &str, view: &LoginView) -> String {
    let message = match (&view.error, &view.notice) {
        (Some(e), _) => format!("<p class=\"login-error\" role=\"alert\">{}</p>", esc(e)),
        (None, Some(n)) => format!("<p class=\"login-notice\" role=\"status\">{}</p>", esc(n)),
        (None, None) => String::new(),
    };
    let next = format!(
        "<input type=\"hidden\" name=\"next\" value=\"{}\">",
        esc(&view.next)
    );
    let form = match mode {
        AuthMode::Agent => format!(
            "<form method=\"post\" action=\"/login\" class=\"login-form\">{next}\
             <p>Sign in with your HaloPSA agent account; Haloscope then works with HaloPSA as you, with your permissions.</p>\
             <button type=\"submit\" class=\"button primary\">Sign in with HaloPSA{}</button></form>",
            if demo { " (demo)" } else { "" }
        ),
        AuthMode::Service => format!(
            "<form method=\"post\" action=\"/login\" class=\"login-form\">{next}\
             <label for=\"username\">User name</label>\
             <input id=\"username\" name=\"username\" autocomplete=\"username\" required maxlength=\"64\" value=\"{}\" autofocus>\
             <label for=\"password\">Password</label>\
             <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"1024\">\
             <button type=\"submit\" class=\"button primary\">Sign in</button></form>",
            esc(&view.name)
        ),
    };
    let demo_note = if demo {
        "<p class=\"hint\">Demo data: the built-in HaloPSA simulator lists its demo agents to sign in as.</p>"
    } else {
        ""
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\">\
         <title>Sign in · Haloscope</title>\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"{}\"></head>\
         <body><main id=\"main\" class=\"page login-page\"><section class=\"login-card\">\
         <h1>Haloscope</h1>{message}{form}{demo_note}</section></main></body></html>\n",
        esc(css)
    )
}

/// HTML-escapes text for element content and quoted attributes (`& < > " '`).
fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_quoted_attribute(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_people_typed_comes_back_escaped() {
        let v = LoginView {
            error: Some("<b>no</b>".into()),
            name: "\"><script>x</script>".into(),
            next: "/clients?q=\"a\"".into(),
            ..Default::default()
        };
        let html = render(AuthMode::Service, false, "/pkg/a.css", &v);
        assert!(!html.contains("<script>") && !html.contains("<b>"));
        assert!(html.contains("&lt;b&gt;no&lt;/b&gt;"));
        assert!(html.contains("value=\"/clients?q=&quot;a&quot;\""));
        assert!(html.contains("type=\"password\""));
        assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
        assert_eq!(esc("it's <a & b>"), "it&#x27;s &lt;a &amp; b&gt;");
        let agent = render(AuthMode::Agent, true, "/pkg/a.css", &LoginView::default());
        assert!(agent.contains("Sign in with HaloPSA (demo)") && !agent.contains("password"));
    }
}

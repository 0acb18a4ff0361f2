//! The HTML document around the app (server only): head, stylesheet and the scripts that hydrate the page.

use crate::App;
use leptos::prelude::*;
use leptos_meta::MetaTags;

/// Hashed names of the site's built assets under `/pkg`, found by the server at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetManifest {
    /// e.g. `/pkg/haloscope.3f9a….js`
    pub js: String,
    /// e.g. `/pkg/haloscope.3f9a….wasm`
    pub wasm: String,
    /// e.g. `/pkg/haloscope.3f9a….css`
    pub css: String,
}

/// The whole document. `assets` names the files; the inline module script imports the JS glue, starts
/// the wasm and hands it the module's exports, which start the page's islands (`app::browser`). The wasm
/// is preloaded (the glue asks for it only once it runs); the glue needs no `modulepreload`, as the
/// script importing it comes right after in the same `<head>`.
///
/// Islands mode: nothing outside an island is hydrated, so the resources pages read are not written into
/// the page a second time for hydration (the shared context is told so before anything renders).
pub fn shell(assets: AssetManifest) -> impl IntoView {
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let boot = format!(
        "import init, * as m from '{js}';init({{module_or_path:'{wasm}'}}).then(()=>m.hydrate(m));",
        js = assets.js,
        wasm = assets.wasm
    );
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg"/>
                <link rel="stylesheet" href=assets.css/>
                <link rel="preload" href=assets.wasm.clone() r#as="fetch" r#type="application/wasm" crossorigin="anonymous"/>
                <script type="module" nonce=leptos::nonce::use_nonce() inner_html=boot></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

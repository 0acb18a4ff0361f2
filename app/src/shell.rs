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

impl AssetManifest {
    /// The shell's one inline script: imports the JS glue, starts the wasm and hydrates the islands.
    ///
    /// The Content-Security-Policy allows it by its SHA-256 (the server hashes this same text once at
    /// start), not by a per-response nonce, so that a page drawn again from the same data is the same
    /// bytes and its compressed form can be reused.
    pub fn boot_script(&self) -> String {
        format!(
            "import init, * as m from '{js}';init({{module_or_path:'{wasm}'}}).then(()=>m.hydrate(m));",
            js = self.js,
            wasm = self.wasm
        )
    }
}

/// The whole document. `assets` names the files.
///
/// The inline boot script is an `async` module: it imports the JS glue (`modulepreload`ed: without it
/// Chromium asked for the glue only after the first paint), starts the wasm (preloaded: the glue asks for
/// it only once it runs) as soon as the glue is there, and hands `hydrate` the module's exports, whose
/// functions start the islands once the document is parsed (`app::browser::start`). A plain module script
/// waits for the whole document to be parsed before it runs; measured with a 4× slower CPU, running at
/// once brought the "interactive" mark from 1.6–1.8× first contentful paint to 1.4–1.6×
/// (docs/PERFORMANCE.md).
///
/// Islands mode: nothing outside an island is hydrated, so the resources pages read are not written into
/// the page a second time for hydration (the shared context is told so before anything renders).
pub fn shell(assets: AssetManifest) -> impl IntoView {
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let boot = assets.boot_script();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg"/>
                <link rel="stylesheet" href=assets.css/>
                <link rel="preload" href=assets.wasm.clone() r#as="fetch" crossorigin=""/>
                <link rel="modulepreload" href=assets.js.clone()/>
                <script type="module" async=true inner_html=boot></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

//! The HTML document around the app (server only): head, stylesheet and the scripts that hydrate the page.

use crate::components::{
    demo_banner, flash, header, shortcuts::Shortcuts, status_light::StatusLight,
};
use crate::App;
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use leptos_meta::MetaTags;
use maud::{html, Markup, PreEscaped, DOCTYPE};

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
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                {InertElement::new(head_html(&assets).into_string())}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The id of the empty element closing every page's `<main>`, which the head names as the first paint's
/// cue: `<link rel="expect" href="#main-end" blocking="render">` holds the first paint until `<main>` is
/// parsed (browsers without `rel=expect` ignore it).
///
/// Chromium otherwise paints whenever its parser first yields. On a slow CPU (4×) that frame held the
/// header and toolbar and no row in ~40 % of a list's first visits, and the rest of a form in ~30 % of the
/// form's; the rest followed in a second style, layout and paint, which moved a list's columns. Held, the
/// whole list showed as soon or 32–40 ms sooner and the whole form as soon, and both were usable about as
/// soon or sooner (PERFORMANCE, "A page painted whole"). Pages are sent in one piece (no streaming), so
/// nothing waits on the network.
pub const MAIN_END: &str = "main-end";

/// The head's metadata, stylesheet, preloads and boot script: the same for every page, whichever way it
/// is drawn.
fn head_html(assets: &AssetManifest) -> Markup {
    html! {
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        link rel="icon" href="/favicon.svg";
        link rel="stylesheet" href=(assets.css);
        link rel="preload" href=(assets.wasm) as="fetch" crossorigin="";
        link rel="modulepreload" href=(assets.js);
        script type="module" async { (PreEscaped(assets.boot_script())) }
        // no frame painted before `<main>` is parsed: see [`MAIN_END`]
        link rel="expect" href={ "#" (MAIN_END) } blocking="render";
    }
}

/// A whole page drawn without Leptos's renderer (the lists, `crate::pages::list`): the document, frame
/// and islands that [`shell`] and [`App`] write — head, demo banner, header with the status light,
/// the page's one-time messages, the shortcuts — around `main`, the page's own HTML, titled `title`.
/// `path` is the page's address (the header marks its section; messages addressed to it are read, once).
/// Runs in the request's reactive owner, with the contexts the server provides a Leptos page.
///
/// Why: the frame and the route table drawn by Leptos's renderer were a third of a warm list page's CPU
/// (docs/PERFORMANCE.md, "Lists drawn without Leptos's renderer"). The islands are still Leptos's own
/// markup, so they start in the browser as they do anywhere else.
pub fn document(assets: &AssetManifest, title: &str, path: &str, main: &str) -> String {
    let info = crate::components::shell_info::shell_info();
    let notices = crate::functions::flash::ssr::take(path);
    let light = view! { <StatusLight/> }.to_html();
    let keys = view! { <Shortcuts/> }.to_html();
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                (head_html(assets))
                title { (crate::app::full_title(title)) }
            }
            body {
                a href="#main" class="skip-link" { "Skip to content" }
                (demo_banner::markup(info.demo))
                (header::head_html(path))
                (PreEscaped(light))
                (header::tail_html(info.user.as_deref()))
                main id="main" class="page" {
                    (flash::markup(&notices))
                    (PreEscaped(main))
                    span id=(MAIN_END) {}
                }
                (PreEscaped(keys))
            }
        }
    }
    .into_string()
}

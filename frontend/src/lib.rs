//! The browser entry: the boot script in the page's head imports the wasm module's JS glue and calls
//! `hydrate` with the module's exports, among which Leptos put one function per island (see `app::browser`).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(module: wasm_bindgen::JsValue) {
    console_error_panic_hook::set_once();
    app::browser::start(module);
}

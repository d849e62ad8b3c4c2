//! Browser entry point: hydrates the server-rendered HTML with the same `app::App`.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // A server function that redirects (sign in, sign out) changes who is signed in: load the
    // target page afresh instead of navigating inside the app with stale session state.
    // Set before hydration so it wins over the router's own hook.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_href(location);
        }
    });
    leptos::mount::hydrate_body(app::App);
}

//! Content-Security-Policy. Pages get a strict policy with the per-response nonce Leptos
//! puts on its own inline scripts (hydration, streamed resources): scripts only from the desk
//! and those nonces, WebAssembly compiled, no plugins, no framing, no `<base>`, forms only to
//! the desk. Styles allow inline `style` attributes (Tailwind's output is a file, but a few
//! widths are set inline). Images may come from https (Meta's ad thumbnails, catalog images
//! the bot sends by link). Every other response (files, JSON) is sandboxed: a customer's
//! HTML or SVG opened from `/media` runs nothing. Tested in Chromium
//! (`end2end/tests/security.spec.ts`: no violation on any screen) and over HTTP.

use axum::http::{header, HeaderValue};

/// The policy of a rendered page whose inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; \
         media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of everything that is not a page.
pub const OTHER_RESPONSES: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// Called in the rendering context of every page: sets the page's policy with its nonce.
/// Server functions share the context but have no nonce; they keep [`OTHER_RESPONSES`].
pub fn for_page() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    match HeaderValue::from_str(&page_policy(&nonce)) {
        Ok(value) => response.insert_header(header::CONTENT_SECURITY_POLICY, value),
        Err(e) => tracing::error!(error = %e, "the page's policy is not a header value"),
    }
}

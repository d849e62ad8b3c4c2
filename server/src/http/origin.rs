//! Requests made on the agent's behalf by another site (CSRF). The session cookie is
//! `SameSite=Lax`, but that is one line of defence: a state-changing request (server
//! functions, uploads, sign-out) is refused when the browser says it comes from another site
//! (`Sec-Fetch-Site`) or names another origin (`Origin`). The websocket asks the same
//! [`is_ours`]. Requests that carry neither header come from programs, not browsers: no page
//! can make a browser send them, so they pass (the API under `/api/v1` has no cookies at
//! all). Tested over HTTP in `http_auth`.

use super::AppState;
use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Whether `origin` (an `Origin` header) is the desk's own: the public URL's origin when one
/// is configured, otherwise the `Host` the request came to.
pub fn is_ours(origin: &str, host: Option<&str>, public_url: Option<&str>) -> bool {
    let Ok(origin) = url::Url::parse(origin) else {
        return false;
    };
    match public_url.and_then(|u| url::Url::parse(u).ok()) {
        Some(public) => origin.origin() == public.origin(),
        None => {
            let Some(host) = host else { return false };
            let Some(origin_host) = origin.host_str() else {
                return false;
            };
            let origin_authority = match origin.port() {
                Some(port) => format!("{origin_host}:{port}"),
                None => origin_host.to_string(),
            };
            origin_authority.eq_ignore_ascii_case(host)
        }
    }
}

/// Why a request must be refused as cross-site, if it must.
pub fn refusal(
    method: &Method,
    headers: &HeaderMap,
    public_url: Option<&str>,
) -> Option<&'static str> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        if !matches!(site, "same-origin" | "none") {
            return Some("the request came from another site");
        }
    }
    match text(header::ORIGIN.as_str()) {
        Some(origin) if !is_ours(origin, text(header::HOST.as_str()), public_url) => {
            Some("the request came from another site")
        }
        _ => None,
    }
}

/// The layer: refuses cross-site state changes before any handler (or body) runs.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(why) = refusal(
        request.method(),
        request.headers(),
        state.public_url.as_deref(),
    ) {
        tracing::warn!(path = %request.uri().path(), why, "cross-site request refused");
        return (StatusCode::FORBIDDEN, Json(AppError::Forbidden)).into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().expect("value"));
        }
        h
    }

    #[test]
    fn our_origin_is_the_public_url_or_else_the_host() {
        assert!(is_ours(
            "http://desk.example:3000",
            Some("desk.example:3000"),
            None
        ));
        assert!(!is_ours("http://evil.example", Some("desk.example"), None));
        assert!(!is_ours("null", Some("desk.example"), None));
        assert!(is_ours(
            "https://desk.example",
            Some("10.0.0.5:3000"),
            Some("https://desk.example/")
        ));
        assert!(
            !is_ours(
                "http://desk.example",
                Some("desk.example"),
                Some("https://desk.example")
            ),
            "another scheme is another origin"
        );
    }

    #[test]
    fn only_state_changes_from_elsewhere_are_refused() {
        let post = Method::POST;
        let evil = headers(&[("origin", "https://evil.example"), ("host", "desk.example")]);
        assert!(refusal(&post, &evil, None).is_some());
        assert!(
            refusal(&Method::GET, &evil, None).is_none(),
            "reading is not changing"
        );
        let ours = headers(&[("origin", "http://desk.example"), ("host", "desk.example")]);
        assert!(refusal(&post, &ours, None).is_none());
        let fetch = headers(&[("sec-fetch-site", "cross-site"), ("host", "desk.example")]);
        assert!(refusal(&post, &fetch, None).is_some());
        let sibling = headers(&[("sec-fetch-site", "same-site"), ("host", "desk.example")]);
        assert!(
            refusal(&post, &sibling, None).is_some(),
            "a sibling subdomain is not us"
        );
        let program = headers(&[("host", "desk.example")]);
        assert!(refusal(&post, &program, None).is_none());
    }
}

//! The desk's directory (tag `desk`): labels, quick replies, templates and users, one
//! module each.

use super::{labels, quick_replies, templates, users};
use crate::http::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(labels::routes())
        .merge(quick_replies::routes())
        .merge(templates::routes())
        .merge(users::routes())
}

/// These lists are short and never paged; they still answer `next_cursor` (always null) so
/// that every list has the same shape.
pub fn no_cursor() -> Option<String> {
    None
}

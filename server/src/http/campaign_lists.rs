//! `POST /campaigns/lists?filename=&opted_in=`: a campaign's recipients as a CSV file (the
//! raw file as the body, so the browser can show progress). Supervisors and admins; the
//! role is checked from the request's head before the body is read, and the body is capped
//! at the list's size limit as it arrives. The checking and storing is
//! `app::ssr::campaign_lists`.

use super::incoming::{refusal as error_response, SignedIn};
use super::AppState;
use app::domain::campaigns::csv_list::{FileProblem, MAX_BYTES};
use app::domain::campaigns::CampaignProblem;
use app::domain::roles::Role;
use app::error::AppError;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(serde::Deserialize)]
pub struct Params {
    filename: Option<String>,
    #[serde(default)]
    opted_in: bool,
}

pub async fn upload(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Query(params): Query<Params>,
    body: Body,
) -> Response {
    if !user.role.at_least(Role::Supervisor) {
        return error_response(AppError::Forbidden);
    }
    let too_large = || AppError::Campaign {
        problem: CampaignProblem::List(FileProblem::TooLarge {
            max_bytes: MAX_BYTES,
        }),
    };
    let bytes = match axum::body::to_bytes(body, MAX_BYTES).await {
        Ok(b) => b,
        Err(_) => return error_response(too_large()),
    };
    let name = params.filename.unwrap_or_default();
    match app::ssr::campaign_lists::upload(
        &state.server,
        &user,
        &name,
        bytes,
        params.opted_in,
        app::ssr::now_ms(),
    )
    .await
    {
        Ok(uploaded) => Json(uploaded).into_response(),
        Err(error) => error_response(error),
    }
}

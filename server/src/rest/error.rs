//! The API's one error shape: `{"error": {"code": "...", "message": "..."}}` with the HTTP
//! status that goes with it. Built from the console's `AppError`, so the API refuses exactly
//! what the console refuses, with the same sentence (in English) and a stable code.

use app::domain::consent::MarketingRefusal;
use app::error::{AppError, Conflict};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `unauthorized`, `forbidden`, `not_found`,
    /// `validation_failed`, `window_closed`, `conflict`, `rate_limited`, `unavailable`,
    /// `whatsapp_error`, `internal`, and the specific conflicts (`already_open`, `not_failed`, `already_retried`,
    /// `already_taken`, `not_assignee`, `at_capacity`, `marketing_opted_out`, `marketing_needs_opt_in`,
    /// `template_unavailable`, `not_with_bot`, `bot_off`, `name_taken`).
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
    /// Meta's error code, when the error comes from WhatsApp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta_code: Option<i64>,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub meta_code: Option<i64>,
    pub retry_after_secs: Option<i64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            meta_code: None,
            retry_after_secs: None,
        }
    }

    /// A request the API could not read (bad JSON, a wrong type, an unknown field value).
    pub fn unreadable(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            message,
        )
    }

    pub fn not_found() -> ApiError {
        ApiError::from(AppError::NotFound)
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        let message = app::i18n::Lang::En.texts().error(&err);
        let (status, code) = match &err {
            AppError::Unauthenticated | AppError::InvalidCredentials => {
                (StatusCode::UNAUTHORIZED, "unauthorized")
            }
            AppError::Forbidden | AppError::AccountDisabled | AppError::NotYours => {
                (StatusCode::FORBIDDEN, "forbidden")
            }
            AppError::NotAssignee { .. } => (StatusCode::FORBIDDEN, "not_assignee"),
            AppError::Throttled { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            AppError::Invalid { .. }
            | AppError::Request { .. }
            | AppError::TemplateValue { .. }
            | AppError::MediaRefused { .. }
            | AppError::BotInvalid { .. }
            | AppError::ConsentSettings { .. }
            | AppError::RateCard { .. }
            | AppError::Period { .. }
            | AppError::ReportSettings { .. }
            | AppError::WebhookDestination { .. }
            | AppError::Attribute { .. }
            | AppError::AttributeDefinition { .. }
            | AppError::Protection { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
            }
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            AppError::WindowClosed { .. } => (StatusCode::CONFLICT, "window_closed"),
            AppError::MarketingRefused { refusal } => (
                StatusCode::CONFLICT,
                match refusal {
                    MarketingRefusal::OptedOut => "marketing_opted_out",
                    MarketingRefusal::NeedsOptIn => "marketing_needs_opt_in",
                },
            ),
            AppError::TemplateUnavailable { .. } => (StatusCode::CONFLICT, "template_unavailable"),
            AppError::AlreadyTaken { .. } => (StatusCode::CONFLICT, "already_taken"),
            AppError::AtCapacity { .. } => (StatusCode::CONFLICT, "at_capacity"),
            AppError::Conflict { conflict } => (
                StatusCode::CONFLICT,
                match conflict {
                    Conflict::AlreadyOpen => "already_open",
                    Conflict::NotFailed => "not_failed",
                    Conflict::AlreadyRetried => "already_retried",
                    Conflict::NotWithBot => "not_with_bot",
                    Conflict::BotOff => "bot_off",
                    Conflict::LabelNameTaken | Conflict::ShortcutTaken | Conflict::SkuTaken => {
                        "name_taken"
                    }
                    Conflict::EmailTaken | Conflict::LastAdmin | Conflict::OwnAccount => "conflict",
                },
            ),
            AppError::ReadOnly | AppError::Unavailable => {
                (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
            }
            AppError::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            AppError::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            AppError::WhatsApp { .. } => (StatusCode::BAD_GATEWAY, "whatsapp_error"),
            AppError::Campaign { problem } => {
                use app::domain::campaigns::CampaignProblem as P;
                match problem {
                    P::NotNow { .. } => (StatusCode::CONFLICT, "campaign_not_now"),
                    P::CoolDown { .. } => (StatusCode::CONFLICT, "cool_down"),
                    P::SegmentNameTaken => (StatusCode::CONFLICT, "name_taken"),
                    P::OverLimit(_) => (StatusCode::UNPROCESSABLE_ENTITY, "over_messaging_limit"),
                    _ => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
                }
            }
        };
        ApiError {
            status,
            code,
            message,
            meta_code: match &err {
                AppError::WhatsApp { code, .. } => *code,
                _ => None,
            },
            retry_after_secs: match &err {
                AppError::Throttled { retry_after_secs } | AppError::Busy { retry_after_secs } => {
                    Some(*retry_after_secs)
                }
                _ => None,
            },
        }
    }
}

impl From<app::ssr::StoreError> for ApiError {
    fn from(err: app::ssr::StoreError) -> Self {
        ApiError::from(AppError::from(err))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message,
                meta_code: self.meta_code,
            },
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs {
            if let Ok(value) = HeaderValue::from_str(&secs.max(1).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"buzon\""),
            );
        }
        response
    }
}

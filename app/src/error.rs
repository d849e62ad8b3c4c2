//! The one error type the UI receives from the server. It names what went wrong in terms a
//! person can act on; internal causes are logged on the server and never sent.

use crate::domain::template_form::SlotProblem;
use crate::domain::validation::{Field, Problem};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why a file cannot go to WhatsApp. Kept as data, never as an English sentence, so every
/// reader sees it in their own language (`common.ftl`, `media-*`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum MediaRefusal {
    /// The file has no bytes.
    Empty,
    /// WhatsApp takes no file of this type.
    UnsupportedType { mime: String },
    /// Larger than WhatsApp takes (`kind`: image, video, audio, document, sticker; `None`
    /// when the type is not known yet).
    TooLarge {
        kind: Option<String>,
        max_bytes: u64,
    },
    /// The upload broke off before the whole file arrived.
    Incomplete,
    /// A template header takes images, videos and documents only.
    NotForHeader { mime: String },
    /// The template's header needs another kind of file.
    WrongHeaderKind { needs: String, got: String },
    /// WhatsApp keeps uploaded files for 30 days; this one is older.
    Expired,
    /// The caption is longer than WhatsApp takes.
    CaptionTooLong { max: usize },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conflict {
    EmailTaken,
    LastAdmin,
    OwnAccount,
    /// Retry asked for a message that did not fail.
    NotFailed,
    /// Retry asked for a failed message that was already sent again (once is the limit).
    AlreadyRetried,
    /// The customer already has another open conversation.
    AlreadyOpen,
    /// Another label already has this name (names are compared ignoring case).
    LabelNameTaken,
    /// Another quick reply in the same list (shared, or this user's own) has this shortcut.
    ShortcutTaken,
    /// Another product already has this SKU.
    SkuTaken,
    /// The bot is switched off, so nothing can be handed back to it.
    BotOff,
    /// The bot (built-in or external) may only act on conversations still with the bot.
    NotWithBot,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum AppError {
    /// No valid session: never signed in, logged out, expired, or the account was disabled.
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but the role does not allow this.
    #[error("not allowed for this role")]
    Forbidden,
    /// Unknown email or wrong password: deliberately the same answer.
    #[error("wrong email or password")]
    InvalidCredentials,
    /// Right password, but the account is disabled.
    #[error("account disabled")]
    AccountDisabled,
    #[error("too many attempts, retry in {retry_after_secs}s")]
    Throttled { retry_after_secs: i64 },
    /// The server is at its limit for costly work (password hashing): nothing was done;
    /// trying again shortly works.
    #[error("busy, retry in {retry_after_secs}s")]
    Busy { retry_after_secs: i64 },
    #[error("invalid {field:?}: {problem:?}")]
    Invalid { field: Field, problem: Problem },
    #[error("not found")]
    NotFound,
    #[error("conflict: {conflict:?}")]
    Conflict { conflict: Conflict },
    /// The database refuses writes (read-only file or disk).
    #[error("storage is read-only")]
    ReadOnly,
    /// The database is busy, locked or unreachable; nothing was saved.
    #[error("storage unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// The customer's 24-hour window is closed (since `closed_at_ms`; `None`: they never
    /// wrote): only an approved template may be sent.
    #[error("the customer service window is closed")]
    WindowClosed { closed_at_ms: Option<i64> },
    /// A marketing template the customer's consent does not allow (opted out, or no opt-in
    /// where the team requires one).
    #[error("marketing refused: {refusal:?}")]
    MarketingRefused {
        refusal: crate::domain::consent::MarketingRefusal,
    },
    /// The template cannot be sent: not approved (its `status`), unknown, or of a kind agents
    /// do not send.
    #[error("template unavailable: {status}")]
    TemplateUnavailable { status: String },
    /// A template value breaks Meta's rules.
    #[error("template value {problem:?}")]
    TemplateValue { problem: SlotProblem },
    /// The conversation is someone else's and this user may not see it.
    #[error("conversation not visible")]
    NotYours,
    /// A file WhatsApp would refuse, and why (the UI says it in the reader's language).
    #[error("media refused: {refusal:?}")]
    MediaRefused { refusal: MediaRefusal },
    /// Someone else took the conversation first (`by`: their name, if still known).
    #[error("already taken")]
    AlreadyTaken { by: Option<String> },
    /// The conversation is assigned to `assignee`: only they or a supervisor may write to the
    /// customer (the team's ownership setting); notes are still allowed.
    #[error("assigned to someone else")]
    NotAssignee { assignee: String },
    /// The chosen agent is at their capacity of open conversations.
    #[error("agent at capacity")]
    AtCapacity { name: String, capacity: u32 },
    /// A bot setting, FAQ entry or product breaks a rule; the problem says where and what.
    /// An imported rate card has problems (all of them, with their lines): nothing was saved.
    #[error("rate card: {problems:?}")]
    RateCard {
        problems: Vec<crate::domain::pricing::CsvProblem>,
    },
    /// The consent settings break a rule (a keyword in both lists, too many, too long).
    #[error("consent settings: {problem:?}")]
    ConsentSettings {
        problem: crate::domain::consent::ConsentSettingsProblem,
    },
    #[error("bot setting: {problem}")]
    BotInvalid {
        problem: crate::domain::bot::BotProblem,
    },
    /// A report's dates make no period (bad date, backwards, too long, unknown time zone).
    #[error("report period: {problem:?}")]
    Period {
        problem: crate::domain::reports::PeriodProblem,
    },
    /// The Reports settings break a rule.
    #[error("report settings: {problem:?}")]
    ReportSettings {
        problem: crate::domain::report_settings::SettingsProblem,
    },
    /// An outgoing webhook's URL points somewhere it may not (a private address, unless the
    /// admin allowed those), or its host does not resolve.
    #[error("webhook destination refused: {refusal:?}")]
    WebhookDestination {
        refusal: crate::domain::integrations::destinations::Refusal,
    },
    /// A campaign or segment breaks a rule, or the action does not apply now.
    #[error("campaign: {problem:?}")]
    Campaign {
        problem: crate::domain::campaigns::CampaignProblem,
    },
    /// A contact attribute's value does not fit its definition (or a free one is too long).
    #[error("attribute: {refusal:?}")]
    Attribute {
        refusal: crate::domain::contacts::attributes::AttributeRefusal,
    },
    /// The attribute definitions break a rule (the row that does).
    #[error("attribute definitions: {problem:?}")]
    AttributeDefinition {
        problem: crate::domain::contacts::attributes::DefinitionProblem,
    },
    /// The data-protection settings break a rule.
    #[error("data protection: {problem:?}")]
    Protection {
        problem: crate::domain::contacts::protection::ProtectionProblem,
    },
    /// WhatsApp answered with an error (Meta's code when it gave one).
    #[error("WhatsApp error {code:?}: {message}")]
    WhatsApp { code: Option<i64>, message: String },
    /// The request never got a proper answer (network, or a malformed request).
    #[error("request failed: {message}")]
    Request { message: String },
}

impl AppError {
    pub fn invalid((field, problem): (Field, Problem)) -> Self {
        AppError::Invalid { field, problem }
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden | AppError::AccountDisabled => 403,
            AppError::Throttled { .. } => 429,
            AppError::Invalid { .. } | AppError::Request { .. } => 400,
            AppError::NotFound => 404,
            AppError::Conflict { .. } => 409,
            AppError::ReadOnly | AppError::Unavailable | AppError::Busy { .. } => 503,
            AppError::Internal => 500,
            AppError::WindowClosed { .. } => 409,
            AppError::MarketingRefused { .. } => 409,
            AppError::TemplateUnavailable { .. } => 409,
            AppError::TemplateValue { .. } => 400,
            AppError::NotYours => 403,
            AppError::AlreadyTaken { .. } => 409,
            AppError::NotAssignee { .. } => 403,
            AppError::AtCapacity { .. } => 409,
            AppError::MediaRefused { .. } => 400,
            AppError::BotInvalid { .. }
            | AppError::ConsentSettings { .. }
            | AppError::RateCard { .. } => 400,
            AppError::Period { .. } | AppError::ReportSettings { .. } => 400,
            AppError::WebhookDestination { .. } => 400,
            AppError::Campaign { problem } => match problem {
                crate::domain::campaigns::CampaignProblem::NotNow { .. }
                | crate::domain::campaigns::CampaignProblem::CoolDown { .. }
                | crate::domain::campaigns::CampaignProblem::SegmentNameTaken => 409,
                _ => 400,
            },
            AppError::Attribute { .. }
            | AppError::AttributeDefinition { .. }
            | AppError::Protection { .. } => 400,
            AppError::WhatsApp { .. } => 502,
        }
    }
}

impl From<(Field, Problem)> for AppError {
    fn from(value: (Field, Problem)) -> Self {
        AppError::invalid(value)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request {
            message: value.to_string(),
        }
    }
}

<<<<<<< Updated upstream
//! The UI's languages. Every screen takes its words from [`Texts`]; a language is one
//! `Texts` value, so the compiler refuses a language that misses a string.

use crate::domain::roles::{Area, Role};
use crate::domain::validation::{Field, Problem};
use crate::error::{AppError, Conflict};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

=======
//! The desk's languages. Words live in Fluent files (`app/locales/<lang>/<area>.ftl`) that a
//! translator edits without Rust; `build.rs` checks that every language has every message and
//! turns English's messages into typed fields and methods (`$OUT_DIR/texts.rs`), so code can
//! only ask for words that exist. Plurals follow CLDR's rules (Fluent's select on a number),
//! numbers are grouped by locale (ICU4X), and dates use the month and weekday names of each
//! language's `common.ftl` (see [`dates`]).

mod dates;
mod fluent;
mod numbers;
mod relative;

pub use dates::{day_label, moment_in, time_in};
pub use fluent::Arg;
pub use numbers::{format_decimal, format_number};
pub use relative::relative_time;

use crate::domain::roles::{Area as ScreenArea, Role};
use crate::domain::validation::{Field, Problem};
use crate::error::{AppError, Conflict};
use fluent::{fixed, fixed_attribute, format};
use serde::{Deserialize, Serialize};

mod generated {
    use super::{fixed, fixed_attribute, format, Arg, Lang};
    include!(concat!(env!("OUT_DIR"), "/texts.rs"));
}
pub use generated::*;

/// The words of `common.ftl`: sign-in, navigation, errors, fields.
pub type Texts = CommonTexts;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "es")]
    Es,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR", alias = "pt", alias = "pt-br")]
    PtBr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::PtBr];

    /// The BCP 47 tag (stored in the database, sent in `lang` attributes and cookies).
>>>>>>> Stashed changes
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
<<<<<<< Updated upstream
        }
    }

=======
            Lang::PtBr => "pt-BR",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// A tag's language if the desk speaks it: `es-MX` → Spanish, `pt`/`pt-PT` → Portuguese
    /// (Brazilian is the only Portuguese the desk has).
>>>>>>> Stashed changes
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
<<<<<<< Updated upstream
=======
            "pt" => Some(Lang::PtBr),
>>>>>>> Stashed changes
            _ => None,
        }
    }

    /// The best language for an `Accept-Language` header, honouring q-values; English when
    /// nothing we speak is asked for.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag) {
                if best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, lang));
                }
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

<<<<<<< Updated upstream
=======
    /// The language's own name, for pickers (never translated: people look for their own).
>>>>>>> Stashed changes
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
<<<<<<< Updated upstream
=======
            Lang::PtBr => "Português (Brasil)",
>>>>>>> Stashed changes
        }
    }

    pub fn texts(self) -> &'static Texts {
<<<<<<< Updated upstream
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }
}

pub struct Texts {
    pub warning_minutes: &'static str,
    pub console_settings: &'static str,
    pub console_settings_hint: &'static str,
    pub warning_label: &'static str,
    pub err_window_closed: &'static str,
    pub err_window_closed_at: fn(&str) -> String,
    pub err_marketing_opted_out: &'static str,
    pub err_template_unavailable: fn(&str) -> String,
    pub err_template_value: fn(&str, &str) -> String,
    pub slot_header: &'static str,
    pub slot_body: &'static str,
    pub slot_header_file: &'static str,
    pub slot_link: &'static str,
    pub slot_code: &'static str,
    pub tp_missing: &'static str,
    pub tp_too_long: fn(usize) -> String,
    pub tp_whitespace: &'static str,
    pub tp_not_url: &'static str,
    pub tp_part_too_long: fn(usize) -> String,
    pub tp_media_missing: fn(&str) -> String,
    pub err_not_failed: &'static str,
    pub err_already_retried: &'static str,
    pub err_already_open: &'static str,
    pub err_label_name_taken: &'static str,
    pub err_shortcut_taken: &'static str,
    pub err_already_taken: fn(Option<&str>) -> String,
    pub err_not_assignee: fn(&str) -> String,
    pub err_at_capacity: fn(&str, u32) -> String,
    pub field_label_name: &'static str,
    pub field_label_description: &'static str,
    pub field_label_color: &'static str,
    pub field_shortcut: &'static str,
    pub field_quick_reply_title: &'static str,
    pub field_quick_reply_body: &'static str,
    pub field_snooze_until: &'static str,
    pub field_token_name: &'static str,
    pub err_not_with_bot: &'static str,
    pub err_webhook_private: &'static str,
    pub err_webhook_unresolvable: &'static str,
    pub field_webhook_url: &'static str,
    pub field_webhook_events: &'static str,
    pub field_attributes: &'static str,
    pub field_cursor: &'static str,
    pub err_not_yours: &'static str,
    pub err_media_refused: &'static str,
    pub err_whatsapp: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_subtitle: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub sign_out: &'static str,
    pub session_ended: &'static str,

    pub inbox: &'static str,
    pub dashboard: &'static str,
    pub reports: &'static str,
    pub labels: &'static str,
    pub quick_replies: &'static str,
    pub templates: &'static str,
    pub bot: &'static str,
    pub bot_problem: fn(&crate::domain::bot::BotProblem) -> String,
    pub period_problem: fn(crate::domain::reports::PeriodProblem) -> String,
    pub report_settings_problem: fn(&crate::domain::report_settings::SettingsProblem) -> String,
    pub err_sku_taken: &'static str,
    pub err_bot_off: &'static str,
    pub settings: &'static str,
    pub integrations: &'static str,
    pub users: &'static str,
    pub account: &'static str,
    pub menu: &'static str,
    pub coming_soon: &'static str,

    pub forbidden_title: &'static str,
    pub forbidden_body: fn(&str) -> String,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_inbox: &'static str,
    pub loading: &'static str,

    pub role_agent: &'static str,
    pub role_supervisor: &'static str,
    pub role_admin: &'static str,

    pub users_subtitle: &'static str,
    pub add_user: &'static str,
    pub name: &'static str,
    pub name_hint: &'static str,
    pub role: &'static str,
    pub capacity: &'static str,
    pub capacity_hint: &'static str,
    pub status: &'static str,
    pub actions: &'static str,
    pub active: &'static str,
    pub disabled: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub reset_password: &'static str,
    pub new_password: &'static str,
    pub create_user: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub you: &'static str,
    pub user_created: fn(&str) -> String,
    pub saved: &'static str,
    pub password_was_reset: fn(&str) -> String,
    pub confirm_disable: fn(&str) -> String,

    pub templates_subtitle: &'static str,
    pub sync_now: &'static str,
    pub syncing: &'static str,
    pub last_synced: fn(&str) -> String,
    pub never_synced: &'static str,
    pub sync_failed: fn(&str) -> String,
    pub no_templates: &'static str,
    pub only_approved: &'static str,
    pub quality: &'static str,
    pub rejected_because: fn(&str) -> String,
    pub template_status: fn(&str) -> String,

    pub settings_subtitle: &'static str,
    pub whatsapp_connection: &'static str,
    pub webhook: &'static str,
    pub phone_number_id: &'static str,
    pub business_account_id: &'static str,
    pub graph_api: &'static str,
    pub access_token: &'static str,
    pub app_secret: &'static str,
    pub verify_token: &'static str,
    pub webhook_url: &'static str,
    pub webhook_url_hint: &'static str,
    pub webhooks_received: &'static str,
    pub last_webhook: &'static str,
    pub never: &'static str,
    pub not_set: &'static str,
    pub last_problem: fn(&str, &str) -> String,
    pub check_connection: &'static str,
    pub checking: &'static str,
    pub phone: &'static str,
    pub message: &'static str,
    pub test_message: &'static str,
    pub test_message_hint: &'static str,
    pub send_test: &'static str,
    pub refresh_status: &'static str,
    pub test_message_status: fn(i64, &str) -> String,

    pub account_subtitle: &'static str,
    pub change_password: &'static str,
    pub current_password: &'static str,
    pub password_changed: &'static str,
    pub language: &'static str,
    pub language_saved: &'static str,

    pub err_invalid_credentials: &'static str,
    pub err_account_disabled: &'static str,
    pub err_throttled: fn(i64) -> String,
    pub err_busy: fn(i64) -> String,
    pub err_unauthenticated: &'static str,
    pub err_forbidden: &'static str,
    pub err_not_found: &'static str,
    pub err_email_taken: &'static str,
    pub err_last_admin: &'static str,
    pub err_own_account: &'static str,
    pub err_read_only: &'static str,
    pub err_unavailable: &'static str,
    pub err_internal: &'static str,
    pub err_request: &'static str,
    pub problem_empty: fn(&str) -> String,
    pub problem_too_short: fn(&str, usize) -> String,
    pub problem_too_long: fn(&str, usize) -> String,
    pub problem_malformed: fn(&str) -> String,
    pub problem_out_of_range: fn(&str, u32) -> String,
}

=======
        Texts::get(self)
    }
}

>>>>>>> Stashed changes
impl Texts {
    /// What the picker calls a template value: `body.2` → "{{2}}", `code.1` → "Coupon code".
    pub fn slot_label(&self, key: &str) -> String {
        let (part, name) = key.split_once('.').unwrap_or((key, ""));
        match (part, name) {
            ("header", "media") => self.slot_header_file.into(),
            ("header", "") => self.slot_header.into(),
            ("body", "") => self.slot_body.into(),
            ("header", n) => format!("{} {{{{{n}}}}}", self.slot_header),
            ("body", n) => format!("{{{{{n}}}}}"),
            ("button", _) => self.slot_link.into(),
            ("code", _) => self.slot_code.into(),
            _ => key.into(),
        }
    }

    pub fn template_problem(
        &self,
        problem: &crate::domain::template_form::TemplateProblem,
    ) -> String {
        use crate::domain::template_form::TemplateProblem as P;
        match problem {
            P::Missing => self.tp_missing.into(),
<<<<<<< Updated upstream
            P::TooLong { max } => (self.tp_too_long)(*max),
            P::Whitespace => self.tp_whitespace.into(),
            P::NotUrl => self.tp_not_url.into(),
            P::PartTooLong { max } => (self.tp_part_too_long)(*max),
            P::MediaMissing { kind } => (self.tp_media_missing)(kind.as_str()),
        }
    }

    pub fn area(&self, area: Area) -> &'static str {
        match area {
            Area::Inbox => self.inbox,
            Area::Dashboard => self.dashboard,
            Area::Reports => self.reports,
            Area::Labels => self.labels,
            Area::QuickReplies => self.quick_replies,
            Area::Templates => self.templates,
            Area::Bot => self.bot,
            Area::Settings => self.settings,
            Area::Integrations => self.integrations,
            Area::Users => self.users,
            Area::Account => self.account,
=======
            P::TooLong { max } => self.tp_too_long(*max),
            P::Whitespace => self.tp_whitespace.into(),
            P::NotUrl => self.tp_not_url.into(),
            P::PartTooLong { max } => self.tp_part_too_long(*max),
            P::MediaMissing { kind } => self.tp_media_missing(kind.as_str()),
        }
    }

    pub fn area(&self, area: ScreenArea) -> &'static str {
        match area {
            ScreenArea::Inbox => self.inbox,
            ScreenArea::Dashboard => self.dashboard,
            ScreenArea::Reports => self.reports,
            ScreenArea::Labels => self.labels,
            ScreenArea::QuickReplies => self.quick_replies,
            ScreenArea::Templates => self.templates,
            ScreenArea::Bot => self.bot,
            ScreenArea::Settings => self.settings,
            ScreenArea::Integrations => self.integrations,
            ScreenArea::Users => self.users,
            ScreenArea::Account => self.account,
>>>>>>> Stashed changes
        }
    }

    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Agent => self.role_agent,
            Role::Supervisor => self.role_supervisor,
            Role::Admin => self.role_admin,
        }
    }

    pub fn field(&self, field: Field) -> &'static str {
        match field {
            Field::Email => self.email,
            Field::Name => self.name,
            Field::Password => self.password,
            Field::CurrentPassword => self.current_password,
            Field::Role => self.role,
            Field::Capacity => self.capacity,
            Field::Language => self.language,
<<<<<<< Updated upstream
=======
            Field::TimeZone => self.time_zone,
>>>>>>> Stashed changes
            Field::Phone => self.phone,
            Field::Message => self.message,
            Field::WarningMinutes => self.warning_minutes,
            Field::LabelName => self.field_label_name,
            Field::LabelDescription => self.field_label_description,
            Field::LabelColor => self.field_label_color,
            Field::Shortcut => self.field_shortcut,
            Field::QuickReplyTitle => self.field_quick_reply_title,
            Field::QuickReplyBody => self.field_quick_reply_body,
            Field::SnoozeUntil => self.field_snooze_until,
            Field::TokenName => self.field_token_name,
            Field::WebhookUrl => self.field_webhook_url,
            Field::WebhookEvents => self.field_webhook_events,
            Field::Attributes => self.field_attributes,
            Field::Cursor => self.field_cursor,
        }
    }

<<<<<<< Updated upstream
=======
    /// Our explanation of a WhatsApp (Meta) error code, shown beside the code.
    pub fn meta_explain(&self, code: i64) -> &'static str {
        match code {
            131047 => self.meta_131047,
            131026 => self.meta_131026,
            131051 => self.meta_131051,
            131052 | 131053 => self.meta_131052,
            131056 => self.meta_131056,
            130429 | 131048 => self.meta_130429,
            131049 => self.meta_131049,
            131050 => self.meta_131050,
            -1 => self.meta_window_expired,
            132000 => self.meta_132000,
            132001 => self.meta_132001,
            132005 => self.meta_132005,
            132007 => self.meta_132007,
            132008 | 132012 => self.meta_132008,
            132015 => self.meta_132015,
            132016 => self.meta_132016,
            132018 => self.meta_132018,
            190 | 10 | 200 => self.meta_token,
            _ => self.meta_other,
        }
    }

    /// A problem talking to WhatsApp: the step in words, Meta's code and our explanation of
    /// it, then what Meta (or the network) said, as it came.
    pub fn link_problem(&self, problem: &crate::wire::LinkProblem) -> String {
        use crate::wire::LinkStep as S;
        let step = match problem.step {
            S::TemplateSync => self.link_template_sync,
            S::MediaUpload => self.link_media_upload,
            S::WebhookSignature => self.link_webhook_signature,
            S::WebhookMalformed => self.link_webhook_malformed,
            S::WebhookNotSaved => self.link_webhook_not_saved,
            S::ConnectionCheck => self.link_connection_check,
        };
        let mut out = step.to_string();
        if let Some(code) = problem.code {
            out.push_str(&format!(" {} ({code})", self.meta_explain(code)));
        }
        if let Some(detail) = &problem.detail {
            out.push_str(&format!(" — {detail}"));
        }
        out
    }

    /// Why a file cannot go to WhatsApp.
    pub fn media_refusal(&self, refusal: &crate::error::MediaRefusal) -> String {
        use crate::error::MediaRefusal as R;
        let megabytes = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
        match refusal {
            R::Empty => self.media_empty.into(),
            R::UnsupportedType { mime } => self.media_unsupported_type(mime),
            R::TooLarge { kind, max_bytes } => {
                self.media_too_large(kind.as_deref().unwrap_or("other"), megabytes(*max_bytes))
            }
            R::Incomplete => self.media_incomplete.into(),
            R::NotForHeader { mime } => self.media_not_for_header(mime),
            R::WrongHeaderKind { needs, got } => self.media_wrong_header_kind(needs, got),
            R::Expired => self.media_expired.into(),
            R::CaptionTooLong { max } => self.media_caption_too_long(max),
        }
    }

>>>>>>> Stashed changes
    /// The sentence a person sees for an error.
    pub fn error(&self, err: &AppError) -> String {
        match err {
            AppError::Unauthenticated => self.err_unauthenticated.into(),
            AppError::Forbidden => self.err_forbidden.into(),
            AppError::InvalidCredentials => self.err_invalid_credentials.into(),
            AppError::AccountDisabled => self.err_account_disabled.into(),
<<<<<<< Updated upstream
            AppError::Throttled { retry_after_secs } => (self.err_throttled)(*retry_after_secs),
            AppError::Busy { retry_after_secs } => (self.err_busy)(*retry_after_secs),
            AppError::Invalid { field, problem } => {
                let f = self.field(*field);
                match *problem {
                    Problem::Empty => (self.problem_empty)(f),
                    Problem::TooShort { min } => (self.problem_too_short)(f, min),
                    Problem::TooLong { max } => (self.problem_too_long)(f, max),
                    Problem::Malformed => (self.problem_malformed)(f),
                    Problem::OutOfRange { max } => (self.problem_out_of_range)(f, max),
=======
            AppError::Throttled { retry_after_secs } => self.err_throttled(*retry_after_secs),
            AppError::Busy { retry_after_secs } => self.err_busy(*retry_after_secs),
            AppError::Invalid { field, problem } => {
                let f = self.field(*field);
                match *problem {
                    Problem::Empty => self.problem_empty(f),
                    Problem::TooShort { min } => self.problem_too_short(f, min),
                    Problem::TooLong { max } => self.problem_too_long(f, max),
                    Problem::Malformed => self.problem_malformed(f),
                    Problem::OutOfRange { max } => self.problem_out_of_range(f, max),
>>>>>>> Stashed changes
                }
            }
            AppError::NotFound => self.err_not_found.into(),
            AppError::Conflict { conflict } => match conflict {
                Conflict::EmailTaken => self.err_email_taken.into(),
                Conflict::LastAdmin => self.err_last_admin.into(),
                Conflict::OwnAccount => self.err_own_account.into(),
                Conflict::NotFailed => self.err_not_failed.into(),
                Conflict::AlreadyRetried => self.err_already_retried.into(),
                Conflict::AlreadyOpen => self.err_already_open.into(),
                Conflict::LabelNameTaken => self.err_label_name_taken.into(),
                Conflict::ShortcutTaken => self.err_shortcut_taken.into(),
                Conflict::SkuTaken => self.err_sku_taken.into(),
                Conflict::BotOff => self.err_bot_off.into(),
                Conflict::NotWithBot => self.err_not_with_bot.into(),
            },
            AppError::ReadOnly => self.err_read_only.into(),
            AppError::Unavailable => self.err_unavailable.into(),
            AppError::Internal => self.err_internal.into(),
            AppError::Request { .. } => self.err_request.into(),
            AppError::WindowClosed { closed_at_ms } => match closed_at_ms {
<<<<<<< Updated upstream
                Some(at) => (self.err_window_closed_at)(&crate::ui::clock::moment(*at)),
                None => self.err_window_closed.into(),
            },
            AppError::MarketingOptedOut => self.err_marketing_opted_out.into(),
            AppError::TemplateUnavailable { status } => (self.err_template_unavailable)(status),
            AppError::TemplateValue { problem } => (self.err_template_value)(
                &self.slot_label(&problem.key),
                &self.template_problem(&problem.problem),
            ),
            AppError::NotYours => self.err_not_yours.into(),
            AppError::AlreadyTaken { by } => (self.err_already_taken)(by.as_deref()),
            AppError::NotAssignee { assignee } => (self.err_not_assignee)(assignee),
            AppError::AtCapacity { name, capacity } => (self.err_at_capacity)(name, *capacity),
            AppError::MediaRefused { reason } => format!("{} {reason}", self.err_media_refused),
            AppError::BotInvalid { problem } => (self.bot_problem)(problem),
            AppError::Period { problem } => (self.period_problem)(*problem),
            AppError::ReportSettings { problem } => (self.report_settings_problem)(problem),
=======
                Some(at) => self.err_window_closed_at(crate::ui::clock::moment(*at)),
                None => self.err_window_closed.into(),
            },
            AppError::MarketingOptedOut => self.err_marketing_opted_out.into(),
            AppError::TemplateUnavailable { status } => self.err_template_unavailable(status),
            AppError::TemplateValue { problem } => self.err_template_value(
                self.slot_label(&problem.key),
                self.template_problem(&problem.problem),
            ),
            AppError::NotYours => self.err_not_yours.into(),
            AppError::AlreadyTaken { by } => match by {
                Some(name) => self.err_already_taken_by(name),
                None => self.err_already_taken.into(),
            },
            AppError::NotAssignee { assignee } => self.err_not_assignee(assignee),
            AppError::AtCapacity { name, capacity } => self.err_at_capacity(name, *capacity),
            AppError::MediaRefused { refusal } => {
                format!("{} {}", self.err_media_refused, self.media_refusal(refusal))
            }
            AppError::BotInvalid { problem } => {
                crate::ui::bot::texts::problem(self.lang(), problem)
            }
            AppError::Period { problem } => {
                crate::ui::reports::texts::period_problem(self.lang(), *problem)
            }
            AppError::ReportSettings { problem } => {
                crate::ui::reports::texts::settings_problem(self.lang(), problem)
            }
>>>>>>> Stashed changes
            AppError::WebhookDestination { refusal } => match refusal {
                crate::domain::integrations::destinations::Refusal::NotPublic => {
                    self.err_webhook_private.into()
                }
                crate::domain::integrations::destinations::Refusal::Unresolvable => {
                    self.err_webhook_unresolvable.into()
                }
            },
            AppError::WhatsApp { code, message } => match code {
                Some(code) => format!("{} ({code}): {message}", self.err_whatsapp),
                None => format!("{}: {message}", self.err_whatsapp),
            },
        }
    }
}

<<<<<<< Updated upstream
pub static EN: Texts = Texts {
    warning_minutes: "Warning time",
    console_settings: "Console",
    console_settings_hint: "How the agent console behaves for the whole team.",
    warning_label: "Warn agents when a customer's 24-hour window closes within (minutes)",
    err_not_failed: "This message did not fail, so there is nothing to retry.",
    err_already_retried: "This message was already sent again; see the newer copy below.",
    err_already_open: "This customer already has another open conversation. Continue there.",
    err_label_name_taken: "A label with this name already exists (names are compared ignoring upper and lower case).",
    err_shortcut_taken: "Another quick reply in the same list already uses this shortcut.",
    err_already_taken: |by| match by {
        Some(name) => format!("{name} took this conversation a moment before you."),
        None => "Someone else took this conversation a moment before you.".into(),
    },
    err_not_assignee: |name| format!("This conversation is assigned to {name}. Only {name} or a supervisor can write to the customer; you can still add a private note."),
    err_at_capacity: |name, capacity| format!("{name} already has {capacity} open conversations, their capacity. Choose someone else or raise their capacity."),
    field_label_name: "Label name",
    field_label_description: "Description",
    field_label_color: "Colour",
    field_shortcut: "Shortcut",
    field_quick_reply_title: "Title",
    field_quick_reply_body: "Text",
    field_snooze_until: "Snooze until",
    field_token_name: "Token name",
    err_not_with_bot: "This conversation is no longer with the bot: an agent has it now.",
    err_webhook_private: "This URL points to a private or local network address. Tick \"Allow private network addresses\" only if the receiver really runs inside your network.",
    err_webhook_unresolvable: "The host in this URL could not be found. Check the address.",
    field_webhook_url: "Webhook URL",
    field_webhook_events: "Events",
    field_attributes: "Contact details",
    field_cursor: "Page",
    err_window_closed_at: |at| format!("The 24-hour window with this customer closed at {at}. Only an approved template can be sent until they write again."),
    err_marketing_opted_out: "This customer stopped marketing messages from us, so marketing templates can't be sent to them. Choose a utility template.",
    err_template_unavailable: |status| format!("This template can't be sent right now (status: {status}). Choose another one or ask an admin to sync templates."),
    err_template_value: |slot, problem| format!("{slot}: {problem}"),
    slot_header: "Header",
    slot_body: "Message text",
    slot_header_file: "Header file",
    slot_link: "Link ending",
    slot_code: "Coupon code",
    tp_missing: "fill this in",
    tp_too_long: |max| format!("at most {max} characters"),
    tp_whitespace: "no line breaks, tabs or runs of more than 4 spaces (WhatsApp refuses them in templates)",
    tp_not_url: "no spaces: this becomes part of a web address",
    tp_part_too_long: |max| format!("too long once filled in (WhatsApp allows {max} characters)"),
    tp_media_missing: |kind| format!("this template needs {} in its header", match kind { "image" => "an image", "video" => "a video", _ => "a document" }),
    err_window_closed: "The 24-hour window with this customer is closed. Only an approved template can be sent now.",
    err_not_yours: "This conversation is assigned to a colleague, so you can't open it.",
    err_media_refused: "WhatsApp won't accept this file:",
    err_whatsapp: "WhatsApp refused it",
    sign_in_title: "Sign in to Buzón",
    sign_in_subtitle: "Your team's shared WhatsApp inbox",
    email: "Email",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    sign_out: "Sign out",
    session_ended: "Your session has ended. Please sign in again.",

    inbox: "Inbox",
    dashboard: "Dashboard",
    reports: "Reports",
    labels: "Labels",
    quick_replies: "Quick replies",
    templates: "Templates",
    bot: "Bot",
    bot_problem: crate::ui::bot::texts::problem_en,
    period_problem: crate::ui::reports::texts::period_problem_en,
    report_settings_problem: crate::ui::reports::texts::settings_problem_en,
    err_sku_taken: "Another product already has this SKU.",
    err_bot_off: "The bot is switched off, so the conversation cannot go back to it. An admin can switch it on in Bot.",
    settings: "Settings",
    integrations: "Integrations",
    users: "Users",
    account: "My account",
    menu: "Menu",
    coming_soon: "This screen is being built. It will appear here in a coming release.",

    forbidden_title: "You don't have access to this page",
    forbidden_body: |role| {
        format!("Your role ({role}) can't open this page. Ask an admin if you need it.")
    },
    not_found_title: "Page not found",
    not_found_body: "There is nothing at this address.",
    back_to_inbox: "Back to the inbox",
    loading: "Loading…",

    role_agent: "Agent",
    role_supervisor: "Supervisor",
    role_admin: "Admin",

    users_subtitle: "Who can sign in to the desk, and what they may do.",
    add_user: "Add a user",
    name: "Name",
    name_hint: "Shown to colleagues",
    role: "Role",
    capacity: "Capacity",
    capacity_hint: "Most open chats at once",
    status: "Status",
    actions: "Actions",
    active: "Active",
    disabled: "Disabled",
    disable: "Disable",
    enable: "Enable",
    reset_password: "Reset password",
    new_password: "New password",
    create_user: "Create user",
    save: "Save",
    cancel: "Cancel",
    you: "you",
    user_created: |email| format!("{email} can now sign in."),
    saved: "Saved.",
    password_was_reset: |email| format!("New password set for {email}. Their sessions were ended."),
    confirm_disable: |email| format!("Disable {email}? They are signed out at once."),

    templates_subtitle:
        "The WhatsApp Business Account's message templates. Only approved ones can be sent.",
    sync_now: "Sync now",
    syncing: "Syncing…",
    last_synced: |at| format!("Last synced {at}"),
    never_synced: "Not synced yet",
    sync_failed: |why| format!("The last sync failed: {why}"),
    no_templates: "No templates yet. Create them in Meta's WhatsApp Manager, then sync.",
    only_approved: "Agents are offered approved templates only.",
    quality: "Quality",
    rejected_because: |r| format!("Rejected: {r}"),
    template_status: |s| {
        match s {
            "APPROVED" => "Approved",
            "PENDING" => "Pending review",
            "REJECTED" => "Rejected",
            "PAUSED" => "Paused",
            "DISABLED" => "Disabled",
            "DELETED" => "Deleted",
            "IN_APPEAL" => "In appeal",
            other => return other.to_string(),
        }
        .to_string()
    },

    settings_subtitle:
        "How the desk is connected to WhatsApp. Values come from the server's configuration.",
    whatsapp_connection: "WhatsApp connection",
    webhook: "Webhook",
    phone_number_id: "Phone number ID",
    business_account_id: "Business account ID",
    graph_api: "Graph API",
    access_token: "Access token",
    app_secret: "App secret",
    verify_token: "Verify token",
    webhook_url: "Callback URL",
    webhook_url_hint:
        "Give Meta this URL (served over HTTPS) and the verify token in the App Dashboard.",
    webhooks_received: "Deliveries since start",
    last_webhook: "Last delivery",
    never: "never",
    not_set: "not set",
    last_problem: |at, what| format!("Last problem ({at}): {what}"),
    check_connection: "Check connection",
    checking: "Checking…",
    phone: "Phone number",
    message: "Message",
    test_message: "Send a test message",
    test_message_hint: "Free text can only go to a number that wrote to you within the last 24 hours (WhatsApp's rule); Buzón refuses it otherwise. Use the console's templates to write first.",
    send_test: "Send",
    refresh_status: "Refresh status",
    test_message_status: |id, status| format!("Message #{id}: {status}"),

    account_subtitle: "Your password and language.",
    change_password: "Change password",
    current_password: "Current password",
    password_changed: "Password changed.",
    language: "Language",
    language_saved: "Language saved.",

    err_invalid_credentials: "Wrong email or password.",
    err_account_disabled: "This account is disabled. Ask an admin to enable it.",
    err_throttled: |s| format!("Too many attempts. Try again in {s} seconds."),
    err_busy: |s| format!("The desk is very busy right now. Try again in {s} seconds."),
    err_unauthenticated: "Your session has ended. Please sign in again.",
    err_forbidden: "Your role doesn't allow this.",
    err_not_found: "That no longer exists. Reload the page.",
    err_email_taken: "A user with that email already exists.",
    err_last_admin: "The desk needs at least one active admin. Make someone else admin first.",
    err_own_account: "You can't do that to your own account.",
    err_read_only: "The database is read-only, so nothing was saved. Tell your administrator.",
    err_unavailable:
        "The database is busy or unreachable, so nothing was saved. Try again in a moment.",
    err_internal: "Something went wrong on the server. Nothing was saved; try again.",
    err_request: "Couldn't reach the server. Check your connection and try again.",
    problem_empty: |f| format!("{f} is required."),
    problem_too_short: |f, n| format!("{f} must have at least {n} characters."),
    problem_too_long: |f, n| format!("{f} can have at most {n} characters."),
    problem_malformed: |f| format!("{f} doesn't look right."),
    problem_out_of_range: |f, n| format!("{f} must be between 0 and {n}."),
};

pub static ES: Texts = Texts {
    warning_minutes: "Tiempo de aviso",
    console_settings: "Consola",
    console_settings_hint: "Cómo se comporta la consola de agentes para todo el equipo.",
    warning_label: "Avisar a los agentes cuando la ventana de 24 horas de un cliente cierre en menos de (minutos)",
    err_not_failed: "Este mensaje no falló, así que no hay nada que reintentar.",
    err_already_retried: "Este mensaje ya se reenvió; mira la copia más reciente, abajo.",
    err_already_open: "Este cliente ya tiene otra conversación abierta. Continúa allí.",
    err_label_name_taken: "Ya existe una etiqueta con este nombre (sin distinguir mayúsculas y minúsculas).",
    err_shortcut_taken: "Otra respuesta rápida de la misma lista ya usa este atajo.",
    err_already_taken: |by| match by {
        Some(name) => format!("{name} tomó esta conversación un momento antes que tú."),
        None => "Otra persona tomó esta conversación un momento antes que tú.".into(),
    },
    err_not_assignee: |name| format!("Esta conversación está asignada a {name}. Solo {name} o un supervisor pueden escribir al cliente; puedes añadir una nota privada."),
    err_at_capacity: |name, capacity| format!("{name} ya tiene {capacity} conversaciones abiertas, su capacidad. Elige a otra persona o aumenta su capacidad."),
    field_label_name: "Nombre de la etiqueta",
    field_label_description: "Descripción",
    field_label_color: "Color",
    field_shortcut: "Atajo",
    field_quick_reply_title: "Título",
    field_quick_reply_body: "Texto",
    field_snooze_until: "Posponer hasta",
    field_token_name: "Nombre del token",
    err_not_with_bot: "Esta conversación ya no está con el bot: ahora la tiene un agente.",
    err_webhook_private: "Esta URL apunta a una dirección de red privada o local. Marca \"Permitir direcciones de red privadas\" solo si el receptor está de verdad dentro de tu red.",
    err_webhook_unresolvable: "No se encontró el servidor de esta URL. Revisa la dirección.",
    field_webhook_url: "URL del webhook",
    field_webhook_events: "Eventos",
    field_attributes: "Datos del contacto",
    field_cursor: "Página",
    err_window_closed_at: |at| format!("La ventana de 24 horas con este cliente se cerró el {at}. Solo se puede enviar una plantilla aprobada hasta que vuelva a escribir."),
    err_marketing_opted_out: "Este cliente dejó de recibir mensajes de marketing, así que no se le pueden enviar plantillas de marketing. Elige una plantilla de utilidad.",
    err_template_unavailable: |status| format!("Esta plantilla no se puede enviar ahora (estado: {status}). Elige otra o pide a un admin que sincronice las plantillas."),
    err_template_value: |slot, problem| format!("{slot}: {problem}"),
    slot_header: "Encabezado",
    slot_body: "Texto del mensaje",
    slot_header_file: "Archivo del encabezado",
    slot_link: "Final del enlace",
    slot_code: "Código de cupón",
    tp_missing: "rellena este campo",
    tp_too_long: |max| format!("como máximo {max} caracteres"),
    tp_whitespace: "sin saltos de línea, tabuladores ni más de 4 espacios seguidos (WhatsApp los rechaza en plantillas)",
    tp_not_url: "sin espacios: forma parte de una dirección web",
    tp_part_too_long: |max| format!("demasiado largo una vez relleno (WhatsApp admite {max} caracteres)"),
    tp_media_missing: |kind| format!("esta plantilla necesita {} en el encabezado", match kind { "image" => "una imagen", "video" => "un vídeo", _ => "un documento" }),
    err_window_closed: "La ventana de 24 horas con este cliente está cerrada. Ahora solo se puede enviar una plantilla aprobada.",
    err_not_yours: "Esta conversación está asignada a un compañero, así que no puedes abrirla.",
    err_media_refused: "WhatsApp no aceptará este archivo:",
    err_whatsapp: "WhatsApp lo rechazó",
    sign_in_title: "Entra en Buzón",
    sign_in_subtitle: "La bandeja de WhatsApp compartida de tu equipo",
    email: "Correo",
    password: "Contraseña",
    sign_in: "Entrar",
    signing_in: "Entrando…",
    sign_out: "Salir",
    session_ended: "Tu sesión ha terminado. Vuelve a entrar.",

    inbox: "Bandeja",
    dashboard: "Panel",
    reports: "Informes",
    labels: "Etiquetas",
    quick_replies: "Respuestas rápidas",
    templates: "Plantillas",
    bot: "Bot",
    bot_problem: crate::ui::bot::texts::problem_es,
    period_problem: crate::ui::reports::texts::period_problem_es,
    report_settings_problem: crate::ui::reports::texts::settings_problem_es,
    err_sku_taken: "Otro producto ya tiene este SKU.",
    err_bot_off: "El bot está desactivado, así que la conversación no puede volver a él. Un administrador puede activarlo en Bot.",
    settings: "Ajustes",
    integrations: "Integraciones",
    users: "Usuarios",
    account: "Mi cuenta",
    menu: "Menú",
    coming_soon: "Esta pantalla está en construcción. Aparecerá aquí en una próxima versión.",

    forbidden_title: "No tienes acceso a esta página",
    forbidden_body: |role| {
        format!("Tu rol ({role}) no puede abrir esta página. Pídeselo a un administrador si lo necesitas.")
    },
    not_found_title: "Página no encontrada",
    not_found_body: "No hay nada en esta dirección.",
    back_to_inbox: "Volver a la bandeja",
    loading: "Cargando…",

    role_agent: "Agente",
    role_supervisor: "Supervisor",
    role_admin: "Administrador",

    users_subtitle: "Quién puede entrar en el buzón y qué puede hacer.",
    add_user: "Añadir usuario",
    name: "Nombre",
    name_hint: "Lo ven tus compañeros",
    role: "Rol",
    capacity: "Capacidad",
    capacity_hint: "Máximo de chats abiertos a la vez",
    status: "Estado",
    actions: "Acciones",
    active: "Activo",
    disabled: "Desactivado",
    disable: "Desactivar",
    enable: "Activar",
    reset_password: "Cambiar contraseña",
    new_password: "Nueva contraseña",
    create_user: "Crear usuario",
    save: "Guardar",
    cancel: "Cancelar",
    you: "tú",
    user_created: |email| format!("{email} ya puede entrar."),
    saved: "Guardado.",
    password_was_reset: |email| {
        format!("Nueva contraseña para {email}. Sus sesiones se han cerrado.")
    },
    confirm_disable: |email| format!("¿Desactivar a {email}? Su sesión se cierra al momento."),

    templates_subtitle:
        "Las plantillas de la cuenta de WhatsApp Business. Solo se pueden enviar las aprobadas.",
    sync_now: "Sincronizar",
    syncing: "Sincronizando…",
    last_synced: |at| format!("Última sincronización: {at}"),
    never_synced: "Aún sin sincronizar",
    sync_failed: |why| format!("La última sincronización falló: {why}"),
    no_templates: "Aún no hay plantillas. Créalas en el WhatsApp Manager de Meta y sincroniza.",
    only_approved: "A los agentes solo se les ofrecen plantillas aprobadas.",
    quality: "Calidad",
    rejected_because: |r| format!("Rechazada: {r}"),
    template_status: |s| {
        match s {
            "APPROVED" => "Aprobada",
            "PENDING" => "En revisión",
            "REJECTED" => "Rechazada",
            "PAUSED" => "Pausada",
            "DISABLED" => "Desactivada",
            "DELETED" => "Eliminada",
            "IN_APPEAL" => "En apelación",
            other => return other.to_string(),
        }
        .to_string()
    },

    settings_subtitle:
        "Cómo se conecta el buzón a WhatsApp. Los valores salen de la configuración del servidor.",
    whatsapp_connection: "Conexión con WhatsApp",
    webhook: "Webhook",
    phone_number_id: "ID del número",
    business_account_id: "ID de la cuenta de empresa",
    graph_api: "Graph API",
    access_token: "Token de acceso",
    app_secret: "Secreto de la app",
    verify_token: "Token de verificación",
    webhook_url: "URL de callback",
    webhook_url_hint:
        "Da a Meta esta URL (servida por HTTPS) y el token de verificación en el panel de la app.",
    webhooks_received: "Entregas desde el arranque",
    last_webhook: "Última entrega",
    never: "nunca",
    not_set: "sin configurar",
    last_problem: |at, what| format!("Último problema ({at}): {what}"),
    check_connection: "Comprobar conexión",
    checking: "Comprobando…",
    phone: "Teléfono",
    message: "Mensaje",
    test_message: "Enviar un mensaje de prueba",
    test_message_hint: "El texto libre solo puede ir a un número que te escribió en las últimas 24 horas (regla de WhatsApp); si no, Buzón lo rechaza. Para escribir primero, usa las plantillas de la consola.",
    send_test: "Enviar",
    refresh_status: "Actualizar estado",
    test_message_status: |id, status| format!("Mensaje n.º {id}: {status}"),

    account_subtitle: "Tu contraseña y tu idioma.",
    change_password: "Cambiar contraseña",
    current_password: "Contraseña actual",
    password_changed: "Contraseña cambiada.",
    language: "Idioma",
    language_saved: "Idioma guardado.",

    err_invalid_credentials: "Correo o contraseña incorrectos.",
    err_account_disabled: "Esta cuenta está desactivada. Pide a un administrador que la active.",
    err_throttled: |s| format!("Demasiados intentos. Prueba de nuevo en {s} segundos."),
    err_busy: |s| format!("El escritorio está muy ocupado ahora mismo. Prueba de nuevo en {s} segundos."),
    err_unauthenticated: "Tu sesión ha terminado. Vuelve a entrar.",
    err_forbidden: "Tu rol no permite hacer esto.",
    err_not_found: "Eso ya no existe. Recarga la página.",
    err_email_taken: "Ya existe un usuario con ese correo.",
    err_last_admin: "El buzón necesita al menos un administrador activo. Nombra antes a otro.",
    err_own_account: "No puedes hacer eso con tu propia cuenta.",
    err_read_only:
        "La base de datos es de solo lectura; no se ha guardado nada. Avisa a tu administrador.",
    err_unavailable:
        "La base de datos está ocupada o no responde; no se ha guardado nada. Prueba en un momento.",
    err_internal: "Algo ha fallado en el servidor. No se ha guardado nada; vuelve a intentarlo.",
    err_request: "No se pudo contactar con el servidor. Revisa tu conexión y vuelve a intentarlo.",
    problem_empty: |f| format!("{f}: es obligatorio."),
    problem_too_short: |f, n| format!("{f}: al menos {n} caracteres."),
    problem_too_long: |f, n| format!("{f}: como mucho {n} caracteres."),
    problem_malformed: |f| format!("{f}: no parece correcto."),
    problem_out_of_range: |f, n| format!("{f}: entre 0 y {n}."),
};

=======
>>>>>>> Stashed changes
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_best_spoken() {
        assert_eq!(
            Lang::from_accept_language("es-ES,es;q=0.9,en;q=0.8"),
            Lang::Es
        );
        assert_eq!(
            Lang::from_accept_language("fr-FR,en;q=0.5,es;q=0.7"),
            Lang::Es
        );
        assert_eq!(Lang::from_accept_language("de"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
    }

    #[test]
<<<<<<< Updated upstream
=======
    fn server_refusals_are_worded_in_the_readers_language() {
        use crate::error::MediaRefusal;
        let big = AppError::MediaRefused {
            refusal: MediaRefusal::TooLarge {
                kind: Some("image".into()),
                max_bytes: 5 * 1024 * 1024,
            },
        };
        assert_eq!(
            Lang::En.texts().error(&big),
            "WhatsApp won't accept this file: images can have 5 MB at most."
        );
        assert_eq!(
            Lang::PtBr.texts().error(&big),
            "O WhatsApp não aceita este arquivo: imagens podem ter no máximo 5 MB."
        );
        let problem = crate::wire::LinkProblem::new(
            crate::wire::LinkStep::MediaUpload,
            Some(131053),
            "Media upload error",
        );
        let es = Lang::Es.texts().link_problem(&problem);
        assert!(
            es.starts_with("Falló la subida de un archivo a WhatsApp. WhatsApp no pudo procesar"),
            "{es}"
        );
        assert!(es.ends_with("(131053) — Media upload error"), "{es}");
    }

    #[test]
    fn every_language_has_every_word() {
        // build.rs refuses a build where they differ; this proves the runtime finds them all
        // (no ⟦key⟧ marks) in a few messages of each kind.
        for lang in Lang::ALL {
            let t = lang.texts();
            assert!(!t.sign_in_title.contains('⟦'), "{lang:?}");
            assert!(!t.err_at_capacity("Ana", 3).contains('⟦'), "{lang:?}");
            assert_eq!(t.months_short.len(), 12);
            assert!(!crate::i18n::CustomerTexts::get(lang).reopen_soon.is_empty());
        }
        assert!(Lang::PtBr
            .texts()
            .err_at_capacity("Ana", 1234)
            .contains("1.234"));
    }

    #[test]
    fn portuguese_is_picked_for_any_portuguese() {
        assert_eq!(Lang::from_accept_language("pt-PT,pt;q=0.9"), Lang::PtBr);
        assert_eq!(Lang::from_accept_language("de,pt-BR;q=0.5"), Lang::PtBr);
        assert_eq!(Lang::parse("pt-BR"), Some(Lang::PtBr));
        assert_eq!(serde_json::to_string(&Lang::PtBr).unwrap(), "\"pt-BR\"");
    }

    #[test]
>>>>>>> Stashed changes
    fn errors_read_as_sentences() {
        let e = AppError::Invalid {
            field: Field::Password,
            problem: Problem::TooShort { min: 8 },
        };
<<<<<<< Updated upstream
        assert_eq!(EN.error(&e), "Password must have at least 8 characters.");
        assert_eq!(
            ES.error(&AppError::InvalidCredentials),
            "Correo o contraseña incorrectos."
        );
        assert_eq!(
            EN.error(&AppError::Throttled {
=======
        assert_eq!(
            Lang::En.texts().error(&e),
            "Password must have at least 8 characters."
        );
        assert_eq!(
            Lang::Es.texts().error(&AppError::InvalidCredentials),
            "Correo o contraseña incorrectos."
        );
        assert_eq!(
            Lang::En.texts().error(&AppError::Throttled {
>>>>>>> Stashed changes
                retry_after_secs: 4
            }),
            "Too many attempts. Try again in 4 seconds."
        );
    }
}

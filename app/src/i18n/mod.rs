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

use crate::domain::consent::MarketingRefusal;
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
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::PtBr => "pt-BR",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// A tag's language if the desk speaks it: `es-MX` → Spanish, `pt`/`pt-PT` → Portuguese
    /// (Brazilian is the only Portuguese the desk has).
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            "pt" => Some(Lang::PtBr),
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

    /// The language's own name, for pickers (never translated: people look for their own).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::PtBr => "Português (Brasil)",
        }
    }

    pub fn texts(self) -> &'static Texts {
        Texts::get(self)
    }
}

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
            ScreenArea::Campaigns => self.campaigns,
            ScreenArea::Contacts => self.contacts,
            ScreenArea::ContactSettings => self.contact_settings,
            ScreenArea::Audit => self.audit,
            ScreenArea::Labels => self.labels,
            ScreenArea::QuickReplies => self.quick_replies,
            ScreenArea::Templates => self.templates,
            ScreenArea::Bot => self.bot,
            ScreenArea::Settings => self.settings,
            ScreenArea::Integrations => self.integrations,
            ScreenArea::Costs => self.costs,
            ScreenArea::Users => self.users,
            ScreenArea::Account => self.account,
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
            Field::TimeZone => self.time_zone,
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
            Field::ConsentNote => self.field_consent_note,
            Field::Country => self.field_country,
            Field::EffectiveDate => self.field_effective_date,
            Field::Currency => self.field_currency,
        }
    }

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

    /// The sentence a person sees for an error.
    pub fn error(&self, err: &AppError) -> String {
        match err {
            AppError::Unauthenticated => self.err_unauthenticated.into(),
            AppError::Forbidden => self.err_forbidden.into(),
            AppError::InvalidCredentials => self.err_invalid_credentials.into(),
            AppError::AccountDisabled => self.err_account_disabled.into(),
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
                Some(at) => self.err_window_closed_at(crate::ui::clock::moment(*at)),
                None => self.err_window_closed.into(),
            },
            AppError::MarketingRefused { refusal } => match refusal {
                MarketingRefusal::OptedOut => self.err_marketing_opted_out.into(),
                MarketingRefusal::NeedsOptIn => self.err_marketing_needs_opt_in.into(),
            },
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
            AppError::RateCard { problems } => {
                crate::ui::costs::csv_problems(self.lang(), problems)
            }
            AppError::ConsentSettings { problem } => {
                use crate::domain::consent::{
                    ConsentSettingsProblem as P, MAX_KEYWORDS, MAX_KEYWORD_CHARS, MAX_REPLY_CHARS,
                };
                match problem {
                    P::TooManyKeywords => self.err_consent_too_many_keywords(MAX_KEYWORDS as i64),
                    P::KeywordTooLong { keyword } => {
                        self.err_consent_keyword_too_long(keyword, MAX_KEYWORD_CHARS as i64)
                    }
                    P::KeywordInBoth { keyword } => self.err_consent_keyword_in_both(keyword),
                    P::ReplyTooLong => self.err_consent_reply_too_long(MAX_REPLY_CHARS as i64),
                }
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
            AppError::WebhookDestination { refusal } => match refusal {
                crate::domain::integrations::destinations::Refusal::NotPublic => {
                    self.err_webhook_private.into()
                }
                crate::domain::integrations::destinations::Refusal::Unresolvable => {
                    self.err_webhook_unresolvable.into()
                }
            },
            AppError::Campaign { problem } => {
                crate::ui::campaigns::texts::problem(self.lang(), problem)
            }
            AppError::Attribute { refusal } => {
                crate::ui::contacts::texts::attribute_refusal(self.lang(), refusal)
            }
            AppError::AttributeDefinition { problem } => {
                crate::ui::contacts::texts::definition_problem(self.lang(), problem)
            }
            AppError::Protection { problem } => {
                crate::ui::contacts::texts::protection_problem(self.lang(), *problem)
            }
            AppError::WhatsApp { code, message } => match code {
                Some(code) => format!("{} ({code}): {message}", self.err_whatsapp),
                None => format!("{}: {message}", self.err_whatsapp),
            },
        }
    }
}

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

    /// A message no code asks for is a translator's wasted work (and usually a leftover):
    /// every English message's generated name must appear in the app's or server's source.
    #[test]
    fn every_message_is_used() {
        fn sources(dir: &std::path::Path, into: &mut String) {
            for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, into);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    into.push_str(&std::fs::read_to_string(&path).expect("source file"));
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut code = String::new();
        sources(&root.join("src"), &mut code);
        sources(&root.join("../server/src"), &mut code);
        let mut unused = Vec::new();
        for entry in std::fs::read_dir(root.join("locales/en"))
            .expect("locales")
            .flatten()
        {
            let file = std::fs::read_to_string(entry.path()).expect("ftl");
            for line in file.lines() {
                let Some((id, _)) = line.split_once(" =") else {
                    continue;
                };
                if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    continue;
                }
                let name = id.replace('-', "_");
                let used = code.match_indices(&name).any(|(at, _)| {
                    let before = code[..at].chars().next_back();
                    let after = code[at + name.len()..].chars().next();
                    let boundary =
                        |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    boundary(before) && boundary(after)
                });
                if !used {
                    unused.push(format!("{}: {id}", entry.file_name().to_string_lossy()));
                }
            }
        }
        assert!(unused.is_empty(), "messages no code uses: {unused:?}");
    }

    #[test]
    fn portuguese_is_picked_for_any_portuguese() {
        assert_eq!(Lang::from_accept_language("pt-PT,pt;q=0.9"), Lang::PtBr);
        assert_eq!(Lang::from_accept_language("de,pt-BR;q=0.5"), Lang::PtBr);
        assert_eq!(Lang::parse("pt-BR"), Some(Lang::PtBr));
        assert_eq!(serde_json::to_string(&Lang::PtBr).unwrap(), "\"pt-BR\"");
    }

    #[test]
    fn errors_read_as_sentences() {
        let e = AppError::Invalid {
            field: Field::Password,
            problem: Problem::TooShort { min: 8 },
        };
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
                retry_after_secs: 4
            }),
            "Too many attempts. Try again in 4 seconds."
        );
    }
}

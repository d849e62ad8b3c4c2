//! Marketing consent: who may receive marketing templates, how customers say so (keywords,
//! buttons, WhatsApp's own "Stop promotions"), and the one gate every send passes.
//!
//! Asked by the send gate (`ssr::send::may_go_out`, so the console, the API, the bot and
//! later campaigns and scheduled messages alike), by ingestion (keywords and button payloads
//! in customers' messages) and by the template picker, which greys out what the gate refuses.
//! Meta's rules: only MARKETING templates need consent; utility and authentication templates
//! and service messages go to opted-out customers too.

use super::contacts::MarketingConsent;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a consent change came from (kept in the contact's history).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentSource {
    /// The customer wrote a stop or start keyword.
    Keyword,
    /// The customer tapped a quick-reply button carrying a consent payload.
    Button,
    /// A form outside WhatsApp (recorded through the API with this source).
    Form,
    /// A contacts CSV import.
    Import,
    /// An agent, with a note saying why.
    Agent,
    /// An API token.
    Api,
    /// WhatsApp's "Stop promotions" / "Resume" (`user_preferences` webhook).
    WhatsApp,
    /// Meta refused a marketing template with 131050 (the customer stopped them).
    MetaRefusal,
}

impl ConsentSource {
    pub const ALL: [ConsentSource; 8] = [
        ConsentSource::Keyword,
        ConsentSource::Button,
        ConsentSource::Form,
        ConsentSource::Import,
        ConsentSource::Agent,
        ConsentSource::Api,
        ConsentSource::WhatsApp,
        ConsentSource::MetaRefusal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentSource::Keyword => "keyword",
            ConsentSource::Button => "button",
            ConsentSource::Form => "form",
            ConsentSource::Import => "import",
            ConsentSource::Agent => "agent",
            ConsentSource::Api => "api",
            ConsentSource::WhatsApp => "whatsapp",
            ConsentSource::MetaRefusal => "meta_refusal",
        }
    }

    pub fn parse(s: &str) -> Option<ConsentSource> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One entry of a contact's consent history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEntry {
    pub at_ms: i64,
    pub consent: MarketingConsent,
    pub source: ConsentSource,
    /// The agent's or the API's reason, or the keyword the customer wrote.
    pub note: Option<String>,
    /// The agent who changed it (their name, for the panel).
    pub actor: Option<String>,
}

/// Why a marketing template may not go to this customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarketingRefusal {
    /// The customer opted out.
    OptedOut,
    /// The team requires an explicit opt-in and this customer never gave one.
    NeedsOptIn,
}

/// Whether a template of `category` counts as marketing. A template of unknown category
/// counts as marketing: an opt-out must never leak.
pub fn is_marketing(category: Option<&str>) -> bool {
    category.is_none_or(|c| c.eq_ignore_ascii_case("MARKETING"))
}

/// The gate: may a template of `category` go to a customer whose consent is `consent`, when
/// the team does (or does not) require an explicit opt-in for marketing on this path?
pub fn may_market(
    category: Option<&str>,
    consent: MarketingConsent,
    explicit_opt_in: bool,
) -> Result<(), MarketingRefusal> {
    if !is_marketing(category) {
        return Ok(());
    }
    match consent {
        MarketingConsent::OptedOut => Err(MarketingRefusal::OptedOut),
        MarketingConsent::Unknown if explicit_opt_in => Err(MarketingRefusal::NeedsOptIn),
        _ => Ok(()),
    }
}

/// The paths a message takes out; the explicit opt-in rule is set per kind of path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// An agent, the API or the bot writing to one customer.
    OneToOne,
    /// A broadcast campaign.
    Campaign,
}

/// Settings key of [`ConsentSettings`] (JSON).
pub const CONSENT_SETTING: &str = "consent";

/// How the team handles marketing consent (admins, Team settings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentSettings {
    /// Marketing templates written one to one need an explicit opt-in (off: only opted-out
    /// customers are refused).
    pub opt_in_one_to_one: bool,
    /// Campaigns' marketing templates need an explicit opt-in (on by default: a broadcast to
    /// people who never asked is what gets numbers reported).
    pub opt_in_campaigns: bool,
    /// Messages that are only one of these words stop marketing (compared without case,
    /// accents or surrounding punctuation).
    pub stop_keywords: Vec<String>,
    pub start_keywords: Vec<String>,
    /// Confirmation replies by language code (`en`, `es`, `pt-BR`); a language without one
    /// uses the built-in wording, an empty text sends nothing.
    pub stop_replies: BTreeMap<String, String>,
    pub start_replies: BTreeMap<String, String>,
}

impl Default for ConsentSettings {
    fn default() -> Self {
        let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect();
        ConsentSettings {
            opt_in_one_to_one: false,
            opt_in_campaigns: true,
            stop_keywords: words(&[
                "STOP",
                "UNSUBSCRIBE",
                "STOP PROMOTIONS",
                "BAJA",
                "PARAR",
                "CANCELAR",
                "SAIR",
            ]),
            start_keywords: words(&["START", "SUBSCRIBE", "RESUME PROMOTIONS", "ALTA", "VOLVER"]),
            stop_replies: BTreeMap::new(),
            start_replies: BTreeMap::new(),
        }
    }
}

/// What an admin writes as a confirmation reply to send none.
pub const NO_REPLY: &str = "-";

/// Most keywords one list may hold, and the longest keyword (a keyword is a word or two, not
/// a sentence: longer messages are conversations).
pub const MAX_KEYWORDS: usize = 30;
pub const MAX_KEYWORD_CHARS: usize = 40;
/// The longest confirmation reply (WhatsApp's text limit is far above; a confirmation is short).
pub const MAX_REPLY_CHARS: usize = 1000;

/// What is wrong with consent settings an admin saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ConsentSettingsProblem {
    TooManyKeywords,
    KeywordTooLong {
        keyword: String,
    },
    /// The same word in both lists.
    KeywordInBoth {
        keyword: String,
    },
    ReplyTooLong,
}

impl ConsentSettings {
    /// Whether the team requires an explicit opt-in for marketing sent this way.
    pub fn explicit_opt_in(&self, reach: Reach) -> bool {
        match reach {
            Reach::OneToOne => self.opt_in_one_to_one,
            Reach::Campaign => self.opt_in_campaigns,
        }
    }

    /// Reads the stored setting; anything unreadable is the default (logged by the caller).
    pub fn from_setting(value: Option<&str>) -> ConsentSettings {
        value
            .and_then(|v| serde_json::from_str(v).ok())
            .unwrap_or_default()
    }

    /// The settings as saved: keywords trimmed, de-duplicated, empty ones dropped; refused
    /// when a list is too long or a word is in both lists.
    pub fn cleaned(mut self) -> Result<ConsentSettings, ConsentSettingsProblem> {
        for list in [&mut self.stop_keywords, &mut self.start_keywords] {
            let mut seen = Vec::new();
            list.retain(|k| {
                let key = normalized(k);
                let keep = !key.is_empty() && !seen.contains(&key);
                seen.push(key);
                keep
            });
            for k in list.iter_mut() {
                *k = k.trim().to_string();
            }
            if list.len() > MAX_KEYWORDS {
                return Err(ConsentSettingsProblem::TooManyKeywords);
            }
            if let Some(long) = list.iter().find(|k| k.chars().count() > MAX_KEYWORD_CHARS) {
                return Err(ConsentSettingsProblem::KeywordTooLong {
                    keyword: long.clone(),
                });
            }
        }
        if let Some(both) = self.stop_keywords.iter().find(|s| {
            self.start_keywords
                .iter()
                .any(|t| normalized(t) == normalized(s))
        }) {
            return Err(ConsentSettingsProblem::KeywordInBoth {
                keyword: both.clone(),
            });
        }
        for replies in [&mut self.stop_replies, &mut self.start_replies] {
            for text in replies.values_mut() {
                *text = text.trim().to_string();
            }
            if replies
                .values()
                .any(|t| t.chars().count() > MAX_REPLY_CHARS)
            {
                return Err(ConsentSettingsProblem::ReplyTooLong);
            }
        }
        Ok(self)
    }

    /// The consent a customer's message asks for when it is only a keyword ("STOP", "Baja.",
    /// "¡alta!"); anything longer is a conversation, not a keyword.
    pub fn intent(&self, text: &str) -> Option<MarketingConsent> {
        let said = normalized(text);
        if said.is_empty() {
            return None;
        }
        let has = |list: &[String]| list.iter().any(|k| normalized(k) == said);
        if has(&self.stop_keywords) {
            Some(MarketingConsent::OptedOut)
        } else if has(&self.start_keywords) {
            Some(MarketingConsent::OptedIn)
        } else {
            None
        }
    }

    /// The confirmation reply the team set for `consent` in `language`: `Some("")` means
    /// the team chose to send nothing (they wrote "-"), `None` that the built-in wording
    /// applies.
    pub fn reply(&self, consent: MarketingConsent, language: &str) -> Option<&str> {
        let replies = match consent {
            MarketingConsent::OptedOut => &self.stop_replies,
            MarketingConsent::OptedIn => &self.start_replies,
            MarketingConsent::Unknown => return Some(""),
        };
        replies
            .get(language)
            .map(|r| if r.trim() == NO_REPLY { "" } else { r.as_str() })
    }
}

/// The desk's own confirmation when the team wrote none for `language` (`customer.ftl`).
pub fn built_in_reply(consent: MarketingConsent, language: crate::i18n::Lang) -> String {
    let words = crate::i18n::CustomerTexts::get(language);
    match consent {
        MarketingConsent::OptedOut => words.consent_stop_reply.to_string(),
        MarketingConsent::OptedIn => words.consent_start_reply.to_string(),
        MarketingConsent::Unknown => String::new(),
    }
}

/// The quick-reply button payloads that carry a consent intent (campaign templates put them
/// on their "Stop promotions" / "Yes, keep me posted" buttons).
pub const STOP_PAYLOAD: &str = "buzon:consent:stop";
pub const START_PAYLOAD: &str = "buzon:consent:start";

/// The consent a button payload asks for.
pub fn payload_intent(payload: &str) -> Option<MarketingConsent> {
    match payload.trim() {
        STOP_PAYLOAD => Some(MarketingConsent::OptedOut),
        START_PAYLOAD => Some(MarketingConsent::OptedIn),
        _ => None,
    }
}

/// A keyword as compared: lower case, without accents, surrounding punctuation or repeated
/// spaces ("¡Baja!" and "baja" are one word).
fn normalized(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'Á' | 'À' | 'Â' | 'Ã' => 'a',
            'é' | 'ê' | 'É' | 'Ê' => 'e',
            'í' | 'Í' => 'i',
            'ó' | 'ô' | 'õ' | 'Ó' | 'Ô' | 'Õ' => 'o',
            'ú' | 'ü' | 'Ú' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use MarketingConsent::*;

    #[test]
    fn the_gate_table() {
        let cases = [
            // (category, consent, explicit opt-in, allowed)
            (
                Some("MARKETING"),
                OptedOut,
                false,
                Err(MarketingRefusal::OptedOut),
            ),
            (
                Some("MARKETING"),
                OptedOut,
                true,
                Err(MarketingRefusal::OptedOut),
            ),
            (Some("MARKETING"), Unknown, false, Ok(())),
            (
                Some("MARKETING"),
                Unknown,
                true,
                Err(MarketingRefusal::NeedsOptIn),
            ),
            (Some("MARKETING"), OptedIn, true, Ok(())),
            (
                Some("marketing"),
                OptedOut,
                false,
                Err(MarketingRefusal::OptedOut),
            ),
            // Meta's rules: utility and authentication go whatever the marketing consent.
            (Some("UTILITY"), OptedOut, true, Ok(())),
            (Some("AUTHENTICATION"), OptedOut, true, Ok(())),
            // Unknown category counts as marketing.
            (None, OptedOut, false, Err(MarketingRefusal::OptedOut)),
            (None, Unknown, true, Err(MarketingRefusal::NeedsOptIn)),
        ];
        for (category, consent, opt_in, expected) in cases {
            assert_eq!(
                may_market(category, consent, opt_in),
                expected,
                "{category:?} {consent:?} opt-in required {opt_in}"
            );
        }
    }

    #[test]
    fn keywords_in_each_language() {
        let s = ConsentSettings::default();
        for stop in [
            "STOP",
            " stop ",
            "Stop.",
            "BAJA",
            "¡Baja!",
            "Stop promotions",
            "parar",
            "Sair",
        ] {
            assert_eq!(s.intent(stop), Some(OptedOut), "{stop}");
        }
        for start in ["START", "Alta", "¡ALTA!", "volver", "resume   promotions"] {
            assert_eq!(s.intent(start), Some(OptedIn), "{start}");
        }
        for chat in ["please stop calling me", "stopped", "hola", "", "¿?"] {
            assert_eq!(s.intent(chat), None, "{chat}");
        }
    }

    #[test]
    fn admins_choose_the_words() {
        let s = ConsentSettings {
            stop_keywords: vec!["Desuscribir".into()],
            start_keywords: vec!["Suscribir".into()],
            ..ConsentSettings::default()
        };
        assert_eq!(s.intent("desuscribir"), Some(OptedOut));
        assert_eq!(s.intent("suscribir"), Some(OptedIn));
        assert_eq!(s.intent("STOP"), None, "only the team's words count");
    }

    #[test]
    fn saved_settings_are_cleaned_or_refused() {
        let s = ConsentSettings {
            stop_keywords: vec![" stop ".into(), "STOP".into(), "".into(), "baja".into()],
            ..ConsentSettings::default()
        }
        .cleaned()
        .unwrap();
        assert_eq!(
            s.stop_keywords,
            vec!["stop".to_string(), "baja".to_string()]
        );

        let both = ConsentSettings {
            stop_keywords: vec!["alta".into()],
            ..ConsentSettings::default()
        };
        assert_eq!(
            both.cleaned(),
            Err(ConsentSettingsProblem::KeywordInBoth {
                keyword: "alta".into()
            })
        );
        let long = ConsentSettings {
            stop_keywords: vec!["x".repeat(MAX_KEYWORD_CHARS + 1)],
            ..ConsentSettings::default()
        };
        assert!(matches!(
            long.cleaned(),
            Err(ConsentSettingsProblem::KeywordTooLong { .. })
        ));
        let many = ConsentSettings {
            stop_keywords: (0..=MAX_KEYWORDS).map(|i| format!("w{i}")).collect(),
            ..ConsentSettings::default()
        };
        assert_eq!(many.cleaned(), Err(ConsentSettingsProblem::TooManyKeywords));
    }

    #[test]
    fn replies_by_language() {
        let mut s = ConsentSettings::default();
        s.stop_replies
            .insert("es".into(), "Listo, no más promociones.".into());
        s.start_replies.insert("en".into(), String::new());
        s.start_replies.insert("es".into(), " - ".into());
        assert_eq!(s.reply(OptedIn, "es"), Some(""), "a dash sends nothing");
        assert_eq!(s.reply(OptedOut, "es"), Some("Listo, no más promociones."));
        assert_eq!(s.reply(OptedOut, "en"), None, "built-in wording");
        assert_eq!(s.reply(OptedIn, "en"), Some(""), "the team sends nothing");
    }

    #[test]
    fn payloads() {
        assert_eq!(payload_intent(STOP_PAYLOAD), Some(OptedOut));
        assert_eq!(payload_intent(START_PAYLOAD), Some(OptedIn));
        assert_eq!(payload_intent("STOP"), None);
    }

    #[test]
    fn settings_read_from_storage() {
        assert_eq!(
            ConsentSettings::from_setting(None),
            ConsentSettings::default()
        );
        assert_eq!(
            ConsentSettings::from_setting(Some("{nonsense")),
            ConsentSettings::default()
        );
        let partial = ConsentSettings::from_setting(Some(r#"{"opt_in_one_to_one": true}"#));
        assert!(partial.explicit_opt_in(Reach::OneToOne));
        assert!(
            partial.explicit_opt_in(Reach::Campaign),
            "missing fields keep defaults"
        );
        assert_eq!(
            partial.stop_keywords,
            ConsentSettings::default().stop_keywords
        );
    }

    #[test]
    fn sources_round_trip() {
        for s in ConsentSource::ALL {
            assert_eq!(ConsentSource::parse(s.as_str()), Some(s));
        }
    }
}

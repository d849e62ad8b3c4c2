//! What an admin configures on the Bot screen, its defaults and its validation. The limits
//! are WhatsApp's (a menu is sent as reply buttons or a list, see `domain::outbound`), checked
//! when the configuration is saved so the bot never tries to send something Meta refuses.

use crate::domain::outbound::{
    BUTTON_TITLE_MAX, INTERACTIVE_BODY_MAX, LIST_BUTTON_MAX, ROW_DESCRIPTION_MAX, TEXT_MAX,
};
use crate::i18n::{CustomerTexts, Lang};
use serde::{Deserialize, Serialize};

/// Settings key of the JSON [`BotConfig`].
pub const BOT_SETTING: &str = "bot";
/// Settings key, `"true"` or `"false"`: whether new conversations start with the bot. Kept
/// apart from the configuration so the database can read it when it files a new conversation.
pub const BOT_ENABLED_SETTING: &str = "bot_enabled";

/// Options a menu may hold besides "Talk to a person", which every menu ends with: a list has
/// at most 10 rows.
pub const MENU_OPTIONS_MAX: usize = 9;
/// Menus inside menus, counting the first one.
pub const MENU_DEPTH_MAX: usize = 3;
pub const HANDOFF_WORDS_MAX: usize = 50;
pub const PHRASINGS_MAX: usize = 30;
pub const PHRASING_MAX: usize = 200;
pub const PRODUCT_NAME_MAX: usize = 120;
pub const PRODUCT_DESCRIPTION_MAX: usize = 600;
pub const PRICE_MAX: usize = 40;
pub const URL_MAX: usize = 2000;
pub const SKU_MAX: usize = 64;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BotConfig {
    /// The language of the bot's own phrases (weekday names in "we are back on Monday").
    pub language: Lang,
    /// Sent with the menu when a customer starts a conversation.
    pub greeting: String,
    /// The label of the list button when the menu has more than three entries.
    pub menu_button: String,
    pub menu: Vec<MenuOption>,
    /// The entry every menu ends with.
    pub human_option: String,
    /// Words that ask for a person ("agente", "human"…), matched like the FAQ is.
    pub handoff_words: Vec<String>,
    /// Misunderstood messages in a row before the bot hands off.
    pub misunderstanding_limit: u32,
    /// How sure (percent) the bot must be of an FAQ match to answer it.
    pub match_threshold: u32,
    /// Minutes of silence after the bot's answer before it resolves the conversation; 0 never.
    pub quiet_resolve_minutes: u32,
    pub texts: BotTexts,
    pub hours: BusinessHours,
    /// Customers who write in another of the desk's languages hear the bot's phrases in
    /// theirs (see [`BotConfig::speaking`]); off, everyone hears the business's language.
    pub customer_language: bool,
}

/// Everything else the bot says, in the business's words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BotTexts {
    /// When a message is not understood (the menu follows).
    pub fallback: String,
    /// Asks which of two close FAQ entries the customer meant.
    pub did_you_mean: String,
    /// Follows an answer, with the buttons below.
    pub anything_else: String,
    /// "Yes, thanks": the customer is done; the bot resolves the conversation.
    pub done_button: String,
    /// Back to the menu.
    pub menu_again_button: String,
    pub goodbye: String,
    /// Asked when the customer picks a catalog search in the menu.
    pub search_prompt: String,
    pub search_results: String,
    /// The list button of the search results.
    pub results_button: String,
    pub no_results: String,
    /// Said at handoff during business hours.
    pub handoff: String,
    /// Said at handoff outside business hours; `{when}` becomes the next opening.
    pub closed: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuOption {
    /// Stable id, sent as the button or row id (`opt:<id>`).
    pub id: String,
    /// At most 20 characters (a reply button's limit, which also fits a list row).
    pub title: String,
    /// Shown under the title when the menu is a list.
    #[serde(default)]
    pub description: Option<String>,
    pub action: MenuAction,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum MenuAction {
    /// Answers with this text.
    Answer { text: String },
    /// Shows another menu with this text above it.
    Submenu {
        text: String,
        options: Vec<MenuOption>,
    },
    /// Asks what the customer is looking for and searches the catalog.
    Catalog,
    /// Hands off to a person.
    Human,
}

/// When people are at the desk. Outside these hours the bot still hands off, but tells the
/// customer when the team is back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BusinessHours {
    /// `false`: the team is always there.
    pub enabled: bool,
    /// An IANA time zone, such as `America/Mexico_City`.
    pub timezone: String,
    /// Monday first.
    pub days: [DayHours; 7],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    pub open: bool,
    /// Minutes after midnight, local time.
    pub from_minute: u16,
    pub to_minute: u16,
}

impl Default for BusinessHours {
    fn default() -> Self {
        let weekday = DayHours {
            open: true,
            from_minute: 9 * 60,
            to_minute: 18 * 60,
        };
        let weekend = DayHours {
            open: false,
            ..weekday
        };
        BusinessHours {
            enabled: false,
            timezone: "America/Mexico_City".into(),
            days: [
                weekday, weekday, weekday, weekday, weekday, weekend, weekend,
            ],
        }
    }
}

impl Default for BotConfig {
    fn default() -> Self {
        BotConfig::for_language(Lang::Es)
    }
}

impl Default for BotTexts {
    fn default() -> Self {
        BotTexts::for_language(Lang::Es)
    }
}

impl BotConfig {
    /// A starting configuration with the bot's phrases in `lang` (from `customer.ftl`) and an
    /// empty menu.
    pub fn for_language(lang: Lang) -> BotConfig {
        let words = CustomerTexts::get(lang);
        BotConfig {
            language: lang,
            greeting: words.bot_greeting.into(),
            menu_button: words.bot_menu_button.into(),
            menu: Vec::new(),
            human_option: words.bot_human_option.into(),
            handoff_words: [
                "agente",
                "humano",
                "asesor",
                "persona",
                "operador",
                "atendente",
                "pessoa",
                "agent",
                "human",
                "person",
                "representative",
            ]
            .map(String::from)
            .to_vec(),
            misunderstanding_limit: 2,
            match_threshold: 55,
            quiet_resolve_minutes: 30,
            texts: BotTexts::for_language(lang),
            hours: BusinessHours::default(),
            customer_language: true,
        }
    }

    /// The configuration as the bot speaks to a customer who writes in `customer`: with
    /// [`BotConfig::customer_language`] on and another desk language, the greeting, menu
    /// button, "talk to a person" and every phrase are the desk's own wording in that language
    /// (`customer.ftl`); the menu, FAQ and catalog stay as the business wrote them. Otherwise
    /// the configuration as saved. Asked by the bot's engine at every turn.
    pub fn speaking(&self, customer: Option<Lang>) -> std::borrow::Cow<'_, BotConfig> {
        match customer {
            Some(lang) if self.customer_language && lang != self.language => {
                let words = CustomerTexts::get(lang);
                let mut spoken = self.clone();
                spoken.language = lang;
                spoken.greeting = words.bot_greeting.into();
                spoken.menu_button = words.bot_menu_button.into();
                spoken.human_option = words.bot_human_option.into();
                spoken.texts = BotTexts::for_language(lang);
                std::borrow::Cow::Owned(spoken)
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }
}

impl BotTexts {
    /// The desk's own wording of every phrase in `lang` (`customer.ftl`).
    pub fn for_language(lang: Lang) -> BotTexts {
        let words = CustomerTexts::get(lang);
        BotTexts {
            fallback: words.bot_fallback.into(),
            did_you_mean: words.bot_did_you_mean.into(),
            anything_else: words.bot_anything_else.into(),
            done_button: words.bot_done_button.into(),
            menu_again_button: words.bot_menu_again_button.into(),
            goodbye: words.bot_goodbye.into(),
            search_prompt: words.bot_search_prompt.into(),
            search_results: words.bot_search_results.into(),
            results_button: words.bot_results_button.into(),
            no_results: words.bot_no_results.into(),
            handoff: words.bot_handoff.into(),
            closed: words.bot_closed.into(),
        }
    }
}

/// Why the bot handed a conversation to people. Stored, and counted in reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoffReason {
    /// The customer wrote a handoff word ("agente", "human"…).
    Asked,
    /// The customer chose "Talk to a person" (or a menu option that hands off).
    Button,
    /// Too many messages in a row the bot did not understand.
    Misunderstood,
    /// Media or another kind of message the bot cannot handle.
    Media,
    /// The bot was switched off while the conversation was with it.
    BotDisabled,
    /// The message reached the desk after the customer's 24-hour window had closed: the bot
    /// may not answer it, a person can with a template.
    WindowClosed,
}

impl HandoffReason {
    pub const ALL: [HandoffReason; 6] = [
        HandoffReason::Asked,
        HandoffReason::Button,
        HandoffReason::Misunderstood,
        HandoffReason::Media,
        HandoffReason::BotDisabled,
        HandoffReason::WindowClosed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HandoffReason::Asked => "asked",
            HandoffReason::Button => "button",
            HandoffReason::Misunderstood => "misunderstood",
            HandoffReason::Media => "media",
            HandoffReason::BotDisabled => "bot_disabled",
            HandoffReason::WindowClosed => "window_closed",
        }
    }

    pub fn parse(s: &str) -> Option<HandoffReason> {
        HandoffReason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// One FAQ entry: several ways customers ask, one answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqEntry {
    pub id: i64,
    /// Short (a reply button's 20 characters): offered when the bot asks "did you mean".
    pub title: String,
    pub phrasings: Vec<String>,
    pub answer: String,
    pub updated_at_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqDraft {
    pub title: String,
    pub phrasings: Vec<String>,
    pub answer: String,
}

/// A product or service the bot can find.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: i64,
    /// The business's own code; a CSV import updates the product with the same SKU.
    pub sku: Option<String>,
    pub name: String,
    pub description: String,
    /// As the business writes it ("$59.990", "12 € / mes").
    pub price: Option<String>,
    pub link: Option<String>,
    /// A public https image, sent with the product's card.
    pub image_url: Option<String>,
    pub updated_at_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductDraft {
    pub sku: Option<String>,
    pub name: String,
    pub description: String,
    pub price: Option<String>,
    pub link: Option<String>,
    pub image_url: Option<String>,
}

/// Where a problem is, for the Bot screen to point at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "place")]
pub enum BotPlace {
    Greeting,
    MenuButton,
    HumanOption,
    /// A menu entry, named by the titles leading to it.
    MenuOption {
        path: Vec<String>,
        part: OptionPart,
    },
    /// The top menu, or the submenu reached through `path`.
    Menu {
        path: Vec<String>,
    },
    Text {
        key: TextKey,
    },
    HandoffWords,
    MisunderstandingLimit,
    MatchThreshold,
    QuietMinutes,
    Timezone,
    /// Monday is 0.
    Hours {
        day: u8,
    },
    FaqTitle,
    FaqPhrasings,
    FaqAnswer,
    ProductSku,
    ProductName,
    ProductDescription,
    ProductPrice,
    ProductLink,
    ProductImage,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionPart {
    Title,
    Description,
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextKey {
    Fallback,
    DidYouMean,
    AnythingElse,
    DoneButton,
    MenuAgainButton,
    Goodbye,
    SearchPrompt,
    SearchResults,
    ResultsButton,
    NoResults,
    Handoff,
    Closed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "issue")]
pub enum Issue {
    Empty,
    TooLong {
        max: usize,
    },
    TooMany {
        max: usize,
    },
    /// Two entries of one menu (or two buttons of one message) read the same.
    Duplicate {
        value: String,
    },
    OutOfRange {
        min: u32,
        max: u32,
    },
    UnknownTimezone,
    /// Closing time not after opening time.
    HoursReversed,
    /// Not an http(s) address.
    NotALink,
    /// `{when}` is missing from the closed-hours message.
    MissingWhen,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{place:?}: {issue:?}")]
pub struct BotProblem {
    pub place: BotPlace,
    pub issue: Issue,
}

fn problem(place: BotPlace, issue: Issue) -> BotProblem {
    BotProblem { place, issue }
}

fn required(place: BotPlace, value: &str, max: usize) -> Result<(), BotProblem> {
    if value.trim().is_empty() {
        return Err(problem(place, Issue::Empty));
    }
    within(place, value, max)
}

fn within(place: BotPlace, value: &str, max: usize) -> Result<(), BotProblem> {
    if value.chars().count() > max {
        Err(problem(place, Issue::TooLong { max }))
    } else {
        Ok(())
    }
}

fn range(place: BotPlace, value: u32, min: u32, max: u32) -> Result<(), BotProblem> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(problem(place, Issue::OutOfRange { min, max }))
    }
}

fn link(place: BotPlace, value: &Option<String>) -> Result<(), BotProblem> {
    let Some(v) = value.as_deref() else {
        return Ok(());
    };
    within(place.clone(), v, URL_MAX)?;
    let lower = v.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !v.contains(char::is_whitespace) => Ok(()),
        _ => Err(problem(place, Issue::NotALink)),
    }
}

/// The text the bot compares titles by: two entries differing only in case or spacing would
/// look the same to the customer.
fn title_key(title: &str) -> String {
    title.trim().to_lowercase()
}

impl BotConfig {
    /// Checks everything against WhatsApp's limits and the bot's own rules. `timezone_known`
    /// says whether a time zone name exists (the server passes `hours::known_timezone`).
    pub fn validate(&self, timezone_known: impl Fn(&str) -> bool) -> Result<(), BotProblem> {
        // The greeting is the body of the menu message: a button message's body when the
        // menu is short, the smaller of the two limits.
        required(BotPlace::Greeting, &self.greeting, INTERACTIVE_BODY_MAX)?;
        required(BotPlace::MenuButton, &self.menu_button, LIST_BUTTON_MAX)?;
        required(BotPlace::HumanOption, &self.human_option, BUTTON_TITLE_MAX)?;
        validate_menu(&self.menu, &mut Vec::new(), &self.human_option)?;
        if self.handoff_words.len() > HANDOFF_WORDS_MAX {
            return Err(problem(
                BotPlace::HandoffWords,
                Issue::TooMany {
                    max: HANDOFF_WORDS_MAX,
                },
            ));
        }
        for word in &self.handoff_words {
            required(BotPlace::HandoffWords, word, 60)?;
        }
        range(
            BotPlace::MisunderstandingLimit,
            self.misunderstanding_limit,
            1,
            10,
        )?;
        range(BotPlace::MatchThreshold, self.match_threshold, 20, 95)?;
        range(
            BotPlace::QuietMinutes,
            self.quiet_resolve_minutes,
            0,
            7 * 24 * 60,
        )?;
        self.texts.validate()?;
        if !timezone_known(self.hours.timezone.trim()) {
            return Err(problem(BotPlace::Timezone, Issue::UnknownTimezone));
        }
        for (day, hours) in self.hours.days.iter().enumerate() {
            let place = BotPlace::Hours { day: day as u8 };
            if hours.open && hours.to_minute <= hours.from_minute {
                return Err(problem(place, Issue::HoursReversed));
            }
            if hours.to_minute > 24 * 60 {
                return Err(problem(
                    place,
                    Issue::OutOfRange {
                        min: 0,
                        max: 24 * 60,
                    },
                ));
            }
        }
        Ok(())
    }

    /// The menu option with this id, anywhere in the menu.
    pub fn option(&self, id: &str) -> Option<&MenuOption> {
        fn find<'a>(options: &'a [MenuOption], id: &str) -> Option<&'a MenuOption> {
            options.iter().find_map(|o| {
                if o.id == id {
                    return Some(o);
                }
                match &o.action {
                    MenuAction::Submenu { options, .. } => find(options, id),
                    _ => None,
                }
            })
        }
        find(&self.menu, id)
    }
}

fn validate_menu(
    options: &[MenuOption],
    path: &mut Vec<String>,
    human_option: &str,
) -> Result<(), BotProblem> {
    let here = path.clone();
    let menu = || BotPlace::Menu { path: here.clone() };
    if path.len() >= MENU_DEPTH_MAX {
        return Err(problem(
            menu(),
            Issue::TooMany {
                max: MENU_DEPTH_MAX,
            },
        ));
    }
    if options.len() > MENU_OPTIONS_MAX {
        return Err(problem(
            menu(),
            Issue::TooMany {
                max: MENU_OPTIONS_MAX,
            },
        ));
    }
    let mut seen = vec![title_key(human_option)];
    for option in options {
        let at = |part| {
            let mut p = here.clone();
            p.push(option.title.clone());
            BotPlace::MenuOption { path: p, part }
        };
        required(at(OptionPart::Title), &option.title, BUTTON_TITLE_MAX)?;
        if seen.contains(&title_key(&option.title)) {
            return Err(problem(
                menu(),
                Issue::Duplicate {
                    value: option.title.clone(),
                },
            ));
        }
        seen.push(title_key(&option.title));
        if let Some(d) = &option.description {
            within(at(OptionPart::Description), d, ROW_DESCRIPTION_MAX)?;
        }
        match &option.action {
            MenuAction::Answer { text } => required(at(OptionPart::Text), text, TEXT_MAX)?,
            MenuAction::Submenu { text, options } => {
                required(at(OptionPart::Text), text, INTERACTIVE_BODY_MAX)?;
                path.push(option.title.clone());
                validate_menu(options, path, human_option)?;
                path.pop();
            }
            MenuAction::Catalog | MenuAction::Human => {}
        }
    }
    Ok(())
}

impl BotTexts {
    pub fn validate(&self) -> Result<(), BotProblem> {
        let text = |key| BotPlace::Text { key };
        required(text(TextKey::Fallback), &self.fallback, TEXT_MAX)?;
        required(
            text(TextKey::DidYouMean),
            &self.did_you_mean,
            INTERACTIVE_BODY_MAX,
        )?;
        required(
            text(TextKey::AnythingElse),
            &self.anything_else,
            INTERACTIVE_BODY_MAX,
        )?;
        required(
            text(TextKey::DoneButton),
            &self.done_button,
            BUTTON_TITLE_MAX,
        )?;
        required(
            text(TextKey::MenuAgainButton),
            &self.menu_again_button,
            BUTTON_TITLE_MAX,
        )?;
        if title_key(&self.done_button) == title_key(&self.menu_again_button) {
            return Err(problem(
                text(TextKey::MenuAgainButton),
                Issue::Duplicate {
                    value: self.menu_again_button.clone(),
                },
            ));
        }
        required(text(TextKey::Goodbye), &self.goodbye, TEXT_MAX)?;
        required(text(TextKey::SearchPrompt), &self.search_prompt, TEXT_MAX)?;
        required(
            text(TextKey::SearchResults),
            &self.search_results,
            INTERACTIVE_BODY_MAX,
        )?;
        required(
            text(TextKey::ResultsButton),
            &self.results_button,
            LIST_BUTTON_MAX,
        )?;
        required(text(TextKey::NoResults), &self.no_results, TEXT_MAX)?;
        required(text(TextKey::Handoff), &self.handoff, TEXT_MAX)?;
        required(text(TextKey::Closed), &self.closed, TEXT_MAX)?;
        if !self.closed.contains("{when}") {
            return Err(problem(text(TextKey::Closed), Issue::MissingWhen));
        }
        Ok(())
    }
}

impl FaqDraft {
    /// Trims, drops empty phrasings, and checks the limits.
    pub fn normalized(&self) -> Result<FaqDraft, BotProblem> {
        let title = self.title.trim().to_string();
        let answer = self.answer.trim().to_string();
        let phrasings: Vec<String> = self
            .phrasings
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        required(BotPlace::FaqTitle, &title, BUTTON_TITLE_MAX)?;
        if phrasings.is_empty() {
            return Err(problem(BotPlace::FaqPhrasings, Issue::Empty));
        }
        if phrasings.len() > PHRASINGS_MAX {
            return Err(problem(
                BotPlace::FaqPhrasings,
                Issue::TooMany { max: PHRASINGS_MAX },
            ));
        }
        for p in &phrasings {
            within(BotPlace::FaqPhrasings, p, PHRASING_MAX)?;
        }
        required(BotPlace::FaqAnswer, &answer, TEXT_MAX)?;
        Ok(FaqDraft {
            title,
            phrasings,
            answer,
        })
    }
}

impl ProductDraft {
    /// Trims, turns blanks into "none", and checks the limits.
    pub fn normalized(&self) -> Result<ProductDraft, BotProblem> {
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(String::from)
        };
        let draft = ProductDraft {
            sku: opt(&self.sku),
            name: self.name.trim().to_string(),
            description: self.description.trim().to_string(),
            price: opt(&self.price),
            link: opt(&self.link),
            image_url: opt(&self.image_url),
        };
        if let Some(sku) = &draft.sku {
            within(BotPlace::ProductSku, sku, SKU_MAX)?;
        }
        required(BotPlace::ProductName, &draft.name, PRODUCT_NAME_MAX)?;
        within(
            BotPlace::ProductDescription,
            &draft.description,
            PRODUCT_DESCRIPTION_MAX,
        )?;
        if let Some(price) = &draft.price {
            within(BotPlace::ProductPrice, price, PRICE_MAX)?;
        }
        link(BotPlace::ProductLink, &draft.link)?;
        link(BotPlace::ProductImage, &draft.image_url)?;
        Ok(draft)
    }
}

#[cfg(test)]
// Each test starts from the defaults and breaks one thing.
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;

    #[test]
    fn the_bot_speaks_the_customers_language() {
        use crate::domain::bot::engine::{respond, BotInput, BotState, Knowledge};
        let mut config = BotConfig::for_language(Lang::Es);
        config.greeting = "¡Hola desde la tienda!".into();
        let portuguese = config.speaking(Some(Lang::PtBr));
        assert!(
            portuguese.greeting.starts_with("Olá!"),
            "{}",
            portuguese.greeting
        );
        assert_eq!(portuguese.human_option, "Falar com uma pessoa");
        assert_eq!(portuguese.validate(|_| true), Ok(()));
        // The business's own language, an unknown one, or the switch off: as the admin wrote.
        assert_eq!(config.speaking(Some(Lang::Es)).greeting, config.greeting);
        assert_eq!(config.speaking(None).greeting, config.greeting);
        let mut fixed = config.clone();
        fixed.customer_language = false;
        assert_eq!(fixed.speaking(Some(Lang::PtBr)).greeting, config.greeting);

        // Through a whole turn: a Portuguese customer's first message gets the greeting and
        // the menu in Portuguese.
        let k = Knowledge {
            config: &config,
            faq: &[],
            products: &[],
        };
        let state = BotState {
            language: Some(Lang::PtBr),
            ..BotState::default()
        };
        let turn = respond(k, &state, &BotInput::Text("oi".into()), 0);
        let said = format!("{:?}", turn.replies);
        assert!(
            said.contains("Olá!") && said.contains("Falar com uma pessoa"),
            "{said}"
        );
        let turn = respond(k, &BotState::default(), &BotInput::Text("hola".into()), 0);
        assert!(format!("{:?}", turn.replies).contains("¡Hola desde la tienda!"));
    }

    fn option(id: &str, title: &str, action: MenuAction) -> MenuOption {
        MenuOption {
            id: id.into(),
            title: title.into(),
            description: None,
            action,
        }
    }

    #[test]
    fn defaults_are_valid_in_every_language() {
        for lang in Lang::ALL {
            assert_eq!(BotConfig::for_language(lang).validate(|_| true), Ok(()));
        }
    }

    #[test]
    fn menu_titles_fit_a_button_and_are_distinct() {
        let mut config = BotConfig::default();
        config.menu = vec![option(
            "a",
            "A title far too long for a button",
            MenuAction::Human,
        )];
        assert!(matches!(
            config.validate(|_| true),
            Err(BotProblem {
                issue: Issue::TooLong { max: 20 },
                ..
            })
        ));
        config.menu = vec![
            option("a", "Envíos", MenuAction::Catalog),
            option("b", "envíos ", MenuAction::Catalog),
        ];
        assert!(matches!(
            config.validate(|_| true),
            Err(BotProblem {
                issue: Issue::Duplicate { .. },
                ..
            })
        ));
        // The person option is always there; an entry may not repeat it.
        config.menu = vec![option("a", "Hablar con alguien", MenuAction::Human)];
        assert!(config.validate(|_| true).is_err());
    }

    #[test]
    fn at_most_nine_options_and_three_levels() {
        let mut config = BotConfig::default();
        config.menu = (0..10)
            .map(|i| option(&i.to_string(), &format!("Opción {i}"), MenuAction::Catalog))
            .collect();
        assert!(matches!(
            config.validate(|_| true),
            Err(BotProblem {
                issue: Issue::TooMany { max: 9 },
                ..
            })
        ));
        let deep = |inner: Vec<MenuOption>, id: &str| {
            option(
                id,
                id,
                MenuAction::Submenu {
                    text: "Elige".into(),
                    options: inner,
                },
            )
        };
        config.menu = vec![deep(
            vec![deep(vec![option("x", "x", MenuAction::Human)], "b")],
            "a",
        )];
        assert_eq!(config.validate(|_| true), Ok(()));
        config.menu = vec![deep(vec![deep(vec![deep(vec![], "c")], "b")], "a")];
        assert!(matches!(
            config.validate(|_| true),
            Err(BotProblem {
                place: BotPlace::Menu { .. },
                issue: Issue::TooMany { max: 3 }
            })
        ));
        assert_eq!(config.option("b").map(|o| o.title.as_str()), Some("b"));
    }

    #[test]
    fn hours_timezone_and_closed_text() {
        let mut config = BotConfig::default();
        assert_eq!(
            config.validate(|tz| tz == "Europe/Madrid"),
            Err(problem(BotPlace::Timezone, Issue::UnknownTimezone))
        );
        config.hours.days[2].to_minute = config.hours.days[2].from_minute;
        assert_eq!(
            config.validate(|_| true),
            Err(problem(BotPlace::Hours { day: 2 }, Issue::HoursReversed))
        );
        let mut config = BotConfig::default();
        config.texts.closed = "Volvemos pronto".into();
        assert_eq!(
            config.validate(|_| true),
            Err(problem(
                BotPlace::Text {
                    key: TextKey::Closed
                },
                Issue::MissingWhen
            ))
        );
    }

    #[test]
    fn drafts_are_trimmed_and_checked() {
        let faq = FaqDraft {
            title: " Horario ".into(),
            phrasings: vec!["".into(), " ¿a qué hora abren? ".into()],
            answer: " De 9 a 18 h ".into(),
        }
        .normalized()
        .unwrap();
        assert_eq!(faq.title, "Horario");
        assert_eq!(faq.phrasings, vec!["¿a qué hora abren?".to_string()]);
        let empty = FaqDraft {
            title: "x".into(),
            phrasings: vec![" ".into()],
            answer: "y".into(),
        };
        assert_eq!(
            empty.normalized(),
            Err(problem(BotPlace::FaqPhrasings, Issue::Empty))
        );
        let product = ProductDraft {
            name: "Zapatillas".into(),
            link: Some("ftp://x".into()),
            ..ProductDraft::default()
        };
        assert_eq!(
            product.normalized(),
            Err(problem(BotPlace::ProductLink, Issue::NotALink))
        );
        let product = ProductDraft {
            name: "Zapatillas".into(),
            sku: Some("  ".into()),
            image_url: Some("https://cdn.example.com/z.png".into()),
            ..ProductDraft::default()
        }
        .normalized()
        .unwrap();
        assert_eq!(product.sku, None);
    }
}

//! The bot's side of a conversation: given what it knows, where the conversation stands and
//! what the customer just sent, what it answers and whether it hands off or is done.

use super::config::HandoffReason;
use serde::{Deserialize, Serialize};

/// Where a conversation with the bot stands; stored with the conversation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BotState {
    /// The greeting and menu went out.
    pub greeted: bool,
    /// Messages in a row the bot did not understand.
    pub misunderstandings: u32,
    /// The customer chose a catalog search: the next text is what they look for.
    pub awaiting_search: bool,
    /// The desk language the customer writes in, when known (from their contact): the bot's
    /// phrases follow it ([`crate::domain::bot::BotConfig::speaking`]).
    #[serde(default)]
    pub language: Option<crate::i18n::Lang>,
}

/// How a turn ends the bot's part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "end")]
pub enum TurnEnd {
    /// People take it from here.
    HandOff { reason: HandoffReason },
    /// The customer said they were done.
    Resolved,
}

use super::config::{BotConfig, FaqEntry, MenuAction, MenuOption, Product};
use super::hours::{self, Openness};
use super::matching::{self, FaqDecision, FaqIndex, Scored};
use crate::domain::message::MessageBody;
use crate::domain::outbound::{
    ListRow, ListSection, Outbound, ReplyButton, BUTTONS_MAX, BUTTON_TITLE_MAX, CAPTION_MAX,
    INTERACTIVE_BODY_MAX, LIST_BODY_MAX, LIST_BUTTON_MAX, LIST_ROWS_MAX, ROW_DESCRIPTION_MAX,
    ROW_TITLE_MAX, TEXT_MAX,
};

/// What the bot knows: its configuration, FAQ and catalog.
#[derive(Clone, Copy, Debug)]
pub struct Knowledge<'a> {
    pub config: &'a BotConfig,
    pub faq: &'a [FaqEntry],
    pub products: &'a [Product],
}

/// What the customer sent, as far as the bot cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BotInput {
    Text(String),
    /// A tap on one of the bot's buttons or list rows (the id the bot gave it).
    Choice {
        id: String,
        title: String,
    },
    /// Media, a location, a contact card… something the bot cannot answer.
    Unhandled,
    /// Reactions and system notices: no answer.
    Ignored,
}

impl BotInput {
    /// What a customer's message means to the bot.
    pub fn from_body(body: &MessageBody) -> BotInput {
        match body {
            MessageBody::Text { body } => BotInput::Text(body.clone()),
            MessageBody::InteractiveReply { id, title, .. } => BotInput::Choice {
                id: id.clone(),
                title: title.clone(),
            },
            // A template's quick-reply button reads like what it says.
            MessageBody::TemplateButton { text, .. } => BotInput::Text(text.clone()),
            MessageBody::Media(_)
            | MessageBody::Location(_)
            | MessageBody::Contacts { .. }
            | MessageBody::Order { .. }
            | MessageBody::Unsupported { .. } => BotInput::Unhandled,
            MessageBody::Reaction { .. }
            | MessageBody::System { .. }
            | MessageBody::Outbound { .. }
            | MessageBody::Note { .. }
            | MessageBody::Removed { .. }
            | MessageBody::Activity { .. } => BotInput::Ignored,
        }
    }
}

/// Why the bot answered what it did (the Bot screen's test console shows it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum Why {
    Greeting,
    Menu,
    /// An FAQ entry matched.
    Faq {
        entry: Scored,
    },
    /// Two or three entries were close: the customer is asked.
    DidYouMean {
        candidates: Vec<Scored>,
    },
    /// A menu option was chosen.
    Option {
        id: String,
    },
    SearchPrompt,
    Catalog {
        results: Vec<Scored>,
    },
    NoResults,
    /// A product's card was asked for.
    Product {
        id: i64,
    },
    HandoffWord,
    HandoffChoice,
    Misunderstood {
        count: u32,
    },
    Media,
    Done,
    Ignored,
}

/// One turn: the replies (in order), the new state, and whether the bot's part ends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    pub replies: Vec<Outbound>,
    pub state: BotState,
    pub end: Option<TurnEnd>,
    pub why: Why,
}

/// What the test console shows for a phrase: the turn a greeted conversation would get, and
/// the best FAQ entries and products with their scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub turn: Turn,
    pub faq: Vec<Scored>,
    pub products: Vec<Scored>,
    pub handoff_word: bool,
}

// The ids the bot gives its buttons and list rows; a tap comes back with one of them.
const MENU: &str = "menu";
const HUMAN: &str = "human";
const DONE: &str = "done";
const OPTION: &str = "opt:";
const FAQ: &str = "faq:";
const PRODUCT: &str = "prod:";

/// The bot's answer to `input` in a conversation at `state`.
pub fn respond(k: Knowledge<'_>, state: &BotState, input: &BotInput, now_ms: i64) -> Turn {
    let spoken = k.config.speaking(state.language);
    let k = Knowledge {
        config: &spoken,
        ..k
    };
    let mut next = state.clone();
    match input {
        BotInput::Ignored => Turn {
            replies: Vec::new(),
            state: next,
            end: None,
            why: Why::Ignored,
        },
        BotInput::Unhandled => hand_off(k, next, HandoffReason::Media, Why::Media, now_ms),
        BotInput::Choice { id, .. } => {
            next.greeted = true;
            next.misunderstandings = 0;
            next.awaiting_search = false;
            choose(k, next, id, now_ms)
        }
        BotInput::Text(text) => understand(k, next, text, now_ms),
    }
}

/// A tap on one of the bot's buttons or rows.
fn choose(k: Knowledge<'_>, mut state: BotState, id: &str, now_ms: i64) -> Turn {
    if id == HUMAN {
        return hand_off(k, state, HandoffReason::Button, Why::HandoffChoice, now_ms);
    }
    if id == DONE {
        return Turn {
            replies: vec![text(&k.config.texts.goodbye)],
            state,
            end: Some(TurnEnd::Resolved),
            why: Why::Done,
        };
    }
    if let Some(option) = id.strip_prefix(OPTION).and_then(|o| k.config.option(o)) {
        let why = Why::Option {
            id: option.id.clone(),
        };
        return match &option.action {
            MenuAction::Answer { text } => reply(state, answer(k.config, text), why),
            MenuAction::Submenu { text, options } => {
                reply(state, vec![menu_message(k.config, text, options)], why)
            }
            MenuAction::Catalog => {
                state.awaiting_search = true;
                reply(
                    state,
                    vec![text_message(&k.config.texts.search_prompt)],
                    Why::SearchPrompt,
                )
            }
            MenuAction::Human => {
                hand_off(k, state, HandoffReason::Button, Why::HandoffChoice, now_ms)
            }
        };
    }
    if let Some(entry) = numbered(id, FAQ).and_then(|n| k.faq.iter().find(|e| e.id == n)) {
        let why = Why::Faq {
            entry: Scored {
                id: entry.id,
                score: 1.0,
            },
        };
        return reply(state, answer(k.config, &entry.answer), why);
    }
    if let Some(product) = numbered(id, PRODUCT).and_then(|n| k.products.iter().find(|p| p.id == n))
    {
        let mut replies = vec![card(product)];
        replies.push(follow_up(k.config, &k.config.texts.anything_else));
        return reply(state, replies, Why::Product { id: product.id });
    }
    // "menu", or a button from an older menu that no longer exists.
    menu(k, state)
}

fn numbered(id: &str, prefix: &str) -> Option<i64> {
    id.strip_prefix(prefix)?.parse().ok()
}

/// Free text.
fn understand(k: Knowledge<'_>, mut state: BotState, message: &str, now_ms: i64) -> Turn {
    let config = k.config;
    if matching::asks_for_human(message, &config.handoff_words) {
        return hand_off(k, state, HandoffReason::Asked, Why::HandoffWord, now_ms);
    }
    if matching::asks_for_menu(message) {
        state.awaiting_search = false;
        state.misunderstandings = 0;
        return menu(k, state);
    }
    let first = !state.greeted;
    state.greeted = true;
    if state.awaiting_search {
        let results = matching::search_catalog(k.products, message, LIST_ROWS_MAX);
        if !results.is_empty() {
            state.awaiting_search = false;
            state.misunderstandings = 0;
            return reply(
                state,
                vec![results_message(k, &results)],
                Why::Catalog { results },
            );
        }
    }
    let index = FaqIndex::new(k.faq);
    match index.decide(message, threshold(config)) {
        FaqDecision::Answer(entry) => {
            if let Some(found) = k.faq.iter().find(|e| e.id == entry.id) {
                state.awaiting_search = false;
                state.misunderstandings = 0;
                return reply(state, answer(config, &found.answer), Why::Faq { entry });
            }
        }
        FaqDecision::Ambiguous(candidates) => {
            state.misunderstandings = 0;
            let asked = did_you_mean(k, &candidates);
            return reply(state, vec![asked], Why::DidYouMean { candidates });
        }
        FaqDecision::NoMatch(_) => {}
    }
    let results = matching::search_catalog(k.products, message, LIST_ROWS_MAX);
    if !results.is_empty() {
        state.awaiting_search = false;
        state.misunderstandings = 0;
        return reply(
            state,
            vec![results_message(k, &results)],
            Why::Catalog { results },
        );
    }
    if state.awaiting_search {
        // Still searching: say so rather than counting it as not understood.
        return reply(
            state,
            vec![text_message(&config.texts.no_results)],
            Why::NoResults,
        );
    }
    if first {
        // "Hola": the greeting and the menu, not a misunderstanding.
        return reply(
            state,
            vec![menu_message(config, &config.greeting, &config.menu)],
            Why::Greeting,
        );
    }
    state.misunderstandings += 1;
    if state.misunderstandings >= config.misunderstanding_limit.max(1) {
        let count = state.misunderstandings;
        return hand_off(
            k,
            state,
            HandoffReason::Misunderstood,
            Why::Misunderstood { count },
            now_ms,
        );
    }
    let count = state.misunderstandings;
    reply(
        state,
        vec![menu_message(config, &config.texts.fallback, &config.menu)],
        Why::Misunderstood { count },
    )
}

fn threshold(config: &BotConfig) -> f32 {
    config.match_threshold.clamp(1, 100) as f32 / 100.0
}

fn reply(state: BotState, replies: Vec<Outbound>, why: Why) -> Turn {
    Turn {
        replies,
        state,
        end: None,
        why,
    }
}

fn menu(k: Knowledge<'_>, mut state: BotState) -> Turn {
    state.greeted = true;
    reply(state, vec![menu_preview(k.config)], Why::Menu)
}

/// The handoff: the customer hears that a person takes over, or when the team is back.
fn hand_off(
    k: Knowledge<'_>,
    mut state: BotState,
    reason: HandoffReason,
    why: Why,
    now_ms: i64,
) -> Turn {
    let texts = &k.config.texts;
    let said = match hours::openness(&k.config.hours, now_ms) {
        Openness::Open => texts.handoff.clone(),
        Openness::Closed { reopens_at_ms } => {
            let when = match reopens_at_ms {
                Some(at) => {
                    hours::describe_reopening(&k.config.hours, at, now_ms, k.config.language)
                }
                None => crate::i18n::CustomerTexts::get(k.config.language)
                    .reopen_unknown
                    .into(),
            };
            texts.closed.replace("{when}", &when)
        }
    };
    state.awaiting_search = false;
    Turn {
        replies: vec![text_message(&said)],
        state,
        end: Some(TurnEnd::HandOff { reason }),
        why,
    }
}

fn text(body: &str) -> Outbound {
    text_message(body)
}

fn text_message(body: &str) -> Outbound {
    Outbound::Text {
        body: clip(body, TEXT_MAX),
        preview_url: false,
    }
}

/// An answer, with the buttons that follow every answer. Short answers carry the buttons
/// themselves (one message); long ones are followed by "anything else?".
fn answer(config: &BotConfig, body: &str) -> Vec<Outbound> {
    if body.chars().count() <= INTERACTIVE_BODY_MAX {
        vec![follow_up(config, body)]
    } else {
        vec![
            text_message(body),
            follow_up(config, &config.texts.anything_else),
        ]
    }
}

/// "Done" / "Menu" / "Talk to a person" under `body`.
fn follow_up(config: &BotConfig, body: &str) -> Outbound {
    let t = &config.texts;
    buttons(
        body,
        [
            (DONE.to_string(), t.done_button.clone()),
            (MENU.to_string(), t.menu_again_button.clone()),
            (HUMAN.to_string(), config.human_option.clone()),
        ]
        .into_iter(),
    )
}

fn did_you_mean(k: Knowledge<'_>, candidates: &[Scored]) -> Outbound {
    let offered = candidates
        .iter()
        .filter_map(|c| k.faq.iter().find(|e| e.id == c.id))
        .take(BUTTONS_MAX - 1)
        .map(|e| (format!("{FAQ}{}", e.id), e.title.clone()));
    let human = std::iter::once((HUMAN.to_string(), k.config.human_option.clone()));
    buttons(&k.config.texts.did_you_mean, offered.chain(human))
}

/// Reply buttons, leaving out titles that would repeat (WhatsApp refuses duplicates).
fn buttons(body: &str, entries: impl Iterator<Item = (String, String)>) -> Outbound {
    let mut seen: Vec<String> = Vec::new();
    let buttons = entries
        .filter(|(_, title)| {
            let key = title.trim().to_lowercase();
            let fresh = !seen.contains(&key);
            seen.push(key);
            fresh
        })
        .take(BUTTONS_MAX)
        .map(|(id, title)| ReplyButton {
            id,
            title: clip(&title, BUTTON_TITLE_MAX),
        })
        .collect();
    Outbound::Buttons {
        header: None,
        body: clip(body, INTERACTIVE_BODY_MAX),
        footer: None,
        buttons,
    }
}

/// The greeting and the top menu exactly as the bot sends them (the Bot screen's preview).
/// Kept apart from [`respond`] so the browser needs none of the language work.
pub fn menu_preview(config: &BotConfig) -> Outbound {
    menu_message(config, &config.greeting, &config.menu)
}

/// A menu: its options and "talk to a person", as buttons when they fit, else a list.
fn menu_message(config: &BotConfig, body: &str, options: &[MenuOption]) -> Outbound {
    let entries: Vec<(String, String, Option<String>)> = options
        .iter()
        .take(LIST_ROWS_MAX - 1)
        .map(|o| {
            (
                format!("{OPTION}{}", o.id),
                o.title.clone(),
                o.description.clone(),
            )
        })
        .chain(std::iter::once((
            HUMAN.to_string(),
            config.human_option.clone(),
            None,
        )))
        .collect();
    if entries.len() <= BUTTONS_MAX {
        return buttons(body, entries.into_iter().map(|(id, title, _)| (id, title)));
    }
    let rows = entries
        .into_iter()
        .map(|(id, title, description)| ListRow {
            id,
            title: clip(&title, ROW_TITLE_MAX),
            description: description.map(|d| clip(&d, ROW_DESCRIPTION_MAX)),
        })
        .collect();
    Outbound::List {
        header: None,
        body: clip(body, LIST_BODY_MAX),
        footer: None,
        button: clip(&config.menu_button, LIST_BUTTON_MAX),
        sections: vec![ListSection { title: None, rows }],
    }
}

fn results_message(k: Knowledge<'_>, results: &[Scored]) -> Outbound {
    let rows = results
        .iter()
        .filter_map(|r| k.products.iter().find(|p| p.id == r.id))
        .take(LIST_ROWS_MAX)
        .map(|p| {
            let about = match (&p.price, p.description.trim()) {
                (Some(price), "") => price.clone(),
                (Some(price), d) => format!("{price} · {d}"),
                (None, d) => d.to_string(),
            };
            ListRow {
                id: format!("{PRODUCT}{}", p.id),
                title: clip(&p.name, ROW_TITLE_MAX),
                description: Some(about)
                    .filter(|a| !a.is_empty())
                    .map(|a| clip(&a, ROW_DESCRIPTION_MAX)),
            }
        })
        .collect();
    Outbound::List {
        header: None,
        body: clip(&k.config.texts.search_results, LIST_BODY_MAX),
        footer: None,
        button: clip(&k.config.texts.results_button, LIST_BUTTON_MAX),
        sections: vec![ListSection { title: None, rows }],
    }
}

/// A product's card: its picture with the details as caption, or the details with the link
/// previewed.
fn card(product: &Product) -> Outbound {
    let mut lines = vec![format!("*{}*", product.name.trim())];
    if let Some(price) = &product.price {
        lines.push(price.clone());
    }
    if !product.description.trim().is_empty() {
        lines.push(product.description.trim().to_string());
    }
    if let Some(link) = &product.link {
        lines.push(link.clone());
    }
    let details = lines.join("\n");
    match &product.image_url {
        Some(image) => Outbound::ImageLink {
            link: image.clone(),
            caption: Some(clip(&details, CAPTION_MAX)),
        },
        None => Outbound::Text {
            body: clip(&details, TEXT_MAX),
            preview_url: product.link.is_some(),
        },
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// What the bot would answer `text` in a conversation it has already greeted.
pub fn explain(k: Knowledge<'_>, text: &str, now_ms: i64) -> Explanation {
    let state = BotState {
        greeted: true,
        ..BotState::default()
    };
    let mut faq = FaqIndex::new(k.faq).scores(text);
    faq.truncate(5);
    Explanation {
        turn: respond(k, &state, &BotInput::Text(text.to_string()), now_ms),
        faq,
        products: matching::search_catalog(k.products, text, 5),
        handoff_word: matching::asks_for_human(text, &k.config.handoff_words),
    }
}

//! The built-in bot: what the business configures ([`config`]), how it understands free text
//! ([`matching`]), business hours ([`hours`]), the catalog import ([`catalog_csv`]) and the
//! conversation itself ([`engine`]). All pure: the server loads what they need and passes `now`.

pub mod catalog_csv;
pub mod config;
pub mod engine;
pub mod hours;
pub mod matching;

pub use config::{
    BotConfig, BotPlace, BotProblem, BotTexts, BusinessHours, DayHours, FaqDraft, FaqEntry,
    HandoffReason, MenuAction, MenuOption, Product, ProductDraft, BOT_ENABLED_SETTING, BOT_SETTING,
};

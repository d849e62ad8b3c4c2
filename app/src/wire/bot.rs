//! What the Bot screen (admins) receives and sends.

use crate::domain::bot::catalog_csv::{CsvProblem, RejectedRow};
use crate::domain::bot::{BotConfig, FaqEntry, HandoffReason, Product};
use serde::{Deserialize, Serialize};

/// Largest CSV text the catalog import takes (about ten thousand products). Kept well under
/// the server's request size so that an oversized file gets this explanation, not a refusal.
pub const CATALOG_CSV_MAX_BYTES: usize = 1_000_000;

/// Everything the Bot screen shows when it opens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BotScreen {
    /// Whether new conversations start with the bot.
    pub enabled: bool,
    pub config: BotConfig,
    pub faq: Vec<FaqEntry>,
    pub products: Vec<Product>,
    pub report: BotReportView,
}

/// What the bot did over the last days (conversations that started with it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotReportView {
    pub since_ms: i64,
    pub until_ms: i64,
    pub handled: u64,
    pub with_bot: u64,
    pub resolved_confirmed: u64,
    pub resolved_quiet: u64,
    /// Every reason, zeros included.
    pub handed_off: Vec<(HandoffReason, u64)>,
    pub taken_over: u64,
    pub mean_time_to_handoff_ms: Option<i64>,
}

/// The answer to "Save": what is now stored, and how many conversations the bot gave to
/// the team because it was switched off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BotSaved {
    pub enabled: bool,
    pub config: BotConfig,
    pub handed_off: usize,
}

/// Why a CSV file was not read at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ImportFileProblem {
    TooLarge { max_bytes: usize },
    Csv { problem: CsvProblem },
}

/// The outcome of a catalog import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogImport {
    /// Set when the file could not be read: nothing was imported.
    pub file_problem: Option<ImportFileProblem>,
    pub created: u64,
    pub updated: u64,
    pub rejected: Vec<RejectedRow>,
}

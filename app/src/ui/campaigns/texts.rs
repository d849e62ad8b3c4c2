//! Campaign words that depend on values (problems, reasons, states).

use crate::domain::campaigns::CampaignProblem;
use crate::i18n::Lang;

pub fn problem(lang: Lang, p: &CampaignProblem) -> String {
    let _ = lang;
    format!("{p:?}")
}

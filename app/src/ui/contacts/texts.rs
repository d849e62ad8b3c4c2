//! The contacts screens' words (`app/locales/*/contacts.ftl`), and the words for values.

use crate::domain::contacts::attributes::{
    AttributeKind, AttributeRefusal, DefinitionProblem, ValueProblem, DEFINITIONS_MAX,
    PER_CONTACT_MAX,
};
use crate::domain::contacts::directory::{BlockedFilter, ContactSort};
use crate::domain::contacts::protection::ProtectionProblem;
use crate::domain::contacts::MarketingConsent;
use crate::i18n::Lang;

pub type ScreenTexts = crate::i18n::ContactsTexts;

pub fn texts(lang: Lang) -> &'static ScreenTexts {
    ScreenTexts::get(lang)
}

fn nth<T: PartialEq + Copy>(all: &[T], x: T) -> usize {
    all.iter().position(|y| *y == x).unwrap_or(0)
}

pub fn sort(lang: Lang, s: ContactSort) -> &'static str {
    texts(lang).sorts[nth(&ContactSort::ALL, s)]
}

pub const BLOCKED_FILTERS: [BlockedFilter; 3] = [
    BlockedFilter::Any,
    BlockedFilter::Only,
    BlockedFilter::Hidden,
];

pub fn blocked_filter(lang: Lang, b: BlockedFilter) -> &'static str {
    texts(lang).blocked_filters[nth(&BLOCKED_FILTERS, b)]
}

pub const CONSENTS: [MarketingConsent; 3] = [
    MarketingConsent::Unknown,
    MarketingConsent::OptedIn,
    MarketingConsent::OptedOut,
];

pub fn consent(lang: Lang, c: MarketingConsent) -> &'static str {
    texts(lang).consents[nth(&CONSENTS, c)]
}

pub fn kind(lang: Lang, k: AttributeKind) -> &'static str {
    texts(lang).kinds[nth(&AttributeKind::ALL, k)]
}

pub fn kind_key(k: AttributeKind) -> &'static str {
    match k {
        AttributeKind::Text => "text",
        AttributeKind::Number => "number",
        AttributeKind::Date => "date",
        AttributeKind::YesNo => "yes_no",
        AttributeKind::Choice => "choice",
    }
}

const VALUE_PROBLEMS: [ValueProblem; 7] = [
    ValueProblem::NotANumber,
    ValueProblem::NotADate,
    ValueProblem::NotYesNo,
    ValueProblem::NotAnOption,
    ValueProblem::TooLong,
    ValueProblem::BadKey,
    ValueProblem::TooMany,
];

pub fn attribute_refusal(lang: Lang, r: &AttributeRefusal) -> String {
    let tx = texts(lang);
    if r.problem == ValueProblem::TooMany {
        return tx.too_many_attributes(PER_CONTACT_MAX as i64);
    }
    tx.attribute_refused(&r.key, tx.value_problems[nth(&VALUE_PROBLEMS, r.problem)])
}

pub fn definition_problem(lang: Lang, p: &DefinitionProblem) -> String {
    let tx = texts(lang);
    let row = |index: &usize| (*index + 1) as i64;
    match p {
        DefinitionProblem::Key { index } => tx.definition_key(row(index)),
        DefinitionProblem::DuplicateKey { index } => tx.definition_duplicate(row(index)),
        DefinitionProblem::Label { index } => tx.definition_label(row(index)),
        DefinitionProblem::Options { index } => tx.definition_options(row(index)),
        DefinitionProblem::TooMany => tx.definition_too_many(DEFINITIONS_MAX as i64),
    }
}

pub fn protection_problem(lang: Lang, p: ProtectionProblem) -> String {
    match p {
        ProtectionProblem::RetentionDays => texts(lang).retention_range.to_string(),
    }
}

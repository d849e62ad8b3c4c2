//! What is wrong with a bot setting, FAQ entry, product or CSV row, in words that point at the
//! place to fix: "Menu › Envíos: the title is longer than 20 characters" (`bot-problems.ftl`).

use crate::domain::bot::catalog_csv::{CsvProblem, RowProblem};
use crate::domain::bot::config::{Issue, OptionPart, TextKey, MENU_DEPTH_MAX};
use crate::domain::bot::{BotPlace, BotProblem, HandoffReason};
use crate::i18n::{BotProblemsTexts, Lang};
use crate::wire::bot::ImportFileProblem;

fn words(lang: Lang) -> &'static BotProblemsTexts {
    BotProblemsTexts::get(lang)
}

pub fn problem(lang: Lang, problem: &BotProblem) -> String {
    let w = words(lang);
    let (place, subject) = place(lang, &problem.place);
    let menu_depth =
        matches!(&problem.place, BotPlace::Menu { path } if path.len() >= MENU_DEPTH_MAX);
    let text = match (&problem.issue, subject) {
        (Issue::Empty, Some(s)) => w.issue_empty_part(s),
        (Issue::Empty, None) => w.issue_empty.into(),
        (Issue::TooLong { max }, Some(s)) => w.issue_too_long_part(s, max),
        (Issue::TooLong { max }, None) => w.issue_too_long(max),
        (Issue::TooMany { max }, _) if menu_depth => w.issue_menu_too_deep(max),
        (Issue::TooMany { max }, _) if matches!(problem.place, BotPlace::Menu { .. }) => {
            w.issue_menu_too_many(max)
        }
        (Issue::TooMany { max }, _) => w.issue_too_many(max),
        (Issue::Duplicate { value }, _) => w.issue_duplicate(value),
        (Issue::OutOfRange { min, max }, _) => w.issue_out_of_range(min, max),
        (Issue::UnknownTimezone, _) => w.issue_unknown_timezone.into(),
        (Issue::HoursReversed, _) => w.issue_hours_reversed.into(),
        (Issue::NotALink, _) => w.issue_not_a_link.into(),
        (Issue::MissingWhen, _) => w.issue_missing_when.into(),
    };
    w.problem_at(place, text)
}

/// Where the problem is, and for a menu option which of its parts ("the title").
fn place(lang: Lang, place: &BotPlace) -> (String, Option<&'static str>) {
    let w = words(lang);
    let menu = |path: &[String]| {
        let mut out = w.place_menu.to_string();
        for title in path {
            out.push_str(" › ");
            if title.trim().is_empty() {
                out.push_str(w.place_no_title);
            } else {
                out.push_str(title.trim());
            }
        }
        out
    };
    let under = |tab: &str, what: &str| format!("{tab} › {what}");
    let at = match place {
        BotPlace::Greeting => under(w.place_general, w.place_greeting),
        BotPlace::MenuButton => under(w.place_general, w.place_menu_button),
        BotPlace::HumanOption => under(w.place_general, w.place_human_option),
        BotPlace::HandoffWords => under(w.place_general, w.place_handoff_words),
        BotPlace::MisunderstandingLimit => under(w.place_general, w.place_misunderstandings),
        BotPlace::MatchThreshold => under(w.place_general, w.place_match_threshold),
        BotPlace::QuietMinutes => under(w.place_general, w.place_quiet_minutes),
        BotPlace::Text { key } => under(w.place_general, text_key(lang, *key).0),
        BotPlace::MenuOption { path, part } => {
            let subject = match part {
                OptionPart::Title => w.part_title,
                OptionPart::Description => w.part_description,
                OptionPart::Text => w.part_text,
            };
            return (menu(path), Some(subject));
        }
        BotPlace::Menu { path } => menu(path),
        BotPlace::Timezone => under(w.place_hours, w.place_time_zone),
        BotPlace::Hours { day } => {
            let days = super::texts::texts(lang).weekdays;
            let name = days.get(usize::from(*day)).copied().unwrap_or("?");
            under(w.place_hours, name)
        }
        BotPlace::FaqTitle => under(w.place_faq, w.place_faq_title),
        BotPlace::FaqPhrasings => under(w.place_faq, w.place_faq_phrasings),
        BotPlace::FaqAnswer => under(w.place_faq, w.place_faq_answer),
        BotPlace::ProductSku => under(w.place_catalog, w.place_product_sku),
        BotPlace::ProductName => under(w.place_catalog, w.place_product_name),
        BotPlace::ProductDescription => under(w.place_catalog, w.place_product_description),
        BotPlace::ProductPrice => under(w.place_catalog, w.place_product_price),
        BotPlace::ProductLink => under(w.place_catalog, w.place_product_link),
        BotPlace::ProductImage => under(w.place_catalog, w.place_product_image),
    };
    (at, None)
}

/// A phrase's name on the General tab, and when the bot says it.
pub fn text_key(lang: Lang, key: TextKey) -> (&'static str, &'static str) {
    let w = words(lang);
    match key {
        TextKey::Fallback => (w.text_fallback, w.text_fallback_when),
        TextKey::DidYouMean => (w.text_did_you_mean, w.text_did_you_mean_when),
        TextKey::AnythingElse => (w.text_anything_else, w.text_anything_else_when),
        TextKey::DoneButton => (w.text_done_button, w.text_done_button_when),
        TextKey::MenuAgainButton => (w.text_menu_again_button, w.text_menu_again_button_when),
        TextKey::Goodbye => (w.text_goodbye, w.text_goodbye_when),
        TextKey::SearchPrompt => (w.text_search_prompt, w.text_search_prompt_when),
        TextKey::SearchResults => (w.text_search_results, w.text_search_results_when),
        TextKey::ResultsButton => (w.text_results_button, w.text_results_button_when),
        TextKey::NoResults => (w.text_no_results, w.text_no_results_when),
        TextKey::Handoff => (w.text_handoff, w.text_handoff_when),
        TextKey::Closed => (w.text_closed, w.text_closed_when),
    }
}

/// Why the bot handed a conversation to the team.
pub fn reason_words(lang: Lang, reason: HandoffReason) -> &'static str {
    let w = words(lang);
    match reason {
        HandoffReason::Asked => w.reason_asked,
        HandoffReason::Button => w.reason_button,
        HandoffReason::Misunderstood => w.reason_misunderstood,
        HandoffReason::Media => w.reason_media,
        HandoffReason::BotDisabled => w.reason_bot_disabled,
        HandoffReason::WindowClosed => w.reason_window_closed,
    }
}

/// Why a CSV file was not read at all.
pub fn csv_problem(lang: Lang, problem: &ImportFileProblem) -> String {
    let w = words(lang);
    match problem {
        ImportFileProblem::TooLarge { max_bytes } => w.csv_too_large(max_bytes / 1_000_000),
        ImportFileProblem::Csv { problem } => match problem {
            CsvProblem::Empty => w.csv_empty.into(),
            CsvProblem::NoNameColumn => w.csv_no_name_column.into(),
            CsvProblem::TooManyRows { max } => w.csv_too_many_rows(max),
        },
    }
}

/// Why one row of a CSV file was left out.
pub fn row_problem(lang: Lang, problem: &RowProblem) -> String {
    let w = words(lang);
    match problem {
        RowProblem::Invalid { problem } => self::problem(lang, problem),
        RowProblem::Unreadable { detail } => w.row_unreadable(detail),
        RowProblem::RepeatedSku { sku, first_line } => w.row_repeated_sku(sku, first_line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_point_at_the_place_in_both_languages() {
        let long_title = BotProblem {
            place: BotPlace::MenuOption {
                path: vec!["Envíos".into()],
                part: OptionPart::Title,
            },
            issue: Issue::TooLong { max: 20 },
        };
        assert_eq!(
            problem(Lang::En, &long_title),
            "Menu › Envíos: the title is longer than 20 characters"
        );
        assert_eq!(
            problem(Lang::Es, &long_title),
            "Menú › Envíos: el título tiene más de 20 caracteres"
        );
        let zone = BotProblem {
            place: BotPlace::Timezone,
            issue: Issue::UnknownTimezone,
        };
        assert!(problem(Lang::En, &zone).starts_with("Hours › Time zone: unknown time zone"));
        let closed = BotProblem {
            place: BotPlace::Text {
                key: TextKey::Closed,
            },
            issue: Issue::MissingWhen,
        };
        assert!(problem(Lang::Es, &closed)
            .starts_with("General › Fuera de horario: debe contener {when}"));
        let day = BotProblem {
            place: BotPlace::Hours { day: 6 },
            issue: Issue::HoursReversed,
        };
        assert!(problem(Lang::En, &day).starts_with("Hours › Sunday:"));
    }

    #[test]
    fn too_deep_menus_are_told_apart_from_too_many_options() {
        let deep = BotProblem {
            place: BotPlace::Menu {
                path: vec!["A".into(), "B".into(), "C".into()],
            },
            issue: Issue::TooMany { max: 3 },
        };
        assert!(problem(Lang::En, &deep).contains("3 levels deep"));
        let many = BotProblem {
            place: BotPlace::Menu { path: vec![] },
            issue: Issue::TooMany { max: 9 },
        };
        assert_eq!(
            problem(Lang::En, &many),
            "Menu: at most 9 options (plus \"talk to a person\")"
        );
    }
}

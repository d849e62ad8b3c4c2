//! The Reports screen's words: one [`Words`] per language, and the sentences for a refused
//! period or refused settings (the app's error texts point here).

mod en;
mod es;

use crate::domain::report_settings::SettingsProblem;
use crate::domain::reports::PeriodProblem;
use crate::i18n::Lang;

pub struct Words {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub loading: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub show: &'static str,
    pub quick_today: &'static str,
    pub quick_7: &'static str,
    pub quick_30: &'static str,
    pub quick_month: &'static str,
    pub times_in: fn(&str) -> String,
    pub empty_period: &'static str,
    pub export_csv: &'static str,
    pub created: &'static str,
    pub resolved: &'static str,
    pub bot_resolved: &'static str,
    pub resolved_all: &'static str,
    pub reopened: &'static str,
    pub first_response: &'static str,
    pub reply_time: &'static str,
    pub resolution_time: &'static str,
    pub median: &'static str,
    pub p90: &'static str,
    pub measured: fn(u64) -> String,
    pub per_day: &'static str,
    pub agents: &'static str,
    pub agents_empty: &'static str,
    pub col_agent: &'static str,
    pub col_assigned: &'static str,
    pub col_replies: &'static str,
    pub col_first_response: &'static str,
    pub col_reply_time: &'static str,
    pub col_resolved: &'static str,
    pub col_resolution_time: &'static str,
    pub labels: &'static str,
    pub labels_empty: &'static str,
    pub col_conversations: &'static str,
    pub bot: &'static str,
    pub bot_empty: &'static str,
    pub bot_started: &'static str,
    pub bot_ended: &'static str,
    pub bot_containment: &'static str,
    pub bot_containment_hint: &'static str,
    pub bot_handoff_rate: &'static str,
    pub bot_handoff_hint: &'static str,
    pub bot_taken_over: &'static str,
    pub bot_reasons: &'static str,
    pub delivery: &'static str,
    pub delivery_empty: &'static str,
    pub delivery_hint: fn(u64) -> String,
    pub delivered_rate: &'static str,
    pub read_rate: &'static str,
    pub statuses: [&'static str; 5],
    pub templates: &'static str,
    pub templates_empty: &'static str,
    pub col_category: &'static str,
    pub col_sent: &'static str,
    pub col_billable: &'static str,
    pub col_unit_price: &'static str,
    pub col_cost: &'static str,
    pub total_cost: &'static str,
    pub estimated: fn(u64) -> String,
    pub no_price: &'static str,
    pub ads: &'static str,
    pub ads_empty: &'static str,
    pub col_source: &'static str,
    pub col_reached: &'static str,
    pub settings: &'static str,
    pub settings_hint: &'static str,
    pub timezone: &'static str,
    pub timezone_hint: &'static str,
    pub currency: &'static str,
    pub currency_hint: &'static str,
    pub price_for: fn(&str) -> String,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: fn(&str) -> String,
}

pub fn texts(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &en::EN,
        Lang::Es => &es::ES,
    }
}

pub fn period_problem_en(problem: PeriodProblem) -> String {
    match problem {
        PeriodProblem::BadDate => "Choose both dates (year-month-day).",
        PeriodProblem::Backwards => "The end date is before the start date: swap them.",
        PeriodProblem::TooLong => "A report covers at most 366 days: choose a shorter period.",
        PeriodProblem::UnknownTimezone => {
            "The report's time zone is not known: an admin can fix it in the settings below."
        }
    }
    .into()
}

pub fn period_problem_es(problem: PeriodProblem) -> String {
    match problem {
        PeriodProblem::BadDate => "Elige las dos fechas (año-mes-día).",
        PeriodProblem::Backwards => "La fecha final es anterior a la inicial: inviértelas.",
        PeriodProblem::TooLong => "Un informe abarca como mucho 366 días: elige un periodo más corto.",
        PeriodProblem::UnknownTimezone => {
            "La zona horaria del informe no existe: un administrador puede corregirla en los ajustes de abajo."
        }
    }
    .into()
}

pub fn settings_problem_en(problem: &SettingsProblem) -> String {
    match problem {
        SettingsProblem::UnknownTimezone { timezone } => format!(
            "\"{timezone}\" is not a time zone. Use a name such as Europe/Madrid or America/Mexico_City."
        ),
        SettingsProblem::Currency => "The currency is a three-letter code such as USD, EUR or MXN.".into(),
        SettingsProblem::Price { category } => {
            format!("The price for \"{category}\" must be a number of zero or more.")
        }
    }
}

pub fn settings_problem_es(problem: &SettingsProblem) -> String {
    match problem {
        SettingsProblem::UnknownTimezone { timezone } => format!(
            "«{timezone}» no es una zona horaria. Usa un nombre como Europe/Madrid o America/Mexico_City."
        ),
        SettingsProblem::Currency => "La moneda es un código de tres letras, como USD, EUR o MXN.".into(),
        SettingsProblem::Price { category } => {
            format!("El precio de «{category}» debe ser un número igual o mayor que cero.")
        }
    }
}

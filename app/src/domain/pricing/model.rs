//! Whether Meta bills a message, and under which category: [`charge`]. Asked by the composer
//! and the broadcast planner (through [`super::estimate`]) before a send; what Meta actually
//! billed comes later in the status webhook (see [`super::charged`]).

use super::category::Category;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What is free in one period of Meta's pricing model. Meta changes these on announced dates,
/// and the 2026-10-01 change is second-hand in parts, so the team can edit them: they are data
/// ([`PricingRules`]), not code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricingModel {
    /// First day (in the WABA's time zone) this model applies.
    #[serde(with = "super::day")]
    pub from: NaiveDate,
    /// Free-form (service) messages are billed.
    pub service_charged: bool,
    /// Utility templates sent inside an open customer-service window are billed.
    pub utility_in_window_charged: bool,
}

/// The models in force over time, in any order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PricingRules(pub Vec<PricingModel>);

/// What applies when no rule does (the team emptied the list): everything billed, so an
/// estimate never calls a paid message free.
const ALL_CHARGED: PricingModel = PricingModel {
    from: NaiveDate::MIN,
    service_charged: true,
    utility_in_window_charged: true,
};

impl Default for PricingRules {
    /// Meta's per-message model since 2025-07-01 (service and in-window utility free), and the
    /// change announced for 2026-10-01 (both billed).
    fn default() -> Self {
        PricingRules(vec![
            PricingModel {
                from: ymd(2025, 7, 1),
                service_charged: false,
                utility_in_window_charged: false,
            },
            PricingModel {
                from: ymd(2026, 10, 1),
                service_charged: true,
                utility_in_window_charged: true,
            },
        ])
    }
}

impl PricingRules {
    /// The model in force on `date`: the latest one starting on or before it (of two starting
    /// the same day, the later in the list). Before the first, the first: older history is
    /// priced as the earliest model the team knows.
    pub fn at(&self, date: NaiveDate) -> PricingModel {
        let started = self
            .0
            .iter()
            .enumerate()
            .filter(|(_, m)| m.from <= date)
            .max_by_key(|(i, m)| (m.from, *i))
            .map(|(_, m)| *m);
        started
            .or_else(|| self.0.iter().min_by_key(|m| m.from).copied())
            .unwrap_or(ALL_CHARGED)
    }
}

/// What goes out: a template (with its approved category, if known) or a free-form message.
/// An enum rather than an `Option<category>` so that a template of unknown category cannot be
/// mistaken for a free service message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content<'a> {
    /// Text, media, interactive, reactions…: billed as service.
    FreeForm,
    /// A template; `None` or an unknown category counts as marketing.
    Template(Option<&'a str>),
}

/// The facts about one send that decide its price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SendFacts<'a> {
    pub content: Content<'a>,
    /// The 24-hour customer-service window is open ([`crate::domain::window`]).
    pub window_open: bool,
    /// A 72-hour free entry point is open (the customer came from a Click-to-WhatsApp ad or a
    /// Page call-to-action and the business answered within 24 hours).
    pub entry_point_open: bool,
    /// ISO country of the customer's number ([`crate::domain::phone::country`]).
    pub recipient_country: Option<&'a str>,
    /// ISO country of the business (its registered location): decides authentication abroad.
    pub business_country: Option<&'a str>,
    /// The send's day in the WABA's time zone: Meta's pricing changes at midnight there.
    pub date: NaiveDate,
}

/// Why Meta does not bill a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Free {
    /// Inside the customer-service window (service, or utility while Meta leaves it free).
    CustomerService,
    /// Inside a 72-hour free entry point: everything, templates included.
    EntryPoint,
}

impl Free {
    /// The status webhook's `pricing.type` for this reason.
    pub fn pricing_type(self) -> &'static str {
        match self {
            Free::CustomerService => "free_customer_service",
            Free::EntryPoint => "free_entry_point",
        }
    }
}

/// Why Meta will not deliver a message at all (and so not bill it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Blocked {
    /// Marketing templates are not delivered to US numbers (since 2025-04-01).
    UsMarketing,
}

/// First day WhatsApp stopped delivering marketing templates to US numbers.
pub const US_MARKETING_BLOCKED_FROM: NaiveDate = ymd(2025, 4, 1);

/// The verdict for one send.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    /// `Authentication` here may still be billed as `AuthenticationInternational`: that needs
    /// the rate card, so [`super::estimate`] decides it.
    pub category: Category,
    /// `None`: billed at the category's rate.
    pub free: Option<Free>,
    /// `Some`: Meta will refuse to deliver it; nothing is billed.
    pub blocked: Option<Blocked>,
}

/// Whether and how Meta bills `send` under `rules`.
pub fn charge(send: &SendFacts, rules: &PricingRules) -> Charge {
    let model = rules.at(send.date);
    let category = match send.content {
        Content::FreeForm => Category::Service,
        Content::Template(category) => Category::of_template(category),
    };
    let free = if send.entry_point_open {
        Some(Free::EntryPoint)
    } else {
        let free_in_window = match category {
            Category::Service => !model.service_charged,
            Category::Utility => send.window_open && !model.utility_in_window_charged,
            _ => false,
        };
        free_in_window.then_some(Free::CustomerService)
    };
    let to_us = send
        .recipient_country
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("US"));
    let blocked =
        (category == Category::Marketing && to_us && send.date >= US_MARKETING_BLOCKED_FROM)
            .then_some(Blocked::UsMarketing);
    Charge {
        category,
        free,
        blocked,
    }
}

/// A date known to be valid (compile-time constants and tests).
pub(crate) const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEFORE: NaiveDate = ymd(2026, 9, 30);
    const AFTER: NaiveDate = ymd(2026, 10, 1);

    fn send(content: Content<'_>, window_open: bool, fep: bool, date: NaiveDate) -> SendFacts<'_> {
        SendFacts {
            content,
            window_open,
            entry_point_open: fep,
            recipient_country: Some("AR"),
            business_country: Some("AR"),
            date,
        }
    }

    /// (case, content, window open, entry point open, date, category, free)
    type Row<'a> = (
        &'a str,
        Content<'a>,
        bool,
        bool,
        NaiveDate,
        Category,
        Option<Free>,
    );

    #[test]
    fn the_charge_table() {
        use Category::*;
        use Content::*;
        const CS: Option<Free> = Some(Free::CustomerService);
        const EP: Option<Free> = Some(Free::EntryPoint);
        let rules = PricingRules::default();
        #[rustfmt::skip]
        let table: &[Row] = &[
            ("service, 2025 model", FreeForm, true, false, BEFORE, Service, CS),
            ("service, 2026 model", FreeForm, true, false, AFTER, Service, None),
            ("service, entry point", FreeForm, true, true, AFTER, Service, EP),
            ("utility in window, 2025", Template(Some("UTILITY")), true, false, BEFORE, Utility, CS),
            ("utility in window, 2026", Template(Some("UTILITY")), true, false, AFTER, Utility, None),
            ("utility, window closed", Template(Some("UTILITY")), false, false, BEFORE, Utility, None),
            ("utility, entry point", Template(Some("UTILITY")), false, true, AFTER, Utility, EP),
            ("marketing in window", Template(Some("MARKETING")), true, false, BEFORE, Marketing, None),
            ("marketing, window closed", Template(Some("MARKETING")), false, false, AFTER, Marketing, None),
            ("marketing, entry point", Template(Some("MARKETING")), true, true, BEFORE, Marketing, EP),
            ("authentication in window", Template(Some("AUTHENTICATION")), true, false, BEFORE, Authentication, None),
            ("authentication, closed", Template(Some("AUTHENTICATION")), false, false, AFTER, Authentication, None),
            ("authentication, entry point", Template(Some("AUTHENTICATION")), false, true, AFTER, Authentication, EP),
            ("template of unknown category", Template(None), true, false, BEFORE, Marketing, None),
            ("template of a new category", Template(Some("NEW")), true, false, BEFORE, Marketing, None),
            ("last day of the 2025 model", Template(Some("UTILITY")), true, false, ymd(2026, 9, 30), Utility, CS),
            ("long before any rule: the first", FreeForm, true, false, ymd(2024, 1, 1), Service, CS),
        ];
        for (case, content, window, fep, date, category, free) in table {
            let got = charge(&send(*content, *window, *fep, *date), &rules);
            assert_eq!(got.category, *category, "{case}");
            assert_eq!(got.free, *free, "{case}");
            assert_eq!(got.blocked, None, "{case}");
        }
    }

    #[test]
    fn edited_rules_are_obeyed() {
        let utility_in_window = send(Content::Template(Some("UTILITY")), true, false, AFTER);
        let service = send(Content::FreeForm, true, false, AFTER);
        // The team learns the 2026 change was postponed: one rule, everything as in 2025.
        let postponed = PricingRules(vec![PricingModel {
            from: ymd(2025, 7, 1),
            service_charged: false,
            utility_in_window_charged: false,
        }]);
        assert_eq!(
            charge(&utility_in_window, &postponed).free,
            Some(Free::CustomerService)
        );
        assert_eq!(
            charge(&service, &postponed).free,
            Some(Free::CustomerService)
        );
        // Service charged but in-window utility still free, from a later date, listed out of
        // order.
        let split = PricingRules(vec![
            PricingModel {
                from: ymd(2027, 1, 1),
                service_charged: true,
                utility_in_window_charged: true,
            },
            PricingModel {
                from: ymd(2025, 7, 1),
                service_charged: false,
                utility_in_window_charged: false,
            },
            PricingModel {
                from: ymd(2026, 10, 1),
                service_charged: true,
                utility_in_window_charged: false,
            },
        ]);
        assert_eq!(charge(&service, &split).free, None);
        assert_eq!(
            charge(&utility_in_window, &split).free,
            Some(Free::CustomerService)
        );
        let in_2027 = SendFacts {
            date: ymd(2027, 1, 1),
            ..utility_in_window
        };
        assert_eq!(charge(&in_2027, &split).free, None);
        // No rules at all: nothing is assumed free (the entry point still is).
        let none = PricingRules(Vec::new());
        assert_eq!(charge(&service, &none).free, None);
        assert_eq!(charge(&utility_in_window, &none).free, None);
        let fep = SendFacts {
            entry_point_open: true,
            ..service
        };
        assert_eq!(charge(&fep, &none).free, Some(Free::EntryPoint));
    }

    #[test]
    fn rules_pick_the_model_in_force() {
        let rules = PricingRules::default();
        assert!(!rules.at(ymd(2025, 7, 1)).service_charged);
        assert!(!rules.at(ymd(2026, 9, 30)).service_charged);
        assert!(rules.at(ymd(2026, 10, 1)).service_charged);
        assert!(rules.at(ymd(2030, 1, 1)).utility_in_window_charged);
        assert_eq!(rules.at(ymd(2020, 1, 1)), rules.0[0], "before the first");
        // Two models on the same day: the later in the list wins.
        let twice = PricingRules(vec![
            rules.0[0],
            PricingModel {
                service_charged: true,
                ..rules.0[0]
            },
        ]);
        assert!(twice.at(ymd(2025, 8, 1)).service_charged);
        assert_eq!(PricingRules(Vec::new()).at(AFTER), ALL_CHARGED);
    }

    #[test]
    fn rules_are_stored_as_dates() {
        let json = serde_json::to_string(&PricingRules::default()).unwrap();
        assert!(
            json.starts_with(r#"[{"from":"2025-07-01","service_charged":false,"#),
            "{json}"
        );
        let back: PricingRules = serde_json::from_str(&json).unwrap();
        assert_eq!(back, PricingRules::default());
        assert!(serde_json::from_str::<PricingRules>(
            r#"[{"from":"2025-13-01","service_charged":false,"utility_in_window_charged":false}]"#
        )
        .is_err());
    }

    #[test]
    fn us_marketing_is_not_delivered() {
        let rules = PricingRules::default();
        let to = |country: &'static str, content: Content<'static>, date: NaiveDate| SendFacts {
            recipient_country: Some(country),
            ..send(content, false, false, date)
        };
        let marketing = Content::Template(Some("MARKETING"));
        let blocked = |s: SendFacts| charge(&s, &rules).blocked;
        assert_eq!(
            blocked(to("US", marketing, AFTER)),
            Some(Blocked::UsMarketing)
        );
        assert_eq!(
            blocked(to("us", Content::Template(None), AFTER)),
            Some(Blocked::UsMarketing),
            "unknown category counts as marketing"
        );
        assert_eq!(blocked(to("US", marketing, ymd(2025, 3, 31))), None);
        assert_eq!(blocked(to("CA", marketing, AFTER)), None);
        assert_eq!(
            blocked(to("US", Content::Template(Some("UTILITY")), AFTER)),
            None
        );
        assert_eq!(blocked(to("US", Content::FreeForm, AFTER)), None);
    }

    #[test]
    fn free_reasons_name_the_webhook_type() {
        assert_eq!(
            Free::CustomerService.pricing_type(),
            "free_customer_service"
        );
        assert_eq!(Free::EntryPoint.pricing_type(), "free_entry_point");
    }
}

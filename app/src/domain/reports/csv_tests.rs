use super::*;
use crate::domain::bot::HandoffReason;
use crate::wire::reports::{
    AdFigures, AgentFigures, CostFigures, CostRow, DayFigures, DeliveryFigures, LabelFigures,
    Sender, TemplateCategoryFigures,
};

fn report() -> Report {
    Report {
        from: "2026-11-09".into(),
        to: "2026-11-15".into(),
        timezone: "Europe/Madrid".into(),
        days: vec![DayFigures {
            date: "2026-11-09".into(),
            created: 4,
            resolved: 3,
            bot_resolved: 2,
            customer_messages: 10,
            agent_replies: 7,
        }],
        agents: vec![AgentFigures {
            user_id: 1,
            name: "Pérez, \"Ana\"".into(),
            assigned: 5,
            replies: 9,
            // 90 s and 10 min; no resolution times.
            first_response: Durations {
                count: 2,
                median_ms: Some(90_000),
                p90_ms: Some(600_000),
            },
            reply_time: Durations {
                count: 1,
                median_ms: Some(30_000),
                p90_ms: Some(30_000),
            },
            resolved: 1,
            resolution_time: Durations::default(),
        }],
        labels: vec![
            LabelFigures {
                label_id: 1,
                name: "=HYPERLINK(\"x\")".into(),
                color: "red".into(),
                conversations: 2,
            },
            LabelFigures {
                label_id: 2,
                name: "two\nlines".into(),
                color: "blue".into(),
                conversations: 0,
            },
        ],
        bot: crate::wire::reports::BotFigures {
            handed_off: 3,
            reasons: vec![(HandoffReason::Asked, 2), (HandoffReason::Media, 1)],
            ..Default::default()
        },
        delivery: DeliveryFigures {
            total: 8,
            pending: 0,
            sent: 1,
            delivered: 2,
            read: 4,
            failed: 1,
            limited: 0,
        },
        templates: vec![TemplateCategoryFigures {
            category: "marketing".into(),
            sent: 3,
            billable: 2,
            estimated: 1,
        }],
        costs: CostFigures {
            currency: "EUR".into(),
            total: CostRow {
                messages: 5,
                billed: 2,
                estimated_micros: 123_000,
                unestimated: 1,
                charged_micros: 61_500,
                awaiting: 1,
                no_rate: 1,
                ..CostRow::default()
            },
            agents: vec![
                CostRow {
                    key: "agent:7".into(),
                    name: "=Ana".into(),
                    sender: Some(Sender::Agent),
                    messages: 4,
                    billed: 2,
                    estimated_micros: 123_000,
                    charged_micros: 61_500,
                    awaiting: 1,
                    ..CostRow::default()
                },
                CostRow {
                    key: "bot".into(),
                    sender: Some(Sender::Bot),
                    messages: 1,
                    unestimated: 1,
                    no_rate: 1,
                    ..CostRow::default()
                },
            ],
            ..CostFigures::default()
        },
        ads: vec![AdFigures {
            source_type: "ad".into(),
            source_id: "120".into(),
            headline: Some("-50% @ store, +1".into()),
            source_url: None,
            conversations: 2,
            reached_people: 1,
            resolved: 1,
        }],
        ..Report::default()
    }
}

fn lines(csv: &str) -> Vec<&str> {
    assert!(csv.ends_with("\r\n"), "every line ends with CRLF");
    csv.trim_end_matches("\r\n").split("\r\n").collect()
}

#[test]
fn days_have_a_header_and_one_row_per_day() {
    let csv = export(&report(), ReportTable::Days);
    assert_eq!(
        lines(&csv),
        vec![
            "Date,Created,Resolved,Resolved by the bot,Customer messages,Agent replies",
            "2026-11-09,4,3,2,10,7",
        ]
    );
}

#[test]
fn agents_quote_commas_and_quotes_and_give_minutes_with_one_decimal() {
    let csv = export(&report(), ReportTable::Agents);
    let rows = lines(&csv);
    assert_eq!(rows.len(), 2);
    assert!(rows[0].starts_with("Agent,Assigned,Replies,First responses,"));
    assert_eq!(
        rows[1],
        "\"Pérez, \"\"Ana\"\"\",5,9,2,1.5,10.0,1,0.5,0.5,1,,"
    );
}

#[test]
fn text_that_looks_like_a_formula_is_defused() {
    let csv = export(&report(), ReportTable::Labels);
    // The label starting with '=' gets an apostrophe, then quoting for its quotes; the one
    // with a line break is quoted whole (its line break is inside the field).
    assert_eq!(
        csv,
        "Label,Conversations\r\n\"'=HYPERLINK(\"\"x\"\")\",2\r\n\"two\nlines\",0\r\n"
    );
    let ads = export(&report(), ReportTable::Ads);
    assert_eq!(lines(&ads)[1], "ad,120,\"'-50% @ store, +1\",,2,1,1");
}

#[test]
fn shares_are_percentages_with_one_decimal() {
    let reasons = export(&report(), ReportTable::BotReasons);
    assert_eq!(
        lines(&reasons),
        vec![
            "Reason,Handoffs,Share of handoffs (%)",
            "asked,2,66.7",
            "media,1,33.3"
        ]
    );
    let delivery = export(&report(), ReportTable::Delivery);
    assert_eq!(
        lines(&delivery),
        vec![
            "Status,Messages,Share (%)",
            "pending,0,0.0",
            "sent,1,12.5",
            "delivered,2,25.0",
            "read,4,50.0",
            "failed,1,12.5",
            "limited_by_whatsapp,0,0.0",
            "total,8,100.0",
        ]
    );
    let empty = export(&Report::default(), ReportTable::Delivery);
    assert_eq!(lines(&empty)[1], "pending,0,");
}

#[test]
fn templates_are_counts_by_category() {
    let csv = export(&report(), ReportTable::Templates);
    assert_eq!(
        lines(&csv),
        vec![
            "Category,Sent,Billable,Not priced by WhatsApp yet",
            "marketing,3,2,1",
        ]
    );
}

#[test]
fn costs_name_the_currency_write_exact_money_and_end_with_a_total() {
    let csv = export(&report(), ReportTable::CostsBySender);
    assert_eq!(
        lines(&csv),
        vec![
            "Sender,Messages,Billed,Estimated (EUR),Without estimate,Charged (EUR),Not priced by WhatsApp yet,No rate on the card",
            "'=Ana,4,2,0.123000,0,0.061500,1,0",
            "bot,1,0,0.000000,1,0.000000,0,1",
            "total,5,2,0.123000,1,0.061500,1,1",
        ]
    );
    let by_day = export(&report(), ReportTable::CostsByDay);
    assert_eq!(lines(&by_day).len(), 2, "no days: the header and the total");
}

#[test]
fn file_names_carry_the_table_and_the_period() {
    let names: Vec<String> = ReportTable::ALL
        .iter()
        .map(|t| file_name(&report(), *t))
        .collect();
    assert_eq!(names[1], "buzon-agents-2026-11-09-2026-11-15.csv");
    assert_eq!(names[3], "buzon-bot-reasons-2026-11-09-2026-11-15.csv");
    let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(distinct.len(), ReportTable::ALL.len());
}

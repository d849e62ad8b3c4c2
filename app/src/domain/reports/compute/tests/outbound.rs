//! Delivery, templates by category, ads.

use super::*;
use crate::domain::reports::{AdFact, EventKind as K, OutboundFact};

pub(super) fn sent(status: &str) -> OutboundFact {
    OutboundFact {
        message_id: 0,
        at_ms: at(0, 9, 0),
        sender: "agent".into(),
        status: status.into(),
        error_code: None,
        template: None,
        template_category: None,
        pricing_category: None,
        pricing_billable: None,
        pricing_type: None,
        sender_user_id: None,
        label_ids: Vec::new(),
        estimated_category: None,
        estimated_micros: None,
        estimated_currency: None,
        market: None,
    }
}

/// A template send with the template's own category and what Meta priced it as.
fn template(
    category: Option<&str>,
    pricing: Option<(&str, bool, &str)>,
    status: &str,
) -> OutboundFact {
    OutboundFact {
        template: Some("order_update".into()),
        template_category: category.map(Into::into),
        pricing_category: pricing.map(|p| p.0.into()),
        pricing_billable: pricing.map(|p| p.1),
        pricing_type: pricing.map(|p| p.2.into()),
        ..sent(status)
    }
}

fn with_outbound(outbound: Vec<OutboundFact>) -> Report {
    let facts = ReportFacts {
        outbound,
        ..facts(Vec::new())
    };
    compute(&facts, &week(), &no_cards())
}

#[test]
fn delivery_counts_by_latest_status() {
    // 9 messages: pending 1, sent 2, delivered 1, read 3, failed 1, and one status we do not
    // know (in the total only).
    let statuses = [
        "pending",
        "sent",
        "sent",
        "delivered",
        "read",
        "read",
        "read",
        "failed",
        "deleted",
    ];
    let r = with_outbound(statuses.iter().map(|s| sent(s)).collect());
    let d = r.delivery;
    assert_eq!(
        (d.total, d.pending, d.sent, d.delivered, d.read, d.failed),
        (9, 1, 2, 1, 3, 1)
    );
}

#[test]
fn whatsapps_marketing_limit_is_not_a_failure_of_the_desk() {
    let limited = OutboundFact {
        error_code: Some(131_049),
        ..sent("failed")
    };
    let refused = OutboundFact {
        error_code: Some(131_026),
        ..sent("failed")
    };
    let r = with_outbound(vec![limited, refused]);
    assert_eq!((r.delivery.failed, r.delivery.limited), (1, 1));
}

#[test]
fn templates_by_pricing_category() {
    // marketing: 2 priced by Meta + 1 unpriced "MARKETING" template (estimated, billable):
    //   sent 3, billable 3, estimated 1, 3 × 0.06 = 0.18.
    // utility: free_customer_service, free_entry_point, billable=false-free, one regular
    //   billable, one unpriced that failed (estimated, not billable): sent 4, billable 1,
    //   estimated 1, 1 × 0.02 = 0.02.
    // authentication_international: its own row, no price in the table: cost 0.
    // unknown: no pricing and no template category: estimated, billable, no price.
    // A plain (non-template) message is not a template send. Total 0.20.
    let outbound = vec![
        template(
            Some("MARKETING"),
            Some(("marketing", true, "regular")),
            "read",
        ),
        template(
            Some("MARKETING"),
            Some(("Marketing", true, "regular")),
            "delivered",
        ),
        template(Some("MARKETING"), None, "sent"),
        template(
            Some("UTILITY"),
            Some(("utility", false, "free_customer_service")),
            "read",
        ),
        template(
            Some("UTILITY"),
            Some(("utility", true, "free_entry_point")),
            "read",
        ),
        template(Some("UTILITY"), Some(("utility", true, "regular")), "read"),
        template(Some("UTILITY"), None, "failed"),
        template(
            Some("AUTHENTICATION"),
            Some(("authentication_international", true, "regular")),
            "read",
        ),
        template(None, None, "sent"),
        sent("read"),
    ];
    let r = with_outbound(outbound);
    let rows: Vec<(&str, u64, u64, u64)> = r
        .templates
        .iter()
        .map(|t| (t.category.as_str(), t.sent, t.billable, t.estimated))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("authentication_international", 1, 1, 0),
            ("marketing", 3, 3, 1),
            ("unknown", 1, 1, 1),
            ("utility", 4, 1, 1),
        ]
    );
}

#[test]
fn ads_group_conversations_by_source() {
    // Ad A1 brought #1 (handed off: reached people; resolved) and #2 (bot resolved it).
    // Ad A2 brought #3 (assigned; resolved only after the period). Post P1 brought #4 (an
    // agent reply after the period does not count). #5 came from A0 before the period.
    // By conversations, then source id: A1 (2), A2 (1), P1 (1). A1's headline is #1's.
    let referral = |conversation: i64, n: i64, kind: &str, id: &str, headline: &str| AdFact {
        conversation_id: conversation,
        created_at_ms: at(n, 9, 0),
        source_type: kind.into(),
        source_id: id.into(),
        headline: Some(headline.into()),
        source_url: Some(format!("https://fb.me/{id}")),
    };
    let mut facts = facts(vec![
        event(1, at(0, 9, 0), K::Created).detail("bot"),
        event(1, at(0, 9, 5), K::HandedOff).detail("asked"),
        event(1, at(2, 9, 0), K::Resolved).by(1),
        event(2, at(1, 9, 0), K::Created).detail("bot"),
        event(2, at(1, 9, 5), K::BotResolved).detail("quiet"),
        event(3, at(0, 9, 0), K::Created).detail("people"),
        event(3, at(0, 9, 1), K::Assigned).to(1),
        event(3, at(7, 9, 0), K::Resolved).by(1),
        event(4, at(3, 9, 0), K::Created).detail("people"),
        event(4, at(7, 9, 0), K::AgentReply).by(1),
    ]);
    facts.ads = vec![
        referral(2, 1, "ad", "A1", "Later headline"),
        referral(1, 0, "ad", "A1", "Spring sale"),
        referral(3, 0, "ad", "A2", "Boots"),
        referral(4, 3, "post", "P1", "Our post"),
        referral(5, -1, "ad", "A0", "Old"),
    ];
    let r = compute(&facts, &week(), &no_cards());
    let rows: Vec<_> = r
        .ads
        .iter()
        .map(|a| {
            (
                a.source_type.as_str(),
                a.source_id.as_str(),
                a.headline.as_deref(),
                a.conversations,
                a.reached_people,
                a.resolved,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("ad", "A1", Some("Spring sale"), 2, 1, 2),
            ("ad", "A2", Some("Boots"), 1, 1, 0),
            ("post", "P1", Some("Our post"), 1, 0, 0),
        ]
    );
    assert_eq!(r.ads[0].source_url.as_deref(), Some("https://fb.me/A1"));
}

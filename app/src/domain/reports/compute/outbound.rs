//! Outbound messages: delivery by latest status, and template sends by pricing category.

use crate::domain::message::meta_codes::MARKETING_LIMITED;
use crate::domain::reports::OutboundFact;
use crate::wire::reports::{DeliveryFigures, TemplateCategoryFigures};
use std::collections::BTreeMap;

/// Pricing types Meta does not charge for.
const FREE_TYPES: [&str; 2] = ["free_customer_service", "free_entry_point"];

/// The category of a template send with neither Meta's pricing nor a template category.
pub const UNKNOWN_CATEGORY: &str = "unknown";

pub(super) fn delivery(outbound: &[OutboundFact]) -> DeliveryFigures {
    let mut figures = DeliveryFigures {
        total: outbound.len() as u64,
        ..DeliveryFigures::default()
    };
    for fact in outbound {
        match fact.status.as_str() {
            "pending" => figures.pending += 1,
            "sent" => figures.sent += 1,
            "delivered" => figures.delivered += 1,
            "read" => figures.read += 1,
            "failed" if fact.error_code == Some(MARKETING_LIMITED) => figures.limited += 1,
            "failed" => figures.failed += 1,
            _ => {}
        }
    }
    figures
}

/// `Marketing`, ` utility `, `authentication-international` → `marketing`, `utility`,
/// `authentication_international`: how categories are grouped.
pub fn category_key(category: &str) -> String {
    category.trim().to_lowercase().replace('-', "_")
}

/// Template sends by pricing category (sorted).
pub(super) fn templates(outbound: &[OutboundFact]) -> Vec<TemplateCategoryFigures> {
    let mut by_category: BTreeMap<String, TemplateCategoryFigures> = BTreeMap::new();
    for fact in outbound.iter().filter(|f| f.template.is_some()) {
        let priced = fact.pricing_category.as_deref();
        let estimated = priced.is_none();
        let category = priced
            .or(fact.template_category.as_deref())
            .map(category_key)
            .unwrap_or_else(|| UNKNOWN_CATEGORY.to_string());
        let row = by_category
            .entry(category.clone())
            .or_insert_with(|| TemplateCategoryFigures {
                category,
                ..TemplateCategoryFigures::default()
            });
        row.sent += 1;
        row.estimated += u64::from(estimated);
        row.billable += u64::from(billable(fact));
    }
    by_category.into_values().collect()
}

/// Meta's word when it gave one; without it a send is taken as billable unless it failed
/// (Meta charges nothing for a message it could not deliver).
fn billable(fact: &OutboundFact) -> bool {
    let free_type = fact
        .pricing_type
        .as_deref()
        .is_some_and(|t| FREE_TYPES.contains(&t.trim().to_lowercase().as_str()));
    let said_free = fact.pricing_billable == Some(false);
    let failed_unpriced = fact.pricing_category.is_none() && fact.status == "failed";
    !(free_type || said_free || failed_unpriced)
}

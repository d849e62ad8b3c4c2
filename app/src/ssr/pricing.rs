//! Prices on the server: the team's pricing settings, and the estimate for a message before it
//! is sent (the template picker shows it; the send gate stores it with the message). The rules
//! are `domain::pricing`; this only gathers their inputs.

use super::state::ServerState;
use super::store::ContactRecord;
use crate::domain::pricing::{
    estimate, Category, Content, Estimate, PricingSettings, SendFacts, PRICING_SETTING,
};
use crate::domain::window::window;
use crate::error::AppError;

pub async fn settings(state: &ServerState) -> Result<PricingSettings, AppError> {
    let stored = state.store.setting(PRICING_SETTING).await?;
    Ok(PricingSettings::from_setting(stored.as_deref()))
}

/// What each kind of message to `contact` would cost now: a template of each category, and a
/// free-form (service) message; with the rate card's currency.
pub async fn estimates_for(
    state: &ServerState,
    contact: &ContactRecord,
    entry_point_open: bool,
    now_ms: i64,
) -> Result<(Vec<(Option<Category>, Estimate)>, String), AppError> {
    let pricing = settings(state).await?;
    let business = super::outreach::business_country(state).await?;
    let recipient = contact
        .wa_id
        .as_deref()
        .and_then(crate::domain::phone::country);
    let open = window(contact.last_inbound_at_ms, now_ms).is_open();
    let facts = |content| SendFacts {
        content,
        window_open: open,
        entry_point_open,
        recipient_country: recipient.as_deref(),
        business_country: Some(business.as_str()),
        date: crate::domain::pricing::pricing_day(now_ms),
    };
    let mut all = Vec::new();
    for (category, name) in [
        (Category::Marketing, "MARKETING"),
        (Category::Utility, "UTILITY"),
        (Category::Authentication, "AUTHENTICATION"),
    ] {
        let e = estimate(
            &facts(Content::Template(Some(name))),
            &pricing.rules,
            &pricing.table,
        );
        all.push((Some(category), e));
    }
    all.push((
        None,
        estimate(&facts(Content::FreeForm), &pricing.rules, &pricing.table),
    ));
    Ok((all, pricing.table.currency))
}

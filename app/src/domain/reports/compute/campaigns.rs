//! Campaigns in Reports: each campaign's recipients whose step happened in the period, what
//! the desk estimated for those it sent and what Meta charged, priced with the rate card of
//! the campaign's start day in each market (as the campaign screen prices it).

use crate::domain::pricing::{charged, pricing_day, RateTable};
use crate::domain::reports::CampaignFact;
use crate::wire::reports::CampaignFigures;

pub(super) fn campaigns(facts: &[CampaignFact], table: &RateTable) -> Vec<CampaignFigures> {
    facts
        .iter()
        .map(|f| {
            let day = pricing_day(f.start_at_ms);
            let charged_micros = f
                .charged
                .iter()
                .try_fold(0_i64, |sum, (category, market, n)| {
                    charged(category, "regular", market, day, table).map(|p| sum + p * *n as i64)
                });
            let same_currency = f
                .currency
                .as_deref()
                .is_none_or(|c| c.trim().eq_ignore_ascii_case(&table.currency));
            CampaignFigures {
                id: f.campaign_id,
                name: f.name.clone(),
                template: f.template.clone(),
                sent: f.sent,
                delivered: f.delivered,
                read: f.read,
                replied: f.replied,
                failed: f.failed,
                limited: f.limited,
                opted_out: f.opted_out,
                estimated_micros: same_currency.then_some(f.estimated_micros),
                charged_micros,
            }
        })
        .collect()
}

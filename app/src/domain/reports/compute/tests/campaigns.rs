//! Campaigns in Reports: counts as the store gives them, costs priced with the rate card of
//! the campaign's start day.

use super::costs::cards;
use super::*;
use crate::domain::reports::CampaignFact;

fn at(day: u32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(2026, 11, day)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis()
}

fn fact(start_day: u32, currency: &str, charged: Vec<(String, String, u64)>) -> CampaignFact {
    CampaignFact {
        campaign_id: 7,
        name: "Autumn sale".into(),
        template: "we_miss_you".into(),
        start_at_ms: at(start_day),
        sent: 3,
        delivered: 2,
        read: 1,
        replied: 1,
        failed: 0,
        limited: 1,
        opted_out: 0,
        estimated_micros: 187_500,
        currency: Some(currency.into()),
        charged,
    }
}

#[test]
fn charged_is_priced_on_the_start_day_and_estimates_keep_their_currency() {
    let marketing = |n| ("marketing".to_string(), "Brazil".to_string(), n);
    let before = compute::campaigns::campaigns(&[fact(5, "USD", vec![marketing(2)])], &cards());
    assert_eq!(before[0].charged_micros, Some(125_000));
    assert_eq!(before[0].estimated_micros, Some(187_500));
    assert_eq!((before[0].sent, before[0].limited), (3, 1));
    // Brazil's marketing rate went up on the 12th: a campaign started after pays the new one.
    let after = compute::campaigns::campaigns(&[fact(13, "USD", vec![marketing(2)])], &cards());
    assert_eq!(after[0].charged_micros, Some(140_000));
    // An estimate in another currency is not shown as this one's; a market without a price
    // leaves the charge unknown rather than zero.
    let other = compute::campaigns::campaigns(
        &[fact(
            5,
            "EUR",
            vec![("marketing".to_string(), "Chile".to_string(), 1)],
        )],
        &cards(),
    );
    assert_eq!(other[0].estimated_micros, None);
    assert_eq!(other[0].charged_micros, None);
}

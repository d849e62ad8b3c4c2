//! The campaign worker: sends campaigns' recipients through the outbound worker's pacing,
//! after agents' replies (the outbound worker runs this only once its own queue is served,
//! and a campaign's rate never takes the share of throughput kept for people). Every
//! recipient is claimed in the database before it is sent and marked right after, so a
//! restart (or another instance) never sends it twice; a send whose answer was lost stays in
//! doubt until Meta's status names it (our callback data) or the grace period passes.

use crate::outbound::{meta_error, OutboundSettings, Pacer, Pass};
use crate::whatsapp::graph::{Recipient, WhatsAppApi};
use app::domain::campaigns::audience::Exclusion;
use app::domain::campaigns::composition::{message, Composition, RecipientFacts};
use app::domain::campaigns::replies::{with_payloads, ButtonRoute};
use app::domain::campaigns::schedule::next_allowed;
use app::domain::campaigns::{
    failure_state, quality_stops, stops_campaign, CampaignState, RecipientState, StopReason,
};
use app::domain::consent::{may_market, ConsentSettings, MarketingRefusal, Reach, CONSENT_SETTING};
use app::domain::pacing::{retry_delay_ms, Bucket, Rate, MAX_ATTEMPTS};
use app::ssr::campaign_ingest::callback_for_recipient;
use app::ssr::campaign_store::{CampaignRecord, RecipientJob};
use app::ssr::{Store, StoreError, TemplateRecord};
use rand::Rng;
use std::collections::{HashMap, HashSet};

/// How often the number's quality rating is read while campaigns send. Meta no longer
/// announces quality changes by webhook (facts sheet §18.3), so the desk asks.
const QUALITY_EVERY_MS: i64 = 60_000;

/// Each campaign's own rate (messages a second), on top of the number's throughput, and
/// when the number's quality was last read.
#[derive(Default)]
pub struct CampaignPacing {
    buckets: HashMap<i64, (u32, Bucket)>,
    quality_read_ms: Option<i64>,
    /// Campaigns that were sending when the quality was last read.
    quality_read_for: HashSet<i64>,
}

impl CampaignPacing {
    /// Whether to read the quality now: every minute, and at once when a campaign starts
    /// (or resumes) sending.
    fn quality_due(&mut self, sending: &[i64], now_ms: i64) -> bool {
        let new_one = sending.iter().any(|id| !self.quality_read_for.contains(id));
        let due = new_one
            || self
                .quality_read_ms
                .is_none_or(|at| now_ms - at >= QUALITY_EVERY_MS);
        if due {
            self.quality_read_ms = Some(now_ms);
            self.quality_read_for = sending.iter().copied().collect();
        }
        due
    }

    fn bucket(&mut self, campaign: &CampaignRecord, now_ms: i64) -> (Rate, &mut Bucket) {
        let per_second = f64::from(campaign.rate_per_second.max(1));
        // A burst of one second at most: the rate holds from the first message.
        let rate = Rate {
            capacity: per_second,
            per_second,
        };
        let entry = self
            .buckets
            .entry(campaign.id)
            .or_insert_with(|| (campaign.rate_per_second, Bucket::full(rate, now_ms)));
        if entry.0 != campaign.rate_per_second {
            *entry = (campaign.rate_per_second, Bucket::full(rate, now_ms));
        }
        (rate, &mut entry.1)
    }

    /// Whole messages the campaign may send now.
    fn available(&mut self, campaign: &CampaignRecord, now_ms: i64) -> u32 {
        let (rate, bucket) = self.bucket(campaign, now_ms);
        let mut probe = *bucket;
        let mut n = 0;
        while n < 1_000 && probe.take(rate, now_ms).is_ok() {
            n += 1;
        }
        n
    }

    fn take(&mut self, campaign: &CampaignRecord, now_ms: i64) {
        let (rate, bucket) = self.bucket(campaign, now_ms);
        let _ = bucket.take(rate, now_ms);
    }
}

/// What one pass needs to know about the team, read once.
struct Rules {
    templates: Vec<TemplateRecord>,
    explicit_opt_in: bool,
    zone: chrono_tz::Tz,
}

/// Sends what campaigns have due now, within their rates and the number's pacing.
pub async fn send_due(
    store: &dyn Store,
    api: &dyn WhatsAppApi,
    pacer: &mut Pacer,
    pacing: &mut CampaignPacing,
    settings: &OutboundSettings,
    now_ms: i64,
) -> Result<Pass, StoreError> {
    let mut pass = Pass::default();
    let campaigns = store.sending_campaigns(now_ms).await?;
    if campaigns.is_empty() {
        return Ok(pass);
    }
    let ids: Vec<i64> = campaigns.iter().map(|c| c.id).collect();
    if pacing.quality_due(&ids, now_ms) {
        match api.number_health().await {
            Ok(health) if quality_stops(&health.quality_rating) => {
                for campaign in &campaigns {
                    // Read again at once should someone resume it.
                    pacing.quality_read_for.remove(&campaign.id);
                    let rating = health.quality_rating.clone();
                    stop(store, campaign, StopReason::Quality { rating }, now_ms).await?;
                }
                return Ok(pass);
            }
            Ok(_) => {}
            // Not knowing is no reason to stop: Meta's own checks still refuse at send.
            Err(err) => tracing::warn!(error = %err, "cannot read the number's quality"),
        }
    }
    let consent = ConsentSettings::from_setting(store.setting(CONSENT_SETTING).await?.as_deref());
    let rules = Rules {
        templates: store.list_templates().await?,
        explicit_opt_in: consent.explicit_opt_in(Reach::Campaign),
        zone: app::ssr::reports::settings(store)
            .await?
            .timezone
            .parse()
            .unwrap_or(chrono_tz::Tz::UTC),
    };
    for campaign in campaigns {
        send_campaign(
            store, api, pacer, pacing, settings, &rules, &campaign, now_ms, &mut pass,
        )
        .await?;
    }
    Ok(pass)
}

#[allow(clippy::too_many_arguments)]
async fn send_campaign(
    store: &dyn Store,
    api: &dyn WhatsAppApi,
    pacer: &mut Pacer,
    pacing: &mut CampaignPacing,
    settings: &OutboundSettings,
    rules: &Rules,
    campaign: &CampaignRecord,
    now_ms: i64,
    pass: &mut Pass,
) -> Result<(), StoreError> {
    if campaign.state == CampaignState::Scheduled {
        store
            .set_campaign_state(
                campaign.id,
                &[CampaignState::Scheduled],
                CampaignState::Running,
                None,
                now_ms,
            )
            .await?;
    }
    // The template as it is now: Meta may have paused or disabled it since the launch.
    let mut same: Vec<&TemplateRecord> = rules
        .templates
        .iter()
        .filter(|t| t.name == campaign.template_name && t.language == campaign.template_language)
        .collect();
    same.sort_by_key(|t| t.status != "APPROVED");
    let Some(template) = same.first().filter(|t| t.status == "APPROVED") else {
        let status = same
            .first()
            .map_or("DELETED".to_string(), |t| t.status.clone());
        stop(store, campaign, StopReason::Template { status }, now_ms).await?;
        return Ok(());
    };
    let quiet = campaign
        .quiet_hours
        .as_deref()
        .and_then(|q| serde_json::from_str(q).ok());
    if next_allowed(now_ms, quiet, rules.zone) > now_ms {
        return Ok(());
    }
    let composition: Composition = match serde_json::from_str(&campaign.composition) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(campaign = campaign.id, error = %e, "campaign composition unreadable");
            return Ok(());
        }
    };
    let n = pacing.available(campaign, now_ms).min(settings.batch);
    if n == 0 {
        pass.paced += 1;
        return Ok(());
    }
    let jobs = store
        .claim_recipients(campaign.id, now_ms, now_ms - settings.in_doubt_ms, n)
        .await?;
    // Checked one by one, then sent together: the round trips to Meta overlap, and what
    // WhatsApp accepted is written in one transaction.
    let mut ready = Vec::with_capacity(jobs.len());
    for job in &jobs {
        pacing.take(campaign, now_ms);
        if let Err(wait_ms) = pacer.take(job.contact_id, now_ms) {
            store
                .recipient_retry(job.recipient_id, now_ms + wait_ms, true, None)
                .await?;
            pass.paced += 1;
            continue;
        }
        if let Some((to, outbound)) =
            prepare(store, campaign, template, &composition, rules, job, now_ms).await?
        {
            ready.push((job, to, outbound));
        }
    }
    let answers = futures::future::join_all(ready.iter().map(|(job, to, outbound)| {
        let callback = callback_for_recipient(job.recipient_id);
        async move { api.send(to, outbound, None, Some(&callback)).await }
    }))
    .await;
    let mut accepted = Vec::new();
    let mut stop_for = None;
    for ((job, _, outbound), answer) in ready.into_iter().zip(answers) {
        match answer {
            Ok(a) => accepted.push((job.recipient_id, a.wamid, outbound.to_body())),
            Err(err) => {
                if let Some(reason) = refused(store, job, err, now_ms, pass).await? {
                    stop_for.get_or_insert(reason);
                }
            }
        }
    }
    pass.sent += accepted.len() as u32;
    store.recipients_sent(&accepted, now_ms).await?;
    if let Some(reason) = stop_for {
        stop(store, campaign, reason, now_ms).await?;
    }
    if jobs.is_empty() {
        store.finish_if_done(campaign.id, now_ms).await?;
    }
    Ok(())
}

async fn stop(
    store: &dyn Store,
    campaign: &CampaignRecord,
    reason: StopReason,
    now_ms: i64,
) -> Result<(), StoreError> {
    tracing::warn!(
        campaign = campaign.id,
        ?reason,
        "campaign stopped by the desk"
    );
    store
        .set_campaign_state(
            campaign.id,
            &[CampaignState::Scheduled, CampaignState::Running],
            CampaignState::Stopped,
            Some(&reason),
            now_ms,
        )
        .await?;
    Ok(())
}

/// The campaign's button routes (none when unreadable: the buttons then carry their text).
fn rules_of(campaign: &CampaignRecord) -> Vec<ButtonRoute> {
    serde_json::from_str(&campaign.buttons).unwrap_or_default()
}

/// What to send to one recipient, or `None` when they are left out now (skipped, with the
/// reason): the consent rule asked again, an address, the template's values.
async fn prepare(
    store: &dyn Store,
    campaign: &CampaignRecord,
    template: &TemplateRecord,
    composition: &Composition,
    rules: &Rules,
    job: &RecipientJob,
    now_ms: i64,
) -> Result<Option<(Recipient, app::domain::outbound::Outbound)>, StoreError> {
    let skip = |why: Exclusion| async move {
        store
            .recipient_ended(
                job.recipient_id,
                RecipientState::Skipped,
                None,
                Some(why),
                now_ms,
            )
            .await
    };
    // The send gate's consent rule, asked again now: consent may have changed since launch.
    match may_market(
        template.category.as_deref(),
        job.consent,
        rules.explicit_opt_in,
    ) {
        Err(MarketingRefusal::OptedOut) => {
            skip(Exclusion::OptedOut).await?;
            return Ok(None);
        }
        Err(MarketingRefusal::NeedsOptIn) => {
            skip(Exclusion::NeedsOptIn).await?;
            return Ok(None);
        }
        Ok(()) => {}
    }
    let recipient = match (&job.wa_id, &job.user_id) {
        (Some(phone), _) => Recipient::Phone(phone.clone()),
        (None, Some(user_id)) => Recipient::UserId(user_id.clone()),
        (None, None) => {
            skip(Exclusion::NoAddress).await?;
            return Ok(None);
        }
    };
    let facts = RecipientFacts {
        name: job.name.clone(),
        wa_id: job.wa_id.clone(),
        attributes: job.attributes.clone(),
        columns: job.columns.clone(),
    };
    let Ok(outbound) = message(&template.content, composition, &facts) else {
        skip(Exclusion::Variables).await?;
        return Ok(None);
    };
    Ok(Some((
        recipient,
        with_payloads(outbound, &rules_of(campaign)),
    )))
}

/// What Meta's refusal means for the recipient (in doubt, again later, or ended with its
/// code); the reason to stop the whole campaign when it is one (131048, 132015…).
async fn refused(
    store: &dyn Store,
    job: &RecipientJob,
    err: crate::whatsapp::graph::GraphError,
    now_ms: i64,
    pass: &mut Pass,
) -> Result<Option<StopReason>, StoreError> {
    if err.may_have_been_accepted() && job.attempts < MAX_ATTEMPTS {
        // Meta may have it: left in doubt ('sending') until a status names it or the grace
        // period lets it go again.
        tracing::warn!(recipient = job.recipient_id, error = %err, "campaign send in doubt");
        pass.retried += 1;
        return Ok(None);
    }
    if err.is_transient() && job.attempts < MAX_ATTEMPTS {
        let delay = retry_delay_ms(
            job.attempts.saturating_sub(1),
            err.code(),
            rand::thread_rng().gen::<f64>(),
        );
        store
            .recipient_retry(
                job.recipient_id,
                now_ms + delay,
                false,
                Some(&meta_error(&err)),
            )
            .await?;
        pass.retried += 1;
        return Ok(None);
    }
    let error = meta_error(&err);
    store
        .recipient_ended(
            job.recipient_id,
            failure_state(error.code),
            Some(&error),
            None,
            now_ms,
        )
        .await?;
    pass.failed += 1;
    Ok(stops_campaign(error.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_is_read_when_a_campaign_starts_then_every_minute() {
        let mut pacing = CampaignPacing::default();
        assert!(pacing.quality_due(&[1], 0), "a campaign starts");
        assert!(!pacing.quality_due(&[1], 30_000));
        assert!(pacing.quality_due(&[1, 2], 31_000), "another starts");
        assert!(!pacing.quality_due(&[1, 2], 60_000));
        assert!(pacing.quality_due(&[1, 2], 91_000), "a minute on");
        // Stopped for quality, then resumed: read again at once.
        pacing.quality_read_for.remove(&2);
        assert!(pacing.quality_due(&[1, 2], 92_000));
    }
}

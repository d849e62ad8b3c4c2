//! The storage port's part for campaigns: segments, campaigns and their recipients.
//! Implemented in `server/src/db/campaigns.rs`; the rules it stores are in
//! `domain::campaigns`, applied by `ssr::campaigns` before anything is written.

use super::store::StoreError;
use crate::domain::campaigns::audience::Exclusion;
use crate::domain::campaigns::funnel::{Funnel, Step};
use crate::domain::campaigns::segment::SegmentFilter;
use crate::domain::campaigns::{CampaignState, RecipientState, StopReason};
use crate::domain::contacts::MarketingConsent;
use crate::domain::message::MetaError;
use crate::wire::campaigns::{RecipientView, SegmentView};
use std::collections::BTreeMap;

/// One contact of a segment, with what the exclusion rule and the template values need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudienceRow {
    pub contact_id: i64,
    pub name: Option<String>,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub consent: MarketingConsent,
    pub unreachable: bool,
    pub last_marketing_at_ms: Option<i64>,
    pub attributes: BTreeMap<String, String>,
    /// ISO code from the number; `None` without one.
    pub country: Option<String>,
}

/// A campaign as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct CampaignRecord {
    pub id: i64,
    pub name: String,
    pub state: CampaignState,
    pub stop_reason: Option<StopReason>,
    pub template_name: String,
    pub template_language: String,
    pub template_category: Option<String>,
    /// JSON of `domain::campaigns::composition::Composition`.
    pub composition: String,
    /// JSON of the audience as launched.
    pub audience: String,
    pub replies_to: String,
    /// JSON of `Vec<wire::campaigns::ButtonRoute>`.
    pub buttons: String,
    pub start_at_ms: i64,
    /// JSON of `QuietHours`.
    pub quiet_hours: Option<String>,
    pub rate_per_second: u32,
    pub estimated_micros: Option<i64>,
    pub currency: Option<String>,
    pub created_by: Option<i64>,
    pub created_by_name: Option<String>,
    pub created_at_ms: i64,
    pub finished_at_ms: Option<i64>,
}

/// What a new campaign is.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCampaign {
    pub name: String,
    pub state: CampaignState,
    pub template_name: String,
    pub template_language: String,
    pub template_category: Option<String>,
    pub composition: String,
    pub audience: String,
    pub replies_to: String,
    pub buttons: String,
    pub start_at_ms: i64,
    pub quiet_hours: Option<String>,
    pub rate_per_second: u32,
    pub estimated_micros: Option<i64>,
    pub currency: Option<String>,
    pub created_by: Option<i64>,
}

/// One recipient to write: queued (with its due time and the estimate) or skipped (why).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRecipient {
    pub contact_id: i64,
    pub columns: Option<BTreeMap<String, String>>,
    pub skip: Option<Exclusion>,
    pub due_at_ms: i64,
    /// (category, list price in micro-units, market).
    pub estimate: Option<(String, Option<i64>, String)>,
}

/// A recipient the worker sends now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecipientJob {
    pub recipient_id: i64,
    pub campaign_id: i64,
    pub contact_id: i64,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub attributes: BTreeMap<String, String>,
    pub columns: BTreeMap<String, String>,
    pub consent: MarketingConsent,
    pub attempts: u32,
}

#[async_trait::async_trait]
pub trait CampaignStore: Send + Sync + 'static {
    /// How many contacts the filter selects at `now_ms`.
    async fn count_segment(&self, filter: &SegmentFilter, now_ms: i64) -> Result<u64, StoreError>;
    /// Every contact the filter selects, with what exclusions and values need; the last
    /// marketing message counts from `marketing_since_ms`.
    async fn audience(
        &self,
        filter: &SegmentFilter,
        now_ms: i64,
        marketing_since_ms: i64,
    ) -> Result<Vec<AudienceRow>, StoreError>;
    /// Contacts reached by a template (one to one or a campaign's) since `since_ms`: what the
    /// messaging limit has used.
    async fn reached_since(&self, since_ms: i64) -> Result<u64, StoreError>;
    /// The custom attribute names contacts have, sorted (for filters and value mappings).
    async fn attribute_keys(&self) -> Result<Vec<String>, StoreError>;

    async fn segments(&self) -> Result<Vec<SegmentView>, StoreError>;
    /// Creates (`id: None`) or replaces a segment; [`StoreError::Duplicate`] for a name in use.
    async fn save_segment(
        &self,
        id: Option<i64>,
        name: &str,
        filter: &SegmentFilter,
        by: i64,
        now_ms: i64,
    ) -> Result<SegmentView, StoreError>;
    async fn delete_segment(&self, id: i64) -> Result<bool, StoreError>;

    /// Writes the campaign and every recipient in one transaction; announced.
    async fn create_campaign(
        &self,
        campaign: &NewCampaign,
        recipients: &[NewRecipient],
        now_ms: i64,
    ) -> Result<i64, StoreError>;
    /// Newest first.
    async fn campaigns(&self) -> Result<Vec<CampaignRecord>, StoreError>;
    async fn campaign(&self, id: i64) -> Result<Option<CampaignRecord>, StoreError>;
    async fn funnel(&self, id: i64) -> Result<Funnel, StoreError>;
    /// What Meta charged for the campaign's messages: (category, market, count) of those a
    /// status priced as billable.
    async fn charged(&self, id: i64) -> Result<Vec<(String, String, u64)>, StoreError>;
    /// Recipients of campaign `id` changed after `(after_ms, after_id)`, in (change time, id)
    /// order: what per-recipient webhooks follow.
    async fn recipients_changed(
        &self,
        id: i64,
        after: (i64, i64),
        limit: u32,
    ) -> Result<Vec<RecipientView>, StoreError>;
    /// The recipients at `step`, by id after `after_id`.
    async fn recipients(
        &self,
        id: i64,
        step: Step,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<RecipientView>, StoreError>;
    /// Moves the campaign from one of `from` to `to` (with the reason when the desk stops
    /// it); false when it was in none of them. Announced.
    async fn set_campaign_state(
        &self,
        id: i64,
        from: &[CampaignState],
        to: CampaignState,
        reason: Option<&StopReason>,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Queues again, due at `due_at_ms`, the recipients Meta limited (131049) that were not
    /// queued again before; how many.
    async fn requeue_limited(
        &self,
        id: i64,
        due_at_ms: i64,
        now_ms: i64,
    ) -> Result<u64, StoreError>;

    /// Campaigns whose recipients may go now (scheduled or running, started).
    async fn sending_campaigns(&self, now_ms: i64) -> Result<Vec<CampaignRecord>, StoreError>;
    /// Claims up to `limit` of the campaign's due recipients (and those in doubt since before
    /// `in_doubt_before_ms`), each by one worker only.
    async fn claim_recipients(
        &self,
        campaign_id: i64,
        now_ms: i64,
        in_doubt_before_ms: i64,
        limit: u32,
    ) -> Result<Vec<RecipientJob>, StoreError>;
    /// WhatsApp accepted these recipients' messages: (recipient, wamid, what went out), all
    /// in one transaction (a campaign sends hundreds a second; one commit each would not).
    async fn recipients_sent(
        &self,
        sent: &[(i64, String, crate::domain::message::MessageBody)],
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// WhatsApp accepted the recipient's message `body`.
    async fn recipient_sent(
        &self,
        recipient_id: i64,
        wamid: &str,
        body: &crate::domain::message::MessageBody,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.recipients_sent(&[(recipient_id, wamid.to_string(), body.clone())], now_ms)
            .await
    }
    /// The recipient ends in `state` (failed, limited, opted out, skipped) with Meta's error
    /// or the desk's reason.
    async fn recipient_ended(
        &self,
        recipient_id: i64,
        state: RecipientState,
        error: Option<&MetaError>,
        skip: Option<Exclusion>,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// The recipient goes back to the queue, due at `due_at_ms`; `in_doubt` keeps the claim
    /// time (Meta may have the message).
    async fn recipient_retry(
        &self,
        recipient_id: i64,
        due_at_ms: i64,
        in_doubt: bool,
        error: Option<&MetaError>,
    ) -> Result<(), StoreError>;
    /// Marks the campaign finished when no recipient waits; true when it did now.
    async fn finish_if_done(&self, id: i64, now_ms: i64) -> Result<bool, StoreError>;
    /// Stops every sending campaign that uses template `name` (any language when `None`).
    async fn stop_campaigns_of_template(
        &self,
        name: &str,
        reason: &StopReason,
        now_ms: i64,
    ) -> Result<Vec<i64>, StoreError>;
}

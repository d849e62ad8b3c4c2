//! Campaigns' part of filing a webhook delivery, inside its transaction: statuses move the
//! recipient rows (found by wamid, or by our callback data when the send's answer was lost);
//! a customer's answer within 72 hours marks the recipient as replied, shows the campaign's
//! message as a bubble in their conversation, and follows the campaign's routing (to the bot
//! or the queue; a quick-reply button may hand them to a person or label the conversation).

use super::ingest::Pricing;
use super::ingest::{IngestReport, StatusUpdate};
use super::store::StoreError;
use crate::domain::campaigns::{failure_state, stops_campaign, RecipientState, REPLY_WINDOW_MS};
use crate::domain::message::{DeliveryStatus, MessageBody, MetaError};

/// Callback data of a campaign's message: names the recipient row.
pub fn callback_for_recipient(recipient_id: i64) -> String {
    format!("buzon:campaign:{recipient_id}")
}

pub fn recipient_from_callback(callback: &str) -> Option<i64> {
    callback.strip_prefix("buzon:campaign:")?.parse().ok()
}

pub use crate::domain::campaigns::replies::{LABEL_PAYLOAD_PREFIX, PERSON_PAYLOAD};

/// A recipient row as ingestion needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownRecipient {
    pub id: i64,
    pub campaign_id: i64,
    pub contact_id: i64,
    pub state: RecipientState,
}

/// The campaign a customer's message answers, when they got one in the last 72 hours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignReply {
    pub recipient_id: i64,
    pub campaign_id: i64,
    /// `wire::campaigns::RepliesTo::as_str`.
    pub replies_to: String,
    /// The bubble is already in a conversation.
    pub shown: bool,
}

/// The database operations campaigns need inside ingestion's transaction.
#[async_trait::async_trait]
pub trait CampaignTx: Send {
    async fn recipient_by_wamid(
        &mut self,
        wamid: &str,
    ) -> Result<Option<KnownRecipient>, StoreError>;
    /// Gives recipient `id`, still without a wamid, the wamid Meta reported.
    async fn adopt_recipient_wamid(
        &mut self,
        id: i64,
        wamid: &str,
    ) -> Result<Option<KnownRecipient>, StoreError>;
    /// Moves the recipient to `state` if that is forward, with the step's time (and the
    /// earlier steps' when a status skipped them), Meta's error and pricing; true if it moved.
    async fn recipient_status(
        &mut self,
        id: i64,
        state: RecipientState,
        at_ms: i64,
        error: Option<&MetaError>,
        pricing: Option<&Pricing>,
    ) -> Result<bool, StoreError>;
    /// The latest campaign message the contact got at or after `since_ms`.
    async fn campaign_reply(
        &mut self,
        contact_id: i64,
        since_ms: i64,
    ) -> Result<Option<CampaignReply>, StoreError>;
    /// Writes the campaign's message into the conversation (before the answer) as the
    /// customer saw it; its id.
    async fn show_campaign_message(
        &mut self,
        recipient_id: i64,
        conversation_id: i64,
        now_ms: i64,
    ) -> Result<Option<i64>, StoreError>;
    /// Hands a conversation still with the bot to people (the customer chose a person).
    async fn to_people(&mut self, conversation_id: i64, now_ms: i64) -> Result<bool, StoreError>;
    async fn add_label(
        &mut self,
        conversation_id: i64,
        label_id: i64,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Stops the sending campaigns using template `name` (Meta paused or disabled it).
    async fn stop_campaigns_of_template(
        &mut self,
        name: &str,
        status: &str,
        now_ms: i64,
    ) -> Result<Vec<i64>, StoreError>;
    /// Stops campaign `id` (Meta's code says the number hit a limit).
    async fn stop_campaign(
        &mut self,
        id: i64,
        reason: &crate::domain::campaigns::StopReason,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
}

fn state_of(status: DeliveryStatus, error: Option<&MetaError>) -> Option<RecipientState> {
    match status {
        DeliveryStatus::Sent => Some(RecipientState::Sent),
        DeliveryStatus::Delivered => Some(RecipientState::Delivered),
        DeliveryStatus::Read => Some(RecipientState::Read),
        DeliveryStatus::Failed => {
            Some(error.map_or(RecipientState::Failed, |e| failure_state(e.code)))
        }
        _ => None,
    }
}

/// A status about a campaign's message (none of the messages table's): true when it was one.
pub async fn status(
    tx: &mut dyn CampaignTx,
    update: &StatusUpdate,
    now_ms: i64,
    report: &mut IngestReport,
) -> Result<bool, StoreError> {
    let mut known = tx.recipient_by_wamid(&update.wamid).await?;
    if known.is_none() {
        if let Some(id) = update.callback.as_deref().and_then(recipient_from_callback) {
            known = tx.adopt_recipient_wamid(id, &update.wamid).await?;
        }
    }
    let Some(recipient) = known else {
        return Ok(false);
    };
    let error = update
        .error
        .as_ref()
        .filter(|_| update.status == DeliveryStatus::Failed);
    if let Some(state) = state_of(update.status, error) {
        if tx
            .recipient_status(
                recipient.id,
                state,
                update.at_ms,
                error,
                update.pricing.as_ref(),
            )
            .await?
        {
            report.statuses_applied += 1;
            report.campaigns.push(recipient.campaign_id);
        } else {
            report.statuses_stale += 1;
        }
    }
    if let Some(reason) = error.and_then(|e| stops_campaign(e.code)) {
        if tx
            .stop_campaign(recipient.campaign_id, &reason, now_ms)
            .await?
        {
            report.campaigns.push(recipient.campaign_id);
        }
    }
    Ok(true)
}

/// What a customer's message does to a campaign they got; returns whether their (new)
/// conversation must skip the bot. Called before the conversation is chosen.
pub async fn reply_routing(
    tx: &mut dyn CampaignTx,
    contact_id: i64,
    body: &MessageBody,
    sent_at_ms: i64,
) -> Result<Option<CampaignReply>, StoreError> {
    // A system notice (number change) is not an answer.
    if matches!(body, MessageBody::System { .. }) {
        return Ok(None);
    }
    tx.campaign_reply(contact_id, sent_at_ms - REPLY_WINDOW_MS)
        .await
}

/// Whether the answer skips the bot: the campaign sends replies to the queue, or the
/// customer tapped a "talk to a person" button.
pub fn to_people(reply: &CampaignReply, body: &MessageBody) -> bool {
    reply.replies_to == "queue" || payload(body) == Some(PERSON_PAYLOAD)
}

fn payload(body: &MessageBody) -> Option<&str> {
    match body {
        MessageBody::TemplateButton { payload, .. } => Some(payload.as_str()),
        _ => None,
    }
}

/// The customer's answer, as filed.
pub struct Answer<'a> {
    pub body: &'a MessageBody,
    pub at_ms: i64,
    pub conversation_id: i64,
    /// The answer started the conversation.
    pub created: bool,
}

/// After the answer is stored: the bubble, the recipient's reply, the button's action.
pub async fn replied(
    tx: &mut dyn CampaignTx,
    reply: &CampaignReply,
    answer: Answer<'_>,
    now_ms: i64,
    report: &mut IngestReport,
) -> Result<(), StoreError> {
    let Answer {
        body,
        at_ms,
        conversation_id,
        created,
    } = answer;
    if !reply.shown {
        if let Some(id) = tx
            .show_campaign_message(reply.recipient_id, conversation_id, now_ms)
            .await?
        {
            report.messages.push(id);
        }
    }
    if tx
        .recipient_status(
            reply.recipient_id,
            RecipientState::Replied,
            at_ms,
            None,
            None,
        )
        .await?
    {
        report.campaigns.push(reply.campaign_id);
    }
    match payload(body) {
        Some(PERSON_PAYLOAD) if !created => {
            tx.to_people(conversation_id, now_ms).await?;
        }
        Some(p) => {
            if let Some(label) = crate::domain::campaigns::replies::label_of(p) {
                tx.add_label(conversation_id, label, now_ms).await?;
            }
        }
        None => {}
    }
    Ok(())
}

/// The customer opted out while answering a campaign: the recipient says so.
pub async fn opted_out(
    tx: &mut dyn CampaignTx,
    reply: &CampaignReply,
    at_ms: i64,
    report: &mut IngestReport,
) -> Result<(), StoreError> {
    if tx
        .recipient_status(
            reply.recipient_id,
            RecipientState::OptedOut,
            at_ms,
            None,
            None,
        )
        .await?
    {
        report.campaigns.push(reply.campaign_id);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callbacks_name_recipients_apart_from_messages() {
        let cb = callback_for_recipient(42);
        assert_eq!(recipient_from_callback(&cb), Some(42));
        assert_eq!(super::super::ingest::message_id_from_callback(&cb), None);
        assert_eq!(
            recipient_from_callback(&super::super::ingest::callback_for(42)),
            None
        );
    }

    #[test]
    fn failures_by_code() {
        let limited = MetaError {
            code: 131_049,
            title: String::new(),
            details: None,
        };
        assert_eq!(
            state_of(DeliveryStatus::Failed, Some(&limited)),
            Some(RecipientState::Limited)
        );
        assert_eq!(
            state_of(DeliveryStatus::Read, None),
            Some(RecipientState::Read)
        );
    }
}

//! Applying what a webhook delivery says. The parsed events go to [`apply`], which files them
//! with the rules in `domain` through the small [`IngestTx`] operations each database
//! implements inside one transaction. Applying the same delivery twice changes nothing.

use super::campaign_ingest;
use super::store::StoreError;
use crate::domain::consent::{payload_intent, ConsentSettings, ConsentSource, CONSENT_SETTING};
use crate::domain::contacts::{link, Link, MarketingConsent};
use crate::domain::message::{DeliveryStatus, MessageBody, MessageContext, MetaError, Referral};

/// The customer a payload is about, by whichever ids it carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactRef {
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub parent_user_id: Option<String>,
    pub name: Option<String>,
    pub username: Option<String>,
}

impl ContactRef {
    pub fn is_empty(&self) -> bool {
        self.wa_id.is_none() && self.user_id.is_none()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct InboundMessage {
    pub wamid: String,
    pub from: ContactRef,
    /// When the customer sent it (Meta's timestamp), unix milliseconds.
    pub sent_at_ms: i64,
    pub body: MessageBody,
    pub context: MessageContext,
    pub referral: Option<Referral>,
    /// The message object exactly as received, for what the typed body does not hold.
    pub raw: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StatusUpdate {
    pub wamid: String,
    pub status: DeliveryStatus,
    pub at_ms: i64,
    pub error: Option<MetaError>,
    pub recipient: ContactRef,
    /// `biz_opaque_callback_data` echoed from our send: see [`callback_for`].
    pub callback: Option<String>,
    /// What Meta bills for the message: on `sent` and on one of `delivered` / `read`, never
    /// on `failed`. The message keeps the first it is told.
    pub pricing: Option<Pricing>,
}

/// A status webhook's `pricing` block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pricing {
    pub billable: Option<bool>,
    /// `CBP` (per conversation, older) or `PMP` (per message).
    pub pricing_model: Option<String>,
    /// `regular`, `free_customer_service` or `free_entry_point`.
    pub pricing_type: Option<String>,
    /// `marketing`, `utility`, `authentication`, `service`…
    pub category: Option<String>,
}

/// What the desk sends as `biz_opaque_callback_data` with a message, so that a status can name
/// the message even when the send's answer never reached us (a crash, a timeout).
pub fn callback_for(message_id: i64) -> String {
    format!("buzon:{message_id}")
}

pub fn message_id_from_callback(callback: &str) -> Option<i64> {
    callback.strip_prefix("buzon:")?.parse().ok()
}

#[derive(Clone, Debug, PartialEq)]
pub struct MarketingPreference {
    pub contact: ContactRef,
    pub consent: MarketingConsent,
    pub at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateChange {
    Status {
        status: String,
        reason: Option<String>,
    },
    Quality {
        score: String,
    },
    Category {
        category: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateEvent {
    pub template_id: String,
    pub name: String,
    pub language: String,
    pub change: TemplateChange,
    pub at_ms: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum IngestEvent {
    /// Boxed: a message is far larger than the other events.
    Message(Box<InboundMessage>),
    Status(StatusUpdate),
    Marketing(MarketingPreference),
    Template(TemplateEvent),
}

/// What a delivery changed, for the log, the tests and (later) the live updates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IngestReport {
    pub messages_stored: u32,
    pub duplicates: u32,
    pub statuses_applied: u32,
    /// Statuses that were older than what the message already had.
    pub statuses_stale: u32,
    /// Statuses for messages not (yet) known; kept and applied when the message is.
    pub statuses_backlogged: u32,
    pub contacts_created: u32,
    pub contacts_merged: u32,
    pub templates_updated: u32,
    pub conversations: Vec<i64>,
    pub messages: Vec<i64>,
    /// The customers' new messages, in the order received (the bot answers them).
    pub inbound: Vec<i64>,
    /// Campaigns whose figures moved.
    pub campaigns: Vec<i64>,
}

/// A stored message as far as ingestion needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownMessage {
    pub id: i64,
    pub conversation_id: i64,
    /// `None` for inbound messages.
    pub status: Option<DeliveryStatus>,
}

/// One change of a contact's marketing consent, as kept in their history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentChange {
    pub consent: MarketingConsent,
    pub source: ConsentSource,
    /// The keyword written, the agent's reason, Meta's words.
    pub note: Option<String>,
    /// The agent who made the change.
    pub actor_id: Option<i64>,
    pub at_ms: i64,
}

/// A new inbound message row.
pub struct NewInbound<'a> {
    pub conversation_id: i64,
    pub contact_id: i64,
    pub message: &'a InboundMessage,
    pub now_ms: i64,
}

/// The database operations ingestion needs, all inside one open transaction.
#[async_trait::async_trait]
pub trait IngestTx: super::campaign_ingest::CampaignTx + Send {
    async fn contact_by_wa_id(&mut self, wa_id: &str) -> Result<Option<i64>, StoreError>;
    async fn contact_by_user_id(&mut self, user_id: &str) -> Result<Option<i64>, StoreError>;
    async fn insert_contact(&mut self, who: &ContactRef, now_ms: i64) -> Result<i64, StoreError>;
    /// Fills in ids the contact lacks and refreshes its profile name and username.
    async fn update_contact(
        &mut self,
        id: i64,
        who: &ContactRef,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Moves `absorb`'s conversations and messages to `keep` (joining their unresolved
    /// conversations into one), takes over its ids, and deletes it.
    async fn merge_contacts(
        &mut self,
        keep: i64,
        absorb: i64,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Sets a new phone id after a number change, unless another contact has it.
    async fn change_wa_id(&mut self, id: i64, wa_id: &str, now_ms: i64) -> Result<(), StoreError>;
    async fn change_user_id(
        &mut self,
        id: i64,
        user_id: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;

    async fn message_by_wamid(&mut self, wamid: &str) -> Result<Option<KnownMessage>, StoreError>;
    async fn unresolved_conversation(&mut self, contact_id: i64)
        -> Result<Option<i64>, StoreError>;
    /// A new conversation: with the bot when it is on, unless `to_people`.
    async fn insert_conversation(
        &mut self,
        contact_id: i64,
        referral: Option<&Referral>,
        to_people: bool,
        now_ms: i64,
    ) -> Result<i64, StoreError>;
    async fn insert_inbound(&mut self, new: NewInbound<'_>) -> Result<i64, StoreError>;
    /// Queues the media of a new inbound message for fetching.
    async fn note_media(
        &mut self,
        message_id: i64,
        media: &crate::domain::message::Media,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Records that message `message_id` came in at `at_ms`: the conversation's last activity,
    /// preview and unread count, and when `from_customer`, the contact's latest inbound time
    /// (the 24-hour window), the start of their wait and the end of a snooze.
    async fn note_inbound(
        &mut self,
        contact_id: i64,
        conversation_id: i64,
        message_id: i64,
        at_ms: i64,
        from_customer: bool,
    ) -> Result<(), StoreError>;

    /// Keeps the desk language the contact was just seen writing in.
    async fn note_language(
        &mut self,
        contact_id: i64,
        language: crate::i18n::Lang,
        now_ms: i64,
    ) -> Result<(), StoreError>;

    async fn set_status(
        &mut self,
        message_id: i64,
        update: &StatusUpdate,
    ) -> Result<(), StoreError>;
    async fn backlog_status(&mut self, update: &StatusUpdate) -> Result<(), StoreError>;
    /// Keeps the pricing of outbound message `message_id`, unless it has some already.
    async fn set_pricing(&mut self, message_id: i64, pricing: &Pricing) -> Result<(), StoreError>;
    /// Gives outbound message `message_id`, still without a wamid, the wamid Meta reported.
    async fn adopt_wamid(
        &mut self,
        message_id: i64,
        wamid: &str,
    ) -> Result<Option<KnownMessage>, StoreError>;

    /// Applies a consent change (and adds it to the contact's history) unless a newer one was
    /// already recorded; says whether it applied.
    async fn set_marketing(
        &mut self,
        contact_id: i64,
        change: &ConsentChange,
    ) -> Result<bool, StoreError>;
    /// The contact an outbound message was sent to.
    async fn contact_of_message(&mut self, message_id: i64) -> Result<Option<i64>, StoreError>;
    /// WhatsApp said the contact's number cannot receive messages (131026): kept on the contact
    /// until they write or a message reaches them.
    async fn mark_unreachable(
        &mut self,
        contact_id: i64,
        code: i64,
        at_ms: i64,
    ) -> Result<(), StoreError>;
    /// The language the contact writes in, when known.
    async fn contact_language(
        &mut self,
        contact_id: i64,
    ) -> Result<Option<crate::i18n::Lang>, StoreError>;
    /// A team setting, read inside the transaction.
    async fn setting(&mut self, key: &str) -> Result<Option<String>, StoreError>;
    /// Queues a text from the desk (not a person) to the conversation's customer, in this
    /// transaction: the outbound worker sends it after the commit.
    async fn queue_desk_text(
        &mut self,
        conversation_id: i64,
        text: &str,
        now_ms: i64,
    ) -> Result<i64, StoreError>;
    async fn apply_template_event(
        &mut self,
        event: &TemplateEvent,
        now_ms: i64,
    ) -> Result<(), StoreError>;
}

/// Files every event of one delivery. The caller commits the transaction afterwards, and
/// only then answers Meta.
pub async fn apply(
    tx: &mut dyn IngestTx,
    events: &[IngestEvent],
    now_ms: i64,
) -> Result<IngestReport, StoreError> {
    let mut report = IngestReport::default();
    for event in events {
        match event {
            IngestEvent::Message(m) => inbound(tx, m, now_ms, &mut report).await?,
            IngestEvent::Status(s) => status(tx, s, now_ms, &mut report).await?,
            IngestEvent::Marketing(p) => {
                if let Some(contact) = contact(tx, &p.contact, now_ms, &mut report).await? {
                    let change = ConsentChange {
                        consent: p.consent,
                        source: ConsentSource::WhatsApp,
                        note: None,
                        actor_id: None,
                        at_ms: p.at_ms,
                    };
                    tx.set_marketing(contact, &change).await?;
                }
            }
            IngestEvent::Template(t) => {
                tx.apply_template_event(t, now_ms).await?;
                report.templates_updated += 1;
                // A campaign never goes on with a template Meta paused or disabled.
                if let TemplateChange::Status { status, .. } = &t.change {
                    if matches!(status.as_str(), "PAUSED" | "DISABLED") {
                        let stopped = tx
                            .stop_campaigns_of_template(&t.name, status, now_ms)
                            .await?;
                        report.campaigns.extend(stopped);
                    }
                }
            }
        }
    }
    report.conversations.sort_unstable();
    report.conversations.dedup();
    report.campaigns.sort_unstable();
    report.campaigns.dedup();
    Ok(report)
}

/// The stored contact for `who`, created or linked as needed; `None` when the payload names
/// no id at all.
async fn contact(
    tx: &mut dyn IngestTx,
    who: &ContactRef,
    now_ms: i64,
    report: &mut IngestReport,
) -> Result<Option<i64>, StoreError> {
    if who.is_empty() {
        return Ok(None);
    }
    let by_wa_id = match &who.wa_id {
        Some(w) => tx.contact_by_wa_id(w).await?,
        None => None,
    };
    let by_user_id = match &who.user_id {
        Some(u) => tx.contact_by_user_id(u).await?,
        None => None,
    };
    let id = match link(by_wa_id, by_user_id) {
        Link::Create => {
            report.contacts_created += 1;
            return tx.insert_contact(who, now_ms).await.map(Some);
        }
        Link::Existing(id) => id,
        Link::Merge { keep, absorb } => {
            tx.merge_contacts(keep, absorb, now_ms).await?;
            report.contacts_merged += 1;
            keep
        }
    };
    tx.update_contact(id, who, now_ms).await?;
    Ok(Some(id))
}

async fn inbound(
    tx: &mut dyn IngestTx,
    message: &InboundMessage,
    now_ms: i64,
    report: &mut IngestReport,
) -> Result<(), StoreError> {
    if tx.message_by_wamid(&message.wamid).await?.is_some() {
        report.duplicates += 1;
        return Ok(());
    }
    let Some(contact_id) = contact(tx, &message.from, now_ms, report).await? else {
        tracing::warn!(wamid = %message.wamid, "inbound message without any sender id; dropped");
        return Ok(());
    };
    let campaign =
        campaign_ingest::reply_routing(tx, contact_id, &message.body, message.sent_at_ms).await?;
    let (conversation_id, created) = match tx.unresolved_conversation(contact_id).await? {
        Some(id) => (id, false),
        None => {
            let to_people = campaign
                .as_ref()
                .is_some_and(|c| campaign_ingest::to_people(c, &message.body));
            let id = tx
                .insert_conversation(contact_id, message.referral.as_ref(), to_people, now_ms)
                .await?;
            (id, true)
        }
    };
    // The campaign's message shows before the answer to it.
    if let Some(reply) = &campaign {
        let answer = campaign_ingest::Answer {
            body: &message.body,
            at_ms: message.sent_at_ms,
            conversation_id,
            created,
        };
        campaign_ingest::replied(tx, reply, answer, now_ms, report).await?;
    }
    let id = tx
        .insert_inbound(NewInbound {
            conversation_id,
            contact_id,
            message,
            now_ms,
        })
        .await?;
    if let MessageBody::Media(media) = &message.body {
        tx.note_media(id, media, now_ms).await?;
    }
    // A system notice (number change…) is WhatsApp talking, not the customer.
    let from_customer = !matches!(message.body, MessageBody::System { .. });
    tx.note_inbound(
        contact_id,
        conversation_id,
        id,
        message.sent_at_ms,
        from_customer,
    )
    .await?;
    // What they write in decides the language of the desk's own texts to them.
    if let MessageBody::Text { body } = &message.body {
        if let Some(language) = crate::domain::language::detect(body) {
            tx.note_language(contact_id, language, now_ms).await?;
        }
    }
    let stopped = consent_keyword(tx, message, contact_id, conversation_id, now_ms).await?;
    if let (Some(reply), true) = (&campaign, stopped) {
        campaign_ingest::opted_out(tx, reply, message.sent_at_ms, report).await?;
    }
    if let MessageBody::System {
        new_wa_id,
        new_user_id,
        ..
    } = &message.body
    {
        if let Some(w) = new_wa_id {
            tx.change_wa_id(contact_id, w, now_ms).await?;
        }
        if let Some(u) = new_user_id {
            tx.change_user_id(contact_id, u, now_ms).await?;
        }
    }
    report.messages_stored += 1;
    report.messages.push(id);
    report.inbound.push(id);
    report.conversations.push(conversation_id);
    Ok(())
}

/// A stop or start keyword ("STOP", "Baja"), or a button carrying a consent payload, changes
/// the customer's marketing consent; the team's confirmation reply is queued in the same
/// transaction, only while the window the message opened is still open.
/// True when the customer opted out with it.
async fn consent_keyword(
    tx: &mut dyn IngestTx,
    message: &InboundMessage,
    contact_id: i64,
    conversation_id: i64,
    now_ms: i64,
) -> Result<bool, StoreError> {
    // A keyword is a word or two: longer texts never pay for reading the settings.
    let short = |t: &str| t.chars().count() <= crate::domain::consent::MAX_KEYWORD_CHARS;
    let candidate = match &message.body {
        MessageBody::Text { body } if short(body) => Some((body.as_str(), None)),
        MessageBody::TemplateButton { text, payload } => Some((text.as_str(), Some(payload))),
        MessageBody::InteractiveReply { id, title, .. } => Some((title.as_str(), Some(id))),
        _ => None,
    };
    let Some((said, payload)) = candidate else {
        return Ok(false);
    };
    let settings = ConsentSettings::from_setting(tx.setting(CONSENT_SETTING).await?.as_deref());
    let intent = match payload.and_then(|p| payload_intent(p)) {
        Some(consent) => Some((consent, ConsentSource::Button)),
        None => settings.intent(said).map(|c| {
            let source = if payload.is_some() {
                ConsentSource::Button
            } else {
                ConsentSource::Keyword
            };
            (c, source)
        }),
    };
    let Some((consent, source)) = intent else {
        return Ok(false);
    };
    let change = ConsentChange {
        consent,
        source,
        note: Some(said.trim().to_string()),
        actor_id: None,
        at_ms: message.sent_at_ms,
    };
    if !tx.set_marketing(contact_id, &change).await? {
        return Ok(false);
    }
    let stopped = consent == MarketingConsent::OptedOut;
    // A webhook delivered late may carry a keyword whose window has closed: no reply then.
    if crate::domain::window::may_send(true, Some(message.sent_at_ms), now_ms).is_err() {
        return Ok(stopped);
    }
    let language = match tx.contact_language(contact_id).await? {
        Some(lang) => lang,
        // Not known yet: the bot's (the business's) language.
        None => {
            tx.setting(crate::domain::bot::BOT_SETTING)
                .await?
                .and_then(|json| serde_json::from_str::<crate::domain::bot::BotConfig>(&json).ok())
                .unwrap_or_default()
                .language
        }
    };
    let text = match settings.reply(consent, language.code()) {
        Some(own) => own.to_string(),
        None => crate::domain::consent::built_in_reply(consent, language),
    };
    if !text.is_empty() {
        tx.queue_desk_text(conversation_id, &text, now_ms).await?;
    }
    Ok(stopped)
}

/// What a failure tells about the customer: 131026, the number cannot receive WhatsApp
/// messages (marked on the contact); 131050, they stopped marketing messages (their consent
/// becomes opted-out, source: Meta's refusal).
async fn failure_consequences(
    tx: &mut dyn IngestTx,
    message_id: i64,
    update: &StatusUpdate,
) -> Result<(), StoreError> {
    use crate::domain::message::meta_codes;
    let Some(error) = update
        .error
        .as_ref()
        .filter(|_| update.status == DeliveryStatus::Failed)
    else {
        return Ok(());
    };
    if error.code != meta_codes::UNDELIVERABLE && error.code != meta_codes::MARKETING_STOPPED {
        return Ok(());
    }
    let Some(contact_id) = tx.contact_of_message(message_id).await? else {
        return Ok(());
    };
    contact_consequences(tx, contact_id, update, error).await
}

/// [`failure_consequences`] for a campaign's message.
async fn campaign_consequences(
    tx: &mut dyn IngestTx,
    update: &StatusUpdate,
) -> Result<(), StoreError> {
    use crate::domain::message::meta_codes;
    let Some(error) = update
        .error
        .as_ref()
        .filter(|_| update.status == DeliveryStatus::Failed)
        .filter(|e| e.code == meta_codes::UNDELIVERABLE || e.code == meta_codes::MARKETING_STOPPED)
    else {
        return Ok(());
    };
    let Some(recipient) = tx.recipient_by_wamid(&update.wamid).await? else {
        return Ok(());
    };
    contact_consequences(tx, recipient.contact_id, update, error).await
}

async fn contact_consequences(
    tx: &mut dyn IngestTx,
    contact_id: i64,
    update: &StatusUpdate,
    error: &MetaError,
) -> Result<(), StoreError> {
    use crate::domain::message::meta_codes;
    if error.code == meta_codes::UNDELIVERABLE {
        tx.mark_unreachable(contact_id, error.code, update.at_ms)
            .await?;
    } else {
        let change = ConsentChange {
            consent: MarketingConsent::OptedOut,
            source: ConsentSource::MetaRefusal,
            note: Some(format!("{} ({})", error.title, error.code)),
            actor_id: None,
            at_ms: update.at_ms,
        };
        tx.set_marketing(contact_id, &change).await?;
    }
    Ok(())
}

async fn status(
    tx: &mut dyn IngestTx,
    update: &StatusUpdate,
    now_ms: i64,
    report: &mut IngestReport,
) -> Result<(), StoreError> {
    let mut known = tx.message_by_wamid(&update.wamid).await?;
    if known.is_none() {
        // Sent, but the answer with the wamid was lost: the callback data names the message.
        if let Some(id) = update
            .callback
            .as_deref()
            .and_then(message_id_from_callback)
        {
            known = tx.adopt_wamid(id, &update.wamid).await?;
        }
    }
    match known {
        // A campaign's message (kept with its recipient until the customer answers).
        None if campaign_ingest::status(tx, update, now_ms, report).await? => {
            campaign_consequences(tx, update).await?;
        }
        None => {
            tx.backlog_status(update).await?;
            report.statuses_backlogged += 1;
        }
        Some(KnownMessage {
            status: Some(current),
            id,
            conversation_id,
        }) => {
            // Pricing counts even on a status that arrives late (a `sent` after `read`).
            if let Some(pricing) = &update.pricing {
                tx.set_pricing(id, pricing).await?;
            }
            // The campaign bubble shown in a conversation: its recipient moves too.
            campaign_ingest::status(tx, update, now_ms, report).await?;
            if current.advance(update.status).is_some() {
                tx.set_status(id, update).await?;
                failure_consequences(tx, id, update).await?;
                report.statuses_applied += 1;
                report.messages.push(id);
                report.conversations.push(conversation_id);
            } else {
                report.statuses_stale += 1;
            }
        }
        Some(KnownMessage { status: None, .. }) => {
            // A status about a message the customer sent: nothing to track.
            report.statuses_stale += 1;
        }
    }
    Ok(())
}

//! The one way a message is queued for WhatsApp. Every send path — the console's replies,
//! files, templates and retries, the admin's test message, and the API —
//! goes through [`queue`], which applies the window and the template rules before anything is
//! stored (the external bot's messages, written as bot turns, pass [`may_go_out`] too). The outbound worker checks the window once more just before it sends, for messages
//! that waited past the deadline.

use super::state::ServerState;
use super::store::{
    ContactKey, ContactRecord, MessageRecord, NewOutbound, StoreError, TemplateRecord,
};
use crate::domain::consent::{may_market, ConsentSettings, Reach, CONSENT_SETTING};
use crate::domain::outbound::Outbound;
use crate::domain::template_form::sendable;
use crate::domain::window::may_send;
use crate::error::{AppError, Conflict};

/// What a message written by a person does to an unassigned conversation.
///
/// The console claims it ([`Claiming::TakeOnReply`]): the agent who answers a waiting
/// customer is the one who carries on. The API does not ([`Claiming::LeaveAsIs`]): an API
/// token acts as its owner (an admin), and an order confirmation sent by a CRM must not make
/// that admin the assignee of every conversation the CRM writes to. Either way the team's
/// ownership rule applies: nobody writes into a conversation someone else has unless the
/// rule lets them (admins and supervisors may).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claiming {
    TakeOnReply,
    LeaveAsIs,
}

/// Checks and queues one message; the worker is woken to send it. A person's message claims
/// an unassigned conversation (the console's behaviour; see [`queue_with`]).
pub async fn queue(
    state: &ServerState,
    new: NewOutbound,
    now_ms: i64,
) -> Result<MessageRecord, AppError> {
    queue_with(state, new, Claiming::TakeOnReply, now_ms).await
}

/// [`queue`], saying whether a person's message claims an unassigned conversation.
pub async fn queue_with(
    state: &ServerState,
    new: NewOutbound,
    claiming: Claiming,
    now_ms: i64,
) -> Result<MessageRecord, AppError> {
    checked_queue(state, new, claiming, None, now_ms).await
}

/// [`queue_with`] for the one retry of the failed message `failed_id`: the same rules, and
/// [`Conflict::AlreadyRetried`] if it was sent again before (decided by the database).
pub async fn queue_retry(
    state: &ServerState,
    new: NewOutbound,
    failed_id: i64,
    claiming: Claiming,
    now_ms: i64,
) -> Result<MessageRecord, AppError> {
    checked_queue(state, new, claiming, Some(failed_id), now_ms).await
}

async fn checked_queue(
    state: &ServerState,
    new: NewOutbound,
    claiming: Claiming,
    retry_of: Option<i64>,
    now_ms: i64,
) -> Result<MessageRecord, AppError> {
    let store = &state.store;
    let conversation = store
        .conversation(new.conversation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let contact = store
        .contact(ContactKey::Id(conversation.contact_id))
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(author) = new.sender_user_id {
        take_on_reply(state, &conversation, author, claiming, now_ms).await?;
    }
    let template = may_go_out(state, &contact, &new.outbound, now_ms).await?;
    let estimate = estimate(state, &conversation, &contact, template.as_ref(), now_ms).await;
    let message = match retry_of {
        None => store.insert_outbound(new, now_ms).await?,
        Some(failed_id) => match store.insert_retry(new, failed_id, now_ms).await {
            Err(StoreError::Duplicate) => {
                return Err(AppError::Conflict {
                    conflict: Conflict::AlreadyRetried,
                })
            }
            other => other?,
        },
    };
    // What it should cost is kept beside what Meta will say it cost; a failure here costs the
    // report an estimate, never the message.
    if let Some((estimate, currency)) = estimate {
        if let Err(e) = store.note_estimate(message.id, &estimate, &currency).await {
            tracing::warn!(error = %e, message_id = message.id, "estimate not kept");
        }
    }
    state.whatsapp.outbound_queued();
    Ok(message)
}

/// What Meta will probably charge for a message (`domain::pricing::estimate`): `template` is
/// the approved template it sends, `None` for a free-form message. With the team's rules and
/// rate card; `None` when they cannot be read (logged).
async fn estimate(
    state: &ServerState,
    conversation: &super::store::ConversationRecord,
    contact: &ContactRecord,
    template: Option<&TemplateRecord>,
    now_ms: i64,
) -> Option<(crate::domain::pricing::Estimate, String)> {
    use crate::domain::pricing::{estimate, Content, SendFacts};
    let pricing = match super::pricing::settings(state).await {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = ?e, "pricing settings unreadable; no estimate");
            return None;
        }
    };
    let business = super::outreach::business_country(state).await.ok();
    let recipient = contact
        .wa_id
        .as_deref()
        .and_then(crate::domain::phone::country);
    let facts = SendFacts {
        content: match template {
            Some(t) => Content::Template(t.category.as_deref()),
            None => Content::FreeForm,
        },
        window_open: crate::domain::window::window(contact.last_inbound_at_ms, now_ms).is_open(),
        entry_point_open: super::templates::entry_point_open(conversation, now_ms),
        recipient_country: recipient.as_deref(),
        business_country: business.as_deref(),
        date: crate::domain::pricing::pricing_day(now_ms),
    };
    Some((
        estimate(&facts, &pricing.rules, &pricing.table),
        pricing.table.currency.clone(),
    ))
}

/// The window and template rules for `outbound` to `contact`: free-form only inside the
/// customer's 24-hour window; templates only approved, and marketing ones only as the
/// customer's consent and the team's opt-in rule allow (`domain::consent::may_market`).
/// Every queued message passes here, the bot's included.
pub async fn may_go_out(
    state: &ServerState,
    contact: &ContactRecord,
    outbound: &Outbound,
    now_ms: i64,
) -> Result<Option<TemplateRecord>, AppError> {
    may_go_out_as(state, contact, outbound, Reach::OneToOne, now_ms).await
}

/// The team's consent settings (keywords, replies, opt-in rules).
pub async fn consent_settings(state: &ServerState) -> Result<ConsentSettings, AppError> {
    let stored = state.store.setting(CONSENT_SETTING).await?;
    Ok(ConsentSettings::from_setting(stored.as_deref()))
}

/// [`may_go_out`] for a message sent one way or another (one to one, or a campaign's). A
/// template message gets its approved template back (what it will be billed as), read once.
pub async fn may_go_out_as(
    state: &ServerState,
    contact: &ContactRecord,
    outbound: &Outbound,
    reach: Reach,
    now_ms: i64,
) -> Result<Option<TemplateRecord>, AppError> {
    may_send(outbound.is_free_form(), contact.last_inbound_at_ms, now_ms).map_err(|closed| {
        AppError::WindowClosed {
            closed_at_ms: closed.closed_at_ms,
        }
    })?;
    if let Outbound::Template { name, language, .. } = outbound {
        let template = approved(state, name, language).await?;
        let explicit_opt_in = consent_settings(state).await?.explicit_opt_in(reach);
        may_market(
            template.category.as_deref(),
            contact.marketing,
            explicit_opt_in,
        )
        .map_err(|refusal| AppError::MarketingRefused { refusal })?;
        return Ok(Some(template));
    }
    Ok(None)
}

/// The team's ownership rule for a message written by user `author`: in a conversation
/// someone else has, only they or a supervisor may write (when the team says so); with
/// [`Claiming::TakeOnReply`] an unassigned conversation becomes the author's — atomically, so
/// two agents answering the same queued customer at once cannot both write to them.
async fn take_on_reply(
    state: &ServerState,
    conversation: &super::store::ConversationRecord,
    author: i64,
    claiming: Claiming,
    now_ms: i64,
) -> Result<(), AppError> {
    use super::store::Claim;
    use crate::domain::assignment::may_write;
    use crate::domain::inbox::{ConversationStatus, Viewer};
    let user = state
        .store
        .user_by_id(author)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let viewer = Viewer {
        user_id: user.id,
        role: user.role,
    };
    let owner_only = super::console::owner_only_replies(state).await?;
    let mut assignee = conversation.assignee_id;
    if claiming == Claiming::TakeOnReply
        && assignee.is_none()
        && conversation.status() != ConversationStatus::Resolved
    {
        match state
            .store
            .claim(conversation.id, author, Some(author), false, now_ms)
            .await?
        {
            Claim::Claimed(_) => assignee = Some(author),
            // A colleague took it a moment ago: they (or a supervisor) write now.
            Claim::Taken { by } => {
                assignee = state
                    .store
                    .conversation(conversation.id)
                    .await?
                    .and_then(|c| c.assignee_id);
                if !may_write(viewer, assignee, owner_only) {
                    return Err(AppError::AlreadyTaken { by });
                }
            }
            Claim::Resolved | Claim::Full => {}
        }
    }
    if may_write(viewer, assignee, owner_only) {
        return Ok(());
    }
    let name = match assignee {
        Some(id) => state.store.user_by_id(id).await?.map(|u| u.name),
        None => None,
    };
    Err(AppError::NotAssignee {
        assignee: name.unwrap_or_default(),
    })
}

/// The stored template `name` in `language`, if it is approved and agents can send it.
pub async fn approved(
    state: &ServerState,
    name: &str,
    language: &str,
) -> Result<TemplateRecord, AppError> {
    // A deleted template may share its name and language with the one that replaced it.
    let mut matching: Vec<TemplateRecord> = state
        .store
        .list_templates()
        .await?
        .into_iter()
        .filter(|t| t.name == name && t.language == language)
        .collect();
    matching.sort_by_key(|t| t.status != "APPROVED");
    let template = matching
        .into_iter()
        .next()
        .ok_or_else(|| AppError::TemplateUnavailable {
            status: "UNKNOWN".into(),
        })?;
    usable(template)
}

/// The template if it may be sent now: approved, and of a kind agents send.
pub fn usable(template: TemplateRecord) -> Result<TemplateRecord, AppError> {
    if template.status != "APPROVED" {
        return Err(AppError::TemplateUnavailable {
            status: template.status,
        });
    }
    sendable(template.category.as_deref(), &template.content).map_err(|_| {
        AppError::TemplateUnavailable {
            status: "NOT_SENDABLE".into(),
        }
    })?;
    Ok(template)
}

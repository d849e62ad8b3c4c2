//! What the console's server functions share: who is asking, what they may see, and how a
//! conversation is put together for the screen.

use super::auth;
use super::state::ServerState;
use super::store::{ContactRecord, ConversationRecord, UserRecord};
use crate::domain::inbox::{AgentVisibility, Viewer};
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::wire::inbox::{ContactView, ConversationDetail, PastConversation, ThreadPage};

/// The team setting: who sees which conversations.
pub const VISIBILITY_SETTING: &str = "agent_visibility";
/// The team setting: mark customers' messages read on WhatsApp when an agent opens them.
pub const READ_RECEIPTS_SETTING: &str = "read_receipts";
/// Messages per thread page.
pub const THREAD_PAGE: u32 = 50;

pub struct Asker {
    pub state: ServerState,
    pub user: UserRecord,
    pub viewer: Viewer,
    pub policy: AgentVisibility,
    /// How this user reads customers' numbers (masked for agents when the team says so).
    pub numbers: super::contacts::Numbers,
}

/// The signed-in user (any role) with their view of the inbox.
pub async fn asker() -> Result<Asker, AppError> {
    let (state, user) = auth::require(Role::Agent).await?;
    Asker::new(state, user).await
}

pub async fn policy(state: &ServerState) -> Result<AgentVisibility, AppError> {
    Ok(state
        .store
        .setting(VISIBILITY_SETTING)
        .await?
        .as_deref()
        .and_then(AgentVisibility::parse)
        .unwrap_or_default())
}

/// The team's "window closing soon" threshold.
pub async fn warning_ms(state: &ServerState) -> Result<i64, AppError> {
    Ok(crate::domain::window::warning_ms(
        state
            .store
            .setting(crate::domain::window::WARNING_SETTING)
            .await?
            .as_deref(),
    ))
}

/// The team setting: whether only the assignee (or a supervisor) may write to the customer.
pub async fn owner_only_replies(state: &ServerState) -> Result<bool, AppError> {
    use crate::domain::assignment::{flag, OWNER_ONLY_REPLIES_SETTING};
    Ok(flag(
        state
            .store
            .setting(OWNER_ONLY_REPLIES_SETTING)
            .await?
            .as_deref(),
        true,
    ))
}

/// `user_id` takes the conversation by hand. Atomic: when colleagues take it at the same
/// moment, exactly one succeeds and the others learn who has it.
pub async fn claim(
    state: &ServerState,
    conversation_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    use super::store::Claim;
    match state
        .store
        .claim(
            conversation_id,
            user_id,
            Some(user_id),
            false,
            super::now_ms(),
        )
        .await?
    {
        Claim::Claimed(_) => Ok(()),
        Claim::Taken { by } => Err(AppError::AlreadyTaken { by }),
        // A colleague resolved it meanwhile (capacity is not asked when taking by hand).
        Claim::Resolved | Claim::Full => Err(AppError::AlreadyTaken { by: None }),
    }
}

pub async fn read_receipts(state: &ServerState) -> Result<bool, AppError> {
    Ok(state.store.setting(READ_RECEIPTS_SETTING).await?.as_deref() != Some("false"))
}

impl Asker {
    pub async fn new(state: ServerState, user: UserRecord) -> Result<Asker, AppError> {
        let policy = policy(&state).await?;
        let viewer = Viewer {
            user_id: user.id,
            role: user.role,
        };
        let numbers = super::contacts::numbers_for(&state, user.role).await?;
        Ok(Asker {
            state,
            user,
            viewer,
            policy,
            numbers,
        })
    }

    /// The conversation and its contact, if this user may write free-form to the customer now:
    /// the conversation is visible to them and the customer's 24-hour window is open. For
    /// checks before costly work (uploading a file); `send::queue` decides again.
    pub async fn writable(
        &self,
        conversation_id: i64,
        now_ms: i64,
    ) -> Result<(ConversationRecord, ContactRecord), AppError> {
        let conversation = self.conversation(conversation_id).await?;
        let contact = self.contact(conversation.contact_id).await?;
        crate::domain::window::may_send(true, contact.last_inbound_at_ms, now_ms).map_err(
            |closed| AppError::WindowClosed {
                closed_at_ms: closed.closed_at_ms,
            },
        )?;
        Ok((conversation, contact))
    }

    /// The wamid of message `id` of this contact, to quote it in a reply.
    pub async fn quoted(
        &self,
        contact_id: i64,
        id: Option<i64>,
    ) -> Result<Option<String>, AppError> {
        let Some(id) = id else { return Ok(None) };
        let message = self
            .state
            .store
            .message(id)
            .await?
            .ok_or(AppError::NotFound)?;
        if message.contact_id != contact_id {
            return Err(AppError::NotFound);
        }
        Ok(message.wamid)
    }
    /// Whether this user may see a conversation assigned to `assignee`: the one rule every
    /// path asks (open, history, search, media, REST; the websocket asks `Viewer::can_see`).
    pub fn may_see(&self, assignee: Option<i64>) -> bool {
        self.viewer.can_see(self.policy, assignee)
    }

    /// The conversation, if this user may see it.
    pub async fn conversation(&self, id: i64) -> Result<ConversationRecord, AppError> {
        let conversation = self
            .state
            .store
            .conversation(id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !self.may_see(conversation.assignee_id) {
            return Err(AppError::NotYours);
        }
        Ok(conversation)
    }

    pub async fn contact(&self, id: i64) -> Result<ContactRecord, AppError> {
        self.state
            .store
            .contact(super::store::ContactKey::Id(id))
            .await?
            .ok_or(AppError::NotFound)
    }

    /// A page of the contact's history, oldest first, with whether more is older.
    pub async fn thread(
        &self,
        contact_id: i64,
        before_id: Option<i64>,
    ) -> Result<ThreadPage, AppError> {
        // Earlier conversations a restricted agent may not see stay out of the history.
        let restricted_to = self.viewer.restricted(self.policy).then_some(self.user.id);
        let mut records = self
            .state
            .store
            .contact_messages(contact_id, before_id, THREAD_PAGE + 1, restricted_to)
            .await?;
        let more = records.len() > THREAD_PAGE as usize;
        records.truncate(THREAD_PAGE as usize);
        records.reverse();
        Ok(ThreadPage {
            messages: records.iter().map(|m| m.view()).collect(),
            more,
        })
    }

    pub async fn detail(
        &self,
        conversation: &ConversationRecord,
    ) -> Result<ConversationDetail, AppError> {
        let store = &self.state.store;
        let summary = store
            .conversation_summary(conversation.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let contact = self.contact(conversation.contact_id).await?;
        let history: Vec<_> = store
            .conversations_of_contact(contact.id)
            .await?
            .into_iter()
            .filter(|c| self.may_see(c.assignee_id))
            .collect();
        // The ad is on the conversation it started; an older one may have brought them.
        let referral = conversation
            .referral
            .clone()
            .or_else(|| history.iter().rev().find_map(|c| c.referral.clone()));
        let conversations = history
            .into_iter()
            .rev()
            .map(|c| PastConversation {
                id: c.id,
                status: c.status(),
                started_at_ms: c.created_at_ms,
                last_message_at_ms: c.last_message_at_ms,
            })
            .collect();
        Ok(ConversationDetail {
            labels: summary.labels.clone(),
            summary: self.numbers.summary(summary),
            contact: self.contact_panel(&contact).await?,
            referral,
            conversations,
            thread: self.thread(contact.id, None).await?,
        })
    }

    /// The contact panel's contact of a conversation the asker may see: when its consent or
    /// reachability changed, the panel reads this alone rather than the whole conversation.
    pub async fn contact_of(&self, conversation_id: i64) -> Result<ContactView, AppError> {
        let conversation = self.conversation(conversation_id).await?;
        let contact = self.contact(conversation.contact_id).await?;
        self.contact_panel(&contact).await
    }

    async fn contact_panel(&self, contact: &ContactRecord) -> Result<ContactView, AppError> {
        Ok(self.numbers.contact(ContactView {
            consent_history: self.state.store.consent_history(contact.id).await?,
            ..contact_view(contact)
        }))
    }
}

pub fn contact_view(c: &ContactRecord) -> ContactView {
    ContactView {
        id: c.id,
        name: c
            .profile_name
            .clone()
            .or_else(|| c.wa_id.as_deref().map(crate::domain::phone::for_people))
            .or_else(|| c.username.clone())
            .or_else(|| c.user_id.clone())
            .unwrap_or_default(),
        profile_name: c.profile_name.clone(),
        wa_id: c.wa_id.clone(),
        user_id: c.user_id.clone(),
        username: c.username.clone(),
        phone: c.wa_id.as_deref().map(crate::domain::phone::for_people),
        phone_country: c.wa_id.as_deref().and_then(crate::domain::phone::country),
        marketing: c.marketing,
        attributes: c.attributes.clone(),
        last_inbound_at_ms: c.last_inbound_at_ms,
        language: c.language,
        unreachable_at_ms: c.unreachable.map(|(at, _)| at),
        // Read separately where shown (the console's contact panel, the API's contact).
        consent_history: Vec::new(),
    }
}

pub fn upload_view(u: &super::store::UploadRecord) -> crate::wire::picker::UploadView {
    crate::wire::picker::UploadView {
        id: u.id,
        kind: u.kind,
        mime_type: u.mime_type.clone(),
        filename: u.filename.clone(),
        size: u.size,
        uploaded_at_ms: u.uploaded_at_ms,
    }
}

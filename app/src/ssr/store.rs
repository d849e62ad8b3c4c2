//! The storage port. One object-safe trait, domain types in and out; the server crate has one
//! implementation per database and runs the same conformance suite against each.

use super::ingest::{IngestEvent, IngestReport};
use crate::domain::contacts::MarketingConsent;
use crate::domain::inbox::{ConversationStatus, Presence};
use crate::domain::message::{
    DeliveryStatus, MediaKind, MessageBody, MessageContext, MetaError, Referral,
};
use crate::domain::outbound::Outbound;
use crate::domain::roles::Role;
use crate::domain::templates::TemplateContent;
use crate::domain::throttle::Failures;
use crate::i18n::Lang;
use crate::wire::inbox::{
    ConversationSummary, Cursor, InboxCounts, InboxFilter, LabelView, MediaInfo, MessageView,
    Sender,
};
use crate::wire::{Me, UserView};
use std::collections::BTreeMap;

/// A user as stored, including the password hash. Never sent to a browser: convert with
/// [`UserRecord::view`] or [`UserRecord::me`].
#[derive(Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub capacity: u32,
    pub language: Option<Lang>,
    /// An IANA zone for reading times; `None` follows the business's.
    pub time_zone: Option<String>,
    pub disabled: bool,
    /// Bumped whenever the account's existing sessions must end (disable, password reset).
    pub auth_epoch: i64,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .field("disabled", &self.disabled)
            .field("auth_epoch", &self.auth_epoch)
            .finish_non_exhaustive()
    }
}

impl UserRecord {
    pub fn view(&self) -> UserView {
        UserView {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role,
            capacity: self.capacity,
            language: self.language,
            disabled: self.disabled,
            created_at_ms: self.created_at_ms,
        }
    }

    pub fn me(&self) -> Me {
        Me {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role,
        }
    }

    pub fn is_active_admin(&self) -> bool {
        self.role == Role::Admin && !self.disabled
    }
}

pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub capacity: u32,
    pub language: Option<Lang>,
}

/// One change to a user account.
#[derive(Clone)]
pub enum UserChange {
    Name(String),
    Role(Role),
    Capacity(u32),
    Language(Option<Lang>),
    /// An IANA zone already checked by the caller; `None` follows the business's.
    TimeZone(Option<String>),
    Disabled(bool),
    /// A new hash. `end_sessions` is false only when re-hashing the same password.
    PasswordHash {
        hash: String,
        end_sessions: bool,
    },
}

impl UserChange {
    /// Whether this change must sign the user out everywhere. A new role does: screens and
    /// sockets opened under the old one end with it, and the next sign-in gets the new one.
    pub fn ends_sessions(&self) -> bool {
        match self {
            UserChange::Disabled(disabled) => *disabled,
            UserChange::Role(_) => true,
            UserChange::PasswordHash { end_sessions, .. } => *end_sessions,
            _ => false,
        }
    }
}

/// A customer as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactRecord {
    pub id: i64,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub parent_user_id: Option<String>,
    pub profile_name: Option<String>,
    pub username: Option<String>,
    pub marketing: MarketingConsent,
    /// The customer's latest message: the 24-hour window runs from here.
    pub last_inbound_at_ms: Option<i64>,
    pub attributes: BTreeMap<String, String>,
    /// The desk language the customer writes in (detected from their messages), if known.
    pub language: Option<crate::i18n::Lang>,
    /// When WhatsApp last said the number cannot receive messages (131026), and the code.
    pub unreachable: Option<(i64, i64)>,
    pub created_at_ms: i64,
    /// Blocked by the business: their messages are kept, raise no notification and stay out
    /// of the queue.
    pub blocked_at_ms: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKey<'a> {
    Id(i64),
    WaId(&'a str),
    UserId(&'a str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConversationRecord {
    pub id: i64,
    pub contact_id: i64,
    pub status: String,
    pub assignee_id: Option<i64>,
    /// The Click-to-WhatsApp ad that started it, if any.
    pub referral: Option<Referral>,
    pub last_message_at_ms: i64,
    pub created_at_ms: i64,
}

impl ConversationRecord {
    pub fn status(&self) -> ConversationStatus {
        ConversationStatus::parse(&self.status).unwrap_or(ConversationStatus::Open)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Inbound,
    Outbound,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MessageRecord {
    pub id: i64,
    pub conversation_id: i64,
    pub contact_id: i64,
    pub wamid: Option<String>,
    pub direction: Direction,
    pub body: MessageBody,
    pub context: MessageContext,
    pub referral: Option<Referral>,
    /// Outbound only.
    pub status: Option<DeliveryStatus>,
    pub error: Option<MetaError>,
    pub sent_at_ms: i64,
    pub sender: Sender,
    pub sender_user_id: Option<i64>,
    pub sender_name: Option<String>,
    pub echo_id: Option<String>,
    /// The failed message this one sends again.
    pub retry_of: Option<i64>,
    /// The message that sent this failed one again (at most one: see `insert_retry`).
    pub retried_by: Option<i64>,
    /// For media the customer sent: where its download stands.
    pub media: Option<MediaInfo>,
    /// What the desk estimated when it queued the message, and what Meta says it charged.
    pub cost: Option<crate::wire::inbox::MessageCost>,
    /// The campaign it was sent by (its name), for a campaign's message in a conversation.
    pub campaign: Option<String>,
}

impl MessageRecord {
    pub fn view(&self) -> MessageView {
        MessageView {
            id: self.id,
            conversation_id: self.conversation_id,
            contact_id: self.contact_id,
            wamid: self.wamid.clone(),
            outbound: self.direction == Direction::Outbound,
            sender: self.sender,
            sender_user_id: self.sender_user_id,
            sender_name: self.sender_name.clone(),
            body: self.body.clone(),
            context: self.context.clone(),
            referral: self.referral.clone(),
            status: self.status,
            error: self.error.clone(),
            media: self.media.clone(),
            echo_id: self.echo_id.clone(),
            retried_by: self.retried_by,
            sent_at_ms: self.sent_at_ms,
            cost: self.cost.clone(),
            campaign: self.campaign.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateRecord {
    pub meta_id: String,
    pub name: String,
    pub language: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub category: Option<String>,
    pub quality: Option<String>,
    pub content: TemplateContent,
    pub updated_at_ms: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaState {
    /// Waiting to be fetched from Meta.
    Pending,
    /// In the media store under its sha256.
    Stored,
    /// Could not be fetched; `error` says why.
    Failed,
}

/// A customer's media file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaRecord {
    pub media_id: String,
    pub message_id: i64,
    pub kind: String,
    pub mime_type: Option<String>,
    pub filename: Option<String>,
    /// Hex SHA-256 of the stored bytes: the file's name in the media store.
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub state: MediaState,
    pub attempts: u32,
    pub error: Option<String>,
}

/// One template as the business account lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncedTemplate {
    pub meta_id: String,
    pub name: String,
    pub language: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub category: Option<String>,
    pub quality: Option<String>,
    pub content: TemplateContent,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SyncReport {
    pub templates: u32,
    /// Templates the account no longer lists; kept, marked DELETED.
    pub removed: u32,
}

/// A reply to send: stored `pending` at once, sent by the outbound worker.
#[derive(Clone, Debug, PartialEq)]
pub struct NewOutbound {
    pub conversation_id: i64,
    pub outbound: Outbound,
    /// The agent who wrote it; `None` for the bot.
    pub sender_user_id: Option<i64>,
    /// The message it answers (shown quoted on the customer's phone).
    pub reply_to: Option<String>,
    /// The console's id for it, echoed back on the stored message.
    pub echo_id: Option<String>,
}

/// Why a claimed message goes back to the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// Held back by our own pacing; it was never handed to Meta and the attempt does not count.
    Paced,
    /// Meta refused it for now (rate limit, outage): it was not sent.
    Refused,
    /// No answer came back (timeout, dropped connection): Meta may have it. It stays in doubt
    /// until a status names it or the grace period passes.
    InDoubt,
}

/// A pending message claimed by the outbound worker.
#[derive(Clone, Debug, PartialEq)]
pub struct OutboundJob {
    pub message_id: i64,
    pub contact_id: i64,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub outbound: Outbound,
    pub reply_to: Option<String>,
    /// Attempts including this one.
    pub attempts: u32,
    /// The customer's latest message, read when the job was claimed: a free-form message
    /// whose window closed while it waited is not sent.
    pub last_inbound_at_ms: Option<i64>,
}

/// A file uploaded to WhatsApp (for a template header), already in the media store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUpload {
    pub media_id: String,
    pub kind: MediaKind,
    pub mime_type: String,
    pub filename: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadRecord {
    pub id: i64,
    pub media_id: String,
    pub kind: MediaKind,
    pub mime_type: String,
    pub filename: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: Option<i64>,
    pub uploaded_at_ms: i64,
}

/// The conversation list a user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboxQuery {
    pub filter: InboxFilter,
    /// Who asks: "Mine" is theirs.
    pub me: i64,
    /// Only conversations unassigned or assigned to `me` (see `domain::inbox::Viewer`).
    pub restricted: bool,
    /// Rows after this one.
    pub after: Option<Cursor>,
    pub limit: u32,
    /// For the window filters.
    pub now_ms: i64,
    pub warning_ms: i64,
}

/// Something changed that connected consoles should hear about. Stored changes carry ids only:
/// each server instance loads the rows once. In PostgreSQL mode they travel by `pg_notify`
/// inside the writing transaction, so every instance hears them after the commit.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "k", rename_all = "snake_case")]
pub enum Change {
    Message {
        id: i64,
    },
    Conversation {
        id: i64,
    },
    /// Team settings changed (who sees what).
    Settings,
    /// A label was created, changed or deleted: consoles reload their labels. One change
    /// however many conversations carry the label.
    Labels,
    /// Changes may have been missed (the PostgreSQL listener reconnected): consoles reload.
    Resync,
    Presence {
        user_id: i64,
        presence: Presence,
    },
    Typing {
        user_id: i64,
        conversation_id: i64,
    },
    Viewing {
        user_id: i64,
        conversation_id: Option<i64>,
    },
    /// A user's account changed in a way that ends sessions (role, password, disabled): their
    /// consoles check their session again at once.
    Account {
        user_id: i64,
    },
    /// A campaign or its recipients changed: supervisors' campaign screens reload its figures.
    Campaign {
        id: i64,
    },
    /// A session was signed out: its consoles close. `session` is the hash of its id
    /// (`auth::session_key`), never the id itself.
    SignedOut {
        session: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("already exists")]
    Duplicate,
    #[error("database is read-only: {0}")]
    ReadOnly(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Other(String),
}

/// What the agent console reads and writes. A part of [`Store`] of its own so that each
/// database implements it in one generated block.
#[async_trait::async_trait]
pub trait ConsoleStore: Send + Sync + 'static {
    /// The conversation list: one page of `query`, in the view's order.
    async fn inbox(&self, query: &InboxQuery) -> Result<Vec<ConversationSummary>, StoreError>;
    async fn conversation_summary(
        &self,
        id: i64,
    ) -> Result<Option<ConversationSummary>, StoreError>;
    /// How many conversations each view holds for `me`, and how many have unread messages.
    async fn inbox_counts(&self, me: i64, restricted: bool) -> Result<InboxCounts, StoreError>;
    async fn conversation(&self, id: i64) -> Result<Option<ConversationRecord>, StoreError>;
    /// A contact's history across all their conversations, newest first, older than
    /// `before_id`. `restricted_to: Some(user)`: only the conversations that user may see
    /// under the own-and-unassigned rule (`Viewer::can_see`: unassigned, or theirs).
    async fn contact_messages(
        &self,
        contact_id: i64,
        before_id: Option<i64>,
        limit: u32,
        restricted_to: Option<i64>,
    ) -> Result<Vec<MessageRecord>, StoreError>;
    /// A private note; never sent.
    async fn insert_note(
        &self,
        conversation_id: i64,
        author_id: i64,
        text: &str,
        echo_id: Option<String>,
        now_ms: i64,
    ) -> Result<MessageRecord, StoreError>;
    /// Gives the conversation to `assignee` (or nobody), with an activity line by `actor`.
    async fn assign(
        &self,
        conversation_id: i64,
        assignee: Option<i64>,
        actor: Option<i64>,
        now_ms: i64,
    ) -> Result<ConversationRecord, StoreError>;
    /// Moves the conversation to `status`, with an activity line by `actor`. Reopening fails
    /// with `Duplicate` when the contact already has another unresolved conversation.
    async fn set_conversation_status(
        &self,
        conversation_id: i64,
        status: ConversationStatus,
        snoozed_until_ms: Option<i64>,
        actor: Option<i64>,
        now_ms: i64,
    ) -> Result<ConversationRecord, StoreError>;
    /// An agent opened it: unread goes to zero. Returns the customer's latest message's wamid
    /// when there was something unread (to mark it read on WhatsApp).
    async fn mark_read(&self, conversation_id: i64) -> Result<Option<String>, StoreError>;
    async fn set_contact_attributes(
        &self,
        contact_id: i64,
        attributes: &BTreeMap<String, String>,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Labels by name.
    async fn labels(&self) -> Result<Vec<LabelView>, StoreError>;
    /// Puts the label on the conversation (`on`) or takes it off, with an activity line.
    async fn label_conversation(
        &self,
        conversation_id: i64,
        label_id: i64,
        on: bool,
        actor: Option<i64>,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Records the file of an outbound media message, already in the media store.
    async fn attach_media(
        &self,
        message_id: i64,
        media: &crate::domain::message::Media,
        sha256: &str,
        size: i64,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    async fn setting(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn put_setting(&self, key: &str, value: &str, now_ms: i64) -> Result<(), StoreError>;
    /// Remembers a file uploaded to WhatsApp for a template header.
    async fn record_upload(
        &self,
        upload: &NewUpload,
        now_ms: i64,
    ) -> Result<UploadRecord, StoreError>;
    async fn upload(&self, id: i64) -> Result<Option<UploadRecord>, StoreError>;
    /// `user`'s uploads of `kind` since `since_ms`, newest first.
    async fn recent_uploads(
        &self,
        user: i64,
        kind: MediaKind,
        since_ms: i64,
        limit: u32,
    ) -> Result<Vec<UploadRecord>, StoreError>;
}

/// The Labels screen: label definitions (conversations are labelled through
/// [`ConsoleStore::label_conversation`]). Implemented in `server/src/db/labels.rs`.
#[async_trait::async_trait]
pub trait LabelStore: Send + Sync + 'static {
    /// Every label with its description and how many conversations carry it, by name
    /// ignoring case.
    async fn label_definitions(
        &self,
    ) -> Result<Vec<crate::wire::inbox::LabelDefinition>, StoreError>;
    /// `Duplicate` when another label has the same name ignoring case (`name_key`).
    async fn create_label(
        &self,
        label: &crate::domain::labels::LabelDraft,
        now_ms: i64,
    ) -> Result<LabelView, StoreError>;
    /// Renames, recolours and redescribes it; `Duplicate` on a name another label has.
    async fn update_label(
        &self,
        id: i64,
        label: &crate::domain::labels::LabelDraft,
        now_ms: i64,
    ) -> Result<LabelView, StoreError>;
    /// Deletes the label and takes it off every conversation. Returns how many carried it.
    async fn delete_label(&self, id: i64) -> Result<u64, StoreError>;
}

/// Quick replies, shared and personal. Implemented in `server/src/db/quick_replies.rs`.
#[async_trait::async_trait]
pub trait QuickReplyStore: Send + Sync + 'static {
    /// The shared replies and `user_id`'s own, by shortcut (their own first on a tie).
    async fn quick_replies(
        &self,
        user_id: i64,
    ) -> Result<Vec<crate::domain::quick_replies::QuickReply>, StoreError>;
    async fn quick_reply(
        &self,
        id: i64,
    ) -> Result<Option<crate::domain::quick_replies::QuickReply>, StoreError>;
    /// A shared reply (`owner_id` `None`) or a user's own. `Duplicate` when that list already
    /// has the shortcut.
    async fn create_quick_reply(
        &self,
        owner_id: Option<i64>,
        fields: &crate::domain::quick_replies::QuickReplyFields,
        now_ms: i64,
    ) -> Result<crate::domain::quick_replies::QuickReply, StoreError>;
    /// Changes the text; the list it is in stays. `Duplicate` as for creating.
    async fn update_quick_reply(
        &self,
        id: i64,
        fields: &crate::domain::quick_replies::QuickReplyFields,
        now_ms: i64,
    ) -> Result<crate::domain::quick_replies::QuickReply, StoreError>;
    /// `NotFound` when there is no such reply.
    async fn delete_quick_reply(&self, id: i64) -> Result<(), StoreError>;
}

/// A user as assignment and the assignee picker see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentLoad {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
    pub capacity: u32,
    /// Open conversations assigned to them.
    pub open: u32,
    pub last_assigned_at_ms: Option<i64>,
}

/// How a claim ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    /// It is the claimant's now.
    Claimed(Box<ConversationRecord>),
    /// Someone else had it first (their name, if known).
    Taken { by: Option<String> },
    /// The claimant is at their capacity (only asked when claiming within capacity).
    Full,
    /// Resolved conversations are reopened, not claimed.
    Resolved,
}

/// Claiming, the queue, agents' load and snoozes that end. Implemented in
/// `server/src/db/assignment.rs`.
#[async_trait::async_trait]
pub trait AssignmentStore: Send + Sync + 'static {
    /// Gives an unassigned, unresolved conversation to `user_id` unless someone has it:
    /// atomic, so when several ask at once exactly one wins. With `within_capacity`, only
    /// while the user has fewer open conversations than their capacity. A bot's or snoozed
    /// conversation opens. The activity line names `actor` (`None`: auto-assignment).
    async fn claim(
        &self,
        conversation_id: i64,
        user_id: i64,
        actor: Option<i64>,
        within_capacity: bool,
        now_ms: i64,
    ) -> Result<Claim, StoreError>;
    /// Enabled users with their open conversations, by name.
    async fn agent_loads(&self) -> Result<Vec<AgentLoad>, StoreError>;
    /// Open, unassigned conversations, longest wait first.
    async fn queued(&self, limit: u32) -> Result<Vec<i64>, StoreError>;
    /// Gives `user_id`'s open conversations back to the queue (they went offline), each with
    /// an activity line. Returns their ids.
    async fn return_to_queue(&self, user_id: i64, now_ms: i64) -> Result<Vec<i64>, StoreError>;
    /// Opens up to `limit` conversations whose timed snooze ended by `now_ms`, each with an
    /// activity line. Returns their ids.
    async fn wake_snoozed(&self, now_ms: i64, limit: u32) -> Result<Vec<i64>, StoreError>;
}

/// A conversation as the bot sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct BotConversation {
    pub id: i64,
    pub contact_id: i64,
    pub status: ConversationStatus,
    pub state: crate::domain::bot::engine::BotState,
    /// Bumped by every turn the bot writes: a turn computed from an older state is refused.
    pub turn: i64,
    pub started_at_ms: Option<i64>,
}

/// What one bot turn writes, all in one transaction, and only if the conversation is still
/// the bot's at `expected_turn` (an agent who took over meanwhile silences it).
#[derive(Clone, Debug, PartialEq)]
pub struct BotTurnWrite {
    pub conversation_id: i64,
    /// The customer's message this turn answers: its bot-inbox job is deleted with the turn,
    /// and a turn for a message already answered is [`BotTurnOutcome::AlreadyAnswered`].
    pub answering: Option<i64>,
    pub expected_turn: i64,
    pub state: crate::domain::bot::engine::BotState,
    /// Queued `pending` like every reply, sender `bot`, in this order.
    pub replies: Vec<Outbound>,
    pub end: Option<crate::domain::bot::engine::TurnEnd>,
}

/// How a bot turn was written.
#[derive(Clone, Debug, PartialEq)]
pub enum BotTurnOutcome {
    /// Stored: the ids of the queued replies.
    Written { messages: Vec<i64> },
    /// Not the bot's any more, or another turn came first: nothing was written.
    Superseded,
    /// Another worker answered this message first: nothing was written.
    AlreadyAnswered,
}

/// A customer's message waiting for the bot (see `BotStore::claim_bot_work`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BotJob {
    pub message_id: i64,
    pub conversation_id: i64,
    /// Earlier tries that ended in an error.
    pub attempts: u32,
}

/// What the bot did over a period (conversations that started with the bot in it).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BotReport {
    /// Conversations that started with the bot.
    pub handled: u64,
    /// Still with the bot.
    pub with_bot: u64,
    /// Resolved by the bot: the customer said they were done.
    pub resolved_confirmed: u64,
    /// Resolved by the bot: the customer went quiet after an answer.
    pub resolved_quiet: u64,
    /// Handed off, per reason (every reason listed, zeros included, in `HandoffReason::ALL` order).
    pub handed_off: Vec<(crate::domain::bot::HandoffReason, u64)>,
    /// An agent took it from the bot (Take over, Assign or a reply).
    pub taken_over: u64,
    /// Mean time from the first message to the handoff, over handed-off conversations.
    pub mean_time_to_handoff_ms: Option<i64>,
}

/// How many products a catalog import created and updated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportCounts {
    pub created: u64,
    pub updated: u64,
}

/// The bot's knowledge and its conversations. Implemented in `server/src/db/bot.rs`.
#[async_trait::async_trait]
pub trait BotStore: Send + Sync + 'static {
    /// By title.
    async fn faq_entries(&self) -> Result<Vec<crate::domain::bot::FaqEntry>, StoreError>;
    async fn create_faq_entry(
        &self,
        draft: &crate::domain::bot::FaqDraft,
        now_ms: i64,
    ) -> Result<crate::domain::bot::FaqEntry, StoreError>;
    /// `NotFound` when there is no such entry.
    async fn update_faq_entry(
        &self,
        id: i64,
        draft: &crate::domain::bot::FaqDraft,
        now_ms: i64,
    ) -> Result<crate::domain::bot::FaqEntry, StoreError>;
    async fn delete_faq_entry(&self, id: i64) -> Result<(), StoreError>;

    /// By name.
    async fn products(&self) -> Result<Vec<crate::domain::bot::Product>, StoreError>;
    /// `Duplicate` when another product has the SKU.
    async fn create_product(
        &self,
        draft: &crate::domain::bot::ProductDraft,
        now_ms: i64,
    ) -> Result<crate::domain::bot::Product, StoreError>;
    async fn update_product(
        &self,
        id: i64,
        draft: &crate::domain::bot::ProductDraft,
        now_ms: i64,
    ) -> Result<crate::domain::bot::Product, StoreError>;
    async fn delete_product(&self, id: i64) -> Result<(), StoreError>;
    /// In one transaction: a draft whose SKU a product has updates it, the others are added.
    async fn import_products(
        &self,
        drafts: &[crate::domain::bot::ProductDraft],
        now_ms: i64,
    ) -> Result<ImportCounts, StoreError>;

    async fn bot_conversation(&self, id: i64) -> Result<Option<BotConversation>, StoreError>;
    /// Claims up to `limit` due jobs of the bot inbox until `lease_until_ms`: the oldest of
    /// each conversation only (a conversation's messages are answered in order, one at a
    /// time), not claimed by anyone else whose lease still runs. Safe across instances.
    async fn claim_bot_work(
        &self,
        now_ms: i64,
        lease_until_ms: i64,
        limit: u32,
    ) -> Result<Vec<BotJob>, StoreError>;
    /// The job is done (no turn was needed); a turn deletes its job itself.
    async fn finish_bot_work(&self, message_id: i64) -> Result<(), StoreError>;
    /// The job failed: released, due again at `due_at_ms`, one more attempt counted.
    async fn postpone_bot_work(&self, message_id: i64, due_at_ms: i64) -> Result<(), StoreError>;
    /// Writes one turn (see [`BotTurnWrite`]). A handoff opens the conversation (queued,
    /// waiting since now) with a `HandedOff` activity line; a resolution resolves it with a
    /// `BotResolved` line; both record the outcome for reports.
    async fn bot_turn(
        &self,
        write: BotTurnWrite,
        now_ms: i64,
    ) -> Result<BotTurnOutcome, StoreError>;
    /// Resolves up to `limit` conversations still with the bot whose last message is the
    /// bot's and older than `silent_since_ms` (the customer went quiet). Returns their ids.
    async fn resolve_quiet_bot(
        &self,
        silent_since_ms: i64,
        now_ms: i64,
        limit: u32,
    ) -> Result<Vec<i64>, StoreError>;
    /// Hands every conversation still with the bot to people (the bot was switched off).
    async fn hand_off_all_bot(
        &self,
        reason: crate::domain::bot::HandoffReason,
        now_ms: i64,
    ) -> Result<Vec<i64>, StoreError>;
    /// Gives an open conversation back to the bot: unassigned, a fresh bot state, a
    /// `HandedToBot` line by `actor`.
    async fn return_to_bot(
        &self,
        id: i64,
        actor: Option<i64>,
        now_ms: i64,
    ) -> Result<ConversationRecord, StoreError>;
    /// Conversations that started with the bot between the two times.
    async fn bot_report(&self, since_ms: i64, until_ms: i64) -> Result<BotReport, StoreError>;
}

/// What the dashboard asks for at one moment. The bounds come from the domain (window and
/// period rules); the store only counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DashboardQuery {
    pub now_ms: i64,
    /// Conversations whose customer last wrote in `[closing_from_ms, closing_until_ms)` have a
    /// window closing within the next hour.
    pub closing_from_ms: i64,
    pub closing_until_ms: i64,
    /// Midnight today in the business's time zone.
    pub today_start_ms: i64,
    /// Failures and per-minute counts cover `[since_ms, now_ms)`: the last hour.
    pub since_ms: i64,
}

/// The event log's reads for the dashboard and the Reports screen. Implemented in
/// `server/src/db/reports.rs`; the events themselves are written by the other stores in the
/// transactions that change a conversation.
#[async_trait::async_trait]
pub trait ReportStore: Send + Sync + 'static {
    /// The facts of `[since_ms, until_ms)`: see `domain::reports::ReportFacts`.
    async fn report_facts(
        &self,
        since_ms: i64,
        until_ms: i64,
    ) -> Result<crate::domain::reports::ReportFacts, StoreError>;
    /// The live dashboard's figures.
    async fn dashboard(
        &self,
        query: DashboardQuery,
    ) -> Result<crate::wire::reports::DashboardSnapshot, StoreError>;
}

#[async_trait::async_trait]
pub trait Store:
    ConsoleStore
    + LabelStore
    + QuickReplyStore
    + AssignmentStore
    + BotStore
    + ReportStore
    + super::integration_store::IntegrationStore
    + super::outreach_store::OutreachStore
    + super::campaign_store::CampaignStore
    + super::campaign_list_store::CampaignListStore
    + super::contact_store::ContactStore
    + super::contact_store::AuditStore
    + super::protection_store::ProtectionStore
{
    /// A cheap round trip, for readiness checks.
    async fn ping(&self) -> Result<(), StoreError>;

    async fn create_user(&self, user: NewUser, now_ms: i64) -> Result<UserRecord, StoreError>;
    async fn user_by_id(&self, id: i64) -> Result<Option<UserRecord>, StoreError>;
    /// `email` is already normalised (trimmed, lower-case).
    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError>;
    /// All users, ordered by email.
    async fn list_users(&self) -> Result<Vec<UserRecord>, StoreError>;
    /// Applies one change; bumps `auth_epoch` when [`UserChange::ends_sessions`].
    async fn update_user(
        &self,
        id: i64,
        change: UserChange,
        now_ms: i64,
    ) -> Result<UserRecord, StoreError>;
    async fn count_active_admins(&self) -> Result<u64, StoreError>;

    /// Applies one webhook delivery in one transaction: all of it or nothing.
    async fn ingest(&self, events: &[IngestEvent], now_ms: i64)
        -> Result<IngestReport, StoreError>;
    async fn contact(&self, key: ContactKey<'_>) -> Result<Option<ContactRecord>, StoreError>;
    /// Oldest first.
    async fn conversations_of_contact(
        &self,
        contact_id: i64,
    ) -> Result<Vec<ConversationRecord>, StoreError>;
    /// Oldest first.
    async fn messages_of_conversation(
        &self,
        conversation_id: i64,
    ) -> Result<Vec<MessageRecord>, StoreError>;
    async fn message_by_wamid(&self, wamid: &str) -> Result<Option<MessageRecord>, StoreError>;
    async fn template(&self, meta_id: &str) -> Result<Option<TemplateRecord>, StoreError>;
    async fn media(&self, media_id: &str) -> Result<Option<MediaRecord>, StoreError>;
    /// Pending media whose next attempt is due, oldest first.
    async fn media_due(&self, now_ms: i64, limit: u32) -> Result<Vec<MediaRecord>, StoreError>;
    async fn media_stored(
        &self,
        media_id: &str,
        sha256: &str,
        mime_type: &str,
        size: i64,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// A fetch failed: try again at `next_attempt_ms`, or give up (`None`) and keep the reason.
    async fn media_fetch_failed(
        &self,
        media_id: &str,
        next_attempt_ms: Option<i64>,
        error: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Templates ordered by name and language.
    async fn list_templates(&self) -> Result<Vec<TemplateRecord>, StoreError>;
    /// Replaces the templates with the account's full list, in one transaction: listed ones
    /// are inserted or updated, unlisted ones marked DELETED.
    async fn sync_templates(
        &self,
        templates: Vec<SyncedTemplate>,
        now_ms: i64,
    ) -> Result<SyncReport, StoreError>;
    async fn message(&self, id: i64) -> Result<Option<MessageRecord>, StoreError>;
    /// The unresolved conversation with the customer at this phone number, creating the
    /// contact and the conversation when there are none (a business-initiated message).
    async fn conversation_for_phone(&self, wa_id: &str, now_ms: i64) -> Result<i64, StoreError>;
    /// Stores a reply as `pending`.
    async fn insert_outbound(
        &self,
        message: NewOutbound,
        now_ms: i64,
    ) -> Result<MessageRecord, StoreError>;
    /// Stores `message` as the one retry of the failed message `failed_id`, announcing both.
    /// [`StoreError::Duplicate`] when it was retried already (or did not fail): at most one
    /// retry ever, even for two clicks at once.
    async fn insert_retry(
        &self,
        message: NewOutbound,
        failed_id: i64,
        now_ms: i64,
    ) -> Result<MessageRecord, StoreError>;
    /// Meta accepted the message: record its wamid as `sent`, then apply any statuses that
    /// arrived for that wamid before we knew it.
    async fn mark_sent(
        &self,
        message_id: i64,
        wamid: &str,
        at_ms: i64,
    ) -> Result<MessageRecord, StoreError>;
    /// Claims up to `limit` pending messages that are due, oldest first, at most one per
    /// customer and never ahead of an earlier pending message to the same customer. A message
    /// handed to Meta without an answer (`send_started_at`) is only claimed again once that
    /// was before `in_doubt_before_ms`: a status webhook may still prove it was sent.
    async fn claim_outbound(
        &self,
        now_ms: i64,
        in_doubt_before_ms: i64,
        limit: u32,
    ) -> Result<Vec<OutboundJob>, StoreError>;
    /// The message goes back to the queue until `next_attempt_ms`.
    async fn retry_outbound(
        &self,
        message_id: i64,
        next_attempt_ms: i64,
        why: Retry,
        error: Option<MetaError>,
    ) -> Result<(), StoreError>;
    /// A send failed for good: the message shows Meta's error.
    async fn fail_outbound(
        &self,
        message_id: i64,
        error: MetaError,
        at_ms: i64,
    ) -> Result<MessageRecord, StoreError>;

    /// Changes made by this or (PostgreSQL) any instance, after their commit.
    fn changes(&self) -> tokio::sync::broadcast::Receiver<Change>;
    /// Publishes a change that is not stored (presence, typing, viewing) to every instance.
    async fn signal(&self, change: Change) -> Result<(), StoreError>;

    async fn login_failures(&self, key: &str) -> Result<Option<Failures>, StoreError>;
    /// Claims an attempt for every key at once (`throttle::claim`), in one transaction that
    /// serialises concurrent claims of the same keys: granted attempts already count as
    /// failures; a success clears them.
    async fn claim_login_attempt(
        &self,
        keys: &[String],
        now_ms: i64,
    ) -> Result<crate::domain::throttle::AttemptClaim, StoreError>;
    async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError>;

    /// Remembers a signed-out session (by `auth::session_key`) until `until_ms`, when it would
    /// have expired anyway: a request still in flight when its user signed out saves the
    /// session back (every request renews it), and must not bring it back to life.
    async fn revoke_session(&self, key: &str, until_ms: i64, now_ms: i64)
        -> Result<(), StoreError>;
    async fn session_revoked(&self, key: &str, now_ms: i64) -> Result<bool, StoreError>;
}

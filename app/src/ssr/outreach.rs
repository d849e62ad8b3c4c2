//! The desk speaking first: finding whom to write to, and starting a conversation with its
//! first message. Used by the console's "New conversation" dialog and by the API's
//! `POST /conversations`; the message goes through the one send gate (`send::queue_with`),
//! which is checked before anything is stored, so a refused first message leaves no empty
//! conversation or contact behind.

use super::console::Asker;
use super::send::{self, Claiming};
use super::store::{ContactKey, ContactRecord, MessageRecord, NewOutbound};
use super::{now_ms, ServerState};
use crate::domain::assignment::{flag, NEW_CONVERSATIONS_TO_SENDER_SETTING};
use crate::domain::outbound::Outbound;
use crate::domain::phone::{self, BUSINESS_COUNTRY_SETTING, DEFAULT_BUSINESS_COUNTRY};
use crate::domain::validation::{Field, Problem};
use crate::error::AppError;
use crate::wire::outreach::{FirstMessage, Recipient};

/// The business's country (ISO code): typed numbers without `+` are read in it.
pub async fn business_country(state: &ServerState) -> Result<String, AppError> {
    Ok(state
        .store
        .setting(BUSINESS_COUNTRY_SETTING)
        .await?
        .filter(|c| phone::countries().iter().any(|(id, _)| id == c))
        .unwrap_or_else(|| DEFAULT_BUSINESS_COUNTRY.to_string()))
}

/// Whom a recipient names: a stored contact, or a valid number nobody has written to yet.
pub enum Resolved {
    Known(ContactRecord),
    NewNumber(String),
}

impl Resolved {
    /// The contact as the rules see them now: a new number is a contact who never wrote and
    /// whose consent is unknown (`id` 0: not stored).
    pub fn as_is(&self) -> ContactRecord {
        match self {
            Resolved::Known(c) => c.clone(),
            Resolved::NewNumber(wa_id) => ContactRecord {
                id: 0,
                wa_id: Some(wa_id.clone()),
                user_id: None,
                parent_user_id: None,
                profile_name: None,
                username: None,
                marketing: Default::default(),
                last_inbound_at_ms: None,
                attributes: Default::default(),
                language: None,
                unreachable: None,
                created_at_ms: 0,
                blocked_at_ms: None,
            },
        }
    }
}

/// A typed number as WhatsApp's id, or why it is not one.
pub fn typed_number(number: &str, country: &str) -> Result<String, AppError> {
    phone::normalize(number, country).map_err(|_| AppError::Invalid {
        field: Field::Phone,
        problem: Problem::Malformed,
    })
}

pub async fn resolve(state: &ServerState, to: &Recipient) -> Result<Resolved, AppError> {
    let store = &state.store;
    match to {
        Recipient::Contact { id } => Ok(Resolved::Known(
            store
                .contact(ContactKey::Id(*id))
                .await?
                .ok_or(AppError::NotFound)?,
        )),
        Recipient::Phone { number, country } => {
            let wa_id = typed_number(number, country)?;
            // Brazil's ninth digit, Mexico's 1, Argentina's 9: the customer may be known under
            // the other spelling.
            for candidate in std::iter::once(wa_id.clone()).chain(phone::prefix_variants(&wa_id)) {
                if let Some(c) = store.contact(ContactKey::WaId(&candidate)).await? {
                    return Ok(Resolved::Known(c));
                }
            }
            Ok(Resolved::NewNumber(wa_id))
        }
    }
}

/// What the first message will be, built (and its template checked) before anything is
/// stored.
async fn outbound(
    state: &ServerState,
    user_id: i64,
    message: &FirstMessage,
) -> Result<(Outbound, Option<super::store::UploadRecord>), AppError> {
    match message {
        FirstMessage::Text { body } => Ok((
            Outbound::Text {
                body: crate::domain::validation::message_text(body)?.to_string(),
                preview_url: false,
            },
            None,
        )),
        FirstMessage::Template {
            meta_id,
            values,
            upload_id,
        } => {
            let store = &state.store;
            let template =
                store
                    .template(meta_id)
                    .await?
                    .ok_or_else(|| AppError::TemplateUnavailable {
                        status: "DELETED".into(),
                    })?;
            let template = send::usable(template)?;
            let upload = match upload_id {
                // Each person's header files are their own.
                Some(id) => Some(
                    store
                        .upload(*id)
                        .await?
                        .filter(|u| u.uploaded_by == Some(user_id))
                        .ok_or(AppError::NotFound)?,
                ),
                None => None,
            };
            let outbound =
                super::message_actions::template_outbound(&template, values, upload.as_ref())?;
            Ok((outbound, upload))
        }
    }
}

/// Starts (or continues) a conversation with `to` by sending `message` as user `author_id`.
/// `claiming` says whether the conversation becomes the author's: the console follows the
/// team setting, the API leaves it to the setting's queue choice as well (see
/// [`Claiming`]). Returns the conversation, whether it is new, and the queued message.
pub async fn start(
    asker: &Asker,
    to: &Recipient,
    message: &FirstMessage,
) -> Result<(super::Started, MessageRecord), AppError> {
    let state = &asker.state;
    let now = now_ms();
    let resolved = resolve(state, to).await?;
    let (outbound, upload) = outbound(state, asker.user.id, message).await?;
    // The gate first, on the contact as it is (a new number: never wrote, consent unknown).
    send::may_go_out(state, &resolved.as_is(), &outbound, now).await?;
    let contact = match resolved {
        Resolved::Known(c) => c,
        Resolved::NewNumber(wa_id) => state.store.contact_for_phone(&wa_id, now).await?,
    };
    let to_sender = flag(
        state
            .store
            .setting(NEW_CONVERSATIONS_TO_SENDER_SETTING)
            .await?
            .as_deref(),
        true,
    );
    let started = state
        .store
        .start_conversation(
            contact.id,
            to_sender.then_some(asker.user.id),
            asker.user.id,
            now,
        )
        .await?;
    // An existing conversation is written to under the usual rules: visible to the author,
    // and the team's ownership rule.
    if !started.created {
        asker.conversation(started.conversation_id).await?;
    }
    let claiming = if to_sender {
        Claiming::TakeOnReply
    } else {
        Claiming::LeaveAsIs
    };
    let queued = send::queue_with(
        state,
        NewOutbound {
            conversation_id: started.conversation_id,
            outbound,
            sender_user_id: Some(asker.user.id),
            reply_to: None,
            echo_id: None,
        },
        claiming,
        now,
    )
    .await?;
    if let Some(u) = upload {
        super::message_actions::attach_header(state, queued.id, &u).await;
    }
    tracing::info!(
        by = asker.user.id,
        conversation = started.conversation_id,
        created = started.created,
        "the desk wrote first"
    );
    Ok((started, queued))
}

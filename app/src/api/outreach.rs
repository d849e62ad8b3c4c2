//! The console's "New conversation": find whom to write to (a contact, or a typed number),
//! see what may be sent to them, and send the first message. And the contact panel's consent
//! change. Agents, supervisors and admins alike.

use crate::error::AppError;
use crate::wire::outreach::{
    ConsentUpdate, Prepared, Recipient, RecipientSearch, StartConversation, StartedConversation,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Contacts shown by the dialog's search.
#[cfg(feature = "ssr")]
const MATCHES: u32 = 8;

/// The countries of the number picker (ISO code, calling code) and the business's.
#[server(prefix = "/api", endpoint = "outreach/countries")]
pub async fn countries() -> Result<(Vec<(String, u16)>, String), AppError> {
    use crate::ssr::{console, outreach, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            Ok((
                crate::domain::phone::countries(),
                outreach::business_country(&asker.state).await?,
            ))
        }
        .await,
    )
}

/// Contacts whose name, phone or username has `query`, and `query` as a number read in
/// `country`.
#[server(prefix = "/api", endpoint = "outreach/search")]
pub async fn search_recipients(
    query: String,
    country: String,
) -> Result<RecipientSearch, AppError> {
    use crate::domain::phone;
    use crate::ssr::{console, outreach, state::respond};
    use crate::wire::outreach::ContactMatch;
    respond(
        async {
            let asker = console::asker().await?;
            let query = query.trim();
            if query.chars().count() > 100 {
                return Err(AppError::invalid((
                    crate::domain::validation::Field::Phone,
                    crate::domain::validation::Problem::TooLong { max: 100 },
                )));
            }
            // A number is searched by its digits, however it was typed.
            let digits: String = query.chars().filter(char::is_ascii_digit).collect();
            let is_number = !digits.is_empty()
                && query
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c));
            let needle = if is_number { digits.as_str() } else { query };
            let contacts = if needle.is_empty() {
                Vec::new()
            } else {
                asker
                    .state
                    .store
                    .contacts_page(Some(needle), None, MATCHES)
                    .await?
            };
            // The typed number, written back; masked when it is a known customer's (the
            // search must not confirm a masked number in full).
            let number = is_number
                .then(|| outreach::typed_number(query, &country).ok())
                .flatten()
                .map(|wa_id| {
                    if contacts
                        .iter()
                        .any(|c| c.wa_id.as_deref() == Some(wa_id.as_str()))
                    {
                        asker.numbers.phone(&wa_id)
                    } else {
                        phone::for_people(&wa_id)
                    }
                });
            Ok(RecipientSearch {
                contacts: contacts
                    .iter()
                    .map(|c| {
                        let view = asker.numbers.contact(console::contact_view(c));
                        ContactMatch {
                            id: c.id,
                            name: view.name,
                            phone: view.phone,
                            phone_country: view.phone_country,
                            username: c.username.clone(),
                        }
                    })
                    .collect(),
                number,
            })
        }
        .await,
    )
}

/// What may be sent to the chosen recipient: their window, consent and the templates.
#[server(name = PrepareConversation, prefix = "/api", endpoint = "outreach/prepare", input = Json)]
pub async fn prepare(to: Recipient) -> Result<Prepared, AppError> {
    use crate::domain::window::window;
    use crate::ssr::{console, now_ms, outreach, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let resolved = outreach::resolve(&asker.state, &to).await?;
            let contact = resolved.as_is();
            let recipient = match resolved {
                outreach::Resolved::Known(c) => Recipient::Contact { id: c.id },
                outreach::Resolved::NewNumber(_) => to,
            };
            let open_conversation = if contact.id == 0 {
                None
            } else {
                asker
                    .state
                    .store
                    .conversations_of_contact(contact.id)
                    .await?
                    .into_iter()
                    .find(|c| c.status != "resolved")
                    .map(|c| c.id)
            };
            // A number the agent typed is theirs to read; a known contact's follows masking.
            let numbers = if contact.id == 0 {
                crate::ssr::contacts::Numbers::FULL
            } else {
                asker.numbers
            };
            let view = numbers.contact(console::contact_view(&contact));
            Ok(Prepared {
                recipient,
                name: view.name,
                phone: view.phone,
                phone_country: view.phone_country,
                open_conversation,
                window: window(contact.last_inbound_at_ms, now_ms()),
                marketing: contact.marketing,
                unreachable_at_ms: contact.unreachable.map(|(at, _)| at),
                // The desk writing first is never a free entry point.
                picker: crate::ssr::templates::picker_data(&asker, &contact, false).await?,
            })
        }
        .await,
    )
}

/// Sends the first message and returns the conversation to open.
#[server(name = StartNewConversation, prefix = "/api", endpoint = "outreach/start", input = Json)]
pub async fn start_conversation(start: StartConversation) -> Result<StartedConversation, AppError> {
    use crate::ssr::{console, outreach, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let (started, message) = outreach::start(&asker, &start.to, &start.message).await?;
            Ok(StartedConversation {
                conversation_id: started.conversation_id,
                created: started.created,
                message_id: message.id,
            })
        }
        .await,
    )
}

/// An agent records a customer's marketing consent (an opt-in they gave by phone, an opt-out
/// they asked for in words), with the reason; written as an activity line.
#[server(name = ChangeConsent, prefix = "/api", endpoint = "outreach/consent", input = Json)]
pub async fn change_consent(update: ConsentUpdate) -> Result<(), AppError> {
    use crate::domain::consent::ConsentSource;
    use crate::domain::validation::required_consent_note;
    use crate::ssr::{console, ingest::ConsentChange, now_ms, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(update.conversation_id).await?;
            if conversation.contact_id != update.contact_id {
                return Err(AppError::NotFound);
            }
            let note = required_consent_note(&update.note).map_err(AppError::invalid)?;
            let change = ConsentChange {
                consent: update.consent,
                source: ConsentSource::Agent,
                note: Some(note),
                actor_id: Some(asker.user.id),
                at_ms: now_ms(),
            };
            asker
                .state
                .store
                .change_consent(update.contact_id, &change, Some(conversation.id))
                .await?;
            tracing::info!(by = asker.user.id, contact = update.contact_id, consent = ?update.consent, "consent changed by an agent");
            Ok(())
        }
        .await,
    )
}

//! What the "New conversation" dialog and the contact panel's consent section exchange with
//! the server.

use crate::domain::contacts::MarketingConsent;
use crate::domain::window::Window;
use crate::wire::picker::PickerData;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Whom the desk writes to: a known contact, or a number typed by the agent with the country
/// it is read in (ISO code) unless it starts with `+`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Recipient {
    Contact { id: i64 },
    Phone { number: String, country: String },
}

/// A contact the dialog's search found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactMatch {
    pub id: i64,
    pub name: String,
    /// Written for people, and its country.
    pub phone: Option<String>,
    pub phone_country: Option<String>,
    pub username: Option<String>,
}

/// The dialog's search: contacts, and (when the text is a number) that number as WhatsApp
/// would address it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientSearch {
    pub contacts: Vec<ContactMatch>,
    /// The typed number, normalised and written for people, when it is a valid one.
    pub number: Option<String>,
}

/// Everything the dialog shows once the recipient is chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prepared {
    pub recipient: Recipient,
    /// The contact's name, or the number written for people.
    pub name: String,
    pub phone: Option<String>,
    pub phone_country: Option<String>,
    /// The customer already has an unresolved conversation: the dialog opens it instead.
    pub open_conversation: Option<i64>,
    pub window: Window,
    pub marketing: MarketingConsent,
    /// WhatsApp said this number cannot receive messages (when).
    pub unreachable_at_ms: Option<i64>,
    /// The template picker's data, pre-filled from the contact.
    pub picker: PickerData,
}

/// The first message: free text (only inside the customer's window) or a template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FirstMessage {
    Text {
        body: String,
    },
    Template {
        meta_id: String,
        values: BTreeMap<String, String>,
        upload_id: Option<i64>,
    },
}

/// The dialog's send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartConversation {
    pub to: Recipient,
    pub message: FirstMessage,
}

/// A started conversation (or the customer's unresolved one, written to).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartedConversation {
    pub conversation_id: i64,
    pub created: bool,
    pub message_id: i64,
}

/// An agent changing a contact's marketing consent from the contact panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentUpdate {
    pub contact_id: i64,
    /// The conversation the agent is in: the change is written there as an activity line.
    pub conversation_id: i64,
    pub consent: MarketingConsent,
    /// Why (required: it is the business's proof of consent).
    pub note: String,
}

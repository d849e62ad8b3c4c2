//! What the console's template picker loads and sends.

use crate::domain::contacts::MarketingConsent;
use crate::domain::message::MediaKind;
use crate::domain::template_form::{PrefillSource, Unsendable};
use crate::domain::templates::TemplateContent;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An approved template as the picker lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerTemplate {
    pub meta_id: String,
    pub name: String,
    pub language: String,
    /// MARKETING, UTILITY or AUTHENTICATION.
    pub category: Option<String>,
    pub content: TemplateContent,
    /// Why agents cannot send it from the console, if they cannot.
    pub unsendable: Option<Unsendable>,
}

/// A file uploaded earlier for a template header (WhatsApp keeps it for 30 days).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadView {
    pub id: i64,
    pub kind: MediaKind,
    pub mime_type: String,
    pub filename: String,
    pub size: i64,
    pub uploaded_at_ms: i64,
}

/// Everything the picker needs for one conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerData {
    pub templates: Vec<PickerTemplate>,
    /// What variables are pre-filled from: the customer and the agent.
    pub prefill: PrefillSource,
    /// Marketing templates are refused when the customer opted out, and when they never
    /// opted in if the team requires that (`opt_in_required`).
    pub marketing: MarketingConsent,
    pub opt_in_required: bool,
    /// Recent header files, newest first, per kind.
    pub uploads: Vec<UploadView>,
    /// What a template of each category (`None`: free text) would cost this customer now, in
    /// `currency` (`domain::pricing::estimate`).
    #[serde(default)]
    pub costs: Vec<(
        Option<crate::domain::pricing::Category>,
        crate::domain::pricing::Estimate,
    )>,
    #[serde(default)]
    pub currency: String,
}

/// A template send: which template, the values by slot key, and the header file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSend {
    pub conversation_id: i64,
    pub meta_id: String,
    pub values: BTreeMap<String, String>,
    /// An upload from `PickerData::uploads` or just made, for a media header.
    pub upload_id: Option<i64>,
    pub echo_id: Option<String>,
}

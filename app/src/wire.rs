//! Types that cross the wire between server and browser. They never carry password hashes,
//! session ids or other secrets.

use crate::domain::roles::Role;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The signed-in user, as the browser sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// What every page needs first: who is signed in (if anyone) and which language to speak.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub me: Option<Me>,
    pub lang: Lang,
}

/// A row on the users screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub capacity: u32,
    pub language: Option<Lang>,
    pub disabled: bool,
    pub created_at_ms: i64,
}

/// A template on the Templates screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub meta_id: String,
    pub name: String,
    pub language: String,
    pub category: Option<String>,
    pub status: String,
    pub status_reason: Option<String>,
    pub quality: Option<String>,
    pub content: crate::domain::templates::TemplateContent,
    pub updated_at_ms: i64,
}

/// The Templates screen: the templates and how the last sync went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatesScreen {
    pub templates: Vec<TemplateView>,
    pub last_sync_at_ms: Option<i64>,
    /// Why the last sync failed, with Meta's code when Meta refused it.
    pub last_sync_error: Option<String>,
}

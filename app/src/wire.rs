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

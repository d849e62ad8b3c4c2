//! The `/contacts` screen (supervisors and admins): the list with its search, filters, order
//! and paging; `?id=N` opens a contact's page. Settings → Contact data is `settings`.

mod card;
mod list;
pub mod settings;
pub mod texts;

use super::frame::Page;
use crate::domain::roles::Area;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ContactsPage() -> impl IntoView {
    let query = use_query_map();
    let selected = move || query.with(|q| q.get("id").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <Page area=Area::Contacts>
            {move || match selected() {
                Some(id) => view! { <card::ContactCardView id /> }.into_any(),
                None => view! { <list::ContactList /> }.into_any(),
            }}
        </Page>
    }
}

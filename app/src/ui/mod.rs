//! The UI: the HTML shell, the router and one module per screen.

mod account;
mod audit;
pub(crate) mod bot;
pub(crate) mod campaigns;
pub mod clock;
mod consent_settings;
pub mod contacts;
pub(crate) mod costs;
mod dashboard;
mod frame;
mod inbox;
mod integrations;
mod labels;
mod login;
mod pages;
mod quick_replies;
pub(crate) mod reports;
mod settings;
mod task;
mod team_settings;
mod templates;
mod users;
mod widgets;

use crate::api::auth::get_session;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::wire::{Me, SessionInfo};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};
use std::sync::Arc;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="h-full bg-slate-50 text-slate-900 antialiased">
                <App />
            </body>
        </html>
    }
}

/// Who is signed in and in which language; fetched once per page load.
#[derive(Clone, Copy)]
pub struct SessionResource(pub Resource<Result<SessionInfo, AppError>>);

/// What a page inside the desk knows about its viewer.
#[derive(Clone)]
pub struct Viewer {
    pub me: Me,
    pub lang: Lang,
    /// The zone every time on screen is shown in (the person's, else the business's).
    pub zone: chrono_tz::Tz,
    /// The person's own zone, when they chose one.
    pub own_zone: Option<String>,
}

impl Viewer {
    pub fn t(&self) -> &'static Texts {
        self.lang.texts()
    }
}

/// Sets `<html lang>` once the page knows its language.
#[component]
pub fn DocumentLang(lang: Lang) -> impl IntoView {
    view! { <Html {..} lang=lang.code() /> }
}

pub fn use_viewer() -> Viewer {
    expect_context::<Viewer>()
}

/// Sets the HTTP status of the page being rendered on the server; a no-op in the browser.
#[derive(Clone)]
pub struct ResponseStatus(Arc<dyn Fn(u16) + Send + Sync>);

impl ResponseStatus {
    pub fn new(set: impl Fn(u16) + Send + Sync + 'static) -> Self {
        ResponseStatus(Arc::new(set))
    }
}

pub fn set_response_status(code: u16) {
    if let Some(ResponseStatus(set)) = use_context::<ResponseStatus>() {
        set(code);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let session = Resource::new_blocking(|| (), |_| get_session());
    provide_context(SessionResource(session));

    // Playwright waits for this marker: clicks before hydration would be lost.
    Effect::new(|| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Html {..} class="h-full" />
        <Stylesheet id="leptos" href="/pkg/buzon.css" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Buzón".to_string() } else { format!("{page} · Buzón") }
        } />
        <Router>
            <Routes fallback=pages::NotFound>
                <Route path=path!("/login") view=login::LoginPage ssr=SsrMode::Async />
                <Route path=path!("/") view=inbox::InboxPage ssr=SsrMode::Async />
                <Route path=path!("/dashboard") view=dashboard::DashboardPage ssr=SsrMode::Async />
                <Route path=path!("/reports") view=reports::ReportsPage ssr=SsrMode::Async />
                <Route
                    path=path!("/campaigns")
                    view=campaigns::CampaignsPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/contacts") view=contacts::ContactsPage ssr=SsrMode::Async />
                <Route
                    path=path!("/settings/contacts")
                    view=contacts::settings::ContactSettingsPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/audit") view=audit::AuditPage ssr=SsrMode::Async />
                <Route path=path!("/labels") view=labels::LabelsPage ssr=SsrMode::Async />
                <Route
                    path=path!("/quick-replies")
                    view=quick_replies::QuickRepliesPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/templates") view=templates::TemplatesPage ssr=SsrMode::Async />
                <Route path=path!("/bot") view=bot::BotPage ssr=SsrMode::Async />
                <Route path=path!("/settings") view=settings::SettingsPage ssr=SsrMode::Async />
                <Route path=path!("/settings/costs") view=costs::CostsPage ssr=SsrMode::Async />
                <Route
                    path=path!("/settings/integrations")
                    view=integrations::IntegrationsPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/users") view=users::UsersPage ssr=SsrMode::Async />
                <Route path=path!("/account") view=account::AccountPage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

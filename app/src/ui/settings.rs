//! The Settings screen (admins): the WhatsApp connection, the webhook to give Meta, recent
//! activity, and a connection check.

use super::frame::Page;
use super::use_viewer;
use super::widgets::{utc_time, ErrorNotice, BUTTON, CARD};
use crate::api::settings::{connection_settings, CheckConnection};
use crate::domain::roles::Area;
use crate::wire::ConnectionView;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <Page area=Area::Settings>
            <Settings />
        </Page>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let viewer = use_viewer();
    let t = viewer.t();
    let lang = viewer.lang;
    let check = ServerAction::<CheckConnection>::new();
    let loaded = Resource::new(|| (), |_| connection_settings());
    let outcome = move || {
        check.value().get().map(|r| match r {
            Ok(c) => {
                let class = if c.ok {
                    "rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
                } else {
                    "rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                };
                view! { <div role="status" data-testid="check-result" class=class>{c.message}</div> }.into_any()
            }
            Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
        })
    };
    view! {
        <Title text=t.settings />
        <header class="mb-6 flex flex-wrap items-start justify-between gap-4">
            <div>
                <h1 class="text-2xl font-semibold text-slate-900">{t.settings}</h1>
                <p class="mt-1 max-w-2xl text-sm text-slate-500">{t.settings_subtitle}</p>
            </div>
            <button
                type="button"
                class=BUTTON
                data-testid="check-connection"
                disabled=move || check.pending().get()
                on:click=move |_| {
                    check.dispatch(CheckConnection {});
                }
            >
                {move || if check.pending().get() { t.checking } else { t.check_connection }}
            </button>
        </header>
        <div class="mb-4 empty:hidden">{outcome}</div>
        <Transition fallback=move || view! { <p class="text-slate-400">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let initial = loaded.await;
                let current = match check.value().get() {
                    Some(Ok(c)) => Ok(c.connection),
                    _ => initial,
                };
                match current {
                    Ok(connection) => view! { <Connection connection /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Row(label: &'static str, value: Option<String>) -> impl IntoView {
    let t = use_viewer().t();
    let missing = value.is_none();
    view! {
        <div class="grid grid-cols-[10rem_1fr] gap-3 py-2 text-sm">
            <dt class="text-slate-500">{label}</dt>
            <dd class=if missing { "text-amber-700" } else { "break-all font-mono text-slate-900" }>
                {value.unwrap_or_else(|| t.not_set.to_string())}
            </dd>
        </div>
    }
}

#[component]
fn Connection(connection: ConnectionView) -> impl IntoView {
    let t = use_viewer().t();
    let problem = connection.last_error.clone().map(|(at, what)| {
        view! {
            <div role="alert" data-testid="last-problem" class="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
                {(t.last_problem)(&utc_time(at), &what)}
            </div>
        }
    });
    view! {
        {problem}
        <div class="grid gap-6 lg:grid-cols-2">
            <section class=CARD>
                <h2 class="mb-2 text-base font-semibold">{t.whatsapp_connection}</h2>
                <dl class="divide-y divide-slate-100" data-testid="connection">
                    <Row label=t.graph_api value=Some(format!("{} ({})", connection.api_base, connection.api_version)) />
                    <Row label=t.phone_number_id value=connection.phone_number_id.clone() />
                    <Row label=t.business_account_id value=connection.business_account_id.clone() />
                    <Row label=t.access_token value=connection.access_token.clone() />
                    <Row label=t.app_secret value=connection.app_secret.clone() />
                </dl>
            </section>
            <section class=CARD>
                <h2 class="mb-2 text-base font-semibold">{t.webhook}</h2>
                <dl class="divide-y divide-slate-100" data-testid="webhook">
                    <Row label=t.webhook_url value=Some(connection.webhook_url.clone()) />
                    <Row label=t.verify_token value=connection.verify_token.clone() />
                    <Row label=t.webhooks_received value=Some(connection.webhooks_received.to_string()) />
                    <Row
                        label=t.last_webhook
                        value=Some(connection.last_webhook_at_ms.map(utc_time).unwrap_or_else(|| t.never.to_string()))
                    />
                </dl>
                <p class="mt-3 text-xs text-slate-500">{t.webhook_url_hint}</p>
            </section>
        </div>
    }
}

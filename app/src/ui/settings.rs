//! The Settings screen (admins): the WhatsApp connection, the webhook to give Meta, recent
//! activity, and a connection check.

use super::frame::Page;
use super::use_viewer;
use super::widgets::{ErrorNotice, BUTTON, BUTTON_QUIET, CARD, INPUT, LABEL};
use crate::api::settings::{
    connection_settings, console_settings, CheckConnection, SaveConsoleSettings, SendTestMessage,
    TestMessageStatus,
};
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
                let said = match &c.problem {
                    None => t.connected(c.templates),
                    Some(problem) => t.link_problem(problem),
                };
                view! { <div role="status" data-testid="check-result" class=class>{said}</div> }.into_any()
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
        <TestMessageCard />
        <ConsoleCard />
        <super::team_settings::TeamCard />
        <super::consent_settings::ConsentCard />
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
    let problem = connection.last_error.clone().map(|(at, problem)| {
        let what = t.link_problem(&problem);
        view! {
            <div role="alert" data-testid="last-problem" class="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
                {t.last_problem(crate::ui::clock::moment(at), &what)}
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
                        value=Some(connection.last_webhook_at_ms.map(crate::ui::clock::moment).unwrap_or_else(|| t.never.to_string()))
                    />
                </dl>
                <p class="mt-3 text-xs text-slate-500">{t.webhook_url_hint}</p>
            </section>
        </div>
    }
}

/// Sends a message through the real path (queue, Graph API, statuses) and shows where it is.
#[component]
fn TestMessageCard() -> impl IntoView {
    let viewer = use_viewer();
    let t = viewer.t();
    let lang = viewer.lang;
    let send = ServerAction::<SendTestMessage>::new();
    let refresh = ServerAction::<TestMessageStatus>::new();
    // The refreshed status of the message just sent, else the answer to the send.
    let latest = move || {
        let sent = send.value().get();
        match (refresh.value().get(), &sent) {
            (Some(Ok(r)), Some(Ok(s))) if r.id == s.id => Some(Ok(r)),
            (Some(Err(e)), _) => Some(Err(e)),
            _ => sent,
        }
    };
    view! {
        <section class=format!("{CARD} mb-6")>
            <h2 class="mb-1 text-base font-semibold">{t.test_message}</h2>
            <p class="mb-4 text-xs text-slate-500">{t.test_message_hint}</p>
            <ActionForm
                action=send
                attr:class="grid items-end gap-3 md:grid-cols-[14rem_1fr_auto]"
                attr:data-testid="test-message"
            >
                <div>
                    <label class=LABEL for="test-to">{t.phone}</label>
                    <input id="test-to" name="to" inputmode="tel" required maxlength="20" placeholder="34611223344" class=INPUT />
                </div>
                <div>
                    <label class=LABEL for="test-text">{t.message}</label>
                    <input id="test-text" name="text" required maxlength="4096" class=INPUT />
                </div>
                <button type="submit" class=BUTTON disabled=move || send.pending().get()>{t.send_test}</button>
            </ActionForm>
            <div class="mt-3 flex flex-wrap items-center gap-3 text-sm empty:hidden">
                {move || {
                    latest()
                        .map(|r| match r {
                            Ok(m) => {
                                let id = m.id;
                                let text = match &m.error {
                                    Some(e) => format!("{} — {e}", t.test_message_status(m.id, &m.status)),
                                    None => t.test_message_status(m.id, &m.status),
                                };
                                view! {
                                    <span data-testid="test-message-status">{text}</span>
                                    <button
                                        type="button"
                                        class=BUTTON_QUIET
                                        on:click=move |_| {
                                            refresh.dispatch(TestMessageStatus { id });
                                        }
                                    >
                                        {t.refresh_status}
                                    </button>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                        })
                }}
            </div>
        </section>
    }
}

/// Team-wide console settings: when the window warning starts.
#[component]
fn ConsoleCard() -> impl IntoView {
    let viewer = use_viewer();
    let t = viewer.t();
    let lang = viewer.lang;
    let loaded = Resource::new(|| (), |_| console_settings());
    let save = ServerAction::<SaveConsoleSettings>::new();
    view! {
        <section class=format!("{CARD} mb-6") data-testid="console-settings">
            <h2 class="mb-1 text-base font-semibold">{t.console_settings}</h2>
            <p class="mb-4 text-xs text-slate-500">{t.console_settings_hint}</p>
            <Transition fallback=move || view! { <p class="text-slate-400">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let current = loaded.await.map(|c| c.window_warning_minutes).unwrap_or(60);
                    view! {
                        <label class=LABEL for="warning-minutes">{t.warning_label}</label>
                        <ActionForm action=save attr:class="flex items-center gap-3">
                            <div class="w-28">
                                <input
                                    id="warning-minutes"
                                    name="window_warning_minutes"
                                    type="number"
                                    min="1"
                                    max="1440"
                                    required
                                    value=current
                                    class=INPUT
                                />
                            </div>
                            <button type="submit" class=BUTTON disabled=move || save.pending().get()>{t.save}</button>
                        </ActionForm>
                    }
                })}
            </Transition>
            <div class="mt-3 text-sm empty:hidden">
                {move || save.value().get().map(|r| match r {
                    Ok(_) => view! { <p class="text-emerald-700" role="status" data-testid="console-settings-saved">{t.saved}</p> }.into_any(),
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                })}
            </div>
        </section>
    }
}

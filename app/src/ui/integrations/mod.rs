//! Settings → Integrations (admins): the API's address, API tokens, outgoing webhooks with
//! their delivery logs, and the external-bot switch. Tokens and signing secrets are shown
//! once, right after they are created.

mod deliveries;
mod texts;
mod tokens;
mod webhooks;

use super::frame::Page;
use super::use_viewer;
use super::widgets::{ErrorNotice, SuccessNotice, BUTTON_QUIET, CARD};
use crate::api::integrations::{integrations_screen, set_external_bot};
use crate::domain::roles::Area;
use crate::error::AppError;
use crate::wire::integrations::IntegrationsScreen;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use texts::texts;

const BUTTON_DANGER: &str = "inline-flex items-center justify-center rounded-lg border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60";
const TABLE_HEAD: &str =
    "bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    view! {
        <Page area=Area::Integrations>
            <Integrations />
        </Page>
    }
}

/// What the sections share: the screen's data and a way to load it again.
#[derive(Clone, Copy)]
struct Screen {
    data: Resource<Result<IntegrationsScreen, AppError>>,
    reload: RwSignal<u32>,
}

impl Screen {
    fn reload(self) {
        self.reload.update(|n| *n += 1);
    }
}

/// A section's latest outcome: a confirmation or an error, in words.
type Outcome = RwSignal<Option<Result<String, AppError>>>;

#[component]
fn Integrations() -> impl IntoView {
    let viewer = use_viewer();
    let t = viewer.t();
    let tx = texts(viewer.lang);
    let reload = RwSignal::new(0u32);
    let screen = Screen {
        data: Resource::new(move || reload.get(), |_| integrations_screen()),
        reload,
    };
    view! {
        <Title text=t.integrations />
        <header class="mb-6">
            <a href=Area::Settings.path() class="text-sm text-emerald-700 hover:underline" data-testid="back-to-settings">
                {tx.back_to_settings}
            </a>
            <h1 class="mt-1 text-2xl font-semibold text-slate-900">{t.integrations}</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-500">{tx.subtitle}</p>
        </header>
        <ApiCard />
        <tokens::TokensSection screen />
        <webhooks::WebhooksSection screen />
        <ExternalBotCard screen />
    }
}

/// Where the API lives: the base URL as the browser sees this desk, and the OpenAPI document.
#[component]
fn ApiCard() -> impl IntoView {
    let tx = texts(use_viewer().lang);
    // The origin is the browser's: the same page may be reached under several names.
    let base = RwSignal::new("/api/v1".to_string());
    Effect::new(move || {
        if let Ok(origin) = window().location().origin() {
            base.set(format!("{origin}/api/v1"));
        }
    });
    view! {
        <section class=format!("{CARD} mb-6") data-testid="api-card">
            <h2 class="mb-1 text-base font-semibold">{tx.api_title}</h2>
            <p class="mb-3 max-w-3xl text-xs text-slate-500">{tx.api_hint}</p>
            <div class="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
                <span class="text-slate-500">{tx.api_base_url}</span>
                <code class="rounded bg-slate-100 px-2 py-1 font-mono text-slate-900" data-testid="api-base-url">
                    {move || base.get()}
                </code>
                <a
                    href="/api/v1/openapi.json"
                    target="_blank"
                    rel="noopener"
                    class="font-medium text-emerald-700 hover:underline"
                    data-testid="openapi-link"
                >
                    {tx.api_openapi}
                </a>
            </div>
        </section>
    }
}

/// The switch that hands the bot's conversations to an external bot.
#[component]
fn ExternalBotCard(screen: Screen) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let outcome: Outcome = RwSignal::new(None);
    let busy = RwSignal::new(false);
    // What the switch shows: the server's answer once the admin has flipped it.
    let chosen = RwSignal::new(None::<bool>);
    let toggle = move |on: bool| {
        busy.set(true);
        spawn_local(async move {
            let result = set_external_bot(on).await;
            busy.set(false);
            match result {
                Ok(now) => {
                    chosen.set(Some(now));
                    outcome.set(Some(Ok(
                        if now { tx.bot_on } else { tx.bot_off }.to_string()
                    )));
                }
                Err(error) => outcome.set(Some(Err(error))),
            }
        });
    };
    view! {
        <section class=format!("{CARD} mb-6") data-testid="external-bot">
            <h2 class="mb-3 text-base font-semibold">{tx.bot_title}</h2>
            <Transition fallback=move || view! { <p class="text-slate-400">{tx.loading}</p> }>
                {move || Suspend::new(async move {
                    let stored = screen.data.await.map(|s| s.external_bot).unwrap_or(false);
                    view! {
                        <label class="flex items-start gap-2 text-sm text-slate-800">
                            <input
                                type="checkbox"
                                class="mt-0.5"
                                data-testid="external-bot-toggle"
                                prop:checked=move || chosen.get().unwrap_or(stored)
                                disabled=move || busy.get()
                                on:change=move |e| toggle(event_target_checked(&e))
                            />
                            <span class="font-medium">{tx.bot_toggle}</span>
                        </label>
                    }
                })}
            </Transition>
            <p class="mt-2 max-w-3xl pl-6 text-xs text-slate-500">{tx.bot_hint}</p>
            <OutcomeNotice outcome />
        </section>
    }
}

#[component]
fn OutcomeNotice(outcome: Outcome) -> impl IntoView {
    let lang = use_viewer().lang;
    view! {
        <div class="mt-3 empty:hidden" data-testid="outcome">
            {move || {
                outcome
                    .get()
                    .map(|o| match o {
                        Ok(message) => view! { <SuccessNotice message /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    })
            }}
        </div>
    }
}

/// A token or secret shown this once: in a highlighted box, with a Copy button.
#[component]
fn ShownOnce(
    title: &'static str,
    warning: &'static str,
    value: String,
    /// Extra words under the value (how the secret is used).
    #[prop(optional)]
    hint: Option<&'static str>,
    testid: &'static str,
    on_done: Callback<()>,
) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let copied = RwSignal::new(None::<bool>);
    let to_copy = value.clone();
    view! {
        <div
            role="status"
            class="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4"
            data-testid=format!("{testid}-box")
        >
            <p class="text-sm font-semibold text-amber-900">{title}</p>
            <p class="mt-0.5 text-sm text-amber-900">{warning}</p>
            <div class="mt-3 flex flex-wrap items-center gap-2">
                <input
                    type="text"
                    readonly
                    class="min-w-0 flex-1 rounded-lg border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
                    aria-label=title
                    data-testid=testid
                    prop:value=value
                    on:focus=move |e| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                    }
                />
                <button
                    type="button"
                    class=BUTTON_QUIET
                    data-testid=format!("{testid}-copy")
                    on:click=move |_| copied.set(Some(copy_to_clipboard(&to_copy)))
                >
                    {move || match copied.get() {
                        Some(true) => tx.copied,
                        _ => tx.copy,
                    }}
                </button>
                <button
                    type="button"
                    class=BUTTON_QUIET
                    data-testid=format!("{testid}-done")
                    on:click=move |_| on_done.run(())
                >
                    {tx.done}
                </button>
            </div>
            {move || (copied.get() == Some(false)).then(|| view! {
                <p class="mt-2 text-xs text-amber-900">{tx.copy_failed}</p>
            })}
            {hint.map(|hint| view! { <p class="mt-3 text-xs text-amber-900">{hint}</p> })}
        </div>
    }
}

/// Asks the browser to put `text` on the clipboard; false where it cannot (no clipboard
/// API, or a page not served over HTTPS or localhost).
fn copy_to_clipboard(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|write| write.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|write| write.call1(&clipboard, &text.into()).is_ok())
}

/// A modal asking to confirm something that cannot be undone.
#[component]
fn Confirm(
    message: String,
    action: &'static str,
    busy: RwSignal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let cancel = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div
            class="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4"
            role="dialog"
            aria-modal="true"
            aria-labelledby="confirm-text"
            data-testid="confirm"
            on:keydown=move |e| {
                if e.key() == "Escape" {
                    on_cancel.run(());
                }
            }
        >
            <div class="w-full max-w-md rounded-xl bg-white p-5 shadow-xl">
                <p id="confirm-text" class="break-words text-sm text-slate-800">{message}</p>
                <div class="mt-4 flex justify-end gap-2">
                    <button type="button" class=BUTTON_QUIET node_ref=cancel on:click=move |_| on_cancel.run(())>
                        {tx.cancel}
                    </button>
                    <button
                        type="button"
                        class="inline-flex items-center justify-center rounded-lg bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
                        disabled=move || busy.get()
                        data-testid="confirm-button"
                        on:click=move |_| on_confirm.run(())
                    >
                        {action}
                    </button>
                </div>
            </div>
        </div>
    }
}

//! The agent console: conversation list | thread | contact panel, live over `/ws`.
//! Data loads in the browser after hydration (the server renders the frame), and every live
//! frame goes through [`state::Console::apply`].

mod actions;
mod bubble;
pub(crate) mod composer;
mod consent;
mod contact;
mod icons;
mod labels;
mod list;
pub(crate) use list::LabelChip;
mod new_conversation;
pub(crate) mod picker;
pub(crate) mod quick_reply_menu;
pub(crate) mod socket;
mod state;
mod texts;
mod thread;

use super::frame::Page;
use super::use_viewer;
use crate::domain::inbox::{Presence, AUTO_AWAY_MS};
use crate::domain::roles::Area;
use leptos::prelude::*;
use leptos_meta::Title;
pub use state::Console;
pub use texts::texts;

#[component]
pub fn InboxPage() -> impl IntoView {
    view! {
        <Page area=Area::Inbox>
            <ConsoleScreen />
        </Page>
    }
}

#[component]
fn ConsoleScreen() -> impl IntoView {
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let console = Console::new(viewer.me.id);
    provide_context(console);

    // Start in the browser only: the list, the socket, the clocks, the keyboard.
    Effect::new(move |started: Option<()>| {
        if started.is_some() {
            return;
        }
        if let Some(id) = leptos_router::hooks::use_query_map()
            .get_untracked()
            .get("c")
            .and_then(|c| c.parse().ok())
        {
            console.open(id);
        }
        console.load_settings();
        console.reload_list();
        socket::connect(console);
        start_clocks(console);
    });

    let title = move || {
        let n = console.counts.with(|c| c.attention());
        if n > 0 {
            format!("({n}) {}", viewer.t().inbox)
        } else {
            viewer.t().inbox.to_string()
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |e| shortcut(console, e));
    on_cleanup(move || {
        keys.remove();
        // Leaving the inbox: nothing may touch its state any more.
        socket::disconnect();
        CLOCKS.with(|c| {
            if let Some(stop) = c.borrow_mut().take() {
                stop();
            }
        });
    });

    let pane = move |which: &'static str| {
        let open = console.selected.get().is_some();
        // On a phone one pane at a time: the list, or the open conversation.
        match (which, open) {
            ("list", true) => "hidden md:flex",
            ("list", false) => "flex",
            ("thread", true) => "flex",
            _ => "hidden md:flex",
        }
    };

    view! {
        <Title text=title />
        <div class="flex h-[calc(100vh-3.5rem)] md:h-screen" data-testid="console">
            <section class=move || {
                format!(
                    "{} w-full flex-col border-r border-slate-200 bg-white md:w-80 md:shrink-0 lg:w-96",
                    pane("list"),
                )
            }>
                <list::ConversationList />
            </section>
            <section class=move || {
                format!("{} min-w-0 flex-1 flex-col bg-slate-50", pane("thread"))
            }>
                <thread::Thread />
            </section>
            // Beside the thread from 1280 px; below, a drawer over it (the header's "Contact").
            <Show when=move || console.contact_open.get() && console.selected.get().is_some()>
                <div class="fixed inset-0 z-30 bg-slate-900/30 xl:hidden" on:click=move |_| console.contact_open.set(false)></div>
            </Show>
            <aside
                data-testid="contact-drawer"
                class=move || {
                    let open = console.selected.get().is_some();
                    let drawer = if open && console.contact_open.get() {
                        "fixed inset-y-0 right-0 z-40 flex w-full max-w-sm shadow-xl"
                    } else {
                        "hidden"
                    };
                    format!(
                        "{drawer} shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white xl:static xl:z-auto xl:w-80 xl:max-w-none xl:shadow-none {}",
                        if open { "xl:flex" } else { "xl:hidden" },
                    )
                }
            >
                <div class="flex justify-end border-b border-slate-100 px-2 py-1 xl:hidden">
                    <button type="button" class="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" data-testid="close-contact"
                        aria-label=tx.close on:click=move |_| console.contact_open.set(false)>"✕"</button>
                </div>
                <contact::ContactPanel />
            </aside>
        </div>
        <Show when=move || console.new_conversation.get()>
            <new_conversation::NewConversationDialog />
        </Show>
        <Show when=move || console.help_open.get()>
            <div
                class="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4"
                role="dialog"
                aria-modal="true"
                aria-label=tx.shortcuts
                data-testid="shortcuts"
                on:click=move |_| console.help_open.set(false)
            >
                <div class="w-full max-w-sm rounded-xl bg-white p-5 shadow-xl">
                    <h2 class="mb-3 text-lg font-semibold">{tx.shortcuts}</h2>
                    <dl class="space-y-1.5 text-sm">
                        {SHORTCUT_KEYS
                            .iter()
                            .zip(tx.shortcut_list)
                            .map(|(key, what)| {
                                view! {
                                    <div class="flex justify-between gap-4">
                                        <dt>
                                            <kbd class="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                                                {*key}
                                            </kbd>
                                        </dt>
                                        <dd class="text-slate-600">{what}</dd>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </dl>
                    <button type="button" class="mt-4 w-full rounded-lg border border-slate-300 py-1.5 text-sm">
                        {tx.close}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// The wall clock for badges and "typing", the keep-alive ping, and auto-away. They stop when
/// the agent leaves the inbox for another screen (see the screen's cleanup): the console's
/// signals go with it.
fn start_clocks(console: Console) {
    let last_input = StoredValue::new(state::now_ms());
    let clock = set_interval_with_handle(
        move || console.now.set(state::now_ms()),
        std::time::Duration::from_secs(1),
    );
    let ping = set_interval_with_handle(
        || socket::send(&crate::wire::realtime::ClientFrame::Ping),
        std::time::Duration::from_secs(20),
    );
    // An attentive agent's session stays alive like any other activity: while they are online
    // a plain request renews it (the socket only reads the session, it never saves it).
    let keep_session = set_interval_with_handle(
        move || {
            if console.my_presence.get_untracked() == Presence::Online {
                console.spawn(async {
                    let _ = crate::api::auth::get_session().await;
                });
            }
        },
        SESSION_KEEP_ALIVE,
    );
    let active = move || {
        last_input.set_value(state::now_ms());
        if console.my_presence.get_untracked() == Presence::Away && !manual_away() {
            set_presence(console, Presence::Online, false);
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |_| active());
    let mouse = window_event_listener(leptos::ev::mousemove, move |_| active());
    let idle = set_interval_with_handle(
        move || {
            let idle = state::now_ms() - last_input.get_value();
            if idle > AUTO_AWAY_MS && console.my_presence.get_untracked() == Presence::Online {
                set_presence(console, Presence::Away, false);
            }
        },
        std::time::Duration::from_secs(15),
    );
    let stop = move || {
        keys.remove();
        mouse.remove();
        for handle in [clock, ping, keep_session, idle].into_iter().flatten() {
            handle.clear();
        }
    };
    CLOCKS.with(|c| *c.borrow_mut() = Some(Box::new(stop)));
}

/// How often an online console renews its session (the idle timeout is 30 minutes by
/// default and at least a minute).
/// The keys of the shortcuts help, in the order of `shortcut-list` in `inbox.ftl`.
const SHORTCUT_KEYS: [&str; 11] = [
    "j / ↓", "k / ↑", "r", "n", "a", "e", "l", "/", "Esc", "c", "?",
];

const SESSION_KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(60);

thread_local! {
    /// Stops the running console's clocks and listeners.
    static CLOCKS: std::cell::RefCell<Option<Box<dyn FnOnce()>>> = const { std::cell::RefCell::new(None) };
    static MANUAL_AWAY_CELL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the agent chose "away" themselves (then activity does not bring them back).
fn manual_away() -> bool {
    MANUAL_AWAY_CELL.with(|c| c.get())
}

/// Someone else changed this agent's presence (a supervisor set them away, or their other
/// tab): shown at once, and an away set elsewhere holds like one chosen here, so moving the
/// mouse does not undo it.
pub(crate) fn presence_set_elsewhere(console: Console, presence: Presence) {
    if presence == Presence::Offline || console.my_presence.get_untracked() == presence {
        return; // the echo of our own choice, or a reconnect gap
    }
    MANUAL_AWAY_CELL.with(|c| c.set(presence == Presence::Away));
    console.my_presence.set(presence);
}

pub fn set_presence(console: Console, presence: Presence, manual: bool) {
    if manual {
        MANUAL_AWAY_CELL.with(|c| c.set(presence == Presence::Away));
    }
    console.my_presence.set(presence);
    socket::send(&crate::wire::realtime::ClientFrame::Presence { presence });
}

fn shortcut(console: Console, e: leptos::ev::KeyboardEvent) {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let typing = e
        .target()
        .and_then(|t| {
            use leptos::wasm_bindgen::JsCast;
            t.dyn_into::<leptos::web_sys::HtmlElement>().ok()
        })
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        .unwrap_or(false);
    let key = e.key();
    if typing {
        if key == "Escape" {
            if let Some(el) = document().active_element() {
                use leptos::wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<leptos::web_sys::HtmlElement>() {
                    let _ = el.blur();
                }
            }
        }
        return;
    }
    let step = |delta: i64| {
        let rows = console.rows.get_untracked();
        if rows.is_empty() {
            return;
        }
        let at = console
            .selected
            .get_untracked()
            .and_then(|id| rows.iter().position(|r| r.id == id));
        let next = match at {
            Some(i) => (i as i64 + delta).clamp(0, rows.len() as i64 - 1) as usize,
            None => 0,
        };
        console.open(rows[next].id);
        if let Some(el) = document().get_element_by_id(&format!("row-{}", rows[next].id)) {
            el.scroll_into_view_with_bool(false);
        }
    };
    match key.as_str() {
        "j" | "ArrowDown" => step(1),
        "k" | "ArrowUp" => step(-1),
        "r" => console.focus_composer.set(Some(false)),
        "n" => console.focus_composer.set(Some(true)),
        "a" => {
            if let Some(id) = console.selected.get_untracked() {
                console.spawn(async move {
                    let outcome = crate::api::inbox::assign_to_me(id, true).await;
                    console.action_problem.set(outcome.err());
                });
            }
        }
        "e" => {
            if let Some(id) = console.selected.get_untracked() {
                console.spawn(async move {
                    let outcome = crate::api::inbox::resolve_conversation(id, true).await;
                    console.action_problem.set(outcome.err());
                });
            }
        }
        "/" => {
            if let Some(el) = document().get_element_by_id("inbox-search") {
                use leptos::wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<leptos::web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
        "l" if console.selected.get_untracked().is_some() => console.label_picker.set(true),
        "c" => console.new_conversation.set(true),
        "?" => console.help_open.update(|o| *o = !*o),
        "Escape" => {
            console.help_open.set(false);
            console.new_conversation.set(false);
        }
        _ => return,
    }
    e.prevent_default();
}

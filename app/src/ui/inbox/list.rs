//! The conversation list: views with counts, filters, search, and live rows.

use super::state::{Console, Link};
use super::texts;
use crate::domain::inbox::{Presence, View};
use crate::domain::window::{countdown, short_duration, window, Window, WindowFilter};
use crate::ui::use_viewer;
use crate::wire::inbox::{AssigneeFilter, Colleague, ConversationSummary, LabelView};
use leptos::prelude::*;

#[component]
pub fn ConversationList() -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let labels = console.labels;
    // The select shows the filter's label, also after the options re-render (a label renamed
    // or deleted elsewhere): set its value once the browser has the new options.
    let label_select = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        let chosen = console
            .filter
            .with(|f| f.label_id.map(|id| id.to_string()).unwrap_or_default());
        labels.track();
        if let Some(el) = label_select.get() {
            request_animation_frame(move || el.set_value(&chosen));
        }
    });
    let people = RwSignal::new(Vec::<Colleague>::new());
    Effect::new(move |done: Option<()>| {
        if done.is_none() {
            console.load_labels();
            crate::ui::task::spawn_while(people, async move {
                if let Ok(p) = crate::api::inbox::colleagues().await {
                    people.set(p);
                }
            });
        }
    });
    let set_view = move |v: View| {
        console.filter.update(|f| f.view = v);
        console.reload_list();
    };
    let search_timer = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    let on_search = move |value: String| {
        if let Some(h) = search_timer.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                console
                    .filter
                    .update(|f| f.search = Some(value.clone()).filter(|s| !s.trim().is_empty()));
                console.reload_list();
            },
            std::time::Duration::from_millis(250),
        )
        .ok();
        search_timer.set_value(handle);
    };
    let tabs = View::ALL
        .into_iter()
        .map(|v| {
            let count = move || {
                console.counts.with(|c| c.of(v)).map(|c| {
                    let (n, strong) = if c.unread > 0 { (c.unread, true) } else { (c.total, false) };
                    view! {
                        <span class=if strong {
                            "ml-1 rounded-full bg-emerald-600 px-1.5 text-[11px] font-semibold text-white"
                        } else {
                            "ml-1 text-[11px] text-slate-400"
                        }>{n}</span>
                    }
                })
            };
            view! {
                <button
                    type="button"
                    data-view=v.as_str()
                    class=move || {
                        if console.filter.with(|f| f.view == v) {
                            "shrink-0 rounded-full bg-emerald-600/10 px-3 py-1 text-sm font-medium text-emerald-800"
                        } else {
                            "shrink-0 rounded-full px-3 py-1 text-sm text-slate-600 hover:bg-slate-100"
                        }
                    }
                    on:click=move |_| set_view(v)
                >
                    {tx.view(v)}
                    {count}
                </button>
            }
        })
        .collect_view();

    view! {
        <div class="border-b border-slate-200 p-3">
            <div class="mb-2 flex items-center justify-between">
                <h1 class="min-w-0 truncate text-lg font-semibold">{viewer.t().inbox}</h1>
                <div class="flex items-center gap-2">
                    <LinkBadge />
                    <PresenceToggle />
                    <button
                        type="button"
                        data-testid="new-conversation-button"
                        class="flex h-8 w-8 items-center justify-center rounded-full bg-emerald-600 text-white shadow-sm hover:bg-emerald-700"
                        title=crate::i18n::OutreachTexts::get(viewer.lang).new_conversation_hint
                        aria-label=crate::i18n::OutreachTexts::get(viewer.lang).new_conversation
                        on:click=move |_| console.new_conversation.set(true)
                    >
                        {super::icons::compose()}
                    </button>
                </div>
            </div>
            <input
                id="inbox-search"
                type="search"
                class="block w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm placeholder:text-slate-400 focus:border-emerald-500 focus:outline-none"
                placeholder=tx.search
                aria-label=tx.search
                on:input=move |e| on_search(event_target_value(&e))
            />
            <div class="mt-2 flex gap-1 overflow-x-auto pb-1" role="tablist">{tabs}</div>
            <div class="mt-1 flex gap-2">
                <select
                    class="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-2 py-1 text-xs"
                    node_ref=label_select
                    aria-label=tx.labels
                    data-testid="label-filter"
                    on:change=move |e| {
                        let v = event_target_value(&e).parse().ok();
                        console.filter.update(|f| f.label_id = v);
                        console.reload_list();
                    }
                >
                    <option value="">{tx.any_label}</option>
                    {move || {
                        let chosen = console.filter.with(|f| f.label_id);
                        labels
                            .get()
                            .into_iter()
                            .map(|l| {
                                view! {
                                    <option value=l.id.to_string() selected=chosen == Some(l.id)>
                                        {l.name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <select
                    class="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-2 py-1 text-xs"
                    aria-label=tx.anyone
                    data-testid="assignee-filter"
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        let filter = match v.as_str() {
                            "" => None,
                            "none" => Some(AssigneeFilter::Nobody),
                            id => id.parse().ok().map(AssigneeFilter::User),
                        };
                        console.filter.update(|f| f.assignee = filter);
                        console.reload_list();
                    }
                >
                    <option value="">{tx.anyone}</option>
                    <option value="none">{tx.unassigned}</option>
                    {move || {
                        people
                            .get()
                            .into_iter()
                            .map(|p| view! { <option value=p.id.to_string()>{p.name}</option> })
                            .collect_view()
                    }}
                </select>
                <select
                    class="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-2 py-1 text-xs"
                    aria-label=tx.any_window
                    data-testid="window-filter"
                    on:change=move |e| {
                        let filter = match event_target_value(&e).as_str() {
                            "closing_soon" => Some(WindowFilter::ClosingSoon),
                            "closed" => Some(WindowFilter::Closed),
                            _ => None,
                        };
                        console.filter.update(|f| f.window = filter);
                        console.reload_list();
                    }
                >
                    <option value="">{tx.any_window}</option>
                    <option value="closing_soon">{tx.window_closing_filter}</option>
                    <option value="closed">{tx.window_closed_filter}</option>
                </select>
            </div>
        </div>
        <div
            class="min-h-0 flex-1 overflow-y-auto"
            data-testid="conversation-list"
            on:scroll=move |e| {
                use leptos::wasm_bindgen::JsCast;
                if let Some(el) = e.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()) {
                    if el.scroll_top() + el.client_height() + 200 >= el.scroll_height()
                        && !console.list_loading.get_untracked()
                    {
                        console.load_more();
                    }
                }
            }
        >
            {move || {
                console
                    .list_error
                    .get()
                    .map(|error| {
                        view! {
                            <div class="p-3">
                                <crate::ui::widgets::ErrorNotice error lang=viewer.lang />
                            </div>
                        }
                    })
            }}
            <For
                each=move || {
                    // Rows leave a window filter as the clock moves, without a reload.
                    match console.filter.with(|f| f.window) {
                        Some(w) => {
                            let (now, warning) = (console.now.get(), console.warning_ms.get());
                            console.rows.with(|rows| {
                                rows.iter()
                                    .filter(|r| w.matches(r.last_inbound_at_ms, now, warning))
                                    .cloned()
                                    .collect::<Vec<_>>()
                            })
                        }
                        None => console.rows.get(),
                    }
                }
                key=|row| (row.id, row.last_message_at_ms, row.unread, row.assignee_id, row.status, row.labels.len(), row.last_status, row.last_inbound_at_ms)
                let:row
            >
                <Row row />
            </For>
            <Show when=move || console.rows.with(|r| r.is_empty()) && !console.list_loading.get()>
                <p class="p-6 text-center text-sm text-slate-500">{tx.no_conversations}</p>
            </Show>
            <Show when=move || console.next.with(|n| n.is_some())>
                <button
                    type="button"
                    class="m-3 w-[calc(100%-1.5rem)] rounded-lg border border-slate-200 py-1.5 text-sm text-slate-600"
                    on:click=move |_| console.load_more()
                >
                    {tx.load_more}
                </button>
            </Show>
        </div>
    }
    .into_any()
}

#[component]
fn LinkBadge() -> impl IntoView {
    let console = expect_context::<Console>();
    let tx = texts(use_viewer().lang);
    view! {
        <span
            data-testid="link"
            data-state=move || format!("{:?}", console.link.get()).to_lowercase()
            class=move || {
                if console.link.get() == Link::Live {
                    "rounded-full bg-emerald-50 px-2 py-0.5 text-[11px] font-medium text-emerald-700"
                } else {
                    "rounded-full bg-amber-50 px-2 py-0.5 text-[11px] font-medium text-amber-800"
                }
            }
        >
            {move || if console.link.get() == Link::Live { tx.live } else { tx.reconnecting }}
        </span>
    }
}

#[component]
fn PresenceToggle() -> impl IntoView {
    let console = expect_context::<Console>();
    let tx = texts(use_viewer().lang);
    view! {
        <button
            type="button"
            data-testid="my-presence"
            title=move || tx.presence(console.my_presence.get())
            class="flex items-center gap-1 rounded-full border border-slate-200 px-2 py-0.5 text-[11px] text-slate-600"
            on:click=move |_| {
                let next = if console.my_presence.get_untracked() == Presence::Online {
                    Presence::Away
                } else {
                    Presence::Online
                };
                super::set_presence(console, next, true);
            }
        >
            <PresenceDot presence=Signal::derive(move || console.my_presence.get()) />
            {move || tx.presence(console.my_presence.get())}
        </button>
        <button
            type="button"
            title=tx.notify
            aria-pressed=move || console.notify.get().to_string()
            class=move || {
                if console.notify.get() {
                    "rounded-full border border-emerald-300 bg-emerald-50 px-1.5 py-0.5 text-emerald-700"
                } else {
                    "rounded-full border border-slate-200 px-1.5 py-0.5 text-slate-400"
                }
            }
            on:click=move |_| {
                if console.notify.get_untracked() {
                    console.notify.set(false);
                } else {
                    #[cfg(feature = "hydrate")]
                    super::socket::ask_notifications(move |_| console.notify.set(true));
                    #[cfg(not(feature = "hydrate"))]
                    console.notify.set(true);
                }
            }
        >
            {super::icons::bell()}
        </button>
    }
}

#[component]
pub fn PresenceDot(presence: Signal<Presence>) -> impl IntoView {
    view! {
        <span class=move || {
            match presence.get() {
                Presence::Online => "inline-block h-2 w-2 rounded-full bg-emerald-500",
                Presence::Away => "inline-block h-2 w-2 rounded-full bg-amber-400",
                Presence::Offline => "inline-block h-2 w-2 rounded-full bg-slate-300",
            }
        } />
    }
}

/// The window badge: time left, amber and ticking by the second under the team's warning
/// threshold, or closed.
#[component]
pub fn WindowBadge(last_inbound_at_ms: Option<i64>) -> impl IntoView {
    let console = expect_context::<Console>();
    let tx = texts(use_viewer().lang);
    move || {
        let w = window(last_inbound_at_ms, console.now.get());
        let soon = w.closing_soon(console.warning_ms.get());
        let (class, state, text) = match w {
            Window::Open { left_ms, .. } if soon => (
                "rounded bg-amber-100 px-1.5 font-mono text-[11px] font-medium text-amber-800",
                "closing",
                countdown(left_ms),
            ),
            Window::Open { left_ms, .. } => (
                "rounded bg-emerald-50 px-1.5 text-[11px] text-emerald-700",
                "open",
                short_duration(left_ms),
            ),
            Window::Closed { .. } => (
                "rounded bg-slate-100 px-1.5 text-[11px] text-slate-500",
                "closed",
                tx.window_closed.to_string(),
            ),
        };
        let title = if w.is_open() {
            tx.window_open(&text)
        } else {
            tx.window_closed_hint.to_string()
        };
        view! {
            <span class=class data-window=state title=title data-testid="window-badge">
                {text}
            </span>
        }
    }
}

pub fn kind_icon(kind: &str) -> &'static str {
    match kind {
        "image" | "sticker" => "🖼 ",
        "video" => "🎬 ",
        "audio" => "🎤 ",
        "document" => "📄 ",
        "location" => "📍 ",
        "contacts" => "👤 ",
        "note" => "🔒 ",
        "reaction" => "❤ ",
        _ => "",
    }
}

#[component]
fn Row(row: ConversationSummary) -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let id = row.id;
    let selected = move || console.selected.get() == Some(id);
    let typing = move || console.typists(id);
    let viewers = move || console.viewers(id);
    let preview = format!("{}{}", kind_icon(&row.last_kind), row.last_preview);
    let labels = row
        .labels
        .iter()
        .map(|l| view! { <LabelChip label=l.clone() /> })
        .collect_view();
    let assignee = row.assignee_name.clone();
    let name_class = if row.unread > 0 {
        "truncate font-semibold text-slate-900"
    } else {
        "truncate font-medium text-slate-800"
    };
    view! {
        <button
            type="button"
            id=format!("row-{id}")
            data-conversation=id
            class=move || {
                format!(
                    "block w-full border-b border-slate-100 px-3 py-2.5 text-left hover:bg-slate-50 {}",
                    if selected() { "bg-emerald-50/70" } else { "" },
                )
            }
            on:click=move |_| console.open(id)
        >
            <div class="flex items-baseline justify-between gap-2">
                <span class=name_class>{row.contact_name.clone()}</span>
                <span class="shrink-0 text-[11px] text-slate-400">
                    {super::bubble::clock(row.last_message_at_ms)}
                </span>
            </div>
            <div class="mt-0.5 flex items-center justify-between gap-2">
                <span class="truncate text-sm text-slate-500" data-testid="preview">
                    {move || {
                        let t = typing();
                        if t.is_empty() { preview.clone() } else { tx.is_typing(t.join(", ")) }
                    }}
                </span>
                {(row.unread > 0)
                    .then(|| {
                        view! {
                            <span
                                data-testid="unread"
                                class="shrink-0 rounded-full bg-emerald-600 px-1.5 text-[11px] font-semibold text-white"
                            >
                                {row.unread}
                            </span>
                        }
                    })}
            </div>
            <div class="mt-1 flex flex-wrap items-center gap-1">
                <WindowBadge last_inbound_at_ms=row.last_inbound_at_ms />
                <span class="rounded bg-slate-100 px-1.5 text-[11px] text-slate-600">
                    {tx.status(row.status)}
                </span>
                {assignee.map(|a| view! { <span class="text-[11px] text-slate-500">"→ " {a}</span> })}
                {labels}
                {move || {
                    let v = viewers();
                    (!v.is_empty())
                        .then(|| {
                            view! {
                                <span class="text-[11px] text-sky-700" data-testid="viewing">
                                    "👁 "
                                    {v.join(", ")}
                                </span>
                            }
                        })
                }}
            </div>
        </button>
    }
}

/// A label's chip. Inside the console it follows the team's label list, so a rename or a new
/// colour shows on rows that are not redrawn.
#[component]
pub fn LabelChip(label: LabelView) -> impl IntoView {
    let team = use_context::<Console>().map(|c| c.labels);
    let current = move || {
        team.and_then(|labels| labels.with(|all| all.iter().find(|l| l.id == label.id).cloned()))
            .unwrap_or_else(|| label.clone())
    };
    let shown = Memo::new(move |_| current());
    view! {
        <span
            class=move || {
                shown
                    .with(|l| {
                        format!(
                            "rounded px-1.5 text-[11px] font-medium {}",
                            crate::domain::labels::chip_class(&l.color),
                        )
                    })
            }
            data-label=move || shown.with(|l| l.name.clone())
        >
            {move || shown.with(|l| l.name.clone())}
        </span>
    }
}

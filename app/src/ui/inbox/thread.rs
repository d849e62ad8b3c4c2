//! The open conversation: header with window, presence and actions, the contact's whole
//! history (day separators, older pages on scroll up, earlier conversations marked), and the
//! composer.

use super::bubble::{day, ActivityLine, AdCard, Bubble};
use super::composer::{Composer, ReplyTarget};
use super::state::Console;
use super::texts;
use crate::domain::inbox::ConversationStatus;
use crate::domain::message::MessageBody;
use crate::ui::use_viewer;
use crate::ui::widgets::ErrorNotice;
use crate::wire::inbox::MessageView;
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn Thread() -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    provide_context(ReplyTarget(RwSignal::new(None)));
    let error = move || {
        console
            .thread_error
            .get()
            .map(|error| view! { <div class="p-4"><ErrorNotice error lang=viewer.lang /></div> })
    };
    view! {
        {error}
        <Show
            when=move || console.selected.get().is_some()
            fallback=move || {
                view! {
                    <div class="flex flex-1 items-center justify-center p-8 text-center text-sm text-slate-500">
                        <div>
                            <p>{tx.pick_conversation}</p>
                            <p class="mt-2 text-xs">
                                <kbd class="rounded border border-slate-300 bg-white px-1.5 font-mono">"?"</kbd>
                                " "
                                {tx.shortcuts}
                            </p>
                        </div>
                    </div>
                }
            }
        >
            <Header />
            <super::labels::ThreadLabels />
            <Messages />
            <Composer />
        </Show>
    }
}

#[component]
fn Header() -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let summary = Memo::new(move |_| {
        console
            .detail
            .with(|d| d.as_ref().map(|d| d.summary.clone()))
    });
    // The actions are built once per conversation and follow its changes, so a live update
    // neither closes an open menu nor swaps a button out from under a click.
    let open_id = Memo::new(move |_| summary.with(|s| s.as_ref().map(|s| s.id)));
    view! {
        <header class="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-2.5">
            <button type="button" class="mr-1 rounded border border-slate-200 px-2 text-sm md:hidden" on:click=move |_| console.close()>
                "←"
            </button>
            {move || {
                summary
                    .get()
                    .map(|s| {
                        view! {
                            <div class="min-w-[12rem] flex-1">
                                <h2 class="truncate font-semibold" data-testid="thread-title">{s.contact_name.clone()}</h2>
                                <div class="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                                    <span class="whitespace-nowrap" data-testid="thread-phone">
                                        {s.phone_country.clone().map(|code| format!("{code} "))}
                                        {s.phone.clone().unwrap_or_default()}
                                    </span>
                                    <WindowCountdown last_inbound_at_ms=s.last_inbound_at_ms />
                                    <span class="rounded bg-slate-100 px-1.5 text-[11px]" data-testid="thread-status">
                                        {tx.status(s.status)}
                                        {s.snoozed_until_ms.filter(|_| s.status == ConversationStatus::Snoozed).map(|at| format!(" · {}", crate::ui::clock::moment(at)))}
                                    </span>
                                    {s.assignee_name.clone().map(|a| view! { <span data-testid="thread-assignee">"→ " {a}</span> })}
                                </div>
                            </div>
                        }
                    })
            }}
            {move || open_id.get().map(|id| view! { <super::actions::ThreadActions id summary /> })}
            <button
                type="button"
                class="rounded border border-slate-200 px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 xl:hidden"
                data-testid="open-contact"
                aria-expanded=move || console.contact_open.get().to_string()
                on:click=move |_| console.contact_open.update(|o| *o = !*o)
            >
                {tx.contact}
            </button>
        </header>
        {move || {
            let id = console.selected.get()?;
            let viewers = console.viewers(id);
            let typists = console.typists(id);
            (!viewers.is_empty() || !typists.is_empty())
                .then(|| {
                    view! {
                        <div class="flex gap-3 border-b border-sky-100 bg-sky-50 px-4 py-1 text-xs text-sky-800" data-testid="collision">
                            {(!typists.is_empty()).then(|| view! { <span data-testid="typing">{tx.is_typing(typists.join(", "))}</span> })}
                            {(!viewers.is_empty()).then(|| view! { <span data-testid="viewers">{tx.is_viewing(viewers.join(", "))}</span> })}
                        </div>
                    }
                })
        }}
        {move || console.action_problem.get().map(|error| view! { <div class="px-4 pt-2"><ErrorNotice error lang=viewer.lang /></div> })}
    }
}

/// One row of the thread.
#[derive(Clone, PartialEq)]
enum Item {
    Day(String),
    /// Where a conversation (not the first shown) starts.
    Started(i64, i64),
    Message(Box<MessageView>, Vec<String>),
}

fn items(messages: &[MessageView]) -> Vec<Item> {
    // Reactions are chips on the message they react to, not messages of their own.
    let mut reactions: HashMap<String, Vec<String>> = HashMap::new();
    for m in messages {
        if let MessageBody::Reaction {
            target_wamid,
            emoji: Some(e),
        } = &m.body
        {
            reactions
                .entry(target_wamid.clone())
                .or_default()
                .push(e.clone());
        }
    }
    let mut out = Vec::new();
    let mut last_day = String::new();
    let mut last_conversation = None;
    for m in messages {
        if matches!(m.body, MessageBody::Reaction { .. }) && messages.iter().any(|t| {
            matches!(&m.body, MessageBody::Reaction { target_wamid, .. } if t.wamid.as_ref() == Some(target_wamid))
        }) {
            continue;
        }
        if last_conversation.is_some_and(|c| c != m.conversation_id) {
            out.push(Item::Started(m.conversation_id, m.sent_at_ms));
        }
        last_conversation = Some(m.conversation_id);
        let d = day(m.sent_at_ms);
        if d != last_day {
            out.push(Item::Day(d.clone()));
            last_day = d;
        }
        let chips = m
            .wamid
            .as_ref()
            .and_then(|w| reactions.get(w))
            .cloned()
            .unwrap_or_default();
        out.push(Item::Message(Box::new(m.clone()), chips));
    }
    out
}

#[component]
fn Messages() -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let loading_older = RwSignal::new(false);
    let pinned = StoredValue::new(true);
    let load_older = move || {
        if loading_older.get_untracked() || !console.more.get_untracked() {
            return;
        }
        let (Some(id), Some(first)) = (
            console.selected.get_untracked(),
            console.messages.with_untracked(|m| m.first().map(|m| m.id)),
        ) else {
            return;
        };
        loading_older.set(true);
        crate::ui::task::spawn_while(loading_older, async move {
            if let Ok(page) = crate::api::inbox::older_messages(id, first).await {
                let el = scroller.get_untracked();
                let before = el.as_ref().map(|e| e.scroll_height()).unwrap_or(0);
                console.more.set(page.more);
                console.messages.update(|list| {
                    let mut older = page.messages;
                    older.retain(|m| !list.iter().any(|x| x.id == m.id));
                    older.append(list);
                    *list = older;
                });
                // Keep the agent's place while older messages appear above.
                if let Some(el) = el {
                    let after = el.scroll_height();
                    el.set_scroll_top(el.scroll_top() + after - before);
                }
            }
            loading_older.set(false);
        });
    };
    // New messages scroll into view when the agent is at the bottom.
    Effect::new(move |_| {
        console.messages.track();
        console.pending.track();
        if pinned.get_value() {
            if let Some(el) = scroller.get() {
                request_animation_frame(move || el.set_scroll_top(el.scroll_height()));
            }
        }
    });
    let referral = move || {
        console
            .detail
            .with(|d| d.as_ref().and_then(|d| d.referral.clone()))
    };
    view! {
        <div
            node_ref=scroller
            class="min-h-0 flex-1 overflow-y-auto px-4 py-3"
            data-testid="thread"
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    pinned.set_value(el.scroll_top() + el.client_height() + 40 >= el.scroll_height());
                    if el.scroll_top() < 80 {
                        load_older();
                    }
                }
            }
        >
            <Show when=move || console.more.get()>
                <button type="button" class="mx-auto mb-2 block rounded-full border border-slate-200 bg-white px-3 py-1 text-xs text-slate-600" on:click=move |_| load_older()>
                    {tx.older}
                </button>
            </Show>
            {move || (!console.more.get()).then(|| referral().map(|r| view! { <AdCard referral=r /> }))}
            <For
                each=move || console.messages.with(|m| items(m))
                key=|item| match item {
                    Item::Day(d) => format!("d{d}"),
                    Item::Started(c, _) => format!("c{c}"),
                    // Whatever a bubble shows that can change: a change redraws it.
                    Item::Message(m, chips) => format!("m{}-{:?}-{:?}-{:?}-{:?}-{}", m.id, m.status, m.media.as_ref().map(|x| x.state.clone()), m.error.as_ref().map(|e| e.code), m.retried_by, chips.len()),
                }
                let:item
            >
                {match item {
                    Item::Day(d) => view! {
                        <div class="my-3 text-center"><span class="rounded-full bg-white px-3 py-0.5 text-xs text-slate-500 shadow-sm" data-testid="day">{d}</span></div>
                    }.into_any(),
                    Item::Started(_, at) => view! {
                        <div class="my-4 flex items-center gap-2 text-xs text-slate-400">
                            <span class="h-px flex-1 bg-slate-200"></span>
                            {tx.conversation_started} " · " {super::bubble::day(at)}
                            <span class="h-px flex-1 bg-slate-200"></span>
                        </div>
                    }.into_any(),
                    Item::Message(m, chips) => {
                        if matches!(m.body, MessageBody::Activity { .. }) {
                            view! { <ActivityLine message=*m /> }.into_any()
                        } else {
                            view! { <Bubble message=*m reactions=chips /> }.into_any()
                        }
                    }
                }}
            </For>
            <For
                each=move || {
                    let id = console.selected.get();
                    console.pending.get().into_iter().filter(move |p| Some(p.conversation_id) == id).collect::<Vec<_>>()
                }
                key=|p| (p.echo_id.clone(), p.error.is_some())
                let:p
            >
                <div class="my-1 flex justify-end" data-testid="pending">
                    <div class=if p.note { "max-w-[80%] rounded-xl border border-amber-300 bg-amber-50 px-3 py-2 text-sm opacity-70" } else { "max-w-[80%] rounded-xl bg-emerald-100 px-3 py-2 text-sm opacity-70" }>
                        <p class="whitespace-pre-wrap break-words"><super::bubble::Formatted text=p.text.clone() /></p>
                        <p class="text-right text-[11px] text-slate-400">"🕓"</p>
                        {p.error.clone().map(|error| view! { <div class="mt-1"><ErrorNotice error lang=viewer.lang /></div> })}
                    </div>
                </div>
            </For>
        </div>
    }
}

/// The thread header's window: a countdown that ticks every second (amber under the team's
/// warning threshold), or when it closed.
#[component]
fn WindowCountdown(last_inbound_at_ms: Option<i64>) -> impl IntoView {
    use crate::domain::window::{countdown, window, Window};
    let console = expect_context::<Console>();
    let tx = texts(use_viewer().lang);
    move || {
        let w = window(last_inbound_at_ms, console.now.get());
        let (class, state, text) = match w {
            Window::Open { left_ms, .. } if w.closing_soon(console.warning_ms.get()) => (
                "rounded bg-amber-100 px-1.5 font-medium text-amber-800",
                "closing",
                tx.window_header_open(countdown(left_ms)),
            ),
            Window::Open { left_ms, .. } => (
                "rounded bg-emerald-50 px-1.5 text-emerald-700",
                "open",
                tx.window_header_open(countdown(left_ms)),
            ),
            Window::Closed { closed_at_ms } => (
                "rounded bg-slate-100 px-1.5 text-slate-600",
                "closed",
                closed_at_ms.map_or_else(
                    || tx.window_closed.to_string(),
                    |at| tx.window_header_closed(crate::ui::clock::moment(at)),
                ),
            ),
        };
        view! {
            <span class=format!("{class} tabular-nums") data-window=state data-testid="window-countdown">
                {text}
            </span>
        }
    }
}

//! The composer: reply or private note, WhatsApp formatting preview, emoji, attachments with
//! progress (Meta's limits checked first), reply-to, the 4096-character count, Enter to send,
//! and the send guard when the conversation moved on while the agent was typing.

use super::picker::{PickerTarget, TemplatePicker};
use super::state::{now_ms, Console, Pending};
use super::texts;
use crate::domain::inbox::{send_warnings, GuardMessage, SendWarning, TYPING_REPEAT_MS};
use crate::domain::outbound::{kind_for_mime, media_size_limit, TEXT_MAX};
use crate::domain::window::{countdown, window, Window};
use crate::ui::use_viewer;
use crate::wire::inbox::{MessageView, Sender};
use crate::wire::realtime::ClientFrame;
use leptos::prelude::*;

/// The message the next reply quotes.
#[derive(Clone, Copy)]
pub struct ReplyTarget(pub RwSignal<Option<MessageView>>);

const EMOJI: [&str; 16] = [
    "😀", "😂", "😊", "😍", "🙏", "👍", "👋", "🎉", "❤️", "✅", "⚠️", "📦", "🕐", "📞", "💳", "🙌",
];

fn echo_id() -> String {
    format!(
        "e{}-{}",
        now_ms(),
        (now_ms() as u64).wrapping_mul(2654435761) % 100_000
    )
}

#[component]
pub fn Composer() -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let reply_to = expect_context::<ReplyTarget>().0;
    let text = RwSignal::new(String::new());
    let note = RwSignal::new(false);
    // The agent opened the template picker themselves (it also opens when the window closes).
    let templates = RwSignal::new(false);
    let show_emoji = RwSignal::new(false);
    let upload = RwSignal::new(None::<u32>);
    let problem = RwSignal::new(None::<crate::error::AppError>);
    let warnings = RwSignal::new(Vec::<SendWarning>::new());
    // The newest message the agent had seen when they started this draft.
    let seen_up_to = StoredValue::new(None::<i64>);
    let last_typing = StoredValue::new(0_i64);
    let area = NodeRef::<leptos::html::Textarea>::new();

    Effect::new(move |_| {
        if let Some(as_note) = console.focus_composer.get() {
            note.set(as_note);
            if let Some(el) = area.get() {
                let _ = el.focus();
            }
            console.focus_composer.set(None);
        }
    });
    // Another conversation starts a fresh draft; a reload of the same one keeps it. Nothing
    // is reset when the composer first appears: the agent may already be clicking in it.
    let selected = Memo::new(move |_| console.selected.get());
    Effect::new(move |before: Option<Option<i64>>| {
        let now = selected.get();
        if before.is_some_and(|b| b != now) {
            text.set(String::new());
            reply_to.set(None);
            warnings.set(Vec::new());
            seen_up_to.set_value(None);
            problem.set(None);
            templates.set(false);
        }
        now
    });

    let window_state = move || {
        console
            .detail
            .with(|d| d.as_ref().map(|d| d.summary.last_inbound_at_ms))
            .map(|last| window(last, console.now.get()))
    };
    let window_open = move || window_state().is_none_or(|w| w.is_open());
    // Outside the window the picker replaces the text box: there is never a box that cannot
    // send. A new message from the customer brings the box (and the draft) back at once.
    // Someone else's conversation (when the team keeps writing to the assignee): notes only.
    let me = crate::domain::inbox::Viewer {
        user_id: viewer.me.id,
        role: viewer.me.role,
    };
    let assignee = move || {
        console
            .detail
            .with(|d| {
                d.as_ref()
                    .map(|d| (d.summary.assignee_id, d.summary.assignee_name.clone()))
            })
            .unwrap_or_default()
    };
    let locked =
        move || !crate::domain::assignment::may_write(me, assignee().0, console.owner_only.get());
    // The bot is answering: a reply takes the conversation over (the bot then stops).
    let with_bot = move || {
        console.detail.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.summary.status == crate::domain::inbox::ConversationStatus::Bot)
        })
    };
    let picker_shown = move || !note.get() && !locked() && (templates.get() || !window_open());
    let newest = move || {
        console
            .messages
            .with_untracked(|m| m.last().map(|m| m.id).unwrap_or(0))
    };

    let send = move |force: bool| {
        let Some(conversation_id) = console.selected.get_untracked() else {
            return;
        };
        let body = text.get_untracked();
        if body.trim().is_empty() {
            return;
        }
        let as_note = note.get_untracked();
        if !force && !as_note {
            let guard: Vec<GuardMessage> = console.messages.with_untracked(|list| {
                list.iter()
                    .map(|m| GuardMessage {
                        id: m.id,
                        inbound: !m.outbound,
                        agent: (m.sender == Sender::Agent && !m.body.is_internal())
                            .then(|| m.sender_user_id.zip(m.sender_name.clone()))
                            .flatten(),
                    })
                    .collect()
            });
            let found = send_warnings(
                &guard,
                seen_up_to.get_value().unwrap_or(i64::MAX),
                console.me,
            );
            if !found.is_empty() {
                warnings.set(found);
                return;
            }
        }
        warnings.set(Vec::new());
        let echo = echo_id();
        let quoted = reply_to.get_untracked().map(|m| m.id);
        console.pending.update(|p| {
            p.push(Pending {
                echo_id: echo.clone(),
                conversation_id,
                text: body.clone(),
                note: as_note,
                error: None,
            })
        });
        text.set(String::new());
        reply_to.set(None);
        seen_up_to.set_value(None);
        crate::ui::task::spawn_while(text, async move {
            let result = if as_note {
                crate::api::inbox::send_note(conversation_id, body.clone(), Some(echo.clone()))
                    .await
            } else {
                crate::api::inbox::send_text(
                    conversation_id,
                    body.clone(),
                    quoted,
                    Some(echo.clone()),
                )
                .await
            };
            match result {
                Ok(message) => {
                    console.pending.update(|p| p.retain(|x| x.echo_id != echo));
                    console.upsert_message(message);
                }
                Err(error) => {
                    // Nothing is lost: the draft comes back with the reason.
                    console.pending.update(|p| p.retain(|x| x.echo_id != echo));
                    if text.get_untracked().is_empty() {
                        text.set(body);
                    }
                    problem.set(Some(error));
                }
            }
        });
    };

    let on_file = move |file: web_sys::File| {
        let Some(conversation_id) = console.selected.get_untracked() else {
            return;
        };
        let mime = file.type_();
        use crate::error::MediaRefusal;
        let refusal = match kind_for_mime(&mime) {
            None => Some(MediaRefusal::UnsupportedType { mime: mime.clone() }),
            Some(kind) if file.size() as u64 > media_size_limit(kind, false) => {
                Some(MediaRefusal::TooLarge {
                    kind: Some(kind.as_str().into()),
                    max_bytes: media_size_limit(kind, false),
                })
            }
            Some(_) => None,
        };
        if let Some(refusal) = refusal {
            problem.set(Some(crate::error::AppError::MediaRefused { refusal }));
            return;
        }
        problem.set(None);
        let caption = text.get_untracked();
        let quoted = reply_to.get_untracked().map(|m| m.id);
        let mut url = format!(
            "/conversations/{conversation_id}/media?echo_id={}&filename={}",
            echo_id(),
            urlencode(&file.name())
        );
        if !caption.trim().is_empty() {
            url.push_str(&format!("&caption={}", urlencode(&caption)));
        }
        if let Some(q) = quoted {
            url.push_str(&format!("&reply_to={q}"));
        }
        upload.set(Some(0));
        #[cfg(feature = "hydrate")]
        super::socket::upload(
            &url,
            file,
            move |p| upload.set(Some(p)),
            move |status, body| {
                upload.set(None);
                if (200..300).contains(&status) {
                    if let Ok(m) = serde_json::from_str::<MessageView>(&body) {
                        console.upsert_message(m);
                    }
                    text.set(String::new());
                    reply_to.set(None);
                } else {
                    let error =
                        serde_json::from_str(&body).unwrap_or(crate::error::AppError::Request {
                            message: format!("HTTP {status}"),
                        });
                    problem.set(Some(error));
                }
            },
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = (url, file);
    };

    let count = move || text.with(|t| t.chars().count());
    let too_long = move || count() > TEXT_MAX;
    view! {
        <div class="border-t border-slate-200 bg-white p-3" data-testid="composer">
            {move || {
                reply_to
                    .get()
                    .map(|m| {
                        view! {
                            <div class="mb-2 flex items-center gap-2 rounded-lg border-l-4 border-emerald-500 bg-slate-50 px-2 py-1 text-xs" data-testid="replying-to">
                                <span class="font-medium">{tx.replying_to}</span>
                                <span class="truncate text-slate-600">{m.body.preview()}</span>
                                <button type="button" class="ml-auto text-slate-500" on:click=move |_| reply_to.set(None)>"✕"</button>
                            </div>
                        }
                    })
            }}
            {move || {
                let w = warnings.get();
                (!w.is_empty())
                    .then(|| {
                        view! {
                            <div role="alert" class="mb-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="send-guard">
                                {w.iter().map(|x| match x {
                                    SendWarning::CustomerWrote { count } => view! { <p>{tx.guard_customer(*count)}</p> },
                                    SendWarning::ColleagueReplied { names } => view! { <p>{tx.guard_colleague(names.join(", "))}</p> },
                                }).collect_view()}
                                <div class="mt-1 flex gap-2">
                                    <button type="button" class="rounded bg-amber-600 px-2 py-0.5 text-xs font-medium text-white" on:click=move |_| send(true)>{tx.send_anyway}</button>
                                    <button type="button" class="rounded border border-amber-300 px-2 py-0.5 text-xs" on:click=move |_| { warnings.set(Vec::new()); seen_up_to.set_value(Some(newest())); }>{tx.cancel}</button>
                                </div>
                            </div>
                        }
                    })
            }}
            {move || problem.get().map(|error| view! { <div class="mb-2"><crate::ui::widgets::ErrorNotice error lang=viewer.lang /></div> })}
            {move || (!note.get() && !locked()).then(window_state).flatten().map(|w| view! { <WindowNotice window=w /> })}
            {move || (!note.get() && !locked() && with_bot()).then(|| view! {
                <p class="mb-2 rounded-lg border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-900" data-testid="bot-notice">{tx.bot_notice}</p>
            })}
            {move || (!note.get() && locked()).then(|| view! {
                <div class="mb-2 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="owner-only">
                    <p>{viewer.lang.texts().err_not_assignee(assignee().1.unwrap_or_default())}</p>
                    <button type="button" class="mt-1 rounded bg-amber-500 px-2 py-0.5 text-xs font-medium text-white" on:click=move |_| note.set(true)>{tx.note}</button>
                </div>
            })}
            <div class="mb-1 flex gap-1 text-xs" role="tablist">
                <Show when=move || window_open() && !locked()>
                    <button type="button" data-testid="mode-reply" class=move || if note.get() || templates.get() { "rounded px-2 py-0.5 text-slate-500" } else { "rounded bg-emerald-600/10 px-2 py-0.5 font-medium text-emerald-800" } on:click=move |_| { note.set(false); templates.set(false); }>{tx.reply}</button>
                </Show>
                <button type="button" data-testid="mode-template" class=move || if locked() { "hidden" } else if picker_shown() { "rounded bg-emerald-600/10 px-2 py-0.5 font-medium text-emerald-800" } else { "rounded px-2 py-0.5 text-slate-500" } on:click=move |_| { note.set(false); templates.set(true); }>{tx.template}</button>
                <button type="button" data-testid="mode-note" class=move || if note.get() { "rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900" } else { "rounded px-2 py-0.5 text-slate-500" } on:click=move |_| note.set(true)><span class="inline-flex items-center gap-1">{super::icons::lock()} {tx.note}</span></button>
            </div>
            <Show when=picker_shown>
                {move || selected.get().map(|id| {
                    let close = Callback::new(move |_| templates.set(false));
                    view! { <TemplatePicker target=PickerTarget::Conversation(id) on_close=close closable=Signal::derive(window_open) /> }
                })}
            </Show>
            <div class:hidden=move || picker_shown() || (locked() && !note.get())>
            <super::quick_reply_menu::QuickReplyMenu text area />
            <textarea
                node_ref=area
                rows="3"
                data-testid="composer-input"
                class=move || format!(
                    "block w-full resize-y rounded-lg border px-3 py-2 text-sm focus:outline-none focus:ring-2 {}",
                    if note.get() { "border-amber-300 bg-amber-50 focus:ring-amber-400/40" } else { "border-slate-300 focus:ring-emerald-500/30" },
                )
                placeholder=move || if note.get() { tx.write_note } else { tx.write_reply }
                aria-label=move || if note.get() { tx.note } else { tx.reply }
                prop:value=move || text.get()
                on:input=move |e| {
                    let value = event_target_value(&e);
                    if seen_up_to.get_value().is_none() && !value.is_empty() {
                        seen_up_to.set_value(Some(newest()));
                    }
                    text.set(value);
                    let now = now_ms();
                    if !note.get_untracked() && now - last_typing.get_value() > TYPING_REPEAT_MS {
                        last_typing.set_value(now);
                        if let Some(id) = console.selected.get_untracked() {
                            super::socket::send(&ClientFrame::Typing { conversation_id: id });
                        }
                    }
                }
                on:keydown=move |e| {
                    if e.key() == "Enter" && !e.shift_key() && !e.is_composing() {
                        e.prevent_default();
                        send(false);
                    }
                }
            ></textarea>
            <super::quick_reply_menu::QuickReplyNote text />
            {move || {
                let t = text.get();
                (t.contains('*') || t.contains('_') || t.contains('~') || t.contains("```"))
                    .then(|| view! {
                        <div class="mt-1 rounded-lg bg-slate-50 px-3 py-1.5 text-sm" data-testid="format-preview">
                            <span class="mr-2 text-[11px] uppercase tracking-wide text-slate-400">{tx.preview}</span>
                            <span class="whitespace-pre-wrap"><super::bubble::Formatted text=t /></span>
                        </div>
                    })
            }}
            <div class="mt-2 flex items-center gap-2">
                <div class="relative">
                    <button type="button" class="rounded-lg border border-slate-200 px-2 py-1.5 text-slate-600 hover:bg-slate-50" title=tx.emoji aria-label=tx.emoji on:click=move |_| show_emoji.update(|s| *s = !*s)>{super::icons::smile()}</button>
                    <Show when=move || show_emoji.get()>
                        <div class="absolute bottom-10 left-0 z-10 grid w-48 grid-cols-8 gap-1 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
                            {EMOJI.iter().map(|e| {
                                let e = *e;
                                view! { <button type="button" class="text-lg" on:click=move |_| { text.update(|t| t.push_str(e)); show_emoji.set(false); }>{e}</button> }
                            }).collect_view()}
                        </div>
                    </Show>
                </div>
                <label class=move || if note.get() { "hidden" } else { "block cursor-pointer rounded-lg border border-slate-200 px-2 py-1.5 text-slate-600 hover:bg-slate-50" } title=tx.attach>
                    {super::icons::paperclip()}
                    <input
                        type="file"
                        class="hidden"
                        data-testid="attach"
                        aria-label=tx.attach
                        on:change=move |e| {
                            if let Some(file) = take_file(&e) {
                                on_file(file);
                            }
                        }
                    />
                </label>
                {move || upload.get().map(|p| view! { <span class="text-xs text-slate-500" data-testid="upload-progress">{tx.uploading(p)}</span> })}
                <span class=move || { if too_long() { "ml-auto text-xs font-medium text-red-600" } else { "ml-auto text-xs text-slate-400" } } data-testid="char-count">
                    {move || tx.chars_left(TEXT_MAX.saturating_sub(count()))}
                </span>
                <button
                    type="button"
                    data-testid="send"
                    class=move || if note.get() { "rounded-lg bg-amber-600 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50" } else { "rounded-lg bg-emerald-600 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50" }
                    disabled=move || { count() == 0 || too_long() }
                    on:click=move |_| send(false)
                >
                    {move || if note.get() { tx.add_note } else { tx.send }}
                </button>
            </div>
            </div>
        </div>
    }
    .into_any()
}

/// Above the composer: how long the window has left once it is closing, or since when it is
/// closed and what that means.
#[component]
fn WindowNotice(window: Window) -> impl IntoView {
    let console = expect_context::<Console>();
    let tx = texts(use_viewer().lang);
    match window {
        Window::Open { left_ms, .. } if window.closing_soon(console.warning_ms.get_untracked()) => Some(view! {
            <p role="status" class="mb-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900" data-testid="window-warning">
                {tx.window_closing_in(countdown(left_ms))}
            </p>
        }.into_any()),
        Window::Open { .. } => None,
        Window::Closed { closed_at_ms } => Some(view! {
            <p class="mb-2 rounded-lg bg-slate-100 px-3 py-1.5 text-sm text-slate-700" data-testid="window-closed">
                {match closed_at_ms {
                    Some(at) => tx.window_closed_at(crate::ui::clock::moment(at)),
                    None => tx.window_never_opened.to_string(),
                }}
            </p>
        }.into_any()),
    }
}

/// The file chosen in a file input, which is cleared so the same file can be chosen again.
pub(crate) fn take_file(e: &leptos::ev::Event) -> Option<web_sys::File> {
    use leptos::wasm_bindgen::JsCast;
    let input = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

pub(crate) fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

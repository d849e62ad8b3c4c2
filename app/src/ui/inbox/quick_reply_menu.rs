//! Quick replies in the composer. Typing `/` at the start of the text box or after a space
//! opens a searchable menu above it; Up/Down choose, Enter or Tab (or a click) insert the reply
//! with the customer's and the agent's values filled, Escape closes. Variables left unfilled
//! are named under the box until the agent replaces them.
//!
//! The menu listens for keys on the text box element itself in the capture phase, which runs
//! before the composer's own listener there (Enter sends) and the console's on the window
//! (Escape leaves the box); the keys it uses go no further.

use super::state::{now_ms, Console};
use crate::api::quick_replies::list_quick_replies;
use crate::domain::quick_replies::{
    fill, replace_slash, search, slash_query, variables_in, QuickReply, Slash, Values,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::use_viewer;
use leptos::prelude::*;
use std::cell::RefCell;

/// How old the list may be when the menu opens before it is fetched again.
const MAX_AGE_MS: i64 = 30_000;
/// Rows the menu shows.
const SHOWN: usize = 8;

struct Cached {
    user_id: i64,
    loaded_at_ms: i64,
    replies: Vec<QuickReply>,
}

thread_local! {
    // One list per page (per signed-in user): the composer comes and goes with conversations.
    static CACHE: RefCell<Option<Cached>> = const { RefCell::new(None) };
}

/// Drops the cached list (the Quick replies screen changed it).
pub(crate) fn forget_cache() {
    CACHE.with(|c| c.borrow_mut().take());
}

fn cached(user_id: i64) -> Option<(i64, Vec<QuickReply>)> {
    CACHE.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|c| c.user_id == user_id)
            .map(|c| (c.loaded_at_ms, c.replies.clone()))
    })
}

/// The index in `text` of the character at UTF-16 offset `utf16` (how the browser counts).
pub(crate) fn byte_index(text: &str, utf16: u32) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 as usize {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

pub(crate) fn utf16_len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

struct MenuTexts {
    loading: &'static str,
    no_match: fn(&str) -> String,
    manage: &'static str,
    keys: &'static str,
    mine: &'static str,
    fill_in: &'static str,
    hint: &'static str,
}

const EN: MenuTexts = MenuTexts {
    loading: "Loading quick replies…",
    no_match: |q| format!("No quick reply matches \"/{q}\"."),
    manage: "Manage quick replies",
    keys: "Up/Down to choose · Enter or Tab to insert · Esc to close",
    mine: "mine",
    fill_in: "Fill in before sending:",
    hint: "Type / for quick replies",
};

const ES: MenuTexts = MenuTexts {
    loading: "Cargando respuestas rápidas…",
    no_match: |q| format!("Ninguna respuesta rápida coincide con \"/{q}\"."),
    manage: "Gestionar respuestas rápidas",
    keys: "Arriba/Abajo para elegir · Intro o Tab para insertar · Esc para cerrar",
    mine: "mía",
    fill_in: "Completa antes de enviar:",
    hint: "Escribe / para usar respuestas rápidas",
};

fn texts(lang: Lang) -> &'static MenuTexts {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

/// The menu, mounted right above the text box `area` whose draft is `text`.
#[component]
pub fn QuickReplyMenu(
    text: RwSignal<String>,
    area: NodeRef<leptos::html::Textarea>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let me = viewer.me.id;
    let agent_name = StoredValue::new(viewer.me.name.clone());
    let tx = texts(viewer.lang);
    let lang = viewer.lang;
    let replies = RwSignal::new(Vec::<QuickReply>::new());
    let loaded_at = StoredValue::new(None::<i64>);
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(None::<AppError>);
    // The `/query` being typed, while the menu is open.
    let slash = RwSignal::new(None::<Slash>);
    let highlighted = RwSignal::new(0_usize);
    let matches = Memo::new(move |_| {
        slash.with(|s| {
            s.as_ref()
                .map(|s| {
                    replies.with(|all| {
                        search(all, &s.query)
                            .into_iter()
                            .take(SHOWN)
                            .cloned()
                            .collect()
                    })
                })
                .unwrap_or_else(Vec::new)
        })
    });

    let load = move || {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        crate::ui::task::spawn_while(loading, async move {
            let result = list_quick_replies().await;
            loading.set(false);
            match result {
                Ok(list) => {
                    let now = now_ms();
                    CACHE.with(|c| {
                        *c.borrow_mut() = Some(Cached {
                            user_id: me,
                            loaded_at_ms: now,
                            replies: list.clone(),
                        })
                    });
                    loaded_at.set_value(Some(now));
                    replies.set(list);
                    failed.set(None);
                }
                Err(error) => failed.set(Some(error)),
            }
        });
    };
    // Fresh enough from the page's cache, or fetched again.
    let refresh = move || {
        if let Some((at, list)) = cached(me) {
            if loaded_at.get_value() != Some(at) {
                loaded_at.set_value(Some(at));
                replies.set(list);
            }
        }
        let stale = loaded_at
            .get_value()
            .is_none_or(|at| now_ms() - at > MAX_AGE_MS);
        if stale {
            load();
        }
    };

    let close = move || {
        if !slash.is_disposed() {
            slash.set(None);
        }
    };
    // Opens, follows or closes the menu from the text and the caret.
    let follow = move || {
        let Some(el) = area.get_untracked() else {
            return;
        };
        if slash.is_disposed() {
            return;
        }
        let value = el.value();
        let start = el.selection_start().ok().flatten();
        let end = el.selection_end().ok().flatten();
        let found = match (start, end) {
            (Some(s), Some(e)) if s == e => slash_query(&value, byte_index(&value, s)),
            _ => None,
        };
        let before = slash.get_untracked();
        if found.is_some() && before.is_none() {
            refresh();
        }
        if found.as_ref().map(|f| &f.query) != before.as_ref().map(|b| &b.query) {
            highlighted.set(0);
        }
        if found != before {
            slash.set(found);
        }
    };
    let insert = move |reply: QuickReply| {
        let Some(el) = area.get_untracked() else {
            return;
        };
        let value = el.value();
        let cursor = el
            .selection_start()
            .ok()
            .flatten()
            .map(|c| byte_index(&value, c))
            .unwrap_or(value.len());
        let Some(current) = slash_query(&value, cursor) else {
            close();
            return;
        };
        let values = console.detail.with_untracked(|d| Values {
            contact_name: d.as_ref().and_then(|d| d.contact.profile_name.clone()),
            agent_name: Some(agent_name.get_value()),
            attributes: d
                .as_ref()
                .map(|d| d.contact.attributes.clone())
                .unwrap_or_default(),
        });
        let filled = fill(&reply.body, &values);
        let (new_text, caret) = replace_slash(&value, &current, cursor, &filled.text);
        // Written to the element first so that the caret lands after the inserted text.
        el.set_value(&new_text);
        let at = utf16_len(&new_text[..caret]);
        let _ = el.set_selection_range(at, at);
        let _ = el.focus();
        text.set(new_text);
        close();
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        if e.is_composing() || slash.is_disposed() || slash.get_untracked().is_none() {
            return;
        }
        let count = matches.with_untracked(Vec::len);
        match e.key().as_str() {
            "ArrowDown" if count > 0 => highlighted.update(|h| *h = (*h + 1) % count),
            "ArrowUp" if count > 0 => highlighted.update(|h| *h = (*h + count - 1) % count),
            "Enter" | "Tab" if count > 0 && !e.shift_key() => {
                let chosen =
                    matches.with_untracked(|m| m.get(highlighted.get_untracked()).cloned());
                if let Some(reply) = chosen {
                    insert(reply);
                }
            }
            "Escape" => close(),
            _ => return,
        }
        e.prevent_default();
        e.stop_immediate_propagation();
    };

    // Listen on the text box once it exists (in the browser only), and fetch the list then,
    // so it is there when the agent first types `/`.
    Effect::new(move |attached: Option<bool>| {
        if attached == Some(true) {
            return true;
        }
        let Some(el) = area.get() else {
            return false;
        };
        listen(&el, "input", false, move |_| follow());
        listen(&el, "click", false, move |_| follow());
        listen(&el, "keyup", false, move |e| {
            if let Some(e) = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(&e) {
                if matches!(
                    e.key().as_str(),
                    "ArrowLeft" | "ArrowRight" | "Home" | "End"
                ) {
                    follow();
                }
            }
        });
        listen(&el, "keydown", true, move |e| {
            if let Ok(e) = wasm_bindgen::JsCast::dyn_into::<web_sys::KeyboardEvent>(e) {
                on_key(e);
            }
        });
        listen(&el, "blur", false, move |_| close());
        refresh();
        true
    });
    // The draft changed under the menu (sent, or another conversation): close it when its
    // `/` is gone.
    Effect::new(move |_| {
        let gone = text.with(|t| {
            slash.with_untracked(|s| {
                s.as_ref()
                    .is_some_and(|s| t.get(s.start..).is_none_or(|rest| !rest.starts_with('/')))
            })
        });
        if gone {
            close();
        }
    });
    // Keep the chosen row in sight.
    Effect::new(move |_| {
        let i = highlighted.get();
        if slash.with(Option::is_some) {
            if let Some(row) = document().get_element_by_id(&format!("quick-reply-option-{i}")) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                row.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });

    let rows = move || {
        let list = matches.get();
        let query = slash.with(|s| s.as_ref().map(|s| s.query.clone()).unwrap_or_default());
        if list.is_empty() {
            let message = if loading.get() && replies.with(Vec::is_empty) {
                view! { <p class="px-3 py-2 text-sm text-slate-500">{tx.loading}</p> }.into_any()
            } else if let Some(error) = failed.get() {
                view! { <div class="p-2"><crate::ui::widgets::ErrorNotice error lang /></div> }
                    .into_any()
            } else {
                view! {
                    <p class="px-3 py-2 text-sm text-slate-500" data-testid="quick-reply-none">
                        {(tx.no_match)(&query)} " "
                        <a href="/quick-replies" class="font-medium text-emerald-700 hover:underline">{tx.manage}</a>
                    </p>
                }
                .into_any()
            };
            return message;
        }
        list.into_iter()
            .enumerate()
            .map(|(i, reply)| {
                let chosen = move || highlighted.get() == i;
                let shortcut = reply.shortcut.clone();
                let data_shortcut = reply.shortcut.clone();
                let mine = !reply.is_shared();
                let title = reply.title.clone();
                let preview: String = reply.body.lines().next().unwrap_or_default().chars().take(90).collect();
                view! {
                    <li
                        id=format!("quick-reply-option-{i}")
                        role="option"
                        aria-selected=move || chosen().to_string()
                        data-testid="quick-reply-option"
                        data-shortcut=data_shortcut
                        class=move || format!(
                            "cursor-pointer px-3 py-1.5 {}",
                            if chosen() { "bg-emerald-50" } else { "hover:bg-slate-50" },
                        )
                        on:mouseenter=move |_| highlighted.set(i)
                        // mousedown, not click: the text box keeps the focus and the caret.
                        on:mousedown=move |e| {
                            e.prevent_default();
                            insert(reply.clone());
                        }
                    >
                        <div class="flex items-baseline gap-2 text-sm">
                            <span class="font-mono text-emerald-700">"/" {shortcut}</span>
                            <span class="truncate font-medium text-slate-800">{title}</span>
                            {mine.then(|| view! { <span class="ml-auto rounded bg-slate-100 px-1.5 text-[10px] uppercase text-slate-500">{tx.mine}</span> })}
                        </div>
                        <p class="truncate text-xs text-slate-500">{preview}</p>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };

    view! {
        <div class="relative">
            <Show when=move || slash.with(Option::is_some)>
                <div
                    class="absolute bottom-1 left-0 right-0 z-20 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg"
                    data-testid="quick-reply-menu"
                    // The text box keeps the focus (and the menu stays open) whatever is clicked.
                    on:mousedown=|e| e.prevent_default()
                >
                    <ul role="listbox" class="max-h-64 overflow-y-auto py-1">{rows}</ul>
                    <p class="border-t border-slate-100 px-3 py-1 text-[11px] text-slate-400">{tx.keys}</p>
                </div>
            </Show>
        </div>
    }
    .into_any()
}

/// Under the text box: the variables the agent still has to fill in, or the `/` hint.
#[component]
pub fn QuickReplyNote(text: RwSignal<String>) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let unfilled = Memo::new(move |_| text.with(|t| variables_in(t)));
    move || {
        let names = unfilled.get();
        if names.is_empty() {
            view! { <p class="mt-1 text-[11px] text-slate-400" data-testid="quick-reply-hint">{tx.hint}</p> }
                .into_any()
        } else {
            view! {
                <p role="status" class="mt-1 rounded-lg border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900" data-testid="unfilled-variables">
                    {tx.fill_in} " "
                    <span class="font-mono">{names.join(", ")}</span>
                </p>
            }
            .into_any()
        }
    }
}

/// Listens to `kind` on the element for as long as it exists (the closure goes with it);
/// `capture`: ahead of the element's other listeners.
fn listen(
    el: &web_sys::HtmlTextAreaElement,
    kind: &str,
    capture: bool,
    handler: impl Fn(web_sys::Event) + 'static,
) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(handler).into_js_value();
    let _ = el.add_event_listener_with_callback_and_bool(kind, handler.unchecked_ref(), capture);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_offsets_count_utf16_units() {
        let text = "Hi 👋 /ño";
        assert_eq!(byte_index(text, 0), 0);
        assert_eq!(byte_index(text, 3), 3);
        // The emoji is two UTF-16 units and four bytes.
        assert_eq!(byte_index(text, 5), 7);
        assert_eq!(&text[byte_index(text, 6)..], "/ño");
        assert_eq!(byte_index(text, 99), text.len());
        assert_eq!(utf16_len("👋ñ"), 3);
    }
}

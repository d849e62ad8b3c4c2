//! The open conversation's labels, right under the thread header: chips with a remove button
//! and a searchable picker (mouse or keyboard: `l` opens it, type to filter, arrows to move,
//! Enter to put the label on or take it off, Escape to close). Nothing changes here until the
//! server says so: the conversation's live frame brings the new labels to every console.

use super::state::Console;
use crate::domain::labels::{chip_class, matches_search};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::use_viewer;
use crate::ui::widgets::ErrorNotice;
use crate::wire::inbox::LabelView;
use leptos::prelude::*;

struct LabelTexts {
    add: &'static str,
    search: &'static str,
    none_match: &'static str,
    none_yet: &'static str,
    remove: fn(&str) -> String,
    keys_hint: &'static str,
    region: &'static str,
}

static EN: LabelTexts = LabelTexts {
    add: "Label",
    search: "Search labels",
    none_match: "No label matches.",
    none_yet: "No labels yet: a supervisor creates them on the Labels screen.",
    remove: |name| format!("Remove the label {name}"),
    keys_hint: "Up and down to move, Enter to put on or take off, Esc to close",
    region: "Labels of this conversation",
};

static ES: LabelTexts = LabelTexts {
    add: "Etiqueta",
    search: "Buscar etiquetas",
    none_match: "Ninguna etiqueta coincide.",
    none_yet: "Aún no hay etiquetas: un supervisor las crea en la pantalla Etiquetas.",
    remove: |name| format!("Quitar la etiqueta {name}"),
    keys_hint: "Flechas para moverse, Intro para poner o quitar, Esc para cerrar",
    region: "Etiquetas de esta conversación",
};

fn texts(lang: Lang) -> &'static LabelTexts {
    match lang {
        Lang::Es => &ES,
        _ => &EN,
    }
}

/// Asks the server to put `label_id` on the open conversation or take it off.
fn toggle(console: Console, label_id: i64, on: bool, problem: RwSignal<Option<AppError>>) {
    let Some(id) = console.selected.get_untracked() else {
        return;
    };
    crate::ui::task::spawn_while(problem, async move {
        let result = crate::api::labels::set_conversation_label(id, label_id, on).await;
        problem.set(result.err());
    });
}

fn applied(console: Console) -> Vec<LabelView> {
    console
        .detail
        .with(|d| d.as_ref().map(|d| d.labels.clone()))
        .unwrap_or_default()
}

/// Whether the open conversation carries the label now (for events: no subscription).
fn carries_now(console: Console, label_id: i64) -> bool {
    console.detail.with_untracked(|d| {
        d.as_ref()
            .is_some_and(|d| d.labels.iter().any(|l| l.id == label_id))
    })
}

/// The labels whose name matches what is typed, in the list's order.
fn matching(labels: &[LabelView], query: &str) -> Vec<LabelView> {
    labels
        .iter()
        .filter(|l| matches_search(&l.name, query))
        .cloned()
        .collect()
}

#[component]
pub fn ThreadLabels() -> impl IntoView {
    let console = expect_context::<Console>();
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let problem = RwSignal::new(None::<AppError>);
    // Another conversation: the picker and any error belonged to the previous one. Only when
    // the id changes: a resync re-opens the same conversation, and must not close the picker
    // under the agent's fingers.
    Effect::new(move |previous: Option<Option<i64>>| {
        let selected = console.selected.get();
        if previous.is_none_or(|previous| previous != selected) {
            console.label_picker.set(false);
            problem.set(None);
        }
        selected
    });
    let chips = move || {
        applied(console)
            .into_iter()
            .map(|label| {
                let class = format!(
                    "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium {}",
                    chip_class(&label.color)
                );
                let id = label.id;
                view! {
                    <span class=class data-testid="thread-label" data-label=label.name.clone()>
                        {label.name.clone()}
                        <button
                            type="button"
                            class="rounded px-0.5 leading-none opacity-60 hover:opacity-100"
                            aria-label=(tx.remove)(&label.name)
                            title=(tx.remove)(&label.name)
                            data-testid="remove-label"
                            on:click=move |_| toggle(console, id, false, problem)
                        >
                            "×"
                        </button>
                    </span>
                }
            })
            .collect_view()
    };
    view! {
        <div
            class="relative flex flex-wrap items-center gap-1.5 border-b border-slate-200 bg-white px-4 py-1.5"
            role="group"
            aria-label=tx.region
            data-testid="thread-labels"
        >
            {chips}
            <button
                type="button"
                class="rounded border border-dashed border-slate-300 px-1.5 py-0.5 text-xs text-slate-600 hover:border-slate-400 hover:bg-slate-50"
                aria-haspopup="listbox"
                aria-expanded=move || console.label_picker.get().to_string()
                aria-keyshortcuts="l"
                data-testid="add-label"
                on:click=move |_| console.label_picker.update(|open| *open = !*open)
            >
                "+ "
                {tx.add}
            </button>
            <Show when=move || console.label_picker.get()>
                <Picker problem />
            </Show>
        </div>
        {move || {
            problem
                .get()
                .map(|error| view! { <div class="px-4 pt-2"><ErrorNotice error lang /></div> })
        }}
    }
    .into_any()
}

#[component]
fn Picker(problem: RwSignal<Option<AppError>>) -> impl IntoView {
    let console = expect_context::<Console>();
    let tx = texts(use_viewer().lang);
    let query = RwSignal::new(String::new());
    let highlight = RwSignal::new(0usize);
    let search = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = search.get() {
            let _ = input.focus();
        }
    });
    let offered = move || query.with(|q| console.labels.with(|all| matching(all, q)));
    let is_applied = move |id: i64| applied(console).iter().any(|l| l.id == id);
    let close = move || console.label_picker.set(false);
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        // An event, not a view: read without subscribing.
        let offered =
            query.with_untracked(|q| console.labels.with_untracked(|all| matching(all, q)));
        let count = offered.len();
        match e.key().as_str() {
            "ArrowDown" if count > 0 => highlight.update(|h| *h = (*h + 1) % count),
            "ArrowUp" if count > 0 => highlight.update(|h| *h = (*h + count - 1) % count),
            "Enter" => {
                let at = highlight.get_untracked();
                if let Some(label) = offered.get(at) {
                    toggle(console, label.id, !carries_now(console, label.id), problem);
                }
            }
            "Escape" => close(),
            _ => return,
        }
        e.prevent_default();
    };
    let options = move || {
        let list = offered();
        if list.is_empty() {
            let empty = if console.labels.with(Vec::is_empty) {
                tx.none_yet
            } else {
                tx.none_match
            };
            return view! { <li class="px-3 py-2 text-xs text-slate-500">{empty}</li> }.into_any();
        }
        list.into_iter()
            .enumerate()
            .map(|(i, label)| {
                let id = label.id;
                let on = move || is_applied(id);
                let lit = move || highlight.get() == i;
                view! {
                    <li
                        role="option"
                        id=format!("label-option-{id}")
                        aria-selected=move || lit().to_string()
                        data-testid="label-option"
                        data-label=label.name.clone()
                        data-applied=move || on().to_string()
                        class=move || {
                            if lit() {
                                "flex cursor-pointer items-center gap-2 bg-emerald-50 px-3 py-1.5 text-sm"
                            } else {
                                "flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm"
                            }
                        }
                        on:mouseenter=move |_| highlight.set(i)
                        // Keep the focus in the search box.
                        on:mousedown=move |e| e.prevent_default()
                        on:click=move |_| toggle(console, id, !carries_now(console, id), problem)
                    >
                        <span class="flex h-4 w-4 shrink-0 items-center justify-center text-emerald-700">
                            <Show when=on>{check()}</Show>
                        </span>
                        <span class=format!(
                            "truncate rounded px-1.5 text-xs font-medium {}",
                            chip_class(&label.color),
                        )>{label.name.clone()}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        // A click anywhere else closes it.
        <div class="fixed inset-0 z-30" aria-hidden="true" on:click=move |_| close() />
        <div
            class="absolute left-4 top-full z-40 mt-1 w-72 rounded-lg border border-slate-200 bg-white shadow-lg"
            data-testid="label-picker"
        >
            <input
                node_ref=search
                type="text"
                role="combobox"
                aria-expanded="true"
                aria-controls="label-options"
                aria-autocomplete="list"
                aria-activedescendant=move || {
                    offered().get(highlight.get()).map(|l| format!("label-option-{}", l.id))
                }
                aria-label=tx.search
                placeholder=tx.search
                data-testid="label-search"
                class="block w-full rounded-t-lg border-b border-slate-200 px-3 py-2 text-sm focus:outline-none"
                prop:value=move || query.get()
                on:input=move |e| {
                    query.set(event_target_value(&e));
                    highlight.set(0);
                }
                on:keydown=on_key
            />
            <ul id="label-options" role="listbox" class="max-h-64 overflow-y-auto py-1">
                {options}
            </ul>
            <p class="border-t border-slate-100 px-3 py-1.5 text-[11px] text-slate-400">{tx.keys_hint}</p>
        </div>
    }
    .into_any()
}

fn check() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" class="h-4 w-4" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" data-testid="applied">
            <path d="M5 13l4 4L19 7" />
        </svg>
    }
}

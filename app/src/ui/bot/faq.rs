//! FAQ: questions the bot answers, each asked several ways. Saved one entry at a time.

use super::fields::Counter;
use super::texts::texts;
use super::Knowledge;
use crate::api::bot::{delete_faq_entry, save_faq_entry};
use crate::domain::bot::config::{PHRASINGS_MAX, PHRASING_MAX};
use crate::domain::bot::{FaqDraft, FaqEntry};
use crate::domain::outbound::{BUTTON_TITLE_MAX, TEXT_MAX};
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, SuccessNotice, BUTTON, BUTTON_QUIET, CARD, INPUT, LABEL};
use leptos::prelude::*;

/// Whether an entry matches the search box (title, phrasings or answer, ignoring case).
pub(super) fn faq_matches(entry: &FaqEntry, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    q.is_empty()
        || entry.title.to_lowercase().contains(&q)
        || entry.answer.to_lowercase().contains(&q)
        || entry
            .phrasings
            .iter()
            .any(|p| p.to_lowercase().contains(&q))
}

/// Puts a saved entry in the list (replacing its old version), ordered by title.
pub(super) fn upsert_faq(list: &mut Vec<FaqEntry>, entry: FaqEntry) {
    list.retain(|e| e.id != entry.id);
    list.push(entry);
    list.sort_by_key(|e| e.title.to_lowercase());
}

#[component]
pub(super) fn FaqTab(knowledge: Knowledge) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let editing = RwSignal::new(None::<i64>);
    let title = RwSignal::new(String::new());
    let phrasings = RwSignal::new(String::new());
    let answer = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, AppError>>);
    let saving = RwSignal::new(false);
    let clear = move || {
        editing.set(None);
        title.set(String::new());
        phrasings.set(String::new());
        answer.set(String::new());
    };
    let edit = move |entry: &FaqEntry| {
        editing.set(Some(entry.id));
        title.set(entry.title.clone());
        phrasings.set(entry.phrasings.join("\n"));
        answer.set(entry.answer.clone());
        outcome.set(None);
    };
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let draft = FaqDraft {
            title: title.get_untracked(),
            phrasings: phrasings
                .get_untracked()
                .lines()
                .map(String::from)
                .collect(),
            answer: answer.get_untracked(),
        };
        let id = editing.get_untracked();
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = save_faq_entry(id, draft).await;
            if saving.is_disposed() {
                return;
            }
            saving.set(false);
            match result {
                Ok(entry) => {
                    outcome.set(Some(Ok(w.faq_saved(&entry.title))));
                    knowledge.faq.update(|list| upsert_faq(list, entry));
                    clear();
                }
                Err(error) => outcome.set(Some(Err(error))),
            }
        });
    };
    let delete = move |entry: FaqEntry| {
        if !window()
            .confirm_with_message(&w.faq_delete_confirm(&entry.title))
            .unwrap_or(false)
        {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = delete_faq_entry(entry.id).await;
            if outcome.is_disposed() {
                return;
            }
            match result {
                Ok(()) => {
                    knowledge
                        .faq
                        .update(|list| list.retain(|e| e.id != entry.id));
                    if editing.get_untracked() == Some(entry.id) {
                        clear();
                    }
                    outcome.set(Some(Ok(w.faq_deleted(&entry.title))));
                }
                Err(error) => outcome.set(Some(Err(error))),
            }
        });
    };
    let phrasing_count = Signal::derive(move || {
        phrasings.with(|p| p.lines().filter(|l| !l.trim().is_empty()).count())
    });
    let rows = move || {
        let q = query.get();
        let shown: Vec<FaqEntry> = knowledge
            .faq
            .with(|all| all.iter().filter(|e| faq_matches(e, &q)).cloned().collect());
        if shown.is_empty() {
            return view! { <p class="py-6 text-center text-sm text-slate-500">{w.faq_none}</p> }
                .into_any();
        }
        shown
            .into_iter()
            .map(|entry| {
                let first_line = entry.answer.lines().next().unwrap_or_default().to_string();
                let for_edit = entry.clone();
                let for_delete = entry.clone();
                view! {
                    <li class="flex items-start justify-between gap-3 py-3" data-testid="bot-faq-entry">
                        <div class="min-w-0">
                            <p class="text-sm font-medium text-slate-900">{entry.title.clone()}</p>
                            <p class="truncate text-xs text-slate-500">{first_line}</p>
                            <p class="mt-0.5 text-xs text-slate-400">{w.faq_phrasings_count(entry.phrasings.len())}</p>
                        </div>
                        <div class="flex shrink-0 gap-2">
                            <button type="button" class=BUTTON_QUIET data-testid="bot-faq-edit" on:click=move |_| edit(&for_edit)>{w.edit}</button>
                            <button type="button" class=format!("{BUTTON_QUIET} text-red-700") data-testid="bot-faq-delete" on:click=move |_| delete(for_delete.clone())>{w.delete}</button>
                        </div>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="mb-4 empty:hidden">
            {move || outcome.get().map(|o| match o {
                Ok(message) => view! { <SuccessNotice message /> }.into_any(),
                Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
            })}
        </div>
        <div class="grid gap-6 xl:grid-cols-2">
            <form class=CARD on:submit=submit data-testid="bot-faq-form">
                <h2 class="text-base font-semibold">{move || if editing.get().is_some() { w.faq_edit } else { w.faq_new }}</h2>
                <p class="mb-4 mt-1 text-xs text-slate-500">{w.faq_hint}</p>
                <div class="space-y-4">
                    <div>
                        <div class="flex items-baseline justify-between gap-2">
                            <label class=LABEL for="bot-faq-title">{w.faq_title}</label>
                            <Counter count=Signal::derive(move || title.with(|t| t.chars().count())) max=BUTTON_TITLE_MAX />
                        </div>
                        <input id="bot-faq-title" data-testid="bot-faq-title" class=INPUT prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e)) />
                        <p class="mt-1 text-xs text-slate-500">{w.faq_title_hint}</p>
                    </div>
                    <div>
                        <div class="flex items-baseline justify-between gap-2">
                            <label class=LABEL for="bot-faq-phrasings">{w.faq_phrasings}</label>
                            <Counter count=phrasing_count max=PHRASINGS_MAX />
                        </div>
                        <textarea id="bot-faq-phrasings" data-testid="bot-faq-phrasings" rows=5 class=INPUT
                            placeholder=w.faq_phrasings_placeholder
                            prop:value=move || phrasings.get() on:input=move |e| phrasings.set(event_target_value(&e))></textarea>
                        <p class="mt-1 text-xs text-slate-500">{w.faq_phrasings_hint(PHRASING_MAX)}</p>
                    </div>
                    <div>
                        <div class="flex items-baseline justify-between gap-2">
                            <label class=LABEL for="bot-faq-answer">{w.faq_answer}</label>
                            <Counter count=Signal::derive(move || answer.with(|a| a.chars().count())) max=TEXT_MAX />
                        </div>
                        <textarea id="bot-faq-answer" data-testid="bot-faq-answer" rows=5 class=INPUT
                            prop:value=move || answer.get() on:input=move |e| answer.set(event_target_value(&e))></textarea>
                    </div>
                    <div class="flex gap-2">
                        <button type="submit" class=BUTTON data-testid="bot-faq-save" disabled=move || saving.get()>
                            {move || if editing.get().is_some() { w.save_entry } else { w.add_entry }}
                        </button>
                        <Show when=move || editing.get().is_some()>
                            <button type="button" class=BUTTON_QUIET on:click=move |_| clear()>{w.cancel}</button>
                        </Show>
                    </div>
                </div>
            </form>
            <section class=CARD>
                <div class="mb-2 flex items-center justify-between gap-3">
                    <h2 class="text-base font-semibold">{move || w.faq_list(knowledge.faq.with(Vec::len))}</h2>
                    <input type="search" data-testid="bot-faq-search" class=format!("{INPUT} max-w-xs") placeholder=w.search
                        prop:value=move || query.get() on:input=move |e| query.set(event_target_value(&e)) />
                </div>
                <ul class="divide-y divide-slate-100">{rows}</ul>
            </section>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, title: &str) -> FaqEntry {
        FaqEntry {
            id,
            title: title.into(),
            phrasings: vec!["¿Cuánto tarda el envío?".into()],
            answer: "Dos días".into(),
            updated_at_ms: 0,
        }
    }

    #[test]
    fn search_looks_at_titles_phrasings_and_answers() {
        let e = entry(1, "Envíos");
        assert!(faq_matches(&e, ""));
        assert!(faq_matches(&e, "envíos"));
        assert!(faq_matches(&e, "TARDA"));
        assert!(faq_matches(&e, "días"));
        assert!(!faq_matches(&e, "devoluciones"));
    }

    #[test]
    fn a_saved_entry_replaces_its_old_version_in_title_order() {
        let mut list = vec![entry(1, "Envíos"), entry(2, "Pagos")];
        upsert_faq(&mut list, entry(1, "Zonas"));
        upsert_faq(&mut list, entry(3, "Cambios"));
        let titles: Vec<_> = list.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Cambios", "Pagos", "Zonas"]);
    }
}

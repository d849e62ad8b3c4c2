//! General: how the bot greets, when it hands off, its language, and everything it says.

use super::fields::{NumberSetting, TextSetting};
use super::texts::{text_key, texts};
use super::Draft;
use crate::domain::bot::config::{TextKey, HANDOFF_WORDS_MAX};
use crate::domain::bot::{BotConfig, BotTexts};
use crate::domain::outbound::{BUTTON_TITLE_MAX, INTERACTIVE_BODY_MAX, LIST_BUTTON_MAX, TEXT_MAX};
use crate::i18n::Lang;
use crate::ui::use_viewer;
use crate::ui::widgets::{BUTTON_QUIET, CARD, INPUT, LABEL};
use leptos::prelude::*;

/// One of the bot's phrases: where it lives in [`BotTexts`] and how long it may be.
struct Phrase {
    key: TextKey,
    max: usize,
    rows: u32,
    testid: &'static str,
    get: fn(&BotConfig) -> String,
    set: fn(&mut BotConfig, String),
}

/// The phrases, in groups by when the bot says them.
const GROUPS: [&[Phrase]; 4] = [
    &[
        Phrase {
            key: TextKey::Fallback,
            max: TEXT_MAX,
            rows: 2,
            testid: "bot-text-fallback",
            get: |c| c.texts.fallback.clone(),
            set: |c, v| c.texts.fallback = v,
        },
        Phrase {
            key: TextKey::DidYouMean,
            max: INTERACTIVE_BODY_MAX,
            rows: 0,
            testid: "bot-text-did-you-mean",
            get: |c| c.texts.did_you_mean.clone(),
            set: |c, v| c.texts.did_you_mean = v,
        },
    ],
    &[
        Phrase {
            key: TextKey::AnythingElse,
            max: INTERACTIVE_BODY_MAX,
            rows: 0,
            testid: "bot-text-anything-else",
            get: |c| c.texts.anything_else.clone(),
            set: |c, v| c.texts.anything_else = v,
        },
        Phrase {
            key: TextKey::DoneButton,
            max: BUTTON_TITLE_MAX,
            rows: 0,
            testid: "bot-text-done",
            get: |c| c.texts.done_button.clone(),
            set: |c, v| c.texts.done_button = v,
        },
        Phrase {
            key: TextKey::MenuAgainButton,
            max: BUTTON_TITLE_MAX,
            rows: 0,
            testid: "bot-text-menu-again",
            get: |c| c.texts.menu_again_button.clone(),
            set: |c, v| c.texts.menu_again_button = v,
        },
        Phrase {
            key: TextKey::Goodbye,
            max: TEXT_MAX,
            rows: 2,
            testid: "bot-text-goodbye",
            get: |c| c.texts.goodbye.clone(),
            set: |c, v| c.texts.goodbye = v,
        },
    ],
    &[
        Phrase {
            key: TextKey::SearchPrompt,
            max: TEXT_MAX,
            rows: 2,
            testid: "bot-text-search-prompt",
            get: |c| c.texts.search_prompt.clone(),
            set: |c, v| c.texts.search_prompt = v,
        },
        Phrase {
            key: TextKey::SearchResults,
            max: INTERACTIVE_BODY_MAX,
            rows: 0,
            testid: "bot-text-search-results",
            get: |c| c.texts.search_results.clone(),
            set: |c, v| c.texts.search_results = v,
        },
        Phrase {
            key: TextKey::ResultsButton,
            max: LIST_BUTTON_MAX,
            rows: 0,
            testid: "bot-text-results-button",
            get: |c| c.texts.results_button.clone(),
            set: |c, v| c.texts.results_button = v,
        },
        Phrase {
            key: TextKey::NoResults,
            max: TEXT_MAX,
            rows: 2,
            testid: "bot-text-no-results",
            get: |c| c.texts.no_results.clone(),
            set: |c, v| c.texts.no_results = v,
        },
    ],
    &[
        Phrase {
            key: TextKey::Handoff,
            max: TEXT_MAX,
            rows: 2,
            testid: "bot-text-handoff",
            get: |c| c.texts.handoff.clone(),
            set: |c, v| c.texts.handoff = v,
        },
        Phrase {
            key: TextKey::Closed,
            max: TEXT_MAX,
            rows: 3,
            testid: "bot-text-closed",
            get: |c| c.texts.closed.clone(),
            set: |c, v| c.texts.closed = v,
        },
    ],
];

/// Handoff words as typed: separated by commas or lines, blanks dropped, each once.
pub(super) fn parse_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split([',', '\n', ';']).map(str::trim) {
        if !word.is_empty() && !words.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            words.push(word.to_string());
        }
    }
    words
}

#[component]
pub(super) fn GeneralTab(draft: Draft) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let groups = GROUPS
        .iter()
        .zip(w.text_groups)
        .map(|(phrases, title)| {
            let fields = phrases
                .iter()
                .map(|p| {
                    let (label, hint) = text_key(lang, p.key);
                    view! { <TextSetting draft label hint max=p.max rows=p.rows testid=p.testid get=p.get set=p.set /> }
                })
                .collect_view();
            view! {
                <div class="space-y-4">
                    <h3 class="text-sm font-semibold text-slate-800">{title}</h3>
                    {fields}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="grid gap-6 xl:grid-cols-2">
            <section class=CARD>
                <h2 class="mb-4 text-base font-semibold">{w.conversation}</h2>
                <div class="space-y-4">
                    <TextSetting draft label=w.greeting hint=w.greeting_hint max=INTERACTIVE_BODY_MAX rows=3 testid="bot-greeting" get=|c| c.greeting.clone() set=|c, v| c.greeting = v />
                    <TextSetting draft label=w.menu_button hint=w.menu_button_hint max=LIST_BUTTON_MAX testid="bot-menu-button" get=|c| c.menu_button.clone() set=|c, v| c.menu_button = v />
                    <TextSetting draft label=w.human_option hint=w.human_option_hint max=BUTTON_TITLE_MAX testid="bot-human-option" get=|c| c.human_option.clone() set=|c, v| c.human_option = v />
                </div>
            </section>
            <section class=CARD>
                <h2 class="mb-4 text-base font-semibold">{w.understanding}</h2>
                <div class="space-y-4">
                    <HandoffWords draft />
                    <div class="grid gap-4 sm:grid-cols-3">
                        <NumberSetting draft label=w.misunderstandings hint=w.misunderstandings_hint min=1 max=10 testid="bot-misunderstandings" get=|c| c.misunderstanding_limit set=|c, n| c.misunderstanding_limit = n />
                        <NumberSetting draft label=w.threshold hint=w.threshold_hint min=20 max=95 unit="%" testid="bot-threshold" get=|c| c.match_threshold set=|c, n| c.match_threshold = n />
                        <NumberSetting draft label=w.quiet hint=w.quiet_hint min=0 max=10080 unit="min" testid="bot-quiet-minutes" get=|c| c.quiet_resolve_minutes set=|c, n| c.quiet_resolve_minutes = n />
                    </div>
                </div>
            </section>
            <section class=format!("{CARD} xl:col-span-2")>
                <div class="mb-4 flex flex-wrap items-end justify-between gap-4">
                    <div>
                        <h2 class="text-base font-semibold">{w.what_it_says}</h2>
                        <p class="mt-1 text-xs text-slate-500">{w.what_it_says_hint}</p>
                    </div>
                    <LanguagePicker draft />
                </div>
                <CustomerLanguage draft />
                <div class="grid gap-8 lg:grid-cols-2">{groups}</div>
            </section>
        </div>
    }
    .into_any()
}

#[component]
fn HandoffWords(draft: Draft) -> impl IntoView {
    let w = texts(use_viewer().lang);
    // The text as typed; the configuration holds the words read from it.
    let typed = RwSignal::new(draft.config.with_untracked(|c| c.handoff_words.join(", ")));
    let chips = move || {
        draft.config.with(|c| {
            c.handoff_words
                .iter()
                .map(|word| {
                    view! {
                        <span class="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                            {word.clone()}
                        </span>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div>
            <div class="flex items-baseline justify-between gap-2">
                <label class=LABEL for="bot-handoff-words">{w.handoff_words}</label>
                <span class="text-xs tabular-nums text-slate-400">
                    {move || format!("{}/{HANDOFF_WORDS_MAX}", draft.config.with(|c| c.handoff_words.len()))}
                </span>
            </div>
            <textarea
                id="bot-handoff-words"
                data-testid="bot-handoff-words"
                rows=2
                class=INPUT
                prop:value=move || typed.get()
                on:input=move |e| {
                    let text = event_target_value(&e);
                    let words = parse_words(&text);
                    typed.set(text);
                    draft.config.update(|c| c.handoff_words = words);
                }
            ></textarea>
            <div class="mt-2 flex flex-wrap gap-1">{chips}</div>
            <p class="mt-1 text-xs text-slate-500">{w.handoff_words_hint}</p>
        </div>
    }
}

/// The bot's language (weekday names, and the defaults below) and a way back to them.
/// Whether customers who write in another desk language hear the bot in theirs.
#[component]
fn CustomerLanguage(draft: Draft) -> impl IntoView {
    let w = texts(use_viewer().lang);
    view! {
        <label class="mb-5 flex items-start gap-2 rounded-lg bg-slate-50 p-3 text-sm">
            <input
                type="checkbox"
                class="mt-0.5"
                data-testid="bot-customer-language"
                prop:checked=move || draft.config.with(|c| c.customer_language)
                on:change=move |e| {
                    let on = event_target_checked(&e);
                    draft.config.update(|c| c.customer_language = on);
                }
            />
            <span>
                <span class="font-medium text-slate-800">{w.customer_language}</span>
                <span class="block text-xs text-slate-500">{w.customer_language_hint}</span>
            </span>
        </label>
    }
}

#[component]
fn LanguagePicker(draft: Draft) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let reset = move |_| {
        let language = draft.config.with_untracked(|c| c.language);
        if !window()
            .confirm_with_message(w.reset_confirm)
            .unwrap_or(false)
        {
            return;
        }
        let defaults = BotConfig::for_language(language);
        draft.config.update(|c| {
            c.greeting = defaults.greeting;
            c.menu_button = defaults.menu_button;
            c.human_option = defaults.human_option;
            c.texts = BotTexts::for_language(language);
        });
    };
    view! {
        <div class="flex flex-wrap items-end gap-2">
            <div>
                <label class=LABEL for="bot-language">{w.language}</label>
                <select
                    id="bot-language"
                    data-testid="bot-language"
                    class="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
                    on:change=move |e| {
                        if let Some(l) = Lang::parse(&event_target_value(&e)) {
                            draft.config.update(|c| c.language = l);
                        }
                    }
                >
                    {Lang::ALL
                        .into_iter()
                        .map(|l| {
                            view! {
                                <option
                                    value=l.code()
                                    selected=move || draft.config.with(|c| c.language == l)
                                >
                                    {l.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="button" class=BUTTON_QUIET data-testid="bot-reset-texts" title=w.reset_hint on:click=reset>
                {w.reset_texts}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn handoff_words_split_on_commas_and_lines_once_each() {
        assert_eq!(
            super::parse_words(" agente, Humano\n\nhumano ;persona,"),
            vec!["agente", "Humano", "persona"]
        );
        assert!(super::parse_words(" , \n").is_empty());
    }
}

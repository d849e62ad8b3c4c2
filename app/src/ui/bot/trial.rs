//! Test: type what a customer might write and see what the saved bot answers, and why.

use super::bubble::Bubble;
use super::texts::{reason_words, texts, Words};
use super::Knowledge;
use crate::api::bot::try_bot;
use crate::domain::bot::engine::{Explanation, TurnEnd, Why};
use crate::domain::bot::matching::Scored;
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON, CARD, INPUT};
use leptos::prelude::*;

fn percent(score: f32) -> String {
    format!("{:.0}%", (score * 100.0).clamp(0.0, 100.0))
}

/// Why the bot answered what it did, in words, naming entries and products by their titles.
fn why_words(w: &Words, why: &Why, knowledge: Knowledge) -> String {
    let faq = |id: i64| {
        knowledge
            .faq
            .with_untracked(|all| all.iter().find(|e| e.id == id).map(|e| e.title.clone()))
            .unwrap_or_else(|| format!("#{id}"))
    };
    let product = |id: i64| {
        knowledge
            .products
            .with_untracked(|all| all.iter().find(|p| p.id == id).map(|p| p.name.clone()))
            .unwrap_or_else(|| format!("#{id}"))
    };
    match why {
        Why::Greeting => w.why_greeting.into(),
        Why::Menu => w.why_menu.into(),
        Why::Faq { entry } => w.why_faq(faq(entry.id), percent(entry.score)),
        Why::DidYouMean { candidates } => w.why_did_you_mean(
            candidates
                .iter()
                .map(|c| format!("{} ({})", faq(c.id), percent(c.score)))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Why::Option { id } => w.why_option(id),
        Why::SearchPrompt => w.why_search_prompt.into(),
        Why::Catalog { results } => w.why_catalog(results.len()),
        Why::NoResults => w.why_no_results.into(),
        Why::Product { id } => w.why_product(product(*id)),
        Why::HandoffWord => w.why_handoff_word.into(),
        Why::HandoffChoice => w.why_handoff_choice.into(),
        Why::Misunderstood { count } => w.why_misunderstood(*count),
        Why::Media => w.why_media.into(),
        Why::Done => w.why_done.into(),
        Why::Ignored => w.why_ignored.into(),
    }
}

#[component]
pub(super) fn TrialTab(knowledge: Knowledge, draft_dirty: Memo<bool>) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let text = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<Result<Explanation, AppError>>);
    let busy = RwSignal::new(false);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let phrase = text.get_untracked();
        if phrase.trim().is_empty() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = try_bot(phrase.clone()).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            said.set(phrase);
            answer.set(Some(result));
        });
    };
    let shown = move || {
        answer.get().map(|r| match r {
            Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
            Ok(explanation) => {
                view! { <Explained explanation knowledge said=said.get_untracked() /> }.into_any()
            }
        })
    };
    view! {
        <section class=format!("{CARD} mb-6")>
            <h2 class="text-base font-semibold">{w.trial_title}</h2>
            <p class="mb-4 mt-1 text-xs text-slate-500">{w.trial_hint}</p>
            <Show when=move || draft_dirty.get()>
                <p class="mb-3 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900">{w.trial_unsaved}</p>
            </Show>
            <form class="flex gap-2" on:submit=submit>
                <input
                    data-testid="bot-trial-input"
                    class=INPUT
                    maxlength="4096"
                    placeholder=w.trial_placeholder
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))
                />
                <button type="submit" class=BUTTON data-testid="bot-trial-submit" disabled=move || busy.get()>
                    {w.trial_submit}
                </button>
            </form>
        </section>
        <div class="empty:hidden" data-testid="bot-trial-result">{shown}</div>
    }
}

#[component]
fn Explained(explanation: Explanation, knowledge: Knowledge, said: String) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let Explanation {
        turn,
        faq,
        products,
        handoff_word,
    } = explanation;
    let why = why_words(w, &turn.why, knowledge);
    let end = turn.end.map(|end| match end {
        TurnEnd::HandOff { reason } => w.ends_handoff(reason_words(lang, reason)),
        TurnEnd::Resolved => w.ends_resolved.to_string(),
    });
    let faq_name = move |id: i64| {
        knowledge
            .faq
            .with_untracked(|all| all.iter().find(|e| e.id == id).map(|e| e.title.clone()))
            .unwrap_or_else(|| format!("#{id}"))
    };
    let product_name = move |id: i64| {
        knowledge
            .products
            .with_untracked(|all| all.iter().find(|p| p.id == id).map(|p| p.name.clone()))
            .unwrap_or_else(|| format!("#{id}"))
    };
    let scores = move |title: &'static str,
                       empty: &'static str,
                       list: Vec<Scored>,
                       name: Box<dyn Fn(i64) -> String>,
                       testid: &'static str| {
        let body = if list.is_empty() {
            view! { <p class="text-xs text-slate-500">{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="space-y-1.5">
                    {list.into_iter().map(|s| {
                        let width = format!("width: {}", percent(s.score));
                        view! {
                            <li class="text-sm" data-testid=testid>
                                <div class="flex justify-between gap-2">
                                    <span class="truncate text-slate-800">{name(s.id)}</span>
                                    <span class="tabular-nums text-slate-500">{percent(s.score)}</span>
                                </div>
                                <div class="mt-0.5 h-1.5 rounded-full bg-slate-100">
                                    <div class="h-1.5 rounded-full bg-emerald-500" style=width></div>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        };
        view! {
            <div>
                <h3 class="mb-2 text-sm font-semibold text-slate-800">{title}</h3>
                {body}
            </div>
        }
    };
    view! {
        <div class="grid gap-6 xl:grid-cols-[24rem_minmax(0,1fr)]">
            <div class="space-y-2 rounded-xl bg-[#efeae2] p-4" data-testid="bot-trial-chat">
                <div class="flex justify-end">
                    <div class="max-w-[18rem] whitespace-pre-wrap break-words rounded-lg rounded-tr-none bg-[#d9fdd3] px-3 py-2 text-sm text-slate-900 shadow-sm">
                        {said}
                    </div>
                </div>
                {turn.replies.into_iter().map(|message| view! { <Bubble message /> }).collect_view()}
            </div>
            <section class=format!("{CARD} space-y-5")>
                <div>
                    <h3 class="mb-1 text-sm font-semibold text-slate-800">{w.why}</h3>
                    <p class="text-sm text-slate-700" data-testid="bot-trial-why">{why}</p>
                    {end.map(|e| view! { <p class="mt-1 text-sm font-medium text-amber-800" data-testid="bot-trial-end">{e}</p> })}
                    <p class="mt-1 text-xs text-slate-500" data-testid="bot-trial-handoff-word">
                        {if handoff_word { w.handoff_word_seen } else { w.handoff_word_not_seen }}
                    </p>
                </div>
                <div class="grid gap-6 md:grid-cols-2">
                    {scores(w.faq_scores, w.faq_scores_none, faq, Box::new(faq_name), "bot-trial-faq")}
                    {scores(w.product_scores, w.product_scores_none, products, Box::new(product_name), "bot-trial-product")}
                </div>
            </section>
        </div>
    }
}

//! The contact panel's marketing consent: the state, its history (when, how, who, why), and
//! an agent's change with a required reason (written as an activity line). Which templates
//! the consent allows is decided by `domain::consent::may_market`, on the server.

use crate::domain::consent::ConsentEntry;
use crate::domain::contacts::MarketingConsent;
use crate::i18n::OutreachTexts;
use crate::ui::use_viewer;
use crate::ui::widgets::ErrorNotice;
use crate::wire::outreach::ConsentUpdate;
use leptos::prelude::*;

/// How many history entries show before "more".
const SHOWN: usize = 5;

#[component]
pub fn ConsentSection(
    contact_id: i64,
    conversation_id: i64,
    consent: MarketingConsent,
    history: Vec<ConsentEntry>,
    unreachable_at_ms: Option<i64>,
) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = OutreachTexts::get(lang);
    let words = super::texts(lang);
    let editing = RwSignal::new(false);
    let choice = RwSignal::new(consent);
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<crate::error::AppError>);
    let saving = RwSignal::new(false);
    let save = move |_| {
        let update = ConsentUpdate {
            contact_id,
            conversation_id,
            consent: choice.get_untracked(),
            note: note.get_untracked(),
        };
        saving.set(true);
        crate::ui::task::spawn_while(problem, async move {
            match crate::api::outreach::change_consent(update).await {
                Ok(()) => {
                    problem.set(None);
                    editing.set(false);
                    note.set(String::new());
                }
                Err(e) => problem.set(Some(e)),
            }
            saving.set(false);
        });
    };
    let source_word = move |e: &ConsentEntry| {
        use crate::domain::consent::ConsentSource;
        let i = ConsentSource::ALL
            .iter()
            .position(|s| *s == e.source)
            .unwrap_or(0);
        tx.consent_source[i]
    };
    let entries = history
        .iter()
        .take(SHOWN)
        .map(|e| {
            let who = e.actor.clone().map(|a| format!(" · {a}"));
            view! {
                <li class="border-l-2 border-slate-200 pl-2" data-testid="consent-entry">
                    <p class="text-xs">
                        <span class="font-medium">{words.consent(e.consent)}</span>
                        <span class="text-slate-500">" · " {source_word(e)} {who}</span>
                    </p>
                    <p class="text-[11px] text-slate-400">{crate::ui::clock::moment(e.at_ms)}</p>
                    {e.note.clone().map(|n| view! { <p class="text-xs italic text-slate-600">{n}</p> })}
                </li>
            }
        })
        .collect_view();
    let empty = history.is_empty();
    let tone = match consent {
        MarketingConsent::OptedIn => "bg-emerald-100 text-emerald-800",
        MarketingConsent::OptedOut => "bg-red-100 text-red-800",
        MarketingConsent::Unknown => "bg-slate-100 text-slate-600",
    };
    view! {
        <section data-testid="consent-section">
            <div class="mb-1 flex items-center justify-between">
                <p class="text-xs font-semibold uppercase tracking-wide text-slate-400">{words.marketing}</p>
                <button type="button" class="text-xs text-emerald-700 hover:underline" data-testid="consent-change" on:click=move |_| editing.update(|e| *e = !*e)>
                    {tx.consent_change}
                </button>
            </div>
            <p>
                <span class=format!("rounded-full px-2 py-0.5 text-xs font-medium {tone}") data-testid="consent-state" data-consent=consent.as_str()>
                    {words.consent(consent)}
                </span>
            </p>
            {unreachable_at_ms.map(|at| view! {
                <p class="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="contact-unreachable" title=tx.unreachable_contact_hint>
                    <span class="font-medium">{tx.unreachable_contact}</span>
                    " " {tx.unreachable_contact_hint} " · " {crate::ui::clock::moment(at)}
                </p>
            })}
            <Show when=move || editing.get()>
                <div class="mt-2 space-y-2 rounded-lg border border-slate-200 p-2" data-testid="consent-form">
                    <p class="text-xs font-medium">{tx.consent_record}</p>
                    <div class="flex flex-wrap gap-1">
                        {[MarketingConsent::OptedIn, MarketingConsent::OptedOut, MarketingConsent::Unknown].into_iter().map(|c| view! {
                            <button
                                type="button"
                                data-consent=c.as_str()
                                class=move || if choice.get() == c { "rounded-full bg-emerald-600 px-2 py-0.5 text-xs text-white" } else { "rounded-full border border-slate-300 px-2 py-0.5 text-xs" }
                                on:click=move |_| choice.set(c)
                            >
                                {words.consent(c)}
                            </button>
                        }).collect_view()}
                    </div>
                    <label class="block text-xs text-slate-600">
                        {tx.consent_reason}
                        <textarea
                            data-testid="consent-note"
                            rows="2"
                            class="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-xs"
                            placeholder=tx.consent_reason_placeholder
                            prop:value=move || note.get()
                            on:input=move |e| note.set(event_target_value(&e))
                        ></textarea>
                    </label>
                    <button
                        type="button"
                        data-testid="consent-save"
                        class="rounded bg-emerald-600 px-2 py-0.5 text-xs font-medium text-white disabled:opacity-50"
                        disabled=move || saving.get() || note.with(|n| n.trim().is_empty())
                        on:click=save
                    >
                        {tx.consent_save}
                    </button>
                    {move || problem.get().map(|error| view! { <ErrorNotice error lang=lang /> })}
                </div>
            </Show>
            <p class="mt-2 text-[11px] font-semibold uppercase tracking-wide text-slate-400">{tx.consent_history}</p>
            {if empty {
                view! { <p class="text-xs text-slate-400">{tx.consent_none}</p> }.into_any()
            } else {
                view! { <ul class="mt-1 space-y-1.5" data-testid="consent-history">{entries}</ul> }.into_any()
            }}
        </section>
    }
}

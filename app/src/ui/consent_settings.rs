//! Settings → Marketing consent (admins): whether marketing needs an explicit opt-in (one to
//! one, and in campaigns), the stop and start keywords customers may write, and the replies
//! confirming them, per language. The rules themselves are `domain::consent`.

use super::use_viewer;
use super::widgets::{ErrorNotice, BUTTON, CARD, LABEL};
use crate::api::settings::{consent_settings, save_consent_settings};
use crate::domain::consent::ConsentSettings;
use crate::error::AppError;
use crate::i18n::{ConsentSettingsTexts, CustomerTexts, Lang};
use leptos::prelude::*;

#[component]
pub fn ConsentCard() -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = ConsentSettingsTexts::get(lang);
    let loaded = LocalResource::new(consent_settings);
    view! {
        <section class=format!("{CARD} mb-6") data-testid="consent-settings">
            <h2 class="mb-1 text-base font-semibold">{tx.title}</h2>
            <p class="mb-4 text-xs text-slate-500">{tx.hint}</p>
            <Suspense fallback=move || view! { <p class="text-slate-400">{tx.loading}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(current) => view! { <ConsentForm current /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn words(list: &[String]) -> String {
    list.join(", ")
}

fn split(text: &str) -> Vec<String> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[component]
fn ConsentForm(current: ConsentSettings) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = ConsentSettingsTexts::get(lang);
    let settings = RwSignal::new(current);
    let outcome = RwSignal::new(None::<Result<(), AppError>>);
    let saving = RwSignal::new(false);
    let save = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = save_consent_settings(settings.get_untracked()).await;
            saving.set(false);
            outcome.set(Some(result.map(|saved| settings.set(saved))));
        });
    };
    let check = |label: &'static str,
                 id: &'static str,
                 get: fn(&ConsentSettings) -> bool,
                 set: fn(&mut ConsentSettings, bool)| {
        crate::ui::widgets::setting_checkbox(label, id, settings, outcome, get, set)
    };
    let keyword_field = |label: &'static str,
                         id: &'static str,
                         get: fn(&ConsentSettings) -> &Vec<String>,
                         set: fn(&mut ConsentSettings, Vec<String>)| {
        view! {
            <label class="block">
                <span class=LABEL>{label}</span>
                <input
                    type="text"
                    data-testid=id
                    class="w-full rounded-lg border border-slate-300 px-3 py-1.5 text-sm"
                    prop:value=move || settings.with(|s| words(get(s)))
                    on:change=move |e| {
                        let list = split(&event_target_value(&e));
                        settings.update(|s| set(s, list));
                        outcome.set(None);
                    }
                />
            </label>
        }
    };
    let replies = Lang::ALL
        .into_iter()
        .map(|l| {
            let code = l.code();
            let built_in = CustomerTexts::get(l);
            let reply = move |stop: bool| {
                let placeholder = if stop { built_in.consent_stop_reply } else { built_in.consent_start_reply };
                let label = if stop { tx.stop_reply } else { tx.start_reply };
                view! {
                    <label class="block">
                        <span class="text-xs text-slate-500">{label}</span>
                        <textarea
                            rows="2"
                            data-testid=format!("{}-reply-{code}", if stop { "stop" } else { "start" })
                            class="w-full rounded-lg border border-slate-300 px-2 py-1 text-sm"
                            placeholder=placeholder
                            prop:value=move || settings.with(|s| {
                                let map = if stop { &s.stop_replies } else { &s.start_replies };
                                map.get(code).cloned().unwrap_or_default()
                            })
                            on:change=move |e| {
                                let text = event_target_value(&e);
                                settings.update(|s| {
                                    let map = if stop { &mut s.stop_replies } else { &mut s.start_replies };
                                    // Empty: the built-in wording (shown as the placeholder).
                                    if text.trim().is_empty() { map.remove(code); } else { map.insert(code.to_string(), text); }
                                });
                                outcome.set(None);
                            }
                        ></textarea>
                    </label>
                }
            };
            view! {
                <fieldset class="rounded-lg border border-slate-200 p-2">
                    <legend class="px-1 text-xs font-medium text-slate-600">{l.native_name()}</legend>
                    <div class="grid gap-2 md:grid-cols-2">{reply(true)}{reply(false)}</div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <form class="space-y-4" on:submit=save>
            <div class="space-y-2">
                {check(tx.opt_in_one_to_one, "opt-in-one-to-one", |s| s.opt_in_one_to_one, |s, on| s.opt_in_one_to_one = on)}
                {check(tx.opt_in_campaigns, "opt-in-campaigns", |s| s.opt_in_campaigns, |s, on| s.opt_in_campaigns = on)}
            </div>
            {keyword_field(tx.stop_keywords, "stop-keywords", |s| &s.stop_keywords, |s, v| s.stop_keywords = v)}
            {keyword_field(tx.start_keywords, "start-keywords", |s| &s.start_keywords, |s, v| s.start_keywords = v)}
            <p class="text-xs text-slate-500">{tx.keywords_hint}</p>
            <div class="space-y-2">
                <p class=LABEL>{tx.replies}</p>
                <p class="text-xs text-slate-500">{tx.replies_hint}</p>
                {replies}
            </div>
            <div class="flex items-center gap-3">
                <button type="submit" class=BUTTON data-testid="save-consent" disabled=move || saving.get()>{tx.save}</button>
                {move || outcome.get().map(|r| match r {
                    Ok(()) => view! { <span class="text-sm text-emerald-700" role="status" data-testid="consent-saved">{tx.saved}</span> }.into_any(),
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                })}
            </div>
        </form>
    }
    .into_any()
}

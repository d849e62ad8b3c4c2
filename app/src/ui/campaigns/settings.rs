//! The team's campaign rules (admins change them; supervisors read them): the number's
//! messaging-limit tier and the frequency cap.

use super::{texts, Screen};
use crate::api::campaigns::save_campaign_settings;
use crate::domain::campaigns::limits::MessagingTier;
use crate::domain::campaigns::CampaignSettings;
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON_QUIET, INPUT, LABEL};
use leptos::prelude::*;
use leptos::task::spawn_local;

pub fn tier_words(lang: crate::i18n::Lang, tier: MessagingTier) -> String {
    let tx = texts(lang);
    match tier.limit() {
        Some(n) => tx.tier_limit(crate::i18n::format_number(lang, n as f64)),
        None => tx.tier_unlimited.to_string(),
    }
}

#[component]
pub(super) fn SettingsPanel() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let screen = expect_context::<Screen>();
    let Some((settings, may_change)) = screen.data.with_untracked(|d| {
        d.as_ref()
            .map(|d| (d.settings.clone(), d.may_change_settings))
    }) else {
        return ().into_any();
    };
    let tier = RwSignal::new(settings.tier);
    let cap = RwSignal::new(settings.frequency_cap_hours.to_string());
    let reserved = RwSignal::new(settings.reserved_percent.to_string());
    let outcome: RwSignal<Option<Result<(), AppError>>> = RwSignal::new(None);
    let save = move |_| {
        let Ok(hours) = cap.get_untracked().trim().parse::<u32>() else {
            outcome.set(Some(Err(AppError::Campaign {
                problem: crate::domain::campaigns::CampaignProblem::FrequencyCap,
            })));
            return;
        };
        let Ok(kept) = reserved.get_untracked().trim().parse::<u32>() else {
            outcome.set(Some(Err(AppError::Campaign {
                problem: crate::domain::campaigns::CampaignProblem::Reserved {
                    max: crate::domain::campaigns::schedule::MAX_RESERVED_PERCENT,
                },
            })));
            return;
        };
        let settings = CampaignSettings {
            tier: tier.get_untracked(),
            frequency_cap_hours: hours,
            reserved_percent: kept,
        };
        spawn_local(async move {
            let result = save_campaign_settings(settings).await.map(|_| ());
            outcome.set(Some(result));
        });
    };
    view! {
        <details class="mb-4 rounded-xl border border-slate-200 bg-white px-5 py-3 shadow-sm" data-testid="campaign-settings">
            <summary class="cursor-pointer text-sm font-medium text-slate-700">
                {tx.settings_title} " · " {move || tier_words(lang, tier.get())} " · "
                {move || tx.cap_summary(cap.get())}
            </summary>
            <div class="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                <label class="block">
                    <span class=LABEL>{tx.tier}</span>
                    <select
                        class=INPUT
                        disabled=!may_change
                        on:change=move |ev| {
                            if let Some(t) = MessagingTier::parse(&event_target_value(&ev)) {
                                tier.set(t);
                            }
                        }
                    >
                        {MessagingTier::ALL
                            .into_iter()
                            .map(|t| {
                                view! {
                                    <option value=t.as_str() selected=move || tier.get() == t>
                                        {tier_words(lang, t)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <span class="mt-1 block text-xs text-slate-500">{tx.tier_hint}</span>
                </label>
                <label class="block">
                    <span class=LABEL>{tx.frequency_cap}</span>
                    <input
                        class=INPUT
                        type="number"
                        min="0"
                        disabled=!may_change
                        prop:value=move || cap.get()
                        on:input=move |ev| cap.set(event_target_value(&ev))
                    />
                    <span class="mt-1 block text-xs text-slate-500">{tx.frequency_cap_hint}</span>
                </label>
                <label class="block">
                    <span class=LABEL>{tx.reserved}</span>
                    <input
                        class=INPUT
                        type="number"
                        min="0"
                        max=crate::domain::campaigns::schedule::MAX_RESERVED_PERCENT
                        disabled=!may_change
                        data-testid="reserved-percent"
                        prop:value=move || reserved.get()
                        on:input=move |ev| reserved.set(event_target_value(&ev))
                    />
                    <span class="mt-1 block text-xs text-slate-500">{tx.reserved_hint}</span>
                </label>
                <div class="flex items-end">
                    {may_change
                        .then(|| {
                            view! {
                                <button type="button" class=BUTTON_QUIET on:click=save>
                                    {tx.save}
                                </button>
                            }
                        })}
                </div>
            </div>
            {move || match outcome.get() {
                Some(Ok(())) => view! { <p class="mt-2 text-sm text-emerald-700">{tx.saved}</p> }.into_any(),
                Some(Err(error)) => view! { <div class="mt-2"><ErrorNotice error lang /></div> }.into_any(),
                None => ().into_any(),
            }}
        </details>
    }
        .into_any()
}

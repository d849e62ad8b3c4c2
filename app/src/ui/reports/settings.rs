//! Admins: the time zone the report's days are cut in. (Prices are the rate cards of
//! Settings → Costs: the panel links there.)

use super::texts::texts;
use crate::api::reports::save_report_settings;
use crate::domain::reports::ReportSettings;
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, SuccessNotice, BUTTON, CARD, INPUT, LABEL, LINK};
use leptos::prelude::*;

#[component]
pub(super) fn SettingsPanel(
    settings: ReportSettings,
    /// The last save's notice (kept by the screen: a save reloads the report).
    outcome: RwSignal<Option<Result<String, AppError>>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let timezone = RwSignal::new(settings.timezone.clone());
    let saving = RwSignal::new(false);
    let save = move |_| {
        saving.set(true);
        outcome.set(None);
        let draft = ReportSettings {
            timezone: timezone.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let result = save_report_settings(draft).await;
            if outcome.is_disposed() {
                return;
            }
            if !saving.is_disposed() {
                saving.set(false);
            }
            match result {
                Ok(saved) => {
                    outcome.set(Some(Ok(w.saved(&saved.timezone))));
                    reload();
                }
                Err(error) => outcome.set(Some(Err(error))),
            }
        });
    };
    view! {
        <section class=format!("{CARD} mt-6 max-w-3xl") data-testid="report-settings">
            <h2 class="text-base font-semibold">{w.settings}</h2>
            <p class="mb-4 mt-1 text-xs text-slate-500">{w.settings_hint}</p>
            <div class="grid gap-4 sm:grid-cols-2">
                <label class="block">
                    <span class=LABEL>{w.timezone}</span>
                    <input type="text" class=INPUT data-testid="settings-timezone" placeholder=w.timezone_hint
                        prop:value=move || timezone.get() on:input=move |e| timezone.set(event_target_value(&e)) />
                </label>
                <p class="self-end text-sm text-slate-600">
                    {w.prices_moved} " "
                    <a href="/settings/costs" class=LINK data-testid="settings-costs-link">{w.prices_link}</a>
                </p>
            </div>
            <div class="mt-4 flex items-center gap-3">
                <button type="button" class=BUTTON data-testid="settings-save" disabled=move || saving.get() on:click=save>
                    {move || if saving.get() { w.saving } else { w.save }}
                </button>
            </div>
            <div class="mt-3 empty:hidden">
                {move || outcome.get().map(|o| match o {
                    Ok(message) => view! { <SuccessNotice message /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                })}
            </div>
        </section>
    }
}

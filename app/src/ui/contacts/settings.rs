//! Settings → Contact data (admins, `/settings/contacts`): custom attribute definitions,
//! number masking for agents, and how long messages and media are kept.

use super::texts::{self, texts};
use crate::api::contacts::{contact_settings, save_contact_settings};
use crate::domain::contacts::attributes::{key_from_label, AttributeDefinition, AttributeKind};
use crate::domain::contacts::protection::ProtectionSettings;
use crate::domain::roles::Area;
use crate::error::AppError;
use crate::ui::frame::Page;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON, BUTTON_QUIET, CARD, INPUT};
use crate::wire::contacts::ContactSettings;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ContactSettingsPage() -> impl IntoView {
    view! {
        <Page area=Area::ContactSettings>
            <Loaded />
        </Page>
    }
}

#[component]
fn Loaded() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let title = viewer.t().area(Area::ContactSettings);
    let loaded = Resource::new(|| (), |_| contact_settings());
    view! {
        <Title text=title />
        <header class="mb-6">
            <h1 class="text-2xl font-semibold text-slate-900">{title}</h1>
            <p class="mt-1 max-w-2xl text-sm text-slate-500">{tx.settings_subtitle}</p>
        </header>
        <Transition fallback=move || view! { <p class="text-slate-400">{tx.loading}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    Ok(s) => view! { <Form settings=s /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Form(settings: ContactSettings) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let defs = RwSignal::new(settings.definitions.clone());
    let mask = RwSignal::new(settings.protection.mask_numbers);
    let zone = viewer.zone;
    let keep_days = RwSignal::new(settings.protection.retention_days);
    let days_text = RwSignal::new(
        settings
            .protection
            .retention_days
            .unwrap_or(365)
            .to_string(),
    );
    let status = RwSignal::new(settings.clone());
    let outcome: RwSignal<Option<Result<(), AppError>>> = RwSignal::new(None);
    let save = move |_| {
        let protection = ProtectionSettings {
            mask_numbers: mask.get_untracked(),
            retention_days: keep_days.get_untracked(),
        };
        let definitions = defs.get_untracked();
        crate::ui::task::spawn_while(outcome, async move {
            match save_contact_settings(definitions, protection).await {
                Ok(s) => {
                    defs.set(s.definitions.clone());
                    status.set(s);
                    outcome.set(Some(Ok(())));
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };
    let edit = move |i: usize, f: Box<dyn FnOnce(&mut AttributeDefinition)>| {
        defs.update(|d| {
            if let Some(x) = d.get_mut(i) {
                f(x)
            }
        });
        outcome.set(None);
    };
    view! {
        <div class="max-w-4xl space-y-6">
            <section class=CARD data-testid="attribute-definitions">
                <h2 class="text-lg font-semibold">{tx.definitions}</h2>
                <p class="mt-1 text-sm text-slate-500">{tx.definitions_hint}</p>
                <div class="mt-4 space-y-3">
                    {move || {
                        let list = defs.get();
                        if list.is_empty() {
                            return view! { <p class="text-sm text-slate-400">{tx.no_definitions}</p> }.into_any();
                        }
                        list.into_iter().enumerate().map(|(i, d)| view! {
                            <div class="grid gap-2 rounded-lg border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_10rem_auto]" data-definition=i>
                                <input class=INPUT aria-label=tx.definition_label_column placeholder=tx.definition_label_column prop:value=d.label.clone()
                                    on:change=move |e| {
                                        let label = event_target_value(&e);
                                        edit(i, Box::new(move |x| {
                                            if x.key.is_empty() { x.key = key_from_label(&label); }
                                            x.label = label;
                                        }));
                                    } />
                                <input class=format!("{INPUT} font-mono") aria-label=tx.key placeholder=tx.key prop:value=d.key.clone()
                                    on:change=move |e| { let key = event_target_value(&e); edit(i, Box::new(move |x| x.key = key)); } />
                                <select class=INPUT aria-label=tx.kind
                                    on:change=move |e| {
                                        let v = event_target_value(&e);
                                        let kind = AttributeKind::ALL.into_iter().find(|k| texts::kind_key(*k) == v).unwrap_or(AttributeKind::Text);
                                        edit(i, Box::new(move |x| x.kind = kind));
                                    }>
                                    {AttributeKind::ALL.into_iter().map(|k| view! {
                                        <option value=texts::kind_key(k) selected=k == d.kind>{texts::kind(lang, k)}</option>
                                    }).collect_view()}
                                </select>
                                <button type="button" class=BUTTON_QUIET on:click=move |_| { defs.update(|d| { d.remove(i); }); outcome.set(None); }>{tx.remove}</button>
                                <Show when=move || defs.with(|d| d.get(i).is_some_and(|x| x.kind == AttributeKind::Choice))>
                                    <input class=format!("{INPUT} sm:col-span-4") aria-label=tx.options placeholder=tx.options
                                        prop:value=defs.with_untracked(|d| d.get(i).map(|x| x.options.join(", ")).unwrap_or_default())
                                        on:change=move |e| {
                                            let options: Vec<String> = event_target_value(&e).split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                                            edit(i, Box::new(move |x| x.options = options));
                                        } />
                                </Show>
                            </div>
                        }).collect_view().into_any()
                    }}
                </div>
                <button type="button" class=format!("{BUTTON_QUIET} mt-3") data-testid="add-definition"
                    on:click=move |_| defs.update(|d| d.push(AttributeDefinition { key: String::new(), label: String::new(), kind: AttributeKind::Text, options: Vec::new() }))>
                    {tx.add_definition}
                </button>
            </section>
            <section class=CARD data-testid="data-protection">
                <h2 class="text-lg font-semibold">{tx.protection}</h2>
                <label class="mt-4 flex items-start gap-3">
                    <input type="checkbox" class="mt-1 h-4 w-4" data-testid="mask-numbers" prop:checked=move || mask.get()
                        on:change=move |e| { mask.set(event_target_checked(&e)); outcome.set(None); } />
                    <span>
                        <span class="block text-sm font-medium">{tx.mask_numbers}</span>
                        <span class="block text-sm text-slate-500">{tx.mask_hint}</span>
                    </span>
                </label>
                <fieldset class="mt-5">
                    <legend class="text-sm font-medium">{tx.retention}</legend>
                    <div class="mt-2 flex flex-wrap items-center gap-4 text-sm">
                        <label class="flex items-center gap-2">
                            <input type="radio" name="retention" data-testid="retention-forever" prop:checked=move || keep_days.get().is_none()
                                on:change=move |_| { keep_days.set(None); outcome.set(None); } />
                            {tx.keep_forever}
                        </label>
                        <label class="flex items-center gap-2">
                            <input type="radio" name="retention" data-testid="retention-days-on" prop:checked=move || keep_days.get().is_some()
                                on:change=move |_| { keep_days.set(Some(days_text.get_untracked().trim().parse().unwrap_or(0))); outcome.set(None); } />
                            {tx.keep_for}
                        </label>
                        <input class=format!("{INPUT} w-28") type="number" min="1" max="3650" aria-label=tx.retention_days data-testid="retention-days"
                            prop:value=move || days_text.get()
                            on:input=move |e| {
                                let v = event_target_value(&e);
                                days_text.set(v.clone());
                                if keep_days.get_untracked().is_some() { keep_days.set(Some(v.trim().parse().unwrap_or(0))); }
                            } />
                    </div>
                    <p class="mt-2 text-sm text-slate-500">{tx.retention_hint}</p>
                    <p class="mt-2 text-sm text-slate-600" data-testid="retention-status">
                        {move || status.with(|s| {
                            let when = |ms: i64| crate::i18n::moment_in(lang, ms, zone);
                            let last = match &s.last_retention {
                                Some(r) => tx.last_run(when(r.at_ms), r.messages as i64, r.media as i64),
                                None => tx.never_run.to_string(),
                            };
                            match s.next_retention_ms {
                                Some(next) => format!("{last} {}", tx.next_run(when(next))),
                                None => last,
                            }
                        })}
                    </p>
                </fieldset>
            </section>
            <div class="flex items-center gap-3">
                <button type="button" class=BUTTON data-testid="save-contact-settings" on:click=save>{tx.save}</button>
                {move || match outcome.get() {
                    Some(Ok(())) => view! { <span class="text-sm text-emerald-700">{tx.settings_saved}</span> }.into_any(),
                    Some(Err(error)) => view! { <ErrorNotice error lang /> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
        </div>
    }
}

//! The editor's message: the approved template, where each of its values comes from (with a
//! fallback), what its quick-reply buttons do, where answers go; then the preview, stepping
//! through the recipients as each will see it, and a test send.

use super::{texts, Screen};
use crate::api::campaigns::{preview_recipient, test_send};
use crate::domain::campaigns::composition::{Mapping, ValueSource};
use crate::domain::campaigns::replies::{ButtonAction, ButtonRoute};
use crate::domain::template_form::header_media_kind;
use crate::error::AppError;
use crate::ui::inbox::picker::HeaderFile;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON_QUIET, CARD, INPUT, LABEL};
use crate::wire::campaigns::{CampaignDraft, CampaignTemplate, RecipientPreview, RepliesTo};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn source_key(s: &ValueSource) -> &'static str {
    match s {
        ValueSource::FirstName => "first_name",
        ValueSource::Name => "name",
        ValueSource::Phone => "phone",
        ValueSource::Attribute(_) => "attribute",
        ValueSource::Column(_) => "column",
        ValueSource::Fixed(_) => "fixed",
    }
}

fn source_text(s: &ValueSource) -> String {
    match s {
        ValueSource::Attribute(t) | ValueSource::Column(t) | ValueSource::Fixed(t) => t.clone(),
        _ => String::new(),
    }
}

/// The mappings a template starts with: a greeting's value is the first name, named values
/// take the attribute of the same name, others a fixed text to fill in.
fn default_mappings(t: &CampaignTemplate) -> Vec<Mapping> {
    t.slots
        .iter()
        .map(|slot| {
            let source = if slot.after_greeting
                || slot.name.contains("first")
                || slot.name.contains("nombre")
            {
                ValueSource::FirstName
            } else if slot.name.parse::<u32>().is_err() {
                ValueSource::Attribute(slot.name.clone())
            } else {
                ValueSource::Fixed(slot.example.clone().unwrap_or_default())
            };
            Mapping {
                slot: slot.key.clone(),
                source,
                fallback: String::new(),
            }
        })
        .collect()
}

#[component]
pub(super) fn Message(
    draft: RwSignal<CampaignDraft>,
    lists: RwSignal<Vec<crate::wire::campaigns::ListView>>,
) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let screen = expect_context::<Screen>();
    let data = screen.data.get_untracked().expect("loaded");
    let templates = StoredValue::new(data.templates.clone());
    let labels = StoredValue::new(data.labels.clone());
    // The header file, chosen once for everyone (templates with a media header).
    let uploads = RwSignal::new(data.uploads.clone());
    let upload = RwSignal::new(draft.with_untracked(|d| {
        d.header_upload
            .and_then(|id| data.uploads.iter().find(|u| u.id == id).cloned())
    }));
    let progress = RwSignal::new(None::<u32>);
    let problem = RwSignal::new(None::<AppError>);
    // The chosen list's columns can fill values.
    let list_columns = move || {
        let id = draft.with(|d| d.filter.list)?;
        lists.with(|all| all.iter().find(|l| l.id == id).map(|l| l.columns.clone()))
    };
    Effect::new(move |_| {
        let id = upload.with(|u| u.as_ref().map(|u| u.id));
        if draft.with_untracked(|d| d.header_upload != id) {
            draft.update(|d| d.header_upload = id);
        }
    });
    let chosen = move || {
        draft.with(|d| {
            templates.with_value(|all| {
                all.iter()
                    .find(|t| {
                        t.name == d.composition.template_name
                            && t.language == d.composition.language
                    })
                    .cloned()
            })
        })
    };
    let pick = move |key: String| {
        let t = templates.with_value(|all| {
            all.iter()
                .find(|t| format!("{}|{}", t.name, t.language) == key)
                .cloned()
        });
        upload.set(None);
        problem.set(None);
        draft.update(|d| match t {
            Some(t) => {
                d.composition.template_name = t.name.clone();
                d.composition.language = t.language.clone();
                d.composition.mappings = default_mappings(&t);
                d.buttons = t
                    .quick_replies
                    .iter()
                    .map(|(i, _)| ButtonRoute {
                        index: *i,
                        action: ButtonAction::Nothing,
                    })
                    .collect();
            }
            None => {
                d.composition.template_name.clear();
                d.composition.language.clear();
                d.composition.mappings.clear();
                d.buttons.clear();
            }
        });
    };
    view! {
        <section class=CARD data-testid="message">
            <h2 class="text-lg font-semibold text-slate-900">{tx.message}</h2>
            {if data.templates.is_empty() {
                view! { <p class="mt-2 text-sm text-slate-500">{tx.no_templates}</p> }.into_any()
            } else {
                ().into_any()
            }}
            <label class="mt-3 block">
                <span class=LABEL>{tx.template}</span>
                <select class=INPUT data-testid="template-select" on:change=move |ev| pick(event_target_value(&ev))>
                    <option value="">{tx.choose_template}</option>
                    {data.templates.iter().map(|t| {
                        let key = format!("{}|{}", t.name, t.language);
                        let (name, language) = (t.name.clone(), t.language.clone());
                        view! {
                            <option value=key selected=move || draft.with(|d| d.composition.template_name == name && d.composition.language == language)>
                                {format!("{} · {} · {}", t.name, t.language, t.category.to_lowercase())}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
            {move || chosen().map(|t| {
                let slots = t.slots.clone();
                let quick = t.quick_replies.clone();
                let media_kind = header_media_kind(&t.content);
                view! {
                    <p class="mt-3 whitespace-pre-wrap rounded-lg bg-slate-50 p-3 text-sm text-slate-700">{t.content.body.clone()}</p>
                    {media_kind.map(|kind| view! {
                        <div class="mt-3" data-testid="campaign-header-file">
                            <HeaderFile kind uploads upload progress problem />
                            <p class="mt-1 text-xs text-slate-500">{tx.header_file_hint}</p>
                            {move || problem.get().map(|error| view! { <div class="mt-2"><ErrorNotice error lang /></div> })}
                        </div>
                    })}
                    {(!slots.is_empty()).then(|| view! {
                        <div class="mt-4 space-y-3">
                            <span class=LABEL>{tx.values}</span>
                            <datalist id="list-columns">
                                {move || list_columns().unwrap_or_default().into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
                            </datalist>
                            {slots.into_iter().map(|slot| {
                                let key = slot.key.clone();
                                let k1 = key.clone();
                                let k2 = key.clone();
                                let k3 = key.clone();
                                let k4 = key.clone();
                                let k5 = key.clone();
                                let mapping = move |k: &str| draft.with(|d| d.composition.mappings.iter().find(|m| m.slot == k).cloned());
                                let set = move |k: String, f: Box<dyn FnOnce(&mut Mapping)>| draft.update(|d| {
                                    if let Some(m) = d.composition.mappings.iter_mut().find(|m| m.slot == k) {
                                        f(m);
                                    } else {
                                        let mut m = Mapping { slot: k, source: ValueSource::Fixed(String::new()), fallback: String::new() };
                                        f(&mut m);
                                        d.composition.mappings.push(m);
                                    }
                                });
                                view! {
                                    <div class="grid gap-2 rounded-lg border border-slate-200 p-3 sm:grid-cols-[9rem_1fr_1fr_1fr]" data-testid=format!("slot-{key}")>
                                        <div class="text-sm">
                                            <span class="font-mono text-slate-800">{format!("{{{{{}}}}}", slot.name)}</span>
                                            <span class="block text-xs text-slate-500">{super::texts::slot_part(lang, &slot.key)}</span>
                                        </div>
                                        <select
                                            class="rounded-lg border border-slate-300 px-2 py-2 text-sm"
                                            aria-label=tx.value_from
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                set(k1.clone(), Box::new(move |m| {
                                                    let text = source_text(&m.source);
                                                    m.source = match v.as_str() {
                                                        "first_name" => ValueSource::FirstName,
                                                        "name" => ValueSource::Name,
                                                        "phone" => ValueSource::Phone,
                                                        "attribute" => ValueSource::Attribute(text),
                                                        "column" => ValueSource::Column(text),
                                                        _ => ValueSource::Fixed(text),
                                                    };
                                                }))
                                            }
                                        >
                                            {["first_name", "name", "phone", "attribute", "fixed"].into_iter().map(|s| {
                                                let k = k2.clone();
                                                view! { <option value=s selected=move || mapping(&k).is_some_and(|m| source_key(&m.source) == s)>{super::texts::source(lang, s)}</option> }
                                            }).collect_view()}
                                            {let k = k2.clone(); move || list_columns().map(|_| {
                                                let k = k.clone();
                                                view! { <option value="column" selected=move || mapping(&k).is_some_and(|m| source_key(&m.source) == "column")>{super::texts::source(lang, "column")}</option> }
                                            })}
                                        </select>
                                        <input
                                            class="rounded-lg border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50"
                                            placeholder=move || match mapping(&k3).map(|m| m.source) {
                                                Some(ValueSource::Attribute(_)) => tx.attribute_name,
                                                Some(ValueSource::Column(_)) => tx.column_name,
                                                _ => tx.fixed_text,
                                            }
                                            disabled={let k = k4.clone(); move || mapping(&k).is_none_or(|m| !matches!(m.source, ValueSource::Attribute(_) | ValueSource::Fixed(_) | ValueSource::Column(_)))}
                                            list={let k = k4.clone(); move || if mapping(&k).is_some_and(|m| matches!(m.source, ValueSource::Column(_))) { "list-columns" } else { "attribute-keys" }}
                                            prop:value={let k = k4.clone(); move || mapping(&k).map(|m| source_text(&m.source)).unwrap_or_default()}
                                            on:change={let k = k4.clone(); move |ev| {
                                                let v = event_target_value(&ev);
                                                set(k.clone(), Box::new(move |m| match &mut m.source {
                                                    ValueSource::Attribute(t) | ValueSource::Fixed(t) | ValueSource::Column(t) => *t = v,
                                                    _ => {}
                                                }))
                                            }}
                                        />
                                        <input
                                            class="rounded-lg border border-slate-300 px-3 py-2 text-sm"
                                            placeholder=tx.fallback
                                            aria-label=tx.fallback
                                            prop:value={let k = k5.clone(); move || mapping(&k).map(|m| m.fallback).unwrap_or_default()}
                                            on:change={let k = k5.clone(); move |ev| { let v = event_target_value(&ev); set(k.clone(), Box::new(move |m| m.fallback = v)) }}
                                        />
                                    </div>
                                }
                            }).collect_view()}
                            <p class="text-xs text-slate-500">{tx.fallback_hint}</p>
                        </div>
                    })}
                    {(!quick.is_empty()).then(|| view! {
                        <div class="mt-4">
                            <span class=LABEL>{tx.buttons}</span>
                            <div class="space-y-2">
                                {quick.into_iter().map(|(index, text)| view! {
                                    <label class="flex flex-wrap items-center gap-3 text-sm">
                                        <span class="min-w-32 rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-center text-sky-700">{text.clone()}</span>
                                        <select
                                            class="rounded-lg border border-slate-300 px-2 py-1.5 text-sm"
                                            data-testid=format!("button-{index}")
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                let action = match v.as_str() {
                                                    "opt_out" => ButtonAction::OptOut,
                                                    "person" => ButtonAction::Person,
                                                    other => other.strip_prefix("label:").and_then(|id| id.parse().ok()).map_or(ButtonAction::Nothing, ButtonAction::Label),
                                                };
                                                draft.update(|d| {
                                                    d.buttons.retain(|b| b.index != index);
                                                    d.buttons.push(ButtonRoute { index, action });
                                                });
                                            }
                                        >
                                            <option value="nothing">{tx.button_nothing}</option>
                                            <option value="opt_out">{tx.button_opt_out}</option>
                                            <option value="person">{tx.button_person}</option>
                                            {labels.with_value(|all| all.iter().map(|l| view! { <option value=format!("label:{}", l.id)>{tx.button_label(l.name.clone())}</option> }).collect_view())}
                                        </select>
                                    </label>
                                }).collect_view()}
                            </div>
                        </div>
                    })}
                }
            })}
            <fieldset class="mt-4">
                <legend class=LABEL>{tx.replies_to}</legend>
                <div class="flex flex-wrap gap-4 text-sm text-slate-700">
                    <label class="inline-flex items-center gap-2">
                        <input type="radio" name="replies-to" prop:checked=move || draft.with(|d| d.replies_to == RepliesTo::Bot) on:change=move |_| draft.update(|d| d.replies_to = RepliesTo::Bot) />
                        {tx.replies_bot}
                    </label>
                    <label class="inline-flex items-center gap-2">
                        <input type="radio" name="replies-to" data-testid="replies-queue" prop:checked=move || draft.with(|d| d.replies_to == RepliesTo::Queue) on:change=move |_| draft.update(|d| d.replies_to = RepliesTo::Queue) />
                        {tx.replies_queue}
                    </label>
                </div>
            </fieldset>
        </section>
        <Preview draft uploads />
    }
}

#[component]
fn Preview(
    draft: RwSignal<CampaignDraft>,
    uploads: RwSignal<Vec<crate::wire::picker::UploadView>>,
) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let screen = expect_context::<Screen>();
    let country = screen
        .data
        .with_untracked(|d| d.as_ref().map(|d| d.business_country.clone()))
        .unwrap_or_default();
    let index = RwSignal::new(0_u64);
    let shown: RwSignal<Option<Result<RecipientPreview, AppError>>> = RwSignal::new(None);
    let load = move |i: u64| {
        let d = draft.get_untracked();
        spawn_local(async move {
            let result = preview_recipient(d, i).await;
            if let Ok(p) = &result {
                index.set(p.index);
            }
            shown.set(Some(result));
        });
    };
    let number = RwSignal::new(String::new());
    let tested: RwSignal<Option<Result<(), AppError>>> = RwSignal::new(None);
    let send_test = move |_| {
        let d = draft.get_untracked();
        let to = crate::wire::outreach::Recipient::Phone {
            number: number.get_untracked(),
            country: country.clone(),
        };
        spawn_local(async move {
            tested.set(Some(test_send(d, to).await.map(|_| ())));
        });
    };
    view! {
        <section class=CARD data-testid="preview">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 class="text-lg font-semibold text-slate-900">{tx.preview}</h2>
                <div class="flex items-center gap-2">
                    <button type="button" class=BUTTON_QUIET on:click=move |_| load(index.get_untracked().saturating_sub(1))>"‹"</button>
                    <button type="button" class=BUTTON_QUIET data-testid="preview-show" on:click=move |_| load(index.get_untracked())>{tx.show_preview}</button>
                    <button type="button" class=BUTTON_QUIET on:click=move |_| load(index.get_untracked() + 1)>"›"</button>
                </div>
            </div>
            {move || match shown.get() {
                None => view! { <p class="mt-2 text-sm text-slate-500">{tx.preview_hint}</p> }.into_any(),
                Some(Err(error)) => view! { <div class="mt-2"><ErrorNotice error lang /></div> }.into_any(),
                Some(Ok(p)) => view! {
                    <p class="mt-2 text-sm text-slate-600">
                        {tx.recipient_of(p.index + 1, p.total)} " · " {p.name.clone().unwrap_or_default()} " " <span class="text-slate-400">{p.phone.clone()}</span>
                    </p>
                    <div class="mt-3 max-w-sm rounded-2xl bg-[#e5ddd5] p-3">
                        {match p.rendered {
                            Ok(r) => view! {
                                <div class="rounded-lg bg-white p-3 text-sm text-slate-900 shadow" data-testid="preview-bubble">
                                    {header_file(draft, uploads)}
                                    {r.header.map(|h| view! { <p class="mb-1 font-semibold">{h}</p> })}
                                    <p class="whitespace-pre-wrap">{r.body}</p>
                                    {r.footer.map(|f| view! { <p class="mt-1 text-xs text-slate-500">{f}</p> })}
                                    <div class="mt-2 divide-y divide-slate-100 border-t border-slate-100">
                                        {r.buttons.into_iter().map(|b| view! { <p class="py-1.5 text-center text-sky-700">{b.text}</p> }).collect_view()}
                                    </div>
                                </div>
                            }.into_any(),
                            Err(problem) => view! {
                                <p class="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">{tx.skipped_for_value(crate::i18n::Lang::texts(lang).slot_label(&problem.key))}</p>
                            }.into_any(),
                        }}
                    </div>
                }.into_any(),
            }}
            <div class="mt-4 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4">
                <label class="block">
                    <span class=LABEL>{tx.test_number}</span>
                    <input class=INPUT type="tel" placeholder="+34 600 000 000" prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev)) />
                </label>
                <button type="button" class=BUTTON_QUIET on:click=send_test>{tx.send_test}</button>
                {move || match tested.get() {
                    Some(Ok(())) => view! { <span class="text-sm text-emerald-700">{tx.test_sent}</span> }.into_any(),
                    Some(Err(error)) => view! { <div class="w-full"><ErrorNotice error lang /></div> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
        </section>
    }
}

/// The chosen header file as the bubble shows it: the picture, or the file's name.
fn header_file(
    draft: RwSignal<CampaignDraft>,
    uploads: RwSignal<Vec<crate::wire::picker::UploadView>>,
) -> Option<AnyView> {
    use crate::domain::message::MediaKind;
    let id = draft.with_untracked(|d| d.header_upload)?;
    let upload = uploads.with_untracked(|all| all.iter().find(|u| u.id == id).cloned())?;
    Some(if upload.kind == MediaKind::Image {
        view! { <img src=format!("/uploads/{id}") alt="" class="mb-2 max-h-48 w-full rounded object-cover" /> }
            .into_any()
    } else {
        view! { <p class="mb-2 truncate rounded bg-slate-100 px-2 py-3 text-xs text-slate-600">{format!("📎 {}", upload.filename)}</p> }
            .into_any()
    })
}

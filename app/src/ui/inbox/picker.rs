//! The template picker: approved templates searchable by name and text, grouped by category,
//! a form for every variable (pre-filled from the customer and the agent), header files
//! uploaded or chosen from earlier uploads, Meta's limits checked as the agent types, and a
//! live preview as WhatsApp shows it. The server rebuilds and checks the same message.

use super::state::{now_ms, Console};
use super::texts;
use crate::domain::consent::{may_market, MarketingRefusal};
use crate::domain::message::MediaKind;
use crate::domain::template_form::{
    check, header_media_kind, render, slots, suggest, RenderedTemplate, Slot, SlotPart,
    TemplateMedia,
};
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::ErrorNotice;
use crate::wire::picker::{PickerData, PickerTemplate, TemplateSend, UploadView};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Category headings, in the order agents reach for them.
const CATEGORIES: [&str; 3] = ["UTILITY", "MARKETING", "AUTHENTICATION"];

fn matches_search(t: &PickerTemplate, search: &str) -> bool {
    let needle = search.trim().to_lowercase();
    needle.is_empty()
        || t.name.to_lowercase().contains(&needle)
        || t.content.body.to_lowercase().contains(&needle)
        || t.language.to_lowercase().contains(&needle)
}

/// The values a template starts with: what the console can fill from the customer and agent.
fn prefilled(slots: &[Slot], data: &PickerData) -> BTreeMap<String, String> {
    slots
        .iter()
        .filter_map(|s| suggest(s, &data.prefill).map(|v| (s.key.clone(), v)))
        .collect()
}

/// Where the picker's template goes: into an open conversation, or as the first message of a
/// new one (the "New conversation" dialog, which already loaded the picker's data).
#[derive(Clone, Debug, PartialEq)]
pub enum PickerTarget {
    Conversation(i64),
    New {
        to: crate::wire::outreach::Recipient,
        data: Box<PickerData>,
    },
}

/// What a template of `category` would cost this customer now, in words (`None` without a
/// rate card: nothing to say).
fn cost_of(data: &PickerData, category: Option<&str>) -> Option<String> {
    use crate::domain::pricing::Category;
    let wanted = Category::of_template(category);
    let lang = use_viewer().lang;
    data.costs
        .iter()
        .find(|(c, _)| *c == Some(wanted))
        .map(|(_, e)| crate::ui::costs::estimate_words(lang, e, &data.currency))
}

#[component]
pub fn TemplatePicker(
    target: PickerTarget,
    /// Runs after a send, and when the agent closes the picker.
    on_close: Callback<()>,
    /// Whether the agent may close it (the window is open, so free text may go).
    closable: Signal<bool>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let lang = viewer.lang;
    let t_all = viewer.t();
    let tx = texts(lang);
    let data = RwSignal::new(None::<Result<PickerData, AppError>>);
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<PickerTemplate>);
    let values = RwSignal::new(BTreeMap::<String, String>::new());
    let upload = RwSignal::new(None::<UploadView>);
    let progress = RwSignal::new(None::<u32>);
    let problem = RwSignal::new(None::<AppError>);
    let sending = RwSignal::new(false);
    let tried = RwSignal::new(false);

    // The header files to offer again, kept apart so a new upload joins them.
    let uploads = RwSignal::new(Vec::<UploadView>::new());
    let loaded = move |result: Result<PickerData, AppError>| {
        if let Ok(d) = &result {
            uploads.set(d.uploads.clone());
        }
        data.set(Some(result));
    };
    match target.clone() {
        PickerTarget::Conversation(conversation_id) => {
            crate::ui::task::spawn_while(data, async move {
                loaded(crate::api::picker::template_picker(conversation_id).await);
            });
        }
        PickerTarget::New { data: d, .. } => loaded(Ok(*d)),
    }
    let target = StoredValue::new(target);

    let choose = move |t: PickerTemplate| {
        let initial = data.with_untracked(|d| match d {
            Some(Ok(d)) => prefilled(&slots(&t.content), d),
            _ => BTreeMap::new(),
        });
        // No header file is pre-chosen: the agent picks one on purpose.
        values.set(initial);
        upload.set(None);
        problem.set(None);
        tried.set(false);
        chosen.set(Some(t));
    };

    // Meta's limits, checked as the agent types (the server checks again).
    let media = move || {
        upload.get().map(|u| TemplateMedia {
            kind: u.kind,
            media_id: format!("upload-{}", u.id),
            filename: Some(u.filename),
        })
    };
    let slot_problem = Memo::new(move |_| {
        let t = chosen.get()?;
        values
            .with(|v| check(&t.content, v, media().as_ref()))
            .err()
    });

    let send = move || {
        tried.set(true);
        let Some(t) = chosen.get_untracked() else {
            return;
        };
        if slot_problem.get_untracked().is_some() {
            return;
        }
        sending.set(true);
        problem.set(None);
        let conversation_id = match target.get_value() {
            PickerTarget::Conversation(conversation_id) => conversation_id,
            PickerTarget::New { to, .. } => {
                let start = crate::wire::outreach::StartConversation {
                    to,
                    message: crate::wire::outreach::FirstMessage::Template {
                        meta_id: t.meta_id.clone(),
                        values: values.get_untracked(),
                        upload_id: upload.get_untracked().map(|u| u.id),
                    },
                };
                crate::ui::task::spawn_while(chosen, async move {
                    match crate::api::outreach::start_conversation(start).await {
                        Ok(started) => {
                            console.new_conversation.set(false);
                            console.open(started.conversation_id);
                        }
                        Err(error) => problem.set(Some(error)),
                    }
                    sending.set(false);
                });
                return;
            }
        };
        let request = TemplateSend {
            conversation_id,
            meta_id: t.meta_id.clone(),
            values: values.get_untracked(),
            upload_id: upload.get_untracked().map(|u| u.id),
            echo_id: Some(format!("t{}", now_ms())),
        };
        crate::ui::task::spawn_while(chosen, async move {
            match crate::api::picker::send_template(request).await {
                Ok(message) => {
                    // The agent may have moved to another conversation meanwhile.
                    if console.selected.get_untracked() == Some(conversation_id) {
                        console.upsert_message(message);
                    }
                    chosen.set(None);
                    values.set(BTreeMap::new());
                    on_close.try_run(());
                }
                Err(error) => problem.set(Some(error)),
            }
            sending.set(false);
        });
    };

    let list = move || {
        let Some(Ok(d)) = data.get() else {
            return ().into_any();
        };
        let needle = search.get();
        let groups = CATEGORIES
            .iter()
            .map(|cat| {
                let items: Vec<PickerTemplate> = d
                    .templates
                    .iter()
                    .filter(|t| t.category.as_deref().unwrap_or("UTILITY") == *cat)
                    .filter(|t| matches_search(t, &needle))
                    .cloned()
                    .collect();
                (*cat, items)
            })
            .filter(|(_, items)| !items.is_empty())
            .collect::<Vec<_>>();
        if groups.is_empty() {
            return view! { <p class="p-4 text-sm text-slate-500" data-testid="picker-empty">{tx.no_templates}</p> }.into_any();
        }
        groups
            .into_iter()
            .map(|(cat, items)| {
                view! {
                    <div class="mb-2">
                        <h4 class="sticky top-0 bg-white px-1 py-1 text-[11px] font-semibold uppercase tracking-wide text-slate-400">{tx.category(cat)}</h4>
                        {items
                            .into_iter()
                            .map(|t| {
                                let reason = match may_market(t.category.as_deref(), d.marketing, d.opt_in_required) {
                                    Err(MarketingRefusal::OptedOut) => Some(tx.marketing_blocked.to_string()),
                                    Err(MarketingRefusal::NeedsOptIn) => Some(tx.marketing_needs_opt_in.to_string()),
                                    Ok(()) => t.unsendable.as_ref().map(|_| tx.unsendable.to_string()),
                                };
                                let disabled = reason.is_some();
                                let cost = cost_of(&d, t.category.as_deref()).map(|c| view! {
                                    <span class="block text-[11px] text-slate-500" data-testid="picker-cost">{c}</span>
                                });
                                let (_, preview) = t.content.preview();
                                let pick = t.clone();
                                view! {
                                    <button
                                        type="button"
                                        data-testid="picker-template"
                                        data-name=t.name.clone()
                                        class="block w-full rounded-lg px-2 py-1.5 text-left hover:bg-emerald-50 disabled:cursor-not-allowed disabled:opacity-60 disabled:hover:bg-transparent"
                                        disabled=disabled
                                        on:click=move |_| choose(pick.clone())
                                    >
                                        <span class="flex items-center gap-2">
                                            <span class="truncate font-mono text-[13px] font-medium text-slate-800">{t.name.clone()}</span>
                                            <span class="rounded bg-slate-100 px-1 text-[10px] text-slate-500">{t.language.clone()}</span>
                                        </span>
                                        <span class="line-clamp-2 text-xs text-slate-500">{preview}</span>
                                        {cost}
                                        {reason.map(|r| view! { <span class="text-[11px] font-medium text-amber-700">{r}</span> })}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };

    view! {
        <div class="flex max-h-[60vh] min-h-0 flex-col rounded-lg border border-slate-200 bg-white" data-testid="template-picker">
            <div class="flex items-center gap-2 border-b border-slate-100 p-2">
                <Show
                    when=move || chosen.get().is_some()
                    fallback=move || view! {
                        <input
                            type="search"
                            data-testid="picker-search"
                            class="min-w-0 flex-1 rounded-lg border border-slate-300 px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-emerald-500/30"
                            placeholder=tx.search_templates
                            aria-label=tx.search_templates
                            prop:value=move || search.get()
                            on:input=move |e| search.set(event_target_value(&e))
                        />
                    }
                >
                    <button type="button" class="text-sm text-emerald-700 hover:underline" on:click=move |_| chosen.set(None)>
                        "← " {tx.all_templates}
                    </button>
                    <span class="truncate font-mono text-sm font-medium" data-testid="picker-chosen">
                        {move || chosen.get().map(|t| format!("{} · {}", t.name, t.language))}
                    </span>
                </Show>
                <Show when=move || closable.get()>
                    <button type="button" class="ml-auto rounded px-2 text-slate-500 hover:bg-slate-100" data-testid="picker-close" aria-label=tx.close_picker title=tx.close_picker on:click=move |_| on_close.run(())>"✕"</button>
                </Show>
            </div>
            {move || match data.get() {
                None => Some(view! { <p class="p-4 text-sm text-slate-400">{tx.loading}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <div class="p-3"><ErrorNotice error lang=lang /></div> }.into_any()),
                Some(Ok(_)) => None,
            }}
            <Show when=move || chosen.get().is_none() && matches!(data.get(), Some(Ok(_)))>
                <div class="min-h-0 overflow-y-auto p-2" data-testid="picker-list">{list}</div>
            </Show>
            {move || chosen.get().map(|t| {
                let the_slots = slots(&t.content);
                let media_kind = header_media_kind(&t.content);
                view! {
                    <div class="grid min-h-0 flex-1 gap-3 overflow-y-auto p-3 md:grid-cols-2">
                        <div class="space-y-2" data-testid="picker-form">
                            {media_kind.map(|kind| view! { <HeaderFile kind uploads upload progress problem /> })}
                            {the_slots.into_iter().map(|slot| view! { <SlotField spec=slot values data slot_problem tried /> }).collect_view()}
                        </div>
                        <div>
                            <p class="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-400">{tx.preview}</p>
                            <div class="rounded-lg bg-[#efeae2] p-3" data-testid="picker-preview">
                                {move || {
                                    let rendered = values.with(|v| render(&t.content, v));
                                    let src = upload.get().map(|u| format!("/uploads/{}", u.id));
                                    view! { <TemplateCard rendered media_src=src /> }
                                }}
                            </div>
                        </div>
                    </div>
                    <div class="flex flex-wrap items-center gap-2 border-t border-slate-100 p-2">
                        <span class="min-w-0 flex-1 text-xs text-red-700" data-testid="picker-problem">
                            {move || tried.get().then(|| slot_problem.get()).flatten().map(|p| {
                                format!("{}: {}", t_all.slot_label(&p.key), t_all.template_problem(&p.problem))
                            })}
                        </span>
                        {data.with_untracked(|d| match d {
                            Some(Ok(d)) => cost_of(d, t.category.as_deref()),
                            _ => None,
                        }).map(|c| view! { <span class="text-xs text-slate-500" data-testid="picker-send-cost">{c}</span> })}
                        <button
                            type="button"
                            data-testid="picker-send"
                            class="rounded-lg bg-emerald-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-emerald-700 disabled:opacity-50"
                            disabled=move || sending.get() || progress.get().is_some()
                            on:click=move |_| send()
                        >
                            {move || if sending.get() { tx.sending } else { tx.send_template }}
                        </button>
                    </div>
                }
            })}
            {move || problem.get().map(|error| view! { <div class="border-t border-slate-100 p-2"><ErrorNotice error lang=lang /></div> })}
        </div>
    }
}

/// One variable: its input, what it is, Meta's example, and one-click fills.
#[component]
fn SlotField(
    spec: Slot,
    values: RwSignal<BTreeMap<String, String>>,
    data: RwSignal<Option<Result<PickerData, AppError>>>,
    slot_problem: Memo<Option<crate::domain::template_form::SlotProblem>>,
    tried: RwSignal<bool>,
) -> impl IntoView {
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let slot = spec;
    let key = slot.key.clone();
    let id = format!("slot-{}", slot.key.replace('.', "-"));
    let label = viewer.t().slot_label(&slot.key);
    let is_text = matches!(slot.part, SlotPart::Header | SlotPart::Body);
    let fills: Vec<(String, String)> = if is_text {
        data.with_untracked(|d| match d {
            Some(Ok(d)) => {
                let p = &d.prefill;
                let name = p.contact_name.clone().unwrap_or_default();
                let mut out = vec![
                    (
                        tx.fill_first_name.to_string(),
                        crate::domain::template_form::first_name(&name).unwrap_or_default(),
                    ),
                    (tx.fill_name.to_string(), name),
                    (
                        tx.fill_phone.to_string(),
                        p.phone.clone().unwrap_or_default(),
                    ),
                    (tx.fill_me.to_string(), p.agent_name.clone()),
                ];
                out.extend(p.attributes.iter().map(|(k, v)| (k.clone(), v.clone())));
                out.into_iter()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .collect()
            }
            _ => Vec::new(),
        })
    } else {
        Vec::new()
    };
    let k1 = key.clone();
    let k2 = key.clone();
    let k3 = key.clone();
    let bad = move || tried.get() && slot_problem.get().is_some_and(|p| p.key == k3);
    view! {
        <div>
            <label class="mb-0.5 block text-xs font-medium text-slate-600" for=id.clone()>{label}</label>
            <input
                id=id
                data-testid="picker-field"
                data-key=key.clone()
                class=move || format!(
                    "block w-full rounded-lg border px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-emerald-500/30 {}",
                    if bad() { "border-red-400 bg-red-50" } else { "border-slate-300" },
                )
                placeholder=slot.example.clone().map(|e| format!("{} {e}", tx.example)).unwrap_or_default()
                prop:value=move || values.with(|v| v.get(&k1).cloned().unwrap_or_default())
                on:input=move |e| {
                    let value = event_target_value(&e);
                    values.update(|v| { v.insert(k2.clone(), value); });
                }
            />
            {(!fills.is_empty()).then(|| view! {
                <div class="mt-0.5 flex flex-wrap gap-1">
                    {fills.into_iter().map(|(what, value)| {
                        let key = key.clone();
                        let title = value.clone();
                        view! {
                            <button
                                type="button"
                                class="rounded-full border border-slate-200 px-1.5 text-[11px] text-slate-600 hover:border-emerald-400 hover:text-emerald-800"
                                title=title
                                on:click=move |_| values.update(|v| { v.insert(key.clone(), value.clone()); })
                            >
                                {what}
                            </button>
                        }
                    }).collect_view()}
                </div>
            })}
        </div>
    }
}

/// The header's image, video or document: upload one now or pick one of `uploads` (the
/// user's earlier header files; a new upload is added to them). Used by the template picker
/// and the campaign editor.
#[component]
pub(crate) fn HeaderFile(
    kind: MediaKind,
    uploads: RwSignal<Vec<UploadView>>,
    upload: RwSignal<Option<UploadView>>,
    progress: RwSignal<Option<u32>>,
    problem: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let accept = match kind {
        MediaKind::Image => "image/jpeg,image/png",
        MediaKind::Video => "video/mp4,video/3gpp",
        _ => ".pdf,.txt,.doc,.docx,.xls,.xlsx,.ppt,.pptx",
    };
    let earlier = move || {
        uploads.with(|all| {
            all.iter()
                .filter(|u| u.kind == kind)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let on_file = move |file: web_sys::File| {
        use crate::domain::outbound::{kind_for_mime, media_size_limit};
        let mime = file.type_();
        use crate::error::MediaRefusal;
        let refused = match kind_for_mime(&mime) {
            Some(k) if k != kind => Some(MediaRefusal::WrongHeaderKind {
                needs: kind.as_str().into(),
                got: k.as_str().into(),
            }),
            None => Some(MediaRefusal::NotForHeader { mime: mime.clone() }),
            Some(k) if file.size() as u64 > media_size_limit(k, false) => {
                Some(MediaRefusal::TooLarge {
                    kind: Some(k.as_str().into()),
                    max_bytes: media_size_limit(k, false),
                })
            }
            Some(_) => None,
        };
        if let Some(refusal) = refused {
            problem.set(Some(AppError::MediaRefused { refusal }));
            return;
        }
        problem.set(None);
        progress.set(Some(0));
        let url = format!(
            "/uploads?filename={}",
            super::composer::urlencode(&file.name())
        );
        #[cfg(feature = "hydrate")]
        super::socket::upload(
            &url,
            file,
            move |p| progress.set(Some(p)),
            move |status, body| {
                progress.set(None);
                if (200..300).contains(&status) {
                    if let Ok(u) = serde_json::from_str::<UploadView>(&body) {
                        uploads.update(|all| all.insert(0, u.clone()));
                        upload.set(Some(u));
                    }
                } else {
                    problem.set(Some(serde_json::from_str(&body).unwrap_or(
                        AppError::Request {
                            message: format!("HTTP {status}"),
                        },
                    )));
                }
            },
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = (url, file);
    };
    view! {
        <div class="rounded-lg border border-dashed border-slate-300 p-2" data-testid="header-file">
            <p class="mb-1 text-xs font-medium text-slate-600">{tx.header_file(kind.as_str())}</p>
            <label class="inline-flex cursor-pointer items-center gap-1 rounded-lg border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50">
                {super::icons::paperclip()}
                {tx.upload_file}
                <input
                    type="file"
                    class="hidden"
                    accept=accept
                    data-testid="header-file-input"
                    on:change=move |e| {
                        if let Some(file) = super::composer::take_file(&e) {
                            on_file(file);
                        }
                    }
                />
            </label>
            {move || progress.get().map(|p| view! { <span class="ml-2 text-xs text-slate-500">{tx.uploading(p)}</span> })}
            {move || {
                let list = earlier();
                (!list.is_empty()).then(|| view! {
                    <p class="mt-2 text-[11px] text-slate-400">{tx.earlier_uploads}</p>
                    <div class="mt-1 flex flex-wrap gap-1" data-testid="earlier-uploads">
                        {list.into_iter().map(|u| {
                            let id = u.id;
                            let picked = move || upload.get().is_some_and(|x| x.id == id);
                            let name = u.filename.clone();
                            let title = name.clone();
                            let thumb = (u.kind == MediaKind::Image).then(|| format!("/uploads/{id}"));
                            let choice = u.clone();
                            view! {
                                <button
                                    type="button"
                                    title=title
                                    class=move || format!(
                                        "flex max-w-[10rem] items-center gap-1 rounded border px-1 py-0.5 text-[11px] {}",
                                        if picked() { "border-emerald-500 bg-emerald-50 text-emerald-900" } else { "border-slate-200 text-slate-600" },
                                    )
                                    on:click=move |_| upload.set(Some(choice.clone()))
                                >
                                    {thumb.map(|src| view! { <img src=src alt="" class="h-6 w-6 rounded object-cover" /> })}
                                    <span class="truncate">{name}</span>
                                </button>
                            }
                        }).collect_view()}
                    </div>
                })
            }}
        </div>
    }
}

/// A template as WhatsApp shows it: header, body with formatting, footer, buttons.
#[component]
pub fn TemplateCard(rendered: RenderedTemplate, media_src: Option<String>) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let media = rendered.header_media.map(|kind| match (kind, media_src) {
        (MediaKind::Image, Some(src)) => view! { <img src=src alt="" class="mb-1 max-h-40 w-full rounded object-cover" /> }.into_any(),
        (MediaKind::Video, Some(src)) => view! { <video src=src class="mb-1 max-h-40 w-full rounded" controls=true></video> }.into_any(),
        (MediaKind::Document, Some(src)) => view! {
            <a href=src target="_blank" rel="noopener" class="mb-1 flex h-12 items-center justify-center rounded bg-slate-100 text-xs text-sky-700 underline">
                {tx.header_file(MediaKind::Document.as_str())}
            </a>
        }
        .into_any(),
        (kind, _) => view! {
            <div class="mb-1 flex h-16 items-center justify-center rounded bg-slate-100 text-xs text-slate-500">
                {tx.header_file(kind.as_str())}
            </div>
        }
        .into_any(),
    });
    view! {
        <div class="max-w-sm rounded-lg bg-white p-2 text-sm shadow-sm" data-testid="template-card">
            {media}
            {rendered.header.map(|h| view! { <p class="mb-0.5 font-semibold">{h}</p> })}
            <p class="whitespace-pre-wrap" data-testid="template-body"><super::bubble::Formatted text=rendered.body /></p>
            {rendered.footer.map(|f| view! { <p class="mt-1 text-xs text-slate-500">{f}</p> })}
            {(!rendered.buttons.is_empty()).then(|| view! {
                <div class="-mx-2 mt-2 border-t border-slate-100">
                    {rendered.buttons.into_iter().map(|b| {
                        let (icon, extra) = match b.kind.as_str() {
                            "URL" => ("↗ ", None),
                            "PHONE_NUMBER" => ("☎ ", None),
                            "COPY_CODE" => ("", b.target.clone()),
                            _ => ("↩ ", None),
                        };
                        view! {
                            <p class="border-b border-slate-100 px-2 py-1 text-center text-sky-600 last:border-b-0" title=b.target.clone().unwrap_or_default()>
                                {icon}{b.text}{extra.map(|c| format!(" · {c}"))}
                            </p>
                        }
                    }).collect_view()}
                </div>
            })}
        </div>
    }
}

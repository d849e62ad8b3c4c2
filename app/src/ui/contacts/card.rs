//! A contact's page: who they are on WhatsApp, their attributes (typed by the admin's
//! definitions), labels, consent history, every conversation and campaign, and blocking.

use super::texts::{self, texts};
use crate::api::contacts::{block_contact, contact_card, erase_contact, save_contact_attributes};
use crate::domain::contacts::attributes::{AttributeDefinition, AttributeKind};
use crate::error::AppError;
use crate::ui::inbox::LabelChip;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON, BUTTON_QUIET, CARD, INPUT};
use crate::wire::contacts::ContactCard;
use leptos::prelude::*;
use leptos_meta::Title;

const HEADING: &str = "mb-2 text-xs font-semibold uppercase tracking-wide text-slate-400";

#[component]
pub(super) fn ContactCardView(id: i64) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let reload = RwSignal::new(0_u32);
    let card = Resource::new(move || (id, reload.get()), |(id, _)| contact_card(id));
    view! {
        <a href="/contacts" class="text-sm text-emerald-700 hover:underline">{tx.back}</a>
        <Transition fallback=move || view! { <p class="mt-4 text-slate-400">{tx.loading}</p> }>
            {move || Suspend::new(async move {
                match card.await {
                    Err(error) => view! { <div class="mt-4"><ErrorNotice error lang /></div> }.into_any(),
                    Ok(card) => view! { <Card card reload /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Card(card: ContactCard, reload: RwSignal<u32>) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let zone = viewer.zone;
    let tx = texts(lang);
    let c = card.contact.clone();
    let id = c.id;
    let problem: RwSignal<Option<AppError>> = RwSignal::new(None);
    let blocked = card.blocked_at_ms.is_some();
    let toggle_block = move |_| {
        #[cfg(feature = "hydrate")]
        if !blocked
            && !window()
                .confirm_with_message(tx.block_confirm)
                .unwrap_or(false)
        {
            return;
        }
        crate::ui::task::spawn_while(problem, async move {
            match block_contact(id, !blocked).await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let when = move |ms: i64| crate::i18n::moment_in(lang, ms, zone);
    let messages: u64 = card.conversations.iter().map(|v| v.messages).sum();
    let conversation_count = card.conversations.len() as u64;
    let identity = |label: &'static str, value: Option<String>, test: &'static str| {
        value.map(|v| {
            view! {
                <div class="flex justify-between gap-3 py-1">
                    <dt class="text-slate-500">{label}</dt>
                    <dd class="truncate font-mono text-xs" data-testid=test>{v}</dd>
                </div>
            }
        })
    };
    let blocked_note = card.blocked_at_ms.map(|at| {
        let text = match card.blocked_by.clone() {
            Some(who) => tx.blocked_since(when(at), who),
            None => tx.blocked_since_unknown(when(at)),
        };
        view! { <p class="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="blocked-note">{text}</p> }
    });
    view! {
        <Title text=c.name.clone() />
        <header class="mt-3 mb-5 flex flex-wrap items-start justify-between gap-3">
            <div class="min-w-0">
                <h1 class="truncate text-2xl font-semibold text-slate-900" data-testid="contact-name">{c.name.clone()}</h1>
                <p class="mt-1 text-sm text-slate-500">{tx.added} " " {when(card.created_at_ms)}</p>
            </div>
            <Show when=move || card.can_manage>
                <div class="flex flex-wrap gap-2">
                    <a href=format!("/contacts/{id}/export.zip") download class=BUTTON_QUIET rel="external" data-testid="export-contact-data">{tx.export_data}</a>
                    <button type="button" class=BUTTON_QUIET data-testid="block-contact" on:click=toggle_block>
                        {if blocked { tx.unblock } else { tx.block }}
                    </button>
                </div>
            </Show>
        </header>
        {blocked_note}
        {move || problem.get().map(|error| view! { <div class="mt-3"><ErrorNotice error lang /></div> })}
        <div class="mt-4 grid gap-4 lg:grid-cols-3">
            <div class="space-y-4 lg:col-span-1">
                <section class=CARD>
                    <h2 class=HEADING>{tx.identities}</h2>
                    <dl class="text-sm">
                        {identity(tx.phone, c.phone.clone(), "card-phone")}
                        {identity(tx.bsuid, c.user_id.clone(), "card-bsuid")}
                        {identity(tx.username, c.username.clone(), "card-username")}
                        {c.language.map(|l| view! {
                            <div class="flex justify-between gap-3 py-1"><dt class="text-slate-500">{tx.writes_in}</dt><dd>{l.native_name()}</dd></div>
                        })}
                    </dl>
                </section>
                <section class=CARD>
                    <h2 class=HEADING>{tx.labels}</h2>
                    {if card.labels.is_empty() {
                        view! { <p class="text-sm text-slate-400">{tx.no_labels}</p> }.into_any()
                    } else {
                        view! { <div class="flex flex-wrap gap-1">{card.labels.iter().map(|l| view! { <LabelChip label=l.clone() /> }).collect_view()}</div> }.into_any()
                    }}
                </section>
                <section class=CARD>
                    <h2 class=HEADING>{tx.consent_history}</h2>
                    <p class="mb-2 text-sm font-medium">{texts::consent(lang, c.marketing)}</p>
                    {if c.consent_history.is_empty() {
                        view! { <p class="text-sm text-slate-400">{tx.no_consent_history}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="space-y-1 text-xs text-slate-600" data-testid="card-consent-history">
                                {c.consent_history.iter().map(|e| view! {
                                    <li>{when(e.at_ms)} " · " {texts::consent(lang, e.consent)} {e.actor.clone().map(|a| format!(" · {a}"))} {e.note.clone().map(|n| format!(" · {n}"))}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            </div>
            <div class="space-y-4 lg:col-span-2">
                <Attributes id definitions=card.definitions.clone() values=c.attributes.clone().into_iter().collect() can_edit=card.can_manage />
                <section class=CARD>
                    <h2 class=HEADING>{tx.conversations}</h2>
                    {if card.conversations.is_empty() {
                        view! { <p class="text-sm text-slate-400">{tx.no_conversations}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="divide-y divide-slate-100" data-testid="card-conversations">
                                {card.conversations.iter().map(|v| {
                                    let href = format!("/?c={}", v.id);
                                    view! {
                                        <li class="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                                            <div>
                                                <span class="font-medium">{when(v.started_at_ms)}</span>
                                                <span class="ml-2 text-xs text-slate-500">{tx.messages_count(v.messages as i64)} " · " {v.assignee.clone().unwrap_or_else(|| tx.unassigned.to_string())}</span>
                                                <div class="mt-1 flex flex-wrap gap-1">{v.labels.iter().map(|l| view! { <LabelChip label=l.clone() /> }).collect_view()}</div>
                                            </div>
                                            <a href=href class="text-emerald-700 hover:underline">{tx.open}</a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class=CARD>
                    <h2 class=HEADING>{tx.campaigns}</h2>
                    {if card.campaigns.is_empty() {
                        view! { <p class="text-sm text-slate-400">{tx.no_campaigns}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="divide-y divide-slate-100 text-sm" data-testid="card-campaigns">
                                {card.campaigns.iter().map(|k| view! {
                                    <li class="flex justify-between gap-2 py-2">
                                        <a href=format!("/campaigns?id={}", k.campaign_id) class="text-emerald-700 hover:underline">{k.name.clone()}</a>
                                        <span class="text-slate-500">{crate::ui::campaigns::texts::recipient_state(lang, k.state)} {k.sent_at_ms.map(|at| format!(" · {}", when(at)))}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <Show when=move || card.can_manage>
                    <Erase id messages=messages conversations=conversation_count />
                </Show>
            </div>
        </div>
    }
}

/// Defined attributes as typed fields; other (free) ones as name and value.
#[component]
fn Attributes(
    id: i64,
    definitions: Vec<AttributeDefinition>,
    values: Vec<(String, String)>,
    can_edit: bool,
) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let defined: Vec<(AttributeDefinition, RwSignal<String>)> = definitions
        .iter()
        .map(|d| {
            let v = values
                .iter()
                .find(|(k, _)| *k == d.key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            (d.clone(), RwSignal::new(v))
        })
        .collect();
    let free = RwSignal::new(
        values
            .iter()
            .filter(|(k, _)| !definitions.iter().any(|d| &d.key == k))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let saved = RwSignal::new(false);
    let problem: RwSignal<Option<AppError>> = RwSignal::new(None);
    let fields = StoredValue::new(defined.clone());
    let save = move |_| {
        let mut pairs: Vec<(String, String)> = fields.with_value(|f| {
            f.iter()
                .map(|(d, v)| (d.key.clone(), v.get_untracked()))
                .collect()
        });
        pairs.extend(free.get_untracked());
        crate::ui::task::spawn_while(problem, async move {
            match save_contact_attributes(id, pairs).await {
                Ok(()) => {
                    problem.set(None);
                    saved.set(true);
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let field = move |d: AttributeDefinition, value: RwSignal<String>| {
        let on_change = move |e: leptos::ev::Event| {
            value.set(event_target_value(&e));
            saved.set(false);
        };
        let input = match d.kind {
            AttributeKind::YesNo => view! {
                <select class=INPUT prop:value=move || value.get() on:change=on_change disabled=!can_edit data-attribute=d.key.clone()>
                    <option value="">"—"</option>
                    <option value="yes">{tx.yes}</option>
                    <option value="no">{tx.no}</option>
                </select>
            }.into_any(),
            AttributeKind::Choice => view! {
                <select class=INPUT prop:value=move || value.get() on:change=on_change disabled=!can_edit data-attribute=d.key.clone()>
                    <option value="">"—"</option>
                    {d.options.iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                </select>
            }.into_any(),
            kind => view! {
                <input class=INPUT
                    type=match kind { AttributeKind::Date => "date", AttributeKind::Number => "text", _ => "text" }
                    inputmode=if kind == AttributeKind::Number { "decimal" } else { "text" }
                    prop:value=move || value.get() on:change=on_change disabled=!can_edit data-attribute=d.key.clone() />
            }.into_any(),
        };
        view! {
            <label class="block text-sm">
                <span class="mb-1 block text-slate-600">{d.label.clone()} <span class="text-xs text-slate-400">" · " {texts::kind(lang, d.kind)}</span></span>
                {input}
            </label>
        }
    };
    view! {
        <section class=CARD data-testid="card-attributes">
            <h2 class=HEADING>{tx.attributes}</h2>
            <div class="grid gap-3 sm:grid-cols-2">
                {defined.into_iter().map(|(d, v)| field(d, v)).collect_view()}
            </div>
            <div class="mt-3 space-y-1">
                {move || free.get().into_iter().enumerate().map(|(i, (k, v))| view! {
                    <div class="flex gap-2">
                        <input class=format!("{INPUT} w-2/5") aria-label=tx.attribute_name placeholder=tx.attribute_name prop:value=k disabled=!can_edit
                            on:change=move |e| { let val = event_target_value(&e); free.update(|r| r[i].0 = val); saved.set(false); } />
                        <input class=format!("{INPUT} w-3/5") aria-label=tx.attribute prop:value=v disabled=!can_edit
                            on:change=move |e| { let val = event_target_value(&e); free.update(|r| r[i].1 = val); saved.set(false); } />
                    </div>
                }).collect_view()}
            </div>
            <Show when=move || can_edit>
                <div class="mt-3 flex flex-wrap items-center gap-2">
                    <button type="button" class=BUTTON_QUIET on:click=move |_| free.update(|r| r.push((String::new(), String::new())))>{tx.add_attribute}</button>
                    <button type="button" class=BUTTON data-testid="card-save-attributes" on:click=save>{tx.save}</button>
                    <Show when=move || saved.get()><span class="text-sm text-emerald-700">{tx.saved}</span></Show>
                </div>
            </Show>
            {move || problem.get().map(|error| view! { <div class="mt-2"><ErrorNotice error lang /></div> })}
        </section>
    }
}

/// Erasing the contact: a button, then a panel naming what goes, then the act.
#[component]
fn Erase(id: i64, messages: u64, conversations: u64) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem: RwSignal<Option<AppError>> = RwSignal::new(None);
    let navigate = leptos_router::hooks::use_navigate();
    let erase = move |_| {
        busy.set(true);
        let navigate = navigate.clone();
        crate::ui::task::spawn_while(problem, async move {
            match erase_contact(id).await {
                Ok(_) => navigate("/contacts", Default::default()),
                Err(e) => problem.set(Some(e)),
            }
            busy.try_set(false);
        });
    };
    view! {
        <section class="rounded-xl border border-red-200 bg-white p-5 shadow-sm" data-testid="erase-section">
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="text-sm font-medium text-red-700 hover:underline" data-testid="erase-contact" on:click=move |_| open.set(true)>{tx.erase}</button>
                }
            >
                <h2 class="text-base font-semibold text-red-800">{tx.erase_title}</h2>
                <p class="mt-2 text-sm text-slate-700" data-testid="erase-what">{tx.erase_what(messages as i64, conversations as i64)}</p>
                <p class="mt-1 text-sm text-slate-600">{tx.erase_queue}</p>
                <p class="mt-1 text-sm font-medium text-red-800">{tx.erase_irreversible}</p>
                <div class="mt-3 flex flex-wrap gap-2">
                    <button type="button" class="inline-flex items-center rounded-lg bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
                        data-testid="erase-for-good" disabled=move || busy.get() on:click=erase.clone()>{tx.erase_for_good}</button>
                    <button type="button" class=BUTTON_QUIET on:click=move |_| open.set(false)>{tx.keep}</button>
                </div>
            </Show>
            {move || problem.get().map(|error| view! { <div class="mt-2"><ErrorNotice error lang /></div> })}
        </section>
    }
}

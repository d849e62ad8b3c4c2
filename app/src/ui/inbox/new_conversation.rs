//! "New conversation": the desk writes first. Pick a contact (search by name, phone or
//! username) or type a number read in a chosen country; then free text if the customer's
//! window is open, else the template picker, pre-filled from the contact. The server decides
//! with the same rules as every other send (`ssr::outreach::start`).

use super::picker::{PickerTarget, TemplatePicker};
use super::state::Console;
use crate::domain::window::Window;
use crate::error::AppError;
use crate::i18n::OutreachTexts;
use crate::ui::use_viewer;
use crate::ui::widgets::ErrorNotice;
use crate::wire::outreach::{
    FirstMessage, Prepared, Recipient, RecipientSearch, StartConversation,
};
use leptos::prelude::*;

#[component]
pub fn NewConversationDialog() -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = OutreachTexts::get(lang);
    let query = RwSignal::new(String::new());
    let countries = RwSignal::new(Vec::<(String, u16)>::new());
    let country = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Result<RecipientSearch, AppError>>);
    let prepared = RwSignal::new(None::<Result<Prepared, AppError>>);
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<AppError>);
    let sending = RwSignal::new(false);
    let close = move || console.new_conversation.set(false);

    crate::ui::task::spawn_while(countries, async move {
        if let Ok((all, ours)) = crate::api::outreach::countries().await {
            countries.set(all);
            country.set(ours);
        }
    });
    // Each keystroke searches; an answer to an older query is dropped.
    Effect::new(move |_| {
        let q = query.get();
        let c = country.get();
        if q.trim().is_empty() {
            found.set(None);
            return;
        }
        crate::ui::task::spawn_while(found, async move {
            let answer = crate::api::outreach::search_recipients(q.clone(), c.clone()).await;
            if query.get_untracked() == q && country.get_untracked() == c {
                found.set(Some(answer));
            }
        });
    });
    let choose = move |to: Recipient| {
        prepared.set(None);
        problem.set(None);
        crate::ui::task::spawn_while(prepared, async move {
            prepared.set(Some(crate::api::outreach::prepare(to).await));
        });
    };
    let send_text = move |to: Recipient| {
        let body = text.get_untracked();
        if body.trim().is_empty() {
            return;
        }
        sending.set(true);
        problem.set(None);
        let start = StartConversation {
            to,
            message: FirstMessage::Text { body },
        };
        crate::ui::task::spawn_while(sending, async move {
            match crate::api::outreach::start_conversation(start).await {
                Ok(started) => {
                    console.new_conversation.set(false);
                    console.open(started.conversation_id);
                }
                Err(e) => problem.set(Some(e)),
            }
            sending.set(false);
        });
    };

    let search_step = move || {
        let results = move || match found.get() {
            None => ().into_any(),
            Some(Err(error)) => view! { <ErrorNotice error lang=lang /> }.into_any(),
            Some(Ok(r)) => {
                let number = r.number.clone().map(|n| {
                    let typed = query.get_untracked();
                    let picked = country.get_untracked();
                    view! {
                        <button
                            type="button"
                            data-testid="write-to-number"
                            class="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm hover:bg-emerald-50"
                            on:click=move |_| choose(Recipient::Phone { number: typed.clone(), country: picked.clone() })
                        >
                            <span class="rounded-full bg-emerald-100 px-2 py-0.5 text-[11px] font-medium text-emerald-800">{tx.new_number}</span>
                            <span class="font-mono">{tx.write_to_number(&n)}</span>
                        </button>
                    }
                });
                let empty = r.contacts.is_empty() && r.number.is_none();
                let looks_numeric = query.get_untracked().chars().any(|c| c.is_ascii_digit());
                view! {
                    {number}
                    {r.contacts.into_iter().map(|c| {
                        let id = c.id;
                        view! {
                            <button
                                type="button"
                                data-testid="recipient-match"
                                class="flex w-full items-center justify-between gap-3 rounded-lg px-3 py-2 text-left text-sm hover:bg-slate-50"
                                on:click=move |_| choose(Recipient::Contact { id })
                            >
                                <span class="truncate font-medium">{c.name.clone()}</span>
                                <span class="flex shrink-0 items-center gap-1.5 text-xs text-slate-500">
                                    {c.phone_country.clone().map(|code| view! { <span class="rounded bg-slate-100 px-1 font-mono text-[10px]">{code}</span> })}
                                    <span class="font-mono">{c.phone.clone().or(c.username.clone())}</span>
                                </span>
                            </button>
                        }
                    }).collect_view()}
                    {empty.then(|| view! {
                        <p class="px-3 py-2 text-sm text-slate-500" data-testid="no-matches">
                            {if looks_numeric { tx.not_a_number } else { tx.no_matches }}
                        </p>
                    })}
                }
                .into_any()
            }
        };
        view! {
            <div class="space-y-2">
                <div class="flex flex-wrap gap-2">
                    <label class="min-w-0 flex-1">
                        <span class="sr-only">{tx.to}</span>
                        <input
                            type="search"
                            data-testid="recipient-search"
                            autofocus=true
                            class="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-emerald-500/30"
                            placeholder=tx.search_placeholder
                            prop:value=move || query.get()
                            on:input=move |e| query.set(event_target_value(&e))
                        />
                    </label>
                    <label class="flex items-center gap-1 text-sm text-slate-600">
                        <span class="sr-only">{tx.country}</span>
                        <select
                            data-testid="recipient-country"
                            class="rounded-lg border border-slate-300 px-2 py-2 text-sm"
                            title=tx.country
                            on:change=move |e| country.set(event_target_value(&e))
                        >
                            {move || countries.get().into_iter().map(|(id, code)| {
                                let selected = country.get_untracked() == id;
                                view! { <option value=id.clone() selected=selected>{format!("{id} +{code}")}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <div class="max-h-72 overflow-y-auto" data-testid="recipient-results">{results}</div>
            </div>
        }
    };

    let compose_step = move |p: Prepared| {
        let to = p.recipient.clone();
        let header = view! {
            <div class="flex items-center justify-between gap-3 rounded-lg bg-slate-50 px-3 py-2" data-testid="new-recipient">
                <div class="min-w-0">
                    <p class="truncate font-medium">{p.name.clone()}</p>
                    <p class="flex items-center gap-1.5 text-xs text-slate-500">
                        {p.phone_country.clone().map(|code| view! { <span class="rounded bg-white px-1 font-mono text-[10px]">{code}</span> })}
                        // A new number's name is the number itself: said once.
                        {(p.phone.as_deref() != Some(p.name.as_str())).then(|| view! { <span class="font-mono">{p.phone.clone()}</span> })}
                    </p>
                </div>
                <button type="button" class="text-sm text-emerald-700 hover:underline" on:click=move |_| prepared.set(None)>{tx.change_recipient}</button>
            </div>
        };
        let unreachable = p.unreachable_at_ms.map(|_| view! {
            <p class="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="new-unreachable">{tx.unreachable}</p>
        });
        let body = if let Some(open) = p.open_conversation {
            view! {
                <div class="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm" data-testid="already-open">
                    <span>{tx.already_open(&p.name)}</span>
                    <button
                        type="button"
                        class="rounded-lg bg-emerald-600 px-3 py-1.5 font-medium text-white hover:bg-emerald-700"
                        on:click=move |_| {
                            console.new_conversation.set(false);
                            console.open(open);
                        }
                    >
                        {tx.open_it}
                    </button>
                </div>
            }
            .into_any()
        } else if matches!(p.window, Window::Open { .. }) {
            let to = to.clone();
            view! {
                <p class="text-sm text-emerald-800">{tx.window_open}</p>
                <label class="block">
                    <span class="sr-only">{tx.message}</span>
                    <textarea
                        data-testid="new-text"
                        rows="4"
                        class="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-emerald-500/30"
                        placeholder=tx.message
                        prop:value=move || text.get()
                        on:input=move |e| text.set(event_target_value(&e))
                    ></textarea>
                </label>
                <div class="flex justify-end">
                    <button
                        type="button"
                        data-testid="new-send"
                        class="rounded-lg bg-emerald-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-emerald-700 disabled:opacity-50"
                        disabled=move || sending.get() || text.with(|t| t.trim().is_empty())
                        on:click=move |_| send_text(to.clone())
                    >
                        {move || if sending.get() { tx.sending } else { tx.send }}
                    </button>
                </div>
            }
            .into_any()
        } else {
            let target = PickerTarget::New {
                to: to.clone(),
                data: Box::new(p.picker.clone()),
            };
            view! {
                <p class="text-sm text-slate-600" data-testid="new-window-closed">{tx.window_closed}</p>
                <TemplatePicker target on_close=Callback::new(move |_| close()) closable=Signal::derive(|| false) />
            }
            .into_any()
        };
        view! {
            <div class="space-y-3">
                {header}
                {unreachable}
                {body}
            </div>
        }
    };

    view! {
        <div
            class="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-slate-900/40 p-2 sm:p-6"
            role="dialog"
            aria-modal="true"
            aria-label=tx.new_conversation
            data-testid="new-conversation"
            on:keydown=move |e| if e.key() == "Escape" { close() }
        >
            <div class="w-full max-w-3xl rounded-xl bg-white p-4 shadow-xl">
                <div class="mb-3 flex items-center justify-between gap-2">
                    <h2 class="text-lg font-semibold">{tx.new_conversation}</h2>
                    <button type="button" class="rounded px-2 text-slate-500 hover:bg-slate-100" aria-label=tx.cancel title=tx.cancel on:click=move |_| close()>"✕"</button>
                </div>
                {move || match prepared.get() {
                    None => search_step().into_any(),
                    Some(Err(error)) => view! {
                        <div class="space-y-2">
                            <ErrorNotice error lang=lang />
                            <button type="button" class="text-sm text-emerald-700 hover:underline" on:click=move |_| prepared.set(None)>{tx.change_recipient}</button>
                        </div>
                    }.into_any(),
                    Some(Ok(p)) => compose_step(p).into_any(),
                }}
                {move || problem.get().map(|error| view! { <div class="mt-2"><ErrorNotice error lang=lang /></div> })}
            </div>
        </div>
    }
}

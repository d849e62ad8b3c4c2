//! The contact panel: who the customer is, what we know about them (editable attributes),
//! labels, marketing consent, the ad they came from and their conversations.

use super::list::{LabelChip, PresenceDot};
use super::state::Console;
use super::texts;
use crate::ui::use_viewer;
use crate::ui::widgets::ErrorNotice;
use leptos::prelude::*;

#[component]
pub fn ContactPanel() -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    move || {
        console.detail.get().map(|d| {
            let c = d.contact.clone();
            let phone = c.phone.clone().map(|number| view! {
                <div class="flex justify-between gap-2">
                    <dt class="text-slate-500">{tx.phone}</dt>
                    <dd class="flex items-center gap-1.5 text-xs" data-testid="contact-phone">
                        {c.phone_country.clone().map(|code| view! {
                            <span class="rounded bg-slate-100 px-1 font-mono text-[10px] text-slate-500" title=code.clone()>{code.clone()}</span>
                        })}
                        <span class="whitespace-nowrap font-mono">{number}</span>
                    </dd>
                </div>
            });
            let rows: Vec<(&'static str, Option<String>)> = vec![
                (tx.bsuid, c.user_id.clone()),
                (tx.username, c.username.clone()),
            ];
            let consent = tx.consent(c.marketing);
            let labels = if d.labels.is_empty() {
                view! { <p class="text-sm text-slate-400">{tx.no_labels}</p> }.into_any()
            } else {
                d.labels.iter().map(|l| view! { <LabelChip label=l.clone() /> }).collect_view().into_any()
            };
            let conversation_id = d.summary.id;
            view! {
                <div class="space-y-5 p-4" data-testid="contact-panel">
                    <section>
                        <p class="text-xs font-semibold uppercase tracking-wide text-slate-400">{tx.contact}</p>
                        <h3 class="mt-1 text-lg font-semibold">{c.name.clone()}</h3>
                        <dl class="mt-2 space-y-1 text-sm">
                            {phone}
                            {rows.into_iter().filter_map(|(k, v)| v.map(|v| view! {
                                <div class="flex justify-between gap-2"><dt class="text-slate-500">{k}</dt><dd class="truncate font-mono text-xs">{v}</dd></div>
                            })).collect_view()}
                            <div class="flex justify-between gap-2"><dt class="text-slate-500">{tx.marketing}</dt><dd data-testid="consent">{consent}</dd></div>
                            {c.language.map(|l| view! {
                                <div class="flex justify-between gap-2" title=tx.writes_in_hint>
                                    <dt class="text-slate-500">{tx.writes_in}</dt>
                                    <dd data-testid="contact-language">{l.native_name()}</dd>
                                </div>
                            })}
                        </dl>
                    </section>
                    <section>
                        <p class="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{tx.labels}</p>
                        <div class="flex flex-wrap gap-1">{labels}</div>
                    </section>
                    <super::consent::ConsentSection
                        contact_id=c.id
                        conversation_id
                        consent=c.marketing
                        history=c.consent_history.clone()
                        unreachable_at_ms=c.unreachable_at_ms
                    />
                    <Attributes conversation_id initial=c.attributes.clone().into_iter().collect() />
                    {d.referral.clone().map(|r| view! {
                        <section>
                            <p class="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{tx.came_from_ad}</p>
                            <p class="text-sm font-medium">{r.headline.clone().unwrap_or_default()}</p>
                            <p class="text-xs text-slate-500">{r.source_type.clone().unwrap_or_default()} {r.source_id.clone().map(|s| format!(" · {s}"))}</p>
                        </section>
                    })}
                    <section>
                        <p class="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{tx.earlier_conversations}</p>
                        <ul class="space-y-1 text-sm" data-testid="past-conversations">
                            {d.conversations.iter().map(|p| {
                                let id = p.id;
                                let current = id == conversation_id;
                                view! {
                                    <li>
                                        <button type="button" class=if current { "w-full rounded px-2 py-1 text-left bg-emerald-50" } else { "w-full rounded px-2 py-1 text-left hover:bg-slate-50" } on:click=move |_| console.open(id)>
                                            <span class="font-medium">{super::bubble::day(p.started_at_ms)}</span>
                                            <span class="ml-2 text-xs text-slate-500">{tx.status(p.status)}</span>
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                    <Colleagues />
                </div>
            }
        })
    }
}

#[component]
fn Attributes(conversation_id: i64, initial: Vec<(String, String)>) -> impl IntoView {
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let rows = RwSignal::new(initial);
    let saved = RwSignal::new(false);
    let problem = RwSignal::new(None::<crate::error::AppError>);
    let save = move |_| {
        let list = rows.get_untracked();
        crate::ui::task::spawn_while(problem, async move {
            match crate::api::inbox::save_attributes(conversation_id, list).await {
                Ok(()) => {
                    problem.set(None);
                    saved.set(true);
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    view! {
        <section data-testid="attributes">
            <p class="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{tx.attributes}</p>
            {move || rows.get().into_iter().enumerate().map(|(i, (k, v))| view! {
                <div class="mb-1 flex gap-1">
                    <input class="w-2/5 rounded border border-slate-300 px-2 py-1 text-xs" aria-label=tx.attribute_name placeholder=tx.attribute_name prop:value=k
                        on:change=move |e| { let val = event_target_value(&e); rows.update(|r| r[i].0 = val); saved.set(false); } />
                    <input class="w-3/5 rounded border border-slate-300 px-2 py-1 text-xs" aria-label=tx.attribute_value placeholder=tx.attribute_value prop:value=v
                        on:change=move |e| { let val = event_target_value(&e); rows.update(|r| r[i].1 = val); saved.set(false); } />
                </div>
            }).collect_view()}
            <div class="mt-1 flex items-center gap-2">
                <button type="button" class="rounded border border-slate-300 px-2 py-0.5 text-xs" on:click=move |_| rows.update(|r| r.push((String::new(), String::new())))>"+ " {tx.add_attribute}</button>
                <button type="button" class="rounded bg-emerald-600 px-2 py-0.5 text-xs font-medium text-white" data-testid="save-attributes" on:click=save>{tx.save}</button>
                <Show when=move || saved.get()><span class="text-xs text-emerald-700">{tx.saved}</span></Show>
            </div>
            {move || problem.get().map(|error| view! { <div class="mt-1"><ErrorNotice error lang=viewer.lang /></div> })}
        </section>
    }
}

/// Colleagues and whether they are available.
#[component]
fn Colleagues() -> impl IntoView {
    let console = expect_context::<Console>();
    let tx = texts(use_viewer().lang);
    view! {
        <section>
            <p class="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{tx.online}</p>
            <ul class="space-y-1 text-sm" data-testid="team-presence">
                {move || {
                    let mut people: Vec<(i64, String, crate::domain::inbox::Presence)> = console.presence.with(|p| p.iter().map(|(id, (n, pr))| (*id, n.clone(), *pr)).collect());
                    people.sort_by(|a, b| a.1.cmp(&b.1));
                    people.into_iter().map(|(id, name, presence)| view! {
                        <li class="flex items-center gap-2" data-user=id data-presence=format!("{presence:?}").to_lowercase()>
                            <PresenceDot presence=Signal::derive(move || presence) />
                            {name}
                            <span class="text-xs text-slate-400">{tx.presence(presence)}</span>
                        </li>
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}

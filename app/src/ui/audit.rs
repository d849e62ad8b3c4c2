//! The audit log (admins, `/audit`): who did what and when, newest first, filtered by kind,
//! person and days; "older entries" pages back; CSV export of what is filtered.

use crate::api::contacts::{audit_page, export_audit};
use crate::domain::audit::{AuditAction, AuditGroup};
use crate::domain::roles::Area;
use crate::error::AppError;
use crate::i18n::AuditTexts;
use crate::ui::frame::Page;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON_QUIET, INPUT};
use crate::wire::contacts::{AuditEntry, AuditQuery};
use leptos::prelude::*;
use leptos_meta::Title;

fn action_words(lang: crate::i18n::Lang, a: AuditAction) -> &'static str {
    let i = AuditAction::ALL.iter().position(|x| *x == a).unwrap_or(0);
    AuditTexts::get(lang).actions[i]
}

fn group_key(g: AuditGroup) -> &'static str {
    match g {
        AuditGroup::SignIns => "sign_ins",
        AuditGroup::Users => "users",
        AuditGroup::Settings => "settings",
        AuditGroup::Exports => "exports",
        AuditGroup::Contacts => "contacts",
        AuditGroup::Campaigns => "campaigns",
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <Page area=Area::Audit>
            <AuditLog />
        </Page>
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let zone = viewer.zone;
    let tx = AuditTexts::get(lang);
    let title = viewer.t().area(Area::Audit);
    let query = RwSignal::new(AuditQuery::default());
    let entries: RwSignal<Vec<AuditEntry>> = RwSignal::new(Vec::new());
    let more = RwSignal::new(false);
    let problem: RwSignal<Option<AppError>> = RwSignal::new(None);
    let first = Resource::new(move || query.get(), audit_page);
    let older = move |_| {
        let mut q = query.get_untracked();
        q.before = entries.with_untracked(|e| e.last().map(|x| x.id));
        crate::ui::task::spawn_while(problem, async move {
            match audit_page(q).await {
                Ok(page) => {
                    entries.update(|e| e.extend(page.entries));
                    more.set(page.more);
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let export = move |_| {
        let q = AuditQuery {
            before: None,
            ..query.get_untracked()
        };
        crate::ui::task::spawn_while(problem, async move {
            match export_audit(q).await {
                Ok(csv) => crate::ui::reports::export::save_csv("audit-log.csv", &csv),
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    view! {
        <Title text=title />
        <header class="mb-5">
            <h1 class="text-2xl font-semibold text-slate-900">{title}</h1>
            <p class="mt-1 max-w-2xl text-sm text-slate-500">{tx.subtitle}</p>
        </header>
        <section class="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="audit-filters">
            <label class="text-sm">
                <span class="mb-1 block text-slate-600">{tx.group}</span>
                <select class="rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm" data-testid="audit-group"
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        let g = AuditGroup::ALL.into_iter().find(|g| group_key(*g) == v);
                        query.update(|q| q.group = g);
                    }>
                    <option value="">{tx.everything}</option>
                    {AuditGroup::ALL.into_iter().enumerate().map(|(i, g)| view! { <option value=group_key(g)>{tx.groups[i]}</option> }).collect_view()}
                </select>
            </label>
            <label class="text-sm">
                <span class="mb-1 block text-slate-600">{tx.actor}</span>
                <input class=format!("{INPUT} w-56") placeholder=tx.actor_hint data-testid="audit-actor"
                    on:change=move |e| { let v = event_target_value(&e); query.update(|q| q.actor = v); } />
            </label>
            <label class="text-sm">
                <span class="mb-1 block text-slate-600">{tx.from}</span>
                <input class=INPUT type="date" on:change=move |e| { let v = event_target_value(&e); query.update(|q| q.from = Some(v).filter(|s| !s.is_empty())); } />
            </label>
            <label class="text-sm">
                <span class="mb-1 block text-slate-600">{tx.to}</span>
                <input class=INPUT type="date" on:change=move |e| { let v = event_target_value(&e); query.update(|q| q.to = Some(v).filter(|s| !s.is_empty())); } />
            </label>
            <button type="button" class=BUTTON_QUIET data-testid="audit-export" on:click=export>{tx.export}</button>
        </section>
        {move || problem.get().map(|error| view! { <div class="mb-3"><ErrorNotice error lang /></div> })}
        <Transition fallback=move || view! { <p class="text-slate-400">"…"</p> }>
            {move || Suspend::new(async move {
                match first.await {
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    Ok(page) => {
                        entries.set(page.entries);
                        more.set(page.more);
                        view! {
                            <section class="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
                                {move || if entries.with(Vec::is_empty) {
                                    view! { <p class="p-5 text-sm text-slate-500">{tx.empty}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="min-w-full text-sm" data-testid="audit-table">
                                            <thead class="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                                                <tr>
                                                    <th class="px-4 py-2">{tx.col_when}</th>
                                                    <th class="px-4 py-2">{tx.col_who}</th>
                                                    <th class="px-4 py-2">{tx.col_action}</th>
                                                    <th class="hidden px-4 py-2 md:table-cell">{tx.col_subject}</th>
                                                    <th class="hidden px-4 py-2 lg:table-cell">{tx.col_detail}</th>
                                                    <th class="hidden px-4 py-2 lg:table-cell">{tx.col_ip}</th>
                                                </tr>
                                            </thead>
                                            <tbody class="divide-y divide-slate-100">
                                                {entries.get().into_iter().map(|e| view! {
                                                    <tr data-action=e.action.as_str()>
                                                        <td class="whitespace-nowrap px-4 py-2 text-slate-600">{crate::i18n::moment_in(lang, e.at_ms, zone)}</td>
                                                        <td class="px-4 py-2">{e.actor.clone().unwrap_or_else(|| tx.desk.to_string())}</td>
                                                        <td class="px-4 py-2 font-medium">{action_words(lang, e.action)}</td>
                                                        <td class="hidden px-4 py-2 font-mono text-xs md:table-cell">{e.subject.clone()}</td>
                                                        <td class="hidden max-w-xs truncate px-4 py-2 font-mono text-xs text-slate-500 lg:table-cell" title=e.detail.clone()>{(e.detail != "{}").then(|| e.detail.clone())}</td>
                                                        <td class="hidden px-4 py-2 font-mono text-xs text-slate-500 lg:table-cell">{e.ip.clone()}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
        <Show when=move || more.get()>
            <div class="mt-3 text-center"><button type="button" class=BUTTON_QUIET data-testid="audit-more" on:click=older>{tx.more}</button></div>
        </Show>
    }
}

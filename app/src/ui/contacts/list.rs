//! The contacts list: search, a few filters (the segment filter's conditions), order, whether
//! blocked contacts show, and "show more" pages; the CSV export of what is selected.

use super::texts::{self, texts, BLOCKED_FILTERS, CONSENTS};
use crate::api::contacts::{contact_screen, export_contacts, list_contacts};
use crate::domain::campaigns::segment::{AttributeOp, AttributeRule, LastMessage};
use crate::domain::contacts::directory::{BlockedFilter, ContactQuery, ContactSort};
use crate::domain::roles::Area;
use crate::error::AppError;
use crate::ui::inbox::LabelChip;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON_QUIET};
use crate::wire::contacts::{ContactRow, ContactScreen};
use leptos::prelude::*;
use leptos_meta::Title;

const SELECT: &str = "rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm";
/// An input that sits in a row of filters (the form's `INPUT` takes the whole width).
const FIELD: &str = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-emerald-500 focus:outline-none focus:ring-2 focus:ring-emerald-500/30";

fn last_message_choice(v: &str) -> Option<LastMessage> {
    match v {
        "within_7" => Some(LastMessage::Within(7)),
        "within_30" => Some(LastMessage::Within(30)),
        "within_90" => Some(LastMessage::Within(90)),
        "not_within_90" => Some(LastMessage::NotWithin(90)),
        _ => None,
    }
}

#[component]
pub(super) fn ContactList() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let title = viewer.t().area(Area::Contacts);
    let screen = Resource::new(|| (), |_| contact_screen());
    // Resources are made here, not inside the Suspend below: hydration finds them in the
    // order the server made them.
    let query = RwSignal::new(ContactQuery::default());
    let first = Resource::new(move || query.get(), list_contacts);
    view! {
        <Title text=title />
        <header class="mb-5">
            <h1 class="text-2xl font-semibold text-slate-900">{title}</h1>
            <p class="mt-1 max-w-2xl text-sm text-slate-500">{tx.subtitle}</p>
        </header>
        <Transition fallback=move || view! { <p class="text-slate-400">{tx.loading}</p> }>
            {move || Suspend::new(async move {
                match screen.await {
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    Ok(data) => view! { <Browser data query first /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Browser(
    data: ContactScreen,
    query: RwSignal<ContactQuery>,
    first: Resource<Result<crate::wire::contacts::ContactListPage, AppError>>,
) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let zone = viewer.zone;
    let tx = texts(lang);
    let search = RwSignal::new(String::new());
    let attr_key = RwSignal::new(String::new());
    let attr_value = RwSignal::new(String::new());
    let rows: RwSignal<Vec<ContactRow>> = RwSignal::new(Vec::new());
    let next = RwSignal::new(None);
    let problem: RwSignal<Option<AppError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    // The first page follows the query; "show more" appends.
    let load_more = move |_| {
        let Some(after) = next.get_untracked() else {
            return;
        };
        let mut q = query.get_untracked();
        q.after = Some(after);
        crate::ui::task::spawn_while(problem, async move {
            match list_contacts(q).await {
                Ok(page) => {
                    rows.update(|r| r.extend(page.rows));
                    next.set(page.next);
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let apply_attribute = move || {
        let key = attr_key.get_untracked();
        let value = attr_value.get_untracked();
        query.update(|q| {
            q.filter.attributes = if key.is_empty() {
                Vec::new()
            } else {
                vec![AttributeRule {
                    key,
                    op: if value.trim().is_empty() {
                        AttributeOp::Present
                    } else {
                        AttributeOp::Contains
                    },
                    value,
                }]
            };
        });
    };
    let export = move |_| {
        let q = ContactQuery {
            after: None,
            ..query.get_untracked()
        };
        busy.set(true);
        crate::ui::task::spawn_while(problem, async move {
            match export_contacts(q).await {
                Ok(csv) => crate::ui::reports::export::save_csv("contacts.csv", &csv),
                Err(e) => problem.set(Some(e)),
            }
            busy.try_set(false);
        });
    };
    let labels = data.labels.clone();
    let mut keys: Vec<(String, String)> = data
        .definitions
        .iter()
        .map(|d| (d.key.clone(), d.label.clone()))
        .collect();
    keys.extend(data.other_keys.iter().map(|k| (k.clone(), k.clone())));
    view! {
        <section class="mb-4 space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="contact-filters">
            <div class="flex flex-wrap items-center gap-2">
                <input
                    class=format!("{FIELD} min-w-[14rem] flex-1")
                    type="search"
                    aria-label=tx.search
                    placeholder=tx.search_hint
                    data-testid="contact-search"
                    prop:value=move || search.get()
                    on:input=move |e| search.set(event_target_value(&e))
                    on:change=move |_| query.update(|q| q.search = search.get_untracked())
                    on:keydown=move |e| if e.key() == "Enter" { query.update(|q| q.search = search.get_untracked()) }
                />
                <select class=SELECT aria-label=tx.sort data-testid="contact-sort"
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        let sort = ContactSort::ALL.into_iter().find(|s| format!("{s:?}") == v).unwrap_or_default();
                        query.update(|q| q.sort = sort);
                    }>
                    {ContactSort::ALL.into_iter().map(|s| view! { <option value=format!("{s:?}")>{texts::sort(lang, s)}</option> }).collect_view()}
                </select>
                <select class=SELECT aria-label=tx.blocked data-testid="contact-blocked"
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        let b = BLOCKED_FILTERS.into_iter().find(|s| format!("{s:?}") == v).unwrap_or(BlockedFilter::Any);
                        query.update(|q| q.blocked = b);
                    }>
                    {BLOCKED_FILTERS.into_iter().map(|b| view! { <option value=format!("{b:?}")>{texts::blocked_filter(lang, b)}</option> }).collect_view()}
                </select>
                <Show when=move || data.can_export>
                    <button type="button" class=BUTTON_QUIET data-testid="contacts-export" on:click=export disabled=move || busy.get()>{tx.export}</button>
                </Show>
            </div>
            <div class="flex flex-wrap items-center gap-2 text-sm">
                <select class=SELECT aria-label=tx.label data-testid="filter-label"
                    on:change=move |e| {
                        let id = event_target_value(&e).parse::<i64>().ok();
                        query.update(|q| q.filter.labels.any = id.into_iter().collect());
                    }>
                    <option value="">{tx.any_label}</option>
                    {labels.iter().map(|l| view! { <option value=l.id.to_string()>{l.name.clone()}</option> }).collect_view()}
                </select>
                <select class=SELECT aria-label=tx.consent data-testid="filter-consent"
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        let c = CONSENTS.into_iter().find(|c| c.as_str() == v);
                        query.update(|q| q.filter.consent = c.into_iter().collect());
                    }>
                    <option value="">{tx.any_consent}</option>
                    {CONSENTS.into_iter().map(|c| view! { <option value=c.as_str()>{texts::consent(lang, c)}</option> }).collect_view()}
                </select>
                <input class=format!("{FIELD} w-24") aria-label=tx.country placeholder=tx.country_hint maxlength="2" data-testid="filter-country"
                    on:change=move |e| {
                        let v = event_target_value(&e).trim().to_uppercase();
                        query.update(|q| q.filter.countries = if v.is_empty() { Vec::new() } else { vec![v] });
                    } />
                <select class=SELECT aria-label=tx.last_contact data-testid="filter-last"
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        query.update(|q| q.filter.last_message = last_message_choice(&v));
                    }>
                    {["any", "within_7", "within_30", "within_90", "not_within_90"].into_iter().enumerate().map(|(i, v)| view! { <option value=v>{tx.last_contacts[i]}</option> }).collect_view()}
                </select>
                <select class=SELECT aria-label=tx.attribute data-testid="filter-attribute"
                    on:change=move |e| { attr_key.set(event_target_value(&e)); apply_attribute(); }>
                    <option value="">{tx.any_attribute}</option>
                    {keys.iter().map(|(k, label)| view! { <option value=k.clone()>{label.clone()}</option> }).collect_view()}
                </select>
                <input class=format!("{FIELD} w-40") aria-label=tx.attribute_value placeholder=tx.attribute_value data-testid="filter-attribute-value"
                    on:change=move |e| { attr_value.set(event_target_value(&e)); apply_attribute(); } />
            </div>
        </section>
        {move || problem.get().map(|error| view! { <div class="mb-3"><ErrorNotice error lang /></div> })}
        <Transition fallback=move || view! { <p class="text-slate-400">{tx.loading}</p> }>
            {move || Suspend::new(async move {
                match first.await {
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    Ok(page) => {
                        rows.set(page.rows);
                        next.set(page.next);
                        view! { <Table rows zone /> }.into_any()
                    }
                }
            })}
        </Transition>
        <Show when=move || next.with(Option::is_some)>
            <div class="mt-3 text-center">
                <button type="button" class=BUTTON_QUIET data-testid="contacts-more" on:click=load_more>{tx.more}</button>
            </div>
        </Show>
    }
}

#[component]
fn Table(rows: RwSignal<Vec<ContactRow>>, zone: chrono_tz::Tz) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    view! {
        <section class="rounded-xl border border-slate-200 bg-white shadow-sm">
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    return view! { <p class="p-5 text-sm text-slate-500" data-testid="contacts-empty">{tx.empty}</p> }.into_any();
                }
                view! {
                    <div class="overflow-x-auto">
                        <table class="min-w-full text-sm" data-testid="contacts-table">
                            <thead class="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                                <tr>
                                    <th class="px-4 py-2">{tx.col_name}</th>
                                    <th class="hidden px-4 py-2 md:table-cell">{tx.col_phone}</th>
                                    <th class="hidden px-4 py-2 lg:table-cell">{tx.col_labels}</th>
                                    <th class="hidden px-4 py-2 sm:table-cell">{tx.col_marketing}</th>
                                    <th class="px-4 py-2">{tx.col_last}</th>
                                </tr>
                            </thead>
                            <tbody class="divide-y divide-slate-100">
                                {list.into_iter().map(|c| {
                                    let href = format!("/contacts?id={}", c.id);
                                    view! {
                                        <tr class="hover:bg-slate-50" data-contact=c.id>
                                            <td class="px-4 py-3">
                                                <a href=href class="font-medium text-emerald-700 hover:underline">{c.name.clone()}</a>
                                                {c.blocked.then(|| view! { <span class="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700">{tx.blocked}</span> })}
                                                <div class="text-xs text-slate-500 md:hidden">{c.phone.clone()}</div>
                                            </td>
                                            <td class="hidden whitespace-nowrap px-4 py-3 font-mono text-xs md:table-cell" data-testid="contact-row-phone">
                                                {c.country.clone().map(|code| view! { <span class="mr-1 rounded bg-slate-100 px-1 text-[10px] text-slate-500">{code}</span> })}
                                                {c.phone.clone()}
                                            </td>
                                            <td class="hidden px-4 py-3 lg:table-cell"><div class="flex flex-wrap gap-1">{c.labels.iter().map(|l| view! { <LabelChip label=l.clone() /> }).collect_view()}</div></td>
                                            <td class="hidden px-4 py-3 text-slate-600 sm:table-cell">{texts::consent(lang, c.consent)}</td>
                                            <td class="whitespace-nowrap px-4 py-3 text-slate-600">
                                                {match c.last_inbound_at_ms {
                                                    Some(at) => crate::i18n::moment_in(lang, at, zone),
                                                    None => tx.never.to_string(),
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

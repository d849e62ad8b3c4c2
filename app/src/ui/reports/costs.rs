//! What the period's messages cost: the desk's estimates beside what WhatsApp charged, as a
//! total and grouped by day, category, sender or label, each grouping exportable as CSV.

use super::export;
use super::texts::texts;
use crate::domain::pricing::Category;
use crate::domain::reports::csv::ReportTable;
use crate::i18n::Lang;
use crate::ui::costs::{category, price};
use crate::ui::use_viewer;
use crate::ui::widgets::{BUTTON_QUIET, CARD, LINK};
use crate::wire::reports::{CostRow, Report, Sender};
use leptos::prelude::*;

/// The groupings, in the order of the `costs-group` words.
const GROUPS: [ReportTable; 4] = [
    ReportTable::CostsByDay,
    ReportTable::CostsByCategory,
    ReportTable::CostsBySender,
    ReportTable::CostsByLabel,
];

#[component]
pub(super) fn CostsSection(report: StoredValue<Report>) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let costs = report.with_value(|r| r.costs.clone());
    let currency = StoredValue::new(costs.currency.clone());
    let group = RwSignal::new(ReportTable::CostsByDay);
    let options = GROUPS
        .iter()
        .zip(w.costs_group)
        .map(|(table, name)| view! { <option value=table.slug()>{name}</option> })
        .collect_view();
    let choose = move |e: leptos::ev::Event| {
        let slug = event_target_value(&e);
        if let Some(table) = GROUPS.iter().find(|t| t.slug() == slug) {
            group.set(*table);
        }
    };
    let money = move |micros: i64| price(lang, micros, &currency.get_value());
    let total = costs.total.clone();
    let notes = [
        (
            total.awaiting,
            w.costs_awaiting(total.awaiting),
            "costs-awaiting",
        ),
        (
            total.no_rate,
            w.costs_no_rate(total.no_rate),
            "costs-no-rate",
        ),
        (
            total.unestimated,
            w.costs_unestimated(total.unestimated),
            "costs-unestimated",
        ),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(_, note, testid)| view! { <li data-testid=testid>{note}</li> })
    .collect_view();
    let table = move || {
        let chosen = group.get();
        let rows = report.with_value(|r| match chosen {
            ReportTable::CostsByCategory => r.costs.categories.clone(),
            ReportTable::CostsBySender => r.costs.agents.clone(),
            ReportTable::CostsByLabel => r.costs.labels.clone(),
            _ => r.costs.days.clone(),
        });
        cost_table(lang, chosen, rows, money)
    };
    view! {
        <section class=format!("{CARD} mt-6") data-testid="report-costs">
            <div class="mb-1 flex flex-wrap items-center justify-between gap-2">
                <h2 class="text-base font-semibold">{w.costs}</h2>
                <div class="flex flex-wrap items-center gap-2">
                    <select class="max-w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm" aria-label=w.costs_group_label
                        data-testid="costs-group" on:change=choose>
                        {options}
                    </select>
                    <button type="button" class=BUTTON_QUIET data-testid="export-costs"
                        on:click=move |_| report.with_value(|r| export::download(r, group.get_untracked()))>
                        {w.export_csv}
                    </button>
                </div>
            </div>
            <p class="mb-4 max-w-3xl text-xs text-slate-500">
                {w.costs_hint} " "
                <a href="/settings/costs" class=LINK>{w.rate_cards_link}</a>
            </p>
            {if total.messages == 0 {
                view! { <p class="text-sm text-slate-500" data-testid="costs-empty">{w.costs_empty}</p> }.into_any()
            } else {
                view! {
                    <div class="mb-4 flex flex-wrap gap-x-8 gap-y-2">
                        <Figure label=w.costs_estimated_total value=money(total.estimated_micros) testid="costs-estimated" />
                        <Figure label=w.costs_charged_total value=money(total.charged_micros) testid="costs-charged" />
                    </div>
                    <ul class="mb-4 list-disc space-y-1 pl-5 text-xs text-amber-700 empty:hidden">{notes}</ul>
                    {table}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Figure(label: &'static str, value: String, testid: &'static str) -> impl IntoView {
    view! {
        <div>
            <p class="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
            <p class="text-2xl font-semibold tabular-nums text-slate-900" data-testid=testid>{value}</p>
        </div>
    }
}

fn cost_table(
    lang: Lang,
    group: ReportTable,
    rows: Vec<CostRow>,
    money: impl Fn(i64) -> String + Copy + 'static,
) -> AnyView {
    let w = texts(lang);
    if rows.is_empty() {
        return view! { <p class="text-sm text-slate-500" data-testid="costs-group-empty">{w.costs_no_labels}</p> }
            .into_any();
    }
    let first = match group {
        ReportTable::CostsByCategory => w.col_category,
        ReportTable::CostsBySender => w.col_sender,
        ReportTable::CostsByLabel => w.col_label,
        _ => w.col_day,
    };
    // On a phone: the name and the two amounts; the counts from `sm` up.
    let th = "py-2 pr-4 font-medium";
    let th_end = "py-2 pl-4 text-right font-medium";
    let th_count = "hidden py-2 pl-4 text-right font-medium sm:table-cell";
    let td_end = "whitespace-nowrap py-2 pl-4 text-right tabular-nums";
    let td_count = "hidden py-2 pl-4 text-right tabular-nums sm:table-cell";
    let body = rows
        .into_iter()
        .map(|row| {
            let name = row_name(lang, group, &row);
            view! {
                <tr data-testid="cost-row" data-key=row.key.clone()>
                    <td class="py-2 pr-4 font-medium text-slate-900">{name}</td>
                    <td class=td_count>{row.messages}</td>
                    <td class=td_count>{row.billed}</td>
                    <td class=td_end>{money(row.estimated_micros)}</td>
                    <td class=format!("{td_end} font-semibold text-slate-900") data-testid="cost-charged">{money(row.charged_micros)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="relative overflow-x-auto">
            <table class="w-full text-left text-sm">
                <thead class="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                        <th class=th>{first}</th>
                        <th class=th_count>{w.col_messages}</th>
                        <th class=th_count>{w.col_billed}</th>
                        <th class=th_end>{w.col_estimated}</th>
                        <th class=th_end>{w.col_charged}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100 text-slate-700">{body}</tbody>
            </table>
        </div>
        {(group == ReportTable::CostsByLabel).then(|| view! {
            <p class="mt-3 text-xs text-slate-500">{w.costs_labels_overlap}</p>
        })}
    }
    .into_any()
}

/// A row as people read it: the category in words, the bot and the desk by their roles.
fn row_name(lang: Lang, group: ReportTable, row: &CostRow) -> String {
    match (row.sender, group) {
        (Some(Sender::Bot), _) => crate::i18n::CommonTexts::get(lang).bot.to_string(),
        (Some(Sender::Desk), _) => texts(lang).sender_desk.to_string(),
        (_, ReportTable::CostsByCategory) => Category::parse(&row.key)
            .map_or_else(|| row.name.clone(), |c| category(lang, c).to_string()),
        _ => row.name.clone(),
    }
}

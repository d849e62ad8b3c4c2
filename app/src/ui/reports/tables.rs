//! The report's tables: agents, labels, template sends by category, and ads.

use super::charts::Bar;
use super::format::maybe_duration;
use super::texts::texts;
use super::SectionHead;
use crate::domain::reports::csv::ReportTable;
use crate::ui::use_viewer;
use crate::ui::widgets::CARD;
use crate::wire::reports::Report;
use leptos::prelude::*;

pub(super) use super::sections::{BotSection, DeliverySection};

const TH: &str = "py-2 pr-4 font-medium";
const TD: &str = "py-2 pr-4 tabular-nums";

/// A table's header row.
fn head(columns: &[&'static str]) -> impl IntoView {
    let cells = columns
        .iter()
        .map(|c| view! { <th class=TH>{*c}</th> })
        .collect_view();
    view! {
        <thead class="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>{cells}</tr>
        </thead>
    }
}

pub(super) fn empty(text: &'static str, testid: &'static str) -> impl IntoView {
    view! { <p class="text-sm text-slate-500" data-testid=testid>{text}</p> }
}

#[component]
pub(super) fn AgentsTable(report: StoredValue<Report>) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let agents = report.with_value(|r| r.agents.clone());
    let body = (!agents.is_empty()).then(|| {
        let rows = agents
            .into_iter()
            .map(|a| {
                view! {
                    <tr data-testid="report-agent" data-agent=a.user_id>
                        <td class="py-2 pr-4 font-medium text-slate-900">{a.name}</td>
                        <td class=TD>{a.assigned}</td>
                        <td class=TD>{a.replies}</td>
                        <td class=TD>{maybe_duration(a.first_response.median_ms)}</td>
                        <td class=TD>{maybe_duration(a.reply_time.median_ms)}</td>
                        <td class=TD>{a.resolved}</td>
                        <td class=TD>{maybe_duration(a.resolution_time.median_ms)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="relative overflow-x-auto">
                <table class="w-full min-w-[44rem] text-left text-sm">
                    {head(&[w.col_agent, w.col_assigned, w.col_replies, w.col_first_response, w.col_reply_time, w.col_resolved, w.col_resolution_time])}
                    <tbody class="divide-y divide-slate-100 text-slate-700">{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <section class=format!("{CARD} mt-6") data-testid="report-agents">
            <SectionHead title=w.agents report table=ReportTable::Agents />
            {match body {
                Some(table) => table.into_any(),
                None => empty(w.agents_empty, "report-agents-empty").into_any(),
            }}
        </section>
    }
}

#[component]
pub(super) fn LabelsTable(report: StoredValue<Report>) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let labels = report.with_value(|r| r.labels.clone());
    let top = labels.iter().map(|l| l.conversations).max().unwrap_or(0);
    let used = labels.iter().any(|l| l.conversations > 0);
    let bars = labels
        .into_iter()
        .filter(|l| l.conversations > 0)
        .map(|l| {
            view! {
                <Bar label=l.name value=l.conversations top colour=l.color testid=format!("report-label-{}", l.label_id) />
            }
        })
        .collect_view();
    view! {
        <section class=CARD data-testid="report-labels">
            <SectionHead title=w.labels report table=ReportTable::Labels />
            {if used { view! { <div>{bars}</div> }.into_any() } else { empty(w.labels_empty, "report-labels-empty").into_any() }}
        </section>
    }
}

#[component]
pub(super) fn TemplatesTable(report: StoredValue<Report>) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let templates = report.with_value(|r| r.templates.clone());
    let estimated: u64 = templates.iter().map(|t| t.estimated).sum();
    let body = (!templates.is_empty()).then(|| {
        let rows = templates
            .into_iter()
            .map(|t| {
                let category = t.category.clone();
                view! {
                    <tr data-testid="report-template" data-category=category>
                        <td class="py-2 pr-4 font-medium capitalize text-slate-900">{t.category}</td>
                        <td class=TD>{t.sent}</td>
                        <td class=TD>{t.billable}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="relative overflow-x-auto">
                <table class="w-full text-left text-sm">
                    {head(&[w.col_category, w.col_sent, w.col_billable])}
                    <tbody class="divide-y divide-slate-100 text-slate-700">{rows}</tbody>
                </table>
            </div>
            {(estimated > 0).then(|| view! { <p class="mt-3 text-xs text-amber-700">{w.estimated(estimated)}</p> })}
        }
    });
    view! {
        <section class=CARD data-testid="report-templates">
            <SectionHead title=w.templates report table=ReportTable::Templates />
            {match body {
                Some(table) => table.into_any(),
                None => empty(w.templates_empty, "report-templates-empty").into_any(),
            }}
        </section>
    }
}

#[component]
pub(super) fn AdsTable(report: StoredValue<Report>) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let ads = report.with_value(|r| r.ads.clone());
    let body = (!ads.is_empty()).then(|| {
        let rows = ads
            .into_iter()
            .map(|a| {
                let name = a.headline.clone().unwrap_or_else(|| a.source_id.clone());
                let title = match a.source_url.as_deref().and_then(crate::domain::links::web_link) {
                    Some(url) => view! { <a href=url target="_blank" rel="noopener noreferrer" class="text-emerald-700 hover:underline">{name}</a> }.into_any(),
                    None => view! { <span>{name}</span> }.into_any(),
                };
                view! {
                    <tr data-testid="report-ad">
                        <td class="py-2 pr-4 text-slate-900">
                            {title}
                            <span class="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{a.source_type}</span>
                        </td>
                        <td class=TD>{a.conversations}</td>
                        <td class=TD>{a.reached_people}</td>
                        <td class=TD>{a.resolved}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="relative overflow-x-auto">
                <table class="w-full text-left text-sm">
                    {head(&[w.col_source, w.col_conversations, w.col_reached, w.col_resolved])}
                    <tbody class="divide-y divide-slate-100 text-slate-700">{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <section class=format!("{CARD} mt-6") data-testid="report-ads">
            <SectionHead title=w.ads report table=ReportTable::Ads />
            {match body {
                Some(table) => table.into_any(),
                None => empty(w.ads_empty, "report-ads-empty").into_any(),
            }}
        </section>
    }
}

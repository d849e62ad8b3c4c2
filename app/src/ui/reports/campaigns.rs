//! Reports: campaigns whose recipients moved in the period — each step counted when it
//! happened in the period, and what was sent then, estimated and charged.

use super::texts::texts;
use super::SectionHead;
use crate::domain::reports::csv::ReportTable;
use crate::ui::costs::price;
use crate::ui::use_viewer;
use crate::ui::widgets::CARD;
use crate::wire::reports::Report;
use leptos::prelude::*;

const TD: &str = "py-2 pr-4 text-right tabular-nums";

#[component]
pub(super) fn CampaignsTable(report: StoredValue<Report>) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let (campaigns, currency) =
        report.with_value(|r| (r.campaigns.clone(), r.costs.currency.clone()));
    let money =
        move |m: Option<i64>| m.map_or_else(|| "—".to_string(), |m| price(lang, m, &currency));
    let body = (!campaigns.is_empty()).then(|| {
        let rows = campaigns
            .into_iter()
            .map(|c| {
                view! {
                    <tr data-testid="report-campaign">
                        <td class="py-2 pr-4 text-slate-900">
                            <a href=format!("/campaigns/{}", c.id) class="text-emerald-700 hover:underline">{c.name}</a>
                            <span class="block text-xs text-slate-500">{c.template}</span>
                        </td>
                        <td class=TD data-testid="report-campaign-sent">{c.sent}</td>
                        <td class=TD>{c.delivered}</td>
                        <td class=TD>{c.read}</td>
                        <td class=TD>{c.replied}</td>
                        <td class=TD>{c.failed}</td>
                        <td class=TD>{c.limited}</td>
                        <td class=TD>{c.opted_out}</td>
                        <td class=TD>{money(c.estimated_micros)}</td>
                        <td class=format!("{TD} font-semibold text-slate-900")>{money(c.charged_micros)}</td>
                    </tr>
                }
            })
            .collect_view();
        let columns = [
            w.col_campaign,
            w.col_sent,
            w.col_delivered,
            w.col_read,
            w.col_replied,
            w.col_failed,
            w.col_limited,
            w.col_opted_out,
            w.col_estimated,
            w.col_charged,
        ];
        view! {
            <div class="relative overflow-x-auto">
                <table class="w-full text-left text-sm">
                    <thead class="text-xs uppercase tracking-wide text-slate-500">
                        <tr>
                            {columns.into_iter().enumerate().map(|(i, c)| view! {
                                <th class=if i == 0 { "py-2 pr-4 font-medium" } else { "py-2 pr-4 text-right font-medium" }>{c}</th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100 text-slate-700">{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <section class=format!("{CARD} mt-6") data-testid="report-campaigns">
            <SectionHead title=w.campaigns report table=ReportTable::Campaigns />
            <p class="mb-3 text-xs text-slate-500">{w.campaigns_hint}</p>
            {match body {
                Some(table) => table.into_any(),
                None => super::tables::empty(w.campaigns_empty, "report-campaigns-empty").into_any(),
            }}
        </section>
    }
}

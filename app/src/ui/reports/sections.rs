//! The bot's containment and handoffs (with the reasons as bars) and the delivery rates.

use super::charts::Bar;
use super::format::share;
use super::tables::empty;
use super::texts::texts;
use super::SectionHead;
use crate::domain::reports::csv::ReportTable;
use crate::ui::use_viewer;
use crate::ui::widgets::CARD;
use crate::wire::reports::Report;
use leptos::prelude::*;

#[component]
fn Rate(label: &'static str, value: String, hint: String, testid: &'static str) -> impl IntoView {
    view! {
        <div class="rounded-lg bg-slate-50 px-4 py-3" data-testid=testid>
            <p class="text-2xl font-semibold tabular-nums text-slate-900" data-testid="value">{value}</p>
            <p class="text-sm text-slate-700">{label}</p>
            <p class="text-xs text-slate-500">{hint}</p>
        </div>
    }
}

#[component]
pub fn BotSection(report: StoredValue<Report>) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let bot = report.with_value(|r| r.bot.clone());
    let content = if bot.started == 0 && bot.ended == 0 {
        empty(w.bot_empty, "report-bot-empty").into_any()
    } else {
        let top = bot.reasons.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let reasons = bot
            .reasons
            .iter()
            .map(|&(reason, n)| {
                view! {
                    <Bar label=crate::ui::bot::texts::reason_words(lang, reason).to_string() value=n top class="bg-amber-500"
                        testid=format!("report-reason-{}", reason.as_str()) />
                }
            })
            .collect_view();
        view! {
            <div class="grid gap-3 sm:grid-cols-2">
                <Rate label=w.bot_containment value=share(bot.containment()) hint=w.bot_containment_hint.into() testid="report-bot-containment" />
                <Rate label=w.bot_handoff_rate value=share(bot.handoff()) hint=w.bot_handoff_hint.into() testid="report-bot-handoff" />
            </div>
            <dl class="mt-3 grid grid-cols-3 gap-2 text-sm">
                <div><dt class="text-xs text-slate-500">{w.bot_started}</dt><dd class="font-semibold tabular-nums">{bot.started}</dd></div>
                <div><dt class="text-xs text-slate-500">{w.bot_ended}</dt><dd class="font-semibold tabular-nums">{bot.ended}</dd></div>
                <div><dt class="text-xs text-slate-500">{w.bot_taken_over}</dt><dd class="font-semibold tabular-nums">{bot.taken_over}</dd></div>
            </dl>
            <h3 class="mb-1 mt-4 text-sm font-semibold text-slate-800">{w.bot_reasons}</h3>
            <div>{reasons}</div>
        }
        .into_any()
    };
    view! {
        <section class=CARD data-testid="report-bot">
            <SectionHead title=w.bot report table=ReportTable::BotReasons />
            {content}
        </section>
    }
}

#[component]
pub fn DeliverySection(report: StoredValue<Report>) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let d = report.with_value(|r| r.delivery);
    let content = if d.total == 0 {
        empty(w.delivery_empty, "report-delivery-empty").into_any()
    } else {
        let counts = [d.pending, d.sent, d.delivered, d.read, d.failed, d.limited];
        let colours = [
            "bg-slate-400",
            "bg-sky-400",
            "bg-emerald-400",
            "bg-emerald-600",
            "bg-red-500",
            "bg-amber-400",
        ];
        let bars = w
            .statuses
            .iter()
            .zip(counts)
            .zip(colours)
            .map(|((label, n), class)| view! { <Bar label=label.to_string() value=n top=d.total class /> })
            .collect_view();
        view! {
            <div class="grid gap-3 sm:grid-cols-2">
                <Rate label=w.delivered_rate value=share(d.delivered_share()) hint=w.delivery_hint(d.total) testid="report-delivered-rate" />
                <Rate label=w.read_rate value=share(d.read_share()) hint=w.delivery_hint(d.total) testid="report-read-rate" />
            </div>
            <div class="mt-3">{bars}</div>
        }
        .into_any()
    };
    view! {
        <section class=CARD data-testid="report-delivery">
            <SectionHead title=w.delivery report table=ReportTable::Delivery />
            {content}
        </section>
    }
}

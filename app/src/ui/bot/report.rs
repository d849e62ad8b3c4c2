//! Report: what the bot did with the conversations that started with it in the last days.

use super::texts::{reason_words, texts};
use crate::ui::use_viewer;
use crate::ui::widgets::CARD;
use crate::wire::bot::BotReportView;
use leptos::prelude::*;

/// Milliseconds as whole minutes, at least one when there was any wait.
pub(super) fn minutes(ms: i64) -> i64 {
    if ms <= 0 {
        0
    } else {
        ((ms + 30_000) / 60_000).max(1)
    }
}

#[component]
fn Figure(label: &'static str, value: String, testid: &'static str) -> impl IntoView {
    view! {
        <div class="rounded-lg bg-slate-50 px-4 py-3" data-testid=testid>
            <p class="text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
            <p class="mt-0.5 text-xs text-slate-500">{label}</p>
        </div>
    }
}

#[component]
pub(super) fn ReportCard(report: BotReportView) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let handed_off: u64 = report.handed_off.iter().map(|(_, n)| n).sum();
    let resolved = report.resolved_confirmed + report.resolved_quiet;
    let mean = report
        .mean_time_to_handoff_ms
        .map(|ms| w.minutes(minutes(ms)))
        .unwrap_or_else(|| "—".into());
    let reasons = report
        .handed_off
        .iter()
        .map(|&(reason, n)| {
            view! {
                <li class="flex justify-between gap-3 py-1.5 text-sm" data-testid=format!("bot-report-reason-{}", reason.as_str())>
                    <span class="text-slate-700">{reason_words(lang, reason)}</span>
                    <span class="tabular-nums font-medium text-slate-900">{n}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class=format!("{CARD} max-w-4xl") data-testid="bot-report">
            <h2 class="text-base font-semibold">{w.report_title}</h2>
            <p class="mb-4 mt-1 text-xs text-slate-500">{w.report_hint}</p>
            <div class="grid gap-3 sm:grid-cols-3">
                <Figure label=w.report_handled value=report.handled.to_string() testid="bot-report-handled" />
                <Figure label=w.report_with_bot value=report.with_bot.to_string() testid="bot-report-with-bot" />
                <Figure label=w.report_resolved value=resolved.to_string() testid="bot-report-resolved" />
                <Figure label=w.report_handed_off value=handed_off.to_string() testid="bot-report-handed-off" />
                <Figure label=w.report_taken_over value=report.taken_over.to_string() testid="bot-report-taken-over" />
                <Figure label=w.report_mean value=mean testid="bot-report-mean" />
            </div>
            <div class="mt-6 grid gap-6 md:grid-cols-2">
                <div>
                    <h3 class="mb-1 text-sm font-semibold text-slate-800">{w.report_resolved}</h3>
                    <ul class="divide-y divide-slate-100">
                        <li class="flex justify-between gap-3 py-1.5 text-sm">
                            <span class="text-slate-700">{w.report_confirmed}</span>
                            <span class="tabular-nums font-medium text-slate-900">{report.resolved_confirmed}</span>
                        </li>
                        <li class="flex justify-between gap-3 py-1.5 text-sm">
                            <span class="text-slate-700">{w.report_quiet}</span>
                            <span class="tabular-nums font-medium text-slate-900">{report.resolved_quiet}</span>
                        </li>
                    </ul>
                </div>
                <div>
                    <h3 class="mb-1 text-sm font-semibold text-slate-800">{w.report_handed_off}</h3>
                    <ul class="divide-y divide-slate-100">{reasons}</ul>
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn waits_round_to_minutes_but_never_hide_a_short_one() {
        assert_eq!(super::minutes(0), 0);
        assert_eq!(super::minutes(5_000), 1);
        assert_eq!(super::minutes(89_000), 1);
        assert_eq!(super::minutes(91_000), 2);
    }
}

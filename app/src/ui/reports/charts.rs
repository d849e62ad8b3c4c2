//! The per-day chart and the horizontal bars, in SVG and Tailwind colours that read on any
//! background (text uses `currentColor`).

use super::texts::texts;
use crate::ui::use_viewer;
use crate::wire::reports::Report;
use leptos::prelude::*;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 32.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 8.0;

/// Created and resolved (people and bot) per day, side by side.
#[component]
pub(super) fn PerDay(report: Report) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let days = report.days;
    // An even top, so the half-way line is a whole number too.
    let highest = days
        .iter()
        .map(|d| d.created.max(d.resolved + d.bot_resolved))
        .max()
        .unwrap_or(0);
    let top = highest.max(2).next_multiple_of(2);
    let plot = HEIGHT - BOTTOM;
    let slot = (WIDTH - LEFT) / days.len().max(1) as f64;
    let bar_width = (slot * 0.36).clamp(1.0, 28.0);
    let height = |n: u64| n as f64 / top as f64 * (plot - TOP);
    // Every day labelled when they fit, else about a dozen labels.
    let every = days.len().div_ceil(12).max(1);
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let centre = LEFT + (i as f64 + 0.5) * slot;
            let created = height(d.created);
            let resolved = height(d.resolved + d.bot_resolved);
            let label = (i % every == 0).then(|| {
                view! {
                    <text x=centre y=HEIGHT - 6.0 text-anchor="middle" font-size="10" fill="currentColor">
                        {d.date.get(5..).unwrap_or_default().to_string()}
                    </text>
                }
            });
            view! {
                <g data-day=d.date.clone()>
                    <title>{format!("{}: {} / {}", d.date, d.created, d.resolved + d.bot_resolved)}</title>
                    <rect class="fill-sky-500" x=centre - bar_width - 1.0 y=plot - created width=bar_width height=created rx="2" />
                    <rect class="fill-emerald-500" x=centre + 1.0 y=plot - resolved width=bar_width height=resolved rx="2" />
                    {label}
                </g>
            }
        })
        .collect_view();
    let grid = [0.5, 1.0]
        .into_iter()
        .map(|f| {
            let y = plot - f * (plot - TOP);
            let value = (top as f64 * f) as u64;
            view! {
                <line x1=LEFT y1=y x2=WIDTH y2=y stroke="currentColor" stroke-opacity="0.15" stroke-dasharray="3 3" />
                <text x=LEFT - 6.0 y=y + 3.0 text-anchor="end" font-size="10" fill="currentColor">{value}</text>
            }
        })
        .collect_view();
    view! {
        <div class="mb-2 flex gap-4 text-xs text-slate-600">
            <span class="flex items-center gap-1"><span class="h-2.5 w-2.5 rounded-sm bg-sky-500"></span>{w.created}</span>
            <span class="flex items-center gap-1"><span class="h-2.5 w-2.5 rounded-sm bg-emerald-500"></span>{w.resolved_all}</span>
        </div>
        // A phone scrolls the chart sideways rather than shrinking its labels away.
        <div class="relative overflow-x-auto">
        <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") class="h-auto w-full min-w-[34rem] text-slate-500" role="img" aria-label=w.per_day data-testid="report-days-chart">
            {grid}
            <line x1=LEFT y1=plot x2=WIDTH y2=plot stroke="currentColor" stroke-opacity="0.5" />
            <text x=LEFT - 6.0 y=plot + 3.0 text-anchor="end" font-size="10" fill="currentColor">"0"</text>
            {bars}
        </svg>
        </div>
    }
}

/// A labelled horizontal bar: `value` of `top`, in `colour` (a Tailwind background class or a
/// label's own colour).
#[component]
pub(super) fn Bar(
    label: String,
    value: u64,
    top: u64,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] colour: Option<String>,
    #[prop(optional)] testid: Option<String>,
) -> impl IntoView {
    let share = (value * 100).checked_div(top).unwrap_or(0);
    let style = match &colour {
        Some(c) => format!("width: {share}%; background-color: {c}"),
        None => format!("width: {share}%"),
    };
    let class = if class.is_empty() {
        "bg-emerald-500"
    } else {
        class
    };
    view! {
        <div class="py-1" data-testid=testid>
            <div class="flex justify-between gap-3 text-sm">
                <span class="min-w-0 truncate text-slate-700">{label}</span>
                <span class="font-semibold tabular-nums text-slate-900" data-testid="count">{value}</span>
            </div>
            <div class="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100">
                <div class=format!("h-full rounded-full {class}") style=style></div>
            </div>
        </div>
    }
}

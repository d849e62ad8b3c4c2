//! Messages in and out per minute over the last hour, as an SVG bar chart.

use super::{texts, Dash};
use crate::ui::use_viewer;
use crate::ui::widgets::CARD;
use leptos::prelude::*;

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 120.0;
const LEFT: f64 = 24.0;
const BOTTOM: f64 = 16.0;

#[component]
pub(super) fn PerMinute() -> impl IntoView {
    let dash = expect_context::<Dash>();
    let w = texts(use_viewer().lang);
    let chart = move || {
        let minutes = dash
            .snapshot
            .with(|s| s.as_ref().map(|s| s.per_minute.clone()).unwrap_or_default());
        let top = minutes
            .iter()
            .map(|m| m.inbound.max(m.outbound))
            .max()
            .unwrap_or(0)
            .max(1);
        let slot = (WIDTH - LEFT) / minutes.len().max(1) as f64;
        let plot = HEIGHT - BOTTOM;
        let bar = |n: u64| n as f64 / top as f64 * (plot - 4.0);
        let bars = minutes
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let x = LEFT + i as f64 * slot;
                let (hi, ho) = (bar(m.inbound), bar(m.outbound));
                let half = (slot / 2.0 - 0.3).max(0.5);
                view! {
                    <g>
                        <title>{format!("{} ↓ {} ↑", m.inbound, m.outbound)}</title>
                        <rect class="fill-emerald-500" x=x y=plot - hi width=half height=hi />
                        <rect class="fill-sky-500" x=x + half y=plot - ho width=half height=ho />
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") class="h-36 w-full text-slate-500" role="img" aria-label=w.per_minute>
                <line x1=LEFT y1=plot x2=WIDTH y2=plot stroke="currentColor" stroke-opacity="0.4" />
                <text x=LEFT - 4.0 y="10" text-anchor="end" font-size="9" fill="currentColor">{top}</text>
                <text x=LEFT - 4.0 y=plot text-anchor="end" font-size="9" fill="currentColor">"0"</text>
                {bars}
                <text x=LEFT y=HEIGHT - 3.0 font-size="9" fill="currentColor">{w.minutes_ago}</text>
                <text x=WIDTH y=HEIGHT - 3.0 text-anchor="end" font-size="9" fill="currentColor">{w.now}</text>
            </svg>
        }
    };
    view! {
        <section class=CARD data-testid="dash-per-minute">
            <div class="mb-2 flex flex-wrap items-center justify-between gap-2">
                <h2 class="text-base font-semibold">{w.per_minute}</h2>
                <div class="flex gap-3 text-xs text-slate-600">
                    <span class="flex items-center gap-1"><span class="h-2.5 w-2.5 rounded-sm bg-emerald-500"></span>{w.inbound}</span>
                    <span class="flex items-center gap-1"><span class="h-2.5 w-2.5 rounded-sm bg-sky-500"></span>{w.outbound}</span>
                </div>
            </div>
            {chart}
        </section>
    }
}

//! Inputs bound to one part of the draft configuration, with a live character counter.

use super::Draft;
use crate::domain::bot::BotConfig;
use crate::ui::widgets::{INPUT, LABEL};
use leptos::prelude::*;

/// "12/20", red once over the limit.
#[component]
pub(super) fn Counter(#[prop(into)] count: Signal<usize>, max: usize) -> impl IntoView {
    view! {
        <span class=move || {
            if count.get() > max {
                "text-xs font-medium tabular-nums text-red-600"
            } else {
                "text-xs tabular-nums text-slate-400"
            }
        }>{move || format!("{}/{max}", count.get())}</span>
    }
}

/// A text of the configuration: one line (`rows` 0) or a text area.
#[component]
pub(super) fn TextSetting(
    draft: Draft,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    max: usize,
    #[prop(optional)] rows: u32,
    testid: &'static str,
    get: fn(&BotConfig) -> String,
    set: fn(&mut BotConfig, String),
) -> impl IntoView {
    let value = move || draft.config.with(get);
    let count = Signal::derive(move || draft.config.with(|c| get(c).chars().count()));
    let input = move |e: leptos::ev::Event| {
        let v = event_target_value(&e);
        draft.config.update(|c| set(c, v));
    };
    let field = if rows == 0 {
        view! { <input id=testid data-testid=testid class=INPUT prop:value=value on:input=input /> }
            .into_any()
    } else {
        view! {
            <textarea
                id=testid
                data-testid=testid
                rows=rows
                class=INPUT
                prop:value=value
                on:input=input
            ></textarea>
        }
        .into_any()
    };
    view! {
        <div>
            <div class="flex items-baseline justify-between gap-2">
                <label class=LABEL for=testid>{label}</label>
                <Counter count max />
            </div>
            {field}
            {(!hint.is_empty()).then(|| view! { <p class="mt-1 text-xs text-slate-500">{hint}</p> })}
        </div>
    }
}

/// A whole number of the configuration, kept as typed until it reads as a number.
#[component]
pub(super) fn NumberSetting(
    draft: Draft,
    label: &'static str,
    hint: &'static str,
    min: u32,
    max: u32,
    #[prop(optional)] unit: &'static str,
    testid: &'static str,
    get: fn(&BotConfig) -> u32,
    set: fn(&mut BotConfig, u32),
) -> impl IntoView {
    view! {
        <div>
            <label class=LABEL for=testid>{label}</label>
            <div class="flex items-center gap-2">
                <input
                    id=testid
                    data-testid=testid
                    type="number"
                    min=min
                    max=max
                    class=format!("{INPUT} max-w-28")
                    prop:value=move || draft.config.with(get).to_string()
                    on:input=move |e| {
                        if let Ok(n) = event_target_value(&e).trim().parse::<u32>() {
                            draft.config.update(|c| set(c, n));
                        }
                    }
                />
                <span class="text-sm text-slate-500">{unit}</span>
            </div>
            <p class="mt-1 text-xs text-slate-500">{hint}</p>
        </div>
    }
}

//! One of the bot's messages drawn roughly as WhatsApp shows it: a white bubble, reply
//! buttons under it, a list's button with its rows opened below.

use super::texts::texts;
use crate::domain::outbound::Outbound;
use crate::ui::use_viewer;
use leptos::prelude::*;

const BUBBLE: &str =
    "max-w-[18rem] whitespace-pre-wrap break-words rounded-lg rounded-tl-none bg-white px-3 py-2 text-sm text-slate-900 shadow-sm";
const BUTTON: &str =
    "max-w-[18rem] rounded-lg bg-white px-3 py-2 text-center text-sm font-medium text-sky-600 shadow-sm";

#[component]
pub(super) fn Bubble(message: Outbound) -> impl IntoView {
    let w = texts(use_viewer().lang);
    match message {
        Outbound::Text { body, .. } => view! {
            <div data-testid="bot-bubble" class="flex flex-col gap-1">
                <div class=BUBBLE>{body}</div>
            </div>
        }
        .into_any(),
        Outbound::Buttons {
            header,
            body,
            footer,
            buttons,
        } => view! {
            <div data-testid="bot-bubble" class="flex flex-col gap-1">
                <div class=BUBBLE>
                    {header.map(|h| view! { <p class="mb-1 font-semibold">{h}</p> })}
                    {body}
                    {footer.map(|f| view! { <p class="mt-1 text-xs text-slate-500">{f}</p> })}
                </div>
                {buttons
                    .into_iter()
                    .map(|b| view! { <div class=BUTTON data-testid="bot-bubble-button">{b.title}</div> })
                    .collect_view()}
            </div>
        }
        .into_any(),
        Outbound::List {
            header,
            body,
            footer,
            button,
            sections,
        } => {
            let rows = sections
                .into_iter()
                .flat_map(|s| {
                    let title = s.title.map(|t| {
                        view! { <p class="px-3 pt-2 text-xs font-semibold uppercase text-emerald-700">{t}</p> }
                            .into_any()
                    });
                    let rows = s.rows.into_iter().map(|r| {
                        view! {
                            <div class="flex items-center justify-between gap-2 border-t border-slate-100 px-3 py-2 first:border-t-0" data-testid="bot-bubble-row">
                                <div class="min-w-0">
                                    <p class="text-sm text-slate-900">{r.title}</p>
                                    {r.description.map(|d| view! { <p class="text-xs text-slate-500">{d}</p> })}
                                </div>
                                <span class="h-4 w-4 shrink-0 rounded-full border-2 border-slate-300" aria-hidden="true"></span>
                            </div>
                        }
                        .into_any()
                    });
                    title.into_iter().chain(rows).collect::<Vec<_>>()
                })
                .collect_view();
            view! {
                <div data-testid="bot-bubble" class="flex flex-col gap-1">
                    <div class="max-w-[18rem] overflow-hidden rounded-lg rounded-tl-none bg-white text-sm shadow-sm">
                        <div class="whitespace-pre-wrap break-words px-3 py-2 text-slate-900">
                            {header.map(|h| view! { <p class="mb-1 font-semibold">{h}</p> })}
                            {body}
                            {footer.map(|f| view! { <p class="mt-1 text-xs text-slate-500">{f}</p> })}
                        </div>
                        <div class="border-t border-slate-100 px-3 py-2 text-center font-medium text-sky-600">
                            {button}
                        </div>
                    </div>
                    <div class="max-w-[18rem] rounded-lg bg-white shadow-sm">
                        <p class="px-3 pt-2 text-xs text-slate-400">{w.list_opened}</p>
                        {rows}
                    </div>
                </div>
            }
            .into_any()
        }
        Outbound::ImageLink { link, caption } => view! {
            <div data-testid="bot-bubble" class="flex flex-col gap-1">
                <div class="max-w-[18rem] overflow-hidden rounded-lg rounded-tl-none bg-white text-sm shadow-sm">
                    <div class="flex h-28 flex-col items-center justify-center gap-1 bg-slate-200 px-3 text-center">
                        <span class="text-xs font-medium uppercase tracking-wide text-slate-500">{w.image}</span>
                        <span class="max-w-full truncate text-xs text-slate-500">{link}</span>
                    </div>
                    {caption.map(|c| view! { <p class="whitespace-pre-wrap break-words px-3 py-2 text-slate-900">{c}</p> })}
                </div>
            </div>
        }
        .into_any(),
        _ => view! {
            <div data-testid="bot-bubble" class=BUBBLE>
                <span class="italic text-slate-500">{w.other_message}</span>
            </div>
        }
        .into_any(),
    }
}

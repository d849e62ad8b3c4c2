//! The queue (oldest first, with Take and Assign), the windows closing within the hour, and
//! the failed sends of the last hour.

use super::agents::AssignMenu;
use super::{texts, Dash};
use crate::api::inbox::assign_to_me;
use crate::ui::reports::format::duration;
use crate::ui::use_viewer;
use crate::ui::widgets::{BUTTON_QUIET, CARD};
use crate::wire::reports::{ClosingWindow, QueuedConversation};
use leptos::prelude::*;

#[component]
pub(super) fn QueueList() -> impl IntoView {
    let dash = expect_context::<Dash>();
    let w = texts(use_viewer().lang);
    let queue = move || {
        dash.snapshot
            .with(|s| s.as_ref().map(|s| s.queue.clone()).unwrap_or_default())
    };
    view! {
        <section class=CARD data-testid="dash-queue">
            <h2 class="mb-3 text-base font-semibold">{w.queue_list}</h2>
            <Show when=move || !queue().is_empty() fallback=move || view! { <p class="text-sm text-slate-500">{w.queue_empty}</p> }>
                <ul class="divide-y divide-slate-100">
                    <For each=queue key=|q| (q.id, q.waiting_since_ms, q.preview.clone()) let:item>
                        <QueueRow item />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn QueueRow(item: QueuedConversation) -> impl IntoView {
    let dash = expect_context::<Dash>();
    let w = texts(use_viewer().lang);
    let id = item.id;
    let since = item.waiting_since_ms;
    let open = move || dash.menu.get() == Some(("assign", id));
    view! {
        <li class="py-2.5" data-testid="dash-queue-row" data-conversation=id>
            <div class="flex items-start justify-between gap-2">
                <div class="min-w-0">
                    <a href=format!("/?c={id}") class="block truncate font-medium text-slate-900 hover:underline">{item.contact_name.clone()}</a>
                    <p class="truncate text-xs text-slate-500">{item.preview.clone()}</p>
                    <p class="text-xs tabular-nums text-amber-700">{move || w.waiting(duration(dash.now.get() - since))}</p>
                </div>
                <div class="flex shrink-0 items-center gap-1.5">
                    <button type="button" data-testid="dash-take"
                        class="rounded-lg bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700"
                        on:click=move |_| dash.act(assign_to_me(id, true))>
                        {w.take}
                    </button>
                    <div class="relative">
                        <button type="button" data-testid="dash-assign" class=BUTTON_QUIET aria-haspopup="menu"
                            on:click=move |_| dash.menu.update(|m| *m = if *m == Some(("assign", id)) { None } else { Some(("assign", id)) })>
                            {w.assign} " ▾"
                        </button>
                        <Show when=open>
                            <AssignMenu conversation=id owner=None />
                        </Show>
                    </div>
                </div>
            </div>
        </li>
    }
}

#[component]
pub(super) fn ClosingList() -> impl IntoView {
    let dash = expect_context::<Dash>();
    let w = texts(use_viewer().lang);
    let closing = move || {
        dash.snapshot
            .with(|s| s.as_ref().map(|s| s.closing.clone()).unwrap_or_default())
    };
    let row = move |c: ClosingWindow| {
        let closes = c.closes_at_ms;
        view! {
            <li>
                <a href=format!("/?c={}", c.id) data-testid="dash-closing-row" data-conversation=c.id
                    class="flex items-center justify-between gap-3 rounded-lg px-2 py-2 hover:bg-slate-50">
                    <span class="min-w-0">
                        <span class="block truncate font-medium text-slate-900">{c.contact_name.clone()}</span>
                        <span class="block truncate text-xs text-slate-500">{c.assignee_name.clone().unwrap_or_else(|| w.unassigned.into())}</span>
                    </span>
                    <span class="shrink-0 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium tabular-nums text-amber-800">
                        {move || w.closes_in(duration(closes - dash.now.get()))}
                    </span>
                </a>
            </li>
        }
    };
    view! {
        <section class=CARD data-testid="dash-closing">
            <h2 class="text-base font-semibold">{w.closing}</h2>
            <p class="mb-3 mt-0.5 text-xs text-slate-500">{w.closing_hint}</p>
            {move || {
                let rows = closing();
                if rows.is_empty() {
                    view! { <p class="text-sm text-slate-500">{w.closing_empty}</p> }.into_any()
                } else {
                    view! { <ul class="-mx-2 text-sm">{rows.into_iter().map(row).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
pub(super) fn Failures() -> impl IntoView {
    let dash = expect_context::<Dash>();
    let w = texts(use_viewer().lang);
    let failures = move || {
        dash.snapshot
            .with(|s| s.as_ref().map(|s| s.failures.clone()).unwrap_or_default())
    };
    view! {
        <section class=CARD data-testid="dash-failures">
            <h2 class="text-base font-semibold">{w.failures}</h2>
            <p class="mb-3 mt-0.5 text-xs text-slate-500">{w.failures_hint}</p>
            {move || {
                let rows = failures();
                if rows.is_empty() {
                    return view! { <p class="text-sm text-slate-500">{w.failures_empty}</p> }.into_any();
                }
                rows.into_iter()
                    .map(|f| {
                        let code = f.code.map(|c| c.to_string()).unwrap_or_else(|| w.no_code.into());
                        view! {
                            <div class="flex items-center gap-3 py-1.5 text-sm" data-testid="dash-failure">
                                <span class="rounded bg-red-50 px-1.5 py-0.5 font-mono text-xs text-red-700">{code}</span>
                                <span class="min-w-0 flex-1 truncate text-slate-700">{f.title.clone().unwrap_or_default()}</span>
                                <span class="font-semibold tabular-nums text-slate-900">{f.count}</span>
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

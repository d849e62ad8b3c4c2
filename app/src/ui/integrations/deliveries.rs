//! An endpoint's delivery log: newest first, a page at a time ("Older"), with each
//! delivery's state, attempts and last error, and "Send again".

use super::texts::texts;
use super::{Outcome, OutcomeNotice, TABLE_HEAD};
use crate::api::integrations::{redeliver, webhook_deliveries, DELIVERIES_PAGE};
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON_QUIET};
use crate::wire::integrations::{DeliveryStateView, DeliveryView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the rows share with the log.
#[derive(Clone, Copy)]
struct Log {
    endpoint_id: i64,
    rows: RwSignal<Vec<DeliveryView>>,
    /// The last page was full: there may be older rows.
    more: RwSignal<bool>,
    loaded: RwSignal<bool>,
    busy: RwSignal<bool>,
    problem: RwSignal<Option<AppError>>,
    outcome: Outcome,
    /// Bumped by every refresh, so an "Older" page asked for before it is dropped.
    generation: StoredValue<u32>,
}

impl Log {
    /// The newest page (`before` = None, replacing the rows) or the page older than `before`.
    fn load(self, before: Option<i64>) {
        if before.is_none() {
            self.generation.update_value(|g| *g += 1);
        }
        let asked_in = self.generation.get_value();
        self.busy.set(true);
        spawn_local(async move {
            let result = webhook_deliveries(self.endpoint_id, before).await;
            if self.generation.get_value() != asked_in {
                return;
            }
            self.busy.set(false);
            self.loaded.set(true);
            match result {
                Ok(page) => {
                    self.problem.set(None);
                    self.more.set(page.len() >= DELIVERIES_PAGE as usize);
                    self.rows.update(|rows| match before {
                        None => *rows = page,
                        Some(_) => rows.extend(page),
                    });
                }
                Err(error) => self.problem.set(Some(error)),
            }
        });
    }
}

#[component]
pub(super) fn DeliveryLog(endpoint_id: i64) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let log = Log {
        endpoint_id,
        rows: RwSignal::new(Vec::new()),
        more: RwSignal::new(false),
        loaded: RwSignal::new(false),
        busy: RwSignal::new(false),
        problem: RwSignal::new(None),
        outcome: RwSignal::new(None),
        generation: StoredValue::new(0),
    };
    Effect::new(move |_| log.load(None));
    let older = move |_| {
        if let Some(last) = log.rows.with_untracked(|rows| rows.last().map(|r| r.id)) {
            log.load(Some(last));
        }
    };
    let table = move || {
        if !log.loaded.get() {
            return view! { <p class="text-sm text-slate-400">{tx.loading}</p> }.into_any();
        }
        if log.rows.with(Vec::is_empty) {
            return view! { <p class="text-sm text-slate-500" data-testid="no-deliveries">{tx.no_deliveries}</p> }
                .into_any();
        }
        view! {
            <div class="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table class="min-w-full divide-y divide-slate-200 text-sm" data-testid="deliveries-table">
                    <thead class=TABLE_HEAD>
                        <tr>
                            <th class="px-3 py-2">{tx.col_event}</th>
                            <th class="px-3 py-2">{tx.col_time}</th>
                            <th class="px-3 py-2">{tx.col_state}</th>
                            <th class="px-3 py-2">{tx.col_last_answer}</th>
                            <th class="px-3 py-2">{tx.col_next_attempt}</th>
                            <th class="px-3 py-2"><span class="sr-only">{tx.send_again}</span></th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">
                        <For each=move || log.rows.get() key=|d| (d.id, d.attempts, d.state as u8) let:delivery>
                            <DeliveryRow delivery log />
                        </For>
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="mt-4 border-t border-slate-100 pt-4" data-testid="delivery-log">
            <div class="mb-2 flex items-center justify-end gap-2">
                <button
                    type="button"
                    class=BUTTON_QUIET
                    data-testid="refresh-deliveries"
                    disabled=move || log.busy.get()
                    on:click=move |_| log.load(None)
                >
                    {tx.refresh}
                </button>
            </div>
            {move || log.problem.get().map(|error| view! { <div class="mb-2"><ErrorNotice error lang /></div> })}
            <OutcomeNotice outcome=log.outcome />
            {table}
            {move || (log.more.get() && !log.rows.with(Vec::is_empty)).then(|| view! {
                <div class="mt-2 text-center">
                    <button
                        type="button"
                        class=BUTTON_QUIET
                        data-testid="older-deliveries"
                        disabled=move || log.busy.get()
                        on:click=older
                    >
                        {tx.older}
                    </button>
                </div>
            })}
        </div>
    }
}

#[component]
fn DeliveryRow(delivery: DeliveryView, log: Log) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let id = delivery.id;
    let badge = match delivery.state {
        DeliveryStateView::Pending => "bg-amber-50 text-amber-800",
        DeliveryStateView::Delivered => "bg-emerald-50 text-emerald-800",
        DeliveryStateView::Failed => "bg-red-50 text-red-800",
    };
    let state = match delivery.state {
        DeliveryStateView::Pending => "pending",
        DeliveryStateView::Delivered => "delivered",
        DeliveryStateView::Failed => "failed",
    };
    let sending = RwSignal::new(false);
    let send_again = move |_| {
        sending.set(true);
        spawn_local(async move {
            let result = redeliver(id).await;
            sending.set(false);
            log.outcome
                .set(Some(result.map(|_| tx.queued_again.to_string())));
            log.load(None);
        });
    };
    let dash = || "—".to_string();
    let answer = match (delivery.last_status, delivery.last_error.clone()) {
        (None, None) => view! { <span>{dash()}</span> }.into_any(),
        (status, error) => view! {
            {status.map(|s| view! {
                <span class="font-mono text-xs font-medium" data-testid="delivery-status">{s}</span>
            })}
            {error.map(|e| view! {
                <p class="break-words text-xs text-slate-600" data-testid="delivery-error">{e}</p>
            })}
        }
        .into_any(),
    };
    view! {
        <tr
            class="align-top text-slate-800"
            data-testid="delivery-row"
            data-delivery=id
            data-state=state
            data-attempts=delivery.attempts
            data-event=delivery.event_type.as_str()
        >
            <td class="px-3 py-2">
                <span class="font-mono text-xs" title=tx.event(delivery.event_type)>
                    {delivery.event_type.as_str()}
                </span>
            </td>
            <td class="whitespace-nowrap px-3 py-2">{crate::ui::clock::moment(delivery.created_at_ms)}</td>
            <td class="whitespace-nowrap px-3 py-2">
                <span class=format!("rounded-full px-2 py-0.5 text-xs font-medium {badge}") data-testid="delivery-state">
                    {tx.state(delivery.state)}
                </span>
                <span class="mt-1 block text-xs text-slate-500" data-testid="delivery-attempts">
                    {tx.attempts(delivery.attempts)}
                </span>
            </td>
            <td class="min-w-[12rem] px-3 py-2">{answer}</td>
            <td class="whitespace-nowrap px-3 py-2">
                {delivery.next_attempt_at_ms.map(crate::ui::clock::moment).unwrap_or_else(dash)}
            </td>
            <td class="px-3 py-2 text-right">
                <button
                    type="button"
                    class=format!("{BUTTON_QUIET} whitespace-nowrap")
                    data-testid="send-again"
                    disabled=move || sending.get()
                    on:click=send_again
                >
                    {tx.send_again}
                </button>
            </td>
        </tr>
    }
}

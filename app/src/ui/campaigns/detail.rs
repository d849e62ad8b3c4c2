//! One campaign: its state (and why the desk stopped it), the actions, the live funnel with
//! each step's recipients, costs estimated and charged, and the CSV.

use super::{texts, StateBadge};
use crate::api::campaigns::{
    act_on_campaign, campaign, campaign_csv, campaign_recipients, retry_limited,
};
use crate::domain::campaigns::funnel::Step;
use crate::domain::campaigns::{CampaignAction, CampaignState};
use crate::error::AppError;
use crate::ui::inbox::socket::{self, Link, Subscriber};
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON_QUIET};
use crate::wire::campaigns::{CampaignView, RecipientView};
use crate::wire::realtime::ServerFrame;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

#[derive(Clone, Copy)]
struct Live {
    view: RwSignal<Option<CampaignView>>,
    problem: RwSignal<Option<AppError>>,
    step: RwSignal<Option<Step>>,
    recipients: RwSignal<Vec<RecipientView>>,
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
}

impl Live {
    /// Fetches the campaign (and the open step's recipients); one fetch at a time, one more
    /// after it however many frames came meanwhile.
    fn refresh(self, id: i64) {
        // A frame may arrive as the screen goes: nothing to refresh then.
        match self.in_flight.try_get_value() {
            None => return,
            Some(true) => {
                self.again.set_value(true);
                return;
            }
            Some(false) => {}
        }
        self.in_flight.set_value(true);
        spawn_local(async move {
            let result = campaign(id).await;
            let step = self.step.try_get_untracked().flatten();
            let recipients = match step {
                Some(step) => campaign_recipients(id, step, 0).await.ok(),
                None => None,
            };
            if self.view.is_disposed() {
                return;
            }
            self.in_flight.set_value(false);
            match result {
                Ok(v) => self.view.set(Some(v)),
                Err(e) => self.problem.set(Some(e)),
            }
            if let Some(r) = recipients {
                self.recipients.set(r);
            }
            if self.again.try_get_value() == Some(true) {
                self.again.set_value(false);
                self.refresh(id);
            }
        });
    }
}

#[component]
pub(super) fn Detail(id: i64) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let zone = viewer.zone;
    let tx = texts(lang);
    let live = Live {
        view: RwSignal::new(None),
        problem: RwSignal::new(None),
        step: RwSignal::new(None),
        recipients: RwSignal::new(Vec::new()),
        in_flight: StoredValue::new(false),
        again: StoredValue::new(false),
    };
    let link = RwSignal::new(Link::Connecting);
    Effect::new(move |started: Option<()>| {
        if started.is_some() {
            return;
        }
        live.refresh(id);
        socket::subscribe(Subscriber {
            link,
            apply: Rc::new(move |frame| match frame {
                ServerFrame::Campaign { id: changed } if changed == id => live.refresh(id),
                ServerFrame::Hello { .. } | ServerFrame::Resync => live.refresh(id),
                _ => {}
            }),
            back_to: "/campaigns",
        });
    });
    on_cleanup(socket::disconnect);
    let act = move |action: CampaignAction| {
        live.problem.set(None);
        spawn_local(async move {
            match act_on_campaign(id, action).await {
                Ok(v) => live.view.set(Some(v)),
                Err(e) => live.problem.set(Some(e)),
            }
        });
    };
    let retry = move |_| {
        live.problem.set(None);
        spawn_local(async move {
            match retry_limited(id).await {
                Ok(v) => live.view.set(Some(v)),
                Err(e) => live.problem.set(Some(e)),
            }
        });
    };
    let open_step = move |step: Step| {
        live.step.set(Some(step));
        live.recipients.set(Vec::new());
        live.refresh(id);
    };
    view! {
        <a href="/campaigns" class="mb-4 inline-block text-sm text-emerald-700 hover:underline">{tx.back}</a>
        {move || live.problem.get().map(|error| view! { <div class="mb-4"><ErrorNotice error lang /></div> })}
        {move || {
            let Some(c) = live.view.get() else {
                return view! { <p class="text-slate-400">{tx.loading}</p> }.into_any();
            };
            let state = c.state;
            let stop = c.stop_reason.clone().map(|r| super::texts::stop_reason(lang, &r));
            let n = move |v: u64| crate::i18n::format_number(lang, v as f64);
            let pct = move |v: u64, of: u64| {
                if of == 0 { "—".to_string() } else { format!("{}%", crate::i18n::format_decimal(lang, v as f64 * 100.0 / of as f64, 0, 1)) }
            };
            let f = c.funnel.clone();
            let steps = [
                (Step::Targeted, tx.step_targeted, f.targeted),
                (Step::Sent, tx.step_sent, f.sent),
                (Step::Delivered, tx.step_delivered, f.delivered),
                (Step::Read, tx.step_read, f.read),
                (Step::Replied, tx.step_replied, f.replied),
            ];
            let sides = [
                (Step::Queued, tx.step_queued, f.queued),
                (Step::Failed, tx.step_failed, f.failed),
                (Step::Limited, tx.step_limited, f.limited),
                (Step::OptedOut, tx.step_opted_out, f.opted_out),
                (Step::Skipped, tx.step_skipped, f.skipped),
            ];
            let top = f.targeted.max(1);
            let currency = c.currency.clone().unwrap_or_default();
            view! {
                <section class="mb-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                    <div class="flex flex-wrap items-start justify-between gap-3">
                        <div>
                            <h2 class="text-xl font-semibold text-slate-900" data-testid="campaign-name">{c.name.clone()}</h2>
                            <p class="mt-1 text-sm text-slate-500">
                                {c.template_name.clone()} " · " {c.template_language.clone()} " · "
                                {crate::i18n::moment_in(lang, c.start_at_ms, zone)}
                                {c.created_by.clone().map(|by| format!(" · {by}"))}
                            </p>
                        </div>
                        <div class="flex flex-wrap items-center gap-2">
                            <StateBadge state />
                            {state.may(CampaignAction::Pause).then(|| view! {
                                <button type="button" class=BUTTON_QUIET data-testid="pause" on:click=move |_| act(CampaignAction::Pause)>{tx.pause}</button>
                            })}
                            {state.may(CampaignAction::Resume).then(|| view! {
                                <button type="button" class=BUTTON_QUIET data-testid="resume" on:click=move |_| act(CampaignAction::Resume)>{tx.resume}</button>
                            })}
                            {(f.limited > 0 && state != CampaignState::Cancelled).then(|| view! {
                                <button type="button" class=BUTTON_QUIET on:click=retry>{tx.retry_limited}</button>
                            })}
                            {state.may(CampaignAction::Cancel).then(|| view! {
                                <button type="button" class="inline-flex items-center rounded-lg border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50" data-testid="cancel" on:click=move |_| act(CampaignAction::Cancel)>{tx.cancel}</button>
                            })}
                        </div>
                    </div>
                    {stop.map(|words| view! {
                        <p class="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert" data-testid="stop-reason">{words}</p>
                    })}
                    <div class="mt-5 space-y-2" data-testid="funnel">
                        {steps.into_iter().map(|(step, words, count)| {
                            let width = format!("width: {}%", (count as f64 * 100.0 / top as f64).clamp(0.0, 100.0));
                            view! {
                                <button type="button" class="block w-full text-left" data-step=step.as_str() on:click=move |_| open_step(step)>
                                    <div class="flex items-baseline justify-between text-sm">
                                        <span class="font-medium text-slate-700">{words}</span>
                                        <span class="tabular-nums text-slate-900" data-testid=format!("count-{}", step.as_str())>
                                            {n(count)}
                                            <span class="ml-2 text-xs text-slate-500">{(step != Step::Targeted && step != Step::Sent).then(|| pct(count, f.sent))}</span>
                                        </span>
                                    </div>
                                    <div class="mt-1 h-2 rounded-full bg-slate-100">
                                        <div class="h-2 rounded-full bg-emerald-500" style=width></div>
                                    </div>
                                </button>
                            }
                        }).collect_view()}
                    </div>
                    <div class="mt-4 flex flex-wrap gap-2 text-sm">
                        {sides.into_iter().map(|(step, words, count)| view! {
                            <button type="button" class="rounded-full border border-slate-200 px-3 py-1 text-slate-700 hover:bg-slate-50" data-step=step.as_str() on:click=move |_| open_step(step)>
                                {words} ": " <span class="tabular-nums font-medium" data-testid=format!("count-{}", step.as_str())>{n(count)}</span>
                            </button>
                        }).collect_view()}
                    </div>
                    {(!f.failed_by_code.is_empty()).then(|| view! {
                        <p class="mt-3 text-sm text-slate-600">
                            {tx.failed_by_code} " "
                            {f.failed_by_code.iter().map(|(code, k)| format!("{} × {}", super::texts::meta_code(lang, *code), n(*k))).collect::<Vec<_>>().join(" · ")}
                        </p>
                    })}
                    {(!f.skipped_by_reason.is_empty()).then(|| view! {
                        <p class="mt-1 text-sm text-slate-600">
                            {tx.skipped_by_reason} " "
                            {f.skipped_by_reason.iter().map(|(r, k)| format!("{} × {}", super::texts::reason_str(lang, r), n(*k))).collect::<Vec<_>>().join(" · ")}
                        </p>
                    })}
                    <p class="mt-3 text-sm text-slate-600" data-testid="campaign-cost">
                        {tx.cost_estimated} " " {c.estimated_micros.map(|m| crate::ui::costs::price(lang, m, &currency)).unwrap_or_else(|| "—".into())}
                        " · " {tx.cost_charged} " " {crate::ui::costs::price(lang, c.charged_micros, &currency)}
                    </p>
                </section>
            }
                .into_any()
        }}
        {move || live.step.get().map(|step| view! { <Recipients id step live /> })}
    }
}

#[component]
fn Recipients(id: i64, step: Step, live: Live) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let zone = viewer.zone;
    let tx = texts(lang);
    let download = move |_| {
        spawn_local(async move {
            match campaign_csv(id, step).await {
                Ok(csv) => crate::ui::reports::export::save_csv(
                    &format!("campaign-{id}-{}.csv", step.as_str()),
                    &csv,
                ),
                Err(e) => live.problem.set(Some(e)),
            }
        });
    };
    let again_from = match step {
        Step::Read | Step::Replied | Step::Delivered => None,
        _ => Some(format!("/campaigns?new=1&from={id}&step={}", step.as_str())),
    };
    view! {
        <section class="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="recipients">
            <div class="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-5 py-3">
                <h3 class="font-medium text-slate-800">{super::texts::step_words(lang, step)}</h3>
                <div class="flex gap-2">
                    {again_from.map(|href| view! { <a href=href class=BUTTON_QUIET>{tx.new_from_these}</a> })}
                    <button type="button" class=BUTTON_QUIET on:click=download>{tx.export_csv}</button>
                </div>
            </div>
            {move || {
                let rows = live.recipients.get();
                if rows.is_empty() {
                    return view! { <p class="p-5 text-sm text-slate-500">{tx.nobody}</p> }.into_any();
                }
                view! {
                    // Stacked on a phone, columns from `sm` up.
                    <ul class="divide-y divide-slate-100 text-sm">
                        {rows.into_iter().map(|r| view! {
                            <li class="grid gap-1 px-5 py-2 sm:grid-cols-[minmax(10rem,1fr)_9rem_2fr_auto] sm:items-center sm:gap-4">
                                <div>
                                    <div class="font-medium text-slate-800">{r.name.clone().or(r.phone.clone()).unwrap_or_default()}</div>
                                    <div class="whitespace-nowrap text-xs text-slate-500">{r.phone.clone()}</div>
                                </div>
                                <div class="text-slate-600">{super::texts::recipient_state(lang, r.state)}</div>
                                <div class="text-slate-600">
                                    {r.error.as_ref().map(|e| format!("{} ({})", e.title, e.code))}
                                    {r.skip_reason.map(|s| super::texts::reason(lang, s))}
                                </div>
                                <div class="whitespace-nowrap text-xs text-slate-500 sm:text-sm">{r.sent_at_ms.map(|t| crate::i18n::moment_in(lang, t, zone))}</div>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

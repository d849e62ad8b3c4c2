//! The new-campaign editor: name, audience, message and preview, schedule; then the server's
//! review (recipients, exclusions by reason, cost by market, the messaging limit) and the
//! launch. Nothing is stored before the launch.

use super::editor_audience::Audience;
use super::editor_message::Message;
use super::settings::tier_words;
use super::{texts, Screen};
use crate::api::campaigns::{launch_campaign, review_campaign};
use crate::domain::campaigns::limits::OverLimit;
use crate::domain::campaigns::schedule::{clock, minute_of, QuietHours};
use crate::domain::campaigns::segment::{CampaignOutcome, PreviousCampaign};
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON, BUTTON_QUIET, CARD, INPUT, LABEL};
use crate::wire::campaigns::{CampaignDraft, LaunchReview};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub(super) fn Editor() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let screen = expect_context::<Screen>();
    let query = use_query_map();
    let mut start = CampaignDraft::default();
    // "New campaign from these recipients": those of an earlier campaign not (yet) reached.
    if let Some(from) =
        query.with_untracked(|q| q.get("from").and_then(|id| id.parse::<i64>().ok()))
    {
        // Those Meta limited (after its cool-down), or everyone who did not read it.
        let limited = query.with_untracked(|q| q.get("step").as_deref() == Some("limited"));
        start.filter.previous = vec![PreviousCampaign {
            campaign_id: from,
            outcome: if limited {
                CampaignOutcome::Limited
            } else {
                CampaignOutcome::NotRead
            },
        }];
    }
    let draft = RwSignal::new(start);
    // Uploaded lists: the audience adds new ones, the message offers their columns.
    let lists = RwSignal::new(
        screen
            .data
            .with_untracked(|d| d.as_ref().map(|d| d.lists.clone()))
            .unwrap_or_default(),
    );
    let review: RwSignal<Option<Result<LaunchReview, AppError>>> = RwSignal::new(None);
    let launching: RwSignal<Option<AppError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    // Any change makes the review stale.
    Effect::new(move || {
        draft.track();
        review.set(None);
    });
    let data = screen.data.get_untracked().expect("loaded");
    let (max_rate, default_rate, zone) = (data.max_rate, data.default_rate, data.time_zone.clone());
    let do_review = move |_| {
        let d = draft.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = review_campaign(d).await;
            busy.set(false);
            review.set(Some(result));
        });
    };
    let navigate = use_navigate();
    let do_launch = move |_| {
        let d = draft.get_untracked();
        let navigate = navigate.clone();
        busy.set(true);
        launching.set(None);
        spawn_local(async move {
            match launch_campaign(d).await {
                Ok(c) => {
                    screen.reload.update(|n| *n += 1);
                    navigate(&format!("/campaigns?id={}", c.id), Default::default());
                }
                Err(e) => {
                    busy.set(false);
                    launching.set(Some(e));
                }
            }
        });
    };
    let quiet = move || draft.with(|d| d.quiet_hours);
    view! {
        <a href="/campaigns" class="mb-4 inline-block text-sm text-emerald-700 hover:underline">{tx.back}</a>
        <div class="space-y-4">
            <section class=CARD>
                <label class="block">
                    <span class=LABEL>{tx.name}</span>
                    <input
                        class=INPUT
                        data-testid="campaign-name-input"
                        placeholder=tx.name_hint
                        prop:value=move || draft.with(|d| d.name.clone())
                        on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))
                    />
                </label>
            </section>
            <Audience draft lists />
            <Message draft lists />
            <section class=CARD data-testid="schedule">
                <h2 class="text-lg font-semibold text-slate-900">{tx.schedule}</h2>
                <div class="mt-3 grid gap-4 md:grid-cols-2">
                    <label class="block">
                        <span class=LABEL>{tx.start_at}</span>
                        <input
                            class=INPUT
                            type="datetime-local"
                            prop:value=move || draft.with(|d| d.start.clone())
                            on:change=move |ev| draft.update(|d| d.start = event_target_value(&ev))
                        />
                        <span class="mt-1 block text-xs text-slate-500">{tx.start_hint(zone.clone())}</span>
                    </label>
                    <label class="block">
                        <span class=LABEL>{tx.rate}</span>
                        <input
                            class=INPUT
                            type="number"
                            min="1"
                            max=max_rate.to_string()
                            placeholder=default_rate.to_string()
                            prop:value=move || draft.with(|d| if d.rate_per_second == 0 { String::new() } else { d.rate_per_second.to_string() })
                            on:change=move |ev| draft.update(|d| d.rate_per_second = event_target_value(&ev).trim().parse().unwrap_or(0))
                        />
                        <span class="mt-1 block text-xs text-slate-500">{tx.rate_hint(default_rate, max_rate)}</span>
                    </label>
                    <div>
                        <label class="inline-flex items-center gap-2 text-sm font-medium text-slate-700">
                            <input
                                type="checkbox"
                                prop:checked=move || quiet().is_some()
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| d.quiet_hours = on.then(QuietHours::default));
                                }
                            />
                            {tx.quiet_hours}
                        </label>
                        <div class="mt-2 flex items-center gap-2 text-sm text-slate-600">
                            <input
                                type="time"
                                class="rounded-lg border border-slate-300 px-2 py-1.5"
                                aria-label=tx.quiet_from
                                disabled=move || quiet().is_none()
                                prop:value=move || clock(quiet().unwrap_or_default().from_minute)
                                on:change=move |ev| {
                                    if let Some(m) = minute_of(&event_target_value(&ev)) {
                                        draft.update(|d| if let Some(q) = d.quiet_hours.as_mut() { q.from_minute = m });
                                    }
                                }
                            />
                            "–"
                            <input
                                type="time"
                                class="rounded-lg border border-slate-300 px-2 py-1.5"
                                aria-label=tx.quiet_to
                                disabled=move || quiet().is_none()
                                prop:value=move || clock(quiet().unwrap_or_default().to_minute)
                                on:change=move |ev| {
                                    if let Some(m) = minute_of(&event_target_value(&ev)) {
                                        draft.update(|d| if let Some(q) = d.quiet_hours.as_mut() { q.to_minute = m });
                                    }
                                }
                            />
                        </div>
                    </div>
                    <fieldset>
                        <legend class=LABEL>{tx.over_limit}</legend>
                        <div class="space-y-1 text-sm text-slate-700">
                            <label class="flex items-center gap-2">
                                <input type="radio" name="over-limit" prop:checked=move || draft.with(|d| d.over_limit == OverLimit::Spread) on:change=move |_| draft.update(|d| d.over_limit = OverLimit::Spread) />
                                {tx.over_limit_spread}
                            </label>
                            <label class="flex items-center gap-2">
                                <input type="radio" name="over-limit" prop:checked=move || draft.with(|d| d.over_limit == OverLimit::Refuse) on:change=move |_| draft.update(|d| d.over_limit = OverLimit::Refuse) />
                                {tx.over_limit_refuse}
                            </label>
                        </div>
                    </fieldset>
                </div>
            </section>
            <section class=CARD data-testid="review">
                <div class="flex flex-wrap items-center justify-between gap-2">
                    <h2 class="text-lg font-semibold text-slate-900">{tx.review}</h2>
                    <button type="button" class=BUTTON_QUIET data-testid="review-button" disabled=move || busy.get() on:click=do_review>{tx.check}</button>
                </div>
                {move || match review.get() {
                    None => view! { <p class="mt-2 text-sm text-slate-500">{tx.review_hint}</p> }.into_any(),
                    Some(Err(error)) => view! { <div class="mt-2"><ErrorNotice error lang /></div> }.into_any(),
                    Some(Ok(r)) => view! { <ReviewFigures review=r /> }.into_any(),
                }}
                {move || launching.get().map(|error| view! { <div class="mt-3"><ErrorNotice error lang /></div> })}
                <div class="mt-4 flex justify-end">
                    <button
                        type="button"
                        class=BUTTON
                        data-testid="launch"
                        disabled=move || busy.get() || !review.with(|r| matches!(r, Some(Ok(r)) if r.recipients > 0 && r.limit.is_ok()))
                        on:click=do_launch
                    >
                        {move || if draft.with(|d| d.start.trim().is_empty()) { tx.launch_now } else { tx.schedule_launch }}
                    </button>
                </div>
            </section>
        </div>
    }
}

#[component]
fn ReviewFigures(review: LaunchReview) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let zone = viewer.zone;
    let tx = texts(lang);
    let n = move |v: u64| crate::i18n::format_number(lang, v as f64);
    let price = |m: i64| crate::ui::costs::price(lang, m, &review.currency);
    let limit = match &review.limit {
        Ok(plan) => {
            let left = plan.left.map_or_else(|| tx.tier_unlimited.to_string(), n);
            let days = plan.batches.iter().map(|b| format!("{} · {}", crate::i18n::moment_in(lang, b.starts_at_ms, zone), n(b.recipients))).collect::<Vec<_>>();
            let spread = !plan.fits();
            view! {
                <p class="text-sm text-slate-700">{tx.limit_line(tier_words(lang, plan.tier), n(plan.used), left)}</p>
                {spread.then(|| view! {
                    <div class="mt-1 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="limit-spread">
                        <p>{tx.limit_spread(plan.days())}</p>
                        <ul class="mt-1 list-inside list-disc">{days.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                    </div>
                })}
            }.into_any()
        }
        Err(over) => view! {
            <p class="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">{tx.limit_refused(n(over.recipients), n(over.left))}</p>
        }.into_any(),
    };
    view! {
        <div class="mt-3 grid gap-4 md:grid-cols-3">
            <div class="rounded-lg bg-slate-50 p-3">
                <p class="text-xs uppercase tracking-wide text-slate-500">{tx.recipients}</p>
                <p class="text-2xl font-semibold tabular-nums text-slate-900" data-testid="review-recipients">{n(review.recipients)}</p>
                <p class="text-xs text-slate-500">{tx.of_audience(n(review.audience))}</p>
            </div>
            <div class="rounded-lg bg-slate-50 p-3 md:col-span-2">
                <p class="text-xs uppercase tracking-wide text-slate-500">{tx.left_out}</p>
                {if review.excluded.is_empty() {
                    view! { <p class="text-sm text-slate-600">{tx.nobody_left_out}</p> }.into_any()
                } else {
                    view! {
                        <ul class="text-sm text-slate-700" data-testid="review-excluded">
                            {review.excluded.iter().map(|(why, k)| view! { <li>{super::texts::reason(lang, *why)} ": " <span class="tabular-nums font-medium">{n(*k)}</span></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </div>
        </div>
        <div class="mt-4">
            <p class="text-xs uppercase tracking-wide text-slate-500">{tx.estimated_cost}</p>
            <table class="mt-1 text-sm">
                <tbody>
                    {review.costs.iter().map(|c| view! {
                        <tr>
                            <td class="pr-6 text-slate-700">{c.market.clone()}</td>
                            <td class="pr-6 text-right tabular-nums">{n(c.recipients)}</td>
                            <td class="text-right tabular-nums">{c.micros.map(price).unwrap_or_else(|| tx.no_price.to_string())}</td>
                        </tr>
                    }).collect_view()}
                    <tr class="border-t border-slate-200 font-medium">
                        <td class="pr-6">{tx.total}</td>
                        <td></td>
                        <td class="text-right tabular-nums" data-testid="review-total">{price(review.total_micros)}</td>
                    </tr>
                </tbody>
            </table>
        </div>
        <div class="mt-4">{limit}</div>
    }
}

//! Settings → Costs: the rate card in force (market × category), the other cards by date, the
//! import of Meta's CSV, and the pricing model's dated rules.

use crate::api::costs::{
    delete_rate_card, import_rate_card, load_sample_card, pricing_settings, save_pricing_rules,
};
use crate::domain::pricing::{to_csv, Category, PricingSettings, RateCard};
use crate::domain::roles::Area;
use crate::error::AppError;
use crate::i18n::CostsTexts;
use crate::ui::frame::Page;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON, BUTTON_QUIET, CARD, LABEL};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CostsPage() -> impl IntoView {
    view! {
        <Page area=Area::Costs>
            <Costs />
        </Page>
    }
}

#[component]
fn Costs() -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = CostsTexts::get(lang);
    let settings = RwSignal::new(None::<Result<PricingSettings, AppError>>);
    // Loaded in the browser after hydration (the server renders the frame).
    Effect::new(move |_| {
        crate::ui::task::spawn_while(settings, async move {
            settings.set(Some(pricing_settings().await));
        });
    });
    view! {
        <Title text=tx.title />
        <div class="mx-auto max-w-5xl space-y-6 p-4 md:p-8" data-testid="costs">
            <header>
                <h1 class="text-2xl font-semibold">{tx.title}</h1>
                <p class="mt-1 text-sm text-slate-500">{tx.subtitle}</p>
            </header>
            {move || match settings.get() {
                None => view! { <p class="text-slate-400">{tx.loading}</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error lang /> }.into_any(),
                Some(Ok(s)) => view! {
                    <Cards current=s.clone() settings />
                    <Import settings />
                    <Rules current=s settings />
                }
                .into_any(),
            }}
        </div>
    }
}

/// Today, by the reader's clock (the pricing calendar's days, in UTC).
fn today() -> chrono::NaiveDate {
    crate::domain::pricing::pricing_day(crate::ui::clock::now_ms())
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[component]
fn Cards(
    current: PricingSettings,
    settings: RwSignal<Option<Result<PricingSettings, AppError>>>,
) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = CostsTexts::get(lang);
    let problem = RwSignal::new(None::<AppError>);
    let today = today();
    let table = current.table.clone();
    let in_force: Option<RateCard> = table
        .card_at(today)
        .or_else(|| table.cards.first())
        .cloned();
    let currency = table.currency.clone();
    let grid = in_force.map(|card| {
        let mut markets: Vec<String> = card.rates.iter().map(|r| r.market.clone()).collect();
        markets.sort();
        markets.dedup();
        let money = |m: Option<i64>| {
            m.map(|m| super::price(lang, m, &currency))
                .unwrap_or_else(|| "—".into())
        };
        view! {
            <p class="mb-2 text-sm text-slate-600" data-testid="card-in-force">{tx.in_force(day(card.effective_from))}</p>
            <div class="relative overflow-x-auto">
                <table class="w-full text-sm" data-testid="rate-table">
                    <thead class="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                        <tr>
                            <th class="px-2 py-1.5">{tx.market}</th>
                            {Category::ALL.map(|c| view! { <th class="px-2 py-1.5 text-right">{super::category(lang, c)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {markets.into_iter().map(|m| {
                            let cells = Category::ALL.map(|c| view! { <td class="px-2 py-1 text-right font-mono text-xs">{money(card.price(&m, c))}</td> });
                            view! { <tr class="border-t border-slate-100" data-market=m.clone()><td class="px-2 py-1">{m.clone()}</td>{cells.collect_view()}</tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    let list = table.cards.iter().map(|card| {
        let from = day(card.effective_from);
        let csv = to_csv(card);
        let href = format!("data:text/csv;charset=utf-8,{}", js_escape(&csv));
        let file = format!("rate-card-{from}.csv");
        let markets = card.rates.iter().map(|r| r.market.as_str()).collect::<std::collections::BTreeSet<_>>().len();
        let delete_from = from.clone();
        view! {
            <li class="flex flex-wrap items-center justify-between gap-2 py-1.5" data-testid="rate-card">
                <span class="text-sm">{tx.card(from.clone(), markets as i64)}</span>
                <span class="flex gap-2">
                    <a class=BUTTON_QUIET href=href download=file>{tx.download}</a>
                    <button type="button" class=BUTTON_QUIET on:click=move |_| {
                        let from = delete_from.clone();
                        crate::ui::task::spawn_while(problem, async move {
                            match delete_rate_card(from).await {
                                Ok(s) => settings.set(Some(Ok(s))),
                                Err(e) => problem.set(Some(e)),
                            }
                        });
                    }>{tx.delete_card}</button>
                </span>
            </li>
        }
    }).collect_view();
    let empty = table.cards.is_empty();
    view! {
        <section class=CARD data-testid="rate-cards">
            <h2 class="mb-1 text-base font-semibold">{tx.rate_cards}</h2>
            <p class="mb-3 text-xs text-slate-500">
                {tx.currency} ": " <span class="font-mono" data-testid="currency">{table.currency.clone()}</span>
                {(!table.source.is_empty()).then(|| view! { <span>" · " {tx.source} ": " {table.source.clone()}</span> })}
            </p>
            {if empty { Some(view! { <p class="mb-3 text-sm text-slate-600" data-testid="no-cards">{tx.no_cards}</p> }) } else { None }}
            {grid}
            <ul class="mt-3 divide-y divide-slate-100">{list}</ul>
            <button type="button" class=format!("{BUTTON_QUIET} mt-3") data-testid="use-sample" on:click=move |_| {
                crate::ui::task::spawn_while(problem, async move {
                    match load_sample_card().await {
                        Ok(s) => settings.set(Some(Ok(s))),
                        Err(e) => problem.set(Some(e)),
                    }
                });
            }>{tx.use_sample}</button>
            {move || problem.get().map(|error| view! { <div class="mt-2"><ErrorNotice error lang /></div> })}
        </section>
    }
}

/// Percent-encodes text for a `data:` link.
fn js_escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[component]
fn Import(settings: RwSignal<Option<Result<PricingSettings, AppError>>>) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = CostsTexts::get(lang);
    let csv = RwSignal::new(String::new());
    let from = RwSignal::new(day(today()));
    let currency = RwSignal::new(String::from("USD"));
    let source = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let import = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        busy.set(true);
        problem.set(None);
        let (c, f, cur, src) = (
            csv.get_untracked(),
            from.get_untracked(),
            currency.get_untracked(),
            source.get_untracked(),
        );
        crate::ui::task::spawn_while(busy, async move {
            match import_rate_card(c, f, cur, src).await {
                Ok(s) => {
                    csv.set(String::new());
                    settings.set(Some(Ok(s)));
                }
                Err(e) => problem.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class=CARD data-testid="rate-import">
            <h2 class="mb-1 text-base font-semibold">{tx.import}</h2>
            <p class="mb-3 text-xs text-slate-500">{tx.import_hint}</p>
            <form class="space-y-3" on:submit=import>
                <div class="flex flex-wrap gap-3">
                    <label class="block">
                        <span class=LABEL>{tx.effective_from}</span>
                        <input type="date" data-testid="import-from" class="rounded-lg border border-slate-300 px-2 py-1 text-sm" prop:value=move || from.get() on:input=move |e| from.set(event_target_value(&e)) />
                    </label>
                    <label class="block">
                        <span class=LABEL>{tx.currency}</span>
                        <input type="text" maxlength="3" data-testid="import-currency" class="w-20 rounded-lg border border-slate-300 px-2 py-1 font-mono text-sm uppercase" prop:value=move || currency.get() on:input=move |e| currency.set(event_target_value(&e)) />
                    </label>
                    <label class="block w-full sm:w-auto sm:min-w-0 sm:flex-1">
                        <span class=LABEL>{tx.source}</span>
                        <input type="text" data-testid="import-source" class="w-full rounded-lg border border-slate-300 px-2 py-1 text-sm" prop:value=move || source.get() on:input=move |e| source.set(event_target_value(&e)) />
                    </label>
                </div>
                <label class="block">
                    <span class=LABEL>{tx.paste}</span>
                    <textarea rows="6" data-testid="import-csv" class="w-full rounded-lg border border-slate-300 px-2 py-1 font-mono text-xs" placeholder="Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service" prop:value=move || csv.get() on:input=move |e| csv.set(event_target_value(&e))></textarea>
                </label>
                <button type="submit" class=BUTTON data-testid="import-button" disabled=move || busy.get() || csv.with(|c| c.trim().is_empty())>{tx.import_button}</button>
                {move || problem.get().map(|error| view! { <div class="whitespace-pre-line" data-testid="import-problems"><ErrorNotice error lang /></div> })}
            </form>
        </section>
    }
}

#[component]
fn Rules(
    current: PricingSettings,
    settings: RwSignal<Option<Result<PricingSettings, AppError>>>,
) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = CostsTexts::get(lang);
    let rules = RwSignal::new(current.rules);
    let outcome = RwSignal::new(None::<Result<(), AppError>>);
    let rows = move || {
        rules.get().0.into_iter().enumerate().map(|(i, m)| {
            view! {
                <tr class="border-t border-slate-100" data-testid="pricing-rule">
                    <td class="whitespace-nowrap px-2 py-1 font-mono text-xs">{day(m.from)}</td>
                    <td class="px-2 py-1 text-center">
                        <input type="checkbox" aria-label=tx.service_charged prop:checked=m.service_charged on:change=move |e| {
                            let on = event_target_checked(&e);
                            rules.update(|r| r.0[i].service_charged = on);
                            outcome.set(None);
                        } />
                    </td>
                    <td class="px-2 py-1 text-center">
                        <input type="checkbox" aria-label=tx.utility_in_window_charged prop:checked=m.utility_in_window_charged on:change=move |e| {
                            let on = event_target_checked(&e);
                            rules.update(|r| r.0[i].utility_in_window_charged = on);
                            outcome.set(None);
                        } />
                    </td>
                </tr>
            }
        }).collect_view()
    };
    let save = move |_| {
        let r = rules.get_untracked();
        crate::ui::task::spawn_while(outcome, async move {
            match save_pricing_rules(r).await {
                Ok(s) => {
                    rules.set(s.rules.clone());
                    settings.set(Some(Ok(s)));
                    outcome.set(Some(Ok(())));
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };
    view! {
        <section class=CARD data-testid="pricing-rules">
            <h2 class="mb-1 text-base font-semibold">{tx.rules}</h2>
            <p class="mb-3 text-xs text-slate-500">{tx.rules_hint}</p>
            <div class="relative overflow-x-auto">
                <table class="w-full text-sm">
                    <thead class="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                        <tr><th class="px-2 py-1.5">{tx.from}</th><th class="px-2 py-1.5 text-center">{tx.service_charged}</th><th class="px-2 py-1.5 text-center">{tx.utility_in_window_charged}</th></tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="mt-3 flex items-center gap-3">
                <button type="button" class=BUTTON data-testid="save-rules" on:click=save>{tx.save}</button>
                {move || outcome.get().map(|r| match r {
                    Ok(()) => view! { <span class="text-sm text-emerald-700" role="status">{tx.saved}</span> }.into_any(),
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                })}
            </div>
        </section>
    }
}

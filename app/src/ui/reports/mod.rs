//! The Reports screen (supervisors): a period's figures in the business's time zone, as
//! cards, charts and tables, every table exportable as CSV. Admins also set the time zone
//! here; what messages cost is priced with the rate cards of Settings → Costs.

mod campaigns;
mod charts;
mod costs;
pub(crate) mod export;
pub mod format;
mod sections;
mod settings;
mod tables;
pub mod texts;

use super::frame::Page;
use super::use_viewer;
use super::widgets::{ErrorNotice, BUTTON, BUTTON_QUIET, CARD, INPUT, LABEL};
use crate::api::reports::report_screen;
use crate::domain::calendar::{add_days, month_start};
use crate::domain::roles::Area;
use crate::wire::reports::{Durations, Report, ReportScreen};
use format::maybe_duration;
use leptos::prelude::*;
use leptos_meta::Title;
use texts::texts;

#[component]
pub fn ReportsPage() -> impl IntoView {
    view! {
        <Page area=Area::Reports>
            <Reports />
        </Page>
    }
}

/// The dates asked for; `None`: the server's default (the last 7 days).
type Range = Option<(String, String)>;

#[component]
fn Reports() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let w = texts(lang);
    let range = RwSignal::new(None::<(String, String)>);
    // Above the report: saving the settings reloads the report, and the notice stays.
    let saved = RwSignal::new(None::<Result<String, crate::error::AppError>>);
    let loaded = Resource::new(
        move || range.get(),
        |range: Range| {
            let (from, to) = range.unzip();
            report_screen(from, to)
        },
    );
    view! {
        <Title text=w.title />
        <header class="mb-5">
            <h1 class="text-2xl font-semibold text-slate-900">{w.title}</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-500">{w.subtitle}</p>
        </header>
        <Transition fallback=move || view! { <p class="text-slate-400">{w.loading}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(screen) => view! { <Screen screen range saved reload=move || loaded.refetch() /> }.into_any(),
                    Err(error) => {
                        // The dates asked for stay in the fields, to be corrected.
                        let (from, to) = range.get_untracked().unwrap_or_default();
                        view! {
                        <RangePicker range today=String::new() from to timezone=String::new() />
                        <ErrorNotice error lang />
                    }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Screen(
    screen: ReportScreen,
    range: RwSignal<Range>,
    saved: RwSignal<Option<Result<String, crate::error::AppError>>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let report = StoredValue::new(screen.report);
    let r = report.get_value();
    let empty = r.created == 0
        && r.resolved == 0
        && r.bot_resolved == 0
        && r.delivery.total == 0
        && r.agents.is_empty();
    view! {
        <RangePicker range today=screen.today.clone() from=r.from.clone() to=r.to.clone() timezone=r.timezone.clone() />
        {empty.then(|| view! {
            <div data-testid="report-empty" class="mb-5 rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
                {w.empty_period}
            </div>
        })}
        <Summary report=r.clone() />
        <section class=format!("{CARD} mt-6") data-testid="report-days">
            <SectionHead title=w.per_day report table=crate::domain::reports::csv::ReportTable::Days />
            <charts::PerDay report=r.clone() />
        </section>
        <tables::AgentsTable report />
        <div class="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
            <tables::LabelsTable report />
            <tables::BotSection report />
        </div>
        <div class="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
            <tables::DeliverySection report />
            <tables::TemplatesTable report />
        </div>
        <costs::CostsSection report />
        <campaigns::CampaignsTable report />
        <tables::AdsTable report />
        {screen.may_edit_settings.then(|| view! { <settings::SettingsPanel settings=screen.settings.clone() outcome=saved reload /> })}
    }
}

/// A section's title with its Export CSV button.
#[component]
fn SectionHead(
    title: &'static str,
    report: StoredValue<Report>,
    table: crate::domain::reports::csv::ReportTable,
) -> impl IntoView {
    let w = texts(use_viewer().lang);
    view! {
        <div class="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 class="text-base font-semibold">{title}</h2>
            <button type="button" class=BUTTON_QUIET data-testid=format!("export-{table:?}").to_lowercase()
                on:click=move |_| report.with_value(|r| export::download(r, table))>
                {w.export_csv}
            </button>
        </div>
    }
}

#[component]
fn RangePicker(
    range: RwSignal<Range>,
    today: String,
    from: String,
    to: String,
    timezone: String,
) -> impl IntoView {
    let w = texts(use_viewer().lang);
    // The period on screen, for whoever waits for a new one to load.
    let (shown_from, shown_to) = (from.clone(), to.clone());
    let from_input = RwSignal::new(from);
    let to_input = RwSignal::new(to);
    let quick = move |label: &'static str,
                      testid: &'static str,
                      from: Option<String>,
                      to: Option<String>| {
        let (from, to) = (from.unwrap_or_default(), to.unwrap_or_default());
        let usable = !from.is_empty() && !to.is_empty();
        view! {
            <button type="button" class=BUTTON_QUIET data-testid=testid disabled=!usable
                on:click=move |_| {
                    from_input.set(from.clone());
                    to_input.set(to.clone());
                    range.set(Some((from.clone(), to.clone())));
                }>
                {label}
            </button>
        }
    };
    let yesterday = add_days(&today, -1);
    view! {
        <div class=format!("{CARD} mb-5 flex flex-wrap items-end gap-3") data-testid="report-range" data-from=shown_from data-to=shown_to>
            <label class="block">
                <span class=LABEL>{w.from}</span>
                <input type="date" class=INPUT data-testid="report-from" prop:value=move || from_input.get()
                    on:input=move |e| from_input.set(event_target_value(&e)) />
            </label>
            <label class="block">
                <span class=LABEL>{w.to}</span>
                <input type="date" class=INPUT data-testid="report-to" prop:value=move || to_input.get()
                    on:input=move |e| to_input.set(event_target_value(&e)) />
            </label>
            <button type="button" class=BUTTON data-testid="report-show"
                on:click=move |_| range.set(Some((from_input.get_untracked(), to_input.get_untracked())))>
                {w.show}
            </button>
            <div class="flex flex-wrap gap-2">
                {quick(w.quick_today, "quick-today", Some(today.clone()), Some(today.clone()))}
                {quick(w.quick_7, "quick-7", add_days(&today, -7), yesterday.clone())}
                {quick(w.quick_30, "quick-30", add_days(&today, -30), yesterday.clone())}
                {quick(w.quick_month, "quick-month", month_start(&today), Some(today.clone()))}
            </div>
            {(!timezone.is_empty()).then(|| view! {
                <p class="w-full text-xs text-slate-500" data-testid="report-timezone">{w.times_in(&timezone)}</p>
            })}
        </div>
    }
}

#[component]
fn Figure(
    label: &'static str,
    value: String,
    testid: &'static str,
    #[prop(optional)] hint: Option<String>,
) -> impl IntoView {
    view! {
        <div class=CARD data-testid=testid>
            <p class="text-sm font-medium text-slate-500">{label}</p>
            <p class="mt-1 text-3xl font-semibold tabular-nums text-slate-900" data-testid="value">{value}</p>
            {hint.map(|h| view! { <p class="mt-1 text-xs text-slate-500">{h}</p> })}
        </div>
    }
}

#[component]
fn TimeFigure(label: &'static str, value: Durations, testid: &'static str) -> impl IntoView {
    let w = texts(use_viewer().lang);
    view! {
        <div class=CARD data-testid=testid>
            <p class="text-sm font-medium text-slate-500">{label}</p>
            <p class="mt-1 text-2xl font-semibold tabular-nums text-slate-900">
                <span data-testid="median">{maybe_duration(value.median_ms)}</span>
                <span class="ml-1 text-xs font-normal text-slate-500">{w.median}</span>
            </p>
            <p class="mt-0.5 text-sm tabular-nums text-slate-700">
                <span class="text-xs text-slate-500">{w.p90} " "</span>
                <span data-testid="p90">{maybe_duration(value.p90_ms)}</span>
            </p>
            <p class="mt-1 text-xs text-slate-500">{w.measured(value.count)}</p>
        </div>
    }
}

#[component]
fn Summary(report: Report) -> impl IntoView {
    let w = texts(use_viewer().lang);
    view! {
        <div class="grid grid-cols-2 gap-4 xl:grid-cols-4">
            <Figure label=w.created value=report.created.to_string() testid="report-created" />
            <Figure label=w.resolved value=report.resolved.to_string() testid="report-resolved" />
            <Figure label=w.bot_resolved value=report.bot_resolved.to_string() testid="report-bot-resolved" />
            <Figure label=w.reopened value=report.reopened.to_string() testid="report-reopened" />
        </div>
        <div class="mt-4 grid gap-4 sm:grid-cols-3">
            <TimeFigure label=w.first_response value=report.first_response testid="report-first-response" />
            <TimeFigure label=w.reply_time value=report.reply_time testid="report-reply-time" />
            <TimeFigure label=w.resolution_time value=report.resolution_time testid="report-resolution-time" />
        </div>
    }
}

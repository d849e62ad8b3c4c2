//! The supervisor dashboard: the shift at a glance, live. The snapshot comes from a server
//! function and is fetched again whenever the websocket says something changed (at most one
//! fetch in flight and one waiting), and every 30 s for the figures that move with time;
//! presence comes straight from the socket's frames.

mod agents;
mod chart;
mod lists;
mod texts;

use super::frame::Page;
use super::inbox::socket::{self, Link, Subscriber};
use super::use_viewer;
use super::widgets::{ErrorNotice, CARD};
use crate::api::reports::dashboard;
use crate::domain::inbox::Presence;
use crate::domain::roles::Area;
use crate::error::AppError;
use crate::wire::realtime::ServerFrame;
use crate::wire::reports::DashboardSnapshot;
use leptos::prelude::*;
use leptos_meta::Title;
use std::collections::HashMap;
use std::rc::Rc;
pub use texts::texts;

/// How often the snapshot is fetched even when nothing was pushed (waits grow, minutes pass).
const REFRESH_EVERY_MS: u64 = 30_000;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <Page area=Area::Dashboard>
            <Dashboard />
        </Page>
    }
}

/// The dashboard's state, shared by its parts.
#[derive(Clone, Copy)]
pub(super) struct Dash {
    pub snapshot: RwSignal<Option<DashboardSnapshot>>,
    pub load_error: RwSignal<Option<AppError>>,
    /// Why the last action (take, assign, set away) did not happen.
    pub problem: RwSignal<Option<AppError>>,
    pub presence: RwSignal<HashMap<i64, Presence>>,
    pub link: RwSignal<Link>,
    /// The server's clock, ticking every second between snapshots.
    pub now: RwSignal<i64>,
    /// Which menu is open: (what, conversation).
    pub menu: RwSignal<Option<(&'static str, i64)>>,
    offset: StoredValue<i64>,
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
}

impl Dash {
    fn new() -> Dash {
        Dash {
            snapshot: RwSignal::new(None),
            load_error: RwSignal::new(None),
            problem: RwSignal::new(None),
            presence: RwSignal::new(HashMap::new()),
            link: RwSignal::new(Link::Connecting),
            now: RwSignal::new(0),
            menu: RwSignal::new(None),
            offset: StoredValue::new(0),
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
        }
    }

    pub fn presence_of(self, user_id: i64) -> Presence {
        self.presence
            .with(|p| p.get(&user_id).copied().unwrap_or_default())
    }

    /// Fetches the snapshot; while one fetch runs, any number of calls make one more after it.
    pub fn refresh(self) {
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        self.in_flight.set_value(true);
        leptos::task::spawn_local(async move {
            let result = dashboard().await;
            if self.snapshot.is_disposed() {
                return;
            }
            self.in_flight.set_value(false);
            match result {
                Ok(snapshot) => {
                    self.offset
                        .set_value(snapshot.now_ms - crate::ui::clock::now_ms());
                    self.now.set(snapshot.now_ms);
                    self.snapshot.set(Some(snapshot));
                    self.load_error.set(None);
                }
                Err(error) => self.load_error.set(Some(error)),
            }
            if self.again.get_value() {
                self.again.set_value(false);
                self.refresh();
            }
        });
    }

    fn apply(self, frame: ServerFrame) {
        match frame {
            ServerFrame::Hello { presence, .. } => {
                self.link.set(Link::Live);
                self.presence.set(
                    presence
                        .into_iter()
                        .map(|p| (p.user_id, p.presence))
                        .collect(),
                );
                self.refresh();
            }
            ServerFrame::Presence(p) => {
                self.presence.update(|map| {
                    map.insert(p.user_id, p.presence);
                });
                self.refresh();
            }
            ServerFrame::Conversation { .. }
            | ServerFrame::ConversationHidden { .. }
            | ServerFrame::Message { .. }
            | ServerFrame::Resync => self.refresh(),
            _ => {}
        }
    }

    /// Runs an action and shows why it failed; the live update shows its effect.
    pub fn act(self, call: impl std::future::Future<Output = Result<(), AppError>> + 'static) {
        self.menu.set(None);
        self.problem.set(None);
        leptos::task::spawn_local(async move {
            let outcome = call.await;
            if !self.problem.is_disposed() {
                self.problem.set(outcome.err());
            }
        });
    }
}

thread_local! {
    /// The running dashboard's timers, stopped when it goes.
    static TIMERS: std::cell::RefCell<Vec<leptos::prelude::IntervalHandle>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

#[component]
fn Dashboard() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let w = texts(lang);
    let dash = Dash::new();
    provide_context(dash);

    // In the browser only: the first fetch, the socket and the clocks.
    Effect::new(move |started: Option<()>| {
        if started.is_some() {
            return;
        }
        dash.refresh();
        socket::subscribe(Subscriber {
            link: dash.link,
            apply: Rc::new(move |frame| dash.apply(frame)),
            back_to: "/dashboard",
        });
        let timers = [
            set_interval_with_handle(
                move || {
                    dash.now
                        .set(crate::ui::clock::now_ms() + dash.offset.get_value())
                },
                std::time::Duration::from_secs(1),
            ),
            set_interval_with_handle(
                || socket::send(&crate::wire::realtime::ClientFrame::Ping),
                std::time::Duration::from_secs(20),
            ),
            set_interval_with_handle(
                move || dash.refresh(),
                std::time::Duration::from_millis(REFRESH_EVERY_MS),
            ),
        ];
        TIMERS.with(|t| t.borrow_mut().extend(timers.into_iter().flatten()));
    });
    on_cleanup(|| {
        socket::disconnect();
        TIMERS.with(|t| t.borrow_mut().drain(..).for_each(|h| h.clear()));
    });

    // Built once when the first snapshot arrives; later snapshots update the parts in place.
    let loaded = Memo::new(move |_| dash.snapshot.with(Option::is_some));
    view! {
        <Title text=w.title />
        <header class="mb-6 flex flex-wrap items-start justify-between gap-3">
            <div>
                <h1 class="text-2xl font-semibold text-slate-900">{w.title}</h1>
                <p class="mt-1 text-sm text-slate-500">{w.subtitle}</p>
            </div>
            <LinkBadge />
        </header>
        <div class="mb-4 empty:hidden">
            {move || dash.problem.get().map(|error| view! { <ErrorNotice error lang /> })}
        </div>
        <div class="mb-4 empty:hidden">
            {move || dash.load_error.get().map(|error| view! { <ErrorNotice error lang /> })}
        </div>
        {move || {
            if !loaded.get() {
                view! { <p class="text-slate-400">{w.loading}</p> }.into_any()
            } else {
                view! {
                    <Cards />
                    <div class="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-3">
                        <div class="min-w-0 xl:col-span-2">
                            <agents::AgentsTable />
                        </div>
                        <lists::QueueList />
                    </div>
                    <div class="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2 xl:grid-cols-3">
                        <lists::ClosingList />
                        <lists::Failures />
                        <chart::PerMinute />
                    </div>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn LinkBadge() -> impl IntoView {
    let dash = expect_context::<Dash>();
    let w = texts(use_viewer().lang);
    view! {
        <span
            data-testid="dash-link"
            data-state=move || format!("{:?}", dash.link.get()).to_lowercase()
            class=move || {
                if dash.link.get() == Link::Live {
                    "inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-3 py-1 text-xs font-medium text-emerald-700"
                } else {
                    "inline-flex items-center gap-1.5 rounded-full bg-amber-50 px-3 py-1 text-xs font-medium text-amber-700"
                }
            }
        >
            <span class=move || {
                if dash.link.get() == Link::Live {
                    "h-2 w-2 animate-pulse rounded-full bg-emerald-500"
                } else {
                    "h-2 w-2 rounded-full bg-amber-400"
                }
            }></span>
            {move || if dash.link.get() == Link::Live { w.live } else { w.connecting }}
        </span>
    }
}

#[component]
fn Card(
    title: &'static str,
    testid: &'static str,
    value: Signal<String>,
    hint: Signal<String>,
    #[prop(optional)] hint_testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class=CARD>
            <p class="text-sm font-medium text-slate-500">{title}</p>
            <p class="mt-1 text-3xl font-semibold tabular-nums text-slate-900" data-testid=testid>
                {value}
            </p>
            <p class="mt-1 text-xs text-slate-500" data-testid=hint_testid>{hint}</p>
        </div>
    }
}

#[component]
fn Cards() -> impl IntoView {
    let dash = expect_context::<Dash>();
    let w = texts(use_viewer().lang);
    let figure = move |f: fn(&DashboardSnapshot) -> u64| {
        Signal::derive(move || {
            dash.snapshot
                .with(|s| s.as_ref().map(f).unwrap_or_default())
                .to_string()
        })
    };
    let longest = Signal::derive(move || {
        let oldest = dash.snapshot.with(|s| {
            s.as_ref()
                .and_then(|s| s.queue.first().map(|q| q.waiting_since_ms))
        });
        match oldest {
            Some(since) => {
                w.longest_wait(crate::ui::reports::format::duration(dash.now.get() - since))
            }
            None => w.nobody_waiting.to_string(),
        }
    });
    let statuses = move || {
        let counts = dash
            .snapshot
            .with(|s| s.as_ref().map(|s| s.by_status).unwrap_or_default());
        [
            (w.queued, counts.queued, "dash-status-queued"),
            (w.assigned, counts.assigned, "dash-status-assigned"),
            (w.snoozed, counts.snoozed, "dash-status-snoozed"),
        ]
        .into_iter()
        .map(|(label, n, testid)| {
            view! {
                <div class="flex justify-between gap-2 text-sm">
                    <span class="text-slate-600">{label}</span>
                    <span class="font-semibold tabular-nums text-slate-900" data-testid=testid>{n}</span>
                </div>
            }
        })
        .collect_view()
    };
    view! {
        <div class="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            <Card title=w.queue testid="dash-queue-length" value=figure(|s| s.queue_length) hint=longest hint_testid="dash-longest-wait" />
            <div class=CARD>
                <p class="text-sm font-medium text-slate-500">{w.by_status}</p>
                <div class="mt-2 space-y-1">{statuses}</div>
            </div>
            <Card title=w.with_bot testid="dash-status-bot" value=figure(|s| s.by_status.bot) hint=Signal::derive(move || w.with_bot_hint.to_string()) />
            <Card title=w.resolved_today testid="dash-resolved-today" value=figure(|s| s.by_status.resolved_today) hint=Signal::derive(move || w.resolved_today_hint.to_string()) />
        </div>
    }
}

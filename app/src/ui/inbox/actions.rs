//! The thread header's actions: take, assign (with each colleague's presence and load),
//! snooze and resolve. What a button offers comes from `domain::assignment`; the server
//! decides again.

use super::state::Console;
use crate::domain::assignment::{may_assign, may_return_to_bot, snooze_until, SnoozeChoice};
use crate::domain::inbox::{ConversationStatus, Presence, Viewer};
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::use_viewer;
use crate::wire::inbox::{Colleague, ConversationSummary};
use leptos::prelude::*;

struct ActionTexts {
    take: &'static str,
    take_over: &'static str,
    to_bot: &'static str,
    assign: &'static str,
    to_queue: &'static str,
    full: &'static str,
    snooze: &'static str,
    one_hour: &'static str,
    three_hours: &'static str,
    tomorrow: &'static str,
    next_week: &'static str,
    until_customer: &'static str,
    pick_time: &'static str,
    snooze_at: &'static str,
    resolve: &'static str,
    reopen: &'static str,
    yours: &'static str,
    loading: &'static str,
}

static EN: ActionTexts = ActionTexts {
    take: "Take",
    take_over: "Take over from the bot",
    to_bot: "Back to the bot",
    assign: "Assign",
    to_queue: "Back to the queue",
    full: "full",
    snooze: "Snooze",
    one_hour: "For 1 hour",
    three_hours: "For 3 hours",
    tomorrow: "Tomorrow at 9:00",
    next_week: "Next Monday at 9:00",
    until_customer: "Until the customer writes",
    pick_time: "Or pick a time",
    snooze_at: "Snooze",
    resolve: "Resolve",
    reopen: "Reopen",
    yours: "(you)",
    loading: "Loading…",
};

static ES: ActionTexts = ActionTexts {
    take: "Tomar",
    take_over: "Tomar del bot",
    to_bot: "Devolver al bot",
    assign: "Asignar",
    to_queue: "Devolver a la cola",
    full: "completo",
    snooze: "Posponer",
    one_hour: "1 hora",
    three_hours: "3 horas",
    tomorrow: "Mañana a las 9:00",
    next_week: "El lunes a las 9:00",
    until_customer: "Hasta que el cliente escriba",
    pick_time: "O elige una hora",
    snooze_at: "Posponer",
    resolve: "Resolver",
    reopen: "Reabrir",
    yours: "(tú)",
    loading: "Cargando…",
};

fn texts(lang: Lang) -> &'static ActionTexts {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

const QUIET: &str =
    "rounded-lg border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50";
const MENU: &str = "absolute right-0 z-30 mt-1 w-64 rounded-lg border border-slate-200 bg-white py-1 text-sm shadow-lg";
const ITEM: &str = "flex w-full items-center gap-2 px-3 py-1.5 text-left hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50";

/// Which menu is open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Menu {
    Assign,
    Snooze,
}

#[component]
pub fn ThreadActions(
    /// The conversation these actions are for (they are rebuilt when another opens).
    id: i64,
    /// Its summary as it changes live.
    summary: Memo<Option<ConversationSummary>>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let me = Viewer {
        user_id: viewer.me.id,
        role: viewer.me.role,
    };
    let menu = RwSignal::new(None::<Menu>);
    let run =
        move |call: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), AppError>>>>| {
            menu.set(None);
            crate::ui::task::spawn_while(menu, async move {
                console.action_problem.set(call.await.err());
            });
        };
    let status = Memo::new(move |_| {
        summary.with(|s| s.as_ref().map_or(ConversationStatus::Open, |s| s.status))
    });
    let assignee = Memo::new(move |_| summary.with(|s| s.as_ref().and_then(|s| s.assignee_id)));
    let resolved = move || status.get() == ConversationStatus::Resolved;
    // Unassigned: anyone takes it (from the bot, too). A colleague's: only a supervisor
    // can take it for themselves; an agent would only be told it is taken.
    let may_take = move || match assignee.get() {
        None => true,
        Some(owner) => owner != me.user_id && me.role.at_least(Role::Supervisor),
    };
    let toggle =
        move |m: Menu| menu.update(|open| *open = if *open == Some(m) { None } else { Some(m) });
    view! {
        <div class="relative flex flex-wrap items-center gap-2" on:keydown=move |e| if e.key() == "Escape" { menu.set(None) }>
            // Hidden rather than removed when it no longer applies: a click already on its
            // way (a colleague took it that instant) still reaches the server, which answers
            // who was first.
            <button
                type="button"
                data-testid="take"
                hidden=move || !may_take()
                class=move || if assignee.get().is_some() { QUIET } else { "rounded-lg bg-emerald-600 px-3 py-1 text-sm font-medium text-white hover:bg-emerald-700" }
                on:click=move |_| run(Box::pin(crate::api::inbox::assign_to_me(id, true)))
            >
                {move || if status.get() == ConversationStatus::Bot { tx.take_over } else { tx.take }}
            </button>
            <div class="relative">
                <button type="button" data-testid="assign" class=QUIET aria-haspopup="menu" on:click=move |_| toggle(Menu::Assign)>
                    {tx.assign} " ▾"
                </button>
                <Show when=move || menu.get() == Some(Menu::Assign)>
                    <AssignMenu id assignee status me run=run />
                </Show>
            </div>
            <Show when=move || !resolved()>
                <div class="relative">
                    <button type="button" data-testid="snooze" class=QUIET aria-haspopup="menu" on:click=move |_| toggle(Menu::Snooze)>
                        {tx.snooze} " ▾"
                    </button>
                    <Show when=move || menu.get() == Some(Menu::Snooze)>
                        <SnoozeMenu id run=run />
                    </Show>
                </div>
            </Show>
            <button
                type="button"
                data-testid="resolve"
                class="rounded-lg bg-emerald-600 px-3 py-1 text-sm font-medium text-white hover:bg-emerald-700"
                on:click=move |_| {
                    let reopen = status.get_untracked() == ConversationStatus::Resolved;
                    run(Box::pin(crate::api::inbox::resolve_conversation(id, !reopen)))
                }
            >
                {move || if resolved() { tx.reopen } else { tx.resolve }}
            </button>
        </div>
    }
    .into_any()
}

/// Colleagues with their presence (live) and load (loaded when the menu opens).
#[component]
fn AssignMenu<F>(
    id: i64,
    assignee: Memo<Option<i64>>,
    status: Memo<ConversationStatus>,
    me: Viewer,
    run: F,
) -> impl IntoView
where
    F: Fn(std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), AppError>>>>)
        + Copy
        + Send
        + Sync
        + 'static,
{
    let console = expect_context::<Console>();
    let tx = texts(use_viewer().lang);
    let people = LocalResource::new(crate::api::inbox::colleagues);
    let presence_of = move |user: i64| {
        console
            .presence
            .with(|p| p.get(&user).map(|(_, presence)| *presence))
            .unwrap_or(Presence::Offline)
    };
    let row = move |c: Colleague| {
        let user = c.id;
        let allowed = move || {
            let assignee = assignee.get();
            may_assign(me, assignee, Some(user)) && assignee != Some(user)
        };
        let full = c.open >= c.capacity;
        let load = format!("{}/{}", c.open, c.capacity);
        view! {
            <button
                type="button"
                role="menuitem"
                class=ITEM
                data-assignee=user
                disabled=move || !allowed()
                on:click=move |_| run(Box::pin(crate::api::inbox::assign_conversation(id, Some(user))))
            >
                <super::list::PresenceDot presence=Signal::derive(move || presence_of(user)) />
                <span class="flex-1 truncate">
                    {c.name.clone()}
                    {(user == me.user_id).then(|| view! { <span class="text-slate-400">" " {tx.yours}</span> })}
                </span>
                <span class=if full { "rounded bg-amber-100 px-1.5 text-[11px] text-amber-800" } else { "text-[11px] text-slate-500" } data-testid="load">
                    {load}
                    {full.then(|| format!(" {}", tx.full))}
                </span>
            </button>
        }
    };
    view! {
        <div class=MENU role="menu" data-testid="assign-menu">
            {move || assignee.get().map(|owner| {
                let allowed = may_assign(me, Some(owner), None);
                view! {
                    <button type="button" role="menuitem" class=ITEM disabled=!allowed data-testid="to-queue"
                        on:click=move |_| run(Box::pin(crate::api::inbox::assign_conversation(id, None)))>
                        {tx.to_queue}
                    </button>
                    <div class="my-1 h-px bg-slate-100"></div>
                }
            })}
            {move || (console.bot_enabled.get() && may_return_to_bot(me, assignee.get(), status.get())).then(|| view! {
                <button type="button" role="menuitem" class=ITEM data-testid="to-bot"
                    on:click=move |_| run(Box::pin(crate::api::inbox::return_to_bot(id)))>
                    {tx.to_bot}
                </button>
                <div class="my-1 h-px bg-slate-100"></div>
            })}
            <Suspense fallback=move || view! { <p class="px-3 py-1.5 text-slate-400">{tx.loading}</p> }>
                {move || Suspend::new(async move {
                    match people.await {
                        Ok(list) => list.into_iter().map(row).collect_view().into_any(),
                        Err(error) => view! { <div class="p-2"><crate::ui::widgets::ErrorNotice error lang=use_viewer().lang /></div> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn SnoozeMenu<F>(id: i64, run: F) -> impl IntoView
where
    F: Fn(std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), AppError>>>>)
        + Copy
        + Send
        + Sync
        + 'static,
{
    let console = expect_context::<Console>();
    let tx = texts(use_viewer().lang);
    let custom = RwSignal::new(String::new());
    let choose = move |choice: SnoozeChoice| {
        let until = snooze_until(choice, console.now.get_untracked(), utc_offset_min());
        run(Box::pin(crate::api::inbox::snooze_conversation(id, until)));
    };
    let choices = [
        (SnoozeChoice::Hours(1), tx.one_hour),
        (SnoozeChoice::Hours(3), tx.three_hours),
        (SnoozeChoice::TomorrowMorning, tx.tomorrow),
        (SnoozeChoice::NextWeek, tx.next_week),
        (SnoozeChoice::UntilCustomerWrites, tx.until_customer),
    ];
    view! {
        <div class=MENU role="menu" data-testid="snooze-menu">
            {choices
                .into_iter()
                .map(|(choice, text)| view! {
                    <button type="button" role="menuitem" class=ITEM on:click=move |_| choose(choice)>{text}</button>
                })
                .collect_view()}
            <div class="my-1 h-px bg-slate-100"></div>
            <form class="flex items-center gap-1 px-3 py-1.5" on:submit=move |e| {
                e.prevent_default();
                let until = local_input_to_ms(&custom.get_untracked());
                run(Box::pin(crate::api::inbox::snooze_conversation(id, Some(until.unwrap_or(0)))));
            }>
                <input
                    type="datetime-local"
                    aria-label=tx.pick_time
                    title=tx.pick_time
                    class="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-0.5 text-xs"
                    data-testid="snooze-time"
                    on:input=move |e| custom.set(event_target_value(&e))
                />
                <button type="submit" class="rounded bg-slate-800 px-2 py-0.5 text-xs text-white">{tx.snooze_at}</button>
            </form>
        </div>
    }
    .into_any()
}

/// Minutes the browser's local time is ahead of UTC.
fn utc_offset_min() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        -(js_sys::Date::new_0().get_timezone_offset() as i64)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

/// A `datetime-local` input's value (local time) as unix milliseconds.
fn local_input_to_ms(value: &str) -> Option<i64> {
    #[cfg(feature = "hydrate")]
    {
        let ms = js_sys::Date::new(&value.into()).get_time();
        (!ms.is_nan()).then_some(ms as i64)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = value;
        None
    }
}

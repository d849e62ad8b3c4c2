//! The agents table: presence, load against capacity, time since their last reply, their
//! conversations (each with a Reassign menu) and "Set away".

use super::{texts, Dash};
use crate::api::inbox::assign_conversation;
use crate::api::reports::set_agent_away;
use crate::domain::inbox::Presence;
use crate::ui::reports::format::duration;
use crate::ui::use_viewer;
use crate::ui::widgets::{BUTTON_QUIET, CARD};
use crate::wire::reports::AgentDesk;
use leptos::prelude::*;

const MENU: &str = "absolute right-0 z-30 mt-1 max-h-72 w-60 overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 text-sm shadow-lg";
const ITEM: &str = "flex w-full items-center gap-2 px-3 py-1.5 text-left hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50";

pub(super) fn presence_dot(presence: Presence) -> &'static str {
    match presence {
        Presence::Online => "inline-block h-2.5 w-2.5 shrink-0 rounded-full bg-emerald-500",
        Presence::Away => "inline-block h-2.5 w-2.5 shrink-0 rounded-full bg-amber-400",
        Presence::Offline => "inline-block h-2.5 w-2.5 shrink-0 rounded-full bg-slate-300",
    }
}

/// The people a conversation can go to, with presence and load; and, when it has an owner,
/// back to the queue.
#[component]
pub(super) fn AssignMenu(conversation: i64, owner: Option<i64>) -> impl IntoView {
    let dash = expect_context::<Dash>();
    let w = texts(use_viewer().lang);
    let tx = crate::ui::inbox::texts(use_viewer().lang);
    let people = move || {
        dash.snapshot
            .with(|s| s.as_ref().map(|s| s.agents.clone()).unwrap_or_default())
            .into_iter()
            .filter(|a| Some(a.user_id) != owner)
            .map(|a| {
                let user = a.user_id;
                view! {
                    <button type="button" role="menuitem" class=ITEM data-assignee=user
                        on:click=move |_| dash.act(assign_conversation(conversation, Some(user)))>
                        <span class=move || presence_dot(dash.presence_of(user))></span>
                        <span class="min-w-0 flex-1 truncate">{a.name.clone()}</span>
                        <span class="text-xs tabular-nums text-slate-500" title=move || tx.presence(dash.presence_of(user))>
                            {format!("{}/{}", a.open, a.capacity)}
                        </span>
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <div class=MENU role="menu" data-testid="dash-assign-menu">
            {owner.map(|_| view! {
                <button type="button" role="menuitem" class=ITEM data-testid="dash-to-queue"
                    on:click=move |_| dash.act(assign_conversation(conversation, None))>
                    {w.to_queue}
                </button>
                <div class="my-1 h-px bg-slate-100"></div>
            })}
            {people}
        </div>
    }
}

#[component]
pub(super) fn AgentsTable() -> impl IntoView {
    let dash = expect_context::<Dash>();
    let w = texts(use_viewer().lang);
    let agents = move || {
        dash.snapshot
            .with(|s| s.as_ref().map(|s| s.agents.clone()).unwrap_or_default())
    };
    view! {
        <section class=CARD data-testid="dash-agents">
            <h2 class="mb-3 text-base font-semibold">{w.agents}</h2>
            <Show when=move || !agents().is_empty() fallback=move || view! { <p class="text-sm text-slate-500">{w.no_agents}</p> }>
                <div class="relative overflow-x-auto">
                    <table class="w-full min-w-[40rem] text-left text-sm">
                        <thead class="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                            <tr>
                                <th class="py-2 pr-3 font-medium">{w.agent}</th>
                                <th class="py-2 pr-3 font-medium">{w.load}</th>
                                <th class="py-2 pr-3 font-medium">{w.last_reply}</th>
                                <th class="py-2 pr-3 font-medium">{w.their_conversations}</th>
                                <th class="py-2"></th>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-slate-100">
                            <For each=agents key=agent_key let:agent>
                                <AgentRow agent />
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// A row is rebuilt when anything it shows changes (presence is live inside it).
fn agent_key(a: &AgentDesk) -> (i64, u32, u32, Option<i64>, Vec<i64>) {
    let ids = a.conversations.iter().map(|c| c.id).collect();
    (a.user_id, a.open, a.capacity, a.last_reply_at_ms, ids)
}

#[component]
fn AgentRow(agent: AgentDesk) -> impl IntoView {
    let dash = expect_context::<Dash>();
    let lang = use_viewer().lang;
    let w = texts(lang);
    let tx = crate::ui::inbox::texts(lang);
    let user = agent.user_id;
    let presence = move || dash.presence_of(user);
    let share = (agent.open * 100)
        .checked_div(agent.capacity)
        .unwrap_or(100)
        .min(100);
    let bar = if agent.open >= agent.capacity {
        "h-full rounded-full bg-amber-500"
    } else {
        "h-full rounded-full bg-emerald-500"
    };
    let last_reply = agent.last_reply_at_ms;
    let since = move || match last_reply {
        Some(at) => w.ago(duration(dash.now.get() - at)),
        None => w.never.to_string(),
    };
    let chips = agent
        .conversations
        .iter()
        .map(|c| {
            let id = c.id;
            let open = move || dash.menu.get() == Some(("reassign", id));
            view! {
                <div class="relative">
                    <button type="button" data-testid=format!("dash-conv-{id}") aria-haspopup="menu"
                        class="max-w-[11rem] truncate rounded-full border border-slate-200 bg-slate-50 px-2.5 py-0.5 text-xs text-slate-700 hover:border-slate-300 hover:bg-white"
                        title=w.reassign
                        on:click=move |_| dash.menu.update(|m| *m = if *m == Some(("reassign", id)) { None } else { Some(("reassign", id)) })>
                        {c.contact_name.clone()} " ▾"
                    </button>
                    <Show when=open>
                        <AssignMenu conversation=id owner=Some(user) />
                    </Show>
                </div>
            }
        })
        .collect_view();
    let empty = agent.conversations.is_empty();
    view! {
        <tr data-testid=format!("dash-agent-{user}") data-presence=move || format!("{:?}", presence()).to_lowercase()>
            <td class="py-2.5 pr-3">
                <div class="flex items-center gap-2">
                    <span class=move || presence_dot(presence())></span>
                    <div class="min-w-0">
                        <p class="truncate font-medium text-slate-900">{agent.name.clone()}</p>
                        <p class="text-xs text-slate-500" data-testid="dash-agent-presence">{move || tx.presence(presence())}</p>
                    </div>
                </div>
            </td>
            <td class="py-2.5 pr-3">
                <div class="flex items-center gap-2">
                    <span class="w-10 tabular-nums text-slate-700" data-testid="dash-agent-open">{format!("{}/{}", agent.open, agent.capacity)}</span>
                    <div class="h-1.5 w-20 overflow-hidden rounded-full bg-slate-100">
                        <div class=bar style=format!("width: {share}%")></div>
                    </div>
                </div>
            </td>
            <td class="py-2.5 pr-3 tabular-nums text-slate-600" data-testid="dash-agent-last-reply">{since}</td>
            <td class="py-2.5 pr-3">
                <div class="flex flex-wrap gap-1.5">
                    {chips}
                    {empty.then(|| view! { <span class="text-xs text-slate-400">{w.none}</span> })}
                </div>
            </td>
            <td class="py-2.5 text-right">
                <button type="button" data-testid="dash-set-away" class=BUTTON_QUIET title=w.set_away_hint
                    hidden=move || presence() != Presence::Online
                    on:click=move |_| dash.act(set_agent_away(user))>
                    {w.set_away}
                </button>
            </td>
        </tr>
    }
}

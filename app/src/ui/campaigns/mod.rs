//! The `/campaigns` screen (supervisors and admins): the campaigns with their live funnels
//! (`?id=N`), and the new-campaign editor (`?new=1`): audience, message, preview, schedule,
//! review and launch. Every figure comes from the server; the socket only says when to ask
//! again.

mod detail;
mod editor;
mod editor_audience;
mod editor_list;
mod editor_message;
mod list;
mod settings;
pub mod texts;

use super::frame::Page;
use super::use_viewer;
use super::widgets::ErrorNotice;
use crate::api::campaigns::campaign_screen;
use crate::domain::campaigns::CampaignState;
use crate::domain::roles::Area;
use crate::wire::campaigns::CampaignScreen;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
pub use texts::texts;

#[component]
pub fn CampaignsPage() -> impl IntoView {
    view! {
        <Page area=Area::Campaigns>
            <Campaigns />
        </Page>
    }
}

/// What the parts of the screen share.
#[derive(Clone, Copy)]
pub(super) struct Screen {
    pub data: RwSignal<Option<CampaignScreen>>,
    pub reload: RwSignal<u32>,
}

#[component]
fn Campaigns() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let title = viewer.t().area(Area::Campaigns);
    let query = use_query_map();
    let screen = Screen {
        data: RwSignal::new(None),
        reload: RwSignal::new(0),
    };
    provide_context(screen);
    let loaded = Resource::new(move || screen.reload.get(), |_| campaign_screen());
    let selected = move || query.with(|q| q.get("id").and_then(|id| id.parse::<i64>().ok()));
    let creating = move || query.with(|q| q.get("new").is_some());
    view! {
        <Title text=title />
        <header class="mb-6 flex flex-wrap items-start justify-between gap-3">
            <div>
                <h1 class="text-2xl font-semibold text-slate-900">{title}</h1>
                <p class="mt-1 max-w-2xl text-sm text-slate-500">{tx.subtitle}</p>
            </div>
            <a
                href="/campaigns?new=1"
                class="inline-flex items-center justify-center rounded-lg bg-emerald-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-emerald-700"
                data-testid="new-campaign"
            >
                {tx.new_campaign}
            </a>
        </header>
        <Transition fallback=move || view! { <p class="text-slate-400">{tx.loading}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    Ok(data) => {
                        // The parts read it from here (on the server too: no effect runs there).
                        screen.data.set(Some(data));
                        view! {
                            {move || {
                                if creating() {
                                    view! { <editor::Editor /> }.into_any()
                                } else if let Some(id) = selected() {
                                    view! { <detail::Detail id /> }.into_any()
                                } else {
                                    view! {
                                        <settings::SettingsPanel />
                                        <list::List />
                                    }
                                        .into_any()
                                }
                            }}
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The badge of a campaign's state.
#[component]
pub(super) fn StateBadge(state: CampaignState) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let (words, class) = match state {
        CampaignState::Scheduled => (tx.state_scheduled, "bg-sky-100 text-sky-800"),
        CampaignState::Running => (tx.state_running, "bg-emerald-100 text-emerald-800"),
        CampaignState::Paused => (tx.state_paused, "bg-amber-100 text-amber-800"),
        CampaignState::Stopped => (tx.state_stopped, "bg-red-100 text-red-800"),
        CampaignState::Cancelled => (tx.state_cancelled, "bg-slate-200 text-slate-700"),
        CampaignState::Finished => (tx.state_finished, "bg-slate-100 text-slate-700"),
    };
    view! {
        <span
            class=format!("inline-flex rounded-full px-2 py-0.5 text-xs font-medium {class}")
            data-testid="campaign-state"
            data-state=state.as_str()
        >
            {words}
        </span>
    }
}

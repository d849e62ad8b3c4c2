//! The Bot screen (admins): switch the bot on or off and configure it entirely from here —
//! its words, menu, business hours, FAQ and catalog — then try it and see how it did.
//!
//! General, Menu and Hours are one draft saved together (a single `BotConfig` plus the
//! switch); FAQ entries and products are saved one by one.

mod bubble;
mod catalog;
mod faq;
mod fields;
mod general;
mod hours;
mod import;
mod menu;
mod menu_tree;
mod problems;
mod report;
pub mod texts;
mod trial;

use super::frame::Page;
use super::use_viewer;
use super::widgets::{ErrorNotice, SuccessNotice, BUTTON};
use crate::api::bot::{bot_screen, save_bot};
use crate::domain::bot::{BotConfig, BotPlace, FaqEntry, Product};
use crate::domain::roles::Area;
use crate::error::AppError;
use crate::wire::bot::BotScreen;
use leptos::prelude::*;
use leptos_meta::Title;
use texts::{texts, Words};

#[component]
pub fn BotPage() -> impl IntoView {
    view! {
        <Page area=Area::Bot>
            <Bot />
        </Page>
    }
}

/// The configuration being edited and the one last saved; "unsaved" is their difference.
#[derive(Clone, Copy)]
pub(super) struct Draft {
    pub config: RwSignal<BotConfig>,
    pub enabled: RwSignal<bool>,
    saved_config: RwSignal<BotConfig>,
    saved_enabled: RwSignal<bool>,
}

impl Draft {
    fn new(enabled: bool, config: BotConfig) -> Draft {
        Draft {
            config: RwSignal::new(config.clone()),
            enabled: RwSignal::new(enabled),
            saved_config: RwSignal::new(config),
            saved_enabled: RwSignal::new(enabled),
        }
    }

    fn dirty(self) -> bool {
        self.enabled.get() != self.saved_enabled.get()
            || self.config.with(|c| self.saved_config.with(|s| c != s))
    }
}

/// What the bot knows besides its configuration, kept up to date as entries are saved.
#[derive(Clone, Copy)]
pub(super) struct Knowledge {
    pub faq: RwSignal<Vec<FaqEntry>>,
    pub products: RwSignal<Vec<Product>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tab {
    General,
    Menu,
    Hours,
    Faq,
    Catalog,
    Test,
    Report,
}

impl Tab {
    /// In the order shown, grouped: the saved-together draft, the knowledge, the outcome.
    const GROUPS: [&'static [Tab]; 3] = [
        &[Tab::General, Tab::Menu, Tab::Hours],
        &[Tab::Faq, Tab::Catalog],
        &[Tab::Test, Tab::Report],
    ];

    fn slug(self) -> &'static str {
        match self {
            Tab::General => "general",
            Tab::Menu => "menu",
            Tab::Hours => "hours",
            Tab::Faq => "faq",
            Tab::Catalog => "catalog",
            Tab::Test => "test",
            Tab::Report => "report",
        }
    }

    fn label(self, w: &Words) -> &'static str {
        match self {
            Tab::General => w.tab_general,
            Tab::Menu => w.tab_menu,
            Tab::Hours => w.tab_hours,
            Tab::Faq => w.tab_faq,
            Tab::Catalog => w.tab_catalog,
            Tab::Test => w.tab_test,
            Tab::Report => w.tab_report,
        }
    }

    /// The tab where a problem can be fixed.
    fn of(place: &BotPlace) -> Tab {
        match place {
            BotPlace::MenuOption { .. } | BotPlace::Menu { .. } => Tab::Menu,
            BotPlace::Timezone | BotPlace::Hours { .. } => Tab::Hours,
            BotPlace::FaqTitle | BotPlace::FaqPhrasings | BotPlace::FaqAnswer => Tab::Faq,
            BotPlace::ProductSku
            | BotPlace::ProductName
            | BotPlace::ProductDescription
            | BotPlace::ProductPrice
            | BotPlace::ProductLink
            | BotPlace::ProductImage => Tab::Catalog,
            _ => Tab::General,
        }
    }
}

#[component]
fn Bot() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let w = texts(lang);
    let loaded = Resource::new(|| (), |_| bot_screen());
    view! {
        <Title text=viewer.t().bot />
        <Suspense fallback=move || view! { <p class="text-slate-400">{w.loading}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(screen) => view! { <Editor screen /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(screen: BotScreen) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let draft = Draft::new(screen.enabled, screen.config);
    let knowledge = Knowledge {
        faq: RwSignal::new(screen.faq),
        products: RwSignal::new(screen.products),
    };
    let tab = RwSignal::new(Tab::General);
    let outcome = RwSignal::new(None::<Result<String, AppError>>);
    let saving = RwSignal::new(false);
    let dirty = Memo::new(move |_| draft.dirty());
    // Checked as you type with the same rules the server applies (the server also checks the
    // time zone, which the browser cannot).
    let problem = Memo::new(move |_| draft.config.with(|c| c.validate(|_| true).err()));

    // A change after a save makes its notice stale.
    Effect::new(move |_| {
        draft.config.track();
        draft.enabled.track();
        outcome.set(None);
    });
    let handle = window_event_listener(leptos::ev::beforeunload, move |e| {
        if dirty.get_untracked() {
            e.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());

    let save = move |_| {
        saving.set(true);
        outcome.set(None);
        let (enabled, config) = (draft.enabled.get_untracked(), draft.config.get_untracked());
        leptos::task::spawn_local(async move {
            let result = save_bot(enabled, config).await;
            if saving.is_disposed() {
                return;
            }
            saving.set(false);
            match result {
                Ok(saved) => {
                    draft.saved_enabled.set(saved.enabled);
                    draft.saved_config.set(saved.config);
                    outcome.set(Some(Ok(w.saved(saved.handed_off))));
                }
                Err(error) => {
                    if let AppError::BotInvalid { problem } = &error {
                        tab.set(Tab::of(&problem.place));
                    }
                    outcome.set(Some(Err(error)));
                }
            }
        });
    };

    view! {
        <header class="mb-4">
            <h1 class="text-2xl font-semibold text-slate-900">{w.title}</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-500">{w.subtitle}</p>
        </header>
        <EnabledSwitch draft />
        // Tabs and Save stay in sight while a long menu or text list scrolls.
        <div class="sticky top-0 z-20 -mx-4 mb-5 border-b border-slate-200 bg-slate-50/95 px-4 py-3 backdrop-blur md:-mx-10 md:px-10">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <Tabs tab />
                <div class="flex items-center gap-3">
                    <Show when=move || dirty.get()>
                        <span
                            data-testid="bot-unsaved"
                            class="rounded-full bg-amber-100 px-2.5 py-1 text-xs font-medium text-amber-800"
                        >
                            {w.unsaved}
                        </span>
                    </Show>
                    <button
                        type="button"
                        class=BUTTON
                        data-testid="bot-save"
                        title=w.save_hint
                        disabled=move || saving.get()
                        on:click=save
                    >
                        {move || if saving.get() { w.saving } else { w.save }}
                    </button>
                </div>
            </div>
            <div class="mt-3 empty:hidden">
                {move || {
                    outcome
                        .get()
                        .map(|o| match o {
                            Ok(message) => view! { <SuccessNotice message /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                        })
                }}
            </div>
            <div class="mt-2 empty:hidden">
                {move || {
                    dirty
                        .get()
                        .then(|| problem.get())
                        .flatten()
                        .map(|p| {
                            view! {
                                <p data-testid="bot-live-problem" class="text-xs text-amber-800">
                                    {w.to_fix} " " {texts::problem(lang, &p)}
                                </p>
                            }
                        })
                }}
            </div>
        </div>
        <Panel tab current=Tab::General>
            <general::GeneralTab draft />
        </Panel>
        <Panel tab current=Tab::Menu>
            <menu::MenuTab draft />
        </Panel>
        <Panel tab current=Tab::Hours>
            <hours::HoursTab draft />
        </Panel>
        <Panel tab current=Tab::Faq>
            <faq::FaqTab knowledge />
        </Panel>
        <Panel tab current=Tab::Catalog>
            <catalog::CatalogTab knowledge />
        </Panel>
        <Panel tab current=Tab::Test>
            <trial::TrialTab knowledge draft_dirty=dirty />
        </Panel>
        <Panel tab current=Tab::Report>
            <report::ReportCard report=screen.report />
        </Panel>
    }
    .into_any()
}

/// Every tab stays in the page (hidden when not chosen) so switching keeps what was typed.
#[component]
fn Panel(tab: RwSignal<Tab>, current: Tab, children: Children) -> impl IntoView {
    view! {
        <section
            data-testid=format!("bot-panel-{}", current.slug())
            class=move || if tab.get() == current { "" } else { "hidden" }
        >
            {children()}
        </section>
    }
}

#[component]
fn Tabs(tab: RwSignal<Tab>) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let groups = Tab::GROUPS
        .iter()
        .enumerate()
        .map(|(i, group)| {
            let buttons = group
                .iter()
                .map(|&each| {
                    view! {
                        <button
                            type="button"
                            role="tab"
                            data-testid=format!("bot-tab-{}", each.slug())
                            aria-selected=move || (tab.get() == each).to_string()
                            class=move || {
                                if tab.get() == each {
                                    "rounded-lg bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm"
                                } else {
                                    "rounded-lg px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-white hover:text-slate-900"
                                }
                            }
                            on:click=move |_| tab.set(each)
                        >
                            {each.label(w)}
                        </button>
                    }
                })
                .collect_view();
            let divider = (i > 0).then(|| view! { <span class="mx-1 h-6 w-px bg-slate-300" aria-hidden="true"></span> });
            view! {
                {divider}
                {buttons}
            }
        })
        .collect_view();
    view! {
        <nav role="tablist" class="flex flex-wrap items-center gap-1" aria-label=w.title>
            {groups}
        </nav>
    }
}

/// The on/off switch, its meaning in words, and what switching off does.
#[component]
fn EnabledSwitch(draft: Draft) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let on = draft.enabled;
    view! {
        <div class="mb-4 flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <button
                type="button"
                role="switch"
                data-testid="bot-enabled"
                aria-checked=move || on.get().to_string()
                aria-label=w.enabled_label
                class=move || {
                    format!(
                        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors {}",
                        if on.get() { "bg-emerald-600" } else { "bg-slate-300" },
                    )
                }
                on:click=move |_| on.update(|v| *v = !*v)
            >
                <span class=move || {
                    format!(
                        "inline-block h-5 w-5 rounded-full bg-white shadow transition-transform {}",
                        if on.get() { "translate-x-5" } else { "translate-x-0.5" },
                    )
                }></span>
            </button>
            <span class="text-sm font-medium text-slate-800" data-testid="bot-enabled-state">
                {move || if on.get() { w.enabled_on } else { w.enabled_off }}
            </span>
            <span class="text-xs text-slate-500">
                {move || {
                    if draft.saved_enabled.get() && !on.get() {
                        w.switch_off_hint
                    } else {
                        w.switch_hint
                    }
                }}
            </span>
        </div>
    }
}

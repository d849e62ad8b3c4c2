//! The Labels screen (supervisors and admins): create labels, rename, recolour and describe
//! them in place, and delete them after a confirmation that says how many conversations carry
//! them. Agents put labels on conversations from the thread.

use super::frame::Page;
use super::use_viewer;
use super::widgets::{ErrorNotice, SuccessNotice, BUTTON, BUTTON_QUIET, CARD, INPUT, LABEL};
use crate::api::labels::{create_label, delete_label, label_definitions, update_label};
use crate::domain::labels::{
    chip_class, LabelDraft, DEFAULT_COLOR, DESCRIPTION_MAX, NAME_MAX, PALETTE,
};
use crate::domain::roles::Area;
use crate::error::AppError;
use crate::wire::inbox::LabelDefinition;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

mod texts;

use texts::texts;

#[component]
pub fn LabelsPage() -> impl IntoView {
    view! {
        <Page area=Area::Labels>
            <LabelsScreen />
        </Page>
    }
}

/// What the parts of the screen share.
#[derive(Clone, Copy)]
struct Screen {
    reload: RwSignal<u32>,
    /// The latest outcome, shown above the list.
    outcome: RwSignal<Option<Result<String, AppError>>>,
    /// The label being edited in place.
    editing: RwSignal<Option<i64>>,
    /// The label whose deletion waits for a confirmation.
    confirming: RwSignal<Option<LabelDefinition>>,
}

impl Screen {
    fn done(self, message: String) {
        self.outcome.set(Some(Ok(message)));
        self.reload.update(|n| *n += 1);
    }
}

#[component]
fn LabelsScreen() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let title = viewer.t().area(Area::Labels);
    let tx = texts(lang);
    let screen = Screen {
        reload: RwSignal::new(0),
        outcome: RwSignal::new(None),
        editing: RwSignal::new(None),
        confirming: RwSignal::new(None),
    };
    let definitions = Resource::new(move || screen.reload.get(), |_| label_definitions());
    view! {
        <Title text=title />
        <header class="mb-6">
            <h1 class="text-2xl font-semibold text-slate-900">{title}</h1>
            <p class="mt-1 text-sm text-slate-500">{tx.subtitle}</p>
        </header>
        <div class="mb-4 empty:hidden" data-testid="labels-outcome">
            {move || {
                screen
                    .outcome
                    .get()
                    .map(|o| match o {
                        Ok(message) => view! { <SuccessNotice message /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    })
            }}
        </div>
        <CreateForm screen />
        <section class="rounded-xl border border-slate-200 bg-white shadow-sm">
            <Transition fallback=move || view! { <p class="p-5 text-slate-400">{tx.loading}</p> }>
                {move || Suspend::new(async move {
                    match definitions.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p class="p-5 text-sm text-slate-500">{tx.empty}</p> }.into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="divide-y divide-slate-100" data-testid="labels-table">
                                    {list
                                        .into_iter()
                                        .map(|label| view! { <LabelRow label screen /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <div class="p-5"><ErrorNotice error lang /></div> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        {move || screen.confirming.get().map(|label| view! { <ConfirmDelete label screen /> })}
    }
    .into_any()
}

/// The palette as radio buttons: one swatch per colour.
#[component]
fn Swatches(group: String, chosen: RwSignal<&'static str>) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let swatches = PALETTE
        .iter()
        .zip(tx.colors)
        .map(|(color, title)| {
            let value = color.name;
            view! {
                <label class="cursor-pointer" title=title>
                    <input
                        type="radio"
                        class="peer sr-only"
                        name=group.clone()
                        value=value
                        aria-label=title
                        data-testid=format!("color-{value}")
                        prop:checked=move || chosen.get() == value
                        on:change=move |_| chosen.set(value)
                    />
                    <span class=format!(
                        "block h-6 w-6 rounded-full ring-offset-2 peer-checked:ring-2 peer-checked:ring-slate-900 peer-focus-visible:ring-2 peer-focus-visible:ring-emerald-500 {}",
                        color.swatch,
                    ) />
                </label>
            }
        })
        .collect_view();
    view! {
        <div class="flex flex-wrap gap-2 py-1" role="radiogroup" aria-label=tx.color>
            {swatches}
        </div>
    }
}

/// Same checks as the server, before the round trip.
fn draft(name: &str, color: &str, description: &str) -> Result<LabelDraft, AppError> {
    LabelDraft::new(name, color, description).map_err(AppError::invalid)
}

#[component]
fn CreateForm(screen: Screen) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let name = RwSignal::new(String::new());
    let color = RwSignal::new(DEFAULT_COLOR);
    let description = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<AppError>);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (n, c, d) = (
            name.get_untracked(),
            color.get_untracked(),
            description.get_untracked(),
        );
        if let Err(error) = draft(&n, c, &d) {
            problem.set(Some(error));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = create_label(n, c.to_string(), d).await;
            busy.set(false);
            match result {
                Ok(label) => {
                    problem.set(None);
                    name.set(String::new());
                    description.set(String::new());
                    color.set(DEFAULT_COLOR);
                    screen.done(tx.created(&label.name));
                }
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    view! {
        <section class=format!("{CARD} mb-6")>
            <h2 class="mb-4 text-base font-semibold">{tx.new_label}</h2>
            <form class="grid items-end gap-3 md:grid-cols-[minmax(0,1fr)_auto] xl:grid-cols-[minmax(0,14rem)_auto_minmax(0,1fr)_auto]" data-testid="create-label" on:submit=submit>
                <div>
                    <label class=LABEL for="new-label-name">{tx.name}</label>
                    <input id="new-label-name" type="text" required maxlength=NAME_MAX class=INPUT data-testid="new-label-name"
                        prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) />
                </div>
                <div>
                    <span class=LABEL>{tx.color}</span>
                    <Swatches group="new-label-color".into() chosen=color />
                </div>
                <div>
                    <label class=LABEL for="new-label-description">{tx.description}</label>
                    <input id="new-label-description" type="text" maxlength=DESCRIPTION_MAX placeholder=tx.description_hint class=INPUT
                        data-testid="new-label-description"
                        prop:value=move || description.get() on:input=move |e| description.set(event_target_value(&e)) />
                </div>
                <button type="submit" class=format!("{BUTTON} whitespace-nowrap") disabled=move || busy.get() data-testid="create-label-submit">
                    {tx.create}
                </button>
            </form>
            {move || problem.get().map(|error| view! { <div class="mt-3"><ErrorNotice error lang /></div> })}
        </section>
    }
}

#[component]
fn LabelRow(label: LabelDefinition, screen: Screen) -> impl IntoView {
    let id = label.id;
    let name = label.name.clone();
    let body = move || {
        if screen.editing.get() == Some(id) {
            view! { <EditLabel label=label.clone() screen /> }.into_any()
        } else {
            view! { <ShowLabel label=label.clone() screen /> }.into_any()
        }
    };
    view! {
        <li class="px-5 py-3" data-testid="label-row" data-label=name>
            {body}
        </li>
    }
}

#[component]
fn ShowLabel(label: LabelDefinition, screen: Screen) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let id = label.id;
    let description = (!label.description.is_empty()).then(|| label.description.clone());
    let confirm = label.clone();
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <span class=format!("rounded px-2 py-0.5 text-sm font-medium {}", chip_class(&label.color)) data-testid="label-chip">
                {label.name.clone()}
            </span>
            <span class="min-w-0 flex-1 truncate text-sm text-slate-600" data-testid="label-description">
                {description}
            </span>
            <span class="text-sm text-slate-500" data-testid="label-count" data-count=label.conversations>
                {tx.conversations(label.conversations)}
            </span>
            <button type="button" class=BUTTON_QUIET data-testid="edit-label" on:click=move |_| screen.editing.set(Some(id))>
                {tx.edit}
            </button>
            <button
                type="button"
                class="inline-flex items-center justify-center rounded-lg border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50"
                data-testid="delete-label"
                on:click=move |_| screen.confirming.set(Some(confirm.clone()))
            >
                {tx.delete}
            </button>
        </div>
    }
}

#[component]
fn EditLabel(label: LabelDefinition, screen: Screen) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let id = label.id;
    let name = RwSignal::new(label.name.clone());
    let color = RwSignal::new(
        crate::domain::labels::palette_color(&label.color).map_or(DEFAULT_COLOR, |c| c.name),
    );
    let description = RwSignal::new(label.description.clone());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<AppError>);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (n, c, d) = (
            name.get_untracked(),
            color.get_untracked(),
            description.get_untracked(),
        );
        if let Err(error) = draft(&n, c, &d) {
            problem.set(Some(error));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = update_label(id, n, c.to_string(), d).await;
            busy.set(false);
            match result {
                Ok(saved) => {
                    screen.editing.set(None);
                    screen.done(tx.saved(&saved.name));
                }
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    view! {
        <form class="space-y-3" data-testid="edit-label-form" on:submit=submit>
            <div class="grid gap-3 md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
                <div>
                    <label class=LABEL for=format!("label-{id}-name")>{tx.name}</label>
                    <input id=format!("label-{id}-name") type="text" required maxlength=NAME_MAX class=INPUT data-testid="edit-label-name"
                        prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) />
                </div>
                <div>
                    <label class=LABEL for=format!("label-{id}-description")>{tx.description}</label>
                    <input id=format!("label-{id}-description") type="text" maxlength=DESCRIPTION_MAX placeholder=tx.description_hint class=INPUT
                        data-testid="edit-label-description"
                        prop:value=move || description.get() on:input=move |e| description.set(event_target_value(&e)) />
                </div>
            </div>
            <Swatches group=format!("label-{id}-color") chosen=color />
            {move || problem.get().map(|error| view! { <ErrorNotice error lang /> })}
            <div class="flex gap-2">
                <button type="submit" class=BUTTON disabled=move || busy.get() data-testid="save-label">{tx.save}</button>
                <button type="button" class=BUTTON_QUIET on:click=move |_| screen.editing.set(None)>{tx.cancel}</button>
            </div>
        </form>
    }
}

#[component]
fn ConfirmDelete(label: LabelDefinition, screen: Screen) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let busy = RwSignal::new(false);
    let cancel = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel.get() {
            let _ = button.focus();
        }
    });
    let (id, name) = (label.id, label.name.clone());
    let delete = move |_| {
        busy.set(true);
        let name = name.clone();
        spawn_local(async move {
            let result = delete_label(id).await;
            busy.set(false);
            screen.confirming.set(None);
            match result {
                Ok(carried) => screen.done(tx.deleted(&name, carried)),
                Err(error) => {
                    screen.outcome.set(Some(Err(error)));
                    screen.reload.update(|n| *n += 1);
                }
            }
        });
    };
    view! {
        <div
            class="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4"
            role="dialog"
            aria-modal="true"
            aria-labelledby="confirm-delete-text"
            data-testid="confirm-delete"
            on:keydown=move |e| {
                if e.key() == "Escape" {
                    screen.confirming.set(None);
                }
            }
        >
            <div class="w-full max-w-md rounded-xl bg-white p-5 shadow-xl">
                <p id="confirm-delete-text" class="text-sm text-slate-800">
                    {tx.confirm(&label.name, label.conversations)}
                </p>
                <div class="mt-4 flex justify-end gap-2">
                    <button type="button" class=BUTTON_QUIET node_ref=cancel on:click=move |_| screen.confirming.set(None)>
                        {tx.cancel}
                    </button>
                    <button
                        type="button"
                        class="inline-flex items-center justify-center rounded-lg bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
                        disabled=move || busy.get()
                        data-testid="confirm-delete-button"
                        on:click=delete
                    >
                        {tx.delete}
                    </button>
                </div>
            </div>
        </div>
    }
}

//! Outgoing webhooks: the endpoints, the form to add or change one (its signing secret is
//! shown once, after creating it), deleting, and each endpoint's delivery log.

use super::deliveries::DeliveryLog;
use super::texts::texts;
use super::{Confirm, Outcome, OutcomeNotice, Screen, ShownOnce, BUTTON_DANGER};
use crate::api::integrations::{create_webhook, delete_webhook, update_webhook};
use crate::domain::integrations::webhooks::{self, EventType};
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON, BUTTON_QUIET, CARD, INPUT, LABEL};
use crate::wire::integrations::{CreatedWebhook, WebhookInput, WebhookView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which form is open: a new endpoint's (at the top) or an endpoint's own (in its row).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Editing {
    New,
    Existing(i64),
}

/// What the endpoint rows share with the section.
#[derive(Clone, Copy)]
struct Section {
    screen: Screen,
    editing: RwSignal<Option<Editing>>,
    created: RwSignal<Option<CreatedWebhook>>,
    outcome: Outcome,
    confirming: RwSignal<Option<WebhookView>>,
}

#[component]
pub(super) fn WebhooksSection(screen: Screen) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let section = Section {
        screen,
        editing: RwSignal::new(None),
        created: RwSignal::new(None),
        outcome: RwSignal::new(None),
        confirming: RwSignal::new(None),
    };
    let shown_once = move || {
        section.created.get().map(|c| {
            view! {
                <ShownOnce
                    title=tx.secret_title
                    warning=tx.secret_warning
                    value=c.secret
                    hint=tx.signature_hint
                    testid="new-secret"
                    on_done=Callback::new(move |_| section.created.set(None))
                />
            }
        })
    };
    let new_form = move || {
        (section.editing.get() == Some(Editing::New))
            .then(|| view! { <WebhookForm current=None section /> })
    };
    view! {
        <section class=format!("{CARD} mb-6") data-testid="webhooks">
            <div class="mb-4 flex flex-wrap items-start justify-between gap-3">
                <div>
                    <h2 class="mb-1 text-base font-semibold">{tx.webhooks_title}</h2>
                    <p class="max-w-3xl text-xs text-slate-500">{tx.webhooks_hint}</p>
                </div>
                <button
                    type="button"
                    class=BUTTON
                    data-testid="add-endpoint"
                    disabled=move || section.editing.get() == Some(Editing::New)
                    on:click=move |_| {
                        section.outcome.set(None);
                        section.editing.set(Some(Editing::New));
                    }
                >
                    {tx.add_endpoint}
                </button>
            </div>
            {shown_once}
            {new_form}
            <OutcomeNotice outcome=section.outcome />
            <Transition fallback=move || view! { <p class="mt-4 text-slate-400">{tx.loading}</p> }>
                {move || Suspend::new(async move {
                    match screen.data.await {
                        Ok(data) if data.webhooks.is_empty() => {
                            view! { <p class="mt-4 text-sm text-slate-500">{tx.no_endpoints}</p> }.into_any()
                        }
                        Ok(data) => view! {
                            <ul class="mt-4 space-y-3" data-testid="endpoints">
                                {data.webhooks.into_iter().map(|endpoint| view! { <EndpointRow endpoint section /> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <div class="mt-4"><ErrorNotice error lang /></div> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        {move || section.confirming.get().map(|endpoint| view! { <ConfirmDelete endpoint section /> })}
    }
}

const BADGE: &str = "rounded-full px-2 py-0.5 text-xs font-medium";

#[component]
fn EndpointRow(endpoint: WebhookView, section: Section) -> impl IntoView {
    let id = endpoint.id;
    let log_open = RwSignal::new(false);
    let body = {
        let endpoint = endpoint.clone();
        move || {
            if section.editing.get() == Some(Editing::Existing(id)) {
                view! { <WebhookForm current=Some(endpoint.clone()) section /> }.into_any()
            } else {
                view! { <ShowEndpoint endpoint=endpoint.clone() section log_open /> }.into_any()
            }
        }
    };
    view! {
        <li
            class="rounded-lg border border-slate-200 p-4"
            data-testid="endpoint-row"
            data-url=endpoint.url.clone()
        >
            {body}
            {move || log_open.get().then(|| view! { <DeliveryLog endpoint_id=id /> })}
        </li>
    }
}

#[component]
fn ShowEndpoint(
    endpoint: WebhookView,
    section: Section,
    log_open: RwSignal<bool>,
) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let id = endpoint.id;
    let enabled = if endpoint.enabled {
        view! { <span class=format!("{BADGE} bg-emerald-50 text-emerald-800")>{tx.badge_enabled}</span> }
            .into_any()
    } else {
        view! { <span class=format!("{BADGE} bg-slate-100 text-slate-600")>{tx.badge_disabled}</span> }
            .into_any()
    };
    let private = endpoint.allow_private.then(|| {
        view! {
            <span class=format!("{BADGE} bg-amber-50 text-amber-800") data-testid="badge-private">
                {tx.badge_private}
            </span>
        }
    });
    let description = (!endpoint.description.is_empty()).then(|| {
        view! { <p class="mt-0.5 text-sm text-slate-600">{endpoint.description.clone()}</p> }
    });
    let events = endpoint
        .events
        .iter()
        .map(|e| {
            view! {
                <span class="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700" title=tx.event(*e)>
                    {e.as_str()}
                </span>
            }
        })
        .collect_view();
    let confirm = endpoint.clone();
    view! {
        <div class="flex flex-wrap items-start gap-3">
            <div class="min-w-[16rem] flex-1">
                <div class="flex flex-wrap items-center gap-2">
                    <span class="break-all font-mono text-sm font-medium text-slate-900" data-testid="endpoint-url">
                        {endpoint.url.clone()}
                    </span>
                    {enabled}
                    {private}
                </div>
                {description}
                <div class="mt-2 flex flex-wrap gap-1.5" data-testid="endpoint-events">{events}</div>
            </div>
            <div class="flex flex-wrap gap-2">
                <button
                    type="button"
                    class=BUTTON_QUIET
                    data-testid="show-deliveries"
                    aria-expanded=move || log_open.get().to_string()
                    on:click=move |_| log_open.update(|o| *o = !*o)
                >
                    {move || if log_open.get() { tx.hide_deliveries } else { tx.show_deliveries }}
                </button>
                <button
                    type="button"
                    class=BUTTON_QUIET
                    data-testid="edit-endpoint"
                    on:click=move |_| {
                        section.outcome.set(None);
                        section.editing.set(Some(Editing::Existing(id)));
                    }
                >
                    {tx.edit}
                </button>
                <button
                    type="button"
                    class=BUTTON_DANGER
                    data-testid="delete-endpoint"
                    on:click=move |_| section.confirming.set(Some(confirm.clone()))
                >
                    {tx.delete}
                </button>
            </div>
        </div>
    }
}

/// Same checks as the server's, before the round trip (where the host points is the
/// server's to check: it resolves the name).
fn precheck(input: &WebhookInput) -> Result<(), AppError> {
    webhooks::url(&input.url)?;
    webhooks::event_selection(&input.events)?;
    Ok(())
}

#[component]
fn WebhookForm(current: Option<WebhookView>, section: Section) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let id = current.as_ref().map(|c| c.id);
    let prefix = id.map_or("new-webhook".to_string(), |id| format!("webhook-{id}"));
    let url = RwSignal::new(current.as_ref().map(|c| c.url.clone()).unwrap_or_default());
    let description = RwSignal::new(
        current
            .as_ref()
            .map(|c| c.description.clone())
            .unwrap_or_default(),
    );
    // A new endpoint starts with every event: most receivers want them all.
    let events = RwSignal::new(
        current
            .as_ref()
            .map_or(EventType::ALL.to_vec(), |c| c.events.clone()),
    );
    let allow_private = RwSignal::new(current.as_ref().is_some_and(|c| c.allow_private));
    let enabled = RwSignal::new(current.as_ref().is_none_or(|c| c.enabled));
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<AppError>);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let input = WebhookInput {
            url: url.get_untracked(),
            description: description.get_untracked(),
            events: EventType::ALL
                .into_iter()
                .filter(|e| events.with_untracked(|chosen| chosen.contains(e)))
                .map(|e| e.as_str().to_string())
                .collect(),
            allow_private: allow_private.get_untracked(),
            enabled: enabled.get_untracked(),
        };
        if let Err(error) = precheck(&input) {
            problem.set(Some(error));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = match id {
                None => create_webhook(input).await.map(|created| {
                    section.created.set(Some(created));
                    tx.endpoint_created
                }),
                Some(id) => update_webhook(id, input).await.map(|_| tx.endpoint_saved),
            };
            busy.set(false);
            match result {
                Ok(message) => {
                    problem.set(None);
                    section.editing.set(None);
                    section.outcome.set(Some(Ok(message.to_string())));
                    section.screen.reload();
                }
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    let event_boxes = EventType::ALL
        .into_iter()
        .map(|event| {
            view! {
                <label class="flex items-start gap-2 text-sm text-slate-700">
                    <input
                        type="checkbox"
                        class="mt-0.5"
                        data-testid=format!("event-{}", event.as_str())
                        prop:checked=move || events.with(|chosen| chosen.contains(&event))
                        on:change=move |e| {
                            let on = event_target_checked(&e);
                            events.update(|chosen| {
                                chosen.retain(|c| *c != event);
                                if on {
                                    chosen.push(event);
                                }
                            });
                        }
                    />
                    <span>
                        {tx.event(event)}
                        <code class="block text-xs text-slate-500">{event.as_str()}</code>
                    </span>
                </label>
            }
        })
        .collect_view();
    let title = if id.is_some() {
        tx.edit_endpoint
    } else {
        tx.new_endpoint
    };
    let (url_id, description_id) = (format!("{prefix}-url"), format!("{prefix}-description"));
    view! {
        <form
            class="mb-4 space-y-4 rounded-lg border border-emerald-200 bg-emerald-50/40 p-4"
            data-testid="webhook-form"
            on:submit=submit
        >
            <h3 class="text-sm font-semibold text-slate-900">{title}</h3>
            <div class="grid gap-3 md:grid-cols-2">
                <div>
                    <label class=LABEL for=url_id.clone()>{tx.url}</label>
                    <input
                        id=url_id
                        type="text"
                        inputmode="url"
                        spellcheck="false"
                        required
                        maxlength="2000"
                        placeholder="https://crm.example.com/buzon"
                        class=format!("{INPUT} font-mono")
                        data-testid="webhook-url"
                        prop:value=move || url.get()
                        on:input=move |e| url.set(event_target_value(&e))
                    />
                </div>
                <div>
                    <label class=LABEL for=description_id.clone()>{tx.description}</label>
                    <input
                        id=description_id
                        type="text"
                        maxlength="200"
                        placeholder=tx.description_hint
                        class=INPUT
                        data-testid="webhook-description"
                        prop:value=move || description.get()
                        on:input=move |e| description.set(event_target_value(&e))
                    />
                </div>
            </div>
            <fieldset>
                <legend class=LABEL>{tx.events}</legend>
                <div class="grid gap-1.5 md:grid-cols-2">{event_boxes}</div>
            </fieldset>
            <div class="space-y-2">
                <label class="flex items-start gap-2 text-sm text-slate-700">
                    <input
                        type="checkbox"
                        class="mt-0.5"
                        data-testid="webhook-allow-private"
                        prop:checked=move || allow_private.get()
                        on:change=move |e| allow_private.set(event_target_checked(&e))
                    />
                    <span>
                        <span class="font-medium">{tx.allow_private}</span>
                        <span class="block text-xs text-slate-500">{tx.allow_private_hint}</span>
                    </span>
                </label>
                <label class="flex items-start gap-2 text-sm text-slate-700">
                    <input
                        type="checkbox"
                        class="mt-0.5"
                        data-testid="webhook-enabled"
                        prop:checked=move || enabled.get()
                        on:change=move |e| enabled.set(event_target_checked(&e))
                    />
                    <span class="font-medium">{tx.enabled}</span>
                </label>
            </div>
            {move || problem.get().map(|error| view! { <ErrorNotice error lang /> })}
            <div class="flex gap-2">
                <button type="submit" class=BUTTON disabled=move || busy.get() data-testid="webhook-submit">
                    {if id.is_some() { tx.save_endpoint } else { tx.create_endpoint }}
                </button>
                <button
                    type="button"
                    class=BUTTON_QUIET
                    data-testid="webhook-cancel"
                    on:click=move |_| section.editing.set(None)
                >
                    {tx.cancel}
                </button>
            </div>
        </form>
    }
}

#[component]
fn ConfirmDelete(endpoint: WebhookView, section: Section) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let busy = RwSignal::new(false);
    let id = endpoint.id;
    let on_confirm = Callback::new(move |_| {
        busy.set(true);
        spawn_local(async move {
            let result = delete_webhook(id).await;
            busy.set(false);
            section.confirming.set(None);
            if section.editing.get_untracked() == Some(Editing::Existing(id)) {
                section.editing.set(None);
            }
            section
                .outcome
                .set(Some(result.map(|_| tx.endpoint_deleted.to_string())));
            section.screen.reload();
        });
    });
    view! {
        <Confirm
            message=tx.confirm_delete(&endpoint.url)
            action=tx.delete
            busy
            on_confirm
            on_cancel=Callback::new(move |_| section.confirming.set(None))
        />
    }
}

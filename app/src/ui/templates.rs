//! The Templates screen: every template of the business account with a preview as the
//! customer will see it, and "Sync now".

use super::frame::Page;
use super::use_viewer;
use super::widgets::{ErrorNotice, BUTTON, CARD};
use crate::api::templates::{list_templates, SyncTemplates};
use crate::domain::roles::Area;
use crate::domain::templates::TemplateHeader;
use crate::wire::{TemplateView, TemplatesScreen};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TemplatesPage() -> impl IntoView {
    view! {
        <Page area=Area::Templates>
            <Templates />
        </Page>
    }
}

#[component]
fn Templates() -> impl IntoView {
    let viewer = use_viewer();
    let t = viewer.t();
    let lang = viewer.lang;
    let sync = ServerAction::<SyncTemplates>::new();
    let loaded = Resource::new(|| (), |_| list_templates());

    view! {
        <Title text=t.templates />
        <header class="mb-6 flex flex-wrap items-start justify-between gap-4">
            <div>
                <h1 class="text-2xl font-semibold text-slate-900">{t.templates}</h1>
                <p class="mt-1 max-w-2xl text-sm text-slate-500">{t.templates_subtitle}</p>
            </div>
            <div class="flex flex-col items-end gap-1">
                <button
                    type="button"
                    class=BUTTON
                    data-testid="sync-templates"
                    disabled=move || sync.pending().get()
                    on:click=move |_| {
                        sync.dispatch(SyncTemplates {});
                    }
                >
                    {move || if sync.pending().get() { t.syncing } else { t.sync_now }}
                </button>

            </div>
        </header>
        <Transition fallback=move || view! { <p class="text-slate-400">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let initial = loaded.await;
                let current = sync.value().get().unwrap_or(initial);
                match current {
                    Ok(s) => view! { <TemplateList screen=s /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TemplateList(screen: TemplatesScreen) -> impl IntoView {
    let t = use_viewer().t();
    let failure = screen.last_sync_error.clone().map(|why| {
        view! {
            <div role="alert" data-testid="sync-error" class="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
                {t.sync_failed(&why)}
            </div>
        }
    });
    let empty = screen.templates.is_empty().then(|| {
        view! {
            <div class="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-slate-500">
                {t.no_templates}
            </div>
        }
    });
    let last_sync = match screen.last_sync_at_ms {
        Some(at) => t.last_synced(crate::ui::clock::moment(at)),
        None => t.never_synced.to_string(),
    };
    view! {
        {failure}
        {empty}
        <p class="mb-3 text-xs text-slate-500">
            <span data-testid="last-sync">{last_sync}</span>
            " · "
            {t.only_approved}
        </p>
        <div class="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="templates">
            {screen
                .templates
                .into_iter()
                .map(|template| view! { <TemplateCard template /> })
                .collect_view()}
        </div>
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "APPROVED" => "bg-emerald-100 text-emerald-800",
        "PENDING" | "IN_APPEAL" => "bg-amber-100 text-amber-800",
        "REJECTED" | "DISABLED" => "bg-red-100 text-red-800",
        "PAUSED" => "bg-orange-100 text-orange-800",
        _ => "bg-slate-200 text-slate-700",
    }
}

fn quality_dot(quality: Option<&str>) -> &'static str {
    match quality {
        Some("GREEN") => "bg-emerald-500",
        Some("YELLOW") => "bg-amber-400",
        Some("RED") => "bg-red-500",
        _ => "bg-slate-300",
    }
}

#[component]
fn TemplateCard(template: TemplateView) -> impl IntoView {
    let t = use_viewer().t();
    let (header, body) = template.content.preview();
    let media_header = matches!(template.content.header, Some(TemplateHeader::Media { .. }));
    let status = template.status.clone();
    let quality = template.quality.clone();
    view! {
        <article class=format!("{CARD} flex flex-col gap-3") data-template=template.name.clone()>
            <div class="flex items-start justify-between gap-2">
                <div class="min-w-0">
                    <h2 class="truncate font-mono text-sm font-semibold text-slate-900">{template.name.clone()}</h2>
                    <p class="mt-0.5 text-xs text-slate-500">
                        {template.language.clone()} " · " {template.category.clone().unwrap_or_default()}
                    </p>
                </div>
                <span class=format!("shrink-0 rounded-full px-2 py-0.5 text-xs font-medium {}", status_class(&status))>
                    {t.template_status(&status)}
                </span>
            </div>
            <div class="rounded-lg bg-[#efeae2] p-3">
                <div class="max-w-[95%] whitespace-pre-wrap rounded-lg bg-white px-3 py-2 text-sm text-slate-900 shadow-sm">
                    {header.map(|h| {
                        let class = if media_header { "mb-1 text-xs text-slate-500" } else { "mb-1 font-semibold" };
                        view! { <div class=class>{h}</div> }
                    })}
                    <div>{body}</div>
                    {template.content.footer.clone().map(|f| view! { <div class="mt-1 text-xs text-slate-500">{f}</div> })}
                    {(!template.content.buttons.is_empty()).then(|| {
                        view! {
                            <div class="mt-2 divide-y divide-slate-100 border-t border-slate-100">
                                {template
                                    .content
                                    .buttons
                                    .iter()
                                    .map(|b| view! { <div class="py-1.5 text-center text-sm text-sky-700">{b.text.clone()}</div> })
                                    .collect_view()}
                            </div>
                        }
                    })}
                </div>
            </div>
            <div class="flex items-center justify-between text-xs text-slate-500">
                <span class="flex items-center gap-1.5">
                    <span class=format!("inline-block h-2 w-2 rounded-full {}", quality_dot(quality.as_deref()))></span>
                    {t.quality} ": " {quality.clone().unwrap_or_else(|| "—".into())}
                </span>
                <span>{crate::ui::clock::moment(template.updated_at_ms)}</span>
            </div>
            {template.status_reason.clone().filter(|_| status == "REJECTED").map(|r| {
                view! { <p class="text-xs text-red-700">{t.rejected_because(&r)}</p> }
            })}
        </article>
    }
}

//! The editor's audience from a list: upload a CSV file (with progress) or pick an earlier
//! one; the server checks every row and answers what it accepted, created and rejected (the
//! first rejected rows here with their reasons, all of them as a CSV to fix).

use super::texts;
use crate::api::campaigns::list_rejected;
use crate::domain::campaigns::segment::SegmentFilter;
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON_QUIET, INPUT, LABEL};
use crate::wire::campaigns::{CampaignDraft, ListUploaded, ListView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn ListAudience(
    draft: RwSignal<CampaignDraft>,
    lists: RwSignal<Vec<ListView>>,
) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let uploaded = RwSignal::new(None::<ListUploaded>);
    let progress = RwSignal::new(None::<u32>);
    let problem = RwSignal::new(None::<AppError>);
    let opted_in = RwSignal::new(false);
    let choose = move |id: Option<i64>| {
        draft.update(|d| {
            d.filter = SegmentFilter {
                list: id,
                ..SegmentFilter::default()
            }
        })
    };
    let on_file = move |file: web_sys::File| {
        problem.set(None);
        uploaded.set(None);
        progress.set(Some(0));
        let url = format!(
            "/campaigns/lists?filename={}&opted_in={}",
            crate::ui::inbox::composer::urlencode(&file.name()),
            opted_in.get_untracked()
        );
        #[cfg(feature = "hydrate")]
        crate::ui::inbox::socket::upload(
            &url,
            file,
            move |p| {
                progress.try_set(Some(p));
            },
            move |status, body| {
                progress.try_set(None);
                if (200..300).contains(&status) {
                    if let Ok(u) = serde_json::from_str::<ListUploaded>(&body) {
                        lists.try_update(|all| all.insert(0, u.list.clone()));
                        choose(Some(u.list.id));
                        uploaded.try_set(Some(u));
                    }
                } else {
                    problem.try_set(Some(serde_json::from_str(&body).unwrap_or(
                        AppError::Request {
                            message: format!("HTTP {status}"),
                        },
                    )));
                }
            },
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = (url, file);
    };
    let chosen = move || {
        let id = draft.with(|d| d.filter.list)?;
        lists.with(|all| all.iter().find(|l| l.id == id).cloned())
    };
    let download = move |list: ListView| {
        spawn_local(async move {
            match list_rejected(list.id).await {
                Ok(csv) => crate::ui::reports::export::save_csv(
                    &format!("{}-rejected.csv", list.name.trim_end_matches(".csv")),
                    &csv,
                ),
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    view! {
        <div class="mt-4 space-y-3" data-testid="list-audience">
            <p class="text-sm text-slate-600">{tx.list_hint}</p>
            <label class="flex items-start gap-2 text-sm text-slate-700">
                <input type="checkbox" class="mt-1" data-testid="list-opted-in" prop:checked=move || opted_in.get() on:change=move |ev| opted_in.set(event_target_checked(&ev)) />
                {tx.list_opted_in}
            </label>
            <div class="flex flex-wrap items-center gap-3">
                <label class="inline-flex cursor-pointer items-center gap-2 rounded-lg bg-emerald-600 px-3 py-2 text-sm font-medium text-white hover:bg-emerald-700">
                    {tx.list_upload}
                    <input
                        type="file"
                        class="hidden"
                        accept=".csv,text/csv,text/plain"
                        data-testid="list-file"
                        on:change=move |e| {
                            if let Some(file) = crate::ui::inbox::composer::take_file(&e) {
                                on_file(file);
                            }
                        }
                    />
                </label>
                {move || progress.get().map(|p| view! { <span class="text-sm text-slate-500">{tx.list_uploading(p)}</span> })}
            </div>
            {move || problem.get().map(|error| view! { <ErrorNotice error lang /> })}
            {move || (!lists.with(Vec::is_empty)).then(|| view! {
                <label class="block">
                    <span class=LABEL>{tx.list_earlier}</span>
                    <select
                        class=INPUT
                        data-testid="list-select"
                        on:change=move |ev| {
                            uploaded.set(None);
                            choose(event_target_value(&ev).parse::<i64>().ok());
                        }
                    >
                        <option value="" selected=move || draft.with(|d| d.filter.list.is_none())>{tx.list_none}</option>
                        {lists.get().into_iter().map(|l| {
                            let id = l.id;
                            let when = crate::ui::clock::moment(l.created_at_ms);
                            view! { <option value=id.to_string() selected=move || draft.with(|d| d.filter.list == Some(id))>{format!("{} · {when}", l.name)}</option> }
                        }).collect_view()}
                    </select>
                </label>
            })}
            {move || chosen().map(|list| {
                let shown = uploaded.get().filter(|u| u.list.id == list.id).map(|u| u.rejected).unwrap_or_default();
                let columns = list.columns.join(", ");
                let has_rejected = list.rejected > 0;
                let for_download = list.clone();
                view! {
                    <div class="rounded-lg border border-slate-200 p-3" data-testid="list-summary">
                        <p class="text-sm font-medium text-slate-900">
                            {tx.list_summary(
                                crate::i18n::format_number(lang, list.accepted as f64),
                                crate::i18n::format_number(lang, list.created as f64),
                                crate::i18n::format_number(lang, list.rejected as f64),
                            )}
                        </p>
                        {(!list.columns.is_empty()).then(|| view! { <p class="mt-1 text-xs text-slate-500">{tx.list_columns(columns.clone())}</p> })}
                        {(!shown.is_empty()).then(|| view! {
                            <div class="mt-3 overflow-x-auto">
                                <p class="text-xs font-medium text-slate-600">{tx.list_rejected_title}</p>
                                <table class="mt-1 w-full table-fixed text-left text-xs" data-testid="list-rejected">
                                    <thead class="text-slate-500"><tr><th class="w-12 pr-3 font-medium">{tx.list_line}</th><th class="font-medium">{tx.list_why}</th></tr></thead>
                                    <tbody class="divide-y divide-slate-100">
                                        {shown.into_iter().map(|r| view! {
                                            <tr>
                                                <td class="py-1 pr-3 align-top tabular-nums text-slate-700">{r.line}</td>
                                                <td class="py-1">
                                                    <span class="text-amber-800">{super::texts::row_problem(lang, &r.problem)}</span>
                                                    <span class="block max-w-[18rem] truncate text-slate-500 sm:max-w-xl">{r.fields.join(", ")}</span>
                                                </td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        })}
                        {has_rejected.then(|| view! {
                            <button type="button" class=format!("mt-3 {BUTTON_QUIET}") data-testid="list-download-rejected" on:click=move |_| download(for_download.clone())>{tx.list_download_rejected}</button>
                        })}
                    </div>
                }
            })}
        </div>
    }
}

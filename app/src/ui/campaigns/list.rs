//! The campaigns, newest first, each with its funnel in figures.

use super::{texts, Screen, StateBadge};
use crate::ui::use_viewer;
use leptos::prelude::*;

#[component]
pub(super) fn List() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let zone = viewer.zone;
    let tx = texts(lang);
    let screen = expect_context::<Screen>();
    let n = move |v: u64| crate::i18n::format_number(lang, v as f64);
    view! {
        <section class="rounded-xl border border-slate-200 bg-white shadow-sm">
            {move || {
                let campaigns = screen.data.with(|d| d.as_ref().map(|d| d.campaigns.clone())).unwrap_or_default();
                if campaigns.is_empty() {
                    return view! { <p class="p-5 text-sm text-slate-500">{tx.empty}</p> }.into_any();
                }
                view! {
                    <div class="overflow-x-auto">
                        <table class="min-w-full text-sm" data-testid="campaigns-table">
                            <thead class="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                                <tr>
                                    <th class="px-4 py-2">{tx.name}</th>
                                    <th class="px-4 py-2">{tx.state}</th>
                                    <th class="hidden px-4 py-2 sm:table-cell">{tx.start}</th>
                                    <th class="hidden px-4 py-2 text-right sm:table-cell">{tx.step_targeted}</th>
                                    <th class="hidden px-4 py-2 text-right sm:table-cell">{tx.step_delivered}</th>
                                    <th class="px-4 py-2 text-right">{tx.step_read}</th>
                                    <th class="px-4 py-2 text-right">{tx.step_replied}</th>
                                </tr>
                            </thead>
                            <tbody class="divide-y divide-slate-100">
                                {campaigns
                                    .into_iter()
                                    .map(|c| {
                                        let href = format!("/campaigns?id={}", c.id);
                                        view! {
                                            <tr class="hover:bg-slate-50">
                                                <td class="px-4 py-3">
                                                    <a href=href class="font-medium text-emerald-700 hover:underline">{c.name.clone()}</a>
                                                    <div class="text-xs text-slate-500">{c.template_name.clone()}</div>
                                                </td>
                                                <td class="px-4 py-3"><StateBadge state=c.state /></td>
                                                <td class="hidden whitespace-nowrap px-4 py-3 text-slate-600 sm:table-cell">
                                                    {crate::i18n::moment_in(lang, c.start_at_ms, zone)}
                                                </td>
                                                <td class="hidden px-4 py-3 text-right tabular-nums sm:table-cell">{n(c.funnel.targeted)}</td>
                                                <td class="hidden px-4 py-3 text-right tabular-nums sm:table-cell">{n(c.funnel.delivered)}</td>
                                                <td class="px-4 py-3 text-right tabular-nums">{n(c.funnel.read)}</td>
                                                <td class="px-4 py-3 text-right tabular-nums">{n(c.funnel.replied)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

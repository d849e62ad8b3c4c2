//! The editor's audience: a filter over contacts, started from a saved segment or from
//! scratch, with the live count beside it (asked of the server a moment after each change),
//! and saving it as a segment.

use super::{texts, Screen};
use crate::api::campaigns::{count_segment, save_segment};
use crate::domain::campaigns::segment::{
    AttributeOp, AttributeRule, CampaignOutcome, ConversationState, LastMessage, PreviousCampaign,
    SegmentFilter,
};
use crate::domain::contacts::MarketingConsent;
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON_QUIET, CARD, INPUT, LABEL};
use crate::wire::campaigns::CampaignDraft;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which list of the label rule a label is in.
fn label_place(f: &SegmentFilter, id: i64) -> &'static str {
    if f.labels.any.contains(&id) {
        "any"
    } else if f.labels.all.contains(&id) {
        "all"
    } else if f.labels.none.contains(&id) {
        "none"
    } else {
        ""
    }
}

fn put_label(f: &mut SegmentFilter, id: i64, place: &str) {
    f.labels.any.retain(|x| *x != id);
    f.labels.all.retain(|x| *x != id);
    f.labels.none.retain(|x| *x != id);
    match place {
        "any" => f.labels.any.push(id),
        "all" => f.labels.all.push(id),
        "none" => f.labels.none.push(id),
        _ => {}
    }
}

#[component]
pub(super) fn Audience(
    draft: RwSignal<CampaignDraft>,
    lists: RwSignal<Vec<crate::wire::campaigns::ListView>>,
) -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let screen = expect_context::<Screen>();
    let data = screen.data.get_untracked().expect("loaded");
    let count: RwSignal<Option<Result<u64, AppError>>> = RwSignal::new(None);
    let ticket = StoredValue::new(0_u32);
    // The count follows the filter: asked 300 ms after the last change.
    Effect::new(move || {
        let filter = draft.with(|d| d.filter.clone());
        ticket.update_value(|t| *t += 1);
        let mine = ticket.get_value();
        // The editor may be gone by then (launched): `try_` reads a disposed value safely.
        set_timeout(
            move || {
                if ticket.try_get_value() != Some(mine) {
                    return;
                }
                spawn_local(async move {
                    let result = count_segment(filter).await;
                    if ticket.try_get_value() == Some(mine) {
                        count.try_set(Some(result));
                    }
                });
            },
            std::time::Duration::from_millis(300),
        );
    });
    let edit = move |f: Box<dyn FnOnce(&mut SegmentFilter)>| draft.update(|d| f(&mut d.filter));
    let segment_name = RwSignal::new(String::new());
    let saved: RwSignal<Option<Result<String, AppError>>> = RwSignal::new(None);
    let segments = StoredValue::new(data.segments.clone());
    let save = move |_| {
        let name = segment_name.get_untracked();
        let filter = draft.with_untracked(|d| d.filter.clone());
        spawn_local(async move {
            let result = save_segment(None, name, filter).await.map(|s| s.name);
            if result.is_ok() {
                screen.reload.update(|n| *n += 1);
            }
            saved.set(Some(result));
        });
    };
    let consent_box = move |c: MarketingConsent, words: &'static str| {
        view! {
            <label class="inline-flex items-center gap-2 text-sm text-slate-700">
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(|d| d.filter.consent.contains(&c))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit(Box::new(move |f| {
                            f.consent.retain(|x| *x != c);
                            if on {
                                f.consent.push(c);
                            }
                        }))
                    }
                />
                {words}
            </label>
        }
    };
    let conversation_box = move |s: ConversationState| {
        view! {
            <label class="inline-flex items-center gap-2 text-sm text-slate-700">
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(|d| d.filter.conversation.contains(&s))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit(Box::new(move |f| {
                            f.conversation.retain(|x| *x != s);
                            if on {
                                f.conversation.push(s);
                            }
                        }))
                    }
                />
                {super::texts::conversation_state(lang, s)}
            </label>
        }
    };
    let keys = data.attribute_keys.clone();
    let previous_campaigns = data.campaigns.clone();
    // From a filter, or from an uploaded list (the filter is then only the list).
    let from_list = RwSignal::new(draft.with_untracked(|d| d.filter.list.is_some()));
    let set_from_list = move |on: bool| {
        from_list.set(on);
        draft.update(|d| d.filter = SegmentFilter::default());
    };
    view! {
        <section class=CARD data-testid="audience">
            <div class="flex flex-wrap items-start justify-between gap-3">
                <h2 class="text-lg font-semibold text-slate-900">{tx.audience}</h2>
                <p class="rounded-full bg-emerald-50 px-3 py-1 text-sm font-medium text-emerald-800" aria-live="polite" data-testid="segment-count">
                    {move || match count.get() {
                        None => tx.counting.to_string(),
                        Some(Ok(n)) => tx.contacts_count(n, crate::i18n::format_number(lang, n as f64)),
                        Some(Err(_)) => tx.count_unavailable.to_string(),
                    }}
                </p>
            </div>
            {move || match count.get() {
                Some(Err(error)) => view! { <div class="mt-2"><ErrorNotice error lang /></div> }.into_any(),
                _ => ().into_any(),
            }}
            <fieldset class="mt-4 flex flex-wrap gap-4 text-sm text-slate-700">
                <label class="inline-flex items-center gap-2">
                    <input type="radio" name="audience-from" data-testid="audience-from-filter" prop:checked=move || !from_list.get() on:change=move |_| set_from_list(false) />
                    {tx.audience_from_filter}
                </label>
                <label class="inline-flex items-center gap-2">
                    <input type="radio" name="audience-from" data-testid="audience-from-list" prop:checked=move || from_list.get() on:change=move |_| set_from_list(true) />
                    {tx.audience_from_list}
                </label>
            </fieldset>
            {move || from_list.get().then(|| view! { <super::editor_list::ListAudience draft lists /> })}
            <div class:hidden=move || from_list.get()>
            <label class="mt-4 block">
                <span class=LABEL>{tx.start_from_segment}</span>
                <select
                    class=INPUT
                    data-testid="segment-select"
                    on:change=move |ev| {
                        let id = event_target_value(&ev).parse::<i64>().ok();
                        if let Some(s) = id.and_then(|id| segments.with_value(|all| all.iter().find(|s| s.id == id).cloned())) {
                            draft.update(|d| d.filter = s.filter);
                        }
                    }
                >
                    <option value="">{tx.no_segment}</option>
                    {data.segments.iter().map(|s| view! { <option value=s.id.to_string()>{s.name.clone()}</option> }).collect_view()}
                </select>
            </label>
            <div class="mt-4">
                <span class=LABEL>{tx.labels}</span>
                {if data.labels.is_empty() {
                    view! { <p class="text-sm text-slate-500">{tx.no_labels}</p> }.into_any()
                } else {
                    view! {
                        <div class="grid gap-2 sm:grid-cols-2">
                            {data.labels.iter().map(|l| {
                                let id = l.id;
                                view! {
                                    <label class="flex items-center justify-between gap-2 rounded-lg border border-slate-200 px-3 py-1.5 text-sm">
                                        <span class=format!("rounded-full px-2 py-0.5 text-xs font-medium {}", crate::domain::labels::chip_class(&l.color))>{l.name.clone()}</span>
                                        <select
                                            class="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                                            data-testid=format!("label-rule-{}", l.name)
                                            on:change=move |ev| {
                                                let place = event_target_value(&ev);
                                                edit(Box::new(move |f| put_label(f, id, &place)))
                                            }
                                        >
                                            <option value="" selected=move || draft.with(|d| label_place(&d.filter, id).is_empty())>{tx.label_ignored}</option>
                                            <option value="any" selected=move || draft.with(|d| label_place(&d.filter, id) == "any")>{tx.label_any}</option>
                                            <option value="all" selected=move || draft.with(|d| label_place(&d.filter, id) == "all")>{tx.label_all}</option>
                                            <option value="none" selected=move || draft.with(|d| label_place(&d.filter, id) == "none")>{tx.label_none}</option>
                                        </select>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </div>
            <div class="mt-4 grid gap-4 md:grid-cols-2">
                <fieldset>
                    <legend class=LABEL>{tx.consent}</legend>
                    <div class="flex flex-wrap gap-x-4 gap-y-1">
                        {consent_box(MarketingConsent::OptedIn, tx.consent_opted_in)}
                        {consent_box(MarketingConsent::Unknown, tx.consent_unknown)}
                        {consent_box(MarketingConsent::OptedOut, tx.consent_opted_out)}
                    </div>
                </fieldset>
                <fieldset>
                    <legend class=LABEL>{tx.conversation}</legend>
                    <div class="flex flex-wrap gap-x-4 gap-y-1">
                        {ConversationState::ALL.into_iter().map(conversation_box).collect_view()}
                    </div>
                </fieldset>
                <label class="block">
                    <span class=LABEL>{tx.countries}</span>
                    <input
                        class=INPUT
                        placeholder="ES, PT, BR"
                        prop:value=move || draft.with(|d| d.filter.countries.join(", "))
                        on:change=move |ev| {
                            let codes: Vec<String> = event_target_value(&ev).split([',', ' ']).map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()).collect();
                            edit(Box::new(move |f| f.countries = codes))
                        }
                    />
                </label>
                <div>
                    <span class=LABEL>{tx.last_message}</span>
                    <div class="flex gap-2">
                        <select
                            class=INPUT
                            on:change=move |ev| {
                                let kind = event_target_value(&ev);
                                edit(Box::new(move |f| {
                                    let days = match f.last_message { Some(LastMessage::Within(d) | LastMessage::NotWithin(d)) => d, None => 30 };
                                    f.last_message = match kind.as_str() {
                                        "within" => Some(LastMessage::Within(days)),
                                        "not_within" => Some(LastMessage::NotWithin(days)),
                                        _ => None,
                                    };
                                }))
                            }
                        >
                            <option value="" selected=move || draft.with(|d| d.filter.last_message.is_none())>{tx.any_time}</option>
                            <option value="within" selected=move || draft.with(|d| matches!(d.filter.last_message, Some(LastMessage::Within(_))))>{tx.within_days}</option>
                            <option value="not_within" selected=move || draft.with(|d| matches!(d.filter.last_message, Some(LastMessage::NotWithin(_))))>{tx.not_within_days}</option>
                        </select>
                        <input
                            class="w-24 rounded-lg border border-slate-300 px-3 py-2 text-sm"
                            type="number"
                            min="1"
                            aria-label=tx.days
                            disabled=move || draft.with(|d| d.filter.last_message.is_none())
                            prop:value=move || draft.with(|d| match d.filter.last_message { Some(LastMessage::Within(n) | LastMessage::NotWithin(n)) => n.to_string(), None => "30".into() })
                            on:change=move |ev| {
                                let days = event_target_value(&ev).parse::<u32>().unwrap_or(0);
                                edit(Box::new(move |f| {
                                    f.last_message = match f.last_message {
                                        Some(LastMessage::Within(_)) => Some(LastMessage::Within(days)),
                                        Some(LastMessage::NotWithin(_)) => Some(LastMessage::NotWithin(days)),
                                        None => None,
                                    };
                                }))
                            }
                        />
                    </div>
                </div>
            </div>
            <Attributes draft keys />
            {(!previous_campaigns.is_empty()).then(|| {
                let campaigns = previous_campaigns.clone();
                view! {
                    <div class="mt-4">
                        <span class=LABEL>{tx.previous_campaign}</span>
                        <div class="flex flex-wrap gap-2">
                            <select
                                class="rounded-lg border border-slate-300 px-3 py-2 text-sm"
                                on:change=move |ev| {
                                    let id = event_target_value(&ev).parse::<i64>().ok();
                                    edit(Box::new(move |f| {
                                        let outcome = f.previous.first().map_or(CampaignOutcome::NotRead, |p| p.outcome);
                                        f.previous = id.map(|campaign_id| vec![PreviousCampaign { campaign_id, outcome }]).unwrap_or_default();
                                    }))
                                }
                            >
                                <option value="">{tx.no_previous}</option>
                                {campaigns.iter().map(|c| {
                                    let id = c.id;
                                    view! { <option value=id.to_string() selected=move || draft.with(|d| d.filter.previous.first().is_some_and(|p| p.campaign_id == id))>{c.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                            <select
                                class="rounded-lg border border-slate-300 px-3 py-2 text-sm"
                                disabled=move || draft.with(|d| d.filter.previous.is_empty())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit(Box::new(move |f| {
                                        if let Some(p) = f.previous.first_mut() {
                                            p.outcome = CampaignOutcome::ALL.into_iter().find(|o| super::texts::outcome_key(*o) == v).unwrap_or(CampaignOutcome::NotRead);
                                        }
                                    }))
                                }
                            >
                                {CampaignOutcome::ALL.into_iter().map(|o| view! {
                                    <option value=super::texts::outcome_key(o) selected=move || draft.with(|d| d.filter.previous.first().is_some_and(|p| p.outcome == o))>{super::texts::outcome(lang, o)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    </div>
                }
            })}
            <div class="mt-4 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4">
                <label class="block">
                    <span class=LABEL>{tx.save_as_segment}</span>
                    <input class=INPUT placeholder=tx.segment_name prop:value=move || segment_name.get() on:input=move |ev| segment_name.set(event_target_value(&ev)) />
                </label>
                <button type="button" class=BUTTON_QUIET on:click=save>{tx.save_segment}</button>
                {move || match saved.get() {
                    Some(Ok(name)) => view! { <span class="text-sm text-emerald-700">{tx.segment_saved(name)}</span> }.into_any(),
                    Some(Err(error)) => view! { <div class="w-full"><ErrorNotice error lang /></div> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
            </div>
        </section>
    }
}

#[component]
fn Attributes(draft: RwSignal<CampaignDraft>, keys: Vec<String>) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let rules = move || draft.with(|d| d.filter.attributes.len());
    view! {
        <div class="mt-4">
            <span class=LABEL>{tx.attributes}</span>
            <datalist id="attribute-keys">
                {keys.iter().map(|k| view! { <option value=k.clone()></option> }).collect_view()}
            </datalist>
            <div class="space-y-2">
                {move || (0..rules()).map(|i| view! {
                    <div class="flex flex-wrap gap-2">
                        <input
                            class="w-40 rounded-lg border border-slate-300 px-3 py-2 text-sm"
                            list="attribute-keys"
                            placeholder=tx.attribute_name
                            prop:value=move || draft.with(|d| d.filter.attributes.get(i).map(|r| r.key.clone()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(r) = d.filter.attributes.get_mut(i) { r.key = v }) }
                        />
                        <select
                            class="rounded-lg border border-slate-300 px-2 py-2 text-sm"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                draft.update(|d| if let Some(r) = d.filter.attributes.get_mut(i) {
                                    r.op = AttributeOp::ALL.into_iter().find(|o| super::texts::op_key(*o) == v).unwrap_or(AttributeOp::Equals);
                                })
                            }
                        >
                            {AttributeOp::ALL.into_iter().map(|o| view! {
                                <option value=super::texts::op_key(o) selected=move || draft.with(|d| d.filter.attributes.get(i).is_some_and(|r| r.op == o))>{super::texts::op(lang, o)}</option>
                            }).collect_view()}
                        </select>
                        <input
                            class="w-40 rounded-lg border border-slate-300 px-3 py-2 text-sm"
                            placeholder=tx.attribute_value
                            disabled=move || draft.with(|d| d.filter.attributes.get(i).is_some_and(|r| !r.op.takes_value()))
                            prop:value=move || draft.with(|d| d.filter.attributes.get(i).map(|r| r.value.clone()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(r) = d.filter.attributes.get_mut(i) { r.value = v }) }
                        />
                        <button type="button" class="text-sm text-red-700 hover:underline" on:click=move |_| draft.update(|d| { if i < d.filter.attributes.len() { d.filter.attributes.remove(i); } })>{tx.remove}</button>
                    </div>
                }).collect_view()}
            </div>
            <button
                type="button"
                class="mt-2 text-sm font-medium text-emerald-700 hover:underline"
                on:click=move |_| draft.update(|d| d.filter.attributes.push(AttributeRule { key: String::new(), op: AttributeOp::Equals, value: String::new() }))
            >
                {tx.add_attribute}
            </button>
        </div>
    }
}

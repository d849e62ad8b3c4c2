//! One message in the thread, for every kind the Cloud API stores. Text is rendered as styled
//! runs (never as HTML); media come from `/media/{id}`, signed-in only.

use super::state::Console;
use super::texts;
use crate::domain::formatting::runs;
use crate::domain::message::{DeliveryStatus, MessageBody, Referral};
use crate::domain::outbound::Outbound;
pub use crate::ui::clock::{clock, day};
use crate::ui::use_viewer;
use crate::wire::inbox::MessageView;
use leptos::prelude::*;

#[component]
pub fn Formatted(text: String) -> impl IntoView {
    runs(&text)
        .into_iter()
        .map(|r| {
            let mut class = String::new();
            if r.bold {
                class.push_str("font-semibold ");
            }
            if r.italic {
                class.push_str("italic ");
            }
            if r.strike {
                class.push_str("line-through ");
            }
            if r.mono {
                class.push_str("font-mono text-[13px] ");
            }
            view! { <span class=class>{r.text}</span> }
        })
        .collect_view()
}

fn size_text(bytes: Option<i64>) -> String {
    match bytes {
        Some(b) if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / 1_048_576.0),
        Some(b) if b >= 1024 => format!("{} KB", b / 1024),
        Some(b) => format!("{b} B"),
        None => String::new(),
    }
}

/// An activity line (assigned, resolved…), centred and quiet.
#[component]
pub fn ActivityLine(message: MessageView) -> impl IntoView {
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let MessageBody::Activity { activity, by } = &message.body else {
        return ().into_any();
    };
    let what = tx.activity(activity);
    let text = match by {
        Some(who) => tx.activity_by(&what, who),
        None => what,
    };
    view! {
        <div class="my-2 text-center" data-testid="activity">
            <span class="rounded-full bg-slate-200/70 px-3 py-0.5 text-xs text-slate-600">
                {text} " · " {clock(message.sent_at_ms)}
            </span>
        </div>
    }
    .into_any()
}

/// The Click-to-WhatsApp ad that started a conversation.
#[component]
pub fn AdCard(referral: Referral) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    view! {
        <div class="mx-auto my-3 max-w-md rounded-xl border border-sky-200 bg-sky-50 p-3 text-sm" data-testid="ad-card">
            <p class="text-xs font-semibold uppercase tracking-wide text-sky-700">{tx.came_from_ad}</p>
            {referral.headline.clone().map(|h| view! { <p class="mt-1 font-medium text-slate-900">{h}</p> })}
            {referral.body.clone().map(|b| view! { <p class="mt-0.5 text-slate-700">{b}</p> })}
            <p class="mt-1 text-xs text-slate-500">
                {referral.source_type.clone().unwrap_or_default()}
                {referral.source_id.clone().map(|id| format!(" · {id}"))}
                {referral
                    .source_url
                    .as_deref()
                    .and_then(crate::domain::links::web_link)
                    .map(|u| {
                        view! {
                            " · "
                            <a href=u class="underline" target="_blank" rel="noopener noreferrer">
                                "link"
                            </a>
                        }
                    })}
            </p>
        </div>
    }
}

#[component]
pub fn Bubble(message: MessageView, reactions: Vec<String>) -> impl IntoView {
    let console = expect_context::<Console>();
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let note = matches!(message.body, MessageBody::Note { .. });
    let outbound = message.outbound;
    let wrap = if outbound {
        "flex justify-end"
    } else {
        "flex justify-start"
    };
    let class = if note {
        "max-w-[80%] rounded-xl border border-amber-300 bg-amber-50 px-3 py-2 text-sm shadow-sm"
    } else if outbound {
        "max-w-[80%] rounded-xl bg-emerald-100 px-3 py-2 text-sm shadow-sm"
    } else {
        "max-w-[80%] rounded-xl bg-white px-3 py-2 text-sm shadow-sm"
    };
    let quoted = message.context.quoted_wamid.clone().map(|wamid| {
        let target = console.messages.with_untracked(|list| {
            list.iter()
                .find(|m| m.wamid.as_deref() == Some(wamid.as_str()))
                .map(|m| (m.id, m.body.preview()))
        });
        let (jump, text) = match target {
            Some((id, text)) => (Some(id), text),
            None => (None, tx.quoted_missing.to_string()),
        };
        view! {
            <button
                type="button"
                data-testid="quote"
                class="mb-1 block w-full truncate rounded border-l-4 border-emerald-500 bg-black/5 px-2 py-1 text-left text-xs text-slate-600"
                on:click=move |_| {
                    if let Some(id) = jump {
                        if let Some(el) = document().get_element_by_id(&format!("m-{id}")) {
                            el.scroll_into_view();
                        }
                    }
                }
            >
                {text}
            </button>
        }
    });
    let forwarded = message.context.forwarded.then(|| {
        view! { <p class="mb-0.5 text-[11px] italic text-slate-500">"↪ " {tx.forwarded}</p> }
    });
    let author = match (&message.sender_name, note, outbound) {
        (Some(name), _, true) => Some(name.clone()),
        (None, false, true) if message.sender == crate::wire::inbox::Sender::Bot => {
            Some("Bot".to_string())
        }
        _ => None,
    };
    // A campaign's message, shown where the customer answered it.
    let campaign = message.campaign.clone().map(|name| {
        view! { <p class="mb-0.5 text-[11px] font-medium text-emerald-700" data-testid="campaign-bubble">"📣 " {tx.campaign_message(name)}</p> }
    });
    let head = (note || author.is_some()).then(|| {
        view! {
            <p class="mb-0.5 text-[11px] font-medium text-slate-500">
                {note.then_some(format!("🔒 {} · ", tx.private_note))}
                {author.clone()}
            </p>
        }
    });
    let body = body_view(&message);
    let ticks = message.status.map(|s| view! { <Ticks status=s /> });
    let cost = message
        .cost
        .as_ref()
        .filter(|_| message.status != Some(DeliveryStatus::Failed))
        .map(|c| {
            let words = crate::ui::costs::message_cost_words(tx.lang(), c);
            view! { <p class="mt-0.5 text-right text-[10px] text-slate-400" data-testid="message-cost">{words}</p> }
        });
    let failure = message.error.clone().filter(|_| message.status == Some(DeliveryStatus::Failed)).map(|e| {
        let id = message.id;
        // WhatsApp's per-customer marketing limit: not the desk's failure; try a day later.
        let limited = e.limited_by_whatsapp();
        let tone = if limited {
            "mt-1 rounded-lg border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900"
        } else {
            "mt-1 rounded-lg border border-red-200 bg-red-50 p-2 text-xs text-red-800"
        };
        let retried = message.retried_by.is_some();
        let retrying = RwSignal::new(false);
        let problem = RwSignal::new(None::<crate::error::AppError>);
        view! {
            <div class=tone data-testid="failure" data-limited=limited.to_string()>
                {limited.then(|| view! { <p class="font-semibold" data-testid="limited">{tx.limited_by_whatsapp}</p> })}
                {match e.code {
                    code if code > 0 => Some(format!("{} ({code})", e.title)),
                    0 => Some(e.title.clone()),
                    _ => None,
                }.map(|title| view! { <p class="font-medium">{title}</p> })}
                <p>{crate::i18n::Texts::get(tx.lang()).meta_explain(e.code)}</p>
                {e.details.clone().filter(|_| e.code >= 0).map(|d| view! { <p class="text-red-700/80">{d}</p> })}
                {retried.then(|| view! { <p class="mt-1 font-medium" data-testid="retried">"↻ "{tx.retried}</p> })}
                <button
                    type="button"
                    class="mt-1 rounded border border-red-300 bg-white px-2 py-0.5 font-medium"
                    class:hidden=retried
                    disabled=move || retrying.get()
                    on:click=move |_| {
                        retrying.set(true);
                        crate::ui::task::spawn_while(retrying, async move {
                            match crate::api::inbox::retry_message(id).await {
                                Ok(m) => console.upsert_message(m),
                                Err(err) => problem.set(Some(err)),
                            }
                            retrying.set(false);
                        });
                    }
                >
                    {tx.retry}
                </button>
                {move || problem.get().map(|err| view! { <p class="mt-1">{viewer.t().error(&err)}</p> })}
            </div>
        }
    });
    let reactions = (!reactions.is_empty()).then(|| {
        view! {
            <div class="-mt-1 flex gap-1" data-testid="reactions">
                {reactions
                    .into_iter()
                    .map(|r| view! { <span class="rounded-full border border-slate-200 bg-white px-1.5 text-xs shadow-sm">{r}</span> })
                    .collect_view()}
            </div>
        }
    });
    let reply_to = message.clone();
    view! {
        <div class=format!("group my-1 {wrap}") id=format!("m-{}", message.id) data-message=message.id data-sender=format!("{:?}", message.sender).to_lowercase() data-wamid=message.wamid.clone().unwrap_or_default()>
            <div class="flex max-w-full flex-col items-end">
                <div class=class>
                    {campaign}
                    {head}
                    {forwarded}
                    {quoted}
                    {body}
                    <div class="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-slate-400">
                        {(!note)
                            .then(|| {
                                let m = reply_to.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="mr-auto hidden text-slate-400 hover:text-slate-700 group-hover:inline"
                                        on:click=move |_| {
                                            expect_context::<super::composer::ReplyTarget>().0.set(Some(m.clone()));
                                            console.focus_composer.set(Some(false));
                                        }
                                    >
                                        "↩ "
                                        {tx.reply}
                                    </button>
                                }
                            })}
                        {clock(message.sent_at_ms)}
                        {ticks}
                    </div>
                    {cost}
                    {failure}
                </div>
                {reactions}
            </div>
        </div>
    }
}

#[component]
fn Ticks(status: DeliveryStatus) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let (mark, class) = match status {
        DeliveryStatus::Pending => ("🕓", "text-slate-400"),
        DeliveryStatus::Sent => ("✓", "text-slate-500"),
        DeliveryStatus::Delivered => ("✓✓", "text-slate-500"),
        DeliveryStatus::Read => ("✓✓", "text-sky-500"),
        DeliveryStatus::Failed => ("⚠", "text-red-600"),
    };
    view! {
        <span class=class data-status=status.as_str() title=tx.tick(status) aria-label=tx.tick(status)>
            {mark}
        </span>
    }
}

fn body_view(message: &MessageView) -> AnyView {
    let tx = texts(use_viewer().lang);
    match &message.body {
        MessageBody::Text { body } => view! {
            <p class="whitespace-pre-wrap break-words" data-testid="text">
                <Formatted text=body.clone() />
            </p>
        }
        .into_any(),
        MessageBody::Note { text } => view! {
            <p class="whitespace-pre-wrap break-words"><Formatted text=text.clone() /></p>
        }
        .into_any(),
        MessageBody::Media(media) => {
            let url = format!("/media/{}", media.media_id);
            let state = message.media.as_ref().map(|m| m.state.as_str()).unwrap_or("stored");
            let caption = media.caption.clone().map(|c| {
                view! { <p class="mt-1 whitespace-pre-wrap break-words"><Formatted text=c /></p> }
            });
            let content = match state {
                "pending" => view! { <p class="text-xs italic text-slate-500">{tx.media_pending}</p> }.into_any(),
                "failed" => {
                    let why = message.media.as_ref().and_then(|m| m.error.clone()).unwrap_or_default();
                    view! {
                        <p class="text-xs text-red-700" data-testid="media-failed">
                            {tx.media_failed} ": " {why}
                        </p>
                    }
                    .into_any()
                }
                _ => match media.kind {
                    crate::domain::message::MediaKind::Image | crate::domain::message::MediaKind::Sticker => view! {
                        <a href=url.clone() target="_blank" rel="noopener">
                            <img src=url.clone() alt=media.caption.clone().unwrap_or_default() class="max-h-72 rounded-lg" loading="lazy" data-testid="image" />
                        </a>
                    }
                    .into_any(),
                    crate::domain::message::MediaKind::Video => view! {
                        <video src=url controls=true preload="metadata" class="max-h-72 rounded-lg" />
                    }
                    .into_any(),
                    crate::domain::message::MediaKind::Audio => view! {
                        <audio src=url controls=true preload="metadata" data-testid="audio" />
                    }
                    .into_any(),
                    crate::domain::message::MediaKind::Document => {
                        let name = media.filename.clone().unwrap_or_else(|| "document".into());
                        let shown = name.clone();
                        let size = size_text(message.media.as_ref().and_then(|m| m.size));
                        view! {
                            <a href=url.clone() download=name.clone() class="flex items-center gap-2 rounded-lg bg-black/5 px-3 py-2" data-testid="document">
                                <span>"📄"</span>
                                <span class="min-w-0">
                                    <span class="block truncate font-medium">{shown}</span>
                                    <span class="text-xs text-slate-500">{size} " · " {tx.download}</span>
                                </span>
                            </a>
                        }
                        .into_any()
                    }
                },
            };
            view! { {content} {caption} }.into_any()
        }
        MessageBody::Location(l) => {
            let map = format!("https://www.openstreetmap.org/?mlat={}&mlon={}#map=16/{}/{}", l.latitude, l.longitude, l.latitude, l.longitude);
            view! {
                <div data-testid="location">
                    <p class="font-medium">"📍 " {l.name.clone().unwrap_or_default()}</p>
                    {l.address.clone().map(|a| view! { <p class="text-xs text-slate-600">{a}</p> })}
                    <p class="text-xs text-slate-500">{format!("{:.5}, {:.5}", l.latitude, l.longitude)}</p>
                    <a href=map target="_blank" rel="noopener noreferrer" class="text-xs font-medium text-emerald-700 underline">{tx.open_map}</a>
                </div>
            }
            .into_any()
        }
        MessageBody::Contacts { contacts } => contacts
            .iter()
            .map(|c| {
                view! {
                    <div class="rounded-lg bg-black/5 px-3 py-2" data-testid="contact-card">
                        <p class="font-medium">"👤 " {c.name.clone()}</p>
                        {c.organization.clone().map(|o| view! { <p class="text-xs text-slate-600">{o}</p> })}
                        {c.phones.iter().map(|p| view! { <p class="text-xs">{p.phone.clone()}</p> }).collect_view()}
                        {c.emails.iter().map(|e| view! { <p class="text-xs">{e.clone()}</p> }).collect_view()}
                    </div>
                }
            })
            .collect_view()
            .into_any(),
        MessageBody::InteractiveReply { title, description, .. } => view! {
            <div data-testid="choice">
                <p class="rounded-lg border border-emerald-300 bg-white px-2 py-1 font-medium text-emerald-800">"☑ " {title.clone()}</p>
                {description.clone().map(|d| view! { <p class="text-xs text-slate-500">{d}</p> })}
            </div>
        }
        .into_any(),
        MessageBody::TemplateButton { text, .. } => view! {
            <p class="rounded-lg border border-emerald-300 bg-white px-2 py-1 font-medium text-emerald-800" data-testid="choice">"☑ " {text.clone()}</p>
        }
        .into_any(),
        MessageBody::Reaction { emoji, .. } => view! {
            <p class="text-xs text-slate-500">{tx.reacted} " " {emoji.clone().unwrap_or_default()}</p>
        }
        .into_any(),
        MessageBody::Order { items, text, .. } => view! {
            <div>
                <p class="font-medium">"🛒 " {format!("{} items", items.len())}</p>
                {items.iter().map(|i| view! { <p class="text-xs">{format!("{} × {} — {} {}", i.quantity, i.product_retailer_id, i.item_price, i.currency)}</p> }).collect_view()}
                {text.clone().map(|t| view! { <p class="mt-1">{t}</p> })}
            </div>
        }
        .into_any(),
        MessageBody::System { body, .. } => view! { <p class="text-xs italic text-slate-500">{body.clone()}</p> }.into_any(),
        MessageBody::Outbound { sent } => outbound_view(sent),
        MessageBody::Unsupported { what, error } => view! {
            <p class="text-xs italic text-slate-500" data-testid="unsupported">
                {tx.unsupported}
                {what.clone().map(|w| format!(" ({w})"))}
                {error.clone().map(|e| format!(" — {} ({})", e.title, e.code))}
            </p>
        }
        .into_any(),
        MessageBody::Activity { .. } => ().into_any(),
        MessageBody::Removed { why } => view! {
            <p class="text-xs italic text-slate-500" data-testid="removed">
                {match why {
                    crate::domain::message::Removal::Retention => tx.removed_retention,
                    crate::domain::message::Removal::Erasure => tx.removed_erasure,
                }}
            </p>
        }
        .into_any(),
    }
}

/// A template, buttons or list we sent, shown as the customer sees it.
fn outbound_view(sent: &Outbound) -> AnyView {
    match sent {
        Outbound::Template { name, language, body, rendered, header_media, .. } => match rendered {
            // What the customer saw, as stored when it was sent.
            Some(r) => view! {
                <div data-testid="template" data-name=name.clone()>
                    <p class="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{format!("{name} · {language}")}</p>
                    <super::picker::TemplateCard rendered=r.clone() media_src=header_media.as_ref().map(|m| format!("/media/{}", m.media_id)) />
                </div>
            }
            .into_any(),
            None => view! {
                <div data-testid="template" data-name=name.clone()>
                    <p class="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{format!("{name} · {language}")}</p>
                    {(!body.is_empty()).then(|| view! { <p class="text-xs text-slate-600">{body.iter().map(|p| p.text.clone()).collect::<Vec<_>>().join(" · ")}</p> })}
                </div>
            }
            .into_any(),
        },
        Outbound::Buttons { header, body, footer, buttons } => view! {
            <div data-testid="interactive">
                {header.clone().map(|h| view! { <p class="font-semibold">{h}</p> })}
                <p class="whitespace-pre-wrap"><Formatted text=body.clone() /></p>
                {footer.clone().map(|f| view! { <p class="text-xs text-slate-500">{f}</p> })}
                <div class="mt-1 flex flex-col gap-1">
                    {buttons.iter().map(|b| view! { <span class="rounded border border-emerald-300 bg-white px-2 py-0.5 text-center text-emerald-800">{b.title.clone()}</span> }).collect_view()}
                </div>
            </div>
        }
        .into_any(),
        Outbound::List { header, body, footer, button, sections } => view! {
            <div data-testid="interactive">
                {header.clone().map(|h| view! { <p class="font-semibold">{h}</p> })}
                <p class="whitespace-pre-wrap"><Formatted text=body.clone() /></p>
                {footer.clone().map(|f| view! { <p class="text-xs text-slate-500">{f}</p> })}
                <p class="mt-1 rounded border border-emerald-300 bg-white px-2 py-0.5 text-center text-emerald-800">"☰ " {button.clone()}</p>
                <ul class="mt-1 text-xs text-slate-600">
                    {sections.iter().flat_map(|s| s.rows.iter()).map(|r| view! { <li>"• " {r.title.clone()}</li> }).collect_view()}
                </ul>
            </div>
        }
        .into_any(),
        Outbound::ImageLink { link, caption } => view! {
            <div data-testid="image-link">
                {crate::domain::links::web_link(link).map(|src| view! { <img src=src alt="" loading="lazy" class="max-h-60 rounded" /> })}
                {caption.clone().map(|c| view! { <p class="mt-1 whitespace-pre-wrap"><Formatted text=c /></p> })}
            </div>
        }
        .into_any(),
        _ => view! { <p>{sent.to_body().preview()}</p> }.into_any(),
    }
}

//! Webhook bodies to typed events. Every kind of message in the Cloud API becomes a
//! `MessageBody`; anything this version does not know is kept raw as `Unsupported` and never
//! fails the delivery. Only a body that is not a WhatsApp notification at all is refused.

use app::domain::contacts::MarketingConsent;
use app::domain::message::{
    DeliveryStatus, Location, Media, MediaKind, MessageBody, MessageContext, MetaError, OrderItem,
    Referral, ReplyKind, SharedContact, SharedPhone, SystemKind,
};
use app::ssr::ingest::{
    ContactRef, InboundMessage, IngestEvent, MarketingPreference, Pricing, StatusUpdate,
    TemplateChange, TemplateEvent,
};
use serde_json::Value;

/// Why a body was refused (answered 400, nothing written).
#[derive(Debug, PartialEq, Eq)]
pub struct Malformed(pub String);

#[derive(Debug, Default)]
pub struct Parsed {
    pub events: Vec<IngestEvent>,
    /// What was left out and why (another number, fields we do not use…), for the log.
    pub skipped: Vec<String>,
}

/// Parses one delivery. `phone_number_id` is our number: events for other numbers are skipped
/// (`None` accepts every number). `now_ms` stands in for missing timestamps.
pub fn parse(body: &[u8], phone_number_id: Option<&str>, now_ms: i64) -> Result<Parsed, Malformed> {
    let root: Value = serde_json::from_slice(body)
        .map_err(|e| Malformed(format!("the body is not JSON: {e}")))?;
    let object = root.get("object").and_then(Value::as_str);
    if object != Some("whatsapp_business_account") {
        return Err(Malformed(
            "`object` must be \"whatsapp_business_account\"".into(),
        ));
    }
    let entries = root
        .get("entry")
        .and_then(Value::as_array)
        .ok_or_else(|| Malformed("`entry` must be a list".into()))?;
    let mut parsed = Parsed::default();
    for (i, entry) in entries.iter().enumerate() {
        let changes = entry
            .get("changes")
            .and_then(Value::as_array)
            .ok_or_else(|| Malformed(format!("`entry[{i}].changes` must be a list")))?;
        let entry_time_ms = entry.get("time").and_then(Value::as_i64).map(|s| s * 1000);
        for (j, change) in changes.iter().enumerate() {
            let (Some(field), Some(value)) = (
                change.get("field").and_then(Value::as_str),
                change.get("value").filter(|v| v.is_object()),
            ) else {
                return Err(Malformed(format!(
                    "`entry[{i}].changes[{j}]` needs a `field` and an object `value`"
                )));
            };
            let at_ms = entry_time_ms.unwrap_or(now_ms);
            match field {
                "messages" | "user_preferences" => {
                    let number = value
                        .pointer("/metadata/phone_number_id")
                        .and_then(Value::as_str);
                    if let (Some(ours), Some(theirs)) = (phone_number_id, number) {
                        if ours != theirs {
                            parsed
                                .skipped
                                .push(format!("{field} for phone number id {theirs}, not ours"));
                            continue;
                        }
                    }
                    messages_value(value, now_ms, &mut parsed);
                }
                "message_template_status_update"
                | "message_template_quality_update"
                | "template_category_update" => match template_event(field, value, at_ms) {
                    Some(event) => parsed.events.push(IngestEvent::Template(event)),
                    None => parsed
                        .skipped
                        .push(format!("{field} without a template id")),
                },
                other => parsed.skipped.push(format!("field {other} is not used")),
            }
        }
    }
    Ok(parsed)
}

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Meta's timestamps are strings of unix seconds (sometimes numbers).
fn timestamp_ms(v: &Value, now_ms: i64) -> i64 {
    text(v, "timestamp")
        .and_then(|t| t.parse::<i64>().ok())
        .map(|s| s.saturating_mul(1000))
        .unwrap_or(now_ms)
}

fn meta_error(v: &Value) -> Option<MetaError> {
    let e = v.get("errors")?.as_array()?.first()?;
    Some(MetaError {
        code: e.get("code").and_then(Value::as_i64).unwrap_or(0),
        title: text(e, "title")
            .or_else(|| text(e, "message"))
            .unwrap_or_default(),
        details: e
            .pointer("/error_data/details")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

fn profiles(value: &Value) -> Vec<ContactRef> {
    value
        .get("contacts")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|c| ContactRef {
                    wa_id: text(c, "wa_id"),
                    user_id: text(c, "user_id"),
                    parent_user_id: text(c, "parent_user_id"),
                    name: c
                        .pointer("/profile/name")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    username: c
                        .pointer("/profile/username")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The sender of a message (or recipient of a status): the ids on the item, completed with
/// the matching `contacts[]` profile.
fn who(profiles: &[ContactRef], wa_id: Option<String>, user_id: Option<String>) -> ContactRef {
    let matching = profiles.iter().find(|p| {
        (wa_id.is_some() && p.wa_id == wa_id) || (user_id.is_some() && p.user_id == user_id)
    });
    let profile = matching.or(if profiles.len() == 1 {
        profiles.first()
    } else {
        None
    });
    let mut who = profile.cloned().unwrap_or_default();
    if wa_id.is_some() {
        who.wa_id = wa_id;
    }
    if user_id.is_some() {
        who.user_id = user_id;
    }
    who
}

fn messages_value(value: &Value, now_ms: i64, parsed: &mut Parsed) {
    let profiles = profiles(value);
    for message in value
        .get("messages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(wamid) = text(message, "id") else {
            parsed.skipped.push("a message without an id".into());
            continue;
        };
        let from = who(
            &profiles,
            text(message, "from"),
            text(message, "from_user_id"),
        );
        parsed
            .events
            .push(IngestEvent::Message(Box::new(InboundMessage {
                wamid,
                from,
                sent_at_ms: timestamp_ms(message, now_ms),
                body: body(message),
                context: context(message),
                referral: message.get("referral").map(referral),
                raw: message.to_string(),
            })));
    }
    for status in value
        .get("statuses")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(wamid), Some(name)) = (text(status, "id"), text(status, "status")) else {
            parsed.skipped.push("a status without id or status".into());
            continue;
        };
        let Some(delivery) = DeliveryStatus::parse(&name) else {
            parsed
                .skipped
                .push(format!("status {name:?} is not tracked"));
            continue;
        };
        parsed.events.push(IngestEvent::Status(StatusUpdate {
            wamid,
            status: delivery,
            at_ms: timestamp_ms(status, now_ms),
            error: meta_error(status),
            recipient: who(
                &profiles,
                text(status, "recipient_id"),
                text(status, "recipient_user_id"),
            ),
            callback: text(status, "biz_opaque_callback_data"),
            pricing: status.get("pricing").map(pricing),
        }));
    }
    for preference in value
        .get("user_preferences")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let category = text(preference, "category").unwrap_or_default();
        let consent = text(preference, "value")
            .as_deref()
            .and_then(MarketingConsent::from_preference);
        match consent {
            Some(consent) if category == "marketing_messages" => {
                parsed
                    .events
                    .push(IngestEvent::Marketing(MarketingPreference {
                        contact: who(
                            &profiles,
                            text(preference, "wa_id"),
                            text(preference, "user_id"),
                        ),
                        consent,
                        at_ms: timestamp_ms(preference, now_ms),
                    }))
            }
            _ => parsed
                .skipped
                .push(format!("user preference {category:?} is not used")),
        }
    }
    if let Some(errors) = value.get("errors").and_then(Value::as_array) {
        for e in errors {
            parsed
                .skipped
                .push(format!("a system error from WhatsApp: {e}"));
        }
    }
}

/// A status's `pricing` block (`{billable, pricing_model, type, category}`).
fn pricing(value: &Value) -> Pricing {
    Pricing {
        billable: value.get("billable").and_then(Value::as_bool),
        pricing_model: text(value, "pricing_model"),
        pricing_type: text(value, "type"),
        category: text(value, "category"),
    }
}

fn unsupported(message: &Value, what: Option<String>) -> MessageBody {
    MessageBody::Unsupported {
        what,
        error: meta_error(message),
    }
}

/// The typed body of one inbound message.
pub fn body(message: &Value) -> MessageBody {
    let kind = text(message, "type").unwrap_or_default();
    let content = message.get(kind.as_str());
    let parsed = match (kind.as_str(), content) {
        ("text", Some(c)) => text(c, "body").map(|body| MessageBody::Text { body }),
        (k, Some(c)) if MediaKind::parse(k).is_some() => media(k, c),
        ("location", Some(c)) => location(c),
        ("contacts", Some(Value::Array(list))) => Some(MessageBody::Contacts {
            contacts: list.iter().map(shared_contact).collect(),
        }),
        ("interactive", Some(c)) => interactive(c),
        ("button", Some(c)) => Some(MessageBody::TemplateButton {
            payload: text(c, "payload").unwrap_or_default(),
            text: text(c, "text").unwrap_or_default(),
        }),
        ("reaction", Some(c)) => text(c, "message_id").map(|target_wamid| MessageBody::Reaction {
            target_wamid,
            emoji: text(c, "emoji").filter(|e| !e.is_empty()),
        }),
        ("order", Some(c)) => order(c),
        ("system", Some(c)) => Some(system(c)),
        ("unsupported", c) => {
            let what = c.and_then(|c| text(c, "type"));
            return unsupported(message, what);
        }
        _ => None,
    };
    parsed.unwrap_or_else(|| unsupported(message, Some(kind).filter(|k| !k.is_empty())))
}

fn media(kind: &str, c: &Value) -> Option<MessageBody> {
    Some(MessageBody::Media(Media {
        kind: MediaKind::parse(kind)?,
        media_id: text(c, "id")?,
        mime_type: text(c, "mime_type"),
        sha256: text(c, "sha256"),
        caption: text(c, "caption"),
        filename: text(c, "filename"),
        voice: c.get("voice").and_then(Value::as_bool).unwrap_or(false),
        animated: c.get("animated").and_then(Value::as_bool).unwrap_or(false),
    }))
}

fn location(c: &Value) -> Option<MessageBody> {
    let number = |k: &str| {
        c.get(k).and_then(|v| {
            v.as_f64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        })
    };
    Some(MessageBody::Location(Location {
        latitude: number("latitude")?,
        longitude: number("longitude")?,
        name: text(c, "name"),
        address: text(c, "address"),
        url: text(c, "url"),
    }))
}

fn shared_contact(c: &Value) -> SharedContact {
    let name = c
        .pointer("/name/formatted_name")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            let first = c
                .pointer("/name/first_name")
                .and_then(Value::as_str)
                .unwrap_or("");
            let last = c
                .pointer("/name/last_name")
                .and_then(Value::as_str)
                .unwrap_or("");
            Some(format!("{first} {last}").trim().to_string())
        })
        .unwrap_or_default();
    let list = |key: &str| {
        c.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    SharedContact {
        name,
        phones: list("phones")
            .iter()
            .filter_map(|p| {
                Some(SharedPhone {
                    phone: text(p, "phone")?,
                    wa_id: text(p, "wa_id"),
                    kind: text(p, "type"),
                })
            })
            .collect(),
        emails: list("emails")
            .iter()
            .filter_map(|e| text(e, "email"))
            .collect(),
        organization: c
            .pointer("/org/company")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

fn interactive(c: &Value) -> Option<MessageBody> {
    let kind = text(c, "type")?;
    let (reply, part) = match kind.as_str() {
        "button_reply" => (ReplyKind::Button, c.get("button_reply")?),
        "list_reply" => (ReplyKind::List, c.get("list_reply")?),
        "nfm_reply" => {
            let part = c.get("nfm_reply")?;
            return Some(MessageBody::InteractiveReply {
                reply: ReplyKind::Flow,
                id: text(part, "name").unwrap_or_default(),
                title: text(part, "body").unwrap_or_default(),
                description: None,
                response_json: text(part, "response_json"),
            });
        }
        _ => return None,
    };
    Some(MessageBody::InteractiveReply {
        reply,
        id: text(part, "id")?,
        title: text(part, "title").unwrap_or_default(),
        description: text(part, "description"),
        response_json: None,
    })
}

fn order(c: &Value) -> Option<MessageBody> {
    let items = c
        .get("product_items")
        .and_then(Value::as_array)?
        .iter()
        .map(|i| OrderItem {
            product_retailer_id: text(i, "product_retailer_id").unwrap_or_default(),
            quantity: i.get("quantity").and_then(Value::as_f64).unwrap_or(0.0),
            item_price: i.get("item_price").and_then(Value::as_f64).unwrap_or(0.0),
            currency: text(i, "currency").unwrap_or_default(),
        })
        .collect();
    Some(MessageBody::Order {
        catalog_id: text(c, "catalog_id").unwrap_or_default(),
        text: text(c, "text").filter(|t| !t.is_empty()),
        items,
    })
}

fn system(c: &Value) -> MessageBody {
    let kind = text(c, "type").unwrap_or_default();
    let system = match kind.as_str() {
        "user_changed_number" => SystemKind::NumberChanged,
        "user_changed_user_id" => SystemKind::UserIdChanged,
        "customer_identity_changed" => SystemKind::IdentityChanged,
        _ => SystemKind::Other,
    };
    MessageBody::System {
        system,
        body: text(c, "body").unwrap_or_default(),
        new_wa_id: (system == SystemKind::NumberChanged)
            .then(|| text(c, "wa_id").or_else(|| text(c, "new_wa_id")))
            .flatten(),
        new_user_id: (system == SystemKind::UserIdChanged)
            .then(|| text(c, "user_id"))
            .flatten(),
    }
}

fn context(message: &Value) -> MessageContext {
    let Some(c) = message.get("context") else {
        return MessageContext::default();
    };
    MessageContext {
        quoted_wamid: text(c, "id"),
        forwarded: c.get("forwarded").and_then(Value::as_bool).unwrap_or(false),
        frequently_forwarded: c
            .get("frequently_forwarded")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        product_retailer_id: c
            .pointer("/referred_product/product_retailer_id")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

fn referral(r: &Value) -> Referral {
    Referral {
        source_url: text(r, "source_url"),
        source_id: text(r, "source_id"),
        source_type: text(r, "source_type"),
        headline: text(r, "headline"),
        body: text(r, "body"),
        media_type: text(r, "media_type"),
        image_url: text(r, "image_url"),
        video_url: text(r, "video_url"),
        thumbnail_url: text(r, "thumbnail_url"),
        ctwa_clid: text(r, "ctwa_clid"),
        welcome_message: r
            .pointer("/welcome_message/text")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

fn template_event(field: &str, v: &Value, at_ms: i64) -> Option<TemplateEvent> {
    let change = match field {
        "message_template_status_update" => TemplateChange::Status {
            status: text(v, "event")?,
            reason: text(v, "reason").filter(|r| r != "NONE"),
        },
        "message_template_quality_update" => TemplateChange::Quality {
            score: text(v, "new_quality_score")?,
        },
        _ => TemplateChange::Category {
            category: text(v, "new_category")?,
        },
    };
    Some(TemplateEvent {
        template_id: text(v, "message_template_id")?,
        name: text(v, "message_template_name").unwrap_or_default(),
        language: text(v, "message_template_language").unwrap_or_default(),
        change,
        at_ms,
    })
}

//! The store conformance suite for webhook ingestion and outbound delivery status, run on
//! SQLite and PostgreSQL.

use crate::support;

use app::domain::contacts::MarketingConsent;
use app::domain::message::{
    DeliveryStatus, MessageBody, MessageContext, MetaError, Referral, SystemKind,
};
use app::domain::outbound::Outbound;
use app::ssr::ingest::{
    ContactRef, InboundMessage, IngestEvent, MarketingPreference, StatusUpdate, TemplateChange,
    TemplateEvent,
};
use app::ssr::{ContactKey, NewOutbound, Store};
use support::Db;

const T: i64 = 1_767_225_600_000;

fn by_phone(wa_id: &str) -> ContactRef {
    ContactRef {
        wa_id: Some(wa_id.into()),
        name: Some("Lucía".into()),
        ..ContactRef::default()
    }
}

fn by_bsuid(user_id: &str) -> ContactRef {
    ContactRef {
        user_id: Some(user_id.into()),
        username: Some("lucia.m".into()),
        ..ContactRef::default()
    }
}

fn text(wamid: &str, from: ContactRef, at: i64, body: &str) -> IngestEvent {
    IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.into(),
        from,
        sent_at_ms: at,
        body: MessageBody::Text { body: body.into() },
        context: MessageContext::default(),
        referral: None,
        raw: format!("{{\"id\":\"{wamid}\"}}"),
    }))
}

fn status(wamid: &str, status: DeliveryStatus, at: i64) -> IngestEvent {
    IngestEvent::Status(StatusUpdate {
        wamid: wamid.into(),
        status,
        at_ms: at,
        error: None,
        recipient: by_phone("34600000001"),
        callback: None,
        pricing: None,
    })
}

/// An outbound message that Meta accepted as `wamid`.
async fn sent_message(store: &dyn Store, wamid: &str) -> i64 {
    store
        .ingest(&[text("wamid.in-1", by_phone("34600000001"), T, "hola")], T)
        .await
        .expect("ingest");
    let contact = store
        .contact(ContactKey::WaId("34600000001"))
        .await
        .expect("read")
        .expect("contact");
    let conversation = store
        .conversations_of_contact(contact.id)
        .await
        .expect("read")[0]
        .id;
    let out = store
        .insert_outbound(
            NewOutbound {
                conversation_id: conversation,
                outbound: Outbound::Text {
                    body: "¡Hola! ¿En qué te ayudo?".into(),
                    preview_url: false,
                },
                sender_user_id: None,
                reply_to: Some("wamid.in-1".into()),
                echo_id: None,
            },
            T + 1,
        )
        .await
        .expect("outbound");
    assert_eq!(out.status, Some(DeliveryStatus::Pending));
    assert_eq!(out.wamid, None);
    assert_eq!(out.context.quoted_wamid.as_deref(), Some("wamid.in-1"));
    assert_eq!(
        out.body,
        MessageBody::Text {
            body: "¡Hola! ¿En qué te ayudo?".into()
        }
    );
    let sent = store.mark_sent(out.id, wamid, T + 2).await.expect("sent");
    assert_eq!(sent.wamid.as_deref(), Some(wamid));
    out.id
}

on_both_databases!(
    an_inbound_message_is_stored_once,
    messages_of_one_customer_share_one_conversation,
    statuses_only_move_forward,
    a_failure_keeps_metas_error_but_never_beats_delivered,
    statuses_that_overtake_the_send_are_applied_after_it,
    contacts_are_found_by_either_id_and_linked_by_both,
    a_number_change_moves_the_phone_id,
    the_window_follows_the_latest_customer_message,
    the_contact_keeps_the_language_they_write_in,
    marketing_consent_keeps_the_newest_choice,
    template_events_update_the_template,
    the_ad_that_started_a_conversation_is_kept,
    a_template_sync_replaces_the_list,
);

async fn an_inbound_message_is_stored_once(db: Db) {
    let (store, _dir) = support::store(db).await;
    let event = text(
        "wamid.A",
        by_phone("34600000001"),
        T,
        "Hola, ¿tenéis envío a Canarias? 🚚",
    );
    for _ in 0..10 {
        store
            .ingest(std::slice::from_ref(&event), T)
            .await
            .expect("ingest");
    }
    let report = store.ingest(&[event], T).await.expect("ingest");
    assert_eq!((report.messages_stored, report.duplicates), (0, 1));
    let message = store
        .message_by_wamid("wamid.A")
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(
        message.body,
        MessageBody::Text {
            body: "Hola, ¿tenéis envío a Canarias? 🚚".into()
        }
    );
    assert_eq!(message.sent_at_ms, T);
    assert_eq!(
        message.status, None,
        "inbound messages have no delivery status"
    );
    let messages = store
        .messages_of_conversation(message.conversation_id)
        .await
        .expect("read");
    assert_eq!(messages.len(), 1, "ten deliveries, one message");
    let contact = store
        .contact(ContactKey::Id(message.contact_id))
        .await
        .expect("read")
        .expect("contact");
    assert_eq!(contact.profile_name.as_deref(), Some("Lucía"));
}

async fn messages_of_one_customer_share_one_conversation(db: Db) {
    let (store, _dir) = support::store(db).await;
    let report = store
        .ingest(
            &[
                text("wamid.1", by_phone("34600000001"), T, "uno"),
                text("wamid.2", by_phone("34600000001"), T + 1000, "dos"),
                text("wamid.3", by_phone("34600000002"), T + 2000, "otro cliente"),
            ],
            T,
        )
        .await
        .expect("ingest");
    assert_eq!(report.messages_stored, 3);
    assert_eq!(report.contacts_created, 2);
    assert_eq!(report.conversations.len(), 2);
    let first = store
        .message_by_wamid("wamid.1")
        .await
        .expect("read")
        .expect("1");
    let second = store
        .message_by_wamid("wamid.2")
        .await
        .expect("read")
        .expect("2");
    assert_eq!(first.conversation_id, second.conversation_id);
    let conversations = store
        .conversations_of_contact(first.contact_id)
        .await
        .expect("read");
    assert_eq!(conversations.len(), 1);
    assert_eq!(conversations[0].status, "open");
    assert_eq!(conversations[0].last_message_at_ms, T + 1000);
}

async fn statuses_only_move_forward(db: Db) {
    let (store, _dir) = support::store(db).await;
    sent_message(&*store, "wamid.OUT").await;
    let shuffled = [
        status("wamid.OUT", DeliveryStatus::Delivered, T + 5),
        status("wamid.OUT", DeliveryStatus::Sent, T + 3),
        status("wamid.OUT", DeliveryStatus::Read, T + 9),
        status("wamid.OUT", DeliveryStatus::Delivered, T + 5),
        status("wamid.OUT", DeliveryStatus::Sent, T + 3),
    ];
    let report = store.ingest(&shuffled, T + 10).await.expect("ingest");
    assert_eq!(report.statuses_applied, 2, "delivered, then read");
    assert_eq!(report.statuses_stale, 3);
    let message = store
        .message_by_wamid("wamid.OUT")
        .await
        .expect("read")
        .expect("message");
    assert_eq!(message.status, Some(DeliveryStatus::Read));
}

async fn a_failure_keeps_metas_error_but_never_beats_delivered(db: Db) {
    let (store, _dir) = support::store(db).await;
    sent_message(&*store, "wamid.F").await;
    let failure = IngestEvent::Status(StatusUpdate {
        wamid: "wamid.F".into(),
        status: DeliveryStatus::Failed,
        at_ms: T + 5,
        error: Some(MetaError {
            code: 131047,
            title: "Re-engagement message".into(),
            details: Some("Message failed to send because more than 24 hours have passed since the customer last replied to this number.".into()),
        }),
        recipient: by_phone("34600000001"),
        callback: None,
        pricing: None,
    });
    store
        .ingest(std::slice::from_ref(&failure), T + 6)
        .await
        .expect("ingest");
    let failed = store
        .message_by_wamid("wamid.F")
        .await
        .expect("read")
        .expect("message");
    assert_eq!(failed.status, Some(DeliveryStatus::Failed));
    let error = failed.error.expect("error kept");
    assert_eq!(error.code, 131047);
    assert_eq!(error.title, "Re-engagement message");
    assert!(error.details.expect("details").contains("24 hours"));

    sent_message(&*store, "wamid.D").await;
    store
        .ingest(
            &[status("wamid.D", DeliveryStatus::Delivered, T + 4)],
            T + 6,
        )
        .await
        .expect("ingest");
    let mut late = failure.clone();
    if let IngestEvent::Status(s) = &mut late {
        s.wamid = "wamid.D".into();
    }
    store.ingest(&[late], T + 7).await.expect("ingest");
    let delivered = store
        .message_by_wamid("wamid.D")
        .await
        .expect("read")
        .expect("message");
    assert_eq!(delivered.status, Some(DeliveryStatus::Delivered));
    assert_eq!(delivered.error, None);
}

async fn statuses_that_overtake_the_send_are_applied_after_it(db: Db) {
    let (store, _dir) = support::store(db).await;
    let report = store
        .ingest(
            &[
                status("wamid.EARLY", DeliveryStatus::Delivered, T + 1),
                status("wamid.EARLY", DeliveryStatus::Read, T + 2),
            ],
            T,
        )
        .await
        .expect("ingest");
    assert_eq!(report.statuses_backlogged, 2);
    sent_message(&*store, "wamid.EARLY").await;
    let message = store
        .message_by_wamid("wamid.EARLY")
        .await
        .expect("read")
        .expect("message");
    assert_eq!(message.status, Some(DeliveryStatus::Read));
}

async fn contacts_are_found_by_either_id_and_linked_by_both(db: Db) {
    let (store, _dir) = support::store(db).await;
    store
        .ingest(
            &[text(
                "wamid.phone",
                by_phone("34600000009"),
                T,
                "por teléfono",
            )],
            T,
        )
        .await
        .expect("ingest");
    store
        .ingest(
            &[text(
                "wamid.bsuid",
                by_bsuid("ES.998877"),
                T + 10,
                "por BSUID",
            )],
            T,
        )
        .await
        .expect("ingest");
    let phone = store
        .contact(ContactKey::WaId("34600000009"))
        .await
        .expect("read")
        .expect("a");
    let bsuid = store
        .contact(ContactKey::UserId("ES.998877"))
        .await
        .expect("read")
        .expect("b");
    assert_ne!(phone.id, bsuid.id, "nothing linked them yet");
    assert_eq!(bsuid.wa_id, None, "a BSUID-only contact has no phone");
    assert_eq!(bsuid.username.as_deref(), Some("lucia.m"));

    let both = ContactRef {
        wa_id: Some("34600000009".into()),
        user_id: Some("ES.998877".into()),
        ..ContactRef::default()
    };
    let report = store
        .ingest(&[text("wamid.both", both, T + 20, "con los dos")], T)
        .await
        .expect("ingest");
    assert_eq!(report.contacts_merged, 1);
    let merged = store
        .contact(ContactKey::UserId("ES.998877"))
        .await
        .expect("read")
        .expect("merged");
    assert_eq!(merged.id, phone.id, "the older contact is kept");
    assert_eq!(merged.wa_id.as_deref(), Some("34600000009"));
    assert_eq!(merged.last_inbound_at_ms, Some(T + 20));
    assert_eq!(
        store.contact(ContactKey::Id(bsuid.id)).await.expect("read"),
        None
    );
    let conversations = store
        .conversations_of_contact(merged.id)
        .await
        .expect("read");
    assert_eq!(conversations.len(), 1, "one person, one open conversation");
    let bodies: Vec<String> = store
        .messages_of_conversation(conversations[0].id)
        .await
        .expect("read")
        .iter()
        .map(|m| m.body.preview())
        .collect();
    assert_eq!(bodies, ["por teléfono", "por BSUID", "con los dos"]);
}

async fn a_number_change_moves_the_phone_id(db: Db) {
    let (store, _dir) = support::store(db).await;
    store
        .ingest(
            &[text("wamid.before", by_phone("34600000001"), T, "hola")],
            T,
        )
        .await
        .expect("ingest");
    let change = IngestEvent::Message(Box::new(InboundMessage {
        wamid: "wamid.sys".into(),
        from: ContactRef {
            wa_id: Some("34600000001".into()),
            ..ContactRef::default()
        },
        sent_at_ms: T + 60_000,
        body: MessageBody::System {
            system: SystemKind::NumberChanged,
            body: "User A changed from 34600000001 to 34600000002".into(),
            new_wa_id: Some("34600000002".into()),
            new_user_id: None,
        },
        context: MessageContext::default(),
        referral: None,
        raw: "{}".into(),
    }));
    store.ingest(&[change], T).await.expect("ingest");
    let contact = store
        .contact(ContactKey::WaId("34600000002"))
        .await
        .expect("read")
        .expect("moved");
    assert_eq!(
        store
            .contact(ContactKey::WaId("34600000001"))
            .await
            .expect("read"),
        None
    );
    assert_eq!(
        contact.last_inbound_at_ms,
        Some(T),
        "a system notice does not open the window"
    );
}

async fn the_window_follows_the_latest_customer_message(db: Db) {
    let (store, _dir) = support::store(db).await;
    // Delivered out of order: the later message first.
    store
        .ingest(
            &[
                text("wamid.late", by_phone("34600000001"), T + 5_000, "segundo"),
                text("wamid.early", by_phone("34600000001"), T, "primero"),
            ],
            T,
        )
        .await
        .expect("ingest");
    let contact = store
        .contact(ContactKey::WaId("34600000001"))
        .await
        .expect("read")
        .expect("c");
    assert_eq!(contact.last_inbound_at_ms, Some(T + 5_000));
}

async fn the_contact_keeps_the_language_they_write_in(db: Db) {
    use app::i18n::Lang;
    let (store, _dir) = support::store(db).await;
    let language = |store: std::sync::Arc<dyn Store>| async move {
        store
            .contact(ContactKey::WaId("5511900000001"))
            .await
            .expect("read")
            .expect("contact")
            .language
    };
    let customer = || by_phone("5511900000001");
    store
        .ingest(
            &[text(
                "wamid.pt",
                customer(),
                T,
                "Olá, boa tarde! Vocês entregam no sábado?",
            )],
            T,
        )
        .await
        .expect("ingest");
    assert_eq!(language(store.clone()).await, Some(Lang::PtBr));
    // Too short to tell: what was known stays.
    store
        .ingest(&[text("wamid.ok", customer(), T + 1, "ok")], T + 1)
        .await
        .expect("ingest");
    assert_eq!(language(store.clone()).await, Some(Lang::PtBr));
    // They switch to Spanish: the next texts to them follow.
    store
        .ingest(
            &[text(
                "wamid.es",
                customer(),
                T + 2,
                "Perdona, ¿me puedes escribir en español, por favor?",
            )],
            T + 2,
        )
        .await
        .expect("ingest");
    assert_eq!(language(store).await, Some(Lang::Es));
}

async fn marketing_consent_keeps_the_newest_choice(db: Db) {
    let (store, _dir) = support::store(db).await;
    let choice = |consent, at| {
        IngestEvent::Marketing(MarketingPreference {
            contact: by_phone("34600000001"),
            consent,
            at_ms: at,
        })
    };
    store
        .ingest(&[choice(MarketingConsent::OptedOut, T + 10)], T)
        .await
        .expect("ingest");
    store
        .ingest(&[choice(MarketingConsent::OptedIn, T + 5)], T)
        .await
        .expect("ingest");
    let contact = store
        .contact(ContactKey::WaId("34600000001"))
        .await
        .expect("read")
        .expect("c");
    assert_eq!(
        contact.marketing,
        MarketingConsent::OptedOut,
        "an older resume does not undo a stop"
    );
    store
        .ingest(&[choice(MarketingConsent::OptedIn, T + 20)], T)
        .await
        .expect("ingest");
    let contact = store
        .contact(ContactKey::WaId("34600000001"))
        .await
        .expect("read")
        .expect("c");
    assert_eq!(contact.marketing, MarketingConsent::OptedIn);
}

async fn template_events_update_the_template(db: Db) {
    let (store, _dir) = support::store(db).await;
    let event = |change| {
        IngestEvent::Template(TemplateEvent {
            template_id: "1689556908129832".into(),
            name: "order_confirmation".into(),
            language: "en_US".into(),
            change,
            at_ms: T,
        })
    };
    store
        .ingest(
            &[event(TemplateChange::Status {
                status: "PENDING".into(),
                reason: None,
            })],
            T,
        )
        .await
        .expect("ingest");
    store
        .ingest(
            &[
                event(TemplateChange::Status {
                    status: "REJECTED".into(),
                    reason: Some("INVALID_FORMAT".into()),
                }),
                event(TemplateChange::Quality {
                    score: "YELLOW".into(),
                }),
                event(TemplateChange::Category {
                    category: "MARKETING".into(),
                }),
            ],
            T,
        )
        .await
        .expect("ingest");
    let template = store
        .template("1689556908129832")
        .await
        .expect("read")
        .expect("template");
    assert_eq!(template.name, "order_confirmation");
    assert_eq!(template.language, "en_US");
    assert_eq!(template.status, "REJECTED");
    assert_eq!(template.status_reason.as_deref(), Some("INVALID_FORMAT"));
    assert_eq!(template.quality.as_deref(), Some("YELLOW"));
    assert_eq!(template.category.as_deref(), Some("MARKETING"));
}

async fn the_ad_that_started_a_conversation_is_kept(db: Db) {
    let (store, _dir) = support::store(db).await;
    let referral = Referral {
        source_id: Some("120208000000000".into()),
        source_type: Some("ad".into()),
        headline: Some("Rebajas de invierno".into()),
        ctwa_clid: Some("ARAkLkA8r".into()),
        ..Referral::default()
    };
    let IngestEvent::Message(mut first) =
        text("wamid.ad", by_phone("34600000001"), T, "Vi el anuncio")
    else {
        unreachable!()
    };
    first.referral = Some(referral.clone());
    store
        .ingest(&[IngestEvent::Message(first)], T)
        .await
        .expect("ingest");
    let message = store
        .message_by_wamid("wamid.ad")
        .await
        .expect("read")
        .expect("m");
    assert_eq!(message.referral.as_ref(), Some(&referral));
    let conversation = &store
        .conversations_of_contact(message.contact_id)
        .await
        .expect("read")[0];
    assert_eq!(conversation.referral.as_ref(), Some(&referral));
}

async fn a_template_sync_replaces_the_list(db: Db) {
    use app::domain::templates::{TemplateContent, TemplateHeader};
    use app::ssr::SyncedTemplate;
    let (store, _dir) = support::store(db).await;
    let template = |id: &str, name: &str, status: &str| SyncedTemplate {
        meta_id: id.into(),
        name: name.into(),
        language: "es_ES".into(),
        status: status.into(),
        status_reason: None,
        category: Some("UTILITY".into()),
        quality: Some("GREEN".into()),
        content: TemplateContent {
            header: Some(TemplateHeader::Text {
                text: "Pedido {{1}}".into(),
            }),
            body: "Hola {{1}} 👋".into(),
            body_examples: vec!["Lucía".into()],
            ..TemplateContent::default()
        },
    };
    let report = store
        .sync_templates(
            vec![
                template("2", "zeta", "APPROVED"),
                template("1", "alpha", "PENDING"),
            ],
            T,
        )
        .await
        .expect("sync");
    assert_eq!((report.templates, report.removed), (2, 0));
    let listed = store.list_templates().await.expect("list");
    assert_eq!(
        listed.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["alpha", "zeta"]
    );
    assert_eq!(
        listed[0].content.preview().1,
        "Hola Lucía 👋",
        "content round-trips"
    );
    // The next sync no longer lists zeta: it is kept but marked deleted.
    let report = store
        .sync_templates(vec![template("1", "alpha", "APPROVED")], T + 1)
        .await
        .expect("sync");
    assert_eq!(report.removed, 1);
    let zeta = store.template("2").await.expect("read").expect("kept");
    assert_eq!(zeta.status, "DELETED");
    assert_eq!(
        store
            .template("1")
            .await
            .expect("read")
            .expect("alpha")
            .status,
        "APPROVED"
    );
}

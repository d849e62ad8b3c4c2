//! The pricing kept from status webhooks (the backlog's too) and the facts of a period the
//! Reports screen reads — on SQLite and PostgreSQL.

use crate::support;

use app::domain::inbox::ConversationStatus as S;
use app::domain::labels::LabelDraft;
use app::domain::message::{DeliveryStatus, Referral};
use app::domain::outbound::Outbound;
use app::domain::reports::EventKind as K;
use app::ssr::ingest::{ContactRef, IngestEvent, Pricing, StatusUpdate};
use app::ssr::{Store, SyncedTemplate};
use support::reports::*;
use support::Db;

const T: i64 = 1_767_225_600_000;
const DAY: i64 = 86_400_000;

on_both_databases!(
    pricing_is_kept_from_the_first_status_that_carries_it,
    the_facts_of_a_period_hold_its_conversations_sends_and_ads,
);

fn status(
    wamid: &str,
    status: DeliveryStatus,
    at: i64,
    pricing: Option<(&str, bool)>,
) -> IngestEvent {
    IngestEvent::Status(StatusUpdate {
        wamid: wamid.into(),
        status,
        at_ms: at,
        error: None,
        recipient: ContactRef::default(),
        callback: None,
        pricing: pricing.map(|(category, billable)| Pricing {
            billable: Some(billable),
            pricing_model: Some("PMP".into()),
            pricing_type: Some(
                if billable {
                    "regular"
                } else {
                    "free_customer_service"
                }
                .into(),
            ),
            category: Some(category.into()),
        }),
    })
}

/// The pricing the reports see for each message: (category, billable, type).
async fn pricing_of(
    store: &dyn Store,
    ids: &[i64],
) -> Vec<(Option<String>, Option<bool>, Option<String>)> {
    let facts = store.report_facts(0, i64::MAX).await.expect("facts");
    ids.iter()
        .map(|id| {
            let fact = facts
                .outbound
                .iter()
                .find(|o| o.message_id == *id)
                .expect("listed");
            (
                fact.pricing_category.clone(),
                fact.pricing_billable,
                fact.pricing_type.clone(),
            )
        })
        .collect()
}

async fn pricing_is_kept_from_the_first_status_that_carries_it(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let c = customer_writes(store, 1, 0, T).await;
    let in_order = send(store, c, None, say("one"), T + 1_000).await;
    let late_sent = send(store, c, None, say("two"), T + 1_000).await;
    let before_send = send(store, c, None, say("three"), T + 1_000).await;

    store
        .mark_sent(in_order, "wamid.out.1", T + 2_000)
        .await
        .expect("sent");
    deliver(
        store,
        status(
            "wamid.out.1",
            DeliveryStatus::Sent,
            T + 2_000,
            Some(("utility", true)),
        ),
        T + 2_000,
    )
    .await;
    deliver(
        store,
        status(
            "wamid.out.1",
            DeliveryStatus::Delivered,
            T + 3_000,
            Some(("marketing", false)),
        ),
        T + 3_000,
    )
    .await;
    // `read` overtook `sent`: the late status still brings its pricing.
    store
        .mark_sent(late_sent, "wamid.out.2", T + 2_000)
        .await
        .expect("sent");
    deliver(
        store,
        status("wamid.out.2", DeliveryStatus::Read, T + 3_000, None),
        T + 3_000,
    )
    .await;
    deliver(
        store,
        status(
            "wamid.out.2",
            DeliveryStatus::Sent,
            T + 2_500,
            Some(("service", false)),
        ),
        T + 3_100,
    )
    .await;
    // Statuses before the send's answer wait in the backlog, pricing included.
    deliver(
        store,
        status(
            "wamid.out.3",
            DeliveryStatus::Sent,
            T + 2_000,
            Some(("marketing", true)),
        ),
        T + 2_000,
    )
    .await;
    deliver(
        store,
        status("wamid.out.3", DeliveryStatus::Read, T + 3_000, None),
        T + 3_000,
    )
    .await;
    let record = store
        .mark_sent(before_send, "wamid.out.3", T + 4_000)
        .await
        .expect("sent");
    assert_eq!(record.status, Some(DeliveryStatus::Read));

    let priced = |category: &str, billable: bool, kind: &str| {
        (
            Some(category.to_string()),
            Some(billable),
            Some(kind.to_string()),
        )
    };
    assert_eq!(
        pricing_of(store, &[in_order, late_sent, before_send]).await,
        vec![
            priced("utility", true, "regular"),
            priced("service", false, "free_customer_service"),
            priced("marketing", true, "regular"),
        ]
    );
}

fn template(name: &str, language: &str) -> Outbound {
    Outbound::Template {
        name: name.into(),
        language: language.into(),
        header: vec![],
        body: vec![],
        buttons: vec![],
        header_media: None,
        rendered: None,
    }
}

fn listed(name: &str, language: &str, category: &str) -> SyncedTemplate {
    SyncedTemplate {
        meta_id: format!("{name}-{language}"),
        name: name.into(),
        language: language.into(),
        status: "APPROVED".into(),
        status_reason: None,
        category: Some(category.into()),
        quality: None,
        content: Default::default(),
    }
}

async fn the_facts_of_a_period_hold_its_conversations_sends_and_ads(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "Ana", 5, T).await.id;
    let vip = store
        .create_label(&LabelDraft::new("VIP", "violet", "").expect("label"), T)
        .await
        .expect("label");
    let templates = vec![
        listed("order_update", "es", "UTILITY"),
        listed("promo", "en", "MARKETING"),
    ];
    store.sync_templates(templates, T).await.expect("sync");
    let (since, until) = (T + DAY, T + 2 * DAY);

    // Started before the period, answered in it: its whole history up to the end is read.
    let spanning = customer_writes(store, 1, 0, since - 1_000).await;
    send(
        store,
        spanning,
        Some(ana),
        template("order_update", "es"),
        since + 1_000,
    )
    .await;
    store
        .set_conversation_status(spanning, S::Resolved, None, Some(ana), until)
        .await
        .expect("resolve after");
    // Only before the period.
    let before = customer_writes(store, 2, 0, since - 5_000).await;
    store
        .insert_note(before, ana, "note", None, since + 2_000)
        .await
        .expect("note");
    // From an ad, in the period.
    let referral = Referral {
        source_type: Some("ad".into()),
        source_id: Some("120201".into()),
        headline: Some("Summer sale".into()),
        source_url: Some("https://fb.me/ad".into()),
        ..Referral::default()
    };
    let from_ad = customer_writes_from_ad(store, 3, since + 3_000, referral).await;
    send(store, from_ad, None, say("Welcome"), since + 4_000).await;
    let failed = send(
        store,
        from_ad,
        Some(ana),
        template("promo", "en"),
        until - 1,
    )
    .await;
    let error = app::domain::message::MetaError {
        code: 131_049,
        title: "Not delivered".into(),
        details: None,
    };
    store
        .fail_outbound(failed, error, until - 1)
        .await
        .expect("fail");

    let facts = store.report_facts(since, until).await.expect("facts");
    let events: Vec<(i64, K, i64)> = facts
        .events
        .iter()
        .map(|e| (e.conversation_id, e.kind, e.at_ms))
        .collect();
    assert_eq!(
        events,
        vec![
            (spanning, K::Created, since - 1_000),
            (spanning, K::CustomerMessage, since - 1_000),
            (spanning, K::AgentReply, since + 1_000),
            (from_ad, K::Created, since + 3_000),
            (from_ad, K::CustomerMessage, since + 3_000),
            (from_ad, K::AgentReply, until - 1),
        ]
    );
    let sends: Vec<_> = facts
        .outbound
        .iter()
        .map(|o| {
            (
                o.sender.as_str(),
                o.status.as_str(),
                o.error_code,
                o.template.as_deref(),
                o.template_category.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        sends,
        vec![
            (
                "agent",
                "pending",
                None,
                Some("order_update"),
                Some("UTILITY")
            ),
            ("bot", "pending", None, None, None),
            (
                "agent",
                "failed",
                Some(131_049),
                Some("promo"),
                Some("MARKETING")
            ),
        ]
    );
    let ads: Vec<_> = facts
        .ads
        .iter()
        .map(|a| {
            (
                a.conversation_id,
                a.source_type.as_str(),
                a.source_id.as_str(),
                a.headline.as_deref(),
            )
        })
        .collect();
    assert_eq!(ads, vec![(from_ad, "ad", "120201", Some("Summer sale"))]);
    assert_eq!(
        facts
            .agents
            .iter()
            .map(|a| (a.id, a.name.as_str()))
            .collect::<Vec<_>>(),
        vec![(ana, "Ana")]
    );
    assert_eq!(
        facts
            .labels
            .iter()
            .map(|l| (l.id, l.name.as_str()))
            .collect::<Vec<_>>(),
        vec![(vip.id, "VIP")]
    );
}

//! The store conformance suite for campaigns (`CampaignStore`, and what ingestion does with
//! a campaign's statuses and answers), run on SQLite and PostgreSQL. The segment query is
//! held to the pure rule (`domain::campaigns::segment::matches`).

use crate::support;

use app::domain::campaigns::audience::Exclusion;
use app::domain::campaigns::csv_list::{ListAddress, ListRow, RejectedRow, RowProblem};
use app::domain::campaigns::funnel::Step;
use app::domain::campaigns::segment::{
    matches, AttributeOp, AttributeRule, CampaignOutcome, ContactFacts, ConversationState,
    LabelRule, LastMessage, PreviousCampaign, SegmentFilter,
};
use app::domain::campaigns::{CampaignState, RecipientState, StopReason};
use app::domain::contacts::MarketingConsent;
use app::domain::inbox::ConversationStatus;
use app::domain::labels::LabelDraft;
use app::domain::message::{DeliveryStatus, MessageBody, MetaError};
use app::ssr::campaign_list_store::NewList;
use app::ssr::campaign_store::{NewCampaign, NewRecipient};
use app::ssr::ingest::{ConsentChange, ContactRef, IngestEvent, StatusUpdate};
use app::ssr::{ContactKey, Store};
use std::collections::BTreeMap;
use support::reports::{customer_writes, deliver, message, text, HOUR};
use support::Db;

const T: i64 = 1_767_225_600_000;
const DAY: i64 = 24 * HOUR;

on_both_databases!(
    segments_select_as_the_rule_says,
    lists_match_create_and_reject,
    recipients_are_claimed_once_and_move_forward,
    statuses_and_answers_reach_the_recipient,
    cancelling_skips_the_queued_and_stops_by_template,
    limited_recipients_are_queued_again_once,
);

pub(crate) fn campaign(name: &str) -> NewCampaign {
    NewCampaign {
        name: name.into(),
        state: CampaignState::Running,
        template_name: "spring_sale".into(),
        template_language: "es".into(),
        template_category: Some("MARKETING".into()),
        composition: "{}".into(),
        audience: "{}".into(),
        replies_to: "queue".into(),
        buttons: "[]".into(),
        start_at_ms: T,
        quiet_hours: None,
        rate_per_second: 10,
        estimated_micros: Some(0),
        currency: Some("USD".into()),
        created_by: None,
    }
}

pub(crate) fn queued(contact_id: i64) -> NewRecipient {
    NewRecipient {
        contact_id,
        columns: None,
        skip: None,
        due_at_ms: T,
        estimate: Some(("marketing".into(), Some(62_500), "Spain".into())),
    }
}

async fn contact_id(store: &dyn Store, wa_id: &str) -> i64 {
    store
        .contact(ContactKey::WaId(wa_id))
        .await
        .unwrap()
        .expect("contact")
        .id
}

fn phone(n: u32) -> String {
    format!("3470000{n:04}")
}

async fn segments_select_as_the_rule_says(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let now = T + 30 * DAY;
    let vip = store
        .create_label(&LabelDraft::new("VIP", "violet", "").unwrap(), T)
        .await
        .unwrap()
        .id;
    let late = store
        .create_label(&LabelDraft::new("Late payer", "red", "").unwrap(), T)
        .await
        .unwrap()
        .id;
    // Six customers who wrote, on different days, with labels, attributes and consent.
    let mut facts: BTreeMap<i64, ContactFacts> = BTreeMap::new();
    for n in 1..=6_u32 {
        let wrote = now - i64::from(n) * 4 * DAY;
        let conversation = customer_writes(store, n, 0, wrote).await;
        let id = contact_id(store, &phone(n)).await;
        let mut f = ContactFacts {
            country: Some("ES".into()),
            last_inbound_at_ms: Some(wrote),
            conversation: ConversationState::Open,
            ..ContactFacts::default()
        };
        if n % 2 == 0 {
            store
                .label_conversation(conversation, vip, true, None, wrote)
                .await
                .unwrap();
            f.label_ids.push(vip);
        }
        if n % 3 == 0 {
            store
                .label_conversation(conversation, late, true, None, wrote)
                .await
                .unwrap();
            f.label_ids.push(late);
        }
        let mut attributes = BTreeMap::new();
        attributes.insert(
            "city".to_string(),
            if n < 4 { "Madrid" } else { "Lisboa" }.to_string(),
        );
        attributes.insert("points".to_string(), (n * 50).to_string());
        attributes.insert("since".to_string(), format!("2020-0{n}-15"));
        store
            .set_contact_attributes(id, &attributes, wrote)
            .await
            .unwrap();
        f.attributes = attributes;
        if n >= 5 {
            store
                .set_conversation_status(
                    conversation,
                    ConversationStatus::Resolved,
                    None,
                    None,
                    wrote,
                )
                .await
                .unwrap();
            f.conversation = ConversationState::Resolved;
        }
        let consent = match n % 3 {
            0 => MarketingConsent::OptedOut,
            1 => MarketingConsent::OptedIn,
            _ => MarketingConsent::Unknown,
        };
        if consent != MarketingConsent::Unknown {
            let change = ConsentChange {
                consent,
                source: app::domain::consent::ConsentSource::Agent,
                note: None,
                actor_id: None,
                at_ms: wrote,
            };
            store.change_consent(id, &change, None).await.unwrap();
        }
        f.consent = consent;
        facts.insert(id, f);
    }
    // A Brazilian number the desk wrote to, who never answered (no conversation).
    let br = store.contact_for_phone("5511912345678", T).await.unwrap();
    facts.insert(
        br.id,
        ContactFacts {
            country: Some("BR".into()),
            ..ContactFacts::default()
        },
    );
    // An earlier campaign: customer 1 read it, customer 2 was limited.
    let first = store
        .create_campaign(
            &campaign("earlier"),
            &[
                queued(contact_id(store, &phone(1)).await),
                queued(contact_id(store, &phone(2)).await),
            ],
            T,
        )
        .await
        .unwrap();
    let claimed = store
        .claim_recipients(first, T, T - HOUR, 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 2);
    for job in &claimed {
        let wamid = format!("wamid.seg.{}", job.recipient_id);
        store
            .recipient_sent(job.recipient_id, &wamid, &text("Spring sale"), T)
            .await
            .unwrap();
        let (status, code) = if job.contact_id == contact_id(store, &phone(1)).await {
            (DeliveryStatus::Read, None)
        } else {
            (DeliveryStatus::Failed, Some(131_049))
        };
        deliver(store, status_of(&wamid, status, code, T + 1), T + 1).await;
        let state = if code.is_some() {
            RecipientState::Limited
        } else {
            RecipientState::Read
        };
        facts
            .get_mut(&job.contact_id)
            .unwrap()
            .campaigns
            .push((first, state));
    }

    // An uploaded list with customers 1 and 3 (3 written as another spelling would match too).
    let rows: Vec<ListRow> = [1_u32, 3]
        .iter()
        .enumerate()
        .map(|(i, n)| list_row(i + 2, &phone(*n)))
        .collect();
    let (list, _) = store
        .create_list(&new_list(&rows, &[], None), T)
        .await
        .unwrap();
    for n in [1_u32, 3] {
        let id = contact_id(store, &phone(n)).await;
        facts.get_mut(&id).unwrap().lists.push(list.id);
    }

    let filters = vec![
        SegmentFilter::default(),
        SegmentFilter {
            list: Some(list.id),
            ..SegmentFilter::default()
        },
        SegmentFilter {
            list: Some(list.id),
            labels: LabelRule {
                none: vec![late],
                ..LabelRule::default()
            },
            ..SegmentFilter::default()
        },
        SegmentFilter {
            labels: LabelRule {
                any: vec![vip, late],
                ..LabelRule::default()
            },
            ..SegmentFilter::default()
        },
        SegmentFilter {
            labels: LabelRule {
                all: vec![vip, late],
                ..LabelRule::default()
            },
            ..SegmentFilter::default()
        },
        SegmentFilter {
            labels: LabelRule {
                none: vec![vip],
                ..LabelRule::default()
            },
            ..SegmentFilter::default()
        },
        SegmentFilter {
            consent: vec![MarketingConsent::OptedIn, MarketingConsent::Unknown],
            ..SegmentFilter::default()
        },
        SegmentFilter {
            countries: vec!["BR".into()],
            ..SegmentFilter::default()
        },
        SegmentFilter {
            countries: vec!["ES".into()],
            ..SegmentFilter::default()
        },
        SegmentFilter {
            last_message: Some(LastMessage::Within(10)),
            ..SegmentFilter::default()
        },
        SegmentFilter {
            last_message: Some(LastMessage::NotWithin(10)),
            ..SegmentFilter::default()
        },
        SegmentFilter {
            conversation: vec![ConversationState::Resolved, ConversationState::Never],
            ..SegmentFilter::default()
        },
        SegmentFilter {
            conversation: vec![ConversationState::Open],
            ..SegmentFilter::default()
        },
        SegmentFilter {
            previous: vec![PreviousCampaign {
                campaign_id: first,
                outcome: CampaignOutcome::Read,
            }],
            ..SegmentFilter::default()
        },
        SegmentFilter {
            previous: vec![PreviousCampaign {
                campaign_id: first,
                outcome: CampaignOutcome::NotRead,
            }],
            ..SegmentFilter::default()
        },
        SegmentFilter {
            previous: vec![PreviousCampaign {
                campaign_id: first,
                outcome: CampaignOutcome::Limited,
            }],
            ..SegmentFilter::default()
        },
        attribute("city", AttributeOp::Equals, "madrid"),
        attribute("city", AttributeOp::Contains, "SBO"),
        attribute("points", AttributeOp::Above, "150"),
        attribute("points", AttributeOp::Below, "100,5"),
        attribute("since", AttributeOp::Before, "2020-03-01"),
        attribute("since", AttributeOp::After, "2020-03-01"),
        attribute("missing", AttributeOp::Absent, ""),
        attribute("city", AttributeOp::Present, ""),
        SegmentFilter {
            labels: LabelRule {
                any: vec![vip],
                ..LabelRule::default()
            },
            consent: vec![MarketingConsent::OptedIn, MarketingConsent::Unknown],
            last_message: Some(LastMessage::Within(30)),
            ..SegmentFilter::default()
        },
    ];
    for filter in filters {
        let expected: Vec<i64> = facts
            .iter()
            .filter(|(_, f)| matches(&filter, f, now))
            .map(|(id, _)| *id)
            .collect();
        let count = store.count_segment(&filter, now).await.expect("count");
        let audience: Vec<i64> = store
            .audience(&filter, now, i64::MAX)
            .await
            .expect("audience")
            .into_iter()
            .map(|r| r.contact_id)
            .collect();
        assert_eq!(audience, expected, "{filter:?}");
        assert_eq!(count, expected.len() as u64, "{filter:?}");
    }
    // The filter found someone in each interesting case (the comparison is not vacuous).
    assert!(
        store
            .count_segment(&attribute("city", AttributeOp::Equals, "madrid"), now)
            .await
            .unwrap()
            == 3
    );
}

fn list_row(line: usize, wa_id: &str) -> ListRow {
    ListRow {
        line,
        address: ListAddress::Phone(wa_id.into()),
        name: Some(format!("Person {line}")),
        values: BTreeMap::from([("coupon".to_string(), format!("C{line}"))]),
        fields: vec![wa_id.into(), format!("Person {line}"), format!("C{line}")],
    }
}

const LIST_HEADER: [&str; 3] = ["phone", "name", "coupon"];

fn new_list<'a>(
    rows: &'a [ListRow],
    rejected: &'a [RejectedRow],
    opt_in: Option<ConsentChange>,
) -> NewList<'a> {
    static HEADER: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| LIST_HEADER.iter().map(|h| h.to_string()).collect());
    static COLUMNS: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| vec!["coupon".to_string()]);
    NewList {
        name: "vip.csv",
        header: &HEADER,
        columns: &COLUMNS,
        rows,
        rejected,
        created_by: None,
        opt_in,
    }
}

/// A list matches contacts by any spelling of their number, creates the others, turns a
/// second row for the same contact into a rejected duplicate, records an opt-in only where
/// nothing was known, and keeps each member's values.
async fn lists_match_create_and_reject(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    // Known: an Argentinian mobile under WhatsApp's spelling (with the 9), who opted out.
    let known = store.contact_for_phone("5491155550101", T).await.unwrap();
    let out = ConsentChange {
        consent: MarketingConsent::OptedOut,
        source: app::domain::consent::ConsentSource::Agent,
        note: None,
        actor_id: None,
        at_ms: T,
    };
    store.change_consent(known.id, &out, None).await.unwrap();
    let rows = vec![
        list_row(2, "541155550101"),
        list_row(3, "34600000077"),
        list_row(4, "5491155550101"),
    ];
    let early = vec![RejectedRow {
        line: 5,
        fields: vec!["x".into()],
        problem: RowProblem::NoAddress,
    }];
    let opt_in = ConsentChange {
        consent: MarketingConsent::OptedIn,
        source: app::domain::consent::ConsentSource::Import,
        note: Some("vip.csv".into()),
        actor_id: None,
        at_ms: T + 1,
    };
    let (list, rejected) = store
        .create_list(&new_list(&rows, &early, Some(opt_in)), T + 1)
        .await
        .unwrap();
    assert_eq!((list.accepted, list.created, list.rejected), (2, 1, 2));
    assert_eq!(list.columns, vec!["coupon".to_string()]);
    assert_eq!(
        rejected
            .iter()
            .map(|r| (r.line, r.problem.clone()))
            .collect::<Vec<_>>(),
        vec![
            (4, RowProblem::Duplicate { line: 2 }),
            (5, RowProblem::NoAddress)
        ]
    );
    let csv = store.list_rejected(list.id).await.unwrap().unwrap();
    assert!(
        csv.contains("5491155550101,Person 4,C4,4,duplicate"),
        "{csv}"
    );
    let members = store.list_members(list.id).await.unwrap();
    assert_eq!(members[&known.id]["coupon"], "C2");
    let new = store
        .contact(ContactKey::WaId("34600000077"))
        .await
        .unwrap()
        .expect("created");
    assert_eq!(new.profile_name.as_deref(), Some("Person 3"));
    assert_eq!(new.marketing, MarketingConsent::OptedIn);
    let known = store
        .contact(ContactKey::WaId("5491155550101"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        known.marketing,
        MarketingConsent::OptedOut,
        "an opt-out stays"
    );
    assert_eq!(store.lists(10).await.unwrap(), vec![list.clone()]);
    assert_eq!(store.list(list.id + 99).await.unwrap(), None);
    assert_eq!(store.list(list.id).await.unwrap(), Some(list));
}

fn attribute(key: &str, op: AttributeOp, value: &str) -> SegmentFilter {
    SegmentFilter {
        attributes: vec![AttributeRule {
            key: key.into(),
            op,
            value: value.into(),
        }],
        ..SegmentFilter::default()
    }
}

fn status_of(wamid: &str, status: DeliveryStatus, code: Option<i64>, at_ms: i64) -> IngestEvent {
    IngestEvent::Status(StatusUpdate {
        wamid: wamid.into(),
        status,
        at_ms,
        error: code.map(|code| MetaError {
            code,
            title: format!("error {code}"),
            details: None,
        }),
        recipient: ContactRef::default(),
        callback: None,
        pricing: None,
    })
}

async fn recipients_are_claimed_once_and_move_forward(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let mut ids = Vec::new();
    for n in 0..40 {
        ids.push(
            store
                .contact_for_phone(&phone(100 + n), T)
                .await
                .unwrap()
                .id,
        );
    }
    let mut recipients: Vec<NewRecipient> = ids.iter().map(|id| queued(*id)).collect();
    recipients[0].skip = Some(Exclusion::OptedOut);
    recipients[1].due_at_ms = T + DAY;
    let id = store
        .create_campaign(&campaign("claims"), &recipients, T)
        .await
        .unwrap();
    let funnel = store.funnel(id).await.unwrap();
    assert_eq!(
        (funnel.targeted, funnel.queued, funnel.skipped),
        (39, 39, 1)
    );
    assert_eq!(funnel.skipped_by_reason, vec![("opted_out".to_string(), 1)]);
    // Four workers claim at once: each recipient goes to one of them.
    let claims =
        futures::future::join_all((0..4).map(|_| store.claim_recipients(id, T, T - HOUR, 100)))
            .await;
    let mut claimed: Vec<i64> = claims
        .into_iter()
        .flat_map(|c| c.expect("claim"))
        .map(|j| j.recipient_id)
        .collect();
    claimed.sort_unstable();
    let before = claimed.len();
    claimed.dedup();
    assert_eq!(before, claimed.len(), "a recipient claimed twice");
    assert_eq!(claimed.len(), 38, "all due ones, not the one due tomorrow");
    // Claimed ones are in doubt: not claimed again until the grace passes.
    assert!(store
        .claim_recipients(id, T + 1, T - HOUR, 100)
        .await
        .unwrap()
        .is_empty());
    let again = store
        .claim_recipients(id, T + 2 * HOUR, T + HOUR, 100)
        .await
        .unwrap();
    assert_eq!(again.len(), 38, "in doubt after the grace: tried again");
    // Sent, then a stale 'sent' after 'delivered' changes nothing.
    let job = &again[0];
    store
        .recipient_sent(job.recipient_id, "wamid.c.1", &text("hola"), T + 3)
        .await
        .unwrap();
    deliver(
        store,
        status_of("wamid.c.1", DeliveryStatus::Delivered, None, T + 4),
        T + 4,
    )
    .await;
    deliver(
        store,
        status_of("wamid.c.1", DeliveryStatus::Sent, None, T + 5),
        T + 5,
    )
    .await;
    let delivered = store.recipients(id, Step::Delivered, 0, 10).await.unwrap();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].state, RecipientState::Delivered);
    // A late failure never hides the delivery.
    deliver(
        store,
        status_of("wamid.c.1", DeliveryStatus::Failed, Some(131_000), T + 6),
        T + 6,
    )
    .await;
    assert_eq!(
        store.recipients(id, Step::Delivered, 0, 10).await.unwrap()[0].state,
        RecipientState::Delivered
    );
    // Ended recipients stay ended; a refused one carries Meta's words.
    let other = &again[1];
    let error = MetaError {
        code: 131_026,
        title: "Message undeliverable".into(),
        details: None,
    };
    store
        .recipient_ended(
            other.recipient_id,
            RecipientState::Failed,
            Some(&error),
            None,
            T + 7,
        )
        .await
        .unwrap();
    let failed = store.recipients(id, Step::Failed, 0, 10).await.unwrap();
    assert_eq!(failed[0].error.as_ref().map(|e| e.code), Some(131_026));
    store
        .recipient_sent(other.recipient_id, "wamid.c.late", &text("x"), T + 8)
        .await
        .unwrap();
    assert_eq!(
        store
            .recipients(id, Step::Failed, 0, 10)
            .await
            .unwrap()
            .len(),
        1,
        "failed stays failed"
    );
    let funnel = store.funnel(id).await.unwrap();
    assert_eq!(funnel.failed_by_code, vec![(131_026, 1)]);
    assert!(
        !store.finish_if_done(id, T + 9).await.unwrap(),
        "recipients still wait"
    );
}

async fn statuses_and_answers_reach_the_recipient(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let vip = store
        .create_label(&LabelDraft::new("VIP", "violet", "").unwrap(), T)
        .await
        .unwrap()
        .id;
    // Customer 7 wrote long ago (resolved); customer 8 never wrote.
    let old = customer_writes(store, 7, 0, T - 10 * DAY).await;
    store
        .set_conversation_status(old, ConversationStatus::Resolved, None, None, T - 10 * DAY)
        .await
        .unwrap();
    let seven = contact_id(store, &phone(7)).await;
    let eight = store.contact_for_phone(&phone(8), T).await.unwrap().id;
    let id = store
        .create_campaign(&campaign("answers"), &[queued(seven), queued(eight)], T)
        .await
        .unwrap();
    let jobs = store.claim_recipients(id, T, T - HOUR, 10).await.unwrap();
    let body = MessageBody::Text {
        body: "Spring sale: 20% off".into(),
    };
    let by_contact: BTreeMap<i64, i64> = jobs
        .iter()
        .map(|j| (j.contact_id, j.recipient_id))
        .collect();
    // Customer 7's answer was lost: the status names the recipient by our callback data.
    store
        .recipient_sent(by_contact[&eight], "wamid.a.8", &body, T + 1)
        .await
        .unwrap();
    let mut lost = status_of("wamid.a.7", DeliveryStatus::Read, None, T + 2);
    if let IngestEvent::Status(s) = &mut lost {
        s.callback = Some(app::ssr::campaign_ingest::callback_for_recipient(
            by_contact[&seven],
        ));
        s.pricing = Some(app::ssr::ingest::Pricing {
            billable: Some(true),
            pricing_model: Some("PMP".into()),
            pricing_type: Some("regular".into()),
            category: Some("marketing".into()),
        });
    }
    deliver(store, lost, T + 2).await;
    let read = store.recipients(id, Step::Read, 0, 10).await.unwrap();
    assert_eq!(read.len(), 1, "read (and so delivered and sent)");
    assert_eq!(store.funnel(id).await.unwrap().delivered, 1);
    assert_eq!(
        store.charged(id).await.unwrap(),
        vec![("marketing".to_string(), "Spain".to_string(), 1)]
    );
    // Customer 7 taps the campaign's label button: a new conversation, to the queue (the
    // campaign says so), with the campaign's message first and the label on.
    let mut tap = message(
        7,
        1,
        T + 3,
        MessageBody::TemplateButton {
            text: "I want it".into(),
            payload: format!("{}{vip}", app::ssr::campaign_ingest::LABEL_PAYLOAD_PREFIX),
        },
    );
    if let IngestEvent::Message(m) = &mut tap {
        m.context.quoted_wamid = Some("wamid.a.7".into());
    }
    let mut feed = store.changes();
    deliver(store, tap, T + 3).await;
    let conversation = store
        .message_by_wamid("wamid.report.7.1")
        .await
        .unwrap()
        .unwrap()
        .conversation_id;
    assert_ne!(conversation, old, "a new conversation");
    let record = store.conversation(conversation).await.unwrap().unwrap();
    assert_eq!(
        record.status(),
        ConversationStatus::Open,
        "to the queue, not the bot"
    );
    let thread = store.messages_of_conversation(conversation).await.unwrap();
    assert_eq!(thread.len(), 2, "{thread:?}");
    assert_eq!(
        thread[0].direction,
        app::ssr::Direction::Outbound,
        "the campaign message first"
    );
    // Its send's answer was lost: the bubble names the template (what the status proved).
    assert!(
        matches!(&thread[0].body, MessageBody::Outbound { sent } if matches!(&**sent, app::domain::outbound::Outbound::Template { name, .. } if name == "spring_sale")),
        "{:?}",
        thread[0].body
    );
    assert_eq!(thread[0].status, Some(DeliveryStatus::Read));
    // Reports count each step in the period it happened, with what was sent and charged then.
    let facts = store.report_facts(T, T + DAY).await.unwrap();
    let fact = facts
        .campaigns
        .iter()
        .find(|c| c.campaign_id == id)
        .expect("the campaign moved today");
    assert_eq!(
        (
            fact.sent,
            fact.delivered,
            fact.read,
            fact.replied,
            fact.failed
        ),
        (2, 1, 1, 1, 0)
    );
    assert_eq!(fact.estimated_micros, 125_000);
    assert_eq!(
        fact.charged,
        vec![("marketing".to_string(), "Spain".to_string(), 1)]
    );
    let tomorrow = store.report_facts(T + DAY, T + 2 * DAY).await.unwrap();
    assert!(tomorrow.campaigns.iter().all(|c| c.campaign_id != id));
    let summary = store
        .conversation_summary(conversation)
        .await
        .unwrap()
        .unwrap();
    assert!(
        summary.labels.iter().any(|l| l.id == vip),
        "the button's label"
    );
    assert_eq!(
        store
            .recipients(id, Step::Replied, 0, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    let mut heard = false;
    while let Ok(Ok(change)) =
        tokio::time::timeout(std::time::Duration::from_secs(5), feed.recv()).await
    {
        if change == (app::ssr::Change::Campaign { id }) {
            heard = true;
            break;
        }
    }
    assert!(heard, "the campaign's figures are announced");
    // Customer 8 stopped marketing: 131050 → opted out (and the contact's consent too).
    deliver(
        store,
        status_of("wamid.a.8", DeliveryStatus::Failed, Some(131_050), T + 4),
        T + 4,
    )
    .await;
    assert_eq!(
        store
            .recipients(id, Step::OptedOut, 0, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    let contact = store.contact(ContactKey::Id(eight)).await.unwrap().unwrap();
    assert_eq!(contact.marketing, MarketingConsent::OptedOut);
    // An answer after 72 hours belongs to no campaign.
    deliver(
        store,
        message(7, 2, T + 4 * DAY, text("hola otra vez")),
        T + 4 * DAY,
    )
    .await;
    assert_eq!(store.funnel(id).await.unwrap().replied, 1);
}

async fn cancelling_skips_the_queued_and_stops_by_template(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let a = store.contact_for_phone(&phone(20), T).await.unwrap().id;
    let b = store.contact_for_phone(&phone(21), T).await.unwrap().id;
    let id = store
        .create_campaign(&campaign("cancel me"), &[queued(a), queued(b)], T)
        .await
        .unwrap();
    assert!(
        !store
            .set_campaign_state(
                id,
                &[CampaignState::Paused],
                CampaignState::Running,
                None,
                T
            )
            .await
            .unwrap(),
        "not paused: nothing changes"
    );
    assert!(store
        .set_campaign_state(
            id,
            &[CampaignState::Running],
            CampaignState::Cancelled,
            None,
            T + 1
        )
        .await
        .unwrap());
    let c = store.campaign(id).await.unwrap().unwrap();
    assert_eq!(
        (c.state, c.finished_at_ms),
        (CampaignState::Cancelled, Some(T + 1))
    );
    let funnel = store.funnel(id).await.unwrap();
    assert_eq!((funnel.queued, funnel.skipped), (0, 2));
    assert!(store
        .claim_recipients(id, T + 2, T, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(store.sending_campaigns(T + 2).await.unwrap().is_empty());
    // Meta pauses the template of another campaign: it stops, with the reason.
    let other = store
        .create_campaign(&campaign("other"), &[queued(a)], T)
        .await
        .unwrap();
    let paused = IngestEvent::Template(app::ssr::ingest::TemplateEvent {
        template_id: "tpl-1".into(),
        name: "spring_sale".into(),
        language: "es".into(),
        change: app::ssr::ingest::TemplateChange::Status {
            status: "PAUSED".into(),
            reason: None,
        },
        at_ms: T + 3,
    });
    deliver(store, paused, T + 3).await;
    let c = store.campaign(other).await.unwrap().unwrap();
    assert_eq!(c.state, CampaignState::Stopped);
    assert_eq!(
        c.stop_reason,
        Some(StopReason::Template {
            status: "PAUSED".into()
        })
    );
    // Finishing: once nobody waits.
    let done = store
        .create_campaign(&campaign("done"), &[queued(b)], T)
        .await
        .unwrap();
    let job = store.claim_recipients(done, T, T - HOUR, 10).await.unwrap();
    store
        .recipient_sent(job[0].recipient_id, "wamid.done", &text("x"), T + 4)
        .await
        .unwrap();
    assert!(store.finish_if_done(done, T + 5).await.unwrap());
    assert_eq!(
        store.campaign(done).await.unwrap().unwrap().state,
        CampaignState::Finished
    );
}

async fn limited_recipients_are_queued_again_once(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let a = store.contact_for_phone(&phone(30), T).await.unwrap().id;
    let id = store
        .create_campaign(&campaign("limited"), &[queued(a)], T)
        .await
        .unwrap();
    let job = store.claim_recipients(id, T, T - HOUR, 10).await.unwrap();
    store
        .recipient_sent(job[0].recipient_id, "wamid.l.1", &text("x"), T)
        .await
        .unwrap();
    deliver(
        store,
        status_of("wamid.l.1", DeliveryStatus::Failed, Some(131_049), T + 1),
        T + 1,
    )
    .await;
    assert!(store.finish_if_done(id, T + 2).await.unwrap());
    assert_eq!(
        store.requeue_limited(id, T + DAY, T + DAY).await.unwrap(),
        1
    );
    assert_eq!(
        store.campaign(id).await.unwrap().unwrap().state,
        CampaignState::Running
    );
    let again = store.claim_recipients(id, T + DAY, T, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    store
        .recipient_sent(again[0].recipient_id, "wamid.l.2", &text("x"), T + DAY)
        .await
        .unwrap();
    deliver(
        store,
        status_of(
            "wamid.l.2",
            DeliveryStatus::Failed,
            Some(131_049),
            T + DAY + 1,
        ),
        T + DAY + 1,
    )
    .await;
    assert_eq!(
        store
            .requeue_limited(id, T + 2 * DAY, T + 2 * DAY)
            .await
            .unwrap(),
        0,
        "only once"
    );
    assert_eq!(
        store.reached_since(T - DAY).await.unwrap(),
        0,
        "limited ones were not reached"
    );
}

//! The demo's finished campaign: three days ago, "Autumn sale" went to the week's customers,
//! so the Campaigns screen has a funnel to show (delivered, read, limited by WhatsApp, one
//! number not on WhatsApp). Written through the store as the campaign worker and Meta's
//! statuses would have written it.

use app::domain::campaigns::CampaignState;
use app::domain::message::{DeliveryStatus, MessageBody, MetaError};
use app::ssr::campaign_store::{NewCampaign, NewRecipient};
use app::ssr::ingest::{ContactRef, IngestEvent, StatusUpdate};
use app::ssr::{now_ms, ContactKey, ServerState, StoreError};

const SEEDED: &str = "demo.campaign";
const HOUR: i64 = 3_600_000;

pub async fn seed(state: &ServerState) -> Result<(), String> {
    let store = state.store.as_ref();
    let fail = |e: StoreError| format!("DATABASE_URL: cannot write the demo campaign: {e}");
    if store.setting(SEEDED).await.map_err(fail)?.is_some() {
        return Ok(());
    }
    let now = now_ms();
    let start = now - 72 * HOUR;
    let mut recipients = Vec::new();
    for n in 1..=42_u32 {
        let wa_id = format!("3469900{n:04}");
        if let Some(c) = store
            .contact(ContactKey::WaId(&wa_id))
            .await
            .map_err(fail)?
        {
            recipients.push(NewRecipient {
                contact_id: c.id,
                columns: None,
                skip: None,
                due_at_ms: start,
                estimate: Some(("marketing".into(), Some(61_000), "Spain".into())),
            });
        }
    }
    if recipients.is_empty() {
        return Ok(());
    }
    let composition = r#"{"template_name":"we_miss_you","language":"en_US","mappings":[{"slot":"body.1","source":{"from":"first_name"},"fallback":"there"},{"slot":"button.0","source":{"from":"fixed","key":"autumn15"},"fallback":""}],"header_media":null}"#;
    // Paused while it is written: the running worker must not send it again.
    let campaign = NewCampaign {
        name: "Autumn sale".into(),
        state: CampaignState::Paused,
        template_name: "we_miss_you".into(),
        template_language: "en_US".into(),
        template_category: Some("MARKETING".into()),
        composition: composition.into(),
        audience: "{}".into(),
        replies_to: "queue".into(),
        buttons: r#"[{"index":1,"action":{"does":"opt_out"}}]"#.into(),
        start_at_ms: start,
        quiet_hours: None,
        rate_per_second: 40,
        estimated_micros: Some(61_000 * recipients.len() as i64),
        currency: Some("USD".into()),
        created_by: store
            .user_by_email("supervisor@demo.local")
            .await
            .map_err(fail)?
            .map(|u| u.id),
    };
    let id = store
        .create_campaign(&campaign, &recipients, start)
        .await
        .map_err(fail)?;
    let jobs = store
        .claim_recipients(id, start, start - HOUR, 100)
        .await
        .map_err(fail)?;
    let body = MessageBody::Text {
        body: "Hi! It has been a while. Here is 10% off your next order.".into(),
    };
    for (i, job) in jobs.iter().enumerate() {
        let wamid = format!("wamid.demo.campaign.{}", job.recipient_id);
        let at = start + i as i64 * 500;
        store
            .recipient_sent(job.recipient_id, &wamid, &body, at)
            .await
            .map_err(fail)?;
        // Most delivered, half of those read; a few limited by WhatsApp, one not on it.
        let (status, code) = match i % 10 {
            7 => (DeliveryStatus::Failed, Some(131_049)),
            9 if i == 9 => (DeliveryStatus::Failed, Some(131_026)),
            0 | 2 | 4 | 6 | 8 => (DeliveryStatus::Read, None),
            _ => (DeliveryStatus::Delivered, None),
        };
        let update = StatusUpdate {
            wamid,
            status,
            at_ms: at + 40_000,
            error: code.map(|code| MetaError {
                code,
                title: if code == 131_049 {
                    "This message was not delivered to maintain healthy ecosystem engagement."
                        .into()
                } else {
                    "Message undeliverable".into()
                },
                details: None,
            }),
            recipient: ContactRef::default(),
            callback: None,
            // As Meta prices a delivered marketing template; failures carry no pricing.
            pricing: code.is_none().then(|| app::ssr::ingest::Pricing {
                billable: Some(true),
                pricing_model: Some("PMP".into()),
                pricing_type: Some("regular".into()),
                category: Some("marketing".into()),
            }),
        };
        store
            .ingest(&[IngestEvent::Status(update)], at + 40_000)
            .await
            .map_err(fail)?;
    }
    store
        .set_campaign_state(
            id,
            &[CampaignState::Paused],
            CampaignState::Finished,
            None,
            start + HOUR,
        )
        .await
        .map_err(fail)?;
    store.put_setting(SEEDED, "true", now).await.map_err(fail)
}

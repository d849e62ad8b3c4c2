//! A week of past conversations for the demo's Reports screen, written once through the real
//! store operations with past timestamps (so the event log is exactly what the desk would
//! have recorded): replies, assignments, labels, resolutions, a template with Meta's pricing,
//! an ad, and — when the demo bot is on — handoffs and a resolution by the bot.
//!
//! Every send gets a made-up wamid at once, so the outbound worker never sends these to the
//! simulator.

use app::domain::bot::engine::{BotState, TurnEnd};
use app::domain::bot::{HandoffReason, BOT_ENABLED_SETTING};
use app::domain::inbox::ConversationStatus;
use app::domain::message::{DeliveryStatus, MessageBody, MessageContext, Referral};
use app::domain::outbound::Outbound;
use app::domain::pricing::{
    estimate, pricing_day, Content, Estimate, PricingSettings, SendFacts, PRICING_SETTING,
};
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent, Pricing, StatusUpdate};
use app::ssr::{now_ms, BotTurnWrite, NewOutbound, ServerState, Store, StoreError};

/// Present once the week is written.
const SEEDED: &str = "demo.report_history";
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

const CUSTOMERS: [&str; 6] = [
    "Lucía Romero",
    "Pablo Núñez",
    "Emma Wilson",
    "Sergio Castro",
    "Nuria Ortega",
    "Oliver Brown",
];

/// How one past conversation went.
#[derive(Clone, Copy)]
enum Story {
    /// An agent answers after `wait` minutes and resolves it.
    Answered {
        wait: i64,
        label: Option<&'static str>,
    },
    /// An agent starts it with a template (marketing, billable).
    Template,
    /// The customer came from an ad; an agent answers.
    FromAd,
    /// The bot hands it to people (when the bot is on).
    BotHandoff,
    /// The bot resolves it (when the bot is on).
    BotResolved,
}

const WEEK: [Story; 5] = [
    Story::Answered {
        wait: 4,
        label: Some("Billing"),
    },
    Story::Answered {
        wait: 25,
        label: Some("Delivery"),
    },
    Story::Template,
    Story::BotHandoff,
    Story::FromAd,
];

pub async fn seed_week(state: &ServerState) -> Result<(), String> {
    let store = state.store.as_ref();
    let fail = |e: StoreError| format!("DATABASE_URL: cannot write the demo history: {e}");
    if store.setting(SEEDED).await.map_err(fail)?.is_some() {
        return Ok(());
    }
    let pricing = PricingSettings::from_setting(
        store
            .setting(PRICING_SETTING)
            .await
            .map_err(fail)?
            .as_deref(),
    );
    let agents = [
        store.user_by_email("ana@demo.local").await.map_err(fail)?,
        store.user_by_email("luis@demo.local").await.map_err(fail)?,
    ];
    let [Some(ana), Some(luis)] = agents else {
        return Ok(());
    };
    let bot = store
        .setting(BOT_ENABLED_SETTING)
        .await
        .map_err(fail)?
        .as_deref()
        == Some("true");
    let labels = store.labels().await.map_err(fail)?;
    let now = now_ms();
    let mut n = 0_u32;
    for day in (1..=7_i64).rev() {
        for (slot, story) in WEEK.iter().enumerate() {
            // Spread over the day; every other day the bot resolves one instead of the ad.
            let story = if slot == 4 && day % 2 == 0 {
                Story::BotResolved
            } else {
                *story
            };
            let at = now - day * DAY + (9 + 2 * slot as i64) * HOUR + day * 7 * MINUTE;
            let agent = if (day + slot as i64) % 2 == 0 {
                ana.id
            } else {
                luis.id
            };
            let label = |name: &str| labels.iter().find(|l| l.name == name).map(|l| l.id);
            n += 1;
            let past = Past {
                store,
                pricing: &pricing,
                n,
                at,
            };
            let written = match story {
                Story::Answered { wait, label: tag } => {
                    past.answered(agent, wait + day, tag.and_then(label)).await
                }
                Story::Template => past.template(agent).await,
                Story::FromAd => past.came_from_ad(agent, bot).await,
                Story::BotHandoff if bot => past.bot_handoff(agent).await,
                Story::BotResolved if bot => past.bot_resolved().await,
                Story::BotHandoff | Story::BotResolved => past.answered(agent, 9, None).await,
            };
            written.map_err(fail)?;
        }
    }
    store.put_setting(SEEDED, "true", now).await.map_err(fail)
}

/// One past conversation: customer `n`, starting at `at`.
struct Past<'a> {
    store: &'a dyn Store,
    /// The demo's rate card (seeded before the week): each send is estimated as the desk does.
    pricing: &'a PricingSettings,
    n: u32,
    at: i64,
}

impl Past<'_> {
    fn wa_id(&self) -> String {
        format!("3469900{:04}", self.n)
    }

    async fn customer_writes(
        &self,
        seq: u32,
        at: i64,
        text: &str,
        referral: Option<Referral>,
    ) -> Result<i64, StoreError> {
        let wamid = format!("wamid.demo.week.{}.{seq}", self.n);
        let message = InboundMessage {
            wamid: wamid.clone(),
            from: ContactRef {
                wa_id: Some(self.wa_id()),
                name: Some(CUSTOMERS[self.n as usize % CUSTOMERS.len()].into()),
                ..ContactRef::default()
            },
            sent_at_ms: at,
            body: MessageBody::Text { body: text.into() },
            context: MessageContext::default(),
            referral,
            raw: "{}".into(),
        };
        self.store
            .ingest(&[IngestEvent::Message(Box::new(message))], at)
            .await?;
        let stored = self.store.message_by_wamid(&wamid).await?;
        stored
            .map(|m| m.conversation_id)
            .ok_or(StoreError::NotFound)
    }

    /// Sends and has Meta accept, deliver and (for replies) read it. The desk's estimate is
    /// kept as the send gate keeps it, and Meta's pricing follows the same rules (a template
    /// of `template_category`, or free-form when `None`).
    async fn send(
        &self,
        conversation: i64,
        author: Option<i64>,
        outbound: Outbound,
        at: i64,
        template_category: Option<&str>,
    ) -> Result<(), StoreError> {
        let new = NewOutbound {
            conversation_id: conversation,
            outbound,
            sender_user_id: author,
            reply_to: None,
            echo_id: None,
        };
        let message = self.store.insert_outbound(new, at).await?;
        let estimate = self.estimate(template_category, at);
        self.store
            .note_estimate(message.id, &estimate, &self.pricing.table.currency)
            .await?;
        let wamid = format!("wamid.demo.week.out.{}", message.id);
        self.store.mark_sent(message.id, &wamid, at + 1_000).await?;
        let pricing = Pricing {
            billable: Some(estimate.free.is_none()),
            pricing_model: Some("PMP".into()),
            pricing_type: Some(estimate.free.map_or("regular", |f| f.pricing_type()).into()),
            category: Some(estimate.category.as_str().into()),
        };
        let statuses = [
            (DeliveryStatus::Delivered, 5_000),
            (DeliveryStatus::Read, 2 * MINUTE),
        ]
        .map(|(status, after)| {
            IngestEvent::Status(StatusUpdate {
                wamid: wamid.clone(),
                status,
                at_ms: at + after,
                error: None,
                recipient: ContactRef::default(),
                callback: None,
                pricing: Some(pricing.clone()),
            })
        });
        self.store
            .ingest(&statuses, at + 2 * MINUTE)
            .await
            .map(|_| ())
    }

    /// What the send gate would estimate (Spanish numbers, a Spanish business; replies go
    /// inside the window the customer opened).
    fn estimate(&self, template_category: Option<&str>, at: i64) -> Estimate {
        let facts = SendFacts {
            content: match template_category {
                Some(category) => Content::Template(Some(category)),
                None => Content::FreeForm,
            },
            window_open: template_category.is_none(),
            entry_point_open: false,
            recipient_country: Some("ES"),
            business_country: Some("ES"),
            date: pricing_day(at),
        };
        estimate(&facts, &self.pricing.rules, &self.pricing.table)
    }

    async fn reply_and_resolve(
        &self,
        conversation: i64,
        agent: i64,
        at: i64,
    ) -> Result<(), StoreError> {
        let reply = Outbound::Text {
            body: "¡Hola! Lo miro ahora mismo.".into(),
            preview_url: false,
        };
        self.send(conversation, Some(agent), reply, at, None)
            .await?;
        self.customer_writes(1, at + 6 * MINUTE, "Perfecto, gracias", None)
            .await?;
        let resolved = at + 40 * MINUTE;
        self.store
            .set_conversation_status(
                conversation,
                ConversationStatus::Resolved,
                None,
                Some(agent),
                resolved,
            )
            .await
            .map(|_| ())
    }

    async fn answered(&self, agent: i64, wait: i64, label: Option<i64>) -> Result<(), StoreError> {
        // Started by people: a conversation of theirs before the customer's first message.
        let conversation = self
            .store
            .conversation_for_phone(&self.wa_id(), self.at)
            .await?;
        self.customer_writes(0, self.at, "Hola, tengo una duda con mi pedido", None)
            .await?;
        self.store
            .claim(conversation, agent, Some(agent), false, self.at + MINUTE)
            .await?;
        if let Some(label) = label {
            self.store
                .label_conversation(conversation, label, true, Some(agent), self.at + 2 * MINUTE)
                .await?;
        }
        self.reply_and_resolve(conversation, agent, self.at + wait * MINUTE)
            .await
    }

    async fn template(&self, agent: i64) -> Result<(), StoreError> {
        let conversation = self
            .store
            .conversation_for_phone(&self.wa_id(), self.at)
            .await?;
        self.store
            .claim(conversation, agent, Some(agent), false, self.at)
            .await?;
        let template = Outbound::Template {
            name: "seguimiento_consulta".into(),
            language: "es_ES".into(),
            header: vec![],
            body: vec![],
            buttons: vec![],
            header_media: None,
            rendered: None,
        };
        self.send(
            conversation,
            Some(agent),
            template,
            self.at + MINUTE,
            Some("MARKETING"),
        )
        .await?;
        self.customer_writes(0, self.at + 30 * MINUTE, "Sí, me interesa", None)
            .await?;
        self.reply_and_resolve(conversation, agent, self.at + 38 * MINUTE)
            .await
    }

    async fn came_from_ad(&self, agent: i64, bot: bool) -> Result<(), StoreError> {
        let referral = Referral {
            source_type: Some("ad".into()),
            source_id: Some(
                if self.n.is_multiple_of(2) {
                    "120208850000001"
                } else {
                    "120208850000002"
                }
                .into(),
            ),
            headline: Some(
                if self.n.is_multiple_of(2) {
                    "Rebajas de verano"
                } else {
                    "Envío gratis"
                }
                .into(),
            ),
            source_url: Some("https://fb.me/demo-ad".into()),
            ..Referral::default()
        };
        let conversation = self
            .customer_writes(0, self.at, "Hola, vi vuestro anuncio", Some(referral))
            .await?;
        if bot {
            self.bot_turn(
                conversation,
                Some(TurnEnd::HandOff {
                    reason: HandoffReason::Button,
                }),
                self.at + MINUTE,
            )
            .await?;
        }
        self.store
            .claim(conversation, agent, None, false, self.at + 3 * MINUTE)
            .await?;
        self.reply_and_resolve(conversation, agent, self.at + 7 * MINUTE)
            .await
    }

    async fn bot_handoff(&self, agent: i64) -> Result<(), StoreError> {
        let conversation = self
            .customer_writes(0, self.at, "Quiero hablar con una persona", None)
            .await?;
        let reason = if self.n.is_multiple_of(3) {
            HandoffReason::Misunderstood
        } else {
            HandoffReason::Asked
        };
        self.bot_turn(
            conversation,
            Some(TurnEnd::HandOff { reason }),
            self.at + MINUTE,
        )
        .await?;
        self.store
            .claim(conversation, agent, None, false, self.at + 5 * MINUTE)
            .await?;
        self.reply_and_resolve(conversation, agent, self.at + 12 * MINUTE)
            .await
    }

    async fn bot_resolved(&self) -> Result<(), StoreError> {
        let conversation = self
            .customer_writes(0, self.at, "¿A qué hora abrís?", None)
            .await?;
        self.bot_turn(conversation, None, self.at + MINUTE).await?;
        self.customer_writes(1, self.at + 3 * MINUTE, "Gracias, eso es todo", None)
            .await?;
        self.bot_turn(conversation, Some(TurnEnd::Resolved), self.at + 4 * MINUTE)
            .await
    }

    async fn bot_turn(
        &self,
        conversation: i64,
        end: Option<TurnEnd>,
        at: i64,
    ) -> Result<(), StoreError> {
        let Some(seen) = self.store.bot_conversation(conversation).await? else {
            return Err(StoreError::NotFound);
        };
        let reply = Outbound::Text {
            body: "Te ayudo enseguida.".into(),
            preview_url: false,
        };
        let write = BotTurnWrite {
            answering: None,
            conversation_id: conversation,
            expected_turn: seen.turn,
            state: BotState::default(),
            replies: vec![reply],
            end,
        };
        if let app::ssr::BotTurnOutcome::Written { messages } =
            self.store.bot_turn(write, at).await?
        {
            for id in messages {
                self.store
                    .mark_sent(id, &format!("wamid.demo.week.out.{id}"), at + 1_000)
                    .await?;
            }
        }
        Ok(())
    }
}

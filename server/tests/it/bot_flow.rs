//! The bot in real conversations: customers write through signed webhooks, the bot answers
//! (its replies queued like everyone's), hands off on every trigger, and stays silent once a
//! person has the conversation. Runs on both databases.

use crate::support;

use app::domain::bot::{BotConfig, HandoffReason, BOT_ENABLED_SETTING, BOT_SETTING};
use app::domain::inbox::ConversationStatus;
use app::domain::message::{Activity, MessageBody};
use app::domain::outbound::Outbound;
use app::domain::roles::Role;
use app::ssr::{now_ms, ConversationRecord, MessageRecord};
use app::wire::inbox::Sender;
use serde_json::{json, Value};
use server::whatsapp::signature::sign;
use support::console::{signed_in, Agent};
use support::{Db, TestApp, APP_SECRET, PHONE_NUMBER_ID};

/// A desk with the demo shop's bot (menu, FAQ, catalog), switched on.
async fn desk(db: Db) -> TestApp {
    let app = support::spawn(db, |_| {}).await;
    server::demo::bot::seed(&app.state, true)
        .await
        .expect("bot seeded");
    app
}

async fn configure(app: &TestApp, change: impl FnOnce(&mut BotConfig)) {
    let mut config = app::ssr::bot::config(app.state.store.as_ref())
        .await
        .expect("config");
    change(&mut config);
    let json = serde_json::to_string(&config).expect("json");
    app.state
        .store
        .put_setting(BOT_SETTING, &json, now_ms())
        .await
        .expect("save");
}

/// Delivers one customer message (a Cloud API message object without `from`, `id` and
/// `timestamp`, which are filled in) as a signed webhook; returns the stored message.
async fn customer_sends(app: &TestApp, phone: &str, message: Value) -> MessageRecord {
    let wamid = format!("wamid.bot{}{}", phone, rand_suffix());
    let mut message = message;
    message["from"] = json!(phone);
    message["id"] = json!(wamid);
    if message.get("timestamp").is_none() {
        message["timestamp"] = json!((now_ms() / 1000).to_string());
    }
    let body = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": "Carla Ortiz"}, "wa_id": phone}],
            "messages": [message],
        }}]}],
    });
    let body = serde_json::to_vec(&body).expect("json");
    let response = reqwest::Client::new()
        .post(format!("{}/webhooks/whatsapp", app.base))
        .header("content-type", "application/json")
        .header("x-hub-signature-256", sign(APP_SECRET.as_bytes(), &body))
        .body(body)
        .send()
        .await
        .expect("webhook");
    assert_eq!(response.status().as_u16(), 200, "webhook");
    app.state
        .store
        .message_by_wamid(&wamid)
        .await
        .expect("read")
        .expect("stored")
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed).to_string()
}

async fn says(app: &TestApp, phone: &str, text: &str) -> MessageRecord {
    customer_sends(app, phone, json!({"type": "text", "text": {"body": text}})).await
}

async fn taps(app: &TestApp, phone: &str, id: &str, title: &str) -> MessageRecord {
    customer_sends(
        app,
        phone,
        json!({"type": "interactive", "interactive": {"type": "list_reply",
            "list_reply": {"id": id, "title": title}}}),
    )
    .await
}

async fn bot_messages(app: &TestApp, conversation: i64) -> Vec<MessageRecord> {
    app.state
        .store
        .messages_of_conversation(conversation)
        .await
        .expect("read")
        .into_iter()
        .filter(|m| m.sender == Sender::Bot)
        .collect()
}

/// Waits until the bot has written `count` messages in the conversation; returns them all.
async fn until_bot_said(app: &TestApp, conversation: i64, count: usize) -> Vec<MessageRecord> {
    for _ in 0..400 {
        let said = bot_messages(app, conversation).await;
        if said.len() >= count {
            return said;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!(
        "the bot wrote {:?}, not {count} messages",
        bot_messages(app, conversation).await
    );
}

/// `agent` presses Take (Take over from the bot).
async fn take(app: &TestApp, agent: &Agent, id: i64) -> support::Reply {
    let id = id.to_string();
    app.call(
        &agent.client,
        "inbox/assign-me",
        &[("conversation_id", &id), ("mine", "true")],
    )
    .await
}

/// `agent` gives the conversation back to the bot.
async fn hand_back(app: &TestApp, agent: &Agent, id: i64) -> support::Reply {
    let id = id.to_string();
    app.call(
        &agent.client,
        "inbox/return-to-bot",
        &[("conversation_id", &id)],
    )
    .await
}

async fn conversation(app: &TestApp, id: i64) -> ConversationRecord {
    app.state
        .store
        .conversation(id)
        .await
        .expect("read")
        .expect("exists")
}

async fn activities(app: &TestApp, conversation: i64) -> Vec<Activity> {
    app.state
        .store
        .messages_of_conversation(conversation)
        .await
        .expect("read")
        .into_iter()
        .filter_map(|m| match m.body {
            MessageBody::Activity { activity, .. } => Some(activity),
            _ => None,
        })
        .collect()
}

fn sent(message: &MessageRecord) -> Outbound {
    match &message.body {
        MessageBody::Text { body } => Outbound::Text {
            body: body.clone(),
            preview_url: false,
        },
        MessageBody::Outbound { sent } => (**sent).clone(),
        other => panic!("not a bot reply: {other:?}"),
    }
}

fn text_of(message: &MessageRecord) -> String {
    match sent(message) {
        Outbound::Text { body, .. } => body,
        Outbound::Buttons { body, .. } | Outbound::List { body, .. } => body,
        Outbound::ImageLink { caption, .. } => caption.unwrap_or_default(),
        other => panic!("unexpected {other:?}"),
    }
}

fn choice_ids(message: &MessageRecord) -> Vec<String> {
    match sent(message) {
        Outbound::Buttons { buttons, .. } => buttons.into_iter().map(|b| b.id).collect(),
        Outbound::List { sections, .. } => sections
            .into_iter()
            .flat_map(|s| s.rows)
            .map(|r| r.id)
            .collect(),
        other => panic!("no choices in {other:?}"),
    }
}

/// A handed-off conversation waits in the queue, unassigned, with the reason on record.
async fn assert_handed_off(app: &TestApp, id: i64, reason: HandoffReason) {
    let c = conversation(app, id).await;
    assert_eq!(c.status(), ConversationStatus::Open, "open for people");
    assert_eq!(c.assignee_id, None);
    assert!(
        app.state
            .store
            .queued(50)
            .await
            .expect("queue")
            .contains(&id),
        "in the queue"
    );
    assert!(activities(app, id)
        .await
        .contains(&Activity::HandedOff { reason }));
}

async fn greets_and_hands_off_when_asked(db: Db) {
    let app = desk(db).await;
    let hello = says(&app, "34600000001", "Hola").await;
    let id = hello.conversation_id;
    assert_eq!(
        conversation(&app, id).await.status(),
        ConversationStatus::Bot
    );
    let said = until_bot_said(&app, id, 1).await;
    assert!(text_of(&said[0]).contains("Deportes Buzón"), "greeting");
    let choices = choice_ids(&said[0]);
    assert_eq!(
        choices.last().map(String::as_str),
        Some("human"),
        "the menu ends with a person: {choices:?}"
    );
    assert!(
        matches!(sent(&said[0]), Outbound::List { .. }),
        "4 options + person: a list"
    );
    // Pending, in the one outbound queue.
    assert_eq!(
        said[0].status,
        Some(app::domain::message::DeliveryStatus::Pending)
    );

    says(&app, "34600000001", "quiero hablar con un agente").await;
    let said = until_bot_said(&app, id, 2).await;
    assert!(text_of(&said[1]).contains("Te paso con una persona"));
    assert_handed_off(&app, id, HandoffReason::Asked).await;

    // Afterwards the bot is silent in this conversation.
    says(&app, "34600000001", "¿a qué hora abren?").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(bot_messages(&app, id).await.len(), 2);
}

async fn a_customer_who_writes_portuguese_hears_the_bot_in_portuguese(db: Db) {
    let app = desk(db).await;
    // The demo shop's bot speaks Spanish; this customer writes Portuguese.
    let hello = says(
        &app,
        "5511900000002",
        "Oi, tudo bem? Quero saber o preço do tênis",
    )
    .await;
    let id = hello.conversation_id;
    let said = until_bot_said(&app, id, 1).await;
    assert!(
        text_of(&said[0]).starts_with("Olá!"),
        "{}",
        text_of(&said[0])
    );
    let contact = app
        .state
        .store
        .contact(app::ssr::ContactKey::WaId("5511900000002"))
        .await
        .expect("read")
        .expect("contact");
    assert_eq!(contact.language, Some(app::i18n::Lang::PtBr));
    says(
        &app,
        "5511900000002",
        "quero falar com um atendente, por favor",
    )
    .await;
    let said = until_bot_said(&app, id, 2).await;
    assert!(
        text_of(&said[1]).contains("Vou passar você para uma pessoa"),
        "{}",
        text_of(&said[1])
    );
    assert_handed_off(&app, id, HandoffReason::Asked).await;

    // With the switch off, everyone hears the business's language.
    configure(&app, |c| c.customer_language = false).await;
    let other = says(
        &app,
        "5511900000003",
        "Oi, tudo bem? Quero saber o preço do tênis",
    )
    .await
    .conversation_id;
    let said = until_bot_said(&app, other, 1).await;
    assert!(
        text_of(&said[0]).contains("Deportes Buzón"),
        "{}",
        text_of(&said[0])
    );
}

async fn the_person_option_hands_off(db: Db) {
    let app = desk(db).await;
    let id = says(&app, "34600000002", "buenas").await.conversation_id;
    until_bot_said(&app, id, 1).await;
    taps(&app, "34600000002", "human", "Hablar con alguien").await;
    until_bot_said(&app, id, 2).await;
    assert_handed_off(&app, id, HandoffReason::Button).await;
}

async fn misunderstandings_hand_off_at_the_limit(db: Db) {
    let app = desk(db).await;
    configure(&app, |c| c.misunderstanding_limit = 2).await;
    let id = says(&app, "34600000003", "hola").await.conversation_id;
    until_bot_said(&app, id, 1).await;
    says(&app, "34600000003", "flurbo quantico").await;
    let said = until_bot_said(&app, id, 2).await;
    assert!(text_of(&said[1]).contains("no te he entendido"), "fallback");
    assert_eq!(
        conversation(&app, id).await.status(),
        ConversationStatus::Bot,
        "one miss is not enough"
    );
    says(&app, "34600000003", "zorglub wibble").await;
    until_bot_said(&app, id, 3).await;
    assert_handed_off(&app, id, HandoffReason::Misunderstood).await;
}

async fn media_hands_off(db: Db) {
    let app = desk(db).await;
    let photo = customer_sends(
        &app,
        "34600000004",
        json!({"type": "image", "image": {"id": "778899", "mime_type": "image/jpeg", "sha256": "abc"}}),
    )
    .await;
    let id = photo.conversation_id;
    until_bot_said(&app, id, 1).await;
    assert_handed_off(&app, id, HandoffReason::Media).await;
}

async fn outside_hours_it_says_when_the_team_is_back_and_queues(db: Db) {
    let app = desk(db).await;
    configure(&app, |c| {
        c.hours.enabled = true;
        c.hours.timezone = "UTC".into();
        for day in c.hours.days.iter_mut() {
            day.open = false;
        }
        // Open on one day only: not today (UTC), so the team is away now.
        let today = (now_ms() / 86_400_000 + 3) % 7; // 1970-01-01 was a Thursday
        let other = ((today + 2) % 7) as usize;
        c.hours.days[other].open = true;
    })
    .await;
    let id = says(&app, "34600000005", "necesito un asesor")
        .await
        .conversation_id;
    let said = until_bot_said(&app, id, 1).await;
    let text = text_of(&said[0]);
    assert!(
        text.contains("el equipo no está disponible") && text.contains(" a las "),
        "says when they are back: {text}"
    );
    assert_handed_off(&app, id, HandoffReason::Asked).await;
}

async fn answers_the_faq_finds_products_and_resolves_when_done(db: Db) {
    let app = desk(db).await;
    let phone = "34600000006";
    let id = says(&app, phone, "¿cuánto cuesta el envío?")
        .await
        .conversation_id;
    let said = until_bot_said(&app, id, 1).await;
    assert!(
        text_of(&said[0]).contains("gratis a partir de 50 €"),
        "FAQ answer"
    );
    assert_eq!(choice_ids(&said[0]), vec!["done", "menu", "human"]);

    says(&app, phone, "¿tienen zapatillas rojas?").await;
    let said = until_bot_said(&app, id, 2).await;
    let Outbound::List { sections, .. } = sent(&said[1]) else {
        panic!("a list of products: {:?}", said[1].body);
    };
    let first = &sections[0].rows[0];
    assert_eq!(first.title, "Zapatillas Running Roja");
    taps(&app, phone, &first.id, &first.title).await;
    let said = until_bot_said(&app, id, 4).await;
    assert!(text_of(&said[2]).starts_with("*Zapatillas Running Roja*\n89,90 €"));
    assert_eq!(choice_ids(&said[3]), vec!["done", "menu", "human"]);

    taps(&app, phone, "done", "No, gracias").await;
    until_bot_said(&app, id, 5).await;
    assert_eq!(
        conversation(&app, id).await.status(),
        ConversationStatus::Resolved
    );
    assert!(activities(&app, id)
        .await
        .contains(&Activity::BotResolved { quiet: false }));
    let report = app
        .state
        .store
        .bot_report(0, now_ms() + 1)
        .await
        .expect("report");
    assert_eq!((report.handled, report.resolved_confirmed), (1, 1));
}

async fn taking_over_silences_the_bot_and_handing_back_wakes_it(db: Db) {
    let app = desk(db).await;
    let ana = signed_in(&app, "ana@example.com", Role::Agent).await;
    let phone = "34600000007";
    let id = says(&app, phone, "hola").await.conversation_id;
    until_bot_said(&app, id, 1).await;

    let take = take(&app, &ana, id).await;
    assert_eq!(take.status, 200, "{:?}", take.json);
    let c = conversation(&app, id).await;
    assert_eq!(
        (c.status(), c.assignee_id),
        (ConversationStatus::Open, Some(ana.user.id))
    );
    assert!(activities(&app, id).await.contains(&Activity::TakenOver));
    says(&app, phone, "¿a qué hora abren?").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(
        bot_messages(&app, id).await.len(),
        1,
        "the bot stays silent"
    );

    let back = hand_back(&app, &ana, id).await;
    assert_eq!(back.status, 200, "{:?}", back.json);
    let c = conversation(&app, id).await;
    assert_eq!((c.status(), c.assignee_id), (ConversationStatus::Bot, None));
    assert!(activities(&app, id).await.contains(&Activity::HandedToBot));
    says(&app, phone, "hola otra vez").await;
    let said = until_bot_said(&app, id, 2).await;
    assert!(text_of(&said[1]).contains("Deportes Buzón"), "greets anew");

    // An agent's reply takes it over too.
    let reply = support::console::send(&app, &ana, id, "Hola, soy Ana").await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let c = conversation(&app, id).await;
    assert_eq!(
        (c.status(), c.assignee_id),
        (ConversationStatus::Open, Some(ana.user.id))
    );

    // Nothing goes back to a bot that is off.
    app.state
        .store
        .put_setting(BOT_ENABLED_SETTING, "false", now_ms())
        .await
        .expect("off");
    let refused = hand_back(&app, &ana, id).await;
    assert_eq!(refused.status, 409, "{:?}", refused.json);
}

async fn a_colleague_cannot_hand_back_someone_elses_conversation(db: Db) {
    let app = desk(db).await;
    let ana = signed_in(&app, "ana@example.com", Role::Agent).await;
    let luis = signed_in(&app, "luis@example.com", Role::Agent).await;
    let id = says(&app, "34600000008", "agente").await.conversation_id;
    until_bot_said(&app, id, 1).await;
    let take = take(&app, &ana, id).await;
    assert_eq!(take.status, 200);
    let refused = hand_back(&app, &luis, id).await;
    assert_eq!(refused.status, 403, "{:?}", refused.json);
}

async fn a_message_delivered_after_the_window_goes_to_people_unanswered(db: Db) {
    let app = desk(db).await;
    let day_ago = (now_ms() - 25 * 3_600_000) / 1000;
    let late = customer_sends(
        &app,
        "34600000010",
        json!({"type": "text", "text": {"body": "hola"}, "timestamp": day_ago.to_string()}),
    )
    .await;
    let id = late.conversation_id;
    for _ in 0..200 {
        if conversation(&app, id).await.status() != ConversationStatus::Bot {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_handed_off(&app, id, HandoffReason::WindowClosed).await;
    assert!(
        bot_messages(&app, id).await.is_empty(),
        "no free-form message outside the window"
    );
}

async fn with_the_bot_off_conversations_go_to_people(db: Db) {
    let app = desk(db).await;
    app.state
        .store
        .put_setting(BOT_ENABLED_SETTING, "false", now_ms())
        .await
        .expect("off");
    let id = says(&app, "34600000009", "hola").await.conversation_id;
    assert_eq!(
        conversation(&app, id).await.status(),
        ConversationStatus::Open
    );
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert!(bot_messages(&app, id).await.is_empty());
}

on_both_databases!(
    greets_and_hands_off_when_asked,
    the_person_option_hands_off,
    misunderstandings_hand_off_at_the_limit,
    media_hands_off,
    outside_hours_it_says_when_the_team_is_back_and_queues,
    answers_the_faq_finds_products_and_resolves_when_done,
    taking_over_silences_the_bot_and_handing_back_wakes_it,
    a_colleague_cannot_hand_back_someone_elses_conversation,
    a_message_delivered_after_the_window_goes_to_people_unanswered,
    with_the_bot_off_conversations_go_to_people,
    a_message_stored_by_a_process_that_then_died_is_still_answered,
    a_message_is_answered_once_however_many_workers_try,
    a_customer_who_writes_portuguese_hears_the_bot_in_portuguese,
);

/// Stores a customer's message the way the webhook does, and nothing after: as if the process
/// died right after the commit (no bell, no task). Returns the stored message.
async fn stored_then_crashed(app: &TestApp, phone: &str, text: &str) -> MessageRecord {
    use app::domain::message::MessageContext;
    use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
    let wamid = format!("wamid.crash{phone}{}", rand_suffix());
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.clone(),
        from: ContactRef {
            wa_id: Some(phone.into()),
            name: Some("Carla Ortiz".into()),
            ..ContactRef::default()
        },
        sent_at_ms: now_ms(),
        body: MessageBody::Text { body: text.into() },
        context: MessageContext::default(),
        referral: None,
        raw: format!("{{\"id\":\"{wamid}\"}}"),
    }));
    app.state
        .store
        .ingest(&[event], now_ms())
        .await
        .expect("ingest");
    app.state
        .store
        .message_by_wamid(&wamid)
        .await
        .expect("read")
        .expect("stored")
}

/// The answer is durable work written with the message: the bot's worker finds it without
/// being told (after a restart, or on another instance).
async fn a_message_stored_by_a_process_that_then_died_is_still_answered(db: Db) {
    let app = desk(db).await;
    let hello = stored_then_crashed(&app, "5491155550101", "hola").await;
    let said = until_bot_said(&app, hello.conversation_id, 1).await;
    assert!(!said.is_empty());
}

/// Two workers whose leases overlap (one slow, one after the lease ran out), and the same
/// message answered again by hand: one answer, once.
async fn a_message_is_answered_once_however_many_workers_try(db: Db) {
    let app = desk(db).await;
    let hello = says(&app, "5491155550102", "hola").await;
    let first = until_bot_said(&app, hello.conversation_id, 1).await;
    let later = now_ms() + 10 * server::bot_worker::LEASE_MS;
    let (a, b, c) = tokio::join!(
        app::ssr::bot::answer(&app.state, hello.id, now_ms()),
        server::bot_worker::work_due(&app.state, later),
        server::bot_worker::work_due(&app.state, later),
    );
    assert_eq!(
        a.expect("answer"),
        app::ssr::bot::Answered::NotForTheBot,
        "already answered"
    );
    assert_eq!(
        (b.expect("worker"), c.expect("worker")),
        (0, 0),
        "no job left"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        bot_messages(&app, hello.conversation_id).await.len(),
        first.len(),
        "nothing said twice"
    );
}

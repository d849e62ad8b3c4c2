//! An external bot driving the bot's conversations through `/api/v1`, over real HTTP on both
//! databases: with the external engine chosen the built-in bot stays silent; the external
//! bot answers (stored as the bot's), hands off to people like the built-in one does, and is
//! refused once the conversation is no longer the bot's.

use crate::support;

use app::domain::bot::HandoffReason;
use app::domain::integrations::tokens::Scope;
use app::domain::message::{Activity, MessageBody};
use app::ssr::bot::Answered;
use app::ssr::{now_ms, MessageRecord};
use app::wire::inbox::Sender;
use serde_json::{json, Value};
use support::api::{admin_token, call, get, post};
use support::console::customer_writes;
use support::{Db, TestApp};

on_both_databases!(
    the_engine_is_chosen_by_an_admin,
    an_external_bot_answers_and_hands_off,
);

/// A desk whose bot (the demo shop's) is switched on: conversations start with the bot.
async fn desk_with_bot(db: Db) -> TestApp {
    let app = support::spawn(db, |_| {}).await;
    server::demo::bot::seed(&app.state, true)
        .await
        .expect("bot seeded");
    app
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

async fn set_engine(app: &TestApp, token: &str, engine: &str) -> support::Reply {
    call(
        app,
        reqwest::Method::PUT,
        "/bot/engine",
        Some(token),
        Some(json!({"engine": engine})),
    )
    .await
}

async fn the_engine_is_chosen_by_an_admin(db: Db) {
    let app = desk_with_bot(db).await;
    let reader = admin_token(&app, Scope::Read).await;
    let writer = admin_token(&app, Scope::Write).await;
    let admin = admin_token(&app, Scope::Admin).await;

    let engine = get(&app, "/bot/engine", &reader).await;
    assert_eq!(engine.status, 200, "{:?}", engine.json);
    assert_eq!(engine.json, json!({"engine": "builtin"}));

    let refused = set_engine(&app, &writer, "external").await;
    assert_eq!(refused.status, 403, "{:?}", refused.json);
    assert_eq!(refused.json["error"]["code"], "forbidden");
    let unknown = set_engine(&app, &admin, "chatgpt").await;
    assert_eq!(unknown.status, 422, "{:?}", unknown.json);
    assert_eq!(
        get(&app, "/bot/engine", &reader).await.json["engine"],
        "builtin"
    );

    let set = set_engine(&app, &admin, "external").await;
    assert_eq!(set.status, 200, "{:?}", set.json);
    assert_eq!(set.json, json!({"engine": "external"}));
    assert_eq!(
        get(&app, "/bot/engine", &reader).await.json["engine"],
        "external"
    );
    assert!(
        app::ssr::integrations::external_bot(app.state.store.as_ref())
            .await
            .expect("read")
    );
    let back = set_engine(&app, &admin, "builtin").await;
    assert_eq!(back.json["engine"], "builtin");
}

async fn an_external_bot_answers_and_hands_off(db: Db) {
    let app = desk_with_bot(db).await;
    let admin = admin_token(&app, Scope::Admin).await;
    let bot = admin_token(&app, Scope::Write).await;
    assert_eq!(set_engine(&app, &admin, "external").await.status, 200);

    // A customer writes: the conversation is the bot's, and the built-in bot keeps quiet.
    let conv = customer_writes(&app, "wamid.ext1", "34600000101", "Hola", now_ms()).await;
    let conversation = get(&app, &format!("/conversations/{conv}"), &bot).await;
    assert_eq!(
        conversation.json["status"], "bot",
        "{:?}",
        conversation.json
    );
    let question = app
        .state
        .store
        .message_by_wamid("wamid.ext1")
        .await
        .expect("read")
        .expect("stored");
    let answered = app::ssr::bot::answer(&app.state, question.id, now_ms())
        .await
        .expect("answer");
    assert_eq!(answered, Answered::NotForTheBot);
    assert!(
        bot_messages(&app, conv).await.is_empty(),
        "no built-in reply"
    );

    // The external bot answers, as the bot.
    let path = format!("/conversations/{conv}/bot/messages");
    let said = post(
        &app,
        &path,
        &bot,
        json!({"type": "text", "text": "¡Hola! Soy el asistente de la tienda."}),
    )
    .await;
    assert_eq!(said.status, 201, "{:?}", said.json);
    assert_eq!(said.json["sender_type"], "bot");
    assert_eq!(said.json["sender_user_id"], Value::Null);
    assert_eq!(said.json["direction"], "outbound");
    assert_eq!(said.json["status"], "pending");
    let menu = post(
        &app,
        &path,
        &bot,
        json!({"type": "interactive", "body": "¿En qué te ayudo?",
               "buttons": [{"id": "orders", "title": "Mi pedido"},
                           {"id": "person", "title": "Hablar con alguien"}]}),
    )
    .await;
    assert_eq!(menu.status, 201, "{:?}", menu.json);
    let too_long = post(
        &app,
        &path,
        &bot,
        json!({"type": "interactive", "body": "¿En qué te ayudo?",
               "buttons": [{"id": "x", "title": "Un título demasiado largo para un botón"}]}),
    )
    .await;
    assert_eq!(too_long.status, 422, "{:?}", too_long.json);
    let notes_are_not_for_bots =
        post(&app, &path, &bot, json!({"type": "note", "text": "hola"})).await;
    assert_eq!(notes_are_not_for_bots.status, 422);
    let said_by_bot = bot_messages(&app, conv).await;
    assert_eq!(said_by_bot.len(), 2, "{said_by_bot:?}");
    assert!(said_by_bot.iter().all(|m| m.sender_user_id.is_none()));
    let read_only = admin_token(&app, Scope::Read).await;
    assert_eq!(
        post(
            &app,
            &path,
            &read_only,
            json!({"type": "text", "text": "x"})
        )
        .await
        .status,
        403
    );

    // It hands off: the conversation goes to people, as when the built-in bot hands off.
    let handoff = post(
        &app,
        &format!("/conversations/{conv}/handoff"),
        &bot,
        json!({"reason": "asked"}),
    )
    .await;
    assert_eq!(handoff.status, 200, "{:?}", handoff.json);
    assert_eq!(handoff.json["status"], "open");
    assert_eq!(handoff.json["assignee_id"], Value::Null);
    let handed_off = app
        .state
        .store
        .messages_of_conversation(conv)
        .await
        .expect("read")
        .into_iter()
        .any(|m| {
            matches!(
                m.body,
                MessageBody::Activity {
                    activity: Activity::HandedOff {
                        reason: HandoffReason::Asked,
                    },
                    ..
                }
            )
        });
    assert!(handed_off, "the thread says the bot handed off");

    // Not the bot's any more: the bot may neither talk nor hand off again.
    let late = post(
        &app,
        &path,
        &bot,
        json!({"type": "text", "text": "¿Sigues ahí?"}),
    )
    .await;
    assert_eq!(late.status, 409, "{:?}", late.json);
    assert_eq!(late.json["error"]["code"], "not_with_bot");
    let again = post(
        &app,
        &format!("/conversations/{conv}/handoff"),
        &bot,
        json!({}),
    )
    .await;
    assert_eq!(again.status, 409, "{:?}", again.json);
    assert_eq!(again.json["error"]["code"], "not_with_bot");
    assert_eq!(
        bot_messages(&app, conv).await.len(),
        2,
        "nothing more stored"
    );
    let unknown_reason = post(
        &app,
        &format!("/conversations/{conv}/handoff"),
        &bot,
        json!({"reason": "bored"}),
    )
    .await;
    assert_eq!(unknown_reason.status, 422);

    // With the built-in engine again, the built-in bot answers a new customer: the silence
    // above was the external engine's doing.
    assert_eq!(set_engine(&app, &admin, "builtin").await.status, 200);
    let other = customer_writes(&app, "wamid.ext2", "34600000102", "Hola", now_ms()).await;
    let message = app
        .state
        .store
        .message_by_wamid("wamid.ext2")
        .await
        .expect("read")
        .expect("stored");
    // The webhook's background turn may have answered already; either way the bot speaks.
    let _ = app::ssr::bot::answer(&app.state, message.id, now_ms()).await;
    for _ in 0..400 {
        if !bot_messages(&app, other).await.is_empty() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the built-in bot never answered");
}

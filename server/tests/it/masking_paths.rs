//! Number masking, every path: with masking on, an agent reads a customer's number as
//! `+34 6•• •• •• 01` through the list, its search, the opened conversation, the contact
//! panel, the new-conversation search, the REST API (their own token) and the websocket — the
//! full number appears nowhere in what they receive — while a supervisor reads it in full.
//! Turning masking off gives agents the full number again. On both databases.

use crate::realtime::{self, Console};
use crate::support;

use app::domain::message::{MessageBody, MessageContext};
use app::domain::roles::Role;
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
use app::ssr::now_ms;
use app::wire::realtime::ServerFrame;
use serde_json::json;
use support::{Db, TestApp};

on_both_databases!(every_path_masks_numbers_for_agents_only);

const WA_ID: &str = "34611000001";
const FULL: &str = "+34 611 00 00 01";
const MASKED: &str = "+34 6•• •• •• 01";

async fn customer_writes(app: &TestApp, wamid: &str) -> i64 {
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.into(),
        // No profile name: the contact is shown by their number, which must be masked too.
        from: ContactRef {
            wa_id: Some(WA_ID.into()),
            ..ContactRef::default()
        },
        sent_at_ms: now_ms(),
        body: MessageBody::Text {
            body: "hola".into(),
        },
        context: MessageContext::default(),
        referral: None,
        raw: "{}".into(),
    }));
    app.state
        .store
        .ingest(&[event], now_ms())
        .await
        .expect("ingest");
    app.state
        .store
        .message_by_wamid(wamid)
        .await
        .unwrap()
        .unwrap()
        .conversation_id
}

/// Everything `person` reads about the conversation, as one text, through every path.
async fn read_everything(
    app: &TestApp,
    person: &realtime::Agent,
    token: &str,
    conversation: i64,
) -> String {
    let mut all = String::new();
    let list = person
        .client
        .post(format!("{}/api/inbox/list", app.base))
        .json(&json!({"filter": {"view": "all", "label_id": null, "assignee": null, "search": null}, "after": null}))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200);
    all += &list.text().await.unwrap();
    let search = person
        .client
        .post(format!("{}/api/inbox/list", app.base))
        .json(&json!({"filter": {"view": "all", "label_id": null, "assignee": null, "search": "611000"}, "after": null}))
        .send()
        .await
        .unwrap();
    let found = search.text().await.unwrap();
    assert!(
        found.contains(&format!("\"id\":{conversation}")),
        "search finds the customer: {found}"
    );
    all += &found;
    let id = conversation.to_string();
    for (path, args) in [
        ("inbox/open", vec![("id", id.as_str())]),
        ("inbox/contact", vec![("id", id.as_str())]),
    ] {
        let reply = app.call(&person.client, path, &args).await;
        assert_eq!(reply.status, 200, "{path}: {:?}", reply.json);
        all += &reply.json.to_string();
    }
    let reply = app
        .call(
            &person.client,
            "outreach/search",
            &[("query", "611000001"), ("country", "ES")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    all += &reply.json.to_string();
    let contact_id = app
        .state
        .store
        .conversation(conversation)
        .await
        .unwrap()
        .unwrap()
        .contact_id;
    for path in [
        format!("/contacts/{contact_id}"),
        "/contacts".to_string(),
        format!("/conversations/{conversation}"),
        "/conversations".to_string(),
    ] {
        let reply = support::api::get(app, &path, token).await;
        assert_eq!(reply.status, 200, "{path}: {:?}", reply.json);
        all += &reply.json.to_string();
    }
    all
}

async fn set_masking(app: &TestApp, admin: &realtime::Agent, on: bool) {
    let reply = app
        .call_json(
            &admin.client,
            "contacts/settings/save",
            &json!({"definitions": [], "protection": {"mask_numbers": on, "retention_days": null}}),
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
}

async fn every_path_masks_numbers_for_agents_only(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = realtime::agent(&app, "admin@demo.local", Role::Admin).await;
    let agent = realtime::agent(&app, "ana@demo.local", Role::Agent).await;
    let boss = realtime::agent(&app, "boss@demo.local", Role::Supervisor).await;
    let conversation = customer_writes(&app, "wamid.mask.1").await;
    let agent_token = support::api::token_acting_as(&app, agent.id).await;
    let boss_token = support::api::token_acting_as(&app, boss.id).await;
    set_masking(&app, &admin, true).await;

    let agent_reads = read_everything(&app, &agent, &agent_token, conversation).await;
    assert!(agent_reads.contains(MASKED), "{agent_reads}");
    assert!(
        !agent_reads.contains(FULL),
        "the agent read the full number: {agent_reads}"
    );
    assert!(
        !agent_reads.contains(WA_ID),
        "the agent read the raw number: {agent_reads}"
    );
    let boss_reads = read_everything(&app, &boss, &boss_token, conversation).await;
    assert!(
        boss_reads.contains(FULL) && !boss_reads.contains(MASKED),
        "{boss_reads}"
    );

    // The websocket: the same change reaches the agent masked and the supervisor in full.
    let mut agent_socket = Console::connect(&app, &agent, None).await;
    let mut boss_socket = Console::connect(&app, &boss, None).await;
    customer_writes(&app, "wamid.mask.2").await;
    let is_row = |f: &ServerFrame| matches!(f, ServerFrame::Conversation { conversation: c, .. } if c.id == conversation);
    let row = |frames: Vec<ServerFrame>| match frames.last() {
        Some(ServerFrame::Conversation { conversation, .. }) => (
            conversation.contact_name.clone(),
            conversation.phone.clone(),
        ),
        other => panic!("no conversation frame: {other:?}"),
    };
    assert_eq!(
        row(agent_socket.until(is_row).await),
        (MASKED.to_string(), Some(MASKED.to_string()))
    );
    assert_eq!(
        row(boss_socket.until(is_row).await),
        (FULL.to_string(), Some(FULL.to_string()))
    );

    // Off again: agents read the full number (the hub follows the setting too).
    set_masking(&app, &admin, false).await;
    let agent_reads = read_everything(&app, &agent, &agent_token, conversation).await;
    assert!(
        agent_reads.contains(FULL) && !agent_reads.contains(MASKED),
        "{agent_reads}"
    );
    customer_writes(&app, "wamid.mask.3").await;
    let frames = agent_socket.until(is_row).await;
    assert_eq!(row(frames).1, Some(FULL.to_string()));
}

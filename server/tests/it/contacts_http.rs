//! The contacts screen, its export and the audit log over real HTTP, on both databases, for
//! every role: agents cannot list, export or read the audit log; supervisors list and export
//! (an audited act); only admins read the audit log, which records sign-ins, failed ones and
//! the export itself.

use crate::support;

use app::domain::roles::Role;
use serde_json::json;
use support::console::*;
use support::{Db, TestApp};

on_both_databases!(
    every_role_gets_what_it_may_and_the_log_tells,
    erasure_and_retention_by_role_and_once_a_day,
    a_contact_s_data_is_exported_as_a_zip_to_supervisors_only,
    defined_attributes_are_typed_on_every_path,
);

async fn every_role_gets_what_it_may_and_the_log_tells(db: Db) {
    let app: TestApp = support::spawn(db, |_| {}).await;
    let agent = signed_in(&app, "agent@example.com", Role::Agent).await;
    let supervisor = signed_in(&app, "sup@example.com", Role::Supervisor).await;
    let admin = signed_in(&app, "admin@example.com", Role::Admin).await;
    let stranger = app.client();
    let failed = app
        .login(&stranger, "admin@example.com", "not the password")
        .await;
    assert_eq!(failed.status, 401);
    let query = json!({ "query": {} });
    for path in ["contacts/list", "contacts/csv", "audit"] {
        let reply = app.call_json(&agent.client, path, &query).await;
        assert_eq!(reply.status, 403, "agent on {path}: {:?}", reply.json);
    }
    let reply = app.call_json(&supervisor.client, "audit", &query).await;
    assert_eq!(reply.status, 403, "supervisor on the audit log");
    let page = app
        .call_json(&supervisor.client, "contacts/list", &query)
        .await;
    assert_eq!(page.status, 200, "{:?}", page.json);
    assert!(page.json["rows"].as_array().is_some());
    let csv = app
        .call_json(&supervisor.client, "contacts/csv", &query)
        .await;
    assert_eq!(csv.status, 200, "{:?}", csv.json);
    assert!(csv
        .json
        .as_str()
        .unwrap_or_default()
        .starts_with("id,name,phone"));
    let log = app.call_json(&admin.client, "audit", &query).await;
    assert_eq!(log.status, 200, "{:?}", log.json);
    let entries = log.json["entries"].as_array().expect("entries").clone();
    let seen = |action: &str, actor: &str| {
        entries
            .iter()
            .any(|e| e["action"] == action && e["actor"] == actor)
    };
    assert!(seen("contacts_exported", "sup@example.com"), "{entries:?}");
    assert!(seen("sign_in_failed", "admin@example.com"), "{entries:?}");
    for who in ["agent@example.com", "sup@example.com", "admin@example.com"] {
        assert!(seen("sign_in", who), "{who}: {entries:?}");
    }
}

async fn erasure_and_retention_by_role_and_once_a_day(db: Db) {
    use app::domain::message::{MessageBody, MessageContext, Removal};
    use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
    use app::ssr::now_ms;
    const DAY: i64 = 24 * 60 * 60 * 1000;
    let app: TestApp = support::spawn(db, |_| {}).await;
    let agent = signed_in(&app, "agent@example.com", Role::Agent).await;
    let supervisor = signed_in(&app, "sup@example.com", Role::Supervisor).await;
    let admin = signed_in(&app, "admin@example.com", Role::Admin).await;
    let store = app.state.store.clone();
    let write = |wa_id: &'static str, wamid: &'static str, at: i64| {
        let store = store.clone();
        async move {
            let event = IngestEvent::Message(Box::new(InboundMessage {
                wamid: wamid.into(),
                from: ContactRef {
                    wa_id: Some(wa_id.into()),
                    ..ContactRef::default()
                },
                sent_at_ms: at,
                body: MessageBody::Text {
                    body: "hola".into(),
                },
                context: MessageContext::default(),
                referral: None,
                raw: "{}".into(),
            }));
            store.ingest(&[event], at).await.expect("ingest");
            store.message_by_wamid(wamid).await.unwrap().unwrap()
        }
    };
    let now = now_ms();
    let erased = write("34644000001", "wamid.h.1", now).await;
    let old = write("34644000002", "wamid.h.2", now - 40 * DAY).await;
    let recent = write("34644000002", "wamid.h.3", now - DAY).await;

    let id = erased.contact_id.to_string();
    let refused = app
        .call(&agent.client, "contacts/erase", &[("id", &id)])
        .await;
    assert_eq!(refused.status, 403, "{:?}", refused.json);
    let done = app
        .call(&supervisor.client, "contacts/erase", &[("id", &id)])
        .await;
    assert_eq!(done.status, 200, "{:?}", done.json);
    assert_eq!(done.json["messages"], 1);
    let again = app
        .call(&supervisor.client, "contacts/erase", &[("id", &id)])
        .await;
    assert_eq!(again.status, 404, "erased once");
    let card = app
        .call(&supervisor.client, "contacts/one", &[("id", &id)])
        .await;
    assert_eq!(card.json["contact"]["wa_id"], serde_json::Value::Null);

    // Retention: only admins set it; one run a day, exactly what is older.
    let settings =
        json!({"definitions": [], "protection": {"mask_numbers": false, "retention_days": 30}});
    let reply = app
        .call_json(&supervisor.client, "contacts/settings/save", &settings)
        .await;
    assert_eq!(reply.status, 403);
    let reply = app
        .call_json(&admin.client, "contacts/settings/save", &settings)
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let bad =
        json!({"definitions": [], "protection": {"mask_numbers": false, "retention_days": 0}});
    let reply = app
        .call_json(&admin.client, "contacts/settings/save", &bad)
        .await;
    assert_eq!(reply.status, 400, "{:?}", reply.json);
    let run = app::ssr::contacts::run_retention(&app.state, now)
        .await
        .unwrap();
    assert_eq!(run.map(|r| r.messages), Some(1));
    assert_eq!(
        app::ssr::contacts::run_retention(&app.state, now + DAY / 2)
            .await
            .unwrap(),
        None,
        "not twice a day"
    );
    let next = app::ssr::contacts::run_retention(&app.state, now + DAY)
        .await
        .unwrap();
    assert_eq!(next.map(|r| r.messages), Some(0));
    let body = |id| {
        let store = store.clone();
        async move { store.message(id).await.unwrap().unwrap().body }
    };
    assert_eq!(
        body(old.id).await,
        MessageBody::Removed {
            why: Removal::Retention
        }
    );
    assert!(matches!(body(recent.id).await, MessageBody::Text { .. }));
    let shown = app.call(&admin.client, "contacts/settings", &[]).await;
    assert_eq!(shown.json["last_retention"]["messages"], 0);
    assert_eq!(shown.json["next_retention_ms"], now + 2 * DAY);

    let log = app
        .call_json(
            &admin.client,
            "audit",
            &json!({"query": {"group": "contacts"}}),
        )
        .await;
    let entries = log.json["entries"].as_array().expect("entries");
    assert!(
        entries.iter().any(|e| e["action"] == "contact_erased"
            && e["subject"] == format!("contact:{id}")
            && e["actor"] == "sup@example.com"),
        "{entries:?}"
    );
    let log = app
        .call_json(
            &admin.client,
            "audit",
            &json!({"query": {"group": "settings"}}),
        )
        .await;
    let entries = log.json["entries"].as_array().expect("entries");
    assert_eq!(
        entries
            .iter()
            .filter(|e| e["action"] == "retention_run")
            .count(),
        2,
        "{entries:?}"
    );
    assert!(entries
        .iter()
        .any(|e| e["action"] == "settings_changed" && e["subject"] == "setting:data_protection"));
}

async fn a_contact_s_data_is_exported_as_a_zip_to_supervisors_only(db: Db) {
    use app::domain::message::{Media, MediaKind, MessageBody, MessageContext};
    use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
    use app::ssr::now_ms;
    use std::io::Read;
    let app: TestApp = support::spawn(db, |_| {}).await;
    let agent = signed_in(&app, "agent@example.com", Role::Agent).await;
    let supervisor = signed_in(&app, "sup@example.com", Role::Supervisor).await;
    let store = app.state.store.clone();
    let mut ids = Vec::new();
    for (wamid, body) in [
        (
            "wamid.x.1",
            MessageBody::Text {
                body: "my order 4411".into(),
            },
        ),
        (
            "wamid.x.2",
            MessageBody::Media(Media {
                kind: MediaKind::Image,
                media_id: "media-x".into(),
                mime_type: Some("image/jpeg".into()),
                sha256: None,
                caption: None,
                filename: None,
                voice: false,
                animated: false,
            }),
        ),
    ] {
        let event = IngestEvent::Message(Box::new(InboundMessage {
            wamid: wamid.into(),
            from: ContactRef {
                wa_id: Some("34655000001".into()),
                name: Some("Rita".into()),
                ..ContactRef::default()
            },
            sent_at_ms: now_ms(),
            body,
            context: MessageContext::default(),
            referral: None,
            raw: "{}".into(),
        }));
        store.ingest(&[event], now_ms()).await.expect("ingest");
        ids.push(store.message_by_wamid(wamid).await.unwrap().unwrap());
    }
    let files = server::media::MediaFiles::new(app.config.data_dir.join("media"));
    let photo = b"\xff\xd8 a photo".to_vec();
    let sha = files.put(&photo).await.unwrap();
    store
        .media_stored("media-x", &sha, "image/jpeg", photo.len() as i64, now_ms())
        .await
        .unwrap();
    let contact = ids[0].contact_id;
    let path = format!("/contacts/{contact}/export.zip");

    let refused = app.get(&agent.client, &path).await;
    assert_eq!(refused.status(), 403);
    let response = app.get(&supervisor.client, &path).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut read = |name: &str| {
        let mut out = Vec::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the zip"))
            .read_to_end(&mut out)
            .unwrap();
        out
    };
    let contact_json: serde_json::Value = serde_json::from_slice(&read("contact.json")).unwrap();
    assert_eq!(contact_json["wa_id"], "34655000001");
    assert_eq!(contact_json["profile_name"], "Rita");
    let conversations = String::from_utf8(read("conversations.json")).unwrap();
    assert!(conversations.contains("my order 4411"), "{conversations}");
    assert_eq!(read(&format!("media/{}-image.jpg", ids[1].id)), photo);
    assert!(read("consent-history.json").starts_with(b"["));
    let missing = app
        .get(&supervisor.client, "/contacts/999999/export.zip")
        .await;
    assert_eq!(missing.status(), 404);
    // Written to the audit log.
    let admin = signed_in(&app, "admin@example.com", Role::Admin).await;
    let log = app
        .call_json(
            &admin.client,
            "audit",
            &json!({"query": {"group": "exports"}}),
        )
        .await;
    let entries = log.json["entries"].as_array().expect("entries");
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "contact_data_exported"
                && e["subject"] == format!("contact:{contact}")),
        "{entries:?}"
    );
}

async fn defined_attributes_are_typed_on_every_path(db: Db) {
    use app::domain::integrations::tokens::Scope;
    use app::domain::message::{MessageBody, MessageContext};
    use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
    use app::ssr::now_ms;
    let app: TestApp = support::spawn(db, |_| {}).await;
    let agent = signed_in(&app, "agent@example.com", Role::Agent).await;
    let supervisor = signed_in(&app, "sup@example.com", Role::Supervisor).await;
    let admin = signed_in(&app, "admin@example.com", Role::Admin).await;
    let definitions = json!({
        "definitions": [
            {"key": "vip", "label": "VIP", "kind": "yes_no"},
            {"key": "plan", "label": "Plan", "kind": "choice", "options": ["Gold", "Silver"]}
        ],
        "protection": {"mask_numbers": false, "retention_days": null}
    });
    let saved = app
        .call_json(&admin.client, "contacts/settings/save", &definitions)
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: "wamid.t.1".into(),
        from: ContactRef {
            wa_id: Some("34666000001".into()),
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
    app.state.store.ingest(&[event], now_ms()).await.unwrap();
    let message = app
        .state
        .store
        .message_by_wamid("wamid.t.1")
        .await
        .unwrap()
        .unwrap();
    let attributes = |contact| {
        let store = app.state.store.clone();
        async move {
            store
                .contact(app::ssr::ContactKey::Id(contact))
                .await
                .unwrap()
                .unwrap()
                .attributes
        }
    };
    // The console's panel.
    let console = |pairs: serde_json::Value| json!({"conversation_id": message.conversation_id, "attributes": pairs});
    let refused = app
        .call_json(
            &agent.client,
            "inbox/attributes",
            &console(json!([["vip", "maybe"]])),
        )
        .await;
    assert_eq!(refused.status, 400, "{:?}", refused.json);
    let ok = app
        .call_json(
            &agent.client,
            "inbox/attributes",
            &console(json!([["vip", "sí"], ["note", "calls at noon"]])),
        )
        .await;
    assert_eq!(ok.status, 200, "{:?}", ok.json);
    let now = attributes(message.contact_id).await;
    assert_eq!(now.get("vip").map(String::as_str), Some("yes"));
    assert_eq!(
        now.get("note").map(String::as_str),
        Some("calls at noon"),
        "free attributes stay free"
    );
    // The REST API.
    let token = support::api::token_of(&app, &admin.user, Scope::Write).await;
    let path = format!("/contacts/{}", message.contact_id);
    let refused = support::api::patch(
        &app,
        &path,
        &token,
        json!({"attributes": {"plan": "Bronze"}}),
    )
    .await;
    assert_eq!(refused.status, 422, "{:?}", refused.json);
    let ok =
        support::api::patch(&app, &path, &token, json!({"attributes": {"plan": "gold"}})).await;
    assert_eq!(ok.status, 200, "{:?}", ok.json);
    assert_eq!(ok.json["attributes"]["plan"], "Gold");
    // The contact page.
    let page = |pairs: serde_json::Value| json!({"id": message.contact_id, "attributes": pairs});
    let refused = app
        .call_json(
            &supervisor.client,
            "contacts/attributes",
            &page(json!([["vip", "tal vez"]])),
        )
        .await;
    assert_eq!(refused.status, 400, "{:?}", refused.json);
    assert_eq!(
        attributes(message.contact_id)
            .await
            .get("plan")
            .map(String::as_str),
        Some("Gold"),
        "a refusal changes nothing"
    );
    // Definitions themselves are checked.
    let bad = json!({"definitions": [{"key": "Plan!", "label": "Plan", "kind": "text"}], "protection": {"mask_numbers": false, "retention_days": null}});
    let refused = app
        .call_json(&admin.client, "contacts/settings/save", &bad)
        .await;
    assert_eq!(refused.status, 400, "{:?}", refused.json);
}

//! The agent console's server functions (`/api/inbox/…`) and the upload route
//! (`POST /conversations/{id}/media`) over real HTTP, on both databases: replies and the
//! customer's 24-hour window, notes, retries, who may see what, reading, taking and
//! resolving, and files.

use crate::support;

use app::domain::message::{DeliveryStatus, MediaKind, MessageBody, MetaError};
use app::domain::outbound::Outbound;
use app::domain::roles::Role;
use app::ssr::{now_ms, NewOutbound};
use serde_json::{json, Value};
use server::simulator::{SimConfig, Simulator};
use std::time::Duration;
use support::console::*;
use support::Db;

on_both_databases!(
    a_reply_is_queued_only_while_the_window_is_open,
    a_note_is_saved_with_the_window_closed_and_never_sent,
    a_failed_message_is_retried_as_a_new_pending_one,
    restricted_agents_see_only_their_own_and_unassigned,
    opening_a_conversation_marks_it_read,
    taking_and_resolving_write_activity_lines,
    the_upload_route_refuses_what_whatsapp_would,
    an_uploaded_image_is_sent_and_served_back,
);

async fn a_reply_is_queued_only_while_the_window_is_open(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let open_conv = open_window(&app, "wamid.open", "34600000001").await;

    let reply = app
        .call(
            &ana.client,
            "inbox/send",
            &[
                ("conversation_id", &open_conv.to_string()),
                ("text", "¡Sí! Te la reservo 👕"),
                ("echo_id", "echo-1"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let view = &reply.json;
    assert_eq!(view["status"], "pending");
    assert_eq!(view["echo_id"], "echo-1");
    assert_eq!(view["outbound"], true);
    assert_eq!(view["sender"], "agent");
    assert_eq!(view["sender_user_id"], ana.user.id);
    assert_eq!(view["conversation_id"], open_conv);
    assert_eq!(view["wamid"], Value::Null, "not sent to WhatsApp yet");
    assert_eq!(
        view["body"],
        json!({"type": "text", "body": "¡Sí! Te la reservo 👕"})
    );
    let id = view["id"].as_i64().expect("id");
    let stored = app
        .state
        .store
        .message(id)
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(stored.conversation_id, open_conv);
    assert_eq!(stored.status, Some(DeliveryStatus::Pending));
    assert_eq!(stored.echo_id.as_deref(), Some("echo-1"));
    assert_eq!(
        stored.body,
        MessageBody::Text {
            body: "¡Sí! Te la reservo 👕".into()
        }
    );

    // Past 24 hours since the customer wrote, free text is refused before it is stored.
    let closed_conv = closed_window(&app, "wamid.closed", "34600000002").await;
    let refused = send(&app, &ana, closed_conv, "¿Sigues ahí?").await;
    assert_eq!(refused.status, 409);
    assert_eq!(refused.json["error"], "window_closed");
    let closed_at = refused.json["closed_at_ms"]
        .as_i64()
        .expect("when it closed");
    assert!(
        (now_ms() - HOUR_MS - 5_000..=now_ms() - HOUR_MS).contains(&closed_at),
        "it closed an hour ago: {closed_at}"
    );
    assert!(outbound_of(&app, closed_conv).await.is_empty());

    let empty = send(&app, &ana, open_conv, "   ").await;
    assert_eq!(empty.status, 400);
    assert_eq!(
        empty.json,
        json!({"error": "invalid", "field": "message", "problem": {"kind": "empty"}})
    );
    let long = send(&app, &ana, open_conv, &"a".repeat(4097)).await;
    assert_eq!(long.status, 400);
    assert_eq!(
        long.json,
        json!({"error": "invalid", "field": "message", "problem": {"kind": "too_long", "max": 4096}})
    );
    // Exactly Meta's limit is fine.
    let longest = send(&app, &ana, open_conv, &"ñ".repeat(4096)).await;
    assert_eq!(longest.status, 200, "{:?}", longest.json);
    let ours = outbound_of(&app, open_conv).await;
    assert_eq!(
        ours.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![id, longest.json["id"].as_i64().expect("id")],
        "the refused replies stored nothing"
    );

    // Signed out: nothing at all.
    let stranger = app.client();
    let anonymous = app
        .call(
            &stranger,
            "inbox/send",
            &[
                ("conversation_id", &open_conv.to_string()),
                ("text", "hola"),
            ],
        )
        .await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.json, json!({"error": "unauthenticated"}));
}

async fn a_note_is_saved_with_the_window_closed_and_never_sent(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let conv = closed_window(&app, "wamid.closed", "34600000002").await;

    let reply = app
        .call(
            &ana.client,
            "inbox/note",
            &[
                ("conversation_id", &conv.to_string()),
                ("text", "Llamarla mañana por la talla 📞"),
                ("echo_id", "note-1"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(
        reply.json["body"],
        json!({"type": "note", "text": "Llamarla mañana por la talla 📞"})
    );
    assert_eq!(reply.json["status"], Value::Null, "a note has no delivery");
    assert_eq!(reply.json["wamid"], Value::Null);
    assert_eq!(reply.json["echo_id"], "note-1");
    assert_eq!(reply.json["sender_user_id"], ana.user.id);
    let id = reply.json["id"].as_i64().expect("id");
    let stored = app
        .state
        .store
        .message(id)
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(stored.conversation_id, conv);
    assert_eq!(stored.status, None);

    let empty = app
        .call(
            &ana.client,
            "inbox/note",
            &[("conversation_id", &conv.to_string()), ("text", "")],
        )
        .await;
    assert_eq!(empty.status, 400);
    assert_eq!(empty.json["error"], "invalid");

    // The outbound worker finds nothing to send, even a day later.
    let later = now_ms() + DAY_MS;
    let claimed = app
        .state
        .store
        .claim_outbound(later, later, 10)
        .await
        .expect("claim");
    assert!(claimed.is_empty(), "a note is never sent: {claimed:?}");
}

async fn a_failed_message_is_retried_as_a_new_pending_one(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let conv = open_window(&app, "wamid.open", "34600000001").await;
    let store = &app.state.store;
    let failed = store
        .insert_outbound(
            NewOutbound {
                conversation_id: conv,
                outbound: Outbound::Text {
                    body: "¿Te llegó el pedido?".into(),
                    preview_url: false,
                },
                sender_user_id: Some(ana.user.id),
                reply_to: None,
                echo_id: None,
            },
            now_ms(),
        )
        .await
        .expect("queue")
        .id;
    store
        .fail_outbound(
            failed,
            MetaError {
                code: 131026,
                title: "Message undeliverable".into(),
                details: None,
            },
            now_ms(),
        )
        .await
        .expect("fail");

    // Two clicks at once (or two colleagues): one new message, the other is told.
    let failed_id = failed.to_string();
    let form = [("message_id", failed_id.as_str())];
    let ask = || app.call(&ana.client, "inbox/retry", &form);
    let (first, second) = tokio::join!(ask(), ask());
    let (reply, refused) = if first.status == 200 {
        (first, second)
    } else {
        (second, first)
    };
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(refused.status, 409, "{:?}", refused.json);
    assert_eq!(
        refused.json,
        json!({"error": "conflict", "conflict": "already_retried"})
    );
    let retry = reply.json["id"].as_i64().expect("id");
    assert_ne!(retry, failed, "a new message");
    assert_eq!(reply.json["status"], "pending");
    assert_eq!(reply.json["conversation_id"], conv);
    assert_eq!(
        reply.json["body"],
        json!({"type": "text", "body": "¿Te llegó el pedido?"})
    );
    let old = store.message(failed).await.expect("read").expect("kept");
    assert_eq!(
        old.status,
        Some(DeliveryStatus::Failed),
        "the failure stays"
    );
    assert_eq!(old.error.map(|e| e.code), Some(131026));
    assert_eq!(
        old.retried_by,
        Some(retry),
        "the failed one shows it was retried"
    );
    let new = store.message(retry).await.expect("read").expect("stored");
    assert_eq!(new.status, Some(DeliveryStatus::Pending));
    // Only the new one goes out.
    let now = now_ms();
    let claimed = store.claim_outbound(now, now, 10).await.expect("claim");
    assert_eq!(
        claimed.iter().map(|j| j.message_id).collect::<Vec<_>>(),
        vec![retry]
    );

    let not_failed = app
        .call(
            &ana.client,
            "inbox/retry",
            &[("message_id", &retry.to_string())],
        )
        .await;
    assert_eq!(not_failed.status, 409);
    assert_eq!(
        not_failed.json,
        json!({"error": "conflict", "conflict": "not_failed"})
    );
    let unknown = app
        .call(&ana.client, "inbox/retry", &[("message_id", "999999")])
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json, json!({"error": "not_found"}));
    assert_eq!(
        outbound_of(&app, conv).await.len(),
        2,
        "nothing else stored"
    );
}

async fn restricted_agents_see_only_their_own_and_unassigned(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let bea = signed_in(&app, "bea@demo.local", Role::Agent).await;
    let sara = signed_in(&app, "sara@demo.local", Role::Supervisor).await;
    let anas = open_window(&app, "wamid.a", "34600000001").await;
    let queued = open_window(&app, "wamid.q", "34600000002").await;
    let store = &app.state.store;
    store
        .assign(anas, Some(ana.user.id), Some(sara.user.id), now_ms())
        .await
        .expect("assign");

    // A shared inbox (the default): everyone sees everything.
    assert!(row(&list(&app, &bea).await, anas).is_some());

    store
        .put_setting("agent_visibility", "own_and_unassigned", now_ms())
        .await
        .expect("setting");
    let opened = open(&app, &bea, anas).await;
    assert_eq!(opened.status, 403);
    assert_eq!(opened.json, json!({"error": "not_yours"}));
    let sent = send(&app, &bea, anas, "Te atiendo yo").await;
    assert_eq!(sent.status, 403);
    assert_eq!(sent.json, json!({"error": "not_yours"}));
    let note = app
        .call(
            &bea.client,
            "inbox/note",
            &[("conversation_id", &anas.to_string()), ("text", "ojo")],
        )
        .await;
    assert_eq!(note.status, 403);
    assert_eq!(note.json, json!({"error": "not_yours"}));
    assert!(outbound_of(&app, anas).await.is_empty(), "nothing stored");
    let beas_list = list(&app, &bea).await;
    assert!(row(&beas_list, anas).is_none(), "{beas_list:?}");
    assert!(
        row(&beas_list, queued).is_some(),
        "unassigned stays visible"
    );
    assert_eq!(open(&app, &bea, queued).await.status, 200);

    // The assignee and a supervisor still see it.
    assert_eq!(open(&app, &ana, anas).await.status, 200);
    assert!(row(&list(&app, &ana).await, anas).is_some());
    let supervised = open(&app, &sara, anas).await;
    assert_eq!(supervised.status, 200, "{:?}", supervised.json);
    assert_eq!(supervised.json["summary"]["assignee_id"], ana.user.id);
    let saras_list = list(&app, &sara).await;
    assert!(row(&saras_list, anas).is_some());
    assert!(row(&saras_list, queued).is_some());
    assert_eq!(send(&app, &sara, anas, "Hola, soy Sara").await.status, 200);
}

async fn opening_a_conversation_marks_it_read(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let now = now_ms();
    let conv = customer_writes(&app, "wamid.1", "34600000001", "Hola", now - 2000).await;
    let same = customer_writes(&app, "wamid.2", "34600000001", "¿Hay alguien?", now - 1000).await;
    assert_eq!(same, conv, "one conversation");

    let before = list(&app, &ana).await;
    assert_eq!(row(&before, conv).expect("row")["unread"], 2);
    let counts = app.call(&ana.client, "inbox/counts", &[]).await;
    assert_eq!(counts.status, 200, "{:?}", counts.json);
    assert_eq!(counts.json["all"]["unread"], 1);

    let opened = open(&app, &ana, conv).await;
    assert_eq!(opened.status, 200, "{:?}", opened.json);
    assert_eq!(opened.json["summary"]["id"], conv);
    assert_eq!(opened.json["summary"]["unread"], 0);
    assert_eq!(opened.json["contact"]["wa_id"], "34600000001");
    // What the screens show: the number written for people, with its country.
    assert_eq!(opened.json["contact"]["phone"], "+34 600 00 00 01");
    assert_eq!(opened.json["contact"]["phone_country"], "ES");
    assert_eq!(opened.json["summary"]["phone"], "+34 600 00 00 01");
    let texts: Vec<&Value> = opened.json["thread"]["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| &m["body"]["body"])
        .collect();
    assert_eq!(texts, vec!["Hola", "¿Hay alguien?"], "oldest first");

    let after = list(&app, &ana).await;
    assert_eq!(row(&after, conv).expect("row")["unread"], 0);
    let counts = app.call(&ana.client, "inbox/counts", &[]).await;
    assert_eq!(counts.json["all"]["unread"], 0);

    let missing = open(&app, &ana, 999_999).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json, json!({"error": "not_found"}));
}

async fn taking_and_resolving_write_activity_lines(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let bea = signed_in(&app, "bea@demo.local", Role::Agent).await;
    let conv = open_window(&app, "wamid.1", "34600000001").await;
    let store = &app.state.store;
    let id = conv.to_string();
    let status = |c: Option<app::ssr::ConversationRecord>| {
        let c = c.expect("conversation");
        (c.status().as_str(), c.assignee_id)
    };

    let took = app
        .call(
            &ana.client,
            "inbox/assign-me",
            &[("conversation_id", &id), ("mine", "true")],
        )
        .await;
    assert_eq!(took.status, 200, "{:?}", took.json);
    assert_eq!(
        status(store.conversation(conv).await.expect("read")),
        ("open", Some(ana.user.id))
    );

    // Only the assignee (or a supervisor) gives it back.
    let refused = app
        .call(
            &bea.client,
            "inbox/assign-me",
            &[("conversation_id", &id), ("mine", "false")],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json, json!({"error": "forbidden"}));

    let resolved = app
        .call(
            &ana.client,
            "inbox/resolve",
            &[("conversation_id", &id), ("resolved", "true")],
        )
        .await;
    assert_eq!(resolved.status, 200, "{:?}", resolved.json);
    assert_eq!(
        status(store.conversation(conv).await.expect("read")),
        ("resolved", Some(ana.user.id))
    );

    let reopened = app
        .call(
            &ana.client,
            "inbox/resolve",
            &[("conversation_id", &id), ("resolved", "false")],
        )
        .await;
    assert_eq!(reopened.status, 200, "{:?}", reopened.json);
    let gave_back = app
        .call(
            &ana.client,
            "inbox/assign-me",
            &[("conversation_id", &id), ("mine", "false")],
        )
        .await;
    assert_eq!(gave_back.status, 200, "{:?}", gave_back.json);
    assert_eq!(
        status(store.conversation(conv).await.expect("read")),
        ("open", None)
    );

    // Taking a resolved conversation reopens it.
    app.call(
        &ana.client,
        "inbox/resolve",
        &[("conversation_id", &id), ("resolved", "true")],
    )
    .await;
    let bea_took = app
        .call(
            &bea.client,
            "inbox/assign-me",
            &[("conversation_id", &id), ("mine", "true")],
        )
        .await;
    assert_eq!(bea_took.status, 200, "{:?}", bea_took.json);
    assert_eq!(
        status(store.conversation(conv).await.expect("read")),
        ("open", Some(bea.user.id))
    );

    let lines: Vec<Value> = thread(&app, &ana, conv)
        .await
        .into_iter()
        .filter(|m| m["body"]["type"] == "activity")
        .map(|m| {
            assert_eq!(m["sender"], "system");
            json!([m["body"]["activity"], m["body"]["by"]])
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            json!([{"action": "assigned", "to": "ana"}, "ana"]),
            json!([{"action": "resolved"}, "ana"]),
            json!([{"action": "reopened"}, "ana"]),
            json!([{"action": "unassigned"}, "ana"]),
            json!([{"action": "resolved"}, "ana"]),
            // A resolved conversation is reopened, then taken.
            json!([{"action": "reopened"}, "bea"]),
            json!([{"action": "assigned", "to": "bea"}, "bea"]),
        ]
    );
}

async fn the_upload_route_refuses_what_whatsapp_would(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let conv = open_window(&app, "wamid.open", "34600000001").await;
    let png = b"\x89PNG\r\n\x1a\nnot really a picture".to_vec();

    let (status, body) = upload(&app, &app.client(), conv, "image/png", &[], png.clone()).await;
    assert_eq!(status, 401);
    assert_eq!(body, json!({"error": "unauthenticated"}));

    let (status, body) = upload(
        &app,
        &ana.client,
        conv,
        "text/html",
        &[("filename", "x.html")],
        b"<script>alert(1)</script>".to_vec(),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"error": "media_refused", "refusal": {"why": "unsupported_type", "mime": "text/html"}})
    );

    let (status, body) = upload(&app, &ana.client, conv, "image/png", &[], vec![]).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "media_refused");
    assert_eq!(body["refusal"], json!({"why": "empty"}), "{body}");

    let (status, body) = upload(
        &app,
        &ana.client,
        conv,
        "image/jpeg",
        &[("filename", "big.jpg")],
        vec![0u8; 5 * 1024 * 1024 + 1],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "media_refused");
    // The refusal is data: each reader's screen words it in their language.
    assert_eq!(
        body["refusal"],
        json!({"why": "too_large", "kind": "image", "max_bytes": 5 * 1024 * 1024}),
        "{body}"
    );

    let closed = closed_window(&app, "wamid.closed", "34600000002").await;
    let (status, body) = upload(&app, &ana.client, closed, "image/png", &[], png).await;
    assert_eq!(status, 409);
    assert_eq!(body["error"], "window_closed", "{body}");

    assert!(outbound_of(&app, conv).await.is_empty(), "nothing stored");
    assert!(outbound_of(&app, closed).await.is_empty(), "nothing stored");
}

async fn an_uploaded_image_is_sent_and_served_back(db: Db) {
    // Meta, played by the simulator, takes the upload.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let sim_base = format!("http://{}", listener.local_addr().expect("addr"));
    let base = sim_base.clone();
    let app = support::spawn(db, move |c| c.whatsapp.api_base = base).await;
    let mut config = SimConfig::demo(
        format!("{}/webhooks/whatsapp", app.base),
        sim_base.clone(),
        support::APP_SECRET.into(),
        "test-access-token".into(),
    );
    config.phone_number_id = support::PHONE_NUMBER_ID.into();
    config.customer_every = None;
    config.delay_sent = Duration::from_millis(20);
    config.delay_delivered = Duration::from_millis(20);
    config.delay_read = Duration::from_millis(20);
    let sim = Simulator::start(config);
    tokio::spawn(server::http::serve(listener, sim.router(), None));

    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let bea = signed_in(&app, "bea@demo.local", Role::Agent).await;
    let conv = open_window(&app, "wamid.open", "34600000001").await;
    let png = b"\x89PNG\r\n\x1a\nnot really a picture".to_vec();

    let (status, view) = upload(
        &app,
        &ana.client,
        conv,
        "image/png",
        &[
            ("filename", "caja.png"),
            ("caption", " Así llegó la caja "),
            ("echo_id", "echo-img"),
        ],
        png.clone(),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["status"], "pending");
    assert_eq!(view["echo_id"], "echo-img");
    assert_eq!(view["conversation_id"], conv);
    assert_eq!(view["body"]["type"], "media");
    assert_eq!(view["body"]["kind"], "image");
    assert_eq!(view["body"]["caption"], "Así llegó la caja");
    let media_id = view["body"]["media_id"]
        .as_str()
        .expect("Meta's media id")
        .to_string();
    assert!(!media_id.is_empty());
    assert_eq!(view["media"]["state"], "stored", "{view}");

    // Meta got the very bytes.
    let at_meta = reqwest::get(format!("{sim_base}/sim/media/{media_id}"))
        .await
        .expect("sim");
    assert_eq!(at_meta.status().as_u16(), 200);
    assert_eq!(at_meta.bytes().await.expect("bytes").to_vec(), png);

    // The outbound worker sends it as an image with that media id.
    let now = now_ms();
    let jobs = app
        .state
        .store
        .claim_outbound(now, now, 10)
        .await
        .expect("claim");
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    match &jobs[0].outbound {
        Outbound::Media {
            kind,
            media_id: sent,
            caption,
            ..
        } => {
            assert_eq!(*kind, MediaKind::Image);
            assert_eq!(sent, &media_id);
            assert_eq!(caption.as_deref(), Some("Así llegó la caja"));
        }
        other => panic!("{other:?}"),
    }

    let served = app.get(&ana.client, &format!("/media/{media_id}")).await;
    assert_eq!(served.status().as_u16(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.expect("bytes").to_vec(), png);
    let anonymous = app.get(&app.client(), &format!("/media/{media_id}")).await;
    assert_eq!(anonymous.status().as_u16(), 401);

    // Once the conversation is Ana's and agents see only their own, Bea cannot open it.
    app.state
        .store
        .assign(conv, Some(ana.user.id), Some(ana.user.id), now_ms())
        .await
        .expect("assign");
    app.state
        .store
        .put_setting("agent_visibility", "own_and_unassigned", now_ms())
        .await
        .expect("setting");
    let hidden = app.get(&bea.client, &format!("/media/{media_id}")).await;
    assert_eq!(hidden.status().as_u16(), 403);
    let (status, body) = upload(&app, &bea.client, conv, "image/png", &[], png).await;
    assert_eq!(status, 403);
    assert_eq!(body, json!({"error": "not_yours"}));
}

//! The 24-hour window, enforced end to end, and templates sent from the console: over real
//! HTTP, with Meta played by the simulator, on both databases. Free-form messages outside the
//! window are refused on every send path and never reach Meta; templates go, checked first.

use crate::support;

use app::domain::message::{DeliveryStatus, MetaError};
use app::domain::outbound::Outbound;
use app::domain::roles::Role;
use app::ssr::{now_ms, NewOutbound};
use serde_json::{json, Value};
use support::console::*;
use support::{Db, Reply};

/// A day and an hour: the customer's window closed an hour ago.
const LONG_AGO_S: i64 = 25 * 3600;

async fn send_template(
    meta: &WithMeta,
    agent: &Agent,
    conversation: i64,
    template: &str,
    values: Value,
    upload_id: Option<i64>,
) -> Reply {
    let meta_id = meta.template_id(template).await;
    let response = agent
        .client
        .post(format!("{}/api/picker/send", meta.app.base))
        .json(&json!({"send": {
            "conversation_id": conversation,
            "meta_id": meta_id,
            "values": values,
            "upload_id": upload_id,
            "echo_id": "echo-t",
        }}))
        .send()
        .await
        .expect("send template");
    Reply::read(response).await
}

async fn open_picker(app: &support::TestApp, agent: &Agent, conversation: i64) -> Reply {
    app.call(
        &agent.client,
        "picker/open",
        &[("conversation_id", &conversation.to_string())],
    )
    .await
}

on_both_databases!(
    free_form_is_refused_on_every_path_once_the_window_closes,
    a_message_that_waited_past_the_deadline_is_not_sent,
    templates_are_checked_and_sent_as_filled,
    marketing_templates_respect_stop,
    a_media_header_is_uploaded_once_and_reused,
    meta_saying_131047_reaches_the_agent,
    the_warning_time_is_a_team_setting,
);

async fn free_form_is_refused_on_every_path_once_the_window_closes(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    let admin = signed_in(app, "admin@demo.local", Role::Admin).await;
    let conv = meta
        .customer_wrote("Lucía Fernández", "34600000001", "Hola", LONG_AGO_S)
        .await;

    // The console's reply: refused with when the window closed.
    let reply = app
        .call(
            &ana.client,
            "inbox/send",
            &[
                ("conversation_id", &conv.to_string()),
                ("text", "¿Sigues ahí?"),
            ],
        )
        .await;
    assert_eq!(reply.status, 409, "{:?}", reply.json);
    assert_eq!(reply.json["error"], "window_closed");
    let closed_at = reply.json["closed_at_ms"].as_i64().expect("closed at");
    let expected = now_ms() - LONG_AGO_S * 1000 + DAY_MS;
    assert!(
        (closed_at - expected).abs() < 5_000,
        "{closed_at} vs {expected}"
    );

    // A file.
    let response = ana
        .client
        .post(format!("{}/conversations/{conv}/media", app.base))
        .header("content-type", "image/png")
        .body(b"\x89PNG\r\n\x1a\nx".to_vec())
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status().as_u16(), 409);

    // A retry of a message that failed while the window was open.
    let failed = app
        .state
        .store
        .insert_outbound(
            NewOutbound {
                conversation_id: conv,
                outbound: Outbound::Text {
                    body: "Perdona la espera".into(),
                    preview_url: false,
                },
                sender_user_id: Some(ana.user.id),
                reply_to: None,
                echo_id: None,
            },
            now_ms() - LONG_AGO_S * 1000 + 60_000,
        )
        .await
        .expect("queue");
    app.state
        .store
        .fail_outbound(
            failed.id,
            MetaError {
                code: 131_000,
                title: "Something went wrong".into(),
                details: None,
            },
            now_ms() - LONG_AGO_S * 1000 + 61_000,
        )
        .await
        .expect("fail");
    let retry = app
        .call(
            &ana.client,
            "inbox/retry",
            &[("message_id", &failed.id.to_string())],
        )
        .await;
    assert_eq!(retry.status, 409, "{:?}", retry.json);
    assert_eq!(retry.json["error"], "window_closed");

    // The admin's test message to the same number.
    let test = app
        .call(
            &admin.client,
            "settings/test-message",
            &[("to", "34600000001"), ("text", "Prueba")],
        )
        .await;
    assert_eq!(test.status, 409, "{:?}", test.json);
    assert_eq!(test.json["error"], "window_closed");

    // A message queued before the deadline and still waiting (another instance queued it,
    // a restart held it): the worker refuses it at the last moment.
    let waiting = app
        .state
        .store
        .insert_outbound(
            NewOutbound {
                conversation_id: conv,
                outbound: Outbound::Text {
                    body: "¿Te llegó?".into(),
                    preview_url: false,
                },
                sender_user_id: Some(ana.user.id),
                reply_to: None,
                echo_id: None,
            },
            now_ms(),
        )
        .await
        .expect("queue");
    let pass = meta.send_due_at(now_ms()).await;
    assert_eq!((pass.sent, pass.failed), (0, 1), "{pass:?}");
    let refused = app
        .state
        .store
        .message(waiting.id)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(refused.status, Some(DeliveryStatus::Failed));
    assert_eq!(refused.wamid, None, "never handed to Meta");
    assert_eq!(
        refused.error.as_ref().map(|e| e.code),
        Some(MetaError::WINDOW_CLOSED_IN_QUEUE)
    );

    // Nothing reached Meta; only the customer's own message is in the chat.
    assert!(meta.received_by("34600000001").await.is_empty());
    let outbound: Vec<_> = app
        .state
        .store
        .messages_of_conversation(conv)
        .await
        .expect("read")
        .into_iter()
        .filter(|m| m.status.is_some())
        .collect();
    assert!(
        outbound
            .iter()
            .all(|m| m.status == Some(DeliveryStatus::Failed)),
        "nothing was stored as sent: {outbound:?}"
    );

    // A template still goes.
    meta.synced().await;
    let sent = send_template(
        &meta,
        &ana,
        conv,
        "seguimiento_consulta",
        json!({"body.1": "Lucía"}),
        None,
    )
    .await;
    assert_eq!(sent.status, 200, "{:?}", sent.json);
    assert_eq!(sent.json["status"], "pending");
    let id = sent.json["id"].as_i64().expect("id");
    assert_eq!(meta.send_due_at(now_ms()).await.sent, 1);
    meta.until_message(id, "delivered", |m| {
        m.status == Some(DeliveryStatus::Delivered)
    })
    .await;
    let got = meta.received_by("34600000001").await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["template"]["name"], "seguimiento_consulta");
    assert_eq!(
        got[0]["template"]["components"][0]["parameters"][0]["text"],
        "Lucía"
    );
}

async fn a_message_that_waited_past_the_deadline_is_not_sent(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    // The window closes in 30 seconds: the reply is accepted...
    let conv = meta
        .customer_wrote("Pablo Ortega", "34600000002", "¿Seguís ahí?", 86_400 - 30)
        .await;
    let reply = app
        .call(
            &ana.client,
            "inbox/send",
            &[
                ("conversation_id", &conv.to_string()),
                ("text", "¡Sí! Un momento"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let id = reply.json["id"].as_i64().expect("id");
    // ...but the worker only gets to it a minute later (a backlog, a restart).
    let pass = meta.send_due_at(now_ms() + 60_000).await;
    assert_eq!(pass.failed, 1, "{pass:?}");
    let message = app
        .state
        .store
        .message(id)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(message.status, Some(DeliveryStatus::Failed));
    assert_eq!(
        message.error.expect("why").code,
        MetaError::WINDOW_CLOSED_IN_QUEUE
    );
    assert!(meta.received_by("34600000002").await.is_empty());
}

async fn templates_are_checked_and_sent_as_filled(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    meta.synced().await;
    let conv = meta
        .customer_wrote("Lucía Fernández", "34600000003", "Hola", LONG_AGO_S)
        .await;
    app.state
        .store
        .set_contact_attributes(
            app.state
                .store
                .conversation(conv)
                .await
                .expect("read")
                .expect("conversation")
                .contact_id,
            &[("Order".to_string(), "A-1042".to_string())]
                .into_iter()
                .collect(),
            now_ms(),
        )
        .await
        .expect("attributes");

    // The picker lists approved templates only, with what pre-fills them.
    let picker = open_picker(app, &ana, conv).await;
    assert_eq!(picker.status, 200, "{:?}", picker.json);
    let names: Vec<&str> = picker.json["templates"]
        .as_array()
        .expect("templates")
        .iter()
        .map(|t| t["name"].as_str().expect("name"))
        .collect();
    assert!(names.contains(&"order_update") && names.contains(&"appointment_reminder"));
    for not_approved in ["rebajas_verano", "old_promo", "survey_link"] {
        assert!(
            !names.contains(&not_approved),
            "{not_approved} is not approved"
        );
    }
    assert_eq!(picker.json["prefill"]["contact_name"], "Lucía Fernández");
    assert_eq!(picker.json["prefill"]["agent_name"], "ana");
    assert_eq!(picker.json["prefill"]["attributes"]["Order"], "A-1042");

    // Every value is checked against Meta's rules before anything is stored.
    let missing = send_template(
        &meta,
        &ana,
        conv,
        "order_update",
        json!({"header.1": "A-1042", "body.1": "Lucía", "body.2": "A-1042"}),
        None,
    )
    .await;
    assert_eq!(missing.status, 400, "{:?}", missing.json);
    assert_eq!(
        missing.json,
        json!({"error": "template_value", "problem": {"key": "body.3", "problem": {"problem": "missing"}}})
    );
    let newline = send_template(
        &meta,
        &ana,
        conv,
        "order_update",
        json!({"header.1": "A-1042", "body.1": "Lucía", "body.2": "A-1042", "body.3": "jueves\no viernes"}),
        None,
    )
    .await;
    assert_eq!(newline.json["problem"]["problem"]["problem"], "whitespace");
    let paused = send_template(
        &meta,
        &ana,
        conv,
        "survey_link",
        json!({"body.1": "Lucía"}),
        None,
    )
    .await;
    assert_eq!(paused.status, 409);
    assert_eq!(
        paused.json,
        json!({"error": "template_unavailable", "status": "PAUSED"})
    );
    assert!(
        app.state
            .store
            .messages_of_conversation(conv)
            .await
            .expect("read")
            .iter()
            .all(|m| m.status.is_none()),
        "nothing was queued"
    );

    // A good one is stored with the exact components and what the customer sees.
    let sent = send_template(
        &meta,
        &ana,
        conv,
        "appointment_reminder",
        json!({"body.first_name": "Lucía", "body.date": "3 de mayo"}),
        None,
    )
    .await;
    assert_eq!(sent.status, 200, "{:?}", sent.json);
    assert_eq!(sent.json["echo_id"], "echo-t");
    let id = sent.json["id"].as_i64().expect("id");
    let stored = app
        .state
        .store
        .message(id)
        .await
        .expect("read")
        .expect("stored");
    let outbound = stored.body.to_outbound().expect("outbound");
    let Outbound::Template {
        name,
        language,
        body,
        rendered,
        ..
    } = outbound
    else {
        panic!("a template: {outbound:?}");
    };
    assert_eq!(
        (name.as_str(), language.as_str()),
        ("appointment_reminder", "en_US")
    );
    assert_eq!(body[0].name.as_deref(), Some("first_name"));
    assert_eq!(body[1].text, "3 de mayo");
    assert_eq!(
        rendered.expect("rendered").body,
        "Hi Lucía, this is a reminder of your appointment on 3 de mayo. Reply to change it."
    );
    assert_eq!(meta.send_due_at(now_ms()).await.sent, 1);
    meta.until_message(id, "sent", |m| m.wamid.is_some()).await;
    let got = meta.received_by("34600000003").await;
    assert_eq!(
        got[0]["template"]["components"][0]["parameters"][0],
        json!({"type": "text", "text": "Lucía", "parameter_name": "first_name"})
    );
    // The list shows what went out, not the template's name.
    let summary = app
        .state
        .store
        .conversation_summary(conv)
        .await
        .expect("read")
        .expect("row");
    assert!(
        summary.last_preview.starts_with("Hi Lucía"),
        "{}",
        summary.last_preview
    );
}

async fn marketing_templates_respect_stop(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    meta.synced().await;
    let conv = meta
        .customer_wrote("Emma Johnson", "34600000004", "Hi", LONG_AGO_S)
        .await;
    // The customer answers STOP: no more marketing.
    let customer = meta.sim_state().await["customers"][0]["id"]
        .as_u64()
        .expect("id");
    meta.customer_says(customer, "STOP").await;
    let refused = send_template(
        &meta,
        &ana,
        conv,
        "we_miss_you",
        json!({"body.1": "Emma", "button.0": "back"}),
        None,
    )
    .await;
    assert_eq!(refused.status, 409, "{:?}", refused.json);
    assert_eq!(
        refused.json,
        json!({"error": "marketing_refused", "refusal": "opted_out"})
    );
    let picker = open_picker(app, &ana, conv).await;
    assert_eq!(picker.json["marketing"], "opted_out");
    // Utility templates still go.
    let utility = send_template(
        &meta,
        &ana,
        conv,
        "seguimiento_consulta",
        json!({"body.1": "Emma"}),
        None,
    )
    .await;
    assert_eq!(utility.status, 200, "{:?}", utility.json);
    // START brings marketing back.
    meta.customer_says(customer, "START").await;
    let allowed = send_template(
        &meta,
        &ana,
        conv,
        "we_miss_you",
        json!({"body.1": "Emma", "button.0": "back"}),
        None,
    )
    .await;
    assert_eq!(allowed.status, 200, "{:?}", allowed.json);
}

async fn a_media_header_is_uploaded_once_and_reused(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    meta.synced().await;
    let conv = meta
        .customer_wrote("Carmen Ruiz", "34600000005", "¿Y mi factura?", 60)
        .await;
    let without = send_template(
        &meta,
        &ana,
        conv,
        "invoice_ready",
        json!({"body.first_name": "Carmen", "body.invoice_number": "F-2026-17"}),
        None,
    )
    .await;
    assert_eq!(without.status, 400);
    assert_eq!(without.json["problem"]["key"], "header.media");

    // A file that a header cannot take is refused before it reaches Meta.
    let svg = ana
        .client
        .post(format!("{}/uploads?filename=x.svg", app.base))
        .header("content-type", "image/svg+xml")
        .body("<svg/>")
        .send()
        .await
        .expect("upload");
    assert_eq!(svg.status().as_u16(), 400);
    let pdf = b"%PDF-1.4 factura".to_vec();
    let response = ana
        .client
        .post(format!("{}/uploads?filename=F-2026-17.pdf", app.base))
        .header("content-type", "application/pdf")
        .body(pdf.clone())
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status().as_u16(), 200);
    let upload: Value = response.json().await.expect("json");
    assert_eq!(upload["kind"], "document");
    assert_eq!(upload["filename"], "F-2026-17.pdf");
    let upload_id = upload["id"].as_i64().expect("id");
    let served = app.get(&ana.client, &format!("/uploads/{upload_id}")).await;
    assert_eq!(served.bytes().await.expect("bytes").to_vec(), pdf);
    assert_eq!(
        app.get(&app.client(), &format!("/uploads/{upload_id}"))
            .await
            .status()
            .as_u16(),
        401
    );

    // Header files are their uploader's: a colleague neither sees nor sends them.
    let bea = signed_in(app, "bea@demo.local", Role::Agent).await;
    let theirs = app.get(&bea.client, &format!("/uploads/{upload_id}")).await;
    assert_eq!(theirs.status().as_u16(), 404);
    let borrowed = send_template(
        &meta,
        &bea,
        conv,
        "invoice_ready",
        json!({"body.first_name": "Carmen", "body.invoice_number": "F-2026-17"}),
        Some(upload_id),
    )
    .await;
    assert_eq!(borrowed.status, 404, "{:?}", borrowed.json);
    let bea_picker = open_picker(app, &bea, conv).await;
    assert_eq!(bea_picker.json["uploads"], json!([]));

    // The picker offers it again.
    let picker = open_picker(app, &ana, conv).await;
    assert_eq!(picker.json["uploads"][0]["id"], upload_id);

    let sent = send_template(
        &meta,
        &ana,
        conv,
        "invoice_ready",
        json!({"body.first_name": "Carmen", "body.invoice_number": "F-2026-17"}),
        Some(upload_id),
    )
    .await;
    assert_eq!(sent.status, 200, "{:?}", sent.json);
    let id = sent.json["id"].as_i64().expect("id");
    assert_eq!(meta.send_due_at(now_ms()).await.sent, 1);
    meta.until_message(id, "sent", |m| m.wamid.is_some()).await;
    let got = meta.received_by("34600000005").await;
    let header = &got[0]["template"]["components"][0];
    assert_eq!(header["type"], "header");
    assert_eq!(header["parameters"][0]["type"], "document");
    assert_eq!(
        header["parameters"][0]["document"]["filename"],
        "F-2026-17.pdf"
    );
    assert!(header["parameters"][0]["document"]["id"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));
}

async fn meta_saying_131047_reaches_the_agent(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    // Meta's clock says the window closed; ours got a later message stamp (clock skew).
    let conv = meta
        .customer_wrote("Diego Navarro", "34600000006", "Hola", LONG_AGO_S)
        .await;
    customer_writes(
        app,
        "wamid.skewed",
        "34600000006",
        "¿Hola?",
        now_ms() - 60_000,
    )
    .await;
    let reply = app
        .call(
            &ana.client,
            "inbox/send",
            &[
                ("conversation_id", &conv.to_string()),
                ("text", "Aquí estoy"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let id = reply.json["id"].as_i64().expect("id");
    assert_eq!(meta.send_due_at(now_ms()).await.sent, 1);
    let failed = meta
        .until_message(id, "failed", |m| m.status == Some(DeliveryStatus::Failed))
        .await;
    assert_eq!(failed.error.expect("Meta's reason").code, 131_047);
    // The agent sees it on the message in the thread.
    let open = app
        .call(&ana.client, "inbox/open", &[("id", &conv.to_string())])
        .await;
    let shown = open.json["thread"]["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
        .expect("in the thread");
    assert_eq!(shown["error"]["code"], 131_047);
}

async fn the_warning_time_is_a_team_setting(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let admin = signed_in(&app, "admin@demo.local", Role::Admin).await;
    let read = app.call(&ana.client, "settings/console", &[]).await;
    assert_eq!(
        read.json,
        json!({"window_warning_minutes": 60, "owner_only_replies": true, "bot_enabled": false}),
        "the defaults"
    );
    // The team's other settings are the admins' screen.
    assert_eq!(
        app.call(&ana.client, "settings/team", &[]).await.status,
        403
    );
    let team = app.call(&admin.client, "settings/team", &[]).await;
    assert_eq!(
        team.json,
        json!({
            "agent_visibility": "all",
            "read_receipts": true,
            "auto_assign": "off",
            "return_on_offline": false,
            "owner_only_replies": true,
            "new_conversations_to_sender": true,
            "business_country": "ES"
        })
    );
    let denied = app
        .call(
            &ana.client,
            "settings/console/save",
            &[("window_warning_minutes", "90")],
        )
        .await;
    assert_eq!(denied.status, 403);
    let zero = app
        .call(
            &admin.client,
            "settings/console/save",
            &[("window_warning_minutes", "0")],
        )
        .await;
    assert_eq!(zero.status, 400);
    assert_eq!(zero.json["field"], "warning_minutes");
    let saved = app
        .call(
            &admin.client,
            "settings/console/save",
            &[("window_warning_minutes", "90")],
        )
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    let read = app.call(&ana.client, "settings/console", &[]).await;
    assert_eq!(read.json["window_warning_minutes"], 90);
}

//! `/api/v1` messages over real HTTP, with Meta played by the simulator, on both databases:
//! reading a conversation's messages in pages, sending every kind (text, note, template,
//! buttons, list, file) under the window rule, retrying, and the scope and validation
//! refusals. A message sent through the API never makes the token's owner the assignee.

use crate::support;

use app::domain::integrations::tokens::Scope;
use app::domain::message::{DeliveryStatus, MetaError};
use app::domain::outbound::Outbound;
use app::ssr::now_ms;
use serde_json::{json, Value};
use support::api::{admin_token, get, post};
use support::console::{outbound_of, with_meta, WithMeta};
use support::Db;

/// A day and an hour: the customer's window closed an hour ago.
const LONG_AGO_S: i64 = 25 * 3600;

/// `b"\x89PNG\r\n\x1a\nnot really a picture"`, in base64.
const PNG_BASE64: &str = "iVBORw0KGgpub3QgcmVhbGx5IGEgcGljdHVyZQ==";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\nnot really a picture";

on_both_databases!(
    messages_are_listed_oldest_first_in_pages,
    text_inside_the_window_is_queued_and_sent,
    free_form_outside_the_window_is_refused_but_templates_go,
    templates_take_ordered_named_button_and_header_values,
    notes_buttons_and_lists,
    files_are_uploaded_to_whatsapp_and_queued,
    a_failed_message_is_retried_as_a_new_one,
    bad_requests_are_refused,
);

fn id_of(reply: &Value) -> i64 {
    reply["id"].as_i64().expect("id")
}

async fn assignee_of(meta: &WithMeta, conversation: i64) -> Option<i64> {
    meta.app
        .state
        .store
        .conversation(conversation)
        .await
        .expect("read")
        .expect("conversation")
        .assignee_id
}

async fn messages_are_listed_oldest_first_in_pages(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let token = admin_token(app, Scope::Read).await;
    let writer = admin_token(app, Scope::Write).await;
    let conv = meta
        .customer_wrote("Lucía Fernández", "34600000001", "Hola", 120)
        .await;
    for text in ["uno", "dos", "tres"] {
        let sent = post(
            app,
            &format!("/conversations/{conv}/messages"),
            &writer,
            json!({"type": "note", "text": text}),
        )
        .await;
        assert_eq!(sent.status, 201, "{:?}", sent.json);
    }

    let first = get(
        app,
        &format!("/conversations/{conv}/messages?limit=2"),
        &token,
    )
    .await;
    assert_eq!(first.status, 200, "{:?}", first.json);
    let data = first.json["data"].as_array().expect("data");
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["direction"], "inbound");
    assert_eq!(data[0]["sender_type"], "contact");
    assert_eq!(data[0]["text"], "Hola");
    assert_eq!(data[0]["conversation_id"], conv);
    assert_eq!(data[1]["kind"], "note");
    assert_eq!(data[1]["text"], "uno");
    let cursor = first.json["next_cursor"].as_str().expect("a next page");

    let second = get(
        app,
        &format!("/conversations/{conv}/messages?limit=2&cursor={cursor}"),
        &token,
    )
    .await;
    assert_eq!(second.status, 200, "{:?}", second.json);
    let texts: Vec<&str> = second.json["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|m| m["text"].as_str().expect("text"))
        .collect();
    assert_eq!(texts, ["dos", "tres"]);
    let ids: Vec<i64> = data
        .iter()
        .chain(second.json["data"].as_array().expect("data"))
        .map(id_of)
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first: {ids:?}");
    let last = get(
        app,
        &format!(
            "/conversations/{conv}/messages?limit=2&cursor={}",
            second.json["next_cursor"].as_str().expect("cursor")
        ),
        &token,
    )
    .await;
    assert_eq!(last.json["data"], json!([]));
    assert_eq!(last.json["next_cursor"], Value::Null);

    let bad = get(
        app,
        &format!("/conversations/{conv}/messages?cursor=nope"),
        &token,
    )
    .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json["error"]["code"], "validation_failed");
    let missing = get(app, "/conversations/999999/messages", &token).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json["error"]["code"], "not_found");
}

async fn text_inside_the_window_is_queued_and_sent(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let token = admin_token(app, Scope::Write).await;
    let conv = meta
        .customer_wrote("Lucía Fernández", "34600000002", "¿Tenéis talla M?", 60)
        .await;
    assert!(outbound_of(app, conv).await.is_empty());
    let question = get(
        &meta.app,
        &format!("/conversations/{conv}/messages"),
        &token,
    )
    .await;
    let question_id = id_of(&question.json["data"][0]);
    assert_eq!(assignee_of(&meta, conv).await, None);

    let sent = post(
        app,
        &format!("/conversations/{conv}/messages"),
        &token,
        json!({"type": "text", "text": "Sí, la tenemos", "reply_to_message_id": question_id}),
    )
    .await;
    assert_eq!(sent.status, 201, "{:?}", sent.json);
    assert_eq!(sent.json["status"], "pending");
    assert_eq!(sent.json["direction"], "outbound");
    assert_eq!(sent.json["sender_type"], "agent");
    assert_eq!(sent.json["kind"], "text");
    assert_eq!(sent.json["text"], "Sí, la tenemos");
    assert_eq!(sent.json["wamid"], Value::Null);
    let id = id_of(&sent.json);

    // Unlike a reply from the console, it does not make the token's owner the assignee.
    assert_eq!(assignee_of(&meta, conv).await, None);

    // The outbound worker sends it; the API shows what WhatsApp said.
    meta.send_due_at(now_ms()).await;
    meta.until_message(id, "sent", |m| {
        m.status.is_some_and(|s| s != DeliveryStatus::Pending)
    })
    .await;
    let read = get(app, &format!("/messages/{id}"), &token).await;
    assert_eq!(read.status, 200, "{:?}", read.json);
    assert_ne!(read.json["status"], "pending");
    assert_ne!(read.json["status"], "failed", "{:?}", read.json);
    assert!(read.json["wamid"].as_str().is_some_and(|w| !w.is_empty()));
    let received = meta.received_by("34600000002").await;
    assert!(
        received
            .iter()
            .any(|c| c.to_string().contains("Sí, la tenemos")),
        "{received:?}"
    );
    let quoted = app
        .state
        .store
        .message(id)
        .await
        .expect("read")
        .expect("stored");
    assert!(quoted.context.quoted_wamid.is_some(), "the reply quotes");
}

async fn free_form_outside_the_window_is_refused_but_templates_go(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let token = admin_token(app, Scope::Write).await;
    meta.synced().await;
    let conv = meta
        .customer_wrote("Lucía Fernández", "34600000003", "Gracias", LONG_AGO_S)
        .await;
    let path = format!("/conversations/{conv}/messages");

    for body in [
        json!({"type": "text", "text": "¿Sigues ahí?"}),
        json!({"type": "interactive", "body": "¿Sigues ahí?",
               "buttons": [{"id": "yes", "title": "Sí"}]}),
        json!({"type": "media", "media": {"filename": "caja.png", "mime_type": "image/png",
               "data_base64": PNG_BASE64}}),
    ] {
        let refused = post(app, &path, &token, body.clone()).await;
        assert_eq!(refused.status, 409, "{body}: {:?}", refused.json);
        assert_eq!(refused.json["error"]["code"], "window_closed");
    }
    assert!(
        outbound_of(app, conv).await.is_empty(),
        "nothing was stored"
    );

    let template = post(
        app,
        &path,
        &token,
        json!({"type": "template", "name": "order_update", "language": "es_ES",
               "header": ["A-1042"], "body": ["Lucía", "A-1042", "jueves"]}),
    )
    .await;
    assert_eq!(template.status, 201, "{:?}", template.json);
    assert_eq!(template.json["kind"], "template");
    assert_eq!(template.json["status"], "pending");
    let stored = app
        .state
        .store
        .message(id_of(&template.json))
        .await
        .expect("read")
        .expect("stored");
    let Some(Outbound::Template {
        name,
        header,
        body,
        rendered,
        ..
    }) = stored.body.to_outbound()
    else {
        panic!("a template: {:?}", stored.body)
    };
    assert_eq!(name, "order_update");
    assert_eq!(header[0].text, "A-1042");
    assert_eq!(body.len(), 3);
    assert_eq!(
        rendered.expect("rendered").body,
        "Hola Lucía, tu pedido A-1042 sale hoy. Llegará el jueves."
    );
    assert_eq!(assignee_of(&meta, conv).await, None);
}

async fn templates_take_ordered_named_button_and_header_values(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let token = admin_token(app, Scope::Write).await;
    meta.synced().await;
    let conv = meta
        .customer_wrote("Sam Lee", "34600000004", "Hi", LONG_AGO_S)
        .await;
    let path = format!("/conversations/{conv}/messages");

    // A missing value is named, and nothing is stored.
    let missing = post(
        app,
        &path,
        &token,
        json!({"type": "template", "name": "order_update", "language": "es_ES",
               "header": ["A-1042"], "body": ["Lucía", "A-1042"]}),
    )
    .await;
    assert_eq!(missing.status, 422, "{:?}", missing.json);
    assert_eq!(missing.json["error"]["code"], "validation_failed");
    let too_many = post(
        app,
        &path,
        &token,
        json!({"type": "template", "name": "order_update", "language": "es_ES",
               "header": ["A-1042", "B"], "body": ["Lucía", "A-1042", "jueves"]}),
    )
    .await;
    assert_eq!(too_many.status, 422, "{:?}", too_many.json);
    let unknown = post(
        app,
        &path,
        &token,
        json!({"type": "template", "name": "no_such_template", "language": "es_ES"}),
    )
    .await;
    assert_eq!(unknown.status, 409, "{:?}", unknown.json);
    assert_eq!(unknown.json["error"]["code"], "template_unavailable");
    assert!(outbound_of(app, conv).await.is_empty());

    // Named parameters by name.
    let named = post(
        app,
        &path,
        &token,
        json!({"type": "template", "name": "appointment_reminder", "language": "en_US",
               "body": {"first_name": "Sam", "date": "May 3"}}),
    )
    .await;
    assert_eq!(named.status, 201, "{:?}", named.json);
    assert_eq!(
        named.json["text"],
        "Hi Sam, this is a reminder of your appointment on May 3. Reply to change it."
    );

    // An image header sent inline, a copy-code and a URL button.
    let welcome = json!({"type": "template", "name": "welcome_offer", "language": "en_US",
        "body": ["Sam", "WELCOME15"],
        "buttons": [{"index": 0, "value": "WELCOME15"}, {"index": 1, "value": "sam"}]});
    let without_image = post(app, &path, &token, welcome.clone()).await;
    assert_eq!(without_image.status, 422, "{:?}", without_image.json);
    let mut with_image = welcome.clone();
    with_image["header_media"] =
        json!({"filename": "welcome.png", "mime_type": "image/png", "data_base64": PNG_BASE64});
    let sent = post(app, &path, &token, with_image).await;
    assert_eq!(sent.status, 201, "{:?}", sent.json);
    let stored = app
        .state
        .store
        .message(id_of(&sent.json))
        .await
        .expect("read")
        .expect("stored");
    let Some(Outbound::Template {
        header_media,
        buttons,
        ..
    }) = stored.body.to_outbound()
    else {
        panic!("a template: {:?}", stored.body)
    };
    let media_id = header_media.expect("the header image").media_id;
    let at_meta = reqwest::get(format!("{}/sim/media/{media_id}", meta.sim_base))
        .await
        .expect("sim");
    assert_eq!(at_meta.bytes().await.expect("bytes").to_vec(), PNG);
    assert_eq!(buttons.len(), 2);
    assert_eq!(buttons[1].value, "sam");
}

async fn notes_buttons_and_lists(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let token = admin_token(app, Scope::Write).await;
    let conv = meta
        .customer_wrote("Lucía Fernández", "34600000005", "Hola", 60)
        .await;
    let path = format!("/conversations/{conv}/messages");

    let note = post(
        app,
        &path,
        &token,
        json!({"type": "note", "text": "Cliente VIP"}),
    )
    .await;
    assert_eq!(note.status, 201, "{:?}", note.json);
    assert_eq!(note.json["kind"], "note");
    assert_eq!(note.json["status"], Value::Null, "never sent");

    let buttons = post(
        app,
        &path,
        &token,
        json!({"type": "interactive", "header": "Talla", "body": "¿Qué talla?",
               "buttons": [{"id": "s", "title": "S"}, {"id": "m", "title": "M"}]}),
    )
    .await;
    assert_eq!(buttons.status, 201, "{:?}", buttons.json);
    assert_eq!(buttons.json["kind"], "interactive");
    assert_eq!(buttons.json["status"], "pending");
    let four = post(
        app,
        &path,
        &token,
        json!({"type": "interactive", "body": "¿Qué talla?", "buttons": [
            {"id": "1", "title": "XS"}, {"id": "2", "title": "S"},
            {"id": "3", "title": "M"}, {"id": "4", "title": "L"}]}),
    )
    .await;
    assert_eq!(four.status, 422, "{:?}", four.json);
    assert_eq!(four.json["error"]["code"], "validation_failed");

    let list = post(
        app,
        &path,
        &token,
        json!({"type": "list", "body": "Elige una tienda", "button": "Tiendas",
               "sections": [{"title": "Madrid", "rows": [
                   {"id": "sol", "title": "Sol", "description": "Abierta hasta las 21:00"},
                   {"id": "goya", "title": "Goya"}]}]}),
    )
    .await;
    assert_eq!(list.status, 201, "{:?}", list.json);
    assert_eq!(list.json["kind"], "interactive");
    let stored = app
        .state
        .store
        .message(id_of(&list.json))
        .await
        .expect("read")
        .expect("stored");
    assert!(matches!(
        stored.body.to_outbound(),
        Some(Outbound::List { ref sections, .. }) if sections[0].rows.len() == 2
    ));
    let no_rows = post(
        app,
        &path,
        &token,
        json!({"type": "list", "body": "Elige", "button": "Tiendas", "sections": []}),
    )
    .await;
    assert_eq!(no_rows.status, 422, "{:?}", no_rows.json);
    assert_eq!(assignee_of(&meta, conv).await, None);
}

async fn files_are_uploaded_to_whatsapp_and_queued(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let token = admin_token(app, Scope::Write).await;
    let conv = meta
        .customer_wrote("Lucía Fernández", "34600000006", "¿Me mandas una foto?", 60)
        .await;
    let path = format!("/conversations/{conv}/messages");

    let sent = post(
        app,
        &path,
        &token,
        json!({"type": "media", "caption": " Así llegó la caja ",
               "media": {"filename": "caja.png", "mime_type": "image/png", "data_base64": PNG_BASE64}}),
    )
    .await;
    assert_eq!(sent.status, 201, "{:?}", sent.json);
    assert_eq!(sent.json["kind"], "image");
    assert_eq!(sent.json["status"], "pending");
    assert_eq!(sent.json["body"]["caption"], "Así llegó la caja");
    let media_id = sent.json["body"]["media_id"]
        .as_str()
        .expect("Meta's media id")
        .to_string();
    let at_meta = reqwest::get(format!("{}/sim/media/{media_id}", meta.sim_base))
        .await
        .expect("sim");
    assert_eq!(at_meta.status().as_u16(), 200);
    assert_eq!(at_meta.bytes().await.expect("bytes").to_vec(), PNG);

    // A type WhatsApp does not take, and text that is not base64.
    let exe = post(
        app,
        &path,
        &token,
        json!({"type": "media", "media": {"filename": "x.exe",
               "mime_type": "application/x-msdownload", "data_base64": PNG_BASE64}}),
    )
    .await;
    assert_eq!(exe.status, 422, "{:?}", exe.json);
    assert_eq!(exe.json["error"]["code"], "validation_failed");
    let garbled = post(
        app,
        &path,
        &token,
        json!({"type": "media", "media": {"filename": "caja.png",
               "mime_type": "image/png", "data_base64": "not base64!"}}),
    )
    .await;
    assert_eq!(garbled.status, 422, "{:?}", garbled.json);
    assert_eq!(outbound_of(app, conv).await.len(), 1, "only the good file");
    assert_eq!(assignee_of(&meta, conv).await, None);
}

async fn a_failed_message_is_retried_as_a_new_one(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let token = admin_token(app, Scope::Write).await;
    let conv = meta
        .customer_wrote("Lucía Fernández", "34600000008", "Hola", 60)
        .await;
    let sent = post(
        app,
        &format!("/conversations/{conv}/messages"),
        &token,
        json!({"type": "text", "text": "¿Te llegó el pedido?"}),
    )
    .await;
    let failed = id_of(&sent.json);
    app.state
        .store
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
    let read = get(app, &format!("/messages/{failed}"), &token).await;
    assert_eq!(read.json["status"], "failed");
    assert_eq!(read.json["error"]["code"], 131026);
    assert_eq!(read.json["error"]["title"], "Message undeliverable");

    let retry = post(app, &format!("/messages/{failed}/retry"), &token, json!({})).await;
    assert_eq!(retry.status, 201, "{:?}", retry.json);
    assert_ne!(id_of(&retry.json), failed, "a new message");
    assert_eq!(retry.json["status"], "pending");
    assert_eq!(retry.json["text"], "¿Te llegó el pedido?");
    assert_eq!(retry.json["retry_of"], failed);
    let again = post(app, &format!("/messages/{failed}/retry"), &token, json!({})).await;
    assert_eq!(again.status, 409, "once only: {:?}", again.json);
    assert_eq!(again.json["error"]["code"], "already_retried");
    let read = get(app, &format!("/messages/{failed}"), &token).await;
    assert_eq!(read.json["retried_by"], id_of(&retry.json));
    assert_eq!(read.json["status"], "failed", "the failure stays");
    let of_retry = post(
        app,
        &format!("/messages/{}/retry", id_of(&retry.json)),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(of_retry.status, 409);
    assert_eq!(of_retry.json["error"]["code"], "not_failed");
    assert_eq!(assignee_of(&meta, conv).await, None);
}

async fn bad_requests_are_refused(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let reader = admin_token(app, Scope::Read).await;
    let writer = admin_token(app, Scope::Write).await;
    let conv = meta
        .customer_wrote("Lucía Fernández", "34600000007", "Hola", 60)
        .await;
    let path = format!("/conversations/{conv}/messages");

    for body in [
        json!({"type": "telegram", "text": "hola"}),
        json!({"text": "no type"}),
        json!({"type": "text"}),
        json!({"type": "text", "text": "   "}),
        json!({"type": "text", "text": "x".repeat(4097)}),
        json!({"type": "note", "text": 42}),
        json!({"type": "interactive", "body": "¿Talla?", "buttons": []}),
    ] {
        let refused = post(app, &path, &writer, body.clone()).await;
        assert_eq!(refused.status, 422, "{body}: {:?}", refused.json);
        assert_eq!(refused.json["error"]["code"], "validation_failed");
    }

    let read_only = post(app, &path, &reader, json!({"type": "text", "text": "hola"})).await;
    assert_eq!(read_only.status, 403, "{:?}", read_only.json);
    assert_eq!(read_only.json["error"]["code"], "forbidden");
    assert!(outbound_of(app, conv).await.is_empty());
    let anonymous = support::api::call(
        app,
        reqwest::Method::POST,
        &path,
        None,
        Some(json!({"type": "text", "text": "hola"})),
    )
    .await;
    assert_eq!(anonymous.status, 401);

    let sent = post(app, &path, &writer, json!({"type": "text", "text": "hola"})).await;
    assert_eq!(sent.status, 201, "{:?}", sent.json);
    let id = id_of(&sent.json);
    let retry = post(app, &format!("/messages/{id}/retry"), &writer, json!({})).await;
    assert_eq!(retry.status, 409, "{:?}", retry.json);
    assert_eq!(retry.json["error"]["code"], "not_failed");
    let retry_read = post(app, &format!("/messages/{id}/retry"), &reader, json!({})).await;
    assert_eq!(retry_read.status, 403);
    let unknown = post(app, "/messages/999999/retry", &writer, json!({})).await;
    assert_eq!(unknown.status, 404);

    let read = get(app, &format!("/messages/{id}"), &reader).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json["id"], id);
    assert_eq!(get(app, "/messages/999999", &reader).await.status, 404);
    assert_eq!(get(app, "/messages/abc", &reader).await.status, 404);
    assert_eq!(
        post(
            app,
            "/conversations/999999/messages",
            &writer,
            json!({"type": "text", "text": "hola"})
        )
        .await
        .status,
        404
    );
}

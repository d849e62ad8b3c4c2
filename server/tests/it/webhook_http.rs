//! `/webhooks/whatsapp` over real HTTP, on both databases: the handshake, signatures, body
//! limits, idempotency and what ends up stored.

use crate::support;

use app::domain::message::{DeliveryStatus, MessageBody};
use app::ssr::ContactKey;
use server::whatsapp::signature::sign;
use support::{fixture, fixture_with, Db, TestApp};

async fn post(app: &TestApp, body: &[u8], signature: Option<String>) -> (u16, String) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/webhooks/whatsapp", app.base))
        .header("content-type", "application/json")
        .body(body.to_vec());
    if let Some(s) = signature {
        request = request.header("x-hub-signature-256", s);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn deliver(app: &TestApp, body: &[u8]) -> (u16, String) {
    post(app, body, Some(sign(support::APP_SECRET.as_bytes(), body))).await
}

async fn stored(app: &TestApp, wamid: &str) -> bool {
    app.state
        .store
        .message_by_wamid(wamid)
        .await
        .expect("read")
        .is_some()
}

on_both_databases!(
    meta_verifies_the_webhook_with_the_token,
    a_signed_delivery_is_stored_and_acknowledged,
    bad_or_missing_signatures_write_nothing,
    the_same_delivery_ten_times_stores_one_message,
    shuffled_and_duplicated_statuses_end_forward_most,
    a_three_megabyte_body_is_accepted_and_a_huge_one_refused,
    malformed_bodies_get_a_reason_and_write_nothing,
    events_for_another_number_are_ignored,
    customers_known_only_by_bsuid_work,
    settings_show_the_connection_masked_and_its_activity,
);

async fn meta_verifies_the_webhook_with_the_token(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let client = reqwest::Client::new();
    let url = |token: &str| {
        format!(
            "{}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={token}&hub.challenge=1158201444",
            app.base
        )
    };
    let ok = client
        .get(url(support::VERIFY_TOKEN))
        .send()
        .await
        .expect("request");
    assert_eq!(ok.status().as_u16(), 200);
    assert_eq!(
        ok.text().await.expect("body"),
        "1158201444",
        "the bare challenge, echoed"
    );
    let wrong = client.get(url("guess")).send().await.expect("request");
    assert_eq!(wrong.status().as_u16(), 403);
}

async fn a_signed_delivery_is_stored_and_acknowledged(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let (status, _) = deliver(&app, &fixture("message", "text")).await;
    assert_eq!(status, 200);
    let message = app
        .state
        .store
        .message_by_wamid("wamid.xyzxyz")
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(
        message.body,
        MessageBody::Text {
            body: "Body Text".into()
        }
    );
    let contact = app
        .state
        .store
        .contact(ContactKey::WaId("972987654321"))
        .await
        .expect("read")
        .expect("contact");
    assert_eq!(contact.user_id.as_deref(), Some("US.13491208655302741918"));
    assert_eq!(contact.profile_name.as_deref(), Some("Test Name"));
    assert_eq!(contact.last_inbound_at_ms, Some(1_697_043_223_000));
}

async fn bad_or_missing_signatures_write_nothing(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let body = fixture("message", "text");
    let (status, _) = post(&app, &body, None).await;
    assert_eq!(status, 401);
    let (status, _) = post(&app, &body, Some(sign(b"another app's secret", &body))).await;
    assert_eq!(status, 401);
    let (status, _) = post(&app, &body, Some("sha256=not-hex".into())).await;
    assert_eq!(status, 401);
    // Signed, then changed on the way: the signature covers the exact bytes.
    let signature = sign(support::APP_SECRET.as_bytes(), &body);
    let tampered = String::from_utf8(body.clone())
        .expect("utf-8")
        .replace("Body Text", "Body Text!");
    let (status, _) = post(&app, tampered.as_bytes(), Some(signature)).await;
    assert_eq!(status, 401);
    assert!(!stored(&app, "wamid.xyzxyz").await, "nothing written");
}

async fn the_same_delivery_ten_times_stores_one_message(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let body = fixture("message", "voice");
    for _ in 0..10 {
        assert_eq!(deliver(&app, &body).await.0, 200);
    }
    let message = app
        .state
        .store
        .message_by_wamid("wamid.xyzxyz")
        .await
        .expect("read")
        .expect("m");
    let all = app
        .state
        .store
        .messages_of_conversation(message.conversation_id)
        .await
        .expect("read");
    assert_eq!(all.len(), 1);
    let MessageBody::Media(voice) = &all[0].body else {
        panic!("{:?}", all[0].body)
    };
    assert!(voice.voice);
}

async fn shuffled_and_duplicated_statuses_end_forward_most(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    // Our reply to the customer of the fixtures, accepted by Meta as wamid.xyzxyz.
    assert_eq!(
        deliver(
            &app,
            &fixture_with("message", "text", &[("wamid.xyzxyz", "wamid.in")])
        )
        .await
        .0,
        200
    );
    let inbound = app
        .state
        .store
        .message_by_wamid("wamid.in")
        .await
        .expect("read")
        .expect("m");
    let out = app
        .state
        .store
        .insert_outbound(
            app::ssr::NewOutbound {
                conversation_id: inbound.conversation_id,
                outbound: app::domain::outbound::Outbound::Text {
                    body: "Hi".into(),
                    preview_url: false,
                },
                sender_user_id: None,
                reply_to: None,
                echo_id: None,
            },
            0,
        )
        .await
        .expect("outbound");
    app.state
        .store
        .mark_sent(out.id, "wamid.xyzxyz", 0)
        .await
        .expect("sent");
    for case in ["read", "delivered", "sent", "read", "failed", "delivered"] {
        assert_eq!(
            deliver(&app, &fixture("message_status", case)).await.0,
            200,
            "{case}"
        );
    }
    let message = app
        .state
        .store
        .message_by_wamid("wamid.xyzxyz")
        .await
        .expect("read")
        .expect("m");
    assert_eq!(message.status, Some(DeliveryStatus::Read));
    assert_eq!(message.error, None, "a late failure does not undo a read");
}

async fn a_three_megabyte_body_is_accepted_and_a_huge_one_refused(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let padding = "x".repeat(3 * 1024 * 1024);
    let big = fixture_with(
        "message",
        "text",
        &[(
            "\"messaging_product\"",
            &format!("\"padding\": \"{padding}\", \"messaging_product\""),
        )],
    );
    assert!(big.len() > 3 * 1024 * 1024);
    assert_eq!(deliver(&app, &big).await.0, 200);
    assert!(stored(&app, "wamid.xyzxyz").await);

    let padding = "x".repeat(5 * 1024 * 1024);
    let huge = fixture_with(
        "message",
        "text",
        &[
            ("wamid.xyzxyz", "wamid.huge"),
            (
                "\"messaging_product\"",
                &format!("\"padding\": \"{padding}\", \"messaging_product\""),
            ),
        ],
    );
    assert_eq!(deliver(&app, &huge).await.0, 413);
    assert!(!stored(&app, "wamid.huge").await);
}

async fn malformed_bodies_get_a_reason_and_write_nothing(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let (status, reason) = deliver(
        &app,
        b"{\"object\": \"whatsapp_business_account\", \"entry\": ",
    )
    .await;
    assert_eq!(status, 400);
    assert!(reason.contains("not JSON"), "{reason}");
    let (status, reason) = deliver(&app, br#"{"object":"instagram","entry":[]}"#).await;
    assert_eq!(status, 400);
    assert!(reason.contains("whatsapp_business_account"), "{reason}");
    // One good change and one broken: the whole delivery is refused.
    let good = String::from_utf8(fixture("message", "text")).expect("utf-8");
    assert!(good.contains("\"changes\":["), "fixtures are compact JSON");
    let broken = good.replacen("\"changes\":[", "\"changes\":[{\"field\":\"messages\"},", 1);
    let (status, reason) = deliver(&app, broken.as_bytes()).await;
    assert_eq!(status, 400, "{reason}");
    assert!(!stored(&app, "wamid.xyzxyz").await);
}

async fn events_for_another_number_are_ignored(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let other = fixture_with("message", "text", &[("1122334455667", "999999999999")]);
    assert_eq!(
        deliver(&app, &other).await.0,
        200,
        "acknowledged, so Meta stops retrying"
    );
    assert!(!stored(&app, "wamid.xyzxyz").await);
}

async fn customers_known_only_by_bsuid_work(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
        "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"1122334455667"},
        "contacts":[{"profile":{"name":"Marta","username":"marta.g"},"user_id":"ES.4455667788"}],
        "messages":[{"from_user_id":"ES.4455667788","id":"wamid.bsuid-only","timestamp":"1760000000","type":"text","text":{"body":"Sin n\u00famero"}}]},
        "field":"messages"}]}]}"#;
    assert_eq!(deliver(&app, body).await.0, 200);
    let contact = app
        .state
        .store
        .contact(ContactKey::UserId("ES.4455667788"))
        .await
        .expect("read")
        .expect("contact");
    assert_eq!(contact.wa_id, None);
    assert_eq!(contact.username.as_deref(), Some("marta.g"));
    let message = app
        .state
        .store
        .message_by_wamid("wamid.bsuid-only")
        .await
        .expect("read")
        .expect("m");
    assert_eq!(
        message.body,
        MessageBody::Text {
            body: "Sin número".into()
        }
    );
}

async fn settings_show_the_connection_masked_and_its_activity(db: Db) {
    use app::domain::roles::Role;
    let app = support::spawn(db, |_| {}).await;
    app.add_user("admin@demo.local", Role::Admin, "correct horse")
        .await;
    app.add_user("sofia@demo.local", Role::Supervisor, "correct horse")
        .await;
    let admin = app.client();
    app.login(&admin, "admin@demo.local", "correct horse").await;
    assert_eq!(deliver(&app, &fixture("message", "text")).await.0, 200);
    assert_eq!(post(&app, b"{}", Some("sha256=00".into())).await.0, 401);

    let reply = app.call(&admin, "settings/connection", &[]).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let body = reply.json.to_string();
    for secret in [
        support::APP_SECRET,
        support::VERIFY_TOKEN,
        "test-access-token",
    ] {
        assert!(!body.contains(secret), "{secret} leaked: {body}");
    }
    assert_eq!(reply.json["app_secret"], "••••cret");
    assert_eq!(reply.json["phone_number_id"], support::PHONE_NUMBER_ID);
    assert!(reply.json["webhook_url"]
        .as_str()
        .expect("url")
        .ends_with("/webhooks/whatsapp"));
    assert_eq!(reply.json["webhooks_received"], 2);
    // The problem is data (the screen words it in the reader's language).
    assert_eq!(reply.json["last_error"][1]["step"], "webhook_signature");

    // Nothing answers at the test app's Graph API address: the check says so.
    let check = app.call(&admin, "settings/check", &[]).await;
    assert_eq!(check.json["ok"], false);
    assert_eq!(check.json["problem"]["step"], "connection_check");
    assert!(check.json["problem"]["detail"]
        .as_str()
        .expect("what the network said")
        .contains("could not be reached"));

    let supervisor = app.client();
    app.login(&supervisor, "sofia@demo.local", "correct horse")
        .await;
    assert_eq!(
        app.call(&supervisor, "settings/connection", &[])
            .await
            .status,
        403
    );
}

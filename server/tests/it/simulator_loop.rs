//! The desk and the simulator together over real HTTP: customers write in through signed
//! webhooks, replies go out through the Graph API and come back as statuses; the simulator
//! answers like Meta, error codes included.

use crate::support;

use app::domain::message::{DeliveryStatus, MessageBody};
use app::domain::outbound::{Outbound, TemplateParam};
use app::ssr::{ContactKey, NewOutbound, Store};
use serde_json::{json, Value};
use server::outbound::{send_due, OutboundSettings, Pacer};
use server::simulator::SimConfig;
use server::whatsapp::graph::{GraphClient, GraphError, Recipient, WhatsAppApi};
use std::time::Duration;
use support::console::{with_meta_tweaked, WithMeta};
use support::Db;

type Loop = WithMeta;

async fn start(db: Db, tweak: impl FnOnce(&mut SimConfig)) -> Loop {
    with_meta_tweaked(db, tweak).await
}

impl Loop {
    async fn customer(&self, name: &str, wa_id: &str) -> u64 {
        let c = self
            .sim(
                "/sim/customers",
                json!({"name": name, "wa_id": wa_id, "lang": "es"}),
            )
            .await;
        c["id"].as_u64().expect("id")
    }

    /// Waits (15 s at most: CI machines are slow) until `check` holds on the desk's store.
    async fn until<F, Fut>(&self, what: &str, check: F)
    where
        F: Fn(std::sync::Arc<dyn Store>) -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        for _ in 0..300 {
            if check(self.app.state.store.clone()).await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("timed out waiting for {what}");
    }

    async fn reply(&self, conversation_id: i64, outbound: Outbound) -> i64 {
        let id = self
            .app
            .state
            .store
            .insert_outbound(
                NewOutbound {
                    conversation_id,
                    outbound,
                    sender_user_id: None,
                    reply_to: None,
                    echo_id: None,
                },
                app::ssr::now_ms(),
            )
            .await
            .expect("queue")
            .id;
        let mut pacer = Pacer::new(OutboundSettings::default(), app::ssr::now_ms());
        send_due(
            &*self.app.state.store,
            &self.api,
            &mut pacer,
            app::ssr::now_ms(),
        )
        .await
        .expect("pass");
        id
    }

    /// What the simulator holds: customers (with their chats) and templates.
    async fn state(&self) -> Value {
        self.sim_state().await
    }

    /// The simulator's copy of one of its customers.
    async fn sim_customer(&self, id: u64) -> Value {
        let state = self.state().await;
        state["customers"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["id"] == id))
            .cloned()
            .expect("the customer")
    }

    /// Waits (a few seconds at most) until the business message `wamid` on the customer's
    /// phone holds `check`; returns that chat item.
    async fn until_on_phone(
        &self,
        customer: u64,
        wamid: &str,
        check: impl Fn(&Value) -> bool,
    ) -> Value {
        for _ in 0..100 {
            let c = self.sim_customer(customer).await;
            if let Some(item) = c["chat"]
                .as_array()
                .and_then(|chat| chat.iter().find(|m| m["wamid"] == wamid))
                .filter(|m| check(m))
            {
                return item.clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("timed out waiting for {wamid} on the phone of customer {customer}");
    }

    /// The customer writes; returns the message once the desk has stored it.
    async fn writes(&self, customer: u64, request: Value) -> app::ssr::MessageRecord {
        let sent = self
            .sim(&format!("/sim/customers/{customer}/messages"), request)
            .await;
        let wamid = sent["wamid"].as_str().expect("wamid").to_string();
        let w = wamid.clone();
        self.until("the customer's message in the desk", move |s| {
            let w = w.clone();
            async move { s.message_by_wamid(&w).await.expect("read").is_some() }
        })
        .await;
        self.app
            .state
            .store
            .message_by_wamid(&wamid)
            .await
            .expect("read")
            .expect("message")
    }

    /// A send straight to the simulator's Graph endpoint: (HTTP status, body).
    async fn raw_send(&self, body: Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!(
                "{}/v25.0/{}/messages",
                self.sim_base,
                support::PHONE_NUMBER_ID
            ))
            .bearer_auth("test-access-token")
            .json(&body)
            .send()
            .await
            .expect("request");
        let status = r.status().as_u16();
        (status, r.json().await.expect("json"))
    }

    async fn status_of(
        &self,
        conversation_id: i64,
        id: i64,
    ) -> (Option<DeliveryStatus>, Option<i64>) {
        let all = self
            .app
            .state
            .store
            .messages_of_conversation(conversation_id)
            .await
            .expect("read");
        let m = all.into_iter().find(|m| m.id == id).expect("message");
        (m.status, m.error.map(|e| e.code))
    }
}

on_both_databases!(
    a_customer_writes_and_a_reply_comes_back_read,
    free_text_after_the_window_fails_with_131047,
    every_message_kind_a_customer_sends_reaches_the_desk,
    meta_errors_come_back_typed,
    templates_sync_from_the_account_and_follow_its_webhooks,
    customers_media_is_fetched_stored_and_served_to_signed_in_users,
    outbound_media_is_checked_then_uploaded,
    an_admin_sends_a_test_message_and_follows_it,
    a_backdated_message_keeps_its_time_and_the_window_follows_it,
    media_headers_and_template_buttons_are_checked_like_meta,
    a_customer_who_stops_marketing_gets_no_marketing_templates,
);

async fn a_customer_writes_and_a_reply_comes_back_read(db: Db) {
    let l = start(db, |_| {}).await;
    let customer = l.customer("Lucía Fernández", "34611223344").await;
    let sent = l
        .sim(
            &format!("/sim/customers/{customer}/messages"),
            json!({"type": "text", "text": "¿Tenéis envío a Canarias? 🏝️"}),
        )
        .await;
    let wamid = sent["wamid"].as_str().expect("wamid").to_string();
    let w = wamid.clone();
    l.until("the message in the desk", move |s| {
        let w = w.clone();
        async move { s.message_by_wamid(&w).await.expect("read").is_some() }
    })
    .await;
    let inbound = l
        .app
        .state
        .store
        .message_by_wamid(&wamid)
        .await
        .expect("read")
        .expect("m");
    assert_eq!(
        inbound.body,
        MessageBody::Text {
            body: "¿Tenéis envío a Canarias? 🏝️".into()
        }
    );
    let contact = l
        .app
        .state
        .store
        .contact(ContactKey::WaId("34611223344"))
        .await
        .expect("read")
        .expect("c");
    assert_eq!(contact.profile_name.as_deref(), Some("Lucía Fernández"));

    let id = l
        .reply(
            inbound.conversation_id,
            Outbound::Text {
                body: "¡Sí! Envío gratis desde 30 €".into(),
                preview_url: false,
            },
        )
        .await;
    let conv = inbound.conversation_id;
    l.until("delivered", |s| async move {
        s.messages_of_conversation(conv)
            .await
            .expect("read")
            .iter()
            .any(|m| m.id == id && m.status == Some(DeliveryStatus::Delivered))
    })
    .await;
    // The customer opens the chat: read receipts.
    let read = l
        .sim(&format!("/sim/customers/{customer}/read"), json!({}))
        .await;
    assert_eq!(read["read"], 1);
    l.until("read", |s| async move {
        s.messages_of_conversation(conv)
            .await
            .expect("read")
            .iter()
            .any(|m| m.id == id && m.status == Some(DeliveryStatus::Read))
    })
    .await;
    // The simulator's phone shows the reply.
    let state: Value = l
        .http
        .get(format!("{}/sim/state", l.sim_base))
        .send()
        .await
        .expect("state")
        .json()
        .await
        .expect("json");
    let chat = &state["customers"][0]["chat"];
    assert_eq!(
        chat[1]["content"]["text"]["body"],
        "¡Sí! Envío gratis desde 30 €"
    );
    assert_eq!(chat[1]["status"], "read");
}

async fn free_text_after_the_window_fails_with_131047(db: Db) {
    let l = start(db, |c| c.window = Duration::from_millis(300)).await;
    let customer = l.customer("Javier Morales", "34622334455").await;
    let sent = l
        .sim(
            &format!("/sim/customers/{customer}/messages"),
            json!({"type": "text", "text": "Hola"}),
        )
        .await;
    let wamid = sent["wamid"].as_str().expect("wamid").to_string();
    let w = wamid.clone();
    l.until("the message", move |s| {
        let w = w.clone();
        async move { s.message_by_wamid(&w).await.expect("read").is_some() }
    })
    .await;
    let conv = l
        .app
        .state
        .store
        .message_by_wamid(&wamid)
        .await
        .expect("read")
        .expect("m")
        .conversation_id;
    tokio::time::sleep(Duration::from_millis(400)).await;
    // Meta accepts free text after the window (200) and fails it asynchronously.
    let late = l
        .reply(
            conv,
            Outbound::Text {
                body: "¿Sigues ahí?".into(),
                preview_url: false,
            },
        )
        .await;
    l.until("the failure", |s| async move {
        s.messages_of_conversation(conv)
            .await
            .expect("read")
            .iter()
            .any(|m| m.id == late && m.status == Some(DeliveryStatus::Failed))
    })
    .await;
    assert_eq!(
        l.status_of(conv, late).await,
        (Some(DeliveryStatus::Failed), Some(131_047))
    );
    // A template is allowed outside the window.
    let template = l
        .reply(
            conv,
            Outbound::Template {
                name: "seguimiento_consulta".into(),
                language: "es_ES".into(),
                header: vec![],
                body: vec![TemplateParam {
                    name: None,
                    text: "Javier".into(),
                }],
                buttons: vec![],
                header_media: None,
                rendered: None,
            },
        )
        .await;
    l.until("the template delivered", |s| async move {
        s.messages_of_conversation(conv)
            .await
            .expect("read")
            .iter()
            .any(|m| m.id == template && m.status == Some(DeliveryStatus::Delivered))
    })
    .await;
}

async fn every_message_kind_a_customer_sends_reaches_the_desk(db: Db) {
    let l = start(db, |_| {}).await;
    let customer = l.customer("Carmen Ruiz", "34633445566").await;
    let first = l
        .sim(
            &format!("/sim/customers/{customer}/messages"),
            json!({"type": "text", "text": "Vi el anuncio", "referral": true}),
        )
        .await;
    let first = first["wamid"].as_str().expect("wamid").to_string();
    let kinds = [
        json!({"type": "image", "caption": "Mira"}),
        json!({"type": "voice"}),
        json!({"type": "document", "filename": "factura.pdf"}),
        json!({"type": "location"}),
        json!({"type": "contacts"}),
        json!({"type": "text", "text": "Sobre esto", "reply_to": first}),
        json!({"type": "reaction", "message_id": first, "emoji": "👍"}),
    ];
    let mut wamids = vec![first.clone()];
    for k in kinds {
        let r = l
            .sim(&format!("/sim/customers/{customer}/messages"), k)
            .await;
        wamids.push(r["wamid"].as_str().expect("wamid").to_string());
    }
    let last = wamids.last().cloned().expect("some");
    l.until("all messages", move |s| {
        let last = last.clone();
        async move { s.message_by_wamid(&last).await.expect("read").is_some() }
    })
    .await;
    let store = &l.app.state.store;
    let conv = store
        .message_by_wamid(&first)
        .await
        .expect("read")
        .expect("m")
        .conversation_id;
    let all = store.messages_of_conversation(conv).await.expect("read");
    assert_eq!(all.len(), 8);
    let first_msg = &all[0];
    assert_eq!(
        first_msg
            .referral
            .as_ref()
            .and_then(|r| r.source_type.as_deref()),
        Some("ad")
    );
    let MessageBody::Media(voice) = &all[2].body else {
        panic!("{:?}", all[2].body)
    };
    assert!(voice.voice);
    assert!(matches!(all[4].body, MessageBody::Location(_)));
    assert!(matches!(all[5].body, MessageBody::Contacts { .. }));
    assert_eq!(all[6].context.quoted_wamid.as_deref(), Some(first.as_str()));
    assert_eq!(
        all[7].body,
        MessageBody::Reaction {
            target_wamid: first.clone(),
            emoji: Some("👍".into())
        }
    );
    // The media can be fetched with the token, as from Meta.
    let MessageBody::Media(image) = &all[1].body else {
        panic!()
    };
    let info = l.api.media_info(&image.media_id).await.expect("media info");
    assert_eq!(info.mime_type, "image/png");
    let bytes = l
        .api
        .download(&info.url, server::media::MAX_INBOUND_BYTES)
        .await
        .expect("download");
    assert!(bytes.starts_with(b"\x89PNG"));
    let anonymous = l.http.get(&info.url).send().await.expect("request");
    assert_eq!(anonymous.status().as_u16(), 401, "downloads need the token");
}

fn code(result: Result<impl std::fmt::Debug, GraphError>) -> (u16, i64) {
    match result {
        Err(GraphError::Api {
            http_status, code, ..
        }) => (http_status, code),
        other => panic!("expected a Graph error, got {other:?}"),
    }
}

async fn meta_errors_come_back_typed(db: Db) {
    use app::domain::pacing::Rate;
    // Limits that do not refill during the test, so it does not depend on timing.
    let l = start(db, |c| {
        c.pair_limit = Rate {
            capacity: 5.0,
            per_second: 1e-6,
        };
        c.throughput = Rate {
            capacity: 30.0,
            per_second: 1e-6,
        };
    })
    .await;
    let phone = Recipient::Phone("34644556677".into());
    l.customer("Diego Navarro", "34644556677").await;
    let text = |body: &str| Outbound::Text {
        body: body.into(),
        preview_url: false,
    };

    let mut bad_token = l.app.config.whatsapp.clone();
    bad_token.access_token = Some(server::config::Secret::new("wrong"));
    let intruder = GraphClient::new(&bad_token).expect("client");
    assert_eq!(
        code(intruder.send(&phone, &text("x"), None, None).await),
        (401, 190)
    );

    let template = |name: &str, params: usize| Outbound::Template {
        name: name.into(),
        language: "en_US".into(),
        header: vec![],
        body: (0..params)
            .map(|i| TemplateParam {
                name: None,
                text: format!("p{i}"),
            })
            .collect(),
        buttons: vec![],
        header_media: None,
        rendered: None,
    };
    assert_eq!(
        code(
            l.api
                .send(&phone, &template("no_such_template", 0), None, None)
                .await
        ),
        (404, 132_001)
    );
    assert_eq!(
        code(
            l.api
                .send(&phone, &template("we_miss_you", 3), None, None)
                .await
        ),
        (400, 132_000)
    );
    assert_eq!(
        code(
            l.api
                .send(&phone, &template("survey_link", 1), None, None)
                .await
        ),
        (400, 132_015)
    );
    assert_eq!(
        code(
            l.api
                .send(&phone, &template("old_promo", 2), None, None)
                .await
        ),
        (404, 132_001)
    );
    // Meta disables a template: sending it is refused with 132016.
    let state: Value = l
        .http
        .get(format!("{}/sim/state", l.sim_base))
        .send()
        .await
        .expect("state")
        .json()
        .await
        .expect("json");
    let reminder = state["templates"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["name"] == "appointment_reminder"))
        .and_then(|t| t["id"].as_str())
        .expect("appointment_reminder")
        .to_string();
    l.sim(
        &format!("/sim/templates/{reminder}/status"),
        json!({"status": "DISABLED"}),
    )
    .await;
    let disabled = reminder_for("Sam");
    assert_eq!(
        code(l.api.send(&phone, &disabled, None, None).await),
        (400, 132_016)
    );

    let raw = |body: Value| {
        let url = format!("{}/v25.0/{}/messages", l.sim_base, support::PHONE_NUMBER_ID);
        let request = l
            .http
            .post(url)
            .bearer_auth("test-access-token")
            .json(&body);
        async move {
            let r = request.send().await.expect("request");
            let status = r.status().as_u16();
            let body: Value = r.json().await.expect("json");
            (status, body["error"]["code"].as_i64().unwrap_or(0))
        }
    };
    assert_eq!(
        raw(json!({"messaging_product": "sms", "to": "1", "type": "text", "text": {"body": "x"}}))
            .await,
        (400, 100)
    );
    assert_eq!(
        raw(json!({"messaging_product": "whatsapp", "type": "text", "text": {"body": "x"}})).await,
        (400, 131_008)
    );
    assert_eq!(
        raw(json!({"messaging_product": "whatsapp", "to": "1", "type": "hologram"})).await,
        (400, 131_051)
    );
    assert_eq!(raw(json!({"messaging_product": "whatsapp", "to": "1", "type": "text", "text": {"body": "x".repeat(4097)}})).await, (400, 100));

    // A burst to one customer within the pair limit is fine; one more is refused.
    let mut codes = Vec::new();
    for i in 0..6 {
        let result = l
            .api
            .send(&phone, &text(&format!("m{i}")), None, None)
            .await;
        codes.push(result.err().and_then(|e| e.code()));
    }
    assert!(codes[..5].iter().all(Option::is_none), "{codes:?}");
    assert_eq!(codes[5], Some(131_056));
    // The number's throughput.
    let mut throughput = None;
    for i in 0..40 {
        if let Err(e) = l
            .api
            .send(
                &Recipient::Phone(format!("3470000{i:04}")),
                &text("hola"),
                None,
                None,
            )
            .await
        {
            throughput = e.code();
            break;
        }
    }
    assert_eq!(throughput, Some(130_429));
}

async fn templates_sync_from_the_account_and_follow_its_webhooks(db: Db) {
    let l = start(db, |_| {}).await;
    let report = server::whatsapp::templates::sync(&l.api, &*l.app.state.store)
        .await
        .expect("sync");
    assert_eq!(report.templates, 9);
    let templates = l.app.state.store.list_templates().await.expect("list");
    let order = templates
        .iter()
        .find(|t| t.name == "order_update")
        .expect("order_update");
    assert_eq!(order.status, "APPROVED");
    assert_eq!(order.language, "es_ES");
    assert_eq!(
        order.content.preview(),
        (
            Some("Pedido A-1042".into()),
            "Hola Lucía, tu pedido A-1042 sale hoy. Llegará el jueves.".into()
        )
    );
    assert_eq!(order.content.buttons.len(), 2);
    let statuses: Vec<&str> = templates.iter().map(|t| t.status.as_str()).collect();
    for s in ["APPROVED", "PENDING", "REJECTED", "PAUSED"] {
        assert!(statuses.contains(&s), "{s} in {statuses:?}");
    }
    // Meta approves the pending template: a status webhook updates it.
    let pending = templates
        .iter()
        .find(|t| t.status == "PENDING")
        .expect("pending")
        .meta_id
        .clone();
    l.sim(
        &format!("/sim/templates/{pending}/status"),
        json!({"status": "APPROVED"}),
    )
    .await;
    let id = pending.clone();
    l.until("the approval", move |s| {
        let id = id.clone();
        async move {
            s.template(&id)
                .await
                .expect("read")
                .is_some_and(|t| t.status == "APPROVED")
        }
    })
    .await;

    // Admins see them through the server function; agents may not.
    l.app
        .add_user(
            "admin@demo.local",
            app::domain::roles::Role::Admin,
            "correct horse",
        )
        .await;
    l.app
        .add_user(
            "ana@demo.local",
            app::domain::roles::Role::Agent,
            "correct horse",
        )
        .await;
    let admin = l.app.client();
    l.app
        .login(&admin, "admin@demo.local", "correct horse")
        .await;
    let screen = l.app.call(&admin, "templates/sync", &[]).await;
    assert_eq!(screen.status, 200, "{:?}", screen.json);
    assert_eq!(screen.json["templates"].as_array().map(Vec::len), Some(9));
    assert!(screen.json["last_sync_at_ms"].is_i64());
    assert_eq!(screen.json["last_sync_error"], Value::Null);
    let agent = l.app.client();
    l.app.login(&agent, "ana@demo.local", "correct horse").await;
    assert_eq!(l.app.call(&agent, "templates/list", &[]).await.status, 403);
    let check = l.app.call(&admin, "settings/check", &[]).await;
    assert_eq!(check.json["ok"], true, "{:?}", check.json);
    // The answer is data (the screen words it): the templates on the first page, no problem.
    assert_eq!(check.json["templates"], 9, "{:?}", check.json);
    assert_eq!(check.json["problem"], Value::Null);
}

async fn customers_media_is_fetched_stored_and_served_to_signed_in_users(db: Db) {
    use server::media::{fetch_due, MediaFiles};
    let l = start(db, |_| {}).await;
    let customer = l.customer("Elena Castro", "34655667788").await;
    let photo = l
        .sim(
            &format!("/sim/customers/{customer}/messages"),
            json!({"type": "image", "caption": "Llegó roto"}),
        )
        .await;
    let doc = l
        .sim(
            &format!("/sim/customers/{customer}/messages"),
            json!({"type": "document", "filename": "factura <1>.pdf"}),
        )
        .await;
    let lost = l
        .sim(
            &format!("/sim/customers/{customer}/messages"),
            json!({"type": "voice"}),
        )
        .await;
    let last = lost["wamid"].as_str().expect("wamid").to_string();
    l.until("the messages", move |s| {
        let last = last.clone();
        async move { s.message_by_wamid(&last).await.expect("read").is_some() }
    })
    .await;
    let store = l.app.state.store.clone();
    let media_id = |wamid: &Value| {
        let store = store.clone();
        let wamid = wamid["wamid"].as_str().expect("wamid").to_string();
        async move {
            match store
                .message_by_wamid(&wamid)
                .await
                .expect("read")
                .expect("m")
                .body
            {
                MessageBody::Media(m) => m.media_id,
                other => panic!("{other:?}"),
            }
        }
    };
    let (photo_id, doc_id, lost_id) = (
        media_id(&photo).await,
        media_id(&doc).await,
        media_id(&lost).await,
    );
    // The voice note's media disappears at Meta before the desk fetches it.
    let deleted = l
        .http
        .delete(format!("{}/v25.0/{lost_id}", l.sim_base))
        .bearer_auth("test-access-token")
        .send()
        .await
        .expect("delete");
    assert_eq!(deleted.status().as_u16(), 200);

    let files = MediaFiles::new(l.app.config.data_dir.join("media"));
    let stored = fetch_due(&*l.app.state.store, &l.api, &files, app::ssr::now_ms())
        .await
        .expect("fetch");
    assert_eq!(stored, 2);
    let record = l
        .app
        .state
        .store
        .media(&photo_id)
        .await
        .expect("read")
        .expect("media");
    assert_eq!(record.state, app::ssr::MediaState::Stored);
    assert_eq!(record.mime_type.as_deref(), Some("image/png"));
    let lost = l
        .app
        .state
        .store
        .media(&lost_id)
        .await
        .expect("read")
        .expect("media");
    assert_eq!(
        lost.state,
        app::ssr::MediaState::Failed,
        "not found at Meta: given up, with the reason"
    );
    assert!(
        lost.error.as_deref().is_some_and(|e| e.contains("100")),
        "{:?}",
        lost.error
    );

    l.app
        .add_user(
            "ana@demo.local",
            app::domain::roles::Role::Agent,
            "correct horse",
        )
        .await;
    let agent = l.app.client();
    l.app.login(&agent, "ana@demo.local", "correct horse").await;
    let image = l.app.get(&agent, &format!("/media/{photo_id}")).await;
    assert_eq!(image.status().as_u16(), 200);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.headers()["x-content-type-options"], "nosniff");
    assert!(image.headers()["content-disposition"]
        .to_str()
        .expect("text")
        .starts_with("inline"));
    assert!(image.bytes().await.expect("bytes").starts_with(b"\x89PNG"));
    let pdf = l.app.get(&agent, &format!("/media/{doc_id}")).await;
    assert_eq!(
        pdf.headers()["content-disposition"],
        "inline; filename=\"factura <1>.pdf\""
    );
    let gone = l.app.get(&agent, &format!("/media/{lost_id}")).await;
    assert_eq!(gone.status().as_u16(), 404);
    assert!(gone
        .text()
        .await
        .expect("text")
        .contains("could not be fetched"));
    let anonymous = l
        .app
        .get(&l.app.client(), &format!("/media/{photo_id}"))
        .await;
    assert_eq!(anonymous.status().as_u16(), 401);
}

async fn outbound_media_is_checked_then_uploaded(db: Db) {
    use app::domain::message::MediaKind;
    use server::media::{upload, UploadProblem};
    let l = start(db, |_| {}).await;
    let png = b"\x89PNG\r\n\x1a\nnot really a picture".to_vec();
    let (kind, id) = upload(&l.api, png.clone(), "image/png", "foto.png")
        .await
        .expect("uploaded");
    assert_eq!(kind, MediaKind::Image);
    let info = l.api.media_info(&id).await.expect("info");
    assert_eq!(info.file_size, Some(png.len() as u64));
    assert_eq!(
        l.api
            .download(&info.url, server::media::MAX_INBOUND_BYTES)
            .await
            .expect("bytes"),
        png
    );

    let (kind, _) = upload(&l.api, b"%PDF-1.4".to_vec(), "application/pdf", "f.pdf")
        .await
        .expect("pdf");
    assert_eq!(kind, MediaKind::Document);
    let big = vec![0u8; 5 * 1024 * 1024 + 1];
    match upload(&l.api, big, "image/jpeg", "big.jpg").await {
        Err(UploadProblem::TooLarge { kind: "image", .. }) => {}
        other => panic!("{other:?}"),
    }
    match upload(&l.api, b"<svg/>".to_vec(), "image/svg+xml", "x.svg").await {
        Err(e @ UploadProblem::UnsupportedType { .. }) => {
            assert_eq!(
                e.to_string(),
                "WhatsApp does not accept image/svg+xml files"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        upload(&l.api, vec![], "image/png", "e.png").await,
        Err(UploadProblem::Empty)
    ));
}

async fn an_admin_sends_a_test_message_and_follows_it(db: Db) {
    let l = start(db, |_| {}).await;
    let customer = l.customer("Andrés Molina", "34677889900").await;
    let hello = l
        .sim(
            &format!("/sim/customers/{customer}/messages"),
            json!({"type": "text", "text": "Hola"}),
        )
        .await;
    let wamid = hello["wamid"].as_str().expect("wamid").to_string();
    l.until("the customer's message", move |s| {
        let w = wamid.clone();
        async move { s.message_by_wamid(&w).await.expect("read").is_some() }
    })
    .await;
    l.app
        .add_user(
            "admin@demo.local",
            app::domain::roles::Role::Admin,
            "correct horse",
        )
        .await;
    let admin = l.app.client();
    l.app
        .login(&admin, "admin@demo.local", "correct horse")
        .await;

    let bad = l
        .app
        .call(
            &admin,
            "settings/test-message",
            &[("to", "12ab"), ("text", "hola")],
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json["field"], "phone");
    let empty = l
        .app
        .call(
            &admin,
            "settings/test-message",
            &[("to", "34677889900"), ("text", " ")],
        )
        .await;
    assert_eq!(empty.json["field"], "message");

    let sent = l
        .app
        .call(
            &admin,
            "settings/test-message",
            &[("to", "+34 677 88 99 00"), ("text", "Prueba desde Buzón")],
        )
        .await;
    assert_eq!(sent.status, 200, "{:?}", sent.json);
    assert_eq!(sent.json["status"], "pending");
    let id = sent.json["id"].as_i64().expect("id");
    let mut pacer = Pacer::new(OutboundSettings::default(), app::ssr::now_ms());
    send_due(&*l.app.state.store, &l.api, &mut pacer, app::ssr::now_ms())
        .await
        .expect("pass");
    let store = l.app.state.store.clone();
    l.until("delivered", move |_| {
        let store = store.clone();
        async move {
            store
                .message(id)
                .await
                .expect("read")
                .is_some_and(|m| m.status == Some(DeliveryStatus::Delivered))
        }
    })
    .await;
    let status = l
        .app
        .call(
            &admin,
            "settings/test-message-status",
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(status.json["status"], "delivered");
    // It went to the customer who wrote, in the same conversation.
    let state: Value = l
        .http
        .get(format!("{}/sim/state", l.sim_base))
        .send()
        .await
        .expect("state")
        .json()
        .await
        .expect("json");
    assert_eq!(
        state["customers"][0]["chat"][1]["content"]["text"]["body"],
        "Prueba desde Buzón"
    );

    // A number that never wrote: its window is closed, so the desk refuses free text before
    // anything reaches WhatsApp.
    let cold = l
        .app
        .call(
            &admin,
            "settings/test-message",
            &[("to", "34600000000"), ("text", "¿Hola?")],
        )
        .await;
    assert_eq!(cold.status, 409, "{:?}", cold.json);
    assert_eq!(
        cold.json,
        json!({"error": "window_closed", "closed_at_ms": null})
    );
}

async fn a_backdated_message_keeps_its_time_and_the_window_follows_it(db: Db) {
    use app::domain::window::{window, Window};
    let l = start(db, |_| {}).await;
    let text = |body: &str| Outbound::Text {
        body: body.into(),
        preview_url: false,
    };

    // She wrote 25 hours ago: her window closed an hour ago.
    let late = l.customer("Sofía Herrera", "34688990011").await;
    let before = app::ssr::now_ms();
    let old = l
        .writes(
            late,
            json!({"type": "text", "text": "¿Tenéis la talla 38?", "ago_seconds": 90_000}),
        )
        .await;
    let after = app::ssr::now_ms();
    // Webhook timestamps are whole seconds.
    let (earliest, latest) = (before - 90_000_000 - 1000, after - 90_000_000);
    assert!(
        (earliest..=latest).contains(&old.sent_at_ms),
        "stored at {} instead of 25 hours ago ({earliest}..={latest})",
        old.sent_at_ms
    );
    let contact = l
        .app
        .state
        .store
        .contact(ContactKey::WaId("34688990011"))
        .await
        .expect("read")
        .expect("contact");
    assert_eq!(contact.last_inbound_at_ms, Some(old.sent_at_ms));
    assert!(!window(contact.last_inbound_at_ms, app::ssr::now_ms()).is_open());
    let on_phone = l.sim_customer(late).await;
    for at in [&on_phone["last_inbound_ms"], &on_phone["chat"][0]["at_ms"]] {
        let at = at.as_i64().expect("a time");
        assert!(
            (before - 90_000_000..=after - 90_000_000).contains(&at),
            "{at}"
        );
    }

    // The desk does not even try a free-form reply...
    let conv = old.conversation_id;
    let refused = l.reply(conv, text("¡Sí, la tenemos!")).await;
    assert_eq!(
        l.status_of(conv, refused).await,
        (
            Some(DeliveryStatus::Failed),
            Some(app::domain::message::MetaError::WINDOW_CLOSED_IN_QUEUE)
        )
    );
    // ...and if it did, WhatsApp would accept it and then fail it with 131047.
    let accepted = l
        .api
        .send(
            &Recipient::Phone("34688990011".into()),
            &text("¿Sigues ahí?"),
            None,
            None,
        )
        .await
        .expect("accepted");
    let failed = l
        .until_on_phone(late, &accepted.wamid, |m| m["status"] == "failed")
        .await;
    assert_eq!(failed["error_code"], 131_047);

    // He wrote 23 h 50 min ago: ten minutes are left, and a reply still goes.
    let closing = l.customer("Pablo Ortega", "34699001122").await;
    let recent = l
        .writes(
            closing,
            json!({"type": "text", "text": "¿Abrís mañana?", "ago_seconds": 86_400 - 600}),
        )
        .await;
    let contact = l
        .app
        .state
        .store
        .contact(ContactKey::WaId("34699001122"))
        .await
        .expect("read")
        .expect("contact");
    match window(contact.last_inbound_at_ms, app::ssr::now_ms()) {
        Window::Open { left_ms, .. } => assert!(
            (590_000..=601_000).contains(&left_ms),
            "{left_ms} ms left instead of about ten minutes"
        ),
        closed => panic!("{closed:?}"),
    }
    let conv = recent.conversation_id;
    let reply = l.reply(conv, text("Sí, de 10 a 20 h")).await;
    l.until("the reply delivered", |s| async move {
        s.messages_of_conversation(conv)
            .await
            .expect("read")
            .iter()
            .any(|m| m.id == reply && m.status == Some(DeliveryStatus::Delivered))
    })
    .await;

    // A negative or nonsensical age is refused.
    let refused = l
        .http
        .post(format!("{}/sim/customers/{closing}/messages", l.sim_base))
        .json(&json!({"type": "text", "text": "x", "ago_seconds": -5}))
        .send()
        .await
        .expect("request");
    assert_eq!(refused.status().as_u16(), 400);
}

async fn media_headers_and_template_buttons_are_checked_like_meta(db: Db) {
    use app::domain::message::MediaKind;
    use app::domain::outbound::{TemplateButtonKind, TemplateButtonParam};
    use app::domain::template_form::TemplateMedia;
    let l = start(db, |_| {}).await;
    let customer = l.customer("Emma Johnson", "447700900123").await;
    let phone = Recipient::Phone("447700900123".into());
    let named = |name: &str, text: &str| TemplateParam {
        name: Some(name.into()),
        text: text.into(),
    };
    let positional = |text: &str| TemplateParam {
        name: None,
        text: text.into(),
    };

    // The account's media-header templates, as the desk syncs them.
    server::whatsapp::templates::sync(&l.api, &*l.app.state.store)
        .await
        .expect("sync");
    let synced = l.app.state.store.list_templates().await.expect("list");
    let invoice_t = synced
        .iter()
        .find(|t| t.name == "invoice_ready")
        .expect("invoice_ready");
    assert_eq!(
        invoice_t.content.header,
        Some(app::domain::templates::TemplateHeader::Media {
            kind: "DOCUMENT".into()
        })
    );
    assert_eq!(
        invoice_t.content.preview().1,
        "Hola Lucía, tu factura F-2026-0142 ya está disponible. La adjuntamos en este mensaje."
    );
    let offer_t = synced
        .iter()
        .find(|t| t.name == "welcome_offer")
        .expect("welcome_offer");
    assert_eq!(offer_t.category.as_deref(), Some("MARKETING"));
    let examples: Vec<(&str, Option<&str>)> = offer_t
        .content
        .buttons
        .iter()
        .map(|b| (b.kind.as_str(), b.example.as_deref()))
        .collect();
    assert_eq!(
        examples,
        [("COPY_CODE", Some("WELCOME15")), ("URL", Some("welcome"))]
    );

    // A document header: the file uploaded to WhatsApp first.
    let (_, pdf) = server::media::upload(
        &l.api,
        b"%PDF-1.4 factura".to_vec(),
        "application/pdf",
        "factura.pdf",
    )
    .await
    .expect("uploaded");
    let invoice = |media: Option<TemplateMedia>| Outbound::Template {
        name: "invoice_ready".into(),
        language: "es_ES".into(),
        header: vec![],
        body: vec![
            named("first_name", "Emma"),
            named("invoice_number", "F-2026-0142"),
        ],
        buttons: vec![],
        header_media: media,
        rendered: None,
    };
    let document = |id: &str| {
        Some(TemplateMedia {
            kind: MediaKind::Document,
            media_id: id.into(),
            filename: Some("Factura F-2026-0142.pdf".into()),
        })
    };
    let sent = l
        .api
        .send(&phone, &invoice(document(&pdf)), None, None)
        .await
        .expect("a document header is accepted");
    assert_eq!(sent.message_status.as_deref(), Some("accepted"));
    let shown = l
        .until_on_phone(customer, &sent.wamid, |m| m["status"] == "delivered")
        .await["rendered"]
        .clone();
    assert_eq!(
        shown["header"],
        json!({"type": "document", "media_id": pdf, "filename": "Factura F-2026-0142.pdf"})
    );
    assert_eq!(
        shown["body"],
        "Hola Emma, tu factura F-2026-0142 ya está disponible. La adjuntamos en este mensaje."
    );
    assert_eq!(shown["footer"], "Buzón Shoes · Facturación");
    // The phone shows the document from the simulator's own store.
    let file = l
        .http
        .get(format!("{}/sim/media/{pdf}", l.sim_base))
        .send()
        .await
        .expect("media");
    assert_eq!(file.headers()["content-type"], "application/pdf");

    // Without the header, with a file WhatsApp does not have, or with the wrong kind: 132012.
    assert_eq!(
        code(l.api.send(&phone, &invoice(None), None, None).await),
        (400, 132_012)
    );
    assert_eq!(
        code(
            l.api
                .send(&phone, &invoice(document("1234567890")), None, None)
                .await
        ),
        (400, 132_012)
    );
    let image_instead = Some(TemplateMedia {
        kind: MediaKind::Image,
        media_id: pdf.clone(),
        filename: None,
    });
    assert_eq!(
        code(
            l.api
                .send(&phone, &invoice(image_instead), None, None)
                .await
        ),
        (400, 132_012)
    );
    // The named parameters still count.
    let mut one_short = invoice(document(&pdf));
    if let Outbound::Template { body, .. } = &mut one_short {
        body.pop();
    }
    assert_eq!(
        code(l.api.send(&phone, &one_short, None, None).await),
        (400, 132_000)
    );

    // An image header, a coupon and a URL suffix.
    let (_, png) = server::media::upload(
        &l.api,
        b"\x89PNG\r\n\x1a\nwelcome".to_vec(),
        "image/png",
        "welcome.png",
    )
    .await
    .expect("uploaded");
    let offer = |buttons: Vec<TemplateButtonParam>| Outbound::Template {
        name: "welcome_offer".into(),
        language: "en_US".into(),
        header: vec![],
        body: vec![positional("Emma"), positional("WELCOME15")],
        buttons,
        header_media: Some(TemplateMedia {
            kind: MediaKind::Image,
            media_id: png.clone(),
            filename: None,
        }),
        rendered: None,
    };
    let coupon = |value: &str| TemplateButtonParam {
        index: 0,
        kind: TemplateButtonKind::CopyCode,
        value: value.into(),
    };
    let url = TemplateButtonParam {
        index: 1,
        kind: TemplateButtonKind::Url,
        value: "welcome".into(),
    };
    let sent = l
        .api
        .send(
            &phone,
            &offer(vec![coupon("WELCOME15"), url.clone()]),
            None,
            None,
        )
        .await
        .expect("accepted");
    let shown = l
        .until_on_phone(customer, &sent.wamid, |m| m["status"] == "delivered")
        .await["rendered"]
        .clone();
    assert_eq!(shown["header"], json!({"type": "image", "media_id": png}));
    assert_eq!(
        shown["body"],
        "Hi Emma! Welcome to Buzón Shoes. Use code WELCOME15 for 15% off your first order."
    );
    assert_eq!(shown["buttons"][0]["type"], "COPY_CODE");
    assert_eq!(shown["buttons"][0]["code"], "WELCOME15");
    assert_eq!(shown["buttons"][1]["text"], "Shop now");
    assert_eq!(
        shown["buttons"][1]["url"],
        "https://shop.example.com/welcome"
    );
    // The URL button's suffix is a parameter; a coupon is at most 15 characters.
    assert_eq!(
        code(
            l.api
                .send(&phone, &offer(vec![coupon("WELCOME15")]), None, None)
                .await
        ),
        (400, 132_000)
    );
    assert_eq!(
        code(
            l.api
                .send(&phone, &offer(vec![url.clone()]), None, None)
                .await
        ),
        (400, 132_000)
    );
    match l
        .api
        .send(
            &phone,
            &offer(vec![coupon("WELCOME15-SPRING-2026"), url.clone()]),
            None,
            None,
        )
        .await
    {
        Err(GraphError::Api {
            http_status: 400,
            code: 132_018,
            details,
            ..
        }) => assert!(
            details.as_deref().is_some_and(|d| d.contains("15")),
            "{details:?}"
        ),
        other => panic!("expected 132018, got {other:?}"),
    }
    // A public link instead of an uploaded file is fine too.
    let (status, body) = l
        .raw_send(json!({"messaging_product": "whatsapp", "to": "+447700900123", "type": "template",
            "template": {"name": "welcome_offer", "language": {"code": "en_US"}, "components": [
                {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://shop.example.com/welcome.png"}}]},
                {"type": "body", "parameters": [{"type": "text", "text": "Emma"}, {"type": "text", "text": "HELLO"}]},
                {"type": "button", "sub_type": "copy_code", "index": "0", "parameters": [{"type": "coupon_code", "coupon_code": "HELLO"}]},
                {"type": "button", "sub_type": "url", "index": 1, "parameters": [{"type": "text", "text": "hello"}]}]}}))
        .await;
    assert_eq!(status, 200, "{body}");
    // A text where a picture belongs is the wrong format.
    let (status, body) = l
        .raw_send(json!({"messaging_product": "whatsapp", "to": "+447700900123", "type": "template",
            "template": {"name": "welcome_offer", "language": {"code": "en_US"}, "components": [
                {"type": "header", "parameters": [{"type": "text", "text": "Welcome"}]},
                {"type": "body", "parameters": [{"type": "text", "text": "Emma"}, {"type": "text", "text": "HELLO"}]},
                {"type": "button", "sub_type": "copy_code", "index": "0", "parameters": [{"type": "coupon_code", "coupon_code": "HELLO"}]},
                {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "hello"}]}]}}))
        .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (400, &json!(132_012)),
        "{body}"
    );

    // A named parameter used twice is one parameter, as at Meta.
    let waba = "102290129340398";
    let created = l
        .http
        .post(format!("{}/v25.0/{waba}/message_templates", l.sim_base))
        .bearer_auth("test-access-token")
        .json(&json!({"name": "twice_named", "language": "en_US", "category": "UTILITY", "parameter_format": "NAMED",
            "components": [{"type": "BODY", "text": "Hi {{first_name}}! Yes, {{first_name}}, your order {{order}} is ready.",
                "example": {"body_text_named_params": [{"param_name": "first_name", "example": "Sam"}, {"param_name": "order", "example": "A-1"}]}}]}))
        .send()
        .await
        .expect("create");
    assert_eq!(created.status().as_u16(), 200);
    let id = created.json::<Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_string();
    l.sim(
        &format!("/sim/templates/{id}/status"),
        json!({"status": "APPROVED"}),
    )
    .await;
    let twice = |body: Vec<TemplateParam>| Outbound::Template {
        name: "twice_named".into(),
        language: "en_US".into(),
        header: vec![],
        body,
        buttons: vec![],
        header_media: None,
        rendered: None,
    };
    let sent = l
        .api
        .send(
            &phone,
            &twice(vec![named("first_name", "Emma"), named("order", "A-7")]),
            None,
            None,
        )
        .await
        .expect("two distinct parameters");
    let shown = l
        .until_on_phone(customer, &sent.wamid, |m| m["status"] == "delivered")
        .await;
    assert_eq!(
        shown["rendered"]["body"],
        "Hi Emma! Yes, Emma, your order A-7 is ready."
    );
    assert_eq!(
        code(
            l.api
                .send(
                    &phone,
                    &twice(vec![
                        named("first_name", "Emma"),
                        named("first_name", "Emma"),
                        named("order", "A-7")
                    ]),
                    None,
                    None
                )
                .await
        ),
        (400, 132_000)
    );
}

async fn a_customer_who_stops_marketing_gets_no_marketing_templates(db: Db) {
    use app::domain::contacts::MarketingConsent;
    use app::domain::outbound::{TemplateButtonKind, TemplateButtonParam};
    let l = start(db, |_| {}).await;
    let customer = l.customer("Noah Wilson", "447700900456").await;
    let hello = l
        .writes(customer, json!({"type": "text", "text": "Hi there"}))
        .await;
    let conv = hello.conversation_id;
    let consent = |s: std::sync::Arc<dyn Store>, wanted: MarketingConsent| async move {
        s.contact(ContactKey::WaId("447700900456"))
            .await
            .expect("read")
            .is_some_and(|c| c.marketing == wanted)
    };
    let promo = Outbound::Template {
        name: "we_miss_you".into(),
        language: "en_US".into(),
        header: vec![],
        body: vec![TemplateParam {
            name: None,
            text: "Noah".into(),
        }],
        buttons: vec![TemplateButtonParam {
            index: 0,
            kind: TemplateButtonKind::Url,
            value: "back10".into(),
        }],
        header_media: None,
        rendered: None,
    };
    let utility = reminder_for("Noah");

    // "Stop promotions": the desk hears of it through a user_preferences webhook.
    let answer = l
        .sim(
            &format!("/sim/customers/{customer}/marketing"),
            json!({"stop": true}),
        )
        .await;
    assert_eq!(answer["marketing_stopped"], true);
    l.until("the opt-out in the desk", |s| {
        consent(s, MarketingConsent::OptedOut)
    })
    .await;
    assert_eq!(l.sim_customer(customer).await["marketing_stopped"], true);

    // A marketing template sent anyway is accepted, then not delivered: 131050.
    let blocked = l.reply(conv, promo.clone()).await;
    l.until("the marketing template failed", |s| async move {
        s.messages_of_conversation(conv)
            .await
            .expect("read")
            .iter()
            .any(|m| m.id == blocked && m.status == Some(DeliveryStatus::Failed))
    })
    .await;
    assert_eq!(
        l.status_of(conv, blocked).await,
        (Some(DeliveryStatus::Failed), Some(131_050))
    );
    // Utility templates still reach them.
    let reminder = l.reply(conv, utility).await;
    l.until("the utility template delivered", |s| async move {
        s.messages_of_conversation(conv)
            .await
            .expect("read")
            .iter()
            .any(|m| m.id == reminder && m.status == Some(DeliveryStatus::Delivered))
    })
    .await;

    // Resumed: marketing flows again.
    l.sim(
        &format!("/sim/customers/{customer}/marketing"),
        json!({"stop": false}),
    )
    .await;
    l.until("the opt-in in the desk", |s| {
        consent(s, MarketingConsent::OptedIn)
    })
    .await;
    let welcome_back = l.reply(conv, promo).await;
    l.until("the marketing template delivered", |s| async move {
        s.messages_of_conversation(conv)
            .await
            .expect("read")
            .iter()
            .any(|m| m.id == welcome_back && m.status == Some(DeliveryStatus::Delivered))
    })
    .await;
    let unknown = l
        .http
        .post(format!("{}/sim/customers/999/marketing", l.sim_base))
        .json(&json!({"stop": true}))
        .send()
        .await
        .expect("request");
    assert_eq!(unknown.status().as_u16(), 404);
}

/// The seeded `appointment_reminder` template for `first_name`, on May 3.
fn reminder_for(first_name: &str) -> Outbound {
    Outbound::Template {
        name: "appointment_reminder".into(),
        language: "en_US".into(),
        header: vec![],
        body: vec![
            TemplateParam {
                name: Some("first_name".into()),
                text: first_name.into(),
            },
            TemplateParam {
                name: Some("date".into()),
                text: "May 3".into(),
            },
        ],
        buttons: vec![],
        header_media: None,
        rendered: None,
    }
}

//! The desk and the simulator together over real HTTP: customers write in through signed
//! webhooks, replies go out through the Graph API and come back as statuses; the simulator
//! answers like Meta, error codes included.

mod support;

use app::domain::message::{DeliveryStatus, MessageBody};
use app::domain::outbound::{Outbound, TemplateParam};
use app::ssr::{ContactKey, NewOutbound, Store};
use serde_json::{json, Value};
use server::outbound::{send_due, OutboundSettings, Pacer};
use server::simulator::{SimConfig, Simulator};
use server::whatsapp::graph::{GraphClient, GraphError, Recipient, WhatsAppApi};
use std::time::Duration;
use support::{Db, TestApp};

struct Loop {
    app: TestApp,
    sim_base: String,
    api: GraphClient,
    http: reqwest::Client,
}

async fn start(db: Db, tweak: impl FnOnce(&mut SimConfig)) -> Loop {
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
    tweak(&mut config);
    let sim = Simulator::start(config);
    tokio::spawn(server::http::serve(listener, sim.router(), None));
    let api = GraphClient::new(&app.config.whatsapp).expect("client");
    Loop {
        app,
        sim_base,
        api,
        http: reqwest::Client::new(),
    }
}

impl Loop {
    async fn sim(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.sim_base))
            .json(&body)
            .send()
            .await
            .expect("sim");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.expect("json")
    }

    async fn customer(&self, name: &str, wa_id: &str) -> u64 {
        let c = self
            .sim(
                "/sim/customers",
                json!({"name": name, "wa_id": wa_id, "lang": "es"}),
            )
            .await;
        c["id"].as_u64().expect("id")
    }

    /// Waits (a few seconds at most) until `check` holds on the desk's store.
    async fn until<F, Fut>(&self, what: &str, check: F)
    where
        F: Fn(std::sync::Arc<dyn Store>) -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        for _ in 0..100 {
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
    let bytes = l.api.download(&info.url).await.expect("download");
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
    let disabled = Outbound::Template {
        name: "appointment_reminder".into(),
        language: "en_US".into(),
        header: vec![],
        body: vec![
            TemplateParam {
                name: Some("first_name".into()),
                text: "Sam".into(),
            },
            TemplateParam {
                name: Some("date".into()),
                text: "May 3".into(),
            },
        ],
        buttons: vec![],
    };
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
    assert_eq!(report.templates, 7);
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
    assert_eq!(screen.json["templates"].as_array().map(Vec::len), Some(7));
    assert!(screen.json["last_sync_at_ms"].is_i64());
    assert_eq!(screen.json["last_sync_error"], Value::Null);
    let agent = l.app.client();
    l.app.login(&agent, "ana@demo.local", "correct horse").await;
    assert_eq!(l.app.call(&agent, "templates/list", &[]).await.status, 403);
    let check = l.app.call(&admin, "settings/check", &[]).await;
    assert_eq!(check.json["ok"], true, "{:?}", check.json);
    assert!(check.json["message"]
        .as_str()
        .expect("message")
        .starts_with("Connected"));
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
    assert_eq!(l.api.download(&info.url).await.expect("bytes"), png);

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

    // A number that never wrote: accepted, then refused by WhatsApp outside the window.
    let cold = l
        .app
        .call(
            &admin,
            "settings/test-message",
            &[("to", "34600000000"), ("text", "¿Hola?")],
        )
        .await;
    let cold_id = cold.json["id"].as_i64().expect("id");
    send_due(&*l.app.state.store, &l.api, &mut pacer, app::ssr::now_ms())
        .await
        .expect("pass");
    let store = l.app.state.store.clone();
    l.until("the refusal", move |_| {
        let store = store.clone();
        async move {
            store
                .message(cold_id)
                .await
                .expect("read")
                .is_some_and(|m| m.status == Some(DeliveryStatus::Failed))
        }
    })
    .await;
    let status = l
        .app
        .call(
            &admin,
            "settings/test-message-status",
            &[("id", &cold_id.to_string())],
        )
        .await;
    assert_eq!(status.json["status"], "failed");
    assert!(
        status.json["error"]
            .as_str()
            .expect("error")
            .contains("131026"),
        "{:?}",
        status.json
    );
}

//! The Bot screen's server functions (`/api/bot/…`) over real HTTP, on both databases: admins
//! only; a configuration is saved only when valid (the refusal names the place); switching
//! the bot off hands its conversations to the team; FAQ and catalog edits; the CSV import's
//! report; and the test console over the saved knowledge.

use crate::support;

use app::domain::bot::{BotConfig, HandoffReason, MenuAction, MenuOption, BOT_ENABLED_SETTING};
use app::domain::inbox::ConversationStatus;
use app::domain::roles::Role;
use app::ssr::now_ms;
use serde_json::{json, Value};
use support::console::{customer_writes, signed_in, Agent};
use support::{Db, Reply, TestApp};

on_both_databases!(
    only_admins_reach_the_bot_functions,
    a_configuration_is_saved_only_when_valid,
    switching_the_bot_off_hands_its_conversations_to_the_team,
    faq_entries_are_added_changed_and_deleted,
    products_are_added_changed_and_deleted_with_unique_skus,
    a_csv_import_reports_what_it_did_line_by_line,
    the_test_console_explains_with_the_saved_knowledge,
    the_page_renders_the_saved_bot_for_admins_only,
);

/// Calls a server function that takes JSON (nested arguments).
async fn call_json(app: &TestApp, who: &Agent, endpoint: &str, body: Value) -> Reply {
    app.call_json(&who.client, endpoint, &body).await
}

async fn save(app: &TestApp, who: &Agent, enabled: bool, config: &BotConfig) -> Reply {
    call_json(
        app,
        who,
        "bot/save",
        json!({ "enabled": enabled, "config": config }),
    )
    .await
}

async fn screen(app: &TestApp, who: &Agent) -> Value {
    let reply = app.call(&who.client, "bot/screen", &[]).await;
    assert_eq!(reply.status, 200, "screen: {:?}", reply.json);
    reply.json
}

fn option(id: &str, title: &str, action: MenuAction) -> MenuOption {
    MenuOption {
        id: id.into(),
        title: title.into(),
        description: None,
        action,
    }
}

fn faq(title: &str, phrasings: &[&str], answer: &str) -> Value {
    json!({ "title": title, "phrasings": phrasings, "answer": answer })
}

fn product(sku: Option<&str>, name: &str) -> Value {
    json!({
        "sku": sku, "name": name, "description": "", "price": "$10",
        "link": null, "image_url": null,
    })
}

async fn only_admins_reach_the_bot_functions(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let agent = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let supervisor = signed_in(&app, "sara@demo.local", Role::Supervisor).await;
    let admin = signed_in(&app, "root@demo.local", Role::Admin).await;
    let json_calls = [
        (
            "bot/save",
            json!({ "enabled": true, "config": BotConfig::default() }),
        ),
        (
            "bot/faq/save",
            json!({ "id": null, "draft": faq("Envíos", &["¿Cuánto tarda?"], "Dos días") }),
        ),
        (
            "bot/product/save",
            json!({ "id": null, "draft": product(None, "Mochila") }),
        ),
        ("bot/catalog/import", json!({ "csv": "name\nMochila\n" })),
    ];
    let form_calls: [(&str, &[(&str, &str)]); 4] = [
        ("bot/screen", &[]),
        ("bot/faq/delete", &[("id", "1")]),
        ("bot/product/delete", &[("id", "1")]),
        ("bot/try", &[("text", "hola")]),
    ];
    for who in [&agent, &supervisor] {
        for (endpoint, body) in &json_calls {
            let reply = call_json(&app, who, endpoint, body.clone()).await;
            assert_eq!(reply.status, 403, "{endpoint}: {:?}", reply.json);
            assert_eq!(reply.json["error"], "forbidden", "{endpoint}");
        }
        for (endpoint, form) in &form_calls {
            let reply = app.call(&who.client, endpoint, form).await;
            assert_eq!(reply.status, 403, "{endpoint}: {:?}", reply.json);
        }
    }
    // Nothing the refused calls asked for happened.
    let seen = screen(&app, &admin).await;
    assert_eq!(seen["enabled"], false);
    assert_eq!(seen["faq"], json!([]));
    assert_eq!(seen["products"], json!([]));
    // Signed out: not signed in, whatever the function.
    let stranger = app.client();
    let reply = app.call(&stranger, "bot/screen", &[]).await;
    assert_eq!(reply.status, 401);
}

async fn a_configuration_is_saved_only_when_valid(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = signed_in(&app, "root@demo.local", Role::Admin).await;
    let fresh = screen(&app, &admin).await;
    assert_eq!(fresh["enabled"], false);
    let defaults: BotConfig = serde_json::from_value(fresh["config"].clone()).expect("config");
    assert_eq!(defaults, BotConfig::default());

    let mut config = BotConfig {
        menu: vec![option(
            "a1",
            "Envíos a todo el país!",
            MenuAction::Answer {
                text: "Enviamos a todo el país.".into(),
            },
        )],
        ..BotConfig::default()
    };
    let reply = save(&app, &admin, true, &config).await;
    assert_eq!(reply.status, 400, "{:?}", reply.json);
    assert_eq!(reply.json["error"], "bot_invalid");
    assert_eq!(
        reply.json["problem"],
        json!({
            "place": { "place": "menu_option", "path": ["Envíos a todo el país!"], "part": "title" },
            "issue": { "issue": "too_long", "max": 20 },
        })
    );

    config.menu[0].title = "Envíos".into();
    config.hours.timezone = "Mars/Olympus_Mons".into();
    let reply = save(&app, &admin, true, &config).await;
    assert_eq!(reply.status, 400, "{:?}", reply.json);
    assert_eq!(
        reply.json["problem"],
        json!({ "place": { "place": "timezone" }, "issue": { "issue": "unknown_timezone" } })
    );
    // Refusals change nothing.
    assert_eq!(screen(&app, &admin).await["enabled"], false);

    config.hours.timezone = "Europe/Madrid".into();
    config.hours.enabled = true;
    config.menu.push(option(
        "b2",
        "Catálogo",
        MenuAction::Submenu {
            text: "¿Qué buscas?".into(),
            options: vec![option("c3", "Buscar", MenuAction::Catalog)],
        },
    ));
    let reply = save(&app, &admin, true, &config).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json["handed_off"], 0);
    let saved = screen(&app, &admin).await;
    assert_eq!(saved["enabled"], true);
    let stored: BotConfig = serde_json::from_value(saved["config"].clone()).expect("config");
    assert_eq!(stored, config);
    assert_eq!(
        app.state
            .store
            .setting(BOT_ENABLED_SETTING)
            .await
            .expect("read")
            .as_deref(),
        Some("true")
    );
}

async fn switching_the_bot_off_hands_its_conversations_to_the_team(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = signed_in(&app, "root@demo.local", Role::Admin).await;
    let config = BotConfig::default();
    assert_eq!(save(&app, &admin, true, &config).await.status, 200);
    let conversation = customer_writes(
        &app,
        "wamid.bot1",
        "5215512345678",
        "Hola",
        now_ms() - 60_000,
    )
    .await;
    let store = &app.state.store;
    let status = |c: Option<app::ssr::BotConversation>| c.expect("conversation").status;
    if status(store.bot_conversation(conversation).await.expect("read")) != ConversationStatus::Bot
    {
        // However the inbox files new conversations, this one is now the bot's.
        store
            .return_to_bot(conversation, None, now_ms())
            .await
            .expect("to the bot");
    }
    assert_eq!(
        status(store.bot_conversation(conversation).await.expect("read")),
        ConversationStatus::Bot
    );

    // Saving with the bot still on leaves it with the bot.
    let reply = save(&app, &admin, true, &config).await;
    assert_eq!(reply.json["handed_off"], 0, "{:?}", reply.json);
    assert_eq!(
        status(store.bot_conversation(conversation).await.expect("read")),
        ConversationStatus::Bot
    );

    let reply = save(&app, &admin, false, &config).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json["enabled"], false);
    assert_eq!(reply.json["handed_off"], 1);
    assert_eq!(
        status(store.bot_conversation(conversation).await.expect("read")),
        ConversationStatus::Open
    );
    let report = &screen(&app, &admin).await["report"];
    let disabled = report["handed_off"]
        .as_array()
        .expect("reasons")
        .iter()
        .find(|r| r[0] == HandoffReason::BotDisabled.as_str())
        .cloned();
    assert_eq!(disabled, Some(json!(["bot_disabled", 1])), "{report:?}");
    assert_eq!(report["with_bot"], 0);

    // Off stays off: saving again hands nothing off.
    let reply = save(&app, &admin, false, &config).await;
    assert_eq!(reply.json["handed_off"], 0);
}

async fn faq_entries_are_added_changed_and_deleted(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = signed_in(&app, "root@demo.local", Role::Admin).await;
    let save_faq = |id: Option<i64>, draft: Value| {
        let (app, admin) = (&app, &admin);
        async move {
            call_json(
                app,
                admin,
                "bot/faq/save",
                json!({ "id": id, "draft": draft }),
            )
            .await
        }
    };

    let reply = save_faq(None, faq("Envíos", &["  ", ""], "Dos días")).await;
    assert_eq!(reply.status, 400, "{:?}", reply.json);
    assert_eq!(reply.json["problem"]["place"]["place"], "faq_phrasings");
    assert_eq!(reply.json["problem"]["issue"]["issue"], "empty");

    let reply = save_faq(
        None,
        faq(
            " Envíos ",
            &["¿Cuánto tarda el envío?", " ", "¿Cuándo llega?"],
            "Dos días",
        ),
    )
    .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let id = reply.json["id"].as_i64().expect("id");
    assert_eq!(reply.json["title"], "Envíos");
    assert_eq!(
        reply.json["phrasings"],
        json!(["¿Cuánto tarda el envío?", "¿Cuándo llega?"])
    );

    let reply = save_faq(
        Some(id),
        faq("Plazos de envío", &["¿Cuánto tarda?"], "Tres días"),
    )
    .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let listed = screen(&app, &admin).await["faq"].clone();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["title"], "Plazos de envío");
    assert_eq!(listed[0]["answer"], "Tres días");

    let reply = app
        .call(&admin.client, "bot/faq/delete", &[("id", &id.to_string())])
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(screen(&app, &admin).await["faq"], json!([]));
    let reply = save_faq(Some(id), faq("Plazos", &["¿Cuánto?"], "Tres")).await;
    assert_eq!(reply.status, 404, "{:?}", reply.json);
}

async fn products_are_added_changed_and_deleted_with_unique_skus(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = signed_in(&app, "root@demo.local", Role::Admin).await;
    let save_product = |id: Option<i64>, draft: Value| {
        let (app, admin) = (&app, &admin);
        async move {
            call_json(
                app,
                admin,
                "bot/product/save",
                json!({ "id": id, "draft": draft }),
            )
            .await
        }
    };
    let mut bad = product(Some("Z-1"), "Zapatilla");
    bad["link"] = json!("tienda.example/z1");
    let reply = save_product(None, bad).await;
    assert_eq!(reply.status, 400, "{:?}", reply.json);
    assert_eq!(reply.json["problem"]["place"]["place"], "product_link");
    assert_eq!(reply.json["problem"]["issue"]["issue"], "not_a_link");

    let reply = save_product(None, product(Some("Z-1"), "Zapatilla")).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let shoe = reply.json["id"].as_i64().expect("id");
    let reply = save_product(None, product(Some("M-2"), "Mochila")).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let bag = reply.json["id"].as_i64().expect("id");

    let reply = save_product(None, product(Some("Z-1"), "Otra zapatilla")).await;
    assert_eq!(reply.status, 409, "{:?}", reply.json);
    assert_eq!(
        reply.json,
        json!({ "error": "conflict", "conflict": "sku_taken" })
    );
    let reply = save_product(Some(bag), product(Some("Z-1"), "Mochila")).await;
    assert_eq!(reply.status, 409, "{:?}", reply.json);
    assert_eq!(reply.json["conflict"], "sku_taken");

    let reply = save_product(Some(bag), product(None, "Mochila urbana")).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json["sku"], Value::Null);
    let reply = app
        .call(
            &admin.client,
            "bot/product/delete",
            &[("id", &shoe.to_string())],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let names: Vec<Value> = screen(&app, &admin).await["products"]
        .as_array()
        .expect("products")
        .iter()
        .map(|p| p["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("Mochila urbana")]);
    let reply = save_product(Some(shoe), product(None, "Zapatilla")).await;
    assert_eq!(reply.status, 404, "{:?}", reply.json);
}

async fn a_csv_import_reports_what_it_did_line_by_line(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = signed_in(&app, "root@demo.local", Role::Admin).await;
    let import = |csv: String| {
        let (app, admin) = (&app, &admin);
        async move { call_json(app, admin, "bot/catalog/import", json!({ "csv": csv })).await }
    };
    let csv = "sku;nombre;precio;enlace\n\
               Z-1;Zapatilla;$59;https://tienda.example/z1\n\
               M-2;Mochila;$30;tienda.example/m2\n\
               G-3;Gorra;$9;\n"
        .to_string();
    let reply = import(csv).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json["file_problem"], Value::Null);
    assert_eq!(reply.json["created"], 2);
    assert_eq!(reply.json["updated"], 0);
    let rejected = reply.json["rejected"].as_array().expect("rejected").clone();
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0]["line"], 3);
    assert_eq!(rejected[0]["reason"]["kind"], "invalid");
    assert_eq!(
        rejected[0]["reason"]["problem"]["place"]["place"],
        "product_link"
    );

    // The same SKU again updates; a new one is added.
    let reply = import("sku,name,price\nZ-1,Zapatilla roja,$61\nB-4,Bolso,$20\n".into()).await;
    assert_eq!(
        (reply.json["created"].clone(), reply.json["updated"].clone()),
        (json!(1), json!(1))
    );
    let products = screen(&app, &admin).await["products"].clone();
    let by_sku = |sku: &str| {
        products
            .as_array()
            .expect("products")
            .iter()
            .find(|p| p["sku"] == sku)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(by_sku("Z-1")["name"], "Zapatilla roja");
    assert_eq!(by_sku("Z-1")["price"], "$61");
    assert_eq!(products.as_array().map(Vec::len), Some(3));

    // A file that can't be read at all says why, and imports nothing.
    let reply = import("precio,enlace\n$5,https://x.example\n".into()).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(
        reply.json["file_problem"],
        json!({ "kind": "csv", "problem": { "kind": "no_name_column" } })
    );
    let reply = import(format!("name\n{}", "x\n".repeat(510_000))).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(
        reply.json["file_problem"],
        json!({ "kind": "too_large", "max_bytes": 1_000_000 })
    );
    assert_eq!(
        screen(&app, &admin).await["products"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

async fn the_test_console_explains_with_the_saved_knowledge(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = signed_in(&app, "root@demo.local", Role::Admin).await;
    let reply = call_json(
        &app,
        &admin,
        "bot/faq/save",
        json!({ "id": null, "draft": faq("Envíos", &["¿Cuánto tarda el envío?", "¿Cuándo llega mi pedido?"], "Tarda dos días hábiles.") }),
    )
    .await;
    let entry = reply.json["id"].as_i64().expect("id");

    let reply = app
        .call(
            &admin.client,
            "bot/try",
            &[("text", "cuanto tarda el envio")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json["turn"]["why"]["why"], "faq", "{:?}", reply.json);
    assert_eq!(reply.json["turn"]["why"]["entry"]["id"], entry);
    assert_eq!(reply.json["faq"][0]["id"], entry);
    assert_eq!(reply.json["handoff_word"], false);
    let replies = serde_json::to_string(&reply.json["turn"]["replies"]).expect("json");
    assert!(replies.contains("Tarda dos días hábiles."), "{replies}");

    // A handoff word from the saved configuration: the bot would hand off.
    let config = BotConfig {
        handoff_words: vec!["supervisor".into()],
        ..BotConfig::default()
    };
    assert_eq!(save(&app, &admin, true, &config).await.status, 200);
    let reply = app
        .call(
            &admin.client,
            "bot/try",
            &[("text", "quiero un supervisor")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json["handoff_word"], true);
    assert_eq!(
        reply.json["turn"]["end"],
        json!({ "end": "hand_off", "reason": "asked" })
    );

    let reply = app.call(&admin.client, "bot/try", &[("text", "   ")]).await;
    assert_eq!(reply.status, 400, "{:?}", reply.json);
}

async fn the_page_renders_the_saved_bot_for_admins_only(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let agent = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let admin = signed_in(&app, "root@demo.local", Role::Admin).await;
    let config = BotConfig {
        greeting: "Bienvenida a la tienda de prueba".into(),
        menu: vec![option("a1", "Horarios de tienda", MenuAction::Catalog)],
        ..BotConfig::default()
    };
    assert_eq!(save(&app, &admin, true, &config).await.status, 200);

    assert_eq!(app.get(&agent.client, "/bot").await.status(), 403);
    let page = app.get(&admin.client, "/bot").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    for expected in [
        "data-testid=\"bot-save\"",
        "data-testid=\"bot-enabled\"",
        "data-testid=\"bot-tab-faq\"",
        "data-testid=\"bot-csv-file\"",
        "data-testid=\"bot-trial-input\"",
        "Bienvenida a la tienda de prueba",
        "Horarios de tienda",
    ] {
        assert!(html.contains(expected), "{expected} missing from the page");
    }
}

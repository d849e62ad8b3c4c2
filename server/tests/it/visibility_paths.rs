//! One visibility rule, every path: with "own and unassigned" visibility, a seeded random desk
//! (customers with an earlier and a current conversation, each given to a random agent or to
//! nobody, each with a private note and a photo) is read by every user through every path —
//! opening the conversation, the customer's history in any conversation they may open, the
//! list's search, the photo's `/media` route, the API, and the websocket — and each path must
//! answer exactly what `Viewer::can_see` says. On both databases.

use crate::realtime::{self, Console};
use crate::support;

use app::domain::inbox::{AgentVisibility, ConversationStatus, Viewer};
use app::domain::message::{Media, MediaKind, MessageBody, MessageContext};
use app::domain::roles::Role;
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
use app::ssr::now_ms;
use app::wire::realtime::ServerFrame;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use server::realtime::hub::VISIBILITY_SETTING;
use std::collections::{BTreeMap, BTreeSet};
use support::{Db, TestApp};

on_both_databases!(every_path_agrees_on_who_sees_which_conversation);

const CUSTOMERS: usize = 6;

/// One conversation of the seeded desk.
struct Seeded {
    id: i64,
    contact_id: i64,
    assignee: Option<i64>,
    /// The private note's id, and a word only it contains.
    note: i64,
    word: String,
    /// The customer's photo: its message and Meta's media id.
    photo: i64,
    media_id: String,
    resolved: bool,
}

async fn ingest(app: &TestApp, wamid: &str, phone: &str, body: MessageBody) -> i64 {
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.to_string(),
        from: ContactRef {
            wa_id: Some(phone.to_string()),
            name: Some(format!("Customer {phone}")),
            ..ContactRef::default()
        },
        sent_at_ms: now_ms(),
        body,
        context: MessageContext::default(),
        referral: None,
        raw: "{}".into(),
    }));
    let store = &app.state.store;
    store.ingest(&[event], now_ms()).await.expect("ingest");
    store
        .message_by_wamid(wamid)
        .await
        .expect("read")
        .expect("stored")
        .id
}

fn photo(media_id: &str) -> MessageBody {
    MessageBody::Media(Media {
        kind: MediaKind::Image,
        media_id: media_id.to_string(),
        mime_type: Some("image/jpeg".into()),
        sha256: None,
        caption: None,
        filename: None,
        voice: false,
        animated: false,
    })
}

/// A conversation of customer `n` (its `round`: 0 earlier, 1 current), given to `assignee`.
async fn seed_conversation(
    app: &TestApp,
    n: usize,
    round: usize,
    assignee: Option<i64>,
    author: i64,
) -> Seeded {
    let phone = format!("3460011{n:04}");
    let store = &app.state.store;
    let first = ingest(
        app,
        &format!("wamid.vis.{n}.{round}.text"),
        &phone,
        MessageBody::Text {
            body: format!("hola {n} {round}"),
        },
    )
    .await;
    let message = store.message(first).await.expect("read").expect("message");
    let id = message.conversation_id;
    store
        .assign(id, assignee, Some(author), now_ms())
        .await
        .expect("assign");
    let word = format!("zq{n}x{round}w");
    let note = store
        .insert_note(id, author, &format!("nota interna {word}"), None, now_ms())
        .await
        .expect("note")
        .id;
    let media_id = format!("77{n:03}{round}");
    let photo = ingest(
        app,
        &format!("wamid.vis.{n}.{round}.photo"),
        &phone,
        photo(&media_id),
    )
    .await;
    Seeded {
        id,
        contact_id: message.contact_id,
        assignee,
        note,
        word,
        photo,
        media_id,
        resolved: false,
    }
}

/// Every message id of the customer's history as `client` sees it from conversation `from`.
async fn history(app: &TestApp, client: &reqwest::Client, from: i64) -> BTreeSet<i64> {
    let reply = app
        .call(client, "inbox/open", &[("id", &from.to_string())])
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let mut ids: BTreeSet<i64> = BTreeSet::new();
    let mut page = reply.json["thread"].clone();
    loop {
        let messages = page["messages"].as_array().expect("messages");
        ids.extend(messages.iter().filter_map(|m| m["id"].as_i64()));
        if page["more"] != json!(true) {
            return ids;
        }
        let oldest = messages
            .first()
            .and_then(|m| m["id"].as_i64())
            .expect("oldest");
        let reply = app
            .call(
                client,
                "inbox/older",
                &[
                    ("conversation_id", &from.to_string()),
                    ("before_id", &oldest.to_string()),
                ],
            )
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        page = reply.json;
    }
}

/// The conversations the list shows `client` for a search, in `view`.
async fn search(app: &TestApp, client: &reqwest::Client, view: &str, text: &str) -> Vec<i64> {
    let response = client
        .post(format!("{}/api/inbox/list", app.base))
        .json(&json!({
            "filter": {"view": view, "label_id": null, "assignee": null, "search": text},
            "after": null
        }))
        .send()
        .await
        .expect("list");
    assert_eq!(response.status().as_u16(), 200);
    let page: Value = response.json().await.expect("json");
    page["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .collect()
}

async fn every_path_agrees_on_who_sees_which_conversation(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let store = app.state.store.clone();
    store
        .put_setting(VISIBILITY_SETTING, "own_and_unassigned", now_ms())
        .await
        .expect("setting");
    let boss = realtime::agent(&app, "boss@demo.local", Role::Supervisor).await;
    let mut people = vec![(boss, Role::Supervisor)];
    for name in ["ana", "bea", "cris"] {
        let agent = realtime::agent(&app, &format!("{name}@demo.local"), Role::Agent).await;
        people.push((agent, Role::Agent));
    }
    let agents: Vec<i64> = people[1..].iter().map(|(a, _)| a.id).collect();
    let mut rng = rand::rngs::StdRng::seed_from_u64(20_261_207);
    let mut pick = || -> Option<i64> {
        let i = rng.gen_range(0..=agents.len());
        agents.get(i).copied()
    };

    let mut desk: Vec<Seeded> = Vec::new();
    for n in 0..CUSTOMERS {
        let author = people[0].0.id;
        let mut earlier = seed_conversation(&app, n, 0, pick(), author).await;
        store
            .set_conversation_status(
                earlier.id,
                ConversationStatus::Resolved,
                None,
                Some(author),
                now_ms(),
            )
            .await
            .expect("resolve");
        earlier.resolved = true;
        desk.push(earlier);
        desk.push(seed_conversation(&app, n, 1, pick(), author).await);
    }

    let policy = AgentVisibility::OwnAndUnassigned;
    let mut consoles = Vec::new();
    for (person, _) in &people {
        consoles.push(Console::connect(&app, person, None).await);
    }
    // One more message in every conversation, for the websocket to carry.
    let mut last_words = BTreeMap::new();
    for seeded in &desk {
        let note = store
            .insert_note(seeded.id, people[0].0.id, "último", None, now_ms())
            .await
            .expect("note");
        last_words.insert(note.id, seeded.id);
    }

    for ((person, role), console) in people.iter().zip(consoles.iter_mut()) {
        let viewer = Viewer {
            user_id: person.id,
            role: *role,
        };
        let may = |s: &Seeded| viewer.can_see(policy, s.assignee);
        let token = support::api::token_acting_as(&app, person.id).await;

        // The websocket: a frame for each new note of a conversation this user may see, and
        // none (or a hidden marker) for the others.
        let mut shown: BTreeSet<i64> = BTreeSet::new();
        let wanted = desk.iter().filter(|s| may(s)).count();
        let frames = console
            .until_n(wanted, |f| {
                matches!(f, ServerFrame::Message { message, .. } if message.body == MessageBody::Note { text: "último".into() })
            })
            .await;
        let mut more = console.flush().await;
        let mut all = frames;
        all.append(&mut more);
        for frame in &all {
            if let ServerFrame::Message { message, .. } = frame {
                if let Some(conversation) = last_words.get(&message.id) {
                    shown.insert(*conversation);
                }
            }
        }

        for seeded in &desk {
            let expected = may(seeded);
            let what = format!(
                "{role:?} {} and conversation {} (assigned to {:?})",
                person.id, seeded.id, seeded.assignee
            );
            // Opening it.
            let open = app
                .call(
                    &person.client,
                    "inbox/open",
                    &[("id", &seeded.id.to_string())],
                )
                .await;
            assert_eq!(
                open.status == 200,
                expected,
                "open: {what}: {:?}",
                open.json
            );
            // Its note and photo in the customer's history, from every conversation of the
            // customer this user may open.
            for other in desk
                .iter()
                .filter(|o| o.contact_id == seeded.contact_id && may(o))
            {
                let ids = history(&app, &person.client, other.id).await;
                assert_eq!(
                    ids.contains(&seeded.note),
                    expected,
                    "note in history: {what}"
                );
                assert_eq!(
                    ids.contains(&seeded.photo),
                    expected,
                    "photo in history: {what}"
                );
            }
            // Searching for the word only its note holds finds the customer's row only when
            // both that row and this conversation may be seen.
            let view = if seeded.resolved { "resolved" } else { "all" };
            let rows = search(&app, &person.client, view, &seeded.word).await;
            assert_eq!(
                rows.contains(&seeded.id),
                expected,
                "search for its note: {what}: {rows:?}"
            );
            let current = desk
                .iter()
                .find(|o| o.contact_id == seeded.contact_id && !o.resolved)
                .expect("current");
            if seeded.resolved {
                let rows = search(&app, &person.client, "all", &seeded.word).await;
                assert_eq!(
                    rows.contains(&current.id),
                    expected && may(current),
                    "searching an earlier conversation's note: {what}: {rows:?}"
                );
            }
            // The photo's file (still being fetched: 404 to those who may see it).
            let media = person
                .client
                .get(format!("{}/media/{}", app.base, seeded.media_id))
                .send()
                .await
                .expect("media")
                .status()
                .as_u16();
            assert_eq!(media != 403, expected, "media {media}: {what}");
            // The API, with a token acting as this user.
            let api =
                support::api::get(&app, &format!("/conversations/{}", seeded.id), &token).await;
            assert_eq!(api.status == 200, expected, "API {}: {what}", api.status);
            let api = support::api::get(
                &app,
                &format!("/conversations/{}/messages", seeded.id),
                &token,
            )
            .await;
            assert_eq!(
                api.status == 200,
                expected,
                "API messages {}: {what}",
                api.status
            );
            // The websocket.
            assert_eq!(shown.contains(&seeded.id), expected, "websocket: {what}");
        }
    }
}

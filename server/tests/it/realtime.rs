//! `/ws` over real websockets, on both databases: who may connect, the hello frame, numbered
//! frames from webhook deliveries, resuming after a disconnect, what restricted agents
//! receive, typing, viewing and presence.

use crate::support;

use app::domain::inbox::Presence;
use app::domain::message::{Activity, MessageBody};
use app::domain::roles::Role;
use app::wire::inbox::Sender;
use app::wire::realtime::{PresenceEntry, ServerFrame, ViewingEntry};
use futures::{SinkExt, StreamExt};
use server::realtime::hub::VISIBILITY_SETTING;
use server::whatsapp::signature::sign;
use std::time::Duration;
use support::{fixture_with, Db, TestApp};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};

pub(crate) const PASSWORD: &str = "correct horse battery staple";
/// How long a test waits for a frame it expects. A wait, not a timing requirement.
pub(crate) const PATIENCE: Duration = Duration::from_secs(5);

pub(crate) type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A signed-in agent: their browser client and the session cookie it holds.
pub(crate) struct Agent {
    pub(crate) id: i64,
    pub(crate) client: reqwest::Client,
    pub(crate) cookie: String,
}

pub(crate) async fn agent(app: &TestApp, email: &str, role: Role) -> Agent {
    let user = app.add_user(email, role, PASSWORD).await;
    let client = app.client();
    let reply = app.login(&client, email, PASSWORD).await;
    assert_eq!(reply.status, 200, "login: {:?}", reply.json);
    let cookie = support::session_cookie(&reply.headers).expect("a session cookie");
    let cookie = cookie.split(';').next().unwrap_or_default().to_string();
    Agent {
        id: user.id,
        client,
        cookie,
    }
}

/// Opens `/ws` as a browser would; the HTTP status when refused.
pub(crate) async fn open(
    app: &TestApp,
    cookie: Option<&str>,
    origin: Option<&str>,
    resume: Option<&str>,
) -> Result<Ws, u16> {
    let mut url = format!("{}/ws", app.base.replacen("http://", "ws://", 1));
    if let Some(resume) = resume {
        url.push_str(&format!("?resume={resume}"));
    }
    let mut request = url.into_client_request().expect("request");
    if let Some(cookie) = cookie {
        request
            .headers_mut()
            .insert("cookie", HeaderValue::from_str(cookie).expect("cookie"));
    }
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("origin", HeaderValue::from_str(origin).expect("origin"));
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((ws, _)) => Ok(ws),
        Err(WsError::Http(response)) => Err(response.status().as_u16()),
        Err(e) => panic!("websocket: {e}"),
    }
}

/// One console's socket.
pub(crate) struct Console {
    pub(crate) ws: Ws,
    pub(crate) hello: ServerFrame,
}

impl Console {
    pub(crate) async fn connect(app: &TestApp, agent: &Agent, resume: Option<&str>) -> Console {
        let ws = open(app, Some(&agent.cookie), Some(&app.base), resume)
            .await
            .unwrap_or_else(|status| panic!("refused with {status}"));
        let mut console = Console {
            ws,
            hello: ServerFrame::Pong,
        };
        console.hello = console.next().await;
        assert!(
            matches!(console.hello, ServerFrame::Hello { .. }),
            "the first frame is hello: {:?}",
            console.hello
        );
        console
    }

    pub(crate) fn epoch(&self) -> String {
        match &self.hello {
            ServerFrame::Hello { epoch, .. } => epoch.clone(),
            _ => unreachable!(),
        }
    }

    pub(crate) fn hello_seq(&self) -> u64 {
        match &self.hello {
            ServerFrame::Hello { seq, .. } => *seq,
            _ => unreachable!(),
        }
    }

    pub(crate) fn resumed(&self) -> bool {
        matches!(self.hello, ServerFrame::Hello { resumed: true, .. })
    }

    pub(crate) async fn next(&mut self) -> ServerFrame {
        loop {
            let message = tokio::time::timeout(PATIENCE, self.ws.next())
                .await
                .expect("a frame in time")
                .expect("the socket is open")
                .expect("a readable frame");
            match message {
                Message::Text(text) => {
                    return serde_json::from_str(text.as_str())
                        .unwrap_or_else(|e| panic!("not a server frame ({e}): {text}"))
                }
                Message::Close(close) => panic!("the server closed the socket: {close:?}"),
                _ => continue,
            }
        }
    }

    /// Frames up to and including the first one `wanted` accepts.
    pub(crate) async fn until(
        &mut self,
        wanted: impl Fn(&ServerFrame) -> bool,
    ) -> Vec<ServerFrame> {
        let mut frames = Vec::new();
        loop {
            let frame = self.next().await;
            let done = wanted(&frame);
            frames.push(frame);
            if done {
                return frames;
            }
        }
    }

    /// Frames up to the one that makes `n` frames `wanted` accepts.
    pub(crate) async fn until_n(
        &mut self,
        n: usize,
        wanted: impl Fn(&ServerFrame) -> bool,
    ) -> Vec<ServerFrame> {
        let mut frames = Vec::new();
        let mut matched = 0;
        while matched < n {
            let frame = self.next().await;
            if wanted(&frame) {
                matched += 1;
            }
            frames.push(frame);
        }
        frames
    }

    pub(crate) async fn send(&mut self, json: serde_json::Value) {
        self.ws
            .send(Message::text(json.to_string()))
            .await
            .expect("send");
    }

    /// Everything the server sent before answering a ping now.
    pub(crate) async fn flush(&mut self) -> Vec<ServerFrame> {
        self.send(serde_json::json!({"type": "ping"})).await;
        let mut frames = self.until(|f| *f == ServerFrame::Pong).await;
        frames.pop();
        frames
    }

    pub(crate) async fn close(mut self) {
        let _ = self.ws.close(None).await;
        // Read on until the server's close answer ends the stream.
        while let Ok(Some(Ok(_))) = tokio::time::timeout(PATIENCE, self.ws.next()).await {}
    }
}

fn numbered(frames: &[ServerFrame]) -> Vec<ServerFrame> {
    frames
        .iter()
        .filter(|f| f.seq().is_some())
        .cloned()
        .collect()
}

fn is_conversation(id: Option<i64>) -> impl Fn(&ServerFrame) -> bool {
    move |f| matches!(f, ServerFrame::Conversation { conversation, .. } if id.is_none_or(|id| conversation.id == id))
}

/// Any numbered frame about conversation `id`.
fn about(id: i64) -> impl Fn(&ServerFrame) -> bool + Copy {
    move |f| match f {
        ServerFrame::Message { message, .. } => message.conversation_id == id,
        ServerFrame::Conversation { conversation, .. } => conversation.id == id,
        ServerFrame::ConversationHidden { id: hidden, .. } => *hidden == id,
        _ => false,
    }
}

pub(crate) fn is_presence(user_id: i64, presence: Presence) -> impl Fn(&ServerFrame) -> bool {
    move |f| matches!(f, ServerFrame::Presence(p) if p.user_id == user_id && p.presence == presence)
}

/// A customer's text message as Meta delivers it, from their own phone and account.
pub(crate) fn inbound(wamid: &str, phone: &str, text: &str) -> Vec<u8> {
    fixture_with(
        "message",
        "text",
        &[
            ("wamid.xyzxyz", wamid),
            ("972987654321", phone),
            ("US.13491208655302741918", &format!("US.{phone}")),
            ("Body Text", text),
        ],
    )
}

/// Everything `console` receives before a presence change of `by` (whose console is `from`)
/// that is sent once `from` has seen all it waits for: the hub forwards frames in order, so
/// anything published earlier for `console` is in the result.
async fn barrier(
    from: &mut Console,
    by: i64,
    presence: &mut Presence,
    console: &mut Console,
) -> Vec<ServerFrame> {
    let name = match presence {
        Presence::Away => "away",
        _ => "online",
    };
    from.send(serde_json::json!({"type": "presence", "presence": name}))
        .await;
    let wanted = *presence;
    *presence = if wanted == Presence::Away {
        Presence::Online
    } else {
        Presence::Away
    };
    from.until(is_presence(by, wanted)).await;
    let mut frames = console.until(is_presence(by, wanted)).await;
    frames.pop();
    frames
}

pub(crate) async fn deliver(app: &TestApp, body: &[u8]) {
    let response = reqwest::Client::new()
        .post(format!("{}/webhooks/whatsapp", app.base))
        .header("content-type", "application/json")
        .header(
            "x-hub-signature-256",
            sign(support::APP_SECRET.as_bytes(), body),
        )
        .body(body.to_vec())
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 200, "webhook accepted");
}

on_both_databases!(
    the_socket_needs_a_session_and_our_origin,
    a_delivered_message_reaches_consoles_as_numbered_frames,
    a_reconnecting_console_gets_exactly_what_it_missed,
    restricted_agents_get_hidden_frames_for_colleagues_conversations,
    typing_and_viewing_reach_colleagues_but_not_oneself,
    presence_follows_connections,
);

async fn the_socket_needs_a_session_and_our_origin(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    assert_eq!(
        open(&app, None, Some(&app.base), None).await.err(),
        Some(401),
        "no session"
    );
    assert_eq!(
        open(&app, Some("buzon_session=forged"), Some(&app.base), None)
            .await
            .err(),
        Some(401),
        "a session id nobody was given"
    );
    assert_eq!(
        open(&app, Some(&ana.cookie), Some("http://evil.example"), None)
            .await
            .err(),
        Some(403),
        "another site's page using the agent's cookie"
    );
    assert_eq!(
        open(&app, Some(&ana.cookie), None, None).await.err(),
        Some(403),
        "no Origin at all"
    );
    let mut console = Console::connect(&app, &ana, None).await;
    assert!(!console.resumed());
    assert_eq!(
        console
            .flush()
            .await
            .iter()
            .filter(|f| f.seq().is_some())
            .count(),
        0
    );
}

async fn a_delivered_message_reaches_consoles_as_numbered_frames(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let sofia = agent(&app, "sofia@demo.local", Role::Supervisor).await;
    let mut console = Console::connect(&app, &sofia, None).await;
    let ServerFrame::Hello {
        epoch,
        seq: start,
        resumed,
        ..
    } = console.hello.clone()
    else {
        unreachable!()
    };
    assert!(!epoch.is_empty());
    assert!(!resumed, "nothing to resume");

    deliver(
        &app,
        &inbound("wamid.in-1", "34600000001", "¿Tenéis talla M?"),
    )
    .await;
    let frames = numbered(&console.until(is_conversation(None)).await);
    let seqs: Vec<u64> = frames.iter().filter_map(ServerFrame::seq).collect();
    assert!(
        seqs.first().is_some_and(|&s| s > start) && seqs.windows(2).all(|w| w[0] < w[1]),
        "increasing after the hello's {start}: {seqs:?}"
    );
    let [ServerFrame::Message { message, .. }, ServerFrame::Conversation { conversation, .. }] =
        &frames[..]
    else {
        panic!("a message, then its conversation: {frames:?}")
    };
    assert_eq!(message.wamid.as_deref(), Some("wamid.in-1"));
    assert_eq!(message.sender, Sender::Contact);
    assert!(!message.outbound);
    assert_eq!(
        message.body,
        MessageBody::Text {
            body: "¿Tenéis talla M?".into()
        }
    );
    assert_eq!(conversation.id, message.conversation_id);
    assert_eq!(conversation.contact_name, "Test Name");
    assert_eq!(conversation.unread, 1);
    assert_eq!(conversation.last_preview, "¿Tenéis talla M?");
    assert_eq!(conversation.assignee_id, None);

    // The second message of the same conversation continues the numbering.
    deliver(&app, &inbound("wamid.in-2", "34600000001", "¿Y la L?")).await;
    let more = numbered(&console.until(is_conversation(None)).await);
    let last = *seqs.last().expect("seq");
    assert_eq!(
        more.iter().filter_map(ServerFrame::seq).collect::<Vec<_>>(),
        [last + 1, last + 2]
    );
    let ServerFrame::Conversation { conversation, .. } = &more[1] else {
        panic!("{more:?}")
    };
    assert_eq!(conversation.unread, 2);
}

async fn a_reconnecting_console_gets_exactly_what_it_missed(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let sofia = agent(&app, "sofia@demo.local", Role::Supervisor).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    let mut observer = Console::connect(&app, &sofia, None).await;
    let mut console = Console::connect(&app, &ana, None).await;
    let epoch = console.epoch();

    deliver(&app, &inbound("wamid.in-1", "34600000001", "uno")).await;
    observer.until(is_conversation(None)).await;
    let seen = console.until(is_conversation(None)).await;
    let last_seen = seen.last().and_then(ServerFrame::seq).expect("seq");
    console.close().await;

    deliver(&app, &inbound("wamid.in-2", "34600000001", "dos")).await;
    deliver(&app, &inbound("wamid.in-3", "34600000002", "tres")).await;
    // The observer stays connected: once it has both, the hub has numbered them.
    let mut missed = Vec::new();
    while missed.len() < 4 {
        let frame = observer.next().await;
        if frame.seq().is_some() {
            missed.push(frame);
        }
    }
    let latest = missed.last().and_then(ServerFrame::seq).expect("seq");
    assert_eq!(
        missed
            .iter()
            .filter_map(ServerFrame::seq)
            .collect::<Vec<_>>(),
        (last_seen + 1..=latest).collect::<Vec<_>>()
    );

    let mut back = Console::connect(&app, &ana, Some(&format!("{epoch}:{last_seen}"))).await;
    assert!(back.resumed(), "{:?}", back.hello);
    assert_eq!(back.epoch(), epoch);
    assert_eq!(back.hello_seq(), latest);
    assert_eq!(
        numbered(&back.flush().await),
        missed,
        "exactly the missed frames, in order"
    );
    back.close().await;

    // Nothing missed: resumed, nothing replayed.
    let mut current = Console::connect(&app, &ana, Some(&format!("{epoch}:{latest}"))).await;
    assert!(current.resumed());
    assert!(numbered(&current.flush().await).is_empty());
    current.close().await;

    for resume in [
        "0123456789abcdef:1".to_string(),
        format!("{epoch}:{}", latest + 100),
        "garbage".to_string(),
    ] {
        let mut stale = Console::connect(&app, &ana, Some(&resume)).await;
        assert!(!stale.resumed(), "{resume}: reload instead");
        assert_eq!(stale.hello_seq(), latest, "{resume}");
        assert!(
            numbered(&stale.flush().await).is_empty(),
            "{resume}: nothing replayed"
        );
        stale.close().await;
    }
}

async fn restricted_agents_get_hidden_frames_for_colleagues_conversations(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let sofia = agent(&app, "sofia@demo.local", Role::Supervisor).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    let bea = agent(&app, "bea@demo.local", Role::Agent).await;
    let mut supervisor = Console::connect(&app, &sofia, None).await;
    app.state
        .store
        .put_setting(VISIBILITY_SETTING, "own_and_unassigned", app::ssr::now_ms())
        .await
        .expect("setting");
    // The hub reloads the policy, then tells consoles to reload.
    supervisor.until(|f| *f == ServerFrame::Resync).await;
    let mut a = Console::connect(&app, &ana, None).await;
    let mut b = Console::connect(&app, &bea, None).await;

    deliver(&app, &inbound("wamid.in-1", "34600000001", "hola")).await;
    let frames = supervisor.until(is_conversation(None)).await;
    let Some(ServerFrame::Conversation { conversation, .. }) = frames.last() else {
        unreachable!()
    };
    let id = conversation.id;
    for console in [&mut a, &mut b] {
        let frames = numbered(&console.until(is_conversation(Some(id))).await);
        assert_eq!(frames.len(), 2, "unassigned: everyone sees it: {frames:?}");
    }

    let reply = app
        .call(
            &ana.client,
            "inbox/assign-me",
            &[("conversation_id", &id.to_string()), ("mine", "true")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    // The activity line and the conversation: the store announces them together, the hub
    // may number them in either order.
    let seen = numbered(&supervisor.until_n(2, about(id)).await);
    let line = seen.iter().find_map(|f| match f {
        ServerFrame::Message { message, .. } => Some(message.body.clone()),
        _ => None,
    });
    assert_eq!(
        line,
        Some(MessageBody::Activity {
            activity: Activity::Assigned { to: "ana".into() },
            by: Some("ana".into())
        }),
        "{seen:?}"
    );
    let Some((assigned_seq, assignee)) = seen.iter().find_map(|f| match f {
        ServerFrame::Conversation { seq, conversation } => Some((*seq, conversation.assignee_id)),
        _ => None,
    }) else {
        panic!("no conversation frame: {seen:?}")
    };
    assert_eq!(assignee, Some(ana.id));
    assert_eq!(
        numbered(&a.until_n(2, about(id)).await),
        seen,
        "Ana sees her own conversation"
    );
    let mut marker = Presence::Away;
    let got = barrier(&mut supervisor, sofia.id, &mut marker, &mut b).await;
    assert_eq!(
        numbered(&got),
        [ServerFrame::ConversationHidden {
            seq: assigned_seq,
            id
        }],
        "Bea only learns that it left her view"
    );

    // The customer writes again: only those who may see it get the message.
    deliver(&app, &inbound("wamid.in-2", "34600000001", "¿hola?")).await;
    let seen = numbered(&supervisor.until(is_conversation(Some(id))).await);
    let [ServerFrame::Message { message, .. }, ServerFrame::Conversation { seq, .. }] = &seen[..]
    else {
        panic!("{seen:?}")
    };
    assert_eq!(message.wamid.as_deref(), Some("wamid.in-2"));
    let hidden_seq = *seq;
    assert_eq!(numbered(&a.until(is_conversation(Some(id))).await), seen);
    let got = barrier(&mut supervisor, sofia.id, &mut marker, &mut b).await;
    assert_eq!(
        numbered(&got),
        [ServerFrame::ConversationHidden {
            seq: hidden_seq,
            id
        }],
        "no message frame for Bea"
    );

    // Given back to the queue, it is Bea's to see again.
    let reply = app
        .call(
            &ana.client,
            "inbox/assign-me",
            &[("conversation_id", &id.to_string()), ("mine", "false")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let back = b.until(is_conversation(Some(id))).await;
    let Some(ServerFrame::Conversation { conversation, .. }) = back.last() else {
        unreachable!()
    };
    assert_eq!(conversation.assignee_id, None);
}

async fn typing_and_viewing_reach_colleagues_but_not_oneself(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    let bea = agent(&app, "bea@demo.local", Role::Agent).await;
    let sofia = agent(&app, "sofia@demo.local", Role::Supervisor).await;
    let mut a = Console::connect(&app, &ana, None).await;
    let mut b = Console::connect(&app, &bea, None).await;
    deliver(&app, &inbound("wamid.in-1", "34600000001", "hola")).await;
    let frames = a.until(is_conversation(None)).await;
    let Some(ServerFrame::Conversation { conversation, .. }) = frames.last() else {
        unreachable!()
    };
    let id = conversation.id;
    b.until(is_conversation(Some(id))).await;

    a.send(serde_json::json!({"type": "typing", "conversation_id": id}))
        .await;
    let got = b.until(|f| matches!(f, ServerFrame::Typing { .. })).await;
    assert_eq!(
        got.last(),
        Some(&ServerFrame::Typing {
            conversation_id: id,
            user_id: ana.id,
            name: "ana".into()
        })
    );
    // Bea answers in kind; Ana's feed reaches Bea's signal without Ana's own.
    b.send(serde_json::json!({"type": "typing", "conversation_id": id}))
        .await;
    let got = a.until(|f| matches!(f, ServerFrame::Typing { .. })).await;
    assert!(
        matches!(got.last(), Some(ServerFrame::Typing { user_id, .. }) if *user_id == bea.id),
        "never one's own typing: {got:?}"
    );
    // Typing about a conversation that does not exist goes nowhere.
    a.send(serde_json::json!({"type": "typing", "conversation_id": id + 1000}))
        .await;

    a.send(serde_json::json!({"type": "focus", "conversation_id": id}))
        .await;
    let got = b.until(|f| matches!(f, ServerFrame::Viewing(_))).await;
    assert_eq!(
        got.last(),
        Some(&ServerFrame::Viewing(ViewingEntry {
            user_id: ana.id,
            name: "ana".into(),
            conversation_id: Some(id)
        }))
    );
    assert!(
        !got.iter().any(|f| matches!(f, ServerFrame::Typing { .. })),
        "the bogus typing was dropped: {got:?}"
    );
    // A console opened now learns who looks at what from its hello.
    let mut s = Console::connect(&app, &sofia, None).await;
    let ServerFrame::Hello { viewing, .. } = &s.hello else {
        unreachable!()
    };
    assert!(
        viewing.contains(&ViewingEntry {
            user_id: ana.id,
            name: "ana".into(),
            conversation_id: Some(id)
        }),
        "{viewing:?}"
    );
    a.send(serde_json::json!({"type": "focus", "conversation_id": null}))
        .await;
    let got = s
        .until(|f| matches!(f, ServerFrame::Viewing(v) if v.user_id == ana.id))
        .await;
    assert_eq!(
        got.last(),
        Some(&ServerFrame::Viewing(ViewingEntry {
            user_id: ana.id,
            name: "ana".into(),
            conversation_id: None
        }))
    );
    // Bea types again: whatever the hub sent Ana before that, she has by then.
    b.send(serde_json::json!({"type": "typing", "conversation_id": id}))
        .await;
    let own = a.until(|f| matches!(f, ServerFrame::Typing { .. })).await;
    assert!(
        !own.iter()
            .any(|f| matches!(f, ServerFrame::Viewing(v) if v.user_id == ana.id)),
        "never one's own focus: {own:?}"
    );
}

async fn presence_follows_connections(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    let bea = agent(&app, "bea@demo.local", Role::Agent).await;
    let mut a = Console::connect(&app, &ana, None).await;
    // Her own "online" is in the hello when the hub took it in before she joined, else the
    // next frame (the socket is counted before it subscribes; either order is right).
    let ServerFrame::Hello { presence, .. } = &a.hello else {
        unreachable!()
    };
    let online_in_hello = presence
        .iter()
        .any(|p| p.user_id == ana.id && p.presence == Presence::Online);
    if !online_in_hello {
        a.until(is_presence(ana.id, Presence::Online)).await;
    }

    let b = Console::connect(&app, &bea, None).await;
    let ServerFrame::Hello { presence, .. } = &b.hello else {
        unreachable!()
    };
    assert!(
        presence.contains(&PresenceEntry {
            user_id: ana.id,
            name: "ana".into(),
            presence: Presence::Online
        }),
        "who is online comes with the hello: {presence:?}"
    );
    a.until(is_presence(bea.id, Presence::Online)).await;

    let mut b = b;
    b.send(serde_json::json!({"type": "presence", "presence": "away"}))
        .await;
    a.until(is_presence(bea.id, Presence::Away)).await;
    b.send(serde_json::json!({"type": "presence", "presence": "online"}))
        .await;
    a.until(is_presence(bea.id, Presence::Online)).await;

    b.close().await;
    a.until(is_presence(bea.id, Presence::Offline)).await;

    // A second tab keeps the agent online until the last one closes.
    let b1 = Console::connect(&app, &bea, None).await;
    a.until(is_presence(bea.id, Presence::Online)).await;
    let mut b2 = Console::connect(&app, &bea, None).await;
    b1.close().await;
    b2.send(serde_json::json!({"type": "presence", "presence": "away"}))
        .await;
    let mut got = a.until(is_presence(bea.id, Presence::Away)).await;
    got.pop();
    assert!(
        !got.iter()
            .any(|f| matches!(f, ServerFrame::Presence(p) if p.user_id == bea.id)),
        "closing one of two tabs changes nothing: {got:?}"
    );
    b2.close().await;
    a.until(is_presence(bea.id, Presence::Offline)).await;
}

//! The outbound worker against both databases, with Meta played by a scripted fake.

use crate::support;

use app::domain::message::{DeliveryStatus, MessageBody};
use app::domain::outbound::Outbound;
use app::domain::pacing::{Rate, MAX_ATTEMPTS};
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent, StatusUpdate};
use app::ssr::{NewOutbound, Store};
use server::outbound::{send_due, OutboundSettings, Pacer, Pass};
use server::whatsapp::graph::{
    Accepted, GraphError, MediaInfo, Recipient, TemplatePage, WhatsAppApi,
};
use std::collections::VecDeque;
use std::sync::Mutex;
use support::Db;

const T: i64 = 1_767_225_600_000;

/// One send as Meta saw it: recipient, text, the message it replies to, callback data.
type Sent = (Recipient, String, Option<String>, Option<String>);

/// Meta, scripted: each send takes the next answer (accepted when none is left).
#[derive(Default)]
struct ScriptedMeta {
    answers: Mutex<VecDeque<Result<(), GraphError>>>,
    sent: Mutex<Vec<Sent>>,
}

impl ScriptedMeta {
    fn answer(&self, answers: Vec<Result<(), GraphError>>) {
        self.answers.lock().expect("lock").extend(answers);
    }
    fn sends(&self) -> Vec<Sent> {
        self.sent.lock().expect("lock").clone()
    }
}

#[async_trait::async_trait]
impl WhatsAppApi for ScriptedMeta {
    async fn send(
        &self,
        to: &Recipient,
        message: &Outbound,
        reply_to: Option<&str>,
        callback: Option<&str>,
    ) -> Result<Accepted, GraphError> {
        let text = match message {
            Outbound::Text { body, .. } => body.clone(),
            other => format!("{other:?}"),
        };
        let mut sent = self.sent.lock().expect("lock");
        sent.push((
            to.clone(),
            text,
            reply_to.map(str::to_string),
            callback.map(str::to_string),
        ));
        let n = sent.len();
        match self.answers.lock().expect("lock").pop_front() {
            Some(Err(e)) => Err(e),
            _ => Ok(Accepted {
                wamid: format!("wamid.out-{n}"),
                message_status: Some("accepted".into()),
                wa_id: None,
            }),
        }
    }
    async fn mark_read(&self, _: &str, _: bool) -> Result<(), GraphError> {
        Ok(())
    }
    async fn upload_media(&self, _: Vec<u8>, _: &str, _: &str) -> Result<String, GraphError> {
        Err(GraphError::NotConfigured("media"))
    }
    async fn media_info(&self, _: &str) -> Result<MediaInfo, GraphError> {
        Err(GraphError::NotConfigured("media"))
    }
    async fn download(&self, _: &str, _: u64) -> Result<Vec<u8>, GraphError> {
        Err(GraphError::NotConfigured("media"))
    }
    async fn templates(&self, _: Option<&str>) -> Result<TemplatePage, GraphError> {
        Err(GraphError::NotConfigured("templates"))
    }
}

fn api_error(code: i64, http_status: u16) -> GraphError {
    GraphError::Api {
        http_status,
        code,
        subcode: None,
        title: format!("error {code}"),
        details: Some("details from Meta".into()),
        trace_id: None,
    }
}

/// A customer who wrote in, and the conversation to answer in.
async fn conversation(store: &dyn Store, wa_id: &str) -> i64 {
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: format!("wamid.in-{wa_id}"),
        from: ContactRef {
            wa_id: Some(wa_id.into()),
            ..ContactRef::default()
        },
        sent_at_ms: T,
        body: MessageBody::Text {
            body: "hola".into(),
        },
        context: Default::default(),
        referral: None,
        raw: "{}".into(),
    }));
    store.ingest(&[event], T).await.expect("ingest");
    store
        .message_by_wamid(&format!("wamid.in-{wa_id}"))
        .await
        .expect("read")
        .expect("in")
        .conversation_id
}

async fn queue(store: &dyn Store, conversation_id: i64, text: &str) -> i64 {
    store
        .insert_outbound(
            NewOutbound {
                conversation_id,
                outbound: Outbound::Text {
                    body: text.into(),
                    preview_url: false,
                },
                sender_user_id: None,
                reply_to: None,
                echo_id: None,
            },
            T,
        )
        .await
        .expect("queue")
        .id
}

async fn status_of(
    store: &dyn Store,
    conversation_id: i64,
) -> Vec<(String, Option<DeliveryStatus>)> {
    store
        .messages_of_conversation(conversation_id)
        .await
        .expect("read")
        .into_iter()
        .filter(|m| m.direction == app::ssr::Direction::Outbound)
        .map(|m| (m.body.preview(), m.status))
        .collect()
}

fn settings() -> OutboundSettings {
    OutboundSettings::default()
}

on_both_databases!(
    a_queued_reply_is_sent_once_with_its_callback,
    replies_to_one_customer_go_out_in_order,
    transient_refusals_are_retried_and_permanent_ones_recorded,
    retries_stop_after_the_last_attempt,
    a_restart_mid_send_never_sends_twice,
    an_unanswered_send_is_retried_after_the_grace_period,
    answers_that_may_hide_an_accepted_send_keep_it_in_doubt,
    the_pair_limit_holds_back_a_burst_without_losing_attempts,
);

async fn a_queued_reply_is_sent_once_with_its_callback(db: Db) {
    let (store, _dir) = support::store(db).await;
    let meta = ScriptedMeta::default();
    let conv = conversation(&*store, "34600000001").await;
    let id = queue(&*store, conv, "¡Hola!").await;
    let mut pacer = Pacer::new(settings(), T);
    let pass = send_due(&*store, &meta, &mut pacer, T).await.expect("pass");
    assert_eq!(
        pass,
        Pass {
            sent: 1,
            ..Pass::default()
        }
    );
    let again = send_due(&*store, &meta, &mut pacer, T + 1000)
        .await
        .expect("pass");
    assert_eq!(again, Pass::default(), "nothing left to send");
    let sends = meta.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].0, Recipient::Phone("34600000001".into()));
    assert_eq!(sends[0].3.as_deref(), Some(format!("buzon:{id}").as_str()));
    let message = store
        .message_by_wamid("wamid.out-1")
        .await
        .expect("read")
        .expect("sent");
    assert_eq!(message.status, Some(DeliveryStatus::Sent));
}

async fn replies_to_one_customer_go_out_in_order(db: Db) {
    let (store, _dir) = support::store(db).await;
    let meta = ScriptedMeta::default();
    let conv = conversation(&*store, "34600000001").await;
    queue(&*store, conv, "uno").await;
    queue(&*store, conv, "dos").await;
    queue(&*store, conv, "tres").await;
    // The first is refused for now: the others must wait behind it.
    meta.answer(vec![Err(api_error(130_429, 400))]);
    let mut pacer = Pacer::new(settings(), T);
    send_due(&*store, &meta, &mut pacer, T).await.expect("pass");
    assert_eq!(meta.sends().len(), 1);
    send_due(&*store, &meta, &mut pacer, T + 10)
        .await
        .expect("pass");
    assert_eq!(
        meta.sends().len(),
        1,
        "nothing overtakes the retried message"
    );
    let mut now = T + 60_000;
    for _ in 0..3 {
        send_due(&*store, &meta, &mut pacer, now)
            .await
            .expect("pass");
        now += 1000;
    }
    let texts: Vec<String> = meta.sends().into_iter().map(|s| s.1).collect();
    assert_eq!(texts, ["uno", "uno", "dos", "tres"]);
    assert!(status_of(&*store, conv)
        .await
        .iter()
        .all(|(_, s)| *s == Some(DeliveryStatus::Sent)));
}

async fn transient_refusals_are_retried_and_permanent_ones_recorded(db: Db) {
    let (store, _dir) = support::store(db).await;
    let meta = ScriptedMeta::default();
    let a = conversation(&*store, "34600000001").await;
    let b = conversation(&*store, "34600000002").await;
    queue(&*store, a, "reintento").await;
    queue(&*store, b, "plantilla inexistente").await;
    meta.answer(vec![
        Err(api_error(130_429, 400)),
        Err(api_error(132_001, 404)),
    ]);
    let mut pacer = Pacer::new(settings(), T);
    let pass = send_due(&*store, &meta, &mut pacer, T).await.expect("pass");
    assert_eq!(
        pass,
        Pass {
            retried: 1,
            failed: 1,
            ..Pass::default()
        }
    );
    let failed = &store.messages_of_conversation(b).await.expect("read")[1];
    assert_eq!(failed.status, Some(DeliveryStatus::Failed));
    let error = failed.error.as_ref().expect("Meta's error kept");
    assert_eq!(
        (error.code, error.title.as_str()),
        (132_001, "error 132001")
    );
    assert_eq!(error.details.as_deref(), Some("details from Meta"));

    let waiting = send_due(&*store, &meta, &mut pacer, T + 500)
        .await
        .expect("pass");
    assert_eq!(waiting, Pass::default(), "backing off");
    let later = send_due(&*store, &meta, &mut pacer, T + 60_000)
        .await
        .expect("pass");
    assert_eq!(later.sent, 1);
    assert_eq!(
        status_of(&*store, a).await,
        [("reintento".to_string(), Some(DeliveryStatus::Sent))]
    );
    let sent = &store.messages_of_conversation(a).await.expect("read")[1];
    assert_eq!(
        sent.error, None,
        "a retried send that went out shows no error"
    );
}

async fn retries_stop_after_the_last_attempt(db: Db) {
    let (store, _dir) = support::store(db).await;
    let meta = ScriptedMeta::default();
    let conv = conversation(&*store, "34600000001").await;
    queue(&*store, conv, "nunca").await;
    meta.answer((0..MAX_ATTEMPTS).map(|_| Err(api_error(2, 503))).collect());
    let mut pacer = Pacer::new(settings(), T);
    let mut now = T;
    for _ in 0..MAX_ATTEMPTS {
        send_due(&*store, &meta, &mut pacer, now)
            .await
            .expect("pass");
        now += 3_600_000;
    }
    assert_eq!(meta.sends().len() as u32, MAX_ATTEMPTS);
    assert_eq!(
        status_of(&*store, conv).await,
        [("nunca".to_string(), Some(DeliveryStatus::Failed))]
    );
    send_due(&*store, &meta, &mut pacer, now)
        .await
        .expect("pass");
    assert_eq!(
        meta.sends().len() as u32,
        MAX_ATTEMPTS,
        "a failed message is not sent again"
    );
}

async fn a_restart_mid_send_never_sends_twice(db: Db) {
    let (store, _dir) = support::store(db).await;
    let meta = ScriptedMeta::default();
    let conv = conversation(&*store, "34600000001").await;
    let id = queue(&*store, conv, "una sola vez").await;
    // The worker claims the message and Meta accepts it, then the process dies before the
    // answer is recorded.
    let claimed = store
        .claim_outbound(T, T - 300_000, 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);
    let lost_answer = meta
        .send(
            &Recipient::Phone("34600000001".into()),
            &claimed[0].outbound,
            None,
            Some(&format!("buzon:{id}")),
        )
        .await
        .expect("accepted");

    // After the restart: the message is in doubt, so nothing goes out.
    let mut pacer = Pacer::new(settings(), T + 1000);
    let pass = send_due(&*store, &meta, &mut pacer, T + 1000)
        .await
        .expect("pass");
    assert_eq!(pass, Pass::default());
    // Meta's status names the message through the callback data: the wamid is adopted.
    let sent = IngestEvent::Status(StatusUpdate {
        wamid: lost_answer.wamid.clone(),
        status: DeliveryStatus::Sent,
        at_ms: T + 2000,
        error: None,
        recipient: ContactRef {
            wa_id: Some("34600000001".into()),
            ..ContactRef::default()
        },
        callback: Some(format!("buzon:{id}")),
        pricing: None,
    });
    store.ingest(&[sent], T + 2000).await.expect("ingest");
    let message = store
        .message_by_wamid(&lost_answer.wamid)
        .await
        .expect("read")
        .expect("adopted");
    assert_eq!(message.id, id);
    assert_eq!(message.status, Some(DeliveryStatus::Sent));
    // Long after the grace period, still nothing is sent again.
    send_due(&*store, &meta, &mut pacer, T + 3_600_000)
        .await
        .expect("pass");
    assert_eq!(meta.sends().len(), 1, "sent exactly once");
}

async fn an_unanswered_send_is_retried_after_the_grace_period(db: Db) {
    let (store, _dir) = support::store(db).await;
    let meta = ScriptedMeta::default();
    let conv = conversation(&*store, "34600000001").await;
    queue(&*store, conv, "¿llegó?").await;
    meta.answer(vec![Err(GraphError::Transport("timed out".into()))]);
    let s = settings();
    let mut pacer = Pacer::new(s, T);
    assert_eq!(
        send_due(&*store, &meta, &mut pacer, T)
            .await
            .expect("pass")
            .retried,
        1
    );
    // The retry is due in seconds, but the send is in doubt until the grace period passes.
    send_due(&*store, &meta, &mut pacer, T + 60_000)
        .await
        .expect("pass");
    assert_eq!(meta.sends().len(), 1);
    let pass = send_due(&*store, &meta, &mut pacer, T + s.in_doubt_ms + 1)
        .await
        .expect("pass");
    assert_eq!(pass.sent, 1);
    assert_eq!(meta.sends().len(), 2);
}

/// Meta's 5xx, its 131000 and a success we could not read may each hide an accepted message:
/// none is sent again before the grace period (a status webhook would settle it sooner).
async fn answers_that_may_hide_an_accepted_send_keep_it_in_doubt(db: Db) {
    let (store, _dir) = support::store(db).await;
    let meta = ScriptedMeta::default();
    for (i, answer) in [
        api_error(1, 500),
        api_error(131_000, 400),
        GraphError::Decode("no messages[0].id in the answer".into()),
    ]
    .into_iter()
    .enumerate()
    {
        let conv = conversation(&*store, &format!("3460000010{i}")).await;
        queue(&*store, conv, "¿llegó?").await;
        meta.answer(vec![Err(answer)]);
    }
    let s = settings();
    let mut pacer = Pacer::new(s, T);
    let first = send_due(&*store, &meta, &mut pacer, T).await.expect("pass");
    assert_eq!((first.retried, first.failed), (3, 0), "{first:?}");
    let soon = send_due(&*store, &meta, &mut pacer, T + 60_000)
        .await
        .expect("pass");
    assert_eq!(soon, Pass::default(), "nothing is re-sent while in doubt");
    assert_eq!(meta.sends().len(), 3);
    let later = send_due(&*store, &meta, &mut pacer, T + s.in_doubt_ms + 1)
        .await
        .expect("pass");
    assert_eq!(later.sent, 3);
    assert_eq!(meta.sends().len(), 6);
}

async fn the_pair_limit_holds_back_a_burst_without_losing_attempts(db: Db) {
    let (store, _dir) = support::store(db).await;
    let meta = ScriptedMeta::default();
    let conv = conversation(&*store, "34600000001").await;
    for i in 0..3 {
        queue(&*store, conv, &format!("m{i}")).await;
    }
    let tight = OutboundSettings {
        pair: Rate {
            capacity: 2.0,
            per_second: 1.0,
        },
        ..settings()
    };
    let mut pacer = Pacer::new(tight, T);
    let mut now = T;
    let mut paced = 0;
    for _ in 0..6 {
        paced += send_due(&*store, &meta, &mut pacer, now)
            .await
            .expect("pass")
            .paced;
        now += 10;
    }
    assert_eq!(
        meta.sends().len(),
        2,
        "a burst of two, then the customer must wait"
    );
    assert!(paced >= 1);
    send_due(&*store, &meta, &mut pacer, T + 2_000)
        .await
        .expect("pass");
    assert_eq!(meta.sends().len(), 3);
    let all = store.messages_of_conversation(conv).await.expect("read");
    assert!(all
        .iter()
        .skip(1)
        .all(|m| m.status == Some(DeliveryStatus::Sent)));
}

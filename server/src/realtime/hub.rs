//! The hub: one per server process. It reads the store's change feed (every instance's writes
//! in PostgreSQL mode), loads each changed row once, numbers the frame, keeps the latest
//! [`JOURNAL_LEN`] for resuming consoles and hands it to every socket task through a
//! broadcast channel. A socket that falls behind that channel is told to resync: it never
//! holds anyone else up.

use app::domain::inbox::{AgentVisibility, Presence, Viewer};
use app::ssr::{Change, Store};
use app::wire::realtime::{PresenceEntry, ServerFrame, ViewingEntry};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::broadcast;

/// Frames kept for consoles that reconnect.
pub const JOURNAL_LEN: usize = 4096;
/// Frames a socket task may fall behind before it is told to resync.
const LIVE_CAPACITY: usize = 1024;
/// The team setting naming who sees which conversations.
pub const VISIBILITY_SETTING: &str = "agent_visibility";
/// Consoles one user may have open on one instance (tabs, devices): more is a runaway script.
pub const MAX_SOCKETS_PER_USER: usize = 20;
/// Who sees what when the setting cannot be read: the stricter rule, never "all".
const FAIL_CLOSED: AgentVisibility = AgentVisibility::OwnAndUnassigned;

/// One frame, serialised once for every socket.
#[derive(Debug)]
pub struct Outgoing {
    pub seq: Option<u64>,
    /// Who may receive it.
    pub audience: Audience,
    pub json: String,
    /// What viewers outside the audience get instead, if anything.
    pub instead: Option<String>,
    /// The frame with customers' numbers masked, for readers the team masks them for
    /// (`domain::masking`); `None` when the frame carries no number.
    pub masked: Option<String>,
    /// A presence frame's user and presence: a socket task follows its own user's (a
    /// supervisor may set them away).
    pub presence: Option<(i64, Presence)>,
    /// Not for the browser: tells socket tasks to look at their session.
    pub control: Option<Control>,
}

/// What socket tasks are told besides frames.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Control {
    /// This user's account changed (role, password, disabled): check the session now.
    Account(i64),
    /// This session (`auth::session_key`) was signed out: close.
    SignedOut(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    /// Those who may see a conversation with this assignee.
    Conversation {
        assignee: Option<i64>,
    },
    /// Everyone but this user (their own typing).
    AllBut(i64),
    /// Those who may see the conversation, but not the user themselves.
    ConversationBut {
        assignee: Option<i64>,
        user: i64,
    },
    /// Supervisors and admins (campaign figures).
    Supervisors,
    /// No browser (a [`Control`] for the socket tasks).
    Nobody,
}

impl Outgoing {
    /// What `viewer` gets of this frame under `policy`, with numbers masked when `masking`
    /// is on for them.
    pub fn for_viewer(
        &self,
        viewer: Viewer,
        policy: AgentVisibility,
        masking: bool,
    ) -> Option<&str> {
        let allowed = match self.audience {
            Audience::Everyone => true,
            Audience::Conversation { assignee } => viewer.can_see(policy, assignee),
            Audience::AllBut(user) => viewer.user_id != user,
            Audience::ConversationBut { assignee, user } => {
                viewer.user_id != user && viewer.can_see(policy, assignee)
            }
            Audience::Supervisors => viewer.role.at_least(app::domain::roles::Role::Supervisor),
            Audience::Nobody => return None,
        };
        if allowed {
            match &self.masked {
                Some(masked) if app::domain::masking::masks(masking, viewer.role) => Some(masked),
                _ => Some(&self.json),
            }
        } else {
            self.instead.as_deref()
        }
    }
}

#[derive(Default)]
struct Journal {
    seq: u64,
    recent: VecDeque<Arc<Outgoing>>,
}

#[derive(Clone, Debug)]
struct Person {
    name: String,
    presence: Presence,
    viewing: Option<i64>,
}

/// What a socket gets when it (re)connects.
pub struct Joined {
    pub hello: ServerFrame,
    /// Frames missed since the resume point, oldest first, when it could resume.
    pub missed: Vec<Arc<Outgoing>>,
    pub live: broadcast::Receiver<Arc<Outgoing>>,
}

pub struct Hub {
    store: Arc<dyn Store>,
    epoch: String,
    journal: Mutex<Journal>,
    live: broadcast::Sender<Arc<Outgoing>>,
    people: Mutex<HashMap<i64, Person>>,
    /// Sockets of each user on this instance.
    sockets: Mutex<HashMap<i64, usize>>,
    policy: RwLock<AgentVisibility>,
    /// Whether agents read numbers masked (Settings → Contact data).
    masking: RwLock<bool>,
    closing: tokio::sync::watch::Sender<bool>,
}

impl Hub {
    /// Creates the hub and starts reading the change feed.
    pub async fn start(store: Arc<dyn Store>) -> Arc<Hub> {
        let changes = store.changes();
        let (live, _) = broadcast::channel(LIVE_CAPACITY);
        let hub = Arc::new(Hub {
            store,
            epoch: format!("{:016x}", rand::random::<u64>()),
            journal: Mutex::default(),
            live,
            people: Mutex::default(),
            sockets: Mutex::default(),
            // Stricter until the setting is read.
            policy: RwLock::new(FAIL_CLOSED),
            // Masked until the setting is read, for the same reason.
            masking: RwLock::new(true),
            closing: tokio::sync::watch::channel(false).0,
        });
        hub.reload_policy().await;
        tokio::spawn(hub.clone().run(changes));
        hub
    }

    pub fn policy(&self) -> AgentVisibility {
        *self.policy.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn masking(&self) -> bool {
        *self.masking.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Tells every socket to close (the server is shutting down).
    pub fn close(&self) {
        let _ = self.closing.send(true);
    }

    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Reads who sees what. When the setting cannot be read, the stricter rule applies until
    /// it can (restricted agents must never see colleagues' conversations by accident).
    async fn reload_policy(&self) {
        let policy = match self.store.setting(VISIBILITY_SETTING).await {
            Ok(value) => value
                .as_deref()
                .and_then(AgentVisibility::parse)
                .unwrap_or_default(),
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the visibility setting; agents see only their own and unassigned conversations until it can be read");
                FAIL_CLOSED
            }
        };
        *self.policy.write().unwrap_or_else(|e| e.into_inner()) = policy;
        let stored = self
            .store
            .setting(app::domain::contacts::protection::SETTING)
            .await;
        let masking = match stored {
            Ok(value) => {
                app::domain::contacts::protection::ProtectionSettings::from_setting(
                    value.as_deref(),
                )
                .mask_numbers
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the masking setting; numbers stay masked for agents until it can be read");
                true
            }
        };
        *self.masking.write().unwrap_or_else(|e| e.into_inner()) = masking;
    }

    async fn run(self: Arc<Hub>, mut changes: broadcast::Receiver<Change>) {
        loop {
            let first = match changes.recv().await {
                Ok(change) => change,
                Err(broadcast::error::RecvError::Lagged(n)) => {
                    tracing::warn!(
                        missed = n,
                        "hub fell behind the change feed; consoles resync"
                    );
                    self.publish_resync();
                    continue;
                }
                Err(broadcast::error::RecvError::Closed) => return,
            };
            // Whatever queued up meanwhile is handled together: each row loaded once.
            let mut batch = vec![first];
            while batch.len() < 512 {
                match changes.try_recv() {
                    Ok(change) => batch.push(change),
                    Err(_) => break,
                }
            }
            self.apply(batch).await;
        }
    }

    async fn apply(&self, batch: Vec<Change>) {
        let mut messages: Vec<i64> = Vec::new();
        let mut conversations: Vec<i64> = Vec::new();
        for change in batch {
            match change {
                Change::Message { id } => messages.push(id),
                Change::Conversation { id } => conversations.push(id),
                Change::Settings => {
                    self.reload_policy().await;
                    self.publish_resync();
                }
                // Changes may have been missed, the visibility setting's among them.
                Change::Resync => {
                    self.reload_policy().await;
                    self.publish_resync();
                }
                Change::Account { user_id } => self.publish_control(Control::Account(user_id)),
                Change::SignedOut { session } => self.publish_control(Control::SignedOut(session)),
                Change::Campaign { id } => self.publish_campaign(id),
                Change::Labels => self.publish_numbered(Audience::Everyone, |seq| {
                    (ServerFrame::Labels { seq }, None)
                }),
                Change::Presence { user_id, presence } => self.presence(user_id, presence).await,
                Change::Typing {
                    user_id,
                    conversation_id,
                } => self.typing(user_id, conversation_id).await,
                Change::Viewing {
                    user_id,
                    conversation_id,
                } => self.viewing(user_id, conversation_id).await,
            }
        }
        dedup(&mut messages);
        dedup(&mut conversations);
        let mut assignees: HashMap<i64, Option<i64>> = HashMap::new();
        let mut summaries = Vec::new();
        for id in conversations {
            match self.store.conversation_summary(id).await {
                Ok(Some(summary)) => {
                    assignees.insert(summary.id, summary.assignee_id);
                    summaries.push(summary);
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(error = %e, conversation = id, "cannot load a changed conversation; consoles resync");
                    self.publish_resync();
                }
            }
        }
        for id in messages {
            let message = match self.store.message(id).await {
                Ok(Some(m)) => m,
                Ok(None) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, message = id, "cannot load a changed message; consoles resync");
                    self.publish_resync();
                    continue;
                }
            };
            let assignee = match assignees.get(&message.conversation_id) {
                Some(a) => *a,
                None => match self.store.conversation(message.conversation_id).await {
                    Ok(Some(c)) => {
                        assignees.insert(c.id, c.assignee_id);
                        c.assignee_id
                    }
                    _ => continue,
                },
            };
            let view = message.view();
            self.publish_numbered(Audience::Conversation { assignee }, |seq| {
                (
                    ServerFrame::Message {
                        seq,
                        message: Box::new(view),
                    },
                    None,
                )
            });
        }
        for summary in summaries {
            let id = summary.id;
            let assignee = summary.assignee_id;
            let masked = app::ssr::contacts::Numbers { masked: true }.summary(summary.clone());
            self.publish_numbered_masked(
                Audience::Conversation { assignee },
                |seq| {
                    (
                        ServerFrame::Conversation {
                            seq,
                            conversation: Box::new(summary),
                        },
                        Some(ServerFrame::ConversationHidden { seq, id }),
                    )
                },
                move |seq| ServerFrame::Conversation {
                    seq,
                    conversation: Box::new(masked),
                },
            );
        }
    }

    fn publish_numbered(
        &self,
        audience: Audience,
        frame: impl FnOnce(u64) -> (ServerFrame, Option<ServerFrame>),
    ) {
        self.publish_numbered_with(audience, frame, None::<fn(u64) -> ServerFrame>);
    }

    /// [`Self::publish_numbered`] for a frame that carries customers' numbers: `masked` is
    /// what readers who read them masked get.
    fn publish_numbered_masked(
        &self,
        audience: Audience,
        frame: impl FnOnce(u64) -> (ServerFrame, Option<ServerFrame>),
        masked: impl FnOnce(u64) -> ServerFrame,
    ) {
        self.publish_numbered_with(audience, frame, Some(masked));
    }

    fn publish_numbered_with(
        &self,
        audience: Audience,
        frame: impl FnOnce(u64) -> (ServerFrame, Option<ServerFrame>),
        masked: Option<impl FnOnce(u64) -> ServerFrame>,
    ) {
        let mut journal = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        journal.seq += 1;
        let (visible, instead) = frame(journal.seq);
        let outgoing = Arc::new(Outgoing {
            seq: Some(journal.seq),
            audience,
            json: encode(&visible),
            instead: instead.as_ref().map(encode),
            masked: masked.map(|m| encode(&m(journal.seq))),
            presence: None,
            control: None,
        });
        if journal.recent.len() == JOURNAL_LEN {
            journal.recent.pop_front();
        }
        journal.recent.push_back(outgoing.clone());
        // Sent under the lock so that sockets see frames in sequence order.
        let _ = self.live.send(outgoing);
    }

    fn publish(&self, audience: Audience, frame: &ServerFrame) {
        let _ = self.live.send(Arc::new(Outgoing {
            seq: None,
            audience,
            json: encode(frame),
            instead: None,
            masked: None,
            presence: None,
            control: None,
        }));
    }

    /// A campaign's figures moved: not numbered (a missed one costs nothing, the screen
    /// reloads the figures on reconnect).
    fn publish_campaign(&self, id: i64) {
        let _ = self.live.send(Arc::new(Outgoing {
            seq: None,
            audience: Audience::Supervisors,
            json: encode(&ServerFrame::Campaign { id }),
            instead: None,
            masked: None,
            presence: None,
            control: None,
        }));
    }

    fn publish_control(&self, control: Control) {
        let _ = self.live.send(Arc::new(Outgoing {
            seq: None,
            audience: Audience::Nobody,
            json: String::new(),
            instead: None,
            masked: None,
            presence: None,
            control: Some(control),
        }));
    }

    fn publish_resync(&self) {
        // Everything before is void: a resuming console must reload too. The sequence moves
        // on, so a console that saw the last number before this resync cannot resume past it.
        let mut journal = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        journal.seq += 1;
        journal.recent.clear();
        let _ = self.live.send(Arc::new(Outgoing {
            seq: None,
            audience: Audience::Everyone,
            json: encode(&ServerFrame::Resync),
            instead: None,
            masked: None,
            presence: None,
            control: None,
        }));
    }

    async fn name_of(&self, user_id: i64) -> Option<String> {
        if let Some(p) = self.people_lock().get(&user_id) {
            return Some(p.name.clone());
        }
        match self.store.user_by_id(user_id).await {
            Ok(Some(user)) => Some(user.name),
            _ => None,
        }
    }

    fn people_lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Person>> {
        self.people.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn presence(&self, user_id: i64, wanted: Presence) {
        let Some(name) = self.name_of(user_id).await else {
            return;
        };
        {
            let mut people = self.people_lock();
            let current = people.get(&user_id).map(|p| p.presence);
            if Presence::after(current, wanted) != wanted {
                return; // set away after they left: they stay offline
            }
            let person = people.entry(user_id).or_insert(Person {
                name: name.clone(),
                presence: wanted,
                viewing: None,
            });
            person.presence = wanted;
            if wanted == Presence::Offline {
                person.viewing = None;
            }
        }
        let frame = ServerFrame::Presence(PresenceEntry {
            user_id,
            name,
            presence: wanted,
        });
        let _ = self.live.send(Arc::new(Outgoing {
            seq: None,
            audience: Audience::Everyone,
            json: encode(&frame),
            instead: None,
            masked: None,
            presence: Some((user_id, wanted)),
            control: None,
        }));
    }

    async fn assignee_of(&self, conversation_id: i64) -> Option<Option<i64>> {
        match self.store.conversation(conversation_id).await {
            Ok(Some(c)) => Some(c.assignee_id),
            _ => None,
        }
    }

    async fn typing(&self, user_id: i64, conversation_id: i64) {
        let (Some(name), Some(assignee)) = (
            self.name_of(user_id).await,
            self.assignee_of(conversation_id).await,
        ) else {
            return;
        };
        self.publish(
            Audience::ConversationBut {
                assignee,
                user: user_id,
            },
            &ServerFrame::Typing {
                conversation_id,
                user_id,
                name,
            },
        );
    }

    async fn viewing(&self, user_id: i64, conversation_id: Option<i64>) {
        let Some(name) = self.name_of(user_id).await else {
            return;
        };
        let assignee = match conversation_id {
            Some(id) => match self.assignee_of(id).await {
                Some(a) => Some(a),
                None => return,
            },
            None => None,
        };
        if let Some(p) = self.people_lock().get_mut(&user_id) {
            p.viewing = conversation_id;
        }
        let frame = ServerFrame::Viewing(ViewingEntry {
            user_id,
            name,
            conversation_id,
        });
        let audience = match assignee {
            Some(assignee) => Audience::ConversationBut {
                assignee,
                user: user_id,
            },
            None => Audience::AllBut(user_id),
        };
        self.publish(audience, &frame);
    }

    /// A console connected for `viewer`. `resume` is the `(epoch, seq)` it saw last.
    pub fn join(&self, viewer: Viewer, resume: Option<(&str, u64)>) -> Joined {
        let policy = self.policy();
        // Subscribe before reading the journal: nothing falls between the two.
        let live = self.live.subscribe();
        let journal = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        let seq = journal.seq;
        let missed = match resume {
            Some((epoch, last)) if epoch == self.epoch && last <= seq => {
                let oldest = journal
                    .recent
                    .front()
                    .and_then(|f| f.seq)
                    .unwrap_or(seq + 1);
                // Resumable when nothing between `last` and the oldest kept frame was dropped.
                (last + 1 >= oldest || last == seq).then(|| {
                    journal
                        .recent
                        .iter()
                        .filter(|f| f.seq.is_some_and(|s| s > last))
                        .cloned()
                        .collect::<Vec<_>>()
                })
            }
            _ => None,
        };
        drop(journal);
        let people = self.people_lock();
        let presence = people
            .iter()
            .map(|(&user_id, p)| PresenceEntry {
                user_id,
                name: p.name.clone(),
                presence: p.presence,
            })
            .collect();
        // Who views which conversation is shown only where the conversation may be seen;
        // restricted agents get no names on conversations they cannot open.
        let viewing = people
            .iter()
            .filter(|(&user_id, p)| {
                user_id != viewer.user_id && p.viewing.is_some() && !viewer.restricted(policy)
            })
            .map(|(&user_id, p)| ViewingEntry {
                user_id,
                name: p.name.clone(),
                conversation_id: p.viewing,
            })
            .collect();
        drop(people);
        Joined {
            hello: ServerFrame::Hello {
                epoch: self.epoch.clone(),
                seq,
                resumed: missed.is_some(),
                presence,
                viewing,
                server_time_ms: app::ssr::now_ms(),
            },
            missed: missed.unwrap_or_default(),
            live,
        }
    }

    /// Counts a socket of `user_id` about to open on this instance, unless they already have
    /// [`MAX_SOCKETS_PER_USER`]. The slot counts until it is dropped (when the socket ends, or
    /// if the upgrade never completes); the first socket brings them online, the last one
    /// takes them offline.
    pub fn reserve_socket(self: &Arc<Self>, user_id: i64) -> Option<SocketSlot> {
        let first = {
            let mut sockets = self.sockets.lock().unwrap_or_else(|e| e.into_inner());
            let count = sockets.entry(user_id).or_insert(0);
            if *count >= MAX_SOCKETS_PER_USER {
                return None;
            }
            *count += 1;
            *count == 1
        };
        Some(SocketSlot {
            hub: self.clone(),
            user_id,
            first,
        })
    }

    fn release_socket(self: &Arc<Self>, user_id: i64) {
        let last = {
            let mut sockets = self.sockets.lock().unwrap_or_else(|e| e.into_inner());
            match sockets.get_mut(&user_id) {
                Some(count) if *count > 1 => {
                    *count -= 1;
                    false
                }
                _ => {
                    sockets.remove(&user_id);
                    true
                }
            }
        };
        if last {
            let hub = self.clone();
            tokio::spawn(async move {
                hub.signal(Change::Viewing {
                    user_id,
                    conversation_id: None,
                })
                .await;
                hub.signal(Change::Presence {
                    user_id,
                    presence: Presence::Offline,
                })
                .await;
            });
        }
    }

    /// Publishes an unstored change to every instance.
    pub async fn signal(&self, change: Change) {
        if let Err(e) = self.store.signal(change).await {
            tracing::warn!(error = %e, "cannot publish a live signal");
        }
    }
}

/// One counted socket of a user (see [`Hub::reserve_socket`]).
pub struct SocketSlot {
    hub: Arc<Hub>,
    user_id: i64,
    first: bool,
}

impl SocketSlot {
    /// Announces the user online if this is their first socket here.
    pub async fn opened(&self) {
        if self.first {
            self.hub
                .signal(Change::Presence {
                    user_id: self.user_id,
                    presence: Presence::Online,
                })
                .await;
        }
    }
}

impl Drop for SocketSlot {
    fn drop(&mut self) {
        self.hub.release_socket(self.user_id);
    }
}

fn dedup(ids: &mut Vec<i64>) {
    ids.sort_unstable();
    ids.dedup();
}

fn encode(frame: &ServerFrame) -> String {
    // Our own plain types always serialise.
    serde_json::to_string(frame).unwrap_or_else(|_| r#"{"type":"resync"}"#.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::roles::Role;

    fn frame(audience: Audience) -> Outgoing {
        Outgoing {
            seq: Some(1),
            audience,
            json: "visible".into(),
            instead: Some("hidden".into()),
            masked: Some("masked".into()),
            presence: None,
            control: None,
        }
    }

    #[test]
    fn masked_frames_go_to_agents_only_when_masking_is_on() {
        let viewer = |role| Viewer { user_id: 1, role };
        let f = frame(Audience::Conversation { assignee: None });
        let all = AgentVisibility::All;
        assert_eq!(f.for_viewer(viewer(Role::Agent), all, true), Some("masked"));
        assert_eq!(
            f.for_viewer(viewer(Role::Agent), all, false),
            Some("visible")
        );
        assert_eq!(
            f.for_viewer(viewer(Role::Supervisor), all, true),
            Some("visible")
        );
        assert_eq!(
            f.for_viewer(viewer(Role::Admin), all, true),
            Some("visible")
        );
    }

    #[test]
    fn frames_follow_the_visibility_rules() {
        let agent = Viewer {
            user_id: 1,
            role: Role::Agent,
        };
        let strict = AgentVisibility::OwnAndUnassigned;
        let other = frame(Audience::Conversation { assignee: Some(2) });
        assert_eq!(other.for_viewer(agent, strict, false), Some("hidden"));
        assert_eq!(
            other.for_viewer(agent, AgentVisibility::All, false),
            Some("visible")
        );
        let own = frame(Audience::ConversationBut {
            assignee: None,
            user: 1,
        });
        assert_eq!(
            own.for_viewer(agent, strict, false),
            Some("hidden"),
            "not my own typing"
        );
    }
}

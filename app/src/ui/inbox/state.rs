//! The console's state: the list, the open conversation, who is where. Live frames from the
//! websocket and answers from server functions both land here, through the same methods.

use crate::api::inbox::{cursor_of, list_conversations, open_conversation, view_counts};
use crate::domain::inbox::{Presence, TYPING_SHOWN_MS};
use crate::error::AppError;
use crate::wire::inbox::{
    ConversationDetail, ConversationSummary, Cursor, InboxCounts, InboxFilter, LabelView,
    MessageView,
};
use crate::wire::realtime::ServerFrame;
use leptos::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum Link {
    Connecting,
    Live,
    Down,
}

/// A message the agent sent that the server has not confirmed yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub echo_id: String,
    pub conversation_id: i64,
    pub text: String,
    pub note: bool,
    pub error: Option<AppError>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Typist {
    pub user_id: i64,
    pub name: String,
    pub conversation_id: i64,
    pub until_ms: i64,
}

#[derive(Clone, Copy)]
pub struct Console {
    pub me: i64,
    pub filter: RwSignal<InboxFilter>,
    pub rows: RwSignal<Vec<ConversationSummary>>,
    pub next: RwSignal<Option<Cursor>>,
    pub list_error: RwSignal<Option<AppError>>,
    pub list_loading: RwSignal<bool>,
    pub counts: RwSignal<InboxCounts>,
    pub selected: RwSignal<Option<i64>>,
    pub detail: RwSignal<Option<ConversationDetail>>,
    pub messages: RwSignal<Vec<MessageView>>,
    pub more: RwSignal<bool>,
    pub thread_error: RwSignal<Option<AppError>>,
    /// Why the last action on the open conversation (take, assign, snooze, resolve, by
    /// button or shortcut) did not happen.
    pub action_problem: RwSignal<Option<AppError>>,
    pub pending: RwSignal<Vec<Pending>>,
    pub presence: RwSignal<HashMap<i64, (String, Presence)>>,
    pub viewing: RwSignal<HashMap<i64, (String, Option<i64>)>>,
    pub typing: RwSignal<Vec<Typist>>,
    pub link: RwSignal<Link>,
    pub now: RwSignal<i64>,
    /// The team's "window closing soon" threshold.
    pub warning_ms: RwSignal<i64>,
    /// The team's ownership rule: only the assignee (or a supervisor) writes to the customer.
    pub owner_only: RwSignal<bool>,
    /// The bot is on (a conversation may be handed back to it).
    pub bot_enabled: RwSignal<bool>,
    pub my_presence: RwSignal<Presence>,
    pub help_open: RwSignal<bool>,
    /// The contact panel as a drawer (screens narrower than 1280 px show it on demand).
    pub contact_open: RwSignal<bool>,
    /// The "New conversation" dialog is open.
    pub new_conversation: RwSignal<bool>,
    pub notify: RwSignal<bool>,
    /// Bumped to ask the composer to take the focus (`true`: as a note).
    pub focus_composer: RwSignal<Option<bool>>,
    /// The team's labels: the list's filter and the thread's picker share them.
    pub labels: RwSignal<Vec<LabelView>>,
    /// Whether the thread's label picker is open (the `l` key opens it).
    pub label_picker: RwSignal<bool>,
    counts_due: RwSignal<bool>,
    /// Messages that arrived live while the open conversation was loading: the loaded thread
    /// may have been read before them, so they are applied again on top of it.
    loading: StoredValue<ThreadLoads>,
}

/// Thread loads in flight, and the live messages that came meanwhile.
#[derive(Default)]
struct ThreadLoads {
    in_flight: u32,
    arrived: Vec<MessageView>,
}

impl Console {
    /// Runs a task of the inbox screen: what is left of it after an `await` is dropped once
    /// the agent has left the screen (its signals are gone).
    pub fn spawn(self, task: impl std::future::Future<Output = ()> + 'static) {
        crate::ui::task::spawn_while(self.rows, task);
    }

    pub fn new(me: i64) -> Console {
        Console {
            me,
            filter: RwSignal::new(InboxFilter::default()),
            rows: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            list_error: RwSignal::new(None),
            list_loading: RwSignal::new(false),
            counts: RwSignal::new(InboxCounts::default()),
            selected: RwSignal::new(None),
            detail: RwSignal::new(None),
            messages: RwSignal::new(Vec::new()),
            more: RwSignal::new(false),
            thread_error: RwSignal::new(None),
            action_problem: RwSignal::new(None),
            pending: RwSignal::new(Vec::new()),
            presence: RwSignal::new(HashMap::new()),
            viewing: RwSignal::new(HashMap::new()),
            typing: RwSignal::new(Vec::new()),
            link: RwSignal::new(Link::Connecting),
            now: RwSignal::new(now_ms()),
            warning_ms: RwSignal::new(crate::domain::window::DEFAULT_WARNING_MS),
            owner_only: RwSignal::new(true),
            bot_enabled: RwSignal::new(false),
            my_presence: RwSignal::new(Presence::Online),
            help_open: RwSignal::new(false),
            contact_open: RwSignal::new(false),
            new_conversation: RwSignal::new(false),
            notify: RwSignal::new(false),
            focus_composer: RwSignal::new(None),
            labels: RwSignal::new(Vec::new()),
            label_picker: RwSignal::new(false),
            counts_due: RwSignal::new(false),
            loading: StoredValue::new(ThreadLoads::default()),
        }
    }

    /// The team's console settings (reloaded after a resync: a change causes one).
    pub fn load_settings(self) {
        self.spawn(async move {
            if let Ok(settings) = crate::api::settings::console_settings().await {
                self.warning_ms
                    .set(settings.window_warning_minutes.max(1) * 60_000);
                self.owner_only.set(settings.owner_only_replies);
                self.bot_enabled.set(settings.bot_enabled);
            }
        });
    }

    /// The team's labels (again after a label changed: a `labels` frame).
    pub fn load_labels(self) {
        // Several loads can be in flight (a resync and a `labels` frame): only the latest
        // one's answer counts, or a slow older answer would bring back a stale list.
        let asked = LABELS_ASKED.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        self.spawn(async move {
            let labels = crate::api::inbox::labels().await;
            if LABELS_ASKED.with(std::cell::Cell::get) != asked {
                return;
            }
            if let Ok(labels) = labels {
                // Filtering by a label that was just deleted would show nothing, forever.
                let gone = self.filter.with_untracked(|f| {
                    f.label_id
                        .is_some_and(|id| !labels.iter().any(|l| l.id == id))
                });
                self.labels.set(labels);
                if gone {
                    self.filter.update(|f| f.label_id = None);
                    self.reload_list();
                }
            }
        });
    }

    /// Loads the first page of the current view.
    pub fn reload_list(self) {
        let filter = self.filter.get_untracked();
        self.list_loading.set(true);
        self.spawn(async move {
            let result = list_conversations(filter.clone(), None).await;
            // A newer filter may have been chosen meanwhile.
            if self.filter.get_untracked() != filter {
                return;
            }
            self.list_loading.set(false);
            match result {
                Ok(page) => {
                    self.rows.set(page.rows);
                    self.next.set(page.next);
                    self.list_error.set(None);
                }
                Err(e) => self.list_error.set(Some(e)),
            }
        });
        self.refresh_counts();
    }

    pub fn load_more(self) {
        let Some(after) = self.next.get_untracked() else {
            return;
        };
        let filter = self.filter.get_untracked();
        self.list_loading.set(true);
        self.spawn(async move {
            let result = list_conversations(filter.clone(), Some(after)).await;
            self.list_loading.set(false);
            if self.filter.get_untracked() != filter {
                return;
            }
            match result {
                Ok(page) => {
                    self.rows.update(|rows| {
                        for row in page.rows {
                            if !rows.iter().any(|r| r.id == row.id) {
                                rows.push(row);
                            }
                        }
                    });
                    self.next.set(page.next);
                }
                Err(e) => self.list_error.set(Some(e)),
            }
        });
    }

    /// Counts are asked for at most every 2 seconds, however busy the number is.
    pub fn refresh_counts(self) {
        if self.counts_due.get_untracked() {
            return;
        }
        self.counts_due.set(true);
        set_timeout(
            move || {
                if self.counts_due.is_disposed() {
                    return; // the agent left the inbox meanwhile
                }
                self.counts_due.set(false);
                self.spawn(async move {
                    if let Ok(counts) = view_counts().await {
                        self.counts.set(counts);
                    }
                });
            },
            std::time::Duration::from_secs(2),
        );
    }

    pub fn open(self, id: i64) {
        self.selected.set(Some(id));
        self.thread_error.set(None);
        self.action_problem.set(None);
        if self
            .detail
            .with_untracked(|d| d.as_ref().map(|d| d.summary.id))
            != Some(id)
        {
            self.detail.set(None);
            self.messages.set(Vec::new());
        }
        super::socket::send(&crate::wire::realtime::ClientFrame::Focus {
            conversation_id: Some(id),
        });
        self.loading.update_value(|l| l.in_flight += 1);
        self.spawn(async move {
            let loaded = open_conversation(id).await;
            let arrived = self
                .loading
                .try_update_value(|l| {
                    l.in_flight = l.in_flight.saturating_sub(1);
                    if l.in_flight == 0 {
                        std::mem::take(&mut l.arrived)
                    } else {
                        l.arrived.clone()
                    }
                })
                .unwrap_or_default();
            match loaded {
                Ok(detail) => {
                    if self.selected.get_untracked() != Some(id) {
                        return;
                    }
                    self.messages.set(detail.thread.messages.clone());
                    // A download finished or a tick came while the thread was read: keep it.
                    for message in arrived {
                        let behind = self.messages.with_untracked(|list| {
                            list.iter()
                                .find(|m| m.id == message.id)
                                .is_some_and(|loaded| loaded.progress() > message.progress())
                        });
                        if !behind {
                            self.upsert_message(message);
                        }
                    }
                    self.more.set(detail.thread.more);
                    let summary = detail.summary.clone();
                    self.detail.set(Some(detail));
                    self.upsert_row(summary);
                }
                Err(e) => self.thread_error.set(Some(e)),
            }
        });
    }

    pub fn close(self) {
        self.selected.set(None);
        self.detail.set(None);
        self.messages.set(Vec::new());
        super::socket::send(&crate::wire::realtime::ClientFrame::Focus {
            conversation_id: None,
        });
    }

    /// Reloads everything on screen (after a gap in the live frames).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub fn resync(self) {
        self.load_settings();
        self.load_labels();
        self.reload_list();
        if let Some(id) = self.selected.get_untracked() {
            self.open(id);
        }
    }

    /// Puts a changed conversation where the current view wants it, or takes it out.
    fn upsert_row(self, row: ConversationSummary) {
        let filter = self.filter.get_untracked();
        let belongs = filter.view.contains(row.status, row.assignee_id, self.me)
            && filter
                .label_id
                .is_none_or(|l| row.labels.iter().any(|x| x.id == l))
            && match filter.assignee {
                None => true,
                Some(crate::wire::inbox::AssigneeFilter::Nobody) => row.assignee_id.is_none(),
                Some(crate::wire::inbox::AssigneeFilter::User(u)) => row.assignee_id == Some(u),
            }
            && filter.window.is_none_or(|w| {
                w.matches(
                    row.last_inbound_at_ms,
                    self.now.get_untracked(),
                    self.warning_ms.get_untracked(),
                )
            });
        let searching = filter
            .search
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
        self.rows.update(|rows| {
            let at = rows.iter().position(|r| r.id == row.id);
            match (at, belongs) {
                (Some(i), true) => rows[i] = row,
                (Some(i), false) => {
                    rows.remove(i);
                }
                // Search results are the server's to decide; live rows join only outside one.
                (None, true) if !searching => rows.push(row),
                _ => return,
            }
            let asc = filter.ascending();
            rows.sort_by(|a, b| {
                let (ka, kb) = (cursor_of(a, &filter), cursor_of(b, &filter));
                let order = (ka.key, ka.id).cmp(&(kb.key, kb.id));
                if asc {
                    order
                } else {
                    order.reverse()
                }
            });
        });
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub fn apply(self, frame: ServerFrame) {
        match frame {
            ServerFrame::Hello {
                resumed,
                presence,
                viewing,
                server_time_ms,
                ..
            } => {
                if server_time_ms > 0 {
                    let browser = now_ms() - CLOCK_OFFSET_MS.with(std::cell::Cell::get);
                    CLOCK_OFFSET_MS.with(|c| c.set(server_time_ms - browser));
                    self.now.set(now_ms());
                }
                self.link.set(Link::Live);
                self.presence.set(
                    presence
                        .into_iter()
                        .map(|p| (p.user_id, (p.name, p.presence)))
                        .collect(),
                );
                self.viewing.set(
                    viewing
                        .into_iter()
                        .map(|v| (v.user_id, (v.name, v.conversation_id)))
                        .collect(),
                );
                if !resumed {
                    self.resync();
                }
                // Tell colleagues where we are again after a reconnect.
                super::socket::send(&crate::wire::realtime::ClientFrame::Focus {
                    conversation_id: self.selected.get_untracked(),
                });
                if self.my_presence.get_untracked() == Presence::Away {
                    super::socket::send(&crate::wire::realtime::ClientFrame::Presence {
                        presence: Presence::Away,
                    });
                }
            }
            ServerFrame::Conversation { conversation, .. } => {
                let row = *conversation;
                let before = self
                    .rows
                    .with_untracked(|rows| rows.iter().find(|r| r.id == row.id).map(|r| r.unread));
                let open = self.selected.get_untracked() == Some(row.id);
                let contact_moved = open
                    && self.detail.with_untracked(|d| {
                        d.as_ref()
                            .is_some_and(|d| d.summary.contact_changed != row.contact_changed)
                    });
                if contact_moved {
                    // Consent or reachability changed: the panel shows the new state and history.
                    let id = row.id;
                    self.spawn(async move {
                        if let Ok(fresh) = crate::api::inbox::conversation_contact(id).await {
                            self.detail.update(|d| {
                                if let Some(d) = d.as_mut().filter(|d| d.summary.id == id) {
                                    d.contact = fresh;
                                }
                            });
                        }
                    });
                }
                if open {
                    self.detail.update(|d| {
                        if let Some(d) = d {
                            d.labels = row.labels.clone();
                            d.summary = row.clone();
                        }
                    });
                }
                let grew = row.unread > before.unwrap_or(0);
                if grew && !row.last_outbound {
                    self.alert(&row, open);
                }
                // Read as it arrives when the agent has it open in a visible tab.
                if open && row.unread > 0 && tab_visible() {
                    let id = row.id;
                    self.spawn(async move {
                        let _ = crate::api::inbox::mark_read(id).await;
                    });
                }
                self.upsert_row(row);
                self.refresh_counts();
            }
            ServerFrame::ConversationHidden { id, .. } => {
                self.rows.update(|rows| rows.retain(|r| r.id != id));
                if self.selected.get_untracked() == Some(id) {
                    self.close();
                    self.thread_error.set(Some(AppError::NotYours));
                }
                self.refresh_counts();
            }
            ServerFrame::Message { message, .. } => {
                let message = *message;
                let shown = self
                    .detail
                    .with_untracked(|d| d.as_ref().map(|d| d.contact.id))
                    == Some(message.contact_id);
                if let Some(echo) = &message.echo_id {
                    self.pending.update(|p| p.retain(|x| &x.echo_id != echo));
                }
                if shown {
                    self.upsert_message(message);
                }
            }
            ServerFrame::Presence(p) => {
                if p.user_id == self.me {
                    super::presence_set_elsewhere(self, p.presence);
                }
                self.presence.update(|map| {
                    map.insert(p.user_id, (p.name, p.presence));
                });
            }
            ServerFrame::Typing {
                conversation_id,
                user_id,
                name,
            } => {
                let until_ms = now_ms() + TYPING_SHOWN_MS;
                self.typing.update(|t| {
                    t.retain(|x| x.user_id != user_id);
                    t.push(Typist {
                        user_id,
                        name,
                        conversation_id,
                        until_ms,
                    });
                });
            }
            ServerFrame::Viewing(v) => self.viewing.update(|map| {
                map.insert(v.user_id, (v.name, v.conversation_id));
            }),
            // A rename or delete shows on every row carrying the label: the labels, the rows
            // and the thread are reloaded rather than announced one conversation at a time.
            ServerFrame::Labels { .. } => self.resync(),
            ServerFrame::Resync => self.resync(),
            ServerFrame::Pong | ServerFrame::Campaign { .. } => {}
        }
    }

    pub fn upsert_message(self, message: MessageView) {
        self.loading.update_value(|l| {
            if l.in_flight > 0 {
                l.arrived.push(message.clone());
            }
        });
        // A colleague's new message ends their "typing".
        if let Some(author) = message.sender_user_id {
            self.typing.update(|t| t.retain(|x| x.user_id != author));
        }
        self.messages
            .update(|list| match list.iter().position(|m| m.id == message.id) {
                Some(i) => list[i] = message,
                None => {
                    let at = list.partition_point(|m| m.id < message.id);
                    list.insert(at, message);
                }
            });
    }

    /// Browser notification and sound for a customer's new message in Mine or the Queue.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn alert(self, row: &ConversationSummary, open: bool) {
        let mine_or_queue = row.status == crate::domain::inbox::ConversationStatus::Open
            && (row.assignee_id.is_none() || row.assignee_id == Some(self.me))
            && !row.blocked;
        if mine_or_queue && self.notify.get_untracked() {
            super::socket::notify(&row.contact_name, &row.last_preview, open);
        }
    }

    /// Names of colleagues typing in conversation `id`, now.
    pub fn typists(self, id: i64) -> Vec<String> {
        let now = self.now.get();
        self.typing.with(|t| {
            t.iter()
                .filter(|x| x.conversation_id == id && x.until_ms > now && x.user_id != self.me)
                .map(|x| x.name.clone())
                .collect()
        })
    }

    /// Names of colleagues with conversation `id` open.
    pub fn viewers(self, id: i64) -> Vec<String> {
        self.viewing.with(|v| {
            v.iter()
                .filter(|(user, (_, c))| **user != self.me && *c == Some(id))
                .map(|(_, (name, _))| name.clone())
                .collect()
        })
    }
}

/// Whether the console's tab is the one on screen.
fn tab_visible() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .map(|d| !d.hidden())
            .unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

thread_local! {
    /// How far the server's clock is ahead of the browser's (learnt from `hello`).
    static CLOCK_OFFSET_MS: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
    /// Label loads asked for so far (see `Console::load_labels`).
    static LABELS_ASKED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Milliseconds since the epoch on the server's clock: the browser's clock corrected by what
/// the server said in `hello`, so a browser whose clock is off still shows the true window.
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64 + CLOCK_OFFSET_MS.with(std::cell::Cell::get)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or_default()
    }
}

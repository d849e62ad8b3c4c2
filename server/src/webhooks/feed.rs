//! The feed: turns what happened into deliveries. It follows the event log (conversation
//! events) and the messages table (`message.created`) with cursors kept in the settings
//! table, and the change feed for delivery statuses (`message.updated`).
//!
//! Each event has a key (`event:17`, `message.created:42`, `message.updated:42:read`) and the
//! store adds a delivery only once per endpoint and key. That lets the feed re-read the last
//! ids behind each cursor on every pass: PostgreSQL ids can become visible out of order (a
//! transaction that took id 41 may commit after the one that took 42).

use super::{payload, WebhookSettings};
use crate::rest::types::status_name;
use app::domain::integrations::webhooks::EventType;
use app::domain::message::{DeliveryStatus, MessageBody};
use app::domain::reports::Event;
use app::ssr::{
    now_ms, Change, ConversationRow, Direction, MessageRecord, NewDelivery, Store, StoreError,
    WebhookRecord,
};
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::Arc;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::sync::{broadcast, Notify};

pub const EVENTS_CURSOR: &str = "webhooks.events_cursor";
pub const MESSAGES_CURSOR: &str = "webhooks.messages_cursor";
/// Keys remembered as handled, so re-reading behind the cursors rarely writes anything.
const REMEMBERED: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Events,
    Messages,
}

impl Source {
    fn setting(self) -> &'static str {
        match self {
            Source::Events => EVENTS_CURSOR,
            Source::Messages => MESSAGES_CURSOR,
        }
    }
}

/// A row of either followed table.
enum Row {
    Event(Event),
    Message(Box<MessageRecord>),
}

impl Row {
    fn id(&self) -> i64 {
        match self {
            Row::Event(e) => e.id,
            Row::Message(m) => m.id,
        }
    }

    fn key(&self) -> String {
        match self {
            Row::Event(e) => format!("event:{}", e.id),
            Row::Message(m) => format!("message.created:{}", m.id),
        }
    }
}

/// Recently handled keys, oldest forgotten first.
#[derive(Default)]
struct Seen {
    keys: HashSet<String>,
    order: VecDeque<String>,
}

impl Seen {
    fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    fn insert(&mut self, key: String) {
        if self.keys.insert(key.clone()) {
            self.order.push_back(key);
        }
        while self.order.len() > REMEMBERED {
            if let Some(old) = self.order.pop_front() {
                self.keys.remove(&old);
            }
        }
    }
}

/// What payloads need, read once per pass.
#[derive(Default)]
struct Lookups {
    conversations: HashMap<i64, Option<ConversationRow>>,
    labels: Option<HashMap<i64, String>>,
}

impl Lookups {
    async fn conversation(
        &mut self,
        store: &dyn Store,
        id: i64,
    ) -> Result<Option<ConversationRow>, StoreError> {
        if let Some(row) = self.conversations.get(&id) {
            return Ok(row.clone());
        }
        let row = store.conversation_row(id).await?;
        self.conversations.insert(id, row.clone());
        Ok(row)
    }

    async fn label(&mut self, store: &dyn Store, id: i64) -> Result<Option<String>, StoreError> {
        if self.labels.is_none() {
            let labels = store.labels().await?;
            self.labels = Some(labels.into_iter().map(|l| (l.id, l.name)).collect());
        }
        Ok(self.labels.as_ref().and_then(|l| l.get(&id).cloned()))
    }
}

fn subscribed(endpoints: &[WebhookRecord], event_type: EventType) -> Vec<i64> {
    endpoints
        .iter()
        .filter(|e| e.enabled && e.events.contains(&event_type))
        .map(|e| e.id)
        .collect()
}

fn for_each(
    endpoints: &[i64],
    key: &str,
    event_type: EventType,
    payload: &str,
) -> Vec<NewDelivery> {
    endpoints
        .iter()
        .map(|&endpoint_id| NewDelivery {
            endpoint_id,
            event_key: key.to_string(),
            event_type,
            payload: payload.to_string(),
        })
        .collect()
}

pub struct Feed {
    store: Arc<dyn Store>,
    settings: WebhookSettings,
    /// Wakes the sender when deliveries were added.
    wake: Arc<Notify>,
    changes: broadcast::Receiver<Change>,
    events_cursor: Option<i64>,
    messages_cursor: Option<i64>,
    /// Messages whose delivery status may have changed since the last pass.
    touched: BTreeSet<i64>,
    /// Campaigns that changed since the last pass (they may have started or finished).
    campaigns: BTreeSet<i64>,
    /// Per campaign, the last recipient change followed: (change time, recipient id).
    recipient_cursors: std::collections::HashMap<i64, (i64, i64)>,
    /// When the feed began: recipient changes before it are history, not replayed.
    started_ms: i64,
    seen: Seen,
}

impl Feed {
    /// Subscribes to the change feed at once: statuses changed from now on are seen.
    pub fn new(store: Arc<dyn Store>, settings: WebhookSettings, wake: Arc<Notify>) -> Feed {
        Feed {
            changes: store.changes(),
            store,
            settings,
            wake,
            events_cursor: None,
            messages_cursor: None,
            touched: BTreeSet::new(),
            campaigns: BTreeSet::new(),
            recipient_cursors: std::collections::HashMap::new(),
            started_ms: now_ms(),
            seen: Seen::default(),
        }
    }

    /// Enqueues deliveries for everything new since the last pass; returns how many were
    /// added. The first pass ever starts at the newest rows: history is not replayed.
    pub async fn pass(&mut self, now_ms: i64) -> Result<u64, StoreError> {
        self.drain_changes();
        let endpoints: Vec<WebhookRecord> = self
            .store
            .webhooks()
            .await?
            .into_iter()
            .filter(|e| e.enabled)
            .collect();
        let mut lookups = Lookups::default();
        let mut added = 0;
        for source in [Source::Events, Source::Messages] {
            added += self
                .follow(source, &endpoints, &mut lookups, now_ms)
                .await?;
        }
        added += self.statuses(&endpoints, &mut lookups, now_ms).await?;
        added += self.campaign_events(&endpoints, now_ms).await?;
        if added > 0 {
            self.wake.notify_one();
        }
        Ok(added)
    }

    /// Notes a change; says whether it may have produced something to deliver.
    fn note(&mut self, change: Change) -> bool {
        match change {
            Change::Message { id } => {
                self.touched.insert(id);
                true
            }
            Change::Campaign { id } => {
                self.campaigns.insert(id);
                true
            }
            Change::Conversation { .. } | Change::Resync => true,
            _ => false,
        }
    }

    fn drain_changes(&mut self) {
        loop {
            match self.changes.try_recv() {
                Ok(change) => {
                    self.note(change);
                }
                Err(TryRecvError::Lagged(missed)) => lagged(missed),
                Err(_) => return,
            }
        }
    }

    async fn read(&self, source: Source, after: i64, limit: u32) -> Result<Vec<Row>, StoreError> {
        Ok(match source {
            Source::Events => self
                .store
                .events_after(after, limit)
                .await?
                .into_iter()
                .map(Row::Event)
                .collect(),
            Source::Messages => self
                .store
                .messages_after(after, limit)
                .await?
                .into_iter()
                .map(|m| Row::Message(Box::new(m)))
                .collect(),
        })
    }

    fn cursor_slot(&mut self, source: Source) -> &mut Option<i64> {
        match source {
            Source::Events => &mut self.events_cursor,
            Source::Messages => &mut self.messages_cursor,
        }
    }

    /// The stored cursor, or on the very first start the newest id (its lookback marked as
    /// handled so the first pass sends nothing old).
    async fn cursor(&mut self, source: Source, now_ms: i64) -> Result<i64, StoreError> {
        if let Some(cursor) = *self.cursor_slot(source) {
            return Ok(cursor);
        }
        let cursor = match self.store.feed_cursor(source.setting()).await? {
            Some(cursor) => cursor,
            None => {
                let newest = self.skip_history(source).await?;
                self.store
                    .set_feed_cursor(source.setting(), newest, now_ms)
                    .await?;
                newest
            }
        };
        *self.cursor_slot(source) = Some(cursor);
        Ok(cursor)
    }

    /// Reads to the end of the table without delivering; answers the newest id.
    async fn skip_history(&mut self, source: Source) -> Result<i64, StoreError> {
        let page = self.settings.page.max(1000);
        let mut newest = 0;
        let mut recent = VecDeque::new();
        loop {
            let rows = self.read(source, newest, page).await?;
            let Some(last) = rows.last() else { break };
            newest = last.id();
            let full = rows.len() >= page as usize;
            for row in rows {
                recent.push_back((row.id(), row.key()));
            }
            while recent
                .front()
                .is_some_and(|(id, _)| *id <= newest - self.settings.lookback)
            {
                recent.pop_front();
            }
            if !full {
                break;
            }
        }
        for (_, key) in recent {
            self.seen.insert(key);
        }
        Ok(newest)
    }

    /// Enqueues what is new in one followed table and moves its cursor.
    async fn follow(
        &mut self,
        source: Source,
        endpoints: &[WebhookRecord],
        lookups: &mut Lookups,
        now_ms: i64,
    ) -> Result<u64, StoreError> {
        let cursor = self.cursor(source, now_ms).await?;
        let mut after = (cursor - self.settings.lookback).max(0);
        let mut newest = cursor;
        let mut added = 0;
        loop {
            let rows = self.read(source, after, self.settings.page).await?;
            let Some(last) = rows.last() else { break };
            after = last.id();
            newest = newest.max(after);
            let full = rows.len() >= self.settings.page as usize;
            let fresh: Vec<Row> = rows
                .into_iter()
                .filter(|r| !self.seen.contains(&r.key()))
                .collect();
            let mut deliveries = Vec::new();
            for row in &fresh {
                deliveries.extend(self.deliveries(row, endpoints, lookups).await?);
            }
            if !deliveries.is_empty() {
                added += self.store.enqueue_deliveries(&deliveries, now_ms).await?;
            }
            for row in fresh {
                self.seen.insert(row.key());
            }
            if !full {
                break;
            }
        }
        if newest != cursor {
            self.store
                .set_feed_cursor(source.setting(), newest, now_ms)
                .await?;
            *self.cursor_slot(source) = Some(newest);
        }
        Ok(added)
    }

    async fn deliveries(
        &self,
        row: &Row,
        endpoints: &[WebhookRecord],
        lookups: &mut Lookups,
    ) -> Result<Vec<NewDelivery>, StoreError> {
        let store = self.store.as_ref();
        let key = row.key();
        match row {
            Row::Event(event) => {
                let Some(event_type) = EventType::of_logged(event.kind) else {
                    return Ok(Vec::new());
                };
                let targets = subscribed(endpoints, event_type);
                if targets.is_empty() {
                    return Ok(Vec::new());
                }
                let Some(conversation) = lookups.conversation(store, event.conversation_id).await?
                else {
                    return Ok(Vec::new());
                };
                let label = match event.label_id {
                    Some(id) => lookups.label(store, id).await?,
                    None => None,
                };
                let body = payload::conversation(&key, event_type, event, &conversation, label);
                Ok(for_each(&targets, &key, event_type, &body))
            }
            // Activity lines repeat the conversation events.
            Row::Message(message) if matches!(message.body, MessageBody::Activity { .. }) => {
                Ok(Vec::new())
            }
            Row::Message(message) => {
                let event_type = EventType::MessageCreated;
                let targets = subscribed(endpoints, event_type);
                if targets.is_empty() {
                    return Ok(Vec::new());
                }
                let Some(conversation) =
                    lookups.conversation(store, message.conversation_id).await?
                else {
                    return Ok(Vec::new());
                };
                let body =
                    payload::message(&key, event_type, message.sent_at_ms, &conversation, message);
                Ok(for_each(&targets, &key, event_type, &body))
            }
        }
    }

    /// `message.updated` for sent messages whose status moved. Only the status a message has
    /// when the pass reads it goes out: one that moved on within the debounce is skipped.
    async fn statuses(
        &mut self,
        endpoints: &[WebhookRecord],
        lookups: &mut Lookups,
        now_ms: i64,
    ) -> Result<u64, StoreError> {
        let event_type = EventType::MessageUpdated;
        let targets = subscribed(endpoints, event_type);
        if targets.is_empty() {
            self.touched.clear();
            return Ok(0);
        }
        let mut deliveries = Vec::new();
        let mut keys = Vec::new();
        for &id in &self.touched {
            let Some(message) = self.store.message(id).await? else {
                continue;
            };
            let status = match (message.direction, message.status) {
                (Direction::Outbound, Some(status)) if status != DeliveryStatus::Pending => status,
                _ => continue,
            };
            let key = format!("message.updated:{id}:{}", status_name(status));
            if self.seen.contains(&key) {
                continue;
            }
            let Some(conversation) = lookups
                .conversation(self.store.as_ref(), message.conversation_id)
                .await?
            else {
                continue;
            };
            let body = payload::message(&key, event_type, now_ms, &conversation, &message);
            deliveries.extend(for_each(&targets, &key, event_type, &body));
            keys.push(key);
        }
        let added = if deliveries.is_empty() {
            0
        } else {
            self.store.enqueue_deliveries(&deliveries, now_ms).await?
        };
        // Only once written: a failed pass looks at the same messages again.
        self.touched.clear();
        for key in keys {
            self.seen.insert(key);
        }
        Ok(added)
    }
}

impl Feed {
    /// `campaign.started` once a campaign has begun sending, `campaign.finished` once it
    /// ended (finished or cancelled); each once per campaign (its key).
    async fn campaign_events(
        &mut self,
        endpoints: &[WebhookRecord],
        now_ms: i64,
    ) -> Result<u64, StoreError> {
        use app::domain::campaigns::CampaignState as S;
        let ids = self.campaigns.clone();
        let started = subscribed(endpoints, EventType::CampaignStarted);
        let finished = subscribed(endpoints, EventType::CampaignFinished);
        let per_recipient = subscribed(endpoints, EventType::CampaignRecipientUpdated);
        if started.is_empty() && finished.is_empty() && per_recipient.is_empty() {
            self.campaigns.clear();
            return Ok(0);
        }
        let mut deliveries = Vec::new();
        let mut keys = Vec::new();
        for &id in &ids {
            if !per_recipient.is_empty() {
                self.recipient_events(id, &per_recipient, now_ms, &mut deliveries, &mut keys)
                    .await?;
            }
        }
        for id in ids {
            let Some(record) = self.store.campaign(id).await? else {
                continue;
            };
            let began = record.state != S::Scheduled && record.start_at_ms <= now_ms;
            let ended = matches!(record.state, S::Finished | S::Cancelled);
            let mut events = Vec::new();
            if began && !started.is_empty() {
                events.push((EventType::CampaignStarted, &started));
            }
            if ended && !finished.is_empty() {
                events.push((EventType::CampaignFinished, &finished));
            }
            for (event_type, targets) in events {
                let key = format!("{}:{id}", event_type.as_str());
                if self.seen.contains(&key) {
                    continue;
                }
                let view =
                    match app::ssr::campaigns::view_in(self.store.as_ref(), record.clone()).await {
                        Ok(v) => v,
                        Err(e) => {
                            tracing::warn!(campaign = id, error = ?e, "campaign event not built");
                            continue;
                        }
                    };
                let body = payload::campaign(&key, event_type, now_ms, view);
                deliveries.extend(for_each(targets, &key, event_type, &body));
                keys.push(key);
            }
        }
        let added = if deliveries.is_empty() {
            0
        } else {
            self.store.enqueue_deliveries(&deliveries, now_ms).await?
        };
        // Only once written: a failed pass looks at the same campaigns again.
        self.campaigns.clear();
        for key in keys {
            self.seen.insert(key);
        }
        Ok(added)
    }
}

/// Recipient changes re-read on each pass (the seen keys drop the repeats), so a change
/// written in the same millisecond as the last one followed is not missed.
const RECIPIENT_OVERLAP_MS: i64 = 2_000;

impl Feed {
    /// `campaign.recipient.updated` for every recipient of campaign `id` that moved since
    /// the last pass, once per recipient and state; `queued` and `sending` are the desk's
    /// own bookkeeping and are not announced.
    async fn recipient_events(
        &mut self,
        id: i64,
        targets: &[i64],
        now_ms: i64,
        deliveries: &mut Vec<NewDelivery>,
        keys: &mut Vec<String>,
    ) -> Result<(), StoreError> {
        use app::domain::campaigns::RecipientState as S;
        let event_type = EventType::CampaignRecipientUpdated;
        let from = self
            .recipient_cursors
            .get(&id)
            .copied()
            .unwrap_or((self.started_ms, 0));
        let mut after = (from.0 - RECIPIENT_OVERLAP_MS, 0);
        loop {
            let page = self.store.recipients_changed(id, after, 1_000).await?;
            let Some(last) = page.last() else { break };
            after = (last.updated_at_ms, last.id);
            let full = page.len() == 1_000;
            for r in page {
                if matches!(r.state, S::Queued | S::Sending) {
                    continue;
                }
                let key = format!("{}:{}:{}", event_type.as_str(), r.id, r.state.as_str());
                if self.seen.contains(&key) || keys.contains(&key) {
                    continue;
                }
                let body = payload::campaign_recipient(&key, now_ms, id, r);
                deliveries.extend(for_each(targets, &key, event_type, &body));
                keys.push(key);
            }
            if !full {
                break;
            }
        }
        if after.0 > from.0 {
            self.recipient_cursors.insert(id, after);
        }
        Ok(())
    }
}

fn lagged(missed: u64) {
    tracing::warn!(
        missed,
        "webhook feed fell behind the change feed; some message.updated events may be missing"
    );
}

/// Runs the feed: after changes (gathered for a moment) and on a timer.
pub async fn run(mut feed: Feed) {
    let mut tick = tokio::time::interval(feed.settings.feed_interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            change = feed.changes.recv() => match change {
                Ok(change) => {
                    if !feed.note(change) {
                        continue;
                    }
                    tokio::time::sleep(feed.settings.debounce).await;
                }
                Err(RecvError::Lagged(missed)) => lagged(missed),
                Err(RecvError::Closed) => return,
            },
        }
        if let Err(e) = feed.pass(now_ms()).await {
            tracing::warn!(error = %e, "webhook feed pass failed; retrying shortly");
        }
    }
}

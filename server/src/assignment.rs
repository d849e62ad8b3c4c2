//! The dispatcher: one task per server process that keeps the queue moving. It follows the
//! change feed (every instance's, in PostgreSQL mode) for presence and conversation changes,
//! and on each one hands queued conversations to available agents under the team's
//! auto-assignment mode (`app::domain::assignment::plan`). On a timer it wakes ended snoozes
//! and, when the team asks for it, gives an offline assignee's conversations back to the
//! queue after a grace period; it also resolves the bot's conversations whose customer went
//! quiet after an answer.
//!
//! Claims are conditional in the database, so several instances dispatching at once never
//! give one conversation to two people.

use app::domain::assignment::{
    flag, plan, AutoAssign, Candidate, AUTO_ASSIGN_SETTING, OFFLINE_GRACE_MS,
    RETURN_ON_OFFLINE_SETTING,
};
use app::domain::inbox::Presence;
use app::ssr::{now_ms, Change, Claim, Store, StoreError};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

#[derive(Clone, Copy, Debug)]
pub struct DispatchSettings {
    /// How often snoozes and offline assignees are checked.
    pub tick: Duration,
    /// How long an assignee stays offline before their conversations return to the queue.
    pub offline_grace_ms: i64,
}

impl Default for DispatchSettings {
    fn default() -> Self {
        DispatchSettings {
            tick: Duration::from_secs(5),
            offline_grace_ms: OFFLINE_GRACE_MS,
        }
    }
}

/// Queued conversations looked at per pass; the next pass takes the rest.
const QUEUE_BATCH: u32 = 200;
/// Snoozes woken per tick.
const WAKE_BATCH: u32 = 500;

pub fn spawn(store: Arc<dyn Store>, settings: DispatchSettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(run(store, settings))
}

struct Dispatcher {
    store: Arc<dyn Store>,
    settings: DispatchSettings,
    presence: HashMap<i64, Presence>,
    /// Assignees who went offline, and since when.
    offline_since: HashMap<i64, i64>,
}

async fn run(store: Arc<dyn Store>, settings: DispatchSettings) {
    let mut changes = store.changes();
    let mut dispatcher = Dispatcher {
        store,
        settings,
        presence: HashMap::new(),
        offline_since: HashMap::new(),
    };
    let mut tick = tokio::time::interval(settings.tick);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let assign = tokio::select! {
            _ = tick.tick() => {
                dispatcher.on_tick().await;
                true
            }
            change = changes.recv() => match change {
                Ok(change) => dispatcher.note(change),
                Err(RecvError::Lagged(_)) => true,
                Err(RecvError::Closed) => return,
            },
        };
        if !assign {
            continue;
        }
        // Whatever queued up meanwhile is covered by this one pass.
        loop {
            match changes.try_recv() {
                Ok(change) => {
                    dispatcher.note(change);
                }
                Err(tokio::sync::broadcast::error::TryRecvError::Lagged(_)) => {}
                Err(_) => break,
            }
        }
        if let Err(e) = dispatcher.assign_queue().await {
            tracing::warn!(error = %e, "auto-assignment pass failed; retrying on the next change");
        }
    }
}

impl Dispatcher {
    /// Records presence; says whether the change may let the queue move.
    fn note(&mut self, change: Change) -> bool {
        match change {
            Change::Presence {
                user_id,
                presence: wanted,
            } => {
                let presence = Presence::after(self.presence.get(&user_id).copied(), wanted);
                if presence != wanted {
                    return false; // set away after they left
                }
                self.presence.insert(user_id, presence);
                if presence == Presence::Offline {
                    self.offline_since.insert(user_id, now_ms());
                } else {
                    self.offline_since.remove(&user_id);
                }
                presence == Presence::Online
            }
            Change::Conversation { .. } | Change::Settings | Change::Resync => true,
            _ => false,
        }
    }

    async fn mode(&self) -> Result<AutoAssign, StoreError> {
        Ok(self
            .store
            .setting(AUTO_ASSIGN_SETTING)
            .await?
            .as_deref()
            .and_then(AutoAssign::parse)
            .unwrap_or_default())
    }

    /// Hands queued conversations, oldest first, to available agents.
    async fn assign_queue(&mut self) -> Result<(), StoreError> {
        let mode = self.mode().await?;
        if mode == AutoAssign::Off || !self.presence.values().any(|p| *p == Presence::Online) {
            return Ok(());
        }
        let queue = self.store.queued(QUEUE_BATCH).await?;
        if queue.is_empty() {
            return Ok(());
        }
        let candidates: Vec<Candidate> = self
            .store
            .agent_loads()
            .await?
            .into_iter()
            .map(|a| Candidate {
                user_id: a.user_id,
                role: a.role,
                presence: self.presence.get(&a.user_id).copied().unwrap_or_default(),
                load: a.open,
                capacity: a.capacity,
                last_assigned_at_ms: a.last_assigned_at_ms,
            })
            .collect();
        for (conversation, user) in plan(mode, &queue, candidates, now_ms()) {
            match self
                .store
                .claim(conversation, user, None, true, now_ms())
                .await
            {
                Ok(Claim::Claimed(_)) => {
                    tracing::debug!(conversation, user, "auto-assigned");
                }
                // Taken by hand meanwhile, or the agent filled up elsewhere: the next pass
                // (our own claims announce changes) sees the new state.
                Ok(_) | Err(StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    async fn on_tick(&mut self) {
        if let Err(e) = self.store.wake_snoozed(now_ms(), WAKE_BATCH).await {
            tracing::warn!(error = %e, "cannot wake snoozed conversations");
        }
        if let Err(e) = self.return_offline().await {
            tracing::warn!(error = %e, "cannot return an offline agent's conversations");
        }
        if let Err(e) = self.resolve_quiet().await {
            tracing::warn!(error = %e, "cannot resolve conversations the customer left with the bot");
        }
    }

    /// Resolves the bot's conversations whose customer went quiet after its answer, for as
    /// long as the bot's settings say (0: never).
    async fn resolve_quiet(&self) -> Result<(), StoreError> {
        let minutes = app::ssr::bot::config(self.store.as_ref())
            .await?
            .quiet_resolve_minutes;
        if minutes == 0 {
            return Ok(());
        }
        let now = now_ms();
        let silent_since = now - i64::from(minutes) * 60_000;
        let resolved = self
            .store
            .resolve_quiet_bot(silent_since, now, WAKE_BATCH)
            .await?;
        if !resolved.is_empty() {
            tracing::info!(
                conversations = resolved.len(),
                "the bot resolved quiet conversations"
            );
        }
        Ok(())
    }

    /// Gives back the conversations of assignees offline longer than the grace period.
    async fn return_offline(&mut self) -> Result<(), StoreError> {
        let now = now_ms();
        let grace = self.settings.offline_grace_ms;
        let gone: Vec<i64> = self
            .offline_since
            .iter()
            .filter(|(_, since)| now - **since >= grace)
            .map(|(user, _)| *user)
            .collect();
        if gone.is_empty() {
            return Ok(());
        }
        let wanted = flag(
            self.store
                .setting(RETURN_ON_OFFLINE_SETTING)
                .await?
                .as_deref(),
            false,
        );
        for user in gone {
            if wanted {
                let returned = self.store.return_to_queue(user, now).await?;
                if !returned.is_empty() {
                    tracing::info!(
                        user,
                        conversations = returned.len(),
                        "assignee offline: back to the queue"
                    );
                }
            }
            self.offline_since.remove(&user);
        }
        Ok(())
    }
}

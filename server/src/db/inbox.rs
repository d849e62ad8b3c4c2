//! The agent console's queries: the conversation list and its counts, a contact's history,
//! notes, assignment, status, labels, contact attributes and team settings. Written once with
//! `$n` parameters (or `QueryBuilder`, which numbers them per database) and stamped out per
//! database by `inbox_queries!`.

use app::domain::inbox::ConversationStatus;
use app::domain::message::DeliveryStatus;
use app::ssr::StoreError;
use app::wire::inbox::{ConversationSummary, LabelView};

/// How the desk names a customer (over `contacts c`): their profile name, else their phone
/// number, username or user id. The list and the dashboard share it.
macro_rules! contact_name {
    () => {
        "COALESCE(c.profile_name, c.wa_id, c.username, c.user_id, '')"
    };
}
pub(crate) use contact_name;

/// The list row's columns, over `conversations cv`, `contacts c`, `users u` (assignee) and
/// `messages m` (the last message).
pub(crate) const SUMMARY_SELECT: &str = concat!(
    "SELECT cv.id, cv.contact_id,
        ",
    contact_name!(),
    " AS contact_name, c.wa_id AS phone,
        cv.status, cv.assignee_id, u.name AS assignee_name, cv.last_message_at,
        COALESCE(m.preview, '') AS last_preview, COALESCE(m.kind, '') AS last_kind,
        m.direction AS last_direction, m.status AS last_status, cv.unread, cv.waiting_since,
        c.last_inbound_at, CASE WHEN cv.referral IS NULL THEN 0 ELSE 1 END AS from_ad, cv.snoozed_until,
        c.marketing_changed_at, c.unreachable_at, c.blocked_at
    FROM conversations cv
    JOIN contacts c ON c.id = cv.contact_id
    LEFT JOIN users u ON u.id = cv.assignee_id
    LEFT JOIN messages m ON m.id = cv.last_message_id"
);

#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    id: i64,
    contact_id: i64,
    contact_name: String,
    phone: Option<String>,
    status: String,
    assignee_id: Option<i64>,
    assignee_name: Option<String>,
    last_message_at: i64,
    last_preview: String,
    last_kind: String,
    last_direction: Option<String>,
    last_status: Option<String>,
    unread: i64,
    waiting_since: Option<i64>,
    last_inbound_at: Option<i64>,
    from_ad: i32,
    snoozed_until: Option<i64>,
    marketing_changed_at: Option<i64>,
    unreachable_at: Option<i64>,
    blocked_at: Option<i64>,
}

impl From<SummaryRow> for ConversationSummary {
    fn from(r: SummaryRow) -> Self {
        ConversationSummary {
            id: r.id,
            contact_id: r.contact_id,
            // A contact without a profile name goes by their number, written for people.
            contact_name: app::domain::phone::shown_name(&r.contact_name),
            phone_country: r.phone.as_deref().and_then(app::domain::phone::country),
            phone: r.phone.as_deref().map(app::domain::phone::for_people),
            status: ConversationStatus::parse(&r.status).unwrap_or(ConversationStatus::Open),
            assignee_id: r.assignee_id,
            assignee_name: r.assignee_name,
            labels: Vec::new(),
            last_message_at_ms: r.last_message_at,
            last_preview: r.last_preview,
            last_kind: r.last_kind,
            last_outbound: r.last_direction.as_deref() == Some("outbound"),
            last_status: r.last_status.as_deref().and_then(DeliveryStatus::parse),
            unread: u32::try_from(r.unread).unwrap_or(u32::MAX),
            waiting_since_ms: r.waiting_since,
            last_inbound_at_ms: r.last_inbound_at,
            from_ad: r.from_ad != 0,
            snoozed_until_ms: r.snoozed_until,
            contact_changed: [r.marketing_changed_at, r.unreachable_at],
            blocked: r.blocked_at.is_some(),
        }
    }
}

pub(crate) const UPLOAD_COLUMNS: &str =
    "id, media_id, kind, mime_type, filename, size, sha256, uploaded_by, uploaded_at";

#[derive(sqlx::FromRow)]
pub(crate) struct UploadRow {
    id: i64,
    media_id: String,
    kind: String,
    mime_type: String,
    filename: String,
    size: i64,
    sha256: String,
    uploaded_by: Option<i64>,
    uploaded_at: i64,
}

impl TryFrom<UploadRow> for app::ssr::UploadRecord {
    type Error = StoreError;

    fn try_from(r: UploadRow) -> Result<Self, StoreError> {
        Ok(app::ssr::UploadRecord {
            id: r.id,
            kind: app::domain::message::MediaKind::parse(&r.kind)
                .ok_or_else(|| StoreError::Other(format!("upload {}: kind {}", r.id, r.kind)))?,
            media_id: r.media_id,
            mime_type: r.mime_type,
            filename: r.filename,
            size: r.size,
            sha256: r.sha256,
            uploaded_by: r.uploaded_by,
            uploaded_at_ms: r.uploaded_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct LabelRow {
    pub conversation_id: i64,
    pub id: i64,
    pub name: String,
    pub color: String,
}

/// Attaches labels (rows of `conversation_labels` joined with `labels`) to their rows.
pub(crate) fn attach_labels(rows: &mut [ConversationSummary], labels: Vec<LabelRow>) {
    for label in labels {
        if let Some(row) = rows.iter_mut().find(|r| r.id == label.conversation_id) {
            row.labels.push(LabelView {
                id: label.id,
                name: label.name,
                color: label.color,
            });
        }
    }
}

/// `%text%` for LIKE, with LIKE's own wildcards escaped (`ESCAPE '\'`).
pub(crate) fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for ch in text.trim().to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// Like [`like_pattern`], keeping the letters' case.
pub(crate) fn like_pattern_as_typed(text: &str) -> String {
    let mut out = String::from("%");
    for ch in text.trim().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

pub(crate) fn not_found_if_zero(rows: u64) -> Result<(), StoreError> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Implements the console part of `Store` for one database.
macro_rules! inbox_queries {
    ($store:ty, $db:ty) => {
        impl $store {
            fn inbox_conditions<'q>(qb: &mut sqlx::QueryBuilder<'q, $db>, query: &'q app::ssr::InboxQuery) {
                let (me, restricted, filter) = (query.me, query.restricted, &query.filter);
                use app::domain::inbox::View;
                use app::wire::inbox::AssigneeFilter;
                qb.push(" WHERE ");
                match filter.view {
                    View::Mine => { qb.push("cv.status = 'open' AND cv.assignee_id = ").push_bind(me); }
                    // Blocked customers' conversations stay out of the queue (still in All).
                    View::Queue => { qb.push("cv.status = 'open' AND cv.assignee_id IS NULL AND cv.contact_id NOT IN (SELECT id FROM contacts WHERE blocked_at IS NOT NULL)"); }
                    View::All => { qb.push("cv.status <> 'resolved'"); }
                    View::Bot => { qb.push("cv.status = 'bot'"); }
                    View::Snoozed => { qb.push("cv.status = 'snoozed'"); }
                    View::Resolved => { qb.push("cv.status = 'resolved'"); }
                }
                if restricted {
                    qb.push(" AND (cv.assignee_id IS NULL OR cv.assignee_id = ").push_bind(me).push(")");
                }
                match filter.assignee {
                    Some(AssigneeFilter::Nobody) => { qb.push(" AND cv.assignee_id IS NULL"); }
                    Some(AssigneeFilter::User(id)) => { qb.push(" AND cv.assignee_id = ").push_bind(id); }
                    None => {}
                }
                if let Some(label) = filter.label_id {
                    qb.push(" AND EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.conversation_id = cv.id AND cl.label_id = ")
                        .push_bind(label)
                        .push(")");
                }
                // The same ranges as `WindowFilter::matches`.
                match filter.window {
                    Some(app::domain::window::WindowFilter::ClosingSoon) => {
                        let (after, before) = app::domain::window::WindowFilter::closing_soon_range(query.now_ms, query.warning_ms);
                        qb.push(" AND c.last_inbound_at > ").push_bind(after).push(" AND c.last_inbound_at < ").push_bind(before);
                    }
                    Some(app::domain::window::WindowFilter::Closed) => {
                        // Most open conversations match: walking the list's own order and
                        // filtering is far cheaper than collecting them all through the contacts
                        // index and sorting (SQLite: 340 ms → 1 ms at 100k), so the
                        // COALESCE keeps the planner off that index.
                        qb.push(" AND COALESCE(c.last_inbound_at, 0) <= ")
                            .push_bind(query.now_ms - app::domain::window::WINDOW_MS);
                    }
                    None => {}
                }
                if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                    let pattern = $crate::db::inbox::like_pattern(search);
                    // LOWER() folds ASCII only in SQLite (and in C-locale PostgreSQL): a name
                    // with an accented capital still matches as typed.
                    qb.push(" AND (COALESCE(c.profile_name, '') LIKE ").push_bind($crate::db::inbox::like_pattern_as_typed(search)).push(" ESCAPE '\\'")
                        .push(" OR LOWER(COALESCE(c.profile_name, '')) LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'")
                        .push(" OR COALESCE(c.wa_id, '') LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'")
                        .push(" OR EXISTS (SELECT 1 FROM messages sm WHERE sm.contact_id = cv.contact_id AND LOWER(sm.preview) LIKE ")
                        .push_bind(pattern)
                        .push(" ESCAPE '\\'");
                    // A restricted agent's search reads only the conversations they may see:
                    // a colleague's notes must not answer it either.
                    if restricted {
                        qb.push(" AND sm.conversation_id IN (SELECT sc.id FROM conversations sc WHERE sc.contact_id = cv.contact_id AND (sc.assignee_id IS NULL OR sc.assignee_id = ")
                            .push_bind(me)
                            .push("))");
                    }
                    qb.push("))");
                }
            }

            async fn with_labels(&self, mut rows: Vec<app::wire::inbox::ConversationSummary>) -> Result<Vec<app::wire::inbox::ConversationSummary>, StoreError> {
                use $crate::db::inbox::{attach_labels, LabelRow};
                if rows.is_empty() {
                    return Ok(rows);
                }
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT cl.conversation_id, l.id, l.name, l.color FROM conversation_labels cl
                     JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id IN (",
                );
                let mut ids = qb.separated(", ");
                for row in &rows {
                    ids.push_bind(row.id);
                }
                qb.push(") ORDER BY l.name");
                let labels: Vec<LabelRow> = qb.build_query_as().fetch_all(&self.pool).await.map_err(store_error)?;
                attach_labels(&mut rows, labels);
                Ok(rows)
            }

            /// Inserts a note or activity line; a note (sender `agent`) becomes the list's
            /// preview. Activity lines come through [`Self::add_activity`], which logs their event.
            async fn add_internal(
                &self,
                tx: &mut sqlx::Transaction<'_, $db>,
                conversation_id: i64,
                author: Option<i64>,
                body: &app::domain::message::MessageBody,
                echo_id: Option<String>,
                now_ms: i64,
            ) -> Result<i64, StoreError> {
                use $crate::db::ingest::{body_kind, to_json};
                let contact_id: i64 = sqlx::query_scalar("SELECT contact_id FROM conversations WHERE id = $1")
                    .bind(conversation_id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(store_error)?
                    .ok_or(StoreError::NotFound)?;
                let sender = if matches!(body, app::domain::message::MessageBody::Note { .. }) { "agent" } else { "system" };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO messages (conversation_id, contact_id, direction, sender, sender_user_id, kind, body,
                        sent_at, created_at, preview, echo_id)
                     VALUES ($1, $2, 'outbound', $3, $4, $5, $6, $7, $7, $8, $9) RETURNING id",
                )
                .bind(conversation_id)
                .bind(contact_id)
                .bind(sender)
                .bind(author)
                .bind(body_kind(body))
                .bind(to_json(body))
                .bind(now_ms)
                .bind(body.preview())
                .bind(echo_id)
                .fetch_one(&mut **tx)
                .await
                .map_err(store_error)?;
                if sender == "agent" {
                    sqlx::query("UPDATE conversations SET last_message_id = $2, last_message_at = $3, updated_at = $3 WHERE id = $1")
                        .bind(conversation_id)
                        .bind(id)
                        .bind(now_ms)
                        .execute(&mut **tx)
                        .await
                        .map_err(store_error)?;
                }
                Ok(id)
            }

            /// Writes an activity line (by `actor`'s name) and its event in the log (see
            /// `db::events`): every change of status, assignee or labels passes here.
            /// `label_id` names the label of a `Labelled` / `Unlabelled` line.
            async fn add_activity(
                &self,
                tx: &mut sqlx::Transaction<'_, $db>,
                conversation_id: i64,
                actor: Option<i64>,
                activity: app::domain::message::Activity,
                label_id: Option<i64>,
                now_ms: i64,
            ) -> Result<i64, StoreError> {
                use $crate::db::events::{activity_event, NewEvent};
                let event = activity_event(&activity);
                let by = self.user_name(tx, actor).await?;
                let body = app::domain::message::MessageBody::Activity { activity, by };
                let line = self.add_internal(tx, conversation_id, actor, &body, None, now_ms).await?;
                if let Some((kind, detail)) = event {
                    let event = NewEvent { actor_id: actor, label_id, detail, ..NewEvent::new(conversation_id, now_ms, kind) };
                    write_event(&mut **tx, event).await?;
                }
                Ok(line)
            }

            async fn user_name(&self, tx: &mut sqlx::Transaction<'_, $db>, id: Option<i64>) -> Result<Option<String>, StoreError> {
                let Some(id) = id else { return Ok(None) };
                sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(store_error)
            }

            async fn find_conversation_in(&self, tx: &mut sqlx::Transaction<'_, $db>, id: i64) -> Result<app::ssr::ConversationRecord, StoreError> {
                use $crate::db::conversations::{ConversationRow, CONVERSATION_COLUMNS};
                let row: Option<ConversationRow> = sqlx::query_as(&format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(store_error)?;
                row.ok_or(StoreError::NotFound)?.try_into()
            }
        }

        #[async_trait::async_trait]
        impl app::ssr::ConsoleStore for $store {
            async fn inbox(&self, query: &app::ssr::InboxQuery) -> Result<Vec<app::wire::inbox::ConversationSummary>, StoreError> {
                use $crate::db::inbox::{SummaryRow, SUMMARY_SELECT};
                let mut qb = sqlx::QueryBuilder::<$db>::new(SUMMARY_SELECT);
                Self::inbox_conditions(&mut qb, query);
                // Closing soon is served closing-first: the customer who wrote longest ago.
                let closing_first = query.filter.window == Some(app::domain::window::WindowFilter::ClosingSoon);
                let (key, order) = if closing_first {
                    ("c.last_inbound_at", "ASC")
                } else if query.filter.view.oldest_wait_first() {
                    ("COALESCE(cv.waiting_since, cv.last_message_at)", "ASC")
                } else {
                    ("cv.last_message_at", "DESC")
                };
                if let Some(after) = query.after {
                    let cmp = if order == "ASC" { ">" } else { "<" };
                    qb.push(format!(" AND ({key} {cmp} ")).push_bind(after.key)
                        .push(format!(" OR ({key} = ")).push_bind(after.key)
                        .push(format!(" AND cv.id {cmp} ")).push_bind(after.id).push("))");
                }
                qb.push(format!(" ORDER BY {key} {order}, cv.id {order} LIMIT ")).push_bind(i64::from(query.limit));
                let rows: Vec<SummaryRow> = qb.build_query_as().fetch_all(&self.pool).await.map_err(store_error)?;
                self.with_labels(rows.into_iter().map(Into::into).collect()).await
            }

            async fn conversation_summary(&self, id: i64) -> Result<Option<app::wire::inbox::ConversationSummary>, StoreError> {
                use $crate::db::inbox::{SummaryRow, SUMMARY_SELECT};
                let row: Option<SummaryRow> = sqlx::query_as(&format!("{SUMMARY_SELECT} WHERE cv.id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(self.with_labels(row.into_iter().map(Into::into).collect()).await?.pop())
            }

            async fn inbox_counts(&self, me: i64, restricted: bool) -> Result<app::wire::inbox::InboxCounts, StoreError> {
                use app::wire::inbox::{InboxCounts, ViewCount};
                let restriction = if restricted { " AND (assignee_id IS NULL OR assignee_id = $1)" } else { "" };
                let row: (Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>) = sqlx::query_as(&format!(
                    "SELECT
                        SUM(CASE WHEN status = 'open' AND assignee_id = $1 THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'open' AND assignee_id = $1 AND unread > 0 THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'open' AND assignee_id IS NULL AND NOT blocked THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'open' AND assignee_id IS NULL AND NOT blocked AND unread > 0 THEN 1 ELSE 0 END),
                        COUNT(*),
                        SUM(CASE WHEN unread > 0 THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'bot' THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'bot' AND unread > 0 THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'snoozed' THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'snoozed' AND unread > 0 THEN 1 ELSE 0 END)
                     FROM (SELECT cv.*, (c.blocked_at IS NOT NULL) AS blocked FROM conversations cv
                           JOIN contacts c ON c.id = cv.contact_id) conversations
                     WHERE status <> 'resolved'{restriction}"
                ))
                .bind(me)
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
                let n = |v: Option<i64>| u32::try_from(v.unwrap_or(0)).unwrap_or(u32::MAX);
                let count = |t, u| ViewCount { total: n(t), unread: n(u) };
                Ok(InboxCounts {
                    mine: count(row.0, row.1),
                    queue: count(row.2, row.3),
                    all: count(row.4, row.5),
                    bot: count(row.6, row.7),
                    snoozed: count(row.8, row.9),
                })
            }

            async fn conversation(&self, id: i64) -> Result<Option<app::ssr::ConversationRecord>, StoreError> {
                use $crate::db::conversations::{ConversationRow, CONVERSATION_COLUMNS};
                let row: Option<ConversationRow> = sqlx::query_as(&format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                row.map(TryInto::try_into).transpose()
            }

            async fn contact_messages(&self, contact_id: i64, before_id: Option<i64>, limit: u32, restricted_to: Option<i64>) -> Result<Vec<app::ssr::MessageRecord>, StoreError> {
                use $crate::db::conversations::{MessageRow, MESSAGE_COLUMNS};
                // The own-and-unassigned rule, as the list applies it ($4 NULL: no rule).
                let rows: Vec<MessageRow> = sqlx::query_as(&format!(
                    "SELECT {MESSAGE_COLUMNS} FROM messages WHERE contact_id = $1 AND id < $2
                       AND ($4 IS NULL OR conversation_id IN (
                         SELECT id FROM conversations
                         WHERE contact_id = $1 AND (assignee_id IS NULL OR assignee_id = $4)))
                     ORDER BY id DESC LIMIT $3"
                ))
                .bind(contact_id)
                .bind(before_id.unwrap_or(i64::MAX))
                .bind(i64::from(limit))
                .bind(restricted_to)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                $crate::db::conversations::messages_of(rows)
            }

            async fn insert_note(&self, conversation_id: i64, author_id: i64, text: &str, echo_id: Option<String>, now_ms: i64) -> Result<app::ssr::MessageRecord, StoreError> {
                let mut tx = self.begin_write().await?;
                let body = app::domain::message::MessageBody::Note { text: text.to_string() };
                let id = self.add_internal(&mut tx, conversation_id, Some(author_id), &body, echo_id, now_ms).await?;
                let record = self.message_by_id(&mut tx, id).await?;
                let changes = [app::ssr::Change::Message { id }, app::ssr::Change::Conversation { id: conversation_id }];
                self.commit_announcing(tx, &changes).await?;
                Ok(record)
            }

            async fn assign(&self, conversation_id: i64, assignee: Option<i64>, actor: Option<i64>, now_ms: i64) -> Result<app::ssr::ConversationRecord, StoreError> {
                use app::domain::message::Activity;
                let mut tx = self.begin_write().await?;
                let current: Option<(Option<i64>, String)> = sqlx::query_as("SELECT assignee_id, status FROM conversations WHERE id = $1")
                    .bind(conversation_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let (current, status) = current.ok_or(StoreError::NotFound)?;
                // Giving someone a conversation the bot has takes it from the bot.
                let from_bot = assignee.is_some() && status == "bot";
                let mut changes = vec![app::ssr::Change::Conversation { id: conversation_id }];
                if current != assignee || from_bot {
                    // Before the update: an unknown user is NotFound, not a foreign-key error.
                    let activity = match self.user_name(&mut tx, assignee).await? {
                        Some(to) => Activity::Assigned { to },
                        None if assignee.is_some() => return Err(StoreError::NotFound),
                        None => Activity::Unassigned,
                    };
                    sqlx::query(
                        "UPDATE conversations SET assignee_id = $2, updated_at = $3,
                            status = CASE WHEN $4 = 1 THEN 'open' ELSE status END,
                            bot_outcome = CASE WHEN $4 = 1 THEN 'taken_over' ELSE bot_outcome END,
                            bot_ended_at = CASE WHEN $4 = 1 THEN $3 ELSE bot_ended_at END,
                            bot_reason = CASE WHEN $4 = 1 THEN NULL ELSE bot_reason END
                         WHERE id = $1",
                    )
                    .bind(conversation_id)
                    .bind(assignee)
                    .bind(now_ms)
                    .bind(i64::from(from_bot))
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                    if from_bot {
                        let id = self.add_activity(&mut tx, conversation_id, actor, Activity::TakenOver, None, now_ms).await?;
                        changes.push(app::ssr::Change::Message { id });
                    }
                    // Round robin counts every assignment, by hand or not.
                    sqlx::query("UPDATE users SET last_assigned_at = $2 WHERE id = $1")
                        .bind(assignee)
                        .bind(now_ms)
                        .execute(&mut *tx)
                        .await
                        .map_err(store_error)?;
                    let id = self.add_activity(&mut tx, conversation_id, actor, activity, None, now_ms).await?;
                    changes.push(app::ssr::Change::Message { id });
                }
                let record = self.find_conversation_in(&mut tx, conversation_id).await?;
                self.commit_announcing(tx, &changes).await?;
                Ok(record)
            }

            async fn set_conversation_status(&self, conversation_id: i64, status: app::domain::inbox::ConversationStatus, snoozed_until_ms: Option<i64>, actor: Option<i64>, now_ms: i64) -> Result<app::ssr::ConversationRecord, StoreError> {
                use app::domain::inbox::ConversationStatus as S;
                use app::domain::message::Activity;
                let mut tx = self.begin_write().await?;
                let before = self.find_conversation_in(&mut tx, conversation_id).await?;
                let mut changes = vec![app::ssr::Change::Conversation { id: conversation_id }];
                if before.status() != status || status == S::Snoozed {
                    // To the bot: unassigned, a fresh bot state and turn. From the bot: taken over.
                    sqlx::query(
                        "UPDATE conversations SET status = $2, snoozed_until = $3, updated_at = $4,
                            resolved_at = CASE WHEN $2 = 'resolved' THEN $4 ELSE NULL END,
                            waiting_since = CASE WHEN $2 IN ('resolved', 'bot') THEN NULL ELSE waiting_since END,
                            assignee_id = CASE WHEN $2 = 'bot' THEN NULL ELSE assignee_id END,
                            bot_state = CASE WHEN $2 = 'bot' THEN NULL ELSE bot_state END,
                            bot_turn = CASE WHEN $2 = 'bot' THEN bot_turn + 1 ELSE bot_turn END,
                            bot_started_at = CASE WHEN $2 = 'bot' THEN COALESCE(bot_started_at, $4) ELSE bot_started_at END,
                            bot_ended_at = CASE WHEN $2 = 'bot' THEN NULL WHEN status = 'bot' THEN $4 ELSE bot_ended_at END,
                            bot_outcome = CASE WHEN $2 = 'bot' THEN NULL WHEN status = 'bot' THEN 'taken_over' ELSE bot_outcome END,
                            bot_reason = CASE WHEN $2 = 'bot' OR status = 'bot' THEN NULL ELSE bot_reason END
                         WHERE id = $1",
                    )
                    .bind(conversation_id)
                    .bind(status.as_str())
                    .bind(snoozed_until_ms)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                    let activity = match (before.status(), status) {
                        (_, S::Resolved) => Some(Activity::Resolved),
                        (_, S::Snoozed) => Some(Activity::Snoozed { until_ms: snoozed_until_ms }),
                        (S::Resolved | S::Snoozed, S::Open) => Some(Activity::Reopened),
                        (S::Bot, S::Open) => Some(Activity::TakenOver),
                        (_, S::Bot) => Some(Activity::HandedToBot),
                        _ => None,
                    };
                    if let Some(activity) = activity {
                        let id = self.add_activity(&mut tx, conversation_id, actor, activity, None, now_ms).await?;
                        changes.push(app::ssr::Change::Message { id });
                    }
                }
                let record = self.find_conversation_in(&mut tx, conversation_id).await?;
                self.commit_announcing(tx, &changes).await?;
                Ok(record)
            }

            async fn mark_read(&self, conversation_id: i64) -> Result<Option<String>, StoreError> {
                let mut tx = self.begin_write().await?;
                let unread: Option<i64> = sqlx::query_scalar("SELECT unread FROM conversations WHERE id = $1")
                    .bind(conversation_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let unread = unread.ok_or(StoreError::NotFound)?;
                if unread == 0 {
                    return Ok(None);
                }
                sqlx::query("UPDATE conversations SET unread = 0 WHERE id = $1")
                    .bind(conversation_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let wamid: Option<String> = sqlx::query_scalar(
                    "SELECT wamid FROM messages WHERE conversation_id = $1 AND direction = 'inbound' AND wamid IS NOT NULL
                     ORDER BY id DESC LIMIT 1",
                )
                .bind(conversation_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(store_error)?;
                let changes = [app::ssr::Change::Conversation { id: conversation_id }];
                self.commit_announcing(tx, &changes).await?;
                Ok(wamid)
            }

            async fn set_contact_attributes(&self, contact_id: i64, attributes: &std::collections::BTreeMap<String, String>, now_ms: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("UPDATE contacts SET attributes = $2, updated_at = $3 WHERE id = $1")
                    .bind(contact_id)
                    .bind($crate::db::ingest::to_json(attributes))
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                $crate::db::inbox::not_found_if_zero(done.rows_affected())?;
                let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'resolved'")
                    .bind(contact_id)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let changes: Vec<app::ssr::Change> = ids.into_iter().map(|id| app::ssr::Change::Conversation { id }).collect();
                self.commit_announcing(tx, &changes).await?;
                Ok(())
            }

            async fn labels(&self) -> Result<Vec<app::wire::inbox::LabelView>, StoreError> {
                let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, name, color FROM labels ORDER BY name")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(rows.into_iter().map(|(id, name, color)| app::wire::inbox::LabelView { id, name, color }).collect())
            }

            async fn label_conversation(&self, conversation_id: i64, label_id: i64, on: bool, actor: Option<i64>, now_ms: i64) -> Result<(), StoreError> {
                use app::domain::message::Activity;
                let mut tx = self.begin_write().await?;
                let label: Option<String> = sqlx::query_scalar("SELECT name FROM labels WHERE id = $1")
                    .bind(label_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let label = label.ok_or(StoreError::NotFound)?;
                let changed = if on {
                    sqlx::query("INSERT INTO conversation_labels (conversation_id, label_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                        .bind(conversation_id)
                        .bind(label_id)
                        .bind(now_ms)
                        .execute(&mut *tx)
                        .await
                } else {
                    sqlx::query("DELETE FROM conversation_labels WHERE conversation_id = $1 AND label_id = $2")
                        .bind(conversation_id)
                        .bind(label_id)
                        .execute(&mut *tx)
                        .await
                }
                .map_err(store_error)?
                .rows_affected();
                let mut changes = vec![app::ssr::Change::Conversation { id: conversation_id }];
                if changed > 0 {
                    let activity = if on { Activity::Labelled { label } } else { Activity::Unlabelled { label } };
                    let id = self.add_activity(&mut tx, conversation_id, actor, activity, Some(label_id), now_ms).await?;
                    changes.push(app::ssr::Change::Message { id });
                }
                self.commit_announcing(tx, &changes).await?;
                Ok(())
            }

            async fn attach_media(&self, message_id: i64, media: &app::domain::message::Media, sha256: &str, size: i64, now_ms: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO media (media_id, message_id, kind, mime_type, filename, sha256, size, state, next_attempt_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 'stored', $8, $8) ON CONFLICT (media_id) DO NOTHING",
                )
                .bind(&media.media_id)
                .bind(message_id)
                .bind(media.kind.as_str())
                .bind(&media.mime_type)
                .bind(&media.filename)
                .bind(sha256)
                .bind(size)
                .bind(now_ms)
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn record_upload(&self, upload: &app::ssr::NewUpload, now_ms: i64) -> Result<app::ssr::UploadRecord, StoreError> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO uploads (media_id, kind, mime_type, filename, size, sha256, uploaded_by, uploaded_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(&upload.media_id)
                .bind(upload.kind.as_str())
                .bind(&upload.mime_type)
                .bind(&upload.filename)
                .bind(upload.size)
                .bind(&upload.sha256)
                .bind(upload.uploaded_by)
                .bind(now_ms)
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
                self.upload(id).await?.ok_or(StoreError::NotFound)
            }

            async fn upload(&self, id: i64) -> Result<Option<app::ssr::UploadRecord>, StoreError> {
                use $crate::db::inbox::{UploadRow, UPLOAD_COLUMNS};
                let row: Option<UploadRow> = sqlx::query_as(&format!("SELECT {UPLOAD_COLUMNS} FROM uploads WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                row.map(TryInto::try_into).transpose()
            }

            async fn recent_uploads(&self, user: i64, kind: app::domain::message::MediaKind, since_ms: i64, limit: u32) -> Result<Vec<app::ssr::UploadRecord>, StoreError> {
                use $crate::db::inbox::{UploadRow, UPLOAD_COLUMNS};
                let rows: Vec<UploadRow> = sqlx::query_as(&format!(
                    "SELECT {UPLOAD_COLUMNS} FROM uploads WHERE uploaded_by = $4 AND kind = $1 AND uploaded_at >= $2 ORDER BY uploaded_at DESC, id DESC LIMIT $3"
                ))
                .bind(kind.as_str())
                .bind(since_ms)
                .bind(i64::from(limit))
                .bind(user)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
                sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)
            }

            async fn put_setting(&self, key: &str, value: &str, now_ms: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                )
                .bind(key)
                .bind(value)
                .bind(now_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
                let changes = [app::ssr::Change::Settings];
                self.commit_announcing(tx, &changes).await?;
                Ok(())
            }
        }
    };
}

pub(crate) use inbox_queries;

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn search_patterns_escape_like_wildcards() {
        assert_eq!(like_pattern(" Ana "), "%ana%");
        assert_eq!(like_pattern("50%_off"), "%50\\%\\_off%");
    }
}

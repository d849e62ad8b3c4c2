//! `/ws`: one task per console. Authenticated by the session cookie, Origin checked against
//! the Host (a page on another site cannot open it with the agent's cookie), at most
//! [`super::hub::MAX_SOCKETS_PER_USER`] per user, frames capped at 64 KiB. The task forwards
//! the hub's frames this user may see, relays typing / focus / presence (rate-limited),
//! answers pings, and ends when the client goes quiet, falls too far behind, or its session
//! ends (signed out, expired, account changed: at once when announced, else within 10 s).

use super::hub::{Control, Hub, Outgoing};
use crate::http::AppState;
use app::domain::inbox::{Presence, Viewer};
use app::domain::pacing::{Bucket, Rate};
use app::ssr::{Change, ServerState};
use app::wire::realtime::{ClientFrame, ServerFrame};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tower_sessions::Session;

/// A console pings every 20 s; one silent this long is gone.
const CLIENT_SILENCE: Duration = Duration::from_secs(60);
/// A frame the network cannot take within this long means a dead or hopeless client.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// How often the session is checked again (signed out, expired, account changed), besides
/// at once when the store announces a sign-out or an account change.
const SESSION_CHECK: Duration = Duration::from_secs(10);
/// The largest frame or message a console sends (a typing or focus frame is tens of bytes).
pub const MAX_CLIENT_FRAME: usize = 64 * 1024;
/// Typing, focus and presence frames a console may send: each costs store reads and, on
/// PostgreSQL, a notification to every instance. More are dropped.
const CLIENT_FRAMES: Rate = Rate {
    capacity: 20.0,
    per_second: 5.0,
};
/// Close codes the console understands.
pub const CLOSE_SIGNED_OUT: u16 = 4001;
pub const CLOSE_RESYNC: u16 = 4002;
pub const CLOSE_SHUTDOWN: u16 = 1001;

#[derive(serde::Deserialize)]
pub struct Params {
    /// `<epoch>:<seq>` of the last frame the console saw.
    resume: Option<String>,
}

pub async fn upgrade(
    ws: WebSocketUpgrade,
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    let ours = |origin: &str| {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        crate::http::origin::is_ours(origin, host, state.public_url.as_deref())
    };
    if !headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .is_some_and(ours)
    {
        return (StatusCode::FORBIDDEN, "cross-origin websocket refused").into_response();
    }
    let user = match app::ssr::auth::current_user(&state.server, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "sign in first").into_response(),
        Err(e) => {
            return (
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
                "try again",
            )
                .into_response()
        }
    };
    let Some(slot) = state.hub.reserve_socket(user.id) else {
        tracing::warn!(user = user.id, "too many consoles open; one more refused");
        return (StatusCode::TOO_MANY_REQUESTS, "too many consoles open").into_response();
    };
    let viewer = Viewer {
        user_id: user.id,
        role: user.role,
    };
    let hub = state.hub.clone();
    let server = state.server.clone();
    let records = state.sessions.clone();
    // Small buffers: an idle console should cost little memory (see docs/benchmarks.md).
    ws.read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_frame_size(MAX_CLIENT_FRAME)
        .max_message_size(MAX_CLIENT_FRAME)
        .on_upgrade(move |socket| async move {
            slot.opened().await;
            let signed_in = SignedIn {
                server,
                records,
                session,
                viewer,
            };
            run(socket, &hub, &signed_in, params.resume).await;
            drop(slot);
        })
}

fn parse_resume(resume: Option<&str>) -> Option<(&str, u64)> {
    let (epoch, seq) = resume?.split_once(':')?;
    Some((epoch, seq.parse().ok()?))
}

/// The session a socket was opened with, and how to look at it again.
struct SignedIn {
    server: ServerState,
    records: Arc<dyn tower_sessions::SessionStore>,
    session: Session,
    viewer: Viewer,
}

impl SignedIn {
    /// Whether the session still stands: its record exists (not signed out, not expired), it
    /// is not revoked, and the account is as it was (enabled, same password epoch and role).
    /// A database hiccup is not a sign-out: `None`.
    async fn still_valid(&self) -> Option<bool> {
        let Some(id) = self.session.id() else {
            return Some(false);
        };
        match self.records.load(&id).await {
            Ok(Some(_)) => {}
            Ok(None) => return Some(false),
            Err(_) => return None,
        }
        match app::ssr::auth::current_user(&self.server, &self.session).await {
            Ok(Some(user)) => Some(user.role == self.viewer.role),
            Ok(None) => Some(false),
            Err(_) => None,
        }
    }

    /// This session's name in sign-out announcements.
    fn key(&self) -> Option<String> {
        self.session.id().map(|id| app::ssr::auth::session_key(&id))
    }
}

async fn run(mut socket: WebSocket, hub: &Arc<Hub>, signed_in: &SignedIn, resume: Option<String>) {
    let (server, viewer) = (&signed_in.server, signed_in.viewer);
    let session_key = signed_in.key();
    let joined = hub.join(viewer, parse_resume(resume.as_deref()));
    let mut live = joined.live;
    let mut last_seq = match &joined.hello {
        ServerFrame::Hello { seq, .. } => *seq,
        _ => 0,
    };
    if send_text(&mut socket, encode(&joined.hello)).await.is_err() {
        return;
    }
    let policy = hub.policy();
    let masking = hub.masking();
    for frame in &joined.missed {
        if let Some(text) = frame.for_viewer(viewer, policy, masking) {
            if send_text(&mut socket, text.to_string()).await.is_err() {
                return;
            }
        }
        last_seq = frame.seq.unwrap_or(last_seq);
    }
    let mut closing = hub.closing();
    let mut heard_at = tokio::time::Instant::now();
    let mut check = tokio::time::interval(SESSION_CHECK);
    check.tick().await;
    let mut presence = Presence::Online;
    let mut budget = Bucket::full(CLIENT_FRAMES, app::ssr::now_ms());
    loop {
        tokio::select! {
            frame = live.recv() => match frame {
                Ok(frame) => {
                    match &frame.control {
                        Some(Control::SignedOut(key)) if Some(key) == session_key.as_ref() => {
                            let _ = close(&mut socket, CLOSE_SIGNED_OUT, "signed out").await;
                            return;
                        }
                        Some(Control::Account(user)) if *user == viewer.user_id => {
                            if signed_in.still_valid().await == Some(false) {
                                let _ = close(&mut socket, CLOSE_SIGNED_OUT, "signed out").await;
                                return;
                            }
                            continue;
                        }
                        Some(_) => continue,
                        None => {}
                    }
                    if frame.seq.is_some_and(|s| s <= last_seq) {
                        continue; // already replayed
                    }
                    if let Some(s) = frame.seq {
                        last_seq = s;
                    }
                    // Set away by a supervisor (or from another tab): the agent's next
                    // choice is measured against that.
                    if let Some((user_id, now)) = frame.presence {
                        if user_id == viewer.user_id && now != Presence::Offline {
                            presence = now;
                        }
                    }
                    if !forward(&mut socket, &frame, viewer, hub).await {
                        return;
                    }
                }
                Err(RecvError::Lagged(missed)) => {
                    tracing::info!(user = viewer.user_id, missed, "console fell behind; told to resync");
                    let _ = close(&mut socket, CLOSE_RESYNC, "resync").await;
                    return;
                }
                Err(RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    heard_at = tokio::time::Instant::now();
                    let Ok(frame) = serde_json::from_str::<ClientFrame>(text.as_str()) else {
                        tracing::debug!(user = viewer.user_id, "unreadable client frame ignored");
                        continue;
                    };
                    if !matches!(frame, ClientFrame::Ping)
                        && budget.take(CLIENT_FRAMES, app::ssr::now_ms()).is_err()
                    {
                        tracing::debug!(user = viewer.user_id, "client frame over the rate; dropped");
                        continue;
                    }
                    match frame {
                        ClientFrame::Ping => {
                            if send_text(&mut socket, encode(&ServerFrame::Pong)).await.is_err() {
                                return;
                            }
                        }
                        ClientFrame::Focus { conversation_id } => {
                            let allowed = match conversation_id {
                                Some(id) => visible(server, hub, viewer, id).await,
                                None => true,
                            };
                            if allowed {
                                hub.signal(Change::Viewing { user_id: viewer.user_id, conversation_id }).await;
                            }
                        }
                        ClientFrame::Typing { conversation_id } => {
                            if visible(server, hub, viewer, conversation_id).await {
                                hub.signal(Change::Typing { user_id: viewer.user_id, conversation_id }).await;
                            }
                        }
                        ClientFrame::Presence { presence: wanted } => {
                            // Offline is what closing the console means, not a choice.
                            let wanted = if wanted == Presence::Offline { Presence::Away } else { wanted };
                            if wanted != presence {
                                presence = wanted;
                                hub.signal(Change::Presence { user_id: viewer.user_id, presence }).await;
                            }
                        }
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => heard_at = tokio::time::Instant::now(),
            },
            _ = check.tick() => {
                if heard_at.elapsed() > CLIENT_SILENCE {
                    let _ = close(&mut socket, CLOSE_RESYNC, "silent").await;
                    return;
                }
                // Only read: the console's own requests keep the session alive (a socket
                // that saved it could bring back a session its user had just signed out).
                if signed_in.still_valid().await == Some(false) {
                    let _ = close(&mut socket, CLOSE_SIGNED_OUT, "signed out").await;
                    return;
                }
            },
            _ = closing.changed() => {
                let _ = close(&mut socket, CLOSE_SHUTDOWN, "server restarting").await;
                return;
            }
        }
    }
}

/// Whether the viewer may see conversation `id` now.
async fn visible(server: &ServerState, hub: &Hub, viewer: Viewer, id: i64) -> bool {
    match server.store.conversation(id).await {
        Ok(Some(c)) => viewer.can_see(hub.policy(), c.assignee_id),
        _ => false,
    }
}

async fn forward(socket: &mut WebSocket, frame: &Outgoing, viewer: Viewer, hub: &Hub) -> bool {
    match frame.for_viewer(viewer, hub.policy(), hub.masking()) {
        Some(text) => send_text(socket, text.to_string()).await.is_ok(),
        None => true,
    }
}

async fn send_text(socket: &mut WebSocket, text: String) -> Result<(), ()> {
    match tokio::time::timeout(SEND_TIMEOUT, socket.send(Message::Text(text.into()))).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

async fn close(socket: &mut WebSocket, code: u16, reason: &'static str) -> Result<(), ()> {
    let frame = Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }));
    match tokio::time::timeout(SEND_TIMEOUT, socket.send(frame)).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

fn encode(frame: &ServerFrame) -> String {
    serde_json::to_string(frame).unwrap_or_else(|_| r#"{"type":"resync"}"#.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_points_parse() {
        assert_eq!(parse_resume(Some("ab:12")), Some(("ab", 12)));
        assert_eq!(parse_resume(Some("ab")), None);
        assert_eq!(parse_resume(Some("ab:x")), None);
        assert_eq!(parse_resume(None), None);
    }
}

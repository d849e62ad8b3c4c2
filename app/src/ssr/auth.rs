//! Who is asking: sessions, the signed-in user and role checks for server functions.

use super::now_ms;
use super::state::ServerState;
use super::store::UserRecord;
use crate::domain::roles::Role;
use crate::error::AppError;
use tower_sessions::Session;

const USER_ID: &str = "user_id";
const AUTH_EPOCH: &str = "auth_epoch";
const LOGIN_AT: &str = "login_at_ms";

fn session_error(err: tower_sessions::session::Error) -> AppError {
    tracing::warn!(error = %err, "session store error");
    AppError::Unavailable
}

/// The request's session (present on every route through the session layer).
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = ?e, "no session layer on this route");
        AppError::Internal
    })
}

/// Starts a signed-in session for `user` under a fresh session id, so an id planted before
/// login is worthless afterwards.
pub async fn begin(session: &Session, user: &UserRecord) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(USER_ID, user.id)
        .await
        .map_err(session_error)?;
    session
        .insert(AUTH_EPOCH, user.auth_epoch)
        .await
        .map_err(session_error)?;
    session
        .insert(LOGIN_AT, now_ms())
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Ends the session and deletes it from the store.
pub async fn end(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// How a session is named outside the cookie (revocations, socket signals): the hex SHA-256
/// of its id, so the id itself is never stored or sent anywhere else.
pub fn session_key(id: &tower_sessions::session::Id) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(id.to_string().as_bytes()))
}

/// Signs out: the session is revoked (nothing can bring it back), deleted, and its open
/// consoles are told to close.
pub async fn sign_out(state: &ServerState, session: &Session) -> Result<(), AppError> {
    if let Some(id) = session.id() {
        let key = session_key(&id);
        let now = now_ms();
        state
            .store
            .revoke_session(&key, now + state.sessions.absolute_ms, now)
            .await?;
        end(session).await?;
        if let Err(e) = state
            .store
            .signal(super::store::Change::SignedOut { session: key })
            .await
        {
            // The sockets' own check closes them within seconds anyway.
            tracing::warn!(error = %e, "cannot announce a sign-out");
        }
        return Ok(());
    }
    end(session).await
}

/// The signed-in user, or `None`. A session whose account was disabled, whose password was
/// reset, or that outlived its absolute lifetime is ended here.
pub async fn current_user(
    state: &ServerState,
    session: &Session,
) -> Result<Option<UserRecord>, AppError> {
    let Some(user_id) = session.get::<i64>(USER_ID).await.map_err(session_error)? else {
        return Ok(None);
    };
    let epoch = session
        .get::<i64>(AUTH_EPOCH)
        .await
        .map_err(session_error)?;
    let login_at = session
        .get::<i64>(LOGIN_AT)
        .await
        .map_err(session_error)?
        .unwrap_or(0);
    let user = state.store.user_by_id(user_id).await?;
    let now = now_ms();
    let revoked = match session.id() {
        Some(id) => state.store.session_revoked(&session_key(&id), now).await?,
        None => false,
    };
    let valid = !revoked
        && match &user {
            Some(u) => {
                !u.disabled
                    && Some(u.auth_epoch) == epoch
                    && !state.sessions.outlived(login_at, now)
            }
            None => false,
        };
    if valid {
        Ok(user)
    } else {
        end(session).await?;
        Ok(None)
    }
}

/// The signed-in user if their role is at least `min`; otherwise the error to answer with.
pub async fn require(min: Role) -> Result<(ServerState, UserRecord), AppError> {
    let state = ServerState::current()?;
    let session = session().await?;
    let user = current_user(&state, &session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !user.role.at_least(min) {
        return Err(AppError::Forbidden);
    }
    Ok((state, user))
}

/// The client's address as the login throttle keys it (`domain::client_address`).
pub async fn client_address(state: &ServerState) -> String {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    let Ok(ConnectInfo(peer)) = leptos_axum::extract::<ConnectInfo<SocketAddr>>().await else {
        return "unknown".to_string();
    };
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    client_address_of(state, peer.ip(), &headers)
}

/// [`client_address`] for a plain route that has the peer and the headers already.
pub fn client_address_of(
    state: &ServerState,
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
) -> String {
    // Several headers are one list, in order.
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    crate::domain::client_address::client_key(
        peer,
        Some(forwarded.as_str()).filter(|f| !f.is_empty()),
        &state.trusted_proxies,
    )
}

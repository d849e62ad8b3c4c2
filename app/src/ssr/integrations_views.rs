//! Store records → what Settings → Integrations shows. Secrets and hashes stay behind: the
//! views carry none (the one-time token or secret is added by the server function that
//! created it).

use super::integration_store::{ApiTokenRecord, DeliveryRecord, DeliveryState, WebhookRecord};
use super::store::UserRecord;
use crate::wire::integrations::{DeliveryStateView, DeliveryView, TokenView, WebhookView};

/// `users` names the owners; a token whose owner is gone shows `#id`.
pub fn token_view(token: ApiTokenRecord, users: &[UserRecord]) -> TokenView {
    let owner_name = users
        .iter()
        .find(|u| u.id == token.owner_id)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| format!("#{}", token.owner_id));
    TokenView {
        id: token.id,
        name: token.name,
        scope: token.scope,
        prefix: token.prefix,
        owner_name,
        created_at_ms: token.created_at_ms,
        last_used_at_ms: token.last_used_at_ms,
        revoked_at_ms: token.revoked_at_ms,
    }
}

pub fn webhook_view(webhook: WebhookRecord) -> WebhookView {
    WebhookView {
        id: webhook.id,
        url: webhook.url,
        description: webhook.description,
        events: webhook.events,
        allow_private: webhook.allow_private,
        enabled: webhook.enabled,
        created_at_ms: webhook.created_at_ms,
    }
}

pub fn delivery_view(delivery: DeliveryRecord) -> DeliveryView {
    DeliveryView {
        id: delivery.id,
        event_type: delivery.event_type,
        event_key: delivery.event_key,
        state: match delivery.state {
            DeliveryState::Pending => DeliveryStateView::Pending,
            DeliveryState::Delivered => DeliveryStateView::Delivered,
            DeliveryState::Failed => DeliveryStateView::Failed,
        },
        attempts: delivery.attempts,
        last_status: delivery.last_status,
        last_error: delivery.last_error,
        // Only a pending delivery has a next attempt worth showing.
        next_attempt_at_ms: delivery
            .next_attempt_at_ms
            .filter(|_| delivery.state == DeliveryState::Pending),
        created_at_ms: delivery.created_at_ms,
        delivered_at_ms: delivery.delivered_at_ms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::integrations::tokens::Scope;
    use crate::domain::integrations::webhooks::EventType;

    fn token(owner_id: i64) -> ApiTokenRecord {
        ApiTokenRecord {
            id: 3,
            name: "CRM".into(),
            scope: Scope::Write,
            prefix: "bzn_AbCdEfGh".into(),
            owner_id,
            created_at_ms: 10,
            last_used_at_ms: None,
            revoked_at_ms: Some(20),
        }
    }

    #[test]
    fn a_token_names_its_owner_or_their_id() {
        let alex = UserRecord {
            time_zone: None,
            id: 1,
            email: "alex@x".into(),
            name: "Alex Admin".into(),
            role: crate::domain::roles::Role::Admin,
            password_hash: String::new(),
            capacity: 5,
            language: None,
            disabled: false,
            auth_epoch: 0,
            created_at_ms: 0,
            updated_at_ms: 0,
        };
        let view = token_view(token(1), std::slice::from_ref(&alex));
        assert_eq!(view.owner_name, "Alex Admin");
        assert_eq!(view.prefix, "bzn_AbCdEfGh");
        assert_eq!(view.revoked_at_ms, Some(20));
        assert_eq!(token_view(token(9), &[alex]).owner_name, "#9");
    }

    #[test]
    fn a_settled_delivery_shows_no_next_attempt() {
        let delivery = |state| DeliveryRecord {
            id: 1,
            endpoint_id: 2,
            event_key: "message.created:5".into(),
            event_type: EventType::MessageCreated,
            payload: "{}".into(),
            state,
            attempts: 2,
            next_attempt_at_ms: Some(99),
            last_status: Some(500),
            last_error: Some("HTTP 500".into()),
            created_at_ms: 1,
            delivered_at_ms: None,
        };
        let pending = delivery_view(delivery(DeliveryState::Pending));
        assert_eq!(pending.state, DeliveryStateView::Pending);
        assert_eq!(pending.next_attempt_at_ms, Some(99));
        let failed = delivery_view(delivery(DeliveryState::Failed));
        assert_eq!(failed.state, DeliveryStateView::Failed);
        assert_eq!(failed.next_attempt_at_ms, None);
    }
}

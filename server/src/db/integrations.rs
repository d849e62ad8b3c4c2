//! (stub: being written) API tokens, webhooks, deliveries and the API's reads.

macro_rules! integration_queries {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::IntegrationStore for $store {
            async fn create_api_token(
                &self,
                _token: &app::ssr::NewApiToken,
                _now_ms: i64,
            ) -> Result<app::ssr::ApiTokenRecord, StoreError> {
                Err(StoreError::Other(
                    "create_api_token: not written yet".into(),
                ))
            }
            async fn api_tokens(&self) -> Result<Vec<app::ssr::ApiTokenRecord>, StoreError> {
                Err(StoreError::Other("api_tokens: not written yet".into()))
            }
            async fn api_token_by_hash(
                &self,
                _hash: &str,
            ) -> Result<Option<app::ssr::ApiTokenRecord>, StoreError> {
                Err(StoreError::Other(
                    "api_token_by_hash: not written yet".into(),
                ))
            }
            async fn revoke_api_token(
                &self,
                _id: i64,
                _now_ms: i64,
            ) -> Result<app::ssr::ApiTokenRecord, StoreError> {
                Err(StoreError::Other(
                    "revoke_api_token: not written yet".into(),
                ))
            }
            async fn touch_api_token(&self, _id: i64, _now_ms: i64) -> Result<(), StoreError> {
                Err(StoreError::Other("touch_api_token: not written yet".into()))
            }
            async fn webhooks(&self) -> Result<Vec<app::ssr::WebhookRecord>, StoreError> {
                Err(StoreError::Other("webhooks: not written yet".into()))
            }
            async fn webhook(
                &self,
                _id: i64,
            ) -> Result<Option<app::ssr::WebhookRecord>, StoreError> {
                Err(StoreError::Other("webhook: not written yet".into()))
            }
            async fn create_webhook(
                &self,
                _draft: &app::ssr::WebhookDraft,
                _secret: &str,
                _now_ms: i64,
            ) -> Result<app::ssr::WebhookRecord, StoreError> {
                Err(StoreError::Other("create_webhook: not written yet".into()))
            }
            async fn update_webhook(
                &self,
                _id: i64,
                _draft: &app::ssr::WebhookDraft,
                _now_ms: i64,
            ) -> Result<app::ssr::WebhookRecord, StoreError> {
                Err(StoreError::Other("update_webhook: not written yet".into()))
            }
            async fn delete_webhook(&self, _id: i64) -> Result<(), StoreError> {
                Err(StoreError::Other("delete_webhook: not written yet".into()))
            }
            async fn enqueue_deliveries(
                &self,
                _deliveries: &[app::ssr::NewDelivery],
                _now_ms: i64,
            ) -> Result<u64, StoreError> {
                Err(StoreError::Other(
                    "enqueue_deliveries: not written yet".into(),
                ))
            }
            async fn claim_deliveries(
                &self,
                _now_ms: i64,
                _lease_until_ms: i64,
                _limit: u32,
            ) -> Result<Vec<app::ssr::DeliveryRecord>, StoreError> {
                Err(StoreError::Other(
                    "claim_deliveries: not written yet".into(),
                ))
            }
            async fn record_attempt(
                &self,
                _delivery_id: i64,
                _outcome: &app::ssr::AttemptOutcome,
                _now_ms: i64,
            ) -> Result<(), StoreError> {
                Err(StoreError::Other("record_attempt: not written yet".into()))
            }
            async fn deliveries(
                &self,
                _endpoint_id: i64,
                _before_id: Option<i64>,
                _limit: u32,
            ) -> Result<Vec<app::ssr::DeliveryRecord>, StoreError> {
                Err(StoreError::Other("deliveries: not written yet".into()))
            }
            async fn redeliver(&self, _delivery_id: i64, _now_ms: i64) -> Result<(), StoreError> {
                Err(StoreError::Other("redeliver: not written yet".into()))
            }
            async fn events_after(
                &self,
                _after_id: i64,
                _limit: u32,
            ) -> Result<Vec<app::domain::reports::Event>, StoreError> {
                Err(StoreError::Other("events_after: not written yet".into()))
            }
            async fn messages_after(
                &self,
                _after_id: i64,
                _limit: u32,
            ) -> Result<Vec<app::ssr::MessageRecord>, StoreError> {
                Err(StoreError::Other("messages_after: not written yet".into()))
            }
            async fn contacts_page(
                &self,
                _search: Option<&str>,
                _before_id: Option<i64>,
                _limit: u32,
            ) -> Result<Vec<app::ssr::ContactRecord>, StoreError> {
                Err(StoreError::Other("contacts_page: not written yet".into()))
            }
            async fn set_contact_marketing(
                &self,
                _contact_id: i64,
                _consent: app::domain::contacts::MarketingConsent,
                _now_ms: i64,
            ) -> Result<app::ssr::ContactRecord, StoreError> {
                Err(StoreError::Other(
                    "set_contact_marketing: not written yet".into(),
                ))
            }
            async fn conversations_page(
                &self,
                _query: &app::ssr::ConversationQuery,
            ) -> Result<Vec<app::ssr::ConversationRow>, StoreError> {
                Err(StoreError::Other(
                    "conversations_page: not written yet".into(),
                ))
            }
            async fn conversation_row(
                &self,
                _id: i64,
            ) -> Result<Option<app::ssr::ConversationRow>, StoreError> {
                Err(StoreError::Other(
                    "conversation_row: not written yet".into(),
                ))
            }
            async fn conversation_messages(
                &self,
                _conversation_id: i64,
                _after_id: Option<i64>,
                _limit: u32,
            ) -> Result<Vec<app::ssr::MessageRecord>, StoreError> {
                Err(StoreError::Other(
                    "conversation_messages: not written yet".into(),
                ))
            }
        }
    };
}

//! Signed-out sessions (`revoked_sessions`), written once with `$n` parameters and stamped out
//! per database by `revoked_session_queries!`; each `UserStore` implementation calls these.

/// Adds the revoked-session queries to one database's store.
macro_rules! revoked_session_queries {
    ($store:ty) => {
        impl $store {
            /// Records `key` as signed out until `until_ms`, dropping entries already past.
            async fn record_revoked(&self, key: &str, until_ms: i64, now_ms: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM revoked_sessions WHERE until_at < $1")
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                sqlx::query(
                    "INSERT INTO revoked_sessions (key, until_at) VALUES ($1, $2)
                     ON CONFLICT (key) DO UPDATE SET until_at = excluded.until_at",
                )
                .bind(key)
                .bind(until_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
                tx.commit().await.map_err(store_error)
            }

            async fn is_revoked(&self, key: &str, now_ms: i64) -> Result<bool, StoreError> {
                let found: Option<i64> = sqlx::query_scalar(
                    "SELECT CAST(1 AS BIGINT) FROM revoked_sessions WHERE key = $1 AND until_at >= $2",
                )
                .bind(key)
                .bind(now_ms)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(found.is_some())
            }
        }
    };
}

pub(crate) use revoked_session_queries;

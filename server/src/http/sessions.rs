//! Bridges tower-sessions-sqlx-store 0.15, which implements the session-store trait of
//! tower-sessions-core 0.14, to tower-sessions 0.15 (core 0.15). The two versions' records,
//! ids and errors have the same shape, so the adapter only moves fields across.

use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions_core_014 as old;

#[derive(Clone, Debug)]
pub struct Compat<S>(pub S);

fn old_id(id: &Id) -> old::session::Id {
    old::session::Id(id.0)
}

fn old_record(record: &Record) -> old::session::Record {
    old::session::Record {
        id: old_id(&record.id),
        data: record.data.clone(),
        expiry_date: record.expiry_date,
    }
}

fn new_record(record: old::session::Record) -> Record {
    Record {
        id: Id(record.id.0),
        data: record.data,
        expiry_date: record.expiry_date,
    }
}

fn new_error(err: old::session_store::Error) -> session_store::Error {
    match err {
        old::session_store::Error::Encode(e) => session_store::Error::Encode(e),
        old::session_store::Error::Decode(e) => session_store::Error::Decode(e),
        old::session_store::Error::Backend(e) => session_store::Error::Backend(e),
    }
}

#[async_trait::async_trait]
impl<S> SessionStore for Compat<S>
where
    S: old::session_store::SessionStore + Clone,
{
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let mut old = old_record(record);
        self.0.create(&mut old).await.map_err(new_error)?;
        record.id = Id(old.id.0);
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.0.save(&old_record(record)).await.map_err(new_error)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        self.0
            .load(&old_id(id))
            .await
            .map(|r| r.map(new_record))
            .map_err(new_error)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.0.delete(&old_id(id)).await.map_err(new_error)
    }
}

//! Customers' media: fetched from Meta (media id -> short-lived URL -> authenticated
//! download) into a content-addressed store under the data directory, and served to
//! signed-in users only. A failed download is retried and, if it keeps failing, recorded on
//! the media with the reason — never silently lost.

use crate::whatsapp::graph::{GraphError, WhatsAppApi};
use app::domain::pacing::retry_delay_ms;
use app::ssr::{now_ms, MediaRecord, Store, StoreError};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Meta delivers customers' files up to 100 MB.
pub const MAX_INBOUND_BYTES: u64 = 100 * 1024 * 1024;
/// Attempts before a download is given up.
pub const MAX_ATTEMPTS: u32 = 6;

/// Files named by the hex SHA-256 of their bytes, two levels deep.
#[derive(Clone, Debug)]
pub struct MediaFiles {
    root: PathBuf,
}

impl MediaFiles {
    pub fn new(root: PathBuf) -> MediaFiles {
        MediaFiles { root }
    }

    fn path(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64 && sha256.chars().all(|c| c.is_ascii_hexdigit());
        valid.then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    /// Stores the bytes (once: equal content is one file) and returns their hex SHA-256.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = hex::encode(Sha256::digest(bytes));
        let path = self.path(&sha).expect("a hex digest is a valid name");
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(sha);
        }
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        // Write aside, then rename: a crash never leaves a half file under the real name.
        let partial = path.with_extension(format!("partial-{}", rand::random::<u32>()));
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(sha)
    }

    /// Deletes a file; one already gone is fine (another instance, an earlier attempt).
    pub async fn remove(&self, sha256: &str) -> std::io::Result<()> {
        let Some(path) = self.path(sha256) else {
            return Ok(());
        };
        match tokio::fs::remove_file(&path).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Where files arriving from browsers are streamed before they are accepted.
    pub fn incoming(&self) -> PathBuf {
        self.root.join("incoming")
    }

    pub async fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self
            .path(sha256)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a sha256"))?;
        tokio::fs::read(path).await
    }
}

enum FetchError {
    /// Worth another try later.
    Again(String),
    /// Will not get better.
    Never(String),
}

fn graph(err: GraphError) -> FetchError {
    if err.is_transient() {
        FetchError::Again(err.to_string())
    } else {
        FetchError::Never(err.to_string())
    }
}

/// Meta's `sha256` is base64 in real payloads and hex in some documentation.
fn matches_meta_digest(meta: &str, bytes: &[u8]) -> bool {
    let digest = Sha256::digest(bytes);
    let hex_digest = hex::encode(digest);
    if meta.eq_ignore_ascii_case(&hex_digest) {
        return true;
    }
    use base64_engine::encode;
    encode(&digest) == meta.trim_end_matches('=') || encode(&digest) + "=" == meta
}

mod base64_engine {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// Standard base64 without padding.
    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }
}

async fn fetch(
    api: &dyn WhatsAppApi,
    files: &MediaFiles,
    media: &MediaRecord,
) -> Result<(String, String, i64), FetchError> {
    let info = api.media_info(&media.media_id).await.map_err(graph)?;
    if info.file_size.is_some_and(|s| s > MAX_INBOUND_BYTES) {
        return Err(FetchError::Never("the file is larger than 100 MB".into()));
    }
    let bytes = match api.download(&info.url, MAX_INBOUND_BYTES).await {
        Err(GraphError::TooLarge(_)) => {
            return Err(FetchError::Never("the file is larger than 100 MB".into()))
        }
        other => other.map_err(graph)?,
    };
    if let Some(expected) = &info.sha256 {
        if !matches_meta_digest(expected, &bytes) {
            return Err(FetchError::Again(
                "the download was damaged (checksum mismatch)".into(),
            ));
        }
    }
    let sha = files
        .put(&bytes)
        .await
        .map_err(|e| FetchError::Again(format!("the media store could not save it: {e}")))?;
    Ok((sha, info.mime_type, bytes.len() as i64))
}

/// Fetches what is due; returns how many files were stored.
pub async fn fetch_due(
    store: &dyn Store,
    api: &dyn WhatsAppApi,
    files: &MediaFiles,
    now: i64,
) -> Result<u32, StoreError> {
    let mut stored = 0;
    for media in store.media_due(now, 10).await? {
        match fetch(api, files, &media).await {
            Ok((sha, mime, size)) => {
                store
                    .media_stored(&media.media_id, &sha, &mime, size, now)
                    .await?;
                stored += 1;
            }
            Err(FetchError::Again(why)) if media.attempts + 1 < MAX_ATTEMPTS => {
                let next = now + retry_delay_ms(media.attempts, None, rand::random::<f64>());
                tracing::warn!(media_id = %media.media_id, %why, "media download will be retried");
                store
                    .media_fetch_failed(&media.media_id, Some(next), &why, now)
                    .await?;
            }
            Err(FetchError::Again(why) | FetchError::Never(why)) => {
                tracing::warn!(media_id = %media.media_id, %why, "media download given up");
                store
                    .media_fetch_failed(&media.media_id, None, &why, now)
                    .await?;
            }
        }
    }
    Ok(stored)
}

/// Starts the fetcher; it runs until the process ends.
/// Deletes the files the store queued (erasure, retention) once nothing names them any more.
/// Returns how many went.
pub async fn purge_due(store: &dyn Store, files: &MediaFiles) -> Result<usize, StoreError> {
    let due = store.media_to_purge(100).await?;
    let mut gone = Vec::with_capacity(due.len());
    for sha in due {
        match files.remove(&sha).await {
            Ok(()) => gone.push(sha),
            // Kept in the queue: tried again on the next pass.
            Err(e) => tracing::error!(error = %e, file = %sha, "cannot delete a media file"),
        }
    }
    store.media_purged(&gone).await?;
    Ok(gone.len())
}

pub fn spawn(store: Arc<dyn Store>, api: Arc<dyn WhatsAppApi>, files: MediaFiles) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = purge_due(&*store, &files).await {
                tracing::error!(error = %e, "media purge: database error");
            }
            match fetch_due(&*store, &*api, &files, now_ms()).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "media fetcher: database error"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_digests_in_base64_or_hex() {
        let bytes = b"hello";
        let hex_digest = hex::encode(Sha256::digest(bytes));
        assert!(matches_meta_digest(&hex_digest, bytes));
        assert!(matches_meta_digest(
            "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",
            bytes
        ));
        assert!(!matches_meta_digest(
            "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ",
            b"other"
        ));
    }

    #[tokio::test]
    async fn equal_content_is_one_file() {
        let dir = tempfile::TempDir::new().expect("dir");
        let files = MediaFiles::new(dir.path().to_path_buf());
        let a = files.put(b"same").await.expect("put");
        let b = files.put(b"same").await.expect("put");
        assert_eq!(a, b);
        assert_eq!(files.read(&a).await.expect("read"), b"same");
        assert!(
            files.read("../../etc/passwd").await.is_err(),
            "only digests are names"
        );
    }
}

/// Why a file cannot be sent, in terms an agent can act on.
#[derive(Debug, thiserror::Error)]
pub enum UploadProblem {
    #[error("the file is empty")]
    Empty,
    #[error("WhatsApp does not accept {mime} files")]
    UnsupportedType { mime: String },
    #[error("WhatsApp accepts {kind} files up to {max_bytes} bytes; this one has {size}")]
    TooLarge {
        kind: &'static str,
        max_bytes: u64,
        size: u64,
    },
    #[error(transparent)]
    WhatsApp(#[from] GraphError),
}

/// The WhatsApp media type a file is sent as.
pub fn kind_for(mime: &str) -> Option<app::domain::message::MediaKind> {
    app::domain::outbound::kind_for_mime(mime)
}

/// Checks Meta's type and size limits, then uploads to `/{phone-number-id}/media`.
pub async fn upload(
    api: &dyn WhatsAppApi,
    bytes: Vec<u8>,
    mime: &str,
    filename: &str,
) -> Result<(app::domain::message::MediaKind, String), UploadProblem> {
    if bytes.is_empty() {
        return Err(UploadProblem::Empty);
    }
    let kind =
        kind_for(mime).ok_or_else(|| UploadProblem::UnsupportedType { mime: mime.into() })?;
    let max_bytes = app::domain::outbound::media_size_limit(kind, false);
    let size = bytes.len() as u64;
    if size > max_bytes {
        return Err(UploadProblem::TooLarge {
            kind: kind.as_str(),
            max_bytes,
            size,
        });
    }
    let id = api.upload_media(bytes, mime, filename).await?;
    Ok((kind, id))
}

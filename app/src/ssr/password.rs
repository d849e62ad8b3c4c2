//! argon2id hashing, bounded. Every hash in the process (sign-in, the decoy for unknown emails,
//! password changes, new users, the command line) goes through one [`Hasher`]: at most a few
//! at a time, each on a blocking thread so it never stalls the async runtime, each with a
//! memory buffer kept from one hash to the next. A burst of sign-ins (or of guesses) costs
//! neither gigabytes of memory nor every thread; one that finds no free slot in time is told
//! the desk is busy (503) instead of queueing without end.

use crate::error::AppError;
use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::Semaphore;

/// argon2id cost parameters. A stored hash made with other parameters is upgraded at the
/// next successful login.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for HashParams {
    /// OWASP's recommended argon2id minimum: 19 MiB, 2 iterations, 1 lane.
    fn default() -> Self {
        HashParams {
            memory_kib: 19 * 1024,
            iterations: 2,
            parallelism: 1,
        }
    }
}

impl HashParams {
    fn argon2(self) -> Result<(Argon2<'static>, Params), AppError> {
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, None)
            .map_err(|e| {
                tracing::error!(error = %e, "bad argon2 parameters");
                AppError::Internal
            })?;
        Ok((
            Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone()),
            params,
        ))
    }

    fn matches(self, hash: &PasswordHash<'_>) -> bool {
        let Ok(params) = Params::try_from(hash) else {
            return false;
        };
        hash.algorithm == argon2::ARGON2ID_IDENT
            && hash.version == Some(Version::V0x13.into())
            && params.m_cost() == self.memory_kib
            && params.t_cost() == self.iterations
            && params.p_cost() == self.parallelism
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Wrong,
    Right,
    /// Right, and the stored hash should be replaced with one made with today's parameters.
    RightButRehash,
}

/// Hashes at once. Each slot keeps its 19 MiB of argon2 memory for the life of the process
/// (freeing it would not give it back to the system: glibc keeps blocks that large), so the
/// slots are what sign-ins cost in memory. One slot still signs in about 60 people a second on
/// the 2-core machines the desk is sized for, and keeps the server under 64 MiB after 200
/// sign-ins (docs/benchmarks.md); with two it measured 71 MiB.
pub const DEFAULT_SLOTS: usize = 1;
/// How long a hash waits for a free slot before the answer is "busy, try again".
pub const DEFAULT_PATIENCE: Duration = Duration::from_secs(5);

/// The process's one way to hash and check passwords (built in `main`, kept in the state).
pub struct Hasher {
    params: HashParams,
    slots: Semaphore,
    /// argon2's working memory, one buffer per slot, reused: allocating 19 MiB per hash left
    /// the allocator holding hundreds of MiB after a few hundred sign-ins.
    buffers: Mutex<Vec<Vec<Block>>>,
    patience: Duration,
}

impl Hasher {
    pub fn new(params: HashParams, slots: usize) -> Hasher {
        Hasher::with_patience(params, slots, DEFAULT_PATIENCE)
    }

    pub fn with_patience(params: HashParams, slots: usize, patience: Duration) -> Hasher {
        Hasher {
            params,
            slots: Semaphore::new(slots.max(1)),
            buffers: Mutex::new(Vec::new()),
            patience,
        }
    }

    pub fn params(&self) -> HashParams {
        self.params
    }

    /// A new argon2id hash (PHC string) of `password` with today's parameters.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let (argon2, params) = self.params.argon2()?;
        self.run(move |memory| {
            let salt = SaltString::generate(&mut rand::rngs::OsRng);
            let salt = salt.as_salt();
            let mut salt_bytes = [0u8; 64];
            let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(hash_failed)?;
            let output_len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
            let output = compute(
                &argon2,
                &params,
                password.as_bytes(),
                salt_bytes,
                output_len,
                memory,
            )
            .ok_or(AppError::Internal)?;
            let phc = PasswordHash {
                algorithm: argon2::ARGON2ID_IDENT,
                version: Some(Version::V0x13.into()),
                params: argon2::password_hash::ParamsString::try_from(&params)
                    .map_err(hash_failed)?,
                salt: Some(salt),
                hash: Some(output),
            };
            Ok(phc.to_string())
        })
        .await
    }

    /// Whether `password` matches the stored PHC string (made with any parameters).
    pub async fn verify(&self, password: String, stored: String) -> Result<Verdict, AppError> {
        let today = self.params;
        self.run(move |memory| {
            let Ok(parsed) = PasswordHash::new(&stored) else {
                tracing::error!("a stored password hash could not be parsed");
                return Ok(Verdict::Wrong);
            };
            if !matches_stored(&parsed, password.as_bytes(), memory) {
                return Ok(Verdict::Wrong);
            }
            Ok(if today.matches(&parsed) {
                Verdict::Right
            } else {
                Verdict::RightButRehash
            })
        })
        .await
    }

    /// Spends the same effort as a real check, so an unknown email takes as long as a wrong
    /// password and response times reveal nothing.
    pub async fn waste_time(&self, password: String) -> Result<(), AppError> {
        self.hash(password).await.map(|_| ())
    }

    /// Runs `work` on a blocking thread with a memory buffer, once a slot is free.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vec<Block>) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let _slot = match tokio::time::timeout(self.patience, self.slots.acquire()).await {
            Ok(Ok(slot)) => slot,
            Ok(Err(_)) => return Err(AppError::Internal),
            Err(_) => {
                tracing::warn!("password hashing is saturated; answered busy");
                return Err(AppError::Busy {
                    retry_after_secs: 5,
                });
            }
        };
        let mut memory = self
            .buffers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop()
            .unwrap_or_default();
        let (memory, result) = tokio::task::spawn_blocking(move || {
            let result = work(&mut memory);
            (memory, result)
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing task failed");
            AppError::Internal
        })?;
        self.buffers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(memory);
        result
    }
}

fn hash_failed(e: argon2::password_hash::Error) -> AppError {
    tracing::error!(error = %e, "hashing failed");
    AppError::Internal
}

/// argon2 into `memory`, grown to what these parameters need (and kept that large).
fn compute(
    argon2: &Argon2<'_>,
    params: &Params,
    password: &[u8],
    salt: &[u8],
    output_len: usize,
    memory: &mut Vec<Block>,
) -> Option<Output> {
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), Block::default());
    }
    Output::init_with(output_len, |out| {
        argon2
            .hash_password_into_with_memory(password, salt, out, &mut memory[..])
            .map_err(|_| argon2::password_hash::Error::Crypto)
    })
    .ok()
}

/// Recomputes the stored hash's function over `password` with its own parameters and salt;
/// `Output`'s comparison takes the same time whatever the bytes.
fn matches_stored(stored: &PasswordHash<'_>, password: &[u8], memory: &mut Vec<Block>) -> bool {
    let (Ok(params), Ok(algorithm)) = (
        Params::try_from(stored),
        Algorithm::try_from(stored.algorithm),
    ) else {
        return false;
    };
    let version = match stored.version.map(Version::try_from).transpose() {
        Ok(version) => version.unwrap_or_default(),
        Err(_) => return false,
    };
    let (Some(salt), Some(expected)) = (stored.salt, stored.hash) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let argon2 = Argon2::new(algorithm, version, params.clone());
    compute(&argon2, &params, password, salt, expected.len(), memory)
        .is_some_and(|computed| computed == expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> HashParams {
        HashParams {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        }
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = Hasher::new(cheap(), 1);
        let hash = hasher.hash("correct horse".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=64,t=1,p=1$"), "{hash}");
        assert_eq!(
            hasher.verify("correct horse".into(), hash.clone()).await,
            Ok(Verdict::Right)
        );
        assert_eq!(
            hasher.verify("wrong horse".into(), hash).await,
            Ok(Verdict::Wrong)
        );
        assert_eq!(
            hasher.verify("x".into(), "not a hash".into()).await,
            Ok(Verdict::Wrong)
        );
    }

    #[tokio::test]
    async fn hashes_made_by_the_argon2_crate_and_other_parameters_still_verify() {
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let params = Params::new(128, 2, 1, None).expect("params");
        let other = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"s3cret", &salt)
            .expect("hash")
            .to_string();
        let hasher = Hasher::new(cheap(), 1);
        assert_eq!(
            hasher.verify("s3cret".into(), other.clone()).await,
            Ok(Verdict::RightButRehash)
        );
        assert_eq!(
            hasher.verify("s3cret!".into(), other).await,
            Ok(Verdict::Wrong)
        );
        // And ours verify with the crate's own verifier.
        use argon2::password_hash::PasswordVerifier;
        let ours = hasher.hash("s3cret".into()).await.expect("hash");
        let parsed = PasswordHash::new(&ours).expect("phc");
        assert!(Argon2::default()
            .verify_password(b"s3cret", &parsed)
            .is_ok());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_full_hasher_answers_busy_instead_of_queueing_forever() {
        let hasher = std::sync::Arc::new(Hasher::with_patience(
            HashParams {
                memory_kib: 8 * 1024,
                iterations: 4,
                parallelism: 1,
            },
            1,
            Duration::from_millis(1),
        ));
        let tasks: Vec<_> = (0..8)
            .map(|i| {
                let hasher = hasher.clone();
                tokio::spawn(async move { hasher.hash(format!("pw{i}")).await })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.expect("task"));
        }
        assert!(answers.iter().any(Result::is_ok), "some are hashed");
        assert!(
            answers
                .iter()
                .any(|a| matches!(a, Err(AppError::Busy { .. }))),
            "the rest are told to try again: {answers:?}"
        );
        // One buffer per slot, however many hashes ran.
        assert_eq!(hasher.buffers.lock().expect("lock").len(), 1);
    }
}

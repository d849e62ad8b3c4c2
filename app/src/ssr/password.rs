//! argon2id hashing, always on a blocking thread so it never stalls the async runtime.

use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

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
    fn hasher(self) -> Result<Argon2<'static>, AppError> {
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, None)
            .map_err(|e| {
                tracing::error!(error = %e, "bad argon2 parameters");
                AppError::Internal
            })?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
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

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing task failed");
        AppError::Internal
    })?
}

pub async fn hash(password: String, params: HashParams) -> Result<String, AppError> {
    blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        params
            .hasher()?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| {
                tracing::error!(error = %e, "hashing failed");
                AppError::Internal
            })
    })
    .await
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Wrong,
    Right,
    /// Right, and the stored hash should be replaced with one made with today's parameters.
    RightButRehash,
}

pub async fn verify(
    password: String,
    stored: String,
    params: HashParams,
) -> Result<Verdict, AppError> {
    blocking(move || {
        let Ok(parsed) = PasswordHash::new(&stored) else {
            tracing::error!("a stored password hash could not be parsed");
            return Ok(Verdict::Wrong);
        };
        if Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_err()
        {
            return Ok(Verdict::Wrong);
        }
        Ok(if params.matches(&parsed) {
            Verdict::Right
        } else {
            Verdict::RightButRehash
        })
    })
    .await
}

/// Spends the same effort as a real check, so an unknown email takes as long as a wrong
/// password and response times reveal nothing.
pub async fn waste_time(password: String, params: HashParams) {
    let _ = hash(password, params).await;
}

//! The `X-Buzon-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC taken
//! with the endpoint's secret over `<t>.<body>`. The time is signed too, so a receiver that
//! refuses old timestamps cannot be sent a recorded delivery again.

use crate::whatsapp::signature as hmac_sha256;
use app::domain::integrations::webhooks::signed_content;

/// How far a signature's time may be from the receiver's clock in [`verify`].
pub const TOLERANCE_SECS: i64 = 5 * 60;

#[derive(Debug, PartialEq, Eq)]
pub enum SignatureError {
    /// Not `t=...,v1=...`.
    Malformed,
    /// Signed more than [`TOLERANCE_SECS`] away from `now`.
    Stale,
    /// No `v1` matches: another secret, or the body changed.
    Mismatch,
}

/// The header value for `body` sent at `timestamp_secs`.
pub fn sign(secret: &str, timestamp_secs: i64, body: &str) -> String {
    let content = signed_content(timestamp_secs, body);
    // The same HMAC the WhatsApp webhook checks; it answers `sha256=<hex>`.
    let mac = hmac_sha256::sign(secret.as_bytes(), content.as_bytes());
    let hex = mac.trim_start_matches("sha256=");
    format!("t={timestamp_secs},v1={hex}")
}

/// What a receiver does: checks the header against the raw body, in constant time. Any of
/// several `v1` values may match (room for a secret rotated later).
pub fn verify(secret: &str, header: &str, body: &str, now_secs: i64) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v1)) => signatures.push(v1),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now_secs - timestamp).abs() > TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    let content = signed_content(timestamp, body);
    let matches = signatures.iter().any(|v1| {
        let header = format!("sha256={v1}");
        hmac_sha256::verify(secret.as_bytes(), content.as_bytes(), Some(&header)).is_ok()
    });
    if matches {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"id":"event:1","type":"conversation.created"}"#;

    #[test]
    fn known_vector() {
        // printf '1700000000.%s' "$BODY" | openssl dgst -sha256 -hmac whsec_test
        assert_eq!(
            sign("whsec_test", 1_700_000_000, BODY),
            "t=1700000000,v1=948e59c51b684c7c4a650bd10884d6fbc3ecf4f651f42d85c585491f1e8c1575"
        );
    }

    #[test]
    fn verifies_what_it_signs_and_refuses_the_rest() {
        let header = sign("whsec_test", 1_700_000_000, BODY);
        assert_eq!(verify("whsec_test", &header, BODY, 1_700_000_100), Ok(()));
        assert_eq!(
            verify("whsec_other", &header, BODY, 1_700_000_100),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("whsec_test", &header, &format!("{BODY} "), 1_700_000_100),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(
                "whsec_test",
                &header,
                BODY,
                1_700_000_000 + TOLERANCE_SECS + 1
            ),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify("whsec_test", "v1=abc", BODY, 1_700_000_000),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify("whsec_test", "t=1700000000", BODY, 1_700_000_000),
            Err(SignatureError::Malformed)
        );
        // A rotated secret's signature next to the current one.
        let other = sign("whsec_old", 1_700_000_000, BODY);
        let both = format!("{header},v1={}", other.split("v1=").nth(1).unwrap());
        assert_eq!(verify("whsec_old", &both, BODY, 1_700_000_000), Ok(()));
    }
}

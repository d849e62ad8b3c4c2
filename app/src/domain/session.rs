//! Session lifetime rules and safe post-login redirects.

/// Idle and absolute session lifetimes, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle_ms: i64,
    pub absolute_ms: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle_ms: 30 * 60 * 1000,
            absolute_ms: 12 * 60 * 60 * 1000,
        }
    }
}

impl SessionPolicy {
    /// A session started at `login_at_ms` is over once its absolute lifetime has passed,
    /// however active it was. (Idle expiry is enforced by the session store's expiry.)
    pub fn outlived(&self, login_at_ms: i64, now_ms: i64) -> bool {
        now_ms.saturating_sub(login_at_ms) >= self.absolute_ms
    }
}

/// Where to send someone after login: only a path on this site, never another origin
/// (`//evil.example`, `https://…`, `/\evil`), falling back to the inbox.
pub fn safe_next(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.starts_with("/login")
                && !p.chars().any(char::is_control) =>
        {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

/// The login page's address that comes back to `path` afterwards.
pub fn login_url(path: &str) -> String {
    if path.is_empty() || path == "/" {
        return "/login".to_string();
    }
    let mut encoded = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                encoded.push(b as char)
            }
            _ => encoded.push_str(&format!("%{b:02X}")),
        }
    }
    format!("/login?next={encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_lifetime() {
        let p = SessionPolicy::default();
        assert!(!p.outlived(0, p.absolute_ms - 1));
        assert!(p.outlived(0, p.absolute_ms));
    }

    #[test]
    fn login_url_encodes_next() {
        assert_eq!(login_url("/"), "/login");
        assert_eq!(login_url("/users"), "/login?next=/users");
        assert_eq!(login_url("/a?b=c&d"), "/login?next=/a%3Fb%3Dc%26d");
    }

    #[test]
    fn next_stays_on_site() {
        assert_eq!(safe_next(Some("/users")), "/users");
        assert_eq!(safe_next(Some("/users?x=1")), "/users?x=1");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/login")), "/");
        assert_eq!(safe_next(Some("/a\nb")), "/");
        assert_eq!(safe_next(None), "/");
    }
}

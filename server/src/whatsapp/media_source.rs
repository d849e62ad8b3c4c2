//! Where customers' files may be downloaded from. The media-info answer names a URL that the
//! desk fetches WITH the access token, so a URL (or a redirect) pointing anywhere else would
//! hand the token, and a request from inside our network, to whoever wrote it. Allowed: https
//! to one of `WHATSAPP_MEDIA_HOSTS` (or a subdomain), or the API base's own origin (Meta's
//! Graph host, or the simulator in the demo and tests). Asked before the download and at
//! every redirect (`GraphClient::download`).

use url::Url;

/// Whether the desk may fetch `url` with its token.
pub fn is_allowed(url: &Url, api_base: &Url, hosts: &[String]) -> bool {
    if url.origin() == api_base.origin() {
        return true;
    }
    if url.scheme() != "https" || !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    let Some(url::Host::Domain(host)) = url.host() else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    hosts.iter().any(|allowed| {
        host == *allowed
            || host
                .strip_suffix(allowed.as_str())
                .is_some_and(|rest| rest.ends_with('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str, base: &str) -> bool {
        let hosts = crate::config::media_hosts(crate::config::DEFAULT_MEDIA_HOSTS);
        is_allowed(
            &Url::parse(url).expect("url"),
            &Url::parse(base).expect("base"),
            &hosts,
        )
    }

    #[test]
    fn only_metas_media_hosts_over_https_or_the_api_itself() {
        let meta = "https://graph.facebook.com";
        assert!(allowed(
            "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1",
            meta
        ));
        assert!(allowed("https://graph.facebook.com/v25.0/x", meta));
        assert!(
            !allowed("http://lookaside.fbsbx.com/x", meta),
            "not over http"
        );
        assert!(!allowed("https://fbsbx.com.evil.example/x", meta));
        assert!(!allowed("https://evilfbsbx.com/x", meta));
        assert!(!allowed("https://169.254.169.254/latest/meta-data", meta));
        assert!(!allowed("https://user@lookaside.fbsbx.com/x", meta));
        assert!(!allowed("http://127.0.0.1:8080/x", meta));
        let simulator = "http://127.0.0.1:3001";
        assert!(allowed("http://127.0.0.1:3001/media-download/t", simulator));
        assert!(!allowed(
            "http://127.0.0.1:3002/media-download/t",
            simulator
        ));
    }
}

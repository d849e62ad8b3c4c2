//! Links built from what others wrote (a customer's ad referral, a catalog entry, a report of
//! ads): only `http` and `https` become links or images. A `javascript:` or `data:` URL from
//! a webhook would otherwise run in the agent's session when clicked. Asked by every screen
//! that turns such text into an `href` or `src` (the inbox bubbles, the ads report, the
//! bot's catalog); the page's Content-Security-Policy is the second line (docs/security.md).

/// `raw` as a link, when it is an absolute `http(s)` URL.
pub fn web_link(raw: &str) -> Option<String> {
    let parsed = url::Url::parse(raw.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

#[cfg(test)]
mod tests {
    use super::web_link;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            web_link(" https://fb.me/ad?id=1 ").as_deref(),
            Some("https://fb.me/ad?id=1")
        );
        assert_eq!(
            web_link("http://shop.example/x").as_deref(),
            Some("http://shop.example/x")
        );
        for bad in [
            "javascript:alert(document.cookie)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "//evil.example/x",
            "/relative",
            "",
        ] {
            assert_eq!(web_link(bad), None, "{bad}");
        }
    }
}

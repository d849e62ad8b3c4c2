//! Meta's webhook bodies are ASCII-only JSON: non-ASCII as `\uXXXX` (UTF-16, lowercase hex)
//! and `/` as `\/`. The simulator writes them the same way, so a desk that re-serialised the
//! JSON before checking the signature would fail here as it would against Meta.

pub fn meta_json(value: &serde_json::Value) -> String {
    let plain = value.to_string();
    let mut out = String::with_capacity(plain.len() + plain.len() / 8);
    for c in plain.chars() {
        match c {
            // '/' and non-ASCII only ever occur inside JSON strings, so escaping is safe.
            '/' => out.push_str("\\/"),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_only_and_still_the_same_json() {
        let v = serde_json::json!({"text": "mangé みどり 👍", "url": "https://x/y"});
        let s = meta_json(&v);
        assert!(s.is_ascii(), "{s}");
        assert!(s.contains("mang\\u00e9"));
        assert!(
            s.contains("\\ud83d\\udc4d"),
            "emoji as a surrogate pair: {s}"
        );
        assert!(s.contains("https:\\/\\/x\\/y"));
        let back: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(back, v);
    }
}

//! Message templates: their parts, their `{{…}}` parameters and how they read once filled.
//! Filling one for a send lives in `template_form`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterFormat {
    #[default]
    Positional,
    Named,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "format")]
pub enum TemplateHeader {
    Text {
        text: String,
    },
    /// IMAGE, VIDEO, DOCUMENT, GIF or LOCATION: supplied at send time.
    Media {
        kind: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateButton {
    /// QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW…
    pub kind: String,
    pub text: String,
    pub url: Option<String>,
    pub phone_number: Option<String>,
    /// Meta's example: the URL suffix or the coupon code.
    #[serde(default)]
    pub example: Option<String>,
}

/// A template's content in the desk's own terms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateContent {
    pub parameter_format: ParameterFormat,
    pub header: Option<TemplateHeader>,
    pub body: String,
    pub footer: Option<String>,
    pub buttons: Vec<TemplateButton>,
    /// Meta's example values, in placeholder order: used for previews.
    pub header_examples: Vec<String>,
    pub body_examples: Vec<String>,
}

/// The placeholders of a text in order of appearance: `1`, `2`… or names.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            found.push(name.to_string());
        }
        rest = &after[end + 2..];
    }
    found
}

/// The text with each placeholder replaced by `value(name)`; unknown ones stay visible.
pub fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = after[..end].trim();
        match value(name) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Fills positional (`{{1}}`) or named placeholders from a list given in order.
pub fn fill_in_order(text: &str, values: &[String]) -> String {
    let names = placeholders(text);
    fill(text, |name| match name.parse::<usize>() {
        Ok(n) => values.get(n.checked_sub(1)?).cloned(),
        Err(_) => names
            .iter()
            .position(|x| x == name)
            .and_then(|i| values.get(i))
            .cloned(),
    })
}

impl TemplateContent {
    /// How the template reads with Meta's example values.
    pub fn preview(&self) -> (Option<String>, String) {
        let header = match &self.header {
            Some(TemplateHeader::Text { text }) => Some(fill_in_order(text, &self.header_examples)),
            Some(TemplateHeader::Media { kind }) => Some(format!("[{}]", kind.to_lowercase())),
            None => None,
        };
        (header, fill_in_order(&self.body, &self.body_examples))
    }

    /// How many values a send must give for the body and the header.
    pub fn parameter_counts(&self) -> (usize, usize) {
        let header = match &self.header {
            Some(TemplateHeader::Text { text }) => placeholders(text).len(),
            _ => 0,
        };
        (placeholders(&self.body).len(), header)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_positional_and_named_placeholders() {
        assert_eq!(placeholders("Hola {{1}}, pedido {{2}}"), ["1", "2"]);
        assert_eq!(
            placeholders("Hi {{ first_name }} on {{date}}"),
            ["first_name", "date"]
        );
        assert!(placeholders("no {{ }} here {{").is_empty());
    }

    #[test]
    fn fills_in_order_and_keeps_what_is_missing() {
        let v = vec!["Lucía".to_string(), "A-1".to_string()];
        assert_eq!(
            fill_in_order("Hola {{1}}, pedido {{2}}", &v),
            "Hola Lucía, pedido A-1"
        );
        assert_eq!(fill_in_order("{{first_name}}: {{code}}", &v), "Lucía: A-1");
        assert_eq!(fill_in_order("{{1}} {{3}}", &v), "Lucía {{3}}");
        assert_eq!(fill_in_order("broken {{1", &v), "broken {{1");
    }

    #[test]
    fn previews_with_examples() {
        let t = TemplateContent {
            header: Some(TemplateHeader::Text {
                text: "Pedido {{1}}".into(),
            }),
            body: "Hola {{1}}, llega el {{2}}.".into(),
            header_examples: vec!["A-1042".into()],
            body_examples: vec!["Lucía".into(), "jueves".into()],
            ..TemplateContent::default()
        };
        assert_eq!(
            t.preview(),
            (
                Some("Pedido A-1042".into()),
                "Hola Lucía, llega el jueves.".into()
            )
        );
        assert_eq!(t.parameter_counts(), (2, 1));
    }
}

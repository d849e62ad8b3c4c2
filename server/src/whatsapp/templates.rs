//! Template sync: the business account's templates, all pages, into the store. Runs at
//! start-up, every 15 minutes, on demand ("Sync now") and after template webhooks.

use super::graph::{GraphError, WhatsAppApi};
use app::domain::templates::{ParameterFormat, TemplateButton, TemplateContent, TemplateHeader};
use app::ssr::{now_ms, Store, SyncReport, SyncedTemplate};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, Notify};

/// Pages followed at most (100 templates each; an account holds at most 250 per language).
const MAX_PAGES: usize = 100;

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// One template of Meta's list in the desk's terms; `None` when it lacks an id or a name.
pub fn from_meta(t: &Value) -> Option<SyncedTemplate> {
    let mut content = TemplateContent {
        parameter_format: match t.get("parameter_format").and_then(Value::as_str) {
            Some("NAMED") | Some("named") => ParameterFormat::Named,
            _ => ParameterFormat::Positional,
        },
        ..TemplateContent::default()
    };
    for c in t
        .get("components")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let kind = c
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_uppercase();
        match kind.as_str() {
            "HEADER" => {
                let format = c
                    .get("format")
                    .and_then(Value::as_str)
                    .unwrap_or("TEXT")
                    .to_ascii_uppercase();
                content.header = Some(if format == "TEXT" {
                    TemplateHeader::Text {
                        text: text(c, "text").unwrap_or_default(),
                    }
                } else {
                    TemplateHeader::Media { kind: format }
                });
                content.header_examples =
                    examples(c.get("example"), "header_text", "header_text_named_params");
            }
            "BODY" => {
                content.body = text(c, "text").unwrap_or_default();
                content.body_examples =
                    examples(c.get("example"), "body_text", "body_text_named_params");
            }
            "FOOTER" => content.footer = text(c, "text"),
            "BUTTONS" => {
                content.buttons = c
                    .get("buttons")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|b| TemplateButton {
                        kind: text(b, "type").unwrap_or_default().to_ascii_uppercase(),
                        text: text(b, "text").unwrap_or_default(),
                        url: text(b, "url"),
                        phone_number: text(b, "phone_number"),
                        // A URL button's example is a list, a copy-code button's a string.
                        example: text(b, "example").or_else(|| {
                            b.pointer("/example/0")
                                .and_then(Value::as_str)
                                .map(str::to_string)
                        }),
                    })
                    .collect();
            }
            _ => {}
        }
    }
    Some(SyncedTemplate {
        meta_id: text(t, "id")?,
        name: text(t, "name")?,
        language: text(t, "language").unwrap_or_default(),
        status: text(t, "status")
            .unwrap_or_else(|| "UNKNOWN".into())
            .to_ascii_uppercase(),
        status_reason: text(t, "rejected_reason").filter(|r| r != "NONE"),
        category: text(t, "category").map(|c| c.to_ascii_uppercase()),
        quality: t
            .pointer("/quality_score/score")
            .and_then(Value::as_str)
            .map(str::to_string),
        content,
    })
}

/// Example values: positional (`[["a", "b"]]` or `["a"]`) or named (`[{param_name, example}]`).
fn examples(example: Option<&Value>, positional: &str, named: &str) -> Vec<String> {
    let Some(e) = example else { return Vec::new() };
    if let Some(list) = e.get(named).and_then(Value::as_array) {
        return list.iter().filter_map(|p| text(p, "example")).collect();
    }
    match e.get(positional) {
        Some(Value::Array(items)) => match items.first() {
            Some(Value::Array(inner)) => inner
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        },
        _ => Vec::new(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("the templates could not be saved: {0}")]
    Store(#[from] app::ssr::StoreError),
}

/// Fetches every page and replaces the stored templates with them.
pub async fn sync(api: &dyn WhatsAppApi, store: &dyn Store) -> Result<SyncReport, SyncError> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = api.templates(cursor.as_deref()).await?;
        all.extend(page.templates.iter().filter_map(from_meta));
        match page.next_cursor {
            Some(next) if Some(&next) != cursor.as_ref() => cursor = Some(next),
            _ => break,
        }
    }
    Ok(store.sync_templates(all, now_ms()).await?)
}

/// The latest sync's outcome, for the Templates screen.
#[derive(Clone, Debug, Default)]
pub struct LastSync {
    pub at_ms: Option<i64>,
    pub result: Option<Result<SyncReport, String>>,
}

/// Runs syncs one at a time, on a timer and on request.
#[derive(Clone)]
pub struct TemplateSyncer {
    api: Arc<dyn WhatsAppApi>,
    store: Arc<dyn Store>,
    bell: Arc<Notify>,
    running: Arc<Mutex<LastSync>>,
}

impl TemplateSyncer {
    pub fn new(api: Arc<dyn WhatsAppApi>, store: Arc<dyn Store>) -> TemplateSyncer {
        TemplateSyncer {
            api,
            store,
            bell: Arc::new(Notify::new()),
            running: Arc::new(Mutex::new(LastSync::default())),
        }
    }

    /// Syncs now and says how it went.
    pub async fn sync_now(&self) -> Result<SyncReport, String> {
        let mut last = self.running.lock().await;
        let result = sync(&*self.api, &*self.store)
            .await
            .map_err(|e| e.to_string());
        match &result {
            Ok(report) => tracing::info!(?report, "templates synced"),
            Err(e) => tracing::warn!(error = %e, "template sync failed"),
        }
        *last = LastSync {
            at_ms: Some(now_ms()),
            result: Some(result.clone()),
        };
        result
    }

    pub async fn last(&self) -> LastSync {
        self.running.lock().await.clone()
    }

    /// Asks for a sync soon (after a template webhook).
    pub fn wake(&self) {
        self.bell.notify_one();
    }

    /// Syncs at start-up, then every `every` and whenever woken.
    pub fn spawn(&self, every: Duration) {
        let syncer = self.clone();
        tokio::spawn(async move {
            loop {
                let _ = syncer.sync_now().await;
                tokio::select! {
                    _ = syncer.bell.notified() => {}
                    _ = tokio::time::sleep(every) => {}
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn meta_templates_become_ours() {
        let t = from_meta(&json!({
            "id": "1689556908129832", "name": "order_update", "language": "es_ES", "status": "APPROVED",
            "category": "UTILITY", "parameter_format": "POSITIONAL", "quality_score": {"score": "GREEN", "date": 1},
            "components": [
                {"type": "HEADER", "format": "TEXT", "text": "Pedido {{1}}", "example": {"header_text": ["A-1"]}},
                {"type": "BODY", "text": "Hola {{1}}", "example": {"body_text": [["Lucía"]]}},
                {"type": "FOOTER", "text": "STOP para salir"},
                {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Ver", "url": "https://x/{{1}}"}]}
            ]
        }))
        .expect("a template");
        assert_eq!(t.meta_id, "1689556908129832");
        assert_eq!(t.quality.as_deref(), Some("GREEN"));
        assert_eq!(
            t.content.preview(),
            (Some("Pedido A-1".into()), "Hola Lucía".into())
        );
        assert_eq!(t.content.footer.as_deref(), Some("STOP para salir"));
        assert_eq!(t.content.buttons[0].url.as_deref(), Some("https://x/{{1}}"));
        assert_eq!(t.content.buttons[0].example, None);
        // A copy-code button's example is a string, a URL button's a list.
        let offer = from_meta(&json!({"id": "8", "name": "welcome_offer", "language": "en_US", "status": "APPROVED",
            "components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1h"]}},
                {"type": "BUTTONS", "buttons": [
                    {"type": "COPY_CODE", "text": "Copy offer code", "example": "WELCOME15"},
                    {"type": "URL", "text": "Shop now", "url": "https://shop.example.com/{{1}}", "example": ["welcome"]}]}]}))
            .expect("offer");
        assert_eq!(
            offer.content.header,
            Some(TemplateHeader::Media {
                kind: "IMAGE".into()
            })
        );
        assert_eq!(
            offer.content.buttons,
            [
                TemplateButton {
                    kind: "COPY_CODE".into(),
                    text: "Copy offer code".into(),
                    url: None,
                    phone_number: None,
                    example: Some("WELCOME15".into()),
                },
                TemplateButton {
                    kind: "URL".into(),
                    text: "Shop now".into(),
                    url: Some("https://shop.example.com/{{1}}".into()),
                    phone_number: None,
                    example: Some("welcome".into()),
                },
            ]
        );
        let named = from_meta(&json!({"id": 7, "name": "n", "language": "en", "status": "PENDING", "parameter_format": "NAMED",
            "components": [{"type": "BODY", "text": "Hi {{first_name}}", "example": {"body_text_named_params": [{"param_name": "first_name", "example": "Sam"}]}}]}))
            .expect("named");
        assert_eq!(named.content.parameter_format, ParameterFormat::Named);
        assert_eq!(named.content.preview().1, "Hi Sam");
        assert!(from_meta(&json!({"name": "no id"})).is_none());
    }
}

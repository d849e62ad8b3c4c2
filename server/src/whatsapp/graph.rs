//! The Graph API client: the desk's only way to talk to WhatsApp (Meta's servers or the
//! simulator, whichever `WHATSAPP_API_BASE` names). Requests are built from the desk's own
//! types; Graph error bodies become [`GraphError::Api`] with Meta's code, title and details.

use crate::config::{Secret, WhatsAppConfig};
use app::domain::message::MediaKind;
use app::domain::outbound::{Outbound, TemplateButtonKind, TemplateParam};
use serde_json::{json, Value};
use std::time::Duration;

/// Whom to send to: by phone when known (the safest), else by business-scoped user id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recipient {
    Phone(String),
    UserId(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub wamid: String,
    /// `accepted`, or `held_for_quality_assessment` for paced templates.
    pub message_status: Option<String>,
    /// The recipient's WhatsApp id as WhatsApp knows it (`contacts[0].wa_id`): it may differ
    /// from the number written to (Brazil's ninth digit, Mexico's 1).
    pub wa_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaInfo {
    pub url: String,
    pub mime_type: String,
    pub sha256: Option<String>,
    pub file_size: Option<u64>,
}

/// The number as Meta rates it (`GET /{phone-number-id}`; facts sheet §18.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberHealth {
    /// `GREEN`, `YELLOW`, `RED`, `NA`…
    pub quality_rating: String,
    /// The portfolio's tier (`TIER_2K`…), when Meta says it.
    pub messaging_limit: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplatePage {
    pub templates: Vec<Value>,
    pub next_cursor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    /// Meta answered with an error body.
    #[error("WhatsApp error {code} ({http_status}): {title}{}", details.as_deref().map(|d| format!(" — {d}")).unwrap_or_default())]
    Api {
        http_status: u16,
        code: i64,
        subcode: Option<i64>,
        title: String,
        details: Option<String>,
        trace_id: Option<String>,
    },
    #[error("WhatsApp could not be reached: {0}")]
    Transport(String),
    #[error("WhatsApp's answer could not be read: {0}")]
    Decode(String),
    #[error("the WhatsApp connection is not configured: {0} is missing")]
    NotConfigured(&'static str),
    /// A media URL (or a redirect) outside Meta's media hosts: not fetched, token kept.
    #[error("the file's address is not one of WhatsApp's ({0}); it was not downloaded")]
    NotMeta(String),
    #[error("the file is larger than {0} bytes")]
    TooLarge(u64),
}

impl GraphError {
    /// Worth trying again later: Meta's side was busy, down or rate-limiting us.
    pub fn is_transient(&self) -> bool {
        match self {
            GraphError::Transport(_) => true,
            GraphError::Api {
                http_status, code, ..
            } => {
                *http_status >= 500
                    || matches!(
                        code,
                        1 | 2 | 4 | 80007 | 130429 | 131000 | 131016 | 131056 | 131057
                    )
            }
            GraphError::Decode(_)
            | GraphError::NotConfigured(_)
            | GraphError::NotMeta(_)
            | GraphError::TooLarge(_) => false,
        }
    }

    /// An answer that does not tell whether Meta took the message: no answer at all, Meta's
    /// own failure (5xx, 131000 "something went wrong"), or a success we could not read. A
    /// send that ends like this is in doubt: it is not sent again until a status webhook
    /// settles it or the grace period passes.
    pub fn may_have_been_accepted(&self) -> bool {
        match self {
            GraphError::Transport(_) | GraphError::Decode(_) => true,
            GraphError::Api {
                http_status, code, ..
            } => *http_status >= 500 || *code == 131000,
            GraphError::NotConfigured(_) | GraphError::NotMeta(_) | GraphError::TooLarge(_) => {
                false
            }
        }
    }

    pub fn code(&self) -> Option<i64> {
        match self {
            GraphError::Api { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// The WhatsApp Cloud API as the desk uses it. Behind a trait so the outbound worker and the
/// template sync can be driven by anything that speaks it.
#[async_trait::async_trait]
pub trait WhatsAppApi: Send + Sync + 'static {
    async fn send(
        &self,
        to: &Recipient,
        message: &Outbound,
        reply_to: Option<&str>,
        callback: Option<&str>,
    ) -> Result<Accepted, GraphError>;
    async fn mark_read(&self, wamid: &str, typing: bool) -> Result<(), GraphError>;
    async fn upload_media(
        &self,
        bytes: Vec<u8>,
        mime: &str,
        filename: &str,
    ) -> Result<String, GraphError>;
    async fn media_info(&self, media_id: &str) -> Result<MediaInfo, GraphError>;
    /// The file at `url` (from [`WhatsAppApi::media_info`]), read as it streams and refused
    /// past `max_bytes`.
    async fn download(&self, url: &str, max_bytes: u64) -> Result<Vec<u8>, GraphError>;
    async fn templates(&self, after: Option<&str>) -> Result<TemplatePage, GraphError>;
    /// The number's quality rating and messaging limit as Meta has them now.
    async fn number_health(&self) -> Result<NumberHealth, GraphError> {
        Err(GraphError::NotConfigured("WHATSAPP_PHONE_NUMBER_ID"))
    }
}

pub struct GraphClient {
    http: reqwest::Client,
    /// For media downloads: follows redirects only to allowed media hosts.
    downloads: reqwest::Client,
    api_base: url::Url,
    media_hosts: std::sync::Arc<[String]>,
    base: String,
    version: String,
    phone_number_id: Option<String>,
    business_account_id: Option<String>,
    token: Option<Secret>,
}

impl GraphClient {
    pub fn new(config: &WhatsAppConfig) -> Result<GraphClient, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("buzon/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let api_base = url::Url::parse(&config.api_base)
            .map_err(|e| format!("WHATSAPP_API_BASE {:?}: {e}", config.api_base))?;
        let media_hosts: std::sync::Arc<[String]> = config.media_hosts.clone().into();
        let (base, hosts) = (api_base.clone(), media_hosts.clone());
        let redirects = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= 5 {
                attempt.error("too many redirects")
            } else if super::media_source::is_allowed(attempt.url(), &base, &hosts) {
                attempt.follow()
            } else {
                let to = attempt.url().host_str().unwrap_or_default().to_string();
                attempt.error(GraphError::NotMeta(to))
            }
        });
        let downloads = reqwest::Client::builder()
            .timeout(Duration::from_secs(300))
            .connect_timeout(Duration::from_secs(10))
            .redirect(redirects)
            .user_agent(concat!("buzon/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(GraphClient {
            http,
            downloads,
            api_base,
            media_hosts,
            base: config.api_base.clone(),
            version: config.api_version.clone(),
            phone_number_id: config.phone_number_id.clone(),
            business_account_id: config.business_account_id.clone(),
            token: config.access_token.clone(),
        })
    }

    fn token(&self) -> Result<&str, GraphError> {
        self.token
            .as_ref()
            .map(Secret::expose)
            .ok_or(GraphError::NotConfigured("WHATSAPP_ACCESS_TOKEN"))
    }

    fn phone_url(&self, path: &str) -> Result<String, GraphError> {
        let id = self
            .phone_number_id
            .as_deref()
            .ok_or(GraphError::NotConfigured("WHATSAPP_PHONE_NUMBER_ID"))?;
        Ok(format!("{}/{}/{id}/{path}", self.base, self.version))
    }

    async fn call(&self, request: reqwest::RequestBuilder) -> Result<Value, GraphError> {
        let response = request
            .bearer_auth(self.token()?)
            .send()
            .await
            .map_err(|e| GraphError::Transport(e.to_string()))?;
        let status = response.status().as_u16();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| GraphError::Transport(e.to_string()))?;
        let body: Value = serde_json::from_slice(&bytes).map_err(|e| {
            if status >= 400 {
                GraphError::Api {
                    http_status: status,
                    code: 0,
                    subcode: None,
                    title: format!("HTTP {status}"),
                    details: Some(String::from_utf8_lossy(&bytes).chars().take(200).collect()),
                    trace_id: None,
                }
            } else {
                GraphError::Decode(e.to_string())
            }
        })?;
        if status >= 400 || body.get("error").is_some() {
            return Err(api_error(status, &body));
        }
        Ok(body)
    }
}

/// A Graph error body (`{"error": {"message", "code", "error_data": {"details"}, …}}`).
pub fn api_error(http_status: u16, body: &Value) -> GraphError {
    let e = body.get("error").unwrap_or(body);
    let message = e.get("message").and_then(Value::as_str).unwrap_or("");
    // "(#131056) (Business Account, Consumer Account) pair rate limit hit" -> the title.
    let title = message
        .strip_prefix("(#")
        .and_then(|m| m.split_once(") "))
        .map(|(_, t)| t)
        .unwrap_or(message)
        .to_string();
    let details = match e.get("error_data") {
        Some(Value::Object(d)) => d.get("details").and_then(Value::as_str).map(str::to_string),
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    GraphError::Api {
        http_status,
        code: e.get("code").and_then(Value::as_i64).unwrap_or(0),
        subcode: e.get("error_subcode").and_then(Value::as_i64),
        title: if title.is_empty() {
            format!("HTTP {http_status}")
        } else {
            title
        },
        details,
        trace_id: e
            .get("fbtrace_id")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

fn params(kind: &str, list: &[TemplateParam]) -> Option<Value> {
    (!list.is_empty()).then(|| {
        let parameters: Vec<Value> = list
            .iter()
            .map(|p| match &p.name {
                Some(name) => json!({"type": "text", "text": p.text, "parameter_name": name}),
                None => json!({"type": "text", "text": p.text}),
            })
            .collect();
        json!({"type": kind, "parameters": parameters})
    })
}

/// The JSON body of `POST /{phone-number-id}/messages` for one message.
pub fn message_request(
    to: &Recipient,
    message: &Outbound,
    reply_to: Option<&str>,
    callback: Option<&str>,
) -> Value {
    let mut body = json!({"messaging_product": "whatsapp", "recipient_type": "individual"});
    match to {
        // E.164 with '+': without it Meta prefixes the business number's country code.
        Recipient::Phone(wa_id) => {
            body["to"] = json!(format!("+{}", wa_id.trim_start_matches('+')))
        }
        Recipient::UserId(user_id) => body["recipient"] = json!(user_id),
    }
    if let Some(id) = reply_to {
        body["context"] = json!({"message_id": id});
    }
    if let Some(data) = callback {
        body["biz_opaque_callback_data"] = json!(data);
    }
    let (kind, content) = match message {
        Outbound::Text { body, preview_url } => {
            ("text", json!({"body": body, "preview_url": preview_url}))
        }
        Outbound::Media {
            kind,
            media_id,
            caption,
            filename,
            voice,
        } => {
            let mut media = json!({"id": media_id});
            if let Some(c) = caption.as_ref().filter(|_| {
                matches!(
                    kind,
                    MediaKind::Image | MediaKind::Video | MediaKind::Document
                )
            }) {
                media["caption"] = json!(c);
            }
            if let Some(f) = filename.as_ref().filter(|_| *kind == MediaKind::Document) {
                media["filename"] = json!(f);
            }
            if *voice && *kind == MediaKind::Audio {
                media["voice"] = json!(true);
            }
            (kind.as_str(), media)
        }
        Outbound::Template {
            name,
            language,
            header,
            body,
            buttons,
            header_media,
            ..
        } => {
            let header = match header_media {
                Some(media) => {
                    let kind = media.kind.as_str();
                    let mut file = json!({"id": media.media_id});
                    if let Some(f) = &media.filename {
                        file["filename"] = json!(f);
                    }
                    Some(json!({"type": "header", "parameters": [{"type": kind, kind: file}]}))
                }
                None => params("header", header),
            };
            let mut components: Vec<Value> = [header, params("body", body)]
                .into_iter()
                .flatten()
                .collect();
            for b in buttons {
                let (sub_type, parameter) = match b.kind {
                    TemplateButtonKind::QuickReply => (
                        "quick_reply",
                        json!({"type": "payload", "payload": b.value}),
                    ),
                    TemplateButtonKind::Url => ("url", json!({"type": "text", "text": b.value})),
                    TemplateButtonKind::CopyCode => (
                        "copy_code",
                        json!({"type": "coupon_code", "coupon_code": b.value}),
                    ),
                };
                components.push(json!({
                    "type": "button", "sub_type": sub_type, "index": b.index.to_string(),
                    "parameters": [parameter]
                }));
            }
            let mut template = json!({"name": name, "language": {"code": language}});
            if !components.is_empty() {
                template["components"] = json!(components);
            }
            ("template", template)
        }
        Outbound::Buttons {
            header,
            body,
            footer,
            buttons,
        } => {
            let mut interactive = json!({
                "type": "button",
                "body": {"text": body},
                "action": {"buttons": buttons.iter().map(|b| json!({"type": "reply", "reply": {"id": b.id, "title": b.title}})).collect::<Vec<_>>()}
            });
            if let Some(h) = header {
                interactive["header"] = json!({"type": "text", "text": h});
            }
            if let Some(f) = footer {
                interactive["footer"] = json!({"text": f});
            }
            ("interactive", interactive)
        }
        Outbound::List {
            header,
            body,
            footer,
            button,
            sections,
        } => {
            let sections: Vec<Value> = sections
                .iter()
                .map(|s| {
                    let rows: Vec<Value> = s
                        .rows
                        .iter()
                        .map(|r| match &r.description {
                            Some(d) => json!({"id": r.id, "title": r.title, "description": d}),
                            None => json!({"id": r.id, "title": r.title}),
                        })
                        .collect();
                    match &s.title {
                        Some(t) => json!({"title": t, "rows": rows}),
                        None => json!({"rows": rows}),
                    }
                })
                .collect();
            let mut interactive = json!({
                "type": "list",
                "body": {"text": body},
                "action": {"button": button, "sections": sections}
            });
            if let Some(h) = header {
                interactive["header"] = json!({"type": "text", "text": h});
            }
            if let Some(f) = footer {
                interactive["footer"] = json!({"text": f});
            }
            ("interactive", interactive)
        }
        Outbound::Reaction {
            target_wamid,
            emoji,
        } => (
            "reaction",
            json!({"message_id": target_wamid, "emoji": emoji}),
        ),
        Outbound::ImageLink { link, caption } => {
            let mut image = json!({"link": link});
            if let Some(c) = caption {
                image["caption"] = json!(c);
            }
            ("image", image)
        }
    };
    body["type"] = json!(kind);
    body[kind] = content;
    body
}

#[async_trait::async_trait]
impl WhatsAppApi for GraphClient {
    async fn send(
        &self,
        to: &Recipient,
        message: &Outbound,
        reply_to: Option<&str>,
        callback: Option<&str>,
    ) -> Result<Accepted, GraphError> {
        let url = self.phone_url("messages")?;
        let body = self
            .call(
                self.http
                    .post(url)
                    .json(&message_request(to, message, reply_to, callback)),
            )
            .await?;
        let first = body.pointer("/messages/0");
        let wamid = first
            .and_then(|m| m.get("id"))
            .and_then(Value::as_str)
            .ok_or_else(|| GraphError::Decode("no messages[0].id in the answer".into()))?;
        Ok(Accepted {
            wamid: wamid.to_string(),
            message_status: first
                .and_then(|m| m.get("message_status"))
                .and_then(Value::as_str)
                .map(str::to_string),
            wa_id: body
                .pointer("/contacts/0/wa_id")
                .and_then(Value::as_str)
                .map(str::to_string),
        })
    }

    async fn mark_read(&self, wamid: &str, typing: bool) -> Result<(), GraphError> {
        let mut body =
            json!({"messaging_product": "whatsapp", "status": "read", "message_id": wamid});
        if typing {
            body["typing_indicator"] = json!({"type": "text"});
        }
        self.call(self.http.post(self.phone_url("messages")?).json(&body))
            .await
            .map(|_| ())
    }

    async fn upload_media(
        &self,
        bytes: Vec<u8>,
        mime: &str,
        filename: &str,
    ) -> Result<String, GraphError> {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_string())
            .mime_str(mime)
            .map_err(|e| GraphError::Decode(format!("bad MIME type {mime:?}: {e}")))?;
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime.to_string())
            .part("file", part);
        let body = self
            .call(self.http.post(self.phone_url("media")?).multipart(form))
            .await?;
        body.get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| GraphError::Decode("no media id in the answer".into()))
    }

    async fn media_info(&self, media_id: &str) -> Result<MediaInfo, GraphError> {
        let url = format!("{}/{}/{media_id}", self.base, self.version);
        let body = self.call(self.http.get(url)).await?;
        let text = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_string);
        Ok(MediaInfo {
            url: text("url").ok_or_else(|| GraphError::Decode("no url for the media".into()))?,
            mime_type: text("mime_type").unwrap_or_else(|| "application/octet-stream".into()),
            sha256: text("sha256"),
            // An integer in real answers, a string in Meta's documentation: accept both.
            file_size: body.get("file_size").and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            }),
        })
    }

    async fn download(&self, url: &str, max_bytes: u64) -> Result<Vec<u8>, GraphError> {
        let parsed =
            url::Url::parse(url).map_err(|e| GraphError::Decode(format!("media URL: {e}")))?;
        if !super::media_source::is_allowed(&parsed, &self.api_base, &self.media_hosts) {
            return Err(GraphError::NotMeta(
                parsed.host_str().unwrap_or_default().to_string(),
            ));
        }
        let mut response = self
            .downloads
            .get(parsed)
            .bearer_auth(self.token()?)
            .send()
            .await
            .map_err(|e| {
                use std::error::Error;
                // A refused redirect carries our own error inside reqwest's.
                let mut source = e.source();
                while let Some(cause) = source {
                    if let Some(refused) = cause.downcast_ref::<GraphError>() {
                        return refused.clone();
                    }
                    source = cause.source();
                }
                GraphError::Transport(e.to_string())
            })?;
        let status = response.status().as_u16();
        if status >= 400 {
            let body: Value = response.json().await.unwrap_or(Value::Null);
            return Err(api_error(status, &body));
        }
        if response.content_length().is_some_and(|n| n > max_bytes) {
            return Err(GraphError::TooLarge(max_bytes));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| GraphError::Transport(e.to_string()))?
        {
            if (bytes.len() + chunk.len()) as u64 > max_bytes {
                return Err(GraphError::TooLarge(max_bytes));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }

    async fn templates(&self, after: Option<&str>) -> Result<TemplatePage, GraphError> {
        let waba = self
            .business_account_id
            .as_deref()
            .ok_or(GraphError::NotConfigured("WHATSAPP_BUSINESS_ACCOUNT_ID"))?;
        let mut request = self
            .http
            .get(format!("{}/{}/{waba}/message_templates", self.base, self.version))
            .query(&[
                ("limit", "100"),
                ("fields", "id,name,language,status,category,quality_score,components,parameter_format,rejected_reason"),
            ]);
        if let Some(cursor) = after {
            request = request.query(&[("after", cursor)]);
        }
        let body = self.call(request).await?;
        Ok(TemplatePage {
            templates: body
                .get("data")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            next_cursor: body
                .pointer("/paging/next")
                .and_then(|_| body.pointer("/paging/cursors/after"))
                .and_then(Value::as_str)
                .map(str::to_string),
        })
    }

    async fn number_health(&self) -> Result<NumberHealth, GraphError> {
        let url = self.phone_url("")?;
        let body = self
            .call(self.http.get(url.trim_end_matches('/')).query(&[(
                "fields",
                "quality_rating,whatsapp_business_manager_messaging_limit",
            )]))
            .await?;
        Ok(NumberHealth {
            quality_rating: body["quality_rating"]
                .as_str()
                .unwrap_or("UNKNOWN")
                .to_string(),
            messaging_limit: body["whatsapp_business_manager_messaging_limit"]
                .as_str()
                .map(str::to_string),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::outbound::{ReplyButton, TemplateButtonParam};

    #[test]
    fn text_to_a_phone_with_plus_and_context() {
        let body = message_request(
            &Recipient::Phone("34600111222".into()),
            &Outbound::Text {
                body: "Hola".into(),
                preview_url: true,
            },
            Some("wamid.quoted"),
            Some("buzon:42"),
        );
        assert_eq!(
            body,
            json!({
                "messaging_product": "whatsapp", "recipient_type": "individual", "to": "+34600111222",
                "context": {"message_id": "wamid.quoted"}, "biz_opaque_callback_data": "buzon:42",
                "type": "text", "text": {"body": "Hola", "preview_url": true}
            })
        );
    }

    #[test]
    fn bsuid_recipients_use_the_recipient_field() {
        let body = message_request(
            &Recipient::UserId("ES.123".into()),
            &Outbound::Reaction {
                target_wamid: "wamid.x".into(),
                emoji: "👍".into(),
            },
            None,
            None,
        );
        assert_eq!(body["recipient"], "ES.123");
        assert!(body.get("to").is_none());
        assert_eq!(
            body["reaction"],
            json!({"message_id": "wamid.x", "emoji": "👍"})
        );
    }

    #[test]
    fn templates_with_named_and_positional_parameters_and_buttons() {
        let body = message_request(
            &Recipient::Phone("1".into()),
            &Outbound::Template {
                name: "order_update".into(),
                language: "es_ES".into(),
                header: vec![TemplateParam {
                    name: None,
                    text: "Pedido 77".into(),
                }],
                body: vec![TemplateParam {
                    name: Some("first_name".into()),
                    text: "Lucía".into(),
                }],
                buttons: vec![TemplateButtonParam {
                    index: 1,
                    kind: TemplateButtonKind::QuickReply,
                    value: "CANCEL_77".into(),
                }],
                header_media: None,
                rendered: None,
            },
            None,
            None,
        );
        assert_eq!(
            body["template"],
            json!({
                "name": "order_update", "language": {"code": "es_ES"},
                "components": [
                    {"type": "header", "parameters": [{"type": "text", "text": "Pedido 77"}]},
                    {"type": "body", "parameters": [{"type": "text", "text": "Lucía", "parameter_name": "first_name"}]},
                    {"type": "button", "sub_type": "quick_reply", "index": "1",
                     "parameters": [{"type": "payload", "payload": "CANCEL_77"}]}
                ]
            })
        );
    }

    #[test]
    fn templates_with_a_media_header_a_url_and_a_coupon() {
        use app::domain::template_form::TemplateMedia;
        let image = message_request(
            &Recipient::Phone("1".into()),
            &Outbound::Template {
                name: "welcome_offer".into(),
                language: "en_US".into(),
                header: vec![],
                body: vec![
                    TemplateParam {
                        name: None,
                        text: "Sam".into(),
                    },
                    TemplateParam {
                        name: None,
                        text: "WELCOME15".into(),
                    },
                ],
                buttons: vec![
                    TemplateButtonParam {
                        index: 0,
                        kind: TemplateButtonKind::CopyCode,
                        value: "WELCOME15".into(),
                    },
                    TemplateButtonParam {
                        index: 1,
                        kind: TemplateButtonKind::Url,
                        value: "welcome".into(),
                    },
                ],
                header_media: Some(TemplateMedia {
                    kind: MediaKind::Image,
                    media_id: "1013859600285441".into(),
                    filename: None,
                }),
                rendered: None,
            },
            None,
            None,
        );
        assert_eq!(
            image["template"],
            json!({
                "name": "welcome_offer", "language": {"code": "en_US"},
                "components": [
                    {"type": "header", "parameters": [{"type": "image", "image": {"id": "1013859600285441"}}]},
                    {"type": "body", "parameters": [{"type": "text", "text": "Sam"}, {"type": "text", "text": "WELCOME15"}]},
                    {"type": "button", "sub_type": "copy_code", "index": "0",
                     "parameters": [{"type": "coupon_code", "coupon_code": "WELCOME15"}]},
                    {"type": "button", "sub_type": "url", "index": "1",
                     "parameters": [{"type": "text", "text": "welcome"}]}
                ]
            })
        );
        // A document header carries its file name; the media replaces any text parameters.
        let document = message_request(
            &Recipient::Phone("1".into()),
            &Outbound::Template {
                name: "invoice_ready".into(),
                language: "es_ES".into(),
                header: vec![],
                body: vec![],
                buttons: vec![],
                header_media: Some(TemplateMedia {
                    kind: MediaKind::Document,
                    media_id: "42".into(),
                    filename: Some("factura F-7.pdf".into()),
                }),
                rendered: None,
            },
            None,
            None,
        );
        assert_eq!(
            document["template"]["components"],
            json!([{"type": "header", "parameters": [
                {"type": "document", "document": {"id": "42", "filename": "factura F-7.pdf"}}]}])
        );
    }

    #[test]
    fn reply_buttons() {
        let body = message_request(
            &Recipient::Phone("1".into()),
            &Outbound::Buttons {
                header: None,
                body: "¿Te ayudo?".into(),
                footer: Some("Buzón".into()),
                buttons: vec![ReplyButton {
                    id: "yes".into(),
                    title: "Sí".into(),
                }],
            },
            None,
            None,
        );
        assert_eq!(body["type"], "interactive");
        assert_eq!(body["interactive"]["type"], "button");
        assert_eq!(
            body["interactive"]["action"]["buttons"][0],
            json!({"type": "reply", "reply": {"id": "yes", "title": "Sí"}})
        );
        assert_eq!(body["interactive"]["footer"], json!({"text": "Buzón"}));
    }

    #[test]
    fn graph_error_bodies() {
        let pair = api_error(
            400,
            &json!({"error": {"message": "(#131056) (Business Account, Consumer Account) pair rate limit hit",
                "type": "OAuthException", "code": 131056,
                "error_data": {"messaging_product": "whatsapp", "details": "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time."},
                "fbtrace_id": "A1b2"}}),
        );
        assert_eq!(pair.code(), Some(131056));
        assert!(pair.is_transient());
        let GraphError::Api {
            title,
            details,
            trace_id,
            ..
        } = &pair
        else {
            panic!()
        };
        assert_eq!(
            title,
            "(Business Account, Consumer Account) pair rate limit hit"
        );
        assert!(details
            .as_deref()
            .is_some_and(|d| d.contains("same phone number")));
        assert_eq!(trace_id.as_deref(), Some("A1b2"));

        let unknown_template = api_error(
            404,
            &json!({"error": {"message": "(#132001) Template name does not exist in the translation",
                "code": 132001, "error_data": {"details": "template name (x) does not exist in en_US"}}}),
        );
        assert!(!unknown_template.is_transient());
        let token = api_error(
            401,
            &json!({"error": {"message": "Error validating access token", "code": 190, "error_subcode": 463}}),
        );
        let GraphError::Api { subcode, title, .. } = &token else {
            panic!()
        };
        assert_eq!(
            (*subcode, title.as_str()),
            (Some(463), "Error validating access token")
        );
        assert!(!token.is_transient());
        let string_details = api_error(
            400,
            &json!({"error": {"message": "Invalid parameter", "code": 100, "error_data": "Template name is invalid"}}),
        );
        let GraphError::Api { details, .. } = string_details else {
            panic!()
        };
        assert_eq!(details.as_deref(), Some("Template name is invalid"));
        assert!(api_error(
            503,
            &json!({"error": {"message": "Service unavailable", "code": 2}})
        )
        .is_transient());
        assert!(api_error(
            400,
            &json!({"error": {"code": 130429, "message": "(#130429) Rate limit hit"}})
        )
        .is_transient());
    }
}

//! The simulator's HTTP side: Meta's Graph API endpoints (with Meta's validation and error
//! bodies) and the simulator's own control endpoints under `/sim`.

use super::state::{new_wamid, now_ms, numeric_id, ChatItem, Media};
use super::template_send::{check_template, Checked};
use super::{customers, webhooks, Simulator};
use app::domain::pacing::Bucket;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;

/// A refused request, boxed: responses are large and refusals are the rare path.
pub(super) type Rejection = Box<Response>;

pub fn router(sim: Simulator) -> Router {
    Router::new()
        .route("/{version}/{object}/messages", post(send_message))
        .route("/{version}/{object}/media", post(upload_media))
        .route(
            "/{version}/{object}/message_templates",
            get(list_templates)
                .post(create_template)
                .delete(delete_template),
        )
        .route("/{version}/{object}", get(get_object).delete(delete_object))
        .route("/media-download/{token}", get(download))
        .route("/sim/state", get(sim_state))
        .route("/sim/customers", post(sim_new_customer))
        .route("/sim/customers/{id}/messages", post(sim_customer_writes))
        .route("/sim/customers/{id}/read", post(sim_customer_reads))
        .route("/sim/customers/{id}/block", post(sim_customer_blocks))
        .route(
            "/sim/customers/{id}/marketing",
            post(sim_customer_marketing),
        )
        .route(
            "/sim/customers/{id}/marketing-limit",
            post(sim_customer_marketing_limit),
        )
        .route("/sim/templates/{id}/status", post(sim_template_status))
        .route("/sim/media/{id}", get(sim_media))
        .route("/sim/number", get(sim_number).post(sim_change_number))
        .route("/phone", get(super::customers::phone_page))
        .with_state(sim)
}

/// A Graph error: `{"error": {"message": "(#code) title", "type", "code", "error_data", "fbtrace_id"}}`.
pub fn graph_error(http: u16, code: i64, title: &str, details: &str) -> Response {
    let body = json!({"error": {
        "message": format!("(#{code}) {title}"),
        "type": "OAuthException",
        "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": details},
        "fbtrace_id": format!("Sim{}", &numeric_id()[..8]),
    }});
    (
        StatusCode::from_u16(http).unwrap_or(StatusCode::BAD_REQUEST),
        Json(body),
    )
        .into_response()
}

fn authorise(sim: &Simulator, headers: &HeaderMap, version: &str) -> Result<(), Rejection> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if token != Some(sim.config.access_token.as_str()) {
        let body = json!({"error": {"message": "Invalid OAuth access token - Cannot parse access token",
            "type": "OAuthException", "code": 190, "fbtrace_id": "SimAuth"}});
        return Err(Box::new(
            (StatusCode::UNAUTHORIZED, Json(body)).into_response(),
        ));
    }
    let valid_version = version
        .strip_prefix('v')
        .and_then(|v| v.split_once('.'))
        .is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok());
    if !valid_version {
        return Err(Box::new(graph_error(
            400,
            100,
            "Unknown path components",
            &format!("unknown version {version}"),
        )));
    }
    Ok(())
}

fn check_object(object: &str, expected: &str) -> Result<(), Rejection> {
    if object == expected {
        Ok(())
    } else {
        Err(Box::new(graph_error(
            400,
            100,
            "Invalid parameter",
            &format!("Unsupported post request. Object with ID '{object}' does not exist"),
        )))
    }
}

pub(super) fn required(what: &str) -> Response {
    graph_error(
        400,
        131_008,
        "Required parameter is missing",
        &format!("The parameter {what} is required."),
    )
}

/// Meta's checks on the message content, in the order Meta applies them.
fn check_content(sim: &Simulator, body: &Value, kind: &str) -> Result<Option<Checked>, Rejection> {
    let content = &body[kind];
    match kind {
        "text" => {
            let text = content["body"]
                .as_str()
                .ok_or_else(|| Box::new(required("text['body']")))?;
            if text.chars().count() > 4096 {
                return Err(Box::new(graph_error(
                    400,
                    100,
                    "Invalid parameter",
                    "Param text['body'] must be at most 4096 characters long.",
                )));
            }
        }
        "image" | "video" | "audio" | "document" | "sticker" => {
            if content["id"].is_null() && content["link"].is_null() {
                return Err(Box::new(required(&format!(
                    "{kind}['id'] or {kind}['link']"
                ))));
            }
        }
        "reaction" => {
            content["message_id"]
                .as_str()
                .ok_or_else(|| Box::new(required("reaction['message_id']")))?;
        }
        "location" => {
            if !content["latitude"].is_number() || !content["longitude"].is_number() {
                return Err(Box::new(required(
                    "location['latitude'] and location['longitude']",
                )));
            }
        }
        "interactive" => {
            let body_text = content["body"]["text"]
                .as_str()
                .ok_or_else(|| Box::new(required("interactive['body']['text']")))?;
            match content["type"].as_str() {
                Some("button") => {
                    let buttons = content["action"]["buttons"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    if buttons.is_empty() || buttons.len() > 3 {
                        return Err(Box::new(graph_error(
                            400,
                            131_009,
                            "Parameter value is not valid",
                            "buttons: between 1 and 3 buttons are allowed",
                        )));
                    }
                    for b in &buttons {
                        if b["reply"]["title"]
                            .as_str()
                            .is_none_or(|t| t.chars().count() > 20)
                        {
                            return Err(Box::new(graph_error(400, 100, "Invalid parameter", "Param interactive['action']['buttons'][0]['reply']['title'] must be at most 20 characters long.")));
                        }
                    }
                    if body_text.chars().count() > 1024 {
                        return Err(Box::new(graph_error(400, 100, "Invalid parameter", "Param interactive['body']['text'] must be at most 1024 characters long.")));
                    }
                }
                Some("list") => {
                    let rows: usize = content["action"]["sections"].as_array().map_or(0, |s| {
                        s.iter()
                            .map(|s| s["rows"].as_array().map_or(0, Vec::len))
                            .sum()
                    });
                    if rows == 0 || rows > 10 {
                        return Err(Box::new(graph_error(
                            400,
                            131_009,
                            "Parameter value is not valid",
                            "rows: between 1 and 10 rows are allowed in total",
                        )));
                    }
                }
                _ => {
                    return Err(Box::new(graph_error(
                        400,
                        131_009,
                        "Parameter value is not valid",
                        "interactive['type'] is not supported",
                    )))
                }
            }
        }
        "template" => {
            let state = sim.state.lock().expect("simulator state");
            return check_template(&state, content).map(Some);
        }
        "contacts" => {}
        _ => {
            return Err(Box::new(graph_error(
                400,
                131_051,
                "Unsupported message type",
                &format!("Message type {kind} is not supported."),
            )))
        }
    }
    Ok(None)
}

async fn send_message(
    State(sim): State<Simulator>,
    Path((version, object)): Path<(String, String)>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    if let Err(r) = authorise(&sim, &headers, &version)
        .and_then(|_| check_object(&object, &sim.config.phone_number_id))
    {
        return *r;
    }
    let Ok(body) = serde_json::from_slice::<Value>(&raw) else {
        return graph_error(
            400,
            100,
            "Invalid parameter",
            "The request body is not valid JSON.",
        );
    };
    if body["messaging_product"].as_str() != Some("whatsapp") {
        return graph_error(
            400,
            100,
            "Invalid parameter",
            "Param messaging_product must be 'whatsapp'.",
        );
    }
    if body["status"].as_str() == Some("read") {
        return mark_read(&sim, &body);
    }
    let to = body["to"].as_str();
    let recipient = body["recipient"].as_str();
    if to.is_none() && recipient.is_none() {
        return required("to");
    }
    let Some(kind) = body["type"].as_str() else {
        return required("type");
    };
    let (category, rendered) = match check_content(&sim, &body, kind) {
        Ok(Some(checked)) => (Some(checked.category), Some(checked.rendered)),
        Ok(None) => (None, None),
        Err(r) => return *r,
    };
    let now = now_ms();
    let wamid = new_wamid();
    let customer = {
        let mut state = sim.state.lock().expect("simulator state");
        if state.throughput.take(sim.config.throughput, now).is_err() {
            return graph_error(400, 130_429, "Rate limit hit", "Message failed to send because there were too many messages sent from this phone number in a short period of time.");
        }
        let customer_id = state.find_recipient(to, recipient);
        if let Some(id) = customer_id {
            let limit = sim.config.pair_limit;
            let pair = state
                .pairs
                .entry(id)
                .or_insert_with(|| Bucket::full(limit, now));
            if pair.take(limit, now).is_err() {
                return graph_error(400, 131_056, "(Business Account, Consumer Account) pair rate limit hit", "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.");
            }
        }
        // The messaging limit: unique customers reached outside their window in 24 hours.
        if let (Some(id), Some(_)) = (customer_id, &category) {
            let window = sim.config.window.as_millis() as i64;
            let window_open = state
                .customer_mut(id)
                .and_then(|c| c.last_inbound_ms)
                .is_some_and(|t| now - t < window);
            if !window_open && !state.number.reach(id, now) {
                return graph_error(400, 131_048, "Spam rate limit hit", "Message failed to send because there are restrictions on how many messages can be sent from this phone number. This may be because too many previous messages were blocked or flagged as spam.");
            }
        }
        customer_id.and_then(|id| state.customer_mut(id)).map(|c| {
            let mut content = body.clone();
            content
                .as_object_mut()
                .map(|o| o.remove("messaging_product"));
            c.chat.push(ChatItem {
                wamid: wamid.clone(),
                from_business: true,
                at_ms: now,
                content,
                status: Some("accepted".into()),
                error_code: None,
                rendered,
            });
            c.clone()
        })
    };
    let mut answer = json!({
        "messaging_product": "whatsapp",
        "contacts": [{"input": to.or(recipient).unwrap_or_default()}],
        "messages": [{"id": wamid}]
    });
    match (&customer, to) {
        (Some(c), Some(_)) => answer["contacts"][0]["wa_id"] = json!(c.wa_id),
        (Some(c), None) => answer["contacts"][0]["user_id"] = json!(c.user_id),
        (None, Some(t)) => {
            answer["contacts"][0]["wa_id"] =
                json!(t.chars().filter(char::is_ascii_digit).collect::<String>())
        }
        (None, None) => {}
    }
    if category.is_some() {
        answer["messages"][0]["message_status"] = json!("accepted");
    }
    customers::schedule_statuses(
        &sim,
        customer,
        wamid,
        kind.to_string(),
        category,
        body["biz_opaque_callback_data"]
            .as_str()
            .map(str::to_string),
    );
    Json(answer).into_response()
}

fn mark_read(sim: &Simulator, body: &Value) -> Response {
    let Some(wamid) = body["message_id"].as_str() else {
        return required("message_id");
    };
    let mut state = sim.state.lock().expect("simulator state");
    let found = state.customers.iter_mut().find_map(|c| {
        let at = c
            .chat
            .iter()
            .position(|m| m.wamid == wamid && !m.from_business)?;
        Some((c, at))
    });
    let Some((customer, at)) = found else {
        return graph_error(
            400,
            131_009,
            "Parameter value is not valid",
            &format!("message_id {wamid} is not a message from this customer"),
        );
    };
    for item in customer
        .chat
        .iter_mut()
        .take(at + 1)
        .filter(|m| !m.from_business)
    {
        item.status = Some("read".into());
    }
    Json(json!({"success": true})).into_response()
}

async fn upload_media(
    State(sim): State<Simulator>,
    Path((version, object)): Path<(String, String)>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    if let Err(r) = authorise(&sim, &headers, &version)
        .and_then(|_| check_object(&object, &sim.config.phone_number_id))
    {
        return *r;
    }
    let mut file: Option<(Vec<u8>, String, Option<String>)> = None;
    let mut product = None;
    while let Ok(Some(field)) = form.next_field().await {
        match field.name() {
            Some("messaging_product") => product = field.text().await.ok(),
            Some("file") => {
                let mime = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_string();
                let name = field.file_name().map(str::to_string);
                match field.bytes().await {
                    Ok(b) => file = Some((b.to_vec(), mime, name)),
                    Err(_) => {
                        return graph_error(
                            400,
                            100,
                            "Invalid parameter",
                            "The file could not be read.",
                        )
                    }
                }
            }
            _ => {}
        }
    }
    if product.as_deref() != Some("whatsapp") {
        return required("messaging_product");
    }
    let Some((bytes, mime, filename)) = file else {
        return required("file");
    };
    let kind = mime.split('/').next().unwrap_or("");
    let (kind, animated) = match (kind, mime.as_str()) {
        (_, "image/webp") => (app::domain::message::MediaKind::Sticker, false),
        ("image", _) => (app::domain::message::MediaKind::Image, false),
        ("video", _) => (app::domain::message::MediaKind::Video, false),
        ("audio", _) => (app::domain::message::MediaKind::Audio, false),
        _ => (app::domain::message::MediaKind::Document, false),
    };
    if !app::domain::outbound::accepted_mime(kind, &mime) {
        return graph_error(
            400,
            131_053,
            "Media upload error",
            &format!("Unsupported file type {mime}."),
        );
    }
    if bytes.len() as u64 > app::domain::outbound::media_size_limit(kind, animated) {
        return graph_error(
            400,
            131_053,
            "Media upload error",
            "The file is larger than WhatsApp allows for its type.",
        );
    }
    let id = numeric_id();
    let sha256 = {
        use sha2::Digest;
        base64_sha(&sha2::Sha256::digest(&bytes))
    };
    sim.state.lock().expect("simulator state").media.insert(
        id.clone(),
        Media {
            bytes,
            mime,
            sha256,
            filename,
        },
    );
    Json(json!({"id": id})).into_response()
}

fn base64_sha(digest: &[u8]) -> String {
    hex::encode(digest)
}

async fn get_object(
    State(sim): State<Simulator>,
    Path((version, object)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = authorise(&sim, &headers, &version) {
        return *r;
    }
    let mut state = sim.state.lock().expect("simulator state");
    if let Some(media) = state.media.get(&object).cloned() {
        let token = new_wamid().replace("wamid.", "").replace(['/', '+'], "_");
        state
            .downloads
            .insert(token.clone(), (object.clone(), now_ms() + 5 * 60 * 1000));
        return Json(json!({
            "messaging_product": "whatsapp",
            "url": format!("{}/media-download/{token}", sim.config.public_base),
            "mime_type": media.mime, "sha256": media.sha256,
            "file_size": media.bytes.len(), "id": object
        }))
        .into_response();
    }
    if let Some(t) = state.templates.iter().find(|t| t.id == object) {
        return Json(template_json(t)).into_response();
    }
    if object == sim.config.phone_number_id {
        return Json(phone_number_json(&sim, &state.number, query.get("fields"))).into_response();
    }
    graph_error(
        400,
        100,
        "Invalid parameter",
        &format!("Unsupported get request. Object with ID '{object}' does not exist"),
    )
}

async fn delete_object(
    State(sim): State<Simulator>,
    Path((version, object)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = authorise(&sim, &headers, &version) {
        return *r;
    }
    match sim
        .state
        .lock()
        .expect("simulator state")
        .media
        .remove(&object)
    {
        Some(_) => Json(json!({"success": true})).into_response(),
        None => graph_error(
            400,
            100,
            "Invalid parameter",
            &format!("Object with ID '{object}' does not exist"),
        ),
    }
}

async fn download(
    State(sim): State<Simulator>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if bearer != Some(sim.config.access_token.as_str()) {
        return graph_error(
            401,
            190,
            "Invalid OAuth access token",
            "Downloading media needs the access token.",
        );
    }
    let state = sim.state.lock().expect("simulator state");
    let Some((id, expires)) = state.downloads.get(&token) else {
        return graph_error(404, 100, "Invalid parameter", "Unknown media URL.");
    };
    if *expires < now_ms() {
        return graph_error(
            404,
            100,
            "Invalid parameter",
            "The media URL has expired; ask for a new one.",
        );
    }
    match state.media.get(id) {
        Some(m) => ([(header::CONTENT_TYPE, m.mime.clone())], m.bytes.clone()).into_response(),
        None => graph_error(404, 100, "Invalid parameter", "The media was deleted."),
    }
}

pub fn template_json(t: &super::Template) -> Value {
    json!({
        "id": t.id, "name": t.name, "language": t.language, "status": t.status,
        "category": t.category, "parameter_format": t.parameter_format,
        "quality_score": {"score": t.quality}, "components": t.components,
        "rejected_reason": if t.status == "REJECTED" { "INVALID_FORMAT" } else { "NONE" }
    })
}

async fn list_templates(
    State(sim): State<Simulator>,
    Path((version, object)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = authorise(&sim, &headers, &version)
        .and_then(|_| check_object(&object, &sim.config.business_account_id))
    {
        return *r;
    }
    let limit: usize = query
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(25)
        .clamp(1, 100);
    let after: usize = query.get("after").and_then(|a| a.parse().ok()).unwrap_or(0);
    let state = sim.state.lock().expect("simulator state");
    let filtered: Vec<&super::Template> = state
        .templates
        .iter()
        .filter(|t| query.get("status").is_none_or(|s| &t.status == s))
        .collect();
    let page: Vec<Value> = filtered
        .iter()
        .skip(after)
        .take(limit)
        .map(|t| template_json(t))
        .collect();
    let end = after + page.len();
    let mut paging = json!({"cursors": {"before": after.to_string(), "after": end.to_string()}});
    if end < filtered.len() {
        paging["next"] = json!(format!(
            "{}/{version}/{object}/message_templates?limit={limit}&after={end}",
            sim.config.public_base
        ));
    }
    Json(json!({"data": page, "paging": paging})).into_response()
}

async fn create_template(
    State(sim): State<Simulator>,
    Path((version, object)): Path<(String, String)>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    if let Err(r) = authorise(&sim, &headers, &version)
        .and_then(|_| check_object(&object, &sim.config.business_account_id))
    {
        return *r;
    }
    let Ok(body) = serde_json::from_slice::<Value>(&raw) else {
        return graph_error(
            400,
            100,
            "Invalid parameter",
            "The request body is not valid JSON.",
        );
    };
    let (Some(name), Some(language), Some(category)) = (
        body["name"].as_str(),
        body["language"].as_str(),
        body["category"].as_str(),
    ) else {
        return required("name, language and category");
    };
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return graph_error(
            400,
            100,
            "Invalid parameter",
            "Template name may only contain lowercase letters, digits and underscores.",
        );
    }
    let mut state = sim.state.lock().expect("simulator state");
    if state
        .templates
        .iter()
        .any(|t| t.name == name && t.language == language)
    {
        return graph_error(
            400,
            100,
            "Invalid parameter",
            "Content in this language already exists for this template name.",
        );
    }
    let template = super::Template {
        id: numeric_id(),
        name: name.into(),
        language: language.into(),
        category: category.to_uppercase(),
        status: "PENDING".into(),
        quality: "UNKNOWN".into(),
        parameter_format: body["parameter_format"]
            .as_str()
            .unwrap_or("POSITIONAL")
            .into(),
        components: body["components"].clone(),
    };
    let answer = json!({"id": template.id, "status": "PENDING", "category": template.category});
    state.templates.push(template);
    Json(answer).into_response()
}

async fn delete_template(
    State(sim): State<Simulator>,
    Path((version, object)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = authorise(&sim, &headers, &version)
        .and_then(|_| check_object(&object, &sim.config.business_account_id))
    {
        return *r;
    }
    let Some(name) = query.get("name") else {
        return required("name");
    };
    let mut state = sim.state.lock().expect("simulator state");
    let before = state.templates.len();
    state.templates.retain(|t| &t.name != name);
    if state.templates.len() == before {
        return graph_error(
            404,
            100,
            "Invalid parameter",
            &format!("Template {name} does not exist."),
        );
    }
    Json(json!({"success": true})).into_response()
}

async fn sim_state(State(sim): State<Simulator>) -> Response {
    let state = sim.state.lock().expect("simulator state");
    Json(json!({"customers": state.customers, "templates": state.templates})).into_response()
}

async fn sim_new_customer(State(sim): State<Simulator>, Json(body): Json<Value>) -> Response {
    let name = body["name"].as_str().unwrap_or("").trim();
    if name.is_empty() {
        return (StatusCode::BAD_REQUEST, "a customer needs a name").into_response();
    }
    let wa_id = body["wa_id"]
        .as_str()
        .map(|w| w.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|w| !w.is_empty());
    let user_id = body["user_id"]
        .as_str()
        .map(str::to_string)
        .filter(|u| !u.is_empty());
    if wa_id.is_none() && user_id.is_none() {
        return (
            StatusCode::BAD_REQUEST,
            "a customer needs a phone number or a user id",
        )
            .into_response();
    }
    let lang = body["lang"].as_str().unwrap_or("es");
    let human = body["human"].as_bool().unwrap_or(true);
    let customer = sim
        .state
        .lock()
        .expect("simulator state")
        .add_customer(name, wa_id, user_id, lang, human);
    Json(json!(customer)).into_response()
}

async fn sim_customer_writes(
    State(sim): State<Simulator>,
    Path(id): Path<u64>,
    Json(body): Json<Value>,
) -> Response {
    match customers::customer_writes(&sim, id, &body) {
        Ok(wamid) => Json(json!({"wamid": wamid})).into_response(),
        Err(why) => (StatusCode::BAD_REQUEST, why).into_response(),
    }
}

async fn sim_customer_blocks(
    State(sim): State<Simulator>,
    Path(id): Path<u64>,
    Json(body): Json<Value>,
) -> Response {
    let Some(blocked) = body["blocked"].as_bool() else {
        return (
            StatusCode::BAD_REQUEST,
            "blocked (true or false) is required",
        )
            .into_response();
    };
    match customers::customer_blocks(&sim, id, blocked) {
        Ok(()) => Json(json!({"blocked": blocked})).into_response(),
        Err(why) => (StatusCode::NOT_FOUND, why).into_response(),
    }
}

async fn sim_customer_marketing(
    State(sim): State<Simulator>,
    Path(id): Path<u64>,
    Json(body): Json<Value>,
) -> Response {
    let Some(stop) = body["stop"].as_bool() else {
        return (StatusCode::BAD_REQUEST, "stop (true or false) is required").into_response();
    };
    match customers::customer_marketing(&sim, id, stop) {
        Ok(()) => Json(json!({"marketing_stopped": stop})).into_response(),
        Err(why) => (StatusCode::NOT_FOUND, why).into_response(),
    }
}

async fn sim_customer_marketing_limit(
    State(sim): State<Simulator>,
    Path(id): Path<u64>,
    Json(body): Json<Value>,
) -> Response {
    let Some(limited) = body["limited"].as_bool() else {
        return (
            StatusCode::BAD_REQUEST,
            "limited (true or false) is required",
        )
            .into_response();
    };
    match customers::customer_marketing_limit(&sim, id, limited) {
        Ok(()) => Json(json!({"marketing_limited": limited})).into_response(),
        Err(customers::LimitRefused::NoSuchCustomer) => {
            (StatusCode::NOT_FOUND, "no such customer").into_response()
        }
        Err(customers::LimitRefused::NotLimitedThere) => (
            StatusCode::BAD_REQUEST,
            "WhatsApp's per-user marketing limit does not apply to numbers from the EEA, the UK, Japan or South Korea",
        )
            .into_response(),
    }
}

async fn sim_customer_reads(State(sim): State<Simulator>, Path(id): Path<u64>) -> Response {
    let read = customers::customer_reads(&sim, id);
    Json(json!({"read": read})).into_response()
}

async fn sim_template_status(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let Some(status) = body["status"].as_str() else {
        return (StatusCode::BAD_REQUEST, "status is required").into_response();
    };
    let reason = body["reason"].as_str();
    let template = {
        let mut state = sim.state.lock().expect("simulator state");
        let Some(t) = state.templates.iter_mut().find(|t| t.id == id) else {
            return (StatusCode::NOT_FOUND, "no such template").into_response();
        };
        t.status = status.to_uppercase();
        t.clone()
    };
    sim.webhooks
        .send(webhooks::template_status(&sim.config, &template, reason));
    Json(template_json(&template)).into_response()
}

/// Media for the phone page (the customer's own phone needs no token).
async fn sim_media(State(sim): State<Simulator>, Path(id): Path<String>) -> Response {
    match sim.state.lock().expect("simulator state").media.get(&id) {
        Some(m) => (
            [
                (header::CONTENT_TYPE, m.mime.clone()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            ],
            m.bytes.clone(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such media").into_response(),
    }
}

/// The phone-number node as Meta answers it: the default fields without `fields`, else
/// those asked for (facts sheet §18.1).
fn phone_number_json(
    sim: &Simulator,
    number: &super::number::NumberState,
    fields: Option<&String>,
) -> Value {
    let all = json!({
        "id": sim.config.phone_number_id,
        "display_phone_number": sim.config.display_phone_number,
        "verified_name": "Buzón Demo",
        "quality_rating": number.quality_rating,
        "throughput": {"level": "STANDARD"},
        "whatsapp_business_manager_messaging_limit": number.messaging_limit,
        "status": "CONNECTED",
        "code_verification_status": "VERIFIED",
        "name_status": "APPROVED",
        "platform_type": "CLOUD_API",
    });
    let wanted: Vec<&str> = match fields {
        Some(f) => f.split(',').map(str::trim).chain(["id"]).collect(),
        None => vec![
            "id",
            "display_phone_number",
            "verified_name",
            "quality_rating",
        ],
    };
    let mut out = serde_json::Map::new();
    for field in wanted {
        if let Some(v) = all.get(field) {
            out.insert(field.to_string(), v.clone());
        }
    }
    Value::Object(out)
}

async fn sim_number(State(sim): State<Simulator>) -> Response {
    Json(sim.state.lock().expect("simulator state").number.clone()).into_response()
}

async fn sim_change_number(State(sim): State<Simulator>, body: Bytes) -> Response {
    let change: super::number::NumberChange = match serde_json::from_slice(&body) {
        Ok(c) => c,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let mut state = sim.state.lock().expect("simulator state");
    match state.number.change(change) {
        Ok(()) => Json(state.number.clone()).into_response(),
        Err(why) => (StatusCode::BAD_REQUEST, why).into_response(),
    }
}

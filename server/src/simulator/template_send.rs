//! A template send as Meta checks it against the approved template (parameter counts, header
//! media, button parameters), and how the customer's phone then shows it.

use super::api::{graph_error, required, Rejection};
use super::state::{Media, SimState, Template};
use app::domain::templates::{fill, placeholders};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Meta's longest coupon code for a copy-code button.
const COUPON_MAX: usize = 15;

/// An accepted template send: its category (for pricing and marketing rules) and what the
/// customer sees.
pub struct Checked {
    pub category: String,
    pub rendered: Value,
}

/// The distinct placeholders of a text: a named parameter used twice is one parameter.
fn distinct_placeholders(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for name in placeholders(text) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn is_type(v: &Value, kind: &str) -> bool {
    v["type"]
        .as_str()
        .is_some_and(|t| t.eq_ignore_ascii_case(kind))
}

/// The template's own component of this type (`HEADER`, `BODY`, `FOOTER`, `BUTTONS`).
fn part<'a>(template: &'a Template, kind: &str) -> Option<&'a Value> {
    template
        .components
        .as_array()?
        .iter()
        .find(|c| is_type(c, kind))
}

/// The send's components of this type (`header`, `body`, `button`).
fn given<'a>(send: &'a Value, kind: &str) -> Vec<&'a Value> {
    send["components"]
        .as_array()
        .map(|cs| cs.iter().filter(|c| is_type(c, kind)).collect())
        .unwrap_or_default()
}

fn given_params<'a>(send: &'a Value, kind: &str) -> Vec<&'a Value> {
    given(send, kind)
        .into_iter()
        .flat_map(|c| c["parameters"].as_array().into_iter().flatten())
        .collect()
}

fn count_mismatch(kind: &str, given: usize, expected: usize) -> Rejection {
    Box::new(graph_error(
        400,
        132_000,
        "Number of parameters does not match the expected number of params",
        &format!("{kind}: number of localizable_params ({given}) does not match the expected number of params ({expected})"),
    ))
}

fn format_mismatch(details: &str) -> Rejection {
    Box::new(graph_error(
        400,
        132_012,
        "Parameter format does not match format in the created template",
        details,
    ))
}

/// A button component's `index`: Meta documents a string, and takes a number too.
fn index_of(button: &Value) -> Option<usize> {
    match &button["index"] {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_u64().and_then(|n| usize::try_from(n).ok()),
        _ => None,
    }
}

/// The text a parameter stands for: text, or the fallback of a currency or a date.
fn param_text(p: &Value) -> Option<String> {
    p["text"]
        .as_str()
        .or_else(|| p["currency"]["fallback_value"].as_str())
        .or_else(|| p["date_time"]["fallback_value"].as_str())
        .or_else(|| p["payload"].as_str())
        .map(str::to_string)
}

/// Fills `text` with the given parameters: by `parameter_name` when they carry one,
/// else in placeholder order (`{{1}}` is the first).
fn fill_with(text: &str, params: &[&Value]) -> String {
    let names = distinct_placeholders(text);
    fill(text, |name| {
        if let Some(p) = params
            .iter()
            .find(|p| p["parameter_name"].as_str() == Some(name))
        {
            return param_text(p);
        }
        let at = match name.parse::<usize>() {
            Ok(n) => n.checked_sub(1)?,
            Err(_) => names.iter().position(|x| x == name)?,
        };
        params.get(at).and_then(|p| param_text(p))
    })
}

/// Checks a template send against the stored templates, as Meta does; `Ok` when it may go.
pub fn check_template(state: &SimState, send: &Value) -> Result<Checked, Rejection> {
    let name = send["name"]
        .as_str()
        .ok_or_else(|| Box::new(required("template['name']")))?;
    let language = send["language"]["code"]
        .as_str()
        .ok_or_else(|| Box::new(required("template['language']['code']")))?;
    let Some(template) = state
        .templates
        .iter()
        .find(|x| x.name == name && x.language == language)
    else {
        return Err(Box::new(graph_error(
            404,
            132_001,
            "Template name does not exist in the translation",
            &format!("template name ({name}) does not exist in {language}"),
        )));
    };
    match template.status.as_str() {
        "APPROVED" => {}
        "PAUSED" => {
            return Err(Box::new(graph_error(
                400,
                132_015,
                "Template is paused",
                "Template is paused due to low quality so it cannot be sent in a template message.",
            )))
        }
        "DISABLED" => {
            return Err(Box::new(graph_error(
                400,
                132_016,
                "Template has been disabled",
                "Template has been disabled due to low quality.",
            )))
        }
        _ => {
            return Err(Box::new(graph_error(
                404,
                132_001,
                "Template name does not exist in the translation",
                &format!("template name ({name}) is not approved in {language}"),
            )))
        }
    }
    check_body(template, send)?;
    check_header(template, send, &state.media)?;
    check_buttons(template, send)?;
    Ok(Checked {
        category: template.category.clone(),
        rendered: render(template, send, &state.media),
    })
}

fn check_body(template: &Template, send: &Value) -> Result<(), Rejection> {
    let expected = part(template, "BODY")
        .and_then(|b| b["text"].as_str())
        .map_or(0, |t| distinct_placeholders(t).len());
    let params = given_params(send, "body");
    if let Some(p) = params.iter().find(|p| {
        !["text", "currency", "date_time"]
            .iter()
            .any(|k| is_type(p, k))
    }) {
        return Err(format_mismatch(&format!(
            "body: parameter type {} is not allowed in the body",
            p["type"]
        )));
    }
    if params.len() != expected {
        return Err(count_mismatch("body", params.len(), expected));
    }
    Ok(())
}

fn check_header(
    template: &Template,
    send: &Value,
    media: &HashMap<String, Media>,
) -> Result<(), Rejection> {
    let header = part(template, "HEADER");
    let format = header
        .map(|h| h["format"].as_str().unwrap_or("TEXT").to_ascii_uppercase())
        .unwrap_or_default();
    let params = given_params(send, "header");
    match format.as_str() {
        "IMAGE" | "VIDEO" | "DOCUMENT" => {
            let kind = format.to_ascii_lowercase();
            let [p] = params.as_slice() else {
                return Err(format_mismatch(&format!(
                    "header: the template's header is {format}: exactly one {kind} parameter is expected, {} given",
                    params.len()
                )));
            };
            if !is_type(p, &kind) {
                return Err(format_mismatch(&format!(
                    "header: the template's header is {format}, the parameter is {}",
                    p["type"]
                )));
            }
            let file = &p[kind.as_str()];
            let known_id = file["id"].as_str().is_some_and(|id| media.contains_key(id));
            let link = file["id"].is_null()
                && file["link"]
                    .as_str()
                    .is_some_and(|l| l.starts_with("https://") || l.starts_with("http://"));
            if !(known_id || link) {
                return Err(format_mismatch(&format!(
                    "header: {kind} needs the id of an uploaded file or a link"
                )));
            }
        }
        "TEXT" | "" => {
            let expected = header
                .and_then(|h| h["text"].as_str())
                .map_or(0, |t| distinct_placeholders(t).len());
            if let Some(p) = params.iter().find(|p| !is_type(p, "text")) {
                return Err(format_mismatch(&format!(
                    "header: the template's header is text, the parameter is {}",
                    p["type"]
                )));
            }
            if params.len() != expected {
                return Err(count_mismatch("header", params.len(), expected));
            }
        }
        // GIF and LOCATION headers: not checked.
        _ => {}
    }
    Ok(())
}

fn check_buttons(template: &Template, send: &Value) -> Result<(), Rejection> {
    let buttons: Vec<&Value> = part(template, "BUTTONS")
        .and_then(|b| b["buttons"].as_array())
        .map(|b| b.iter().collect())
        .unwrap_or_default();
    let given = given(send, "button");
    for g in &given {
        let sub_type = g["sub_type"].as_str().unwrap_or("").to_ascii_uppercase();
        let Some(button) = index_of(g).and_then(|i| buttons.get(i)) else {
            return Err(Box::new(graph_error(
                400,
                131_009,
                "Parameter value is not valid",
                &format!(
                    "buttons: the template has no button at index {}",
                    g["index"]
                ),
            )));
        };
        let kind = button["type"].as_str().unwrap_or("").to_ascii_uppercase();
        if sub_type != kind {
            return Err(format_mismatch(&format!(
                "buttons: the button at index {} is {kind}, not {sub_type}",
                g["index"]
            )));
        }
    }
    let at = |i: usize| given.iter().find(|g| index_of(g) == Some(i));
    for (i, button) in buttons.iter().enumerate() {
        match button["type"].as_str().unwrap_or("") {
            "URL" if button["url"].as_str().is_some_and(|u| u.contains("{{")) => {
                let suffix = at(i)
                    .and_then(|g| g["parameters"].as_array())
                    .and_then(|p| p.first())
                    .filter(|p| is_type(p, "text"))
                    .and_then(|p| p["text"].as_str())
                    .filter(|t| !t.is_empty());
                if suffix.is_none() {
                    return Err(count_mismatch("button", 0, 1));
                }
            }
            "COPY_CODE" => {
                let Some(p) = at(i)
                    .and_then(|g| g["parameters"].as_array())
                    .and_then(|p| p.first())
                else {
                    return Err(count_mismatch("button", 0, 1));
                };
                if !is_type(p, "coupon_code") {
                    return Err(format_mismatch(&format!(
                        "buttons: a copy-code button takes a coupon_code parameter, not {}",
                        p["type"]
                    )));
                }
                let code = p["coupon_code"].as_str().unwrap_or("");
                if code.is_empty() || code.chars().count() > COUPON_MAX {
                    return Err(Box::new(graph_error(
                        400,
                        132_018,
                        "There was an issue with the parameters in your template.",
                        &format!(
                            "Param coupon_code must be between 1 and {COUPON_MAX} characters long."
                        ),
                    )));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The template as the customer's phone shows it: header (text, or the media the send
/// names), body and buttons filled in, footer.
pub fn render(template: &Template, send: &Value, media: &HashMap<String, Media>) -> Value {
    let mut shown = json!({});
    let header_params = given_params(send, "header");
    if let Some(h) = part(template, "HEADER") {
        let format = h["format"].as_str().unwrap_or("TEXT").to_ascii_uppercase();
        if format == "TEXT" {
            if let Some(text) = h["text"].as_str() {
                shown["header"] = json!({"type": "text", "text": fill_with(text, &header_params)});
            }
        } else {
            let kind = format.to_ascii_lowercase();
            let file = header_params
                .first()
                .map(|p| &p[kind.as_str()])
                .cloned()
                .unwrap_or(Value::Null);
            let mut header = json!({"type": kind});
            if let Some(id) = file["id"].as_str() {
                header["media_id"] = json!(id);
            }
            if let Some(link) = file["link"].as_str() {
                header["link"] = json!(link);
            }
            // A document shows its name: the one sent, else the uploaded file's.
            if kind == "document" {
                let filename = file["filename"].as_str().map(str::to_string).or_else(|| {
                    file["id"]
                        .as_str()
                        .and_then(|id| media.get(id))
                        .and_then(|m| m.filename.clone())
                });
                if let Some(f) = filename {
                    header["filename"] = json!(f);
                }
            }
            shown["header"] = header;
        }
    }
    if let Some(text) = part(template, "BODY").and_then(|b| b["text"].as_str()) {
        shown["body"] = json!(fill_with(text, &given_params(send, "body")));
    }
    if let Some(text) = part(template, "FOOTER").and_then(|f| f["text"].as_str()) {
        shown["footer"] = json!(text);
    }
    let given = given(send, "button");
    let param = |i: usize| {
        given
            .iter()
            .find(|g| index_of(g) == Some(i))
            .and_then(|g| g["parameters"].as_array())
            .and_then(|p| p.first())
            .cloned()
            .unwrap_or(Value::Null)
    };
    let buttons: Vec<Value> = part(template, "BUTTONS")
        .and_then(|b| b["buttons"].as_array())
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, b)| {
            let kind = b["type"].as_str().unwrap_or("").to_ascii_uppercase();
            let mut button =
                json!({"index": i, "type": kind, "text": b["text"].as_str().unwrap_or("")});
            let p = param(i);
            match kind.as_str() {
                "URL" => {
                    let url = b["url"].as_str().unwrap_or("");
                    let suffix = p["text"].as_str().unwrap_or("");
                    button["url"] = json!(fill(url, |_| Some(suffix.to_string())));
                }
                "COPY_CODE" => {
                    if button["text"] == "" {
                        button["text"] = json!("Copy offer code");
                    }
                    button["code"] = p["coupon_code"].clone();
                }
                "PHONE_NUMBER" => button["phone_number"] = b["phone_number"].clone(),
                "QUICK_REPLY" => {
                    button["payload"] = p["payload"]
                        .as_str()
                        .map_or_else(|| b["text"].clone(), |s| json!(s));
                }
                _ => {}
            }
            button
        })
        .collect();
    if !buttons.is_empty() {
        shown["buttons"] = json!(buttons);
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_parameter_used_twice_is_one_parameter() {
        assert_eq!(
            distinct_placeholders("Hi {{name}}, {{ name }} again on {{date}}"),
            ["name", "date"]
        );
        assert_eq!(distinct_placeholders("{{1}} and {{2}} and {{1}}").len(), 2);
    }

    #[test]
    fn parameters_fill_by_name_or_in_order() {
        let named = json!({"type": "text", "text": "Lucía", "parameter_name": "first_name"});
        let number = json!({"type": "text", "text": "F-1", "parameter_name": "invoice_number"});
        assert_eq!(
            fill_with(
                "Hola {{first_name}}, factura {{invoice_number}} para {{first_name}}",
                &[&number, &named]
            ),
            "Hola Lucía, factura F-1 para Lucía"
        );
        let a = json!({"type": "text", "text": "Sam"});
        let b = json!({"type": "text", "text": "WELCOME15"});
        assert_eq!(
            fill_with("Hi {{1}}, use {{2}}", &[&a, &b]),
            "Hi Sam, use WELCOME15"
        );
        assert_eq!(fill_with("Hi {{1}}, use {{2}}", &[&a]), "Hi Sam, use {{2}}");
    }
}

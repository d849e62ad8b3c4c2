//! Filling a template for a send: the values it asks for ([`slots`]), what the console suggests
//! for them ([`suggest`]), Meta's limits on them ([`check`]), how the customer will see it
//! ([`render`]) and the exact message that goes out ([`build`]). The picker in the browser and
//! the server's send path call the same functions; the server's answer is the one that counts.

use super::message::MediaKind;
use super::outbound::{Outbound, TemplateButtonKind, TemplateButtonParam, TemplateParam};
use super::templates::{fill, placeholders, ParameterFormat, TemplateContent, TemplateHeader};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text header, once filled.
pub const HEADER_TEXT_MAX: usize = 60;
/// The body, once filled (longer: Meta's 132005).
pub const BODY_TEXT_MAX: usize = 1024;
/// A copy-code button's coupon code.
pub const COUPON_CODE_MAX: usize = 15;
/// A URL button's address with its suffix.
pub const URL_MAX: usize = 2000;

/// WhatsApp keeps an uploaded file for 30 days; the picker offers earlier uploads for 29, so
/// a file never expires between choosing it and sending.
pub const UPLOAD_REUSE_MS: i64 = 29 * 24 * 60 * 60 * 1000;

/// Where a value goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "part")]
pub enum SlotPart {
    Header,
    Body,
    /// The `{{1}}` at the end of URL button `index`.
    UrlButton {
        index: u32,
    },
    /// The coupon code of copy-code button `index`.
    CopyCode {
        index: u32,
    },
}

/// One value a template needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// `header.1`, `body.first_name`, `button.1`, `code.2`: the key of the value.
    pub key: String,
    pub part: SlotPart,
    /// The placeholder's name: `1`, `2`… or a named parameter's name.
    pub name: String,
    /// Meta's example value, shown as a hint.
    pub example: Option<String>,
    /// The placeholder follows a greeting ("Hola {{1}}"): almost always the first name.
    pub after_greeting: bool,
}

/// The media of a template's media header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateMedia {
    pub kind: MediaKind,
    /// Meta's id of the uploaded file.
    pub media_id: String,
    pub filename: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedButton {
    /// QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE…
    pub kind: String,
    pub text: String,
    /// The URL with its suffix, or the phone number.
    pub target: Option<String>,
}

/// A template as the customer sees it once filled. Stored with the sent message, so the thread
/// shows what went out even after the template is edited or deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedTemplate {
    pub header: Option<String>,
    pub header_media: Option<MediaKind>,
    pub body: String,
    pub footer: Option<String>,
    pub buttons: Vec<RenderedButton>,
}

/// What is wrong with one value, in terms the picker shows next to the field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum TemplateProblem {
    /// Left empty.
    Missing,
    TooLong {
        max: usize,
    },
    /// A new line, a tab or more than four spaces in a row: Meta refuses them in parameters.
    Whitespace,
    /// Spaces in a URL suffix.
    NotUrl,
    /// The filled header or body is longer than Meta allows.
    PartTooLong {
        max: usize,
    },
    /// The header needs an image, a video or a document.
    MediaMissing {
        kind: MediaKind,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotProblem {
    /// A slot's key, or `header` / `body` / `header.media` for the part as a whole.
    pub key: String,
    pub problem: TemplateProblem,
}

impl SlotProblem {
    fn new(key: impl Into<String>, problem: TemplateProblem) -> SlotProblem {
        SlotProblem {
            key: key.into(),
            problem,
        }
    }
}

/// Why the console cannot send a template at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum Unsendable {
    /// One-time-password templates belong to a login system, not to agents.
    Authentication,
    /// A header the console cannot fill (location, GIF).
    Header { format: String },
    /// A button the console cannot fill (flow, catalog, OTP…).
    Button { kind: String },
    /// Known only from a status webhook, not synced yet: no text, no category.
    NotSynced,
}

/// Whether agents can send this template from the console.
pub fn sendable(category: Option<&str>, content: &TemplateContent) -> Result<(), Unsendable> {
    if category.is_none() || content.body.trim().is_empty() {
        return Err(Unsendable::NotSynced);
    }
    if category.is_some_and(|c| c.eq_ignore_ascii_case("AUTHENTICATION")) {
        return Err(Unsendable::Authentication);
    }
    if let Some(TemplateHeader::Media { kind }) = &content.header {
        if header_media_kind(content).is_none() {
            return Err(Unsendable::Header {
                format: kind.clone(),
            });
        }
    }
    for b in &content.buttons {
        if !matches!(
            b.kind.as_str(),
            "QUICK_REPLY" | "URL" | "PHONE_NUMBER" | "COPY_CODE"
        ) {
            return Err(Unsendable::Button {
                kind: b.kind.clone(),
            });
        }
    }
    Ok(())
}

/// The media a media header needs, if the console can send it.
pub fn header_media_kind(content: &TemplateContent) -> Option<MediaKind> {
    match &content.header {
        Some(TemplateHeader::Media { kind }) => match kind.to_ascii_uppercase().as_str() {
            "IMAGE" => Some(MediaKind::Image),
            "VIDEO" => Some(MediaKind::Video),
            "DOCUMENT" => Some(MediaKind::Document),
            _ => None,
        },
        _ => None,
    }
}

const GREETINGS: [&str; 22] = [
    "hi",
    "hello",
    "hey",
    "dear",
    "hola",
    "buenas",
    "buenos días",
    "buenas tardes",
    "buenas noches",
    "estimado",
    "estimada",
    "querido",
    "querida",
    "olá",
    "oi",
    "bonjour",
    "salut",
    "ciao",
    "hallo",
    "welcome",
    "bienvenido",
    "bienvenida",
];

/// Whether `before` ends with a greeting that opens a sentence ("Hola ", "¡Hi, ", "Gracias.
/// Buenos días "), not a greeting-like word inside one ("You are welcome ").
fn follows_greeting(before: &str) -> bool {
    let t = before
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
        .to_lowercase();
    GREETINGS.iter().any(|g| {
        t.strip_suffix(g).is_some_and(|rest| {
            rest.trim_end()
                .chars()
                .last()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '¡' | '¿' | '\n' | ':'))
        })
    })
}

/// The distinct placeholders of `text`, positional ones in number order, each with whether
/// its first appearance follows a greeting.
fn distinct(text: &str, format: ParameterFormat) -> Vec<(String, bool)> {
    let mut names: Vec<String> = Vec::new();
    for name in placeholders(text) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if format == ParameterFormat::Positional {
        names.sort_by_key(|n| n.parse::<u32>().unwrap_or(u32::MAX));
    }
    names
        .into_iter()
        .map(|name| {
            let greeted = text
                .find(&format!("{{{{{name}}}}}"))
                .is_some_and(|at| follows_greeting(&text[..at]));
            (name, greeted)
        })
        .collect()
}

fn example_for(examples: &[String], position: usize, name: &str) -> Option<String> {
    // Positional examples are numbered; named ones come in order of appearance.
    let at = name
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .unwrap_or(position);
    examples.get(at).cloned()
}

/// Every value the template needs, in the order a form shows them.
pub fn slots(content: &TemplateContent) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut texts = Vec::new();
    if let Some(TemplateHeader::Text { text }) = &content.header {
        texts.push((
            SlotPart::Header,
            "header",
            text.as_str(),
            &content.header_examples,
        ));
    }
    texts.push((
        SlotPart::Body,
        "body",
        content.body.as_str(),
        &content.body_examples,
    ));
    for (part, prefix, text, examples) in texts {
        for (position, (name, after_greeting)) in distinct(text, content.parameter_format)
            .into_iter()
            .enumerate()
        {
            out.push(Slot {
                key: format!("{prefix}.{name}"),
                part,
                example: example_for(examples, position, &name),
                name,
                after_greeting,
            });
        }
    }
    for (i, b) in content.buttons.iter().enumerate() {
        let index = i as u32;
        let (part, key) = match b.kind.as_str() {
            "URL" if b.url.as_deref().is_some_and(|u| u.contains("{{")) => {
                (SlotPart::UrlButton { index }, format!("button.{i}"))
            }
            "COPY_CODE" => (SlotPart::CopyCode { index }, format!("code.{i}")),
            _ => continue,
        };
        out.push(Slot {
            key,
            part,
            name: "1".into(),
            example: b.example.clone(),
            after_greeting: false,
        });
    }
    out
}

/// What the console knows to fill values with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefillSource {
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub agent_name: String,
    pub attributes: BTreeMap<String, String>,
}

pub fn first_name(full: &str) -> Option<String> {
    full.split_whitespace().next().map(str::to_string)
}

/// `First Name` → `first_name`: how parameter names and attribute keys are compared.
fn normalized(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

/// The value the console pre-fills a slot with. Named parameters are matched by name (the
/// customer's name, first name, phone, the agent, or any contact attribute of the same name);
/// a positional one right after a greeting gets the customer's first name. Anything else is
/// left for the agent.
pub fn suggest(slot: &Slot, source: &PrefillSource) -> Option<String> {
    if !matches!(slot.part, SlotPart::Header | SlotPart::Body) {
        return None;
    }
    let name = source.contact_name.as_deref().filter(|n| !n.is_empty());
    if slot.name.parse::<u32>().is_ok() {
        return slot.after_greeting.then(|| name.and_then(first_name))?;
    }
    let key = normalized(&slot.name);
    let from_attribute = || {
        source
            .attributes
            .iter()
            .find(|(k, v)| normalized(k) == key && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
    };
    match key.as_str() {
        "first_name" | "firstname" | "customer_first_name" | "nombre" | "name_first" => {
            name.and_then(first_name)
        }
        "name" | "full_name" | "customer_name" | "customer" | "contact_name"
        | "nombre_completo" | "cliente" => name.map(str::to_string),
        "phone" | "phone_number" | "telefono" | "teléfono" => source.phone.clone(),
        "agent" | "agent_name" | "agente" => Some(source.agent_name.clone()),
        "agent_first_name" => first_name(&source.agent_name),
        _ => None,
    }
    .or_else(from_attribute)
    .filter(|v| !v.trim().is_empty())
}

fn value<'a>(values: &'a BTreeMap<String, String>, key: &str) -> Option<&'a str> {
    values.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// How the template reads with `values`; a value not given yet shows as its placeholder.
pub fn render(content: &TemplateContent, values: &BTreeMap<String, String>) -> RenderedTemplate {
    let filled = |prefix: &str, text: &str| {
        fill(text, |name| {
            value(values, &format!("{prefix}.{name}")).map(str::to_string)
        })
    };
    let (header, header_media) = match &content.header {
        Some(TemplateHeader::Text { text }) => (Some(filled("header", text)), None),
        Some(TemplateHeader::Media { .. }) => (None, header_media_kind(content)),
        None => (None, None),
    };
    let buttons = content
        .buttons
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let target = match b.kind.as_str() {
                "URL" => b.url.as_deref().map(|url| {
                    fill(url, |_| {
                        value(values, &format!("button.{i}")).map(str::to_string)
                    })
                }),
                "PHONE_NUMBER" => b.phone_number.clone(),
                "COPY_CODE" => value(values, &format!("code.{i}")).map(str::to_string),
                _ => None,
            };
            RenderedButton {
                kind: b.kind.clone(),
                text: b.text.clone(),
                target,
            }
        })
        .collect();
    RenderedTemplate {
        header,
        header_media,
        body: filled("body", &content.body),
        footer: content.footer.clone(),
        buttons,
    }
}

/// Meta refuses new lines, tabs and more than four spaces in a row inside parameters (132018).
fn clean_whitespace(v: &str) -> bool {
    !v.contains(['\n', '\r', '\t']) && !v.contains("     ")
}

/// Checks every value and the filled parts against Meta's limits. The first problem found, in
/// form order.
pub fn check(
    content: &TemplateContent,
    values: &BTreeMap<String, String>,
    media: Option<&TemplateMedia>,
) -> Result<(), SlotProblem> {
    if let Some(kind) = header_media_kind(content) {
        if media.is_none_or(|m| m.kind != kind || m.media_id.trim().is_empty()) {
            return Err(SlotProblem::new(
                "header.media",
                TemplateProblem::MediaMissing { kind },
            ));
        }
    }
    for slot in slots(content) {
        let Some(v) = value(values, &slot.key) else {
            return Err(SlotProblem::new(slot.key, TemplateProblem::Missing));
        };
        let problem = match slot.part {
            SlotPart::Header | SlotPart::Body if !clean_whitespace(v) => {
                Some(TemplateProblem::Whitespace)
            }
            SlotPart::UrlButton { .. } if v.contains(char::is_whitespace) => {
                Some(TemplateProblem::NotUrl)
            }
            SlotPart::CopyCode { .. } if v.chars().count() > COUPON_CODE_MAX => {
                Some(TemplateProblem::TooLong {
                    max: COUPON_CODE_MAX,
                })
            }
            _ => None,
        };
        if let Some(problem) = problem {
            return Err(SlotProblem::new(slot.key, problem));
        }
    }
    let rendered = render(content, values);
    let too_long =
        |text: &Option<String>, max: usize| text.as_ref().is_some_and(|t| t.chars().count() > max);
    if too_long(&rendered.header, HEADER_TEXT_MAX) {
        return Err(SlotProblem::new(
            "header",
            TemplateProblem::PartTooLong {
                max: HEADER_TEXT_MAX,
            },
        ));
    }
    if too_long(&Some(rendered.body.clone()), BODY_TEXT_MAX) {
        return Err(SlotProblem::new(
            "body",
            TemplateProblem::PartTooLong { max: BODY_TEXT_MAX },
        ));
    }
    for (i, b) in rendered.buttons.iter().enumerate() {
        if b.kind == "URL" && too_long(&b.target, URL_MAX) {
            return Err(SlotProblem::new(
                format!("button.{i}"),
                TemplateProblem::TooLong { max: URL_MAX },
            ));
        }
    }
    Ok(())
}

/// The template a send names.
pub struct Chosen<'a> {
    pub name: &'a str,
    pub language: &'a str,
    pub content: &'a TemplateContent,
}

/// The message to send: checked, with every parameter in Meta's form and the rendering the
/// customer will see.
pub fn build(
    template: Chosen<'_>,
    values: &BTreeMap<String, String>,
    media: Option<TemplateMedia>,
) -> Result<Outbound, SlotProblem> {
    let content = template.content;
    check(content, values, media.as_ref())?;
    let named = content.parameter_format == ParameterFormat::Named;
    let mut header = Vec::new();
    let mut body = Vec::new();
    let mut buttons = Vec::new();
    for slot in slots(content) {
        let text = value(values, &slot.key).unwrap_or_default().to_string();
        let param = TemplateParam {
            name: named.then(|| slot.name.clone()),
            text,
        };
        match slot.part {
            SlotPart::Header => header.push(param),
            SlotPart::Body => body.push(param),
            SlotPart::UrlButton { index } => buttons.push(TemplateButtonParam {
                index,
                kind: TemplateButtonKind::Url,
                value: param.text,
            }),
            SlotPart::CopyCode { index } => buttons.push(TemplateButtonParam {
                index,
                kind: TemplateButtonKind::CopyCode,
                value: param.text,
            }),
        }
    }
    let header_media = media.filter(|_| header_media_kind(content).is_some());
    Ok(Outbound::Template {
        name: template.name.to_string(),
        language: template.language.to_string(),
        header,
        body,
        buttons,
        header_media,
        rendered: Some(render(content, values)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::templates::TemplateButton;

    fn order_update() -> TemplateContent {
        TemplateContent {
            header: Some(TemplateHeader::Text {
                text: "Pedido {{1}}".into(),
            }),
            body: "Hola {{1}}, tu pedido {{2}} sale hoy. Llegará el {{3}}.".into(),
            footer: Some("Responde STOP".into()),
            header_examples: vec!["A-1042".into()],
            body_examples: vec!["Lucía".into(), "A-1042".into(), "jueves".into()],
            buttons: vec![TemplateButton {
                kind: "QUICK_REPLY".into(),
                text: "Todo bien".into(),
                url: None,
                phone_number: None,
                example: None,
            }],
            ..TemplateContent::default()
        }
    }

    fn welcome() -> TemplateContent {
        TemplateContent {
            parameter_format: ParameterFormat::Named,
            header: Some(TemplateHeader::Media {
                kind: "IMAGE".into(),
            }),
            body: "Hi {{first_name}}, use {{code}} at {{store}}. {{first_name}}, see you!".into(),
            body_examples: vec!["Sam".into(), "WELCOME".into(), "Valencia".into()],
            buttons: vec![
                TemplateButton {
                    kind: "URL".into(),
                    text: "Shop".into(),
                    url: Some("https://shop.example.com/{{1}}".into()),
                    phone_number: None,
                    example: Some("welcome10".into()),
                },
                TemplateButton {
                    kind: "COPY_CODE".into(),
                    text: "Copy code".into(),
                    url: None,
                    phone_number: None,
                    example: Some("SAVE20".into()),
                },
            ],
            ..TemplateContent::default()
        }
    }

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    fn image() -> Option<TemplateMedia> {
        Some(TemplateMedia {
            kind: MediaKind::Image,
            media_id: "m1".into(),
            filename: None,
        })
    }

    #[test]
    fn slots_of_a_positional_template() {
        let slots = slots(&order_update());
        let keys: Vec<&str> = slots.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["header.1", "body.1", "body.2", "body.3"]);
        assert_eq!(slots[0].example.as_deref(), Some("A-1042"));
        assert_eq!(slots[3].example.as_deref(), Some("jueves"));
        assert!(slots[1].after_greeting, "Hola {{1}}");
        assert!(!slots[2].after_greeting);
    }

    #[test]
    fn slots_of_a_named_template_with_buttons() {
        let slots = slots(&welcome());
        let keys: Vec<&str> = slots.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "body.first_name",
                "body.code",
                "body.store",
                "button.0",
                "code.1"
            ],
            "a name used twice is asked once"
        );
        assert_eq!(slots[2].example.as_deref(), Some("Valencia"));
        assert_eq!(slots[3].part, SlotPart::UrlButton { index: 0 });
        assert_eq!(slots[4].example.as_deref(), Some("SAVE20"));
    }

    #[test]
    fn greetings() {
        for before in [
            "Hola ",
            "¡Hola ",
            "Hi, ",
            "Dear ",
            "Buenos días ",
            "hello",
            "Gracias. Buenas tardes ",
        ] {
            assert!(follows_greeting(before), "{before:?}");
        }
        for before in [
            "",
            "Order ",
            "Chicago ",
            "this ",
            "Ohio ",
            "Llega en 3 días ",
            "You are welcome ",
        ] {
            assert!(!follows_greeting(before), "{before:?}");
        }
    }

    #[test]
    fn suggestions() {
        let source = PrefillSource {
            contact_name: Some("Lucía Fernández".into()),
            phone: Some("34600000001".into()),
            agent_name: "Ana Gómez".into(),
            attributes: [("Order ID".to_string(), "A-77".to_string())]
                .into_iter()
                .collect(),
        };
        let slot = |key: &str, name: &str, after_greeting: bool| Slot {
            key: key.into(),
            part: SlotPart::Body,
            name: name.into(),
            example: None,
            after_greeting,
        };
        let table = [
            (slot("body.1", "1", true), Some("Lucía")),
            (slot("body.2", "2", false), None),
            (slot("body.first_name", "first_name", false), Some("Lucía")),
            (
                slot("body.customer_name", "customer_name", false),
                Some("Lucía Fernández"),
            ),
            (
                slot("body.agent_name", "agent_name", false),
                Some("Ana Gómez"),
            ),
            (slot("body.order_id", "order_id", false), Some("A-77")),
            (slot("body.phone", "phone", false), Some("34600000001")),
            (slot("body.date", "date", false), None),
        ];
        for (slot, expected) in table {
            assert_eq!(suggest(&slot, &source).as_deref(), expected, "{}", slot.key);
        }
        let nameless = PrefillSource::default();
        assert_eq!(suggest(&slot("body.1", "1", true), &nameless), None);
    }

    #[test]
    fn renders_what_the_customer_sees() {
        let v = values(&[
            ("body.first_name", "Lucía"),
            ("body.code", "HOLA10"),
            ("button.0", "lucia"),
            ("code.1", "HOLA10"),
        ]);
        let r = render(&welcome(), &v);
        assert_eq!(r.header_media, Some(MediaKind::Image));
        assert_eq!(
            r.body, "Hi Lucía, use HOLA10 at {{store}}. Lucía, see you!",
            "a missing value stays visible"
        );
        assert_eq!(
            r.buttons[0].target.as_deref(),
            Some("https://shop.example.com/lucia")
        );
        assert_eq!(r.buttons[1].target.as_deref(), Some("HOLA10"));
    }

    #[test]
    fn checks_meta_limits() {
        let content = order_update();
        let ok = values(&[
            ("header.1", "A-1"),
            ("body.1", "Lucía"),
            ("body.2", "A-1"),
            ("body.3", "jueves"),
        ]);
        assert_eq!(check(&content, &ok, None), Ok(()));
        let problem = |pairs: &[(&str, &str)]| {
            let mut v = ok.clone();
            for (k, val) in pairs {
                v.insert((*k).into(), (*val).into());
            }
            check(&content, &v, None).unwrap_err()
        };
        assert_eq!(
            problem(&[("body.2", "  ")]),
            SlotProblem::new("body.2", TemplateProblem::Missing)
        );
        assert_eq!(
            problem(&[("body.3", "jueves\nviernes")]),
            SlotProblem::new("body.3", TemplateProblem::Whitespace)
        );
        assert_eq!(
            problem(&[("body.3", "a     b")]),
            SlotProblem::new("body.3", TemplateProblem::Whitespace)
        );
        assert_eq!(
            problem(&[("header.1", &"x".repeat(60))]),
            SlotProblem::new("header", TemplateProblem::PartTooLong { max: 60 })
        );
        assert_eq!(
            problem(&[("body.1", &"x".repeat(1000))]),
            SlotProblem::new("body", TemplateProblem::PartTooLong { max: 1024 })
        );
        let welcome = welcome();
        let full = values(&[
            ("body.first_name", "Lucía"),
            ("body.code", "HOLA10"),
            ("body.store", "Valencia"),
            ("button.0", "lucia"),
            ("code.1", "HOLA10"),
        ]);
        assert_eq!(
            check(&welcome, &full, None),
            Err(SlotProblem::new(
                "header.media",
                TemplateProblem::MediaMissing {
                    kind: MediaKind::Image
                }
            ))
        );
        assert_eq!(check(&welcome, &full, image().as_ref()), Ok(()));
        let mut bad = full.clone();
        bad.insert("code.1".into(), "A-CODE-TOO-LONG-1".into());
        assert_eq!(
            check(&welcome, &bad, image().as_ref()),
            Err(SlotProblem::new(
                "code.1",
                TemplateProblem::TooLong { max: 15 }
            ))
        );
        bad = full.clone();
        bad.insert("button.0".into(), "a b".into());
        assert_eq!(
            check(&welcome, &bad, image().as_ref()),
            Err(SlotProblem::new("button.0", TemplateProblem::NotUrl))
        );
    }

    #[test]
    fn builds_the_exact_message() {
        let full = values(&[
            ("body.first_name", " Lucía "),
            ("body.code", "HOLA10"),
            ("body.store", "Valencia"),
            ("button.0", "lucia"),
            ("code.1", "HOLA10"),
        ]);
        let content = welcome();
        let chosen = || Chosen {
            name: "welcome_code",
            language: "en_US",
            content: &content,
        };
        let Outbound::Template {
            name,
            body,
            buttons,
            header_media,
            rendered,
            ..
        } = build(chosen(), &full, image()).unwrap()
        else {
            panic!("a template")
        };
        assert_eq!(name, "welcome_code");
        assert_eq!(
            body[0],
            TemplateParam {
                name: Some("first_name".into()),
                text: "Lucía".into()
            },
            "named and trimmed"
        );
        assert_eq!(body.len(), 3);
        assert_eq!(buttons[0].kind, TemplateButtonKind::Url);
        assert_eq!(buttons[1].index, 1);
        assert_eq!(buttons[1].kind, TemplateButtonKind::CopyCode);
        assert_eq!(header_media.unwrap().media_id, "m1");
        assert_eq!(
            rendered.unwrap().body,
            "Hi Lucía, use HOLA10 at Valencia. Lucía, see you!"
        );
        assert!(build(chosen(), &BTreeMap::new(), image()).is_err());
    }

    #[test]
    fn what_agents_may_send() {
        assert_eq!(sendable(Some("UTILITY"), &order_update()), Ok(()));
        assert_eq!(
            sendable(Some("AUTHENTICATION"), &order_update()),
            Err(Unsendable::Authentication)
        );
        let location = TemplateContent {
            header: Some(TemplateHeader::Media {
                kind: "LOCATION".into(),
            }),
            body: "Nuestra tienda".into(),
            ..TemplateContent::default()
        };
        assert!(matches!(
            sendable(Some("UTILITY"), &location),
            Err(Unsendable::Header { .. })
        ));
    }
}

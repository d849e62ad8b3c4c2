//! What the desk can send, and Meta's limits on it, checked before anything is queued so an
//! agent hears about a problem at once instead of from a failed status minutes later.

use super::message::{MediaKind, MessageBody};
use super::template_form::{RenderedTemplate, TemplateMedia};
use serde::{Deserialize, Serialize};

pub const TEXT_MAX: usize = 4096;
pub const CAPTION_MAX: usize = 1024;
pub const BUTTONS_MAX: usize = 3;
pub const BUTTON_TITLE_MAX: usize = 20;
pub const BUTTON_ID_MAX: usize = 256;
pub const INTERACTIVE_BODY_MAX: usize = 1024;
pub const LIST_BODY_MAX: usize = 4096;
pub const HEADER_MAX: usize = 60;
pub const FOOTER_MAX: usize = 60;
pub const LIST_BUTTON_MAX: usize = 20;
pub const LIST_ROWS_MAX: usize = 10;
pub const LIST_SECTIONS_MAX: usize = 10;
pub const SECTION_TITLE_MAX: usize = 24;
pub const ROW_ID_MAX: usize = 200;
pub const ROW_TITLE_MAX: usize = 24;
pub const ROW_DESCRIPTION_MAX: usize = 72;

/// Meta's size limits per media type, in bytes.
pub fn media_size_limit(kind: MediaKind, animated_sticker: bool) -> u64 {
    const MB: u64 = 1024 * 1024;
    match kind {
        MediaKind::Image => 5 * MB,
        MediaKind::Audio | MediaKind::Video => 16 * MB,
        MediaKind::Document => 100 * MB,
        MediaKind::Sticker if animated_sticker => 500 * 1024,
        MediaKind::Sticker => 100 * 1024,
    }
}

/// The MIME types Meta accepts per media type.
/// The WhatsApp media type a file of this MIME type is sent as, if WhatsApp takes it at all.
pub fn kind_for_mime(mime: &str) -> Option<MediaKind> {
    [
        MediaKind::Image,
        MediaKind::Sticker,
        MediaKind::Video,
        MediaKind::Audio,
        MediaKind::Document,
    ]
    .into_iter()
    .find(|k| accepted_mime(*k, mime))
}

pub fn accepted_mime(kind: MediaKind, mime: &str) -> bool {
    let mime = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match kind {
        MediaKind::Image => matches!(mime.as_str(), "image/jpeg" | "image/png"),
        MediaKind::Sticker => mime == "image/webp",
        MediaKind::Video => matches!(mime.as_str(), "video/mp4" | "video/3gpp"),
        MediaKind::Audio => matches!(
            mime.as_str(),
            "audio/aac" | "audio/amr" | "audio/mpeg" | "audio/mp4" | "audio/ogg"
        ),
        MediaKind::Document => matches!(
            mime.as_str(),
            "text/plain"
                | "application/pdf"
                | "application/msword"
                | "application/vnd.ms-excel"
                | "application/vnd.ms-powerpoint"
                | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                | "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        ),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyButton {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRow {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSection {
    pub title: Option<String>,
    pub rows: Vec<ListRow>,
}

/// A parameter of a template, positional (`name: None`) or named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateParam {
    pub name: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateButtonParam {
    /// The button's position in the template, from 0.
    pub index: u32,
    pub kind: TemplateButtonKind,
    pub value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateButtonKind {
    QuickReply,
    Url,
    CopyCode,
}

/// Something the desk sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Outbound {
    Text {
        body: String,
        preview_url: bool,
    },
    /// Media already uploaded to Meta.
    Media {
        kind: MediaKind,
        media_id: String,
        caption: Option<String>,
        filename: Option<String>,
        voice: bool,
    },
    Template {
        name: String,
        language: String,
        header: Vec<TemplateParam>,
        body: Vec<TemplateParam>,
        buttons: Vec<TemplateButtonParam>,
        /// The image, video or document of a media header.
        #[serde(default)]
        header_media: Option<TemplateMedia>,
        /// How the customer sees it, kept with the message (absent on older rows).
        #[serde(default)]
        rendered: Option<RenderedTemplate>,
    },
    Buttons {
        header: Option<String>,
        body: String,
        footer: Option<String>,
        buttons: Vec<ReplyButton>,
    },
    List {
        header: Option<String>,
        body: String,
        footer: Option<String>,
        button: String,
        sections: Vec<ListSection>,
    },
    Reaction {
        target_wamid: String,
        /// Empty removes our reaction.
        emoji: String,
    },
    /// An image WhatsApp fetches from a public https address (the bot's product cards).
    ImageLink {
        link: String,
        caption: Option<String>,
    },
}

/// What is wrong with an outbound message, in terms the composer can show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum OutboundProblem {
    #[error("{what} is empty")]
    Empty { what: String },
    #[error("{what} is longer than {max} characters")]
    TooLong { what: String, max: usize },
    #[error("{what}: between {min} and {max} allowed")]
    Count {
        what: String,
        min: usize,
        max: usize,
    },
    #[error("{what} appears twice: {value}")]
    Duplicate { what: String, value: String },
    #[error("sections need titles when there is more than one")]
    SectionTitleMissing,
}

fn present(what: &str, value: &str, max: usize) -> Result<(), OutboundProblem> {
    if value.trim().is_empty() {
        return Err(OutboundProblem::Empty { what: what.into() });
    }
    within(what, value, max)
}

fn within(what: &str, value: &str, max: usize) -> Result<(), OutboundProblem> {
    if value.chars().count() > max {
        Err(OutboundProblem::TooLong {
            what: what.into(),
            max,
        })
    } else {
        Ok(())
    }
}

fn optional(what: &str, value: &Option<String>, max: usize) -> Result<(), OutboundProblem> {
    value.as_deref().map_or(Ok(()), |v| within(what, v, max))
}

fn count(what: &str, n: usize, min: usize, max: usize) -> Result<(), OutboundProblem> {
    if (min..=max).contains(&n) {
        Ok(())
    } else {
        Err(OutboundProblem::Count {
            what: what.into(),
            min,
            max,
        })
    }
}

fn unique<'a>(what: &str, values: impl Iterator<Item = &'a str>) -> Result<(), OutboundProblem> {
    let mut seen = std::collections::HashSet::new();
    for v in values {
        if !seen.insert(v) {
            return Err(OutboundProblem::Duplicate {
                what: what.into(),
                value: v.into(),
            });
        }
    }
    Ok(())
}

/// Checks Meta's limits for one outbound message.
pub fn validate(message: &Outbound) -> Result<(), OutboundProblem> {
    match message {
        Outbound::Text { body, .. } => present("text", body, TEXT_MAX),
        Outbound::Media {
            media_id, caption, ..
        } => {
            present("media id", media_id, 256)?;
            optional("caption", caption, CAPTION_MAX)
        }
        Outbound::Template { name, language, .. } => {
            present("template name", name, 512)?;
            present("template language", language, 16)
        }
        Outbound::Buttons {
            header,
            body,
            footer,
            buttons,
        } => {
            optional("header", header, HEADER_MAX)?;
            present("body", body, INTERACTIVE_BODY_MAX)?;
            optional("footer", footer, FOOTER_MAX)?;
            count("buttons", buttons.len(), 1, BUTTONS_MAX)?;
            for b in buttons {
                present("button id", &b.id, BUTTON_ID_MAX)?;
                present("button title", &b.title, BUTTON_TITLE_MAX)?;
            }
            unique("button id", buttons.iter().map(|b| b.id.as_str()))?;
            unique("button title", buttons.iter().map(|b| b.title.as_str()))
        }
        Outbound::List {
            header,
            body,
            footer,
            button,
            sections,
        } => {
            optional("header", header, HEADER_MAX)?;
            present("body", body, LIST_BODY_MAX)?;
            optional("footer", footer, FOOTER_MAX)?;
            present("list button", button, LIST_BUTTON_MAX)?;
            count("sections", sections.len(), 1, LIST_SECTIONS_MAX)?;
            let rows: Vec<&ListRow> = sections.iter().flat_map(|s| &s.rows).collect();
            count("rows", rows.len(), 1, LIST_ROWS_MAX)?;
            for s in sections {
                if sections.len() > 1 && s.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                    return Err(OutboundProblem::SectionTitleMissing);
                }
                optional("section title", &s.title, SECTION_TITLE_MAX)?;
            }
            for r in &rows {
                present("row id", &r.id, ROW_ID_MAX)?;
                present("row title", &r.title, ROW_TITLE_MAX)?;
                optional("row description", &r.description, ROW_DESCRIPTION_MAX)?;
            }
            unique("row id", rows.iter().map(|r| r.id.as_str()))
        }
        Outbound::Reaction { target_wamid, .. } => present("reacted message", target_wamid, 512),
        Outbound::ImageLink { link, caption } => {
            present("image link", link, 2000)?;
            optional("caption", caption, CAPTION_MAX)
        }
    }
}

impl Outbound {
    /// Free-form messages need the customer's 24-hour window open; only templates do not
    /// (see `domain::window::may_send`).
    pub fn is_free_form(&self) -> bool {
        !matches!(self, Outbound::Template { .. })
    }

    /// How the message looks in the desk's own history.
    pub fn to_body(&self) -> MessageBody {
        match self {
            Outbound::Text { body, .. } => MessageBody::Text { body: body.clone() },
            Outbound::Media {
                kind,
                media_id,
                caption,
                filename,
                voice,
            } => MessageBody::Media(super::message::Media {
                kind: *kind,
                media_id: media_id.clone(),
                mime_type: None,
                sha256: None,
                caption: caption.clone(),
                filename: filename.clone(),
                voice: *voice,
                animated: false,
            }),
            Outbound::Reaction {
                target_wamid,
                emoji,
            } => MessageBody::Reaction {
                target_wamid: target_wamid.clone(),
                emoji: Some(emoji.clone()).filter(|e| !e.is_empty()),
            },
            other => MessageBody::Outbound {
                sent: Box::new(other.clone()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buttons(titles: &[&str]) -> Outbound {
        Outbound::Buttons {
            header: None,
            body: "¿Qué prefieres?".into(),
            footer: None,
            buttons: titles
                .iter()
                .enumerate()
                .map(|(i, t)| ReplyButton {
                    id: format!("b{i}"),
                    title: (*t).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn text_limits() {
        let ok = Outbound::Text {
            body: "a".repeat(TEXT_MAX),
            preview_url: false,
        };
        assert_eq!(validate(&ok), Ok(()));
        let long = Outbound::Text {
            body: "a".repeat(TEXT_MAX + 1),
            preview_url: false,
        };
        assert!(matches!(
            validate(&long),
            Err(OutboundProblem::TooLong { max: TEXT_MAX, .. })
        ));
        let blank = Outbound::Text {
            body: "  ".into(),
            preview_url: false,
        };
        assert!(matches!(
            validate(&blank),
            Err(OutboundProblem::Empty { .. })
        ));
    }

    #[test]
    fn one_to_three_distinct_buttons() {
        assert_eq!(validate(&buttons(&["Sí", "No"])), Ok(()));
        assert!(matches!(
            validate(&buttons(&[])),
            Err(OutboundProblem::Count { .. })
        ));
        assert!(matches!(
            validate(&buttons(&["a", "b", "c", "d"])),
            Err(OutboundProblem::Count { max: 3, .. })
        ));
        assert!(matches!(
            validate(&buttons(&["Sí", "Sí"])),
            Err(OutboundProblem::Duplicate { .. })
        ));
        assert!(matches!(
            validate(&buttons(&["a title that is far too long"])),
            Err(OutboundProblem::TooLong {
                max: BUTTON_TITLE_MAX,
                ..
            })
        ));
    }

    #[test]
    fn lists_have_at_most_ten_rows_and_titled_sections() {
        let row = |i: usize| ListRow {
            id: format!("r{i}"),
            title: format!("Row {i}"),
            description: None,
        };
        let list = |sections: Vec<ListSection>| Outbound::List {
            header: None,
            body: "Elige".into(),
            footer: None,
            button: "Opciones".into(),
            sections,
        };
        let one = list(vec![ListSection {
            title: None,
            rows: (0..10).map(row).collect(),
        }]);
        assert_eq!(validate(&one), Ok(()));
        let eleven = list(vec![ListSection {
            title: None,
            rows: (0..11).map(row).collect(),
        }]);
        assert!(matches!(
            validate(&eleven),
            Err(OutboundProblem::Count { .. })
        ));
        let untitled = list(vec![
            ListSection {
                title: Some("A".into()),
                rows: vec![row(1)],
            },
            ListSection {
                title: None,
                rows: vec![row(2)],
            },
        ]);
        assert_eq!(
            validate(&untitled),
            Err(OutboundProblem::SectionTitleMissing)
        );
    }

    #[test]
    fn media_limits() {
        assert_eq!(media_size_limit(MediaKind::Image, false), 5 * 1024 * 1024);
        assert_eq!(media_size_limit(MediaKind::Sticker, true), 500 * 1024);
        assert!(accepted_mime(MediaKind::Audio, "audio/ogg; codecs=opus"));
        assert!(accepted_mime(MediaKind::Image, "IMAGE/PNG"));
        assert!(!accepted_mime(MediaKind::Image, "image/gif"));
        assert!(!accepted_mime(MediaKind::Document, "image/svg+xml"));
    }
}

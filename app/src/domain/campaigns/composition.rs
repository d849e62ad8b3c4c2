//! A campaign's message for one recipient: each value of the template mapped to a contact
//! field, an attribute, a column of the uploaded list or a fixed text, with a fallback when
//! the recipient has none. The same function fills the preview and the message sent.

use crate::domain::outbound::Outbound;
use crate::domain::template_form::{build, first_name, slots, Chosen, SlotProblem, TemplateMedia};
use crate::domain::templates::TemplateContent;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a value comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from", content = "key")]
pub enum ValueSource {
    /// The customer's WhatsApp profile name.
    Name,
    FirstName,
    /// The customer's number, as people write it.
    Phone,
    /// A custom attribute of the contact.
    Attribute(String),
    /// A column of the uploaded list.
    Column(String),
    /// The same text for everyone.
    Fixed(String),
}

/// One template value's mapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// The template form's slot key (`body.1`, `header.1`, `button.0`…).
    pub slot: String,
    pub source: ValueSource,
    /// Used when the source gives nothing for a recipient; empty: the recipient is skipped.
    #[serde(default)]
    pub fallback: String,
}

/// The template and how each of its values is filled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composition {
    pub template_name: String,
    pub language: String,
    pub mappings: Vec<Mapping>,
    /// The media of a media header, chosen once for everyone.
    pub header_media: Option<TemplateMedia>,
}

/// What a recipient brings to the mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecipientFacts {
    pub name: Option<String>,
    pub wa_id: Option<String>,
    pub attributes: BTreeMap<String, String>,
    /// The recipient's row of an uploaded list (column → value).
    pub columns: BTreeMap<String, String>,
}

/// Why a composition cannot launch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum CompositionProblem {
    /// A value of the template has no mapping.
    Unmapped { slot: String },
    /// A fixed text left empty.
    EmptyFixed { slot: String },
    /// The header needs its image, video or document.
    HeaderMedia,
}

/// Checks that every value of `content` is mapped.
pub fn complete(content: &TemplateContent, c: &Composition) -> Result<(), CompositionProblem> {
    for slot in slots(content) {
        let Some(m) = c.mappings.iter().find(|m| m.slot == slot.key) else {
            return Err(CompositionProblem::Unmapped { slot: slot.key });
        };
        if matches!(&m.source, ValueSource::Fixed(t) if t.trim().is_empty()) {
            return Err(CompositionProblem::EmptyFixed { slot: slot.key });
        }
    }
    if crate::domain::template_form::header_media_kind(content).is_some()
        && c.header_media.is_none()
    {
        return Err(CompositionProblem::HeaderMedia);
    }
    Ok(())
}

fn source_value(source: &ValueSource, r: &RecipientFacts) -> Option<String> {
    let name = r.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    match source {
        ValueSource::Name => name.map(str::to_string),
        ValueSource::FirstName => name.and_then(first_name),
        ValueSource::Phone => r.wa_id.as_deref().map(crate::domain::phone::for_people),
        ValueSource::Attribute(key) => r.attributes.get(key).cloned(),
        ValueSource::Column(key) => r.columns.get(key).cloned(),
        ValueSource::Fixed(text) => Some(text.clone()),
    }
    .map(|v| v.trim().to_string())
    .filter(|v| !v.is_empty())
}

/// The values for one recipient (a missing one stays out, so `build` says which).
pub fn values(c: &Composition, r: &RecipientFacts) -> BTreeMap<String, String> {
    c.mappings
        .iter()
        .filter_map(|m| {
            let v = source_value(&m.source, r)
                .or_else(|| Some(m.fallback.trim().to_string()).filter(|f| !f.is_empty()))?;
            Some((m.slot.clone(), v))
        })
        .collect()
}

/// The message one recipient gets, or the value that is missing or wrong for them.
pub fn message(
    content: &TemplateContent,
    c: &Composition,
    r: &RecipientFacts,
) -> Result<Outbound, SlotProblem> {
    build(
        Chosen {
            name: &c.template_name,
            language: &c.language,
            content,
        },
        &values(c, r),
        c.header_media.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer() -> TemplateContent {
        TemplateContent {
            body: "Hola {{1}}, tu código es {{2}}.".into(),
            body_examples: vec!["Ana".into(), "X1".into()],
            ..TemplateContent::default()
        }
    }

    fn composition(fallback: &str) -> Composition {
        Composition {
            template_name: "offer".into(),
            language: "es".into(),
            mappings: vec![
                Mapping {
                    slot: "body.1".into(),
                    source: ValueSource::FirstName,
                    fallback: fallback.into(),
                },
                Mapping {
                    slot: "body.2".into(),
                    source: ValueSource::Column("code".into()),
                    fallback: String::new(),
                },
            ],
            header_media: None,
        }
    }

    #[test]
    fn fills_from_the_recipient_then_the_fallback() {
        let ana = RecipientFacts {
            name: Some("Ana Pérez".into()),
            columns: BTreeMap::from([("code".into(), "A7".into())]),
            ..RecipientFacts::default()
        };
        let Outbound::Template { rendered, .. } =
            message(&offer(), &composition("cliente"), &ana).unwrap()
        else {
            panic!("a template")
        };
        assert_eq!(rendered.unwrap().body, "Hola Ana, tu código es A7.");
        let nameless = RecipientFacts {
            columns: BTreeMap::from([("code".into(), "B2".into())]),
            ..RecipientFacts::default()
        };
        let Outbound::Template { rendered, .. } =
            message(&offer(), &composition("cliente"), &nameless).unwrap()
        else {
            panic!("a template")
        };
        assert_eq!(rendered.unwrap().body, "Hola cliente, tu código es B2.");
        // No value and no fallback: this recipient cannot get the message.
        let err = message(&offer(), &composition(""), &nameless).unwrap_err();
        assert_eq!(err.key, "body.1");
    }

    #[test]
    fn every_value_must_be_mapped() {
        let mut c = composition("x");
        assert_eq!(complete(&offer(), &c), Ok(()));
        c.mappings.pop();
        assert_eq!(
            complete(&offer(), &c),
            Err(CompositionProblem::Unmapped {
                slot: "body.2".into()
            })
        );
        c.mappings.push(Mapping {
            slot: "body.2".into(),
            source: ValueSource::Fixed("  ".into()),
            fallback: String::new(),
        });
        assert_eq!(
            complete(&offer(), &c),
            Err(CompositionProblem::EmptyFixed {
                slot: "body.2".into()
            })
        );
    }
}

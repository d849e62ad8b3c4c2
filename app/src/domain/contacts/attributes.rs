//! Custom contact attributes the admin defines (a customer number, a birthday, a plan, "VIP"):
//! each has a key, a label people read, and a type its values must have. A value is checked
//! by [`value`] wherever it is written — the console's contact panel, the contacts screen, the
//! REST API and CSV import — and kept in one canonical spelling (numbers with a dot, dates as
//! `YYYY-MM-DD`, yes/no as `yes`/`no`, a choice as its option), so segments, template
//! variables and quick replies compare and print it the same way.
//!
//! Keys without a definition stay free text, as before definitions existed: nothing an agent
//! wrote is lost when an admin starts defining attributes.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest key (of a definition), label, option and text value.
pub const KEY_MAX: usize = 40;
/// Longest name of an attribute without a definition (what the console always allowed).
pub const FREE_KEY_MAX: usize = 60;
pub const LABEL_MAX: usize = 60;
pub const VALUE_MAX: usize = 500;
pub const OPTION_MAX: usize = 60;
/// Most definitions, and most options of a "one of a list".
pub const DEFINITIONS_MAX: usize = 50;
pub const OPTIONS_MAX: usize = 50;
/// Most attributes one contact keeps (defined or not).
pub const PER_CONTACT_MAX: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeKind {
    Text,
    Number,
    /// A calendar day, `YYYY-MM-DD`.
    Date,
    /// Yes or no.
    YesNo,
    /// One of the definition's options.
    Choice,
}

impl AttributeKind {
    pub const ALL: [AttributeKind; 5] = [
        AttributeKind::Text,
        AttributeKind::Number,
        AttributeKind::Date,
        AttributeKind::YesNo,
        AttributeKind::Choice,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDefinition {
    /// What segments, templates and the API call it: lower-case letters, digits and `_`.
    pub key: String,
    /// What people read.
    pub label: String,
    pub kind: AttributeKind,
    /// The choices of a [`AttributeKind::Choice`]; empty otherwise.
    #[serde(default)]
    pub options: Vec<String>,
}

/// What is wrong with the definitions, for the row that shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum DefinitionProblem {
    /// Row `index`: the key is empty, too long, or not lower-case letters, digits and `_`.
    Key { index: usize },
    /// Row `index` repeats an earlier key.
    DuplicateKey { index: usize },
    /// Row `index`: the label is empty or longer than [`LABEL_MAX`].
    Label { index: usize },
    /// Row `index` is a choice without options, with an empty, too long or repeated option,
    /// or with more than [`OPTIONS_MAX`].
    Options { index: usize },
    /// More than [`DEFINITIONS_MAX`].
    TooMany,
}

/// Why a value does not fit its attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueProblem {
    NotANumber,
    /// Not a real `YYYY-MM-DD` day.
    NotADate,
    /// Not yes or no (in any of the desk's languages).
    NotYesNo,
    /// Not one of the options.
    NotAnOption,
    TooLong,
    /// A key (undefined attributes) empty or too long.
    BadKey,
    /// More attributes than [`PER_CONTACT_MAX`].
    TooMany,
}

/// A value refused, with the attribute it was for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeRefusal {
    pub key: String,
    pub problem: ValueProblem,
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= KEY_MAX
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit())
}

/// A key as people may type it (`Customer number`) turned into one (`customer_number`).
pub fn key_from_label(label: &str) -> String {
    let mut key = String::new();
    for c in crate::domain::quick_replies::fold(label.trim()).chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_');
    let key = key.trim_start_matches(|c: char| c.is_ascii_digit() || c == '_');
    key.chars().take(KEY_MAX).collect()
}

/// The definitions tidied (trimmed, options deduplicated in order), or the first problem. The
/// server checks every list it saves with this; the settings screen shows the same problem.
pub fn checked(
    mut definitions: Vec<AttributeDefinition>,
) -> Result<Vec<AttributeDefinition>, DefinitionProblem> {
    if definitions.len() > DEFINITIONS_MAX {
        return Err(DefinitionProblem::TooMany);
    }
    let mut keys: Vec<String> = Vec::new();
    for (index, d) in definitions.iter_mut().enumerate() {
        d.key = d.key.trim().to_string();
        d.label = d.label.trim().to_string();
        if !valid_key(&d.key) {
            return Err(DefinitionProblem::Key { index });
        }
        if keys.contains(&d.key) {
            return Err(DefinitionProblem::DuplicateKey { index });
        }
        keys.push(d.key.clone());
        if d.label.is_empty() || d.label.chars().count() > LABEL_MAX {
            return Err(DefinitionProblem::Label { index });
        }
        if d.kind == AttributeKind::Choice {
            let mut options: Vec<String> = Vec::new();
            for o in &d.options {
                let o = o.trim().to_string();
                let repeated = options.iter().any(|x| x.to_lowercase() == o.to_lowercase());
                if o.is_empty() || o.chars().count() > OPTION_MAX || repeated {
                    return Err(DefinitionProblem::Options { index });
                }
                options.push(o);
            }
            if options.is_empty() || options.len() > OPTIONS_MAX {
                return Err(DefinitionProblem::Options { index });
            }
            d.options = options;
        } else {
            d.options.clear();
        }
    }
    Ok(definitions)
}

const YES: [&str; 7] = ["yes", "y", "true", "1", "sí", "si", "sim"];
const NO: [&str; 5] = ["no", "n", "false", "0", "não"];

/// A value for `definition`, in its canonical spelling; an empty value clears the attribute
/// (`Ok(None)`).
pub fn value(definition: &AttributeDefinition, raw: &str) -> Result<Option<String>, ValueProblem> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > VALUE_MAX {
        return Err(ValueProblem::TooLong);
    }
    let canonical = match definition.kind {
        AttributeKind::Text => v.to_string(),
        AttributeKind::Number => {
            let n = crate::domain::campaigns::segment::number(v).ok_or(ValueProblem::NotANumber)?;
            // `1.50` and `1,5` are the same number: keep what a person would write.
            let mut text = format!("{n}");
            if text == "-0" {
                text = "0".into();
            }
            text
        }
        AttributeKind::Date => {
            let days = crate::domain::calendar::days_of(v).ok_or(ValueProblem::NotADate)?;
            crate::domain::calendar::date_of(days)
        }
        AttributeKind::YesNo => {
            let lower = v.to_lowercase();
            if YES.contains(&lower.as_str()) {
                "yes".into()
            } else if NO.contains(&lower.as_str()) {
                "no".into()
            } else {
                return Err(ValueProblem::NotYesNo);
            }
        }
        AttributeKind::Choice => definition
            .options
            .iter()
            .find(|o| o.to_lowercase() == v.to_lowercase())
            .cloned()
            .ok_or(ValueProblem::NotAnOption)?,
    };
    Ok(Some(canonical))
}

/// A contact's attributes as written (`pairs`, whatever the path), checked against the
/// definitions: defined keys by their type, other keys as free text. Empty values are dropped.
pub fn checked_values(
    definitions: &[AttributeDefinition],
    pairs: impl IntoIterator<Item = (String, String)>,
) -> Result<BTreeMap<String, String>, AttributeRefusal> {
    let mut map = BTreeMap::new();
    for (key, raw) in pairs {
        let key = key.trim().to_string();
        if key.is_empty() && raw.trim().is_empty() {
            continue;
        }
        let refuse = |problem| AttributeRefusal {
            key: key.clone(),
            problem,
        };
        if key.is_empty() || key.chars().count() > FREE_KEY_MAX {
            return Err(refuse(ValueProblem::BadKey));
        }
        let checked = match definitions.iter().find(|d| d.key == key) {
            Some(d) => value(d, &raw).map_err(refuse)?,
            None => {
                let v = raw.trim();
                if v.chars().count() > VALUE_MAX {
                    return Err(refuse(ValueProblem::TooLong));
                }
                (!v.is_empty()).then(|| v.to_string())
            }
        };
        if let Some(v) = checked {
            map.insert(key, v);
        }
    }
    if map.len() > PER_CONTACT_MAX {
        return Err(AttributeRefusal {
            key: String::new(),
            problem: ValueProblem::TooMany,
        });
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(key: &str, kind: AttributeKind, options: &[&str]) -> AttributeDefinition {
        AttributeDefinition {
            key: key.into(),
            label: key.to_uppercase(),
            kind,
            options: options.iter().map(|o| o.to_string()).collect(),
        }
    }

    #[test]
    fn values_take_one_spelling() {
        let n = def("n", AttributeKind::Number, &[]);
        assert_eq!(value(&n, " 1,50 "), Ok(Some("1.5".into())));
        assert_eq!(value(&n, "-0"), Ok(Some("0".into())));
        assert_eq!(value(&n, "12 kg"), Err(ValueProblem::NotANumber));
        let d = def("d", AttributeKind::Date, &[]);
        assert_eq!(value(&d, "2026-02-28"), Ok(Some("2026-02-28".into())));
        assert_eq!(value(&d, "2026-02-30"), Err(ValueProblem::NotADate));
        assert_eq!(value(&d, "28/02/2026"), Err(ValueProblem::NotADate));
        let y = def("y", AttributeKind::YesNo, &[]);
        assert_eq!(value(&y, "Sí"), Ok(Some("yes".into())));
        assert_eq!(value(&y, "NÃO"), Ok(Some("no".into())));
        assert_eq!(value(&y, "maybe"), Err(ValueProblem::NotYesNo));
        let c = def("plan", AttributeKind::Choice, &["Gold", "Silver"]);
        assert_eq!(value(&c, "gold"), Ok(Some("Gold".into())));
        assert_eq!(value(&c, "Bronze"), Err(ValueProblem::NotAnOption));
        assert_eq!(value(&c, "  "), Ok(None));
        let t = def("t", AttributeKind::Text, &[]);
        assert_eq!(
            value(&t, &"x".repeat(VALUE_MAX + 1)),
            Err(ValueProblem::TooLong)
        );
    }

    #[test]
    fn undefined_keys_stay_free_text_and_defined_ones_are_typed() {
        let defs = vec![def("vip", AttributeKind::YesNo, &[])];
        let ok = checked_values(
            &defs,
            [
                ("vip".to_string(), "si".to_string()),
                ("note".to_string(), " likes calls ".to_string()),
                ("empty".to_string(), " ".to_string()),
            ],
        )
        .unwrap();
        assert_eq!(ok.get("vip").map(String::as_str), Some("yes"));
        assert_eq!(ok.get("note").map(String::as_str), Some("likes calls"));
        assert!(!ok.contains_key("empty"));
        let refused = checked_values(&defs, [("vip".to_string(), "often".to_string())]);
        assert_eq!(
            refused,
            Err(AttributeRefusal {
                key: "vip".into(),
                problem: ValueProblem::NotYesNo
            })
        );
    }

    #[test]
    fn definitions_are_checked_row_by_row() {
        let good = vec![
            def("plan", AttributeKind::Choice, &[" Gold ", "Silver"]),
            def("birthday", AttributeKind::Date, &["ignored"]),
        ];
        let tidy = checked(good).unwrap();
        assert_eq!(tidy[0].options, vec!["Gold", "Silver"]);
        assert!(tidy[1].options.is_empty());
        assert_eq!(
            checked(vec![def("Plan", AttributeKind::Text, &[])]),
            Err(DefinitionProblem::Key { index: 0 })
        );
        assert_eq!(
            checked(vec![
                def("a", AttributeKind::Text, &[]),
                def("a", AttributeKind::Number, &[])
            ]),
            Err(DefinitionProblem::DuplicateKey { index: 1 })
        );
        assert_eq!(
            checked(vec![def("plan", AttributeKind::Choice, &[])]),
            Err(DefinitionProblem::Options { index: 0 })
        );
        assert_eq!(
            checked(vec![def("plan", AttributeKind::Choice, &["a", "A"])]),
            Err(DefinitionProblem::Options { index: 0 })
        );
        let mut unnamed = def("x", AttributeKind::Text, &[]);
        unnamed.label = " ".into();
        assert_eq!(
            checked(vec![unnamed]),
            Err(DefinitionProblem::Label { index: 0 })
        );
    }

    #[test]
    fn keys_from_labels() {
        assert_eq!(key_from_label("Número de cliente"), "numero_de_cliente");
        assert_eq!(key_from_label("  2nd phone!"), "nd_phone");
        assert_eq!(key_from_label("VIP?"), "vip");
    }
}

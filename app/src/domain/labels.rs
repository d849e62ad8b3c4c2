//! Labels: the colour palette and the rules for a label's name and description. The Labels
//! screen checks a form with these before sending it; the server checks again and decides.

use super::validation::{Checked, Field, Problem};

pub const NAME_MAX: usize = 40;
pub const DESCRIPTION_MAX: usize = 200;

/// One colour of the palette. The class strings are written out in full so that Tailwind's
/// source scan finds them (a class built with `format!` would never be generated).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelColor {
    /// What is stored in `labels.color`.
    pub name: &'static str,
    /// Background and text of a chip.
    pub chip: &'static str,
    /// A solid dot for the colour picker.
    pub swatch: &'static str,
}

const fn color(name: &'static str, chip: &'static str, swatch: &'static str) -> LabelColor {
    LabelColor { name, chip, swatch }
}

pub const PALETTE: [LabelColor; 10] = [
    color("slate", "bg-slate-100 text-slate-700", "bg-slate-500"),
    color("red", "bg-red-100 text-red-800", "bg-red-500"),
    color("orange", "bg-orange-100 text-orange-800", "bg-orange-500"),
    color("amber", "bg-amber-100 text-amber-800", "bg-amber-400"),
    color(
        "emerald",
        "bg-emerald-100 text-emerald-800",
        "bg-emerald-500",
    ),
    color("teal", "bg-teal-100 text-teal-800", "bg-teal-500"),
    color("sky", "bg-sky-100 text-sky-800", "bg-sky-500"),
    color("blue", "bg-blue-100 text-blue-800", "bg-blue-600"),
    color("violet", "bg-violet-100 text-violet-800", "bg-violet-500"),
    color("pink", "bg-pink-100 text-pink-800", "bg-pink-500"),
];

/// The colour a new label starts with.
pub const DEFAULT_COLOR: &str = "slate";

/// The palette entry called `name`, if any.
pub fn palette_color(name: &str) -> Option<&'static LabelColor> {
    PALETTE.iter().find(|c| c.name == name)
}

/// A chip's classes for a stored colour; an unknown one (stored before the palette changed)
/// shows as slate rather than uncoloured.
pub fn chip_class(color: &str) -> &'static str {
    palette_color(color).unwrap_or(&PALETTE[0]).chip
}

/// A name as it is stored and shown: trimmed, inner runs of whitespace made one space.
pub fn normalise_name(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What names are compared by: "VIP", "vip" and " Vip " are the same label. Unicode-aware
/// (SQLite's LOWER folds ASCII only), and the same on both databases because it is computed
/// here and stored in `labels.name_key`.
pub fn name_key(name: &str) -> String {
    normalise_name(name).to_lowercase()
}

pub fn name(raw: &str) -> Checked<String> {
    let name = normalise_name(raw);
    if name.is_empty() {
        return Err((Field::LabelName, Problem::Empty));
    }
    if name.chars().count() > NAME_MAX {
        return Err((Field::LabelName, Problem::TooLong { max: NAME_MAX }));
    }
    if name.chars().any(char::is_control) {
        return Err((Field::LabelName, Problem::Malformed));
    }
    Ok(name)
}

/// Optional; trimmed. Line breaks are allowed, other control characters are not.
pub fn description(raw: &str) -> Checked<String> {
    let text = raw.trim();
    if text.chars().count() > DESCRIPTION_MAX {
        return Err((
            Field::LabelDescription,
            Problem::TooLong {
                max: DESCRIPTION_MAX,
            },
        ));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err((Field::LabelDescription, Problem::Malformed));
    }
    Ok(text.to_string())
}

pub fn color_name(raw: &str) -> Checked<&'static str> {
    match palette_color(raw.trim()) {
        Some(c) => Ok(c.name),
        None if raw.trim().is_empty() => Err((Field::LabelColor, Problem::Empty)),
        None => Err((Field::LabelColor, Problem::Malformed)),
    }
}

/// A label definition that passed the checks: the only way to create or change one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelDraft {
    name: String,
    color: &'static str,
    description: String,
}

impl LabelDraft {
    /// Checks the fields in the order the form shows them.
    pub fn new(name_raw: &str, color_raw: &str, description_raw: &str) -> Checked<LabelDraft> {
        Ok(LabelDraft {
            name: name(name_raw)?,
            color: color_name(color_raw)?,
            description: description(description_raw)?,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn key(&self) -> String {
        name_key(&self.name)
    }

    pub fn color(&self) -> &'static str {
        self.color
    }

    pub fn description(&self) -> &str {
        &self.description
    }
}

/// Whether a label is offered when the picker's search box holds `query`.
pub fn matches_search(name: &str, query: &str) -> bool {
    name_key(name).contains(&name_key(query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_inner_spaces_collapsed() {
        assert_eq!(name("  Top \t  client ").as_deref(), Ok("Top client"));
        assert_eq!(name("VIP").as_deref(), Ok("VIP"));
        assert_eq!(name("   "), Err((Field::LabelName, Problem::Empty)));
        assert_eq!(name(&"a".repeat(NAME_MAX)).map(|n| n.len()), Ok(NAME_MAX));
        assert_eq!(
            name(&"a".repeat(NAME_MAX + 1)),
            Err((Field::LabelName, Problem::TooLong { max: NAME_MAX }))
        );
        // Characters, not bytes.
        assert!(name(&"ñ".repeat(NAME_MAX)).is_ok());
        assert_eq!(name("a\u{0}b"), Err((Field::LabelName, Problem::Malformed)));
    }

    #[test]
    fn name_keys_ignore_case_and_spacing_unicode_included() {
        assert_eq!(name_key("VIP"), "vip");
        assert_eq!(name_key(" Vip "), name_key("vip"));
        assert_eq!(name_key("Top   Client"), name_key("top client"));
        assert_eq!(name_key("ÑANDÚ Ágil"), "ñandú ágil");
        assert_ne!(name_key("VIP"), name_key("VIP 2"));
    }

    #[test]
    fn descriptions_are_optional_and_bounded() {
        assert_eq!(description("  ").as_deref(), Ok(""));
        assert_eq!(
            description(" Asked for a refund \n twice ").as_deref(),
            Ok("Asked for a refund \n twice")
        );
        assert!(description(&"d".repeat(DESCRIPTION_MAX)).is_ok());
        assert_eq!(
            description(&"d".repeat(DESCRIPTION_MAX + 1)),
            Err((
                Field::LabelDescription,
                Problem::TooLong {
                    max: DESCRIPTION_MAX
                }
            ))
        );
        assert_eq!(
            description("bell\u{7}"),
            Err((Field::LabelDescription, Problem::Malformed))
        );
    }

    #[test]
    fn colours_come_from_the_palette() {
        assert_eq!(color_name("violet"), Ok("violet"));
        assert_eq!(color_name(""), Err((Field::LabelColor, Problem::Empty)));
        assert_eq!(
            color_name("chartreuse"),
            Err((Field::LabelColor, Problem::Malformed))
        );
        assert_eq!(
            color_name("bg-red-500"),
            Err((Field::LabelColor, Problem::Malformed))
        );
        assert!(palette_color(DEFAULT_COLOR).is_some());
        assert_eq!(chip_class("red"), "bg-red-100 text-red-800");
        assert_eq!(chip_class("gone"), chip_class("slate"));
    }

    #[test]
    fn the_palette_has_distinct_names_and_literal_classes() {
        for (i, c) in PALETTE.iter().enumerate() {
            assert!(PALETTE[..i].iter().all(|o| o.name != c.name), "{}", c.name);
            assert!(c.chip.contains(&format!("bg-{}-", c.name)), "{}", c.name);
            assert!(
                c.swatch.starts_with(&format!("bg-{}-", c.name)),
                "{}",
                c.name
            );
        }
        // The colours stored before the palette existed still have their own look.
        for stored in ["red", "amber", "sky", "violet", "emerald"] {
            assert!(palette_color(stored).is_some(), "{stored}");
        }
    }

    #[test]
    fn drafts_check_every_field() {
        let draft = LabelDraft::new(" Refund  E2E ", "red", " Wants money back ").expect("valid");
        assert_eq!(draft.name(), "Refund E2E");
        assert_eq!(draft.key(), "refund e2e");
        assert_eq!(draft.color(), "red");
        assert_eq!(draft.description(), "Wants money back");
        assert_eq!(
            LabelDraft::new("", "red", ""),
            Err((Field::LabelName, Problem::Empty))
        );
        assert_eq!(
            LabelDraft::new("VIP", "nope", ""),
            Err((Field::LabelColor, Problem::Malformed))
        );
    }

    #[test]
    fn the_picker_search_ignores_case() {
        assert!(matches_search("Refund E2E", "refund"));
        assert!(matches_search("Refund E2E", " E2e "));
        assert!(matches_search("Billing", ""));
        assert!(!matches_search("Billing", "vip"));
    }
}

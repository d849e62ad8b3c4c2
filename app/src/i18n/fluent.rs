//! The Fluent runtime: one bundle per language and locale file, built on first use.

use super::{numbers, Area, Lang};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

type Bundle = FluentBundle<FluentResource>;

/// A value for a message's variable: text, or a number (which picks the plural form and is
/// written with the language's separators).
pub struct Arg(FluentValue<'static>);

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg(FluentValue::from(s.to_string()))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg(FluentValue::from(s))
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg(FluentValue::from(s.clone()))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg(FluentValue::from(n))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                Arg(FluentValue::from(*n))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64);

fn bundle(lang: Lang, area: Area) -> &'static Bundle {
    static CELLS: [[OnceLock<Bundle>; Area::ALL.len()]; Lang::ALL.len()] =
        [const { [const { OnceLock::new() }; Area::ALL.len()] }; Lang::ALL.len()];
    CELLS[lang.index()][area.index()].get_or_init(|| {
        let locale = lang.code().parse().expect("our language tags are valid");
        let mut bundle = Bundle::new_concurrent(vec![locale]);
        // No Unicode isolation marks: our texts are left-to-right and the marks would show
        // up in copied text, titles and tests.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(numbers::fluent_formatter(lang)));
        let resource = FluentResource::try_new(area.source(lang).to_string())
            .unwrap_or_else(|(resource, _)| resource); // build.rs refuses files that do not parse
        bundle
            .add_resource(resource)
            .expect("build.rs refuses duplicate messages");
        bundle
    })
}

fn missing(id: &str) -> String {
    // build.rs makes this unreachable; the marks make it visible (and the browser test fails).
    format!("⟦{id}⟧")
}

/// A message without variables, kept for the life of the process (one copy per language).
pub(super) fn fixed(lang: Lang, area: Area, id: &str) -> &'static str {
    String::leak(format(lang, area, id, &[]))
}

/// One attribute of a message (array entries).
pub(super) fn fixed_attribute(lang: Lang, area: Area, id: &str, attribute: &str) -> &'static str {
    let bundle = bundle(lang, area);
    let text = bundle
        .get_message(id)
        .and_then(|m| m.get_attribute(attribute))
        .map(|a| {
            let mut errors = Vec::new();
            bundle
                .format_pattern(a.value(), None, &mut errors)
                .into_owned()
        })
        .unwrap_or_else(|| missing(&format!("{id}.{attribute}")));
    String::leak(text)
}

/// A message with its variables filled in.
pub(super) fn format(lang: Lang, area: Area, id: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang, area);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return missing(id);
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, Arg(value)) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

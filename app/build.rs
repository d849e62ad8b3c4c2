//! Turns the Fluent files in `locales/` into typed Rust (`$OUT_DIR/texts.rs`), and refuses a
//! build whose languages disagree: a message or attribute missing or extra in one language, a
//! variable a translation invents, a file that does not parse. Code then reads words through
//! generated fields and methods, so a key the code uses but English lacks does not compile.
//!
//! Rules for `locales/<lang>/<area>.ftl` (docs/i18n.md):
//! - English (`en`) is the reference: its messages and variables define the Rust API.
//! - A message without variables becomes a `&'static str` field; one with variables becomes a
//!   method taking them in the order of its `# Variables:` comment (required for two or more).
//! - A message with only attributes (`.queue = …`) becomes an array, in attribute order.

use fluent_syntax::ast;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The desk's languages: folder name, Rust variant. English first (the reference).
const LANGS: [(&str, &str); 3] = [("en", "En"), ("es", "Es"), ("pt-BR", "PtBr")];

struct Message {
    id: String,
    /// Variables in call order.
    vars: Vec<String>,
    attrs: Vec<String>,
    has_value: bool,
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut problems = Vec::new();
    let areas = area_names(&root.join("en"));
    let mut reference: BTreeMap<String, Vec<Message>> = BTreeMap::new();
    for (lang, _) in LANGS {
        let dir = root.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let present = area_names(&dir);
        for extra in present.iter().filter(|a| !areas.contains(a)) {
            problems.push(format!("{lang}/{extra}.ftl has no English original"));
        }
        for area in &areas {
            let path = dir.join(format!("{area}.ftl"));
            println!("cargo:rerun-if-changed={}", path.display());
            let Ok(source) = std::fs::read_to_string(&path) else {
                problems.push(format!("{lang}/{area}.ftl is missing"));
                continue;
            };
            let messages = match parse(&source, lang == "en") {
                Ok(messages) => messages,
                Err(errors) => {
                    problems.extend(
                        errors
                            .into_iter()
                            .map(|e| format!("{lang}/{area}.ftl: {e}")),
                    );
                    continue;
                }
            };
            match reference.get(area) {
                None => {
                    reference.insert(area.clone(), messages);
                }
                Some(english) => compare(
                    english,
                    &messages,
                    &format!("{lang}/{area}.ftl"),
                    &mut problems,
                ),
            }
        }
    }
    if !problems.is_empty() {
        panic!(
            "\nThe locale files disagree:\n  - {}\n",
            problems.join("\n  - ")
        );
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("texts.rs");
    std::fs::write(out, generate(&reference)).unwrap();
}

fn area_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    name.strip_suffix(".ftl").map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn parse(source: &str, reference: bool) -> Result<Vec<Message>, Vec<String>> {
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| {
        errors
            .iter()
            .map(|e| {
                let line = source[..e.pos.start.min(source.len())].lines().count();
                format!("line {line}: {:?}", e.kind)
            })
            .collect::<Vec<_>>()
    })?;
    let mut messages = Vec::new();
    let mut errors = Vec::new();
    for entry in resource.body {
        let ast::Entry::Message(m) = entry else {
            continue;
        };
        let mut found = Vec::new();
        if let Some(value) = &m.value {
            pattern_vars(value, &mut found);
        }
        for attr in &m.attributes {
            pattern_vars(&attr.value, &mut found);
        }
        let id = m.id.name.to_string();
        let declared: Option<Vec<String>> = m.comment.as_ref().and_then(|c| {
            c.content.iter().find_map(|line| {
                line.trim().strip_prefix("Variables:").map(|rest| {
                    rest.split(|ch: char| {
                        !(ch.is_alphanumeric() || ch == '_' || ch == '$' || ch == '-')
                    })
                    .filter_map(|w| w.strip_prefix('$'))
                    .map(str::to_string)
                    .collect()
                })
            })
        });
        let vars = match declared {
            Some(declared) => {
                if reference {
                    let mut a = declared.clone();
                    let mut b = found.clone();
                    a.sort();
                    b.sort();
                    if a != b {
                        errors.push(format!(
                            "{id}: `# Variables:` lists {declared:?} but the message uses {found:?}"
                        ));
                    }
                }
                declared
            }
            None => {
                if reference && found.len() > 1 {
                    errors.push(format!(
                        "{id} has several variables: list them in call order in a `# Variables:` comment"
                    ));
                }
                found
            }
        };
        messages.push(Message {
            id,
            vars,
            attrs: m.attributes.iter().map(|a| a.id.name.to_string()).collect(),
            has_value: m.value.is_some(),
        });
    }
    if errors.is_empty() {
        Ok(messages)
    } else {
        Err(errors)
    }
}

fn pattern_vars(pattern: &ast::Pattern<&str>, found: &mut Vec<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, found);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, found: &mut Vec<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, found);
            for v in variants {
                pattern_vars(&v.value, found);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, found),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, found: &mut Vec<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } if !found.iter().any(|f| f == id.name) => {
            found.push(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for p in &arguments.positional {
                inline_vars(p, found);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, found),
        _ => {}
    }
}

fn compare(english: &[Message], other: &[Message], file: &str, problems: &mut Vec<String>) {
    let by_id: BTreeMap<&str, &Message> = other.iter().map(|m| (m.id.as_str(), m)).collect();
    for m in english {
        match by_id.get(m.id.as_str()) {
            None => problems.push(format!("{file}: `{}` is missing", m.id)),
            Some(t) => {
                if t.attrs != m.attrs || t.has_value != m.has_value {
                    problems.push(format!(
                        "{file}: `{}` must have the same shape as English (attributes {:?})",
                        m.id, m.attrs
                    ));
                }
                for v in t.vars.iter().filter(|v| !m.vars.contains(v)) {
                    problems.push(format!(
                        "{file}: `{}` uses ${v}, which the English message does not have",
                        m.id
                    ));
                }
            }
        }
    }
    for t in other {
        if !english.iter().any(|m| m.id == t.id) {
            problems.push(format!("{file}: `{}` is not in English (extra key)", t.id));
        }
    }
}

fn snake(id: &str) -> String {
    let s = id.replace('-', "_");
    match s.as_str() {
        "type" | "move" | "match" | "ref" | "static" | "self" | "loop" | "use" | "mod" | "fn" => {
            format!("r#{s}")
        }
        _ => s,
    }
}

fn pascal(area: &str) -> String {
    area.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn generate(areas: &BTreeMap<String, Vec<Message>>) -> String {
    let mut out = String::from(
        "// Generated by app/build.rs from locales/*/*.ftl: edit those, not this.\n\n",
    );
    let names: Vec<&String> = areas.keys().collect();
    writeln!(out, "/// The locale files, one per screen or area.\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Area {{").unwrap();
    for a in &names {
        writeln!(out, "    {},", pascal(a)).unwrap();
    }
    writeln!(out, "}}\n\nimpl Area {{\n    pub const ALL: [Area; {}] = [{}];\n    pub fn index(self) -> usize {{ self as usize }}", names.len(), names.iter().map(|a| format!("Area::{}", pascal(a))).collect::<Vec<_>>().join(", ")).unwrap();
    writeln!(
        out,
        "    pub fn file(self) -> &'static str {{\n        match self {{"
    )
    .unwrap();
    for a in &names {
        writeln!(out, "            Area::{} => \"{a}.ftl\",", pascal(a)).unwrap();
    }
    writeln!(out, "        }}\n    }}\n").unwrap();
    writeln!(out, "    /// The Fluent source of this area in `lang`.\n    pub fn source(self, lang: Lang) -> &'static str {{\n        match (self, lang) {{").unwrap();
    for a in &names {
        for (folder, variant) in LANGS {
            writeln!(
                out,
                "            (Area::{}, Lang::{variant}) => include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/locales/{folder}/{a}.ftl\")),",
                pascal(a)
            )
            .unwrap();
        }
    }
    writeln!(out, "        }}\n    }}\n}}\n").unwrap();

    for (area, messages) in areas {
        let ty = format!("{}Texts", pascal(area));
        writeln!(
            out,
            "/// The words of `{area}.ftl` in one language.\npub struct {ty} {{\n    lang: Lang,"
        )
        .unwrap();
        for m in messages {
            if !m.vars.is_empty() {
                continue;
            }
            if m.has_value {
                writeln!(out, "    pub {}: &'static str,", snake(&m.id)).unwrap();
            } else {
                writeln!(
                    out,
                    "    pub {}: [&'static str; {}],",
                    snake(&m.id),
                    m.attrs.len()
                )
                .unwrap();
            }
        }
        writeln!(out, "}}\n").unwrap();
        writeln!(out, "impl {ty} {{").unwrap();
        writeln!(
            out,
            "    /// The words in `lang`, built once per language.\n    pub fn get(lang: Lang) -> &'static {ty} {{\n        static CELLS: [std::sync::OnceLock<{ty}>; Lang::ALL.len()] = [const {{ std::sync::OnceLock::new() }}; Lang::ALL.len()];\n        CELLS[lang.index()].get_or_init(|| {ty}::build(lang))\n    }}\n"
        )
        .unwrap();
        writeln!(out, "    fn build(lang: Lang) -> {ty} {{\n        let area = Area::{};\n        {ty} {{\n            lang,", pascal(area)).unwrap();
        for m in messages {
            if !m.vars.is_empty() {
                continue;
            }
            if m.has_value {
                writeln!(
                    out,
                    "            {}: fixed(lang, area, \"{}\"),",
                    snake(&m.id),
                    m.id
                )
                .unwrap();
            } else {
                let items: Vec<String> = m
                    .attrs
                    .iter()
                    .map(|a| format!("fixed_attribute(lang, area, \"{}\", \"{a}\")", m.id))
                    .collect();
                writeln!(out, "            {}: [{}],", snake(&m.id), items.join(", ")).unwrap();
            }
        }
        writeln!(out, "        }}\n    }}\n").unwrap();
        writeln!(out, "    /// The language these words are in.\n    pub fn lang(&self) -> Lang {{ self.lang }}\n").unwrap();
        for m in messages.iter().filter(|m| !m.vars.is_empty()) {
            let params: Vec<String> = m
                .vars
                .iter()
                .map(|v| format!("{}: impl Into<Arg>", snake(v)))
                .collect();
            let args: Vec<String> = m
                .vars
                .iter()
                .map(|v| format!("(\"{v}\", {}.into())", snake(v)))
                .collect();
            writeln!(
                out,
                "    pub fn {}(&self, {}) -> String {{\n        format(self.lang, Area::{}, \"{}\", &[{}])\n    }}\n",
                snake(&m.id),
                params.join(", "),
                pascal(area),
                m.id,
                args.join(", ")
            )
            .unwrap();
        }
        writeln!(out, "}}\n").unwrap();
    }
    out
}

//! Quick replies: canned answers an agent inserts by typing `/` in the composer. Shared ones
//! (no owner) are managed by supervisors; personal ones belong to one user. This module holds
//! their form rules, the variables a body may use and how they are filled ([`fill`]), the
//! `/` menu's search ([`search`], [`slash_query`]) and who may change what ([`access`]).
//!
//! Variables are written `{{scope.name}}`, spaces inside the braces allowed:
//! `{{contact.name}}` (the customer's WhatsApp profile name), `{{contact.first_name}}`,
//! `{{agent.name}}`, `{{agent.first_name}}`, and any contact attribute as
//! `{{contact.<attribute>}}`. Attribute names are compared by [`variable_key`]: case, accents
//! and every run of spaces or punctuation are ignored, so the attribute "Order ID" is
//! `{{contact.order_id}}` (and `{{contact.Order ID}}` works too).

use super::roles::Role;
use super::validation::{Checked, Field, Problem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SHORTCUT_MAX: usize = 32;
pub const TITLE_MAX: usize = 80;
/// WhatsApp's limit for a text message.
pub const BODY_MAX: usize = 4096;

/// The built-in variables, as the screen's help line offers them.
pub const VARIABLES: [&str; 4] = [
    "{{contact.name}}",
    "{{contact.first_name}}",
    "{{agent.name}}",
    "{{agent.first_name}}",
];

/// A quick reply as stored and as the browser receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickReply {
    pub id: i64,
    /// `None`: shared with the whole team.
    pub owner_id: Option<i64>,
    pub shortcut: String,
    pub title: String,
    pub body: String,
    pub updated_at_ms: i64,
}

impl QuickReply {
    pub fn is_shared(&self) -> bool {
        self.owner_id.is_none()
    }
}

/// The checked form of a quick reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuickReplyFields {
    pub shortcut: String,
    pub title: String,
    pub body: String,
}

impl QuickReplyFields {
    pub fn new(shortcut_raw: &str, title_raw: &str, body_raw: &str) -> Checked<QuickReplyFields> {
        Ok(QuickReplyFields {
            shortcut: shortcut(shortcut_raw)?,
            title: title(title_raw)?,
            body: body(body_raw)?,
        })
    }
}

/// Lower-case letters, digits, `-` and `_`, 1 to 32 of them. The `/` the agent may type in
/// front is not part of it.
pub fn shortcut(raw: &str) -> Checked<String> {
    let trimmed = raw.trim();
    let s = trimmed.strip_prefix('/').unwrap_or(trimmed).to_lowercase();
    let len = s.chars().count();
    if len == 0 {
        Err((Field::Shortcut, Problem::Empty))
    } else if len > SHORTCUT_MAX {
        Err((Field::Shortcut, Problem::TooLong { max: SHORTCUT_MAX }))
    } else if !s
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        Err((Field::Shortcut, Problem::Malformed))
    } else {
        Ok(s)
    }
}

pub fn title(raw: &str) -> Checked<String> {
    let t = raw.trim();
    let len = t.chars().count();
    if len == 0 {
        Err((Field::QuickReplyTitle, Problem::Empty))
    } else if len > TITLE_MAX {
        Err((Field::QuickReplyTitle, Problem::TooLong { max: TITLE_MAX }))
    } else if t.chars().any(char::is_control) {
        Err((Field::QuickReplyTitle, Problem::Malformed))
    } else {
        Ok(t.to_string())
    }
}

/// The text, trimmed at both ends; line breaks inside are kept.
pub fn body(raw: &str) -> Checked<String> {
    let b = raw.trim();
    let len = b.chars().count();
    if len == 0 {
        Err((Field::QuickReplyBody, Problem::Empty))
    } else if len > BODY_MAX {
        Err((Field::QuickReplyBody, Problem::TooLong { max: BODY_MAX }))
    } else {
        Ok(b.to_string())
    }
}

/// What variables are filled with: the open conversation's customer and the agent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values {
    /// The customer's WhatsApp profile name (a phone number is not a name).
    pub contact_name: Option<String>,
    pub agent_name: Option<String>,
    pub attributes: BTreeMap<String, String>,
}

/// A body with its variables filled. `unfilled` holds, verbatim and once each, the variables
/// left in `text`: unknown ones and known ones this customer has no value for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filled {
    pub text: String,
    pub unfilled: Vec<String>,
}

/// How variable and attribute names are compared: lower case, accents dropped, every run of
/// other characters one `_`. "Order ID" → `order_id`, "Código postal" → `codigo_postal`.
pub fn variable_key(name: &str) -> String {
    let mut key = String::new();
    let mut gap = false;
    for c in fold(name).chars() {
        if c.is_alphanumeric() {
            if gap && !key.is_empty() {
                key.push('_');
            }
            gap = false;
            key.push(c);
        } else {
            gap = true;
        }
    }
    key
}

/// The variable that inserts a contact attribute.
pub fn attribute_variable(attribute: &str) -> String {
    format!("{{{{contact.{}}}}}", variable_key(attribute))
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn first_word(v: &Option<String>) -> Option<&str> {
    present(v).and_then(|v| v.split_whitespace().next())
}

/// A variable's value for this customer and agent, if there is one.
fn value_of(name: &str, values: &Values) -> Option<String> {
    let (scope, key) = name.split_once('.')?;
    let key = variable_key(key);
    let value = match (variable_key(scope).as_str(), key.as_str()) {
        ("contact", "name") => present(&values.contact_name),
        ("contact", "first_name") => first_word(&values.contact_name),
        ("agent", "name") => present(&values.agent_name),
        ("agent", "first_name") => first_word(&values.agent_name),
        ("contact", _) => values
            .attributes
            .iter()
            .find(|(k, _)| variable_key(k) == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty()),
        _ => None,
    };
    value.map(str::to_string)
}

/// The pieces of a text: plain runs and `{{…}}` variables (verbatim, name trimmed).
enum Piece<'a> {
    Text(&'a str),
    Variable { verbatim: &'a str, name: &'a str },
}

fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            break;
        };
        let inner = &after[..close];
        if inner.contains('{') {
            // `{{{x}}`: the variable starts at a later brace.
            let skip = open + 1;
            out.push(Piece::Text(&rest[..skip]));
            rest = &rest[skip..];
            continue;
        }
        let name = inner.trim();
        if name.is_empty() || inner.contains('\n') || inner.chars().count() > 100 {
            let skip = open + 2;
            out.push(Piece::Text(&rest[..skip]));
            rest = &rest[skip..];
            continue;
        }
        out.push(Piece::Text(&rest[..open]));
        let end = open + 2 + close + 2;
        out.push(Piece::Variable {
            verbatim: &rest[open..end],
            name,
        });
        rest = &rest[end..];
    }
    out.push(Piece::Text(rest));
    out
}

/// Fills the variables of `body`. Nothing is dropped: a variable without a value stays as
/// written and is listed in `unfilled`, for the agent to complete.
pub fn fill(body: &str, values: &Values) -> Filled {
    let mut filled = Filled::default();
    for piece in pieces(body) {
        match piece {
            Piece::Text(t) => filled.text.push_str(t),
            Piece::Variable { verbatim, name } => match value_of(name, values) {
                Some(value) => filled.text.push_str(&value),
                None => {
                    filled.text.push_str(verbatim);
                    if !filled.unfilled.iter().any(|u| u == verbatim) {
                        filled.unfilled.push(verbatim.to_string());
                    }
                }
            },
        }
    }
    filled
}

/// The variables still written in a text (what the composer asks the agent to fill in).
pub fn variables_in(text: &str) -> Vec<String> {
    fill(text, &Values::default()).unfilled
}

/// Lower case without the accents of Latin letters, for matching what people type.
pub fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// The replies matching `query` (case and accents ignored), best first: shortcut starts with
/// it, then title contains it, then shortcut contains it, then text contains it; by shortcut
/// within each, the user's own before a shared one of the same shortcut. An empty query
/// lists them all by shortcut.
pub fn search<'a>(replies: &'a [QuickReply], query: &str) -> Vec<&'a QuickReply> {
    let q = fold(query.trim());
    let q = q.strip_prefix('/').unwrap_or(&q);
    let mut ranked: Vec<(u8, &QuickReply)> = replies
        .iter()
        .filter_map(|r| {
            let shortcut = fold(&r.shortcut);
            let rank = if shortcut.starts_with(q) {
                0
            } else if fold(&r.title).contains(q) {
                1
            } else if shortcut.contains(q) {
                2
            } else if fold(&r.body).contains(q) {
                3
            } else {
                return None;
            };
            Some((rank, r))
        })
        .collect();
    ranked.sort_by(|(ra, a), (rb, b)| {
        (ra, &a.shortcut, a.is_shared(), a.id).cmp(&(rb, &b.shortcut, b.is_shared(), b.id))
    });
    ranked.into_iter().map(|(_, r)| r).collect()
}

/// A `/query` being typed: where its `/` is (a byte index) and what follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slash {
    pub start: usize,
    pub query: String,
}

/// The `/query` that ends at byte `cursor`, if the agent is typing one: a `/` at the start of
/// the text or after a space or line break, followed by anything but spaces and `/`.
pub fn slash_query(text: &str, cursor: usize) -> Option<Slash> {
    let before = text.get(..cursor)?;
    let token_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let token = &before[token_start..];
    let query = token.strip_prefix('/')?;
    if query.contains('/') || query.chars().count() > SHORTCUT_MAX {
        return None;
    }
    Some(Slash {
        start: token_start,
        query: query.to_string(),
    })
}

/// `text` with the `/query` ending at `cursor` replaced by `insert`, and the byte index just
/// after the inserted text.
pub fn replace_slash(text: &str, slash: &Slash, cursor: usize, insert: &str) -> (String, usize) {
    let cursor = cursor.clamp(slash.start, text.len());
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(&text[..slash.start]);
    out.push_str(insert);
    let after = out.len();
    out.push_str(&text[cursor..]);
    (out, after)
}

/// What a user may do with a quick reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Edit and delete it.
    Manage,
    /// See and use it (a shared one, for an agent).
    Use,
    /// Not theirs to see: someone else's personal reply.
    Hidden,
}

/// Shared replies are managed by supervisors and admins and used by everyone; a personal one
/// is its owner's alone (a supervisor does not see an agent's personal replies).
pub fn access(role: Role, user_id: i64, owner_id: Option<i64>) -> Access {
    match owner_id {
        None if role.at_least(Role::Supervisor) => Access::Manage,
        None => Access::Use,
        Some(owner) if owner == user_id => Access::Manage,
        Some(_) => Access::Hidden,
    }
}

/// Whether a user may create a reply in that list (everyone has their own).
pub fn may_create(role: Role, shared: bool) -> bool {
    !shared || role.at_least(Role::Supervisor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            contact_name: Some("Grace  Miller".into()),
            agent_name: Some("Ana García".into()),
            attributes: BTreeMap::from([
                ("Order ID".to_string(), "A-1042".to_string()),
                ("Código postal".to_string(), "28001".to_string()),
                ("empty".to_string(), "  ".to_string()),
            ]),
        }
    }

    fn reply(id: i64, owner: Option<i64>, shortcut: &str, title: &str, body: &str) -> QuickReply {
        QuickReply {
            id,
            owner_id: owner,
            shortcut: shortcut.into(),
            title: title.into(),
            body: body.into(),
            updated_at_ms: 0,
        }
    }

    #[test]
    fn every_kind_of_variable_is_filled() {
        let f = fill(
            "Hi {{contact.first_name}} ({{ contact.name }}), I'm {{agent.name}} / \
             {{agent.first_name}}. Order {{contact.order_id}}, CP {{contact.Código Postal}}.",
            &values(),
        );
        assert_eq!(
            f.text,
            "Hi Grace (Grace  Miller), I'm Ana García / Ana. Order A-1042, CP 28001."
        );
        assert!(f.unfilled.is_empty());
    }

    #[test]
    fn missing_and_unknown_variables_stay_and_are_listed_once() {
        let no_name = Values {
            contact_name: None,
            ..values()
        };
        let f = fill(
            "Hola {{contact.first_name}}, {{ contact.tracking }} {{shop.url}} {{contact.empty}} \
             {{contact.tracking}} {{ contact.tracking }}",
            &no_name,
        );
        assert_eq!(
            f.text,
            "Hola {{contact.first_name}}, {{ contact.tracking }} {{shop.url}} {{contact.empty}} \
             {{contact.tracking}} {{ contact.tracking }}"
        );
        assert_eq!(
            f.unfilled,
            [
                "{{contact.first_name}}",
                "{{ contact.tracking }}",
                "{{shop.url}}",
                "{{contact.empty}}",
                "{{contact.tracking}}",
            ]
        );
        assert_eq!(fill("{{agent}}", &values()).unfilled, ["{{agent}}"]);
    }

    #[test]
    fn text_that_is_not_a_variable_is_left_alone() {
        for text in [
            "{{}}",
            "{{ }}",
            "a {{ b",
            "}} x {{",
            "{{a\nb}}",
            "{ contact.name }",
        ] {
            assert_eq!(
                fill(text, &values()),
                Filled {
                    text: text.into(),
                    unfilled: vec![]
                }
            );
        }
        assert_eq!(fill("{{{contact.first_name}}}", &values()).text, "{Grace}");
        assert_eq!(
            variables_in("Hi {{x}} and {{ y.z }}"),
            ["{{x}}", "{{ y.z }}"]
        );
        assert!(variables_in("Hi Grace").is_empty());
    }

    #[test]
    fn attribute_keys_ignore_case_accents_and_punctuation() {
        assert_eq!(variable_key(" Order ID "), "order_id");
        assert_eq!(variable_key("order-id"), "order_id");
        assert_eq!(variable_key("Código  postal!"), "codigo_postal");
        assert_eq!(attribute_variable("Order ID"), "{{contact.order_id}}");
    }

    #[test]
    fn shortcuts() {
        assert_eq!(shortcut(" /Hola ").as_deref(), Ok("hola"));
        assert_eq!(shortcut("track-order_2").as_deref(), Ok("track-order_2"));
        assert_eq!(shortcut("envío").as_deref(), Ok("envío"));
        assert_eq!(shortcut("/"), Err((Field::Shortcut, Problem::Empty)));
        assert_eq!(shortcut("  "), Err((Field::Shortcut, Problem::Empty)));
        assert_eq!(
            shortcut("two words"),
            Err((Field::Shortcut, Problem::Malformed))
        );
        assert_eq!(shortcut("a/b"), Err((Field::Shortcut, Problem::Malformed)));
        assert_eq!(shortcut("hi!"), Err((Field::Shortcut, Problem::Malformed)));
        assert!(shortcut(&"a".repeat(SHORTCUT_MAX)).is_ok());
        assert_eq!(
            shortcut(&"a".repeat(SHORTCUT_MAX + 1)),
            Err((Field::Shortcut, Problem::TooLong { max: SHORTCUT_MAX }))
        );
    }

    #[test]
    fn titles_and_bodies() {
        assert_eq!(title("  Greeting ").as_deref(), Ok("Greeting"));
        assert_eq!(title(""), Err((Field::QuickReplyTitle, Problem::Empty)));
        assert!(title(&"t".repeat(TITLE_MAX + 1)).is_err());
        assert_eq!(
            title("a\u{7}b"),
            Err((Field::QuickReplyTitle, Problem::Malformed))
        );
        assert_eq!(body("\n Hi\nthere \n").as_deref(), Ok("Hi\nthere"));
        assert_eq!(body(" \n "), Err((Field::QuickReplyBody, Problem::Empty)));
        assert!(body(&"b".repeat(BODY_MAX)).is_ok());
        assert_eq!(
            body(&"b".repeat(BODY_MAX + 1)),
            Err((Field::QuickReplyBody, Problem::TooLong { max: BODY_MAX }))
        );
        let f = QuickReplyFields::new("/Hi", " Hello ", " Hi! ").expect("valid");
        assert_eq!(
            (f.shortcut.as_str(), f.title.as_str(), f.body.as_str()),
            ("hi", "Hello", "Hi!")
        );
        assert_eq!(
            QuickReplyFields::new("hi", "", "x"),
            Err((Field::QuickReplyTitle, Problem::Empty))
        );
    }

    #[test]
    fn search_ranks_shortcut_then_title_then_body() {
        let all = [
            reply(1, None, "zz-body", "Other", "We ship in 24h"),
            reply(
                2,
                None,
                "address",
                "Shipping address",
                "Send us your address",
            ),
            reply(3, None, "ship", "Dispatch", "On its way"),
            reply(4, Some(7), "ship", "My dispatch", "Mine"),
            reply(5, None, "reship", "Resend", "Again"),
            reply(6, None, "thanks", "Gracias", "Nothing"),
        ];
        let ids = |q: &str| search(&all, q).iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids("ship"), [4, 3, 2, 5, 1]);
        assert_eq!(ids("/SHIP"), [4, 3, 2, 5, 1]);
        assert_eq!(ids(""), [2, 5, 4, 3, 6, 1]);
        assert_eq!(ids("nope"), Vec::<i64>::new());
        // Accents and case are ignored on both sides.
        let es = [reply(1, None, "envío", "Envío gratis", "Él llegará mañana")];
        assert_eq!(search(&es, "envio").len(), 1);
        assert_eq!(search(&es, "MANANA").len(), 1);
        assert_eq!(search(&es, "ÉNV").len(), 1);
    }

    #[test]
    fn slash_queries_start_a_word() {
        let at_end = |t: &str| slash_query(t, t.len());
        assert_eq!(
            at_end("/"),
            Some(Slash {
                start: 0,
                query: String::new()
            })
        );
        assert_eq!(
            at_end("/hi"),
            Some(Slash {
                start: 0,
                query: "hi".into()
            })
        );
        assert_eq!(
            at_end("Hola /env"),
            Some(Slash {
                start: 5,
                query: "env".into()
            })
        );
        assert_eq!(
            at_end("Hola\n/ñu"),
            Some(Slash {
                start: 5,
                query: "ñu".into()
            })
        );
        assert_eq!(at_end("and/or"), None);
        assert_eq!(at_end("/hi there"), None);
        assert_eq!(at_end("http://x"), None);
        assert_eq!(at_end("/a/b"), None);
        assert_eq!(at_end("plain"), None);
        // The cursor in the middle of the text counts, not the end.
        assert_eq!(
            slash_query("/hi there", 3),
            Some(Slash {
                start: 0,
                query: "hi".into()
            })
        );
        assert_eq!(slash_query("é/x", 1), None, "not a char boundary");
    }

    #[test]
    fn replacing_the_slash_query() {
        let text = "Hola /tra, gracias";
        let slash = slash_query(text, 9).expect("typing");
        let (out, caret) = replace_slash(text, &slash, 9, "Tu pedido");
        assert_eq!(out, "Hola Tu pedido, gracias");
        assert_eq!(&out[..caret], "Hola Tu pedido");
    }

    #[test]
    fn who_may_manage_what() {
        use Access::*;
        assert_eq!(access(Role::Agent, 1, None), Use);
        assert_eq!(access(Role::Supervisor, 2, None), Manage);
        assert_eq!(access(Role::Admin, 3, None), Manage);
        assert_eq!(access(Role::Agent, 1, Some(1)), Manage);
        assert_eq!(access(Role::Agent, 1, Some(2)), Hidden);
        assert_eq!(access(Role::Admin, 3, Some(1)), Hidden);
        assert!(may_create(Role::Agent, false));
        assert!(!may_create(Role::Agent, true));
        assert!(may_create(Role::Supervisor, true));
    }
}

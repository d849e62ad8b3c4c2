//! A campaign audience from a CSV file: one row per recipient, with a phone number or a
//! WhatsApp user id (BSUID), an optional name, and any other columns, which the template's
//! values can use. Every row is checked and either accepted or rejected with its reason;
//! nothing is dropped silently. The server reads the file with this and then creates or
//! matches the contacts (`ssr::campaign_lists`).

use crate::domain::phone::{normalize, prefix_variants, PhoneProblem};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Rows a list may have (a campaign's recipients are written in one transaction).
pub const MAX_ROWS: usize = 100_000;
/// The file's size limit (bytes).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Columns a list may have.
pub const MAX_COLUMNS: usize = 50;
/// A value longer than this is refused (Meta's template values are far shorter).
pub const MAX_VALUE_CHARS: usize = 1_024;

/// Header names read as the phone number, the user id and the name (lower case, compared
/// after trimming; Spanish and Portuguese spellings included).
const PHONE_HEADERS: [&str; 12] = [
    "phone",
    "phone number",
    "wa_id",
    "number",
    "mobile",
    "whatsapp",
    "telefono",
    "teléfono",
    "telefone",
    "celular",
    "movil",
    "móvil",
];
const USER_ID_HEADERS: [&str; 4] = ["bsuid", "user_id", "user id", "whatsapp user id"];
const NAME_HEADERS: [&str; 5] = ["name", "full name", "nombre", "nome", "nombre completo"];

/// What is wrong with the whole file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum FileProblem {
    /// No header row, or nothing at all.
    Empty,
    /// Not text (UTF-8), or not CSV.
    NotCsv,
    TooLarge {
        max_bytes: usize,
    },
    TooManyRows {
        max: usize,
    },
    TooManyColumns {
        max: usize,
    },
    /// Neither a phone nor a user-id column (by header name).
    NoAddressColumn,
    /// Two columns with the same name.
    DuplicateColumn {
        name: String,
    },
}

/// Why one row was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum RowProblem {
    /// The row has another number of fields than the header.
    Fields { expected: usize, got: usize },
    /// No phone number and no user id.
    NoAddress,
    /// Not a phone number at all.
    PhoneMalformed,
    /// A number, but not a valid one in its country.
    PhoneInvalid,
    /// Not a WhatsApp user id (`CC.digits…`).
    UserId,
    /// The same recipient as on line `line` (the same number, maybe spelled otherwise).
    Duplicate { line: usize },
    /// A value over [`MAX_VALUE_CHARS`].
    TooLong { column: String },
}

impl RowProblem {
    /// A stable code for the rejected-rows file.
    pub fn code(&self) -> &'static str {
        match self {
            RowProblem::Fields { .. } => "fields",
            RowProblem::NoAddress => "no_address",
            RowProblem::PhoneMalformed => "phone_malformed",
            RowProblem::PhoneInvalid => "phone_invalid",
            RowProblem::UserId => "user_id",
            RowProblem::Duplicate { .. } => "duplicate",
            RowProblem::TooLong { .. } => "too_long",
        }
    }

    /// In words, for the rejected-rows file (English; the screen shows its own language).
    pub fn words(&self) -> String {
        match self {
            RowProblem::Fields { expected, got } => {
                format!("has {got} fields, the header has {expected}")
            }
            RowProblem::NoAddress => "no phone number and no WhatsApp user id".into(),
            RowProblem::PhoneMalformed => "the phone is not a phone number".into(),
            RowProblem::PhoneInvalid => "the phone number is not valid in its country".into(),
            RowProblem::UserId => "the WhatsApp user id is not one (like US.1234…)".into(),
            RowProblem::Duplicate { line } => format!("the same recipient as line {line}"),
            RowProblem::TooLong { column } => {
                format!("{column} is longer than {MAX_VALUE_CHARS} characters")
            }
        }
    }
}

/// How an accepted row reaches WhatsApp.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "id")]
pub enum ListAddress {
    /// `wa_id` form (digits with the country code).
    Phone(String),
    UserId(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListRow {
    /// The file's line (the header is line 1).
    pub line: usize,
    pub address: ListAddress,
    pub name: Option<String>,
    /// The other columns (header → value), for template values.
    pub values: BTreeMap<String, String>,
    /// The row as it was in the file (for the rejected rows, should it be a duplicate).
    pub fields: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    pub line: usize,
    /// The row as it was in the file.
    pub fields: Vec<String>,
    pub problem: RowProblem,
}

/// A checked file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedList {
    /// The header as written.
    pub header: Vec<String>,
    /// The columns usable as template values (neither phone, user id nor name).
    pub columns: Vec<String>,
    pub rows: Vec<ListRow>,
    pub rejected: Vec<RejectedRow>,
}

fn role(header: &str) -> Option<&'static str> {
    let h = header.trim().to_lowercase();
    if PHONE_HEADERS.contains(&h.as_str()) {
        Some("phone")
    } else if USER_ID_HEADERS.contains(&h.as_str()) {
        Some("user_id")
    } else if NAME_HEADERS.contains(&h.as_str()) {
        Some("name")
    } else {
        None
    }
}

/// Excel in Spanish and Portuguese writes `;`: the header line says which.
fn delimiter(first_line: &str) -> u8 {
    let count = |c: char| first_line.matches(c).count();
    [(b';', count(';')), (b'\t', count('\t')), (b',', count(','))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| d)
}

/// A WhatsApp user id: a two-letter country, a dot, then letters and digits.
fn is_user_id(text: &str) -> bool {
    let Some((country, rest)) = text.split_once('.') else {
        return false;
    };
    country.len() == 2
        && country.chars().all(|c| c.is_ascii_alphabetic())
        && !rest.is_empty()
        && rest.len() <= 64
        && rest.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Reads `bytes` as a recipients list; numbers without `+` belong to `business_country`.
pub fn check(bytes: &[u8], business_country: &str) -> Result<CheckedList, FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge {
            max_bytes: MAX_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotCsv)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .ok_or(FileProblem::Empty)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first_line))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = loop {
        match records.next() {
            None => return Err(FileProblem::Empty),
            Some(Err(_)) => return Err(FileProblem::NotCsv),
            Some(Ok(r)) if r.iter().all(|f| f.trim().is_empty()) => continue,
            Some(Ok(r)) => break r.iter().map(|f| f.trim().to_string()).collect(),
        }
    };
    if header.len() > MAX_COLUMNS {
        return Err(FileProblem::TooManyColumns { max: MAX_COLUMNS });
    }
    for (i, name) in header.iter().enumerate() {
        if header[..i].iter().any(|h| h.eq_ignore_ascii_case(name)) {
            return Err(FileProblem::DuplicateColumn { name: name.clone() });
        }
    }
    let find = |wanted: &str| header.iter().position(|h| role(h) == Some(wanted));
    let (phone_at, user_at, name_at) = (find("phone"), find("user_id"), find("name"));
    if phone_at.is_none() && user_at.is_none() {
        return Err(FileProblem::NoAddressColumn);
    }
    let columns: Vec<String> = header
        .iter()
        .enumerate()
        .filter(|(i, h)| ![phone_at, user_at, name_at].contains(&Some(*i)) && !h.is_empty())
        .map(|(_, h)| h.clone())
        .collect();
    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    // Every spelling of an accepted recipient → its line.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in records {
        let Ok(record) = record else {
            return Err(FileProblem::NotCsv);
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() + rejected.len() >= MAX_ROWS {
            return Err(FileProblem::TooManyRows { max: MAX_ROWS });
        }
        // Lines as a spreadsheet numbers them (the header is one of them).
        let line = record.position().map_or(0, |p| p.line() as usize);
        let fields: Vec<String> = record.iter().map(str::to_string).collect();
        let reject = |problem: RowProblem| RejectedRow {
            line,
            fields: fields.clone(),
            problem,
        };
        if fields.len() != header.len() {
            rejected.push(reject(RowProblem::Fields {
                expected: header.len(),
                got: fields.len(),
            }));
            continue;
        }
        let get = |at: Option<usize>| {
            at.map(|i| fields[i].trim())
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        if let Some(column) = header
            .iter()
            .zip(&fields)
            .find(|(_, v)| v.chars().count() > MAX_VALUE_CHARS)
            .map(|(h, _)| h.clone())
        {
            rejected.push(reject(RowProblem::TooLong { column }));
            continue;
        }
        let address = match (get(phone_at), get(user_at)) {
            // A leading apostrophe is a spreadsheet's "this is text" (our rejected file too).
            (Some(phone), _) => match normalize(phone.trim_start_matches('\''), business_country) {
                Ok(wa_id) => ListAddress::Phone(wa_id),
                Err(PhoneProblem::Malformed) => {
                    rejected.push(reject(RowProblem::PhoneMalformed));
                    continue;
                }
                Err(PhoneProblem::Invalid) => {
                    rejected.push(reject(RowProblem::PhoneInvalid));
                    continue;
                }
            },
            (None, Some(user_id)) if is_user_id(&user_id) => ListAddress::UserId(user_id),
            (None, Some(_)) => {
                rejected.push(reject(RowProblem::UserId));
                continue;
            }
            (None, None) => {
                rejected.push(reject(RowProblem::NoAddress));
                continue;
            }
        };
        let spellings = match &address {
            ListAddress::Phone(wa_id) => {
                let mut all = prefix_variants(wa_id);
                all.push(wa_id.clone());
                all
            }
            ListAddress::UserId(id) => vec![id.clone()],
        };
        if let Some(first) = spellings.iter().find_map(|s| seen.get(s)) {
            rejected.push(reject(RowProblem::Duplicate { line: *first }));
            continue;
        }
        for s in spellings {
            seen.insert(s, line);
        }
        let values = header
            .iter()
            .zip(&fields)
            .filter(|(h, _)| columns.contains(h))
            .map(|(h, v)| (h.clone(), v.trim().to_string()))
            .collect();
        rows.push(ListRow {
            line,
            address,
            name: get(name_at),
            values,
            fields,
        });
    }
    Ok(CheckedList {
        header,
        columns,
        rows,
        rejected,
    })
}

/// The rejected rows as a CSV to fix and upload again: the file's own columns, then the
/// line and the reason (code and words). Text that a spreadsheet would run is defused.
pub fn rejected_csv(header: &[String], rejected: &[RejectedRow]) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    let mut head: Vec<String> = header.to_vec();
    head.extend(["line".into(), "problem".into(), "details".into()]);
    let _ = out.write_record(&head);
    for r in rejected {
        let mut row: Vec<String> = r
            .fields
            .iter()
            .map(|f| crate::domain::reports::csv::defused(f))
            .collect();
        row.resize(header.len().max(row.len()), String::new());
        row.extend([
            r.line.to_string(),
            r.problem.code().to_string(),
            r.problem.words(),
        ]);
        let _ = out.write_record(&row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
#[path = "csv_list_tests.rs"]
mod tests;

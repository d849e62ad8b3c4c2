//! Reading a catalog from CSV, as spreadsheets export it: `,` or `;`, English or Spanish
//! headers, a byte-order mark or not. Bad rows are reported by line, never abort the import.

use super::config::{BotProblem, ProductDraft};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Data rows a file may hold.
pub const ROWS_MAX: usize = 5000;

/// A row the import left out, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    pub reason: RowProblem,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RowProblem {
    /// The row breaks a product rule (empty name, bad link…).
    Invalid { problem: BotProblem },
    /// The CSV itself is broken on this line (unbalanced quotes, wrong number of fields…).
    Unreadable { detail: String },
    /// The same SKU appears on an earlier line of the file.
    RepeatedSku { sku: String, first_line: u64 },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedCatalog {
    pub products: Vec<ProductDraft>,
    pub rejected: Vec<RejectedRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CsvProblem {
    /// No header row.
    Empty,
    /// The header lacks a `name` column.
    NoNameColumn,
    TooManyRows {
        max: usize,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Sku,
    Name,
    Description,
    Price,
    Link,
    Image,
}

fn column(header: &str) -> Option<Column> {
    Some(match header.trim().to_lowercase().as_str() {
        "name" | "nombre" => Column::Name,
        "description" | "descripcion" | "descripción" => Column::Description,
        "price" | "precio" => Column::Price,
        "link" | "url" | "enlace" => Column::Link,
        "image" | "image_url" | "imagen" => Column::Image,
        "sku" | "codigo" | "código" | "id" => Column::Sku,
        _ => return None,
    })
}

/// One record of the file: where it starts and its text (several lines when a quoted field
/// holds line breaks).
struct Record<'a> {
    line: u64,
    text: &'a str,
}

enum Piece<'a> {
    Record(Record<'a>),
    /// A quote opened on this line is never closed.
    Unclosed {
        line: u64,
    },
}

/// Splits the file into records by hand so that one unclosed quote costs its own line only;
/// a CSV reader would swallow the rest of the file into that field.
fn pieces(text: &str, delimiter: char) -> Vec<Piece<'_>> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let offsets: Vec<usize> = lines
        .iter()
        .scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some(start)
        })
        .collect();
    let mut out = Vec::new();
    let mut first = 0;
    while first < lines.len() {
        if lines[first].trim().is_empty() {
            first += 1;
            continue;
        }
        let mut last = first;
        let mut quoted = ends_quoted(lines[last], delimiter, false);
        while quoted && last + 1 < lines.len() {
            last += 1;
            quoted = ends_quoted(lines[last], delimiter, true);
        }
        if quoted {
            out.push(Piece::Unclosed {
                line: first as u64 + 1,
            });
            first += 1;
            continue;
        }
        let end = offsets[last] + lines[last].len();
        out.push(Piece::Record(Record {
            line: first as u64 + 1,
            text: &text[offsets[first]..end],
        }));
        first = last + 1;
    }
    out
}

/// Whether a line ends inside a quoted field, reading quotes as the `csv` crate does: a quote
/// opens a field only as its first character (`24" monitor` is plain text) and `""` inside
/// quotes is a quote.
fn ends_quoted(line: &str, delimiter: char, mut quoted: bool) -> bool {
    let mut field_start = !quoted;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' && chars.next_if_eq(&'"').is_none() {
                quoted = false;
            }
        } else if c == '"' && field_start {
            quoted = true;
            field_start = false;
        } else {
            field_start = c == delimiter;
        }
    }
    quoted
}

/// A row of nothing but delimiters, quotes and spaces: spreadsheets export those.
fn is_blank(record: &str, delimiter: char) -> bool {
    record
        .chars()
        .all(|c| c == delimiter || c == '"' || c.is_whitespace())
}

/// The delimiter the header uses most: `;` in locales where `,` is the decimal mark.
fn delimiter(header: &str) -> char {
    if header.matches(';').count() > header.matches(',').count() {
        ';'
    } else {
        ','
    }
}

fn fields(record: &str, delimiter: char) -> Result<Vec<String>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter as u8)
        .trim(csv::Trim::All)
        .from_reader(record.as_bytes());
    match reader.records().next() {
        Some(Ok(row)) => Ok(row.iter().map(String::from).collect()),
        Some(Err(e)) => Err(e.to_string()),
        None => Ok(Vec::new()),
    }
}

pub fn parse(text: &str) -> Result<ParsedCatalog, CsvProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first_line) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(CsvProblem::Empty);
    };
    let delimiter = delimiter(first_line);
    let mut pieces = pieces(text, delimiter)
        .into_iter()
        .filter(|p| !matches!(p, Piece::Record(r) if is_blank(r.text, delimiter)));
    let header = match pieces.next() {
        Some(Piece::Record(r)) => r,
        Some(Piece::Unclosed { .. }) => return Err(CsvProblem::NoNameColumn),
        None => return Err(CsvProblem::Empty),
    };
    let columns: Vec<Option<Column>> = fields(header.text, delimiter)
        .map_err(|_| CsvProblem::NoNameColumn)?
        .iter()
        .map(|h| column(h))
        .collect();
    if !columns.contains(&Some(Column::Name)) {
        return Err(CsvProblem::NoNameColumn);
    }
    let rows: Vec<Piece> = pieces.collect();
    if rows.len() > ROWS_MAX {
        return Err(CsvProblem::TooManyRows { max: ROWS_MAX });
    }
    let mut parsed = ParsedCatalog::default();
    let mut sku_lines: HashMap<String, u64> = HashMap::new();
    for piece in rows {
        let (line, reason) = match piece {
            Piece::Unclosed { line } => (line, unreadable("a quote is opened and never closed")),
            Piece::Record(record) => match row(&record, delimiter, &columns, &mut sku_lines) {
                Ok(product) => {
                    parsed.products.push(product);
                    continue;
                }
                Err(reason) => (record.line, reason),
            },
        };
        parsed.rejected.push(RejectedRow { line, reason });
    }
    Ok(parsed)
}

fn unreadable(detail: impl Into<String>) -> RowProblem {
    RowProblem::Unreadable {
        detail: detail.into(),
    }
}

fn row(
    record: &Record,
    delimiter: char,
    columns: &[Option<Column>],
    sku_lines: &mut HashMap<String, u64>,
) -> Result<ProductDraft, RowProblem> {
    let cells = fields(record.text, delimiter).map_err(unreadable)?;
    if cells.len() != columns.len() {
        return Err(unreadable(format!(
            "expected {} fields, found {}",
            columns.len(),
            cells.len()
        )));
    }
    let mut draft = ProductDraft::default();
    for (cell, column) in cells.into_iter().zip(columns) {
        let slot = match column {
            Some(Column::Name) => &mut draft.name,
            Some(Column::Description) => &mut draft.description,
            Some(Column::Sku) => draft.sku.get_or_insert_with(String::new),
            Some(Column::Price) => draft.price.get_or_insert_with(String::new),
            Some(Column::Link) => draft.link.get_or_insert_with(String::new),
            Some(Column::Image) => draft.image_url.get_or_insert_with(String::new),
            None => continue,
        };
        // A repeated column: the first one counts.
        if slot.is_empty() {
            *slot = cell;
        }
    }
    let product = draft
        .normalized()
        .map_err(|problem| RowProblem::Invalid { problem })?;
    if let Some(sku) = &product.sku {
        if let Some(&first_line) = sku_lines.get(sku) {
            return Err(RowProblem::RepeatedSku {
                sku: sku.clone(),
                first_line,
            });
        }
        sku_lines.insert(sku.clone(), record.line);
    }
    Ok(product)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bot::config::{BotPlace, Issue};

    fn lines_of(parsed: &ParsedCatalog) -> Vec<u64> {
        parsed.rejected.iter().map(|r| r.line).collect()
    }

    #[test]
    fn a_good_file_with_every_column() {
        let text = "\u{feff}SKU,Name,Description,Price,Link,Image,Color\n\
            Z-1, Zapatilla Roja ,\"Ligera, transpirable\",$59.990,https://shop.example/z1,https://cdn.example/z1.png,rojo\n\
            M-2,Mochila,\"Con \"\"bolsillo\"\"\nde 15\"\" para laptop\",,,,\n";
        let parsed = parse(text).unwrap();
        assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        assert_eq!(
            parsed.products,
            vec![
                ProductDraft {
                    sku: Some("Z-1".into()),
                    name: "Zapatilla Roja".into(),
                    description: "Ligera, transpirable".into(),
                    price: Some("$59.990".into()),
                    link: Some("https://shop.example/z1".into()),
                    image_url: Some("https://cdn.example/z1.png".into()),
                },
                ProductDraft {
                    sku: Some("M-2".into()),
                    name: "Mochila".into(),
                    description: "Con \"bolsillo\"\nde 15\" para laptop".into(),
                    ..ProductDraft::default()
                },
            ]
        );
    }

    #[test]
    fn semicolons_and_spanish_headers() {
        let text = "Código;NOMBRE;Descripción;Precio;Enlace;Imagen\n\
            A1;Camiseta;Algodón, talla M;12,50 €;;\n\
            A2;Taza 12\" grande;Cerámica;7,00 €;https://t.example/a2;\n";
        let parsed = parse(text).unwrap();
        assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        let names: Vec<&str> = parsed.products.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Camiseta", "Taza 12\" grande"]);
        assert_eq!(parsed.products[0].price.as_deref(), Some("12,50 €"));
        assert_eq!(parsed.products[0].description, "Algodón, talla M");
        assert_eq!(parsed.products[0].sku.as_deref(), Some("A1"));
        assert_eq!(parsed.products[0].link, None);
        assert_eq!(
            parsed.products[1].link.as_deref(),
            Some("https://t.example/a2")
        );
    }

    #[test]
    fn the_file_must_have_a_header_with_a_name() {
        assert_eq!(parse(""), Err(CsvProblem::Empty));
        assert_eq!(parse("\u{feff}\n  \n"), Err(CsvProblem::Empty));
        assert_eq!(
            parse("sku,title,price\nA,Mochila,10\n"),
            Err(CsvProblem::NoNameColumn)
        );
        // A header alone is a valid, empty catalog.
        assert_eq!(parse("name\n"), Ok(ParsedCatalog::default()));
    }

    #[test]
    fn too_many_rows() {
        let mut text = String::from("name\n");
        for n in 0..ROWS_MAX {
            text.push_str(&format!("Producto {n}\n"));
        }
        assert_eq!(parse(&text).map(|p| p.products.len()), Ok(ROWS_MAX));
        text.push_str("Uno más\n");
        assert_eq!(parse(&text), Err(CsvProblem::TooManyRows { max: ROWS_MAX }));
    }

    #[test]
    fn bad_rows_are_reported_by_line_and_the_rest_imported() {
        let text = "name,link,sku\n\
            Mochila,https://shop.example/m,M1\n\
            Gorra,ftp://shop.example/g,G1\n\
            ,https://shop.example/x,X1\n\
            \"Bufanda roja,https://shop.example/b,B1\n\
            Guantes,https://shop.example/g,G2,extra\n\
            Calcetines,,M1\n\
            Cinturón,,C1\n";
        let parsed = parse(text).unwrap();
        let names: Vec<&str> = parsed.products.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Mochila", "Cinturón"]);
        assert_eq!(lines_of(&parsed), vec![3, 4, 5, 6, 7]);
        let reasons: Vec<&RowProblem> = parsed.rejected.iter().map(|r| &r.reason).collect();
        assert!(matches!(
            reasons[0],
            RowProblem::Invalid {
                problem: BotProblem {
                    place: BotPlace::ProductLink,
                    issue: Issue::NotALink
                }
            }
        ));
        assert!(matches!(
            reasons[1],
            RowProblem::Invalid {
                problem: BotProblem {
                    place: BotPlace::ProductName,
                    issue: Issue::Empty
                }
            }
        ));
        assert!(matches!(reasons[2], RowProblem::Unreadable { .. }));
        assert!(matches!(reasons[3], RowProblem::Unreadable { .. }));
        assert_eq!(
            reasons[4],
            &RowProblem::RepeatedSku {
                sku: "M1".into(),
                first_line: 2
            }
        );
    }

    #[test]
    fn blank_lines_are_skipped_but_counted() {
        let text = "\n name ; precio \n\nMochila;10\n  \n;\nGorra;5\n";
        let parsed = parse(text).unwrap();
        let names: Vec<&str> = parsed.products.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Mochila", "Gorra"]);
        let text = "name,link\n\nGorra,nope\n";
        assert_eq!(lines_of(&parse(text).unwrap()), vec![3]);
    }
}

//! WhatsApp's text formatting (*bold*, _italic_, ~strike~, ```mono```), split into styled runs
//! so the composer's preview and the thread render it without ever producing HTML.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub mono: bool,
}

/// Splits `text` into runs. A marker only counts when it is closed on the same line and the
/// text inside does not start or end with a space, as on WhatsApp; otherwise it stays literal.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    parse(text, Run::default(), &mut out);
    // Merge neighbours with the same style.
    let mut merged: Vec<Run> = Vec::with_capacity(out.len());
    for run in out {
        match merged.last_mut() {
            Some(last) if same_style(last, &run) => last.text.push_str(&run.text),
            _ => merged.push(run),
        }
    }
    merged
}

fn same_style(a: &Run, b: &Run) -> bool {
    a.bold == b.bold && a.italic == b.italic && a.strike == b.strike && a.mono == b.mono
}

fn parse(text: &str, style: Run, out: &mut Vec<Run>) {
    let mut plain = String::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        if !style.mono && text[i..].starts_with("```") {
            if let Some(end) = text[i + 3..].find("```") {
                let inner = &text[i + 3..i + 3 + end];
                if !inner.is_empty() {
                    flush(&mut plain, &style, out);
                    out.push(Run {
                        text: inner.to_string(),
                        mono: true,
                        ..style.clone()
                    });
                    i += 6 + end;
                    continue;
                }
            }
        }
        let marker = bytes[i];
        if matches!(marker, b'*' | b'_' | b'~') && opens_at(text, i) {
            let rest = &text[i + 1..];
            let line_end = rest.find('\n').unwrap_or(rest.len());
            if let Some(close) = rest[..line_end].find(marker as char) {
                let inner = &rest[..close];
                if valid_inner(inner) && closes_at(text, i + 1 + close) {
                    flush(&mut plain, &style, out);
                    let mut inner_style = style.clone();
                    match marker {
                        b'*' => inner_style.bold = true,
                        b'_' => inner_style.italic = true,
                        _ => inner_style.strike = true,
                    }
                    parse(inner, inner_style, out);
                    i += close + 2;
                    continue;
                }
            }
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        plain.push(ch);
        i += ch.len_utf8();
    }
    flush(&mut plain, &style, out);
}

fn valid_inner(inner: &str) -> bool {
    !inner.is_empty() && !inner.starts_with(' ') && !inner.ends_with(' ')
}

/// A marker opens at the start or after a non-word character ("a*b*" stays literal).
fn opens_at(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .last()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn closes_at(text: &str, i: usize) -> bool {
    text[i + 1..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn flush(plain: &mut String, style: &Run, out: &mut Vec<Run>) {
    if !plain.is_empty() {
        out.push(Run {
            text: std::mem::take(plain),
            ..style.clone()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(t: &str) -> Run {
        Run {
            text: t.into(),
            ..Run::default()
        }
    }

    #[test]
    fn markers_style_what_they_enclose() {
        assert_eq!(
            runs("hola *amigo* y _tú_"),
            vec![
                plain("hola "),
                Run {
                    text: "amigo".into(),
                    bold: true,
                    ..Run::default()
                },
                plain(" y "),
                Run {
                    text: "tú".into(),
                    italic: true,
                    ..Run::default()
                },
            ]
        );
        assert_eq!(
            runs("~no~"),
            vec![Run {
                text: "no".into(),
                strike: true,
                ..Run::default()
            }]
        );
        assert_eq!(
            runs("run ```cargo *test*```"),
            vec![
                plain("run "),
                Run {
                    text: "cargo *test*".into(),
                    mono: true,
                    ..Run::default()
                }
            ]
        );
    }

    #[test]
    fn nested_markers_combine() {
        assert_eq!(
            runs("*_both_*"),
            vec![Run {
                text: "both".into(),
                bold: true,
                italic: true,
                ..Run::default()
            }]
        );
    }

    #[test]
    fn unclosed_or_spaced_markers_stay_literal() {
        assert_eq!(runs("2*3 = 6"), vec![plain("2*3 = 6")]);
        assert_eq!(runs("* not bold *"), vec![plain("* not bold *")]);
        assert_eq!(runs("snake_case_name"), vec![plain("snake_case_name")]);
        assert_eq!(runs("*two\nlines*"), vec![plain("*two\nlines*")]);
        assert_eq!(runs("<b>x</b>"), vec![plain("<b>x</b>")]);
    }
}

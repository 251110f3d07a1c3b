//! Stage 2: build the page structure from the classified lines.

use std::borrow::Cow;

use crate::annotation::{LineInfo, LineRole};
use crate::error::{Error, ErrorKind, Position};
use crate::input::{content_start, Lines};
use crate::model::{Article, Dump, Span};
use crate::options::Parser;

/// Parses `input` with `options`; fills `annotate` with one entry per line when given.
pub(crate) fn parse<'a>(
    options: &Parser,
    input: &'a str,
    mut annotate: Option<&mut Vec<LineInfo<'a>>>,
) -> Result<Dump<'a>, Error> {
    let _ = options;
    let start = content_start(input);
    if input[start..].trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty, "input is empty", Position::of(input.as_bytes(), start)));
    }
    // Placeholder until the line classifier lands: every paragraph is article text.
    let mut paragraphs = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for line in Lines::new(input, start) {
        let blank = line.text.trim().is_empty();
        if let Some(a) = annotate.as_deref_mut() {
            a.push(LineInfo {
                line: line.number,
                span: Span::new(line.start, line.end()),
                text: line.text,
                role: if blank { LineRole::Blank } else { LineRole::Article },
                phrase: None,
            });
        }
        if blank {
            if let Some((s, e)) = current.take() {
                paragraphs.push(Cow::Borrowed(&input[s..e]));
            }
        } else {
            let s = current.map_or(line.start, |(s, _)| s);
            current = Some((s, line.end()));
        }
    }
    if let Some((s, e)) = current {
        paragraphs.push(Cow::Borrowed(&input[s..e]));
    }
    Ok(Dump {
        article: Article {
            title: None,
            paragraphs,
            source: None,
            span: Span::new(start, input.len()),
        },
        ..Dump::default()
    })
}

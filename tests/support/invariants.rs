//! Cheap structural checks on a parse result, shared by the fuzz targets (`fuzz/src/lib.rs`)
//! and the pathological-page tests. Each check panics with a message naming the broken rule.
#![allow(dead_code)] // each user needs only some of the checks

use std::collections::HashSet;

use article_dump::{Dump, Error, ErrorKind, LineInfo, Span};

/// Checks a successful parse of `input`: every span lies inside the input on char boundaries,
/// the article starts no later than the discussion, warnings point into the input, and the
/// comment walk visits every node of the thread tree exactly once.
///
/// Returns the number of comments and replies the walk visited.
pub fn check_dump(input: &str, dump: &Dump<'_>) -> usize {
    check_span(input, dump.article.span, "article");
    if let Some(rating) = &dump.rating {
        check_span(input, rating.span, "rating");
    }
    if let Some(discussion) = &dump.discussion {
        check_span(input, discussion.span, "discussion");
        assert!(
            dump.article.span.start <= discussion.span.start,
            "article starts at {} after the discussion at {}",
            dump.article.span.start,
            discussion.span.start
        );
    }
    let starts = line_starts(input);
    for warning in &dump.warnings {
        assert!(warning.line >= 1 && warning.column >= 1, "warning at line 0 or column 0: {warning}");
        assert!(warning.offset <= input.len(), "warning offset {} past the end: {warning}", warning.offset);
        assert_eq!(
            warning.line,
            line_of(&starts, warning.offset),
            "warning line and offset disagree: {warning}"
        );
    }
    for visit in dump.comments() {
        let comment = visit.comment;
        let line = line_of(&starts, comment.span.start);
        assert_eq!(comment.line, line, "comment line {} starts at line {line}", comment.line);
    }
    check_walk(input, dump)
}

/// The offsets where the lines of `input` start (a line ends at `\n`, `\r\n` or a lone `\r`).
fn line_starts(input: &str) -> Vec<usize> {
    let bytes = input.as_bytes();
    let mut starts = vec![0];
    for (at, &byte) in bytes.iter().enumerate() {
        if byte == b'\n' || (byte == b'\r' && bytes.get(at + 1) != Some(&b'\n')) {
            starts.push(at + 1);
        }
    }
    starts
}

/// The 1-based number of the line holding byte `offset`.
fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&start| start <= offset)
}

/// Checks that [`Dump::comments`] visits each comment once, agrees with the tree, and keeps
/// every comment's span in bounds. Iterative, so a deep thread cannot overflow the stack here.
fn check_walk(input: &str, dump: &Dump<'_>) -> usize {
    let mut seen = HashSet::new();
    let mut visits = 0;
    for visit in dump.comments() {
        visits += 1;
        check_span(input, visit.comment.span, "comment");
        let address = visit.comment as *const _ as usize;
        assert!(seen.insert(address), "the walk visited the comment at line {} twice", visit.comment.line);
        // Every comment takes at least one line, so more visits than bytes means a loop.
        assert!(visits <= input.len(), "the walk visited more comments than the input has bytes");
    }
    // Count the tree independently of `Walk`.
    let mut stack: Vec<_> = dump.discussion.iter().flat_map(|d| d.comments.iter()).collect();
    let mut nodes = 0;
    while let Some(comment) = stack.pop() {
        nodes += 1;
        stack.extend(comment.replies.iter().map(|r| &r.comment));
    }
    assert_eq!(visits, nodes, "the walk and the tree disagree on the number of comments");
    visits
}

/// Checks a failed parse: the position is 1-based and inside the input.
pub fn check_error(input: &[u8], error: &Error) {
    assert!(error.line() >= 1 && error.column() >= 1, "error at line 0 or column 0: {error}");
    assert!(error.offset() <= input.len(), "error offset {} past the end: {error}", error.offset());
    if error.kind() == ErrorKind::InvalidUtf8 {
        assert!(std::str::from_utf8(input).is_err(), "valid UTF-8 reported as invalid: {error}");
    }
}

/// Checks the lenient contract: it fails only on invalid UTF-8 or blank input.
pub fn check_lenient_error(input: &[u8], error: &Error) {
    check_error(input, error);
    let blank = std::str::from_utf8(input)
        .is_ok_and(|text| text.strip_prefix('\u{feff}').unwrap_or(text).trim().is_empty());
    match error.kind() {
        ErrorKind::InvalidUtf8 => {}
        ErrorKind::Empty => assert!(blank, "non-blank input reported as empty: {error}"),
        ErrorKind::TooLarge => assert!(input.len() > article_dump::MAX_INPUT_LEN, "{error}"),
        _ => panic!("the lenient parser failed on a non-blank page: {error}"),
    }
}

/// Checks a strict-mode success: strict mode turns every warning into an error.
pub fn check_strict_dump(input: &str, dump: &Dump<'_>) -> usize {
    assert!(dump.warnings.is_empty(), "strict mode returned Ok with warnings: {}", dump.warnings[0]);
    check_dump(input, dump)
}

/// Checks the per-line annotation: one entry per line, numbered from 1, in order, each
/// span in bounds and equal to its text.
pub fn check_lines(input: &str, lines: &[LineInfo<'_>]) {
    let mut previous_end = 0;
    for (index, info) in lines.iter().enumerate() {
        assert_eq!(info.line, index + 1, "line numbers skip or repeat");
        check_span(input, info.span, "line");
        assert!(info.span.start >= previous_end, "line {} overlaps the line before", info.line);
        assert_eq!(&input[info.span.range()], info.text, "line {} text differs from its span", info.line);
        previous_end = info.span.end;
    }
}

fn check_span(input: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= input.len(),
        "{what} span {span:?} out of bounds (input is {} bytes)",
        input.len()
    );
    assert!(
        input.is_char_boundary(span.start) && input.is_char_boundary(span.end),
        "{what} span {span:?} splits a character"
    );
}

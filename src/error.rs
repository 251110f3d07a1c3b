//! Errors and warnings: values with a position and a message a person understands.

use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A parse failure: what went wrong, and where.
///
/// Displays as `message at line L column C` (1-based line, 1-based column in characters).
/// The struct is one pointer wide, so `Result<Dump, Error>` stays small.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorImpl>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct ErrorImpl {
    kind: ErrorKind,
    message: String,
    line: usize,
    column: usize,
    offset: usize,
}

/// The category of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is empty or holds only whitespace.
    Empty,
    /// The input is not valid UTF-8.
    InvalidUtf8,
    /// The input is 4 GiB or longer, more than the parser takes
    /// ([`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN)).
    TooLarge,
    /// Strict mode: the page breaks a rule that the lenient parser only warns about.
    Invalid(WarningKind),
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>, pos: Position) -> Self {
        Error(Box::new(ErrorImpl {
            kind,
            message: message.into(),
            line: pos.line,
            column: pos.column,
            offset: pos.offset,
        }))
    }

    pub(crate) fn from_warning(warning: Warning) -> Self {
        let pos = Position { line: warning.line, column: warning.column, offset: warning.offset };
        Error::new(ErrorKind::Invalid(warning.kind), warning.message, pos)
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The message without the position, e.g. `input is empty`.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// 1-based line of the failure.
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// 1-based column (in characters) of the failure.
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// Byte offset of the failure in the input.
    pub fn offset(&self) -> usize {
        self.0.offset
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.0.message, self.0.line, self.0.column)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("message", &self.0.message)
            .field("line", &self.0.line)
            .field("column", &self.0.column)
            .field("offset", &self.0.offset)
            .finish()
    }
}

impl std::error::Error for Error {}

/// Something the lenient parser met and could not place with confidence.
///
/// In strict mode ([`Parser::strict`](crate::Parser::strict)) the first one becomes an
/// [`Error`] instead.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Warning {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// A short lowercase message, e.g. `reply to "Bob" matches no earlier comment in its thread`.
    pub message: String,
    /// The category (not part of the JSON form).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub kind: WarningKind,
    /// Byte offset in the input (not part of the JSON form).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub offset: usize,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

/// The category of a [`Warning`] (and of a strict-mode [`Error`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[non_exhaustive]
pub enum WarningKind {
    /// A `Reply to NAME` names no earlier comment of its thread.
    UnmatchedReply,
    /// Numeric dates whose day-month order nothing on the page decides, or that disagree.
    AmbiguousDateOrder,
    /// A date line that is not a real date (`32-13-21 25:61`).
    InvalidDate,
    /// A rating widget that is malformed: average over 5, parts or title missing.
    BadRating,
    /// A comment with a date and no body.
    EmptyComment,
    /// A header part (`Reply to`, role badge) with no comment to belong to.
    StrayHeader,
    /// Replies nested deeper than the parser keeps; they were attached higher up.
    TooDeep,
    /// Text in the comment section that is neither chrome nor part of a comment.
    UnplacedText,
    /// Text after the comment section that is not chrome (only reported in strict mode).
    TrailingText,
    /// Anything else.
    #[default]
    Other,
}

impl WarningKind {
    /// A short stable name, e.g. `unmatched_reply`, for counting warnings by kind.
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::UnmatchedReply => "unmatched_reply",
            WarningKind::InvalidDate => "invalid_date",
            WarningKind::AmbiguousDateOrder => "ambiguous_date_order",
            WarningKind::BadRating => "bad_rating",
            WarningKind::EmptyComment => "empty_comment",
            WarningKind::StrayHeader => "stray_header",
            WarningKind::TooDeep => "too_deep",
            WarningKind::UnplacedText => "unplaced_text",
            WarningKind::TrailingText => "trailing_text",
            WarningKind::Other => "other",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A position in the input: 1-based line and column (characters), and byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

impl Position {
    /// The position of byte `offset` in `input`, counted only when needed (errors and
    /// warnings are rare, so nothing tracks positions on the hot path).
    pub fn of(input: &[u8], offset: usize) -> Self {
        let offset = offset.min(input.len());
        let before = &input[..offset];
        // A line ends at LF, CRLF or a lone CR.
        let mut line = 1;
        let mut line_start = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', before) {
            if before[i] == b'\r' && input.get(i + 1) == Some(&b'\n') {
                continue;
            }
            line += 1;
            line_start = i + 1;
        }
        // Columns count characters: every byte that does not continue a UTF-8 sequence. A
        // byte-order mark is not a character of the text.
        let bom = usize::from(line == 1 && before.starts_with("\u{feff}".as_bytes()));
        let column = before[line_start..].iter().filter(|&&b| (b as i8) >= -0x40).count() + 1 - bom;
        Position { line, column, offset }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn display_reads_message_at_line_column() {
        let e = Error::new(ErrorKind::Empty, "input is empty", Position { line: 3, column: 7, offset: 20 });
        assert_eq!(e.to_string(), "input is empty at line 3 column 7");
        assert_eq!((e.line(), e.column(), e.offset()), (3, 7, 20));
        assert_eq!(e.kind(), ErrorKind::Empty);
    }

    #[test]
    fn position_counts_lines_and_characters() {
        let text = "ab\nc\u{e9}d\nx".as_bytes();
        assert_eq!(Position::of(text, 0), Position { line: 1, column: 1, offset: 0 });
        assert_eq!(Position::of(text, 3), Position { line: 2, column: 1, offset: 3 });
        // "cé" is 3 bytes and 2 characters, so byte 6 ('d') is column 3.
        assert_eq!(Position::of(text, 6), Position { line: 2, column: 3, offset: 6 });
        assert_eq!(Position::of(text, 99).line, 3);
        let cr = b"a\r\nb\rc";
        assert_eq!(Position::of(cr, 3).line, 2);
        assert_eq!(Position::of(cr, 5), Position { line: 3, column: 1, offset: 5 });
    }
}

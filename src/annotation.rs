//! How each input line was read, for callers who want to audit a parse line by line.

use crate::model::Span;

/// One input line and the part of the page it was placed in, from
/// [`Parser::parse_annotated`](crate::Parser::parse_annotated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInfo<'a> {
    /// 1-based line number.
    pub line: usize,
    /// The line's bytes, line ending excluded.
    pub span: Span,
    /// The line's text, line ending excluded.
    pub text: &'a str,
    /// Where the line went.
    pub role: LineRole,
    /// For chrome lines, the wpDiscuz phrase key that matched (`wc_notify_of`,
    /// `header_text_plural`, ...), when there is one.
    pub phrase: Option<&'static str>,
}

/// The part of the page a line was placed in. Every non-blank line has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineRole {
    /// An empty or whitespace-only line.
    Blank,
    /// The article's title (`# Title`).
    Title,
    /// A line of an article paragraph.
    Article,
    /// The article's credit line (`Article::source`).
    Source,
    /// A line of the page furniture after the article's body (`Article::furniture`).
    Furniture,
    /// A line of the rating widget.
    Rating,
    /// Recognised page furniture: form labels, the `N Comments` header, sort buttons,
    /// `Load More Comments`, converter residue, the `wpDiscuz` / `Insert` footer, ...
    Chrome,
    /// A comment header line: avatar, author, role badge, `Reply to`, date, status.
    Header,
    /// A line of a comment's body.
    Body,
    /// A comment footer line: votes, `Reply` button, `Last edited`, `Read more`.
    Footer,
    /// Text in the comment section that belongs to no comment (`Discussion::other`).
    Other,
    /// Text after the comment section (`Dump::trailer`).
    Trailer,
}

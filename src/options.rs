//! The parser builder.

use chrono::NaiveDateTime;

use crate::error::Error;
use crate::model::Dump;
use crate::LineInfo;

/// Day-month order of numeric dates such as `05-06-21`.
///
/// By default the parser infers it from all dates of the page (a first field over 12 means
/// day first, a second field over 12 means month first); this overrides the inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateOrder {
    /// `d-m-y`, `d/m/Y`, `d.m.Y`: the day comes first.
    DayFirst,
    /// `m/d/Y`: the month comes first.
    MonthFirst,
}

/// A configured parser.
///
/// ```
/// use article_dump::{DateOrder, Parser};
///
/// let page = "Notify of\n\nAda\n05-06-21 17:27\n\nHello.\n";
/// let dump = Parser::new().date_order(DateOrder::MonthFirst).parse(page).unwrap();
/// let posted = dump.comments().next().unwrap().comment.posted.clone().unwrap();
/// assert_eq!(posted.at.unwrap().to_string(), "2021-05-06 17:27:00");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct Parser {
    pub(crate) strict: bool,
    pub(crate) date_order: Option<DateOrder>,
    pub(crate) now: Option<NaiveDateTime>,
}

impl Parser {
    /// A lenient parser with default options.
    pub fn new() -> Self {
        Parser::default()
    }

    /// In strict mode, whatever the lenient parser would only warn about (and text it would
    /// keep in `trailer` or `discussion.other`) is an [`Error`] at its line and column.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Fixes the day-month order of numeric dates instead of inferring it from the page.
    pub fn date_order(mut self, order: DateOrder) -> Self {
        self.date_order = Some(order);
        self
    }

    /// The reference time for relative dates (`2 years ago`): with it, their `posted.at` is
    /// filled in; without it, only `posted.ago` is.
    pub fn now(mut self, now: NaiveDateTime) -> Self {
        self.now = Some(now);
        self
    }

    /// Parses a page.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for empty or whitespace-only input,
    /// [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge) past
    /// [`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN) bytes; in strict mode, [`ErrorKind::Invalid`](crate::ErrorKind::Invalid) for the first problem
    /// found.
    pub fn parse<'a>(&self, input: &'a str) -> Result<Dump<'a>, Error> {
        crate::page::parse(self, input, None)
    }

    /// Parses a page given as bytes: checks UTF-8 first (an error names the first bad
    /// byte's line, column and offset), skips a UTF-8 byte-order mark.
    ///
    /// # Errors
    ///
    /// As [`Parser::parse`], plus [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8).
    pub fn parse_bytes<'a>(&self, input: &'a [u8]) -> Result<Dump<'a>, Error> {
        self.parse(crate::input::utf8(input)?)
    }

    /// Parses a page and also reports how every line was read: a [`LineInfo`] per line, in
    /// input order, blank lines included.
    ///
    /// ```
    /// use article_dump::{LineRole, Parser};
    ///
    /// let page = "Body.\n\n4.5 2 votes\nArticle Rating\n";
    /// let (dump, lines) = Parser::new().parse_annotated(page).unwrap();
    /// assert_eq!(dump.rating.unwrap().votes, 2);
    /// let roles: Vec<_> = lines.iter().map(|l| l.role).collect();
    /// assert_eq!(roles, [LineRole::Article, LineRole::Blank, LineRole::Rating, LineRole::Rating]);
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Parser::parse`].
    pub fn parse_annotated<'a>(&self, input: &'a str) -> Result<(Dump<'a>, Vec<LineInfo<'a>>), Error> {
        let mut lines = Vec::new();
        let dump = crate::page::parse(self, input, Some(&mut lines))?;
        Ok((dump, lines))
    }
}

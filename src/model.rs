//! The parsed page: the public data model of `SCHEMA.md`.
//!
//! Every text field borrows from the input (`Cow::Borrowed`) unless the caller asks for an
//! owned copy with [`Dump::into_owned`]. The serde form of these types is the JSON contract of
//! `SCHEMA.md`: field names and order must not change.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, DerefMut};

use chrono::NaiveDateTime;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::error::Warning;

/// A byte range of the input, `end` exclusive: `&input[span.start..span.end]` is the node's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The byte range, for slicing the input.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// The whole page: article, rating widget, comment section, what follows it, and warnings.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Dump<'a> {
    /// Everything before the comment section.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub article: Article<'a>,
    /// The article-rating widget, when the page shows one.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub rating: Option<Rating<'a>>,
    /// The comment section; `None` when the page has none.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub discussion: Option<Discussion<'a>>,
    /// Paragraphs after the comment section (site footer, archive lists), verbatim.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub trailer: Vec<Cow<'a, str>>,
    /// What the lenient parser met and could not place with confidence.
    pub warnings: Vec<Warning>,
}

impl<'a> Dump<'a> {
    /// An owned copy that no longer borrows from the input.
    pub fn into_owned(self) -> Dump<'static> {
        Dump {
            article: self.article.into_owned(),
            rating: self.rating.map(Rating::into_owned),
            discussion: self.discussion.map(Discussion::into_owned),
            trailer: owned_all(self.trailer),
            warnings: self.warnings,
        }
    }

    /// Every comment and reply, depth first in page order (see [`Discussion::walk`]);
    /// empty when the page has no comment section.
    pub fn comments(&self) -> Walk<'_, 'a> {
        match &self.discussion {
            Some(d) => d.walk(),
            None => Walk { stack: Vec::new() },
        }
    }
}

/// The article: title, body paragraphs, credit line, and the page furniture between the body
/// and the comment section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Article<'a> {
    /// The title, only when the dump marks one (a markdown `# ` heading before the body).
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub title: Option<Cow<'a, str>>,
    /// Body paragraphs in order (blank-line separated; a hard-wrapped paragraph keeps its
    /// line breaks).
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub paragraphs: Vec<Cow<'a, str>>,
    /// A trailing credit line such as `RT. com / ABC Flash Point News 2021.`.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub source: Option<Cow<'a, str>>,
    /// Bytes of the article in the input (furniture included).
    pub span: Span,
    /// Page furniture between the body and the comment section, paragraph by paragraph:
    /// tags and categories, share links, related and next/previous links, print buttons,
    /// from the first paragraph that opens with such a label (`Tags:`, `Related Posts`,
    /// `Next Post`, ...) on. Not repeated in `paragraphs`. (A field beyond the schema:
    /// JSON readers that do not know it lose nothing else.)
    #[cfg_attr(feature = "serde", serde(borrow, default))]
    pub furniture: Vec<Cow<'a, str>>,
}

impl Article<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> Article<'static> {
        Article {
            title: self.title.map(owned),
            paragraphs: owned_all(self.paragraphs),
            source: self.source.map(owned),
            span: self.span,
            furniture: owned_all(self.furniture),
        }
    }
}

/// The article-rating widget (`4.5 2 votes` / `Article Rating`).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Rating<'a> {
    /// Average, 0 to 5, at most one decimal.
    pub average: f64,
    /// Number of votes.
    pub votes: u64,
    /// The widget's title line (`Article Rating`, or its translation or a custom title).
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub title: Cow<'a, str>,
    /// Bytes of the widget in the input.
    pub span: Span,
}

impl Rating<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> Rating<'static> {
        Rating { average: self.average, votes: self.votes, title: owned(self.title), span: self.span }
    }
}

/// The comment section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Discussion<'a> {
    /// The number in the `N Comments` header (`1.2K` is 1200), when the page shows one.
    pub count: Option<u64>,
    /// True when a `Load More Comments` (or similar) marker says the page holds only part of
    /// the thread.
    pub more: bool,
    /// Top-level comments in page order, each with its replies nested.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub comments: Vec<Comment<'a>>,
    /// Text inside the comment section that is neither chrome nor part of a comment.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub other: Vec<Cow<'a, str>>,
    /// Bytes of the comment section in the input.
    pub span: Span,
}

impl Discussion<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> Discussion<'static> {
        Discussion {
            count: self.count,
            more: self.more,
            comments: self.comments.into_iter().map(Comment::into_owned).collect(),
            other: owned_all(self.other),
            span: self.span,
        }
    }
}

impl<'a> Discussion<'a> {
    /// Every comment and reply, depth first in page order: a reply comes right after its
    /// parent, as the page shows them.
    ///
    /// ```
    /// let page = "Notify of\n\nAda\n20-08-21 17:27\n\nFirst!\n\nBob\nReply to\u{a0} Ada\n20-08-21 17:29\n\nSecond.\n";
    /// let dump = article_dump::parse(page).unwrap();
    /// let seen: Vec<_> = dump
    ///     .comments()
    ///     .map(|v| (v.depth, v.comment.author.as_deref(), v.to))
    ///     .collect();
    /// assert_eq!(seen, [(0, Some("Ada"), None), (1, Some("Bob"), Some("Ada"))]);
    /// ```
    pub fn walk(&self) -> Walk<'_, 'a> {
        Walk { stack: self.comments.iter().rev().map(|c| Visit { depth: 0, comment: c, to: None }).collect() }
    }

    /// Number of comments and replies, all depths.
    pub fn total(&self) -> usize {
        self.walk().count()
    }
}

/// A top-level comment (and, through [`Reply`], every reply).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Comment<'a> {
    /// The commenter's display name; `None` when the dump lost it and nothing recovers it.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub author: Option<Cow<'a, str>>,
    /// The link on the author's name, when the dump kept it (markdown `[Name](url)`).
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub author_url: Option<Cow<'a, str>>,
    /// True when the name was not on an author line but recovered, e.g. from a later
    /// `Reply to NAME` that answers this comment.
    pub author_inferred: bool,
    /// A role badge shown with the name (`Admin`, `Editor`, `Author`, `Guest`, `Member`, or a
    /// translation).
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub role: Option<Cow<'a, str>>,
    /// When it was posted; `None` only when the dump shows no date for this comment.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub posted: Option<Posted<'a>>,
    /// The comment's paragraphs.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub body: Vec<Cow<'a, str>>,
    /// The vote number shown under the comment, when the dump has it.
    pub votes: Option<i64>,
    /// The text of a `Last edited ... by ...` line.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub edited: Option<Cow<'a, str>>,
    /// Direct replies, in page order.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub replies: Vec<Reply<'a>>,
    /// 1-based line number of the comment's first line.
    pub line: usize,
    /// Bytes of the whole comment in the input, its replies excluded.
    pub span: Span,
}

impl Comment<'_> {
    /// An owned copy, replies included.
    pub fn into_owned(self) -> Comment<'static> {
        Comment {
            author: self.author.map(owned),
            author_url: self.author_url.map(owned),
            author_inferred: self.author_inferred,
            role: self.role.map(owned),
            posted: self.posted.map(Posted::into_owned),
            body: owned_all(self.body),
            votes: self.votes,
            edited: self.edited.map(owned),
            replies: self.replies.into_iter().map(Reply::into_owned).collect(),
            line: self.line,
            span: self.span,
        }
    }
}

/// A reply: every field of a [`Comment`] (through `Deref`) plus the name it answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Reply<'a> {
    /// The name after `Reply to` (NBSP and spaces trimmed).
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub to: Cow<'a, str>,
    /// The reply's own fields.
    #[cfg_attr(feature = "serde", serde(flatten, borrow))]
    pub comment: Comment<'a>,
}

impl Reply<'_> {
    /// An owned copy, nested replies included.
    pub fn into_owned(self) -> Reply<'static> {
        Reply { to: owned(self.to), comment: self.comment.into_owned() }
    }
}

impl<'a> Deref for Reply<'a> {
    type Target = Comment<'a>;
    fn deref(&self) -> &Comment<'a> {
        &self.comment
    }
}

impl<'a> DerefMut for Reply<'a> {
    fn deref_mut(&mut self) -> &mut Comment<'a> {
        &mut self.comment
    }
}

/// When a comment was posted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Posted<'a> {
    /// The date exactly as shown: `20-08-21 17:27`, `2 years ago`, `2 Jahre zuvor`.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub text: Cow<'a, str>,
    /// Local date-time, when the text is absolute, or relative and the caller gave
    /// [`Parser::now`](crate::Parser::now).
    pub at: Option<NaiveDateTime>,
    /// How long ago, for relative texts; `None` for absolute ones.
    pub ago: Option<Ago>,
}

impl Posted<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> Posted<'static> {
        Posted { text: owned(self.text), at: self.at, ago: self.ago }
    }
}

/// A relative age in calendar units, as a page prints it (`3 months 11 days ago`).
///
/// Displays and serializes as an ISO 8601 duration: `P3M11D`, `PT5M`, `PT0S` for "right now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ago {
    /// Years.
    pub years: u32,
    /// Months.
    pub months: u32,
    /// Weeks (no wpDiscuz version prints them; some cousins do).
    pub weeks: u32,
    /// Days.
    pub days: u32,
    /// Hours.
    pub hours: u32,
    /// Minutes.
    pub minutes: u32,
    /// Seconds.
    pub seconds: u32,
}

impl Ago {
    /// The point in time this long before `now`, in calendar arithmetic; `None` if out of range.
    pub fn before(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        use chrono::{Days, Duration, Months};
        let months = self.years.checked_mul(12)?.checked_add(self.months)?;
        let days = u64::from(self.weeks) * 7 + u64::from(self.days);
        let time = Duration::try_hours(i64::from(self.hours))?
            + Duration::try_minutes(i64::from(self.minutes))?
            + Duration::try_seconds(i64::from(self.seconds))?;
        now.checked_sub_months(Months::new(months))?
            .checked_sub_days(Days::new(days))?
            .checked_sub_signed(time)
    }
}

impl fmt::Display for Ago {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        for (n, unit) in [(self.years, 'Y'), (self.months, 'M'), (self.weeks, 'W'), (self.days, 'D')] {
            if n > 0 {
                write!(f, "{n}{unit}")?;
            }
        }
        let time = [(self.hours, 'H'), (self.minutes, 'M'), (self.seconds, 'S')];
        let date_empty = self.years == 0 && self.months == 0 && self.weeks == 0 && self.days == 0;
        if time.iter().any(|(n, _)| *n > 0) {
            f.write_str("T")?;
            for (n, unit) in time {
                if n > 0 {
                    write!(f, "{n}{unit}")?;
                }
            }
        } else if date_empty {
            f.write_str("T0S")?;
        }
        Ok(())
    }
}

/// The error of parsing an ISO 8601 duration into an [`Ago`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid ISO 8601 duration {0:?}")]
pub struct AgoParseError(String);

impl std::str::FromStr for Ago {
    type Err = AgoParseError;

    /// Parses the forms [`Ago`] displays: `P2Y`, `P3M11D`, `PT5M`, `P1DT2H`, `PT0S`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || AgoParseError(s.to_owned());
        let rest = s.strip_prefix('P').ok_or_else(bad)?;
        let mut ago = Ago::default();
        let mut in_time = false;
        let mut number: Option<u32> = None;
        let mut any = false;
        for c in rest.chars() {
            match c {
                '0'..='9' => {
                    let digit = c.to_digit(10).unwrap_or(0);
                    number = Some(
                        number
                            .unwrap_or(0)
                            .checked_mul(10)
                            .and_then(|n| n.checked_add(digit))
                            .ok_or_else(bad)?,
                    );
                }
                'T' if !in_time && number.is_none() => in_time = true,
                _ => {
                    let n = number.take().ok_or_else(bad)?;
                    let field = match (in_time, c) {
                        (false, 'Y') => &mut ago.years,
                        (false, 'M') => &mut ago.months,
                        (false, 'W') => &mut ago.weeks,
                        (false, 'D') => &mut ago.days,
                        (true, 'H') => &mut ago.hours,
                        (true, 'M') => &mut ago.minutes,
                        (true, 'S') => &mut ago.seconds,
                        _ => return Err(bad()),
                    };
                    *field = n;
                    any = true;
                }
            }
        }
        if number.is_some() || !any {
            return Err(bad());
        }
        Ok(ago)
    }
}

#[cfg(feature = "serde")]
impl Serialize for Ago {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Ago {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One step of [`Discussion::walk`].
#[derive(Debug, Clone, Copy)]
pub struct Visit<'d, 'a> {
    /// 0 for a top-level comment, 1 for a reply to it, and so on.
    pub depth: usize,
    /// The comment or reply.
    pub comment: &'d Comment<'a>,
    /// For a reply, the name it answers.
    pub to: Option<&'d str>,
}

/// Depth-first iterator over a thread, from [`Discussion::walk`] or [`Dump::comments`].
#[derive(Debug, Clone)]
pub struct Walk<'d, 'a> {
    stack: Vec<Visit<'d, 'a>>,
}

impl<'d, 'a> Iterator for Walk<'d, 'a> {
    type Item = Visit<'d, 'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let visit = self.stack.pop()?;
        let depth = visit.depth + 1;
        self.stack.extend(visit.comment.replies.iter().rev().map(|r| Visit {
            depth,
            comment: &r.comment,
            to: Some(&r.to),
        }));
        Some(visit)
    }
}

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

fn owned_all(texts: Vec<Cow<'_, str>>) -> Vec<Cow<'static, str>> {
    texts.into_iter().map(owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ago_displays_iso_8601() {
        let ago = |years, months, days, hours, minutes, seconds| Ago {
            years,
            months,
            weeks: 0,
            days,
            hours,
            minutes,
            seconds,
        };
        assert_eq!(ago(2, 0, 0, 0, 0, 0).to_string(), "P2Y");
        assert_eq!(ago(0, 3, 11, 0, 0, 0).to_string(), "P3M11D");
        assert_eq!(ago(0, 0, 0, 0, 5, 0).to_string(), "PT5M");
        assert_eq!(ago(1, 0, 0, 23, 0, 0).to_string(), "P1YT23H");
        assert_eq!(Ago::default().to_string(), "PT0S");
    }

    #[test]
    fn ago_parses_what_it_displays() {
        for text in ["P2Y", "P3M11D", "PT5M", "P1YT23H", "PT0S", "P2W", "P1DT2H3M4S"] {
            let ago: Ago = text.parse().unwrap();
            assert_eq!(ago.to_string(), text);
        }
        for bad in ["", "P", "2Y", "PT", "P2", "PY", "P2H", "PT2D", "P99999999999Y"] {
            assert!(bad.parse::<Ago>().is_err(), "{bad}");
        }
    }

    #[test]
    fn ago_before_uses_calendar_units() {
        let now = chrono::NaiveDate::from_ymd_opt(2024, 3, 31).unwrap().and_hms_opt(12, 0, 0).unwrap();
        let ago = Ago { months: 1, days: 1, hours: 2, ..Ago::default() };
        let at = ago.before(now).unwrap();
        assert_eq!(at.to_string(), "2024-02-28 10:00:00");
        assert!(Ago { years: u32::MAX, ..Ago::default() }.before(now).is_none());
    }

    #[test]
    fn span_slices() {
        let s = Span::new(2, 5);
        assert_eq!(&"abcdefg"[s.range()], "cde");
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
    }
}

//! Parse plain-text dumps of web articles and their comment sections into typed threads.
//!
//! Web crawls save pages as text: the article, then whatever the page's comment section
//! became once the HTML was stripped. Most such sections come from the WordPress plugin
//! wpDiscuz. This crate turns that text into an [`Article`], its [`Rating`] widget, and a
//! [`Discussion`] of [`Comment`]s with nested [`Reply`]s: who wrote what, when, in answer
//! to whom, and where the article ends. Text borrows from the input; nothing is dropped
//! silently (what cannot be placed is kept and reported as a [`Warning`]).
//!
//! ```
//! let page = "\
//! The article's only paragraph.
//!
//! 4.5 2 votes
//! Article Rating
//! Notify of
//!
//! Frank
//! 20-08-21 17:27
//!
//! First comment.
//!
//! 20-08-21 17:28
//!
//! A comment whose author line the crawler lost.
//!
//! Reply to\u{a0} EarthBot
//! 20-08-21 17:29
//!
//! An answer to it.
//! ";
//! let dump = article_dump::parse(page)?;
//! assert_eq!(dump.article.paragraphs, ["The article's only paragraph."]);
//! assert_eq!(dump.rating.as_ref().map(|r| (r.average, r.votes)), Some((4.5, 2)));
//!
//! let thread = dump.discussion.as_ref().unwrap();
//! assert_eq!(thread.comments.len(), 2);
//! assert_eq!(thread.comments[0].author.as_deref(), Some("Frank"));
//! // The second comment's author is recovered from the reply that answers it.
//! let second = &thread.comments[1];
//! assert_eq!(second.author.as_deref(), Some("EarthBot"));
//! assert!(second.author_inferred);
//! assert_eq!(second.replies[0].to, "EarthBot");
//! assert_eq!(second.replies[0].body, ["An answer to it."]);
//! let at = second.replies[0].posted.as_ref().unwrap().at.unwrap();
//! assert_eq!(at.to_string(), "2021-08-20 17:29:00");
//! # Ok::<(), article_dump::Error>(())
//! ```
//!
//! [`parse`] is the lenient parser with default options; [`Parser`] sets strict mode, the
//! day-month order of numeric dates and the reference time for relative dates. With the
//! `serde` feature (on by default) every type serializes to the JSON shape documented in
//! the README.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod annotation;
mod double_array;
mod error;
mod hash;
mod input;
mod lines;
mod model;
mod options;
mod page;
mod phrases;
mod spare;
#[cfg(test)]
mod test_pages;

pub use crate::annotation::{LineInfo, LineRole};
pub use crate::error::{Error, ErrorKind, Warning, WarningKind};
pub use crate::input::MAX_INPUT_LEN;
pub use crate::model::{
    Ago, AgoParseError, Article, Comment, Discussion, Dump, Posted, Rating, Reply, Span, Visit, Walk,
};
pub use crate::options::{DateOrder, Parser};

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// Parses a page leniently, with default options.
///
/// # Errors
///
/// [`ErrorKind::Empty`], or [`ErrorKind::TooLarge`] for an input longer than
/// [`MAX_INPUT_LEN`] (4 GiB): otherwise a lenient parse accepts every non-blank text and
/// reports what it could not place as [`Dump::warnings`].
pub fn parse(input: &str) -> Result<Dump<'_>, Error> {
    Parser::new().parse(input)
}

/// Parses a page given as bytes leniently: validates UTF-8 and skips a byte-order mark.
///
/// # Errors
///
/// [`ErrorKind::InvalidUtf8`] (with the first bad byte's line, column and offset),
/// [`ErrorKind::Empty`] or [`ErrorKind::TooLarge`].
pub fn parse_bytes(input: &[u8]) -> Result<Dump<'_>, Error> {
    Parser::new().parse_bytes(input)
}

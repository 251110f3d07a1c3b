//! Strict mode and input edges.
//!
//! Strict mode (`Parser::strict(true)`) turns whatever the lenient parser would only warn
//! about (and text it would keep in `trailer` or `discussion.other`) into an `Error` at its
//! line and column. The table below holds small bad pages, each with the exact error
//! strict mode must give (`message at line L column C`), its kind, and what the lenient
//! parse of the same page must show instead (the same warning, or the text in the trailer
//! or in `discussion.other`).
//!
//! Positions: lines end at LF, CRLF or a lone CR; columns count characters (not bytes) and
//! start after a UTF-8 byte-order mark (the BOM is not part of the text); offsets are byte
//! offsets into the input as given (BOM included).
//!
//! The second half covers the input edges: `parse_bytes` on invalid UTF-8, empty and
//! whitespace-only input, line ends, the BOM, and pages that strict mode must accept.

use article_dump::{DateOrder, Dump, Error, ErrorKind, Parser, WarningKind};

// ---------------------------------------------------------------------------------------------
// Pages.

/// The valid base page, in the reference page's shape. Line numbers, for the table:
const BASE: [&str; 22] = [
    "The article's first paragraph.",  // 1
    "",                                // 2
    "The article's second paragraph.", // 3
    "",                                // 4
    "4.5 2 votes",                     // 5  rating widget
    "Article Rating",                  // 6  its title
    "Notify of",                       // 7
    "",                                // 8
    "Frank",                           // 9  first comment: author
    "20-08-21 17:27",                  // 10 date (20 > 12: the page's dates are day first)
    "",                                // 11
    "First comment.",                  // 12 body
    "",                                // 13
    "Reply to\u{a0} Frank",            // 14 a reply to Frank (author line lost)
    "20-08-21 17:28",                  // 15 its date
    "",                                // 16
    "An answer to Frank.",             // 17 its body
    "",                                // 18
    "Anna",                            // 19 second comment: author
    "20-08-21 17:30",                  // 20 date
    "",                                // 21
    "Second comment.",                 // 22 body
];

/// A page as lines, rendered with a line end (and optionally a BOM).
#[derive(Clone)]
struct Page {
    lines: Vec<String>,
    eol: &'static str,
    bom: bool,
}

impl Page {
    fn base() -> Self {
        Page::of(&BASE)
    }

    fn of(lines: &[&str]) -> Self {
        Page { lines: lines.iter().map(|l| l.to_string()).collect(), eol: "\n", bom: false }
    }

    /// Replaces line `n` (1-based).
    fn set(mut self, n: usize, text: &str) -> Self {
        self.lines[n - 1] = text.to_string();
        self
    }

    /// Inserts `lines` so that the first becomes line `n`.
    fn insert(mut self, n: usize, lines: &[&str]) -> Self {
        let tail = self.lines.split_off(n - 1);
        self.lines.extend(lines.iter().map(|l| l.to_string()));
        self.lines.extend(tail);
        self
    }

    /// Appends lines after the last one.
    fn append(self, lines: &[&str]) -> Self {
        let n = self.lines.len() + 1;
        self.insert(n, lines)
    }

    /// Removes line `n`; the lines after it move up by one.
    fn remove(mut self, n: usize) -> Self {
        self.lines.remove(n - 1);
        self
    }

    /// Keeps lines 1..=n.
    fn truncate(mut self, n: usize) -> Self {
        self.lines.truncate(n);
        self
    }

    fn crlf(mut self) -> Self {
        self.eol = "\r\n";
        self
    }

    fn cr(mut self) -> Self {
        self.eol = "\r";
        self
    }

    fn bom(mut self) -> Self {
        self.bom = true;
        self
    }

    fn render(&self) -> String {
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        for line in &self.lines {
            out.push_str(line);
            out.push_str(self.eol);
        }
        out
    }
}

/// The base page with the last comment closed by its vote count and `Reply` button, so
/// that what follows is after the thread: lines 23-25 are blank, `0`, `Reply`.
fn with_footer() -> Page {
    Page::base().append(&["", "0", "Reply"])
}

/// A comment form with a site's consent notice (line 5 of it), as inserted before a
/// comment's author line.
const CONSENT_FORM: [&str; 8] = [
    "Name*",
    "Email*",
    "Website",
    "",
    "By posting a comment you agree that your name and comment are stored and shown under this article.",
    "",
    "\u{394}",
    "",
];

/// A reply chain `depth` comments deep under one top-level comment (`User0`), then the
/// number of the line of the first reply deeper than the parser keeps (48 levels).
fn deep_thread(depth: usize) -> (Page, usize) {
    let mut lines: Vec<String> = vec!["An article.".into(), "".into(), "Notify of".into(), "".into()];
    let mut too_deep = 0;
    for k in 0..depth {
        lines.push(format!("User{k}"));
        if k > 0 {
            if k == 49 {
                too_deep = lines.len() + 1;
            }
            lines.push(format!("Reply to\u{a0} User{}", k - 1));
        }
        lines.push("20-08-21 17:27".into());
        lines.push("".into());
        lines.push(format!("Comment number {k}."));
        lines.push("".into());
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    (Page::of(&refs), too_deep)
}

// ---------------------------------------------------------------------------------------------
// The table.

/// Where the lenient parse keeps the problem that strict mode reports.
#[derive(Debug, Clone, Copy)]
enum Lenient {
    /// A warning with the same message, kind, line, column and offset.
    Warned,
    /// A trailer paragraph starting with this text (kind `TrailingText`).
    Trailer(&'static str),
    /// A `discussion.other` paragraph starting with this text (kind `UnplacedText`).
    Other(&'static str),
}

struct Case {
    /// What the page tests.
    name: &'static str,
    page: String,
    /// The strict-mode error as displayed.
    error: String,
    kind: WarningKind,
    lenient: Lenient,
}

fn case(
    name: &'static str,
    page: Page,
    error: impl Into<String>,
    kind: WarningKind,
    lenient: Lenient,
) -> Case {
    Case { name, page: page.render(), error: error.into(), kind, lenient }
}

use Lenient::{Other, Trailer, Warned};
use WarningKind::{
    AmbiguousDateOrder, BadRating, EmptyComment, InvalidDate, StrayHeader, TooDeep, TrailingText,
    UnmatchedReply, UnplacedText,
};

fn cases() -> Vec<Case> {
    let (deep, too_deep_line) = deep_thread(50);
    vec![
        // --- replies whose `Reply to` name matches nothing -------------------------------------
        case(
            "unmatched reply name in a thread",
            Page::base().set(14, "Reply to\u{a0} Nobody"),
            "reply to \"Nobody\" matches no earlier comment in its thread at line 14 column 1",
            UnmatchedReply,
            Warned,
        ),
        case(
            "reply to the author of an earlier thread (a new top-level comment started since)",
            Page::base().append(&["", "Reply to\u{a0} Frank", "20-08-21 17:31", "", "A late answer."]),
            "reply to \"Frank\" matches no earlier comment in its thread at line 24 column 1",
            UnmatchedReply,
            Warned,
        ),
        case(
            "the first comment is a reply: no comment before it",
            Page::base().set(9, "Reply to\u{a0} Ghost"),
            "reply to \"Ghost\" has no comment before it at line 9 column 1",
            UnmatchedReply,
            Warned,
        ),
        case(
            "unmatched reply marker indented with NBSPs: the column counts characters, not bytes",
            Page::base().set(14, "\u{a0}\u{a0}Reply to\u{a0} Nobody"),
            "reply to \"Nobody\" matches no earlier comment in its thread at line 14 column 3",
            UnmatchedReply,
            Warned,
        ),
        // --- date lines that are not real dates ------------------------------------------------
        case(
            "month 13",
            Page::base().set(15, "20-13-21 17:28"),
            "date \"20-13-21 17:28\" is not a real date: month 13 is out of range at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "day 32",
            Page::base().set(15, "32-08-21 17:28"),
            "date \"32-08-21 17:28\" is not a real date: day 32 is out of range at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "February 30",
            Page::base().set(15, "30-02-21 17:28"),
            "date \"30-02-21 17:28\" is not a real date: February 30 does not exist at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "February 29 of a common year",
            Page::base().set(15, "29-02-21 17:28"),
            "date \"29-02-21 17:28\" is not a real date: February 29, 2021 does not exist at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "second 61",
            Page::base().set(15, "20-08-21 17:28:61"),
            "date \"20-08-21 17:28:61\" is not a real date: second 61 is out of range at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "hour 25",
            Page::base().set(15, "20-08-21 25:28"),
            "date \"20-08-21 25:28\" is not a real date: hour 25 is out of range at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "minute 61",
            Page::base().set(15, "20-08-21 17:61"),
            "date \"20-08-21 17:61\" is not a real date: minute 61 is out of range at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "hour 13 pm on a 12-hour clock",
            Page::base().set(15, "20-08-21 13:28 pm"),
            "date \"20-08-21 13:28 pm\" is not a real date: hour 13 is out of range for a 12-hour clock \
             at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "the issue's example, every field wrong: the first (month) is reported",
            Page::base().set(15, "32-13-21 25:61"),
            "date \"32-13-21 25:61\" is not a real date: month 13 is out of range at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "a date with a month name, day 32",
            Page::base().set(20, "August 32, 2021 5:30 pm"),
            "date \"August 32, 2021 5:30 pm\" is not a real date: day 32 is out of range at line 20 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "bad date indented with NBSP and an ideographic space: column 3",
            Page::base().set(15, "\u{a0}\u{3000}20-13-21 17:28"),
            "date \"20-13-21 17:28\" is not a real date: month 13 is out of range at line 15 column 3",
            InvalidDate,
            Warned,
        ),
        case(
            "bad date after `Reply to NAME` on one line (layout 3): the column is the date's, \
             counted in characters (the name has an ë)",
            Page::base().set(9, "Zoë").set(14, "Reply to\u{a0} Zoë 20-13-21 17:28").set(15, ""),
            "date \"20-13-21 17:28\" is not a real date: month 13 is out of range at line 14 column 15",
            InvalidDate,
            Warned,
        ),
        // --- day-month order ------------------------------------------------------------------
        case(
            "every numeric date fits both orders: ambiguous, reported at the first date",
            Page::base().set(10, "05-06-21 17:27").set(15, "05-06-21 17:28").set(20, "06-06-21 17:30"),
            "day-month order of numeric dates is ambiguous; read as day first at line 10 column 1",
            AmbiguousDateOrder,
            Warned,
        ),
        case(
            "a month-first date on a day-first page: reported at the date that disagrees, \
             not at the first (valid) date of the page",
            Page::base().set(15, "08-13-21 17:28"),
            "numeric dates disagree on day-month order; read as day first at line 15 column 1",
            AmbiguousDateOrder,
            Warned,
        ),
        // --- rating widget --------------------------------------------------------------------
        case(
            "rating average over 5",
            Page::base().set(5, "5.5 2 votes"),
            "rating average 5.5 is over 5 at line 5 column 1",
            BadRating,
            Warned,
        ),
        case(
            "split rating widget (average / votes / word on three lines) over 5",
            Page::base().set(5, "6.5").insert(6, &["2", "votes"]),
            "rating average 6.5 is over 5 at line 5 column 1",
            BadRating,
            Warned,
        ),
        case(
            "rating widget without title at the very end of the page",
            Page::base().truncate(5),
            "rating widget has no title at line 5 column 1",
            BadRating,
            Warned,
        ),
        case(
            "rating widget without title, followed directly by chrome",
            Page::base().remove(6),
            "rating widget has no title at line 5 column 1",
            BadRating,
            Warned,
        ),
        case(
            "split rating widget without title: reported at its last part, where the title should follow",
            Page::base().set(5, "4.5").set(6, "2").insert(7, &["votes"]),
            "rating widget has no title at line 7 column 1",
            BadRating,
            Warned,
        ),
        // --- comments with a date and no body -------------------------------------------------
        case(
            "comment with a date and no body, in the middle",
            Page::base().set(12, ""),
            "comment has a date and no body at line 10 column 1",
            EmptyComment,
            Warned,
        ),
        case(
            "reply with a date and no body",
            Page::base().set(17, ""),
            "comment has a date and no body at line 15 column 1",
            EmptyComment,
            Warned,
        ),
        case(
            "last comment with a date and no body: the page ends after the date",
            Page::base().truncate(20),
            "comment has a date and no body at line 20 column 1",
            EmptyComment,
            Warned,
        ),
        // --- text outside any comment ---------------------------------------------------------
        case(
            "site footer after the thread",
            with_footer().append(&["", "\u{a9} 2024 Harbour Times. All rights reserved.", "", "wpDiscuz", "Insert"]),
            "text after the comment section: \"\u{a9} 2024 Harbour Times. All rights reserve...\" at line 27 column 1",
            TrailingText,
            Trailer("\u{a9} 2024 Harbour Times."),
        ),
        case(
            "recent-posts list after the thread",
            with_footer().append(&[
                "",
                "Recent Posts",
                "",
                "How to Store Winter Squash",
                "Anna Berg",
                "March 3, 2024",
                "",
                "wpDiscuz",
                "Insert",
            ]),
            "text after the comment section: \"Recent Posts\" at line 27 column 1",
            TrailingText,
            Trailer("Recent Posts"),
        ),
        case(
            "consent notice in the comment form, before the first comment",
            Page::base().insert(9, &CONSENT_FORM),
            "text in the comment section belongs to no comment: \"By posting a comment you agree that your...\" at line 13 column 1",
            UnplacedText,
            Other("By posting a comment you agree"),
        ),
        case(
            "a paragraph directly above a comment's author line (no form around it)",
            Page::base().insert(9, &["By posting a comment you agree to our privacy policy.", ""]),
            "text in the comment section belongs to no comment: \"By posting a comment you agree to our pr...\" at line 9 column 1",
            UnplacedText,
            Other("By posting a comment you agree"),
        ),
        case(
            "a paragraph between a comment's Reply button and the next comment",
            Page::base().insert(18, &["", "0", "Reply", "", "An orphan paragraph between two comments.", ""]),
            "text in the comment section belongs to no comment: \"An orphan paragraph between two comments...\" at line 22 column 1",
            UnplacedText,
            Other("An orphan paragraph"),
        ),
        case(
            "a `Reply to` header at the end of the section with no date, no body: no comment to belong to",
            with_footer().append(&["", "Reply to\u{a0} Anna", "", "wpDiscuz", "Insert"]),
            "reply to \"Anna\" has no comment to belong to at line 27 column 1",
            StrayHeader,
            Warned,
        ),
        // --- too deep -------------------------------------------------------------------------
        case(
            "reply 49 levels deep",
            deep,
            format!("reply nested deeper than 48 levels; attached at level 48 at line {too_deep_line} column 1"),
            TooDeep,
            Warned,
        ),
        // --- line ends, BOM -------------------------------------------------------------------
        case(
            "CRLF page, unmatched reply",
            Page::base().crlf().set(14, "Reply to\u{a0} Nobody"),
            "reply to \"Nobody\" matches no earlier comment in its thread at line 14 column 1",
            UnmatchedReply,
            Warned,
        ),
        case(
            "CRLF page, site footer after the thread",
            with_footer().crlf().append(&["", "\u{a9} 2024 Harbour Times. All rights reserved."]),
            "text after the comment section: \"\u{a9} 2024 Harbour Times. All rights reserve...\" at line 27 column 1",
            TrailingText,
            Trailer("\u{a9} 2024 Harbour Times."),
        ),
        case(
            "CRLF page, rating widget without title at the end",
            Page::base().crlf().truncate(5),
            "rating widget has no title at line 5 column 1",
            BadRating,
            Warned,
        ),
        case(
            "lone-CR page, bad date",
            Page::base().cr().set(15, "20-08-21 25:28"),
            "date \"20-08-21 25:28\" is not a real date: hour 25 is out of range at line 15 column 1",
            InvalidDate,
            Warned,
        ),
        case(
            "lone-CR page, last comment with no body",
            Page::base().cr().truncate(20),
            "comment has a date and no body at line 20 column 1",
            EmptyComment,
            Warned,
        ),
        case(
            "lone-CR page, consent notice in the form",
            Page::base().cr().insert(9, &CONSENT_FORM),
            "text in the comment section belongs to no comment: \"By posting a comment you agree that your...\" at line 13 column 1",
            UnplacedText,
            Other("By posting a comment you agree"),
        ),
        case(
            "BOM page, problem on line 1: columns start after the BOM",
            Page::base().bom().set(5, "5.5 2 votes").truncate(12).remove(1).remove(1).remove(1).remove(1),
            "rating average 5.5 is over 5 at line 1 column 1",
            BadRating,
            Warned,
        ),
        case(
            "BOM page, NBSP before the problem on line 1",
            Page::base().bom().set(5, "\u{a0}5.5 2 votes").truncate(12).remove(1).remove(1).remove(1).remove(1),
            "rating average 5.5 is over 5 at line 1 column 2",
            BadRating,
            Warned,
        ),
        case(
            "BOM page, problem further down: line numbers unchanged",
            Page::base().bom().set(14, "Reply to\u{a0} Nobody"),
            "reply to \"Nobody\" matches no earlier comment in its thread at line 14 column 1",
            UnmatchedReply,
            Warned,
        ),
        // --- earliest problem wins ------------------------------------------------------------
        case(
            "several problems: the unmatched reply (line 14, found last, by the thread stage) comes \
             before the bodiless comment (line 20, found first), the bad date and the footer",
            with_footer()
                .set(14, "Reply to\u{a0} Nobody")
                .set(15, "20-08-21 17:61")
                .set(22, "")
                .append(&["", "\u{a9} 2024 Harbour Times."]),
            "reply to \"Nobody\" matches no earlier comment in its thread at line 14 column 1",
            UnmatchedReply,
            Warned,
        ),
        case(
            "the rating widget's missing title (line 5) comes before unplaced text (line 8) and a bad date",
            Page::base()
                .set(6, "")
                .insert(8, &["By posting a comment you agree to our privacy policy.", ""])
                .set(16, "20-13-21 17:28"),
            "rating widget has no title at line 5 column 1",
            BadRating,
            Warned,
        ),
        case(
            "unplaced text (line 13) comes before a bad date and a footer",
            with_footer()
                .set(15, "20-13-21 17:28")
                .append(&["", "\u{a9} 2024 Harbour Times."])
                .insert(9, &CONSENT_FORM),
            "text in the comment section belongs to no comment: \"By posting a comment you agree that your...\" at line 13 column 1",
            UnplacedText,
            Other("By posting a comment you agree"),
        ),
        case(
            "ambiguous day-month order (found last, at line 10) comes before an unmatched reply (line 14)",
            Page::base()
                .set(10, "05-06-21 17:27")
                .set(14, "Reply to\u{a0} Nobody")
                .set(15, "05-06-21 17:28")
                .set(20, "06-06-21 17:30"),
            "day-month order of numeric dates is ambiguous; read as day first at line 10 column 1",
            AmbiguousDateOrder,
            Warned,
        ),
        case(
            "two problems on one line: the unmatched name (column 1) before the bad date (column 18)",
            Page::base().set(14, "Reply to\u{a0} Nobody 20-13-21 17:28").set(15, ""),
            "reply to \"Nobody\" matches no earlier comment in its thread at line 14 column 1",
            UnmatchedReply,
            Warned,
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Checks.

/// Line and column of byte `offset`, computed independently of the crate: lines end at LF,
/// CRLF or a lone CR; columns count characters after a leading BOM.
fn line_column(input: &str, offset: usize) -> (usize, usize) {
    let start = if input.starts_with('\u{feff}') { 3 } else { 0 };
    let (mut line, mut column) = (1, 1);
    let mut chars = input[start..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                column = 1;
            }
            _ => column += 1,
        }
    }
    (line, column)
}

/// A short account of a lenient parse, for failure messages.
fn lenient_summary(dump: &Dump<'_>) -> String {
    let mut out = String::new();
    for w in &dump.warnings {
        out += &format!("\n  warning {:?}: {w}", w.kind);
    }
    for t in &dump.trailer {
        out += &format!("\n  trailer: {t:?}");
    }
    if let Some(d) = &dump.discussion {
        for o in &d.other {
            out += &format!("\n  other: {o:?}");
        }
    }
    out
}

/// Runs one row; returns a description of what went wrong, if anything.
fn check(case: &Case) -> Result<(), String> {
    let input = case.page.as_str();
    let lenient = Parser::new().parse(input).map_err(|e| format!("lenient parse failed: {e}"))?;
    let seen = lenient_summary(&lenient);
    let strict = Parser::new().strict(true);
    let err = match strict.parse(input) {
        Ok(_) => return Err(format!("strict parse succeeded, expected `{}`; lenient:{seen}", case.error)),
        Err(e) => e,
    };
    if err.to_string() != case.error {
        return Err(format!("expected `{}`\n  got      `{err}`\n  lenient:{seen}", case.error));
    }
    if err.kind() != ErrorKind::Invalid(case.kind) {
        return Err(format!("expected kind {:?}, got {:?}", ErrorKind::Invalid(case.kind), err.kind()));
    }
    // The offset agrees with the line and column.
    if line_column(input, err.offset()) != (err.line(), err.column()) {
        return Err(format!(
            "offset {} is line/column {:?}, but the error says {:?}",
            err.offset(),
            line_column(input, err.offset()),
            (err.line(), err.column())
        ));
    }
    // `parse_bytes` and `parse_annotated` report the same error.
    let same = |other: Result<(), Error>, how: &str| match other {
        Err(e) if e == err => Ok(()),
        Err(e) => Err(format!("{how} gives `{e}` ({:?}), parse gives `{err}`", e.kind())),
        Ok(()) => Err(format!("{how} succeeds, parse gives `{err}`")),
    };
    same(strict.parse_bytes(input.as_bytes()).map(drop), "parse_bytes")?;
    same(strict.parse_annotated(input).map(drop), "parse_annotated")?;
    // The lenient parse keeps the problem.
    let rest = &input[err.offset()..];
    match case.lenient {
        Warned => {
            let found = lenient.warnings.iter().any(|w| {
                w.message == err.message()
                    && (w.line, w.column, w.offset) == (err.line(), err.column(), err.offset())
                    && w.kind == case.kind
            });
            if !found {
                return Err(format!("no lenient warning equal to the error; lenient:{seen}"));
            }
        }
        Trailer(start) => {
            if !lenient.trailer.iter().any(|t| t.starts_with(start)) {
                return Err(format!("no trailer paragraph starting with {start:?}; lenient:{seen}"));
            }
            if !rest.starts_with(start) {
                return Err(format!(
                    "the error points at {:?}, not at the trailer",
                    &rest[..rest.len().min(30)]
                ));
            }
        }
        Other(start) => {
            let other = lenient.discussion.as_ref().map_or(&[][..], |d| &d.other[..]);
            if !other.iter().any(|t| t.starts_with(start)) {
                return Err(format!("no discussion.other paragraph starting with {start:?}; lenient:{seen}"));
            }
            if !rest.starts_with(start) {
                return Err(format!(
                    "the error points at {:?}, not at the text",
                    &rest[..rest.len().min(30)]
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn strict_table() {
    let cases = cases();
    assert!(cases.len() >= 25);
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(why) = check(case) {
            failures.push(format!("[{}]\n  {why}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn table_pages_are_distinct() {
    let cases = cases();
    for (i, a) in cases.iter().enumerate() {
        for b in &cases[i + 1..] {
            assert_ne!(a.page, b.page, "{} / {}", a.name, b.name);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Valid pages stay valid in strict mode.

#[test]
fn base_page_is_valid_in_strict_mode() {
    for page in [Page::base(), Page::base().crlf(), Page::base().cr(), Page::base().bom(), with_footer()] {
        let input = page.render();
        let dump = Parser::new().strict(true).parse(&input).unwrap_or_else(|e| panic!("{e}"));
        assert!(dump.warnings.is_empty());
        assert_eq!(dump.comments().count(), 3);
        let lines: Vec<usize> = dump.comments().map(|v| v.comment.line).collect();
        assert_eq!(lines, [9, 14, 19]);
    }
}

#[test]
fn page_without_comment_section_is_valid_in_strict_mode() {
    let input = "A headline\n\nThe only paragraph of the article.\n\nAnother paragraph, no comments.\n";
    let dump = Parser::new().strict(true).parse(input).unwrap();
    assert!(dump.discussion.is_none());
    assert!(dump.rating.is_none());
    assert!(dump.warnings.is_empty());
    assert!(dump.trailer.is_empty());
}

#[test]
fn fixed_date_order_is_not_ambiguous_in_strict_mode() {
    let page =
        Page::base().set(10, "05-06-21 17:27").set(15, "05-06-21 17:28").set(20, "06-06-21 17:30").render();
    for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
        let dump =
            Parser::new().strict(true).date_order(order).parse(&page).unwrap_or_else(|e| panic!("{e}"));
        assert!(dump.warnings.is_empty());
    }
}

#[test]
fn lone_cr_and_crlf_pages_parse_like_lf_pages() {
    let lf = Page::base().render();
    let want = article_dump::parse(&lf).unwrap();
    for page in [Page::base().crlf(), Page::base().cr()] {
        let input = page.render();
        let dump = article_dump::parse(&input).unwrap();
        assert_eq!(dump.article.paragraphs, want.article.paragraphs);
        let summary = |d: &Dump<'_>| -> Vec<(usize, Option<String>, Vec<String>)> {
            d.comments()
                .map(|v| {
                    let c = v.comment;
                    (
                        c.line,
                        c.author.as_deref().map(str::to_owned),
                        c.body.iter().map(|b| b.to_string()).collect(),
                    )
                })
                .collect()
        };
        assert_eq!(summary(&dump), summary(&want));
        // No line end leaks into any text.
        assert!(dump.comments().all(|v| v.comment.body.iter().all(|b| !b.contains('\r'))));
    }
    // Mixed line ends in one page.
    let mixed: String = BASE.iter().enumerate().map(|(i, l)| format!("{l}{}", MIXED_EOL[i % 3])).collect();
    let dump = Parser::new().strict(true).parse(&mixed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary_lines(&dump), [9, 14, 19]);
}

/// Line ends to cycle through in one page. A lone CR is followed by CRLF, never by LF, so
/// that a CR ending a line and the LF ending an empty line after it do not read as one CRLF.
const MIXED_EOL: [&str; 3] = ["\n", "\r", "\r\n"];

fn summary_lines(dump: &Dump<'_>) -> Vec<usize> {
    dump.comments().map(|v| v.comment.line).collect()
}

#[test]
fn mixed_line_ends_keep_positions() {
    let mixed: String = BASE
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let l = if i + 1 == 15 { "\u{a0}\u{a0}20-13-21 17:28" } else { l };
            format!("{l}{}", MIXED_EOL[i % 3])
        })
        .collect();
    let err = Parser::new().strict(true).parse(&mixed).unwrap_err();
    assert_eq!(
        err.to_string(),
        "date \"20-13-21 17:28\" is not a real date: month 13 is out of range at line 15 column 3"
    );
    assert_eq!(line_column(&mixed, err.offset()), (15, 3));
    assert!(mixed[err.offset()..].starts_with("20-13-21"));
}

// ---------------------------------------------------------------------------------------------
// Input edges: BOM.

#[test]
fn bom_is_skipped() {
    let plain = Page::base().render();
    let with_bom = Page::base().bom().render();
    let want = article_dump::parse(&plain).unwrap();
    for dump in
        [article_dump::parse(&with_bom).unwrap(), article_dump::parse_bytes(with_bom.as_bytes()).unwrap()]
    {
        assert_eq!(dump.article.paragraphs, want.article.paragraphs);
        assert_eq!(dump.article.paragraphs[0], "The article's first paragraph.");
        assert_eq!(summary_lines(&dump), [9, 14, 19]);
    }
}

// ---------------------------------------------------------------------------------------------
// Input edges: invalid UTF-8.

/// `parse_bytes` fails on `bytes` with an `InvalidUtf8` error, lenient and strict alike.
fn utf8_error(bytes: &[u8]) -> Error {
    let lenient = article_dump::parse_bytes(bytes).expect_err("invalid UTF-8 must fail");
    let strict = Parser::new().strict(true).parse_bytes(bytes).expect_err("invalid UTF-8 must fail");
    assert_eq!(lenient, strict);
    assert_eq!(lenient.kind(), ErrorKind::InvalidUtf8);
    lenient
}

#[test]
fn invalid_utf8_first_byte() {
    let e = utf8_error(b"\xffThe article.\n");
    assert_eq!(e.to_string(), "invalid UTF-8 byte 0xff at line 1 column 1");
    assert_eq!(e.offset(), 0);
}

#[test]
fn invalid_utf8_in_the_middle_of_line_3() {
    // A Latin-1 `é` (0xe9) in `thrée`.
    let e = utf8_error(b"one\ntwo\nthr\xe9e\nfour\n");
    assert_eq!(e.to_string(), "invalid UTF-8 byte 0xe9 at line 3 column 4");
    assert_eq!((e.line(), e.column(), e.offset()), (3, 4, 11));
}

#[test]
fn invalid_utf8_truncated_multibyte_char_at_the_end() {
    // `naïve ` then the first two bytes of `€` (e2 82 ac): the column counts `ï` as one.
    let e =
        utf8_error("ok\nnaïve ".as_bytes().iter().chain(b"\xe2\x82").copied().collect::<Vec<_>>().as_slice());
    assert_eq!(e.to_string(), "incomplete UTF-8 sequence at the end of the input at line 2 column 7");
    assert_eq!(e.offset(), 10);
}

#[test]
fn invalid_utf8_lone_continuation_byte_after_multibyte_chars() {
    let e = utf8_error(b"Zo\xc3\xab\x80 wrote\n");
    assert_eq!(e.to_string(), "invalid UTF-8 byte 0x80 at line 1 column 4");
    assert_eq!(e.offset(), 4);
}

#[test]
fn invalid_utf8_after_crlf_and_lone_cr() {
    // An overlong `/` (c0 af) on line 3, after a CRLF and a lone CR.
    let e = utf8_error(b"a\r\nb\rc\xc0\xafd\r\n");
    assert_eq!(e.to_string(), "invalid UTF-8 byte 0xc0 at line 3 column 2");
    assert_eq!(e.offset(), 6);
}

#[test]
fn invalid_utf8_in_a_whole_page() {
    // A bad byte inside the reply's body (line 17), after valid multi-byte text.
    let mut bytes = Page::base().set(17, "Ça va \u{2013} X").render().into_bytes();
    let at = bytes.windows(1).position(|w| w == b"X").unwrap();
    bytes[at] = 0xfe;
    let e = utf8_error(&bytes);
    assert_eq!(e.to_string(), "invalid UTF-8 byte 0xfe at line 17 column 9");
    assert_eq!(e.offset(), at);
}

#[test]
fn invalid_utf8_after_a_bom_counts_columns_after_the_bom() {
    let e = utf8_error(b"\xef\xbb\xbfab\xff\n");
    assert_eq!(e.to_string(), "invalid UTF-8 byte 0xff at line 1 column 3");
    assert_eq!(e.offset(), 5);
}

// ---------------------------------------------------------------------------------------------
// Input edges: empty and whitespace-only input.

/// `input` is `Empty` in every mode and through `parse_bytes`; the error is where the text
/// would start: line 1, column 1, after a byte-order mark (`offset`).
fn assert_empty(input: &str, offset: usize) {
    let (line, column) = (1, 1);
    for parser in [Parser::new(), Parser::new().strict(true)] {
        for e in [parser.parse(input).unwrap_err(), parser.parse_bytes(input.as_bytes()).unwrap_err()] {
            assert_eq!(e.kind(), ErrorKind::Empty, "{input:?}");
            assert_eq!(
                e.to_string(),
                format!("input is empty or only whitespace at line {line} column {column}"),
                "{input:?}"
            );
            assert_eq!(e.offset(), offset, "{input:?}");
        }
    }
}

#[test]
fn empty_input() {
    assert_empty("", 0);
}

#[test]
fn whitespace_only_input() {
    assert_empty("  \n\t\n", 0);
    assert_empty("   ", 0);
}

#[test]
fn nbsp_only_input_is_whitespace() {
    // NBSP is whitespace (`char::is_whitespace`), and so is the ideographic space.
    assert_empty("\u{a0}\u{a0}\n", 0);
    assert_empty("\u{a0}\u{3000}", 0);
}

#[test]
fn line_ends_only_input() {
    assert_empty("\r\n\r\n", 0);
    assert_empty("\r\r", 0);
    assert_empty("\n\r\n\r", 0);
}

#[test]
fn bom_only_input_is_empty() {
    // The BOM is not text: column 1, after it.
    assert_empty("\u{feff}", 3);
    assert_empty("\u{feff}\r\n \n", 3);
}

#[test]
fn any_other_text_parses_leniently() {
    // Not whitespace by `char::is_whitespace`, so not empty: lenient parses accept them.
    for input in [
        "x",
        "\u{200b}",
        "\u{feff}\u{feff}",
        "\0",
        " \r\n x",
        "Notify of",
        "Reply to\u{a0} Nobody",
        "4.5 2 votes",
        "20-13-21 25:61",
        "\u{feff}x",
    ] {
        if let Err(e) = article_dump::parse(input) {
            panic!("{input:?}: {e}");
        }
        if let Err(e) = article_dump::parse_bytes(input.as_bytes()) {
            panic!("{input:?}: {e}");
        }
    }
}

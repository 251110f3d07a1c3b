//! Stage 2: build the page from the classified lines.
//!
//! The page is read in regions, each decided with the whole page in view:
//! 1. [`section`] finds where the comment section starts (the first confirmed anchor: the
//!    rating widget, `Notify of`, `N Comments`, ...) and reads the rating widget;
//! 2. [`article`] turns everything before it into the title, paragraphs and credit line;
//! 3. [`discussion`] splits the section into comments (header, body, footer) and finds
//!    where the thread ends; what follows goes to the trailer;
//! 4. [`thread`] links replies to their parents and recovers lost author names (the tree
//!    itself is built after the lines are dropped);
//! 5. [`dates`] decides the day-month order of numeric dates and checks every date.
//!
//! Every line gets exactly one [`LineRole`] on the way, so nothing is dropped silently.

mod article;
mod dates;
mod discussion;
mod piece;
mod scan;
mod section;
mod text;
mod thread;

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use crate::annotation::{LineInfo, LineRole};
use crate::error::{Error, ErrorKind, Position, Warning, WarningKind};
use crate::input::{check_size, content_start, Lines};
use crate::lines::{self, Classified, DateEntry, DateId, LineStore, Tag};
use crate::model::{Dump, Span};
use crate::options::Parser;
use crate::spare;
use dates::Resolved;
use discussion::FlatComment;

/// Parses `input` with `options`; fills `annotate` with one entry per physical line when
/// given.
pub(crate) fn parse<'a>(
    options: &Parser,
    input: &'a str,
    annotate: Option<&mut Vec<LineInfo<'a>>>,
) -> Result<Dump<'a>, Error> {
    check_size(input)?;
    let start = content_start(input);
    // Told from the start alone: trimming the end too would first read the page's last
    // bytes, a cache miss on a page not read yet (about 1% of a parse), ahead of the walk.
    if input[start..].trim_start().is_empty() {
        let pos = Position::of(input.as_bytes(), start);
        return Err(Error::new(ErrorKind::Empty, "input is empty or only whitespace", pos));
    }
    let Classified { lines, dates } = lines::classify_all(input, start);
    let mut page = Page::new(input, start, &lines, &dates);
    let (mut dump, comments, mut resolved) = page.build(options, start);
    if let Some(out) = annotate {
        page.annotate(out);
    }
    if options.strict {
        if let Some(problem) = page.first_problem(&dump) {
            return Err(Error::from_warning(problem));
        }
    }
    // The tree is built once the lines are gone: on a page of many short comments, the
    // lines and the comments would otherwise each take more memory than the page itself.
    let mut spare = page.into_spare();
    lines.recycle();
    if let Some(discussion) = dump.discussion.as_mut() {
        discussion.comments = thread::nest(input, comments, &dates, &mut resolved);
    }
    spare.resolved = resolved;
    spare.keep();
    Ok(dump)
}

/// The page being built: the classified lines, the role given to each, the warnings.
pub(crate) struct Page<'p, 'a> {
    pub input: &'a str,
    /// Where the content starts (after a byte-order mark).
    content_start: usize,
    pub lines: &'p LineStore<'a>,
    /// The dates of the lines, by [`DateId`].
    dates: &'p [DateEntry<'a>],
    /// One role per classified line, `None` until placed.
    pub roles: Vec<Option<LineRole>>,
    pub warnings: Vec<Warning>,
    /// Buffers the stages borrow (taken and put back), from the thread's previous page.
    pub spare: Box<Spare>,
}

/// Buffers that the build of a page needs only while it runs: emptied, they are kept for the
/// thread's next page (as the line store's are, [`LineStore::recycle`]), which saves about
/// seven allocations and frees a page.
#[derive(Default)]
pub(crate) struct Spare {
    roles: Vec<Option<LineRole>>,
    /// Runs of lines: the article's paragraphs, the trailer's.
    pub paragraphs: Vec<Range<usize>>,
    /// The article's furniture.
    pub furniture: Vec<Range<usize>>,
    /// The section's candidate starts.
    pub candidates: Vec<section::Candidate>,
    /// The thread's open comments.
    pub open: Vec<thread::Open>,
    /// The comments' dates as read.
    pub resolved: Vec<Resolved>,
}

thread_local! {
    /// (Boxed: a page moves it several times, a pointer where the buffers take 144 bytes.)
    static SPARE: Cell<Option<Box<Spare>>> = const { Cell::new(None) };
}

impl Spare {
    /// The buffers the thread's previous page left, or new ones.
    fn take() -> Box<Spare> {
        spare::take(&SPARE)
    }

    /// Empties the buffers and leaves them to the thread's next page (a huge page's are
    /// given back to the allocator).
    fn keep(mut self: Box<Self>) {
        use spare::empty;
        empty(&mut self.roles);
        empty(&mut self.paragraphs);
        empty(&mut self.furniture);
        empty(&mut self.candidates);
        empty(&mut self.open);
        empty(&mut self.resolved);
        spare::keep(&SPARE, self);
    }
}

impl<'p, 'a> Page<'p, 'a> {
    fn new(
        input: &'a str,
        content_start: usize,
        lines: &'p LineStore<'a>,
        dates: &'p [DateEntry<'a>],
    ) -> Self {
        let mut spare = Spare::take();
        let mut roles = std::mem::take(&mut spare.roles);
        roles.extend(lines.tags().map(|tag| (tag == Tag::Blank).then_some(LineRole::Blank)));
        Page { input, content_start, lines, dates, roles, warnings: Vec::new(), spare }
    }

    /// The page's buffers, for [`Spare::keep`].
    fn into_spare(self) -> Box<Spare> {
        let Page { roles, mut spare, .. } = self;
        spare.roles = roles;
        spare
    }

    /// The date numbered `id`.
    pub fn date(&self, id: DateId) -> DateEntry<'a> {
        self.dates[id.index()]
    }

    /// Builds the page, all but the comment tree: the discussion's comments come back flat,
    /// linked to their parents, for [`thread::nest`].
    fn build(&mut self, options: &Parser, start: usize) -> (Dump<'a>, Vec<FlatComment<'a>>, Vec<Resolved>) {
        let layout = section::locate(self);
        let rating = layout.rating.as_ref().map(|r| section::rating(self, r));
        let article_end = layout.section_start.unwrap_or(layout.footer_start);
        let article = article::build(self, 0..article_end, start);
        let (discussion, comments, resolved, trailer_start) = match layout.section_start {
            Some(section_start) => {
                let (discussion, mut comments, end) = discussion::build(self, section_start);
                let resolved = dates::check(self, &comments, options);
                thread::link(self, &mut comments);
                (Some(discussion), comments, resolved, end)
            }
            None => (None, Vec::new(), std::mem::take(&mut self.spare.resolved), layout.footer_start),
        };
        let trailer = self.trailer(trailer_start);
        self.place_rest();
        // In input order; on one spot, the kinds in their declared order (a cause first).
        self.warnings.sort_by(|a, b| (a.offset, a.kind, &a.message).cmp(&(b.offset, b.kind, &b.message)));
        let warnings = std::mem::take(&mut self.warnings);
        (Dump { article, rating, discussion, trailer, warnings }, comments, resolved)
    }

    /// Text after the comment section, as paragraphs; chrome there stays chrome.
    fn trailer(&mut self, from: usize) -> Vec<Cow<'a, str>> {
        // The comment bubble's close button, `x`, right after its invitation.
        for i in from + 1..self.lines.len() {
            if self.lines.text(i).eq_ignore_ascii_case("x")
                && self.lines.at(i - 1).phrase_key() == Some("wc_bubble_invite_message")
            {
                self.set_role(i, LineRole::Chrome);
            }
        }
        let mut paragraphs = std::mem::take(&mut self.spare.paragraphs);
        text::paragraphs_into(self, from..self.lines.len(), text::is_body_line, &mut paragraphs);
        let mut out = Vec::with_capacity(paragraphs.len());
        for range in paragraphs.drain(..) {
            out.push(self.paragraph(range.clone()));
            self.set_roles(range, LineRole::Trailer);
        }
        self.spare.paragraphs = paragraphs;
        // What is left there is chrome (`wpDiscuz`, `Insert`, `Load More Comments`, residue);
        // without a branch per line, as in `place_rest`.
        for role in &mut self.roles[from..] {
            *role = Some(role.unwrap_or(LineRole::Chrome));
        }
        out
    }

    /// Every stage places all of its lines; this only guards the invariant (a line left
    /// unplaced is a bug, caught by the tests in debug builds).
    fn place_rest(&mut self) {
        if cfg!(debug_assertions) {
            if let Some(i) = self.roles.iter().position(Option::is_none) {
                panic!("line {} was not placed: {:?}", self.lines.number(i), self.lines.kind(i));
            }
        }
        // Without a branch per line (the compiler makes it a vector select).
        for role in &mut self.roles {
            *role = Some(role.unwrap_or(LineRole::Chrome));
        }
    }

    /// The text of lines `range` as one paragraph: from the first line's text to the last's.
    #[inline]
    pub fn paragraph(&self, range: std::ops::Range<usize>) -> Cow<'a, str> {
        Cow::Borrowed(&self.input[self.span_of(range).range()])
    }

    /// Bytes from the first line's text to the end of the last line's text.
    pub fn span_of(&self, range: std::ops::Range<usize>) -> Span {
        let last = range.end - 1;
        Span::new(self.lines.start(range.start), self.lines.start(last) + self.lines.text_len(last))
    }

    /// Offset of a slice of the input.
    pub fn offset_of(&self, slice: &str) -> usize {
        slice.as_ptr() as usize - self.input.as_ptr() as usize
    }

    /// Gives lines `range` `role`, all but the blank ones.
    pub fn set_roles(&mut self, range: std::ops::Range<usize>, role: LineRole) {
        self.replace_roles(range, Some(role));
    }

    /// Takes lines back (a stage placed them too early): they are placed again later.
    pub fn clear_roles(&mut self, range: std::ops::Range<usize>) {
        self.replace_roles(range, None);
    }

    /// Gives lines `range` `role`, all but the blank ones: a select per line, not a branch
    /// (blank and other lines alternate).
    fn replace_roles(&mut self, range: std::ops::Range<usize>, role: Option<LineRole>) {
        if range.is_empty() {
            return; // (a reversed range too, as a loop over it would)
        }
        let lines = self.lines;
        for (i, slot) in range.clone().zip(&mut self.roles[range]) {
            *slot = if lines.is_blank(i) { *slot } else { role };
        }
    }

    pub fn set_role(&mut self, i: usize, role: LineRole) {
        self.roles[i] = Some(role);
    }

    /// Records a warning at the start of line `i`'s text.
    pub fn warn(&mut self, i: usize, kind: WarningKind, message: String) {
        let pos = self.position(i);
        self.warnings.push(Warning { line: pos.line, column: pos.column, message, kind, offset: pos.offset });
    }

    /// Records a warning at `slice`, a part of line `i`'s text (a date after a name).
    pub fn warn_at(&mut self, i: usize, slice: &str, kind: WarningKind, message: String) {
        let offset = self.offset_of(slice);
        let column = self.column(offset);
        self.warnings.push(Warning { line: self.lines.number(i), column, message, kind, offset });
    }

    /// The position of line `i`'s text, from what stage 1 recorded (the column from a scan
    /// of the line's indentation only, so a page with a warning on every line stays
    /// linear).
    pub fn position(&self, i: usize) -> Position {
        let offset = self.offset_of(self.lines.text(i));
        Position { line: self.lines.number(i), column: self.column(offset), offset }
    }

    /// The column, in characters, where line `i`'s text ends (its indentation counted).
    pub fn end_column(&self, i: usize) -> usize {
        let text = self.lines.text(i);
        self.column(self.offset_of(text)) - 1 + char_count(text)
    }

    /// The 1-based column, in characters, of byte `offset`.
    fn column(&self, offset: usize) -> usize {
        // Most lines are not indented: their text starts the line.
        if offset == self.content_start || matches!(self.input.as_bytes()[offset - 1], b'\n' | b'\r') {
            return 1;
        }
        let start = lines::line_start(self.input, self.content_start, offset);
        char_count(&self.input[start..offset]) + 1
    }

    /// One entry per physical line, with the role of the group it belongs to.
    fn annotate(&self, out: &mut Vec<LineInfo<'a>>) {
        out.clear();
        let mut raw = Lines::new(self.input, content_start(self.input));
        for (line, role) in self.lines.iter().zip(&self.roles) {
            for _ in 0..line.count {
                let Some(physical) = raw.next() else { return };
                let blank = physical.text.trim_matches(lines::is_blank).is_empty();
                out.push(LineInfo {
                    line: physical.number,
                    span: Span::new(physical.start, physical.end()),
                    text: physical.text,
                    role: if blank { LineRole::Blank } else { role.unwrap_or(LineRole::Chrome) },
                    phrase: if role == &Some(LineRole::Chrome) { line.phrase_key() } else { None },
                });
            }
        }
    }

    /// Strict mode: the first warning, or text placed in the trailer or in
    /// `discussion.other`, whichever comes first in the input.
    fn first_problem(&self, dump: &Dump<'a>) -> Option<Warning> {
        let mut problems: Vec<Warning> = dump.warnings.clone();
        let located = |role: LineRole, kind: WarningKind, what: &str| {
            let i = self.roles.iter().position(|r| *r == Some(role))?;
            let pos = self.position(i);
            let message = format!("{what}: \"{}\"", excerpt(self.lines.text(i)));
            Some(Warning { line: pos.line, column: pos.column, message, kind, offset: pos.offset })
        };
        problems.extend(located(
            LineRole::Other,
            WarningKind::UnplacedText,
            "text in the comment section belongs to no comment",
        ));
        problems.extend(located(
            LineRole::Trailer,
            WarningKind::TrailingText,
            "text after the comment section",
        ));
        problems.into_iter().min_by_key(|w| w.offset)
    }
}

/// The start of a line for a message: at most 40 characters.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The number of characters in `text` (`text.chars().count()`): its bytes less the UTF-8
/// continuation bytes (`0b10xx_xxxx`), eight bytes at a time. (`chars().count()` reads a
/// short string byte by byte; an `is_ascii` check first reads a long one twice.)
fn char_count(text: &str) -> usize {
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const BYTE_PAIRS: u64 = 0x00FF_00FF_00FF_00FF;
    const PAIR_LANES: u64 = 0x0001_0001_0001_0001;
    let bytes = text.as_bytes();
    let mut continuations = 0;
    // Per-byte tallies, summed across the word every 255 chunks (before a byte overflows).
    for block in bytes.chunks(8 * 255) {
        let mut tallies = 0u64;
        let mut chunks = block.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            // A byte's top bit set and the next one clear (`word << 1` moves each byte's bit 6
            // to its bit 7).
            tallies += (word & !(word << 1) & HIGH) >> 7;
        }
        // Adjacent tallies added into 16-bit lanes (at most 510 each), then the four lanes
        // into the top one (at most 2040).
        let pairs = (tallies & BYTE_PAIRS) + (tallies >> 8 & BYTE_PAIRS);
        continuations += (pairs.wrapping_mul(PAIR_LANES) >> 48) as usize;
        continuations += chunks.remainder().iter().filter(|&&b| b & 0xC0 == 0x80).count();
    }
    bytes.len() - continuations
}

#[cfg(test)]
mod spare_tests {
    /// A page parsed on the buffers other pages left (larger and smaller ones, in strict mode
    /// too, which can stop half way) is the page parsed on new buffers: each test page on a
    /// thread of its own, then all on one thread, twice in turn.
    #[test]
    fn a_page_on_recycled_buffers_parses_as_on_new_ones() {
        let pages = crate::test_pages::pages();
        let parse = |page: &str, strict: bool| {
            let now = chrono::NaiveDate::from_ymd_opt(2021, 8, 21).and_then(|d| d.and_hms_opt(12, 0, 0));
            let options = crate::options::Parser::new().strict(strict).now(now.expect("a date"));
            format!("{:?}", super::parse(&options, page, None))
        };
        let on_new_thread =
            |page: &str| std::thread::scope(|scope| scope.spawn(|| parse(page, false)).join());
        let fresh: Vec<_> = pages.iter().map(|page| on_new_thread(page).expect("parsed")).collect();
        for round in 0..2 {
            for (k, (page, expected)) in pages.iter().zip(&fresh).enumerate().rev() {
                let _ = parse(&pages[(k * 7 + round) % pages.len()], true);
                assert_eq!(&parse(page, false), expected, "page {k}");
            }
        }
    }
}

#[cfg(test)]
mod char_count_tests {
    use super::char_count;

    /// The fast count is `chars().count()` on every line the test pages print.
    #[test]
    fn counts_every_test_line_as_chars_does() {
        for page in crate::test_pages::pages() {
            for line in page.lines() {
                assert_eq!(char_count(line), line.chars().count(), "{line:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn counts_as_chars_does(text in "[a \u{e9}\u{3000}\u{1F600}\u{7f}\u{80}\u{7ff}\u{800}]{0,100}") {
            proptest::prop_assert_eq!(char_count(&text), text.chars().count());
        }
    }

    /// Past 255 chunks the per-byte tallies are summed before they overflow.
    #[test]
    fn counts_long_text_as_chars_does() {
        for unit in ["\u{e9}", "\u{1F600}", "a\u{3000}", "ab"] {
            let text = unit.repeat(3000);
            assert_eq!(char_count(&text), text.chars().count(), "{unit:?}");
        }
    }
}

#[cfg(test)]
mod role_tests {
    use super::*;

    /// Setting and clearing the roles of a range with a select per line leaves the roles the
    /// branch per line left (blank lines untouched): over every test page, on ranges that
    /// start and end anywhere, empty and reversed ones too.
    #[test]
    fn roles_of_a_range_skip_the_blank_lines() {
        for page in crate::test_pages::pages() {
            let start = content_start(&page);
            let Classified { lines, dates } = lines::classify_all(&page, start);
            let mut fast = Page::new(&page, start, &lines, &dates);
            let mut expected = fast.roles.clone();
            let n = lines.len();
            let ends = [0, 1, n / 3, n / 2, n.saturating_sub(1), n];
            for (k, &from) in ends.iter().enumerate() {
                for &to in &ends {
                    let role = if k % 2 == 0 { Some(LineRole::Article) } else { None };
                    for (i, slot) in expected.iter_mut().enumerate().take(to).skip(from) {
                        if !lines.is_blank(i) {
                            *slot = role;
                        }
                    }
                    match role {
                        Some(role) => fast.set_roles(from..to, role),
                        None => fast.clear_roles(from..to),
                    }
                    assert_eq!(fast.roles, expected, "{from}..{to}");
                }
            }
        }
    }
}

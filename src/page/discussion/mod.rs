//! The comment section: its chrome, its comments, and where it ends.
//!
//! A comment is a *header* (avatar, author, role badge, status, `Reply to`, date, in the
//! order of the page's layout), a *body* (paragraphs) and a *footer* (votes, `Reply`,
//! `Last edited`). Each line is first reduced to its [`Part`] (`parts`). wpDiscuz 7 pages
//! put the date in the header, so each header is found from its date or reply marker
//! (`header`, [`Mode::Header`]); legacy 4.x pages put the date last and pages whose dates a
//! crawler dropped end every comment with a `Reply` button, so there each comment ends at
//! its footer (`footer`, [`Mode::Footer`], [`Mode::Button`]). Author lines are recognised by
//! where they stand: right above a header, or anywhere between a footer and the next header.

mod footer;
mod header;
mod parts;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

pub(super) use self::parts::reads_as_name;
use self::parts::{is_date_line, is_name_like, wrap_width, Part, PartSet, SectionParts};
use super::piece::Piece;
use super::Page;
use crate::annotation::LineRole;
use crate::error::WarningKind;
use crate::lines::{DateId, Kind, Line, Tag};
use crate::model::{Discussion, Span};
use crate::phrases::{Class, Segmentation};

/// A comment as found on the page, before threading.
///
/// A page holds one per comment while its lines are still alive (the peak of a parse's
/// memory), so it is kept small: texts are [`Piece`]s of the input, line indices 32-bit
/// (a page has fewer than `u32::MAX` lines, [`crate::input::MAX_INPUT_LEN`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct FlatComment<'a> {
    /// First and last line (inclusive) of the comment.
    pub first: u32,
    pub last: u32,
    pub author: Option<Piece>,
    pub author_url: Option<Piece>,
    pub role: Option<Piece>,
    /// The date: the line it is on, and the date itself.
    pub date: Option<(u32, DateId)>,
    /// The `Reply to` (or parent link) line and the name it gives.
    pub to: Option<(u32, Piece)>,
    pub body: Vec<Cow<'a, str>>,
    /// Votes, when the comment shows them ([`FlatComment::votes`]): a count and a flag
    /// take less room than an `Option<i64>`.
    votes: i64,
    has_votes: bool,
    pub edited: Option<Piece>,
    /// Set by threading (`thread::link`), so that the tree can be built once the lines are
    /// gone: the parent's index, whether the author name was recovered from a reply, the
    /// first line's number and the comment's span.
    pub parent: Option<u32>,
    pub author_inferred: bool,
    pub line: u32,
    pub span: Option<Piece>,
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<FlatComment<'_>>() <= 120);

/// A line index as kept in a [`FlatComment`] (saturating, as no page has that many lines).
pub(crate) fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl FlatComment<'_> {
    /// First line of the comment.
    pub fn first(&self) -> usize {
        self.first as usize
    }

    /// Last line of the comment (inclusive).
    pub fn last(&self) -> usize {
        self.last as usize
    }

    /// The votes shown, if any.
    pub fn votes(&self) -> Option<i64> {
        self.has_votes.then_some(self.votes)
    }

    /// Sets the votes shown.
    pub fn set_votes(&mut self, votes: i64) {
        (self.votes, self.has_votes) = (votes, true);
    }

    /// Adds a vote number (wpDiscuz shows up and down votes apart on some layouts); a sum
    /// past `i64` saturates rather than overflow.
    pub fn add_votes(&mut self, votes: i64) {
        self.set_votes(self.votes().unwrap_or(0).saturating_add(votes));
    }
}

/// How the page delimits comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Comments start at headers found from dates and reply markers (wpDiscuz 7).
    Header,
    /// Comments end at footers that carry the date (legacy wpDiscuz 4.x).
    Footer,
    /// Comments end at their `Reply` buttons (pages whose dates a crawler dropped).
    Button,
}

/// Splits the section that starts at line `start`: the discussion (without comments yet),
/// the comments in page order, and the first line after the section.
pub(crate) fn build<'a>(
    page: &mut Page<'_, 'a>,
    start: usize,
) -> (Discussion<'a>, Vec<FlatComment<'a>>, usize) {
    let mut splitter = Splitter::new(page, start);
    let (mode, header_dates, dateless) = splitter.mode();
    let mut comments = match mode {
        Mode::Header => splitter.header_mode(header_dates, dateless),
        Mode::Footer | Mode::Button => splitter.footer_mode(mode),
    };
    let input = splitter.page.input;
    let display = |piece: Piece| display_piece(input, piece);
    for comment in &mut comments {
        comment.author = comment.author.map(display);
        if let Some((_, to)) = &mut comment.to {
            *to = display(*to);
        }
    }
    let end = splitter.thread_end(&comments);
    let discussion = splitter.finish(&comments, end);
    (discussion, comments, end)
}

pub(super) struct Splitter<'s, 'p, 'a> {
    page: &'s mut Page<'p, 'a>,
    parts: SectionParts,
    /// First line of the section.
    start: usize,
    /// First line after the section can possibly end (a heading, the page footer).
    limit: usize,
    /// The column a text browser hard-wrapped the page's long lines at, if it did: found
    /// when first needed (most pages never ask).
    wrap: OnceCell<Option<usize>>,
    /// How the page's comment headers order a role badge and the name: found when a
    /// header's only name lines are badge words (rare).
    order: OnceCell<header::HeaderOrder>,
    /// The first line of the thread's head, or the number of lines when there is none.
    head: usize,
    /// Buffers reused from comment to comment (`read_header`, the body's paragraphs), so
    /// that a comment allocates only its body.
    names: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
}

impl<'s, 'p, 'a> Splitter<'s, 'p, 'a> {
    /// The splitter of the section that starts at line `start`: its parts, where it can end
    /// at the latest, and its thread's head.
    fn new(page: &'s mut Page<'p, 'a>, start: usize) -> Self {
        let (parts, head) = SectionParts::read(page.lines, start);
        let lines = page.lines.len();
        // A heading ends the section once the thread has begun (before it, headings are the
        // page's own, such as an author box between the rating widget and the form); the
        // `wp_footer` leftovers end it anywhere.
        let mut limit = lines;
        let mut from = start;
        while let Some(stop) = parts.find(from..lines, Part::set(&[Part::Stop])) {
            if stop > head || !matches!(page.lines.kind(stop), Kind::Heading) {
                limit = stop;
                break;
            }
            from = stop + 1;
        }
        // Comments follow the thread's head (`N Comments`, sort buttons, the inline bar): what
        // stands before it (the rating widget, an author box, the form) heads no comment. The
        // first comment's own header is a head too, for pages that show no chrome.
        Splitter {
            page,
            parts,
            start,
            limit,
            wrap: OnceCell::new(),
            order: OnceCell::new(),
            head,
            names: Vec::new(),
            paragraphs: Vec::new(),
        }
    }

    #[inline]
    fn line(&self, i: usize) -> Line<'a> {
        self.page.lines.at(i)
    }

    /// `text`, a part of the input, as a [`Piece`] of a comment.
    fn piece(&self, text: &'a str) -> Option<Piece> {
        Piece::of(self.page.input, text)
    }

    /// The text of a comment's piece.
    fn text(&self, piece: Option<Piece>) -> Option<&'a str> {
        piece.map(|p| p.text(self.page.input))
    }

    /// The next line at or after `i` (before the limit) that is not blank or residue.
    #[inline]
    fn next_solid(&self, i: usize) -> Option<usize> {
        self.parts.find(i..self.limit, PartSet::SOLID)
    }

    /// The previous line before `i` (not before `floor`) that is not blank or residue.
    /// (A walk: the scans back mostly stop at the line above, and callgrind counted the
    /// search by word dearer here, mispredicts weighed in.)
    fn prev_solid(&self, i: usize, floor: usize) -> Option<usize> {
        (floor..i).rev().find(|&j| self.parts[j] != Part::Blank)
    }

    /// Legacy pages put the date after the body, after the vote buttons. With the mode, the
    /// number of dates found in comment headers, and whether the section shows no comment
    /// date at all (some crawls drop them).
    fn mode(&self) -> (Mode, usize, bool) {
        let mut header_dates = 0;
        // Every date line that is no text: a timed date, so a strong header part.
        let mut dated = false;
        let mut footer_dates = 0;
        // Dated footers and strong headers found a word of lines at a time: a match on
        // every line's part mispredicts wherever a page's headers, bodies and footers
        // alternate.
        let mut from = self.start;
        while let Some(i) = self.parts.find(from..self.limit, PartSet::DATED) {
            from = i + 1;
            if self.parts[i] == Part::DatedFooter {
                footer_dates += 1;
                continue;
            }
            if !is_date_line(self.page.lines, i) {
                continue;
            }
            dated = true;
            if self.after_legacy_votes(i) {
                footer_dates += 1;
            } else {
                header_dates += 1;
            }
        }
        self.mode_of(footer_dates, header_dates, dated)
    }

    /// The mode, from the dates counted in footers and in headers, with the number of the
    /// latter and whether the section shows no date (`dated`: it shows one).
    fn mode_of(&self, footer_dates: usize, header_dates: usize, dated: bool) -> (Mode, usize, bool) {
        let mode = if footer_dates > header_dates {
            Mode::Footer
        } else if header_dates == 0 && (self.start..self.limit).any(|i| self.is_reply_button(i)) {
            Mode::Button
        } else {
            Mode::Header
        };
        (mode, header_dates, !dated)
    }

    /// True when the date line `i` stands after legacy vote buttons (`Vote Up 3 Vote Down`,
    /// or its parts on lines of their own), maybe with the `Reply` button between: a legacy
    /// footer's date.
    fn after_legacy_votes(&self, i: usize) -> bool {
        let mut after_votes = false;
        let mut j = i;
        for _ in 0..5 {
            let Some(p) = self.prev_solid(j, self.start) else { break };
            // Vote lines are footer parts, as is the `Reply` button: any other line ends the
            // walk (most often the author's name, told by its part alone).
            if self.parts[p] != Part::Footer {
                break;
            }
            if matches!(self.page.lines.kind(p), Kind::LegacyVotes(_))
                || matches!(self.page.lines.kind(p), Kind::Chrome(seg) if seg.all(Class::VoteButton))
            {
                after_votes = true;
            }
            j = p;
        }
        after_votes
    }

    /// [`Splitter::mode`] as a match on every line's part (the reference for the search).
    #[cfg(test)]
    fn mode_walk(&self) -> (Mode, usize, bool) {
        let mut header_dates = 0;
        let mut footer_dates = 0;
        // Every date line that is no text: a timed date, so a strong header part.
        let mut dated = false;
        for (i, part) in (self.start..).zip(self.parts.span(self.start..self.limit)) {
            match part {
                Part::DatedFooter => footer_dates += 1,
                Part::StrongHeader if is_date_line(self.page.lines, i) => {
                    dated = true;
                    if self.after_legacy_votes(i) {
                        footer_dates += 1;
                    } else {
                        header_dates += 1;
                    }
                }
                _ => {}
            }
        }
        self.mode_of(footer_dates, header_dates, dated)
    }

    /// The last line of a name that starts at `k`: `k + 1` when `k` is a long line that a
    /// text browser wrapped onto the next one, else `k`.
    fn wrapped_end(&self, k: usize) -> usize {
        if self.may_wrap_onto_next(k) && self.broken_after(k) {
            k + 1
        } else {
            k
        }
    }

    /// Whether line `k + 1` reads as the rest of line `k`, the page's wrap width aside.
    fn may_wrap_onto_next(&self, k: usize) -> bool {
        let next = k + 1;
        if next >= self.limit || !self.parts.is(k, PartSet::TEXT) {
            return false;
        }
        // A second half as long as the first is a line of its own: the cheapest test first
        // (most lines are not wrapped).
        if self.page.lines.text_len(next) >= self.page.lines.text_len(k) {
            return false;
        }
        // The rest of a long name can be a word the tables know (`Site`, a form label).
        match self.page.lines.kind(next) {
            Kind::Chrome(seg) => seg.is_single() && self.parts[next] == Part::Chrome,
            _ => self.parts[next] == Part::Text && is_name_like(self.page.lines, next),
        }
    }

    /// Whether the first word of line `k + 1` did not fit after line `k`: the converter
    /// broke the line there (the page's wrap width is found on first asking).
    fn broken_after(&self, k: usize) -> bool {
        let Some(width) = *self.wrap.get_or_init(|| wrap_width(self.page)) else { return false };
        let following = self.page.lines.text(k + 1);
        let first_word = following.split(char::is_whitespace).next().unwrap_or("");
        self.page.end_column(k) + 1 + first_word.chars().count() > width
    }

    /// The `Reply` button (or a legacy `N REPLY date` line) that closes a comment.
    #[inline]
    fn is_reply_button(&self, i: usize) -> bool {
        // Both are footer parts: most lines are ruled out without building their kind.
        if !self.parts.is(i, PartSet::FOOTER) {
            return false;
        }
        // A single phrase is told from its number, and numbers and `Last edited` from their
        // tags: the kind is built only for a line kept beside the records.
        let lines = self.page.lines;
        match lines.tag(i) {
            Tag::Phrase => lines
                .single_phrase(i)
                .is_some_and(|id| Segmentation::single(id).first().class == Class::ReplyButton),
            Tag::Extra => match lines.kind(i) {
                Kind::Chrome(seg) => seg.is_single() && seg.first().class == Class::ReplyButton,
                Kind::LegacyFooter { .. } => true,
                _ => false,
            },
            _ => false,
        }
    }

    /// [`Splitter::footer_run_end`] as a walk line by line (the reference for the search).
    #[cfg(test)]
    fn footer_run_walk(&self, from: usize, to: usize) -> usize {
        let mut end = from;
        for i in from..to {
            match self.parts[i] {
                Part::Footer | Part::DatedFooter => end = i + 1,
                Part::Blank => {}
                _ => break,
            }
        }
        end
    }

    /// The end of the footer run that starts at `from` (before `to`): after its last footer
    /// line before the first line that is neither footer nor blank.
    fn footer_run_end(&self, from: usize, to: usize) -> usize {
        self.parts.run_end(from..to, PartSet::FOOTER_RUN, PartSet::FOOTER)
    }

    // ---- the end of the thread, and what the section holds besides comments ----

    /// The first line after the section: after the last comment and any chrome right after
    /// it, or, with no comments, after the last chrome line of the section's cluster.
    fn thread_end(&self, comments: &[FlatComment<'a>]) -> usize {
        let Some(last) = comments.last() else { return self.chrome_cluster_end() };
        // After the last comment, only chrome continues the section: it ends at the first
        // line that is neither blank nor chrome (text, a header, a stop), after the chrome
        // before it. Both found a word of lines at a time, not by a walk line by line.
        let chrome_run = Part::set(&[Part::Blank, Part::Chrome]);
        self.parts.run_end(last.last() + 1..self.limit, chrome_run, Part::set(&[Part::Chrome]))
    }

    /// The end of a section with no comments: after the last chrome line of its cluster
    /// (text between chrome lines, a consent notice in the form, is the section's own).
    fn chrome_cluster_end(&self) -> usize {
        self.chrome_walk(self.start, CHROME_GAP, true)
    }

    /// The end of the chrome from line `from` on, with up to `tolerance` text lines between
    /// two chrome lines (`before_head`: nor any before the thread's head), walked line by
    /// line.
    fn chrome_walk(&self, from: usize, tolerance: usize, before_head: bool) -> usize {
        let mut end = from;
        let mut gap = 0;
        for (i, part) in (from..).zip(self.parts.span(from..self.limit)) {
            match part {
                Part::Blank => {}
                Part::Chrome => {
                    end = i + 1;
                    gap = 0;
                }
                // Headings before the limit stand before the thread (an author box between
                // the rating widget and the form): text like any other.
                Part::Stop if !matches!(self.page.lines.kind(i), Kind::Heading) => break,
                // Before the thread's head (an author box or tags between the rating widget
                // and the form), text does not end the section.
                _ if before_head && i < self.head && self.head < self.limit => {}
                _ => {
                    gap += 1;
                    if gap > tolerance {
                        break;
                    }
                }
            }
        }
        end
    }

    /// [`Splitter::thread_end`] as a walk line by line (the reference for the search).
    #[cfg(test)]
    fn thread_end_walk(&self, comments: &[FlatComment<'a>]) -> usize {
        match comments.last() {
            Some(c) => self.chrome_walk(c.last() + 1, 0, false),
            None => self.chrome_cluster_end(),
        }
    }

    /// Places the section's remaining lines (chrome, count, `other` text) and builds the
    /// discussion.
    fn finish(&mut self, comments: &[FlatComment<'a>], end: usize) -> Discussion<'a> {
        let mut discussion = Discussion::default();
        // In the same pass, the lines no stage placed that read as text make `other`'s
        // paragraphs: the first line of the one being read.
        let mut other: Option<usize> = None;
        let mut i = self.start;
        while i < end {
            if self.page.roles[i].is_some() {
                // A placed line ends the paragraph; most of the section is placed already:
                // skip to the next line that is not. (A plain search: callgrind counted the
                // chunked `scan::first` dearer here, on generated and real pages alike.)
                if let Some(from) = other.take() {
                    self.push_other(&mut discussion, from..i);
                }
                i += self.page.roles[i..end].iter().position(|role| role.is_none()).unwrap_or(end - i);
                continue;
            }
            let is_other = self.place_unplaced(i, &mut discussion);
            match (is_other, other) {
                (true, None) => other = Some(i),
                (false, Some(from)) => {
                    self.push_other(&mut discussion, from..i);
                    other = None;
                }
                _ => {}
            }
            i += 1;
        }
        if let Some(from) = other {
            self.push_other(&mut discussion, from..end);
        }
        // `Load More Comments` can also sit after the thread's end, among the trailer.
        if !discussion.more {
            // (Text and blank lines, most of them, are told from their records.)
            let lines = self.page.lines;
            discussion.more = (end..lines.len()).any(|i| {
                !lines.is_text(i)
                    && !lines.is_blank(i)
                    && matches!(lines.kind(i), Kind::Chrome(seg) if seg.any(Class::More))
            });
        }
        for comment in comments {
            if comment.body.is_empty() {
                if let Some((i, _)) = comment.date {
                    self.page.warn(
                        i as usize,
                        WarningKind::EmptyComment,
                        "comment has a date and no body".into(),
                    );
                }
            }
        }
        let last_line = (self.start..end).rev().find(|&i| !self.page.lines.is_blank(i)).unwrap_or(self.start);
        discussion.span = Span::new(self.page.offset_of(self.page.lines.text(self.start)), {
            let l = self.line(last_line);
            self.page.offset_of(l.text) + l.text.len()
        });
        discussion
    }

    /// Reads line `i`, which no stage placed, into `discussion` (the count, a load-more
    /// marker): true when it reads as text (a paragraph of `other`), else it is chrome.
    fn place_unplaced(&mut self, i: usize, discussion: &mut Discussion<'a>) -> bool {
        // Told from the tag for most lines, without a jump through the kinds' table (the
        // section's unplaced lines vary from page to page): text and dates, which are no
        // count and no load-more marker, and single phrases, chrome that can be the marker.
        let lines = self.page.lines;
        if lines.tag(i).is_in(OTHER_TAGS) {
            return true;
        }
        if let Some(id) = lines.single_phrase(i) {
            discussion.more |= Segmentation::single(id).first().class == Class::More;
            self.page.set_role(i, LineRole::Chrome);
            return false;
        }
        self.place_unplaced_kind(i, discussion)
    }

    /// [`Splitter::place_unplaced`] from the line's kind: the lines the tag does not tell
    /// (and the reference for those it does).
    fn place_unplaced_kind(&mut self, i: usize, discussion: &mut Discussion<'a>) -> bool {
        let kind = self.page.lines.kind(i);
        match kind {
            Kind::Count(n) => discussion.count = discussion.count.or(Some(n)),
            Kind::Number(n) if n >= 0 && discussion.count.is_none() => {
                // A count split over two lines (`14` / `Comments`), or wpDiscuz 5's count
                // badge before `Leave a Reply`.
                let next = self.next_solid(i + 1).map(|j| self.line(j));
                let is_count =
                    next.is_some_and(|l| l.is_count_words() || l.phrase_key() == Some("form_header_text"));
                if is_count {
                    discussion.count = Some(n as u64);
                }
            }
            Kind::Chrome(seg) if seg.any(Class::More) => discussion.more = true,
            _ => {}
        }
        // (A blank line is placed from the start: one here would be text.)
        if matches!(kind, Kind::Text | Kind::Date { .. } | Kind::Average(_) | Kind::Heading | Kind::Blank) {
            return true;
        }
        self.page.set_role(i, LineRole::Chrome);
        false
    }

    /// Adds lines `paragraph` to `discussion.other`.
    fn push_other(&mut self, discussion: &mut Discussion<'a>, paragraph: Range<usize>) {
        discussion.other.push(self.page.paragraph(paragraph.clone()));
        self.page.set_roles(paragraph, LineRole::Other);
    }
}

/// The tags of the lines `Splitter::place_unplaced` reads as text: their kinds (text,
/// dates, averages, headings, blank lines) are no count and no chrome.
const OTHER_TAGS: u32 =
    Tag::set(&[Tag::Text, Tag::Date, Tag::TimedDate, Tag::Average, Tag::Heading, Tag::Blank]);

/// How many text lines may stand between two chrome lines of a section with no comments.
const CHROME_GAP: usize = 8;

/// Two spellings of one name: equal once spacing and case are folded.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a == b || fold_name(a).eq(fold_name(b))
}

/// An author or reply-target name taken from a whole line, without the link number lynx
/// printed before it (`[36]Nam Vũ`).
pub(super) fn display_name(line_text: &str) -> &str {
    crate::lines::without_link_reference(line_text)
}

/// [`display_name`] of a name kept as a piece of `input`, as a piece: the piece itself
/// unless it starts with `[` (only then can it hold lynx's link number; most names do not,
/// and are not read again).
fn display_piece(input: &str, piece: Piece) -> Piece {
    let text = piece.text(input);
    if !text.starts_with('[') {
        return piece;
    }
    Piece::of(input, display_name(text)).unwrap_or(piece)
}

/// A name without spacing and case, for comparing spellings (compared as it is read: no
/// allocation).
pub(crate) fn fold_name(name: &str) -> impl Iterator<Item = char> + '_ {
    display_name(name).chars().filter(|&c| !crate::lines::is_blank(c)).flat_map(char::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `display_piece` (the piece itself unless it starts with `[`) is the piece of
    /// `display_name`, for every line of every test page and every suffix of its first
    /// twelve bytes (so that lynx's `[36]Name` is met at the start).
    #[test]
    fn display_piece_is_the_piece_of_the_display_name() {
        let mut numbered = 0;
        for page in crate::test_pages::pages() {
            for line in page.lines() {
                for (at, _) in line.char_indices().take(12) {
                    let text = &line[at..];
                    let piece = Piece::of(&page, text).expect("a part of the page");
                    let exact = Piece::of(&page, display_name(text)).unwrap_or(piece);
                    assert_eq!(display_piece(&page, piece), exact, "{text:?}");
                    numbered += usize::from(exact != piece);
                }
            }
        }
        assert!(numbered > 10, "lynx link numbers met: {numbered}");
    }

    #[test]
    fn votes_add_up_and_saturate() {
        let mut comment = FlatComment::default();
        assert_eq!(comment.votes(), None);
        comment.add_votes(3);
        comment.add_votes(-1);
        assert_eq!(comment.votes(), Some(2));
        comment.set_votes(i64::MAX);
        comment.add_votes(i64::MAX);
        assert_eq!(comment.votes(), Some(i64::MAX), "no overflow on huge vote numbers");
    }
}

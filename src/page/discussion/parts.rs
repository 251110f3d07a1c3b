//! What each line is for splitting a section into comments.

use crate::lines::{Kind, LineStore, Tag};
use crate::page::Page;
use crate::phrases::{Class, Segmentation};
use std::sync::OnceLock;

/// What a line is, for splitting the section into comments. (No fields: comparing two is
/// comparing two bytes, and the splitter compares parts on every line it scans.) Each part
/// is a bit of its own, so that a word of eight parts is tested against a set of parts at
/// once ([`SectionParts::find`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Part {
    Blank = 1,
    /// A header element that may start a comment (an avatar, an author link, a badge).
    WeakHeader = 1 << 1,
    /// A header element that always starts a comment: a comment date, `Reply to`, a parent
    /// link.
    StrongHeader = 1 << 2,
    /// A footer element: votes, `Reply`, `Last edited`, `Read more`, per-comment tools.
    Footer = 1 << 3,
    /// A legacy footer that carries the comment's date.
    DatedFooter = 1 << 4,
    /// Section chrome: form, count, sort buttons, load-more markers.
    Chrome = 1 << 5,
    /// Plain text: an author line, a body line, or text that belongs to no comment.
    Text = 1 << 6,
    /// Where the thread certainly ends: a markdown heading, the `wp_footer` leftovers.
    Stop = 1 << 7,
}

impl Part {
    /// Every part, by the number of its bit.
    const ALL: [Part; 8] = [
        Part::Blank,
        Part::WeakHeader,
        Part::StrongHeader,
        Part::Footer,
        Part::DatedFooter,
        Part::Chrome,
        Part::Text,
        Part::Stop,
    ];

    /// A header element, weak or strong.
    pub fn is_header(self) -> bool {
        self.is_in(PartSet::HEADER)
    }

    /// A set of parts ([`PartSet`]).
    pub const fn set(parts: &[Part]) -> PartSet {
        let mut bits = 0;
        let mut k = 0;
        while k < parts.len() {
            bits |= parts[k] as u8;
            k += 1;
        }
        PartSet(bits)
    }

    /// True when this part is in `set`.
    #[inline]
    pub fn is_in(self, set: PartSet) -> bool {
        self as u8 & set.0 != 0
    }
}

// Each part is the bit of its place in `Part::ALL`.
const _: () = {
    let mut k = 0;
    while k < Part::ALL.len() {
        assert!(Part::ALL[k] as u8 == 1 << k);
        k += 1;
    }
};

/// A set of [`Part`]s: their bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PartSet(u8);

impl PartSet {
    /// Every part but `Blank`: the lines that scans back and forth stop at.
    pub const SOLID: PartSet = PartSet(!(Part::Blank as u8));
    pub const HEADER: PartSet = Part::set(&[Part::WeakHeader, Part::StrongHeader]);
    pub const FOOTER: PartSet = Part::set(&[Part::Footer, Part::DatedFooter]);
    /// A run of footer lines: footer parts and the blank lines between them.
    pub const FOOTER_RUN: PartSet = Part::set(&[Part::Footer, Part::DatedFooter, Part::Blank]);
    /// The parts of a thread's head that the tag tells ([`is_thread_head`]).
    pub const DATED: PartSet = Part::set(&[Part::StrongHeader, Part::DatedFooter]);
    pub const TEXT: PartSet = Part::set(&[Part::Text]);
    /// Where the chrome after a footer, or a section's chrome, ends a run of author lines.
    pub const BOUNDARY: PartSet = Part::set(&[Part::Footer, Part::DatedFooter, Part::Chrome]);

    /// Every part not in this set.
    pub const fn not(self) -> PartSet {
        PartSet(!self.0)
    }
}

/// Lines a scan reads at once: the bytes of a `u64`.
const WORD: usize = 8;

/// The [`Part`]s of the lines from the section's first line on, indexed by line: the
/// splitter never looks above the section (every scan back stops at its start), so the
/// article's lines, most of a page, are not read again. Indexing a line above the section
/// panics.
pub(super) struct SectionParts {
    /// The section's first line.
    first: usize,
    /// The part of each line from `first` on, as its bit, after [`WORD`] bytes of no part
    /// and before as many: a scan reads the eight lines from (or up to) any line as one
    /// word, and a scan over a few lines (the blank lines between header lines, a short
    /// body) tests a word, not a line at a time with an exit whose place varies from line
    /// to line (the predictor misses it).
    bits: Vec<u8>,
}

impl SectionParts {
    /// The parts of the lines from `first` on, and the first line of the thread's head
    /// ([`is_thread_head`]), or the number of lines when there is none: one read of the
    /// kinds for both.
    pub fn read(lines: &LineStore<'_>, first: usize) -> (SectionParts, usize) {
        let mut bits = Vec::with_capacity(lines.len() - first + 2 * WORD);
        bits.extend([0; WORD]);
        // The first line past the tags' reach that heads the thread (a chrome line, a kind
        // kept beside the records); the tagged ones are found in the parts afterwards.
        let mut chrome_head = None;
        let phrase_parts = single_phrase_parts();
        // One load from a table for most lines (text, blank, tagged headers and footers),
        // rather than a branch or a jump per tag: sections vary from page to page, and a
        // jump the predictor has not learnt costs more than the reading. (Extended from a
        // range: written in place, without a capacity check per line.)
        bits.extend((first..lines.len()).map(|i| match PART_OF_TAG[lines.tag(i) as usize] {
            Some(part) => part as u8,
            None => {
                let (part, heads_thread) = part_of_untagged(lines, i, phrase_parts);
                if heads_thread && chrome_head.is_none() {
                    chrome_head = Some(i);
                }
                part as u8
            }
        }));
        // A tagged line heads the thread when its part is a strong header or a dated footer
        // (`part_of_line`): the first of them, sixteen parts at a time.
        let tagged_head =
            crate::page::scan::first(&bits[WORD..], |bit| bit & PartSet::DATED.0 != 0).map(|k| first + k);
        bits.extend([0; WORD]);
        let parts = SectionParts { first, bits };
        let head = match (tagged_head, chrome_head) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or(lines.len()),
        };
        (parts, head)
    }

    /// The section of `parts`, the parts of the lines from `first` on (as `read` lays
    /// them out).
    #[cfg(test)]
    fn of(first: usize, parts: &[Part]) -> SectionParts {
        let mut bits = vec![0; WORD];
        bits.extend(parts.iter().map(|&part| part as u8));
        bits.extend([0; WORD]);
        SectionParts { first, bits }
    }

    /// The parts of `lines` in order (none for an empty range), for loops that scan a
    /// span. A line above the section panics.
    pub fn span(&self, lines: std::ops::Range<usize>) -> impl Iterator<Item = Part> + '_ {
        let bits = if lines.is_empty() { &[] } else { &self.bits[self.at(lines.start)..self.at(lines.end)] };
        bits.iter().map(|&bit| PART_OF_BIT[usize::from(bit)])
    }

    /// Whether line `i`'s part is in `set`: a test of its bit (no part read).
    #[inline]
    pub fn is(&self, i: usize, set: PartSet) -> bool {
        self.bits[WORD..][i.wrapping_sub(self.first)] & set.0 != 0
    }

    /// Where line `i`'s part is in `bits` (for the scans: indexing a line checks that it is
    /// not above the section).
    #[inline]
    fn at(&self, i: usize) -> usize {
        i.wrapping_sub(self.first).wrapping_add(WORD)
    }

    /// The parts of the eight lines from `bits[at]` on, a byte each (the first line's in
    /// the low byte).
    #[inline]
    fn word(&self, at: usize) -> u64 {
        let bytes: [u8; WORD] = self.bits[at..at + WORD].try_into().expect("eight bytes");
        u64::from_le_bytes(bytes)
    }

    /// The byte `set` in every byte of a word: a word of parts and'ed with it keeps the
    /// bytes of the lines whose part is in the set.
    #[inline]
    fn spread(set: PartSet) -> u64 {
        u64::from(set.0) * 0x0101_0101_0101_0101
    }

    /// The first line in `lines` whose part is in `set`, found a word of eight lines at a
    /// time (most lines a scan passes are text or blank). `lines` must end within the
    /// section.
    #[inline]
    pub fn find(&self, lines: std::ops::Range<usize>, set: PartSet) -> Option<usize> {
        let (mut at, end) = (self.at(lines.start), self.at(lines.end));
        let set = Self::spread(set);
        // (The bytes after the last line are no part: a word read past `end` stays within
        // `bits`, and what it finds past `end` is ruled out.)
        while at < end {
            let found = self.word(at) & set;
            if found != 0 {
                let k = at + found.trailing_zeros() as usize / 8;
                return (k < end).then_some((k - WORD).wrapping_add(self.first));
            }
            at += WORD;
        }
        None
    }

    /// The last line in `lines` whose part is in `set`, found a word of eight lines at a
    /// time. `lines` must end within the section.
    #[inline]
    pub fn find_last(&self, lines: std::ops::Range<usize>, set: PartSet) -> Option<usize> {
        let (start, mut end) = (self.at(lines.start), self.at(lines.end));
        let set = Self::spread(set);
        // (The bytes before the first line are no part, as after the last.)
        while end > start {
            let found = self.word(end - WORD) & set;
            if found != 0 {
                let k = end - 1 - found.leading_zeros() as usize / 8;
                return (k >= start).then_some((k - WORD).wrapping_add(self.first));
            }
            end -= WORD;
        }
        None
    }

    /// Where a run that starts at `lines.start` ends: the run is the lines whose parts are
    /// in `run`, up to the first other line (or `lines.end`), and it ends after its last
    /// line whose part is in `kept` (at `lines.start` when it has none). Both searches go a
    /// word of lines at a time.
    pub fn run_end(&self, lines: std::ops::Range<usize>, run: PartSet, kept: PartSet) -> usize {
        let from = lines.start;
        let other = self.find(lines.clone(), run.not());
        let stop = other.unwrap_or(lines.end).max(from);
        self.find_last(from..stop, kept).map_or(from, |last| last + 1)
    }
}

impl std::ops::Index<usize> for SectionParts {
    type Output = Part;

    #[inline]
    fn index(&self, line: usize) -> &Part {
        &PART_OF_BIT[usize::from(self.bits[WORD..][line.wrapping_sub(self.first)])]
    }
}

/// The part of each bit, by the byte that holds it (a load, where its number would take a
/// count of zeros and a bounds check). Other bytes, the padding's zeros, are no line's.
const PART_OF_BIT: [Part; 256] = {
    let mut table = [Part::Blank; 256];
    let mut k = 0;
    while k < Part::ALL.len() {
        table[1 << k] = Part::ALL[k];
        k += 1;
    }
    table
};

/// The part of line `i`, and whether it heads the thread ([`is_thread_head`]), without
/// building its kind for most lines: told from the record's tag ([`PART_OF_TAG`]), or for
/// a single chrome phrase from `phrase_parts` ([`single_phrase_parts`]); the kind is built
/// only for the kinds kept beside the records.
#[cfg(test)]
fn part_of_line(lines: &LineStore<'_>, i: usize, phrase_parts: &[(Part, bool)]) -> (Part, bool) {
    match PART_OF_TAG[lines.tag(i) as usize] {
        // (These tags hold no count and no chrome line, the only kinds whose heading the
        // thread the part does not tell.)
        Some(part) => (part, matches!(part, Part::StrongHeader | Part::DatedFooter)),
        None => part_of_untagged(lines, i, phrase_parts),
    }
}

/// [`part_of_line`] of a line whose tag does not tell its part: a single chrome phrase,
/// or a kind kept beside the records.
#[inline]
fn part_of_untagged(lines: &LineStore<'_>, i: usize, phrase_parts: &[(Part, bool)]) -> (Part, bool) {
    if let Some(id) = lines.single_phrase(i) {
        return phrase_parts[usize::from(id)];
    }
    let kind = lines.kind(i);
    let part = part(kind);
    (part, is_thread_head(kind, part))
}

/// The part of every single chrome phrase, by phrase number, and whether it heads the
/// thread: looking a phrase's class and key up, and comparing keys, on every chrome line
/// cost more than the rest of the reading.
fn single_phrase_parts() -> &'static [(Part, bool)] {
    static PARTS: OnceLock<Vec<(Part, bool)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let phrases = u16::try_from(crate::phrases::chrome().len()).expect("phrase numbers fit a u16");
        (0..phrases)
            .map(|id| {
                let kind = Kind::Chrome(Segmentation::single(id));
                let part = part(kind);
                (part, is_thread_head(kind, part))
            })
            .collect()
    })
}

/// [`part`] of every kind a record with a tag can hold, by tag, when they all have the same
/// part (a single chrome phrase's part depends on the phrase, a kind kept beside on the
/// kind: `None`).
const PART_OF_TAG: [Option<Part>; Tag::COUNT] = {
    let mut table = [None; Tag::COUNT];
    let mut tag = 0;
    while tag < Tag::COUNT {
        table[tag] = part_of_tag(Tag::ALL[tag]);
        tag += 1;
    }
    table
};

const fn part_of_tag(tag: Tag) -> Option<Part> {
    Some(match tag {
        Tag::Blank | Tag::Residue => Part::Blank,
        Tag::Text | Tag::Average | Tag::Date => Part::Text,
        Tag::TimedDate | Tag::ReplyTo | Tag::ParentLink => Part::StrongHeader,
        Tag::Share | Tag::Avatar | Tag::AuthorLink | Tag::Says => Part::WeakHeader,
        Tag::Number | Tag::Edited => Part::Footer,
        Tag::SectionFence | Tag::CountWords => Part::Chrome,
        Tag::Heading => Part::Stop,
        Tag::Phrase | Tag::Extra => return None,
    })
}

fn part(kind: Kind) -> Part {
    match kind {
        Kind::Blank | Kind::Residue => Part::Blank,
        Kind::Date { timed: true, .. } => Part::StrongHeader,
        Kind::ReplyTo { .. } | Kind::ParentLink { .. } => Part::StrongHeader,
        Kind::Avatar { .. } | Kind::AuthorLink { .. } | Kind::Says { .. } | Kind::Share => Part::WeakHeader,
        Kind::Chrome(seg) => match seg.first().class {
            Class::Role | Class::Status | Class::AvatarAlt if seg.is_single() => Part::WeakHeader,
            Class::CommentTool if seg.phrases().all(|p| p.key.starts_with("wc_share")) => Part::WeakHeader,
            Class::ReplyButton | Class::ReadMore | Class::VoteButton | Class::CommentTool => Part::Footer,
            Class::PageFooter => Part::Stop,
            _ => Part::Chrome,
        },
        Kind::Number(_) | Kind::LegacyVotes(_) | Kind::Edited => Part::Footer,
        Kind::LegacyFooter { date: Some(_), .. } => Part::DatedFooter,
        Kind::LegacyFooter { date: None, .. } => Part::Footer,
        Kind::Count(_) | Kind::CountWords | Kind::RatingLine { .. } | Kind::SectionFence => Part::Chrome,
        Kind::Heading => Part::Stop,
        Kind::Text | Kind::Date { .. } | Kind::Average(_) => Part::Text,
    }
}

/// Lines that begin the thread itself: the count header, sort buttons, the inline bar, a
/// comment header.
fn is_thread_head(kind: Kind, part: Part) -> bool {
    match kind {
        Kind::Count(_) => true,
        Kind::Chrome(seg) => seg.phrases().any(|p| {
            matches!(p.class, Class::Sort | Class::More)
                || matches!(
                    p.key,
                    "wc_inline_feedbacks"
                        | "wc_inline_comments_view_all"
                        | "wc_sort_by"
                        | "wc_be_the_first_text"
                )
        }),
        _ => matches!(part, Part::StrongHeader | Part::DatedFooter),
    }
}

/// A header line that carries the comment's date.
pub(super) fn is_dated(kind: &Kind) -> bool {
    matches!(kind, Kind::Date { .. } | Kind::ReplyTo { date: Some(_), .. })
}

/// [`is_dated`] of line `i`, told from its record's tag (a `Reply to` with a date is kept
/// beside the records): no jump through the kinds' table, which a page's varied header
/// lines keep mispredicting.
#[inline]
pub(super) fn is_dated_line(lines: &LineStore<'_>, i: usize) -> bool {
    match lines.tag(i) {
        Tag::Date | Tag::TimedDate => true,
        Tag::Extra => is_dated(&lines.kind(i)),
        _ => false,
    }
}

/// Whether line `i` is a date (`Kind::Date`, timed or not): a date always fits a record.
#[inline]
pub(super) fn is_date_line(lines: &LineStore<'_>, i: usize) -> bool {
    matches!(lines.tag(i), Tag::Date | Tag::TimedDate)
}

/// Whether line `i` is `Reply to` (with or without a name or a date).
#[inline]
pub(super) fn is_reply_to_line(lines: &LineStore<'_>, i: usize) -> bool {
    match lines.tag(i) {
        Tag::ReplyTo => true,
        Tag::Extra => matches!(lines.kind(i), Kind::ReplyTo { .. }),
        _ => false,
    }
}

/// A line that reads as a display name rather than a sentence: a few words, not ending
/// like a sentence. Used where a line could equally be the last line of the comment above.
pub(in crate::page) fn reads_as_name(text: &str) -> bool {
    let text = text.trim_end();
    let words = text.split_whitespace().count();
    let sentence_end = text.ends_with(['.', '?', '!', '…', ':', ';', ',']);
    // Scripts written without spaces end sentences with their own marks.
    let cjk_sentence = text.ends_with(['。', '？', '！', '，']) && text.chars().count() > 5;
    // A pingback's excerpt: `[…] quoted text […]`.
    let excerpt = text.starts_with("[…]") || text.starts_with("[...]");
    let sentence = (sentence_end && words > 3) || cjk_sentence;
    words <= 24 && !sentence && !excerpt
}

/// Author lines are one line and not too long (pingback authors are page titles): line `i`,
/// read from its record (most loops ask this of lines they build no view of).
pub(super) fn is_name_like(lines: &LineStore<'_>, i: usize) -> bool {
    // No more bytes than the limit means no more characters: reading and counting only
    // long lines.
    lines.is_text(i)
        && lines.count(i) == 1
        && (lines.text_len(i) <= 200 || lines.text(i).chars().count() <= 200)
}

/// The widest a hard-wrapping converter makes a line (w3m and lynx at `-cols 100`,
/// html2text at 78), with room for indentation.
const WRAP_WIDTH: usize = 110;

/// The narrowest wrap width recognised (text browsers in a small terminal: 60 to 80).
const WRAP_WIDTH_MIN: usize = 40;

/// Text lines shorter than this (in bytes) say nothing about a wrap width.
const WRAP_EVIDENCE_MIN: usize = 30;

/// How far from the wrap width a wrapped line may end: about the longest word that did not
/// fit on it.
const WRAP_SLACK: usize = 15;

/// Words longer than this (in bytes) are URLs and the like, which no converter breaks.
const LONGEST_BREAKABLE_WORD: usize = 40;

/// True when a converter could have wrapped `text` at a converter's width: it is made of
/// words, not of a URL (lynx lists them at the end, `82. https://...`). A line that fits
/// the width has a space and ends in a word of ordinary length (the word that did not fit
/// went to the next line); a longer one has no overlong word in its first columns.
fn is_breakable(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() <= 2 * WRAP_WIDTH {
        return memchr::memrchr(b' ', bytes)
            .is_some_and(|space| bytes.len() - space - 1 <= LONGEST_BREAKABLE_WORD);
    }
    let mut spaced = false;
    let mut word = 0;
    for &byte in &bytes[..2 * WRAP_WIDTH] {
        if byte == b' ' {
            spaced = true;
            word = 0;
        } else {
            word += 1;
            if word > LONGEST_BREAKABLE_WORD {
                return false;
            }
        }
    }
    spaced
}

/// The column a text browser hard-wrapped the page at, if it did: the widest right edge
/// (indentation included, within a converter's width) that several text lines end close to
/// and few lines that could have been broken pass (preformatted text is never wrapped).
pub(super) fn wrap_width(page: &Page<'_, '_>) -> Option<usize> {
    // How many lines end at each column; the last slot counts every wider line.
    let mut edges = [0u32; 2 * WRAP_WIDTH + 1];
    let lines = page.lines;
    for i in 0..lines.len() {
        // Told from the record, before the text is read.
        if !lines.is_text(i) || lines.text_len(i) < WRAP_EVIDENCE_MIN || !is_breakable(lines.text(i)) {
            continue;
        }
        // More bytes than four times the slots means more characters than the slots.
        let edge = if lines.text_len(i) >= 4 * edges.len() { usize::MAX } else { page.end_column(i) };
        edges[edge.min(edges.len() - 1)] += 1;
    }
    // ending_after[c]: lines that end after column c - 1.
    let mut ending_after = [0u32; 2 * WRAP_WIDTH + 2];
    for column in (0..edges.len()).rev() {
        ending_after[column] = ending_after[column + 1] + edges[column];
    }
    // The widest edge that several lines end close to and few lines pass.
    (WRAP_WIDTH_MIN..=WRAP_WIDTH).rev().find(|&edge| {
        let wider = ending_after[edge + 1];
        let near_edge = ending_after[edge - WRAP_SLACK] - wider;
        edges[edge] > 0 && near_edge >= 3 && wider * 4 <= near_edge
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::Line;

    /// `Splitter::is_reply_button` rules out lines by their part first: every reply button
    /// must be a footer part.
    #[test]
    fn reply_buttons_are_footer_parts() {
        let seg = crate::phrases::chrome().segment("reply").expect("a phrase");
        assert!(seg.is_single() && seg.first().class == Class::ReplyButton, "{seg:?}");
        assert_eq!(part(Kind::Chrome(seg)), Part::Footer);
        // (With a date, a legacy footer is a `DatedFooter`.)
        assert_eq!(part(Kind::LegacyFooter { votes: 2, date: None }), Part::Footer);
    }

    /// `Splitter::mode` walks back from a date over footer parts only: vote lines must be
    /// footer parts.
    #[test]
    fn vote_lines_are_footer_parts() {
        let seg = crate::phrases::chrome().segment("vote up").expect("a phrase");
        assert!(seg.all(Class::VoteButton), "{seg:?}");
        assert_eq!(part(Kind::Chrome(seg)), Part::Footer);
        assert_eq!(part(Kind::LegacyVotes(-3)), Part::Footer);
    }

    #[test]
    fn name_like_lines_are_one_line_of_200_characters_at_most() {
        let long = "é".repeat(150); // 300 bytes, 150 characters
        let longer = "é".repeat(201);
        let input = format!("Frank\n{long}\n{longer}\nTwo\nlines\n12\n");
        let mut lines = LineStore::with_capacity(&input, 8, 1);
        // (length, lines, kind) of each record, in order.
        let records = [
            (5, 1, Kind::Text),
            (long.len(), 1, Kind::Text),
            (longer.len(), 1, Kind::Text),
            (9, 2, Kind::Text),
            (2, 1, Kind::Number(12)),
        ];
        let (mut at, mut number) = (0, 1);
        for (len, count, kind) in records {
            lines.push(Line::new(&input[at..at + len], count, kind), number);
            at += len + 1;
            number += count as usize;
        }
        let expected = [true, true, false, false, false];
        for (i, expected) in expected.into_iter().enumerate() {
            assert_eq!(is_name_like(&lines, i), expected, "line {i}");
        }
    }

    /// Every kind the store's tests use, a date of some page, and chrome segmentations.
    fn every_kind(date: crate::lines::DateId) -> Vec<Kind> {
        let mut kinds = crate::lines::every_kind();
        kinds.extend([
            Kind::Date { date, timed: true },
            Kind::ReplyTo { name: crate::lines::Name::NONE, date: Some(date) },
            Kind::LegacyFooter { votes: 9, date: None },
        ]);
        let chrome = crate::phrases::chrome();
        for text in ["reply", "vote up", "guest", "share", "load more comments", "reply 2 years ago"] {
            kinds.extend(chrome.segment(text).map(Kind::Chrome));
        }
        kinds.push(Kind::Chrome(Segmentation::single(0)));
        kinds
    }

    /// The part and thread head told from the tag are those of the kind, for every line of
    /// every test page and every kind; and `SectionParts::read` (parts from a table, the
    /// head found afterwards) gives them and the first line that heads the thread, from
    /// several first lines.
    /// Runs `check` on the lines of every test page, then on a store of every kind (its
    /// dates one of the pages' date ids).
    fn check_every_page_and_kind(check: impl Fn(&LineStore<'_>)) {
        let pages = crate::test_pages::pages();
        assert!(pages.len() > 20, "the test pages are there");
        let mut date = None;
        for page in &pages {
            let lines = crate::lines::classify_all(page, 0).lines;
            check(&lines);
            date = date.or_else(|| {
                lines
                    .kinds()
                    .find_map(|kind| if let Kind::Date { date, .. } = kind { Some(date) } else { None })
            });
        }
        let input = "x";
        let mut lines = LineStore::with_capacity(input, 64, 1);
        for (number, kind) in every_kind(date.expect("a page has a date")).into_iter().enumerate() {
            lines.push(Line::new(input, 1, kind), number + 1);
        }
        check(&lines);
    }

    #[test]
    fn parts_from_tags_are_the_parts_of_the_kinds() {
        let check = |lines: &LineStore<'_>| {
            for i in 0..lines.len() {
                let kind = lines.kind(i);
                let expected = (part(kind), is_thread_head(kind, part(kind)));
                assert_eq!(part_of_line(lines, i, single_phrase_parts()), expected, "{kind:?}");
            }
            for first in (0..lines.len()).step_by(lines.len() / 8 + 1) {
                let (parts, head) = SectionParts::read(lines, first);
                let exact_head = (first..lines.len())
                    .find(|&i| is_thread_head(lines.kind(i), part(lines.kind(i))))
                    .unwrap_or(lines.len());
                assert_eq!(head, exact_head, "from line {first}");
                for i in first..lines.len() {
                    assert_eq!(parts[i], part(lines.kind(i)), "line {i}: {:?}", lines.kind(i));
                }
            }
        };
        check_every_page_and_kind(check);
    }

    /// The line tests told from tags are those of the kinds, for every line of every test
    /// page and every kind.
    #[test]
    fn line_tests_from_tags_are_those_of_the_kinds() {
        let check = |lines: &LineStore<'_>| {
            for i in 0..lines.len() {
                let kind = lines.kind(i);
                assert_eq!(is_dated_line(lines, i), is_dated(&kind), "{kind:?}");
                assert_eq!(is_date_line(lines, i), matches!(kind, Kind::Date { .. }), "{kind:?}");
                assert_eq!(is_reply_to_line(lines, i), matches!(kind, Kind::ReplyTo { .. }), "{kind:?}");
            }
        };
        check_every_page_and_kind(check);
    }

    proptest::proptest! {
        /// `find` and `find_last` (a word of eight parts at a time) are the first and last
        /// line of the range whose part is in the set, wherever the range starts and ends
        /// (in a word, across words, empty or reversed) and whatever the set.
        #[test]
        fn searches_by_word_are_the_walks(
            numbers in proptest::collection::vec(0usize..8, 0..70),
            first in 0usize..20,
            range in (0usize..75, 0usize..20, proptest::bool::ANY),
            set in (0u8..8, 0u8..8, proptest::bool::ANY),
        ) {
            let parts: Vec<Part> = numbers.iter().map(|&k| Part::ALL[k]).collect();
            let section = SectionParts::of(first, &parts);
            // Mostly short ranges (long ones, with most sets, end at their first lines).
            let (start, len, reversed) = range;
            let (start, end) = (start.min(parts.len()), (start + len).min(parts.len()));
            let (start, end) = if reversed { (first + end, first + start) } else { (first + start, first + end) };
            // Sets of one or two parts, or of all parts but one (as `PartSet::SOLID`).
            let (a, b, all_but) = set;
            let set = if all_but { PartSet(!(1 << a)) } else { PartSet(1 << a | 1 << b) };
            let wanted = |i: &usize| parts[i - first].is_in(set);
            proptest::prop_assert_eq!(section.find(start..end, set), (start..end).find(wanted));
            proptest::prop_assert_eq!(section.find_last(start..end, set), (start..end).rev().find(wanted));
            for i in start..end {
                proptest::prop_assert_eq!(section[i], parts[i - first]);
                proptest::prop_assert_eq!(section.is(i, set), parts[i - first].is_in(set));
            }
        }
    }

    #[test]
    fn section_parts_start_at_the_section_and_find_the_head() {
        let input = "Title\n\nBody\n\n2 Comments\n\nA comment.\n";
        let mut lines = LineStore::with_capacity(input, 8, 1);
        let kinds =
            [Kind::Heading, Kind::Blank, Kind::Text, Kind::Blank, Kind::Count(2), Kind::Blank, Kind::Text];
        let mut at = 0;
        for (number, kind) in kinds.into_iter().enumerate() {
            let end = at + input[at..].find('\n').unwrap();
            lines.push(Line::new(&input[at..end], 1, kind), number + 1);
            at = end + 1;
        }
        let (parts, head) = SectionParts::read(&lines, 2);
        assert_eq!(
            (parts[2], parts[3], parts[4], parts[6]),
            (Part::Text, Part::Blank, Part::Chrome, Part::Text)
        );
        assert_eq!(head, 4, "the count heads the thread");
        assert_eq!(parts.span(3..5).collect::<Vec<_>>(), [Part::Blank, Part::Chrome]);
        assert_eq!(parts.span(5..5).count(), 0);
        let (from, to) = (6, 5);
        assert_eq!(parts.span(from..to).count(), 0, "a reversed range is empty");
        let (_, head) = SectionParts::read(&lines, 5);
        assert_eq!(head, lines.len(), "no head after it");
        let result = std::panic::catch_unwind(|| parts[0]);
        assert!(result.is_err(), "a line above the section has no part");
    }
}

//! Stage 1: read every line once and say what it looks like.
//!
//! Each line (or, for markup or chrome a converter wrapped over several lines, each group of
//! lines) gets a [`Kind`] from small rules: phrase lookup in the tables of every language, nom
//! rules for dates and reply markers, byte scans with nom's signatures for the hot shapes
//! (numbers, markdown links and images, residue). Kinds say what a line
//! *could* be; whether an `Author` line is a role badge or article text is decided in stage 2,
//! which sees the whole page. Two rules look at neighbours: a line that starts with a phrase
//! is tried together with the next one (wrapped chrome), and a `Reply to` that reads like a
//! `Reply` button is told from it by its place ([`resolve_reply_markers`]).
//!
//! Lines repeat on a page (buttons, vote numbers, badges, names): a short line whose text
//! was classified before gets that kind again ([`memo`]), so the rules run once per
//! distinct line.

pub(crate) mod date;
mod memo;
mod rules;
mod store;

use std::num::NonZeroU32;

use crate::input::{Lines, RawLine};
use crate::phrases::{self, Class, Normalized, Opening, Segmentation};
pub(crate) use date::DateToken;
use memo::{LineMemo, Remembered};
use rules::MarkupShape;
pub(crate) use rules::{empty_link, heading, is_blank, trim_blank, without_link_reference};
#[cfg(test)]
pub(crate) use store::every_kind;
pub(crate) use store::{LineStore, PackedLine, Tag};

/// True for a line of nothing but converter residue: `__` icon glyphs, empty form widgets.
pub(crate) fn is_icon_residue(text: &str) -> bool {
    !text.is_empty() && rules::strip_residue(text).is_empty()
}

/// What a line looks like. No pointers (names are [`Name`]s, dates [`DateId`]s): a page
/// holds one per line, and this keeps it at 16 bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// Empty, or whitespace only.
    Blank,
    /// Anything the rules below don't claim: article, body or footer text.
    Text,
    /// A markdown heading (`## Related`) that is not a phrase.
    Heading,
    /// Markup or converter residue with no words: `__`, `[    ]`, `:::` fences, `{}`-less
    /// pandoc attribute lines, empty links.
    Residue,
    /// A pandoc fence that opens the wpDiscuz block (`::: {#wpdcom ...}`).
    SectionFence,
    /// One phrase of the tables, or several glued together (`Newest Most Voted`).
    Chrome(Segmentation),
    /// `14 Comments`, `1.2K Comments`, `1 Comment on "Title"`.
    Count(u64),
    /// The words of a count header whose number a converter put on the line before:
    /// `Comments` or ` Comments on "Title"` after a line `14`.
    CountWords,
    /// `4.5 2 votes`: average in tenths, votes.
    RatingLine { tenths: u32, votes: u64 },
    /// A bare number: a vote count, or a part of a split rating widget or count header.
    Number(i64),
    /// A bare decimal with one digit after the point (`4.5`), in tenths: a split rating
    /// widget's average.
    Average(u32),
    /// A date line; `timed` when a comment header could carry it ([`DateToken::is_timed`]).
    Date { date: DateId, timed: bool },
    /// `Reply to NAME`; the name is empty when a converter put it on the next line; layout
    /// 3 can put the date on the same line.
    ReplyTo { name: Name, date: Option<DateId> },
    /// A markdown link to the parent comment, `[ Name ](...#comment-123)`.
    ParentLink { name: Name },
    /// A markdown avatar image, `![Name](...)`.
    Avatar { alt: Name },
    /// A markdown link alone on a line, `[Name](url)`: an author with a website (the URL
    /// is read again when needed, [`author_url`], so that a line stays small).
    AuthorLink { name: Name },
    /// A WordPress core header line naming the author: `Frank says:`, `Pingback: Title`.
    Says { name: Name },
    /// Legacy `Vote Up 3 Vote Down`.
    LegacyVotes(i64),
    /// Legacy `9  REPLY3 months 11 days ago`: votes, and the date when there is one.
    LegacyFooter { votes: i64, date: Option<DateId> },
    /// `Last edited 2 years ago by Frank`.
    Edited,
    /// Share links or buttons.
    Share,
}

/// A date as stage 1 read it: kept beside the lines ([`Classified::dates`]), so that a
/// line stays small.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DateEntry<'a> {
    pub token: DateToken,
    /// The date as shown, residue removed.
    pub text: &'a str,
}

// A page holds one per date line (the tokens are 16 bytes, `date/mod.rs`).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<DateEntry<'_>>() <= 32);

/// The number of a [`DateEntry`]: its index plus one (so that `Option<DateId>` takes four
/// bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateId(NonZeroU32);

/// A name on a line (`Reply to NAME`, an avatar's alt text, a linked author): where it
/// lies in the line's text ([`Line::name`] gives it back). An offset instead of a slice
/// keeps [`Kind`] small, and a repeated line can take its first copy's kind as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Name {
    start: u32,
    len: u32,
}

impl Name {
    /// No name: a `Reply to` whose name a converter put on the next line.
    pub const NONE: Name = Name { start: 0, len: 0 };

    /// `name`, a part of `line`, as a [`Name`] (an empty one as [`Name::NONE`]); `None` when
    /// it lies elsewhere.
    fn within(line: &str, name: &str) -> Option<Name> {
        if name.is_empty() {
            return Some(Name::NONE);
        }
        let start = crate::input::offset_within(name, line)?;
        Some(Name { start: u32::try_from(start).ok()?, len: u32::try_from(name.len()).ok()? })
    }

    /// The name's text in `line`, the text of the line that holds it (empty if it is not
    /// there, which a line's own names never are).
    pub fn in_text(self, line: &str) -> &str {
        let start = self.start as usize;
        line.get(start..start + self.len as usize).unwrap_or_default()
    }

    /// True for [`Name::NONE`] (and any empty name).
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// A classified line (or group of lines), as stage 2 reads it from the [`LineStore`]
/// (which keeps it packed, without its line number: [`LineStore::number`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// The text without surrounding whitespace (may span lines when `count > 1`).
    pub text: &'a str,
    /// Number of physical lines in the group (1 unless markup was wrapped or the lines are
    /// a run of blank lines).
    pub count: u32,
    /// What it looks like.
    pub kind: Kind,
}

/// What stage 1 makes of a page: its lines and the dates found on them.
#[derive(Debug)]
pub(crate) struct Classified<'a> {
    pub lines: LineStore<'a>,
    pub dates: Vec<DateEntry<'a>>,
}

impl DateId {
    /// The entry's index in [`Classified::dates`].
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// The offset where the physical line holding byte `offset` of `input` starts (after
/// `floor`, the end of a byte-order mark): a stored start would make every line bigger.
pub(crate) fn line_start(input: &str, floor: usize, offset: usize) -> usize {
    memchr::memrchr2(b'\n', b'\r', &input.as_bytes()[floor..offset]).map_or(floor, |at| floor + at + 1)
}

/// The URL of a [`Kind::AuthorLink`] line `text`, whose link text is `name`: read past the
/// name (its blanks and the text's closing `]` or `\]`), where stage 1 found the link,
/// rather than by parsing the line again.
pub(crate) fn author_url(text: &str, name: Name) -> Option<&str> {
    let after = text.get(name.start as usize + name.len as usize..)?.trim_start_matches(is_blank);
    let target = after.strip_prefix(']').or_else(|| after.strip_prefix("\\]"))?;
    rules::link_url(target)
}

/// The name a line that is a badge word prints, without its markup: an image's alt text,
/// a link's text, or the line itself; with the link's URL (`None` for an image, whose link
/// leads to the same profile as the name's), and whether the line is an image (an avatar).
pub(crate) fn shown_name(text: &str) -> (&str, Option<&str>, bool) {
    let core = rules::strip_residue(text);
    if let Ok((_, alt)) = rules::avatar(core) {
        return (trim_blank(alt), None, true);
    }
    if let Ok((_, (name, url))) = rules::link(core) {
        return (trim_blank(name), Some(url), false);
    }
    (core, None, false)
}

impl<'a> Line<'a> {
    /// A line of `count` physical lines.
    pub fn new(text: &'a str, count: u32, kind: Kind) -> Self {
        Line { text, count, kind }
    }

    /// The text of `name`, a name of this line's kind.
    pub fn name(&self, name: Name) -> &'a str {
        name.in_text(self.text)
    }

    /// True for blank lines.
    pub fn is_blank(&self) -> bool {
        matches!(self.kind, Kind::Blank)
    }

    /// The phrases when the line is chrome.
    pub fn chrome(&self) -> Option<Segmentation> {
        match self.kind {
            Kind::Chrome(seg) => Some(seg),
            _ => None,
        }
    }

    /// True for the words of a count header without their number (`Comments`).
    pub fn is_count_words(&self) -> bool {
        matches!(self.kind, Kind::CountWords)
    }

    /// True when the line is chrome made only of phrases of `class`.
    pub fn is_chrome(&self, class: Class) -> bool {
        self.chrome().is_some_and(|s| s.all(class))
    }

    /// The key of the (first) phrase of a chrome line.
    pub fn phrase_key(&self) -> Option<&'static str> {
        self.chrome().map(|s| s.first().key)
    }
}

/// The most classified lines reserved up front (1 MB of records).
const PREALLOCATED_LINES: usize = 1 << 16;

/// The bytes of a line, blank lines included, on an ordinary page (20 to 30 on the real and
/// generated pages): what sizes a page's tables before its lines are read.
const BYTES_PER_LINE: usize = 24;

/// The most dates reserved up front (128 KB).
const PREALLOCATED_DATES: usize = 1 << 12;

/// Classifies every line of `input` from byte `start`.
pub(crate) fn classify_all(input: &str, start: usize) -> Classified<'_> {
    let mut classifier = Classifier::default();
    // Sized from the page's length, for one allocation or none on a page of ordinary size
    // (the store takes over the thread's last buffers); past that, the vectors grow as
    // needed: blank runs fold, and a huge page must not reserve for lines it will not keep.
    // (Counting the lines first, with memchr, cost 1% of the parse.)
    let lines = (input.len() - start) / BYTES_PER_LINE;
    let first_number = Lines::new(input, start).next().map_or(1, |line| line.number);
    let mut out = LineStore::with_capacity(input, lines.min(PREALLOCATED_LINES) + 1, first_number);
    classifier.memo = LineMemo::for_lines(input, lines);
    // About a date line in sixteen on a page of comments (each has a header, a body and a
    // footer between blank lines): most pages' dates fit without the vector growing.
    classifier.dates = Vec::with_capacity((lines / 16).min(PREALLOCATED_DATES));
    // Peeked by copying the walker (two words), rarely: a `Peekable` costs every line.
    let mut raw = Lines::new(input, start);
    let mut saw_ambiguous_reply = false;
    loop {
        if let Some((number, start)) = raw.next_if_blank() {
            out.push_blank_at(start, number);
            continue;
        }
        // An indented line comes without its leading spaces (`next_if_blank` stepped over
        // them): every use of its text below trims it anyway.
        let Some(first) = raw.next() else { break };
        let trimmed = trim_blank(first.text);
        // Half the lines of a dump are blank: they are not classified, only counted.
        if trimmed.is_empty() {
            out.push_blank(trimmed, first.number);
            continue;
        }
        let mut group = Group { first, last: first, count: 1 };
        if opens_wrapped_markup(trimmed, classifier.saw_fence) {
            group.extend_while_open(input, &mut raw);
        }
        // Most solid lines are prose, which no rule claims: told from their edges, they are
        // stored as text without the memo, the rules, or the checks below.
        if group.count == 1 && is_plain_prose(trimmed) {
            out.push_text(trimmed, first.number);
            continue;
        }
        let mut text = if group.count == 1 { trimmed } else { group.text(input) };
        let mut kind = if group.count == 1 {
            match classifier.classify_line(text) {
                // A known line that none of the checks below concerns: stored at once.
                Verdict::Ready(packed) => {
                    out.push_packed(text, first.number, packed);
                    continue;
                }
                Verdict::Kind(kind) => kind,
            }
        } else {
            classifier.classify(text)
        };
        // A trailing NBSP survives only on a `Reply to\u{a0} ` whose name a converter put on
        // the next line; in languages whose marker is also the `Reply` button word, it is the
        // one difference. (The kind is changed in place: a 16-byte value moved through
        // matches costs every line.)
        if let Kind::Chrome(seg) = kind {
            let nbsp_tail = || group.raw_text(input).trim_end_matches([' ', '\t']).ends_with('\u{a0}');
            if seg.is_single() && nbsp_tail() && phrases::markers().is_reply_to(&phrases::normalize(text)) {
                kind = Kind::ReplyTo { name: Name::NONE, date: None };
            }
        }
        // Chrome a text browser wrapped (`Diesen Kommentar auf Twitter teilen? Diesen Kommentar
        // auf Twitter` / `teilen?`): a line that starts with a phrase but is none, and reads
        // as phrases with the next line, is one chrome line.
        if matches!(kind, Kind::Text) && group.count == 1 && classifier.opened_with_phrase {
            let wrapped =
                raw.clone().next().filter(|next| !trim_blank(next.text).is_empty()).and_then(|next| {
                    let joined = trim_blank(&input[first.start..next.end()]);
                    classifier.segment(joined).map(|seg| (joined, seg))
                });
            if let Some((joined, seg)) = wrapped {
                raw.next();
                group.count += 1;
                (text, kind) = (joined, Kind::Chrome(seg));
            }
        }
        let count = u32::try_from(group.count).expect("a group is at most MAX_WRAPPED_LINES lines");
        saw_ambiguous_reply |= is_ambiguous_reply(kind);
        out.push(Line::new(text, count, kind), first.number);
    }
    // Most pages have none (their language tells the two apart): two passes saved.
    if saw_ambiguous_reply {
        resolve_reply_markers(&mut out);
    }
    // Give back what folding and growth left unused (in place, for a large vector).
    out.shrink(PREALLOCATED_LINES);
    let Classifier { dates, memo, .. } = classifier;
    memo.recycle();
    Classified { lines: out, dates }
}

/// In languages whose `Reply to` is also the `Reply` button's word (zh `回复`, vi `Trả lời`),
/// only the NBSP after the marker tells them apart, and some converters strip it
/// (BeautifulSoup's `get_text(strip=True)`). Such a line is the marker when it stands before
/// a name and a date, after a role badge, or, on a page whose buttons follow vote numbers,
/// after no number.
fn resolve_reply_markers(lines: &mut LineStore<'_>) {
    let after_votes = |lines: &LineStore<'_>, i: usize| {
        prev_solid(lines, i).is_some_and(|p| matches!(lines.kind(p), Kind::Number(_)))
    };
    let mut votes_before_buttons = false;
    for i in 0..lines.len() {
        if is_ambiguous_reply(lines.kind(i)) && after_votes(lines, i) {
            votes_before_buttons = true;
            break;
        }
    }
    for i in 0..lines.len() {
        if !is_ambiguous_reply(lines.kind(i)) {
            continue;
        }
        let after_badge = prev_solid(lines, i).is_some_and(|p| lines.at(p).is_chrome(Class::Role));
        let name_then_date = next_solid(lines, i).is_some_and(|name| {
            let line = lines.at(name);
            matches!(line.kind, Kind::Text)
                && is_name_like(line.text)
                && next_solid(lines, name)
                    .is_some_and(|date| matches!(lines.kind(date), Kind::Date { timed: true, .. }))
        });
        if name_then_date && (after_badge || (votes_before_buttons && !after_votes(lines, i))) {
            lines.set_kind(i, Kind::ReplyTo { name: Name::NONE, date: None });
        }
    }
}

/// A `Reply` button line that reads the same as the `Reply to` marker of its language.
fn is_ambiguous_reply(kind: Kind) -> bool {
    matches!(kind, Kind::Chrome(seg) if phrases::markers().is_ambiguous_reply_button(&seg))
}

/// The nearest line before `i` that is neither blank nor residue.
fn prev_solid(lines: &LineStore<'_>, i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !matches!(lines.kind(j), Kind::Blank | Kind::Residue))
}

/// The nearest line after `i` that is neither blank nor residue.
fn next_solid(lines: &LineStore<'_>, i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| !matches!(lines.kind(j), Kind::Blank | Kind::Residue))
}

/// Physical lines read as one: markup that a converter wrapped.
struct Group<'a> {
    first: RawLine<'a>,
    last: RawLine<'a>,
    count: usize,
}

/// The most lines a wrapped markdown link or pandoc attribute block may span (a wrapped row
/// of share links that carries the comment's text in its URLs takes about ten).
const MAX_WRAPPED_LINES: usize = 16;

impl<'a> Group<'a> {
    /// Takes following lines until brackets balance, a blank line, or the cap. A blank line
    /// ends the group unless it falls inside a link's URL: a share link's URL carries the
    /// comment's first words, blank lines included, which html2text wraps as they come.
    fn extend_while_open(&mut self, input: &'a str, raw: &mut Lines<'a>) {
        let mut brackets = Brackets::default();
        brackets.read(self.first.text);
        // The lines taken are consecutive: the first and the last say which.
        let mut taken: Option<(RawLine<'a>, RawLine<'a>)> = None;
        let mut count = 0;
        while brackets.balance > 0 && self.count + count < MAX_WRAPPED_LINES {
            let mut after = raw.clone();
            let Some(next) = after.next() else { break };
            if trim_blank(next.text).is_empty() && !brackets.inside_link_url() {
                break;
            }
            brackets.read(next.text);
            *raw = after;
            taken = Some((taken.map_or(next, |(first, _)| first), next));
            count += 1;
        }
        match taken {
            Some((_, last)) if brackets.balance <= 0 => {
                self.last = last;
                self.count += count;
            }
            // Never balanced: not wrapped markup after all. Put the lines back by
            // re-reading them as lines of their own.
            Some((first, _)) => *raw = Lines::resume(input, &first),
            None => {}
        }
    }

    /// The group's text as it stands, whitespace included.
    fn raw_text(&self, input: &'a str) -> &'a str {
        &input[self.first.start..self.last.end()]
    }

    /// The group's text, trimmed.
    fn text(&self, input: &'a str) -> &'a str {
        trim_blank(&input[self.first.start..self.last.end()])
    }
}

/// A line that starts markdown or pandoc markup (`[`, `![`, `\[`) and leaves a bracket open,
/// or, on a page of pandoc markdown (`pandoc`: a fenced div was seen), that leaves a pandoc
/// attribute block open wherever it starts.
fn opens_wrapped_markup(trimmed: &str, pandoc: bool) -> bool {
    // Most lines start with a letter: ruled out by their first byte.
    let may_open = |b: u8| matches!(b, b'_' | b' ' | b'[' | b'!' | b'\\');
    if !pandoc && !trimmed.as_bytes().first().copied().is_some_and(may_open) {
        return false;
    }
    // Icon residue and spaces are ASCII: skipped as bytes.
    let core = &trimmed.as_bytes()[trimmed.bytes().take_while(|&b| b == b'_' || b == b' ').count()..];
    let markup = core.starts_with(b"[") || core.starts_with(b"![") || core.starts_with(b"\\[");
    (markup || (pandoc && rules::leaves_attributes_open(trimmed))) && bracket_depth(trimmed) > 0
}

/// The brackets of all kinds in the text read so far (escaped ones excepted): how many are
/// open, and whether the text ends inside the URL of a markdown link.
#[derive(Debug, Default, PartialEq)]
struct Brackets {
    /// Open minus closed brackets (negative when more close than open).
    balance: i32,
    /// The open brackets as a stack of bits (1: a `(` right after a `]`), innermost lowest;
    /// nesting deeper than 64 is no link a converter wrapped.
    open: u64,
    depth: u32,
    too_deep: bool,
    escaped: bool,
    after_close: bool,
}

impl Brackets {
    /// Reads `text`. Most of its bytes are none of the seven that matter (a link's words and
    /// URL): each block of [`BRACKET_BLOCK`] bytes is first turned into a mask of the bytes
    /// that may matter (a test the compiler turns into vector code), and only those are read
    /// one by one. A byte between two of them only ends an escape and a `]`'s hold on a `(`.
    fn read(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // The offset after the last byte read one by one.
        let mut read_to = 0;
        for (block_index, block) in bytes.chunks(BRACKET_BLOCK).enumerate() {
            let start = block_index * BRACKET_BLOCK;
            let mut mask = bracket_mask(block);
            while mask != 0 {
                let at = start + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                if at > read_to {
                    self.after_plain_byte();
                }
                self.read_byte(bytes[at]);
                read_to = at + 1;
            }
        }
        if bytes.len() > read_to {
            self.after_plain_byte();
        }
    }

    /// The state after a byte that is none of `[](){}\\`: it ends an escape (it was the
    /// escaped byte) and is not a `]` before a `(`.
    fn after_plain_byte(&mut self) {
        self.escaped = false;
        self.after_close = false;
    }

    /// Reads one byte (any byte: one that is no bracket or backslash is a plain one).
    fn read_byte(&mut self, byte: u8) {
        let url = byte == b'(' && self.after_close && !self.escaped;
        self.after_close = byte == b']' && !self.escaped;
        match byte {
            _ if self.escaped => self.escaped = false,
            b'\\' => self.escaped = true,
            b'[' | b'(' | b'{' => {
                self.balance += 1;
                if self.depth == 64 {
                    self.too_deep = true;
                } else {
                    self.open = self.open << 1 | u64::from(url);
                    self.depth += 1;
                }
            }
            b']' | b')' | b'}' => {
                self.balance -= 1;
                if self.depth > 0 {
                    self.open >>= 1;
                    self.depth -= 1;
                }
            }
            _ => {}
        }
    }

    /// True when the innermost bracket still open is the `(` of a `](`.
    fn inside_link_url(&self) -> bool {
        !self.too_deep && self.depth > 0 && self.open & 1 == 1
    }
}

/// The bytes [`Brackets::read`] masks at a time.
const BRACKET_BLOCK: usize = 32;

/// Bit `i` set when `block[i]` may be a bracket or a backslash: all of `[](){}\\` are, and
/// `|` too (the test folds case: `{|}` are `[\\]` with bit 5 set), which reads as the plain
/// byte it is.
fn bracket_mask(block: &[u8]) -> u32 {
    let may_matter = |byte: u8| (byte | 1) == b')' || (byte & !0x20).wrapping_sub(b'[') < 3;
    block.iter().enumerate().fold(0, |mask, (i, &byte)| mask | u32::from(may_matter(byte)) << i)
}

/// Open minus closed brackets of all kinds (escaped ones excepted).
fn bracket_depth(text: &str) -> i32 {
    // Without a backslash nothing is escaped and the balance is a plain count, which the
    // compiler turns into vector code (link lines carry long URLs).
    if memchr::memchr(b'\\', text.as_bytes()).is_none() {
        return unescaped_bracket_balance(text.as_bytes());
    }
    let mut brackets = Brackets::default();
    brackets.read(text);
    brackets.balance
}

/// Open minus closed brackets of all kinds in `bytes`, none of them escaped.
fn unescaped_bracket_balance(bytes: &[u8]) -> i32 {
    // Summed in bytes, sixteen to a vector register: a block of at most 127 bytes cannot
    // reach past an `i8`, so its wrapping byte sum is its balance.
    let step = |b: u8| {
        u8::from(matches!(b, b'[' | b'(' | b'{')).wrapping_sub(u8::from(matches!(b, b']' | b')' | b'}')))
    };
    let block_balance = |block: &[u8]| block.iter().fold(0u8, |sum, &b| sum.wrapping_add(step(b))) as i8;
    bytes.chunks(127).map(|block| i32::from(block_balance(block))).sum()
}

/// What [`Classifier::classify_line`] found for a line of its own.
enum Verdict {
    /// A line known from earlier with a kind that none of the line loop's checks concerns,
    /// packed for its record.
    Ready(PackedLine),
    /// The line's kind, for the line loop to check.
    Kind(Kind),
}

/// True when none of the checks `classify_all` makes after a line's kind can concern a line
/// with this text, kind and opening, whatever the lines around it: no text that opened with
/// a phrase (it may be chrome wrapped onto the next line), no single phrase that reads as
/// the `Reply to` marker (a trailing NBSP makes it one, and the `Reply` button of a language
/// whose marker is the same word may be one by the lines around it). Both depend on the
/// text alone; a known line that passes is stored without the checks.
fn needs_no_checks(text: &str, kind: Kind, opened_with_phrase: bool) -> bool {
    match kind {
        Kind::Text => !opened_with_phrase,
        Kind::Chrome(seg) => !(seg.is_single() && phrases::markers().is_reply_to(&phrases::normalize(text))),
        _ => true,
    }
}

/// The per-parse state of stage 1: a reused buffer for normalized text, the dates found.
#[derive(Debug, Default)]
struct Classifier<'a> {
    normalized: Normalized,
    dates: Vec<DateEntry<'a>>,
    /// The line just classified started with a phrase (and may be wrapped chrome).
    opened_with_phrase: bool,
    /// A pandoc fenced div (`:::`) was seen: the page is pandoc markdown, whose attribute
    /// blocks may wrap onto the next lines.
    saw_fence: bool,
    /// The short lines seen so far and their kinds.
    memo: LineMemo<'a>,
    /// The text being classified: the [`Name`]s of its kind are offsets into it.
    line: &'a str,
}

/// Lines longer than this are never chrome, dates or markers (only text or markup).
const MAX_SHORT_LINE: usize = 200;

impl<'a> Classifier<'a> {
    /// Keeps a date found on a line: its number in the table (`None` past four billion
    /// dates, when the line is read as text).
    fn keep_date(&mut self, token: DateToken, text: &'a str) -> Option<DateId> {
        let id = u32::try_from(self.dates.len() + 1).ok().and_then(NonZeroU32::new)?;
        self.dates.push(DateEntry { token, text });
        Some(DateId(id))
    }

    /// A kind that names `name`, a part of the line being classified (text when it is not
    /// one, which the rules never produce: they only take parts of the line).
    fn named(&self, name: &str, kind: impl FnOnce(Name) -> Kind) -> Kind {
        Name::within(self.line, name).map_or(Kind::Text, kind)
    }

    /// A date line's kind.
    fn date_kind(&mut self, token: DateToken, text: &'a str) -> Kind {
        let timed = token.is_timed();
        self.keep_date(token, text).map_or(Kind::Text, |date| Kind::Date { date, timed })
    }

    /// [`Self::classify`] for a line of its own. A short line seen before on the thread (this
    /// page or an earlier one) gets that line's kind, if it was one that depends on the text
    /// alone ([`memo::known`]); one whose kind holds a date of the page (or a fence) gets the
    /// kind of the page's earlier line with its text, its dates kept again as this line's.
    fn classify_line(&mut self, text: &'a str) -> Verdict {
        if text.len() > memo::MAX_REMEMBERED_LINE {
            return Verdict::Kind(self.classify(text));
        }
        let hash = memo::hash(text.as_bytes());
        if let Some(known) = memo::known(hash, text) {
            self.opened_with_phrase = known.opened_with_phrase;
            return known.ready.map_or(Verdict::Kind(known.kind), Verdict::Ready);
        }
        let slot = self.memo.slot(hash);
        if let Some(seen) = self.memo.get(slot, text) {
            if let Some(kind) = self.repeat(seen, text) {
                self.opened_with_phrase = seen.opened_with_phrase;
                return Verdict::Kind(kind);
            }
        }
        let dates = self.dates.len();
        // A fence (`Residue`, `SectionFence`) also sets `saw_fence`, a state of the page:
        // told apart from other residue (`__`, `[](about:blank)`) by the flag.
        let saw_fence = std::mem::take(&mut self.saw_fence);
        let kind = self.classify(text);
        let fence = self.saw_fence;
        self.saw_fence |= saw_fence;
        let opened_with_phrase = self.opened_with_phrase;
        if self.dates.len() == dates && !fence {
            let ready = needs_no_checks(text, kind, opened_with_phrase)
                .then(|| LineStore::packed_line(kind))
                .flatten();
            memo::learn(hash, text, memo::Known { kind, opened_with_phrase, ready });
        } else {
            self.memo.put(slot, Remembered { text, kind, opened_with_phrase });
        }
        Verdict::Kind(kind)
    }

    /// The kind of `text`, a line with the same text as `seen`: its names are the same
    /// offsets, its dates are kept again (they are this line's), their text moved from the
    /// first line to this one. `None` when a date's text lies outside the line (nothing is
    /// kept then).
    fn repeat(&mut self, seen: Remembered<'a>, text: &'a str) -> Option<Kind> {
        // A date of the first line, kept again as this line's (`Some(None)` past four billion
        // dates, as `keep_date`); `None`, with nothing kept, when its text is not in the line.
        let date_again = |this: &mut Self, id: DateId| {
            let entry = this.dates[id.index()];
            let at = memo::rebase(entry.text, seen.text, text)?;
            Some(this.keep_date(entry.token, at))
        };
        Some(match seen.kind {
            Kind::Date { date, timed } => {
                date_again(self, date)?.map_or(Kind::Text, |date| Kind::Date { date, timed })
            }
            Kind::ReplyTo { name, date } => {
                let date = match date {
                    Some(id) => date_again(self, id)?,
                    None => None,
                };
                Kind::ReplyTo { name, date }
            }
            Kind::LegacyFooter { votes, date } => {
                let date = match date {
                    Some(id) => date_again(self, id)?,
                    None => None,
                };
                Kind::LegacyFooter { votes, date }
            }
            kind @ (Kind::Blank
            | Kind::ParentLink { .. }
            | Kind::Avatar { .. }
            | Kind::AuthorLink { .. }
            | Kind::Says { .. }
            | Kind::Text
            | Kind::Heading
            | Kind::Residue
            | Kind::SectionFence
            | Kind::Chrome(_)
            | Kind::Count(_)
            | Kind::CountWords
            | Kind::RatingLine { .. }
            | Kind::Number(_)
            | Kind::Average(_)
            | Kind::LegacyVotes(_)
            | Kind::Edited
            | Kind::Share) => kind,
        })
    }

    fn classify(&mut self, text: &'a str) -> Kind {
        self.opened_with_phrase = false;
        self.line = text;
        if text.is_empty() {
            return Kind::Blank;
        }
        let core = rules::strip_residue(text);
        if core.is_empty() {
            return Kind::Residue;
        }
        let first = core.as_bytes()[0];
        match first {
            b':' if core.starts_with(":::") => {
                if let Ok((_, attrs)) = rules::fence(core) {
                    self.saw_fence = true;
                    if attrs.contains("#wpdcom") {
                        return Kind::SectionFence;
                    }
                    return Kind::Residue;
                }
            }
            b'#' => {
                if core.bytes().all(|b| b == b'#') {
                    return Kind::Residue; // a heading mark with nothing after it
                }
                if let Ok((_, (_, title))) = rules::heading(core) {
                    // A heading that is chrome (`### Leave a Reply`, `## 3 Comments`) is chrome.
                    return match self.classify_short(title) {
                        Kind::Text => Kind::Heading,
                        kind => kind,
                    };
                }
            }
            b'!' | b'[' | b'\\' => {
                if let Some(kind) = self.classify_markup(core) {
                    return kind;
                }
            }
            _ => {}
        }
        // Link targets and pandoc's attribute blocks make a line of a few words long (a sort
        // row with its classes, a button after an inline SVG's data URL): only words count.
        if core.len() > MAX_SHORT_LINE && core.len() - rules::wordless_markup_bytes(core) > MAX_SHORT_LINE {
            return Kind::Text;
        }
        self.classify_short(core)
    }

    /// Markdown images and links alone on a line.
    fn classify_markup(&mut self, core: &'a str) -> Option<Kind> {
        // Only the rules of the line's shape can match it: text that opens with a bracket
        // (`[…] Honestly, ...`) is told by its first bracket, a link by what follows it.
        let (shape, bracketed) = rules::markup_opening(core);
        // A linked avatar's rule goes on from the bracketed text read for the shape.
        let avatar = match (shape, bracketed) {
            (MarkupShape::Image, _) => rules::avatar(core).ok(),
            (MarkupShape::LinkedImage, Some(bracketed)) => rules::linked_avatar_after_text(bracketed).ok(),
            _ => None,
        };
        if let Some((_, alt)) = avatar {
            // The comment form's own avatar (`![guest](...)`): form furniture.
            if phrases::markers().is_form_avatar_alt(alt.trim()) {
                return Some(Kind::Residue);
            }
            if let Some(seg) = self.segment(alt) {
                return Some(Kind::Chrome(seg));
            }
            let alt = alt.trim_matches(is_blank);
            // An image without alt text names nobody: markup residue.
            return Some(if alt.is_empty() {
                Kind::Residue
            } else {
                self.named(alt, |alt| Kind::Avatar { alt })
            });
        }
        if matches!(shape, MarkupShape::LinkedImage | MarkupShape::Link) {
            return self.classify_links(core, bracketed);
        }
        if shape != MarkupShape::Span {
            return None;
        }
        // A pandoc span alone on a line: the box around a share row (`[[Share On
        // Twitter](url){.wc_tw} [Share On Google](url){.wc_go}]{.share_buttons_box}`), or a
        // part of the rating widget (`[5]{.wpdrv}`, `[1]{.wpdrc}`), which pandoc puts on
        // three lines when it keeps the HTML's line breaks. Two spans: layout 3's reply
        // marker and date.
        // The first span is read once for both.
        let first = rules::span_after_text(bracketed?).ok()?;
        let Ok((_, inner)) = rules::span_alone(first) else { return self.classify_dated_reply_spans(first) };
        let inner = trim_blank(inner);
        if let Some(kind) = self.classify_link_row(inner) {
            return Some(kind);
        }
        let first = inner.bytes().next()?;
        if first.is_ascii_digit() || ((first == b'-' || first == b'+') && inner.len() > 1) {
            return self.classify_numeric(inner);
        }
        None
    }

    /// Layout 3's reply marker and date in pandoc's two spans (`[ Reply to  [Andi](#comment-1)
    /// ]{.wpd-reply-to} [ 1 year ago ]{.wpd-comment-date}`): a dated reply marker, as the
    /// same line without the markup would be. `first` is the first span as
    /// [`rules::span_after_text`] read it.
    fn classify_dated_reply_spans(&mut self, first: rules::Bracketed<'a>) -> Option<Kind> {
        let (_, (marker, date)) = rules::span_pair_after(first).ok()?;
        let marker = trim_blank(marker);
        let date = trim_blank(date);
        if marker.len() > MAX_SHORT_LINE || date.len() > MAX_SHORT_LINE {
            return None;
        }
        let token = date_line_unescaped(date)?;
        phrases::normalize_into(marker, &mut self.normalized);
        let (name, None) = reply_marker(marker, &self.normalized)? else { return None };
        let name = Name::within(self.line, name)?;
        let date = self.keep_date(token, date)?;
        Some(Kind::ReplyTo { name, date: Some(date) })
    }

    /// A line that opens with a link (`[`) or an escaped link (`\[`): the link alone
    /// ([`rules::link`]) or a row of links ([`Self::classify_link_row`]). The first link is
    /// read once for both, and its text alone rules out a row whose links have words that
    /// are no share phrases (`[Software](...) [Support and Services](...)`, a row of tags)
    /// before the rest of the row is read. `bracketed` is the line's first bracketed text,
    /// as [`rules::markup_opening`] read it.
    fn classify_links(&mut self, core: &'a str, bracketed: Option<rules::Bracketed<'a>>) -> Option<Kind> {
        if core.starts_with('\\') {
            // No row starts with a backslash: only the escaped link is left.
            let (_, (text, url)) = rules::link(core).ok()?;
            return Some(self.link_kind(text, url));
        }
        let first = rules::link_after_text(bracketed?).ok()?;
        if let Ok((_, (text, url))) = rules::link_alone(first) {
            return Some(self.link_kind(text, url));
        }
        let first_wordless = self.link_words(first.1 .0)?;
        let (_, row) = rules::link_row_after(first).ok()?;
        let wordless = self.links_words(&row.links()[1..], first_wordless)?;
        Some(link_row_kind(row.links(), wordless))
    }

    /// The kind of a markdown link alone on a line, `[text](url)`.
    fn link_kind(&mut self, text: &'a str, url: &str) -> Kind {
        let name = text.trim_matches(is_blank);
        // A text that folds to nothing (`__`, an icon) is no phrase: told before
        // segmenting it ([`wordless_text_is_no_phrase`]).
        if is_wordless(name) {
            return if is_share_url(url) { Kind::Share } else { Kind::Residue };
        }
        if let Some(seg) = self.segment(name) {
            return Kind::Chrome(seg);
        }
        if url.contains("#comment-") {
            return self.named(name, |name| Kind::ParentLink { name });
        }
        self.named(name, |name| Kind::AuthorLink { name })
    }

    /// Rows of links: html2text's icon links (no words: share buttons or residue), a share
    /// block a converter split over lines (`[ __Share On\nTwitter](...)`).
    fn classify_link_row(&mut self, text: &'a str) -> Option<Kind> {
        let (_, row) = rules::link_row(text).ok()?;
        let wordless = self.links_words(row.links(), true)?;
        Some(link_row_kind(row.links(), wordless))
    }

    /// [`Self::link_words`] over `links`, which follow links whose texts had no words
    /// (`wordless`) or only share phrases: `Some(true)` while none has words.
    fn links_words(&mut self, links: &[(&str, &str)], wordless: bool) -> Option<bool> {
        links.iter().try_fold(wordless, |wordless, (text, _)| Some(wordless & self.link_words(text)?))
    }

    /// What the text of a link in a row says of the row: `Some(true)` for no words at all,
    /// `Some(false)` for share phrases only, `None` for other words, which make the row
    /// neither share buttons nor residue.
    fn link_words(&mut self, text: &str) -> Option<bool> {
        if is_wordless(text) {
            return Some(true);
        }
        let share = self.segment(text).is_some_and(|s| s.phrases().all(|p| p.key.starts_with("wc_share")));
        share.then_some(false)
    }

    /// Everything else, on lines short enough to be chrome, markers or dates.
    fn classify_short(&mut self, core: &'a str) -> Kind {
        let first = core.as_bytes()[0];
        if first.is_ascii_digit() || ((first == b'-' || first == b'+') && core.len() > 1) {
            if let Some(kind) = self.classify_numeric(core) {
                return kind;
            }
        }
        // Normalize once (and most text lines only a few characters); every rule below reads
        // the same folded text.
        match phrases::opening_into(core, &mut self.normalized) {
            Opening::Empty => return Kind::Residue, // only markup: `(BUTTON) (BUTTON)`, `[](about:blank)`
            // No phrase rule can match: only WordPress core's `Name says:` and the date rules
            // are left (most text lines).
            Opening::Other => {
                if let Some(count) = counted_in_words(core, &mut self.normalized) {
                    return Kind::Count(count);
                }
                if let Some(name) = phrases::markers().core_author(core) {
                    return self.named(name, |name| Kind::Says { name });
                }
                return match date_line_unescaped(core) {
                    Some(token) => self.date_kind(token, core),
                    None => Kind::Text,
                };
            }
            Opening::Digit => {}
            Opening::Phrase => self.opened_with_phrase = true,
        }
        let normalized = &self.normalized;
        let folded = normalized.text.as_str();
        if folded.starts_with(|c: char| c.is_ascii_digit()) {
            if let Some(kind) = counted(folded) {
                return kind;
            }
        }
        if let Some(seg) = phrases::chrome_segment(normalized) {
            if seg.is_single() && seg.first().class == Class::CountWord {
                return Kind::CountWords;
            }
            if seg.is_single() && seg.first().class == Class::ReplyTo {
                // `Reply to` alone: a converter put the name on the next line.
                return Kind::ReplyTo { name: Name::NONE, date: None };
            }
            // Badges print as the catalogue writes them (`Admin`); `admin` is a user name.
            if seg.is_single() && seg.first().class == Class::Role && !phrases::markers().is_role(core) {
                // The form's avatar alt is a lowercase `guest`; otherwise a user's name.
                let avatar_alt = phrases::markers().is_form_avatar_alt(core);
                return if avatar_alt { Kind::Residue } else { Kind::Text };
            }
            return Kind::Chrome(seg);
        }
        // The rules below read the phrases the line starts with: one walk finds them all.
        let opening = PhraseOpening::read(folded);
        if opening.count_words {
            return Kind::CountWords; // `Comments on "Title"`
        }
        if let Some((name, date)) = opening.reply_to_end.and_then(|end| reply_marker_at(core, end)) {
            let Some(name) = Name::within(self.line, name) else { return Kind::Text };
            let date = date.and_then(|(token, text)| self.keep_date(token, text));
            return Kind::ReplyTo { name, date };
        }
        if phrases::markers().is_last_edited(folded) {
            return Kind::Edited;
        }
        if let Some(name) = phrases::markers().core_author(core) {
            return self.named(name, |name| Kind::Says { name });
        }
        if let Some(votes) = opening.vote_button_end.and_then(|end| legacy_votes_at(folded, end)) {
            return Kind::LegacyVotes(votes);
        }
        if let Some(token) = date_line_unescaped(core) {
            return self.date_kind(token, core);
        }
        Kind::Text
    }

    /// Lines that start with a digit: votes, a rating average, numeric dates, the legacy
    /// footer.
    fn classify_numeric(&mut self, core: &'a str) -> Option<Kind> {
        // One scan of the leading number rules out the whole-line rules on most lines.
        if let Some(after) = rules::after_leading_number(core) {
            if after.is_empty() || rules::may_be_unit(after) {
                if let Some(votes) = rules::vote_number(core) {
                    return Some(Kind::Number(votes));
                }
            }
            if after.is_empty() {
                if let Ok(("", tenths)) = rules::rating_average(core) {
                    return Some(Kind::Average(tenths));
                }
            }
        }
        if let Some(token) = date::date_line(core) {
            return Some(self.date_kind(token, core));
        }
        // Legacy footer: `9  REPLY3 months 11 days ago`.
        let (rest, votes) = rules::leading_int(core).ok()?;
        phrases::normalize_into(rest, &mut self.normalized);
        let folded = self.normalized.text.as_str();
        let footer = phrases::chrome().prefixes(folded, 0).find_map(|(end, phrase)| {
            if phrase.class != Class::ReplyButton {
                return None;
            }
            let date_text = rest[phrases::source_offset(rest, end)..].trim_matches(is_blank);
            if date_text.is_empty() {
                return Some(None);
            }
            date::date_line(date_text).map(|token| Some((token, date_text)))
        })?;
        let date = footer.and_then(|(token, text)| self.keep_date(token, text));
        Some(Kind::LegacyFooter { votes, date })
    }

    /// The phrases `text` is made of, if any; a name that only folds to a role badge
    /// (`admin`) is no badge.
    fn segment(&mut self, text: &str) -> Option<Segmentation> {
        if text.len() > MAX_SHORT_LINE {
            return None;
        }
        let seg = match phrases::opening_into(text, &mut self.normalized) {
            Opening::Digit | Opening::Phrase => phrases::chrome_segment(&self.normalized)?,
            Opening::Empty | Opening::Other => return None,
        };
        let lowercase_role =
            seg.is_single() && seg.first().class == Class::Role && !phrases::markers().is_role(text.trim());
        (!lowercase_role).then_some(seg)
    }
}

/// The kind of a row of links whose texts are share phrases or have no words
/// ([`Classifier::link_words`]): with no words at all, share buttons when a link goes to a
/// share URL, else residue.
fn link_row_kind(links: &[(&str, &str)], wordless: bool) -> Kind {
    if wordless && !links.iter().any(|(_, url)| is_share_url(url)) {
        return Kind::Residue;
    }
    Kind::Share
}

/// True when `text` has no words: its normal form is empty (icon residue, markup), so
/// [`Classifier::segment`] finds no phrase in it.
fn is_wordless(text: &str) -> bool {
    phrases::Folded::new(text).next().is_none()
}

/// True for a line that [`Classifier::classify`] surely makes text (with no phrase opening
/// it), told from its edges: it starts with an ASCII letter (no markup, number or residue
/// rule starts so) and ends with a byte residue stripping keeps, so it is its own core; and
/// the first looks of the `says:`, phrase, count-in-words and date rules rule it out, which
/// is [`Classifier::classify_short`]'s way to `Text` for most lines (`Opening::Other`).
///
/// A long line that opens with a number or punctuation (`7. Click on...`, `* Use a
/// single...`), which the memo of short lines never holds, gets a second look:
/// [`is_long_plain_prose`].
#[inline]
fn is_plain_prose(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    if first.is_ascii_alphabetic() {
        rules::is_kept_edge(last)
            && phrases::markers().core_author(text).is_none()
            && opening_rules_out_rules(text)
    } else {
        text.len() > memo::MAX_REMEMBERED_LINE && may_open_long_prose(first) && is_long_plain_prose(text)
    }
}

/// True for the first bytes [`is_long_plain_prose`] looks further at: digits and the
/// punctuation that starts no markup, heading, fence or residue rule (`!`, `[`, `\\`, `:`,
/// `#`, `_`) and no lynx widget or pandoc attributes (`(`, `{`, which the phrase rules fold
/// away). A letter is the first look's; a line in another script, which a phrase of its
/// language may open, is left to the rules.
#[inline]
fn may_open_long_prose(first: u8) -> bool {
    const FIRSTS: u128 = {
        let mut set = 0u128;
        let mut byte = 0u8;
        while byte < 128 {
            let punctuation = byte.is_ascii_graphic() && !byte.is_ascii_alphabetic();
            let excluded = matches!(byte, b'!' | b'[' | b']' | b'\\' | b':' | b'#' | b'_' | b'(' | b'{');
            if punctuation && !excluded {
                set |= 1 << byte;
            }
            byte += 1;
        }
        set
    };
    first < 128 && FIRSTS >> first & 1 != 0
}

/// The second look of [`is_plain_prose`], exact as the first: true for a trimmed line that
/// opens with a byte [`may_open_long_prose`] lets through and that
/// [`Classifier::classify`] surely makes text with no phrase opening it. Each rule that
/// `classify_short` tries is ruled out by a look at its first steps: the number rules
/// ([`number_opens_prose`]) or the phrase rules (the line opens with no phrase), the
/// `says:` and `Pingback:` headers, the date rules ([`date::rules_out_line`]).
#[inline(never)]
fn is_long_plain_prose(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    // Kept edges (a trimmed line ends with no blank): the line is its own core.
    if last.is_ascii() && !rules::is_kept_edge(last) {
        return false;
    }
    let markers = phrases::markers();
    let shape_rules_out = match first {
        b'0'..=b'9' => number_opens_prose(text),
        // A signed number may be a vote count.
        b'-' | b'+' if bytes.get(1).is_some_and(u8::is_ascii_digit) => false,
        // With no number, the number rules (`classify_numeric`, which a sign sends the line
        // to) read none: the line's opening decides.
        _ => phrases::opens_with_no_phrase(text),
    };
    shape_rules_out && markers.core_author(text).is_none() && date::rules_out_line(text)
}

/// True when no rule for a line that starts with a number (`classify_numeric`, the count
/// and rating headers of `classify_short`) reads `text`, which starts with an ASCII digit,
/// and no chrome phrase can open it: what follows the number is punctuation (`7. Click`,
/// `3) Save`) or, after spaces, a word, and no unit, count word, heading noun, `Reply`
/// button, second number or decimal starts there. (The date rules are looked at apart.)
fn number_opens_prose(text: &str) -> bool {
    let markers = phrases::markers();
    let after = &text[rules::digits_len(text)..];
    let word = after.trim_start_matches(' ');
    let Some(&next) = word.as_bytes().first() else { return false };
    // A plain byte is its own normal form: what the count and rating rules read after the
    // number is `word`, folded (one space before it when spaces are there).
    let decimal = next == b'.' && word.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
    let plain_word = phrases::is_plain_byte(next) && !next.is_ascii_digit() && !decimal;
    plain_word
        && phrases::digits_open_no_phrase()
        && !rules::may_be_unit(after)
        && !markers.may_start_number_suffix(next)
        && !markers.may_start_heading_noun(next.to_ascii_lowercase())
        && phrases::opens_with_no_phrase(word)
}

/// True when the first looks of the phrase, count-in-words and date rules rule `text` out,
/// which depend on its opening bytes only: on most lines (an ASCII letter, two more plain
/// ASCII bytes, five bytes at least) the answer is remembered by those five bytes
/// ([`OpeningVerdicts`]). Prose repeats its openings (`The `, `I tri`, `Thank`) from page to
/// page, and a hit costs a fraction of the three looks.
#[inline]
fn opening_rules_out_rules(text: &str) -> bool {
    match OpeningVerdicts::key(text) {
        Some(key) => OPENING_VERDICTS.with(|verdicts| verdicts.get_or_insert(key, text)),
        None => opening_rules_out_rules_exactly(text),
    }
}

/// [`opening_rules_out_rules`] without the table: the three first looks.
fn opening_rules_out_rules_exactly(text: &str) -> bool {
    phrases::rules_out_opening(text)
        && !phrases::markers().may_start_heading_one(text)
        && !date::may_be_date_line(text)
}

/// The bytes [`opening_rules_out_rules_exactly`] reads of a line that opens with three plain
/// ASCII bytes: the phrase prefilter reads five, `One ` four, the date words three (more
/// only after a backslash or a non-ASCII byte among the first three).
const OPENING_BYTES: usize = 5;

thread_local! {
    /// Per thread, kept from page to page: the verdicts hold for any line of any page.
    static OPENING_VERDICTS: OpeningVerdicts = const { OpeningVerdicts::new() };
}

/// Slots of [`OpeningVerdicts`] (8 bytes each).
const VERDICT_SLOTS: usize = 1 << 10;

/// A direct-mapped table of [`opening_rules_out_rules_exactly`]'s answers by a line's first
/// [`OPENING_BYTES`] bytes: a slot holds the bytes (never zero: a key opens with no NUL) and
/// the answer above them; a newer opening replaces an older one.
struct OpeningVerdicts {
    slots: [std::cell::Cell<u64>; VERDICT_SLOTS],
}

impl OpeningVerdicts {
    const KEY_BITS: u32 = 8 * OPENING_BYTES as u32;
    const KEY_MASK: u64 = (1 << Self::KEY_BITS) - 1;

    const fn new() -> Self {
        OpeningVerdicts { slots: [const { std::cell::Cell::new(0) }; VERDICT_SLOTS] }
    }

    /// The opening bytes of `text` as a key, when the answer depends on them alone: five
    /// bytes or more, the first three ASCII and no backslash (the date look's fast way).
    #[inline]
    fn key(text: &str) -> Option<u64> {
        let bytes = text.as_bytes().get(..OPENING_BYTES)?;
        let plain = |b: u8| b.is_ascii() && b != b'\\';
        if !(plain(bytes[0]) && plain(bytes[1]) && plain(bytes[2])) || bytes[0] == 0 {
            return None;
        }
        let mut word = [0u8; 8];
        word[..OPENING_BYTES].copy_from_slice(bytes);
        Some(u64::from_le_bytes(word))
    }

    /// The answer for a line whose opening is `key`, worked out from `text` on a miss.
    #[inline]
    fn get_or_insert(&self, key: u64, text: &str) -> bool {
        // The multiply mixes every key byte into the top bits, the slot's index.
        let index = key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (u64::BITS - VERDICT_SLOTS.trailing_zeros());
        let slot = &self.slots[index as usize];
        let seen = slot.get();
        if seen & Self::KEY_MASK == key {
            return seen >> Self::KEY_BITS != 0;
        }
        let verdict = opening_rules_out_rules_exactly(text);
        slot.set(key | u64::from(verdict) << Self::KEY_BITS);
        verdict
    }
}

/// A date line, also when markdown escaped it (html2text prints `23\. August 2021`): the
/// escapes are dropped in a stack buffer, so no allocation.
fn date_line_unescaped(core: &str) -> Option<DateToken> {
    // A first look blind to backslashes rules out most lines before the search for one.
    if !date::may_be_date_line(core) {
        return None;
    }
    // memchr's vector search: most lines come here, and have no backslash.
    if memchr::memchr(b'\\', core.as_bytes()).is_none() {
        return date::date_line(core);
    }
    let mut buffer = [0u8; 128];
    let mut len = 0;
    for c in core.chars().filter(|&c| c != '\\') {
        let encoded = c.encode_utf8(&mut [0; 4]).len();
        if len + encoded > buffer.len() {
            return None; // longer than any date line
        }
        c.encode_utf8(&mut buffer[len..len + encoded]);
        len += encoded;
    }
    date::date_line(std::str::from_utf8(&buffer[..len]).ok()?)
}

/// Lines that start with a number once markup is folded away (normalized text): the
/// rating line (`4.5 2 votes`) and the count header (`14 Comments`, `[417]{.wpdtc} Comments`,
/// wpDiscuz 5's `2 Leave a Reply`).
fn counted(folded: &str) -> Option<Kind> {
    if let Ok((word, (tenths, votes))) = rules::rating_numbers(folded) {
        if phrases::chrome().get(word).is_some_and(|p| p.class == Class::VoteWord) {
            return Some(Kind::RatingLine { tenths, votes });
        }
    }
    let (rest, count) = rules::count_number(folded).ok()?;
    let rest = rest.trim_start();
    is_count_rest(rest).then_some(Kind::Count(count))
}

/// What follows a count's number in a count header, in normalized text: `comments`,
/// `comments on "title"`, `replies to “title”` (a theme's heading), or the legacy form's
/// `leave a reply`.
fn is_count_rest(rest: &str) -> bool {
    is_count_word(rest) || is_form_header(rest) || phrases::markers().is_theme_heading(rest)
}

/// A theme's heading that gives the count in words: `One response to “Title”`, `One
/// thought on “Title”`.
fn counted_in_words(core: &str, buffer: &mut Normalized) -> Option<u64> {
    if core.len() > MAX_SHORT_LINE || !phrases::markers().may_start_heading_one(core) {
        return None;
    }
    phrases::normalize_into(core, buffer);
    let rest = phrases::markers().after_heading_one(&buffer.text)?;
    is_count_rest(rest).then_some(1)
}

/// The legacy form's heading, `Leave a Reply`, in normalized text: wpDiscuz 5 prints its
/// count badge in it (`2 Leave a Reply` once a converter joins the two).
fn is_form_header(normalized: &str) -> bool {
    phrases::chrome().get(normalized).is_some_and(|p| matches!(p.key, "form_header_text" | "wp_leave_reply"))
}

/// `Reply to NAME` in any language, and layout 3's `Reply to NAME DATE` on one line. The
/// longest reply-marker phrase the line starts with counts (`Reply to`, not `Reply`); in a
/// language whose marker is also its `Reply` button word (`回复`), the name after it makes
/// the difference.
fn reply_marker<'a>(core: &'a str, normalized: &Normalized) -> Option<ReplyMarker<'a>> {
    reply_marker_at(core, PhraseOpening::read(&normalized.text).reply_to_end?)
}

/// [`reply_marker`] of a line whose normal form starts with a `Reply to` phrase that ends at
/// `end` ([`PhraseOpening::reply_to_end`]).
fn reply_marker_at(core: &str, end: usize) -> Option<ReplyMarker<'_>> {
    let mut name_start = offset_after_phrase(core, end);
    // The normal form drops a `[` that opens the name's link or link number: start there.
    let before = core[..name_start].trim_end_matches(is_blank);
    if before.ends_with('[') {
        name_start = before.len() - 1;
    }
    let rest = reply_target(core[name_start..].trim_matches(is_blank));
    // wpDiscuz prints `Reply to` + NBSP + newline + name: an NBSP or a run of spaces
    // survives in most dumps. After a single space, the line may just as well be a comment
    // that starts with "Reply to everyone...": then only a short name counts.
    let (gap, nbsp) = core[..name_start]
        .chars()
        .rev()
        .take_while(|&c| is_blank(c))
        .fold((0, false), |(n, nbsp), c| (n + 1, nbsp || c == '\u{a0}'));
    let strong_gap = gap >= 2 || nbsp;
    let name_fits = |name: &str| is_name_like(name) && (strong_gap || is_short_name(name));
    // The date may follow the name on the same line (layout 3): try each word boundary.
    // html2text escapes it there as on a line of its own (`__9\. April 2024 4:00`).
    let dated = rest.char_indices().filter(|&(i, c)| i > 0 && is_blank(c)).find_map(|(i, _)| {
        let text = rules::strip_residue(&rest[i..]);
        date_line_unescaped(text).map(|token| (i, token, text))
    });
    match dated {
        Some((i, token, text)) => {
            let name = reply_target(rules::strip_residue(&rest[..i]));
            name_fits(name).then_some((name, Some((token, text))))
        }
        None => name_fits(rest).then_some((rest, None)),
    }
}

/// The chrome phrases a normalized line starts with, as the marker rules read them: one walk
/// of the trie for all of them.
#[derive(Debug, Default, PartialEq)]
struct PhraseOpening {
    /// The line is a count word, alone or before a title ([`is_count_word`]).
    count_words: bool,
    /// Where the longest `Reply to` phrase that a space follows ends.
    reply_to_end: Option<usize>,
    /// Where the longest `Vote Up` / `Vote Down` phrase ends.
    vote_button_end: Option<usize>,
}

impl PhraseOpening {
    fn read(folded: &str) -> PhraseOpening {
        let markers = phrases::markers();
        let mut opening = PhraseOpening::default();
        for (end, phrase) in phrases::chrome().prefixes(folded, 0) {
            match phrase.class {
                Class::CountWord => opening.count_words |= is_count_word_at(folded, end),
                Class::VoteButton => opening.vote_button_end = Some(end),
                class => {
                    if folded.as_bytes().get(end) == Some(&b' ')
                        && markers.is_reply_to_phrase(&folded[..end], class)
                    {
                        opening.reply_to_end = Some(end);
                    }
                }
            }
        }
        opening
    }
}

/// [`phrases::source_offset`] of `end` in `core`'s normal form, where a phrase ends and a
/// space follows: where the text after the phrase starts. A phrase printed in plain words
/// (`Reply to`: ASCII letters and digits, single spaces) folds byte for byte, so only what
/// follows it is folded again.
fn offset_after_phrase(core: &str, end: usize) -> usize {
    match core.as_bytes().get(..end) {
        Some(head) if is_plain_words(head) => end + phrases::source_offset(&core[end..], 0),
        _ => phrases::source_offset(core, end),
    }
}

/// True for ASCII letters and digits with single spaces between words.
fn is_plain_words(bytes: &[u8]) -> bool {
    let edges = bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric);
    edges
        && bytes
            .windows(2)
            .all(|pair| pair[1].is_ascii_alphanumeric() || (pair[1] == b' ' && pair[0] != b' '))
}

/// What follows `Reply to`, without the markup converters wrap the name in: the parent
/// comment's link (`[ htl ](#comment-8340)`, inscriptis with links shown) or lynx's link
/// number (`[37]htl`).
fn reply_target(rest: &str) -> &str {
    if !rest.starts_with('[') {
        return rest;
    }
    match rules::link(rest) {
        Ok(("", (text, _))) => text.trim_matches(is_blank),
        _ => rules::without_link_reference(rest),
    }
}

/// A reply marker's name, and the date that follows it on the line, if any.
type ReplyMarker<'a> = (&'a str, Option<(DateToken, &'a str)>);

/// A name after a single-spaced `Reply to`: a few words, no sentence punctuation.
fn is_short_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    // Initials are names (`J.`); a sentence has a comma or ends like one.
    let sentence =
        name.contains(',') || name.ends_with(['!', '?', ':', ';']) || (name.ends_with('.') && words >= 3);
    words <= 4 && !sentence
}

/// `Comments`, `Comment`, and legacy `Comments on "Title"`, in normalized text.
fn is_count_word(rest: &str) -> bool {
    let chrome = phrases::chrome();
    chrome
        .prefixes(rest, 0)
        .any(|(end, phrase)| phrase.class == Class::CountWord && is_count_word_at(rest, end))
}

/// [`is_count_word`] after a count word that ends at `end`: nothing, or a title.
fn is_count_word_at(rest: &str, end: usize) -> bool {
    let after = &rest[end..];
    after.is_empty() || phrases::markers().is_header_on_title(after)
}

/// `Vote Up 3 Vote Down` (legacy), possibly followed by the `Reply` button, in normalized
/// text whose longest vote button phrase ends at `end` ([`PhraseOpening::vote_button_end`]):
/// the number.
fn legacy_votes_at(normalized: &str, end: usize) -> Option<i64> {
    let chrome = phrases::chrome();
    let (rest, votes) = rules::leading_int(normalized[end..].trim_start()).ok()?;
    let rest = rest.trim();
    let buttons =
        |seg: Segmentation| seg.phrases().all(|p| matches!(p.class, Class::VoteButton | Class::ReplyButton));
    (rest.is_empty() || chrome.segment(rest).is_some_and(buttons)).then_some(votes)
}

/// A reply marker's name: short, a few words, not a sentence.
fn is_name_like(name: &str) -> bool {
    let short = name.len() <= 80 || name.chars().count() <= 80; // bytes bound characters
    !name.is_empty() && short && name.split_whitespace().count() <= 8
}

/// Share links of the social networks wpDiscuz offers.
fn is_share_url(url: &str) -> bool {
    [
        "twitter.com/intent",
        "facebook.com/sharer",
        "whatsapp.com/send",
        "plus.google.com/share",
        "vk.com/share",
        "connect.ok.ru",
    ]
    .iter()
    .any(|site| url.contains(site))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The non-blank lines of `page`: (first line number, physical lines, kind).
    fn solid_lines(page: &str) -> Vec<(usize, u32, Kind)> {
        let lines = classify_all(page, 0).lines;
        (0..lines.len())
            .filter(|&i| !lines.is_blank(i))
            .map(|i| (lines.number(i), lines.at(i).count, lines.kind(i)))
            .collect()
    }

    /// Every line's kind and every date of a page, as a string to compare.
    fn classified_page(page: &str) -> String {
        let Classified { lines, dates } = classify_all(page, 0);
        let kinds: Vec<_> =
            (0..lines.len()).map(|i| (lines.number(i), lines.at(i).count, lines.kind(i))).collect();
        format!("{kinds:?} {dates:?}")
    }

    /// The line loop's checks after a kind still run on known lines that they concern (a
    /// known line that none concerns is stored at once): a `Reply to` told by its NBSP and a
    /// `回复` that is the marker, not the button, are markers on every round, on a fresh
    /// thread and once their texts are known.
    #[test]
    fn known_lines_still_get_the_checks_that_concern_them() {
        // `回复` before an NBSP is the marker, its name on the next line.
        let nbsp = "张三\n1天前\n\n第一条。\n\n回复\u{a0}\n张三\n李四\n1天前\n\n第二条。\n\n回复\u{a0}\n李四\n王五\n1天前\n";
        // Buttons follow vote numbers: the `回复` before a name and a date is the marker.
        let zh = "张三\n2024年8月1日 下午3:24\n\n第一条。\n\n0\n回复\n\n回复\n李四\n2024年8月2日 下午3:24\n\n第二条。\n\n0\n回复\n";
        std::thread::scope(|s| {
            s.spawn(|| {
                for (page, markers) in [(nbsp, 2), (zh, 1)] {
                    for round in 0..2 {
                        let lines = classify_all(page, 0).lines;
                        let found = (0..lines.len())
                            .filter(|&i| matches!(lines.kind(i), Kind::ReplyTo { .. }))
                            .count();
                        assert_eq!(found, markers, "round {round}: {page:?}");
                    }
                }
            })
            .join()
            .unwrap();
        });
    }

    /// `author_url` (read past the name) is the URL of the whole link parsed again, on
    /// every author link of the test pages.
    #[test]
    fn author_urls_read_past_the_name_are_the_links() {
        let mut links = 0;
        for page in crate::test_pages::pages() {
            let lines = classify_all(&page, 0).lines;
            for line in lines.iter() {
                let Kind::AuthorLink { name } = line.kind else { continue };
                let whole = rules::link(rules::strip_residue(line.text)).ok().map(|(_, (_, url))| url);
                assert_eq!(author_url(line.text, name), whole, "{:?}", line.text);
                links += 1;
            }
        }
        for text in ["\\[Bob\\](https://bob.example)", "__[ Bob [x] ](https://bob.example \"t\")"] {
            let line = classify_all(text, 0).lines.at(0);
            let Kind::AuthorLink { name } = line.kind else { panic!("{line:?}") };
            assert_eq!(author_url(line.text, name), Some("https://bob.example"), "{text}");
        }
        assert!(links > 20, "author links met: {links}");
    }

    #[test]
    fn lines_known_from_earlier_pages_classify_as_on_a_fresh_thread() {
        let mut pages = crate::test_pages::pages();
        // A fence makes the page pandoc markdown, whose attribute blocks wrap: a fence line
        // known from another page must still tell this page so.
        pages.push("::: {#wpdcom}\nSort by:\n\\| [oldest]{.wpdiscuz-sort-button\n.wpdiscuz-sort-button-active}\n:::\n".to_owned());
        // Each page alone on a new thread: nothing is known from other pages.
        let fresh: Vec<String> = pages
            .iter()
            .map(|page| std::thread::scope(|s| s.spawn(|| classified_page(page)).join().unwrap()))
            .collect();
        // All pages on one thread, each twice in a row: the second time, its short lines are
        // known (but for the few pushed out of their set), some from other pages the first time.
        std::thread::scope(|s| {
            s.spawn(|| {
                for (page, fresh) in pages.iter().zip(&fresh) {
                    for round in 0..2 {
                        assert_eq!(&classified_page(page), fresh, "round {round}");
                    }
                }
            })
            .join()
            .unwrap();
        });
    }

    fn inside_link_url(lines: &[&str]) -> bool {
        let mut brackets = Brackets::default();
        lines.iter().for_each(|line| brackets.read(line));
        brackets.inside_link_url()
    }

    #[test]
    fn bracket_depth_counts_unescaped_brackets_of_every_kind() {
        for (text, depth) in [
            ("[a](b", 1),
            ("[a](b)", 0),
            ("{.x} ] )", -2),
            ("![x](https://a/b?c=[d]{", 2),
            ("\\[x\\](y", 1),
            ("\\\\[", 1),
            ("no brackets", 0),
            ("", 0),
        ] {
            assert_eq!(bracket_depth(text), depth, "{text}");
            let mut exact = Brackets::default();
            exact.read(text);
            assert_eq!(exact.balance, depth, "{text}");
        }
    }

    /// The balance without a backslash, by the exact reader.
    fn exact_balance(text: &str) -> i32 {
        let mut exact = Brackets::default();
        exact.read(text);
        exact.balance
    }

    #[test]
    fn byte_sums_balance_brackets_as_the_exact_reader_does() {
        for line in crate::test_pages::lines().iter().filter(|l| !l.contains('\\')) {
            assert_eq!(unescaped_bracket_balance(line.as_bytes()), exact_balance(line), "{line}");
        }
        // Past a block of 127 bytes, and all of one kind (a byte sum would wrap at 128).
        for n in [126, 127, 128, 254, 255, 300, 1000] {
            for open in ["[", "(", "{", "]", ")", "}", "[a]", "x"] {
                let text = open.repeat(n);
                assert_eq!(unescaped_bracket_balance(text.as_bytes()), exact_balance(&text), "{n} {open}");
            }
        }
    }

    /// [`Brackets`] after reading `lines` one byte at a time, the way [`Brackets::read`] must
    /// agree with.
    fn read_bytewise(lines: &[impl AsRef<str>]) -> Brackets {
        let mut brackets = Brackets::default();
        lines.iter().flat_map(|line| line.as_ref().bytes()).for_each(|byte| brackets.read_byte(byte));
        brackets
    }

    fn read_by_blocks(lines: &[impl AsRef<str>]) -> Brackets {
        let mut brackets = Brackets::default();
        lines.iter().for_each(|line| brackets.read(line.as_ref()));
        brackets
    }

    #[test]
    fn brackets_read_by_blocks_as_byte_by_byte() {
        let lines = crate::test_pages::lines();
        for pair in lines.windows(2) {
            assert_eq!(read_by_blocks(pair), read_bytewise(pair), "{pair:?}");
        }
        // A `](` and an escape across a block's edge and across lines, plain bytes between.
        let edge = format!("{}](", "a".repeat(BRACKET_BLOCK - 1));
        for lines in [
            vec![edge.as_str()],
            vec!["[a]", "(b"],
            vec!["[a]", "x(b"],
            vec!["[a\\", "](b"],
            vec!["\\", "[", "|{x}|"],
        ] {
            assert_eq!(read_by_blocks(&lines), read_bytewise(&lines), "{lines:?}");
        }
        assert!(read_by_blocks(&[edge.as_str()]).inside_link_url());
    }

    #[test]
    fn bracket_masks_hold_every_bracket_and_backslash() {
        let block: Vec<u8> = (0..=255).collect();
        for chunk in block.chunks(BRACKET_BLOCK) {
            let mask = bracket_mask(chunk);
            for (i, &byte) in chunk.iter().enumerate() {
                let expected = b"[](){}\\|".contains(&byte);
                assert_eq!(mask >> i & 1 == 1, expected, "{byte:#x}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn brackets_read_any_text_by_blocks_as_byte_by_byte(
            lines in proptest::collection::vec("[\\[\\](){}\\\\|a é]{0,80}", 1..4),
        ) {
            proptest::prop_assert_eq!(read_by_blocks(&lines), read_bytewise(&lines));
        }

        #[test]
        fn byte_sums_balance_any_brackets(text in "[\\[\\](){}a]{0,400}") {
            proptest::prop_assert_eq!(unescaped_bracket_balance(text.as_bytes()), exact_balance(&text));
        }
    }

    /// The kind the rules give `text` (a trimmed line), and whether a phrase opened it.
    fn classified(text: &str) -> (Kind, bool) {
        let mut classifier = Classifier::default();
        let kind = classifier.classify(text);
        (kind, classifier.opened_with_phrase)
    }

    /// The kind of a line that opens with a link the way it was found before
    /// [`Classifier::classify_links`]: [`rules::link`], else the whole [`rules::link_row`]
    /// and the words of every link in it.
    fn links_exactly<'a>(classifier: &mut Classifier<'a>, core: &'a str) -> Option<String> {
        if let Ok((_, (text, url))) = rules::link(core) {
            return Some(format!("{:?}", classifier.link_kind(text, url)));
        }
        let (_, row) = rules::link_row(core).ok()?;
        let (mut wordless, mut shares) = (true, true);
        for (text, _) in row.links() {
            if is_wordless(text) {
                continue;
            }
            wordless = false;
            shares &=
                classifier.segment(text).is_some_and(|s| s.phrases().all(|p| p.key.starts_with("wc_share")));
        }
        let share = !wordless || row.links().iter().any(|(_, url)| is_share_url(url));
        (wordless || shares).then(|| format!("{:?}", if share { Kind::Share } else { Kind::Residue }))
    }

    /// A line that opens with a link gets the kind it got when [`rules::link`] and
    /// [`rules::link_row`] each read it whole, on every test line that opens with a link or
    /// an escaped one, and on rows made of them (the first link's words ruling a row out).
    #[test]
    fn links_read_once_are_the_exact_rules() {
        let lines = crate::test_pages::lines();
        let cores: Vec<&str> = lines.iter().map(|l| rules::strip_residue(trim_blank(l))).collect();
        let links: Vec<&str> = cores
            .iter()
            .copied()
            .filter(|core| matches!(rules::markup_shape(core), MarkupShape::Link | MarkupShape::LinkedImage))
            .collect();
        let rows = links.iter().flat_map(|a| {
            [
                "[__](https://twitter.com/intent/tweet?u=x)",
                "[__](u)",
                "[Share On Twitter](u)",
                "[Docs](u)",
                "text",
            ]
            .map(|b| format!("{a}{b}"))
        });
        let mut outcomes = std::collections::BTreeMap::new();
        for core in links.iter().map(|&l| l.to_owned()).chain(rows) {
            let mut classifier = Classifier { line: &core, ..Classifier::default() };
            let bracketed = rules::markup_opening(&core).1;
            let fast = classifier.classify_links(&core, bracketed).map(|kind| format!("{kind:?}"));
            let mut classifier = Classifier { line: &core, ..Classifier::default() };
            let exact = links_exactly(&mut classifier, &core);
            assert_eq!(fast, exact, "{core:?}");
            let row = rules::link(&core).is_err() && rules::link_row(&core).is_ok();
            let outcome = fast.as_deref().map_or("none", |kind| kind.split(['(', ' ']).next().unwrap_or(""));
            *outcomes.entry((row, outcome.to_owned())).or_insert(0) += 1;
        }
        for (row, outcome) in [(true, "Share"), (true, "Residue"), (true, "none"), (false, "AuthorLink")] {
            let seen = outcomes.get(&(row, outcome.to_owned())).copied().unwrap_or(0);
            assert!(seen > 10, "{row} {outcome}: {outcomes:?}");
        }
    }

    /// [`is_wordless`] text is no phrase: telling it first skips segmenting.
    fn assert_wordless_is_no_phrase(text: &str) {
        if is_wordless(text) {
            let seg = Classifier::default().segment(text);
            assert!(seg.is_none(), "{text:?}: {seg:?}");
        }
    }

    #[test]
    fn wordless_text_is_no_phrase() {
        let mut wordless = 0;
        for line in crate::test_pages::lines() {
            let texts = [line.as_str(), rules::strip_residue(trim_blank(&line))];
            for text in texts.into_iter().chain(rules::link(texts[1]).map(|(_, (text, _))| text)) {
                assert_wordless_is_no_phrase(text);
                wordless += usize::from(is_wordless(text));
            }
        }
        assert!(wordless > 100, "{wordless}");
    }

    proptest::proptest! {
        #[test]
        fn wordless_text_is_no_phrase_on_any_line(
            text in "([ _*\\|:\\[\\]!{}()]|\\{\\.x\\}|\\[12\\]|\\(BUTTON\\)|\\]\\(u\\)|\u{a0}|\u{200b}|a|1){0,8}"
        ) {
            assert_wordless_is_no_phrase(&text);
        }
    }

    #[test]
    fn plain_prose_is_what_the_rules_make_text() {
        let mut plain = 0;
        for line in crate::test_pages::lines() {
            let text = trim_blank(&line);
            if is_plain_prose(text) {
                plain += 1;
                let (kind, opened_with_phrase) = classified(text);
                assert!(matches!(kind, Kind::Text) && !opened_with_phrase, "{text:?}: {kind:?}");
            }
        }
        assert!(plain > 5_000, "most prose takes the fast path: {plain}");
        // Lines that look like prose at one end only.
        for text in [
            "Frank says:",
            "One response to “Harbour”",
            "August 20, 2021",
            "Reply to Frank",
            "Notify of",
            "Pingback: Title",
            "Word_",
        ] {
            assert!(!is_plain_prose(text), "{text}");
        }
    }

    /// The second look at long lines ([`is_long_plain_prose`]) is what the rules make of
    /// them, over every test line long enough for it, and the same lines after a list
    /// number or a bullet.
    #[test]
    fn long_plain_prose_is_what_the_rules_make_text() {
        let mut second = 0;
        for line in crate::test_pages::lines() {
            let line = trim_blank(&line);
            for text in [line.to_owned(), format!("7. {line}"), format!("12 {line}"), format!("* {line}")] {
                if text.len() > memo::MAX_REMEMBERED_LINE && may_open_long_prose(text.as_bytes()[0]) {
                    let prose = is_long_plain_prose(&text);
                    second += usize::from(prose);
                    if prose {
                        let (kind, opened_with_phrase) = classified(&text);
                        assert!(matches!(kind, Kind::Text) && !opened_with_phrase, "{text:?}: {kind:?}");
                    }
                }
            }
        }
        assert!(second > 10_000, "the second look takes most long lines: {second}");
    }

    #[test]
    fn long_lines_that_open_with_a_number_or_punctuation_are_prose() {
        let tail = "and more words after it, so that the line is long enough for a second look";
        for head in [
            "7. Click on Flash",
            "3 people said",
            "3) Save",
            "20231114 version,",
            "* Use a",
            "- Use a",
            "`code`",
        ] {
            let text = format!("{head} {tail}");
            assert!(is_plain_prose(&text), "{text}");
        }
        // A rule may read them: counts, votes, a legacy footer, a signed number, a heading,
        // markup, a line that a phrase opens, a short line (the memo's).
        for head in [
            "14 Comments on \"Title",
            "14 comments",
            "4.5 2 votes",
            "1.2K",
            "9 Reply",
            "-3 votes",
            "## Heading",
            "[Name](https://example.com/a/very/long/url)",
            "* Reply to Frank",
            "(BUTTON) Reply",
        ] {
            let text = format!("{head} {tail}");
            assert!(!is_plain_prose(&text), "{text}");
        }
        assert!(!is_plain_prose("7. Click on Flash"), "short");
    }

    proptest::proptest! {
        /// Lines that open with a number or punctuation and go on with words, phrases,
        /// units and dates: the second look takes only text.
        #[test]
        fn long_plain_prose_is_text_on_any_line(
            head in "([0-9]{1,3}|[0-9]\\.[0-9]|[*`\"<|.-]|\\* |- )",
            gap in "( |  |\\. |\\) |\\.|)",
            words in proptest::collection::vec(
                "(Comments|comment|votes|Reply|Replies|K|Tsd\\.|months|days ago|August 2021|5:27 pm|says:|Use|a|the|One|Vote Up|Leave a Reply|on|\"Title\"|[a-z]{1,8}|[0-9]{1,4})",
                1..12,
            ),
        ) {
            let text = format!("{head}{gap}{} and more words to make the line long enough", words.join(" "));
            if is_plain_prose(&text) {
                let (kind, opened_with_phrase) = classified(&text);
                proptest::prop_assert!(matches!(kind, Kind::Text) && !opened_with_phrase, "{:?}: {:?}", text, kind);
            }
        }
    }

    /// The remembered verdicts by opening are the three first looks' on every test line,
    /// whether the table held the opening (from an earlier line) or not.
    #[test]
    fn opening_verdicts_are_the_first_looks() {
        let fresh = OpeningVerdicts::new();
        let mut keyed = 0;
        for line in crate::test_pages::lines() {
            let text = trim_blank(&line);
            let exact = opening_rules_out_rules_exactly(text);
            assert_eq!(opening_rules_out_rules(text), exact, "{text:?}");
            if let Some(key) = OpeningVerdicts::key(text) {
                keyed += 1;
                assert_eq!(fresh.get_or_insert(key, text), exact, "{text:?}");
            }
        }
        assert!(keyed > 5_000, "most lines are keyed: {keyed}");
        // `One ` is the longest opening a first look reads, past the date words' three bytes.
        for one in phrases::catalog().texts("wp_heading_one") {
            assert!(phrases::normalize(one).len() < OPENING_BYTES, "{one}");
        }
    }

    proptest::proptest! {
        /// Two lines with the same keyed opening get the same first looks' answer.
        #[test]
        fn opening_verdicts_depend_on_the_key_alone(
            opening in "(One r|the v|The v|Log i|You a|You m|One  |one t|Last |Reply|Vote |Augus|Today|Yeste|Pingb|Notif|[A-Za-z][a-z ][a-z0-9 ][a-z \\\\é:.]{2})",
            first in "[a-zA-Z0-9 :.,é\\\\]{0,12}",
            second in "[a-zA-Z0-9 :.,é\\\\]{0,12}",
        ) {
            // Only the key's bytes are shared: a key too short for the looks shows here.
            let Some(head) = opening.get(..OPENING_BYTES) else { return Ok(()) };
            let (one, two) = (format!("{head}{first}"), format!("{head}{second}"));
            if let (Some(a), Some(b)) = (OpeningVerdicts::key(&one), OpeningVerdicts::key(&two)) {
                proptest::prop_assert_eq!(a, b);
                proptest::prop_assert_eq!(
                    opening_rules_out_rules_exactly(&one),
                    opening_rules_out_rules_exactly(&two),
                    "{:?} {:?}", one, two
                );
                proptest::prop_assert_eq!(opening_rules_out_rules(&one), opening_rules_out_rules_exactly(&one));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_prose_is_text_on_any_line(
            text in "[A-Za-z][A-Za-z ]{0,3}[A-Za-z0-9 .,:;!?_()\\-]{0,30}|(Reply|One|Vote|Last|Share|Pingback|Trackback|Frank|August|Today|Yesterday|Notify|Most) [A-Za-z0-9 :.]{0,20}"
        ) {
            let text = trim_blank(&text);
            if is_plain_prose(text) {
                let (kind, opened_with_phrase) = classified(text);
                proptest::prop_assert!(matches!(kind, Kind::Text) && !opened_with_phrase, "{:?}: {:?}", text, kind);
            }
        }
    }

    #[test]
    fn link_urls_are_told_apart_from_link_texts() {
        assert!(inside_link_url(&["[__](https://twitter.com/intent/tweet?text=Hi all."]));
        assert!(inside_link_url(&["[__](https://a/b?text=Hi", "more\")[__](https://vk.com/share.php?url=x"]));
        assert!(!inside_link_url(&["[__](https://example.com)"]));
        assert!(!inside_link_url(&["[Name of a"]));
        assert!(!inside_link_url(&["see (this"]));
        assert!(!inside_link_url(&["\\[x\\](y"]));
        assert!(!inside_link_url(&[&"[".repeat(65), "](x"]));
    }

    #[test]
    fn share_links_wrapped_over_blank_lines_are_one_line() {
        // html2text at its default width: the tweet's text (the comment's first words, blank
        // lines included) wraps inside the URL.
        let page = "Jane Doe\n\n[__](https://twitter.com/intent/tweet?text=Hi all.\n\nI followed... \"Share On\nTwitter\")\n\n__7 months ago\n";
        let lines = solid_lines(page);
        assert!(matches!(lines[1], (3, 4, Kind::Share)), "{lines:?}");
        assert!(matches!(lines[2], (8, 1, Kind::Date { .. })), "{lines:?}");
        // An open bracket in text takes no blank line with it.
        let lines = solid_lines("[Note: see\n\nbelow) and more\n");
        assert_eq!(lines.len(), 2, "{lines:?}");
    }

    #[test]
    fn pandoc_shapes_read_as_their_content() {
        // pandoc's share row (attributes wrapped inside), the same row boxed in a span, the
        // rating widget's spans on lines of their own, a linked avatar with attributes.
        let page = "[](https://twitter.com/intent/tweet?text=x \"Share On Twitter\"){.wc_tw\nrel=\"noreferrer\"\ntarget=\"_blank\"}[](https://vk.com/share.php?url=y){.wc_vk}\n\n\
                    [[Share On\nTwitter](https://twitter.com/home?status=x){.wc_tw\ntarget=\"_blank\"} [Share On\nGoogle](https://plus.google.com/share?url=x){.wc_go}]{.share_buttons_box}\n\n\
                    [5]{.wpdrv}\n[1]{.wpdrc}\n\n\
                    [![Nam\nVũ](https://g/a.png){.avatar\nheight=\"64\"}](/author/n/){target=\"_blank\"}\n";
        let lines = solid_lines(page);
        assert!(matches!(lines[0], (1, 3, Kind::Share)), "{lines:?}");
        assert!(matches!(lines[1], (5, 4, Kind::Share)), "{lines:?}");
        assert!(matches!(lines[2..4], [(10, 1, Kind::Number(5)), (11, 1, Kind::Number(1))]), "{lines:?}");
        assert!(matches!(lines[4], (13, 3, Kind::Avatar { .. })), "{lines:?}");
    }

    #[test]
    fn wrapped_chrome_is_one_line() {
        let lines =
            solid_lines("Diesen Kommentar auf Twitter teilen? Diesen Kommentar auf Twitter\nteilen?\n");
        assert!(matches!(lines[..], [(1, 2, Kind::Chrome(_))]), "{lines:?}");
        // Text that starts with a phrase stays text, and so does the line after it.
        let lines = solid_lines("Reply all you want, it is fine\nby me\n");
        assert!(matches!(lines[..], [(1, 1, Kind::Text), (2, 1, Kind::Text)]), "{lines:?}");
    }

    #[test]
    fn reply_markers_that_read_as_buttons_are_told_by_their_place() {
        // BeautifulSoup's `get_text("\n", strip=True)` of a Vietnamese page: the button
        // follows the votes, the marker a badge or no number.
        let page = "htl\n2 năm trước\nXin chào\n0\nTrả lời\nNam Vũ\nTác giả\nTrả lời\nhtl\n1 năm trước\nCảm ơn\n0\nTrả lời\nAndi\nTrả lời\nNam Vũ\n1 năm trước\nOK\n0\nTrả lời\n";
        let kinds: Vec<bool> = solid_lines(page)
            .iter()
            .filter(|(_, _, kind)| matches!(kind, Kind::ReplyTo { .. } | Kind::Chrome(_)))
            .map(|(_, _, kind)| matches!(kind, Kind::ReplyTo { .. }))
            .collect();
        // button, badge, marker, button, marker, button
        assert_eq!(kinds, [false, false, true, false, true, false]);
    }

    #[test]
    fn theme_headings_count() {
        let page = "One response to “Harbour”\n12 Replies to “Harbour”\n2 replies on “Harbour”\nOne thought on “Harbour”\n3 thoughts on “Harbour”\n";
        let counts: Vec<u64> = solid_lines(page)
            .iter()
            .filter_map(|(_, _, kind)| match kind {
                Kind::Count(n) => Some(*n),
                _ => None,
            })
            .collect();
        assert_eq!(counts, [1, 12, 2, 1, 3]);
        // Without a title these are a button's word and text.
        let lines = solid_lines("2 Replies\nOne reply was enough\nOnce upon a time\n");
        assert!(lines.iter().all(|(_, _, kind)| !matches!(kind, Kind::Count(_))), "{lines:?}");
    }

    #[test]
    fn legacy_count_badges_count() {
        let lines = solid_lines("2 Leave a Reply\n14 Comments\nLeave a Reply\n2 Leave\n");
        assert!(
            matches!(
                lines[..],
                [
                    (1, 1, Kind::Count(2)),
                    (2, 1, Kind::Count(14)),
                    (3, 1, Kind::Chrome(_)),
                    (4, 1, Kind::Text)
                ]
            ),
            "{lines:?}"
        );
    }

    #[test]
    fn names_are_offsets_into_their_line() {
        let line = "Reply to Frank";
        let name = Name::within(line, &line[9..]).expect("a part of the line");
        assert_eq!(Line::new(line, 1, Kind::Text).name(name), "Frank");
        assert_eq!(Name::within(line, ""), Some(Name::NONE), "an empty name from anywhere");
        assert!(Name::NONE.is_empty() && !name.is_empty());
        assert_eq!(Name::within(line, "Frank"), None, "text from elsewhere is no name");
        // A line with the same text reads the same offsets (what the line memo relies on).
        let again = String::from(line);
        assert_eq!(Line::new(&again, 1, Kind::Text).name(name), "Frank");
    }

    #[test]
    fn a_repeated_line_keeps_its_names_and_a_date_of_its_own() {
        let page = "Reply to Frank 2 years ago\n\nReply to Frank 2 years ago\n";
        let classified = classify_all(page, 0);
        let replies: Vec<_> = classified.lines.iter().filter(|l| !l.is_blank()).collect();
        let (Kind::ReplyTo { name: a, date: Some(d1) }, Kind::ReplyTo { name: b, date: Some(d2) }) =
            (replies[0].kind, replies[1].kind)
        else {
            panic!("two dated reply markers: {replies:?}");
        };
        assert_eq!((replies[0].name(a), replies[1].name(b)), ("Frank", "Frank"));
        assert_ne!(d1, d2, "each line has its own date entry");
        let offset = |text: &str| text.as_ptr() as usize - page.as_ptr() as usize;
        assert_eq!(offset(classified.dates[d2.index()].text), 43, "the second line's date text");
    }

    #[test]
    fn a_dated_reply_marker_reads_an_escaped_date() {
        // html2text, layout 3: icon residue around the date and `9\.` escaped as markdown.
        let page = "__Antwort an   Anja  __9\\. April 2024 4:00\n";
        let classified = classify_all(page, 0);
        let line = classified.lines.at(0);
        let Kind::ReplyTo { name, date: Some(d) } = line.kind else {
            panic!("a dated reply marker: {line:?}");
        };
        assert_eq!(line.name(name), "Anja");
        assert_eq!(classified.dates[d.index()].text, "9\\. April 2024 4:00");
    }

    #[test]
    fn wrapped_pandoc_attribute_blocks_are_one_line() {
        // pandoc at 72 columns, legacy sort buttons: the second and third buttons' attribute
        // blocks wrap, and the lines after start inside them.
        let page = "::: wpdiscuz-front-actions\n\
                    Sortiert nach:  [neuste]{.wpdiscuz-sort-button .wpdiscuz-date-sort-desc}\n\
                    \\| [älteste]{.wpdiscuz-sort-button .wpdiscuz-date-sort-asc\n\
                    .wpdiscuz-sort-button-active} \\| [beste Bewertung]{.wpdiscuz-sort-button\n\
                    .wpdiscuz-vote-sort-up}\n:::\n";
        let lines = solid_lines(page);
        assert!(matches!(lines[1], (2, 1, Kind::Chrome(_))), "{lines:?}");
        assert!(matches!(lines[2], (3, 3, Kind::Chrome(_))), "{lines:?}");
        assert_eq!(lines.len(), 4, "{lines:?}");
        // Unwrapped, the row is long only by its attribute blocks: chrome all the same.
        let row = format!(
            "Sort by: [newest]{{{0}}} \\| [oldest]{{{0}}} \\| [most voted]{{{0}}}\n",
            ".wpdiscuz-sort-button .wpdiscuz-date-sort-desc .wpdiscuz-sort-button-active"
        );
        assert!(row.len() > MAX_SHORT_LINE);
        assert!(matches!(solid_lines(&row)[..], [(1, 1, Kind::Chrome(_))]), "{:?}", solid_lines(&row));
        // A button after an inline SVG's long data URL.
        let button = format!("![](data:image/svg+xml;base64,{}) Reply\n", "A".repeat(240));
        assert!(matches!(solid_lines(&button)[..], [(1, 1, Kind::Chrome(_))]), "{:?}", solid_lines(&button));
        // Without fences (no pandoc page) a line's open brace takes no lines with it.
        let lines = solid_lines("see [this]{.x\nand that}\n");
        assert_eq!(lines.len(), 2, "{lines:?}");
    }

    #[test]
    fn pandoc_layout3_reply_spans_are_a_dated_reply_marker() {
        // pandoc, layout 3: the marker and the date in two spans, on one line or wrapped.
        let page = "[ Reply to  [Andi](#comment-9380) ]{.wpd-reply-to} [ 1 year ago ]{.wpd-comment-date title=\"x\"}\n\n\
                    [ Reply to  [Nam Vũ](#comment-1) ]{.wpd-reply-to} [ 1 month ago\n]{.wpd-comment-date title=\"July 30, 2023 11:40 pm\"}\n\n\
                    [ Reply to all ]{.x} [ nothing ]{.y}\n";
        let classified = classify_all(page, 0);
        let lines: Vec<_> = classified.lines.iter().filter(|l| !l.is_blank()).collect();
        let dated = |line: &Line<'_>| match line.kind {
            Kind::ReplyTo { name, date: Some(d) } => {
                Some((line.name(name).to_owned(), classified.dates[d.index()].text.to_owned()))
            }
            _ => None,
        };
        let owned = |n: &str, d: &str| Some((n.to_owned(), d.to_owned()));
        assert_eq!(dated(&lines[0]), owned("Andi", "1 year ago"), "{lines:?}");
        assert_eq!(dated(&lines[1]), owned("Nam Vũ", "1 month ago"), "{lines:?}");
        assert_eq!(lines[1].count, 2);
        assert!(matches!(lines[2].kind, Kind::Text), "{lines:?}");
    }

    #[test]
    fn reply_targets_lose_link_markup() {
        assert_eq!(reply_target("[ htl ](#comment-8340)"), "htl");
        assert_eq!(reply_target("[37]htl"), "htl");
        assert_eq!(reply_target("htl"), "htl");
        let page = "Reply to  [37]Nam Vũ\nReply to [ htl ](#comment-8340) 1 year ago\n";
        let lines = classify_all(page, 0).lines;
        fn named<'a>(line: &Line<'a>) -> Option<(&'a str, bool)> {
            match line.kind {
                Kind::ReplyTo { name, date } => Some((line.name(name), date.is_some())),
                _ => None,
            }
        }
        assert_eq!(named(&lines.at(0)), Some(("Nam Vũ", false)), "{lines:?}");
        assert_eq!(named(&lines.at(1)), Some(("htl", true)), "{lines:?}");
    }

    /// Every line of the test pages, and lines that open with each phrase the marker rules
    /// look for, in the shapes pages print them.
    fn marker_lines() -> Vec<String> {
        let mut lines = crate::test_pages::lines();
        let catalog = phrases::catalog();
        for key in [
            "wc_reply_to",
            "wc_reply_text",
            "wc_vote_up",
            "wc_vote_down",
            "header_text_plural",
            "wc_last_edited",
        ] {
            for text in catalog.texts(key) {
                for after in [
                    " Frank",
                    "\u{a0} Nam Vũ",
                    "  [37]htl",
                    " 3 Vote Down",
                    " on \"Title\"",
                    "",
                    " 2 days ago by Ann",
                ] {
                    lines.push(format!("{text}{after}"));
                    lines.push(format!("{}{after}", text.to_uppercase()));
                    lines.push(format!("[{text}]{after}"));
                }
            }
        }
        lines
    }

    /// The phrase rules as they read a line before [`PhraseOpening`]: each walks the trie.
    fn exact_opening(folded: &str) -> PhraseOpening {
        let prefixes = || phrases::chrome().prefixes(folded, 0);
        let reply_to = |&(end, _): &(usize, _)| {
            folded.as_bytes().get(end) == Some(&b' ') && phrases::markers().is_reply_to(&folded[..end])
        };
        PhraseOpening {
            count_words: is_count_word(folded),
            reply_to_end: prefixes().filter(reply_to).map(|(end, _)| end).last(),
            vote_button_end: prefixes()
                .filter(|(_, p)| p.class == Class::VoteButton)
                .map(|(end, _)| end)
                .last(),
        }
    }

    fn assert_opening_is_exact(line: &str) {
        let folded = phrases::normalize(line);
        assert_eq!(PhraseOpening::read(&folded), exact_opening(&folded), "{line:?}");
        if let Some(end) = exact_opening(&folded).reply_to_end {
            assert_eq!(offset_after_phrase(line, end), phrases::source_offset(line, end), "{line:?}");
        }
    }

    /// One walk finds what the rules found walking the trie each, and the name after a
    /// `Reply to` starts where folding the whole line again says.
    #[test]
    fn phrase_openings_are_what_each_rule_finds() {
        let lines = marker_lines();
        for line in &lines {
            assert_opening_is_exact(line);
        }
        let replies =
            lines.iter().filter(|l| exact_opening(&phrases::normalize(l)).reply_to_end.is_some()).count();
        assert!(replies > 1_000, "{replies} reply markers");
    }

    /// The name's offset after every phrase end that a space follows, in any line.
    fn assert_offsets_are_exact(line: &str) {
        let folded = phrases::normalize(line);
        for end in (1..folded.len()).filter(|&end| folded.as_bytes()[end] == b' ') {
            assert_eq!(offset_after_phrase(line, end), phrases::source_offset(line, end), "{line:?} {end}");
        }
    }

    #[test]
    fn offsets_after_phrases_are_the_source_offsets() {
        for line in marker_lines() {
            assert_offsets_are_exact(&line);
        }
    }

    proptest::proptest! {
        #[test]
        fn offsets_after_phrases_are_exact_on_any_line(
            line in "((Reply|to|Vote|Up|[a-zA-Z0-9]|[ ]+|\u{a0}|\t|\\[|\\]|\\[12\\]|\\(BUTTON\\)|\\*|\\\\|_|:|é|Ж|\\{\\}|\\{\\.x\\}){0,10})",
        ) {
            assert_offsets_are_exact(&line);
            assert_opening_is_exact(&line);
        }
    }
}

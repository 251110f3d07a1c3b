//! The classified lines of a page, packed: 16 bytes a line.
//!
//! A page holds one record per line (or group of lines) from stage 1 to the end of stage 2,
//! and on pages of short lines (text browsers' dumps: 15 to 30 bytes a line) those records
//! are what decides the parse's peak memory. So they are stored packed ([`Packed`]): the text
//! as a 32-bit offset and length into the input, the kind as a tag and one 32-bit word, the
//! line number as its low byte (the rest follows from a checkpoint, [`LineStore::number`]).
//! The few kinds whose data does not fit a word (a multi-phrase chrome line, a `Reply to`
//! with its date, a rating widget, counts past the 32-bit range) keep it in a table beside.
//!
//! Stage 2 reads a line as a [`Line`] ([`LineStore::at`]), rebuilt from its record: the
//! rules see the same view as before the packing.

use super::{DateId, Kind, Line, Name};
use crate::phrases::Segmentation;

/// Lines per line-number checkpoint: [`LineStore::number`] adds up at most this many counts.
const CHECKPOINT_EVERY: usize = 16;

/// What kind of record a line has, and what its `word` holds (the tags whose `word` is the
/// count come first: [`LineStore::unpack_count`] tells them by order). Stage 2 reads it
/// ([`LineStore::tag`]) where the tag alone answers its question, without building the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Tag {
    // `word` is the line count.
    Blank,
    Text,
    Heading,
    Residue,
    SectionFence,
    CountWords,
    Edited,
    Share,
    // `word` is the payload, `count` the line count.
    Number,
    Average,
    Date,
    TimedDate,
    Phrase,
    ReplyTo,
    ParentLink,
    Avatar,
    AuthorLink,
    Says,
    // `word` indexes `LineStore::extras`, which holds the kind and the count.
    Extra,
}

impl Tag {
    /// How many tags there are: every tag's number is below it (`Extra` is the last).
    pub const COUNT: usize = Tag::Extra as usize + 1;

    /// Every tag, in the order of their numbers (for tables indexed by tag).
    pub const ALL: [Tag; Tag::COUNT] = [
        Tag::Blank,
        Tag::Text,
        Tag::Heading,
        Tag::Residue,
        Tag::SectionFence,
        Tag::CountWords,
        Tag::Edited,
        Tag::Share,
        Tag::Number,
        Tag::Average,
        Tag::Date,
        Tag::TimedDate,
        Tag::Phrase,
        Tag::ReplyTo,
        Tag::ParentLink,
        Tag::Avatar,
        Tag::AuthorLink,
        Tag::Says,
        Tag::Extra,
    ];

    /// A set of tags, a bit each by the tag's number: a test against it is a shift, not a
    /// jump per tag.
    pub const fn set(tags: &[Tag]) -> u32 {
        let mut bits = 0;
        let mut k = 0;
        while k < tags.len() {
            bits |= 1 << tags[k] as u32;
            k += 1;
        }
        bits
    }

    /// True when this tag is in `set` ([`Tag::set`]).
    #[inline]
    pub fn is_in(self, set: u32) -> bool {
        set >> (self as u32) & 1 != 0
    }
}

// Each tag stands at its number in `Tag::ALL`, and a set of them fits a `u32`.
const _: () = {
    let mut tag = 0;
    while tag < Tag::COUNT {
        assert!(Tag::ALL[tag] as usize == tag);
        tag += 1;
    }
    assert!(Tag::COUNT <= 32);
};

/// One line, packed.
#[derive(Debug, Clone, Copy)]
struct Packed {
    /// Where the line's text starts in the input, and its length in bytes.
    start: u32,
    len: u32,
    /// The count or the payload, as [`Tag`] says.
    word: u32,
    /// The line count of a record whose `word` is a payload.
    count: u16,
    tag: Tag,
    /// The line number's low byte (the record's spare byte): with the checkpoint's, the
    /// number without summing counts where the checkpoint's group spans fewer than 256 lines
    /// ([`LineStore::number`]).
    number_low: u8,
}

const _: () = assert!(std::mem::size_of::<Packed>() == 16);

/// A one-line record's kind, packed ([`LineStore::packed_line`]): the table of known lines
/// keeps it, so that a line it knows is stored without its kind being packed again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PackedLine {
    tag: Tag,
    word: u32,
    count: u16,
}

/// The classified lines of a page, in page order.
#[derive(Debug)]
pub(crate) struct LineStore<'a> {
    input: &'a str,
    records: Vec<Packed>,
    /// The kinds and counts that do not fit a record.
    extras: Vec<(Kind, u32)>,
    /// The line number of every [`CHECKPOINT_EVERY`]th record.
    checkpoints: Vec<u32>,
    /// The number of the line after the last record.
    next_number: usize,
}

/// `spare` when it has room for `room` items, else a new vector with that room.
fn with_room<T>(spare: Vec<T>, room: usize) -> Vec<T> {
    if spare.capacity() >= room {
        spare
    } else {
        Vec::with_capacity(room)
    }
}

/// The emptied buffers of a store, for the next store of the thread.
#[derive(Default)]
struct Spare {
    records: Vec<Packed>,
    extras: Vec<(Kind, u32)>,
    checkpoints: Vec<u32>,
}

thread_local! {
    /// Each page's store takes over the buffers of the thread's previous one
    /// ([`LineStore::recycle`]): three allocations and frees a page saved, the largest of
    /// the page.
    static SPARE: std::cell::Cell<Option<Spare>> = const { std::cell::Cell::new(None) };
}

impl<'a> LineStore<'a> {
    /// An empty store for the lines of `input`, with room for `capacity` records, its first
    /// line numbered `first_number`.
    #[inline(never)] // once a page: kept out of the line loop around it
    pub fn with_capacity(input: &'a str, capacity: usize, first_number: usize) -> Self {
        let Spare { records, extras, checkpoints } = crate::spare::take(&SPARE);
        LineStore {
            input,
            records: with_room(records, capacity),
            extras,
            checkpoints: with_room(checkpoints, capacity / CHECKPOINT_EVERY + 1),
            next_number: first_number,
        }
    }

    /// Drops the store, its buffers left to the thread's next store (an ordinary page's: a
    /// huge page's go back to the allocator).
    #[inline(never)] // once a page
    pub fn recycle(self) {
        let LineStore { mut records, mut extras, mut checkpoints, .. } = self;
        crate::spare::empty(&mut records);
        crate::spare::empty(&mut extras);
        crate::spare::empty(&mut checkpoints);
        crate::spare::keep(&SPARE, Spare { records, extras, checkpoints });
    }

    /// The number of records (lines, groups of lines, runs of blank lines).
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Adds `line`, a part of the input, which begins at physical line `number` (the one
    /// after the previous record's lines).
    #[inline]
    pub fn push(&mut self, line: Line<'a>, number: usize) {
        let (tag, word, count) = self.pack(line.kind, line.count);
        self.push_record(
            line.text,
            number,
            line.count,
            Packed { start: 0, len: 0, word, count, tag, number_low: 0 },
        );
    }

    /// Adds `text`, a line of its own of [`Kind::Text`] (most lines: stored without packing a
    /// kind).
    #[inline]
    pub fn push_text(&mut self, text: &'a str, number: usize) {
        self.push_record(
            text,
            number,
            1,
            Packed { start: 0, len: 0, word: 1, count: 0, tag: Tag::Text, number_low: 0 },
        );
    }

    /// Adds `record` for `text`, which begins at physical line `number` and spans `lines`.
    #[inline]
    fn push_record(&mut self, text: &'a str, number: usize, lines: u32, record: Packed) {
        let start = crate::input::offset_within(text, self.input).expect("a line is a part of the input");
        self.push_record_at(start, text.len(), number, lines, record);
    }

    /// Adds `record` for the `len` bytes at offset `start`, which begin at physical line
    /// `number` and span `lines`.
    #[inline]
    fn push_record_at(&mut self, start: usize, len: usize, number: usize, lines: u32, mut record: Packed) {
        debug_assert_eq!(number, self.next_number, "records cover the lines in order");
        if self.records.len() % CHECKPOINT_EVERY == 0 {
            self.checkpoints.push(saturate(number));
        }
        record.number_low = number as u8;
        (record.start, record.len) = (saturate(start), saturate(len));
        self.records.push(record);
        self.next_number = number + lines as usize;
    }

    /// Adds blank line `number`, whose (trimmed, empty) text is `text`.
    #[inline]
    pub fn push_blank(&mut self, text: &'a str, number: usize) {
        let start = crate::input::offset_within(text, self.input).expect("a line is a part of the input");
        self.push_blank_at(start, number);
    }

    /// Adds blank line `number`, its empty text at offset `start`: a run of blank lines is
    /// one record (converter dumps can be mostly blank lines, BeautifulSoup's nineteen in
    /// twenty, and what matters is that they separate), a new one past `u32::MAX` lines.
    #[inline]
    pub fn push_blank_at(&mut self, start: usize, number: usize) {
        match self.records.last_mut() {
            Some(last) if last.tag == Tag::Blank && last.word < u32::MAX => {
                last.word += 1;
                self.next_number += 1;
            }
            _ => self.push_record_at(
                start,
                0,
                number,
                1,
                Packed { start: 0, len: 0, word: 1, count: 0, tag: Tag::Blank, number_low: 0 },
            ),
        }
    }

    /// Line `i`.
    #[inline]
    pub fn at(&self, i: usize) -> Line<'a> {
        self.line_of(self.records[i])
    }

    /// The line of a record.
    #[inline]
    fn line_of(&self, record: Packed) -> Line<'a> {
        let (kind, count) = self.unpack(record);
        Line { text: self.text_of(record), count, kind }
    }

    /// The text of a record.
    #[inline]
    fn text_of(&self, record: Packed) -> &'a str {
        let start = record.start as usize;
        self.input.get(start..start + record.len as usize).unwrap_or_default()
    }

    /// The kind of line `i`.
    #[inline]
    pub fn kind(&self, i: usize) -> Kind {
        self.unpack(self.records[i]).0
    }

    /// The text of line `i`.
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        self.text_of(self.records[i])
    }

    /// The offset of line `i`'s text in the input.
    #[inline]
    pub fn start(&self, i: usize) -> usize {
        self.records[i].start as usize
    }

    /// The length of line `i`'s text in bytes.
    #[inline]
    pub fn text_len(&self, i: usize) -> usize {
        self.records[i].len as usize
    }

    /// True when line `i` is plain text (the kind of most lines, told without building it).
    #[inline]
    pub fn is_text(&self, i: usize) -> bool {
        self.records[i].tag == Tag::Text
    }

    /// The tag of line `i`'s record: the kind without its payload, except for
    /// [`Tag::Extra`] (any kind that did not fit a record).
    #[inline]
    pub fn tag(&self, i: usize) -> Tag {
        self.records[i].tag
    }

    /// The phrase number of line `i` when it is a single chrome phrase kept in its record
    /// (a single phrase's kind is `Kind::Chrome(Segmentation::single(number))`).
    #[inline]
    pub fn single_phrase(&self, i: usize) -> Option<u16> {
        let record = self.records[i];
        (record.tag == Tag::Phrase).then_some(record.word as u16)
    }

    /// The tags of the lines' records, in order.
    pub fn tags(&self) -> impl ExactSizeIterator<Item = Tag> + '_ {
        self.records.iter().map(|record| record.tag)
    }

    /// The kinds of the lines, in order.
    pub fn kinds(&self) -> impl DoubleEndedIterator<Item = Kind> + ExactSizeIterator + '_ {
        self.records.iter().map(|&record| self.unpack(record).0)
    }

    /// True when line `i` is blank.
    #[inline]
    pub fn is_blank(&self, i: usize) -> bool {
        self.records[i].tag == Tag::Blank
    }

    /// The lines in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Line<'a>> + ExactSizeIterator + '_ {
        self.records.iter().map(|&record| self.line_of(record))
    }

    /// Gives line `i` another kind.
    pub fn set_kind(&mut self, i: usize, kind: Kind) {
        let count = self.count(i);
        let (tag, word, count) = self.pack(kind, count);
        let record = &mut self.records[i];
        (record.tag, record.word, record.count) = (tag, word, count);
    }

    /// The number of physical lines of line `i`.
    pub fn count(&self, i: usize) -> u32 {
        self.unpack_count(self.records[i])
    }

    /// The 1-based number of the first physical line of line `i` (saturating at
    /// `u32::MAX`, as the parser takes no input with more lines).
    pub fn number(&self, i: usize) -> usize {
        let group = i / CHECKPOINT_EVERY;
        let checkpoint = self.checkpoints[group] as usize;
        // The group's lines end where the next one starts (or the store ends).
        let group_end = self.checkpoints.get(group + 1).map_or(self.next_number, |&n| n as usize);
        if group_end - checkpoint <= usize::from(u8::MAX) && group_end < u32::MAX as usize {
            // No record of the group is 256 lines or more past its checkpoint.
            let since = self.records[i].number_low.wrapping_sub(checkpoint as u8);
            return checkpoint + usize::from(since);
        }
        self.number_by_counts(i)
    }

    /// [`LineStore::number`] the long way: the checkpoint's number and the counts of the
    /// records from it to line `i`.
    fn number_by_counts(&self, i: usize) -> usize {
        let base = i - i % CHECKPOINT_EVERY;
        let lines: usize = self.records[base..i].iter().map(|&r| self.unpack_count(r) as usize).sum();
        (self.checkpoints[i / CHECKPOINT_EVERY] as usize + lines).min(u32::MAX as usize)
    }

    /// Gives back what growth left unused (in place, for a large vector).
    pub fn shrink(&mut self, slack: usize) {
        if self.records.capacity() > self.records.len() + self.records.len() / 8 + slack {
            self.records.shrink_to_fit();
        }
    }

    /// The tag, word and count of a record for `kind` spanning `count` lines.
    #[inline]
    fn pack(&mut self, kind: Kind, count: u32) -> (Tag, u32, u16) {
        pack_word(kind, count).unwrap_or_else(|| {
            // At most one extra per record, and records are fewer than `u32::MAX`.
            let index = u32::try_from(self.extras.len()).expect("fewer extras than lines");
            self.extras.push((kind, count));
            (Tag::Extra, index, 0)
        })
    }

    /// `kind` packed for a record of one line, unless it needs the table beside the records.
    pub fn packed_line(kind: Kind) -> Option<PackedLine> {
        pack_word(kind, 1).map(|(tag, word, count)| PackedLine { tag, word, count })
    }

    /// Adds `text`, a line of its own whose kind `packed` holds (as [`Self::packed_line`]
    /// packed it).
    #[inline]
    pub fn push_packed(&mut self, text: &'a str, number: usize, packed: PackedLine) {
        let PackedLine { tag, word, count } = packed;
        self.push_record(text, number, 1, Packed { start: 0, len: 0, word, count, tag, number_low: 0 });
    }

    /// The kind and count of a record.
    #[inline]
    fn unpack(&self, record: Packed) -> (Kind, u32) {
        let Packed { word, count, tag, .. } = record;
        let count = u32::from(count);
        match tag {
            Tag::Blank => (Kind::Blank, word),
            Tag::Text => (Kind::Text, word),
            Tag::Heading => (Kind::Heading, word),
            Tag::Residue => (Kind::Residue, word),
            Tag::SectionFence => (Kind::SectionFence, word),
            Tag::CountWords => (Kind::CountWords, word),
            Tag::Edited => (Kind::Edited, word),
            Tag::Share => (Kind::Share, word),
            Tag::Number => (Kind::Number(i64::from(word as i32)), count),
            Tag::Average => (Kind::Average(word), count),
            Tag::Date => (Kind::Date { date: date_id(word), timed: false }, count),
            Tag::TimedDate => (Kind::Date { date: date_id(word), timed: true }, count),
            Tag::Phrase => (Kind::Chrome(Segmentation::single(word as u16)), count),
            Tag::ReplyTo => (Kind::ReplyTo { name: unpack_name(word), date: None }, count),
            Tag::ParentLink => (Kind::ParentLink { name: unpack_name(word) }, count),
            Tag::Avatar => (Kind::Avatar { alt: unpack_name(word) }, count),
            Tag::AuthorLink => (Kind::AuthorLink { name: unpack_name(word) }, count),
            Tag::Says => (Kind::Says { name: unpack_name(word) }, count),
            Tag::Extra => self.extras[word as usize],
        }
    }

    /// The count of a record (without building its kind).
    #[inline]
    fn unpack_count(&self, record: Packed) -> u32 {
        if record.tag == Tag::Extra {
            return self.extras[record.word as usize].1;
        }
        // The tags before `Number` keep the count in `word`, the others in `count`: a select
        // rather than a jump per tag.
        if (record.tag as u8) < Tag::Number as u8 {
            record.word
        } else {
            u32::from(record.count)
        }
    }
}

/// The tag, word and count of a record for `kind` spanning `count` lines, when they fit the
/// record (`None`: the kind goes to the table beside the records).
#[inline]
fn pack_word(kind: Kind, count: u32) -> Option<(Tag, u32, u16)> {
    let plain = |tag| Some((tag, count, 0));
    let small_count = u16::try_from(count).ok();
    let with_word = |tag, word: Option<u32>| Some((tag, word?, small_count?));
    match kind {
        Kind::Blank => plain(Tag::Blank),
        Kind::Text => plain(Tag::Text),
        Kind::Heading => plain(Tag::Heading),
        Kind::Residue => plain(Tag::Residue),
        Kind::SectionFence => plain(Tag::SectionFence),
        Kind::CountWords => plain(Tag::CountWords),
        Kind::Edited => plain(Tag::Edited),
        Kind::Share => plain(Tag::Share),
        Kind::Number(n) => with_word(Tag::Number, i32::try_from(n).ok().map(|n| n as u32)),
        Kind::Average(tenths) => with_word(Tag::Average, Some(tenths)),
        Kind::Date { date, timed: false } => with_word(Tag::Date, Some(date.0.get())),
        Kind::Date { date, timed: true } => with_word(Tag::TimedDate, Some(date.0.get())),
        Kind::Chrome(seg) if seg.is_single() => with_word(Tag::Phrase, Some(u32::from(seg.ids()[0]))),
        Kind::ReplyTo { name, date: None } => with_word(Tag::ReplyTo, pack_name(name)),
        Kind::ParentLink { name } => with_word(Tag::ParentLink, pack_name(name)),
        Kind::Avatar { alt } => with_word(Tag::Avatar, pack_name(alt)),
        Kind::AuthorLink { name } => with_word(Tag::AuthorLink, pack_name(name)),
        Kind::Says { name } => with_word(Tag::Says, pack_name(name)),
        Kind::Chrome(_)
        | Kind::Count(_)
        | Kind::RatingLine { .. }
        | Kind::ReplyTo { .. }
        | Kind::LegacyVotes(_)
        | Kind::LegacyFooter { .. } => None,
    }
}

/// `n` as a 32-bit number, saturating (records hold offsets into inputs under
/// [`crate::input::MAX_INPUT_LEN`], so only line numbers can reach the bound).
fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A name in one word, when its offset and length fit 16 bits each (names are short, and
/// stand near the start of their line).
fn pack_name(name: Name) -> Option<u32> {
    let start = u16::try_from(name.start).ok()?;
    let len = u16::try_from(name.len).ok()?;
    Some(u32::from(start) << 16 | u32::from(len))
}

fn unpack_name(word: u32) -> Name {
    Name { start: word >> 16, len: word & 0xFFFF }
}

/// The date of a record's word (written from a [`DateId`], so never zero).
fn date_id(word: u32) -> DateId {
    DateId(std::num::NonZeroU32::new(word).unwrap_or(std::num::NonZeroU32::MIN))
}

#[cfg(test)]
fn id(n: u32) -> DateId {
    DateId(std::num::NonZeroU32::new(n).unwrap())
}

/// Every kind, with payloads at the edges of what fits a word and past them (for tests of
/// code that reads kinds from the records).
#[cfg(test)]
pub(crate) fn every_kind() -> Vec<Kind> {
    let name = |start, len| Name { start, len };
    vec![
        Kind::Blank,
        Kind::Text,
        Kind::Heading,
        Kind::Residue,
        Kind::SectionFence,
        Kind::CountWords,
        Kind::Edited,
        Kind::Share,
        Kind::Number(-7),
        Kind::Number(i64::from(i32::MIN)),
        Kind::Number(i64::from(i32::MAX) + 1),
        Kind::Number(i64::MIN),
        Kind::Average(45),
        Kind::Date { date: id(1), timed: false },
        Kind::Date { date: id(u32::MAX), timed: true },
        Kind::Chrome(Segmentation::single(3)),
        Kind::Chrome(Segmentation::single(1000)),
        Kind::ReplyTo { name: Name::NONE, date: None },
        Kind::ReplyTo { name: name(9, 5), date: None },
        Kind::ReplyTo { name: name(9, 5), date: Some(id(2)) },
        Kind::ReplyTo { name: name(70_000, 5), date: None },
        Kind::ParentLink { name: name(2, 65_535) },
        Kind::Avatar { alt: name(2, 65_536) },
        Kind::AuthorLink { name: name(1, 4) },
        Kind::Says { name: name(0, 5) },
        Kind::Count(u64::MAX),
        Kind::RatingLine { tenths: 45, votes: 2 },
        Kind::LegacyVotes(-3),
        Kind::LegacyFooter { votes: 9, date: Some(id(5)) },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_packed_for_one_line_read_back_as_pushed() {
        let input = "x".repeat(10);
        let mut packed = LineStore::with_capacity(&input, 0, 1);
        let mut pushed = LineStore::with_capacity(&input, 0, 1);
        let mut n = 0;
        for kind in every_kind() {
            if let Some(line) = LineStore::packed_line(kind) {
                n += 1;
                packed.push_packed(&input[n % 10..], n, line);
                pushed.push(Line::new(&input[n % 10..], 1, kind), n);
            }
        }
        assert!(n > 15, "most kinds fit a record: {n}");
        for i in 0..n {
            let (a, b) = (packed.records[i], pushed.records[i]);
            assert_eq!(
                (a.start, a.len, a.word, a.count, a.tag, a.number_low),
                (b.start, b.len, b.word, b.count, b.tag, b.number_low)
            );
            assert_eq!(format!("{:?}", packed.at(i)), format!("{:?}", pushed.at(i)));
        }
    }

    #[test]
    fn every_kind_and_count_reads_back_as_stored() {
        let input = "x".repeat(10);
        for count in [1, 2, u32::from(u16::MAX), u32::from(u16::MAX) + 1, u32::MAX] {
            let mut store = LineStore::with_capacity(&input, 0, 1);
            for (i, kind) in every_kind().into_iter().enumerate() {
                store.push(Line::new(&input[i % 10..], count, kind), 1 + i * count as usize);
            }
            for (i, kind) in every_kind().into_iter().enumerate() {
                let line = store.at(i);
                assert_eq!(format!("{:?}", line.kind), format!("{kind:?}"), "count {count}");
                assert_eq!((line.count, line.text), (count, &input[i % 10..]));
                let number = (1 + i * count as usize).min(u32::MAX as usize);
                assert_eq!(store.number(i), number, "line {i} count {count}");
            }
        }
    }

    #[test]
    fn numbers_follow_the_counts_across_checkpoints() {
        let input = "a\n\n\nb\n".repeat(100);
        let mut store = LineStore::with_capacity(&input, 0, 1);
        let mut number = 1;
        for k in 0..100 {
            store.push(Line::new(&input[k * 6..k * 6 + 1], 1, Kind::Text), number);
            store.push_blank(&input[k * 6 + 2..k * 6 + 2], number + 1);
            store.push_blank(&input[k * 6 + 3..k * 6 + 3], number + 2);
            store.push(Line::new(&input[k * 6 + 4..k * 6 + 5], 1, Kind::Text), number + 3);
            number += 4;
        }
        assert_eq!(store.len(), 300, "a run of blank lines is one record");
        for i in 0..store.len() {
            let k = i / 3;
            let expected = 1 + 4 * k + [0, 1, 3][i % 3];
            assert_eq!(store.number(i), expected, "record {i}");
            assert_eq!(store.count(i), [1, 2, 1][i % 3]);
        }
        assert_eq!(store.at(1).count, 2);
        assert!(store.at(1).is_blank() && store.at(299).text == "b");
    }

    /// The number from the low byte is the number from the counts, on every test page.
    #[test]
    fn numbers_of_the_test_pages_are_the_counted_ones() {
        for page in crate::test_pages::pages() {
            let lines = crate::lines::classify_all(&page, crate::input::content_start(&page)).lines;
            for i in 0..lines.len() {
                assert_eq!(lines.number(i), lines.number_by_counts(i), "record {i}");
            }
        }
    }

    proptest::proptest! {
        /// Groups of records spanning fewer and more than 256 lines (long blank runs, groups
        /// of many lines) are numbered as the counts say.
        #[test]
        fn numbers_are_the_counted_ones(spans in proptest::collection::vec((0u32..40, 1u32..300), 1..120)) {
            let input = "x".repeat(8);
            let mut store = LineStore::with_capacity(&input, 0, 1);
            let mut number = 1;
            for (k, &(blanks, lines)) in spans.iter().enumerate() {
                store.push(Line::new(&input[k % 8..], lines, Kind::Heading), number);
                number += lines as usize;
                for _ in 0..blanks {
                    store.push_blank(&input[..0], number);
                    number += 1;
                }
            }
            for i in 0..store.len() {
                proptest::prop_assert_eq!(store.number(i), store.number_by_counts(i), "record {}", i);
            }
        }
    }

    /// A store on the buffers a recycled one left reads back as a store on new buffers: the
    /// pages' lines, each page classified after others larger and smaller than it.
    #[test]
    fn a_store_on_recycled_buffers_reads_as_a_new_one() {
        let read = |lines: &LineStore<'_>| -> Vec<String> {
            (0..lines.len()).map(|i| format!("{:?} {}", lines.at(i), lines.number(i))).collect()
        };
        let pages = crate::test_pages::pages();
        let first: Vec<_> =
            pages.iter().map(|page| read(&crate::lines::classify_all(page, 0).lines)).collect();
        for _ in 0..2 {
            for (page, expected) in pages.iter().zip(&first).rev() {
                let lines = crate::lines::classify_all(page, 0).lines;
                assert_eq!(&read(&lines), expected);
                lines.recycle();
            }
        }
    }

    #[test]
    fn a_kind_can_be_replaced() {
        let input = "回复\nBob";
        let mut store = LineStore::with_capacity(input, 4, 1);
        store.push(Line::new(&input[..6], 1, Kind::Chrome(Segmentation::single(4))), 1);
        store.push(Line::new(&input[7..], 1, Kind::Text), 2);
        store.set_kind(0, Kind::ReplyTo { name: Name::NONE, date: None });
        assert!(matches!(store.at(0).kind, Kind::ReplyTo { name: Name::NONE, date: None }));
        store.set_kind(1, Kind::Count(u64::MAX));
        assert!(matches!(store.at(1).kind, Kind::Count(u64::MAX)));
        assert_eq!((store.at(1).count, store.number(1), store.at(1).text), (1, 2, "Bob"));
        assert_eq!(store.iter().rev().map(|l| l.text).collect::<Vec<_>>(), ["Bob", "回复"]);
    }
}

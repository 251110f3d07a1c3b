//! Lines repeat on a page (every comment's `Reply` button and vote number, role badges,
//! the names of regular commenters, share rows, relative dates) and from page to page (a
//! corpus holds many pages of one plugin, whose buttons, badges, headings and sort rows read
//! the same on each, and its regulars comment on many pages). Two tables remember how short
//! lines were classified, so that a repeat costs a hash and a compare instead of the phrase,
//! number and date rules:
//!
//! - the thread's table of known lines ([`known`], [`learn`]) keeps the kinds that depend on
//!   the text alone, from this page and earlier ones, copying their texts;
//! - a page's own table ([`LineMemo`]) keeps the lines whose kinds hold a date of the page
//!   (its [`super::DateId`]s are the page's) and fences (which also tell the page that it is
//!   pandoc's). It is direct-mapped (a slot per hash, a newer line replaces an older one),
//!   sized from the page's length once, so it never grows and its memory is bounded; its
//!   slots are the thread's, stamped with the page that filled them, so a page neither
//!   allocates nor clears them.

use std::cell::{Cell, RefCell};
use std::hash::Hasher;

use super::{Kind, PackedLine};
use crate::hash::WordHasher;
use crate::input::offset_within;

/// Only lines up to this long are remembered: buttons, numbers, badges, names, dates.
pub(super) const MAX_REMEMBERED_LINE: usize = 64;
const _: () = assert!(MAX_REMEMBERED_LINE <= u8::MAX as usize, "a known line's length is a byte");

/// The fewest and the most slots of a page's table.
const MIN_SLOTS: usize = 64;
const MAX_SLOTS: usize = 4096;

/// A remembered line: its text (the first line seen with it), its kind, and whether it
/// started with a phrase.
#[derive(Debug, Clone, Copy)]
pub(super) struct Remembered<'a> {
    pub text: &'a str,
    pub kind: Kind,
    pub opened_with_phrase: bool,
}

/// The table of remembered lines of a page. Its slots are the thread's, kept from page to
/// page: a slot holds the line's place in the page and the page's stamp, so a new page
/// finds its slots empty without clearing them (no allocation and no fill a page).
#[derive(Debug, Default)]
pub(super) struct LineMemo<'a> {
    input: &'a str,
    /// At least the page's slots (a power of two); more after a larger page.
    slots: Vec<MemoSlot>,
    /// This page's stamp: a slot with another is empty. Never [`EMPTY_SLOT`]'s zero.
    page: u32,
    /// How far a hash is shifted for its slot: the slot is its top bits, which the
    /// multiply mixes from all the others.
    shift: u32,
}

/// A line remembered by a page's table: where its text is in the page, and what
/// [`Remembered`] holds besides.
#[derive(Debug, Clone, Copy)]
struct MemoSlot {
    /// The stamp of the page that remembered the line ([`LineMemo::page`]).
    page: u32,
    start: u32,
    len: u32,
    opened_with_phrase: bool,
    kind: Kind,
}

const EMPTY_SLOT: MemoSlot =
    MemoSlot { page: 0, start: 0, len: 0, opened_with_phrase: false, kind: Kind::Blank };

thread_local! {
    /// The slots of the thread's last page and its stamp.
    static SLOTS: Cell<Option<(Vec<MemoSlot>, u32)>> = const { Cell::new(None) };
}

impl<'a> LineMemo<'a> {
    /// A table for a page, `input`, of about `lines` lines (about one in sixteen is a date
    /// line on a page of comments; twice that many slots).
    pub fn for_lines(input: &'a str, lines: usize) -> Self {
        let used = (lines / 8).clamp(MIN_SLOTS, MAX_SLOTS).next_power_of_two();
        let (mut slots, last) = crate::spare::take(&SLOTS);
        let mut page = last.wrapping_add(1);
        if page == 0 {
            // Four billion pages later the stamps start again: no slot may keep an old one.
            slots.fill(EMPTY_SLOT);
            page = 1;
        }
        if slots.len() < used {
            slots.resize(used, EMPTY_SLOT);
        }
        LineMemo { input, slots, page, shift: u64::BITS - used.trailing_zeros() }
    }

    /// Leaves the slots to the thread's next page.
    pub fn recycle(self) {
        crate::spare::keep(&SLOTS, (self.slots, self.page));
    }

    /// The slot of a text whose [`hash`] is `hash`: where it is looked up, and remembered
    /// after a miss (one hash for both).
    pub fn slot(&self, hash: u64) -> Slot {
        // Without slots (a default table) the slot is past the end: nothing is kept.
        Slot(hash.checked_shr(self.shift).unwrap_or(u64::MAX) as usize)
    }

    /// What was remembered for a line with exactly this text (whose slot is `slot`), if
    /// anything.
    pub fn get(&self, slot: Slot, text: &str) -> Option<Remembered<'a>> {
        let place = self.slots.get(slot.0).filter(|place| place.page == self.page)?;
        let start = place.start as usize;
        let seen = self.input.get(start..start + place.len as usize).filter(|&seen| seen == text)?;
        Some(Remembered { text: seen, kind: place.kind, opened_with_phrase: place.opened_with_phrase })
    }

    /// Remembers `entry`, a line of the page, at `slot`, its text's (in place of whatever
    /// had it).
    pub fn put(&mut self, slot: Slot, entry: Remembered<'a>) {
        let Some(start) = offset_within(entry.text, self.input) else { return };
        if let Some(place) = self.slots.get_mut(slot.0) {
            // (The input is shorter than four gigabytes: offsets fit.)
            *place = MemoSlot {
                page: self.page,
                start: start as u32,
                len: entry.text.len() as u32,
                opened_with_phrase: entry.opened_with_phrase,
                kind: entry.kind,
            };
        }
    }
}

/// Where a text is remembered in a [`LineMemo`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot(usize);

/// Sets of the per-thread table of known lines, each of [`WAYS`] lines (192 bytes a set:
/// 384 KB in all). A thousand generated pages learn about 4,000 distinct short lines: at
/// 2,048 lines, those that repeat from page to page (`Inline Feedbacks`) were pushed out by
/// names seen once, and classified again (4,096: -2.7% instructions on new pages).
const KNOWN_SETS: usize = 1 << 11;

/// Lines of a set: two lines that a page shows together and that hash to one place (`Name*`
/// and `Inline Feedbacks` did, at 4,096 places) both stay, where in one place each would
/// push the other out on every page.
const WAYS: usize = 2;

/// A set of lines seen before on the thread, laid out for the lookup of a line the thread
/// has not seen (a third of the short lines): the table is far larger than the first-level
/// cache, so a lookup reads one cache line for a line it does not know ([`SetHead`]) and one
/// more, its text, for a line it knows.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct KnownSet {
    head: SetHead,
    texts: [[u8; MAX_REMEMBERED_LINE]; WAYS],
}

/// What a set's lookup reads first, by way: the low half of each line's [`hash`] (the set is
/// the top bits), its length, and what [`Known`] gives back. An unused way has length zero,
/// which no classified line has.
#[derive(Debug, Clone, Copy)]
struct SetHead {
    tags: [u32; WAYS],
    lens: [u8; WAYS],
    opened_with_phrase: [bool; WAYS],
    /// The way found or learned last: a new line takes another's place.
    recent: u8,
    kinds: [Kind; WAYS],
    /// The kind packed for the line's record, when the line loop has nothing to check on a
    /// line of this text ([`Known::ready`]).
    ready: [Option<PackedLine>; WAYS],
}

const _: () = assert!(std::mem::size_of::<SetHead>() <= 64, "a set's head is one cache line");
const _: () = assert!(MAX_REMEMBERED_LINE % 64 == 0, "each text is whole cache lines");

const UNUSED_SET: KnownSet = KnownSet {
    head: SetHead {
        tags: [0; WAYS],
        lens: [0; WAYS],
        opened_with_phrase: [false; WAYS],
        recent: 0,
        kinds: [Kind::Blank; WAYS],
        ready: [None; WAYS],
    },
    texts: [[0; MAX_REMEMBERED_LINE]; WAYS],
};

impl KnownSet {
    /// The way holding exactly `text`, whose [`hash`] is `hash`.
    #[inline]
    fn way_of(&self, hash: u64, text: &str) -> Option<usize> {
        let tag = hash as u32;
        (0..WAYS).find(|&way| {
            self.head.tags[way] == tag
                && usize::from(self.head.lens[way]) == text.len()
                && !text.is_empty()
                && self.texts[way].get(..text.len()) == Some(text.as_bytes())
        })
    }
}

thread_local! {
    /// Allocated on first use, kept for the thread's life.
    static KNOWN: RefCell<Vec<KnownSet>> = const { RefCell::new(Vec::new()) };
}

/// The set of the hash in the table of known lines.
fn known_set(hash: u64) -> usize {
    (hash >> (u64::BITS - KNOWN_SETS.trailing_zeros())) as usize
}

/// What the table of known lines keeps of a line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Known {
    pub kind: Kind,
    /// The line started with a phrase.
    pub opened_with_phrase: bool,
    /// The kind packed for the line's record, when the line loop has nothing left to check
    /// on a line of this text (no wrapped chrome, no `Reply to` marker read by its NBSP, no
    /// `Reply` button that reads as a marker): it is stored at once.
    pub ready: Option<PackedLine>,
}

/// A line with exactly this text (whose [`hash`] is `hash`) seen before on this thread (on
/// this page or an earlier one); `None` when none is remembered.
#[inline] // asked for every short line a page has not seen: out of line, a call each (+0.9%)
pub(super) fn known(hash: u64, text: &str) -> Option<Known> {
    // (None once the thread's locals are being destroyed.)
    let known = KNOWN.try_with(|table| {
        let mut table = table.borrow_mut();
        let set = table.get_mut(known_set(hash))?;
        let way = set.way_of(hash, text)?;
        let head = &mut set.head;
        // Written only when it changes: a hit leaves the set's line clean.
        if usize::from(head.recent) != way {
            head.recent = way as u8;
        }
        Some(Known {
            kind: head.kinds[way],
            opened_with_phrase: head.opened_with_phrase[way],
            ready: head.ready[way],
        })
    });
    known.ok().flatten()
}

/// Remembers for later lines, of this page and the next, the kind of a line (whose [`hash`] is `hash`), in the place of
/// its set's line found or learned least lately: its kind must depend on its text alone (it
/// keeps no date of the page). Lines longer than [`MAX_REMEMBERED_LINE`] are not kept.
pub(super) fn learn(hash: u64, text: &str, known: Known) {
    let Known { kind, opened_with_phrase, ready } = known;
    if text.is_empty() || text.len() > MAX_REMEMBERED_LINE {
        return;
    }
    let len = text.len() as u8; // at most `MAX_REMEMBERED_LINE`, which fits a byte
                                // (Nothing is kept once the thread's locals are being destroyed.)
    let _ = KNOWN.try_with(|table| {
        let mut table = table.borrow_mut();
        if table.is_empty() {
            table.resize(KNOWN_SETS, UNUSED_SET);
        }
        let set = &mut table[known_set(hash)];
        // The way after the one found or learned last (with two, the other one).
        let way = (usize::from(set.head.recent) + 1) % WAYS;
        let head = &mut set.head;
        head.recent = way as u8;
        head.tags[way] = hash as u32;
        head.lens[way] = len;
        head.opened_with_phrase[way] = opened_with_phrase;
        head.kinds[way] = kind;
        head.ready[way] = ready;
        set.texts[way][..text.len()].copy_from_slice(text.as_bytes());
    });
}

/// The hash of a short text ([`WordHasher`], seeded with its length); collisions only cost
/// a compare.
pub(super) fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = WordHasher::seeded(bytes.len() as u64);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        hasher.write_u64(u64::from_le_bytes(word.try_into().expect("eight bytes")));
    }
    if !words.remainder().is_empty() {
        hasher.write_u64(tail_word(bytes));
    }
    // One more round, on nothing: a multiply carries a word's low bytes only upwards, and
    // the slot is the top bits, which then depend on every byte of the last word too.
    hasher.write_u64(0);
    hasher.finish()
}

/// A word of the bytes past the last whole word of `bytes`, read without copying them
/// out: the last eight bytes (overlapping the word before), or in a text shorter than a
/// word its last and first four, or its last, middle and first byte. The same text gives
/// the same word, and the length, the hash's seed, tells overlaps apart. Big-endian: the
/// bytes that tell lines apart, their last (`Reply to Bob`, `Reply to Ann`), go low.
fn tail_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let word =
        |at: usize| bytes.get(at..at + 8).map_or(0, |w| u64::from_be_bytes(w.try_into().expect("eight")));
    let half =
        |at: usize| bytes.get(at..at + 4).map_or(0, |w| u32::from_be_bytes(w.try_into().expect("four")));
    match n {
        0 => 0,
        1..=3 => u64::from(bytes[n - 1]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[0]) << 16,
        4..=7 => u64::from(half(n - 4)) | u64::from(half(0)) << 32,
        _ => word(n - 8),
    }
}

/// `slice`, a part of `from`, at the same place in `to` (a line with the same text); an
/// empty slice from elsewhere stays as it is. `None` for a slice from elsewhere.
pub(super) fn rebase<'a>(slice: &'a str, from: &str, to: &'a str) -> Option<&'a str> {
    match offset_within(slice, from) {
        Some(at) => to.get(at..at + slice.len()),
        None if slice.is_empty() => Some(slice),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> Remembered<'_> {
        Remembered { text, kind: Kind::Text, opened_with_phrase: false }
    }

    fn get<'a>(memo: &LineMemo<'a>, text: &str) -> Option<Remembered<'a>> {
        memo.get(memo.slot(hash(text.as_bytes())), text)
    }

    fn put<'a>(memo: &mut LineMemo<'a>, text: &'a str) {
        memo.put(memo.slot(hash(text.as_bytes())), entry(text));
    }

    /// Runs `test` on a thread of its own: the slots it finds are new.
    fn on_a_new_thread(test: impl FnOnce() + Send) {
        std::thread::scope(|s| s.spawn(test).join().unwrap());
    }

    #[test]
    fn remembers_by_exact_text() {
        on_a_new_thread(|| {
            let page = "Reply\nReply \nreply\nReply";
            let mut memo = LineMemo::for_lines(page, 10);
            assert!(get(&memo, "Reply").is_none());
            put(&mut memo, &page[..5]);
            let repeat = String::from("Reply");
            assert_eq!(
                get(&memo, &repeat).map(|r| r.text.as_ptr()),
                Some(page.as_ptr()),
                "the first line's text"
            );
            assert!(get(&memo, &page[6..12]).is_none() && get(&memo, &page[13..18]).is_none());
            // Only a line of the page is kept.
            put(&mut memo, "Edited");
            assert!(get(&memo, "Edited").is_none());
        });
    }

    #[test]
    fn a_newer_line_takes_the_slot() {
        let page: String = (0..1000).map(|i| format!("line {i}\n")).collect();
        let texts: Vec<&str> = page.lines().collect();
        on_a_new_thread(|| {
            let mut memo = LineMemo::for_lines(&page, 0);
            for text in &texts {
                put(&mut memo, text);
            }
            // The table has 64 slots: at most 64 of the thousand are still there, the last one is.
            let kept = texts.iter().filter(|t| get(&memo, t).is_some()).count();
            assert!(kept <= 64 && get(&memo, texts[999]).is_some(), "{kept}");
        });
    }

    /// The slots of a page's table, as its stamp and shift tell them.
    fn slots_used(memo: &LineMemo<'_>) -> usize {
        1 << (u64::BITS - memo.shift)
    }

    #[test]
    fn table_size_follows_the_page() {
        on_a_new_thread(|| {
            assert_eq!(slots_used(&LineMemo::for_lines("", 0)), MIN_SLOTS);
            assert_eq!(slots_used(&LineMemo::for_lines("", 1200)), 256);
            let huge = LineMemo::for_lines("", 10_000_000);
            assert_eq!((slots_used(&huge), huge.slots.len()), (MAX_SLOTS, MAX_SLOTS));
            let mut empty = LineMemo::default();
            put(&mut empty, "x");
            assert!(get(&empty, "x").is_none(), "a table without slots keeps nothing");
        });
    }

    /// A page's table keeps the slots of the thread's last page but none of its lines, even
    /// where the same text stands at the same place; after four billion pages too.
    #[test]
    fn a_new_page_finds_its_slots_empty() {
        let page = "Reply\n2 years ago";
        on_a_new_thread(|| {
            let mut memo = LineMemo::for_lines(page, 10);
            put(&mut memo, &page[..5]);
            let slots = memo.slots.as_ptr();
            memo.recycle();
            let mut next = LineMemo::for_lines(page, 10);
            assert_eq!(next.slots.as_ptr(), slots, "the last page's slots");
            assert!(get(&next, "Reply").is_none(), "not the last page's line");
            put(&mut next, &page[6..]);
            assert!(get(&next, "2 years ago").is_some());
            // A line kept by the page of stamp 1 is not found by the page after the last
            // stamp, where the stamps start again at 1.
            next.page = 1;
            put(&mut next, &page[..5]);
            next.page = u32::MAX;
            next.recycle();
            let again = LineMemo::for_lines(page, 10);
            assert_eq!(again.page, 1);
            assert!(get(&again, "Reply").is_none() && get(&again, "2 years ago").is_none());
        });
    }

    #[test]
    fn known_lines_are_kept_by_exact_text_per_thread() {
        let known = |text: &str| known(hash(text.as_bytes()), text).map(|k| (k.kind, k.opened_with_phrase));
        let learn = |text: &str, kind| {
            learn(hash(text.as_bytes()), text, Known { kind, opened_with_phrase: true, ready: None })
        };
        std::thread::scope(|s| {
            s.spawn(|| {
                assert!(known("Reply").is_none());
                learn("Reply", Kind::Number(7));
                assert!(matches!(known(&String::from("Reply")), Some((Kind::Number(7), true))));
                assert!(known("Reply ").is_none() && known("reply").is_none() && known("Repl").is_none());
                // Too long to keep, or empty: nothing is kept.
                let long = "x".repeat(MAX_REMEMBERED_LINE + 1);
                learn(&long, Kind::Text);
                learn("", Kind::Text);
                assert!(known(&long).is_none() && known("").is_none());
                let longest = "y".repeat(MAX_REMEMBERED_LINE);
                learn(&longest, Kind::Heading);
                assert!(matches!(known(&longest), Some((Kind::Heading, true))));
                // A newer text takes a slot; no text is taken for another.
                let texts: Vec<String> = (0..3 * KNOWN_SETS * WAYS).map(|i| format!("name {i}")).collect();
                for (i, text) in texts.iter().enumerate() {
                    learn(text, Kind::Number(i as i64));
                }
                for (i, text) in texts.iter().enumerate() {
                    assert!(known(text)
                        .map_or(true, |(kind, _)| matches!(kind, Kind::Number(n) if n == i as i64)));
                }
                assert!(known(&texts[texts.len() - 1]).is_some());
            })
            .join()
            .unwrap();
        });
        // Another thread knows none of them.
        std::thread::scope(|s| s.spawn(|| assert!(known("Reply").is_none())).join().unwrap());
    }

    /// Two lines of one set both stay; a third takes the place of the one found or learned
    /// least lately.
    #[test]
    fn a_set_keeps_the_line_found_last() {
        let set_of = |text: &str| known_set(hash(text.as_bytes()));
        let target = set_of("Inline Feedbacks");
        let same: Vec<String> =
            (0..).map(|i| format!("line {i}")).filter(|t| set_of(t) == target).take(3).collect();
        let known = |text: &str| known(hash(text.as_bytes()), text).is_some();
        let learn = |text: &str| {
            learn(
                hash(text.as_bytes()),
                text,
                Known { kind: Kind::Text, opened_with_phrase: false, ready: None },
            )
        };
        std::thread::scope(|s| {
            s.spawn(|| {
                learn("Inline Feedbacks");
                learn(&same[0]);
                assert!(known("Inline Feedbacks") && known(&same[0]), "two lines of a set both stay");
                // Found last: `Inline Feedbacks`; learned last: `same[1]`, in place of `same[0]`.
                assert!(known("Inline Feedbacks"));
                learn(&same[1]);
                assert!(known("Inline Feedbacks") && known(&same[1]) && !known(&same[0]));
                // `same[1]` was found last: `same[2]` takes the place of `Inline Feedbacks`.
                learn(&same[2]);
                assert!(known(&same[1]) && known(&same[2]) && !known("Inline Feedbacks"));
            })
            .join()
            .unwrap();
        });
    }

    /// A way is found by its text: the hash's tag and the length only narrow the search.
    #[test]
    fn a_way_is_found_by_its_text_not_its_tag() {
        let mut set = UNUSED_SET;
        let hash = 0x1234_5678_9abc_def0;
        assert_eq!(set.way_of(hash, "Reply"), None, "unused ways hold nothing");
        set.head.tags[1] = hash as u32;
        set.head.lens[1] = 5;
        set.texts[1][..5].copy_from_slice(b"Reply");
        assert_eq!(set.way_of(hash, "Reply"), Some(1));
        // Same tag and length, other text; other tag; the empty text of an unused way.
        assert_eq!(set.way_of(hash, "reply"), None);
        assert_eq!(set.way_of(hash ^ 1, "Reply"), None);
        assert_eq!(set.way_of(0, ""), None);
        // The set index takes the top bits, the tag the bottom ones: a hash that differs
        // only in its top bits has the same tag, and the text still decides.
        assert_eq!(set.way_of(hash ^ (1 << 63), "Reply"), Some(1));
    }

    #[test]
    fn slices_move_to_the_same_place_in_the_repeat() {
        let page = "Reply to Bob\nReply to Bob";
        let (first, second) = (&page[..12], &page[13..]);
        let moved = rebase(&first[9..], first, second).unwrap();
        assert_eq!(moved, "Bob");
        assert_eq!(offset_within(moved, page), Some(22));
        assert_eq!(rebase("", first, second), Some(""));
        assert_eq!(rebase("elsewhere", first, second), None);
        assert_eq!(offset_within(&page[5..], first), None, "runs past the line");
    }

    #[test]
    fn hash_spreads_short_texts() {
        let mut slots = std::collections::HashSet::new();
        for i in 0..256 {
            slots.insert(hash(i.to_string().as_bytes()) >> 56);
        }
        assert!(slots.len() > 140, "{}", slots.len());
        // Every way of reading the bytes past the last word (4 to 7 bytes, 9 to 15, 17 to
        // 23), told apart at their end and at their start.
        for prefix in ["", "Bob ", "Reply to ", "Reply to Mr. Bob "] {
            for text in
                [|prefix: &str, i: i32| format!("{prefix}{i}"), |prefix: &str, i| format!("{i} {prefix}")]
            {
                let slots: std::collections::HashSet<u64> =
                    (0..256).map(|i| hash(text(prefix, i).as_bytes()) >> 56).collect();
                assert!(slots.len() > 140, "{prefix:?}: {}", slots.len());
            }
        }
    }
}

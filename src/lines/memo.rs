//! Lines repeat on a page (every comment's `Reply` button and vote number, role badges,
//! the names of regular commenters, share rows): a small table remembers how each short
//! line text was classified, so that a repeat costs a hash and a compare instead of the
//! phrase, number and date rules.
//!
//! The table is direct-mapped (a slot per hash, a newer line replaces an older one), sized
//! from the page's line count once, so it never grows and its memory is bounded.

use std::hash::Hasher;

use super::Kind;
use crate::hash::WordHasher;
use crate::input::offset_within;

/// Only lines up to this long are remembered: buttons, numbers, badges, names, dates.
pub(super) const MAX_REMEMBERED_LINE: usize = 64;

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

/// The table of remembered lines.
#[derive(Debug, Default)]
pub(super) struct LineMemo<'a> {
    slots: Vec<Option<Remembered<'a>>>,
}

impl<'a> LineMemo<'a> {
    /// A table for a page of about `lines` lines (half of them, at most, distinct and
    /// short enough).
    pub fn for_lines(lines: usize) -> Self {
        let slots = (lines / 2).clamp(MIN_SLOTS, MAX_SLOTS).next_power_of_two();
        LineMemo { slots: vec![None; slots] }
    }

    /// The slot of `text`.
    fn slot(&self, text: &str) -> usize {
        hash(text.as_bytes()) as usize & (self.slots.len() - 1)
    }

    /// What was remembered for a line with exactly this text, if anything.
    pub fn get(&self, text: &str) -> Option<Remembered<'a>> {
        if self.slots.is_empty() {
            return None;
        }
        self.slots[self.slot(text)].filter(|r| r.text == text)
    }

    /// Remembers `entry` (in place of whatever had its slot).
    pub fn put(&mut self, entry: Remembered<'a>) {
        if !self.slots.is_empty() {
            let slot = self.slot(entry.text);
            self.slots[slot] = Some(entry);
        }
    }
}

/// The hash of a short text ([`WordHasher`], seeded with its length); collisions only cost
/// a compare.
fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = WordHasher::seeded(bytes.len() as u64);
    hasher.write(bytes);
    let hash = hasher.finish();
    // The slot takes the low bits: fold the high ones, which the multiply mixes best, in.
    hash ^ hash >> 29
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

    #[test]
    fn remembers_by_exact_text() {
        let mut memo = LineMemo::for_lines(10);
        assert!(memo.get("Reply").is_none());
        memo.put(entry("Reply"));
        let page = String::from("Reply");
        assert_eq!(memo.get(&page).map(|r| r.text), Some("Reply"));
        assert!(memo.get("Reply ").is_none() && memo.get("reply").is_none());
    }

    #[test]
    fn a_newer_line_takes_the_slot() {
        let mut memo = LineMemo::for_lines(0);
        let texts: Vec<String> = (0..1000).map(|i| format!("line {i}")).collect();
        for text in &texts {
            memo.put(entry(text));
        }
        // The table has 64 slots: at most 64 of the thousand are still there, the last one is.
        let kept = texts.iter().filter(|t| memo.get(t).is_some()).count();
        assert!(kept <= 64 && memo.get(&texts[999]).is_some(), "{kept}");
    }

    #[test]
    fn table_size_follows_the_page() {
        assert_eq!(LineMemo::for_lines(0).slots.len(), MIN_SLOTS);
        assert_eq!(LineMemo::for_lines(300).slots.len(), 256);
        assert_eq!(LineMemo::for_lines(10_000_000).slots.len(), MAX_SLOTS);
        assert!(LineMemo::default().get("x").is_none());
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
            slots.insert(hash(i.to_string().as_bytes()) & 255);
        }
        assert!(slots.len() > 140, "{}", slots.len());
    }
}

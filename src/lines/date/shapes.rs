//! Relative dates repeat with other numbers (`15 seconds ago`, `42 seconds ago`): a small
//! table remembers what [`relative_date`] made of a line by its text with every digit
//! masked to `0`, so that a repeat costs a pass over its words and a compare, and reads its
//! counts back from where the first line had them.
//!
//! Exact because [`relative_date`] never looks at a digit's value: no word of its tables
//! has a digit (`relative_words_have_no_digits`), so a digit only ever ends a word or is
//! read into a count, and two lines with the same masked text take the same path through
//! the rules, with their counts at the same places. The one exception, a count too large
//! for `u32`, needs ten digits: lines with that many are not remembered. Failures are
//! remembered too (`5 comments`).
//!
//! The table is two-way set-associative (a newer shape takes the older of the two slots
//! of its set) with a fixed number of slots, one per thread: shapes recur across pages, so
//! it outlives a parse.

use std::cell::RefCell;

use super::{relative_date, Age, Unit};

/// Only lines up to this long are remembered (relative dates are about 10 to 40 bytes).
const MAX_KEY_WORDS: usize = 6;
const MAX_KEY: usize = MAX_KEY_WORDS * 8;

/// Slots of the table (a power of two), two to a set. The 1,000 generated pages have some
/// 900 shapes of lines that start with a digit: at 512 slots, direct-mapped, a third of the
/// lookups missed; at 2,048 (128 KB a thread) one in ten direct-mapped, fewer in pairs.
const SLOTS: usize = 2048;
const SETS: usize = SLOTS / 2;

/// The most digits a remembered line has: with ten, a count might overflow `u32`.
const MAX_DIGITS: u64 = 9;

/// A line's text with its digits masked, in words, and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Key {
    words: [u64; MAX_KEY_WORDS],
    len: usize,
}

/// A digit run of a remembered line: offset and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Run {
    at: u8,
    len: u8,
}

impl Run {
    /// The run's value in `text` (at most nine digits: fits); 0 for no run.
    fn value(self, text: &[u8]) -> u32 {
        let at = usize::from(self.at);
        text[at..at + usize::from(self.len)].iter().fold(0, |n, b| n * 10 + u32::from(b & 0x0f))
    }
}

/// What [`relative_date`] made of a line, with the counts as places in the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    first: Run,
    first_unit: Unit,
    second: Run,
    second_unit: Option<Unit>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Key,
    shape: Remembered,
}

thread_local! {
    /// Allocated on first use.
    static TABLE: RefCell<Vec<Option<Entry>>> = const { RefCell::new(Vec::new()) };
}

/// [`relative_date`] of a whole line, `None` unless it reads all of it: remembered by the
/// line's shape.
pub(super) fn relative_date_line(text: &str) -> Option<Age> {
    let Some((key, hash)) = masked(text.as_bytes()) else {
        return relative_date(text).ok().map(|(_, age)| age);
    };
    let set = (hash >> (u64::BITS - SETS.trailing_zeros())) as usize;
    // (Read without the table once the thread's locals are being destroyed.)
    let remembered = TABLE.try_with(|table| {
        let mut table = table.borrow_mut();
        if table.is_empty() {
            table.resize(SLOTS, None);
        }
        let [newer, older] = &mut table[2 * set..2 * set + 2] else { unreachable!("two slots a set") };
        if let Some(entry) = newer.filter(|entry| entry.key == key).or_else(|| older.filter(|e| e.key == key))
        {
            return entry.shape.map(|shape| shape.age(text.as_bytes()));
        }
        let (age, shape) = read(text);
        if let Some(shape) = shape {
            *older = newer.replace(Entry { key, shape });
        }
        age
    });
    remembered.unwrap_or_else(|_| read(text).0)
}

impl Shape {
    /// The age of a line of this shape.
    fn age(self, text: &[u8]) -> Age {
        Age {
            first: self.first.value(text),
            first_unit: self.first_unit,
            second: self.second.value(text),
            second_unit: self.second_unit,
        }
    }
}

/// What to remember of a line: its shape, or `None` for no relative date.
type Remembered = Option<Shape>;

/// The rules' reading of `text`, and what to remember of it, if it can be: every digit of
/// a relative date is in one of its counts, so the digit runs are the counts, in order
/// (checked: a shape that does not give the same counts back is not remembered).
fn read(text: &str) -> (Option<Age>, Option<Remembered>) {
    let Ok((_, age)) = relative_date(text) else { return (None, Some(None)) };
    let bytes = text.as_bytes();
    let mut runs = [Run::default(); 2];
    let mut found = 0;
    let mut at = 0;
    while at < bytes.len() {
        let len = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 {
            at += 1;
            continue;
        }
        if let Some(run) = runs.get_mut(found) {
            *run = Run { at: at as u8, len: len as u8 };
        }
        found += 1;
        at += len;
    }
    let shape =
        Shape { first: runs[0], first_unit: age.first_unit, second: runs[1], second_unit: age.second_unit };
    let again = shape.age(bytes);
    let exact = found <= 2 && again.first == age.first && again.second == age.second;
    (Some(age), exact.then_some(Some(shape)))
}

/// `text` with its digits masked to `0`, in words, and its hash; `None` when too long to
/// remember or with too many digits.
fn masked(text: &[u8]) -> Option<(Key, u64)> {
    if text.len() > MAX_KEY {
        return None;
    }
    let mut padded = [0u8; MAX_KEY];
    padded[..text.len()].copy_from_slice(text);
    let mut key = Key { words: [0; MAX_KEY_WORDS], len: text.len() };
    let mut hash = crate::hash::WordHasher::seeded(text.len() as u64);
    let mut digits = 0u64;
    const ONES: u64 = 0x0101_0101_0101_0101;
    for (word, bytes) in key.words.iter_mut().zip(padded.chunks_exact(8)).take(text.len().div_ceil(8)) {
        let raw = u64::from_le_bytes(bytes.try_into().expect("eight bytes"));
        // A byte is a digit when it is 0x30 to 0x39: xor'ed with 0x30, below 10. Below 10
        // per byte, without carries between bytes: neither the high bit nor, once 0x76 is
        // added to its low seven bits, the high bit of the sum.
        let offset = raw ^ (0x30 * ONES);
        let sum = (offset & (0x7f * ONES)) + (0x76 * ONES);
        let digit_bytes = (!(sum | offset) & (0x80 * ONES)) >> 7;
        digits += digit_bytes;
        // `0x3N` to `0x30`: clear the low four bits of each digit.
        *word = raw & !(digit_bytes * 0x0f);
        std::hash::Hasher::write_u64(&mut hash, *word);
    }
    // Each byte of `digits` counts that byte's digits (at most six): their sum.
    if digits.wrapping_mul(ONES) >> 56 > MAX_DIGITS {
        return None;
    }
    Some((key, std::hash::Hasher::finish(&hash)))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The exact reading: fields compared, not just the `Ago` they say.
    fn exact(text: &str) -> String {
        format!("{:?}", relative_date(text).ok().map(|(_, age)| age))
    }

    fn remembered(text: &str) -> String {
        format!("{:?}", relative_date_line(text))
    }

    /// `text` with its `n`th digit run replaced by `numbers[n]` (runs past the numbers kept).
    fn with_numbers(text: &str, numbers: &[u64]) -> String {
        let mut out = String::new();
        let mut runs = 0;
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let len = super::super::digits_len(rest);
            if len > 0 {
                match numbers.get(runs) {
                    Some(n) => out.push_str(&n.to_string()),
                    None => out.push_str(&rest[..len]),
                }
                runs += 1;
                rest = &rest[len..];
            } else {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        out
    }

    fn test_lines() -> Vec<String> {
        let mut lines = crate::test_pages::lines();
        lines.extend(lines.iter().map(|l| l.trim().to_string()).collect::<Vec<_>>());
        lines.extend(super::super::tests::relative_samples().iter().map(|s| s.to_string()));
        lines
    }

    #[test]
    fn remembered_shapes_read_as_the_rules_do() {
        let lines = test_lines();
        let numbers: [&[u64]; 6] =
            [&[0, 0], &[7, 13], &[999_999_999, 5], &[4_294_967_296, 1], &[12, 99_999], &[1]];
        let mut relative = 0;
        for line in &lines {
            for numbers in numbers {
                let line = with_numbers(line, numbers);
                // Twice: the second reads the table.
                assert_eq!(remembered(&line), exact(&line), "{line:?}");
                assert_eq!(remembered(&line), exact(&line), "{line:?}");
                relative += usize::from(relative_date(&line).is_ok());
            }
        }
        assert!(relative > 100, "{relative}");
    }

    #[test]
    fn relative_words_have_no_digits() {
        let catalog = crate::phrases::catalog();
        let keys =
            super::super::UNIT_KEYS.iter().map(|(k, _)| *k).chain(["wc_ago_text", "wc_right_now_text"]);
        for key in keys {
            for text in catalog.texts(key) {
                assert!(!text.bytes().any(|b| b.is_ascii_digit()), "{key} {text}");
            }
        }
        for (word, _, adjective, _) in super::super::AMBIGUOUS_UNITS {
            assert!(!format!("{word}{adjective}").bytes().any(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn masks_digits_and_nothing_else() {
        // Every byte, in lines of at most nine digits (a tenth would not be remembered).
        let all: Vec<u8> = (1..=255u8).filter(|&b| b != b'9').chain(*b"a9 9").collect();
        for chunk in all.chunks(40) {
            let (key, _) = masked(chunk).unwrap_or_else(|| panic!("{chunk:?}"));
            let bytes: Vec<u8> = key.words.iter().flat_map(|w| w.to_le_bytes()).take(chunk.len()).collect();
            let expected: Vec<u8> =
                chunk.iter().map(|&b| if b.is_ascii_digit() { b'0' } else { b }).collect();
            assert_eq!(bytes, expected);
        }
        assert!(masked(b"123456789 years ago").is_some());
        assert!(masked(b"1234567890 years ago").is_none(), "ten digits may overflow");
        assert!(masked(b"12345 years 12345 days ago").is_none());
        assert!(masked(&[b'a'; MAX_KEY + 1]).is_none());
    }

    proptest! {
        #[test]
        fn any_numbers_read_as_the_rules_do(
            sample in 0..super::super::tests::relative_samples().len(),
            first in 0u64..20_000_000_000,
            second in 0u64..100_000,
            short in 0u64..100,
        ) {
            let text = super::super::tests::relative_samples()[sample];
            for numbers in [[first, second], [short, second], [second, short]] {
                let line = with_numbers(text, &numbers);
                prop_assert_eq!(remembered(&line), exact(&line), "{:?}", line);
                prop_assert_eq!(remembered(&line), exact(&line), "{:?}", line);
            }
        }
    }
}

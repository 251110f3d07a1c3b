//! Date lines repeat with other numbers (`15 seconds ago`, `42 seconds ago`, `March 3, 2021
//! 5:27 pm`, `March 14, 2021 9:02 pm`): a small table remembers what the rules made of a
//! line by its text with every digit masked to `0`, so that a repeat costs a pass over its
//! words and a compare, and reads its numbers back from where the first line had them.
//!
//! Exact because the rules never look at a digit's value, only at where digit runs start
//! and end, except in two places: a month name with a digit (Vietnamese `Thg 8`, `Th8`,
//! `Tháng 8`, Chinese `8月`), and a count too large for `u32` (ten digits or more). A line
//! where a digit run stands where such a month name would have it ([`may_be_in_a_word`]:
//! after `th`, `hg` or `ng` and spaces, or right before `月`) is not remembered, nor is one
//! with a run of ten digits; every other line with the same masked text takes the same
//! path through the rules, with its numbers at the same places. Failures are remembered
//! too (`5 comments`).
//!
//! A result is remembered as the token with, for each digit run in order, the field it
//! fills ([`Template`]): the fields of each kind of token come in a fixed order in the
//! line, so the runs are tried against the few orders a kind allows, and a template is
//! kept only when exactly one order gives the token back.
//!
//! The table is two-way set-associative (a newer shape takes the older of the two slots
//! of its set) with a fixed number of slots, one per thread: shapes recur across pages, so
//! it outlives a parse.

use std::cell::RefCell;

use super::{Age, Clock, DateToken};

/// Only lines up to this long are remembered (date lines are about 10 to 40 bytes).
const MAX_KEY_WORDS: usize = 6;
const MAX_KEY: usize = MAX_KEY_WORDS * 8;

/// Slots of the table (a power of two), two to a set (88 bytes a slot: 352 KB at 4,096,
/// about the per-thread table of known lines). The 1,000 generated pages have some 900
/// shapes of lines that start with a digit: at 512 slots, direct-mapped, a third of the
/// lookups missed; at 2,048 one in ten direct-mapped, fewer in pairs, but still 650 a pass
/// over the pages, each a reading by the rules (2,000 instructions, branchy): 4,096 slots
/// cut a pass's instructions by 0.6% and its mispredicted branches by 1.6%.
const SLOTS: usize = 4096;
const SETS: usize = SLOTS / 2;

/// The longest digit run of a remembered line: with ten digits, a count might overflow `u32`.
const MAX_RUN: usize = 9;

/// The most digit runs a template holds: a date and a clock with seconds.
const MAX_RUNS: usize = 6;

/// A line's text with its digits masked, in words, and its length.
#[derive(Debug, Clone, Copy, Default)]
struct Key {
    words: [u64; MAX_KEY_WORDS],
    len: usize,
}

impl PartialEq for Key {
    /// Compared as words in registers (a derived compare calls `memcmp` for the array).
    fn eq(&self, other: &Key) -> bool {
        let differ = self.words.iter().zip(&other.words).fold(0, |differ, (a, b)| differ | (a ^ b));
        differ == 0 && self.len == other.len
    }
}

/// A digit run of a remembered line: offset and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Run {
    at: u8,
    len: u8,
}

impl Run {
    /// The run's value in `text` (at most nine digits: fits); 0 for no run.
    #[inline]
    fn value(self, text: &[u8]) -> u32 {
        let at = usize::from(self.at);
        let digit = |b: u8| u32::from(b & 0x0f);
        // Most numbers of a date have one or two digits: read without a loop.
        match text[at..at + usize::from(self.len)] {
            [] => 0,
            [a] => digit(a),
            [a, b] => digit(a) * 10 + digit(b),
            ref digits => digits.iter().fold(0, |n, &b| n * 10 + digit(b)),
        }
    }
}

/// The numbers of a token, by the digit run each is read from (a run of length 0 for a
/// number that is 0 on every line of the shape: a clock without seconds, a relative date
/// of one part): a numeric date's first and second fields, a named date's day (first) or a
/// relative date's counts (first and second); the year; the clock's hour, minute, second.
const FIRST: usize = 0;
const SECOND: usize = 1;
const YEAR: usize = 2;
const HOUR: usize = 3;
const MINUTE: usize = 4;
const CLOCK_SECOND: usize = 5;

/// What the rules made of a line: the token, with the digit run each of its numbers is
/// read from (by the indexes above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Template {
    token: DateToken,
    runs: [Run; MAX_RUNS],
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Key,
    shape: Remembered,
}

// The table's size, as [`SLOTS`] gives it.
const _: () = assert!(std::mem::size_of::<Option<Entry>>() == 88);

thread_local! {
    /// Allocated on first use.
    static TABLE: RefCell<Vec<Option<Entry>>> = const { RefCell::new(Vec::new()) };
}

/// `rules(text)`, remembered by the line's shape: `rules` is the reading of a whole line
/// as a date ([`super::date_line`]'s rules), which sees digits only as runs.
#[inline]
pub(super) fn remembered(text: &str, rules: impl FnOnce(&str) -> Option<DateToken>) -> Option<DateToken> {
    let Some((key, hash)) = masked(text.as_bytes()) else {
        return rules(text);
    };
    let set = (hash >> (u64::BITS - SETS.trailing_zeros())) as usize;
    let mut rules = Some(rules);
    // (Read without the table once the thread's locals are being destroyed.)
    let found = TABLE.try_with(|table| {
        let mut table = table.borrow_mut();
        if table.is_empty() {
            table.resize(SLOTS, None);
        }
        let [newer, older] = &mut table[2 * set..2 * set + 2] else { unreachable!("two slots a set") };
        // Compared in place (an entry is 88 bytes: `Option::filter` would copy it).
        let hit =
            |slot: &Option<Entry>| slot.as_ref().filter(|entry| entry.key == key).map(|entry| entry.shape);
        if let Some(shape) = hit(newer).or_else(|| hit(older)) {
            return shape.map(|shape| shape.token(text.as_bytes()));
        }
        let token = rules.take().and_then(|rules| rules(text));
        if let Some(shape) = shape_of(text, token) {
            *older = newer.replace(Entry { key, shape });
        }
        token
    });
    match (found, rules) {
        (Ok(token), _) => token,
        (Err(_), Some(rules)) => rules(text),
        (Err(_), None) => unreachable!("the rules run only with the table"),
    }
}

impl Template {
    /// The token of a line of this shape.
    #[inline]
    fn token(self, text: &[u8]) -> DateToken {
        let value = |number: usize| self.runs[number].value(text);
        // Runs of at most two digits for the `u8` numbers, four for years (as on the line
        // the template was made from): the casts keep every value.
        let small = |number: usize| value(number) as u8;
        let clock = |clock: Clock| Clock {
            hour: small(HOUR),
            minute: small(MINUTE),
            second: small(CLOCK_SECOND),
            ..clock
        };
        match self.token {
            DateToken::Numeric { year_first, clock: shown, .. } => DateToken::Numeric {
                first: small(FIRST),
                second: small(SECOND),
                year: value(YEAR) as u16,
                year_first,
                clock: shown.map(clock),
            },
            DateToken::Named { month, clock: shown, .. } => DateToken::Named {
                year: value(YEAR) as u16,
                month,
                day: small(FIRST),
                clock: shown.map(clock),
            },
            DateToken::Today { clock: shown } => DateToken::Today { clock: clock(shown) },
            DateToken::Relative(age) => {
                DateToken::Relative(Age { first: value(FIRST), second: value(SECOND), ..age })
            }
        }
    }
}

/// What to remember of a line: its template, or `None` for no date.
type Remembered = Option<Template>;

/// What to remember of `text`, which the rules read as `token`: `None` (nothing) when the
/// line is not one whose shape says how it reads ([`may_be_in_a_word`], a run of ten
/// digits or more, more runs than a template holds), or when no single order of the
/// token's numbers gives it back from the runs.
fn shape_of(text: &str, token: Option<DateToken>) -> Option<Remembered> {
    let bytes = text.as_bytes();
    let mut runs = [Run::default(); MAX_RUNS];
    let mut found = 0;
    let mut at = 0;
    while at < bytes.len() {
        let len = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 {
            at += 1;
            continue;
        }
        if len > MAX_RUN || found == MAX_RUNS || may_be_in_a_word(bytes, at, at + len) {
            return None;
        }
        runs[found] = Run { at: at as u8, len: len as u8 };
        found += 1;
        at += len;
    }
    let Some(token) = token else { return Some(None) };
    let mut template = None;
    for [date, clock] in orders(&token) {
        let order = date.iter().chain(clock);
        if order.clone().count() != found {
            continue;
        }
        let mut candidate = Template { token, runs: [Run::default(); MAX_RUNS] };
        for (&number, &run) in order.zip(&runs[..found]) {
            candidate.runs[number] = run;
        }
        if !same(candidate.token(bytes), token) {
            continue;
        }
        if template.is_some() {
            return None; // two orders read the same: which one holds for other numbers is unknown
        }
        template = Some(candidate);
    }
    template.map(Some)
}

/// Tokens compared field by field (an [`Age`] compares by the time it says).
fn same(a: DateToken, b: DateToken) -> bool {
    match (a, b) {
        (DateToken::Relative(a), DateToken::Relative(b)) => {
            (a.first, a.first_unit, a.second, a.second_unit)
                == (b.first, b.first_unit, b.second, b.second_unit)
        }
        (a, b) => a == b,
    }
}

/// The orders in which a token's numbers may come as digit runs in its line (the date's
/// in the order its form prints them, then the clock's), each as the date's part and the
/// clock's.
fn orders(token: &DateToken) -> impl Iterator<Item = [&'static [usize]; 2]> {
    const NUMERIC: &[&[usize]] = &[&[FIRST, SECOND, YEAR]];
    const YEAR_FIRST: &[&[usize]] = &[&[YEAR, FIRST, SECOND]];
    // `F j, Y` and `j F Y`; Hungarian `Y. F j.` (a month in digits, CJK `8月`, is never
    // remembered: see `may_be_in_a_word`).
    const NAMED: &[&[usize]] = &[&[FIRST, YEAR], &[YEAR, FIRST]];
    const NONE: &[&[usize]] = &[&[]];
    const RELATIVE: &[&[usize]] = &[&[], &[FIRST], &[FIRST, SECOND]];
    const CLOCK: &[&[usize]] = &[&[HOUR, MINUTE], &[HOUR, MINUTE, CLOCK_SECOND]];
    let (dates, clocks) = match token {
        DateToken::Numeric { year_first, clock, .. } => {
            (if *year_first { YEAR_FIRST } else { NUMERIC }, if clock.is_some() { CLOCK } else { NONE })
        }
        DateToken::Named { clock, .. } => (NAMED, if clock.is_some() { CLOCK } else { NONE }),
        DateToken::Today { .. } => (NONE, CLOCK),
        DateToken::Relative(_) => (RELATIVE, NONE),
    };
    dates.iter().flat_map(move |&date| clocks.iter().map(move |&clock| [date, clock]))
}

/// Whether the digit run `bytes[start..end]` stands where a month name with a digit has
/// one, so that its value may decide how the line reads: after `th`, `hg` or `ng`
/// (`Th8`, `Thg 8`, `Tháng 8`, in any case) and any spaces, or right before `月` (`8月`).
/// Spaces are skipped as the bytes of any space a date line has ([`super::is_space`]),
/// and of no letter.
fn may_be_in_a_word(bytes: &[u8], start: usize, end: usize) -> bool {
    let space_byte = |b: &u8| matches!(b, b' ' | b'\t' | 0xA0 | 0xC2 | 0xE2 | 0x80 | 0xAF | 0x89 | 0x87);
    let before = &bytes[..start];
    let letters = &before[..before.len() - before.iter().rev().take_while(|b| space_byte(b)).count()];
    let after_month_word = match letters {
        [.., a, b] => matches!(
            [a.to_ascii_lowercase(), b.to_ascii_lowercase()],
            [b't', b'h'] | [b'h', b'g'] | [b'n', b'g']
        ),
        _ => false,
    };
    after_month_word || bytes[end..].starts_with("月".as_bytes())
}

/// `text` with its digits masked to `0`, in words, and its hash; `None` when too long to
/// remember.
fn masked(text: &[u8]) -> Option<(Key, u64)> {
    if text.len() > MAX_KEY {
        return None;
    }
    let mut key = Key { words: [0; MAX_KEY_WORDS], len: text.len() };
    let mut hash = crate::hash::WordHasher::seeded(text.len() as u64);
    const ONES: u64 = 0x0101_0101_0101_0101;
    let whole = text.chunks_exact(8);
    let last = (!whole.remainder().is_empty()).then(|| last_word(text));
    let words = whole.map(|bytes| u64::from_le_bytes(bytes.try_into().expect("eight bytes"))).chain(last);
    for (word, raw) in key.words.iter_mut().zip(words) {
        // A byte is a digit when it is 0x30 to 0x39: xor'ed with 0x30, below 10. Below 10
        // per byte, without carries between bytes: neither the high bit nor, once 0x76 is
        // added to its low seven bits, the high bit of the sum.
        let offset = raw ^ (0x30 * ONES);
        let sum = (offset & (0x7f * ONES)) + (0x76 * ONES);
        let digit_bytes = (!(sum | offset) & (0x80 * ONES)) >> 7;
        // `0x3N` to `0x30`: clear the low four bits of each digit.
        *word = raw & !(digit_bytes * 0x0f);
        std::hash::Hasher::write_u64(&mut hash, *word);
    }
    Some((key, std::hash::Hasher::finish(&hash)))
}

/// The bytes of `text` past its last whole word (some), as a word padded with zeros.
#[inline]
fn last_word(text: &[u8]) -> u64 {
    let tail = text.len() % 8;
    match text.len().checked_sub(8) {
        // The last eight bytes, shifted down past those of the whole words: one load, where
        // copying the tail into a zeroed word is a call whose branches its length decides.
        Some(from) => u64::from_le_bytes(text[from..].try_into().expect("eight bytes")) >> (8 * (8 - tail)),
        // A line shorter than a word (no date is, but for `1d`, `5m`...).
        None => text.iter().rev().fold(0, |word, &byte| word << 8 | u64::from(byte)),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{date_line, date_line_by_rules, words, Lexicon};
    use super::*;

    /// The exact reading, every field shown (an [`Age`] compares by the time it says).
    fn exact(text: &str) -> String {
        format!("{:?}", date_line_by_rules(text))
    }

    fn remembered(text: &str) -> String {
        format!("{:?}", date_line(text))
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

    /// Absolute dates of every form, and the month names with a digit in their lines.
    const ABSOLUTE_SAMPLES: &[&str] = &[
        "20-08-21 17:27",
        "2021-08-20 17:27:05",
        "20.08.2021.",
        "08/20/2021 5:27 pm",
        "August 20, 2021 5:27 pm",
        "August 20th, 2021 at 5:27 p.m.",
        "Aug 20 2021",
        "20. August 2021 17:27",
        "20 de agosto de 2021 a las 17:27",
        "20 août 2021 à 17 h 27 min",
        "20 août 2021 à 17h27",
        "2021. augusztus 20. 17:27",
        "20 августа 2021 г. в 17:27",
        "Today 5:27 pm",
        "Today at 17:27:05",
        "2021年8月20日 下午5:27",
        "2021 年 8 月 20 日",
        "8月 20, 2021",
        "Thg 8 20, 2021",
        "Th8 20, 2021 17:27",
        "Tháng 8 20, 2021",
        "THÁNG 12 20, 2021",
        "20 Tháng 8, 2021 17:27",
        "20 Thg 8 2021",
        "Tháng\u{a0}8 20, 2021",
        "20 20 20",
        "20 August 20",
        "0020. augusztus 20. 17:27",
        "5 5 5 5 5 5 5",
    ];

    fn test_lines() -> Vec<String> {
        let mut lines = crate::test_pages::lines();
        lines.extend(
            lines
                .iter()
                .map(|l| super::super::super::rules::strip_residue(l).to_string())
                .collect::<Vec<_>>(),
        );
        lines
    }

    fn samples() -> impl Iterator<Item = &'static str> {
        super::super::tests::relative_samples().iter().chain(ABSOLUTE_SAMPLES).copied()
    }

    #[test]
    fn remembered_shapes_read_as_the_rules_do() {
        assert_remembered_as_the_rules_do(&test_lines());
        // Each sample on its own (a line of the pages may have put its shape in the table).
        for sample in samples() {
            TABLE.with(|table| table.borrow_mut().clear());
            assert_remembered_as_the_rules_do(&[sample.to_string()]);
        }
    }

    /// Each line, and the line with other numbers, read twice (the second reads the table).
    fn assert_remembered_as_the_rules_do(lines: &[String]) {
        let numbers: [&[u64]; 10] = [
            &[],
            &[0, 0],
            &[7, 13],
            &[999_999_999, 5],
            &[4_294_967_296, 1],
            &[12, 99_999],
            &[1],
            &[13, 1, 2020],
            &[1, 13, 20, 4, 5, 6],
            &[2021, 12, 31, 23, 59, 59],
        ];
        let mut dates = 0;
        for line in lines {
            for numbers in numbers {
                let line = with_numbers(line, numbers);
                // Twice: the second reads the table.
                assert_eq!(remembered(&line), exact(&line), "{line:?}");
                assert_eq!(remembered(&line), exact(&line), "{line:?}");
                dates += usize::from(date_line_by_rules(&line).is_some());
            }
        }
        assert!(lines.len() == 1 || dates > 1000, "{dates}");
    }

    #[test]
    fn numbers_whose_order_two_forms_read_alike_are_not_remembered() {
        for line in ["0020. augusztus 20. 17:27", "20 August 20"] {
            let token = date_line_by_rules(line);
            assert!(token.is_some(), "{line}");
            assert_eq!(shape_of(line, token), None, "{line}");
        }
        let line = "2021. augusztus 20. 17:27";
        assert!(matches!(shape_of(line, date_line_by_rules(line)), Some(Some(_))));
    }

    /// Every word of a table, as the walk matches it (lowercase, single spaces).
    fn forms<T: Copy>(lexicon: &Lexicon<T>) -> Vec<String> {
        let mut forms = Vec::new();
        let mut stack = vec![(0usize, String::new())];
        while let Some((node, text)) = stack.pop() {
            if lexicon.nodes[node].word.is_some() {
                forms.push(text.clone());
            }
            for &(c, child) in &lexicon.nodes[node].edges {
                stack.push((child as usize, format!("{text}{c}")));
            }
        }
        forms
    }

    /// The words whose digits a line's value could depend on are the ones
    /// `may_be_in_a_word` keeps out of the table: every digit run of every word of every
    /// table is there, in any case and with any space before it.
    #[test]
    fn words_with_digits_are_never_remembered() {
        let words = words();
        let mut all = forms(&words.months);
        all.extend(forms(&words.units));
        all.extend(forms(&words.ago));
        all.extend(forms(&words.right_now));
        all.extend(forms(&words.today));
        all.extend(forms(&words.joiners));
        all.extend(forms(&words.first_words));
        let mut with_digits = 0;
        for form in all {
            for variant in [
                form.clone(),
                form.to_uppercase(),
                form.replace(' ', "\u{a0}"),
                form.replace(' ', "\u{202f}"),
            ] {
                let bytes = variant.as_bytes();
                let mut at = 0;
                while at < bytes.len() {
                    let len = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
                    if len > 0 {
                        with_digits += 1;
                        assert!(may_be_in_a_word(bytes, at, at + len), "{variant:?}");
                    }
                    at += len.max(1);
                }
            }
        }
        assert!(with_digits > 50, "{with_digits}");
        // The usual dates are remembered.
        for line in ["August 20, 2021 5:27 pm", "Aug 20, 2021", "20th 2021", "17h27", "3 months ago"] {
            let bytes = line.as_bytes();
            let start = bytes.iter().position(u8::is_ascii_digit).unwrap();
            let len = super::super::digits_len(&line[start..]);
            assert!(!may_be_in_a_word(bytes, start, start + len), "{line}");
        }
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

    /// The last word read as one load is the tail copied into a zeroed word, for every
    /// length of a remembered line.
    #[test]
    fn last_words_are_the_tails_padded() {
        let bytes: Vec<u8> = (0..MAX_KEY as u8).map(|i| i.wrapping_mul(37) | 0x80).collect();
        for len in (1..=MAX_KEY).filter(|len| len % 8 != 0) {
            for start in 0..=MAX_KEY - len {
                let text = &bytes[start..start + len];
                let tail = &text[len - len % 8..];
                let mut padded = [0u8; 8];
                padded[..tail.len()].copy_from_slice(tail);
                assert_eq!(last_word(text), u64::from_le_bytes(padded), "{len} bytes from {start}");
            }
        }
    }

    #[test]
    fn masks_digits_and_nothing_else() {
        let all: Vec<u8> = (1..=255u8).collect();
        for chunk in all.chunks(40) {
            let (key, _) = masked(chunk).unwrap_or_else(|| panic!("{chunk:?}"));
            let bytes: Vec<u8> = key.words.iter().flat_map(|w| w.to_le_bytes()).take(chunk.len()).collect();
            let expected: Vec<u8> =
                chunk.iter().map(|&b| if b.is_ascii_digit() { b'0' } else { b }).collect();
            assert_eq!(bytes, expected);
            assert!(key.words.iter().flat_map(|w| w.to_le_bytes()).skip(chunk.len()).all(|b| b == 0));
        }
        assert!(masked(&[b'a'; MAX_KEY + 1]).is_none());
    }

    #[test]
    fn long_runs_are_not_remembered() {
        assert!(shape_of("123456789 years ago", None).is_some());
        assert!(shape_of("1234567890 years ago", None).is_none(), "ten digits may overflow");
        assert!(shape_of("1 2 3 4 5 6 7", None).is_none(), "more runs than a template holds");
    }

    proptest! {
        #[test]
        fn any_numbers_read_as_the_rules_do(
            sample in 0..samples().count(),
            first in 0u64..20_000_000_000,
            second in 0u64..100_000,
            short in 0u64..100,
            year in prop::sample::select(vec![0u64, 5, 20, 99, 100, 2021, 9999, 10_000]),
        ) {
            let text = samples().nth(sample).expect("a sample");
            let orders = [
                [first, second, short, short, short, short],
                [short, second, first, short, second, short],
                [second, short, year, short, short, short],
                [short, short, year, short, short, short],
                [year, short, short, second, short, short],
            ];
            for numbers in orders {
                let line = with_numbers(text, &numbers);
                prop_assert_eq!(remembered(&line), exact(&line), "{:?}", line);
                prop_assert_eq!(remembered(&line), exact(&line), "{:?}", line);
            }
        }
    }
}

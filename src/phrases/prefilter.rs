//! A first look at a line that rules out, from its first three bytes, that it opens with a
//! phrase of a set: most lines of a page are prose that starts with a plain word, and this
//! answers for them without folding or walking the trie ([`super::opening_into`]).
//!
//! The test is conservative: it only rules a line out when its normal form cannot start with
//! any phrase of the set; everything else goes the exact way.
//!
//! Lines are answered by two table look-ups ([`Prefilter::rules_out`]): the classes of their
//! first three bytes give the set of fourth bytes that rule the line out; the tables are
//! built from the byte-by-byte reading, kept for the tests (`Prefilter::rules_out_exactly`).

use super::normalize::is_plain_ascii;

/// Letters are told apart (case folded); every other byte shares one code.
const CODES: usize = 27;

/// What the first bytes of a line may be, by byte: [`STOP`] (anything that does not stand
/// for itself in the normal form, and digits, which open a line of their own kind),
/// [`SPACE`], or a plain byte's code plus one.
const BYTES: [u8; 256] = byte_table();
const STOP: u8 = 0;
const SPACE: u8 = CODES as u8 + 1;

/// The stride of a byte class in [`Prefilter::verdicts`]' index (more than [`SPACE`]).
const CLASS_BITS: u32 = 5;
/// The number of [`Prefilter::verdicts`]: every three classes.
const VERDICTS: usize = 1 << (3 * CLASS_BITS);

/// A set of the classes of a line's fourth byte (none counts as [`STOP`]) that rule it out,
/// as bits; with [`AFTER_SPACE`], a fourth [`SPACE`] does only when a plain byte follows.
type Fourths = u32;
/// Every plain class.
const PLAIN_FOURTHS: Fourths = ((1 << CODES) - 1) << 1;
/// Every class.
const ALL_FOURTHS: Fourths = (1 << (SPACE + 1)) - 1;
/// Set when a fourth [`SPACE`] rules the line out only before a plain byte.
const AFTER_SPACE: Fourths = 1 << 31;

const fn byte_table() -> [u8; 256] {
    let mut table = [STOP; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = if b == b' ' {
            SPACE
        } else if b.is_ascii_alphabetic() {
            b.to_ascii_lowercase() - b'a' + 2
        } else if is_plain_ascii(b) && !b.is_ascii_digit() {
            1
        } else {
            STOP
        };
        byte += 1;
    }
    table
}

/// The code of a byte of a phrase's normal form.
fn code(byte: u8) -> usize {
    if byte.is_ascii_alphabetic() {
        usize::from(byte.to_ascii_lowercase() - b'a') + 1
    } else {
        0
    }
}

/// A set of small numbers, as bits.
#[derive(Debug, Clone)]
struct Bits<const WORDS: usize>([u64; WORDS]);

impl<const WORDS: usize> Bits<WORDS> {
    fn insert(&mut self, n: usize) {
        self.0[n / 64] |= 1 << (n % 64);
    }

    #[inline]
    fn contains(&self, n: usize) -> bool {
        self.0[n / 64] & (1 << (n % 64)) != 0
    }

    /// The `len` (at most 32) bits from `start` on, as the low bits of the result.
    fn range(&self, start: usize, len: usize) -> u32 {
        (0..len).filter(|&i| self.contains(start + i)).fold(0, |bits, i| bits | 1 << i)
    }
}

/// What phrases' normal forms start with, by code.
#[derive(Debug, Clone)]
pub(crate) struct Prefilter {
    /// Phrases of one byte (a line that starts with it opens with the phrase).
    one: Bits<1>,
    /// Phrases of two bytes.
    two: Bits<{ (CODES * CODES).div_ceil(64) }>,
    /// The first three bytes of the longer phrases.
    three: Bits<{ (CODES * CODES * CODES).div_ceil(64) }>,
    /// The first four bytes of the phrases of four or more (prose that starts with a word a
    /// phrase starts with, `The`, `Not`, is told apart by its next byte).
    four: Bits<{ (CODES * CODES * CODES * CODES).div_ceil(64) }>,
    /// `Prefilter::rules_out_exactly`'s answer by the classes of the first three bytes: an
    /// index into `fourths` (filled in by [`Prefilter::finish`]).
    verdicts: Box<[u8; VERDICTS]>,
    /// The distinct sets of fourth bytes of `verdicts`; the first rules out nothing.
    fourths: [Fourths; 256],
}

impl Default for Prefilter {
    fn default() -> Self {
        Prefilter {
            one: Bits([0; 1]),
            two: Bits([0; _]),
            three: Bits([0; _]),
            four: Bits([0; _]),
            verdicts: Box::new([0; VERDICTS]),
            fourths: [0; 256],
        }
    }
}

/// The index of three byte classes in [`Prefilter::verdicts`].
#[inline]
fn verdict_index(a: u8, b: u8, c: u8) -> usize {
    let index = (usize::from(a) << (2 * CLASS_BITS)) | (usize::from(b) << CLASS_BITS) | usize::from(c);
    index & (VERDICTS - 1) // within bounds already: lets the compiler drop the check
}

impl Prefilter {
    /// Notes `phrase`, in normal form. A phrase that starts with a non-ASCII byte needs no
    /// note: a line is only ruled out when its normal form starts with three ASCII bytes.
    pub fn add(&mut self, phrase: &str) {
        let bytes = phrase.as_bytes();
        let head = &bytes[..bytes.len().min(3)];
        if head.is_empty() || !head.is_ascii() {
            return;
        }
        match *head {
            [a] => self.one.insert(code(a)),
            [a, b] => self.two.insert(code(a) * CODES + code(b)),
            [a, b, c] => {
                let three = (code(a) * CODES + code(b)) * CODES + code(c);
                self.three.insert(three);
                match bytes.get(3) {
                    // A phrase of three bytes, or whose fourth is not ASCII, leaves every
                    // fourth byte open.
                    Some(&d) if d.is_ascii() => self.four.insert(three * CODES + code(d)),
                    _ => (0..CODES).for_each(|d| self.four.insert(three * CODES + d)),
                }
            }
            _ => unreachable!("at most three bytes"),
        }
    }

    /// Fills in the tables once every phrase is added: for every first three bytes' classes,
    /// the fourth bytes' classes for which `Prefilter::rules_out_exactly` rules the line out.
    ///
    /// # Panics
    ///
    /// With more than 256 distinct sets of fourth bytes (the rules' phrases give 92:
    /// a test builds them).
    pub fn finish(&mut self) {
        let plain = |k: u8| k != STOP && k != SPACE;
        let code = |k: u8| usize::from(if k == SPACE { 0 } else { k - 1 });
        let mut distinct: Vec<Fourths> = vec![0, ALL_FOURTHS];
        for a in (0..=SPACE).filter(|&a| plain(a)) {
            for b in 0..=SPACE {
                for c in 0..=SPACE {
                    // A space stands for itself only between two plain bytes.
                    let shape = (plain(b) || (b == SPACE && plain(c))) && (plain(c) || c == SPACE);
                    if !shape {
                        continue; // rules out nothing
                    }
                    let (ca, cb, three) = (code(a), code(b), (code(a) * CODES + code(b)) * CODES + code(c));
                    let fourths = if self.one.contains(ca) || self.two.contains(ca * CODES + cb) {
                        0
                    } else if !self.three.contains(three) {
                        // After a space, the fourth byte must be plain.
                        if c == SPACE {
                            PLAIN_FOURTHS
                        } else {
                            ALL_FOURTHS
                        }
                    } else {
                        // The fourth byte (or a space before a plain one) of no phrase.
                        let phrase_fourths = self.four.range(three * CODES, CODES);
                        let plain_fourths = (!phrase_fourths << 1) & PLAIN_FOURTHS;
                        let no_phrase_space = phrase_fourths & 1 == 0;
                        if c != SPACE && no_phrase_space {
                            plain_fourths | 1 << SPACE | AFTER_SPACE
                        } else {
                            plain_fourths
                        }
                    };
                    let id = distinct.iter().position(|&f| f == fourths).unwrap_or_else(|| {
                        distinct.push(fourths);
                        distinct.len() - 1
                    });
                    self.verdicts[verdict_index(a, b, c)] = u8::try_from(id).expect("at most 256 sets");
                }
            }
        }
        self.fourths[..distinct.len()].copy_from_slice(&distinct);
    }

    /// True when `line`'s normal form certainly starts with no phrase noted, nor with a
    /// digit: its first three bytes are what the normal form starts with (plain ASCII, a
    /// single space between two of them), and no phrase starts that way.
    #[inline]
    pub fn rules_out(&self, line: &str) -> bool {
        let &[a, b, c, ref rest @ ..] = line.as_bytes() else { return false };
        let (a, b, c) = (BYTES[usize::from(a)], BYTES[usize::from(b)], BYTES[usize::from(c)]);
        let fourths = self.fourths[usize::from(self.verdicts[verdict_index(a, b, c)])];
        let fourth = rest.first().map_or(STOP, |&d| BYTES[usize::from(d)]);
        if fourths & (1 << fourth) == 0 {
            return false;
        }
        let plain = |k: u8| k != STOP && k != SPACE;
        fourth != SPACE
            || fourths & AFTER_SPACE == 0
            || rest.get(1).is_some_and(|&e| plain(BYTES[usize::from(e)]))
    }

    /// [`Prefilter::rules_out`] read byte by byte: the reference its tables are built from.
    #[cfg(test)]
    pub fn rules_out_exactly(&self, line: &str) -> bool {
        let &[a, b, c, ref rest @ ..] = line.as_bytes() else { return false };
        let (a, b, c) = (BYTES[usize::from(a)], BYTES[usize::from(b)], BYTES[usize::from(c)]);
        let plain = |k: u8| k != STOP && k != SPACE;
        // A space stands for itself only between two plain bytes.
        let fourth_plain = || rest.first().is_some_and(|&d| plain(BYTES[usize::from(d)]));
        let shape = plain(a)
            && (plain(b) || (b == SPACE && plain(c)))
            && (plain(c) || (c == SPACE && fourth_plain()));
        if !shape {
            return false;
        }
        let code = |k: u8| usize::from(if k == SPACE { 0 } else { k - 1 });
        let (a, b, c) = (code(a), code(b), code(c));
        let three = (a * CODES + b) * CODES + c;
        if self.one.contains(a) || self.two.contains(a * CODES + b) {
            return false;
        }
        if !self.three.contains(three) {
            return true;
        }
        // The fourth byte when it is the normal form's: plain, or a single space between
        // plain bytes (after a space, the shape above made it plain). A line of three bytes
        // is left to the exact way.
        let fourth = match *rest {
            [d, ..] if plain(BYTES[usize::from(d)]) => BYTES[usize::from(d)],
            [d, e, ..] if BYTES[usize::from(d)] == SPACE && plain(BYTES[usize::from(e)]) => SPACE,
            _ => return false,
        };
        !self.four.contains(three * CODES + code(fourth))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(phrases: &[&str]) -> Prefilter {
        let mut filter = Prefilter::default();
        phrases.iter().for_each(|p| filter.add(p));
        filter.finish();
        filter
    }

    #[test]
    fn lines_that_may_open_with_a_phrase_are_not_ruled_out() {
        let f = filter(&["reply", "ok", "x", "notify of", "ответить"]);
        for line in ["Reply", "REPLY to Bob", "Replying", "OK then", "okay", "x", "Xavier wrote", "Notify"] {
            assert!(!f.rules_out(line), "{line}");
        }
        // Phrases of other letters: ruled out.
        for line in ["The committee", "Does anyone know", "My printer", "It works", "Backups are"] {
            assert!(f.rules_out(line), "{line}");
        }
    }

    #[test]
    fn only_lines_whose_first_bytes_are_their_normal_form_are_ruled_out() {
        let f = filter(&["reply"]);
        // Markup, digits, non-ASCII, short lines and doubled spaces go the exact way.
        for line in [
            "*The* end",
            "[12]The",
            "14 comments",
            "Ünder",
            "Th",
            "a  b",
            "a\tbc",
            "ab ",
            "ab\u{a0}c",
            "\\[x",
        ] {
            assert!(!f.rules_out(line), "{line}");
        }
        // A single space between plain bytes is the space of the normal form.
        assert!(f.rules_out("My printer") && f.rules_out("It's") && f.rules_out("ab c"));
    }

    #[test]
    fn the_fourth_byte_rules_out_prose_that_starts_like_a_phrase() {
        let f = filter(&["the comment", "abc", "xyzé"]);
        assert!(f.rules_out("Thermal") && f.rules_out("Theory"));
        for line in ["The comment", "The link", "The  link", "The", "abcd", "abc def", "xyzw"] {
            assert!(!f.rules_out(line), "{line}");
        }
    }

    /// The phrase set of the rules, and one whose single- and two-byte phrases open many
    /// first bytes.
    fn filters() -> [&'static Prefilter; 2] {
        static SMALL: std::sync::OnceLock<Prefilter> = std::sync::OnceLock::new();
        let small =
            SMALL.get_or_init(|| filter(&["+", "x", "ok", "a b", "the comment", "abc", "xyzé", "no", "q-a"]));
        [&crate::phrases::openings().prefilter, small]
    }

    /// One byte of every class, some letters of both cases, and bytes that fold otherwise.
    const SAMPLES: [&str; 36] = [
        "a", "b", "c", "e", "h", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "w", "x", "y", "z",
        "A", "N", "T", "X", " ", "-", "'", "+", "*", "[", "\\", "0", "\t", "é", "\u{a0}", ".",
    ];

    /// The table answers as the byte-by-byte reading for every first three bytes of the
    /// samples, with nothing, one or two bytes after.
    #[test]
    fn the_table_answers_as_the_exact_reading_for_every_start() {
        let after: Vec<String> = std::iter::once(String::new())
            .chain(SAMPLES.iter().map(|d| d.to_string()))
            .chain(SAMPLES.iter().flat_map(|d| [" ", "a", "*"].map(|e| format!("{d}{e}"))))
            .collect();
        for f in filters() {
            for a in SAMPLES {
                for b in SAMPLES {
                    for c in SAMPLES {
                        for rest in &after {
                            let line = format!("{a}{b}{c}{rest}");
                            assert_eq!(f.rules_out(&line), f.rules_out_exactly(&line), "{line:?}");
                        }
                    }
                }
            }
        }
    }

    /// The same over every line of the test pages (and the table rules most of them out).
    #[test]
    fn the_table_answers_as_the_exact_reading_on_the_test_pages() {
        let f = &crate::phrases::openings().prefilter;
        let lines = crate::test_pages::lines();
        for line in &lines {
            assert_eq!(f.rules_out(line), f.rules_out_exactly(line), "{line:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_table_answers_as_the_exact_reading(line in "[a-zA-Z0-9 '+*\\[\\\\\t\u{e9}\u{a0}-]{0,7}") {
            for f in filters() {
                proptest::prop_assert_eq!(f.rules_out(&line), f.rules_out_exactly(&line));
            }
        }
    }

    #[test]
    fn other_bytes_share_a_code_conservatively() {
        // `+` (the `[+]` button folds to it) marks every line that starts with a non-letter.
        let f = filter(&["+"]);
        assert!(!f.rules_out("'quoted'") && !f.rules_out("-- signature"));
        assert!(f.rules_out("Quoted"));
        // A phrase that starts with a non-ASCII byte rules out no ASCII line.
        let f = filter(&["ответить", "回复"]);
        assert!(f.rules_out("Reply"));
    }
}

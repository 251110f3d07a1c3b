//! A first look at a line that rules out, from its first three bytes, that it opens with a
//! phrase of a set: most lines of a page are prose that starts with a plain word, and this
//! answers for them without folding or walking the trie ([`super::opening_into`]).
//!
//! The test is conservative: it only rules a line out when its normal form cannot start with
//! any phrase of the set; everything else goes the exact way.

use super::normalize::is_plain_ascii;

/// Letters are told apart (case folded); every other byte shares one code.
const CODES: usize = 27;

/// What the first bytes of a line may be, by byte: [`STOP`] (anything that does not stand
/// for itself in the normal form, and digits, which open a line of their own kind),
/// [`SPACE`], or a plain byte's code plus one.
const BYTES: [u8; 256] = byte_table();
const STOP: u8 = 0;
const SPACE: u8 = u8::MAX;

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
}

impl Default for Prefilter {
    fn default() -> Self {
        Prefilter { one: Bits([0; 1]), two: Bits([0; _]), three: Bits([0; _]), four: Bits([0; _]) }
    }
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

    /// True when `line`'s normal form certainly starts with no phrase noted, nor with a
    /// digit: its first three bytes are what the normal form starts with (plain ASCII, a
    /// single space between two of them), and no phrase starts that way.
    #[inline]
    pub fn rules_out(&self, line: &str) -> bool {
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

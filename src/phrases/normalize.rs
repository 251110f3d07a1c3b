//! The normal form that phrase lookup compares: case, spacing and markup folded away.
//!
//! Real dumps print the same phrase as `Name*`, `Name\*`, `[                    ] Name*`,
//! `[Newest]{.wpdiscuz-sort-button}`, `__Inline Feedbacks` or `Sort by:`. Folding these to
//! one form (`name`, `newest`, `inline feedbacks`, `sort by`) lets a single table entry match
//! them all. Phrases and input lines go through the same function.

/// A reusable buffer for the normal form of a line.
#[derive(Debug, Clone)]
pub(crate) struct Normalized {
    pub text: String,
    /// The [`super::chrome`] phrase that `text` is whole, when [`super::opening_into`] found
    /// it so (it then need not be hashed again); `None` when not known.
    pub whole_chrome_phrase: Option<u16>,
}

/// The room a [`Normalized`] buffer starts with: the normal form of any line short enough for
/// the phrase rules, most of the time. Growing from nothing took six reallocations a page.
const NORMALIZED_CAPACITY: usize = 256;

impl Default for Normalized {
    /// An empty buffer with room for a short line's normal form (one allocation, where growing
    /// to it takes several).
    fn default() -> Self {
        Normalized { text: String::with_capacity(NORMALIZED_CAPACITY), whole_chrome_phrase: None }
    }
}

/// The text lynx prints for form buttons and list-style controls.
const LYNX_WIDGETS: [&str; 4] = ["(BUTTON)", "(ordered)", "(bullet)", "(submit)"];

/// Folds `source` into `out` (cleared first; its buffer is reused, so a caller that keeps
/// one `Normalized` allocates only while lines grow longer than any seen before):
/// - lowercase;
/// - every run of whitespace (NBSP, zero-width space and tabs included) becomes one space,
///   none at either end;
/// - markdown and converter markup becomes a separator: `\` escapes, `*`, `_`, `[`, `]`, `|`,
///   `:`, the `!` of `![`; the URL of a link (`](...)`), a pandoc attribute block
///   (`{.class key=value}`), lynx's link numbers (`[12]`) and form widgets (`(BUTTON)`) are
///   skipped whole; the editor button `{}` is kept;
/// - the typographic apostrophe `’` becomes `'`.
pub(crate) fn normalize_into(source: &str, out: &mut Normalized) {
    out.whole_chrome_phrase = None;
    if !plain_text_into(source, out) {
        Folded::new(source).fold_rest_into(&mut out.text);
    }
}

/// [`normalize_into`] for plain text ([`is_plain_text`]), whose normal form is the text
/// lowercased (most chrome lines: `Notify of`, `Leave a Reply`); `false`, with `out` cleared,
/// for other text.
pub(crate) fn plain_text_into(source: &str, out: &mut Normalized) -> bool {
    out.text.clear();
    if !is_plain_text(source) {
        return false;
    }
    out.text.push_str(source);
    out.text.make_ascii_lowercase();
    true
}

/// True when `source` is its own normal form but for case: plain ASCII words
/// ([`is_plain_ascii`]) with single spaces between them, and something in it.
fn is_plain_text(source: &str) -> bool {
    let mut after_plain = false;
    for &byte in source.as_bytes() {
        if plain_fold(byte).is_some() {
            after_plain = true;
        } else if byte == b' ' && after_plain {
            after_plain = false;
        } else {
            return false;
        }
    }
    after_plain
}

/// True for an ASCII byte that folds to itself (lowercased) whatever surrounds it: letters,
/// digits, and punctuation that is no markup. Runs of them are copied whole.
pub(super) const fn is_plain_ascii(byte: u8) -> bool {
    byte.is_ascii_graphic()
        && !matches!(byte, b'[' | b']' | b'\\' | b'*' | b'_' | b'|' | b':' | b'!' | b'{' | b'(')
}

/// Every byte's fold when it is plain ASCII ([`is_plain_ascii`]), else 0 (no plain byte
/// folds to it): one load per byte in the loops that fold most text.
const PLAIN_FOLDS: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        if is_plain_ascii(byte as u8) {
            table[byte] = (byte as u8).to_ascii_lowercase();
        }
        byte += 1;
    }
    table
};

/// What `byte` folds to when it is plain ASCII ([`is_plain_ascii`]): itself, lowercased.
#[inline(always)]
pub(super) fn plain_fold(byte: u8) -> Option<u8> {
    let folded = PLAIN_FOLDS[usize::from(byte)];
    (folded != 0).then_some(folded)
}

/// The length of the numbered reference lynx prints before a link's text (`[36]` in
/// `[36]Nam Vũ`, `[12]Login`) at the start of `text`, if there is one. A bracketed number
/// followed by whitespace, `(`, `[`, `{`, `:` or nothing is text or markup (`[1] see`,
/// `[1](url)`, `[1]: url`, pandoc's `[417]{.wpdtc}`), not a reference.
pub(crate) fn link_reference_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'[') {
        return None;
    }
    let digits = bytes[1..].iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || bytes.get(1 + digits) != Some(&b']') {
        return None;
    }
    let len = digits + 2;
    let next = text[len..].chars().next()?;
    (!next.is_whitespace() && !matches!(next, '(' | '[' | '{' | ':')).then_some(len)
}

/// Offset in `source` of the character that normalized byte `at` came from (a folded space
/// maps to the next kept character; `at` = the normal form's length maps to the source
/// length). Folds again up to `at`: callers need it only once a line has matched.
pub(crate) fn source_offset(source: &str, at: usize) -> usize {
    let mut end = 0;
    for (c, from) in Folded::new(source) {
        end += c.len_utf8();
        if at < end {
            return from;
        }
    }
    source.len()
}

/// The normal form of a text, one character at a time, each with the offset in the source
/// of the character it came from. A consumer that needs only the start of the normal form
/// (phrase lookup rejects most lines after a few characters) stops early and pays for no
/// more.
#[derive(Debug, Clone)]
pub(crate) struct Folded<'s> {
    source: &'s str,
    /// The next source byte to read.
    pos: usize,
    /// A separator was read since the last character yielded (and something was yielded).
    pending_space: bool,
    /// Some character was yielded: separators at the start give no space.
    started: bool,
    /// Characters folded from one source character, not yet yielded: a space, then up to
    /// three lowercase characters (or the two of `{}`).
    ready: [(char, usize); 4],
    ready_len: u8,
    ready_next: u8,
}

impl<'s> Folded<'s> {
    pub fn new(source: &'s str) -> Self {
        Folded {
            source,
            pos: 0,
            pending_space: false,
            started: false,
            ready: [('\0', 0); 4],
            ready_len: 0,
            ready_next: 0,
        }
    }

    /// Queues `c` (from source offset `at`), after the pending space if any.
    fn put(&mut self, c: char, at: usize) {
        if std::mem::take(&mut self.pending_space) {
            self.ready[usize::from(self.ready_len)] = (' ', at);
            self.ready_len += 1;
        }
        self.ready[usize::from(self.ready_len)] = (c, at);
        self.ready_len += 1;
    }

    fn separator(&mut self) {
        self.pending_space = self.started;
    }

    /// The source byte at `at`, if any.
    fn byte(&self, at: usize) -> Option<u8> {
        self.source.as_bytes().get(at).copied()
    }

    /// Skips past the bracket that closes a group opened just before `self.pos` (brackets
    /// are ASCII, so bytes are scanned); an unclosed group runs to the end.
    fn skip_group(&mut self, open: u8, close: u8) {
        let mut depth = 1usize;
        let bytes = self.source.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            self.pos += 1;
            if b == open {
                depth += 1;
            } else if b == close {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
        }
    }

    /// Appends the rest of the normal form to `out`: what [`Iterator::collect`] would give,
    /// without the per-character work for runs of plain ASCII (most of a line), which take
    /// one table load per byte ([`plain_fold`]).
    pub fn fold_rest_into(mut self, out: &mut String) {
        while self.ready_next < self.ready_len {
            out.push(self.ready[usize::from(self.ready_next)].0);
            self.ready_next += 1;
        }
        let bytes = self.source.as_bytes();
        out.reserve(bytes.len() - self.pos.min(bytes.len()));
        while let Some(&byte) = bytes.get(self.pos) {
            if let Some(folded) = plain_fold(byte) {
                self.push_pending_space(out);
                self.started = true;
                out.push(char::from(folded));
                self.pos += 1;
                // The rest of the run, without the bookkeeping above.
                while let Some(folded) = bytes.get(self.pos).and_then(|&b| plain_fold(b)) {
                    out.push(char::from(folded));
                    self.pos += 1;
                }
            } else if byte == b' ' {
                self.pos += 1;
                self.separator();
            } else if let Some((c, len)) = self.letter_at(byte) {
                // A letter outside ASCII (or `’`): one character, without the general way.
                self.push_pending_space(out);
                out.push(c);
                self.pos += len;
                self.started = true;
            } else {
                self.ready_next = 0;
                self.ready_len = 0;
                self.read();
                for &(c, _) in &self.ready[..usize::from(self.ready_len)] {
                    out.push(c);
                    self.started = true;
                }
            }
        }
    }

    /// Appends the space that separators before a kept character stand for, if any.
    fn push_pending_space(&mut self, out: &mut String) {
        if std::mem::take(&mut self.pending_space) {
            out.push(' ');
        }
    }

    /// What the character at `pos` (which starts with `byte`) folds to, and its length, when
    /// it is a two- or three-byte character that folds to one character the quick way
    /// ([`letter_fold`]): decoded by hand, without the general way's tests for markup and
    /// special characters one by one ([`Self::read`]).
    #[inline(always)]
    fn letter_at(&self, byte: u8) -> Option<(char, usize)> {
        let bytes = self.source.as_bytes();
        let tail = |at: usize| bytes.get(self.pos + at).map_or(0, |&b| u32::from(b & 0x3F));
        let (code, len) = match byte {
            0xC0..=0xDF => (u32::from(byte & 0x1F) << 6 | tail(1), 2),
            0xE0..=0xEF => (u32::from(byte & 0x0F) << 12 | tail(1) << 6 | tail(2), 3),
            _ => return None,
        };
        letter_fold(code).map(|c| (c, len))
    }

    /// Reads one source character and queues what it folds to.
    fn read(&mut self) {
        let at = self.pos;
        let b = self.source.as_bytes()[at];
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            self.source[at..].chars().next().expect("`at` is on a character boundary")
        };
        self.pos += c.len_utf8();
        match c {
            // lynx's link numbers (`[54]Share On Twitter [55]Share On Google`) vanish.
            '[' if link_reference_len(&self.source[at..]).is_some() => {
                self.pos = at + link_reference_len(&self.source[at..]).unwrap_or(1);
                self.separator();
            }
            '\\' | '*' | '_' | '[' | '|' | ':' => self.separator(),
            '!' if self.byte(self.pos) == Some(b'[') => self.separator(),
            ']' => {
                if self.byte(self.pos) == Some(b'(') {
                    self.pos += 1;
                    self.skip_group(b'(', b')');
                }
                self.separator();
            }
            '{' => {
                if self.byte(self.pos) == Some(b'}') {
                    self.pos += 1;
                    self.put('{', at);
                    self.put('}', at);
                } else {
                    // A pandoc attribute block vanishes without separating.
                    self.skip_group(b'{', b'}');
                }
            }
            // lynx's form widgets: `(BUTTON)`, `(ordered)`, `(bullet)`.
            '(' if LYNX_WIDGETS.iter().any(|w| self.source[at..].starts_with(w)) => {
                let widget =
                    LYNX_WIDGETS.iter().find(|w| self.source[at..].starts_with(*w)).map_or(0, |w| w.len());
                self.pos = at + widget;
                self.separator();
            }
            '\u{2019}' => self.put('\'', at),
            // Turkish dotted and dotless i fold to `i`: pages print `YANITLA` for `Yanıtla`.
            '\u{131}' | '\u{130}' => self.put('i', at),
            c => match small_fold(c).unwrap_or_else(|| char_fold(c)) {
                CharFold::Separator => self.separator(),
                CharFold::Lower(lower) => self.put(lower, at),
                CharFold::Lowercase(lower) => lower.for_each(|lower| self.put(lower, at)),
            },
        }
    }
}

/// What a character that is no markup folds to.
#[derive(Debug, Clone)]
enum CharFold {
    /// Whitespace: a separator.
    Separator,
    /// One lowercase character.
    Lower(char),
    /// Unicode's lowercase, which may be more than one character.
    Lowercase(std::char::ToLowercase),
}

/// [`CharFold`] the general way (Unicode's whitespace and case tables).
fn char_fold(c: char) -> CharFold {
    if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
        CharFold::Separator
    } else if c.is_ascii() {
        CharFold::Lower(c.to_ascii_lowercase())
    } else if is_own_lowercase(c) {
        CharFold::Lower(c)
    } else {
        let lowercase = c.to_lowercase();
        match lowercase.len() {
            1 => CharFold::Lower(lowercase.clone().next().unwrap_or(c)),
            _ => CharFold::Lowercase(lowercase),
        }
    }
}

/// Characters below this (Latin-1, Latin Extended, IPA, Greek, Cyrillic, Armenian, Georgian,
/// Vietnamese, General Punctuation: the letters of most names and phrases outside ASCII,
/// and the dashes, quotes and ellipses of prose) fold by one table load ([`small_fold`]).
const SMALL_FOLD_END: usize = 0x2070;

/// [`char_fold`] of a character below [`SMALL_FOLD_END`] whose fold is one character or a
/// separator, from a table built once: Unicode's case table is a search per character.
fn small_fold(c: char) -> Option<CharFold> {
    // Each entry: the character's lowercase (in the Basic Multilingual Plane, as all below
    // the end are), a space for a separator (no character lowercases to a space), 0 where the
    // fold is longer than one character. Two bytes an entry keep the table at 16 KB.
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..SMALL_FOLD_END as u32)
            .map(|code| match char::from_u32(code).map(char_fold) {
                Some(CharFold::Separator) => u16::from(b' '),
                Some(CharFold::Lower(lower)) => u16::try_from(u32::from(lower)).unwrap_or(0),
                Some(CharFold::Lowercase(_)) | None => 0,
            })
            .collect()
    });
    match *table.get(c as usize)? {
        0 => None,
        0x20 => Some(CharFold::Separator),
        lower => char::from_u32(u32::from(lower)).map(CharFold::Lower),
    }
}

/// The one character that the non-ASCII character numbered `code` folds to as
/// [`Folded::read`] folds it, when that is quick to tell: below [`SMALL_FOLD_END`] (the
/// letters of most scripts, `’`), from a table built once from [`small_fold`] and the
/// special cases of `read` (separators and longer folds excepted); above, when the
/// character is its own lowercase ([`is_own_lowercase`]: CJK, Hangul). `None` for others,
/// which take the general way.
fn letter_fold(code: u32) -> Option<char> {
    if code as usize >= SMALL_FOLD_END {
        return char::from_u32(code).filter(|&c| is_own_lowercase(c));
    }
    // 0 where the general way must fold the character (ASCII, separators, longer folds).
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..SMALL_FOLD_END as u32)
            .map(|code| match char::from_u32(code) {
                Some(c) if c.is_ascii() => 0,
                Some('\u{2019}') => u16::from(b'\''),
                Some('\u{131}' | '\u{130}') => u16::from(b'i'),
                Some(c) => match small_fold(c) {
                    Some(CharFold::Lower(lower)) => u16::try_from(u32::from(lower)).unwrap_or(0),
                    _ => 0,
                },
                None => 0,
            })
            .collect()
    });
    match *table.get(code as usize)? {
        0 => None,
        folded => char::from_u32(u32::from(folded)),
    }
}

impl Iterator for Folded<'_> {
    /// A character of the normal form and the source offset it came from.
    type Item = (char, usize);

    #[inline]
    fn next(&mut self) -> Option<(char, usize)> {
        while self.ready_next == self.ready_len {
            let &byte = self.source.as_bytes().get(self.pos)?;
            // Most characters are ASCII letters and digits, which fold to themselves
            // (lowercased), and spaces: no queue for them.
            if byte.is_ascii_alphanumeric() {
                if std::mem::take(&mut self.pending_space) {
                    // The space before the letter, which comes next call.
                    return Some((' ', self.pos));
                }
                self.pos += 1;
                self.started = true;
                return Some((char::from(byte.to_ascii_lowercase()), self.pos - 1));
            }
            if byte == b' ' {
                self.pos += 1;
                self.separator();
                continue;
            }
            self.ready_next = 0;
            self.ready_len = 0;
            self.read();
        }
        let item = self.ready[usize::from(self.ready_next)];
        self.ready_next += 1;
        self.started = true;
        Some(item)
    }
}

/// Characters that are their own lowercase, known without Unicode's case table (a search
/// per character): scripts without case (Hebrew, Arabic, Thai, CJK, kana, Hangul) and
/// lowercase Cyrillic, which make up most non-Latin text of the pages.
pub(crate) fn is_own_lowercase(c: char) -> bool {
    matches!(
        c,
        '\u{0430}'..='\u{045F}'
            | '\u{0590}'..='\u{06FF}'
            | '\u{0E00}'..='\u{0E7F}'
            | '\u{3001}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7AF}'
    )
}

/// Folds a phrase of the tables (allocating: done once per phrase at start-up).
pub(crate) fn normalize(source: &str) -> String {
    let mut out = Normalized { text: String::new(), whole_chrome_phrase: None };
    normalize_into(source, &mut out);
    out.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_spacing() {
        assert_eq!(normalize("  Notify\u{a0} of  "), "notify of");
        assert_eq!(normalize("Inline\tFeedbacks"), "inline feedbacks");
        assert_eq!(normalize("ÉVALUATION de l’article"), "évaluation de l'article");
        assert_eq!(normalize("YANITLA"), normalize("Yanıtla"));
        // The ideographic space separates, also on the fast fold's path.
        assert_eq!(normalize("回复\u{3000}回复 a\u{3000}"), "回复 回复 a");
    }

    #[test]
    fn folds_markup() {
        assert_eq!(normalize("Name\\*"), "name");
        assert_eq!(normalize("[                    ] Name*"), "name");
        assert_eq!(normalize("Label [                    ]"), "label");
        assert_eq!(normalize("[*] [Post Comment]"), "post comment");
        assert_eq!(normalize("__Inline Feedbacks"), "inline feedbacks");
        assert_eq!(normalize("Sort by:   newest | oldest | most voted"), "sort by newest oldest most voted");
        assert_eq!(normalize("[Newest]{.wpdiscuz-sort-button data-sorting=\"newest\"}"), "newest");
        assert_eq!(normalize("[417]{.wpdtc title=\"417\"} Comments"), "417 comments");
        assert_eq!(normalize("\\[wpDiscuz\\](javascript:void(0);)"), "wpdiscuz");
        assert_eq!(normalize("![guest](https://x/a.png)"), "guest");
        assert_eq!(normalize("[54]Share On Twitter [55]Share On Google"), "share on twitter share on google");
        assert_eq!(normalize("[12]Login"), "login");
    }

    #[test]
    fn plain_bytes_fold_to_their_lowercase() {
        assert_eq!(plain_fold(b'A'), Some(b'a'));
        assert_eq!(plain_fold(b'z'), Some(b'z'));
        assert_eq!(plain_fold(b'7'), Some(b'7'));
        assert_eq!(plain_fold(b'\''), Some(b'\''));
        for byte in [b' ', b'\t', b'*', b'[', b'(', b'{', b':', 0, 0x7f, 0xc3] {
            assert_eq!(plain_fold(byte), None, "{byte}");
        }
        for byte in 0..=u8::MAX {
            assert_eq!(plain_fold(byte).is_some(), is_plain_ascii(byte), "{byte}");
        }
    }

    #[test]
    fn plain_text_is_single_spaced_plain_ascii() {
        for text in ["Notify of", "Leave a Reply", "x", "it's 4.5 -- ok"] {
            assert!(is_plain_text(text), "{text}");
        }
        for text in ["", " a", "a ", "a  b", "a\tb", "Name*", "[x]", "Zoë", "a\u{a0}b", "(BUTTON)", "{}"] {
            assert!(!is_plain_text(text), "{text:?}");
        }
    }

    #[test]
    fn link_references_are_lynx_link_numbers() {
        assert_eq!(link_reference_len("[36]Nam Vũ"), Some(4));
        assert_eq!(link_reference_len("[7]x"), Some(3));
        for text in
            ["[1] see", "[1](url)", "[1]: url", "[1][2]", "[417]{.wpdtc}", "[1]", "[]x", "[a]x", "x[1]y"]
        {
            assert_eq!(link_reference_len(text), None, "{text}");
        }
    }

    #[test]
    fn keeps_editor_buttons() {
        assert_eq!(normalize("{}"), "{}");
        assert_eq!(normalize("{} [+]"), "{} +");
        assert_eq!(normalize("[+]"), "+");
        assert_eq!(normalize("Δ[                                             ]"), "δ");
        assert_eq!(normalize("{} (BUTTON) [+]"), "{} +");
        assert_eq!(normalize("(BUTTON) (BUTTON) (ordered) (bullet)"), "");
    }

    #[test]
    fn maps_back_to_source_offsets() {
        let source = "Reply to\u{a0} Bob";
        let mut n = Normalized::default();
        normalize_into(source, &mut n);
        assert_eq!(n.text, "reply to bob");
        // "reply to" ends at normalized byte 8; a folded space maps to the next kept
        // character, so the rest starts in the source at "Bob".
        assert_eq!(source_offset(source, 8), 11);
        assert_eq!(source_offset(source, 9), 11);
        assert_eq!(source_offset(source, n.text.len()), source.len());
    }

    #[test]
    fn own_lowercase_ranges_are_their_own_lowercase() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_own_lowercase(c)) {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    /// What a [`CharFold`] stands for: `None` for a separator, else the characters.
    fn fold_chars(fold: CharFold) -> Option<Vec<char>> {
        match fold {
            CharFold::Separator => None,
            CharFold::Lower(lower) => Some(vec![lower]),
            CharFold::Lowercase(lower) => Some(lower.collect()),
        }
    }

    /// The table of small characters folds them as Unicode's tables do, and covers every
    /// one but those with a longer lowercase (`İ`).
    #[test]
    fn small_fold_is_the_general_fold() {
        let mut covered = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if let Some(fold) = small_fold(c) {
                assert_eq!(fold_chars(fold), fold_chars(char_fold(c)), "{c:?}");
                covered += 1;
            }
        }
        // All below SMALL_FOLD_END but `İ` and NUL (whose entry would be the marker 0).
        assert_eq!(covered, SMALL_FOLD_END - 2);
    }

    /// The fast fold of whole runs gives what folding one character at a time gives, also
    /// when resumed after some characters were taken one at a time.
    #[test]
    fn fast_fold_agrees_with_the_character_fold() {
        let samples = [
            "Reply to\u{a0} Bob",
            "  Notify\u{a0} of  ",
            "[417]{.wpdtc title=\"417\"} Comments",
            "Sort by:   newest | oldest | most voted",
            "ÉVALUATION de l’article!",
            "Wow! ![x](y) (BUTTON) (Hello) {} {.a} İstanbul ıi",
            "[54]Share On Twitter [55]Share On Google",
            "a\tb\u{b}c\u{1f}d\u{200b}e\u{feff}f  ",
            "__Inline Feedbacks",
            "Δ[                                             ]",
            "ΣΧΌΛΙΑ Ответить 回复 Trả lời",
            "](",
            "\\",
        ];
        for sample in samples {
            for taken in 0..6 {
                let mut one_by_one = Folded::new(sample);
                let mut expected = String::new();
                let mut fast = String::new();
                for _ in 0..taken {
                    if let Some((c, _)) = one_by_one.next() {
                        expected.push(c);
                        fast.push(c);
                    }
                }
                one_by_one.clone().fold_rest_into(&mut fast);
                expected.extend(one_by_one.map(|(c, _)| c));
                assert_eq!(fast, expected, "{sample:?} after {taken}");
            }
        }
    }

    /// The quick way for letters outside ASCII ([`Folded::letter_at`]) folds every character
    /// as the general way does, alone, after a letter, after a separator, and before one.
    #[test]
    fn letters_fold_as_the_general_way_folds_them() {
        let mut quick = 0;
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            for sample in [format!("{c}"), format!("a{c}"), format!("a {c}b"), format!("{c}\u{a0}b")] {
                let mut fast = String::new();
                Folded::new(&sample).fold_rest_into(&mut fast);
                let expected: String = Folded::new(&sample).map(|(c, _)| c).collect();
                assert_eq!(fast, expected, "{c:?} in {sample:?}");
            }
            quick += usize::from(letter_fold(u32::from(c)).is_some());
        }
        assert!(quick > 40_000, "{quick} characters folded the quick way");
    }

    proptest::proptest! {
        #[test]
        fn fast_fold_agrees_on_any_text(
            sample in "([a-zA-Z0-9 .,'\\[\\](){}!*_|:\\\\\t\u{a0}\u{200b}éÉİı’Ω回]|\\PC){0,48}",
            taken in 0usize..8,
        ) {
            let mut one_by_one = Folded::new(&sample);
            let mut expected = String::new();
            for _ in 0..taken {
                if let Some((c, _)) = one_by_one.next() {
                    expected.push(c);
                }
            }
            let mut fast = expected.clone();
            one_by_one.clone().fold_rest_into(&mut fast);
            expected.extend(one_by_one.map(|(c, _)| c));
            proptest::prop_assert_eq!(fast, expected);
        }
    }

    proptest::proptest! {
        /// `normalize_into`, with its shortcut for plain text, is the character fold.
        #[test]
        fn normalize_into_is_the_character_fold(
            sample in "([a-zA-Z0-9 .,'\\[\\](){}!*_|:\\\\\t\u{a0}éÉ’]|\\PC){0,24}",
        ) {
            let mut out = Normalized::default();
            normalize_into(&sample, &mut out);
            let folded: String = Folded::new(&sample).map(|(c, _)| c).collect();
            proptest::prop_assert_eq!(out.text, folded);
        }
    }

    #[test]
    fn unbalanced_markup_does_not_panic() {
        for s in ["](", "{", "[x](y", "{.a", "]((((", "!", "\\"] {
            let _ = normalize(s);
        }
    }
}

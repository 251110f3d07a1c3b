//! The input layer: UTF-8 and BOM handling, and the line walker.
//!
//! Lines end at LF, CRLF or a lone CR. The walker yields each line's byte range without
//! copying; finding line ends is the only work that touches every byte.

use crate::error::{Error, ErrorKind, Position};

const BOM: &str = "\u{feff}";

/// Validates UTF-8, reporting the first bad byte's position.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let pos = Position::of(bytes, at);
        let message = match e.error_len() {
            Some(_) => format!("invalid UTF-8 byte 0x{:02x}", bytes[at]),
            None => "incomplete UTF-8 sequence at the end of the input".to_owned(),
        };
        Error::new(ErrorKind::InvalidUtf8, message, pos)
    })
}

/// The longest input the parser takes, in bytes: 4 GiB less two. The records it keeps
/// per line and per comment hold line numbers and offsets in 32 bits, which halves them.
pub const MAX_INPUT_LEN: usize = u32::MAX as usize - 1;

/// Refuses an input longer than [`MAX_INPUT_LEN`], at its start (the size is the problem,
/// not a place in it; and finding the line of the 4 GiB mark would read all of it).
pub(crate) fn check_size(input: &str) -> Result<(), Error> {
    if input.len() <= MAX_INPUT_LEN {
        return Ok(());
    }
    let pos = Position::of(input.as_bytes(), 0);
    let message = format!("input is {} bytes, more than the {MAX_INPUT_LEN} the parser takes", input.len());
    Err(Error::new(ErrorKind::TooLarge, message, pos))
}

/// Where `slice` starts within `text`, if it is a part of it (the parser's output is
/// slices of its input; this finds where they are without searching).
pub(crate) fn offset_within(slice: &str, text: &str) -> Option<usize> {
    let (at, start) = (slice.as_ptr() as usize, text.as_ptr() as usize);
    (at >= start && at + slice.len() <= start + text.len()).then(|| at - start)
}

/// Byte offset where the content starts: after a UTF-8 byte-order mark, if any.
pub(crate) fn content_start(input: &str) -> usize {
    if input.starts_with(BOM) {
        BOM.len()
    } else {
        0
    }
}

/// One line of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawLine<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Offset of the line's first byte.
    pub start: usize,
    /// The line without its line ending.
    pub text: &'a str,
}

impl RawLine<'_> {
    /// Offset one past the line's last byte, line ending excluded.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Iterator over the lines of `input` from byte `start`.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a> {
    input: &'a str,
    pos: usize,
    number: usize,
}

impl<'a> Lines<'a> {
    pub fn new(input: &'a str, start: usize) -> Self {
        Lines { input, pos: start, number: 0 }
    }
}

impl<'a> Lines<'a> {
    /// An iterator that starts again at `line` (which it yields first).
    pub fn resume(input: &'a str, line: &RawLine<'a>) -> Self {
        Lines { input, pos: line.start, number: line.number - 1 }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = RawLine<'a>;

    // Always inlined: with the kept searcher inside, a plain `#[inline]` left the walker
    // outside `classify_all`'s loop, a call per line (+1.5 M instructions on the bench pages).
    #[inline(always)]
    fn next(&mut self) -> Option<RawLine<'a>> {
        self.next_by(BreakFinder::detected())
    }
}

impl<'a> Lines<'a> {
    /// The next line, its break found by `breaks`.
    #[inline(always)]
    fn next_by(&mut self, breaks: &BreakFinder) -> Option<RawLine<'a>> {
        let bytes = self.input.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        let rest = &bytes[start..];
        let (len, next) = match breaks.line_break(rest) {
            Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => (i, i + 2),
            Some(i) => (i, i + 1),
            None => (rest.len(), rest.len()),
        };
        self.pos = start + next;
        self.number += 1;
        Some(RawLine { number: self.number, start, text: &self.input[start..start + len] })
    }
}

impl Lines<'_> {
    /// Steps over the next line if it is blank for the parser, empty or ASCII spaces alone,
    /// giving its number and the offset of its trimmed (empty) text, past the spaces: half
    /// the lines of a dump are blank, most of them empty, and they need no text. Lines of
    /// spaces alone (a text browser's indentation with nothing after; ~7% of the lines of the
    /// bench pages) are told here, where the line's first bytes are read anyway, rather than
    /// after a search for their line break and a trim.
    ///
    /// An indented line that is not blank loses its leading spaces instead:
    /// the next [`Lines::next`] yields it from its first other byte, so neither the search
    /// for its break nor the trim reads them again (the parser trims every line it keeps,
    /// and indentation is no part of its text).
    #[inline]
    pub fn next_if_blank(&mut self) -> Option<(usize, usize)> {
        let bytes = self.input.as_bytes();
        // Empty lines are told by their first byte alone; indented text pays one more look,
        // past its spaces.
        let (at, len) = match bytes.get(self.pos) {
            Some(b'\n') => (self.pos, 1),
            Some(b'\r') => (self.pos, break_len(bytes, self.pos)?),
            Some(b' ') => {
                let mut at = self.pos + spaces_in_word(&bytes[self.pos..]);
                // A word of spaces alone: a text browser's deep indent (18 to 34 spaces
                // on the bench pages), counted on out of line.
                if at - self.pos == 8 {
                    at = spaces_end(bytes, at);
                }
                match break_len(bytes, at) {
                    Some(len) => (at, len),
                    // Spaces alone at the end of the input stay a line for `next` to yield.
                    None if at < bytes.len() => {
                        self.pos = at;
                        return None;
                    }
                    None => return None,
                }
            }
            _ => return None,
        };
        self.pos = at + len;
        self.number += 1;
        Some((self.number, at))
    }
}

/// Where the run of ASCII spaces at `at` ends: past whole words of them, then past the
/// spaces of the first word that has another byte.
#[inline(never)]
fn spaces_end(bytes: &[u8], mut at: usize) -> usize {
    loop {
        let spaces = spaces_in_word(&bytes[at..]);
        at += spaces;
        if spaces < 8 {
            return at;
        }
    }
}

/// The length of the line break at `at`, if one is there. The byte after is read only after
/// a `\r`.
#[inline(always)]
fn break_len(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at) {
        Some(b'\n') => Some(1),
        Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => Some(2),
        Some(b'\r') => Some(1),
        _ => None,
    }
}

/// The number of ASCII spaces `bytes` starts with, counted in its first eight bytes alone
/// (one comparison, and the first other byte found by its bit position): lines of spaces
/// alone have one to three, and indented text must pay little for the look.
#[inline(always)]
fn spaces_in_word(bytes: &[u8]) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    match bytes.get(..8) {
        // Little-endian: the lowest non-zero byte is the first that is no space.
        Some(chunk) => {
            ((u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ SPACES).trailing_zeros() / 8)
                as usize
        }
        None => bytes.iter().take_while(|&&b| b == b' ').count(),
    }
}

/// Finds line breaks. `memchr2` picks its vector code and builds its searcher on every
/// call, which costs a third of a search over an ordinary line: on x86-64 with AVX2 the
/// searcher is built once and kept; elsewhere `memchr2` does the work.
#[derive(Debug)]
struct BreakFinder {
    #[cfg(target_arch = "x86_64")]
    avx2: Option<memchr::arch::x86_64::avx2::memchr::Two>,
}

impl BreakFinder {
    /// The fastest finder this machine runs, built once.
    fn detected() -> &'static BreakFinder {
        static DETECTED: std::sync::OnceLock<BreakFinder> = std::sync::OnceLock::new();
        DETECTED.get_or_init(|| BreakFinder {
            #[cfg(target_arch = "x86_64")]
            avx2: memchr::arch::x86_64::avx2::memchr::Two::new(b'\n', b'\r'),
        })
    }

    /// The finder of machines without AVX2 (tests run it on every machine).
    #[cfg(test)]
    fn portable() -> BreakFinder {
        BreakFinder {
            #[cfg(target_arch = "x86_64")]
            avx2: None,
        }
    }

    /// The first `\n` or `\r` of `bytes`. Half the lines of a dump are blank, many of them
    /// empty: a break at once is told without the vector search, whose setup costs more.
    #[inline(always)]
    fn line_break(&self, bytes: &[u8]) -> Option<usize> {
        match bytes.first() {
            Some(b'\n' | b'\r') => Some(0),
            _ => self.search(bytes),
        }
    }

    #[inline(always)]
    fn search(&self, bytes: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = &self.avx2 {
            return avx2.find(bytes);
        }
        memchr::memchr2(b'\n', b'\r', bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both finders: the one this machine runs, and the portable one it would run without
    /// AVX2.
    fn finders() -> [&'static BreakFinder; 2] {
        static PORTABLE: std::sync::OnceLock<BreakFinder> = std::sync::OnceLock::new();
        [BreakFinder::detected(), PORTABLE.get_or_init(BreakFinder::portable)]
    }

    #[test]
    fn line_breaks_are_found_at_once_and_further_on() {
        for finder in finders() {
            for len in [1, 10, 15, 16, 17, 31, 32, 33, 60, 64, 65, 130] {
                for at in 0..len {
                    for byte in [b'\n', b'\r'] {
                        let mut bytes = vec![b'a'; len];
                        bytes[at] = byte;
                        assert_eq!(finder.line_break(&bytes), Some(at), "{at} of {len}");
                    }
                }
                assert_eq!(finder.line_break(&vec![b'a'; len]), None, "{len}");
            }
            assert_eq!(finder.line_break(b""), None);
        }
    }

    /// Each finder splits every test page (and every kind of line break) as a plain scan for
    /// `\n`, `\r\n` and `\r` does.
    #[test]
    fn finders_split_every_page_as_a_plain_scan() {
        fn plain_split(input: &str) -> Vec<(usize, &str)> {
            let bytes = input.as_bytes();
            let (mut lines, mut start, mut at) = (Vec::new(), 0, 0);
            while at < bytes.len() {
                if matches!(bytes[at], b'\n' | b'\r') {
                    lines.push((start, &input[start..at]));
                    at += if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { 2 } else { 1 };
                    start = at;
                } else {
                    at += 1;
                }
            }
            if start < bytes.len() {
                lines.push((start, &input[start..]));
            }
            lines
        }
        let mut pages = crate::test_pages::pages();
        pages.extend(["\n\r\n\r\r\n\na\r\n\r\r\n b\n\n\r", "\r", "\r\n", "\n", "", "x"].map(String::from));
        for finder in finders() {
            for page in &pages {
                let mut walker = Lines::new(page, 0);
                let lines: Vec<_> =
                    std::iter::from_fn(|| walker.next_by(finder)).map(|l| (l.start, l.text)).collect();
                assert_eq!(lines, plain_split(page));
            }
        }
    }

    fn texts(input: &str) -> Vec<&str> {
        Lines::new(input, content_start(input)).map(|l| l.text).collect()
    }

    #[test]
    fn splits_on_lf_crlf_and_lone_cr() {
        assert_eq!(texts("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(texts("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(texts("\r\n\r\n"), ["", ""]);
        assert_eq!(texts(""), Vec::<&str>::new());
    }

    #[test]
    fn numbers_and_offsets_agree() {
        let input = "ab\r\ncd\ref";
        let lines: Vec<_> = Lines::new(input, 0).collect();
        for line in &lines {
            assert_eq!(&input[line.start..line.end()], line.text);
        }
        assert_eq!(lines.iter().map(|l| l.number).collect::<Vec<_>>(), [1, 2, 3]);
    }

    /// Lines stepped over by `next_if_blank` are the lines `next` yields that are empty or
    /// spaces alone, at the same numbers, their text's offset past the spaces, on every test
    /// page (indented too) and on every kind of line break; the other lines are `next`'s
    /// without their leading spaces.
    #[test]
    fn blank_lines_are_stepped_over_as_next_reads_them() {
        fn walk(input: &str) -> Vec<(usize, usize, &str)> {
            let mut lines = Lines::new(input, 0);
            let mut seen = Vec::new();
            loop {
                if let Some((number, start)) = lines.next_if_blank() {
                    seen.push((number, start, ""));
                    continue;
                }
                let Some(line) = lines.next() else { break };
                seen.push((line.number, line.start, line.text));
            }
            seen
        }
        let mut pages = crate::test_pages::pages();
        let indented: Vec<String> =
            pages.iter().map(|page| page.lines().map(|line| format!("   {line}\n")).collect()).collect();
        pages.extend(indented);
        let spaces = ["", " ", "  ", "       ", "        ", "         ", &" ".repeat(16), &" ".repeat(17)];
        for run in spaces {
            for end in ["\n", "\r\n", "\r", ""] {
                pages.push(format!("{run}{end}{run}a{run}{end}{run}{end}{run}{end}"));
            }
        }
        pages.extend(["\n\r\n\r\r\n\na\r\n\r\r\n b\n\n\r", "\r", "\r\n", "\n", "", "  "].map(String::from));
        for page in &pages {
            let plain: Vec<_> = Lines::new(page, 0)
                .map(|l| match l.text.bytes().all(|b| b == b' ') {
                    // The last line of an input without a break is left to `next`.
                    true if l.end() < page.len() => (l.number, l.end(), ""),
                    _ => {
                        let indent = l.text.bytes().take_while(|&b| b == b' ').count();
                        match l.start + indent {
                            // Spaces alone that end the input are left whole.
                            at if at == page.len() => (l.number, l.start, l.text),
                            at => (l.number, at, &l.text[indent..]),
                        }
                    }
                })
                .collect();
            assert_eq!(walk(page), plain, "{page:?}");
        }
    }

    #[test]
    fn skips_bom() {
        assert_eq!(texts("\u{feff}x\ny"), ["x", "y"]);
        assert_eq!(content_start("\u{feff}x"), 3);
    }

    #[test]
    fn inputs_past_four_gigabytes_are_refused() {
        // Zeroed memory the parser only reads: the pages stay shared, not resident.
        let bytes = vec![0u8; MAX_INPUT_LEN + 1];
        let input = std::str::from_utf8(&bytes).expect("NUL is UTF-8");
        let error = check_size(input).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooLarge);
        assert_eq!((error.line(), error.column(), error.offset()), (1, 1, 0));
        assert!(check_size(&input[..MAX_INPUT_LEN]).is_ok());
        assert!(error.to_string().starts_with("input is 4294967295 bytes, more than"), "{error}");
    }

    #[test]
    fn utf8_errors_name_the_bad_byte() {
        let e = utf8(b"ok\nab\xffc").unwrap_err();
        assert_eq!(e.to_string(), "invalid UTF-8 byte 0xff at line 2 column 3");
        assert_eq!(e.offset(), 5);
    }
}

//! The nom rules for single line shapes. Each takes the whole (trimmed) line or its
//! normalized form and succeeds only if the entire line has the shape.
//!
//! The rules run on most lines of a page, so the hot ones are hand-written byte scans with
//! nom's signatures and errors (digits, brackets and signs are ASCII); the reference tests
//! check them against the combinator versions they replaced.

use nom::bytes::complete::take_while1;
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser};

type PResult<'a, T> = IResult<&'a str, T>;

/// A nom error of `kind` at `i`.
fn fail<T>(i: &str, kind: ErrorKind) -> PResult<'_, T> {
    Err(nom::Err::Error(Error::new(i, kind)))
}

/// The number of ASCII digits `i` starts with.
pub(super) fn digits_len(i: &str) -> usize {
    i.bytes().take_while(u8::is_ascii_digit).count()
}

/// The value of a run of ASCII digits, `None` past `u64::MAX` (what `str::parse` gives).
pub(super) fn digits_value(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0u64, |n, b| n.checked_mul(10)?.checked_add(u64::from(b - b'0')))
}

/// The leading digits of `i` (at least one) and their value, or nom's errors for `digit1`
/// (no digit) and `map_res` (too large for `T`), both at `i`.
fn leading_digits<T: TryFrom<u64>>(i: &str) -> PResult<'_, T> {
    let len = digits_len(i);
    if len == 0 {
        return fail(i, ErrorKind::Digit);
    }
    match digits_value(&i[..len]).and_then(|n| T::try_from(n).ok()) {
        Some(n) => Ok((&i[len..], n)),
        None => fail(i, ErrorKind::MapRes),
    }
}

/// An unsigned integer that fits in a u64.
fn uint(i: &str) -> PResult<'_, u64> {
    leading_digits(i)
}

/// A rating average: `4.5`, `3`, `0` (at most one decimal), in tenths.
pub(crate) fn rating_average(i: &str) -> PResult<'_, u32> {
    let (rest, whole) = leading_digits::<u32>(i)?;
    let (rest, tenth) = match *rest.as_bytes() {
        // PHP prints the rounded average with at most one decimal.
        [b'.', d, ref more @ ..] if d.is_ascii_digit() => {
            if more.first().is_some_and(u8::is_ascii_digit) {
                return fail(i, ErrorKind::Verify);
            }
            (&rest[2..], u32::from(d - b'0'))
        }
        _ => (rest, 0),
    };
    match whole.checked_mul(10).and_then(|t| t.checked_add(tenth)) {
        Some(t) => Ok((rest, t)),
        None => fail(i, ErrorKind::TooLarge),
    }
}

/// The numbers of a rating line, `4.5 2` in `4.5 2 votes`: average (tenths) and vote count,
/// then the rest of the line (the vote word), in normalized text.
pub(crate) fn rating_numbers(i: &str) -> PResult<'_, (u32, u64)> {
    let (rest, average) = rating_average(i)?;
    let after = skip_spaces(rest);
    if after.len() == rest.len() {
        return fail(rest, ErrorKind::Space);
    }
    let (rest, votes) = uint(after)?;
    Ok((rest.trim_start(), (average, votes)))
}

/// A count as wpDiscuz prints it: `14`, `1.2k`, `3m` (normalized, so lowercase), as a number.
pub(crate) fn count_number(i: &str) -> PResult<'_, u64> {
    let (rest, whole) = uint(i)?;
    let (rest, fraction) = match *rest.as_bytes() {
        [b'.', d, ..] if d.is_ascii_digit() => (&rest[1 + digits_len(&rest[1..])..], Some(d - b'0')),
        _ => (rest, None),
    };
    let (rest, scale) = scale(rest).unwrap_or((rest, 1));
    let fraction = match fraction {
        // `1.2K` is 1200: the fraction is in tenths of the unit.
        Some(f) if scale > 1 => u64::from(f) * (scale / 10),
        // A decimal without a unit is no count.
        Some(_) => return fail(i, ErrorKind::Verify),
        None => 0,
    };
    match whole.checked_mul(scale).and_then(|v| v.checked_add(fraction)) {
        Some(v) => Ok((rest, v)),
        None => fail(i, ErrorKind::TooLarge),
    }
}

/// The unit after a shortened number (`K`, `M`, German `Tsd.`, ...), any case, as a factor.
fn scale(i: &str) -> PResult<'_, u64> {
    let rest = skip_blank(i);
    // No unit is empty (the markers drop empty ones): the end of a line (`3`) has none, and
    // a unit's first byte must match before the rest is compared.
    let Some(first) = rest.as_bytes().first().map(u8::to_ascii_lowercase) else {
        return fail(i, ErrorKind::Tag);
    };
    let markers = crate::phrases::markers();
    if !markers.may_start_number_suffix(first) {
        return fail(i, ErrorKind::Tag); // most numbers: a date's `-`, most words
    }
    for (suffix, factor) in markers.number_suffixes() {
        if suffix.as_bytes().first().map(u8::to_ascii_lowercase) != Some(first) {
            continue;
        }
        let Some(head) = rest.get(..suffix.len()) else { continue };
        let after = &rest[suffix.len()..];
        if head.eq_ignore_ascii_case(suffix) && (after.is_empty() || after.starts_with(' ')) {
            return Ok((after, *factor));
        }
    }
    fail(i, ErrorKind::Tag)
}

/// `i` without the [`is_blank`] characters it starts with; ASCII spaces are skipped as bytes.
fn skip_blank(i: &str) -> &str {
    let spaces = i.bytes().take_while(|&b| b == b' ').count();
    let rest = &i[spaces..];
    match rest.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => rest,
        None => rest,
        Some(_) => rest.trim_start_matches(is_blank),
    }
}

/// An optional sign, `-`, `+` or the minus sign `−`.
fn sign(i: &str) -> PResult<'_, Option<char>> {
    let sign = match i.as_bytes().first() {
        Some(b'-') => '-',
        Some(b'+') => '+',
        Some(0xE2) if i.starts_with('\u{2212}') => '\u{2212}',
        _ => return Ok((i, None)),
    };
    Ok((&i[sign.len_utf8()..], Some(sign)))
}

/// A whole-line vote number under a comment: `0`, `5`, `-2`, `1.2K`, `1.2 Tsd.`.
pub(crate) fn vote_number(i: &str) -> Option<i64> {
    let (rest, sign) = sign(i).ok()?;
    let (rest, n) = count_number(rest).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let n = i64::try_from(n).ok()?;
    Some(if matches!(sign, Some('-' | '\u{2212}')) { -n } else { n })
}

/// What follows the leading number of `i` (a sign, digits, a `.` and digits), `None` when
/// it has no digits: read once, it tells which whole-line number rules can match. A vote
/// number needs it empty or a unit ([`may_be_unit`]), a rating average needs it empty;
/// most lines that start with a digit are dates (`12.03.2021`, `2021-03-12`) and fail both.
#[inline]
pub(crate) fn after_leading_number(i: &str) -> Option<&str> {
    let (unsigned, _) = sign(i).ok()?;
    let whole = digits_len(unsigned);
    if whole == 0 {
        return None;
    }
    let rest = &unsigned[whole..];
    Some(match *rest.as_bytes() {
        [b'.', d, ..] if d.is_ascii_digit() => &rest[1 + digits_len(&rest[1..])..],
        _ => rest,
    })
}

/// False when `rest`, the text after a number, is certainly no unit [`scale`] accepts that
/// ends the line (as in a vote number, `1.2 Tsd.`): after spaces, a visible ASCII byte must
/// start some unit and the text be no longer than the longest one (`3 months ago` is a
/// date); other bytes may be blanks [`skip_blank`] skips, so they say nothing.
#[inline]
pub(crate) fn may_be_unit(rest: &str) -> bool {
    let unit = rest.trim_start_matches(' ');
    match unit.as_bytes().first() {
        None => false,
        Some(&b) if b.is_ascii_graphic() => {
            let markers = crate::phrases::markers();
            unit.len() <= markers.longest_number_suffix() && markers.may_start_number_suffix(b)
        }
        Some(_) => true,
    }
}

/// A markdown heading, `## Title`: (level, title).
pub(crate) fn heading(i: &str) -> PResult<'_, (usize, &str)> {
    let hashes = i.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 {
        return fail(i, ErrorKind::TakeWhile1);
    }
    let rest = &i[hashes..];
    let after = skip_spaces(rest);
    if after.len() == rest.len() {
        return fail(rest, ErrorKind::Space);
    }
    let title = after.trim_end().trim_end_matches('#').trim_end();
    if hashes > 6 || title.is_empty() {
        return fail(i, ErrorKind::Verify);
    }
    Ok(("", (hashes, title)))
}

/// The `(url)` or `(url "title")` part of a markdown link, balanced parentheses inside the
/// URL allowed (`javascript:void(0);`): the URL.
fn link_target(i: &str) -> PResult<'_, &str> {
    let (rest, inner) = balanced(i, b'(', b')')?;
    Ok((rest, first_word(inner)))
}

/// The URL of the `(url)` part of a markdown link at the start of `i`, as [`link`] reads it.
pub(crate) fn link_url(i: &str) -> Option<&str> {
    link_target(i).ok().map(|(_, url)| url)
}

/// What follows the `(url)` part of a markdown link, for the rules that do not read the URL
/// (an image's source, a linked avatar's profile): [`link_target`] without looking for the
/// URL's end in it, a scan of every byte of a long URL.
fn link_target_end(i: &str) -> Result<&str, nom::Err<Error<&str>>> {
    balanced(i, b'(', b')').map(|(rest, _)| rest)
}

/// `text` up to its first whitespace character ([`char::is_whitespace`]), all of it if it
/// has none. URLs are long and have none: eight bytes are checked at a time for a control
/// character, a space or a non-ASCII byte, and only such a word is looked at closely.
fn first_word(text: &str) -> &str {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_ne_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        // Some byte is below `!` or not ASCII (a byte below 0x21 borrows, one above 0x7f
        // has its high bit); no false negatives, and the bytes are checked one by one next.
        if (word.wrapping_sub(ONES * 0x21) | word) & HIGH != 0 {
            if let Some(end) = whitespace_at(text, at, at + 8) {
                return &text[..end];
            }
        }
        at += 8;
    }
    whitespace_at(text, at, bytes.len()).map_or(text, |end| &text[..end])
}

/// The offset of the first whitespace character of `text` that starts in `from..to`.
fn whitespace_at(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    (from..to).find(|&at| match bytes[at] {
        b'\t'..=b'\r' | b' ' => true,
        // The first byte of a non-ASCII character (continuation bytes are 0x80..0xc0).
        0xC0.. => text[at..].chars().next().is_some_and(char::is_whitespace),
        _ => false,
    })
}

/// The bracketed text of a markdown link or image, `[...]`, nested brackets allowed.
fn link_text(i: &str) -> PResult<'_, &str> {
    balanced(i, b'[', b']')
}

/// The content between an opening bracket at the start of `i` and its matching close, and
/// the rest after the close. A backslash escapes the character after it. The brackets and
/// the backslash are ASCII, so the scan jumps between them ([`memchr::memchr3`]) over bytes:
/// no UTF-8 continuation byte equals one of them.
fn balanced(i: &str, open: u8, close: u8) -> PResult<'_, &str> {
    let bytes = i.as_bytes();
    if bytes.first() != Some(&open) {
        return fail(i, ErrorKind::Char);
    }
    let mut depth = 1usize;
    let mut at = 1;
    while let Some(found) = bytes.get(at..).and_then(|rest| memchr::memchr3(b'\\', open, close, rest)) {
        let found = at + found;
        at = found + 1;
        match bytes[found] {
            b'\\' => at += 1,
            b if b == open => depth += 1,
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Ok((&i[at..], &i[1..found]));
                }
            }
        }
    }
    fail(i, ErrorKind::Char)
}

/// A pandoc attribute block after a span or image: `{.avatar width="56"}`.
fn attributes(i: &str) -> PResult<'_, &str> {
    let (rest, _) = balanced(i, b'{', b'}')?;
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// `i` without the spaces and tabs it starts with (nom's `space0`).
fn skip_spaces(i: &str) -> &str {
    &i[i.bytes().take_while(|&b| b == b' ' || b == b'\t').count()..]
}

/// A markdown image `![alt](url)`, optionally with pandoc attributes: the alt text.
pub(crate) fn image(i: &str) -> PResult<'_, &str> {
    let Some(bracketed) = i.strip_prefix('!') else {
        return fail(i, ErrorKind::Tag);
    };
    let (rest, alt_text) = link_text(bracketed)?;
    let rest = link_target_end(rest)?;
    let rest = attributes(rest).map_or(rest, |(rest, _)| rest);
    Ok((rest, alt_text))
}

/// A whole-line avatar: an image, or an image wrapped in a link (`[![alt](src)](href)`):
/// the alt text.
pub(crate) fn avatar(i: &str) -> PResult<'_, &str> {
    let line = skip_spaces(i);
    avatar_alone(if line.starts_with('!') { image(line)? } else { linked_image(line)? })
}

/// [`avatar`] for a line that starts with `[`, past its bracketed text ([`markup_opening`]
/// read it): a linked avatar's alt text.
pub(crate) fn linked_avatar_after_text(bracketed: Bracketed<'_>) -> PResult<'_, &str> {
    avatar_alone(linked_image_after_text(bracketed)?)
}

/// [`avatar`]'s end: the alt text, when only spaces follow the image.
fn avatar_alone<'a>((rest, alt_text): (&'a str, &'a str)) -> PResult<'a, &'a str> {
    let rest = skip_spaces(rest);
    if !rest.is_empty() {
        return fail(rest, ErrorKind::Eof);
    }
    Ok((rest, alt_text))
}

/// An image wrapped in a link, `[![alt](src)](href)`, spaces allowed around the image and
/// pandoc attributes after the link (`](/author/x/){target="_blank"}`): the alt text.
fn linked_image(i: &str) -> PResult<'_, &str> {
    linked_image_after_text(link_text(i)?)
}

/// [`linked_image`] past the link's bracketed text.
fn linked_image_after_text((rest, inner): Bracketed<'_>) -> PResult<'_, &str> {
    let (after, alt_text) = image(skip_spaces(inner))?;
    let after = skip_spaces(after);
    if !after.is_empty() {
        return fail(after, ErrorKind::Eof);
    }
    let rest = link_target_end(rest)?;
    let rest = attributes(rest).map_or(rest, |(rest, _)| rest);
    Ok((rest, alt_text))
}

/// A whole-line markdown link `[text](url)` (escaped brackets `\[text\](url)` too):
/// (text, url).
pub(crate) fn link(i: &str) -> PResult<'_, (&str, &str)> {
    let line = skip_spaces(i);
    let bracketed = match line.strip_prefix("\\[") {
        // The escaped text ends at the first backslash, which must start `\]`.
        Some(escaped) => {
            let end = memchr::memchr(b'\\', escaped.as_bytes()).unwrap_or(escaped.len());
            match escaped[end..].strip_prefix("\\]") {
                Some(rest) => (rest, &escaped[..end]),
                None => return fail(&escaped[end..], ErrorKind::Tag),
            }
        }
        None => link_text(line)?,
    };
    link_alone(link_after_text(bracketed)?)
}

/// The first link of `i`, which starts with its `[`: (text, url), and what follows it past
/// its attribute block if it has one. The first step of both [`link`] and [`link_row`]:
/// read once, it tells which of them the line may be ([`link_alone`], [`link_row_after`]).
pub(crate) fn opening_link(i: &str) -> PResult<'_, (&str, &str)> {
    link_after_text(link_text(i)?)
}

/// [`opening_link`] past the link's bracketed text ([`markup_opening`] read it).
pub(crate) fn link_after_text((rest, text): Bracketed<'_>) -> PResult<'_, (&str, &str)> {
    let (rest, url) = link_target(rest)?;
    Ok((attributes(rest).map_or(rest, |(rest, _)| rest), (text, url)))
}

/// [`link`]'s end: the link, when only spaces follow it.
pub(crate) fn link_alone<'a>((rest, link): (&'a str, (&'a str, &'a str))) -> PResult<'a, (&'a str, &'a str)> {
    let rest = skip_spaces(rest);
    if !rest.is_empty() {
        return fail(rest, ErrorKind::Eof);
    }
    Ok((rest, link))
}

/// A line of nothing but links (`[__](url)[__](url)`, html2text's icon links, or a share
/// block `[ __Share On\nTwitter](url)[ __Share On\nGoogle](url) ___`): their (text, url)
/// pairs, at most [`LinkRow::MAX`] (kept inline: no allocation). Spaces and `_` icon
/// residue may stand between and after them, and each link may carry pandoc attributes
/// (`[](url "Share On Twitter"){.wc_tw rel="noreferrer"}`: pandoc's share row).
pub(crate) fn link_row(i: &str) -> PResult<'_, LinkRow<'_>> {
    match opening_link(skip_residue(i)) {
        Ok(first) => link_row_after(first),
        Err(_) => fail(i, ErrorKind::Many1),
    }
}

/// The rest of a [`link_row`] after its first link ([`opening_link`]'s result): the row.
pub(crate) fn link_row_after<'a>(
    (mut rest, first): (&'a str, (&'a str, &'a str)),
) -> PResult<'a, LinkRow<'a>> {
    let mut row = LinkRow::default();
    row.push(first);
    while let Ok((after, link)) = opening_link(skip_residue(rest)) {
        row.push(link);
        rest = after;
    }
    let rest = skip_residue(rest);
    if row.overflow {
        return fail(rest, ErrorKind::TooLarge);
    }
    if !rest.is_empty() {
        return fail(rest, ErrorKind::Eof);
    }
    Ok((rest, row))
}

/// `i` without the spaces and `_` icon residue it starts with.
fn skip_residue(i: &str) -> &str {
    i.trim_start_matches(|c: char| c == '_' || is_blank(c))
}

/// The links of a [`link_row`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LinkRow<'a> {
    links: [(&'a str, &'a str); LinkRow::MAX],
    len: usize,
    overflow: bool,
}

impl<'a> LinkRow<'a> {
    /// The most links a row may have (share rows have a handful).
    pub const MAX: usize = 8;

    fn push(&mut self, link: (&'a str, &'a str)) {
        match self.links.get_mut(self.len) {
            Some(slot) => {
                *slot = link;
                self.len += 1;
            }
            None => self.overflow = true,
        }
    }

    /// The (text, url) pairs.
    pub fn links(&self) -> &[(&'a str, &'a str)] {
        &self.links[..self.len]
    }
}

/// The markup a line that starts with `!`, `\` or `[` may be, as far as [`avatar`],
/// [`link`], [`link_row`], [`span`] and [`span_pair`] are concerned: the rules of other
/// shapes cannot match it. After a `[`, what follows the first bracketed text tells, which
/// each bracket rule reads first: a link target `(` (with an image inside for a linked
/// avatar) or an attribute block `{`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum MarkupShape {
    /// `![`: an image, [`avatar`]'s.
    Image,
    /// `[`, an image inside, `](`: a linked avatar, or a link ([`avatar`], [`link`],
    /// [`link_row`]).
    LinkedImage,
    /// `[text](` or `\[`: a link or a row of links ([`link`], [`link_row`]).
    Link,
    /// `[text]{`: pandoc spans ([`span`], [`span_pair`]).
    Span,
    /// None of them: text that opens with a bracket (`[…] Honestly, ...`).
    Text,
}

/// The [`MarkupShape`] of `i`, a line that starts with `!`, `\` or `[` (`Text` for others):
/// one scan of its first bracket instead of one per rule.
#[cfg(test)]
pub(crate) fn markup_shape(i: &str) -> MarkupShape {
    markup_opening(i).0
}

/// The first bracketed text of a line that starts with `[` and what follows it
/// ([`link_text`]'s result), as [`markup_shape`] read it: the first step of a link's rules
/// ([`link_after_text`]), not taken twice.
pub(crate) type Bracketed<'a> = (&'a str, &'a str);

/// [`markup_shape`], and the line's first bracketed text when it starts with one.
pub(crate) fn markup_opening(i: &str) -> (MarkupShape, Option<Bracketed<'_>>) {
    match i.as_bytes().first() {
        Some(b'!') => (MarkupShape::Image, None),
        Some(b'\\') => (MarkupShape::Link, None),
        Some(b'[') => match link_text(i) {
            Ok(bracketed @ (rest, text)) => {
                let shape = match rest.as_bytes().first() {
                    Some(b'(') if skip_spaces(text).starts_with('!') => MarkupShape::LinkedImage,
                    Some(b'(') => MarkupShape::Link,
                    Some(b'{') => MarkupShape::Span,
                    _ => MarkupShape::Text,
                };
                (shape, Some(bracketed))
            }
            Err(_) => (MarkupShape::Text, None),
        },
        _ => (MarkupShape::Text, None),
    }
}

/// An empty pandoc link or span, `[](url){.nav-link}`, `[ ]{.icon}`, `[](url)`: pandoc writes
/// one only with a target, attributes or both, so one of them is required.
pub(crate) fn empty_link(i: &str) -> PResult<'_, ()> {
    let (rest, text) = link_text(i)?;
    if !text.trim().is_empty() {
        return fail(i, ErrorKind::Verify);
    }
    let target = link_target_end(rest).ok();
    let attributes = attributes(target.unwrap_or(rest)).map(|(rest, _)| rest).ok();
    match attributes.or(target) {
        Some(rest) => Ok((rest, ())),
        None => fail(i, ErrorKind::Verify),
    }
}

/// A whole-line pandoc bracketed span, `[5]{.wpdrv}` (pandoc keeps a `<span>` with a class
/// this way): its text. The attribute block is required: without it `[12]` is lynx's link
/// number or a checkbox mark.
#[cfg(test)]
pub(crate) fn span(i: &str) -> PResult<'_, &str> {
    span_alone(span_after_text(link_text(skip_spaces(i))?)?)
}

/// The first span of a line past its bracketed text ([`markup_opening`] read it): its text
/// and what follows its attribute block. The first step of both [`span`] and [`span_pair`]
/// ([`span_alone`], [`span_pair_after`]).
pub(crate) fn span_after_text((rest, text): Bracketed<'_>) -> PResult<'_, &str> {
    let (rest, _) = attributes(rest)?;
    Ok((rest, text))
}

/// [`span`]'s end: the span's text, when only spaces follow it.
pub(crate) fn span_alone<'a>((rest, text): Bracketed<'a>) -> PResult<'a, &'a str> {
    let rest = skip_spaces(rest);
    if !rest.is_empty() {
        return fail(rest, ErrorKind::Eof);
    }
    Ok((rest, text))
}

/// Two pandoc bracketed spans that make up a line, as layout 3 prints a reply's marker and
/// date in one block: `[ Reply to  [Andi](#comment-9380) ]{.wpd-reply-to} [ 1 year
/// ago ]{.wpd-comment-date title="..."}` (pandoc may wrap anywhere between the brackets):
/// the two texts.
#[cfg(test)]
pub(crate) fn span_pair(i: &str) -> PResult<'_, (&str, &str)> {
    span_pair_after(span_after_text(link_text(skip_spaces(i))?)?)
}

/// The rest of a [`span_pair`] after its first span ([`span_after_text`]'s result).
pub(crate) fn span_pair_after<'a>((rest, first): Bracketed<'a>) -> PResult<'a, (&'a str, &'a str)> {
    let after_first = rest.trim_start_matches(is_blank);
    if after_first.len() == rest.len() {
        return fail(rest, ErrorKind::Space);
    }
    let (rest, second) = link_text(after_first)?;
    let (rest, _) = attributes(rest)?;
    if !rest.trim_start_matches(is_blank).is_empty() {
        return fail(rest, ErrorKind::Eof);
    }
    Ok(("", (first, second)))
}

/// The bytes of `text` in markup that carries no words: markdown images (`![](data:...)`,
/// all but their alt text) and pandoc attribute blocks (`{.wpdiscuz-sort-button .x}` after
/// a span's or link's closing `]` or `)`), brackets included. An unclosed attribute block
/// runs to the end. Links keep their targets: a long line of linked prose stays long.
pub(crate) fn wordless_markup_bytes(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut total = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr2(b'{', b'!', &bytes[at..]) {
        let open = at + found;
        at = open + 1;
        if bytes[open] == b'!' {
            if let Ok((rest, alt)) = image(&text[open..]) {
                let len = text.len() - open - rest.len();
                total += len - alt.len();
                at = open + len;
            }
            continue;
        }
        if open == 0 || !matches!(bytes[open - 1], b']' | b')') {
            continue;
        }
        let len = balanced(&text[open..], b'{', b'}')
            .map_or(text.len() - open, |(rest, _)| text.len() - open - rest.len());
        total += len;
        at = open + len;
    }
    total
}

/// True when `text` ends inside a pandoc attribute block (its last `{` follows a `]` or `)`
/// and nothing closes it): pandoc wrapped the block, and the next lines hold the rest of it
/// (`\| [oldest]{.wpdiscuz-sort-button` / `.wpdiscuz-sort-button-active} \| [most
/// voted]{...}`).
pub(crate) fn leaves_attributes_open(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(open) = memchr::memrchr(b'{', bytes) else { return false };
    open > 0 && matches!(bytes[open - 1], b']' | b')') && memchr::memchr(b'}', &bytes[open..]).is_none()
}

/// A pandoc fenced-div line, `::: {#wpdcom .wpd-default}` or a bare `:::`: its attributes.
pub(crate) fn fence(i: &str) -> PResult<'_, &str> {
    let (rest, colons) = take_while1(|c| c == ':').parse(i)?;
    if colons.len() < 3 {
        return fail(i, ErrorKind::Tag);
    }
    Ok(("", rest.trim()))
}

/// `text` without the link number lynx prints before a link's text (`[36]Nam Vũ`), if it
/// starts with one ([`crate::phrases::link_reference_len`]).
pub(crate) fn without_link_reference(text: &str) -> &str {
    crate::phrases::link_reference_len(text).map_or(text, |len| &text[len..])
}

/// Text-browser and html2text residue around a line: `__` icon glyphs, empty form widgets
/// `[    ]`, checkbox marks `[*]`, lynx's link numbers `[12]`. Returns the line without them.
pub(crate) fn strip_residue(line: &str) -> &str {
    // Most lines start and end with a character none of the steps removes (callers pass
    // trimmed lines, so this holds for the line as given).
    if has_kept_edges(line) {
        return line;
    }
    strip_residue_steps(line)
}

/// True for a line that ends with a kept byte ([`is_kept_edge`]) and opens with a `[` before
/// a visible ASCII byte that starts neither a widget's inside nor a link number (`[Name](url)`,
/// `[__](url)`, `[![alt](src)](href)`): no step of [`strip_residue_steps`] removes anything
/// from it.
#[inline]
fn opens_link_text(line: &str) -> bool {
    match *line.as_bytes() {
        [b'[', second, .., last] => {
            is_kept_edge(last)
                && second.is_ascii_graphic()
                && !may_start_widget(second)
                && !matches!(second, b']' | b'0'..=b'9')
        }
        _ => false,
    }
}

/// [`strip_residue`] for a line that may have residue: strips until a round removes nothing.
/// Kept out of line, so that the common case is a check and a return.
#[inline(never)]
fn strip_residue_steps(line: &str) -> &str {
    // Most lines that get here are links: told at a look, not by a round of the steps.
    if opens_link_text(line) {
        return line;
    }
    let mut s = trim_blank(line);
    loop {
        if has_kept_edges(s) {
            return s;
        }
        let before = s.len();
        s = trim_blank(trim_icons(s));
        if let Some(rest) = widget_prefix(s) {
            s = rest.trim_start_matches(is_blank);
        }
        s = without_link_reference(s);
        if let Some(rest) = widget_suffix(s) {
            s = rest.trim_end_matches(is_blank);
        }
        if s.len() == before {
            return s;
        }
    }
}

/// `s` without `_` icon glyphs at either end.
fn trim_icons(s: &str) -> &str {
    let bytes = s.as_bytes();
    let start = bytes.iter().take_while(|&&b| b == b'_').count();
    let end = bytes.iter().rposition(|&b| b != b'_').map_or(start, |at| at + 1);
    &s[start..end]
}

/// An ASCII byte at either end of a line that neither trimming nor residue stripping removes:
/// visible and not `_`, `[`, `]`.
pub(super) fn is_kept_edge(byte: u8) -> bool {
    byte.is_ascii_graphic() && !matches!(byte, b'_' | b'[' | b']')
}

/// True if neither the first nor the last character of `line` is one that trimming or
/// residue stripping removes: each is an [`is_kept_edge`] byte or a non-ASCII character
/// that is not [`is_blank`] (only `_`, `[`, `]` and blanks start residue).
#[inline(always)]
fn has_kept_edges(line: &str) -> bool {
    match (line.as_bytes().first(), line.as_bytes().last()) {
        (Some(&first), Some(&last)) if is_kept_edge(first) && is_kept_edge(last) => true,
        (Some(&first), Some(&last)) if !first.is_ascii() || !last.is_ascii() => has_kept_char_edges(line),
        _ => false,
    }
}

/// [`has_kept_edges`] for a line with a non-ASCII end: decodes the character there.
fn has_kept_char_edges(line: &str) -> bool {
    let kept = |byte: u8, c: Option<char>| {
        if byte.is_ascii() {
            is_kept_edge(byte)
        } else {
            c.is_some_and(|c| !is_blank(c))
        }
    };
    let bytes = line.as_bytes();
    kept(bytes[0], line.chars().next()) && kept(bytes[bytes.len() - 1], line.chars().next_back())
}

/// `text` without [`is_blank`] characters at either end; most lines have none, and an ASCII
/// check of the two end bytes says so without decoding.
#[inline]
pub(crate) fn trim_blank(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        (Some(_), Some(_)) => trim_blank_ends(text),
        _ => text,
    }
}

/// [`trim_blank`] past the ASCII check: ASCII whitespace is skipped as bytes, and a
/// character is decoded only at an end that is not ASCII.
#[inline(never)]
fn trim_blank_ends(text: &str) -> &str {
    let is_ascii_blank = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = text.as_bytes();
    let mut start = leading_spaces(bytes);
    // Most lines that get here are indented text (a plain byte after the spaces and at the
    // end) or spaces alone.
    match (bytes.get(start), bytes.last()) {
        (None, _) => return &text[start..],
        (Some(&first), Some(_)) if starts_kept(first) && ends_kept(bytes) => return &text[start..],
        _ => {}
    }
    start += text[start..].bytes().take_while(is_ascii_blank).count();
    let mut text = &text[start..];
    if text.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
        text = text.trim_start_matches(is_blank);
    }
    let end = text.len() - text.bytes().rev().take_while(is_ascii_blank).count();
    text = &text[..end];
    if text.as_bytes().last().is_some_and(|b| !b.is_ascii()) {
        text = text.trim_end_matches(is_blank);
    }
    text
}

/// UTF-8 lead bytes of the non-ASCII [`is_blank`] characters: U+0085 and U+00A0 (`C2`),
/// U+1680 (`E1`), U+2000 to U+206F (`E2`), U+3000 (`E3`), U+FEFF (`EF`).
fn may_lead_blank(lead: u8) -> bool {
    matches!(lead, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef)
}

/// True when a character starting with byte `first` is no [`is_blank`] one, told from the
/// byte alone (text in other scripts, Cyrillic or Hebrew, starts with other lead bytes).
#[inline(always)]
fn starts_kept(first: u8) -> bool {
    first.is_ascii_graphic() || (first >= 0xc0 && !may_lead_blank(first))
}

/// True when the last character of `bytes` (a whole text) is surely no [`is_blank`] one,
/// told from its lead byte: two or three bytes back. False means: decode it.
#[inline(always)]
fn ends_kept(bytes: &[u8]) -> bool {
    let len = bytes.len();
    match bytes[len - 1] {
        last if last.is_ascii() => last.is_ascii_graphic(),
        _ if len >= 2 && bytes[len - 2] >= 0xc0 => !may_lead_blank(bytes[len - 2]),
        _ if len >= 3 && bytes[len - 3] >= 0xe0 => !may_lead_blank(bytes[len - 3]),
        _ => false,
    }
}

/// The number of ASCII spaces `bytes` starts with. Text browsers indent with long runs of
/// them: eight bytes are compared at a time, and the first other byte found by its bit
/// position.
fn leading_spaces(bytes: &[u8]) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let others = word ^ SPACES;
        if others != 0 {
            // Little-endian: the lowest non-zero byte is the first that is no space.
            return at + (others.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes[at..].iter().take_while(|&&b| b == b' ').count()
}

/// Whitespace as dumps print it, NBSP and zero-width characters included.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200b}' | '\u{feff}')
        // Bidirectional marks and embeddings that right-to-left pages wrap around numbers.
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `[    ]`, `[ ]`, `[*]`, `[X]` at the start of a line: the rest.
fn widget_prefix(s: &str) -> Option<&str> {
    let after = s.strip_prefix('[')?;
    // Link text (`[Name](url)`) is no widget: its first byte says so.
    if !after.as_bytes().first().is_some_and(|&b| may_start_widget(b) || b == b']') {
        return None;
    }
    // A widget's inside is blank but for one mark: read that far, not to the first `]` of a
    // long line (`[…] Honestly, ...`).
    let inside = after.trim_start();
    let rest = inside.strip_prefix(WIDGET_MARKS).unwrap_or(inside).trim_start().strip_prefix(']')?;
    // `[](url)` is an empty link, not a widget.
    (!rest.starts_with('(')).then_some(rest)
}

/// The same widget at the end of a line: the line before it.
fn widget_suffix(s: &str) -> Option<&str> {
    let before = s.strip_suffix(']')?;
    // `[+]` is no widget: its last byte before the bracket says so.
    if !before.as_bytes().last().is_some_and(|&b| may_start_widget(b) || b == b'[') {
        return None;
    }
    // Read back as far as a widget's inside goes, not to the last `[` of a long line.
    let inside = before.trim_end();
    inside.strip_suffix(WIDGET_MARKS).unwrap_or(inside).trim_end().strip_suffix('[')
}

/// The one mark a widget may hold between blanks (`[*]`, `[X]`); any other inside is no
/// widget's ([`str::trim`] blanks: `[ ]`, `[    ]`).
const WIDGET_MARKS: [char; 3] = ['*', 'X', 'x'];

/// False for a byte at either end of a bracket's inside that is no widget's: a visible ASCII
/// character other than the [`WIDGET_MARKS`] stays at that end after trimming.
fn may_start_widget(byte: u8) -> bool {
    !byte.is_ascii_graphic() || matches!(byte, b'*' | b'X' | b'x')
}

/// The number and the rest of a legacy footer line, `9  REPLY3 months 11 days ago`:
/// (votes, rest after the number).
pub(crate) fn leading_int(i: &str) -> PResult<'_, i64> {
    let (negative, unsigned) = i.strip_prefix('-').map_or((false, i), |rest| (true, rest));
    let len = digits_len(unsigned);
    if len == 0 {
        return fail(unsigned, ErrorKind::Digit);
    }
    let Some(n) = digits_value(&unsigned[..len]).and_then(|n| i64::try_from(n).ok()) else {
        return fail(i, ErrorKind::TooLarge);
    };
    let rest = unsigned[len..].trim_start_matches(is_blank);
    Ok((rest, if negative { -n } else { n }))
}

#[cfg(test)]
/// The rules as they were before the byte scans: nom combinators and `char` loops. The
/// property tests check the scans against them.
mod reference {
    use super::{is_blank, without_link_reference, LinkRow, PResult};
    use nom::branch::alt;
    use nom::bytes::complete::{tag, take_till, take_while, take_while1};
    use nom::character::complete::{char, digit1, space0, space1};
    use nom::combinator::{all_consuming, map_res, opt, recognize};
    use nom::sequence::{delimited, preceded};
    use nom::Parser;

    /// An unsigned integer that fits in a u64.
    fn uint(i: &str) -> PResult<'_, u64> {
        map_res(digit1, str::parse::<u64>).parse(i)
    }

    /// A rating average: `4.5`, `3`, `0` (at most one decimal), in tenths.
    pub(super) fn rating_average(i: &str) -> PResult<'_, u32> {
        let (rest, (whole, tenth)) = (
            map_res(digit1, str::parse::<u32>),
            opt(preceded(char('.'), take_while1(|c: char| c.is_ascii_digit()))),
        )
            .parse(i)?;
        let tenth = match tenth {
            None => 0,
            // PHP prints the rounded average with at most one decimal.
            Some(d) if d.len() == 1 => u32::from(d.as_bytes()[0] - b'0'),
            Some(_) => return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))),
        };
        match whole.checked_mul(10).and_then(|t| t.checked_add(tenth)) {
            Some(t) => Ok((rest, t)),
            None => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::TooLarge))),
        }
    }

    /// The numbers of a rating line, `4.5 2` in `4.5 2 votes`: average (tenths) and vote count,
    /// then the rest of the line (the vote word), in normalized text.
    pub(super) fn rating_numbers(i: &str) -> PResult<'_, (u32, u64)> {
        (rating_average, preceded(space1, uint)).parse(i).map(|(rest, v)| (rest.trim_start(), v))
    }

    /// A count as wpDiscuz prints it: `14`, `1.2k`, `3m` (normalized, so lowercase), as a number.
    pub(super) fn count_number(i: &str) -> PResult<'_, u64> {
        let (rest, (whole, fraction, scale)) =
            (uint, opt(preceded(char('.'), digit1)), opt(scale)).parse(i)?;
        let scale = scale.unwrap_or(1);
        let fraction = match (fraction, scale) {
            // `1.2K` is 1200: the fraction is in tenths of the unit.
            (Some(f), s) if s > 1 => u64::from(f.as_bytes()[0] - b'0') * (s / 10),
            // A decimal without a unit is no count.
            (Some(_), _) => {
                return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)))
            }
            (None, _) => 0,
        };
        let value = whole.checked_mul(scale).and_then(|v| v.checked_add(fraction));
        match value {
            Some(v) => Ok((rest, v)),
            None => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::TooLarge))),
        }
    }

    /// The unit after a shortened number (`K`, `M`, German `Tsd.`, ...), any case, as a factor.
    fn scale(i: &str) -> PResult<'_, u64> {
        let (rest, _) = take_while(is_blank).parse(i)?;
        for (suffix, factor) in crate::phrases::markers().number_suffixes() {
            let Some(head) = rest.get(..suffix.len()) else { continue };
            let after = &rest[suffix.len()..];
            if head.eq_ignore_ascii_case(suffix) && (after.is_empty() || after.starts_with(' ')) {
                return Ok((after, *factor));
            }
        }
        Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
    }

    /// An optional sign, `-`, `+` or the minus sign `−`.
    fn sign(i: &str) -> PResult<'_, Option<char>> {
        opt(alt((char('-'), char('+'), char('\u{2212}')))).parse(i)
    }

    /// A whole-line vote number under a comment: `0`, `5`, `-2`, `1.2K`, `1.2 Tsd.`.
    pub(super) fn vote_number(i: &str) -> Option<i64> {
        let (rest, sign) = sign(i).ok()?;
        let (_, n) = all_consuming(count_number).parse(rest).ok()?;
        let n = i64::try_from(n).ok()?;
        Some(if matches!(sign, Some('-' | '\u{2212}')) { -n } else { n })
    }

    /// A markdown heading, `## Title`: (level, title).
    pub(super) fn heading(i: &str) -> PResult<'_, (usize, &str)> {
        let (rest, hashes) = take_while1(|c| c == '#').parse(i)?;
        let (rest, _) = space1.parse(rest)?;
        let title = rest.trim_end().trim_end_matches('#').trim_end();
        if hashes.len() > 6 || title.is_empty() {
            return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
        }
        Ok(("", (hashes.len(), title)))
    }

    /// The `(url)` or `(url "title")` part of a markdown link, balanced parentheses inside the
    /// URL allowed (`javascript:void(0);`): the URL.
    fn link_target(i: &str) -> PResult<'_, &str> {
        let (_, inner) = balanced(i, '(', ')')?;
        let url = inner.split_once(char::is_whitespace).map_or(inner, |(u, _)| u);
        Ok((&i[inner.len() + 2..], url))
    }

    /// The bracketed text of a markdown link or image, `[...]`, nested brackets allowed.
    fn link_text(i: &str) -> PResult<'_, &str> {
        let (_, inner) = balanced(i, '[', ']')?;
        Ok((&i[inner.len() + 2..], inner))
    }

    /// The content between an opening bracket at the start of `i` and its matching close.
    fn balanced(i: &str, open: char, close: char) -> PResult<'_, &str> {
        let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Char));
        let rest = i.strip_prefix(open).ok_or_else(fail)?;
        let mut depth = 1usize;
        let mut escaped = false;
        for (at, c) in rest.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                c if c == open => depth += 1,
                c if c == close => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok((&rest[at + c.len_utf8()..], &rest[..at]));
                    }
                }
                _ => {}
            }
        }
        Err(fail())
    }

    /// A pandoc attribute block after a span or image: `{.avatar width="56"}`.
    fn attributes(i: &str) -> PResult<'_, &str> {
        recognize(|i| balanced(i, '{', '}')).parse(i)
    }

    /// A markdown image `![alt](url)`, optionally with pandoc attributes: the alt text.
    pub(super) fn image(i: &str) -> PResult<'_, &str> {
        let (rest, alt_text) = preceded(tag("!"), link_text).parse(i)?;
        let (rest, _) = link_target(rest)?;
        let (rest, _) = opt(attributes).parse(rest)?;
        Ok((rest, alt_text))
    }

    /// A whole-line avatar: an image, or an image wrapped in a link (`[![alt](src)](href)`):
    /// the alt text.
    pub(super) fn avatar(i: &str) -> PResult<'_, &str> {
        let linked = |i| {
            let (rest, inner) = link_text(i)?;
            let (_, alt_text) = all_consuming(delimited(space0, image, space0)).parse(inner)?;
            let (rest, _) = link_target(rest)?;
            let (rest, _) = opt(attributes).parse(rest)?;
            Ok((rest, alt_text))
        };
        all_consuming(delimited(space0, alt((image, linked)), space0)).parse(i)
    }

    /// A whole-line markdown link `[text](url)` (escaped brackets `\[text\](url)` too):
    /// (text, url).
    pub(super) fn link(i: &str) -> PResult<'_, (&str, &str)> {
        let escaped = |i| {
            let (rest, text) = preceded(tag("\\["), take_till(|c| c == '\\')).parse(i)?;
            let (rest, _) = tag("\\]").parse(rest)?;
            let (rest, url) = link_target(rest)?;
            Ok((rest, (text, url)))
        };
        let plain = |i| {
            let (rest, text) = link_text(i)?;
            let (rest, url) = link_target(rest)?;
            Ok((rest, (text, url)))
        };
        all_consuming(delimited(space0, alt((plain, escaped)), (opt(attributes), space0))).parse(i)
    }

    /// A line of nothing but links (`[__](url)[__](url)`, html2text's icon links, or a share
    /// block `[ __Share On\nTwitter](url)[ __Share On\nGoogle](url) ___`): their (text, url)
    /// pairs, at most [`LinkRow::MAX`] (kept inline: no allocation). Spaces and `_` icon
    /// residue may stand between and after them.
    pub(super) fn link_row(i: &str) -> PResult<'_, LinkRow<'_>> {
        let residue = |i| take_while(|c: char| c == '_' || is_blank(c)).parse(i);
        let item = |i| {
            let (rest, _) = residue(i)?;
            let (rest, text) = link_text(rest)?;
            let (rest, url) = link_target(rest)?;
            let (rest, _) = opt(attributes).parse(rest)?;
            Ok((rest, (text, url)))
        };
        let (rest, row) = nom::multi::fold_many1(item, LinkRow::default, |mut row, link| {
            row.push(link);
            row
        })
        .parse(i)?;
        let (rest, _) = residue(rest)?;
        if row.overflow {
            return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::TooLarge)));
        }
        all_consuming(nom::combinator::success(row)).parse(rest)
    }

    /// Text-browser and html2text residue around a line: `__` icon glyphs, empty form widgets
    /// `[    ]`, checkbox marks `[*]`, lynx's link numbers `[12]`. Returns the line without them.
    pub(super) fn strip_residue(line: &str) -> &str {
        let mut s = trim_blank(line);
        loop {
            // Most lines start and end with a character none of the steps below removes.
            if let (Some(first), Some(last)) = (s.bytes().next(), s.bytes().last()) {
                if is_kept_edge(first) && is_kept_edge(last) {
                    return s;
                }
            }
            let before = s.len();
            s = s.trim_start_matches('_').trim_end_matches('_').trim_matches(is_blank);
            if let Some(rest) = widget_prefix(s) {
                s = rest.trim_start_matches(is_blank);
            }
            s = without_link_reference(s);
            if let Some(rest) = widget_suffix(s) {
                s = rest.trim_end_matches(is_blank);
            }
            if s.len() == before {
                return s;
            }
        }
    }

    /// An ASCII byte at either end of a line that neither trimming nor residue stripping removes:
    /// visible and not `_`, `[`, `]`.
    fn is_kept_edge(byte: u8) -> bool {
        byte.is_ascii_graphic() && !matches!(byte, b'_' | b'[' | b']')
    }

    /// `text` without [`is_blank`] characters at either end; most lines have none, and an ASCII
    /// check of the two end bytes says so without decoding.
    pub(super) fn trim_blank(text: &str) -> &str {
        match (text.bytes().next(), text.bytes().last()) {
            (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
            _ => text.trim_matches(is_blank),
        }
    }

    /// `[    ]`, `[ ]`, `[*]`, `[X]` at the start of a line: the rest.
    fn widget_prefix(s: &str) -> Option<&str> {
        let (inner, rest) = s.strip_prefix('[')?.split_once(']')?;
        // `[](url)` is an empty link, not a widget.
        (is_widget(inner) && !rest.starts_with('(')).then_some(rest)
    }

    /// The same widget at the end of a line: the line before it.
    fn widget_suffix(s: &str) -> Option<&str> {
        let (before, inner) = s.strip_suffix(']')?.rsplit_once('[')?;
        is_widget(inner).then_some(before)
    }

    fn is_widget(inner: &str) -> bool {
        matches!(inner.trim(), "" | "*" | "X" | "x")
    }

    /// The number and the rest of a legacy footer line, `9  REPLY3 months 11 days ago`:
    /// (votes, rest after the number).
    pub(super) fn leading_int(i: &str) -> PResult<'_, i64> {
        let (rest, (sign, digits)) = (opt(char('-')), digit1).parse(i)?;
        let n: i64 = digits
            .parse()
            .map_err(|_| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::TooLarge)))?;
        let (rest, _) = take_while(is_blank).parse(rest)?;
        Ok((rest, if sign.is_some() { -n } else { n }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rating_average_is_in_tenths() {
        assert_eq!(rating_average("4.5"), Ok(("", 45)));
        assert_eq!(rating_average("3"), Ok(("", 30)));
        assert_eq!(rating_average("0 x"), Ok((" x", 0)));
        assert!(rating_average("x").is_err());
        assert!(rating_average("99999999999").is_err());
        assert!(rating_average("3.14").is_err());
    }

    #[test]
    fn rating_numbers_leave_the_word() {
        assert_eq!(rating_numbers("4.5 2 votes"), Ok(("votes", (45, 2))));
        assert_eq!(rating_numbers("0 0 votes"), Ok(("votes", (0, 0))));
        assert!(rating_numbers("4.5 votes").is_err());
    }

    #[test]
    fn counts_read_k_and_m() {
        assert_eq!(count_number("14"), Ok(("", 14)));
        assert_eq!(count_number("1.2k comments"), Ok((" comments", 1200)));
        assert_eq!(count_number("3m"), Ok(("", 3_000_000)));
        assert!(count_number("k").is_err());
        assert!(count_number("99999999999999999999k").is_err());
    }

    #[test]
    fn vote_numbers_are_whole_lines() {
        assert_eq!(vote_number("0"), Some(0));
        assert_eq!(vote_number("-2"), Some(-2));
        assert_eq!(vote_number("1.2K"), Some(1200));
        assert_eq!(vote_number("+5"), Some(5));
        assert_eq!(vote_number("5 votes"), None);
        assert_eq!(vote_number("2021."), None);
        assert_eq!(vote_number("4.5"), None);
        assert_eq!(vote_number("1.2 Tsd."), Some(1200));
        assert_eq!(vote_number("3M"), Some(3_000_000));
    }

    #[test]
    fn headings_give_level_and_title() {
        assert_eq!(heading("## About the Author"), Ok(("", (2, "About the Author"))));
        assert_eq!(heading("# Title #"), Ok(("", (1, "Title"))));
        assert!(heading("#hashtag").is_err());
        assert!(heading("####### seven").is_err());
        assert!(heading("# ").is_err());
        // At their edges.
        assert_eq!(heading("######\tSix ##  "), Ok(("", (6, "Six"))));
        assert_eq!(heading("# # #"), Ok(("", (1, "#"))));
        assert_eq!(heading("# Ünïcödé"), Ok(("", (1, "Ünïcödé"))));
        assert!(heading("# ##").is_err());
        assert!(heading("").is_err());
        assert!(heading("#\u{a0}x").is_err());
    }

    #[test]
    fn avatars_are_images_alone_on_a_line() {
        assert_eq!(avatar("![fpuga](data:image/svg+xml,%3Csvg%3E)"), Ok(("", "fpuga")));
        assert_eq!(avatar("[![Ibrar Ahmed](data:x)](https://p/author/ibrar/)"), Ok(("", "Ibrar Ahmed")));
        assert_eq!(avatar("![guest](https://g/a?s=56){.avatar .avatar-56 width=\"56\"}"), Ok(("", "guest")));
        assert_eq!(avatar("![Lisdey\nPérez](http://2.gravatar.com/a)"), Ok(("", "Lisdey\nPérez")));
        assert!(avatar("![a](b) and text").is_err());
        assert!(avatar("![a](b").is_err());
    }

    #[test]
    fn links_are_whole_lines() {
        assert_eq!(
            link("[fpuga](http://conocimientoabierto.es)"),
            Ok(("", ("fpuga", "http://conocimientoabierto.es")))
        );
        assert_eq!(
            link("[ fpuga ](https://p/#comment-10969640)"),
            Ok(("", (" fpuga ", "https://p/#comment-10969640")))
        );
        assert_eq!(
            link("\\[wpDiscuz\\](javascript:void(0);)"),
            Ok(("", ("wpDiscuz", "javascript:void(0);")))
        );
        assert_eq!(
            link("[wpDiscuz](javascript:void(0);){#wpdUserContentInfoAnchor}"),
            Ok(("", ("wpDiscuz", "javascript:void(0);")))
        );
        assert_eq!(
            link("[Alex](https://l/author/Alex/ \"View all posts\")"),
            Ok(("", ("Alex", "https://l/author/Alex/")))
        );
        assert!(link("[a](b) [c](d)").is_err());
        assert!(link("see [a](b)").is_err());
    }

    #[test]
    fn link_rows_are_links_alone() {
        let row = "[__](https://www.facebook.com/sharer/x)[__](https://twitter.com/intent/tweet?u=1 \"Share On Twitter\")";
        assert_eq!(link_row(row).map(|(_, l)| l.links().len()), Ok(2));
        let block = "[ __Share On\nTwitter](https://t/x)[ __Share On\nGoogle](https://g/y) ___";
        assert_eq!(link_row(block).map(|(_, l)| l.links()[1].0), Ok(" __Share On\nGoogle"));
        assert!(link_row("[Bob](https://bob)").is_ok());
        assert!(link_row("[__](x) text").is_err());
        assert!(link_row("text").is_err());
    }

    #[test]
    fn fences_are_three_colons() {
        assert_eq!(fence("::: {#wpdcom .wpd-default}"), Ok(("", "{#wpdcom .wpd-default}")));
        assert_eq!(fence(":::"), Ok(("", "")));
        assert!(fence(":: x").is_err());
    }

    #[test]
    fn link_references_precede_link_text() {
        assert_eq!(without_link_reference("[36]Nam Vũ"), "Nam Vũ");
        assert_eq!(without_link_reference("[7]Login"), "Login");
        // Text and markup that start with a bracketed number keep it.
        for text in ["[1] see the notes", "[1](https://example.com)", "[1]: note", "[1][2]", "[1]", "[a]b"] {
            assert_eq!(without_link_reference(text), text);
        }
        assert_eq!(without_link_reference("[417]{.wpdtc} Comments"), "[417]{.wpdtc} Comments");
        assert_eq!(without_link_reference("vienkmt"), "vienkmt");
    }

    #[test]
    fn residue_is_stripped() {
        assert_eq!(strip_residue("__2 years ago"), "2 years ago");
        assert_eq!(strip_residue(" __1 year 3 months ago"), "1 year 3 months ago");
        assert_eq!(strip_residue("Oldest __"), "Oldest");
        assert_eq!(strip_residue("[                    ] Name*"), "Name*");
        assert_eq!(strip_residue("[*] [Post Comment]"), "[Post Comment]");
        assert_eq!(strip_residue("Label [                    ]"), "Label");
        assert_eq!(strip_residue("[12]Login"), "Login");
        assert_eq!(strip_residue("__"), "");
        assert_eq!(strip_residue(" [ ] "), "");
        assert_eq!(strip_residue("snake_case_name"), "snake_case_name");
        assert_eq!(strip_residue("[](about:blank)"), "[](about:blank)");
        assert_eq!(strip_residue("\u{202b}1.2K\u{202c}"), "1.2K");
    }

    #[test]
    fn leading_int_takes_the_vote_count() {
        assert_eq!(leading_int("9  REPLY3 months ago"), Ok(("REPLY3 months ago", 9)));
        assert_eq!(leading_int("-1 x"), Ok(("x", -1)));
        assert!(leading_int("x").is_err());
    }

    #[test]
    fn numbers_at_their_edges() {
        // Leading zeros, the largest values, and one past them.
        assert_eq!(count_number("007"), Ok(("", 7)));
        assert_eq!(count_number("18446744073709551615"), Ok(("", u64::MAX)));
        assert!(count_number("18446744073709551616").is_err());
        assert_eq!(rating_average("429496729"), Ok(("", 4_294_967_290)));
        assert!(rating_average("429496730").is_err());
        assert!(rating_average("4294967296").is_err());
        assert_eq!(rating_average("4."), Ok((".", 40)));
        assert_eq!(leading_int("-9223372036854775807"), Ok(("", -i64::MAX)));
        assert!(leading_int("-9223372036854775808").is_err());
        assert!(leading_int("-").is_err());
        assert!(leading_int("- 1").is_err());
        assert_eq!(leading_int("3\u{a0}\u{200b}x"), Ok(("x", 3)));
        // Signs: only the vote number takes them, and never alone.
        assert_eq!(vote_number("\u{2212}3"), Some(-3));
        assert_eq!(vote_number("-0"), Some(0));
        for line in ["-", "+", "\u{2212}", "--1", "+-1", "- 1", "1-", "", " 1", "1 ", "9223372036854775808"] {
            assert_eq!(vote_number(line), None, "{line:?}");
        }
        assert_eq!(vote_number("9223372036854775807"), Some(i64::MAX));
        // Units: after blanks, any ASCII case, a word of their own; fractions in tenths.
        assert_eq!(vote_number("1.25k"), Some(1200));
        assert_eq!(vote_number("2\u{a0}K"), Some(2000));
        assert_eq!(vote_number("2 TSD."), Some(2000));
        assert_eq!(vote_number("2 mio."), Some(2_000_000));
        assert_eq!(vote_number("2kg"), None);
        assert_eq!(vote_number("2.k"), None);
        assert_eq!(count_number("2 k votes"), Ok((" votes", 2000)));
        assert_eq!(count_number("2 kilo"), Ok((" kilo", 2)));
        assert!(count_number("1.5 votes").is_err());
        assert!(count_number("18446744073709552k").is_err());
        assert_eq!(rating_numbers("4.5\t2  votes"), Ok(("votes", (45, 2))));
        assert!(rating_numbers("4.5 x").is_err());
    }

    #[test]
    fn brackets_balance_and_escape() {
        assert_eq!(link_text("[a [b] c]d"), Ok(("d", "a [b] c")));
        assert_eq!(link_text("[a \\] b]"), Ok(("", "a \\] b")));
        assert_eq!(link_text("[a \\\\]b"), Ok(("b", "a \\\\")));
        assert_eq!(link_text("[\\ü]"), Ok(("", "\\ü")));
        assert_eq!(link_text("[]"), Ok(("", "")));
        for unbalanced in ["[", "[a", "[a [b]", "[a\\]", "[a\\", "x[a]", ""] {
            assert!(link_text(unbalanced).is_err(), "{unbalanced:?}");
        }
        assert_eq!(link_target("(javascript:void(0);)x"), Ok(("x", "javascript:void(0);")));
        assert_eq!(link_target("(a(b(c))d)"), Ok(("", "a(b(c))d")));
        assert_eq!(link_target("()"), Ok(("", "")));
        assert!(link_target("(a(b)").is_err());
        assert_eq!(attributes("{.a {b}}c"), Ok(("c", "{.a {b}}")));
    }

    #[test]
    fn urls_end_at_any_whitespace() {
        assert_eq!(
            first_word("https://example.com/a/long/path \"Title\""),
            "https://example.com/a/long/path"
        );
        for space in ["\t", "\n", "\u{b}", "\u{85}", "\u{a0}", "\u{2003}", "\u{3000}"] {
            let url = format!("https://example.com/päth{space}title");
            assert_eq!(first_word(&url), "https://example.com/päth", "{space:?}");
        }
        // Zero-width and bidirectional marks are no whitespace to `char::is_whitespace`.
        assert_eq!(first_word("https://a/\u{200b}b"), "https://a/\u{200b}b");
        assert_eq!(first_word("https://日本.example/ü"), "https://日本.example/ü");
        assert_eq!(first_word(" a"), "");
        assert_eq!(first_word(""), "");
        assert_eq!(link("[Bob](https://b/x\u{a0}\"t\")"), Ok(("", ("Bob", "https://b/x"))));
    }

    #[test]
    fn links_at_their_edges() {
        assert_eq!(link("[](about:blank)"), Ok(("", ("", "about:blank"))));
        assert_eq!(link(" \t[a [b]](u){x} \t"), Ok(("", ("a [b]", "u"))));
        assert!(link("[a](u) {x}").is_err());
        assert_eq!(link("\\[\\](u)"), Ok(("", ("", "u"))));
        assert_eq!(link("[Nam Vũ](https://v/ü)"), Ok(("", ("Nam Vũ", "https://v/ü"))));
        for line in
            ["\\[a](u)", "\\[a\\](u", "[a](u) x", "[a] (u)", "[a](u){", "\u{a0}[a](u)", "\\[a\\b\\](u)"]
        {
            assert!(link(line).is_err(), "{line:?}");
        }
        assert_eq!(avatar("[ ![a](b){.c} ](d)"), Ok(("", "a")));
        assert_eq!(avatar("![](b)"), Ok(("", "")));
        assert!(avatar("[![a](b) x](d)").is_err());
        assert!(avatar("[![a](b)]").is_err());
        assert_eq!(image("![a [b]](c(d)) x"), Ok((" x", "a [b]")));
        let nine = "[a](b)".repeat(9);
        assert!(link_row(&nine).is_err());
        assert_eq!(link_row(&nine[..48]).map(|(_, row)| row.links().len()), Ok(8));
        assert_eq!(link_row("_ [a](b) \u{a0}_[c](d)__ ").map(|(_, row)| row.links()[1]), Ok(("c", "d")));
        assert!(link_row("[a](b)[c]").is_err());
    }

    /// The first bracketed text [`markup_opening`] gives the rules is the one they read
    /// themselves, on every test line and on lines made of markup pieces.
    fn assert_first_bracket_read_once(core: &str) {
        let (shape, bracketed) = markup_opening(core);
        assert_eq!(shape, markup_shape(core), "{core:?}");
        let exact = if core.starts_with('[') { link_text(core).ok() } else { None };
        assert_eq!(bracketed, exact, "{core:?}");
        if let Some(bracketed) = bracketed {
            assert_eq!(link_after_text(bracketed).ok(), opening_link(core).ok(), "{core:?}");
            assert_eq!(linked_avatar_after_text(bracketed).ok(), avatar(core).ok(), "{core:?}");
            let first_span = span_after_text(bracketed);
            assert_eq!(first_span.clone().and_then(span_alone).ok(), span(core).ok(), "{core:?}");
            assert_eq!(first_span.and_then(span_pair_after).ok(), span_pair(core).ok(), "{core:?}");
        }
    }

    #[test]
    fn the_first_bracket_is_read_once_on_every_test_line() {
        let lines = crate::test_pages::lines();
        let mut opened = 0;
        for line in &lines {
            let core = strip_residue(trim_blank(line));
            assert_first_bracket_read_once(core);
            opened += usize::from(markup_opening(core).1.is_some());
        }
        assert!(opened > 1_000, "{opened}");
        assert_first_bracket_read_once("[a]{.x} [b]{.y}");
        assert_first_bracket_read_once("[5]{.wpdrv}");
    }

    #[test]
    fn the_opening_link_is_read_once_for_a_link_or_a_row() {
        let first = opening_link("[a](u \"t\"){.x} [b](v)").unwrap();
        assert_eq!(first, (" [b](v)", ("a", "u")));
        assert!(link_alone(first).is_err(), "more links follow");
        assert_eq!(link_alone(opening_link("[a](u) ").unwrap()), Ok(("", ("a", "u"))));
        let row = link_row_after(first).map(|(_, row)| row.links().to_vec());
        assert_eq!(row, Ok(vec![("a", "u"), ("b", "v")]));
        assert!(link_row_after(opening_link("[a](u) text").unwrap()).is_err());
        for line in ["[a]", "[a](u", "a[b](c)", "\\[a\\](u)"] {
            assert!(opening_link(line).is_err(), "{line:?}");
        }
    }

    #[test]
    fn link_rows_take_pandoc_attributes() {
        // pandoc's share row, wrapped inside its attribute blocks.
        let row = "[](https://t/x \"Share On Twitter\"){.wc_tw\nrel=\"noreferrer\"\ntarget=\"_blank\"}[](https://vk/y){.wc_vk}";
        let links = link_row(row).map(|(_, r)| r.links().to_vec());
        assert_eq!(links, Ok(vec![("", "https://t/x"), ("", "https://vk/y")]));
        assert!(link_row("[a](b){.c} text").is_err());
        assert!(link_row("[a](b){.c").is_err(), "an attribute block left open is not a row");
    }

    #[test]
    fn empty_links_need_a_target_or_attributes() {
        for (line, rest) in
            [("[](u){.a} x", " x"), ("[ ]{#a}", ""), ("[](javascript:void(0))", ""), ("[]{.a}[]", "[]")]
        {
            assert_eq!(empty_link(line), Ok((rest, ())), "{line:?}");
        }
        for line in ["[]", "[ ]", "[a](u)", "![](u)", "[](u", "[]{.a", "x[](u)"] {
            assert!(empty_link(line).is_err(), "{line:?}");
        }
    }

    #[test]
    fn spans_are_bracketed_text_with_attributes() {
        assert_eq!(span("[5]{.wpdrv}"), Ok(("", "5")));
        assert_eq!(span(" [4.5]{.wpdrv title=\"x\"} "), Ok(("", "4.5")));
        for line in ["[12]", "[12]Nam", "[5]{.wpdrv} votes", "[5](url)", "[5]{.wpdrv"] {
            assert!(span(line).is_err(), "{line:?}");
        }
    }

    #[test]
    fn wordless_markup_is_measured_and_attribute_blocks_told_open() {
        assert_eq!(wordless_markup_bytes("[newest]{.a .b} \\| [oldest]{.c}"), 11);
        assert_eq!(wordless_markup_bytes("[a](u){.x}"), 4, "a link keeps its target");
        assert_eq!(wordless_markup_bytes("![](data:image/svg+xml;base64,PHN2) Reply"), 35);
        assert_eq!(wordless_markup_bytes("![alt](u){.x} Reply"), 10, "an image but its alt text");
        assert_eq!(wordless_markup_bytes("{} [+] a {b} (c) d! ![x] e"), 0, "braces after no span or link");
        assert_eq!(wordless_markup_bytes("[a]{.open"), 6, "an unclosed group runs to the end");
        assert!(leaves_attributes_open("\\| [älteste]{.wpdiscuz-sort-button .asc"));
        assert!(leaves_attributes_open("![x](y){.avatar"));
        for line in ["[a]{.b}", "a {b", "{}", "x", ".active} \\| [b]{.c}"] {
            assert!(!leaves_attributes_open(line), "{line:?}");
        }
    }

    #[test]
    fn span_pairs_are_two_spans_and_nothing_else() {
        let line = "[ Reply to  [Andi](#comment-9380) ]{.wpd-reply-to} [ 1 year ago ]{.wpd-comment-date}";
        assert_eq!(span_pair(line), Ok(("", (" Reply to  [Andi](#comment-9380) ", " 1 year ago "))));
        // Wrapped by pandoc inside the second span, or between the two.
        let wrapped =
            "[ Reply to  [A](#comment-1) ]{.wpd-reply-to} [ 1 year ago\n]{.wpd-comment-date\ntitle=\"x\"}";
        assert_eq!(span_pair(wrapped), Ok(("", (" Reply to  [A](#comment-1) ", " 1 year ago\n"))));
        assert_eq!(span_pair("[a]{.x}\n[b]{.y} "), Ok(("", ("a", "b"))));
        for line in
            ["[a]{.x}", "[a]{.x}[b]{.y}", "[a]{.x} [b]", "[a] [b]{.y}", "[a]{.x} [b]{.y} c", "[a](u) [b]{.y}"]
        {
            assert!(span_pair(line).is_err(), "{line:?}");
        }
    }

    #[test]
    fn linked_avatars_take_pandoc_attributes() {
        let linked = "[![Nam\nVũ](https://g/a.png){.avatar\nheight=\"64\"}](/author/n/){target=\"_blank\" rel=\"ugc\"}";
        assert_eq!(avatar(linked), Ok(("", "Nam\nVũ")));
        assert!(avatar("[![a](b)](c){d} x").is_err());
    }

    #[test]
    fn residue_at_its_edges() {
        for (line, stripped) in [
            ("Олег Петров", "Олег Петров"),
            ("Старые __", "Старые"),
            ("__Межтекстовые Отзывы", "Межтекстовые Отзывы"),
            ("[ ] أرسل", "أرسل"),
            ("Δ[                    ]", "Δ"),
            ("\u{a0}Vũ\u{a0}", "Vũ"),
            ("[+]", "[+]"),
            ("{} [+]", "{} [+]"),
            ("[x]", ""),
            ("[ X ] [*] __", ""),
            ("[\u{a0}]", ""),
            ("[a] [ ]", "[a]"),
            ("[ ](url)", "[ ](url)"),
            ("[12]__Login__", "Login"),
            ("_", ""),
            ("", ""),
            ("\u{1}", "\u{1}"),
        ] {
            assert_eq!(strip_residue(line), stripped, "{line:?}");
        }
        assert_eq!(trim_blank(&format!("{}text \t", " ".repeat(21))), "text");
        for spaces in 0..20 {
            for tail in ["", "x", "xxxxxxxxxx", "\tx", "\u{a0}"] {
                let line = format!("{}{tail}", " ".repeat(spaces));
                assert_eq!(leading_spaces(line.as_bytes()), spaces, "{line:?}");
            }
        }
        assert_eq!(trim_blank(" \u{a0} \u{200e}text\u{3000}\u{202c} "), "text");
        assert_eq!(trim_blank("   "), "");
        assert_eq!(trim_blank("Vũ"), "Vũ");
        assert_eq!(trim_blank(""), "");
    }

    /// Residue stripping (its look at link text, its widgets read only as far as a widget's
    /// inside goes) against the old loop, on every line of the test pages and on samples.
    #[test]
    fn residue_is_stripped_as_the_old_loop_strips_it_on_every_page_line() {
        let lines = crate::test_pages::lines();
        let samples = [
            "[…] Honestly. […]",
            "[ x ] a",
            "a [\u{a0}* ]",
            "[**] a",
            "[*] [ ] a [X] [ ]",
            "[ ](u) a",
            "[12]Nam Vũ",
            "[__](u) ___",
            "[x] a",
            "[*]a",
            "[]a",
        ];
        for line in lines.iter().map(String::as_str).chain(samples) {
            assert_eq!(strip_residue(line), reference::strip_residue(line), "{line:?}");
        }
    }

    /// The trim's fast paths (plain ends, indented text, spaces alone) against the exact
    /// trim, on every line of the test pages as printed, indented or not: the same text at
    /// the same place (a blank line's empty rest is anywhere).
    #[test]
    fn trim_blank_is_the_exact_trim_on_every_page_line() {
        let at = |trimmed: &str, line: &str| trimmed.as_ptr() as usize - line.as_ptr() as usize;
        for page in crate::test_pages::pages() {
            for raw in page.lines() {
                for indent in ["", " ", "        ", "\t"] {
                    let line = format!("{indent}{raw}");
                    let (fast, exact) = (trim_blank(&line), reference::trim_blank(&line));
                    assert_eq!(fast, exact, "{line:?}");
                    if !exact.is_empty() {
                        assert_eq!(at(fast, &line), at(exact, &line), "{line:?}");
                    }
                }
            }
        }
    }

    /// Pieces that random lines are made of: digits, signs, units, blanks, brackets, escapes,
    /// icon residue, non-ASCII letters.
    const PIECES: &[&str] = &[
        "0",
        "1",
        "9",
        "42",
        "007",
        "429496729",
        "18446744073709551615",
        "9223372036854775808",
        ".",
        ".5",
        "-",
        "+",
        "\u{2212}",
        " ",
        "  ",
        "\t",
        "\n",
        "\u{b}",
        "\u{a0}",
        "\u{85}",
        "\u{2003}",
        "\u{200b}",
        "\u{202b}",
        "\u{202c}",
        "\u{feff}",
        "k",
        "K",
        "m",
        "M",
        "Tsd.",
        "tsd.",
        "Mio.",
        "\u{5de}",
        "votes",
        "#",
        "##",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "\\",
        "!",
        "_",
        "__",
        "*",
        "x",
        "X",
        "ü",
        "Vũ",
        "日本",
        ":",
        "a",
        "\"t\"",
        "https://e.com/",
        "[ ]",
        "[*]",
        "[12]",
        "![a](b)",
        "[a](b)",
        "{.c}",
    ];

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::collection::vec(prop::sample::select(PIECES), 0..10).prop_map(|pieces| pieces.concat()),
            1 => "\\PC{0,24}",
        ]
    }

    /// True when the scan of the leading number lets the whole-line number rules run on
    /// `line` whenever they match (what `classify_numeric` relies on).
    fn number_scan_keeps(line: &str) -> bool {
        let after = after_leading_number(line);
        let vote_kept = vote_number(line).is_none() || after.is_some_and(|a| a.is_empty() || may_be_unit(a));
        let average_kept = !matches!(rating_average(line), Ok(("", _))) || after == Some("");
        vote_kept && average_kept
    }

    #[test]
    fn number_scan_keeps_every_number_line() {
        let lines = crate::test_pages::lines();
        let cores = lines.iter().map(|l| trim_blank(l));
        let samples =
            ["1.2 Tsd.", "-3", "\u{2212}7", "+1.5K", "4.5", "3 m", "3  Mio.", "2\u{a0}k", "3 months ago"];
        for line in cores.chain(samples) {
            assert!(number_scan_keeps(line), "{line:?}");
        }
    }

    /// True when every rule that matches `line` (which starts with `!`, `\` or `[`) is one
    /// of its [`MarkupShape`]'s.
    fn markup_shape_keeps(line: &str) -> bool {
        use MarkupShape::*;
        let shape = markup_shape(line);
        let allowed = |shapes: &[MarkupShape]| shapes.contains(&shape);
        (avatar(line).is_err() || allowed(&[Image, LinkedImage]))
            && (link(line).is_err() || allowed(&[LinkedImage, Link]))
            && (link_row(line).is_err() || allowed(&[LinkedImage, Link]))
            && (span(line).is_err() || allowed(&[Span]))
            && (span_pair(line).is_err() || allowed(&[Span]))
    }

    #[test]
    fn markup_shapes_keep_every_test_line() {
        let lines = crate::test_pages::lines();
        let cores: Vec<&str> = lines.iter().map(|l| strip_residue(trim_blank(l))).collect();
        let samples = [
            "[![Nam\nVũ](https://g/a.png){.avatar}](/author/n/){target=\"_blank\"}",
            "[ ![a](b) ](c)",
            "[![a](b) x](c)",
            "![a](b)",
            "\\[a\\](b)",
            "[5]{.wpdrv}",
            "[ Reply to  [Andi](#comment-9) ]{.wpd-reply-to} [ 1 year ago ]{.wpd-comment-date}",
            "[__](https://twitter.com/intent/tweet?text=x)[__](https://vk.com/share.php?url=y) ___",
        ];
        let mut shapes = std::collections::HashMap::new();
        for line in cores.iter().copied().filter(|l| l.starts_with(['!', '\\', '['])).chain(samples) {
            assert!(markup_shape_keeps(line), "{line:?}: {:?}", markup_shape(line));
            *shapes.entry(markup_shape(line)).or_insert(0) += 1;
        }
        for shape in [MarkupShape::Image, MarkupShape::LinkedImage, MarkupShape::Link, MarkupShape::Span] {
            assert!(shapes.get(&shape).is_some_and(|&n| n > 0), "{shape:?}: {shapes:?}");
        }
        assert!(shapes[&MarkupShape::Text] > 100, "{shapes:?}");
        for text in ["[…] Honestly, the official docs", "[12]Name", "[x", "[a] (b)", "[ a ]b{.c}"] {
            assert_eq!(markup_shape(text), MarkupShape::Text, "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn number_scan_keeps_the_number_lines(line in line()) {
            for sign in ["", "-", "+", "\u{2212}"] {
                let number = format!("{sign}1{line}");
                prop_assert!(number_scan_keeps(&number), "{:?}", number);
            }
        }

        #[test]
        fn number_rules_match_the_combinators(line in line()) {
            let digits = format!("1{line}");
            for i in [line.as_str(), digits.as_str()] {
                prop_assert_eq!(rating_average(i), reference::rating_average(i));
                prop_assert_eq!(rating_numbers(i), reference::rating_numbers(i));
                prop_assert_eq!(count_number(i), reference::count_number(i));
                prop_assert_eq!(vote_number(i), reference::vote_number(i));
                prop_assert_eq!(leading_int(i), reference::leading_int(i));
                prop_assert_eq!(heading(i), reference::heading(i));
            }
        }

        #[test]
        fn the_first_bracket_is_read_once_on_any_line(line in line()) {
            for open in ["[", "[a]", "[a](b)", "[a]{.c} ", "[![a](b)](c)", "\\["] {
                assert_first_bracket_read_once(&format!("{open}{line}"));
            }
        }

        #[test]
        fn markup_shapes_keep_every_markup_line(line in line()) {
            for open in ["[", "[![", "[ ![", "[]", "[a]", "[a](b)", "[a]{.c}", "[a]{.c} ", "!", "![", "![a](b)", "[![a](b)](c)", "\\[", "\\[a\\](b)"] {
                let i = format!("{open}{line}");
                prop_assert!(markup_shape_keeps(&i), "{:?}: {:?}", i, markup_shape(&i));
            }
        }

        #[test]
        fn markup_rules_match_the_combinators(line in line()) {
            prop_assert_eq!(image(&line).ok(), reference::image(&line).ok());
            prop_assert_eq!(avatar(&line).ok(), reference::avatar(&line).ok());
            prop_assert_eq!(link(&line).ok(), reference::link(&line).ok());
            prop_assert_eq!(link_row(&line).ok(), reference::link_row(&line).ok());
            for open in ["[", "(", "![", "\\[", "[!["] {
                let i = format!("{open}{line}");
                prop_assert_eq!(image(&i).ok(), reference::image(&i).ok());
                prop_assert_eq!(avatar(&i).ok(), reference::avatar(&i).ok());
                prop_assert_eq!(link(&i).ok(), reference::link(&i).ok());
                prop_assert_eq!(link_row(&i).ok(), reference::link_row(&i).ok());
            }
        }

        /// Ends told by their lead bytes: every blank character against others of one to
        /// four bytes, some sharing the blank ones' lead bytes (`•`, `…`, `、`, `ﬁ`).
        #[test]
        fn trim_blank_is_the_exact_trim_at_non_ascii_ends(
            line in "[ \t\u{85}\u{a0}\u{1680}\u{2000}-\u{200f}\u{2028}\u{2029}\u{202a}-\u{202f}\u{205f}\u{2066}-\u{2069}\u{3000}\u{feff}a.é©Жא•…、ﬁ😀\u{2070}\u{3001}\u{fefe}]{0,6}"
        ) {
            prop_assert_eq!(trim_blank(&line), reference::trim_blank(&line));
        }

        /// Widgets and brackets that are none, blanks of every kind inside, at both ends.
        #[test]
        fn widgets_are_stripped_as_the_old_loop_strips_them(
            inside in "[ *Xx\u{a0}\u{2003}\u{200b}a…\\[\\]()]{0,6}",
            text in "[a (\\]…]{0,4}",
        ) {
            for line in [format!("[{inside}]{text}"), format!("{text}[{inside}]"), format!("[{inside}]{text}[{inside}]")] {
                prop_assert_eq!(strip_residue(&line), reference::strip_residue(&line), "{:?}", line);
            }
        }

        #[test]
        fn residue_rules_match_the_old_loop(line in line()) {
            prop_assert_eq!(strip_residue(&line), reference::strip_residue(&line));
            prop_assert_eq!(trim_blank(&line), reference::trim_blank(&line));
            let trimmed = trim_blank(&line);
            prop_assert_eq!(strip_residue(trimmed), reference::strip_residue(trimmed));
        }
    }
}

//! The nom rules for single line shapes. Each takes the whole (trimmed) line or its
//! normalized form and succeeds only if the entire line has the shape.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_while, take_while1};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{all_consuming, map_res, opt, recognize};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

type PResult<'a, T> = IResult<&'a str, T>;

/// An unsigned integer that fits in a u64.
fn uint(i: &str) -> PResult<'_, u64> {
    map_res(digit1, str::parse::<u64>).parse(i)
}

/// A rating average: `4.5`, `3`, `0` (at most one decimal), in tenths.
pub(crate) fn rating_average(i: &str) -> PResult<'_, u32> {
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
pub(crate) fn rating_numbers(i: &str) -> PResult<'_, (u32, u64)> {
    (rating_average, preceded(space1, uint)).parse(i).map(|(rest, v)| (rest.trim_start(), v))
}

/// A count as wpDiscuz prints it: `14`, `1.2k`, `3m` (normalized, so lowercase), as a number.
pub(crate) fn count_number(i: &str) -> PResult<'_, u64> {
    let (rest, (whole, fraction, scale)) = (uint, opt(preceded(char('.'), digit1)), opt(scale)).parse(i)?;
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
pub(crate) fn vote_number(i: &str) -> Option<i64> {
    let (rest, sign) = sign(i).ok()?;
    let (_, n) = all_consuming(count_number).parse(rest).ok()?;
    let n = i64::try_from(n).ok()?;
    Some(if matches!(sign, Some('-' | '\u{2212}')) { -n } else { n })
}

/// A markdown heading, `## Title`: (level, title).
pub(crate) fn heading(i: &str) -> PResult<'_, (usize, &str)> {
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
pub(crate) fn image(i: &str) -> PResult<'_, &str> {
    let (rest, alt_text) = preceded(tag("!"), link_text).parse(i)?;
    let (rest, _) = link_target(rest)?;
    let (rest, _) = opt(attributes).parse(rest)?;
    Ok((rest, alt_text))
}

/// A whole-line avatar: an image, or an image wrapped in a link (`[![alt](src)](href)`):
/// the alt text.
pub(crate) fn avatar(i: &str) -> PResult<'_, &str> {
    let linked = |i| {
        let (rest, inner) = link_text(i)?;
        let (_, alt_text) = all_consuming(delimited(space0, image, space0)).parse(inner)?;
        let (rest, _) = link_target(rest)?;
        Ok((rest, alt_text))
    };
    all_consuming(delimited(space0, alt((image, linked)), space0)).parse(i)
}

/// A whole-line markdown link `[text](url)` (escaped brackets `\[text\](url)` too):
/// (text, url).
pub(crate) fn link(i: &str) -> PResult<'_, (&str, &str)> {
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
pub(crate) fn link_row(i: &str) -> PResult<'_, LinkRow<'_>> {
    let residue = |i| take_while(|c: char| c == '_' || is_blank(c)).parse(i);
    let item = |i| {
        let (rest, _) = residue(i)?;
        let (rest, text) = link_text(rest)?;
        let (rest, url) = link_target(rest)?;
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

/// A pandoc fenced-div line, `::: {#wpdcom .wpd-default}` or a bare `:::`: its attributes.
pub(crate) fn fence(i: &str) -> PResult<'_, &str> {
    let (rest, colons) = take_while1(|c| c == ':').parse(i)?;
    if colons.len() < 3 {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)));
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
pub(crate) fn trim_blank(text: &str) -> &str {
    match (text.bytes().next(), text.bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim_matches(is_blank),
    }
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
pub(crate) fn leading_int(i: &str) -> PResult<'_, i64> {
    let (rest, (sign, digits)) = (opt(char('-')), digit1).parse(i)?;
    let n: i64 = digits
        .parse()
        .map_err(|_| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::TooLarge)))?;
    let (rest, _) = take_while(is_blank).parse(rest)?;
    Ok((rest, if sign.is_some() { -n } else { n }))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

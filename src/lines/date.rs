//! Date lines: absolute (`20-08-21 17:27`, `August 20, 2021 5:27 pm`, `20. August 2021 17:27`)
//! and relative (`2 years ago`, `2 Jahre zuvor`, `3 months 11 days ago`, `right now`).
//!
//! Stage 1 only recognises the shape and keeps the raw fields: whether `05-06-21` is the
//! 5th of June or May 6th is decided later with every date of the page in view
//! (`page::dates`), and whether a field is in range (`32-13-21`) is checked there too, so
//! that an impossible date still reads as a date line and can be reported. [`resolve`] does
//! that check and builds the timestamp once the page has chosen a [`DateOrder`].
//!
//! Grammar (each piece is a named rule below, tested on its own):
//!
//! - [`numeric_date`]: `d-m-y`, `d/m/Y`, `m/d/Y`, `d.m.Y`, `Y-m-d`, `Y/m/d`, `Y.m.d`;
//! - [`named_date`]: a month name from `months.tsv` in any of the supported languages
//!   ([`month_first`] `F j, Y`, [`day_first`] `j F Y` / `j. F Y` / `j de F de Y`,
//!   [`year_first_named`] `Y. F j.`), or [`cjk_date`] `2021年8月20日`;
//! - [`clock`]: `H:i`, `H:i:s`, `g:i a` and friends, French `17 h 27`, Chinese `下午5:27`,
//!   joined to the date by [`date_time_sep`] (spaces, a comma, or a localized "at");
//! - [`relative_date`]: `N unit [N unit] ago` with the adjective on either side, with the
//!   unit and adjective words of every wpDiscuz catalogue ([`crate::phrases`]), or a
//!   "right now" phrase;
//! - [`today_line`]: `Today 5:27 pm` (wpDiscuz 3).
//!
//! [`date_line`] is called on most short lines of a page, so it rejects cheaply: by length,
//! then by the first character (a digit, or a letter that can start a month name, a
//! relative adjective, a "right now" or a "today" phrase), and tries only the rules the
//! line can match (see [`date_line`]). Word tables are built once; a
//! call allocates nothing and compares case-insensitively character by character.
//! [`may_be_date_line`] is the same first look for a line that still has html2text's
//! backslashes.
//!
//! The rules every date line goes through ([`numeric_line`], [`named_line`], [`clock`],
//! [`date_time_sep`], [`relative_date`], ...) are read by hand in one pass, choosing the
//! form by a byte instead of trying nom alternatives that re-read the line; their nom forms
//! stay in the tests, which check that both read every line the same.

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::char;
#[cfg(test)]
use nom::character::complete::one_of;
use nom::combinator::{all_consuming, eof, map_res, opt, value};
use nom::error::{Error as NomError, ErrorKind};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::rules::digits_len;
use crate::model::Ago;
use crate::DateOrder;

/// A time of day as printed, not yet checked for range. Every field has at most two digits
/// ([`small_number`], [`two_digits`]), so a `u8` holds any value the grammar accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Clock {
    /// Hour as printed (0-23, or 1-12 with `pm`).
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// `Some(true)` for pm, `Some(false)` for am, `None` for a 24-hour clock.
    pub pm: Option<bool>,
}

/// What a date line says, before page-level decisions.
///
/// Fields are as narrow as the grammar allows: a day, month or clock field has one or two
/// digits (`u8`), a year two or four (`u16`); a relative date keeps its one or two parts
/// ([`Age`]) rather than a seven-field [`Ago`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateToken {
    /// All-numeric date, fields in page order. `year_first` for `Y-m-d` / `Y/m/d` (a
    /// four-digit first field); otherwise the last field is the year (two or four digits)
    /// and the first two are day and month in an order the page decides.
    ///
    /// With `year_first`, `first` is the month and `second` the day (`Y-m-d`: nobody prints
    /// `Y-d-m`), so the page order does not apply to it.
    Numeric { first: u8, second: u8, year: u16, year_first: bool, clock: Option<Clock> },
    /// A date with a month name (`August 20, 2021`, `20 août 2021`, `2021年8月20日`): the
    /// fields are unambiguous, not yet range-checked (`year` as printed: two or four digits).
    Named { year: u16, month: u8, day: u8, clock: Option<Clock> },
    /// `Today 5:27 pm` (wpDiscuz 3).
    Today { clock: Clock },
    /// `2 years ago`, `3 months 11 days ago`, `2 Jahre zuvor`, `right now` (all zero).
    Relative(Age),
}

// A page keeps one token per date line (`DateEntry`, beside a `&str`), hundreds of
// thousands on a large page: at 16 bytes a `DateEntry` takes 32 bytes instead of 48.
const _: () = assert!(std::mem::size_of::<DateToken>() <= 16);

impl DateToken {
    /// True for a date that a comment header can carry: relative, or absolute with a time of
    /// day. (A date without a time is a post date in a related-posts list, never a
    /// comment's.)
    pub fn is_timed(&self) -> bool {
        match self {
            DateToken::Numeric { clock, .. } | DateToken::Named { clock, .. } => clock.is_some(),
            DateToken::Today { .. } | DateToken::Relative(_) => true,
        }
    }

    /// What a numeric date says about the page's day-month order: `DayFirst` when its first
    /// field cannot be a month (> 12), `MonthFirst` when its second field cannot be, `None`
    /// otherwise (both fit, both are over 12, or the date is not a `d-m`/`m-d` one).
    pub(crate) fn order_hint(&self) -> Option<DateOrder> {
        match *self {
            DateToken::Numeric { first, second, year_first: false, .. } => match (first > 12, second > 12) {
                (true, false) => Some(DateOrder::DayFirst),
                (false, true) => Some(DateOrder::MonthFirst),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Recognises a whole line (already trimmed of whitespace and converter residue) as a date.
/// Returns `None` unless the entire line is a date.
///
/// Every rule ends with `eof`, so the first rule that matches is the answer, and a rule
/// that cannot match is not tried: a cheap look at the line (the byte after its first
/// number, whether a second number follows, the tables of the words it starts with) rules
/// it out first.
pub(crate) fn date_line(text: &str) -> Option<DateToken> {
    let first = text.chars().next()?;
    if text.len() > MAX_LINE {
        return None;
    }
    if first.is_ascii_digit() {
        let after_number = &text.as_bytes()[digits_len(text)..];
        // `d-m-y`, `Y/m/d`, `d.m.Y`: a separator right after the first number.
        let numeric = matches!(after_number.first(), Some(b'-' | b'/' | b'.'));
        // A named date has a second number ([`has_two_numbers`]).
        let named = after_number.iter().any(u8::is_ascii_digit);
        return first_match(text, [(numeric, numeric_line), (named, named_line), (true, relative_line)]);
    }
    if !words().may_start(first) {
        return None;
    }
    let kinds = words().first_word_kinds(text);
    if kinds == 0 {
        return None;
    }
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        // Every other form has a number: only a "right now" phrase is left.
        return (kinds & RIGHT_NOW != 0)
            .then(|| all_consuming(right_now).parse(text).ok())
            .flatten()
            .map(|_| DateToken::Relative(Age::RIGHT_NOW));
    }
    // Not starting with a digit, a named date starts with a month name (`F j, Y`), `Today
    // 5:27 pm` with a "today" phrase, a relative date with its adjective (`il y a 2 ans`;
    // a "right now" phrase has no number).
    first_match(
        text,
        [
            (kinds & MONTH != 0 && has_two_numbers(text), named_line),
            (kinds & TODAY != 0, today_line),
            (kinds & AGO != 0, relative_line),
        ],
    )
}

/// A first look at a line before [`date_line`] runs on it with every backslash removed
/// (html2text escapes dates, `23\. August 2021`): `false` only when that line cannot be a
/// date. It reads the first characters as `date_line` would after the backslashes are
/// dropped (a digit; or a letter that starts a word of the tables, checked with the first
/// two or three ASCII characters), so a caller can skip looking for backslashes and
/// unescaping for most lines. It looks at no more than a few bytes past the leading
/// backslashes and allocates nothing.
pub(crate) fn may_be_date_line(text: &str) -> bool {
    let start = text.trim_start_matches('\\');
    let Some(first) = start.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        return true;
    }
    let words = words();
    if !words.may_start(first) {
        return false;
    }
    // A backslash is ASCII and never inside a multi-byte character: dropping its bytes is
    // dropping the character.
    let mut head = [0u8; 3];
    let mut len = 0;
    for b in start.bytes().filter(|&b| b != b'\\').take(head.len()) {
        head[len] = b;
        len += 1;
    }
    words.ascii_start_may_match(&head[..len])
}

/// The token of the first rule that may match (`true`) and matches the whole of `text`, in
/// order: the same as `all_consuming(alt(rules))`, since every rule ends with `eof`.
fn first_match<const N: usize>(text: &str, rules: [(bool, Rule); N]) -> Option<DateToken> {
    rules.into_iter().filter(|(may, _)| *may).find_map(|(_, rule)| rule(text).ok().map(|(_, token)| token))
}

/// A top-level grammar rule: a whole line to a token.
type Rule = for<'a> fn(&'a str) -> PResult<'a, DateToken>;

/// Whether `text` has two runs of ASCII digits: every named date has a day and a year
/// (`August 20, 2021`, `20. August 2021`, `2021年8月20日`; a month name may have a digit
/// too, `Tháng 8`, but never stands for the day or the year).
fn has_two_numbers(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(start) = bytes.iter().position(u8::is_ascii_digit) else {
        return false;
    };
    let number = &bytes[start..];
    let end = number.iter().position(|b| !b.is_ascii_digit()).unwrap_or(number.len());
    number[end..].iter().any(u8::is_ascii_digit)
}

/// Longest line that can be a date, in bytes. The longest real forms (`20 de septiembre de
/// 2021 a las 17:27:00`, `3 місяців 11 днів тому`) are about half of it.
const MAX_LINE: usize = 96;

// ---------------------------------------------------------------------------------------------
// Resolution: range checks and timestamps.

/// A date line whose fields cannot be a real date or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum InvalidDate {
    /// Month outside 1-12.
    #[error("month {0} is out of range")]
    Month(u32),
    /// Day outside 1-31.
    #[error("day {0} is out of range")]
    Day(u32),
    /// A day the month never has (`February 30`, `April 31`).
    #[error("{} {day} does not exist", english_month(*.month))]
    NoSuchDay { month: u32, day: u32 },
    /// February 29 of a common year.
    #[error("February 29, {0} does not exist")]
    NotLeap(u32),
    /// A year chrono cannot represent.
    #[error("year {0} is out of range")]
    Year(u32),
    /// Hour over 23 on a 24-hour clock.
    #[error("hour {0} is out of range")]
    Hour(u32),
    /// Hour outside 1-12 with am/pm.
    #[error("hour {0} is out of range for a 12-hour clock")]
    Hour12(u32),
    /// Minute over 59.
    #[error("minute {0} is out of range")]
    Minute(u32),
    /// Second over 59.
    #[error("second {0} is out of range")]
    Second(u32),
}

fn english_month(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    month.checked_sub(1).and_then(|m| NAMES.get(m as usize)).copied().unwrap_or("month")
}

/// Turns a token into a timestamp and/or an age, with the page's day-month `order` and the
/// reference time `now` (needed for relative and `Today` dates).
///
/// Absolute dates give `(Some(at), None)`; relative ones `(at, Some(ago))` with `at` filled
/// in when `now` is known (and the age fits chrono's range); `Today` gives the date of `now`
/// at the printed time, or `(None, None)` without `now`. Two-digit years: 00-69 are 20xx,
/// 70-99 are 19xx (a printed four-digit year under 100 cannot be told apart and is read the
/// same way).
pub(crate) fn resolve(
    token: &DateToken,
    order: DateOrder,
    now: Option<NaiveDateTime>,
) -> Result<(Option<NaiveDateTime>, Option<Ago>), InvalidDate> {
    match *token {
        DateToken::Numeric { first, second, year, year_first, clock } => {
            let (month, day) = match (year_first, order) {
                (true, _) | (false, DateOrder::MonthFirst) => (first, second),
                (false, DateOrder::DayFirst) => (second, first),
            };
            Ok((Some(timestamp(year.into(), month.into(), day.into(), clock)?), None))
        }
        DateToken::Named { year, month, day, clock } => {
            Ok((Some(timestamp(year.into(), month.into(), day.into(), clock)?), None))
        }
        DateToken::Today { clock } => {
            let time = time_of_day(clock)?;
            Ok((now.map(|n| n.date().and_time(time)), None))
        }
        DateToken::Relative(age) => {
            let ago = age.ago();
            Ok((now.and_then(|n| ago.before(n)), Some(ago)))
        }
    }
}

/// `00`-`69` → 20xx, `70`-`99` → 19xx, anything else as is.
fn full_year(year: u32) -> u32 {
    match year {
        0..=69 => 2000 + year,
        70..=99 => 1900 + year,
        _ => year,
    }
}

fn timestamp(year: u32, month: u32, day: u32, clock: Option<Clock>) -> Result<NaiveDateTime, InvalidDate> {
    let year = full_year(year);
    if !(1..=12).contains(&month) {
        return Err(InvalidDate::Month(month));
    }
    if !(1..=31).contains(&day) {
        return Err(InvalidDate::Day(day));
    }
    let signed = i32::try_from(year).map_err(|_| InvalidDate::Year(year))?;
    let date = NaiveDate::from_ymd_opt(signed, month, day).ok_or_else(|| {
        if month == 2 && day == 29 {
            InvalidDate::NotLeap(year)
        } else if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
            InvalidDate::NoSuchDay { month, day }
        } else {
            InvalidDate::Year(year)
        }
    })?;
    let time = match clock {
        Some(clock) => time_of_day(clock)?,
        None => NaiveTime::MIN,
    };
    Ok(date.and_time(time))
}

/// 12 am is 0h, 12 pm is 12h.
fn time_of_day(clock: Clock) -> Result<NaiveTime, InvalidDate> {
    let (hour, minute, second) = (u32::from(clock.hour), u32::from(clock.minute), u32::from(clock.second));
    let hour = match clock.pm {
        None if hour <= 23 => hour,
        None => return Err(InvalidDate::Hour(hour)),
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return Err(InvalidDate::Hour12(hour)),
    };
    if minute > 59 {
        return Err(InvalidDate::Minute(minute));
    }
    if second > 59 {
        return Err(InvalidDate::Second(second));
    }
    NaiveTime::from_hms_opt(hour, minute, second).ok_or(InvalidDate::Hour(hour))
}

// ---------------------------------------------------------------------------------------------
// Word tables.

/// Month names, one row per language and month (see the file's header for sources).
const MONTHS_TSV: &str = include_str!("months.tsv");

/// Words joining a date and a time: WordPress core prints `%1$s at %2$s` for comments, and
/// its locales translate "at" (de `um`, fr `à`, es `a las`, pt `às`, it `alle`, ru `в`,
/// pl `o`, uk `о`, nl `om`, vi `lúc`, sr `у`, he `בשעה`); `@` and `-` are common in themes.
const JOINERS: [&str; 16] =
    ["at", "um", "à", "a las", "a la", "às", "alle", "в", "o", "о", "om", "lúc", "у", "בשעה", "@", "-"];

/// Hungarian unit words are possessives that already mean "… ago" (`2 éve` is "2 years
/// ago"), and hu has no `wc_ago_text`, so a Hungarian relative date may have no adjective.
const SELF_AGO_UNITS: [&str; 6] = ["éve", "hónapja", "napja", "órája", "perce", "másodperce"];

/// A calendar unit of a relative date, largest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
}

/// The phrase keys whose texts name each unit (singular and plural are interchangeable:
/// sites print `1 years`). `wc_week_text*` are ours, in `phrases/extra.tsv`.
const UNIT_KEYS: [(&str, Unit); 14] = [
    ("wc_year_text", Unit::Year),
    ("wc_year_text_plural", Unit::Year),
    ("wc_month_text", Unit::Month),
    ("wc_month_text_plural", Unit::Month),
    ("wc_week_text", Unit::Week),
    ("wc_week_text_plural", Unit::Week),
    ("wc_day_text", Unit::Day),
    ("wc_day_text_plural", Unit::Day),
    ("wc_hour_text", Unit::Hour),
    ("wc_hour_text_plural", Unit::Hour),
    ("wc_minute_text", Unit::Minute),
    ("wc_minute_text_plural", Unit::Minute),
    ("wc_second_text", Unit::Second),
    ("wc_second_text_plural", Unit::Second),
];

/// Words that name two units in two catalogues: the usual reading, and the adjective that
/// picks the other one. `година` is the Ukrainian singular hour (bundled and pack) and the
/// Serbian singular year (pack only): `1 година тому` is an hour, `пре 1 година` a year.
const AMBIGUOUS_UNITS: [(&str, Unit, &str, Unit); 1] = [("година", Unit::Hour, "пре", Unit::Year)];

/// A unit word: its unit, whether it already means "ago" on its own, and for the
/// [`AMBIGUOUS_UNITS`] the adjective that switches it to another unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct UnitWord {
    unit: Unit,
    self_ago: bool,
    other: Option<(&'static str, Unit)>,
}

impl UnitWord {
    /// The unit this word names next to `adjective` (the catalogue text of the adjective).
    fn unit_with(&self, adjective: Option<&str>) -> Unit {
        match (self.other, adjective) {
            (Some((switch, unit)), Some(adjective)) if switch == adjective => unit,
            _ => self.unit,
        }
    }
}

/// Words (possibly several, `il y a`) stored lowercased in a character trie, for a
/// case-insensitive longest-prefix match that reads the input once, whatever the number of
/// words, and does not allocate.
#[derive(Debug)]
struct Lexicon<T> {
    /// `nodes[0]` is the root.
    nodes: Vec<LexiconNode<T>>,
    /// The root's edges for ASCII characters (0: none): the first step, which rejects most
    /// text, is one load.
    ascii_root: [u32; 128],
}

#[derive(Debug)]
struct LexiconNode<T> {
    /// Outgoing edges, sorted by character.
    edges: Vec<(char, u32)>,
    /// The value of the word that ends here, and whether its last character is CJK.
    word: Option<(T, bool)>,
}

impl<T: Copy> Lexicon<T> {
    fn new() -> Self {
        Lexicon { nodes: vec![LexiconNode { edges: Vec::new(), word: None }], ascii_root: [0; 128] }
    }

    /// Adds a form: lowercased, inner whitespace collapsed, a trailing dot dropped (the
    /// grammar allows one after month names). The first value given for a form is kept.
    fn add(&mut self, form: &str, value: T) {
        self.add_with(form, value, |_, _| {});
    }

    /// [`Lexicon::add`], with `merge` to combine the value of a form given twice.
    fn add_with(&mut self, form: &str, value: T, merge: impl FnOnce(&mut T, T)) {
        let mut lowered = String::with_capacity(form.len());
        for word in form.split(is_space).filter(|w| !w.is_empty()) {
            if !lowered.is_empty() {
                lowered.push(' ');
            }
            lowered.extend(word.chars().flat_map(fold));
        }
        let lowered = lowered.trim_end_matches('.');
        let Some(last) = lowered.chars().next_back() else {
            return;
        };
        let mut node = 0;
        for c in lowered.chars() {
            node = match self.nodes[node].edges.binary_search_by_key(&c, |e| e.0) {
                Ok(i) => self.nodes[node].edges[i].1 as usize,
                Err(i) => {
                    let next = self.nodes.len();
                    self.nodes.push(LexiconNode { edges: Vec::new(), word: None });
                    self.nodes[node].edges.insert(i, (c, next as u32));
                    if node == 0 && c.is_ascii() {
                        self.ascii_root[c as usize] = next as u32;
                    }
                    next
                }
            };
        }
        match &mut self.nodes[node].word {
            Some((old, _)) => merge(old, value),
            word @ None => *word = Some((value, is_cjk(last))),
        }
    }

    #[inline]
    fn step(&self, node: usize, c: char) -> Option<usize> {
        if node == 0 && c.is_ascii() {
            let next = self.ascii_root[c as usize];
            return (next != 0).then_some(next as usize);
        }
        let edges = &self.nodes[node].edges;
        if node == 0 {
            return edges.binary_search_by_key(&c, |e| e.0).ok().map(|i| edges[i].1 as usize);
        }
        // Below the root a node has a few edges: a scan of the sorted list, stopping at the
        // first character not below `c`, costs less than a binary search (measured).
        edges.iter().find(|e| e.0 >= c).filter(|e| e.0 == c).map(|e| e.1 as usize)
    }

    /// The node reached from `node` by input character `c`, compared case-insensitively:
    /// any space matches a space, other characters lowercased.
    #[inline]
    fn step_input(&self, node: usize, c: char) -> Option<usize> {
        if is_space(c) {
            self.step(node, ' ')
        } else if c.is_ascii() {
            self.step(node, c.to_ascii_lowercase())
        } else if let Some(next) = self.step(node, c) {
            // A character of the trie is its own fold (`trie_characters_are_their_own_fold`):
            // stepping with it is stepping with its fold, without Unicode case mapping.
            Some(next)
        } else if crate::phrases::is_own_lowercase(c) {
            None
        } else {
            fold(c).try_fold(node, |node, lower| self.step(node, lower))
        }
    }

    /// The value of the longest form that `input` starts with and that ends on a word
    /// boundary, with the rest of the input.
    fn longest<'a>(&self, input: &'a str) -> Option<(T, &'a str)> {
        let mut best = None;
        self.each_prefix(input, |value, rest| best = Some((value, rest)));
        best
    }

    /// Calls `found` with the value and the rest of the input of every form that `input`
    /// starts with and that ends on a word boundary, shortest first.
    /// An ASCII input byte steps without decoding a character or folding case.
    #[inline]
    fn each_prefix<'a>(&self, input: &'a str, mut found: impl FnMut(T, &'a str)) {
        let bytes = input.as_bytes();
        let mut node = 0;
        let mut at = 0;
        loop {
            if let Some((value, ends_cjk)) = self.nodes[node].word {
                // The next byte settles the boundary when it is ASCII or absent: the rest is
                // sliced (a char-boundary check) only for a match or a non-ASCII byte.
                let ascii_boundary = match bytes.get(at) {
                    None => Some(true),
                    Some(b) if b.is_ascii() => Some(ends_cjk || !b.is_ascii_alphanumeric()),
                    Some(_) => None,
                };
                match ascii_boundary {
                    Some(false) => {}
                    Some(true) => found(value, &input[at..]),
                    None => {
                        let rest = &input[at..];
                        if at_boundary(ends_cjk, rest) {
                            found(value, rest);
                        }
                    }
                }
            }
            let child = match bytes.get(at) {
                None => return,
                Some(&b) if b.is_ascii() => {
                    at += 1;
                    self.step(node, char::from(ascii_key(b)))
                }
                Some(_) => input[at..].chars().next().and_then(|c| {
                    at += c.len_utf8();
                    self.step_input(node, c)
                }),
            };
            match child {
                Some(child) => node = child,
                None => return,
            }
        }
    }

    /// For each ASCII character `a` (as the trie stores it), the set of ASCII characters `c`
    /// (bit `c`) that the walk can step to after it: every one when `a` alone is a form.
    /// Input that starts with two ASCII characters not in it matches nothing.
    fn ascii_pairs(&self) -> [u128; 128] {
        let mut pairs = [0; 128];
        for (a, pair) in (0u8..128).zip(pairs.iter_mut()) {
            let Some(node) = self.step(0, char::from(a)) else {
                continue;
            };
            if self.nodes[node].word.is_some() {
                *pair = u128::MAX;
            }
            for &(c, _) in &self.nodes[node].edges {
                if c.is_ascii() {
                    *pair |= 1 << u32::from(c);
                }
            }
        }
        pairs
    }

    /// For each pair of lowercase ASCII letters `a b` ([`letter_pair`]), the set of ASCII
    /// characters `c` (bit `c`, as [`ascii_key`] gives it) that the walk can read third:
    /// every one when `a` or `a b` is a form (the walk may stop there and match, whatever
    /// follows). Input that starts with `a b c`, all ASCII, and `c` not in it matches nothing.
    fn ascii_triples(&self) -> Vec<u128> {
        let mut triples = vec![0; 26 * 26];
        for a in b'a'..=b'z' {
            let Some(first) = self.step(0, char::from(a)) else {
                continue;
            };
            for b in b'a'..=b'z' {
                let set = &mut triples[letter_pair(a, b)];
                if self.nodes[first].word.is_some() {
                    *set = u128::MAX;
                    continue;
                }
                let Some(second) = self.step(first, char::from(b)) else {
                    continue;
                };
                if self.nodes[second].word.is_some() {
                    *set = u128::MAX;
                }
                for &(c, _) in &self.nodes[second].edges {
                    if c.is_ascii() {
                        *set |= 1 << u32::from(c);
                    }
                }
            }
        }
        triples
    }

    /// The characters on each node's edges (to test what the walk relies on).
    #[cfg(test)]
    fn edge_chars(&self) -> Vec<Vec<char>> {
        self.nodes.iter().map(|n| n.edges.iter().map(|e| e.0).collect()).collect()
    }

    fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.nodes[0].edges.iter().map(|e| e.0)
    }
}

/// Every word table, built once.
#[derive(Debug)]
struct Words {
    months: Lexicon<u8>,
    units: Lexicon<UnitWord>,
    /// Relative adjectives, with their catalogue text.
    ago: Lexicon<&'static str>,
    right_now: Lexicon<()>,
    today: Lexicon<()>,
    joiners: Lexicon<()>,
    /// The words of `months`, `ago`, `right_now` and `today` in one trie, each with the
    /// tables it is in ([`MONTH`], [`AGO`], [`RIGHT_NOW`], [`TODAY`]): what a date line
    /// that does not start with a digit starts with.
    first_words: Lexicon<u8>,
    /// Lowercase ASCII characters that can start a date line that does not start with a digit.
    ascii_starts: [bool; 128],
    /// The same for other characters, sorted.
    other_starts: Vec<char>,
    /// [`Lexicon::ascii_pairs`] of `first_words`.
    first_pairs: [u128; 128],
    /// [`Lexicon::ascii_triples`] of `first_words`: the pairs let through `th` (`tháng`),
    /// `ma` (`mars`, `mai`), `de` (`dez`)...; the third character stops most words.
    first_triples: Vec<u128>,
}

impl Words {
    fn load() -> Words {
        let catalog = crate::phrases::catalog();
        let mut first_words = Lexicon::new();
        let mut months = Lexicon::new();
        for row in MONTHS_TSV.lines().skip(1).filter(|r| !r.starts_with('#')) {
            let mut cells = row.split('\t');
            let (Some(_lang), Some(Ok(month))) = (cells.next(), cells.next().map(str::parse::<u8>)) else {
                continue;
            };
            for form in cells.flat_map(|cell| cell.split('|')) {
                months.add(form, month);
                first_words.add_with(form, MONTH, merge_kinds);
            }
        }
        let mut units = Lexicon::new();
        for (word, unit, adjective, other) in AMBIGUOUS_UNITS {
            units.add(word, UnitWord { unit, self_ago: false, other: Some((adjective, other)) });
        }
        for (key, unit) in UNIT_KEYS {
            for text in catalog.texts(key) {
                let self_ago = SELF_AGO_UNITS.iter().any(|w| w.eq_ignore_ascii_case(text));
                units.add(text, UnitWord { unit, self_ago, other: None });
            }
        }
        let mut ago = Lexicon::new();
        for text in catalog.texts("wc_ago_text") {
            ago.add(text, *text);
            first_words.add_with(text, AGO, merge_kinds);
        }
        for (key, kind) in [("wc_right_now_text", RIGHT_NOW), ("wc_posted_today_text", TODAY)] {
            for text in catalog.texts(key) {
                first_words.add_with(text, kind, merge_kinds);
            }
        }
        let phrases = |key: &str| {
            let mut lexicon = Lexicon::new();
            for text in catalog.texts(key) {
                lexicon.add(text, ());
            }
            lexicon
        };
        let mut joiners = Lexicon::new();
        for joiner in JOINERS {
            joiners.add(joiner, ());
        }
        let mut words = Words {
            months,
            units,
            ago,
            right_now: phrases("wc_right_now_text"),
            today: phrases("wc_posted_today_text"),
            joiners,
            first_words,
            ascii_starts: [false; 128],
            other_starts: Vec::new(),
            first_pairs: [0; 128],
            first_triples: Vec::new(),
        };
        words.first_pairs = words.first_words.ascii_pairs();
        words.first_triples = words.first_words.ascii_triples();
        let starts: Vec<char> = (words.months.first_chars())
            .chain(words.ago.first_chars())
            .chain(words.right_now.first_chars())
            .chain(words.today.first_chars())
            .collect();
        for c in starts {
            match u8::try_from(c) {
                Ok(b) if b.is_ascii() => words.ascii_starts[usize::from(b)] = true,
                _ => words.other_starts.push(c),
            }
        }
        words.other_starts.sort_unstable();
        words.other_starts.dedup();
        words
    }

    /// The tables ([`MONTH`], [`AGO`], [`RIGHT_NOW`], [`TODAY`]) of the words that `text`
    /// starts with (ending on a word boundary), 0 for none: every date form that does not
    /// start with a digit starts with one of them. A trie walk of a few characters rejects
    /// most text, and the rules of the other tables are not tried.
    fn first_word_kinds(&self, text: &str) -> u8 {
        if !self.ascii_start_may_match(text.as_bytes()) {
            return 0;
        }
        let mut kinds = 0;
        self.first_words.each_prefix(text, |kind, _| kinds |= kind);
        kinds
    }

    /// Whether the walk of `first_words` can find a word at the start of `head` as far as
    /// its first two or three bytes tell, when they are ASCII: `false` only when it would
    /// stop at the second or third character ([`Lexicon::ascii_pairs`],
    /// [`Lexicon::ascii_triples`]).
    #[inline]
    fn ascii_start_may_match(&self, head: &[u8]) -> bool {
        let (a, b) = match *head {
            [a, b, ..] if a.is_ascii() && b.is_ascii() => (ascii_key(a), ascii_key(b)),
            _ => return true,
        };
        if self.first_pairs[usize::from(a)] >> b & 1 == 0 {
            return false; // the walk would stop at the second character
        }
        match head.get(2) {
            Some(&c) if c.is_ascii() && a.is_ascii_lowercase() && b.is_ascii_lowercase() => {
                self.first_triples[letter_pair(a, b)] >> ascii_key(c) & 1 != 0
            }
            _ => true,
        }
    }

    /// Whether a line starting with `c` (not a digit) can be a date.
    fn may_start(&self, c: char) -> bool {
        let c = lower_first(c);
        match u8::try_from(c) {
            Ok(b) if b.is_ascii() => self.ascii_starts[usize::from(b)],
            _ => self.other_starts.binary_search(&c).is_ok(),
        }
    }
}

/// The index of two lowercase ASCII letters in [`Lexicon::ascii_triples`].
fn letter_pair(a: u8, b: u8) -> usize {
    usize::from(a - b'a') * 26 + usize::from(b - b'a')
}

/// The tables a word of [`Words::first_words`] is in (bits).
const MONTH: u8 = 1;
const AGO: u8 = 2;
const RIGHT_NOW: u8 = 4;
const TODAY: u8 = 8;

fn merge_kinds(kinds: &mut u8, kind: u8) {
    *kinds |= kind;
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(Words::load)
}

/// Spaces inside a date line: ASCII, tab, and the no-break spaces WordPress and
/// converters leave (NBSP, narrow NBSP, thin and figure spaces).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// Scripts written without spaces between words: a word boundary is not needed there.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x3000..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// An ASCII input character as [`Lexicon::step_input`] steps with it: a space as `' '`,
/// a letter lowercased (one load).
fn ascii_key(b: u8) -> u8 {
    ASCII_KEYS[usize::from(b & 0x7f)]
}

/// [`ascii_key`] of each ASCII character: the ASCII spaces of [`is_space`] are `' '` and
/// `'\t'`.
const ASCII_KEYS: [u8; 128] = {
    let mut keys = [0; 128];
    let mut b = 0;
    while b < 128 {
        keys[b as usize] = if b == b'\t' { b' ' } else { b.to_ascii_lowercase() };
        b += 1;
    }
    keys
};

fn lower_first(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        fold(c).next().unwrap_or(c)
    }
}

/// Lowercase for comparison. Turkish dotted capital `İ` and dotless `ı` fold to `i`, so
/// that `MAYIS`, `Mayıs` and `mayıs` match (`İ` would otherwise lowercase to two chars).
fn fold(c: char) -> std::char::ToLowercase {
    if c == 'İ' || c == 'ı' {
        'I'.to_lowercase()
    } else {
        c.to_lowercase()
    }
}

/// Length in bytes of the prefix of `input` equal to the lowercase `form` ignoring case
/// (any space matches a space), or `None`: the comparison [`Lexicon`] makes, one form at a
/// time (kept to test it).
#[cfg(test)]
fn ci_prefix(input: &str, form: &str) -> Option<usize> {
    let mut want = form.chars();
    let mut pending = want.next();
    for (at, c) in input.char_indices() {
        if pending.is_none() {
            return Some(at);
        }
        if is_space(c) {
            if pending != Some(' ') {
                return None;
            }
            pending = want.next();
        } else if c.is_ascii() {
            if pending != Some(c.to_ascii_lowercase()) {
                return None;
            }
            pending = want.next();
        } else {
            for lower in fold(c) {
                if pending != Some(lower) {
                    return None;
                }
                pending = want.next();
            }
        }
    }
    pending.is_none().then_some(input.len())
}

/// A form matched at the start of a word ends on a boundary: the input ends, or goes on
/// with a non-alphanumeric character, or either side is CJK (`form_ends_cjk`: the form's
/// last character is).
fn at_boundary(form_ends_cjk: bool, rest: &str) -> bool {
    match rest.as_bytes().first() {
        None => true,
        // An ASCII character is alphanumeric as `char::is_alphanumeric` says, and never CJK.
        Some(b) if b.is_ascii() => form_ends_cjk || !b.is_ascii_alphanumeric(),
        Some(_) => {
            rest.chars().next().is_some_and(|next| !next.is_alphanumeric() || is_cjk(next) || form_ends_cjk)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Grammar.

type PResult<'a, T> = IResult<&'a str, T>;

fn fail<T>(i: &str) -> PResult<'_, T> {
    Err(nom::Err::Error(NomError::new(i, ErrorKind::Verify)))
}

/// `tag_no_case` for an ASCII tag, comparing bytes: no character outside ASCII lowercases
/// to a letter of the tags used here (`am`, `th`, `uhr`, ...), so the result is the same,
/// without Unicode case mapping on every attempt.
fn ascii_tag<'a>(tag: &'static str) -> impl Fn(&'a str) -> PResult<'a, &'a str> {
    move |i: &'a str| match i.as_bytes().get(..tag.len()) {
        Some(head) if head.eq_ignore_ascii_case(tag.as_bytes()) => Ok((&i[tag.len()..], &i[..tag.len()])),
        _ => Err(nom::Err::Error(NomError::new(i, ErrorKind::Tag))),
    }
}

/// One or more spaces.
fn sp1(i: &str) -> PResult<'_, &str> {
    match sp0(i)? {
        (_, "") => Err(nom::Err::Error(NomError::new(i, ErrorKind::TakeWhile1))),
        spaces => Ok(spaces),
    }
}

/// Any number of spaces.
fn sp0(i: &str) -> PResult<'_, &str> {
    let rest = skip_spaces(i);
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// `i` after its leading spaces ([`is_space`]), read as bytes: every rule skips spaces, most
/// often none or one ASCII space, and decoding characters for it cost more than the rest.
fn skip_spaces(i: &str) -> &str {
    let mut rest = i;
    while let Some(&first) = rest.as_bytes().first() {
        let width = match (first, rest.as_bytes()) {
            (b' ' | b'\t', _) => 1,
            (0xC2, [_, 0xA0, ..]) => 2,                     // U+00A0 no-break space
            (0xE2, [_, 0x80, 0x87 | 0x89 | 0xAF, ..]) => 3, // U+2007 figure, U+2009 thin, U+202F narrow NBSP
            _ => break,
        };
        rest = &rest[width..];
    }
    rest
}

/// One or more ASCII digits: nom's `digit1`, reading bytes instead of decoding characters.
fn digit1(i: &str) -> PResult<'_, &str> {
    let run = digits_len(i);
    if run == 0 {
        return Err(nom::Err::Error(NomError::new(i, ErrorKind::Digit)));
    }
    Ok((&i[run..], &i[..run]))
}

/// A run of ASCII digits of `min..=max` (at most 4) characters, as a number.
fn digits(i: &str, min: usize, max: usize) -> PResult<'_, u16> {
    let (rest, run) = digit1.parse(i)?;
    if run.len() < min || run.len() > max {
        return fail(i);
    }
    Ok((rest, decimal(run)))
}

/// The value of a run of at most four ASCII digits (at most 9999: never overflows).
fn decimal(run: &str) -> u16 {
    run.bytes().take(4).fold(0, |n, b| n * 10 + u16::from(b.wrapping_sub(b'0') % 10))
}

/// A day, month or hour: one or two digits (at most 99, so the `u8` conversion never fails).
fn small_number(i: &str) -> PResult<'_, u8> {
    map_res(|i| digits(i, 1, 2), u8::try_from).parse(i)
}

/// Minutes or seconds: exactly two digits (at most 99, as [`small_number`]).
fn two_digits(i: &str) -> PResult<'_, u8> {
    map_res(|i| digits(i, 2, 2), u8::try_from).parse(i)
}

/// A year as printed: two or four digits.
fn year_number(i: &str) -> PResult<'_, u16> {
    let (rest, run) = digit1.parse(i)?;
    match run.len() {
        2 | 4 => Ok((rest, decimal(run))),
        _ => fail(i),
    }
}

/// A four-digit year.
fn year4(i: &str) -> PResult<'_, u16> {
    digits(i, 4, 4)
}

/// The count of a relative date; one that does not fit `u32` is no count.
fn count(i: &str) -> PResult<'_, u32> {
    let (rest, run) = digit1(i)?;
    // `str::parse::<u32>` on the digits, without its sign and radix handling.
    let value = run.bytes().try_fold(0u32, |n, b| n.checked_mul(10)?.checked_add(u32::from(b - b'0')));
    match value {
        Some(value) => Ok((rest, value)),
        None => fail(i),
    }
}

/// `am`, `pm`, `a.m.`, `p.m.` in any case: `Some(true)` for pm.
///
/// The first letter says am or pm; the rest is `.m.` or `m`, tried in that order.
fn meridiem(i: &str) -> PResult<'_, bool> {
    let pm = match i.as_bytes().first() {
        Some(b'a' | b'A') => false,
        Some(b'p' | b'P') => true,
        _ => return fail(i),
    };
    // The first byte is ASCII: a character boundary follows it.
    let rest = &i[1..];
    match ascii_tag(".m.")(rest).or_else(|_| ascii_tag("m")(rest)) {
        Ok((rest, _)) => Ok((rest, pm)),
        Err(_) => fail(i),
    }
}

/// [`meridiem`] as nom alternatives (kept to test the reading above).
#[cfg(test)]
fn meridiem_alternatives(i: &str) -> PResult<'_, bool> {
    alt((
        value(false, alt((ascii_tag("a.m."), ascii_tag("am")))),
        value(true, alt((ascii_tag("p.m."), ascii_tag("pm")))),
    ))
    .parse(i)
}

/// A time of day: `H:i`, `H:i:s`, `G:i`, `g:i a`, `g:i A`, `g:ia`, `g:i a.m.`, `H:i \U\h\r`, French
/// `17 h 27` / `17h27` / `17 h 27 min`, Chinese and Japanese `下午5:27` / `午後5:27`.
///
/// Read by its first byte: the colon and French forms start with the hour and differ by
/// the byte after it (`:`, or a space or `h`), the CJK form starts with its marker; the
/// hour is read once. `clock_alternatives` (tests) is the grammar as nom alternatives.
fn clock(i: &str) -> PResult<'_, Clock> {
    if !i.starts_with(|c: char| c.is_ascii_digit()) {
        return cjk_clock(i);
    }
    let (rest, hour) = small_number(i)?;
    if let Some(after) = rest.strip_prefix(':') {
        // `H:i`: the French form would need a space or `h` where the colon is.
        let (rest, minute) = two_digits(after)?;
        let (rest, second) = match rest.strip_prefix(':').map(two_digits) {
            Some(Ok((rest, second))) => (rest, second),
            _ => (rest, 0),
        };
        let (rest, pm) = meridiem_or_uhr(rest);
        return Ok((rest, Clock { hour, minute, second, pm }));
    }
    // French `17 h 27`, `17h27`, `17 h 27 min`.
    let after = skip_spaces(rest);
    let after = match after.as_bytes().first() {
        Some(b'h' | b'H') => &after[1..],
        _ => return fail(i),
    };
    let (rest, minute) = two_digits(skip_spaces(after))?;
    let rest = ascii_tag("min")(skip_spaces(rest)).map_or(rest, |(rest, _)| rest);
    Ok((rest, Clock { hour, minute, second: 0, pm: None }))
}

/// What may follow `H:i[:s]`: spaces and `am`/`pm` (`Some`), or `Uhr` (`None`); nothing
/// read when neither follows.
fn meridiem_or_uhr(i: &str) -> (&str, Option<bool>) {
    let spaced = skip_spaces(i);
    if let Ok((rest, pm)) = meridiem(spaced) {
        return (rest, Some(pm));
    }
    match ascii_tag("uhr")(spaced) {
        Ok((rest, _)) => (rest, None),
        Err(_) => (i, None),
    }
}

/// [`clock`] as nom alternatives (kept to test the reading above).
#[cfg(test)]
fn clock_alternatives(i: &str) -> PResult<'_, Clock> {
    alt((colon_clock, french_clock, cjk_clock)).parse(i)
}

#[cfg(test)]
fn colon_clock(i: &str) -> PResult<'_, Clock> {
    let (i, (hour, _, minute, second, pm)) = (
        small_number,
        char(':'),
        two_digits,
        opt(preceded(char(':'), two_digits)),
        opt(preceded(sp0, alt((meridiem.map(Some), value(None, ascii_tag("uhr")))))),
    )
        .parse(i)?;
    Ok((i, Clock { hour, minute, second: second.unwrap_or(0), pm: pm.flatten() }))
}

/// French WordPress prints `G \h i` (`17 h 27`), sometimes with `min`.
#[cfg(test)]
fn french_clock(i: &str) -> PResult<'_, Clock> {
    let (i, (hour, _, _, _, minute, _)) =
        (small_number, sp0, one_of("hH"), sp0, two_digits, opt((sp0, ascii_tag("min")))).parse(i)?;
    Ok((i, Clock { hour, minute, second: 0, pm: None }))
}

/// WordPress zh_CN prints `ag:i`: `上午10:05`, `下午5:27` (ja: `午前`, `午後`).
fn cjk_clock(i: &str) -> PResult<'_, Clock> {
    let (i, (pm, _, hour, _, minute, second)) = (
        alt((value(false, alt((tag("上午"), tag("午前")))), value(true, alt((tag("下午"), tag("午後")))))),
        sp0,
        small_number,
        char(':'),
        two_digits,
        opt(preceded(char(':'), two_digits)),
    )
        .parse(i)?;
    Ok((i, Clock { hour, minute, second: second.unwrap_or(0), pm: Some(pm) }))
}

/// A localized "at" word ([`JOINERS`]).
fn joiner(i: &str) -> PResult<'_, ()> {
    match words().joiners.longest(i) {
        Some(((), rest)) => Ok((rest, ())),
        None => fail(i),
    }
}

/// Between a date and its time: spaces, or a comma, each optionally followed by a
/// localized "at" (`, `, ` at `, ` um `, `, à `).
fn date_time_sep(i: &str) -> PResult<'_, ()> {
    let spaced = skip_spaces(i);
    let rest = match spaced.strip_prefix(',') {
        Some(rest) => skip_spaces(rest),
        None if spaced.len() < i.len() => spaced,
        None => return fail(i),
    };
    Ok((after_joiner(rest), ()))
}

/// `i` after a localized "at" and the spaces after it, or `i` when it has no such word.
fn after_joiner(i: &str) -> &str {
    match joiner(i) {
        Ok((rest, ())) => match skip_spaces(rest) {
            spaced if spaced.len() < rest.len() => spaced,
            _ => i,
        },
        Err(_) => i,
    }
}

/// [`date_time_sep`] as nom alternatives (kept to test the reading above).
#[cfg(test)]
fn date_time_sep_alternatives(i: &str) -> PResult<'_, ()> {
    alt((value((), (sp0, char(','), sp0, opt((joiner, sp1)))), value((), (sp1, opt((joiner, sp1)))))).parse(i)
}

/// `(first, second, year, year_first)` of `d-m-y`, `d/m/Y`, `d.m.Y`, `m/d/Y`, `Y-m-d`,
/// `Y/m/d`, `Y.m.d`: the same separator twice; day and month one or two digits, the year
/// two or four (four when it comes first). `d.m.Y.` (Serbian) may end with a dot.
fn numeric_date(i: &str) -> PResult<'_, (u8, u8, u16, bool)> {
    let start = i;
    let (i, a) = digit1(i)?;
    let sep = match i.as_bytes().first() {
        Some(&sep @ (b'-' | b'/' | b'.')) => sep,
        _ => return fail(start),
    };
    let (i, b) = digit1(&i[1..])?;
    if i.as_bytes().first() != Some(&sep) {
        return fail(start);
    }
    let (i, c) = digit1(&i[1..])?;
    let short = |s: &str| (1..=2).contains(&s.len());
    let year_first = a.len() == 4 && short(b) && short(c);
    if !year_first && !(short(a) && short(b) && (c.len() == 2 || c.len() == 4)) {
        return fail(start);
    }
    let i = if sep == b'.' && !year_first { i.strip_prefix('.').unwrap_or(i) } else { i };
    let (first, second, year) = if year_first { (b, c, a) } else { (a, b, c) };
    // `first` and `second` have one or two digits (checked above): they fit a `u8`.
    let (Ok(first), Ok(second)) = (u8::try_from(decimal(first)), u8::try_from(decimal(second))) else {
        return fail(start);
    };
    Ok((i, (first, second, decimal(year), year_first)))
}

/// A numeric date, optionally followed by a time.
fn numeric_line(i: &str) -> PResult<'_, DateToken> {
    let (rest, (first, second, year, year_first)) = numeric_date(i)?;
    let clock = match rest {
        "" => None,
        _ => Some(whole_clock(date_time_sep(rest)?.0).ok_or_else(|| nom_error(i))?),
    };
    Ok(("", DateToken::Numeric { first, second, year, year_first, clock }))
}

/// A clock that is the whole of `i`.
fn whole_clock(i: &str) -> Option<Clock> {
    match clock(i) {
        Ok(("", clock)) => Some(clock),
        _ => None,
    }
}

/// The error of a rule that does not match `i`.
fn nom_error(i: &str) -> nom::Err<NomError<&str>> {
    nom::Err::Error(NomError::new(i, ErrorKind::Verify))
}

/// [`numeric_line`] as the nom grammar states it (kept to test the reading above).
#[cfg(test)]
fn numeric_line_nom(i: &str) -> PResult<'_, DateToken> {
    let (i, ((first, second, year, year_first), clock, _)) =
        (numeric_date_nom, opt(preceded(date_time_sep_alternatives, clock_alternatives)), eof).parse(i)?;
    Ok((i, DateToken::Numeric { first, second, year, year_first, clock }))
}

/// [`numeric_date`] as the nom grammar states it.
#[cfg(test)]
fn numeric_date_nom(i: &str) -> PResult<'_, (u8, u8, u16, bool)> {
    let start = i;
    let (i, (a, sep, b)) = (digit1, one_of("-/."), digit1).parse(i)?;
    let (i, c) = preceded(char(sep), digit1).parse(i)?;
    let short = |s: &str| (1..=2).contains(&s.len());
    let year_first = a.len() == 4 && short(b) && short(c);
    if !year_first && !(short(a) && short(b) && (c.len() == 2 || c.len() == 4)) {
        return fail(start);
    }
    let (i, _) = if sep == '.' && !year_first { opt(char('.')).parse(i)? } else { (i, None) };
    let (first, second, year) = if year_first { (b, c, a) } else { (a, b, c) };
    let (Ok(first), Ok(second)) = (u8::try_from(decimal(first)), u8::try_from(decimal(second))) else {
        return fail(start);
    };
    Ok((i, (first, second, decimal(year), year_first)))
}

/// A month name of any language in `months.tsv`, case-insensitively, with an optional dot
/// after it; the month number.
fn month_name(i: &str) -> PResult<'_, u8> {
    match words().months.longest(i) {
        Some((month, rest)) => {
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            Ok((rest, month))
        }
        None => fail(i),
    }
}

/// An English or French ordinal suffix after a day: `20th`, `1st`, `1er`.
///
/// Two ASCII letters compared as a pair, instead of five tags tried in turn.
fn ordinal(i: &str) -> PResult<'_, &str> {
    match i.as_bytes() {
        [a, b, ..]
            if matches!(
                [a.to_ascii_lowercase(), b.to_ascii_lowercase()],
                [b's', b't'] | [b'n', b'd'] | [b'r', b'd'] | [b't', b'h'] | [b'e', b'r']
            ) =>
        {
            // Both bytes are ASCII: index 2 is a character boundary.
            Ok((&i[2..], &i[..2]))
        }
        _ => Err(nom::Err::Error(NomError::new(i, ErrorKind::Tag))),
    }
}

/// [`ordinal`] as nom alternatives (kept to test the reading above).
#[cfg(test)]
fn ordinal_alternatives(i: &str) -> PResult<'_, &str> {
    alt((ascii_tag("st"), ascii_tag("nd"), ascii_tag("rd"), ascii_tag("th"), ascii_tag("er"))).parse(i)
}

/// Spanish and Portuguese `de` between day, month and year.
fn de(i: &str) -> PResult<'_, ()> {
    value((), (ascii_tag("de"), sp1)).parse(i)
}

/// `F j, Y`, `M j, Y`, `M. j, Y`, `F jS, Y`, `F j Y`, `Tháng 8 20, 2021`: `(year, month, day)`.
fn month_first(i: &str) -> PResult<'_, (u16, u8, u8)> {
    let (rest, month) = month_name(i)?;
    let (rest, day) = small_number(sp1(rest)?.0)?;
    let rest = ordinal(rest).map_or(rest, |(rest, _)| rest);
    let rest = match comma(rest) {
        Some(rest) => rest,
        None => sp1(rest)?.0,
    };
    let (rest, year) = year_number(rest)?;
    Ok((rest, (year, month, day)))
}

/// `i` after a comma with any spaces around it, or `None`.
fn comma(i: &str) -> Option<&str> {
    skip_spaces(i).strip_prefix(',').map(skip_spaces)
}

/// `i` after a Spanish or Portuguese `de` and its spaces ([`de`]), or `i`.
fn after_de(i: &str) -> &str {
    de(i).map_or(i, |(rest, ())| rest)
}

/// [`month_first`] as the nom grammar states it.
#[cfg(test)]
fn month_first_nom(i: &str) -> PResult<'_, (u16, u8, u8)> {
    let (i, (month, _, day, _, _, year)) = (
        month_name,
        sp1,
        small_number,
        opt(ordinal),
        alt((value((), (sp0, char(','), sp0)), value((), sp1))),
        year_number,
    )
        .parse(i)?;
    Ok((i, (year, month, day)))
}

/// `j F Y`, `j. F Y`, `j F, Y`, `d F Y`, `d-M-Y`, `jS F Y`, `20 de agosto de 2021`,
/// `20 באוגוסט 2021`, `20 Tháng Tám, 2021`: `(year, month, day)`.
fn day_first(i: &str) -> PResult<'_, (u16, u8, u8)> {
    let (rest, day) = small_number(i)?;
    let rest = ordinal(rest).map_or(rest, |(rest, _)| rest);
    let rest = match rest.strip_prefix('-') {
        Some(rest) => rest,
        None => after_de(sp1(rest.strip_prefix('.').unwrap_or(rest))?.0),
    };
    let (rest, month) = month_name(rest)?;
    let rest = match (rest.strip_prefix('-'), comma(rest)) {
        (Some(rest), _) | (None, Some(rest)) => rest,
        (None, None) => after_de(sp1(rest)?.0),
    };
    let (rest, year) = year_number(rest)?;
    Ok((rest, (year, month, day)))
}

/// [`day_first`] as the nom grammar states it.
#[cfg(test)]
fn day_first_nom(i: &str) -> PResult<'_, (u16, u8, u8)> {
    let (i, (day, _, _, month, _, year)) = (
        small_number,
        opt(ordinal),
        alt((value((), char('-')), value((), (opt(char('.')), sp1, opt(de))))),
        month_name,
        alt((value((), char('-')), value((), (sp0, char(','), sp0)), value((), (sp1, opt(de))))),
        year_number,
    )
        .parse(i)?;
    Ok((i, (year, month, day)))
}

/// Hungarian `Y. F j.` (`2021. augusztus 20.`): `(year, month, day)`.
fn year_first_named(i: &str) -> PResult<'_, (u16, u8, u8)> {
    let (i, (year, _, _, month, _, day, _)) =
        (year4, char('.'), sp1, month_name, sp1, small_number, opt(char('.'))).parse(i)?;
    Ok((i, (year, month, day)))
}

/// Chinese and Japanese `Y年n月j日`: `(year, month, day)`.
fn cjk_date(i: &str) -> PResult<'_, (u16, u8, u8)> {
    let (i, (year, _, _, _, month, _, _, _, day, _, _)) = (
        year_number,
        sp0,
        char('年'),
        sp0,
        small_number,
        sp0,
        char('月'),
        sp0,
        small_number,
        sp0,
        char('日'),
    )
        .parse(i)?;
    Ok((i, (year, month, day)))
}

/// A date with a month name, in any of the orders above: `(year, month, day)`.
///
/// The forms are tried in that order, the first that reads a date is the answer; a form
/// whose first number cannot be (`day_first` and `cjk_date` need one or two digits or two
/// or four, `year_first_named` four) is not tried.
fn named_date(i: &str) -> PResult<'_, (u16, u8, u8)> {
    if let Ok(found) = month_first(i) {
        return Ok(found);
    }
    let run = digits_len(i);
    if (1..=2).contains(&run) {
        if let Ok(found) = day_first(i) {
            return Ok(found);
        }
    }
    if run == 4 {
        if let Ok(found) = year_first_named(i) {
            return Ok(found);
        }
    }
    if run == 2 || run == 4 {
        return cjk_date(i);
    }
    fail(i)
}

/// [`named_date`] as nom alternatives of the nom forms.
#[cfg(test)]
fn named_date_alternatives(i: &str) -> PResult<'_, (u16, u8, u8)> {
    alt((month_first_nom, day_first_nom, year_first_named, cjk_date)).parse(i)
}

/// What may follow a year: a dot (Serbian `2021.`), Russian `г.`, Ukrainian `р.`.
fn year_suffix(i: &str) -> PResult<'_, ()> {
    if let Some(rest) = i.strip_prefix('.') {
        return Ok((rest, ()));
    }
    let spaced = skip_spaces(i);
    match ["г.", "р.", "г", "р"].into_iter().find_map(|suffix| spaced.strip_prefix(suffix)) {
        Some(rest) => Ok((rest, ())),
        None => fail(i),
    }
}

/// [`year_suffix`] as nom alternatives.
#[cfg(test)]
fn year_suffix_alternatives(i: &str) -> PResult<'_, ()> {
    alt((value((), char('.')), value((), (sp0, alt((tag("г."), tag("р."), tag("г"), tag("р"))))))).parse(i)
}

/// A named date, optionally followed by a time (right after `日` in CJK dates).
fn named_line(i: &str) -> PResult<'_, DateToken> {
    let (rest, (year, month, day)) = named_date(i)?;
    let rest = year_suffix(rest).map_or(rest, |(rest, ())| rest);
    let clock = match rest {
        "" => None,
        // No separator: nothing (`sp0`) before the clock.
        _ => Some(
            whole_clock(date_time_sep(rest).map_or(rest, |(rest, ())| rest)).ok_or_else(|| nom_error(i))?,
        ),
    };
    Ok(("", DateToken::Named { year, month, day, clock }))
}

/// [`named_line`] as the nom grammar states it (kept to test the reading above).
#[cfg(test)]
fn named_line_nom(i: &str) -> PResult<'_, DateToken> {
    let (i, ((year, month, day), _, clock, _)) = (
        named_date_alternatives,
        opt(year_suffix_alternatives),
        opt(preceded(alt((date_time_sep_alternatives, value((), sp0))), clock_alternatives)),
        eof,
    )
        .parse(i)?;
    Ok((i, DateToken::Named { year, month, day, clock }))
}

/// `Today 5:27 pm`, `Today, 17:27`, `Today at 5:27 pm`.
fn today_line(i: &str) -> PResult<'_, DateToken> {
    let (i, (_, _, clock, _)) = (today_word, date_time_sep, clock, eof).parse(i)?;
    Ok((i, DateToken::Today { clock }))
}

fn today_word(i: &str) -> PResult<'_, ()> {
    match words().today.longest(i) {
        Some(((), rest)) => Ok((rest, ())),
        None => fail(i),
    }
}

/// A unit word of any catalogue (`years`, `Jahre`, `années`, `лет`, `天`); singular and
/// plural alike.
fn unit_word(i: &str) -> PResult<'_, UnitWord> {
    match words().units.longest(i) {
        Some((unit, rest)) => Ok((rest, unit)),
        None => fail(i),
    }
}

/// The relative adjective of any catalogue (`ago`, `zuvor`, `il y a`, `назад`, `之前`), as
/// its catalogue text.
fn ago_word(i: &str) -> PResult<'_, &'static str> {
    match words().ago.longest(i) {
        Some((text, rest)) => Ok((rest, text)),
        None => fail(i),
    }
}

/// A "right now" phrase of any catalogue (`right now`, `gerade eben`, `à l’instant`).
fn right_now(i: &str) -> PResult<'_, ()> {
    match words().right_now.longest(i) {
        Some(((), rest)) => Ok((rest, ())),
        None => fail(i),
    }
}

/// `N unit`, with or without a space (`3 days`, `3天`).
fn relative_part(i: &str) -> PResult<'_, (u32, UnitWord)> {
    let (i, n) = count(i)?;
    let (i, unit) = unit_word(skip_spaces(i))?;
    Ok((i, (n, unit)))
}

/// One or two parts (`3 months 11 days`, legacy wpDiscuz 4), as printed.
fn relative_parts(i: &str) -> PResult<'_, Parts> {
    let (i, first) = relative_part(i)?;
    match relative_part(skip_spaces(i)) {
        Ok((i, second)) => Ok((i, Parts { first, second: Some(second) })),
        Err(_) => Ok((i, Parts { first, second: None })),
    }
}

/// The parts of a relative date before the adjective is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    first: (u32, UnitWord),
    second: Option<(u32, UnitWord)>,
}

impl Parts {
    /// The age, given the adjective (which settles an ambiguous unit word): `None` unless
    /// the units are distinct and largest first.
    fn age(&self, adjective: Option<&str>) -> Option<Age> {
        let (first, word) = self.first;
        let first_unit = word.unit_with(adjective);
        let (second, second_unit) = match self.second {
            Some((m, word)) => {
                let unit = word.unit_with(adjective);
                if unit <= first_unit {
                    return None;
                }
                (m, Some(unit))
            }
            None => (0, None),
        };
        Some(Age { first, first_unit, second, second_unit })
    }

    /// Whether every unit word means "ago" on its own (Hungarian).
    fn self_ago(&self) -> bool {
        self.first.1.self_ago && self.second.map_or(true, |(_, w)| w.self_ago)
    }
}

/// A relative date as printed: one or two parts, `N unit`, with distinct units largest
/// first. An [`Ago`] has a field for every unit (28 bytes), this only the parts printed
/// (12), so that a [`DateToken`] stays small. The counts keep the whole `u32` range that
/// [`count`] accepts (`4000000000 years ago` is an age, too old for a timestamp).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Age {
    first: u32,
    first_unit: Unit,
    /// 0 and `None` for one part.
    second: u32,
    second_unit: Option<Unit>,
}

impl Age {
    /// A "right now" phrase: no time at all.
    const RIGHT_NOW: Age = Age { first: 0, first_unit: Unit::Second, second: 0, second_unit: None };

    /// The age, each part's count in its unit's field, the others zero.
    fn ago(&self) -> Ago {
        let mut ago = Ago::default();
        set_unit(&mut ago, self.first_unit, self.first);
        if let Some(unit) = self.second_unit {
            set_unit(&mut ago, unit, self.second);
        }
        ago
    }
}

/// Two ages are equal when they say the same [`Ago`] (`right now` and `0 years ago` are),
/// as tokens compared when they held one.
impl PartialEq for Age {
    fn eq(&self, other: &Age) -> bool {
        self.ago() == other.ago()
    }
}

impl Eq for Age {}

fn set_unit(ago: &mut Ago, unit: Unit, n: u32) {
    let field = match unit {
        Unit::Year => &mut ago.years,
        Unit::Month => &mut ago.months,
        Unit::Week => &mut ago.weeks,
        Unit::Day => &mut ago.days,
        Unit::Hour => &mut ago.hours,
        Unit::Minute => &mut ago.minutes,
        Unit::Second => &mut ago.seconds,
    };
    *field = n;
}

/// A whole relative date: a "right now" phrase, or parts with the adjective after
/// (`2 Jahre zuvor`, `3天之前`) or before (`il y a 2 années`, `לפני 2 שנים`), or Hungarian
/// parts alone (`2 éve`).
///
/// The parts start with a count (an ASCII digit); an adjective or a "right now" phrase
/// never does (`relative_and_today_words_have_no_digits`), so the first byte tells which
/// forms can match, and the parts are read once for both forms that start with them.
fn relative_date(i: &str) -> PResult<'_, Age> {
    if i.starts_with(|c: char| c.is_ascii_digit()) {
        let (rest, parts) = relative_parts(i)?;
        let age = if rest.is_empty() {
            parts.self_ago().then(|| parts.age(None)).flatten()
        } else {
            match ago_word(skip_spaces(rest)) {
                Ok(("", adjective)) => parts.age(Some(adjective)),
                _ => None,
            }
        };
        return age.map_or_else(|| fail(i), |age| Ok(("", age)));
    }
    if let Ok(("", ())) = right_now(i) {
        return Ok(("", Age::RIGHT_NOW));
    }
    let (rest, adjective) = ago_word(i)?;
    match relative_parts(skip_spaces(rest))? {
        ("", parts) => parts.age(Some(adjective)).map_or_else(|| fail(i), |age| Ok(("", age))),
        _ => fail(i),
    }
}

/// [`relative_date`] as the nom grammar states it, one alternative after the other (kept
/// to test that the reading above is the same).
#[cfg(test)]
fn relative_date_alternatives(i: &str) -> PResult<'_, Age> {
    alt((
        value(Age::RIGHT_NOW, (right_now, eof)),
        (ago_word, sp0, relative_parts, eof).map_opt(|(adj, _, parts, _)| parts.age(Some(adj))),
        (relative_parts, sp0, ago_word, eof).map_opt(|(parts, _, adj, _)| parts.age(Some(adj))),
        (nom::combinator::verify(relative_parts, Parts::self_ago), eof).map_opt(|(parts, _)| parts.age(None)),
    ))
    .parse(i)
}

fn relative_line(i: &str) -> PResult<'_, DateToken> {
    relative_date.map(DateToken::Relative).parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn ago(s: &str) -> Ago {
        s.parse().unwrap()
    }

    fn hm(hour: u8, minute: u8) -> Option<Clock> {
        Some(Clock { hour, minute, second: 0, pm: None })
    }

    fn pm(hour: u8, minute: u8) -> Option<Clock> {
        Some(Clock { hour, minute, second: 0, pm: Some(true) })
    }

    fn am(hour: u8, minute: u8) -> Option<Clock> {
        Some(Clock { hour, minute, second: 0, pm: Some(false) })
    }

    fn named(year: u16, month: u8, day: u8, clock: Option<Clock>) -> Option<DateToken> {
        Some(DateToken::Named { year, month, day, clock })
    }

    fn numeric(first: u8, second: u8, year: u16, clock: Option<Clock>) -> Option<DateToken> {
        Some(DateToken::Numeric { first, second, year, year_first: false, clock })
    }

    fn relative(iso: &str) -> Option<DateToken> {
        Some(DateToken::Relative(age(iso)))
    }

    /// The [`Age`] of an ISO duration with at most two non-zero fields.
    fn age(iso: &str) -> Age {
        let ago = ago(iso);
        let fields = [
            (ago.years, Unit::Year),
            (ago.months, Unit::Month),
            (ago.weeks, Unit::Week),
            (ago.days, Unit::Day),
            (ago.hours, Unit::Hour),
            (ago.minutes, Unit::Minute),
            (ago.seconds, Unit::Second),
        ];
        let mut parts = fields.into_iter().filter(|(n, _)| *n != 0);
        let age = match (parts.next(), parts.next(), parts.next()) {
            (None, ..) => Age::RIGHT_NOW,
            (Some((first, first_unit)), second, None) => {
                Age { first, first_unit, second: second.map_or(0, |s| s.0), second_unit: second.map(|s| s.1) }
            }
            _ => panic!("{iso} has more than two parts"),
        };
        assert_eq!(age.ago(), ago, "{iso}");
        age
    }

    /// Runs a rule and demands that it consume the whole input.
    fn whole<'a, T>(rule: fn(&'a str) -> PResult<'a, T>, input: &'a str) -> Option<T> {
        match rule(input) {
            Ok(("", out)) => Some(out),
            _ => None,
        }
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    // --- the brief's examples --------------------------------------------------------------

    #[test]
    fn examples_parse() {
        let cases: &[(&str, Option<DateToken>)] = &[
            ("20-08-21 17:27", numeric(20, 8, 21, hm(17, 27))),
            (
                "2021-08-20 17:27",
                Some(DateToken::Numeric {
                    first: 8,
                    second: 20,
                    year: 2021,
                    year_first: true,
                    clock: hm(17, 27),
                }),
            ),
            ("08/20/2021 5:27 pm", numeric(8, 20, 2021, pm(5, 27))),
            ("20.08.2021 17:27", numeric(20, 8, 2021, hm(17, 27))),
            ("December 12, 2023 8:50 am", named(2023, 12, 12, am(8, 50))),
            ("August 20, 2021 at 5:27 pm", named(2021, 8, 20, pm(5, 27))),
            ("20 août 2021 17 h 27", named(2021, 8, 20, hm(17, 27))),
            ("20. August 2021 um 17:27", named(2021, 8, 20, hm(17, 27))),
            ("2 years ago", relative("P2Y")),
            ("1 month ago", relative("P1M")),
            ("3 months 11 days ago", relative("P3M11D")),
            ("1 year 23 hours ago", relative("P1YT23H")),
            ("14 days 56 minutes ago", relative("P14DT56M")),
            ("right now", relative("PT0S")),
            ("2 Jahre zuvor", relative("P2Y")),
            ("50 Minuten 46 Sekunden her", relative("PT50M46S")),
            ("il y a 2 années", relative("P2Y")),
            ("3 天 之前", relative("P3D")),
            ("3 天之前", relative("P3D")),
            ("2 лет назад", relative("P2Y")),
            ("2 lat temu", relative("P2Y")),
            ("2 anni fa", relative("P2Y")),
            ("2 jaren geleden", relative("P2Y")),
            ("2 yıl önce", relative("P2Y")),
            (
                "Today 5:27 pm",
                Some(DateToken::Today { clock: Clock { hour: 5, minute: 27, second: 0, pm: Some(true) } }),
            ),
        ];
        for (line, want) in cases {
            assert_eq!(date_line(line), *want, "{line}");
        }
    }

    #[test]
    fn non_dates_are_rejected() {
        for line in [
            "2021",
            "5",
            "Reply",
            "August",
            "27 September people came",
            "3 months",
            "ago",
            "0 Comments",
            "4.5 2 votes",
            "12:30",
            "2 years ago by Frank",
            "Last edited 2 years ago by Frank",
            "",
            "Notify of",
            "Frank O'hara",
            "Guest",
            "Article Rating",
            "1 Comment",
            "20-08-21 17:27 Reply",
            "Reply to Frank 20-08-21 17:27",
            "May the force be with you",
            "March 2021",
            "Today",
            "Today is a good day",
            "right now we need help",
            "years ago",
            "1.2.3",
            "192.168.1.1",
            "10/10",
            "3/4 of people",
        ] {
            assert_eq!(date_line(line), None, "{line:?}");
        }
    }

    // --- numeric dates ------------------------------------------------------------------------

    #[test]
    fn numeric_date_rule() {
        assert_eq!(whole(numeric_date, "20-08-21"), Some((20, 8, 21, false)));
        assert_eq!(whole(numeric_date, "20-08-2021"), Some((20, 8, 2021, false)));
        assert_eq!(whole(numeric_date, "20/08/2021"), Some((20, 8, 2021, false)));
        assert_eq!(whole(numeric_date, "8/20/2021"), Some((8, 20, 2021, false)));
        assert_eq!(whole(numeric_date, "20.08.2021"), Some((20, 8, 2021, false)));
        assert_eq!(whole(numeric_date, "20.08.21"), Some((20, 8, 21, false)));
        assert_eq!(whole(numeric_date, "20.08.2021."), Some((20, 8, 2021, false)));
        assert_eq!(whole(numeric_date, "2021-08-20"), Some((8, 20, 2021, true)));
        assert_eq!(whole(numeric_date, "2021/8/20"), Some((8, 20, 2021, true)));
        assert_eq!(whole(numeric_date, "2021.08.20"), Some((8, 20, 2021, true)));
        // Out-of-range fields still read as a date; `resolve` reports them.
        assert_eq!(whole(numeric_date, "32-13-21"), Some((32, 13, 21, false)));
        for near_miss in [
            "20-08/21",    // mixed separators
            "20-08-202",   // three-digit year
            "20-08-20211", // five-digit year
            "200-08-21",   // three-digit day
            "20-080-21",   // three-digit month
            "2021-08-2021",
            "21-08-20-19",
            "20 08 21",
            "20-08",
            "20:08:21",
            "2021.08.20.",
            "-08-21",
        ] {
            assert_eq!(whole(numeric_date, near_miss), None, "{near_miss}");
        }
    }

    #[test]
    fn numeric_lines_with_every_time_format() {
        let cases: &[(&str, Option<Clock>)] = &[
            ("20-08-21 17:27", hm(17, 27)),
            ("20-08-21 7:05", hm(7, 5)),
            ("20-08-21 17:27:09", Some(Clock { hour: 17, minute: 27, second: 9, pm: None })),
            ("20-08-21 5:27 pm", pm(5, 27)),
            ("20-08-21 5:27 PM", pm(5, 27)),
            ("20-08-21 5:27pm", pm(5, 27)),
            ("20-08-21 5:27 am", am(5, 27)),
            ("20-08-21 5:27 a.m.", am(5, 27)),
            ("20-08-21   17:27", hm(17, 27)),
            ("20-08-21\u{a0}17:27", hm(17, 27)),
            ("20-08-21, 17:27", hm(17, 27)),
            ("20-08-21 at 17:27", hm(17, 27)),
            ("20.08.2021 um 17:27", hm(17, 27)),
            ("20/08/2021 à 17:27", hm(17, 27)),
            ("20/08/2021 alle 17:27", hm(17, 27)),
            ("20/08/2021 a las 17:27", hm(17, 27)),
            ("20/08/2021 às 17:27", hm(17, 27)),
            ("20.08.2021 в 17:27", hm(17, 27)),
            ("20.08.2021 o 17:27", hm(17, 27)),
            ("20.08.2021 о 17:27", hm(17, 27)),
            ("20-08-2021 om 17:27", hm(17, 27)),
            ("20/08/2021 lúc 17:27", hm(17, 27)),
            ("20.08.2021. у 17:27", hm(17, 27)),
            ("20/08/2021 @ 17:27", hm(17, 27)),
            ("20/08/2021 - 17:27", hm(17, 27)),
            ("20-08-21", None),
        ];
        for (line, clock) in cases {
            let want =
                DateToken::Numeric { first: 20, second: 8, year: 21, year_first: false, clock: *clock };
            let got = date_line(line);
            let year_agnostic = got.map(|t| match t {
                DateToken::Numeric { first, second, year_first, clock, .. } => {
                    DateToken::Numeric { first, second, year: 21, year_first, clock }
                }
                other => other,
            });
            assert_eq!(year_agnostic, Some(want), "{line}");
        }
        for near_miss in [
            "20-08-21 17:2",
            "20-08-21 17:270",
            "20-08-21 17",
            "20-08-21 17:27 p",
            "20-08-21 17:27 pmx",
            "20-08-21 at",
            "20-08-21 at17:27",
            "20-08-2117:27",
            "20-08-21 atx 17:27",
            "20-08-21 17:27:5",
            "20-08-21 17:27 Uhr ist",
        ] {
            assert_eq!(date_line(near_miss), None, "{near_miss}");
        }
    }

    #[test]
    fn numeric_line_rule() {
        assert_eq!(whole(numeric_line, "20-08-21 17:27"), numeric(20, 8, 21, hm(17, 27)));
        assert_eq!(whole(numeric_line, "20-08-21"), numeric(20, 8, 21, None));
        assert_eq!(whole(numeric_line, "20-08-21 17:27 x"), None);
    }

    // --- clock ----------------------------------------------------------------------------------

    #[test]
    fn clock_rule() {
        let c = |hour, minute, second, pm| Some(Clock { hour, minute, second, pm });
        assert_eq!(whole(clock, "17:27"), c(17, 27, 0, None));
        assert_eq!(whole(clock, "07:27"), c(7, 27, 0, None));
        assert_eq!(whole(clock, "7:27"), c(7, 27, 0, None));
        assert_eq!(whole(clock, "17:27:59"), c(17, 27, 59, None));
        assert_eq!(whole(clock, "5:27 pm"), c(5, 27, 0, Some(true)));
        assert_eq!(whole(clock, "5:27 PM"), c(5, 27, 0, Some(true)));
        assert_eq!(whole(clock, "5:27pm"), c(5, 27, 0, Some(true)));
        assert_eq!(whole(clock, "5:27 Am"), c(5, 27, 0, Some(false)));
        assert_eq!(whole(clock, "5:27 p.m."), c(5, 27, 0, Some(true)));
        assert_eq!(whole(clock, "5:27:01 am"), c(5, 27, 1, Some(false)));
        assert_eq!(whole(clock, "17:27 Uhr"), c(17, 27, 0, None));
        assert_eq!(whole(clock, "17 h 27"), c(17, 27, 0, None));
        assert_eq!(whole(clock, "17h27"), c(17, 27, 0, None));
        assert_eq!(whole(clock, "17 h 27 min"), c(17, 27, 0, None));
        assert_eq!(whole(clock, "下午5:27"), c(5, 27, 0, Some(true)));
        assert_eq!(whole(clock, "上午 10:05"), c(10, 5, 0, Some(false)));
        assert_eq!(whole(clock, "午後5:27"), c(5, 27, 0, Some(true)));
        // Range is checked later.
        assert_eq!(whole(clock, "25:61"), c(25, 61, 0, None));
        for near_miss in ["17", "17:", "17:2", "1727", "117:27", ":27", "17-27", "17h", "5:27 xm", "下午"] {
            assert_eq!(whole(clock, near_miss), None, "{near_miss}");
        }
    }

    #[test]
    fn number_rules() {
        assert_eq!(whole(small_number, "7"), Some(7));
        assert_eq!(whole(small_number, "07"), Some(7));
        assert_eq!(whole(small_number, "007"), None);
        assert_eq!(whole(two_digits, "05"), Some(5));
        assert_eq!(whole(two_digits, "5"), None);
        assert_eq!(whole(year_number, "21"), Some(21));
        assert_eq!(whole(year_number, "2021"), Some(2021));
        assert_eq!(whole(year_number, "202"), None);
        assert_eq!(whole(year_number, "20211"), None);
        assert_eq!(whole(year4, "2021"), Some(2021));
        assert_eq!(whole(year4, "21"), None);
        assert_eq!(whole(count, "0"), Some(0));
        assert_eq!(whole(count, "4294967295"), Some(u32::MAX));
        assert_eq!(whole(count, "4294967296"), None);
        assert_eq!(whole(count, "x"), None);
    }

    #[test]
    fn ordinal_and_de_rules() {
        for suffix in ["st", "nd", "rd", "th", "TH", "er"] {
            assert!(whole(ordinal, suffix).is_some(), "{suffix}");
        }
        assert_eq!(whole(ordinal, "ht"), None);
        assert_eq!(whole(de, "de "), Some(()));
        assert_eq!(whole(de, "De  "), Some(()));
        assert_eq!(whole(de, "de"), None);
        assert_eq!(whole(de, "dez "), None);
    }

    #[test]
    fn meridiem_and_ordinal_read_like_their_alternatives() {
        for a in ["", "a", "A", "p", "P", "x", "s", "S", "n", "r", "t", "T", "e", "é"] {
            for b in ["", ".", "m", "M", "t", "T", "d", "h", "H", "r", "R", "x", "é"] {
                for c in ["", "m", "M", ".", "x"] {
                    for d in ["", ".", "x"] {
                        let input = format!("{a}{b}{c}{d}");
                        assert_eq!(meridiem(&input).ok(), meridiem_alternatives(&input).ok(), "{input:?}");
                        assert_eq!(ordinal(&input).ok(), ordinal_alternatives(&input).ok(), "{input:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn meridiem_rule() {
        assert_eq!(whole(meridiem, "am"), Some(false));
        assert_eq!(whole(meridiem, "PM"), Some(true));
        assert_eq!(whole(meridiem, "a.m."), Some(false));
        assert_eq!(whole(meridiem, "P.M."), Some(true));
        assert_eq!(whole(meridiem, "a"), None);
        assert_eq!(whole(meridiem, "nm"), None);
    }

    #[test]
    fn date_time_sep_rule() {
        for sep in [" ", "   ", ",", ", ", " , ", " at ", ", at ", " um ", " À ", " a las ", " בשעה "] {
            assert_eq!(whole(date_time_sep, sep), Some(()), "{sep:?}");
        }
        // A joiner needs spaces around it; a bare word is no separator.
        assert_eq!(whole(date_time_sep, "at "), None);
        assert_eq!(whole(date_time_sep, ""), None);
        assert_eq!(date_time_sep(" atom 5:27").map(|(rest, _)| rest), Ok("atom 5:27"));
    }

    #[test]
    fn joiner_rule() {
        assert_eq!(whole(joiner, "at"), Some(()));
        assert_eq!(whole(joiner, "AT"), Some(()));
        assert_eq!(whole(joiner, "a las"), Some(()));
        assert_eq!(whole(joiner, "atom"), None);
    }

    // --- named dates ------------------------------------------------------------------------

    #[test]
    fn month_name_rule() {
        let cases = [
            ("August", 8),
            ("august", 8),
            ("AUGUST", 8),
            ("Aug", 8),
            ("Aug.", 8),
            ("Sept", 9),
            ("März", 3),
            ("MÄRZ", 3),
            ("Jänner", 1),
            ("août", 8),
            ("AOÛT", 8),
            ("févr.", 2),
            ("agosto", 8),
            ("августа", 8),
            ("Август", 8),
            ("sierpnia", 8),
            ("sierpień", 8),
            ("серпня", 8),
            ("Ağustos", 8),
            ("八月", 8),
            ("十一月", 11),
            ("十月", 10),
            ("באוגוסט", 8),
            ("اوت", 8),
            ("أغسطس", 8),
            ("تشرين الثاني", 11),
            ("augusztus", 8),
            ("szept.", 9),
            ("օգոստոսի", 8),
            ("aŭgusto", 8),
            ("Tháng Tám", 8),
            ("tháng 8", 8),
            ("Tháng 12", 12),
            ("Tháng Mười", 10),
            ("Tháng Mười Hai", 12),
            ("август", 8),
            ("avgust", 8),
        ];
        for (name, month) in cases {
            assert_eq!(whole(month_name, name), Some(month), "{name}");
        }
        for near_miss in ["Augus", "Augusts", "Augx", "Mayday", "Tháng", "Tháng 13", "月", ""] {
            assert_eq!(whole(month_name, near_miss), None, "{near_miss}");
        }
        // Longest match first, and only on a word boundary.
        assert_eq!(month_name("Tháng 1 20"), Ok((" 20", 1)));
        assert_eq!(month_name("Tháng 10 20"), Ok((" 20", 10)));
        assert_eq!(month_name("Mar 5"), Ok((" 5", 3)));
    }

    #[test]
    fn month_first_rule() {
        assert_eq!(whole(month_first, "August 20, 2021"), Some((2021, 8, 20)));
        assert_eq!(whole(month_first, "Aug 20, 2021"), Some((2021, 8, 20)));
        assert_eq!(whole(month_first, "Aug. 20, 2021"), Some((2021, 8, 20)));
        assert_eq!(whole(month_first, "August 20th, 2021"), Some((2021, 8, 20)));
        assert_eq!(whole(month_first, "August 1st 2021"), Some((2021, 8, 1)));
        assert_eq!(whole(month_first, "agosto 20, 2021"), Some((2021, 8, 20)));
        assert_eq!(whole(month_first, "Tháng 8 20, 2021"), Some((2021, 8, 20)));
        assert_eq!(whole(month_first, "Aug 20, 21"), Some((21, 8, 20)));
        for near_miss in [
            "August 20",
            "August, 2021",
            "August 2021",
            "August 200, 2021",
            "Augus 20, 2021",
            "August20, 2021",
            "August 20, 202",
        ] {
            assert_eq!(whole(month_first, near_miss), None, "{near_miss}");
        }
    }

    #[test]
    fn day_first_rule() {
        for (line, want) in [
            ("20 août 2021", (2021, 8, 20)),
            ("27 septembre 2024", (2024, 9, 27)),
            ("20. August 2021", (2021, 8, 20)),
            ("20 August, 2021", (2021, 8, 20)),
            ("05 August 2021", (2021, 8, 5)),
            ("20-Aug-2021", (2021, 8, 20)),
            ("20th August 2021", (2021, 8, 20)),
            ("1er août 2021", (2021, 8, 1)),
            ("20 de agosto de 2021", (2021, 8, 20)),
            ("20 августа 2021", (2021, 8, 20)),
            ("20 sierpnia 2021", (2021, 8, 20)),
            ("20 серпня 2021", (2021, 8, 20)),
            ("20 באוגוסט 2021", (2021, 8, 20)),
            ("20 Tháng Tám, 2021", (2021, 8, 20)),
            ("20 tháng 8, 2021", (2021, 8, 20)),
            ("20 Ağustos 2021", (2021, 8, 20)),
            ("20 أغسطس 2021", (2021, 8, 20)),
            ("20 تشرين الثاني 2021", (2021, 11, 20)),
        ] {
            assert_eq!(whole(day_first, line), Some(want), "{line}");
        }
        for near_miss in [
            "20 août",
            "20 août 202",
            "20août 2021",
            "200 août 2021",
            "20 aout2021",
            "20 de 2021",
            "20 people 2021",
        ] {
            assert_eq!(whole(day_first, near_miss), None, "{near_miss}");
        }
    }

    #[test]
    fn year_first_named_rule() {
        assert_eq!(whole(year_first_named, "2021. augusztus 20."), Some((2021, 8, 20)));
        assert_eq!(whole(year_first_named, "2021. aug. 20."), Some((2021, 8, 20)));
        assert_eq!(whole(year_first_named, "2021. augusztus 20"), Some((2021, 8, 20)));
        assert_eq!(whole(year_first_named, "2021 augusztus 20."), None);
        assert_eq!(whole(year_first_named, "21. augusztus 20."), None);
    }

    #[test]
    fn cjk_date_rule() {
        assert_eq!(whole(cjk_date, "2021年8月20日"), Some((2021, 8, 20)));
        assert_eq!(whole(cjk_date, "2021年08月20日"), Some((2021, 8, 20)));
        assert_eq!(whole(cjk_date, "2021 年 8 月 20 日"), Some((2021, 8, 20)));
        assert_eq!(whole(cjk_date, "2021年8月"), None);
        assert_eq!(whole(cjk_date, "2021年8月20"), None);
        assert_eq!(whole(cjk_date, "2021年120月20日"), None);
    }

    #[test]
    fn named_date_rule() {
        assert_eq!(whole(named_date, "August 20, 2021"), Some((2021, 8, 20)));
        assert_eq!(whole(named_date, "20 août 2021"), Some((2021, 8, 20)));
        assert_eq!(whole(named_date, "2021. augusztus 20."), Some((2021, 8, 20)));
        assert_eq!(whole(named_date, "2021年8月20日"), Some((2021, 8, 20)));
        assert_eq!(whole(named_date, "August"), None);
    }

    #[test]
    fn named_lines() {
        for (line, want) in [
            ("August 20, 2021 5:27 pm", named(2021, 8, 20, pm(5, 27))),
            ("August 20, 2021 at 5:27 pm", named(2021, 8, 20, pm(5, 27))),
            ("August 20, 2021, 5:27 pm", named(2021, 8, 20, pm(5, 27))),
            ("august 20, 2021 AT 5:27 PM", named(2021, 8, 20, pm(5, 27))),
            ("Aug 20, 2021", named(2021, 8, 20, None)),
            ("20 août 2021 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 août 2021 à 17 h 27 min", named(2021, 8, 20, hm(17, 27))),
            ("20 août 2021 à 17h27", named(2021, 8, 20, hm(17, 27))),
            ("20. August 2021 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 de agosto de 2021 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 de agosto de 2021 a las 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 de agosto de 2021 às 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 agosto 2021 alle 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 августа 2021 в 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 августа 2021 г. в 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 серпня 2021 р. о 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 sierpnia 2021 o 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20 augustus 2021 om 17:27", named(2021, 8, 20, hm(17, 27))),
            ("20. август 2021. у 17:27", named(2021, 8, 20, hm(17, 27))),
            ("2021. augusztus 20. 17:27", named(2021, 8, 20, hm(17, 27))),
            ("2021年8月20日 17:27", named(2021, 8, 20, hm(17, 27))),
            ("2021年8月20日下午5:27", named(2021, 8, 20, pm(5, 27))),
            ("2021年8月20日 下午5:27", named(2021, 8, 20, pm(5, 27))),
            ("20 Tháng Tám, 2021 lúc 17:27", named(2021, 8, 20, hm(17, 27))),
            ("Tháng 8 20, 2021", named(2021, 8, 20, None)),
            ("20 באוגוסט 2021 בשעה 17:27", named(2021, 8, 20, hm(17, 27))),
            ("27 septembre 2024", named(2024, 9, 27, None)),
            ("December 12, 2023 8:50 am", named(2023, 12, 12, am(8, 50))),
        ] {
            assert_eq!(date_line(line), want, "{line}");
        }
        for near_miss in [
            "August 20, 2021 5:27 pm Reply",
            "August 20, 2021 at",
            "August 20, 2021 at noon",
            "On August 20, 2021",
            "20 août 2021 17 h",
            "27 September people came",
            "20 de agosto",
            "2021年8月20日 晚上",
            "2021. augusztus",
        ] {
            assert_eq!(date_line(near_miss), None, "{near_miss}");
        }
    }

    #[test]
    fn year_suffix_rule() {
        assert_eq!(whole(year_suffix, "."), Some(()));
        assert_eq!(whole(year_suffix, " г."), Some(()));
        assert_eq!(whole(year_suffix, "р."), Some(()));
        assert_eq!(whole(year_suffix, " года"), None);
    }

    #[test]
    fn every_month_form_parses_in_both_orders() {
        for row in MONTHS_TSV.lines().skip(1).filter(|r| !r.starts_with('#')) {
            let mut cells = row.split('\t');
            let lang = cells.next().unwrap();
            let month: u8 = cells.next().unwrap().parse().unwrap();
            for form in cells.flat_map(|c| c.split('|')).map(str::trim).filter(|f| !f.is_empty()) {
                let day_first_line = format!("20 {form} 2021 17:27");
                assert_eq!(date_line(&day_first_line), named(2021, month, 20, hm(17, 27)), "{lang} {form}");
                let month_first_line = format!("{form} 20, 2021 5:27 pm");
                assert_eq!(date_line(&month_first_line), named(2021, month, 20, pm(5, 27)), "{lang} {form}");
                let upper = format!("20 {} 2021", form.to_uppercase());
                assert_eq!(date_line(&upper), named(2021, month, 20, None), "{lang} {form}");
            }
        }
    }

    // --- today ------------------------------------------------------------------------------

    #[test]
    fn today_line_rule() {
        let clock = |c: Option<Clock>| c.map(|clock| DateToken::Today { clock });
        assert_eq!(whole(today_line, "Today 5:27 pm"), clock(pm(5, 27)));
        assert_eq!(whole(today_line, "today 17:27"), clock(hm(17, 27)));
        assert_eq!(whole(today_line, "Today, 17:27"), clock(hm(17, 27)));
        assert_eq!(whole(today_line, "Today at 5:27 pm"), clock(pm(5, 27)));
        assert_eq!(whole(today_line, "Today"), None);
        assert_eq!(whole(today_line, "Todays 17:27"), None);
        assert_eq!(whole(today_line, "Today 17"), None);
    }

    // --- relative dates ---------------------------------------------------------------------

    #[test]
    fn unit_word_rule() {
        let unit = |s| whole(unit_word, s).map(|w| w.unit);
        assert_eq!(unit("years"), Some(Unit::Year));
        assert_eq!(unit("year"), Some(Unit::Year));
        assert_eq!(unit("Months"), Some(Unit::Month));
        assert_eq!(unit("weeks"), Some(Unit::Week));
        assert_eq!(unit("mins"), Some(Unit::Minute));
        assert_eq!(unit("Jahre"), Some(Unit::Year));
        assert_eq!(unit("années"), Some(Unit::Year));
        assert_eq!(unit("лет"), Some(Unit::Year));
        assert_eq!(unit("天"), Some(Unit::Day));
        assert_eq!(unit("小时"), Some(Unit::Hour));
        assert_eq!(unit("שנים"), Some(Unit::Year));
        assert_eq!(unit("éve"), Some(Unit::Year));
        assert_eq!(whole(unit_word, "éve").map(|w| w.self_ago), Some(true));
        assert_eq!(whole(unit_word, "years").map(|w| w.self_ago), Some(false));
        for near_miss in ["yearz", "yrs", "Comments", "votes", "fortnight", "d", ""] {
            assert_eq!(unit(near_miss), None, "{near_miss}");
        }
    }

    #[test]
    fn ago_word_rule() {
        for word in [
            "ago",
            "AGO",
            "zuvor",
            "her",
            "il y a",
            "plus tôt",
            "назад",
            "temu",
            "之前",
            "前",
            "לפני",
            "trước",
            "пре",
        ] {
            assert!(whole(ago_word, word).is_some(), "{word}");
        }
        for near_miss in ["agoo", "il y", "before", ""] {
            assert_eq!(whole(ago_word, near_miss), None, "{near_miss}");
        }
    }

    #[test]
    fn right_now_rule() {
        for phrase in [
            "right now",
            "Right Now",
            "gerade eben",
            "à l’instant",
            "à l'instant",
            "прямо сейчас",
            "立即",
            "马上",
        ] {
            assert_eq!(whole(right_now, phrase), Some(()), "{phrase}");
        }
        assert_eq!(whole(right_now, "right"), None);
        assert_eq!(whole(right_now, "right nowhere"), None);
    }

    #[test]
    fn relative_part_rule() {
        let part = |s| whole(relative_part, s).map(|(n, w)| (n, w.unit));
        assert_eq!(part("2 years"), Some((2, Unit::Year)));
        assert_eq!(part("2years"), Some((2, Unit::Year)));
        assert_eq!(part("3天"), Some((3, Unit::Day)));
        assert_eq!(part("4294967295 seconds"), Some((u32::MAX, Unit::Second)));
        assert_eq!(part("4294967296 seconds"), None);
        assert_eq!(part("99999999999 years"), None);
        assert_eq!(part("years"), None);
        assert_eq!(part("2 yearsx"), None);
        assert_eq!(part("-2 years"), None);
    }

    #[test]
    fn relative_parts_rule() {
        let parts = |s| whole(relative_parts, s).and_then(|p| p.age(None)).map(|age| age.ago());
        assert_eq!(parts("3 months 11 days"), Some(ago("P3M11D")));
        assert_eq!(parts("4 月 3 天"), Some(ago("P4M3D")));
        assert_eq!(parts("4月3天"), Some(ago("P4M3D")));
        assert_eq!(parts("1 year 23 hours"), Some(ago("P1YT23H")));
        // Largest unit first, each once, at most two parts.
        assert_eq!(parts("11 days 3 months"), None);
        assert_eq!(parts("3 days 2 days"), None);
        assert_eq!(whole(relative_parts, "1 year 2 months 3 days"), None);
        assert_eq!(whole(relative_parts, "2 years").map(|p| p.self_ago()), Some(false));
        assert_eq!(whole(relative_parts, "2 éve 3 napja").map(|p| p.self_ago()), Some(true));
        assert_eq!(whole(relative_parts, "2 éve 3 days").map(|p| p.self_ago()), Some(false));
    }

    #[test]
    fn ambiguous_unit_words_follow_the_adjective() {
        // Ukrainian hour, Serbian year.
        assert_eq!(date_line("1 година тому"), relative("PT1H"));
        assert_eq!(date_line("1 година ago"), relative("PT1H"));
        assert_eq!(date_line("пре 1 година"), relative("P1Y"));
        assert_eq!(date_line("1 година пре"), relative("P1Y"));
        assert_eq!(date_line("1 година 5 хвилин тому"), relative("PT1H5M"));
        assert_eq!(date_line("пре 1 година 5 дани"), relative("P1Y5D"));
    }

    #[test]
    fn relative_date_rule() {
        for (line, iso) in [
            ("2 years ago", "P2Y"),
            ("1 years ago", "P1Y"),
            ("2 year ago", "P2Y"),
            ("2 Months Ago", "P2M"),
            ("2 MONTHS AGO", "P2M"),
            ("1 week ago", "P1W"),
            ("3 weeks ago", "P3W"),
            ("5 mins ago", "PT5M"),
            ("0 seconds ago", "PT0S"),
            ("right now", "PT0S"),
            ("gerade eben", "PT0S"),
            ("à l’instant", "PT0S"),
            ("2 Jahre zuvor", "P2Y"),
            ("2 années il y a", "P2Y"),
            ("il y a 2 années", "P2Y"),
            ("2 années 3 mois plus tôt", "P2Y3M"),
            ("2 лет 3 месяцев назад", "P2Y3M"),
            ("3 місяців тому", "P3M"),
            ("2 lata temu", "P2Y"),
            ("2 anni fa", "P2Y"),
            ("2 anos atrás", "P2Y"),
            ("2 jaren geleden", "P2Y"),
            ("2 yıl önce", "P2Y"),
            ("3 天 之前", "P3D"),
            ("3 天之前", "P3D"),
            ("3天之前", "P3D"),
            ("3天前", "P3D"),
            ("4 月 3 天 之前", "P4M3D"),
            ("לפני 2 שנים", "P2Y"),
            ("2 שנים לפני", "P2Y"),
            ("2 سال قبل", "P2Y"),
            ("قبل 2 سنوات", "P2Y"),
            ("2 سنوات ago", "P2Y"),
            ("2 éve", "P2Y"),
            ("5 perce", "PT5M"),
            ("2 éve ago", "P2Y"),
            ("2 տարի առաջ", "P2Y"),
            ("2 jaroj pasis", "P2Y"),
            ("2 năm trước", "P2Y"),
            ("пре 2 године", "P2Y"),
            ("2 godziny temu", "PT2H"),
            ("1 year 5 days ago", "P1Y5D"),
        ] {
            assert_eq!(whole(relative_date, line).map(|age| age.ago()), Some(ago(iso)), "{line}");
            assert_eq!(date_line(line), relative(iso), "{line}");
        }
        for near_miss in [
            "3 months",
            "ago",
            "2 years ago by Frank",
            "Last edited 2 years ago by Frank",
            "99999999999 years ago",
            "2 years ago ago",
            "2 years agoo",
            "2 years, ago",
            "2 ans",
            "2 days 2 days ago",
            "2 votes ago",
            "ago ago",
            "right now 2 years ago",
            "2 years 3 months 4 days ago",
            "2 éve 3 days",
        ] {
            assert_eq!(date_line(near_miss), None, "{near_miss}");
        }
    }

    #[test]
    fn every_catalogue_unit_and_adjective_combine() {
        let catalog = crate::phrases::catalog();
        for (key, unit) in UNIT_KEYS {
            for text in catalog.texts(key) {
                if AMBIGUOUS_UNITS.iter().any(|(word, ..)| word == text) {
                    continue;
                }
                assert_eq!(whole(unit_word, text).map(|w| w.unit), Some(unit), "{key} {text}");
                for adjective in catalog.texts("wc_ago_text") {
                    for line in [format!("2 {text} {adjective}"), format!("{adjective} 2 {text}")] {
                        let Some(DateToken::Relative(age)) = date_line(&line) else {
                            panic!("{line}");
                        };
                        let mut want = Ago::default();
                        set_unit(&mut want, unit, 2);
                        assert_eq!(age.ago(), want, "{line}");
                    }
                }
            }
        }
        for text in catalog.texts("wc_right_now_text") {
            assert_eq!(date_line(text), relative("PT0S"), "{text}");
        }
    }

    #[test]
    fn word_tables_do_not_overlap() {
        // No unit word is also a relative adjective or a "right now" phrase.
        let catalog = crate::phrases::catalog();
        for (key, _) in UNIT_KEYS {
            for text in catalog.texts(key) {
                assert_eq!(whole(ago_word, text), None, "{text}");
                assert_eq!(whole(right_now, text), None, "{text}");
            }
        }
    }

    // --- top level ----------------------------------------------------------------------------

    #[test]
    fn first_character_dispatch() {
        assert!(words().may_start('a'));
        assert!(words().may_start('A'));
        assert!(words().may_start('Ş'));
        assert!(words().may_start('İ'));
        assert!(words().may_start('ל'));
        assert!(words().may_start('之'));
        assert!(!words().may_start('#'));
        assert!(!words().may_start('😀'));
        assert_eq!(date_line("😀 2 years ago"), None);
    }

    /// The grammar with no rule ruled out in advance: every rule on every line.
    fn date_line_unfiltered(text: &str) -> Option<DateToken> {
        if text.is_empty() || text.len() > MAX_LINE {
            return None;
        }
        all_consuming(alt((numeric_line, named_line, today_line, relative_line)))
            .parse(text)
            .ok()
            .map(|(_, t)| t)
    }

    /// Lines made of the words of every table and numbers, in many orders.
    fn table_lines() -> Vec<String> {
        let catalog = crate::phrases::catalog();
        let mut words: Vec<String> = MONTHS_TSV
            .lines()
            .skip(1)
            .filter(|r| !r.starts_with('#'))
            .flat_map(|r| {
                r.split('\t').skip(2).flat_map(|c| c.split('|')).map(str::to_owned).collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        for key in
            ["wc_ago_text", "wc_right_now_text", "wc_posted_today_text", "wc_year_text", "wc_day_text_plural"]
        {
            words.extend(catalog.texts(key).iter().map(|t| t.to_string()));
        }
        words.extend(JOINERS.iter().map(|j| j.to_string()));
        let mut lines = Vec::new();
        for w in &words {
            for line in [
                w.clone(),
                w.to_uppercase(),
                format!("{w} 20, 2021 5:27 pm"),
                format!("{w} 20 2021"),
                format!("20 {w} 2021 17:27"),
                format!("20. {w} 2021"),
                format!("2021. {w} 20."),
                format!("{w} 2"),
                format!("{w} 2 years"),
                format!("2 {w}"),
                format!("2 years {w}"),
                format!("{w} 5:27 pm"),
                format!("{w}, 17:27"),
                format!("20-08-21 {w} 17:27"),
                format!("{w}x 2 years"),
            ] {
                lines.push(line);
            }
        }
        lines
    }

    #[test]
    fn rules_ruled_out_would_not_match() {
        for line in table_lines() {
            assert_eq!(date_line(&line), date_line_unfiltered(&line), "{line}");
        }
    }

    #[test]
    fn relative_and_today_words_have_no_digits() {
        // A month name may (`1月`, `Tháng 8`); `date_line` relies on no other word starting
        // with a digit.
        let catalog = crate::phrases::catalog();
        let keys = UNIT_KEYS.iter().map(|(k, _)| *k).chain([
            "wc_ago_text",
            "wc_right_now_text",
            "wc_posted_today_text",
        ]);
        for key in keys {
            for text in catalog.texts(key) {
                assert!(!text.starts_with(|c: char| c.is_ascii_digit()), "{key} {text}");
            }
        }
    }

    #[test]
    fn digit_helpers() {
        assert_eq!(digits_len("2021-08"), 4);
        assert_eq!(digits_len("x1"), 0);
        assert_eq!(digits_len(""), 0);
        assert!(has_two_numbers("20 August 2021"));
        assert!(has_two_numbers("August 20, 2021"));
        assert!(has_two_numbers("1-2"));
        assert!(!has_two_numbers("2 years ago"));
        assert!(!has_two_numbers("August 2021"));
        assert!(!has_two_numbers("right now"));
        assert!(!has_two_numbers(""));
        for input in ["", "a", "1", "12ab", "١٢", "12 3", "x12"] {
            assert_eq!(
                digit1(input),
                nom::character::complete::digit1::<_, NomError<&str>>(input),
                "{input}"
            );
        }
    }

    #[test]
    fn skip_spaces_skips_what_is_space_says() {
        for input in [
            "",
            "x",
            " x",
            "\t x",
            "\u{a0}x",
            "\u{202f}\u{2009}\u{2007} x",
            "\u{a0}",
            "\u{a1}x",
            "\u{2008}x",
            "\u{2028}x",
            "\u{3000}x",
            "é x",
            "  ",
        ] {
            let want = input.trim_start_matches(is_space);
            assert_eq!(skip_spaces(input), want, "{input:?}");
            assert_eq!(sp0(input), Ok((want, &input[..input.len() - want.len()])), "{input:?}");
            assert_eq!(sp1(input).is_ok(), want.len() < input.len(), "{input:?}");
        }
    }

    #[test]
    fn at_boundary_reads_ascii_as_chars() {
        for rest in ["", "a", "Z", "5", " ", ".", "_", "é", "之前", "\u{a0}", "ж"] {
            for ends_cjk in [false, true] {
                let want = match rest.chars().next() {
                    None => true,
                    Some(next) => !next.is_alphanumeric() || is_cjk(next) || ends_cjk,
                };
                assert_eq!(at_boundary(ends_cjk, rest), want, "{rest:?} {ends_cjk}");
            }
        }
    }

    #[test]
    fn count_reads_like_str_parse() {
        for input in ["0", "007", "42", "4294967295", "4294967296", "99999999999", "12ab", "x", ""] {
            let want = nom::character::complete::digit1::<_, NomError<&str>>(input)
                .ok()
                .and_then(|(rest, run)| run.parse::<u32>().ok().map(|n| (rest, n)));
            assert_eq!(count(input).ok(), want, "{input}");
        }
    }

    /// [`date_line_unfiltered`] with every hand-written rule replaced by its nom form.
    fn date_line_nom(text: &str) -> Option<DateToken> {
        if text.is_empty() || text.len() > MAX_LINE {
            return None;
        }
        let today_line_nom = |i| {
            let (i, (_, _, clock, _)) =
                (today_word, date_time_sep_alternatives, clock_alternatives, eof).parse(i)?;
            Ok((i, DateToken::Today { clock }))
        };
        let relative_line_nom = relative_date_alternatives.map(DateToken::Relative);
        all_consuming(alt((numeric_line_nom, named_line_nom, today_line_nom, relative_line_nom)))
            .parse(text)
            .ok()
            .map(|(_, t)| t)
    }

    /// Each hand-written rule gives what its nom form gives on `line` (and on its ends: a
    /// clock or a separator is read in the middle of a line).
    fn assert_rules_read_like_nom(line: &str) {
        assert_eq!(date_line(line), date_line_nom(line), "{line:?}");
        assert_eq!(named_line(line).ok(), named_line_nom(line).ok(), "{line:?}");
        assert_eq!(numeric_line(line).ok(), numeric_line_nom(line).ok(), "{line:?}");
        assert_eq!(named_date(line).ok(), named_date_alternatives(line).ok(), "{line:?}");
        assert_eq!(month_first(line).ok(), month_first_nom(line).ok(), "{line:?}");
        assert_eq!(day_first(line).ok(), day_first_nom(line).ok(), "{line:?}");
        assert_eq!(numeric_date(line).ok(), numeric_date_nom(line).ok(), "{line:?}");
        for (at, _) in line.char_indices().take(24) {
            let end = &line[at..];
            assert_eq!(clock(end).ok(), clock_alternatives(end).ok(), "{end:?}");
            assert_eq!(date_time_sep(end).ok(), date_time_sep_alternatives(end).ok(), "{end:?}");
            assert_eq!(year_suffix(end).ok(), year_suffix_alternatives(end).ok(), "{end:?}");
            assert_eq!(meridiem(end).ok(), meridiem_alternatives(end).ok(), "{end:?}");
            assert_eq!(ordinal(end).ok(), ordinal_alternatives(end).ok(), "{end:?}");
        }
    }

    #[test]
    fn hand_written_rules_read_like_the_nom_grammar() {
        let mut lines = table_lines();
        lines.extend(
            [
                "20-08-21 17:27",
                "20.08.2021. у 17:27",
                "20.08.2021..",
                "2021.08.20.",
                "20-08/21",
                "20-08-21 at17:27",
                "20-08-21 ,at 17:27",
                "20-08-21 , 17:27 Uhr",
                "20-08-21 17:27:5",
                "20-08-21 17 h 27 min",
                "20-08-21 17 h27min",
                "20-08-21 17h 2",
                "20 août 2021 à 17 h 27 min",
                "August 20, 2021 5:27 p.m.",
                "August 20, 2021 5:27 P.M",
                "August 1st2021",
                "August 1st , 2021",
                "20th-Aug-2021",
                "20.-Aug-2021",
                "20 de agosto de 2021 a las 17:27",
                "20 de agosto , 2021",
                "20 dec 2021",
                "20 августа 2021 г. в 17:27",
                "20 августа 2021г 17:27",
                "20 серпня 2021 р 17:27",
                "20 серпня 2021 Р. 17:27",
                "2021. augusztus 20. 17:27",
                "2021. augusztus 20 .",
                "21 年 8 月 20 日下午5:27",
                "2021年8月20日 午後 5:27:01",
                "1月 20, 2021",
                "12月 20 2021",
                "Today 5:27 pm",
                "Today, at 17:27",
                "2021年8月20日, 17:27",
            ]
            .map(str::to_owned),
        );
        lines.extend(crate::test_pages::lines().into_iter().filter(|l| l.len() <= MAX_LINE));
        for line in &lines {
            assert_rules_read_like_nom(line);
        }
    }

    #[test]
    fn relative_date_reads_like_its_alternatives() {
        for line in table_lines() {
            assert_eq!(relative_date(&line).ok(), relative_date_alternatives(&line).ok(), "{line}");
        }
    }

    #[test]
    fn step_finds_each_edge_of_sorted_lists() {
        fn check<T: Copy>(lexicon: &Lexicon<T>) {
            for (node, chars) in lexicon.edge_chars().into_iter().enumerate() {
                assert!(chars.windows(2).all(|w| w[0] < w[1]), "node {node}: {chars:?}");
                for (&c, &(_, to)) in chars.iter().zip(&lexicon.nodes[node].edges) {
                    assert_eq!(lexicon.step(node, c), Some(to as usize), "node {node} {c:?}");
                }
                for c in ['\0', '!', 'ÿ', '\u{10ffff}'] {
                    if !chars.contains(&c) {
                        assert_eq!(lexicon.step(node, c), None, "node {node} {c:?}");
                    }
                }
            }
        }
        let w = words();
        check(&w.months);
        check(&w.units);
        check(&w.ago);
        check(&w.right_now);
        check(&w.today);
        check(&w.joiners);
        check(&w.first_words);
    }

    #[test]
    fn each_prefix_ends_words_on_boundaries() {
        // The boundary after a word is read from the next byte when it is ASCII or absent,
        // and from the next character otherwise: both must agree with `at_boundary`.
        for (word, ends_cjk) in [("days", false), ("ЛЕТ", false), ("天", true)] {
            for next in ["", " ", ".", "x", "5", "_", "é", "ж", "之前", "\u{a0}"] {
                let input = format!("{word}{next}");
                let rest = words().units.longest(&input).map(|(_, rest)| rest);
                let want = at_boundary(ends_cjk, next).then_some(next);
                assert_eq!(rest, want, "{input:?}");
            }
        }
    }

    #[test]
    fn trie_characters_are_their_own_fold() {
        let w = words();
        let edges = |nodes: Vec<Vec<char>>| nodes.into_iter().flatten().collect::<Vec<char>>();
        for c in edges(w.months.edge_chars())
            .into_iter()
            .chain(edges(w.units.edge_chars()))
            .chain(edges(w.ago.edge_chars()))
            .chain(edges(w.right_now.edge_chars()))
            .chain(edges(w.today.edge_chars()))
            .chain(edges(w.joiners.edge_chars()))
            .chain(edges(w.first_words.edge_chars()))
        {
            assert_eq!(fold(c).collect::<Vec<_>>(), [c], "{c:?}");
        }
        // Stepping with an uppercase character still folds it.
        assert_eq!(whole(month_name, "ÁPRILIS"), whole(month_name, "április"));
        assert_eq!(whole(unit_word, "ЛЕТ").map(|w| w.unit), Some(Unit::Year));
    }

    #[test]
    fn ascii_keys_step_like_step_input() {
        for b in 0u8..128 {
            let c = char::from(b);
            let want = if is_space(c) { ' ' } else { c.to_ascii_lowercase() };
            assert_eq!(char::from(ascii_key(b)), want, "{b}");
        }
    }

    #[test]
    fn first_word_kinds_name_the_tables() {
        assert_eq!(words().first_word_kinds("August 20, 2021"), MONTH);
        assert_eq!(words().first_word_kinds("il y a 2 années"), AGO);
        // Italian `ago` (agosto) is a month too.
        assert_eq!(words().first_word_kinds("ago 2 years"), AGO | MONTH);
        assert_eq!(words().first_word_kinds("right now"), RIGHT_NOW);
        assert_eq!(words().first_word_kinds("Today 5:27 pm"), TODAY);
        assert_eq!(words().first_word_kinds("Very helpful"), 0);
        assert_eq!(words().first_word_kinds("Augusta"), 0);
        // Every pair the two-character filter rejects is one the walk rejects too.
        let pairs = words().first_words.ascii_pairs();
        for a in 0u8..128 {
            for c in 0u8..128 {
                let text = format!("{}{}", char::from(a), char::from(c));
                if pairs[usize::from(ascii_key(a))] >> ascii_key(c) & 1 == 0 {
                    let mut kinds = 0;
                    words().first_words.each_prefix(&text, |k, _| kinds |= k);
                    assert_eq!(kinds, 0, "{text:?}");
                    words().first_words.each_prefix(&format!("{text}x y"), |k, _| kinds |= k);
                    assert_eq!(kinds, 0, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn triples_the_filter_rejects_are_ones_the_walk_rejects() {
        // Every ASCII start of three characters, and the same with more after it.
        let w = words();
        let mut ruled_out = 0;
        for a in 0u8..128 {
            for b in 0u8..128 {
                for c in 0u8..128 {
                    let head = [a, b, c];
                    if w.ascii_start_may_match(&head) {
                        continue;
                    }
                    ruled_out += 1;
                    let text = std::str::from_utf8(&head).unwrap();
                    for line in
                        [text.to_owned(), format!("{text}x y"), format!("{text} 2"), format!("{text}é")]
                    {
                        let mut kinds = 0;
                        w.first_words.each_prefix(&line, |k, _| kinds |= k);
                        assert_eq!(kinds, 0, "{line:?}");
                    }
                }
            }
        }
        assert!(ruled_out > 1_000_000, "{ruled_out}");
        // The third character is looked at: `th` starts `tháng`, `thx` starts nothing.
        assert!(w.ascii_start_may_match(b"th"));
        assert!(!w.ascii_start_may_match(b"thx"));
        assert!(w.ascii_start_may_match("thá".as_bytes()));
        assert!(!w.ascii_start_may_match(b"The"));
    }

    /// The line as `date_line_unescaped` gives it to [`date_line`]: every backslash dropped.
    fn unescaped(line: &str) -> String {
        line.chars().filter(|&c| c != '\\').collect()
    }

    /// Escaped forms of a line: as html2text writes them (a backslash before a dot or a
    /// dash), and with backslashes among the first characters, which the first look skips.
    fn escapings(line: &str) -> Vec<String> {
        let mut rest = line.chars();
        let first = rest.next().map(String::from).unwrap_or_default();
        let second = rest.next().map(String::from).unwrap_or_default();
        let rest = rest.as_str();
        vec![
            line.to_owned(),
            line.replace('.', "\\.").replace('-', "\\-"),
            format!("\\{line}"),
            format!("{first}\\{second}{rest}"),
            format!("\\\\{first}\\\\{second}\\{rest}"),
        ]
    }

    #[test]
    fn first_look_rules_out_only_lines_that_are_no_date() {
        let mut lines = crate::test_pages::lines();
        lines.extend(table_lines());
        lines.extend(table_lines().iter().map(|l| l.to_uppercase()));
        let (mut ruled_out, mut dates) = (0, 0);
        for line in &lines {
            // The third-character filter alone never rules out a line the walk accepts.
            if !words().ascii_start_may_match(line.as_bytes()) {
                let mut kinds = 0;
                words().first_words.each_prefix(line, |k, _| kinds |= k);
                assert_eq!(kinds, 0, "{line:?}");
            }
            for escaped in escapings(line) {
                let token = date_line(&unescaped(&escaped));
                dates += usize::from(token.is_some());
                if !may_be_date_line(&escaped) {
                    ruled_out += 1;
                    assert_eq!(token, None, "{escaped:?}");
                }
            }
        }
        // It rules out most lines, and the lines have many dates.
        assert!(ruled_out * 2 > lines.len() * 5, "{ruled_out} of {}", lines.len() * 5);
        assert!(dates > 10_000, "{dates}");
    }

    #[test]
    fn first_look_examples() {
        for line in [
            "23\\. August 2021",
            "\\23. August 2021",
            "August 20, 2021",
            "A\\ugust 20, 2021",
            "Th\\áng 8 20, 2021",
            "2 years ago",
            "il y a 2 ans",
            "right now",
            "Today 5:27 pm",
            "之前",
        ] {
            assert!(may_be_date_line(line), "{line:?}");
        }
        for line in ["", "\\", "\\\\", "Reply", "The end", "Th\\e end", "Very good", "#1", "- item", "😀"] {
            assert!(!may_be_date_line(line), "{line:?}");
        }
    }

    #[test]
    fn long_lines_are_rejected_unread() {
        let long = format!("2 years{} ago", " ".repeat(MAX_LINE));
        assert_eq!(date_line(&long), None);
    }

    #[test]
    fn tricky_inputs_do_not_panic() {
        let huge = "9".repeat(90);
        for line in [
            "",
            " ",
            "0",
            "00000000000000000000",
            huge.as_str(),
            "99999999999 years ago",
            "4294967296 days ago",
            "9999-99-99 99:99:99",
            "99/99/9999 99:99 pm",
            "31-02-21",
            "😀",
            "😀😀 years ago",
            "2 😀 ago",
            "לפני",
            "לפני 😀",
            "قبل 2",
            "İ",
            "İstanbul",
            "2 İ ago",
            "ß",
            "ǅ",
            "\u{301}",
            "2\u{301} years ago",
            "年月日",
            "2021年",
            "下午5:27",
            "2021. ",
            "20.",
            "20. ",
            "20 de",
            "Tháng ",
            "1-",
            "1-1-",
            "--",
            "٢ سنوات قبل",
            "\u{200f}2 years ago",
        ] {
            let _ = date_line(line);
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(line in "\\PC{0,40}") {
            let _ = date_line(&line);
        }

        #[test]
        fn rules_ruled_out_would_not_match_any_text(line in "\\PC{0,30}") {
            prop_assert_eq!(date_line(&line), date_line_unfiltered(&line));
        }

        #[test]
        fn rules_ruled_out_would_not_match_date_like_text(
            line in "[0-9a-zA-Z .:/,年月日-]{0,6}( ?(am|pm|ago|years|Jahre|天|之前|августа|at|Today|August|il y a|right now|Tháng|1月|[0-9]{1,4}[-/.:]?))*"
        ) {
            prop_assert_eq!(date_line(&line), date_line_unfiltered(&line));
        }

        #[test]
        fn relative_date_reads_like_its_alternatives_on_any_text(
            line in "(\\PC|[0-9 ]){0,12}( ?([0-9]{1,3}|ago|years|éve|napja|il y a|пре|година|天|之前|right now|gerade eben|\u{a0}))*"
        ) {
            prop_assert_eq!(relative_date(&line).ok(), relative_date_alternatives(&line).ok());
        }

        #[test]
        fn first_look_rules_out_no_date_of_any_text(line in "\\\\?(\\PC|\\\\){0,30}") {
            if !may_be_date_line(&line) {
                prop_assert_eq!(date_line(&unescaped(&line)), None);
            }
        }

        #[test]
        fn first_look_rules_out_no_date_of_date_like_text(
            line in "\\\\?[0-9a-zA-Z .:/,\\\\-]{0,3}( ?(am|pm|ago|years|Jahre|天|之前|at|Today|Tod\\\\ay|August|il y a|right now|Tháng|th\\\\áng|1月|[0-9]{1,4}[-/.:]?))*"
        ) {
            if !may_be_date_line(&line) {
                prop_assert_eq!(date_line(&unescaped(&line)), None);
            }
        }

        #[test]
        fn hand_written_rules_read_like_the_nom_grammar_on_any_text(line in "\\PC{0,30}") {
            assert_rules_read_like_nom(&line);
        }

        #[test]
        fn hand_written_rules_read_like_the_nom_grammar_on_date_like_text(
            line in "([0-9]{1,4}|[ .,:/年月日-]|st|th|de |г\\.|р|h|min|am|p\\.m\\.|Uhr|at|à|a las|下午|August|Aug|août|Tháng 8|1月|августа|\u{a0}){0,12}"
        ) {
            assert_rules_read_like_nom(&line);
        }

        #[test]
        fn never_panics_on_date_like_text(line in "[0-9 .:/,年月日-]{0,24}( ?(am|pm|ago|years|Jahre|天|之前|августа|at))*") {
            if let Some(token) = date_line(&line) {
                for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
                    let _ = resolve(&token, order, Some(at("2024-01-31 12:00:00")));
                    let _ = resolve(&token, order, None);
                }
            }
        }

        #[test]
        fn resolve_never_panics(first in any::<u8>(), second in any::<u8>(), year in any::<u16>(),
                                hour in any::<u8>(), minute in 0u8..100, pm in any::<Option<bool>>(),
                                year_first in any::<bool>(), years in any::<u32>(), days in any::<u32>()) {
            let clock = Some(Clock { hour, minute, second: 0, pm });
            let token = DateToken::Numeric { first, second, year, year_first, clock };
            let _ = resolve(&token, DateOrder::DayFirst, None);
            let age = Age { first: years, first_unit: Unit::Year, second: days, second_unit: Some(Unit::Day) };
            let token = DateToken::Relative(age);
            let _ = resolve(&token, DateOrder::DayFirst, Some(at("2024-01-31 12:00:00")));
        }
    }

    // --- order hints and resolution ----------------------------------------------------------

    #[test]
    fn order_hint_from_fields() {
        let hint = |line| date_line(line).and_then(|t| t.order_hint());
        assert_eq!(hint("20-08-21 17:27"), Some(DateOrder::DayFirst));
        assert_eq!(hint("08/20/2021 5:27 pm"), Some(DateOrder::MonthFirst));
        assert_eq!(hint("05-06-21"), None);
        assert_eq!(hint("20-20-21"), None);
        assert_eq!(hint("2021-08-20"), None);
        assert_eq!(hint("2021-12-31"), None);
        assert_eq!(hint("August 20, 2021"), None);
        assert_eq!(hint("2 years ago"), None);
    }

    #[test]
    fn resolve_absolute_dates() {
        let r = |line, order| resolve(&date_line(line).unwrap(), order, None);
        use DateOrder::{DayFirst, MonthFirst};
        assert_eq!(r("20-08-21 17:27", DayFirst), Ok((Some(at("2021-08-20 17:27:00")), None)));
        assert_eq!(r("05-06-21", DayFirst), Ok((Some(at("2021-06-05 00:00:00")), None)));
        assert_eq!(r("05-06-21", MonthFirst), Ok((Some(at("2021-05-06 00:00:00")), None)));
        assert_eq!(r("05-06-99", MonthFirst), Ok((Some(at("1999-05-06 00:00:00")), None)));
        assert_eq!(r("05-06-70", MonthFirst), Ok((Some(at("1970-05-06 00:00:00")), None)));
        assert_eq!(r("05-06-69", MonthFirst), Ok((Some(at("2069-05-06 00:00:00")), None)));
        assert_eq!(r("05-06-00", MonthFirst), Ok((Some(at("2000-05-06 00:00:00")), None)));
        assert_eq!(r("2021-08-20 17:27:09", MonthFirst), Ok((Some(at("2021-08-20 17:27:09")), None)));
        assert_eq!(r("2021-08-20 17:27", DayFirst), Ok((Some(at("2021-08-20 17:27:00")), None)));
        assert_eq!(r("August 20, 2021 5:27 pm", DayFirst), Ok((Some(at("2021-08-20 17:27:00")), None)));
        assert_eq!(r("August 20, 2021 12:05 am", DayFirst), Ok((Some(at("2021-08-20 00:05:00")), None)));
        assert_eq!(r("August 20, 2021 12:05 pm", DayFirst), Ok((Some(at("2021-08-20 12:05:00")), None)));
        assert_eq!(r("2021年8月20日 下午5:27", DayFirst), Ok((Some(at("2021-08-20 17:27:00")), None)));
        assert_eq!(r("29.02.2024", DayFirst), Ok((Some(at("2024-02-29 00:00:00")), None)));
    }

    #[test]
    fn resolve_reports_impossible_dates() {
        let err = |line, order| resolve(&date_line(line).unwrap(), order, None).unwrap_err().to_string();
        use DateOrder::{DayFirst, MonthFirst};
        assert_eq!(err("20-13-21", DayFirst), "month 13 is out of range");
        assert_eq!(err("20-08-21", MonthFirst), "month 20 is out of range");
        assert_eq!(err("00-08-21", DayFirst), "day 0 is out of range");
        assert_eq!(err("32-08-21", DayFirst), "day 32 is out of range");
        assert_eq!(err("30-02-21", DayFirst), "February 30 does not exist");
        assert_eq!(err("31.04.2021", DayFirst), "April 31 does not exist");
        assert_eq!(err("29.02.2021", DayFirst), "February 29, 2021 does not exist");
        assert_eq!(err("20-08-21 25:00", DayFirst), "hour 25 is out of range");
        assert_eq!(err("20-08-21 24:00", DayFirst), "hour 24 is out of range");
        assert_eq!(err("20-08-21 13:00 pm", DayFirst), "hour 13 is out of range for a 12-hour clock");
        assert_eq!(err("20-08-21 0:10 am", DayFirst), "hour 0 is out of range for a 12-hour clock");
        assert_eq!(err("20-08-21 17:60", DayFirst), "minute 60 is out of range");
        assert_eq!(err("20-08-21 17:59:61", DayFirst), "second 61 is out of range");
        assert_eq!(err("August 32, 2021", DayFirst), "day 32 is out of range");
        assert_eq!(err("Today 25:00", DayFirst), "hour 25 is out of range");
    }

    #[test]
    fn resolve_relative_and_today() {
        let now = at("2024-03-31 12:00:00");
        let r = |line, now| resolve(&date_line(line).unwrap(), DateOrder::DayFirst, now);
        assert_eq!(r("2 years ago", Some(now)), Ok((Some(at("2022-03-31 12:00:00")), Some(ago("P2Y")))));
        assert_eq!(r("1 month ago", Some(now)), Ok((Some(at("2024-02-29 12:00:00")), Some(ago("P1M")))));
        assert_eq!(r("3 months 11 days ago", None), Ok((None, Some(ago("P3M11D")))));
        assert_eq!(
            r("1 year 23 hours ago", Some(now)),
            Ok((Some(at("2023-03-30 13:00:00")), Some(ago("P1YT23H"))))
        );
        assert_eq!(r("1 week ago", Some(now)), Ok((Some(at("2024-03-24 12:00:00")), Some(ago("P1W")))));
        assert_eq!(r("right now", Some(now)), Ok((Some(now), Some(ago("PT0S")))));
        // Too far back for chrono: the age stays, the timestamp is unknown.
        assert_eq!(r("4000000000 years ago", Some(now)), Ok((None, Some(ago("P4000000000Y")))));
        assert_eq!(r("Today 5:27 pm", Some(now)), Ok((Some(at("2024-03-31 17:27:00")), None)));
        assert_eq!(r("Today 5:27 pm", None), Ok((None, None)));
        let date = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        assert_eq!(r("Today 00:00", Some(now)).unwrap().0.map(|t| t.date()), Some(date));
    }

    // --- edge values of the narrow fields ------------------------------------------------------
    //
    // The grammar bounds each field by its digits: one or two for a day, month or clock field
    // (at most 99: a `u8`), two or four for a year (at most 9999: a `u16`). The largest value
    // still reads as a date, reported by `resolve` when it is no real one; a digit more and the
    // line is no date. A relative count keeps the whole `u32` range.

    #[test]
    fn largest_years_and_one_past() {
        let r = |line| resolve(&date_line(line).unwrap(), DateOrder::DayFirst, None);
        assert_eq!(date_line("20-08-9999 17:27"), numeric(20, 8, 9999, hm(17, 27)));
        assert_eq!(r("20-08-9999 17:27"), Ok((Some(at("9999-08-20 17:27:00")), None)));
        assert_eq!(r("9999-12-31"), Ok((Some(at("9999-12-31 00:00:00")), None)));
        assert_eq!(date_line("August 20, 9999 5:27 pm"), named(9999, 8, 20, pm(5, 27)));
        assert_eq!(r("August 20, 9999 5:27 pm"), Ok((Some(at("9999-08-20 17:27:00")), None)));
        assert_eq!(date_line("20. August 9999"), named(9999, 8, 20, None));
        assert_eq!(date_line("9999. augusztus 20."), named(9999, 8, 20, None));
        assert_eq!(date_line("9999年12月31日"), named(9999, 12, 31, None));
        for past in [
            "20-08-99999 17:27",
            "99999-12-31",
            "August 20, 99999 5:27 pm",
            "20. August 99999",
            "99999. augusztus 20.",
            "99999年12月31日",
        ] {
            assert_eq!(date_line(past), None, "{past}");
        }
    }

    #[test]
    fn largest_day_and_month_fields_and_one_past() {
        use DateOrder::{DayFirst, MonthFirst};
        let err = |line, order| resolve(&date_line(line).unwrap(), order, None).unwrap_err().to_string();
        assert_eq!(date_line("99-99-21 17:27"), numeric(99, 99, 21, hm(17, 27)));
        assert_eq!(err("99-99-21 17:27", DayFirst), "month 99 is out of range");
        assert_eq!(err("99-12-21", DayFirst), "day 99 is out of range");
        assert_eq!(err("12-99-21", MonthFirst), "day 99 is out of range");
        assert_eq!(err("2021-99-99", DayFirst), "month 99 is out of range");
        assert_eq!(date_line("August 99, 2021"), named(2021, 8, 99, None));
        assert_eq!(err("August 99, 2021", DayFirst), "day 99 is out of range");
        assert_eq!(date_line("2021年99月99日"), named(2021, 99, 99, None));
        assert_eq!(err("2021年99月99日", DayFirst), "month 99 is out of range");
        for past in [
            "100-08-21 17:27",
            "20-100-21 17:27",
            "2021-100-20",
            "2021-08-100",
            "August 100, 2021",
            "100 août 2021",
            "2021年100月1日",
            "2021年1月100日",
        ] {
            assert_eq!(date_line(past), None, "{past}");
        }
    }

    #[test]
    fn largest_clock_fields_and_one_past() {
        let clock = |hour, minute, second, pm| Some(Clock { hour, minute, second, pm });
        let err =
            |line| resolve(&date_line(line).unwrap(), DateOrder::DayFirst, None).unwrap_err().to_string();
        assert_eq!(date_line("20-08-21 99:99:99"), numeric(20, 8, 21, clock(99, 99, 99, None)));
        assert_eq!(err("20-08-21 99:99:99"), "hour 99 is out of range");
        assert_eq!(err("20-08-21 99:00 pm"), "hour 99 is out of range for a 12-hour clock");
        assert_eq!(err("20-08-21 17:99"), "minute 99 is out of range");
        assert_eq!(err("20-08-21 17:27:99"), "second 99 is out of range");
        assert_eq!(err("20 août 2021 99 h 00"), "hour 99 is out of range");
        assert_eq!(err("2021年8月20日 下午99:00"), "hour 99 is out of range for a 12-hour clock");
        assert_eq!(
            date_line("Today 99:00"),
            Some(DateToken::Today { clock: Clock { hour: 99, ..Clock::default() } })
        );
        assert_eq!(err("Today 99:00"), "hour 99 is out of range");
        for past in [
            "20-08-21 100:00",
            "20-08-21 300:00",
            "20-08-21 17:100",
            "20-08-21 17:27:100",
            "20-08-21 100:00 pm",
            "20 août 2021 100 h 00",
            "2021年8月20日 下午100:00",
            "Today 100:00",
            "Today 300:00",
        ] {
            assert_eq!(date_line(past), None, "{past}");
        }
    }

    #[test]
    fn largest_relative_counts_and_one_past() {
        let now = at("2024-03-31 12:00:00");
        let r = |line| resolve(&date_line(line).unwrap(), DateOrder::DayFirst, Some(now));
        assert_eq!(date_line("4294967295 seconds ago"), relative("PT4294967295S"));
        let back = now - chrono::Duration::seconds(i64::from(u32::MAX));
        assert_eq!(r("4294967295 seconds ago"), Ok((Some(back), Some(ago("PT4294967295S")))));
        let both = "4294967295 years 4294967295 days ago";
        assert_eq!(date_line(both), relative("P4294967295Y4294967295D"));
        assert_eq!(r(both), Ok((None, Some(ago("P4294967295Y4294967295D")))));
        assert_eq!(date_line("il y a 4294967295 années"), relative("P4294967295Y"));
        for past in [
            "4294967296 seconds ago",
            "1 year 4294967296 days ago",
            "4294967296 years 1 day ago",
            "il y a 4294967296 années",
            "4294967296 éve",
        ] {
            assert_eq!(date_line(past), None, "{past}");
        }
    }

    #[test]
    fn full_year_window() {
        assert_eq!(full_year(0), 2000);
        assert_eq!(full_year(69), 2069);
        assert_eq!(full_year(70), 1970);
        assert_eq!(full_year(99), 1999);
        assert_eq!(full_year(2021), 2021);
    }

    #[test]
    fn case_insensitive_prefix_match() {
        assert_eq!(ci_prefix("August 20", "august"), Some(6));
        assert_eq!(ci_prefix("AOÛT 20", "août"), Some(5));
        assert_eq!(ci_prefix("Augus", "august"), None);
        assert_eq!(ci_prefix("right\u{a0}now", "right now"), Some(10));
        assert_eq!(ci_prefix("İ", "i"), Some(2));
        assert_eq!(ci_prefix("MAYIS", "mayis"), Some(5));
        assert_eq!(ci_prefix("", "a"), None);
        assert_eq!(ci_prefix("abc", ""), Some(0));
    }
}

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
//! line can match (see [`date_line`]). Word tables are built once (a byte trie each); a
//! call allocates nothing and compares case-insensitively, an ASCII byte or a character at a time.
//! [`may_be_date_line`] is the same first look for a line that still has html2text's
//! backslashes. A line that passes the first look is read through a per-thread table of
//! shapes ([`shapes`]): one whose text, with its digits masked, was read before (`5:27 pm`
//! and `9:02 pm`, on this page or an earlier one) costs a compare and a read of its digits.
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

use super::rules::{digits_len, digits_value};
use crate::double_array::{DoubleArray, Layout};
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
/// it out first. What the rules made of a line is remembered by its shape
/// ([`shapes::remembered`]).
pub(crate) fn date_line(text: &str) -> Option<DateToken> {
    read_date_line::<true>(text)
}

/// [`date_line`] without the table of shapes ([`shapes::remembered`]): the rules alone
/// (kept to test the table).
#[cfg(test)]
fn date_line_by_rules(text: &str) -> Option<DateToken> {
    read_date_line::<false>(text)
}

/// [`date_line`], the rules' reading remembered by the line's shape when `REMEMBER`.
#[inline(always)]
fn read_date_line<const REMEMBER: bool>(text: &str) -> Option<DateToken> {
    let first = text.chars().next()?;
    if text.len() > MAX_LINE {
        return None;
    }
    if first.is_ascii_digit() {
        return through_table::<REMEMBER>(text, digit_first_line);
    }
    let words = words();
    // The first looks of the walk of the words a date line starts with: most text stops at
    // them.
    if !words.may_start(first) || !words.ascii_start_may_match(text.as_bytes()) {
        return None;
    }
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        // Every other form has a number: only a "right now" phrase is left.
        return (words.first_word_kinds(text) & RIGHT_NOW != 0)
            .then(|| all_consuming(right_now).parse(text).ok())
            .flatten()
            .map(|_| DateToken::Relative(Age::RIGHT_NOW));
    }
    // The table before the walk: on a date line (`August 20, 2021 5:27 pm`) the walk reads
    // the whole first word, a branch a character, where a line of a shape seen before needs
    // none. (The first word is in the shape: a word with a digit, `Th8`, is never
    // remembered.)
    through_table::<REMEMBER>(text, |text| {
        // Not starting with a digit, a named date starts with a month name (`F j, Y`), `Today
        // 5:27 pm` with a "today" phrase, a relative date with its adjective (`il y a 2 ans`;
        // a "right now" phrase has no number).
        let kinds = words.first_word_kinds(text);
        first_match(
            text,
            [
                (kinds & MONTH != 0 && has_two_numbers(text), named_line),
                (kinds & TODAY != 0, today_line),
                (kinds & AGO != 0, relative_line),
            ],
        )
    })
}

/// `rules(text)`, through the table of shapes when `REMEMBER`.
#[inline(always)]
fn through_table<const REMEMBER: bool>(
    text: &str,
    rules: impl FnOnce(&str) -> Option<DateToken>,
) -> Option<DateToken> {
    if REMEMBER {
        shapes::remembered(text, rules)
    } else {
        rules(text)
    }
}

/// [`date_line`]'s rules for a line that starts with a digit.
fn digit_first_line(text: &str) -> Option<DateToken> {
    let after_number = &text.as_bytes()[digits_len(text)..];
    // `d-m-y`, `Y/m/d`, `d.m.Y`: a separator right after the first number.
    let numeric = matches!(after_number.first(), Some(b'-' | b'/' | b'.'));
    // A named date has a second number ([`has_two_numbers`]).
    let named = after_number.iter().any(u8::is_ascii_digit);
    // The rules in order, called directly (not through `first_match`), so that they can be
    // inlined.
    if numeric {
        if let Ok((_, token)) = numeric_line(text) {
            return Some(token);
        }
    }
    if named {
        if let Ok((_, token)) = named_line(text) {
            return Some(token);
        }
    }
    relative_date(text).ok().map(|(_, age)| DateToken::Relative(age))
}

/// A first look at a line before [`date_line`] runs on it with every backslash removed
/// (html2text escapes dates, `23\. August 2021`): `false` only when that line cannot be a
/// date. It reads the first characters as `date_line` would after the backslashes are
/// dropped (a digit; or a letter that starts a word of the tables, checked with the first
/// two or three ASCII characters), so a caller can skip looking for backslashes and
/// unescaping for most lines. It looks at no more than a few bytes past the leading
/// backslashes and allocates nothing.
pub(crate) fn may_be_date_line(text: &str) -> bool {
    // Most lines start with three ASCII bytes and no backslash: those bytes are the head
    // the checks below read, without decoding or skipping.
    if let [a, b, c, ..] = *text.as_bytes() {
        if (a | b | c).is_ascii() && a != b'\\' && b != b'\\' && c != b'\\' {
            return words().first_look.may_match(a, b, c);
        }
    }
    may_be_date_line_by_chars(text)
}

/// [`may_be_date_line`] of a line that starts with three ASCII bytes, none a backslash, as
/// two loads: the set of third bytes that may follow the first two (a digit first lets any
/// through), one of a few distinct sets. Built once from the tables the general way reads
/// ([`Words::ascii_third_bytes`]), so both answer alike (`first_look_table_is_the_rule`).
#[derive(Debug)]
struct FirstLook {
    /// For the first two bytes `a b`, at `a * 128 + b`: the index of their set in `thirds`.
    pairs: Box<[u8; 128 * 128]>,
    /// Sets of third bytes (bit `c`); `thirds[0]` is empty. A few dozen are used: a `u8`
    /// index and a full table need no bounds check.
    thirds: Box<[u128; 256]>,
}

impl FirstLook {
    fn new(words: &Words) -> FirstLook {
        let mut thirds = vec![0u128];
        let mut pairs = Box::new([0u8; 128 * 128]);
        for a in 0u8..128 {
            for b in 0u8..128 {
                let set = words.ascii_third_bytes(a, b);
                let index = match thirds.iter().position(|&known| known == set) {
                    Some(index) => index,
                    None => {
                        thirds.push(set);
                        thirds.len() - 1
                    }
                };
                pairs[usize::from(a) << 7 | usize::from(b)] = u8::try_from(index).expect("few distinct sets");
            }
        }
        thirds.resize(256, 0);
        FirstLook { pairs, thirds: thirds.into_boxed_slice().try_into().expect("256 sets") }
    }

    /// Whether a line starting with the ASCII bytes `a b c` may be a date.
    #[inline]
    fn may_match(&self, a: u8, b: u8, c: u8) -> bool {
        let set = self.thirds[usize::from(self.pairs[usize::from(a & 0x7f) << 7 | usize::from(b & 0x7f)])];
        set >> (c & 0x7f) & 1 != 0
    }

    /// The rule the table holds, for ASCII `a b c` (kept to test it).
    #[cfg(test)]
    fn ascii_may_match(words: &Words, a: u8, b: u8, c: u8) -> bool {
        a.is_ascii_digit()
            || (words.ascii_starts[usize::from(a.to_ascii_lowercase())]
                && words.ascii_start_may_match(&[a, b, c]))
    }
}

/// True only when `text` is no date line, escaped or not: neither [`date_line`] of it nor
/// of it without its backslashes reads a date (what `date_line_unescaped` in stage 1 asks).
/// A second look for long lines the first look let through: too long for a date; a line
/// that starts with a number but none of the rules' first steps reads (a numbered step,
/// `7. Click on...`); or words no date form starts with.
pub(crate) fn rules_out_line(text: &str) -> bool {
    if memchr::memchr(b'\\', text.as_bytes()).is_some() {
        // The rules read the line unescaped: only its length rules it out.
        let backslashes = text.bytes().filter(|&b| b == b'\\').count();
        return text.len() - backslashes > MAX_LINE;
    }
    if text.len() > MAX_LINE {
        return true;
    }
    let Some(&first) = text.as_bytes().first() else { return true };
    if first.is_ascii_digit() {
        // What `digit_first_line` tries, each rule's first steps: a numeric date, a named
        // date, the first part of a relative date.
        return numeric_date(text).is_err() && named_date(text).is_err() && relative_part(text).is_err();
    }
    if !may_be_date_line(text) {
        return true;
    }
    // What `read_date_line` tries on a line that opens with a word.
    let words = words();
    let kinds = words.first_word_kinds(text);
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return kinds & RIGHT_NOW == 0;
    }
    (kinds & MONTH == 0 || !has_two_numbers(text)) && kinds & (TODAY | AGO) == 0
}

/// [`may_be_date_line`] the general way: backslashes skipped, the first character decoded.
///
/// Not inlined: the shortcut, taken by most lines, then saves no registers for it.
#[inline(never)]
fn may_be_date_line_by_chars(text: &str) -> bool {
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
    let Some(start) = text.bytes().position(|b| b.is_ascii_digit()) else {
        return false;
    };
    let after = &text[start..];
    after[digits_len(after)..].bytes().any(|b| b.is_ascii_digit())
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
const MONTHS_TSV: &str = include_str!("../months.tsv");

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
///
/// The forms are added to a character trie (`nodes`), which the start-up tables and the
/// tests read; [`Lexicon::compile`] then lays the same trie over the forms' UTF-8 bytes out
/// as a double array (`slots`), which the walk reads: a step is an addition and a
/// comparison, whatever the number of edges, and a character of the trie is stepped with
/// its bytes, without decoding it.
#[derive(Debug)]
struct Lexicon<T> {
    /// `nodes[0]` is the root.
    nodes: Vec<LexiconNode<T>>,
    /// The byte trie: the state of slot `i` steps by byte `b` to slot `slots[i].base + b`
    /// when that slot's `check` is `i`. Slot 0 is the root. Empty until compiled.
    slots: DoubleArray,
    /// The values of the words that end at a slot (`DoubleArray::value` is 1 + their index),
    /// and whether their last character is CJK.
    values: Vec<(T, bool)>,
}

#[derive(Debug)]
struct LexiconNode<T> {
    /// Outgoing edges, sorted by character.
    edges: Vec<(char, u32)>,
    /// The value of the word that ends here, and whether its last character is CJK.
    word: Option<(T, bool)>,
}

/// Places the children of the state at `slot` in `layout`: the bytes at `depth` of the
/// characters of `edges` (sorted, and sharing their first `depth` bytes), a state for each
/// byte; `child` is told the slot of each character's node.
fn place_chars(
    layout: &mut Layout,
    slot: usize,
    edges: &[(char, u32)],
    depth: usize,
    child: &mut impl FnMut(u32, usize),
) {
    let byte_at = |c: char| c.encode_utf8(&mut [0; 4]).as_bytes()[depth];
    // UTF-8 keeps the order of characters: the bytes come sorted, the lowest first. Every
    // child's slot is taken before any grandchild is placed.
    let base = layout.place(slot, edges.iter().map(|&(c, _)| byte_at(c)));
    let mut rest = edges;
    while let Some(&(c, node)) = rest.first() {
        let byte = byte_at(c);
        let group = rest.iter().take_while(|&&(c, _)| byte_at(c) == byte).count();
        let index = base + usize::from(byte);
        if c.len_utf8() == depth + 1 {
            child(node, index); // UTF-8 is prefix-free: the character is alone in its group
        } else {
            place_chars(layout, index, &rest[..group], depth + 1, child);
        }
        rest = &rest[group..];
    }
}

impl<T: Copy> Lexicon<T> {
    fn new() -> Self {
        Lexicon {
            nodes: vec![LexiconNode { edges: Vec::new(), word: None }],
            slots: DoubleArray::default(),
            values: Vec::new(),
        }
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
                    next
                }
            };
        }
        match &mut self.nodes[node].word {
            Some((old, _)) => merge(old, value),
            word @ None => *word = Some((value, is_cjk(last))),
        }
        self.slots = DoubleArray::default(); // to be compiled again
    }

    /// The node of the character trie reached from `node` by character `c`.
    fn step(&self, node: usize, c: char) -> Option<usize> {
        let edges = &self.nodes[node].edges;
        edges.binary_search_by_key(&c, |e| e.0).ok().map(|i| edges[i].1 as usize)
    }

    /// Lays the character trie out as the byte trie the walk reads (once all forms are in).
    fn compile(&mut self) {
        let mut layout = Layout::new();
        let mut values = Vec::new();
        let mut queue = std::collections::VecDeque::from([(0usize, 0usize)]); // (node, its slot)
        while let Some((node, slot)) = queue.pop_front() {
            if let Some(word) = self.nodes[node].word {
                values.push(word);
                layout.set_value(slot, values.len() as u32);
            }
            place_chars(&mut layout, slot, &self.nodes[node].edges, 0, &mut |child, slot| {
                queue.push_back((child as usize, slot))
            });
        }
        self.slots = layout.finish();
        self.values = values;
    }

    /// The state reached from `state` by byte `byte`.
    #[inline]
    fn step_byte(&self, state: usize, byte: u8) -> Option<usize> {
        self.slots.step(state, byte)
    }

    /// The state reached from `state` by the bytes of `text`.
    #[inline]
    fn step_bytes(&self, state: usize, text: &[u8]) -> Option<usize> {
        text.iter().try_fold(state, |state, &b| self.step_byte(state, b))
    }

    /// The state reached from `state` by input character `c` (not ASCII, `encoded` its
    /// bytes), compared case-insensitively: any space matches a space, other characters
    /// lowercased.
    fn step_char(&self, state: usize, c: char, encoded: &[u8]) -> Option<usize> {
        if let Some(next) = self.step_bytes(state, encoded) {
            // A character of the trie is its own fold (`trie_characters_are_their_own_fold`)
            // and never a space (`add` splits forms at spaces): stepping with it is
            // stepping with its fold, without Unicode case mapping.
            return Some(next);
        }
        if is_space(c) {
            self.step_byte(state, b' ')
        } else if crate::phrases::is_own_lowercase(c) {
            None
        } else {
            fold(c).try_fold(state, |state, lower| {
                self.step_bytes(state, lower.encode_utf8(&mut [0; 4]).as_bytes())
            })
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
        debug_assert!(!self.slots.is_empty(), "the lexicon is compiled");
        let bytes = input.as_bytes();
        let mut state = 0;
        let mut at = 0;
        loop {
            let word = self.slots.value(state);
            if word != 0 {
                let (value, ends_cjk) = self.values[word as usize - 1];
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
                    self.step_byte(state, ascii_key(b))
                }
                Some(_) => input[at..].chars().next().and_then(|c| {
                    let encoded = &bytes[at..at + c.len_utf8()];
                    at += encoded.len();
                    self.step_char(state, c, encoded)
                }),
            };
            match child {
                Some(child) => state = child,
                None => return,
            }
        }
    }

    /// [`Lexicon::step_char`] on the character trie (kept to test the byte trie).
    #[cfg(test)]
    fn step_input(&self, node: usize, c: char) -> Option<usize> {
        if is_space(c) {
            self.step(node, ' ')
        } else if c.is_ascii() {
            self.step(node, c.to_ascii_lowercase())
        } else if let Some(next) = self.step(node, c) {
            Some(next)
        } else if crate::phrases::is_own_lowercase(c) {
            None
        } else {
            fold(c).try_fold(node, |node, lower| self.step(node, lower))
        }
    }

    /// [`Lexicon::each_prefix`] on the character trie, a character at a time (kept to test
    /// the byte trie).
    #[cfg(test)]
    fn each_prefix_by_chars<'a>(&self, input: &'a str, mut found: impl FnMut(T, &'a str)) {
        let mut node = 0;
        let mut chars = input.char_indices();
        loop {
            let at = chars.clone().next().map_or(input.len(), |(at, _)| at);
            if let Some((value, ends_cjk)) = self.nodes[node].word {
                if at_boundary(ends_cjk, &input[at..]) {
                    found(value, &input[at..]);
                }
            }
            match chars.next().and_then(|(_, c)| self.step_input(node, c)) {
                Some(next) => node = next,
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
    /// The first look at three ASCII bytes as one table ([`may_be_date_line`]).
    first_look: FirstLook,
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
            first_look: FirstLook { pairs: Box::new([0; 128 * 128]), thirds: Box::new([0; 256]) },
        };
        words.months.compile();
        words.units.compile();
        words.ago.compile();
        words.right_now.compile();
        words.today.compile();
        words.joiners.compile();
        words.first_words.compile();
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
        words.first_look = FirstLook::new(&words);
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

    /// The set of ASCII bytes `c` (bit `c`) that let a line starting with the ASCII bytes
    /// `a b c` be a date for [`may_be_date_line`]: every byte after a digit; after a letter
    /// that starts a word and a second byte the words go on with, the third bytes the words
    /// go on with ([`Words::ascii_start_may_match`]); none otherwise.
    fn ascii_third_bytes(&self, a: u8, b: u8) -> u128 {
        if a.is_ascii_digit() {
            return u128::MAX;
        }
        let (a_key, b_key) = (ascii_key(a), ascii_key(b));
        if !self.ascii_starts[usize::from(a.to_ascii_lowercase())]
            || self.first_pairs[usize::from(a_key)] >> b_key & 1 == 0
        {
            return 0;
        }
        if !(a_key.is_ascii_lowercase() && b_key.is_ascii_lowercase()) {
            return u128::MAX;
        }
        let allowed = self.first_triples[letter_pair(a_key, b_key)];
        (0u8..128).filter(|&c| allowed >> ascii_key(c) & 1 != 0).fold(0, |set, c| set | 1 << c)
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

/// An ASCII input character as [`Lexicon::each_prefix`] steps with it: a space as `' '`,
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

/// `char::is_alphanumeric`, answered without its table search for the letters of the
/// alphabets most words of the tables are in: the search costs a few hundred instructions
/// a character.
fn is_alphanumeric(c: char) -> bool {
    is_common_letter(c) || c.is_alphanumeric()
}

/// Letters of Latin-1 and Latin Extended, Greek, Cyrillic, Armenian, Hebrew and Arabic:
/// ranges with nothing but letters (`common_letters_are_alphanumeric` checks every one).
fn is_common_letter(c: char) -> bool {
    matches!(
        u32::from(c),
        0xC0..=0xD6
            | 0xD8..=0xF6
            | 0xF8..=0x24F
            | 0x391..=0x3A1
            | 0x3A3..=0x3CE
            | 0x400..=0x481
            | 0x48A..=0x52F
            | 0x531..=0x556
            | 0x561..=0x587
            | 0x5D0..=0x5EA
            | 0x620..=0x64A
    )
}

/// A form matched at the start of a word ends on a boundary: the input ends, or goes on
/// with a non-alphanumeric character, or either side is CJK (`form_ends_cjk`: the form's
/// last character is).
#[inline]
fn at_boundary(form_ends_cjk: bool, rest: &str) -> bool {
    match rest.as_bytes().first() {
        None => true,
        // An ASCII character is alphanumeric as `char::is_alphanumeric` says, and never CJK.
        Some(b) if b.is_ascii() => form_ends_cjk || !b.is_ascii_alphanumeric(),
        Some(_) => {
            rest.chars().next().is_some_and(|next| form_ends_cjk || is_cjk(next) || !is_alphanumeric(next))
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
#[inline]
fn sp1(i: &str) -> PResult<'_, &str> {
    match sp0(i)? {
        (_, "") => Err(nom::Err::Error(NomError::new(i, ErrorKind::TakeWhile1))),
        spaces => Ok(spaces),
    }
}

/// Any number of spaces.
#[inline]
fn sp0(i: &str) -> PResult<'_, &str> {
    let rest = skip_spaces(i);
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// `i` after its leading spaces ([`is_space`]), read as bytes: every rule skips spaces, most
/// often none or one ASCII space, and decoding characters for it cost more than the rest.
#[inline]
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

/// The value of a run of at most four ASCII digits (at most 9999: never overflows). A
/// digit's low four bits are its value: a mask, not a subtraction and a remainder (a byte
/// that is no digit still gives at most 15, so nothing overflows either).
fn decimal(run: &str) -> u16 {
    run.bytes().take(4).fold(0, |n, b| n * 10 + u16::from(b & 0x0f))
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
#[inline]
fn count(i: &str) -> PResult<'_, u32> {
    let (rest, run) = digit1(i)?;
    match digits_value(run).and_then(|n| u32::try_from(n).ok()) {
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
#[inline]
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
#[inline]
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
#[inline]
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
#[inline]
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
#[inline]
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
#[inline]
fn unit_word(i: &str) -> PResult<'_, UnitWord> {
    match words().units.longest(i) {
        Some((unit, rest)) => Ok((rest, unit)),
        None => fail(i),
    }
}

/// The relative adjective of any catalogue (`ago`, `zuvor`, `il y a`, `назад`, `之前`), as
/// its catalogue text.
#[inline]
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
#[inline]
fn relative_part(i: &str) -> PResult<'_, (u32, UnitWord)> {
    let (i, n) = count(i)?;
    let (i, unit) = unit_word(skip_spaces(i))?;
    Ok((i, (n, unit)))
}

/// One or two parts (`3 months 11 days`, legacy wpDiscuz 4), as printed.
#[inline]
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
#[inline]
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

#[inline]
fn relative_line(i: &str) -> PResult<'_, DateToken> {
    let (rest, age) = relative_date(i)?;
    Ok((rest, DateToken::Relative(age)))
}

mod shapes;
#[cfg(test)]
mod tests;

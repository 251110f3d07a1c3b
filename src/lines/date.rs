//! Date lines: absolute (`20-08-21 17:27`, `August 20, 2021 5:27 pm`, `20. August 2021 17:27`)
//! and relative (`2 years ago`, `2 Jahre zuvor`, `3 months 11 days ago`, `right now`).
//!
//! Stage 1 only recognises the shape and keeps the raw fields: whether `05-06-21` is the
//! 5th of June or May 6th is decided later with every date of the page in view
//! (`page::dates`), and whether a field is in range (`32-13-21`) is checked there too, so
//! that an impossible date still reads as a date line and can be reported.

use crate::model::Ago;

/// A time of day as printed, not yet checked for range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Clock {
    /// Hour as printed (0-23, or 1-12 with `pm`).
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// `Some(true)` for pm, `Some(false)` for am, `None` for a 24-hour clock.
    pub pm: Option<bool>,
}

/// What a date line says, before page-level decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateToken {
    /// All-numeric date, fields in page order. `year_first` for `Y-m-d` / `Y/m/d` (a
    /// four-digit first field); otherwise the last field is the year (two or four digits)
    /// and the first two are day and month in an order the page decides.
    Numeric { first: u32, second: u32, year: u32, year_first: bool, clock: Option<Clock> },
    /// A date with a month name (`August 20, 2021`, `20 août 2021`, `2021年8月20日`): the
    /// fields are unambiguous, not yet range-checked (`year` as printed: two or four digits).
    Named { year: u32, month: u32, day: u32, clock: Option<Clock> },
    /// `Today 5:27 pm` (wpDiscuz 3).
    Today { clock: Clock },
    /// `2 years ago`, `3 months 11 days ago`, `2 Jahre zuvor`, `right now` (all zero).
    Relative(Ago),
}

/// Recognises a whole line (already trimmed of whitespace and converter residue) as a date.
/// Returns `None` unless the entire line is a date.
pub(crate) fn date_line(text: &str) -> Option<DateToken> {
    // TEMPORARY minimal rules until the full date module lands.
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() == 2 {
        let d: Vec<u32> = words[0].split(['-', '/', '.']).filter_map(|x| x.parse().ok()).collect();
        let t: Vec<u32> = words[1].split(':').filter_map(|x| x.parse().ok()).collect();
        if d.len() == 3 && t.len() == 2 {
            let year_first = words[0].len() >= 10 && words[0].as_bytes()[4].is_ascii_punctuation();
            let (first, second, year) = if year_first { (d[1], d[2], d[0]) } else { (d[0], d[1], d[2]) };
            return Some(DateToken::Numeric { first, second, year, year_first, clock: Some(Clock { hour: t[0], minute: t[1], second: 0, pm: None }) });
        }
    }
    if words.last() == Some(&"ago") && words.len() % 2 == 1 && words.len() >= 3 {
        let mut ago = Ago::default();
        for pair in words[..words.len() - 1].chunks(2) {
            let n: u32 = pair[0].parse().ok()?;
            match pair[1].trim_end_matches('s') {
                "year" => ago.years = n,
                "month" => ago.months = n,
                "week" => ago.weeks = n,
                "day" => ago.days = n,
                "hour" => ago.hours = n,
                "minute" => ago.minutes = n,
                "second" => ago.seconds = n,
                _ => return None,
            }
        }
        return Some(DateToken::Relative(ago));
    }
    const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    if words.len() == 5 {
        let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(words[0]))? as u32 + 1;
        let day: u32 = words[1].trim_end_matches(',').parse().ok()?;
        let year: u32 = words[2].parse().ok()?;
        let (h, m) = words[3].split_once(':')?;
        let pm = match words[4] { "am" | "AM" => false, "pm" | "PM" => true, _ => return None };
        return Some(DateToken::Named { year, month, day, clock: Some(Clock { hour: h.parse().ok()?, minute: m.parse().ok()?, second: 0, pm: Some(pm) }) });
    }
    None
}

impl DateToken {
    /// TEMPORARY: see `date_line`.
    pub(crate) fn order_hint(&self) -> Option<crate::DateOrder> {
        match *self {
            DateToken::Numeric { first, year_first: false, .. } if first > 12 => Some(crate::DateOrder::DayFirst),
            DateToken::Numeric { second, year_first: false, .. } if second > 12 => Some(crate::DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// A date line whose fields are out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidDate(pub String);

/// TEMPORARY: see `date_line`.
pub(crate) fn resolve(
    token: &DateToken,
    order: crate::DateOrder,
    now: Option<chrono::NaiveDateTime>,
) -> Result<(Option<chrono::NaiveDateTime>, Option<Ago>), InvalidDate> {
    let bad = || InvalidDate("not a real date".into());
    let full_year = |y: u32| if y < 70 { 2000 + y } else if y < 100 { 1900 + y } else { y };
    let at = |y: u32, m: u32, d: u32, clock: Option<Clock>| {
        let c = clock.unwrap_or_default();
        let hour = match c.pm { Some(true) if c.hour < 12 => c.hour + 12, Some(false) if c.hour == 12 => 0, _ => c.hour };
        chrono::NaiveDate::from_ymd_opt(full_year(y) as i32, m, d).and_then(|d| d.and_hms_opt(hour, c.minute, c.second)).ok_or_else(bad)
    };
    match *token {
        DateToken::Numeric { first, second, year, year_first, clock } => {
            let (m, d) = if year_first || order == crate::DateOrder::MonthFirst { (first, second) } else { (second, first) };
            Ok((Some(at(year, m, d, clock)?), None))
        }
        DateToken::Named { year, month, day, clock } => Ok((Some(at(year, month, day, clock)?), None)),
        DateToken::Today { clock } => Ok((now.map(|n| n.date()).and_then(|d| at(d.year_ce().1, d.month(), d.day(), Some(clock)).ok()), None)),
        DateToken::Relative(ago) => Ok((now.and_then(|n| ago.before(n)), Some(ago))),
    }
}

use chrono::Datelike;

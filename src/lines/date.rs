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
pub(crate) fn date_line(_text: &str) -> Option<DateToken> {
    None
}

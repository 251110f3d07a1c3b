//! Dates, decided with the whole page in view: the day-month order of numeric dates comes
//! from every date of the page (a first field over 12 means day first), then each date is
//! checked; [`posted`] makes a comment's `Posted` when the tree is built.

use std::borrow::Cow;

use chrono::NaiveDateTime;

use super::discussion::FlatComment;
use super::Page;
use crate::error::WarningKind;
use crate::lines::{date, DateEntry};
use crate::model::{Ago, Posted};
use crate::options::{DateOrder, Parser};

/// A comment date as [`check`] read it: the time and the age (both left out when it is no
/// real date).
pub(crate) type Resolved = (Option<NaiveDateTime>, Option<Ago>);

/// Decides the page's day-month order and warns about every comment date that is not a real
/// date (`32-13-21 25:61`). Gives back each dated comment's date as read, in page order (one
/// entry per comment that has a date), for [`posted`]: each date is resolved once.
pub(crate) fn check<'a>(
    page: &mut Page<'_, 'a>,
    comments: &[FlatComment<'a>],
    options: &Parser,
) -> Vec<Resolved> {
    let order = options.date_order.unwrap_or_else(|| infer_order(page, comments));
    let mut resolved = std::mem::take(&mut page.spare.resolved);
    resolved.reserve(comments.iter().filter(|c| c.date.is_some()).count());
    for &(i, id) in comments.iter().filter_map(|c| c.date.as_ref()) {
        let DateEntry { token, text } = page.date(id);
        resolved.push(date::resolve(&token, order, options.now).unwrap_or_else(|invalid| {
            let message = format!("date \"{text}\" is not a real date: {invalid}");
            page.warn_at(i as usize, text, WarningKind::InvalidDate, message);
            (None, None)
        }));
    }
    resolved
}

/// A comment's `Posted`: its date's text and what [`check`] read from it.
pub(crate) fn posted(date: DateEntry<'_>, (at, ago): Resolved) -> Posted<'_> {
    Posted { text: Cow::Borrowed(date.text), at, ago }
}

/// The order the page's numeric dates agree on. When nothing decides it, day first (the
/// more common order), with a warning at the first undecided date; when dates disagree,
/// day first too, with a warning at the first date that says otherwise.
fn infer_order<'a>(page: &mut Page<'_, 'a>, comments: &[FlatComment<'a>]) -> DateOrder {
    let mut first_numeric = None;
    let mut first_day_first = None;
    let mut first_month_first = None;
    for (i, id) in comments.iter().filter_map(|c| c.date) {
        let i = i as usize;
        let DateEntry { token, text } = page.date(id);
        if matches!(token, date::DateToken::Numeric { year_first: false, .. }) {
            first_numeric.get_or_insert((i, text));
        }
        match token.order_hint() {
            Some(DateOrder::DayFirst) => first_day_first.get_or_insert((i, text)),
            Some(DateOrder::MonthFirst) => first_month_first.get_or_insert((i, text)),
            _ => continue,
        };
    }
    let (at, message) = match (first_day_first, first_month_first, first_numeric) {
        (Some(_), None, _) => return DateOrder::DayFirst,
        (None, Some(_), _) => return DateOrder::MonthFirst,
        (Some(_), Some(other), _) => (other, "numeric dates disagree on day-month order; read as day first"),
        (None, None, Some(first)) => {
            (first, "day-month order of numeric dates is ambiguous; read as day first")
        }
        (None, None, None) => return DateOrder::DayFirst,
    };
    page.warn_at(at.0, at.1, WarningKind::AmbiguousDateOrder, message.into());
    DateOrder::DayFirst
}

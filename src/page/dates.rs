//! Dates, decided with the whole page in view: the day-month order of numeric dates comes
//! from every date of the page (a first field over 12 means day first), then each date is
//! resolved to a `Posted`.

use super::discussion::FlatComment;
use super::Page;
use crate::error::WarningKind;
use crate::lines::date;
use crate::model::Posted;
use crate::options::{DateOrder, Parser};

/// Fills `posted` of every comment with a date.
pub(crate) fn resolve<'a>(page: &mut Page<'_, 'a>, comments: &mut [FlatComment<'a>], options: &Parser) {
    let order = options.date_order.unwrap_or_else(|| infer_order(page, comments));
    for comment in comments.iter_mut() {
        let Some((i, token, text)) = comment.date else {
            continue;
        };
        let (at, ago) = match date::resolve(&token, order, options.now) {
            Ok(resolved) => resolved,
            Err(invalid) => {
                let message = format!("date \"{text}\" is not a real date: {invalid}");
                page.warn_at(i, text, WarningKind::InvalidDate, message);
                (None, None)
            }
        };
        comment.posted = Some(Posted { text: std::borrow::Cow::Borrowed(text), at, ago });
    }
}

/// The order the page's numeric dates agree on. When nothing decides it, day first (the
/// more common order), with a warning at the first undecided date; when dates disagree,
/// day first too, with a warning at the first date that says otherwise.
fn infer_order<'a>(page: &mut Page<'_, 'a>, comments: &[FlatComment<'a>]) -> DateOrder {
    let mut first_numeric = None;
    let mut first_day_first = None;
    let mut first_month_first = None;
    for (i, token, text) in comments.iter().filter_map(|c| c.date) {
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

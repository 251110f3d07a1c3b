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
                page.warn(i, WarningKind::InvalidDate, message);
                (None, None)
            }
        };
        comment.posted = Some(Posted { text: std::borrow::Cow::Borrowed(text), at, ago });
    }
}

/// The order the page's numeric dates agree on. When nothing decides it, day first (the
/// more common order), with a warning at the first undecided date.
fn infer_order(page: &mut Page<'_, '_>, comments: &[FlatComment<'_>]) -> DateOrder {
    let mut day_first = 0;
    let mut month_first = 0;
    let mut first_numeric = None;
    for (i, token, _) in comments.iter().filter_map(|c| c.date) {
        if matches!(token, date::DateToken::Numeric { year_first: false, .. }) {
            first_numeric.get_or_insert(i);
        }
        match token.order_hint() {
            Some(DateOrder::DayFirst) => day_first += 1,
            Some(DateOrder::MonthFirst) => month_first += 1,
            _ => {}
        }
    }
    match (day_first, month_first, first_numeric) {
        (_, 0, _) if day_first > 0 => DateOrder::DayFirst,
        (0, _, _) if month_first > 0 => DateOrder::MonthFirst,
        (_, _, Some(i)) => {
            let message = if day_first > 0 {
                "numeric dates disagree on day-month order; read as day first"
            } else {
                "day-month order of numeric dates is ambiguous; read as day first"
            };
            page.warn(i, WarningKind::AmbiguousDateOrder, message.into());
            DateOrder::DayFirst
        }
        _ => DateOrder::DayFirst,
    }
}

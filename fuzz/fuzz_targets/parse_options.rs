//! Every parser option on UTF-8 text: strict flag, day-month order, an optional reference
//! time for relative dates, and the annotated entry point (whose line table is checked too).
#![no_main]

use arbitrary::Arbitrary;
use article_dump::{DateOrder, Parser};
use chrono::{NaiveDate, NaiveDateTime};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
enum Order {
    Inferred,
    DayFirst,
    MonthFirst,
}

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    strict: bool,
    annotate: bool,
    order: Order,
    /// Days since 0001-01-01 and seconds into the day; out-of-range values mean no `now`.
    now: Option<(i32, u32)>,
    /// Last, so that it takes the rest of the data: a seed page stays mostly intact.
    text: &'a str,
}

fn reference_time((days, seconds): (i32, u32)) -> Option<NaiveDateTime> {
    let date = NaiveDate::from_num_days_from_ce_opt(days)?;
    date.and_hms_opt(seconds / 3600 % 24, seconds / 60 % 60, seconds % 60)
}

fuzz_target!(|input: Input<'_>| {
    let mut parser = Parser::new().strict(input.strict);
    match input.order {
        Order::Inferred => {}
        Order::DayFirst => parser = parser.date_order(DateOrder::DayFirst),
        Order::MonthFirst => parser = parser.date_order(DateOrder::MonthFirst),
    }
    if let Some(now) = input.now.and_then(reference_time) {
        parser = parser.now(now);
    }
    let text = input.text;
    if !input.annotate {
        match (input.strict, parser.parse(text)) {
            (false, Ok(dump)) => {
                article_dump_fuzz::check_dump(text, &dump);
            }
            (true, Ok(dump)) => {
                article_dump_fuzz::check_strict_dump(text, &dump);
            }
            (false, Err(error)) => article_dump_fuzz::check_lenient_error(text.as_bytes(), &error),
            (true, Err(error)) => article_dump_fuzz::check_error(text.as_bytes(), &error),
        }
        return;
    }
    match parser.parse_annotated(text) {
        Ok((dump, lines)) => {
            article_dump_fuzz::check_lines(text, &lines);
            if input.strict {
                article_dump_fuzz::check_strict_dump(text, &dump);
            } else {
                article_dump_fuzz::check_dump(text, &dump);
            }
        }
        Err(error) if input.strict => article_dump_fuzz::check_error(text.as_bytes(), &error),
        Err(error) => article_dump_fuzz::check_lenient_error(text.as_bytes(), &error),
    }
});

//! Inputs from fuzzing, one named test each, run through every entry point and checked with
//! the invariants the fuzz targets use (`tests/support/invariants.rs`).
//!
//! To add a crash found by `cargo fuzz run TARGET`: copy `fuzz/artifacts/TARGET/crash-<hash>`
//! to `tests/fuzz/<what_it_is>.bin` and add `regression!(what_it_is, include_bytes!("fuzz/<what_it_is>.bin"));`
//! below (or inline a short input as a byte string). A finding that is a parser bug not yet
//! fixed goes in with `#[ignore = "parser bug: ..."]` (the macro takes attributes first).
//!
//! Campaigns so far found no crash, timeout, OOM or slow unit: first against the placeholder
//! parser, then (branch `fuzzrun`) against the real one, 10 minutes of `parse_options` plus
//! 3 minutes each of `parse_lenient` and `parse_strict` and 5 minutes of `parse_options` with
//! `-max_len=1024`. The cases here are edge inputs written by hand.

#[path = "support/invariants.rs"]
mod invariants;

use article_dump::{DateOrder, Parser};

/// Parses `input` in every mode and with every option, checking each result.
fn check_every_way(input: &[u8]) {
    match Parser::new().parse_bytes(input) {
        Ok(dump) => {
            invariants::check_dump(std::str::from_utf8(input).unwrap(), &dump);
        }
        Err(error) => invariants::check_lenient_error(input, &error),
    }
    match Parser::new().strict(true).parse_bytes(input) {
        Ok(dump) => {
            invariants::check_strict_dump(std::str::from_utf8(input).unwrap(), &dump);
        }
        Err(error) => invariants::check_error(input, &error),
    }
    let Ok(text) = std::str::from_utf8(input) else {
        return;
    };
    let now = chrono::NaiveDate::from_ymd_opt(2024, 3, 31).and_then(|d| d.and_hms_opt(12, 0, 0)).unwrap();
    for order in [None, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst)] {
        for strict in [false, true] {
            let mut parser = Parser::new().strict(strict).now(now);
            if let Some(order) = order {
                parser = parser.date_order(order);
            }
            match parser.parse_annotated(text) {
                Ok((dump, lines)) => {
                    invariants::check_lines(text, &lines);
                    if strict {
                        invariants::check_strict_dump(text, &dump);
                    } else {
                        invariants::check_dump(text, &dump);
                    }
                }
                Err(error) if strict => invariants::check_error(input, &error),
                Err(error) => invariants::check_lenient_error(input, &error),
            }
        }
    }
}

macro_rules! regression {
    ($(#[$attr:meta])* $name:ident, $input:expr) => {
        #[test]
        $(#[$attr])*
        fn $name() {
            check_every_way($input);
        }
    };
}

regression!(empty, b"");
regression!(only_a_byte_order_mark, b"\xef\xbb\xbf");
regression!(two_byte_order_marks, b"\xef\xbb\xbf\xef\xbb\xbf");
regression!(only_line_ends, b"\r\n\n\r\r\n");
regression!(lone_carriage_returns, b"Ada\r20-08-21 17:27\r\rHi.\r");
regression!(invalid_utf8_at_the_end, b"Notify of\n\nAda\n20-08-21 17:27\n\nHi \xff");
regression!(truncated_nbsp, b"Reply to\xc2");
regression!(nul_bytes, b"\0\n\0Reply to\xc2\xa0 \0\n20-08-21 17:27\n\n\0");
regression!(reply_to_with_no_name, "Notify of\n\nReply to\u{a0} \n20-08-21 17:27\n\nHi.\n".as_bytes());
regression!(rating_without_title, b"Body.\n\n4.5 2 votes\n");
regression!(
    rating_with_huge_numbers,
    b"Body.\n\n99999999999999999999.5 99999999999999999999999 votes\nArticle Rating\n"
);
regression!(impossible_date, b"Notify of\n\nAda\n32-13-21 25:61\n\nHi.\n");
regression!(relative_date_far_in_the_past, b"Notify of\n\nAda\n4294967295 years ago\n\nHi.\n");
regression!(chrome_without_comments, b"Notify of\n\nInline Feedbacks\nView all comments\n");
regression!(self_reply, "Notify of\n\nAda\nReply to\u{a0} Ada\n20-08-21 17:27\n\nMe again.\n".as_bytes());
// Two vote numbers of a footer are added up: their sum once overflowed (a panic in debug
// builds, a wrapped count in release); it saturates now.
regression!(
    vote_numbers_that_overflow_when_added,
    b"Body.\n\nNotify of\n\nInline Feedbacks\nView all comments\nFrank\n20-08-21 17:27\n\nHello.\n\n\
      9223372036854775807\n9223372036854775807\nReply\n"
);

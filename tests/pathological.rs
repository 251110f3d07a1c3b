//! The pathological pages of the robustness issue, at full size: each parses in lenient and
//! strict mode without a panic or a stack overflow, and the result passes the invariant
//! checks the fuzz targets use. No timing assertions here: linearity is shown by
//! `benches/pathological.rs`.

#[path = "support/invariants.rs"]
mod invariants;
#[path = "support/pathological.rs"]
mod pathological;

use article_dump::Parser;

/// The stack every parse here runs on: the usual test-thread size, fixed so that a larger
/// `RUST_MIN_STACK` cannot hide a deep recursion.
const STACK_BYTES: usize = 2 << 20;

/// Parses `page` leniently (plain and annotated) and strictly on a thread with a
/// [`STACK_BYTES`] stack, checks every result, and drops it on that thread too (dropping a
/// deep tree recurses). Returns the number of comments the lenient parse found.
fn parses_every_way(page: &str) -> usize {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || {
                let lenient = Parser::new().parse_bytes(page.as_bytes());
                let dump = lenient.unwrap_or_else(|e| panic!("lenient parse failed: {e}"));
                let comments = invariants::check_dump(page, &dump);
                drop(dump);

                let (dump, lines) = Parser::new()
                    .parse_annotated(page)
                    .unwrap_or_else(|e| panic!("annotated parse failed: {e}"));
                invariants::check_lines(page, &lines);
                assert_eq!(invariants::check_dump(page, &dump), comments, "annotating changed the parse");
                drop((dump, lines));

                match Parser::new().strict(true).parse_bytes(page.as_bytes()) {
                    Ok(dump) => {
                        invariants::check_strict_dump(page, &dump);
                    }
                    Err(error) => invariants::check_error(page.as_bytes(), &error),
                }
                comments
            })
            .expect("spawn the parsing thread")
            .join()
            .expect("the parse panicked (see above)")
    })
}

#[test]
fn single_line_of_10_mb() {
    let page = pathological::single_line(pathological::SINGLE_LINE_BYTES);
    assert!(page.len() > pathological::SINGLE_LINE_BYTES - 4 && !page.contains('\n'));
    parses_every_way(&page);
}

#[test]
fn a_million_blank_lines() {
    parses_every_way(&pathological::blank_lines(pathological::BLANK_LINES));
}

#[test]
fn hundred_thousand_comments() {
    parses_every_way(&pathological::many_comments(pathological::COMMENTS));
}

#[test]
fn reply_chain_100_000_deep() {
    // Only that the walk visits each comment once (checked inside): the parser caps nesting
    // and attaches deeper replies higher up, so the depths are not fixed here.
    parses_every_way(&pathological::reply_chain(pathological::CHAIN_DEPTH));
}

#[test]
fn hundred_thousand_reply_to_lines_without_dates() {
    parses_every_way(&pathological::reply_to_lines(pathological::REPLY_TO_LINES));
}

#[test]
fn page_of_nothing_but_date_lines() {
    parses_every_way(&pathological::date_lines(pathological::DATE_LINES));
}

#[test]

fn hundred_thousand_comments_are_all_kept() {
    let page = pathological::many_comments(pathological::COMMENTS);
    assert_eq!(parses_every_way(&page), pathological::COMMENTS);
}

#[test]

fn reply_chain_keeps_every_comment() {
    // However deep the parser nests them, all the chain's comments are in the tree.
    let page = pathological::reply_chain(pathological::CHAIN_DEPTH);
    assert_eq!(parses_every_way(&page), pathological::CHAIN_DEPTH);
}

/// The builders themselves, at small sizes.
mod builders {
    use super::pathological::*;

    #[test]
    fn dates_start_at_the_reference_date_and_stay_valid() {
        assert_eq!(date(0), "20-08-21 17:27");
        assert_eq!(date(33), "20-08-21 18:00");
        for i in (0..2_000_000).step_by(997) {
            let d = date(i);
            let day: u32 = d[0..2].parse().unwrap();
            let month: u32 = d[3..5].parse().unwrap();
            let hour: u32 = d[9..11].parse().unwrap();
            let minute: u32 = d[12..14].parse().unwrap();
            assert!((1..=28).contains(&day) && (1..=12).contains(&month), "{d}");
            assert!(hour < 24 && minute < 60, "{d}");
        }
    }

    #[test]
    fn single_line_has_the_size_asked_and_no_line_break() {
        for bytes in [0, 1, 100, 1_000, 4_096] {
            let line = single_line(bytes);
            assert!(line.len() <= bytes && line.len() + 4 > bytes, "{bytes}: {}", line.len());
            assert!(!line.contains(['\n', '\r']));
        }
    }

    #[test]
    fn blank_lines_adds_that_many_blank_lines() {
        let blanks = |page: &str| page.lines().filter(|l| l.trim().is_empty()).count();
        assert_eq!(blanks(&blank_lines(1_000)) - blanks(&blank_lines(0)), 1_000);
    }

    #[test]
    fn many_comments_writes_one_date_per_comment() {
        let page = many_comments(8);
        let dates = (0..8).filter(|&i| page.lines().any(|l| l == date(i))).count();
        assert_eq!(dates, 8);
        assert_eq!(page.matches("Reply to\u{a0} ").count(), 4);
    }

    #[test]
    fn reply_chain_replies_to_the_comment_before() {
        let page = reply_chain(3);
        assert!(page.contains("EarthBotV2 0\nReply to\u{a0} Frank O'hara 0\n20-08-21 17:28\n"));
        assert!(page.contains("Kiki Bouba 0\nReply to\u{a0} EarthBotV2 0\n20-08-21 17:29\n"));
    }

    #[test]
    fn reply_to_lines_have_no_dates_after_them() {
        let page = reply_to_lines(10);
        let tail = &page[page.find("Reply to").unwrap()..];
        assert_eq!(tail.lines().count(), 10);
        assert!(tail.lines().all(|l| l.starts_with("Reply to\u{a0} ")));
    }

    #[test]
    fn date_lines_are_only_dates() {
        let page = date_lines(100);
        assert_eq!(page.lines().count(), 100);
        assert!(page.lines().all(|l| !l.trim().is_empty()));
    }
}

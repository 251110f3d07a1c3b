//! The public API as a user meets it: owned copies, serde round trips, threads, errors.

use article_dump::{parse, Ago, Dump, Error, ErrorKind, Parser, Warning};

const PAGE: &str = include_str!("data/000.txt");

fn is_send_sync<T: Send + Sync>() {}

#[test]
fn types_cross_threads() {
    is_send_sync::<Parser>();
    is_send_sync::<Dump<'static>>();
    is_send_sync::<Error>();
    is_send_sync::<Warning>();
    let _: &(dyn std::error::Error + Send + Sync + 'static) = &parse("").unwrap_err();
}

#[test]
fn owned_dump_equals_the_borrowed_one() {
    let dump = parse(PAGE).unwrap();
    let owned: Dump<'static> = {
        let text = PAGE.to_owned();
        let dump = parse(&text).unwrap();
        dump.into_owned()
    };
    assert_eq!(owned, dump);
}

#[cfg(feature = "serde")]
#[test]
fn json_round_trips() {
    for page in [PAGE, include_str!("data/004.txt"), include_str!("data/012.txt")] {
        let dump = parse(page).unwrap();
        let json = serde_json::to_string(&dump).unwrap();
        let back: Dump<'_> = serde_json::from_str(&json).unwrap();
        // Warnings keep line, column and message (kind and offset are not in the JSON).
        assert_eq!(back.discussion, dump.discussion);
        assert_eq!(back.article, dump.article);
        assert_eq!(back.rating, dump.rating);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }
}

#[cfg(feature = "serde")]
#[test]
fn json_field_order_follows_the_schema() {
    let json = serde_json::to_string(&parse(PAGE).unwrap()).unwrap();
    let order = ["\"article\"", "\"rating\"", "\"discussion\"", "\"trailer\"", "\"warnings\""];
    let positions: Vec<usize> = order.iter().map(|k| json.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let reply = &json[json.find("\"to\":").unwrap()..];
    let fields = [
        "\"to\"",
        "\"author\"",
        "\"author_url\"",
        "\"author_inferred\"",
        "\"role\"",
        "\"posted\"",
        "\"body\"",
        "\"votes\"",
        "\"edited\"",
        "\"replies\"",
        "\"line\"",
        "\"span\"",
    ];
    let positions: Vec<usize> = fields.iter().map(|k| reply.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn walk_visits_replies_after_their_parent() {
    let dump = parse(PAGE).unwrap();
    let visits: Vec<_> = dump.comments().map(|v| (v.depth, v.comment.line, v.to)).collect();
    assert_eq!(visits, [(0, 95, None), (0, 100, None), (1, 104, Some("EarthBotV2")), (0, 109, None)]);
    assert_eq!(dump.discussion.as_ref().unwrap().total(), 4);
}

#[test]
fn spans_slice_the_input_and_lines_agree() {
    let dump = parse(PAGE).unwrap();
    for visit in dump.comments() {
        let c = visit.comment;
        let text = &PAGE[c.span.range()];
        let line_of_span = PAGE[..c.span.start].matches('\n').count() + 1;
        assert_eq!(line_of_span, c.line);
        for paragraph in &c.body {
            assert!(text.contains(paragraph.as_ref()));
        }
    }
    let article = &PAGE[dump.article.span.range()];
    assert!(article.starts_with("Just one year on") && article.ends_with("News 2021."));
}

#[test]
fn relative_dates_resolve_with_a_reference_time() {
    let page = "Body.\n\nNotify of\n\nAda\n3 months 11 days ago\n\nHello.\n";
    let now = chrono::NaiveDate::from_ymd_opt(2024, 5, 20).unwrap().and_hms_opt(12, 0, 0).unwrap();
    let without = parse(page).unwrap();
    let posted = without.comments().next().unwrap().comment.posted.clone().unwrap();
    assert_eq!((posted.at, posted.ago), (None, Some(Ago { months: 3, days: 11, ..Ago::default() })));
    let with = Parser::new().now(now).parse(page).unwrap();
    let posted = with.comments().next().unwrap().comment.posted.clone().unwrap();
    assert_eq!(posted.at.unwrap().to_string(), "2024-02-09 12:00:00");
}

#[test]
fn errors_are_values_with_positions() {
    let e = parse(" \n\t").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Empty);
    assert_eq!((e.line(), e.column(), e.offset()), (1, 1, 0));
    assert_eq!(e.to_string(), "input is empty or only whitespace at line 1 column 1");
    let e = Parser::new().strict(true).parse("Body.\n\n7.5 2 votes\nArticle Rating\n").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Invalid(_)));
    assert_eq!(e.to_string(), "rating average 7.5 is over 5 at line 3 column 1");
}

/// The parser keeps tables and buffers per thread; a parse run while the thread's locals are
/// being destroyed (from another local's destructor) must still work, without them.
#[test]
fn a_page_parses_while_the_threads_locals_are_destroyed() {
    struct ParsesOnDrop;
    impl Drop for ParsesOnDrop {
        fn drop(&mut self) {
            let dump = article_dump::parse(include_str!("data/000.txt")).expect("the page parses");
            assert!(dump.discussion.is_some());
        }
    }
    thread_local! {
        static PARSES_ON_DROP: ParsesOnDrop = const { ParsesOnDrop };
    }
    std::thread::spawn(|| {
        // Registered first, destroyed last: after the parser's own locals (which the parse
        // below creates).
        PARSES_ON_DROP.with(|_| {});
        article_dump::parse(include_str!("data/000.txt")).expect("the page parses");
    })
    .join()
    .expect("the thread ends cleanly");
}

//! Allocations per parse are bounded by the nodes the parse builds, not by the lines it reads.
//!
//! A counting global allocator (`allocation-counter`: `System` behind a `#[global_allocator]`
//! that counts on each thread, so the tests running beside each other do not mix; a
//! reallocation counts as one allocation) counts every allocation made while a page is
//! parsed; the phrase and date tables are built by a parse before counting starts (they are
//! made once per process). The crate forbids `unsafe`, which an allocator of our own would
//! need. The bound is
//!
//! ```text
//! allocations <= nodes + PER_PAGE
//! ```
//!
//! where `nodes` counts what the dump holds: comments, paragraphs (article, comment bodies,
//! `discussion.other`, trailer) and warnings (each owns its message). A comment's body
//! vector, and the vectors that hold the comments, grow with the nodes they hold. `PER_PAGE`
//! covers the fixed costs of a page (the classified-line and role vectors and their
//! growth, the reused normalization buffers, the vectors of the dump's skeleton).
//!
//! The pages include ones with 10,000 lines or more and only a handful of nodes, so that one
//! allocation per input line would exceed the bound many times over.

#[path = "support/generator.rs"]
mod generator;
#[path = "support/pathological.rs"]
mod pathological;
#[path = "support/sized.rs"]
mod sized;

use article_dump::Dump;

/// Fixed allocations of one page, whatever its length: the normalization buffer and its
/// growth up to the longest short line (a few doublings), the structure stage's per-page
/// vectors (line parts, three buffers reused from comment to comment and their growth, a
/// dozen index vectors and the name map of the threading step), and the dump's vectors
/// (paragraphs, comments, trailer, warnings) with their growth. (The classified lines, the
/// roles and the page-wide ranges are buffers a thread keeps from its previous page: the
/// warm-up parse leaves them.)
const PER_PAGE: usize = 32;

/// Nodes the dump holds.
fn nodes(dump: &Dump<'_>) -> usize {
    let article = dump.article.paragraphs.len()
        + dump.article.furniture.len()
        + usize::from(dump.article.title.is_some());
    let discussion = dump.discussion.as_ref().map_or(0, |d| {
        let comments = d.walk().count();
        let bodies: usize = d.walk().map(|v| v.comment.body.len()).sum();
        comments + bodies + d.other.len()
    });
    article + discussion + dump.trailer.len() + dump.warnings.len()
}

/// Parses `page` and returns (allocations during the parse, nodes of its dump).
fn allocations_of(page: &str) -> (usize, usize) {
    let mut dump = None;
    let counted = allocation_counter::measure(|| dump = Some(article_dump::parse(page)));
    let dump = dump.expect("measured").expect("the test pages parse");
    (counted.count_total as usize, nodes(&dump))
}

fn assert_bounded(name: &str, page: &str) -> (usize, usize) {
    // Build the phrase and date tables (once per process) outside the count.
    let _ = article_dump::parse(include_str!("data/000.txt"));
    let (allocations, nodes) = allocations_of(page);
    let lines = page.lines().count();
    assert!(
        allocations <= nodes + PER_PAGE,
        "{name}: {allocations} allocations for {nodes} nodes and {lines} lines (bound: nodes + {PER_PAGE})"
    );
    (allocations, nodes)
}

#[test]
fn reference_page() {
    let (allocations, nodes) = assert_bounded("000.txt", include_str!("data/000.txt"));
    eprintln!("reference page: {allocations} allocations, {nodes} nodes");
}

#[test]
fn every_corpus_page() {
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"))
        .expect("tests/data")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("corpus pages are UTF-8");
        assert_bounded(&path.display().to_string(), &text);
    }
}

#[test]
fn generated_pages() {
    let (mut allocations, mut nodes, mut most_over) = (0, 0, 0);
    for seed in 0..300 {
        let page = generator::generate(seed, &generator::Options::random(&mut generator::Rng::new(seed)));
        let (a, n) = assert_bounded(&format!("generated page {seed}"), &page.text);
        allocations += a;
        nodes += n;
        most_over = most_over.max(a.saturating_sub(n));
    }
    eprintln!(
        "300 generated pages: {allocations} allocations, {nodes} nodes, at most {most_over} over the nodes"
    );
}

#[test]
fn a_long_page_of_one_site() {
    let page = sized::sized_page(1, 1 << 20);
    let (allocations, nodes) = assert_bounded("1 MB page", &page);
    eprintln!("1 MB page ({} lines): {allocations} allocations, {nodes} nodes", page.lines().count());
}

/// 10,000 lines of one hard-wrapped paragraph: one node.
#[test]
fn one_paragraph_of_10000_lines() {
    let line = "Belarus was a peaceful country, said the [first reader](https://example.com/a";
    let mut page = String::new();
    for i in 0..10_000 {
        page.push_str(if i % 3 == 0 { line } else { "until it was not (see [2" });
        page.push_str(" and more words\n");
    }
    let (allocations, nodes) = assert_bounded("one paragraph", &page);
    assert!(nodes <= 2, "{nodes}");
    eprintln!("one paragraph of 10,000 lines: {allocations} allocations");
}

/// An article, then a comment section of 10,000 chrome, markup, number and date lines that
/// make no comment: a few nodes.
#[test]
fn ten_thousand_lines_of_chrome() {
    const LINES: [&str; 10] = [
        "Notify of",
        "[__](https://www.facebook.com/sharer/sharer.php?u=x)[__](https://twitter.com/intent/tweet)",
        "Newest Most Voted",
        "{} [+]",
        "[ Share On\nTwitter](https://twitter.com/intent/tweet?u=x)",
        "Name\\*",
        "__Inline Feedbacks",
        "Oldest __",
        "(BUTTON) (BUTTON)",
        "[                    ] Email*",
    ];
    let mut page = String::from("The only paragraph of the article.\n\n4.5 2 votes\nArticle Rating\n");
    for i in 0..10_000 {
        page.push_str(LINES[i % LINES.len()]);
        page.push('\n');
    }
    let (allocations, nodes) = assert_bounded("chrome", &page);
    eprintln!("10,000 lines of chrome: {allocations} allocations, {nodes} nodes");
}

/// 100,000 blank lines around two paragraphs.
#[test]
fn blank_lines() {
    let page = pathological::blank_lines(100_000);
    let (allocations, nodes) = assert_bounded("blank lines", &page);
    eprintln!("100,000 blank lines: {allocations} allocations, {nodes} nodes");
}

/// 10,000 comments: the bound grows with them, and holds.
#[test]
fn many_comments() {
    let page = pathological::many_comments(10_000);
    let (allocations, nodes) = assert_bounded("many comments", &page);
    eprintln!("10,000 comments: {allocations} allocations, {nodes} nodes");
}

/// Counting works: a page's parse allocates at least its line vector.
#[test]
fn the_counter_counts() {
    let _ = article_dump::parse(include_str!("data/000.txt"));
    let (allocations, _) = allocations_of(include_str!("data/000.txt"));
    assert!(allocations > 0);
}

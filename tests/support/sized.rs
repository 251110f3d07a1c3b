//! Long realistic pages for throughput work: one generated page whose comment list is
//! extended with the comment lists of more generated pages of the same site (same options,
//! other seeds) until the page reaches a target size.
//!
//! Include it beside the generator, at the crate root, under these names:
//!
//! ```ignore
//! #[path = "../tests/support/generator.rs"]
//! mod generator;
//! #[path = "../tests/support/sized.rs"]
//! mod sized;
//! ```
#![allow(dead_code)]

use super::generator::{generate, Options};

/// The options of every sized page: the reference page's site (English, layout 1, plain
/// text, numeric dates, every piece of chrome, threads of 8 comments), so that the smallest
/// page is about 8 KB and the others grow in steps of about 2 KB.
pub fn site_options() -> Options {
    Options::default()
}

/// The comment list of a generated page: from the start of the first comment's line to the
/// end of the line of the last comment, line ending included (byte offsets).
fn comment_block(text: &str) -> Option<(usize, usize)> {
    let dump = article_dump::parse(text).ok()?;
    let discussion = dump.discussion.as_ref()?;
    let mut visits = discussion.walk();
    let first = visits.next()?.comment.span.start;
    let last = discussion.walk().map(|v| v.comment.span.end).max()?;
    let start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let end = text[last..].find('\n').map_or(text.len(), |i| last + i + 1);
    Some((start, end))
}

/// A page of at least `target` bytes (the first page alone when it is already that long):
/// the article, chrome and first comments of the page of `seed`, then the comments of the
/// pages of `seed + 1`, `seed + 2`, ... (a blank line between lists), then the first page's
/// end (load-more marker, footer, `wpDiscuz`).
pub fn sized_page(seed: u64, target: usize) -> String {
    let options = site_options();
    let first = generate(seed, &options).text;
    let (_, end) = comment_block(&first).expect("the site's pages have comments");
    let mut page = String::with_capacity(target + first.len());
    page.push_str(&first[..end]);
    let tail = &first[end..];
    let mut next = seed;
    while page.len() + tail.len() < target {
        next += 1;
        let more = generate(next, &options).text;
        let Some((from, to)) = comment_block(&more) else { continue };
        page.push('\n');
        page.push_str(&more[from..to]);
    }
    page.push_str(tail);
    page
}

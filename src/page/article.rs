//! The article: everything before the comment section.

use std::ops::Range;

use super::{text, Page};
use crate::annotation::LineRole;
use crate::lines::Line;
use crate::model::{Article, Span};

/// Builds the article from lines `range` (those not already placed, e.g. a rating widget).
pub(crate) fn build<'a>(page: &mut Page<'_, 'a>, range: Range<usize>, content_start: usize) -> Article<'a> {
    let mut article = Article { span: Span::new(content_start, content_start), ..Article::default() };
    let first = range.clone().find(|&i| page.roles[i].is_none());
    if let Some(i) = first {
        if let Ok((_, (1, title))) = crate::lines::heading(page.lines[i].text) {
            article.title = Some(std::borrow::Cow::Borrowed(title));
            page.set_role(i, LineRole::Title);
        }
    }
    mark_furniture(page, range.clone());
    // Converter residue (`__` icon glyphs, empty form widgets) is no article text; other
    // markup-only lines (`{`, `:::`) may be code or structure and stay.
    for i in range.clone() {
        if page.roles[i].is_none() && crate::lines::is_icon_residue(page.lines[i].text) {
            page.set_role(i, LineRole::Chrome);
        }
    }
    let mut paragraphs = text::paragraphs(page, range.clone(), |_| true);
    if let Some(last) = paragraphs.last() {
        if last.len() == 1 && paragraphs.len() > 1 && is_credit_line(&page.lines[last.start]) {
            article.source = Some(page.paragraph(last.clone()));
            page.set_role(last.start, LineRole::Source);
            paragraphs.pop();
        }
    }
    for paragraph in &paragraphs {
        article.paragraphs.push(page.paragraph(paragraph.clone()));
        page.set_roles(paragraph.clone(), LineRole::Article);
    }
    let placed =
        |i: &usize| matches!(page.roles[*i], Some(LineRole::Title | LineRole::Article | LineRole::Source));
    if let (Some(a), Some(b)) = (range.clone().find(placed), range.rev().find(placed)) {
        article.span = page.span_of(a..b + 1);
    }
    article
}

/// A paragraph of prose has at least this many words.
const PROSE_WORDS: usize = 25;

/// Page furniture between the article's last paragraph of prose and the comment section
/// (share buttons, `Email`, `Subscribe` among related links and author boxes) is chrome, not
/// article text: lines there that are phrases of the tables.
fn mark_furniture(page: &mut Page<'_, '_>, range: Range<usize>) {
    let mut tail = range.start;
    let mut words = 0;
    for i in range.clone().rev() {
        if page.lines[i].is_blank() {
            words = 0;
            continue;
        }
        words += count_words(page.lines[i].text, PROSE_WORDS - words);
        if words >= PROSE_WORDS {
            // The paragraph this line belongs to is prose: the tail starts after it.
            tail = (i..range.end).find(|&j| page.lines[j].is_blank()).unwrap_or(range.end);
            break;
        }
    }
    for i in tail..range.end {
        if page.roles[i].is_none() && page.lines[i].chrome().is_some() {
            page.set_role(i, LineRole::Chrome);
        }
    }
}

/// The number of words in `text` (as `split_whitespace` counts them), counting no further
/// than `most`: a long line of prose is not read to its end.
fn count_words(text: &str, most: usize) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().take(most).count();
    }
    // ASCII: a word starts at each byte that is no whitespace after one that is.
    let mut words = 0;
    let mut in_word = false;
    for &byte in text.as_bytes() {
        let space = (byte as char).is_whitespace();
        if !space && !in_word {
            words += 1;
            if words == most {
                break;
            }
        }
        in_word = !space;
    }
    words
}

/// A credit line closing an article: `RT. com / ABC Flash Point News 2021.`,
/// `Source: Reuters`, `© 2021 Example Media`. Short, one line, and shaped like a credit.
fn is_credit_line(line: &Line<'_>) -> bool {
    let text = line.text;
    let words = text.split_whitespace().count();
    if line.count != 1
        || text.chars().count() > 100
        || words < 2
        || text.ends_with(':')
        || text.contains("](")
    {
        return false;
    }
    let lower = text.to_lowercase();
    const LEADS: [&str; 14] = [
        "source:",
        "sources:",
        "source :",
        "via ",
        "credit:",
        "credits:",
        "photo:",
        "image:",
        "courtesy",
        "originally published",
        "reprinted",
        "©",
        "(c)",
        "copyright",
    ];
    if LEADS.iter().any(|lead| lower.starts_with(lead)) {
        return true;
    }
    // `Outlet / Outlet Year.`: outlets separated by slashes, ending in a year.
    let ends_with_year = text
        .trim_end_matches('.')
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .is_some_and(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")));
    text.contains(" / ") && (ends_with_year || words <= 8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::Kind;

    fn line(text: &str) -> Line<'_> {
        Line::new(text, 1, 1, Kind::Text)
    }

    #[test]
    fn word_counts() {
        for text in [
            "",
            " ",
            "a",
            " a b  c ",
            "one\ttwo\x0bthree\x0cfour",
            "x\u{a0}y z",
            "\u{2003}é è ",
            "a b c d e f",
        ] {
            let all = text.split_whitespace().count();
            for most in 1..8 {
                assert_eq!(count_words(text, most), all.min(most), "{text:?} {most}");
            }
        }
    }

    #[test]
    fn credit_lines() {
        assert!(is_credit_line(&line("RT. com / ABC Flash Point News 2021.")));
        assert!(is_credit_line(&line("Source: Reuters")));
        assert!(is_credit_line(&line("© 2021 Example Media")));
        assert!(!is_credit_line(&line("The more enemies, the higher the demand.")));
        assert!(!is_credit_line(&line(
            "Credit : this tutorial is based on this marvelous post from [Carll](https://x)"
        )));
        assert!(!is_credit_line(&line(
            "Read the docs at /usr/share / doc for details and more and more words here"
        )));
    }
}

//! Paragraphs: runs of text lines, as the model's text fields hold them.

use std::ops::Range;

use super::Page;
use crate::lines::{Kind, LineStore, Tag};

/// The paragraphs among lines `range` that `is_text` accepts and no stage has placed yet,
/// into `out` (cleared first, a reused buffer): maximal runs of consecutive such lines. A
/// blank line or any other line ends a paragraph.
pub(crate) fn paragraphs_into(
    page: &Page<'_, '_>,
    range: Range<usize>,
    is_text: impl Fn(&LineStore<'_>, usize) -> bool,
    out: &mut Vec<Range<usize>>,
) {
    out.clear();
    let mut open: Option<usize> = None;
    for i in range.clone() {
        // `&`, not `&&`: both are cheap, and a branch on the role mispredicts where placed
        // and unplaced lines alternate.
        let text = page.roles[i].is_none() & is_text(page.lines, i);
        match (text, open) {
            (true, None) => open = Some(i),
            (false, Some(start)) => {
                out.push(start..i);
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        out.push(start..range.end);
    }
}

/// [`is_body_text`] of line `i`, told from its record's tag where the tag answers (the kind
/// is built only for a kind kept beside the records): a bit of [`BODY_TAGS`], not a jump per
/// tag.
#[inline]
pub(crate) fn is_body_line(lines: &LineStore<'_>, i: usize) -> bool {
    let tag = lines.tag(i);
    if tag == Tag::Extra {
        return is_body_text(lines.kind(i));
    }
    tag.is_in(BODY_TAGS)
}

/// The tags whose kinds are all body text.
const BODY_TAGS: u32 = Tag::set(&[
    Tag::Text,
    Tag::Heading,
    Tag::Edited,
    Tag::Share,
    Tag::Number,
    Tag::Average,
    Tag::Date,
    Tag::TimedDate,
    Tag::ReplyTo,
    Tag::ParentLink,
    Tag::Avatar,
    Tag::AuthorLink,
    Tag::Says,
]);

/// Lines that can be part of a comment's body: anything but chrome and residue.
pub(crate) fn is_body_text(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::Blank
            | Kind::Residue
            | Kind::Chrome(_)
            | Kind::Count(_)
            | Kind::CountWords
            | Kind::RatingLine { .. }
            | Kind::SectionFence
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tag's answer is the kind's, for every line of every test page and every kind.
    #[test]
    fn body_lines_from_tags_are_the_body_text_of_the_kinds() {
        let check = |lines: &LineStore<'_>| {
            for i in 0..lines.len() {
                assert_eq!(is_body_line(lines, i), is_body_text(lines.kind(i)), "{:?}", lines.kind(i));
            }
        };
        crate::test_pages::check_pages_then_every_kind(check);
    }
}

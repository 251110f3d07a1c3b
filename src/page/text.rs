//! Paragraphs: runs of text lines, as the model's text fields hold them.

use std::ops::Range;

use super::Page;
use crate::lines::Kind;

/// The paragraphs among lines `range` that `is_text` accepts and no stage has placed yet:
/// maximal runs of consecutive such lines. A blank line or any other line ends a paragraph.
pub(crate) fn paragraphs(
    page: &Page<'_, '_>,
    range: Range<usize>,
    is_text: impl Fn(Kind) -> bool,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    paragraphs_into(page, range, is_text, &mut out);
    out
}

/// [`paragraphs`] into `out` (cleared first): a caller that reads many ranges (one per
/// comment) reuses one buffer.
pub(crate) fn paragraphs_into(
    page: &Page<'_, '_>,
    range: Range<usize>,
    is_text: impl Fn(Kind) -> bool,
    out: &mut Vec<Range<usize>>,
) {
    out.clear();
    let mut open: Option<usize> = None;
    for i in range.clone() {
        let text = page.roles[i].is_none() && is_text(page.lines.kind(i));
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

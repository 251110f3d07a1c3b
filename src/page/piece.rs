//! Parts of the input held as offsets, for the records a page keeps one of per comment.

use std::num::NonZeroU32;

use crate::input::offset_within;
use crate::model::Span;

/// A part of the input (a name, a URL, a badge, a comment's span) as two 32-bit numbers:
/// half the size of a `&str`, and `Option<Piece>` is no bigger (a comment holds six).
/// The parser takes inputs under 4 GiB ([`crate::input::MAX_INPUT_LEN`]), so every offset
/// fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The start offset plus one (so that `Option<Piece>` needs no tag of its own).
    after_start: NonZeroU32,
    len: u32,
}

impl Piece {
    /// Bytes `start..end` of the input; `None` past 4 GiB.
    pub fn from_range(start: usize, end: usize) -> Option<Piece> {
        let after_start = NonZeroU32::new(u32::try_from(start.checked_add(1)?).ok()?)?;
        let len = u32::try_from(end.checked_sub(start)?).ok()?;
        Some(Piece { after_start, len })
    }

    /// `text`, a part of `input` (an empty text from elsewhere, a literal `""`, is the empty
    /// piece at the start). `None` for text from elsewhere, which the parser never makes:
    /// everything it keeps is a slice of the input.
    pub fn of(input: &str, text: &str) -> Option<Piece> {
        if let Some(start) = offset_within(text, input) {
            return Piece::from_range(start, start + text.len());
        }
        debug_assert!(text.is_empty(), "{text:?} is not a part of the input");
        text.is_empty().then(|| Piece::from_range(0, 0)).flatten()
    }

    fn start(self) -> usize {
        self.after_start.get() as usize - 1
    }

    /// The text of the piece in `input` (the input it was taken from).
    pub fn text(self, input: &str) -> &str {
        input.get(self.start()..self.start() + self.len as usize).unwrap_or_default()
    }

    /// The piece as a span of the input.
    pub fn span(self) -> Span {
        Span::new(self.start(), self.start() + self.len as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_gives_back_its_text_and_span() {
        let input = "Frank says:\nhello";
        let piece = Piece::of(input, &input[12..17]).unwrap();
        assert_eq!(piece.text(input), "hello");
        assert_eq!(piece.span(), Span::new(12, 17));
        let first = Piece::of(input, &input[..5]).unwrap();
        assert_eq!(first.text(input), "Frank");
        assert_eq!(Piece::of(input, "").unwrap().text(input), "");
        assert_eq!(Piece::of(input, &input[17..]).unwrap().span(), Span::new(17, 17));
    }

    #[test]
    fn a_piece_and_its_option_take_eight_bytes() {
        assert_eq!(std::mem::size_of::<Piece>(), 8);
        assert_eq!(std::mem::size_of::<Option<Piece>>(), 8);
    }

    #[test]
    fn offsets_past_four_gigabytes_are_no_piece() {
        assert!(Piece::from_range(0, u32::MAX as usize).is_some());
        assert!(Piece::from_range(u32::MAX as usize, u32::MAX as usize).is_none());
        assert!(Piece::from_range(0, u32::MAX as usize + 1).is_none());
        assert!(Piece::from_range(5, 4).is_none());
    }
}

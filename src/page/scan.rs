//! Finding the first wanted item of a byte-sized slice (a section's parts) sixteen items at
//! a time.
//!
//! Most of a section's lines are text or blank, and the splitter's scans skip long runs of
//! them to the next header, footer or stop. A chunk is tested whole,
//! without a branch per item (the compiler turns the test into vector compares), and only
//! the chunk that holds a wanted item is read item by item.

/// Items tested at once.
const CHUNK: usize = 16;

/// The index of the first item of `items` that `wanted` accepts: the same as
/// `items.iter().position(|&item| wanted(item))`.
#[inline]
pub(crate) fn first<T: Copy>(items: &[T], wanted: impl Fn(T) -> bool) -> Option<usize> {
    let mut chunks = items.chunks_exact(CHUNK);
    let mut base = 0;
    for chunk in &mut chunks {
        // `|`, not `||`: no early exit, so no branch per item.
        if chunk.iter().fold(false, |any, &item| any | wanted(item)) {
            return chunk.iter().position(|&item| wanted(item)).map(|k| base + k);
        }
        base += CHUNK;
    }
    chunks.remainder().iter().position(|&item| wanted(item)).map(|k| base + k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `first` is `position`, wherever the first wanted item stands (in a chunk, in
        /// the remainder, nowhere).
        #[test]
        fn first_is_position(items in proptest::collection::vec(0u8..8, 0..80), wanted in 0u8..8) {
            let is_wanted = |item: u8| item == wanted || item.wrapping_sub(wanted) == 3;
            prop_assert_eq!(first(&items, is_wanted), items.iter().position(|&item| is_wanted(item)));
        }
    }

    #[test]
    fn first_finds_items_in_and_after_chunks() {
        let mut items = vec![0u8; 3 * CHUNK + 5];
        assert_eq!(first(&items, |item| item == 1), None);
        for at in [0, 1, CHUNK - 1, CHUNK, 2 * CHUNK + 7, 3 * CHUNK, 3 * CHUNK + 4] {
            items[at] = 1;
            assert_eq!(first(&items, |item| item == 1), Some(at), "at {at}");
            items[at + 1..].fill(1);
            assert_eq!(first(&items, |item| item == 1), Some(at), "at {at}, more after");
            items.fill(0);
        }
        assert_eq!(first::<u8>(&[], |_| true), None);
    }
}

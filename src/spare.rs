//! Buffers a thread keeps from one page to the next: a corpus is parsed page after page on
//! each thread, and a page's work lists (its line records, roles, paragraph ranges...) are
//! emptied, not freed, for the next page, which saves their allocations and frees. Each kind
//! of buffer set lives in a thread local of its own; a huge page's buffers go back to the
//! allocator, so what a thread keeps stays bounded.

use std::cell::Cell;
use std::thread::LocalKey;

/// The most items a kept buffer has room for.
pub(crate) const MOST_ITEMS: usize = 1 << 13;

/// What the thread's previous page left in `key`, or new buffers. (New ones too while the
/// thread's locals are being destroyed, when a page is parsed from a destructor.)
pub(crate) fn take<T: Default>(key: &'static LocalKey<Cell<Option<T>>>) -> T {
    key.try_with(Cell::take).ok().flatten().unwrap_or_default()
}

/// Leaves `buffers` in `key` for the thread's next page (dropped while the thread's locals
/// are being destroyed).
pub(crate) fn keep<T>(key: &'static LocalKey<Cell<Option<T>>>, buffers: T) {
    let _ = key.try_with(|kept| kept.set(Some(buffers)));
}

/// Empties `buffer` for keeping; one with room for more than [`MOST_ITEMS`] (a huge page's)
/// is given back to the allocator.
pub(crate) fn empty<T>(buffer: &mut Vec<T>) {
    if buffer.capacity() > MOST_ITEMS {
        *buffer = Vec::new();
    }
    buffer.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static KEPT: Cell<Option<Vec<u32>>> = const { Cell::new(None) };
    }

    #[test]
    fn buffers_are_kept_emptied_and_bounded() {
        std::thread::scope(|s| {
            s.spawn(|| {
                assert_eq!(take(&KEPT).capacity(), 0, "nothing kept yet");
                let mut small: Vec<u32> = (0..100).collect();
                empty(&mut small);
                assert!(small.is_empty() && small.capacity() >= 100);
                keep(&KEPT, small);
                let again = take(&KEPT);
                assert!(again.is_empty() && again.capacity() >= 100, "the same room, empty");
                assert_eq!(take(&KEPT).capacity(), 0, "taken once");
                let mut huge: Vec<u32> = vec![0; MOST_ITEMS + 1];
                empty(&mut huge);
                assert_eq!(huge.capacity(), 0, "a huge buffer is not kept");
            })
            .join()
            .unwrap();
        });
    }
}

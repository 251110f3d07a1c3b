//! The double array both byte tries of the crate are compiled to (the phrase tables,
//! `phrases::trie`, and the date words, `lines::date`): a state's child by byte `b` is the
//! slot at `base + b`, and it is that state's child only if the slot's `check` names the
//! state. A step is then an add, a load and a compare, whatever the number of children.

/// A state of a compiled trie.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    /// The state whose child this slot is ([`FREE`] for none).
    pub check: u32,
    /// Where this state's children start: its child by byte `b` is at `base + b`.
    pub base: u32,
    /// 1 + the number of what ends at this state (a phrase, a word), 0 for nothing.
    pub value: u32,
}

/// [`Slot::check`] of a slot no state owns.
pub(crate) const FREE: u32 = u32::MAX;

/// A slot no state owns.
pub(crate) const FREE_SLOT: Slot = Slot { check: FREE, base: 0, value: 0 };

/// A double array being laid out, the root at slot 0.
pub(crate) struct Layout {
    pub slots: Vec<Slot>,
    /// For each byte, where to look for a base for a state whose lowest child has that
    /// byte: past the slot the last such child took (the slots before it were mostly taken
    /// then). Looking from the first free slot would read much of the array for each state,
    /// as the slots below `a` stay free.
    search_from: [usize; 256],
}

impl Layout {
    /// An array with only the root.
    pub fn new() -> Self {
        // Every base at least 1.
        Layout { slots: vec![FREE_SLOT], search_from: std::array::from_fn(|b| b + 1) }
    }

    /// Takes a slot for each of `bytes` (ascending; repeats allowed), the children of the
    /// state at `slot`, and returns the state's base (0 for no children).
    pub fn place(&mut self, slot: usize, bytes: impl Iterator<Item = u8> + Clone) -> usize {
        let Some(lowest) = bytes.clone().next() else {
            return 0;
        };
        let lowest = usize::from(lowest);
        let is_free = |slots: &[Slot], index: usize| slots.get(index).map_or(true, |s| s.check == FREE);
        let start = self.search_from[lowest];
        // A few slots are tried, then the children go past the end (a longer search would
        // cost more build time than the slots it saves).
        let base = (start..self.slots.len())
            .take(32)
            .filter(|&index| is_free(&self.slots, index))
            .map(|index| index - lowest)
            .find(|&base| bytes.clone().all(|byte| is_free(&self.slots, base + usize::from(byte))))
            .unwrap_or(self.slots.len().max(start) - lowest);
        self.search_from[lowest] = base + lowest + 1;
        self.slots[slot].base = base as u32;
        for byte in bytes {
            let index = base + usize::from(byte);
            if self.slots.len() <= index {
                self.slots.resize(index + 1, FREE_SLOT);
            }
            self.slots[index].check = slot as u32;
        }
        base
    }
}

//! The double array both byte tries of the crate are compiled to (the phrase tables,
//! `phrases::trie`, and the date words, `lines::date`): a state's child by byte `b` is the
//! slot at `base + b`, and it is that state's child only if the slot's `check` names the
//! state. A step is then an add, a load and a compare, whatever the number of children.

/// A state of a compiled trie: 8 bytes, the value that may end there kept apart (read only
/// where one does), so that a walk's steps read two thirds of the memory they read with
/// the value inside (about 27,000 slots for each phrase trie).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    /// The state whose child this slot is ([`FREE`] for none).
    pub check: u32,
    /// Where this state's children start (its child by byte `b` is at `base + b`), with
    /// [`VALUE_BIT`] set when something ends at this state.
    base: u32,
}

/// Set in a [`Slot`]'s base when a value ends at the slot (kept apart, in
/// [`DoubleArray::values`], and read only then).
const VALUE_BIT: u32 = 1 << 31;

/// [`Slot::check`] of a slot no state owns.
pub(crate) const FREE: u32 = u32::MAX;

/// A slot no state owns.
pub(crate) const FREE_SLOT: Slot = Slot { check: FREE, base: 0 };

impl Slot {
    /// Where this state's children start.
    #[inline(always)]
    fn base(self) -> usize {
        (self.base & !VALUE_BIT) as usize
    }
}

/// A compiled trie: the slots a walk steps through, and the values that end at some of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct DoubleArray {
    slots: Vec<Slot>,
    /// By slot: the value that ends there (1 + a number), 0 where none does.
    values: Vec<u32>,
}

impl DoubleArray {
    /// True before the trie is compiled.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The state reached from `state` by `byte` (the root is state 0).
    #[inline(always)]
    pub fn step(&self, state: usize, byte: u8) -> Option<usize> {
        let next = self.slots[state].base() + usize::from(byte);
        match self.slots.get(next) {
            Some(slot) if slot.check as usize == state => Some(next),
            _ => None,
        }
    }

    /// What ends at `state`: 1 + its number, 0 for nothing.
    #[inline(always)]
    pub fn value(&self, state: usize) -> u32 {
        if self.slots[state].base & VALUE_BIT != 0 {
            self.values[state]
        } else {
            0
        }
    }
}

/// A double array being laid out, the root at slot 0.
pub(crate) struct Layout {
    slots: Vec<Slot>,
    /// By slot, what ends there (as [`DoubleArray::values`]; shorter until [`Layout::finish`]).
    values: Vec<u32>,
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
        Layout { slots: vec![FREE_SLOT], values: Vec::new(), search_from: std::array::from_fn(|b| b + 1) }
    }

    /// Records that `value` (1 + a number; 0 is nothing) ends at `slot`, a state placed as
    /// a child already (or the root).
    pub fn set_value(&mut self, slot: usize, value: u32) {
        if value == 0 {
            return;
        }
        if self.values.len() <= slot {
            self.values.resize(slot + 1, 0);
        }
        self.values[slot] = value;
        self.slots[slot].base |= VALUE_BIT;
    }

    /// The compiled trie.
    pub fn finish(mut self) -> DoubleArray {
        self.values.resize(self.slots.len(), 0);
        DoubleArray { slots: self.slots, values: self.values }
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
        let base32 = u32::try_from(base)
            .ok()
            .filter(|&b| b & VALUE_BIT == 0)
            .expect("a trie of fewer than 2^31 slots");
        self.slots[slot].base = base32 | (self.slots[slot].base & VALUE_BIT);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A value set on a state before its children are placed survives the placing, and is
    /// read only where one was set.
    #[test]
    fn values_survive_placing_and_steps_find_children() {
        let mut layout = Layout::new();
        layout.set_value(0, 7); // the root, before its children
        let base = layout.place(0, [b'a', b'c'].into_iter());
        let (a, c) = (base + usize::from(b'a'), base + usize::from(b'c'));
        layout.set_value(c, 9);
        layout.place(a, [b'b'].into_iter());
        let array = layout.finish();
        assert_eq!(array.value(0), 7);
        assert_eq!((array.step(0, b'a'), array.step(0, b'c'), array.step(0, b'b')), (Some(a), Some(c), None));
        assert_eq!((array.value(a), array.value(c)), (0, 9));
        let ab = array.step(a, b'b').expect("a child of a");
        assert_eq!((array.value(ab), array.step(ab, b'b'), array.step(c, b'a')), (0, None, None));
        // Setting nothing sets nothing.
        let mut layout = Layout::new();
        layout.set_value(0, 0);
        assert_eq!(layout.finish().value(0), 0);
    }
}

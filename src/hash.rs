//! The hash the parser keys its tables of short texts with (remembered lines, phrases):
//! the multiply-rotate of rustc's `FxHash`, eight bytes per multiplication. The keys are
//! lines of the page or phrases of the tables, and a collision only costs a compare, so
//! there is no flooding to resist.

use std::hash::Hasher;

/// The multiplier of `FxHash`.
const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// A [`Hasher`] for short texts; also usable directly ([`WordHasher::seeded`]).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    /// A hasher that starts from `seed` (the memo seeds with the text's length).
    pub fn seeded(seed: u64) -> Self {
        WordHasher(seed)
    }

    #[inline(always)]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_hashes_tell_short_keys_apart() {
        let hash = |bytes: &[u8]| {
            let mut hasher = WordHasher::default();
            hasher.write(bytes);
            hasher.finish()
        };
        let keys: [&[u8]; 6] = [b"", b"a", b"b", b"reply", b"reply to", b"reply to bob"];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(hash(a), hash(b), "{a:?} {b:?}");
            }
        }
    }
}

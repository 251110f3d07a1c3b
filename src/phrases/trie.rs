//! A byte trie over normalized phrases: whole-line lookup, prefix lookup, and splitting a
//! line into glued phrases (`wpDiscuzInsert`, `Newest Most Voted`), in time linear in the
//! line and independent of the number of phrases.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::normalize::normalize;
use super::Class;
use crate::double_array::{DoubleArray, Layout};
use crate::hash::WordHasher;

/// A chrome phrase: its key in the tables and its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub key: &'static str,
    pub class: Class,
}

#[derive(Debug, Default)]
struct Node {
    /// Outgoing edges, sorted by byte.
    edges: Vec<(u8, u32)>,
    /// Index into `PhraseSet::phrases` when a phrase ends here.
    terminal: Option<u32>,
}

/// A set of phrases in normal form.
///
/// Phrases are inserted into a tree of nodes with sorted edges; [`PhraseSet::compile`] then
/// lays that trie out as a double array (`slots`), which every walk reads: a step is an
/// addition and a comparison, not a search of the node's edges.
#[derive(Debug)]
pub(crate) struct PhraseSet {
    /// `nodes[0]` is the root. Read when inserting and compiling only.
    nodes: Vec<Node>,
    /// The compiled trie: state `i` steps by byte `b` to slot `slots[i].base + b` when that
    /// slot's `check` is `i`. Slot 0 is the root. Empty until compiled.
    slots: DoubleArray,
    phrases: Vec<Phrase>,
    /// Every phrase's number by its whole text: a whole line is looked up with one hash of
    /// it, not a trie step per byte.
    exact: HashMap<Box<str>, u16, BuildHasherDefault<WordHasher>>,
}

impl Default for PhraseSet {
    fn default() -> Self {
        PhraseSet {
            nodes: vec![Node::default()],
            slots: DoubleArray::default(),
            phrases: Vec::new(),
            exact: HashMap::default(),
        }
    }
}

/// The most phrases one line may glue together (seven keep a [`Segmentation`] at 14 bytes,
/// so that a classified line's kind takes 16).
const MAX_SEGMENTS: usize = 7;
/// Marks the unused places of a [`Segmentation`] (phrase numbers stay below it).
const NO_PHRASE: u16 = u16::MAX;
/// Lines longer than this (normalized) are never split into phrases.
const MAX_SEGMENTED_LEN: usize = 192;

/// A line read as a sequence of phrases: their numbers in the set that read it, so that a
/// classified line stays small (no pointer: the phrases are looked up in that set, see
/// [`PhraseSet::phrases_of`]).
#[derive(Clone, Copy)]
pub(crate) struct Segmentation {
    /// The phrase numbers, then [`NO_PHRASE`] in the unused places (no length field: it
    /// would make the struct, and every line's kind, bigger).
    ids: [u16; MAX_SEGMENTS],
}

const _: () = assert!(std::mem::size_of::<Segmentation>() == 14);

impl Segmentation {
    /// Phrases `ids`, at most [`MAX_SEGMENTS`] of them, in line order.
    fn of(ids: &[u16]) -> Self {
        let mut all = [NO_PHRASE; MAX_SEGMENTS];
        all[..ids.len()].copy_from_slice(ids);
        Segmentation { ids: all }
    }

    /// Phrase `id` alone.
    pub fn single(id: u16) -> Self {
        let mut ids = [NO_PHRASE; MAX_SEGMENTS];
        ids[0] = id;
        Segmentation { ids }
    }

    /// The phrase numbers in line order.
    pub fn ids(&self) -> &[u16] {
        let len = self.ids.iter().position(|&id| id == NO_PHRASE).unwrap_or(MAX_SEGMENTS);
        &self.ids[..len]
    }

    /// True when the line is exactly one phrase.
    pub fn is_single(&self) -> bool {
        self.ids[1] == NO_PHRASE
    }
}

impl PhraseSet {
    /// Adds `text` (normalized here) as `phrase`; the first phrase added for a text wins.
    /// The set must be [compiled](Self::compile) again before it is walked.
    pub fn insert(&mut self, text: &str, phrase: Phrase) {
        let text = normalize(text);
        if text.is_empty() {
            return;
        }
        self.slots = DoubleArray::default(); // to be compiled again
        let mut node = 0usize;
        for &byte in text.as_bytes() {
            node = match self.nodes[node].edges.binary_search_by_key(&byte, |e| e.0) {
                Ok(i) => self.nodes[node].edges[i].1 as usize,
                Err(i) => {
                    let next = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[node].edges.insert(i, (byte, next as u32));
                    next
                }
            };
        }
        if self.nodes[node].terminal.is_none() {
            assert!(self.phrases.len() < usize::from(NO_PHRASE), "phrase numbers fit a u16");
            self.nodes[node].terminal = Some(self.phrases.len() as u32);
            self.exact.insert(text.into_boxed_str(), self.phrases.len() as u16);
            self.phrases.push(phrase);
        }
    }

    /// The number of phrases (numbered from 0).
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// The phrase numbered `id` in this set.
    pub fn phrase(&self, id: u16) -> Phrase {
        self.phrases[usize::from(id)]
    }

    /// The phrases of `seg`, a segmentation this set made, in line order.
    pub fn phrases_of<'s>(&'s self, seg: &'s Segmentation) -> impl Iterator<Item = Phrase> + 's {
        seg.ids().iter().map(|&id| self.phrases[usize::from(id)])
    }

    /// Lays the trie out as the double array the walks read (once all phrases are in).
    pub fn compile(&mut self) {
        let mut layout = Layout::new();
        let mut queue = std::collections::VecDeque::from([(0usize, 0usize)]); // (node, its slot)
        while let Some((node, slot)) = queue.pop_front() {
            let Node { edges, terminal } = &self.nodes[node];
            layout.set_value(slot, terminal.map_or(0, |t| t + 1));
            let base = layout.place(slot, edges.iter().map(|&(byte, _)| byte));
            queue.extend(edges.iter().map(|&(byte, child)| (child as usize, base + usize::from(byte))));
        }
        self.slots = layout.finish();
    }

    /// The state reached from `state` by `byte` (the root is state 0).
    #[inline(always)]
    pub fn step(&self, state: usize, byte: u8) -> Option<usize> {
        debug_assert!(!self.slots.is_empty(), "the phrase set is compiled");
        self.slots.step(state, byte)
    }

    /// Every phrase that `text[from..]` starts with, as (end offset in `text`, phrase),
    /// shortest first.
    pub fn prefixes<'s>(&'s self, text: &'s str, from: usize) -> impl Iterator<Item = (usize, Phrase)> + 's {
        self.prefix_ids(text, from).map(|(end, id)| (end, self.phrases[usize::from(id)]))
    }

    /// [`Self::prefixes`] with phrase numbers.
    fn prefix_ids<'s>(&'s self, text: &'s str, from: usize) -> impl Iterator<Item = (usize, u16)> + 's {
        let mut node = Some(0usize);
        text.as_bytes()[from..]
            .iter()
            .enumerate()
            .map_while(move |(i, &byte)| {
                let next = self.step(node?, byte);
                node = next;
                let here = next?;
                let terminal = self.slots.value(here);
                Some((terminal != 0).then(|| (from + i + 1, (terminal - 1) as u16)))
            })
            .flatten()
    }

    /// The state reached from `state` by the bytes of `c`.
    #[inline(always)]
    pub fn step_char(&self, state: usize, c: char) -> Option<usize> {
        if c.is_ascii() {
            return self.step(state, c as u8);
        }
        let mut buf = [0u8; 4];
        c.encode_utf8(&mut buf).bytes().try_fold(state, |state, byte| self.step(state, byte))
    }

    /// True when a phrase ends at `state`.
    #[inline(always)]
    pub fn is_terminal(&self, state: usize) -> bool {
        self.slots.value(state) != 0
    }

    /// The number of the phrase that is exactly `text` (normalized), if any.
    pub fn exact_id(&self, text: &str) -> Option<u16> {
        self.exact.get(text).copied()
    }

    /// The phrase that is exactly `text`, if any.
    pub fn get(&self, text: &str) -> Option<Phrase> {
        self.prefixes(text, 0).find(|(end, _)| *end == text.len()).map(|(_, p)| p)
    }

    /// Reads `text` as phrases glued together, with or without single spaces between them;
    /// `None` if any part of it is not a phrase.
    pub fn segment(&self, text: &str) -> Option<Segmentation> {
        let len = text.len();
        if len == 0 || len > MAX_SEGMENTED_LEN {
            return None;
        }
        // Most chrome lines are one phrase: the walk below would read them as that phrase
        // alone (the first way to reach the end, from the start), so take it directly.
        if let Some(id) = self.exact_id(text) {
            return Some(Segmentation::of(&[id]));
        }
        // reached[i]: how position i was reached, packed in a u32 so that clearing the table
        // is one small memset: 0 when not reached, else REACHED | previous position << 16 |
        // (phrase number + 1, or 0 for a space).
        const REACHED: u32 = 1 << 24;
        let mut reached = [0u32; MAX_SEGMENTED_LEN + 1];
        let bytes = text.as_bytes();
        reached[0] = REACHED;
        // The furthest position reached: past it, nothing is (most lines that open with a
        // phrase are prose, and stop here after a word or two).
        let mut furthest = 0;
        for i in 0..len {
            if i > furthest {
                return None;
            }
            if reached[i] == 0 {
                continue;
            }
            let from = REACHED | (i as u32) << 16;
            if bytes[i] == b' ' {
                if reached[i + 1] == 0 {
                    reached[i + 1] = from;
                }
                furthest = furthest.max(i + 1);
                continue;
            }
            for (end, id) in self.prefix_ids(text, i) {
                if reached[end] == 0 {
                    reached[end] = from | (u32::from(id) + 1);
                }
                furthest = furthest.max(end);
            }
        }
        // Walk back from the end, collecting phrases (in reverse).
        let mut ids = [0u16; MAX_SEGMENTS];
        let mut count = 0;
        let mut at = len;
        while at > 0 {
            let packed = reached[at];
            if packed == 0 {
                return None;
            }
            let step = packed & 0xffff;
            if step > 0 {
                if count == MAX_SEGMENTS {
                    return None;
                }
                ids[count] = (step - 1) as u16;
                count += 1;
            }
            at = (packed >> 16 & 0xff) as usize;
        }
        let glues = |id: &u16| self.phrases[usize::from(*id)].class.glues();
        if count == 0 || (count > 1 && !ids[..count].iter().all(glues)) {
            return None;
        }
        ids[..count].reverse();
        Some(Segmentation::of(&ids[..count]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&'static str]) -> &'static PhraseSet {
        let mut set = PhraseSet::default();
        for w in words {
            set.insert(w, Phrase { key: w, class: Class::Form });
        }
        set.compile();
        Box::leak(Box::new(set))
    }

    /// The compiled step is the tree's: from the root, for every node and every byte, both
    /// reach a child or neither does, and the same phrase ends there.
    fn assert_compiled_like_tree(set: &PhraseSet) {
        let tree_step = |node: usize, byte: u8| {
            let edges = &set.nodes[node].edges;
            edges.binary_search_by_key(&byte, |e| e.0).ok().map(|i| edges[i].1 as usize)
        };
        let terminal = |state: usize| set.slots.value(state).checked_sub(1);
        let mut pending = vec![(0usize, 0usize)]; // (node, its state)
        let mut visited = 0;
        while let Some((node, state)) = pending.pop() {
            visited += 1;
            assert_eq!(set.nodes[node].terminal, terminal(state), "node {node}");
            assert_eq!(set.is_terminal(state), set.nodes[node].terminal.is_some());
            for byte in 0..=u8::MAX {
                match (tree_step(node, byte), set.step(state, byte)) {
                    (Some(child), Some(next)) => pending.push((child, next)),
                    (None, None) => {}
                    (tree, compiled) => panic!("node {node} byte {byte}: {tree:?} vs {compiled:?}"),
                }
            }
        }
        assert_eq!(visited, set.nodes.len(), "every node reached once");
    }

    #[test]
    fn compiled_trie_steps_like_the_tree() {
        assert_compiled_like_tree(super::super::chrome());
        assert_compiled_like_tree(&super::super::openings().set);
        assert_compiled_like_tree(set(&["Reply", "Reply to", "Notify of", "回复", "回", "a"]));
        assert!(super::super::chrome().nodes.len() > 10_000);
    }

    #[test]
    fn exact_and_prefix_lookup() {
        let s = set(&["Reply", "Reply to", "Notify of"]);
        assert_eq!(s.get("reply").unwrap().key, "Reply");
        assert_eq!(s.get("reply to").unwrap().key, "Reply to");
        assert!(s.get("reply t").is_none());
        let ends: Vec<_> = s.prefixes("reply to bob", 0).map(|(e, p)| (e, p.key)).collect();
        assert_eq!(ends, [(5, "Reply"), (8, "Reply to")]);
    }

    /// The hashed whole-text lookup finds what walking the trie to a phrase's end finds.
    #[test]
    fn exact_lookup_agrees_with_the_trie() {
        let set = super::super::chrome();
        let walked =
            |text: &str| set.prefix_ids(text, 0).find(|&(end, _)| end == text.len()).map(|(_, id)| id);
        let mut texts = 0;
        for (_, phrases) in super::super::catalog().entries() {
            for phrase in phrases {
                let text = normalize(phrase);
                let starts = text.char_indices().map(|(i, _)| &text[..i]);
                for candidate in starts.chain([text.as_str(), &format!("{text} "), &format!("{text}x")]) {
                    assert_eq!(set.exact_id(candidate), walked(candidate), "{candidate:?}");
                    texts += usize::from(set.exact_id(candidate).is_some());
                }
            }
        }
        assert!(texts > 1_000, "{texts} phrases found");
    }

    #[test]
    fn segments_glued_and_spaced_phrases() {
        let s = set(&["wpDiscuz", "Insert", "Newest", "Most Voted", "Most"]);
        let keys = |t: &str| s.segment(t).map(|g| s.phrases_of(&g).map(|p| p.key).collect::<Vec<_>>());
        assert_eq!(keys("wpdiscuzinsert"), Some(vec!["wpDiscuz", "Insert"]));
        assert_eq!(keys("newest most voted"), Some(vec!["Newest", "Most Voted"]));
        assert_eq!(keys("newest most"), Some(vec!["Newest", "Most"]));
        assert_eq!(keys("newest mostly"), None);
        assert_eq!(keys("newest most people agree that the old one was better"), None);
        assert_eq!(keys("newest most voted insert"), Some(vec!["Newest", "Most Voted", "Insert"]));
        assert_eq!(keys(""), None);
        assert_eq!(keys(&"newest ".repeat(9)), None, "more than eight phrases");
        assert_eq!(keys(&"x".repeat(500)), None);
    }
}

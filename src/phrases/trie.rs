//! A byte trie over normalized phrases: whole-line lookup, prefix lookup, and splitting a
//! line into glued phrases (`wpDiscuzInsert`, `Newest Most Voted`), in time linear in the
//! line and independent of the number of phrases.

use super::normalize::normalize;
use super::Class;

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
#[derive(Debug)]
pub(crate) struct PhraseSet {
    nodes: Vec<Node>,
    phrases: Vec<Phrase>,
}

impl Default for PhraseSet {
    fn default() -> Self {
        PhraseSet { nodes: vec![Node::default()], phrases: Vec::new() }
    }
}

/// The most phrases one line may glue together.
const MAX_SEGMENTS: usize = 8;
/// Lines longer than this (normalized) are never split into phrases.
const MAX_SEGMENTED_LEN: usize = 192;

/// A line read as a sequence of phrases.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segmentation {
    phrases: [Option<Phrase>; MAX_SEGMENTS],
}

impl Segmentation {
    /// The phrases in line order.
    pub fn phrases(&self) -> impl Iterator<Item = Phrase> + '_ {
        self.phrases.iter().map_while(|p| *p)
    }

    /// The first phrase.
    pub fn first(&self) -> Phrase {
        self.phrases[0].expect("a segmentation has at least one phrase")
    }

    /// True when every phrase has class `class`.
    pub fn all(&self, class: Class) -> bool {
        self.phrases().all(|p| p.class == class)
    }

    /// True when some phrase has class `class`.
    pub fn any(&self, class: Class) -> bool {
        self.phrases().any(|p| p.class == class)
    }

    /// True when the line is exactly one phrase.
    pub fn is_single(&self) -> bool {
        self.phrases[1].is_none()
    }
}

impl PhraseSet {
    /// Adds `text` (normalized here) as `phrase`; the first phrase added for a text wins.
    pub fn insert(&mut self, text: &str, phrase: Phrase) {
        let text = normalize(text);
        if text.is_empty() {
            return;
        }
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
            self.nodes[node].terminal = Some(self.phrases.len() as u32);
            self.phrases.push(phrase);
        }
    }

    fn step(&self, node: usize, byte: u8) -> Option<usize> {
        let edges = &self.nodes[node].edges;
        edges.binary_search_by_key(&byte, |e| e.0).ok().map(|i| edges[i].1 as usize)
    }

    /// Every phrase that `text[from..]` starts with, as (end offset in `text`, phrase),
    /// shortest first.
    pub fn prefixes<'s>(&'s self, text: &'s str, from: usize) -> impl Iterator<Item = (usize, Phrase)> + 's {
        let mut node = Some(0usize);
        text.as_bytes()[from..]
            .iter()
            .enumerate()
            .map_while(move |(i, &byte)| {
                let next = self.step(node?, byte);
                node = next;
                let here = next?;
                Some(self.nodes[here].terminal.map(|t| (from + i + 1, self.phrases[t as usize])))
            })
            .flatten()
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
        // reached[i]: how position i was reached: (previous position, phrase or space).
        let mut reached: [Option<(u8, Option<Phrase>)>; MAX_SEGMENTED_LEN + 1] =
            [None; MAX_SEGMENTED_LEN + 1];
        let bytes = text.as_bytes();
        reached[0] = Some((0, None));
        for i in 0..len {
            if reached[i].is_none() {
                continue;
            }
            if bytes[i] == b' ' {
                reached[i + 1].get_or_insert((i as u8, None));
                continue;
            }
            for (end, phrase) in self.prefixes(text, i) {
                reached[end].get_or_insert((i as u8, Some(phrase)));
            }
        }
        // Walk back from the end, collecting phrases (in reverse).
        let mut found = [None; MAX_SEGMENTS];
        let mut count = 0;
        let mut at = len;
        while at > 0 {
            let (prev, phrase) = reached[at]?;
            if let Some(phrase) = phrase {
                if count == MAX_SEGMENTS {
                    return None;
                }
                found[count] = Some(phrase);
                count += 1;
            }
            at = prev as usize;
        }
        if count == 0 || (count > 1 && found[..count].iter().flatten().any(|p| !p.class.glues())) {
            return None;
        }
        found[..count].reverse();
        Some(Segmentation { phrases: found })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&'static str]) -> PhraseSet {
        let mut set = PhraseSet::default();
        for w in words {
            set.insert(w, Phrase { key: w, class: Class::Form });
        }
        set
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

    #[test]
    fn segments_glued_and_spaced_phrases() {
        let s = set(&["wpDiscuz", "Insert", "Newest", "Most Voted", "Most"]);
        let keys = |t: &str| s.segment(t).map(|g| g.phrases().map(|p| p.key).collect::<Vec<_>>());
        assert_eq!(keys("wpdiscuzinsert"), Some(vec!["wpDiscuz", "Insert"]));
        assert_eq!(keys("newest most voted"), Some(vec!["Newest", "Most Voted"]));
        assert_eq!(keys("newest most"), Some(vec!["Newest", "Most"]));
        assert_eq!(keys("newest mostly"), None);
        assert_eq!(keys(""), None);
        assert_eq!(keys(&"newest ".repeat(9)), None, "more than eight phrases");
        assert_eq!(keys(&"x".repeat(500)), None);
    }
}

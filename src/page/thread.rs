//! Threads: replies nested under their parents, lost author names recovered.
//!
//! Flat text keeps only one depth signal: the `Reply to NAME` line. wpDiscuz prints a
//! thread depth first (a reply right after its parent's earlier replies), so a reply can only
//! answer a comment that is still *open*: the previous comment or one of its ancestors. Its
//! parent is the nearest open comment whose author is NAME. When none is, the nearest open
//! comment whose author line was lost is taken to be NAME's (the reply names it): it gets the
//! name, marked inferred. Failing that, the reply attaches to the thread's top comment, with
//! a warning.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::dates::{self, Reading};
use super::discussion::{display_name, index32, same_name, FlatComment};
use super::piece::Piece;
use super::Page;
use crate::error::WarningKind;
use crate::lines::DateEntry;
use crate::model::{Comment, Posted, Reply};

/// Replies nested deeper than this attach to the deepest comment allowed, with a warning:
/// the tree stays shallow enough for recursive consumers (serde, Drop) on any input.
/// (WordPress allows at most 10 levels.)
pub(crate) const MAX_DEPTH: usize = 48;

/// The open comments: the previous comment and its ancestors, top-level first, indexed by
/// author so that every lookup and every close is O(1), however deep the thread, and
/// without an allocation per comment.
#[derive(Default)]
struct OpenPath {
    /// Comment indices; position = depth.
    comments: Vec<usize>,
    /// For each position, the key of its author's name (`None`: the author line was lost).
    keys: Vec<Option<NameKey>>,
    /// For each position, the next nearer open position with the same author, if any (the
    /// map below holds only the nearest).
    same_author_below: Vec<Option<usize>>,
    /// The nearest open position by author name.
    by_name: HashMap<NameKey, usize, BuildHasherDefault<KeyHasher>>,
    /// Positions of open comments whose author line was lost, nearest last.
    nameless: Vec<usize>,
}

impl OpenPath {
    /// Closes every comment deeper than `depth` (keeps positions `0..depth`).
    fn truncate(&mut self, depth: usize) {
        while self.comments.len() > depth {
            self.comments.pop();
            let key = self.keys.pop().expect("one per comment");
            let below = self.same_author_below.pop().expect("one per comment");
            let position = self.comments.len();
            match key {
                Some(key) if self.by_name.get(&key) == Some(&position) => {
                    match below {
                        Some(p) => self.by_name.insert(key, p),
                        None => self.by_name.remove(&key),
                    };
                }
                Some(_) => {}
                None => {
                    if self.nameless.last() == Some(&position) {
                        self.nameless.pop();
                    }
                }
            }
        }
    }

    /// Opens comment `k` at the next depth.
    fn push(&mut self, k: usize, key: Option<NameKey>) {
        let position = self.comments.len();
        self.comments.push(k);
        self.keys.push(key);
        let below = match key {
            Some(key) => self.by_name.insert(key, position),
            None => {
                self.nameless.push(position);
                None
            }
        };
        self.same_author_below.push(below);
    }

    /// The position of the nearest open comment whose author has `key`.
    fn find(&self, key: NameKey) -> Option<usize> {
        self.by_name.get(&key).copied()
    }

    /// Gives the nearest open comment without an author the name of `key` (no open comment
    /// has it): its position.
    fn infer(&mut self, key: NameKey) -> Option<usize> {
        let position = self.nameless.pop()?;
        self.keys[position] = Some(key);
        self.same_author_below[position] = self.by_name.insert(key, position);
        Some(position)
    }
}

/// A name's identity for the thread index: a 64-bit hash of the name with spacing and case
/// folded ([`fold_name`](super::discussion::fold_name)), computed once per name. A match is
/// checked against the names themselves, so a hash collision can only make a lookup miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct NameKey(u64);

impl NameKey {
    fn of(name: &str) -> NameKey {
        // FNV-1a over the folded characters (ASCII names, most, byte by byte).
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |byte: u8| hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        if name.is_ascii() {
            for &b in name.as_bytes() {
                if !b.is_ascii_whitespace() {
                    eat(b.to_ascii_lowercase());
                }
            }
        } else {
            // `fold_name`, spelled out: a loop costs far less than its nested iterators.
            for c in display_name(name).chars() {
                if crate::lines::is_blank(c) {
                    continue;
                }
                if c.is_ascii() {
                    eat(c.to_ascii_lowercase() as u8);
                } else {
                    for lower in c.to_lowercase() {
                        for &b in lower.encode_utf8(&mut [0; 4]).as_bytes() {
                            eat(b);
                        }
                    }
                }
            }
        }
        NameKey(hash)
    }
}

/// The map of [`NameKey`]s, already hashes: no hashing again.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Finds each reply's parent and recovers lost author names, with the page's lines in view
/// (for the warnings' positions); records in each comment what [`nest`] needs.
pub(crate) fn link<'a>(page: &mut Page<'_, 'a>, flat: &mut [FlatComment<'a>]) {
    let mut open = OpenPath::default();
    let input = page.input;
    let author_of = |comment: &FlatComment<'_>| comment.author.map(|a| a.text(input));
    let key_of = |comment: &FlatComment<'_>| author_of(comment).map(NameKey::of);
    for k in 0..flat.len() {
        let (first, last) = (flat[k].first(), flat[k].last());
        flat[k].line = index32(page.lines.number(first));
        let span = page.span_of(first..last + 1);
        flat[k].span = Piece::from_range(span.start, span.end);
        let Some((marker, name_piece)) = flat[k].to else {
            open.truncate(0);
            open.push(k, key_of(&flat[k]));
            continue;
        };
        let (marker, name) = (marker as usize, name_piece.text(input));
        let key = NameKey::of(name);
        // The index finds by hash; the names decide.
        let found = open
            .find(key)
            .filter(|&p| author_of(&flat[open.comments[p]]).is_some_and(|a| same_name(a, name)));
        let position = found.or_else(|| {
            let lost = open.infer(key)?;
            let comment = &mut flat[open.comments[lost]];
            comment.author = Some(name_piece);
            comment.author_inferred = true;
            Some(lost)
        });
        let mut position = match position {
            Some(p) => p,
            None if !open.comments.is_empty() => {
                let message = format!("reply to \"{name}\" matches no earlier comment in its thread");
                page.warn(marker, WarningKind::UnmatchedReply, message);
                0
            }
            None => {
                page.warn(
                    marker,
                    WarningKind::UnmatchedReply,
                    format!("reply to \"{name}\" has no comment before it"),
                );
                open.push(k, key_of(&flat[k]));
                continue;
            }
        };
        if position + 1 > MAX_DEPTH {
            position = MAX_DEPTH - 1;
            let message =
                format!("reply nested deeper than {MAX_DEPTH} levels; attached at level {MAX_DEPTH}");
            page.warn(marker, WarningKind::TooDeep, message);
        }
        flat[k].parent = Some(index32(open.comments[position]));
        open.truncate(position + 1);
        open.push(k, key_of(&flat[k]));
    }
}

/// Builds the comment tree from the comments in page order, linked by [`link`].
///
/// Back to front: when comment k is reached, its replies are built and wait on top of
/// `pending` (page order is depth first, so a comment's subtree directly follows it), first
/// reply on top. No recursion, and each flat comment's memory is given back as the tree
/// takes it over, so that the page's comments are never held twice.
pub(crate) fn nest<'a>(
    input: &'a str,
    mut flat: Vec<FlatComment<'a>>,
    dates: &[DateEntry<'a>],
    reading: Reading,
) -> Vec<Comment<'a>> {
    let mut pending: Vec<(usize, Reply<'a>)> = Vec::new();
    let mut roots = Vec::with_capacity(flat.iter().filter(|c| c.parent.is_none()).count());
    while let Some(comment) = flat.pop() {
        let k = flat.len();
        let parent = comment.parent.map(|p| p as usize);
        let to = comment.to.map_or("", |(_, name)| name.text(input));
        let posted = comment.date.map(|(_, id)| dates::posted(dates[id.index()], reading));
        let mut node = to_model(input, comment, posted);
        let replies = pending.iter().rev().take_while(|&&(p, _)| p == k).count();
        node.replies = pending.drain(pending.len() - replies..).rev().map(|(_, reply)| reply).collect();
        match parent {
            Some(p) => pending.push((p, Reply { to: Cow::Borrowed(to), comment: node })),
            None => roots.push(node),
        }
        if flat.capacity() > 2 * flat.len() + 64 {
            flat.shrink_to_fit();
        }
    }
    // `link` only names open comments as parents, so every reply found its parent above.
    debug_assert!(pending.is_empty(), "replies left without their parent");
    roots.extend(pending.into_iter().map(|(_, reply)| reply.comment)); // never lose one
    roots.reverse();
    roots
}

/// The model comment of a flat one (replies not yet attached).
fn to_model<'a>(input: &'a str, c: FlatComment<'a>, posted: Option<Posted<'a>>) -> Comment<'a> {
    let text = |piece: Option<Piece>| piece.map(|p| Cow::Borrowed(p.text(input)));
    Comment {
        author: text(c.author),
        author_url: text(c.author_url),
        author_inferred: c.author_inferred,
        role: text(c.role),
        posted,
        votes: c.votes(),
        edited: text(c.edited),
        body: c.body,
        replies: Vec::new(),
        line: c.line as usize,
        span: c.span.map(Piece::span).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::discussion::fold_name;

    /// The key of a name that is not ASCII as first written: FNV-1a over the bytes of
    /// [`fold_name`]. (ASCII names keep their own byte loop, unchanged.)
    fn key_by_fold(name: &str) -> NameKey {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for c in fold_name(name) {
            for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        NameKey(hash)
    }

    #[test]
    fn name_keys_that_are_not_ascii_fold_like_fold_name() {
        for name in [
            "Nam Vũ",
            "[36]Nam Vũ",
            "ÉLODIE\u{a0}Dupont",
            "Ἀθηνᾶ",
            "İstanbul Σ",
            "ǅ\u{200b}x",
            "王 小明",
            "é\x0bB",
        ] {
            assert_eq!(NameKey::of(name), key_by_fold(name), "{name:?}");
        }
        // Every character, in a name that is not ASCII.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let name = format!("é{c}Z");
            assert_eq!(NameKey::of(&name), key_by_fold(&name), "{c:?}");
        }
    }
}

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

use super::discussion::{fold_name, same_name, FlatComment};
use super::Page;
use crate::error::WarningKind;
use crate::model::{Comment, Reply};

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
/// folded ([`fold_name`]), computed once per name. A match is checked against the names
/// themselves, so a hash collision can only make a lookup miss.
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
            for c in fold_name(name) {
                for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
                    eat(b);
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

/// Builds the comment tree from the comments in page order.
pub(crate) fn nest<'a>(page: &mut Page<'_, 'a>, flat: Vec<FlatComment<'a>>) -> Vec<Comment<'a>> {
    let n = flat.len();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut authors: Vec<Option<&'a str>> = flat.iter().map(|c| c.author).collect();
    let mut inferred = vec![false; n];
    let names: Vec<&'a str> = flat.iter().map(|c| c.to.map_or("", |(_, name)| name)).collect();
    let mut open = OpenPath::default();
    let key_of = |author: Option<&str>| author.map(NameKey::of);
    for k in 0..n {
        let Some((marker, name)) = flat[k].to else {
            open.truncate(0);
            open.push(k, key_of(authors[k]));
            continue;
        };
        let key = NameKey::of(name);
        // The index finds by hash; the names decide.
        let found = open.find(key).filter(|&p| authors[open.comments[p]].is_some_and(|a| same_name(a, name)));
        let position = found.or_else(|| {
            let lost = open.infer(key)?;
            let comment = open.comments[lost];
            authors[comment] = Some(name);
            inferred[comment] = true;
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
                open.push(k, key_of(authors[k]));
                continue;
            }
        };
        if position + 1 > MAX_DEPTH {
            position = MAX_DEPTH - 1;
            let message =
                format!("reply nested deeper than {MAX_DEPTH} levels; attached at level {MAX_DEPTH}");
            page.warn(marker, WarningKind::TooDeep, message);
        }
        parent[k] = Some(open.comments[position]);
        open.truncate(position + 1);
        open.push(k, key_of(authors[k]));
    }

    // Each comment's replies as a chain through `next_sibling`, in page order (built back
    // to front), with their number: one allocation per comment that has replies.
    let mut first_child: Vec<Option<usize>> = vec![None; n];
    let mut next_sibling: Vec<Option<usize>> = vec![None; n];
    let mut child_count = vec![0usize; n];
    let mut roots = Vec::new();
    for (k, p) in parent.iter().enumerate().rev() {
        match *p {
            Some(p) => {
                next_sibling[k] = first_child[p].replace(k);
                child_count[p] += 1;
            }
            None => roots.push(k),
        }
    }
    roots.reverse();
    // Build bottom-up (children come after their parents), so no recursion.
    let mut built: Vec<Option<Comment<'a>>> = (0..n).map(|_| None).collect();
    for (k, comment) in flat.into_iter().enumerate().rev() {
        let mut node = to_model(page, comment, authors[k], inferred[k]);
        let mut replies = Vec::with_capacity(child_count[k]);
        let mut child = first_child[k];
        while let Some(c) = child {
            replies.push(Reply {
                to: Cow::Borrowed(names[c]),
                comment: built[c].take().expect("built before its parent"),
            });
            child = next_sibling[c];
        }
        node.replies = replies;
        built[k] = Some(node);
    }
    roots.into_iter().map(|r| built[r].take().expect("every root is built")).collect()
}

/// The model comment of a flat one (replies not yet attached).
fn to_model<'a>(
    page: &Page<'_, 'a>,
    c: FlatComment<'a>,
    author: Option<&'a str>,
    inferred: bool,
) -> Comment<'a> {
    let first = &page.lines[c.first];
    let span = page.span_of(c.first..c.last + 1);
    Comment {
        author: author.map(Cow::Borrowed),
        author_url: c.author_url.map(Cow::Borrowed),
        author_inferred: inferred,
        role: c.role.map(Cow::Borrowed),
        posted: c.posted,
        body: c.body,
        votes: c.votes,
        edited: c.edited.map(Cow::Borrowed),
        replies: Vec::new(),
        line: first.number,
        span,
    }
}

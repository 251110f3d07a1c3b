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
use std::hash::{Hash, Hasher};

use super::discussion::{fold_name, FlatComment};
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
struct OpenPath<'a> {
    /// Comment indices; position = depth.
    comments: Vec<usize>,
    /// For each position, the next nearer open position with the same author, if any (the
    /// map below holds only the nearest).
    same_author_below: Vec<Option<usize>>,
    /// The nearest open position by author name (spacing and case folded).
    by_name: HashMap<FoldedName<'a>, usize>,
    /// Positions of open comments whose author line was lost, nearest last.
    nameless: Vec<usize>,
}

impl<'a> OpenPath<'a> {
    /// Closes every comment deeper than `depth` (keeps positions `0..depth`).
    fn truncate(&mut self, depth: usize, authors: &[Option<&'a str>]) {
        while self.comments.len() > depth {
            let k = self.comments.pop().expect("longer than depth");
            let below = self.same_author_below.pop().expect("one per comment");
            let position = self.comments.len();
            match authors[k] {
                Some(name) => {
                    let key = FoldedName(name);
                    if self.by_name.get(&key) == Some(&position) {
                        match below {
                            Some(p) => self.by_name.insert(key, p),
                            None => self.by_name.remove(&key),
                        };
                    }
                }
                None if self.nameless.last() == Some(&position) => {
                    self.nameless.pop();
                }
                None => {}
            }
        }
    }

    /// Opens comment `k` at the next depth.
    fn push(&mut self, k: usize, author: Option<&'a str>) {
        let position = self.comments.len();
        self.comments.push(k);
        let below = match author {
            Some(name) => self.by_name.insert(FoldedName(name), position),
            None => {
                self.nameless.push(position);
                None
            }
        };
        self.same_author_below.push(below);
    }

    /// The position of the nearest open comment by `name`.
    fn find(&self, name: &'a str) -> Option<usize> {
        self.by_name.get(&FoldedName(name)).copied()
    }

    /// Gives the nearest open comment without an author `name` (no open comment has it):
    /// its position.
    fn infer(&mut self, name: &'a str) -> Option<usize> {
        let position = self.nameless.pop()?;
        self.same_author_below[position] = self.by_name.insert(FoldedName(name), position);
        Some(position)
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
    for k in 0..n {
        let Some((marker, name)) = flat[k].to else {
            open.truncate(0, &authors);
            open.push(k, authors[k]);
            continue;
        };
        let position = open.find(name).or_else(|| {
            let lost = open.infer(name)?;
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
                open.push(k, authors[k]);
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
        open.truncate(position + 1, &authors);
        open.push(k, authors[k]);
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

/// A name as a map key that ignores spacing and case ([`fold_name`]) without building the
/// folded string.
#[derive(Debug, Clone, Copy)]
struct FoldedName<'a>(&'a str);

impl FoldedName<'_> {
    /// For an ASCII name (most), its folded form byte by byte: ASCII whitespace dropped,
    /// letters lowercased, as [`fold_name`] gives it without Unicode case mapping.
    fn ascii_folded(&self) -> Option<impl Iterator<Item = u8> + '_> {
        let name = self.0.as_bytes();
        name.is_ascii()
            .then(|| name.iter().filter(|&&b| !char::from(b).is_whitespace()).map(|b| b.to_ascii_lowercase()))
    }
}

impl PartialEq for FoldedName<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self.ascii_folded(), other.ascii_folded()) {
            (Some(a), Some(b)) => a.eq(b),
            _ => fold_name(self.0).eq(fold_name(other.0)),
        }
    }
}

impl Eq for FoldedName<'_> {}

impl Hash for FoldedName<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // The folded name's UTF-8, handed over in blocks (hashers stream their input).
        let mut block = [0u8; 64];
        let mut len = 0;
        if let Some(bytes) = self.ascii_folded() {
            // The same bytes as the UTF-8 of the folded characters below.
            for byte in bytes {
                if len == block.len() {
                    state.write(&block);
                    len = 0;
                }
                block[len] = byte;
                len += 1;
            }
            state.write(&block[..len]);
            return;
        }
        for c in fold_name(self.0) {
            if len + 4 > block.len() {
                state.write(&block[..len]);
                len = 0;
            }
            len += c.encode_utf8(&mut block[len..]).len();
        }
        state.write(&block[..len]);
    }
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

//! Threads: replies nested under their parents, lost author names recovered.
//!
//! Flat text keeps only one depth signal: the `Reply to NAME` line. A reply's parent is the
//! nearest earlier comment of the current thread (the comments since the last top-level
//! one) whose author is NAME. When none is, the nearest comment of the thread whose author
//! line was lost is taken to be NAME's (the reply names it), so it gets the name, marked
//! inferred. Failing that, the reply attaches to the thread's top comment, with a warning.

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

/// Builds the comment tree from the comments in page order.
pub(crate) fn nest<'a>(page: &mut Page<'_, 'a>, flat: Vec<FlatComment<'a>>) -> Vec<Comment<'a>> {
    let n = flat.len();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut depth: Vec<usize> = vec![0; n];
    let mut authors: Vec<Option<&'a str>> = flat.iter().map(|c| c.author).collect();
    let mut inferred = vec![false; n];
    let names: Vec<&'a str> = flat.iter().map(|c| c.to.map_or("", |(_, name)| name)).collect();
    // The current thread, indexed: its latest comment by each (folded) author name, and its
    // comments whose author line was lost, in page order. Lookups stay O(1) however long the
    // thread.
    let mut thread_start = 0;
    let mut by_name: HashMap<FoldedName<'a>, usize> = HashMap::new();
    let mut nameless: Vec<usize> = Vec::new();
    for k in 0..n {
        let Some((marker, name)) = flat[k].to else {
            thread_start = k;
            by_name.clear();
            nameless.clear();
            index(k, authors[k], &mut by_name, &mut nameless);
            continue;
        };
        let in_thread = k > 0;
        let found = by_name.get(&FoldedName(name)).copied().or_else(|| {
            // The nearest comment that lost its author line: the reply names it.
            let lost = nameless.pop()?;
            authors[lost] = Some(name);
            inferred[lost] = true;
            by_name.insert(FoldedName(name), lost);
            Some(lost)
        });
        let mut p = match (found, in_thread) {
            (Some(p), _) => p,
            (None, true) => {
                let message = format!("reply to \"{name}\" matches no earlier comment in its thread");
                page.warn(marker, WarningKind::UnmatchedReply, message);
                thread_start
            }
            (None, false) => {
                page.warn(
                    marker,
                    WarningKind::UnmatchedReply,
                    format!("reply to \"{name}\" has no comment before it"),
                );
                thread_start = k;
                index(k, authors[k], &mut by_name, &mut nameless);
                continue;
            }
        };
        if depth[p] + 1 > MAX_DEPTH {
            while depth[p] + 1 > MAX_DEPTH {
                p = parent[p].expect("a nested comment has a parent");
            }
            let message =
                format!("reply nested deeper than {MAX_DEPTH} levels attached at level {MAX_DEPTH}");
            page.warn(marker, WarningKind::TooDeep, message);
        }
        parent[k] = Some(p);
        depth[k] = depth[p] + 1;
        index(k, authors[k], &mut by_name, &mut nameless);
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

/// Adds comment `k` to the current thread's index.
fn index<'a>(
    k: usize,
    author: Option<&'a str>,
    by_name: &mut HashMap<FoldedName<'a>, usize>,
    nameless: &mut Vec<usize>,
) {
    match author {
        Some(name) => {
            by_name.insert(FoldedName(name), k);
        }
        None => nameless.push(k),
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

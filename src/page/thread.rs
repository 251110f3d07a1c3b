//! Threads: replies nested under their parents, lost author names recovered.
//!
//! Flat text keeps only one depth signal: the `Reply to NAME` line. A reply's parent is the
//! nearest earlier comment of the current thread (the comments since the last top-level
//! one) whose author is NAME. When none is, the nearest comment of the thread whose author
//! line was lost is taken to be NAME's (the reply names it), so it gets the name, marked
//! inferred. Failing that, the reply attaches to the thread's top comment, with a warning.

use std::borrow::Cow;
use std::collections::HashMap;

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
    let mut by_name: HashMap<String, usize> = HashMap::new();
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
        let found = by_name.get(&fold_name(name)).copied().or_else(|| {
            // The nearest comment that lost its author line: the reply names it.
            let lost = nameless.pop()?;
            authors[lost] = Some(name);
            inferred[lost] = true;
            by_name.insert(fold_name(name), lost);
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
                format!("reply nested deeper than {MAX_DEPTH} levels; attached at level {MAX_DEPTH}");
            page.warn(marker, WarningKind::TooDeep, message);
        }
        parent[k] = Some(p);
        depth[k] = depth[p] + 1;
        index(k, authors[k], &mut by_name, &mut nameless);
    }

    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (k, p) in parent.iter().enumerate() {
        match *p {
            Some(p) => children[p].push(k),
            None => roots.push(k),
        }
    }
    // Build bottom-up (children come after their parents), so no recursion.
    let mut built: Vec<Option<Comment<'a>>> = (0..n).map(|_| None).collect();
    for (k, comment) in flat.into_iter().enumerate().rev() {
        let mut node = to_model(page, comment, authors[k], inferred[k]);
        node.replies = children[k]
            .iter()
            .map(|&c| Reply {
                to: Cow::Borrowed(names[c]),
                comment: built[c].take().expect("built before its parent"),
            })
            .collect();
        built[k] = Some(node);
    }
    roots.into_iter().map(|r| built[r].take().expect("every root is built")).collect()
}

/// Adds comment `k` to the current thread's index.
fn index(k: usize, author: Option<&str>, by_name: &mut HashMap<String, usize>, nameless: &mut Vec<usize>) {
    match author {
        Some(name) => {
            by_name.insert(fold_name(name), k);
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
        body: c.body.into_iter().map(|r| page.paragraph(r)).collect(),
        votes: c.votes,
        edited: c.edited.map(Cow::Borrowed),
        replies: Vec::new(),
        line: first.number,
        span,
    }
}

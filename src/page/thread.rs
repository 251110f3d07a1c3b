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

use super::discussion::{fold_name, FlatComment};
use super::Page;
use crate::error::WarningKind;
use crate::model::{Comment, Reply};

/// Replies nested deeper than this attach to the deepest comment allowed, with a warning:
/// the tree stays shallow enough for recursive consumers (serde, Drop) on any input.
/// (WordPress allows at most 10 levels.)
pub(crate) const MAX_DEPTH: usize = 48;

/// The open comments: the previous comment and its ancestors, top-level first, indexed by
/// author so that every lookup and every close is O(1) amortized, however deep the thread.
#[derive(Default)]
struct OpenPath {
    /// Comment indices; position = depth.
    comments: Vec<usize>,
    /// Positions of open comments by folded author name, nearest last.
    by_name: HashMap<String, Vec<usize>>,
    /// Positions of open comments whose author line was lost, nearest last.
    nameless: Vec<usize>,
}

impl OpenPath {
    /// Closes every comment deeper than `depth` (keeps positions `0..depth`).
    fn truncate(&mut self, depth: usize, authors: &[Option<&str>]) {
        while self.comments.len() > depth {
            let k = self.comments.pop().expect("longer than depth");
            let position = self.comments.len();
            match authors[k] {
                Some(name) => {
                    let key = fold_name(name);
                    if let Some(positions) = self.by_name.get_mut(&key) {
                        positions.retain(|&p| p != position);
                        if positions.is_empty() {
                            self.by_name.remove(&key);
                        }
                    }
                }
                None => self.nameless.retain(|&p| p != position),
            }
        }
    }

    /// Opens comment `k` at the next depth.
    fn push(&mut self, k: usize, author: Option<&str>) {
        let position = self.comments.len();
        self.comments.push(k);
        match author {
            Some(name) => self.by_name.entry(fold_name(name)).or_default().push(position),
            None => self.nameless.push(position),
        }
    }

    /// The position of the nearest open comment by `name`.
    fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&fold_name(name)).and_then(|p| p.last().copied())
    }

    /// Gives the nearest open comment without an author `name`: its position.
    fn infer(&mut self, name: &str) -> Option<usize> {
        let position = self.nameless.pop()?;
        self.by_name.entry(fold_name(name)).or_default().push(position);
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

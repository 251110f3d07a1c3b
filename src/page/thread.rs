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
use std::collections::VecDeque;

use super::dates::{self, Resolved};
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

/// The open comments: the previous comment and its ancestors, top-level first.
///
/// A thread is at most [`MAX_DEPTH`] + 1 comments deep here (`link` attaches deeper replies
/// at that depth), so a lookup scans a bounded, and in practice very short, path: cheaper
/// than an index by name. Authors' keys are computed only when a reply looks for them (most
/// comments are never looked for).
#[derive(Default)]
struct OpenPath {
    /// Position = depth.
    path: Vec<Open>,
}

/// An open comment and what is known of its author's key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Open {
    comment: usize,
    key: AuthorKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AuthorKey {
    /// The author line was lost: no name yet.
    Lost,
    /// The comment has an author whose key no lookup has needed yet.
    Unread,
    Known(NameKey),
}

impl OpenPath {
    /// The comment at `position`.
    fn comment(&self, position: usize) -> usize {
        self.path[position].comment
    }

    fn is_empty(&self) -> bool {
        self.path.is_empty()
    }

    /// Closes every comment deeper than `depth` (keeps positions `0..depth`).
    fn truncate(&mut self, depth: usize) {
        self.path.truncate(depth);
    }

    /// Opens comment `k` at the next depth; `named`: its author is known.
    fn push(&mut self, k: usize, named: bool) {
        let key = if named { AuthorKey::Unread } else { AuthorKey::Lost };
        self.path.push(Open { comment: k, key });
    }

    /// The position of the nearest open comment whose author has the key of `name`;
    /// `author_of` gives a comment's author. Keys are computed only when the texts differ
    /// (the same text is the same key: most replies write their parent's name as it is),
    /// once per open comment at most; `name_key` keeps `name`'s.
    fn find<'n>(
        &mut self,
        name: &str,
        name_key: &mut Option<NameKey>,
        author_of: impl Fn(usize) -> Option<&'n str>,
    ) -> Option<usize> {
        for (position, open) in self.path.iter_mut().enumerate().rev() {
            if open.key == AuthorKey::Lost {
                continue;
            }
            let author = author_of(open.comment);
            if author == Some(name) {
                return Some(position);
            }
            if open.key == AuthorKey::Unread {
                open.key = author.map_or(AuthorKey::Lost, |a| AuthorKey::Known(NameKey::of(a)));
            }
            if open.key == AuthorKey::Known(*name_key.get_or_insert_with(|| NameKey::of(name))) {
                return Some(position);
            }
        }
        None
    }

    /// Gives the nearest open comment without an author the name of `key` (no open comment
    /// has it): its position.
    fn infer(&mut self, key: NameKey) -> Option<usize> {
        let position = self.path.iter().rposition(|open| open.key == AuthorKey::Lost)?;
        self.path[position].key = AuthorKey::Known(key);
        Some(position)
    }
}

/// A name's identity for the thread index: a 64-bit hash of the name with spacing and case
/// folded ([`fold_name`](super::discussion::fold_name)), computed once per name. A match is
/// checked against the names themselves, so a hash collision can only make a lookup miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Finds each reply's parent and recovers lost author names, with the page's lines in view
/// (for the warnings' positions); records in each comment what [`nest`] needs.
pub(crate) fn link<'a>(page: &mut Page<'_, 'a>, flat: &mut [FlatComment<'a>]) {
    let mut open = OpenPath { path: std::mem::take(&mut page.spare.open) };
    open.truncate(0);
    let input = page.input;
    let author_of = |comment: &FlatComment<'_>| comment.author.map(|a| a.text(input));
    for k in 0..flat.len() {
        let (first, last) = (flat[k].first(), flat[k].last());
        flat[k].line = index32(page.lines.number(first));
        let span = page.span_of(first..last + 1);
        flat[k].span = Piece::from_range(span.start, span.end);
        let Some((marker, name_piece)) = flat[k].to else {
            open.truncate(0);
            open.push(k, flat[k].author.is_some());
            continue;
        };
        let (marker, name) = (marker as usize, name_piece.text(input));
        let mut key = None;
        // The index finds by hash; the names decide.
        let found = open
            .find(name, &mut key, |c| author_of(&flat[c]))
            .filter(|&p| author_of(&flat[open.comment(p)]).is_some_and(|a| same_name(a, name)));
        let position = found.or_else(|| {
            let lost = open.infer(key.unwrap_or_else(|| NameKey::of(name)))?;
            let comment = &mut flat[open.comment(lost)];
            comment.author = Some(name_piece);
            comment.author_inferred = true;
            Some(lost)
        });
        let mut position = match position {
            Some(p) => p,
            None if !open.is_empty() => {
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
                open.push(k, flat[k].author.is_some());
                continue;
            }
        };
        if position + 1 > MAX_DEPTH {
            position = MAX_DEPTH - 1;
            let message =
                format!("reply nested deeper than {MAX_DEPTH} levels; attached at level {MAX_DEPTH}");
            page.warn(marker, WarningKind::TooDeep, message);
        }
        flat[k].parent = Some(index32(open.comment(position)));
        open.truncate(position + 1);
        open.push(k, flat[k].author.is_some());
    }
    page.spare.open = open.path;
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
    resolved: &mut Vec<Resolved>,
) -> Vec<Comment<'a>> {
    let mut pending: Vec<(usize, Reply<'a>)> = Vec::new();
    // Roots come last first: each is put in front, in place (reversing a vector of them at
    // the end swapped every comment, at a cost callgrind counted above the rest of `nest`).
    let mut roots = VecDeque::with_capacity(flat.iter().filter(|c| c.parent.is_none()).count());
    while let Some(comment) = flat.pop() {
        let k = flat.len();
        let parent = comment.parent.map(|p| p as usize);
        let to = comment.to.map_or("", |(_, name)| name.text(input));
        // `resolved` holds one entry per dated comment, in page order: back to front too.
        let posted = comment.date.map(|(_, id)| {
            dates::posted(dates[id.index()], resolved.pop().expect("one resolved date per dated comment"))
        });
        let mut node = to_model(input, comment, posted);
        let replies = pending.iter().rev().take_while(|&&(p, _)| p == k).count();
        // (Most comments have no reply: no draining for them.)
        if replies > 0 {
            node.replies = pending.drain(pending.len() - replies..).rev().map(|(_, reply)| reply).collect();
        }
        match parent {
            Some(p) => pending.push((p, Reply { to: Cow::Borrowed(to), comment: node })),
            None => roots.push_front(node),
        }
        if flat.capacity() > 2 * flat.len() + 64 {
            flat.shrink_to_fit();
        }
    }
    // `link` only names open comments as parents, so every reply found its parent above.
    debug_assert!(pending.is_empty(), "replies left without their parent");
    for (_, reply) in pending {
        roots.push_front(reply.comment); // never lose one
    }
    // (Filled to its capacity from the back, the ring starts at its buffer's start: the
    // vector takes the buffer as it is.)
    Vec::from(roots)
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

    /// `nest` takes the dates `dates::check` resolved, one per dated comment in page order,
    /// back to front: each comment must get its own.
    #[test]
    fn each_dated_comment_gets_its_own_resolved_date() {
        let input = "August 20, 2021 17:27\nAugust 21, 2021 08:05\n";
        let crate::lines::Classified { lines, dates } = crate::lines::classify_all(input, 0);
        let ids: Vec<_> = lines
            .kinds()
            .filter_map(|kind| match kind {
                crate::lines::Kind::Date { date, .. } => Some(date),
                _ => None,
            })
            .collect();
        assert_eq!(ids.len(), 2, "two date lines");
        let dated = |k: u32| {
            let mut comment = FlatComment::default();
            comment.date = Some((k, ids[k as usize]));
            comment
        };
        // Comments 0 and 2 dated, 1 not; made-up readings tell them apart.
        let flat = vec![dated(0), FlatComment::default(), dated(1)];
        let at = |day| chrono::NaiveDate::from_ymd_opt(2020, 1, day).and_then(|d| d.and_hms_opt(0, 0, 0));
        let comments = nest(input, flat, &dates, &mut vec![(at(1), None), (at(2), None)]);
        let posted: Vec<_> =
            comments.iter().map(|c| c.posted.as_ref().map(|p| (p.text.as_ref(), p.at))).collect();
        assert_eq!(
            posted,
            [Some(("August 20, 2021 17:27", at(1))), None, Some(("August 21, 2021 08:05", at(2)))]
        );
    }

    /// `nest` keeps page order among roots and among each comment's replies, whatever the
    /// mix of roots and threads (roots are put in front as they are built, last first).
    #[test]
    fn nest_keeps_page_order() {
        // Comment k's parent; `line` tells the comments apart.
        let parents = [None, Some(0), Some(1), Some(0), None, None, Some(5), Some(6), Some(5), None];
        let flat: Vec<_> = (0u32..)
            .zip(parents)
            .map(|(k, parent)| {
                let mut comment = FlatComment::default();
                (comment.line, comment.parent) = (k, parent);
                comment
            })
            .collect();
        fn shape(comment: &Comment<'_>) -> String {
            let replies: Vec<_> = comment.replies.iter().map(|reply| shape(&reply.comment)).collect();
            match replies.is_empty() {
                true => comment.line.to_string(),
                false => format!("{}({})", comment.line, replies.join(" ")),
            }
        }
        let roots = nest("", flat, &[], &mut Vec::new());
        let shapes: Vec<_> = roots.iter().map(shape).collect();
        assert_eq!(shapes, ["0(1(2) 3)", "4", "5(6(7) 8)", "9"]);
        assert!(nest("", Vec::new(), &[], &mut Vec::new()).is_empty());
    }

    #[test]
    fn the_open_path_finds_the_nearest_author_and_the_nearest_lost_one() {
        // Comments 0..5, depth = index; authors by comment (`None`: the line was lost).
        let authors = [Some("Ann"), None, Some("Bob"), Some("ann"), None];
        let asked = std::cell::Cell::new(0);
        let author_of = |c: usize| {
            asked.set(asked.get() + 1);
            authors[c]
        };
        let mut open = OpenPath::default();
        for (k, author) in authors.iter().enumerate() {
            open.push(k, author.is_some());
        }
        let find = |open: &mut OpenPath, name: &str| open.find(name, &mut None, author_of);
        assert_eq!(find(&mut open, "ANN"), Some(3), "the nearest, case folded");
        assert_eq!(asked.get(), 1, "authors are read only as far as the match");
        assert_eq!(find(&mut open, "Bob"), Some(2), "the same text");
        assert_eq!(find(&mut open, "Bob "), Some(2), "spacing folded");
        assert_eq!(find(&mut open, "Cy"), None);
        assert_eq!(open.infer(NameKey::of("Cy")), Some(4), "the nearest lost author");
        let mut key = None;
        assert_eq!(open.find("cy", &mut key, |c| (c == 4).then_some("Cy").or(authors[c])), Some(4));
        assert_eq!(key, Some(NameKey::of("cy")), "the name's key kept");
        open.truncate(3);
        assert_eq!(find(&mut open, "ann"), Some(0));
        assert_eq!(open.infer(NameKey::of("Dee")), Some(1));
        assert_eq!(open.infer(NameKey::of("Eve")), None, "no lost author left");
        assert_eq!((open.comment(1), open.is_empty()), (1, false));
        open.truncate(0);
        assert!(open.is_empty());
    }

    proptest::proptest! {
        /// `find` (the same text first, keys only where the texts differ) finds the nearest
        /// open author whose key is the name's, as a comparison of keys alone does.
        #[test]
        fn find_is_the_nearest_author_with_the_names_key(
            authors in proptest::collection::vec(proptest::option::of("[aAé\u{c9} ]{0,3}"), 0..8),
            name in "[aAé\u{c9} ]{0,3}",
        ) {
            let mut open = OpenPath::default();
            for (k, author) in authors.iter().enumerate() {
                open.push(k, author.is_some());
            }
            let key = NameKey::of(&name);
            let by_keys = authors.iter().rposition(|a| a.as_deref().map(NameKey::of) == Some(key));
            let mut kept = None;
            proptest::prop_assert_eq!(open.find(&name, &mut kept, |c| authors[c].as_deref()), by_keys);
            proptest::prop_assert!(kept.is_none() || kept == Some(key));
        }
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

//! wpDiscuz 7 pages: each comment is found from its header (a date or a reply marker),
//! with the author lines above it; its body and footer run to the next header.

use std::ops::Range;

use super::parts::{is_dated_line, is_name_like, is_reply_to_line, reads_as_name, Part, PartSet};
use super::{index32, same_name, FlatComment, Splitter};
use crate::annotation::LineRole;
use crate::error::WarningKind;
use crate::lines::{self, Kind, Tag};
use crate::page::{text, Page};
use crate::phrases::{self, Class};

/// How a page's comment headers are ordered (see [`Splitter::header_order`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct HeaderOrder {
    /// Role badges stand above the name (layout 1), not below it (layouts 2 and 3).
    badge_first: bool,
    /// The converter printed the avatars' alt texts (the name shows twice).
    alt_texts: bool,
}

impl<'a> Splitter<'_, '_, 'a> {
    /// `header_dates`: the dates found in comment headers, about one per comment;
    /// `dateless`: the section shows no comment date at all (some crawls drop them).
    pub(super) fn header_mode(&mut self, header_dates: usize, dateless: bool) -> Vec<FlatComment<'a>> {
        let mut comments: Vec<FlatComment<'a>> = Vec::with_capacity(header_dates);
        let mut floor = self.start;
        let mut i = self.start;
        while i < self.limit {
            // Most lines are no header: skip to the next one.
            let Some(header) = self.parts.find(i..self.limit, PartSet::HEADER) else {
                break;
            };
            i = header;
            let run = self.header_run(i);
            let strong = self.parts.find(run.clone(), Part::set(&[Part::StrongHeader])).is_some();
            let after_head = run.end > self.head;
            let starts_comment =
                after_head && (strong || (dateless && self.opens_dateless_comment(run.clone(), floor)));
            if !starts_comment {
                i = run.end;
                continue;
            }
            // Author lines above the header, unless the header names its author itself (an
            // avatar or a name line opens it, as in markdown crawls).
            let named = run.clone().any(|j| self.names_author(j, run.start));
            let first = if named {
                self.alt_text_before(run.clone(), floor)
            } else {
                self.authors_before(run.start, floor)
            };
            let mut comment =
                FlatComment { first: index32(first), last: index32(run.end - 1), ..FlatComment::default() };
            self.read_header(&mut comment, first..run.end);
            comments.push(comment);
            floor = run.end;
            i = run.end;
        }
        // Bodies and footers: what lies between one header and the next.
        for k in 0..comments.len() {
            let from = comments[k].last() + 1;
            let to = comments.get(k + 1).map_or(self.limit, |next| next.first());
            let last = k + 1 == comments.len();
            self.read_body(&mut comments[k], from..to, last);
        }
        // A header with neither a date nor a body (a lone `Reply to NAME`) is no comment:
        // its lines stay in the section, reported.
        comments.retain(|comment| {
            if comment.date.is_some() || !comment.body.is_empty() || comment.author.is_some() {
                return true;
            }
            self.page.clear_roles(comment.first()..comment.last() + 1);
            let message = match comment.to {
                Some((_, name)) => {
                    format!("reply to \"{}\" has no comment to belong to", name.text(self.page.input))
                }
                None => "comment header has no date and no body".to_owned(),
            };
            self.page.warn(comment.first(), WarningKind::StrayHeader, message);
            false
        });
        comments
    }

    /// Whether line `j` of a header run that starts at `run_start` names the comment's
    /// author: an avatar, an author link, `NAME says`, or a text line (unless it is the
    /// name a `Reply to` line left out). Told from the record's tag where it can be: the
    /// kind is built for a line kept beside the records only.
    fn names_author(&self, j: usize, run_start: usize) -> bool {
        let lines = self.page.lines;
        match lines.tag(j) {
            Tag::Avatar | Tag::AuthorLink | Tag::Says => true,
            Tag::Text => !self
                .prev_solid(j, run_start)
                .is_some_and(|p| matches!(lines.kind(p), Kind::ReplyTo { name, .. } if name.is_empty())),
            Tag::Extra => {
                matches!(lines.kind(j), Kind::Avatar { .. } | Kind::AuthorLink { .. } | Kind::Says { .. })
            }
            _ => false,
        }
    }

    /// The header elements that follow one another from `i`: header lines, and text lines
    /// between them before the date (an author named between badge and date).
    fn header_run(&self, i: usize) -> Range<usize> {
        let mut end = i + 1;
        let lines = self.page.lines;
        let mut has_date = is_dated_line(lines, i);
        // (One kind for both, and only for a header line the tag does not tell apart.)
        let (mut wants_name, mut avatar) = match lines.kind(i) {
            Kind::ReplyTo { name, .. } => (name.is_empty(), None),
            Kind::Avatar { alt } => (false, Some(self.line(i).name(alt))),
            _ => (false, None),
        };
        let mut j = i + 1;
        while let Some(k) = self.next_solid(j) {
            match self.parts[k] {
                // One header holds one date: a second date, or a `Reply to` that a date
                // follows, starts the next comment (whose body may be missing).
                Part::WeakHeader | Part::StrongHeader
                    if has_date
                        && (is_dated_line(lines, k)
                            || is_reply_to_line(lines, k)
                                && self.next_solid(k + 1).is_some_and(|n| is_dated_line(lines, n))) =>
                {
                    break
                }
                Part::WeakHeader | Part::StrongHeader => {
                    has_date |= is_dated_line(lines, k);
                    wants_name = false;
                    match lines.kind(k) {
                        Kind::ReplyTo { name, .. } => wants_name = name.is_empty(),
                        Kind::Avatar { alt } => avatar = Some(self.line(k).name(alt)),
                        _ => {}
                    }
                }
                Part::Text if wants_name && is_name_like(self.page.lines, k) => wants_name = false,
                // The author's name under their avatar image.
                Part::Text if avatar.is_some_and(|alt| same_name(alt, self.page.lines.text(k))) => {
                    avatar = None
                }
                // A name between header elements; a number can be a name (`11111`) there.
                Part::Text | Part::Footer
                    if !has_date
                        && (is_name_like(self.page.lines, k)
                            || matches!(self.page.lines.kind(k), Kind::Number(_))) =>
                {
                    let k_end = self.wrapped_end(k);
                    let followed = self.next_solid(k_end + 1).is_some_and(|n| self.parts[n].is_header());
                    if !followed {
                        break;
                    }
                    end = k_end + 1;
                    j = k_end + 1;
                    continue;
                }
                _ => break,
            }
            end = k + 1;
            j = k + 1;
        }
        i..end
    }

    /// On pages without dates, an avatar or author link starts a comment when it follows a
    /// footer or the section's chrome (not when it is a link line inside a body).
    fn opens_dateless_comment(&self, run: Range<usize>, floor: usize) -> bool {
        let has_avatar = run
            .clone()
            .any(|j| matches!(self.page.lines.kind(j), Kind::Avatar { .. } | Kind::AuthorLink { .. }));
        has_avatar
            && match self.prev_solid(run.start, floor.min(run.start)) {
                None => true,
                Some(p) => self.parts.is(p, PartSet::BOUNDARY),
            }
    }

    /// Where a header that starts at `run_start` really starts: author lines above it.
    ///
    /// Right after a footer or section chrome, up to three text lines are the header (the
    /// author, and the avatar's alt text a converter printed before it). After body text,
    /// only a name-like line directly above the header (no blank line between) is.
    fn authors_before(&self, run_start: usize, floor: usize) -> usize {
        self.authors_walk(run_start, floor, true)
    }

    /// [`Splitter::authors_before`]; with `shortcut`, the last candidate's line is read
    /// both ways (the end of a wrapped pair, a line of its own) before the page's wrap
    /// width is asked, and the width is found only when the two readings differ.
    fn authors_walk(&self, run_start: usize, floor: usize, shortcut: bool) -> usize {
        // Candidates, nearest first: text lines (a wrapped pair counts once), and numbers
        // (a name such as `11111`) when a `Reply` button closes the comment before.
        let mut found = [0; 3];
        let mut count = 0;
        let mut j = run_start;
        // With three candidates the walk ends before reading the next line: telling whether
        // it is a wrapped pair can take the page's wrap width (a pass over the whole page).
        while count < found.len() {
            let Some(p) = self.prev_solid(j, floor) else { break };
            let pair = p > floor && p > 0 && self.may_wrap_onto_next(p - 1);
            // The last candidate counts only through the line before it (a boundary, a
            // `Reply` button): both readings mostly give the same start.
            if pair && shortcut && count + 1 == found.len() && self.wrap.get().is_none() {
                let reading = |q: usize| {
                    let mut all = found;
                    all[count] = q;
                    let n = if self.is_author_candidate(q) { count + 1 } else { count };
                    self.header_start(&all[..n], run_start, floor)
                };
                let whole = reading(p - 1);
                if reading(p) == whole {
                    return whole;
                }
            }
            // The first line of a wrapped pair.
            let p = if pair && self.broken_after(p - 1) { p - 1 } else { p };
            if !self.is_author_candidate(p) {
                break;
            }
            found[count] = p;
            count += 1;
            j = p;
        }
        self.header_start(&found[..count], run_start, floor)
    }

    /// A line that can be an author line above a header: a name-like text line or a number
    /// (a name such as `11111`) that no stage placed (a rating widget's custom title).
    fn is_author_candidate(&self, p: usize) -> bool {
        // Told by the part first: a number is a footer part, and most lines are neither.
        let candidate = match self.parts[p] {
            Part::Text => is_name_like(self.page.lines, p),
            Part::Footer => matches!(self.page.lines.kind(p), Kind::Number(_)),
            _ => false,
        };
        candidate && self.page.roles[p].is_none()
    }

    /// Where a header that starts at `run_start` starts, given the author-line candidates
    /// above it (nearest first).
    fn header_start(&self, found: &[usize], run_start: usize, floor: usize) -> usize {
        let mut candidates = found;
        let before = candidates.last().and_then(|&c| self.prev_solid(c, floor));
        let after_button = before.is_some_and(|b| self.is_reply_button(b));
        if !after_button {
            // Numbers are names only after a `Reply` button; before it they are votes.
            if let Some(n) =
                candidates.iter().position(|&c| matches!(self.page.lines.kind(c), Kind::Number(_)))
            {
                candidates = &candidates[..n];
            }
        }
        let Some(&nearest) = candidates.first() else {
            return run_start;
        };
        let before = candidates.last().and_then(|&c| self.prev_solid(c, floor));
        let after_boundary = match before {
            None => floor == self.start,
            Some(b) => self.parts.is(b, PartSet::BOUNDARY),
        };
        if after_boundary {
            return *candidates.last().expect("non-empty");
        }
        // Otherwise only the line directly above, with no blank line between, and the same
        // name directly above it (an avatar's alt text a converter printed).
        let adjacent = |upper: usize, lower: usize| {
            // Records cover the physical lines in order: the next record is the next line.
            self.wrapped_end(upper) + 1 == lower
        };
        // A name printed twice (the avatar's alt text, then the name) is a header even with
        // blank lines below it: body text does not repeat a line.
        let alt = candidates.get(1).copied().filter(|&alt| {
            adjacent(alt, nearest) && same_name(self.page.lines.text(alt), self.page.lines.text(nearest))
        });
        if !(adjacent(nearest, run_start) || alt.is_some()) || !reads_as_name(self.page.lines.text(nearest)) {
            return run_start;
        }
        match alt {
            Some(alt) => alt,
            _ => nearest,
        }
    }

    /// Where a header that names its author starts: at the run, or one line above it when
    /// that line repeats a name in the run (the avatar's alt text a converter printed before
    /// the role badge: `João Silva` / `Guest` / `João Silva`).
    fn alt_text_before(&self, run: Range<usize>, floor: usize) -> usize {
        let Some(above) = self.prev_solid(run.start, floor) else { return run.start };
        let repeats = self.parts[above] == Part::Text
            && self.page.roles[above].is_none()
            && run.clone().any(|j| {
                self.parts[j] == Part::Text && same_name(self.page.lines.text(j), self.page.lines.text(above))
            });
        if repeats {
            above
        } else {
            run.start
        }
    }

    /// Reads the header lines `range` into `comment`.
    // Out of line: inlined, its locals crowd `header_mode`'s scan loop (callgrind: ~0.3% of
    // a pass more).
    #[inline(never)]
    fn read_header(&mut self, comment: &mut FlatComment<'a>, range: Range<usize>) {
        // Name lines, a wrapped pair as one range.
        let mut names = std::mem::take(&mut self.names);
        names.clear();
        let mut avatar: Option<&'a str> = None;
        let mut wants_name: Option<usize> = None;
        // Badge-word lines (one of them may be the author's name: `Admin`).
        let mut badges = [0; 3];
        let mut badge_count = 0;
        for i in range {
            if self.page.lines.is_blank(i) {
                continue;
            }
            self.page.set_role(i, LineRole::Header);
            // The rest of a name a text browser wrapped (even when it reads as a form label:
            // `... Nam Vu Personal` / `Site`).
            if let Some(last) = names.last_mut() {
                if last.end == i && self.wrapped_end(last.start) == i {
                    last.end = i + 1;
                    continue;
                }
            }
            // Kind and text read apart, after the wrapped names: building the whole line
            // (out of line, with its count) cost more than the rest of the loop. The text
            // only where it is read (not for the date, in every header).
            let store = self.page.lines;
            let kind = store.kind(i);
            let text = || store.text(i);
            let name_of = |name: lines::Name| name.in_text(text());
            match kind {
                Kind::Date { date, .. } if comment.date.is_none() && self.parts[i] != Part::Text => {
                    comment.date = Some((index32(i), date))
                }
                Kind::ReplyTo { name, date } if comment.to.is_none() => {
                    comment.to = self.piece(name_of(name)).map(|name| (index32(i), name));
                    wants_name = name.is_empty().then_some(i);
                    if let (Some(date), None) = (date, comment.date) {
                        comment.date = Some((index32(i), date));
                    }
                }
                // `Reply to` alone, then the parent's link (markdownify).
                Kind::ParentLink { name } if wants_name.is_some() => {
                    let at = index32(wants_name.take().expect("checked"));
                    comment.to = self.piece(name_of(name)).map(|name| (at, name));
                }
                Kind::ParentLink { name } if comment.to.is_none() => {
                    comment.to = self.piece(name_of(name)).map(|name| (index32(i), name));
                }
                Kind::AuthorLink { name } if comment.author.is_none() => {
                    comment.author = self.piece(name_of(name));
                    comment.author_url = lines::author_url(text(), name).and_then(|url| self.piece(url));
                }
                Kind::Says { name } if comment.author.is_none() => comment.author = self.piece(name_of(name)),
                Kind::Avatar { alt } => avatar = avatar.or(Some(name_of(alt))),
                // `Reply to` alone, then the parent's name, which is also a badge word (`Admin`).
                Kind::Chrome(seg)
                    if wants_name.is_some() && seg.is_single() && seg.first().class == Class::Role =>
                {
                    let at = index32(wants_name.take().expect("checked"));
                    comment.to = self.piece(text()).map(|name| (at, name));
                }
                Kind::Chrome(seg) if seg.first().class == Class::Role => {
                    if seg.is_single() && badge_count < badges.len() {
                        badges[badge_count] = i;
                        badge_count += 1;
                    }
                    if comment.role.is_none() {
                        comment.role = self.piece(text());
                    }
                }
                Kind::Text if wants_name.is_some() => {
                    let at = index32(wants_name.take().expect("checked"));
                    comment.to = self.piece(text()).map(|name| (at, name));
                }
                Kind::Text | Kind::Number(_) | Kind::Date { .. } | Kind::Average(_) => names.push(i..i + 1),
                _ => {}
            }
        }
        let text_of = |page: &Page<'_, 'a>, r: &Range<usize>| -> &'a str {
            &page.input[page.span_of(r.clone()).range()]
        };
        // A badge that is also a language's `Anonymous` (Arabic `ضيف`) standing where no
        // author line is: the author, as guests get no badge by default.
        if let (None, Some(role)) = (comment.author, comment.role) {
            if names.is_empty()
                && avatar.is_none()
                && phrases::markers().is_anonymous(role.text(self.page.input))
            {
                comment.author = Some(role);
                comment.role = None;
            }
        }
        // No name line but badge words: the author's name is a badge word too.
        if comment.author.is_none() && names.is_empty() && avatar.is_none() && badge_count > 0 {
            self.read_badge_names(comment, &badges[..badge_count]);
        }
        if comment.author.is_none() {
            // The author line is the last name line; earlier ones repeat it (an avatar's alt
            // text) or are text that belongs to no comment.
            if let Some(last) = names.last() {
                let name = text_of(self.page, last);
                comment.author = self.piece(name);
                // Earlier name lines that differ belong to no comment: left unplaced, they
                // go to `discussion.other`.
                for other in &names[..names.len() - 1] {
                    if !same_name(text_of(self.page, other), name) {
                        self.page.clear_roles(other.clone());
                    }
                }
            } else if let Some(alt) = avatar {
                comment.author = self.piece(alt);
            }
        } else {
            let author = self.text(comment.author);
            for other in &names {
                if !author.is_some_and(|a| same_name(text_of(self.page, other), a)) {
                    self.page.clear_roles(other.clone());
                }
            }
        }
        self.names = names;
    }

    /// The author and badge of a header whose only name lines are badge words, `lines`
    /// (an author called `Admin`, `Redakteur`). The avatar's alt text repeats the name: a
    /// line that repeats the alt (or, with two lines, the line above) is the name, and a
    /// line with other text the badge. `Admin` three times is alt, name and badge. Where
    /// nothing repeats (converters that drop alt texts), the page's layout tells which line
    /// is the name: layout 1 prints the badge before the name, layouts 2 and 3 after it.
    fn read_badge_names(&mut self, comment: &mut FlatComment<'a>, lines: &[usize]) {
        let shown = |i: usize| lines::shown_name(self.page.lines.text(i));
        let same = |a: usize, b: usize| same_name(shown(a).0, shown(b).0);
        let (first, rest) = (lines[0], &lines[1..]);
        // (the name's line, the badge's line)
        let (name, badge) = if shown(first).2 || rest.len() >= 2 {
            // The first line is the avatar's alt text.
            match *rest {
                [] => (first, None),
                [one] if same(first, one) => (one, None),
                [one] => (first, Some(one)),
                [a, b, ..] => match (same(first, a), same(first, b)) {
                    (true, false) => (a, Some(b)),
                    (false, true) => (b, Some(a)),
                    _ if self.header_order().badge_first => (b, Some(a)),
                    _ => (a, Some(b)),
                },
            }
        } else {
            match *rest {
                [] => (first, None),
                // The alt text and the name, or a badge and a name that is the same word.
                [one] if same(first, one) => (one, (!self.header_order().alt_texts).then_some(first)),
                [one] if self.header_order().badge_first => (one, Some(first)),
                [one] => (first, Some(one)),
                _ => unreachable!("two or more lines take the first branch"),
            }
        };
        let (text, url, image) = shown(name);
        comment.author = self.piece(text);
        if !image {
            comment.author_url = url.and_then(|url| self.piece(url));
        }
        comment.role = badge.and_then(|b| self.piece(shown(b).0));
    }

    /// How the page's comment headers are ordered, from the headers that show it: a badge
    /// above or below a name line, a `Reply to` line below or above the date (layout 1
    /// prints the date first, layout 2 the marker, layout 3 both on one line).
    fn header_order(&self) -> HeaderOrder {
        *self.order.get_or_init(|| {
            let kind = |i: usize| self.page.lines.kind(i);
            let is_name = |i: usize| {
                matches!(kind(i), Kind::AuthorLink { .. }) || is_name_like(self.page.lines, i)
            };
            let is_badge = |i: usize| {
                matches!(kind(i), Kind::Chrome(seg) if seg.is_single() && seg.first().class == Class::Role)
            };
            let is_date = |i: usize| matches!(kind(i), Kind::Date { timed: true, .. });
            let is_marker = |i: usize| matches!(kind(i), Kind::ReplyTo { date: None, .. });
            // Votes for layout 1 and for layouts 2 and 3: from badges, then from markers.
            let (mut badges, mut markers) = ([0usize; 2], [0usize; 2]);
            let mut alt_texts = false;
            for i in self.start..self.limit {
                match kind(i) {
                    Kind::Avatar { .. } => alt_texts = true,
                    Kind::Text => {
                        let next = self.next_solid(i + 1);
                        alt_texts |= next.is_some_and(|n| {
                            matches!(kind(n), Kind::Text)
                                && same_name(self.page.lines.text(i), self.page.lines.text(n))
                                && self.next_solid(n + 1).is_some_and(|h| self.parts[h].is_header())
                        });
                    }
                    Kind::ReplyTo { date: Some(_), .. } => markers[1] += 1,
                    _ if is_badge(i) => {
                        let next = self.next_solid(i + 1);
                        let prev = self.prev_solid(i, self.start);
                        let name_below = next.is_some_and(|n| {
                            is_name(n) && self.next_solid(n + 1).is_some_and(is_date)
                        });
                        let name_above = prev.is_some_and(is_name)
                            && next.is_some_and(|n| is_date(n) || is_marker(n));
                        if name_below {
                            badges[0] += 1;
                        } else if name_above {
                            badges[1] += 1;
                        }
                    }
                    _ if is_date(i) => {
                        if self.next_solid(i + 1).is_some_and(is_marker) {
                            markers[0] += 1;
                        } else if self.prev_solid(i, self.start).is_some_and(|p| {
                            // `Reply to` alone, then the parent's name (soup), which
                            // can be a badge word too.
                            is_marker(p)
                                || (is_name(p) || is_badge(p))
                                    && self.prev_solid(p, self.start).is_some_and(|m| {
                                        matches!(kind(m), Kind::ReplyTo { name, date: None } if name.is_empty())
                                    })
                        }) {
                            markers[1] += 1;
                        }
                    }
                    _ => {}
                }
            }
            let votes = if badges != [0, 0] { badges } else { markers };
            // wpDiscuz's default is layout 1.
            HeaderOrder { badge_first: votes[0] >= votes[1], alt_texts }
        })
    }

    /// The first `Reply` button among lines `range`. A button is a footer part: only those
    /// are asked, skipped to a word of lines at a time (a body is mostly text and blank
    /// lines, and a branch per line on its part mispredicts on varied bodies).
    fn reply_button_in(&self, range: Range<usize>) -> Option<usize> {
        let mut from = range.start;
        while let Some(f) = self.parts.find(from..range.end, PartSet::FOOTER) {
            if self.is_reply_button(f) {
                return Some(f);
            }
            from = f + 1;
        }
        None
    }

    /// Reads the body and footer of a comment from lines `range` (from the end of its
    /// header to the start of the next comment's). The footer ends at the `Reply` button
    /// when there is one; what follows it belongs to no comment. Without a button, the
    /// footer is the run of footer lines after the last text line (footer-like lines
    /// followed by text are body text, such as a number in a comment). For the last
    /// comment, the body stops at the first footer: the thread ends there.
    fn read_body(&mut self, comment: &mut FlatComment<'a>, range: Range<usize>, last: bool) {
        let button = self.reply_button_in(range.clone());
        let (footer_start, footer_end) = match button {
            Some(b) => {
                // The footer and blank lines right above the button.
                let above = self.parts.find_last(range.start..b, PartSet::FOOTER_RUN.not());
                let s = above.map_or(range.start, |other| other + 1);
                (s, b + 1)
            }
            None if last => match self.parts.find(range.clone(), PartSet::FOOTER) {
                Some(f) => (f, self.footer_run_end(f, range.end)),
                // No footer: the body runs to a load-more marker, or as far as the section.
                None => {
                    let more =
                        range.clone().find(|&i| self.line(i).chrome().is_some_and(|s| s.any(Class::More)));
                    let end = more.unwrap_or(range.end);
                    (end, end)
                }
            },
            None => {
                let text = self.parts.find_last(range.clone(), PartSet::TEXT);
                let after_text = text.map_or(range.start, |t| t + 1);
                (after_text, range.end)
            }
        };
        let mut paragraphs = std::mem::take(&mut self.paragraphs);
        text::paragraphs_into(self.page, range.start..footer_start, text::is_body_line, &mut paragraphs);
        // (A new body: allocated once, at its size.)
        comment.body = Vec::with_capacity(paragraphs.len());
        for paragraph in paragraphs.drain(..) {
            self.page.set_roles(paragraph.clone(), LineRole::Body);
            comment.last = comment.last.max(index32(paragraph.end - 1));
            comment.body.push(self.page.paragraph(paragraph));
        }
        self.paragraphs = paragraphs;
        for i in footer_start..footer_end {
            let part = self.parts[i];
            if !matches!(part, Part::Footer | Part::DatedFooter) {
                continue;
            }
            self.page.set_role(i, LineRole::Footer);
            comment.last = comment.last.max(index32(i));
            // Buttons, most footer lines, are single phrases, which carry no votes: the kind
            // (a jump through the kinds' table) only for the others.
            if self.page.lines.tag(i) == Tag::Phrase {
                continue;
            }
            match (part, self.page.lines.kind(i)) {
                (Part::Footer, Kind::Number(n)) => comment.add_votes(n),
                (Part::Footer, Kind::LegacyVotes(n)) => comment.set_votes(n),
                (Part::Footer, Kind::Edited) => comment.edited = self.piece(self.page.lines.text(i)),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::OnceCell;

    use super::*;
    use crate::page::section;

    /// Runs `check` on the splitter of each test page's comment section (with the page's
    /// text); the number of sections.
    fn each_section(mut check: impl FnMut(&mut Splitter<'_, '_, '_>, &str)) -> usize {
        let mut sections = 0;
        for text in crate::test_pages::pages() {
            let start = crate::input::content_start(&text);
            let classified = crate::lines::classify_all(&text, start);
            let mut page = Page::new(&text, start, &classified.lines, &classified.dates);
            let Some(section_start) = section::locate(&mut page).section_start else { continue };
            sections += 1;
            check(&mut Splitter::new(&mut page, section_start), &text);
        }
        sections
    }

    /// `mode` (dated footers and strong headers searched for) is the match on every part,
    /// on every test page's section, in each of the three modes.
    #[test]
    fn mode_from_searched_parts_is_the_walk() {
        let mut modes = Vec::new();
        each_section(|splitter, text| {
            let mode = splitter.mode();
            assert_eq!(mode, splitter.mode_walk(), "{text:.80}");
            modes.push(mode.0);
        });
        use super::super::Mode;
        for mode in [Mode::Header, Mode::Footer, Mode::Button] {
            assert!(modes.contains(&mode), "{mode:?} met");
        }
    }

    /// `thread_end` (searches for the first line that is neither blank nor chrome, and the
    /// last chrome before it) is the walk line by line, after every comment of every test
    /// page's section taken as the last, and with none; `footer_run_end` is its walk, for
    /// every run of up to 30 lines in the sections.
    #[test]
    fn thread_ends_and_footer_runs_by_search_are_the_walks() {
        let (mut comments_met, mut runs_met) = (0, 0);
        each_section(|splitter, text| {
            let (_, header_dates, dateless) = splitter.mode();
            let comments = splitter.header_mode(header_dates, dateless);
            for last in 0..=comments.len() {
                let comments = &comments[..last];
                assert_eq!(splitter.thread_end(comments), splitter.thread_end_walk(comments), "{text:.80}");
                comments_met += 1;
            }
            for from in splitter.start..splitter.limit {
                for to in from..(from + 30).min(splitter.limit) {
                    let exact = splitter.footer_run_walk(from, to);
                    assert_eq!(splitter.footer_run_end(from, to), exact, "{from}..{to}: {text:.80}");
                    runs_met += usize::from(exact > from + 1);
                }
            }
        });
        assert!(comments_met > 200 && runs_met > 100, "comments {comments_met}, footer runs {runs_met}");
    }

    /// `place_unplaced` (text, dates and single phrases told from the tag) reads every line
    /// of every test page's section as the kind does: the same answer, count, load-more
    /// marker and role. And the footer loops' skip is exact: a single phrase's kind is a
    /// chrome line (no votes, no `Last edited`), a blank tag's kind is blank.
    #[test]
    fn unplaced_and_footer_lines_from_tags_are_those_of_the_kinds() {
        use crate::model::Discussion;
        let (mut tagged, mut more) = (0, 0);
        each_section(|splitter, text| {
            for i in splitter.start..splitter.page.lines.len() {
                let role = splitter.page.roles[i];
                let read = |splitter: &mut Splitter<'_, '_, '_>, by_kind: bool| {
                    let mut discussion = Discussion::default();
                    let other = match by_kind {
                        true => splitter.place_unplaced_kind(i, &mut discussion),
                        false => splitter.place_unplaced(i, &mut discussion),
                    };
                    let placed = std::mem::replace(&mut splitter.page.roles[i], role);
                    (other, discussion.count, discussion.more, placed)
                };
                let fast = read(splitter, false);
                assert_eq!(fast, read(splitter, true), "line {i}: {text:.80}");
                let tag = splitter.page.lines.tag(i);
                tagged += usize::from(tag.is_in(super::super::OTHER_TAGS) || tag == Tag::Phrase);
                more += usize::from(fast.2);
                let kind = splitter.page.lines.kind(i);
                match tag {
                    Tag::Phrase => assert!(matches!(kind, Kind::Chrome(seg) if seg.is_single()), "{kind:?}"),
                    Tag::Blank => assert!(matches!(kind, Kind::Blank), "{kind:?}"),
                    _ => {}
                }
            }
        });
        assert!(tagged > 1000 && more > 5, "lines told from tags {tagged}, load-more markers {more}");
    }

    /// `is_author_candidate` (told by the part first) is the test on the kind, for every
    /// line of every test page's section, before and after the split placed lines.
    #[test]
    fn author_candidates_are_name_lines_and_numbers() {
        let exact = |splitter: &Splitter<'_, '_, '_>, p: usize| {
            let is_number = matches!(splitter.page.lines.kind(p), Kind::Number(_));
            let is_text = splitter.parts[p] == Part::Text && is_name_like(splitter.page.lines, p);
            (is_text || is_number) && splitter.page.roles[p].is_none()
        };
        let (mut candidates, mut numbers) = (0, 0);
        each_section(|splitter, text| {
            for round in 0..2 {
                for p in splitter.start..splitter.page.lines.len() {
                    let expected = exact(splitter, p);
                    assert_eq!(splitter.is_author_candidate(p), expected, "line {p}: {text:.80}");
                    candidates += usize::from(expected);
                    numbers += usize::from(expected && splitter.parts[p] == Part::Footer);
                }
                if round == 0 {
                    let (_, header_dates, dateless) = splitter.mode();
                    splitter.header_mode(header_dates, dateless);
                }
            }
        });
        assert!(candidates > 100 && numbers > 0, "candidates {candidates}, numbers {numbers}");
    }

    /// `names_author` (told from the tag) is the test on the kind, for every line of every
    /// test page's section, with every run start up to six lines above.
    #[test]
    fn author_naming_lines_from_tags_are_those_of_the_kinds() {
        let exact =
            |splitter: &Splitter<'_, '_, '_>, j: usize, run_start: usize| match splitter.page.lines.kind(j) {
                Kind::Avatar { .. } | Kind::AuthorLink { .. } | Kind::Says { .. } => true,
                Kind::Text => !splitter.prev_solid(j, run_start).is_some_and(
                    |p| matches!(splitter.page.lines.kind(p), Kind::ReplyTo { name, .. } if name.is_empty()),
                ),
                _ => false,
            };
        let mut naming = 0;
        each_section(|splitter, text| {
            for j in splitter.start..splitter.limit {
                for run_start in j.saturating_sub(6).max(splitter.start)..=j {
                    let expected = exact(splitter, j, run_start);
                    assert_eq!(splitter.names_author(j, run_start), expected, "line {j}: {text:.80}");
                    naming += usize::from(expected && splitter.parts[j] != Part::Text);
                }
            }
        });
        assert!(naming > 20, "avatars and author links met: {naming}");
    }

    /// `reply_button_in` (skipping to footer parts) finds the first reply button of a walk
    /// over every line, for every range of up to 40 lines of every test page's section.
    #[test]
    fn reply_button_search_is_the_walk() {
        let mut found = 0;
        each_section(|splitter, text| {
            for start in splitter.start..splitter.limit {
                for end in start..(start + 40).min(splitter.limit) {
                    let exact = (start..end).find(|&i| splitter.is_reply_button(i));
                    assert_eq!(splitter.reply_button_in(start..end), exact, "{start}..{end}: {text:.80}");
                    found += usize::from(exact.is_some());
                }
            }
        });
        assert!(found > 1000, "buttons found: {found}");
    }

    /// `is_reply_button` (told from the tag and the phrase number) is the test on the kind,
    /// for every line of every test page's section.
    #[test]
    fn reply_buttons_from_tags_are_those_of_the_kinds() {
        let mut buttons = 0;
        each_section(|splitter, text| {
            for i in splitter.start..splitter.page.lines.len() {
                let footer = matches!(splitter.parts[i], Part::Footer | Part::DatedFooter);
                let expected = footer
                    && match splitter.page.lines.kind(i) {
                        Kind::Chrome(seg) => seg.is_single() && seg.first().class == Class::ReplyButton,
                        Kind::LegacyFooter { .. } => true,
                        _ => false,
                    };
                assert_eq!(splitter.is_reply_button(i), expected, "line {i}: {text:.80}");
                buttons += usize::from(expected);
            }
        });
        assert!(buttons > 50, "reply buttons met: {buttons}");
    }

    /// `authors_walk`'s shortcut (the last candidate read both ways before the page's wrap
    /// width is asked) gives the walk's answer, for every line of every test page's section
    /// taken as a header's first line, with two floors; and it spares the width somewhere.
    #[test]
    fn authors_shortcut_is_the_walk() {
        let mut spared = 0;
        let sections = each_section(|splitter, text| {
            for run_start in splitter.start..splitter.limit {
                for floor in [splitter.start, run_start.saturating_sub(6).max(splitter.start)] {
                    splitter.wrap = OnceCell::new();
                    let fast = splitter.authors_walk(run_start, floor, true);
                    let width_asked = splitter.wrap.get().is_some();
                    splitter.wrap = OnceCell::new();
                    let exact = splitter.authors_walk(run_start, floor, false);
                    assert_eq!(fast, exact, "header at {run_start}, floor {floor}: {text:.80}");
                    spared += usize::from(!width_asked && splitter.wrap.get().is_some());
                }
            }
        });
        assert!(sections > 20, "the test pages have sections: {sections}");
        assert!(spared > 0, "the shortcut spared the wrap width somewhere");
    }
}

//! The comment section: its chrome, its comments, and where it ends.
//!
//! A comment is a *header* (avatar, author, role badge, status, `Reply to`, date, in the
//! order of the page's layout), a *body* (paragraphs) and a *footer* (votes, `Reply`,
//! `Last edited`). wpDiscuz 7 pages put the date in the header, so each header is found
//! from its date or reply marker ([`Mode::Header`]); legacy 4.x pages put the date last, so
//! each comment ends at its footer ([`Mode::Footer`]). Author lines are recognised by where
//! they stand: right above a header, or anywhere between a footer and the next header.

use std::borrow::Cow;
use std::ops::Range;

use super::{section, text, Page};
use crate::annotation::LineRole;
use crate::error::WarningKind;
use crate::lines::{DateToken, Kind, Line};
use crate::model::{Discussion, Posted, Span};
use crate::phrases::{self, Class};

/// A comment as found on the page, before threading.
#[derive(Debug, Clone, Default)]
pub(crate) struct FlatComment<'a> {
    /// First and last line (inclusive) of the comment.
    pub first: usize,
    pub last: usize,
    pub author: Option<&'a str>,
    pub author_url: Option<&'a str>,
    pub role: Option<&'a str>,
    /// The date line: index, token, text.
    pub date: Option<(usize, DateToken, &'a str)>,
    pub posted: Option<Posted<'a>>,
    /// The `Reply to` (or parent link) line and the name it gives.
    pub to: Option<(usize, &'a str)>,
    pub body: Vec<Cow<'a, str>>,
    pub votes: Option<i64>,
    pub edited: Option<&'a str>,
}

/// How the page delimits comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Comments start at headers found from dates and reply markers (wpDiscuz 7).
    Header,
    /// Comments end at footers that carry the date (legacy wpDiscuz 4.x).
    Footer,
    /// Comments end at their `Reply` buttons (pages whose dates a crawler dropped).
    Button,
}

/// What a line is, for splitting the section into comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Blank,
    /// A header element. `strong` ones (a comment date, `Reply to`, a parent link) always
    /// start a comment.
    Header {
        strong: bool,
    },
    /// A footer element: votes, `Reply`, `Last edited`, `Read more`, per-comment tools.
    Footer,
    /// A legacy footer that carries the comment's date.
    DatedFooter,
    /// Section chrome: form, count, sort buttons, load-more markers.
    Chrome,
    /// Plain text: an author line, a body line, or text that belongs to no comment.
    Text,
    /// Where the thread certainly ends: a markdown heading, the `wp_footer` leftovers.
    Stop,
}

fn part(line: &Line<'_>) -> Part {
    match &line.kind {
        Kind::Blank | Kind::Residue => Part::Blank,
        Kind::Date { token, .. } if section::is_comment_date(token) => Part::Header { strong: true },
        Kind::ReplyTo { .. } | Kind::ParentLink { .. } => Part::Header { strong: true },
        Kind::Avatar { .. } | Kind::AuthorLink { .. } | Kind::Share => Part::Header { strong: false },
        Kind::Chrome(seg) => match seg.first().class {
            Class::Role | Class::Status | Class::AvatarAlt if seg.is_single() => {
                Part::Header { strong: false }
            }
            Class::CommentTool if seg.phrases().all(|p| p.key.starts_with("wc_share")) => {
                Part::Header { strong: false }
            }
            Class::ReplyButton | Class::ReadMore | Class::VoteButton | Class::CommentTool => Part::Footer,
            Class::PageFooter => Part::Stop,
            _ => Part::Chrome,
        },
        Kind::Number(_) | Kind::LegacyVotes(_) | Kind::Edited => Part::Footer,
        Kind::LegacyFooter { date: Some(_), .. } => Part::DatedFooter,
        Kind::LegacyFooter { date: None, .. } => Part::Footer,
        Kind::Count(_) | Kind::RatingLine { .. } | Kind::SectionFence => Part::Chrome,
        Kind::Heading => Part::Stop,
        Kind::Text | Kind::Date { .. } | Kind::Average(_) => Part::Text,
    }
}

/// Lines that begin the thread itself: the count header, sort buttons, the inline bar, a
/// comment header.
fn is_thread_head(line: &Line<'_>, part: Part) -> bool {
    match &line.kind {
        Kind::Count(_) => true,
        Kind::Chrome(seg) => seg.phrases().any(|p| {
            matches!(p.class, Class::Sort | Class::More)
                || matches!(
                    p.key,
                    "wc_inline_feedbacks"
                        | "wc_inline_comments_view_all"
                        | "wc_sort_by"
                        | "wc_be_the_first_text"
                )
        }),
        _ => matches!(part, Part::Header { strong: true } | Part::DatedFooter),
    }
}

/// A header line that carries the comment's date.
fn is_dated(kind: &Kind<'_>) -> bool {
    matches!(kind, Kind::Date { .. } | Kind::ReplyTo { date: Some(_), .. })
}

/// Text-browser dumps hard-wrap long lines: a long text line (a pingback's page title)
/// directly followed by a short one is one author line.
const WRAP_MIN: usize = 60;

/// Author lines are one line and not too long (pingback authors are page titles).
fn is_name_like(line: &Line<'_>) -> bool {
    // No more bytes than the limit means no more characters: counting only long lines.
    let short = |text: &str| text.len() <= 200 || text.chars().count() <= 200;
    matches!(line.kind, Kind::Text) && line.count == 1 && short(line.text)
}

/// Splits the section that starts at line `start`: the discussion (without comments yet),
/// the comments in page order, and the first line after the section.
pub(crate) fn build<'a>(
    page: &mut Page<'_, 'a>,
    start: usize,
) -> (Discussion<'a>, Vec<FlatComment<'a>>, usize) {
    let parts: Vec<Part> = page.lines.iter().map(part).collect();
    // A heading ends the section once the thread has begun (before it, headings are the
    // page's own, such as an author box between the rating widget and the form); the
    // `wp_footer` leftovers end it anywhere.
    let head =
        (start..parts.len()).find(|&i| is_thread_head(&page.lines[i], parts[i])).unwrap_or(parts.len());
    let limit = (start..parts.len())
        .find(|&i| parts[i] == Part::Stop && (i > head || !matches!(page.lines[i].kind, Kind::Heading)))
        .unwrap_or(parts.len());
    let wrapped = is_hard_wrapped(page.lines);
    let mut splitter = Splitter {
        page,
        parts,
        start,
        limit,
        wrapped,
        names: Vec::new(),
        solid: Vec::new(),
        paragraphs: Vec::new(),
    };
    let mode = splitter.mode();
    let comments = match mode {
        Mode::Header => splitter.header_mode(),
        Mode::Footer | Mode::Button => splitter.footer_mode(mode),
    };
    let end = splitter.thread_end(&comments);
    let discussion = splitter.finish(&comments, end);
    (discussion, comments, end)
}

struct Splitter<'s, 'p, 'a> {
    page: &'s mut Page<'p, 'a>,
    parts: Vec<Part>,
    /// First line of the section.
    start: usize,
    /// First line after the section can possibly end (a heading, the page footer).
    limit: usize,
    /// Whether a text browser hard-wrapped the page's long lines.
    wrapped: bool,
    /// Buffers reused from comment to comment (`read_header`, `read_leading_header`, the
    /// body's paragraphs), so that a comment allocates only its body.
    names: Vec<Range<usize>>,
    solid: Vec<usize>,
    paragraphs: Vec<Range<usize>>,
}

/// The widest a hard-wrapping converter makes a line (w3m and lynx at `-cols 100`,
/// html2text at 78), with room for indentation.
const WRAP_WIDTH: usize = 110;

/// True when no text line of the page is wider than a text browser's wrap width while
/// several come close to it: the page was hard-wrapped.
fn is_hard_wrapped(lines: &[Line<'_>]) -> bool {
    // A line shorter than WRAP_MIN bytes has fewer characters: no need to count them.
    let widths = lines
        .iter()
        .filter(|l| matches!(l.kind, Kind::Text) && l.text.len() >= WRAP_MIN)
        .map(|l| l.text.chars().count());
    let (mut widest, mut long) = (0, 0);
    for width in widths {
        widest = widest.max(width);
        long += usize::from(width >= WRAP_MIN);
    }
    widest <= WRAP_WIDTH && long >= 3
}

impl<'s, 'p, 'a> Splitter<'s, 'p, 'a> {
    fn line(&self, i: usize) -> &Line<'a> {
        &self.page.lines[i]
    }

    /// The next line at or after `i` (before the limit) that is not blank or residue.
    fn next_solid(&self, i: usize) -> Option<usize> {
        (i..self.limit).find(|&j| self.parts[j] != Part::Blank)
    }

    /// The previous line before `i` (not before `floor`) that is not blank or residue.
    fn prev_solid(&self, i: usize, floor: usize) -> Option<usize> {
        (floor..i).rev().find(|&j| self.parts[j] != Part::Blank)
    }

    /// Legacy pages put the date after the body, after the vote buttons.
    fn mode(&self) -> Mode {
        let mut header_dates = 0;
        let mut footer_dates = 0;
        for i in self.start..self.limit {
            match self.parts[i] {
                Part::DatedFooter => footer_dates += 1,
                Part::Header { strong: true } if matches!(self.line(i).kind, Kind::Date { .. }) => {
                    // Legacy vote buttons just before (`Vote Up 3 Vote Down`, or its parts on
                    // lines of their own), maybe with the `Reply` button between.
                    let mut after_votes = false;
                    let mut j = i;
                    for _ in 0..5 {
                        let Some(p) = self.prev_solid(j, self.start) else { break };
                        if matches!(self.line(p).kind, Kind::LegacyVotes(_))
                            || self.line(p).is_chrome(Class::VoteButton)
                        {
                            after_votes = true;
                        }
                        if self.parts[p] != Part::Footer {
                            break;
                        }
                        j = p;
                    }
                    if after_votes {
                        footer_dates += 1;
                    } else {
                        header_dates += 1;
                    }
                }
                _ => {}
            }
        }
        if footer_dates > header_dates {
            Mode::Footer
        } else if header_dates == 0 && (self.start..self.limit).any(|i| self.is_reply_button(i)) {
            Mode::Button
        } else {
            Mode::Header
        }
    }

    /// True when the section shows no comment date at all (some crawls drop them).
    fn has_no_dates(&self) -> bool {
        !(self.start..self.limit)
            .any(|i| matches!(self.line(i).kind, Kind::Date { .. }) && self.parts[i] != Part::Text)
    }

    // ---- wpDiscuz 7: comments found from their headers ----

    fn header_mode(&mut self) -> Vec<FlatComment<'a>> {
        let dateless = self.has_no_dates();
        let mut comments: Vec<FlatComment<'a>> = Vec::new();
        let mut floor = self.start;
        let mut i = self.start;
        while i < self.limit {
            if !matches!(self.parts[i], Part::Header { .. }) {
                i += 1;
                continue;
            }
            let run = self.header_run(i);
            let strong = run.clone().any(|j| self.parts[j] == Part::Header { strong: true });
            let starts_comment = strong || (dateless && self.opens_dateless_comment(run.clone(), floor));
            if !starts_comment {
                i = run.end;
                continue;
            }
            // Author lines above the header, unless the header names its author itself (an
            // avatar or a name line opens it, as in markdown crawls).
            let named = run.clone().any(|j| match self.line(j).kind {
                Kind::Avatar { .. } | Kind::AuthorLink { .. } => true,
                // A text line is a name unless it is the one a `Reply to` line left out.
                Kind::Text => !self
                    .prev_solid(j, run.start)
                    .is_some_and(|p| matches!(self.line(p).kind, Kind::ReplyTo { name: "", .. })),
                _ => false,
            });
            let first = if named {
                self.alt_text_before(run.clone(), floor)
            } else {
                self.authors_before(run.start, floor)
            };
            let mut comment = FlatComment { first, last: run.end - 1, ..FlatComment::default() };
            self.read_header(&mut comment, first..run.end);
            comments.push(comment);
            floor = run.end;
            i = run.end;
        }
        // Bodies and footers: what lies between one header and the next.
        for k in 0..comments.len() {
            let from = comments[k].last + 1;
            let to = comments.get(k + 1).map_or(self.limit, |next| next.first);
            let last = k + 1 == comments.len();
            self.read_body(&mut comments[k], from..to, last);
        }
        comments
    }

    /// The header elements that follow one another from `i`: header lines, and text lines
    /// between them before the date (an author named between badge and date).
    fn header_run(&self, i: usize) -> Range<usize> {
        let mut end = i + 1;
        let mut has_date = is_dated(&self.line(i).kind);
        let mut wants_name = matches!(self.line(i).kind, Kind::ReplyTo { name: "", .. });
        let mut avatar = match self.line(i).kind {
            Kind::Avatar { alt } => Some(alt),
            _ => None,
        };
        let mut j = i + 1;
        while let Some(k) = self.next_solid(j) {
            match self.parts[k] {
                Part::Header { .. } => {
                    has_date |= is_dated(&self.line(k).kind);
                    wants_name = matches!(self.line(k).kind, Kind::ReplyTo { name: "", .. });
                    if let Kind::Avatar { alt } = self.line(k).kind {
                        avatar = Some(alt);
                    }
                }
                Part::Text if wants_name && is_name_like(self.line(k)) => wants_name = false,
                // The author's name under their avatar image.
                Part::Text if avatar.is_some_and(|alt| same_name(alt, self.line(k).text)) => avatar = None,
                // A name between header elements; a number can be a name (`11111`) there.
                Part::Text | Part::Footer
                    if !has_date
                        && (is_name_like(self.line(k)) || matches!(self.line(k).kind, Kind::Number(_))) =>
                {
                    let k_end = self.wrapped_end(k);
                    let followed = self
                        .next_solid(k_end + 1)
                        .is_some_and(|n| matches!(self.parts[n], Part::Header { .. }));
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

    /// The last line of a name that starts at `k`: `k + 1` when `k` is a long line that a
    /// text browser wrapped onto the next one, else `k`.
    fn wrapped_end(&self, k: usize) -> usize {
        let line = self.line(k);
        let next = k + 1;
        if self.wrapped
            && next < self.limit
            && self.parts[k] == Part::Text
            && line.text.chars().count() >= WRAP_MIN
            && self.parts[next] == Part::Text
            && is_name_like(self.line(next))
            && self.line(next).number == line.number + line.count
            && self.line(next).text.chars().count() < WRAP_MIN
        {
            next
        } else {
            k
        }
    }

    /// On pages without dates, an avatar or author link starts a comment when it follows a
    /// footer or the section's chrome (not when it is a link line inside a body).
    fn opens_dateless_comment(&self, run: Range<usize>, floor: usize) -> bool {
        let has_avatar =
            run.clone().any(|j| matches!(self.line(j).kind, Kind::Avatar { .. } | Kind::AuthorLink { .. }));
        has_avatar
            && match self.prev_solid(run.start, floor.min(run.start)) {
                None => true,
                Some(p) => matches!(self.parts[p], Part::Footer | Part::Chrome | Part::DatedFooter),
            }
    }

    /// Where a header that starts at `run_start` really starts: author lines above it.
    ///
    /// Right after a footer or section chrome, up to three text lines are the header (the
    /// author, and the avatar's alt text a converter printed before it). After body text,
    /// only a name-like line directly above the header (no blank line between) is.
    fn authors_before(&self, run_start: usize, floor: usize) -> usize {
        // Candidates, nearest first: text lines (a wrapped pair counts once), and numbers
        // (a name such as `11111`) when a `Reply` button closes the comment before.
        let mut found = [0; 3];
        let mut count = 0;
        let mut j = run_start;
        while let Some(p) = self.prev_solid(j, floor) {
            let is_number = matches!(self.line(p).kind, Kind::Number(_));
            let is_text = self.parts[p] == Part::Text && is_name_like(self.line(p));
            if !(is_text || is_number) || count == found.len() {
                break;
            }
            // The first line of a wrapped pair.
            let p = if p > floor && p > 0 && self.wrapped_end(p - 1) == p { p - 1 } else { p };
            found[count] = p;
            count += 1;
            j = p;
        }
        let mut candidates = &found[..count];
        let before = candidates.last().and_then(|&c| self.prev_solid(c, floor));
        let after_button = before.is_some_and(|b| self.is_reply_button(b));
        if !after_button {
            // Numbers are names only after a `Reply` button; before it they are votes.
            if let Some(n) = candidates.iter().position(|&c| matches!(self.line(c).kind, Kind::Number(_))) {
                candidates = &candidates[..n];
            }
        }
        let Some(&nearest) = candidates.first() else {
            return run_start;
        };
        let before = candidates.last().and_then(|&c| self.prev_solid(c, floor));
        let after_boundary = match before {
            None => floor == self.start,
            Some(b) => matches!(self.parts[b], Part::Footer | Part::DatedFooter | Part::Chrome),
        };
        if after_boundary {
            return *candidates.last().expect("non-empty");
        }
        // Otherwise only the line directly above, with no blank line between, and the same
        // name directly above it (an avatar's alt text a converter printed).
        let adjacent = |upper: usize, lower: usize| {
            let end = self.wrapped_end(upper);
            self.line(end).number + self.line(end).count == self.line(lower).number
        };
        if !adjacent(nearest, run_start) {
            return run_start;
        }
        match candidates.get(1) {
            Some(&alt)
                if adjacent(alt, nearest) && same_name(self.line(alt).text, self.line(nearest).text) =>
            {
                alt
            }
            _ => nearest,
        }
    }

    /// Where a header that names its author starts: at the run, or one line above it when
    /// that line repeats a name in the run (the avatar's alt text a converter printed before
    /// the role badge: `João Silva` / `Guest` / `João Silva`).
    fn alt_text_before(&self, run: Range<usize>, floor: usize) -> usize {
        let Some(above) = self.prev_solid(run.start, floor) else { return run.start };
        let repeats = self.parts[above] == Part::Text
            && run
                .clone()
                .any(|j| self.parts[j] == Part::Text && same_name(self.line(j).text, self.line(above).text));
        if repeats {
            above
        } else {
            run.start
        }
    }

    /// Reads the header lines `range` into `comment`.
    fn read_header(&mut self, comment: &mut FlatComment<'a>, range: Range<usize>) {
        // Name lines, a wrapped pair as one range.
        let mut names = std::mem::take(&mut self.names);
        names.clear();
        let mut avatar: Option<&'a str> = None;
        let mut wants_name: Option<usize> = None;
        for i in range {
            let line = *self.line(i);
            if line.is_blank() {
                continue;
            }
            self.page.set_role(i, LineRole::Header);
            match line.kind {
                Kind::Date { token, text } if comment.date.is_none() && self.parts[i] != Part::Text => {
                    comment.date = Some((i, token, text))
                }
                Kind::ReplyTo { name, date } if comment.to.is_none() => {
                    comment.to = Some((i, name));
                    wants_name = name.is_empty().then_some(i);
                    if let (Some((token, text)), None) = (date, comment.date) {
                        comment.date = Some((i, token, text));
                    }
                }
                Kind::ParentLink { name } if comment.to.is_none() => comment.to = Some((i, name)),
                Kind::AuthorLink { name, url } if comment.author.is_none() => {
                    comment.author = Some(name);
                    comment.author_url = Some(url);
                }
                Kind::Avatar { alt } => avatar = avatar.or(Some(alt)),
                Kind::Chrome(seg) if seg.first().class == Class::Role && comment.role.is_none() => {
                    comment.role = Some(line.text)
                }
                Kind::Text if wants_name.is_some() => {
                    comment.to = Some((wants_name.take().expect("checked"), line.text));
                }
                Kind::Text | Kind::Number(_) | Kind::Date { .. } | Kind::Average(_) => {
                    match names.last_mut() {
                        Some(last) if last.end == i && self.wrapped_end(last.start) == i => last.end = i + 1,
                        _ => names.push(i..i + 1),
                    }
                }
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
                && phrases::markers().is_anonymous(&phrases::normalize(role))
            {
                comment.author = Some(role);
                comment.role = None;
            }
        }
        if comment.author.is_none() {
            // The author line is the last name line; earlier ones repeat it (an avatar's alt
            // text) or are text that belongs to no comment.
            if let Some(last) = names.last() {
                let name = text_of(self.page, last);
                comment.author = Some(name);
                for other in &names[..names.len() - 1] {
                    if !same_name(text_of(self.page, other), name) {
                        self.page.set_roles(other.clone(), LineRole::Other);
                    }
                }
            } else if let Some(alt) = avatar {
                comment.author = Some(alt);
            }
        } else {
            for other in &names {
                if !comment.author.is_some_and(|a| same_name(text_of(self.page, other), a)) {
                    self.page.set_roles(other.clone(), LineRole::Other);
                }
            }
        }
        self.names = names;
    }

    /// Reads the body and footer of a comment from lines `range` (from the end of its
    /// header to the start of the next comment's). The footer ends at the `Reply` button
    /// when there is one; what follows it belongs to no comment. Without a button, the
    /// footer is the run of footer lines after the last text line (footer-like lines
    /// followed by text are body text, such as a number in a comment). For the last
    /// comment, the body stops at the first footer: the thread ends there.
    fn read_body(&mut self, comment: &mut FlatComment<'a>, range: Range<usize>, last: bool) {
        let is_footer = |p: Part| matches!(p, Part::Footer | Part::DatedFooter);
        let button = range.clone().find(|&i| self.is_reply_button(i));
        let (footer_start, footer_end) = match button {
            Some(b) => {
                let mut s = b;
                while s > range.start && (is_footer(self.parts[s - 1]) || self.parts[s - 1] == Part::Blank) {
                    s -= 1;
                }
                (s, b + 1)
            }
            None if last => match range.clone().find(|&i| is_footer(self.parts[i])) {
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
                let after_text =
                    range.clone().rev().find(|&i| self.parts[i] == Part::Text).map_or(range.start, |t| t + 1);
                (after_text, range.end)
            }
        };
        let mut paragraphs = std::mem::take(&mut self.paragraphs);
        text::paragraphs_into(self.page, range.start..footer_start, text::is_body_text, &mut paragraphs);
        comment.body.reserve_exact(paragraphs.len());
        for paragraph in paragraphs.drain(..) {
            self.page.set_roles(paragraph.clone(), LineRole::Body);
            comment.last = comment.last.max(paragraph.end - 1);
            comment.body.push(self.page.paragraph(paragraph));
        }
        self.paragraphs = paragraphs;
        for i in footer_start..footer_end {
            let line = *self.line(i);
            match (self.parts[i], line.kind) {
                (Part::Footer, Kind::Number(n)) => comment.votes = Some(comment.votes.unwrap_or(0) + n),
                (Part::Footer, Kind::LegacyVotes(n)) => comment.votes = Some(n),
                (Part::Footer, Kind::Edited) => comment.edited = Some(line.text),
                (Part::Footer, _) | (Part::DatedFooter, _) => {}
                _ => continue,
            }
            self.page.set_role(i, LineRole::Footer);
            comment.last = comment.last.max(i);
        }
    }

    /// The `Reply` button (or a legacy `N REPLY date` line) that closes a comment.
    fn is_reply_button(&self, i: usize) -> bool {
        match &self.line(i).kind {
            Kind::Chrome(seg) => seg.is_single() && seg.first().class == Class::ReplyButton,
            Kind::LegacyFooter { .. } => true,
            _ => false,
        }
    }

    /// The end of the footer run that starts at `from`.
    fn footer_run_end(&self, from: usize, to: usize) -> usize {
        let mut end = from;
        for i in from..to {
            match self.parts[i] {
                Part::Footer | Part::DatedFooter => end = i + 1,
                Part::Blank => {}
                _ => break,
            }
        }
        end
    }

    // ---- comments that end at their footers ----

    /// Splits the section at its comment footers: the dated footers of legacy pages
    /// ([`Mode::Footer`]) or the `Reply` buttons of pages without dates ([`Mode::Button`]).
    /// Each comment runs from the end of the previous footer to the end of its own.
    fn footer_mode(&mut self, mode: Mode) -> Vec<FlatComment<'a>> {
        let mut comments = Vec::new();
        let mut from = self.start;
        for i in self.start..self.limit {
            let ends_comment = match mode {
                Mode::Footer => match self.parts[i] {
                    Part::DatedFooter => true,
                    Part::Header { strong: true } => matches!(self.line(i).kind, Kind::Date { .. }),
                    _ => false,
                },
                _ => self.is_reply_button(i),
            };
            if !ends_comment {
                continue;
            }
            // The footer: vote lines, `Last edited`, before the closing line.
            let mut footer_first = i;
            while let Some(p) = self.prev_solid(footer_first, from) {
                // A `Reply` button stands between the votes and a legacy date; in button
                // mode one is the previous comment's end.
                if self.parts[p] == Part::Footer && (mode == Mode::Footer || !self.is_reply_button(p)) {
                    footer_first = p;
                } else {
                    break;
                }
            }
            let mut comment = FlatComment::default();
            if self.read_leading_header(&mut comment, from..footer_first) {
                let mut paragraphs = std::mem::take(&mut self.paragraphs);
                let body = comment.last + 1..footer_first;
                text::paragraphs_into(self.page, body, text::is_body_text, &mut paragraphs);
                comment.body.reserve_exact(paragraphs.len());
                for paragraph in paragraphs.drain(..) {
                    self.page.set_roles(paragraph.clone(), LineRole::Body);
                    comment.body.push(self.page.paragraph(paragraph));
                }
                self.paragraphs = paragraphs;
                for j in footer_first..=i {
                    let line = *self.line(j);
                    match line.kind {
                        Kind::Number(n) => comment.votes = Some(comment.votes.unwrap_or(0) + n),
                        Kind::LegacyVotes(n) => comment.votes = Some(n),
                        Kind::LegacyFooter { votes, date } => {
                            comment.votes = Some(votes);
                            if let Some((token, text)) = date {
                                comment.date = Some((j, token, text));
                            }
                        }
                        Kind::Date { token, text } => comment.date = Some((j, token, text)),
                        Kind::Edited => comment.edited = Some(line.text),
                        _ => {}
                    }
                    if !line.is_blank() {
                        self.page.set_role(j, LineRole::Footer);
                    }
                }
                comment.last = i;
                comments.push(comment);
            }
            from = i + 1;
        }
        comments
    }

    /// The header at the start of `range`: avatar, role badge, the author (plain or
    /// linked; its repetition as an avatar's alt text), status, reply marker, share links.
    /// The first text line that is not the author's name starts the body. Sets
    /// `comment.first` and `comment.last` to the header's lines; false when the range
    /// holds no comment.
    fn read_leading_header(&mut self, comment: &mut FlatComment<'a>, range: Range<usize>) -> bool {
        // Chrome before the header (sort bar, load-more) stays chrome; text before chrome
        // belongs to no comment.
        let begin =
            range.clone().rev().find(|&i| self.parts[i] == Part::Chrome).map_or(range.start, |c| c + 1);
        let mut solid = std::mem::take(&mut self.solid);
        solid.clear();
        solid.extend((begin..range.end).filter(|&i| self.parts[i] != Part::Blank));
        let Some(&first) = solid.first() else {
            self.solid = solid;
            return false;
        };
        comment.first = first;
        let mut header_end = None;
        let mut avatar = None;
        let mut name: Option<&'a str> = None;
        for (n, &i) in solid.iter().enumerate() {
            let line = *self.line(i);
            let is_header = match line.kind {
                Kind::Avatar { alt } => {
                    avatar = avatar.or(Some(alt));
                    true
                }
                Kind::AuthorLink { name: linked, url } if comment.author.is_none() => {
                    comment.author = Some(linked);
                    comment.author_url = Some(url);
                    true
                }
                Kind::ReplyTo { name: to, date } if comment.to.is_none() => {
                    comment.to = Some((i, to));
                    if let Some((token, text)) = date {
                        comment.date = Some((i, token, text));
                    }
                    true
                }
                Kind::ParentLink { name: to } if comment.to.is_none() => {
                    comment.to = Some((i, to));
                    true
                }
                Kind::Share => true,
                Kind::Chrome(seg) if matches!(self.parts[i], Part::Header { .. }) => {
                    if seg.first().class == Class::Role {
                        comment.role = comment.role.or(Some(line.text));
                    }
                    true
                }
                // The author's name: one line, never the last before the footer (that is a
                // comment whose author line is missing).
                Kind::Text if name.is_none() && comment.author.is_none() && is_name_like(&line) => {
                    let is_name = n + 1 < solid.len();
                    if is_name {
                        name = Some(line.text);
                    }
                    is_name
                }
                // The name again: an avatar's alt text came first.
                Kind::Text if name.or(comment.author).is_some_and(|a| same_name(a, line.text)) => {
                    if comment.author.is_none() {
                        name = Some(line.text);
                    }
                    true
                }
                _ => false,
            };
            if !is_header {
                break;
            }
            self.page.set_role(i, LineRole::Header);
            header_end = Some(i);
        }
        comment.last = header_end.unwrap_or(first.saturating_sub(1).max(begin));
        if comment.author.is_none() {
            comment.author = name.or(avatar);
        }
        self.solid = solid;
        true
    }

    // ---- the end of the thread, and what the section holds besides comments ----

    /// The first line after the section: after the last comment and any chrome right after
    /// it, or, with no comments, after the last chrome line of the section's cluster.
    fn thread_end(&self, comments: &[FlatComment<'a>]) -> usize {
        // Text between chrome lines (a consent notice in the form) is the section's own;
        // after the last comment, only chrome continues the section.
        let (from, tolerance) = match comments.last() {
            Some(c) => (c.last + 1, 0),
            None => (self.start, CHROME_GAP),
        };
        let mut end = from;
        let mut gap = 0;
        for i in from..self.limit {
            match self.parts[i] {
                Part::Blank => {}
                Part::Chrome => {
                    end = i + 1;
                    gap = 0;
                }
                Part::Stop => break,
                _ => {
                    gap += 1;
                    if gap > tolerance {
                        break;
                    }
                }
            }
        }
        end
    }

    /// Places the section's remaining lines (chrome, count, `other` text) and builds the
    /// discussion.
    fn finish(&mut self, comments: &[FlatComment<'a>], end: usize) -> Discussion<'a> {
        let mut discussion = Discussion::default();
        for i in self.start..end {
            if self.page.roles[i].is_some() {
                continue;
            }
            let line = *self.line(i);
            match line.kind {
                Kind::Count(n) => discussion.count = discussion.count.or(Some(n)),
                Kind::Number(n) if n >= 0 && discussion.count.is_none() => {
                    // A count split over two lines (`14` / `Comments`), or wpDiscuz 5's count
                    // badge before `Leave a Reply`.
                    let next = self.next_solid(i + 1).map(|j| self.line(j));
                    let is_count = next.is_some_and(|l| {
                        l.is_chrome(Class::CountWord) || l.phrase_key() == Some("form_header_text")
                    });
                    if is_count {
                        discussion.count = Some(n as u64);
                    }
                }
                Kind::Chrome(seg) if seg.any(Class::More) => discussion.more = true,
                _ => {}
            }
            if matches!(line.kind, Kind::Text | Kind::Date { .. } | Kind::Average(_) | Kind::Heading) {
                continue; // placed as `other` below
            }
            if !line.is_blank() {
                self.page.set_role(i, LineRole::Chrome);
            }
        }
        // `Load More Comments` can also sit after the thread's end, among the trailer.
        if !discussion.more {
            discussion.more = (end..self.page.lines.len())
                .any(|i| self.line(i).chrome().is_some_and(|s| s.any(Class::More)));
        }
        for paragraph in text::paragraphs(self.page, self.start..end, |_| true) {
            discussion.other.push(self.page.paragraph(paragraph.clone()));
            self.page.set_roles(paragraph, LineRole::Other);
        }
        for comment in comments {
            if comment.body.is_empty() {
                if let Some((i, _, _)) = comment.date {
                    self.page.warn(i, WarningKind::EmptyComment, "comment has a date and no body".into());
                }
            }
        }
        let last_line = (self.start..end).rev().find(|&i| !self.line(i).is_blank()).unwrap_or(self.start);
        discussion.span = Span::new(self.page.offset_of(self.line(self.start).text), {
            let l = self.line(last_line);
            self.page.offset_of(l.text) + l.text.len()
        });
        discussion
    }
}

/// How many text lines may stand between two chrome lines of a section with no comments.
const CHROME_GAP: usize = 8;

/// Two spellings of one name: equal once spacing and case are folded.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a == b || fold_name(a).eq(fold_name(b))
}

/// A name without spacing and case, for comparing spellings (compared as it is read: no
/// allocation).
pub(crate) fn fold_name(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars().filter(|&c| !crate::lines::is_blank(c)).flat_map(char::to_lowercase)
}

//! Comments that end at their footers: legacy wpDiscuz 4.x (the date after the body) and
//! pages without dates (each comment closed by its `Reply` button).

use std::ops::Range;

use super::parts::{Part, PartSet};
use super::{index32, same_name, FlatComment, Mode, Splitter};
use crate::annotation::LineRole;
use crate::lines::{self, Kind, Tag};
use crate::page::text;
use crate::phrases::Class;

impl<'a> Splitter<'_, '_, 'a> {
    /// Splits the section at its comment footers: the dated footers of legacy pages
    /// ([`Mode::Footer`]) or the `Reply` buttons of pages without dates ([`Mode::Button`]).
    /// Each comment runs from the end of the previous footer to the end of its own.
    pub(super) fn footer_mode(&mut self, mode: Mode) -> Vec<FlatComment<'a>> {
        let mut comments = Vec::new();
        let mut from = self.start;
        for i in self.start..self.limit {
            let ends_comment = match mode {
                Mode::Footer => match self.parts[i] {
                    Part::DatedFooter => true,
                    Part::StrongHeader => matches!(self.page.lines.kind(i), Kind::Date { .. }),
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
                let body = comment.last() + 1..footer_first;
                text::paragraphs_into(self.page, body, text::is_body_line, &mut paragraphs);
                comment.body = Vec::with_capacity(paragraphs.len());
                for paragraph in paragraphs.drain(..) {
                    self.page.set_roles(paragraph.clone(), LineRole::Body);
                    comment.body.push(self.page.paragraph(paragraph));
                }
                self.paragraphs = paragraphs;
                for j in footer_first..=i {
                    // Blank lines and single phrases (buttons) are told from the tag: the
                    // kind (a jump through the kinds' table) only for the others.
                    match self.page.lines.tag(j) {
                        Tag::Blank => continue,
                        Tag::Phrase => {
                            self.page.set_role(j, LineRole::Footer);
                            continue;
                        }
                        _ => {}
                    }
                    // (The kind alone: the text is read for `Last edited` only.)
                    let kind = self.page.lines.kind(j);
                    match kind {
                        Kind::Number(n) => comment.add_votes(n),
                        Kind::LegacyVotes(n) => comment.set_votes(n),
                        Kind::LegacyFooter { votes, date } => {
                            comment.set_votes(votes);
                            if let Some(date) = date {
                                comment.date = Some((index32(j), date));
                            }
                        }
                        Kind::Date { date, .. } => comment.date = Some((index32(j), date)),
                        Kind::Edited => comment.edited = self.piece(self.page.lines.text(j)),
                        _ => {}
                    }
                    if !matches!(kind, Kind::Blank) {
                        self.page.set_role(j, LineRole::Footer);
                    }
                }
                comment.last = index32(i);
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
        let chrome = self.parts.find_last(range.clone(), Part::set(&[Part::Chrome]));
        let begin = chrome.map_or(range.start, |c| c + 1);
        // The solid (not blank) lines from `begin`, read one by one up to the first that is
        // no header: the header is a few lines, the body after it many. (The splitter is an
        // argument: the loop sets roles between two calls.)
        let solid_from = |this: &Self, i: usize| this.parts.find(i..range.end, PartSet::SOLID);
        let Some(first) = solid_from(self, begin) else {
            return false;
        };
        comment.first = index32(first);
        let mut header_end = None;
        let mut avatar = None;
        let mut name: Option<&'a str> = None;
        let mut wants_to = false;
        let mut next = Some(first);
        while let Some(i) = next {
            next = solid_from(self, i + 1);
            let line = self.line(i);
            let is_header = match line.kind {
                // `Reply to` alone: a converter put the name on the next line.
                Kind::Text if wants_to => {
                    if let (Some((_, to)), Some(name)) = (comment.to.as_mut(), self.piece(line.text)) {
                        *to = name;
                    }
                    wants_to = false;
                    true
                }
                Kind::ParentLink { name: parent } if wants_to => {
                    if let (Some((_, to)), Some(name)) = (comment.to.as_mut(), self.piece(line.name(parent)))
                    {
                        *to = name;
                    }
                    wants_to = false;
                    true
                }
                Kind::Avatar { alt } => {
                    avatar = avatar.or(Some(line.name(alt)));
                    true
                }
                Kind::AuthorLink { name: linked } if comment.author.is_none() => {
                    comment.author = self.piece(line.name(linked));
                    comment.author_url = lines::author_url(line.text, linked).and_then(|url| self.piece(url));
                    true
                }
                Kind::Says { name: said } if comment.author.is_none() => {
                    comment.author = self.piece(line.name(said));
                    true
                }
                Kind::ReplyTo { name: to, date } if comment.to.is_none() => {
                    comment.to = self.piece(line.name(to)).map(|name| (index32(i), name));
                    wants_to = to.is_empty();
                    if let Some(date) = date {
                        comment.date = Some((index32(i), date));
                    }
                    true
                }
                Kind::ParentLink { name: to } if comment.to.is_none() => {
                    comment.to = self.piece(line.name(to)).map(|name| (index32(i), name));
                    true
                }
                Kind::Share => true,
                Kind::Chrome(seg) if self.parts[i].is_header() => {
                    if seg.first().class == Class::Role {
                        comment.role = comment.role.or(self.piece(line.text));
                    }
                    true
                }
                // The author's name: one line, never the last before the footer (that is a
                // comment whose author line is missing).
                // (A number is a name here too: `11111` heads a comment, votes close one.)
                Kind::Text | Kind::Number(_)
                    if name.is_none()
                        && comment.author.is_none()
                        && line.count == 1
                        && line.text.chars().count() <= 200 =>
                {
                    let is_name = next.is_some();
                    if is_name {
                        name = Some(line.text);
                    }
                    is_name
                }
                // The name again: an avatar's alt text came first.
                Kind::Text | Kind::Number(_)
                    if name.or(self.text(comment.author)).is_some_and(|a| same_name(a, line.text)) =>
                {
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
        comment.last = index32(header_end.unwrap_or(first.saturating_sub(1).max(begin)));
        if comment.author.is_none() {
            comment.author = name.or(avatar).and_then(|name| self.piece(name));
        }
        true
    }
}

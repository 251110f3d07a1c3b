//! What each line is for splitting a section into comments.

use crate::lines::{Kind, Line};
use crate::phrases::Class;

/// What a line is, for splitting the section into comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
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

pub(super) fn part(line: &Line<'_>) -> Part {
    match &line.kind {
        Kind::Blank | Kind::Residue => Part::Blank,
        Kind::Date { timed: true, .. } => Part::Header { strong: true },
        Kind::ReplyTo { .. } | Kind::ParentLink { .. } => Part::Header { strong: true },
        Kind::Avatar { .. } | Kind::AuthorLink { .. } | Kind::Says { .. } | Kind::Share => {
            Part::Header { strong: false }
        }
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
        Kind::Count(_) | Kind::CountWords | Kind::RatingLine { .. } | Kind::SectionFence => Part::Chrome,
        Kind::Heading => Part::Stop,
        Kind::Text | Kind::Date { .. } | Kind::Average(_) => Part::Text,
    }
}

/// Lines that begin the thread itself: the count header, sort buttons, the inline bar, a
/// comment header.
pub(super) fn is_thread_head(line: &Line<'_>, part: Part) -> bool {
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
pub(super) fn is_dated(kind: &Kind<'_>) -> bool {
    matches!(kind, Kind::Date { .. } | Kind::ReplyTo { date: Some(_), .. })
}

/// Text-browser dumps hard-wrap long lines: a long text line (a pingback's page title)
/// directly followed by a short one is one author line.
pub(super) const WRAP_MIN: usize = 60;

/// A line that reads as a display name rather than a sentence: a few words, not ending
/// like a sentence. Used where a line could equally be the last line of the comment above.
pub(super) fn reads_as_name(text: &str) -> bool {
    let text = text.trim_end();
    let words = text.split_whitespace().count();
    let sentence_end = text.ends_with(['.', '?', '!', '…', ':', ';', ',']);
    // Scripts written without spaces end sentences with their own marks.
    let cjk_sentence = text.ends_with(['。', '？', '！', '，']) && text.chars().count() > 5;
    // A pingback's excerpt: `[…] quoted text […]`.
    let excerpt = text.starts_with("[…]") || text.starts_with("[...]");
    let sentence = (sentence_end && words > 3) || cjk_sentence;
    words <= 24 && !sentence && !excerpt
}

/// Author lines are one line and not too long (pingback authors are page titles).
pub(super) fn is_name_like(line: &Line<'_>) -> bool {
    // No more bytes than the limit means no more characters: counting only long lines.
    let short = |text: &str| text.len() <= 200 || text.chars().count() <= 200;
    matches!(line.kind, Kind::Text) && line.count == 1 && short(line.text)
}

/// The widest a hard-wrapping converter makes a line (w3m and lynx at `-cols 100`,
/// html2text at 78), with room for indentation.
const WRAP_WIDTH: usize = 110;

/// True when no text line of the page is wider than a text browser's wrap width while
/// several come close to it: the page was hard-wrapped.
pub(super) fn is_hard_wrapped(lines: &[Line<'_>]) -> bool {
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

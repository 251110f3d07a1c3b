//! Where the comment section starts, and the rating widget.
//!
//! The section starts at its first *anchor*: a line only the comment section prints
//! (the rating widget, `Notify of`, `Inline Feedbacks`, `N Comments`, the pandoc
//! `#wpdcom` fence, ...) that more section lines confirm within a few lines. Furniture just
//! before it (`Subscribe`, `Login`) belongs to the section too.

use std::ops::Range;

use super::discussion::reads_as_name;
use super::Page;
use crate::annotation::LineRole;
use crate::error::WarningKind;
use crate::lines::{Kind, Line, LineStore, Tag};
use crate::model::Rating;
use crate::phrases::Class;

/// The regions of the page.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// First line of the comment section.
    pub section_start: Option<usize>,
    /// The rating widget.
    pub rating: Option<RatingParts>,
    /// First line of the trailing `wp_footer` leftovers (`wpDiscuz`, `Insert`, ...), or the
    /// number of lines; where the article ends on a page without a comment section.
    pub footer_start: usize,
}

/// The lines of a rating widget.
#[derive(Debug, Clone)]
pub(crate) struct RatingParts {
    /// The number lines (one `4.5 2 votes` line, or `5` / `3` / `votes`).
    pub numbers: Range<usize>,
    pub tenths: u32,
    pub votes: u64,
    /// The title line, when there is one.
    pub title: Option<usize>,
}

/// How many non-blank lines after an anchor may hold the line that confirms it.
const CONFIRM_WINDOW: usize = 12;

pub(crate) fn locate(page: &mut Page<'_, '_>) -> Layout {
    let lines = page.lines;
    let found = scan(lines, true, std::mem::take(&mut page.spare.candidates));
    let section_start = opening_line(lines, &found);
    page.spare.candidates = found.candidates;
    // A thread whose chrome the crawl dropped altogether.
    let section_start = section_start.or_else(|| first_bare_comment(lines).map(|i| extend_back(lines, i)));
    Layout { section_start, rating: found.rating, footer_start: trailing_footer_start(lines) }
}

/// Where the section starts by what [`scan`] found: its first opening candidate, or a core
/// comment above it.
fn opening_line(lines: &LineStore<'_>, found: &Scan) -> Option<usize> {
    let is_rating = |i: usize| found.rating.as_ref().is_some_and(|r| r.numbers.contains(&i));
    let section_start =
        first_opening(lines, &found.candidates).map(|c| if is_rating(c) { c } else { extend_back(lines, c) });
    // A WordPress core thread under a heading the tables do not know (a theme's own, or
    // translated) starts at its first `Name says:` line with a date below it, before the
    // comment form that follows it.
    match (section_start, found.core_comment) {
        (Some(start), Some(comment)) => Some(start.min(comment)),
        (start, comment) => start.or(comment),
    }
}

/// The line of the first candidate that opens the section ([`opens_section`]).
fn first_opening(lines: &LineStore<'_>, candidates: &[Candidate]) -> Option<usize> {
    (0..candidates.len())
        .find(|&k| opens_section(lines, candidates, k, true) == Some(true))
        .map(|k| candidates[k].line)
}

/// True when candidate `k` of `candidates` opens the section: it is not followed by the
/// article. One with far more text (and no comment) between it and the next candidate than
/// before it is page furniture above the article: a rating widget placed before the post
/// (`displayRatingOnPost` = before), a theme's `2 comments` link in the byline. (Only a page
/// with two candidates or more compares them.)
///
/// `complete`: no candidate follows the list. Otherwise (the page is still being scanned),
/// `None` when later candidates could change the answer.
fn opens_section(lines: &LineStore<'_>, candidates: &[Candidate], k: usize, complete: bool) -> Option<bool> {
    let c = candidates[k].line;
    let has_comments = |a: usize, b: usize| {
        (a..b).any(|i| match lines.kind(i) {
            Kind::Date { timed, .. } => timed,
            Kind::ReplyTo { .. } => true,
            _ => false,
        })
    };
    // wpDiscuz prints its `N Comments` after the form, so a count above the form with no
    // comment between them is a theme's count in the byline.
    let mut form_unseen = false;
    if matches!(lines.kind(c), Kind::Count(_)) {
        let form = candidates[k + 1..]
            .iter()
            .map(|later| later.line)
            .find(|&later| lines.at(later).chrome().is_some_and(|s| s.any(Class::Anchor)));
        match form {
            Some(form) if !has_comments(c, form) => return Some(false), // a byline count
            Some(_) => {}
            None => form_unseen = true,
        }
    }
    let opens = match candidates.get(k + 1) {
        Some(next) => {
            let (before, between) = (candidates[k].text_before, next.text_before - candidates[k].text_before);
            Some(between <= 2 * before || has_comments(c, next.line))
        }
        None => complete.then_some(true),
    };
    // A count whose form is not in the list yet may still turn out a byline count.
    if form_unseen && !complete && opens == Some(true) {
        return None;
    }
    opens
}

/// A place where the section could start.
pub(crate) struct Candidate {
    line: usize,
    /// Bytes of text on the lines before it.
    text_before: usize,
}

/// What one pass over the page finds for [`locate`].
struct Scan {
    /// The first rating widget ([`rating_at`]).
    rating: Option<RatingParts>,
    /// The places the section could start (the rating widget and each confirmed anchor), up
    /// to the first that opens it.
    candidates: Vec<Candidate>,
    /// The first WordPress core comment header ([`is_core_comment`]) above the candidate that
    /// settles the scan (one below it changes nothing).
    core_comment: Option<usize>,
}

/// Reads the page once for the rating widget, the section candidates and the first core
/// comment (one pass instead of one per question: most lines are text, decided at a glance).
/// With `settle`, candidates and core comments are looked for only until a candidate is
/// known to open the section ([`opens_section`]): the anchors below it (most of a page's
/// chrome, in the section) change nothing, nor does a core comment below it (the section
/// starts at the earlier of the two), and the rest of the page is read by its records' tags
/// alone, for a rating widget. The candidates go to `candidates` (cleared first, a reused
/// buffer).
fn scan(lines: &LineStore<'_>, settle: bool, mut candidates: Vec<Candidate>) -> Scan {
    candidates.clear();
    let mut found = Scan { rating: None, candidates, core_comment: None };
    let mut text_before = 0;
    // The first candidate not known yet not to open the section.
    let mut undecided = 0;
    for i in 0..lines.len() {
        let before = text_before;
        text_before += lines.text_len(i);
        let tag = lines.tag(i);
        if matches!(tag, Tag::Text | Tag::Blank) {
            continue; // none of the questions below
        }
        if found.rating.is_none() && may_open_rating(tag) {
            found.rating = rating_at(lines, i);
        }
        if found.core_comment.is_none() && is_core_comment(lines, i) {
            found.core_comment = Some(i);
        }
        let is_candidate = match &found.rating {
            Some(r) if r.numbers.contains(&i) => {
                r.numbers.start == i && is_confirmed(lines, r.title.unwrap_or(r.numbers.end - 1))
            }
            _ => is_anchor(lines, i) && is_confirmed(lines, i),
        };
        if !is_candidate {
            continue;
        }
        found.candidates.push(Candidate { line: i, text_before: before });
        while undecided < found.candidates.len() {
            match opens_section(lines, &found.candidates, undecided, false) {
                Some(true) if settle => {
                    if found.rating.is_none() {
                        found.rating = first_rating(lines, i + 1);
                    }
                    return found;
                }
                Some(true) => break,
                Some(false) => undecided += 1,
                None => break,
            }
        }
    }
    found
}

/// True for the tags of the lines a rating widget opens with ([`rating_at`]): `RatingLine`,
/// `Number` and `Average` (kinds whose data does not fit a record are `Extra`). Rules most
/// lines out without their kind.
fn may_open_rating(tag: Tag) -> bool {
    matches!(tag, Tag::Number | Tag::Average | Tag::Extra)
}

/// The first rating widget from line `from` on.
fn first_rating(lines: &LineStore<'_>, from: usize) -> Option<RatingParts> {
    (from..lines.len()).filter(|&i| may_open_rating(lines.tag(i))).find_map(|i| rating_at(lines, i))
}

/// A WordPress core comment header at `i`: a `Name says:` line, and a comment date on the
/// next line that is not blank.
fn is_core_comment(lines: &LineStore<'_>, i: usize) -> bool {
    matches!(lines.kind(i), Kind::Says { .. })
        && (i + 1..lines.len())
            .find(|&j| !lines.is_blank(j))
            .is_some_and(|j| matches!(lines.kind(j), Kind::Date { timed: true, .. }))
}

/// True for a line that only a comment section prints.
fn is_anchor(lines: &LineStore<'_>, i: usize) -> bool {
    match lines.kind(i) {
        Kind::SectionFence | Kind::Count(_) => true,
        // A count split over two lines: `14` / `Comments`.
        Kind::Number(n) if n >= 0 => {
            (i + 1..lines.len()).find(|&j| !lines.is_blank(j)).is_some_and(|j| lines.at(j).is_count_words())
        }
        Kind::Chrome(seg) if seg.any(Class::Anchor) => true,
        // The sort buttons (`Oldest` / `Newest` / `Most Voted`), together, are the thread's
        // head when a page shows nothing else of the section.
        Kind::Chrome(seg) if seg.all(Class::Sort) => {
            let next = (i + 1..lines.len()).find(|&j| !lines.is_blank(j));
            !seg.is_single() || next.is_some_and(|j| lines.at(j).is_chrome(Class::Sort))
        }
        _ => false,
    }
}

/// True when another section line follows within a few lines, or the page ends first.
fn is_confirmed(lines: &LineStore<'_>, i: usize) -> bool {
    let mut seen = 0;
    for line in (i + 1..lines.len()).map(|j| lines.at(j)) {
        if line.is_blank() || matches!(line.kind, Kind::Residue) {
            continue;
        }
        if is_section_signal(&line) {
            return true;
        }
        seen += 1;
        if seen >= CONFIRM_WINDOW {
            return false;
        }
    }
    true
}

/// Lines that make a nearby anchor believable.
fn is_section_signal(line: &Line<'_>) -> bool {
    match &line.kind {
        Kind::Chrome(seg) => !seg.all(Class::PageFooter),
        Kind::Count(_)
        | Kind::CountWords
        | Kind::RatingLine { .. }
        | Kind::ReplyTo { .. }
        | Kind::SectionFence => true,
        Kind::LegacyVotes(_) | Kind::LegacyFooter { .. } | Kind::ParentLink { .. } => true,
        Kind::Date { timed, .. } => *timed,
        _ => false,
    }
}

/// Comments that close with a `Reply` button, the fewest that make a thread without chrome;
/// one more where only vote numbers close them (a number is weaker evidence), and one more
/// again where only their headers (a name line above a comment date) and a `Reply to`
/// marker show them.
const BARE_THREAD_MIN: usize = 2;

/// The most lines (not counting blank ones) from one comment header to the next for the
/// two to count as a thread's.
const HEADER_GAP: usize = 20;

/// Lines (not counting blank ones) at the top of a page where a name and a date are the
/// article's byline: a title, a name, a date, maybe a category.
const BYLINE_LINES: usize = 5;

/// A thread that prints no count, form or sort bar (the crawl dropped them): where its first
/// comment starts, when enough comment dates are each followed by a footer (a `Reply`
/// button, or a vote number) before the next date, or stand under a name in a thread that
/// has a `Reply to` marker.
fn first_bare_comment(lines: &LineStore<'_>) -> Option<usize> {
    let mut first = None;
    let (mut by_button, mut by_votes, mut headers, mut markers) = (0, 0, 0, 0);
    let mut open_date: Option<usize> = None;
    let mut previous: Option<usize> = None;
    // The last header's date line, and how many lines that are not blank came before it:
    // only headers close to each other count (a byline above the article is no comment).
    let mut last_header: Option<(usize, usize)> = None;
    let mut solid = 0;
    for (i, kind) in lines.kinds().enumerate() {
        let button = matches!(kind, Kind::Chrome(seg) if seg.is_single() && seg.first().class == Class::ReplyButton)
            || matches!(kind, Kind::LegacyFooter { .. });
        let votes = matches!(kind, Kind::Number(_) | Kind::LegacyVotes(_));
        match kind {
            Kind::Blank | Kind::Residue => continue,
            Kind::Date { timed: true, .. } | Kind::ReplyTo { date: Some(_), .. } => {
                open_date = Some(i);
                let named = previous.is_some_and(|p| match lines.kind(p) {
                    Kind::Text => lines.text(p).len() <= 200 && reads_as_name(lines.text(p)),
                    Kind::Avatar { .. } | Kind::AuthorLink { .. } | Kind::Says { .. } => true,
                    _ => false,
                });
                // A name and a date among the page's first lines are the article's byline.
                if named && solid >= BYLINE_LINES {
                    if let Some((date, _)) = last_header.filter(|&(_, at)| solid - at <= HEADER_GAP) {
                        first = Some(first.unwrap_or(date).min(date));
                        headers += 1;
                    }
                    last_header = Some((i, solid));
                }
            }
            _ if button || votes => {
                if let Some(date) = open_date.take() {
                    first = Some(first.unwrap_or(date).min(date));
                    by_button += usize::from(button);
                    by_votes += usize::from(votes);
                }
            }
            _ => {}
        }
        markers += usize::from(matches!(kind, Kind::ReplyTo { .. }));
        previous = Some(i);
        solid += 1;
        let closed = by_button >= BARE_THREAD_MIN || by_button + by_votes > BARE_THREAD_MIN;
        if closed || (headers > BARE_THREAD_MIN && markers > 0) {
            return first.map(|date| header_start(lines, date));
        }
    }
    None
}

/// The first line of the header that comment date `date` belongs to: the avatar, badge and
/// name lines right above it (a name printed twice, as an avatar's alt text and as the name,
/// counts once).
fn header_start(lines: &LineStore<'_>, date: usize) -> usize {
    let mut start = date;
    let mut name: Option<&str> = None;
    for j in (0..date).rev() {
        let line = &lines.at(j);
        let header = match &line.kind {
            Kind::Blank | Kind::Residue => continue,
            Kind::Avatar { .. }
            | Kind::AuthorLink { .. }
            | Kind::Says { .. }
            | Kind::ParentLink { .. }
            | Kind::Share => true,
            Kind::Chrome(seg) => {
                seg.is_single() && matches!(seg.first().class, Class::Role | Class::Status | Class::AvatarAlt)
            }
            Kind::ReplyTo { .. } => true,
            // A name (a pingback's page title too), or the same name again above it (an
            // avatar's alt text).
            Kind::Text => {
                let fits = match name {
                    None => line.text.len() <= 200 && reads_as_name(line.text),
                    Some(below) => below == line.text,
                };
                name = name.or(Some(line.text));
                fits
            }
            _ => false,
        };
        if !header {
            break;
        }
        start = j;
    }
    start
}

/// Walks back from anchor `i` over section furniture (`Subscribe`, `Login`, residue).
fn extend_back(lines: &LineStore<'_>, i: usize) -> usize {
    let mut start = i;
    let mut j = i;
    while j > 0 {
        j -= 1;
        let line = lines.at(j);
        match line.kind {
            Kind::Blank => {}
            // Residue between the article and the form (the form avatar's `guest`, `__`),
            // unless it closes the paragraph right above it (a pandoc `:::`).
            Kind::Residue if j > 0 && matches!(lines.kind(j - 1), Kind::Text | Kind::Heading) => break,
            Kind::Residue => start = j,
            Kind::Chrome(seg)
                if seg.phrases().all(|p| matches!(p.class, Class::Form | Class::Anchor | Class::Sort)) =>
            {
                start = j
            }
            // The legacy count line (`12 Comments on "Title"`), and `Leave a Reply` above
            // it where a language words it as its `Reply` button (Armenian).
            Kind::Count(_) => start = j,
            Kind::Chrome(seg) if seg.first().class == Class::ReplyButton && start == j + 1 => start = j,
            // wpDiscuz 5's count badge just before `Leave a Reply`, pandoc's fences between
            // them (`[2]{.wpdtc}` / `:::` / `::: wpd-cc-arrow` / `:::` / `Leave a Reply`).
            Kind::Number(n) if n >= 0 && is_form_header_next(lines, j) => start = j,
            _ => break,
        }
    }
    start
}

/// True when the next line after `i` that is neither blank nor residue is the legacy form's
/// heading, `Leave a Reply` (wpDiscuz 5 prints its count badge right above it).
fn is_form_header_next(lines: &LineStore<'_>, i: usize) -> bool {
    next_part(lines, i + 1).is_some_and(|k| lines.at(k).phrase_key() == Some("form_header_text"))
}

/// The rating widget whose numbers start at line `i`: `4.5 2 votes` (or its parts on
/// separate lines), then the title line.
fn rating_at(lines: &LineStore<'_>, i: usize) -> Option<RatingParts> {
    let next = |from: usize| next_part(lines, from);
    let (numbers, tenths, votes) = match lines.kind(i) {
        Kind::RatingLine { tenths, votes } => (i..i + 1, tenths, votes),
        // Split widget: `5` / `3` / `votes`, or `4.5` / `2` / `votes`.
        Kind::Number(n) if (0..=5).contains(&n) => {
            let (end, votes) = split_rating(lines, i)?;
            (i..end, n as u32 * 10, votes)
        }
        Kind::Average(tenths) => {
            let (end, votes) = split_rating(lines, i)?;
            (i..end, tenths, votes)
        }
        _ => return None,
    };
    let title = next(numbers.end).filter(|&t| is_rating_title(&lines.at(t)));
    Some(RatingParts { numbers, tenths, votes, title })
}

/// The vote count and word after a split widget's average at `i`: (end of the parts, votes).
fn split_rating(lines: &LineStore<'_>, i: usize) -> Option<(usize, u64)> {
    let next = |from: usize| next_part(lines, from);
    let j = next(i + 1)?;
    let Kind::Number(votes) = lines.kind(j) else {
        return None;
    };
    let k = next(j + 1)?;
    (lines.at(k).is_chrome(Class::VoteWord) && votes >= 0).then_some((k + 1, votes as u64))
}

/// The next line of the rating widget at or after `from`: blank lines and residue skipped,
/// as pandoc closes and opens a fenced div (`:::`, `::: wpd-rating-title`) between the
/// numbers and the title.
fn next_part(lines: &LineStore<'_>, from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !matches!(lines.kind(j), Kind::Blank | Kind::Residue))
}

/// The title under the rating numbers: `Article Rating`, a translation, or a custom title
/// (any short text line).
fn is_rating_title(line: &Line<'_>) -> bool {
    match &line.kind {
        Kind::Chrome(seg) => seg.all(Class::RatingTitle),
        Kind::Text => line.count == 1 && line.text.chars().count() <= 80,
        _ => false,
    }
}

/// Builds the rating and places its lines.
pub(crate) fn rating<'a>(page: &mut Page<'_, 'a>, parts: &RatingParts) -> Rating<'a> {
    let end = parts.title.map_or(parts.numbers.end, |t| t + 1);
    for i in parts.numbers.start..end {
        if !page.lines.is_blank(i) {
            page.set_role(i, LineRole::Rating);
        }
    }
    let span = page.span_of(parts.numbers.start..end);
    let title = match parts.title {
        Some(t) => std::borrow::Cow::Borrowed(page.lines.text(t)),
        None => {
            page.warn(parts.numbers.end - 1, WarningKind::BadRating, "rating widget has no title".into());
            std::borrow::Cow::Borrowed("")
        }
    };
    if parts.tenths > 50 {
        let average = match parts.tenths % 10 {
            0 => format!("{}", parts.tenths / 10),
            tenth => format!("{}.{tenth}", parts.tenths / 10),
        };
        let message = format!("rating average {average} is over 5");
        page.warn(parts.numbers.start, WarningKind::BadRating, message);
    }
    Rating { average: f64::from(parts.tenths) / 10.0, votes: parts.votes, title, span }
}

/// Where the trailing `wp_footer` leftovers start: the last run of `PageFooter` chrome
/// (with blanks and residue) that reaches the end of the page.
fn trailing_footer_start(lines: &LineStore<'_>) -> usize {
    let mut start = lines.len();
    for (i, kind) in lines.kinds().enumerate().rev() {
        match kind {
            Kind::Blank | Kind::Residue => {}
            Kind::Chrome(seg) if seg.all(Class::PageFooter) => start = i,
            _ => break,
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `scan` stops looking for candidates and core comments once a candidate opens the
    /// section: over every test page, the section starts where a scan of the whole page puts
    /// it, with the same rating widget.
    #[test]
    fn a_settled_scan_finds_what_a_full_scan_finds() {
        let mut compared = 0;
        for page in crate::test_pages::pages() {
            let start = crate::input::content_start(&page);
            let lines = crate::lines::classify_all(&page, start).lines;
            let (full, settled) = (scan(&lines, false, Vec::new()), scan(&lines, true, Vec::new()));
            assert_eq!(
                opening_line(&lines, &settled),
                opening_line(&lines, &full),
                "{}",
                &page[..page.len().min(200)]
            );
            let numbers = |scan: &Scan| scan.rating.as_ref().map(|r| (r.numbers.clone(), r.title));
            assert_eq!(numbers(&settled), numbers(&full));
            compared += usize::from(settled.candidates.len() < full.candidates.len());
        }
        assert!(compared > 20, "the scan settles early on most pages: {compared}");
    }

    /// The tags `scan` lets through to [`rating_at`] are those of every kind a widget opens
    /// with: a kind of another tag would be skipped unseen, by the settled and the full scan
    /// alike (so their differential test cannot tell).
    #[test]
    fn rating_tags_are_the_tags_of_the_widget_kinds() {
        let input = "x";
        let mut lines = LineStore::with_capacity(input, 64, 1);
        let kinds = crate::lines::every_kind();
        for (number, &kind) in kinds.iter().enumerate() {
            lines.push(Line::new(input, 1, kind), number + 1);
        }
        let mut widget_kinds = 0;
        for (i, kind) in kinds.iter().enumerate() {
            if matches!(kind, Kind::RatingLine { .. } | Kind::Number(_) | Kind::Average(_)) {
                widget_kinds += 1;
                assert!(may_open_rating(lines.tag(i)), "{kind:?}");
            }
        }
        assert!(widget_kinds >= 3, "every widget kind is among the kinds: {widget_kinds}");
    }

    /// A rating widget below the candidate that settles the scan is still the page's.
    #[test]
    fn a_settled_scan_finds_a_rating_widget_below_the_section_start() {
        let page = "The article.\n\n2 Comments\n\nNotify of\n\nOldest\nNewest\nMost Voted\n\n\
                    Frank\n20-08-21 17:27\n\nFirst comment.\n\n4.5 2 votes\nArticle Rating\n";
        let lines = crate::lines::classify_all(page, 0).lines;
        let (full, settled) = (scan(&lines, false, Vec::new()), scan(&lines, true, Vec::new()));
        assert!(settled.candidates.len() < full.candidates.len(), "the scan settles before the widget");
        let numbers = |scan: &Scan| scan.rating.as_ref().map(|r| (r.numbers.clone(), r.title));
        assert!(numbers(&settled).is_some());
        assert_eq!(numbers(&settled), numbers(&full));
    }

    #[test]
    fn a_count_badge_behind_pandoc_fences_counts() {
        // pandoc, wpDiscuz 5: the badge's number, fences, then the form's heading.
        let page = "The article.\n\n::: {#wpcomm .wpd-default}\n::: wpdiscuz-comment-count\n::: wpd-cc-value\n[2]{.wpdtc}\n:::\n\n\
                    ::: wpd-cc-arrow\n:::\n:::\n\nLeave a Reply\n\nFrank\n20-08-21 17:27\n\nFirst comment.\n\n\
                    Jane\n21-08-21 10:00\n\nSecond comment.\n";
        let dump = crate::parse(page).unwrap();
        let discussion = dump.discussion.expect("a discussion");
        assert_eq!(discussion.count, Some(2));
        assert_eq!(discussion.comments.len(), 2);
        assert_eq!(dump.article.paragraphs.len(), 1, "{:?}", dump.article.paragraphs);
    }

    #[test]
    fn a_rating_title_behind_pandoc_fences_is_the_title() {
        let page = "The article.\n\n::: wpd-rating-value\n[4.5]{.wpdrv} [2]{.wpdrc} [votes]{.wpdrt}\n:::\n\n\
                    ::: wpd-rating-title\nArticle Rating\n:::\n\nFrank\n20-08-21 17:27\n\nFirst comment.\n";
        let dump = crate::parse(page).unwrap();
        let rating = dump.rating.expect("a rating");
        assert_eq!((rating.average, rating.votes, &*rating.title), (4.5, 2, "Article Rating"));
        assert!(dump.warnings.is_empty(), "{:?}", dump.warnings);
    }
}

//! The article: everything before the comment section.

use std::ops::Range;
use std::sync::OnceLock;

use super::{text, Page};
use crate::annotation::LineRole;
use crate::lines::{Kind, Line, LineStore, Tag};
use crate::model::{Article, Span};

/// Builds the article from lines `range` (those not already placed, e.g. a rating widget).
pub(crate) fn build<'a>(page: &mut Page<'_, 'a>, range: Range<usize>, content_start: usize) -> Article<'a> {
    let mut article = Article { span: Span::new(content_start, content_start), ..Article::default() };
    let first = range.clone().find(|&i| page.roles[i].is_none());
    if let Some(i) = first {
        if let Ok((_, (1, title))) = crate::lines::heading(page.lines.text(i)) {
            article.title = Some(std::borrow::Cow::Borrowed(title));
            page.set_role(i, LineRole::Title);
        }
    }
    mark_tail_chrome(page, range.clone());
    // Converter residue (`__` icon glyphs, empty form widgets) is no article text; other
    // markup-only lines (`{`, `:::`) may be code or structure and stay.
    // Only a residue line can be: any other kind was given to a line with words left once
    // residue is stripped (`article_icon_residue_lines_are_residue_lines`).
    for i in range.clone() {
        if page.lines.tag(i) == Tag::Residue
            && page.roles[i].is_none()
            && crate::lines::is_icon_residue(page.lines.text(i))
        {
            page.set_role(i, LineRole::Chrome);
        }
    }
    let (mut paragraphs, mut furniture) =
        (std::mem::take(&mut page.spare.paragraphs), std::mem::take(&mut page.spare.furniture));
    text::paragraphs_into(page, range.clone(), |_, _| true, &mut paragraphs);
    split_furniture(page, &mut paragraphs, &mut furniture);
    if let Some(last) = paragraphs.last() {
        if last.len() == 1 && paragraphs.len() > 1 && is_credit_line(&page.lines.at(last.start)) {
            article.source = Some(page.paragraph(last.clone()));
            page.set_role(last.start, LineRole::Source);
            paragraphs.pop();
        }
    }
    // (Exact sizes: no growth, and no spare room kept with the dump.)
    article.paragraphs.reserve_exact(paragraphs.len());
    for paragraph in &paragraphs {
        article.paragraphs.push(page.paragraph(paragraph.clone()));
        page.set_roles(paragraph.clone(), LineRole::Article);
    }
    article.furniture.reserve_exact(furniture.len());
    for paragraph in furniture.drain(..) {
        article.furniture.push(page.paragraph(paragraph.clone()));
        page.set_roles(paragraph, LineRole::Furniture);
    }
    (page.spare.paragraphs, page.spare.furniture) = (paragraphs, furniture);
    let placed = |i: &usize| {
        matches!(
            page.roles[*i],
            Some(LineRole::Title | LineRole::Article | LineRole::Source | LineRole::Furniture)
        )
    };
    if let (Some(a), Some(b)) = (range.clone().find(placed), range.rev().find(placed)) {
        article.span = page.span_of(a..b + 1);
    }
    article
}

/// A paragraph of prose has at least this many words...
const PROSE_WORDS: usize = 25;
/// ...and this many per line, on average (a list of titles or links has fewer).
const PROSE_LINE_WORDS: usize = 5;

/// Lines between the article's last paragraph of prose and the comment section that are
/// phrases of the tables (share buttons, `Email`, `Subscribe` among related links and
/// author boxes) are chrome, not article text (nor [`split_furniture`]'s furniture).
fn mark_tail_chrome(page: &mut Page<'_, '_>, range: Range<usize>) {
    // Without an unplaced chrome line there is nothing to mark: no words to count.
    let is_unplaced_chrome =
        |page: &Page<'_, '_>, i: usize| page.roles[i].is_none() && is_chrome_line(page.lines, i);
    if !range.clone().any(|i| is_unplaced_chrome(page, i)) {
        return;
    }
    let mut tail = range.start;
    let mut words = 0;
    for i in range.clone().rev() {
        if page.lines.is_blank(i) {
            words = 0;
            continue;
        }
        words += count_words(page.lines.text(i), PROSE_WORDS - words);
        if words >= PROSE_WORDS {
            // The paragraph this line belongs to is prose: the tail starts after it.
            tail = (i..range.end).find(|&j| page.lines.is_blank(j)).unwrap_or(range.end);
            break;
        }
    }
    for i in tail..range.end {
        if is_unplaced_chrome(page, i) {
            page.set_role(i, LineRole::Chrome);
        }
    }
}

/// True when line `i` is chrome ([`Kind::Chrome`]), told from its record's tag: a single
/// phrase has a tag of its own; only a line kept beside the records has its kind built.
fn is_chrome_line(lines: &LineStore<'_>, i: usize) -> bool {
    match lines.tag(i) {
        Tag::Phrase => true,
        Tag::Extra => matches!(lines.kind(i), Kind::Chrome(_)),
        _ => false,
    }
}

/// Takes the page furniture off the end of the article's `paragraphs` into `furniture`
/// (cleared first, a reused buffer): from the first paragraph that opens with a furniture
/// label ([`opens_furniture`]: `Tags:`, `Related Posts`, `Next Post`) on, when more prose
/// stands before it than after it (a label early in a long article is the article's); then
/// the share links, labels and wordless markup that close the body with no blank line
/// between ([`closes_body`]), and what a label line within the last paragraphs opens
/// ([`label_within`]).
fn split_furniture(
    page: &Page<'_, '_>,
    paragraphs: &mut Vec<Range<usize>>,
    furniture: &mut Vec<Range<usize>>,
) {
    furniture.clear();
    // Prose: enough words, in lines of several words (not a list of links or titles).
    let is_prose = |p: &Range<usize>| {
        let enough = PROSE_WORDS.max(PROSE_LINE_WORDS * p.len());
        let mut words = 0;
        for i in p.clone() {
            words += count_words(page.lines.text(i), enough - words);
            if words >= enough {
                return true;
            }
        }
        false
    };
    let opens = |p: &Range<usize>| {
        let opening = (p.start..p.end).find(|&i| !page.lines.text(i).starts_with(":::"));
        opening.is_some_and(|i| opens_furniture(page.lines.text(i)))
    };
    // The first label with more prose before it than after it. Prose is counted only on a
    // page with a label (most have none), after the label to the end, and before it only as
    // far as it takes to outnumber that.
    let mut cut = None;
    if let Some(first) = paragraphs.iter().position(opens) {
        let mut after = paragraphs[first + 1..].iter().filter(|p| is_prose(p)).count();
        let (mut before, mut counted) = (0, 0);
        for (k, paragraph) in paragraphs.iter().enumerate().skip(first) {
            if k > first && is_prose(paragraph) {
                after -= 1;
            }
            if !opens(paragraph) {
                continue;
            }
            while before <= after && counted < k {
                before += usize::from(is_prose(&paragraphs[counted]));
                counted += 1;
            }
            if before > after {
                cut = Some(k);
                break;
            }
        }
    }
    // Built from its end: what is taken off the body goes before what was taken earlier.
    if let Some(k) = cut {
        furniture.extend(paragraphs.drain(k..));
    }
    // Link cards (`[` / `#### Next post's title` / `](url)`) at the end of the body.
    while let Some(card) = trailing_link_card(page, paragraphs) {
        furniture.splice(0..0, paragraphs.drain(card..));
    }
    // A promotion the theme printed above the post too.
    if let Some(repeats) = trailing_repeats(page, paragraphs, &is_prose) {
        furniture.splice(0..0, paragraphs.drain(repeats..));
    }
    // Share links and fences at the end of the body, the body's first line always kept.
    loop {
        let several = paragraphs.len() > 1;
        let Some(last) = paragraphs.last_mut() else { break };
        let keep = (last.start..last.end).rev().find(|&i| !closes_body(&page.lines.at(i)));
        let end = match keep {
            Some(i) => i + 1,
            None if several => last.start,
            None => last.start + 1,
        };
        if end == last.end {
            // Nothing closes the body: furniture may still start at a label line within the
            // last paragraphs, and what closes the body before it goes too.
            let Some((k, at)) = label_within(page, paragraphs, &is_prose) else { break };
            let moved = std::iter::once(at..paragraphs[k].end).chain(paragraphs.drain(k + 1..));
            furniture.splice(0..0, moved);
            paragraphs[k].end = at;
            continue;
        }
        furniture.insert(0, end..last.end);
        last.end = end;
        if last.start == last.end {
            paragraphs.pop();
        }
    }
}

/// Where furniture that a label line opens (`### About the Author`, `→ Related posts:`)
/// starts within the body's last paragraphs, as (paragraph, line): converters that keep no
/// blank line between blocks glue an author box or a list of related posts to the body. In
/// the last paragraph, or in the one before it when the last is no prose (an author box
/// after the list); not on a paragraph's first line ([`split_furniture`] weighs whole
/// paragraphs), and only with more prose before the label than after it, as for a label
/// that opens a paragraph.
fn label_within(
    page: &Page<'_, '_>,
    paragraphs: &[Range<usize>],
    is_prose: &impl Fn(&Range<usize>) -> bool,
) -> Option<(usize, usize)> {
    let label_in = |k: usize| {
        let p = &paragraphs[k];
        (p.start + 1..p.end).find(|&i| is_label_line(page.lines.text(i))).map(|at| (k, at))
    };
    let last = paragraphs.len().checked_sub(1)?;
    // (Prose is weighed only past a label: most paragraphs have none.)
    let (k, at) = match label_in(last) {
        Some(found) => found,
        None if last > 0 => label_in(last - 1).filter(|_| !is_prose(&paragraphs[last]))?,
        None => return None,
    };
    let after = usize::from(is_prose(&(at..paragraphs[k].end)))
        + paragraphs[k + 1..].iter().filter(|p| is_prose(p)).count();
    let head = paragraphs[k].start..at;
    let before = paragraphs[..k].iter().chain([&head]).filter(|p| is_prose(p)).take(after + 1).count();
    (before > after).then_some((k, at))
}

/// A line that opens furniture within a paragraph: a markdown heading that is a furniture
/// label ([`opens_furniture`]: `### About the Author`), or a label that introduces a list
/// (`Related posts:`, `→ D’autres articles qui pourraient vous intéresser :`).
fn is_label_line(text: &str) -> bool {
    if text.starts_with('#') {
        crate::lines::heading(text).is_ok() && opens_furniture(text)
    } else {
        text.ends_with(':') && opens_furniture(text)
    }
}

/// The fewest words of a paragraph that [`trailing_repeats`] takes for a repeat: a repeated
/// `}` or `* * *` is the article's own.
const MIN_REPEATED_WORDS: usize = 3;

/// Where the paragraphs that end `paragraphs` and repeat, word for word, paragraphs printed
/// earlier with prose between start, when the body's last line holds a link: a call to
/// action that a theme prints above and below the post (`### The price will rise` /
/// `**[>>> GET ACCESS NOW](/course)**`). Line breaks and emphasis may differ (a converter
/// wraps each copy in its own markup).
fn trailing_repeats(
    page: &Page<'_, '_>,
    paragraphs: &[Range<usize>],
    is_prose: &impl Fn(&Range<usize>) -> bool,
) -> Option<usize> {
    // A promotion ends with its link (a sentence the author repeats need not link): most
    // articles end with no link, and are ruled out at their last line.
    let last = paragraphs.last()?;
    if !has_link(page.lines.text(last.end - 1)) {
        return None;
    }
    // Words without the emphasis around them (`**The`, `December:****`): each copy may
    // carry its own.
    let words = |p: &Range<usize>| {
        p.clone()
            .flat_map(|i| page.lines.text(i).split_whitespace())
            .map(|word| word.trim_matches(['*', '_']))
            .filter(|word| !word.is_empty())
    };
    let tail = |p: &Range<usize>| last_word_tail(page.lines.text(p.end - 1));
    let mut start = paragraphs.len();
    while start > 1 {
        let (k, candidate) = (start - 1, &paragraphs[start - 1]);
        if words(candidate).nth(MIN_REPEATED_WORDS - 1).is_none() {
            break;
        }
        // Most paragraphs are told from the candidate by the end of their last word.
        let key = tail(candidate);
        let is_copy = |copy: &Range<usize>| tail(copy) == key && words(copy).eq(words(candidate));
        let copied_above_prose =
            (0..k).any(|copy| is_copy(&paragraphs[copy]) && paragraphs[copy + 1..k].iter().any(is_prose));
        if !copied_above_prose {
            break;
        }
        start = k;
    }
    (start < paragraphs.len()).then_some(start)
}

/// The last bytes of `text`'s last word, at most eight, without the emphasis around them:
/// lines that end with the same word (`NOW**`, `NOW`) have the same tail, read from a few
/// bytes.
fn last_word_tail(text: &str) -> &[u8] {
    let end = text.trim_end_matches(['*', '_', ' ', '\t']).as_bytes();
    let window = &end[end.len().saturating_sub(8)..];
    let word = window.iter().rposition(u8::is_ascii_whitespace).map_or(window, |space| &window[space + 1..]);
    let emphasis = word.iter().take_while(|&&byte| byte == b'*' || byte == b'_').count();
    &word[emphasis..]
}

/// True when `text` holds a link: a markdown link's target (`](`) or a web address (`://`).
fn has_link(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b']', b':', bytes).any(|at| match bytes[at] {
        b']' => bytes.get(at + 1) == Some(&b'('),
        _ => bytes[at + 1..].starts_with(b"//"),
    })
}

/// The longest link card, in paragraphs.
const MAX_CARD_PARAGRAPHS: usize = 4;

/// Where a link card that ends `paragraphs` starts: a markdown link whose text a converter
/// spread over paragraphs (`[`, a heading or an image, `](url)`), as themes print the next
/// or a related post. Never the first paragraph: a card is no whole article.
fn trailing_link_card(page: &Page<'_, '_>, paragraphs: &[Range<usize>]) -> Option<usize> {
    let one_line = |p: &Range<usize>| (p.len() == 1).then(|| page.lines.text(p.start));
    let last = paragraphs.len().checked_sub(1)?;
    if !one_line(&paragraphs[last]).is_some_and(|text| text.starts_with("](") && text.ends_with(')')) {
        return None;
    }
    let earliest = last.saturating_sub(MAX_CARD_PARAGRAPHS - 1).max(1);
    (earliest..last).rev().find(|&k| one_line(&paragraphs[k]) == Some("["))
}

/// A line that may close an article's body as furniture: share links, a furniture label
/// (`### Share This Post!`), markup with no words (pandoc fences and empty spans, a code
/// block's closing fence): the body's last line is then its last line of content.
fn closes_body(line: &Line<'_>) -> bool {
    matches!(line.kind, Kind::Share)
        || is_layout_residue(line.text)
        || is_bare_code_fence(line.text)
        || opens_furniture(line.text)
}

/// A line of pandoc layout residue, no words of its own: a fenced div's line (`:::`,
/// `::: {.prevnext}`), or empty links and spans (`[](url){.nav-link}`, `[ ]{.icon}`), one or
/// more. Images (`![](src)`) are content and no residue.
fn is_layout_residue(text: &str) -> bool {
    if text.starts_with(":::") {
        return true;
    }
    let mut rest = text;
    while let Ok((after, ())) = crate::lines::empty_link(rest) {
        rest = after.trim_start();
    }
    !text.is_empty() && rest.is_empty()
}

/// A code fence with no info string (```` ``` ````, `~~~`): at the end of the body, the
/// fence that closes its last code block (an opening fence there would open nothing).
fn is_bare_code_fence(text: &str) -> bool {
    text.len() >= 3 && (text.bytes().all(|b| b == b'`') || text.bytes().all(|b| b == b'~'))
}

/// Labels that open page furniture, lowercase: followed by anything but a lowercase letter
/// (`Next Post4.12 — ...`, `Print Friendly, PDF & Email`). The words of WordPress themes and
/// plugins (post navigation, related posts, Jetpack's sharing), in the languages most sites
/// write.
const FURNITURE_LABELS: &[&str] = &[
    // English
    "filed under",
    "share this",
    "share on",
    "like this:",
    "related posts",
    "related articles",
    "related stories",
    "you may also like",
    "you might also like",
    "previous post",
    "next post",
    "previous article",
    "next article",
    "previous lesson",
    "next lesson",
    "previous entry",
    "next entry",
    "post navigation",
    "print friendly",
    "about the author",
    // French
    "article précédent",
    "article suivant",
    "articles similaires",
    "articles liés",
    "articles en relation",
    "partager :",
    "partager\u{a0}:",
    "d’autres articles",
    "d'autres articles",
    "vous aimerez aussi",
    "à lire aussi",
    // German
    "ähnliche beiträge",
    "verwandte artikel",
    "vorheriger beitrag",
    "nächster beitrag",
    "beitragsnavigation",
    "teilen mit:",
    // Spanish
    "artículo anterior",
    "artículo siguiente",
    "entrada anterior",
    "entrada siguiente",
    "entradas relacionadas",
    "artículos relacionados",
    "compartir esto:",
    // Italian
    "articolo precedente",
    "articolo successivo",
    "articoli correlati",
    "condividi:",
    // Portuguese
    "artigo anterior",
    "próximo artigo",
    "post anterior",
    "próximo post",
    "posts relacionados",
    "artigos relacionados",
    "compartilhe isso:",
    // Dutch
    "vorig bericht",
    "volgend bericht",
    "gerelateerde berichten",
    // Polish
    "poprzedni wpis",
    "następny wpis",
    "podobne wpisy",
    // Russian
    "предыдущая запись",
    "следующая запись",
    "похожие статьи",
    "похожие записи",
    "поделиться:",
    // Turkish
    "önceki yazı",
    "sonraki yazı",
    "benzer yazılar",
];

/// Single words that open page furniture when a colon or nothing follows them (`Tags:`,
/// `Categories:Malware`, `- TAGS`), lowercase.
const FURNITURE_WORDS: &[&str] = &[
    "tags",
    "tag",
    "tagged",
    "tagged as",
    "categories",
    "category",
    "related",
    "share",
    "étiquettes",
    "catégories",
    "mots-clés",
    "schlagwörter",
    "kategorien",
    "etiquetas",
    "categorías",
    "categorie",
    "categorias",
    "tagi",
    "kategorie",
    "categorieën",
    "метки",
    "рубрики",
    "etiketler",
    "kategoriler",
];

/// The longest line a furniture label opens, unless a colon follows the label.
const MAX_LABEL_LINE: usize = 160;
/// Where a label's colon is looked for: the line's first bytes.
const MAX_LABEL_HEAD: usize = 48;

/// The longest first word of a label, in bytes (`beitragsnavigation`, `предыдущая`).
const MAX_OPENING_WORD: usize = 32;

/// The first words of [`FURNITURE_LABELS`] and [`FURNITURE_WORDS`], in lowercase.
struct OpeningWords {
    /// Sorted.
    words: Vec<&'static [u8]>,
    /// For each word, the labels and the furniture words a line opening with it can open
    /// with: those whose first word starts it (`tag` and `tags` for `tags`). The others
    /// cannot match, and are not read.
    candidates: Vec<Candidates>,
    /// By first byte, a bit per word length: rules most words out in one look.
    lengths: [u64; 256],
    /// By first letter (`a` to `z`), a bit per second letter, for the words that open with
    /// two ASCII letters: rules out, before the word is read, most lines that open with two
    /// (`The`, `This`, `In`).
    letter_pairs: [u32; 26],
}

impl OpeningWords {
    /// True when `text` cannot open with one of the words, judged by its first two bytes
    /// alone: both ASCII letters, a pair no word opens with. (Characters that are not ASCII
    /// but lowercase to ASCII, the Kelvin sign, are never judged here.)
    fn rules_out_by_first_letters(&self, text: &[u8]) -> bool {
        match text {
            [first, second, ..] if first.is_ascii_alphabetic() && second.is_ascii_alphabetic() => {
                let first = usize::from(first.to_ascii_lowercase() - b'a');
                let second = second.to_ascii_lowercase() - b'a';
                self.letter_pairs[first] & 1 << second == 0
            }
            _ => false,
        }
    }

    /// The candidates of a line whose first word is `word`, when it is one of the words.
    fn candidates(&self, word: &[u8]) -> Option<&Candidates> {
        let &first = word.first()?;
        if self.lengths[usize::from(first)] & 1 << word.len() == 0 {
            return None;
        }
        self.words.binary_search(&word).ok().map(|k| &self.candidates[k])
    }
}

/// The labels and the furniture words a line may open with, by its first word.
#[derive(Default)]
struct Candidates {
    labels: Vec<&'static str>,
    words: Vec<&'static str>,
}

fn opening_words() -> &'static OpeningWords {
    static WORDS: OnceLock<OpeningWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<&[u8]> =
            FURNITURE_LABELS.iter().chain(FURNITURE_WORDS).map(|label| first_word(label)).collect();
        words.sort_unstable();
        words.dedup();
        // A line's first word starts with the first word of any label it opens with (each
        // character lowercases to word characters exactly when it is one).
        let starting = |word: &[u8], labels: &[&'static str]| {
            labels.iter().copied().filter(|label| word.starts_with(first_word(label))).collect()
        };
        let candidates = words
            .iter()
            .map(|word| Candidates {
                labels: starting(word, FURNITURE_LABELS),
                words: starting(word, FURNITURE_WORDS),
            })
            .collect();
        let mut lengths = [0; 256];
        let mut letter_pairs = [0; 26];
        for word in &words {
            lengths[usize::from(word[0])] |= 1 << word.len();
            if let [first @ b'a'..=b'z', second @ b'a'..=b'z', ..] = word {
                letter_pairs[usize::from(first - b'a')] |= 1 << (second - b'a');
            }
        }
        OpeningWords { words, candidates, lengths, letter_pairs }
    })
}

/// The first word of a label.
fn first_word(label: &str) -> &[u8] {
    label.split(not_word).next().unwrap_or_default().as_bytes()
}

/// Ends a word of a label (`mots-clés` is one word).
fn not_word(c: char) -> bool {
    !(c.is_alphabetic() || c == '-')
}

/// The first word of `text` (letters and hyphens) in lowercase, written into `buffer`;
/// `None` when it is longer than the buffer.
fn first_word_lowercase<'b>(text: &str, buffer: &'b mut [u8; MAX_OPENING_WORD]) -> Option<&'b [u8]> {
    let mut len = 0;
    for c in text.chars().take_while(|&c| !not_word(c)) {
        if c.is_ascii() {
            *buffer.get_mut(len)? = c.to_ascii_lowercase() as u8;
            len += 1;
            continue;
        }
        for lower in c.to_lowercase() {
            let end = len + lower.len_utf8();
            lower.encode_utf8(buffer.get_mut(len..end)?);
            len = end;
        }
    }
    Some(&buffer[..len])
}

/// True when `text`, the first line of a paragraph, opens page furniture: a label of
/// [`FURNITURE_LABELS`] or [`FURNITURE_WORDS`] after any markdown markup.
fn opens_furniture(text: &str) -> bool {
    // A label stands on a short line (`Related Posts`, `Next Post` and a title) or before a
    // colon (`Tags: ...`, however many tags): most lines of prose are neither.
    let head = &text.as_bytes()[..text.len().min(MAX_LABEL_HEAD)];
    if text.len() > MAX_LABEL_LINE && memchr::memchr(b':', head).is_none() {
        return false;
    }
    // Two letters open most lines, and the markup trimmed below is no letter.
    if opening_words().rules_out_by_first_letters(text.as_bytes()) {
        return false;
    }
    opens_furniture_exactly(text)
}

/// [`opens_furniture`] after its length check, without the first look at two letters.
fn opens_furniture_exactly(text: &str) -> bool {
    let text = text.trim_start_matches(is_label_markup);
    // Most paragraphs start with a word no label starts with: that decides before anything
    // else.
    let mut buffer = [0; MAX_OPENING_WORD];
    let Some(candidates) =
        first_word_lowercase(text, &mut buffer).and_then(|word| opening_words().candidates(word))
    else {
        return false;
    };
    // A label then anything but a lowercase letter: `Next Post4.12`, `Article
    // précédentCartographié` (a link's text glued on), `Print Friendly, PDF`.
    let label = candidates
        .labels
        .iter()
        .any(|label| after_caseless(text, label).is_some_and(|rest| !rest.starts_with(char::is_lowercase)));
    label
        || candidates.words.iter().any(|word| {
            after_caseless(text, word)
                .is_some_and(|rest| matches!(rest.trim_start().chars().next(), None | Some(':')))
        })
}

/// Markup a label may stand after: markdown's, and arrows and bullets (a theme's icons, as
/// text converters print them).
fn is_label_markup(c: char) -> bool {
    matches!(c, '\\' | '[' | '*' | '_' | '#' | '-' | '>' | '|' | '→' | '»' | '•') || c.is_whitespace()
}

/// The rest of `text` after `prefix` (lowercase), when `text` starts with it in any case.
fn after_caseless<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    // Most labels and lines open in ASCII: compared a byte at a time (an ASCII character
    // lowercases to itself or its ASCII lowercase), the rest a character at a time.
    let (bytes, want) = (text.as_bytes(), prefix.as_bytes());
    let mut at = 0;
    while let (Some(&t), Some(&p)) = (bytes.get(at), want.get(at)) {
        if !(t.is_ascii() && p.is_ascii()) {
            break;
        }
        if t.to_ascii_lowercase() != p {
            return None;
        }
        at += 1;
    }
    if at == want.len() {
        return Some(&text[at..]);
    }
    // Past ASCII bytes alone: both are at a character's start.
    after_caseless_by_chars(&text[at..], &prefix[at..])
}

/// [`after_caseless`] a character at a time.
fn after_caseless_by_chars<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut want = prefix.chars();
    for (at, c) in text.char_indices() {
        for lower in c.to_lowercase() {
            if want.next() != Some(lower) {
                return None;
            }
        }
        if want.as_str().is_empty() {
            return Some(&text[at + c.len_utf8()..]);
        }
    }
    None
}

/// The number of words in `text` (as `split_whitespace` counts them), counting no further
/// than `most`: a long line of prose is not read to its end.
fn count_words(text: &str, most: usize) -> usize {
    // A word starts at each character that is no whitespace after one that is. ASCII is
    // read eight bytes at a time ([`ascii_spaces`]), other bytes one by one; only the lead
    // bytes of the few non-ASCII spaces (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000)
    // are decoded.
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut at = 0;
    while at < bytes.len() && words < most {
        if let Some(chunk) = bytes.get(at..at + 8) {
            let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if chunk & HIGH_BITS == 0 {
                let spaces = ascii_spaces(chunk);
                // Byte k follows byte k - 1 (little-endian: the lower one), the first byte the
                // previous chunk's last.
                let after_space = spaces << 8 | if in_word { 0 } else { 0x80 };
                words += (!spaces & after_space & HIGH_BITS).count_ones() as usize;
                in_word = spaces >> 63 == 0;
                at += 8;
                continue;
            }
        }
        let (space, len) = match bytes[at] {
            byte if byte.is_ascii() => ((byte as char).is_whitespace(), 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            },
            _ => (false, 1),
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        at += len;
    }
    // A chunk can count past the limit.
    words.min(most)
}

/// The high bit of every byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `chunk`, eight ASCII bytes, that are whitespace (`char::is_whitespace`:
/// space, and tab to carriage return), as their high bits. No byte's sum below reaches
/// 0x100, so none carries into the next byte.
fn ascii_spaces(chunk: u64) -> u64 {
    let each = |byte: u8| u64::from_ne_bytes([byte; 8]);
    // A zero byte after XOR with spaces is a space: its low seven bits plus 0x7F stay
    // below 0x80.
    let not_space = chunk ^ each(b' ');
    let space = !((not_space & each(0x7F)) + each(0x7F)) & HIGH_BITS;
    // Bytes from tab (9) to carriage return (13): at least 9, and not at least 14.
    let from_tab = (chunk + each(0x80 - b'\t')) & HIGH_BITS;
    let past_return = (chunk + each(0x80 - b'\r' - 1)) & HIGH_BITS;
    space | (from_tab & !past_return)
}

/// A credit line closing an article: `RT. com / ABC Flash Point News 2021.`,
/// `Source: Reuters`, `© 2021 Example Media`. Short, one line, and shaped like a credit.
fn is_credit_line(line: &Line<'_>) -> bool {
    let text = line.text;
    // More than four bytes a character allowed is more than the characters allowed: a long
    // paragraph is ruled out before it is read.
    if line.count != 1 || text.len() > 4 * 100 || text.chars().count() > 100 {
        return false;
    }
    let words = text.split_whitespace().count();
    if words < 2 || text.ends_with(':') || text.contains("](") {
        return false;
    }
    let lower = text.to_lowercase();
    const LEADS: [&str; 14] = [
        "source:",
        "sources:",
        "source :",
        "via ",
        "credit:",
        "credits:",
        "photo:",
        "image:",
        "courtesy",
        "originally published",
        "reprinted",
        "©",
        "(c)",
        "copyright",
    ];
    if LEADS.iter().any(|lead| lower.starts_with(lead)) {
        return true;
    }
    // `Outlet / Outlet Year.`: outlets separated by slashes, ending in a year.
    let ends_with_year = text
        .trim_end_matches('.')
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .is_some_and(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")));
    text.contains(" / ") && (ends_with_year || words <= 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line<'_> {
        Line::new(text, 1, Kind::Text)
    }

    /// Every line of `page` that reads as icon residue is a residue line: the article reads
    /// the text of residue lines alone for it.
    fn icon_residue_lines_are_residue_lines(page: &str) -> Result<(), String> {
        let lines = crate::lines::classify_all(page, 0).lines;
        for i in 0..lines.len() {
            if crate::lines::is_icon_residue(lines.text(i)) && lines.tag(i) != Tag::Residue {
                return Err(format!("{:?} is {:?}", lines.text(i), lines.kind(i)));
            }
        }
        Ok(())
    }

    /// The tag's answer is the kind's, for every line of every test page and every kind (a
    /// chrome line of several phrases, kept beside the records, too).
    #[test]
    fn chrome_lines_from_tags_are_the_chrome_kinds() {
        let check = |lines: &LineStore<'_>| {
            for i in 0..lines.len() {
                let kind = lines.kind(i);
                assert_eq!(is_chrome_line(lines, i), matches!(kind, Kind::Chrome(_)), "{kind:?}");
            }
        };
        let lines = crate::test_pages::check_pages_then_every_kind(check);
        assert!((0..lines.len()).any(|i| lines.tag(i) == Tag::Extra && is_chrome_line(&lines, i)));
    }

    #[test]
    fn article_icon_residue_lines_are_residue_lines() {
        for page in crate::test_pages::pages() {
            icon_residue_lines_are_residue_lines(&page).unwrap();
        }
    }

    proptest::proptest! {
        /// Lines of residue pieces, words and markup, alone and among others.
        #[test]
        fn icon_residue_lines_are_residue_lines_whatever_the_line(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "__", "_", "[ ]", "[    ]", "[]", "[](about:blank)", "[x](y)", "![](a.png)", "\u{200b}",
                    "\u{feff}", "\u{a0}", " ", "\t", "#", ":::", "{", "}", "*", "-", "Reply", "ok", "7", "\\",
                    "[", "]", "(", ")", "!", "\n",
                ]),
                0..8,
            )
        ) {
            let page = pieces.concat();
            proptest::prop_assert!(icon_residue_lines_are_residue_lines(&page).is_ok(), "{:?}", page);
        }
    }

    /// [`opens_furniture_exactly`] as it was before the candidates by first word: every label
    /// and furniture word read against the line.
    fn opens_furniture_reading_every_label(text: &str) -> bool {
        let text = text.trim_start_matches(is_label_markup);
        let mut buffer = [0; MAX_OPENING_WORD];
        if !first_word_lowercase(text, &mut buffer)
            .is_some_and(|word| opening_words().candidates(word).is_some())
        {
            return false;
        }
        FURNITURE_LABELS.iter().any(|label| {
            after_caseless(text, label).is_some_and(|rest| !rest.starts_with(char::is_lowercase))
        }) || FURNITURE_WORDS.iter().any(|word| {
            after_caseless(text, word)
                .is_some_and(|rest| matches!(rest.trim_start().chars().next(), None | Some(':')))
        })
    }

    /// Texts made of each label and furniture word: as written, in upper case, capitalised,
    /// with each of `tails` after it, and with its first letter a capital `İ` or Kelvin sign
    /// where it is an `i` or a `k`.
    fn label_texts(tails: &[&str]) -> Vec<String> {
        let mut texts = Vec::new();
        for label in FURNITURE_LABELS.iter().chain(FURNITURE_WORDS) {
            let mut chars = label.chars();
            let capitalised: String =
                chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
            let odd_capital = label.replacen('i', "\u{130}", 1).replacen('k', "\u{212a}", 1);
            for base in [label.to_string(), label.to_uppercase(), capitalised, odd_capital] {
                texts.extend(tails.iter().map(|tail| format!("{base}{tail}")));
            }
        }
        texts
    }

    /// Reading only the candidates of a line's first word finds what reading every label
    /// finds: every line of the test pages, and every label with tails that end it or
    /// extend its last word.
    #[test]
    fn candidates_by_first_word_find_what_every_label_finds() {
        let mut furniture = 0;
        let tails = ["", ":", ": x", " x", "X", "x", "s", "s:", "-", "-x", "4.12", " as:", "\u{a0}:"];
        for text in crate::test_pages::lines().into_iter().chain(label_texts(&tails)) {
            let found = opens_furniture_exactly(&text);
            assert_eq!(found, opens_furniture_reading_every_label(&text), "{text:?}");
            furniture += usize::from(found);
        }
        assert!(furniture > 300, "labels are found: {furniture}");
    }

    proptest::proptest! {
        #[test]
        fn candidates_by_first_word_find_what_every_label_finds_after_any_tail(
            label in proptest::sample::select(label_texts(&[""])),
            tail in "[a-zA-Z :\u{a0}-]{0,6}",
        ) {
            let text = format!("{label}{tail}");
            proptest::prop_assert_eq!(opens_furniture_exactly(&text), opens_furniture_reading_every_label(&text));
        }
    }

    proptest::proptest! {
        /// Byte by byte while both are ASCII, `after_caseless` reads a label as the character
        /// by character way does: whatever the case, markup or script of the line.
        #[test]
        fn caseless_prefixes_by_bytes_are_read_as_by_chars(
            label in proptest::sample::select(
                FURNITURE_LABELS.iter().chain(FURNITURE_WORDS).copied().chain(["\u{131}", "k"]).collect::<Vec<_>>(),
            ),
            case in proptest::collection::vec(proptest::bool::ANY, 0..40),
            tail in "[a-zA-Z :\u{a0}\u{130}\u{212a}é-]{0,6}",
        ) {
            // The label in mixed case (the Kelvin sign for a `k`, a dotted capital I for an
            // `i`: non-ASCII capitals that lowercase to ASCII), then anything.
            let cased: String = label
                .chars()
                .zip(case.iter().chain(std::iter::repeat(&false)))
                .map(|(c, &up)| match (c, up) {
                    ('k', true) => '\u{212a}'.to_string(),
                    ('i', true) => '\u{130}'.to_string(),
                    (c, true) => c.to_uppercase().collect(),
                    (c, false) => c.to_string(),
                })
                .collect();
            let half: String = cased.chars().take(cased.chars().count() / 2).collect();
            for text in [format!("{cased}{tail}"), tail.clone(), half] {
                proptest::prop_assert_eq!(after_caseless(&text, label), after_caseless_by_chars(&text, label), "{:?}", text);
            }
        }
    }

    /// The first look at two letters rules out only lines the exact check turns down: every
    /// line of the test pages, and each with its opening words capitalised every way.
    #[test]
    fn the_first_letters_rule_out_no_furniture() {
        let words = opening_words();
        let mut ruled_out = 0;
        let mut check = |text: &str| {
            if words.rules_out_by_first_letters(text.as_bytes()) {
                assert!(!opens_furniture_exactly(text), "{text:?}");
                ruled_out += 1;
            }
        };
        for text in crate::test_pages::lines() {
            check(&text);
        }
        for label in FURNITURE_LABELS.iter().chain(FURNITURE_WORDS) {
            for text in [label.to_string(), label.to_uppercase(), format!("{label}: x")] {
                check(&text);
                let mut chars = text.chars();
                let capitalised: String =
                    chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
                check(&capitalised);
            }
        }
        assert!(ruled_out > 1_000, "most lines are ruled out: {ruled_out}");
    }

    proptest::proptest! {
        #[test]
        fn the_first_letters_rule_out_no_label(
            label in proptest::sample::select(FURNITURE_LABELS.iter().chain(FURNITURE_WORDS).collect::<Vec<_>>()),
            upper in proptest::collection::vec(proptest::bool::ANY, 2),
            rest in "[a-z :-]{0,8}",
        ) {
            // The label in any case for its first two letters, then anything.
            let text: String = label
                .chars()
                .zip(upper.iter().chain(std::iter::repeat(&false)))
                .flat_map(|(c, &up)| if up { c.to_uppercase().collect::<Vec<_>>() } else { vec![c] })
                .chain(rest.chars())
                .collect();
            if opens_furniture_exactly(&text) {
                proptest::prop_assert!(!opening_words().rules_out_by_first_letters(text.as_bytes()), "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_counted_as_split_whitespace_counts_them(text in "[ a\u{a0}\u{85}\u{2003}\u{3000}é\u{2010}\t\n\u{b}\u{c}\r\u{1c}\u{7f}]{0,40}", most in 1usize..30) {
            proptest::prop_assert_eq!(count_words(&text, most), text.split_whitespace().count().min(most));
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_are_counted_as_split_whitespace_counts_them(text in "[ ab\t\n\u{b}\u{c}\r\u{1c}\u{7f}é]{0,70}", most in 1usize..40) {
            proptest::prop_assert_eq!(count_words(&text, most), text.split_whitespace().count().min(most));
        }
    }

    #[test]
    fn ascii_spaces_are_chars_whitespace() {
        for byte in 0..0x80u8 {
            for position in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[position] = byte;
                let spaces = ascii_spaces(u64::from_le_bytes(chunk));
                let expected = if (byte as char).is_whitespace() { 0x80 << (8 * position) } else { 0 };
                assert_eq!(spaces, expected, "byte {byte:#x} at {position}");
            }
        }
    }

    #[test]
    fn word_counts() {
        for text in [
            "",
            " ",
            "a",
            " a b  c ",
            "one\ttwo\x0bthree\x0cfour",
            "x\u{a0}y z",
            "\u{2003}é è ",
            "a b c d e f",
        ] {
            let all = text.split_whitespace().count();
            for most in 1..8 {
                assert_eq!(count_words(text, most), all.min(most), "{text:?} {most}");
            }
        }
    }

    #[test]
    fn furniture_labels() {
        for text in [
            "Tags : maven maven-install windows",
            "Categories:Malware Information",
            "Tagged as:backdoor,KONNI",
            "- TAGS",
            "\\[Next lesson",
            "Previous Post4.12 — Introduction to type conversion",
            "*Next Post*[5.x — Chapter 5 summary](https://x)",
            "Print Friendly, PDF & Email",
            "### Share This Post!",
            "RELATED POSTS",
            "Article précédentCartographié : Où vivent",
            "Schlagwörter:",
        ] {
            assert!(opens_furniture(text), "{text:?}");
        }
        for text in [
            "Tags are how readers find a post, so choose them well.",
            "Related to this, the committee met again.",
            "Categorically, no.",
            "Share prices fell.",
            "Next, install Maven.",
            "Previously posted elsewhere.",
            "",
        ] {
            assert!(!opens_furniture(text), "{text:?}");
        }
    }

    /// The article of `page`: (paragraphs, furniture).
    fn article_of(page: &str) -> (Vec<String>, Vec<String>) {
        let dump = crate::parse(page).expect("a page");
        let strings = |v: &[std::borrow::Cow<'_, str>]| v.iter().map(|p| p.to_string()).collect();
        (strings(&dump.article.paragraphs), strings(&dump.article.furniture))
    }

    const PROSE: &str = "This paragraph of the article has words enough to count as prose, in lines of \
        several words each, as a body paragraph would have them when it is written out.";

    #[test]
    fn furniture_starts_at_a_label_after_the_body() {
        let page = format!("{PROSE}\n\n{PROSE}\n\nTags: maven, windows\n\n[Next post](https://x/next)\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!(paragraphs, [PROSE, PROSE]);
        assert_eq!(furniture, ["Tags: maven, windows", "[Next post](https://x/next)"]);
    }

    #[test]
    fn a_label_with_more_prose_after_it_is_the_articles() {
        let page = format!("{PROSE}\n\nRelated posts\n\n{PROSE}\n\n{PROSE}\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!(paragraphs.len(), 4, "{paragraphs:?}");
        assert!(furniture.is_empty(), "{furniture:?}");
        // A label with no prose before it is the article's too.
        let (paragraphs, furniture) = article_of("Tags: intro\n\nA short note.\n");
        assert_eq!((paragraphs.len(), furniture.len()), (2, 0));
    }

    #[test]
    fn share_links_and_fences_closing_the_body_are_furniture() {
        let page = format!(
            "{PROSE}\nThe last line of the body.\n### Share This Post!\n\
             [](https://twitter.com/intent/tweet?text=x)\n:::\n"
        );
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!(paragraphs, [format!("{PROSE}\nThe last line of the body.")]);
        assert_eq!(furniture, ["### Share This Post!\n[](https://twitter.com/intent/tweet?text=x)\n:::"]);
        // The body's first line stays, whatever it is.
        let (paragraphs, furniture) = article_of(":::\n");
        assert_eq!((paragraphs, furniture.len()), (vec![":::".to_owned()], 0));
    }

    #[test]
    fn a_link_card_ending_the_body_is_furniture() {
        let page = format!("{PROSE}\n\n[\n\n#### The next post\n\n](https://x/next)\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!(paragraphs, [PROSE]);
        assert_eq!(furniture, ["[", "#### The next post", "](https://x/next)"]);
        // Not a card: no opening bracket of its own, or nothing before it.
        let (paragraphs, _) = article_of(&format!("{PROSE}\n\n#### A heading\n\n](https://x/next)\n"));
        assert_eq!(paragraphs.len(), 3);
        let (paragraphs, furniture) = article_of("[\n\n#### Only a card\n\n](https://x/next)\n");
        assert_eq!((paragraphs.len(), furniture.len()), (3, 0));
    }

    #[test]
    fn a_promotion_repeated_below_the_body_is_furniture() {
        let promo = "**[>>> GET ACCESS NOW](/course#table)**";
        let heading = "### **The price of the course\nwill rise** soon:**";
        let page = format!("# Title\n\n{heading}\n\n{promo}\n\n{PROSE}\n\n{PROSE}\n\n### The price of the course will\nrise soon:\n\n{promo}\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!(paragraphs.last().map(String::as_str), Some(PROSE), "{paragraphs:?}");
        assert_eq!(furniture, ["### The price of the course will\nrise soon:", promo]);
        // Not a promotion: no link, no prose between the copies, too few words.
        for page in [
            format!("A line the author repeats here.\n\n{PROSE}\n\nA line the author repeats here.\n"),
            format!(
                "{PROSE}\n\n[Read more](https://x/more) about it.\n\n[Read more](https://x/more) about it.\n"
            ),
            format!("[Go](https://x/go)\n\n{PROSE}\n\n[Go](https://x/go)\n"),
        ] {
            let (paragraphs, furniture) = article_of(&page);
            assert!(furniture.is_empty(), "{page:?}: {furniture:?}");
            assert_eq!(paragraphs.len(), 3, "{page:?}");
        }
        // The first copy stays where it is, the article's first paragraph too.
        let page = format!("{promo}\n\n{PROSE}\n\n{promo}\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!((paragraphs.len(), furniture), (2, vec![promo.to_owned()]));
    }

    #[test]
    fn last_word_tails() {
        for (text, tail) in [
            ("**[>>> GET ACCESS NOW](/course#table)**", &b"e#table)"[..]),
            ("GET ACCESS NOW", b"NOW"),
            ("GET ACCESS **NOW** __", b"NOW"),
            ("increase **by $50 on the 8th of December:****", b"ecember:"),
            ("émigré", "émigré".as_bytes()),
            ("****", b""),
            ("", b""),
        ] {
            assert_eq!(last_word_tail(text), tail, "{text:?}");
        }
    }

    #[test]
    fn links() {
        for text in ["[GitHub](https://x/y)", "see https://example.com", "ftp://x", "**[x](/a)**"] {
            assert!(has_link(text), "{text:?}");
        }
        for text in ["", "Time: 10:30", "[note]", "a ] ( b", "https:/x", "word:"] {
            assert!(!has_link(text), "{text:?}");
        }
    }

    #[test]
    fn layout_residue_lines() {
        for text in [
            ":::",
            "::: {.prevnext}",
            "::: wpd-rating-wrap",
            "[](https://x/next/){.nav-link}",
            "[](javascript:void(0)){.solution_link_show}",
            "[]{.underline}",
            "[ ]{#anchor .icon}",
            "[](about:blank)",
            "[](https://x/a) []{.b}",
        ] {
            assert!(is_layout_residue(text), "{text:?}");
        }
        for text in [
            "",
            "[]",
            "[ ]",
            "}",
            "```",
            "![](https://x/photo.png)",
            "[Next lesson](https://x/next)",
            "[16.3]{.nav-button-lesson-number}std::vector and the unsigned length",
            "[](https://x/a) and some words",
            "[](https://x/unclosed",
            "[]{.unclosed",
        ] {
            assert!(!is_layout_residue(text), "{text:?}");
        }
    }

    #[test]
    fn bare_code_fences() {
        for text in ["```", "````", "~~~"] {
            assert!(is_bare_code_fence(text), "{text:?}");
        }
        for text in ["", "``", "``` {.language-cpp .line-numbers}", "```rust", "`x`", "~~~`", ":::"] {
            assert!(!is_bare_code_fence(text), "{text:?}");
        }
    }

    #[test]
    fn markup_without_words_closing_the_body_is_furniture() {
        let page = format!(
            "{PROSE}\n\n``` {{.language-cpp}}\nint main()\n{{\n    return 0;\n}}\n```\n:::\n\n\
             ::: {{.prevnext}}\n::: {{.prevnext-inline}}\n[](https://x/next/){{.nav-link}}\n"
        );
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!(paragraphs, [PROSE, "``` {.language-cpp}\nint main()\n{\n    return 0;\n}"]);
        assert_eq!(
            furniture,
            ["```\n:::", "::: {.prevnext}\n::: {.prevnext-inline}\n[](https://x/next/){.nav-link}"]
        );
        // The lines taken off the body are the furniture's, each once.
        let (_, lines) = crate::Parser::new().parse_annotated(&page).expect("a page");
        let roles: Vec<_> =
            lines.iter().filter(|l| l.role != LineRole::Blank).map(|l| (l.text, l.role)).collect();
        assert_eq!(
            roles[roles.len() - 5..],
            [
                ("```", LineRole::Furniture),
                (":::", LineRole::Furniture),
                ("::: {.prevnext}", LineRole::Furniture),
                ("::: {.prevnext-inline}", LineRole::Furniture),
                ("[](https://x/next/){.nav-link}", LineRole::Furniture),
            ]
        );
        // A fenced div within the body is the body's.
        let page = format!("{PROSE}\n\n::: {{.note}}\n[](https://x/a){{.anchor}}\n:::\n\n{PROSE}\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!((paragraphs.len(), furniture.len()), (3, 0));
    }

    #[test]
    fn label_lines() {
        for text in [
            "### About the Author",
            "## Related Posts",
            "#### Tags:",
            "### Share This Post!",
            "Related posts:",
            "→  D’autres articles qui pourraient vous intéresser :",
            "» Vous aimerez aussi :",
            "Tags:",
        ] {
            assert!(is_label_line(text), "{text:?}");
        }
        for text in [
            "About the Author",
            "### Related work",
            "### Conclusion",
            "#tags",
            "- Tags",
            "Related posts are listed below.",
            "D’autres articles disent le contraire.",
            "The steps are:",
        ] {
            assert!(!is_label_line(text), "{text:?}");
        }
    }

    #[test]
    fn a_label_heading_within_the_last_paragraph_opens_furniture() {
        let page = format!("{PROSE}\n\n{PROSE}\n### About the Author\nJane Doe writes about databases.\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!(paragraphs, [PROSE, PROSE]);
        assert_eq!(furniture, ["### About the Author\nJane Doe writes about databases."]);
        // With more prose after it than before it, the heading is the article's.
        let page = format!("A short note.\n### Related posts\n{PROSE}\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!((paragraphs.len(), furniture.len()), (1, 0));
    }

    #[test]
    fn a_list_of_related_posts_glued_to_the_body_opens_furniture() {
        let related = "→  D’autres articles qui pourraient vous intéresser :\n- Un article\n- Un autre";
        let author = "Jane Doe @ Rédactrice\n Jane Doe écrit sur les bases de données.";
        let page = format!("{PROSE}\n\n{PROSE}\n{related}\n\n{author}\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!(paragraphs, [PROSE, PROSE]);
        assert_eq!(furniture, [related, author]);
        // Not before a last paragraph of prose: that is the body's.
        let page = format!("{PROSE}\n\n{PROSE}\n{related}\n\n{PROSE}\n");
        let (paragraphs, furniture) = article_of(&page);
        assert_eq!((paragraphs.len(), furniture.len()), (3, 0), "{furniture:?}");
    }

    #[test]
    fn credit_lines() {
        assert!(is_credit_line(&line("RT. com / ABC Flash Point News 2021.")));
        assert!(is_credit_line(&line("Source: Reuters")));
        assert!(is_credit_line(&line("© 2021 Example Media")));
        assert!(!is_credit_line(&line("The more enemies, the higher the demand.")));
        assert!(!is_credit_line(&line(
            "Credit : this tutorial is based on this marvelous post from [Carll](https://x)"
        )));
        assert!(!is_credit_line(&line(
            "Read the docs at /usr/share / doc for details and more and more words here"
        )));
    }
}

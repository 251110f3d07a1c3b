//! The phrase tables: every visible wpDiscuz phrase in every language, loaded from data.
//!
//! The tables are the TSV files beside this module, kept as data so that a language or a
//! phrase is added by editing a file, not code:
//!
//! - `wpdiscuz7.tsv`: wpDiscuz 7 as bundled with the plugin (one column per language);
//! - `packs.tsv`: the translate.wordpress.org language packs, which sites load first;
//! - `wpdiscuz4.tsv`: legacy wpDiscuz 4.x-5.x;
//! - `extra.tsv`: phrases the catalogues miss (WordPress core cousins, converter residue,
//!   common admin-typed variants), one `key<TAB>text` row each.
//!
//! Rows are keyed by the plugin's phrase key (`wc_notify_of`, `wc_year_text`, ...).

mod normalize;
mod prefilter;
mod trie;

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

pub(crate) use normalize::{
    is_own_lowercase, link_reference_len, normalize, normalize_into, source_offset, Folded, Normalized,
};
use prefilter::Prefilter;
pub(crate) use trie::{Phrase, PhraseSet, Segmentation};

use crate::hash::WordHasher;

const TABLES: [&str; 4] = [
    include_str!("wpdiscuz7.tsv"),
    include_str!("packs.tsv"),
    include_str!("wpdiscuz4.tsv"),
    include_str!("extra.tsv"),
];

/// Every phrase of every table, by key.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    by_key: HashMap<&'static str, Vec<&'static str>>,
}

impl Catalog {
    fn load() -> Catalog {
        let mut catalog = Catalog::default();
        for table in TABLES {
            catalog.add_table(table);
        }
        for texts in catalog.by_key.values_mut() {
            let mut seen = std::collections::HashSet::new();
            texts.retain(|t| seen.insert(*t));
        }
        catalog
    }

    /// Adds one TSV table: a header row `key<TAB>col...`, then rows of cells. Columns other
    /// than the key that are not translations (`where`) are skipped; empty cells mean "the
    /// English text is shown" and add nothing.
    fn add_table(&mut self, table: &'static str) {
        let mut rows = table.lines();
        let header: Vec<&str> = rows.next().unwrap_or_default().split('\t').collect();
        for row in rows {
            let mut cells = row.split('\t');
            let Some(key) = cells.next().filter(|k| !k.is_empty() && !k.starts_with('#')) else {
                continue;
            };
            let texts = self.by_key.entry(key).or_default();
            for (column, cell) in header.iter().skip(1).zip(cells) {
                let cell = cell.trim();
                if *column != "where" && !cell.is_empty() {
                    texts.push(cell);
                }
            }
        }
    }

    /// All distinct texts of `key` across the tables and languages, English first.
    pub fn texts(&self, key: &str) -> &[&'static str] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// Every key with its texts.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &[&'static str])> {
        self.by_key.iter().map(|(k, v)| (*k, v.as_slice()))
    }
}

/// The catalogue, loaded once.
pub(crate) fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::load)
}

/// What a chrome phrase is, for the structure stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    /// Opens the comment section with confidence: `Notify of`, `Inline Feedbacks`,
    /// `View all comments`, `Leave a Reply`, `Sort by`, the hidden `Label`, ...
    Anchor,
    /// Form and subscription furniture that also appears elsewhere on pages: `Subscribe`,
    /// `Login`, `Name*`, `Email`, `{}`, `Δ`, ...
    Form,
    /// Sort buttons: `Oldest`, `Newest`, `Most Voted`.
    Sort,
    /// Markers that the page holds only part of the thread: `Load More Comments`, ...
    More,
    /// `wp_footer` leftovers at the end of the page: `wpDiscuz`, `Insert`, modal buttons.
    PageFooter,
    /// `Comment` / `Comments`: the word of the `N Comments` header.
    CountWord,
    /// `vote` / `votes`: the word of the rating widget.
    VoteWord,
    /// `Article Rating`: the rating widget's default title.
    RatingTitle,
    /// Role badges: `Admin`, `Editor`, `Author`, `Guest`, `Member`.
    Role,
    /// `Reply to`: the prefix of a reply marker.
    ReplyTo,
    /// `Reply`: the reply button under a comment.
    ReplyButton,
    /// `Awaiting for approval`.
    Status,
    /// `Read more »`.
    ReadMore,
    /// Legacy `Vote Up` / `Vote Down` buttons.
    VoteButton,
    /// Per-comment tools that print text: `Edit`, `Share On Twitter`, `View Replies`, ...
    CommentTool,
    /// The avatar alt text of pingbacks: `trackback`.
    AvatarAlt,
}

impl Class {
    /// True for phrases that converters print glued to others on one line (`Newest Most
    /// Voted`, `wpDiscuzInsert`, `{} [+]`). Badges, counts, titles and markers stand alone:
    /// a name such as `Site Admin` must not read as `Site` + `Admin`.
    pub fn glues(self) -> bool {
        use Class::*;
        matches!(self, Anchor | Form | Sort | More | PageFooter | CommentTool | VoteButton | ReplyButton)
    }
}

/// The class of a phrase key, `None` for keys that are not chrome (dates are matched by
/// the date rules; `comment image` and `Anonymous` are comment text).
pub(crate) fn class_of(key: &str) -> Option<Class> {
    use Class::*;
    Some(match key {
        "wc_notify_of"
        | "wc_inline_feedbacks"
        | "wc_inline_comments_view_all"
        | "form_header_text"
        | "wc_be_the_first_text"
        | "wc_comment_join_text"
        | "wc_comment_start_text"
        | "wc_login_to_comment"
        | "wc_sort_by"
        | "literal_textarea_hidden_label"
        | "wc_commenting_is_closed"
        | "wc_roles_cannot_comment_message"
        | "wc_login_required"
        | "wp_leave_reply"
        | "wp_leave_comment"
        | "wp_comments_closed"
        | "wp_disqus_noscript" => Anchor,
        "wc_subscribe_anchor"
        | "wc_log_in"
        | "wc_log_out"
        | "wc_logged_in_as"
        | "wc_connect_with"
        | "wc_notify_on_new_comment"
        | "wc_notify_on_all_new_reply"
        | "wc_notify_on_new_reply"
        | "wc_email_text"
        | "wc_form_subscription_submit"
        | "literal_subscribe_submit"
        | "wc_subscribed_to"
        | "wc_unsubscribe"
        | "wc_ignore_subscription"
        | "field_name"
        | "field_email"
        | "field_website"
        | "field_submit"
        | "literal_editor_btn_sourcecode"
        | "literal_editor_btn_spoiler"
        | "literal_editor_btns"
        | "literal_akismet_honeypot_label"
        | "literal_form_avatar_alt_guest"
        | "literal_captcha_img_alt"
        | "literal_captcha_refresh_alt"
        | "wc_inline_form_comment"
        | "wc_inline_form_name"
        | "wc_inline_form_email"
        | "wc_inline_form_comment_button"
        | "wc_inline_form_notify"
        | "wc_please_leave_feebdack"
        | "wc_content_and_settings"
        | "wc_social_login_agreement_label"
        | "wc_login_please"
        | "wp_cancel_reply"
        | "wp_email_not_published"
        | "wp_required_fields"
        | "wp_comment_label"
        | "wp_name_label"
        | "wp_email_label"
        | "wp_save_details"
        | "wp_post_comment"
        | "jetpack_write" => Form,
        "wc_newest" | "wc_oldest" | "wc_most_voted" => Sort,
        "wc_load_more_submit_text"
        | "wc_load_rest_comments_submit_text"
        | "wc_view_comments"
        | "wp_older_comments"
        | "wp_newer_comments" => More,
        "literal_footer_insert_button"
        | "literal_footer_hidden_brand"
        | "loading_bar_img_alt"
        | "literal_powered_by_img_alt"
        | "literal_powered_by_link"
        | "wc_bubble_invite_message"
        | "literal_footer_send_email"
        | "literal_footer_send_button"
        | "literal_footer_move_comment"
        | "literal_footer_move_button"
        | "wp_disqus_powered"
        | "jetpack_loading" => PageFooter,
        "header_text_single" | "header_text_plural" | "wc_header_text" | "wc_header_text_plural" => CountWord,
        "wc_vote_phrase" | "wc_votes_phrase" => VoteWord,
        "post_rating_title" => RatingTitle,
        "wc_blog_role_guest"
        | "wc_blog_role_post_author"
        | "wc_blog_role_administrator"
        | "wc_blog_role_editor"
        | "wc_blog_role_other" => Role,
        "wc_reply_to" => ReplyTo,
        "wc_reply_text" => ReplyButton,
        "wc_awaiting_for_approval" | "wc_held_for_moderate" | "wp_awaiting_moderation" => Status,
        "wc_read_more" => ReadMore,
        "wc_vote_up" | "wc_vote_down" | "wc_login_to_vote" => VoteButton,
        "wc_edit_text"
        | "wc_comment_edit_cancel_button"
        | "wc_share_text"
        | "wc_share_facebook"
        | "wc_share_twitter"
        | "wc_share_whatsapp"
        | "wc_share_google"
        | "wc_share_vk"
        | "wc_share_ok"
        | "wc_show_replies_text"
        | "wc_hide_replies_text"
        | "wc_comment_link"
        | "wc_manage_comment"
        | "wc_follow_user"
        | "wc_unfollow_user"
        | "wc_stick_comment"
        | "wc_close_comment"
        | "wc_sticky_comment_icon_title"
        | "wc_closed_comment_icon_title"
        | "wc_spoiler"
        | "spoiler_default_title"
        | "wc_inline_comments"
        | "wc_most_reacted_comment"
        | "wc_hottest_comment_thread"
        | "wp_log_in_to_reply" => CommentTool,
        "literal_trackback_avatar_alt" => AvatarAlt,
        _ => return None,
    })
}

/// Which class wins when two phrases have the same text (lower first).
fn priority(class: Class) -> u8 {
    use Class::*;
    match class {
        ReplyButton => 0,
        ReplyTo => 1,
        Role => 2,
        CountWord => 3,
        VoteWord => 4,
        RatingTitle => 5,
        Status => 6,
        ReadMore => 7,
        VoteButton => 8,
        Anchor => 9,
        More => 10,
        Sort => 11,
        CommentTool => 12,
        AvatarAlt => 13,
        PageFooter => 14,
        Form => 15,
    }
}

/// A chrome line's phrases: the segmentations of [`chrome`].
impl Segmentation {
    /// The phrases in line order.
    pub fn phrases(&self) -> impl Iterator<Item = Phrase> + '_ {
        chrome().phrases_of(self)
    }

    /// The first phrase.
    pub fn first(&self) -> Phrase {
        self.phrases().next().expect("a segmentation has a phrase")
    }

    /// True when every phrase has class `class`.
    pub fn all(&self, class: Class) -> bool {
        self.phrases().all(|p| p.class == class)
    }

    /// True when some phrase has class `class`.
    pub fn any(&self, class: Class) -> bool {
        self.phrases().any(|p| p.class == class)
    }
}

impl std::fmt::Debug for Segmentation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.phrases()).finish()
    }
}

/// Every chrome phrase in normal form, for lookup, built once.
pub(crate) fn chrome() -> &'static PhraseSet {
    static SET: OnceLock<PhraseSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = PhraseSet::default();
        // A text shared by several keys resolves to the class that matters most where it
        // stands in a comment: the `Reply` button before a `Reply to` marker of the same
        // word (`回复`), a `Guest` badge before the form's `guest` avatar, and so on; ties in
        // key order, so the result never depends on hash order.
        let mut keys: Vec<_> = catalog().entries().filter_map(|(k, t)| Some((k, class_of(k)?, t))).collect();
        keys.sort_by_key(|(k, class, _)| (priority(*class), *k));
        for (key, class, texts) in keys {
            for text in texts {
                set.insert(text, Phrase { key, class });
            }
        }
        set.compile();
        set
    })
}

/// How a line's normal form starts, as far as the phrase rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opening {
    /// The normal form is empty: the line is only markup.
    Empty,
    /// It starts with an ASCII digit (`14 comments`, `4.5 2 votes`).
    Digit,
    /// It starts with a chrome phrase or a `Last edited` prefix: the phrase rules apply.
    Phrase,
    /// None of these: no phrase rule can match the line.
    Other,
}

/// Folds `line` into `out` as far as it takes to tell its [`Opening`]: most text lines leave
/// the phrase trie after a few characters and are never normalized whole. For `Digit` and
/// `Phrase`, `out` then holds the whole normal form (as [`normalize_into`] gives it); for
/// `Other`, only some start of it.
pub(crate) fn opening_into(line: &str, out: &mut Normalized) -> Opening {
    out.text.clear();
    out.whole_chrome_phrase = None;
    let openings = openings();
    if openings.prefilter.rules_out(line) {
        return Opening::Other; // most prose, told from its first bytes
    }
    // Most chrome lines are one phrase in plain words (`Notify of`, `Reply`): their normal form
    // is the line lowercased, and one hash of it finds the phrase, which the line opens with
    // (the walk would reach its end, or a shorter phrase, before the line's).
    let plain = line.len() <= MAX_WHOLE_LOOKUP && normalize::plain_text_into(line, out);
    if plain {
        if let Some(id) = openings.set.exact_id(&out.text) {
            out.whole_chrome_phrase = openings.chrome_ids[usize::from(id)];
            return Opening::Phrase;
        }
    }
    match plain_opening(&openings.set, line) {
        Some(Opening::Other) => Opening::Other,
        // `out` must hold the whole normal form: fold it in one pass (unless it does).
        Some(opening) => {
            if !plain {
                normalize_into(line, out);
            }
            opening
        }
        // A short line in another script (`Гость`, `Ответить`, `پاسخ`): mostly chrome in
        // a translated page, folded whole. Lines that open with ASCII markup or letters
        // (`* My Blog`, `Jesús`) are mostly not phrases and leave the walk early: folding
        // them whole cost more than it saved on real pages.
        None if line.len() <= MAX_FOLDED_LOOKUP && opens_with_non_ascii(line) => {
            folded_opening(openings, line, out)
        }
        None => {
            out.text.clear();
            fold_opening(line, out)
        }
    }
}

/// True when `line` certainly opens with no phrase (the first look of [`opening_into`],
/// which then gives [`Opening::Other`]): stage 1 tells prose from it before any other work.
#[inline]
pub(crate) fn rules_out_opening(line: &str) -> bool {
    openings().prefilter.rules_out(line)
}

/// True when `line` certainly opens with no phrase nor digit ([`opening_into`] gives
/// [`Opening::Other`]), told without folding: the first look, or the walk on plain bytes
/// ([`plain_opening`]) after the markup that folds to nothing (`* `, `| `), or the first
/// folded character when no phrase starts with it. Stage 1's second look at long lines
/// that open with punctuation (`* Use a...`, `. Click on`) or after a number.
pub(crate) fn opens_with_no_phrase(line: &str) -> bool {
    let openings = openings();
    if openings.prefilter.rules_out(line) {
        return true;
    }
    // These bytes always fold to a separator, and separators before the first character
    // leave no space: the normal form (hence the opening) of the rest is the line's.
    let rest = line.trim_start_matches(['*', '_', '|', ':', '\\', ' ']);
    if openings.prefilter.rules_out(rest) {
        return true;
    }
    match plain_opening(&openings.set, rest) {
        Some(opening) => opening == Opening::Other,
        None => folded_walk_leaves(&openings.set, rest),
    }
}

/// True when the exact walk ([`fold_opening`]) gives [`Opening::Other`] for `line`: its
/// normal form starts with no digit, and the trie walk on it leaves the trie (or the line
/// ends) before a phrase ends. Folds only as far as the walk goes, into no buffer: markup
/// folds away (`* [Managed Services](https://...)` walks `managed`).
fn folded_walk_leaves(set: &PhraseSet, line: &str) -> bool {
    let mut folded = Folded::new(line);
    let Some((first, _)) = folded.next() else { return false };
    if first.is_ascii_digit() {
        return false;
    }
    let mut node = set.step_char(0, first);
    loop {
        match node {
            None => return true,
            Some(at) if set.is_terminal(at) => return false,
            Some(at) => match folded.next() {
                None => return true,
                Some((c, _)) => node = set.step_char(at, c),
            },
        }
    }
}

/// True for an ASCII byte that is its own normal form (lowercased), whatever surrounds it:
/// no markup, no space.
pub(crate) fn is_plain_byte(byte: u8) -> bool {
    normalize::plain_fold(byte).is_some()
}

/// True when no phrase a rule looks for at the start of a line (chrome, `Last edited`)
/// starts with an ASCII digit: a line that starts with one opens with no phrase, and is
/// no chrome.
pub(crate) fn digits_open_no_phrase() -> bool {
    openings().digits_open_none
}

/// [`fold_opening`] for a short line: the first characters are folded and walked one at a
/// time, as most lines that open with no phrase leave the trie within them (names, prose);
/// a line still on a phrase's path is then folded whole in one pass (which copies runs of
/// plain bytes, where the exact way reads a character at a time), looked up whole (most such
/// lines are one phrase, which segmenting then need not look up again), and walked on its
/// bytes. Leaves the whole normal form in `out` but for lines that leave the trie early.
fn folded_opening(openings: &Openings, line: &str, out: &mut Normalized) -> Opening {
    out.text.clear();
    let set = &openings.set;
    let mut folded = Folded::new(line);
    let mut node = 0;
    for _ in 0..CHARACTERS_WALKED_FIRST {
        let Some((c, _)) = folded.next() else {
            return if out.text.is_empty() { Opening::Empty } else { Opening::Other };
        };
        if out.text.is_empty() && c.is_ascii_digit() {
            out.text.push(c);
            folded.fold_rest_into(&mut out.text);
            return Opening::Digit;
        }
        out.text.push(c);
        match set.step_char(node, c) {
            None => return Opening::Other,
            Some(next) if set.is_terminal(next) => {
                folded.fold_rest_into(&mut out.text);
                return Opening::Phrase;
            }
            Some(next) => node = next,
        }
    }
    let walked = out.text.len();
    folded.fold_rest_into(&mut out.text);
    if let Some(id) = set.exact_id(&out.text) {
        out.whole_chrome_phrase = openings.chrome_ids[usize::from(id)];
        return Opening::Phrase;
    }
    // A phrase ends at a character's end: stepping byte by byte finds what stepping by
    // characters does.
    for &byte in &out.text.as_bytes()[walked..] {
        match set.step(node, byte) {
            None => return Opening::Other,
            Some(next) if set.is_terminal(next) => return Opening::Phrase,
            Some(next) => node = next,
        }
    }
    Opening::Other
}

/// True when the first byte of `line` starts a character outside ASCII.
fn opens_with_non_ascii(line: &str) -> bool {
    line.as_bytes().first().is_some_and(|byte| !byte.is_ascii())
}

/// How many characters [`folded_opening`] folds and walks one at a time before it folds the
/// rest of the line in one pass.
const CHARACTERS_WALKED_FIRST: usize = 3;

/// What [`PhraseSet::segment`] of [`chrome`] gives for `normalized`, which
/// [`opening_into`] (or [`normalize_into`]) filled: the phrase it found whole, or the
/// segmentation.
pub(crate) fn chrome_segment(normalized: &Normalized) -> Option<Segmentation> {
    match normalized.whole_chrome_phrase {
        Some(id) => Some(Segmentation::single(id)),
        None => chrome().segment(&normalized.text),
    }
}

/// The [`Opening`] of `line` told from its bytes alone, when the start of the normal form
/// is the start of the line, lowercased: plain ASCII ([`normalize::plain_fold`]) with
/// runs of spaces between words. Walks `set` on those bytes until a phrase ends, none can,
/// or a byte that folds otherwise (markup, tabs, non-ASCII) leaves it undecided (`None`).
/// Most lines, prose and names, are decided in a few bytes without folding. (Inlined into
/// [`opening_into`], the hot caller, also now that [`opens_with_no_phrase`] calls it.)
#[inline(always)]
fn plain_opening(set: &PhraseSet, line: &str) -> Option<Opening> {
    let bytes = line.as_bytes();
    // Spaces before the first character fold to nothing.
    let mut pos = bytes.iter().position(|&b| b != b' ')?;
    if bytes[pos].is_ascii_digit() {
        return Some(Opening::Digit);
    }
    let mut node = 0;
    while let Some(&byte) = bytes.get(pos) {
        let folded = if let Some(folded) = normalize::plain_fold(byte) {
            pos += 1;
            folded
        } else if byte == b' ' {
            // A run of spaces is one space of the normal form if a plain byte follows, and
            // nothing at the end of the line.
            pos += bytes[pos..].iter().take_while(|&&b| b == b' ').count();
            match bytes.get(pos) {
                None => break,
                Some(&next) if normalize::plain_fold(next).is_some() => b' ',
                Some(_) => return None,
            }
        } else {
            return None;
        };
        match set.step(node, folded) {
            None => return Some(Opening::Other),
            Some(next) if set.is_terminal(next) => return Some(Opening::Phrase),
            Some(next) => node = next,
        }
    }
    // The normal form ended before any phrase did.
    Some(Opening::Other)
}

/// [`opening_into`] the exact way: folding and walking the trie.
fn fold_opening(line: &str, out: &mut Normalized) -> Opening {
    let mut folded = Folded::new(line);
    let Some((first, _)) = folded.next() else { return Opening::Empty };
    out.text.push(first);
    let opening = if first.is_ascii_digit() {
        Opening::Digit
    } else {
        let set = &openings().set;
        let mut node = set.step_char(0, first);
        loop {
            match node {
                None => return Opening::Other,
                Some(n) if set.is_terminal(n) => break Opening::Phrase,
                Some(n) => match folded.next() {
                    None => return Opening::Other,
                    Some((c, _)) => {
                        out.text.push(c);
                        node = set.step_char(n, c);
                    }
                },
            }
        }
    };
    folded.fold_rest_into(&mut out.text);
    opening
}

/// Every text a phrase rule looks for at the start of a line (the chrome phrases and the
/// `Last edited` prefixes), and a first look that rules most other lines out.
struct Openings {
    set: PhraseSet,
    prefilter: Prefilter,
    /// By phrase number in `set`: the number of the same text in [`chrome`], if there.
    chrome_ids: Vec<Option<u16>>,
    /// No text of `set` starts with an ASCII digit ([`digits_open_no_phrase`]).
    digits_open_none: bool,
}

/// The longest line [`opening_into`] looks up whole before walking the trie. Nine in ten
/// chrome lines are shorter; longer lines the first look lets through are mostly prose that
/// starts like a phrase, for which folding and hashing the whole line would be wasted (any
/// bound gives the same answers).
const MAX_WHOLE_LOOKUP: usize = 24;

/// The longest line that [`opening_into`], when the plain walk leaves it undecided, reads
/// with [`folded_opening`] (folded whole past its first characters); longer lines are mostly
/// prose, folded a character at a time as far as the walk goes (any bound gives the same
/// answers).
const MAX_FOLDED_LOOKUP: usize = 32;

/// The [`Openings`], built once.
fn openings() -> &'static Openings {
    static SET: OnceLock<Openings> = OnceLock::new();
    SET.get_or_init(|| {
        let mut openings = Openings {
            set: PhraseSet::default(),
            prefilter: Prefilter::default(),
            chrome_ids: Vec::new(),
            digits_open_none: false,
        };
        let mut add = |text: &str| {
            openings.set.insert(text, Phrase { key: "", class: Class::Form });
            openings.prefilter.add(&normalize(text));
        };
        for (key, texts) in catalog().entries() {
            if class_of(key).is_some() {
                texts.iter().for_each(|text| add(text));
            }
        }
        markers().last_edited.iter().for_each(|prefix| add(prefix));
        openings.set.compile();
        openings.prefilter.finish();
        openings.digits_open_none = (b'0'..=b'9').all(|digit| openings.set.step(0, digit).is_none());
        let texts =
            catalog().entries().filter(|(key, _)| class_of(key).is_some()).flat_map(|(_, t)| t.iter());
        for text in texts.copied().chain(markers().last_edited.iter().map(String::as_str)) {
            let text = normalize(text);
            if let Some(id) = openings.set.exact_id(&text) {
                let id = usize::from(id);
                if openings.chrome_ids.len() <= id {
                    openings.chrome_ids.resize(id + 1, None);
                }
                openings.chrome_ids[id] = chrome().exact_id(&text);
            }
        }
        openings
    })
}

/// Phrases that frame other text rather than standing alone, in normal form.
#[derive(Debug)]
pub(crate) struct Markers {
    /// What `Last edited %1$s by %2$s` starts with, per language (`last edited`).
    last_edited: Vec<String>,
    /// By [`Self::last_edited`] prefix: it ends in a script written without spaces, so no
    /// word boundary need follow it.
    last_edited_spaceless: Vec<bool>,
    /// By byte: some [`Self::last_edited`] prefix starts with it. Most lines that open with a
    /// phrase (`reply to`, `vote up`) start none, told from one load.
    last_edited_starts: [bool; 256],
    /// The `on` of the legacy `N Comments on "Title"` header, per language.
    header_on: Vec<String>,
    /// Every language's `Reply to` (some equal their `Reply` button word).
    reply_to: HashSet<String>,
    /// The [`Self::reply_to`] texts that are a `Reply` button's too (`回复`): the chrome
    /// phrase of such a text has the button's class.
    reply_to_buttons: Vec<String>,
    /// Every language's `Anonymous` (Arabic's equals its `Guest` badge).
    anonymous: HashSet<String>,
    /// The units of shortened numbers (`%sK`, `%s Tsd.`), lowercase, with their factor.
    number_suffixes: Vec<(String, u64)>,
    /// By byte: some [`Self::number_suffixes`] starts with it, lowercased as
    /// [`u8::to_ascii_lowercase`] gives it. What follows most numbers (a date's `-`, most
    /// words) starts none, told from one load.
    number_suffix_starts: [bool; 256],
    /// Every role badge exactly as the catalogues write it (`Admin`, `Gast`).
    roles: HashSet<&'static str, BuildHasherDefault<WordHasher>>,
    /// WordPress core's `says:` after an author name, per language.
    says: Vec<String>,
    /// WordPress core's `Pingback:` before a linking page's title.
    pingback: Vec<String>,
    /// By byte: [`SAYS_END`] when some [`Self::says`] ends with it, [`PINGBACK_START`] when
    /// some [`Self::pingback`] starts with it (either ASCII case). A line that ends and
    /// starts with no such byte (most lines) is no WordPress core header, told from two
    /// loads.
    core_header_edges: [u8; 256],
    /// Theme heading nouns that are chrome phrases too (`Replies`), normalized.
    heading_nouns: Vec<String>,
    /// By byte: some [`Self::heading_nouns`] starts with it.
    heading_noun_starts: [bool; 256],
    /// The number one in words, as theme headings print it (`One`), normalized.
    heading_one: Vec<String>,
    /// The numbers in [`chrome`] of the `Reply` buttons that are, in the same words, a
    /// language's `Reply to` marker (`回复`, `Trả lời`).
    ambiguous_reply_buttons: Vec<u16>,
    /// The alt texts of the comment form's own avatar (`guest`), as the catalogue writes
    /// them: looked up once, not by key on every avatar line.
    form_avatar_alts: &'static [&'static str],
}

impl Markers {
    fn load() -> Markers {
        // What the line starts with: the text before the first placeholder (`最近由 %2$s 编辑的
        // %1$s` names the editor first).
        let prefix_of = |template: &str| normalize::normalize(template.split(['%']).next().unwrap_or(""));
        let catalog = catalog();
        let mut last_edited: Vec<String> =
            catalog.texts("wc_last_edited").iter().map(|t| prefix_of(t)).filter(|p| !p.is_empty()).collect();
        last_edited.dedup();
        // A word boundary follows the prefix, except in scripts written without spaces.
        let last_edited_spaceless = last_edited
            .iter()
            .map(|p| p.chars().last().is_some_and(|c| !c.is_ascii() && c as u32 >= 0x2e80))
            .collect();
        let mut last_edited_starts = [false; 256];
        for prefix in &last_edited {
            last_edited_starts[usize::from(prefix.as_bytes()[0])] = true;
        }
        let header_on = catalog.texts("wc_header_on_text").iter().map(|t| normalize::normalize(t)).collect();
        let all = |key: &str| catalog.texts(key).iter().map(|t| normalize::normalize(t)).collect();
        let mut number_suffixes: Vec<(String, u64)> = Vec::new();
        for (key, factor) in [("number_thousands", 1_000), ("number_millions", 1_000_000)] {
            for format in catalog.texts(key) {
                let unit = format.replace("%s", "");
                let unit =
                    unit.trim_matches(|c: char| c.is_whitespace() || ('\u{200e}'..='\u{202e}').contains(&c));
                if !unit.is_empty() && !number_suffixes.iter().any(|(u, _)| u.as_str() == unit.to_lowercase())
                {
                    number_suffixes.push((unit.to_lowercase(), factor));
                }
            }
        }
        // Longest first, so that `Mio.` is tried before `M`.
        number_suffixes.sort_by_key(|(unit, _)| std::cmp::Reverse(unit.len()));
        let reply_to: HashSet<String> = all("wc_reply_to");
        let mut ambiguous_reply_buttons: Vec<u16> = reply_to
            .iter()
            .filter_map(|text| chrome().exact_id(text))
            .filter(|&id| chrome().phrase(id).class == Class::ReplyButton)
            .collect();
        ambiguous_reply_buttons.sort_unstable();
        let heading_nouns: Vec<String> =
            catalog.texts("wp_heading_noun").iter().map(|t| normalize::normalize(t)).collect();
        let mut reply_to_buttons: Vec<String> = reply_to
            .iter()
            .filter(|text| chrome().get(text).is_some_and(|phrase| phrase.class == Class::ReplyButton))
            .cloned()
            .collect();
        reply_to_buttons.sort_unstable();
        Markers {
            last_edited,
            last_edited_spaceless,
            last_edited_starts,
            header_on,
            reply_to,
            reply_to_buttons,
            anonymous: all("wc_anonymous"),
            number_suffix_starts: number_suffix_starts(&number_suffixes),
            number_suffixes,
            roles: [
                "wc_blog_role_guest",
                "wc_blog_role_post_author",
                "wc_blog_role_administrator",
                "wc_blog_role_editor",
                "wc_blog_role_other",
            ]
            .iter()
            .flat_map(|key| catalog.texts(key).iter().copied())
            .collect(),
            says: catalog.texts("wp_says").iter().map(|t| t.to_string()).collect(),
            pingback: catalog.texts("wp_pingback").iter().map(|t| t.to_string()).collect(),
            core_header_edges: core_header_edges(catalog.texts("wp_says"), catalog.texts("wp_pingback")),
            heading_noun_starts: first_bytes(&heading_nouns),
            heading_nouns,
            heading_one: catalog.texts("wp_heading_one").iter().map(|t| normalize::normalize(t)).collect(),
            ambiguous_reply_buttons,
            form_avatar_alts: catalog.texts("literal_form_avatar_alt_guest"),
        }
    }

    /// True for a normalized `Last edited ... by ...` line (something must follow the prefix).
    pub fn is_last_edited(&self, normalized: &str) -> bool {
        let Some(&first) = normalized.as_bytes().first() else { return false };
        if !self.last_edited_starts[usize::from(first)] {
            return false; // most lines, told from one load
        }
        self.last_edited.iter().zip(&self.last_edited_spaceless).any(|(p, &spaceless)| {
            normalized.len() > p.len() + 1
                && normalized.starts_with(p.as_str())
                && (spaceless || normalized.as_bytes()[p.len()] == b' ')
        })
    }

    /// The author of a WordPress core header line: `Frank says:` gives `Frank`, and
    /// `Pingback: Some Page` gives `Some Page`.
    #[inline]
    pub fn core_author<'t>(&self, line: &'t str) -> Option<&'t str> {
        let (Some(&first), Some(&last)) = (line.as_bytes().first(), line.as_bytes().last()) else {
            return None;
        };
        let says = self.core_header_edges[usize::from(last)] & SAYS_END != 0;
        // Two bytes, as `T` starts much prose but `Tr` (`Trackback:`) little.
        let pingback = self.core_header_edges[usize::from(first)] & PINGBACK_START != 0
            && line
                .as_bytes()
                .get(1)
                .is_some_and(|&b| self.core_header_edges[usize::from(b)] & PINGBACK_SECOND != 0);
        if !says && !pingback {
            return None; // most lines, told here where the caller inlines it
        }
        self.core_author_of(line, says, pingback)
    }

    /// [`Self::core_author`] of a line that may end with a `says:` (`says`) or start with a
    /// `Pingback:` (`pingback`).
    fn core_author_of<'t>(&self, line: &'t str, says: bool, pingback: bool) -> Option<&'t str> {
        let ends = |suffix: &str| {
            line.len() > suffix.len()
                && line.is_char_boundary(line.len() - suffix.len())
                && line[line.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        let starts = |prefix: &str| {
            line.len() > prefix.len()
                && line.is_char_boundary(prefix.len())
                && line[..prefix.len()].eq_ignore_ascii_case(prefix)
        };
        if says {
            if let Some(says) = self.says.iter().find(|s| ends(s)) {
                // A name, not a sentence that ends in "says:" (`..., the app says:`).
                let name = line[..line.len() - says.len()].trim();
                let words = name.split_whitespace().count();
                let sentence = name.contains([',', ';', '.', '!', '?', ':']) && words > 2;
                return (words > 0 && words <= 6 && !sentence).then_some(name);
            }
        }
        if !pingback {
            return None;
        }
        let ping = self.pingback.iter().find(|p| starts(p))?;
        let title = line[ping.len()..].trim();
        (!title.is_empty() && title.chars().count() <= 200).then_some(title)
    }

    /// The units of shortened numbers with their factor, longest first.
    pub fn number_suffixes(&self) -> &[(String, u64)] {
        &self.number_suffixes
    }

    /// The length of the longest [`Self::number_suffixes`] unit (they are sorted longest
    /// first when loaded).
    pub fn longest_number_suffix(&self) -> usize {
        self.number_suffixes.first().map_or(0, |(unit, _)| unit.len())
    }

    /// False when no [`Self::number_suffixes`] starts with `byte`, compared as
    /// [`u8::to_ascii_lowercase`] gives it (`byte` is lowercased here).
    pub fn may_start_number_suffix(&self, byte: u8) -> bool {
        self.number_suffix_starts[usize::from(byte.to_ascii_lowercase())]
    }

    /// True when `text` is a role badge as a page prints it: the catalogue's spelling, or
    /// all in capitals (themes that uppercase labels); a lowercase `admin` is a user's name.
    pub fn is_role(&self, text: &str) -> bool {
        self.roles.contains(text)
            || (text.chars().any(char::is_alphabetic)
                && !text.chars().any(char::is_lowercase)
                && self.roles.iter().any(|r| r.to_uppercase() == text))
    }

    /// True when `text` is the comment form's own avatar alt text exactly as the catalogue
    /// writes it (`guest`).
    pub fn is_form_avatar_alt(&self, text: &str) -> bool {
        self.form_avatar_alts.contains(&text)
    }

    /// True when normalized `text` is a `Reply to` phrase of some language.
    pub fn is_reply_to(&self, text: &str) -> bool {
        self.reply_to.contains(text)
    }

    /// [`Self::is_reply_to`] of `text`, the text of a [`chrome`] phrase of class `class`,
    /// without hashing it: a `Reply to` text is a phrase of class `ReplyTo`, or `ReplyButton`
    /// where a language's button is the same words (classes by [`priority`]).
    pub fn is_reply_to_phrase(&self, text: &str, class: Class) -> bool {
        match class {
            Class::ReplyTo => true,
            Class::ReplyButton => self.reply_to_buttons.iter().any(|button| button == text),
            _ => false,
        }
    }

    /// True when normalized `text` is an `Anonymous` phrase of some language.
    pub fn is_anonymous(&self, text: &str) -> bool {
        self.anonymous.contains(text)
    }

    /// True for the normalized rest of a theme's count heading after its number, when its
    /// noun is also a chrome phrase: `replies to “title”` (a title must follow).
    pub fn is_theme_heading(&self, rest: &str) -> bool {
        self.heading_nouns.iter().any(|noun| {
            rest.strip_prefix(noun.as_str())
                .is_some_and(|after| after.starts_with(' ') && self.is_header_on_title(after))
        })
    }

    /// True when some theme heading noun (normalized) starts with `byte`.
    pub fn may_start_heading_noun(&self, byte: u8) -> bool {
        self.heading_noun_starts[usize::from(byte)]
    }

    /// A cheap test before normalizing: the line starts with the number one in words and a
    /// space (any case).
    pub fn may_start_heading_one(&self, line: &str) -> bool {
        let line = line.as_bytes();
        self.heading_one.iter().any(|one| {
            line.len() > one.len()
                && line[..one.len()].eq_ignore_ascii_case(one.as_bytes())
                && line[one.len()] == b' '
        })
    }

    /// True for a chrome line that is one `Reply` button phrase which is also a `Reply to`
    /// marker in the same words.
    pub fn is_ambiguous_reply_button(&self, seg: &Segmentation) -> bool {
        seg.is_single() && self.ambiguous_reply_buttons.binary_search(&seg.ids()[0]).is_ok()
    }

    /// The rest of a normalized line after the number one in words (`one` in `one response
    /// to “title”`), if it starts with it.
    pub fn after_heading_one<'t>(&self, normalized: &'t str) -> Option<&'t str> {
        self.heading_one.iter().find_map(|one| normalized.strip_prefix(one.as_str())?.strip_prefix(' '))
    }

    /// True for the normalized rest of a legacy count header after the count word:
    /// ` on "Title"` (quotes are not folded away).
    pub fn is_header_on_title(&self, after: &str) -> bool {
        let after = after.trim_start();
        let quoted = |rest: &str| {
            rest.trim_start().starts_with(['"', '\u{201c}', '\u{201e}', '\u{ab}', '\'', '\u{2018}'])
        };
        // Some languages' `on` is punctuation that normal form drops (Armenian `:`).
        quoted(after)
            || self.header_on.iter().any(|on| {
                !on.is_empty()
                    && after.len() > on.len() + 1
                    && after.starts_with(on.as_str())
                    && after.as_bytes()[on.len()] == b' '
            })
    }
}

/// [`Markers::core_header_edges`]: a byte ends a `says:`.
const SAYS_END: u8 = 1;
/// [`Markers::core_header_edges`]: a byte starts a `Pingback:`.
const PINGBACK_START: u8 = 2;
/// [`Markers::core_header_edges`]: a byte can be second in a `Pingback:` line.
const PINGBACK_SECOND: u8 = 4;

/// By byte: some of `texts` starts with it.
fn first_bytes(texts: &[String]) -> [bool; 256] {
    let mut starts = [false; 256];
    for first in texts.iter().filter_map(|text| text.as_bytes().first()) {
        starts[usize::from(*first)] = true;
    }
    starts
}

/// [`Markers::number_suffix_starts`]: the first byte of each unit, lowercased.
fn number_suffix_starts(suffixes: &[(String, u64)]) -> [bool; 256] {
    let mut starts = [false; 256];
    for (suffix, _) in suffixes {
        if let Some(&first) = suffix.as_bytes().first() {
            starts[usize::from(first.to_ascii_lowercase())] = true;
        }
    }
    starts
}

/// The last bytes of `says` and the first and second bytes of `pingback`, in either ASCII
/// case, as [`SAYS_END`], [`PINGBACK_START`] and [`PINGBACK_SECOND`] flags by byte.
fn core_header_edges(says: &[&str], pingback: &[&str]) -> [u8; 256] {
    let mut edges = [0; 256];
    let mut mark = |byte: Option<&u8>, flag: u8| {
        if let Some(&byte) = byte {
            edges[usize::from(byte.to_ascii_lowercase())] |= flag;
            edges[usize::from(byte.to_ascii_uppercase())] |= flag;
        }
    };
    says.iter().for_each(|text| mark(text.as_bytes().last(), SAYS_END));
    pingback.iter().for_each(|text| mark(text.as_bytes().first(), PINGBACK_START));
    pingback.iter().for_each(|text| mark(text.as_bytes().get(1), PINGBACK_SECOND));
    if pingback.iter().any(|text| text.len() == 1) {
        // A one-byte prefix: the title's first byte follows, any byte.
        edges.iter_mut().for_each(|edge| *edge |= PINGBACK_SECOND);
    }
    edges
}

/// The markers, built once.
pub(crate) fn markers() -> &'static Markers {
    static MARKERS: OnceLock<Markers> = OnceLock::new();
    MARKERS.get_or_init(Markers::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(line: &str) -> Option<Vec<Class>> {
        let mut n = Normalized::default();
        normalize_into(line, &mut n);
        let seg = chrome().segment(&n.text)?;
        Some(seg.phrases().map(|p| p.class).collect())
    }

    /// Every line of the test pages, and every phrase of the tables as a line's start, in
    /// the shapes pages print them (cased, spaced, continued, marked up).
    fn test_lines() -> Vec<String> {
        let mut lines = crate::test_pages::lines();
        for (_, texts) in catalog().entries() {
            for text in texts {
                lines.extend([
                    text.to_string(),
                    format!("{text} and more"),
                    format!("{text}s"),
                    format!("  {text}  "),
                    format!("{text}*"),
                    format!("[{text}]"),
                    text.replace(' ', "  "),
                    text.replace(' ', "\t"),
                    text.to_uppercase(),
                ]);
                // Every start of a phrase, which walks the trie and stops inside it.
                lines.extend(text.char_indices().map(|(i, _)| text[..i].to_string()));
            }
        }
        lines
    }

    /// The first look of [`opening_into`] never rules out a line the exact way would not.
    #[test]
    fn the_prefilter_rules_out_only_lines_that_open_with_no_phrase() {
        let lines = test_lines();
        let (mut ruled_out, mut exact) = (0, Normalized::default());
        for line in &lines {
            if openings().prefilter.rules_out(line) {
                ruled_out += 1;
                assert_eq!(fold_opening(line, &mut exact), Opening::Other, "{line:?}");
            }
        }
        // Most prose lines of the pages (the phrase variants above are mostly kept).
        assert!(ruled_out > 20_000, "the prefilter rules out {ruled_out} of {}", lines.len());
    }

    /// The walk on plain bytes tells the opening the exact way does, whenever it tells one.
    #[test]
    fn plain_openings_are_the_exact_openings() {
        let lines = test_lines();
        let (mut told, mut exact) = (0, Normalized::default());
        for line in &lines {
            if let Some(opening) = plain_opening(&openings().set, line) {
                told += 1;
                assert_eq!(opening, fold_opening(line, &mut exact), "{line:?}");
            }
        }
        // Most lines of the pages start with plain ASCII.
        assert!(told > 100_000, "the walk tells {told} of {}", lines.len());
    }

    /// The second look at a line's opening ([`opens_with_no_phrase`]) says `Other` only
    /// where the exact walk does, also after markup that folds away.
    #[test]
    fn lines_that_open_with_no_phrase_are_the_exact_walks() {
        let mut lines = test_lines();
        let marked: Vec<String> = lines
            .iter()
            .flat_map(|l| [format!("* {l}"), format!("|**{l}"), format!("* [{l}](https://example.com/{l})")])
            .collect();
        lines.extend(marked);
        let (mut told, mut exact) = (0, Normalized::default());
        for line in &lines {
            if opens_with_no_phrase(line) {
                told += 1;
                assert_eq!(fold_opening(line, &mut exact), Opening::Other, "{line:?}");
            }
        }
        assert!(told > 100_000, "told {told} of {}", lines.len());
        for line in [
            "* Use a single SSD",
            "• Use a single SSD",
            "(HAOS). HAOS is",
            ". Click on",
            "Majority of people",
            "* [Managed Services](https://www.percona.com/services/managed-services)",
        ] {
            assert!(opens_with_no_phrase(line), "{line}");
        }
        for line in [
            "* Reply",
            "Reply to Frank",
            "**Leave a Reply**",
            "14 Comments",
            "",
            "* ",
            "* [Reply](#x)",
            "* [5]",
        ] {
            assert!(!opens_with_no_phrase(line), "{line}");
        }
    }

    /// No phrase opens with a digit (the second look at a line that starts with a number
    /// relies on it, and asks); the heading nouns' first bytes are theirs.
    #[test]
    fn digits_open_no_phrase_and_heading_nouns_have_their_first_bytes() {
        assert!(digits_open_no_phrase());
        let markers = markers();
        for noun in &markers.heading_nouns {
            assert!(markers.may_start_heading_noun(noun.as_bytes()[0]), "{noun}");
        }
        assert!(!markers.may_start_heading_noun(b'.'));
    }

    /// The first-byte table of the number units says what comparing each unit's first byte
    /// (as `rules::scale` does) says, for every byte.
    #[test]
    fn number_suffix_starts_are_the_units_first_bytes() {
        let markers = markers();
        for byte in 0..=u8::MAX {
            let some_unit_starts = markers.number_suffixes().iter().any(|(unit, _)| {
                unit.as_bytes().first().map(u8::to_ascii_lowercase) == Some(byte.to_ascii_lowercase())
            });
            assert_eq!(markers.may_start_number_suffix(byte), some_unit_starts, "{byte}");
        }
        assert!(markers.may_start_number_suffix(b'K') && !markers.may_start_number_suffix(b'-'));
    }

    #[test]
    fn longest_number_suffix_is_the_longest_unit() {
        let markers = markers();
        let longest = markers.number_suffixes().iter().map(|(unit, _)| unit.len()).max();
        assert_eq!(Some(markers.longest_number_suffix()), longest);
    }

    /// [`opening_into`], with its first look, whole-line lookup, plain walk and fold of short
    /// lines ([`folded_opening`]), tells the opening the exact way does, and leaves the whole
    /// normal form when the rules need it.
    #[test]
    fn openings_are_the_exact_openings() {
        let (mut out, mut exact) = (Normalized::default(), Normalized::default());
        for line in &test_lines() {
            assert_opening_is_exact(line, &mut out, &mut exact);
        }
        // A phrase with a trailing space, as an untrimmed caller may pass it (once a proptest
        // failure of the whole-line lookup).
        for line in ["Voted ", "Most Voted ", "Notify of "] {
            assert_opening_is_exact(line, &mut out, &mut exact);
        }
    }

    fn assert_opening_is_exact(line: &str, out: &mut Normalized, exact: &mut Normalized) {
        exact.text.clear();
        let opening = opening_into(line, out);
        assert_eq!(opening, fold_opening(line, exact), "{line:?}");
        if matches!(opening, Opening::Digit | Opening::Phrase) {
            assert_eq!(out.text, normalize(line), "{line:?}");
            // The phrase handed over is the one segmenting would find.
            let ids = |seg: Option<Segmentation>| seg.map(|seg| seg.ids().to_vec());
            assert_eq!(ids(chrome_segment(out)), ids(chrome().segment(&out.text)), "{line:?}");
        }
    }

    #[test]
    fn plain_openings_of_shapes() {
        let set = &openings().set;
        assert_eq!(plain_opening(set, "Notify of"), Some(Opening::Phrase));
        assert_eq!(plain_opening(set, "  Reply   to Bob"), Some(Opening::Phrase));
        assert_eq!(plain_opening(set, "14 Comments"), Some(Opening::Digit));
        assert_eq!(plain_opening(set, "Xylophones are loud"), Some(Opening::Other));
        assert_eq!(plain_opening(set, "Notify  "), Some(Opening::Other), "a phrase's start, then the end");
        // Markup, tabs and non-ASCII before the walk ends leave it to the exact way.
        for line in ["\\*Name", "Na\\me", "[Reply]", "Notify\tof", "Notify \u{a0}of", "Δ", "{}", "   ", ""] {
            assert_eq!(plain_opening(set, line), None, "{line:?}");
        }
    }

    proptest::proptest! {
        /// Also on lines made of phrase pieces, spaces and markup in any order.
        #[test]
        fn plain_openings_agree_on_any_line(
            line in "((Reply|Notify|of|to|Most|Voted|New|Log|in|[a-zA-Z0-9' .,-]|[ ]+|\\[|\\]|\\*|\\\\|\t|\u{a0}|é|É|\\{\\}|\\(BUTTON\\)){0,12})",
        ) {
            if let Some(opening) = plain_opening(&openings().set, &line) {
                proptest::prop_assert_eq!(opening, fold_opening(&line, &mut Normalized::default()));
            }
            assert_opening_is_exact(&line, &mut Normalized::default(), &mut Normalized::default());
        }
    }

    #[test]
    fn whole_line_phrases_in_any_language() {
        assert_eq!(classes("Notify of"), Some(vec![Class::Anchor]));
        assert_eq!(classes("Benachrichtige mich bei"), Some(vec![Class::Anchor]));
        assert_eq!(classes("  Inline Feedbacks                    "), Some(vec![Class::Anchor]));
        assert_eq!(classes("Name\\*"), Some(vec![Class::Form]));
        assert_eq!(classes("Évaluation de l'article"), Some(vec![Class::RatingTitle]));
        assert_eq!(classes("Load More Comments   "), Some(vec![Class::More]));
        assert_eq!(classes("Frank O'hara"), None);
        assert_eq!(classes("comment image"), None);
    }

    #[test]
    fn markers_match_prefixes() {
        assert!(markers().is_last_edited("last edited 2 years ago by frank"));
        assert!(markers().is_last_edited("zuletzt bearbeitet 2 jahre zuvor von frank"));
        assert!(!markers().is_last_edited("last edited"));
        assert!(markers().is_last_edited("最近由 ibrar ahmed 编辑的 2 小时 之前"));
        assert!(markers().is_last_edited("最后由fpuga编辑于9 小时 前"));
        assert!(!markers().is_last_edited("last editedx"));
        assert!(markers().is_header_on_title(" on \"how to\""));
        assert!(!markers().is_header_on_title(" online"));
    }

    #[test]
    fn form_avatar_alts_are_the_catalogue_texts() {
        assert!(markers().is_form_avatar_alt("guest") && markers().is_form_avatar_alt("avatar"));
        assert!(!markers().is_form_avatar_alt("Guest") && !markers().is_form_avatar_alt(" guest"));
        for (_, texts) in catalog().entries() {
            for text in texts {
                let form = catalog().texts("literal_form_avatar_alt_guest").contains(text);
                assert_eq!(markers().is_form_avatar_alt(text), form, "{text:?}");
            }
        }
    }

    /// A `Reply to` phrase is told by its class as by its text.
    #[test]
    fn reply_to_phrases_are_told_by_their_class() {
        let mut told = 0;
        for (key, texts) in catalog().entries().filter(|(key, _)| class_of(key).is_some()) {
            for text in texts.iter().map(|text| normalize(text)) {
                let Some(phrase) = chrome().get(&text) else { continue };
                let reply_to = markers().is_reply_to(&text);
                assert_eq!(markers().is_reply_to_phrase(&text, phrase.class), reply_to, "{key} {text:?}");
                told += usize::from(reply_to);
            }
        }
        assert!(told > 10 && !markers().reply_to_buttons.is_empty(), "{told}");
    }

    /// [`Markers::is_last_edited`] as it was before its first-byte look.
    fn is_last_edited_exact(normalized: &str) -> bool {
        markers().last_edited.iter().any(|p| {
            let spaceless = p.chars().last().is_some_and(|c| !c.is_ascii() && c as u32 >= 0x2e80);
            normalized.len() > p.len() + 1
                && normalized.starts_with(p.as_str())
                && (spaceless || normalized.as_bytes()[p.len()] == b' ')
        })
    }

    #[test]
    fn last_edited_filter_agrees_on_every_test_line() {
        let mut lines = crate::test_pages::lines();
        lines.extend(
            catalog()
                .texts("wc_last_edited")
                .iter()
                .map(|t| t.replace("%1$s", "2 days ago").replace("%2$s", "Ann")),
        );
        let mut edited = 0;
        for line in lines {
            let normalized = normalize(&line);
            assert_eq!(markers().is_last_edited(&normalized), is_last_edited_exact(&normalized), "{line:?}");
            edited += usize::from(is_last_edited_exact(&normalized));
        }
        assert!(edited > 30, "{edited}");
    }

    proptest::proptest! {
        #[test]
        fn last_edited_filter_agrees_on_any_line(line in "((last|edited|最近由|由|编辑的|[a-z]|[ ]+|é){0,6})") {
            assert_eq!(markers().is_last_edited(&line), is_last_edited_exact(&line), "{line:?}");
        }
    }

    #[test]
    fn wordpress_core_authors() {
        assert_eq!(markers().core_author("Anna Berg says:"), Some("Anna Berg"));
        assert_eq!(markers().core_author("Frank sagt:"), Some("Frank"));
        assert_eq!(markers().core_author("Pingback: Weekend guide"), Some("Weekend guide"));
        assert_eq!(markers().core_author("when I print, the app says:"), None);
        assert_eq!(markers().core_author("says:"), None);
        assert_eq!(markers().core_author("ANNA SAYS:"), Some("ANNA"));
        assert_eq!(markers().core_author("trackback: Some Page"), Some("Some Page"));
        assert_eq!(markers().core_author("The app says: hi"), None);
    }

    /// The edge-byte filter only skips lines that [`Markers::core_author_of`] would refuse.
    fn assert_core_author_is_exact(line: &str) {
        let exact = markers().core_author_of(line, true, true);
        assert_eq!(markers().core_author(line), exact, "{line:?}");
    }

    #[test]
    fn core_author_filter_agrees_on_every_test_line() {
        for line in crate::test_pages::lines() {
            assert_core_author_is_exact(&line);
            assert_core_author_is_exact(line.trim());
        }
        for line in ["Pingback: x", "TRACKBACK: x", "P", "Pi", "T: x", "Tr", "Trackback:", "Anna says:"] {
            assert_core_author_is_exact(line);
        }
    }

    proptest::proptest! {
        #[test]
        fn core_author_filter_agrees_on_any_line(
            line in "((Pingback:|Trackback:|says:|sagt:|[pPtTiIrR]|[a-z :]|é|Ж|[ ]+){0,6})",
        ) {
            assert_core_author_is_exact(&line);
        }
    }

    #[test]
    fn core_headers_are_told_from_their_edge_bytes() {
        let edges = core_header_edges(&["says:", "dit :", "X"], &["Pingback:"]);
        let flagged =
            |flag: u8| (0..=u8::MAX).filter(|&b| edges[usize::from(b)] & flag != 0).collect::<Vec<_>>();
        assert_eq!(flagged(SAYS_END), b":Xx");
        assert_eq!(flagged(PINGBACK_START), b"Pp");
        assert_eq!(flagged(PINGBACK_SECOND), b"Ii");
        let one_byte = core_header_edges(&[], &["Pingback:", "#"]);
        assert!(one_byte.iter().all(|edge| edge & PINGBACK_SECOND != 0));
    }

    #[test]
    fn glued_phrases_split() {
        assert_eq!(classes("Newest Most Voted"), Some(vec![Class::Sort, Class::Sort]));
        assert_eq!(classes("wpDiscuzInsert "), Some(vec![Class::PageFooter, Class::PageFooter]));
        assert_eq!(
            classes("new follow-up comments new replies to my comments"),
            Some(vec![Class::Form, Class::Form])
        );
        assert_eq!(classes("Inline Feedbacks View all comments"), Some(vec![Class::Anchor, Class::Anchor]));
        assert_eq!(
            classes("Sort by:   newest | oldest | most voted"),
            Some(vec![Class::Anchor, Class::Sort, Class::Sort, Class::Sort])
        );
        assert_eq!(classes("Newest Frank"), None);
    }

    #[test]
    fn loads_every_language_of_a_key() {
        let notify = catalog().texts("wc_notify_of");
        assert_eq!(notify[0], "Notify of");
        assert!(notify.contains(&"Benachrichtige mich bei"), "{notify:?}");
        assert!(notify.len() > 10);
    }

    #[test]
    fn texts_are_distinct_and_non_empty() {
        for (key, texts) in catalog().entries() {
            let mut sorted = texts.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), texts.len(), "{key}");
            assert!(texts.iter().all(|t| !t.is_empty()), "{key}");
        }
    }

    #[test]
    fn legacy_keys_are_loaded() {
        assert!(catalog().texts("wc_sort_by").contains(&"Sort by"));
        assert!(catalog().texts("wc_share_twitter").contains(&"Share On Twitter"));
    }
}

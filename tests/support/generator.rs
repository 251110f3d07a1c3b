//! A deterministic generator of wpDiscuz test pages, each with the truth it encodes.
//!
//! [`generate`] renders a random article and comment thread to text the way a crawler or an
//! HTML-to-text converter would have dumped it, and returns the [`Truth`]: what a correct
//! parse of that text must give. [`check`] compares a parsed [`Dump`] with a truth, and
//! [`render_canonical`] writes a parsed dump back in the plain shape of the reference page.
//!
//! Everything is a pure function of the seed and the [`Options`]: the same inputs give the
//! same page on every machine (own SplitMix64, no hash-map iteration in the output path).
//!
//! # Truth conventions
//!
//! * Text is compared with whitespace runs (spaces, NBSP, CR, line breaks) collapsed to one
//!   space and the ends trimmed ([`normalize`]). A hard-wrapped paragraph is one paragraph.
//! * A paragraph is a maximal run of non-blank lines (blank = whitespace only) of one part of
//!   the page. The truth groups the lines it rendered, so it claims exactly what the text
//!   shows: crawler markdown without blank lines between a comment's paragraphs has one body
//!   paragraph; `soup` text, where every fragment stands alone, has one paragraph per line.
//! * A comment whose author line the dump lost has `author: None`, except when it has a
//!   direct reply: then `author` is the reply's `to` name and `author_inferred` is true.
//!   Replies name their direct parent's display name (`Reply to NAME`, or in crawler
//!   markdown a `[ NAME ](...#comment-N)` link). The generator never makes a `to` name
//!   ambiguous: no other comment with that name sits on the parent's ancestor path or later
//!   in its thread, and a parent without an author line is the only such comment there.
//! * Legacy 4.x pages have no reply markers, so every comment is top level.
//! * Pingbacks are ordinary comments: the linking page's title is the author, the body is
//!   `[…] excerpt […]`, no role.
//! * `posted.text` is the date as shown, without converter residue (`__`, indentation);
//!   `at` is set for absolute dates only, `ago` (ISO 8601) for relative ones. Absolute
//!   comment dates always carry a time; date-only lines (`March 18, 2024`), `About 5 months
//!   ago` and `Jul 30, 23:40` occur only in the trailer. Pages with numeric dates always have
//!   one whose day is over 12, so the day-month order is decidable.
//! * `votes` is the number under the comment (`1.2K` is 1200); `edited` the whole
//!   `Last edited ... by ...` line; `role` the badge text; `author_url` the markdown link
//!   target (`[Name](url)`), only in the markdown shapes.
//! * `trailer` is every paragraph after the thread (after its last comment, or after the
//!   thread head when it is empty) except wpDiscuz chrome (`Load More Comments`, the final
//!   `wpDiscuz` / `Insert`). A trailer is only generated where the thread visibly ended: the
//!   last comment has a footer (`Reply` or votes) or the thread is empty or cut by a
//!   load-more marker. `discussion.other` is always empty.
//! * The rating `average` has at most one decimal; `count` is the `N Comments` number or
//!   `None` when the header is not shown.
//! * `title` exists only in the markdown shapes (`# Title`); the credit line (`source`) is
//!   `Outlet / Outlet 2021.` or `Source: Outlet`, and no article paragraph looks like one.
//!
//! # Traps the pages contain on purpose
//!
//! Most come from real dumps (corpus file in parentheses): the NBSP of `Reply to\u{a0} ` is
//! all that tells a soup marker line from the `Reply` button in Chinese and Vietnamese,
//! where both words are the same; lynx runs the last body paragraph into the vote number;
//! w3m and lynx print the avatar alt as a line repeating the author (dev-html 08);
//! html2text wraps avatar alts and share links (013); legacy pages glue votes, `REPLY` and
//! the date (`9  REPLY3 months 11 days ago`, 001); a trailer may hold a title followed by a
//! date-only line (014); counts can read `1.2K` (with a right-to-left mark in Hebrew).
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::OnceLock;

use article_dump::{Comment, Dump};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

// ---------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------

/// SplitMix64: small, fast and plenty for test data.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator whose whole output is fixed by `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % (u64::from(hi - lo) + 1)) as u32
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Options: what kind of page to generate
// ---------------------------------------------------------------------------------------

/// Every language column of `src/phrases/wpdiscuz7.tsv`.
#[rustfmt::skip]
pub const LANGUAGES: [&str; 21] = [
    "en", "de", "fr", "es", "pt", "it", "ru", "pl", "nl", "tr", "zh", "uk", "he", "fa", "ar", "hu",
    "hy", "eo", "pt_pt", "vi", "sr",
];

/// The comment template (spec section 2), or the legacy 4.x walker (section 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Label, author, date, `Reply to`: the default layout.
    One,
    /// Author, label, `Reply to`, date.
    Two,
    /// As layout 2 for replies; a top-level status text follows the date.
    Three,
    /// wpDiscuz 4.x: `Guest` label, date after the body, `Vote Up`/`Vote Down`, no reply
    /// markers.
    Legacy4,
}

impl Layout {
    /// All layouts.
    pub const ALL: [Layout; 4] = [Layout::One, Layout::Two, Layout::Three, Layout::Legacy4];
}

/// The shape of the text: which crawler or converter the dump looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A tag-stripper's plain text (corpus 000, 003, 004).
    Plain,
    /// Crawler markdown (corpus 012): avatar images, `[Name](url)`, parent links.
    Markdown,
    /// `w3m -dump -cols 100`: hard-wrapped, form widgets, avatar alt before the author.
    W3m,
    /// `lynx -dump -width=100`: three-space indent, wrapped.
    Lynx,
    /// python html2text: a blank line between all elements, `__` icon residue.
    Html2text,
    /// python inscriptis: indentation growing with depth.
    Inscriptis,
    /// BeautifulSoup `get_text("\n")`: one fragment per line, blank runs between.
    Soup,
}

impl Shape {
    /// All shapes.
    pub const ALL: [Shape; 7] = [
        Shape::Plain,
        Shape::Markdown,
        Shape::W3m,
        Shape::Lynx,
        Shape::Html2text,
        Shape::Inscriptis,
        Shape::Soup,
    ];

    fn is_markdown(self) -> bool {
        matches!(self, Shape::Markdown | Shape::Html2text)
    }
}

/// How comment dates are printed (spec section 3 and 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// `d-m-y H:i`: `20-08-21 17:27`.
    DayMonthYearDash,
    /// `d/m/Y g:i a`: `20/08/2021 5:27 pm`.
    DayMonthYearSlash,
    /// `m/d/Y g:i a`: `08/20/2021 5:27 pm`.
    MonthDayYearSlash,
    /// `Y-m-d H:i`: `2021-08-20 17:27`.
    Iso,
    /// `F j, Y g:i a`: `August 20, 2021 5:27 pm` (English month names).
    EnglishLong,
    /// `F j, Y at g:i a`: `August 20, 2021 at 5:27 pm`.
    EnglishLongAt,
    /// `j F Y H:i` with the page language's month names where known: `20 août 2021 17:27`.
    LocalLong,
    /// `N unit(s) ago` in the page language, one unit (wpDiscuz 5 and 7).
    Relative,
    /// `N unit(s) M unit(s) ago`, up to two units (wpDiscuz 4).
    RelativeTwoUnits,
    /// No dates at all (a crawler dropped them, corpus 012).
    Hidden,
}

impl DateForm {
    /// All date forms.
    pub const ALL: [DateForm; 10] = [
        DateForm::DayMonthYearDash,
        DateForm::DayMonthYearSlash,
        DateForm::MonthDayYearSlash,
        DateForm::Iso,
        DateForm::EnglishLong,
        DateForm::EnglishLongAt,
        DateForm::LocalLong,
        DateForm::Relative,
        DateForm::RelativeTwoUnits,
        DateForm::Hidden,
    ];

    fn is_numeric(self) -> bool {
        matches!(self, DateForm::DayMonthYearDash | DateForm::DayMonthYearSlash | DateForm::MonthDayYearSlash)
    }

    fn is_relative(self) -> bool {
        matches!(self, DateForm::Relative | DateForm::RelativeTwoUnits)
    }
}

/// Line endings of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineEnding {
    /// `\n`.
    Lf,
    /// `\r\n`.
    CrLf,
}

/// Trailing whitespace on lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrailingSpaces {
    /// None added.
    None,
    /// A few lines get some spaces.
    Some,
    /// Every line, blank ones included, ends in two spaces (corpus 011).
    All,
}

/// Which parts of the wpDiscuz furniture the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Chrome {
    /// The article-rating widget (`4.5 2 votes` / `Article Rating`); never on legacy pages.
    pub rating: bool,
    /// `Subscribe` and `Login` above the form.
    pub subscribe: bool,
    /// `Notify of` and its two options.
    pub notify: bool,
    /// Copies of the form labels (`Label`, `{}`, `[+]`, `Name*`, ..., `Δ`): 0, 1 or 2.
    pub forms: u8,
    /// The `N Comments` header.
    pub count: bool,
    /// Sort buttons (`Oldest` / `Newest` / `Most Voted`, legacy `Sort by:`).
    pub sort: bool,
    /// `Inline Feedbacks` / `View all comments`.
    pub inline_feedbacks: bool,
    /// The vote number under each comment (always on legacy pages).
    pub votes: bool,
    /// The `Reply` button under each comment (always on when dates are hidden).
    pub reply_buttons: bool,
    /// `wpDiscuz` / `Insert` at the very end of the page.
    pub end_marks: bool,
}

/// What kind of page [`generate`] renders. Any combination is accepted: impossible ones
/// are adjusted (a legacy page has no rating widget, a page without dates shows `Reply`
/// buttons so that comments stay delimited, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// A column of [`LANGUAGES`].
    pub language: &'static str,
    /// Use the translate.wordpress.org pack wording (`packs.tsv`) where it has the language.
    pub packs: bool,
    /// Comment template.
    pub layout: Layout,
    /// Converter shape.
    pub shape: Shape,
    /// Comment date form.
    pub dates: DateForm,
    /// Relative dates with the adjective first (`il y a 2 années`) instead of last.
    pub ago_first: bool,
    /// Which chrome appears.
    pub chrome: Chrome,
    /// Whether the page has a comment section at all.
    pub discussion: bool,
    /// Number of comments and replies rendered.
    pub comments: usize,
    /// Deepest reply level (1 = replies to top-level comments only).
    pub max_depth: usize,
    /// A `Load More Comments` (or `View Comments`) marker after the list.
    pub more: bool,
    /// A site footer after the thread.
    pub trailer: bool,
    /// A markdown `# Title` (markdown shapes only).
    pub title: bool,
    /// A credit line after the article.
    pub source: bool,
    /// Probability that a comment answers an earlier one.
    pub p_reply: f64,
    /// Probability that a comment's author line is missing (only when it has a date).
    pub p_missing_author: f64,
    /// Probability of a role badge.
    pub p_role: f64,
    /// Probability of a `Last edited` line.
    pub p_edited: f64,
    /// Probability that a top-level comment is a pingback.
    pub p_pingback: f64,
    /// Probability of a `comment image` body.
    pub p_image: f64,
    /// Probability that an author name is a link (markdown shapes).
    pub p_link: f64,
    /// Plain shape only: runs of blank lines between all parts (corpus 003).
    pub loose: bool,
    /// Html2text only: hard wrap at 78 columns (corpus 013).
    pub wrap: bool,
    /// Line endings.
    pub line_ending: LineEnding,
    /// Trailing whitespace.
    pub trailing_spaces: TrailingSpaces,
    /// A UTF-8 byte-order mark before the text.
    pub bom: bool,
}

impl Default for Options {
    /// An English layout-1 plain page like the reference page, with a bit of everything.
    fn default() -> Options {
        Options {
            language: "en",
            packs: false,
            layout: Layout::One,
            shape: Shape::Plain,
            dates: DateForm::DayMonthYearDash,
            ago_first: false,
            chrome: Chrome {
                rating: true,
                subscribe: true,
                notify: true,
                forms: 2,
                count: true,
                sort: true,
                inline_feedbacks: true,
                votes: true,
                reply_buttons: true,
                end_marks: true,
            },
            discussion: true,
            comments: 8,
            max_depth: 4,
            more: false,
            trailer: true,
            title: false,
            source: true,
            p_reply: 0.4,
            p_missing_author: 0.15,
            p_role: 0.2,
            p_edited: 0.1,
            p_pingback: 0.1,
            p_image: 0.05,
            p_link: 0.5,
            loose: false,
            wrap: false,
            line_ending: LineEnding::Lf,
            trailing_spaces: TrailingSpaces::None,
            bom: false,
        }
    }
}

impl Options {
    /// Random options covering every language, layout, shape, date form and chrome part.
    pub fn random(rng: &mut Rng) -> Options {
        let language = if rng.chance(0.35) { "en" } else { *rng.pick(&LANGUAGES) };
        let layout = match rng.below(20) {
            0..=6 => Layout::One,
            7..=11 => Layout::Two,
            12..=15 => Layout::Three,
            _ => Layout::Legacy4,
        };
        let shape = if rng.chance(0.2) { Shape::Plain } else { *rng.pick(&Shape::ALL) };
        let dates = if layout == Layout::Legacy4 && rng.chance(0.6) {
            DateForm::RelativeTwoUnits
        } else if rng.chance(0.35) {
            DateForm::Relative
        } else {
            *rng.pick(&DateForm::ALL)
        };
        let comments = match rng.below(12) {
            0 => 0,
            1..=3 => rng.between(1, 3) as usize,
            4..=9 => rng.between(4, 12) as usize,
            _ => rng.between(13, 40) as usize,
        };
        Options {
            language,
            packs: rng.chance(0.3),
            layout,
            shape,
            dates,
            ago_first: rng.chance(0.15),
            chrome: Chrome {
                rating: rng.chance(0.6),
                subscribe: rng.chance(0.6),
                notify: rng.chance(0.8),
                forms: *rng.pick(&[0, 1, 2, 2, 2]),
                count: rng.chance(0.7),
                sort: rng.chance(0.6),
                inline_feedbacks: rng.chance(0.6),
                votes: rng.chance(0.6),
                reply_buttons: rng.chance(0.6),
                end_marks: rng.chance(0.5),
            },
            discussion: rng.chance(0.93),
            comments,
            max_depth: if rng.chance(0.1) { rng.between(6, 10) } else { rng.between(1, 5) } as usize,
            more: rng.chance(0.15),
            trailer: rng.chance(0.45),
            title: rng.chance(0.5),
            source: rng.chance(0.3),
            p_reply: rng.unit() * 0.6,
            p_missing_author: if rng.chance(0.5) { 0.0 } else { 0.05 + rng.unit() * 0.35 },
            p_role: 0.1 + rng.unit() * 0.3,
            p_edited: rng.unit() * 0.15,
            p_pingback: if rng.chance(0.7) { 0.0 } else { 0.1 + rng.unit() * 0.5 },
            p_image: 0.05,
            p_link: rng.unit(),
            loose: rng.chance(0.25),
            wrap: rng.chance(0.4),
            line_ending: if rng.chance(0.1) { LineEnding::CrLf } else { LineEnding::Lf },
            trailing_spaces: match rng.below(20) {
                0..=16 => TrailingSpaces::None,
                17 | 18 => TrailingSpaces::Some,
                _ => TrailingSpaces::All,
            },
            bom: rng.chance(0.03),
        }
    }

    /// The options as [`generate`] uses them: impossible combinations adjusted.
    pub fn normalized(&self) -> Options {
        let mut o = self.clone();
        if !LANGUAGES.contains(&o.language) {
            o.language = "en";
        }
        if o.layout == Layout::Legacy4 {
            // 4.x has no rating widget and always prints `Vote Up N Vote Down`.
            o.chrome.rating = false;
            o.chrome.votes = true;
            if o.dates == DateForm::Hidden {
                o.dates = DateForm::RelativeTwoUnits;
            }
        }
        if o.dates == DateForm::Hidden {
            // Without dates only the footer separates one comment from the next.
            o.chrome.reply_buttons = true;
        }
        if matches!(o.shape, Shape::Soup | Shape::Html2text) || (o.shape == Shape::Plain && o.loose) {
            // Blank lines between all parts leave only the footer to tell a comment's last
            // paragraph from the next author line (the real dumps of these shapes, corpus
            // 003/016 and dev-html soup and html2text, always have it).
            o.chrome.reply_buttons = true;
        }
        if !o.discussion {
            o.comments = 0;
            o.more = false;
            o.trailer = false;
            o.chrome.rating = false;
        }
        let c = &o.chrome;
        let anchored = c.rating || c.subscribe || c.notify || c.forms > 0 || c.count || c.sort;
        if o.layout != Layout::Legacy4 && !anchored && !c.inline_feedbacks {
            // Something must say where the article ends and the comment section begins.
            o.chrome.notify = true;
        }
        o.chrome.forms = o.chrome.forms.min(2);
        o.comments = o.comments.min(60);
        o.max_depth = o.max_depth.clamp(1, 12);
        for p in [
            &mut o.p_reply,
            &mut o.p_missing_author,
            &mut o.p_role,
            &mut o.p_edited,
            &mut o.p_pingback,
            &mut o.p_image,
            &mut o.p_link,
        ] {
            *p = p.clamp(0.0, 1.0);
        }
        o
    }
}

// ---------------------------------------------------------------------------------------
// The truth: what a correct parse of a generated page gives
// ---------------------------------------------------------------------------------------

/// A generated page: the text and what it encodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page text.
    pub text: String,
    /// What a correct parse of `text` gives.
    pub truth: Truth,
}

/// The expected parse of a page, mirroring [`Dump`] without spans, lines and warnings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Truth {
    /// Article title (`# Title`), without the `# `.
    pub title: Option<String>,
    /// Article paragraphs.
    pub paragraphs: Vec<String>,
    /// The credit line.
    pub source: Option<String>,
    /// Page furniture after the article.
    pub furniture: Vec<String>,
    /// The rating widget.
    pub rating: Option<TruthRating>,
    /// The comment section.
    pub discussion: Option<TruthDiscussion>,
    /// Paragraphs after the comment section.
    pub trailer: Vec<String>,
}

/// Expected [`article_dump::Rating`].
#[derive(Debug, Clone, PartialEq)]
pub struct TruthRating {
    /// Average, at most one decimal.
    pub average: f64,
    /// Vote count.
    pub votes: u64,
    /// Title line.
    pub title: String,
}

/// Expected [`article_dump::Discussion`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TruthDiscussion {
    /// The `N Comments` number.
    pub count: Option<u64>,
    /// A load-more marker was shown.
    pub more: bool,
    /// Top-level comments with nested replies.
    pub comments: Vec<TruthComment>,
    /// Unplaced text in the section (always empty in generated pages).
    pub other: Vec<String>,
}

/// Expected [`Comment`] (with `to` for a reply).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TruthComment {
    /// For a reply, the name it answers; `None` for a top-level comment.
    pub to: Option<String>,
    /// Display name.
    pub author: Option<String>,
    /// Link on the name.
    pub author_url: Option<String>,
    /// Name recovered from a reply's `to`.
    pub author_inferred: bool,
    /// Role badge.
    pub role: Option<String>,
    /// Date.
    pub posted: Option<TruthPosted>,
    /// Body paragraphs.
    pub body: Vec<String>,
    /// Vote number.
    pub votes: Option<i64>,
    /// The `Last edited ... by ...` line.
    pub edited: Option<String>,
    /// Direct replies.
    pub replies: Vec<TruthComment>,
}

/// Expected [`article_dump::Posted`].
#[derive(Debug, Clone, PartialEq)]
pub struct TruthPosted {
    /// The date as shown.
    pub text: String,
    /// Local date-time of an absolute date.
    pub at: Option<NaiveDateTime>,
    /// ISO 8601 duration of a relative date (`P2Y`, `P3M11D`, `PT0S`).
    pub ago: Option<String>,
}

impl Truth {
    /// The truth a dump claims: for comparing two parses with [`check`].
    pub fn from_dump(dump: &Dump<'_>) -> Truth {
        fn comment(c: &Comment<'_>, to: Option<&str>) -> TruthComment {
            TruthComment {
                to: to.map(str::to_owned),
                author: c.author.as_deref().map(str::to_owned),
                author_url: c.author_url.as_deref().map(str::to_owned),
                author_inferred: c.author_inferred,
                role: c.role.as_deref().map(str::to_owned),
                posted: c.posted.as_ref().map(|p| TruthPosted {
                    text: p.text.to_string(),
                    at: p.at,
                    ago: p.ago.map(|a| a.to_string()),
                }),
                body: c.body.iter().map(|p| p.to_string()).collect(),
                votes: c.votes,
                edited: c.edited.as_deref().map(str::to_owned),
                replies: c.replies.iter().map(|r| comment(&r.comment, Some(&r.to))).collect(),
            }
        }
        Truth {
            title: dump.article.title.as_deref().map(str::to_owned),
            paragraphs: dump.article.paragraphs.iter().map(|p| p.to_string()).collect(),
            source: dump.article.source.as_deref().map(str::to_owned),
            furniture: dump.article.furniture.iter().map(|p| p.to_string()).collect(),
            rating: dump.rating.as_ref().map(|r| TruthRating {
                average: r.average,
                votes: r.votes,
                title: r.title.to_string(),
            }),
            discussion: dump.discussion.as_ref().map(|d| TruthDiscussion {
                count: d.count,
                more: d.more,
                comments: d.comments.iter().map(|c| comment(c, None)).collect(),
                other: d.other.iter().map(|p| p.to_string()).collect(),
            }),
            trailer: dump.trailer.iter().map(|p| p.to_string()).collect(),
        }
    }

    /// The truth in the JSON shape of `SCHEMA.md` (without spans, lines and warnings).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        fn comment(c: &TruthComment) -> serde_json::Value {
            let mut v = json!({
                "author": c.author,
                "author_url": c.author_url,
                "author_inferred": c.author_inferred,
                "role": c.role,
                "posted": c.posted.as_ref().map(|p| json!({
                    "text": p.text,
                    "at": p.at.map(|at| at.format("%Y-%m-%dT%H:%M:%S").to_string()),
                    "ago": p.ago,
                })),
                "body": c.body,
                "votes": c.votes,
                "edited": c.edited,
                "replies": c.replies.iter().map(comment).collect::<Vec<_>>(),
            });
            if let (Some(to), Some(map)) = (&c.to, v.as_object_mut()) {
                map.insert("to".into(), json!(to));
            }
            v
        }
        json!({
            "article": {
                "title": self.title, "paragraphs": self.paragraphs, "source": self.source,
                "furniture": self.furniture,
            },
            "rating": self.rating.as_ref().map(|r| json!({
                "average": r.average, "votes": r.votes, "title": r.title,
            })),
            "discussion": self.discussion.as_ref().map(|d| json!({
                "count": d.count,
                "more": d.more,
                "comments": d.comments.iter().map(comment).collect::<Vec<_>>(),
                "other": d.other,
            })),
            "trailer": self.trailer,
        })
    }

    /// Every comment and reply, depth first in page order.
    pub fn comments(&self) -> Vec<&TruthComment> {
        fn walk<'t>(c: &'t TruthComment, out: &mut Vec<&'t TruthComment>) {
            out.push(c);
            for r in &c.replies {
                walk(r, out);
            }
        }
        let mut out = Vec::new();
        for c in self.discussion.iter().flat_map(|d| &d.comments) {
            walk(c, &mut out);
        }
        out
    }
}

/// Whitespace runs (NBSP and line breaks included) collapsed to one space, ends trimmed:
/// how every text of a truth is compared.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// Generation entry point
// ---------------------------------------------------------------------------------------

/// Renders a page for `seed` and `options` (see [`Options::normalized`]), with its truth.
pub fn generate(seed: u64, options: &Options) -> Page {
    let options = options.normalized();
    let mut gen = Gen::new(seed, &options);
    let scenario = gen.scenario();
    let blocks = gen.blocks(&scenario);
    let lines = gen.lay_out(&blocks);
    let truth = truth_of(&scenario, &lines);
    let text = gen.finish(&lines);
    Page { text, truth }
}

// ---------------------------------------------------------------------------------------
// Phrase tables: the crate's own TSV files, so pages use the exact shipped wording
// ---------------------------------------------------------------------------------------

/// One TSV table: a header `key<TAB>lang...`, then one row per phrase key.
struct Table {
    columns: Vec<&'static str>,
    rows: HashMap<&'static str, Vec<&'static str>>,
}

impl Table {
    fn parse(tsv: &'static str) -> Table {
        let mut lines = tsv.lines();
        let header = lines.next().unwrap_or_default();
        let columns: Vec<&str> = header.split('\t').skip(1).collect();
        let mut rows = HashMap::new();
        for line in lines {
            let mut cells = line.split('\t');
            let key = cells.next().unwrap_or_default();
            if key.is_empty() || key.starts_with('#') {
                continue;
            }
            rows.insert(key, cells.map(str::trim).collect());
        }
        Table { columns, rows }
    }

    /// The non-empty cell of `key` in column `lang`.
    fn get(&self, key: &str, lang: &str) -> Option<&'static str> {
        let column = self.columns.iter().position(|c| *c == lang)?;
        let cell = *self.rows.get(key)?.get(column)?;
        (!cell.is_empty()).then_some(cell)
    }
}

struct Tables {
    v7: Table,
    packs: Table,
    v4: Table,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        v7: Table::parse(include_str!("../../src/phrases/wpdiscuz7.tsv")),
        packs: Table::parse(include_str!("../../src/phrases/packs.tsv")),
        v4: Table::parse(include_str!("../../src/phrases/wpdiscuz4.tsv")),
    })
}

// ---------------------------------------------------------------------------------------
// Content banks
// ---------------------------------------------------------------------------------------

/// Commenter names: no markdown specials, no trailing punctuation, none a phrase or role.
#[rustfmt::skip]
const NAMES: [&str; 40] = [
    "Frank O'hara", "EarthBotV2", "htl", "Www987", "vienkmt", "Jesús Molinero", "Kiki Bouba",
    "fpuga", "Glyn", "Lisdey Pérez", "mai magdy", "Raj Kumar Kundu", "teoman", "Stuart", "bsl4me",
    "Anh", "Zoë Adler", "Jürgen Weiß", "Amélie Fournier", "Олег Петров", "Марина", "王伟",
    "Ahmet Yılmaz", "Łukasz Nowak", "João Silva", "Giulia Rossi", "Pieter de Vries",
    "Nguyễn Văn An", "דוד כהן", "علی رضایی", "Արամ", "Ana María", "Chris P", "techguy42",
    "Wellington Gomes dos Santos", "Kunal Gautam", "Yuva Yuvi", "ilovetronic", "Marc Odez",
    "Allan Bruhn",
];

/// Post authors, who answer comments with the `Author` badge.
#[rustfmt::skip]
const SITE_AUTHORS: [&str; 5] = [
    "Nam Vũ", "Derek Seaman", "Ibrar Ahmed", "Claire Dubois", "Sven Lindqvist",
];

const COMMENT_SENTENCES: [&str; 28] = [
    "This is just an absurdly great tutorial, thanks so much for posting this!",
    "I followed every step and it worked on the first try.",
    "Could you please explain how the second part works on older hardware?",
    "Amazing write-up, it saved me a lot of time.",
    "I had the same problem last week and ended up reinstalling everything.",
    "The default settings did not work for me, so I changed the port number.",
    "Does anyone know whether this still applies to the latest release?",
    "Thanks, I updated the post with your suggestion.",
    "That advice isn’t great, especially on modern systems with lots of memory.",
    "Great article, but you forgot to mention the backup step.",
    "It’s my first time hearing about this and I’m impressed.",
    "Whatever the issue is, rebooting the router fixed it for me.",
    "I disagree with the conclusion, the numbers tell a different story.",
    "Very helpful, I bookmarked the whole series.",
    "Where exactly is that option? I can’t find it in the menu.",
    "Short answer: yes, it works, but it is slow.",
    "My printer is working again after a full day of trying.",
    "The link in the third paragraph seems to be broken.",
    "Any idea how to fix the error message about missing permissions?",
    "Keep up the good work, your posts are always clear.",
    "I tried this on a Raspberry Pi and it ran without any trouble.",
    "Please add a note that the service needs a restart afterwards.",
    "Honestly, the official documentation never made this clear.",
    "Not sure I agree, but it is an interesting point of view.",
    "What a “perfect” storm of bad decisions — and all of it avoidable.",
    "This should be the first result on every search engine.",
    "Disregard my last question, I found the answer in the manual.",
    "We used a similar approach at work and it scaled well.",
];

const FOREIGN_SENTENCES: [&str; 12] = [
    "Vielen Dank für die ausführliche Anleitung, hat bei mir sofort funktioniert.",
    "Merci pour cet article très clair, j’ai enfin compris le problème.",
    "¿Alguien sabe si esto funciona también en la versión nueva?",
    "Спасибо за статью, всё получилось с первого раза.",
    "Cảm ơn bạn, mình cũng gặp lỗi tương tự khi cài đặt.",
    "谢谢分享，这个方法对我很有用。",
    "Dziękuję, to rozwiązało mój problem z drukarką.",
    "Grazie mille, articolo molto utile e ben scritto.",
    "Bedankt voor de uitleg, nu werkt het eindelijk.",
    "Teşekkürler, çok faydalı bir yazı olmuş.",
    "شكرا على هذا الشرح المفيد جدا.",
    "תודה רבה על המדריך המפורט.",
];

const ARTICLE_SENTENCES: [&str; 24] = [
    "Just one year on from the disputed election, the tense situation has ground into a stalemate.",
    "The next move seems unclear even to the major players.",
    "In the wake of the vote, activists failed to reach any of their stated goals.",
    "The contributing factors have been outlined repeatedly by observers on all sides.",
    "Setting up the server took less than an hour once the network was configured.",
    "The first step is to download the installer and verify its checksum.",
    "After the reboot, the web interface should be reachable from any machine on the network.",
    "Most of the tuning advice applies to dedicated machines rather than shared ones.",
    "A better approach is to measure the system under typical load and adjust from there.",
    "Nobody expected the old hardware to keep up, yet it handled the workload with ease.",
    "The results were surprising, to say the least.",
    "Prices rose sharply in the spring and have not come down since.",
    "Critics argue that the new rules will hurt small businesses the most.",
    "Supporters say the plan is the only realistic option on the table.",
    "He understands too well that a foreign presence changes the balance of power.",
    "The committee is expected to publish its findings early next year.",
    "It might work as a solution for the region, too.",
    "Each of these settings can be changed later from the dashboard.",
    "The printer shows up in the list as soon as the driver is installed.",
    "Storage is the part most people get wrong on their first attempt.",
    "In practice, the difference between the two methods is small.",
    "The more enemies, the higher the demand for outside help.",
    "Backups are boring until the day you need one.",
    "Readers have asked for a follow-up, and this is it.",
];

/// Tags under an article.
const FURNITURE_TAGS: [&str; 6] =
    ["raspberry-pi", "postgresql", "belarus", "home assistant", "wordpress", "php"];

const ARTICLE_TITLES: [&str; 8] = [
    "Setup a family printer with a Raspberry Pi",
    "Install Proxmox and Home Assistant",
    "PostgreSQL Performance Tuning Guide",
    "Why the stalemate in Belarus is not going away",
    "Hosting my own media server on an ancient Mac mini",
    "The product design process, or cycle to be exact",
    "Invalid location error when trying to add a repository",
    "How to raise the PHP memory limit in WordPress",
];

#[rustfmt::skip]
const SUBHEADINGS: [&str; 5] = [
    "## Conclusion", "## What you need", "## Step 1: Preparation", "## Summary", "## FAQ",
];

#[rustfmt::skip]
const OUTLETS: [&str; 6] = [
    "RT. com", "ABC Flash Point News", "The Daily Wire Desk", "Reuters", "Le Monde", "Heise Online",
];

const PINGBACK_HEADLINES: [&str; 6] = [
    "Hackers Trick Users With Data Leak Message to Deploy Malware",
    "North Korean Hackers Strike Again with Advanced Reconnaissance Malware",
    "Weekly Threat Roundup",
    "Ten Links Worth Reading This Week",
    "How We Cut Our Cloud Bill in Half",
    "Reading List for the Holidays",
];

#[rustfmt::skip]
const PINGBACK_SITES: [&str; 5] = [
    "Tempyx Blog", "h4ckers-news", "ZBM Security News", "KRSP Digital Agency", "Hackers News",
];

const POST_TITLES: [&str; 8] = [
    "Good bye VNPT, hello FPT",
    "Second attempt at ControlNet",
    "Subscription Hell",
    "Ruckus One: Provisioning ICX Switches",
    "Smartwings Thread/Matter Blinds Review",
    "Logic Pro X theme for Audacity",
    "Part 2: Home Wi-Fi Best Practices Guide",
    "Les 10 Plus Beaux Modèles PowerPoint",
];

#[rustfmt::skip]
const CATEGORIES: [&str; 8] = [
    "AI Art", "Design", "DIY", "Home Networking", "Linux", "Music", "Tips & Tricks",
    "Uncategorized",
];

#[rustfmt::skip]
const ENGLISH_MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

/// Month names as WordPress prints `F` in `j F Y` (genitive where the language has one),
/// where known; other languages fall back to English.
fn month_name(lang: &str, month0: usize) -> &'static str {
    let names = match lang {
        "de" => "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        "fr" => "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "es" => "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "pt" | "pt_pt" => "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
        "it" => "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
        "nl" => "januari februari maart april mei juni juli augustus september oktober november december",
        "pl" => "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
        "ru" => "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
        "uk" => "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
        "tr" => "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
        "hu" => "január február március április május június július augusztus szeptember október november december",
        "eo" => "januaro februaro marto aprilo majo junio julio aŭgusto septembro oktobro novembro decembro",
        "sr" => "јануар фебруар март април мај јун јул август септембар октобар новембар децембар",
        _ => return ENGLISH_MONTHS[month0],
    };
    names.split(' ').nth(month0).expect("twelve month names")
}

// ---------------------------------------------------------------------------------------
// The scenario: what the page says, before any rendering
// ---------------------------------------------------------------------------------------

struct Scenario {
    title: String,
    show_title: bool,
    /// Article paragraphs, each as its lines (explicit line breaks).
    paragraphs: Vec<Vec<String>>,
    source: Option<String>,
    /// Page furniture after the article, each paragraph as its lines.
    furniture: Vec<Vec<String>>,
    rating: Option<RatingSpec>,
    thread: Option<Thread>,
    /// Trailer paragraphs, each as its lines.
    trailer: Vec<Vec<String>>,
}

struct RatingSpec {
    average: f64,
    votes: u64,
    title: String,
}

struct Thread {
    /// The header: value, number as shown, word.
    count: Option<(u64, String, String)>,
    /// The load-more marker as shown.
    more: Option<String>,
    /// Comments and replies in page order (depth first).
    nodes: Vec<Node>,
}

impl Thread {
    fn children(&self) -> Vec<Vec<usize>> {
        let mut children = vec![Vec::new(); self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(p) = n.parent {
                children[p].push(i);
            }
        }
        children
    }
}

/// One comment or reply.
struct Node {
    /// The `#comment-N` id.
    id: u32,
    parent: Option<usize>,
    depth: usize,
    /// Display name (the pingback's page title for a pingback).
    name: String,
    url: Option<String>,
    /// False when the dump lost the author line (avatar and badge go with it).
    show_author: bool,
    role: Option<String>,
    pingback: bool,
    anonymous: bool,
    posted: Option<TruthPosted>,
    body: Vec<Vec<String>>,
    /// Vote value and how it is shown.
    votes: Option<(i64, String)>,
    edited: Option<String>,
    /// An `Awaiting for approval` status line.
    status: bool,
}

/// Calendar units of relative dates, largest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}

impl Unit {
    const ALL: [Unit; 6] = [Unit::Year, Unit::Month, Unit::Day, Unit::Hour, Unit::Minute, Unit::Second];

    /// The phrase key of the unit word.
    fn key(self, one: bool) -> &'static str {
        match (self, one) {
            (Unit::Year, true) => "wc_year_text",
            (Unit::Year, false) => "wc_year_text_plural",
            (Unit::Month, true) => "wc_month_text",
            (Unit::Month, false) => "wc_month_text_plural",
            (Unit::Day, true) => "wc_day_text",
            (Unit::Day, false) => "wc_day_text_plural",
            (Unit::Hour, true) => "wc_hour_text",
            (Unit::Hour, false) => "wc_hour_text_plural",
            (Unit::Minute, true) => "wc_minute_text",
            (Unit::Minute, false) => "wc_minute_text_plural",
            (Unit::Second, true) => "wc_second_text",
            (Unit::Second, false) => "wc_second_text_plural",
        }
    }

    /// Largest value the unit takes before the next larger unit counts it.
    fn max(self) -> u32 {
        match self {
            Unit::Year => 12,
            Unit::Month => 11,
            Unit::Day => 30,
            Unit::Hour => 23,
            Unit::Minute | Unit::Second => 59,
        }
    }
}

/// ISO 8601 duration of a relative date: `P2Y`, `P3M11D`, `P1YT23H`, `PT0S` for "right now".
fn iso_duration(parts: &[(Unit, u32)]) -> String {
    let get = |unit| parts.iter().find(|(u, _)| *u == unit).map_or(0, |(_, n)| *n);
    let mut out = String::from("P");
    for (unit, letter) in [(Unit::Year, 'Y'), (Unit::Month, 'M'), (Unit::Day, 'D')] {
        if get(unit) > 0 {
            out.push_str(&format!("{}{letter}", get(unit)));
        }
    }
    let time: Vec<_> = [(Unit::Hour, 'H'), (Unit::Minute, 'M'), (Unit::Second, 'S')]
        .into_iter()
        .filter(|(u, _)| get(*u) > 0)
        .collect();
    if !time.is_empty() {
        out.push('T');
        for (unit, letter) in time {
            out.push_str(&format!("{}{letter}", get(unit)));
        }
    }
    if out == "P" {
        out.push_str("T0S");
    }
    out
}

/// `getNumber()`: `1.2K` from 1000 on, `3M` from a million on.
fn wpdiscuz_number(n: u64, thousands: &str, millions: &str) -> String {
    let short = |value: f64| {
        let text = format!("{value:.1}");
        text.strip_suffix(".0").unwrap_or(&text).to_owned()
    };
    if n >= 1_000_000 {
        millions.replace("%s", &short(n as f64 / 1e6))
    } else if n >= 1000 {
        thousands.replace("%s", &short(n as f64 / 1e3))
    } else {
        n.to_string()
    }
}

/// PHP's float-to-string of a rating average: `4.5`, `4`, `0`.
fn format_average(average: f64) -> String {
    let tenths = (average * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

// ---------------------------------------------------------------------------------------
// Drawing the scenario: article, rating, thread, dates, trailer
// ---------------------------------------------------------------------------------------

/// Per-page rendering habits, drawn once so that one page is consistent with itself.
struct Habits {
    /// Avatar alt text or image line before the author.
    avatars: bool,
    /// Markdown: blank lines between a comment's paragraphs (0 or 1).
    md_body_gap: usize,
    /// Plain loose: indentation of date lines (corpus 003).
    date_indent: usize,
    /// Plain: what follows `Reply to` (`NBSP space`, or two spaces once NBSP was lost).
    reply_to_gap: &'static str,
    /// Plain: how the `Notify of` options appear (0 dropped, 1 lines, 2 glued, 3 glued
    /// without space).
    notify_style: usize,
    /// Sort buttons with `Newest` first (`comment_order=desc`).
    sort_desc: bool,
    /// Plain: sort buttons layout variant.
    sort_style: usize,
    /// Plain: `{} [+]` on one line.
    braces_joined: bool,
    /// Markdown: `Name\*` escapes.
    escape_stars: bool,
    /// Plain: Akismet's label left as the entity `&#916;` (corpus 014).
    delta_entity: bool,
    /// Rating on four lines: `5` / `1` / `vote` / `Article Rating`.
    split_rating: bool,
    /// Legacy: `N  REPLYdate` on one line (corpus 001) instead of separate lines.
    legacy_glued: bool,
    /// Legacy: `Share On Twitter` / `Share On Google` lines.
    legacy_shares: bool,
    /// `wpDiscuzInsert` on one line (corpus 003).
    end_glued: bool,
    /// Html2text: a `__` line after the `Reply` button.
    html2text_separator: bool,
}

/// Role badges other than the post author's.
const ROLE_KEYS: [&str; 4] =
    ["wc_blog_role_administrator", "wc_blog_role_editor", "wc_blog_role_guest", "wc_blog_role_other"];

struct Gen<'o> {
    o: &'o Options,
    rng: Rng,
    /// Draws for the article's furniture, apart from `rng` so that pages without furniture
    /// stay what they were before furniture was generated.
    furniture_rng: Rng,
    habits: Habits,
    site_author: &'static str,
    /// The post's address, for markdown parent links.
    post_url: String,
}

impl<'o> Gen<'o> {
    fn new(seed: u64, o: &'o Options) -> Gen<'o> {
        let mut rng = Rng::new(seed);
        let shows_avatars = match o.shape {
            Shape::W3m | Shape::Lynx | Shape::Markdown | Shape::Html2text => rng.chance(0.7),
            Shape::Plain => o.layout == Layout::Legacy4 && rng.chance(0.7),
            Shape::Inscriptis | Shape::Soup => false,
        };
        let habits = Habits {
            avatars: shows_avatars,
            md_body_gap: rng.below(2),
            date_indent: if rng.chance(0.5) { 4 } else { 0 },
            reply_to_gap: if rng.chance(0.8) { "\u{a0} " } else { "  " },
            notify_style: rng.below(4),
            sort_desc: rng.chance(0.3),
            sort_style: rng.below(3),
            braces_joined: rng.chance(0.5),
            escape_stars: rng.chance(0.5),
            delta_entity: rng.chance(0.1),
            split_rating: o.shape == Shape::Soup || (o.shape == Shape::Plain && o.loose && rng.chance(0.7)),
            legacy_glued: matches!(o.shape, Shape::Plain | Shape::Markdown) && rng.chance(0.6),
            legacy_shares: rng.chance(0.4),
            end_glued: rng.chance(0.3),
            html2text_separator: rng.chance(0.5),
        };
        let site_author = *rng.pick(&SITE_AUTHORS);
        let post_url = format!("https://www.example-blog.net/blog/post-{}/", rng.between(100, 999));
        let furniture_rng = Rng::new(seed ^ 0xF0_2A17_5EED);
        Gen { o, rng, furniture_rng, habits, site_author, post_url }
    }

    // -- phrases ---------------------------------------------------------------------

    /// A wpDiscuz 7 phrase in the page language: pack wording when asked for, else the
    /// bundled catalogue, else English (what an untranslated cell shows).
    fn phrase(&self, key: &str) -> &'static str {
        let t = tables();
        let lang = self.o.language;
        let pack = if self.o.packs { t.packs.get(key, lang) } else { None };
        pack.or_else(|| t.v7.get(key, lang))
            .or_else(|| t.v7.get(key, "en"))
            .unwrap_or_else(|| panic!("no wpDiscuz 7 phrase {key}"))
    }

    /// A wpDiscuz 4 phrase in the page language, else English.
    fn legacy_phrase(&self, key: &str) -> &'static str {
        let t = tables();
        t.v4.get(key, self.o.language)
            .or_else(|| t.v4.get(key, "en"))
            .unwrap_or_else(|| panic!("no wpDiscuz 4 phrase {key}"))
    }

    fn legacy(&self) -> bool {
        self.o.layout == Layout::Legacy4
    }

    /// Date words come from the catalogue of the page's wpDiscuz version.
    fn date_phrase(&self, key: &str) -> &'static str {
        if self.legacy() {
            self.legacy_phrase(key)
        } else {
            self.phrase(key)
        }
    }

    // -- text ------------------------------------------------------------------------

    fn sentences(&mut self, bank: &[&str], count: u32) -> String {
        (0..count).map(|_| *self.rng.pick(bank)).collect::<Vec<_>>().join(" ")
    }

    fn comment_line(&mut self) -> String {
        if self.rng.chance(0.1) {
            (*self.rng.pick(&FOREIGN_SENTENCES)).to_owned()
        } else {
            let n = self.rng.between(1, 3);
            self.sentences(&COMMENT_SENTENCES, n)
        }
    }

    // -- scenario --------------------------------------------------------------------

    fn scenario(&mut self) -> Scenario {
        let title = (*self.rng.pick(&ARTICLE_TITLES)).to_owned();
        let show_title = self.o.title && self.o.shape.is_markdown();
        let paragraphs = self.article();
        let source = self.o.source.then(|| self.credit_line());
        let rating = self.o.chrome.rating.then(|| self.rating());
        let thread = self.o.discussion.then(|| self.thread(&title));
        let ends_visibly = thread.as_ref().is_some_and(|t| self.ends_visibly(t));
        let trailer = if self.o.trailer && ends_visibly { self.trailer() } else { Vec::new() };
        let furniture = self.furniture(&paragraphs);
        Scenario { title, show_title, paragraphs, source, furniture, rating, thread, trailer }
    }

    /// Page furniture after the article, on three pages in ten whose article has a paragraph
    /// of prose (the parser tells furniture from the body by the prose before its label):
    /// tags, related posts, post navigation, each opening with its label.
    fn furniture(&mut self, article: &[Vec<String>]) -> Vec<Vec<String>> {
        // One line of prose: a paragraph in every shape (soup sets a paragraph's lines apart).
        let prose = article.iter().flatten().any(|line| line.split_whitespace().count() >= 30);
        let rng = &mut self.furniture_rng;
        if !prose || !rng.chance(0.3) {
            return Vec::new();
        }
        let mut out = Vec::new();
        if rng.chance(0.6) {
            let tags: Vec<&str> = (0..rng.between(1, 4)).map(|_| *rng.pick(&FURNITURE_TAGS)).collect();
            out.push(vec![format!("Tags: {}", tags.join(", "))]);
        }
        if out.is_empty() || rng.chance(0.5) {
            out.push(vec!["Related Posts".to_owned()]);
            for _ in 0..rng.between(1, 3) {
                out.push(vec![(*rng.pick(&ARTICLE_TITLES)).to_owned()]);
            }
        }
        if rng.chance(0.5) {
            let (previous, next) = (*rng.pick(&ARTICLE_TITLES), *rng.pick(&ARTICLE_TITLES));
            out.push(vec![format!("Previous Post{previous}"), format!("Next Post{next}")]);
        }
        out
    }

    fn article(&mut self) -> Vec<Vec<String>> {
        let count = self.rng.between(2, 7);
        (0..count)
            .map(|_| {
                if self.o.shape.is_markdown() && self.rng.chance(0.15) {
                    return vec![(*self.rng.pick(&SUBHEADINGS)).to_owned()];
                }
                let lines = if self.rng.chance(0.1) { 2 } else { 1 };
                (0..lines)
                    .map(|_| {
                        let n = self.rng.between(1, 5);
                        self.sentences(&ARTICLE_SENTENCES, n)
                    })
                    .collect()
            })
            .collect()
    }

    /// A credit line as in the reference page: `Outlet / Outlet Year.` or `Source: Outlet`.
    fn credit_line(&mut self) -> String {
        let a = *self.rng.pick(&OUTLETS);
        if self.rng.chance(0.7) {
            let b = *self.rng.pick(&OUTLETS);
            format!("{a} / {b} {}.", self.rng.between(2015, 2025))
        } else {
            format!("Source: {a}")
        }
    }

    fn rating(&mut self) -> RatingSpec {
        let votes = match self.rng.below(10) {
            0 => 0,
            1..=3 => 1,
            _ => u64::from(self.rng.between(2, 40)),
        };
        let average = match votes {
            0 => 0.0,
            1 => f64::from(self.rng.between(1, 5)),
            _ => f64::from(self.rng.between(10, 50)) / 10.0,
        };
        let title = if self.rng.chance(0.1) {
            "Rate this post".to_owned()
        } else {
            self.phrase("post_rating_title").to_owned()
        };
        RatingSpec { average, votes, title }
    }

    fn thread(&mut self, title: &str) -> Thread {
        let mut nodes: Vec<Node> = Vec::new();
        // The rightmost path: the last comment and its ancestors, where a reply can attach.
        let mut path: Vec<usize> = Vec::new();
        let mut id = self.rng.between(9000, 11000);
        for _ in 0..self.o.comments {
            let parent = self.choose_parent(&nodes, &path);
            let node = self.node(&nodes, parent, id);
            id += self.rng.between(1, 40);
            match parent {
                Some(p) => path.truncate(nodes[p].depth + 1),
                None => path.clear(),
            }
            path.push(nodes.len());
            nodes.push(node);
        }
        self.date_nodes(&mut nodes);

        let total = nodes.len() as u64;
        let more = self.o.more.then(|| self.more_marker(nodes.is_empty()));
        let count = self.o.chrome.count.then(|| {
            let value = if more.is_some() {
                if self.rng.chance(0.2) {
                    u64::from(self.rng.between(10, 50)) * 100
                } else {
                    total + u64::from(self.rng.between(1, 60))
                }
            } else if self.rng.chance(0.1) {
                total + 1 // the header counts a comment the page does not show (dev-html 16)
            } else {
                total
            };
            self.count_header(value, title)
        });
        // Legacy 4.x has no count for an empty thread, only `Be the First to Comment!`.
        let count = count.filter(|c| !(self.legacy() && c.0 == 0));
        Thread { count, more, nodes }
    }

    fn count_header(&mut self, value: u64, title: &str) -> (u64, String, String) {
        if self.legacy() {
            let word =
                self.legacy_phrase(if value == 1 { "wc_header_text" } else { "wc_header_text_plural" });
            let on = self.legacy_phrase("wc_header_on_text");
            (value, value.to_string(), format!("{word} {on} \"{title}\""))
        } else {
            let number =
                wpdiscuz_number(value, self.phrase("number_thousands"), self.phrase("number_millions"));
            let word = self.phrase(if value == 1 { "header_text_single" } else { "header_text_plural" });
            (value, number, word.to_owned())
        }
    }

    fn more_marker(&mut self, empty: bool) -> String {
        if self.legacy() {
            return format!(" {}", self.legacy_phrase("wc_load_more_submit_text"));
        }
        let key = if empty && self.rng.chance(0.5) {
            "wc_view_comments"
        } else if self.rng.chance(0.7) {
            "wc_load_more_submit_text"
        } else {
            "wc_load_rest_comments_submit_text"
        };
        self.phrase(key).to_owned()
    }

    /// Whether a reader can tell where the thread ends: only then may a trailer follow.
    fn ends_visibly(&self, t: &Thread) -> bool {
        let footer = self.legacy() || self.o.chrome.reply_buttons || self.o.chrome.votes;
        t.nodes.is_empty() || t.more.is_some() || footer
    }

    /// Picks the comment a new one answers, or `None` for a new top-level comment.
    fn choose_parent(&mut self, nodes: &[Node], path: &[usize]) -> Option<usize> {
        if path.is_empty() || self.legacy() || !self.rng.chance(self.o.p_reply) {
            return None;
        }
        // Recent comments get most answers: start from the deep end of the path.
        let mut start = path.len() - 1;
        while start > 0 && self.rng.chance(0.4) {
            start -= 1;
        }
        path[..=start].iter().rev().copied().find(|&p| self.can_answer(nodes, path, p))
    }

    /// A reply to `p` is unambiguous when nothing else a parser would consider for its
    /// `Reply to` name (the ancestor path, and everything after `p` in its thread) has the
    /// same name; a parent without author line must be the only one without there.
    fn can_answer(&self, nodes: &[Node], path: &[usize], p: usize) -> bool {
        let parent = &nodes[p];
        if parent.pingback || parent.anonymous || parent.depth + 1 > self.o.max_depth {
            return false;
        }
        let considered = |i: usize| i != p && (i > p || path.contains(&i));
        let name = normalize(&parent.name);
        let thread = path[0]..nodes.len();
        let clash = thread.clone().any(|i| considered(i) && normalize(&nodes[i].name) == name);
        let other_nameless = thread.into_iter().any(|i| considered(i) && !nodes[i].show_author);
        !clash && (parent.show_author || !other_nameless)
    }

    fn node(&mut self, nodes: &[Node], parent: Option<usize>, id: u32) -> Node {
        let depth = parent.map_or(0, |p| nodes[p].depth + 1);
        let parent_name = parent.map(|p| nodes[p].name.as_str());
        let pingback = parent.is_none() && self.rng.chance(self.o.p_pingback);
        let anonymous = !pingback && self.rng.chance(0.02) && !self.anonymous_looks_like_a_badge();
        let mut role_key = None;
        let site = *self.rng.pick(&PINGBACK_SITES);
        let name = if pingback {
            let dash = *self.rng.pick(&["-", "–", "|"]);
            format!("{} {dash} {site}", self.rng.pick(&PINGBACK_HEADLINES))
        } else if anonymous {
            if self.legacy() { self.legacy_phrase("wc_anonymous") } else { self.phrase("wc_anonymous") }
                .to_owned()
        } else if parent.is_some() && parent_name != Some(self.site_author) && self.rng.chance(0.35) {
            role_key = Some("wc_blog_role_post_author").filter(|_| self.rng.chance(0.8));
            self.site_author.to_owned()
        } else {
            loop {
                let name = *self.rng.pick(&NAMES);
                if Some(name) != parent_name {
                    break name.to_owned();
                }
            }
        };
        if role_key.is_none() && !pingback && !anonymous {
            // Legacy labels were on by default, so nearly every guest shows `Guest`.
            role_key = if self.legacy() && self.rng.chance(0.9) {
                Some("wc_blog_role_guest")
            } else if self.rng.chance(self.o.p_role) {
                Some(*self.rng.pick(&ROLE_KEYS))
            } else {
                None
            };
        }
        let role =
            role_key.map(|k| if self.legacy() { self.legacy_phrase(k) } else { self.phrase(k) }.to_owned());
        // Guests give a website, or not; a pingback always links the page it came from.
        let url = if !self.o.shape.is_markdown() || anonymous {
            None
        } else if pingback {
            Some(format!("https://{}.example.com/{}/", slug(site), self.rng.between(1000, 9999)))
        } else if self.rng.chance(self.o.p_link) {
            Some(match self.rng.below(3) {
                0 => "/".to_owned(),
                1 => format!("http://www.{}.example.org/", slug(&name)),
                _ => format!("https://{}.example.net/blog/", slug(&name)),
            })
        } else {
            None
        };
        // A lost author line needs a date to keep the comment visible; legacy pages have no
        // reply markers to recover it from, and their dumps keep it.
        let show_author =
            self.legacy() || self.o.dates == DateForm::Hidden || !self.rng.chance(self.o.p_missing_author);
        let body = self.body(pingback);
        let votes = self.o.chrome.votes.then(|| self.votes());
        // A comment whose name is lost is not given it back by its edit line.
        let editor = if show_author { name.as_str() } else { self.site_author };
        let edited =
            (!self.legacy() && !pingback && self.rng.chance(self.o.p_edited)).then(|| self.edited(editor));
        let status = !self.legacy() && self.rng.chance(0.03);
        Node {
            id,
            parent,
            depth,
            name,
            url,
            show_author,
            role,
            pingback,
            anonymous,
            posted: None,
            body,
            votes,
            edited,
            status,
        }
    }

    /// Arabic shows `ضيف` both for an empty name and as the `Guest` badge: a name that reads
    /// as a badge would make the truth ambiguous.
    fn anonymous_looks_like_a_badge(&self) -> bool {
        let phrase = |key| {
            if self.legacy() {
                self.legacy_phrase(key)
            } else {
                self.phrase(key)
            }
        };
        let anonymous = phrase("wc_anonymous");
        ROLE_KEYS.iter().any(|&key| phrase(key) == anonymous)
    }

    fn body(&mut self, pingback: bool) -> Vec<Vec<String>> {
        if pingback {
            let n = self.rng.between(1, 2);
            return vec![vec![format!("[…] {} […]", self.sentences(&COMMENT_SENTENCES, n))]];
        }
        // Markdown converters keep images as markup, not as their alt text.
        let images = !self.o.shape.is_markdown();
        let image = "comment image".to_owned();
        if images && self.rng.chance(self.o.p_image) {
            return vec![vec![image]];
        }
        let count = match self.rng.below(20) {
            0..=11 => 1,
            12..=16 => 2,
            17 | 18 => 3,
            _ => 4,
        };
        let mut paragraphs: Vec<Vec<String>> = (0..count)
            .map(|_| {
                let lines = if self.rng.chance(0.15) { self.rng.between(2, 3) } else { 1 };
                (0..lines).map(|_| self.comment_line()).collect()
            })
            .collect();
        if images && self.rng.chance(self.o.p_image / 2.0) {
            paragraphs.push(vec![image]);
        }
        paragraphs
    }

    fn votes(&mut self) -> (i64, String) {
        match self.rng.below(20) {
            0..=11 => (0, "0".to_owned()),
            12..=16 => {
                let n = self.rng.between(1, 25);
                (i64::from(n), n.to_string())
            }
            17 | 18 => {
                let n = -i64::from(self.rng.between(1, 5));
                (n, n.to_string())
            }
            // Only wpDiscuz 7 shortens numbers (`getNumber`).
            _ if self.legacy() => (42, "42".to_owned()),
            _ => (1200, wpdiscuz_number(1200, self.phrase("number_thousands"), "%sM")),
        }
    }

    /// `Last edited %1$s by %2$s`: always a relative date, in the page language.
    fn edited(&mut self, author: &str) -> String {
        let parts = self.relative_parts(1);
        let parts = if parts.is_empty() { vec![(Unit::Year, 2)] } else { parts };
        let when = self.relative_text(&parts, self.phrase("wc_ago_text"), false);
        let editor = if self.rng.chance(0.7) { author } else { self.site_author };
        self.phrase("wc_last_edited").replace("%1$s", &when).replace("%2$s", editor)
    }

    // -- dates -----------------------------------------------------------------------

    fn date_nodes(&mut self, nodes: &mut [Node]) {
        if self.o.dates == DateForm::Hidden {
            return;
        }
        let day = NaiveDate::from_ymd_opt(self.rng.between(2015, 2025) as i32, self.rng.between(1, 12), 1)
            .expect("valid date");
        let mut at =
            day.and_hms_opt(self.rng.between(0, 23), self.rng.between(0, 59), 0).expect("valid time");
        let mut ats = Vec::with_capacity(nodes.len());
        for _ in 0..nodes.len() {
            at += chrono::Duration::minutes(i64::from(self.rng.between(3, 60 * 24 * 20)));
            ats.push(at);
        }
        if self.o.dates.is_numeric() && !ats.is_empty() && ats.iter().all(|a| a.day() <= 12) {
            // One day over 12 decides the day-month order of the whole page.
            let i = self.rng.below(ats.len());
            let day = self.rng.between(13, 28);
            ats[i] = ats[i].with_day(day).expect("day 13..=28 exists in every month");
        }
        for (node, at) in nodes.iter_mut().zip(ats) {
            node.posted = Some(self.posted(at));
        }
    }

    /// The date of a comment posted at `at`: shown as the page's form; a relative date is
    /// drawn on its own (its value, not `at`, is what the text shows).
    fn posted(&mut self, at: NaiveDateTime) -> TruthPosted {
        if !self.o.dates.is_relative() {
            return TruthPosted { text: self.absolute_text(at), at: Some(at), ago: None };
        }
        let units = if self.o.dates == DateForm::RelativeTwoUnits { 2 } else { 1 };
        let parts = if self.rng.chance(0.03) { Vec::new() } else { self.relative_parts(units) };
        // wpDiscuz 4 has a fixed order; 7 lets the admin put the adjective first.
        let ago_first = self.o.ago_first && !self.legacy();
        let text = self.relative_text(&parts, self.date_phrase("wc_ago_text"), ago_first);
        TruthPosted { text, at: None, ago: Some(iso_duration(&parts)) }
    }

    /// The largest non-zero unit, and with `units == 2` maybe one smaller non-zero unit
    /// (not necessarily adjacent: `1 year 5 days ago`).
    fn relative_parts(&mut self, units: usize) -> Vec<(Unit, u32)> {
        let first = self.rng.below(Unit::ALL.len());
        let unit = Unit::ALL[first];
        let mut parts = vec![(unit, self.rng.between(1, unit.max()))];
        if units == 2 && first + 1 < Unit::ALL.len() && self.rng.chance(0.7) {
            let second = Unit::ALL[first + 1 + self.rng.below(Unit::ALL.len() - first - 1)];
            parts.push((second, self.rng.between(1, second.max())));
        }
        parts
    }

    /// `[number] [time_unit] [adjective]` (or adjective first); `right now` without parts.
    fn relative_text(&self, parts: &[(Unit, u32)], ago: &str, ago_first: bool) -> String {
        if parts.is_empty() {
            return self.date_phrase("wc_right_now_text").to_owned();
        }
        let amount = parts
            .iter()
            .map(|&(unit, n)| format!("{n} {}", self.date_phrase(unit.key(n == 1))))
            .collect::<Vec<_>>()
            .join(" ");
        if ago_first {
            format!("{ago} {amount}")
        } else {
            format!("{amount} {ago}")
        }
    }

    /// WordPress `date_format . " " . time_format`.
    fn absolute_text(&self, at: NaiveDateTime) -> String {
        let (y, m, d) = (at.year(), at.month() as usize, at.day());
        let (h, i) = (at.hour(), at.minute());
        let g = if h % 12 == 0 { 12 } else { h % 12 };
        let a = if h < 12 { "am" } else { "pm" };
        let english = ENGLISH_MONTHS[m - 1];
        match self.o.dates {
            DateForm::DayMonthYearDash => format!("{d:02}-{m:02}-{:02} {h:02}:{i:02}", y % 100),
            DateForm::DayMonthYearSlash => format!("{d:02}/{m:02}/{y} {g}:{i:02} {a}"),
            DateForm::MonthDayYearSlash => format!("{m:02}/{d:02}/{y} {g}:{i:02} {a}"),
            DateForm::Iso => format!("{y}-{m:02}-{d:02} {h:02}:{i:02}"),
            DateForm::EnglishLong => format!("{english} {d}, {y} {g}:{i:02} {a}"),
            DateForm::EnglishLongAt => format!("{english} {d}, {y} at {g}:{i:02} {a}"),
            _ => format!("{d} {} {y} {h:02}:{i:02}", month_name(self.o.language, m - 1)),
        }
    }

    // -- trailer ---------------------------------------------------------------------

    /// A site footer: headings, lists, and dates and names in forms that are not comment
    /// headers (date-only lines, `About 5 months ago`, `name on Post: “…” Jul 30, 23:40`).
    fn trailer(&mut self) -> Vec<Vec<String>> {
        let mut paragraphs = Vec::new();
        for _ in 0..self.rng.between(1, 3) {
            let year = self.rng.between(2016, 2025);
            let month = self.rng.below(12);
            match self.rng.below(7) {
                0 => {
                    paragraphs.push(vec!["Recent Comments".to_owned()]);
                    let entries = (0..self.rng.between(2, 4))
                        .map(|_| {
                            let name = self.rng.pick(&NAMES);
                            let post = self.rng.pick(&POST_TITLES);
                            let quote = self.rng.pick(&COMMENT_SENTENCES);
                            let short = &ENGLISH_MONTHS[self.rng.below(12)][..3];
                            let (d, h, i) =
                                (self.rng.between(1, 28), self.rng.between(0, 23), self.rng.between(0, 59));
                            format!("{name} on {post}: “{quote}” {short} {d}, {h:02}:{i:02}")
                        })
                        .collect();
                    paragraphs.push(entries);
                }
                1 => {
                    paragraphs.push(vec!["Recent Posts".to_owned()]);
                    let entries = (0..self.rng.between(2, 4))
                        .map(|_| {
                            let post = self.rng.pick(&POST_TITLES);
                            format!("• {post} {} {},{year}", ENGLISH_MONTHS[month], self.rng.between(1, 28))
                        })
                        .collect();
                    paragraphs.push(entries);
                }
                2 => {
                    // Title, then a date-only line: a related-post card (corpus 004, 014).
                    paragraphs.push(vec!["Related Posts".to_owned()]);
                    for _ in 0..self.rng.between(1, 3) {
                        paragraphs.push(vec![(*self.rng.pick(&POST_TITLES)).to_owned()]);
                        let d = self.rng.between(1, 28);
                        let date = if self.rng.chance(0.5) {
                            format!("{} {d}, {year}", ENGLISH_MONTHS[month])
                        } else {
                            format!("{d} {} {year}", month_name(self.o.language, month))
                        };
                        paragraphs.push(vec![date]);
                    }
                }
                3 => {
                    paragraphs.push(vec!["Archives".to_owned()]);
                    let months = (0..self.rng.between(2, 5))
                        .map(|k| format!("{} {year}", ENGLISH_MONTHS[(month + 12 - k as usize) % 12]))
                        .collect();
                    paragraphs.push(months);
                }
                4 => paragraphs
                    .push(vec![format!("© {year} {}. All rights reserved.", self.rng.pick(&PINGBACK_SITES))]),
                5 => {
                    for _ in 0..self.rng.between(1, 2) {
                        paragraphs.push(vec![self.sentences(&ARTICLE_SENTENCES, 1)]);
                        paragraphs.push(vec![format!("About {} months ago", self.rng.between(2, 11))]);
                    }
                }
                _ => {
                    paragraphs.push(vec!["Categories".to_owned()]);
                    let k = self.rng.between(2, 5) as usize;
                    let start = self.rng.below(CATEGORIES.len() - k + 1);
                    paragraphs.push(CATEGORIES[start..start + k].iter().map(|c| (*c).to_owned()).collect());
                }
            }
        }
        paragraphs
    }
}

/// A lowercase ASCII slug for made-up addresses.
fn slug(name: &str) -> String {
    let s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let s = s.trim_matches('-').to_owned();
    if s.is_empty() {
        "user".to_owned()
    } else {
        s
    }
}

// ---------------------------------------------------------------------------------------
// Rendering, step 1: the page as blocks (shape decides the wording of each part)
// ---------------------------------------------------------------------------------------

/// What a rendered line is: decides the blank lines around it and, for article, body and
/// trailer text, which paragraph of the truth it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Title,
    Article,
    Source,
    /// Page furniture after the article: tags, related posts, post navigation.
    Furniture,
    Rating,
    Chrome,
    Avatar,
    Label,
    Author,
    ReplyTo,
    Date,
    Status,
    /// Converter residue inside a comment (`__`, share links).
    Residue,
    Body,
    Edited,
    Votes,
    ReplyButton,
    Trailer,
    /// `wpDiscuz` / `Insert` at the very end.
    End,
    /// A line of whitespace the converter prints itself (w3m's `   `, a dropped `<select>`).
    Spacer,
}

/// A unit of rendering: one line of chrome, or a paragraph of running text.
#[derive(Debug, Clone)]
struct Block {
    part: Part,
    /// Index of the comment it belongs to.
    node: Option<usize>,
    depth: usize,
    /// Logical lines (explicit line breaks); wrapping shapes may break them further.
    lines: Vec<String>,
    /// Whether a wrapping shape may break the lines.
    wrap: bool,
}

/// Collects blocks; `node`/`depth` are set while a comment is being rendered.
#[derive(Default)]
struct Blocks {
    blocks: Vec<Block>,
    node: Option<usize>,
    depth: usize,
}

impl Blocks {
    fn push(&mut self, part: Part, lines: Vec<String>, wrap: bool) {
        let (node, depth) = (self.node, self.depth);
        self.blocks.push(Block { part, node, depth, lines, wrap });
    }

    fn line(&mut self, part: Part, text: impl Into<String>) {
        self.push(part, vec![text.into()], false);
    }

    fn lines<S: Into<String>>(&mut self, part: Part, texts: impl IntoIterator<Item = S>) {
        for text in texts {
            let text = text.into();
            if text.trim().is_empty() {
                self.line(Part::Spacer, text);
            } else {
                self.line(part, text);
            }
        }
    }

    fn para(&mut self, part: Part, lines: Vec<String>) {
        self.push(part, lines, true);
    }
}

const MD_AVATAR: &str =
    "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%2064%2064'%3E%3C/svg%3E";
const MD_GUEST_AVATAR: &str =
    "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%2056%2056'%3E%3C/svg%3E";

impl Gen<'_> {
    fn blocks(&mut self, sc: &Scenario) -> Vec<Block> {
        let mut b = Blocks::default();
        if sc.show_title {
            b.line(Part::Title, format!("# {}", sc.title));
        }
        for p in &sc.paragraphs {
            b.para(Part::Article, p.clone());
        }
        if let Some(source) = &sc.source {
            b.line(Part::Source, source.clone());
        }
        for p in &sc.furniture {
            b.para(Part::Furniture, p.clone());
        }
        if let Some(r) = &sc.rating {
            self.rating_blocks(r, &mut b);
        }
        if let Some(t) = &sc.thread {
            if self.legacy() {
                self.legacy_head(t, &mut b);
            } else {
                self.head(t, &mut b);
            }
            for i in 0..t.nodes.len() {
                b.node = Some(i);
                b.depth = t.nodes[i].depth;
                if self.legacy() {
                    self.legacy_comment(t, i, &mut b);
                } else {
                    self.comment(t, i, &mut b);
                }
            }
            b.node = None;
            b.depth = 0;
            if let Some(more) = &t.more {
                b.line(Part::Chrome, more.clone());
            }
        }
        for p in &sc.trailer {
            b.para(Part::Trailer, p.clone());
        }
        if sc.thread.is_some() && !self.legacy() && self.o.chrome.end_marks {
            if self.habits.end_glued {
                b.line(Part::End, "wpDiscuzInsert");
            } else {
                b.line(Part::End, "wpDiscuz");
                b.line(Part::End, "Insert");
            }
        }
        b.blocks
    }

    fn rating_blocks(&mut self, r: &RatingSpec, b: &mut Blocks) {
        let average = format_average(r.average);
        let word = self.phrase(if r.votes == 1 { "wc_vote_phrase" } else { "wc_votes_phrase" });
        if self.habits.split_rating {
            b.lines(Part::Rating, [average, r.votes.to_string(), word.to_owned(), r.title.clone()]);
        } else {
            b.lines(Part::Rating, [format!("{average} {} {word}", r.votes), r.title.clone()]);
        }
    }

    /// The wpDiscuz 7 furniture before the comments (spec section 1).
    fn head(&mut self, t: &Thread, b: &mut Blocks) {
        let shape = self.o.shape;
        let c = self.o.chrome.clone();
        if c.subscribe {
            let (subscribe, login) = (self.phrase("wc_subscribe_anchor"), self.phrase("wc_log_in"));
            match shape {
                Shape::Html2text => b.lines(
                    Part::Chrome,
                    [
                        format!("__ {subscribe} __"),
                        format!("[__{login}](/wp-login.php?redirect_to=%2Fblog%2F)"),
                    ],
                ),
                Shape::Soup => b.lines(Part::Chrome, [subscribe.to_owned(), format!(" {login}")]),
                Shape::Markdown => b.line(Part::Chrome, subscribe),
                _ => b.lines(Part::Chrome, [subscribe, login]),
            }
        }
        if c.notify {
            self.notify(b);
        }
        for _ in 0..c.forms {
            let form = self.form();
            b.lines(Part::Chrome, form);
        }
        if let Some((_, number, word)) = &t.count {
            match shape {
                Shape::Soup => b.lines(Part::Chrome, [number.clone(), format!(" {word} ")]),
                Shape::Markdown | Shape::Html2text => b.line(Part::Chrome, format!("{number} {word} ")),
                Shape::Plain if self.o.loose => {
                    b.line(Part::Chrome, format!("{number} {word}{}", " ".repeat(20)))
                }
                _ => b.line(Part::Chrome, format!("{number} {word}")),
            }
        }
        if c.sort {
            let (oldest, newest) = (self.phrase("wc_oldest"), self.phrase("wc_newest"));
            let voted = self.phrase("wc_most_voted");
            let [first, second, third] =
                if self.habits.sort_desc { [newest, oldest, voted] } else { [oldest, newest, voted] };
            let rest = format!("{second} {third}");
            match (shape, self.habits.sort_style) {
                (Shape::Html2text, _) => {
                    b.lines(Part::Chrome, ["__".to_owned(), "__".to_owned(), format!("{first} __"), rest])
                }
                (Shape::Soup, _) | (Shape::Plain, 0) => b.lines(Part::Chrome, [first, second, third]),
                (Shape::Plain, 2) => b.lines(Part::Chrome, [first, "", second, third]),
                _ => b.lines(Part::Chrome, [first.to_owned(), rest]),
            }
        }
        if c.inline_feedbacks {
            let (inline, all) =
                (self.phrase("wc_inline_feedbacks"), self.phrase("wc_inline_comments_view_all"));
            match shape {
                Shape::Html2text => b.lines(Part::Chrome, [format!("__{inline}"), all.to_owned()]),
                Shape::Soup => b.lines(Part::Chrome, [format!(" {inline} "), all.to_owned()]),
                Shape::Markdown if self.rng.chance(0.5) => b.line(Part::Chrome, all),
                Shape::Plain if self.o.loose => {
                    b.lines(Part::Chrome, [format!(" {inline}{}", " ".repeat(20)), all.to_owned()])
                }
                _ => b.lines(Part::Chrome, [inline, all]),
            }
        }
    }

    /// `Notify of` and the subscription options as each converter prints a `<select>`.
    fn notify(&mut self, b: &mut Blocks) {
        let notify = self.phrase("wc_notify_of");
        let (new, replies) =
            (self.phrase("wc_notify_on_new_comment"), self.phrase("wc_notify_on_all_new_reply"));
        let spaced = format!("{new} {replies}");
        match self.o.shape {
            Shape::W3m => b.lines(
                Part::Chrome,
                [
                    notify.to_owned(),
                    format!("[{new}    ]"),
                    format!("[{}]", " ".repeat(20)),
                    "[›]".to_owned(),
                ],
            ),
            Shape::Lynx => b.lines(
                Part::Chrome,
                [notify.to_owned(), format!("[{new}____]"), "_".repeat(20), "›".to_owned()],
            ),
            Shape::Soup => b.lines(Part::Chrome, [format!("{notify} "), new.to_owned(), replies.to_owned()]),
            Shape::Markdown | Shape::Html2text => b.lines(Part::Chrome, [format!("{notify} "), spaced]),
            Shape::Inscriptis => b.lines(Part::Chrome, [notify.to_owned(), spaced]),
            Shape::Plain => match self.habits.notify_style {
                0 => b.lines(Part::Chrome, [notify, ""]), // the dropped <select> leaves a blank (corpus 000)
                1 => b.lines(Part::Chrome, [notify, new, replies]),
                2 => b.lines(Part::Chrome, [notify.to_owned(), spaced]),
                _ => b.lines(Part::Chrome, [notify.to_owned(), format!("{new}{replies}")]),
            },
        }
    }

    /// One copy of the comment form's visible labels, as each converter prints it.
    fn form(&mut self) -> Vec<String> {
        let name = format!("{}*", self.phrase("field_name"));
        let email = format!("{}*", self.phrase("field_email"));
        let website = self.phrase("field_website").to_owned();
        let submit = self.phrase("field_submit");
        let box20 = format!("[{}]", " ".repeat(20));
        let mut lines: Vec<String> = match self.o.shape {
            Shape::Plain => {
                let mut l = vec!["Label".to_owned()];
                if self.habits.braces_joined {
                    l.push("{} [+]".into());
                } else {
                    l.extend(["{}".into(), "[+]".into()]);
                }
                let delta = if self.habits.delta_entity { "&#916;" } else { "Δ" };
                l.extend([String::new(), name, email, website, String::new(), delta.to_owned()]);
                l
            }
            Shape::W3m => {
                let mut l = vec![
                    "guest".to_owned(),
                    format!("Label {box20}"),
                    "{} [+]".into(),
                    box20.clone(),
                    format!("{box20} {name}"),
                    format!("{box20} {email}"),
                    format!("{box20} {website}"),
                    format!("[ ] [{submit}]"),
                    String::new(),
                ];
                let wide = format!("[{}]", " ".repeat(45));
                l.extend(std::iter::repeat(format!(" {wide} ")).take(7));
                l.extend([format!("Δ{wide} "), String::new()]);
                l
            }
            Shape::Lynx => {
                let mut l = vec!["guest".to_owned(), "Label".into()];
                l.extend(std::iter::repeat("_".repeat(60)).take(4));
                l.extend([
                    "(BUTTON) (BUTTON) (BUTTON) (BUTTON) (ordered) (bullet) (BUTTON) (BUTTON) (BUTTON) (BUTTON)".to_owned(),
                    "{} (BUTTON) [+]".into(),
                    " ".repeat(20),
                    format!("{} {name}", "_".repeat(20)),
                    format!("{} {email}", "_".repeat(20)),
                    format!("{} {website}", "_".repeat(20)),
                    format!("[ ] {submit}"),
                    String::new(),
                    "Δ".into(),
                ]);
                l.extend(std::iter::repeat("_".repeat(45)).take(8));
                l
            }
            Shape::Markdown => {
                let star = |label: &str| {
                    if self.habits.escape_stars {
                        label.replace('*', "\\*")
                    } else {
                        label.to_owned()
                    }
                };
                vec![
                    format!("![guest]({MD_GUEST_AVATAR})"),
                    "Label".into(),
                    "  ".into(),
                    String::new(),
                    "[](about:blank)".into(),
                    "{} [+]".into(),
                    star(&name),
                    star(&email),
                    website,
                    "Δ".into(),
                ]
            }
            Shape::Html2text => {
                let hash = self.hash();
                vec![
                    format!("![guest](https://secure.gravatar.com/avatar/{hash}?s=56&r=x)"),
                    "Label".into(),
                    "{} [+]".into(),
                    "__".into(),
                    "__".into(),
                    name,
                    "__".into(),
                    email,
                    "__".into(),
                    website,
                    "____".into(),
                    "Δ".into(),
                ]
            }
            Shape::Inscriptis => vec!["Δ".to_owned()],
            Shape::Soup => vec![
                "Label".to_owned(),
                "{}".into(),
                "[+]".into(),
                " ".into(),
                name,
                email,
                website,
                "Δ".into(),
            ],
        };
        lines.retain(|l| self.o.shape != Shape::Soup || !l.is_empty());
        lines
    }

    /// The wpDiscuz 4 furniture before the comments (spec section 10).
    fn legacy_head(&mut self, t: &Thread, b: &mut Blocks) {
        b.line(Part::Chrome, self.legacy_phrase("form_header_text"));
        if let Some((_, number, words)) = &t.count {
            b.line(Part::Chrome, format!("{number} {words}"));
        }
        if self.o.chrome.notify {
            let notify = self.legacy_phrase("wc_notify_of");
            let options = [
                self.legacy_phrase("wc_notify_on_new_comment"),
                self.legacy_phrase("wc_notify_on_all_new_reply"),
            ];
            b.lines(Part::Chrome, [notify, options[0], options[1]]);
        }
        if self.o.chrome.forms > 0 {
            match self.o.shape {
                Shape::W3m | Shape::Lynx => b.lines(Part::Chrome, ["wpdiscuz_captcha", "refresh"]),
                Shape::Plain => {
                    b.lines(Part::Chrome, [self.legacy_phrase("literal_form_avatar_alt_guest"), ""])
                }
                _ => {}
            }
            b.line(Part::Chrome, self.phrase("wc_comment_join_text"));
        }
        if self.o.chrome.sort && !t.nodes.is_empty() {
            let gap = if self.rng.chance(0.5) { "\u{a0} " } else { "   " };
            let words = ["wc_newest", "wc_oldest", "wc_most_voted"].map(|k| self.legacy_phrase(k));
            b.line(Part::Chrome, format!("{}:{gap}{}", self.legacy_phrase("wc_sort_by"), words.join(" | ")));
        }
    }

    fn hash(&mut self) -> String {
        format!("{:016x}{:016x}", self.rng.next_u64(), self.rng.next_u64())
    }

    /// The avatar as the shape shows it: alt text, or a markdown image (linked when the
    /// author has a profile link).
    fn avatar(&mut self, n: &Node) -> String {
        let alt = if n.pingback { "trackback" } else { n.name.as_str() };
        let image = match self.o.shape {
            Shape::Markdown => format!("![{alt}]({MD_AVATAR})"),
            Shape::Html2text => {
                format!("![{alt}](https://secure.gravatar.com/avatar/{}?s=64&r=x)", self.hash())
            }
            _ => return alt.to_owned(),
        };
        match &n.url {
            Some(url) if n.id % 2 == 0 => format!("[{image}]({url})"),
            _ => image,
        }
    }

    fn author(&self, n: &Node) -> String {
        match (&n.url, self.o.shape) {
            (Some(url), _) => format!("[{}]({url})", n.name),
            (None, Shape::Html2text) => format!("{} ", n.name),
            (None, _) => n.name.clone(),
        }
    }

    /// `Reply to NAME` as each converter prints the NBSP and the link.
    fn reply_to(&self, parent: &Node, b: &mut Blocks) {
        let word = self.phrase("wc_reply_to");
        let name = &parent.name;
        match self.o.shape {
            Shape::Plain => b.line(Part::ReplyTo, format!("{word}{}{name}", self.habits.reply_to_gap)),
            Shape::W3m | Shape::Lynx => b.line(Part::ReplyTo, format!("{word}  {name}")),
            Shape::Inscriptis => b.line(Part::ReplyTo, format!("{word} {name}")),
            Shape::Html2text => b.line(Part::ReplyTo, format!("__{word}   {name} ")),
            Shape::Soup => b.lines(Part::ReplyTo, [format!("{word}\u{a0} "), name.clone()]),
            Shape::Markdown => {
                b.line(Part::ReplyTo, format!("[ {name} ]({}#comment-{})", self.post_url, parent.id))
            }
        }
    }

    fn date(&self, n: &Node, b: &mut Blocks) {
        if let Some(posted) = &n.posted {
            let prefix = if self.o.shape == Shape::Html2text { "__" } else { "" };
            b.line(Part::Date, format!("{prefix}{}", posted.text));
        }
    }

    fn status(&self, n: &Node, b: &mut Blocks) {
        if n.status {
            b.line(Part::Status, self.phrase("wc_awaiting_for_approval"));
        }
    }

    /// One wpDiscuz 7 comment, its parts in the order of the page's layout.
    fn comment(&mut self, t: &Thread, i: usize, b: &mut Blocks) {
        let n = &t.nodes[i];
        let parent = n.parent.map(|p| &t.nodes[p]);
        let shape = self.o.shape;
        let role = n.role.as_ref().filter(|_| n.show_author);
        if n.show_author {
            if self.habits.avatars {
                let avatar = self.avatar(n);
                b.push(Part::Avatar, vec![avatar], shape == Shape::Html2text);
            }
            if let (Layout::One, Some(role)) = (self.o.layout, role) {
                b.line(Part::Label, role.clone());
            }
            b.line(Part::Author, self.author(n));
            if let (Layout::Two | Layout::Three, Some(role)) = (self.o.layout, role) {
                b.line(Part::Label, role.clone());
            }
            if shape == Shape::W3m && self.habits.avatars {
                b.line(Part::Spacer, "   ");
            }
        }
        if shape == Shape::Html2text {
            let excerpt: String = n.body[0][0].chars().take(30).collect();
            b.lines(
                Part::Residue,
                [
                    "__".to_owned(),
                    format!(
                        "[__](https://twitter.com/intent/tweet?text={excerpt}... &url=%23comment-{})",
                        n.id
                    ),
                ],
            );
        }
        match (self.o.layout, parent) {
            (Layout::One, _) => {
                self.date(n, b);
                self.status(n, b);
                if let Some(p) = parent {
                    self.reply_to(p, b);
                }
            }
            (Layout::Three, None) => {
                self.date(n, b);
                self.status(n, b);
            }
            _ => {
                self.status(n, b);
                if let Some(p) = parent {
                    self.reply_to(p, b);
                }
                self.date(n, b);
            }
        }
        if shape == Shape::Html2text {
            b.line(Part::Residue, "__");
        }
        for p in &n.body {
            b.para(Part::Body, p.clone());
        }
        if let Some(edited) = &n.edited {
            b.line(Part::Edited, edited.clone());
        }
        if let Some((_, shown)) = &n.votes {
            b.line(Part::Votes, shown.clone());
        }
        if self.o.chrome.reply_buttons {
            b.line(Part::ReplyButton, self.phrase("wc_reply_text"));
        }
        if shape == Shape::Html2text && self.habits.html2text_separator {
            b.line(Part::Residue, "__");
        }
    }

    /// One wpDiscuz 4 comment: avatar, label, author, shares, body, votes, `Reply`, date.
    fn legacy_comment(&mut self, t: &Thread, i: usize, b: &mut Blocks) {
        let n = &t.nodes[i];
        let shape = self.o.shape;
        if self.habits.avatars {
            let avatar = self.avatar(n);
            b.push(Part::Avatar, vec![avatar], shape == Shape::Html2text);
        }
        if let Some(role) = &n.role {
            b.line(Part::Label, role.clone());
        }
        b.line(Part::Author, self.author(n));
        if self.habits.legacy_shares {
            let (twitter, google) =
                (self.legacy_phrase("wc_share_twitter"), self.legacy_phrase("wc_share_google"));
            if shape == Shape::Html2text {
                let share = format!(
                    " __[ __{twitter}](https://twitter.com/intent/tweet?text=comment+{id}&url=%23comment-{id})\
                     [ __{google}](https://plus.google.com/share?url=%23comment-{id}) ___",
                    id = n.id
                );
                b.push(Part::Residue, vec![share], true);
            } else {
                b.lines(Part::Residue, [twitter, google]);
            }
        }
        for p in &n.body {
            b.para(Part::Body, p.clone());
        }
        let votes = n.votes.as_ref().map_or("0", |v| v.1.as_str());
        let date = n.posted.as_ref().map_or("", |p| p.text.as_str());
        let (up, down) = (self.legacy_phrase("wc_vote_up"), self.legacy_phrase("wc_vote_down"));
        let reply = self.legacy_phrase("wc_reply_text");
        if shape == Shape::Html2text {
            b.line(Part::Votes, format!("__{up} {votes} __{down}  "));
            b.line(Part::Date, format!(" __{date}"));
            b.line(Part::Residue, " __");
        } else if self.habits.legacy_glued {
            b.line(Part::Votes, format!("{votes}  {}{date}", reply.to_uppercase()));
        } else {
            if shape == Shape::Soup {
                b.lines(Part::Votes, [up, votes, down]);
            } else {
                b.line(Part::Votes, format!("{up} {votes} {down}"));
            }
            if self.o.chrome.reply_buttons {
                b.line(Part::ReplyButton, reply);
            }
            b.line(Part::Date, date);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Rendering, step 2: blocks to lines (blank lines, wrapping, indentation of each shape)
// ---------------------------------------------------------------------------------------

/// A rendered line and what it is.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    part: Part,
    node: Option<usize>,
}

impl Gen<'_> {
    fn lay_out(&mut self, blocks: &[Block]) -> Vec<Line> {
        let mut out = Vec::new();
        for (k, block) in blocks.iter().enumerate() {
            if k > 0 {
                let blanks = self.gap(&blocks[k - 1], block);
                self.blanks(blanks, &mut out);
            }
            self.emit(block, &mut out);
        }
        out
    }

    fn blanks(&mut self, count: usize, out: &mut Vec<Line>) {
        for _ in 0..count {
            let text = if self.o.shape == Shape::Soup && self.rng.chance(0.2) { " " } else { "" };
            out.push(Line { text: text.to_owned(), part: Part::Spacer, node: None });
        }
    }

    /// Blank lines between two blocks.
    fn gap(&mut self, prev: &Block, next: &Block) -> usize {
        if prev.part == Part::Spacer || next.part == Part::Spacer {
            return 0;
        }
        match self.o.shape {
            Shape::Html2text => 1,
            Shape::Soup => self.rng.between(1, 8) as usize,
            Shape::Plain if self.o.loose => self.rng.between(1, 10) as usize,
            shape => base_gap(shape, prev.part, next.part, self.habits.md_body_gap),
        }
    }

    fn emit(&mut self, block: &Block, out: &mut Vec<Line>) {
        let indent = " ".repeat(self.indent(block));
        let width = self.wrap_width(block);
        let last = block.lines.len() - 1;
        for (i, logical) in block.lines.iter().enumerate() {
            if i > 0 && self.o.shape == Shape::Soup {
                // Every text node stands alone, a `<br>` between two included.
                let blanks = self.rng.between(1, 3) as usize;
                self.blanks(blanks, out);
            }
            let mut pieces = match width {
                Some(width) => wrap(logical, width),
                None => vec![logical.clone()],
            };
            if self.o.shape == Shape::Html2text && i < last {
                if let Some(piece) = pieces.last_mut() {
                    piece.push_str("  "); // markdown's hard line break
                }
            }
            for piece in pieces {
                let text = if block.part == Part::Spacer { piece } else { format!("{indent}{piece}") };
                out.push(Line { text, part: block.part, node: block.node });
            }
        }
    }

    fn wrap_width(&self, block: &Block) -> Option<usize> {
        if !block.wrap {
            return None;
        }
        match self.o.shape {
            Shape::W3m => Some(100),
            Shape::Lynx => Some(97),
            Shape::Html2text if self.o.wrap => Some(78),
            _ => None,
        }
    }

    fn indent(&self, block: &Block) -> usize {
        let depth = 2 * block.depth;
        match self.o.shape {
            Shape::Lynx => 3,
            Shape::Inscriptis => match block.part {
                Part::Title | Part::Article | Part::Source | Part::Furniture => 18,
                Part::Rating => 26,
                Part::Chrome => 18,
                Part::Trailer => 10,
                Part::End | Part::Spacer => 0,
                Part::Body | Part::Edited => 24 + depth,
                Part::Votes => 28 + depth,
                Part::ReplyButton => 26 + depth,
                Part::Avatar
                | Part::Label
                | Part::Author
                | Part::ReplyTo
                | Part::Date
                | Part::Status
                | Part::Residue => 30 + depth,
            },
            Shape::Plain if self.o.loose && block.part == Part::Date => self.habits.date_indent,
            _ => 0,
        }
    }

    /// The text: line endings, trailing spaces, byte-order mark.
    fn finish(&mut self, lines: &[Line]) -> String {
        let ending = match self.o.line_ending {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        };
        let mut text = String::new();
        if self.o.bom {
            text.push('\u{feff}');
        }
        for (k, line) in lines.iter().enumerate() {
            if k > 0 {
                text.push_str(ending);
            }
            text.push_str(&line.text);
            match self.o.trailing_spaces {
                TrailingSpaces::None => {}
                TrailingSpaces::All => text.push_str("  "),
                TrailingSpaces::Some => {
                    if self.rng.chance(0.1) {
                        let n = self.rng.between(1, 20) as usize;
                        text.push_str(&" ".repeat(n));
                    }
                }
            }
        }
        if self.rng.chance(0.9) {
            text.push_str(ending);
        }
        text
    }
}

/// Blank lines between two parts in the tight shapes (plain, w3m, lynx, inscriptis,
/// markdown): header lines and footer lines stick together, text is set off by a blank.
fn base_gap(shape: Shape, prev: Part, next: Part, md_body_gap: usize) -> usize {
    use Part::*;
    let md = shape == Shape::Markdown;
    let blank_unless_md = usize::from(!md);
    match (prev, next) {
        (Title | Article | Source | Furniture, _) | (Trailer, _) | (_, End) => 1,
        (_, Trailer) => blank_unless_md,
        (Body, Body) => {
            if md {
                md_body_gap
            } else {
                1
            }
        }
        (_, Body) => blank_unless_md,
        // lynx runs the last paragraph into the vote number (dev-html lynx/08)
        (Body, Edited | Votes | ReplyButton) => usize::from(!(md || shape == Shape::Lynx)),
        (Body, _) => blank_unless_md,
        _ => 0,
    }
}

/// Greedy word wrap at `width` characters; a word longer than the width stays whole, and
/// leading spaces stay on the first line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let words = text.trim_start_matches(' ');
    let mut current = text[..text.len() - words.len()].to_owned();
    let mut current_width = current.len();
    let mut has_word = false;
    let mut lines = Vec::new();
    for word in words.split(' ') {
        let word_width = word.chars().count();
        if has_word && current_width + 1 + word_width > width {
            lines.push(std::mem::take(&mut current));
            current_width = 0;
            has_word = false;
        }
        if has_word {
            current.push(' ');
            current_width += 1;
        }
        current.push_str(word);
        current_width += word_width;
        has_word = true;
    }
    lines.push(current);
    lines
}

// ---------------------------------------------------------------------------------------
// The truth of a rendering
// ---------------------------------------------------------------------------------------

/// Paragraphs of article, body and trailer text: runs of non-blank lines of one part (and
/// one comment), exactly as the rendered text groups them.
fn paragraphs(lines: &[Line]) -> Vec<(Part, Option<usize>, String)> {
    let mut out: Vec<(Part, Option<usize>, String)> = Vec::new();
    let mut open = false;
    for line in lines {
        let text = line.text.trim();
        let grouped = matches!(line.part, Part::Article | Part::Furniture | Part::Body | Part::Trailer);
        if text.is_empty() || !grouped {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some((part, node, para)) if open && *part == line.part && *node == line.node => {
                para.push('\n');
                para.push_str(text);
            }
            _ => out.push((line.part, line.node, text.to_owned())),
        }
        open = true;
    }
    out
}

fn truth_of(sc: &Scenario, lines: &[Line]) -> Truth {
    let paragraphs = paragraphs(lines);
    let texts = |part: Part, node: Option<usize>| -> Vec<String> {
        paragraphs.iter().filter(|(p, n, _)| *p == part && *n == node).map(|(_, _, t)| t.clone()).collect()
    };
    let discussion = sc.thread.as_ref().map(|t| {
        let children = t.children();
        let top = (0..t.nodes.len()).filter(|&i| t.nodes[i].parent.is_none());
        TruthDiscussion {
            count: t.count.as_ref().map(|c| c.0),
            more: t.more.is_some(),
            comments: top.map(|i| truth_comment(t, i, &children, &texts)).collect(),
            other: Vec::new(),
        }
    });
    Truth {
        title: sc.show_title.then(|| sc.title.clone()),
        paragraphs: texts(Part::Article, None),
        source: sc.source.clone(),
        furniture: texts(Part::Furniture, None),
        rating: sc.rating.as_ref().map(|r| TruthRating {
            average: r.average,
            votes: r.votes,
            title: r.title.clone(),
        }),
        discussion,
        trailer: texts(Part::Trailer, None),
    }
}

fn truth_comment(
    t: &Thread,
    i: usize,
    children: &[Vec<usize>],
    texts: &dyn Fn(Part, Option<usize>) -> Vec<String>,
) -> TruthComment {
    let n = &t.nodes[i];
    // The rule the parser implements: a lost name comes back from a direct reply's `to`.
    let inferred = !n.show_author && !children[i].is_empty();
    TruthComment {
        to: n.parent.map(|p| t.nodes[p].name.clone()),
        author: (n.show_author || inferred).then(|| n.name.clone()),
        author_url: n.url.clone().filter(|_| n.show_author),
        author_inferred: inferred,
        role: n.role.clone().filter(|_| n.show_author),
        posted: n.posted.clone(),
        body: texts(Part::Body, Some(i)),
        votes: n.votes.as_ref().map(|v| v.0),
        edited: n.edited.clone(),
        replies: children[i].iter().map(|&c| truth_comment(t, c, children, texts)).collect(),
    }
}

// ---------------------------------------------------------------------------------------
// Comparing a parse with the truth
// ---------------------------------------------------------------------------------------

/// Compares a parsed dump with the truth. `Err` describes the first differences, one per
/// line, each with its path (`discussion.comments[2].replies[0].author`).
pub fn check(dump: &Dump<'_>, truth: &Truth) -> Result<(), String> {
    compare(&Truth::from_dump(dump), truth)
}

/// Compares a truth read from a parse (`got`) with the expected one (`want`), as [`check`].
pub fn compare(got: &Truth, want: &Truth) -> Result<(), String> {
    let mut d = Diffs::default();
    d.text("article.title", got.title.as_deref(), want.title.as_deref());
    d.texts("article.paragraphs", &got.paragraphs, &want.paragraphs);
    d.text("article.source", got.source.as_deref(), want.source.as_deref());
    d.texts("article.furniture", &got.furniture, &want.furniture);
    match (&got.rating, &want.rating) {
        (Some(g), Some(w)) => {
            d.value("rating.average", format_average(g.average), format_average(w.average));
            d.value("rating.votes", g.votes, w.votes);
            d.text("rating.title", Some(&g.title), Some(&w.title));
        }
        (g, w) => d.presence("rating", g.is_some(), w.is_some()),
    }
    match (&got.discussion, &want.discussion) {
        (Some(g), Some(w)) => {
            d.value("discussion.count", g.count, w.count);
            d.value("discussion.more", g.more, w.more);
            d.texts("discussion.other", &g.other, &w.other);
            d.comments("discussion.comments", &g.comments, &w.comments);
        }
        (g, w) => d.presence("discussion", g.is_some(), w.is_some()),
    }
    d.texts("trailer", &got.trailer, &want.trailer);
    d.finish()
}

#[derive(Default)]
struct Diffs {
    found: Vec<String>,
}

impl Diffs {
    const SHOWN: usize = 20;

    fn finish(self) -> Result<(), String> {
        if self.found.is_empty() {
            return Ok(());
        }
        let mut report = format!("{} difference(s), expected vs got:", self.found.len());
        for diff in self.found.iter().take(Self::SHOWN) {
            report.push_str("\n  ");
            report.push_str(diff);
        }
        if self.found.len() > Self::SHOWN {
            report.push_str("\n  ...");
        }
        Err(report)
    }

    fn value<T: std::fmt::Debug + PartialEq>(&mut self, path: &str, got: T, want: T) {
        if got != want {
            self.found.push(format!("{path}: expected {want:?}, got {got:?}"));
        }
    }

    fn presence(&mut self, path: &str, got: bool, want: bool) {
        if got != want {
            let say = |present: bool| if present { "present" } else { "absent" };
            self.found.push(format!("{path}: expected {}, got {}", say(want), say(got)));
        }
    }

    fn text(&mut self, path: &str, got: Option<&str>, want: Option<&str>) {
        let (g, w) = (got.map(normalize), want.map(normalize));
        if g != w {
            self.found.push(format!(
                "{path}: expected {}, got {}",
                shorten(w.as_deref()),
                shorten(g.as_deref())
            ));
        }
    }

    fn texts(&mut self, path: &str, got: &[String], want: &[String]) {
        if got.len() != want.len() {
            self.found.push(format!("{path}: expected {} paragraph(s), got {}", want.len(), got.len()));
        }
        for (k, (g, w)) in got.iter().zip(want).enumerate() {
            self.text(&format!("{path}[{k}]"), Some(g), Some(w));
        }
    }

    fn comments(&mut self, path: &str, got: &[TruthComment], want: &[TruthComment]) {
        if got.len() != want.len() {
            self.found.push(format!(
                "{path}: expected {} comment(s) {}, got {} {}",
                want.len(),
                outline(want),
                got.len(),
                outline(got)
            ));
        }
        for (k, (g, w)) in got.iter().zip(want).enumerate() {
            let at = |field: &str| format!("{path}[{k}].{field}");
            self.text(&at("to"), g.to.as_deref(), w.to.as_deref());
            self.text(&at("author"), g.author.as_deref(), w.author.as_deref());
            self.text(&at("author_url"), g.author_url.as_deref(), w.author_url.as_deref());
            self.value(&at("author_inferred"), g.author_inferred, w.author_inferred);
            self.text(&at("role"), g.role.as_deref(), w.role.as_deref());
            match (&g.posted, &w.posted) {
                (Some(gp), Some(wp)) => {
                    self.text(&at("posted.text"), Some(&gp.text), Some(&wp.text));
                    self.value(&at("posted.at"), gp.at, wp.at);
                    self.value(&at("posted.ago"), gp.ago.as_deref(), wp.ago.as_deref());
                }
                (gp, wp) => self.presence(&at("posted"), gp.is_some(), wp.is_some()),
            }
            self.texts(&at("body"), &g.body, &w.body);
            self.value(&at("votes"), g.votes, w.votes);
            self.text(&at("edited"), g.edited.as_deref(), w.edited.as_deref());
            self.comments(&at("replies"), &g.replies, &w.replies);
        }
    }
}

/// `"text"` cut to a readable length, or `None`.
fn shorten(text: Option<&str>) -> String {
    match text {
        None => "None".to_owned(),
        Some(t) if t.chars().count() > 70 => {
            format!("{:?}", format!("{}…", t.chars().take(70).collect::<String>()))
        }
        Some(t) => format!("{t:?}"),
    }
}

/// A thread's shape by author: `[Ada {Bob}, ?]` (`?` for no author).
fn outline(comments: &[TruthComment]) -> String {
    let items: Vec<String> = comments
        .iter()
        .map(|c| {
            let name = c.author.as_deref().unwrap_or("?");
            if c.replies.is_empty() {
                name.to_owned()
            } else {
                format!(
                    "{name} {}",
                    outline(&c.replies).replacen('[', "{", 1).trim_end_matches(']').to_owned() + "}"
                )
            }
        })
        .collect();
    let text = format!("[{}]", items.join(", "));
    if text.chars().count() > 160 {
        format!("{}…]", text.chars().take(160).collect::<String>())
    } else {
        text
    }
}

// ---------------------------------------------------------------------------------------
// Canonical re-rendering of a parse
// ---------------------------------------------------------------------------------------

/// Writes a parsed dump back in the plain shape of the reference page: article
/// paragraphs, credit line, `avg votes votes` + title, `Notify of`, count header, then each
/// comment depth first as badge / author / date / `Reply to\u{a0} NAME` / blank / body
/// paragraphs / `Last edited` / votes / `Reply`, load-more marker, trailer.
///
/// An inferred author is left out (the reply's `Reply to` brings it back), a linked one is
/// written `[Name](url)`. `discussion.other` is not rendered.
pub fn render_canonical(dump: &Dump<'_>) -> String {
    // Blocks of lines, separated by one blank line.
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let article = &dump.article;
    if let Some(title) = &article.title {
        blocks.push(vec![format!("# {title}")]);
    }
    blocks.extend(article.paragraphs.iter().map(|p| vec![p.to_string()]));
    if let Some(source) = &article.source {
        blocks.push(vec![source.to_string()]);
    }
    blocks.extend(article.furniture.iter().map(|p| vec![p.to_string()]));
    let mut head = Vec::new();
    if let Some(r) = &dump.rating {
        let word = if r.votes == 1 { "vote" } else { "votes" };
        head.push(format!("{} {} {word}", format_average(r.average), r.votes));
        head.push(r.title.to_string());
    }
    if let Some(d) = &dump.discussion {
        head.push("Notify of".to_owned());
        if let Some(count) = d.count {
            head.push(format!("{count} {}", if count == 1 { "Comment" } else { "Comments" }));
        }
    }
    if !head.is_empty() {
        blocks.push(head);
    }
    if let Some(d) = &dump.discussion {
        for visit in d.walk() {
            let c = visit.comment;
            let mut header = Vec::new();
            if let Some(role) = &c.role {
                header.push(role.to_string());
            }
            if let Some(author) = c.author.as_deref().filter(|_| !c.author_inferred) {
                header.push(match &c.author_url {
                    Some(url) => format!("[{author}]({url})"),
                    None => author.to_owned(),
                });
            }
            if let Some(posted) = &c.posted {
                header.push(posted.text.to_string());
            }
            if let Some(to) = visit.to {
                header.push(format!("Reply to\u{a0} {to}"));
            }
            blocks.push(header);
            blocks.extend(c.body.iter().map(|p| vec![p.to_string()]));
            let mut footer: Vec<String> = c.edited.iter().map(|e| e.to_string()).collect();
            footer.extend(c.votes.map(|v| v.to_string()));
            footer.push("Reply".to_owned());
            blocks.push(footer);
        }
        if d.more {
            blocks.push(vec!["Load More Comments".to_owned()]);
        }
    }
    blocks.extend(dump.trailer.iter().map(|p| vec![p.to_string()]));
    let mut text =
        blocks.into_iter().filter(|b| !b.is_empty()).map(|b| b.join("\n")).collect::<Vec<_>>().join("\n\n");
    text.push('\n');
    text
}

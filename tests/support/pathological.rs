//! Builders for the pathological pages of the robustness issue, in the reference page's shape
//! (`tests/data/000.txt`): an article, the rating widget and wpDiscuz chrome, then comments made
//! of an author line, a `20-08-21 17:27` date line, a blank line and a body, with a
//! `Reply to\u{a0} NAME` line before the date for replies.
//!
//! Shared by `tests/pathological.rs` (each page at full size parses without panic or stack
//! overflow) and `benches/pathological.rs` (time grows linearly with size).
#![allow(dead_code)] // each user calls only some builders

use std::fmt::Write;

/// The full sizes.
pub const SINGLE_LINE_BYTES: usize = 10_000_000;
/// A million blank lines.
pub const BLANK_LINES: usize = 1_000_000;
/// 100,000 comments.
pub const COMMENTS: usize = 100_000;
/// A reply chain 100,000 deep.
pub const CHAIN_DEPTH: usize = 100_000;
/// 100,000 `Reply to` lines without dates.
pub const REPLY_TO_LINES: usize = 100_000;
/// The issue gives no size for "a page of nothing but date lines"; as many as the comments.
pub const DATE_LINES: usize = 100_000;

/// The NBSP and space wpDiscuz prints between `Reply to` and the name.
const REPLY_TO: &str = "Reply to\u{a0} ";

const FIRST_NAMES: [&str; 8] =
    ["Frank O'hara", "EarthBotV2", "Kiki Bouba", "Dirk", "Olga", "mai magdy", "Yuva Yuvi", "Ada"];

const BODIES: [&str; 4] = [
    "Belarus was a perfectly peaceful country with a content population until the US interfered in it, which is par for the course.",
    "How can Russia help Belarus to avoid the poisonous embrace of the Empire of the West? Today, who can say what the country stands for?",
    "comment image",
    "Whatever issues Belarus has and needs to work out, subordinating itself to the USA, EU, and NATO is not even an option \u{2013} and never should be.",
];

/// A distinct, plausible display name for commenter `i`.
pub fn name(i: usize) -> String {
    format!("{} {}", FIRST_NAMES[i % FIRST_NAMES.len()], i / FIRST_NAMES.len())
}

/// The `i`-th date line, day first like the reference page (`20-08-21 17:27`), one minute
/// after the previous one. Days stop at 28 so that every date is valid.
pub fn date(i: usize) -> String {
    let minutes = 17 * 60 + 27 + i;
    let (minute, hours) = (minutes % 60, minutes / 60);
    let (hour, days) = (hours % 24, 19 + hours / 24);
    let (day, months) = (days % 28 + 1, 7 + days / 28);
    let (month, year) = (months % 12 + 1, 21 + months / 12);
    format!("{day:02}-{month:02}-{:02} {hour:02}:{minute:02}", year % 100)
}

/// The article and the chrome before the first comment, as on the reference page.
fn preamble(page: &mut String) {
    page.push_str(
        "Just one year on from Belarus\u{2019} disputed presidential election, the tense situation in the country has ground into a stalemate.\n\
         \n\
         RT. com / ABC Flash Point News 2021.\n\
         \n\
         4.5 2 votes\n\
         Article Rating\n\
         Notify of\n\
         \n\
         Inline Feedbacks\n\
         View all comments\n",
    );
}

/// One comment: author line (when given), `Reply to` line (for replies), date, blank, body.
fn comment(page: &mut String, author: Option<&str>, reply_to: Option<&str>, i: usize) {
    if let Some(author) = author {
        page.push_str(author);
        page.push('\n');
    }
    if let Some(to) = reply_to {
        page.push_str(REPLY_TO);
        page.push_str(to);
        page.push('\n');
    }
    let _ = write!(page, "{}\n\n{}\n\n", date(i), BODIES[i % BODIES.len()]);
}

/// A single line of `bytes` bytes (never more; less only by the bytes of a split character):
/// prose with chrome phrases, dates and multi-byte characters inline, and no line break.
pub fn single_line(bytes: usize) -> String {
    const UNIT: &str = "Belarus was a perfectly peaceful country \u{2013} Reply to\u{a0} EarthBotV2 20-08-21 17:27 \
                        Notify of 4.5 2 votes Article Rating \u{2018}Highly Likely\u{2019} 3 months 11 days ago. ";
    let mut page = UNIT.repeat(bytes / UNIT.len() + 1);
    let mut end = bytes;
    while !page.is_char_boundary(end) {
        end -= 1;
    }
    page.truncate(end);
    page
}

/// An article paragraph, `n` blank lines (every 16th holds spaces, a tab or an NBSP), then
/// the comment section with one comment.
pub fn blank_lines(n: usize) -> String {
    let mut page = String::with_capacity(n + 1024);
    page.push_str("The article's only paragraph.\n");
    for i in 0..n {
        page.push_str(if i % 16 == 15 { " \t\u{a0}\n" } else { "\n" });
    }
    preamble(&mut page);
    comment(&mut page, Some("Frank O'hara"), None, 0);
    page
}

/// The reference preamble and `n` comments in a repeating mix: a top-level comment, a reply
/// to it, a reply to that reply, and a top-level comment whose author line was lost.
pub fn many_comments(n: usize) -> String {
    let mut page = String::with_capacity(n * 180 + 1024);
    preamble(&mut page);
    for i in 0..n {
        let author = name(i);
        match i % 4 {
            0 => comment(&mut page, Some(&author), None, i),
            1 | 2 => comment(&mut page, Some(&author), Some(&name(i - 1)), i),
            _ => comment(&mut page, None, None, i),
        }
    }
    page
}

/// The reference preamble and a chain of `depth` comments: the first by A, then B replying
/// to A, C replying to B, and so on. The last reply sits `depth - 1` levels deep.
pub fn reply_chain(depth: usize) -> String {
    let mut page = String::with_capacity(depth * 200 + 1024);
    preamble(&mut page);
    for i in 0..depth {
        let to = i.checked_sub(1).map(name);
        comment(&mut page, Some(&name(i)), to.as_deref(), i);
    }
    page
}

/// The reference preamble, one comment by `Frank O'hara 0`, then `n` consecutive
/// `Reply to\u{a0} NAME` lines with no date anywhere after them: odd lines name that
/// comment's author, even lines a name that appears nowhere.
pub fn reply_to_lines(n: usize) -> String {
    let mut page = String::with_capacity(n * 32 + 1024);
    preamble(&mut page);
    comment(&mut page, Some(&name(0)), None, 0);
    for i in 0..n {
        page.push_str(REPLY_TO);
        if i % 2 == 1 {
            page.push_str(&name(0));
        } else {
            page.push_str(&name(i + 1));
        }
        page.push('\n');
    }
    page
}

/// `n` lines that are each a date and nothing else: mostly the reference's `20-08-21 17:27`
/// form, with a relative date every 5th line and a month-name date every 7th.
pub fn date_lines(n: usize) -> String {
    let mut page = String::with_capacity(n * 24);
    for i in 0..n {
        if i % 5 == 4 {
            let _ = writeln!(page, "{} months {} days ago", i % 12, i % 28);
        } else if i % 7 == 6 {
            let _ = writeln!(page, "August {}, 2021 {}:{:02} pm", i % 28 + 1, i % 12 + 1, i % 60);
        } else {
            page.push_str(&date(i));
            page.push('\n');
        }
    }
    page
}

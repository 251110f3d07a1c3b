//! Prints a readable summary of a page: where the article starts and how long it is, the
//! rating, and the thread as an indented tree with authors, dates and first words.
//!
//! ```text
//! cargo run --example parse                # the bundled sample page
//! cargo run --example parse -- page.txt
//! ```

use std::process::ExitCode;

use article_dump::{Dump, Parser};

/// The sample page parsed when no file is given (the crate's reference page).
const SAMPLE: &str = include_str!("data/sample.txt");

fn main() -> ExitCode {
    let (name, text) = match std::env::args().nth(1) {
        Some(path) => match std::fs::read(&path) {
            Ok(bytes) => (path, bytes),
            Err(e) => {
                eprintln!("{path}: cannot read: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => ("bundled sample page".to_owned(), SAMPLE.as_bytes().to_vec()),
    };
    match Parser::new().parse_bytes(&text) {
        Ok(dump) => {
            print!("{}", summary(&name, &dump));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{name}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn summary(name: &str, dump: &Dump<'_>) -> String {
    let mut out = String::new();
    let article = &dump.article;
    out += &format!("{name}\n\n");
    if let Some(title) = &article.title {
        out += &format!("Title:    {title}\n");
    }
    let words: usize = article.paragraphs.iter().map(|p| p.split_whitespace().count()).sum();
    out += &format!(
        "Article:  {} paragraphs, {} words, starts \"{}\"\n",
        article.paragraphs.len(),
        words,
        first_words(article.paragraphs.first().map_or("", |p| p), 8)
    );
    if let Some(source) = &article.source {
        out += &format!("Source:   {source}\n");
    }
    if let Some(first) = article.furniture.first() {
        let more = article.furniture.len() - 1;
        out += &format!("Furniture: \"{}\" and {more} more paragraph(s)\n", first_words(first, 6));
    }
    match &dump.rating {
        Some(r) => out += &format!("Rating:   {} from {} vote(s) ({})\n", r.average, r.votes, r.title),
        None => out += "Rating:   none\n",
    }
    match &dump.discussion {
        None => out += "Comments: no comment section\n",
        Some(d) => {
            let count = d.count.map_or(String::new(), |n| format!(", header says {n}"));
            let more = if d.more { ", more on other pages" } else { "" };
            out += &format!("Comments: {}{count}{more}\n", d.total());
            for visit in d.walk() {
                let c = visit.comment;
                let indent = "  ".repeat(visit.depth + 1);
                let mut author = c.author.as_deref().unwrap_or("(no name)").to_owned();
                if c.author_inferred {
                    author += " (inferred)";
                }
                let when = c.posted.as_ref().map_or("(no date)".to_owned(), |p| match p.at {
                    Some(at) => at.format("%Y-%m-%d %H:%M").to_string(),
                    None => p.text.to_string(),
                });
                let to = visit.to.map_or(String::new(), |t| format!(" -> {t}"));
                let body = first_words(c.body.first().map_or("", |b| b), 8);
                out += &format!("{indent}- {author}{to}, {when}, line {}: \"{body}\"\n", c.line);
            }
        }
    }
    if !dump.trailer.is_empty() {
        out += &format!("Trailer:  {} paragraph(s)\n", dump.trailer.len());
    }
    for w in &dump.warnings {
        out += &format!("warning: {w}\n");
    }
    out
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut s = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        s += " ...";
    }
    s
}

//! Builds a page of about 100 MB and parses it once, for measuring peak memory against the
//! input size (the issue's bound: under 3 times the page).
//!
//! ```text
//! cargo build --release --example peak_memory
//! /usr/bin/time -v target/release/examples/peak_memory [MEGABYTES] [--strict] [--page FILE]
//! ```
//!
//! The page is the reference page (`tests/data/000.txt`), or FILE: its article and chrome
//! once, then its comments (from the first comment to the end of the last) repeated until
//! the size is reached. `time -v` reports "Maximum resident set size", which includes the
//! page itself; on Linux the example prints its own peak (VmHWM) before and after parsing
//! as well, and what stays resident once the parse is done (the page and the dump: the
//! floor under the peak, whatever stage 2 keeps).

use std::process::ExitCode;

const REFERENCE: &str = include_str!("../tests/data/000.txt");

fn main() -> ExitCode {
    let mut megabytes = 100;
    let mut strict = false;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--strict" => strict = true,
            "--page" => file = args.next(),
            n => match n.parse() {
                Ok(n) => megabytes = n,
                Err(_) => {
                    eprintln!("usage: peak_memory [MEGABYTES] [--strict] [--page FILE]");
                    return ExitCode::FAILURE;
                }
            },
        }
    }
    let seed = match &file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: cannot read {path}: {error}");
                return ExitCode::FAILURE;
            }
        },
        None => REFERENCE.to_owned(),
    };
    let Some(page) = build_page(&seed, megabytes * 1_000_000) else {
        eprintln!("error: the page has no comments to repeat");
        return ExitCode::FAILURE;
    };
    drop(seed);
    let built_peak = peak_rss_kb();
    let dump = article_dump::Parser::new().strict(strict).parse(&page);
    let parsed_peak = peak_rss_kb();
    // What stays once the parse is done: the page and the dump (the output's own size).
    let resident = status_kb("VmRSS:");

    let mib = |bytes: f64| bytes / (1024.0 * 1024.0);
    println!(
        "input: {} bytes ({:.1} MiB), {} lines",
        page.len(),
        mib(page.len() as f64),
        page.lines().count()
    );
    match &dump {
        Ok(dump) => println!(
            "parsed ({}): {} article paragraphs, {} comments, {} warnings",
            if strict { "strict" } else { "lenient" },
            dump.article.paragraphs.len(),
            dump.comments().count(),
            dump.warnings.len()
        ),
        Err(error) => println!("strict parse stopped: {error}"),
    }
    if let (Some(built), Some(parsed), Some(resident)) = (built_peak, parsed_peak, resident) {
        let ratio = |kb: u64| kb as f64 * 1024.0 / page.len() as f64;
        println!(
            "peak RSS (VmHWM): {:.1} MiB after building the page ({:.2}x input), {:.1} MiB after parsing ({:.2}x input)",
            mib(built as f64 * 1024.0),
            ratio(built),
            mib(parsed as f64 * 1024.0),
            ratio(parsed)
        );
        println!(
            "RSS after parsing (VmRSS, the page and the dump): {:.1} MiB ({:.2}x input)",
            mib(resident as f64 * 1024.0),
            ratio(resident)
        );
    }
    ExitCode::SUCCESS
}

/// `seed` grown to about `target` bytes by repeating its comments: `None` when it has none.
fn build_page(seed: &str, target: usize) -> Option<String> {
    let dump = article_dump::parse(seed).ok()?;
    let comments = dump.comments();
    let (start, end) = comments.fold(None, |range: Option<(usize, usize)>, visit| {
        let span = visit.comment.span;
        Some(range.map_or((span.start, span.end), |(s, e)| (s.min(span.start), e.max(span.end))))
    })?;
    let (head, block) = (&seed[..start], &seed[start..end]);
    // Exact capacity up front: growing by doubling would leave up to 2x the page reserved
    // and distort the peak this example exists to measure.
    let mut page = String::with_capacity(target + block.len() + 64);
    page.push_str(head);
    while page.len() < target {
        page.push_str(block);
        page.push_str("\n\n");
    }
    Some(page)
}

/// The process's peak resident set so far, in KiB (Linux only).
fn peak_rss_kb() -> Option<u64> {
    status_kb("VmHWM:")
}

/// A figure of `/proc/self/status` in KiB, e.g. `VmRSS:` (Linux only).
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

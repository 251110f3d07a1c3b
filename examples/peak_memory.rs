//! Builds a page of about 100 MB and parses it once, for measuring peak memory against the
//! input size (the issue's bound: under 3 times the page).
//!
//! ```text
//! cargo build --release --example peak_memory
//! /usr/bin/time -v target/release/examples/peak_memory [MEGABYTES] [--strict]
//! ```
//!
//! The page is the reference page (`tests/data/000.txt`): its article and chrome once, then its
//! comment section repeated with numbered names until the size is reached. `time -v` reports
//! "Maximum resident set size", which includes the page itself; on Linux the example prints
//! its own peak (VmHWM) before and after parsing as well.

use std::process::ExitCode;

const REFERENCE: &str = include_str!("../tests/data/000.txt");
/// The last chrome line before the first comment of the reference page.
const LAST_CHROME: &str = "View all comments\n";

fn main() -> ExitCode {
    let mut megabytes = 100;
    let mut strict = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--strict" => strict = true,
            n => match n.parse() {
                Ok(n) => megabytes = n,
                Err(_) => {
                    eprintln!("usage: peak_memory [MEGABYTES] [--strict]");
                    return ExitCode::FAILURE;
                }
            },
        }
    }

    let page = build_page(megabytes * 1_000_000);
    let built_peak = peak_rss_kb();
    let dump = article_dump::Parser::new().strict(strict).parse(&page);
    let parsed_peak = peak_rss_kb();

    let mib = |bytes: f64| bytes / (1024.0 * 1024.0);
    println!("input: {} bytes ({:.1} MiB)", page.len(), mib(page.len() as f64));
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
    if let (Some(built), Some(parsed)) = (built_peak, parsed_peak) {
        let ratio = |kb: u64| kb as f64 * 1024.0 / page.len() as f64;
        println!(
            "peak RSS (VmHWM): {:.1} MiB after building the page ({:.2}x input), {:.1} MiB after parsing ({:.2}x input)",
            mib(built as f64 * 1024.0),
            ratio(built),
            mib(parsed as f64 * 1024.0),
            ratio(parsed)
        );
    }
    ExitCode::SUCCESS
}

/// The reference page grown to about `target` bytes by repeating its comment section with
/// numbered names (`Frank O'hara 7`, `Reply to\u{a0} EarthBotV2 7`), so that no two comments
/// look alike to a parser that matches replies to names.
fn build_page(target: usize) -> String {
    let split = REFERENCE.find(LAST_CHROME).map_or(0, |at| at + LAST_CHROME.len());
    let (head, comments) = REFERENCE.split_at(split);
    let comments = comments.trim_end();
    // Exact capacity up front: growing by doubling would leave up to 2x the page reserved
    // and distort the peak this example exists to measure.
    let mut page = String::with_capacity(target + comments.len() + 64);
    page.push_str(head);
    let mut copy = 0;
    while page.len() < target {
        let numbered = comments
            .replace("Frank O'hara", &format!("Frank O'hara {copy}"))
            .replace("EarthBotV2", &format!("EarthBotV2 {copy}"));
        page.push_str(&numbered);
        page.push_str("\n\n");
        copy += 1;
    }
    page
}

/// The process's peak resident set so far, in KiB, from `/proc/self/status` (Linux only).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

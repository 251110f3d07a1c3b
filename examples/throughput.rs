//! Parse throughput on your own files, beside the floor of any line-oriented parser over the
//! same bytes: counting newlines with `memchr`, and `str::lines().count()`.
//!
//! ```text
//! cargo run --release --example throughput -- FILE...
//! ```
//!
//! Each file is one page. The three are timed in turns over several rounds (so that a busy
//! machine slows them alike) and the best round of each is kept; the ratio of parse to
//! `str::lines` is the figure to compare between machines. Each file gets a row when there
//! are at most 20; the total row times passes over all the files, one page at a time.
//!
//! A file's own row parses that one page again and again, which the processor learns: its
//! branches are predicted and its tables stay in cache, and the parse runs up to twice as
//! fast as on pages it has not seen (measured on the bench's generated pages, 9.8 against
//! 21 µs a page). For a corpus, the total row over many different files is the figure.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Rounds of each measurement; the fastest counts.
const ROUNDS: usize = 7;
/// Each round repeats its function for at least this long.
const ROUND_TIME: Duration = Duration::from_millis(100);

/// Time per call of `f` over one round, in seconds.
fn time_per_call(mut f: impl FnMut() -> usize) -> f64 {
    let start = Instant::now();
    let mut calls = 0u32;
    while calls == 0 || start.elapsed() < ROUND_TIME {
        black_box(f());
        calls += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(calls)
}

/// Files that get a row of their own at most.
const MAX_ROWS: usize = 20;

/// Seconds per pass over `texts` of: memchr newline count, `str::lines().count()`, parse.
fn measure(texts: &[&str]) -> [f64; 3] {
    let newlines = |text: &str| memchr::memchr_iter(b'\n', text.as_bytes()).count();
    let lines = |text: &str| text.lines().count();
    let parse = |text: &str| article_dump::parse(text).map_or(0, |dump| dump.warnings.len());
    let pass = |f: &dyn Fn(&str) -> usize| texts.iter().map(|t| f(black_box(t))).sum::<usize>();
    let mut best = [f64::INFINITY; 3];
    // Interleave the three so that noise from other processes hits them all.
    for _ in 0..ROUNDS {
        best[0] = best[0].min(time_per_call(|| pass(&newlines)));
        best[1] = best[1].min(time_per_call(|| pass(&lines)));
        best[2] = best[2].min(time_per_call(|| pass(&parse)));
    }
    best
}

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / seconds / 1e6
}

fn row(name: &str, bytes: usize, [memchr, lines, parse]: [f64; 3]) {
    println!(
        "{:>10.1} {:>10.1} {:>10.1} {:>9.1}% {:>9.1}%  {name} ({bytes} bytes)",
        mb_per_s(bytes, parse),
        mb_per_s(bytes, lines),
        mb_per_s(bytes, memchr),
        100.0 * lines / parse,
        100.0 * memchr / parse,
    );
}

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: throughput FILE...");
        return ExitCode::from(2);
    }
    println!(
        "{:>10} {:>10} {:>10} {:>10} {:>10}  file",
        "parse MB/s", "lines MB/s", "memchr MB/s", "of lines", "of memchr"
    );
    let mut texts = Vec::new();
    let mut failed = false;
    for path in &paths {
        match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => {
                if let Err(e) = article_dump::parse(&text) {
                    eprintln!("{path}: {e} (timed all the same)");
                }
                texts.push((path, text));
            }
            Ok(Err(e)) => {
                eprintln!("{path}: not UTF-8: {e}");
                failed = true;
            }
            Err(e) => {
                eprintln!("{path}: cannot read: {e}");
                failed = true;
            }
        }
    }
    if texts.len() <= MAX_ROWS {
        for (path, text) in &texts {
            row(path, text.len(), measure(&[text.as_str()]));
        }
    }
    if texts.len() > 1 {
        let all: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
        let bytes = all.iter().map(|t| t.len()).sum();
        row(&format!("total of {} files", all.len()), bytes, measure(&all));
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

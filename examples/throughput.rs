//! Parse throughput on your own files, beside the floor of any line-oriented parser over the
//! same bytes: counting newlines with `memchr`, and `str::lines().count()`.
//!
//! ```text
//! cargo run --release --example throughput -- FILE...
//! ```
//!
//! Each file is one page. For each, the three are timed in turns over several rounds (so
//! that a busy machine slows them alike) and the best round of each is kept; the ratio of
//! parse to `str::lines` is the figure to compare between machines.

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

/// Seconds per pass of: memchr newline count, `str::lines().count()`, parse.
fn measure(text: &str) -> [f64; 3] {
    let mut best = [f64::INFINITY; 3];
    // Interleave the three so that noise from other processes hits them all.
    for _ in 0..ROUNDS {
        best[0] =
            best[0].min(time_per_call(|| memchr::memchr_iter(b'\n', black_box(text).as_bytes()).count()));
        best[1] = best[1].min(time_per_call(|| black_box(text).lines().count()));
        best[2] = best[2].min(time_per_call(|| {
            article_dump::parse(black_box(text)).map_or(0, |dump| dump.warnings.len())
        }));
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
    let mut total_bytes = 0;
    let mut total = [0.0; 3];
    let mut failed = false;
    for path in &paths {
        let text = match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(e)) => {
                eprintln!("{path}: not UTF-8: {e}");
                failed = true;
                continue;
            }
            Err(e) => {
                eprintln!("{path}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        if let Err(e) = article_dump::parse(&text) {
            eprintln!("{path}: {e} (timed all the same)");
        }
        let times = measure(&text);
        row(path, text.len(), times);
        total_bytes += text.len();
        for (sum, t) in total.iter_mut().zip(times) {
            *sum += t;
        }
    }
    if paths.len() > 1 && total_bytes > 0 {
        row("total", total_bytes, total);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

//! Prints a digest of the parser's output for many pages, one line per page, so that a change
//! meant to leave the output alone (a speed-up, a refactoring) can be checked on every page
//! at once: run it before and after, and `diff` the two files.
//!
//! ```text
//! cargo run --release --example output_digest -- [GENERATED] [DIR...] > before.tsv
//! ```
//!
//! The pages are every `.txt` file under `tests/data` and the given directories (sorted),
//! then `GENERATED` pages of the test generator (seeds `0..GENERATED`, default 3,000). Each
//! line holds the page's name and a hash of its lenient JSON, the role and phrase of every
//! line (`parse_annotated`), and the strict result. The hash is only meant to compare runs of
//! the same toolchain.

#[path = "../tests/support/generator.rs"]
mod generator;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The `.txt` files under `dir`, sorted; none when it cannot be read.
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            text_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}

/// The hash of everything the parser says about `text`.
fn digest(text: &str) -> u64 {
    // A fixed "now", so that relative dates resolve the same in every run.
    let now = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
    let mut parser = article_dump::Parser::new();
    if let Some(now) = now {
        parser = parser.now(now);
    }
    let mut hasher = DefaultHasher::new();
    match parser.parse_annotated(text) {
        Ok((dump, lines)) => {
            serde_json::to_string(&dump).map_err(|e| e.to_string()).hash(&mut hasher);
            for line in &lines {
                (line.line, format!("{:?}", line.role), line.phrase).hash(&mut hasher);
            }
        }
        Err(error) => error.to_string().hash(&mut hasher),
    }
    parser.strict(true).parse(text).map(|_| ()).map_err(|e| e.to_string()).hash(&mut hasher);
    hasher.finish()
}

fn main() -> ExitCode {
    let mut generated = 3_000;
    let mut dirs = vec![PathBuf::from("tests/data")];
    for arg in std::env::args().skip(1) {
        match arg.parse() {
            Ok(n) => generated = n,
            Err(_) => dirs.push(PathBuf::from(arg)),
        }
    }
    let mut files = Vec::new();
    for dir in &dirs {
        text_files(dir, &mut files);
    }
    for path in &files {
        match std::fs::read_to_string(path) {
            Ok(text) => println!("{}\t{:016x}", path.display(), digest(&text)),
            Err(error) => {
                eprintln!("error: cannot read {}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    for seed in 0..generated {
        let options = generator::Options::random(&mut generator::Rng::new(seed));
        println!("generated {seed}\t{:016x}", digest(&generator::generate(seed, &options).text));
    }
    ExitCode::SUCCESS
}

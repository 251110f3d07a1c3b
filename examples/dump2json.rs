//! Prints each page as one line of JSON (the shape of the README's JSON section).
//!
//! ```text
//! cargo run --example dump2json -- page1.txt page2.txt > pages.jsonl
//! cat page.txt | cargo run --example dump2json
//! ```
//!
//! Files are parsed in argument order; with no argument, stdin is parsed. An unreadable or
//! unparsable file is reported on stderr, the others are still printed, and the exit code is
//! 1.

use std::io::{self, Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let inputs: Vec<Option<String>> =
        if paths.is_empty() { vec![None] } else { paths.into_iter().map(Some).collect() };
    for path in inputs {
        let name = path.as_deref().unwrap_or("<stdin>");
        let bytes = match &path {
            Some(p) => std::fs::read(p),
            None => {
                let mut buf = Vec::new();
                io::stdin().read_to_end(&mut buf).map(|_| buf)
            }
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{name}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        match article_dump::parse_bytes(&bytes) {
            Ok(dump) => {
                let written = serde_json::to_writer(&mut out, &dump)
                    .map_err(io::Error::from)
                    .and_then(|()| writeln!(out));
                if let Err(e) = written {
                    eprintln!("{name}: cannot write output: {e}");
                    return ExitCode::from(2);
                }
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                failed = true;
            }
        }
    }
    if let Err(e) = out.flush() {
        eprintln!("cannot write output: {e}");
        return ExitCode::from(2);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

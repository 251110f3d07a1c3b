//! Prints every line of a page with the role the parser gave it: a way to audit a parse.
//!
//! ```text
//! cargo run --example annotate -- page.txt
//! ```

use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: annotate FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: not UTF-8: {e}");
            return ExitCode::FAILURE;
        }
    };
    match article_dump::Parser::new().parse_annotated(text) {
        Ok((dump, lines)) => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let written = lines
                .iter()
                .try_for_each(|line| {
                    let phrase = line.phrase.map_or(String::new(), |p| format!(" [{p}]"));
                    let role = format!("{:?}", line.role);
                    writeln!(out, "{:>5} {role:<8}{phrase} | {}", line.line, line.text)
                })
                .and_then(|()| dump.warnings.iter().try_for_each(|w| writeln!(out, "warning: {w}")))
                .and_then(|()| out.flush());
            match written {
                Ok(()) => ExitCode::SUCCESS,
                // A reader that stops early (`annotate page.txt | head`) is no failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("cannot write output: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Prints every line of a page with the role the parser gave it: a way to audit a parse.
//!
//! ```text
//! cargo run --example annotate -- page.txt
//! ```

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
            for line in &lines {
                let role = format!("{:?}", line.role);
                let phrase = line.phrase.map_or(String::new(), |p| format!(" [{p}]"));
                println!("{:>5} {:<8}{phrase} | {}", line.line, role, line.text);
            }
            for w in &dump.warnings {
                println!("warning: {w}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Writes generated test pages for benches and corpus runs.
//!
//! ```text
//! cargo run --release --example generate -- [--count N] [--seed S] [--jsonl | --dir DIR]
//! ```
//!
//! Page `i` comes from seed `S + i` (options and content alike), so a page is reproduced
//! from its id alone. `--jsonl` (the default) prints one `{"id": ..., "text": ...}` line per
//! page; `--dir DIR` writes `ID.txt` and `ID.truth.json` (the expected parse) into DIR.

#[path = "../tests/support/generator.rs"]
mod generator;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use generator::{generate, Options, Rng};

enum Output {
    Jsonl,
    Dir(PathBuf),
}

struct Args {
    count: u64,
    seed: u64,
    output: Output,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { count: 10, seed: 0, output: Output::Jsonl };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--count" => args.count = value("--count")?.parse().map_err(|e| format!("--count: {e}"))?,
            "--seed" => args.seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--jsonl" => args.output = Output::Jsonl,
            "--dir" => args.output = Output::Dir(PathBuf::from(value("--dir")?)),
            "-h" | "--help" => {
                return Err("usage: generate [--count N] [--seed S] [--jsonl | --dir DIR]".to_owned());
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(args)
}

fn run(args: &Args) -> std::io::Result<()> {
    if let Output::Dir(dir) = &args.output {
        std::fs::create_dir_all(dir)?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for i in 0..args.count {
        let seed = args.seed.wrapping_add(i);
        let options = Options::random(&mut Rng::new(seed));
        let page = generate(seed, &options);
        let id = format!("gen-{seed}");
        match &args.output {
            Output::Jsonl => {
                let line = serde_json::json!({"id": id, "text": page.text});
                writeln!(out, "{line}")?;
            }
            Output::Dir(dir) => {
                std::fs::write(dir.join(format!("{id}.txt")), &page.text)?;
                let truth = serde_json::to_string_pretty(&page.truth.to_json())?;
                std::fs::write(dir.join(format!("{id}.truth.json")), truth + "\n")?;
            }
        }
    }
    out.flush()
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Parses a whole corpus of page dumps into JSON Lines, on all cores, in input order.
//!
//! ```text
//! cargo run --release --example corpus -- [--jobs N] [--strict] [--text-field NAME] [--stats] [INPUT]
//! ```
//!
//! INPUT is one of:
//! - a JSON Lines file, one page per line in a `text` field, with `url` and/or `id` beside it
//!   (the C4 / FineWeb / Dolma convention; other fields are ignored);
//! - a folder of `.txt` files, one page each, taken in file-name order (subfolders and other
//!   files are skipped);
//! - `-` or nothing: JSON Lines on stdin.
//!
//! Each page gives one line on stdout: `{"url": ..., "id": ..., "dump": {...}}`, where `url` and
//! `id` are copied from the input when it has them (a `.txt` file's name is its `id`), or, for a
//! page that could not be parsed, `{"url": ..., "id": ..., "error": "..."}`. Blank input lines
//! are skipped; every other input line gives exactly one output line. Failures are also reported
//! on stderr as `input line N: reason` or `FILE: reason`, and the run goes on.
//!
//! Exit code: 0 when every page parsed, 1 when a page failed or a line was malformed, 2 on a
//! usage error or when the input or the output cannot be read or written.
//!
//! The input is read in bounded batches (a few MB), each parsed in parallel and written in
//! order while the next one is read, so memory stays flat whatever the corpus size.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread;
use std::time::{Duration, Instant};

use article_dump::{Dump, Error, Parser};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value};

const USAGE: &str = "\
usage: corpus [OPTIONS] [INPUT]

Parses every page of INPUT and writes one JSON object per page to stdout, in input order.

INPUT: a JSON Lines file (page text in a \"text\" field, with \"url\" and/or \"id\"),
       a folder of .txt files (one page each), or - / nothing for JSON Lines on stdin.

options:
  -j, --jobs N           parse on N threads (default: all cores)
      --strict           strict parsing: the first warning fails the page
      --text-field NAME  the JSON field that holds the page (default: text)
      --stats            print a summary to stderr at the end
  -h, --help             print this help

exit code: 0 all pages parsed, 1 some page failed or line was malformed, 2 usage or I/O error";

/// A batch is handed to the workers once it holds this many bytes of input (and the rest of its
/// last line)...
const BATCH_BYTES: u64 = 4 << 20;
/// ...or, from a folder, this many files.
const BATCH_FILES: usize = 1024;

fn main() -> ExitCode {
    let options = match Options::from_args(std::env::args_os().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("corpus: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let source = match Source::open(options.input.as_deref()) {
        Ok(source) => source,
        Err(message) => {
            eprintln!("corpus: {message}");
            return ExitCode::from(2);
        }
    };
    let run = run(&options, source);
    if options.stats {
        run.tally.print(run.elapsed);
    }
    if let Some(message) = run.fatal {
        eprintln!("corpus: {message}");
        ExitCode::from(2)
    } else if run.tally.failed + run.tally.malformed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The command line.
struct Options {
    /// `None` for stdin.
    input: Option<PathBuf>,
    /// `None` for all cores.
    jobs: Option<usize>,
    strict: bool,
    text_field: String,
    stats: bool,
}

impl Options {
    /// Reads the arguments; `Ok(None)` when help was asked for.
    fn from_args(args: impl IntoIterator<Item = OsString>) -> Result<Option<Options>, String> {
        let mut options =
            Options { input: None, jobs: None, strict: false, text_field: "text".to_owned(), stats: false };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let Some(flag) = arg.to_str().filter(|a| a.starts_with('-') && *a != "-") else {
                if options.input.is_some() {
                    return Err("more than one INPUT given".to_owned());
                }
                options.input = Some(PathBuf::from(arg)).filter(|p| p.as_os_str() != "-");
                continue;
            };
            // `--flag=value` or `--flag value`.
            let (flag, inline) = match flag.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
                _ => (flag, None),
            };
            let mut value = || match inline.clone() {
                Some(value) => Ok(value),
                None => args
                    .next()
                    .and_then(|v| v.into_string().ok())
                    .ok_or_else(|| format!("{flag} needs a value")),
            };
            match flag {
                "-j" | "--jobs" => {
                    let text = value()?;
                    match text.parse::<usize>() {
                        Ok(n) if n > 0 => options.jobs = Some(n),
                        _ => return Err(format!("--jobs wants a positive number, not {text:?}")),
                    }
                }
                "--text-field" => options.text_field = value()?,
                "--strict" | "--stats" | "-h" | "--help" if inline.is_some() => {
                    return Err(format!("{flag} takes no value"))
                }
                "--strict" => options.strict = true,
                "--stats" => options.stats = true,
                "-h" | "--help" => return Ok(None),
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        Ok(Some(options))
    }
}

/// Where the pages come from.
enum Source {
    /// JSON Lines from a file or stdin, and the file's size when known.
    Lines(Box<dyn BufRead + Send>, Option<u64>),
    /// The `.txt` files of a folder, sorted by name, with their sizes.
    Folder(PathBuf, Vec<(OsString, u64)>),
}

impl Source {
    fn open(input: Option<&Path>) -> Result<Source, String> {
        let Some(path) = input else {
            let stdin = BufReader::with_capacity(1 << 20, io::stdin());
            return Ok(Source::Lines(Box::new(stdin), None));
        };
        let cannot = |e: io::Error| format!("cannot read {}: {e}", path.display());
        if !fs::metadata(path).map_err(cannot)?.is_dir() {
            let file = File::open(path).map_err(cannot)?;
            let size = file.metadata().map(|m| m.len()).ok();
            return Ok(Source::Lines(Box::new(BufReader::with_capacity(1 << 20, file)), size));
        }
        let mut files = Vec::new();
        for entry in fs::read_dir(path).map_err(cannot)? {
            let name = entry.map_err(cannot)?.file_name();
            if Path::new(&name).extension().is_some_and(|e| e == "txt") {
                // A file whose metadata cannot be read is kept: reading it reports the error.
                match fs::metadata(path.join(&name)) {
                    Ok(meta) if meta.is_file() => files.push((name, meta.len())),
                    Ok(_) => {}
                    Err(_) => files.push((name, 0)),
                }
            }
        }
        files.sort_unstable();
        Ok(Source::Folder(path.to_owned(), files))
    }

    /// Total input bytes, when known in advance.
    fn size(&self) -> Option<u64> {
        match self {
            Source::Lines(_, size) => *size,
            Source::Folder(_, files) => Some(files.iter().map(|(_, size)| size).sum()),
        }
    }

    /// Sends the input to `batches`, batch by batch, until the input or the receiver ends.
    fn read(self, batches: SyncSender<Batch>) -> io::Result<()> {
        match self {
            Source::Lines(mut reader, _) => loop {
                // A few MB of input, then the rest of the last line (however long it is).
                let mut text = Vec::with_capacity(BATCH_BYTES as usize + (64 << 10));
                (&mut reader).take(BATCH_BYTES).read_to_end(&mut text)?;
                if !text.is_empty() && !text.ends_with(b"\n") {
                    reader.read_until(b'\n', &mut text)?;
                }
                // A closed receiver means the run stopped on an output error: stop reading too.
                if text.is_empty() || batches.send(Batch::Lines(text)).is_err() {
                    return Ok(());
                }
            },
            Source::Folder(dir, files) => {
                let (mut batch, mut bytes) = (Vec::new(), 0);
                for (name, size) in files {
                    let path = dir.join(&name);
                    let text = fs::read(&path);
                    let id = name.to_string_lossy().into_owned();
                    batch.push(TextFile { path, id, text });
                    bytes += size;
                    if bytes >= BATCH_BYTES || batch.len() >= BATCH_FILES {
                        let full = Batch::Files(std::mem::take(&mut batch), bytes);
                        if batches.send(full).is_err() {
                            return Ok(());
                        }
                        bytes = 0;
                    }
                }
                if !batch.is_empty() {
                    // An error here means the run already stopped: nothing is left to tell.
                    let _ = batches.send(Batch::Files(batch, bytes));
                }
                Ok(())
            }
        }
    }
}

/// Input read and not parsed yet.
enum Batch {
    /// Whole lines of JSON Lines input.
    Lines(Vec<u8>),
    /// Files of a folder, and their size in bytes.
    Files(Vec<TextFile>, u64),
}

/// A `.txt` file of a folder, or the error reading it gave.
struct TextFile {
    path: PathBuf,
    id: String,
    text: io::Result<Vec<u8>>,
}

/// What one page gives.
struct Outcome {
    /// The output line, without its newline.
    json: Vec<u8>,
    /// For a page that failed: `input line N: reason` or `FILE: reason`.
    report: Option<String>,
    /// The page's counts, for `--stats`.
    tally: Tally,
}

/// The non-blank lines of `text` with their 1-based numbers, `next` being the first one's.
fn split_lines<'t>(text: &'t [u8], next: &mut u64) -> Vec<(u64, &'t [u8])> {
    let last = (!text.ends_with(b"\n")).then_some(text.len());
    let mut lines = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text).chain(last) {
        let line = &text[start..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            lines.push((*next, line));
        }
        start = end + 1;
        *next += 1;
    }
    lines
}

/// Parses the page on JSON line `number`. Runs on the worker threads, as [`process_file`] does;
/// never fails: a failure is an outcome.
fn process_line(number: u64, json: &[u8], parser: &Parser, text_field: &str) -> Outcome {
    let place = || format!("input line {number}");
    let mut record = match serde_json::from_slice::<Map<String, Value>>(json) {
        Ok(record) => record,
        Err(e) => return Outcome::malformed(&Keys::default(), &place(), &json_error(&e)),
    };
    let text = record.remove(text_field);
    let keys = Keys { url: record.remove("url"), id: record.remove("id") };
    match text {
        Some(Value::String(text)) => Outcome::parsed(&keys, parser.parse(&text), place),
        Some(_) => {
            let reason = format!("field \"{text_field}\" is not a string");
            Outcome::malformed(&keys, &place(), &reason)
        }
        None => Outcome::malformed(&keys, &place(), &format!("no \"{text_field}\" field")),
    }
}

/// Parses the page of a `.txt` file.
fn process_file(file: TextFile, parser: &Parser) -> Outcome {
    let keys = Keys { url: None, id: Some(Value::String(file.id)) };
    let place = || file.path.display().to_string();
    match file.text {
        Ok(text) => Outcome::parsed(&keys, parser.parse_bytes(&text), place),
        Err(e) => Outcome::failed(&keys, &place(), &format!("cannot read: {e}")),
    }
}

/// The `url` and `id` of a page, when the input has them.
#[derive(Default)]
struct Keys {
    url: Option<Value>,
    id: Option<Value>,
}

impl Keys {
    /// `{"url":...,"id":...,` with the keys the input had, ready for the last member.
    fn object_head(&self) -> Vec<u8> {
        let mut json = b"{".to_vec();
        for (key, value) in [("url", &self.url), ("id", &self.id)] {
            if let Some(value) = value {
                json.extend_from_slice(format!("\"{key}\":{value},").as_bytes());
            }
        }
        json
    }
}

impl Outcome {
    /// The outcome of a parse; `place` names the page in a failure report.
    fn parsed(keys: &Keys, result: Result<Dump<'_>, Error>, place: impl FnOnce() -> String) -> Outcome {
        let dump = match result {
            Ok(dump) => dump,
            Err(e) => return Outcome::failed(keys, &place(), &e.to_string()),
        };
        let mut json = keys.object_head();
        json.extend_from_slice(b"\"dump\":");
        if let Err(e) = serde_json::to_writer(&mut json, &dump) {
            return Outcome::failed(keys, &place(), &format!("cannot serialize: {e}"));
        }
        json.push(b'}');
        Outcome { json, report: None, tally: Tally::of(&dump) }
    }

    /// A page that the parser (or reading its file) failed on.
    fn failed(keys: &Keys, place: &str, reason: &str) -> Outcome {
        let mut outcome = Outcome::error(keys, place, reason);
        outcome.tally.failed = 1;
        outcome
    }

    /// A JSON line that is not an object with a string in the text field.
    fn malformed(keys: &Keys, place: &str, reason: &str) -> Outcome {
        let mut outcome = Outcome::error(keys, place, reason);
        outcome.tally.malformed = 1;
        outcome
    }

    fn error(keys: &Keys, place: &str, reason: &str) -> Outcome {
        let mut json = keys.object_head();
        json.extend_from_slice(format!("\"error\":{}}}", Value::from(reason)).as_bytes());
        Outcome {
            json,
            report: Some(format!("{place}: {reason}")),
            tally: Tally { pages: 1, ..Tally::default() },
        }
    }
}

/// A serde_json error as `malformed JSON at column C: what` (every line is its own document, so
/// serde_json's own `at line 1` says nothing), or `not a JSON object` for valid JSON of the
/// wrong type.
fn json_error(e: &serde_json::Error) -> String {
    if e.is_data() {
        return "not a JSON object".to_owned();
    }
    let text = e.to_string();
    let at = format!(" at line {} column {}", e.line(), e.column());
    let what = text.strip_suffix(&at).unwrap_or(&text);
    format!("malformed JSON at column {}: {what}", e.column())
}

/// Counts over pages, for `--stats`.
#[derive(Debug, Default)]
struct Tally {
    /// Every input page, whatever became of it.
    pages: u64,
    /// Pages the parser failed on (or whose file could not be read).
    failed: u64,
    /// JSON lines that were not a page: bad JSON, or no string in the text field.
    malformed: u64,
    /// Input bytes, blank lines included.
    bytes: u64,
    with_discussion: u64,
    comments: u64,
    replies: u64,
    warnings: BTreeMap<&'static str, u64>,
}

impl Tally {
    fn of(dump: &Dump<'_>) -> Tally {
        let mut tally =
            Tally { pages: 1, with_discussion: u64::from(dump.discussion.is_some()), ..Tally::default() };
        for visit in dump.comments() {
            if visit.depth == 0 {
                tally.comments += 1;
            } else {
                tally.replies += 1;
            }
        }
        for warning in &dump.warnings {
            *tally.warnings.entry(warning.kind.name()).or_default() += 1;
        }
        tally
    }

    fn add(&mut self, other: &Tally) {
        self.pages += other.pages;
        self.failed += other.failed;
        self.malformed += other.malformed;
        self.bytes += other.bytes;
        self.with_discussion += other.with_discussion;
        self.comments += other.comments;
        self.replies += other.replies;
        for (kind, n) in &other.warnings {
            *self.warnings.entry(kind).or_default() += n;
        }
    }

    fn print(&self, elapsed: Duration) {
        let row = |label: &str, value: &dyn std::fmt::Display| {
            eprintln!("{:<30}{value}", format!("{label}:"));
        };
        let parsed = self.pages - self.failed - self.malformed;
        row("pages", &self.pages);
        row("  parsed", &parsed);
        row("  failed pages", &self.failed);
        row("  malformed lines", &self.malformed);
        row("pages with a comment section", &self.with_discussion);
        row("comments", &self.comments);
        row("replies", &self.replies);
        row("warnings", &self.warnings.values().sum::<u64>());
        for (kind, n) in &self.warnings {
            row(&format!("  {kind}"), n);
        }
        let seconds = elapsed.as_secs_f64();
        let megabytes = self.bytes as f64 / 1e6;
        row("input", &format_args!("{megabytes:.1} MB"));
        row("time", &format_args!("{seconds:.2} s"));
        if seconds > 0.0 {
            let pages = self.pages as f64 / seconds;
            row("pages/s", &format_args!("{pages:.0}"));
            row("MB/s", &format_args!("{:.1}", megabytes / seconds));
        }
    }
}

/// What a run did, and the error that stopped it early, if one did.
struct Run {
    tally: Tally,
    elapsed: Duration,
    fatal: Option<String>,
}

/// Reads, parses and writes the whole input: a reader thread fills batches, the rayon pool parses
/// each batch in parallel, a writer thread writes the results in order.
fn run(options: &Options, source: Source) -> Run {
    let started = Instant::now();
    let mut run = Run { tally: Tally::default(), elapsed: Duration::ZERO, fatal: None };
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(options.jobs.unwrap_or(0)).build() {
        Ok(pool) => pool,
        Err(e) => {
            run.fatal = Some(format!("cannot start the worker threads: {e}"));
            return run;
        }
    };
    let parser = Parser::new().strict(options.strict);
    let progress = Progress::new(source.size(), started);
    // While the workers parse a batch, the reader fills the next one and the writer writes the
    // last one; one more may wait on each side. So at most five batches are in memory.
    let (batch_tx, batch_rx) = sync_channel::<Batch>(1);
    let (done_tx, done_rx) = sync_channel::<(Vec<Outcome>, u64)>(1);
    thread::scope(|scope| {
        let reader = scope.spawn(move || source.read(batch_tx));
        let writer = scope.spawn(|| write(done_rx, &progress));
        let mut next_line = 1;
        for batch in batch_rx {
            let done = match batch {
                Batch::Lines(text) => {
                    let lines = split_lines(&text, &mut next_line);
                    let field = options.text_field.as_str();
                    let outcomes = pool.install(|| {
                        let lines = lines.into_par_iter();
                        lines.map(|(number, json)| process_line(number, json, &parser, field)).collect()
                    });
                    (outcomes, text.len() as u64)
                }
                Batch::Files(files, bytes) => {
                    let outcomes = pool.install(|| {
                        let files = files.into_par_iter();
                        files.map(|file| process_file(file, &parser)).collect()
                    });
                    (outcomes, bytes)
                }
            };
            if done_tx.send(done).is_err() {
                break; // The writer stopped on an error, which it returns.
            }
        }
        drop(done_tx);
        let (tally, written) = join(writer);
        run.tally = tally;
        if let Err(e) = written {
            run.fatal = Some(format!("cannot write the output: {e}"));
        } else if let Err(e) = join(reader) {
            run.fatal = Some(format!("cannot read the input: {e}"));
        }
    });
    progress.finish();
    run.elapsed = started.elapsed();
    run
}

/// Joins a thread, passing its panic on.
fn join<T>(handle: thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Writes the outcomes to stdout in order and failure reports to stderr; sums the counts of
/// what it wrote (until an output error, which stops it).
fn write(outcomes: Receiver<(Vec<Outcome>, u64)>, progress: &Progress) -> (Tally, io::Result<()>) {
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut tally = Tally::default();
    let write_all = || -> io::Result<()> {
        for (batch, bytes) in outcomes {
            for outcome in batch {
                out.write_all(&outcome.json)?;
                out.write_all(b"\n")?;
                if let Some(report) = &outcome.report {
                    progress.bar.suspend(|| eprintln!("{report}"));
                }
                tally.add(&outcome.tally);
            }
            tally.bytes += bytes;
            progress.advance(bytes, &tally);
        }
        out.flush()
    };
    let written = write_all();
    (tally, written)
}

/// The progress bar on stderr, drawn only when stderr is a terminal.
struct Progress {
    bar: ProgressBar,
    started: Instant,
}

impl Progress {
    /// A bar with an ETA when the input size is known, a spinner otherwise.
    fn new(size: Option<u64>, started: Instant) -> Progress {
        if !io::stderr().is_terminal() {
            let bar = ProgressBar::hidden();
            return Progress { bar, started };
        }
        let bar = if let Some(size) = size {
            let template = "{elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} \
                            {decimal_bytes_per_sec}, {msg}, ETA {eta}";
            ProgressBar::new(size).with_style(style(template))
        } else {
            let template = "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec}, {msg}";
            ProgressBar::new_spinner().with_style(style(template))
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar, started }
    }

    fn advance(&self, bytes: u64, tally: &Tally) {
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = tally.pages as f64 / seconds;
        self.bar.set_message(format!("{} pages, {rate:.0} pages/s", tally.pages));
        self.bar.inc(bytes);
    }

    fn finish(&self) {
        self.bar.finish();
    }
}

fn style(template: &str) -> ProgressStyle {
    // The templates above are constant and valid; fall back to the default style all the same.
    ProgressStyle::with_template(template)
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

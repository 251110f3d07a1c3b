//! Runs the crate's example binaries from integration tests.
//!
//! `cargo test` builds the examples next to the test binaries: a test runs as
//! `target/<profile>/deps/<test>-<hash>`, and the examples are in `target/<profile>/examples/`.
// Each test file compiles this module on its own and may use only part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The path of the built example `name`.
///
/// # Panics
///
/// When the binary is not there: `cargo test` builds every example, but `cargo test --test X`
/// does not, so run `cargo build --example NAME` first in that case.
pub fn example_path(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir =
        exe.parent().and_then(|deps| deps.parent()).expect("the test binary is in target/<profile>/deps");
    let path = profile_dir.join("examples").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is not built: run `cargo build --example {name}` (plain `cargo test` builds it)",
        path.display()
    );
    path
}

/// Runs example `name` with `args`, feeding it `stdin` (or nothing), and waits for it.
pub fn run_example(name: &str, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(example_path(name))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start example {name}: {e}"));
    let mut pipe = child.stdin.take().expect("piped stdin");
    let input = stdin.to_vec();
    // Write from another thread so that a large input cannot block against a full stdout pipe.
    let feeder = std::thread::spawn(move || {
        // The example may exit without reading everything (a usage error): ignore a broken pipe.
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("the example runs");
    feeder.join().expect("the stdin thread");
    output
}

/// The exit code, stdout lines and stderr lines of a finished run.
pub fn outcome(output: &Output) -> (Option<i32>, Vec<String>, Vec<String>) {
    let lines = |bytes: &[u8]| {
        String::from_utf8(bytes.to_vec()).expect("UTF-8 output").lines().map(str::to_owned).collect()
    };
    (output.status.code(), lines(&output.stdout), lines(&output.stderr))
}

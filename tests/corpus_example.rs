//! Runs `examples/corpus.rs` on small corpora: output lines, failure reports and exit codes.
//!
//! The assertions are about the program (ids, order, one line per page, reports, counts, exit
//! codes), not about what the parser finds in a page.
#![cfg(feature = "serde")]

mod support;

use std::fs;
use std::path::PathBuf;

use serde_json::{json, Value};
use support::run_example::{outcome, run_example};

/// A page that any parser, strict or not, reads without complaint.
const PAGE: &str = "A short article.\n\nIts second paragraph.\n";

/// Runs the example; returns the exit code, the output lines as JSON, and the stderr lines.
fn corpus(args: &[&str], stdin: &[u8]) -> (Option<i32>, Vec<Value>, Vec<String>) {
    let (code, out, err) = outcome(&run_example("corpus", args, stdin));
    let out =
        out.iter().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))).collect();
    (code, out, err)
}

fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

/// The number on the `--stats` line `label: N`.
fn stat(stderr: &[String], label: &str) -> u64 {
    let prefix = format!("{label}:");
    let line = stderr
        .iter()
        .find_map(|line| line.trim_start().strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {label:?} in {stderr:#?}"));
    line.trim().parse().expect("a count")
}

/// Lines 2 (truncated JSON), 4 (empty text) and 5 (whitespace-only text) are bad; line 3 is
/// blank and skipped.
fn mixed_input() -> String {
    let mut input = jsonl(&[json!({"id": "p1", "url": "https://example.com/1", "text": PAGE})]);
    input.push_str("{\"id\": \"p2\", \"text\": \"cut short\n");
    input.push('\n');
    input.push_str(&jsonl(&[
        json!({"id": "p3", "text": ""}),
        json!({"url": "https://example.com/4", "text": "  \n\t\n"}),
        json!({"id": 5, "timestamp": "2024-01-01", "text": PAGE}),
    ]));
    input
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn bad_lines_and_failed_pages_are_reported_and_keep_their_place() {
    let input = mixed_input();
    let path = temp_dir("corpus-mixed").join("pages.jsonl");
    fs::write(&path, &input).unwrap();
    let path = path.to_str().unwrap();
    for args in [vec!["--strict", path], vec![path], vec!["--jobs", "2"]] {
        let (code, out, err) = corpus(&args, input.as_bytes());
        assert_eq!(code, Some(1), "{args:?}");
        assert_eq!(out.len(), 5, "{args:?}: {out:#?}");

        assert_eq!(out[0]["id"], "p1");
        assert_eq!(out[0]["url"], "https://example.com/1");
        assert!(out[0]["dump"]["article"].is_object());
        assert!(out[0].get("error").is_none());

        let malformed = out[1].as_object().unwrap();
        assert_eq!(malformed.keys().collect::<Vec<_>>(), ["error"]);
        let reason = malformed["error"].as_str().unwrap();
        assert!(reason.starts_with("malformed JSON at column "), "{reason}");

        assert_eq!(out[2]["id"], "p3");
        assert!(out[2].get("url").is_none() && out[2].get("dump").is_none());
        assert_eq!(out[3]["url"], "https://example.com/4");
        assert!(out[3].get("id").is_none() && out[3].get("dump").is_none());
        for failed in [&out[2], &out[3]] {
            let error = failed["error"].as_str().unwrap();
            assert!(error.contains(" at line 1 column "), "{error}");
        }

        assert_eq!(out[4]["id"], 5);
        assert!(out[4]["dump"]["article"].is_object());

        let expected = [
            format!("input line 2: {reason}"),
            format!("input line 4: {}", out[2]["error"].as_str().unwrap()),
            format!("input line 5: {}", out[3]["error"].as_str().unwrap()),
        ];
        assert_eq!(err, expected, "{args:?}");
    }
}

#[test]
fn stats_count_pages_failures_and_malformed_lines() {
    let (code, out, err) = corpus(&["--stats", "--strict", "-"], mixed_input().as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(out.len(), 5);
    assert!(err[..3].iter().all(|line| line.starts_with("input line ")));
    assert_eq!(stat(&err, "pages"), 5);
    assert_eq!(stat(&err, "parsed"), 2);
    assert_eq!(stat(&err, "failed pages"), 2);
    assert_eq!(stat(&err, "malformed lines"), 1);
    let with_section = stat(&err, "pages with a comment section");
    assert!(with_section <= 2);
    let total = stat(&err, "comments") + stat(&err, "replies");
    let threads: u64 = out
        .iter()
        .filter_map(|line| line["dump"]["discussion"]["comments"].as_array())
        .map(|comments| comments.len() as u64)
        .sum();
    assert!(total >= threads);
    stat(&err, "warnings");
}

#[test]
fn clean_input_on_stdin_exits_zero() {
    let input = jsonl(&[
        json!({"id": "a", "text": PAGE}),
        json!({"text": PAGE}),
        json!({"url": "https://example.com/c", "text": PAGE, "meta": {"lang": "en"}}),
    ]);
    for args in [&[][..], &["-"][..]] {
        let (code, out, err) = outcome(&run_example("corpus", args, input.as_bytes()));
        assert_eq!(code, Some(0), "{err:?}");
        assert!(err.is_empty(), "{err:?}");
        // Keys come in this order: url, id, dump.
        let starts = [r#"{"id":"a","dump":{"#, r#"{"dump":{"#, r#"{"url":"https://example.com/c","dump":{"#];
        assert_eq!(out.len(), starts.len());
        for (line, start) in out.iter().zip(starts) {
            assert!(line.starts_with(start) && line.ends_with('}'), "{line}");
        }
    }
}

#[test]
fn output_keeps_input_order_across_batches() {
    // About 8 MB, so several batches of 4 MB, with a line of 3 MB, a blank line, and a bad last
    // line; the `pad` field is read as JSON but is not a page.
    let pages = 3000;
    let mut input = String::new();
    for i in 0..pages {
        let pad = if i == 1234 { 3 << 20 } else { 1500 };
        let record = json!({"id": i, "pad": "x".repeat(pad), "text": format!("Page {i}.\n")});
        input.push_str(&format!("{record}\n"));
        if i == 500 {
            input.push('\n');
        }
    }
    input.push_str("{\"id\": \"last\"\n");

    let (code, out, err) = corpus(&["--jobs", "2"], input.as_bytes());
    assert_eq!(code, Some(1), "{err:?}");
    assert_eq!(out.len(), pages + 1);
    let ids: Vec<u64> = out[..pages].iter().map(|line| line["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, (0..pages as u64).collect::<Vec<_>>());
    // Lines are counted across batches, the blank one included.
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].starts_with("input line 3002: malformed JSON"), "{err:?}");
}

#[test]
fn text_field_names_the_page_field() {
    let input = jsonl(&[json!({"id": "x", "body": PAGE})]);
    let (code, out, err) = corpus(&["--text-field", "body"], input.as_bytes());
    assert_eq!(code, Some(0), "{err:?}");
    assert!(out[0]["dump"].is_object());

    let (code, out, err) = corpus(&[], input.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(out, [json!({"id": "x", "error": "no \"text\" field"})]);
    assert_eq!(err, ["input line 1: no \"text\" field"]);
}

#[test]
fn lines_that_are_not_pages_are_malformed() {
    let mut input = b"[1, 2]\n{\"id\": \"n\", \"text\": 3}\n".to_vec();
    input.extend_from_slice(b"{\"id\": \"u\", \"text\": \"bad \xff byte\"}\n");
    let (code, out, err) = corpus(&["--stats"], &input);
    assert_eq!(code, Some(1));
    assert_eq!(out.len(), 3);
    assert_eq!(out[0], json!({"error": "not a JSON object"}));
    assert_eq!(out[1], json!({"id": "n", "error": "field \"text\" is not a string"}));
    assert!(out[2]["error"].as_str().unwrap().starts_with("malformed JSON"));
    assert!(err[2].starts_with("input line 3: malformed JSON"), "{err:?}");
    assert_eq!(stat(&err, "malformed lines"), 3);
}

#[test]
fn folder_of_txt_files_in_name_order() {
    let dir = temp_dir("corpus-folder");
    fs::write(dir.join("b.txt"), PAGE).unwrap();
    fs::write(dir.join("a.txt"), format!("\u{feff}{PAGE}")).unwrap();
    fs::write(dir.join("c.txt"), "").unwrap();
    fs::write(dir.join("d.txt"), b"Not UTF-8: \xff.\n").unwrap();
    fs::write(dir.join("notes.md"), PAGE).unwrap();
    fs::create_dir(dir.join("sub.txt")).unwrap();
    let (code, out, err) = corpus(&["--stats", dir.to_str().unwrap()], b"");

    assert_eq!(code, Some(1));
    let ids: Vec<&str> = out.iter().map(|line| line["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.txt", "b.txt", "c.txt", "d.txt"]);
    assert!(out[0]["dump"].is_object() && out[1]["dump"].is_object());
    assert!(out[0].get("url").is_none());
    for (line, file) in [(&out[2], "c.txt"), (&out[3], "d.txt")] {
        let error = line["error"].as_str().unwrap();
        let report = format!("{}: {error}", dir.join(file).display());
        assert!(err.contains(&report), "{report:?} not in {err:#?}");
    }
    assert_eq!(stat(&err, "pages"), 4);
    assert_eq!(stat(&err, "failed pages"), 2);
}

#[test]
fn usage_errors_exit_two() {
    let missing = temp_dir("corpus-usage").join("missing.jsonl");
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["--jobs", "0"],
        vec!["--jobs=many"],
        vec!["--jobs"],
        vec!["--frobnicate"],
        vec!["--strict=yes"],
        vec!["a.jsonl", "b.jsonl"],
        vec![missing],
    ] {
        let (code, out, err) = corpus(&args, b"");
        assert_eq!(code, Some(2), "{args:?}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err[0].starts_with("corpus: "), "{args:?}: {err:?}");
    }
    let (code, out, _) = outcome(&run_example("corpus", &["--help"], b""));
    assert_eq!(code, Some(0));
    assert!(out[0].starts_with("usage: corpus"));
}

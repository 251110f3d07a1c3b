//! The examples run as a user would run them: `parse` with and without a file, `dump2json`
//! with files, stdin, and bad input.
#![cfg(feature = "serde")]

mod support;

use support::run_example::{outcome, run_example};

fn data(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn parse_summarizes_the_bundled_sample_page() {
    let (code, out, err) = outcome(&run_example("parse", &[], b""));
    assert_eq!(code, Some(0), "stderr: {err:?}");
    let text = out.join("\n");
    assert!(text.contains("Article:  37 paragraphs"), "{text}");
    assert!(text.contains("Source:   RT. com / ABC Flash Point News 2021."), "{text}");
    assert!(!text.contains("Furniture:"), "the reference page has none: {text}");
    assert!(text.contains("Rating:   4.5 from 2 vote(s) (Article Rating)"), "{text}");
    assert!(text.contains("Comments: 4"), "{text}");
    // The thread as an indented tree: the reply one level deeper than its parent.
    assert!(text.contains("\n  - Frank O'hara, 2021-08-20 17:27, line 95: \"Belarus was"), "{text}");
    assert!(text.contains("\n  - EarthBotV2 (inferred), 2021-08-20 17:28, line 100"), "{text}");
    assert!(
        text.contains("\n    - (no name) -> EarthBotV2, 2021-08-20 17:29, line 104: \"comment image\""),
        "{text}"
    );
}

#[test]
fn parse_reads_a_file_and_reports_a_missing_one() {
    let (code, out, _) = outcome(&run_example("parse", &[&data("004.txt")], b""));
    assert_eq!(code, Some(0));
    assert!(out.iter().any(|l| l.contains("Comments: 14, header says 14")), "{out:?}");
    assert!(
        out.iter()
            .any(|l| l
                == "Furniture: \"Print Friendly, PDF & EmailPrint Friendly, ...\" and 13 more paragraph(s)"),
        "{out:?}"
    );

    let (code, out, err) = outcome(&run_example("parse", &["/no/such/page.txt"], b""));
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert!(err[0].starts_with("/no/such/page.txt: cannot read:"), "{err:?}");
}

#[test]
fn dump2json_prints_one_document_per_file_in_argument_order() {
    let files = [data("004.txt"), data("000.txt"), data("012.txt")];
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, out, err) = outcome(&run_example("dump2json", &args, b""));
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(out.len(), 3);
    let counts: Vec<usize> = out
        .iter()
        .map(|line| {
            let dump: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
            dump["discussion"]["comments"].as_array().map_or(0, Vec::len)
        })
        .collect();
    assert_eq!(counts, [12, 3, 3], "top-level comments of 004, 000 and 012");
}

#[test]
fn dump2json_reads_stdin() {
    let page = "Text of the article.\n\nNotify of\n\nAda\n20-08-21 17:27\n\nHello.\n";
    let (code, out, _) = outcome(&run_example("dump2json", &[], page.as_bytes()));
    assert_eq!(code, Some(0));
    let dump: serde_json::Value = serde_json::from_str(&out[0]).unwrap();
    assert_eq!(dump["discussion"]["comments"][0]["author"], "Ada");
    assert_eq!(dump["discussion"]["comments"][0]["posted"]["at"], "2021-08-20T17:27:00");
}

#[test]
fn dump2json_reports_bad_files_and_goes_on() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let bad_utf8 = dir.join("bad-utf8.txt");
    std::fs::write(&bad_utf8, b"fine line\nbroken \xff byte\n").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"  \n\n").unwrap();
    let args = [bad_utf8.to_str().unwrap(), "/no/such/file.txt", empty.to_str().unwrap(), &data("000.txt")];
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = outcome(&run_example("dump2json", &args, b""));
    assert_eq!(code, Some(1), "any failure makes the exit code non-zero");
    assert_eq!(out.len(), 1, "the good file is still printed");
    assert_eq!(err.len(), 3, "{err:?}");
    assert!(err[0].ends_with("bad-utf8.txt: invalid UTF-8 byte 0xff at line 2 column 8"), "{err:?}");
    assert!(err[1].starts_with("/no/such/file.txt: cannot read:"), "{err:?}");
    assert!(err[2].ends_with("empty.txt: input is empty or only whitespace at line 1 column 1"), "{err:?}");
}

#[test]
fn output_digest_prints_one_stable_line_per_page() {
    let run = || outcome(&run_example("output_digest", &["4", "/no/such/dir"], b""));
    let (code, out, err) = run();
    assert_eq!(code, Some(0), "stderr: {err:?}");
    let mut pages = 0;
    let mut stack = vec![std::path::PathBuf::from(data(""))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("tests/data is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                pages += 1;
            }
        }
    }
    assert_eq!(out.len(), pages + 4, "one line per page of tests/data and per generated page");
    for line in &out {
        let (_, hash) = line.split_once('\t').expect("name, tab, hash");
        assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{line}");
    }
    assert_eq!(out[pages..].iter().filter(|l| l.starts_with("generated ")).count(), 4);
    // The same pages give the same digests, and different pages different ones.
    assert_eq!(run().1, out);
    let distinct: std::collections::HashSet<_> =
        out.iter().filter_map(|l| l.split_once('\t')).map(|(_, h)| h).collect();
    assert!(distinct.len() > out.len() / 2, "{} distinct of {}", distinct.len(), out.len());
}

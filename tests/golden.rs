//! Golden tests: every page under `tests/data` parses to the JSON stored beside it, and
//! agrees with its hand-checked gold annotations.
//!
//! `tests/data/NNN.txt` are real page dumps (the reference page is `000.txt`);
//! `tests/data/html/<converter>/NN.txt` are real wpDiscuz pages turned into text by five
//! HTML-to-text converters, and two of them by pandoc (`html/pandoc`, `pandoc -f html -t
//! markdown`: fenced divs, attribute blocks, ASCII quotes). Each has `*.gold.json` (hand-checked: authors, dates, reply
//! targets, body starts, rating, count, article end) and `*.json` (the parser's whole
//! output, reviewed). After an intended change of output, rewrite the `*.json` files with
//! `BLESS=1 cargo test --test golden` and review the diff.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Every `*.txt` page under `tests/data` but the converter variants, sorted.
fn pages() -> Vec<PathBuf> {
    let pages = pages_under(data_dir(), true);
    assert!(pages.len() >= 60, "expected the corpus pages under tests/data, found {}", pages.len());
    pages
}

/// The trees of generated converter dumps: gold from the markup, no blessed output; the
/// corpus tests skip them and the tests below check them against their gold.
const CONVERTER_TREES: [&str; 2] = ["variants", "converter-options"];

/// Every `*.txt` page under `dir` (skipping the [`CONVERTER_TREES`] when asked), sorted.
fn pages_under(dir: PathBuf, skip_variants: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("tests/data is readable") {
            let path = entry.expect("directory entry").path();
            if skip_variants
                && path.is_dir()
                && path.file_name().is_some_and(|n| CONVERTER_TREES.iter().any(|tree| n == *tree))
            {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The page's parse as pretty JSON, fields in the order of the model (SCHEMA.md).
fn parse_to_json_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("page is UTF-8");
    let dump = article_dump::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_string_pretty(&dump).expect("a dump serializes") + "\n"
}

fn parse_to_json(path: &Path) -> Value {
    serde_json::from_str(&parse_to_json_text(path)).expect("output is JSON")
}

#[test]
fn pages_parse_to_their_expected_json() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for page in pages() {
        let expected_path = page.with_extension("json");
        if bless {
            std::fs::write(&expected_path, parse_to_json_text(&page)).expect("expected file is writable");
            continue;
        }
        let got = parse_to_json(&page);
        let expected: Value = match std::fs::read_to_string(&expected_path) {
            Ok(text) => serde_json::from_str(&text).expect("expected file is JSON"),
            Err(_) => {
                failures.push(format!("{}: no expected output (run with BLESS=1)", page.display()));
                continue;
            }
        };
        if let Some(difference) = first_difference(&expected, &got, String::new()) {
            failures.push(format!("{}: {difference}", page.display()));
        }
    }
    assert!(failures.is_empty(), "{} page(s) differ:\n{}", failures.len(), failures.join("\n"));
}

/// The first place where two JSON values differ, as `path: expected X, got Y`.
fn first_difference(expected: &Value, got: &Value, path: String) -> Option<String> {
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{path}.{key}");
                match b.get(key) {
                    Some(other) => {
                        if let Some(d) = first_difference(value, other, here) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{here}: missing")),
                }
            }
            b.keys().find(|k| !a.contains_key(*k)).map(|k| format!("{path}.{k}: unexpected"))
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                if let Some(d) = first_difference(x, y, format!("{path}[{i}]")) {
                    return Some(d);
                }
            }
            (a.len() != b.len()).then(|| format!("{path}: expected {} items, got {}", a.len(), b.len()))
        }
        _ => (expected != got).then(|| format!("{path}: expected {expected}, got {got}")),
    }
}

/// Folding for comparisons with the gold: spacing, NBSP, markdown escapes, and the
/// typographic quotes that html2text prints as ASCII.
fn fold(text: &str) -> String {
    text.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace('\\', "")
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`fold`], plus the artifacts of HTML-to-text converters: html2text's ASCII quotes and
/// dashes, pandoc's `--` and `---` for en and em dashes (its markdown writer's smart
/// punctuation), w3m's joined CJK words, list and quote markers before a first line.
fn fold_artifacts(text: &str) -> String {
    let folded = fold(text)
        .replace(['\u{2013}', '\u{2014}'], "-")
        .replace("---", "-")
        .replace("--", "-")
        .replace('\u{2026}', "...");
    let is_cjk = |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let chars: Vec<char> = folded.chars().collect();
    let joined: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == ' ' && i > 0 && i + 1 < chars.len() && is_cjk(chars[i - 1]) && is_cjk(chars[i + 1]))
        })
        .map(|(_, &c)| c)
        .collect();
    let unmarked = joined.trim_start_matches(['•', '*', '>', '-', ' ']);
    unmarked.to_owned()
}

/// The gold's view of one comment: (author, posted, reply_to, first 24 characters of the body).
type GoldComment = (Option<String>, Option<String>, Option<String>, String);

fn start_of(text: &str) -> String {
    fold(text).chars().take(24).collect::<String>().to_lowercase()
}

fn flatten(comments: &Value, to: Option<&Value>, fold: fn(&str) -> String, out: &mut Vec<GoldComment>) {
    for c in comments.as_array().into_iter().flatten() {
        let opt = |v: Option<&Value>| v.and_then(Value::as_str).map(fold);
        let body = c["body"].get(0).and_then(Value::as_str).unwrap_or("");
        let start = fold(body).chars().take(24).collect::<String>().to_lowercase();
        out.push((opt(c.get("author")), opt(c["posted"].get("text")), opt(to.or(c.get("to"))), start));
        flatten(&c["replies"], None, fold, out);
    }
}

#[test]
fn pages_agree_with_their_gold_annotations() {
    let failures: Vec<String> = pages().iter().flat_map(|page| disagreements(page, fold)).collect();
    assert!(failures.is_empty(), "{} disagreement(s):\n{}", failures.len(), failures.join("\n"));
}

/// The converter variants (`tests/data/variants`: the dev-html pages rewritten into other
/// languages, date formats, layouts and legacy markup, then converted) agree with the gold
/// taken from their markup, once the converters' own artifacts are folded away: html2text
/// prints ASCII quotes and dashes, w3m joins CJK words (`2 年之前`), and converters put list
/// and quote markers (`• `, `> `) before a body's first line.
#[test]
fn converter_variants_agree_with_their_gold() {
    tree_agrees_with_its_gold("variants", 500);
}

/// The dev-html pages and some of their variants dumped with converter options and
/// converters that dev-html does not use (`tests/data/converter-options`: narrow wraps,
/// lynx's link numbers, html2text's default wrap, inscriptis with links, markdownify,
/// html-text, BeautifulSoup without separator or stripped, pandoc markdown wrapped and not)
/// agree with the gold taken from
/// their markup, converter artifacts folded away as above.
#[test]
fn converter_options_agree_with_their_gold() {
    tree_agrees_with_its_gold("converter-options", 300);
}

/// Every dump of the converter tree `tests/data/TREE` (at least `min_pages` of them) agrees
/// with its gold once converter artifacts are folded away.
fn tree_agrees_with_its_gold(tree: &str, min_pages: usize) {
    let pages = pages_under(data_dir().join(tree), false);
    assert!(pages.len() >= min_pages, "expected the {tree} dumps, found {}", pages.len());
    let failures: Vec<String> = pages.iter().flat_map(|page| disagreements(page, fold_artifacts)).collect();
    assert!(failures.is_empty(), "{} disagreement(s):\n{}", failures.len(), failures.join("\n"));
}

/// How `page` disagrees with its gold file, if it has one; texts compared through `fold`.
fn disagreements(page: &Path, fold: fn(&str) -> String) -> Vec<String> {
    let mut failures = Vec::new();
    let start_of = |text: &str| fold(text).chars().take(24).collect::<String>().to_lowercase();
    {
        let gold_path = page.with_extension("gold.json");
        let Ok(gold_text) = std::fs::read_to_string(&gold_path) else { return failures };
        let gold: Value = serde_json::from_str(&gold_text).expect("gold is JSON");
        let got = parse_to_json(page);
        let name = page.display();

        let mut found = Vec::new();
        flatten(&got["discussion"]["comments"], None, fold, &mut found);
        let wanted: Vec<GoldComment> = gold["comments"]
            .as_array()
            .expect("gold comments")
            .iter()
            .map(|c| {
                let opt = |k: &str| c[k].as_str().map(fold);
                (
                    opt("author"),
                    opt("posted"),
                    opt("reply_to"),
                    start_of(c["body_starts"].as_str().unwrap_or("")),
                )
            })
            .collect();
        if found.len() != wanted.len() {
            failures.push(format!("{name}: {} comments, gold has {}", found.len(), wanted.len()));
        }
        for (i, (f, w)) in found.iter().zip(&wanted).enumerate() {
            let body_agrees = f.3.starts_with(&w.3) || w.3.starts_with(&f.3);
            if (&f.0, &f.1, &f.2) != (&w.0, &w.1, &w.2) || !body_agrees {
                failures.push(format!("{name}: comment {i}: got {f:?}, gold {w:?}"));
            }
        }
        failures.extend(optional_comment_fields(&name.to_string(), &got, &gold));
        failures.extend(optional_page_fields(&name.to_string(), &got, &gold));

        let rating = &got["rating"];
        let gold_rating = &gold["rating"];
        let rating_agrees = match gold_rating {
            Value::Null => rating.is_null(),
            g => rating["average"].as_f64() == g["average"].as_f64() && rating["votes"] == g["votes"],
        };
        if !rating_agrees {
            failures.push(format!("{name}: rating {rating}, gold {gold_rating}"));
        }
        let count = &got["discussion"]["count"];
        let gold_count = &gold["comment_count_header"];
        if count.as_u64() != gold_count.as_u64() {
            failures.push(format!("{name}: count {count}, gold {gold_count}"));
        }
        if let Some(last) = gold["article_last_line_starts"].as_str() {
            let last = start_of(last);
            let paragraphs = got["article"]["paragraphs"].as_array().expect("paragraphs");
            let in_article = paragraphs.iter().filter_map(Value::as_str).flat_map(str::lines).any(|l| {
                start_of(l).starts_with(&last) || last.starts_with(&start_of(l)) && !l.trim().is_empty()
            });
            if !in_article {
                failures.push(format!("{name}: the article's last line {last:?} is not in the article"));
            }
        }
    }
    failures
}

/// Every comment of the parse, depth first, with its depth (1 for top level).
fn walk(comments: &Value, depth: usize, out: &mut Vec<(usize, Value)>) {
    for c in comments.as_array().into_iter().flatten() {
        out.push((depth, c.clone()));
        walk(&c["replies"], depth + 1, out);
    }
}

/// Fields the gold may give for a comment beyond the scorer's four (synthetic pages give
/// them): `role`, `votes`, `edited`, `author_url`, `author_inferred`, `at`, `ago`, `depth`,
/// `line`, `body_paragraphs` (the number of paragraphs).
fn optional_comment_fields(name: &str, got: &Value, gold: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(&got["discussion"]["comments"], 1, &mut found);
    let mut failures = Vec::new();
    let gold_comments = gold["comments"].as_array().cloned().unwrap_or_default();
    let synthetic = gold.get("synthetic").is_some();
    for (i, (g, (depth, c))) in gold_comments.iter().zip(&found).enumerate() {
        let mut check = |field: &str, want: Option<&Value>, have: Value| {
            if let Some(want) = want {
                let same = match (want, &have) {
                    (Value::String(a), Value::String(b)) => fold(a) == fold(b),
                    _ => *want == have,
                };
                if !same {
                    failures.push(format!("{name}: comment {i}: {field} {have}, gold {want}"));
                }
            }
        };
        for field in ["role", "votes", "edited", "author_url", "author_inferred"] {
            check(field, g.get(field), c[field].clone());
        }
        check("at", g.get("at"), c["posted"]["at"].clone());
        check("ago", g.get("ago"), c["posted"]["ago"].clone());
        // Legacy markup prints no reply marker, so its replies stay top level (spec section 10)
        // while the gold, taken from the markup's nesting, knows their depth.
        if gold["_meta"]["markup"] != "wc-legacy" {
            check("depth", g.get("depth"), Value::from(*depth));
        }
        if synthetic {
            check("line", g.get("line"), c["line"].clone());
        }
        check(
            "body_paragraphs",
            g.get("body_paragraphs"),
            Value::from(c["body"].as_array().map_or(0, Vec::len)),
        );
    }
    failures
}

/// Page fields the gold may give: `more`, `article_title`, `article_source`,
/// `article_paragraphs` (count), `trailer_starts` and `other_starts` (the first words of each
/// paragraph), `warnings` (how many).
fn optional_page_fields(name: &str, got: &Value, gold: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    let mut check = |field: &str, want: Option<&Value>, have: Value| {
        if let Some(want) = want {
            if *want != have {
                failures.push(format!("{name}: {field} {have}, gold {want}"));
            }
        }
    };
    check("more", gold.get("more"), got["discussion"]["more"].clone());
    check("article_title", gold.get("article_title"), got["article"]["title"].clone());
    check("article_source", gold.get("article_source"), got["article"]["source"].clone());
    check(
        "article_paragraphs",
        gold.get("article_paragraphs"),
        Value::from(got["article"]["paragraphs"].as_array().map_or(0, Vec::len)),
    );
    let starts = |v: &Value| -> Value {
        Value::from(
            v.as_array().into_iter().flatten().filter_map(Value::as_str).map(start_of).collect::<Vec<_>>(),
        )
    };
    let gold_starts = |k: &str| gold.get(k).map(&starts);
    check("trailer_starts", gold_starts("trailer_starts").as_ref(), starts(&got["trailer"]));
    check("other_starts", gold_starts("other_starts").as_ref(), starts(&got["discussion"]["other"]));
    check("warnings", gold.get("warnings"), Value::from(got["warnings"].as_array().map_or(0, Vec::len)));
    failures
}
